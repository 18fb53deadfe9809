//! The SWHID of source/ against Software Heritage's reference implementation (`swh.model`,
//! PyPI): the sample's sources and generated trees (empty folders, executable bits, links,
//! nested and non-ASCII names, files larger than the hashing buffer) must give the same
//! identifier; a seal that recorded the SWHID without its empty folders gets a note from `check`.

use crate::common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use common::*;

/// `swh.model`'s SWHID of each folder, in order.
fn reference(dirs: &[&Path]) -> Vec<String> {
    let script = "import sys\nfrom swh.model.from_disk import Directory\nfor p in sys.argv[1:]:\n    print(Directory.from_disk(path=p.encode(), max_content_length=None).swhid())\n";
    let out = std::process::Command::new("python3").arg("-c").arg(script).args(dirs).output().unwrap();
    assert!(out.status.success(), "swh.model: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect()
}

fn ours(dir: &Path) -> String {
    qoima::swhid::swhid_of_dir(dir).unwrap()
}

fn mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Trees that exercise every rule of the identifier.
fn generated(root: &Path) -> Vec<std::path::PathBuf> {
    let mut trees = Vec::new();
    let mut tree = |name: &str, make: &dyn Fn(&Path)| {
        let dir = root.join(name);
        fs::create_dir_all(&dir).unwrap();
        make(&dir);
        trees.push(dir);
    };
    tree("empty", &|_| {});
    tree("empty-folders", &|d| {
        fs::create_dir_all(d.join("a/b/c")).unwrap();
        fs::create_dir_all(d.join("logs")).unwrap();
        fs::write(d.join("a/readme.txt"), "text\n").unwrap();
    });
    tree("modes", &|d| {
        for (name, m) in [("run.sh", 0o755), ("owner-only", 0o700), ("group-only", 0o610), ("other-only", 0o641)] {
            fs::write(d.join(name), "#!/bin/sh\n").unwrap();
            mode(&d.join(name), m);
        }
        fs::write(d.join("plain"), "").unwrap();
        mode(&d.join("plain"), 0o600);
    });
    tree("names", &|d| {
        // git's order: a folder sorts as if its name ended in '/', so `a.b` < `a/` < `a0`.
        for f in ["a.b", "a0", "a-b", "A", "Б", "қазақша.txt", "ру́сский", "日本", "e\u{301}", "\u{e9}", "sp ace"]
        {
            fs::write(d.join(f), f).unwrap();
        }
        fs::create_dir_all(d.join("a/Құжаттар/deeper/still")).unwrap();
        fs::write(d.join("a/Құжаттар/deeper/still/файл.md"), "# Құжат\n").unwrap();
        fs::create_dir(d.join("a.b.dir")).unwrap();
    });
    tree("links-and-large", &|d| {
        fs::write(d.join("big.bin"), (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect::<Vec<u8>>()).unwrap();
        symlink("big.bin", d.join("to-big")).unwrap();
        symlink("../nowhere/at/all", d.join("dangling")).unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        symlink("..", d.join("sub/up")).unwrap();
    });
    trees
}

#[test]
fn swhids_equal_swh_model_on_the_sample_and_on_generated_trees() {
    if !python_module("swh.model", "swh.model") {
        return;
    }
    let site = Site::sample();
    let mut dirs: Vec<std::path::PathBuf> = Vec::new();
    for system in fs::read_dir(site.path("archive")).unwrap().flatten().filter(|e| e.path().is_dir()) {
        for deposit in fs::read_dir(system.path()).unwrap().flatten() {
            if deposit.path().join("source").is_dir() {
                dirs.push(deposit.path().join("source"));
            }
        }
    }
    dirs.sort();
    assert!(dirs.len() >= 8, "the sample's sources: {dirs:?}");
    // The case as reported: e-license/3.3's source/ with one empty folder added.
    let elicense = site.path("archive/e-license/3.3/source");
    let before = ours(&elicense);
    fs::create_dir(elicense.join("empty")).unwrap();
    assert_ne!(ours(&elicense), before, "an empty folder changes the SWHID");
    let scratch = tempfile::tempdir().unwrap();
    dirs.extend(generated(scratch.path()));
    let refs: Vec<&Path> = dirs.iter().map(|d| d.as_path()).collect();
    let want = reference(&refs);
    assert_eq!(want.len(), dirs.len());
    let mut agree = 0;
    let mut differ = Vec::new();
    for (dir, want) in dirs.iter().zip(&want) {
        let got = ours(dir);
        if &got == want {
            agree += 1;
        } else {
            differ.push(format!("{}: qoima {got}, swh.model {want}", dir.display()));
        }
    }
    eprintln!("SWHID: {agree} of {} trees equal swh.model's", dirs.len());
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn a_seal_without_its_empty_folders_gets_a_note_not_a_new_value() {
    let site = Site::sample();
    let seal = site.read("archive/astana-parking/2.1/seal.yaml");
    let source = site.path("archive/astana-parking/2.1/source");
    let recorded = seal
        .lines()
        .find_map(|l| l.strip_prefix("source_swhid: "))
        .map(|v| v.trim_matches(['"', '\'']).to_string())
        .expect("the sample's seal records a SWHID");
    assert_eq!(recorded, ours(&source));
    let (_, report) = site.check();
    assert!(with_rule(&report, "QOIMA-SWHID").is_empty());
    // An empty folder, as a seal made before qoima counted them would not have seen.
    fs::create_dir_all(source.join("migrations/empty")).unwrap();
    let (_, report) = site.check();
    let f = find(&report, "info", "QOIMA-SWHID", "archive/astana-parking/2.1/source");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains(&recorded) && message.contains(&ours(&source)), "{message}");
    // The seal itself is never rewritten.
    assert_eq!(site.read("archive/astana-parking/2.1/seal.yaml"), seal);
}
