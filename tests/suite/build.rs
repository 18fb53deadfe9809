//! `qoima build`: both editions in every language, no restricted data in the public edition,
//! untrusted text escaped and sanitized, links that resolve from disk, atomic output.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// A site root with the shipped theme: a copy of a fixture, or of the sample (`None`).
fn site_with_theme(fixture: &str) -> Site {
    let site = if fixture == "sample" { Site::sample() } else { Site::fixture(fixture) };
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site
}

/// Every relative href and src of every HTML page points at a file that exists.
fn assert_links_resolve(edition: &Path) {
    let mut checked = 0;
    for file in files_under(edition).into_iter().filter(|f| f.extension().is_some_and(|e| e == "html")) {
        let html = std::fs::read_to_string(&file).unwrap();
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let target = &piece[..piece.find('"').unwrap()];
                if target.starts_with("http")
                    || target.starts_with("mailto:")
                    || target.starts_with("data:")
                    || target.starts_with('#')
                {
                    continue;
                }
                let resolved = file.parent().unwrap().join(target);
                assert!(resolved.exists(), "{} links to {target}, which does not exist", file.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "only {checked} links checked");
}

#[test]
fn sample_builds_both_editions_in_three_languages() {
    let site = site_with_theme("sample");
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    for edition in ["public", "internal"] {
        assert!(out.join(edition).join("index.html").is_file());
        for lang in ["kk", "ru", "en"] {
            assert!(out.join(edition).join(lang).join("index.html").is_file(), "{edition}/{lang}");
            assert!(out.join(edition).join(lang).join("systems/e-notary/2.0/index.html").is_file());
        }
        assert_links_resolve(&out.join(edition));
    }
    // Kazakh first: the entry page leads to kk; dates in each language's own form.
    let entry = std::fs::read_to_string(out.join("public/index.html")).unwrap();
    assert!(entry.contains("kk/index.html"));
    let kk = std::fs::read_to_string(out.join("public/kk/systems/e-notary/2.0/index.html")).unwrap();
    assert!(kk.contains("2012 жылғы 10 сәуір"), "Kazakh date");
    let ru = std::fs::read_to_string(out.join("public/ru/systems/e-notary/2.0/index.html")).unwrap();
    assert!(ru.contains("10 апреля 2012 г."), "Russian date");
    // The internal edition shows findings and deadlines; the public one does not.
    let internal = std::fs::read_to_string(out.join("internal/en/systems/damu-med/1.4/index.html")).unwrap();
    assert!(internal.contains("the documentation set lacks"));
    let public = std::fs::read_to_string(out.join("public/en/systems/damu-med/1.4/index.html")).unwrap();
    assert!(!public.contains("the documentation set lacks"), "no findings or deadlines in the public edition");
}

#[test]
fn nothing_of_a_restricted_system_reaches_the_public_edition() {
    let site = site_with_theme("sample");
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let canaries = [
        "qamqor",
        "Қамқор",
        "Камкор",
        "ISEG-00311",
        "KZ-DEP-2022-000077",
        "Ж-2022/077",
        "Ішкі істер",
        "внутренних дел",
    ];
    for file in files_under(&out.join("public")) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).to_lowercase();
        for canary in canaries {
            assert!(!text.contains(&canary.to_lowercase()), "{canary} leaked into {}", file.display());
        }
    }
    let internal = std::fs::read_to_string(out.join("internal/ru/systems/index.html")).unwrap();
    assert!(internal.contains("ISEG-00311"), "the internal edition lists it");
    // Counts must not single it out either: 5 public systems of 6.
    let home = std::fs::read_to_string(out.join("public/en/index.html")).unwrap();
    assert!(home.contains("<strong>5</strong> Information systems"), "{home}");
}

#[test]
fn a_restricted_deposit_of_a_public_system_stays_internal() {
    let site = site_with_theme("minimal");
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    let two = "archive/e-permits/2.0/deposit.yaml";
    site.edit(two, "version: \"1.0\"", "version: \"2.0\"\naccess: restricted\nprevious: \"1.0\"");
    site.edit(two, "Ж-2023/001", "Ж-2023/002");
    site.edit(two, "KZ-DEP-2023-000001", "KZ-DEP-2023-000002");
    site.edit(two, "Система выдачи разрешений", "СЕКРЕТНАЯ-КАНАРЕЙКА выдачи разрешений");
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    assert!(!out.join("public/ru/systems/e-permits/2.0").exists());
    for file in files_under(&out.join("public")) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(!text.contains("КАНАРЕЙКА") && !text.contains("KZ-DEP-2023-000002"), "leak in {}", file.display());
    }
    assert!(out.join("internal/ru/systems/e-permits/2.0/index.html").is_file());
}

#[test]
fn deposit_text_is_escaped_and_markdown_sanitized() {
    let site = site_with_theme("minimal");
    site.edit(SYSTEM_YAML, "ru: \"Электронные разрешения\"", "ru: \"<img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}\"");
    site.edit(
        DEPOSIT_YAML,
        "ru: \"Система выдачи разрешений в электронном виде.\"",
        "ru: \"<script>alert(2)</script>\\n\\n[x](javascript:alert(3)) **жирный** <a href='javascript:alert(4)' onclick='alert(5)'>y</a>\"",
    );
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let page = std::fs::read_to_string(out.join("internal/ru/systems/e-permits/1.0/index.html")).unwrap();
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "names are escaped");
    assert!(page.contains("{{ 7*7 }}{% raw %}"), "template syntax in data stays text");
    assert!(!page.contains("<script>alert(2)") && !page.contains("<img src=x"));
    assert!(!page.contains("href=\"javascript") && !page.contains("onclick"), "no script URL or handler survives");
    assert!(page.contains("<strong>жирный</strong>"), "Markdown is rendered");
}

#[test]
fn a_failed_build_leaves_the_previous_site() {
    let site = site_with_theme("minimal");
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let before = std::fs::read_to_string(out.join("public/kk/index.html")).unwrap();
    std::fs::write(
        site.path("themes/default/templates/deposit.html"),
        "{% extends \"base.html\" %}{% block content %}{{ broken",
    )
    .unwrap();
    site.cmd().args(["build", "--out"]).arg(&out).assert().code(2);
    assert_eq!(std::fs::read_to_string(out.join("public/kk/index.html")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no staging folders left: {leftovers:?}");
}

#[test]
fn reports_have_csv_and_json_twins_and_stay_in_their_edition() {
    let site = site_with_theme("sample");
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let internal = out.join("internal/ru/reports");
    for id in ["journal", "journal-d1124", "product-register", "state-register", "deadlines", "half-years"] {
        assert!(internal.join(format!("{id}.html")).is_file(), "{id}");
        let csv = std::fs::read_to_string(internal.join(format!("{id}.csv"))).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(internal.join(format!("{id}.json"))).unwrap()).unwrap();
        let rows = json["rows"].as_array().unwrap();
        assert_eq!(csv.lines().count(), rows.len() + 1, "{id}: CSV and JSON hold the same rows");
    }
    // The journal (Annex 2) lists the O146 journal numbers in order of registration, in the
    // form's columns: the date received as recorded (none for the sealed 2020 entry), the
    // head who signed the application, the name of who received it and a blank signature.
    let journal = std::fs::read_to_string(internal.join("journal.csv")).unwrap();
    let mut lines = journal.lines();
    // For people opening it in a spreadsheet: a byte-order mark and the page's column names
    // (the form's seven); the half-year in words (the JSON keeps `2023-H1`).
    let header = lines.next().unwrap();
    assert_eq!(
        header,
        "\u{feff}№,Номер заявки,Дата поступления,Наименование государственного органа,\"Заявитель (руководитель, подписавший заявку)\",\"Принял: фамилия, имя, отчество (при наличии)\",Принял: подпись"
    );
    assert!(lines.next().unwrap().starts_with("1,Ж-2020/009,,"), "{journal}");
    assert!(journal.contains("6,Ж-2026/118,2026-11-13,"), "{journal}");
    assert!(journal.lines().any(|l| l.ends_with(",Вице-министр Тұрысов Асқар Бекенұлы,Ахметова Г. К.,")), "{journal}");
    assert!(!journal.contains("Вх. 3-1/"), "no D1124 receipts in the O146 journal: {journal}");
    // D1124's applications received have a journal of their own.
    let received = std::fs::read_to_string(internal.join("journal-d1124.csv")).unwrap();
    assert!(received.lines().nth(1).unwrap().starts_with("1,Вх. 3-1/2217,2012-04-10,"), "{received}");
    let halves_csv = std::fs::read_to_string(internal.join("half-years.csv")).unwrap();
    assert!(halves_csv.starts_with("\u{feff}Полугодие,"), "{halves_csv}");
    assert!(halves_csv.contains("I полугодие 2023 года,2023-07-10"), "{halves_csv}");
    let kk = std::fs::read_to_string(out.join("internal/kk/reports/half-year-2023-H1.html")).unwrap();
    assert!(kk.contains("<h1>2023 жылғы I жарты жылдық бойынша есеп</h1>"), "{kk}");
    let kk_csv = std::fs::read_to_string(out.join("internal/kk/reports/journal.csv")).unwrap();
    assert!(kk_csv.starts_with('\u{feff}') && !kk_csv.lines().next().unwrap().contains('_'), "{}", &kk_csv[..80]);
    // O146-13: a half-year report for 2023-H1, due 10 July 2023.
    let halves: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(internal.join("half-years.json")).unwrap()).unwrap();
    let h = halves["rows"].as_array().unwrap().iter().find(|r| r["half_year"] == "2023-H1").unwrap();
    assert_eq!(h["due"], "2023-07-10");
    assert_eq!(h["application_registered"], "1");
    // The public edition has the registers, not the journal.
    assert!(out.join("public/ru/reports/state-register.csv").is_file());
    assert!(!out.join("public/ru/reports/journal.html").exists());
    // Printable documents: certificates and conclusions where their events exist.
    let cert = std::fs::read_to_string(out.join("internal/kk/systems/e-notary/2.0/certificate.html")).unwrap();
    assert!(cert.contains("ДС-2012-0045") && cert.contains("KZ-DEP-2012-000045"));
    assert!(out.join("internal/ru/systems/e-notary/certificate.html").is_file(), "D1124-18");
    assert!(out.join("internal/ru/systems/e-license/3.3/annex1.html").is_file());
    assert!(!out.join("public/ru/systems/e-license/3.3/annex1.html").exists());
}

#[test]
fn a_missed_yearly_notice_gets_a_reminder_letter() {
    let site = site_with_theme("minimal");
    site.edit(
        SYSTEM_YAML,
        "developer:",
        "events:\n  - {kind: register_application, date: 2012-02-01}\n  - {kind: register_checked, date: 2012-02-10}\n  - {kind: registered, date: 2012-02-14, number: \"РГ-2012-0007\"}\ndeveloper:",
    );
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let letter = out.join("internal/ru/systems/e-permits/reminder-yearly-notice-2013.html");
    let text = std::fs::read_to_string(&letter).unwrap();
    assert!(text.contains("D1124-26"), "the official request of D1124-26");
    assert!(text.contains("30 марта 2013 г."));
}

/// The files of the search index of an edition and language, as the search page names them,
/// decoded.
fn search_index(out: &Path, edition: &str, lang: &str) -> Vec<serde_json::Value> {
    let page = std::fs::read_to_string(out.join(format!("{edition}/{lang}/search.html"))).unwrap();
    let files: Vec<&str> = page.split("<script src=\"../search/").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert!(!files.is_empty(), "the search page loads the index");
    files
        .into_iter()
        .map(|file| {
            let js = std::fs::read_to_string(out.join(format!("{edition}/search/{file}"))).unwrap();
            let json = js
                .trim_start_matches("(window.QOIMA_INDEX = window.QOIMA_INDEX || []).push(")
                .trim_end()
                .trim_end_matches(");");
            serde_json::from_str(json).unwrap()
        })
        .collect()
}

/// Titles of the documents whose terms start with every folded word of `query`, in every file
/// of the index (what qoima.js does in the browser).
fn find(index: &[serde_json::Value], query: &str) -> Vec<String> {
    index.iter().flat_map(|part| find_in(part, query)).collect()
}

fn find_in(index: &serde_json::Value, query: &str) -> Vec<String> {
    let terms: Vec<&str> = index["terms"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    let mut result: Option<std::collections::BTreeSet<u64>> = None;
    for w in qoima::search::words(query) {
        let hits: std::collections::BTreeSet<u64> = terms
            .iter()
            .enumerate()
            .filter(|(_, t)| t.starts_with(&w))
            .flat_map(|(i, _)| index["postings"][i].as_array().unwrap().iter().map(|d| d.as_u64().unwrap()))
            .collect();
        result = Some(match result {
            None => hits,
            Some(r) => r.intersection(&hits).copied().collect(),
        });
    }
    result.unwrap_or_default().into_iter().map(|d| index["docs"][d as usize][0].as_str().unwrap().to_string()).collect()
}

#[test]
fn search_finds_kazakh_and_russian_words_by_prefix_whatever_their_case() {
    let site = site_with_theme("sample");
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let kk = search_index(&out, "internal", "kk");
    assert!(find(&kk, "НОТАРИАТ").iter().any(|t| t.contains("нотариат")), "Kazakh word, upper case");
    assert!(find(&kk, "нотариальных").iter().any(|t| t.contains("нотариат")), "a Russian word in the Kazakh index");
    assert!(find(&kk, "ЕМХАНА").iter().any(|t| t.contains("Дамумед")), "a Kazakh word of an annotation, by prefix");
    assert!(find(&kk, "нотариат жүйесі").iter().all(|t| t.contains("нотариат")), "every word must match");
    assert!(!find(&kk, "ДАМУ").is_empty(), "prefix");
    assert!(!find(&kk, "ISEG-00089").is_empty(), "by code");
    assert!(!find(&kk, "python").is_empty(), "by programming language");
    assert!(!find(&kk, "қамқор").is_empty(), "the internal index has the restricted system");
    // What people type: numbers with or without their punctuation, another form of a Russian
    // word, Kazakh without its letters.
    for query in ["KZ-DEP-2023-000041", "kzdep2023000041", "kz dep 2023 000041", "Ж-2026/118", "ж2026118"] {
        assert!(find(&kk, query).iter().any(|t| t.contains("3.2") || t.contains("3.3")), "{query}");
    }
    assert!(find(&kk, "очередь").iter().any(|t| t.contains("Кезек")), "очереди, by another form");
    assert!(find(&kk, "талоны").iter().any(|t| t.contains("Кезек")), "талонов, by another form");
    assert!(find(&kk, "денсаулык сактау").iter().any(|t| t.contains("Дамумед")), "Kazakh typed without its letters");
    let public = search_index(&out, "public", "kk");
    assert!(find(&public, "қамқор").is_empty() && find(&public, "ISEG-00311").is_empty(), "never in the public index");
    assert!(
        find(&public, "KZ-DEP-2022-000077").is_empty() && find(&public, "kzdep2022000077").is_empty(),
        "nor its numbers"
    );
    // The sitemap lists public pages only, under the base URL.
    let sitemap = std::fs::read_to_string(out.join("public/sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://depository.example.kz/kk/systems/e-notary/2.0/index.html"));
    assert!(!out.join("internal/sitemap.xml").exists());
    assert!(out.join("public/404.html").is_file());
}

#[test]
fn events_cite_the_clause_of_the_deposits_own_rulebook() {
    let site = site_with_theme("sample");
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let d1124 = std::fs::read_to_string(out.join("public/en/systems/e-notary/2.0/index.html")).unwrap();
    assert!(d1124.contains("D1124-36") && !d1124.contains("O146-6"), "commissioned under D1124 cites D1124-36");
    let o146 = std::fs::read_to_string(out.join("public/en/systems/e-license/3.2/index.html")).unwrap();
    assert!(o146.contains("O146-6"));
}
