//! The read-only guarantee (SECURITY.md, "A read command writes into the archive"): every read
//! command — `check`, `build`, `verify`, `package`, `fixity` without `--repair`, `examine
//! --dry-run` — leaves `archive/` byte for byte and inode for inode as it was, and `examine`
//! adds nothing but its declared state (`conclusions/NNNN-DATE.json` in the deposit examined).
//!
//! The digest of the tree covers every entry, folders included: type, permissions, owner, link
//! count, inode, size, SHA-256 of the content (or the target of a link), and the modification
//! and change times to the nanosecond. A temporary file created and removed inside a folder
//! therefore shows as a changed folder mtime, and a file rewritten with the same bytes as a new
//! inode or ctime. The state files these commands are documented to write (`fixity-log.jsonl`,
//! `.qoima/`, `dist/`) are checked to appear beside site.toml, never inside `archive/`.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

/// What is recorded of one entry of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    kind: &'static str,
    mode: u32,
    uid: u32,
    gid: u32,
    nlink: u64,
    ino: u64,
    size: u64,
    /// SHA-256 of a file's bytes, a link's target, empty for a folder.
    content: String,
    mtime_ns: i128,
    ctime_ns: i128,
}

impl Entry {
    /// The names of the fields that differ.
    fn differences(&self, other: &Entry) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.kind != other.kind {
            out.push("type");
        }
        if self.mode != other.mode {
            out.push("permissions");
        }
        if (self.uid, self.gid) != (other.uid, other.gid) {
            out.push("owner");
        }
        if self.nlink != other.nlink {
            out.push("link count");
        }
        if self.ino != other.ino {
            out.push("inode");
        }
        if self.size != other.size {
            out.push("size");
        }
        if self.content != other.content {
            out.push("content");
        }
        if self.mtime_ns != other.mtime_ns {
            out.push("mtime");
        }
        if self.ctime_ns != other.ctime_ns {
            out.push("ctime");
        }
        out
    }
}

type Tree = BTreeMap<String, Entry>;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every entry under `root` (the root itself as ""), links never followed.
fn tree_digest(root: &Path) -> Tree {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).follow_links(false).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
        let meta = std::fs::symlink_metadata(e.path()).unwrap();
        let ft = meta.file_type();
        let (kind, content) = if ft.is_file() {
            ("file", hex(&Sha256::digest(std::fs::read(e.path()).unwrap())))
        } else if ft.is_dir() {
            ("dir", String::new())
        } else if ft.is_symlink() {
            ("symlink", std::fs::read_link(e.path()).unwrap().to_string_lossy().into_owned())
        } else {
            ("other", String::new())
        };
        let entry = Entry {
            kind,
            mode: meta.mode(),
            uid: meta.uid(),
            gid: meta.gid(),
            nlink: meta.nlink(),
            ino: meta.ino(),
            size: meta.size(),
            content,
            mtime_ns: meta.mtime() as i128 * 1_000_000_000 + meta.mtime_nsec() as i128,
            ctime_ns: meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128,
        };
        out.insert(rel, entry);
    }
    out
}

/// Every difference between two digests, one line each; empty when identical.
fn diff(before: &Tree, after: &Tree) -> Vec<String> {
    let mut out = Vec::new();
    for (path, b) in before {
        match after.get(path) {
            None => out.push(format!("removed: archive/{path}")),
            Some(a) if a != b => out.push(format!("changed: archive/{path} ({})", b.differences(a).join(", "))),
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        out.push(format!("added: archive/{path} ({})", after[path].kind));
    }
    out
}

/// The names at the top of the site root.
fn root_names(site: &Site) -> BTreeSet<String> {
    std::fs::read_dir(site.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

/// The sample with its theme (build and package render it) and two more sealed deposits beside
/// astana-parking/2.1, so that fixity, package and verify have work to do.
fn sealed_sample() -> Site {
    let site = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    for deposit in ["e-kezek/1.0", "e-notary/2.1"] {
        site.cmd().args(["seal", deposit, "--by", "Ахметова Г. К."]).assert().success();
        assert!(site.path(&format!("archive/{deposit}/seal.yaml")).is_file());
    }
    site
}

/// Runs one command with `--root` and `--today`; asserts its exit status.
fn run(site: &Site, args: &[&str], code: i32) {
    let out = site.cmd().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "qoima {}: exit {:?}\n{}\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The digest is not blind: a temporary created and removed, a file rewritten with the same
/// bytes, permissions changed and changed back all show.
#[test]
fn the_digest_sees_writes_that_leave_the_bytes_as_they_were() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::minimal();
    let archive = site.path("archive");
    let pause = || std::thread::sleep(std::time::Duration::from_millis(20)); // coarse file clocks
    let docs = site.path("archive/e-permits/1.0/docs");

    let before = tree_digest(&archive);
    pause();
    std::fs::write(docs.join(".tmp-123"), "x").unwrap();
    std::fs::remove_file(docs.join(".tmp-123")).unwrap();
    assert_eq!(diff(&before, &tree_digest(&archive)), vec!["changed: archive/e-permits/1.0/docs (mtime, ctime)"]);

    let before = tree_digest(&archive);
    pause();
    site.write(DEPOSIT_YAML, &site.read(DEPOSIT_YAML));
    assert_eq!(diff(&before, &tree_digest(&archive)), vec![format!("changed: {DEPOSIT_YAML} (mtime, ctime)")]);

    let before = tree_digest(&archive);
    pause();
    let yaml = site.path(DEPOSIT_YAML);
    let mode = std::fs::metadata(&yaml).unwrap().permissions().mode();
    std::fs::set_permissions(&yaml, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(&yaml, std::fs::Permissions::from_mode(mode)).unwrap();
    assert_eq!(diff(&before, &tree_digest(&archive)), vec![format!("changed: {DEPOSIT_YAML} (ctime)")]);
}

#[test]
fn read_commands_leave_the_archive_byte_for_byte_identical() {
    let site = sealed_sample();
    let archive = site.path("archive");
    let zip_public = site.path("dist/packages/astana-parking.zip");
    let zip_kezek = site.path("dist/packages/e-kezek.zip");
    let (zip_public, zip_kezek) = (zip_public.to_str().unwrap(), zip_kezek.to_str().unwrap());
    let bag_folder = site.path("archive/astana-parking/2.1");
    let bag_folder = bag_folder.to_str().unwrap();

    let before = tree_digest(&archive);
    assert!(before.len() > 100, "the sample archive is there: {} entries", before.len());
    let root_before = root_names(&site);

    // Each read command with the exit status it must give on this archive (so that each one
    // really ran, rather than stopping at its arguments). `verify` of a deposit folder inside
    // the archive is not a bag (exit 1) but must be read in place all the same.
    let commands: Vec<(Vec<&str>, i32)> = vec![
        (vec!["check"], 0),
        (vec!["check", "--format", "json"], 0),
        (vec!["check", "--verbose"], 0),
        (vec!["build"], 0),
        (vec!["build", "--edition", "public"], 0),
        (vec!["build", "--edition", "internal", "--format", "json"], 0),
        (vec!["package", "astana-parking"], 0),
        (vec!["package", "e-kezek", "1.0"], 0),
        (vec!["package", "--all"], 0),
        (vec!["package", "e-kezek"], 0),
        (vec!["verify", zip_public], 0),
        (vec!["verify", zip_kezek, "--format", "json"], 0),
        (vec!["verify", bag_folder], 1),
        (vec!["fixity"], 0),
        (vec!["fixity", "--sample", "50", "--format", "json"], 0),
        (vec!["fixity", "--older-than", "0"], 0),
        (vec!["examine", "e-kezek/1.0", "--dry-run"], 0),
        (vec!["examine", "e-notary/2.1", "--dry-run", "--format", "json"], 0),
    ];
    let mut writes = Vec::new();
    for (args, code) in &commands {
        run(&site, args, *code);
        let changes = diff(&before, &tree_digest(&archive));
        if !changes.is_empty() {
            writes.push(format!("qoima {}:\n  {}", args.join(" "), changes.join("\n  ")));
        }
    }
    assert!(writes.is_empty(), "read commands wrote inside archive/:\n{}", writes.join("\n"));

    // Their state is where it is documented to be: beside site.toml, in dist/.
    assert!(site.path("fixity-log.jsonl").is_file(), "fixity logs beside site.toml");
    let log = site.read("fixity-log.jsonl");
    assert!(log.lines().count() >= 3 && log.contains("e-kezek/1.0"), "{log}");
    for f in ["dist/packages/astana-parking.zip", "dist/packages/e-kezek.zip", "dist/packages/index.json"] {
        assert!(site.path(f).is_file(), "{f}");
    }
    for f in ["dist/public/index.html", "dist/internal/index.html"] {
        assert!(site.path(f).is_file(), "{f}");
    }
    let declared: BTreeSet<String> = ["dist", "fixity-log.jsonl", ".qoima"].iter().map(|s| s.to_string()).collect();
    let new_at_root: BTreeSet<String> = root_names(&site).difference(&root_before).cloned().collect();
    assert!(new_at_root.is_subset(&declared), "undeclared files beside site.toml: {new_at_root:?}");
    assert!(new_at_root.contains("dist") && new_at_root.contains("fixity-log.jsonl"), "{new_at_root:?}");
}

#[test]
fn examine_adds_only_its_conclusion_to_the_deposit_it_examines() {
    let site = sealed_sample();
    let archive = site.path("archive");
    let before = tree_digest(&archive);

    run(&site, &["examine", "e-kezek/1.0", "--by", "Оспанова Г. Т."], 0);
    let after = tree_digest(&archive);

    let deposit = "e-kezek/1.0";
    let conclusions = format!("{deposit}/conclusions");
    let conclusion = format!("{conclusions}/0001-{TODAY}.json");
    let added: BTreeSet<&str> = after.keys().filter(|p| !before.contains_key(*p)).map(String::as_str).collect();
    let removed: Vec<&String> = before.keys().filter(|p| !after.contains_key(*p)).collect();
    let changed: BTreeMap<&str, Vec<&str>> = before
        .iter()
        .filter_map(|(p, b)| after.get(p).filter(|a| *a != b).map(|a| (p.as_str(), b.differences(a))))
        .collect();
    assert!(removed.is_empty(), "examine removed {removed:?}");
    let journal = "e-kezek/journal.yaml";
    assert_eq!(
        added,
        BTreeSet::from([conclusions.as_str(), conclusion.as_str(), journal]),
        "examine adds the conclusions folder, one conclusion and the system's journal that records it, nothing else (no temporary, no rebuild log without --rebuild)"
    );
    assert_eq!(after[&conclusions].kind, "dir");
    assert_eq!(after[&conclusion].kind, "file");
    assert!(site.read(&format!("archive/{journal}")).contains(&format!("document: \"conclusions/0001-{TODAY}.json\"")));
    // Only the deposit folder changed, by the folder added to it (its times, and its link
    // count: the new folder's `..`), and the system folder by the journal added to it.
    assert_eq!(
        changed,
        BTreeMap::from([(deposit, vec!["link count", "mtime", "ctime"]), ("e-kezek", vec!["mtime", "ctime"])]),
        "examine changed more than the deposit folder's times:\n{}",
        diff(&before, &after).join("\n")
    );
    let saved: serde_json::Value = serde_json::from_str(&site.read(&format!("archive/{conclusion}"))).unwrap();
    assert!(saved.is_object(), "{saved}");

    // A second examination adds the next number beside the first and changes nothing else:
    // the first conclusion is never rewritten.
    // (Its outcome is not the point here: see the next test for why it may come out negative.)
    let code = site.cmd().args(["examine", "e-kezek/1.0"]).output().unwrap().status.code();
    assert!(matches!(code, Some(0 | 1)), "examine ran: exit {code:?}");
    let again = tree_digest(&archive);
    let second = format!("{conclusions}/0002-{TODAY}.json");
    let added: BTreeSet<&str> = again.keys().filter(|p| !after.contains_key(*p)).map(String::as_str).collect();
    assert_eq!(added, BTreeSet::from([second.as_str()]));
    assert_eq!(after[&conclusion], again[&conclusion], "the first conclusion is never rewritten");
    let changed: Vec<&str> = after.iter().filter(|(p, e)| again.get(*p) != Some(*e)).map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        changed,
        vec!["e-kezek", conclusions.as_str(), journal],
        "only the conclusions folder gains an entry, and the journal one line"
    );
    let entries = site.read(&format!("archive/{journal}"));
    assert_eq!(entries.lines().filter(|l| l.starts_with("- ")).count(), 2, "one entry per conclusion: {entries}");
}

#[test]
fn a_conclusion_saved_in_a_sealed_deposit_is_not_taken_for_a_change_to_it() {
    // docs/format.md: conclusions/ is "not covered by the seal". The state examine writes into a
    // sealed deposit must therefore not make check, fixity or the next examination see the
    // deposit as changed after sealing (D1124-7).
    let site = sealed_sample();
    run(&site, &["examine", "e-kezek/1.0"], 0);
    assert!(site.path(&format!("archive/e-kezek/1.0/conclusions/0001-{TODAY}.json")).is_file());
    let (code, report) = site.check();
    let d1124_7: Vec<&serde_json::Value> = with_rule(&report, "D1124-7");
    assert!(d1124_7.is_empty(), "check takes the conclusion for a change to the sealed deposit: {d1124_7:#?}");
    assert_eq!(code, 0, "{report:#}");
    let out = site.cmd().args(["fixity"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "fixity takes the conclusion for a change to the sealed deposit:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = site.cmd().args(["examine", "e-kezek/1.0", "--dry-run"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "a second examination is negative because of the first one's conclusion:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
