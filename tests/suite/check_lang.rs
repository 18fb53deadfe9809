//! The checks of events, deadlines, the register record and the records in Kazakh and Russian:
//! one site with a fault of each kind, checked with `--lang kk`, `--lang ru` and as JSON.

use crate::common;

use common::*;
use serde_json::{Value, json};

/// The minimal site with: events out of order, a deadline met late and one missed (the objects
/// received before the repository was formed), an open deadline (withdrawn three days ago), an
/// event dated in the future, a misspelt event kind, a `previous` version that is not there,
/// a system journal entry without its link and one linked to an entry that is not the one
/// before, and a line of the fixity log that cannot be read.
fn faulty() -> Site {
    let site = Site::minimal();
    site.edit(
        DEPOSIT_YAML,
        "  - {kind: repository_formed, date: 2023-03-15}",
        "  - {kind: repository_formed, date: 2023-03-24}",
    );
    site.edit(
        DEPOSIT_YAML,
        "  - {kind: objects_received, date: 2023-03-17}",
        "  - {kind: objects_received, date: 2023-03-14}",
    );
    let more = "  - {kind: decommissioned, date: 2026-11-20}\n  - {kind: handed_over, date: 2027-01-05, to: \"Ministry\"}\n  - {kind: objects_recieved, date: 2023-03-17}\n";
    let text = site.read(DEPOSIT_YAML);
    site.write(DEPOSIT_YAML, &format!("{text}{more}previous: \"0.9\"\n"));
    let bogus = "1".repeat(64);
    let journal = format!(
        "- {{kind: registered, date: 2023-04-01, number: \"R-1\"}}\n- {{kind: sts_copies_sent, date: 2023-04-04, prev: \"{bogus}\"}}\n"
    );
    site.write("archive/e-permits/journal.yaml", &journal);
    site.write("fixity-log.jsonl", "{\"date\": \n");
    site
}

/// `qoima --lang LANG check --verbose` (the site has errors: exit status 1).
fn check_in(site: &Site, lang: &str) -> String {
    let out = site.cmd().args(["--lang", lang, "check", "--verbose"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The findings with message id `id`.
fn all_by_id<'a>(report: &'a Value, id: &str) -> Vec<&'a Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["message_id"] == id).collect()
}

/// The finding with message id `id` (exactly one).
fn by_id<'a>(report: &'a Value, id: &str) -> &'a Value {
    let found = all_by_id(report, id);
    assert_eq!(found.len(), 1, "{id}: {report:#}");
    found[0]
}

/// Each message id and a sentence of its English text, as the report says it.
const ENGLISH: &[(&str, &str)] = &[
    (
        "events-out-of-order",
        "events out of order: `objects_received` on 2023-03-14 comes before `repository_formed` on 2023-03-24; check both dates",
    ),
    (
        "event-in-future",
        "`handed_over` is dated 2027-01-05, in the future (today is 2026-11-23): record events once they happen",
    ),
    ("event-kind-unknown-suggest", "unknown event kind `objects_recieved`: did you mean `objects_received`?"),
    (
        "deposit-previous-unknown",
        "`previous: 0.9` names no version folder of e-permits: give the folder name of the version before",
    ),
    ("system-operating-withdrawn", "the system is marked operating but its events record a withdrawal"),
    ("journal-entry-no-prev", "this journal entry has no `prev:`"),
    ("journal-chain-broken", "the journal's chain is broken here: this entry names 111111"),
    ("fixity-line-unreadable", "this line of the fixity log cannot be read ("),
    (
        "deadline-late",
        "`repository_formed` on 2023-03-24 was 3 working days late: due 2023-03-16 (3 working days after `application_registered` on 2023-03-13, O146-8)",
    ),
    (
        "deadline-missed",
        "no `objects_received` by 2023-03-29 (3 working days after `repository_formed` on 2023-03-24, O146-9); record it with its date once done",
    ),
    (
        "deadline-open",
        "open: `decommission_notice` due 2026-12-04 (10 working days after `decommissioned` on 2026-11-20, O146-11), 9 working days left",
    ),
];

/// The report says every one of `wants`, and none of the English sentences.
fn says_without_english(out: &str, wants: &[&str]) {
    for want in wants {
        assert!(out.contains(want), "{want}\n---\n{out}");
    }
    for (_, english) in ENGLISH {
        assert!(!out.contains(english), "English in the report: {english}\n---\n{out}");
    }
    assert!(!out.contains("open deadlines:") && !out.contains("working days"), "{out}");
}

#[test]
fn the_checks_speak_kazakh() {
    let site = faulty();
    let out = check_in(&site, "kk");
    let wants = [
        // Events out of order, a date in the future, a misspelt kind.
        "error[O146-9]: оқиғалардың реті бұзылған: `objects_received` оқиғасы (2023-03-14) `repository_formed` оқиғасынан (2023-03-24) бұрын тұр; екі күнді де тексеріңіз",
        "error[QOIMA-EVENT]: `handed_over` оқиғасы әлі келмеген 2027-01-05 күнімен белгіленген (бүгін 2026-11-23)",
        "белгісіз оқиға түрі `objects_recieved`: `objects_received` деп жазбақ болдыңыз ба?",
        // Deadlines: met late, missed, open; the open ones under their own heading.
        "`repository_formed` оқиғасы (2023-03-24) мерзімінен 3 жұмыс күні кеш болды: мерзімі 2023-03-16 (`application_registered` оқиғасынан (2023-03-13) кейін 3 жұмыс күні ішінде, O146-8)",
        "мерзім өткізіп алынды, ",
        "2023-03-29 күніне дейін `objects_received` оқиғасы жоқ",
        "ашық: `decommission_notice` мерзімі 2026-12-04",
        "\nашық мерзімдер:\n",
        "9 жұмыс күні қалды\n",
        // The register record and the records.
        "`previous: 0.9` e-permits жүйесінің бірде-бір нұсқа папкасын атамайды",
        "жүйе пайдаланылуда деп белгіленген, бірақ оның оқиғалары пайдаланудан шығарылғанын жазған",
        "журналдың бұл жазбасында `prev:` (алдыңғы жазбаның SHA-256 сомасы) жоқ",
        "error[D1124-41]: журнал тізбегі осы жерде үзілген: бұл жазба алдыңғы жазба ретінде 111111",
        "тұтастықты тексеру журналының бұл жолын оқу мүмкін емес (",
    ];
    says_without_english(&out, &wants);
}

#[test]
fn the_checks_speak_russian_with_plurals() {
    let site = faulty();
    let out = check_in(&site, "ru");
    let wants = [
        "error[O146-9]: нарушен порядок событий: `objects_received` от 2023-03-14 предшествует `repository_formed` от 2023-03-24; проверьте обе даты",
        "событие `handed_over` датировано 2027-01-05, а эта дата ещё не наступила (сегодня 2026-11-23)",
        "неизвестный вид события `objects_recieved`: возможно, имелось в виду `objects_received`?",
        // 3 рабочих дня, 10 и 9 рабочих дней: the forms the count asks for.
        "`repository_formed` от 2023-03-24 — с опозданием на 3 рабочих дня: срок — 2023-03-16 (3 рабочих дня после `application_registered` от 2023-03-13, O146-8)",
        "срок пропущен на ",
        ": к 2023-03-29 нет `objects_received` (3 рабочих дня после `repository_formed` от 2023-03-24, O146-9)",
        "открыт: `decommission_notice` к 2026-12-04 (10 рабочих дней после `decommissioned` от 2026-11-20, O146-11), осталось 9 рабочих дней",
        "\nоткрытые сроки:\n",
        "осталось 9 рабочих дней\n",
        "`previous: 0.9` не называет ни одной папки версии системы e-permits",
        "система отмечена как эксплуатируемая, но её события фиксируют вывод из эксплуатации",
        "у этой записи журнала нет `prev:`",
        "error[D1124-41]: цепочка журнала здесь нарушена: эта запись называет предыдущей 111111",
        "эту строку журнала проверок целостности не удаётся прочитать (",
    ];
    says_without_english(&out, &wants);
}

#[test]
fn the_json_report_keeps_the_rule_the_english_message_and_the_arguments() {
    let site = faulty();
    for lang in ["kk", "ru", "en"] {
        let out = site.cmd().args(["--lang", lang, "check", "--format", "json"]).output().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        for (id, english) in ENGLISH {
            let found = all_by_id(&report, id);
            let f = found.iter().find(|f| f["message"].as_str().unwrap().contains(english));
            let f = f.unwrap_or_else(|| panic!("{lang} {id}: {found:#?}"));
            assert!(f["args"].is_object() && f["rule"].is_string(), "{lang} {id}: {f:#}");
        }
        let order = by_id(&report, "events-out-of-order");
        assert_eq!(
            (&order["rule"], &order["path"], &order["severity"]),
            (&json!("O146-9"), &json!(DEPOSIT_YAML), &json!("error"))
        );
        assert_eq!(
            order["args"],
            json!({"then": "objects_received", "then_date": "2023-03-14", "first": "repository_formed", "first_date": "2023-03-24"})
        );
        // Counts are numbers (each language writes and pluralises them); dates and names strings.
        let late = by_id(&report, "deadline-late");
        assert_eq!(late["rule"], "O146-8");
        assert_eq!(late["args"]["days"], json!(3));
        assert_eq!(late["args"]["count"], json!(3));
        assert_eq!(late["args"]["unit"], "working");
        assert_eq!(late["args"]["from_event"], "application_registered");
        let open = by_id(&report, "deadline-open");
        assert_eq!((&open["severity"], &open["args"]["days"]), (&json!("info"), &json!(9)));
        let unknown = by_id(&report, "event-kind-unknown-suggest");
        assert_eq!(unknown["rule"], "QOIMA-EVENT");
        assert_eq!(unknown["args"]["suggestion"], "objects_received");
        let journal = by_id(&report, "journal-entry-no-prev");
        assert_eq!(
            (&journal["rule"], &journal["path"]),
            (&json!("D1124-41"), &json!("archive/e-permits/journal.yaml"))
        );
        let broken = by_id(&report, "journal-chain-broken");
        assert_eq!(broken["line"], 2);
        assert!(broken["args"]["named"].as_str().unwrap().starts_with("111111"), "{broken:#}");
        assert!(broken["args"]["actual"].is_string(), "{broken:#}");
    }
}

#[test]
fn a_year_the_calendar_knows_in_part_is_told_with_the_holidays_names_of_the_language() {
    // Withdrawn on 21 December 2026: the notice is due in 2027, a year the calendar knows in part.
    let site = Site::minimal();
    let text = site.read(DEPOSIT_YAML);
    site.write(DEPOSIT_YAML, &format!("{text}  - {{kind: decommissioned, date: 2026-12-21}}\n"));
    let report = |lang: &str| {
        let out = site.cmd_on("2026-12-22").args(["--lang", lang, "check"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let ru = report("ru");
    assert!(ru.contains("warning[QOIMA-CALENDAR]: сроки приходятся на 2027 год, который календарь рабочих дней знает не полностью (он знает 2007–2026 годы): учтены выходные дни, праздничные дни"), "{ru}");
    assert!(
        ru.contains(" и Православное Рождество; за 2027 год неизвестны: Курбан айт, переносы выходных дней"),
        "{ru}"
    );
    let kk = report("kk");
    assert!(
        kk.contains(
            "және Православиелік Рождество есепке алынды; 2027 жыл үшін белгісіз: Құрбан айт, демалыс күндерін"
        ),
        "{kk}"
    );
    let en = report("en");
    assert!(
        en.contains(
            "and Orthodox Christmas were counted; not known for 2027: Kurban Ait, the transfers of days off by decree"
        ),
        "{en}"
    );
    let out = site.cmd_on("2026-12-22").args(["--lang", "kk", "check", "--format", "json"]).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = by_id(&json, "calendar-year-unknown");
    assert!(f["message"].as_str().unwrap().contains("not known for 2027: Kurban Ait,"), "{f:#}");
    assert_eq!(f["args"]["unknown"], json!({"kk": "Құрбан айт", "ru": "Курбан айт", "en": "Kurban Ait"}));
    assert_eq!(f["args"]["unknown_count"], json!(1));
}

#[test]
fn a_rulebook_is_printed_in_the_language() {
    let site = Site::minimal();
    let rules = |lang: &str| {
        let out = site.cmd().args(["--lang", lang, "rules", "D1124"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let ru = rules("ru");
    for want in [
        "\nсроки\n",
        "  D1124-16    registered → sts_copies_sent: в течение 3 рабочих дней\n",
        "termination_notice → register_changed: в течение 10 дней\n",
        "  D1124-24    yearly_notice: ежегодно до 03-30\n",
        "\nсобытия в system.yaml\n",
    ] {
        assert!(ru.contains(want), "{want}\n---\n{ru}");
    }
    let kk = rules("kk");
    for want in
        ["\nмерзімдер\n", "registered → sts_copies_sent: 3 жұмыс күні ішінде\n", "\nsystem.yaml ішіндегі оқиғалар\n"]
    {
        assert!(kk.contains(want), "{want}\n---\n{kk}");
    }
    for text in [&ru, &kk] {
        assert!(!text.contains(" within ") && !text.contains("every year") && !text.contains("in force "), "{text}");
    }
    let en = rules("en");
    assert!(en.contains("  D1124-16    registered → sts_copies_sent within 3 wd\n"), "{en}");
    assert!(en.contains("  D1124-24    yearly_notice by 03-30 every year\n"), "{en}");
}

/// A second version copied from the first and left as it was (its `version:`, its application's
/// number), with more faults of the register record and of events; the first names a rulebook
/// there is none of.
fn copied() -> Site {
    let site = Site::minimal();
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    let yaml = "archive/e-permits/2.0/deposit.yaml";
    site.edit(SYSTEM_YAML, "access: public", "access: restricted");
    site.edit(yaml, "is_code: \"ISEG-00042\"", "is_code: \"ISEG-00099\"\naccess: public\ncopy_permitted: false");
    site.edit(yaml, "release_date: 2023-02-20", "release_date: 2027-02-01");
    site.edit(
        yaml,
        "{kind: repository_formed, date: 2023-03-15}",
        "{kind: repository_formed, date: 2023-03-15, sha256: \"ab\"}",
    );
    site.edit(
        yaml,
        "{kind: objects_received, date: 2023-03-17}",
        "{kind: objects_received, date: 2023-03-17, document: \"docs/act.pdf\"}",
    );
    let text = site.read(yaml);
    site.write(yaml, &format!("{text}  - {{kind: access_granted, date: 2023-03-20}}\n"));
    site.edit(DEPOSIT_YAML, "date: 2023-03-15", "date: 2023-03-15\nrulebook: O999");
    site
}

#[test]
fn the_register_record_and_the_particulars_of_events_in_kazakh_and_russian() {
    let site = copied();
    let kk = check_in(&site, "kk");
    let ru = check_in(&site, "ru");
    for (out, wants) in [
        (
            &kk,
            [
                "`version: \"1.0\"` нұсқа папкасының атауынан (`2.0`) өзгеше",
                "`is_code: ISEG-00099` жүйенің archive/e-permits/system.yaml файлындағы `ISEG-00042` кодынан өзгеше",
                "шектеулі жүйеде `access: public` көрсетілген",
                "`copy_permitted: false` көрсетілген, бірақ өнім мемлекет қаражатымен әзірленген",
                "шығарылым күні 2027-02-01 әлі келмеген (бүгін 2026-11-23)",
                "`sha256` өрісі deposit.yaml файлына емес, жүйе журналының жазбасына жатады",
                "`document` депозитте жоқ `docs/act.pdf` файлын атайды",
                "`access_granted` оқиғасына `to:` өрісі қажет (O146-10)",
                "`access_granted` оқиғасы `authorized_body_notified: true` талап етеді (O146-10)",
                "`application_registered` оқиғасының Ж-2023/001 нөмірі archive/e-permits/1.0/deposit.yaml файлында бұрын пайдаланылған",
                "белгісіз ережелер жинағы `O999`: мыналардың бірін пайдаланыңыз: ",
            ],
        ),
        (
            &ru,
            [
                "`version: \"1.0\"` не совпадает с папкой версии `2.0`",
                "`is_code: ISEG-00099` не совпадает с кодом системы `ISEG-00042` в archive/e-permits/system.yaml",
                "`access: public` в системе с ограниченным доступом",
                "`copy_permitted: false`, но продукт создан за счёт государственных средств",
                "дата выпуска 2027-02-01 ещё не наступила (сегодня 2026-11-23)",
                "`sha256` относится к записи журнала системы, а не к deposit.yaml",
                "`document` называет `docs/act.pdf`, которого нет в депозите",
                "событию `access_granted` нужно поле `to:` (O146-10)",
                "событие `access_granted` требует `authorized_body_notified: true` (O146-10)",
                "номер Ж-2023/001 события `application_registered` уже использован в archive/e-permits/1.0/deposit.yaml",
                "неизвестный свод правил `O999`: используйте один из: ",
            ],
        ),
    ] {
        for want in wants {
            assert!(out.contains(want), "{want}\n---\n{out}");
        }
        for english in ["differs from the version folder", "in the future", "unknown rulebook", "is already used in"] {
            assert!(!out.contains(english), "{english}\n---\n{out}");
        }
    }
    let (_, report) = site.check();
    let f = by_id(&report, "deposit-code-differs");
    assert_eq!(f["rule"], "O146-2.4");
    assert_eq!(f["args"], json!({"code": "ISEG-00099", "system_code": "ISEG-00042", "path": SYSTEM_YAML}));
    let f = by_id(&report, "rulebook-unknown");
    assert_eq!((&f["rule"], &f["args"]["rulebook"]), (&json!("QOIMA-RULEBOOK"), &json!("O999")));
    assert!(f["message"].as_str().unwrap().starts_with("unknown rulebook `O999`: use one of "), "{f:#}");
}
