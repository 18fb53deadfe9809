//! The Kazakh working-day calendar.
//!
//! Deadlines in both regulations are counted in working days of the Republic of Kazakhstan.
//! The facts live in `calendar/kz.yaml` (embedded in the binary; a site may add files of the
//! same form): the weekend, public holidays with the years they apply, religious days off that
//! never move, and the yearly transfers of days off. The rules applied to them:
//!
//! 1. Saturday and Sunday are days off (the `weekend` list).
//! 2. Every public holiday is a day off. One that falls on a day off moves to the next weekday
//!    that is not itself a holiday, a religious day off or an earlier moved day; the days of a
//!    multi-day holiday move one by one, in date order (Nauryz 2026: 21 Mar → 24, 22 → 25).
//! 3. Religious days off (Orthodox Christmas, the first day of Kurban Ait) never move.
//! 4. A transfer makes its `worked` day a working day and its `off` day a day off.
//!
//! "Within N working days after D" ends on the N-th working day after D; D itself never counts.
//! Outside `known_years` the holiday rules still apply, but religious dates and transfers may be
//! missing: callers warn with [`Calendar::uncovered_years`], never guess silently.
//!
//! Everything is precomputed into a prefix sum of working days over a window of years, so that
//! counting and adding are a subtraction and a binary search.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

use crate::meta::Localized;

/// The shipped calendar.
pub const BUILTIN: &str = include_str!("../calendar/kz.yaml");

/// First and last year of the precomputed window; outside it, days are counted one by one.
const WINDOW: RangeInclusive<i32> = 1990..=2060;

/// A calendar file that cannot be used.
#[derive(Debug, Clone)]
pub struct CalendarError {
    pub origin: String,
    /// 1-based; 0 when unknown.
    pub line: u64,
    pub column: u64,
    pub message: String,
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

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[serde(default)]
    name: Option<Localized>,
    #[serde(default)]
    known_years: Option<YearRange>,
    #[serde(default)]
    weekend: Option<Vec<Weekday>>,
    #[serde(default)]
    holidays: Vec<Holiday>,
    #[serde(default)]
    religious: Vec<Religious>,
    #[serde(default)]
    transfers: Vec<Transfer>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearRange {
    from: i32,
    to: i32,
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
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Transfer {
    worked: crate::yaml::At<NaiveDate>,
    off: crate::yaml::At<NaiveDate>,
    /// The decree, for the reader of the file.
    #[serde(default, rename = "source")]
    _source: Option<String>,
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

fn parse_md(value: &crate::yaml::At<String>, year: i32, origin: &str) -> Result<Option<NaiveDate>, CalendarError> {
    let bad = || CalendarError {
        origin: origin.to_string(),
        line: u64::from(value.pos.line),
        column: u64::from(value.pos.column),
        message: format!("`{}` is not a month and day MM-DD", value.value),
    };
    let (m, d) = value.value.split_once('-').ok_or_else(bad)?;
    let (m, d): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || NaiveDate::from_ymd_opt(2000, m, d).is_none() {
        return Err(bad());
    }
    // 29 February exists only in leap years.
    Ok(NaiveDate::from_ymd_opt(year, m, d))
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

    pub fn from_yaml_str(text: &str, origin: &str) -> Result<Calendar, CalendarError> {
        let data = parse_file(text, origin)?;
        if data.known_years.is_none() {
            return Err(CalendarError {
                origin: origin.into(),
                line: 0,
                column: 0,
                message: "`known_years: {from, to}` is required".into(),
            });
        }
        Calendar::compute(data, origin)
    }

    /// Adds a user's calendar file: holidays, religious dates and transfers are added, and
    /// `known_years` widens to cover both.
    pub fn extend_from_yaml_str(&mut self, text: &str, origin: &str) -> Result<(), CalendarError> {
        let extra = parse_file(text, origin)?;
        let mut data = self.data.clone();
        if let Some(k) = extra.known_years {
            let old = data.known_years.unwrap_or(k);
            data.known_years = Some(YearRange { from: old.from.min(k.from), to: old.to.max(k.to) });
        }
        if let Some(w) = extra.weekend {
            data.weekend = Some(w);
        }
        data.holidays.extend(extra.holidays);
        data.religious.extend(extra.religious);
        data.transfers.extend(extra.transfers);
        *self = Calendar::compute(data, origin)?;
        Ok(())
    }

    fn compute(data: CalendarFile, origin: &str) -> Result<Calendar, CalendarError> {
        let known = data.known_years.map(|k| k.from..=k.to).unwrap_or(RangeInclusive::new(1, 0));
        let weekend = data.weekend.clone().unwrap_or_else(|| vec![Weekday::Sat, Weekday::Sun]);
        let start = NaiveDate::from_ymd_opt(*WINDOW.start(), 1, 1).expect("valid window start");
        let end = NaiveDate::from_ymd_opt(*WINDOW.end(), 12, 31).expect("valid window end");
        let days = (end - start).num_days() as usize + 1;
        let mut working: Vec<bool> =
            (0..days).map(|i| !weekend.contains(&(start + Duration::days(i as i64)).weekday())).collect();
        let idx = |d: NaiveDate| -> Option<usize> { (d >= start && d <= end).then(|| (d - start).num_days() as usize) };
        let mut reasons = BTreeMap::new();
        for year in WINDOW {
            // Religious days first: they never move, and moved holidays skip them.
            let mut religious: Vec<(NaiveDate, String)> = Vec::new();
            for r in &data.religious {
                if applies(r.from, r.to, year) {
                    for md in &r.dates {
                        if let Some(d) = parse_md(md, year, origin)? {
                            religious.push((d, r.id.clone()));
                        }
                    }
                }
                religious.extend(r.on.iter().filter(|d| d.year() == year).map(|d| (*d, r.id.clone())));
            }
            let mut public: Vec<(NaiveDate, String)> = Vec::new();
            for h in data.holidays.iter().filter(|h| applies(h.from, h.to, year)) {
                for md in &h.dates {
                    if let Some(d) = parse_md(md, year, origin)? {
                        public.push((d, h.id.clone()));
                    }
                }
            }
            public.sort();
            let is_weekend = |d: NaiveDate| weekend.contains(&d.weekday());
            let taken = |d: NaiveDate, moved: &[NaiveDate]| {
                public.iter().any(|(p, _)| *p == d) || religious.iter().any(|(r, _)| *r == d) || moved.contains(&d)
            };
            let mut moved: Vec<NaiveDate> = Vec::new();
            for (d, id) in &public {
                if let Some(i) = idx(*d) {
                    working[i] = false;
                }
                if is_weekend(*d) {
                    let mut next = *d + Duration::days(1);
                    while is_weekend(next) || taken(next, &moved) {
                        next += Duration::days(1);
                    }
                    moved.push(next);
                    if let Some(i) = idx(next) {
                        working[i] = false;
                    }
                    reasons.insert(next, Reason::Moved(id.clone(), *d));
                } else {
                    reasons.insert(*d, Reason::Holiday(id.clone()));
                }
            }
            for (d, id) in &religious {
                if let Some(i) = idx(*d) {
                    working[i] = false;
                }
                if !is_weekend(*d) {
                    reasons.entry(*d).or_insert_with(|| Reason::Religious(id.clone()));
                }
            }
        }
        for t in &data.transfers {
            if t.worked.value == t.off.value {
                return Err(CalendarError {
                    origin: origin.into(),
                    line: u64::from(t.off.pos.line),
                    column: u64::from(t.off.pos.column),
                    message: "a transfer's `worked` and `off` days must differ".into(),
                });
            }
            if weekend.contains(&t.off.value.weekday()) {
                return Err(CalendarError {
                    origin: origin.into(),
                    line: u64::from(t.off.pos.line),
                    column: u64::from(t.off.pos.column),
                    message: format!("the transferred day off {} is already a weekend day", t.off.value),
                });
            }
            if let Some(i) = idx(t.worked.value) {
                working[i] = true;
            }
            reasons.remove(&t.worked.value);
            if let Some(i) = idx(t.off.value) {
                working[i] = false;
            }
            reasons.insert(t.off.value, Reason::Transfer(t.worked.value));
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

fn parse_file(text: &str, origin: &str) -> Result<CalendarFile, CalendarError> {
    let file: CalendarFile = crate::yaml::parse(text).map_err(|e| CalendarError {
        origin: origin.to_string(),
        line: u64::from(e.pos.line),
        column: u64::from(e.pos.column),
        message: e.message,
    })?;
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
        // package `holidays` (KZ), made by scripts/holidays_fixture.py.
        let table = include_str!("../tests/fixtures/holidays-kz.tsv");
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
