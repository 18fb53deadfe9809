//! Deposit content in the published outputs: Markdown that would load something from elsewhere
//! when a page is opened, and spreadsheet formulas hidden behind leading blanks in the CSV
//! exports (reports and a transfer package's inventory).

use crate::common;

use std::io::Read;
use std::path::Path;

use common::{DEPOSIT_YAML, SYSTEM_YAML, Site, copy_dir};

fn site() -> Site {
    let site = Site::minimal();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site
}

/// Every cell of a CSV file, unquoted (the `csv` reader undoes the quoting).
fn cells(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes).trim_start_matches('\u{feff}').to_string();
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    r.records().flatten().flat_map(|rec| rec.iter().map(str::to_string).collect::<Vec<_>>()).collect()
}

/// A cell a spreadsheet would run: optional blanks, then `=`, `+`, `-` or `@` (and not a number).
fn formula(cell: &str) -> bool {
    let rest = cell.trim_start_matches([' ', '\t', '\r', '\n']);
    rest.starts_with(['=', '+', '-', '@']) && cell.trim().parse::<f64>().is_err()
}

#[test]
fn markdown_loads_nothing_from_elsewhere_and_csv_cells_behind_blanks_are_neutralized() {
    let site = site();
    site.edit(
        DEPOSIT_YAML,
        "ru: \"Система выдачи разрешений в электронном виде.\"",
        "ru: \"![pixel](https://tracker.example/p.png) <img src='https://tracker.example/q.png'> [docs](https://gov.kz)\"",
    );
    // A name with a formula behind a space (reports), an item behind a line break (inventory).
    site.edit(SYSTEM_YAML, "ru: \"Электронные разрешения\"", "ru: \" =HYPERLINK(\\\"https://evil.example\\\")\"");
    site.edit(
        DEPOSIT_YAML,
        "{name: \"source.zip\", cd_serial: \"CD-0001\"",
        "{name: \"\\n@SUM(1+1)\", cd_serial: \"CD-0001\"",
    );
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();

    let page = std::fs::read_to_string(out.join("internal/ru/systems/e-permits/1.0/index.html")).unwrap();
    assert!(!page.contains("tracker.example/q.png"), "raw <img> is dropped");
    assert!(page.contains(r#"href="https://tracker.example/p.png""#), "a Markdown image becomes a link");
    assert!(page.contains(r#"href="https://gov.kz""#));
    for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains("src=\"https://tracker") && !text.contains("src='https://tracker"),
                "{}",
                entry.path().display()
            );
        }
    }

    let mut reports = 0;
    for entry in walkdir::WalkDir::new(out.join("internal")).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "csv") {
            let all = cells(&std::fs::read(entry.path()).unwrap());
            for cell in &all {
                assert!(!formula(cell), "{}: {cell:?}", entry.path().display());
            }
            reports += all.iter().filter(|c| c.starts_with("' =HYPERLINK")).count();
        }
    }
    assert!(reports > 0, "the system's name reaches a report, neutralized");

    site.cmd().args(["seal", "e-permits/1.0", "--by", "test"]).assert().success();
    let zip_path = site.path("p.zip");
    site.cmd().args(["package", "e-permits", "--out"]).arg(&zip_path).assert().success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name("e-permits/transfer/inventory-ru.csv").unwrap().read_to_end(&mut bytes).unwrap();
    let all = cells(&bytes);
    for cell in &all {
        assert!(!formula(cell), "inventory: {cell:?}");
    }
    assert!(all.iter().any(|c| c.starts_with("'\n@SUM(1+1)")), "the item reaches the inventory: {all:?}");
}

#[test]
fn folders_named_like_pages_are_published_under_safe_names_and_the_rest_is_built() {
    let site = site();
    // A deposit folder and a system folder named like the pages written beside them, and a
    // folder named like another's hashed name.
    common::copy_dir(&site.path(common::DEPOSIT), &site.path("archive/e-permits/index.html"));
    common::copy_dir(&site.path("archive/e-permits"), &site.path("archive/index.html"));
    common::copy_dir(&site.path(common::DEPOSIT), &site.path("archive/e-permits/x-0123456789abcdef0123"));
    let out = site.path("out");
    let run = site.cmd().args(["build", "--out"]).arg(&out).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    for dir in ["archive/e-permits/index.html", "archive/index.html", "archive/e-permits/x-0123456789abcdef0123"] {
        assert!(stderr.contains(&format!("warning: {dir}: the folder name")), "{dir}: {stderr}");
    }
    // `check` says so too, with the name the catalogue uses instead.
    let (_, report) = site.check();
    for dir in ["archive/e-permits/index.html", "archive/index.html", "archive/e-permits/x-0123456789abcdef0123"] {
        let f = common::find(&report, "warning", "QOIMA-NAME", dir);
        assert!(f["message"].as_str().unwrap().contains("publishes it as `x-"), "{f}");
    }
    let json = site.cmd().args(["--format", "json", "build", "--out"]).arg(&out).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["renamed"].as_array().unwrap().len(), 4, "{v:#}");

    let lang = out.join("internal/ru");
    // The register is the register, the system's page is the system's.
    let register = std::fs::read_to_string(lang.join("systems/index.html")).unwrap();
    let system = std::fs::read_to_string(lang.join("systems/e-permits/index.html")).unwrap();
    assert!(register.contains("e-permits/index.html"), "the register lists the system");
    assert!(std::fs::metadata(lang.join("systems/e-permits/1.0/index.html")).unwrap().is_file());
    // Each renamed folder has its pages, linked from where it is listed.
    let hrefs: Vec<&str> = system.split("href=\"").skip(1).filter_map(|h| h.split('"').next()).collect();
    let renamed: Vec<&&str> = hrefs.iter().filter(|h| h.starts_with("x-") && h.ends_with("/index.html")).collect();
    assert_eq!(renamed.len(), 2, "{hrefs:?}");
    for h in renamed {
        assert!(lang.join("systems/e-permits").join(h).is_file(), "{h}");
    }
    let other: Vec<&str> = register.split("href=\"").skip(1).filter_map(|h| h.split('"').next()).collect();
    let system_pages: Vec<&&str> = other.iter().filter(|h| h.starts_with("x-") && h.ends_with("/index.html")).collect();
    assert_eq!(system_pages.len(), 1, "the system folder named index.html: {other:?}");
    assert!(lang.join("systems").join(system_pages[0]).is_file());
}
