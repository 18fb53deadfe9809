//! The rulebook's own words in the reader's language: a finding whose text is the rulebook's
//! (`message:` of a field or a component check), or names what the rulebook names (a document
//! of the documentation set), is said in Kazakh or Russian with `--lang`; the JSON report keeps
//! the rule, the English message, the message id and the arguments.

use crate::common;

use common::*;
use serde_json::{Value, json};

const D1124_YAML: &str = "archive/e-permits/1.1/deposit.yaml";

/// The minimal site with an O146 deposit lacking the development environment's version (the
/// rulebook says what to do) and its authors (qoima's general message), with no copies, its
/// licensed-software configuration not applicable; and a D1124 deposit without its
/// documentation set.
fn site() -> Site {
    let site = Site::minimal();
    site.copy_deposit(DEPOSIT, "archive/e-permits/1.1");
    site.edit(DEPOSIT_YAML, "  environment_version: \"12.2\"\n", "");
    site.edit(DEPOSIT_YAML, "authors: [\"Сейтқали Б.\"]\n", "");
    site.edit(DEPOSIT_YAML, "copies: 2", "copies: 0");
    std::fs::remove_dir_all(site.path(&format!("{DEPOSIT}/license-config"))).unwrap();
    site.edit(
        DEPOSIT_YAML,
        "build:\n",
        "not_applicable: {license-config: \"Лицензиялық БҚ пайдаланылмайды\"}\nbuild:\n",
    );
    site.edit(D1124_YAML, "version: \"1.0\"", "version: \"1.1\"\nrulebook: D1124");
    site.edit(D1124_YAML, "  - {kind: depository_number, date: 2023-03-17, number: \"KZ-DEP-2023-000001\"}\n", "");
    site
}

/// `check -v` in `lang`, as printed.
fn check_text(site: &Site, lang: &str) -> String {
    let out = site.cmd().args(["--lang", lang, "check", "-v"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The English of the findings the tests look at: none of it may show in Kazakh or Russian.
const ENGLISH: &[&str] = &[
    "name the version of the development environment",
    "is missing or empty",
    "not applicable",
    "the documentation set lacks",
    "Application description",
    "asks for at least",
];

/// `check -v` in `lang` prints each of `lines`, and none of the English of those findings.
fn says(lang: &str, lines: &[String]) {
    let out = check_text(&site(), lang);
    for line in lines {
        assert!(out.contains(line.as_str()), "no {line:?} in\n{out}");
    }
    for english in ENGLISH {
        assert!(!out.contains(english), "{english:?} in\n{out}");
    }
}

#[test]
fn kazakh_says_the_rulebooks_words_in_kazakh() {
    says(
        "kk",
        &[
            format!("{DEPOSIT_YAML}:21:16: error[O146-5.1]: әзірлеу ортасының нұсқасын көрсетіңіз (O146-5.1)"),
            format!(
                "{DEPOSIT_YAML}: warning[O146-7]: `authors` жоқ немесе толтырылмаған: оны deposit.yaml файлында толтырыңыз (O146-7)"
            ),
            "info[O146-5.5]: `license-config` құрамдас бөлігі қолданылмайды: Лицензиялық БҚ пайдаланылмайды"
                .to_string(),
            "error[O146-7]: `copies` мәні — 0; O146-7 кемінде 1 талап етеді".to_string(),
            format!(
                "{D1124_YAML}: warning[D1124-30.5]: құжаттама жиынтығында «Қолдану сипаттамасы» жоқ (`documentation: {{application_description: docs/…}}`), D1124-30.5"
            ),
        ],
    );
}

#[test]
fn russian_says_the_rulebooks_words_in_russian() {
    says(
        "ru",
        &[
            format!("{DEPOSIT_YAML}:21:16: error[O146-5.1]: укажите версию среды разработки (O146-5.1)"),
            format!(
                "{DEPOSIT_YAML}: warning[O146-7]: поле `authors` отсутствует или пусто: заполните его в deposit.yaml (O146-7)"
            ),
            "info[O146-5.5]: компонент `license-config` неприменим: Лицензиялық БҚ пайдаланылмайды".to_string(),
            "error[O146-7]: `copies` равно 0; O146-7 требует не менее 1".to_string(),
            format!(
                "{D1124_YAML}: warning[D1124-30.5]: в комплекте документации нет документа «Описание применения» (`documentation: {{application_description: docs/…}}`), D1124-30.5"
            ),
        ],
    );
}

/// The one finding with `message_id` `id` at `path`.
fn by_id<'a>(report: &'a Value, id: &str, path: &str) -> &'a Value {
    let found: Vec<&Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["message_id"] == id && f["path"] == path).collect();
    assert_eq!(found.len(), 1, "{id} at {path}: {report:#}");
    found[0]
}

#[test]
fn the_json_report_keeps_rule_english_message_id_and_arguments_in_any_language() {
    let site = site();
    for lang in ["kk", "ru", "en"] {
        let out = site.cmd().args(["--lang", lang, "check", "--format", "json"]).output().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();

        let version = by_id(&report, "O146/fields/build.environment_version", DEPOSIT_YAML);
        assert_eq!(version["rule"], "O146-5.1");
        assert_eq!(version["severity"], "error");
        assert_eq!(version["message"], "name the version of the development environment (O146-5.1)");
        assert_eq!(
            version["args"],
            json!({"text": {
                "kk": "әзірлеу ортасының нұсқасын көрсетіңіз (O146-5.1)",
                "ru": "укажите версию среды разработки (O146-5.1)",
                "en": "name the version of the development environment (O146-5.1)",
            }})
        );

        let authors = by_id(&report, "field-missing", DEPOSIT_YAML);
        assert_eq!(authors["rule"], "O146-7");
        assert_eq!(authors["message"], "`authors` is missing or empty: fill it in deposit.yaml (O146-7)");
        assert_eq!(authors["args"], json!({"field": "authors", "file": "deposit.yaml", "rule": "O146-7"}));

        let copies = by_id(&report, "field-below-minimum", DEPOSIT_YAML);
        assert_eq!(copies["message"], "`copies` is 0; O146-7 asks for at least 1");
        assert_eq!(copies["args"], json!({"field": "copies", "value": 0, "rule": "O146-7", "min": 1}));

        let not_applicable = by_id(&report, "component-not-applicable", DEPOSIT_YAML);
        assert_eq!(not_applicable["rule"], "O146-5.5");
        assert_eq!(
            not_applicable["message"],
            "component `license-config` not applicable: Лицензиялық БҚ пайдаланылмайды"
        );
        assert_eq!(
            not_applicable["args"],
            json!({"component": "license-config", "reason": "Лицензиялық БҚ пайдаланылмайды"})
        );

        let missing: Vec<&Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["message_id"] == "documentation-item-missing" && f["path"] == D1124_YAML)
            .collect();
        assert_eq!(missing.len(), 10, "every document of the set: {report:#}");
        let application = missing.iter().find(|f| f["args"]["item"] == "application_description").unwrap();
        assert_eq!(application["rule"], "D1124-30.5");
        assert_eq!(
            application["message"],
            "the documentation set lacks the Application description (`documentation: {application_description: docs/…}`), D1124-30.5"
        );
        assert_eq!(
            application["args"],
            json!({
                "title": {"kk": "Қолдану сипаттамасы", "ru": "Описание применения", "en": "Application description"},
                "item": "application_description",
                "folder": "docs",
                "rule": "D1124-30.5",
            })
        );
    }
}

#[test]
fn a_component_check_says_the_rulebooks_words() {
    let site = site();
    std::fs::write(site.path(&format!("{DEPOSIT}/database/permits.sql")), "").unwrap();
    let out = check_text(&site, "kk");
    let file = format!("{DEPOSIT}/database/permits.sql");
    let line = format!(
        "{file}: error[O146-5.4]: дерекқор файлы бос (0 байт): дерекқордың нақты файлын немесе оның дампын депозитке беріңіз"
    );
    assert!(out.contains(&line), "no {line:?} in\n{out}");
    let (_, report) = site.check();
    let f = by_id(&report, "O146/components/database/not-empty-file", &file);
    assert_eq!(f["message"], "the database file is empty (0 bytes): deposit the real database file or dump");
    assert_eq!(
        f["args"]["text"]["ru"],
        "файл базы данных пуст (0 байт): передайте на депонирование настоящий файл базы данных или её дамп"
    );
}
