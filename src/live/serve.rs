//! `qoima serve`: one edition over HTTP on the loopback interface (axum on hyper), with live
//! reload.
//!
//! Files are served from the built edition as they are on disk. Into each HTML page a small
//! script is added on its way out (never into the files): it opens a websocket to
//! [`LIVE_PATH`] and reloads the page when a rebuild rewrote it, or anything the page uses
//! (the theme's static files, the search index). When the server goes away the script retries
//! every second and reloads once it is back.
//!
//! What a browser or another user of the machine could abuse is refused:
//! - a request whose `Host` is neither the address served, a loopback name or address, nor a
//!   name given with `--host-name` (a web page elsewhere cannot read the edition through DNS
//!   rebinding), and a websocket whose `Origin` is not the served origin;
//! - for the internal edition, a request without the secret token made at start (printed in
//!   the URL, then kept in an HttpOnly, SameSite=Strict cookie): file permissions hide the
//!   catalogue from other users, the port must not show it to them;
//! - any path through a symbolic link, or naming anything but a plain file of the edition;
//! - more connections than the descriptor limit allows: beyond a cap the oldest idle one is
//!   closed, and a request head must arrive within [`HEADER_TIMEOUT`].

use std::collections::VecDeque;
use std::ffi::OsStr;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{Notify, Semaphore, broadcast};
use tower::ServiceExt;

/// Where browsers listen for rebuilds.
pub const LIVE_PATH: &str = "/__qoima/live";

/// How long a connection may take to send a request's head.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest request head (and read buffer) of a connection.
const MAX_HEAD: usize = 64 << 10;

/// How long a new connection is left alone before it may be closed to make room.
const GRACE: Duration = Duration::from_millis(300);

/// The script added before `</body>` of every served HTML page.
const SCRIPT: &str = r#"<script>/* qoima serve: live reload */(function(){var here=decodeURI(location.pathname).replace(/^\//,'');if(here===''||/\/$/.test(here))here+='index.html';var opened=false;function touches(p){return p===here||p.indexOf('static/')===0||(p.indexOf('search/')===0&&/search\.html$/.test(here));}function connect(){var ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/__qoima/live');ws.onopen=function(){if(opened)location.reload();opened=true;};ws.onmessage=function(e){var m=JSON.parse(e.data);if(m.all||m.pages.some(touches))location.reload();};ws.onclose=function(){setTimeout(connect,1000);};}connect();})();</script>"#;

/// What to serve and to whom.
pub struct Options {
    /// The built edition.
    pub dir: PathBuf,
    /// The address and port to listen on.
    pub addr: SocketAddr,
    /// The secret a request must carry (the internal edition); none for the public one.
    pub token: Option<String>,
    /// Host names besides loopback ones under which the server may be reached.
    pub host_names: Vec<String>,
}

/// What the server shares with its handlers.
struct Shared {
    dir: PathBuf,
    rebuilds: broadcast::Sender<Arc<String>>,
    token: Option<String>,
    /// The cookie that keeps the token (named by port: cookies do not tell ports apart).
    cookie: String,
    bound: SocketAddr,
    host_names: Vec<String>,
    /// Open websockets, bounded.
    sockets: Arc<Semaphore>,
}

/// The message sent to browsers after a rebuild: the pages of the edition that changed.
pub fn message(pages: &std::collections::HashSet<String>, all: bool) -> String {
    let mut pages: Vec<&String> = pages.iter().collect();
    pages.sort();
    serde_json::json!({"all": all, "pages": pages}).to_string()
}

/// Message `id` in the operator's language: why the server cannot run.
fn said(id: &'static str, args: crate::messages::Args) -> String {
    crate::messages::Msg::new(id, args).text(crate::messages::operator())
}

/// A new secret: 32 bytes from the kernel's random source, in hex.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    crate::platform::random_bytes(&mut bytes)
        .map_err(|e| said("serve-no-token", crate::args! { "error" => crate::messages::io(&e) }))?;
    Ok(crate::hash::hex(&bytes))
}

/// How many connections and websockets fit in the descriptors this process may open (some
/// are kept for files, the watcher and the build).
fn caps() -> (usize, usize) {
    let limit = usize::try_from(crate::platform::open_file_limit()).unwrap_or(usize::MAX);
    let total = limit.saturating_sub(48).clamp(8, 1024);
    let sockets = (total / 4).max(2);
    (total - sockets, sockets)
}

/// One open connection, as the accept loop sees it.
struct Conn {
    id: u64,
    opened: Instant,
    /// Requests being answered on it.
    busy: Arc<AtomicUsize>,
    close: Arc<Notify>,
}

/// Serves the edition until the process ends. `rebuilds` carries one message per rebuild;
/// `ready` is called with the bound address once the server listens.
pub fn run(
    opts: Options,
    rebuilds: broadcast::Sender<Arc<String>>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| said("serve-cannot-start", crate::args! { "error" => crate::messages::io(&e) }))?;
    runtime.block_on(async move {
        let addr = opts.addr;
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            said("serve-cannot-listen", crate::args! { "addr" => addr.to_string(), "error" => crate::messages::io(&e) })
        })?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        let (max_conns, max_sockets) = caps();
        let shared = Arc::new(Shared {
            dir: opts.dir,
            rebuilds,
            token: opts.token,
            cookie: format!("qoima-token-{}", bound.port()),
            bound,
            host_names: opts.host_names.iter().map(|h| h.trim_end_matches('.').to_ascii_lowercase()).collect(),
            sockets: Arc::new(Semaphore::new(max_sockets)),
        });
        let app = Router::new()
            .route(LIVE_PATH, get(live))
            .fallback(file)
            .layer(axum::middleware::from_fn_with_state(shared.clone(), guard))
            .with_state(shared);
        ready(bound);
        accept(listener, app, max_conns).await;
        Ok(())
    })
}

/// Accepts connections for ever, at most `cap` at once: when full, the oldest connection
/// that is answering nothing (and older than [`GRACE`]) is closed to make room, so a flood of
/// idle sockets cannot keep a real request out.
async fn accept(listener: tokio::net::TcpListener, app: Router, cap: usize) {
    let open: Arc<Mutex<VecDeque<Conn>>> = Arc::default();
    let mut next_id = 0u64;
    loop {
        // Make room before taking another connection from the kernel's queue.
        loop {
            let full = {
                let mut conns = open.lock().unwrap_or_else(|e| e.into_inner());
                if conns.len() < cap {
                    false
                } else {
                    let idle =
                        conns.iter().position(|c| c.busy.load(Ordering::SeqCst) == 0 && c.opened.elapsed() >= GRACE);
                    match idle.and_then(|i| conns.remove(i)) {
                        Some(c) => {
                            c.close.notify_one();
                            false
                        }
                        None => true,
                    }
                }
            };
            if !full {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors, or a connection reset before it was taken: wait a little.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        next_id += 1;
        let conn = Conn { id: next_id, opened: Instant::now(), busy: Arc::default(), close: Arc::default() };
        let (id, busy, close) = (conn.id, conn.busy.clone(), conn.close.clone());
        open.lock().unwrap_or_else(|e| e.into_inner()).push_back(conn);
        let app = app.clone();
        let open = open.clone();
        tokio::spawn(async move {
            let service = tower::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let (app, busy) = (app.clone(), busy.clone());
                async move {
                    busy.fetch_add(1, Ordering::SeqCst);
                    let resp = app.oneshot(req.map(axum::body::Body::new)).await;
                    busy.fetch_sub(1, Ordering::SeqCst);
                    resp
                }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .serve_connection(
                    hyper_util::rt::TokioIo::new(stream),
                    hyper_util::service::TowerToHyperService::new(service),
                )
                .with_upgrades();
            tokio::select! {
                _ = connection => {}
                _ = close.notified() => {}
            }
            open.lock().unwrap_or_else(|e| e.into_inner()).retain(|c| c.id != id);
        });
    }
}

/// The name part of a `Host` header, lower case: `[::1]:1124` → `::1`, `Example:80` → `example`.
fn host_name(host: &str) -> &str {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// Whether a request may name this `Host`: the address listened on (any address of the
/// machine when that is 0.0.0.0 or ::), a loopback name or address, or a `--host-name`.
fn host_allowed(shared: &Shared, host: &str) -> bool {
    let name = host_name(host).trim_end_matches('.').to_ascii_lowercase();
    if name.is_empty() {
        return false;
    }
    if let Ok(ip) = name.parse::<IpAddr>() {
        return ip.is_loopback() || ip == shared.bound.ip() || shared.bound.ip().is_unspecified();
    }
    name == "localhost" || shared.host_names.contains(&name)
}

/// Whether the request carries the token in its cookie.
fn cookie_ok(shared: &Shared, token: &str, headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == shared.cookie && same(value.as_bytes(), token.as_bytes()))
}

/// Compares secrets in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn refuse(status: StatusCode, why: &'static str) -> Response {
    let mut resp = (status, why).into_response();
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// Runs before every handler: the `Host`, the token, the websocket's `Origin`.
async fn guard(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("").to_string();
    if !host_allowed(&shared, &host) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "unknown Host: open the address qoima serve printed (or start it with --host-name)\n",
        );
    }
    if let Some(token) = &shared.token {
        let query = req.uri().query().unwrap_or("");
        match query.split('&').find_map(|p| p.strip_prefix("token=")) {
            // The token in the address: kept in a cookie, and taken out of the address (history,
            // Referer) whether or not the browser had the cookie already.
            Some(given) if same(given.as_bytes(), token.as_bytes()) => {
                let rest: Vec<&str> = query.split('&').filter(|p| !p.starts_with("token=") && !p.is_empty()).collect();
                let path = req.uri().path();
                let location = if rest.is_empty() { path.to_string() } else { format!("{path}?{}", rest.join("&")) };
                let mut resp = refuse(StatusCode::SEE_OTHER, "");
                let cookie = format!("{}={token}; HttpOnly; SameSite=Strict; Path=/", shared.cookie);
                if let (Ok(location), Ok(cookie)) = (HeaderValue::from_str(&location), HeaderValue::from_str(&cookie)) {
                    resp.headers_mut().insert(header::LOCATION, location);
                    resp.headers_mut().insert(header::SET_COOKIE, cookie);
                }
                return resp;
            }
            _ if cookie_ok(&shared, token, req.headers()) => {}
            _ => {
                return refuse(
                    StatusCode::UNAUTHORIZED,
                    "this edition needs the token: open the address qoima serve printed, with its ?token=\n",
                );
            }
        }
    }
    if req.uri().path() == LIVE_PATH {
        let origin = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).unwrap_or("");
        if !origin.eq_ignore_ascii_case(&format!("http://{host}")) {
            return refuse(StatusCode::FORBIDDEN, "a websocket from another origin\n");
        }
    }
    next.run(req).await
}

async fn live(ws: WebSocketUpgrade, State(shared): State<Arc<Shared>>) -> Response {
    let Ok(permit) = shared.sockets.clone().try_acquire_owned() else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "too many open pages\n");
    };
    let rx = shared.rebuilds.subscribe();
    // Browsers send nothing on this socket: a small frame limit keeps a client from filling memory.
    ws.max_message_size(MAX_HEAD).max_frame_size(MAX_HEAD).on_upgrade(move |socket| async move {
        forward(socket, rx).await;
        drop(permit);
    })
}

/// Sends each rebuild's message to one browser until it goes away.
async fn forward(mut socket: WebSocket, mut rx: broadcast::Receiver<Arc<String>>) {
    loop {
        tokio::select! {
            msg = rx.recv() => match msg {
                Ok(text) => {
                    if socket.send(Message::Text(text.as_str().into())).await.is_err() {
                        return;
                    }
                }
                // Missed some rebuilds: reload whatever the page is.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let all = message(&Default::default(), true);
                    if socket.send(Message::Text(all.into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = socket.recv() => if !matches!(incoming, Some(Ok(_))) { return },
        }
    }
}

/// What a URL path names inside the edition.
#[derive(Debug, PartialEq)]
enum Target {
    File(PathBuf),
    /// A folder named without its trailing slash.
    Folder,
    Missing,
}

/// Decodes `%XX` escapes; `None` for a broken escape.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The plain file a URL path names inside `dir`, looked at one component at a time: nothing
/// that is a symbolic link (anywhere on the way), `.`, `..`, a backslash or a NUL, and only
/// regular files. `/kk/` names `kk/index.html`.
fn resolve(dir: &Path, url_path: &str) -> Target {
    let Some(decoded) = percent_decode(url_path) else { return Target::Missing };
    let rel = decoded.strip_prefix(b"/").unwrap_or(&decoded);
    if rel.contains(&b'\\') || rel.contains(&0) {
        return Target::Missing;
    }
    let mut path = dir.to_path_buf();
    let parts: Vec<&[u8]> = if rel.is_empty() { Vec::new() } else { rel.split(|&b| b == b'/').collect() };
    let trailing = parts.last().is_none_or(|p| p.is_empty());
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() && i + 1 == parts.len() {
            break;
        }
        if part.is_empty() || *part == b"." || *part == b".." {
            return Target::Missing;
        }
        // Every name qoima writes in an edition is UTF-8; no other is served.
        let Ok(part) = std::str::from_utf8(part) else { return Target::Missing };
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => return Target::Missing,
            Ok(m) if m.is_dir() => {}
            Ok(m) if m.is_file() && i + 1 == parts.len() => return Target::File(path),
            _ => return Target::Missing,
        }
    }
    if !trailing {
        return Target::Folder;
    }
    path.push("index.html");
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.is_file() => Target::File(path),
        _ => Target::Missing,
    }
}

/// Reads a file without following a symbolic link put in its place meanwhile.
async fn read_plain(path: PathBuf) -> std::io::Result<Vec<u8>> {
    tokio::task::spawn_blocking(move || {
        let mut f = crate::platform::open_no_follow(&path)?;
        if !f.metadata()?.is_file() {
            return Err(std::io::Error::other("not a file"));
        }
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut out)?;
        Ok(out)
    })
    .await
    .map_err(std::io::Error::other)?
}

/// The media type of a file of the edition, by its extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(OsStr::to_str).map(str::to_ascii_lowercase).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// An HTML page with the live-reload script, or any other file as it is.
async fn file(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return refuse(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    }
    let path = match resolve(&shared.dir, req.uri().path()) {
        Target::File(path) => path,
        Target::Folder => {
            let mut resp = refuse(StatusCode::PERMANENT_REDIRECT, "");
            if let Ok(to) = HeaderValue::from_str(&format!("{}/", req.uri().path())) {
                resp.headers_mut().insert(header::LOCATION, to);
            }
            return resp;
        }
        Target::Missing => return not_found(&shared.dir).await,
    };
    let Ok(bytes) = read_plain(path.clone()).await else { return not_found(&shared.dir).await };
    if path.extension().is_some_and(|e| e == "html") {
        return html(StatusCode::OK, bytes);
    }
    let mut resp = (StatusCode::OK, bytes).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&path)));
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

async fn not_found(dir: &Path) -> Response {
    match read_plain(dir.join("404.html")).await {
        Ok(bytes) => html(StatusCode::NOT_FOUND, bytes),
        Err(_) => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn html(status: StatusCode, bytes: Vec<u8>) -> Response {
    let text = String::from_utf8_lossy(&bytes);
    let body = match text.rfind("</body>") {
        Some(at) => format!("{}{SCRIPT}{}", &text[..at], &text[at..]),
        None => format!("{text}{SCRIPT}"),
    };
    let mut resp = (status, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_to_plain_files_of_the_edition_only() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("kk")).unwrap();
        std::fs::write(d.join("kk/index.html"), "<body></body>").unwrap();
        std::fs::write(d.join("index.html"), "<body></body>").unwrap();
        std::fs::write(d.join("a b.css"), "x").unwrap();
        std::os::unix::fs::symlink("/etc", d.join("etc")).unwrap();
        std::os::unix::fs::symlink("index.html", d.join("same.html")).unwrap();
        std::os::unix::fs::symlink("kk", d.join("kz")).unwrap();
        assert_eq!(resolve(d, "/kk/"), Target::File(d.join("kk/index.html")));
        assert_eq!(resolve(d, "/"), Target::File(d.join("index.html")));
        assert_eq!(resolve(d, "/kk/index.html"), Target::File(d.join("kk/index.html")));
        assert_eq!(resolve(d, "/a%20b.css"), Target::File(d.join("a b.css")));
        assert_eq!(resolve(d, "/kk"), Target::Folder);
        for bad in ["/kk/../index.html", "/%2e%2e/etc/passwd", "/etc/passwd", "/same.html", "/kz/", "/kz/index.html"] {
            assert_eq!(resolve(d, bad), Target::Missing, "{bad}");
        }
        for bad in ["/kk//index.html", "/kk%5cindex.html", "/index.html%00", "/%zz", "/ru/index.html"] {
            assert_eq!(resolve(d, bad), Target::Missing, "{bad}");
        }
    }

    #[test]
    fn host_names_are_read_without_their_port() {
        assert_eq!(host_name("127.0.0.1:1124"), "127.0.0.1");
        assert_eq!(host_name("[::1]:1124"), "::1");
        assert_eq!(host_name("Evil.Example:80"), "Evil.Example");
        assert_eq!(host_name("localhost"), "localhost");
        assert!(same(b"abc", b"abc") && !same(b"abc", b"abd") && !same(b"abc", b"ab"));
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let resp = html(StatusCode::OK, b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(resp.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let bytes = rt.block_on(axum::body::to_bytes(resp.into_body(), usize::MAX)).unwrap();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(text.starts_with("<html><body><p>x</p><script>"));
        assert!(text.ends_with("</script></body></html>"));
        assert!(text.contains(LIVE_PATH));
    }
}
