//! `qoima record`: appends what happened after a deposit was sealed — the certificate, a
//! yearly notice, a decommissioning, the hand-over, the transfer to the archive — to the
//! system's journal ([`crate::records::journal`]).
//!
//! The entry is checked exactly as `check` checks the events of deposit.yaml and system.yaml
//! (the kinds of the rulebook, their particulars, their order, dates not in the future) before
//! anything is written, and is refused, with the rule and what to do, when that finds an error;
//! warnings (a late event) are told and the entry is written. It is appended under the
//! records' lock, chained to the last entry, and the file is replaced whole, so a crash leaves
//! the journal with or without it. No line is ever rewritten.

use crate::catalog::Catalog;
use crate::finding::{Finding, Severity, house};
use crate::model::System;
use crate::records::journal::{self, FILE_RECORDED, NewEntry};
use crate::rulebook::{Level, Role};

/// What `record` wrote.
#[derive(Debug, serde::Serialize)]
pub struct Recorded {
    /// The journal, relative to the site root.
    pub journal: String,
    /// Its 1-based line.
    pub line: u32,
    /// The line written.
    pub entry: String,
    /// Warnings about the entry (a deadline it meets late).
    pub warnings: Vec<Finding>,
}

/// Why `record` wrote nothing: the findings about the entry (exit 1), or why it could not run.
#[derive(Debug)]
pub enum Refused {
    /// The entry breaks a rule.
    Findings(Vec<Finding>),
    /// The target is unknown or its metadata cannot be read: a message to say in the
    /// operator's language.
    Target(crate::messages::Msg),
    /// The records are locked, a file cannot be written.
    Cannot(String),
}

/// A target that cannot be recorded for: message `id` with `args`.
fn no_target(id: &'static str, args: crate::messages::Args) -> Refused {
    Refused::Target(crate::messages::Msg::new(id, args))
}

fn refuse(rule: &str, path: &str, id: &str, args: crate::messages::Args) -> Refused {
    Refused::Findings(vec![Finding::with_id(Severity::Error, rule, path, id, args)])
}

/// Records an event of the depository itself (the operator's half-year report, O146-13) in
/// the site's journal beside site.toml, checked as `check` checks that journal.
fn record_site(cat: &Catalog, entry: NewEntry) -> Result<Recorded, Refused> {
    let rel = journal::JOURNAL.to_string();
    let kind = entry.kind.as_str();
    if !cat.rulebooks.books.iter().any(|b| b.event(kind, Level::Site).is_some()) {
        let known: Vec<&str> = cat
            .rulebooks
            .books
            .iter()
            .flat_map(|b| b.events.iter().filter(|e| e.level == Level::Site))
            .map(|e| e.kind.as_str())
            .collect();
        let mut args = crate::suggest::hint(kind, known.iter().copied());
        args.insert("kind".into(), kind.into());
        args.insert("known".into(), known.join(", ").into());
        return Err(refuse(house::EVENT, &rel, "record-not-site-event", args));
    }
    let lock =
        crate::records::register::lock(&cat.root, &format!("recording in {rel}"), std::time::Duration::from_secs(60))
            .map_err(|e| Refused::Cannot(e.text(crate::messages::operator())))?;
    let mut text = journal::current_text(&cat.root).map_err(|e| Refused::Cannot(e.into()))?;
    if text.is_empty() {
        text = journal::SITE_HEADER.to_string();
    }
    let (new_text, line, n) = journal::with_entry(&text, &entry);
    let parsed = journal::Journal::parse(&new_text, &rel);
    let about_entry: Vec<Finding> =
        cat.check_site_journal(&parsed).into_iter().filter(|f| f.path == rel && f.line == Some(n)).collect();
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) =
        about_entry.into_iter().filter(|f| f.severity != Severity::Info).partition(|f| f.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(Refused::Findings(errors));
    }
    journal::write(&cat.root, &new_text)
        .map_err(|e| Refused::Cannot(crate::messages::path_io(&rel, &e).text(crate::messages::operator())))?;
    drop(lock);
    Ok(Recorded { journal: rel, line: n, entry: line, warnings })
}

/// Records `entry` about `target` (`SYSTEM` or `SYSTEM/VERSION`) in a catalog opened as of
/// today.
pub fn record(cat: &Catalog, target: &str, mut entry: NewEntry) -> Result<Recorded, Refused> {
    if target == "." {
        return record_site(cat, entry);
    }
    let target = target.trim_end_matches('/');
    let (system_id, version) = match target.split_once('/') {
        Some((s, v)) => (s, Some(v)),
        None => (target, None),
    };
    let system = cat.archive.system(system_id).ok_or_else(|| {
        let archive = cat.site.site.archive.as_str();
        no_target("record-no-system", crate::args! { "system" => system_id, "archive" => archive })
    })?;
    let journal_rel = system.journal_path();
    if let Some(v) = version {
        let Some(d) = system.deposits.iter().find(|d| d.version == v) else {
            return Err(no_target(
                "record-no-deposit",
                crate::args! { "deposit" => target, "archive" => cat.site.site.archive.as_str() },
            ));
        };
        if d.doc.is_none() {
            return Err(no_target("record-deposit-unreadable", crate::args! { "deposit" => target }));
        }
    } else if system.doc.is_none() {
        return Err(no_target("record-system-unreadable", crate::args! { "system" => system_id }));
    }
    entry.deposit = version.map(str::to_string);
    let kind = entry.kind.as_str();
    if kind == FILE_RECORDED {
        return Err(refuse(
            house::EVENT,
            &journal_rel,
            "record-file-recorded",
            crate::args! { "kind" => FILE_RECORDED },
        ));
    }
    if cat.rulebooks.has_role(kind, Role::DepositoryNumber) {
        return Err(refuse("D1124-41", &journal_rel, "record-by-seal", crate::args! { "kind" => kind }));
    }
    let level = if version.is_some() { Level::Deposit } else { Level::System };
    if !cat.rulebooks.books.iter().any(|b| b.event(kind, level).is_some()) {
        let known: std::collections::BTreeSet<&str> = cat
            .rulebooks
            .books
            .iter()
            .flat_map(|b| b.events.iter().filter(|e| e.level == level))
            .map(|e| e.kind.as_str())
            .filter(|k| !cat.rulebooks.has_role(k, Role::DepositoryNumber))
            .collect();
        let other_level = if level == Level::Deposit { Level::System } else { Level::Deposit };
        let elsewhere = cat.rulebooks.books.iter().any(|b| b.event(kind, other_level).is_some());
        let other = match level {
            _ if !elsewhere => "none",
            Level::Deposit => "system",
            Level::System | Level::Site => "deposit",
        };
        let mut args = crate::suggest::hint(kind, known.iter().copied());
        args.insert("kind".into(), kind.into());
        args.insert("elsewhere".into(), other.into());
        args.insert("known".into(), known.into_iter().collect::<Vec<_>>().join(", ").into());
        return Err(refuse(house::EVENT, &journal_rel, "record-unknown-kind", args));
    }
    let lock = crate::records::register::lock(
        &cat.root,
        &format!("recording in {journal_rel}"),
        std::time::Duration::from_secs(60),
    )
    .map_err(|e| Refused::Cannot(e.text(crate::messages::operator())))?;
    let system_abs = cat.root.join(&system.dir);
    let text = journal::current_text(&system_abs).map_err(|e| Refused::Cannot(e.into()))?;
    let (new_text, line, n) = journal::with_entry(&text, &entry);
    let parsed = journal::Journal::parse(&new_text, &journal_rel);
    let own: Vec<Finding> = parsed.findings.iter().filter(|f| f.line == Some(n)).cloned().collect();
    if !own.is_empty() {
        return Err(Refused::Findings(own));
    }
    let Some(event) = parsed.entries.last().cloned() else {
        return Err(Refused::Cannot("the entry could not be read back".to_string()));
    };
    let mut candidate: System = system.clone();
    match version {
        Some(v) => {
            if let Some(doc) = candidate.deposits.iter_mut().find(|d| d.version == v).and_then(|d| d.doc.as_mut()) {
                doc.events.push(event);
            }
        }
        None => {
            if let Some(doc) = candidate.doc.as_mut() {
                doc.events.push(event);
            }
        }
    }
    let about_entry: Vec<Finding> = cat
        .check_system(&candidate)
        .findings
        .into_iter()
        .filter(|f| f.path == journal_rel && f.line == Some(n))
        .collect();
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) =
        about_entry.into_iter().filter(|f| f.severity != Severity::Info).partition(|f| f.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(Refused::Findings(errors));
    }
    journal::write(&system_abs, &new_text)
        .map_err(|e| Refused::Cannot(crate::messages::path_io(&journal_rel, &e).text(crate::messages::operator())))?;
    drop(lock);
    Ok(Recorded { journal: journal_rel, line: n, entry: line, warnings })
}
