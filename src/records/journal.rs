//! A system's journal (`archive/<system>/journal.yaml`): what happened to the system and its
//! deposits after they were sealed — the depository number (written by `qoima seal`), the
//! certificate, yearly notices, a decommissioning, the hand-over, the transfer to the archive,
//! the conclusions `qoima examine` added — appended by `qoima record`, never rewritten.
//!
//! It is a YAML list with one entry per line, each a flow mapping with the fields of an event
//! (`kind`, `date`, `number`, …), `deposit:` naming the version folder the entry is about
//! (none: the system's register record), `sha256:` of the `document` it records when the
//! depository added that file to a sealed deposit, and `prev:` the SHA-256 of the entry line
//! before (64 zeros for the first). `check` reads the entries as the events of the deposit or
//! system they name, exactly as those of deposit.yaml and system.yaml.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use super::{GENESIS, Links, entry_hash, is_sha256_hex};
use crate::finding::{Finding, house};
use crate::meta::Event;
use crate::yaml::Pos;

/// The journal's file name in a system folder.
pub const JOURNAL: &str = "journal.yaml";

/// The kind of entry that records a file the depository itself added to a sealed deposit (a
/// verification conclusion, a rebuild log), with its `document` path and `sha256`. It is no
/// event of a rulebook: the rules of events pass it by.
pub const FILE_RECORDED: &str = "file_recorded";

/// The first lines of a new journal.
const HEADER: &str = "# The journal of this system (D1124-41, D1124-47): what happened after its deposits were sealed.\n# Appended by `qoima seal`, `qoima record` and `qoima examine`; one entry per line, each naming the\n# SHA-256 of the line before (`prev`). Never edit or remove a line: `qoima check` finds it.\n";

/// The head of the site's journal, beside site.toml: the depository's own events.
pub const SITE_HEADER: &str = "# The journal of the depository itself (O146-13): the operator's half-year reports to the authorized body.\n# Appended by `qoima record . KIND`; one entry per line, each naming the SHA-256 of the line before\n# (`prev`). Never edit or remove a line: `qoima check` finds it.\n";

/// A journal as read.
#[derive(Debug, Default, Clone)]
pub struct Journal {
    /// The entries in order; their positions point into the journal.
    pub entries: Vec<Event>,
    /// Lines that cannot be read, and breaks of the chain.
    pub findings: Vec<Finding>,
    /// The hash of the last entry line (GENESIS when there is none).
    pub head: String,
    /// The hash of every entry line.
    pub links: Links,
}

fn is_entry(line: &str) -> bool {
    !line.starts_with('#') && !line.trim().is_empty()
}

impl Journal {
    /// An empty journal (a system that has none).
    pub fn empty() -> Journal {
        Journal { head: GENESIS.to_string(), ..Journal::default() }
    }

    /// Reads a journal's text; `rel` is its path relative to the site root, for findings.
    pub fn parse(text: &str, rel: &str) -> Journal {
        let mut journal = Journal::empty();
        let mut expected_prev = GENESIS.to_string();
        let mut offset = 0usize;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            if !is_entry(line) {
                continue;
            }
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let hash = entry_hash(line);
            let at = |column: u32| Pos { line: n, column, offset: None, journal: false };
            let parsed = match line.strip_prefix("- ") {
                Some(body) if body.starts_with('{') => crate::yaml::parse::<Event>(body).map_err(|e| {
                    let pos = if e.pos.is_known() { at(e.pos.column + 2) } else { at(1) };
                    (pos, format!("this journal entry cannot be read: {}", e.message))
                }),
                _ => Err((at(1), "a journal entry is one line `- {kind: …, date: …, prev: …}`".to_string())),
            };
            let mut event = match parsed {
                Ok(ev) => ev,
                Err((pos, message)) => {
                    journal.findings.push(
                        Finding::error(house::RECORD, rel, format!("{message}; restore the journal from the replica"))
                            .at(pos),
                    );
                    expected_prev = hash.clone();
                    journal.links.add(hash);
                    continue;
                }
            };
            for pos in event.positions_mut() {
                // Parsed alone, the line's values are on line 1, two columns to the left.
                *pos = Pos {
                    line: n,
                    column: pos.column + 2,
                    offset: pos.offset.and_then(|o| u32::try_from(start + 2 + o as usize).ok()),
                    journal: true,
                };
            }
            match &event.prev {
                Some(prev) if prev.value == expected_prev => {}
                Some(prev) => journal.findings.push(
                    Finding::error(
                        "D1124-41",
                        rel,
                        format!(
                            "the journal's chain is broken here: this entry names {} as the entry before it, but that entry hashes to {}; an entry above was changed, removed or moved — compare the journal with the replica's copy and restore it",
                            super::register::short(&prev.value),
                            super::register::short(&expected_prev)
                        ),
                    )
                    .at(at(prev.pos.column)),
                ),
                None => journal.findings.push(
                    Finding::error(
                        "D1124-41",
                        rel,
                        "this journal entry has no `prev:` (the SHA-256 of the entry before): entries are appended by `qoima record`, never written by hand",
                    )
                    .at(at(1)),
                ),
            }
            if let Some(sum) = &event.sha256
                && !is_sha256_hex(&sum.value)
            {
                journal.findings.push(
                    Finding::error(house::RECORD, rel, "`sha256:` is not a SHA-256 in lowercase hex")
                        .at(at(sum.pos.column)),
                );
            }
            expected_prev = hash.clone();
            journal.links.add(hash);
            journal.entries.push(event);
        }
        journal.head = expected_prev;
        journal
    }

    /// Reads `journal.yaml` of the system folder `abs` (an empty journal when there is none).
    pub fn read(abs: &Path, rel: &str) -> Journal {
        match fs::read(abs.join(JOURNAL)) {
            Ok(bytes) => Journal::parse(&String::from_utf8_lossy(&bytes), rel),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Journal::empty(),
            Err(e) => Journal {
                findings: vec![Finding::error(house::IO, rel, format!("the journal cannot be read: {e}"))],
                ..Journal::empty()
            },
        }
    }

    /// The entries about one deposit (its version folder).
    pub fn of_deposit<'j>(&'j self, version: &'j str) -> impl Iterator<Item = &'j Event> + 'j {
        self.entries.iter().filter(move |e| e.deposit.as_ref().is_some_and(|d| d.value == version))
    }
}

/// One entry to append: the event's kind and date and its particulars.
#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    /// The version folder, for an entry about a deposit.
    pub deposit: Option<String>,
    pub kind: String,
    pub date: Option<NaiveDate>,
    pub number: Option<String>,
    pub reasons: Vec<String>,
    pub authorized_body_notified: Option<bool>,
    pub year: Option<i32>,
    pub half: Option<u8>,
    pub outcome: Option<String>,
    pub by: Option<String>,
    pub to: Option<String>,
    pub document: Option<String>,
    pub sha256: Option<String>,
    pub note: Option<String>,
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl NewEntry {
    /// The entry's line, chained to `prev`.
    pub fn to_line(&self, prev: &str) -> String {
        let mut fields: Vec<String> = Vec::new();
        if let Some(d) = &self.deposit {
            fields.push(format!("deposit: {}", quoted(d)));
        }
        fields.push(format!("kind: {}", quoted(&self.kind)));
        if let Some(d) = self.date {
            fields.push(format!("date: {d}"));
        }
        let text = [
            ("number", &self.number),
            ("outcome", &self.outcome),
            ("by", &self.by),
            ("to", &self.to),
            ("document", &self.document),
            ("sha256", &self.sha256),
        ];
        for (key, value) in text {
            if let Some(v) = value {
                fields.push(format!("{key}: {}", quoted(v)));
            }
        }
        if !self.reasons.is_empty() {
            let list: Vec<String> = self.reasons.iter().map(|r| quoted(r)).collect();
            fields.push(format!("reasons: [{}]", list.join(", ")));
        }
        if let Some(y) = self.year {
            fields.push(format!("year: {y}"));
        }
        if let Some(h) = self.half {
            fields.push(format!("half: {h}"));
        }
        if let Some(b) = self.authorized_body_notified {
            fields.push(format!("authorized_body_notified: {b}"));
        }
        if let Some(n) = &self.note {
            fields.push(format!("note: {}", quoted(n)));
        }
        fields.push(format!("prev: {}", quoted(prev)));
        format!("- {{{}}}", fields.join(", "))
    }
}

/// The journal's text as it would be with `entry` appended, the entry's line and its 1-based
/// line number: what `record` checks before it writes.
pub fn with_entry(text: &str, entry: &NewEntry) -> (String, String, u32) {
    let base = if text.is_empty() { HEADER } else { text };
    let line = entry.to_line(&super::head_of(base, is_entry));
    let mut new_text = base.to_string();
    if !new_text.ends_with('\n') {
        new_text.push('\n');
    }
    let n = u32::try_from(new_text.lines().count() + 1).unwrap_or(u32::MAX);
    new_text.push_str(&line);
    new_text.push('\n');
    (new_text, line, n)
}

/// The journal's text as on disk now (empty when there is none).
pub fn current_text(system_abs: &Path) -> Result<String, String> {
    let path = system_abs.join(JOURNAL);
    match fs::read(&path) {
        Ok(b) => String::from_utf8(b).map_err(|_| format!("{}: the journal is not valid UTF-8", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Appends an entry to the journal of the system folder `system_abs`, under the records' lock
/// (the caller holds it). The file is written whole beside itself and renamed: a crash leaves
/// the journal with or without the entry, never half of it. Returns the line written.
pub fn append(system_abs: &Path, entry: &NewEntry) -> Result<String, String> {
    let text = current_text(system_abs)?;
    let (new_text, line, _) = with_entry(&text, entry);
    let path = system_abs.join(JOURNAL);
    crate::atomic::write(&path, new_text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, note: &str) -> NewEntry {
        NewEntry {
            deposit: Some("3.3".into()),
            kind: kind.into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1),
            number: Some("№ 7 \"А\"".into()),
            note: Some(note.into()),
            reasons: vec!["бір".into(), "two: \\ three".into()],
            year: Some(2026),
            authorized_body_notified: Some(true),
            ..NewEntry::default()
        }
    }

    #[test]
    fn entries_read_back_with_their_positions_and_the_chain_holds() {
        let (text, line, n) = with_entry("", &entry("depository_certificate", "line\nbreak\ttab"));
        let (text, _, m) = with_entry(&text, &entry("yearly_notice", "екінші"));
        assert_eq!(m, n + 1);
        let j = Journal::parse(&text, "archive/s/journal.yaml");
        assert!(j.findings.is_empty(), "{:?}", j.findings);
        assert_eq!(j.entries.len(), 2);
        let first = &j.entries[0];
        assert_eq!(first.kind.value, "depository_certificate");
        assert_eq!(first.number.as_ref().unwrap().value, "№ 7 \"А\"");
        assert_eq!(first.note.as_ref().unwrap().value, "line\nbreak\ttab");
        assert_eq!(first.reasons[1].value, "two: \\ three");
        assert!(first.kind.pos.journal && first.kind.pos.line == n);
        let column = line.find("\"depository_certificate\"").unwrap() as u32 + 1;
        assert_eq!(first.kind.pos.column, column, "{line}");
        assert_eq!(j.head, entry_hash(text.lines().last().unwrap()));
        assert_eq!(j.of_deposit("3.3").count(), 2);
        // An edited entry breaks the chain at the next one.
        let edited = text.replace("2026-12-01, number", "2026-12-02, number");
        let broken = Journal::parse(&edited, "j");
        assert_eq!(broken.findings.len(), 1, "{:?}", broken.findings);
        assert!(broken.findings.iter().all(|f| f.message.contains("chain is broken")));
        // A line that is not an entry is a finding; the others are still read.
        let bad = text.replacen("- {deposit", "- {deposit: [", 1);
        let j = Journal::parse(&bad, "j");
        assert_eq!(j.entries.len(), 1);
        assert!(j.findings.iter().any(|f| f.rule == house::RECORD && f.line == Some(n)), "{:?}", j.findings);
    }
}
