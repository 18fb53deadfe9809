//! `examine --rebuild` runs the submitter's build: a probe script as its build step tries every
//! escape a hostile build would (secrets of the machine, another system's records in the site
//! root, a Unix socket under /run, the network and the host's loopback, writes outside its
//! scratch folder, signalling a host process, a process left running, a flood of output) and
//! prints what it reached. The site root lies outside /tmp (a private /tmp would hide it).

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{DEPOSIT, DEPOSIT_YAML, SYSTEM_YAML, Site, bubblewrap, copy_dir, fixtures};

/// In the site's system.yaml: read by the build, it would show in the log.
const RECORD_MARKER: &str = "PROBE-RESTRICTED-RECORD-7d21";
/// In a 0600 file in the home folder of the user running the tests.
const HOME_MARKER: &str = "PROBE-HOME-SECRET-19ab";

/// The minimal site in a folder under the build's target folder, not under /tmp.
fn site_outside_tmp() -> Site {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    copy_dir(&fixtures().join("minimal"), dir.path());
    Site { dir }
}

/// Whether a process whose command line is `sleep <seconds>` runs anywhere on the machine.
fn sleeping(seconds: &str) -> bool {
    fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .any(|e| fs::read(e.path().join("cmdline")).is_ok_and(|c| c == format!("sleep\0{seconds}\0").as_bytes()))
}

/// Removes a file when the test ends, however it ends.
struct Cleanup(Vec<PathBuf>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = fs::remove_file(p);
        }
    }
}

#[test]
fn a_hostile_build_reaches_nothing_outside_its_sandbox_and_leaves_nothing_behind() {
    if !bubblewrap() {
        return;
    }
    let site = site_outside_tmp();
    let pid = std::process::id();
    site.edit(SYSTEM_YAML, "\n", &format!("\n# {RECORD_MARKER}\n"));
    // Another system of the site, restricted.
    let other = site.read(SYSTEM_YAML).replace("ISEG-00042", "ISEG-00043");
    site.write("archive/zz-other/system.yaml", &format!("{other}# access: restricted, {RECORD_MARKER}\n"));
    let home = PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/root".into()));
    let home_secret = home.join(format!(".qoima-probe-secret-{pid}"));
    let home_write = home.join(format!(".qoima-probe-written-{pid}"));
    let var_tmp_write = PathBuf::from(format!("/var/tmp/qoima-probe-written-{pid}"));
    let socket_path = if fs::metadata("/run").is_ok_and(|m| !m.permissions().readonly()) {
        PathBuf::from(format!("/run/qoima-probe-{pid}.sock"))
    } else {
        PathBuf::from(std::env::var("XDG_RUNTIME_DIR").unwrap_or_else(|_| "/run".into()))
            .join(format!("qoima-probe-{pid}.sock"))
    };
    let _cleanup = Cleanup(vec![home_secret.clone(), home_write.clone(), var_tmp_write.clone(), socket_path.clone()]);
    fs::write(&home_secret, HOME_MARKER).unwrap();
    fs::set_permissions(&home_secret, fs::Permissions::from_mode(0o600)).unwrap();
    let unix = std::os::unix::net::UnixListener::bind(&socket_path).ok();
    if let Some(l) = &unix {
        l.set_nonblocking(true).unwrap();
    } else {
        eprintln!("note: no Unix socket could be made at {}", socket_path.display());
    }
    let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    tcp.set_nonblocking(true).unwrap();
    let tcp_port = tcp.local_addr().unwrap().port();
    // A process of the host the build will try to kill.
    let mut victim = Command::new("sleep").arg("3171").stdin(Stdio::null()).spawn().unwrap();

    let root = site.dir.path().canonicalize().unwrap();
    // The reads, also run without isolation below: the probe sees what it reaches.
    let reads = format!(
        r#"try() {{ what=$1; shift; if "$@" >/dev/null 2>&1; then echo "REACHED $what"; else echo "blocked $what"; fi; }}
try shadow sh -c 'cat /etc/shadow | grep -q :'
try home-secret grep -q {HOME_MARKER} {home_secret}
try site-record grep -q {RECORD_MARKER} {root}/{SYSTEM_YAML}
try other-system grep -q {RECORD_MARKER} {root}/archive/zz-other/system.yaml
"#,
        home_secret = home_secret.display(),
        root = root.display(),
    );
    let probe = format!(
        r#"
{reads}
try site-root ls {root}/archive
try home-folder ls {home}
try run-folder ls /run
try unix-socket python3 -c "import socket; s = socket.socket(socket.AF_UNIX); s.connect('{socket}')"
try loopback python3 -c "import socket; socket.create_connection(('127.0.0.1', {tcp_port}), 3)"
try network python3 -c "import socket; socket.create_connection(('1.1.1.1', 53), 3)"
try write-home sh -c 'echo x > {home_write}'
try write-var-tmp sh -c 'echo x > {var_tmp_write}'
try kill-host kill -9 {victim}
try see-host-process test -e /proc/{victim}
setsid sleep 3172 >/dev/null 2>&1 < /dev/null &
nohup sleep 3173 >/dev/null 2>&1 < /dev/null &
(sleep 3174 >/dev/null 2>&1 < /dev/null &)
echo probe-done
head -c 1200000000 /dev/zero | tr '\0' 'x'
echo
echo flood-done
"#,
        home = home.display(),
        root = root.display(),
        socket = socket_path.display(),
        home_write = home_write.display(),
        var_tmp_write = var_tmp_write.display(),
        victim = victim.id(),
    );
    site.write(&format!("{DEPOSIT}/source/probe.sh"), &probe);
    site.edit(DEPOSIT_YAML, "steps: [\"make\"]", "steps: [\"sh probe.sh\"]");

    // qoima itself under a 2 GiB address-space limit: 1.2 GB of output must not be held.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qoima"));
    cmd.arg("--root")
        .arg(&root)
        .args(["--today", common::TODAY, "--format", "json", "examine", "e-permits/1.0", "--rebuild"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    common::limit(&mut cmd, libc::RLIMIT_AS, 2 << 30);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let c: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("no conclusion ({e}): {stderr}"));
    assert!(c["rebuild"]["isolation"].as_str().unwrap().starts_with("bubblewrap"), "{c:#}");
    let step = &c["rebuild"]["steps"][0];
    assert_eq!(step["exit"], 0, "{c:#}");
    let log_path = Path::new(&root).join(format!("{DEPOSIT}/conclusions/0001-{}.rebuild.log", common::TODAY));
    let log = fs::read_to_string(&log_path).unwrap();

    // What the probe reached, by its own account.
    assert!(log.contains("probe-done") && log.contains("flood-done"), "{log:.4000}");
    let reached: Vec<&str> = log.lines().filter(|l| l.starts_with("REACHED")).collect();
    assert!(reached.is_empty(), "the build reached: {reached:?}");
    for what in [
        "shadow",
        "home-secret",
        "site-record",
        "other-system",
        "site-root",
        "unix-socket",
        "loopback",
        "network",
        "kill-host",
    ] {
        assert!(log.contains(&format!("blocked {what}")), "{what} not tried: {log:.4000}");
    }
    assert!(!log.contains(RECORD_MARKER) && !log.contains(HOME_MARKER));
    // And as the host sees it.
    assert!(!home_write.exists() && !var_tmp_write.exists(), "the build wrote outside its scratch folder");
    assert!(victim.try_wait().unwrap().is_none(), "the build killed a process of the host");
    if let Some(l) = &unix {
        assert!(l.accept().is_err(), "the build connected to a Unix socket of the host");
    }
    assert!(tcp.accept().is_err(), "the build connected to the host's loopback");
    for s in ["3172", "3173", "3174"] {
        assert!(!sleeping(s), "`sleep {s}` outlived the build");
    }
    // The flood: counted, cut in the middle, the log bounded.
    assert_eq!(step["output_bytes"].as_u64().unwrap(), log_bytes_written(&log), "{step}");
    assert!(step["output_cut"].as_u64().unwrap() > 1_000_000_000, "{step}");
    assert!(log.len() < 512 << 10, "the log holds {} bytes", log.len());
    assert!(log.contains("bytes cut"), "the log says what it cut");
    let _ = victim.kill();
    let _ = victim.wait();

    // The control: the same reads without isolation (no bwrap on PATH) reach what they try.
    site.write(&format!("{DEPOSIT}/source/probe.sh"), &reads);
    let bin = tempfile::tempdir().unwrap();
    for tool in ["sh", "grep", "cat"] {
        std::os::unix::fs::symlink(format!("/bin/{tool}"), bin.path().join(tool)).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_qoima"))
        .arg("--root")
        .arg(&root)
        .args(["--today", common::TODAY, "--format", "json", "examine", "e-permits/1.0", "--rebuild", "--no-isolation"])
        .env("PATH", bin.path())
        .output()
        .unwrap();
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(c["rebuild"]["isolation"].as_str().unwrap().starts_with("none"), "{c:#}");
    let log = fs::read_to_string(log_path.with_file_name(format!("0002-{}.rebuild.log", common::TODAY))).unwrap();
    for what in ["home-secret", "site-record", "other-system"] {
        assert!(log.contains(&format!("REACHED {what}")), "the probe cannot see {what}: {log}");
    }
}

/// The bytes the probe printed: its result lines, then 1.2 GB and two short lines.
fn log_bytes_written(log: &str) -> u64 {
    let before =
        log.lines().skip(1).take_while(|l| !l.starts_with("probe-done")).map(|l| l.len() as u64 + 1).sum::<u64>();
    before + "probe-done\n".len() as u64 + 1_200_000_000 + "\nflood-done\n".len() as u64
}

#[test]
fn without_bubblewrap_the_rebuild_is_refused_unless_no_isolation_is_given() {
    let site = Site::minimal();
    site.edit(DEPOSIT_YAML, "steps: [\"make\"]", "steps: [\"echo built > out.txt\"]");
    // A PATH on which there is a shell but no bubblewrap.
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.path().join("sh")).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["--format", "json", "examine", "e-permits/1.0", "--rebuild", "--dry-run"];
        args.extend(extra);
        site.cmd().args(&args).env("PATH", bin.path()).output().unwrap()
    };
    let out = run(&[]);
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reasons = c["reasons"].to_string();
    assert!(c["rebuild"].is_null(), "{c:#}");
    assert!(reasons.contains("bubblewrap") && reasons.contains("--no-isolation"), "{reasons}");
    assert!(reasons.contains("no isolation at all"), "{reasons}");

    let out = run(&["--no-isolation"]);
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let isolation = c["rebuild"]["isolation"].as_str().unwrap();
    assert!(isolation.starts_with("none") && isolation.contains("as the operator"), "{isolation}");
    assert_eq!(c["rebuild"]["steps"][0]["exit"], 0, "{c:#}");
}

/// A build that starts more processes than a build may have: the fork fails past the limit
/// (a pids cgroup when qoima runs as root, whom RLIMIT_NPROC does not bind), and every one of
/// them is gone when the step ends.
#[test]
fn a_build_cannot_start_more_processes_than_the_limit() {
    if !bubblewrap() {
        return;
    }
    let site = site_outside_tmp();
    let probe = r#"
import os, sys
started = 0
for i in range(700):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        os.execvp("sleep", ["sleep", "3175"])
    started += 1
print("started", started, flush=True)
"#;
    site.write(&format!("{DEPOSIT}/source/forks.py"), probe);
    site.edit(DEPOSIT_YAML, "steps: [\"make\"]", "steps: [\"python3 forks.py\"]");
    let out = Command::new(env!("CARGO_BIN_EXE_qoima"))
        .arg("--root")
        .arg(site.dir.path())
        .args(["--today", common::TODAY, "examine", "e-permits/1.0", "--rebuild", "--timeout", "60"])
        .output()
        .unwrap();
    let log_path = site.path(&format!("{DEPOSIT}/conclusions/0001-{}.rebuild.log", common::TODAY));
    let log = fs::read_to_string(&log_path).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    let started: u64 = log
        .lines()
        .find_map(|l| l.strip_prefix("started "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("the probe did not finish: {log}"));
    assert!((100..512).contains(&started), "the build started {started} of 700 processes: the limit is 512\n{log}");
    assert!(!sleeping("3175"), "a process of the build outlived it");
}
