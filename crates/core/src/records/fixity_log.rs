//! The fixity log (`fixity-log.jsonl` beside site.toml, D1124-53): one JSON object per line
//! for every deposit checked by `qoima fixity` (PREMIS eventType "fixity check") and every
//! deposit copied by `qoima replicate` ("replication"), with the date, the agent, the deposit,
//! files, bytes, outcome and details, the heads of the depository register and of the system's
//! journal at that moment, and `prev`, the SHA-256 of the line before (a hash chain). Each line
//! is written whole and flushed to disk, so a run killed midway leaves whole lines only.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{GENESIS, entry_hash};
use crate::finding::{Finding, Severity, house};
use crate::model::Deposit;

/// The log's file, beside site.toml.
pub const LOG: &str = "fixity-log.jsonl";
/// PREMIS eventType of a full re-hash.
pub const FIXITY_CHECK: &str = "fixity check";
/// PREMIS eventType of a copy made and verified in the replica.
pub const REPLICATION: &str = "replication";

fn fixity_check() -> String {
    FIXITY_CHECK.to_string()
}

/// One event of the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FixityEvent {
    /// PREMIS eventType: `fixity check` or `replication`.
    #[serde(default = "fixity_check")]
    pub event_type: String,
    /// ISO date of the check.
    pub date: NaiveDate,
    /// Who or what ran it.
    pub agent: String,
    /// `system/version`.
    pub deposit: String,
    /// The depository number of the deposit.
    pub number: String,
    /// Files of the deposit's manifest: those checked by a fixity check; those copied or found
    /// unchanged by a replication.
    pub files: u64,
    /// Bytes read and hashed by a fixity check; 0 for a replication.
    pub bytes: u64,
    /// `success`, `repaired` (every damaged file restored from a good copy) or `failure`.
    pub outcome: String,
    /// Every file that differs, is missing or was added, with what is wrong.
    pub details: Vec<String>,
    /// The SHA-256 of the deposit's seal.yaml that the register holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_sha256: Option<String>,
    /// The head of the depository register when the event was logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_head: Option<String>,
    /// The head of the system's journal when the event was logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal_head: Option<String>,
    /// The SHA-256 of the line before (64 zeros for the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
}

/// The fixity log as read, with the latest event of each deposit found by its system and
/// version (every page and report asks for it, deposit by deposit).
#[derive(Debug, Default)]
pub struct Log {
    /// Oldest first, with the 1-based line each was read from.
    pub events: Vec<FixityEvent>,
    /// The line of each event.
    pub lines: Vec<u32>,
    /// Lines that cannot be read, breaks of the chain.
    pub findings: Vec<Finding>,
    /// The hash of the last line (GENESIS when empty).
    pub head: String,
    /// By system, by version: the place of the deposit's latest fixity check and replication.
    latest: HashMap<String, HashMap<String, Latest>>,
}

/// The places of a deposit's latest fixity check and latest replication in the log.
#[derive(Debug, Default, Clone, Copy)]
struct Latest {
    check: Option<usize>,
    replication: Option<usize>,
}

impl Log {
    /// The log beside site.toml in `root` (empty when there is none).
    pub fn read(root: &Path) -> Log {
        match fs::read(root.join(LOG)) {
            Ok(bytes) => Log::parse(&String::from_utf8_lossy(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Log::of(Vec::new()),
            Err(e) => {
                Log { findings: vec![super::unreadable(LOG, "fixity-log-unreadable", &e)], ..Log::of(Vec::new()) }
            }
        }
    }

    /// Reads the log's text.
    pub fn parse(text: &str) -> Log {
        let mut events = Vec::new();
        let mut lines = Vec::new();
        let mut findings = Vec::new();
        let mut expected = GENESIS.to_string();
        let mut chained = false;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let at = crate::yaml::Pos::new(n, 1);
            let hash = entry_hash(line);
            match serde_json::from_str::<FixityEvent>(line) {
                Ok(e) => {
                    match &e.prev {
                        Some(p) if *p == expected => chained = true,
                        // Lines written before the log was chained stand before the first link.
                        None if !chained => {}
                        _ => findings.push(
                            Finding::with_id(Severity::Error, "D1124-53", LOG, "fixity-chain-broken", crate::args! {})
                                .at(at),
                        ),
                    }
                    events.push(e);
                    lines.push(n);
                }
                Err(e) => findings.push(
                    Finding::with_id(
                        Severity::Error,
                        house::RECORD,
                        LOG,
                        "fixity-line-unreadable",
                        crate::args! { "error" => e.to_string() },
                    )
                    .at(at),
                ),
            }
            expected = hash;
        }
        let mut log = Log::of(events);
        log.lines = lines;
        log.findings = findings;
        log.head = expected;
        log
    }

    /// A log of these events (no findings).
    pub fn of(events: Vec<FixityEvent>) -> Log {
        let mut latest: HashMap<String, HashMap<String, Latest>> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            if let Some((system, version)) = e.deposit.split_once('/') {
                let slot = latest.entry(system.to_string()).or_default().entry(version.to_string()).or_default();
                if e.event_type == REPLICATION {
                    slot.replication = Some(i);
                } else {
                    slot.check = Some(i);
                }
            }
        }
        let lines = (1..=events.len()).map(|n| u32::try_from(n).unwrap_or(u32::MAX)).collect();
        Log { events, lines, findings: Vec::new(), head: GENESIS.to_string(), latest }
    }

    fn slot(&self, deposit: &Deposit) -> Option<Latest> {
        self.latest.get(deposit.system.as_str())?.get(deposit.version.as_str()).copied()
    }

    /// The latest fixity check of a deposit.
    pub fn latest(&self, deposit: &Deposit) -> Option<&FixityEvent> {
        self.events.get(self.slot(deposit)?.check?)
    }

    /// The latest replication of a deposit.
    pub fn replicated(&self, deposit: &Deposit) -> Option<&FixityEvent> {
        self.events.get(self.slot(deposit)?.replication?)
    }
}

/// Appends one event, chained to the log's last line, with one write, flushed to disk. The
/// caller holds the records' lock.
pub fn append(root: &Path, event: &mut FixityEvent) -> std::io::Result<()> {
    let path = root.join(LOG);
    let prev = match fs::read(&path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            text.lines().rev().find(|l| !l.trim().is_empty()).map(entry_hash).unwrap_or_else(|| GENESIS.to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => GENESIS.to_string(),
        Err(e) => return Err(e),
    };
    event.prev = Some(prev);
    let mut line = serde_json::to_string(event).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut f = fs::OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(line.as_bytes())?;
    f.sync_data()
}

/// What a fixity check says, by key: the English the fixity log keeps, with `{…}` placeholders.
/// A file's problem is said after its path (`{path}: …`), a replica's with ` (replica)` after
/// it. The catalogue says each in its language by the theme's `fixity_said_<key>`, also for
/// logs written before (their English is recognized by these templates).
pub const SAID: &[(&str, &str)] = &[
    ("differs", "SHA-256 differs from the manifest"),
    ("missing", "missing"),
    ("symlink", "a symbolic link; never read through"),
    ("not_regular", "no longer a regular file"),
    ("unreadable", "cannot be read: {error}"),
    ("not_registered", "differs from the one the depository register holds"),
    ("not_utf8", "not UTF-8"),
    ("added", "added after sealing"),
    ("folder_missing", "the deposit folder is missing from the archive"),
    ("no_manifest", "no copy holds the registered manifest: the files cannot be verified (loss)"),
    ("unregistered", "sealed, but not in the depository register ({register}): nothing proves what was sealed"),
    ("both_match", "both copies match"),
    ("repaired", "repaired from the replica"),
    ("repair_unverified", "repair from the replica did not verify"),
    ("repair_failed", "repair failed: {error}"),
    ("replica_repaired", "replica repaired from the original"),
    ("replica_repair_unverified", "replica repair did not verify"),
    ("replica_repair_failed", "replica repair failed: {error}"),
    ("no_replica", "loss — no replica is configured"),
    ("no_copy_matches", "loss — no copy matches the register; nothing was changed"),
    ("added_left", "files added after sealing are left for the operator"),
    ("not_in_manifest", "not in the registered manifest; left for the operator"),
];

/// A detail of the fixity log in the language of the theme's words `t`: the path, what was
/// found and whether in the replica, each part by [`SAID`]; a detail none of them made stays
/// as logged.
pub fn say(detail: &str, t: &toml::Table) -> String {
    let word = |key: &str, args: &crate::template::Args| {
        let word = t.get(&format!("fixity_said_{key}")).and_then(|w| w.as_str())?;
        Some(crate::template::fill(word, args))
    };
    say_by(detail, word, crate::template::word(t, "fixity_replica"))
}

/// A detail of the fixity log as the terminal shows it in `lang`: each part by the message
/// `fixity-said-<key>` of [`SAID`]'s key; a detail none of them made stays as logged.
pub fn say_in(detail: &str, lang: crate::messages::Lang) -> String {
    let word = |key: &str, args: &crate::template::Args| {
        let args: crate::messages::Args =
            args.iter().map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str()))).collect();
        Some(crate::messages::text(lang, &format!("fixity-said-{}", key.replace('_', "-")), &args))
    };
    say_by(detail, word, &crate::messages::text(lang, "fixity-said-replica", &crate::messages::Args::new()))
}

/// A detail said by `word` (a [`SAID`] key and its arguments) and the word for the replica.
fn say_by(detail: &str, word: impl Fn(&str, &crate::template::Args) -> Option<String>, replica: &str) -> String {
    let in_words = |what: &str| -> Option<String> {
        SAID.iter().find_map(|(key, template)| word(key, &crate::template::recognize(template, what)?))
    };
    let of_file = |what: &str| -> Option<String> {
        match what.strip_suffix(" (replica)") {
            Some(what) => Some(format!("{} ({replica})", in_words(what)?)),
            None => in_words(what),
        }
    };
    if let Some(whole) = in_words(detail) {
        return whole;
    }
    detail
        .split_once(": ")
        .and_then(|(path, what)| Some(format!("{path}: {}", of_file(what)?)))
        .unwrap_or_else(|| detail.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(deposit: &str, event_type: &str, outcome: &str) -> FixityEvent {
        FixityEvent {
            event_type: event_type.into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            agent: "test".into(),
            deposit: deposit.into(),
            number: "1".into(),
            files: 1,
            bytes: 1,
            outcome: outcome.into(),
            details: Vec::new(),
            seal_sha256: None,
            register_head: None,
            journal_head: None,
            prev: None,
        }
    }

    /// The latest event of a deposit is the last one the log holds for it.
    #[test]
    fn the_latest_event_of_each_deposit() {
        let log = Log::of(vec![
            event("is-a/1.0", FIXITY_CHECK, "failure"),
            event("is-b/1.0", FIXITY_CHECK, "success"),
            event("is-a/1.0", FIXITY_CHECK, "repaired"),
            event("is-a/1.0", REPLICATION, "success"),
        ]);
        let deposit = |system: &str, version: &str| Deposit {
            system: system.into(),
            version: version.into(),
            dir: String::new(),
            doc: None,
            files: Vec::new(),
            components: Default::default(),
            seal: None,
            sealed: None,
        };
        assert_eq!(log.latest(&deposit("is-a", "1.0")).map(|e| e.outcome.as_str()), Some("repaired"));
        assert_eq!(log.replicated(&deposit("is-a", "1.0")).map(|e| e.event_type.as_str()), Some(REPLICATION));
        assert_eq!(log.latest(&deposit("is-b", "1.0")).map(|e| e.outcome.as_str()), Some("success"));
        assert!(log.replicated(&deposit("is-b", "1.0")).is_none());
        assert!(log.latest(&deposit("is-a", "2.0")).is_none());
        assert!(log.latest(&deposit("is-c", "1.0")).is_none());
    }

    #[test]
    fn the_chain_finds_an_edited_or_removed_line_and_unreadable_lines_are_findings() {
        let dir = tempfile::tempdir().unwrap();
        for outcome in ["success", "failure", "success"] {
            append(dir.path(), &mut event("is-a/1.0", FIXITY_CHECK, outcome)).unwrap();
        }
        let text = fs::read_to_string(dir.path().join(LOG)).unwrap();
        let log = Log::parse(&text);
        assert!(log.findings.is_empty(), "{:?}", log.findings);
        assert_eq!(log.events.len(), 3);
        assert_eq!(log.head, entry_hash(text.lines().last().unwrap()));
        let edited = text.replacen("failure", "success", 1);
        assert_eq!(Log::parse(&edited).findings.len(), 1);
        let lines: Vec<&str> = text.lines().collect();
        let removed = format!("{}\n{}\n", lines[0], lines[2]);
        assert_eq!(Log::parse(&removed).findings.len(), 1);
        let garbled = format!("{text}{{\"date\": \n");
        let log = Log::parse(&garbled);
        assert_eq!(log.events.len(), 3);
        assert!(log.findings.iter().any(|f| f.rule == house::RECORD && f.line == Some(4)));
    }
}
