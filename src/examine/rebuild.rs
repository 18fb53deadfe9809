//! The rebuild (D1124-40: "full operability of the product restored from the deposited
//! objects"): the deposit's declared build steps run in a scratch copy of `source/`, never
//! inside the archive, with a time limit and no network; the outputs are hashed and compared
//! with the deposited install/ artifacts.
//!
//! Isolation is the best the machine offers, and the conclusion says which ran:
//! - bubblewrap (`bwrap`): the whole file system read-only but the scratch folder, a private
//!   `/tmp`, and new user, network, PID, IPC and UTS namespaces — a build can neither reach the
//!   network nor write anything outside its scratch folder;
//! - else `unshare` with user, network and mount namespaces, in which the site root is mounted
//!   read-only: no network and no write into the archive, but the build can write wherever the
//!   user running qoima can;
//! - else nothing, and the rebuild runs only when the operator says so (`--no-isolation`).

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::model::{Deposit, FileKind};

/// One build step as it ran.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Step {
    pub command: String,
    /// The exit status; none when it was killed.
    pub exit: Option<i32>,
    pub seconds: f64,
    pub timed_out: bool,
}

/// A deposited artifact compared with what the source builds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Compared {
    /// The deposited file (install/…).
    pub path: String,
    /// identical, different, or missing (the build made no file of that name).
    pub status: String,
    pub deposited_sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub built: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub built_sha256: Option<String>,
}

/// The outcome of a rebuild.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Rebuild {
    /// What isolated the build, in words.
    pub isolation: String,
    pub timeout_seconds: u64,
    pub steps: Vec<Step>,
    pub outputs: Vec<Compared>,
    /// Whether every step succeeded and every deposited artifact was rebuilt identically.
    pub reproduced: bool,
    /// The build log (every step's output), saved beside the conclusion.
    #[serde(skip)]
    pub log: String,
}

/// What isolates a build on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Isolation {
    Bubblewrap,
    Unshare,
    None,
}

impl Isolation {
    fn here() -> Isolation {
        if bubblewrap_works() {
            Isolation::Bubblewrap
        } else if namespaces_work() {
            Isolation::Unshare
        } else {
            Isolation::None
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Isolation::Bubblewrap => {
                "bubblewrap: the file system read-only but a scratch copy of source/ and a private /tmp; user, network, PID, IPC and UTS namespaces; no network"
            }
            Isolation::Unshare => {
                "unshare: user, network and mount namespaces; no network; the site root read-only; a scratch copy of source/ (install bubblewrap to make the rest of the file system read-only too)"
            }
            Isolation::None => "none (--no-isolation): a scratch copy of source/ only",
        }
    }
}

/// The arguments that run `sh -c "$QOIMA_STEP"` in bubblewrap, writable only in `scratch`.
fn bubblewrap_args(scratch: &Path, src: &Path) -> Vec<String> {
    let (scratch, src) = (scratch.display().to_string(), src.display().to_string());
    [
        "bwrap",
        "--ro-bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--tmpfs",
        "/tmp",
        "--bind",
        &scratch,
        &scratch,
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--chdir",
        &src,
        "--",
        "sh",
        "-c",
        "exec sh -c \"$QOIMA_STEP\"",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Whether bubblewrap can make its sandbox here.
fn bubblewrap_works() -> bool {
    let dir = std::env::temp_dir();
    let args = bubblewrap_args(&dir, &dir);
    Command::new(&args[0])
        .args(&args[1..])
        .env("QOIMA_STEP", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether user, network and mount namespaces can be made here.
fn namespaces_work() -> bool {
    Command::new("unshare")
        .args(["--user", "--map-root-user", "--net", "--mount", "true"])
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

/// Runs the deposit's build steps and compares the outputs with install/.
pub fn rebuild(root: &Path, deposit: &Deposit, timeout: Duration, allow_unisolated: bool) -> Result<Rebuild, String> {
    let doc = deposit.doc.as_ref().ok_or("the deposit's metadata cannot be read")?;
    let steps: Vec<String> =
        doc.build.as_ref().map(|b| b.steps.iter().map(|s| s.value.clone()).collect()).unwrap_or_default();
    if steps.is_empty() {
        return Err("deposit.yaml names no build steps (build: steps: […])".into());
    }
    let isolation = Isolation::here();
    if isolation == Isolation::None && !allow_unisolated {
        return Err("this machine has neither bubblewrap nor user, network and mount namespaces (unshare); \
                    rebuild without isolation only with --no-isolation"
            .into());
    }
    let canon_root = fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let scratch = std::env::temp_dir().join(format!(
        "qoima-rebuild-{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
    ));
    let src = scratch.join("src");
    let home = scratch.join("home");
    fs::create_dir_all(&src)
        .and_then(|()| fs::create_dir_all(&home))
        .map_err(|e| format!("{}: {e}", scratch.display()))?;
    let result = run(&canon_root, deposit, &steps, &scratch, &src, &home, timeout, isolation);
    let _ = fs::remove_dir_all(&scratch);
    result
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
) -> Result<Rebuild, String> {
    copy_tree(&root.join(&deposit.dir), src, deposit).map_err(|e| format!("copying source/: {e}"))?;
    // Reproducible builds read the time from SOURCE_DATE_EPOCH.
    let epoch = deposit
        .doc
        .as_ref()
        .and_then(|d| d.release_date.as_ref().map(|r| r.value))
        .or(deposit.date())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let mut log = String::new();
    let mut ran = Vec::new();
    for step in steps {
        let started = Instant::now();
        let mut cmd = Command::new("timeout");
        cmd.args(["--kill-after=5", &format!("{}s", timeout.as_secs().max(1))]);
        match isolation {
            Isolation::Bubblewrap => {
                cmd.args(bubblewrap_args(scratch, src));
            }
            Isolation::Unshare => {
                // Inside the namespaces: the site root read-only, then the step.
                let script = "mount --bind \"$QOIMA_RO\" \"$QOIMA_RO\" && mount -o remount,bind,ro \"$QOIMA_RO\" && exec sh -c \"$QOIMA_STEP\"";
                cmd.args(["unshare", "--user", "--map-root-user", "--net", "--mount", "sh", "-c", script]);
            }
            Isolation::None => {
                cmd.args(["sh", "-c", step]);
            }
        }
        cmd.current_dir(src)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()))
            .env("HOME", home)
            .env("TMPDIR", scratch)
            .env("LANG", "C.UTF-8")
            .env("TZ", "UTC")
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .env("QOIMA_STEP", step)
            .stdin(Stdio::null());
        if isolation == Isolation::Unshare {
            cmd.env("QOIMA_RO", root.display().to_string());
        }
        let out = cmd.output().map_err(|e| format!("cannot run `{step}`: {e}"))?;
        let seconds = started.elapsed().as_secs_f64();
        // coreutils timeout exits 124 when it stopped the command, 137 when it had to kill it.
        let timed_out = matches!(out.status.code(), Some(124) | Some(137)) && seconds >= timeout.as_secs_f64() * 0.99;
        let _ =
            writeln!(log, "$ {step}\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        let _ = writeln!(
            log,
            "[exit {:?} after {seconds:.1} s{}]\n",
            out.status.code(),
            if timed_out { ", killed at the time limit" } else { "" }
        );
        let ok = out.status.success();
        ran.push(Step { command: step.clone(), exit: out.status.code(), seconds, timed_out });
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
    let sha = |p: &Path| crate::seal::hash_file(p).map(|h| crate::seal::hex(&h)).unwrap_or_default();
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
