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
    Late {
        /// Working days between the due date and the fulfilling event.
        working_days: i64,
    },
    /// Not fulfilled yet; so many working days are left (0 = due today).
    Open {
        /// Working days from today to the due date.
        working_days_left: i64,
    },
    /// Not fulfilled, and the due date has passed so many working days ago.
    Missed {
        /// Working days from the due date to today.
        working_days: i64,
    },
}

/// One deadline of one system or deposit. In JSON (`check --format json`, the catalogue's data):
/// its fields in this order, the state's `state` and count in place of `state`, and none of the
/// fields that are only for qoima (`uncovered_years`, `severity`, positions).
#[derive(Debug, Clone)]
pub struct DeadlineStatus {
    /// The deadline's id in its rulebook.
    pub id: String,
    /// The rule ID the deadline enforces, e.g. D1124-41.
    pub rule: String,
    /// The id of the rulebook the deadline is from.
    pub rulebook: String,
    /// The system folder name.
    pub system: String,
    /// The deposit's key (`system/version`) for a deadline of a deposit; None for one of the
    /// system.
    pub deposit: Option<String>,
    /// The YAML file the events are in.
    pub path: String,
    /// The event (or year) that started the clock, and its date.
    pub from_event: String,
    /// The date that started the clock (1 January of the year for a yearly duty).
    pub from_date: NaiveDate,
    /// How many days the rulebook allows (0 for a yearly duty).
    pub days: u32,
    /// Whether `days` counts working days or calendar days.
    pub unit: DayUnit,
    /// The date by which one of the `to` events must happen.
    pub due: NaiveDate,
    /// The event that fulfilled it, and when.
    pub done_event: Option<String>,
    /// The date of the event that fulfilled it; None while it is not fulfilled.
    pub done_date: Option<NaiveDate>,
    /// Where the deadline stands today.
    pub state: DeadlineState,
    /// The events that fulfil it.
    pub to: Vec<String>,
    /// Years this deadline was counted in that the calendar does not know.
    pub uncovered_years: Vec<i32>,
    /// The severity of the finding when the deadline is late or missed (an open one is info).
    pub severity: Severity,
    /// The position of the starting event's date, when it is in the owner's file.
    pub pos: Pos,
    /// The position of the fulfilling event's date, when there is one.
    pub done_pos: Pos,
}

impl Serialize for DeadlineStatus {
    // Written out rather than derived: a 10,000-deposit archive has tens of thousands of
    // deadlines in every `check --format json`, and a derived `flatten` goes through a map
    // that costs more than the rest of the record.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (state, count) = match self.state {
            DeadlineState::Met => ("met", None),
            DeadlineState::Late { working_days } => ("late", Some(("working_days", working_days))),
            DeadlineState::Open { working_days_left } => ("open", Some(("working_days_left", working_days_left))),
            DeadlineState::Missed { working_days } => ("missed", Some(("working_days", working_days))),
        };
        let mut m = s.serialize_struct("DeadlineStatus", 17)?;
        m.serialize_field("id", &self.id)?;
        m.serialize_field("rule", &self.rule)?;
        m.serialize_field("rulebook", &self.rulebook)?;
        m.serialize_field("system", &self.system)?;
        match &self.deposit {
            Some(d) => m.serialize_field("deposit", d)?,
            None => m.skip_field("deposit")?,
        }
        m.serialize_field("path", &self.path)?;
        m.serialize_field("from_event", &self.from_event)?;
        m.serialize_field("from_date", &Ymd(self.from_date))?;
        m.serialize_field("days", &self.days)?;
        m.serialize_field("unit", &self.unit)?;
        m.serialize_field("due", &Ymd(self.due))?;
        match &self.done_event {
            Some(e) => m.serialize_field("done_event", e)?,
            None => m.skip_field("done_event")?,
        }
        match self.done_date {
            Some(d) => m.serialize_field("done_date", &Ymd(d))?,
            None => m.skip_field("done_date")?,
        }
        m.serialize_field("state", state)?;
        if let Some((name, n)) = count {
            m.serialize_field(name, &n)?;
        }
        m.serialize_field("to", &self.to)?;
        m.end()
    }
}

/// A date as chrono writes it (`2026-11-23`), without going through the formatter for the
/// four-digit years every record has.
struct Ymd(NaiveDate);

impl Serialize for Ymd {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let Ok(year) = u32::try_from(d.year()) else { return d.serialize(s) };
        if year > 9999 {
            return d.serialize(s);
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (m, day) = (d.month(), d.day());
        let b = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(day / 10),
            digit(day),
        ];
        s.serialize_str(std::str::from_utf8(&b).unwrap_or_default())
    }
}

/// Where the deadlines of one event list belong.
pub(super) struct Owner<'a> {
    pub system: &'a str,
    pub deposit: Option<String>,
    pub path: &'a str,
}

/// Evaluates one deadline over an event list.
pub(super) fn evaluate(
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
pub(super) fn evaluate_yearly(
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
            // The duty's file is the owner's: a start recorded in a deposit (its depository
            // number, D1124-34) has its place in another file.
            pos: if own_events.iter().any(|e| std::ptr::eq(e, *start)) { start.date.pos } else { Default::default() },
            done_pos: notice.map(|e| e.date.pos).unwrap_or_default(),
        });
    }
    out
}

/// The findings a deadline gives: late and missed ones at their severity, open ones as info.
/// A deadline met by an event dated after `today` gives none: that date is wrong, and the
/// event's own finding says so (one finding per fault).
pub(super) fn findings(d: &DeadlineStatus, yearly: Option<&Yearly>, today: NaiveDate) -> Option<Finding> {
    // Most deadlines were met: nothing to say, nothing to build.
    if d.state == DeadlineState::Met
        || matches!(d.state, DeadlineState::Late { .. }) && d.done_date.is_some_and(|x| x > today)
    {
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
        Some(dep) => f.in_deposit(dep),
        None => f.in_system(&d.system),
    })
}
