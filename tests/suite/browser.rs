//! The built sample catalogue in a real browser: headless Chromium (driven by playwright-core)
//! opens it from disk and over http, searches a Kazakh and a Russian word, switches language,
//! walks from home to a deposit and every report with no console error; axe-core finds no
//! serious or critical accessibility violation; the Nu Html Checker finds every page valid.
//! The script is tests/browser/catalogue.test.mjs; `.ci/run` installs what it needs.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::*;

fn missing_prerequisite(browser_dir: &Path) -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("no Chromium at {chromium} (apt-get install chromium)"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("no node on PATH".into());
    }
    if Command::new("java").arg("-version").output().is_err() {
        return Some("no java on PATH (for the Nu Html Checker)".into());
    }
    if !browser_dir.join("node_modules/playwright-core").is_dir() {
        return Some("tests/browser/node_modules is missing (cd tests/browser && npm ci --ignore-scripts)".into());
    }
    None
}

#[test]
fn catalogue_in_a_real_browser() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if let Some(why) = missing_prerequisite(&browser_dir) {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "browser tests cannot run in CI: {why}");
        eprintln!("skipping the browser tests: {why}");
        return;
    }
    let site = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    let dist = site.path("dist");
    // A saved verification conclusion, so that its page is checked too.
    site.cmd().args(["examine", "e-notary/2.0"]).assert().success();
    site.cmd().args(["build", "--out"]).arg(&dist).assert().success();
    // The HTML inside a transfer package (inventory, act) goes through the same checks.
    site.cmd().args(["package", "astana-parking", "--out"]).arg(site.path("astana-parking.zip")).assert().success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(site.path("astana-parking.zip")).unwrap()).unwrap();
    let pages = dist.join("internal/package-pages");
    std::fs::create_dir_all(&pages).unwrap();
    for name in ["inventory-kk.html", "inventory-ru.html", "transfer-act-kk.html", "transfer-act-ru.html"] {
        let mut entry = zip.by_name(&format!("astana-parking/transfer/{name}")).unwrap();
        std::io::copy(&mut entry, &mut std::fs::File::create(pages.join(name)).unwrap()).unwrap();
    }
    // `qoima serve` on a second copy, for the live-reload test (tests/browser/live.test.mjs).
    let served = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &served.path("themes"));
    let (mut server, url, token) = serve(&served);
    let out = Command::new("node")
        .arg("--test")
        .current_dir(&browser_dir)
        .env("QOIMA_DIST", &dist)
        .env("QOIMA_SERVE_URL", &url)
        .env("QOIMA_SERVE_TOKEN", &token)
        .env("QOIMA_SERVE_SITE", served.dir.path())
        .output()
        .expect("node runs");
    let _ = server.kill();
    let _ = server.wait();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "browser tests failed:\n{report}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("# fail 0") && !report.contains("# pass 0"), "{report}");
    assert!(report.contains("ok") && report.contains("reloads itself after an edit"), "{report}");
    assert!(report.contains("# skipped 0"), "{report}");
}

/// Starts `qoima serve --port 0` on `site`; returns the child, the URL it serves and its token.
fn serve(site: &Site) -> (std::process::Child, String, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_qoima"))
        .arg("--root")
        .arg(site.dir.path())
        .args(["--today", TODAY, "--format", "json", "serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("qoima serve starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let (url, token) = loop {
        let line = lines.next().expect("qoima serve says where it serves").unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        if v["event"] == "serving" {
            break (v["url"].as_str().unwrap().to_string(), v["token"].as_str().unwrap_or("").to_string());
        }
    };
    // Keep reading, so that the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, url, token)
}
