//! The operator's language: findings and the closing line of `check` in Kazakh, Russian or
//! English (`--lang`, else the locale), and the JSON report's message ids and arguments.

use crate::common;

use common::*;
use std::fs;

const MAIN_C: &str = "archive/e-permits/1.0/source/main.c";

/// The minimal site, sealed, then one sealed file changed behind qoima's back.
fn tampered() -> Site {
    let site = Site::minimal();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site.edit(DEPOSIT_YAML, "  - {kind: depository_number, date: 2023-03-17, number: \"KZ-DEP-2023-000001\"}\n", "");
    site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
    let text = site.read(MAIN_C);
    fs::write(site.path(MAIN_C), format!("{text}/* changed */\n")).unwrap();
    site
}

/// `check`'s text output with `env` set and `args` before `check`.
fn check_text(site: &Site, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = site.cmd();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_russian_locale_speaks_russian() {
    let site = tampered();
    let out = check_text(&site, &[("LANG", "ru_RU.UTF-8")], &[]);
    assert!(
        out.contains(&format!(
            "{MAIN_C}: error[D1124-7]: опечатанный файл изменён (KZ-DEP-2026-000001): его SHA-256 не совпадает с манифестом; восстановите его из реплики"
        )),
        "{out}"
    );
    assert!(out.contains("на 2026-11-23 проверены: 1 система, 1 депозит: 1 ошибка, "), "{out}");
    assert!(out.contains("; сроки: открыто "), "{out}");
}

#[test]
fn lang_kk_speaks_kazakh_over_the_locale() {
    let site = tampered();
    let out = check_text(&site, &[("LC_ALL", "ru_RU.UTF-8")], &["--lang", "kk"]);
    assert!(
        out.contains(&format!(
            "{MAIN_C}: error[D1124-7]: мөрленген файл өзгертілген (KZ-DEP-2026-000001): оның SHA-256 сомасы манифесттегіден өзгеше; оны репликадан қалпына келтіріңіз"
        )),
        "{out}"
    );
    assert!(out.contains("2026-11-23 күнгі жағдай бойынша 1 жүйе, 1 депозит тексерілді: 1 қате, "), "{out}");
}

#[test]
fn lc_all_wins_over_lang_and_c_is_english() {
    let site = tampered();
    let out = check_text(&site, &[("LC_ALL", "kk_KZ.UTF-8"), ("LANG", "ru_RU.UTF-8")], &[]);
    assert!(out.contains("мөрленген файл өзгертілген"), "{out}");
    let out = check_text(&site, &[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")], &[]);
    assert!(out.contains("a sealed file was changed (KZ-DEP-2026-000001)"), "{out}");
    assert!(out.contains("checked 1 system, 1 deposit as of 2026-11-23: 1 error, "), "{out}");
}

#[test]
fn the_json_report_carries_the_message_id_and_arguments_in_any_language() {
    let site = tampered();
    for lang in ["kk", "ru", "en"] {
        let out = site.cmd().args(["--lang", lang, "check", "--format", "json"]).output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let changed = with_rule(&report, "D1124-7");
        assert_eq!(changed.len(), 1, "{report:#}");
        let f = changed[0];
        assert_eq!(f["path"], MAIN_C);
        assert_eq!(f["message_id"], "seal-file-changed");
        assert_eq!(f["args"], serde_json::json!({"number": "KZ-DEP-2026-000001"}));
        assert_eq!(
            f["message"],
            "a sealed file was changed (KZ-DEP-2026-000001): its SHA-256 differs from the manifest; restore it from the replica"
        );
    }
}

#[test]
fn an_unknown_lang_is_refused() {
    let site = Site::minimal();
    let out = site.cmd().args(["--lang", "de", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kk, ru or en"));
}
