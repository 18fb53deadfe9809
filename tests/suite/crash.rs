//! Crash safety: every command that writes — `build`, `seal`, `record`, `replicate`, `fixity`,
//! `package` — is killed with SIGKILL at random moments, many times, on a generated archive.
//! After each kill the previous site and packages are intact, no manifest, seal, log or number
//! register is half-written, and the next run succeeds, leaves no temporary behind and issues
//! no depository number twice.
//!
//! The moments are drawn from a seed printed by each test; `QOIMA_CRASH_SEED=N` replays one.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

const TODAY: &str = common::TODAY;

/// A generated site root with a replica, and the qoima binary to run on it.
struct Crash {
    _dir: tempfile::TempDir,
    root: PathBuf,
    replica: PathBuf,
    rng: u64,
}

impl Crash {
    /// `deposits` generated deposits with payload files of `payload` bytes.
    fn new(deposits: u32, payload: u32) -> Crash {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let replica = dir.path().join("replica");
        let out = Command::new(env!("CARGO_BIN_EXE_qoima"))
            .args(["generate", "--today", TODAY, "--out"])
            .arg(&root)
            .args(["--deposits", &deposits.to_string(), "--payload-bytes", &payload.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &root.join("themes"));
        let mut toml = fs::read_to_string(root.join("site.toml")).unwrap();
        toml.push_str(&format!("\n[replica]\nroot = \"{}\"\n", replica.display()));
        fs::create_dir(&replica).unwrap();
        fs::write(root.join("site.toml"), toml).unwrap();
        let seed = std::env::var("QOIMA_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
        });
        eprintln!("QOIMA_CRASH_SEED={seed}");
        Crash { _dir: dir, root, replica, rng: seed | 1 }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_qoima"));
        c.arg("--root").arg(&self.root).args(["--today", TODAY]).args(args);
        c.env("NO_COLOR", "1")
            .env("QOIMA_OPERATOR", "Ахметова Г. К.")
            .env_remove("QOIMA_ROOT")
            .env_remove("QOIMA_TODAY");
        c.stdout(Stdio::null()).stderr(Stdio::piped());
        c
    }

    /// Runs to the end; panics unless the exit status is 0.
    fn run(&self, args: &[&str]) -> Duration {
        let started = Instant::now();
        let out = self.cmd(args).stdout(Stdio::piped()).output().unwrap();
        assert!(
            out.status.success(),
            "qoima {args:?}: {}\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        started.elapsed()
    }

    /// A number in [0, 1) (xorshift64*).
    fn random(&mut self) -> f64 {
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        (self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Starts the command and sends SIGKILL after a random part of 90 % of `span` (how long a
    /// whole run took); true when the process was still running (so the kill interrupted it).
    fn kill_at_random(&mut self, args: &[&str], span: Duration) -> bool {
        let delay = span.mul_f64(0.9 * self.random());
        let mut child = self.cmd(args).spawn().unwrap();
        std::thread::sleep(delay);
        let running = child.try_wait().unwrap().is_none();
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !running {
            assert!(status.success(), "qoima {args:?} failed on its own: {status}");
        }
        running
    }

    /// Takes the depository numbers (and the certificates that follow them) recorded in the
    /// generated deposits out, so that every seal draws its number from the register.
    fn without_recorded_numbers(self) -> Crash {
        for key in self.deposits() {
            let path = self.root.join("archive").join(key).join("deposit.yaml");
            let text = fs::read_to_string(&path).unwrap();
            let kept: String = text
                .lines()
                .filter(|l| !l.contains("kind: depository_number") && !l.contains("kind: depository_certificate"))
                .map(|l| format!("{l}\n"))
                .collect();
            fs::write(&path, kept).unwrap();
        }
        self
    }

    fn deposits(&self) -> Vec<String> {
        let mut out = Vec::new();
        for system in fs::read_dir(self.root.join("archive")).unwrap().flatten() {
            for version in fs::read_dir(system.path()).unwrap().flatten() {
                if version.path().join("deposit.yaml").is_file() {
                    out.push(format!(
                        "{}/{}",
                        system.file_name().to_str().unwrap(),
                        version.file_name().to_str().unwrap()
                    ));
                }
            }
        }
        out.sort();
        out
    }

    fn check_json(&self) -> serde_json::Value {
        let out = self.cmd(&["check", "--format", "json"]).stdout(Stdio::piped()).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every file below `dir` with the SHA-256 of its bytes; qoima's temporaries are listed apart.
fn digest(dir: &Path) -> (BTreeMap<String, String>, Vec<String>) {
    let mut files = BTreeMap::new();
    let mut temps = Vec::new();
    if !dir.exists() {
        return (files, temps);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let name = e.file_name().to_string_lossy().into_owned();
            if qoima::atomic::parse_temp(&name).is_some() {
                temps.push(rel);
                continue;
            }
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                stack.push(e.path());
            } else if ft.is_file() {
                files.insert(rel, sha256_hex(&fs::read(e.path()).unwrap()));
            }
        }
    }
    (files, temps)
}

/// The files of `dir` (temporaries left out); panics naming the first difference from `want`.
fn assert_same_tree(what: &str, dir: &Path, want: &BTreeMap<String, String>) {
    let (got, _) = digest(dir);
    if &got == want {
        return;
    }
    let missing: Vec<_> = want.keys().filter(|k| !got.contains_key(*k)).take(5).collect();
    let extra: Vec<_> = got.keys().filter(|k| !want.contains_key(*k)).take(5).collect();
    let changed: Vec<_> =
        want.iter().filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v)).map(|(k, _)| k).take(5).collect();
    panic!("{what}: not the complete previous version: missing {missing:?}, extra {extra:?}, changed {changed:?}");
}

/// `check` finds no error and no temporary, and none is left in the archive.
fn assert_clean_archive(c: &Crash, when: &str) {
    let report = c.check_json();
    let bad: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error" || f["rule"] == "QOIMA-TEMP")
        .collect();
    assert!(bad.is_empty(), "{when}: {bad:#?}");
    assert_no_temporaries("archive", &c.root.join("archive"));
}

fn assert_no_temporaries(what: &str, dir: &Path) {
    let (_, temps) = digest(dir);
    assert!(temps.is_empty(), "{what}: temporaries left after a complete run: {temps:?}");
}

#[test]
fn build_killed_at_random_keeps_the_previous_site_and_the_next_build_completes() {
    let mut c = Crash::new(40, 2_000);
    let dist = c.root.join("dist");
    c.run(&["build"]);
    let span = c.run(&["build"]);
    let (public, _) = digest(&dist.join("public"));
    let (internal, _) = digest(&dist.join("internal"));
    assert!(public.len() > 100 && internal.len() > public.len(), "{} / {} files", public.len(), internal.len());
    let mut interrupted = 0;
    for _ in 0..12 {
        interrupted += c.kill_at_random(&["build"], span) as usize;
        assert_same_tree("dist/public after a killed build", &dist.join("public"), &public);
        assert_same_tree("dist/internal after a killed build", &dist.join("internal"), &internal);
    }
    assert!(interrupted >= 4, "only {interrupted} of 12 builds were interrupted; the kills came too late");
    c.run(&["build"]);
    assert_same_tree("dist/public after the next build", &dist.join("public"), &public);
    assert_same_tree("dist/internal after the next build", &dist.join("internal"), &internal);
    assert_no_temporaries("dist", &dist);
}

/// Seal records and manifests that exist are whole, the register is whole and gives no number
/// twice; returns the numbers of the sealed deposits.
fn assert_seals_whole(c: &Crash) -> BTreeMap<String, String> {
    let mut numbers = BTreeMap::new();
    for key in c.deposits() {
        let dir = c.root.join("archive").join(&key);
        let seal = dir.join("seal.yaml");
        if !seal.exists() {
            continue;
        }
        let text = fs::read_to_string(&seal).unwrap();
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                .unwrap_or_else(|| panic!("{key}/seal.yaml has no {name}: {text}"))
                .trim_matches('"')
                .to_string()
        };
        let manifest = fs::read(dir.join("manifest-sha256.txt"))
            .unwrap_or_else(|e| panic!("{key}: seal.yaml without its manifest: {e}"));
        assert_eq!(sha256_hex(&manifest), field("manifest_sha256"), "{key}: the manifest is not the sealed one");
        let lines = String::from_utf8(manifest).unwrap();
        assert_eq!(lines.lines().count().to_string(), field("files"), "{key}: manifest cut short");
        for line in lines.lines() {
            let (sum, path) = line.split_once("  ").unwrap_or_else(|| panic!("{key}: bad manifest line {line:?}"));
            assert_eq!(sha256_hex(&fs::read(dir.join(path)).unwrap()), sum, "{key}/{path}");
        }
        let number = field("number");
        numbers.insert(key, number);
    }
    let register = fs::read_to_string(c.root.join("depository-numbers.txt")).unwrap_or_default();
    assert!(register.is_empty() || register.ends_with('\n'), "the register ends mid-line: {register:?}");
    let mut given = BTreeMap::new();
    for line in register.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 7, "register line {line:?}");
        assert!(cols[0].starts_with("KZ-DEP-2026-"), "register line {line:?}");
        if let Some(other) = given.insert(cols[0].to_string(), cols[2].to_string()) {
            panic!("number {} issued twice: to {other} and {}", cols[0], cols[2]);
        }
    }
    let sealed: BTreeSet<&String> = numbers.values().collect();
    assert_eq!(sealed.len(), numbers.len(), "two deposits sealed with one number: {numbers:?}");
    for (key, number) in &numbers {
        assert_eq!(given.get(number), Some(key), "{key}: sealed with {number}, which the register does not give it");
    }
    numbers
}

#[test]
fn seal_killed_at_random_never_leaves_half_a_seal_nor_a_number_twice() {
    let mut c = Crash::new(24, 200_000).without_recorded_numbers();
    let deposits = c.deposits();
    // How long one seal takes, on a deposit of its own.
    let span = c.run(&["seal", &deposits[0]]);
    let mut interrupted = 0;
    for key in &deposits[1..] {
        interrupted += c.kill_at_random(&["seal", key], span) as usize;
        assert_seals_whole(&c);
    }
    assert!(interrupted * 3 >= deposits.len() - 1, "only {interrupted} seals were interrupted");
    // The next run seals what the killed ones did not: a lock or a temporary left by a killed
    // seal never stops it, and a number issued before the kill is given again, not a new one.
    let sealed_before = assert_seals_whole(&c);
    for key in &deposits {
        if !sealed_before.contains_key(key) {
            c.run(&["seal", key]);
        }
    }
    let numbers = assert_seals_whole(&c);
    assert_eq!(numbers.len(), deposits.len(), "every deposit is sealed in the end");
    assert!(!c.root.join("depository-numbers.lock").exists(), "the lock is released");
    assert_clean_archive(&c, "after the seals");
}

#[test]
fn fixity_and_replicate_killed_at_random_leave_a_whole_log_and_good_copies() {
    let mut c = Crash::new(20, 400_000);
    for key in c.deposits() {
        c.run(&["seal", &key]);
    }
    let archive_before = digest(&c.root.join("archive")).0;
    let span = c.run(&["replicate"]);
    let mut interrupted = 0;
    for _ in 0..10 {
        // Each run starts from an empty replica, so that it has the whole work to do; the last
        // one's leftovers are what the complete run below starts from.
        let _ = fs::remove_dir_all(&c.replica);
        fs::create_dir(&c.replica).unwrap();
        interrupted += c.kill_at_random(&["replicate"], span) as usize;
        // Whatever is in the replica under its own name is a whole copy (the fixity log, which
        // the original goes on appending to, of a part of it).
        let (copies, _) = digest(&c.replica);
        let (originals, _) = digest(&c.root);
        for (rel, sum) in &copies {
            if rel == "fixity-log.jsonl" {
                let copy = fs::read_to_string(c.replica.join(rel)).unwrap();
                assert!(fs::read_to_string(c.root.join(rel)).unwrap().starts_with(&copy), "the log's copy is whole");
                continue;
            }
            assert_eq!(originals.get(rel), Some(sum), "replica {rel} is not a whole copy");
        }
    }
    assert!(interrupted >= 3, "only {interrupted} of 10 replications were interrupted");
    c.run(&["replicate"]);
    assert_no_temporaries("replica", &c.replica);
    // Each deposit folder (system/version/…) is copied whole; system.yaml is not sealed.
    let sealed: BTreeMap<String, String> = archive_before
        .iter()
        .filter(|(k, _)| k.matches('/').count() >= 2)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let (copies, _) = digest(&c.replica.join("archive"));
    let copies: BTreeMap<String, String> = copies.into_iter().filter(|(k, _)| k.matches('/').count() >= 2).collect();
    assert_eq!(copies, sealed, "the replica is a whole copy of the sealed deposits");
    for record in ["depository-numbers.txt", "fixity-log.jsonl"] {
        assert!(c.replica.join(record).is_file(), "{record} is copied to the replica");
    }
    // With the replica whole, fixity checks both copies.
    c.run(&["fixity"]);
    let span = c.run(&["fixity"]);
    let mut interrupted = 0;
    for _ in 0..10 {
        interrupted += c.kill_at_random(&["fixity"], span) as usize;
        let log = fs::read_to_string(c.root.join("fixity-log.jsonl")).unwrap();
        assert!(log.ends_with('\n'), "the log ends mid-line");
        for line in log.lines() {
            let event: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("half-written log line {line:?}: {e}"));
            assert_eq!(event["outcome"], "success", "{line}");
        }
    }
    assert!(interrupted >= 3, "only {interrupted} of 10 fixity runs were interrupted");
    c.run(&["fixity"]);

    assert_eq!(digest(&c.root.join("archive")).0, archive_before, "the archive itself is unchanged");
}

#[test]
fn package_killed_at_random_keeps_the_previous_packages_and_the_next_run_completes() {
    let mut c = Crash::new(16, 300_000);
    for key in c.deposits() {
        c.run(&["seal", &key]);
    }
    let packages = c.root.join("dist/packages");
    c.run(&["package", "--all"]);
    let span = c.run(&["package", "--all"]);
    let (before, _) = digest(&packages);
    assert!(before.keys().filter(|k| k.ends_with(".zip")).count() >= 8, "{before:?}");
    let mut interrupted = 0;
    for _ in 0..12 {
        interrupted += c.kill_at_random(&["package", "--all"], span) as usize;
        assert_same_tree("dist/packages after a killed run", &packages, &before);
    }
    assert!(interrupted >= 4, "only {interrupted} of 12 runs were interrupted");
    c.run(&["package", "--all"]);
    assert_same_tree("dist/packages after the next run", &packages, &before);
    assert_no_temporaries("dist/packages", &packages);
    for zip in before.keys().filter(|k| k.ends_with(".zip")) {
        c.run(&["verify", packages.join(zip).to_str().unwrap()]);
    }
}

/// `record` killed at random: each journal is the one before the run or the one after it,
/// whole, its chain intact; the next run records what the killed one did not.
#[test]
fn record_killed_at_random_leaves_each_journal_whole_and_chained() {
    let mut c = Crash::new(12, 1_000);
    let systems: BTreeSet<String> = c.deposits().iter().map(|k| k.split('/').next().unwrap().to_string()).collect();
    let archive = c.root.join("archive");
    let journal = |system: &str| fs::read_to_string(archive.join(system).join("journal.yaml")).unwrap_or_default();
    let note = |i: usize| format!("Хабарлама {i}");
    let args = |system: &str, i: usize| {
        ["record", system, "info_requested", "--date", "2026-11-20", "--note", &note(i)].map(str::to_string).to_vec()
    };
    let first = systems.iter().next().unwrap().clone();
    let a = args(&first, 0);
    let span = c.run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let mut interrupted = 0;
    for (i, system) in systems.iter().enumerate().skip(1) {
        let before = journal(system);
        let a = args(system, i);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        interrupted += c.kill_at_random(&a, span) as usize;
        let after = journal(system);
        let one_more = after.starts_with(&before) && after.lines().count() == before.lines().count().max(3) + 1;
        assert!(after == before || one_more, "{system}: {after}");
        if !after.contains(&note(i)) {
            c.run(&a);
        }
        assert!(journal(system).contains(&note(i)));
    }
    // A record is quick: on a loaded machine many runs end before their kill, but some must not.
    assert!(interrupted >= 2, "only {interrupted} runs were interrupted");
    assert!(!c.root.join("depository-numbers.lock").exists(), "the lock is released");
    assert_clean_archive(&c, "after the records");
}
