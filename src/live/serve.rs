//! `qoima serve`: one edition over HTTP on the loopback interface (axum), with live reload.
//!
//! Files are served from the built edition as they are on disk. Into each HTML page a small
//! script is added on its way out (never into the files): it opens a websocket to
//! [`LIVE_PATH`] and reloads the page when a rebuild rewrote it, or anything the page uses
//! (the theme's static files, the search index). When the server goes away the script retries
//! every second and reloads once it is back.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Where browsers listen for rebuilds.
pub const LIVE_PATH: &str = "/__qoima/live";

/// The script added before `</body>` of every served HTML page.
const SCRIPT: &str = r#"<script>/* qoima serve: live reload */(function(){var here=decodeURI(location.pathname).replace(/^\//,'');if(here===''||/\/$/.test(here))here+='index.html';var opened=false;function touches(p){return p===here||p.indexOf('static/')===0||(p.indexOf('search/')===0&&/search\.html$/.test(here));}function connect(){var ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/__qoima/live');ws.onopen=function(){if(opened)location.reload();opened=true;};ws.onmessage=function(e){var m=JSON.parse(e.data);if(m.all||m.pages.some(touches))location.reload();};ws.onclose=function(){setTimeout(connect,1000);};}connect();})();</script>"#;

/// What the server shares with its handlers.
struct Shared {
    dir: PathBuf,
    rebuilds: broadcast::Sender<Arc<String>>,
}

/// The message sent to browsers after a rebuild: the pages of the edition that changed.
pub fn message(pages: &std::collections::HashSet<String>, all: bool) -> String {
    let mut pages: Vec<&String> = pages.iter().collect();
    pages.sort();
    serde_json::json!({"all": all, "pages": pages}).to_string()
}

/// Serves `dir` on `addr` until the process ends. `rebuilds` carries one message per rebuild;
/// `ready` is called with the bound address once the server listens.
pub fn run(
    dir: PathBuf,
    addr: SocketAddr,
    rebuilds: broadcast::Sender<Arc<String>>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        let shared = Arc::new(Shared { dir, rebuilds });
        let app = Router::new().route(LIVE_PATH, get(live)).fallback(file).with_state(shared);
        ready(bound);
        axum::serve(listener, app).await.map_err(|e| format!("the server stopped: {e}"))
    })
}

async fn live(ws: WebSocketUpgrade, State(shared): State<Arc<Shared>>) -> Response {
    let rx = shared.rebuilds.subscribe();
    ws.on_upgrade(move |socket| forward(socket, rx))
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

/// An HTML page with the live-reload script, or any other file as it is.
async fn file(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    match html_path(&shared.dir, req.uri().path()) {
        Some(path) => match tokio::fs::read(&path).await {
            Ok(bytes) => html(StatusCode::OK, bytes),
            Err(_) => not_found(&shared.dir).await,
        },
        None => match ServeDir::new(&shared.dir).oneshot(req).await {
            Ok(resp) if resp.status() == StatusCode::NOT_FOUND => not_found(&shared.dir).await,
            Ok(resp) => resp.map(Body::new),
            Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        },
    }
}

/// The HTML file a URL path names, when it names one: `/kk/` → `kk/index.html`. Paths with
/// percent-escapes, `..` or anything else unusual are left to ServeDir, which decodes and
/// refuses them safely.
fn html_path(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let rel = url_path.trim_start_matches('/');
    if rel.contains(['%', '\\', '\0']) {
        return None;
    }
    let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    let rel_path = Path::new(&rel);
    if !rel.ends_with(".html") || rel_path.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let path = dir.join(rel_path);
    path.is_file().then_some(path)
}

async fn not_found(dir: &Path) -> Response {
    match tokio::fs::read(dir.join("404.html")).await {
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
    fn only_plain_html_paths_are_served_with_the_script() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("kk")).unwrap();
        std::fs::write(dir.path().join("kk/index.html"), "<body></body>").unwrap();
        std::fs::write(dir.path().join("index.html"), "<body></body>").unwrap();
        assert_eq!(html_path(dir.path(), "/kk/"), Some(dir.path().join("kk/index.html")));
        assert_eq!(html_path(dir.path(), "/"), Some(dir.path().join("index.html")));
        assert_eq!(html_path(dir.path(), "/kk/index.html"), Some(dir.path().join("kk/index.html")));
        assert_eq!(html_path(dir.path(), "/kk/../index.html"), None);
        assert_eq!(html_path(dir.path(), "/%2e%2e/etc/passwd"), None);
        assert_eq!(html_path(dir.path(), "/static/qoima.css"), None);
        assert_eq!(html_path(dir.path(), "/ru/index.html"), None);
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
