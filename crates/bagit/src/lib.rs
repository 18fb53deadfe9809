//! The BagIt format (RFC 8493, and the drafts 0.93–0.97 still found in archives): checksum
//! algorithms, manifest lines and their path encoding, tag files and their character encoding;
//! [`verify`] validates a bag, given as a folder or as a zip, and [`profile`] checks it against a
//! BagIt profile. The crate writes no bag itself: it gives a writer the pieces ([`Hashers`],
//! [`encode_path`], [`tag_line`]).
//!
//! Every problem found is typed ([`ProblemKind`]): its English text is its `Display`, and its
//! stable [`id`](ProblemKind::id) and [`args`](ProblemKind::args) let a program say it in its
//! reader's language.
//!
//! Verifying a folder:
//!
//! ```no_run
//! let report = bagit::verify::verify(std::path::Path::new("transfer/bag-1"), &()).unwrap();
//! for p in &report.problems {
//!     eprintln!("{p}"); // error: manifest-sha256.txt:3: `data/a.txt` is listed but missing from the bag
//! }
//! println!("{}", if report.valid { "valid" } else { "invalid" });
//! ```
#![warn(missing_docs, unreachable_pub)]

mod names;
mod problem;
pub mod profile;
pub mod verify;
pub mod ziplayout;

pub use names::windows_trouble;
pub use problem::{Arg, ArgValue, BagitTxtLine, FileKind, ManifestKind, MediaType, ProblemKind, Scope};

use sha2::Digest;

/// A checksum algorithm a manifest may be named after (`manifest-<name>.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Algorithm {
    /// MD5 (still common in older bags; not for new ones).
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Algorithm {
    /// Every algorithm, weakest first.
    pub const ALL: [Algorithm; 6] =
        [Algorithm::Md5, Algorithm::Sha1, Algorithm::Sha224, Algorithm::Sha256, Algorithm::Sha384, Algorithm::Sha512];

    /// The algorithm a manifest's name gives (`sha256`), if it is one of these.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The algorithm's name in manifests' names: `md5`, `sha1`, `sha256`, …
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "md5",
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha224 => "sha224",
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }

    /// Length of the digest in hexadecimal digits.
    pub fn hex_len(self) -> usize {
        match self {
            Algorithm::Md5 => 32,
            Algorithm::Sha1 => 40,
            Algorithm::Sha224 => 56,
            Algorithm::Sha256 => 64,
            Algorithm::Sha384 => 96,
            Algorithm::Sha512 => 128,
        }
    }
}

/// The algorithm's name, as [`Algorithm::name`] gives it.
impl std::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Several digests of one stream, computed in a single pass over its bytes.
pub struct Hashers(Vec<Hasher>);

enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hashers {
    /// Hashers for these algorithms.
    pub fn new(algorithms: &[Algorithm]) -> Hashers {
        Hashers(
            algorithms
                .iter()
                .map(|a| match a {
                    Algorithm::Md5 => Hasher::Md5(md5::Md5::new()),
                    Algorithm::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
                    Algorithm::Sha224 => Hasher::Sha224(sha2::Sha224::new()),
                    Algorithm::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
                    Algorithm::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
                    Algorithm::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
                })
                .collect(),
        )
    }

    /// Feeds the next bytes of the stream to every hasher.
    pub fn update(&mut self, bytes: &[u8]) {
        for h in &mut self.0 {
            match h {
                Hasher::Md5(d) => d.update(bytes),
                Hasher::Sha1(d) => d.update(bytes),
                Hasher::Sha224(d) => d.update(bytes),
                Hasher::Sha256(d) => d.update(bytes),
                Hasher::Sha384(d) => d.update(bytes),
                Hasher::Sha512(d) => d.update(bytes),
            }
        }
    }

    /// The digests in lower-case hexadecimal, in the order of the algorithms given to `new`.
    pub fn finish(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|h| match h {
                Hasher::Md5(d) => hex(&d.finalize()),
                Hasher::Sha1(d) => hex(&d.finalize()),
                Hasher::Sha224(d) => hex(&d.finalize()),
                Hasher::Sha256(d) => hex(&d.finalize()),
                Hasher::Sha384(d) => hex(&d.finalize()),
                Hasher::Sha512(d) => hex(&d.finalize()),
            })
            .collect()
    }
}

/// Bytes in lower-case hexadecimal, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Reads a stream to its end through the hashers, in pieces of at most 1 MiB; returns the size.
pub fn hash_stream(mut r: impl std::io::Read, hashers: &mut Hashers, size_hint: u64) -> std::io::Result<u64> {
    let mut buf = vec![0u8; size_hint.clamp(4096, 1 << 20) as usize + 1];
    let mut total = 0u64;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hashers.update(&buf[..n]);
        total += n as u64;
    }
}

/// A path as a BagIt 1.0 manifest or fetch file writes it (RFC 8493 §2.1.3): `%` as `%25`,
/// CR as `%0D`, LF as `%0A`; everything else, Unicode included, as it is.
pub fn encode_path(path: &str) -> String {
    if !path.contains(['%', '\r', '\n']) {
        return path.to_string();
    }
    path.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// The inverse of `encode_path`. Only the three escapes RFC 8493 defines are decoded; any other
/// `%` sequence is kept as it is (drafts before 1.0 did not encode at all).
pub fn decode_path(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let esc = rest.get(i..i + 3).map(|s| s.to_ascii_uppercase());
        match esc.as_deref() {
            Some("%25") => out.push('%'),
            Some("%0D") => out.push('\r'),
            Some("%0A") => out.push('\n'),
            _ => {
                out.push('%');
                rest = &rest[i + 1..];
                continue;
            }
        }
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// Decodes a tag file from the character encoding bagit.txt declares. UTF-8 and UTF-16 honour
/// a byte-order mark; ISO-8859-1 is decoded byte for byte (not as windows-1252). `None` when the
/// encoding is unknown or the bytes are not valid in it.
pub fn decode_tag_file(bytes: &[u8], encoding: &str) -> Option<String> {
    let label = encoding.trim().to_ascii_lowercase();
    if matches!(label.as_str(), "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1") {
        return Some(bytes.iter().map(|&b| b as char).collect());
    }
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return None;
    }
    Some(text.into_owned())
}

/// The longest line of a tag file read as a stream.
pub const MAX_LINE: usize = 64 << 10;

/// Why a tag file read as a stream stopped before its end.
#[derive(Debug)]
pub enum StreamStop {
    /// Reading failed.
    Io(std::io::Error),
    /// The encoding is unknown, or the bytes are not valid in it.
    Encoding,
    /// The line (1-based) is longer than [`MAX_LINE`].
    LongLine(usize),
    /// More than this many bytes.
    TooLarge(u64),
}

/// Reads a tag file from `r` line by line, as [`decode_tag_file`] and [`lines`] would split
/// it, calling `f` with each line's 1-based number: only the line being read is held, however
/// long the file. Reading stops at `limit` bytes.
pub fn for_each_line(
    mut r: impl std::io::Read,
    encoding: &str,
    limit: u64,
    mut f: impl FnMut(usize, &str),
) -> Result<(), StreamStop> {
    let label = encoding.trim().to_ascii_lowercase();
    let mut decoder = if matches!(label.as_str(), "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1") {
        None
    } else {
        Some(encoding_rs::Encoding::for_label(label.as_bytes()).ok_or(StreamStop::Encoding)?.new_decoder())
    };
    let mut buf = vec![0u8; 64 << 10];
    let mut text = String::new();
    let (mut read, mut line) = (0u64, 0usize);
    loop {
        let got = match r.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(StreamStop::Io(e)),
        };
        read += got as u64;
        if read > limit {
            return Err(StreamStop::TooLarge(limit));
        }
        let last = got == 0;
        match decoder.as_mut() {
            None => text.extend(buf[..got].iter().map(|&b| b as char)),
            Some(d) => {
                let mut src = &buf[..got];
                loop {
                    text.reserve(d.max_utf8_buffer_length(src.len()).ok_or(StreamStop::Encoding)?);
                    let (result, consumed, errors) = d.decode_to_string(src, &mut text, last);
                    if errors {
                        return Err(StreamStop::Encoding);
                    }
                    src = &src[consumed..];
                    if result == encoding_rs::CoderResult::InputEmpty {
                        break;
                    }
                }
            }
        }
        let mut start = 0;
        while let Some(i) = text[start..].find(['\r', '\n']) {
            let at = start + i;
            // A CR at the end of what was read may be the first half of a CRLF.
            if !last && at + 1 == text.len() && text.as_bytes()[at] == b'\r' {
                break;
            }
            line += 1;
            f(line, &text[start..at]);
            start = at + if text[at..].starts_with("\r\n") { 2 } else { 1 };
        }
        text.drain(..start);
        if text.len() > MAX_LINE {
            return Err(StreamStop::LongLine(line + 1));
        }
        if last {
            if !text.is_empty() {
                f(line + 1, &text);
            }
            return Ok(());
        }
    }
}

/// Splits text into lines ended by LF, CRLF or CR (tag files come from every system).
pub fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\r', '\n']) {
            Some(i) => {
                out.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out
}

/// One `Label: value` element of a tag file such as bag-info.txt, with continuation lines
/// (those that start with a space or tab) folded into the value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TagElement {
    /// The label, trimmed.
    pub label: String,
    /// The value, trimmed, continuation lines joined by a space.
    pub value: String,
    /// 1-based line where the element starts.
    pub line: usize,
}

/// Parses a tag file into its elements; lines that are neither an element nor a continuation
/// are returned as problems with their line numbers.
pub fn parse_tags(text: &str) -> (Vec<TagElement>, Vec<(usize, ProblemKind)>) {
    let mut out: Vec<TagElement> = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in lines(text).into_iter().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match out.last_mut() {
                Some(last) => {
                    last.value.push(' ');
                    last.value.push_str(line.trim());
                }
                None => bad.push((n, ProblemKind::ContinuationFirst {})),
            }
            continue;
        }
        match line.split_once(':') {
            Some((label, value)) if !label.trim().is_empty() => {
                out.push(TagElement { label: label.trim().to_string(), value: value.trim().to_string(), line: n })
            }
            _ => bad.push((n, ProblemKind::NotTag { text: line.to_string() })),
        }
    }
    (out, bad)
}

/// A tag value written for bag-info.txt: line breaks become folded continuation lines.
pub fn tag_line(label: &str, value: &str) -> String {
    let mut out = format!("{label}:");
    let mut first = true;
    for part in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if first {
            out.push(' ');
            first = false;
        } else {
            out.push_str("\n    ");
        }
        out.push_str(part);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_the_rfc_encoding() {
        for p in
            ["data/a b.txt", "data/100%.txt", "data/line\nbreak", "data/cr\rname", "data/%0A-literal", "data/Қойма"]
        {
            assert_eq!(decode_path(&encode_path(p)), p);
        }
        assert_eq!(encode_path("data/100%\n"), "data/100%25%0A");
        assert_eq!(decode_path("data/%7Etest"), "data/%7Etest");
        assert_eq!(decode_path("data/%0d%0a"), "data/\r\n");
        assert_eq!(decode_path("data/%"), "data/%");
    }

    #[test]
    fn tag_files_fold_continuations_and_accept_loose_separators() {
        let (tags, bad) = parse_tags("A: 1\r\nB : two\n  words\nC:3\rnot a tag\n");
        assert_eq!(
            tags.iter().map(|t| (t.label.as_str(), t.value.as_str())).collect::<Vec<_>>(),
            [("A", "1"), ("B", "two words"), ("C", "3")]
        );
        assert_eq!(bad.len(), 1);
        assert_eq!((bad[0].0, bad[0].1.to_string()), (5, "`not a tag` is not `Label: value`".to_string()));
        assert_eq!(tag_line("External-Description", "one\ntwo"), "External-Description: one\n    two\n");
    }

    #[test]
    fn tag_files_decode_from_their_declared_encoding() {
        assert_eq!(decode_tag_file(b"caf\xe9", "ISO-8859-1").unwrap(), "café");
        assert_eq!(decode_tag_file(b"\xff\xfeA\x00", "UTF-16").unwrap(), "A");
        assert_eq!(decode_tag_file(b"\xd0\x9a", "UTF-8").unwrap(), "К");
        assert!(decode_tag_file(b"\xff", "UTF-8").is_none());
        assert!(decode_tag_file(b"x", "EBCDIC-nonsense").is_none());
    }

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn hashers_agree_with_known_digests() {
        let mut h = Hashers::new(&[Algorithm::Md5, Algorithm::Sha256]);
        h.update(b"abc");
        assert_eq!(
            h.finish(),
            ["900150983cd24fb0d6963f7d28e17f72", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"]
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn encoding_a_path_then_decoding_it_gives_it_back(path in "\\PC*|[%\r\n a-zа-я]{0,40}") {
            let encoded = encode_path(&path);
            prop_assert!(!encoded.contains(['\r', '\n']));
            prop_assert_eq!(decode_path(&encoded), path);
        }

        #[test]
        fn streamed_lines_are_the_lines_of_the_whole_file(
            bytes in proptest::collection::vec(prop_oneof![Just(b'\r'), Just(b'\n'), Just(0xd0u8), Just(0x9a), Just(0xff), Just(0xfe), Just(0), any::<u8>()], 0..300),
            chunk in 1usize..7,
            enc in prop_oneof![Just("UTF-8"), Just("UTF-16"), Just("ISO-8859-1"), Just("windows-1251")],
        ) {
            let whole = decode_tag_file(&bytes, enc).map(|t| lines(&t).into_iter().map(str::to_string).collect::<Vec<_>>());
            let mut streamed = Vec::new();
            let got = for_each_line(Chunks { bytes: &bytes, at: 0, chunk }, enc, u64::MAX, |n, l| streamed.push((n, l.to_string())));
            match whole {
                Some(whole) => {
                    prop_assert!(got.is_ok());
                    prop_assert_eq!(streamed.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>(), whole);
                    prop_assert!(streamed.iter().enumerate().all(|(i, (n, _))| *n == i + 1));
                }
                None => prop_assert!(matches!(got, Err(StreamStop::Encoding))),
            }
        }
    }

    /// A reader that hands out at most `chunk` bytes at a time.
    struct Chunks<'a> {
        bytes: &'a [u8],
        at: usize,
        chunk: usize,
    }

    impl std::io::Read for Chunks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.chunk.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn a_stream_stops_at_its_limit_and_at_an_endless_line() {
        let text = "a\n".repeat(1000);
        assert!(matches!(for_each_line(text.as_bytes(), "UTF-8", 100, |_, _| {}), Err(StreamStop::TooLarge(100))));
        let long = "x".repeat(MAX_LINE * 2);
        let mut seen = 0;
        let got = for_each_line(format!("first\n{long}").as_bytes(), "UTF-8", u64::MAX, |_, _| seen += 1);
        assert!(matches!(got, Err(StreamStop::LongLine(2))), "{got:?}");
        assert_eq!(seen, 1);
    }
}
