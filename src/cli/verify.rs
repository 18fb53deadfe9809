//! `qoima verify`: validate a BagIt bag (a folder or a zip, read in place), and check it
//! against a BagIt profile when one is given. Problems go to stderr, one a line, in the
//! operator's language. Exit 0 valid, 1 invalid, 2 not readable at all.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{Ctx, failed_if};
use crate::args;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The bag: a folder holding bagit.txt, or a zip of one.
    pub path: PathBuf,
    /// Also check the bag against this BagIt profile (JSON, the bagit-profiles
    /// specification), e.g. docs/bagit-profile.json for qoima's transfer packages.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let profile = a
        .profile
        .as_deref()
        .map(bagit::profile::Profile::load)
        .transpose()
        .map_err(|e| crate::bag_messages::profile_error(&e).text(lang))?;
    let bar = ctx.bytes_bar(&t("progress-verify", args! {}));
    let report = bagit::verify::verify_against(&a.path, &bar, profile.as_ref()).map_err(|e| {
        let error = crate::bag_messages::error(&e).text(lang);
        t("bag-unreadable", args! { "path" => a.path.display().to_string(), "error" => error })
    })?;
    let mut err = anstream::stderr();
    for p in &report.problems {
        let line = crate::bag_messages::problem_line(p, lang);
        let _ = writeln!(err, "{}", crate::names::printable_lines(&line));
    }
    ctx.emit(&report, |out| {
        let args = args! {
            "bag" => report.bag.to_string(),
            "verdict" => if report.valid { "valid" } else { "invalid" },
            "version" => report.version.as_deref().unwrap_or("?"),
            "files" => report.payload_files,
            "bytes" => report.payload_bytes.to_string(),
            "algorithms" => if report.algorithms.is_empty() { "none".to_string() } else { report.algorithms.join(", ") },
            "errors" => report.errors,
            "warnings" => report.warnings,
        };
        writeln!(out, "{}", t("verify-summary", args))
    })?;
    ctx.flush()?;
    Ok(failed_if(!report.valid))
}
