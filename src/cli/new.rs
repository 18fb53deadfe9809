//! `qoima new`: scaffold a new deposit — a commented deposit.yaml (and system.yaml for a new
//! system) and the empty component folders. Never overwrites anything.

use std::process::ExitCode;

use super::output::Ctx;
use crate::args;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The system folder under archive/.
    pub system: String,
    /// The version folder (e.g. 2.0).
    pub version: String,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let t = ctx.tr();
    let setup = crate::catalog::setup(&ctx.g.root).map_err(|e| e.text(ctx.lang))?;
    let archive = &setup.site.site.archive;
    let created =
        crate::scaffold::new_deposit(&ctx.g.root, archive, &a.system, &a.version, ctx.today, &setup.rulebooks)?;
    ctx.emit(&serde_json::json!({ "created": created.paths }), |out| {
        for p in &created.paths {
            writeln!(out, "{}", t("new-created", args! { "path" => p.as_str() }))?;
        }
        writeln!(out, "{}", t("new-next", args! {}))
    })?;
    Ok(ExitCode::SUCCESS)
}
