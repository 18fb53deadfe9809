//! How the clauses read: where a clock starts (O146-7), what must come first (O146-6, D1124-36),
//! what ends a yearly duty (D1124-24), whose duty it is (D1124-34, D1124-11), when a clause is in
//! force (the rulebooks' dates, D1124-41-1) and what the calendar counted in a year it knows only
//! in part. Each finding is asserted with its rule, its place and its dates.

mod common;

use common::*;
use serde_json::Value;

/// The 1-based column of `inner` on the first line of `rel` that holds `needle`.
fn column_of(site: &Site, rel: &str, needle: &str, inner: &str) -> u64 {
    let text = site.read(rel);
    let line = text.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in {rel}"));
    line.find(inner).unwrap_or_else(|| panic!("{inner:?} not in {line:?}")) as u64 + 1
}

fn deadline<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["deadlines"].as_array().unwrap().iter().filter(|d| d["rule"] == rule).collect()
}

fn message(f: &Value) -> &str {
    f["message"].as_str().unwrap()
}

/// Replaces the events of the minimal deposit.
fn events(site: &Site, events: &str) {
    let text = site.read(DEPOSIT_YAML);
    let head = &text[..text.find("events:").unwrap()];
    site.write(DEPOSIT_YAML, &format!("{head}events:\n{events}"));
}

/// The minimal deposit as a D1124 deposit dated `date`, with these events.
fn d1124_deposit(site: &Site, date: &str, evs: &str) {
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", &format!("date: {date}\nrulebook: D1124"));
    events(site, evs);
}

#[test]
fn o146_7_counts_from_the_later_of_commissioning_and_portal_registration() {
    // Registered on the portal in January, commissioned on 1 March, application 2 working days
    // later: on time (the count starts at commissioning, never before it).
    let site = Site::minimal();
    site.edit(
        DEPOSIT_YAML,
        "  - {kind: commissioned, date: 2023-03-01}\n  - {kind: application_sent, date: 2023-03-10}",
        "  - {kind: portal_registered, date: 2023-01-10}\n  - {kind: commissioned, date: 2023-03-01}\n  - {kind: application_sent, date: 2023-03-03}",
    );
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    assert!(with_rule(&report, "O146-7").iter().all(|f| f["severity"] != "warning"), "{report:#}");
    let d = deadline(&report, "O146-7");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["from_event"], "commissioned");
    assert_eq!(d[0]["from_date"], "2023-03-01");
    assert_eq!(d[0]["due"], "2023-03-16");
    assert_eq!(d[0]["state"], "met");

    // The same, sent on 20 March: 2 working days late, counted from commissioning.
    site.edit(DEPOSIT_YAML, "{kind: application_sent, date: 2023-03-03}", "{kind: application_sent, date: 2023-03-20}");
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2023-03-20");
    let (_, report) = site.check();
    let f = find(&report, "warning", "O146-7", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "application_sent"));
    assert_eq!(f["column"], column_of(&site, DEPOSIT_YAML, "application_sent", "2023-03-20"));
    assert!(message(f).contains("2 working days late: due 2023-03-16"), "{f}");
    assert!(message(f).contains("after `commissioned` on 2023-03-01"), "{f}");

    // Registered on the portal the day after commissioning: the application is due 10
    // working days after the registration (it names the IS code the portal gives).
    let site = Site::minimal();
    site.edit(
        DEPOSIT_YAML,
        "  - {kind: application_sent, date: 2023-03-10}",
        "  - {kind: portal_registered, date: 2023-03-02}\n  - {kind: application_sent, date: 2023-03-10}",
    );
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    let d = deadline(&report, "O146-7");
    assert_eq!(d[0]["from_event"], "portal_registered");
    assert_eq!(d[0]["from_date"], "2023-03-02");
    assert_eq!(d[0]["due"], "2023-03-17");
    assert_eq!(d[0]["state"], "met");
}

#[test]
fn o146_6_a_deposit_without_commissioning_or_applied_for_before_it() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "  - {kind: commissioned, date: 2023-03-01}\n", "");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "O146-6", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "date: 2023-03-15"));
    assert_eq!(f["column"], 7);
    assert!(message(f).contains("no `commissioned` event"), "{f}");
    // No count without commissioning: one finding for the one fault.
    assert!(deadline(&report, "O146-7").is_empty(), "{report:#}");

    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2023-02-27");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "O146-6", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "date: 2023-02-27"));
    assert_eq!(f["column"], 7);
    assert!(message(f).contains("dated 2023-02-27, before `commissioned` on 2023-03-01"), "{f}");
}

#[test]
fn d1124_36_the_documentation_is_applied_for_within_30_working_days_of_its_approval() {
    let site = Site::minimal();
    d1124_deposit(
        &site,
        "2012-05-02",
        "  - {kind: documentation_approved, date: 2012-02-01}\n  - {kind: commissioned, date: 2012-04-16}\n  - {kind: application_received, date: 2012-05-02}\n",
    );
    let (_, report) = site.check();
    let d: Vec<&Value> =
        deadline(&report, "D1124-36").into_iter().filter(|d| d["id"] == "documentation-application").collect();
    assert_eq!(d.len(), 1, "{report:#}");
    assert_eq!(d[0]["from_date"], "2012-02-01");
    assert_eq!(d[0]["due"], "2012-03-15");
    assert_eq!(d[0]["state"], "late");
    let f = with_rule(&report, "D1124-36")
        .into_iter()
        .find(|f| message(f).contains("documentation_approved"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["path"], DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "application_received"));
    assert_eq!(f["column"], column_of(&site, DEPOSIT_YAML, "application_received", "2012-05-02"));
    assert!(message(f).contains("due 2012-03-15"), "{f}");
    // Approved before commissioning is no O146-6/D1124-36 ordering fault.
    assert!(with_rule(&report, "D1124-36").iter().all(|f| f["severity"] != "error"), "{report:#}");
}

#[test]
fn d1124_30_5_the_test_programme_and_methodology_is_in_the_set() {
    let site = Site::minimal();
    d1124_deposit(
        &site,
        "2012-03-15",
        "  - {kind: commissioned, date: 2012-03-01}\n  - {kind: application_received, date: 2012-03-15}\n",
    );
    site.edit(DEPOSIT_YAML, "events:", "documentation: {user_guide: docs/user-guide.md}\nevents:");
    let (_, report) = site.check();
    let f = with_rule(&report, "D1124-30.5")
        .into_iter()
        .find(|f| message(f).contains("test_programme"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(f["severity"], "warning");
    assert!(message(f).contains("Test programme and methodology"), "{f}");
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "documentation:"));
}

const REGISTERED: &str = "events:\n  - {kind: register_application, date: 2012-02-01}\n  - {kind: register_checked, date: 2012-02-10}\n  - {kind: registered, date: 2012-02-14, number: \"РГ-2012-0007\"}\n  - {kind: sts_copies_sent, date: 2012-02-15}\n  - {kind: sts_recorded, date: 2012-02-20}\n  - {kind: registration_certificate, date: 2012-02-24, number: \"С-2012-0007\"}\n";

#[test]
fn d1124_24_a_yearly_notice_of_termination_ends_the_duty_and_starts_the_clocks_of_d1124_27() {
    let site = Site::minimal();
    site.edit(
        SYSTEM_YAML,
        "developer:",
        &format!("{REGISTERED}  - {{kind: yearly_notice, date: 2013-03-20, year: 2013, outcome: no_updates}}\n  - {{kind: yearly_notice, date: 2014-03-20, year: 2014, outcome: terminated, reasons: [\"replaced by the national system\"]}}\ndeveloper:"),
    );
    let (_, report) = site.check();
    let yearly = deadline(&report, "D1124-24");
    assert_eq!(yearly.len(), 2, "2013 and 2014, no duty after the termination: {yearly:#?}");
    assert!(yearly.iter().all(|d| d["state"] == "met"), "{yearly:#?}");
    let revoke: Vec<&Value> = deadline(&report, "D1124-27");
    assert_eq!(revoke.len(), 2, "{report:#}");
    let five = revoke.iter().find(|d| d["id"] == "revoke").unwrap();
    assert_eq!(five["from_date"], "2014-03-20");
    // Nauryz 2014 fell on Friday 21 March and the weekend: 24 and 25 March were off too.
    assert_eq!(five["due"], "2014-04-01");
    assert_eq!(five["state"], "missed");
    let ten = revoke.iter().find(|d| d["id"] == "register-change").unwrap();
    assert_eq!(ten["due"], "2014-03-30");
    let f = with_rule(&report, "D1124-27")
        .into_iter()
        .find(|f| message(f).contains("certificate_revoked"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(f["path"], SYSTEM_YAML);
    assert_eq!(f["line"], site.line_of(SYSTEM_YAML, "outcome: terminated"));
    assert_eq!(f["column"], column_of(&site, SYSTEM_YAML, "outcome: terminated", "2014-03-20"));
    assert!(message(f).contains("by 2014-04-01"), "{f}");

    // A termination gives its reasons (D1124-24), as a termination notice does.
    site.edit(SYSTEM_YAML, ", reasons: [\"replaced by the national system\"]", "");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = with_rule(&report, "D1124-24")
        .into_iter()
        .find(|f| f["severity"] == "error")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert!(message(f).contains("reasons"), "{f}");
    assert_eq!(f["line"], site.line_of(SYSTEM_YAML, "outcome: terminated"));
}

#[test]
fn d1124_34_binds_state_software_products_and_d1124_11_state_funded_systems() {
    // A D1124 deposit numbered in 2012 of a registered system.
    let site = Site::minimal();
    d1124_deposit(
        &site,
        "2012-03-15",
        "  - {kind: commissioned, date: 2012-03-01}\n  - {kind: application_received, date: 2012-03-15}\n  - {kind: passed_to_sts, date: 2012-03-16}\n  - {kind: verification_conclusion, date: 2012-03-22, outcome: positive}\n  - {kind: depository_number, date: 2012-03-23, number: \"KZ-DEP-2012-000001\"}\n",
    );
    site.edit(SYSTEM_YAML, "developer:", &format!("{REGISTERED}developer:"));
    let (_, report) = site.check();
    let yearly = deadline(&report, "D1124-34");
    assert_eq!(yearly.len(), 3, "state-funded: 2013, 2014, 2015: {yearly:#?}");
    assert_eq!(yearly[0]["due"], "2013-04-30");
    let f = with_rule(&report, "D1124-34")
        .into_iter()
        .find(|f| message(f).contains("2013-04-30"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(f["path"], SYSTEM_YAML);
    assert!(with_rule(&report, "D1124-11").is_empty(), "registered: {report:#}");

    // Funded only from the owner's own funds: not a state software product.
    site.edit(SYSTEM_YAML, "funding: [republican_budget]", "funding: [own_funds]");
    let (_, report) = site.check();
    assert!(deadline(&report, "D1124-34").is_empty(), "{report:#}");
    find(&report, "info", "D1124-11", SYSTEM_YAML);

    // State-funded and not registered: registration is mandatory (D1124-11).
    let site = Site::minimal();
    d1124_deposit(
        &site,
        "2012-03-15",
        "  - {kind: commissioned, date: 2012-03-01}\n  - {kind: application_received, date: 2012-03-15}\n",
    );
    let (_, report) = site.check();
    let f = find(&report, "warning", "D1124-11", SYSTEM_YAML);
    assert_eq!(f["line"], site.line_of(SYSTEM_YAML, "funding:"));
    assert_eq!(f["column"], column_of(&site, SYSTEM_YAML, "funding:", "republican_budget"));
    assert!(message(f).contains("registered"), "{f}");
}

#[test]
fn rulebooks_and_clauses_in_force_from_their_own_dates() {
    // Order 347/НҚ, registered 3 October 2022, took effect ten days after publication.
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2022-10-10");
    site.edit(DEPOSIT_YAML, "{kind: commissioned, date: 2023-03-01}", "{kind: commissioned, date: 2022-10-03}");
    let (_, report) = site.check();
    assert_eq!(report["rulebooks"][0]["chosen_by"], "none", "{:#}", report["rulebooks"]);
    let f = find(&report, "warning", "QOIMA-RULEBOOK", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "date: 2022-10-10"));
    assert!(message(f).contains("2022-10-10"), "{f}");
    // Its repeal by Order 110/НҚ of 29 February 2024 took effect ten days after publication too.
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2024-03-05");
    let (_, report) = site.check();
    assert_eq!(report["rulebooks"][0]["rulebook"], "O146");
    assert_eq!(report["rulebooks"][0]["chosen_by"], "in_force");

    // D1124-41-1 (the depository certificate) was added in August 2012: a deposit numbered
    // in March 2012 has no certificate due, one numbered in September has.
    let numbered = |date: &str| {
        let site = Site::minimal();
        d1124_deposit(
            &site,
            "2012-03-15",
            &format!(
                "  - {{kind: commissioned, date: 2012-03-01}}\n  - {{kind: application_received, date: 2012-03-15}}\n  - {{kind: passed_to_sts, date: 2012-03-16}}\n  - {{kind: verification_conclusion, date: 2012-03-22, outcome: positive}}\n  - {{kind: depository_number, date: {date}, number: \"KZ-DEP-2012-000001\"}}\n"
            ),
        );
        let (_, report) = site.check();
        (site, report)
    };
    let (_, report) = numbered("2012-03-23");
    assert!(deadline(&report, "D1124-41-1").is_empty(), "{:#}", report["deadlines"]);
    assert!(with_rule(&report, "D1124-41-1").is_empty(), "{report:#}");
    let (site, report) = numbered("2012-09-03");
    let d = deadline(&report, "D1124-41-1");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["due"], "2012-09-10");
    let f = find(&report, "warning", "D1124-41-1", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "depository_number"));
    assert_eq!(f["column"], column_of(&site, DEPOSIT_YAML, "depository_number", "2012-09-03"));
}

#[test]
fn a_year_the_calendar_knows_in_part_says_what_was_counted() {
    // Repository formed on 23 December 2026: the objects are due in 2027.
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2026-12-18\nrulebook: O146");
    site.edit(DEPOSIT_YAML, "{kind: commissioned, date: 2023-03-01}", "{kind: commissioned, date: 2026-12-14}");
    site.edit(DEPOSIT_YAML, "{kind: application_sent, date: 2023-03-10}", "{kind: application_sent, date: 2026-12-18}");
    site.edit(
        DEPOSIT_YAML,
        "{kind: application_registered, date: 2023-03-13,",
        "{kind: application_registered, date: 2026-12-21,",
    );
    site.edit(
        DEPOSIT_YAML,
        "{kind: repository_formed, date: 2023-03-15}",
        "{kind: repository_formed, date: 2026-12-29}",
    );
    site.edit(DEPOSIT_YAML, "  - {kind: objects_received, date: 2023-03-17}\n", "");
    site.edit(DEPOSIT_YAML, "  - {kind: depository_number, date: 2023-03-17, number: \"KZ-DEP-2023-000001\"}\n", "");
    let out = site.cmd_on("2026-12-30").args(["check", "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = deadline(&report, "O146-9");
    // 30 and 31 December, then 1 and 2 January are New Year, 3 and 4 a weekend: 5 January.
    assert_eq!(d[0]["due"], "2027-01-05");
    let f = find(&report, "warning", "QOIMA-CALENDAR", "calendar/kz.yaml");
    let m = message(f);
    assert!(m.contains("2027"), "{m}");
    assert!(!m.contains("only weekends were counted"), "{m}");
    assert!(m.contains("public holidays") && m.contains("Orthodox Christmas"), "{m}");
    assert!(m.contains("not known for 2027: Kurban Ait, the transfers of days off"), "{m}");
}

#[test]
fn o146_13_every_half_year_from_the_first_deposit_has_its_report() {
    let site = Site::minimal();
    // The first deposit's events start on 1 March 2023; today is 23 November 2026. The fixture
    // records every report due; without them:
    std::fs::remove_file(site.path("journal.yaml")).unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 0, "a report not submitted is a warning");
    let missing: Vec<&Value> = with_rule(&report, "O146-13");
    assert_eq!(missing.len(), 7, "2023-H1 to 2026-H1; 2026-H2 is not due yet: {missing:#?}");
    assert!(missing.iter().all(|f| f["severity"] == "warning" && f["path"] == "journal.yaml"));
    assert!(
        message(missing[0]).contains("2023-H1") && message(missing[0]).contains("due 2023-07-10"),
        "{}",
        missing[0]
    );

    // Recorded: 2023-H1 on time, 2023-H2 (a quiet half-year) late.
    let record = |date: &str, year: &str, half: &str| {
        site.cmd()
            .args(["record", ".", "half_year_report", "--date", date, "--year", year, "--half", half])
            .args(["--number", "02-11/1"])
            .output()
            .unwrap()
    };
    assert!(record("2023-07-07", "2023", "1").status.success());
    let late = record("2024-01-15", "2023", "2");
    assert!(late.status.success(), "{}", String::from_utf8_lossy(&late.stderr));
    assert!(String::from_utf8_lossy(&late.stdout).contains("3 working days late"), "{late:?}");
    // Half-year 3 does not exist.
    assert!(!record("2024-07-05", "2024", "3").status.success());
    let (_, report) = site.check();
    let found = with_rule(&report, "O146-13");
    assert_eq!(found.len(), 6, "{found:#?}");
    let f = found.iter().find(|f| message(f).contains("2023-H2")).unwrap();
    assert_eq!(f["line"], site.line_of("journal.yaml", "2024-01-15"));
    assert_eq!(f["column"], column_of(&site, "journal.yaml", "2024-01-15", "2024-01-15"));
    assert!(message(f).contains("submitted on 2024-01-15, 3 working days late: due 2024-01-10"), "{f}");
    assert!(!found.iter().any(|f| message(f).contains("2023-H1")));

    // The reports: every half-year, with its due date and state, quiet ones too.
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let index: Value = serde_json::from_str(&site.read("out/internal/en/reports/half-years.json")).unwrap();
    let rows = index["rows"].as_array().unwrap();
    let periods: Vec<&str> = rows.iter().map(|r| r["half_year"].as_str().unwrap()).collect();
    assert_eq!(periods, ["2023-H1", "2023-H2", "2024-H1", "2024-H2", "2025-H1", "2025-H2", "2026-H1", "2026-H2"]);
    assert_eq!(rows[0]["due"], "2023-07-10");
    assert_eq!(rows[0]["state"], "Submitted on time");
    assert_eq!(rows[0]["submitted"], "2023-07-07");
    assert_eq!(rows[1]["state"], "Submitted late");
    assert_eq!(rows[2]["state"], "Not submitted");
    assert_eq!(rows[7]["state"], "Not yet due");
    let kk: Value = serde_json::from_str(&site.read("out/internal/kk/reports/half-years.json")).unwrap();
    assert_eq!(kk["rows"][1]["state"], "Кешіктіріліп ұсынылды");
    // A quiet half-year has its page, which says so.
    let quiet = site.read("out/internal/ru/reports/half-year-2024-H1.html");
    assert!(quiet.contains("В этом полугодии работы по учёту и хранению не проводились."), "{quiet}");
    assert!(quiet.contains("Не представлен"), "{quiet}");
    let listing = site.read("out/internal/en/reports/index.html");
    assert!(listing.contains("half-year-2025-H2.html") && listing.contains("Submitted late"), "{listing}");
}
