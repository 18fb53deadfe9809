//! Lifecycle events: known kinds, their particulars, dates in order, and their deadlines.

use super::Context;
use super::deadlines::{self, DeadlineStatus, Owner};
use crate::finding::{Finding, Severity, house};
use crate::meta::{DepositDoc, Event, SystemDoc};
use crate::model::{Deposit, System};
use crate::rulebook::{EventKind, Level, Rulebook};

/// Checks the events of a deposit under its rulebook and evaluates its deadlines.
pub(super) fn deposit_events(
    system: &System,
    deposit: &Deposit,
    doc: &DepositDoc,
    book: &Rulebook,
    ctx: &Context,
) -> (Vec<Finding>, Vec<DeadlineStatus>) {
    let path = deposit.yaml_path();
    let mut out = Vec::new();
    for ev in &doc.events {
        if journal_fields(ev, &path, &mut out) {
            continue;
        }
        match book.event(&ev.kind.value, Level::Deposit) {
            Some(def) => {
                out.extend(particulars(ev, def, &path, Some(deposit)));
                out.extend(
                    meant(ev, def, &[book], Level::Deposit).into_iter().flat_map(|d| particulars(ev, d, &path, None)),
                );
            }
            None => out.push(unknown_kind(ev, book, Level::Deposit, &path, ctx)),
        }
        out.extend(future(ev, &path, ctx));
    }
    for (what, d) in [("application", Some(&doc.date)), ("release", doc.release_date.as_ref())] {
        if let Some(d) = d
            && d.value > ctx.today
        {
            let args =
                crate::args! { "field" => what, "date" => d.value.to_string(), "today" => ctx.today.to_string() };
            out.push(Finding::with_id(Severity::Error, house::EVENT, &path, "deposit-date-future", args).at(d.pos));
        }
    }
    let events = with_meanings(happened(&doc.events, ctx), &[book], Level::Deposit);
    out.extend(ordering(book, &events, Level::Deposit, &path));
    out.extend(anchors(book, &events, &doc.date, &path));
    let owner = Owner { system: &system.id, deposit: Some(deposit.key()), path: &path };
    let mut statuses = Vec::new();
    for def in book.deadlines.iter().filter(|d| d.level == Level::Deposit) {
        statuses.extend(deadlines::evaluate(def, book, &events, &owner, ctx));
    }
    out.extend(statuses.iter().filter_map(|d| deadlines::findings(d, None, ctx.today)));
    (out, statuses)
}

/// Checks the register events of a system (system.yaml) against every rulebook that defines
/// them, and evaluates the register deadlines and yearly duties.
pub(super) fn system_events(system: &System, doc: &SystemDoc, ctx: &Context) -> (Vec<Finding>, Vec<DeadlineStatus>) {
    let path = system.yaml_path();
    let mut out = Vec::new();
    for ev in &doc.events {
        if journal_fields(ev, &path, &mut out) {
            continue;
        }
        let def = ctx.rulebooks.books.iter().find_map(|b| b.event(&ev.kind.value, Level::System));
        let books: Vec<&Rulebook> = ctx.rulebooks.books.iter().collect();
        match def {
            Some(def) => {
                out.extend(particulars(ev, def, &path, None));
                out.extend(
                    meant(ev, def, &books, Level::System).into_iter().flat_map(|d| particulars(ev, d, &path, None)),
                );
            }
            None => {
                let first = ctx.rulebooks.books.first();
                if let Some(book) = first {
                    out.push(unknown_kind(ev, book, Level::System, &path, ctx));
                }
            }
        }
        out.extend(future(ev, &path, ctx));
    }
    let books: Vec<&Rulebook> = ctx.rulebooks.books.iter().collect();
    let events = with_meanings(happened(&doc.events, ctx), &books, Level::System);
    let state_funded = doc.funding.iter().any(|f| !f.value.is_private());
    let all_events: Vec<&Event> = events
        .iter()
        .chain(system.deposits.iter().flat_map(|d| d.events().iter()))
        .filter(|e| e.date.value <= ctx.today)
        .collect();
    let owner = Owner { system: &system.id, deposit: None, path: &path };
    let mut statuses = Vec::new();
    for book in &ctx.rulebooks.books {
        let uses = doc.events.iter().any(|e| book.event(&e.kind.value, Level::System).is_some());
        if !uses {
            continue;
        }
        out.extend(ordering(book, &events, Level::System, &path));
        for def in book.deadlines.iter().filter(|d| d.level == Level::System) {
            let s = deadlines::evaluate(def, book, &events, &owner, ctx);
            out.extend(s.iter().filter_map(|d| deadlines::findings(d, None, ctx.today)));
            statuses.extend(s);
        }
        for y in &book.yearly {
            let s = deadlines::evaluate_yearly(y, book, &events, &all_events, &owner, state_funded, ctx);
            out.extend(s.iter().filter_map(|d| deadlines::findings(d, Some(y), ctx.today)));
            statuses.extend(s);
        }
    }
    (out, statuses)
}

/// Checks the entries of the site's journal (the depository's own events, such as the
/// half-year report of O146-13): known kinds of the depository, their particulars, dates not in
/// the future.
pub(super) fn site_events(journal: &crate::records::journal::Journal, path: &str, ctx: &Context) -> Vec<Finding> {
    let mut out = journal.findings.clone();
    for ev in &journal.entries {
        if ev.deposit.is_some() {
            let f =
                Finding::with_id(Severity::Error, house::EVENT, path, "site-journal-deposit-entry", crate::args! {});
            out.push(f.at(ev.kind.pos));
            continue;
        }
        match ctx.rulebooks.books.iter().find_map(|b| b.event(&ev.kind.value, Level::Site)) {
            Some(def) => out.extend(particulars(ev, def, path, None)),
            None => {
                if let Some(book) = ctx.rulebooks.books.first() {
                    out.push(unknown_kind(ev, book, Level::Site, path, ctx));
                }
            }
        }
        out.extend(future(ev, path, ctx));
    }
    out
}

/// The events that have happened: one dated after today is reported as such (its date is
/// wrong), and its order and deadlines are not judged by that date as well — one finding per
/// fault. Borrowed when, as almost always, none is in the future.
fn happened<'e>(events: &'e [Event], ctx: &Context) -> std::borrow::Cow<'e, [Event]> {
    if events.iter().all(|e| e.date.value <= ctx.today) {
        std::borrow::Cow::Borrowed(events)
    } else {
        std::borrow::Cow::Owned(events.iter().filter(|e| e.date.value <= ctx.today).cloned().collect())
    }
}

/// The kinds an event counts as besides its own, by its outcome (`outcome_means`).
fn meant<'b>(ev: &Event, def: &EventKind, books: &[&'b Rulebook], level: Level) -> Option<&'b EventKind> {
    let kind = ev.outcome.as_ref().and_then(|o| def.outcome_means.get(&o.value))?;
    books.iter().find_map(|b| b.event(kind, level))
}

/// The events, with one more for each event whose outcome makes it count as another kind
/// (dated and placed as the event itself): a yearly notice of termination stops the yearly
/// duties and starts the clocks of a termination notice (D1124-24, D1124-27).
fn with_meanings<'e>(
    events: std::borrow::Cow<'e, [Event]>,
    books: &[&Rulebook],
    level: Level,
) -> std::borrow::Cow<'e, [Event]> {
    let also: Vec<Event> = events
        .iter()
        .filter_map(|ev| {
            let outcome = ev.outcome.as_ref()?;
            let def = books.iter().find_map(|b| b.event(&ev.kind.value, level))?;
            let kind = def.outcome_means.get(&outcome.value)?;
            let mut copy = ev.clone();
            copy.kind.value = kind.clone();
            Some(copy)
        })
        .collect();
    if also.is_empty() {
        return events;
    }
    let mut all = events.into_owned();
    all.extend(also);
    std::borrow::Cow::Owned(all)
}

/// The anchors of `not_before` that a deposit must have (O146-6: no accounting before
/// commissioning), and the application date, which may not precede them either.
fn anchors(book: &Rulebook, events: &[Event], date: &crate::yaml::At<chrono::NaiveDate>, path: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for nb in &book.not_before {
        match first(events, &nb.anchor) {
            None if nb.required => {
                let args = crate::args! { "anchor" => nb.anchor.as_str(), "reason" => &nb.message };
                out.push(Finding::with_id(nb.severity, &nb.rule, path, "event-anchor-missing", args).at(date.pos))
            }
            Some(anchor) if date.value < anchor.date.value => {
                let args = crate::args! {
                    "date" => date.value.to_string(), "anchor" => nb.anchor.as_str(),
                    "anchor_date" => anchor.date.value.to_string(), "reason" => &nb.message,
                };
                out.push(Finding::with_id(nb.severity, &nb.rule, path, "deposit-date-before-anchor", args).at(date.pos))
            }
            _ => {}
        }
    }
    out
}

/// The fields of a journal entry where they do not belong (`prev`, `deposit` and `sha256` in
/// deposit.yaml or system.yaml), and `file_recorded` entries, which are no events of a
/// rulebook. True when the event is to be passed by (with a finding in `out` when something is
/// wrong with it).
fn journal_fields(ev: &Event, path: &str, out: &mut Vec<Finding>) -> bool {
    use crate::records::journal::FILE_RECORDED;
    if !ev.from_journal() {
        let stray = [("prev", &ev.prev), ("deposit", &ev.deposit), ("sha256", &ev.sha256)]
            .into_iter()
            .find_map(|(name, v)| v.as_ref().map(|v| (name, v.pos)));
        if let Some((name, pos)) = stray {
            let file = path.rsplit('/').next().unwrap_or(path);
            let args = crate::args! { "field" => name, "file" => file };
            out.push(Finding::with_id(Severity::Error, house::EVENT, path, "event-field-of-journal", args).at(pos));
            return true;
        }
        if ev.kind.value == FILE_RECORDED {
            let f =
                Finding::with_id(Severity::Error, house::EVENT, path, "event-file-recorded-by-hand", crate::args! {});
            out.push(f.at(ev.kind.pos));
            return true;
        }
        return false;
    }
    if ev.kind.value != FILE_RECORDED {
        return false;
    }
    if ev.deposit.is_none() || ev.document.is_none() || ev.sha256.is_none() {
        let f =
            Finding::with_id(Severity::Error, house::RECORD, path, "journal-file-recorded-incomplete", crate::args! {});
        out.push(f.at(ev.kind.pos));
    }
    true
}

fn unknown_kind(ev: &Event, book: &Rulebook, level: Level, path: &str, ctx: &Context) -> Finding {
    let kind = &ev.kind.value;
    let elsewhere = ctx.rulebooks.books.iter().find(|b| b.id != book.id && b.event(kind, level).is_some());
    let at_other_level = [Level::Deposit, Level::System, Level::Site]
        .into_iter()
        .filter(|l| *l != level)
        .find(|l| ctx.rulebooks.books.iter().any(|b| b.event(kind, *l).is_some()));
    let (id, args) = if let Some(other) = elsewhere.filter(|_| level == Level::Deposit) {
        let args =
            crate::args! { "kind" => kind.as_str(), "other" => other.id.as_str(), "rulebook" => book.id.as_str() };
        ("event-of-other-rulebook", args)
    } else if let Some(other) = at_other_level {
        let id = match other {
            Level::System => "event-of-system",
            Level::Deposit => "event-of-deposit",
            Level::Site => "event-of-site",
        };
        (id, crate::args! { "kind" => kind.as_str() })
    } else {
        let known: Vec<&str> = match level {
            Level::Deposit => book.events.iter().filter(|e| e.level == level).map(|e| e.kind.as_str()).collect(),
            Level::System | Level::Site => ctx
                .rulebooks
                .books
                .iter()
                .flat_map(|b| b.events.iter().filter(|e| e.level == level).map(|e| e.kind.as_str()))
                .collect(),
        };
        let args = crate::args! { "kind" => kind.as_str(), "known" => known.join(", ") };
        match crate::suggest::closest(kind, known.iter().copied()) {
            Some(s) => {
                ("event-kind-unknown-suggest", args.into_iter().chain(crate::args! { "suggestion" => s }).collect())
            }
            None => ("event-kind-unknown", args),
        }
    };
    Finding::with_id(Severity::Error, house::EVENT, path, id, args).at(ev.kind.pos)
}

fn particulars(ev: &Event, def: &EventKind, path: &str, deposit: Option<&Deposit>) -> Vec<Finding> {
    let mut out = Vec::new();
    let kind = &ev.kind.value;
    for field in &def.requires {
        let has = match field.as_str() {
            "number" => ev.number.as_ref().is_some_and(|n| !n.value.trim().is_empty()),
            "reasons" => ev.reasons.iter().any(|r| !r.value.trim().is_empty()),
            "year" => ev.year.is_some(),
            "half" => ev.half.as_ref().is_some_and(|h| (1..=2).contains(&h.value)),
            "to" => ev.to.as_ref().is_some_and(|n| !n.value.trim().is_empty()),
            "by" => ev.by.as_ref().is_some_and(|n| !n.value.trim().is_empty()),
            "outcome" => ev.outcome.is_some(),
            "document" => ev.document.is_some(),
            _ => true,
        };
        if !has {
            let args = crate::args! { "kind" => kind.as_str(), "field" => field.as_str(), "rule" => def.rule.as_str() };
            out.push(Finding::with_id(Severity::Error, &def.rule, path, "event-field-missing", args).at(ev.kind.pos));
        }
    }
    for flag in &def.must_be_true {
        let value = match flag.as_str() {
            "authorized_body_notified" => ev.authorized_body_notified.as_ref(),
            _ => None,
        };
        if value.is_none_or(|v| !v.value) {
            let pos = value.map(|v| v.pos).unwrap_or(ev.kind.pos);
            let args = crate::args! { "kind" => kind.as_str(), "flag" => flag.as_str(), "rule" => def.rule.as_str() };
            out.push(Finding::with_id(Severity::Error, &def.rule, path, "event-flag-required", args).at(pos));
        }
    }
    if !def.outcomes.is_empty() {
        match &ev.outcome {
            None => {
                let args = crate::args! { "kind" => kind.as_str(), "outcomes" => def.outcomes.join(", ") };
                out.push(
                    Finding::with_id(Severity::Error, &def.rule, path, "event-outcome-missing", args).at(ev.kind.pos),
                )
            }
            Some(o) if !def.outcomes.contains(&o.value) => {
                let args = crate::args! {
                    "outcome" => o.value.as_str(), "kind" => kind.as_str(), "outcomes" => def.outcomes.join(", ")
                };
                out.push(Finding::with_id(Severity::Error, &def.rule, path, "event-outcome-invalid", args).at(o.pos))
            }
            _ => {}
        }
    }
    if let Some(doc_path) = &ev.document
        && let Some(deposit) = deposit
    {
        let want = doc_path.value.trim_start_matches("./");
        if want.split('/').any(|p| p == "..") || want.starts_with('/') {
            let f = Finding::with_id(Severity::Error, house::EVENT, path, "event-document-outside", crate::args! {});
            out.push(f.at(doc_path.pos));
        } else if !deposit.files.iter().any(|f| f.path == want) {
            let args = crate::args! { "document" => doc_path.value.as_str() };
            out.push(
                Finding::with_id(Severity::Warning, house::EVENT, path, "event-document-absent", args).at(doc_path.pos),
            );
        }
    }
    out
}

fn future(ev: &Event, path: &str, ctx: &Context) -> Option<Finding> {
    (ev.date.value > ctx.today).then(|| {
        let args = crate::args! {
            "kind" => ev.kind.value.as_str(), "date" => ev.date.value.to_string(), "today" => ctx.today.to_string()
        };
        Finding::with_id(Severity::Error, house::EVENT, path, "event-in-future", args).at(ev.date.pos)
    })
}

fn first<'a>(events: &'a [Event], kind: &str) -> Option<&'a Event> {
    events.iter().filter(|e| e.kind.value == kind).min_by_key(|e| e.date.value)
}

fn ordering(book: &Rulebook, events: &[Event], level: Level, path: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if level == Level::Deposit {
        for nb in &book.not_before {
            let Some(anchor) = first(events, &nb.anchor) else { continue };
            for ev in events {
                if ev.kind.value == nb.anchor || nb.except.contains(&ev.kind.value) {
                    continue;
                }
                if ev.date.value < anchor.date.value {
                    let args = crate::args! {
                        "kind" => ev.kind.value.as_str(), "date" => ev.date.value.to_string(),
                        "anchor" => nb.anchor.as_str(), "anchor_date" => anchor.date.value.to_string(),
                        "reason" => &nb.message,
                    };
                    out.push(
                        Finding::with_id(nb.severity, &nb.rule, path, "event-before-anchor", args).at(ev.date.pos),
                    );
                }
            }
        }
    }
    for o in book.order.iter().filter(|o| o.level == level) {
        let (Some(a), Some(b)) = (first(events, &o.first), first(events, &o.then)) else { continue };
        if b.date.value < a.date.value {
            let args = crate::args! {
                "then" => o.then.as_str(), "then_date" => b.date.value.to_string(),
                "first" => o.first.as_str(), "first_date" => a.date.value.to_string(),
            };
            out.push(Finding::with_id(Severity::Error, &o.rule, path, "events-out-of-order", args).at(b.date.pos));
        }
    }
    out
}
