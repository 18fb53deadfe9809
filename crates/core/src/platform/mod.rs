//! What qoima asks of the operating system beyond the standard library, in one place.
//!
//! The rest of qoima uses only this module's functions and types. On Unix (Linux, the BSDs,
//! macOS) they are [`unix`]'s: folder handles and `fstatat` for the walk, `statfs` for network
//! drives, `kill(pid, 0)` for a process's life, resource limits and a process group for a
//! rebuild step. Elsewhere (Windows) they are [`portable`]'s: the standard library and
//! `walkdir`, which gives less — docs/platforms.md says what each platform loses.
//!
//! The portable implementation is compiled on Unix too, so its tests run there.

use std::io;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;

#[cfg_attr(unix, allow(dead_code))]
pub mod portable;
#[cfg(not(unix))]
use portable as imp;

pub use imp::{
    StepGuard, confine_step, host_name, is_executable, network_fs, open_file_limit, open_no_follow, process_alive,
    processes_of_this_user, random_bytes, read_exact_at, regular_file, same_device, same_file, stop_step,
    tune_allocator, user_ids, walk,
};

/// What a regular file's metadata says that the loader uses.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    /// The file's size in bytes.
    pub len: u64,
    /// Modification time since the epoch (seconds, nanoseconds); `None` before 1970.
    pub mtime: Option<(i64, u32)>,
    /// Status change time (seconds, nanoseconds); `None` before 1970. Without one (Windows):
    /// the creation time, else the modification time.
    pub ctime: Option<(i64, u32)>,
    /// How many names the file has (hard links); 1 where the platform does not say (Windows).
    pub nlink: u64,
    /// The drive the file is on; 0 where the platform does not say (Windows).
    pub dev: u64,
    /// The inode; 0 where the platform does not say (Windows).
    pub ino: u64,
    /// 512-byte blocks stored on the drive.
    pub blocks: u64,
}

/// The kind of one entry.
#[derive(Debug)]
pub enum Kind {
    /// A folder.
    Dir,
    /// A regular file with its metadata, or the error met looking at it.
    File(io::Result<Meta>),
    /// A symbolic link, not followed.
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
    /// What the entry is.
    pub kind: Kind,
}

/// What the walk meets: a folder's names (before its entries), an entry, a name that is not
/// UTF-8 (shown lossily; a folder of that name is not entered), or a folder it cannot read
/// (below the root: `inner` names it).
pub enum Walked<'a> {
    /// Every UTF-8 name in the folder at `inner` (empty: the root), sorted: for checks of names
    /// against each other, without a copy of each.
    Listed {
        /// The folder's path below the walk's root (empty: the root).
        inner: &'a str,
        /// The folder's UTF-8 names, sorted.
        names: &'a [&'a str],
    },
    /// An entry of a folder; for a folder, the visitor's `true` enters it.
    Entry(Entry<'a>),
    /// A name that is not UTF-8.
    NotUtf8 {
        /// The entry's path below the walk's root, its name shown lossily.
        inner: String,
    },
    /// A folder the walk cannot read.
    Error {
        /// The folder's path below the walk's root (empty: the root).
        inner: String,
        /// Why it cannot be read.
        error: io::Error,
    },
}

/// The limits of one rebuild step (a build's process and its children).
#[derive(Debug, Clone, Copy)]
pub struct StepLimits {
    /// CPU seconds of each process.
    pub cpu_seconds: u64,
    /// Address space of each process, in bytes.
    pub memory: u64,
    /// The largest file it may write, in bytes.
    pub file_size: u64,
    /// Processes its user may run in all (those running already included).
    pub user_processes: u64,
    /// Processes the step may start, where the limit on the user's does not bind (root).
    pub step_processes: u64,
}

#[cfg(test)]
mod tests;
