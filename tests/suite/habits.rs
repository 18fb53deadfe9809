//! The habits people bring from cargo, git, ripgrep and zola: the site root found upward,
//! `check` of chosen systems, "did you mean", messages in the operator's words, one finding per
//! fault, completions, a manual page, --color, -q and -v, --version with the commit, and a
//! build that never hides a deposit it cannot read.

use crate::common;

use common::*;
use predicates::prelude::*;

#[test]
fn the_site_root_is_found_upward_from_the_current_folder() {
    let site = Site::minimal();
    let mut cmd = assert_cmd::Command::cargo_bin("qoima").unwrap();
    cmd.current_dir(site.path("archive/e-permits/1.0/source"))
        .env_remove("QOIMA_ROOT")
        .env("NO_COLOR", "1")
        .args(["--today", TODAY, "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("checked 1 system,"));
    // --root still wins; a folder with no site.toml above it says so.
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("qoima").unwrap();
    cmd.current_dir(empty.path())
        .env_remove("QOIMA_ROOT")
        .args(["check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no site.toml here or in any folder above"));
}

#[test]
fn check_of_chosen_systems_prints_theirs_and_exits_by_theirs() {
    let site = Site::minimal();
    site.copy_deposit("archive/e-permits", "archive/e-docs");
    site.edit("archive/e-docs/system.yaml", "ISEG-00042", "ISEG-00043");
    site.edit("archive/e-docs/1.0/deposit.yaml", "ISEG-00042", "ISEG-00043");
    site.edit("archive/e-docs/1.0/deposit.yaml", "Ж-2023/001", "Ж-2023/002");
    site.edit("archive/e-docs/1.0/deposit.yaml", "KZ-DEP-2023-000001", "KZ-DEP-2023-000002");
    std::fs::remove_dir_all(site.path("archive/e-docs/1.0/install")).unwrap();
    site.cmd().args(["check"]).assert().code(1).stdout(predicate::str::contains("archive/e-docs/1.0/install"));
    site.cmd()
        .args(["check", "e-permits"])
        .assert()
        .success()
        .stdout(predicate::str::contains("e-docs").not().and(predicate::str::contains("findings of those named")));
    site.cmd().args(["check", "e-docs/1.0"]).assert().code(1).stdout(predicate::str::contains("O146-5.2"));
    let out = site.cmd().args(["check", "e-permits/1.0", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["findings"].as_array().unwrap().iter().all(|f| f["system"] == "e-permits"), "{report:#}");
    site.cmd().args(["check", "e-nothing"]).assert().code(2).stderr(predicate::str::contains("no such system"));
}

#[test]
fn unknown_fields_values_and_kinds_get_a_did_you_mean_in_the_operators_words() {
    let cases: [(&str, &str, &str); 5] = [
        ("applicant:", "applicnt:", "unknown field `applicnt`: did you mean `applicant`?"),
        (
            "original_or_copy: copy",
            "original_or_copy: kopy",
            "`kopy` is not one of the values allowed here: did you mean `copy`?",
        ),
        ("kind: repository_formed", "kind: repository_fromed", "did you mean `repository_formed`?"),
        ("sealed: true", "sealed: yes", "not a boolean: write true or false"),
        ("is_code: \"ISEG-00042\"", "is_code: [ISEG, 00042]", "a single text value belongs here"),
    ];
    for (from, to, says) in cases {
        let site = Site::minimal();
        site.edit(DEPOSIT_YAML, from, to);
        let out = site.cmd().args(["check"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{to}: {text}");
        assert!(text.contains(says), "{to}: {text}");
        for parser in ["strict mode", "scalar", "expected one of"] {
            assert!(!text.contains(parser), "{to}: the parser's words: {text}");
        }
    }
}

#[test]
fn a_future_date_is_one_finding_not_also_a_late_deadline() {
    let site = Site::minimal();
    site.edit(
        DEPOSIT_YAML,
        "{kind: repository_formed, date: 2023-03-15}",
        "{kind: repository_formed, date: 2026-12-15}",
    );
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let about: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("`repository_formed` on 2026-12-15"))
        .collect();
    assert!(about.is_empty(), "reported late as well: {about:?}");
    find(&report, "error", "QOIMA-EVENT", DEPOSIT_YAML);
}

#[test]
fn the_version_folder_must_match_the_version() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "version: \"1.0\"", "version: \"2.5\"");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "QOIMA-VERSION", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "version: \"2.5\""));
}

#[test]
fn completions_for_every_shell_and_a_manual_page() {
    let site = Site::minimal();
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef qoima"),
        ("fish", "complete -c qoima"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        site.cmd()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(mark).and(predicate::str::contains("record")));
    }
    site.cmd()
        .args(["man"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH qoima 1").and(predicate::str::contains("seal")));
}

#[test]
fn color_quiet_verbose_and_the_version() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "version: \"1.0\"", "version: \"2.5\"");
    site.cmd().args(["--color", "always", "check"]).assert().code(1).stdout(predicate::str::contains("\u{1b}["));
    site.cmd().args(["--color", "never", "check"]).assert().code(1).stdout(predicate::str::contains("\u{1b}[").not());
    // -q: the errors and nothing else; -v (anywhere on the line): info findings too.
    let quiet = site.cmd().args(["check", "-q"]).output().unwrap();
    let quiet = String::from_utf8_lossy(&quiet.stdout);
    assert!(quiet.lines().count() >= 1 && quiet.lines().all(|l| l.contains(": error[")), "{quiet}");
    let sample = Site::sample();
    let verbose = sample.cmd().args(["-v", "check"]).output().unwrap();
    assert!(String::from_utf8_lossy(&verbose.stdout).contains(": info["));
    let default = sample.cmd().args(["check"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&default.stdout).contains(": info["));
    let version = site.cmd().arg("--version").output().unwrap();
    let version = String::from_utf8_lossy(&version.stdout);
    assert!(version.starts_with(&format!("qoima {} (", env!("CARGO_PKG_VERSION"))), "{version}");
    assert!(version.trim_end().ends_with(')') && version.contains(", "), "the commit and its date: {version}");
}

#[test]
fn build_lists_a_deposit_it_cannot_read_in_the_internal_edition_and_fails() {
    let site = Site::sample();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    let yaml = "archive/e-license/3.2/deposit.yaml";
    let text = site.read(yaml);
    site.write(yaml, &format!("{text}\nevents: [ {{kind: "));
    site.cmd()
        .args(["build"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("cannot be read").and(predicate::str::contains("e-license/3.2")));
    let page = site.read("dist/internal/en/systems/e-license/3.2/index.html");
    assert!(page.contains("QOIMA-YAML"), "the internal page shows its findings");
    assert!(site.read("dist/internal/en/systems/e-license/index.html").contains("3.2"));
    assert!(!site.path("dist/public/en/systems/e-license/3.2").exists());
    assert!(!site.read("dist/public/en/systems/e-license/index.html").contains("3.2/index.html"));
}
