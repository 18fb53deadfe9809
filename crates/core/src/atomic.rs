//! Writing without half-written results.
//!
//! Every file or folder qoima writes (a seal, the number register, a page, a site edition, a
//! package, a replica copy, a conclusion) is made beside its target under a temporary name and
//! renamed into place, so a reader — or the next run — sees the old version or the new one,
//! never a part. A run killed midway (SIGKILL, a power cut, a full disk) leaves at most a
//! temporary. Temporaries are named `.NAME.qoima-tmp-HOST-PID`, so the next run can tell its own
//! leftovers from the work of a run still going on the shared drive: [`sweep`] removes those of
//! a process of this host that is gone, and those of another host after a day.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

/// What every temporary name holds.
pub const MARK: &str = ".qoima-tmp-";

/// How long a temporary of another host is kept: its process cannot be asked whether it lives.
const FOREIGN_AGE: Duration = Duration::from_secs(24 * 3600);

/// This host's name as temporaries carry it: letters, digits, `.` and `_` only.
pub fn host() -> &'static str {
    static HOST: OnceLock<String> = OnceLock::new();
    HOST.get_or_init(|| {
        let raw = crate::platform::host_name();
        let clean: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' }).collect();
        if clean.is_empty() { "host".into() } else { clean }
    })
}

/// The temporary name of a target called `name`, for this process.
pub fn temp_name(name: &str) -> String {
    format!(".{name}{MARK}{}-{}", host(), std::process::id())
}

/// The temporary beside `target`.
pub fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    target.with_file_name(temp_name(name))
}

/// Whether a file name is one of qoima's temporaries; if so, its host and process.
pub fn parse_temp(name: &str) -> Option<(&str, u32)> {
    if !name.starts_with('.') {
        return None;
    }
    let at = name.rfind(MARK)?;
    let (host, pid) = name[at + MARK.len()..].rsplit_once('-')?;
    let pid: u32 = pid.parse().ok()?;
    (!host.is_empty() && pid > 0).then_some((host, pid))
}

/// Whether process `pid` of this host still runs (when that cannot be told: it may).
pub fn alive(pid: u32) -> bool {
    crate::platform::process_alive(pid).unwrap_or(true)
}

/// Whether a temporary named `name` was left by a run that is over.
pub fn is_stale(name: &str, modified: Option<SystemTime>) -> bool {
    let Some((h, pid)) = parse_temp(name) else { return false };
    if h == host()
        && let Some(alive) = crate::platform::process_alive(pid)
    {
        return !alive;
    }
    modified.and_then(|m| SystemTime::now().duration_since(m).ok()).is_some_and(|age| age > FOREIGN_AGE)
}

/// Removes the stale temporaries (files or folders) directly inside `dir`; returns how many.
/// A folder that cannot be read is left alone: this is housekeeping, never a reason to fail.
pub fn sweep(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Ok(meta) = entry.metadata() else { continue };
        if !is_stale(name, meta.modified().ok()) {
            continue;
        }
        let gone = if meta.is_dir() { fs::remove_dir_all(entry.path()) } else { fs::remove_file(entry.path()) };
        if gone.is_ok() {
            removed += 1;
        }
    }
    removed
}

/// [`sweep`] in `dir` and every folder below it (symbolic links are not followed).
pub fn sweep_tree(dir: &Path) -> usize {
    let mut removed = sweep(dir);
    for entry in walkdir::WalkDir::new(dir).min_depth(1).into_iter().flatten() {
        if entry.file_type().is_dir() {
            removed += sweep(entry.path());
        }
    }
    removed
}

/// Writes a file for good: temporary beside it, fsync, rename, fsync of the folder.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(path.parent().unwrap_or(Path::new(".")));
    Ok(())
}

/// Creates `path` whole with `bytes`, never replacing a file that exists (then `AlreadyExists`):
/// the bytes go to a temporary, are flushed, and the temporary is hard-linked to the name, so
/// no reader ever sees the file empty or half-written, even if the process is killed. On a
/// drive without hard links: create-exclusive, then write (a kill in between leaves it empty).
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let made = fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let linked = made.and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    match linked {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && e.kind() != std::io::ErrorKind::NotFound => {
            let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
            f.write_all(bytes)?;
            f.sync_all()
        }
        other => other,
    }
}

/// Writes a file that can always be made again (a page of a live preview): temporary beside
/// it and rename, without fsync, which would cost more than rendering the page. Creates the
/// folder.
pub fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<(), crate::error::Error> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| crate::error::Error::io(parent, e))?;
    let tmp = temp_path(path);
    fs::write(&tmp, bytes).map_err(|e| crate::error::Error::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        crate::error::Error::io(path, e)
    })
}

/// Copies a file for good (temporary, fsync, rename) and creates its folder.
pub fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = temp_path(to);
    let copied = fs::copy(from, &tmp).and_then(|_| fs::File::open(&tmp)?.sync_all());
    if let Err(e) = copied.and_then(|()| fs::rename(&tmp, to)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// Why [`confined`] refused a path: carried inside its `std::io::Error` (kind `InvalidInput`),
/// whose text is this one's English; [`Refused::msg`] says it in the operator's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The relative path has an empty, `.` or `..` name.
    NotPlain(String),
    /// The relative path is empty.
    Empty(String),
    /// A folder on the way, or the file itself, is a symbolic link (the path that is).
    Symlink(String),
    /// A name on the way is something other than a folder (the path of it).
    NotFolder(String),
    /// The path exists and is not a regular file (a folder, a device…).
    NotRegular(String),
}

impl Refused {
    /// The refusal an I/O error carries, if it is one.
    pub fn of(e: &std::io::Error) -> Option<&Refused> {
        e.get_ref()?.downcast_ref::<Refused>()
    }

    /// The refusal as a message in every language (`path-*` in `qoima.ftl`), naming the path.
    pub fn msg(&self) -> crate::messages::Msg {
        let (id, path) = match self {
            Refused::NotPlain(p) => ("path-not-plain", p),
            Refused::Empty(p) => ("path-empty", p),
            Refused::Symlink(p) => ("path-symlink-refused", p),
            Refused::NotFolder(p) => ("path-not-folder", p),
            Refused::NotRegular(p) => ("path-not-regular", p),
        };
        crate::messages::Msg::new(id, crate::args! { "path" => path.as_str() })
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().en())
    }
}

impl std::error::Error for Refused {}

/// The path of `rel` (names joined by `/`) below `root`, when every folder on the way is a
/// real folder and not a symbolic link, and the last name, if it exists, is a regular file:
/// reading or writing it then stays inside `root`. With `create`, missing folders are made
/// one by one (never through a link). `root` itself is the operator's choice and may be
/// anything.
pub fn confined(root: &Path, rel: &str, create: bool) -> std::io::Result<std::path::PathBuf> {
    let refuse = |why: Refused| std::io::Error::new(std::io::ErrorKind::InvalidInput, why);
    let shown = |p: &Path| p.display().to_string();
    let names: Vec<&str> = rel.split('/').collect();
    if names.iter().any(|n| n.is_empty() || *n == "." || *n == "..") {
        return Err(refuse(Refused::NotPlain(rel.to_string())));
    }
    let mut path = root.to_path_buf();
    let Some((last, folders)) = names.split_last() else { return Err(refuse(Refused::Empty(rel.to_string()))) };
    for name in folders {
        path.push(name);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_dir() => {}
            Ok(m) if m.file_type().is_symlink() => {
                return Err(refuse(Refused::Symlink(shown(&path))));
            }
            Ok(_) => return Err(refuse(Refused::NotFolder(shown(&path)))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && create => {
                fs::create_dir(&path)?;
            }
            Err(e) => return Err(e),
        }
    }
    path.push(last);
    match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => Err(refuse(Refused::Symlink(shown(&path)))),
        Ok(m) if !m.file_type().is_file() => Err(refuse(Refused::NotRegular(shown(&path)))),
        _ => Ok(path),
    }
}

/// Whether `rel` below `root` is a folder reached through real folders only (no symbolic
/// link on the way, none at the end).
pub fn is_confined_folder(root: &Path, rel: &str) -> bool {
    let mut path = root.to_path_buf();
    rel.split('/').all(|name| {
        path.push(name);
        !name.is_empty() && name != ".." && fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_dir())
    })
}

/// Copies `rel` from one tree to another, each confined (see [`confined`]): beside the target,
/// then renamed onto it.
pub fn copy_confined(from_root: &Path, to_root: &Path, rel: &str) -> std::io::Result<()> {
    let from = confined(from_root, rel, false)?;
    let to = confined(to_root, rel, true)?;
    copy(&from, &to)
}

/// Flushes a folder's entries (a rename) to disk; best effort.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refused path carries why in its error: the English as before, and a message the
    /// operator's language can say.
    #[cfg(unix)]
    #[test]
    fn a_refused_path_says_why_in_each_language() {
        use crate::messages::Lang;
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
        let e = confined(dir.path(), "link/a.txt", true).unwrap_err();
        let link = dir.path().join("link").display().to_string();
        assert_eq!(Refused::of(&e), Some(&Refused::Symlink(link.clone())));
        assert_eq!(e.to_string(), format!("{link}: a symbolic link; never written or read through"));
        let kk = Refused::of(&e).unwrap().msg().text(Lang::Kk);
        assert_eq!(kk, format!("{link}: символдық сілтеме; ол арқылы ешқашан ештеңе жазылмайды да, оқылмайды да"));
        let e = confined(dir.path(), "../a.txt", false).unwrap_err();
        assert_eq!(e.to_string(), "../a.txt: not a plain path inside the tree");
        assert_eq!(Refused::of(&e).unwrap().msg().text(Lang::Ru), "../a.txt: не простой путь внутри дерева папок");
        assert!(Refused::of(&std::io::Error::other("disk full")).is_none());
    }

    #[test]
    fn temporaries_name_host_and_process_and_only_dead_ones_are_swept() {
        let name = temp_name("seal.yaml");
        assert!(name.starts_with(".seal.yaml.qoima-tmp-"), "{name}");
        assert_eq!(parse_temp(&name), Some((host(), std::process::id())));
        assert_eq!(parse_temp("seal.yaml"), None);
        assert_eq!(parse_temp(".x.qoima-tmp-host-"), None);
        assert_eq!(parse_temp("x.qoima-tmp-host-12"), None, "a temporary starts with a dot");
        assert!(!is_stale(&name, None), "this process is alive");

        let dir = tempfile::tempdir().unwrap();
        // A process that surely ended: a child that exited and was waited for.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let ours = dir.path().join(&name);
        let left = dir.path().join(format!(".page.html{MARK}{}-{dead}", host()));
        let left_dir = dir.path().join(format!(".public{MARK}{}-{dead}", host()));
        let foreign = dir.path().join(format!(".page.html{MARK}otherhost-1"));
        let plain = dir.path().join("page.html");
        for f in [&ours, &left, &foreign, &plain] {
            fs::write(f, "x").unwrap();
        }
        fs::create_dir(&left_dir).unwrap();
        fs::write(left_dir.join("index.html"), "x").unwrap();
        assert_eq!(sweep(dir.path()), 2);
        assert!(ours.exists() && foreign.exists() && plain.exists());
        assert!(!left.exists() && !left_dir.exists());
    }

    #[test]
    fn write_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write(&p, b"one").unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write(&dir.path().join("missing/a.txt"), b"x").is_err());
    }
}
