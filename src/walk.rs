//! Walking a deposit's folder tree without following links.
//!
//! The loader lists every file of every deposit on every run (125,000 files in 75,000 folders
//! for a 10,000-deposit archive), so the walk is most of what `check` asks of the kernel. It
//! works on folder handles: each folder is opened relative to its parent's handle and each file
//! is looked at relative to its folder (`openat`, `fstatat`), so the kernel never resolves a
//! long absolute path again, and no `fstat` is spent per folder as `opendir` does. Names come
//! sorted, depth first, as `walkdir`'s `sort_by_file_name` gives them, and only regular files
//! are looked at (their size, time, links and blocks); the type of everything else comes from
//! the folder listing itself.

use std::ffi::CStr;
use std::io;
use std::path::Path;

use rustix::fd::{BorrowedFd, OwnedFd};
use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags};

/// What a regular file's metadata says that the loader uses.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    pub len: u64,
    /// Modification time since the epoch (seconds, nanoseconds); `None` before 1970.
    pub mtime: Option<(i64, u32)>,
    /// Status change time (seconds, nanoseconds); `None` before 1970.
    pub ctime: Option<(i64, u32)>,
    pub nlink: u64,
    pub dev: u64,
    pub ino: u64,
    /// 512-byte blocks stored on the drive.
    pub blocks: u64,
}

/// The kind of one entry.
#[derive(Debug)]
pub enum Kind {
    Dir,
    /// A regular file with its metadata, or the error met looking at it.
    File(io::Result<Meta>),
    Symlink,
    /// A FIFO, socket or device.
    Special,
}

/// One entry met by the walk.
pub struct Entry<'a> {
    /// The path below the walk's root, names joined by `/`.
    pub inner: &'a str,
    /// The last name of `inner`.
    pub name: &'a str,
    /// 1 for the root's own entries.
    pub depth: usize,
    pub kind: Kind,
}

/// What the walk meets: a folder's names (before its entries), an entry, a name that is not
/// UTF-8 (shown lossily; a folder of that name is not entered), or a folder it cannot read
/// (below the root: `inner` names it).
pub enum Walked<'a> {
    /// Every UTF-8 name in the folder at `inner` (empty: the root), sorted: for checks of names
    /// against each other, without a copy of each.
    Listed {
        inner: &'a str,
        names: &'a [&'a str],
    },
    Entry(Entry<'a>),
    NotUtf8 {
        inner: String,
    },
    Error {
        inner: String,
        error: io::Error,
    },
}

/// Walks the tree below `root`, calling `visit` for each entry in name order, depth first. For
/// a folder, `visit` returns whether to enter it. The root itself is not reported; when it
/// cannot be opened the error is returned.
pub fn walk(root: &Path, visit: &mut dyn FnMut(Walked<'_>) -> bool) -> io::Result<()> {
    let fd = rustix::fs::open(root, dir_flags(), Mode::empty())?;
    let mut inner = String::new();
    walk_dir(fd, &mut inner, 1, visit);
    Ok(())
}

fn dir_flags() -> OFlags {
    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC
}

/// The names of one folder with their types from the listing, sorted by name (bytes).
fn list(dir: &mut Dir) -> io::Result<Listing> {
    let mut listing = Listing { bytes: Vec::new(), entries: Vec::new() };
    while let Some(entry) = dir.read() {
        let entry = entry?;
        let name = entry.file_name().to_bytes();
        if name == b"." || name == b".." {
            continue;
        }
        let start = listing.bytes.len();
        listing.bytes.extend_from_slice(name);
        listing.entries.push((start, listing.bytes.len(), entry.file_type()));
    }
    let bytes = &listing.bytes;
    listing.entries.sort_unstable_by(|a, b| bytes[a.0..a.1].cmp(&bytes[b.0..b.1]));
    Ok(listing)
}

/// A folder's names, in one buffer: each entry is where its name is and its type.
struct Listing {
    bytes: Vec<u8>,
    entries: Vec<(usize, usize, FileType)>,
}

fn walk_dir(fd: OwnedFd, inner: &mut String, depth: usize, visit: &mut dyn FnMut(Walked<'_>) -> bool) {
    let mut dir = match Dir::new(fd) {
        Ok(d) => d,
        Err(e) => return report(inner, e.into(), visit),
    };
    let listing = match list(&mut dir) {
        Ok(n) => n,
        Err(e) => return report(inner, e, visit),
    };
    let Ok(fd) = dir.fd() else { return };
    let names: Vec<Result<&str, &[u8]>> = listing
        .entries
        .iter()
        .map(|&(start, end, _)| {
            let raw = &listing.bytes[start..end];
            std::str::from_utf8(raw).map_err(|_| raw)
        })
        .collect();
    let utf8: Vec<&str> = names.iter().filter_map(|n| n.ok()).collect();
    visit(Walked::Listed { inner: inner.as_str(), names: &utf8 });
    let base = inner.len();
    let mut cname = Vec::new();
    for (name, &(_, _, listed)) in names.iter().zip(&listing.entries) {
        let name = match name {
            Ok(name) => *name,
            Err(raw) => {
                let lossy = String::from_utf8_lossy(raw);
                let shown = if base == 0 { lossy.into_owned() } else { format!("{}/{lossy}", &inner[..base]) };
                visit(Walked::NotUtf8 { inner: shown });
                continue;
            }
        };
        // The name for the kernel: no NUL can be in it (a folder listing never has one).
        cname.clear();
        cname.extend_from_slice(name.as_bytes());
        cname.push(0);
        let Ok(cname) = CStr::from_bytes_with_nul(&cname) else { continue };
        if base > 0 {
            inner.push('/');
        }
        inner.push_str(name);
        let kind = kind_of(fd, cname, listed);
        let is_dir = matches!(kind, Kind::Dir);
        let start = inner.len() - name.len();
        let enter = visit(Walked::Entry(Entry { inner, name: &inner[start..], depth, kind }));
        if is_dir && enter {
            match rustix::fs::openat(fd, cname, dir_flags(), Mode::empty()) {
                Ok(sub) => walk_dir(sub, inner, depth + 1, visit),
                Err(e) => report(inner, e.into(), visit),
            }
        }
        inner.truncate(base);
    }
}

fn report(inner: &str, error: io::Error, visit: &mut dyn FnMut(Walked<'_>) -> bool) {
    visit(Walked::Error { inner: inner.to_string(), error });
}

/// The kind of an entry: from the listing where the file system gives it, from `fstatat`
/// (never following a link) for regular files and where it does not.
fn kind_of(fd: BorrowedFd<'_>, name: &CStr, listed: FileType) -> Kind {
    match listed {
        FileType::Directory => return Kind::Dir,
        FileType::Symlink => return Kind::Symlink,
        FileType::RegularFile | FileType::Unknown => {}
        _ => return Kind::Special,
    }
    match rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => match FileType::from_raw_mode(st.st_mode as _) {
            FileType::RegularFile => Kind::File(Ok(meta(&st))),
            FileType::Directory => Kind::Dir,
            FileType::Symlink => Kind::Symlink,
            _ => Kind::Special,
        },
        Err(e) => Kind::File(Err(e.into())),
    }
}

/// A regular file's entry as the walk would list it (its marks for the hash and seal caches);
/// `None` when it is no regular file or cannot be looked at. Its `path` is empty.
pub fn entry_of(path: &Path) -> Option<crate::model::FileEntry> {
    let st = rustix::fs::statat(rustix::fs::CWD, path, AtFlags::SYMLINK_NOFOLLOW).ok()?;
    (FileType::from_raw_mode(st.st_mode as _) == FileType::RegularFile).then(|| {
        let m = meta(&st);
        crate::model::FileEntry {
            path: String::new(),
            size: m.len,
            mtime: m.mtime,
            ctime: m.ctime,
            ino: m.ino,
            kind: crate::model::FileKind::Regular,
        }
    })
}

#[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
fn meta(st: &rustix::fs::Stat) -> Meta {
    let secs = st.st_mtime as i64;
    Meta {
        len: st.st_size as u64,
        mtime: (secs >= 0).then_some((secs, st.st_mtime_nsec as u32)),
        ctime: (st.st_ctime as i64 >= 0).then_some((st.st_ctime as i64, st.st_ctime_nsec as u32)),
        nlink: st.st_nlink as u64,
        dev: st.st_dev as u64,
        ino: st.st_ino as u64,
        blocks: st.st_blocks as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(root: &Path, skip: &str) -> Vec<String> {
        let mut out = Vec::new();
        walk(root, &mut |w| match w {
            Walked::Listed { inner, names } => {
                out.push(format!("listed {inner}: {}", names.join(" ")));
                true
            }
            Walked::Entry(e) => {
                let kind = match &e.kind {
                    Kind::Dir => "dir".to_string(),
                    Kind::File(Ok(m)) => format!("file {}", m.len),
                    Kind::File(Err(e)) => format!("error {e}"),
                    Kind::Symlink => "link".into(),
                    Kind::Special => "special".into(),
                };
                out.push(format!("{} {} {} {kind}", e.depth, e.inner, e.name));
                e.inner != skip
            }
            Walked::NotUtf8 { inner } => {
                out.push(format!("not utf-8 {inner}"));
                true
            }
            Walked::Error { inner, error } => {
                out.push(format!("error {inner} {error}"));
                true
            }
        })
        .unwrap();
        out
    }

    #[test]
    fn walks_in_name_order_depth_first_without_following_links() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        std::fs::create_dir_all(r.join("a/b")).unwrap();
        std::fs::create_dir_all(r.join("skip/inner")).unwrap();
        std::fs::write(r.join("a/b/c.txt"), "xyz").unwrap();
        std::fs::write(r.join("a.txt"), "").unwrap();
        std::fs::write(r.join("skip/inner/x"), "1").unwrap();
        std::os::unix::fs::symlink("/etc", r.join("link")).unwrap();
        std::os::unix::fs::symlink("/etc", r.join("a/dirlink")).unwrap();
        assert_eq!(
            walked(r, "skip"),
            [
                "listed : a a.txt link skip",
                "1 a a dir",
                "listed a: b dirlink",
                "2 a/b b dir",
                "listed a/b: c.txt",
                "3 a/b/c.txt c.txt file 3",
                "2 a/dirlink dirlink link",
                "1 a.txt a.txt file 0",
                "1 link link link",
                "1 skip skip dir",
            ]
        );
    }

    #[test]
    fn a_name_that_is_not_utf8_is_reported_and_not_entered() {
        use std::os::unix::ffi::OsStrExt;
        let t = tempfile::tempdir().unwrap();
        let bad = std::ffi::OsStr::from_bytes(b"bad\xff");
        std::fs::create_dir_all(t.path().join("d").join(bad)).unwrap();
        std::fs::write(t.path().join("d").join(bad).join("f"), "1").unwrap();
        assert_eq!(walked(t.path(), ""), ["listed : d", "1 d d dir", "listed d: ", "not utf-8 d/bad\u{fffd}"]);
    }

    #[test]
    fn the_root_must_open() {
        let t = tempfile::tempdir().unwrap();
        assert!(walk(&t.path().join("missing"), &mut |_| true).is_err());
        std::fs::write(t.path().join("file"), "").unwrap();
        assert!(walk(&t.path().join("file"), &mut |_| true).is_err());
    }
}
