//! Transfer packages and `qoima verify`: the Library of Congress BagIt conformance suite, packages
//! that are byte-identical across runs and validate with bagit-python, bags made by bagit-python
//! that validate with qoima, refusals (broken seal), and path safety (zip-slip, symlinks).

use crate::common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;
use predicates::prelude::*;

fn qoima() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("qoima").unwrap();
    c.env("NO_COLOR", "1").env_remove("QOIMA_ROOT").env_remove("QOIMA_TODAY");
    c
}

/// The suite beside the project (`../shared/testdata`); with CI=true its absence fails the test.
fn suite() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/bagit-conformance-suite");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").map(|v| v != "true").unwrap_or(true),
        "CI=true but the BagIt conformance suite is missing at {}",
        dir.display()
    );
    eprintln!("skipped: the BagIt conformance suite is not at {}", dir.display());
    None
}

/// bagit-python (`bagit.py`), needed for the cross-checks; with CI=true its absence fails.
fn bagit_python() -> bool {
    let ok =
        std::process::Command::new("python3").args(["-c", "import bagit"]).output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").map(|v| v != "true").unwrap_or(true),
            "CI=true but bagit-python is not installed (pip install bagit)"
        );
        eprintln!("skipped: bagit-python is not installed (pip install bagit)");
    }
    ok
}

#[test]
fn every_linux_case_of_the_library_of_congress_conformance_suite() {
    let Some(suite) = suite() else { return };
    let mut cases = 0;
    let mut wrong = Vec::new();
    for version in fs::read_dir(&suite).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with('v'))
    {
        for category in ["valid", "invalid", "warning", "linux-only"] {
            let Ok(bags) = fs::read_dir(version.path().join(category)) else { continue };
            for bag in bags.flatten().filter(|b| b.path().is_dir()) {
                cases += 1;
                let out = qoima().arg("verify").arg(bag.path()).output().unwrap();
                let code = out.status.code().unwrap_or(-1);
                let stderr = String::from_utf8_lossy(&out.stderr);
                let right = match category {
                    "valid" => code == 0,
                    "warning" => code == 0 && stderr.contains("warning"),
                    _ => code == 1 && stderr.contains("error"),
                };
                if !right {
                    wrong.push(format!("{}: exit {code}\n{stderr}", bag.path().display()));
                }
            }
        }
    }
    assert_eq!(cases, 54, "the suite's Linux cases");
    assert!(wrong.is_empty(), "{} of 54 wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// The sample with its theme, for packaging.
fn sample() -> Site {
    let site = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site
}

#[test]
fn a_package_is_byte_identical_across_runs_and_validates_with_qoima_and_bagit_python() {
    let site = sample();
    let zip = site.path("dist/packages/astana-parking.zip");
    site.cmd().args(["package", "astana-parking"]).assert().success();
    let first = fs::read(&zip).unwrap();
    // Another run, another day, and the files touched: the same bytes.
    let yaml = site.path("archive/astana-parking/2.1/deposit.yaml");
    let f = fs::OpenOptions::new().append(true).open(&yaml).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3600)).unwrap();
    site.cmd_on("2027-01-05").args(["package", "astana-parking"]).assert().success();
    assert!(first == fs::read(&zip).unwrap(), "two runs gave different packages");

    let out = qoima().args(["--format", "json", "verify"]).arg(&zip).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["version"], "1.0");
    assert_eq!(report["algorithms"], serde_json::json!(["sha256", "sha512"]));
    assert_eq!(report["warnings"], 0, "{report:#}");

    // What the issue names is inside, and entries are sorted with fixed times and permissions.
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<String> = archive.file_names().map(|n| n.unwrap().to_string()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    for want in [
        "astana-parking/bagit.txt",
        "astana-parking/bag-info.txt",
        "astana-parking/manifest-sha256.txt",
        "astana-parking/manifest-sha512.txt",
        "astana-parking/tagmanifest-sha256.txt",
        "astana-parking/data/system.yaml",
        "astana-parking/data/2.1/deposit.yaml",
        "astana-parking/data/2.1/seal.yaml",
        "astana-parking/data/2.1/manifest-sha256.txt",
        "astana-parking/transfer/inventory-kk.html",
        "astana-parking/transfer/inventory-ru.csv",
        "astana-parking/transfer/transfer-act-ru.html",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} missing from {names:?}");
    }
    for i in 0..archive.len() {
        let f = archive.by_index(i).unwrap();
        assert_eq!(f.unix_mode().map(|m| m & 0o777), Some(0o644), "{}", f.name().unwrap());
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (2024, 3, 12), "the seal date");
        // Already-compressed formats are stored, text deflated.
        let name = f.name().unwrap().to_string();
        if name.ends_with(".tar.gz") {
            assert_eq!(f.compression(), zip::CompressionMethod::Stored, "{name}");
        }
        if name.ends_with("deposit.yaml") {
            assert_eq!(f.compression(), zip::CompressionMethod::Deflated, "{name}");
        }
    }
    let mut info = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("astana-parking/bag-info.txt").unwrap(), &mut info).unwrap();
    for want in [
        "Source-Organization: Астана қаласы әкімдігінің Цифрландыру басқармасы\n",
        "Contact-Email: digital@astana.gov.kz\n",
        "External-Identifier: KZ-DEP-2020-000009\n",
        "Bagging-Date: 2024-03-12\n",
        "Payload-Oxum: ",
        "Bag-Size: ",
        "Organization-Address: ",
        "Contact-Name: ",
        "Contact-Phone: ",
        "External-Description: ",
    ] {
        assert!(info.contains(want), "{want} not in\n{info}");
    }
    let mut act = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("astana-parking/transfer/transfer-act-ru.html").unwrap(),
        &mut act,
    )
    .unwrap();
    assert!(
        act.contains("Акт приёма-передачи") && act.contains("KZ-DEP-2020-000009") && act.contains("26 января 2024")
    );

    if bagit_python() {
        let unpacked = tempfile::tempdir().unwrap();
        archive.extract(unpacked.path()).unwrap();
        let out = std::process::Command::new("python3")
            .args(["-m", "bagit", "--validate"])
            .arg(unpacked.path().join("astana-parking"))
            .output()
            .unwrap();
        assert!(out.status.success(), "bagit-python: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn bags_made_by_bagit_python_validate_with_qoima_and_their_corruption_is_caught() {
    if !bagit_python() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("bag");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("archive/e-notary"), &bag);
    fs::write(bag.join("2.0/100% готово\tтаб.txt"), "percent, Cyrillic and a tab in the name").unwrap();
    let out = std::process::Command::new("python3")
        .args(["-c", "import bagit,sys; bagit.make_bag(sys.argv[1], checksums=['sha256','sha512'])"])
        .arg(&bag)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Valid; the tab in the name is only a warning (Windows refuses control characters).
    qoima().arg("verify").arg(&bag).assert().success().stderr(predicate::str::contains("error").not());
    fs::write(bag.join("data/2.0/deposit.yaml"), "changed").unwrap();
    qoima()
        .arg("verify")
        .arg(&bag)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("data/2.0/deposit.yaml").and(predicate::str::contains("Payload-Oxum")));
}

#[test]
fn a_deposit_whose_seal_fails_is_refused_with_the_files_and_nothing_is_written() {
    let site = sample();
    fs::write(site.path("archive/astana-parking/2.1/docs/user-guide.md"), "rewritten after the seal").unwrap();
    fs::write(site.path("archive/astana-parking/2.1/source/extra.txt"), "added after the seal").unwrap();
    site.cmd().args(["package", "astana-parking"]).assert().code(1).stderr(
        predicate::str::contains("seal no longer verifies")
            .and(predicate::str::contains("source/extra.txt: added after the seal"))
            .and(predicate::str::contains("docs/user-guide.md")),
    );
    assert!(!site.path("dist/packages/astana-parking.zip").exists());
    let leftovers: Vec<_> = fs::read_dir(site.path("dist/packages"))
        .map(|r| r.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // An unsealed deposit is not packaged either.
    site.cmd().args(["package", "e-license", "3.3"]).assert().code(1).stderr(predicate::str::contains("not sealed"));
}

#[test]
fn package_all_puts_every_package_in_the_internal_catalogue_with_size_and_checksum() {
    let site = sample();
    site.cmd().args(["build"]).assert().success();
    site.cmd().args(["package", "--all"]).assert().success();
    let zip = site.path("dist/internal/packages/astana-parking.zip");
    assert!(zip.is_file());
    let index: serde_json::Value = serde_json::from_str(&site.read("dist/packages/index.json")).unwrap();
    let sha = index[0]["sha256"].as_str().unwrap().to_string();
    let page = site.read("dist/internal/ru/systems/astana-parking/index.html");
    assert!(page.contains("href=\"../../../packages/astana-parking.zip\"") && page.contains(&sha), "{page}");
    assert!(!site.path("dist/public/packages").exists(), "packages are for the internal edition");
    // A rebuild keeps them.
    site.cmd().args(["build"]).assert().success();
    assert!(site.path("dist/internal/packages/astana-parking.zip").is_file());
}

/// A zip with one entry whose name leaves the extraction folder, and a symlink entry.
#[test]
fn zip_slip_entries_and_escaping_symlinks_make_a_bag_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("bag");
    fs::create_dir_all(bag.join("data")).unwrap();
    fs::write(bag.join("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n").unwrap();
    fs::write(bag.join("data/a.txt"), "a").unwrap();
    fs::write(
        bag.join("manifest-sha256.txt"),
        "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  data/a.txt\n",
    )
    .unwrap();
    qoima().arg("verify").arg(&bag).assert().success().stderr("");

    std::os::unix::fs::symlink("/etc/hostname", bag.join("data/escape")).unwrap();
    qoima()
        .arg("verify")
        .arg(&bag)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("data/escape").and(predicate::str::contains("leads outside the bag")));
    fs::remove_file(bag.join("data/escape")).unwrap();

    let zip_path = dir.path().join("slip.zip");
    let mut w = zip::ZipWriter::new(fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("bag/bagit.txt", &b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"[..]),
        ("bag/data/a.txt", b"a"),
        ("bag/manifest-sha256.txt", b"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  data/a.txt\n"),
        ("bag/../../evil.sh", b"echo owned"),
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap();
    qoima().arg("verify").arg(&zip_path).assert().code(1).stderr(
        predicate::str::contains("bag/../../evil.sh").and(predicate::str::contains("outside the target folder")),
    );
}

#[test]
fn names_with_percent_cr_and_lf_are_percent_encoded_and_normalization_twins_warn() {
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("bag");
    fs::create_dir_all(bag.join("data")).unwrap();
    fs::write(bag.join("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n").unwrap();
    fs::write(bag.join("data/100%\nline"), "a").unwrap();
    let a = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
    fs::write(bag.join("manifest-sha256.txt"), format!("{a}  data/100%25%0Aline\n")).unwrap();
    qoima().arg("verify").arg(&bag).assert().success().stderr(
        predicate::str::contains("error").not().and(predicate::str::contains("not allowed in Windows file names")),
    );
    // The same name unencoded is a different (missing) file.
    fs::write(bag.join("manifest-sha256.txt"), format!("{a}  data/100%25%0Aline\n{a}  data/100%line\n")).unwrap();
    qoima().arg("verify").arg(&bag).assert().code(1).stderr(predicate::str::contains("missing"));
    // "Núñez" in NFC and NFD: two files that are one name on macOS.
    fs::write(bag.join("data/N\u{fa}\u{f1}ez"), "a").unwrap();
    fs::write(bag.join("data/Nu\u{301}n\u{303}ez"), "a").unwrap();
    fs::write(
        bag.join("manifest-sha256.txt"),
        format!("{a}  data/100%25%0Aline\n{a}  data/N\u{fa}\u{f1}ez\n{a}  data/Nu\u{301}n\u{303}ez\n"),
    )
    .unwrap();
    qoima()
        .arg("verify")
        .arg(&bag)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").and(predicate::str::contains("Unicode normalization")));
}
