//! How the clauses read: where a clock starts (O146-7), what must come first (O146-6, D1124-36),
//! what ends a yearly duty (D1124-24), whose duty it is (D1124-34, D1124-11), when a clause is in
//! force (the rulebooks' dates, D1124-41-1) and what the calendar counted in a year it knows only
//! in part. Each finding is asserted with its rule, its place and its dates.

use crate::common;

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

/// The one deadline of `rule` started by `from_event` on `from_date`; panics with all of them.
fn clock<'a>(report: &'a Value, rule: &str, from_event: &str, from_date: &str) -> &'a Value {
    let all = deadline(report, rule);
    all.iter()
        .find(|d| d["from_event"] == from_event && d["from_date"] == from_date)
        .copied()
        .unwrap_or_else(|| panic!("no {rule} clock from {from_event} on {from_date}: {all:#?}"))
}

/// The event of a clock, as a test writes it in YAML.
fn event_line(kind: &str, date: &str) -> String {
    format!("{{kind: {kind}, date: {date}")
}

/// The clocks of one report, read in one file.
struct Clocks<'a> {
    site: &'a Site,
    report: &'a Value,
    path: &'a str,
}

impl Clocks<'_> {
    /// `spec` is "RULE FROM_EVENT FROM_DATE KIND DATE due DUE": the event KIND on DATE ended
    /// the clock of RULE started by FROM_EVENT on FROM_DATE two working days after its due date
    /// DUE. The deadline says so, and a warning of RULE points at the event's date.
    fn late(&self, spec: &str) {
        let [rule, from_event, from_date, kind, date, "due", due] = spec.split_whitespace().collect::<Vec<_>>()[..]
        else {
            panic!("not a spec: {spec}")
        };
        let (site, path) = (self.site, self.path);
        let d = clock(self.report, rule, from_event, from_date);
        assert_eq!(d["due"], due, "{d}");
        assert_eq!(d["state"], "late", "{d}");
        let needle = event_line(kind, date);
        let f = with_rule(self.report, rule)
            .into_iter()
            .find(|f| f["path"] == path && f["line"] == site.line_of(path, &needle))
            .unwrap_or_else(|| panic!("no {rule} finding at {kind} in {path}: {:#}", self.report));
        assert_eq!(f["severity"], "warning", "{f}");
        assert_eq!(f["column"], column_of(site, path, &needle, date), "{f}");
        assert!(message(f).contains(&format!("2 working days late: due {due}")), "{f}");
    }

    /// `spec` is "RULE FROM_EVENT FROM_DATE due DUE KIND": no event KIND ended the clock of
    /// RULE started by FROM_EVENT on FROM_DATE, due on DUE. A warning points at the start.
    fn missed(&self, spec: &str) {
        let [rule, from_event, from_date, "due", due, kind] = spec.split_whitespace().collect::<Vec<_>>()[..] else {
            panic!("not a spec: {spec}")
        };
        let d = clock(self.report, rule, from_event, from_date);
        assert_eq!(d["due"], due, "{d}");
        assert_eq!(d["state"], "missed", "{d}");
        let f = with_rule(self.report, rule)
            .into_iter()
            .find(|f| message(f).contains(&format!("no `{kind}` by {due}")))
            .unwrap_or_else(|| panic!("no missed {rule} finding: {:#}", self.report));
        assert_eq!(f["path"], self.path, "{f}");
        assert_eq!(f["line"], self.site.line_of(self.path, &event_line(from_event, from_date)), "{f}");
    }
}

/// The one error of `rule` in `path`, on the line holding `needle`, names `what` is missing.
fn refused(site: &Site, path: &str, rule: &str, needle: &str, what: &str) {
    let (code, report) = site.check();
    assert_eq!(code, 1, "{report:#}");
    let f = find(&report, "error", rule, path);
    assert_eq!(f["line"], site.line_of(path, needle), "{f}");
    assert!(message(f).contains(what), "{f}");
}

/// The minimal system with these State Register events (system.yaml, D1124-10…27).
fn register_events(site: &Site, evs: &str) {
    site.edit(SYSTEM_YAML, "developer:", &format!("events:\n{evs}developer:"));
}

#[test]
fn d1124_14_15_16_the_register_clocks_from_application_to_record() {
    // D1124-14: completeness checked within 15 working days of 1 February 2012 (a Wednesday).
    let site = Site::minimal();
    register_events(
        &site,
        "  - {kind: register_application, date: 2012-02-01}\n  - {kind: register_checked, date: 2012-02-24}\n",
    );
    let (_, report) = site.check();
    let at = Clocks { site: &site, report: &report, path: SYSTEM_YAML };
    at.late("D1124-14 register_application 2012-02-01 register_checked 2012-02-24 due 2012-02-22");
    // Nothing registered yet: the registration (D1124-15) was due 5 working days after the check.
    at.missed("D1124-15 register_checked 2012-02-24 due 2012-03-02 registered");

    // D1124-15: registered with its number 5 working days after the check, or late.
    let site = Site::minimal();
    register_events(
        &site,
        "  - {kind: register_application, date: 2012-02-01}\n  - {kind: register_checked, date: 2012-02-06}\n  - {kind: registered, date: 2012-02-15, number: \"РГ-2012-0007\"}\n  - {kind: sts_copies_sent, date: 2012-02-15}\n  - {kind: sts_recorded, date: 2012-02-24}\n",
    );
    let (_, report) = site.check();
    let at = Clocks { site: &site, report: &report, path: SYSTEM_YAML };
    at.late("D1124-15 register_checked 2012-02-06 registered 2012-02-15 due 2012-02-13");
    // D1124-16, 17: copies sent the same day, the record entered 5 working days later at most.
    assert_eq!(clock(&report, "D1124-16", "registered", "2012-02-15")["state"], "met");
    at.late("D1124-17 sts_copies_sent 2012-02-15 sts_recorded 2012-02-24 due 2012-02-22");

    // A registration without its number is refused (D1124-15: a number is assigned).
    site.edit(SYSTEM_YAML, ", number: \"РГ-2012-0007\"", "");
    refused(&site, SYSTEM_YAML, "D1124-15", "kind: registered", "number");
}

#[test]
fn d1124_19_20_a_returned_registration_gives_reasons_and_a_resubmission_is_checked_again() {
    let site = Site::minimal();
    register_events(
        &site,
        "  - {kind: register_application, date: 2012-02-01}\n  - {kind: register_returned, date: 2012-02-02}\n  - {kind: register_resubmitted, date: 2012-02-06}\n  - {kind: register_checked, date: 2012-02-29}\n",
    );
    let (code, report) = site.check();
    // D1124-19: returned with the reasons, and here there are none.
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-19", SYSTEM_YAML);
    assert_eq!(f["line"], site.line_of(SYSTEM_YAML, "register_returned"));
    assert!(message(f).contains("reasons"), "{f}");
    // The return met the first check's 15 working days (D1124-19 counts as D1124-14 does).
    assert_eq!(clock(&report, "D1124-14", "register_application", "2012-02-01")["state"], "met");
    // D1124-20, 21: the resubmission is checked again in the same order and term.
    let at = Clocks { site: &site, report: &report, path: SYSTEM_YAML };
    at.late("D1124-14 register_resubmitted 2012-02-06 register_checked 2012-02-29 due 2012-02-27");

    site.edit(
        SYSTEM_YAML,
        "{kind: register_returned, date: 2012-02-02}",
        "{kind: register_returned, date: 2012-02-02, reasons: [\"no developer's address\"]}",
    );
    let (_, report) = site.check();
    assert!(with_rule(&report, "D1124-19").is_empty(), "{report:#}");
}

#[test]
fn d1124_22_23_a_request_for_more_information_is_answered_within_10_working_days() {
    let site = Site::minimal();
    register_events(
        &site,
        "  - {kind: register_application, date: 2012-02-01}\n  - {kind: info_requested, date: 2012-02-02}\n  - {kind: info_answered, date: 2012-02-20}\n  - {kind: register_checked, date: 2012-02-21}\n",
    );
    let (_, report) = site.check();
    let at = Clocks { site: &site, report: &report, path: SYSTEM_YAML };
    at.late("D1124-22 info_requested 2012-02-02 info_answered 2012-02-20 due 2012-02-16");
}

/// A D1124 deposit applied for on 1 November 2012, with these events after the application.
fn november_2012(site: &Site, evs: &str) {
    d1124_deposit(
        site,
        "2012-11-01",
        &format!(
            "  - {{kind: commissioned, date: 2012-10-15}}\n  - {{kind: application_received, date: 2012-11-01}}\n{evs}"
        ),
    );
}

#[test]
fn d1124_39_the_application_reaches_the_technical_service_within_3_working_days() {
    let site = Site::minimal();
    november_2012(&site, "  - {kind: passed_to_sts, date: 2012-11-08}\n");
    let (_, report) = site.check();
    let at = Clocks { site: &site, report: &report, path: DEPOSIT_YAML };
    at.late("D1124-39 application_received 2012-11-01 passed_to_sts 2012-11-08 due 2012-11-06");
    // Passed before it was received: out of order.
    site.edit(DEPOSIT_YAML, "{kind: passed_to_sts, date: 2012-11-08}", "{kind: passed_to_sts, date: 2012-10-31}");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-39", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "passed_to_sts"));
    assert_eq!(f["column"], column_of(&site, DEPOSIT_YAML, "passed_to_sts", "2012-10-31"));
}

#[test]
fn d1124_42_43_44_a_returned_deposit_gives_reasons_is_corrected_and_reviewed_again() {
    let site = Site::minimal();
    november_2012(
        &site,
        "  - {kind: passed_to_sts, date: 2012-11-02}\n  - {kind: returned, date: 2012-11-05, reasons: [\"the build description names no environment version\"]}\n  - {kind: returned_to_applicant, date: 2012-11-12}\n  - {kind: resubmitted, date: 2012-11-21}\n",
    );
    let (_, report) = site.check();
    // The technical service returned it within its 7 working days (D1124-40, D1124-42)…
    assert_eq!(clock(&report, "D1124-40", "passed_to_sts", "2012-11-02")["state"], "met");
    // …the authorized body passed it back to the applicant 2 working days late (D1124-42)…
    let at = Clocks { site: &site, report: &report, path: DEPOSIT_YAML };
    at.late("D1124-42 returned 2012-11-05 returned_to_applicant 2012-11-12 due 2012-11-08");
    // …the owner corrected it 2 working days late (D1124-43)…
    let at = Clocks { site: &site, report: &report, path: DEPOSIT_YAML };
    at.late("D1124-43 returned_to_applicant 2012-11-12 resubmitted 2012-11-21 due 2012-11-19");
    // …and the resubmission is reviewed in the same order (D1124-44): passed on to the
    // technical service within 3 working days, a clock of its own, still missed.
    at.missed("D1124-39 resubmitted 2012-11-21 due 2012-11-26 passed_to_sts");
    assert_eq!(clock(&report, "D1124-39", "application_received", "2012-11-01")["state"], "met");

    // A return without its reasons is refused (D1124-42).
    site.edit(DEPOSIT_YAML, ", reasons: [\"the build description names no environment version\"]", "");
    refused(&site, DEPOSIT_YAML, "D1124-42", "kind: returned,", "reasons");
}

#[test]
fn d1124_45_46_a_deposit_s_answer_to_a_request_is_due_within_10_working_days() {
    let site = Site::minimal();
    november_2012(&site, "  - {kind: info_requested, date: 2012-11-01}\n  - {kind: info_answered, date: 2012-11-19}\n");
    let (_, report) = site.check();
    let at = Clocks { site: &site, report: &report, path: DEPOSIT_YAML };
    at.late("D1124-45 info_requested 2012-11-01 info_answered 2012-11-19 due 2012-11-15");
}

#[test]
fn d1124_48_49_a_withdrawn_product_is_notified_and_the_register_changed() {
    let site = Site::minimal();
    d1124_deposit(
        &site,
        "2012-09-03",
        "  - {kind: commissioned, date: 2012-08-20}\n  - {kind: application_received, date: 2012-09-03}\n  - {kind: withdrawn, date: 2012-10-01}\n  - {kind: withdrawal_notice, date: 2012-11-01}\n",
    );
    let (_, report) = site.check();
    // 20 working days from 1 October 2012: Kurban Ait, Friday 26 October, is not one of them.
    let at = Clocks { site: &site, report: &report, path: DEPOSIT_YAML };
    at.late("D1124-48 withdrawn 2012-10-01 withdrawal_notice 2012-11-01 due 2012-10-30");
    // D1124-49: the register of products changed within 10 working days of the notice; never.
    at.missed("D1124-48 withdrawal_notice 2012-11-01 due 2012-11-15 depository_register_changed");
    assert_eq!(clock(&report, "D1124-48", "withdrawal_notice", "2012-11-01")["id"], "product-register-change");
}

#[test]
fn d1124_10_the_application_names_the_owner_and_the_developer() {
    let site = Site::minimal();
    d1124_deposit(
        &site,
        "2012-11-01",
        "  - {kind: commissioned, date: 2012-10-15}\n  - {kind: application_received, date: 2012-11-01}\n",
    );
    // The holder's name left empty, its phone left out.
    site.edit(
        SYSTEM_YAML,
        "full_name: {kk: \"Цифрлық даму министрлігі\", ru: \"Министерство цифрового развития\"}",
        "full_name: {kk: \"\", ru: \"\"}",
    );
    site.edit(SYSTEM_YAML, "  phone: \"+7 7172 74 00 00\"\n", "");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-10", SYSTEM_YAML);
    assert!(message(f).contains("holder.full_name"), "{f}");
    let f = find(&report, "warning", "D1124-10", SYSTEM_YAML);
    assert!(message(f).contains("holder.phone"), "{f}");
    assert_eq!(f["line"], site.line_of(SYSTEM_YAML, "holder:") + 1, "points at the holder block");
}

#[test]
fn d1124_30_the_parts_of_a_deposit_each_under_its_clause() {
    let site = Site::minimal();
    d1124_deposit(
        &site,
        "2012-11-01",
        "  - {kind: commissioned, date: 2012-10-15}\n  - {kind: application_received, date: 2012-11-01}\n",
    );
    // D1124-30.1: the build's service files and the development environment's version.
    std::fs::remove_file(site.path(&format!("{DEPOSIT}/source/Makefile"))).unwrap();
    site.edit(DEPOSIT_YAML, "  environment_version: \"12.2\"\n", "");
    // D1124-30.2: an installer of 0 bytes.
    site.write(&format!("{DEPOSIT}/install/permits-1.0.txt"), "");
    // D1124-30.3: the folder of additional software, empty.
    std::fs::create_dir(site.path(&format!("{DEPOSIT}/extra"))).unwrap();
    // D1124-30.4: no annotation.
    let text = site.read(DEPOSIT_YAML);
    let start = text.find("annotation:").unwrap();
    let end = text.find("requirements:").unwrap();
    site.write(DEPOSIT_YAML, &format!("{}{}", &text[..start], &text[end..]));
    // D1124-35: the application is not sealed.
    site.edit(DEPOSIT_YAML, "sealed: true", "sealed: false");

    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-30.1", &format!("{DEPOSIT}/source"));
    assert!(message(f).contains("Makefile"), "{f}");
    let f = with_rule(&report, "D1124-30.1")
        .into_iter()
        .find(|f| f["path"] == DEPOSIT_YAML)
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(f["severity"], "error");
    assert!(message(f).contains("version of the development environment"), "{f}");
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "environment:"), "points at the build block");
    find(&report, "warning", "D1124-30.2", &format!("{DEPOSIT}/install/permits-1.0.txt"));
    find(&report, "warning", "D1124-30.3", &format!("{DEPOSIT}/extra"));
    let f = find(&report, "error", "D1124-30.4", DEPOSIT_YAML);
    assert!(message(f).contains("annotation"), "{f}");
    let f = find(&report, "warning", "D1124-35", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "sealed: false"));
    // Under D1124 additional software is D1124-30.3, not O146-5.3.
    assert!(with_rule(&report, "O146-5.3").is_empty());
}

#[test]
fn o146_5_3_additional_software_is_optional_and_an_empty_folder_is_a_warning() {
    let site = Site::minimal();
    let (code, report) = site.check();
    assert_eq!(code, 0);
    assert!(with_rule(&report, "O146-5.3").is_empty(), "no extra/: nothing to say");
    std::fs::create_dir(site.path(&format!("{DEPOSIT}/extra"))).unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 0, "a warning");
    let f = find(&report, "warning", "O146-5.3", &format!("{DEPOSIT}/extra"));
    assert!(message(f).contains("extra/"), "{f}");
    site.write(&format!("{DEPOSIT}/extra/postgis-3.3.tar.gz"), "postgis");
    let (_, report) = site.check();
    assert!(with_rule(&report, "O146-5.3").is_empty(), "{report:#}");
}

#[test]
fn o146_12_a_transferred_system_records_its_transfer_to_the_archive() {
    let site = Site::minimal();
    site.edit(SYSTEM_YAML, "status: operating", "status: transferred");
    site.edit(
        DEPOSIT_YAML,
        "  - {kind: depository_number",
        "  - {kind: decommissioned, date: 2024-01-10}\n  - {kind: decommission_notice, date: 2024-01-15}\n  - {kind: depository_number",
    );
    let (_, report) = site.check();
    let f = find(&report, "warning", "O146-12", SYSTEM_YAML);
    assert_eq!(f["line"], site.line_of(SYSTEM_YAML, "status: transferred"));
    assert_eq!(f["column"], 9);
    assert!(message(f).contains("transferred_to_archive"), "{f}");

    // Handed over, then transferred to the archive: recorded, in order.
    site.edit(
        DEPOSIT_YAML,
        "  - {kind: depository_number",
        "  - {kind: handed_over, date: 2024-01-17, to: \"ЦДМ\"}\n  - {kind: transferred_to_archive, date: 2024-01-12}\n  - {kind: depository_number",
    );
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "O146-12", DEPOSIT_YAML);
    assert_eq!(f["line"], site.line_of(DEPOSIT_YAML, "transferred_to_archive"));
    assert_eq!(f["column"], column_of(&site, DEPOSIT_YAML, "transferred_to_archive", "2024-01-12"));
    assert!(with_rule(&report, "O146-12").iter().all(|f| f["path"] != SYSTEM_YAML), "{report:#}");
}

#[test]
fn d1124_25_updated_information_is_checked_as_an_application_is() {
    // D1124-25: a registered system sends updated information on 1 February 2013 (a Friday):
    // its check is due in the 15 working days of D1124-14, as a registration's is.
    let site = Site::minimal();
    register_events(
        &site,
        &format!(
            "{}  - {{kind: register_update, date: 2013-02-01}}\n  - {{kind: register_checked, date: 2013-02-26}}\n",
            REGISTERED.trim_start_matches("events:\n")
        ),
    );
    let (_, report) = site.check();
    assert_eq!(clock(&report, "D1124-14", "register_application", "2012-02-01")["state"], "met");
    let at = Clocks { site: &site, report: &report, path: SYSTEM_YAML };
    at.late("D1124-14 register_update 2013-02-01 register_checked 2013-02-26 due 2013-02-22");
}

#[test]
fn d1124_50_a_missed_yearly_product_update_gets_a_written_warning() {
    let site = Site::minimal();
    d1124_deposit(
        &site,
        "2012-03-15",
        "  - {kind: commissioned, date: 2012-03-01}\n  - {kind: application_received, date: 2012-03-15}\n  - {kind: passed_to_sts, date: 2012-03-16}\n  - {kind: verification_conclusion, date: 2012-03-22, outcome: positive}\n  - {kind: depository_number, date: 2012-03-23, number: \"KZ-DEP-2012-000001\"}\n",
    );
    register_events(&site, REGISTERED.trim_start_matches("events:\n"));
    let (_, report) = site.check();
    // The update for 2013 was due on 30 April 2013; the finding names the warning it calls for.
    let f = with_rule(&report, "D1124-34")
        .into_iter()
        .find(|f| message(f).contains("2013-04-30"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["path"], SYSTEM_YAML, "{f}");
    // The duty starts at the deposit's number, in another file: no place in system.yaml.
    assert!(f["line"].is_null(), "{f}");
    assert!(message(f).contains("(D1124-50)"), "{f}");

    // The written warning, printed in each language for every year missed.
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    for (lang, title, due) in [
        ("kk", "Депозитарийдің мәліметтерін жаңарту қажеттілігі туралы жазбаша ескерту", "2013 жылғы 30 сәуір"),
        ("ru", "Письменное предупреждение о необходимости обновления сведений депозитария", "30 апреля 2013 г."),
        ("en", "Written warning to update the depository", "30 April 2013"),
    ] {
        let page = site.read(&format!("out/internal/{lang}/systems/e-permits/reminder-yearly-update-2013.html"));
        assert!(page.contains("D1124-50 (D1124-34)"), "{lang}: {page}");
        assert!(page.contains(title), "{lang}: {page}");
        assert!(page.contains(due), "{lang}: {page}");
        assert!(page.contains("ISEG-00042"), "{lang}: the system's code");
    }
    assert!(site.path("out/internal/ru/systems/e-permits/reminder-yearly-update-2014.html").is_file());
    assert!(!site.path("out/public/ru/systems/e-permits/reminder-yearly-update-2013.html").exists());
}

#[test]
fn o146_4_the_operator_carries_out_what_the_authorized_body_organizes() {
    // O146-4: the operator carries the work out. The transfer act of an O146 system (O146-11)
    // names the operator of site.toml as the party handing the objects over, with its signatory,
    // in each language.
    let site = Site::sample();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site.cmd().args(["package", "astana-parking", "--out"]).arg(site.path("p.zip")).assert().success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(site.path("p.zip")).unwrap()).unwrap();
    for (lang, operator) in [
        ("kk", "«Зерде» ұлттық инфокоммуникациялық холдингі» АҚ"),
        ("ru", "АО «Национальный инфокоммуникационный холдинг «Зерде»"),
    ] {
        let mut act = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name(&format!("astana-parking/transfer/transfer-act-{lang}.html")).unwrap(),
            &mut act,
        )
        .unwrap();
        assert!(act.contains(operator), "O146-4, {lang}: the operator hands over: {act}");
        assert!(act.contains("Үлгі Дана Ерланқызы"), "O146-4, {lang}: the operator's signatory: {act}");
    }
}

#[test]
fn d1124_35_a_deposit_under_d1124_prints_its_own_application_not_annex_1_of_o146() {
    let site = Site::sample();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let page = |rel: &str| site.read(&format!("out/internal/{rel}"));
    // Decree 1124: the application for deposit (D1124-35), on the authorized body's form.
    for (lang, title) in [
        ("kk", "Депозитке беруге арналған өтінім"),
        ("ru", "Заявка на депонирование"),
        ("en", "Application for deposit"),
    ] {
        let d1124 = page(&format!("{lang}/systems/e-notary/2.0/annex1.html"));
        assert!(d1124.contains(&format!("<h1>{title}</h1>")), "{lang}: {d1124}");
        assert!(d1124.contains("<p class=\"rule\">D1124-35</p>"), "{lang}: {d1124}");
        assert!(!d1124.contains("form-mark") && !d1124.contains("O146-7"), "{lang}: not Annex 1 of O146");
        // The deposit page links it under its own name.
        assert!(page(&format!("{lang}/systems/e-notary/2.0/index.html")).contains(title), "{lang}");
    }
    // Order 146: Annex 1, the form of the order (O146-7).
    let o146 = page("ru/systems/e-license/3.3/annex1.html");
    assert!(o146.contains("<p class=\"form-mark\">Приложение 1. Форма</p>"), "{o146}");
    assert!(o146.contains("<p class=\"rule\">O146-7</p>"), "{o146}");
}
