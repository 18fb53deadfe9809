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

use super::{GENESIS, entry_hash, is_sha256_hex};
use crate::finding::{Finding, Severity, house};
use crate::meta::Event;
use crate::yaml::{At, Pos};

/// The journal's file name in a system folder.
pub use crate::layout::JOURNAL_FILE as JOURNAL;

/// The kind of entry that records a file the depository itself added to a sealed deposit (a
/// verification conclusion, a rebuild log), with its `document` path and `sha256`. It is no
/// event of a rulebook: the rules of events pass it by.
pub const FILE_RECORDED: &str = "file_recorded";

/// The first lines of a new journal.
const HEADER: &str = "# The journal of this system (D1124-41, D1124-47): what happened after its deposits were sealed.\n# Appended by `qoima seal`, `qoima record` and `qoima examine`; one entry per line, each naming the\n# SHA-256 of the line before (`prev`). Never edit or remove a line: `qoima check` finds it.\n";

/// The head of the site's journal, beside site.toml: the depository's own events.
pub const SITE_HEADER: &str = "# The journal of the depository itself (O146-13): the operator's half-year reports to the authorized body.\n# Appended by `qoima record . KIND`; one entry per line, each naming the SHA-256 of the line before\n# (`prev`). Never edit or remove a line: `qoima check` finds it.\n";

pub use crate::model::Journal;

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
            // The lines qoima writes are read directly (a 10,000-deposit archive has 10,000 of
            // them to read on every check); any other goes through the YAML reader.
            let parsed = read_written(line, n, start).ok_or(()).or_else(|()| read_yaml(line, n, start));
            let event = match parsed {
                Ok(ev) => ev,
                Err((pos, error)) => {
                    let (id, args) = match error {
                        Some(error) => ("journal-entry-unreadable", crate::args! { "error" => error }),
                        None => ("journal-entry-not-a-line", crate::args! {}),
                    };
                    journal.findings.push(Finding::with_id(Severity::Error, house::RECORD, rel, id, args).at(pos));
                    expected_prev = hash.clone();
                    journal.links.add(hash);
                    continue;
                }
            };
            journal.chain(event, hash, &mut expected_prev, rel, at);
        }
        journal.head = expected_prev;
        journal
    }

    /// Takes an entry read from a line whose hash is `hash`: checks its link to the entry
    /// before and its `sha256:`, and makes it the chain's last.
    fn chain(&mut self, event: Event, hash: String, expected_prev: &mut String, rel: &str, at: impl Fn(u32) -> Pos) {
        match &event.prev {
            Some(prev) if prev.value == *expected_prev => {}
            Some(prev) => {
                let args = crate::args! {
                    "named" => super::register::short(&prev.value), "actual" => super::register::short(expected_prev)
                };
                let f = Finding::with_id(Severity::Error, "D1124-41", rel, "journal-chain-broken", args);
                self.findings.push(f.at(at(prev.pos.column)))
            }
            None => {
                let f = Finding::with_id(Severity::Error, "D1124-41", rel, "journal-entry-no-prev", crate::args! {});
                self.findings.push(f.at(at(1)))
            }
        }
        if let Some(sum) = &event.sha256
            && !is_sha256_hex(&sum.value)
        {
            let f = Finding::with_id(Severity::Error, house::RECORD, rel, "journal-sha256-invalid", crate::args! {});
            self.findings.push(f.at(at(sum.pos.column)));
        }
        *expected_prev = hash.clone();
        self.links.add(hash);
        self.entries.push(event);
    }

    /// Reads `journal.yaml` of the system folder `abs` (an empty journal when there is none).
    pub fn read(abs: &Path, rel: &str) -> Journal {
        match fs::read(abs.join(JOURNAL)) {
            Ok(bytes) => Journal::parse(&String::from_utf8_lossy(&bytes), rel),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Journal::empty(),
            Err(e) => Journal { findings: vec![super::unreadable(rel, "journal-unreadable", &e)], ..Journal::empty() },
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
    /// What happened: an event of the rulebook that applies, or [`FILE_RECORDED`].
    pub kind: String,
    /// When it happened; the line has no `date` when None.
    pub date: Option<NaiveDate>,
    /// A number the event gives: journal, registration, depository or certificate number.
    pub number: Option<String>,
    /// Reasons of a return or refusal (D1124-19, D1124-42).
    pub reasons: Vec<String>,
    /// Whether the authorized body was notified (access granted, O146-10).
    pub authorized_body_notified: Option<bool>,
    /// The year a yearly notice is for (D1124-24, D1124-34).
    pub year: Option<i32>,
    /// The half of `year` a half-year report is for: 1 (January–June) or 2 (July–December)
    /// (O146-13).
    pub half: Option<u8>,
    /// Outcome: for a verification conclusion `positive`/`negative`; for a yearly notice
    /// `updated`, `no_updates` or `terminated`.
    pub outcome: Option<String>,
    /// Who did it or signed it.
    pub by: Option<String>,
    /// To whom (e.g. the state body that received the objects).
    pub to: Option<String>,
    /// A scanned letter or act, or a file the depository added: a file of the deposit,
    /// relative to its folder.
    pub document: Option<String>,
    /// SHA-256 of `document` in hex, for a file the depository added to a sealed deposit.
    pub sha256: Option<String>,
    /// Free text (Markdown).
    pub note: Option<String>,
}

/// Writes `s` as a YAML double-quoted string.
fn push_quoted(out: &mut String, s: &str) {
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
}

impl NewEntry {
    /// The entry's line, chained to `prev`.
    pub fn to_line(&self, prev: &str) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(160);
        out.push_str("- {");
        // Each field after the first is preceded by ", ".
        let key = |out: &mut String, key: &str| {
            if out.len() > 3 {
                out.push_str(", ");
            }
            out.push_str(key);
            out.push_str(": ");
        };
        if let Some(d) = &self.deposit {
            key(&mut out, "deposit");
            push_quoted(&mut out, d);
        }
        key(&mut out, "kind");
        push_quoted(&mut out, &self.kind);
        if let Some(d) = self.date {
            key(&mut out, "date");
            let _ = write!(out, "{d}");
        }
        let text = [
            ("number", &self.number),
            ("outcome", &self.outcome),
            ("by", &self.by),
            ("to", &self.to),
            ("document", &self.document),
            ("sha256", &self.sha256),
        ];
        for (name, value) in text {
            if let Some(v) = value {
                key(&mut out, name);
                push_quoted(&mut out, v);
            }
        }
        if !self.reasons.is_empty() {
            key(&mut out, "reasons");
            out.push('[');
            for (i, r) in self.reasons.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_quoted(&mut out, r);
            }
            out.push(']');
        }
        if let Some(y) = self.year {
            key(&mut out, "year");
            let _ = write!(out, "{y}");
        }
        if let Some(h) = self.half {
            key(&mut out, "half");
            let _ = write!(out, "{h}");
        }
        if let Some(b) = self.authorized_body_notified {
            key(&mut out, "authorized_body_notified");
            let _ = write!(out, "{b}");
        }
        if let Some(n) = &self.note {
            key(&mut out, "note");
            push_quoted(&mut out, n);
        }
        key(&mut out, "prev");
        push_quoted(&mut out, prev);
        out.push('}');
        out
    }
}

/// A journal line read with the YAML reader, its values' positions moved into the journal. An
/// error gives where, and the YAML reader's reason (none for a line that is no one-line entry).
fn read_yaml(line: &str, n: u32, start: usize) -> Result<Event, (Pos, Option<String>)> {
    let at = |column: u32| Pos { line: n, column, offset: None, journal: false };
    let mut event = match line.strip_prefix("- ") {
        Some(body) if body.starts_with('{') => crate::yaml::parse::<Event>(body).map_err(|e| {
            let pos = if e.pos.is_known() { at(e.pos.column + 2) } else { at(1) };
            (pos, Some(e.message))
        })?,
        _ => return Err((at(1), None)),
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
    Ok(event)
}

/// A journal line exactly as [`NewEntry::to_line`] writes it, read without the YAML reader:
/// `None` for anything else. `n` is its 1-based line number and `start` the byte offset of the
/// line in the journal; values get the positions the YAML reader gives them.
fn read_written(line: &str, n: u32, start: usize) -> Option<Event> {
    line.starts_with("- {").then_some(())?;
    let mut cur = Cursor { line, at: 3, n, start };
    let mut event = Event {
        kind: At::new(String::new(), Pos::UNKNOWN),
        date: At::new(NaiveDate::MIN, Pos::UNKNOWN),
        number: None,
        reasons: Vec::new(),
        authorized_body_notified: None,
        year: None,
        outcome: None,
        by: None,
        to: None,
        document: None,
        note: None,
        deposit: None,
        sha256: None,
        prev: None,
        received: None,
        half: None,
    };
    if cur.field("deposit").is_some() {
        event.deposit = Some(cur.quoted()?);
    }
    cur.field("kind")?;
    event.kind = cur.quoted()?;
    cur.field("date")?;
    event.date = cur.plain(|v| {
        // `to_line` writes chrono's form; the round trip below refuses any other.
        super::written_date(v)
    })?;
    for (key, slot) in [
        ("number", &mut event.number),
        ("outcome", &mut event.outcome),
        ("by", &mut event.by),
        ("to", &mut event.to),
        ("document", &mut event.document),
        ("sha256", &mut event.sha256),
    ] {
        if cur.field(key).is_some() {
            *slot = Some(cur.quoted()?);
        }
    }
    if cur.field("reasons").is_some() {
        cur.eat("[")?;
        loop {
            event.reasons.push(cur.quoted()?);
            if cur.eat("]").is_some() {
                break;
            }
            cur.eat(", ")?;
        }
    }
    if cur.field("year").is_some() {
        event.year = Some(cur.plain(|v| v.parse::<i32>().ok())?);
    }
    if cur.field("half").is_some() {
        event.half = Some(cur.plain(|v| v.parse::<u8>().ok())?);
    }
    if cur.field("authorized_body_notified").is_some() {
        event.authorized_body_notified = Some(cur.plain(|v| v.parse::<bool>().ok())?);
    }
    if cur.field("note").is_some() {
        event.note = Some(cur.quoted()?);
    }
    cur.field("prev")?;
    let prev = cur.quoted()?;
    // Only a line that writing the same entry again gives back, byte for byte.
    (cur.rest() == "}" && NewEntry::from(&event).to_line(&prev.value) == line).then(|| {
        event.prev = Some(prev);
        event
    })
}

/// Where [`read_written`] is in a line.
struct Cursor<'a> {
    line: &'a str,
    at: usize,
    n: u32,
    start: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.line[self.at..]
    }

    fn eat(&mut self, s: &str) -> Option<()> {
        self.rest().starts_with(s).then(|| self.at += s.len())
    }

    /// `key: ` next (after `, ` unless it is the first field).
    fn field(&mut self, key: &str) -> Option<()> {
        let sep = if self.at == 3 { "" } else { ", " };
        let rest = self.rest().strip_prefix(sep)?.strip_prefix(key)?.strip_prefix(": ")?;
        self.at = self.line.len() - rest.len();
        Some(())
    }

    /// The position of the value starting here, as the YAML reader gives it.
    fn pos(&self) -> Pos {
        let column = self.line[..self.at].chars().count() + 1;
        Pos {
            line: self.n,
            column: u32::try_from(column).ok().unwrap_or(u32::MAX),
            offset: u32::try_from(self.start + self.at).ok(),
            journal: true,
        }
    }

    /// A double-quoted string with the escapes `quoted` writes.
    fn quoted(&mut self) -> Option<At<String>> {
        let pos = self.pos();
        let inner = self.rest().strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = inner.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += 1 + i + 1;
                    return Some(At::new(out, pos));
                }
                '\\' => match chars.next()?.1 {
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let hex: String = (0..4).map(|_| chars.next().map(|x| x.1)).collect::<Option<_>>()?;
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    _ => return None,
                },
                c => out.push(c),
            }
        }
        None
    }

    /// A plain value up to the next `, ` or the closing brace.
    fn plain<T>(&mut self, read: impl Fn(&str) -> Option<T>) -> Option<At<T>> {
        let pos = self.pos();
        let rest = self.rest();
        let end = rest.find([',', '}'])?;
        let value = read(&rest[..end])?;
        self.at += end;
        Some(At::new(value, pos))
    }
}

impl From<&Event> for NewEntry {
    fn from(e: &Event) -> NewEntry {
        let text = |v: &Option<At<String>>| v.as_ref().map(|v| v.value.clone());
        NewEntry {
            deposit: text(&e.deposit),
            kind: e.kind.value.clone(),
            date: Some(e.date.value),
            number: text(&e.number),
            reasons: e.reasons.iter().map(|r| r.value.clone()).collect(),
            authorized_body_notified: e.authorized_body_notified.as_ref().map(|v| v.value),
            year: e.year.as_ref().map(|v| v.value),
            half: e.half.as_ref().map(|v| v.value),
            outcome: text(&e.outcome),
            by: text(&e.by),
            to: text(&e.to),
            document: text(&e.document),
            sha256: text(&e.sha256),
            note: text(&e.note),
        }
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
pub fn current_text(system_abs: &Path) -> Result<String, crate::error::Error> {
    let path = system_abs.join(JOURNAL);
    match fs::read(&path) {
        Ok(b) => String::from_utf8(b).map_err(|_| {
            let args = crate::args! { "path" => path.display().to_string() };
            crate::error::Error::from(crate::messages::Msg::new("journal-not-utf8", args))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(crate::error::Error::io(&path, e)),
    }
}

/// Appends an entry to the journal of the system folder `system_abs`, under the records' lock
/// (the caller holds it). The file is written whole beside itself and renamed: a crash leaves
/// the journal with or without the entry, never half of it. Returns the line written.
pub fn append(system_abs: &Path, entry: &NewEntry) -> Result<String, crate::error::Error> {
    let text = current_text(system_abs)?;
    let (new_text, line, _) = with_entry(&text, entry);
    write(system_abs, &new_text).map_err(|e| crate::error::Error::io(system_abs.join(JOURNAL), e))?;
    Ok(line)
}

/// Writes `text` as the journal of the folder `system_abs` (a system's, or the site root for the
/// site's journal), whole beside it and renamed, under the records' lock (the caller holds it).
/// What a run killed while writing left beside the journal is removed first.
pub fn write(system_abs: &Path, text: &str) -> std::io::Result<()> {
    crate::atomic::sweep(system_abs);
    crate::atomic::write(&system_abs.join(JOURNAL), text.as_bytes())
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

    /// Every line `to_line` writes reads the same, positions and all, directly as through the
    /// YAML reader; a line written otherwise is left to the YAML reader.
    #[test]
    fn written_lines_read_directly_as_the_yaml_reader_reads_them() {
        let mut entries = vec![
            entry("depository_certificate", "line\nbreak\ttab \u{1} \\ \"q\""),
            NewEntry {
                kind: "depository_number".into(),
                date: NaiveDate::from_ymd_opt(2026, 1, 9),
                ..NewEntry::default()
            },
            NewEntry {
                deposit: Some("2.0-бета".into()),
                kind: "file_recorded".into(),
                date: NaiveDate::from_ymd_opt(1999, 12, 31),
                document: Some("conclusions/қорытынды.txt".into()),
                sha256: Some("ab".repeat(32)),
                outcome: Some("positive".into()),
                by: Some("Әлия Сәрсенова".into()),
                to: Some("ҚР Ұлттық архиві".into()),
                year: Some(-7),
                half: Some(2),
                authorized_body_notified: Some(false),
                reasons: vec!["жалғыз".into()],
                ..NewEntry::default()
            },
        ];
        entries.push(NewEntry {
            note: Some(String::new()),
            reasons: vec![String::new(), "🙂".into()],
            ..entries[2].clone()
        });
        let mut text = String::new();
        for e in &entries {
            text = with_entry(&text, e).0;
        }
        let mut start = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let here = start;
            start += line.len();
            let line = line.trim_end_matches('\n');
            if !is_entry(line) {
                continue;
            }
            let n = i as u32 + 1;
            let direct = read_written(line, n, here).unwrap_or_else(|| panic!("not read directly: {line}"));
            let yaml = read_yaml(line, n, here).unwrap();
            assert_eq!(format!("{direct:?}"), format!("{yaml:?}"), "{line}");
        }
        let last = text.lines().last().unwrap();
        for other in [
            last.replace(", prev", ",  prev"),
            last.replace("- {", "-  {"),
            last.replacen("kind: \"", "kind: '", 1),
            format!("{last} "),
            last.replace("year: -7", "year: -07"),
        ] {
            assert!(read_written(&other, 9, 0).is_none(), "{other}");
        }
    }
}
