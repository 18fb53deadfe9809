//! File formats by their PRONOM identifier (PUID), as preservation tools (DROID, Siegfried,
//! FIDO) name them: `fmt/276` PDF 1.7, `x-fmt/263` ZIP, …
//!
//! The signatures are PRONOM's (The National Archives, Open Government Licence v3.0), in the
//! regular expressions the `opf-fido` package (Apache-2.0) converts them to, made into a compact
//! table by `scripts/pronom.py`: `data/pronom/signatures.tsv` (its source and versions in
//! `data/pronom/SOURCE.md`). Identification follows FIDO's method:
//!
//! 1. the first and last 128 KiB of the file are read (the same bytes when it is shorter);
//! 2. a format matches when every pattern of one of its signatures does (`BOF` anchored at the
//!    start, `EOF` searched in the last bytes, `VAR` and `IFB` searched in the first);
//! 3. a match is dropped when another match has priority over it (PRONOM's "has priority over");
//! 4. a ZIP or OLE2 container is opened and its container signatures tried (an entry or stream
//!    of a given name, whose bytes match); a container match wins;
//! 5. of what remains the first in PRONOM's order is the file's format; with no match, the file
//!    is unidentified — never guessed from its name.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::OnceLock;

use regex::bytes::Regex;

/// The converted signatures.
const DATA: &str = include_str!("../../../data/pronom/signatures.tsv");
/// Bytes read at each end of a file, as FIDO does.
const BUFSIZE: usize = 128 * 1024;
/// At most this much of a container's entry or stream is searched.
const ENTRY_LIMIT: u64 = 16 << 20;

/// The format of one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileFormat {
    /// The PRONOM identifier; None when the file is unidentified.
    pub puid: Option<String>,
    /// PRONOM's name of the format, or `unidentified`.
    pub name: String,
    /// The format's version as PRONOM names it; None when PRONOM gives none or the file is
    /// unidentified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl FileFormat {
    fn unidentified() -> FileFormat {
        FileFormat { puid: None, name: UNIDENTIFIED.into(), version: None }
    }

    /// `Portable Document Format 1.7`: the name with the version, or `unidentified`.
    pub fn described(&self) -> String {
        match &self.version {
            Some(v) => format!("{} {v}", self.name),
            None => self.name.clone(),
        }
    }

    /// `fmt/276 Portable Document Format 1.7`, or `unidentified`.
    pub fn label(&self) -> String {
        match &self.puid {
            Some(p) => format!("{p} {}", self.described()),
            None => UNIDENTIFIED.into(),
        }
    }
}

/// The name of the format of a file that no PRONOM signature identifies.
pub const UNIDENTIFIED: &str = "unidentified";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    Bof,
    Eof,
    /// Anywhere in the first bytes (PRONOM's variable and "in first bytes" positions).
    Var,
}

/// A regular expression compiled when first needed; None when it cannot be (a Python-only
/// construct such as a look-around or a back-reference, which FIDO's own matching skips too).
struct Lazy {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Lazy {
    fn new(source: &'static str) -> Lazy {
        Lazy { source, compiled: OnceLock::new() }
    }

    fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| compile(self.source)).as_ref()
    }
}

/// Python's byte-regex syntax in the `regex` crate's: bytes mode, `\Z` is `\z`, `{,n}` is `{0,n}`.
fn compile(python: &str) -> Option<Regex> {
    let rust = format!("(?-u){}", python.replace("\\Z", "\\z").replace("{,", "{0,"));
    regex::bytes::RegexBuilder::new(&rust).size_limit(32 << 20).dfa_size_limit(8 << 20).build().ok()
}

struct Pattern {
    position: Position,
    /// Literal bytes a BOF pattern begins with, checked before its expression.
    prefix: Vec<u8>,
    /// Bytes every match holds, searched for before the expression is compiled or run.
    required: Vec<u8>,
    regex: Lazy,
}

struct Format {
    puid: &'static str,
    name: &'static str,
    version: &'static str,
    priority_over: Vec<&'static str>,
    container: &'static str,
    signatures: Vec<Vec<Pattern>>,
}

struct ContainerSignature {
    puid: &'static str,
    path: &'static str,
    regex: Lazy,
}

struct Table {
    formats: Vec<Format>,
    index: HashMap<&'static str, usize>,
    zip: Vec<ContainerSignature>,
    ole: Vec<ContainerSignature>,
}

/// The literal bytes an anchored expression starts with (`(?s)\A` then plain bytes and `\xNN`
/// escapes, up to the first construct that is not a single literal).
fn literal_prefix(source: &str) -> Vec<u8> {
    let Some(rest) = source.strip_prefix("(?s)\\A") else { return Vec::new() };
    let b = rest.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let (byte, next) = match b[i] {
            b'\\' if b.get(i + 1) == Some(&b'x') => {
                match std::str::from_utf8(b.get(i + 2..i + 4).unwrap_or_default())
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => (v, i + 4),
                    None => break,
                }
            }
            b'\\' => match b.get(i + 1) {
                Some(c) if c.is_ascii_punctuation() => (*c, i + 2),
                _ => break,
            },
            c if !b"\\.^$|?*+()[]{}".contains(&c) => (c, i + 1),
            _ => break,
        };
        // A quantifier or alternation after the byte makes it optional: stop before it.
        if matches!(b.get(next), Some(b'{' | b'*' | b'?' | b'+' | b'|')) {
            break;
        }
        out.push(byte);
        i = next;
    }
    out
}

/// The longest run of literal bytes every match of an expression must hold: bytes outside any
/// group or class, not made optional or repeated by a quantifier; nothing when the expression
/// is an alternation at its top level.
fn required_literal(source: &str) -> Vec<u8> {
    let b = source.as_bytes();
    let (mut best, mut run): (Vec<u8>, Vec<u8>) = (Vec::new(), Vec::new());
    let mut depth = 0usize;
    let mut i = 0;
    let end_run = |run: &mut Vec<u8>, best: &mut Vec<u8>| {
        if run.len() > best.len() {
            *best = run.clone();
        }
        run.clear();
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'(' => {
                end_run(&mut run, &mut best);
                depth += 1;
                i += 1;
                continue;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            b'[' => {
                end_run(&mut run, &mut best);
                // A class: to its unescaped `]` (a `]` first in it is a member).
                i += 1;
                if b.get(i) == Some(&b'^') {
                    i += 1;
                }
                if b.get(i) == Some(&b']') {
                    i += 1;
                }
                while i < b.len() && b[i] != b']' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                continue;
            }
            b'|' if depth == 0 => return Vec::new(),
            _ if depth > 0 => {
                i += if c == b'\\' { 2 } else { 1 };
                continue;
            }
            b'{' | b'*' | b'?' | b'+' => {
                // The atom before is optional or repeated.
                run.pop();
                end_run(&mut run, &mut best);
                if c == b'{' {
                    while i < b.len() && b[i] != b'}' {
                        i += 1;
                    }
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        let (byte, next) = match c {
            b'\\' => match b.get(i + 1) {
                Some(b'x') => match std::str::from_utf8(b.get(i + 2..i + 4).unwrap_or_default())
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => (Some(v), i + 4),
                    None => (None, i + 2),
                },
                Some(b'n') => (Some(b'\n'), i + 2),
                Some(b'r') => (Some(b'\r'), i + 2),
                Some(b't') => (Some(b'\t'), i + 2),
                Some(p) if p.is_ascii_punctuation() || *p == b' ' => (Some(*p), i + 2),
                _ => (None, i + 2),
            },
            b'.' | b'^' | b'$' => (None, i + 1),
            c if c.is_ascii() => (Some(c), i + 1),
            _ => (None, i + 1),
        };
        match byte {
            Some(v) => run.push(v),
            None => end_run(&mut run, &mut best),
        }
        i = next;
    }
    end_run(&mut run, &mut best);
    best
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table { formats: Vec::new(), index: HashMap::new(), zip: Vec::new(), ole: Vec::new() };
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&'static str> = line.split('\t').collect();
            match f.as_slice() {
                ["F", puid, name, version, prio, container] => {
                    t.index.insert(puid, t.formats.len());
                    t.formats.push(Format {
                        puid,
                        name,
                        version,
                        priority_over: prio.split(',').filter(|p| !p.is_empty()).collect(),
                        container,
                        signatures: Vec::new(),
                    });
                }
                ["S"] => {
                    if let Some(last) = t.formats.last_mut() {
                        last.signatures.push(Vec::new());
                    }
                }
                ["P", position, source] => {
                    let position = match *position {
                        "BOF" => Position::Bof,
                        "EOF" => Position::Eof,
                        _ => Position::Var,
                    };
                    let prefix = if position == Position::Bof { literal_prefix(source) } else { Vec::new() };
                    if let Some(sig) = t.formats.last_mut().and_then(|f| f.signatures.last_mut()) {
                        let required = required_literal(source.strip_prefix("(?s)").unwrap_or(source));
                        sig.push(Pattern { position, prefix, required, regex: Lazy::new(source) });
                        // Anchored patterns first: they fail fastest.
                        sig.sort_by_key(|p| p.position != Position::Bof);
                    }
                }
                [kind @ ("Z" | "O"), puid, path, source] => {
                    let sig = ContainerSignature { puid, path, regex: Lazy::new(source) };
                    if *kind == "Z" { t.zip.push(sig) } else { t.ole.push(sig) }
                }
                _ => {}
            }
        }
        t
    })
}

/// The first and last bytes of a file, as FIDO reads them.
fn buffers(file: &mut fs::File, size: u64) -> io::Result<(Vec<u8>, Vec<u8>)> {
    let mut bof = vec![0u8; (size as usize).min(BUFSIZE)];
    file.read_exact(&mut bof)?;
    if size as usize <= BUFSIZE {
        return Ok((bof.clone(), bof));
    }
    file.seek(SeekFrom::Start(size - BUFSIZE as u64))?;
    let mut eof = vec![0u8; BUFSIZE];
    file.read_exact(&mut eof)?;
    Ok((bof, eof))
}

fn matches(p: &Pattern, bof: &[u8], eof: &[u8]) -> bool {
    if !bof.starts_with(&p.prefix) {
        return false;
    }
    let within = if p.position == Position::Eof { eof } else { bof };
    if !p.required.is_empty() && memchr::memmem::find(within, &p.required).is_none() {
        return false;
    }
    p.regex.get().is_some_and(|re| re.is_match(within))
}

/// The formats whose signatures match, inferior ones (by priority) removed, in PRONOM's order.
fn signature_matches(t: &Table, bof: &[u8], eof: &[u8]) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    let inferior = |i: usize, found: &[usize]| {
        found.iter().any(|&j| j != i && t.formats[j].priority_over.contains(&t.formats[i].puid))
    };
    for (i, f) in t.formats.iter().enumerate() {
        if f.signatures.is_empty() || inferior(i, &found) {
            continue;
        }
        for sig in &f.signatures {
            if sig.iter().all(|p| matches(p, bof, eof)) {
                found.push(i);
            }
        }
    }
    let kept: Vec<usize> = found.iter().copied().filter(|&i| !inferior(i, &found)).collect();
    kept
}

/// Reads at most [`ENTRY_LIMIT`] bytes of an entry.
fn bounded(r: impl Read) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(ENTRY_LIMIT).read_to_end(&mut out)?;
    Ok(out)
}

/// The container signatures that match a zip's entries.
fn zip_matches(t: &Table, disk: &Path) -> Vec<&'static str> {
    let Ok(mut zip) = fs::File::open(disk).map_err(|_| ()).and_then(|f| zip::ZipArchive::new(f).map_err(|_| ())) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut read: HashMap<&str, Option<Vec<u8>>> = HashMap::new();
    for sig in &t.zip {
        let bytes = read.entry(sig.path).or_insert_with(|| {
            let entry = zip.by_name(sig.path).ok()?;
            bounded(entry).ok()
        });
        if let (Some(bytes), Some(re)) = (bytes.as_ref(), sig.regex.get())
            && re.is_match(bytes)
        {
            out.push(sig.puid);
        }
    }
    out
}

/// The container signatures that match an OLE2 compound file's streams.
fn ole_matches(t: &Table, disk: &Path) -> Vec<&'static str> {
    let found = std::panic::catch_unwind(|| {
        let mut cfb = cfb::CompoundFile::open(fs::File::open(disk).ok()?).ok()?;
        // Stream paths as FIDO's OLE reader writes them: without the leading `/`.
        let streams: Vec<(String, std::path::PathBuf)> = cfb
            .walk()
            .filter(|e| e.is_stream())
            .map(|e| (e.path().to_string_lossy().trim_start_matches('/').to_string(), e.path().to_path_buf()))
            .collect();
        let mut out = Vec::new();
        let mut read: HashMap<&str, Option<Vec<u8>>> = HashMap::new();
        for sig in &t.ole {
            let bytes = read.entry(sig.path).or_insert_with(|| {
                let (_, path) = streams.iter().find(|(p, _)| p == sig.path || p.get(1..) == Some(sig.path))?;
                bounded(cfb.open_stream(path).ok()?).ok()
            });
            if let (Some(bytes), Some(re)) = (bytes.as_ref(), sig.regex.get())
                && re.is_match(bytes)
            {
                out.push(sig.puid);
            }
        }
        Some(out)
    });
    found.ok().flatten().unwrap_or_default()
}

fn format_of(t: &Table, puid: &str) -> FileFormat {
    match t.index.get(puid).map(|&i| &t.formats[i]) {
        Some(f) => FileFormat {
            puid: Some(f.puid.to_string()),
            name: f.name.to_string(),
            version: (!f.version.is_empty()).then(|| f.version.to_string()),
        },
        None => FileFormat { puid: Some(puid.to_string()), name: String::new(), version: None },
    }
}

/// Identifies one file (never following a link: the caller passes regular files).
pub fn identify(disk: &Path) -> io::Result<FileFormat> {
    let mut file = fs::File::open(disk)?;
    let size = file.metadata()?.len();
    if size == 0 {
        return Ok(FileFormat::unidentified());
    }
    let t = table();
    let (bof, eof) = buffers(&mut file, size)?;
    let found = signature_matches(t, &bof, &eof);
    let container = found.iter().map(|&i| t.formats[i].container).find(|c| matches!(*c, "zip" | "ole"));
    let inside = match container {
        Some("zip") => zip_matches(t, disk),
        Some("ole") => ole_matches(t, disk),
        _ => Vec::new(),
    };
    Ok(match (inside.first(), found.first()) {
        (Some(puid), _) => format_of(t, puid),
        (None, Some(&i)) => format_of(t, t.formats[i].puid),
        (None, None) => FileFormat::unidentified(),
    })
}

/// A file of a deposit and its format.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PathFormat {
    /// Relative to the deposit folder.
    pub path: String,
    /// The format PRONOM's signatures identify.
    #[serde(flatten)]
    pub format: FileFormat,
}

/// Every regular file of a deposit with its format, in the deposit's order.
pub fn of_deposit(root: &Path, deposit: &crate::model::Deposit) -> Vec<PathFormat> {
    use rayon::prelude::*;
    let dir = root.join(&deposit.dir);
    deposit
        .files
        .par_iter()
        .filter(|f| f.kind == crate::model::FileKind::Regular)
        .map(|f| PathFormat { path: f.path.clone(), format: identify_or_unidentified(&dir.join(&f.path)) })
        .collect()
}

/// Identifies a file, saying `unidentified` also when it cannot be read.
pub fn identify_or_unidentified(disk: &Path) -> FileFormat {
    identify(disk).unwrap_or_else(|_| FileFormat::unidentified())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(bytes: &[u8]) -> FileFormat {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, bytes).unwrap();
        identify(&p).unwrap()
    }

    #[test]
    fn literals_are_only_what_every_match_holds() {
        type Literal = fn(&str) -> Vec<u8>;
        let prefix: Literal = literal_prefix;
        let required: Literal = required_literal;
        let cases: [(Literal, &str, &[u8]); 11] = [
            (prefix, r"(?s)\A%PDF\-1\.7", b"%PDF-1.7"),
            (prefix, r"(?s)\A\xfe4\x00(?:\xc1|\x00)", b"\xfe4\x00"),
            (prefix, r"(?s)\AGIF8[79]a", b"GIF8"),
            (prefix, r"(?s)\Aab?c", b"a"),
            (prefix, r"(?s).{0,8}\APK", b""),
            (required, r"\A%PDF\-1\.7", b"%PDF-1.7"),
            (required, r".{0,64}PK\x03\x04ab?", b"PK\x03\x04a"),
            (required, r"abc(?:defgh|x)yz", b"abc"),
            (required, r"ab|cdef", b""),
            (required, r"[)|(]{2}xyz\Z", b"xyz"),
            (required, r"<svg\ xmlns", b"<svg xmlns"),
        ];
        for (f, source, want) in cases {
            assert_eq!(f(source), want, "{source}");
        }
    }

    #[test]
    fn common_formats_and_the_unidentified() {
        let pdf = id(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
        assert_eq!(pdf.puid.as_deref(), Some("fmt/276"), "{pdf:?}");
        assert_eq!(pdf.version.as_deref(), Some("1.7"));
        let gif = id(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;");
        assert_eq!(gif.puid.as_deref(), Some("fmt/4"), "{gif:?}");
        let none = id(b"\x01\x02\x03 nothing known");
        assert_eq!((none.puid, none.name.as_str()), (None, UNIDENTIFIED));
        assert_eq!(id(b"").label(), UNIDENTIFIED);
    }

    #[test]
    fn every_pattern_of_the_table_is_read() {
        let t = table();
        assert!(t.formats.len() > 2000);
        let patterns: usize = t.formats.iter().flat_map(|f| &f.signatures).map(|s| s.len()).sum();
        assert!(patterns > 2000);
        assert!(t.zip.len() > 50 && !t.ole.is_empty());
    }
}
