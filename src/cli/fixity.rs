//! `qoima fixity`: re-hash sealed deposits in full, log each outcome in fixity-log.jsonl
//! (D1124-53), name every file that differs and, with --repair, restore it from a copy that
//! still matches. Exit 1 when any deposit differs or the records disagree with the replica's.

use std::process::ExitCode;

use super::output::{Ctx, agent_of, failed_if};
use crate::args;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Check only this share of the sealed deposits, those checked longest ago first.
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(1..=100))]
    pub sample: Option<u8>,
    /// Check only deposits not checked within this many days.
    #[arg(long, value_name = "DAYS")]
    pub older_than: Option<u32>,
    /// Who runs the check (recorded as the agent).
    #[arg(long, env = "QOIMA_OPERATOR", value_name = "NAME")]
    pub by: Option<String>,
    /// Replace a file that fails its hash from the copy (original or replica) whose bytes
    /// still match the manifest; a file no copy matches is reported as a loss, untouched.
    #[arg(long)]
    pub repair: bool,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let cat = ctx.open()?;
    let agent = agent_of(&a.by);
    let select = crate::fixity::Selection { older_than_days: a.older_than, sample_percent: a.sample };
    let bar = ctx.bytes_bar("").0;
    let tick = |done: u64, total: u64, key: &str| {
        bar.set_length(total);
        bar.set_position(done);
        bar.set_message(key.to_string());
    };
    let records = crate::fixity::records_against_replica(&cat);
    let events = crate::fixity::run(&cat, &agent, &select, a.repair, &tick)?;
    bar.finish_and_clear();
    let failed = events.iter().filter(|e| e.outcome == "failure").count();
    let value = serde_json::json!({
        "events": events, "failed": failed, "records": records.iter().map(|r| r.en()).collect::<Vec<_>>()
    });
    ctx.emit(&value, |out| {
        for e in &events {
            let args = args! {
                "date" => e.date.to_string(),
                "deposit" => e.deposit.as_str(),
                "number" => e.number.as_str(),
                "outcome" => e.outcome.as_str(),
                "files" => e.files,
                "bytes" => e.bytes.to_string(),
            };
            writeln!(out, "{}", t("fixity-deposit", args))?;
            for d in &e.details {
                writeln!(out, "  {}", crate::names::printable(&crate::fixity::say_in(d, lang)))?;
            }
        }
        let args = args! {
            "deposits" => events.len(),
            "failed" => failed,
            "log" => crate::records::fixity_log::LOG,
            "head" => cat.register.head.to_string(),
        };
        writeln!(out, "{}", t("fixity-summary", args))?;
        for r in &records {
            writeln!(out, "{}", crate::names::printable(&r.text(lang)))?;
        }
        Ok(())
    })?;
    Ok(failed_if(failed > 0 || !records.is_empty()))
}
