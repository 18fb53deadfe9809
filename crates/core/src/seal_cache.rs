//! Seals found intact, kept beside the hash cache (`.qoima/seals.tsv` under the site root), so
//! that `check` need not read every seal again.
//!
//! An entry names a deposit folder, the size, modification and status change times and inode
//! of its `seal.yaml` and `manifest-sha256.txt` when the seal was written (or last proven by
//! `fixity`), the SHA-256 of both files, and the text of `seal.yaml`. While both files are
//! unchanged by those four marks (a file written again gets a new status change time, which
//! nobody can set, and a file replaced gets a new inode), `check` takes the seal from here.
//! It then compares the deposit's files with the manifest by the SHA-256 of the manifest their
//! cached hashes make (see [`crate::records::seal::manifest_from_cache`]); when any file changed, or a
//! hash is not cached, it reads the manifest itself and compares file by file, as without
//! this cache. A damaged entry is ignored: the seal's text must hash to the SHA-256 it is kept
//! with. `fixity` reads every byte again and remains the proof.

use std::fs;
use std::path::Path;

use crate::model::FileEntry;
use crate::records::seal::{Stamp, stamp};

/// Where the seal cache lives, relative to the site root.
pub const SEAL_CACHE: &str = ".qoima/seals.tsv";

/// A seal as it was when written or proven.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    seal: Stamp,
    manifest: Stamp,
    /// The SHA-256 of seal.yaml.
    pub seal_sha256: String,
    /// The SHA-256 of manifest-sha256.txt.
    pub manifest_sha256: String,
    /// The [`fingerprint`] of the sealed files when they were found to make the manifest.
    pub files: String,
    /// The text of seal.yaml.
    pub seal_text: String,
}

/// The seals found intact, by deposit folder (relative to the site root).
#[derive(Debug, Default)]
pub struct SealCache {
    entries: foldhash::HashMap<String, Cached>,
}

fn write_stamp(out: &mut String, (size, (ms, mn), (cs, cn), ino): &Stamp) {
    use std::fmt::Write;
    let _ = write!(out, "{size}\t{ms}\t{mn}\t{cs}\t{cn}\t{ino}");
}

fn read_stamp(parts: &mut std::str::Split<'_, char>) -> Option<Stamp> {
    let mut next = || parts.next();
    let (size, ms, mn, cs, cn, ino) = (next()?, next()?, next()?, next()?, next()?, next()?);
    Some((
        size.parse().ok()?,
        (ms.parse().ok()?, mn.parse().ok()?),
        (cs.parse().ok()?, cn.parse().ok()?),
        ino.parse().ok()?,
    ))
}

/// The SHA-256 of the paths and marks (size, modification and status change times, inode) of
/// the files a seal covers, in the manifest's order: equal while none of them was changed,
/// added, removed or renamed. `None` when a mark is unknown.
pub fn fingerprint(files: &[FileEntry]) -> Option<String> {
    use sha2::Digest;
    let mut sealed: Vec<&FileEntry> = files
        .iter()
        .filter(|f| {
            f.kind == crate::model::FileKind::Regular && !crate::records::seal::is_record_of_the_depository(&f.path)
        })
        .collect();
    sealed.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let mut sha = sha2::Sha256::new();
    for f in sealed {
        let (size, (ms, mn), (cs, cn), ino) = stamp(f)?;
        sha.update(f.path.as_bytes());
        sha.update([0]);
        for n in [size, ms as u64, u64::from(mn), cs as u64, u64::from(cn), ino] {
            sha.update(n.to_le_bytes());
        }
    }
    Some(crate::hash::hex(&sha.finalize()))
}

/// seal.yaml's text on one line: backslashes, tabs and line breaks escaped.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
}

fn unescape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '\\' => match chars.next()? {
                '\\' => '\\',
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                _ => return None,
            },
            c => c,
        });
    }
    Some(out)
}

impl SealCache {
    /// Reads the cache (empty when there is none or it cannot be read; lines that cannot be
    /// read are left out).
    pub fn load(root: &Path) -> SealCache {
        let mut entries = foldhash::HashMap::default();
        if let Ok(text) = fs::read_to_string(root.join(SEAL_CACHE)) {
            for line in text.lines() {
                if let Some((dir, cached)) = Self::read_line(line) {
                    entries.insert(dir.to_string(), cached);
                }
            }
        }
        SealCache { entries }
    }

    fn read_line(line: &str) -> Option<(&str, Cached)> {
        let mut parts = line.split('\t');
        let dir = parts.next()?;
        let seal = read_stamp(&mut parts)?;
        let manifest = read_stamp(&mut parts)?;
        let (seal_sha256, manifest_sha256, files, text) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let seal_text = unescape(text)?;
        // A damaged line is no entry.
        (parts.next().is_none() && crate::records::sha256_hex(seal_text.as_bytes()) == seal_sha256).then(|| {
            (
                dir,
                Cached {
                    seal,
                    manifest,
                    seal_sha256: seal_sha256.into(),
                    manifest_sha256: manifest_sha256.into(),
                    files: files.into(),
                    seal_text,
                },
            )
        })
    }

    /// The cached seal of the deposit folder `dir`, when its seal.yaml (`seal`) and manifest
    /// (`manifest`), as walked now, are unchanged since.
    pub fn get(&self, dir: &str, seal: &FileEntry, manifest: &FileEntry) -> Option<&Cached> {
        let cached = self.entries.get(dir)?;
        (stamp(seal) == Some(cached.seal) && stamp(manifest) == Some(cached.manifest)).then_some(cached)
    }

    /// Remembers the seal of the deposit folder `dir` whose seal.yaml has the text `seal_text`
    /// and whose manifest the SHA-256 `manifest_sha256`, with the marks of both files (`seal`,
    /// `manifest`) and of the deposit's files (`files`, which make that manifest) as they were
    /// when that was known: a file changed since then no longer matches. Nothing is remembered
    /// when a mark is unknown.
    pub fn remember(
        &mut self,
        dir: &str,
        seal: &FileEntry,
        manifest: &FileEntry,
        files: &[FileEntry],
        seal_text: &str,
        manifest_sha256: &str,
    ) {
        let (Some(seal), Some(manifest), Some(files)) = (stamp(seal), stamp(manifest), fingerprint(files)) else {
            return;
        };
        if seal.0 != seal_text.len() as u64 || dir.contains(['\t', '\n', '\r']) {
            return;
        }
        let cached = Cached {
            seal,
            manifest,
            seal_sha256: crate::records::sha256_hex(seal_text.as_bytes()),
            manifest_sha256: manifest_sha256.to_string(),
            files,
            seal_text: seal_text.to_string(),
        };
        self.entries.insert(dir.to_string(), cached);
    }

    /// Remembers a seal just written to the deposit folder `abs` (see [`SealCache::remember`]).
    pub fn remember_written(
        &mut self,
        dir: &str,
        abs: &Path,
        files: &[FileEntry],
        seal_text: &str,
        manifest_sha256: &str,
    ) {
        let entry = |name: &str| entry_of(&abs.join(name));
        if let (Some(seal), Some(manifest)) = (entry(crate::records::seal::SEAL), entry(crate::records::seal::MANIFEST))
        {
            self.remember(dir, &seal, &manifest, files, seal_text, manifest_sha256);
        }
    }

    /// Writes the cache (atomically), sorted by folder.
    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        crate::records::seal::save_sorted(root, SEAL_CACHE, &self.entries, |text, k, c| {
            text.push_str(k);
            text.push('\t');
            write_stamp(text, &c.seal);
            text.push('\t');
            write_stamp(text, &c.manifest);
            text.push('\t');
            text.push_str(&c.seal_sha256);
            text.push('\t');
            text.push_str(&c.manifest_sha256);
            text.push('\t');
            text.push_str(&c.files);
            text.push('\t');
            text.push_str(&escape(&c.seal_text));
            text.push('\n');
        })
    }
}

/// A regular file's entry as the walk would list it (its marks for the caches); `None` when it
/// is no regular file or cannot be looked at. Its `path` is empty.
pub fn entry_of(path: &Path) -> Option<FileEntry> {
    crate::platform::regular_file(path).map(|m| FileEntry {
        path: String::new(),
        size: m.len,
        mtime: m.mtime,
        ctime: m.ctime,
        ino: m.ino,
        kind: crate::model::FileKind::Regular,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_survive_saving_and_a_damaged_one_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let deposit = dir.path().join("archive/s/1.0");
        fs::create_dir_all(&deposit).unwrap();
        let seal_text = "# seal\nnumber: \"A\\\\B\ttab\"\n";
        fs::write(deposit.join(crate::records::seal::SEAL), seal_text).unwrap();
        fs::write(deposit.join(crate::records::seal::MANIFEST), "m").unwrap();
        let mut cache = SealCache::default();
        cache.remember_written("archive/s/1.0", &deposit, &[], seal_text, "ff");
        cache.save(dir.path()).unwrap();
        let loaded = SealCache::load(dir.path());
        let seal = entry_of(&deposit.join(crate::records::seal::SEAL)).unwrap();
        let manifest = entry_of(&deposit.join(crate::records::seal::MANIFEST)).unwrap();
        let got = loaded.get("archive/s/1.0", &seal, &manifest).unwrap();
        assert_eq!(got.seal_text, seal_text);
        assert_eq!(got.manifest_sha256, "ff");
        // A line whose seal text no longer hashes to its SHA-256 is dropped.
        let text = fs::read_to_string(dir.path().join(SEAL_CACHE)).unwrap();
        fs::write(dir.path().join(SEAL_CACHE), text.replace("number", "numbe")).unwrap();
        assert!(SealCache::load(dir.path()).entries.is_empty());
    }
}
