//! `qoima watch` and `qoima serve`: build the catalogue, then keep it up to date while the
//! archive changes, printing each rebuild (a line and the new findings, or one JSON object per
//! line); `serve` also serves one edition over HTTP and reloads the pages a rebuild changed.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::output::Ctx;
use super::{Edition, Format, Global, report};
use crate::args;
use crate::catalog;
use crate::messages::Lang;

use super::output::say;

/// Options of `watch` and `serve`.
#[derive(clap::Args, Debug)]
pub struct LiveArgs {
    /// The output folder (default: site.toml's `[site] output`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Poll for changes every SECONDS (2 when no value is given) instead of waiting for the
    /// kernel's change events; for shared drives that deliver none.
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "2")]
    pub poll: Option<f64>,
    /// How long, in milliseconds, a changed file must stay quiet before it is read. An editor's
    /// save is over in a millisecond; a file read while it is still being copied is only read
    /// again when the copy goes on (a half-written deposit.yaml is a finding until then). Raise
    /// it when a slow writer makes the catalogue rebuild too often.
    #[arg(long, value_name = "MS", default_value_t = 10)]
    pub debounce: u64,
}

#[derive(clap::Args, Debug)]
pub struct WatchArgs {
    #[command(flatten)]
    pub live: LiveArgs,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub live: LiveArgs,
    /// The edition to serve.
    #[arg(long, value_enum, default_value = "internal")]
    pub edition: Edition,
    /// The TCP port (0 picks a free one).
    #[arg(long, default_value_t = 1124)]
    pub port: u16,
    /// The address to listen on. Anything but loopback exposes the catalogue to the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Another name under which browsers reach the server (repeatable).
    #[arg(long, value_name = "NAME")]
    pub host_name: Vec<String>,
}

pub(super) fn watch(ctx: &mut Ctx, a: &WatchArgs) -> Result<ExitCode, String> {
    let editions = vec![crate::render::Edition::Public, crate::render::Edition::Internal];
    run(ctx.g, &a.live, editions, None)
}

pub(super) fn serve(ctx: &mut Ctx, a: &ServeArgs) -> Result<ExitCode, String> {
    let addr = std::net::SocketAddr::new(a.bind, a.port);
    run(ctx.g, &a.live, vec![a.edition.into()], Some((addr, a.host_name.clone())))
}

/// `watch` and `serve`: a live session, its watcher, and (for `serve`) the server.
fn run(
    g: &Global,
    live: &LiveArgs,
    editions: Vec<crate::render::Edition>,
    serve: Option<(std::net::SocketAddr, Vec<String>)>,
) -> Result<ExitCode, String> {
    use crate::live::{Options, Session, watch::Watcher};
    let lang = g.lang();
    let t = |id: &str, args: crate::messages::Args| crate::messages::text(lang, id, &args);
    let site = crate::site::SiteConfig::load(&g.root).map_err(|e| catalog::OpenError::from(e).text(lang))?;
    let out_dir = live.out.clone().unwrap_or_else(|| g.root.join(&site.site.output));
    let served = editions[0];
    let poll = match live.poll {
        Some(s) if !(s.is_finite() && s > 0.0) => return Err(t("poll-invalid", args! { "value" => s.to_string() })),
        Some(s) => Some(std::time::Duration::from_secs_f64(s)),
        None => None,
    };
    // Watching starts before the first build, so that nothing changed meanwhile is missed.
    let dirs = crate::live::watched(&g.root, &site, &out_dir)?;
    let watcher = Watcher::start(&g.root, &dirs, poll, std::time::Duration::from_millis(live.debounce.max(1)))?;
    if g.format == Format::Text {
        let mode = match &watcher.mode {
            crate::live::watch::Mode::Native => t("watch-native", args! {}),
            crate::live::watch::Mode::Poll { every, why } => {
                t("watch-polling", args! { "every" => format!("{:.1}", every.as_secs_f64()), "why" => why.arg() })
            }
        };
        eprintln!("{}", t("watching", args! { "root" => g.root.display().to_string(), "mode" => mode }));
    }
    let opts = Options { root: g.root.clone(), out: out_dir.clone(), editions, today: g.today };
    let (mut session, first) = Session::start(opts)?;
    print_update(g, "built", &first);
    let (tx, _) = tokio::sync::broadcast::channel::<std::sync::Arc<String>>(16);
    let senders = tx.clone();
    let text = g.format == Format::Text;
    let json = !text;
    let watch_loop = move |session: &mut Session| {
        let t = |id: &str, args: crate::messages::Args| crate::messages::text(lang, id, &args);
        while let Some((paths, errors)) = watcher.next(std::time::Duration::from_secs(60)) {
            for e in errors {
                say(lang, "prefix-warning", &t("watcher-reported", args! { "error" => e.to_string() }));
            }
            match session.apply(&paths) {
                Ok(u) if u.full || !u.systems.is_empty() => {
                    print_update_to(text, json, lang, "update", &u);
                    let pages = crate::live::pages_of(&u, served);
                    let _ = senders.send(std::sync::Arc::new(crate::live::serve::message(&pages, u.full)));
                }
                Ok(_) => {}
                Err(e) => say(lang, "prefix-error", &t("live-kept", args! { "error" => e })),
            }
        }
    };
    match serve {
        None => {
            watch_loop(&mut session);
            Ok(ExitCode::SUCCESS)
        }
        Some((addr, host_names)) => {
            if !addr.ip().is_loopback() {
                let args = args! { "addr" => addr.to_string(), "edition" => served.name() };
                say(lang, "prefix-warning", &t("serve-exposed", args));
            }
            let token = match served {
                crate::render::Edition::Internal => Some(crate::live::serve::new_token()?),
                crate::render::Edition::Public => None,
            };
            std::thread::spawn(move || watch_loop(&mut session));
            let opts = crate::live::serve::Options {
                dir: out_dir.join(served.name()),
                addr,
                token: token.clone(),
                host_names,
            };
            crate::live::serve::run(opts, tx, |bound| {
                let open = match &token {
                    Some(t) => format!("http://{bound}/?token={t}"),
                    None => format!("http://{bound}/"),
                };
                if text {
                    eprintln!("{}", t("serving", args! { "edition" => served.name(), "url" => open.as_str() }));
                } else {
                    println!(
                        "{}",
                        serde_json::json!({"event": "serving", "url": format!("http://{bound}/"), "open": open, "token": token})
                    );
                }
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_update(g: &Global, event: &str, u: &crate::live::Update) {
    print_update_to(g.format == Format::Text, g.format == Format::Json, g.lang(), event, u);
}

/// One rebuild: a line and the findings of what changed (text), or one JSON object per line.
fn print_update_to(text: bool, json: bool, lang: Lang, event: &str, u: &crate::live::Update) {
    use crate::finding::Severity;
    let mut out = anstream::stdout();
    if json {
        let finished =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
        let mut v = serde_json::json!({
            "event": event,
            "full": u.full,
            "systems": u.systems,
            "written": u.written.len(),
            "removed": u.removed.len(),
            "errors": u.errors,
            "warnings": u.warnings,
            "ms": u.took.as_secs_f64() * 1000.0,
            "finished_unix": finished,
            "findings": if u.full { &[][..] } else { &u.findings[..] },
        });
        if !u.full {
            v["pages"] = serde_json::json!({"written": u.written, "removed": u.removed});
        }
        let _ = writeln!(out, "{v}");
    } else if text {
        let now = chrono::Local::now().format("%H:%M:%S");
        let _ = writeln!(out, "{now} {}", update_summary(lang, event, u));
        let shown: Vec<_> = u.findings.iter().filter(|f| f.severity != Severity::Info).collect();
        const MAX: usize = 20;
        for f in shown.iter().take(MAX) {
            let _ = report::write_finding(&mut out, f, lang);
        }
        if shown.len() > MAX {
            let args = args! { "more" => shown.len() - MAX };
            let _ = writeln!(out, "{}", crate::messages::text(lang, "live-more", &args));
        }
    }
    let _ = out.flush();
}

/// A rebuild in one line: `event` (`built` or `update`), what it rebuilt, what it wrote and
/// removed, and what the archive has.
fn update_summary(lang: Lang, event: &str, u: &crate::live::Update) -> String {
    let (what, systems) = if u.full {
        ("all", String::new())
    } else if u.systems.is_empty() {
        ("nothing", String::new())
    } else {
        ("systems", u.systems.iter().cloned().collect::<Vec<_>>().join(", "))
    };
    let args = args! {
        "event" => event,
        "what" => what,
        "systems" => systems,
        "written" => u.written.len(),
        "removed" => u.removed.len(),
        "ms" => format!("{:.0}", u.took.as_secs_f64() * 1000.0),
        "errors" => u.errors,
        "warnings" => u.warnings,
    };
    crate::messages::text(lang, "live-update", &args)
}
