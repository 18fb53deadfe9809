//! The loaded archive: systems, their deposits, and the files of each deposit.
//!
//! Built by [`crate::load`], read by everything downstream. A system or deposit whose YAML
//! could not be read is still here (with `doc: None`), so that it is shown as broken rather than
//! silently missing.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::meta::{Access, DepositDoc, Event, SystemDoc};

pub use crate::layout::{COMPONENT_DIRS, DEPOSIT_FILE, JOURNAL_FILE, RESERVED_IN_DEPOSIT, SYSTEM_FILE, journal_beside};

/// What kind of file system entry a file is. Symbolic links are never followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file: the only kind that is read and sealed.
    Regular,
    /// A symbolic link, never followed.
    Symlink {
        /// Where the link points, as it says (lossy if not UTF-8; empty when it cannot be read).
        target: String,
    },
    /// FIFO, socket, device: never read.
    Special,
}

/// One file of a deposit.
#[derive(Debug, Clone)]
pub struct FileEntry {
    /// Path relative to the deposit folder, with `/` separators (lossy if not UTF-8).
    pub path: String,
    /// Size in bytes (0 for anything but a regular file).
    pub size: u64,
    /// Modification time, seconds and nanoseconds since the Unix epoch.
    pub mtime: Option<(i64, u32)>,
    /// Status change time (seconds, nanoseconds): moves whenever the file is written, even
    /// when its modification time is put back.
    pub ctime: Option<(i64, u32)>,
    /// The inode number (0 when unknown).
    pub ino: u64,
    /// Whether it is a regular file, a link or a special file.
    pub kind: FileKind,
}

impl FileEntry {
    /// An entry that is not a regular file (a link or a special file): no size or times.
    pub fn other(path: &str, kind: FileKind) -> FileEntry {
        FileEntry { path: path.to_string(), size: 0, mtime: None, ctime: None, ino: 0, kind }
    }
}

impl FileEntry {
    /// The component folder the file is in, if any.
    pub fn component(&self) -> Option<&str> {
        let (first, _) = self.path.split_once('/')?;
        COMPONENT_DIRS.iter().copied().find(|c| *c == first)
    }
}

/// One deposit: a version folder of a system, with its metadata, files and seal.
#[derive(Debug, Clone)]
pub struct Deposit {
    /// The system folder name.
    pub system: String,
    /// The version folder name.
    pub version: String,
    /// Path of the deposit folder relative to the site root.
    pub dir: String,
    /// What `deposit.yaml` says; None when it cannot be read (a finding says why).
    pub doc: Option<DepositDoc>,
    /// Every file of the deposit folder, links and special files included.
    pub files: Vec<FileEntry>,
    /// Component folders present, with the number of regular files and bytes in each.
    pub components: BTreeMap<String, ComponentStat>,
    /// The seal, once the deposit is sealed (seal.yaml and its manifest).
    pub seal: Option<Seal>,
    /// The SHA-256 of seal.yaml and of the manifest as they are on disk, whenever either
    /// exists (also when they cannot be read): what the depository register binds.
    pub sealed: Option<SealDigests>,
}

/// The SHA-256 of a deposit's seal files as they are on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SealDigests {
    /// Of seal.yaml, when it is there.
    pub seal: Option<String>,
    /// Of manifest-sha256.txt, when it is there.
    pub manifest: Option<String>,
}

/// A seal's manifest: (SHA-256 hex, path relative to the deposit folder) per file, in the
/// manifest's order.
pub type Manifest = Vec<(String, String)>;

/// A deposit's seal as read from disk.
#[derive(Debug, Clone)]
pub struct Seal {
    /// What `seal.yaml` records.
    pub record: SealRecord,
    /// (SHA-256 hex, path relative to the deposit folder), from manifest-sha256.txt.
    pub manifest: Manifest,
    /// Taken from the seal cache, `manifest` left empty: the deposit's files, by their cached
    /// hashes, make the manifest (the check of the files says whether they do, and reads the
    /// manifest when they do not). Read a seal's manifest with `Catalog::manifest_of`.
    pub pending: bool,
    /// Taken from the seal cache, and none of the sealed files changed since the seal was
    /// written or proven (see `seal_cache::fingerprint`): the check of the files has nothing
    /// to compare.
    pub intact: bool,
}

/// The regular files of one component folder of a deposit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComponentStat {
    /// Number of regular files in the folder, at any depth.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

impl Deposit {
    /// Whether the owner permits copies (D1124-53; default yes).
    pub fn copy_permitted(&self) -> bool {
        self.doc.as_ref().and_then(|x| x.copy_permitted.as_ref()).is_none_or(|c| c.value)
    }

    /// `system/version`, the deposit's key.
    pub fn key(&self) -> String {
        format!("{}/{}", self.system, self.version)
    }

    /// The order of the deposits' [`Deposit::key`]s, without making them.
    pub fn cmp_key(&self, other: &Deposit) -> std::cmp::Ordering {
        fn key(d: &Deposit) -> impl Iterator<Item = u8> + '_ {
            d.system.bytes().chain(*b"/").chain(d.version.bytes())
        }
        key(self).cmp(key(other))
    }

    /// The path of the deposit's `deposit.yaml`, relative to the site root.
    pub fn yaml_path(&self) -> String {
        format!("{}/{}", self.dir, DEPOSIT_FILE)
    }

    /// The deposit's dated events: those of `deposit.yaml` and its system journal's entries
    /// about it; none when its metadata cannot be read.
    pub fn events(&self) -> &[Event] {
        self.doc.as_ref().map(|d| d.events.as_slice()).unwrap_or(&[])
    }

    /// The application date (Annex 1: date), when the metadata could be read.
    pub fn date(&self) -> Option<NaiveDate> {
        self.doc.as_ref().map(|d| d.date.value)
    }
}

/// One information system: a folder of `archive/` with its register record, deposits and journal.
#[derive(Debug, Clone)]
pub struct System {
    /// The folder name under archive/.
    pub id: String,
    /// Path of the system folder relative to the site root.
    pub dir: String,
    /// What `system.yaml` says; None when it cannot be read (a finding says why).
    pub doc: Option<SystemDoc>,
    /// Deposits sorted by application date, then folder name.
    pub deposits: Vec<Deposit>,
    /// Who holds the system, as one key: the holder's BIN when given, else its full name (in
    /// Kazakh, or the first language given). Systems with the same key share a state body's
    /// page; kept here because every listing of state bodies asks for it.
    pub holder_key: Option<String>,
    /// The folder of the state body's page: [`System::holder_key`] as a path segment (see
    /// [`crate::names::segment`]), made once because every listing of state bodies groups by it.
    pub body_key: Option<String>,
    /// The system's journal (its entries are also among the events of the system and its
    /// deposits).
    pub journal: Journal,
}

impl System {
    /// A system with its holder's keys worked out and an empty journal (its chain at GENESIS).
    pub fn new(id: String, dir: String, doc: Option<SystemDoc>, deposits: Vec<Deposit>) -> System {
        let holder_key = doc.as_ref().and_then(|doc| {
            doc.holder
                .bin
                .as_ref()
                .map(|b| b.value.clone())
                .or_else(|| doc.holder.full_name.get("kk").map(str::to_string))
        });
        let body_key = holder_key.as_deref().map(crate::names::segment);
        System {
            id,
            dir,
            doc,
            deposits,
            holder_key,
            body_key,
            journal: Journal { head: crate::hash::GENESIS.to_string(), ..Journal::default() },
        }
    }

    /// The path of the system's `system.yaml`, relative to the site root.
    pub fn yaml_path(&self) -> String {
        format!("{}/{}", self.dir, SYSTEM_FILE)
    }

    /// The path of the system's journal, relative to the site root.
    pub fn journal_path(&self) -> String {
        format!("{}/{}", self.dir, JOURNAL_FILE)
    }

    /// The register record's dated events: those of `system.yaml` and the journal's entries
    /// about the system itself; none when its record cannot be read.
    pub fn events(&self) -> &[Event] {
        self.doc.as_ref().map(|d| d.events.as_slice()).unwrap_or(&[])
    }

    /// The system's access; a system whose record cannot be read counts as restricted, so that
    /// nothing of it is ever published by mistake.
    pub fn access(&self) -> Access {
        self.doc.as_ref().map(|d| d.access.value).unwrap_or(Access::Restricted)
    }

    /// Whether an edition shows the system: the internal one shows all, the public one only
    /// public systems (D1124-12, D1124-28). The one place that decides it.
    pub fn shown(&self, internal: bool) -> bool {
        internal || self.access() == Access::Public
    }

    /// Whether an edition shows a deposit of this system (a deposit may be restricted alone).
    pub fn deposit_shown(&self, deposit: &Deposit, internal: bool) -> bool {
        internal || self.deposit_access(deposit) == Access::Public
    }

    /// The system's name in `lang` (with the usual fallback), else its folder name.
    pub fn name(&self, lang: &str) -> String {
        self.name_in(lang).to_string()
    }

    /// [`System::name`], borrowed.
    pub fn name_in(&self, lang: &str) -> &str {
        self.doc.as_ref().and_then(|d| d.names.get(lang)).unwrap_or(&self.id)
    }

    /// The holder's full and short name in `lang` (the short one falls back to the full one).
    pub fn holder_names(&self, lang: &str) -> (String, String) {
        let (full, short) = self.holder_names_in(lang);
        (full.to_string(), short.to_string())
    }

    /// [`System::holder_names`], borrowed.
    pub fn holder_names_in(&self, lang: &str) -> (&str, &str) {
        let Some(doc) = &self.doc else { return ("", "") };
        let full = doc.holder.full_name.get(lang).unwrap_or("");
        (full, doc.holder.short_name.as_ref().and_then(|l| l.get(lang)).unwrap_or(full))
    }

    /// The effective access of a deposit: the stricter of the system's and its own.
    pub fn deposit_access(&self, deposit: &Deposit) -> Access {
        let own = match &deposit.doc {
            Some(d) => d.access.as_ref().map(|a| a.value).unwrap_or(Access::Public),
            None => Access::Restricted,
        };
        own.max(self.access())
    }
}

/// The whole archive as loaded.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    /// Path of the archive folder relative to the site root (usually `archive`).
    pub dir: String,
    /// Systems sorted by folder name.
    pub systems: Vec<System>,
}

impl Archive {
    /// Every deposit of the archive with its system, systems by folder name.
    pub fn deposits(&self) -> impl Iterator<Item = (&System, &Deposit)> {
        self.systems.iter().flat_map(|s| s.deposits.iter().map(move |d| (s, d)))
    }

    /// The system whose folder name is `id`.
    pub fn system(&self, id: &str) -> Option<&System> {
        // Loading keeps the systems sorted by folder name; an archive built otherwise is searched.
        match self.systems.binary_search_by(|s| s.id.as_str().cmp(id)) {
            Ok(i) => Some(&self.systems[i]),
            Err(_) => self.systems.iter().find(|s| s.id == id),
        }
    }
}

/// A size for people, in binary units (KiB, MiB, …).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 { format!("{bytes} B") } else { format!("{v:.1} {}", UNITS[u]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deposit(system: &str, version: &str) -> Deposit {
        Deposit {
            system: system.into(),
            version: version.into(),
            dir: format!("archive/{system}/{version}"),
            doc: None,
            files: Vec::new(),
            components: BTreeMap::new(),
            seal: None,
            sealed: None,
        }
    }

    /// Deposits compare as their keys do, also where a system's name is a prefix of another's
    /// and the characters around `/` decide.
    #[test]
    fn deposits_compare_as_their_keys() {
        let all = [("a", "1"), ("a-b", "1"), ("a", "1.0"), ("a0", "2"), ("ab", "1"), ("a", "10"), ("қойма", "1")];
        for (s1, v1) in all {
            for (s2, v2) in all {
                let (a, b) = (deposit(s1, v1), deposit(s2, v2));
                assert_eq!(a.cmp_key(&b), a.key().cmp(&b.key()), "{} vs {}", a.key(), b.key());
            }
        }
    }
}

/// What a seal records (seal.yaml; read and written by [`crate::records::seal`]).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealRecord {
    /// The depository number of the deposit (D1124-41).
    pub number: String,
    /// The day the deposit was sealed.
    pub date: chrono::NaiveDate,
    /// Who sealed it, as given to `qoima seal --by`.
    pub by: String,
    /// Number of files the manifest lists.
    pub files: u64,
    /// Their total size in bytes.
    pub bytes: u64,
    /// SHA-256 of the manifest file itself.
    pub manifest_sha256: String,
    /// The SWHID of `source/` (`swh:1:dir:…`), to cross-reference the code with Software
    /// Heritage.
    #[serde(default)]
    pub source_swhid: Option<String>,
}

/// A system's journal as read (by [`crate::records::journal`]).
#[derive(Debug, Default, Clone)]
pub struct Journal {
    /// The entries in order; their positions point into the journal.
    pub entries: Vec<Event>,
    /// Lines that cannot be read, and breaks of the chain.
    pub findings: Vec<crate::finding::Finding>,
    /// The hash of the last entry line (GENESIS when there is none).
    pub head: String,
    /// The hash of every entry line.
    pub links: crate::hash::Links,
}
