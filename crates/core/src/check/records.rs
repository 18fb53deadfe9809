//! The records against the archive: what the depository register, the journals and the fixity
//! log say was sealed is what the archive holds (D1124-7, D1124-41, D1124-47), every file the
//! depository added to a sealed deposit is in its journal, and every sealed deposit has a
//! verified second copy (D1124-31).
//!
//! These rules read the register and the log as [`crate::records`] read them, and the archive
//! as loaded; the only bytes they read themselves are those of files under `conclusions/`
//! (small, and few).

use std::collections::HashMap;

use super::Context;
use crate::finding::{Finding, Severity};
use crate::messages::Args;
use crate::model::{Archive, Deposit, System};
use crate::records::fixity_log::{LOG, Log};
use crate::records::register::{REGISTER, Register, short};
use crate::rulebook::{Role, Rulebooks};
use crate::yaml::Pos;

/// The records the rules across the archive read.
pub struct Records<'a> {
    /// The depository register as read.
    pub register: &'a Register,
    /// The fixity log as read.
    pub fixity: &'a Log,
    /// The site's journal (the depository's own events).
    pub site_journal: &'a crate::records::journal::Journal,
    /// The replica's site root as site.toml names it, if it does.
    pub replica: Option<&'a str>,
}

fn line(n: u32) -> Pos {
    Pos::new(n, 1)
}

/// Every rule about the register and the fixity log against the archive.
pub fn across_archive(archive: &Archive, records: &Records, rulebooks: &Rulebooks) -> Vec<Finding> {
    let mut out: Vec<Finding> = records.register.findings.clone();
    out.extend(records.fixity.findings.iter().cloned());
    let deposits: HashMap<String, &Deposit> = archive.deposits().map(|(_, d)| (d.key(), d)).collect();
    let numbered: Vec<&str> = rulebooks.kinds_with_role(Role::DepositoryNumber).collect();
    // Where to restore from: the messages' `copy` and `replica` arguments.
    let restore = |mut args: Args| {
        let (copy, replica) = match records.replica {
            Some(r) => ("replica", r),
            None => ("none", ""),
        };
        args.insert("copy".into(), copy.into());
        args.insert("replica".into(), replica.into());
        args
    };
    let error = |path: String, id: &str, args: Args| Finding::with_id(Severity::Error, "D1124-7", path, id, args);
    let mut registered: foldhash::HashSet<&str> = foldhash::HashSet::default();
    for e in &records.register.entries {
        registered.insert(e.deposit.as_str());
        let at = line(e.line);
        let Some(d) = deposits.get(&e.deposit) else {
            let args = crate::args! { "deposit" => e.deposit.as_str(), "number" => e.number.as_str(), "date" => e.date.to_string() };
            out.push(
                Finding::with_id(Severity::Error, "D1124-47", REGISTER, "register-deposit-gone", restore(args)).at(at),
            );
            continue;
        };
        let in_deposit = |f: Finding| f.in_deposit(&e.deposit);
        let sealed = d.sealed.clone().unwrap_or_default();
        for (name, got, want) in [
            (crate::records::seal::SEAL, &sealed.seal, &e.seal_sha256),
            (crate::records::seal::MANIFEST, &sealed.manifest, &e.manifest_sha256),
        ] {
            let path = format!("{}/{name}", d.dir);
            match got {
                Some(h) if h == want => {}
                Some(h) => {
                    let (got, want) = (short(h), short(want));
                    let args = crate::args! { "name" => name, "number" => e.number.as_str(), "register" => REGISTER, "line" => e.line.to_string(), "got" => got, "want" => want };
                    out.push(in_deposit(error(path, "register-seal-differs", restore(args))));
                }
                None => {
                    let args = crate::args! { "name" => name, "number" => e.number.as_str(), "register" => REGISTER, "line" => e.line.to_string() };
                    out.push(in_deposit(error(path, "register-seal-missing", restore(args))));
                }
            }
        }
        if let Some(doc) = &d.doc {
            let numbers: Vec<&crate::meta::Event> =
                doc.events.iter().filter(|ev| numbered.contains(&ev.kind.value.as_str())).collect();
            if !numbers.iter().any(|ev| ev.number.as_ref().is_some_and(|n| n.value == e.number)) {
                let other = numbers.iter().find_map(|ev| ev.number.as_ref());
                let at = crate::args! { "number" => e.number.as_str(), "register" => REGISTER, "line" => e.line.to_string() };
                let (id, args) = match other {
                    Some(n) => ("register-number-differs", crate::args! { "event" => n.value.as_str() }),
                    None => (
                        "register-number-unrecorded",
                        crate::args! { "date" => e.date.to_string(), "deposit" => e.deposit.as_str() },
                    ),
                };
                let args = at.into_iter().chain(args).collect();
                let pos = other.map(|n| n.pos).unwrap_or_default();
                out.push(in_deposit(Finding::with_id(Severity::Error, "D1124-41", d.yaml_path(), id, args).at(pos)));
            }
        }
    }
    let mut sealed_any = false;
    for s in &archive.systems {
        for d in &s.deposits {
            if d.sealed.as_ref().is_none_or(|x| x.seal.is_none()) {
                continue;
            }
            sealed_any = true;
            let key = d.key();
            if !registered.contains(key.as_str()) {
                let args = restore(crate::args! { "register" => REGISTER, "deposit" => key.as_str() });
                let path = format!("{}/{}", d.dir, crate::records::seal::SEAL);
                out.push(
                    Finding::with_id(Severity::Error, "D1124-41", path, "register-seal-unregistered", args)
                        .in_deposit(&key),
                );
            } else if records.replica.is_some() && d.copy_permitted() {
                let want = records.register.of(&key).map(|e| e.seal_sha256.as_str());
                let verified = records
                    .fixity
                    .replicated(d)
                    .is_some_and(|r| r.outcome == "success" && r.seal_sha256.as_deref() == want);
                if !verified {
                    let args = crate::args! {};
                    out.push(
                        Finding::with_id(Severity::Warning, "D1124-31", d.dir.clone(), "replica-not-verified", args)
                            .in_deposit(&key),
                    );
                }
            }
        }
    }
    if records.replica.is_none() && (sealed_any || !records.register.entries.is_empty()) {
        let args = crate::args! {};
        out.push(Finding::with_id(Severity::Warning, "D1124-31", crate::site::SITE_FILE, "replica-none", args));
    }
    out.extend(witnesses(archive, records));
    out
}

/// The heads each fixity log entry saw must still be in the register and the journals: a head
/// that is gone means the chain was rewritten after that check. One finding per chain, at the
/// latest entry that proves it.
fn witnesses(archive: &Archive, records: &Records) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut register_gone: Option<(usize, u32)> = None;
    let mut journals_gone: std::collections::BTreeMap<&str, (usize, u32)> = Default::default();
    for (i, (e, n)) in records.fixity.events.iter().zip(&records.fixity.lines).enumerate() {
        if let Some(h) = &e.register_head
            && !records.register.links.contains(h)
        {
            register_gone = Some((i, *n));
        }
        let system = e.deposit.split_once('/').map(|(s, _)| s).unwrap_or(&e.deposit);
        if let (Some(h), Some(s)) = (&e.journal_head, archive.system(system))
            && !s.journal.links.contains(h)
        {
            journals_gone.insert(&s.id, (i, *n));
        }
    }
    // `chain` is "register" or "journal", `record` the register's file or the system.
    let gone = |(i, n): (usize, u32), chain: &str, record: &str, head: Option<&String>| {
        let e = &records.fixity.events[i];
        let head = short(head.map(String::as_str).unwrap_or_default());
        let args = crate::args! {
            "chain" => chain, "record" => record, "deposit" => e.deposit.as_str(), "date" => e.date.to_string(), "head" => head
        };
        Finding::with_id(Severity::Error, "D1124-41", LOG, "fixity-chain-rewritten", args).at(line(n))
    };
    if let Some(at) = register_gone {
        let head = records.fixity.events[at.0].register_head.as_ref();
        out.push(gone(at, "register", REGISTER, head));
    }
    for (system, at) in journals_gone {
        let head = records.fixity.events[at.0].journal_head.as_ref();
        out.push(gone(at, "journal", system, head).in_system(system));
    }
    out
}

/// Every file under `conclusions/` of a deposit must be recorded in the system's journal with
/// its SHA-256 (`qoima examine` does it); anything else was put there by hand and is never
/// packaged or shown.
pub fn added_files(system: &System, deposit: &Deposit, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let prefix = format!("{}/", crate::records::CONCLUSIONS);
    for f in deposit.files.iter().filter(|f| f.path.starts_with(&prefix)) {
        let path = format!("{}/{}", deposit.dir, f.path);
        if f.kind != crate::model::FileKind::Regular {
            continue;
        }
        let recorded = recorded_sha256(system, &deposit.version, &f.path);
        let Some(want) = recorded else {
            let args = crate::args! { "journal" => system.journal_path() };
            out.push(Finding::with_id(Severity::Error, "D1124-7", path, "conclusion-unrecorded", args));
            continue;
        };
        match crate::hash::hash_file(&ctx.root.join(&path)) {
            Ok(h) if crate::hash::hex(&h) == want => {}
            Ok(_) => {
                out.push(Finding::with_id(Severity::Error, "D1124-7", path, "conclusion-changed", crate::args! {}))
            }
            Err(e) => {
                let args = crate::args! { "error" => crate::messages::io(&e) };
                out.push(Finding::with_id(Severity::Error, crate::finding::house::IO, path, "file-unreadable", args));
            }
        }
    }
    out
}

pub use crate::records::conclusion::recorded_sha256;
