//! `qoima watch` and `qoima serve` on a copy of the sample site: an edit reaches the changed page
//! and the listings, a deleted deposit's pages go and come back with it, half-written YAML
//! becomes a finding (the watcher keeps running), and the server adds live reload to the pages
//! it serves and tells browsers which pages a rebuild changed.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// A `qoima watch` or `serve` child with its JSON lines; killed when dropped.
struct Live {
    child: Child,
    lines: Receiver<Value>,
}

impl Live {
    fn start(site: &Site, args: &[&str]) -> Live {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qoima"))
            .arg("--root")
            .arg(site.dir.path())
            .args(["--today", TODAY, "--format", "json"])
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { return };
                let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Live { child, lines }
    }

    /// The next line with this event for which `pred` holds (others are skipped).
    fn wait(&self, event: &str, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self.lines.recv_timeout(left).unwrap_or_else(|e| panic!("no `{event}` {what} within 60 s: {e}"));
            if v["event"] == event && pred(&v) {
                return v;
            }
        }
    }

    /// The next update whose written (or removed) pages include every one of `pages`.
    fn update_with(&self, list: &str, pages: &[&str]) -> Value {
        self.wait("update", &format!("with {list} {pages:?}"), |v| {
            let got: Vec<&str> = v["pages"][list].as_array().unwrap().iter().filter_map(Value::as_str).collect();
            pages.iter().all(|p| got.contains(p))
        })
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sample_with_theme() -> Site {
    let site = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site
}

#[test]
fn an_edit_updates_the_page_and_the_listings() {
    let site = sample_with_theme();
    let live = Live::start(&site, &["watch"]);
    let built = live.wait("built", "", |_| true);
    assert!(built["written"].as_u64().unwrap() > 100, "{built}");
    assert!(site.path("dist/internal/en/systems/e-notary/index.html").is_file());

    // A new name in the register record: the system's page, the register and the search
    // index change; the change is reported with the system.
    site.edit("archive/e-notary/system.yaml", "en: \"E-Notary information system\"", "en: \"E-Notary (watched)\"");
    let u = live.update_with(
        "written",
        &["internal/en/systems/e-notary/index.html", "internal/en/systems/index.html", "internal/search/index-en-0.js"],
    );
    assert_eq!(u["systems"], serde_json::json!(["e-notary"]));
    assert!(u["pages"]["written"].as_array().unwrap().iter().any(|p| p == "public/en/systems/index.html"), "{u}");
    assert!(site.read("dist/internal/en/systems/e-notary/index.html").contains("E-Notary (watched)"));
    assert!(site.read("dist/internal/en/systems/index.html").contains("E-Notary (watched)"));
    assert!(site.read("dist/internal/search/index-en-0.js").contains("E-Notary (watched)"));
    // Only what changed was written: no other system's page.
    assert!(!u["pages"]["written"].as_array().unwrap().iter().any(|p| p.as_str().unwrap().contains("/damu-med/")));
    // No temporary file is left beside a page.
    let leftovers: Vec<_> = walkdir::WalkDir::new(site.path("dist"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".qoima-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Half-written YAML: a finding with its line, and the watcher goes on.
    let yaml = site.read("archive/e-notary/2.0/deposit.yaml");
    site.write("archive/e-notary/2.0/deposit.yaml", &format!("{yaml}\nevents: [ {{kind: "));
    let u = live.wait("update", "with a YAML error", |v| v["errors"].as_u64() > Some(0));
    let f = u["findings"].as_array().unwrap();
    assert!(f.iter().any(|f| f["rule"] == "QOIMA-YAML" && f["path"] == "archive/e-notary/2.0/deposit.yaml"), "{u}");
    site.write("archive/e-notary/2.0/deposit.yaml", &yaml);
    live.wait("update", "with the YAML repaired", |v| v["errors"] == 0);
}

#[test]
fn a_deleted_deposit_goes_and_comes_back() {
    let site = sample_with_theme();
    let live = Live::start(&site, &["watch"]);
    live.wait("built", "", |_| true);
    let page = "dist/internal/kk/systems/e-notary/2.1/index.html";
    assert!(site.path(page).is_file());
    let listing_before = site.read("dist/internal/kk/systems/e-notary/index.html");

    let aside = site.path("e-notary-2.1");
    std::fs::rename(site.path("archive/e-notary/2.1"), &aside).unwrap();
    live.update_with("removed", &["internal/kk/systems/e-notary/2.1/index.html"]);
    assert!(!site.path(page).exists());
    assert!(!site.path("dist/internal/kk/systems/e-notary/2.1").exists(), "the empty folder goes too");
    assert_ne!(site.read("dist/internal/kk/systems/e-notary/index.html"), listing_before);

    std::fs::rename(&aside, site.path("archive/e-notary/2.1")).unwrap();
    live.update_with("written", &["internal/kk/systems/e-notary/2.1/index.html"]);
    assert!(site.path(page).is_file());
    assert_eq!(site.read("dist/internal/kk/systems/e-notary/index.html"), listing_before);
}

#[test]
fn a_change_to_the_theme_renders_every_page_again() {
    let site = sample_with_theme();
    let live = Live::start(&site, &["watch"]);
    live.wait("built", "", |_| true);
    let reports = site.read("dist/internal/en/reports/state-register.html");
    assert!(reports.contains("Register of systems"));
    // Only a word changes, not the data: the listings must be rendered again all the same.
    site.edit(
        "themes/default/i18n/en.toml",
        "nav_systems = \"Register of systems\"",
        "nav_systems = \"Systems (renamed)\"",
    );
    live.wait("update", "rendering everything", |v| v["full"] == true);
    for page in
        ["en/index.html", "en/systems/index.html", "en/reports/state-register.html", "en/systems/e-notary/index.html"]
    {
        let html = site.read(&format!("dist/internal/{page}"));
        assert!(html.contains("Systems (renamed)") && !html.contains("Register of systems"), "{page}");
    }
}

#[test]
fn polling_notices_changes_too() {
    let site = sample_with_theme();
    let live = Live::start(&site, &["watch", "--poll", "0.2"]);
    live.wait("built", "", |_| true);
    site.edit("archive/e-notary/system.yaml", "en: \"E-Notary information system\"", "en: \"E-Notary (polled)\"");
    live.update_with("written", &["internal/en/systems/e-notary/index.html"]);
    assert!(site.read("dist/internal/en/systems/e-notary/index.html").contains("E-Notary (polled)"));
}

/// A plain HTTP/1.1 GET on loopback with the edition's token: status line and body.
fn get(port: u16, token: &str, path: &str) -> (String, String) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: qoima-token-{port}={token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}

#[test]
fn serve_adds_live_reload_to_pages_only() {
    let site = sample_with_theme();
    let live = Live::start(&site, &["serve", "--port", "0"]);
    live.wait("built", "", |_| true);
    let serving = live.wait("serving", "", |_| true);
    let url = serving["url"].as_str().unwrap().to_string();
    let token = serving["token"].as_str().unwrap().to_string();
    let port: u16 = url.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap();
    let get = |path: &str| get(port, &token, path);

    let (status, body) = get("/kk/");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("/__qoima/live"), "the page served carries the live-reload script");
    assert!(!site.read("dist/internal/kk/index.html").contains("__qoima"), "never written into the files");
    let (status, css) = get("/static/style.css");
    assert!(status.contains("200") && !css.contains("__qoima"), "{status}");
    let (status, body) = get("/no/such/page.html");
    assert!(status.contains("404") && body.contains("/__qoima/live"), "{status}");
    let (status, _) = get("/../../etc/passwd");
    assert!(!status.contains("200"), "{status}");
    // Only the served edition is built.
    assert!(!site.path("dist/public").exists());
}

/// Every file of the folder, by path within it.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// A live session re-renders only the listing groups an edit touches; after each kind of edit
/// (text of a deposit, a system's name, an event's date and number, a code taken from another
/// system, a number taken from another system and the lines above it moved, access, a deposit removed, a system added, a comment) both editions must be byte for
/// byte what a full build makes of the same archive. The generated archive is large enough for
/// several search index files.
#[test]
fn a_live_session_after_each_edit_equals_a_full_build() {
    use qoima::render::Edition;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let spec = qoima::generate::Spec { deposits: 300, seed: 7, payload_bytes: 16, sealed: false, today };
    qoima::generate::generate(&root, &spec).unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &root.join("themes"));
    let editions = vec![Edition::Public, Edition::Internal];
    let opts = qoima::live::Options {
        root: root.clone(),
        out: root.join("live"),
        editions: editions.clone(),
        today: Some(today),
    };
    let (mut session, _) = qoima::live::Session::start(opts).unwrap();
    let mut systems: Vec<String> = std::fs::read_dir(root.join("archive"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    systems.sort();
    assert!(systems.len() > 128, "several search files: {} systems", systems.len());
    let first_deposit = |system: &str| {
        let mut v: Vec<_> = std::fs::read_dir(root.join("archive").join(system))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        v.sort();
        v[0].join("deposit.yaml")
    };
    let edit = |path: &Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{} has no {from:?}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        path.to_path_buf()
    };
    // The first `from` in the deposit's list of events becomes `to`.
    let edit_events = |path: PathBuf, from: &str, to: &str| {
        let text = std::fs::read_to_string(&path).unwrap();
        let (head, events) = text.split_at(text.find("events:\n").unwrap());
        assert!(events.contains(from), "{} has no {from:?} among its events", path.display());
        std::fs::write(&path, format!("{head}{}", events.replacen(from, to, 1))).unwrap();
        path
    };
    let public = systems
        .iter()
        .find(|s| {
            root.join("archive").join(s).join("system.yaml").is_file()
                && std::fs::read_to_string(root.join("archive").join(s).join("system.yaml"))
                    .unwrap()
                    .contains("access: public")
        })
        .unwrap()
        .clone();
    let (a, b, c) = (&systems[3], &systems[40], &public);
    let mut listings_skipped = false;
    type Step<'a> = (&'a str, Box<dyn Fn() -> Vec<std::path::PathBuf> + 'a>);
    let steps: Vec<Step> = vec![
        (
            "annotation",
            Box::new(|| vec![edit(&first_deposit(a), "annotation:\n  kk: \"", "annotation:\n  kk: \"Жаңа ")]),
        ),
        (
            "name",
            Box::new(|| {
                vec![edit(&root.join("archive").join(b).join("system.yaml"), "\n  ru: \"", "\n  ru: \"Новое ")]
            }),
        ),
        (
            "event date",
            // The first event of the deposit happens a century earlier.
            Box::new(|| vec![edit_events(first_deposit(b), "date: 20", "date: 19")]),
        ),
        (
            "number",
            // A number of one of the deposit's events: the reports that list it.
            Box::new(|| vec![edit_events(first_deposit(&systems[20]), "number: \"", "number: \"N-")]),
        ),
        ("comment", Box::new(|| vec![edit(&first_deposit(a), "events:", "# a note\nevents:")])),
        (
            "code taken",
            Box::new(|| {
                // The code of a later system: the finding is on that system's page, not this one's.
                let later =
                    std::fs::read_to_string(root.join("archive").join(&systems[101]).join("system.yaml")).unwrap();
                let code = later.lines().find(|l| l.starts_with("code: ")).unwrap().to_string();
                let path = root.join("archive").join(&systems[100]).join("system.yaml");
                let text = std::fs::read_to_string(&path).unwrap();
                let own = text.lines().find(|l| l.starts_with("code: ")).unwrap().to_string();
                vec![edit(&path, &own, &code)]
            }),
        ),
        (
            "number taken",
            Box::new(|| {
                // The depository number of another system's deposit: a finding on this one
                // (numbers are never reused), whose line moves with the next edit.
                let other = std::fs::read_to_string(first_deposit(&systems[111])).unwrap();
                let taken = other.lines().find(|l| l.contains("kind: depository_number")).unwrap().to_string();
                let path = first_deposit(&systems[110]);
                let text = std::fs::read_to_string(&path).unwrap();
                let own = text.lines().find(|l| l.contains("kind: depository_number")).unwrap().to_string();
                vec![edit(&path, &own, &taken)]
            }),
        ),
        ("lines moved", Box::new(|| vec![edit(&first_deposit(&systems[110]), "events:", "# two\n# notes\nevents:")])),
        (
            "restricted",
            Box::new(|| {
                vec![edit(&root.join("archive").join(c).join("system.yaml"), "access: public", "access: restricted")]
            }),
        ),
        (
            "deposit removed",
            Box::new(|| {
                let d = first_deposit(a);
                std::fs::remove_dir_all(d.parent().unwrap()).unwrap();
                vec![d.parent().unwrap().to_path_buf()]
            }),
        ),
        (
            "system added",
            Box::new(|| {
                let to = root.join("archive").join("is-new");
                copy_dir(&root.join("archive").join(&systems[60]), &to);
                edit(&to.join("system.yaml"), "code: \"", "code: \"NEW-");
                vec![to]
            }),
        ),
    ];
    for (what, step) in &steps {
        let changed = step();
        let update = session.apply(&changed).unwrap();
        assert!(!update.full, "{what}: a partial update");
        listings_skipped |= !update.written.iter().any(|p| p.ends_with("/systems/index.html"));
        let full = dir.path().join(format!("full-{}", what.replace(' ', "-")));
        let cat = qoima::catalog::Catalog::open(&root, today).unwrap();
        let theme = qoima::theme::Theme::load(&root, &cat.site.site.theme).unwrap();
        qoima::render::build(&cat, &theme, &full, &editions).unwrap();
        for edition in ["public", "internal"] {
            let (live, built) = (tree(&root.join("live").join(edition)), tree(&full.join(edition)));
            let differ: std::collections::BTreeSet<&String> =
                built.keys().chain(live.keys()).filter(|k| built.get(*k) != live.get(*k)).collect();
            let differ: Vec<&String> = differ.into_iter().collect();
            assert!(
                differ.is_empty(),
                "after the {what} edit, {edition} differs from a full build in {} files: {:?}",
                differ.len(),
                &differ[..differ.len().min(10)]
            );
        }
    }
    assert!(listings_skipped, "some edit left the register alone");
}
