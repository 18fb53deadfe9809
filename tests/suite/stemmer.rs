//! The search folds and stems words the same way when it builds the index (crates/publish/src/search.rs, with
//! the rust-stemmers crate) and when a reader types a query (themes/default/static/qoima.js,
//! its own Snowball Russian stemmer): node runs the theme's script on every Russian and Kazakh
//! word of the rulebooks, the theme, the operator's guide and the sample archive, and on words
//! made to reach every ending of the algorithm, and each answer must be the crate's.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Words chosen to reach each group of endings of the Snowball Russian algorithm: perfective
/// gerunds, reflexives, adjectives and participles, verbs, nouns, `и`, derivational endings in
/// and out of R2, superlatives, a double н and the soft sign.
const HARD: &[&str] = &[
    "прочитав",
    "прочитавши",
    "прочитавшись",
    "сделав",
    "поиграв",
    "купив",
    "купивши",
    "купившись",
    "забыв",
    "забывши",
    "умывшись",
    "моются",
    "купаясь",
    "красивая",
    "красивее",
    "синие",
    "новые",
    "новое",
    "новыми",
    "синими",
    "новой",
    "синий",
    "новый",
    "новом",
    "нового",
    "новому",
    "синих",
    "новых",
    "новую",
    "синюю",
    "синяя",
    "новою",
    "синею",
    "читаемый",
    "сделанный",
    "прочитавший",
    "купивший",
    "забывший",
    "играющий",
    "свищущий",
    "рисующий",
    "читала",
    "читана",
    "читаете",
    "читайте",
    "читали",
    "читай",
    "читал",
    "читаем",
    "читан",
    "читало",
    "читано",
    "читает",
    "читают",
    "читаны",
    "читать",
    "читаешь",
    "читанно",
    "говорила",
    "мыла",
    "сделана",
    "стройте",
    "целуйте",
    "говорите",
    "говорили",
    "мыли",
    "пей",
    "целуй",
    "говорил",
    "мыл",
    "говорим",
    "мылим",
    "сделан",
    "говорило",
    "мыло",
    "сделано",
    "говорят",
    "рисует",
    "рисуют",
    "говорит",
    "мыт",
    "сделаны",
    "говорить",
    "мыть",
    "говоришь",
    "рисую",
    "рисую",
    "стола",
    "столов",
    "знание",
    "бытье",
    "поле",
    "линиями",
    "землями",
    "столами",
    "статьи",
    "линии",
    "статьей",
    "землей",
    "рукой",
    "линий",
    "край",
    "линиям",
    "землям",
    "знанием",
    "полем",
    "столам",
    "столом",
    "окно",
    "руку",
    "столах",
    "линиях",
    "землях",
    "столы",
    "ночь",
    "линию",
    "статью",
    "землю",
    "линия",
    "статья",
    "земля",
    "радость",
    "радостью",
    "кость",
    "костью",
    "новость",
    "мудрость",
    "гордость",
    "красивейший",
    "красивейшие",
    "длиннейшая",
    "длинный",
    "длинно",
    "сильнее",
    "стань",
    "жизнь",
    "ель",
    "ии",
    "яя",
    "ая",
    "я",
    "а",
    "в",
    "бв",
    "вши",
    "нн",
    "ость",
    "обращений",
    "обращения",
    "обращение",
    "обращениями",
    "поликлиника",
    "поликлиники",
    "поликлиникам",
    "лицензирование",
    "лицензированию",
    "нотариальных",
    "нотариат",
    "отиниш",
    "депозитарий",
    "депозитария",
    "депозитариев",
    "программного",
    "обеспечения",
    "электронного",
    "правительства",
    "ёлка",
    "ёжиками",
    "бегавшись",
    "играешься",
    "учащиеся",
    "прекраснейшее",
    "таинственнейшая",
    "оссетинский",
];

fn words_of(text: &str, out: &mut BTreeSet<String>) {
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        let f = qoima::search::fold(w);
        if !f.is_empty() && f.chars().all(|c| ('а'..='я').contains(&c)) {
            out.insert(f);
        }
    }
}

fn texts(dir: &Path, exts: &[&str], out: &mut BTreeSet<String>) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
        if entry.file_type().is_file() && exts.contains(&ext) {
            words_of(&std::fs::read_to_string(entry.path()).unwrap_or_default(), out);
        }
    }
}

#[test]
fn the_browser_stems_and_folds_as_the_index_does() {
    if Command::new("node").arg("--version").output().is_err() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "the stemmer test needs node on PATH");
        eprintln!("skipping: no node on PATH");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut words = BTreeSet::new();
    for w in HARD {
        words.insert(qoima::search::fold(w));
    }
    texts(&root.join("rules"), &["yaml"], &mut words);
    texts(&root.join("themes/default/i18n"), &["toml"], &mut words);
    texts(&root.join("archive"), &["yaml", "md"], &mut words);
    texts(&root.join("docs"), &["md"], &mut words);
    assert!(words.len() > 2000, "only {} words", words.len());
    let words: Vec<String> = words.into_iter().collect();
    // Mixed case, Kazakh letters, ё, and identifiers typed with punctuation, for the folding.
    let raw: Vec<&str> = vec![
        "ӨТІНІШ",
        "Өтініш",
        "Қамқор",
        "ҒЫЛЫМ",
        "Үкімет",
        "Ұлттық",
        "Һиджра",
        "Ңң",
        "Ёлка",
        "Электрондық",
        "E-Gov",
        "KZ-DEP-2023-000041",
        "Ж-2026/131",
        "ISEG-00089",
        "Вх. 3-1/2217",
        "(№ 14-ЛД)",
        "2.0",
    ];
    let script = r#"
        const vm = require("node:vm");
        const fs = require("node:fs");
        const input = JSON.parse(fs.readFileSync(0, "utf8"));
        const ctx = { window: { addEventListener() {} }, document: { addEventListener() {}, documentElement: {} } };
        vm.runInNewContext(fs.readFileSync(input.script, "utf8"), ctx);
        const s = ctx.window.QOIMA_SEARCH;
        console.log(JSON.stringify({
          stems: input.words.map((w) => s.stem(w)),
          folds: input.raw.map((w) => s.fold(w)),
          joined: input.raw.map((w) => w.split(/\s+/).map((c) => s.joined(c)).filter((j) => j !== null)),
          words: input.raw.map((w) => s.words(w)),
        }));
    "#;
    let input = serde_json::json!({
        "script": root.join("themes/default/static/qoima.js"),
        "words": words,
        "raw": raw,
    });
    let mut child = Command::new("node")
        .args(["-e", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child.stdin.take().unwrap().write_all(input.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let js: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut differ = Vec::new();
    for (w, s) in words.iter().zip(js["stems"].as_array().unwrap()) {
        let rust = qoima::search::stem(w);
        if s.as_str() != Some(rust.as_ref()) {
            differ.push(format!("{w}: rust {rust}, js {s}"));
        }
    }
    assert!(differ.is_empty(), "{} of {} words stem differently:\n{}", differ.len(), words.len(), differ.join("\n"));
    for (i, w) in raw.iter().enumerate() {
        assert_eq!(js["folds"][i].as_str(), Some(qoima::search::fold(w).as_str()), "fold {w}");
        let ids: Vec<String> = qoima::search::identifiers(w).collect();
        assert_eq!(js["joined"][i], serde_json::json!(ids), "identifiers of {w}");
        let keys: Vec<String> = qoima::search::words(w).collect();
        assert_eq!(js["words"][i], serde_json::json!(keys), "words of {w}");
    }
    // The forms of a word meet at one stem.
    assert_eq!(qoima::search::stem("обращений"), qoima::search::stem("обращения"));
}
