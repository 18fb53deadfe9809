//! `qoima seal` and D1124-7: a manifest sha256sum reads, numbers never reused (also with two
//! processes at once), refusals, and every kind of change to a sealed deposit caught by check.

use crate::common;

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
    let register = site.read("depository-numbers.txt");
    assert!(register.lines().any(|l| l.starts_with("KZ-DEP-2026-000001\t2026-11-23\te-permits/1.0\t")), "{register}");
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
        // fixity sees it too, and says which file.
        let out = site.cmd().args(["fixity", "--format", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "fixity: {what}");
        let details =
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["events"][0]["details"].to_string();
        assert!(details.contains("archive") || details.contains('/'), "fixity names the file: {what}: {details}");
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
    let issued: Vec<&str> =
        numbers.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(issued.len(), 2, "{numbers}");
    assert_ne!(issued[0], issued[1]);
    assert!(!site.path("depository-numbers.lock").exists(), "the lock is released");
}

#[test]
fn fixity_rehashes_logs_and_names_every_file_that_differs() {
    let site = unnumbered();
    site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
    site.cmd().args(["fixity"]).assert().success().stdout(predicate::str::contains("success"));
    std::fs::write(site.path("archive/e-permits/1.0/source/main.c"), "changed").unwrap();
    std::fs::remove_file(site.path("archive/e-permits/1.0/docs/user-guide.md")).unwrap();
    let out = site.cmd_on("2026-11-24").args(["fixity", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let details: Vec<&str> =
        report["events"][0]["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(details.iter().any(|d| d.starts_with("source/main.c")), "{details:?}");
    assert!(details.iter().any(|d| d.starts_with("docs/user-guide.md") && d.contains("missing")), "{details:?}");
    // The log: one whole JSON object per line, PREMIS-style fields.
    let log = site.read("fixity-log.jsonl");
    let lines: Vec<serde_json::Value> = log.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    for field in ["date", "agent", "deposit", "files", "bytes", "outcome", "details"] {
        assert!(lines[1].get(field).is_some(), "{field}");
    }
    assert_eq!(lines[0]["outcome"], "success");
    assert_eq!(lines[1]["outcome"], "failure");
    // Scheduled parts: checked yesterday, so nothing is older than 5 days.
    let out = site.cmd_on("2026-11-25").args(["fixity", "--older-than", "5", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["events"].as_array().unwrap().len(), 0);
}

#[test]
fn the_internal_catalogue_shows_seals_hashes_and_fixity() {
    let site = unnumbered();
    common::copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
    site.cmd().args(["fixity"]).assert().success();
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let page = std::fs::read_to_string(out.join("internal/en/systems/e-permits/1.0/index.html")).unwrap();
    let manifest = site.read("archive/e-permits/1.0/manifest-sha256.txt");
    let first_hash = &manifest[..64];
    assert!(page.contains("KZ-DEP-2026-000001") && page.contains(first_hash), "number and SHA-256 on the deposit page");
    let report = std::fs::read_to_string(out.join("internal/en/reports/fixity.csv")).unwrap();
    assert!(report.contains("KZ-DEP-2026-000001") && report.contains("success"), "{report}");
    assert!(!out.join("public/en/reports/fixity.html").exists());
}

/// A sealed deposit with a replica root named in site.toml, replicated.
fn replicated() -> Site {
    let site = unnumbered();
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}\n[replica]\nroot = \"replica\"\n"));
    std::fs::create_dir(site.path("replica")).unwrap();
    site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
    site.cmd().args(["replicate"]).assert().success().stdout(predicate::str::contains("copied"));
    site
}

#[test]
fn replicate_copies_verified_and_repair_restores_from_the_good_copy() {
    let site = replicated();
    let rel = "archive/e-permits/1.0/source/main.c";
    assert_eq!(std::fs::read(site.path(rel)).unwrap(), std::fs::read(site.path(&format!("replica/{rel}"))).unwrap());
    assert!(site.path("replica/archive/e-permits/1.0/manifest-sha256.txt").is_file());
    let good = std::fs::read(site.path(rel)).unwrap();
    // Damage the original: fixity fails, --repair restores it from the replica.
    std::fs::write(site.path(rel), "damaged").unwrap();
    site.cmd().args(["fixity"]).assert().code(1);
    site.cmd()
        .args(["fixity", "--repair"])
        .assert()
        .success()
        .stdout(predicate::str::contains("repaired from the replica"));
    assert_eq!(std::fs::read(site.path(rel)).unwrap(), good);
    let (code, _) = site.check();
    assert_eq!(code, 0);
    // Damage the replica: repaired from the original.
    std::fs::write(site.path(&format!("replica/{rel}")), "rot").unwrap();
    site.cmd().args(["fixity", "--repair"]).assert().success().stdout(predicate::str::contains("replica repaired"));
    // Damage both: a loss, reported, and nothing touched.
    std::fs::write(site.path(rel), "bad one").unwrap();
    std::fs::write(site.path(&format!("replica/{rel}")), "bad two").unwrap();
    site.cmd().args(["fixity", "--repair"]).assert().code(1).stdout(predicate::str::contains("loss"));
    assert_eq!(site.read(rel), "bad one");
    let log = site.read("fixity-log.jsonl");
    assert!(log.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
}

#[test]
fn no_copy_where_the_owner_does_not_permit_it() {
    let site = unnumbered();
    site.edit(SYSTEM_YAML, "funding: [republican_budget]", "funding: [own_funds]");
    site.edit(DEPOSIT_YAML, "copies: 2", "copies: 2\ncopy_permitted: false");
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}\n[replica]\nroot = \"replica\"\n"));
    std::fs::create_dir(site.path("replica")).unwrap();
    site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
    site.cmd().args(["replicate"]).assert().success().stdout(predicate::str::contains("D1124-53"));
    assert!(!site.path("replica/archive/e-permits/1.0").exists());
}

#[test]
fn the_source_swhid_is_the_git_tree_id() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("src/util")).unwrap();
    std::fs::write(src.join("Makefile"), "all:\n\tcc main.c\n").unwrap();
    std::fs::write(src.join("src/main.c"), "int main(void) { return 0; }\n").unwrap();
    std::fs::write(src.join("src/util/тест.h"), "/* unicode name */\n").unwrap();
    std::fs::write(src.join("src-b.txt"), "sorts between src and src/\n").unwrap();
    std::fs::write(src.join("build.sh"), "#!/bin/sh\nmake\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(src.join("build.sh"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(src)
            .env("GIT_DIR", src.join(".git-x"))
            .env("GIT_WORK_TREE", src)
            .output()
    };
    let Ok(init) = git(&["init", "-q"]) else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "git is needed in CI");
        eprintln!("skipping: no git");
        return;
    };
    assert!(init.status.success());
    std::fs::write(src.join(".git-x/info/exclude"), ".git-x\n").unwrap();
    assert!(git(&["add", "-A"]).unwrap().status.success());
    let tree = String::from_utf8(git(&["write-tree"]).unwrap().stdout).unwrap();
    std::fs::remove_dir_all(src.join(".git-x")).unwrap();
    assert_eq!(qoima::swhid::swhid_of_dir(src).unwrap(), format!("swh:1:dir:{}", tree.trim()));
}

#[test]
fn the_seal_records_the_swhid_of_source() {
    let site = unnumbered();
    site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
    let seal = site.read("archive/e-permits/1.0/seal.yaml");
    let want = qoima::swhid::swhid_of_dir(&site.path("archive/e-permits/1.0/source")).unwrap();
    assert!(seal.contains(&format!("source_swhid: \"{want}\"")), "{seal}");
}

#[test]
fn the_whole_sample_archive_seals_checks_and_passes_fixity() {
    let site = Site::sample();
    // astana-parking/2.1 and damu-med/1.4 ship sealed; seal the others.
    let deposits = ["e-license/3.2", "e-license/3.3", "e-notary/2.0", "qamqor-tergeu/1.0"];
    for d in deposits {
        site.cmd().args(["seal", d, "--by", "Ахметова Г. К."]).assert().success();
    }
    site.cmd()
        .args(["seal", "astana-parking/2.1", "--by", "Ахметова Г. К."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sealed already"));
    // Deposits numbered before keep their numbers; the new one gets the next after them all.
    let seal = site.read("archive/e-notary/2.0/seal.yaml");
    assert!(seal.contains("KZ-DEP-2012-000045"));
    let register = site.read("depository-numbers.txt");
    assert!(register.lines().any(|l| l.starts_with("KZ-DEP-2026-000113\t")), "after KZ-DEP-2014-000112: {register}");
    let (code, report) = site.check();
    assert_eq!(code, 0, "{:#}", report["findings"]);
    site.cmd()
        .args(["fixity"])
        .assert()
        .success()
        .stdout(predicate::str::contains("6 deposits checked, 0 with differences"));
}

#[test]
fn a_fixity_run_killed_midway_leaves_a_valid_log_and_the_next_run_completes() {
    let site = unnumbered();
    let chunk = vec![7u8; 1 << 20];
    for i in 0..24 {
        std::fs::write(site.path(&format!("archive/e-permits/1.0/install/part-{i:02}.bin")), &chunk).unwrap();
    }
    // Several deposits, so that the log is written several times per run.
    for v in ["2.0", "3.0", "4.0"] {
        site.copy_deposit(DEPOSIT, &format!("archive/e-permits/{v}"));
        let y = format!("archive/e-permits/{v}/deposit.yaml");
        site.edit(&y, "version: \"1.0\"", &format!("version: \"{v}\"\nprevious: \"1.0\""));
        site.edit(&y, "Ж-2023/001", &format!("Ж-2023/00{}", &v[..1]));
    }
    for d in ["e-permits/1.0", "e-permits/2.0", "e-permits/3.0", "e-permits/4.0"] {
        site.cmd().args(["seal", d]).assert().success();
    }
    for i in 0..8u64 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("qoima"))
            .arg("--root")
            .arg(site.dir.path())
            .args(["--today", TODAY, "fixity"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20 + i * 37 % 200));
        let _ = child.kill();
        let _ = child.wait();
        let log = std::fs::read_to_string(site.path("fixity-log.jsonl")).unwrap_or_default();
        assert!(log.is_empty() || log.ends_with('\n'), "no partial line");
        for line in log.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|e| panic!("a broken line ({e}): {line}"));
        }
    }
    site.cmd()
        .args(["fixity"])
        .assert()
        .success()
        .stdout(predicate::str::contains("4 deposits checked, 0 with differences"));
}

#[test]
fn sealed_files_that_cannot_be_read_are_reported_never_skipped() {
    // Running as root in CI, permissions cannot make a file unreadable; a FIFO (which must not
    // block the check) and a folder in place of a sealed file stand in for unreadable files.
    let site = unnumbered();
    site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
    let fifo = site.path("archive/e-permits/1.0/source/main.c");
    std::fs::remove_file(&fifo).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let dir = site.path("archive/e-permits/1.0/docs/user-guide.md");
    std::fs::remove_file(&dir).unwrap();
    std::fs::create_dir(&dir).unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let sealed = with_rule(&report, "D1124-7");
    assert!(sealed.iter().any(|f| f["path"].as_str().unwrap().ends_with("source/main.c")), "{report:#}");
    assert!(sealed.iter().any(|f| f["path"].as_str().unwrap().ends_with("docs/user-guide.md")), "{report:#}");
    let out = site.cmd().args(["fixity", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let details = report["events"][0]["details"].to_string();
    assert!(details.contains("source/main.c: no longer a regular file"), "{details}");
    assert!(details.contains("docs/user-guide.md: no longer a regular file"), "{details}");
}
