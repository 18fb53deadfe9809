//! Test helpers: a site root copied from a fixture into a temporary folder, edited per test,
//! and `qoima` run on it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub const TODAY: &str = "2026-11-23";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A site root in a temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

/// The deposit of the minimal fixture.
pub const DEPOSIT: &str = "archive/e-permits/1.0";
pub const DEPOSIT_YAML: &str = "archive/e-permits/1.0/deposit.yaml";
pub const SYSTEM_YAML: &str = "archive/e-permits/system.yaml";

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join(name), dir.path());
        Site { dir }
    }

    /// A copy of the shipped sample site root (site.toml, the depository register, the site's
    /// journal and archive/).
    pub fn sample() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        fs::copy(root.join("site.toml"), dir.path().join("site.toml")).unwrap();
        fs::copy(root.join("depository-numbers.txt"), dir.path().join("depository-numbers.txt")).unwrap();
        fs::copy(root.join("journal.yaml"), dir.path().join("journal.yaml")).unwrap();
        copy_dir(&root.join("archive"), &dir.path().join("archive"));
        Site { dir }
    }

    /// The minimal valid site: one system, one O146 deposit, no findings.
    pub fn minimal() -> Site {
        Site::fixture("minimal")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Replaces `from` by `to` in a file; the text must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// The 1-based line of the first line containing `needle` in a file.
    pub fn line_of(&self, rel: &str, needle: &str) -> u32 {
        let text = self.read(rel);
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i as u32 + 1)
            .unwrap_or_else(|| panic!("{needle:?} not in {rel}"))
    }

    /// Copies a deposit folder to a new version folder.
    pub fn copy_deposit(&self, from: &str, to: &str) {
        copy_dir(&self.path(from), &self.path(to));
    }

    pub fn cmd(&self) -> Command {
        self.cmd_on(TODAY)
    }

    /// `qoima --root <site> --today <today>`.
    pub fn cmd_on(&self, today: &str) -> Command {
        let mut c = Command::cargo_bin("qoima").unwrap();
        c.arg("--root").arg(self.dir.path()).arg("--today").arg(today).env("NO_COLOR", "1");
        c.env_remove("QOIMA_ROOT").env_remove("QOIMA_TODAY");
        // English whatever the machine's locale: tests that want another language say so.
        c.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
        c
    }

    /// Runs `check --format json`; returns the exit code and the report.
    pub fn check(&self) -> (i32, Value) {
        let out = self.cmd().args(["check", "--format", "json"]).output().unwrap();
        let code = out.status.code().unwrap_or(-1);
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
        });
        (code, report)
    }
}

/// The findings of a report with rule `rule`.
pub fn with_rule<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == rule).collect()
}

/// The one finding with this rule, severity and path; panics with the whole list otherwise.
pub fn find<'a>(report: &'a Value, severity: &str, rule: &str, path: &str) -> &'a Value {
    let found: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule && f["severity"] == severity && f["path"] == path)
        .collect();
    assert!(
        !found.is_empty(),
        "no {severity}[{rule}] at {path}; findings:\n{}",
        serde_json::to_string_pretty(&report["findings"]).unwrap()
    );
    found[0]
}

pub fn errors(report: &Value) -> Vec<&Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").collect()
}

/// Runs `cmd` under a resource limit (soft and hard), e.g. `libc::RLIMIT_AS` in bytes.
pub fn limit(cmd: &mut std::process::Command, resource: libc::__rlimit_resource_t, value: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only setrlimit, which is async-signal-safe, runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: value, rlim_max: value };
            if libc::setrlimit(resource, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Whether bubblewrap works here (the rebuild's sandbox); with CI=true it must.
pub fn bubblewrap() -> bool {
    let ok = std::process::Command::new("bwrap")
        .args(["--unshare-all", "--ro-bind", "/", "/", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(std::env::var("CI").map(|v| v != "true").unwrap_or(true), "CI=true but bubblewrap does not work here");
        eprintln!("skipped: bubblewrap (bwrap) cannot make its sandbox here");
    }
    ok
}

/// Whether a Python module is importable, for the cross-checks with reference tools; with
/// CI=true its absence fails the test (`.ci/run` installs it), elsewhere the test is skipped.
pub fn python_module(module: &str, pip: &str) -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").map(|v| v != "true").unwrap_or(true),
            "CI=true but the Python module {module} is not installed (pip install {pip})"
        );
        eprintln!("skipped: the Python module {module} is not installed (pip install {pip})");
    }
    ok
}
