//! `qoima record`: every event kind the rulebooks know can be recorded after a seal, each is
//! checked as `check` checks events before it is written, and a refusal writes nothing. And the
//! whole path an operator takes: seal, record the certificate, build.

use crate::common;

use common::*;
use predicates::prelude::*;
use qoima::rulebook::{Level, Role, Rulebooks};

/// The arguments that give an event of this kind every particular its rulebook asks for.
fn particulars(def: &qoima::rulebook::EventKind, n: usize) -> Vec<String> {
    let mut args = Vec::new();
    for field in &def.requires {
        match field.as_str() {
            "number" => args.extend(["--number".to_string(), format!("№ T-{n}")]),
            "reasons" => args.extend(["--reasons".to_string(), "толықтыру қажет".to_string()]),
            "year" => args.extend(["--year".to_string(), "2026".to_string()]),
            "half" => args.extend(["--half".to_string(), "2".to_string()]),
            "to" => args.extend(["--to".to_string(), "Мемлекеттік архив".to_string()]),
            "by" => args.extend(["--by".to_string(), "Ахметова Г. К.".to_string()]),
            "document" => args.extend(["--document".to_string(), "docs/user-guide.md".to_string()]),
            _ => {}
        }
    }
    if let Some(o) = def.outcomes.first() {
        args.extend(["--outcome".to_string(), o.clone()]);
    }
    if def.must_be_true.iter().any(|f| f == "authorized_body_notified") {
        args.push("--authorized-body-notified".to_string());
    }
    args
}

/// Every kind of each rulebook, recorded on a fresh copy of a sealed deposit of that rulebook
/// (or of its system): each is written, chained, and read back by `check` as an event; the
/// depository number alone is refused, since `seal` gives it.
#[test]
fn every_event_kind_the_rulebooks_know_can_be_recorded() {
    let books = Rulebooks::builtin();
    let mut recorded = 0;
    for book in &books.books {
        for (n, def) in book.events.iter().enumerate() {
            let site = Site::minimal();
            let text = format!("rulebook: {}\n{}", book.id, site.read(DEPOSIT_YAML));
            // Only the events every rulebook shares stay: the new one is recorded alone.
            let kept: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("- {kind:") || l.contains("kind: commissioned"))
                .map(|l| format!("{l}\n"))
                .collect();
            site.write(DEPOSIT_YAML, &kept);
            let (target, journal_path) = match def.level {
                Level::Deposit => ("e-permits/1.0", "archive/e-permits/journal.yaml"),
                Level::System => ("e-permits", "archive/e-permits/journal.yaml"),
                // The depository's own events go to the site's journal beside site.toml.
                Level::Site => (".", "journal.yaml"),
            };
            let mut cmd = site.cmd();
            cmd.args(["record", target, &def.kind, "--date", "2026-11-20", "--format", "json"]);
            cmd.args(particulars(def, n));
            let out = cmd.output().unwrap();
            let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            if def.role == Some(Role::DepositoryNumber) {
                assert_eq!(out.status.code(), Some(1), "{}: {said}", def.kind);
                assert!(said.contains("qoima seal"), "{said}");
                assert!(!site.path("archive/e-permits/journal.yaml").exists());
                continue;
            }
            assert_eq!(out.status.code(), Some(0), "{} {}: {said}", book.id, def.kind);
            let journal = site.read(journal_path);
            assert!(journal.contains(&format!("kind: \"{}\"", def.kind)), "{journal}");
            let (_, report) = site.check();
            let about: Vec<&serde_json::Value> = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["path"] == journal_path && f["severity"] == "error")
                .collect();
            assert!(about.is_empty(), "{} {}: {about:?}", book.id, def.kind);
            recorded += 1;
        }
    }
    assert!(recorded > 30, "{recorded} kinds recorded");
}

#[test]
fn record_refuses_unknown_kinds_missing_particulars_and_future_dates_and_writes_nothing() {
    let site = Site::minimal();
    let journal = "archive/e-permits/journal.yaml";
    let refusals: [(&[&str], &str); 4] = [
        (&["record", "e-permits/1.0", "certificat", "--date", "2026-11-20"], "unknown event kind `certificat`"),
        (&["record", "e-permits/1.0", "handed_over", "--date", "2026-11-20"], "needs `to:`"),
        (&["record", "e-permits/1.0", "decommissioned", "--date", "2026-12-20"], "in the future"),
        (&["record", "e-permits", "decommissioned", "--date", "2026-11-20"], "record it for SYSTEM/VERSION"),
    ];
    for (args, says) in refusals {
        site.cmd()
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(says).and(predicate::str::contains("nothing was recorded")));
        assert!(!site.path(journal).exists(), "{args:?} wrote the journal");
    }
    // The rule and the position of the entry it would have had.
    site.cmd().args(["record", "e-permits/1.0", "handed_over", "--date", "2026-11-20"]).assert().stderr(
        predicate::str::contains("archive/e-permits/journal.yaml:4:").and(predicate::str::contains("[O146-11]")),
    );
    site.cmd().args(["record", "nowhere/1.0", "decommissioned", "--date", "2026-11-20"]).assert().code(2);
}

#[test]
fn recorded_lines_are_never_rewritten_and_a_late_event_is_recorded_with_a_warning() {
    let site = Site::minimal();
    site.cmd()
        .args(["record", "e-permits/1.0", "decommissioned", "--date", "2026-11-02", "--note", "Бұйрық № 5"])
        .assert()
        .success();
    let first = site.read("archive/e-permits/journal.yaml");
    site.cmd()
        .args(["record", "e-permits/1.0", "decommission_notice", "--date", "2026-11-20", "--number", "Исх. 1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[O146-11]"));
    let second = site.read("archive/e-permits/journal.yaml");
    assert!(second.starts_with(&first), "appended, never rewritten");
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    let late = find(&report, "warning", "O146-11", "archive/e-permits/journal.yaml");
    assert_eq!(late["line"], 5);
}

/// On a copy of the sample: seal a deposit, record its certificate, build: the number is in
/// the Register of deposited products and on the certificate page, and `check` is clean.
#[test]
fn an_operator_seals_records_the_certificate_and_publishes() {
    let site = Site::sample();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    let yaml = "archive/e-notary/2.1/deposit.yaml";
    let text = site.read(yaml);
    let kept: String = text
        .lines()
        .filter(|l| !l.contains("kind: depository_number") && !l.contains("kind: depository_certificate"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(yaml, &kept);
    let out = site.cmd().args(["seal", "e-notary/2.1", "--by", "Ахметова Г. К.", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sealed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let number = sealed["number"].as_str().unwrap().to_string();
    assert!(number.starts_with("KZ-DEP-2026-"), "{number}");
    site.cmd()
        .args(["record", "e-notary/2.1", "depository_certificate", "--date", "2026-11-23", "--number", "ДС-2026-0777"])
        .assert()
        .success();
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    site.cmd().args(["build"]).assert().success();
    for lang in ["kk", "ru", "en"] {
        let register = site.read(&format!("dist/internal/{lang}/reports/product-register.html"));
        assert!(register.contains(&number), "{lang}: the number in the Register of deposited products");
        let certificate = site.read(&format!("dist/internal/{lang}/systems/e-notary/2.1/certificate.html"));
        assert!(certificate.contains(&number) && certificate.contains("ДС-2026-0777"), "{lang}: {certificate}");
    }
    let home = site.read("dist/public/kk/index.html");
    let head = site.read("depository-numbers.txt").lines().last().map(|l| {
        use sha2::Digest;
        sha2::Sha256::digest(l.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()
    });
    assert!(home.contains(&head.unwrap()), "the register's head on the public home page");
}
