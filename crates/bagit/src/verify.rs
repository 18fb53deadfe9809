//! Validates a bag (what `qoima verify` runs), given as a folder or as a zip, the way an archivist's tools
//! would, and a little stricter about safety. Each problem is an error (the bag is invalid) or a
//! warning (valid, but something a receiving archive should know).
//!
//! What is checked: bagit.txt exactly as RFC 8493 §2.1.1 writes it; the declared tag-file
//! encoding; every payload and tag manifest (format, duplicates, scope of every path, every
//! checksum); completeness (every payload file listed in every payload manifest, every listed
//! file present); Payload-Oxum; fetch.txt; and path safety: no absolute paths, no `..`, no home
//! shortcuts, nothing escaping through a symlink, no zip-slip entries. Names that only work on
//! some systems (case or Unicode-normalization twins, Windows-reserved names, system files such
//! as Thumbs.db) are warnings.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::{
    Algorithm, BagitTxtLine, Hashers, ProblemKind, Scope, StreamStop, decode_path, decode_tag_file, for_each_line,
    hash_stream, lines, parse_tags,
};

/// Tag files other than manifests (bagit.txt, bag-info.txt, fetch.txt) are read whole, up to
/// this size.
const MAX_TAG_FILE: u64 = 16 << 20;
/// Problems kept per file of the bag; the rest are counted in one more.
const PROBLEMS_PER_FILE: usize = 200;

/// How much a problem weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The bag is invalid.
    Error,
    /// The bag is valid, but a receiving archive should know.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One thing wrong with a bag: where (a file of the bag, and a line of it when it is a tag file)
/// and what. Its `Display` is one line in English: `error: manifest-md5.txt:3: …`.
///
/// As JSON: `severity`, `file`, `line` (when there is one), `message` (the English text),
/// `message_id` ([`ProblemKind::id`]) and `args` ([`ProblemKind::args`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The file of the bag (relative to it; several joined by `` `, ` `` for twins), or empty
    /// for the bag as a whole.
    pub file: String,
    /// The 1-based line of the file, for a tag file.
    pub line: Option<usize>,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    /// Where the problem is, as its line shows it: `file:line: `, `file: ` or nothing.
    pub fn place(&self) -> String {
        match (self.file.is_empty(), self.line) {
            (true, _) => String::new(),
            (false, Some(l)) => format!("{}:{l}: ", self.file),
            (false, None) => format!("{}: ", self.file),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}{}", self.severity.name(), self.place(), self.kind)
    }
}

impl serde::Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Args<'a>(&'a [(&'static str, crate::ArgValue)]);
        impl serde::Serialize for Args<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("severity", &self.severity)?;
        m.serialize_entry("file", &self.file)?;
        if let Some(line) = self.line {
            m.serialize_entry("line", &line)?;
        }
        m.serialize_entry("message", &self.kind.to_string())?;
        m.serialize_entry("message_id", self.kind.id())?;
        m.serialize_entry("args", &Args(&self.kind.args()))?;
        m.end()
    }
}

/// Why a bag could not be verified at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The system could not read the bag.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A file given as a bag is not a zip.
    #[error("not a zip: {0}")]
    NotZip(zip::result::ZipError),
    /// The zip's central directory could not be read.
    #[error("{0}")]
    Zip(#[from] zip::result::ZipError),
}

impl Error {
    /// The error's stable id: `bagit-io-error`, `bagit-not-a-zip`, `bagit-zip-error`.
    pub fn id(&self) -> &'static str {
        match self {
            Error::Io(_) => "bagit-io-error",
            Error::NotZip(_) => "bagit-not-a-zip",
            Error::Zip(_) => "bagit-zip-error",
        }
    }

    /// Its one argument, `error`: what the system or the zip reader said, in English.
    pub fn args(&self) -> Vec<(&'static str, crate::ArgValue)> {
        let said = match self {
            Error::Io(e) => e.to_string(),
            Error::NotZip(e) | Error::Zip(e) => e.to_string(),
        };
        vec![("error", crate::ArgValue::Text(said))]
    }
}

/// Why a file of the bag was not read, when the reason is the bag's and not the system's; an
/// [`io::Error`] carries it.
#[derive(Debug, thiserror::Error)]
enum Unread {
    #[error("not in the zip")]
    NotInZip,
    #[error("larger than {} MiB, more than a tag file of this kind holds; not read further", MAX_TAG_FILE >> 20)]
    TooLarge,
}

/// The problem of a file that could not be read.
fn cannot_read(e: &io::Error) -> ProblemKind {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<Unread>()) {
        Some(Unread::NotInZip) => ProblemKind::NotInZip {},
        Some(Unread::TooLarge) => ProblemKind::TagFileTooLarge { mib: MAX_TAG_FILE >> 20 },
        None => ProblemKind::CannotRead { error: e.to_string() },
    }
}

/// What a verification tells while it reads the bag's files to check their checksums.
pub trait Progress: Sync {
    /// Hashing starts: it will read this many bytes.
    fn start(&self, _total: u64) {}
    /// So many more bytes were read.
    fn advance(&self, bytes: u64);
    /// Hashing is over.
    fn finish(&self) {}
}

/// No progress shown.
impl Progress for () {
    fn advance(&self, _bytes: u64) {}
}

/// The outcome of validating one bag.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// The bag's path, as given.
    pub bag: String,
    /// No errors.
    pub valid: bool,
    /// BagIt-Version of bagit.txt.
    pub version: Option<String>,
    /// Tag-File-Character-Encoding of bagit.txt.
    pub encoding: Option<String>,
    /// The algorithms of the payload manifests checked, by name.
    pub algorithms: Vec<&'static str>,
    /// Files in data/.
    pub payload_files: u64,
    /// Their bytes.
    pub payload_bytes: u64,
    /// Problems that are errors.
    pub errors: usize,
    /// Problems that are warnings.
    pub warnings: usize,
    /// Every problem, in the order found (and one more per file that had too many to list).
    pub problems: Vec<Problem>,
    /// The BagIt profile the bag was also checked against (`verify --profile`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
    /// A symbolic link; `escapes` when its target lies outside the bag or does not exist.
    Symlink {
        escapes: bool,
        to_dir: bool,
    },
    Other,
}

#[derive(Debug, Clone)]
struct Entry {
    path: String,
    size: u64,
    kind: Kind,
}

/// Where the bag's bytes come from: a folder, or a zip read in place (never extracted).
enum Source {
    Dir { root: PathBuf },
    Zip { file: PathBuf, index: HashMap<String, usize> },
}

impl Source {
    /// Calls `f` with a reader of one file of the bag and the bytes it takes in the bag (in a
    /// zip, compressed).
    fn with_reader<T>(&self, path: &str, f: impl FnOnce(&mut dyn io::Read, u64) -> T) -> io::Result<T> {
        match self {
            Source::Dir { root } => {
                let mut file = fs::File::open(root.join(path))?;
                let stored = file.metadata()?.len();
                Ok(f(&mut file, stored))
            }
            Source::Zip { file, index, .. } => {
                let mut zip = zip::ZipArchive::new(fs::File::open(file)?).map_err(io::Error::other)?;
                let i = index.get(path).ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, Unread::NotInZip))?;
                let mut entry = zip.by_index(*i).map_err(io::Error::other)?;
                let stored = entry.compressed_size();
                Ok(f(&mut entry, stored))
            }
        }
    }

    /// The whole of a small tag file; larger than [`MAX_TAG_FILE`] is an error.
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        self.with_reader(path, |r, _| {
            let mut out = Vec::new();
            io::Read::read_to_end(&mut io::Read::take(r, MAX_TAG_FILE + 1), &mut out)?;
            if out.len() as u64 > MAX_TAG_FILE {
                return Err(io::Error::other(Unread::TooLarge));
            }
            Ok(out)
        })?
    }

    /// Reads a tag file line by line in `encoding` (see [`for_each_line`]), at most `limit`
    /// bytes of it.
    fn lines(&self, path: &str, encoding: &str, limit: u64, f: impl FnMut(usize, &str)) -> Result<(), StreamStop> {
        self.with_reader(path, |r, _| for_each_line(r, encoding, limit, f)).map_err(StreamStop::Io)?
    }

    /// Hashes many files at once, in parallel; each result in the order asked.
    fn hash_all(
        &self,
        jobs: &[(String, u64, Vec<Algorithm>)],
        progress: &dyn Progress,
    ) -> Vec<io::Result<Vec<String>>> {
        match self {
            Source::Dir { root } => jobs
                .par_iter()
                .map(|(path, size, algs)| {
                    let mut h = Hashers::new(algs);
                    hash_stream(fs::File::open(root.join(path))?, &mut h, *size)?;
                    progress.advance(*size);
                    Ok(h.finish())
                })
                .collect(),
            Source::Zip { file, index, .. } => {
                // One archive handle per worker; each opens the file and reads the central
                // directory once, then streams its share of the entries.
                let chunk = jobs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
                jobs.par_chunks(chunk)
                    .flat_map_iter(|part| {
                        let mut zip = fs::File::open(file)
                            .map_err(io::Error::other)
                            .and_then(|f| zip::ZipArchive::new(f).map_err(io::Error::other));
                        part.iter()
                            .map(|(path, size, algs)| {
                                let zip = zip.as_mut().map_err(|e| io::Error::other(e.to_string()))?;
                                let f = zip.by_index(index[path.as_str()]).map_err(io::Error::other)?;
                                let mut h = Hashers::new(algs);
                                // The zip reader checks the entry's CRC-32 at its end.
                                hash_stream(f, &mut h, *size)?;
                                progress.advance(*size);
                                Ok(h.finish())
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect()
            }
        }
    }
}

#[derive(Default)]
struct Check {
    problems: Vec<Problem>,
    /// Problems found per file, and of those not kept, errors and warnings.
    per_file: HashMap<String, (usize, usize, usize)>,
}

impl Check {
    fn push(&mut self, severity: Severity, file: &str, line: Option<usize>, kind: ProblemKind) {
        let seen = self.per_file.entry(file.to_string()).or_default();
        seen.0 += 1;
        if seen.0 > PROBLEMS_PER_FILE {
            match severity {
                Severity::Error => seen.1 += 1,
                Severity::Warning => seen.2 += 1,
            }
            return;
        }
        self.problems.push(Problem { severity, file: file.to_string(), line, kind });
    }
    fn error(&mut self, file: &str, line: Option<usize>, kind: ProblemKind) {
        self.push(Severity::Error, file, line, kind);
    }
    /// An error kept however many the file has already: why it was not read to its end.
    fn stop(&mut self, file: &str, line: Option<usize>, kind: ProblemKind) {
        self.problems.push(Problem { severity: Severity::Error, file: file.to_string(), line, kind });
    }
    fn warn(&mut self, file: &str, line: Option<usize>, kind: ProblemKind) {
        self.push(Severity::Warning, file, line, kind);
    }

    /// The problems, with one more per file that had more than were kept.
    fn finish(&mut self) -> Vec<Problem> {
        let mut more: Vec<(&String, &(usize, usize, usize))> =
            self.per_file.iter().filter(|(_, (_, e, w))| e + w > 0).collect();
        more.sort();
        let mut out = std::mem::take(&mut self.problems);
        for (file, (_, errors, warnings)) in more {
            out.push(Problem {
                severity: if *errors > 0 { Severity::Error } else { Severity::Warning },
                file: file.clone(),
                line: None,
                kind: ProblemKind::MoreNotListed { errors: *errors, warnings: *warnings },
            });
        }
        out
    }

    /// A report of these problems alone: the bag was not read further.
    fn refused(mut self, bag: &Path) -> Report {
        let problems = self.finish();
        let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
        Report {
            bag: bag.display().to_string(),
            valid: false,
            version: None,
            encoding: None,
            algorithms: Vec::new(),
            payload_files: 0,
            payload_bytes: 0,
            errors,
            warnings: problems.len() - errors,
            problems,
            profile: None,
        }
    }
}

/// Names operating systems leave behind; copying tools often drop them.
fn is_system_file(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    matches!(base.to_ascii_lowercase().as_str(), ".ds_store" | "thumbs.db" | "desktop.ini" | "ehthumbs.db" | "icon\r")
        || base.starts_with("._")
}

/// Why a path written in a manifest or fetch.txt would leave the bag, if it would.
fn out_of_scope(path: &str) -> Option<Scope> {
    if path.starts_with(['/', '\\']) {
        return Some(Scope::Absolute);
    }
    if path.starts_with('~') {
        return Some(Scope::Home);
    }
    let b = path.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return Some(Scope::Drive);
    }
    if path.split(['/', '\\']).any(|c| c == "..") {
        return Some(Scope::Parent);
    }
    if path.contains('\0') {
        return Some(Scope::Nul);
    }
    None
}

/// A manifest's path, decoded for the bag's version; warnings for forms tools tolerate.
fn manifest_path(raw: &str, v1: bool, file: &str, line: usize, check: &mut Check) -> String {
    let mut p = raw;
    if let Some(rest) = p.strip_prefix('*') {
        check.warn(file, Some(line), ProblemKind::BinaryMarker { rest: rest.to_string() });
        p = rest;
    }
    let mut dotted = false;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
        dotted = true;
    }
    if dotted {
        check.warn(file, Some(line), ProblemKind::DotSlash { path: raw.to_string() });
    }
    if v1 { decode_path(p) } else { p.to_string() }
}

/// A checksum a manifest expects: (hex, manifest, line).
type Expected = (String, String, usize);

struct Listed {
    hex: String,
    line: usize,
}

/// Parses line `n` of a manifest into `out` (path → checksum and line), reporting a malformed
/// line or a duplicate.
#[allow(clippy::too_many_arguments)]
fn manifest_line(
    name: &str,
    n: usize,
    line: &str,
    alg: Algorithm,
    v1: bool,
    payload: bool,
    out: &mut BTreeMap<String, Listed>,
    check: &mut Check,
) {
    if line.trim().is_empty() {
        return;
    }
    let Some(sep) = line.find([' ', '\t']) else {
        check.error(name, Some(n), ProblemKind::NotManifestLine {});
        return;
    };
    let hex = &line[..sep];
    let raw = line[sep..].trim_start_matches([' ', '\t']);
    if hex.len() != alg.hex_len() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        check.error(name, Some(n), ProblemKind::NotChecksum { checksum: hex.to_string(), algorithm: alg });
        return;
    }
    if raw.is_empty() {
        check.error(name, Some(n), ProblemKind::NoFileNamed {});
        return;
    }
    let path = manifest_path(raw, v1, name, n, check);
    if let Some(why) = out_of_scope(&path) {
        check.error(name, Some(n), ProblemKind::OutOfScope { path, why });
        return;
    }
    if payload && !path.starts_with("data/") {
        check.error(name, Some(n), ProblemKind::PayloadManifestOutsideData { path });
        return;
    }
    if !payload && path.starts_with("data/") {
        check.error(name, Some(n), ProblemKind::TagManifestPayloadFile { path });
        return;
    }
    let hex = hex.to_ascii_lowercase();
    match out.get(&path) {
        Some(first) if first.hex != hex => {
            check.error(name, Some(n), ProblemKind::ListedAgainDiffering { first: first.line, path })
        }
        Some(first) if v1 => check.error(name, Some(n), ProblemKind::ListedAgainV1 { first: first.line, path }),
        Some(first) => check.warn(name, Some(n), ProblemKind::ListedAgain { first: first.line, path }),
        None => {
            out.insert(path, Listed { hex, line: n });
        }
    }
}

/// Parses bagit.txt as strictly as RFC 8493 §2.1.1 writes it; returns (version, encoding).
fn parse_bagit_txt(bytes: &[u8], check: &mut Check) -> (Option<String>, Option<String>) {
    const F: &str = "bagit.txt";
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        check.error(F, Some(1), ProblemKind::ByteOrderMark {});
        return (None, None);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        check.error(F, None, ProblemKind::NotUtf8 {});
        return (None, None);
    };
    let ls = lines(text);
    let mut version = None;
    let mut encoding = None;
    for (i, line) in ls.iter().enumerate() {
        let n = i + 1;
        if let Some(v) = line.strip_prefix("BagIt-Version: ").filter(|_| n == 1) {
            let ok = v.split_once('.').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && b.bytes().all(|c| c.is_ascii_digit())
            });
            if ok {
                version = Some(v.to_string());
            } else {
                check.error(F, Some(n), ProblemKind::NotVersion { version: v.to_string() });
            }
        } else if let Some(e) = line.strip_prefix("Tag-File-Character-Encoding: ").filter(|_| n == 2) {
            if e.is_empty() || e.trim() != e {
                check.error(F, Some(n), ProblemKind::NotEncodingName { encoding: e.to_string() });
            } else {
                encoding = Some(e.to_string());
            }
        } else {
            let expected = match n {
                1 => BagitTxtLine::Version,
                2 => BagitTxtLine::Encoding,
                _ => BagitTxtLine::Nothing,
            };
            check.error(F, Some(n), ProblemKind::UnexpectedLine { text: line.to_string(), expected });
        }
    }
    if ls.is_empty() {
        check.error(F, Some(1), ProblemKind::BagitTxtEmpty {});
    } else if ls.len() < 2 {
        check.error(F, None, ProblemKind::NoEncodingLine {});
    }
    (version, encoding)
}

/// Lists a folder's entries relative to it, without following links.
fn list_dir(root: &Path, check: &mut Check) -> Vec<Entry> {
    let canon_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    for item in walkdir::WalkDir::new(root).min_depth(1).follow_links(false).sort_by_file_name() {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                check.error("", None, ProblemKind::CannotList { error: e.to_string() });
                continue;
            }
        };
        let rel = item.path().strip_prefix(root).unwrap_or(item.path());
        let Some(rel) = rel.to_str() else {
            check.error(&rel.to_string_lossy(), None, ProblemKind::NameNotUtf8 {});
            continue;
        };
        let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
        let ft = item.file_type();
        let (kind, size) = if ft.is_symlink() {
            let target = fs::canonicalize(item.path());
            let escapes = target.as_ref().map(|t| !t.starts_with(&canon_root)).unwrap_or(true);
            let to_dir = target.as_ref().map(|t| t.is_dir()).unwrap_or(false);
            let size = fs::metadata(item.path()).map(|m| m.len()).unwrap_or(0);
            (Kind::Symlink { escapes, to_dir }, size)
        } else if ft.is_dir() {
            (Kind::Dir, 0)
        } else if ft.is_file() {
            (Kind::File, item.metadata().map(|m| m.len()).unwrap_or(0))
        } else {
            (Kind::Other, 0)
        };
        out.push(Entry { path: rel, size, kind });
    }
    out
}

/// Lists a zip's entries relative to the bag folder inside it. Entries whose names could write
/// outside an extraction folder (zip-slip) are reported and left out.
/// A zip's entries, and each one's index in the zip by its path in the bag.
type Listing = (Vec<Entry>, HashMap<String, usize>);

fn list_zip(file: &Path, check: &mut Check) -> Result<Option<Listing>, Error> {
    let handle = fs::File::open(file)?;
    let len = handle.metadata()?.len();
    let mut zip = zip::ZipArchive::new(handle).map_err(Error::NotZip)?;
    if let Some(why) = crate::ziplayout::problem(&mut zip, len) {
        check.error("", None, why);
        return Ok(None);
    }
    let mut raw = Vec::new();
    let mut seen = BTreeSet::new();
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i)?;
        let Ok(name) = f.name().map(|n| n.to_string()) else {
            check.error("", None, ProblemKind::ZipNameEncoding { index: i });
            continue;
        };
        if let Some(why) = out_of_scope(&name).or(name.contains('\\').then_some(Scope::Backslash)) {
            check.error(&name, None, ProblemKind::ZipSlip { why });
            continue;
        }
        if !seen.insert(name.clone()) {
            check.error(&name, None, ProblemKind::ZipDuplicate {});
            continue;
        }
        let symlink = f.unix_mode().is_some_and(|m| m & 0o170000 == 0o120000);
        let kind = if symlink {
            Kind::Symlink { escapes: true, to_dir: false }
        } else if f.is_dir() {
            Kind::Dir
        } else {
            Kind::File
        };
        raw.push((name, f.size(), kind, i));
    }
    // The bag is either the zip's root or its single top folder.
    let prefix = if raw.iter().any(|(n, ..)| n == "bagit.txt") {
        String::new()
    } else {
        let tops: BTreeSet<&str> =
            raw.iter().filter_map(|(n, ..)| n.strip_suffix("/bagit.txt").filter(|t| !t.contains('/'))).collect();
        match tops.len() {
            1 => format!("{}/", tops.into_iter().next().unwrap_or_default()),
            _ => String::new(),
        }
    };
    let mut entries = Vec::new();
    let mut index = HashMap::new();
    for (name, size, kind, i) in raw {
        let Some(rel) = name.strip_prefix(prefix.as_str()) else {
            check.warn(&name, None, ProblemKind::OutsideBagFolder { folder: prefix.clone() });
            continue;
        };
        let rel = rel.trim_end_matches('/').to_string();
        if rel.is_empty() {
            continue;
        }
        index.insert(rel.clone(), i);
        entries.push(Entry { path: rel, size, kind });
    }
    Ok(Some((entries, index)))
}

/// Validates the bag at `path` (a folder or a zip); `progress` hears of the bytes hashed.
pub fn verify(path: &Path, progress: &dyn Progress) -> Result<Report, Error> {
    verify_against(path, progress, None)
}

/// Validates a bag, and checks it against a BagIt profile when one is given.
pub fn verify_against(
    path: &Path,
    progress: &dyn Progress,
    profile: Option<&crate::profile::Profile>,
) -> Result<Report, Error> {
    let mut check = Check::default();
    let meta = fs::metadata(path)?;
    let (entries, source) = if meta.is_dir() {
        (list_dir(path, &mut check), Source::Dir { root: path.to_path_buf() })
    } else {
        let Some((entries, index)) = list_zip(path, &mut check)? else { return Ok(check.refused(path)) };
        (entries, Source::Zip { file: path.to_path_buf(), index })
    };
    let mut report = validate(&entries, &source, &mut check, progress);
    if let Some(profile) = profile {
        let files: Vec<&str> = entries.iter().filter(|e| e.kind == Kind::File).map(|e| e.path.as_str()).collect();
        profile.apply(path, &files, &|name| source.read(name), &mut report);
    }
    report.bag = path.display().to_string();
    Ok(report)
}

fn validate(entries: &[Entry], source: &Source, check: &mut Check, progress: &dyn Progress) -> Report {
    // Regular files, and links that stay inside the bag (read through), by path.
    let mut files: BTreeMap<&str, &Entry> = BTreeMap::new();
    let mut has_data = false;
    for e in entries {
        if e.path == "data" || e.path.starts_with("data/") {
            has_data = true;
        }
        match &e.kind {
            Kind::File => {
                files.insert(&e.path, e);
            }
            Kind::Dir => {}
            Kind::Symlink { escapes: true, .. } => check.error(&e.path, None, ProblemKind::SymlinkEscapes {}),
            Kind::Symlink { to_dir: true, .. } => check.warn(&e.path, None, ProblemKind::SymlinkToFolder {}),
            Kind::Symlink { .. } => {
                check.warn(&e.path, None, ProblemKind::SymlinkInside {});
                files.insert(&e.path, e);
            }
            Kind::Other => check.error(&e.path, None, ProblemKind::NotRegularFile {}),
        }
    }

    // bagit.txt
    let (version, encoding) = match files.get("bagit.txt").map(|_| source.read("bagit.txt")) {
        Some(Ok(bytes)) => parse_bagit_txt(&bytes, check),
        Some(Err(e)) => {
            check.error("bagit.txt", None, cannot_read(&e));
            (None, None)
        }
        None => {
            check.error("bagit.txt", None, ProblemKind::BagitTxtMissing {});
            (None, None)
        }
    };
    let v1 =
        version.as_deref().and_then(|v| v.split('.').next()).and_then(|m| m.parse::<u32>().ok()).is_none_or(|m| m >= 1);
    let enc = encoding.clone().unwrap_or_else(|| "UTF-8".to_string());
    if !has_data {
        check.error("data", None, ProblemKind::NoPayloadFolder {});
    }
    let read_tag = |name: &str, check: &mut Check| -> Option<String> {
        match source.read(name) {
            Ok(bytes) => match decode_tag_file(&bytes, &enc) {
                Some(t) => Some(t),
                None => {
                    check.error(name, None, ProblemKind::NotInEncoding { encoding: enc.clone() });
                    None
                }
            },
            Err(e) => {
                check.error(name, None, cannot_read(&e));
                None
            }
        }
    };

    // Manifests, read line by line. None can be longer than a line for each file of the bag
    // (an algorithm's longest checksum, the path percent-encoded), twice over for files listed
    // again, and 1 MiB more: a manifest that inflates beyond is a bomb.
    let manifest_limit =
        entries.iter().map(|e| 2 * (3 * e.path.len() as u64 + 160)).fold(1u64 << 20, u64::saturating_add);
    let mut payload_manifests: Vec<(String, Algorithm, BTreeMap<String, Listed>)> = Vec::new();
    let mut tag_manifests: Vec<(String, Algorithm, BTreeMap<String, Listed>)> = Vec::new();
    for name in files.keys().filter(|p| !p.contains('/')) {
        let (payload, alg_name) = if let Some(a) = name.strip_prefix("manifest-").and_then(|r| r.strip_suffix(".txt")) {
            (true, a)
        } else if let Some(a) = name.strip_prefix("tagmanifest-").and_then(|r| r.strip_suffix(".txt")) {
            (false, a)
        } else {
            continue;
        };
        let Some(alg) = Algorithm::from_name(alg_name) else {
            check.warn(name, None, ProblemKind::UnknownAlgorithm { algorithm: alg_name.to_string() });
            continue;
        };
        let mut listed = BTreeMap::new();
        let read = source.lines(name, &enc, manifest_limit, |n, line| {
            manifest_line(name, n, line, alg, v1, payload, &mut listed, check)
        });
        match read {
            Ok(()) => {}
            Err(StreamStop::Encoding) => {
                check.stop(name, None, ProblemKind::NotInEncoding { encoding: enc.clone() });
                continue;
            }
            Err(StreamStop::Io(e)) => {
                check.stop(name, None, cannot_read(&e));
                continue;
            }
            Err(StreamStop::LongLine(n)) => {
                check.stop(name, Some(n), ProblemKind::LongLine { kib: crate::MAX_LINE >> 10 });
                continue;
            }
            Err(StreamStop::TooLarge(limit)) => {
                check.stop(name, None, ProblemKind::ManifestBomb { files: entries.len(), limit });
                continue;
            }
        }
        if payload {
            payload_manifests.push((name.to_string(), alg, listed));
        } else {
            tag_manifests.push((name.to_string(), alg, listed));
        }
    }
    if payload_manifests.is_empty() {
        check.error("", None, ProblemKind::NoPayloadManifest {});
    }

    // fetch.txt: files that may be fetched later. Their paths must stay inside data/.
    let mut to_fetch: BTreeSet<String> = BTreeSet::new();
    if files.contains_key("fetch.txt")
        && let Some(text) = read_tag("fetch.txt", check)
    {
        for (i, line) in lines(&text).into_iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut parts = line.splitn(3, [' ', '\t']);
            let (url, len, raw) = (parts.next(), parts.next(), parts.next().map(str::trim_start));
            let (Some(_), Some(len), Some(raw)) = (url, len, raw) else {
                check.error("fetch.txt", Some(i + 1), ProblemKind::NotFetchLine {});
                continue;
            };
            if len != "-" && !len.bytes().all(|b| b.is_ascii_digit()) {
                check.error("fetch.txt", Some(i + 1), ProblemKind::NotFetchLength { length: len.to_string() });
            }
            let path = if v1 { decode_path(raw) } else { raw.to_string() };
            if let Some(why) = out_of_scope(&path) {
                check.error("fetch.txt", Some(i + 1), ProblemKind::OutOfScope { path, why });
            } else if !path.starts_with("data/") {
                check.error("fetch.txt", Some(i + 1), ProblemKind::FetchOutsideData { path });
            } else {
                to_fetch.insert(path);
            }
        }
    }

    // Completeness: payload files on disk against each payload manifest.
    let payload: Vec<&str> = files.keys().copied().filter(|p| p.starts_with("data/")).collect();
    let nfc_of = |p: &str| p.nfc().collect::<String>();
    let by_nfc: HashMap<String, Vec<&str>> = payload.iter().fold(HashMap::new(), |mut m, p| {
        m.entry(nfc_of(p)).or_default().push(*p);
        m
    });
    let by_case: HashMap<String, Vec<&str>> = payload.iter().fold(HashMap::new(), |mut m, p| {
        m.entry(nfc_of(p).to_lowercase()).or_default().push(*p);
        m
    });
    // (file, algorithm) → expected checksums with where they were written.
    let mut wanted: BTreeMap<&str, BTreeMap<Algorithm, Vec<Expected>>> = BTreeMap::new();
    // Operating-system files listed but absent (in any manifest): Payload-Oxum may count them.
    let mut missing_system: BTreeSet<&str> = BTreeSet::new();
    for (name, alg, listed) in &payload_manifests {
        let mut matched: BTreeSet<&str> = BTreeSet::new();
        for (path, l) in listed {
            let found = if files.contains_key(path.as_str()) {
                Some(files.get_key_value(path.as_str()).map(|(k, _)| *k).unwrap_or_default())
            } else if let Some(twin) = by_nfc.get(&nfc_of(path)).and_then(|v| v.first()) {
                check.warn(
                    name,
                    Some(l.line),
                    ProblemKind::NormalizationTwin { path: path.clone(), stored: twin.to_string() },
                );
                Some(*twin)
            } else if let Some(twin) = by_case.get(&nfc_of(path).to_lowercase()).and_then(|v| v.first()) {
                check.warn(name, Some(l.line), ProblemKind::CaseTwin { path: path.clone(), stored: twin.to_string() });
                Some(*twin)
            } else if to_fetch.contains(path) {
                check.error(name, Some(l.line), ProblemKind::NotFetched { path: path.clone() });
                None
            } else if is_system_file(path) {
                missing_system.insert(path);
                check.warn(name, Some(l.line), ProblemKind::SystemFileMissing { path: path.clone() });
                None
            } else {
                check.error(name, Some(l.line), ProblemKind::Missing { path: path.clone() });
                None
            };
            if let Some(f) = found {
                matched.insert(f);
                wanted.entry(f).or_default().entry(*alg).or_default().push((l.hex.clone(), name.clone(), l.line));
            }
        }
        for p in &payload {
            if !matched.contains(p) {
                check.error(p, None, ProblemKind::NotListed { manifest: name.clone() });
            }
        }
    }
    for (name, alg, listed) in &tag_manifests {
        for (path, l) in listed {
            match files.get_key_value(path.as_str()) {
                Some((k, _)) => {
                    wanted.entry(k).or_default().entry(*alg).or_default().push((l.hex.clone(), name.clone(), l.line))
                }
                None => check.error(name, Some(l.line), ProblemKind::Missing { path: path.clone() }),
            }
        }
    }

    // Names that travel badly.
    for (key, twins) in by_nfc.iter().filter(|(_, v)| v.len() > 1) {
        check.warn(&twins.join("`, `"), None, ProblemKind::NormalizationTwins { name: key.clone() });
    }
    for twins in by_case.values().filter(|v| v.len() > 1) {
        check.warn(&twins.join("`, `"), None, ProblemKind::CaseTwins {});
    }
    for p in &payload {
        if is_system_file(p) {
            check.warn(p, None, ProblemKind::SystemFile {});
        } else if let Some(why) = crate::windows_trouble(p) {
            check.warn(p, None, why);
        }
    }

    // Payload-Oxum against what is there.
    let payload_bytes: u64 = payload.iter().map(|p| files[p].size).sum();
    let info_name = ["bag-info.txt", "package-info.txt"].into_iter().find(|n| files.contains_key(n));
    if let Some(info) = info_name
        && let Some(text) = read_tag(info, check)
    {
        let (tags, bad) = parse_tags(&text);
        for (line, why) in bad {
            check.error(info, Some(line), why);
        }
        for t in tags.iter().filter(|t| t.label.eq_ignore_ascii_case("Payload-Oxum")) {
            match t.value.split_once('.').and_then(|(b, c)| Some((b.parse::<u64>().ok()?, c.parse::<u64>().ok()?))) {
                Some((bytes, count)) if bytes == payload_bytes && count == payload.len() as u64 => {}
                Some((bytes, count))
                    if bytes >= payload_bytes && count == (payload.len() + missing_system.len()) as u64 =>
                {
                    check.warn(info, Some(t.line), ProblemKind::OxumCountsSystemFiles { missing: missing_system.len() })
                }
                Some((bytes, count)) => check.error(
                    info,
                    Some(t.line),
                    ProblemKind::OxumMismatch { bytes, files: count, payload_bytes, payload_files: payload.len() },
                ),
                None => check.error(info, Some(t.line), ProblemKind::NotOxum { value: t.value.clone() }),
            }
        }
    }

    // Every checksum, each file read once for all the algorithms it is listed under.
    let jobs: Vec<(String, u64, Vec<Algorithm>)> =
        wanted.iter().map(|(p, by_alg)| (p.to_string(), files[p].size, by_alg.keys().copied().collect())).collect();
    progress.start(jobs.iter().map(|j| j.1).sum());
    let results = source.hash_all(&jobs, progress);
    progress.finish();
    for ((path, by_alg), result) in wanted.iter().zip(results) {
        match result {
            Ok(digests) => {
                for ((alg, expected), actual) in by_alg.iter().zip(digests) {
                    for (hex, manifest, line) in expected {
                        if *hex != actual {
                            let mismatch = ProblemKind::ChecksumMismatch {
                                path: path.to_string(),
                                algorithm: *alg,
                                actual: actual.clone(),
                                expected: hex.clone(),
                            };
                            check.error(manifest, Some(*line), mismatch);
                        }
                    }
                }
            }
            Err(e) => check.error(path, None, cannot_read(&e)),
        }
    }

    let mut algorithms: Vec<&'static str> = payload_manifests.iter().map(|(_, a, _)| a.name()).collect();
    algorithms.sort_unstable();
    let problems = check.finish();
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    Report {
        bag: String::new(),
        valid: errors == 0,
        version,
        encoding,
        algorithms,
        payload_files: payload.len() as u64,
        payload_bytes,
        errors,
        warnings,
        problems,
        profile: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_rules() {
        for bad in ["/etc/passwd", "~/x", "~root/x", "data/../../x", "C:/x", "\\\\server\\x", "data\\..\\x"] {
            assert!(out_of_scope(bad).is_some(), "{bad}");
        }
        for ok in ["data/x", "data/dir1/~test3.txt", "data/%7Etest.txt", "data/..hidden", "data/a..b"] {
            assert!(out_of_scope(ok).is_none(), "{ok}");
        }
    }

    #[test]
    fn bagit_txt_is_exact() {
        let mut c = Check::default();
        assert_eq!(
            parse_bagit_txt(b"BagIt-Version: 1.0\r\nTag-File-Character-Encoding: UTF-8", &mut c),
            (Some("1.0".into()), Some("UTF-8".into()))
        );
        assert!(c.problems.is_empty());
        for bad in [
            &b"BagIt-Version : 1.0\nTag-File-Character-Encoding: UTF-8\n"[..],
            b"BagIt-Version: 1.0 \nTag-File-Character-Encoding: UTF-8\n",
            b"BagIt-Version: .97\nTag-File-Character-Encoding: UTF-8\n",
            b"BagIt-Version: 0.97\n",
            b"\xef\xbb\xbfBagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n",
            b"Tag-File-Character-Encoding: UTF-8\nBagIt-Version: 1.0\n",
        ] {
            let mut c = Check::default();
            parse_bagit_txt(bad, &mut c);
            assert!(!c.problems.is_empty(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
