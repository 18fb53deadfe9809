//! Change events from the file system (notify, debounced by notify-debouncer-full), with a
//! polling fallback for shared drives that deliver none.
//!
//! SMB/CIFS and NFS mounts, FUSE file systems and 9P (WSL's Windows drives) do not report
//! changes made by other machines, so on those the watcher polls: it compares modification
//! times every interval instead. It also polls when the kernel refuses more native watches
//! (`fs.inotify.max_user_watches`), and whenever `--poll` asks for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{self, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, RecommendedCache, new_debouncer_opt};

/// How changes are noticed.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// The kernel's change events (inotify on Linux).
    Native,
    /// Modification times compared every interval; the reason is shown to the operator.
    Poll {
        /// How often the modification times are compared.
        every: Duration,
        /// Why changes are polled for: `--poll`, a network or FUSE file system, watches refused.
        why: crate::messages::Msg,
    },
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mode::Native => f.write_str("native change events"),
            Mode::Poll { every, why } => write!(f, "polling every {:.1} s ({})", every.as_secs_f64(), why.en()),
        }
    }
}

/// A running watcher over a set of folders.
pub struct Watcher {
    /// The debouncer or the polling thread's stop flag: watching stops when it is dropped.
    _keep: Box<dyn Send>,
    rx: Receiver<Msg>,
    /// How the watcher notices changes: the kernel's events or polling.
    pub mode: Mode,
}

/// The polling interval `--poll` uses when given without a value.
pub const DEFAULT_POLL: Duration = Duration::from_secs(2);

impl Watcher {
    /// Watches `dirs` (each recursively or not). `poll` forces polling at that interval;
    /// otherwise native events are used unless the root is on a network or FUSE file system,
    /// or the kernel refuses the watches. `debounce` is how long a path must stay quiet before
    /// its change is reported.
    pub fn start(
        root: &Path,
        dirs: &[(PathBuf, bool)],
        poll: Option<Duration>,
        debounce: Duration,
    ) -> Result<Watcher, String> {
        let forced =
            poll.map(|every| Mode::Poll { every, why: crate::messages::Msg::new("watch-poll-asked", crate::args! {}) });
        let mode = forced.or_else(|| {
            crate::platform::network_fs(root).map(|fs| Mode::Poll {
                every: DEFAULT_POLL,
                why: crate::messages::Msg::new(
                    "watch-poll-network",
                    crate::args! { "root" => root.display().to_string(), "fs" => fs.to_string() },
                ),
            })
        });
        if mode.is_none() {
            match Self::native(dirs, debounce) {
                Ok(w) => return Ok(w),
                Err(e) => {
                    let why = crate::messages::Msg::new("watch-poll-no-events", crate::args! { "error" => e });
                    return Self::polling(dirs, DEFAULT_POLL, why);
                }
            }
        }
        match mode {
            Some(Mode::Poll { every, why }) => Self::polling(dirs, every, why),
            _ => Self::native(dirs, debounce),
        }
    }

    fn native(dirs: &[(PathBuf, bool)], debounce: Duration) -> Result<Watcher, String> {
        let (tx, rx) = channel();
        let handler = move |result: DebounceEventResult| {
            let msg = match result {
                Ok(events) => Msg::Paths(
                    events.into_iter().filter(|e| changes(&e.event.kind)).flat_map(|e| e.event.paths).collect(),
                ),
                Err(errors) => Msg::Errors(errors.into_iter().map(|e| e.to_string()).collect()),
            };
            let _ = tx.send(msg);
        };
        let mut d = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
            debounce,
            None,
            handler,
            RecommendedCache::new(),
            notify::Config::default(),
        )
        .map_err(|e| e.to_string())?;
        for (dir, recursive) in dirs {
            d.watch(dir, mode_of(*recursive)).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        Ok(Watcher { _keep: Box::new(d), rx, mode: Mode::Native })
    }

    fn polling(dirs: &[(PathBuf, bool)], every: Duration, why: crate::messages::Msg) -> Result<Watcher, String> {
        let (tx, rx) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let poller = Poller { dirs: dirs.to_vec(), tx, stop: stop.clone() };
        let mut before = poller.scan();
        std::thread::Builder::new()
            .name("qoima poll".into())
            .spawn(move || {
                while !poller.stop.load(Ordering::Relaxed) {
                    std::thread::sleep(every);
                    let now = poller.scan();
                    let changed = diff(&before, &now);
                    before = now;
                    if !changed.is_empty() && poller.tx.send(Msg::Paths(changed)).is_err() {
                        return;
                    }
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(Watcher { _keep: Box::new(StopOnDrop(stop)), rx, mode: Mode::Poll { every, why } })
    }

    /// Waits up to `timeout` for changes; returns the changed paths, coalescing whatever else
    /// has arrived meanwhile, and the watcher's errors (a removed watch, an overflowed queue).
    /// `None` when the watcher has stopped.
    pub fn next(&self, timeout: Duration) -> Option<(Vec<PathBuf>, Vec<String>)> {
        let first = match self.rx.recv_timeout(timeout) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) => return Some((Vec::new(), Vec::new())),
            Err(RecvTimeoutError::Disconnected) => return None,
        };
        let (mut paths, mut errors) = (Vec::new(), Vec::new());
        for msg in std::iter::once(first).chain(self.rx.try_iter()) {
            match msg {
                Msg::Paths(p) => paths.extend(p),
                Msg::Errors(e) => errors.extend(e),
            }
        }
        paths.sort();
        paths.dedup();
        Some((paths, errors))
    }
}

/// What the event source sends: changed paths, or errors.
enum Msg {
    Paths(Vec<PathBuf>),
    Errors(Vec<String>),
}

/// Stops the polling thread when the watcher is dropped.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Polling: every entry's size, modification time (to the nanosecond, as the file system keeps
/// it) and type, compared from one scan to the next. notify's own PollWatcher compares whole
/// seconds only, so two saves within a second look like one; this one does not.
struct Poller {
    dirs: Vec<(PathBuf, bool)>,
    tx: Sender<Msg>,
    stop: Arc<AtomicBool>,
}

type Snapshot = HashMap<PathBuf, (u64, Option<std::time::SystemTime>, bool)>;

impl Poller {
    fn scan(&self) -> Snapshot {
        let mut snap = Snapshot::new();
        for (dir, recursive) in &self.dirs {
            let walk =
                walkdir::WalkDir::new(dir).follow_links(false).max_depth(if *recursive { usize::MAX } else { 1 });
            for entry in walk.into_iter().filter_map(Result::ok) {
                if let Ok(m) = entry.metadata() {
                    snap.insert(entry.into_path(), (m.len(), m.modified().ok(), m.is_dir()));
                }
            }
        }
        snap
    }
}

/// The paths added, removed or changed between two scans.
fn diff(before: &Snapshot, now: &Snapshot) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> =
        now.iter().filter(|(p, m)| before.get(*p) != Some(m)).map(|(p, _)| p.clone()).collect();
    changed.extend(before.keys().filter(|p| !now.contains_key(*p)).cloned());
    changed
}

/// Whether an event says something changed: reading a file (qoima's own reads included) is no
/// change, closing a file written to is.
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    }
}

fn mode_of(recursive: bool) -> RecursiveMode {
    if recursive { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_sees_two_saves_within_one_second() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("deposit.yaml");
        std::fs::write(&file, "a: 1\n").unwrap();
        let (tx, _rx) = channel();
        let poller = Poller { dirs: vec![(dir.path().to_path_buf(), true)], tx, stop: Arc::default() };
        let before = poller.scan();
        // Same size, a few milliseconds later: only the sub-second part of the time differs.
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&file, "a: 2\n").unwrap();
        let after = poller.scan();
        assert_eq!(diff(&before, &after), vec![file.clone()]);
        std::fs::remove_file(&file).unwrap();
        let gone = poller.scan();
        assert_eq!(diff(&after, &gone).iter().filter(|p| **p == file).count(), 1);
        assert!(diff(&gone, &gone).is_empty());
    }

    #[test]
    fn a_local_folder_is_not_a_network_drive() {
        let dir = std::env::temp_dir();
        // /tmp is tmpfs or a local disk on every machine the tests run on.
        assert_eq!(crate::platform::network_fs(&dir), None);
    }
}
