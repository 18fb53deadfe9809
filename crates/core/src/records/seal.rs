//! The seal's records inside a sealed deposit folder and beside the archive: the manifest
//! (`manifest-sha256.txt`, in the format of GNU `sha256sum`), the seal record (`seal.yaml`),
//! and the hash cache that spares `check` reading unchanged files again. What they say is
//! read here; sealing itself is `crate::seal`.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::atomic::write as write_atomic;
use crate::hash::{hash_file, hex};
use crate::messages::Msg;
use crate::model::{Deposit, FileKind, SealRecord};

pub use crate::layout::{MANIFEST, SEAL};

/// One manifest line as GNU sha256sum writes it: a name with a backslash or a newline is
/// escaped and the line starts with a backslash.
pub fn manifest_line(hex: &str, path: &str) -> String {
    if path.contains(['\\', '\n', '\r']) {
        let escaped = path.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r");
        format!("\\{hex}  {escaped}\n")
    } else {
        format!("{hex}  {path}\n")
    }
}

/// A manifest line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// The line, from 1.
    pub line: usize,
    /// What is wrong with the line.
    pub problem: ManifestProblem,
}

/// What is wrong with a manifest line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestProblem {
    /// Not `<sha256>  <path>`.
    NotAPair,
    /// What stands for the digest is not 64 hex digits.
    NotADigest(String),
}

impl ManifestError {
    /// The message id of the translation files and its arguments.
    pub fn message(&self) -> (&'static str, crate::messages::Args) {
        let line = self.line.to_string();
        match &self.problem {
            ManifestProblem::NotAPair => ("manifest-line-not-a-pair", crate::args! { "line" => line }),
            ManifestProblem::NotADigest(digest) => {
                ("manifest-line-not-a-digest", crate::args! { "line" => line, "digest" => digest.as_str() })
            }
        }
    }

    /// The finding about the manifest at `path` (D1124-7: its seal cannot be checked).
    pub fn finding(&self, path: &str) -> crate::finding::Finding {
        let (id, args) = self.message();
        crate::finding::Finding::with_id(crate::finding::Severity::Error, "D1124-7", path, id, args)
    }
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (id, args) = self.message();
        f.write_str(&crate::messages::text(crate::messages::Lang::En, id, &args))
    }
}

impl std::error::Error for ManifestError {}

impl From<ManifestError> for Msg {
    fn from(e: ManifestError) -> Msg {
        let (id, args) = e.message();
        Msg::new(id, args)
    }
}

impl From<ManifestError> for String {
    fn from(e: ManifestError) -> String {
        e.to_string()
    }
}

/// Reads a manifest back: (hex digest, path) per line.
pub fn parse_manifest(text: &str) -> Result<crate::model::Manifest, ManifestError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let (escaped, line) = match line.strip_prefix('\\') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let error = |problem| ManifestError { line: i + 1, problem };
        let (hex, path) = line.split_once("  ").ok_or_else(|| error(ManifestProblem::NotAPair))?;
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(error(ManifestProblem::NotADigest(hex.to_string())));
        }
        let path = if escaped { unescape(path) } else { path.to_string() };
        out.push((hex.to_ascii_lowercase(), path));
    }
    Ok(out)
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a file of a deposit folder is the depository's own record about the deposit rather
/// than part of it: the seal (manifest and seal.yaml) and the verification conclusions, which
/// are added after sealing (D1124-40) and never covered by the seal.
pub fn is_record_of_the_depository(path: &str) -> bool {
    path == MANIFEST || path == SEAL || path.strip_prefix(super::CONCLUSIONS).is_some_and(|rest| rest.starts_with('/'))
}

/// The files a seal covers: every regular file of the deposit but the depository's records.
pub fn sealed_files(deposit: &Deposit) -> Vec<&str> {
    let mut files: Vec<&str> = deposit
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Regular && !is_record_of_the_depository(&f.path))
        .map(|f| f.path.as_str())
        .collect();
    files.sort_unstable();
    files
}

/// The manifest a deposit's files make by their cached hashes: (hash, path) in the manifest's
/// order, when every file is unchanged since it was hashed; `None` otherwise.
fn cached_entries<'d>(deposit: &'d Deposit, cache: &'d HashCache) -> Option<Vec<(&'d str, &'d str)>> {
    let mut files: Vec<&crate::model::FileEntry> =
        deposit.files.iter().filter(|f| f.kind == FileKind::Regular && !is_record_of_the_depository(&f.path)).collect();
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let mut key = String::with_capacity(deposit.dir.len() + 64);
    files
        .into_iter()
        .map(|f| {
            key.clear();
            key.push_str(&deposit.dir);
            key.push('/');
            key.push_str(&f.path);
            cache.get(&key, f).map(|hash| (hash, f.path.as_str()))
        })
        .collect()
}

/// The SHA-256 of the manifest a deposit's files make by their cached hashes, byte for byte as
/// a seal writes it, when every file is unchanged since it was hashed; `None` otherwise.
pub fn cached_manifest_sha256(deposit: &Deposit, cache: &HashCache) -> Option<String> {
    let mut sha = Sha256::new();
    for (hash, path) in cached_entries(deposit, cache)? {
        if path.contains(['\\', '\n', '\r']) {
            sha.update(manifest_line(hash, path).as_bytes());
        } else {
            for part in [hash, "  ", path, "\n"] {
                sha.update(part.as_bytes());
            }
        }
    }
    Some(hex(&sha.finalize()))
}

/// The manifest a deposit's files make by their cached hashes (see [`cached_manifest_sha256`]).
pub fn manifest_from_cache(deposit: &Deposit, cache: &HashCache) -> Option<crate::model::Manifest> {
    let entries = cached_entries(deposit, cache)?;
    Some(entries.into_iter().map(|(h, p)| (h.to_string(), p.to_string())).collect())
}

/// Hashes files of a folder in parallel; the manifest text, sorted by path, and the bytes read.
/// `progress` is told the size of each file hashed.
pub fn manifest_of(
    dir: &Path,
    files: &[&str],
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(String, u64), crate::error::Error> {
    let hashed: Vec<Result<(String, u64), crate::error::Error>> = files
        .par_iter()
        .map(|rel| {
            let path: PathBuf = dir.join(rel);
            let size = fs::metadata(&path).map_err(|e| crate::error::Error::io(rel, e))?.len();
            let digest = hash_file(&path).map_err(|e| crate::error::Error::io(rel, e))?;
            progress(size);
            Ok((manifest_line(&hex(&digest), rel), size))
        })
        .collect();
    let mut text = String::new();
    let mut bytes = 0;
    for h in hashed {
        let (line, size) = h?;
        text.push_str(&line);
        bytes += size;
    }
    Ok((text, bytes))
}

impl SealRecord {
    /// Reads seal.yaml. The lines qoima writes are read directly (a 10,000-deposit archive has
    /// 10,000 of them to read on every check); anything else goes through the YAML reader,
    /// which reads it as it reads any YAML and says what is wrong with its position.
    pub fn parse(text: &str) -> Result<SealRecord, crate::yaml::YamlError> {
        match SealRecord::read_written(text) {
            Some(record) => Ok(record),
            None => crate::yaml::parse(text),
        }
    }

    /// seal.yaml exactly as [`SealRecord::to_yaml`] writes it: a comment line, then one
    /// `key: value` line per field, strings in double quotes; `None` for anything else.
    fn read_written(text: &str) -> Option<SealRecord> {
        fn quoted(v: &str) -> Option<String> {
            let inner = v.strip_prefix('"')?.strip_suffix('"')?;
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next()? {
                        c @ ('\\' | '"') => out.push(c),
                        _ => return None,
                    },
                    '"' => return None,
                    c if c.is_control() => return None,
                    c => out.push(c),
                }
            }
            Some(out)
        }
        let mut lines = text.lines();
        if !lines.next()?.starts_with("# ") {
            return None;
        }
        let mut next = |key: &str| lines.next()?.strip_prefix(key)?.strip_prefix(": ");
        // A whole number as `to_yaml` writes it: digits, no sign, no leading zero.
        fn count(v: &str) -> Option<u64> {
            let canonical = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && (v == "0" || !v.starts_with('0'));
            canonical.then(|| v.parse().ok()).flatten()
        }
        let number = quoted(next("number")?)?;
        let date = next("date")?;
        // Written as chrono writes a date: four-digit year, two-digit month and day.
        let date = crate::records::written_date(date)?;
        let by = quoted(next("by")?)?;
        let files = count(next("files")?)?;
        let bytes = count(next("bytes")?)?;
        let manifest_sha256 = quoted(next("manifest_sha256")?)?;
        let source_swhid = match lines.next() {
            None => None,
            Some(line) => Some(quoted(line.strip_prefix("source_swhid: ")?)?),
        };
        // Only what writing it again gives back: a double-quoted value reads back to one text
        // only (the two escapes `quoted` takes are the two `to_yaml` writes), and nothing more,
        // not even an empty line, may follow.
        (lines.next().is_none() && text.ends_with('\n') && !text.ends_with("\n\n")).then_some(SealRecord {
            number,
            date,
            by,
            files,
            bytes,
            manifest_sha256,
            source_swhid,
        })
    }

    /// The text of `seal.yaml`: a comment line, then one `key: value` line per field.
    pub fn to_yaml(&self) -> String {
        let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        format!(
            "# The seal of this deposit (D1124-7, D1124-41). Written by qoima; never edit it.\nnumber: {}\ndate: {}\nby: {}\nfiles: {}\nbytes: {}\nmanifest_sha256: {}\n{}",
            q(&self.number),
            self.date,
            q(&self.by),
            self.files,
            self.bytes,
            q(&self.manifest_sha256),
            self.source_swhid.as_ref().map(|s| format!("source_swhid: {}\n", q(s))).unwrap_or_default()
        )
    }
}

/// Hashes already computed, by file, kept outside the deposit folders
/// (`.qoima/hash-cache.tsv` under the site root): a file whose size, modification time, status
/// change time and inode are unchanged is not read again by `check`. Putting a file's
/// modification time back after changing it does not fool it (the change time moves, and
/// nobody can set it); replacing the file changes its inode. `check` is the quick look;
/// `fixity` reads every byte again and is the proof.
///
/// The file is read when a hash is first asked for: a check whose every seal the seal cache
/// vouches for never reads it.
#[derive(Debug, Default)]
pub struct HashCache {
    /// The site root, when the cache is to be read from it.
    root: Option<PathBuf>,
    entries: std::sync::OnceLock<foldhash::HashMap<String, (Stamp, String)>>,
}

/// What must be unchanged for a cached hash to hold: size, mtime, ctime, inode.
pub type Stamp = (u64, (i64, u32), (i64, u32), u64);

/// A file's marks as the caches compare them.
pub fn stamp(f: &crate::model::FileEntry) -> Option<Stamp> {
    Some((f.size, f.mtime?, f.ctime?, f.ino))
}

/// Where the hash cache lives, relative to the site root.
pub const HASH_CACHE: &str = ".qoima/hash-cache.tsv";

impl HashCache {
    /// The hash cache of the site at `root`, read when first needed.
    pub fn load(root: &Path) -> HashCache {
        HashCache { root: Some(root.to_path_buf()), entries: std::sync::OnceLock::new() }
    }

    fn entries(&self) -> &foldhash::HashMap<String, (Stamp, String)> {
        self.entries.get_or_init(|| self.root.as_deref().map(Self::read).unwrap_or_default())
    }

    fn entries_mut(&mut self) -> &mut foldhash::HashMap<String, (Stamp, String)> {
        self.entries();
        self.entries.get_mut().expect("read just now")
    }

    fn read(root: &Path) -> foldhash::HashMap<String, (Stamp, String)> {
        let mut entries = foldhash::HashMap::default();
        if let Ok(text) = fs::read_to_string(root.join(HASH_CACHE)) {
            entries.reserve(text.len() / 150);
            for line in text.lines() {
                let mut parts = line.split('\t');
                let mut next = || parts.next();
                let (Some(path), Some(size), Some(ms), Some(mn), Some(cs), Some(cn), Some(ino), Some(hash), None) =
                    (next(), next(), next(), next(), next(), next(), next(), next(), next())
                else {
                    continue;
                };
                let num = |s: &str| s.parse::<i64>().ok();
                if let (Ok(size), Some(ms), Ok(mn), Some(cs), Ok(cn), Ok(ino)) =
                    (size.parse(), num(ms), mn.parse(), num(cs), cn.parse(), ino.parse())
                {
                    entries.insert(path.to_string(), ((size, (ms, mn), (cs, cn), ino), hash.to_string()));
                }
            }
        }
        entries
    }

    /// The cached hash of a file (`path` relative to the site root), when nothing about it
    /// changed.
    pub fn get(&self, path: &str, file: &crate::model::FileEntry) -> Option<&str> {
        let (s, hash) = self.entries().get(path)?;
        (stamp(file) == Some(*s)).then_some(hash.as_str())
    }

    /// Keeps `hash` for `path` (relative to the site root) with the file's marks; a file
    /// without times, or a path with a tab or a line break, is not kept.
    pub fn insert(&mut self, path: String, file: &crate::model::FileEntry, hash: String) {
        if let Some(s) = stamp(file)
            && !path.contains(['\t', '\n'])
        {
            self.entries_mut().insert(path, (s, hash));
        }
    }

    /// Writes the cache to `.qoima/hash-cache.tsv` under the site root `root`, sorted, atomically.
    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        save_sorted(root, HASH_CACHE, self.entries(), |text, k, ((size, (ms, mn), (cs, cn), ino), hash)| {
            text.push_str(&format!("{k}\t{size}\t{ms}\t{mn}\t{cs}\t{cn}\t{ino}\t{hash}\n"));
        })
    }
}

/// Writes a cache of qoima's (`rel` under the site root) atomically, one line per entry made
/// by `line`, sorted by key.
pub(crate) fn save_sorted<V>(
    root: &Path,
    rel: &str,
    entries: &foldhash::HashMap<String, V>,
    line: impl Fn(&mut String, &str, &V),
) -> std::io::Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut keys: Vec<&String> = entries.keys().collect();
    keys.sort();
    let mut text = String::new();
    for k in keys {
        line(&mut text, k, &entries[k]);
    }
    write_atomic(&path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn manifest_lines_round_trip_with_gnu_escaping() {
        let h = "a".repeat(64);
        for path in ["docs/a b.md", "source/x\\y.c", "docs/line\nbreak.txt", "docs/ünï.md"] {
            let line = manifest_line(&h, path);
            let parsed = parse_manifest(&line).unwrap();
            assert_eq!(parsed, vec![(h.clone(), path.to_string())], "{line:?}");
        }
        assert!(manifest_line(&h, "a\\b").starts_with('\\'));
        let e = parse_manifest(&format!("{}{}", manifest_line(&h, "a"), "xyz  file\n")).unwrap_err();
        assert_eq!(e, ManifestError { line: 2, problem: ManifestProblem::NotADigest("xyz".into()) });
        assert_eq!(e.to_string(), "line 2: `xyz` is not a SHA-256 digest");
        let e = parse_manifest("no two spaces\n").unwrap_err();
        assert_eq!(e.to_string(), "line 1: not `<sha256>  <path>`");
        let f = e.finding("archive/a/1.0/manifest-sha256.txt");
        assert_eq!((f.message_id.as_deref(), f.rule.as_str()), (Some("manifest-line-not-a-pair"), "D1124-7"));
        assert_eq!(f.args, Some(crate::args! { "line" => "1" }));
    }

    #[test]
    fn seal_record_reads_back() {
        let r = SealRecord {
            number: "KZ-DEP-2026-000001".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            by: "Ахметова \"Г\"".into(),
            files: 3,
            bytes: 10,
            manifest_sha256: "0".repeat(64),
            source_swhid: Some("swh:1:dir:0000000000000000000000000000000000000000".into()),
        };
        let back: SealRecord = crate::yaml::parse(&r.to_yaml()).unwrap();
        assert_eq!(back.by, r.by);
        assert_eq!(back.number, r.number);
        assert_eq!(back.source_swhid, r.source_swhid);
        // Read directly, the same record; anything else goes through the YAML reader.
        let direct = SealRecord::read_written(&r.to_yaml()).unwrap();
        assert_eq!(format!("{direct:?}"), format!("{back:?}"));
        let without = SealRecord { source_swhid: None, ..r.clone() };
        assert!(SealRecord::read_written(&without.to_yaml()).is_some());
        for other in [
            r.to_yaml().replace("files: 3", "files: 03"),
            r.to_yaml().replace("number: \"", "number:  \""),
            format!("{}extra: 1\n", r.to_yaml()),
            r.to_yaml().replace("date: 2026-11-23", "date: 2026-11-31"),
            r.to_yaml().replace("date: 2026-11-23", "date: 2026-11-3"),
            r.to_yaml().replace("bytes: 10", "bytes: +10"),
            r.to_yaml().replace("bytes: 10", "bytes: 10 "),
            format!("{}\n", r.to_yaml()),
            r.to_yaml().trim_end().to_string(),
        ] {
            assert!(SealRecord::read_written(&other).is_none(), "{other}");
        }
        let spaced = r.to_yaml().replace("files: 3", "files:   3");
        assert!(SealRecord::read_written(&spaced).is_none());
        assert!(SealRecord::parse(&spaced).is_ok_and(|x| x.files == 3));
        assert!(SealRecord::parse(&format!("{}extra: 1\n", r.to_yaml())).is_err());
    }
}
