//! `qoima package`: write the transfer packages for the National Archive (BagIt zips of
//! sealed deposits, with the inventory and the act), one system's or every system's, and say
//! what was written and what was refused (exit 1).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{Ctx, bytes_bar, failed_if, unwritable};
use crate::args;
use crate::package::Request;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The system folder under archive/.
    #[arg(required_unless_present = "all")]
    pub system: Option<String>,
    /// One version; every sealed version of the system when omitted (of a public system,
    /// every sealed public version: a restricted deposit is packaged alone, by its version).
    pub version: Option<String>,
    /// Write the zip here instead.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Package every system with sealed deposits into <output>/packages/ (and each restricted
    /// deposit of a public system alone, as SYSTEM-VERSION.zip), then rebuild the internal
    /// edition so that each system page links its packages with size and SHA-256.
    #[arg(long, conflicts_with_all = ["system", "version", "out"])]
    pub all: bool,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let (cat, theme) = ctx.open_with_theme()?;
    let request = if a.all {
        Request::All
    } else {
        let system = a.system.as_deref().unwrap_or_default();
        Request::One { system, version: a.version.as_deref(), out: a.out.as_deref() }
    };
    let mut done = Vec::new();
    let mut refused = Vec::new();
    let g = ctx.g;
    let progress = |name: &str| bytes_bar(g, &t("progress-package", args! { "bag" => name }));
    let text = ctx.text();
    let out = &mut ctx.out;
    let io = |e: std::io::Error| unwritable(lang, e);
    let each = |b: &crate::package::Bagged| {
        match &b.result {
            Ok(p) => {
                if text {
                    let args = args! {
                        "path" => b.target.display().to_string(),
                        "files" => p.payload_files,
                        "payload" => p.payload_bytes.to_string(),
                        "bytes" => p.bytes.to_string(),
                        "sha256" => p.sha256.as_str(),
                    };
                    writeln!(out, "{}", t("package-done", args)).map_err(io)?;
                }
                done.push(serde_json::json!({"path": b.target, "package": p}));
            }
            Err(r) => {
                let message = crate::names::printable_lines(&r.text(lang));
                // Name the bag unless the message starts with it already.
                let line =
                    if r.message().starts_with(b.system.as_str()) { message } else { format!("{}: {message}", b.name) };
                super::output::say(lang, "prefix-error", &line);
                refused.push(serde_json::json!({"bag": b.name, "message": r.message(), "files": r.files()}));
            }
        }
        Ok(())
    };
    let (dir, _) = crate::package::package_site(&cat, &theme, &g.root, request, progress, each)?;
    if a.all && text {
        ctx.line(t("package-all-done", args! { "packages" => done.len(), "dir" => dir.display().to_string() }))?;
    }
    // The text said each bag as it was done.
    ctx.emit(&serde_json::json!({"packages": done, "refused": refused}), |_| Ok(()))?;
    ctx.flush()?;
    Ok(failed_if(!refused.is_empty()))
}
