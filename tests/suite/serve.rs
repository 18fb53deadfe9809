//! `qoima serve` against what a web page elsewhere, another user of the machine or a flood of
//! sockets could do: DNS rebinding (a foreign `Host`), a websocket from a foreign `Origin`, the
//! internal edition without its token, a symbolic link inside dist/, and idle half-open
//! connections under a low descriptor limit. Raw HTTP over loopback only.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{Site, TODAY, copy_dir};

/// The restricted system of the sample; its name must not reach a refused request.
const RESTRICTED_PAGE: &str = "/en/systems/qamqor-tergeu/index.html";

struct Served {
    child: Child,
    port: u16,
    token: Option<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `qoima serve --port 0` with `args` on `site`, optionally under a descriptor limit.
fn serve(site: &Site, args: &[&str], nofile: Option<u64>) -> Served {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qoima"));
    cmd.arg("--root")
        .arg(site.dir.path())
        .args(["--today", TODAY, "--format", "json", "serve", "--port", "0"])
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(n) = nofile {
        common::limit(&mut cmd, libc::RLIMIT_NOFILE, n);
    }
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let serving = loop {
        let line = lines.next().expect("qoima serve says where it serves").unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        if v["event"] == "serving" {
            break v;
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let url = serving["url"].as_str().unwrap();
    let port = url.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap();
    Served { child, port, token: serving["token"].as_str().map(str::to_string) }
}

fn site() -> Site {
    let site = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site
}

/// Sends `head` (the request line and headers, without the blank line) and returns the whole
/// answer. A read timeout bounds a server that never answers.
fn ask(port: u16, head: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(s, "{head}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn status(answer: &str) -> u16 {
    answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

fn cookie(s: &Served) -> String {
    format!("Cookie: qoima-token-{}={}", s.port, s.token.as_deref().unwrap_or(""))
}

#[test]
fn a_foreign_host_or_origin_is_refused_and_the_internal_edition_needs_its_token() {
    let site = site();
    let s = serve(&site, &["--host-name", "qoima.lan"], None);
    let port = s.port;
    let token = s.token.clone().expect("the internal edition has a token");
    assert!(token.len() >= 32, "{token}");
    let get = |path: &str, headers: &str| ask(port, &format!("GET {path} HTTP/1.1\r\n{headers}"));

    // With the token's cookie, under loopback names and the --host-name.
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("qoima.lan:{port}")] {
        let a = get(RESTRICTED_PAGE, &format!("Host: {host}\r\n{}", cookie(&s)));
        assert_eq!(status(&a), 200, "{host}: {a}");
        assert!(a.contains("qamqor"), "{a}");
    }
    // DNS rebinding: the browser sends the attacker's name.
    for host in ["evil.example", "evil.example:80", &format!("evil.example:{port}"), "127.0.0.1.evil.example"] {
        let a = get(RESTRICTED_PAGE, &format!("Host: {host}\r\n{}", cookie(&s)));
        assert_eq!(status(&a), 421, "{host}: {a}");
        assert!(!a.contains("qamqor"), "{a}");
    }
    let a = ask(port, &format!("GET {RESTRICTED_PAGE} HTTP/1.0\r\n{}", cookie(&s)));
    assert!(status(&a) >= 400 && !a.contains("qamqor"), "no Host at all: {a}");

    // Another user of the machine: no token, a wrong one.
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    for creds in [String::new(), format!("Cookie: qoima-token-{port}=0000\r\n")] {
        let a = get(RESTRICTED_PAGE, &format!("{host}{creds}"));
        assert_eq!(status(&a), 401, "{a}");
        assert!(!a.contains("qamqor"), "{a}");
    }
    let a = get(&format!("{RESTRICTED_PAGE}?token=00{}", &token[2..]), &host);
    assert_eq!(status(&a), 401, "{a}");
    // The token in the address: a cookie for the session, and the address without it.
    let a = get(&format!("{RESTRICTED_PAGE}?token={token}"), &host);
    assert_eq!(status(&a), 303, "{a}");
    let set = a.lines().find(|l| l.to_ascii_lowercase().starts_with("set-cookie:")).expect("a cookie");
    for part in [&format!("qoima-token-{port}={token}"), "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(part), "{set}");
    }
    let location = a.lines().find(|l| l.to_ascii_lowercase().starts_with("location:")).unwrap();
    assert!(location.ends_with(RESTRICTED_PAGE) && !location.contains("token"), "{location}");
    let value = set.split_once(':').unwrap().1.split(';').next().unwrap().trim().to_string();
    let a = get(RESTRICTED_PAGE, &format!("{host}Cookie: {value}\r\n"));
    assert_eq!(status(&a), 200, "{a}");
    // Opened again from the printed address: the token leaves the address all the same.
    let a = get(&format!("{RESTRICTED_PAGE}?token={token}"), &format!("{host}Cookie: {value}\r\n"));
    assert_eq!(status(&a), 303, "{a}");

    // The live-reload websocket: only from the served origin (and with the token).
    let upgrade = |origin: &str, creds: &str| {
        get(
            "/__qoima/live",
            &format!(
                "{host}{creds}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\
                 Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{origin}"
            ),
        )
    };
    let mine = format!("{}\r\n", cookie(&s));
    for origin in
        ["Origin: http://evil.example\r\n", &format!("Origin: http://evil.example:{port}\r\n"), "Origin: null\r\n", ""]
    {
        let a = upgrade(origin, &mine);
        assert_eq!(status(&a), 403, "{origin:?}: {a}");
    }
    let served_origin = format!("Origin: http://127.0.0.1:{port}\r\n");
    assert_eq!(status(&upgrade(&served_origin, "")), 401);
    // Accepted: the server switches protocols (the answer ends when the read times out or the
    // server closes; only its status line matters here).
    let mut ws = TcpStream::connect(("127.0.0.1", port)).unwrap();
    ws.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        ws,
        "GET /__qoima/live HTTP/1.1\r\n{host}{mine}Upgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{served_origin}\r\n"
    )
    .unwrap();
    let mut line = String::new();
    BufReader::new(&ws).read_line(&mut line).unwrap();
    assert!(line.contains(" 101 "), "{line}");
}

#[test]
fn the_public_edition_needs_no_token() {
    let site = site();
    let s = serve(&site, &["--edition", "public"], None);
    assert_eq!(s.token, None);
    let a = ask(s.port, &format!("GET /en/ HTTP/1.1\r\nHost: localhost:{}", s.port));
    assert_eq!(status(&a), 200, "{a}");
    let a = ask(s.port, &format!("GET /en/ HTTP/1.1\r\nHost: evil.example:{}", s.port));
    assert_eq!(status(&a), 421, "{a}");
}

#[test]
fn symbolic_links_inside_the_served_folder_are_never_followed() {
    let site = site();
    let s = serve(&site, &[], None);
    let secret = site.path("outside/secret.html");
    std::fs::create_dir_all(secret.parent().unwrap()).unwrap();
    std::fs::write(&secret, "<body>SECRET-OUTSIDE-DIST</body>").unwrap();
    let dist = site.path("dist/internal");
    std::os::unix::fs::symlink(&secret, dist.join("leak.html")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dist.join("passwd.txt")).unwrap();
    std::os::unix::fs::symlink(site.path("outside"), dist.join("out")).unwrap();
    std::os::unix::fs::symlink("en", dist.join("en-link")).unwrap();
    let host = format!("Host: 127.0.0.1:{}\r\n{}", s.port, cookie(&s));
    for path in ["/leak.html", "/passwd.txt", "/out/secret.html", "/out/", "/en-link/", "/en-link/index.html"] {
        let a = ask(s.port, &format!("GET {path} HTTP/1.1\r\n{host}"));
        assert_eq!(status(&a), 404, "{path}: {a}");
        assert!(!a.contains("SECRET-OUTSIDE-DIST") && !a.contains("root:x:0:0"), "{path}: {a}");
    }
    let a = ask(s.port, &format!("GET /en/ HTTP/1.1\r\n{host}"));
    assert_eq!(status(&a), 200, "the real folder is served: {a}");
}

#[test]
fn idle_half_open_sockets_do_not_lock_out_a_real_request() {
    let site = site();
    // A low descriptor limit: without a cap on connections the idle ones would take them all.
    let s = serve(&site, &["--edition", "public"], Some(96));
    let idle: Vec<TcpStream> = (0..300).filter_map(|_| TcpStream::connect(("127.0.0.1", s.port)).ok()).collect();
    assert!(idle.len() >= 200, "the kernel queued {} connections", idle.len());
    // Half a request line on some of them.
    for mut sock in idle.iter().step_by(3) {
        let _ = sock.write_all(b"GET / HTT");
    }
    for _ in 0..3 {
        let a = ask(s.port, &format!("GET /en/ HTTP/1.1\r\nHost: 127.0.0.1:{}", s.port));
        assert_eq!(status(&a), 200, "{a}");
    }
    drop(idle);
    // A request head of a megabyte is refused, not buffered (the server may close before all
    // of it is sent).
    let mut big = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    big.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let head = format!("GET /en/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Big: {}\r\n\r\n", s.port, "a".repeat(1 << 20));
    let _ = big.write_all(head.as_bytes());
    let mut answer = Vec::new();
    let _ = big.read_to_end(&mut answer);
    assert!(!String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"), "a megabyte of head was answered");
    let a = ask(s.port, &format!("GET /en/ HTTP/1.1\r\nHost: 127.0.0.1:{}", s.port));
    assert_eq!(status(&a), 200, "{a}");
}
