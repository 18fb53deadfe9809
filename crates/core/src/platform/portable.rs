//! The portable side of [`super`]: the standard library only, for systems that are not Unix
//! (Windows). It gives less than [`super::unix`] where the standard library does not say:
//! no inode, link count, change time or stored blocks of a file, no execute bit, no network
//! drive detection, no way to ask whether a process lives, no resource limits for a rebuild
//! step. docs/platforms.md says what that means for the operator.
//!
//! Compiled on Unix too, where its tests compare its walk with the Unix one.

use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{Entry, Kind, Meta, StepLimits, Walked};

/// Walks the tree below `root`, calling `visit` for each entry in name order, depth first. For
/// a folder, `visit` returns whether to enter it. The root itself is not reported; when it
/// cannot be opened (or is a link) the error is returned.
pub fn walk(root: &Path, visit: &mut dyn FnMut(Walked<'_>) -> bool) -> io::Result<()> {
    let m = fs::symlink_metadata(root)?;
    if !m.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"));
    }
    let entries = fs::read_dir(root)?;
    let mut inner = String::new();
    walk_dir(entries, root, &mut inner, 1, visit);
    Ok(())
}

fn walk_dir(
    entries: fs::ReadDir,
    dir: &Path,
    inner: &mut String,
    depth: usize,
    visit: &mut dyn FnMut(Walked<'_>) -> bool,
) {
    let mut listing = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => listing.push(e),
            Err(e) => return report(inner, e, visit),
        }
    }
    listing.sort_unstable_by(|a, b| a.file_name().as_encoded_bytes().cmp(b.file_name().as_encoded_bytes()));
    let names: Vec<std::ffi::OsString> = listing.iter().map(fs::DirEntry::file_name).collect();
    let utf8: Vec<&str> = names.iter().filter_map(|n| n.to_str()).collect();
    visit(Walked::Listed { inner: inner.as_str(), names: &utf8 });
    let base = inner.len();
    for (entry, name) in listing.iter().zip(&names) {
        let Some(name) = name.to_str() else {
            let lossy = name.to_string_lossy();
            let shown = if base == 0 { lossy.into_owned() } else { format!("{}/{lossy}", &inner[..base]) };
            visit(Walked::NotUtf8 { inner: shown });
            continue;
        };
        if base > 0 {
            inner.push('/');
        }
        inner.push_str(name);
        let kind = kind_of(entry);
        let is_dir = matches!(kind, Kind::Dir);
        let start = inner.len() - name.len();
        let enter = visit(Walked::Entry(Entry { inner, name: &inner[start..], depth, kind }));
        if is_dir && enter {
            let path = dir.join(name);
            match fs::read_dir(&path) {
                Ok(sub) => walk_dir(sub, &path, inner, depth + 1, visit),
                Err(e) => report(inner, e, visit),
            }
        }
        inner.truncate(base);
    }
}

fn report(inner: &str, error: io::Error, visit: &mut dyn FnMut(Walked<'_>) -> bool) {
    visit(Walked::Error { inner: inner.to_string(), error });
}

/// The kind of an entry, never following a link.
fn kind_of(entry: &fs::DirEntry) -> Kind {
    match entry.file_type() {
        Ok(t) if t.is_dir() => Kind::Dir,
        Ok(t) if t.is_symlink() => Kind::Symlink,
        Ok(t) if t.is_file() => Kind::File(entry.metadata().map(|m| meta(&m))),
        Ok(_) => Kind::Special,
        Err(e) => Kind::File(Err(e)),
    }
}

/// A regular file's metadata as the walk would give it (its marks for the hash and seal
/// caches); `None` when it is no regular file or cannot be looked at.
pub fn regular_file(path: &Path) -> Option<Meta> {
    let m = fs::symlink_metadata(path).ok()?;
    m.is_file().then(|| meta(&m))
}

fn since_epoch(t: io::Result<SystemTime>) -> Option<(i64, u32)> {
    let d = t.ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()))
}

/// What the standard library says of a file: no change time (its creation time stands in, or
/// its modification time), no inode, one link, and as many blocks as its length fills.
fn meta(m: &fs::Metadata) -> Meta {
    let mtime = since_epoch(m.modified());
    Meta {
        len: m.len(),
        mtime,
        ctime: since_epoch(m.created()).or(mtime),
        nlink: 1,
        dev: 0,
        ino: 0,
        blocks: m.len().div_ceil(512),
    }
}

/// The allocator as it is: nothing to tune here.
pub fn tune_allocator() {}

/// This host's name from the environment (`COMPUTERNAME` on Windows); empty without one.
pub fn host_name() -> String {
    std::env::var("COMPUTERNAME").or_else(|_| std::env::var("HOSTNAME")).unwrap_or_default()
}

/// Whether a process lives cannot be asked here.
pub fn process_alive(_pid: u32) -> Option<bool> {
    None
}

/// Network drives are not told apart here.
pub fn network_fs(_: &Path) -> Option<&'static str> {
    None
}

/// Files are not told apart by identity here: never the same.
pub fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Devices are not told apart here: never the same.
pub fn same_device(_: &Path, _: &Path) -> bool {
    false
}

/// No execute bit here: no file is executable.
pub fn is_executable(_: &fs::Metadata) -> bool {
    false
}

/// Reads exactly `buf.len()` bytes of `file` at `offset` (moving its position).
pub fn read_exact_at(file: &fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    let mut f = file;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

/// Opens a file for reading unless its last name is a symbolic link (looked at just before).
pub fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::Error::other("a symbolic link"));
    }
    fs::File::open(path)
}

/// No limit on open files and sockets is told here: the usual Unix one.
pub fn open_file_limit() -> u64 {
    1024
}

/// Fills `buf` from the standard library's randomly keyed hasher (keyed from the system's
/// random source): SipHash of a counter under that key, 8 bytes at a time.
pub fn random_bytes(buf: &mut [u8]) -> io::Result<()> {
    let state = std::collections::hash_map::RandomState::new();
    for (i, chunk) in buf.chunks_mut(8).enumerate() {
        let mut h = state.build_hasher();
        h.write_usize(i);
        h.write_u128(SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
        chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
    }
    Ok(())
}

/// No user ids here.
pub fn user_ids() -> (u32, u32) {
    (0, 0)
}

/// Processes of this user are not counted here.
pub fn processes_of_this_user() -> u64 {
    0
}

/// Nothing is held for a step here.
pub struct StepGuard;

/// No resource limits or process group here: the step runs as it is.
pub fn confine_step(_: &mut Command, _: StepLimits) -> StepGuard {
    StepGuard
}

/// Kills the step's own process (not what it started).
pub fn stop_step(child: &mut Child) {
    let _ = child.kill();
}
