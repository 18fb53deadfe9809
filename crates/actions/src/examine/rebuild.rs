//! The rebuild (D1124-40: "full operability of the product restored from the deposited
//! objects"): the deposit's declared build steps run in a scratch copy of `source/`, never
//! inside the archive, with a time limit and no network; the outputs are hashed and compared
//! with the deposited install/ artifacts.
//!
//! The build is the submitter's code, so it runs in a bubblewrap (`bwrap`) sandbox that holds
//! only what a build needs: the scratch copy of `source/` (and a scratch home), a private
//! `/tmp`, the system folders read-only (`/usr`, `/bin`, `/sbin`, `/lib*`) and a few harmless
//! files of `/etc` (the loader cache, alternatives, certificates; a one-line passwd) — not
//! `/root`, `/home`, `/run`, `/var`, `/srv`, `/mnt`, `/opt`, the site root or any other
//! deposit. It has new user, network, PID, IPC, UTS and cgroup namespaces (no network of any
//! kind, no Unix socket of the machine), dies with qoima, and every process of a step ends
//! with it (the PID namespace goes when the step's shell does). Each step runs under limits on
//! CPU time, address space, file size, processes and core dumps, and its output is read as it
//! comes: the log keeps a bounded head and tail and says how much it cut.
//!
//! Without bubblewrap the rebuild is refused unless the operator gives `--no-isolation`: then
//! the build runs as the operator, with the operator's files, network and processes, and only
//! the scratch copy, the limits and the time limit apply. (There is no half-way `unshare` mode:
//! it left the rest of the file system writable and host processes reachable.)

use std::fmt::Write;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::model::{Deposit, FileKind};
use crate::records::conclusion::{Compared, Rebuild, Step};

/// Bytes of a step's output kept from its start, and from its end.
pub const LOG_HEAD: usize = 64 << 10;
/// Bytes of a step's output kept from its end (see [`LOG_HEAD`]).
pub const LOG_TAIL: usize = 64 << 10;
/// The largest file a build may write.
const MAX_FILE: u64 = 4 << 30;
/// The address space of each process of a build.
const MAX_MEMORY: u64 = 8 << 30;
/// Processes a build may add to those its user already runs.
const MAX_PROCESSES: u64 = 512;

/// What isolates a build on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Isolation {
    Bubblewrap,
    None,
}

impl Isolation {
    fn describe(self) -> &'static str {
        match self {
            Isolation::Bubblewrap => {
                "bubblewrap: only a scratch copy of source/, a private /tmp and the system folders read-only are visible; new user, network, PID, IPC and UTS namespaces; no network; limits on time, CPU, memory, file size, processes and output"
            }
            Isolation::None => {
                "none (--no-isolation): the build ran as the operator, with the operator's files, network and processes; only a scratch copy of source/ and the limits on time, CPU, memory, file size, processes and output"
            }
        }
    }
}

/// Files and folders of /etc a build may read: the loader, alternatives, certificates, time
/// zone and name-service plumbing. No secrets (shadow, keys, credentials of services).
const ETC: &[&str] = &[
    "alternatives",
    "ca-certificates",
    "ca-certificates.conf",
    "debian_version",
    "host.conf",
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "mime.types",
    "nsswitch.conf",
    "os-release",
    "protocols",
    "services",
    "ssl/certs",
    "ssl/openssl.cnf",
];

/// The arguments that run `sh -c "$QOIMA_STEP"` in bubblewrap: `scratch` holds the build's
/// folders (`src` and `home`, the only writable places besides a private /tmp).
fn bubblewrap_args(scratch: &Path, src: &Path) -> Vec<String> {
    let mut args: Vec<String> =
        ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    for top in ["bin", "sbin", "lib", "lib32", "lib64", "libx32"] {
        let path = Path::new("/").join(top);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                if let Ok(to) = fs::read_link(&path) {
                    args.extend(["--symlink".into(), to.display().to_string(), path.display().to_string()]);
                }
            }
            Ok(m) if m.is_dir() => {
                args.extend(["--ro-bind".into(), path.display().to_string(), path.display().to_string()])
            }
            _ => {}
        }
    }
    args.extend(["--dir", "/etc"].map(String::from));
    let mut etc: Vec<String> = ETC.iter().map(|e| format!("/etc/{e}")).collect();
    // Java's configuration, which its alternatives point into.
    if let Ok(dir) = fs::read_dir("/etc") {
        etc.extend(
            dir.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("java-"))
                .map(|e| e.path().display().to_string()),
        );
    }
    for e in etc {
        args.extend(["--ro-bind-try".into(), e.clone(), e]);
    }
    let passwd = scratch.join("passwd").display().to_string();
    let (scratch, src) = (scratch.display().to_string(), src.display().to_string());
    let home = Path::new(&scratch).join("home").display().to_string();
    args.extend(
        [
            "--ro-bind-try",
            &passwd,
            "/etc/passwd",
            "--proc",
            "/proc",
            "--dev",
            "/dev",
            "--tmpfs",
            "/tmp",
            "--bind",
            &src,
            &src,
            "--bind",
            &home,
            &home,
            "--chdir",
            &src,
            "--",
            "sh",
            "-c",
            "exec sh -c \"$QOIMA_STEP\"",
        ]
        .map(String::from),
    );
    args
}

/// Whether bubblewrap can make its sandbox here.
fn bubblewrap_works(scratch: &Path, src: &Path) -> bool {
    let args = bubblewrap_args(scratch, src);
    Command::new(&args[0])
        .args(&args[1..])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()))
        .env("QOIMA_STEP", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn copy_tree(from: &Path, to: &Path, deposit: &Deposit) -> std::io::Result<()> {
    for f in deposit.files.iter().filter(|f| f.path.starts_with("source/")) {
        let rel = &f.path["source/".len()..];
        if f.kind != FileKind::Regular {
            continue; // links and special files never enter the scratch folder
        }
        let target = to.join(rel);
        if let Some(p) = target.parent() {
            fs::create_dir_all(p)?;
        }
        fs::copy(from.join(&f.path), &target)?;
    }
    Ok(())
}

/// Why a rebuild could not be run. Its text is recorded in the conclusion as it is (English,
/// as the conclusion's other details).
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    /// deposit.yaml could not be read, so there are no build steps to run.
    #[error("the deposit's metadata cannot be read")]
    NoMetadata,
    /// deposit.yaml names no build steps.
    #[error("deposit.yaml names no build steps (build: steps: […])")]
    NoSteps,
    /// A folder of the site or of the sandbox that cannot be used.
    #[error("{}: {source}", path.display())]
    Io {
        /// The folder.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// No sandbox here, and running without one was not allowed.
    #[error(
        "bubblewrap (bwrap) is not installed here or cannot make its sandbox, so the build cannot be isolated. \
         Install bubblewrap, or give --no-isolation to run the build with no isolation at all: as you, \
         able to read and change whatever you can, reach the network and signal your processes"
    )]
    NotIsolated,
    /// source/ could not be copied into the sandbox.
    #[error("copying source/: {0}")]
    Copy(std::io::Error),
    /// The pipe for a step's output could not be made.
    #[error("cannot make a pipe: {0}")]
    Pipe(std::io::Error),
    /// A step could not be started.
    #[error("cannot run `{step}`: {source}")]
    Spawn {
        /// The step, as deposit.yaml gives it.
        step: String,
        /// The system's reason.
        source: std::io::Error,
    },
}

/// Runs the deposit's build steps and compares the outputs with install/.
pub fn rebuild(
    root: &Path,
    deposit: &Deposit,
    timeout: Duration,
    allow_unisolated: bool,
) -> Result<Rebuild, RebuildError> {
    let doc = deposit.doc.as_ref().ok_or(RebuildError::NoMetadata)?;
    let steps: Vec<String> =
        doc.build.as_ref().map(|b| b.steps.iter().map(|s| s.value.clone()).collect()).unwrap_or_default();
    if steps.is_empty() {
        return Err(RebuildError::NoSteps);
    }
    let canon_root = fs::canonicalize(root).map_err(|source| RebuildError::Io { path: root.into(), source })?;
    let scratch = std::env::temp_dir().join(format!(
        "qoima-rebuild-{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
    ));
    let src = scratch.join("src");
    let home = scratch.join("home");
    let (uid, gid) = crate::platform::user_ids();
    fs::create_dir_all(&src)
        .and_then(|()| fs::create_dir_all(&home))
        .and_then(|()| {
            fs::write(scratch.join("passwd"), format!("build:x:{uid}:{gid}:build:{}:/bin/sh\n", home.display()))
        })
        .map_err(|source| RebuildError::Io { path: scratch.clone(), source })?;
    let isolation = if bubblewrap_works(&scratch, &src) { Isolation::Bubblewrap } else { Isolation::None };
    let result = if isolation == Isolation::None && !allow_unisolated {
        Err(RebuildError::NotIsolated)
    } else {
        run(&canon_root, deposit, &steps, &scratch, &src, &home, timeout, isolation)
    };
    let _ = fs::remove_dir_all(&scratch);
    result
}

/// A step's output as it is read: the first [`LOG_HEAD`] bytes, the last [`LOG_TAIL`], and how
/// many there were. Nothing else is kept, however much the step prints.
#[derive(Default)]
struct Output {
    head: Vec<u8>,
    tail: std::collections::VecDeque<u8>,
    total: u64,
}

impl Output {
    fn push(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        let room = LOG_HEAD - self.head.len();
        let first = bytes.len().min(room);
        self.head.extend_from_slice(&bytes[..first]);
        bytes = &bytes[first..];
        if bytes.len() >= LOG_TAIL {
            self.tail.clear();
            bytes = &bytes[bytes.len() - LOG_TAIL..];
        }
        let over = (self.tail.len() + bytes.len()).saturating_sub(LOG_TAIL);
        self.tail.drain(..over);
        self.tail.extend(bytes);
    }

    /// Bytes left out between the head and the tail.
    fn cut(&self) -> u64 {
        self.total - self.head.len() as u64 - self.tail.len() as u64
    }

    fn read_all(mut from: impl Read) -> Output {
        let mut out = Output::default();
        let mut buf = vec![0u8; 64 << 10];
        loop {
            match from.read(&mut buf) {
                Ok(0) => return out,
                Ok(n) => out.push(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return out,
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run(
    root: &Path,
    deposit: &Deposit,
    steps: &[String],
    scratch: &Path,
    src: &Path,
    home: &Path,
    timeout: Duration,
    isolation: Isolation,
) -> Result<Rebuild, RebuildError> {
    copy_tree(&root.join(&deposit.dir), src, deposit).map_err(RebuildError::Copy)?;
    // Reproducible builds read the time from SOURCE_DATE_EPOCH.
    let epoch = deposit
        .doc
        .as_ref()
        .and_then(|d| d.release_date.as_ref().map(|r| r.value))
        .or(deposit.date())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let limits = crate::platform::StepLimits {
        cpu_seconds: timeout.as_secs().max(1) + 10,
        memory: MAX_MEMORY,
        file_size: MAX_FILE,
        user_processes: crate::platform::processes_of_this_user() + MAX_PROCESSES,
        step_processes: MAX_PROCESSES,
    };
    let mut log = String::new();
    let mut ran = Vec::new();
    for step in steps {
        let started = Instant::now();
        let (reader, writer) = std::io::pipe().map_err(RebuildError::Pipe)?;
        let writer2 = writer.try_clone().map_err(RebuildError::Pipe)?;
        let mut cmd = match isolation {
            Isolation::Bubblewrap => {
                let args = bubblewrap_args(scratch, src);
                let mut c = Command::new(&args[0]);
                c.args(&args[1..]);
                c
            }
            Isolation::None => {
                let mut c = Command::new("sh");
                c.args(["-c", step]);
                c
            }
        };
        cmd.current_dir(src)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()))
            .env("HOME", home)
            .env("LANG", "C.UTF-8")
            .env("TZ", "UTC")
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .env("QOIMA_STEP", step)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(writer2);
        if isolation == Isolation::Bubblewrap {
            cmd.env("TMPDIR", "/tmp");
        } else {
            cmd.env("TMPDIR", scratch);
        }
        // Its own process group, the limits, and as root a pids cgroup (held until it is over).
        let _confined = crate::platform::confine_step(&mut cmd, limits);
        let mut child = cmd.spawn().map_err(|source| RebuildError::Spawn { step: step.to_string(), source })?;
        // The pipe's writing ends now belong to the step alone: it ends when they all close.
        drop(cmd);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(Output::read_all(reader));
        });
        let deadline = started + timeout.max(Duration::from_secs(1));
        let mut timed_out = false;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() >= deadline => {
                    timed_out = true;
                    crate::platform::stop_step(&mut child);
                    break child.wait().ok();
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(_) => break None,
            }
        };
        // Whatever the step left running in its group goes with it. (In bubblewrap the PID
        // namespace is gone already, and so may be the group, whose number must not be
        // signalled once it could be another's.)
        if isolation == Isolation::None {
            crate::platform::stop_step(&mut child);
        }
        let seconds = started.elapsed().as_secs_f64();
        let code = status.and_then(|s| s.code());
        // A process that left the group (--no-isolation only) may still hold the output open.
        let (output, open) = match rx.recv_timeout(Duration::from_secs(5)) {
            Ok(o) => (o, false),
            Err(_) => (Output::default(), true),
        };
        let _ = writeln!(log, "$ {step}");
        log.push_str(&String::from_utf8_lossy(&output.head));
        if output.cut() > 0 {
            let _ = writeln!(
                log,
                "\n[… {} bytes cut: the step wrote {} bytes; the first {} and the last {} are kept …]",
                output.cut(),
                output.total,
                output.head.len(),
                output.tail.len()
            );
        }
        let (a, b) = output.tail.as_slices();
        log.push_str(&String::from_utf8_lossy(&[a, b].concat()));
        let _ = writeln!(
            log,
            "\n[exit {code:?} after {seconds:.1} s{}{}]\n",
            if timed_out { ", killed at the time limit" } else { "" },
            if open { "; a process it started kept its output open, which was not read" } else { "" }
        );
        let ok = status.is_some_and(|s| s.success());
        ran.push(Step {
            command: step.clone(),
            exit: code,
            seconds,
            timed_out,
            output_bytes: output.total,
            output_cut: output.cut(),
        });
        if !ok {
            break;
        }
    }
    let built_ok = ran.len() == steps.len() && ran.iter().all(|s| s.exit == Some(0));
    // What was built, by file name.
    let mut built: Vec<(String, PathBuf)> = Vec::new();
    for e in walkdir::WalkDir::new(src).follow_links(false).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(src).unwrap_or(e.path()).to_string_lossy().into_owned();
        built.push((rel, e.path().to_path_buf()));
    }
    let sha = |p: &Path| crate::hash::hash_file(p).map(|h| crate::hash::hex(&h)).unwrap_or_default();
    let mut outputs = Vec::new();
    for f in deposit.files.iter().filter(|f| f.kind == FileKind::Regular && f.component() == Some("install")) {
        let deposited = sha(&root.join(&deposit.dir).join(&f.path));
        let name = f.path.rsplit('/').next().unwrap_or(&f.path);
        let candidates: Vec<&(String, PathBuf)> =
            built.iter().filter(|(rel, _)| rel.rsplit('/').next() == Some(name)).collect();
        let hashed: Vec<(&String, String)> = candidates.iter().map(|(rel, p)| (rel, sha(p))).collect();
        let pick = hashed.iter().find(|(_, h)| *h == deposited).or(hashed.first());
        outputs.push(match pick {
            Some((rel, h)) => Compared {
                path: f.path.clone(),
                status: if *h == deposited { "identical" } else { "different" }.into(),
                deposited_sha256: deposited.clone(),
                built: Some(format!("source/{rel}")),
                built_sha256: Some(h.clone()),
            },
            None => Compared {
                path: f.path.clone(),
                status: "missing".into(),
                deposited_sha256: deposited,
                built: None,
                built_sha256: None,
            },
        });
    }
    let reproduced = built_ok && !outputs.is_empty() && outputs.iter().all(|o| o.status == "identical");
    Ok(Rebuild {
        isolation: isolation.describe().into(),
        timeout_seconds: timeout.as_secs(),
        steps: ran,
        outputs,
        reproduced,
        log,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_keeps_a_bounded_head_and_tail_and_counts_the_rest() {
        let mut o = Output::default();
        o.push(b"start\n");
        assert_eq!((o.total, o.cut(), o.head.as_slice()), (6, 0, &b"start\n"[..]));
        // Far more than fits, in pieces of every size.
        let mut written = 6u64;
        for (i, size) in [1usize, 100, LOG_HEAD, 3 * LOG_TAIL, 7, LOG_TAIL - 1].into_iter().enumerate() {
            o.push(&vec![b'a' + i as u8; size]);
            written += size as u64;
        }
        o.push(b"\nend\n");
        written += 5;
        assert_eq!(o.total, written);
        assert_eq!((o.head.len(), o.tail.len()), (LOG_HEAD, LOG_TAIL));
        assert!(o.head.starts_with(b"start\nab"));
        let tail: Vec<u8> = o.tail.iter().copied().collect();
        assert!(tail.ends_with(b"f\nend\n"));
        assert_eq!(o.cut(), written - (LOG_HEAD + LOG_TAIL) as u64);
        // What a pipe gives, read to its end.
        let read = Output::read_all(&vec![b'x'; 3 * LOG_HEAD][..]);
        assert_eq!((read.total, read.cut()), (3 * LOG_HEAD as u64, LOG_HEAD as u64));
    }
}
