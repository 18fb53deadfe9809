//! A reader of the Kazakh or Russian catalogue meets no English: every page, CSV and printed
//! document of both editions, in kk and ru, of the sample (with examinations, fixity checks,
//! damage and transfer packages added) and of a generated archive, is searched for common
//! English words. Code (`<code>`, `<kbd>`, `<pre>`, text in backquotes), file names, paths,
//! identifiers, URLs and text the page marks as English (`lang="en"`, such as PRONOM's format
//! names) are not searched; the data the depositors typed is Cyrillic in both archives, apart
//! from names that hold none of these words.

use crate::common;

use std::fs;
use std::path::Path;

use common::Site;

/// Common English words that never occur in Kazakh or Russian text.
const STOP: &[&str] = &[
    "the",
    "and",
    "is",
    "are",
    "was",
    "were",
    "not",
    "of",
    "with",
    "from",
    "this",
    "that",
    "which",
    "has",
    "have",
    "been",
    "its",
    "should",
    "must",
    "cannot",
    "missing",
    "file",
    "files",
    "error",
    "errors",
    "warning",
    "warnings",
    "deadline",
    "deadlines",
    "success",
    "failure",
    "operating",
    "transferred",
    "withdrawn",
    "development",
    "component",
    "components",
    "documentation",
    "database",
    "missed",
    "late",
    "due",
    "working",
    "day",
    "days",
    "received",
    "certificate",
    "conclusion",
    "register",
    "sealed",
    "sealing",
    "changed",
    "differs",
    "repaired",
    "replica",
    "private",
    "credential",
    "pages",
    "bytes",
    "entries",
    "found",
    "none",
    "unknown",
    "identical",
    "required",
    "optional",
    "lacks",
    "after",
    "before",
    "outside",
    "folder",
    "deposited",
    "declared",
    "undeclared",
    "signal",
    "stopped",
];

/// One English word found: the file, the word, and the text around it.
#[derive(Debug)]
struct Hit {
    file: String,
    word: String,
    context: String,
}

/// The text a reader sees of a page: without scripts, styles, code, elements marked English,
/// and tags; entities decoded.
fn visible_text(html: &str) -> String {
    let mut text = html.to_string();
    for tag in ["script", "style", "code", "kbd", "pre"] {
        let re = regex::Regex::new(&format!(r"(?s)<{tag}\b[^>]*>.*?</{tag}>")).unwrap();
        text = re.replace_all(&text, " ").into_owned();
    }
    let english =
        regex::Regex::new(r#"(?s)<(span|td|p|li|dd)\b[^>]*\blang="en"[^>]*>.*?</(span|td|p|li|dd)>"#).unwrap();
    text = english.replace_all(&text, " ").into_owned();
    let tags = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
    text = tags.replace_all(&text, " ").into_owned();
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Whether a word of text names something rather than says something: a path or file name
/// (`docs/guide.md`, `database/`), an address (`info@example.kz`, `https://…`), a number with letters.
fn names_something(token: &str) -> bool {
    let inner = |c: char| token.trim_matches(|x: char| !x.is_alphanumeric()).contains(c);
    token.contains('/')
        || inner('.')
        || inner('@')
        || inner(':')
        || inner('\\')
        || token.chars().any(|c| c.is_ascii_digit())
}

/// The English words of `text`, outside text in backquotes and names.
fn english_in(file: &str, text: &str) -> Vec<Hit> {
    let quoted = regex::Regex::new(r"`[^`]*`").unwrap();
    let text = quoted.replace_all(text, " ");
    let mut hits = Vec::new();
    for (at, token) in
        text.match_indices(|c: char| !c.is_whitespace()).fold(Vec::<(usize, String)>::new(), |mut acc, (i, s)| {
            match acc.last_mut() {
                Some((start, t)) if *start + t.len() == i => t.push_str(s),
                _ => acc.push((i, s.to_string())),
            }
            acc
        })
    {
        if names_something(&token) {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
            let lower = word.to_ascii_lowercase();
            if STOP.contains(&lower.as_str()) {
                let from = text[..at].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
                let to = text[at..].char_indices().nth(80).map_or(text.len(), |(i, _)| at + i);
                hits.push(Hit {
                    file: file.to_string(),
                    word: lower,
                    context: text[from..to].split_whitespace().collect::<Vec<_>>().join(" "),
                });
            }
        }
    }
    hits
}

/// The English of one file of the catalogue (a page, a CSV), by its name.
fn english_of(name: &str, bytes: &[u8]) -> Vec<Hit> {
    let text = String::from_utf8_lossy(bytes);
    if name.ends_with(".html") { english_in(name, &visible_text(&text)) } else { english_in(name, &text) }
}

/// Whether a file of the catalogue is one a Kazakh or Russian reader reads.
fn in_kk_or_ru(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    (parts.contains(&"kk") || parts.contains(&"ru")) && (rel.ends_with(".html") || rel.ends_with(".csv"))
}

/// The English in every kk and ru page and CSV under `dir`, and in the Kazakh and Russian
/// documents of every transfer package under it (`…-kk.html`, `…-ru.csv`).
fn english_under(dir: &Path, root: &Path, hits: &mut Vec<Hit>, files: &mut usize) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            english_under(&path, root, hits, files);
        } else if in_kk_or_ru(&rel) {
            *files += 1;
            hits.extend(english_of(&rel, &fs::read(&path).unwrap()));
        } else if rel.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(fs::File::open(&path).unwrap()).unwrap();
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).unwrap();
                let name = entry.name().unwrap().to_string();
                if ["-kk.html", "-ru.html", "-kk.csv", "-ru.csv"].iter().any(|end| name.ends_with(end)) {
                    let mut bytes = Vec::new();
                    std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
                    *files += 1;
                    hits.extend(english_of(&format!("{rel}!{name}"), &bytes));
                }
            }
        }
    }
}

/// Fails with every English word found in `out`, file by file.
fn assert_no_english(out: &Path, at_least: usize) {
    let mut hits = Vec::new();
    let mut files = 0;
    english_under(out, out, &mut hits, &mut files);
    assert!(files >= at_least, "only {files} Kazakh and Russian files under {}", out.display());
    let report: Vec<String> = hits.iter().map(|h| format!("{}: «{}» in: {}", h.file, h.word, h.context)).collect();
    assert!(hits.is_empty(), "{} English words in Kazakh and Russian files:\n{}", hits.len(), report.join("\n"));
}

/// The shipped theme copied into a site root.
fn with_theme(root: &Path) {
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &root.join("themes"));
}

fn run(site: &Site, args: &[&str]) -> std::process::Output {
    site.cmd().args(args).output().unwrap()
}

#[test]
fn the_search_sees_what_a_reader_sees_and_nothing_else() {
    let page = r#"<p>Файл жоқ: the file is missing</p><code>the code</code><p>`qoima check` <span lang="en">SQLite Database File</span>
        docs/user_guide.md archive/a/1.0/deposit.yaml:4:2 info@example.kz https://example.kz/the-file</p>"#;
    let hits = english_of("kk/x.html", page.as_bytes());
    let words: Vec<&str> = hits.iter().map(|h| h.word.as_str()).collect();
    assert_eq!(words, ["the", "file", "is", "missing"], "{hits:?}");
    assert!(hits[0].context.contains("Файл жоқ: the file is missing"), "{hits:?}");
    let csv = "Мәртебесі\noperating,objects_received\n";
    let words: Vec<String> = english_of("kk/reports/x.csv", csv.as_bytes()).into_iter().map(|h| h.word).collect();
    assert_eq!(words, ["operating", "received"]);
    assert!(in_kk_or_ru("internal/ru/reports/fixity.csv") && !in_kk_or_ru("internal/en/index.html"));
    assert!(!in_kk_or_ru("internal/kk/reports/fixity.json"));
}

#[test]
fn the_sample_in_kazakh_and_russian_has_no_english() {
    let site = Site::sample();
    with_theme(site.dir.path());
    // A conclusion with a database, a credential and warnings; another of a sealed deposit.
    site.write("archive/e-license/3.3/source/.env", "DB_PASSWORD=hunter2\n");
    for deposit in ["e-license/3.3", "damu-med/1.4"] {
        let out = run(&site, &["examine", deposit, "--by", "Ахметова Г. К."]);
        assert!(site.path(&format!("archive/{deposit}/conclusions")).is_dir(), "{out:?}");
    }
    // Fixity checks: every deposit intact (and packaged), then one damaged and another with a
    // file added.
    let out = run(&site, &["fixity"]);
    assert!(out.status.success(), "{out:?}");
    let out = run(&site, &["package", "--all"]);
    assert!(site.path("dist/packages/damu-med.zip").is_file(), "{out:?}");
    let manifest = site.read("archive/damu-med/1.4/manifest-sha256.txt");
    let damaged = manifest.lines().find_map(|l| l.split_once("  ")).map(|(_, p)| p.to_string()).unwrap();
    let path = format!("archive/damu-med/1.4/{damaged}");
    site.write(&path, &format!("{}\n# changed\n", site.read(&path)));
    site.write("archive/astana-parking/2.1/extra.txt", "added\n");
    let out = run(&site, &["fixity"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = run(&site, &["build"]);
    assert!(site.path("dist/internal/kk/reports/fixity.csv").is_file(), "{out:?}");
    assert_no_english(&site.path("dist"), 200);
}

#[test]
fn a_generated_archive_in_kazakh_and_russian_has_no_english() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let site = Site { dir };
    let out = run(&site, &["generate", "--out", root.to_str().unwrap(), "--deposits", "40"]);
    assert!(out.status.success(), "{out:?}");
    with_theme(&root);
    let mut build = assert_cmd::Command::cargo_bin("qoima").unwrap();
    build.arg("--root").arg(&root).args(["--today", common::TODAY, "build", "--out"]).arg(root.join("dist"));
    let out = build.env("NO_COLOR", "1").env_remove("QOIMA_ROOT").env_remove("QOIMA_TODAY").output().unwrap();
    assert!(root.join("dist/internal/kk/index.html").is_file(), "{out:?}");
    assert_no_english(&root.join("dist"), 100);
}
