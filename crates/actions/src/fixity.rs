//! `qoima fixity`: re-hash every registered deposit in full against what the depository
//! register says was sealed (D1124-53: the media are checked periodically), and repair from
//! the copy that still matches it.
//!
//! The register binds each deposit to the SHA-256 of its seal.yaml and manifest. A copy whose
//! manifest is not the registered one is never trusted, however consistent it looks: its files
//! are checked against the registered manifest, taken from the other copy. Repair copies a file
//! only from a copy that matches the register, only onto one that does not, and never through
//! a symbolic link, in the archive or in the replica. Every run appends one event per deposit
//! to the fixity log ([`crate::records::fixity_log`]).

use std::path::Path;

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::hash::hex;
use crate::model::{Deposit, Manifest};
use crate::records::fixity_log::{self, FIXITY_CHECK, FixityEvent, LOG};
use crate::records::register::Expected;
use crate::records::seal::{MANIFEST, SEAL, sealed_files};

pub use crate::records::fixity_log::{SAID, say, say_in};

/// The English of [`SAID`]'s `key` with `args` (`("error", …)`).
fn said(key: &str, args: &[(&str, &str)]) -> String {
    let template = SAID.iter().find(|(k, _)| *k == key).map_or(key, |(_, t)| t);
    let args: crate::template::Args = args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    crate::template::fill(template, &args)
}

/// The SHA-256 of a file below `root`, read only when no folder on the way and not the file
/// itself is a symbolic link.
fn confined_sha256(root: &Path, rel: &str) -> Result<(String, u64), String> {
    let meta = std::fs::symlink_metadata(root.join(rel)).map_err(|e| missing_or(&e))?;
    if meta.file_type().is_symlink() {
        return Err(said("symlink", &[]));
    }
    if !meta.file_type().is_file() {
        return Err(said("not_regular", &[]));
    }
    let path = crate::atomic::confined(root, rel, false).map_err(|e| e.to_string())?;
    let digest = crate::hash::hash_file(&path).map_err(|e| said("unreadable", &[("error", &e.to_string())]))?;
    Ok((hex(&digest), meta.len()))
}

fn missing_or(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        said("missing", &[])
    } else {
        said("unreadable", &[("error", &e.to_string())])
    }
}

/// A seal file of one copy, when it is the one registered: its text.
fn registered_text(root: &Path, dir: &str, name: &str, want: &str) -> Result<String, String> {
    let path = crate::atomic::confined(root, &format!("{dir}/{name}"), false).map_err(|e| e.to_string())?;
    let bytes = std::fs::read(&path).map_err(|e| missing_or(&e))?;
    if crate::records::sha256_hex(&bytes) != want {
        return Err(said("not_registered", &[]));
    }
    String::from_utf8(bytes).map_err(|_| said("not_utf8", &[]))
}

/// The registered manifest, from whichever copy still has it: (manifest, which copies have it
/// as registered — the original, the replica).
fn trusted_manifest(roots: &[&Path], exp: &Expected) -> (Option<Manifest>, Vec<Result<(), String>>) {
    let mut manifest = None;
    let mut states = Vec::new();
    for root in roots {
        match registered_text(root, &exp.dir, MANIFEST, &exp.manifest_sha256) {
            Ok(text) => {
                if manifest.is_none() {
                    manifest = crate::records::seal::parse_manifest(&text).ok();
                }
                states.push(Ok(()));
            }
            Err(e) => states.push(Err(e)),
        }
    }
    (manifest, states)
}

/// One copy checked against the register: (path, what is wrong) for the seal files and every
/// file of the manifest, and the bytes read.
fn check_copy(
    root: &Path,
    exp: &Expected,
    manifest: Option<&[(String, String)]>,
    manifest_state: &Result<(), String>,
    progress: &(dyn Fn(u64) + Sync),
) -> (u64, Vec<(String, String)>) {
    let mut problems = Vec::new();
    if let Err(e) = registered_text(root, &exp.dir, SEAL, &exp.seal_sha256) {
        problems.push((SEAL.to_string(), e));
    }
    if let Err(e) = manifest_state {
        problems.push((MANIFEST.to_string(), e.clone()));
    }
    let Some(manifest) = manifest else { return (0, problems) };
    let checked: Vec<(u64, Option<(String, String)>)> = manifest
        .par_iter()
        .map(|(want, rel)| match confined_sha256(root, &format!("{}/{rel}", exp.dir)) {
            Ok((got, len)) => {
                progress(len);
                (len, (got != *want).then(|| (rel.clone(), said("differs", &[]))))
            }
            Err(e) => (0, Some((rel.clone(), e))),
        })
        .collect();
    let bytes = checked.iter().map(|(b, _)| b).sum();
    problems.extend(checked.into_iter().filter_map(|(_, p)| p));
    (bytes, problems)
}

/// What one deposit's check found.
pub struct Checked {
    /// The number of files the registered manifest lists; 0 when no copy has it.
    pub files: u64,
    /// The bytes read and hashed from the archive's copy.
    pub bytes: u64,
    /// (path, what is wrong), the replica's marked as such.
    pub problems: Vec<(String, String)>,
    /// The registered manifest, when a copy still has it.
    pub manifest: Option<Manifest>,
}

/// Re-hashes a registered deposit in the archive (`root`) and, when given, in the replica,
/// against the register. Files added to the deposit in the archive (by `present`, the files
/// loading listed) are problems too.
pub fn verify(
    root: &Path,
    replica: Option<&Path>,
    exp: &Expected,
    present: Option<&Deposit>,
    progress: &(dyn Fn(u64) + Sync),
) -> Checked {
    let roots: Vec<&Path> = std::iter::once(root).chain(replica).collect();
    let (manifest, states) = trusted_manifest(&roots, exp);
    let mut problems = Vec::new();
    if !crate::atomic::is_confined_folder(root, &exp.dir) {
        problems.push((String::new(), said("folder_missing", &[])));
    }
    let (bytes, p) = check_copy(root, exp, manifest.as_deref(), &states[0], progress);
    problems.extend(p);
    if manifest.is_none() {
        problems.push((String::new(), said("no_manifest", &[])));
    }
    if let (Some(m), Some(d)) = (&manifest, present) {
        let listed: std::collections::HashSet<&str> = m.iter().map(|(_, p)| p.as_str()).collect();
        problems.extend(
            sealed_files(d).into_iter().filter(|p| !listed.contains(p)).map(|p| (p.to_string(), said("added", &[]))),
        );
    }
    if let Some(r) = replica {
        let (_, p) = check_copy(r, exp, manifest.as_deref(), &states[1], &|_| {});
        problems.extend(p.into_iter().map(|(path, what)| (path, format!("{what} (replica)"))));
    }
    let files = manifest.as_ref().map_or(0, |m| m.len() as u64);
    Checked { files, bytes, problems, manifest }
}

/// Repairs one file of a registered deposit from whichever copy matches `want` (a SHA-256 of
/// the register for the seal files, of the registered manifest for the others), onto the copy
/// that does not. Returns what was done, for the log.
pub fn repair(root: &Path, replica: Option<&Path>, exp: &Expected, rel: &str, want: &str) -> (bool, String) {
    let Some(replica) = replica else { return (false, detail(rel, &said("no_replica", &[]))) };
    let inner = format!("{}/{rel}", exp.dir);
    let ok = |r: &Path| confined_sha256(r, &inner).is_ok_and(|(h, _)| h == want);
    let parent = inner.rsplit_once('/').map_or(inner.as_str(), |(p, _)| p);
    for r in [root, replica] {
        if crate::atomic::is_confined_folder(r, parent) {
            crate::atomic::sweep(&r.join(parent));
        }
    }
    match (ok(root), ok(replica)) {
        (true, true) => (true, detail(rel, &said("both_match", &[]))),
        (false, true) => match crate::atomic::copy_confined(replica, root, &inner) {
            Ok(()) if ok(root) => (true, detail(rel, &said("repaired", &[]))),
            Ok(()) => (false, detail(rel, &said("repair_unverified", &[]))),
            Err(e) => (false, detail(rel, &said("repair_failed", &[("error", &e.to_string())]))),
        },
        (true, false) => match crate::atomic::copy_confined(root, replica, &inner) {
            Ok(()) if ok(replica) => (true, detail(rel, &said("replica_repaired", &[]))),
            Ok(()) => (false, detail(rel, &said("replica_repair_unverified", &[]))),
            Err(e) => (false, detail(rel, &said("replica_repair_failed", &[("error", &e.to_string())]))),
        },
        (false, false) => (false, detail(rel, &said("no_copy_matches", &[]))),
    }
}

/// Which sealed deposits a run checks.
pub struct Selection {
    /// Only deposits not checked within this many days (or never).
    pub older_than_days: Option<u32>,
    /// Only this share of the sealed deposits, those checked longest ago first.
    pub sample_percent: Option<u8>,
}

/// What a run looks at: every deposit of the register, and every sealed deposit the register
/// does not know (which fails).
enum Target<'c> {
    Registered(Expected, Option<&'c Deposit>),
    Unregistered(&'c Deposit),
}

impl Target<'_> {
    fn key(&self) -> String {
        match self {
            Target::Registered(e, _) => e.key.clone(),
            Target::Unregistered(d) => d.key(),
        }
    }
}

/// Runs a fixity check; returns the events it logged.
pub fn run(
    cat: &Catalog,
    agent: &str,
    select: &Selection,
    repair_damage: bool,
    progress: &(dyn Fn(u64, u64, &str) + Sync),
) -> Result<Vec<FixityEvent>, String> {
    let log = &cat.fixity;
    let last = |key: &str| {
        log.events.iter().filter(|e| e.deposit == key && e.event_type == FIXITY_CHECK).map(|e| e.date).max()
    };
    let find = |key: &str| {
        let (s, v) = key.split_once('/')?;
        cat.archive.system(s)?.deposits.iter().find(|d| d.version == v)
    };
    let archive = &cat.site.site.archive;
    let mut targets: Vec<Target> =
        cat.register.entries.iter().map(|e| Target::Registered(Expected::of(e, archive), find(&e.deposit))).collect();
    for (_, d) in cat.archive.deposits() {
        if d.sealed.as_ref().is_some_and(|x| x.seal.is_some()) && cat.register.of(&d.key()).is_none() {
            targets.push(Target::Unregistered(d));
        }
    }
    if let Some(days) = select.older_than_days {
        let cutoff = cat.today - chrono::Duration::days(i64::from(days));
        targets.retain(|t| last(&t.key()).is_none_or(|l| l < cutoff));
    }
    targets.sort_by_key(|t| (last(&t.key()), t.key()));
    if let Some(p) = select.sample_percent {
        let n = (targets.len() * usize::from(p.min(100))).div_ceil(100);
        targets.truncate(n);
    }
    let total: u64 = targets
        .iter()
        .filter_map(|t| match t {
            Target::Registered(_, d) => *d,
            Target::Unregistered(d) => Some(*d),
        })
        .flat_map(|d| d.files.iter())
        .map(|f| f.size)
        .sum();
    let done = std::sync::atomic::AtomicU64::new(0);
    let replica_root = cat.site.replica_root(&cat.root);
    let mut events = Vec::new();
    // Deposits found intact, remembered for `check` (the hash and seal caches).
    let mut proven: Vec<(&Deposit, String, String)> = Vec::new();
    let mut checks: Vec<Checked> = Vec::new();
    for t in targets {
        let key = t.key();
        let tick = |n: u64| {
            let sofar = done.fetch_add(n, std::sync::atomic::Ordering::Relaxed) + n;
            progress(sofar, total, &key);
        };
        let mut event = FixityEvent {
            event_type: FIXITY_CHECK.to_string(),
            date: cat.today,
            agent: agent.to_string(),
            deposit: key.clone(),
            number: String::new(),
            files: 0,
            bytes: 0,
            outcome: "failure".to_string(),
            details: Vec::new(),
            seal_sha256: None,
            register_head: Some(cat.register.head.clone()),
            journal_head: key.split_once('/').and_then(|(s, _)| cat.archive.system(s)).map(|s| s.journal.head.clone()),
            prev: None,
        };
        match t {
            Target::Unregistered(d) => {
                event.number = d.seal.as_ref().map(|s| s.record.number.clone()).unwrap_or_default();
                event.details.push(said("unregistered", &[("register", crate::records::register::REGISTER)]));
            }
            Target::Registered(exp, present) => {
                let replica =
                    replica_root.as_deref().filter(|_| present.is_none_or(crate::model::Deposit::copy_permitted));
                let checked = verify(&cat.root, replica, &exp, present, &tick);
                event.number = exp.number.clone();
                event.seal_sha256 = Some(exp.seal_sha256.clone());
                event.files = checked.files;
                event.bytes = checked.bytes;
                event.details = checked.problems.iter().map(|(p, w)| detail(p, w)).collect();
                let mut outcome = if checked.problems.is_empty() { "success" } else { "failure" };
                if repair_damage && !checked.problems.is_empty() {
                    let (all, details) = repair_all(cat, replica, &exp, &checked);
                    event.details.extend(details);
                    if all {
                        outcome = "repaired";
                    }
                }
                event.outcome = outcome.to_string();
                if let (true, Some(d)) = (checked.problems.is_empty(), present)
                    && let Ok(text) = registered_text(&cat.root, &exp.dir, SEAL, &exp.seal_sha256)
                {
                    proven.push((d, text, exp.manifest_sha256.clone()));
                    checks.push(checked);
                }
            }
        }
        let lock =
            crate::records::register::lock(&cat.root, "logging a fixity check", std::time::Duration::from_secs(60))
                .map_err(|e| e.text(crate::messages::operator()))?;
        fixity_log::append(&cat.root, &mut event).map_err(|e| format!("{LOG}: {e}"))?;
        drop(lock);
        events.push(event);
    }
    remember(cat, &proven, &checks);
    Ok(events)
}

/// Puts what a fixity check proved into the caches `check` reads: the hashes of the files and
/// the seals, with the marks the files had when the catalog was read (a file changed since no
/// longer matches them).
fn remember(cat: &Catalog, proven: &[(&Deposit, String, String)], checks: &[Checked]) {
    if proven.is_empty() {
        return;
    }
    let Ok(lock) =
        crate::records::register::lock(&cat.root, "remembering what fixity proved", std::time::Duration::from_secs(60))
    else {
        return;
    };
    let mut hashes = crate::records::seal::HashCache::load(&cat.root);
    let mut seals = crate::seal_cache::SealCache::load(&cat.root);
    for ((d, seal_text, manifest_sha256), checked) in proven.iter().zip(checks) {
        let entry = |name: &str| d.files.iter().find(|f| f.path == name && f.kind == crate::model::FileKind::Regular);
        for (hash, path) in checked.manifest.iter().flatten() {
            if let Some(f) = entry(path) {
                hashes.insert(format!("{}/{path}", d.dir), f, hash.clone());
            }
        }
        if let (Some(seal), Some(manifest)) = (entry(SEAL), entry(MANIFEST)) {
            seals.remember(&d.dir, seal, manifest, &d.files, seal_text, manifest_sha256);
        }
    }
    let _ = hashes.save(&cat.root);
    let _ = seals.save(&cat.root);
    drop(lock);
}

/// The records in the archive against their copies in the replica: each is appended to, never
/// rewritten, so the replica's copy must be the start of the archive's. Every record whose
/// archive copy does not continue the replica's is named (an entry changed or removed since the
/// last `replicate`).
pub fn records_against_replica(cat: &Catalog) -> Vec<crate::messages::Msg> {
    let Some(replica) = cat.site.replica_root(&cat.root) else { return Vec::new() };
    let names = crate::records::files(&cat.archive);
    let read =
        |root: &Path, rel: &str| crate::atomic::confined(root, rel, false).ok().and_then(|p| std::fs::read(p).ok());
    let mut out = Vec::new();
    for name in names {
        let (Some(ours), Some(theirs)) = (read(&cat.root, &name), read(&replica, &name)) else { continue };
        if !ours.starts_with(&theirs) {
            out.push(crate::messages::Msg::new("fixity-record-diverged", crate::args! { "record" => name }));
        }
    }
    out
}

fn detail(path: &str, what: &str) -> String {
    if path.is_empty() { what.to_string() } else { format!("{path}: {what}") }
}

/// Repairs every damaged file of a deposit it can; whether all were, and what was done.
fn repair_all(cat: &Catalog, replica: Option<&Path>, exp: &Expected, checked: &Checked) -> (bool, Vec<String>) {
    let mut details = Vec::new();
    let mut all = true;
    let mut paths: Vec<&str> = checked
        .problems
        .iter()
        .filter(|(_, what)| !what.starts_with(&said("added", &[])))
        .map(|(p, _)| p.as_str())
        .filter(|p| !p.is_empty())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    if checked.problems.iter().any(|(_, w)| w.starts_with(&said("added", &[]))) {
        all = false;
        details.push(said("added_left", &[]));
    }
    for path in paths {
        let want = match path {
            SEAL => Some(exp.seal_sha256.as_str()),
            MANIFEST => Some(exp.manifest_sha256.as_str()),
            _ => checked.manifest.as_ref().and_then(|m| m.iter().find(|(_, p)| p == path).map(|(h, _)| h.as_str())),
        };
        match want {
            Some(want) => {
                let (done, what) = repair(&cat.root, replica, exp, path, want);
                all &= done;
                details.push(what);
            }
            None => {
                all = false;
                details.push(detail(path, &said("not_in_manifest", &[])));
            }
        }
    }
    (all, details)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the fixity log holds in English is said in the page's language, path and replica
    /// kept; a detail none of [`SAID`] made stays as logged.
    #[test]
    fn logged_details_are_said_in_kazakh_and_russian() {
        let theme =
            qoima_publish::theme::Theme::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")), "default")
                .unwrap();
        let (kk, ru) = (theme.words("kk"), theme.words("ru"));
        let differs = detail("source/main.c", &said("differs", &[]));
        assert_eq!(differs, "source/main.c: SHA-256 differs from the manifest");
        assert_eq!(say(&differs, kk), "source/main.c: SHA-256 сомасы манифесттегіден өзгеше");
        assert_eq!(say("seal.yaml: missing (replica)", ru), "seal.yaml: отсутствует (реплика)");
        let unregistered = said("unregistered", &[("register", "depository-numbers.txt")]);
        assert!(say(&unregistered, kk).contains("(depository-numbers.txt)"), "{}", say(&unregistered, kk));
        assert_eq!(say("a/b: cannot be read: Permission denied", ru), "a/b: не удаётся прочитать: Permission denied");
        assert_eq!(say("a/b: moved by hand", ru), "a/b: moved by hand");
    }

    /// The terminal says each detail as the pages do, from the translation files: every key of
    /// [`SAID`], of a file and of a replica, in each language; English stays as logged.
    #[test]
    fn the_terminal_says_details_as_the_pages_do() {
        use crate::messages::Lang;
        let theme =
            qoima_publish::theme::Theme::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")), "default")
                .unwrap();
        let args = [("error", "Permission denied"), ("register", "depository-numbers.txt")];
        for lang in [Lang::Kk, Lang::Ru] {
            for (key, _) in SAID {
                for logged in [
                    said(key, &args),
                    detail("source/main.c", &said(key, &args)),
                    format!("seal.yaml: {} (replica)", said(key, &args)),
                ] {
                    let (terminal, page) = (say_in(&logged, lang), say(&logged, theme.words(lang.code())));
                    // The command line calls a folder `папка` in Kazakh, as all its messages do.
                    assert_eq!(terminal, page.replace("қалта", "папка"), "{key} in {}", lang.code());
                    assert_ne!(terminal, logged, "{key} in {}", lang.code());
                }
            }
        }
        let logged = detail("source/main.c", &said("differs", &[]));
        assert_eq!(say_in(&logged, Lang::En), logged);
        assert_eq!(say_in("seal.yaml: missing (replica)", Lang::En), "seal.yaml: missing (replica)");
        assert_eq!(say_in("a/b: moved by hand", Lang::Kk), "a/b: moved by hand");
    }
}
