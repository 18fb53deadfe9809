//! Deadlines: when each one is due, and whether it was met, is late, still open or missed.
//!
//! Every deadline is data (rulebook `deadlines:` and `yearly:`); this module only does the
//! arithmetic with the working-day calendar.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::Context;
use crate::finding::{Finding, Severity};
use crate::meta::Event;
use crate::rulebook::{DayUnit, Deadline, FundedBy, Rulebook, Starts, Yearly};
use crate::yaml::Pos;

/// Where a deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeadlineState {
    /// Fulfilled on time.
    Met,
    /// Fulfilled, so many working days after the due date.
    Late { working_days: i64 },
    /// Not fulfilled yet; so many working days are left (0 = due today).
    Open { working_days_left: i64 },
    /// Not fulfilled, and the due date has passed so many working days ago.
    Missed { working_days: i64 },
}

/// One deadline of one system or deposit.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlineStatus {
    /// The deadline's id in its rulebook.
    pub id: String,
    pub rule: String,
    pub rulebook: String,
    pub system: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deposit: Option<String>,
    /// The YAML file the events are in.
    pub path: String,
    /// The event (or year) that started the clock, and its date.
    pub from_event: String,
    pub from_date: NaiveDate,
    pub days: u32,
    pub unit: DayUnit,
    pub due: NaiveDate,
    /// The event that fulfilled it, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_date: Option<NaiveDate>,
    #[serde(flatten)]
    pub state: DeadlineState,
    /// The events that fulfil it.
    pub to: Vec<String>,
    /// Years this deadline was counted in that the calendar does not know.
    #[serde(skip)]
    pub uncovered_years: Vec<i32>,
    #[serde(skip)]
    pub severity: Severity,
    #[serde(skip)]
    pub pos: Pos,
    #[serde(skip)]
    pub done_pos: Pos,
}

/// Where the deadlines of one event list belong.
pub struct Owner<'a> {
    pub system: &'a str,
    pub deposit: Option<String>,
    pub path: &'a str,
}

/// Evaluates one deadline over an event list.
pub fn evaluate(
    def: &Deadline,
    book: &Rulebook,
    events: &[Event],
    owner: &Owner,
    ctx: &Context,
) -> Vec<DeadlineStatus> {
    let mut starts: Vec<&Event> = events
        .iter()
        .filter(|e| def.from.contains(&e.kind.value))
        .filter(|e| match &def.where_outcome {
            Some(want) => e.outcome.as_ref().is_some_and(|o| &o.value == want),
            None => true,
        })
        .collect();
    if def.needs.as_ref().is_some_and(|k| !events.iter().any(|e| &e.kind.value == k)) {
        return Vec::new();
    }
    starts.sort_by_key(|e| e.date.value);
    match def.starts {
        Starts::Each => {}
        Starts::Earliest => starts.truncate(1),
        Starts::Latest => {
            // The first occurrence of each kind, then the latest of those.
            let mut firsts: Vec<&Event> = Vec::new();
            for e in starts {
                if !firsts.iter().any(|f| f.kind.value == e.kind.value) {
                    firsts.push(e);
                }
            }
            starts = firsts.into_iter().max_by_key(|e| e.date.value).into_iter().collect();
        }
    }
    // A clause added by a later amendment has no clock that started before it took effect.
    starts.retain(|e| book.clause_in_force(&def.rule, e.date.value));
    let one_clock = def.starts != Starts::Each;
    starts
        .into_iter()
        .map(|start| {
            let from = start.date.value;
            let due = match def.unit {
                DayUnit::Working => ctx.calendar.add_working_days(from, def.days),
                DayUnit::Calendar => from + Duration::days(i64::from(def.days)),
            };
            // With one clock, any fulfilling event counts (one dated before the start is an
            // ordering error reported elsewhere); with a clock per start, the first one after it.
            let done = events
                .iter()
                .filter(|e| def.to.contains(&e.kind.value) && (one_clock || e.date.value >= from))
                .min_by_key(|e| e.date.value);
            let mut uncovered =
                if def.unit == DayUnit::Working { ctx.calendar.uncovered_years(from, due) } else { Vec::new() };
            let end = done.map(|e| e.date.value).unwrap_or(ctx.today);
            let state = status(due, done.map(|e| e.date.value), ctx);
            if !matches!(state, DeadlineState::Met) {
                uncovered.extend(ctx.calendar.uncovered_years(due, end));
            }
            uncovered.sort_unstable();
            uncovered.dedup();
            DeadlineStatus {
                id: def.id.clone(),
                rule: def.rule.clone(),
                rulebook: book.id.clone(),
                system: owner.system.to_string(),
                deposit: owner.deposit.clone(),
                path: owner.path.to_string(),
                from_event: start.kind.value.clone(),
                from_date: from,
                days: def.days,
                unit: def.unit,
                due,
                done_event: done.map(|e| e.kind.value.clone()),
                done_date: done.map(|e| e.date.value),
                state,
                to: def.to.clone(),
                uncovered_years: uncovered,
                severity: def.severity,
                pos: start.date.pos,
                done_pos: done.map(|e| e.date.pos).unwrap_or_default(),
            }
        })
        .collect()
}

fn status(due: NaiveDate, done: Option<NaiveDate>, ctx: &Context) -> DeadlineState {
    match done {
        Some(d) if d <= due => DeadlineState::Met,
        Some(d) => DeadlineState::Late { working_days: ctx.calendar.working_days_between(due, d).max(1) },
        None if ctx.today <= due => {
            DeadlineState::Open { working_days_left: ctx.calendar.working_days_between(ctx.today, due).max(0) }
        }
        None => DeadlineState::Missed { working_days: ctx.calendar.working_days_between(due, ctx.today).max(1) },
    }
}

/// Evaluates a yearly duty (e.g. the notice due by 30 March, D1124-24) for every year from the
/// one after `starts_after` until the duty stops, the rulebook is repealed, or today.
pub fn evaluate_yearly(
    def: &Yearly,
    book: &Rulebook,
    own_events: &[Event],
    all_events: &[&Event],
    owner: &Owner,
    state_funded: bool,
    ctx: &Context,
) -> Vec<DeadlineStatus> {
    if def.funded_by == FundedBy::State && !state_funded {
        return Vec::new();
    }
    let Some(start) = all_events.iter().filter(|e| e.kind.value == def.starts_after).min_by_key(|e| e.date.value)
    else {
        return Vec::new();
    };
    let stop = all_events.iter().filter(|e| def.stops_at.contains(&e.kind.value)).map(|e| e.date.value).min();
    let mut out = Vec::new();
    for year in start.date.value.year() + 1..=ctx.today.year() {
        let Some(due) = def.due_in(year) else { continue };
        if book.in_force.to.is_some_and(|to| due > to) {
            break;
        }
        if !book.clause_in_force(&def.rule, due) {
            continue;
        }
        let notice = own_events
            .iter()
            .filter(|e| e.kind.value == def.event && e.year.as_ref().map(|y| y.value) == Some(year))
            .min_by_key(|e| e.date.value);
        // Once use has stopped, no duty falls due; the notice that stopped it is still the
        // year's own (a yearly notice of termination, D1124-24).
        if stop.is_some_and(|s| s < due) && notice.is_none_or(|n| stop.is_some_and(|s| s < n.date.value)) {
            break;
        }
        let state = status(due, notice.map(|e| e.date.value), ctx);
        let end = notice.map(|e| e.date.value).unwrap_or(ctx.today);
        let uncovered =
            if matches!(state, DeadlineState::Met) { Vec::new() } else { ctx.calendar.uncovered_years(due, end) };
        out.push(DeadlineStatus {
            id: def.id.clone(),
            rule: def.rule.clone(),
            rulebook: book.id.clone(),
            system: owner.system.to_string(),
            deposit: owner.deposit.clone(),
            path: owner.path.to_string(),
            from_event: format!("year {year}"),
            from_date: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(due),
            days: 0,
            unit: DayUnit::Calendar,
            due,
            done_event: notice.map(|e| e.kind.value.clone()),
            done_date: notice.map(|e| e.date.value),
            state,
            to: vec![def.event.clone()],
            uncovered_years: uncovered,
            severity: def.severity,
            pos: start.date.pos,
            done_pos: notice.map(|e| e.date.pos).unwrap_or_default(),
        });
    }
    out
}

/// The findings a deadline gives: late and missed ones at their severity, open ones as info.
/// A deadline met by an event dated after `today` gives none: that date is wrong, and the
/// event's own finding says so (one finding per fault).
pub fn findings(d: &DeadlineStatus, yearly: Option<&Yearly>, today: NaiveDate) -> Option<Finding> {
    if matches!(d.state, DeadlineState::Late { .. }) && d.done_date.is_some_and(|x| x > today) {
        return None;
    }
    // What the deadline is counted from: so many days after an event, or a yearly date.
    let mut args = match d.days {
        0 => crate::args! { "basis" => "yearly", "year" => d.from_event.trim_start_matches("year ") },
        days => crate::args! {
            "basis" => "after",
            "count" => days,
            "unit" => match d.unit {
                DayUnit::Working => "working",
                DayUnit::Calendar => "calendar",
            },
            "from_event" => d.from_event.as_str(),
            "from_date" => d.from_date.to_string(),
        },
    };
    args.insert("due".into(), d.due.to_string().into());
    args.insert("rule".into(), d.rule.as_str().into());
    // The events that fulfil it: the last one, the others before it, and how many there are.
    let (last, others) = d.to.split_last().map(|(l, o)| (l.as_str(), o.join("`, `"))).unwrap_or_default();
    let to = crate::args! { "event" => last, "events" => others, "alternatives" => d.to.len() };
    let (id, severity, args, pos) = match d.state {
        DeadlineState::Met => return None,
        DeadlineState::Late { working_days } => {
            let done = crate::args! {
                "event" => d.done_event.as_deref().unwrap_or(""),
                "date" => d.done_date.map(|x| x.to_string()).unwrap_or_default(),
                "days" => working_days,
            };
            ("deadline-late", d.severity, done.into_iter().chain(args).collect(), d.done_pos)
        }
        DeadlineState::Missed { working_days } => {
            let reminder = yearly.and_then(|y| y.reminder.as_deref()).unwrap_or("none");
            let more = crate::args! { "days" => working_days, "reminder" => reminder };
            ("deadline-missed", d.severity, more.into_iter().chain(to).chain(args).collect(), d.pos)
        }
        DeadlineState::Open { working_days_left } => {
            let more = crate::args! { "days" => working_days_left };
            ("deadline-open", Severity::Info, to.into_iter().chain(more).chain(args).collect(), d.pos)
        }
    };
    let f = Finding::with_id(severity, &d.rule, &d.path, id, args).at(pos);
    Some(match &d.deposit {
        Some(dep) => f.in_deposit(&d.system, dep),
        None => f.in_system(&d.system),
    })
}
