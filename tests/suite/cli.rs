//! The command line as a user meets it: exit statuses, `workdays`, `schema`, `new`, the JSON
//! report snapshot, the read-only guarantee and the shipped sample archive.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use common::*;
use predicates::prelude::*;

fn qoima() -> Command {
    let mut c = Command::cargo_bin("qoima").unwrap();
    c.env("NO_COLOR", "1").env_remove("QOIMA_ROOT").env_remove("QOIMA_TODAY");
    c
}

#[test]
fn exit_2_without_a_site_root() {
    let dir = tempfile::tempdir().unwrap();
    qoima()
        .arg("--root")
        .arg(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no site.toml"));
    qoima().args(["--root", "/nonexistent/qoima", "check"]).assert().code(2);
    // An archive folder that cannot be read.
    std::fs::write(dir.path().join("site.toml"), "[site]\narchive = \"missing\"\n").unwrap();
    qoima().arg("--root").arg(dir.path()).arg("check").assert().code(2).stderr(predicate::str::contains("missing"));
    // A broken site.toml names its line.
    std::fs::write(dir.path().join("site.toml"), "[site]\narchve = \"x\"\n").unwrap();
    qoima()
        .arg("--root")
        .arg(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("site.toml:2:1"));
    // Bad arguments.
    qoima().args(["--today", "2026-02-30", "check"]).assert().code(2);
}

#[test]
fn workdays_add_and_between() {
    qoima().args(["workdays", "add", "2026-03-18", "5"]).assert().success().stdout("2026-03-30\n");
    qoima().args(["workdays", "between", "2026-03-18", "2026-03-30"]).assert().success().stdout("5\n");
    qoima().args(["workdays", "between", "2026-03-30", "2026-03-18"]).assert().success().stdout("-5\n");
    // 2023: Saturday 1 July was worked, Friday 7 July was off.
    qoima().args(["workdays", "add", "2023-06-30", "1"]).assert().success().stdout("2023-07-01\n");
    // Outside the known years: an answer and a warning, never a silent guess.
    qoima()
        .args(["workdays", "add", "2031-01-05", "3"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").and(predicate::str::contains("2031")));
    let out = qoima().args(["--format", "json", "workdays", "add", "2031-01-05", "3"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn schema_matches_the_committed_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (which, file) in [("deposit", "deposit.schema.json"), ("system", "system.schema.json")] {
        let out = qoima().args(["schema", which]).output().unwrap();
        assert!(out.status.success());
        let committed = std::fs::read_to_string(root.join("docs/schema").join(file)).unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            committed,
            "docs/schema/{file} is stale: run `qoima schema --write docs/schema`"
        );
        let v: serde_json::Value = serde_json::from_str(&committed).unwrap();
        assert!(v["properties"].is_object());
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("docs/schema/deposit.schema.json")).unwrap()).unwrap();
    assert!(v["properties"]["build"].is_object());
    assert!(v["properties"]["events"].is_object());
    assert_eq!(v["additionalProperties"], false, "unknown fields are refused by editors too");
}

#[test]
fn new_scaffolds_and_never_overwrites() {
    let site = Site::minimal();
    site.cmd().args(["new", "e-permits", "2.0"]).assert().success().stdout(predicate::str::contains("deposit.yaml"));
    let yaml = site.read("archive/e-permits/2.0/deposit.yaml");
    assert!(yaml.contains("is_code: \"ISEG-00042\""), "takes the code of the existing system");
    assert!(site.path("archive/e-permits/2.0/source").is_dir());
    // The template parses: check reports missing fields and components, not YAML errors.
    let (code, report) = site.check();
    assert_eq!(code, 1);
    assert!(with_rule(&report, "QOIMA-YAML").is_empty(), "{report:#}");
    assert!(!with_rule(&report, "O146-5.1").is_empty());
    // Never overwrites.
    site.write("archive/e-permits/2.0/deposit.yaml", "mine");
    site.cmd().args(["new", "e-permits", "2.0"]).assert().code(2).stderr(predicate::str::contains("never overwrites"));
    assert_eq!(site.read("archive/e-permits/2.0/deposit.yaml"), "mine");
    // A new system gets its system.yaml too; names that leave the archive are refused.
    site.cmd().args(["new", "e-health", "1.0"]).assert().success();
    assert!(site.path("archive/e-health/system.yaml").is_file());
    site.cmd().args(["new", "../escape", "1.0"]).assert().code(2);
    site.cmd().args(["new", "x", ".."]).assert().code(2);
}

fn tree_digest(root: &Path) -> BTreeMap<String, (u64, Vec<u8>)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).follow_links(false) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
        let meta = std::fs::symlink_metadata(e.path()).unwrap();
        let bytes = if meta.is_file() { std::fs::read(e.path()).unwrap() } else { Vec::new() };
        let mtime = meta.modified().unwrap().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
        out.insert(rel, (mtime, bytes));
    }
    out
}

#[test]
fn check_never_writes_inside_the_archive() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "copies: 2", "copies: 2\ncopies: 3");
    let before = tree_digest(site.dir.path());
    site.cmd().args(["check"]).assert().code(1);
    site.cmd().args(["check", "--format", "json", "--verbose"]).assert().code(1);
    assert_eq!(before, tree_digest(site.dir.path()));
}

#[test]
fn text_report_is_compiler_style() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "copies: 2", "copies: 0");
    let line = site.line_of(DEPOSIT_YAML, "copies: 0");
    site.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("{DEPOSIT_YAML}:{line}:9: error[O146-7]:")))
        .stdout(predicate::str::contains("1 error,"));
}

#[test]
fn json_report_snapshot() {
    // A fixture with one finding of each family, checked as of a fixed day.
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "version: \"1.0\"", "version: 1.10");
    site.edit(DEPOSIT_YAML, "{kind: objects_received, date: 2023-03-17}", "{kind: objects_received, date: 2023-03-23}");
    site.write("archive/e-permits/1.0/database/permits.sql", "");
    let out = site.cmd().args(["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let actual = String::from_utf8(out.stdout).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/check-report.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).expect("tests/snapshots/check-report.json (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(actual, expected, "the JSON report changed; review it and rerun with UPDATE_SNAPSHOTS=1");
}

#[test]
fn sample_archive_checks_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = qoima().arg("--root").arg(root).args(["--today", TODAY, "check", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{:#}", report["findings"]);
    let s = &report["summary"];
    assert!(s["systems"].as_u64().unwrap() >= 4, "{s}");
    assert!(s["warnings"].as_u64().unwrap() >= 1, "the sample shows warnings: {s}");
    assert!(s["deadlines_open"].as_u64().unwrap() >= 1, "{s}");
    let late = report["deadlines"].as_array().unwrap().iter().filter(|d| d["state"] == "late").count();
    assert!(late >= 1, "the sample shows deadlines met late: {:#}", report["deadlines"]);
    let books: Vec<&str> =
        report["rulebooks"].as_array().unwrap().iter().filter_map(|r| r["rulebook"].as_str()).collect();
    assert!(books.contains(&"O146") && books.contains(&"D1124"), "{books:?}");
    // The README's main command: no --today, still exit 0.
    qoima().arg("--root").arg(root).arg("check").assert().success();
}

#[test]
fn rules_lists_a_rulebook() {
    qoima()
        .args(["rules", "D1124"])
        .assert()
        .success()
        .stdout(predicate::str::contains("D1124-30.5").and(predicate::str::contains("technical_assignment")));
    let out = qoima().args(["--format", "json", "rules", "O146"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["id"], "O146");
    qoima().args(["rules", "X1"]).assert().code(2);
}
