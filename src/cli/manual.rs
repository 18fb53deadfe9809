//! `qoima completions` and `qoima man`: the shells' completion scripts and the manual page,
//! both made from the command line's own definitions.

use std::process::ExitCode;

use super::Cli;
use super::output::Ctx;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish.
    pub shell: clap_complete::Shell,
}

pub(super) fn completions(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(a.shell, &mut cmd, "qoima", &mut ctx.out);
    ctx.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn man(ctx: &mut Ctx) -> Result<ExitCode, String> {
    let cmd = <Cli as clap::CommandFactory>::command();
    clap_mangen::Man::new(cmd).render(&mut ctx.out).map_err(|e| ctx.io(e))?;
    ctx.flush()?;
    Ok(ExitCode::SUCCESS)
}
