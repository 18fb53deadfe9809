//! `qoima workdays`: count Kazakh working days (weekends, public holidays, moved days off,
//! yearly transfers) with the site's calendar, or the shipped one outside a site root; warns
//! when an answer reaches a year the calendar does not cover.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Subcommand;

use super::output::Ctx;
use super::parse_date;
use crate::args;
use crate::calendar::Calendar;
use crate::catalog;

#[derive(Subcommand, Debug)]
pub enum Workdays {
    /// Print the date N working days after DATE (DATE itself does not count).
    Add {
        #[arg(value_parser = parse_date)]
        date: NaiveDate,
        n: u32,
    },
    /// Print how many working days lie after A up to and including B.
    Between {
        #[arg(value_parser = parse_date)]
        a: NaiveDate,
        #[arg(value_parser = parse_date)]
        b: NaiveDate,
    },
}

pub(super) fn run(ctx: &mut Ctx, w: &Workdays) -> Result<ExitCode, String> {
    let t = ctx.tr();
    let calendar = match catalog::setup(&ctx.g.root) {
        Ok(setup) => setup.calendar,
        // Outside a site root the shipped calendar answers.
        Err(_) if !ctx.g.root.join(crate::site::SITE_FILE).exists() => Calendar::builtin(),
        Err(e) => {
            ctx.say("prefix-error", &e.text(ctx.lang));
            return Ok(ExitCode::from(2));
        }
    };
    let (answer, uncovered) = match w {
        Workdays::Add { date, n } => {
            let d = calendar.add_working_days(*date, *n);
            (serde_json::json!(d.to_string()), calendar.uncovered_years(*date, d))
        }
        Workdays::Between { a, b } => {
            (serde_json::json!(calendar.working_days_between(*a, *b)), calendar.uncovered_years(*a, *b))
        }
    };
    let known = calendar.known_years();
    let warnings: Vec<String> = uncovered
        .iter()
        .map(|y| {
            let args = args! {
                "year" => y.to_string(), "first" => known.start().to_string(), "last" => known.end().to_string(),
            };
            t("workdays-outside", args)
        })
        .collect();
    ctx.emit(&serde_json::json!({ "result": answer, "warnings": warnings }), |out| {
        match &answer {
            serde_json::Value::String(s) => writeln!(out, "{s}")?,
            other => writeln!(out, "{other}")?,
        }
        let mut err = anstream::stderr();
        let s = anstyle::AnsiColor::Yellow.on_default().bold();
        for w in &warnings {
            writeln!(err, "{s}warning{s:#}: {w}")?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
