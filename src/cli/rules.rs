//! `qoima rules`: show what a rulebook asks for — components, fields, events, order and
//! deadlines — as text, or the rulebooks as JSON.

use std::process::ExitCode;

use super::output::Ctx;
use crate::args;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rulebook (O146, D1124); all of them when omitted.
    pub id: Option<String>,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let setup = crate::catalog::setup(&ctx.g.root).map_err(|e| e.text(ctx.lang))?;
    let books: Vec<_> = match &a.id {
        Some(id) => vec![setup.rulebooks.get(id).ok_or_else(|| {
            let known = setup.rulebooks.books.iter().map(|b| b.id.as_str()).collect::<Vec<_>>().join(", ");
            ctx.t("no-such-rulebook", args! { "id" => id.as_str(), "known" => known })
        })?],
        None => setup.rulebooks.books.iter().collect(),
    };
    let lang = ctx.lang;
    ctx.emit(&books, |out| books.iter().try_for_each(|b| super::report::write_rulebook(out, b, lang)))?;
    Ok(ExitCode::SUCCESS)
}
