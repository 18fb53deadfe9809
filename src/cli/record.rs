//! `qoima record`: append an event (a certificate, a yearly notice, decommissioning, a
//! hand-over, the half-year report…) to a system's or the depository's journal, after checking
//! it as `check` checks events; refused with the findings (exit 1) when that finds an error.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::output::Ctx;
use super::parse_date;
use crate::args;
use crate::record::Refused;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// SYSTEM/VERSION (a deposit), SYSTEM (the register record) or `.` (the depository).
    pub target: String,
    /// The kind of event, e.g. depository_certificate, yearly_notice, decommissioned.
    pub kind: String,
    /// When it happened (YYYY-MM-DD; never after today).
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub date: NaiveDate,
    /// The number it gave (a certificate's, a letter's).
    #[arg(long)]
    pub number: Option<String>,
    /// To whom (a hand-over, access granted).
    #[arg(long)]
    pub to: Option<String>,
    /// A reason (a return, a refusal, a termination); repeat for several.
    #[arg(long, value_name = "TEXT")]
    pub reasons: Vec<String>,
    /// The outcome (a conclusion: positive|negative; a yearly notice:
    /// updated|no_updates|terminated).
    #[arg(long)]
    pub outcome: Option<String>,
    /// The year a yearly notice or a half-year report is for.
    #[arg(long)]
    pub year: Option<i32>,
    /// The half of --year a half-year report is for: 1 (January–June) or 2 (July–December).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub half: Option<u8>,
    /// A scanned letter or act, a file of the deposit (relative to its folder).
    #[arg(long, value_name = "PATH")]
    pub document: Option<String>,
    /// Free text.
    #[arg(long)]
    pub note: Option<String>,
    /// Who did it or signed it.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// The authorized body was notified (access granted, O146-10).
    #[arg(long)]
    pub authorized_body_notified: bool,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let cat = ctx.open()?;
    let entry = crate::records::journal::NewEntry {
        deposit: None,
        kind: a.kind.clone(),
        date: Some(a.date),
        number: a.number.clone(),
        reasons: a.reasons.clone(),
        authorized_body_notified: a.authorized_body_notified.then_some(true),
        year: a.year,
        half: a.half,
        outcome: a.outcome.clone(),
        by: a.by.clone(),
        to: a.to.clone(),
        document: a.document.clone(),
        sha256: None,
        note: a.note.clone(),
    };
    match crate::record::record(&cat, &a.target, entry) {
        Ok(r) => {
            ctx.emit(&r, |out| {
                let args = args! { "journal" => r.journal.as_str(), "line" => r.line.to_string() };
                writeln!(out, "{}\n{}", t("record-done", args), crate::names::printable(&r.entry))?;
                for w in &r.warnings {
                    super::report::write_finding(out, w, lang)?;
                }
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Err(Refused::Target(m)) => Err(m.text(lang)),
        Err(Refused::Cannot(e)) => Err(e),
        Err(Refused::Findings(found)) => {
            ctx.emit(&serde_json::json!({"recorded": false, "findings": found}), |_| {
                let mut err = anstream::stderr();
                for f in &found {
                    let _ = super::report::write_finding(&mut err, f, lang);
                }
                let _ = writeln!(err, "{}", t("record-nothing", args! {}));
                Ok(())
            })?;
            Ok(ExitCode::from(1))
        }
    }
}
