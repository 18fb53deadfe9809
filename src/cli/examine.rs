//! `qoima examine`: examine a deposit as the technical service does (D1124-40) — completeness,
//! sufficiency of the source, integrity of the built modules and the database, and with
//! --rebuild a sandboxed rebuild — and save the conclusion. Exit 0 positive, 1 negative.

use std::process::ExitCode;

use super::output::{Ctx, examiner, failed_if};
use crate::args;
use crate::examine::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The deposit, as SYSTEM/VERSION.
    pub deposit: String,
    /// Who examines (recorded in the conclusion).
    #[arg(long)]
    pub by: Option<String>,
    /// Print the conclusion without saving it.
    #[arg(long)]
    pub dry_run: bool,
    /// Also rebuild: run the deposit's build steps in a scratch copy of source/ (never in
    /// the archive), without network, killed at the time limit; then compare what it built
    /// with the deposited install/ files (identical, different, missing). The log (a bounded
    /// head and tail of each step's output) is saved beside the conclusion. The build runs
    /// in bubblewrap (bwrap): it sees only the scratch copy, a private /tmp and the system
    /// folders, with limits on CPU, memory, file size, processes and output.
    #[arg(long)]
    pub rebuild: bool,
    /// The time limit of each build step, in seconds.
    #[arg(long, default_value_t = 600, value_name = "SECONDS")]
    pub timeout: u64,
    /// Rebuild without bubblewrap: no isolation at all, the build runs as you, with your
    /// files, your network and your processes. Only for deposits you trust.
    #[arg(long, requires = "rebuild")]
    pub no_isolation: bool,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let t = ctx.tr();
    let cat = ctx.open()?;
    let key = a.deposit.trim_end_matches('/');
    let (sys, ver) = key.split_once('/').ok_or_else(|| t("deposit-name-form", args! { "key" => key }))?;
    let d = cat
        .archive
        .system(sys)
        .and_then(|s| s.deposits.iter().find(|d| d.version == ver))
        .ok_or_else(|| t("no-such-deposit", args! { "key" => key }))?;
    let by = examiner(&a.by);
    let opts = a.rebuild.then_some(crate::examine::RebuildOptions {
        timeout: std::time::Duration::from_secs(a.timeout),
        allow_unisolated: a.no_isolation,
    });
    let conclusion =
        ctx.spinning(&t("progress-examine", args! { "key" => key }), || crate::examine::examine(&cat, d, &by, opts));
    let saved = if a.dry_run { None } else { Some(crate::examine::save(&cat.root, d, &conclusion)?) };
    ctx.emit(&conclusion, |out| {
        let verdict = if conclusion.positive { "positive" } else { "negative" };
        let args = args! { "key" => key, "number" => conclusion.number.to_string(), "verdict" => verdict };
        writeln!(out, "{}", t("examine-conclusion", args))?;
        for c in &conclusion.checks {
            let o = t(
                match c.outcome {
                    Outcome::Pass => "examine-pass",
                    Outcome::Warning => "examine-warning",
                    Outcome::Fail => "examine-fail",
                },
                args! {},
            );
            writeln!(out, "  {:<14} {o:<8} [{}]", c.id, c.rule)?;
            for d in &c.details {
                writeln!(out, "      {}", crate::names::printable(d))?;
            }
        }
        if !a.rebuild {
            writeln!(out, "  {}", t("examine-no-rebuild", args! {}))?;
        }
        if let Some(p) = &saved {
            writeln!(out, "{}", t("examine-saved", args! { "path" => p.display().to_string() }))?;
        }
        Ok(())
    })?;
    ctx.flush()?;
    Ok(failed_if(!conclusion.positive))
}
