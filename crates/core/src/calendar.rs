//! The Kazakh working-day calendar.
//!
//! Deadlines in both regulations are counted in working days of the Republic of Kazakhstan.
//! The facts live in `calendar/kz.yaml`, embedded in the binary; a site adds files of the same
//! form (every section optional) with [`Calendar::extend_from_yaml_str`]. The file holds:
//!
//! - `known_years: {from, to}`: the years whose holidays, religious dates *and* yearly transfers
//!   are all recorded;
//! - `holidays_known: {from, to}` (optional): the years, beyond `known_years`, whose public
//!   holidays under the Law are recorded, while their lunar religious dates and transfers may
//!   not be (2027: Constitution Day on 15 March, but no Kurban Ait date and no decree yet);
//! - `weekend`: the weekdays that are days off (`[saturday, sunday]`);
//! - `holidays`: public holidays, `{id, names, dates: [MM-DD…], from?, to?}`, a day off in the
//!   years `from..=to`;
//! - `religious`: days off that never move, `{id, names, dates?: [MM-DD…], on?: [dates], from?, to?}`;
//! - `transfers`: `{worked, off, source?}` from the yearly decrees.
//!
//! The rules applied to them, year by year:
//!
//! 1. The `weekend` days are days off.
//! 2. Every public holiday is a day off. The year's holidays are taken in date order; one that
//!    falls on a weekend day gives a day off on the next weekday that is not a holiday, not a
//!    religious day off and not taken by an earlier move (each day of a multi-day holiday moves
//!    on its own: Nauryz 2026, Sat 21 and Sun 22 March, gives 24 and 25 March; New Year 2023,
//!    Sun 1 January, gives Tue 3 January since 2 January is a holiday itself).
//! 3. Religious days off (Orthodox Christmas, the first day of Kurban Ait) never move.
//! 4. Then the transfers: `worked` becomes a working day, `off` a day off. `off` must be a
//!    weekday; `worked` a weekend day or a weekday that rule 2 made a day off (2020: Monday
//!    11 May, the moved day off for Victory Day, was worked and Friday 8 May was off).
//!
//! "Within N working days after D" ends on the N-th working day after D; D itself never counts.
//!
//! Outside `known_years` the holiday and religious rules still apply by their `from`/`to` years
//! (so 15 March 2027 is a day off), but lunar dates and transfers are missing: callers warn
//! with [`Calendar::uncovered_years`], never guess silently. A move never looks across the end
//! of the year for the next year's holidays (it has not happened).
//!
//! Everything is precomputed over a window of years (1990–2060): a flag and a prefix sum of
//! working days per day, so that `is_working_day` is an index, `working_days_between` a
//! subtraction and `add_working_days` a binary search. Outside the window only the weekend
//! counts, day by day.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

use crate::messages::Msg;
use crate::meta::Localized;

/// The shipped calendar.
pub const BUILTIN: &str = include_str!("../../../calendar/kz.yaml");

/// First and last year of the precomputed window; outside it, days are counted one by one.
const WINDOW: RangeInclusive<i32> = 1990..=2060;

/// A calendar file that cannot be used.
#[derive(Debug, Clone)]
pub struct CalendarError {
    /// The calendar file, as shipped (`calendar/kz.yaml`) or as site.toml names it.
    pub origin: String,
    /// 1-based; 0 when unknown.
    pub line: u64,
    /// 1-based; 0 when unknown.
    pub column: u64,
    /// Why, in English.
    pub message: String,
    /// Why, as a message in every language (`calendar-*` in `load.ftl`); boxed to keep the
    /// error small.
    pub why: Box<Msg>,
}

impl std::fmt::Display for CalendarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}:{}: {}", self.origin, self.line, self.column, self.message)
        } else {
            write!(f, "{}: {}", self.origin, self.message)
        }
    }
}

impl std::error::Error for CalendarError {}

impl CalendarError {
    /// Where and why, as a message in every language.
    pub fn said(&self) -> Msg {
        let at =
            if self.line > 0 { format!("{}:{}:{}", self.origin, self.line, self.column) } else { self.origin.clone() };
        Msg::new("path-said", crate::args! { "path" => at, "why" => self.why.arg() })
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[serde(default)]
    name: Option<Localized>,
    #[serde(default)]
    known_years: Option<YearRange>,
    #[serde(default)]
    holidays_known: Option<YearRange>,
    #[serde(default)]
    weekend: Option<Vec<Weekday>>,
    #[serde(default)]
    holidays: Vec<Holiday>,
    #[serde(default)]
    religious: Vec<Religious>,
    #[serde(default)]
    transfers: Vec<Transfer>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearRange {
    from: crate::yaml::At<i32>,
    to: crate::yaml::At<i32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Holiday {
    id: String,
    #[serde(default)]
    names: Option<Localized>,
    /// MM-DD.
    dates: Vec<crate::yaml::At<String>>,
    #[serde(default)]
    from: Option<i32>,
    #[serde(default)]
    to: Option<i32>,
    /// `dates` parsed (month, day), filled in by [`parse_file`].
    #[serde(skip)]
    md: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Religious {
    id: String,
    #[serde(default)]
    names: Option<Localized>,
    /// MM-DD, every year in from..to.
    #[serde(default)]
    dates: Vec<crate::yaml::At<String>>,
    /// Exact dates, for days that move with the lunar calendar.
    #[serde(default)]
    on: Vec<NaiveDate>,
    #[serde(default)]
    from: Option<i32>,
    #[serde(default)]
    to: Option<i32>,
    /// `dates` parsed (month, day), filled in by [`parse_file`].
    #[serde(skip)]
    md: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Transfer {
    worked: crate::yaml::At<NaiveDate>,
    off: crate::yaml::At<NaiveDate>,
    /// The decree, for the reader of the file.
    #[serde(default, rename = "source")]
    _source: Option<String>,
    /// The file the transfer was read from, for errors found once all files are combined.
    #[serde(skip)]
    origin: String,
}

/// Why a date is a day off (for `days_off` and the catalogue).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reason {
    Holiday(String),
    Moved(String, NaiveDate),
    Religious(String),
    Transfer(NaiveDate),
}

impl Reason {
    fn describe(&self) -> String {
        match self {
            Reason::Holiday(id) | Reason::Religious(id) => id.clone(),
            Reason::Moved(id, from) => format!("{id} (moved from {from})"),
            Reason::Transfer(worked) => format!("transfer (worked {worked})"),
        }
    }
}

/// The working-day calendar, precomputed.
#[derive(Debug, Clone)]
pub struct Calendar {
    data: CalendarFile,
    known: RangeInclusive<i32>,
    weekend: Vec<Weekday>,
    start: NaiveDate,
    /// `working[i]`: whether day `start + i` is a working day.
    working: Vec<bool>,
    /// `before[i]`: working days in `[start, start + i)`; one longer than `working`.
    before: Vec<u32>,
    /// Weekday days off with their reason.
    reasons: BTreeMap<NaiveDate, Reason>,
}

/// A month and day written `MM-DD` (two digits each; 02-29 allowed, it exists in leap years).
fn parse_md(value: &crate::yaml::At<String>, origin: &str) -> Result<(u32, u32), CalendarError> {
    let bad = || {
        error_at(
            origin,
            value.pos,
            Msg::new("calendar-not-month-day", crate::args! { "value" => value.value.as_str() }),
        )
    };
    let text = value.value.as_str();
    let b = text.as_bytes();
    if b.len() != 5 || b[2] != b'-' || !b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit()) {
        return Err(bad());
    }
    let (m, d): (u32, u32) = (text[..2].parse().map_err(|_| bad())?, text[3..].parse().map_err(|_| bad())?);
    // 2000 is a leap year: every real MM-DD exists in it.
    NaiveDate::from_ymd_opt(2000, m, d).ok_or_else(bad)?;
    Ok((m, d))
}

fn error_at(origin: &str, pos: crate::yaml::Pos, why: Msg) -> CalendarError {
    let (line, column) = (u64::from(pos.line), u64::from(pos.column));
    CalendarError { origin: origin.to_string(), line, column, message: why.en(), why: Box::new(why) }
}

fn applies(from: Option<i32>, to: Option<i32>, year: i32) -> bool {
    from.is_none_or(|f| year >= f) && to.is_none_or(|t| year <= t)
}

impl Calendar {
    /// The calendar shipped in `calendar/kz.yaml`.
    pub fn builtin() -> Calendar {
        Calendar::from_yaml_str(BUILTIN, "calendar/kz.yaml")
            .unwrap_or_else(|e| panic!("the shipped calendar is broken: {e}"))
    }

    /// A calendar from the text of a calendar file (`origin` names it in errors). Unlike an
    /// extra file, it must state `known_years`.
    pub fn from_yaml_str(text: &str, origin: &str) -> Result<Calendar, CalendarError> {
        let data = parse_file(text, origin)?;
        if data.known_years.is_none() {
            return Err(error_at(
                origin,
                crate::yaml::Pos::UNKNOWN,
                Msg::new("calendar-known-years-required", crate::args! {}),
            ));
        }
        Calendar::compute(data)
    }

    /// Adds a user's calendar file of the same form, every section optional: its holidays,
    /// religious dates and transfers are added to the ones already known, a `weekend` list
    /// replaces the current one, and `known_years` and `holidays_known` widen to span both ranges (from the smaller
    /// `from` to the larger `to`). On error the calendar is left as it was.
    pub fn extend_from_yaml_str(&mut self, text: &str, origin: &str) -> Result<(), CalendarError> {
        let extra = parse_file(text, origin)?;
        let mut data = self.data.clone();
        data.known_years = widen(data.known_years.take(), extra.known_years);
        data.holidays_known = widen(data.holidays_known.take(), extra.holidays_known);
        if let Some(w) = extra.weekend {
            data.weekend = Some(w);
        }
        data.holidays.extend(extra.holidays);
        data.religious.extend(extra.religious);
        data.transfers.extend(extra.transfers);
        *self = Calendar::compute(data)?;
        Ok(())
    }

    /// Lays the rules out over the window: weekends, then each year's public holidays (moved in
    /// date order when they fall on a weekend day), religious days, and finally the transfers.
    fn compute(data: CalendarFile) -> Result<Calendar, CalendarError> {
        let known = data.known_years.as_ref().map(|k| k.from.value..=k.to.value).unwrap_or(RangeInclusive::new(1, 0));
        let weekend = data.weekend.clone().unwrap_or_else(|| vec![Weekday::Sat, Weekday::Sun]);
        let start = NaiveDate::from_ymd_opt(*WINDOW.start(), 1, 1).expect("valid window start");
        let end = NaiveDate::from_ymd_opt(*WINDOW.end(), 12, 31).expect("valid window end");
        let days = (end - start).num_days() as usize + 1;
        let is_weekend = |d: NaiveDate| weekend.contains(&d.weekday());
        let mut working: Vec<bool> = start.iter_days().take(days).map(|d| !is_weekend(d)).collect();
        let idx = |d: NaiveDate| -> Option<usize> { (d >= start && d <= end).then(|| (d - start).num_days() as usize) };
        let mut reasons = BTreeMap::new();
        for year in WINDOW {
            // Religious days first: they never move, and moved holidays skip them.
            let mut religious: Vec<(NaiveDate, &str)> = Vec::new();
            for r in data.religious.iter() {
                if applies(r.from, r.to, year) {
                    // 29 February exists only in leap years.
                    religious.extend(
                        r.md.iter()
                            .filter_map(|&(m, d)| NaiveDate::from_ymd_opt(year, m, d))
                            .map(|d| (d, r.id.as_str())),
                    );
                }
                religious.extend(r.on.iter().filter(|d| d.year() == year).map(|d| (*d, r.id.as_str())));
            }
            let mut public: Vec<(NaiveDate, &str)> = Vec::new();
            for h in data.holidays.iter().filter(|h| applies(h.from, h.to, year)) {
                public.extend(
                    h.md.iter().filter_map(|&(m, d)| NaiveDate::from_ymd_opt(year, m, d)).map(|d| (d, h.id.as_str())),
                );
            }
            // Date order; a date listed twice (e.g. by a user's file) is one holiday, the first listed.
            public.sort_by_key(|(d, _)| *d);
            public.dedup_by_key(|(d, _)| *d);
            let mut moved: Vec<NaiveDate> = Vec::new();
            for &(d, id) in &public {
                if let Some(i) = idx(d) {
                    working[i] = false;
                }
                if !is_weekend(d) {
                    reasons.insert(d, Reason::Holiday(id.to_string()));
                    continue;
                }
                let taken = |x: NaiveDate, moved: &[NaiveDate]| {
                    is_weekend(x)
                        || public.iter().any(|(p, _)| *p == x)
                        || religious.iter().any(|(r, _)| *r == x)
                        || moved.contains(&x)
                };
                let mut next = d + Duration::days(1);
                while taken(next, &moved) {
                    next += Duration::days(1);
                }
                moved.push(next);
                if let Some(i) = idx(next) {
                    working[i] = false;
                }
                reasons.insert(next, Reason::Moved(id.to_string(), d));
            }
            for &(d, id) in &religious {
                if let Some(i) = idx(d) {
                    working[i] = false;
                }
                if !is_weekend(d) {
                    reasons.entry(d).or_insert_with(|| Reason::Religious(id.to_string()));
                }
            }
        }
        for t in &data.transfers {
            let (worked, off) = (t.worked.value, t.off.value);
            if is_weekend(off) {
                let args = crate::args! { "date" => off.to_string(), "weekday" => off.format("%A").to_string() };
                return Err(error_at(&t.origin, t.off.pos, Msg::new("calendar-off-on-weekend", args)));
            }
            // The day worked is a weekend day, or (rarely) a weekday that the rules above made
            // a day off: in 2020 the Monday 11 May that Victory Day (Sat 9 May) moved to was
            // worked and Friday 8 May was off instead.
            let off_by_rules = idx(worked).is_some_and(|i| !working[i]) || reasons.contains_key(&worked);
            if !is_weekend(worked) && !off_by_rules {
                let args = crate::args! { "date" => worked.to_string(), "weekday" => worked.format("%A").to_string() };
                return Err(error_at(&t.origin, t.worked.pos, Msg::new("calendar-worked-on-working-day", args)));
            }
            if let Some(i) = idx(worked) {
                working[i] = true;
            }
            reasons.remove(&worked);
            if let Some(i) = idx(off) {
                working[i] = false;
            }
            reasons.insert(off, Reason::Transfer(worked));
        }
        let mut before = Vec::with_capacity(days + 1);
        let mut n = 0u32;
        before.push(0);
        for w in &working {
            n += u32::from(*w);
            before.push(n);
        }
        Ok(Calendar { data, known, weekend, start, working, before, reasons })
    }

    fn index(&self, d: NaiveDate) -> Option<usize> {
        let i = (d - self.start).num_days();
        (i >= 0 && (i as usize) < self.working.len()).then_some(i as usize)
    }

    /// Whether `d` is a working day.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.index(d) {
            Some(i) => self.working[i],
            None => !self.weekend.contains(&d.weekday()),
        }
    }

    /// The `n`-th working day after `d` (`d` itself never counts); `d` when `n` is 0.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return d;
        }
        if let Some(i) = self.index(d) {
            let target = self.before[i + 1] + n;
            // The first index j > i with before[j + 1] >= target.
            let j = self.before.partition_point(|&c| c < target);
            if j >= 1 && j - 1 < self.working.len() {
                return self.start + Duration::days((j - 1) as i64);
            }
        }
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `a` up to and including `b`; negative when `b` is before `a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.working_days_between(b, a);
        }
        if let (Some(i), Some(j)) = (self.index(a), self.index(b)) {
            return i64::from(self.before[j + 1]) - i64::from(self.before[i + 1]);
        }
        let mut n = 0;
        let mut day = a;
        while day < b {
            day += Duration::days(1);
            n += i64::from(self.is_working_day(day));
        }
        n
    }

    /// The calendar's name in `lang`.
    pub fn name(&self, lang: &str) -> Option<&str> {
        self.data.name.as_ref().and_then(|n| n.get(lang))
    }

    /// The name of a holiday or religious day off (by its id) in `lang`.
    pub fn holiday_name(&self, id: &str, lang: &str) -> Option<&str> {
        let names = self.data.holidays.iter().find(|h| h.id == id).and_then(|h| h.names.as_ref());
        let names = names.or_else(|| self.data.religious.iter().find(|r| r.id == id).and_then(|r| r.names.as_ref()));
        names.and_then(|n| n.get(lang))
    }

    /// The years whose holidays, religious dates and transfers are all recorded.
    pub fn known_years(&self) -> RangeInclusive<i32> {
        self.known.clone()
    }

    /// The years from `min(a, b)` to `max(a, b)` that the calendar does not know.
    pub fn uncovered_years(&self, a: NaiveDate, b: NaiveDate) -> Vec<i32> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        (lo.year()..=hi.year()).filter(|y| !self.known.contains(y)).collect()
    }

    /// What a deadline counted in `year`, a year outside `known_years`, could and could not
    /// take into account.
    pub fn coverage(&self, year: i32) -> Coverage {
        let holidays = self.data.holidays_known.as_ref().is_some_and(|k| (k.from.value..=k.to.value).contains(&year));
        let name = |names: &Option<Localized>, id: &str| {
            crate::messages::Lang::ALL.map(|lang| {
                names.as_ref().and_then(|n| n.get(lang.code())).map(str::to_string).unwrap_or_else(|| id.to_string())
            })
        };
        let mut fixed_religious = Vec::new();
        let mut unknown_religious = Vec::new();
        for r in &self.data.religious {
            if !r.md.is_empty() && applies(r.from, r.to, year) {
                fixed_religious.push(name(&r.names, &r.id));
            } else if !r.on.is_empty() && !r.on.iter().any(|d| d.year() == year) {
                unknown_religious.push(name(&r.names, &r.id));
            }
        }
        for list in [&mut fixed_religious, &mut unknown_religious] {
            list.dedup();
        }
        let last_rules =
            self.data.holidays_known.as_ref().map(|k| k.to.value).unwrap_or(*self.known.end()).max(*self.known.end());
        Coverage { year, holidays, last_rules, fixed_religious, unknown_religious }
    }

    /// The weekday days off of `year`, with why each is off.
    pub fn days_off(&self, year: i32) -> Vec<(NaiveDate, String)> {
        let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else { return Vec::new() };
        let Some(last) = NaiveDate::from_ymd_opt(year, 12, 31) else { return Vec::new() };
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| !self.weekend.contains(&d.weekday()) && !self.is_working_day(*d))
            .map(|d| (d, self.reasons.get(&d).map(Reason::describe).unwrap_or_else(|| "day off".into())))
            .collect()
    }
}

/// What was counted in a year the calendar does not fully know ([`Calendar::coverage`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The year counted.
    pub year: i32,
    /// Whether the year's public holidays under the Law are recorded (`holidays_known`).
    pub holidays: bool,
    /// The last year whose holiday rules are recorded: later years use them as they stood then.
    pub last_rules: i32,
    /// Religious days off on fixed dates, counted (Orthodox Christmas): their names in Kazakh,
    /// Russian and English ([`crate::messages::Lang::ALL`]).
    pub fixed_religious: Vec<[String; 3]>,
    /// Religious days off with a date a year that is not recorded for this one (Kurban Ait).
    pub unknown_religious: Vec<[String; 3]>,
}

/// Two year ranges as one that spans both (from the smaller `from` to the larger `to`).
fn widen(old: Option<YearRange>, new: Option<YearRange>) -> Option<YearRange> {
    match (old, new) {
        (Some(old), Some(k)) => Some(YearRange {
            from: if k.from.value < old.from.value { k.from } else { old.from },
            to: if k.to.value > old.to.value { k.to } else { old.to },
        }),
        (old, new) => new.or(old),
    }
}

/// Reads one calendar file and checks what can be checked in it alone: the year ranges and
/// every MM-DD. (Transfers are checked once all files are combined, in [`Calendar::compute`].)
fn parse_file(text: &str, origin: &str) -> Result<CalendarFile, CalendarError> {
    let mut file: CalendarFile = crate::yaml::parse(text).map_err(|e| error_at(origin, e.pos, *e.why))?;
    let unknown = crate::yaml::Pos::UNKNOWN;
    for (what, range) in [("known_years", &file.known_years), ("holidays_known", &file.holidays_known)] {
        if let Some(k) = range
            && k.from.value > k.to.value
        {
            let args =
                crate::args! { "what" => what, "from" => k.from.value.to_string(), "to" => k.to.value.to_string() };
            return Err(error_at(origin, k.to.pos, Msg::new("calendar-years-reversed", args)));
        }
    }
    for h in &mut file.holidays {
        if let (Some(f), Some(t)) = (h.from, h.to)
            && f > t
        {
            let args = crate::args! { "kind" => "holiday", "id" => h.id.as_str(), "from" => f.to_string(), "to" => t.to_string() };
            return Err(error_at(origin, unknown, Msg::new("calendar-day-years-reversed", args)));
        }
        h.md = h.dates.iter().map(|md| parse_md(md, origin)).collect::<Result<_, _>>()?;
    }
    for r in &mut file.religious {
        if let (Some(f), Some(t)) = (r.from, r.to)
            && f > t
        {
            let args = crate::args! { "kind" => "religious", "id" => r.id.as_str(), "from" => f.to_string(), "to" => t.to_string() };
            return Err(error_at(origin, unknown, Msg::new("calendar-day-years-reversed", args)));
        }
        r.md = r.dates.iter().map(|md| parse_md(md, origin)).collect::<Result<_, _>>()?;
    }
    for t in &mut file.transfers {
        t.origin = origin.to_string();
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn days_off_2026_as_in_the_rules() {
        let cal = Calendar::builtin();
        let got: Vec<String> = cal.days_off(2026).into_iter().map(|(d, _)| d.format("%m-%d").to_string()).collect();
        assert_eq!(
            got,
            [
                "01-01", "01-02", "01-07", "03-09", "03-23", "03-24", "03-25", "05-01", "05-07", "05-11", "05-27",
                "07-06", "10-26", "12-16"
            ]
        );
        let why: BTreeMap<String, String> = cal.days_off(2026).into_iter().map(|(d, w)| (d.to_string(), w)).collect();
        assert_eq!(why["2026-03-24"], "nauryz (moved from 2026-03-21)");
        assert_eq!(why["2026-03-25"], "nauryz (moved from 2026-03-22)");
        assert_eq!(why["2026-05-27"], "kurban-ait");
    }

    #[test]
    fn transfers_2023_to_2025() {
        let cal = Calendar::builtin();
        assert!(cal.is_working_day(d("2023-07-01")), "Saturday 1 July 2023 was worked");
        assert!(!cal.is_working_day(d("2023-07-07")));
        assert!(cal.is_working_day(d("2024-05-04")));
        assert!(!cal.is_working_day(d("2024-05-08")));
        assert!(cal.is_working_day(d("2025-01-05")));
        assert!(!cal.is_working_day(d("2025-01-03")));
        // 30 August: a holiday through 2025 (moved to 1 September), not in 2026.
        assert!(!cal.is_working_day(d("2025-09-01")));
        assert!(cal.is_working_day(d("2026-08-31")));
    }

    #[test]
    fn add_and_between() {
        let cal = Calendar::builtin();
        assert_eq!(cal.add_working_days(d("2026-03-18"), 5), d("2026-03-30"));
        assert_eq!(cal.working_days_between(d("2026-03-18"), d("2026-03-30")), 5);
        assert_eq!(cal.add_working_days(d("2026-03-18"), 0), d("2026-03-18"));
        // Starting on a day off: the first working day after it.
        assert_eq!(cal.add_working_days(d("2026-03-21"), 1), d("2026-03-26"));
        let mut day = d("2006-12-01");
        while day < d("2027-02-01") {
            for n in 0..40 {
                let end = cal.add_working_days(day, n);
                assert_eq!(cal.working_days_between(day, end), i64::from(n), "{day} + {n} = {end}");
                assert!(n == 0 || cal.is_working_day(end), "{end} is a working day");
                assert_eq!(cal.working_days_between(end, day), -i64::from(n));
            }
            assert_eq!(cal.working_days_between(day, day), 0);
            day += Duration::days(3);
        }
    }

    #[test]
    fn outside_the_window_days_are_counted_one_by_one() {
        let cal = Calendar::builtin();
        let far = d("2100-03-01");
        let end = cal.add_working_days(far, 10);
        assert_eq!(cal.working_days_between(far, end), 10);
        assert_eq!(cal.uncovered_years(d("2030-01-01"), d("2029-12-01")), vec![2029, 2030]);
        assert!(cal.uncovered_years(d("2012-01-01"), d("2026-12-31")).is_empty());
    }

    #[test]
    fn matches_the_python_holidays_package() {
        // tests/fixtures/holidays-kz.tsv: the weekday days off of 2007–2026 by the Python
        // package `holidays` (KZ), made by scripts/holidays_fixture.py. They agree exactly for
        // every year, so there is no list of exceptions: a difference is a bug on one side, to be
        // looked into, never a reason to loosen this test.
        let table = include_str!("../../../tests/fixtures/holidays-kz.tsv");
        let cal = Calendar::builtin();
        let mut theirs: BTreeMap<i32, Vec<NaiveDate>> = BTreeMap::new();
        for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let date = d(line.split('\t').next().unwrap());
            theirs.entry(date.year()).or_default().push(date);
        }
        for year in 2007..=2026 {
            let ours: Vec<NaiveDate> = cal.days_off(year).into_iter().map(|(d, _)| d).collect();
            let mut expected = theirs.remove(&year).unwrap_or_default();
            expected.sort();
            expected.dedup();
            assert_eq!(ours, expected, "weekday days off in {year}");
        }
    }

    #[test]
    fn a_moved_day_off_can_be_transferred() {
        // 2020: Victory Day (Sat 9 May) moved to Mon 11 May, and a decree made 11 May a working
        // day and Fri 8 May the day off: the one transfer whose worked day is not a weekend day.
        let cal = Calendar::builtin();
        assert!(cal.is_working_day(d("2020-05-11")));
        assert!(!cal.is_working_day(d("2020-05-08")));
        let why: BTreeMap<NaiveDate, String> = cal.days_off(2020).into_iter().collect();
        assert_eq!(why[&d("2020-05-08")], "transfer (worked 2020-05-11)");
        // A day off in one year for a day worked in the year before (decree for 2014).
        assert!(cal.is_working_day(d("2013-12-28")));
        assert!(!cal.is_working_day(d("2014-01-03")));
    }

    #[test]
    fn uncovered_years_are_reported() {
        let cal = Calendar::builtin();
        assert_eq!(cal.known_years(), 2007..=2026);
        assert_eq!(cal.uncovered_years(d("2030-02-01"), d("2030-03-15")), vec![2030]);
        assert_eq!(cal.uncovered_years(d("2030-03-15"), d("2030-02-01")), vec![2030]);
        assert_eq!(cal.uncovered_years(d("2026-12-20"), d("2027-01-20")), vec![2027]);
        assert_eq!(cal.uncovered_years(d("2006-12-20"), d("2007-01-20")), vec![2006]);
        // Outside the known years the holiday rules still apply (15 March from 2027).
        assert!(!cal.is_working_day(d("2027-03-15")));
        assert!(cal.is_working_day(d("2027-08-30")));
    }

    #[test]
    fn bad_transfers_and_dates_are_errors_with_positions() {
        let cal = Calendar::builtin();
        // `worked` a Wednesday that is a working day anyway.
        let mut c = cal.clone();
        let err = c
            .extend_from_yaml_str("transfers:\n  - {worked: 2027-01-13, off: 2027-01-08}\n", "local.yaml")
            .unwrap_err();
        assert_eq!((err.origin.as_str(), err.line, err.column), ("local.yaml", 2, 14), "{err}");
        assert!(err.message.contains("2027-01-13"), "{err}");
        assert!(c.is_working_day(d("2027-01-08")), "a failed extension changes nothing");
        // `off` a Saturday.
        let err = c
            .extend_from_yaml_str("transfers:\n  - worked: 2027-01-10\n    off: 2027-01-09\n", "local.yaml")
            .unwrap_err();
        assert_eq!((err.line, err.column), (3, 10), "{err}");
        for bad in ["3-22", "03/22", "02-30", "00-10", "03-22x"] {
            let text = format!("holidays:\n  - id: x\n    dates: [\"01-01\", \"{bad}\"]\n");
            let err = c.extend_from_yaml_str(&text, "local.yaml").unwrap_err();
            assert_eq!(err.line, 3, "{bad}: {err}");
            assert!(err.column > 0 && err.message.contains(bad), "{bad}: {err}");
        }
        // The leap day is a valid MM-DD, off only in leap years.
        c.extend_from_yaml_str("holidays:\n  - {id: leap, dates: [\"02-29\"], from: 2028, to: 2032}\n", "l.yaml")
            .unwrap();
        assert!(!c.is_working_day(d("2028-02-29")));
        let err = Calendar::from_yaml_str("known_years: {from: 2010, to: 2009}\n", "k.yaml").unwrap_err();
        assert_eq!(err.line, 1, "{err}");
        let err = Calendar::from_yaml_str("weekend: [saturday, sunday]\n", "k.yaml").unwrap_err();
        assert!(err.message.contains("known_years"), "{err}");
        let err = Calendar::from_yaml_str("known_years: {from: 2010, to: 2011}\nweekend: [caturday]\n", "k.yaml")
            .unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }

    #[test]
    fn a_holiday_listed_twice_moves_once() {
        // Sunday 1 January 2023 moved to Tuesday 3 January (Monday 2 January is a holiday itself).
        let mut cal = Calendar::builtin();
        assert!(!cal.is_working_day(d("2023-01-03")));
        assert!(cal.is_working_day(d("2023-01-04")));
        cal.extend_from_yaml_str("holidays:\n  - {id: again, dates: [\"01-01\"]}\n", "l.yaml").unwrap();
        assert!(cal.is_working_day(d("2023-01-04")));
    }

    #[test]
    fn extend_with_a_users_file() {
        let mut cal = Calendar::builtin();
        assert!(cal.is_working_day(d("2027-01-08")));
        let extra = "known_years: {from: 2027, to: 2027}\ntransfers:\n  - {worked: 2027-01-09, off: 2027-01-08}\nholidays:\n  - {id: test-day, dates: [\"02-03\"], from: 2027, to: 2027}\n";
        cal.extend_from_yaml_str(extra, "calendar/local.yaml").unwrap();
        assert!(!cal.is_working_day(d("2027-01-08")));
        assert!(cal.is_working_day(d("2027-01-09")));
        assert!(!cal.is_working_day(d("2027-02-03")));
        assert_eq!(cal.known_years(), 2007..=2027);
        let err =
            cal.extend_from_yaml_str("transfers:\n  - {worked: 2027-01-09, of: 2027-01-08}\n", "x.yaml").unwrap_err();
        assert_eq!((err.line, err.origin.as_str()), (2, "x.yaml"), "{err}");
        let err = cal.extend_from_yaml_str("holidays:\n  - {id: x, dates: [\"13-01\"]}\n", "x.yaml").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("13-01"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn date() -> impl Strategy<Value = NaiveDate> {
        // 1995–2035: inside and outside the years the shipped calendar knows.
        (0i64..(41 * 366)).prop_map(|d| NaiveDate::from_ymd_opt(1995, 1, 1).unwrap() + Duration::days(d))
    }

    proptest! {
        #[test]
        fn adding_then_counting_gives_the_days_back(d in date(), n in 0u32..400) {
            let cal = Calendar::builtin();
            let later = cal.add_working_days(d, n);
            prop_assert_eq!(cal.working_days_between(d, later), i64::from(n));
            if n > 0 {
                prop_assert!(cal.is_working_day(later));
                prop_assert!(later > d);
                prop_assert!(cal.add_working_days(d, n + 1) > later);
            }
        }

        #[test]
        fn counting_is_antisymmetric_and_adds_up(a in date(), b in date(), c in date()) {
            let cal = Calendar::builtin();
            prop_assert_eq!(cal.working_days_between(a, b), -cal.working_days_between(b, a));
            prop_assert_eq!(
                cal.working_days_between(a, b) + cal.working_days_between(b, c),
                cal.working_days_between(a, c)
            );
        }
    }
}
