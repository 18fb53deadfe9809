//! The layout of a zip as its central directory declares it, checked before any entry is read:
//! hostile zips point several entries at one compressed stream (or into the middle of another
//! entry's data), so that a small file makes the reader inflate the same bytes thousands of
//! times. Each entry occupies at least its 30-byte local header and its compressed data from
//! the offset the central directory gives; no two may overlap, and none may run past the end
//! of the file. The work of reading a zip whose layout passes is then bounded by the bytes it
//! stores (deflate expands each stored byte at most 1032 times).

use std::io::{Read, Seek};

use crate::ProblemKind;

/// The fixed part of a local file header.
const LOCAL_HEADER: u64 = 30;

/// Why the entries of `zip` (a file of `file_len` bytes) cannot all be where the central
/// directory says ([`ProblemKind::ZipEntryUnreadable`], [`ProblemKind::ZipPastEnd`],
/// [`ProblemKind::ZipOverlap`]), or `None` when each has a place of its own.
pub fn problem<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, file_len: u64) -> Option<ProblemKind> {
    let mut spans: Vec<(u64, u64, usize)> = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let f = match zip.by_index_raw(i) {
            Ok(f) => f,
            Err(e) => return Some(ProblemKind::ZipEntryUnreadable { index: i, error: e.to_string() }),
        };
        let start = f.header_start();
        let end = start.saturating_add(LOCAL_HEADER).saturating_add(f.compressed_size());
        if end > file_len {
            return Some(ProblemKind::ZipPastEnd {
                index: i,
                name: f.name().map(|n| n.into_owned()).unwrap_or_else(|_| "?".into()),
                end,
                length: file_len,
            });
        }
        spans.push((start, end, i));
    }
    spans.sort_unstable();
    for pair in spans.windows(2) {
        let ((_, end, a), (start, _, b)) = (pair[0], pair[1]);
        if start < end {
            let mut name = |i: usize| zip.by_index_raw(i).ok().and_then(|f| f.name().ok().map(|n| n.into_owned()));
            return Some(ProblemKind::ZipOverlap {
                first: a,
                first_name: name(a).unwrap_or_default(),
                second: b,
                second_name: name(b).unwrap_or_default(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn entries_of_their_own_pass_and_a_truncated_file_does_not() {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for name in ["a.txt", "b.txt", "c/"] {
            if name.ends_with('/') {
                w.add_directory(name, zip::write::SimpleFileOptions::default()).unwrap();
            } else {
                w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
                w.write_all(name.repeat(100).as_bytes()).unwrap();
            }
        }
        let bytes = w.finish().unwrap().into_inner();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        assert_eq!(super::problem(&mut zip, bytes.len() as u64), None);
        let why = super::problem(&mut zip, 40).unwrap().to_string();
        assert!(why.contains("runs past the end"), "{why}");
    }
}
