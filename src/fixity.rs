//! `qoima fixity`: re-hash sealed deposits in full, and keep an append-only log of the
//! outcomes (D1124-53: the media are checked periodically).
//!
//! The log (`fixity-log.jsonl` beside site.toml) holds one JSON object per deposit and run, with
//! PREMIS-style fields: the event date, the agent, the deposit, files, bytes, outcome and
//! details. Each line is written with one append and flushed to disk, so a run killed midway
//! leaves whole lines only.

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
    /// `success` or `failure`.
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

fn append(root: &Path, event: &FixityEvent) -> std::io::Result<()> {
    let mut line = serde_json::to_string(event).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut f = fs::OpenOptions::new().create(true).append(true).open(root.join(LOG))?;
    f.write_all(line.as_bytes())?;
    f.sync_data()
}

/// Re-hashes one sealed deposit in full.
pub fn verify(root: &Path, deposit: &Deposit) -> (u64, u64, Vec<String>) {
    let Some(seal) = &deposit.seal else { return (0, 0, vec!["not sealed".into()]) };
    let dir = root.join(&deposit.dir);
    let present = sealed_files(deposit);
    let mut details: Vec<String> = present
        .iter()
        .filter(|p| !seal.manifest.iter().any(|(_, m)| m == *p))
        .map(|p| format!("{p}: added after sealing"))
        .collect();
    let checked: Vec<(u64, Option<String>)> = seal
        .manifest
        .par_iter()
        .map(|(want, rel)| {
            let path = dir.join(rel);
            match fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_file() => match hash_file(&path) {
                    Ok(d) if hex(&d) == *want => (m.len(), None),
                    Ok(_) => (m.len(), Some(format!("{rel}: SHA-256 differs from the manifest"))),
                    Err(e) => (0, Some(format!("{rel}: cannot be read: {e}"))),
                },
                Ok(_) => (0, Some(format!("{rel}: no longer a regular file"))),
                Err(_) => (0, Some(format!("{rel}: missing"))),
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
pub fn run(cat: &Catalog, agent: &str, select: &Selection, progress: bool) -> Result<Vec<FixityEvent>, String> {
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
        let (files, bytes, details) = verify(&cat.root, d);
        bar.inc(d.files.iter().map(|f| f.size).sum());
        let event = FixityEvent {
            date: cat.today,
            agent: agent.to_string(),
            deposit: d.key(),
            number: d.seal.as_ref().map(|s| s.record.number.clone()).unwrap_or_default(),
            files,
            bytes,
            outcome: if details.is_empty() { "success".into() } else { "failure".into() },
            details,
        };
        append(&cat.root, &event).map_err(|e| format!("{LOG}: {e}"))?;
        events.push(event);
    }
    bar.finish_and_clear();
    Ok(events)
}
