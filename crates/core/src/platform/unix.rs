//! The Unix side of [`super`]: system calls through rustix and libc.
//!
//! The walk works on folder handles. The loader lists every file of every deposit on every run
//! (125,000 files in 75,000 folders for a 10,000-deposit archive), so the walk is most of what
//! `check` asks of the kernel. Each folder is opened relative to its parent's handle and each
//! file is looked at relative to its folder (`openat`, `fstatat`), so the kernel never resolves
//! a long absolute path again, and no `fstat` is spent per folder as `opendir` does. Names come
//! sorted, depth first, as `walkdir`'s `sort_by_file_name` gives them, and only regular files
//! are looked at (their size, time, links and blocks); the type of everything else comes from
//! the folder listing itself.

use std::ffi::CStr;
use std::io;
use std::path::Path;
use std::process::{Child, Command};

use super::{Entry, Kind, Meta, StepLimits, Walked};

use rustix::fd::{BorrowedFd, OwnedFd};
use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags};

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

/// A regular file's metadata as the walk would give it (its marks for the hash and seal
/// caches); `None` when it is no regular file or cannot be looked at.
pub fn regular_file(path: &Path) -> Option<Meta> {
    let st = rustix::fs::statat(rustix::fs::CWD, path, AtFlags::SYMLINK_NOFOLLOW).ok()?;
    (FileType::from_raw_mode(st.st_mode as _) == FileType::RegularFile).then(|| meta(&st))
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

/// This host's name as the system gives it (empty when it does not).
/// Lets the C library's allocator grow a thread's heap in large steps. Loading a large archive
/// allocates millions of small strings from every thread; by default glibc grows each thread's
/// heap a few pages at a time, one `mprotect` call each (about 30,000 of them at 10,000
/// deposits, ~4 % of `check`'s time). With 64 MiB of room per step it makes a few dozen; the
/// room is address space, not memory, until it is used. Other C libraries are left as they are.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of glibc's allocator; any value is valid for M_TOP_PAD.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

/// This host's name (`gethostname`); empty when it cannot be read.
pub fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that much.
    if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } != 0 {
        return String::new();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// Whether process `pid` of this host still runs; `None` when that cannot be told.
pub fn process_alive(pid: u32) -> Option<bool> {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return Some(false) };
    // SAFETY: signal 0 only asks whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    Some(r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
}

/// The kind of file system `path` is on, when it is one that does not deliver change events
/// for changes made by other machines.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn network_fs(path: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid NUL-terminated path and `st` a properly sized, writable buffer.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    // The magic numbers of linux/magic.h.
    match st.f_type as u64 & 0xffff_ffff {
        0x6969 => Some("NFS"),
        0x517b => Some("SMB"),
        0xff53_4d42 => Some("CIFS"),
        0xfe53_4d42 => Some("SMB2"),
        0x6573_5546 => Some("a FUSE file system"),
        0x0102_1997 => Some("9P"),
        0x5346_414f => Some("AFS"),
        0x00c3_6400 => Some("Ceph"),
        _ => None,
    }
}

/// Other Unix systems: no detection (`--poll` is for their network drives).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub fn network_fs(_: &Path) -> Option<&'static str> {
    None
}

/// Whether two metadata are of the same file (a hard link made earlier).
pub fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Whether two paths are on the same device.
pub fn same_device(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    matches!((std::fs::metadata(a), std::fs::metadata(b)), (Ok(x), Ok(y)) if x.dev() == y.dev())
}

/// Whether any execute bit of a file is set.
pub fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

/// Reads exactly `buf.len()` bytes of `file` at `offset`, leaving its position alone.
pub fn read_exact_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Opens a file for reading, refusing a symbolic link in its last name.
pub fn open_no_follow(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW).open(path)
}

/// How many files and sockets this process may have open.
#[allow(clippy::unnecessary_cast)] // rlim_t is not u64 on every Unix
pub fn open_file_limit() -> u64 {
    let mut lim = libc::rlimit { rlim_cur: 1024, rlim_max: 1024 };
    // SAFETY: getrlimit writes into the struct it is given.
    unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) };
    lim.rlim_cur as u64
}

/// Fills `buf` from the kernel's random source.
pub fn random_bytes(buf: &mut [u8]) -> io::Result<()> {
    std::fs::File::open("/dev/urandom").and_then(|mut f| io::Read::read_exact(&mut f, buf))
}

/// The user and group this process runs as.
pub fn user_ids() -> (u32, u32) {
    // SAFETY: getuid and getgid cannot fail.
    unsafe { (libc::getuid(), libc::getgid()) }
}

/// Processes running now under this user.
pub fn processes_of_this_user() -> u64 {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: getuid cannot fail.
    let uid = unsafe { libc::getuid() };
    std::fs::read_dir("/proc")
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
                .filter(|e| e.metadata().is_ok_and(|m| m.uid() == uid))
                .count() as u64
        })
        .unwrap_or(0)
}

/// What a rebuild step holds until it is over: its pids cgroup, if one was made.
pub struct StepGuard(#[allow(dead_code)] Option<PidsCgroup>);

/// Makes `cmd` start a process group of its own, under `limits` (resource limits, and a pids
/// cgroup when qoima runs as root: RLIMIT_NPROC does not bind root). Keep the guard until the
/// step is over.
pub fn confine_step(cmd: &mut Command, limits: StepLimits) -> StepGuard {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
    let pids = PidsCgroup::new(limits.step_processes);
    let procs = pids.as_ref().map(|p| p.procs.clone());
    // SAFETY: only setrlimit, open, write and close (async-signal-safe) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if let Some(procs) = &procs {
                PidsCgroup::enter(procs)?;
            }
            lower_limit(libc::RLIMIT_CPU, limits.cpu_seconds)?;
            lower_limit(libc::RLIMIT_AS, limits.memory)?;
            lower_limit(libc::RLIMIT_FSIZE, limits.file_size)?;
            lower_limit(libc::RLIMIT_NPROC, limits.user_processes)?;
            lower_limit(libc::RLIMIT_CORE, 0)
        });
    }
    StepGuard(pids)
}

/// Kills every process of a step's process group (the step and whatever it started there).
pub fn stop_step(child: &mut Child) {
    if let Ok(pgid) = i32::try_from(child.id()) {
        // SAFETY: a signal to a process group that qoima made for this step.
        unsafe { libc::kill(-pgid, libc::SIGKILL) };
    }
}

/// Sets a resource limit no higher than the one in force (raising it is not allowed).
#[cfg(any(target_os = "linux", target_os = "android"))]
type Resource = libc::__rlimit_resource_t;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
type Resource = libc::c_int;

fn lower_limit(resource: Resource, to: u64) -> std::io::Result<()> {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit and setrlimit read and write the struct given.
    unsafe {
        if libc::getrlimit(resource, &mut lim) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let to = to.min(lim.rlim_max);
        let new = libc::rlimit { rlim_cur: to, rlim_max: to };
        if libc::setrlimit(resource, &new) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// A pids cgroup that holds one build step, made when qoima runs as root: the kernel does not
/// hold root to RLIMIT_NPROC, but `pids.max` binds every process put into the cgroup, whoever
/// it runs as. Under cgroup v1 in the pids hierarchy, under v2 where the root hands `pids` down;
/// none when neither can be written.
struct PidsCgroup {
    dir: std::path::PathBuf,
    procs: std::ffi::CString,
}

impl PidsCgroup {
    fn new(max: u64) -> Option<PidsCgroup> {
        use std::os::unix::ffi::OsStrExt;
        static STEP: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        // SAFETY: geteuid cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return None;
        }
        let name =
            format!("qoima-rebuild-{}-{}", std::process::id(), STEP.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        for (base, v1) in [("/sys/fs/cgroup/pids", true), ("/sys/fs/cgroup", false)] {
            let base = std::path::Path::new(base);
            let usable = if v1 {
                base.join("cgroup.procs").is_file() && !base.join("cgroup.controllers").exists()
            } else {
                std::fs::read_to_string(base.join("cgroup.subtree_control"))
                    .is_ok_and(|c| c.split_whitespace().any(|x| x == "pids"))
            };
            if !usable {
                continue;
            }
            let dir = base.join(&name);
            if std::fs::create_dir(&dir).is_err() {
                continue;
            }
            if std::fs::write(dir.join("pids.max"), max.to_string()).is_err() {
                let _ = std::fs::remove_dir(&dir);
                continue;
            }
            let procs = std::ffi::CString::new(dir.join("cgroup.procs").as_os_str().as_bytes()).ok()?;
            return Some(PidsCgroup { dir, procs });
        }
        None
    }

    /// Puts the calling process into the cgroup at `procs`: between fork and exec, so only
    /// open, write and close (async-signal-safe), and the pid written without allocating.
    fn enter(procs: &std::ffi::CStr) -> std::io::Result<()> {
        let mut digits = [0u8; 20];
        // SAFETY: getpid cannot fail; open, write and close get a valid path, buffer and fd.
        unsafe {
            let mut n = libc::getpid() as u64;
            let mut at = digits.len();
            loop {
                at -= 1;
                digits[at] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            let fd = libc::open(procs.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            if fd < 0 {
                return Err(std::io::Error::last_os_error());
            }
            let written = libc::write(fd, digits[at..].as_ptr().cast(), digits.len() - at);
            libc::close(fd);
            if written < 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }
}

impl Drop for PidsCgroup {
    fn drop(&mut self) {
        // Removable once every process of the step is gone (they are killed with it).
        for _ in 0..100 {
            if std::fs::remove_dir(&self.dir).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
