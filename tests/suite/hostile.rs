//! A hostile archive: everything a careless copy or a malicious submitter can put on
//! the shared drive — symbolic link loops and escapes, hard links, FIFOs and devices, names at
//! the length limits or with control, bidirectional and invisible characters, names that are not
//! UTF-8, normalization and case twins, empty and sparse files, YAML bombs, a 100 MB YAML file,
//! deep nesting, huge numbers, and script and template-injection payloads in every text field.
//!
//! Each gets its finding; `check`, `build` and `examine` finish within a time limit and a 2 GiB
//! address-space limit, never crash, never read through a link, and write nothing outside the
//! site root. The archive is made at run time: git cannot hold most of it.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, TODAY, find};
use serde_json::Value;

const DEPOSIT: &str = "archive/e-permits/1.0";
/// Read through a symbolic link, this would show in an output.
const BEHIND_LINK: &str = "SECRET-BEHIND-A-SYMLINK-51c3";
/// Script and template syntax; `{{ 7*7 }}` evaluated would print 49.
const PAYLOAD: &str =
    "<script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}{% if true %}TI-EVALUATED{% endif %}";

/// The site root inside a folder of its own, so that writes beside it can be seen.
struct Hostile {
    site: Site,
    root: PathBuf,
    device: bool,
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// A copy of the minimal system under another folder and IS code, with its deposit.yaml
/// (or system.yaml) replaced.
fn system_like(root: &Path, id: &str, code: u32, deposit_yaml: Option<String>, system_yaml: Option<String>) {
    let from = root.join("archive/e-permits");
    let to = root.join("archive").join(id);
    let own = |text: String| {
        text.replace("ISEG-00042", &format!("ISEG-{code:05}"))
            .replace("KZ-DEP-2023-000001", &format!("KZ-DEP-2023-{code:06}"))
    };
    let sys = system_yaml.unwrap_or_else(|| fs::read_to_string(from.join("system.yaml")).unwrap());
    write(&to.join("system.yaml"), own(sys));
    let dep = deposit_yaml.unwrap_or_else(|| fs::read_to_string(from.join("1.0/deposit.yaml")).unwrap());
    write(&to.join("1.0/deposit.yaml"), own(dep));
    for c in ["database/permits.sql", "docs/user-guide.md", "install/permits-1.0.txt", "license-config/postgresql.conf"]
    {
        write(&to.join("1.0").join(c), fs::read(from.join("1.0").join(c)).unwrap());
    }
    write(&to.join("1.0/source/Makefile"), "all:\n\tcc -o permits main.c\n");
}

impl Hostile {
    fn new() -> Hostile {
        let site = Site::minimal();
        let root = site.dir.path().to_path_buf();
        common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &root.join("themes"));
        let d = root.join(DEPOSIT);
        let minimal_deposit = fs::read_to_string(d.join("deposit.yaml")).unwrap();
        let minimal_system = fs::read_to_string(root.join("archive/e-permits/system.yaml")).unwrap();

        // Links: a loop, escapes relative and absolute, and a hard link.
        write(&d.join("source/Makefile"), "all:\n\tcc -o permits main.c\n");
        write(&root.join("outside/secret.txt"), BEHIND_LINK);
        std::os::unix::fs::symlink("loop", d.join("source/loop")).unwrap();
        std::os::unix::fs::symlink("../../../../outside/secret.txt", d.join("source/leak.txt")).unwrap();
        std::os::unix::fs::symlink("/etc", d.join("source/etc")).unwrap();
        write(&d.join("extra/a.bin"), vec![7u8; 100]);
        fs::hard_link(d.join("extra/a.bin"), d.join("extra/b.bin")).unwrap();
        write(&root.join("outside/linked.txt"), "shared with the deposit");
        fs::hard_link(root.join("outside/linked.txt"), d.join("extra/outside.txt")).unwrap();
        // A FIFO, and a device that never ends (/dev/zero) where one is allowed.
        let fifo = std::ffi::CString::new(d.join("install/pipe").to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0, "mkfifo");
        let zero = std::ffi::CString::new(d.join("install/zero").to_str().unwrap()).unwrap();
        // SAFETY: as above; without CAP_MKNOD this fails and the device is left out.
        let device = unsafe { libc::mknod(zero.as_ptr(), libc::S_IFCHR | 0o600, libc::makedev(1, 5)) } == 0;
        if !device {
            eprintln!("note: no device file (mknod needs CAP_MKNOD here); the FIFO stands for special files");
        }
        // Names.
        let docs = d.join("docs");
        for name in ["new\nline.txt", "cr\r.txt", "100%.txt", "back\\slash.txt", "co:lon.txt", "bell\u{7}.txt"] {
            write(&docs.join(name), "x");
        }
        write(&docs.join("invoice\u{202E}txt.exe"), "x");
        write(&docs.join("zero\u{200B}width.txt"), "x");
        write(&docs.join(format!("{}.txt", "я".repeat(125))), "x"); // 254 bytes, NAME_MAX is 255
        let mut deep = docs.join("deep");
        for i in 0..33 {
            deep = deep.join(format!("{i:02}-{}", "d".repeat(117))); // 120 bytes a level
        }
        write(&deep.join("f.txt"), "deep"); // about 4,000 bytes of path, PATH_MAX is 4,096
        write(&docs.join("deep2").join("x".repeat(120)).join("y".repeat(120)), "another path too long");
        {
            use std::os::unix::ffi::OsStrExt;
            write(&docs.join(std::ffi::OsStr::from_bytes(b"bad\xff\xfe.txt")), "x");
        }
        write(&docs.join("caf\u{e9}.txt"), "nfc");
        write(&docs.join("cafe\u{301}.txt"), "nfd");
        write(&docs.join("Readme.TXT"), "x");
        write(&docs.join("readme.txt"), "x");
        write(&docs.join("empty.md"), "");
        // A sparse file of 5 GB.
        let sparse = fs::File::create(d.join("install/disk.img")).unwrap();
        sparse.set_len(5 << 30).unwrap();

        // YAML: an alias bomb, a 100 MB file, deep nesting, huge numbers, payloads.
        // The schema is typed, so the bomb is the one a typed reader meets: a 3 MiB string
        // aliased 100,000 times (300 GB expanded) in a file under the 4 MiB limit.
        let bomb = format!("authors: [&a \"{}\"{}]", "x".repeat(3 << 20), ", *a".repeat(100_000));
        let bomb_deposit = minimal_deposit.replace("authors: [\"Сейтқали Б.\"]", &bomb);
        system_like(&root, "yaml-bomb", 43, Some(bomb_deposit), None);
        let mut huge = minimal_deposit.replace("annotation:\n", "annotation_long: \"");
        huge.push_str(&"x".repeat(100 << 20));
        huge.push_str("\"\n");
        system_like(&root, "huge-yaml", 44, Some(huge), None);
        let deep_yaml = minimal_deposit
            .replace("languages: [C]", &format!("languages: {}C{}", "[".repeat(100_000), "]".repeat(100_000)));
        system_like(&root, "deep-yaml", 45, Some(deep_yaml), None);
        let numbers = minimal_deposit
            .replace("copies: 2", "copies: 99999999999999999999999999999999")
            .replace("release_year: 2023", "release_year: 1e999")
            .replace("size_mb: 12.5", "size_mb: 1e400");
        system_like(&root, "huge-numbers", 46, Some(numbers), None);
        // Every double-quoted value carries the payload (none of its characters needs escaping
        // in a double-quoted YAML scalar), and the Markdown annotation a javascript: link.
        let inject = |text: &str| {
            let mut out = String::new();
            for (i, part) in text.split('"').enumerate() {
                if i % 2 == 1 && !part.starts_with("ISEG") && !part.starts_with("KZ-DEP") && part != "1.0" {
                    out.push_str(&format!("{PAYLOAD} {part}"));
                } else {
                    out.push_str(part);
                }
                out.push('"');
            }
            out.pop();
            out
        };
        let xss_deposit = inject(&minimal_deposit).replace(
            "  ru: \"",
            "  en: \"[click](javascript:alert(3)) <iframe src=//evil.example></iframe> *text*\"\n  ru: \"",
        );
        // A system name that starts like a spreadsheet formula.
        let xss_system = inject(&minimal_system).replacen("  en: \"", "  en: \"=SUM(2+2) ", 1);
        system_like(&root, "xss", 47, Some(xss_deposit), Some(xss_system));
        Hostile { site, root, device }
    }

    /// Runs qoima with a time limit and a 2 GiB address-space limit; returns the exit code,
    /// stdout and stderr. A crash, a panic, a kill or exit 2 fails the test.
    fn run(&self, args: &[&str], limit: Duration) -> (i32, String, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_qoima"));
        cmd.arg("--root").arg(&self.root).args(["--today", TODAY]).args(args);
        cmd.env("NO_COLOR", "1").env_remove("QOIMA_ROOT").env_remove("QOIMA_TODAY");
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        common::limit(&mut cmd, libc::RLIMIT_AS, 2 << 30);
        let started = Instant::now();
        let mut child = cmd.spawn().unwrap();
        let (out_pipe, err_pipe) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
        let out_reader = std::thread::spawn(move || std::io::read_to_string(out_pipe).unwrap_or_default());
        let err_reader = std::thread::spawn(move || std::io::read_to_string(err_pipe).unwrap_or_default());
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if started.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!("qoima {args:?} ran longer than {limit:?} on the hostile archive");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let (stdout, stderr) = (out_reader.join().unwrap(), err_reader.join().unwrap());
        let code = status.code().unwrap_or_else(|| panic!("qoima {args:?} was killed by a signal: {status}\n{stderr}"));
        assert!(!stderr.contains("panicked"), "qoima {args:?} panicked:\n{stderr}");
        assert!(code == 0 || code == 1, "qoima {args:?} could not run (exit {code}):\n{stderr}");
        (code, stdout, stderr)
    }

    /// Every file below the folder that holds the site root, but the site's own outputs.
    fn outside_listing(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = walkdir::WalkDir::new(&self.root)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.path().to_path_buf())
            .filter(|p| !p.starts_with(self.root.join("dist")))
            .collect();
        out.sort();
        out
    }
}

fn findings_at<'a>(report: &'a Value, path: &str) -> Vec<&'a Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["path"] == path).collect()
}

#[test]
fn a_hostile_archive_gets_a_finding_for_each_thing_and_nothing_crashes_or_escapes() {
    let h = Hostile::new();
    let before = h.outside_listing();
    let (code, stdout, _) = h.run(&["check", "--format", "json"], Duration::from_secs(60));
    assert_eq!(code, 1, "errors are found");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let at = |rel: &str| format!("{DEPOSIT}/{rel}");

    // Links are never followed; the escaping ones are named as such.
    for (rel, outside) in [("source/loop", false), ("source/leak.txt", true), ("source/etc", true)] {
        let f = find(&report, "error", "QOIMA-SYMLINK", &at(rel));
        assert_eq!(f["message"].as_str().unwrap().contains("outside the archive"), outside, "{f}");
    }
    // Two names of one file inside the deposit warn; a file whose other name is outside the
    // deposit is only noted (hard-link backups look like that).
    let twin = find(&report, "warning", "QOIMA-HARDLINK", &at("extra/a.bin"));
    assert!(twin["message"].as_str().unwrap().contains("extra/b.bin"), "{twin}");
    find(&report, "warning", "QOIMA-HARDLINK", &at("extra/b.bin"));
    find(&report, "info", "QOIMA-HARDLINK", &at("extra/outside.txt"));
    find(&report, "error", "QOIMA-SPECIAL", &at("install/pipe"));
    if h.device {
        find(&report, "error", "QOIMA-SPECIAL", &at("install/zero"));
    }
    find(&report, "warning", "QOIMA-SPARSE", &at("install/disk.img"));
    find(&report, "warning", "O146-5.6", &at("docs/empty.md"));

    // Names: characters that hide or reorder are errors, Windows trouble and length warnings.
    for name in ["new\nline.txt", "cr\r.txt", "bell\u{7}.txt", "invoice\u{202E}txt.exe", "zero\u{200B}width.txt"] {
        find(&report, "error", "QOIMA-NAME", &at(&format!("docs/{name}")));
    }
    for name in ["back\\slash.txt", "co:lon.txt"] {
        let f = find(&report, "warning", "QOIMA-NAME", &at(&format!("docs/{name}")));
        assert!(f["message"].as_str().unwrap().contains("Windows"), "{f}");
    }
    assert!(findings_at(&report, &at("docs/100%.txt")).is_empty(), "`%` is a fine name");
    find(&report, "warning", "QOIMA-NAME", &at(&format!("docs/{}.txt", "я".repeat(125))));
    let long_paths: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("MAX_PATH"))
        .collect();
    assert_eq!(long_paths.len(), 1, "long paths are reported once per deposit: {long_paths:#?}");
    assert!(long_paths[0]["message"].as_str().unwrap().contains("2 paths"), "{:#?}", long_paths[0]);
    let names: Vec<&Value> = common::with_rule(&report, "QOIMA-NAME");
    let says = |needle: &str| names.iter().any(|f| f["message"].as_str().unwrap().contains(needle));
    assert!(says("not valid UTF-8") && says("Unicode normalization") && says("only by case"), "{names:#?}");

    // YAML: each bad file is one finding with its position, and the rest is still checked.
    for (system, says) in [("yaml-bomb", "YAML bomb"), ("deep-yaml", "nested too deeply"), ("huge-numbers", "")] {
        let f = find(&report, "error", "QOIMA-YAML", &format!("archive/{system}/1.0/deposit.yaml"));
        assert!(f["line"].as_u64().is_some(), "{system}: a position: {f}");
        assert!(f["message"].as_str().unwrap().contains(says), "{system}: {f}");
    }
    let f = find(&report, "error", "QOIMA-YAML", "archive/huge-yaml/1.0/deposit.yaml");
    assert!(f["message"].as_str().unwrap().contains("MiB"), "refused for its size: {f}");
    let xss: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["system"] == "xss" && f["severity"] == "error")
        .collect();
    assert!(xss.is_empty(), "payloads are text, and the deposit carrying them is valid: {xss:#?}");

    // Text output: no control character of a name reaches the terminal.
    let (_, text, _) = h.run(&["check"], Duration::from_secs(60));
    assert!(text.contains("docs/new\\nline.txt") && text.contains("invoice\\u{202e}txt.exe"), "{text}");
    assert!(!text.contains('\r') && !text.contains('\u{202E}') && !text.contains('\u{7}'));

    // The catalogue renders every deposit, payloads as text.
    h.run(&["build"], Duration::from_secs(120));
    let page = fs::read_to_string(h.root.join("dist/internal/en/systems/xss/index.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(page.contains("{{ 7*7 }}"), "template syntax is shown, not run");
    // CSV exports: a cell that starts like a formula is neutralized for spreadsheets.
    let mut neutralized = 0;
    for entry in walkdir::WalkDir::new(h.root.join("dist/internal")).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "csv") {
            let text = fs::read_to_string(entry.path()).unwrap();
            for cell in text.split([',', '\n']).map(|c| c.trim_matches('"')) {
                assert!(!cell.starts_with("=SUM"), "{}: a formula cell {cell:?}", entry.path().display());
            }
            neutralized += text.matches("'=SUM(2+2)").count();
        }
    }
    assert!(neutralized > 0, "the system name reaches a CSV report");
    for dir in ["dist/internal", "dist/public"] {
        for entry in walkdir::WalkDir::new(h.root.join(dir)).into_iter().filter_map(Result::ok) {
            // HTML is where a payload would run; CSV and JSON carry deposit text as data.
            if entry.path().extension().is_none_or(|e| e != "html") {
                continue;
            }
            let text = String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned();
            let p = entry.path().display();
            assert!(!text.contains("<script>alert"), "{p}: a script from a deposit");
            assert!(!text.contains("<img src=x onerror"), "{p}: an event handler from a deposit");
            assert!(!text.contains("href=\"javascript:"), "{p}: a javascript: link from a deposit");
            assert!(!text.contains("<iframe"), "{p}: an iframe from a deposit");
            // Run as a template, `{{ 7*7 }}{% if true %}TI-EVALUATED{% endif %}` would leave
            // `49TI-EVALUATED`; shown as text, every TI-EVALUATED keeps its `{% if true %}`.
            assert_eq!(
                text.matches("TI-EVALUATED").count(),
                text.matches("{% if true %}TI-EVALUATED").count(),
                "{p}: a template from a deposit was run"
            );
            assert!(!text.contains(BEHIND_LINK), "{p}: a link was followed");
            assert!(!text.contains("root:x:0:0"), "{p}: /etc/passwd was read through a link");
        }
    }

    // The technical service's examination opens no FIFO or device and stays bounded.
    let (code, stdout, _) = h.run(&["examine", "e-permits/1.0", "--format", "json"], Duration::from_secs(120));
    assert_eq!(code, 1, "negative: the deposit has errors");
    let conclusion: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(conclusion["positive"], false);
    assert!(!stdout.contains(BEHIND_LINK));

    // Nothing was written outside the site's outputs but the conclusion.
    let after = h.outside_listing();
    let new: Vec<&PathBuf> = after.iter().filter(|p| !before.contains(p)).collect();
    let journal = h.root.join("archive/e-permits/journal.yaml");
    assert!(
        new.iter().all(|p| p.starts_with(h.root.join(DEPOSIT).join("conclusions")) || **p == journal),
        "written outside the outputs: {new:?}"
    );
    assert!(new.iter().any(|p| p.extension().is_some_and(|e| e == "json")), "the conclusion is saved");
    assert_eq!(fs::read_to_string(h.root.join("outside/secret.txt")).unwrap(), BEHIND_LINK);
    drop(h.site);
}
