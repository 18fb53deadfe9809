//! `qoima check`: load the archive, check every deposit against its rulebook and print the
//! findings and deadlines (all of them, or those of the systems and deposits named). Never
//! writes anything; exit 1 when a printed finding is an error.

use std::io::Write;
use std::process::ExitCode;

use super::output::{Ctx, failed_if};
use super::report;
use crate::args;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print only these systems' or deposits' findings.
    #[arg(value_name = "SYSTEM[/VERSION]")]
    pub only: Vec<String>,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let cat = ctx.spinning(&ctx.t("progress-check", args! {}), || ctx.open())?;
    let only = report::Only::new(&a.only);
    if let Some(unknown) = only.unknown(&cat) {
        let args = args! { "name" => unknown, "archive" => cat.site.site.archive.as_str() };
        return Err(ctx.t("no-such-target", args));
    }
    let g = ctx.g;
    let detail = if g.quiet {
        report::Detail::Errors
    } else if g.verbose {
        report::Detail::All
    } else {
        report::Detail::Default
    };
    let written = match g.format {
        super::Format::Text => report::write_text(&mut ctx.out, &cat, detail, &only, ctx.lang),
        super::Format::Json => report::write_json(&mut ctx.out, &cat, &only),
    };
    written.and_then(|()| ctx.out.flush()).map_err(|e| ctx.io(e))?;
    let code = failed_if(only.has_errors(&cat));
    // The process ends here: freeing a large catalog piece by piece only costs time.
    std::mem::forget(cat);
    Ok(code)
}
