//! `qoima fixity`: re-hash sealed deposits in full, and keep an append-only log of the
//! outcomes (D1124-53: the media are checked periodically).
//!
//! The log (`fixity-log.jsonl` beside site.toml) holds one JSON object per deposit and run, with
//! PREMIS-style fields: the event date, the agent, the deposit, files, bytes, outcome and
//! details. Each line is written with one append and flushed to disk, so a run killed midway
//! leaves whole lines only.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::model::Deposit;
use crate::seal::{hash_file, hex, sealed_files};

pub const LOG: &str = "fixity-log.jsonl";

/// One fixity event (PREMIS: eventType "fixity check").
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FixityEvent {
    /// ISO date of the check.
    pub date: NaiveDate,
    /// Who or what ran it.
    pub agent: String,
    /// `system/version`.
    pub deposit: String,
    /// The depository number of the deposit.
    pub number: String,
    pub files: u64,
    pub bytes: u64,
    /// `success`, `repaired` (every damaged file restored from a good copy) or `failure`.
    pub outcome: String,
    /// Every file that differs, is missing or was added, with what is wrong.
    pub details: Vec<String>,
}

/// The log's events, oldest first (lines that do not parse are skipped).
pub fn read_log(root: &Path) -> Vec<FixityEvent> {
    fs::read_to_string(root.join(LOG))
        .map(|t| t.lines().filter_map(|l| serde_json::from_str(l).ok()).collect())
        .unwrap_or_default()
}

/// The fixity log as read, with the latest event of each deposit found by its system and
/// version (every page and report asks for it, deposit by deposit).
#[derive(Debug, Default)]
pub struct Log {
    /// Oldest first.
    pub events: Vec<FixityEvent>,
    /// By system, by version: the place of the deposit's latest event.
    latest: HashMap<String, HashMap<String, usize>>,
}

impl Log {
    /// The log beside site.toml in `root` (empty when there is none).
    pub fn read(root: &Path) -> Log {
        Log::of(read_log(root))
    }

    pub fn of(events: Vec<FixityEvent>) -> Log {
        let mut latest: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            if let Some((system, version)) = e.deposit.split_once('/') {
                latest.entry(system.to_string()).or_default().insert(version.to_string(), i);
            }
        }
        Log { events, latest }
    }

    /// The latest fixity check of a deposit.
    pub fn latest(&self, deposit: &Deposit) -> Option<&FixityEvent> {
        let i = self.latest.get(deposit.system.as_str())?.get(deposit.version.as_str())?;
        self.events.get(*i)
    }
}

fn append(root: &Path, event: &FixityEvent) -> std::io::Result<()> {
    let mut line = serde_json::to_string(event).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut f = fs::OpenOptions::new().create(true).append(true).open(root.join(LOG))?;
    f.write_all(line.as_bytes())?;
    f.sync_data()
}

/// Re-hashes one sealed deposit in full, in the site root `root` (the archive or its replica):
/// files, bytes, and every problem as (path, what is wrong).
/// `progress` is told the size of each file hashed.
pub fn verify(root: &Path, deposit: &Deposit, progress: &(dyn Fn(u64) + Sync)) -> (u64, u64, Vec<(String, String)>) {
    let Some(seal) = &deposit.seal else { return (0, 0, vec![(String::new(), "not sealed".into())]) };
    let dir = root.join(&deposit.dir);
    let present = sealed_files(deposit);
    let in_manifest: std::collections::HashSet<&str> = seal.manifest.iter().map(|(_, p)| p.as_str()).collect();
    let mut details: Vec<(String, String)> = present
        .iter()
        .filter(|p| !in_manifest.contains(*p))
        .map(|p| (p.to_string(), "added after sealing".to_string()))
        .collect();
    let checked: Vec<(u64, Option<(String, String)>)> = seal
        .manifest
        .par_iter()
        .map(|(want, rel)| {
            let path = dir.join(rel);
            match fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_file() => match hash_file(&path).inspect(|_| progress(m.len())) {
                    Ok(d) if hex(&d) == *want => (m.len(), None),
                    Ok(_) => (m.len(), Some((rel.clone(), "SHA-256 differs from the manifest".to_string()))),
                    Err(e) => (0, Some((rel.clone(), format!("cannot be read: {e}")))),
                },
                Ok(_) => (0, Some((rel.clone(), "no longer a regular file".to_string()))),
                Err(_) => (0, Some((rel.clone(), "missing".to_string()))),
            }
        })
        .collect();
    let bytes = checked.iter().map(|(b, _)| b).sum();
    details.extend(checked.into_iter().filter_map(|(_, d)| d));
    (seal.manifest.len() as u64, bytes, details)
}

/// Which sealed deposits a run checks.
pub struct Selection {
    /// Only deposits not checked within this many days (or never).
    pub older_than_days: Option<u32>,
    /// Only this share of the sealed deposits, those checked longest ago first.
    pub sample_percent: Option<u8>,
}

/// Runs a fixity check; returns the events it logged.
pub fn run(
    cat: &Catalog,
    agent: &str,
    select: &Selection,
    repair: bool,
    progress: bool,
) -> Result<Vec<FixityEvent>, String> {
    let log = read_log(&cat.root);
    let last = |key: &str| log.iter().filter(|e| e.deposit == key).map(|e| e.date).max();
    let mut sealed: Vec<&Deposit> = cat.archive.deposits().map(|(_, d)| d).filter(|d| d.seal.is_some()).collect();
    if let Some(days) = select.older_than_days {
        let cutoff = cat.today - chrono::Duration::days(i64::from(days));
        sealed.retain(|d| last(&d.key()).is_none_or(|l| l < cutoff));
    }
    sealed.sort_by_key(|d| (last(&d.key()), d.key()));
    if let Some(p) = select.sample_percent {
        let n = (sealed.len() * usize::from(p.min(100))).div_ceil(100);
        sealed.truncate(n);
    }
    let total: u64 = sealed.iter().flat_map(|d| d.files.iter()).map(|f| f.size).sum();
    let bar = if progress {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut events = Vec::new();
    for d in sealed {
        bar.set_message(d.key());
        let (files, bytes, mut problems) = verify(&cat.root, d, &|n| bar.inc(n));
        let replica = crate::replica::replica_root(cat).filter(|_| crate::replica::copy_permitted(d));
        if let Some(r) = &replica {
            let (_, _, p) = verify(r, d, &|_| {});
            // Added files are a matter of the original; the replica holds what was copied.
            problems.extend(
                p.into_iter()
                    .filter(|(_, what)| what != "added after sealing")
                    .map(|(path, what)| (path, format!("{what} (replica)"))),
            );
        }
        let mut details: Vec<String> = problems.iter().map(|(p, w)| format!("{p}: {w}")).collect();
        let mut outcome = if problems.is_empty() { "success" } else { "failure" };
        if repair && !problems.is_empty() {
            let manifest = &d.seal.as_ref().map(|s| s.manifest.clone()).unwrap_or_default();
            let mut paths: Vec<&String> = problems.iter().map(|(p, _)| p).collect();
            paths.sort();
            paths.dedup();
            let mut all_repaired = true;
            for path in paths {
                match manifest.iter().find(|(_, p)| p == path) {
                    Some((want, _)) => {
                        let done = crate::replica::repair(cat, d, path, want);
                        all_repaired &= done.contains("repaired") || done.contains("both copies match");
                        details.push(done);
                    }
                    None => {
                        all_repaired = false;
                        details.push(format!("{path}: not in the manifest; left for the operator"));
                    }
                }
            }
            if all_repaired {
                outcome = "repaired";
            }
        }
        let event = FixityEvent {
            date: cat.today,
            agent: agent.to_string(),
            deposit: d.key(),
            number: d.seal.as_ref().map(|s| s.record.number.clone()).unwrap_or_default(),
            files,
            bytes,
            outcome: outcome.to_string(),
            details,
        };
        append(&cat.root, &event).map_err(|e| format!("{LOG}: {e}"))?;
        events.push(event);
    }
    bar.finish_and_clear();
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(deposit: &str, outcome: &str) -> FixityEvent {
        FixityEvent {
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            agent: "test".into(),
            deposit: deposit.into(),
            number: "1".into(),
            files: 1,
            bytes: 1,
            outcome: outcome.into(),
            details: Vec::new(),
        }
    }

    /// The latest event of a deposit is the last one the log holds for it.
    #[test]
    fn the_latest_event_of_each_deposit() {
        let log =
            Log::of(vec![event("is-a/1.0", "failure"), event("is-b/1.0", "success"), event("is-a/1.0", "repaired")]);
        let deposit = |system: &str, version: &str| Deposit {
            system: system.into(),
            version: version.into(),
            dir: String::new(),
            doc: None,
            files: Vec::new(),
            components: Default::default(),
            seal: None,
        };
        assert_eq!(log.latest(&deposit("is-a", "1.0")).map(|e| e.outcome.as_str()), Some("repaired"));
        assert_eq!(log.latest(&deposit("is-b", "1.0")).map(|e| e.outcome.as_str()), Some("success"));
        assert!(log.latest(&deposit("is-a", "2.0")).is_none());
        assert!(log.latest(&deposit("is-c", "1.0")).is_none());
    }
}
