//! `qoima replicate`: copy sealed deposits to the replica site.toml names and verify the copies
//! against the register's manifests (D1124-31), then copy the records. Exit 1 when a copy
//! failed, 2 (nothing written) when the replica's root does not exist.

use std::process::ExitCode;

use super::output::{Ctx, agent_of, failed_if};
use crate::args;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Who replicates (recorded as the agent in the fixity log).
    #[arg(long, env = "QOIMA_OPERATOR", value_name = "NAME")]
    pub by: Option<String>,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let cat = ctx.open()?;
    let agent = agent_of(&a.by);
    let done = ctx.spinning(&t("progress-replicate", args! {}), || crate::replica::replicate(&cat, &agent));
    let done = done.map_err(|e| e.text(lang))?;
    let failed = done.deposits.iter().filter(|r| !r.failed.is_empty()).count();
    for w in &done.warnings {
        ctx.say("prefix-warning", &w.text(lang));
    }
    ctx.emit(&done, |out| {
        for r in &done.deposits {
            let line = if r.skipped {
                t("replicate-skipped", args! { "deposit" => r.deposit.as_str() })
            } else {
                let args = args! { "deposit" => r.deposit.as_str(), "copied" => r.copied, "unchanged" => r.unchanged };
                t("replicate-copied", args)
            };
            writeln!(out, "{line}")?;
            for f in &r.failed {
                writeln!(out, "  {}", crate::names::printable(&f.text(lang)))?;
            }
        }
        let records: Vec<String> = done.records.iter().map(|r| r.text(lang)).collect();
        writeln!(out, "{}", t("replicate-records", args! { "records" => records.join(", ") }))
    })?;
    Ok(failed_if(failed > 0))
}
