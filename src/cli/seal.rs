//! `qoima seal`: seal accepted deposits (manifest, seal.yaml, the depository number, the
//! register line and the journal's event), one, several or all unsealed; or put seals made
//! before the register existed into it. Exit 1 when any deposit was refused.

use std::io::Write;
use std::process::ExitCode;

use super::output::{Ctx, failed_if, sealer};
use crate::args;
use crate::messages::Msg;
use crate::seal::Sealed;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The deposits, as SYSTEM/VERSION.
    #[arg(value_name = "SYSTEM/VERSION", required_unless_present = "all")]
    pub deposits: Vec<String>,
    /// Seal every deposit that is not sealed yet; those with errors are listed and left
    /// (exit 1). The records stay locked until all are sealed.
    #[arg(long, conflicts_with = "deposits")]
    pub all: bool,
    /// Who seals (recorded in seal.yaml and the register, for ever).
    #[arg(long, env = "QOIMA_OPERATOR", value_name = "NAME")]
    pub by: Option<String>,
    /// Put a seal made before the register existed into the register, after checking every
    /// file against its manifest; nothing in the deposit is written.
    #[arg(long)]
    pub register_existing: bool,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    let (t, lang, today) = (ctx.tr(), ctx.lang, ctx.today);
    let cat = ctx.open()?;
    // Registering an existing seal keeps who sealed it, as its seal.yaml says.
    let by = match sealer(&a.by, &cat) {
        Some(b) => b,
        None if a.register_existing => String::new(),
        None => return Err(t("seal-who", args! {})),
    };
    let keys: Vec<String> = if a.all {
        let unsealed =
            cat.archive.deposits().map(|(_, d)| d).filter(|d| d.sealed.as_ref().is_none_or(|x| x.seal.is_none()));
        unsealed.map(|d| d.key()).collect()
    } else {
        a.deposits.iter().map(|k| k.trim_end_matches('/').to_string()).collect()
    };
    let bar = ctx.bytes_bar(&t("progress-hash", args! {})).0;
    let size_of = |key: &str| crate::seal::find(&cat, key).map_or(0, |d| d.files.iter().map(|f| f.size).sum::<u64>());
    bar.set_length(keys.iter().map(|k| size_of(k)).sum());
    let tick = |n: u64| bar.inc(n);
    let mut results: Vec<(String, Result<Sealed, Msg>)> = Vec::new();
    let what = if a.register_existing { "registering seals" } else { "sealing" };
    if keys.len() == 1 && !a.register_existing {
        // One deposit: hashed before the lock is taken, so others wait only for the writes.
        let prepared = crate::seal::prepare(&cat, &keys[0], &tick).map_err(|e| e.text(lang))?;
        let mut sealer =
            crate::seal::Sealer::new(&cat, &by, today, &format!("{what} {}", keys[0])).map_err(|e| e.text(lang))?;
        let r = sealer.seal(prepared);
        sealer.finish();
        results.push((keys[0].clone(), r));
    } else if !keys.is_empty() {
        let mut sealer = crate::seal::Sealer::new(&cat, &by, today, what).map_err(|e| e.text(lang))?;
        for key in &keys {
            let r = if a.register_existing {
                sealer.register_existing(key, &tick)
            } else {
                crate::seal::prepare(&cat, key, &tick).and_then(|p| sealer.seal(p))
            };
            results.push((key.clone(), r));
        }
        sealer.finish();
    }
    bar.finish_and_clear();
    let one = keys.len() == 1 && !a.all;
    if let (true, [(_, Err(e))]) = (one, &results[..]) {
        return Err(e.text(lang));
    }
    let refused = results.iter().filter(|(_, r)| r.is_err()).count();
    let mut err = anstream::stderr();
    for (key, r) in &results {
        if let Err(e) = r {
            let args = args! { "key" => key.as_str(), "error" => crate::names::printable_lines(&e.text(lang)) };
            let _ = writeln!(err, "{}", t("seal-refused", args));
        }
    }
    let sealed: Vec<&Sealed> = results.iter().filter_map(|(_, r)| r.as_ref().ok()).collect();
    let value = if one {
        serde_json::to_value(sealed[0]).map_err(|e| e.to_string())?
    } else {
        let refused: Vec<serde_json::Value> = results
            .iter()
            .filter_map(|(k, r)| r.as_ref().err().map(|e| serde_json::json!({"deposit": k, "error": e.en()})))
            .collect();
        serde_json::json!({"sealed": sealed, "refused": refused})
    };
    ctx.emit(&value, |out| {
        for sealed in &sealed {
            let args = args! {
                "action" => sealed.action,
                "deposit" => sealed.deposit.as_str(),
                "number" => sealed.number.as_str(),
                "files" => sealed.files,
                "bytes" => sealed.bytes.to_string(),
                "line" => sealed.register_line.to_string(),
            };
            writeln!(out, "{}", t("seal-done", args))?;
            let dir = sealed.manifest.trim_end_matches(crate::records::seal::MANIFEST).trim_end_matches('/');
            let args = args! { "dir" => dir, "manifest" => crate::records::seal::MANIFEST };
            writeln!(out, "{}", t("seal-verify-hint", args))?;
            if let Some(j) = &sealed.journal {
                writeln!(out, "{}", t("seal-journal", args! { "journal" => j.as_str() }))?;
            }
        }
        if !one {
            let args = args! { "sealed" => sealed.len(), "refused" => refused };
            writeln!(out, "{}", t("seal-count", args))?;
        }
        Ok(())
    })?;
    Ok(failed_if(refused > 0))
}
