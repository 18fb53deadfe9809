//! The second copy (D1124-31) and what it is for: repair (D1124-53, O146-10).
//!
//! `qoima replicate` copies every registered deposit whose owner permits copying to the
//! replica root named in site.toml, to the same relative paths, and verifies each copied file
//! against the manifest the depository register binds; a deposit whose original no longer
//! matches the register is not copied (that would spread the damage). It then copies the
//! records — the register, every system's journal and the fixity log — so that the two copies
//! can be compared, and logs one "replication" event per deposit. It refuses a replica root
//! that does not exist (an unmounted drive) rather than make one on the local disk, warns when
//! the replica is on the same drive as the archive, and never writes through a symbolic link.

use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::messages::Msg;
use crate::records::fixity_log::{self, FixityEvent, REPLICATION};
use crate::records::register::Expected;
use crate::records::seal::{MANIFEST, SEAL};

/// What replicating one deposit did.
#[derive(Debug, serde::Serialize)]
pub struct Replicated {
    /// The deposit, as `system/version`.
    pub deposit: String,
    /// Files copied to the replica and verified there.
    pub copied: usize,
    /// Files the replica already held as the manifest and the register say.
    pub unchanged: usize,
    /// Files whose copy does not match the manifest (in JSON, in English).
    #[serde(serialize_with = "in_english")]
    pub failed: Vec<Msg>,
    /// Set when the owner does not permit copies.
    pub skipped: bool,
}

/// What `replicate` did: each deposit, the records copied, and warnings about the replica.
#[derive(Debug, serde::Serialize)]
pub struct Replication {
    /// Each deposit of the register, in its order.
    pub deposits: Vec<Replicated>,
    /// The records copied (register, journals, fixity log), or why one could not be.
    #[serde(serialize_with = "in_english")]
    pub records: Vec<Msg>,
    /// What is wrong with the replica (on the same drive as the archive), in English in JSON.
    #[serde(serialize_with = "in_english")]
    pub warnings: Vec<Msg>,
}

/// Messages as the JSON report gives them: in English, as the fixity log keeps them.
fn in_english<S: serde::Serializer>(messages: &[Msg], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(messages.iter().map(Msg::en))
}

/// Why a file was not copied: in the words of [`crate::atomic::Refused`] when it refused the
/// path, else the operating system's error.
fn why_not_copied(e: &std::io::Error) -> serde_json::Value {
    crate::atomic::Refused::of(e).map_or_else(|| Msg::from(e.to_string()), |r| r.msg()).arg()
}

/// Why `replicate` cannot run at all (exit status 2): nothing was written.
pub fn usable_root(cat: &Catalog) -> Result<PathBuf, Msg> {
    let replica = cat.site.replica_root(&cat.root).ok_or_else(|| Msg::new("replicate-no-replica", crate::args! {}))?;
    let root = replica.display().to_string();
    match std::fs::metadata(&replica) {
        Ok(m) if m.is_dir() => Ok(replica),
        Ok(_) => Err(Msg::new("replicate-root-not-folder", crate::args! { "root" => root })),
        Err(e) => Err(Msg::new(
            "replicate-root-unreachable",
            crate::args! { "root" => root, "error" => crate::messages::io(&e) },
        )),
    }
}

/// Copies every registered deposit to the replica, verifies the copies, copies the records,
/// and logs each deposit's replication.
pub fn replicate(cat: &Catalog, agent: &str) -> Result<Replication, Msg> {
    let replica = usable_root(cat)?;
    let mut warnings = Vec::new();
    if crate::platform::same_device(&cat.root, &replica) {
        let root = replica.display().to_string();
        warnings.push(Msg::new("replicate-same-drive", crate::args! { "root" => root }));
    }
    let archive = &cat.site.site.archive;
    let mut out = Vec::new();
    let mut events = Vec::new();
    for entry in &cat.register.entries {
        let exp = Expected::of(entry, archive);
        let present = entry
            .deposit
            .split_once('/')
            .and_then(|(s, v)| cat.archive.system(s)?.deposits.iter().find(|d| d.version == v));
        if present.is_some_and(|d| !d.copy_permitted()) {
            out.push(Replicated {
                deposit: exp.key.clone(),
                copied: 0,
                unchanged: 0,
                failed: Vec::new(),
                skipped: true,
            });
            continue;
        }
        let r = replicate_one(&cat.root, &replica, &exp);
        events.push(FixityEvent {
            event_type: REPLICATION.to_string(),
            date: cat.today,
            agent: agent.to_string(),
            deposit: exp.key.clone(),
            number: exp.number.clone(),
            files: (r.copied + r.unchanged) as u64,
            bytes: 0,
            outcome: if r.failed.is_empty() { "success" } else { "failure" }.to_string(),
            details: r.failed.iter().map(Msg::en).collect(),
            seal_sha256: Some(exp.seal_sha256.clone()),
            register_head: Some(cat.register.head.clone()),
            journal_head: exp
                .key
                .split_once('/')
                .and_then(|(s, _)| cat.archive.system(s))
                .map(|s| s.journal.head.clone()),
            prev: None,
        });
        out.push(r);
    }
    let lock = crate::records::register::lock(&cat.root, "replicating", std::time::Duration::from_secs(60))?;
    for e in &mut events {
        fixity_log::append(&cat.root, e).map_err(|err| Msg::from(format!("{}: {err}", fixity_log::LOG)))?;
    }
    let mut records = Vec::new();
    let names = crate::records::files(&cat.archive);
    for name in names {
        if !cat.root.join(&name).exists() {
            continue;
        }
        match crate::atomic::copy_confined(&cat.root, &replica, &name) {
            Ok(()) => records.push(Msg::new("replicate-record-copied", crate::args! { "record" => name })),
            Err(e) => {
                let args = crate::args! { "record" => name, "why" => why_not_copied(&e) };
                records.push(Msg::new("replicate-record-not-copied", args));
            }
        }
    }
    drop(lock);
    Ok(Replication { deposits: out, records, warnings })
}

/// Copies one deposit, never from an original that differs from the register.
fn replicate_one(root: &Path, replica: &Path, exp: &Expected) -> Replicated {
    let mut r = Replicated { deposit: exp.key.clone(), copied: 0, unchanged: 0, failed: Vec::new(), skipped: false };
    let sha = |base: &Path, rel: &str| {
        crate::atomic::confined(base, rel, false)
            .ok()
            .and_then(|p| crate::hash::hash_file(&p).ok())
            .map(|h| crate::hash::hex(&h))
    };
    let seal_rel = format!("{}/{SEAL}", exp.dir);
    let manifest_rel = format!("{}/{MANIFEST}", exp.dir);
    if sha(root, &seal_rel).as_deref() != Some(exp.seal_sha256.as_str())
        || sha(root, &manifest_rel).as_deref() != Some(exp.manifest_sha256.as_str())
    {
        r.failed.push(Msg::new("replicate-original-unregistered", crate::args! {}));
        return r;
    }
    // What a replication killed midway left behind.
    if crate::atomic::is_confined_folder(replica, &exp.dir) {
        crate::atomic::sweep_tree(&replica.join(&exp.dir));
    }
    let manifest = std::fs::read_to_string(root.join(&manifest_rel))
        .ok()
        .and_then(|t| crate::records::seal::parse_manifest(&t).ok())
        .unwrap_or_default();
    let mut files: Vec<(String, String)> = manifest.into_iter().map(|(h, p)| (h, format!("{}/{p}", exp.dir))).collect();
    files.push((exp.manifest_sha256.clone(), manifest_rel));
    files.push((exp.seal_sha256.clone(), seal_rel));
    for (want, rel) in &files {
        if sha(replica, rel).as_deref() == Some(want.as_str()) {
            r.unchanged += 1;
            continue;
        }
        if sha(root, rel).as_deref() != Some(want.as_str()) {
            r.failed.push(Msg::new("replicate-original-differs", crate::args! { "file" => rel.as_str() }));
            continue;
        }
        match crate::atomic::copy_confined(root, replica, rel) {
            Ok(()) if sha(replica, rel).as_deref() == Some(want.as_str()) => r.copied += 1,
            Ok(()) => r.failed.push(Msg::new("replicate-copy-differs", crate::args! { "file" => rel.as_str() })),
            Err(e) => {
                let args = crate::args! { "file" => rel.as_str(), "why" => why_not_copied(&e) };
                r.failed.push(Msg::new("replicate-file-not-copied", args));
            }
        }
    }
    r
}
