//! The BagIt profile of transfer packages (docs/bagit-profile.json): every package of the sample
//! names it and validates against it with the `bagit-profile` validator (PyPI) and with
//! `qoima verify --profile`; bags that break it are caught.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

fn profile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bagit-profile.json")
}

/// Every package of the sample (`package --all`).
fn packages(site: &Site) -> Vec<PathBuf> {
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site.cmd().args(["package", "--all"]).assert().success();
    let mut zips: Vec<PathBuf> = fs::read_dir(site.path("dist/packages"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    zips.sort();
    assert!(zips.len() >= 2, "{zips:?}");
    zips
}

fn verify(bag: &Path, profile: &Path) -> (i32, serde_json::Value, String) {
    let out = assert_cmd::Command::cargo_bin("qoima")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["--format", "json", "verify", "--profile"])
        .arg(profile)
        .arg(bag)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), report, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn every_package_validates_against_the_published_profile_with_bagit_profile_and_qoima() {
    let site = Site::sample();
    let zips = packages(&site);
    for zip in &zips {
        let (code, report, stderr) = verify(zip, &profile());
        assert_eq!(code, 0, "{}: {stderr}", zip.display());
        assert_eq!(report["profile"], qoima::bagit::profile::TRANSFER_PROFILE);
    }
    if !python_module("bagit_profile", "bagit-profile") || !python_module("bagit", "bagit") {
        return;
    }
    // The validator's own steps: serialization on the zip, then the profile on the bag unpacked.
    let script = r#"
import json, os, sys, tempfile, zipfile
import bagit, bagit_profile
text = open(sys.argv[1]).read()
identifier = json.loads(text)["BagIt-Profile-Info"]["BagIt-Profile-Identifier"]
valid = 0
for z in sys.argv[2:]:
    profile = bagit_profile.Profile(identifier, profile=text)
    profile.validate_serialization(z)
    with tempfile.TemporaryDirectory() as d:
        zipfile.ZipFile(z).extractall(d)
        (root,) = [os.path.join(d, x) for x in os.listdir(d)]
        if profile.validate(bagit.Bag(root)):
            valid += 1
        else:
            print(z, [str(e) for e in profile.report.errors])
print(valid, len(sys.argv) - 2)
"#;
    let out = std::process::Command::new("python3").arg("-c").arg(script).arg(profile()).args(&zips).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let last = stdout.lines().last().unwrap_or("");
    eprintln!("bagit-profile: {last} packages valid");
    assert_eq!(last, format!("{} {}", zips.len(), zips.len()), "{stdout}");
}

#[test]
fn bags_that_break_the_profile_are_caught() {
    let site = Site::sample();
    let zip = packages(&site).remove(0);
    // The same bag unpacked: the profile requires a zip.
    let dir = tempfile::tempdir().unwrap();
    zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap().extract(dir.path()).unwrap();
    let bag = fs::read_dir(dir.path()).unwrap().flatten().next().unwrap().path();
    let (code, _, stderr) = verify(&bag, &profile());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("requires a serialized bag"), "{stderr}");
    // Another profile's identifier, a required field and tag file of that profile.
    let other = dir.path().join("other.json");
    let text = fs::read_to_string(profile())
        .unwrap()
        .replace("\"BagIt-Profile-Identifier\": \"urn:qoima", "\"BagIt-Profile-Identifier\": \"urn:other")
        .replace("\"Bag-Size\": {", "\"Accession-Number\": {\"required\": true}, \"Bag-Size\": {")
        .replace("\"transfer/inventory-kk.html\",", "\"transfer/deed.pdf\", \"transfer/inventory-kk.html\",");
    fs::write(&other, text).unwrap();
    let (code, report, stderr) = verify(&zip, &other);
    assert_eq!(code, 1, "{stderr}");
    for want in [
        "BagIt-Profile-Identifier is urn:qoima:bagit-profile:transfer-package:1.0, not this profile's urn:other",
        "the required field Accession-Number is missing",
        "transfer/deed.pdf: the profile requires this tag file",
    ] {
        assert!(stderr.contains(want), "{want}: {stderr}");
    }
    assert_eq!(report["valid"], false);
    // A profile that is not one.
    fs::write(&other, "{}").unwrap();
    let (code, _, stderr) = verify(&zip, &other);
    assert_eq!(code, 2, "{stderr}");
}
