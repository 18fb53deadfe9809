//! Sealing a deposit: SHA-256 of every file in a manifest that `sha256sum -c` reads, a seal
//! record, and the next depository number (D1124-41). A sealed deposit is never changed
//! (D1124-7): `check` compares it with its manifest.
//!
//! Everything is written through a temporary file, fsync and rename, so a crash leaves either
//! no seal or a whole one.

use crate::atomic::write as write_atomic;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::messages::{Lang, Msg};
use crate::model::{Deposit, FileKind};

/// The manifest inside a sealed deposit folder, in the format of GNU `sha256sum`.
pub const MANIFEST: &str = "manifest-sha256.txt";
/// The seal record inside a sealed deposit folder.
pub const SEAL: &str = "seal.yaml";

/// SHA-256 of a file, read in 1 MiB pieces (memory stays bounded whatever the size).
pub fn hash_file(path: &Path) -> std::io::Result<[u8; 32]> {
    let mut f = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    // Never more than 1 MiB, and no more than the file needs (small files are the common case).
    let len = f.metadata().map(|m| m.len()).unwrap_or(1 << 20);
    let mut buf = vec![0u8; len.clamp(4096, 1 << 20) as usize + 1];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().into())
}

/// Fills `buf` from a reader as far as it goes; fewer bytes only at the end of the stream.
pub fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Bytes in lower-case hexadecimal (the BagIt crate's).
pub fn hex(bytes: &[u8]) -> String {
    bagit::hex(bytes)
}

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
    path == MANIFEST
        || path == SEAL
        || path.strip_prefix(crate::examine::CONCLUSIONS).is_some_and(|rest| rest.starts_with('/'))
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
pub fn manifest_of(dir: &Path, files: &[&str], progress: &(dyn Fn(u64) + Sync)) -> Result<(String, u64), String> {
    let hashed: Vec<Result<(String, u64), String>> = files
        .par_iter()
        .map(|rel| {
            let path: PathBuf = dir.join(rel);
            let size = fs::metadata(&path).map_err(|e| format!("{rel}: {e}"))?.len();
            let digest = hash_file(&path).map_err(|e| format!("{rel}: {e}"))?;
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

/// What a seal records (seal.yaml).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealRecord {
    pub number: String,
    pub date: NaiveDate,
    pub by: String,
    pub files: u64,
    pub bytes: u64,
    /// SHA-256 of the manifest file itself.
    pub manifest_sha256: String,
    /// The SWHID of `source/` (`swh:1:dir:…`), to cross-reference the code with Software
    /// Heritage.
    #[serde(default)]
    pub source_swhid: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lowercase_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(hex(&[]), "");
    }

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

    pub fn insert(&mut self, path: String, file: &crate::model::FileEntry, hash: String) {
        if let Some(s) = stamp(file)
            && !path.contains(['\t', '\n'])
        {
            self.entries_mut().insert(path, (s, hash));
        }
    }

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

/// What `qoima seal` did.
#[derive(Debug, serde::Serialize)]
pub struct Sealed {
    pub deposit: String,
    pub number: String,
    pub files: u64,
    pub bytes: u64,
    pub manifest: String,
    /// The register's line for the deposit.
    pub register_line: u32,
    /// The journal entry written (the depository_number event), when one was.
    pub journal: Option<String>,
    /// What this run did: `sealed`, `completed` (a seal interrupted earlier, finished) or
    /// `registered` (an existing seal put into the register).
    pub action: &'static str,
}

/// The deposit `system/version` of a catalog.
pub fn find<'c>(cat: &'c crate::catalog::Catalog, key: &str) -> Result<&'c Deposit, Msg> {
    let key = key.trim_end_matches('/');
    let (system, version) =
        key.split_once('/').ok_or_else(|| Msg::new("seal-deposit-unnamed", crate::args! { "key" => key }))?;
    cat.archive.system(system).and_then(|s| s.deposits.iter().find(|d| d.version == version)).ok_or_else(|| {
        Msg::new("seal-deposit-unknown", crate::args! { "key" => key, "archive" => cat.site.site.archive.as_str() })
    })
}

/// The kind of event that records a depository number in the deposit's rulebook.
fn number_kind(cat: &crate::catalog::Catalog, key: &str) -> String {
    let book = cat.deposit_rulebooks.get(key).and_then(|c| c.id()).and_then(|id| cat.rulebooks.get(id));
    book.and_then(|b| {
        b.events.iter().find(|e| e.role == Some(crate::rulebook::Role::DepositoryNumber)).map(|e| e.kind.clone())
    })
    .unwrap_or_else(|| "depository_number".to_string())
}

/// How long a seal waits for another run holding the records' lock.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// A deposit hashed and ready to be sealed: what [`Sealer::seal`] needs, made without the lock.
pub struct Prepared<'c> {
    deposit: &'c Deposit,
    manifest: String,
    bytes: u64,
    files: u64,
    source_swhid: Option<String>,
}

/// Hashes a deposit that is to be sealed. Refuses one sealed already and one with findings of
/// error severity — except a seal interrupted after its line was registered: its files were
/// checked then, and the seal written now must hash to the registered one.
pub fn prepare<'c>(
    cat: &'c crate::catalog::Catalog,
    key: &str,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Prepared<'c>, Msg> {
    let deposit = find(cat, key)?;
    let key = deposit.key();
    let resuming = cat.register.of(&key).is_some();
    if deposit.sealed.as_ref().is_some_and(|d| d.seal.is_some()) {
        return Ok(Prepared { deposit, manifest: String::new(), bytes: 0, files: 0, source_swhid: None });
    }
    let errors: Vec<&crate::finding::Finding> = cat
        .findings
        .iter()
        .filter(|f| !resuming && f.deposit.as_deref() == Some(key.as_str()))
        .filter(|f| f.severity == crate::finding::Severity::Error)
        .collect();
    if !errors.is_empty() {
        // Each finding in each language, as `check` says it.
        let lines = crate::messages::in_each_language(|i| {
            let lang = Lang::ALL[i];
            let line = |f: &&crate::finding::Finding| format!("  {}: error[{}]: {}", f.path, f.rule, f.text(lang));
            errors.iter().map(line).collect::<Vec<_>>().join("\n")
        });
        return Err(Msg::new("seal-has-errors", crate::args! { "key" => key.as_str(), "errors" => lines }));
    }
    let dir = cat.root.join(&deposit.dir);
    // An earlier seal of this deposit killed midway may have left temporaries; they are not
    // part of the deposit (the loader never lists them) and go now.
    crate::atomic::sweep(&dir);
    let files = sealed_files(deposit);
    let (manifest, bytes) = manifest_of(&dir, &files, progress).map_err(Msg::from)?;
    let source = dir.join("source");
    let source_swhid = if source.is_dir() { crate::swhid::swhid_of_dir(&source).ok() } else { None };
    Ok(Prepared { deposit, manifest, bytes, files: files.len() as u64, source_swhid })
}

/// Seals deposits of a checked catalog: the depository act (D1124-41). Holds the records' lock
/// from [`Sealer::new`] to [`Sealer::finish`], with the register read once.
///
/// Each seal issues the next number (a deposit numbered before qoima, by a `depository_number`
/// event, keeps its number), appends the deposit's line to the depository register (number,
/// date, who, the SHA-256 of the manifest and of seal.yaml, chained to the line before),
/// records the depository_number event in the system's journal, and writes the manifest and
/// then seal.yaml, the seal's commit point. A run killed midway is completed by the next: the
/// register's line decides the number, the date and who sealed, so the seal written then is
/// byte for byte the one registered.
pub struct Sealer<'c> {
    cat: &'c crate::catalog::Catalog,
    today: NaiveDate,
    by: String,
    register: crate::records::register::Open,
    cache: HashCache,
    seals: crate::seal_cache::SealCache,
    lock: crate::records::register::Lock,
}

impl<'c> Sealer<'c> {
    /// Takes the records' lock and reads the register.
    pub fn new(cat: &'c crate::catalog::Catalog, by: &str, today: NaiveDate, what: &str) -> Result<Sealer<'c>, Msg> {
        let lock = crate::records::register::lock(&cat.root, what, LOCK_WAIT)?;
        crate::atomic::sweep(&cat.root);
        let known: Vec<String> = cat
            .archive
            .deposits()
            .flat_map(|(_, d)| d.events().iter())
            .filter(|e| cat.rulebooks.has_role(&e.kind.value, crate::rulebook::Role::DepositoryNumber))
            .filter_map(|e| e.number.as_ref().map(|n| n.value.clone()))
            .collect();
        let fmt = &cat.site.numbering;
        let register = crate::records::register::Open::read(&cat.root, &fmt.format, fmt.width, &known)?;
        let (cache, seals) = (HashCache::load(&cat.root), crate::seal_cache::SealCache::load(&cat.root));
        Ok(Sealer { cat, today, by: by.to_string(), register, cache, seals, lock })
    }

    /// Seals one prepared deposit.
    pub fn seal(&mut self, p: Prepared) -> Result<Sealed, Msg> {
        let cat = self.cat;
        let deposit = p.deposit;
        let key = deposit.key();
        let dir = cat.root.join(&deposit.dir);
        let given = self.register.register.of(&key).cloned();
        // Looked at under the lock: another run may have sealed it since the catalog was read.
        if fs::symlink_metadata(dir.join(SEAL)).is_ok() {
            if let Some(e) = &given
                && deposit.sealed.as_ref().is_some_and(|d| {
                    d.seal.as_deref() == Some(e.seal_sha256.as_str())
                        && d.manifest.as_deref() == Some(e.manifest_sha256.as_str())
                })
                && let Some(line) = self.record_number(deposit, &e.number, e.date)?
            {
                return Ok(Sealed {
                    deposit: key,
                    number: e.number.clone(),
                    files: cat.manifest_of(deposit).len() as u64,
                    bytes: deposit.seal.as_ref().map_or(0, |s| s.record.bytes),
                    manifest: format!("{}/{MANIFEST}", deposit.dir),
                    register_line: e.line,
                    journal: Some(line),
                    action: "completed",
                });
            }
            return Err(Msg::new("seal-sealed-already", crate::args! { "key" => key }));
        }
        let manifest_digest = crate::records::sha256_hex(p.manifest.as_bytes());
        // A seal killed after its line was registered is written now exactly as registered.
        let (number, date, by) = match &given {
            Some(e) => (e.number.clone(), e.date, e.by.clone()),
            None => {
                let recorded =
                    cat.rulebooks.number_with_role(deposit.events(), crate::rulebook::Role::DepositoryNumber);
                (recorded.unwrap_or_else(|| self.register.next_number(self.today)), self.today, self.by.clone())
            }
        };
        let record = SealRecord {
            number: number.clone(),
            date,
            by: by.clone(),
            files: p.files,
            bytes: p.bytes,
            manifest_sha256: manifest_digest.clone(),
            source_swhid: p.source_swhid,
        };
        let seal_text = record.to_yaml();
        let seal_digest = crate::records::sha256_hex(seal_text.as_bytes());
        let entry = match given {
            Some(e) if e.seal_sha256 == seal_digest && e.manifest_sha256 == manifest_digest => e,
            Some(e) => {
                let args = crate::args! { "key" => key, "line" => e.line.to_string(), "number" => e.number };
                return Err(Msg::new("seal-register-differs", args));
            }
            None => self.register.append(&number, date, &key, &by, &manifest_digest, &seal_digest)?,
        };
        // The journal before the seal files: seal.yaml, written last, is the seal's commit
        // point, and a deposit that has one has its number recorded.
        let journal = self.record_number(deposit, &number, date)?;
        write_atomic(&dir.join(MANIFEST), p.manifest.as_bytes())
            .map_err(|e| Msg::from(format!("{}/{MANIFEST}: {e}", deposit.dir)))?;
        write_atomic(&dir.join(SEAL), seal_text.as_bytes())
            .map_err(|e| Msg::from(format!("{}/{SEAL}: {e}", deposit.dir)))?;
        // Remember the hashes, so that `check` need not read the files again.
        let by_path: std::collections::HashMap<&str, &crate::model::FileEntry> =
            deposit.files.iter().map(|f| (f.path.as_str(), f)).collect();
        for (hash, path) in parse_manifest(&p.manifest).map_err(Msg::from)? {
            if let Some(f) = by_path.get(path.as_str()) {
                self.cache.insert(format!("{}/{path}", deposit.dir), f, hash);
            }
        }
        self.seals.remember_written(&deposit.dir, &dir, &deposit.files, &seal_text, &manifest_digest);
        Ok(Sealed {
            deposit: key,
            number,
            files: p.files,
            bytes: p.bytes,
            manifest: format!("{}/{MANIFEST}", deposit.dir),
            register_line: entry.line,
            journal,
            action: "sealed",
        })
    }

    /// Puts a seal made before the register existed into it, dated today, with who sealed it as
    /// its seal.yaml says, after checking every file against its manifest; nothing in the
    /// deposit is written.
    pub fn register_existing(&mut self, key: &str, progress: &(dyn Fn(u64) + Sync)) -> Result<Sealed, Msg> {
        let deposit = find(self.cat, key)?;
        let key = deposit.key();
        if let Some(e) = self.register.register.of(&key) {
            let args = crate::args! { "key" => key, "number" => e.number.as_str(), "line" => e.line.to_string() };
            return Err(Msg::new("seal-registered-already", args));
        }
        let (Some(seal), Some(digests)) = (&deposit.seal, &deposit.sealed) else {
            return Err(Msg::new("seal-unreadable", crate::args! { "key" => key }));
        };
        let (Some(seal_sha), Some(manifest_sha)) = (&digests.seal, &digests.manifest) else {
            return Err(Msg::new("seal-record-unreadable", crate::args! { "key" => key }));
        };
        let dir = self.cat.root.join(&deposit.dir);
        let registered = self.cat.manifest_of(deposit);
        let mut sealed: Vec<&str> = registered.iter().map(|(_, p)| p.as_str()).collect();
        let (manifest, _) = manifest_of(&dir, &sealed, progress).map_err(Msg::from)?;
        let mut listed: Vec<&str> = sealed_files(deposit);
        listed.sort_unstable();
        sealed.sort_unstable();
        if crate::records::sha256_hex(manifest.as_bytes()) != *manifest_sha || listed != sealed {
            return Err(Msg::new("seal-files-differ", crate::args! { "key" => key }));
        }
        let number = &seal.record.number;
        let entry = self.register.append(number, self.today, &key, &seal.record.by, manifest_sha, seal_sha)?;
        // Its files were just compared with its manifest: remembered as found intact.
        if let Ok(seal_text) = fs::read_to_string(dir.join(SEAL))
            && crate::records::sha256_hex(seal_text.as_bytes()) == *seal_sha
        {
            self.seals.remember_written(&deposit.dir, &dir, &deposit.files, &seal_text, manifest_sha);
        }
        let journal = self.record_number(deposit, number, seal.record.date)?;
        Ok(Sealed {
            deposit: key,
            number: number.clone(),
            files: registered.len() as u64,
            bytes: seal.record.bytes,
            manifest: format!("{}/{MANIFEST}", deposit.dir),
            register_line: entry.line,
            journal,
            action: "registered",
        })
    }

    /// Appends the depository_number event to the system's journal unless the deposit's events
    /// record that number already.
    fn record_number(&self, deposit: &Deposit, number: &str, date: NaiveDate) -> Result<Option<String>, Msg> {
        let cat = self.cat;
        let is_number =
            |e: &crate::meta::Event| cat.rulebooks.has_role(&e.kind.value, crate::rulebook::Role::DepositoryNumber);
        if deposit.events().iter().any(|e| is_number(e) && e.number.as_ref().is_some_and(|n| n.value == number)) {
            return Ok(None);
        }
        // Read again under the lock: a run killed after recording it, or another run, may
        // have recorded it since the catalog was read.
        let system_abs = cat.root.join(&deposit.dir).parent().map(Path::to_path_buf).unwrap_or_default();
        let text = crate::records::journal::current_text(&system_abs)?;
        let journal = crate::records::journal::Journal::parse(&text, "");
        if journal
            .of_deposit(&deposit.version)
            .any(|e| is_number(e) && e.number.as_ref().is_some_and(|n| n.value == number))
        {
            return Ok(None);
        }
        let entry = crate::records::journal::NewEntry {
            deposit: Some(deposit.version.clone()),
            kind: number_kind(cat, &deposit.key()),
            date: Some(date),
            number: Some(number.to_string()),
            ..Default::default()
        };
        crate::records::journal::append(&system_abs, &entry).map(Some).map_err(Msg::from)
    }

    /// Saves the hashes of the sealed files and the seals written, and releases the lock.
    pub fn finish(self) {
        let _ = self.cache.save(&self.cat.root);
        let _ = self.seals.save(&self.cat.root);
        drop(self.lock);
    }
}
