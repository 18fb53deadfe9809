//! The records qoima keeps about the archive, outside the sealed deposits: the depository
//! number register (D1124-41), each system's journal of what happened after its deposits were
//! sealed, and the fixity log (D1124-53).
//!
//! All three are append-only text files, and each is a hash chain: every entry names the
//! SHA-256 of the entry before it (`prev`), the way a git commit names its parent, so an entry
//! that is edited, removed or moved breaks the chain at the next one. The SHA-256 of the last
//! entry is the chain's *head*: it is written into every fixity log entry and shown on the home
//! page of both editions of the catalogue, so any saved copy of a page or log later proves
//! what the chain held then (a head that is no longer in the chain means it was rewritten).
//!
//! Reading a record never fails: a line that cannot be read, or that breaks the chain, is a
//! finding with its file and line, and the rest is still read.

pub mod conclusion;
pub mod fixity_log;
pub mod journal;
pub mod register;
pub mod seal;

use sha2::{Digest, Sha256};

pub use crate::layout::CONCLUSIONS;

pub use crate::hash::{GENESIS, Links};

/// The finding about a record that cannot be read (`id`: the record's message, with the
/// system's reason as `$error`).
pub fn unreadable(path: &str, id: &str, e: &std::io::Error) -> crate::finding::Finding {
    let args = crate::args! { "error" => crate::messages::io(e) };
    crate::finding::Finding::with_id(crate::finding::Severity::Error, crate::finding::house::IO, path, id, args)
}

/// The SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::hash::hex(&Sha256::digest(bytes))
}

/// The hash of one entry of a chain: the SHA-256 of its line, without the line break.
pub fn entry_hash(line: &str) -> String {
    sha256_hex(line.trim_end_matches(['\n', '\r']).as_bytes())
}

/// A date written as qoima writes one, `YYYY-MM-DD` with every digit; `None` for anything
/// else (a record written otherwise is read by the YAML reader, or is a finding).
pub fn written_date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// Whether a text is a SHA-256 in lowercase hex.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The records of a site, relative to its root, in the order they are copied: the register,
/// each system's journal that has entries, the fixity log (last: it records the copying).
pub fn files(archive: &crate::model::Archive) -> Vec<String> {
    let mut names = vec![register::REGISTER.to_string()];
    names.extend(archive.systems.iter().filter(|s| s.journal.head != GENESIS).map(|s| s.journal_path()));
    names.push(journal::JOURNAL.to_string());
    names.push(fixity_log::LOG.to_string());
    names
}

/// The hash of the last entry line of a chained text (GENESIS when it has none); entry lines
/// are those `is_entry` accepts.
pub fn head_of(text: &str, is_entry: impl Fn(&str) -> bool) -> String {
    text.lines().rev().find(|l| is_entry(l)).map(entry_hash).unwrap_or_else(|| GENESIS.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn written_dates_are_read_as_chrono_reads_them() {
        for s in [
            "2026-11-23",
            "0001-01-01",
            "2024-02-29",
            "2023-02-29",
            "2026-13-01",
            "2026-1-23",
            "2026-01-2x",
            "+026-01-23",
            "2026/01/23",
            "",
        ] {
            let chrono = (s.len() == 10).then(|| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()).flatten();
            assert_eq!(super::written_date(s), chrono.filter(|_| !s.starts_with('+')), "{s}");
        }
    }
}
