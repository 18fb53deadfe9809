//! The living register: what was sealed stays provable (the depository register binds each
//! seal, every record is a hash chain), what happens after the seal is recorded in the
//! system's journal, and repair never spreads damage. Each attack below went unnoticed before
//! the register existed.

use crate::common;

use common::*;
use predicates::prelude::*;
use std::fs;

const MAIN_C: &str = "archive/e-permits/1.0/source/main.c";
const SEAL: &str = "archive/e-permits/1.0/seal.yaml";
const MANIFEST: &str = "archive/e-permits/1.0/manifest-sha256.txt";
const JOURNAL: &str = "archive/e-permits/journal.yaml";

/// The minimal site, its deposit not numbered yet, sealed by qoima.
fn sealed() -> Site {
    let site = Site::minimal();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site.edit(DEPOSIT_YAML, "  - {kind: depository_number, date: 2023-03-17, number: \"KZ-DEP-2023-000001\"}\n", "");
    site.cmd().args(["seal", "e-permits/1.0"]).assert().success();
    site
}

/// `sealed()` with a replica in `replica/`, replicated.
fn sealed_and_replicated() -> Site {
    let site = sealed();
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}\n[replica]\nroot = \"replica\"\n"));
    fs::create_dir(site.path("replica")).unwrap();
    site.cmd().args(["replicate"]).assert().success();
    site
}

fn errors(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| format!("{} {} {}", f["rule"], f["path"], f["message"]))
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn sealing_registers_the_seal_and_records_the_number_in_the_journal() {
    let site = sealed();
    let register = site.read("depository-numbers.txt");
    let line = register.lines().find(|l| !l.starts_with('#')).unwrap();
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols[..4], ["KZ-DEP-2026-000001", TODAY, "e-permits/1.0", "Ахметова Г. К."]);
    assert_eq!(cols[4], sha256(&fs::read(site.path(MANIFEST)).unwrap()), "the manifest's SHA-256");
    assert_eq!(cols[5], sha256(&fs::read(site.path(SEAL)).unwrap()), "seal.yaml's SHA-256");
    assert_eq!(cols[6], "0".repeat(64), "the first line of the chain");
    let journal = site.read(JOURNAL);
    assert!(
        journal.contains("kind: \"depository_number\", date: 2026-11-23, number: \"KZ-DEP-2026-000001\""),
        "{journal}"
    );
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    // The number is an event of the deposit now: every register and report reads it.
    assert!(report["deadlines"].as_array().unwrap().iter().all(|d| d["state"] != "missed"));
}

#[test]
fn sealing_needs_who_seals() {
    let site = Site::minimal();
    let toml = site.read("site.toml");
    site.write("site.toml", &toml.replace("[records]\nby = \"Ахметова Г. К.\"\n", ""));
    site.cmd()
        .env_remove("QOIMA_OPERATOR")
        .args(["seal", "e-permits/1.0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("say who seals"));
    assert!(!site.path(SEAL).exists() && !site.path("depository-numbers.txt").exists());
    site.cmd().env("QOIMA_OPERATOR", "Серікова А.").args(["seal", "e-permits/1.0"]).assert().success();
    assert!(site.read(SEAL).contains("by: \"Серікова А.\""));
}

#[test]
fn a_seal_and_manifest_deleted_then_a_file_edited_is_an_error() {
    let site = sealed();
    fs::remove_file(site.path(SEAL)).unwrap();
    fs::remove_file(site.path(MANIFEST)).unwrap();
    fs::write(site.path(MAIN_C), "int main(void) { return 1; }\n").unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 1);
    find(&report, "error", "D1124-7", SEAL);
    find(&report, "error", "D1124-7", MANIFEST);
    site.cmd().args(["fixity"]).assert().code(1).stdout(predicate::str::contains("seal.yaml: missing"));
}

#[test]
fn a_consistent_rewrite_of_file_manifest_and_seal_is_an_error_and_repair_restores_the_original() {
    let site = sealed_and_replicated();
    let good = fs::read(site.path(MAIN_C)).unwrap();
    let old_hash = sha256(&good);
    let tampered = b"int main(void) { return 42; }\n";
    fs::write(site.path(MAIN_C), tampered).unwrap();
    let manifest = site.read(MANIFEST).replace(&old_hash, &sha256(tampered));
    site.write(MANIFEST, &manifest);
    let seal = site.read(SEAL);
    let old_manifest_hash = seal.lines().find(|l| l.starts_with("manifest_sha256")).unwrap().to_string();
    site.write(
        SEAL,
        &seal.replace(&old_manifest_hash, &format!("manifest_sha256: \"{}\"", sha256(manifest.as_bytes()))),
    );
    let (code, report) = site.check();
    assert_eq!(code, 1, "{report:#}");
    let f = find(&report, "error", "D1124-7", SEAL);
    assert!(f["message"].as_str().unwrap().contains("not the one registered"), "{f}");
    site.cmd().args(["fixity"]).assert().code(1);
    // Repair takes the registered manifest, from the replica, and leaves the good copy alone.
    site.cmd()
        .args(["fixity", "--repair"])
        .assert()
        .success()
        .stdout(predicate::str::contains("repaired from the replica"));
    assert_eq!(fs::read(site.path(MAIN_C)).unwrap(), good);
    assert_eq!(fs::read(site.path(&format!("replica/{MAIN_C}"))).unwrap(), good, "the replica kept the good copy");
    let (code, report) = site.check();
    assert_eq!(code, 0, "{:?}", errors(&report));
}

#[test]
fn a_deleted_sealed_deposit_is_an_error_naming_the_replica() {
    let site = sealed_and_replicated();
    fs::remove_dir_all(site.path(DEPOSIT)).unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-47", "depository-numbers.txt");
    assert!(f["message"].as_str().unwrap().contains("replica"), "{f}");
    // The journal's entry about it says so too.
    find(&report, "error", "D1124-47", JOURNAL);
    site.cmd().args(["fixity"]).assert().code(1);
    site.cmd().args(["fixity", "--repair"]).assert().success();
    let (code, report) = site.check();
    assert_eq!(code, 0, "the folder restored from the replica: {:?}", errors(&report));
}

#[test]
fn a_file_added_under_conclusions_is_an_error_and_never_packaged() {
    let site = sealed();
    site.write("archive/e-permits/1.0/conclusions/0009-2026-11-23.json", "{\"positive\": true}");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    find(&report, "error", "D1124-7", "archive/e-permits/1.0/conclusions/0009-2026-11-23.json");
    site.cmd().args(["package", "e-permits"]).assert().success();
    let zip = fs::read(site.path("dist/packages/e-permits.zip")).unwrap();
    assert!(!zip.windows(9).any(|w| w == b"0009-2026"), "the unrecorded file is not in the package");
}

#[test]
fn a_conclusion_saved_by_examine_is_recorded_and_packaged() {
    let site = sealed();
    site.cmd().args(["examine", "e-permits/1.0"]).assert().success();
    let journal = site.read(JOURNAL);
    assert!(
        journal.contains("kind: \"file_recorded\"") && journal.contains("conclusions/0001-2026-11-23.json"),
        "{journal}"
    );
    let (code, report) = site.check();
    assert_eq!(code, 0, "{:?}", errors(&report));
    site.cmd().args(["package", "e-permits"]).assert().success();
    let zip = fs::read(site.path("dist/packages/e-permits.zip")).unwrap();
    assert!(zip.windows(15).any(|w| w == b"0001-2026-11-23"));
    // Changed after it was recorded: an error, and the package refuses it.
    let path = "archive/e-permits/1.0/conclusions/0001-2026-11-23.json";
    site.write(path, &site.read(path).replace("\"positive\": true", "\"positive\": false"));
    let (code, _) = site.check();
    assert_eq!(code, 1);
    site.cmd().args(["package", "e-permits"]).assert().code(1);
}

/// A conclusion recorded in the journal with exactly its bytes, which are no conclusion: a
/// finding on the deposit, never a silent gap in the catalogue.
#[test]
fn a_recorded_conclusion_that_cannot_be_read_is_an_error_not_left_out() {
    let site = sealed();
    site.cmd().args(["examine", "e-permits/1.0"]).assert().success();
    let path = "archive/e-permits/1.0/conclusions/0001-2026-11-23.json";
    let before = sha256(site.read(path).as_bytes());
    let broken = "{\"number\": \"one\"}\n";
    site.write(path, broken);
    // The journal's last entry records the conclusion: give it the new bytes' hash.
    let journal = site.read(JOURNAL);
    assert!(journal.trim_end().ends_with('}') && journal.contains(&before), "{journal}");
    site.write(JOURNAL, &journal.replace(&before, &sha256(broken.as_bytes())));
    let (code, report) = site.check();
    assert_eq!(code, 1, "{:?}", errors(&report));
    let f = find(&report, "error", "QOIMA-RECORD", path);
    assert_eq!(f["message_id"], "conclusion-unreadable");
    assert!(f["message"].as_str().unwrap().contains("cannot be read as a conclusion"), "{f}");
    // It belongs to its deposit: `check` of that deposit alone reports it.
    assert_eq!(f["deposit"], "e-permits/1.0", "{f}");
    let out = site.cmd().args(["check", "e-permits/1.0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("cannot be read as a conclusion"));
}

#[test]
fn a_corrupted_manifest_line_fails_check_and_fixity() {
    let site = sealed();
    let manifest = site.read(MANIFEST);
    site.write(MANIFEST, &manifest.replacen("  source/main.c", "  source/main.cpp", 1));
    let (code, _) = site.check();
    assert_eq!(code, 1);
    site.cmd()
        .args(["fixity"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("manifest-sha256.txt: differs from the one the depository register holds"));
}

#[test]
fn a_seal_without_a_register_entry_is_an_error() {
    let site = sealed();
    let register = site.read("depository-numbers.txt");
    site.write(
        "depository-numbers.txt",
        &register.lines().filter(|l| l.starts_with('#')).map(|l| format!("{l}\n")).collect::<String>(),
    );
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-41", SEAL);
    assert!(f["message"].as_str().unwrap().contains("--register-existing"), "{f}");
    site.cmd().args(["fixity"]).assert().code(1).stdout(predicate::str::contains("not in the depository register"));
    // A seal made before the register existed is registered once its files are checked.
    site.cmd().args(["seal", "--register-existing", "e-permits/1.0"]).assert().success();
    let (code, report) = site.check();
    assert_eq!(code, 0, "{:?}", errors(&report));
}

#[test]
fn edited_removed_or_reordered_register_and_journal_entries_are_found() {
    let site = sealed();
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    for f in ["seal.yaml", "manifest-sha256.txt"] {
        fs::remove_file(site.path(&format!("archive/e-permits/2.0/{f}"))).unwrap();
    }
    let two = "archive/e-permits/2.0/deposit.yaml";
    site.edit(two, "version: \"1.0\"", "version: \"2.0\"\nprevious: \"1.0\"");
    site.edit(two, "Ж-2023/001", "Ж-2023/002");
    site.cmd().args(["seal", "e-permits/2.0"]).assert().success();
    let (code, report) = site.check();
    assert_eq!(code, 0, "{:?}", errors(&report));
    let register = site.read("depository-numbers.txt");
    let journal = site.read(JOURNAL);
    let chain_broken = |file: &str, text: String| {
        let saved = site.read(file);
        site.write(file, &text);
        let (code, report) = site.check();
        site.write(file, &saved);
        assert_eq!(code, 1, "{file}: {text}");
        assert!(
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["message"].as_str().unwrap().contains("chain is broken")),
            "{file}: {:?}",
            errors(&report)
        );
    };
    let lines = |text: &str| text.lines().map(str::to_string).collect::<Vec<String>>();
    let (r, j) = (lines(&register), lines(&journal));
    let (r_last, j_last) = (r.len() - 1, j.len() - 1);
    // Edited: the first entry's date; removed: the first entry; reordered: the two swapped.
    chain_broken(
        "depository-numbers.txt",
        register.replacen("\t2026-11-23\te-permits/1.0", "\t2026-11-22\te-permits/1.0", 1),
    );
    let mut removed = r.clone();
    removed.remove(r_last - 1);
    chain_broken("depository-numbers.txt", removed.join("\n") + "\n");
    let mut swapped = r.clone();
    swapped.swap(r_last - 1, r_last);
    chain_broken("depository-numbers.txt", swapped.join("\n") + "\n");
    chain_broken(JOURNAL, journal.replacen("KZ-DEP-2026-000001", "KZ-DEP-2026-000009", 1));
    let mut removed = j.clone();
    removed.remove(j_last - 1);
    chain_broken(JOURNAL, removed.join("\n") + "\n");
    let mut swapped = j.clone();
    swapped.swap(j_last - 1, j_last);
    chain_broken(JOURNAL, swapped.join("\n") + "\n");
    // A malformed line: a finding with its line; the rest is still read and checked.
    site.write(JOURNAL, &format!("{journal}- {{kind: [\n"));
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "QOIMA-RECORD", JOURNAL);
    assert_eq!(f["line"], j.len() as u64 + 1);
}

#[test]
fn a_register_rewritten_after_a_fixity_check_is_found_by_the_head_the_log_kept() {
    let site = sealed();
    site.cmd().args(["fixity"]).assert().success();
    let log = site.read("fixity-log.jsonl");
    let register = site.read("depository-numbers.txt");
    let head = sha256(register.lines().last().unwrap().as_bytes());
    assert!(log.contains(&format!("\"register_head\":\"{head}\"")), "{log}");
    // Rewritten whole, with a consistent chain: only the head the log kept tells.
    let rewritten = register.replace("Ахметова Г. К.", "Кто-то другой");
    site.write("depository-numbers.txt", &rewritten);
    let (code, report) = site.check();
    assert_eq!(code, 1);
    let f = find(&report, "error", "D1124-41", "fixity-log.jsonl");
    assert!(f["message"].as_str().unwrap().contains("rewritten after the fixity check"), "{f}");
}

#[test]
fn replicate_refuses_a_replica_root_that_does_not_exist() {
    let site = sealed();
    let toml = site.read("site.toml");
    let missing = site.path("mnt/replica");
    site.write("site.toml", &format!("{toml}\n[replica]\nroot = \"{}\"\n", missing.display()));
    site.cmd().args(["replicate"]).assert().code(2).stderr(predicate::str::contains("is its drive mounted"));
    assert!(!site.path("mnt").exists(), "nothing created");
    let (_, report) = site.check();
    assert!(!with_rule(&report, "D1124-31").is_empty(), "the deposit has no verified copy");
}

#[test]
fn replicate_warns_about_the_same_drive_and_check_warns_until_a_copy_is_verified() {
    let site = sealed();
    let (_, report) = site.check();
    let none = find(&report, "warning", "D1124-31", "site.toml");
    assert!(none["message"].as_str().unwrap().contains("no replica is configured"));
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}\n[replica]\nroot = \"replica\"\n"));
    fs::create_dir(site.path("replica")).unwrap();
    let (_, report) = site.check();
    find(&report, "warning", "D1124-31", DEPOSIT);
    site.cmd().args(["replicate"]).assert().success().stderr(predicate::str::contains("same drive"));
    let (code, report) = site.check();
    assert_eq!(code, 0);
    assert!(with_rule(&report, "D1124-31").is_empty(), "{:#}", report["findings"]);
    for record in ["depository-numbers.txt", JOURNAL, "fixity-log.jsonl"] {
        assert_eq!(site.read(record), site.read(&format!("replica/{record}")), "{record} copied to the replica");
    }
    // The two copies compared: a journal entry changed in the archive since it was replicated.
    site.cmd().args(["fixity"]).assert().success();
    site.write(JOURNAL, &site.read(JOURNAL).replace("KZ-DEP-2026-000001", "KZ-DEP-2026-000002"));
    site.cmd().args(["fixity"]).assert().code(1).stdout(predicate::str::contains(
        "archive/e-permits/journal.yaml: the archive's copy does not continue the replica's",
    ));
}

#[cfg(unix)]
#[test]
fn replicate_and_repair_never_write_through_a_symbolic_link() {
    let site = sealed_and_replicated();
    let outside = tempfile::tempdir().unwrap();
    // The replica's source folder becomes a link to a folder outside both trees.
    let replica_source = site.path("replica/archive/e-permits/1.0/source");
    fs::remove_dir_all(&replica_source).unwrap();
    std::os::unix::fs::symlink(outside.path(), &replica_source).unwrap();
    site.cmd().args(["replicate"]).assert().code(1).stdout(predicate::str::contains("symbolic link"));
    // And in the archive: a damaged file whose folder is a link is not repaired through it.
    fs::write(site.path(MAIN_C), "damaged").unwrap();
    site.cmd().args(["fixity", "--repair"]).assert().code(1);
    let archive_source = site.path("archive/e-permits/1.0/source");
    let moved = site.path("moved-source");
    fs::rename(&archive_source, &moved).unwrap();
    std::os::unix::fs::symlink(outside.path(), &archive_source).unwrap();
    site.cmd().args(["fixity", "--repair"]).assert().code(1);
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0, "nothing landed outside the trees");
}

#[test]
fn two_seals_of_one_deposit_at_once_one_succeeds_and_the_other_changes_nothing() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "  - {kind: depository_number, date: 2023-03-17, number: \"KZ-DEP-2023-000001\"}\n", "");
    let spawn = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("qoima"))
            .arg("--root")
            .arg(site.dir.path())
            .args(["--today", TODAY, "seal", "e-permits/1.0"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let ok = [&a, &b].iter().filter(|o| o.status.success()).count();
    assert_eq!(ok, 1, "{}\n{}", String::from_utf8_lossy(&a.stderr), String::from_utf8_lossy(&b.stderr));
    let failed = if a.status.success() { &b } else { &a };
    assert_eq!(failed.status.code(), Some(2));
    let said = String::from_utf8_lossy(&failed.stderr);
    assert!(said.contains("sealed") && said.contains("e-permits/1.0"), "{said}");
    let register = site.read("depository-numbers.txt");
    assert_eq!(register.lines().filter(|l| !l.starts_with('#')).count(), 1, "{register}");
    let (code, report) = site.check();
    assert_eq!(code, 0, "seal.yaml is the registered one: {:?}", errors(&report));
}

#[test]
fn a_file_changed_with_its_modification_time_put_back_is_hashed_again() {
    let site = sealed();
    let (code, _) = site.check();
    assert_eq!(code, 0);
    let path = site.path(MAIN_C);
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let len = fs::metadata(&path).unwrap().len() as usize;
    fs::write(&path, "x".repeat(len)).unwrap();
    fs::File::options().write(true).open(&path).unwrap().set_modified(mtime).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    let (code, report) = site.check();
    assert_eq!(code, 1);
    find(&report, "error", "D1124-7", MAIN_C);
}

/// `check` takes a seal from the seal cache while its files are unchanged, without the hash
/// cache; a changed file, a damaged cache line or a lost hash cache never hides a change.
#[test]
fn the_seal_cache_never_hides_a_change() {
    let site = sealed();
    let cache = site.read(".qoima/seals.tsv");
    assert!(cache.starts_with("archive/e-permits/1.0\t"), "{cache}");
    // Without the hash cache: the seal cache vouches for the unchanged files.
    fs::remove_file(site.path(".qoima/hash-cache.tsv")).unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    // The internal deposit page still lists each file's SHA-256 from the manifest.
    site.cmd().args(["build", "--edition", "internal"]).assert().success();
    let manifest = site.read(MANIFEST);
    let main_c = manifest.lines().find(|l| l.ends_with("source/main.c")).unwrap();
    let page = site.read("dist/internal/en/systems/e-permits/1.0/index.html");
    assert!(page.contains(&main_c[..64]), "no SHA-256 of main.c on the deposit page");
    // A damaged line (its seal text no longer hashes to its SHA-256) is left out: the seal is
    // read from seal.yaml, and it is intact.
    site.write(".qoima/seals.tsv", &cache.replace("KZ-DEP-2026-000001", "KZ-DEP-2026-000009"));
    let (code, report) = site.check();
    assert_eq!(code, 0, "{report:#}");
    site.write(".qoima/seals.tsv", &cache);
    // A file added beside the sealed ones: found.
    site.write("archive/e-permits/1.0/source/extra.c", "int x;\n");
    let (code, report) = site.check();
    assert_eq!(code, 1);
    find(&report, "error", "D1124-7", "archive/e-permits/1.0/source/extra.c");
    fs::remove_file(site.path("archive/e-permits/1.0/source/extra.c")).unwrap();
    // A file changed (same size, modification time put back): found, with no hash cache.
    let path = site.path(MAIN_C);
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let len = fs::metadata(&path).unwrap().len() as usize;
    fs::write(&path, "y".repeat(len)).unwrap();
    fs::File::options().write(true).open(&path).unwrap().set_modified(mtime).unwrap();
    let (code, report) = site.check();
    assert_eq!(code, 1);
    find(&report, "error", "D1124-7", MAIN_C);
}

/// The register benchmark's sealed archive: `generate --sealed` seals each deposit on the day it
/// was numbered and records its certificate in the journal, so `check` finds in it what it
/// finds in the same archive unsealed — the history is the same, only where it is kept differs.
#[test]
fn a_generated_archive_sealed_as_numbered_has_the_history_of_the_unsealed_one() {
    let dir = tempfile::tempdir().unwrap();
    let generate = |name: &str, sealed: bool| {
        let root = dir.path().join(name);
        let mut c = assert_cmd::Command::cargo_bin("qoima").unwrap();
        c.args(["--today", TODAY, "generate", "--deposits", "60", "--out"]).arg(&root);
        if sealed {
            c.arg("--sealed");
        }
        c.assert().success();
        let out = assert_cmd::Command::cargo_bin("qoima")
            .unwrap()
            .arg("--root")
            .arg(&root)
            .args(["--today", TODAY, "check", "--format", "json"])
            .output()
            .unwrap();
        (root, serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap())
    };
    let (_, plain) = generate("plain", false);
    let (root, sealed) = generate("sealed", true);
    let register = fs::read_to_string(root.join("depository-numbers.txt")).unwrap();
    assert_eq!(register.lines().filter(|l| !l.starts_with('#')).count(), 60, "{register}");
    let journals: String = fs::read_dir(root.join("archive"))
        .unwrap()
        .filter_map(|e| fs::read_to_string(e.unwrap().path().join("journal.yaml")).ok())
        .collect();
    assert_eq!(journals.matches("kind: \"depository_number\"").count(), 60);
    assert!(journals.contains("kind: \"depository_certificate\""), "{journals}");
    let said = |r: &serde_json::Value| {
        let mut v: Vec<String> = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] != "D1124-31")
            .map(|f| format!("{} {} {}", f["severity"], f["rule"], f["path"]))
            .collect();
        v.sort();
        v
    };
    assert!(!said(&plain).is_empty());
    assert_eq!(said(&plain), said(&sealed));
    let states = |r: &serde_json::Value| {
        r["deadlines"].as_array().unwrap().iter().map(|d| d["state"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(states(&plain).len(), states(&sealed).len());
    assert!(states(&sealed).iter().all(|s| s == "met"), "{:?}", states(&sealed));
    // The replica the sealed archive lacks is said once, as for any sealed archive without one.
    assert_eq!(with_rule(&sealed, "D1124-31").len(), 1);
}
