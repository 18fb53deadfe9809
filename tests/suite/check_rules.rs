//! `qoima check` on small fixture archives: each rule reports the right rule ID at the right
//! place, and one bad deposit never stops the others from being checked.

use crate::common;

use common::*;

#[test]
fn minimal_fixture_is_clean() {
    let site = Site::minimal();
    let (code, report) = site.check();
    assert_eq!(code, 0);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "{report:#}");
    assert_eq!(report["summary"]["deposits"], 1);
    assert_eq!(report["rulebooks"][0]["rulebook"], "O146");
    assert_eq!(report["rulebooks"][0]["chosen_by"], "in_force");
}

#[test]
fn malformed_yaml_is_reported_and_the_rest_still_checked() {
    let site = Site::minimal();
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    site.edit(DEPOSIT_YAML, "copies: 2\n", "copies: [2\n");
    // The other deposit has an error of its own, which must still be found.
    site.edit("archive/e-permits/2.0/deposit.yaml", "is_code: \"ISEG-00042\"", "is_code: \"ISEG-99999\"");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "QOIMA-YAML", DEPOSIT_YAML);
    assert!(f["line"].as_u64().unwrap() >= 6, "{f}");
    let f = find(&report, "error", "O146-2.4", "archive/e-permits/2.0/deposit.yaml");
    assert_eq!(f["line"], site.line_of("archive/e-permits/2.0/deposit.yaml", "is_code:"));
    assert_eq!(f["column"], 10);
}

#[test]
fn an_oversized_yaml_file_is_refused_before_parsing() {
    let site = Site::minimal();
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    site.edit("archive/e-permits/2.0/deposit.yaml", "version: \"1.0\"", "version: \"2.0\"");
    // 5 MiB of comment: valid YAML, but no metadata file needs to be that long.
    let yaml = site.read(DEPOSIT_YAML);
    site.write(
        DEPOSIT_YAML,
        &format!("{yaml}{}", "# padding padding padding padding padding padding\n".repeat(100_000)),
    );
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "QOIMA-YAML", DEPOSIT_YAML);
    assert!(f["message"].as_str().unwrap().contains("limited to"), "{f}");
    // The other deposit is still read and checked.
    assert_eq!(report["summary"]["deposits"], 2);
    assert!(errors(&report).iter().all(|e| e["path"] == DEPOSIT_YAML), "{report:#}");
}

#[test]
fn wrong_type_unknown_field_duplicate_key_and_impossible_date() {
    let cases = [
        ("copies: 2\n", "copies: two\n", "copies:"),
        ("copies: 2\n", "copies: 2\ncopeis: 2\n", "copeis:"),
        ("copies: 2\n", "copies: 2\ncopies: 3\n", "copies: 3"),
        ("release_date: 2023-02-20", "release_date: 2023-02-30", "release_date:"),
        ("date: 2023-03-15", "date: 15.03.2023", "date: 15"),
    ];
    for (from, to, needle) in cases {
        let site = Site::minimal();
        site.edit(DEPOSIT_YAML, from, to);
        let (code, report) = site.check();
        assert_eq!(code, 1, "{to}");
        let f = find(&report, "error", "QOIMA-YAML", DEPOSIT_YAML);
        assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, needle), "{to}: {f}");
    }
}

#[test]
fn unknown_field_names_the_field() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "copies: 2\n", "copies: 2\ncopeis: 2\n");
    let (_, report) = site.check();
    let f = find(&report, "error", "QOIMA-YAML", DEPOSIT_YAML);
    assert!(f["message"].as_str().unwrap().contains("copeis"), "{f}");
}

#[test]
fn yaml_1_1_surprises() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "version: \"1.0\"", "version: 1.10");
    // The folder is named as the version is meant: 1.10, which YAML 1.1 tools read as 1.1.
    std::fs::rename(site.path(DEPOSIT), site.path("archive/e-permits/1.10")).unwrap();
    site.edit(SYSTEM_YAML, "postal_index: \"010000\"", "postal_index: 010000");
    let (code, report) = site.check();
    assert_eq!(code, 0, "warnings only");
    let yaml = "archive/e-permits/1.10/deposit.yaml";
    let f = find(&report, "warning", "QOIMA-YAML11", yaml);
    assert_eq!(f["line"], site.line_of(yaml, "version: 1.10"));
    assert!(f["message"].as_str().unwrap().contains("\"1.10\""));
    let f = find(&report, "warning", "QOIMA-YAML11", SYSTEM_YAML);
    assert!(f["message"].as_str().unwrap().contains("octal"), "{f}");
    // YAML 1.1 booleans are refused where a boolean is expected.
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "sealed: true", "sealed: yes");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "QOIMA-YAML", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "sealed: yes"));
}

#[test]
fn future_dates_and_events_before_commissioning_and_out_of_order() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "{kind: objects_received, date: 2023-03-17}", "{kind: objects_received, date: 2027-01-05}");
    site.edit(DEPOSIT_YAML, "{kind: application_sent, date: 2023-03-10}", "{kind: application_sent, date: 2023-02-27}");
    site.edit(
        DEPOSIT_YAML,
        "{kind: repository_formed, date: 2023-03-15}",
        "{kind: repository_formed, date: 2023-03-12}",
    );
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "QOIMA-EVENT", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "objects_received"));
    let f = find(&report, "error", "O146-6", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "application_sent"));
    let f = find(&report, "error", "O146-8", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "repository_formed"));
}

#[test]
fn unknown_event_kind_and_missing_particulars() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "{kind: repository_formed,", "{kind: repo_formed,");
    site.edit(DEPOSIT_YAML, ", number: \"Ж-2023/001\"}", "}");
    site.edit(DEPOSIT_YAML, "events:\n", "events:\n  - {kind: passed_to_sts, date: 2023-03-20}\n  - {kind: access_granted, date: 2023-04-03, to: \"МЦР\"}\n");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let kinds: Vec<String> =
        with_rule(&report, "QOIMA-EVENT").iter().map(|f| f["message"].as_str().unwrap().to_string()).collect();
    assert!(kinds.iter().any(|m| m.contains("unknown event kind `repo_formed`")), "{kinds:?}");
    assert!(kinds.iter().any(|m| m.contains("rulebook D1124")), "an event of the other rulebook is named: {kinds:?}");
    let f = find(&report, "error", "O146-8", DEPOSIT_YAML);
    assert!(f["message"].as_str().unwrap().contains("number"), "{f}");
    let f = find(&report, "error", "O146-10", DEPOSIT_YAML);
    assert!(f["message"].as_str().unwrap().contains("authorized_body_notified"), "{f}");
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "access_granted"));
}

#[test]
fn version_folder_without_deposit_yaml_and_files_outside_components() {
    let site = Site::minimal();
    std::fs::create_dir_all(site.path("archive/e-permits/2.0/source")).unwrap();
    site.write("archive/e-permits/1.0/notes.txt", "stray");
    site.write("archive/e-permits/1.0/misc/readme.txt", "stray");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    find(&report, "error", "O146-7", "archive/e-permits/2.0");
    find(&report, "error", "O146-2.3", "archive/e-permits/1.0/notes.txt");
    find(&report, "error", "O146-2.3", "archive/e-permits/1.0/misc");
}

#[test]
fn missing_empty_and_waived_components() {
    let site = Site::minimal();
    std::fs::remove_dir_all(site.path("archive/e-permits/1.0/install")).unwrap();
    std::fs::remove_file(site.path("archive/e-permits/1.0/license-config/postgresql.conf")).unwrap();
    std::fs::remove_dir_all(site.path("archive/e-permits/1.0/database")).unwrap();
    site.edit(DEPOSIT_YAML, "signature:", "not_applicable: {database: \"the IS keeps no database\"}\nsignature:");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "O146-5.2", "archive/e-permits/1.0/install");
    assert!(f["message"].as_str().unwrap().contains("missing"));
    let f = find(&report, "error", "O146-5.5", "archive/e-permits/1.0/license-config");
    assert!(f["message"].as_str().unwrap().contains("empty"));
    let f = find(&report, "info", "O146-5.4", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "not_applicable"));
}

#[test]
fn empty_database_file() {
    let site = Site::minimal();
    site.write("archive/e-permits/1.0/database/permits.sql", "");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    find(&report, "error", "O146-5.4", "archive/e-permits/1.0/database/permits.sql");
}

#[test]
fn source_sub_checks_build_files_third_party_and_build_description() {
    let site = Site::minimal();
    std::fs::remove_file(site.path("archive/e-permits/1.0/source/Makefile")).unwrap();
    std::fs::remove_dir_all(site.path("archive/e-permits/1.0/source/vendor")).unwrap();
    site.edit(DEPOSIT_YAML, "  environment_version: \"12.2\"\n", "");
    site.edit(DEPOSIT_YAML, "  steps: [\"make\"]\n", "");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let rules: Vec<&str> = with_rule(&report, "O146-5.1").iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert!(rules.iter().any(|m| m.contains("build service files")), "{rules:?}");
    assert!(rules.iter().any(|m| m.contains("third-party")), "{rules:?}");
    assert!(rules.iter().any(|m| m.contains("version of the development environment")), "{rules:?}");
    assert!(rules.iter().any(|m| m.contains("build.steps")), "{rules:?}");
    let version = with_rule(&report, "O146-5.1")
        .into_iter()
        .find(|f| f["message"].as_str().unwrap().contains("version of"))
        .unwrap();
    assert_eq!(version["line"], site.line_of(DEPOSIT_YAML, "environment:"), "points at the build block");
    // Declaring the third-party code satisfies the sub-check.
    site.edit(DEPOSIT_YAML, "signature:", "third_party: [{name: zlib, version: \"1.3\", license: Zlib}]\nsignature:");
    let (_, report) = site.check();
    assert!(!with_rule(&report, "O146-5.1").iter().any(|f| f["message"].as_str().unwrap().contains("third-party")));
}

#[test]
fn d1124_two_copies_annotation_and_documentation_set() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2012-03-15\nrulebook: D1124");
    site.edit(DEPOSIT_YAML, "copies: 2", "copies: 1");
    // Replace the O146 events by D1124 ones and add a partial documentation set.
    let text = site.read(DEPOSIT_YAML);
    let head = &text[..text.find("events:").unwrap()];
    site.write(
        DEPOSIT_YAML,
        &format!(
            "{head}documentation: {{user_guide: docs/user-guide.md, formular: docs/formular.md, bogus: docs/user-guide.md}}\nevents:\n  - {{kind: commissioned, date: 2012-03-01}}\n  - {{kind: application_received, date: 2012-03-15}}\n"
        ),
    );
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-31", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "copies: 1"));
    let docs = with_rule(&report, "D1124-30.5");
    assert!(
        docs.iter()
            .any(|f| f["severity"] == "warning" && f["message"].as_str().unwrap().contains("technical_assignment"))
    );
    assert!(
        docs.iter().any(|f| f["severity"] == "error" && f["message"].as_str().unwrap().contains("docs/formular.md"))
    );
    assert!(docs.iter().any(|f| f["severity"] == "error" && f["message"].as_str().unwrap().contains("bogus")));
    assert_eq!(report["rulebooks"][0]["chosen_by"], "named");
}

#[test]
fn restricted_system_public_deposit_and_mismatched_code() {
    let site = Site::minimal();
    site.edit(SYSTEM_YAML, "access: public", "access: restricted");
    site.edit(DEPOSIT_YAML, "copies: 2", "copies: 2\naccess: public");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-12", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "access: public"));
}

#[test]
fn numbers_and_codes_are_unique_across_the_archive() {
    let site = Site::minimal();
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    site.edit("archive/e-permits/2.0/deposit.yaml", "version: \"1.0\"", "version: \"2.0\"\nprevious: \"1.0\"");
    site.edit("archive/e-permits/2.0/deposit.yaml", "Ж-2023/001", "Ж-2023/002");
    copy_dir(&site.path("archive/e-permits"), &site.path("archive/e-permits-copy"));
    std::fs::remove_dir_all(site.path("archive/e-permits-copy/2.0")).unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-41", "archive/e-permits/2.0/deposit.yaml");
    assert!(f["message"].as_str().unwrap().contains("KZ-DEP-2023-000001"));
    find(&report, "error", "QOIMA-UNIQUE", "archive/e-permits-copy/system.yaml");
}

#[test]
fn version_chain_must_name_an_existing_earlier_version() {
    let site = Site::minimal();
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    let two = "archive/e-permits/2.0/deposit.yaml";
    site.edit(two, "version: \"1.0\"", "version: \"2.0\"\nprevious: \"0.9\"");
    let (_, report) = site.check();
    let f = find(&report, "error", "D1124-47", two);
    assert_eq!(f["line"], site.line_of(two, "previous:"));
}

#[test]
fn deadlines_missed_late_and_open() {
    let site = Site::minimal();
    // Application sent 12 working days after commissioning (10 allowed): late.
    site.edit(DEPOSIT_YAML, "{kind: application_sent, date: 2023-03-10}", "{kind: application_sent, date: 2023-03-20}");
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2023-03-20");
    site.edit(
        DEPOSIT_YAML,
        "{kind: application_registered, date: 2023-03-13,",
        "{kind: application_registered, date: 2023-03-22,",
    );
    site.edit(
        DEPOSIT_YAML,
        "{kind: repository_formed, date: 2023-03-15}",
        "{kind: repository_formed, date: 2023-03-24}",
    );
    site.edit(DEPOSIT_YAML, "{kind: objects_received, date: 2023-03-17}", "{kind: objects_received, date: 2023-03-27}");
    site.edit(
        DEPOSIT_YAML,
        "{kind: depository_number, date: 2023-03-17,",
        "{kind: depository_number, date: 2023-03-27,",
    );
    let (code, report) = site.check();
    assert_eq!(code, 0, "lateness is a warning");
    let f = find(&report, "warning", "O146-7", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "application_sent"));
    let d = report["deadlines"].as_array().unwrap().iter().find(|d| d["rule"] == "O146-7").unwrap();
    assert_eq!(d["state"], "late");
    // 2023-03-01 + 10 wd = 2023-03-16 (8 March is a holiday); sent 2023-03-20: 17 and 20 March.
    assert_eq!(d["due"], "2023-03-16");
    assert_eq!(d["working_days"], 2, "{d}");

    // Open: repository formed 2026-11-20, objects not yet received, today 2026-11-23.
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2026-11-16\nrulebook: O146");
    site.edit(DEPOSIT_YAML, "{kind: commissioned, date: 2023-03-01}", "{kind: commissioned, date: 2026-11-10}");
    site.edit(DEPOSIT_YAML, "{kind: application_sent, date: 2023-03-10}", "{kind: application_sent, date: 2026-11-16}");
    site.edit(
        DEPOSIT_YAML,
        "{kind: application_registered, date: 2023-03-13,",
        "{kind: application_registered, date: 2026-11-17,",
    );
    site.edit(
        DEPOSIT_YAML,
        "{kind: repository_formed, date: 2023-03-15}",
        "{kind: repository_formed, date: 2026-11-20}",
    );
    site.edit(DEPOSIT_YAML, "  - {kind: objects_received, date: 2023-03-17}\n", "");
    site.edit(DEPOSIT_YAML, "  - {kind: depository_number, date: 2023-03-17, number: \"KZ-DEP-2023-000001\"}\n", "");
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    let d = report["deadlines"].as_array().unwrap().iter().find(|d| d["rule"] == "O146-9").unwrap();
    assert_eq!(d["state"], "open");
    assert_eq!(d["due"], "2026-11-25");
    assert_eq!(d["working_days_left"], 2);
    let f = find(&report, "info", "O146-9", DEPOSIT_YAML);
    assert!(f["message"].as_str().unwrap().contains("2026-11-25"));
    // The text report shows open deadlines with --verbose only.
    let text = site.cmd().args(["check", "--verbose"]).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("2026-11-25  O146-9"));
    let text = site.cmd().args(["check"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&text.stdout).contains("2026-11-25"));

    // Missed: the same, seen from 2026-12-01.
    let out = site.cmd_on("2026-12-01").args(["check", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = find(&report, "warning", "O146-9", DEPOSIT_YAML);
    assert!(f["message"].as_str().unwrap().contains("missed by 4 working days"), "{f}");
}

#[test]
fn yearly_notices_and_register_deadlines_of_a_d1124_system() {
    let site = Site::minimal();
    site.edit(
        SYSTEM_YAML,
        "developer:",
        "events:\n  - {kind: register_application, date: 2012-02-01}\n  - {kind: register_checked, date: 2012-02-10}\n  - {kind: registered, date: 2012-02-14, number: \"РГ-2012-0007\"}\n  - {kind: yearly_notice, date: 2013-03-20, year: 2013, outcome: no_updates}\n  - {kind: yearly_notice, date: 2014-04-02, year: 2014, outcome: updated}\ndeveloper:",
    );
    let (_, report) = site.check();
    let yearly: Vec<&serde_json::Value> =
        report["deadlines"].as_array().unwrap().iter().filter(|d| d["rule"] == "D1124-24").collect();
    // 2013 met, 2014 late, 2015 missed; D1124 was repealed before 30 March 2016.
    assert_eq!(yearly.len(), 3, "{yearly:#?}");
    assert_eq!(yearly[0]["state"], "met");
    assert_eq!(yearly[1]["state"], "late");
    assert_eq!(yearly[2]["state"], "missed");
    let missed =
        with_rule(&report, "D1124-24").into_iter().find(|f| f["message"].as_str().unwrap().contains("missed")).unwrap();
    assert!(missed["message"].as_str().unwrap().contains("D1124-26"), "a reminder is due: {missed}");
    // Registration certificate never issued: D1124-18 missed; copies never sent: D1124-16.
    find(&report, "warning", "D1124-18", SYSTEM_YAML);
    find(&report, "warning", "D1124-16", SYSTEM_YAML);
}

#[test]
fn symlinks_are_never_followed() {
    let site = Site::minimal();
    std::os::unix::fs::symlink("/etc/passwd", site.path("archive/e-permits/1.0/docs/passwd")).unwrap();
    std::os::unix::fs::symlink("user-guide.md", site.path("archive/e-permits/1.0/docs/guide-link.md")).unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "QOIMA-SYMLINK", "archive/e-permits/1.0/docs/passwd");
    assert!(f["message"].as_str().unwrap().contains("outside the archive"));
    let f = find(&report, "error", "QOIMA-SYMLINK", "archive/e-permits/1.0/docs/guide-link.md");
    assert!(!f["message"].as_str().unwrap().contains("outside"));
}

#[test]
fn names_not_utf8_and_normalization_and_case_twins() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::minimal();
    let bad = std::ffi::OsStr::from_bytes(b"bad-\xff.txt");
    std::fs::write(site.path("archive/e-permits/1.0/docs").join(bad), "x").unwrap();
    // "й" precomposed (NFC) and decomposed (NFD).
    site.write("archive/e-permits/1.0/docs/\u{0439}.md", "nfc");
    site.write("archive/e-permits/1.0/docs/\u{0438}\u{0306}.md", "nfd");
    site.write("archive/e-permits/1.0/docs/Readme.md", "a");
    site.write("archive/e-permits/1.0/docs/README.md", "b");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let names = with_rule(&report, "QOIMA-NAME");
    assert!(
        names.iter().any(|f| f["severity"] == "error" && f["message"].as_str().unwrap().contains("UTF-8")),
        "{names:#?}"
    );
    assert!(
        names.iter().any(|f| f["severity"] == "error" && f["message"].as_str().unwrap().contains("normalization")),
        "{names:#?}"
    );
    assert!(
        names.iter().any(|f| f["severity"] == "warning" && f["message"].as_str().unwrap().contains("case")),
        "{names:#?}"
    );
}

#[test]
fn status_and_funding_consistency() {
    let site = Site::minimal();
    site.edit(SYSTEM_YAML, "status: operating", "status: development");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "O146-6", SYSTEM_YAML);
    assert_eq!(f["line"], site.line_of(SYSTEM_YAML, "status:"));

    let site = Site::minimal();
    site.edit(SYSTEM_YAML, "funding: [republican_budget]", "funding: [own_funds]");
    site.edit(DEPOSIT_YAML, "copies: 2", "copies: 2\ncopy_permitted: false");
    let (code, report) = site.check();
    assert_eq!(code, 0);
    find(&report, "info", "D1124-11", SYSTEM_YAML);
    find(&report, "info", "D1124-53", DEPOSIT_YAML);
}
