//! `qoima seal` and D1124-7: a manifest sha256sum reads, numbers never reused (also with two
//! processes at once), refusals, and every kind of change to a sealed deposit caught by check.

mod common;

use common::*;
use predicates::prelude::*;

/// The minimal site without its recorded depository number, so that sealing issues one.
fn unnumbered() -> Site {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "  - {kind: depository_number, date: 2023-03-17, number: \"KZ-DEP-2023-000001\"}\n", "");
    site
}

#[test]
fn seal_writes_a_manifest_coreutils_can_verify_and_issues_a_number() {
    let site = unnumbered();
    site.cmd()
        .args(["seal", "e-permits/1.0", "--by", "Ахметова Г. К."])
        .assert()
        .success()
        .stdout(predicate::str::contains("KZ-DEP-2026-000001"));
    let manifest = site.read("archive/e-permits/1.0/manifest-sha256.txt");
    assert!(manifest.contains("  deposit.yaml\n") && manifest.contains("  docs/user-guide.md\n"));
    let seal = site.read("archive/e-permits/1.0/seal.yaml");
    assert!(seal.contains("number: \"KZ-DEP-2026-000001\"") && seal.contains("by: \"Ахметова Г. К.\""));
    assert!(site.read("depository-numbers.txt").starts_with("KZ-DEP-2026-000001\t2026-11-23\te-permits/1.0\n"));
    if std::process::Command::new("sha256sum").arg("--version").output().is_ok() {
        let out = std::process::Command::new("sha256sum")
            .args(["-c", "--strict", "manifest-sha256.txt"])
            .current_dir(site.path("archive/e-permits/1.0"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    }
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    // Never twice.
    site.cmd().args(["seal", "e-permits/1.0"]).assert().code(2).stderr(predicate::str::contains("sealed already"));
}

#[test]
fn a_deposit_numbered_before_keeps_its_number() {
    let site = Site::minimal();
    site.cmd()
        .args(["seal", "e-permits/1.0"])
        .assert()
        .success()
        .stdout(predicate::str::contains("KZ-DEP-2023-000001"));
}

#[test]
fn a_deposit_with_errors_is_refused() {
    let site = unnumbered();
    std::fs::remove_dir_all(site.path("archive/e-permits/1.0/install")).unwrap();
    site.cmd().args(["seal", "e-permits/1.0"]).assert().code(2).stderr(predicate::str::contains("O146-5.2"));
    assert!(!site.path("archive/e-permits/1.0/seal.yaml").exists());
    assert!(!site.path("depository-numbers.txt").exists(), "no number spent on a refusal");
}

#[test]
fn every_change_to_a_sealed_deposit_is_an_error() {
    type Change = fn(&Site);
    let changes: [(&str, Change); 6] = [
        ("flip a byte", |s| {
            let p = s.path("archive/e-permits/1.0/source/main.c");
            let mut b = std::fs::read(&p).unwrap();
            b[3] ^= 1;
            std::fs::write(&p, b).unwrap();
        }),
        ("truncate", |s| std::fs::write(s.path("archive/e-permits/1.0/database/permits.sql"), "CREATE").unwrap()),
        ("rename", |s| {
            std::fs::rename(
                s.path("archive/e-permits/1.0/docs/user-guide.md"),
                s.path("archive/e-permits/1.0/docs/guide.md"),
            )
            .unwrap()
        }),
        ("add", |s| s.write("archive/e-permits/1.0/docs/extra.md", "new")),
        ("delete", |s| std::fs::remove_file(s.path("archive/e-permits/1.0/license-config/postgresql.conf")).unwrap()),
        ("replace with a symlink", |s| {
            let p = s.path("archive/e-permits/1.0/source/Makefile");
            std::fs::remove_file(&p).unwrap();
            std::os::unix::fs::symlink("main.c", &p).unwrap();
        }),
    ];
    for (what, change) in changes {
        let site = unnumbered();
        site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
        change(&site);
        let (code, report) = site.check();
        assert_eq!(code, 1, "{what}");
        assert!(!with_rule(&report, "D1124-7").is_empty(), "{what}: {report:#}");
    }
}

#[test]
fn two_operators_sealing_at_once_get_different_numbers() {
    let site = unnumbered();
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    let two = "archive/e-permits/2.0/deposit.yaml";
    site.edit(two, "version: \"1.0\"", "version: \"2.0\"\nprevious: \"1.0\"");
    site.edit(two, "Ж-2023/001", "Ж-2023/002");
    let spawn = |deposit: &str| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("qoima"))
            .arg("--root")
            .arg(site.dir.path())
            .args(["--today", TODAY, "seal", deposit])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("e-permits/1.0"), spawn("e-permits/2.0"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success() && b.status.success());
    let numbers = site.read("depository-numbers.txt");
    let issued: Vec<&str> = numbers.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(issued.len(), 2, "{numbers}");
    assert_ne!(issued[0], issued[1]);
    assert!(!site.path("depository-numbers.lock").exists(), "the lock is released");
}
