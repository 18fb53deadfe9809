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

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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

/// Reads a manifest back: (hex digest, path) per line.
pub fn parse_manifest(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let (escaped, line) = match line.strip_prefix('\\') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let (hex, path) = line.split_once("  ").ok_or_else(|| format!("line {}: not `<sha256>  <path>`", i + 1))?;
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("line {}: `{hex}` is not a SHA-256 digest", i + 1));
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
    fn manifest_lines_round_trip_with_gnu_escaping() {
        let h = "a".repeat(64);
        for path in ["docs/a b.md", "source/x\\y.c", "docs/line\nbreak.txt", "docs/ünï.md"] {
            let line = manifest_line(&h, path);
            let parsed = parse_manifest(&line).unwrap();
            assert_eq!(parsed, vec![(h.clone(), path.to_string())], "{line:?}");
        }
        assert!(manifest_line(&h, "a\\b").starts_with('\\'));
        assert!(parse_manifest("xyz  file\n").is_err());
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
    }
}

/// Hashes already computed, by file, kept outside the deposit folders
/// (`.qoima/hash-cache.tsv` under the site root): a file whose size and modification time are
/// unchanged is not read again by `check`.
#[derive(Debug, Default)]
pub struct HashCache {
    entries: std::collections::HashMap<String, (u64, i64, u32, String)>,
}

/// Where the hash cache lives, relative to the site root.
pub const HASH_CACHE: &str = ".qoima/hash-cache.tsv";

impl HashCache {
    pub fn load(root: &Path) -> HashCache {
        let mut entries = std::collections::HashMap::new();
        if let Ok(text) = fs::read_to_string(root.join(HASH_CACHE)) {
            for line in text.lines() {
                let parts: Vec<&str> = line.split('\t').collect();
                if let [path, size, secs, nanos, hash] = parts[..]
                    && let (Ok(size), Ok(secs), Ok(nanos)) = (size.parse(), secs.parse(), nanos.parse())
                {
                    entries.insert(path.to_string(), (size, secs, nanos, hash.to_string()));
                }
            }
        }
        HashCache { entries }
    }

    /// The cached hash of a file, when its size and modification time are unchanged.
    pub fn get(&self, path: &str, size: u64, mtime: Option<(i64, u32)>) -> Option<&str> {
        let (s, secs, nanos, hash) = self.entries.get(path)?;
        (mtime == Some((*secs, *nanos)) && *s == size).then_some(hash.as_str())
    }

    pub fn insert(&mut self, path: String, size: u64, mtime: Option<(i64, u32)>, hash: String) {
        if let Some((secs, nanos)) = mtime
            && !path.contains(['\t', '\n'])
        {
            self.entries.insert(path, (size, secs, nanos, hash));
        }
    }

    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let path = root.join(HASH_CACHE);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut keys: Vec<&String> = self.entries.keys().collect();
        keys.sort();
        let mut text = String::new();
        for k in keys {
            let (size, secs, nanos, hash) = &self.entries[k];
            text.push_str(&format!("{k}\t{size}\t{secs}\t{nanos}\t{hash}\n"));
        }
        write_atomic(&path, text.as_bytes())
    }
}

/// What `qoima seal` did.
#[derive(Debug, serde::Serialize)]
pub struct Sealed {
    pub deposit: String,
    pub number: String,
    pub files: u64,
    pub bytes: u64,
    pub manifest: String,
}

/// Seals one deposit (`system/version`) of a checked catalog.
///
/// Refuses a deposit that has findings of error severity, or a seal already. Hashes first
/// (without the lock), then takes the number register's lock, issues the next number, and
/// writes the manifest and then seal.yaml, the seal's commit point.
pub fn seal_deposit(
    cat: &crate::catalog::Catalog,
    key: &str,
    by: &str,
    today: NaiveDate,
    bar: &indicatif::ProgressBar,
) -> Result<Sealed, String> {
    use chrono::Datelike;
    let (system, version) =
        key.split_once('/').ok_or_else(|| format!("`{key}`: name the deposit as SYSTEM/VERSION"))?;
    let deposit = cat
        .archive
        .system(system)
        .and_then(|s| s.deposits.iter().find(|d| d.version == version))
        .ok_or_else(|| format!("no deposit {key} in {}", cat.site.site.archive))?;
    if deposit.files.iter().any(|f| f.path == SEAL) {
        return Err(format!("{key} is sealed already; a seal is never replaced (deposit a new version instead)"));
    }
    let errors: Vec<String> = cat
        .findings
        .iter()
        .filter(|f| f.deposit.as_deref() == Some(key) && f.severity == crate::finding::Severity::Error)
        .map(|f| format!("  {}: error[{}]: {}", f.path, f.rule, f.message))
        .collect();
    if !errors.is_empty() {
        return Err(format!("{key} has errors; fix them and run `qoima check` before sealing:\n{}", errors.join("\n")));
    }
    let dir = cat.root.join(&deposit.dir);
    // An earlier seal of this deposit killed midway may have left temporaries; they are not
    // part of the deposit (the loader never lists them) and go now.
    crate::atomic::sweep(&dir);
    crate::atomic::sweep(&cat.root);
    let files = sealed_files(deposit);
    bar.set_length(deposit.files.iter().map(|f| f.size).sum());
    let (manifest, bytes) = manifest_of(&dir, &files, &|n| bar.inc(n))?;
    bar.finish_and_clear();
    let manifest_digest = hex(&Sha256::digest(manifest.as_bytes()).into_iter().collect::<Vec<u8>>());
    let known: Vec<String> = cat
        .archive
        .deposits()
        .flat_map(|(_, d)| d.events().iter())
        .filter(|e| cat.rulebooks.has_role(&e.kind.value, crate::rulebook::Role::DepositoryNumber))
        .filter_map(|e| e.number.as_ref().map(|n| n.value.clone()))
        .collect();
    let fmt = &cat.site.numbering;
    // A deposit numbered before qoima (a `depository_number` event) keeps its number.
    let recorded = cat.rulebooks.number_with_role(deposit.events(), crate::rulebook::Role::DepositoryNumber);
    let source = dir.join("source");
    let source_swhid = if source.is_dir() { crate::swhid::swhid_of_dir(&source).ok() } else { None };
    let lock = crate::numbers::lock(&cat.root, &format!("sealing {key}"), std::time::Duration::from_secs(60))?;
    let number = match recorded {
        Some(n) => n,
        None => {
            crate::numbers::issue(&cat.root, &fmt.format, fmt.width, today.year(), &today.to_string(), key, &known)?
        }
    };
    write_atomic(&dir.join(MANIFEST), manifest.as_bytes()).map_err(|e| format!("{}/{MANIFEST}: {e}", deposit.dir))?;
    let record = SealRecord {
        number: number.clone(),
        date: today,
        by: by.to_string(),
        files: files.len() as u64,
        bytes,
        manifest_sha256: manifest_digest,
        source_swhid,
    };
    write_atomic(&dir.join(SEAL), record.to_yaml().as_bytes()).map_err(|e| format!("{}/{SEAL}: {e}", deposit.dir))?;
    drop(lock);
    // Remember the hashes, so that `check` need not read the files again.
    let mut cache = HashCache::load(&cat.root);
    let by_path: std::collections::HashMap<&str, &crate::model::FileEntry> =
        deposit.files.iter().map(|f| (f.path.as_str(), f)).collect();
    for line in parse_manifest(&manifest)? {
        let rel = format!("{}/{}", deposit.dir, line.1);
        if let Some(f) = by_path.get(line.1.as_str()) {
            cache.insert(rel, f.size, f.mtime, line.0);
        }
    }
    let _ = cache.save(&cat.root);
    Ok(Sealed {
        deposit: key.to_string(),
        number,
        files: files.len() as u64,
        bytes,
        manifest: format!("{}/{MANIFEST}", deposit.dir),
    })
}
