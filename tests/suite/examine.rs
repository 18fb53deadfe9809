//! `qoima examine` (D1124-40): completeness, sufficiency of the source, integrity of the built
//! modules and of the database file; conclusions saved append-only.

use crate::common;

use std::fs;
use std::io::Write;

use common::*;
use predicates::prelude::*;

fn zip_file(path: &std::path::Path, entries: &[(&str, &[u8])], method: zip::CompressionMethod) {
    let mut w = zip::ZipWriter::new(fs::File::create(path).unwrap());
    for (name, body) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap();
}

fn tar_gz(path: &std::path::Path, entries: &[(&str, &[u8])]) {
    let gz = flate2::write::GzEncoder::new(fs::File::create(path).unwrap(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    for (name, body) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(body.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        tar.append_data(&mut h, name, *body).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap();
}

fn examine(site: &Site) -> (i32, serde_json::Value) {
    let out = site.cmd().args(["--format", "json", "examine", "e-permits/1.0", "--by", "Техсервис"]).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    (code, v)
}

fn check<'a>(c: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    c["checks"].as_array().unwrap().iter().find(|x| x["id"] == id).unwrap_or_else(|| panic!("no check {id}: {c:#}"))
}

#[test]
fn intact_archives_give_a_positive_conclusion_saved_append_only() {
    let site = Site::minimal();
    zip_file(
        &site.path("archive/e-permits/1.0/install/permits.jar"),
        &[("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\n"), ("kz/gov/Permits.class", &[0xca, 0xfe, 0xba, 0xbe])],
        zip::CompressionMethod::Deflated,
    );
    tar_gz(&site.path("archive/e-permits/1.0/install/permits-1.0.tar.gz"), &[("permits/bin/permits", b"\x7fELF....")]);
    let (code, c) = examine(&site);
    assert_eq!(code, 0, "{c:#}");
    assert_eq!(c["positive"], true);
    assert_eq!(c["number"], 1);
    assert_eq!(check(&c, "built-modules")["outcome"], "pass");
    let formats: Vec<&str> = c["artifacts"].as_array().unwrap().iter().map(|a| a["format"].as_str().unwrap()).collect();
    assert_eq!(formats, ["tar.gz", "zip"], "{c:#}");
    let jar = c["artifacts"].as_array().unwrap().iter().find(|a| a["format"] == "zip").unwrap();
    assert_eq!(jar["entries"], 2);
    assert_eq!(jar["listing"][1], "kz/gov/Permits.class");
    // Source: C files with their language; the vendored zlib is third-party code.
    assert_eq!(c["source"]["languages"]["C"], 2);
    assert!(c["source"]["third_party"].as_array().unwrap().iter().any(|t| t["name"] == "zlib"), "{c:#}");
    assert_eq!(c["databases"][0]["format"], "sql");
    let first = site.read("archive/e-permits/1.0/conclusions/0001-2026-11-23.json");

    // A second examination adds a conclusion; the first is left as it was.
    let (_, c2) = examine(&site);
    assert_eq!(c2["number"], 2);
    assert!(site.path("archive/e-permits/1.0/conclusions/0002-2026-11-23.json").is_file());
    assert_eq!(site.read("archive/e-permits/1.0/conclusions/0001-2026-11-23.json"), first);
    // Conclusions are not part of the deposit's contents: check stays clean.
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn a_corrupt_zip_a_truncated_tar_and_a_zip_bomb_give_a_negative_conclusion_with_reasons() {
    let site = Site::minimal();
    let install = site.path("archive/e-permits/1.0/install");
    // A stored entry whose bytes were changed after the CRC was written.
    let jar = install.join("app.jar");
    zip_file(&jar, &[("a.txt", b"hello, depository")], zip::CompressionMethod::Stored);
    let mut bytes = fs::read(&jar).unwrap();
    let at = bytes.windows(5).position(|w| w == b"hello").unwrap();
    bytes[at] = b'j';
    fs::write(&jar, bytes).unwrap();
    // A tar.gz cut short.
    let tgz = install.join("app.tar.gz");
    tar_gz(&tgz, &[("big.bin", &vec![7u8; 200_000][..])]);
    let bytes = fs::read(&tgz).unwrap();
    fs::write(&tgz, &bytes[..bytes.len() / 2]).unwrap();
    // 300 MB of zeros in a few hundred kilobytes.
    zip_file(&install.join("bomb.zip"), &[("zeros", &vec![0u8; 300 << 20][..])], zip::CompressionMethod::Deflated);

    let (code, c) = examine(&site);
    assert_eq!(code, 1, "{c:#}");
    assert_eq!(c["positive"], false);
    let reasons = c["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect::<Vec<_>>().join("\n");
    assert!(reasons.contains("install/app.jar"), "{reasons}");
    assert!(reasons.contains("install/app.tar.gz"), "{reasons}");
    assert!(reasons.contains("install/bomb.zip") && reasons.contains("decompression bomb"), "{reasons}");
    assert_eq!(check(&c, "built-modules")["outcome"], "fail");
}

#[test]
fn secrets_missing_build_description_and_a_truncated_sqlite_file_are_reported() {
    let site = Site::minimal();
    fs::write(site.path("archive/e-permits/1.0/source/.env"), "DB_HOST=db\nDB_PASSWORD=Qwerty123\n").unwrap();
    fs::write(
        site.path("archive/e-permits/1.0/source/Cargo.lock"),
        "[[package]]\nname = \"serde\"\nversion = \"1.0.219\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    // An SQLite header that promises 10 pages of 4096 bytes, in a file of one page.
    let mut db = b"SQLite format 3\0".to_vec();
    db.extend([0x10, 0x00]);
    db.resize(28, 0);
    db.extend(10u32.to_be_bytes());
    db.resize(4096, 0);
    fs::write(site.path("archive/e-permits/1.0/database/permits.sqlite"), db).unwrap();
    let (code, c) = examine(&site);
    assert_eq!(code, 1, "{c:#}");
    let source = check(&c, "source");
    let details = source["details"].to_string();
    assert!(details.contains("source/.env") && details.contains("DB_PASSWORD"), "{details}");
    assert!(!details.contains("Qwerty123"), "the secret itself is never repeated");
    assert!(
        c["source"]["third_party"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "serde" && t["version"] == "1.0.219")
    );
    let database = check(&c, "database");
    assert_eq!(database["outcome"], "fail");
    assert!(database["details"].to_string().contains("truncated"));
    // --dry-run saves nothing; a deposit that does not exist is an error of use.
    site.cmd().args(["examine", "e-permits/1.0", "--dry-run"]).assert().code(1);
    assert!(!site.path("archive/e-permits/1.0/conclusions/0002-2026-11-23.json").exists());
    site.cmd().args(["examine", "e-permits/9.9"]).assert().code(2).stderr(predicate::str::contains("no such deposit"));
}

#[test]
fn conclusions_render_as_pages_of_the_internal_catalogue_only() {
    let site = Site::minimal();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    fs::write(site.path("archive/e-permits/1.0/install/broken.zip"), b"PK\x03\x04 not really a zip").unwrap();
    let (code, _) = examine(&site);
    assert_eq!(code, 1);
    site.cmd().args(["build"]).assert().success();
    for lang in ["kk", "ru", "en"] {
        let deposit = site.read(&format!("dist/internal/{lang}/systems/e-permits/1.0/index.html"));
        assert!(deposit.contains("href=\"examination-1.html\""), "{lang}: {deposit}");
        let page = site.read(&format!("dist/internal/{lang}/systems/e-permits/1.0/examination-1.html"));
        assert!(page.contains("install/broken.zip"), "{page}");
    }
    let ru = site.read("dist/internal/ru/systems/e-permits/1.0/examination-1.html");
    assert!(ru.contains("Отрицательное заключение") && ru.contains("Целостность собранных модулей"), "{ru}");
    // Details are said in the page's language; the reasons name the failed check in it too.
    for (lang, said) in
        [("kk", "құрастыру ортасы: GNU Make"), ("ru", "среда сборки: GNU Make"), ("en", "built with GNU Make")]
    {
        let page = site.read(&format!("dist/internal/{lang}/systems/e-permits/1.0/examination-1.html"));
        assert!(page.contains(said), "{lang}: {page}");
    }
    assert!(ru.contains("<li>Целостность собранных модулей: install/broken.zip"), "{ru}");
    let saved: serde_json::Value =
        serde_json::from_str(&site.read(&format!("archive/e-permits/1.0/conclusions/0001-{TODAY}.json"))).unwrap();
    let source = saved["checks"].as_array().unwrap().iter().find(|c| c["id"] == "source").unwrap();
    assert_eq!(source["notes"][0]["key"], "source_files", "details are saved as data too: {source:#}");
    assert!(!site.path("dist/public/ru/systems/e-permits/1.0/examination-1.html").exists());
    let public = site.read("dist/public/ru/systems/e-permits/1.0/index.html");
    assert!(!public.contains("examination-1.html"));
}

#[test]
fn the_sample_rebuilds_one_installer_byte_for_byte_and_catches_the_other() {
    if !common::bubblewrap() {
        return;
    }
    let site = Site::sample();
    let out = site.cmd().args(["--format", "json", "examine", "e-kezek/1.0", "--rebuild"]).output().unwrap();
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{c:#}");
    assert_eq!(c["rebuild"]["reproduced"], true, "{c:#}");
    assert_eq!(c["rebuild"]["outputs"][0]["status"], "identical");
    assert!(c["rebuild"]["isolation"].as_str().unwrap().contains("no network"));
    let log = site.read(&format!("archive/e-kezek/1.0/conclusions/0001-{TODAY}.rebuild.log"));
    assert!(log.contains("$ python3 build.py") && log.contains("dist/e-kezek-1.0.pyz"), "{log}");

    let out = site.cmd().args(["--format", "json", "examine", "e-kezek/1.1", "--rebuild"]).output().unwrap();
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{c:#}");
    assert_eq!(c["rebuild"]["outputs"][0]["status"], "different");
    let reasons = c["reasons"].to_string();
    assert!(
        reasons.contains("install/e-kezek-1.1.pyz") && reasons.contains("differs from what the source builds"),
        "{reasons}"
    );
    // Nothing of the build is left in the archive.
    assert!(!site.path("archive/e-kezek/1.1/source/dist").exists());
}

#[test]
fn builds_that_hang_write_into_the_archive_or_reach_the_network_are_stopped_and_reported() {
    if !common::bubblewrap() {
        return;
    }
    let site = Site::minimal();
    let yaml = site.path(DEPOSIT_YAML);
    let run = |step: &str, extra: &[&str]| -> serde_json::Value {
        let text = fs::read_to_string(&yaml).unwrap();
        let start = text.find("  steps: [").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        fs::write(&yaml, format!("{}  steps: [{:?}]{}", &text[..start], step, &text[end..])).unwrap();
        let mut args = vec!["--format", "json", "examine", "e-permits/1.0", "--rebuild", "--dry-run"];
        args.extend(extra);
        let out = site.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let c = run("sleep 60", &["--timeout", "1"]);
    assert_eq!(c["rebuild"]["steps"][0]["timed_out"], true, "{c:#}");
    assert!(c["reasons"].to_string().contains("killed at the time limit"));

    let target = site.path("archive/e-permits/1.0/docs/user-guide.md");
    let before = fs::read(&target).unwrap();
    let c = run(&format!("echo overwritten > {}", target.display()), &[]);
    assert_eq!(fs::read(&target).unwrap(), before, "the build wrote into the archive");
    assert_ne!(c["rebuild"]["steps"][0]["exit"], 0);

    let c = run("python3 -c \"import socket; socket.create_connection(('1.1.1.1', 53), 3)\"", &[]);
    assert_ne!(c["rebuild"]["steps"][0]["exit"], 0, "{c:#}");

    // Outside the site root and the scratch folder.
    let escape = std::path::PathBuf::from(format!("/var/tmp/qoima-escape-{}", std::process::id()));
    let c = run(&format!("echo escaped > {}", escape.display()), &[]);
    assert!(c["rebuild"]["isolation"].as_str().unwrap().starts_with("bubblewrap"), "{c:#}");
    assert!(!escape.exists(), "the build wrote outside its scratch folder: {}", escape.display());
    assert_ne!(c["rebuild"]["steps"][0]["exit"], 0, "{c:#}");
    assert!(c["reasons"].to_string().contains("rebuild"), "{c:#}");
}

#[test]
fn sqlite_files_pass_sqlites_own_integrity_check_without_anything_written_beside_them() {
    let site = Site::minimal();
    let db = site.path("archive/e-permits/1.0/database/permits.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA page_size = 1024; CREATE TABLE permit (id INTEGER PRIMARY KEY, holder TEXT);
             CREATE INDEX permit_holder ON permit(holder);",
        )
        .unwrap();
        for i in 0..400 {
            conn.execute("INSERT INTO permit (holder) VALUES (?1)", [format!("ТОО «Компания {i}»")]).unwrap();
        }
    }
    let (code, c) = examine(&site);
    assert_eq!(code, 0, "{c:#}");
    let sqlite = c["databases"].as_array().unwrap().iter().find(|d| d["format"] == "sqlite").unwrap();
    assert!(sqlite["detail"].as_str().unwrap().contains("integrity_check: ok"), "{sqlite:#}");
    // Damage the middle of the file; its size (and so its header) stays right.
    let mut bytes = fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 600] {
        *b = 0x55;
    }
    fs::write(&db, bytes).unwrap();
    let (code, c) = examine(&site);
    assert_eq!(code, 1, "{c:#}");
    assert!(check(&c, "database")["details"].to_string().contains("integrity_check"), "{c:#}");
    let beside: Vec<_> =
        fs::read_dir(site.path("archive/e-permits/1.0/database")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(beside.len(), 2, "no journal or WAL file: {beside:?}");
}
