//! `qoima generate` (hidden): write a synthetic site root of N deposits, for the benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use super::output::Ctx;
use crate::args;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to create.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// How many deposits.
    #[arg(long, default_value_t = 1000)]
    pub deposits: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Size of each payload file in bytes.
    #[arg(long, default_value_t = 256)]
    pub payload_bytes: usize,
    /// Seal every deposit on the day it was numbered, with its number in the depository register
    /// and its system's journal and its certificate recorded in the journal, as `qoima seal` and
    /// `qoima record` leave them (the sealed archive of the register benchmark).
    #[arg(long)]
    pub sealed: bool,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let dir = &a.out;
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(ctx.t("generate-not-empty", args! { "dir" => dir.display().to_string() }));
    }
    let spec = crate::generate::Spec {
        deposits: a.deposits,
        seed: a.seed,
        payload_bytes: a.payload_bytes,
        sealed: a.sealed,
        today: ctx.today,
    };
    let n = crate::generate::generate(dir, &spec).map_err(|e| format!("{}: {e}", dir.display()))?;
    let args = args! { "deposits" => n, "dir" => dir.display().to_string() };
    ctx.line(ctx.t("generate-wrote", args))?;
    Ok(ExitCode::SUCCESS)
}
