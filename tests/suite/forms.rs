//! The printed forms: every field of the data reaches the kk and ru page of its form (so no field
//! can be dropped silently), the documents are headed with the body that issues them, and each
//! form prints on A4 pages without running off the right edge (Debian Chromium, headless).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// A system and a deposit whose every Annex 1 field holds a value of its own: `(yaml key path,
/// value on the kk page, value on the ru page)`; a value that starts with `<` is looked for in
/// the HTML (a number in its own cell), the others in the page's text.
const PLANTED: &[(&str, &str, &str)] = &[
    ("applicant", "ӨтінішБерушіKK", "ЗаявительRU"),
    ("set_name", "ЖинақАтауыKK", "НаименованиеКомплектаRU"),
    ("is_code", "ISEG-PLANT", "ISEG-PLANT"),
    ("copies", "<dd>37</dd>", "<dd>37</dd>"),
    (
        "items.name",
        "PLANT-ITEM-NAME-WITHOUT-ANY-BREAK-0123456789-0123456789-0123456789",
        "PLANT-ITEM-NAME-WITHOUT-ANY-BREAK-0123456789-0123456789-0123456789",
    ),
    ("items.cd_serial", "PLANT-CD-SERIAL", "PLANT-CD-SERIAL"),
    ("items.size_mb", "<td>123,45</td>", "<td>123,45</td>"),
    ("items.sheets", "<td>678</td>", "<td>678</td>"),
    ("items.original_or_copy", "<td>К</td>", "<td>К</td>"),
    ("holder.full_name", "ИеленушіТолықKK", "ДержательПолныйRU"),
    ("holder.subordination", "ИеленушіБағыныстыKK", "ДержательПодчинённостьRU"),
    ("holder.short_name", "ИеленушіҚысқаKK", "ДержательКраткоRU"),
    ("holder.postal_index", "010101", "010101"),
    ("holder.address", "ИеленушіМекенжайKK", "ДержательАдресRU"),
    ("holder.phone", "+7 700 000 0101", "+7 700 000 0101"),
    ("holder.fax", "+7 700 000 0102", "+7 700 000 0102"),
    ("holder.email", "holder@plant.kz", "holder@plant.kz"),
    ("holder.website", "https://holder.plant.kz", "https://holder.plant.kz"),
    ("holder.contact_person", "Иеленуші Байланыс Тұлғасы", "Иеленуші Байланыс Тұлғасы"),
    ("developer.full_name", "ӘзірлеушіТолықKK", "РазработчикПолныйRU"),
    ("developer.subordination", "ӘзірлеушіБағыныстыKK", "РазработчикПодчинённостьRU"),
    ("developer.short_name", "ӘзірлеушіҚысқаKK", "РазработчикКраткоRU"),
    ("developer.postal_index", "020202", "020202"),
    ("developer.address", "ӘзірлеушіМекенжайKK", "РазработчикАдресRU"),
    ("developer.phone", "+7 700 000 0201", "+7 700 000 0201"),
    ("developer.fax", "+7 700 000 0202", "+7 700 000 0202"),
    ("developer.email", "dev@plant.kz", "dev@plant.kz"),
    ("developer.website", "https://dev.plant.kz", "https://dev.plant.kz"),
    ("developer.contact_person", "Әзірлеуші Байланыс Тұлғасы", "Әзірлеуші Байланыс Тұлғасы"),
    ("authors", "Автор Бірінші", "Автор Бірінші"),
    ("certification", "Сертификат PLANT-77", "Сертификат PLANT-77"),
    ("release_year", "<dd>2017</dd>", "<dd>2017</dd>"),
    ("version", "9.8", "9.8"),
    ("languages", "PlantLang", "PlantLang"),
    ("release_date", "2019 жылғы 15 шілде", "15 июля 2019 г."),
    ("annotation", "АңдатпаKK", "АннотацияRU"),
    ("requirements.processor", "PLANT-CPU", "PLANT-CPU"),
    ("requirements.coprocessor", "PLANT-COPROC", "PLANT-COPROC"),
    ("requirements.frequency", "PLANT-FREQ", "PLANT-FREQ"),
    ("requirements.ram", "PLANT-RAM", "PLANT-RAM"),
    ("requirements.disk", "PLANT-DISK", "PLANT-DISK"),
    ("requirements.operating_systems", "PLANT-OS", "PLANT-OS"),
    ("requirements.video", "PLANT-VIDEO", "PLANT-VIDEO"),
    ("requirements.audio", "PLANT-AUDIO", "PLANT-AUDIO"),
    ("requirements.extra_hardware", "PLANT-HW", "PLANT-HW"),
    ("requirements.extra_software", "PLANT-SW", "PLANT-SW"),
    ("requirements.other", "PLANT-OTHER", "PLANT-OTHER"),
    ("protection", "PLANT-PROTECTION", "PLANT-PROTECTION"),
    ("funding", "<u>грант қаражаттары</u>", "<u>гранты</u>"),
    ("signature.name", "Қол Қоюшы Тұлға", "Қол Қоюшы Тұлға"),
    ("signature.position", "ЛауазымыKK", "ДолжностьRU"),
    ("signature.sealed", "М.О.", "М.П."),
    ("date", "2026 жылғы 3 ақпан", "3 февраля 2026 г."),
];

/// Fields of the data contract that are not on the Annex 1 form (the depository's own
/// particulars), and so are not planted.
const NOT_ON_THE_FORM: &[&str] = &[
    "rulebook",
    "access",
    "copy_permitted",
    "build",
    "third_party",
    "documentation",
    "not_applicable",
    "previous",
    "events",
    "notes",
    "holder.bin",
    "developer.bin",
];

const SYSTEM: &str = r#"code: "ISEG-PLANT"
names: {kk: "Егілген жүйе", ru: "Посаженная система"}
access: restricted
status: operating
funding: [grants]
holder:
  full_name: {kk: "ИеленушіТолықKK", ru: "ДержательПолныйRU"}
  subordination: {kk: "ИеленушіБағыныстыKK", ru: "ДержательПодчинённостьRU"}
  short_name: {kk: "ИеленушіҚысқаKK", ru: "ДержательКраткоRU"}
  postal_index: "010101"
  address: {kk: "ИеленушіМекенжайKK", ru: "ДержательАдресRU"}
  phone: "+7 700 000 0101"
  fax: "+7 700 000 0102"
  email: "holder@plant.kz"
  website: "https://holder.plant.kz"
  contact_person: "Иеленуші Байланыс Тұлғасы"
  bin: "000000000001"
developer:
  full_name: {kk: "ӘзірлеушіТолықKK", ru: "РазработчикПолныйRU"}
  subordination: {kk: "ӘзірлеушіБағыныстыKK", ru: "РазработчикПодчинённостьRU"}
  short_name: {kk: "ӘзірлеушіҚысқаKK", ru: "РазработчикКраткоRU"}
  postal_index: "020202"
  address: {kk: "ӘзірлеушіМекенжайKK", ru: "РазработчикАдресRU"}
  phone: "+7 700 000 0201"
  fax: "+7 700 000 0202"
  email: "dev@plant.kz"
  website: "https://dev.plant.kz"
  contact_person: "Әзірлеуші Байланыс Тұлғасы"
  bin: "000000000002"
"#;

const DEPOSIT: &str = r#"date: 2026-02-03
rulebook: O146
applicant: {kk: "ӨтінішБерушіKK", ru: "ЗаявительRU"}
set_name: {kk: "ЖинақАтауыKK", ru: "НаименованиеКомплектаRU"}
is_code: "ISEG-PLANT"
copies: 37
items:
  - {name: "PLANT-ITEM-NAME-WITHOUT-ANY-BREAK-0123456789-0123456789-0123456789", cd_serial: "PLANT-CD-SERIAL", size_mb: 123.45, sheets: 678, original_or_copy: copy}
authors: ["Автор Бірінші"]
certification: "Сертификат PLANT-77"
release_year: 2017
version: "9.8"
languages: [PlantLang]
release_date: 2019-07-15
annotation: {kk: "**АңдатпаKK**", ru: "**АннотацияRU**"}
requirements:
  processor: "PLANT-CPU"
  coprocessor: "PLANT-COPROC"
  frequency: "PLANT-FREQ"
  ram: "PLANT-RAM"
  disk: "PLANT-DISK"
  operating_systems: ["PLANT-OS"]
  video: "PLANT-VIDEO"
  audio: "PLANT-AUDIO"
  extra_hardware: "PLANT-HW"
  extra_software: "PLANT-SW"
  other: "PLANT-OTHER"
protection: "PLANT-PROTECTION"
signature: {name: "Қол Қоюшы Тұлға", position: {kk: "ЛауазымыKK", ru: "ДолжностьRU"}, sealed: true}
"#;

/// The properties of a definition of the deposit schema, or of the schema itself.
fn properties(schema: &serde_json::Value, def: Option<&str>) -> Vec<String> {
    let node = match def {
        Some(d) => &schema["definitions"][d],
        None => schema,
    };
    node["properties"].as_object().unwrap().keys().cloned().collect()
}

/// Every field the contract gives the Annex 1 form is planted: a field added to deposit.yaml
/// or system.yaml must be put on the form (and here) or named as not on it.
#[test]
fn the_planted_fields_are_every_field_of_the_form() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |f: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(root.join("docs/schema").join(f)).unwrap()).unwrap()
    };
    let (deposit, system) = (read("deposit.schema.json"), read("system.schema.json"));
    let mut want: Vec<String> = properties(&deposit, None);
    for (prefix, def, schema) in [
        ("items", "Item", &deposit),
        ("requirements", "Requirements", &deposit),
        ("signature", "Signature", &deposit),
        ("holder", "Organization", &system),
        ("developer", "Organization", &system),
    ] {
        want.retain(|k| k != prefix);
        want.extend(properties(schema, Some(def)).into_iter().map(|p| format!("{prefix}.{p}")));
    }
    let planted: Vec<&str> = PLANTED.iter().map(|p| p.0).collect();
    for field in &want {
        assert!(
            planted.contains(&field.as_str()) || NOT_ON_THE_FORM.contains(&field.as_str()),
            "{field}: neither on the Annex 1 form nor named as not on it"
        );
    }
}

/// A copy of the sample site with the shipped theme.
fn sample() -> Site {
    let site = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site
}

fn planted_site() -> Site {
    let site = sample();
    site.write("archive/planted/system.yaml", SYSTEM);
    site.write("archive/planted/9.8/deposit.yaml", DEPOSIT);
    site.write("archive/planted/9.8/source/main.plant", "plant\n");
    site
}

/// The text of a page without its tags, with whitespace runs made single spaces.
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_field_of_the_data_is_on_the_annex1_page() {
    let site = planted_site();
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    for (i, lang) in ["kk", "ru"].into_iter().enumerate() {
        let html =
            std::fs::read_to_string(out.join(format!("internal/{lang}/systems/planted/9.8/annex1.html"))).unwrap();
        let text = text_of(&html);
        for (field, kk, ru) in PLANTED {
            let want = if i == 0 { kk } else { ru };
            let on_page = if want.starts_with('<') { html.contains(want) } else { text.contains(want) };
            assert!(on_page, "{lang}: {field} = {want:?} is not on the form:\n{text}");
        }
        // The annotation is Markdown made HTML, never printed as raw Markdown.
        assert!(!html.contains("**"), "{lang}: raw Markdown on the form");
        // The items table has its header and all six columns.
        assert_eq!(html.matches("<th scope=\"col\">").count(), 6, "{lang}: the six columns of the items table");
        // The labels are the form's, in the page's language.
        let label = if i == 0 {
            "Ведомстволық бағыныстылығы"
        } else {
            "Ведомственная подчинённость"
        };
        assert_eq!(text.matches(label).count(), 2, "{lang}: holder's and developer's subordination");
        let label = if i == 0 { "Акустикалық жүйе" } else { "Акустическая система" };
        assert!(text.contains(label), "{lang}");
    }
}

/// The registration certificate, request and warning are the authorized body's; the
/// conclusion and depository certificate the technical service's, with their signatories.
#[test]
fn documents_are_headed_with_the_body_that_issues_them() {
    let site = sample();
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let read = |rel: &str| std::fs::read_to_string(out.join("internal/ru/systems").join(rel)).unwrap();
    let registration = read("e-notary/certificate.html");
    assert!(
        registration.contains(
            "Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан"
        )
    );
    assert!(
        registration.contains("Директор департамента информатизации (образец)")
            && registration.contains("Үлгі Әсем Серікқызы")
    );
    for doc in ["e-notary/2.0/certificate.html", "e-notary/2.0/conclusion.html"] {
        let page = read(doc);
        assert!(page.contains("АО «Государственная техническая служба»"), "{doc}");
        assert!(page.contains("Үлгі Нұрлан Болатұлы"), "{doc}");
        assert!(!page.contains("«Зерде»"), "{doc}: not the operator's");
    }
    // The conclusion names the five checks of D1124-40 and that they were not assessed here.
    let conclusion = read("e-notary/2.0/conclusion.html");
    for check in [
        "Оформление заявки на депонирование",
        "Комплектность объектов депонирования",
        "Достаточность программных кодов",
        "Целостность собранных модулей",
        "Полная работоспособность программного продукта, восстановленного из объектов депонирования",
    ] {
        assert!(conclusion.contains(check), "{check}");
    }
    assert!(conclusion.contains("не оценивалась") && conclusion.contains("qoima examine не запускался"));
    assert!(conclusion.contains("Заключение дано без проверок"), "the positive conclusion says what it lacks");

    // Without the bodies in site.toml the documents say so, and check warns naming site.toml.
    let text = site.read("site.toml");
    let cut = text.find("[authorized_body]").unwrap();
    let operator = text.find("# The operator's signatory").unwrap();
    site.write("site.toml", &format!("{}{}", &text[..cut], &text[operator..]));
    let (_, report) = site.check();
    let warnings = with_rule(&report, "QOIMA-SITE");
    assert_eq!(warnings.len(), 2, "{report:#}");
    for w in &warnings {
        assert_eq!(w["path"], "site.toml");
        assert_eq!(w["severity"], "warning");
    }
    assert!(warnings.iter().any(|w| w["message"].as_str().unwrap().contains("[authorized_body]")));
    assert!(warnings.iter().any(|w| w["message"].as_str().unwrap().contains("[technical_service]")));
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    assert!(read("e-notary/certificate.html").contains("Уполномоченный орган не указан"));
    assert!(read("e-notary/2.0/conclusion.html").contains("Государственная техническая служба не указана"));
}

/// A positive D1124-40 conclusion with checks not done is a warning at the conclusion, unless
/// its note says why (the sample's sealed damu-med 1.4 has no note; e-notary's have).
#[test]
fn a_positive_conclusion_without_its_checks_needs_a_reason() {
    let site = Site::sample();
    let (_, report) = site.check();
    let found = with_rule(&report, "D1124-40");
    assert_eq!(found.len(), 1, "{report:#}");
    let f = found[0];
    assert_eq!(f["path"], "archive/damu-med/1.4/deposit.yaml");
    assert_eq!(f["line"], site.line_of("archive/damu-med/1.4/deposit.yaml", "verification_conclusion"));
    assert_eq!(f["severity"], "warning");
    let text = site.read("archive/e-notary/2.1/deposit.yaml");
    let line = text.lines().find(|l| l.contains("verification_conclusion")).unwrap();
    let plain = "  - {kind: verification_conclusion, date: 2014-04-14, outcome: positive, by: \"Оспанова Г. Т.\"}";
    site.write("archive/e-notary/2.1/deposit.yaml", &text.replace(line, plain));
    let (_, report) = site.check();
    let found = with_rule(&report, "D1124-40");
    assert_eq!(found.len(), 2, "{report:#}");
    assert!(found.iter().any(|f| f["path"] == "archive/e-notary/2.1/deposit.yaml"
        && f["line"] == site.line_of("archive/e-notary/2.1/deposit.yaml", "verification_conclusion")));
}

fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    if path.exists() {
        return Some(path);
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "the print test cannot run in CI: no Chromium at {path:?}");
    eprintln!("skipping the print test: no Chromium at {path:?} (apt-get install chromium)");
    None
}

/// The page size of every page of a PDF (its /MediaBox in points) and their count, read from
/// the page objects Chromium writes uncompressed.
fn pdf_pages(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let pages = text.matches("/Type /Page\n").count()
        + text.matches("/Type /Page/").count()
        + text.matches("/Type /Page ").count()
        + text.matches("/Type /Page>").count();
    let boxes: Vec<(f64, f64)> = text
        .split("/MediaBox [")
        .skip(1)
        .map(|rest| {
            let nums: Vec<f64> =
                rest.split(']').next().unwrap().split_whitespace().map(|n| n.parse().unwrap()).collect();
            (nums[2] - nums[0], nums[3] - nums[1])
        })
        .collect();
    assert_eq!(boxes.len(), pages, "one /MediaBox for each page");
    boxes
}

/// Chromium headless: `page` printed to PDF, and laid out as print lays it out (the print
/// rules applied on screen, at the width of A4 less its margins) to measure what sticks out on
/// the right.
fn print(chromium: &Path, page: &Path, work: &Path) -> (Vec<(f64, f64)>, String, String) {
    let pdf = work.join("out.pdf");
    let status = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let pages = pdf_pages(&std::fs::read(&pdf).unwrap());
    // The same page with its print rules for every medium and its screen rules for none, 175 mm
    // wide (A4 less the margins of the print style), and a script that names every element whose right edge passes the page.
    let html = std::fs::read_to_string(page).unwrap();
    let dir = page.parent().unwrap();
    let css_href = html.split("rel=\"stylesheet\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    // Screen-only rules stay out, as on paper.
    let css = std::fs::read_to_string(dir.join(css_href))
        .unwrap()
        .replace("@media print {", "@media all {")
        .replace("@media screen", "@media print");
    let probe = format!(
        "<style>{css} html {{ width: 175mm; }}</style><script>addEventListener('load', () => {{ const w = document.documentElement.getBoundingClientRect().right; const over = [...document.querySelectorAll('body *')].filter(e => e.getClientRects().length && (e.getBoundingClientRect().right > w + 1 || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1))).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40)); document.body.setAttribute('data-overflow', JSON.stringify(over)); const shown = ['header.top', 'nav', '.langs', '.edition', '.badge', 'footer', '.document .rule'].filter(s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length)); document.body.setAttribute('data-shown', JSON.stringify(shown)); }});</script>"
    );
    let probed = html.replace(&format!("<link rel=\"stylesheet\" href=\"{css_href}\">"), &probe);
    let probe_page = dir.join(".print-probe.html");
    std::fs::write(&probe_page, probed).unwrap();
    let dom = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--window-size=662,1000", "--dump-dom"])
        .arg(format!("file://{}", probe_page.display()))
        .output()
        .unwrap();
    std::fs::remove_file(&probe_page).unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout).to_string();
    let attr = |name: &str| {
        dom.split(&format!("{name}=\""))
            .nth(1)
            .map(|r| r.split('"').next().unwrap().to_string())
            .expect("the probe ran")
    };
    (pages, attr("data-overflow"), attr("data-shown"))
}

#[test]
fn forms_print_on_a4_without_clipping() {
    let Some(chromium) = chromium() else { return };
    let site = planted_site();
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let work = tempfile::tempdir().unwrap();
    for lang in ["kk", "ru"] {
        for (doc, most) in [
            ("systems/planted/9.8/annex1.html", 4),
            ("systems/e-license/3.3/annex1.html", 4),
            ("systems/e-notary/certificate.html", 1),
            ("systems/e-notary/2.0/certificate.html", 1),
            ("systems/e-notary/2.0/conclusion.html", 2),
            ("reports/journal.html", 2),
        ] {
            let page = out.join(format!("internal/{lang}/{doc}"));
            let (pages, overflow, shown) = print(&chromium, &page, work.path());
            assert!(!pages.is_empty() && pages.len() <= most, "{lang}/{doc}: {} pages", pages.len());
            for (w, h) in &pages {
                // A4 is 595.28 × 841.89 points; Chromium rounds to its pixel grid.
                assert!((w - 595.28).abs() < 1.0 && (h - 841.89).abs() < 1.0, "{lang}/{doc}: a page of {w} × {h} pt");
            }
            assert_eq!(overflow, "[]", "{lang}/{doc}: runs off the right edge of the page");
            // No navigation, language switcher, edition badge, site header or rule codes on paper.
            assert_eq!(shown, "[]", "{lang}/{doc}: printed");
        }
    }
}

/// The transfer act and inventory of a package: the place, the operator's signatory, the
/// inventory's closing total and "compiled by", the files the act counts and the inventory
/// lists told apart, no software name; each on A4 without clipping.
#[test]
fn transfer_act_and_inventory_are_documents() {
    let site = sample();
    site.cmd().args(["package", "astana-parking", "--out"]).arg(site.path("p.zip")).assert().success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(site.path("p.zip")).unwrap()).unwrap();
    let work = tempfile::tempdir().unwrap();
    for (lang, total, explained, compiled) in [
        (
            "ru",
            "файлов: 26, байт: 42902",
            "Файлов под печатью: 23; файлов самих печатей и учётной записи системы: 3 (2.1/manifest-sha256.txt, 2.1/seal.yaml, system.yaml); всего файлов в пакете: 26.",
            "Опись составил",
        ),
        ("kk", "26 файл, 42902 байт", "Мөрмен қамтылған файлдар: 23;", "Тізімдемені жасаған"),
    ] {
        for name in [format!("transfer-act-{lang}.html"), format!("inventory-{lang}.html")] {
            let mut text = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name(&format!("astana-parking/transfer/{name}")).unwrap(),
                &mut text,
            )
            .unwrap();
            assert!(text.contains(if lang == "kk" { "Астана қ." } else { "г. Астана" }), "{name}: the place");
            assert!(text.contains("Үлгі Дана Ерланқызы"), "{name}: the operator's signatory");
            assert!(text.contains(explained), "{name}: the files explained");
            assert!(!text.contains("qoima") && !text.contains("O146-") && !text.contains("D1124-"), "{name}");
            if name.starts_with("inventory") {
                assert!(text.contains(total) && text.contains(compiled), "{name}: total and compiled by");
            } else {
                assert!(text.contains("№ ______"), "{name}: a place for the act's number");
            }
            if let Some(chromium) = chromium() {
                let page = work.path().join(&name);
                std::fs::write(&page, &text).unwrap();
                let pdf = work.path().join("act.pdf");
                let out = Command::new(&chromium)
                    .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
                    .arg(format!("--print-to-pdf={}", pdf.display()))
                    .arg(format!("file://{}", page.display()))
                    .output()
                    .unwrap();
                assert!(out.status.success());
                for (w, h) in pdf_pages(&std::fs::read(&pdf).unwrap()) {
                    assert!((w - 595.28).abs() < 1.0 && (h - 841.89).abs() < 1.0, "{name}: a page of {w} × {h} pt");
                }
            }
        }
    }
}

/// After `qoima examine` (without a rebuild) the conclusion takes completeness, the source and
/// the built modules from the examination and still says operability was not assessed; the
/// examination page is headed with the technical service.
#[test]
fn the_conclusion_takes_its_checks_from_the_examination() {
    let site = sample();
    site.cmd().args(["examine", "e-notary/2.0"]).assert().success();
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let page = std::fs::read_to_string(out.join("internal/ru/systems/e-notary/2.0/conclusion.html")).unwrap();
    let row = |check: &str| -> String {
        let at = page.find(check).unwrap_or_else(|| panic!("{check}: {page}"));
        page[at..].split("</tr>").next().unwrap().to_string()
    };
    for check in
        ["Комплектность объектов депонирования", "Достаточность программных кодов", "Целостность собранных модулей"]
    {
        let r = row(check);
        assert!(!r.contains("не оценивалась"), "{check} was examined: {r}");
    }
    let operability = row("Полная работоспособность программного продукта");
    assert!(
        operability.contains("не оценивалась") && operability.contains("сборка из исходного кода не выполнялась"),
        "{operability}"
    );
    let exam = std::fs::read_to_string(out.join("internal/ru/systems/e-notary/2.0/examination-1.html")).unwrap();
    assert!(exam.contains("АО «Государственная техническая служба»"), "{exam}");
    // Still without the rebuild, the positive conclusion keeps its warning unless noted: this
    // one is noted.
    let (_, report) = site.check();
    assert!(with_rule(&report, "D1124-40").iter().all(|f| f["path"] != "archive/e-notary/2.0/deposit.yaml"));
}
