//! Loading: scan the archive folders, read every YAML file with positions, list every file.
//!
//! Loading never stops at a bad deposit: whatever cannot be read becomes a finding and the
//! rest of the archive is loaded. It never follows a symbolic link and never writes anything.

// A finding is the error of reading a file; it is built once per bad file, size does not matter.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::args;
use crate::finding::{Finding, Severity, house};
use crate::messages::Msg;
use crate::meta::{DepositDoc, SystemDoc};
use crate::model::{
    Archive, COMPONENT_DIRS, ComponentStat, DEPOSIT_FILE, Deposit, FileEntry, FileKind, JOURNAL_FILE,
    RESERVED_IN_DEPOSIT, SYSTEM_FILE, System,
};
use crate::platform::Kind;
use crate::seal_cache::SealCache;
use crate::yaml::{self, At, MAX_YAML_BYTES};

/// What loading produced: the archive and what was wrong with its files.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The systems and deposits read.
    pub archive: Archive,
    /// What was wrong with the archive's files, as findings.
    pub findings: Vec<Finding>,
}

/// The archive folder itself cannot be read: the tool cannot run (exit 2).
#[derive(Debug)]
pub struct LoadError {
    /// The archive folder that cannot be read.
    pub path: PathBuf,
    /// What is wrong, in English.
    pub message: String,
    /// What is wrong, as a message (its English text is `message`).
    pub why: Msg,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for LoadError {}

/// Loads the archive folder `archive_dir` (relative to `root`).
pub fn load_archive(root: &Path, archive_dir: &str, seals: &SealCache) -> Result<Loaded, LoadError> {
    let (system_dirs, mut findings) = list_archive(root, archive_dir)?;
    let ctx = Ctx::new(root, archive_dir, seals);
    let results: Vec<(System, Vec<Finding>)> =
        system_dirs.par_iter().map(|name| ctx.load_system(archive_dir, name)).collect();
    let mut systems = Vec::with_capacity(results.len());
    for (system, mut f) in results {
        systems.push(system);
        findings.append(&mut f);
    }
    Ok(Loaded { archive: Archive { dir: archive_dir.to_string(), systems }, findings })
}

/// Loads one system folder `archive_dir/name` with its deposits (a live session reloads only
/// what changed). Every finding carries the system.
pub fn load_system(root: &Path, archive_dir: &str, name: &str, seals: &SealCache) -> (System, Vec<Finding>) {
    Ctx::new(root, archive_dir, seals).load_system(archive_dir, name)
}

/// Lists the archive folder: the system folders, sorted, and what is wrong at the top level
/// (stray files, symbolic links, names that are not UTF-8 or collide).
pub fn list_archive(root: &Path, archive_dir: &str) -> Result<(Vec<String>, Vec<Finding>), LoadError> {
    let base = root.join(archive_dir);
    let read = fs::read_dir(&base).map_err(|e| {
        let why = Msg::new("archive-unreadable", args! { "error" => crate::messages::io(&e) });
        LoadError { path: base.clone(), message: why.en(), why }
    })?;
    let none = SealCache::default();
    let ctx = Ctx::new(root, archive_dir, &none);
    let mut findings = Vec::new();
    let mut names = Vec::new();
    let mut system_dirs = Vec::new();
    for entry in read {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                findings.push(io_error(archive_dir, "archive-unlistable", &e));
                continue;
            }
        };
        let Some(name) = utf8_name(&entry.file_name(), archive_dir, &mut findings) else { continue };
        let rel = format!("{archive_dir}/{name}");
        names.push(name.clone());
        match entry.file_type() {
            Ok(ft) if ft.is_symlink() => findings.push(ctx.symlink_finding(&entry.path(), &rel).0),
            Ok(ft) if ft.is_dir() => {
                if !name.starts_with('.') {
                    findings.extend(segment_finding(&rel, &name));
                    system_dirs.push(name);
                }
            }
            Ok(ft) if ft.is_file() => {
                if !(name.starts_with('.') || name.starts_with("README")) {
                    findings.push(Finding::with_id(
                        Severity::Warning,
                        "O146-2.3",
                        rel,
                        "file-in-archive-folder",
                        args! {},
                    ));
                }
            }
            Ok(_) => findings.push(special_finding(&rel)),
            Err(e) => findings.push(io_error(rel, "path-unreadable", &e)),
        }
    }
    twins(&names, archive_dir, &mut findings);
    system_dirs.sort();
    Ok((system_dirs, findings))
}

struct Ctx<'s> {
    root: PathBuf,
    archive_abs: PathBuf,
    /// Seals found intact earlier, taken instead of reading them while unchanged.
    seals: &'s SealCache,
}

impl<'s> Ctx<'s> {
    fn new(root: &Path, archive_dir: &str, seals: &'s SealCache) -> Ctx<'s> {
        let base = root.join(archive_dir);
        let archive_abs = fs::canonicalize(&base).unwrap_or(base);
        Ctx { root: root.to_path_buf(), archive_abs, seals }
    }

    fn load_system(&self, archive_dir: &str, name: &str) -> (System, Vec<Finding>) {
        let dir = format!("{archive_dir}/{name}");
        let abs = self.root.join(&dir);
        let mut findings = Vec::new();
        let yaml_rel = format!("{dir}/{SYSTEM_FILE}");
        let doc = match read_yaml_text(&abs.join(SYSTEM_FILE), &yaml_rel) {
            Ok(Some(text)) => parse_doc(&text, &yaml_rel, system_strings, &mut findings),
            Ok(None) => {
                findings.push(Finding::with_id(
                    Severity::Error,
                    "O146-2.4",
                    &dir,
                    "system-yaml-missing",
                    args! { "system" => name },
                ));
                None
            }
            Err(f) => {
                findings.push(f);
                None
            }
        };
        let mut version_dirs = Vec::new();
        let mut names = Vec::new();
        // A regular file only: a link named journal.yaml is reported, never followed.
        let mut has_journal = false;
        match fs::read_dir(&abs) {
            Ok(read) => {
                for entry in read {
                    let entry = match entry {
                        Ok(e) => e,
                        Err(e) => {
                            findings.push(io_error(&dir, "folder-unlistable", &e));
                            continue;
                        }
                    };
                    let Some(fname) = utf8_name(&entry.file_name(), &dir, &mut findings) else { continue };
                    let rel = format!("{dir}/{fname}");
                    names.push(fname.clone());
                    match entry.file_type() {
                        Ok(ft) if ft.is_symlink() => findings.push(self.symlink_finding(&entry.path(), &rel).0),
                        Ok(ft) if ft.is_dir() => {
                            findings.extend(segment_finding(&rel, &fname));
                            version_dirs.push(fname);
                        }
                        Ok(ft) if ft.is_file() => {
                            has_journal |= fname == JOURNAL_FILE;
                            if fname != SYSTEM_FILE && fname != JOURNAL_FILE && !fname.starts_with('.') {
                                findings.push(Finding::with_id(
                                    Severity::Warning,
                                    "O146-2.3",
                                    rel,
                                    "file-in-system-folder",
                                    args! {},
                                ));
                            }
                        }
                        Ok(_) => findings.push(special_finding(&rel)),
                        Err(e) => findings.push(io_error(rel, "path-unreadable", &e)),
                    }
                }
            }
            Err(e) => findings.push(io_error(&dir, "system-folder-unlistable", &e)),
        }
        twins(&names, &dir, &mut findings);
        version_dirs.sort();
        let mut deposits: Vec<Deposit> = version_dirs
            .iter()
            .map(|v| {
                let (d, mut f) = self.load_deposit(name, &dir, v);
                findings.append(&mut f);
                d
            })
            .collect();
        deposits.sort_by(|a, b| (a.date(), &a.version).cmp(&(b.date(), &b.version)));
        let journal_rel = format!("{dir}/{JOURNAL_FILE}");
        let journal = if has_journal {
            crate::records::journal::Journal::read(&abs, &journal_rel)
        } else {
            crate::records::journal::Journal::empty()
        };
        let mut doc = doc;
        findings.extend(merge_journal(&journal, &journal_rel, doc.as_mut(), &mut deposits));
        findings.extend(journal.findings.iter().cloned());
        for f in &mut findings {
            if f.system.is_none() {
                f.system = Some(name.to_string());
            }
        }
        let mut system = System::new(name.to_string(), dir, doc, deposits);
        system.journal = journal;
        (system, findings)
    }

    fn load_deposit(&self, system: &str, system_dir: &str, version: &str) -> (Deposit, Vec<Finding>) {
        let dir = format!("{system_dir}/{version}");
        let abs = self.root.join(&dir);
        let yaml_rel = format!("{dir}/{DEPOSIT_FILE}");
        let mut findings = Vec::new();
        // The walk lists deposit.yaml too: its type and size come from there, not a second lstat.
        let mut empty_source = false;
        let (files, components) = self.walk_deposit(&abs, &dir, &mut findings, &mut empty_source);
        let yaml_entry = files.iter().find(|f| f.path == DEPOSIT_FILE);
        let text = match yaml_entry {
            None => Ok(None),
            Some(f) if f.kind != FileKind::Regular => Err(None),
            Some(f) if f.size > MAX_YAML_BYTES => Err(Some(too_big(&yaml_rel, f.size))),
            Some(f) => read_utf8(&abs.join(DEPOSIT_FILE), &yaml_rel, f.size).map(Some).map_err(Some),
        };
        let doc = match text {
            Ok(Some(text)) => parse_doc(&text, &yaml_rel, deposit_strings, &mut findings),
            Ok(None) => {
                findings.push(Finding::with_id(
                    Severity::Error,
                    "O146-7",
                    &dir,
                    "deposit-yaml-missing",
                    args! { "system" => system, "version" => version },
                ));
                None
            }
            // A link or special file: the walk has reported it already.
            Err(None) => None,
            Err(Some(f)) => {
                findings.push(f);
                None
            }
        };
        for f in &mut findings {
            f.system = Some(system.to_string());
            f.deposit = Some(format!("{system}/{version}"));
        }
        let (seal, sealed) = read_seal(&abs, &dir, &files, self.seals, &mut findings);
        // An empty folder in source/ of a seal that may have left it out of its SWHID.
        let recorded = seal.as_ref().and_then(|s| s.record.source_swhid.as_deref());
        if let (true, Some(recorded)) = (empty_source, recorded)
            && let Some((severity, note)) = crate::swhid::legacy_note(&abs.join("source"), recorded)
        {
            let mut f = Finding::with_id(severity, house::SWHID, format!("{dir}/source"), note.id, note.args);
            f.system = Some(system.to_string());
            f.deposit = Some(format!("{system}/{version}"));
            findings.push(f);
        }
        let deposit = Deposit {
            system: system.to_string(),
            version: version.to_string(),
            dir,
            doc,
            files,
            components,
            seal,
            sealed,
        };
        (deposit, findings)
    }

    /// Lists every file of a deposit, without following links, checking names on the way.
    fn walk_deposit(
        &self,
        abs: &Path,
        dir: &str,
        findings: &mut Vec<Finding>,
        empty_source: &mut bool,
    ) -> (Vec<FileEntry>, BTreeMap<String, ComponentStat>) {
        let mut files = Vec::new();
        let mut components: BTreeMap<String, ComponentStat> = BTreeMap::new();
        // Files with more than one name, by (device, inode): twins inside the deposit.
        let mut linked: BTreeMap<(u64, u64), (u64, Vec<String>)> = BTreeMap::new();
        // Where paths first become too long for Windows.
        let mut long_paths: Vec<(String, String)> = Vec::new();
        let walked = crate::platform::walk(abs, &mut |walked| {
            let entry = match walked {
                crate::platform::Walked::Listed { inner, names } => {
                    *empty_source |= names.is_empty() && inner.starts_with("source/");
                    // Names in one folder that collide elsewhere (qoima's own temporaries, below,
                    // are not part of the deposit). Most folders: distinct ASCII names.
                    if names.len() > 1 && !distinct_ascii(names) {
                        let at = if inner.is_empty() { dir.to_string() } else { format!("{dir}/{inner}") };
                        let kept: Vec<&str> =
                            names.iter().copied().filter(|n| crate::atomic::parse_temp(n).is_none()).collect();
                        twins(&kept, &at, findings);
                    }
                    return true;
                }
                crate::platform::Walked::Entry(e) => e,
                crate::platform::Walked::NotUtf8 { inner } => {
                    // On Unix `\\` is part of a name, never a separator: kept as it is (and
                    // reported as a name Windows refuses).
                    findings.push(not_utf8(format!("{dir}/{inner}")));
                    return false;
                }
                crate::platform::Walked::Error { inner, error } => {
                    let at = if inner.is_empty() { dir.to_string() } else { format!("{dir}/{inner}") };
                    findings.push(io_error(at, "path-unreadable", &error));
                    return false;
                }
            };
            let (inner, name) = (entry.inner, entry.name);
            // Made only for a finding: most of 125,000 files have none.
            let rel = || format!("{dir}/{inner}");
            let parent = inner.len().checked_sub(name.len() + 1).map_or("", |end| &inner[..end]);
            let (is_file, is_dir) = (matches!(entry.kind, Kind::File(_)), matches!(entry.kind, Kind::Dir));
            if crate::atomic::parse_temp(name).is_some() && (is_file || is_dir) {
                // qoima's own temporary, left by a run that was killed (or still going): never
                // part of the deposit, so never sealed, packaged or published.
                findings.push(Finding::with_id(Severity::Warning, house::TEMP, rel(), "temporary-left", args! {}));
                return false;
            }
            if let Some(f) = name_finding(rel, name) {
                findings.push(f);
            } else if inner.chars().count() > crate::names::PORTABLE_PATH
                && parent.chars().count() <= crate::names::PORTABLE_PATH
            {
                long_paths.push((rel(), inner.to_string()));
            }
            let depth = entry.depth;
            let meta = match entry.kind {
                Kind::Symlink => {
                    let (finding, target) = self.symlink_finding(&abs.join(inner), &rel());
                    findings.push(finding);
                    files.push(FileEntry::other(inner, FileKind::Symlink { target }));
                    return false;
                }
                Kind::Dir => {
                    if depth > 1 || COMPONENT_DIRS.contains(&name) {
                        if depth == 1 {
                            components.entry(name.to_string()).or_default();
                        }
                        return true;
                    }
                    if RESERVED_IN_DEPOSIT.contains(&name) {
                        return true;
                    }
                    let args = args! { "name" => name, "components" => component_list() };
                    findings.push(Finding::with_id(Severity::Error, "O146-2.3", rel(), "not-a-component", args));
                    return false;
                }
                Kind::Special => {
                    findings.push(special_finding(&rel()));
                    files.push(FileEntry::other(inner, FileKind::Special));
                    return false;
                }
                Kind::File(meta) => meta,
            };
            if depth == 1 && name != DEPOSIT_FILE && !RESERVED_IN_DEPOSIT.contains(&name) {
                let args = args! { "components" => component_list() };
                findings.push(Finding::with_id(Severity::Error, "O146-2.3", rel(), "file-outside-components", args));
            }
            let (size, mtime, ctime, ino) = match meta {
                Ok(m) => {
                    if m.nlink > 1 {
                        linked.entry((m.dev, m.ino)).or_insert((m.nlink, Vec::new())).1.push(rel());
                    }
                    findings.extend(sparse_finding(rel, m.len, m.blocks));
                    (m.len, m.mtime, m.ctime, m.ino)
                }
                Err(e) => {
                    findings.push(io_error(rel(), "metadata-unreadable", &e));
                    (0, None, None, 0)
                }
            };
            let file = FileEntry { path: inner.to_string(), size, mtime, ctime, ino, kind: FileKind::Regular };
            if let Some(c) = file.component() {
                let stat = match components.get_mut(c) {
                    Some(stat) => stat,
                    None => components.entry(c.to_string()).or_default(),
                };
                stat.files += 1;
                stat.bytes += size;
            }
            files.push(file);
            false
        });
        if let Err(e) = walked {
            findings.push(io_error(dir, "path-unreadable", &e));
        }
        findings.extend(hard_link_findings(linked));
        findings.extend(long_path_finding(&long_paths));
        (files, components)
    }

    /// The finding on a symbolic link, and where it points (as shown, empty when unreadable).
    fn symlink_finding(&self, path: &Path, rel: &str) -> (Finding, String) {
        let target = fs::read_link(path).ok();
        let outside = match &target {
            Some(t) => {
                let joined = if t.is_absolute() { t.clone() } else { path.parent().unwrap_or(Path::new("")).join(t) };
                let resolved = lexical_normalize(&joined);
                let anchor = fs::canonicalize(path.parent().unwrap_or(Path::new("."))).ok();
                let resolved_abs = match anchor {
                    Some(a) if !t.is_absolute() => lexical_normalize(&a.join(t)),
                    _ => resolved,
                };
                !resolved_abs.starts_with(&self.archive_abs)
            }
            None => true,
        };
        let shown = target.map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
        let id = if outside { "symlink-outside" } else { "symlink" };
        let finding = Finding::with_id(Severity::Error, house::SYMLINK, rel, id, args! { "target" => shown.as_str() });
        (finding, shown)
    }
}

/// A path with `.` and `..` resolved without touching the disk (the file may be gone, or a
/// link that must not be followed).
pub fn lexical_normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// What is wrong with one name in a deposit, if anything: characters that hide or reorder
/// (error), names Windows refuses, names too long to unpack elsewhere (warnings).
/// A system or version folder named like a page qoima writes, or like a hashed name: the
/// catalogue publishes it under a safe name, and the operator is told.
fn segment_finding(rel: &str, name: &str) -> Option<Finding> {
    let why = crate::names::segment_problem(name)?;
    let args = args! { "trouble" => why.arg(), "published" => crate::names::segment(name) };
    Some(Finding::with_id(Severity::Warning, house::NAME, rel, "folder-name-published", args))
}

fn name_finding(rel: impl FnOnce() -> String, name: &str) -> Option<Finding> {
    use crate::names;
    if let Some(m) = names::hidden_problem(name) {
        return Some(Finding::with_id(Severity::Error, house::NAME, rel(), m.id, m.args));
    }
    if let Some(m) = names::windows_problem(name) {
        let args = args! { "trouble" => m.arg() };
        return Some(Finding::with_id(Severity::Warning, house::NAME, rel(), "name-windows", args));
    }
    names::length_problem(name).map(|m| Finding::with_id(Severity::Warning, house::NAME, rel(), m.id, m.args))
}

/// Paths too long to unpack on Windows, said once per deposit: where the first one becomes too
/// long, with how many there are (a vendored node_modules/ has hundreds).
fn long_path_finding(long: &[(String, String)]) -> Option<Finding> {
    let (first, inner) = long.first()?;
    let m = crate::names::length_problem(inner)?;
    let args = args! { "trouble" => m.arg(), "paths" => long.len() };
    Some(Finding::with_id(Severity::Warning, house::NAME, first, "paths-too-long", args))
}

/// Files with more than one name. Two names inside the deposit are one file (a warning on
/// each: changing one changes the other, and a package would hold it twice); a file whose other
/// names are all outside the deposit is only noted, since backups made with hard links
/// (`cp -al`, rsnapshot) look exactly like that.
fn hard_link_findings(linked: BTreeMap<(u64, u64), (u64, Vec<String>)>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (nlink, names) in linked.into_values() {
        if names.len() > 1 {
            for name in &names {
                let others: Vec<&str> = names.iter().filter(|n| *n != name).map(String::as_str).collect();
                let args = args! { "others" => others.join(", ") };
                out.push(Finding::with_id(Severity::Warning, house::HARDLINK, name, "hard-link-inside", args));
            }
        } else {
            let args = args! { "names" => nlink };
            out.push(Finding::with_id(Severity::Info, house::HARDLINK, &names[0], "hard-link-outside", args));
        }
    }
    out
}

/// A sparse file: far longer than what it stores.
fn sparse_finding(rel: impl FnOnce() -> String, len: u64, blocks: u64) -> Option<Finding> {
    let stored = blocks.saturating_mul(512);
    (len >= 1 << 20 && stored < len / 2).then(|| {
        let args = args! { "size" => crate::model::human_size(len), "stored" => crate::model::human_size(stored) };
        Finding::with_id(Severity::Warning, house::SPARSE, rel(), "sparse-file", args)
    })
}

fn special_finding(rel: &str) -> Finding {
    Finding::with_id(Severity::Error, house::SPECIAL, rel, "special-file", args! {})
}

fn utf8_name(name: &std::ffi::OsStr, parent: &str, findings: &mut Vec<Finding>) -> Option<String> {
    match name.to_str() {
        Some(s) => Some(s.to_string()),
        None => {
            findings.push(not_utf8(format!("{parent}/{}", name.to_string_lossy())));
            None
        }
    }
}

/// Names in one folder that differ only by Unicode normalization (an error: they look the same
/// and collide in transfer packages) or only by case (a warning: they collide on Windows and
/// most SMB shares).
fn twins<S: AsRef<str>>(names: &[S], parent: &str, findings: &mut Vec<Finding>) {
    if names.len() < 2 || distinct_ascii(names) {
        return;
    }
    let mut by_nfc: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for n in names.iter().map(AsRef::as_ref) {
        by_nfc.entry(n.nfc().collect()).or_default().push(n);
    }
    let mut by_case: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (nfc, group) in &by_nfc {
        if group.len() > 1 {
            let args = args! { "names" => group.len() };
            findings.push(Finding::with_id(
                Severity::Error,
                house::NAME,
                format!("{parent}/{}", group[0]),
                "names-nfc-twins",
                args,
            ));
        }
        by_case.entry(nfc.to_lowercase()).or_default().push(group[0]);
    }
    for group in by_case.values() {
        if group.len() > 1 {
            let args = args! { "names" => group.join(", ") };
            findings.push(Finding::with_id(
                Severity::Warning,
                house::NAME,
                format!("{parent}/{}", group[0]),
                "names-case-twins",
                args,
            ));
        }
    }
}

/// Whether every name is ASCII (so already in NFC) and no two differ only by case: the common
/// folder, answered without normalizing or allocating.
fn distinct_ascii<S: AsRef<str>>(names: &[S]) -> bool {
    if !names.iter().all(|n| n.as_ref().is_ascii()) {
        return false;
    }
    if names.len() <= 16 {
        return names
            .iter()
            .enumerate()
            .all(|(i, a)| names[i + 1..].iter().all(|b| !a.as_ref().eq_ignore_ascii_case(b.as_ref())));
    }
    let mut lower: Vec<String> = names.iter().map(|n| n.as_ref().to_ascii_lowercase()).collect();
    lower.sort_unstable();
    lower.windows(2).all(|w| w[0] != w[1])
}

/// Reads a YAML file as text: `Ok(None)` when it does not exist, a finding when it cannot be used.
fn read_yaml_text(path: &Path, rel: &str) -> Result<Option<String>, Finding> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(rel, "path-unreadable", &e)),
    };
    if meta.file_type().is_symlink() {
        return Err(Finding::with_id(Severity::Error, house::SYMLINK, rel, "metadata-symlink", args! {}));
    }
    if !meta.is_file() {
        return Err(special_finding(rel));
    }
    if meta.len() > MAX_YAML_BYTES {
        return Err(too_big(rel, meta.len()));
    }
    read_utf8(path, rel, meta.len()).map(Some)
}

fn too_big(rel: &str, size: u64) -> Finding {
    let args = args! {
        "size" => crate::model::human_size(size),
        "bytes" => size.to_string(),
        "limit" => crate::model::human_size(MAX_YAML_BYTES),
    };
    Finding::with_id(Severity::Error, house::YAML, rel, "yaml-too-big", args)
}

/// Reads a text file that must be UTF-8, whose size the caller has just looked at (`len`, a
/// hint: the whole file is read whatever it has become). Unlike `fs::read`, no second look at
/// the size: a `statx` and an `lseek` less for each of the 15,000 metadata files of a large archive.
fn read_utf8(path: &Path, rel: &str, len: u64) -> Result<String, Finding> {
    use std::io::Read;
    let cannot = |e: std::io::Error| io_error(rel, "path-unreadable", &e);
    let mut file = fs::File::open(path).map_err(cannot)?;
    // One byte more than expected, so that the read that finds the end has room and no buffer
    // is grown for it.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    // Through `Take`: `File`'s own `read_to_end` would ask for the size and position again.
    Read::take(&mut file, u64::MAX).read_to_end(&mut bytes).map_err(cannot)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let (line, col) = crate::site::line_col(&text, text.len());
        Finding::with_id(Severity::Error, house::YAML, rel, "file-not-utf8", args! {})
            .at(crate::yaml::Pos::new(line, col))
    })
}

/// Puts each journal entry among the events of the deposit it names, or of the system: the
/// rules then read them as they read those of deposit.yaml and system.yaml. An entry about a
/// deposit that is not in the archive, or whose metadata cannot be read, is a finding.
fn merge_journal(
    journal: &crate::records::journal::Journal,
    rel: &str,
    mut system: Option<&mut crate::meta::SystemDoc>,
    deposits: &mut [Deposit],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for entry in &journal.entries {
        match &entry.deposit {
            None => match system.as_deref_mut() {
                Some(doc) => doc.events.push(entry.clone()),
                None => findings.push(
                    Finding::with_id(Severity::Warning, house::RECORD, rel, "entry-system-unreadable", args! {})
                        .at(entry.kind.pos),
                ),
            },
            Some(version) => match deposits.iter_mut().find(|d| d.version == version.value) {
                Some(d) => match &mut d.doc {
                    Some(doc) => doc.events.push(entry.clone()),
                    None => findings.push(
                        Finding::with_id(
                            Severity::Warning,
                            house::RECORD,
                            rel,
                            "entry-deposit-unreadable",
                            args! { "version" => version.value.as_str() },
                        )
                        .at(version.pos),
                    ),
                },
                None => findings.push(
                    Finding::with_id(
                        Severity::Error,
                        "D1124-47",
                        rel,
                        "entry-deposit-gone",
                        args! { "version" => version.value.as_str() },
                    )
                    .at(version.pos),
                ),
            },
        }
    }
    findings
}

/// Reads seal.yaml and the manifest of a sealed deposit; a broken seal is a finding (D1124-7).
/// Also gives the SHA-256 of both files as they are, whenever either is there, for the
/// register to compare.
fn read_seal(
    abs: &Path,
    dir: &str,
    files: &[FileEntry],
    seals: &SealCache,
    findings: &mut Vec<Finding>,
) -> (Option<crate::model::Seal>, Option<crate::model::SealDigests>) {
    use crate::records::seal::{MANIFEST, SEAL};
    let entry = |name: &str| files.iter().find(|f| f.path == name && f.kind == FileKind::Regular);
    // Both files unchanged since the seal was written or proven: taken from the seal cache;
    // the check of the deposit's files then reads the manifest only if they changed.
    if let (Some(s), Some(m)) = (entry(SEAL), entry(MANIFEST))
        && let Some(cached) = seals.get(dir, s, m)
        && let Ok(record) = crate::model::SealRecord::parse(&cached.seal_text)
        && record.manifest_sha256 == cached.manifest_sha256
    {
        let digests = crate::model::SealDigests {
            seal: Some(cached.seal_sha256.clone()),
            manifest: Some(cached.manifest_sha256.clone()),
        };
        let intact = crate::seal_cache::fingerprint(files).is_some_and(|f| f == cached.files);
        return (Some(crate::model::Seal { record, manifest: Vec::new(), pending: true, intact }), Some(digests));
    }
    let size_of = |name: &str| entry(name).map(|f| f.size);
    let (seal_len, manifest_len) = (size_of(SEAL), size_of(MANIFEST));
    if seal_len.is_none() && manifest_len.is_none() {
        return (None, None);
    }
    let seal_rel = format!("{dir}/{SEAL}");
    let manifest_rel = format!("{dir}/{MANIFEST}");
    let seal_text = seal_len.map(|len| read_utf8(&abs.join(SEAL), &seal_rel, len));
    let manifest_text = manifest_len.map(|len| read_utf8(&abs.join(MANIFEST), &manifest_rel, len));
    let digest = |t: &Option<Result<String, Finding>>| match t {
        Some(Ok(text)) => Some(crate::records::sha256_hex(text.as_bytes())),
        _ => None,
    };
    let digests = crate::model::SealDigests { seal: digest(&seal_text), manifest: digest(&manifest_text) };
    // A manifest alone is no seal (a seal killed before seal.yaml was written, or seal.yaml
    // removed): the register says whether one is missing.
    let record = match seal_text {
        None => return (None, Some(digests)),
        Some(text) => text.and_then(|t| crate::model::SealRecord::parse(&t).map_err(|e| yaml_finding(&seal_rel, &e))),
    };
    let record = match record {
        Ok(r) => r,
        Err(f) => {
            findings.push(Finding { rule: "D1124-7".into(), ..f });
            return (None, Some(digests));
        }
    };
    let manifest = match manifest_text {
        None => Err(Finding::with_id(Severity::Error, "D1124-7", &manifest_rel, "seal-manifest-missing", args! {})),
        Some(text) => text.and_then(|text| {
            if digests.manifest.as_deref() != Some(record.manifest_sha256.as_str()) {
                return Err(Finding::with_id(
                    Severity::Error,
                    "D1124-7",
                    &manifest_rel,
                    "seal-manifest-changed",
                    args! {},
                ));
            }
            crate::records::seal::parse_manifest(&text).map_err(|e| {
                let (id, line) = e.message();
                Finding::with_id(
                    Severity::Error,
                    "D1124-7",
                    &manifest_rel,
                    "seal-manifest-unreadable",
                    args! { "error" => crate::messages::Msg::new(id, line).arg() },
                )
            })
        }),
    };
    match manifest {
        Ok(manifest) => (Some(crate::model::Seal { record, manifest, pending: false, intact: false }), Some(digests)),
        Err(f) => {
            findings.push(Finding { rule: "D1124-7".into(), ..f });
            (None, Some(digests))
        }
    }
}

/// The string values of a document that the YAML 1.1 lint looks at, with their field names.
type LintedStrings<T> = fn(&T) -> Vec<(&'static str, &At<String>)>;

/// Parses a metadata file; a failure becomes a finding, and the values YAML 1.1 tools would
/// misread (listed by `strings`) get a warning each.
fn parse_doc<T: for<'de> serde::Deserialize<'de>>(
    text: &str,
    rel: &str,
    strings: LintedStrings<T>,
    findings: &mut Vec<Finding>,
) -> Option<T> {
    match yaml::parse::<T>(text) {
        Ok(doc) => {
            lint_yaml11(text, rel, strings(&doc), findings);
            Some(doc)
        }
        Err(e) => {
            findings.push(yaml_finding(rel, &e));
            None
        }
    }
}

/// The largest value of an unsigned integer type named as serde names it.
fn max_of(kind: &str) -> u64 {
    match kind {
        "u8" => u8::MAX.into(),
        "u16" => u16::MAX.into(),
        "u32" => u32::MAX.into(),
        _ => u64::MAX,
    }
}

fn yaml_finding(rel: &str, e: &yaml::YamlError) -> Finding {
    // The parser's own limits, said in the operator's words.
    let detail = || args! { "detail" => e.message.as_str() };
    let why = if e.message.starts_with("budget breached") {
        Msg::new("yaml-bomb", detail())
    } else if e.message.contains("recursion limit") {
        Msg::new("yaml-too-deep", detail())
    } else {
        match e.message.strip_prefix("invalid ") {
            Some(kind @ ("u8" | "u16" | "u32" | "u64")) => {
                Msg::new("yaml-not-whole-number", args! { "max" => max_of(kind).to_string() })
            }
            Some("floating point") => Msg::new("yaml-not-decimal", args! {}),
            _ => (*e.why).clone(),
        }
    };
    Finding::with_id(Severity::Error, house::YAML, rel, "yaml-not-read", args! { "reason" => why.arg() }).at(e.pos)
}

fn lint_yaml11(text: &str, rel: &str, values: Vec<(&'static str, &At<String>)>, findings: &mut Vec<Finding>) {
    for (field, value) in values {
        if let Some(what) = yaml::yaml11_surprise(text, value) {
            let read_as = match what {
                "a boolean" => "boolean",
                "an octal number" => "octal",
                "a base-60 number" => "base60",
                _ => "trailing-zero",
            };
            let args = args! { "field" => field, "value" => value.value.as_str(), "read_as" => read_as };
            findings
                .push(Finding::with_id(Severity::Warning, house::YAML11, rel, "yaml11-unquoted", args).at(value.pos));
        }
    }
}

fn system_strings(doc: &SystemDoc) -> Vec<(&'static str, &At<String>)> {
    let mut v = vec![("code", &doc.code)];
    for org in [&doc.holder, &doc.developer] {
        for (name, f) in
            [("postal_index", &org.postal_index), ("phone", &org.phone), ("fax", &org.fax), ("bin", &org.bin)]
        {
            if let Some(a) = f {
                v.push((name, a));
            }
        }
    }
    for e in &doc.events {
        if let Some(n) = &e.number {
            v.push(("number", n));
        }
    }
    v
}

fn deposit_strings(doc: &DepositDoc) -> Vec<(&'static str, &At<String>)> {
    let mut v = vec![("version", &doc.version), ("is_code", &doc.is_code)];
    for item in &doc.items {
        if let Some(s) = &item.cd_serial {
            v.push(("cd_serial", s));
        }
    }
    if let Some(ev) = doc.build.as_ref().and_then(|b| b.environment_version.as_ref()) {
        v.push(("environment_version", ev));
    }
    for t in &doc.third_party {
        if let Some(ver) = &t.version {
            v.push(("version", ver));
        }
    }
    if let Some(p) = &doc.previous {
        v.push(("previous", p));
    }
    for e in &doc.events {
        if let Some(n) = &e.number {
            v.push(("number", n));
        }
    }
    v
}

/// A file or folder that cannot be read or listed: message `id` with the system's `error`.
fn io_error(rel: impl Into<String>, id: &str, error: &std::io::Error) -> Finding {
    Finding::with_id(Severity::Error, house::IO, rel, id, args! { "error" => crate::messages::io(error) })
}

fn not_utf8(rel: String) -> Finding {
    Finding::with_id(Severity::Error, house::NAME, rel, "name-not-utf8", args! {})
}

/// The component folders as the operator types them: `` `source`, `install`, … ``.
fn component_list() -> String {
    format!("`{}`", COMPONENT_DIRS.join("`, `"))
}
