//! `qoima build`: render the catalogue, the public and the internal edition in every language,
//! each built beside its target and renamed into place. Exit 1 when a system or deposit's
//! metadata cannot be read (the internal edition lists it with its findings).

use std::path::PathBuf;
use std::process::ExitCode;

use super::Edition;
use super::output::{Ctx, failed_if};
use crate::args;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Build only this edition.
    #[arg(long, value_enum)]
    pub edition: Option<Edition>,
    /// The output folder (default: site.toml's `[site] output`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let t = ctx.tr();
    let (cat, theme) = ctx.open_with_theme()?;
    let dir = a.out.clone().unwrap_or_else(|| ctx.g.root.join(&cat.site.site.output));
    let editions = match a.edition {
        Some(e) => vec![e.into()],
        None => vec![crate::render::Edition::Public, crate::render::Edition::Internal],
    };
    let started = std::time::Instant::now();
    let built = ctx.spinning(&t("progress-build", args! {}), || crate::render::build(&cat, &theme, &dir, &editions))?;
    let secs = started.elapsed().as_secs_f64();
    // A deposit whose metadata cannot be read is never hidden: the internal edition
    // lists it with its findings, the public one says nothing of it, and build fails.
    let unreadable: Vec<String> = cat
        .archive
        .systems
        .iter()
        .flat_map(|s| {
            let system = s.doc.is_none().then(|| s.id.clone());
            system.into_iter().chain(s.deposits.iter().filter(|d| d.doc.is_none()).map(|d| d.key()))
        })
        .collect();
    if ctx.text() {
        for r in &built.renamed {
            ctx.say("prefix-warning", &crate::names::printable(&r.text(ctx.lang)));
        }
    }
    let editions: Vec<_> = built
        .editions
        .iter()
        .map(|(e, p, n)| serde_json::json!({"edition": e.name(), "path": p, "pages": n}))
        .collect();
    let value = serde_json::json!({
        "editions": editions, "seconds": secs, "renamed": built.renamed.iter().map(|m| m.en()).collect::<Vec<_>>(), "unreadable": unreadable
    });
    ctx.emit(&value, |out| {
        for (e, p, n) in &built.editions {
            let args = args! { "edition" => e.name(), "pages" => *n, "path" => p.display().to_string() };
            writeln!(out, "{}", t("build-edition", args))?;
        }
        if !unreadable.is_empty() {
            let args = args! { "count" => unreadable.len(), "names" => unreadable.join(", ") };
            writeln!(out, "{}", t("build-unreadable", args))?;
        }
        Ok(())
    })?;
    Ok(failed_if(!unreadable.is_empty()))
}
