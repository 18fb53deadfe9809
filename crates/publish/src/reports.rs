//! Reports as tables: the journal of applications (Annex 2), the half-year report (O146-13),
//! the Register of deposited software products (D1124-41), the State Register (D1124-28) and
//! the deadlines. Each is plain data built from the catalog for one edition and language, so
//! that the HTML page, the CSV file and the JSON file always say the same thing.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::check::{DeadlineState, DeadlineStatus};
use crate::finding::Finding;
use crate::meta::{Event, Localized};
use crate::model::{Deposit, System};
use crate::rulebook::Role;

/// Which systems a view looks at: every one, or a few by id (the one system whose part of every
/// listing a live session compares, the systems a live update renders). A few are looked up by
/// id, with their deadlines and findings, never found by scanning the whole archive: a live
/// session asks for one system's part a dozen times on every edit.
#[derive(Debug, Clone, Copy)]
pub enum Only<'a> {
    /// Every system of the archive.
    All,
    /// Only the systems with these ids.
    Systems(&'a BTreeSet<String>),
}

impl<'a> Only<'a> {
    /// Whether the system `id` is looked at.
    pub fn keeps(self, id: &str) -> bool {
        match self {
            Only::All => true,
            Only::Systems(ids) => ids.contains(id),
        }
    }

    /// The systems kept, in the archive's order (by id).
    pub fn systems<'c>(self, cat: &'c Catalog) -> impl Iterator<Item = &'c System> + use<'a, 'c> {
        self.either(cat.archive.systems.iter(), move |ids| ids.iter().filter_map(move |id| cat.archive.system(id)))
    }

    /// The deadlines of the systems kept, in the catalog's order.
    pub fn deadlines<'c>(self, cat: &'c Catalog) -> impl Iterator<Item = &'c DeadlineStatus> + use<'a, 'c> {
        self.either(cat.deadlines.iter(), |ids| cat.deadlines_of(ids.iter().map(String::as_str)).into_iter())
    }

    /// The findings of the systems kept and those of no system, in the catalog's order.
    pub fn findings<'c>(self, cat: &'c Catalog) -> impl Iterator<Item = &'c Finding> + use<'a, 'c> {
        self.either(cat.findings.iter(), |ids| cat.findings_of(ids.iter().map(String::as_str)).into_iter())
    }

    /// `all` for every system, else what `some` makes of the ids, as one iterator type.
    fn either<T, A: Iterator<Item = T>, S: Iterator<Item = T>>(
        self,
        all: A,
        some: impl FnOnce(&'a BTreeSet<String>) -> S,
    ) -> impl Iterator<Item = T> {
        let (all, some) = match self {
            Only::All => (Some(all), None),
            Only::Systems(ids) => (None, Some(some(ids))),
        };
        all.into_iter().flatten().chain(some.into_iter().flatten())
    }
}

/// A table's id and the function that makes it.
type Maker<'a> = (&'static str, fn(&Scope<'a>) -> Table<'a>);

/// An event with its deposit and system.
type Happened<'a> = (&'a System, &'a Deposit, &'a Event);

/// An event with its deposit's place among its system's deposits and its own in the deposit.
type Placed<'a> = (u32, u32, Happened<'a>);

/// The id of each system as one string shared by the keys of all its rows (the rows of a
/// system come together while a table is made).
#[derive(Default)]
struct Ids(Option<Arc<str>>);

impl Ids {
    fn of(&mut self, s: &System) -> Arc<str> {
        match &self.0 {
            Some(id) if **id == *s.id => id.clone(),
            _ => {
                let id: Arc<str> = Arc::from(s.id.as_str());
                self.0 = Some(id.clone());
                id
            }
        }
    }
}

/// One cell: text, optionally a date (shown in the page's language, ISO in CSV and JSON) or a
/// half-year (`2026-H2` in JSON, in the language's words on the page and in the CSV). The
/// text borrows from the catalog where it can: a live edit rebuilds tables of tens of
/// thousands of rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell<'a> {
    /// The value as recorded: the JSON's, and the page's and the CSV's unless `shown` says
    /// otherwise.
    pub text: Cow<'a, str>,
    /// The date the cell holds, when it is a date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The year and the half (1 or 2), when the cell is a half-year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub half: Option<(i32, u8)>,
    /// The cell as the page and the CSV say it in their language, where `text` is a value as
    /// recorded (a status, a state, event kinds, an outcome): the JSON keeps `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown: Option<Cow<'a, str>>,
}

impl<'a> Cell<'a> {
    fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell { text: s.into(), date: None, half: None, shown: None }
    }
    fn date(d: NaiveDate) -> Cell<'a> {
        Cell { text: Cow::Owned(iso_date(d)), date: Some(d), half: None, shown: None }
    }
    fn half_year(year: i32, half: u8) -> Cell<'a> {
        Cell { text: Cow::Owned(format!("{year}-H{half}")), date: None, half: Some((year, half)), shown: None }
    }
    /// A value as recorded (`text`), said in the language as `shown`.
    fn said(text: impl Into<Cow<'a, str>>, shown: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell { shown: Some(shown.into()), ..Cell::text(text) }
    }
    /// The text the page and the CSV show.
    pub fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.text)
    }
}

/// `YYYY-MM-DD`, as chrono writes it, without its formatting machinery for the usual years.
fn iso_date(d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.to_string();
    }
    let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10];
    let mut out = String::with_capacity(10);
    for n in digits {
        out.push(char::from(b'0' + n as u8));
    }
    for n in [m, day] {
        out.push('-');
        out.push(char::from(b'0' + (n / 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    }
    out
}

/// Where a row stands in its table and whose row it is. Every table with rows of single
/// systems is sorted by this key (its own order first, then the system, the deposit's and the
/// event's place in it), so a live session can take one system's rows out of a table it wrote
/// and put that system's new rows in at their places without making the other rows again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowKey {
    /// The row's date, which the table sorts by first; `None` sorts before every date.
    pub date: Option<NaiveDate>,
    /// The table's own order after the date (a deposit's key, a depository number).
    pub text: Box<str>,
    /// The id of the row's system.
    pub system: Arc<str>,
    /// The deposit's place in its system, the event's (or deadline's) place in its list.
    pub deposit: u32,
    /// The place of the event (or deadline) in its deposit's list.
    pub seq: u32,
}

/// Rows with their keys, sorted, split into the table's two lists.
fn sorted<'a>(mut keyed: Vec<(RowKey, Vec<Cell<'a>>)>) -> (Vec<RowKey>, Vec<Vec<Cell<'a>>>) {
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().unzip()
}

fn place(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A report table.
#[derive(Debug, Clone, Serialize)]
pub struct Table<'a> {
    /// File name stem: `reports/<id>.html`, `.csv`, `.json`.
    pub id: String,
    /// Translation key of the title.
    pub title: &'static str,
    /// The clause the report answers.
    pub rule: &'static str,
    /// Translation keys of the columns, or event kinds (named by the rulebooks); also the CSV
    /// and JSON field names.
    pub columns: Vec<String>,
    /// The cells of each row, in the order of `columns` (without the row number).
    pub rows: Vec<Vec<Cell<'a>>>,
    /// The key of each row, in the same order; `None` for a table whose rows count many
    /// systems together (the index of half-years).
    #[serde(skip)]
    pub keys: Option<Vec<RowKey>>,
    /// Whether the first column numbers the rows (1, 2, …): the rows then hold the other
    /// columns, and the number is written with the files.
    pub numbered: bool,
    /// A date the report is due, when the law sets one.
    pub due: Option<NaiveDate>,
    /// Where the report itself stands (submitted, late, not submitted, not yet due), in the
    /// page's language, when it is one the operator submits.
    pub state: Option<String>,
}

/// A CSV cell a spreadsheet will not run: text from a deposit that starts like a formula (`=`,
/// `+`, `-`, `@`, a tab or CR), also after leading blanks (space, tab, CR, LF, which spreadsheet
/// programs skip), gets a leading `'`, as OWASP advises against CSV injection; plain numbers
/// (`-3`) stay as they are. JSON exports carry the text unchanged.
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    let rest = text.trim_start_matches([' ', '\t', '\r', '\n']);
    let formula = (text.starts_with(['\t', '\r']) || rest.starts_with(['=', '+', '-', '@']))
        && text.trim().parse::<f64>().is_err();
    if formula { std::borrow::Cow::Owned(format!("'{text}")) } else { std::borrow::Cow::Borrowed(text) }
}

/// A set as the reports name it: the system's name and the version.
fn set_name(system: &str, version: &str) -> String {
    let mut out = String::with_capacity(system.len() + 1 + version.len());
    out.push_str(system);
    out.push(' ');
    out.push_str(version);
    out
}

/// A column's name in CSV and JSON: its translation key without the `col_` prefix.
pub fn field_name(key: &str) -> &str {
    key.strip_prefix("col_").unwrap_or(key)
}

/// What the reports of one edition may see.
pub struct Scope<'a> {
    /// The catalog the tables are made from.
    pub cat: &'a Catalog,
    /// Whether the tables are for the internal edition: restricted systems and deposits,
    /// findings and deadlines are then included.
    pub internal: bool,
    /// The language of the tables (`kk`, `ru`, `en`).
    pub lang: &'a str,
    /// The theme's words in `lang` (statuses, states, outcomes).
    pub t: &'a toml::Table,
    /// The systems the tables hold (all when none): one system's rows, for a live session to
    /// see whether an edit changed any report.
    pub only: Only<'a>,
}

impl<'a> Scope<'a> {
    fn text(&self, l: Option<&'a Localized>) -> &'a str {
        l.and_then(|l| l.get(self.lang)).unwrap_or("")
    }

    fn systems(&self) -> impl Iterator<Item = &'a System> + '_ {
        self.only.systems(self.cat).filter(|s| s.shown(self.internal))
    }

    /// The deposits shown, each with its place among its system's deposits.
    fn deposits(&self) -> impl Iterator<Item = (&'a System, u32, &'a Deposit)> + '_ {
        self.systems().flat_map(move |s| {
            s.deposits
                .iter()
                .enumerate()
                .filter(move |(_, d)| s.deposit_shown(d, self.internal))
                .map(move |(i, d)| (s, place(i), d))
        })
    }

    fn name(&self, s: &'a System) -> &'a str {
        s.name_in(self.lang)
    }

    /// The theme's word `prefix` + `value` (`status_` + `operating`), or the value itself.
    fn word(&self, prefix: &str, value: &'a str) -> Cell<'a> {
        match self.t.get(&format!("{prefix}{value}")).and_then(|w| w.as_str()) {
            Some(w) if !value.is_empty() => Cell::said(value, w),
            _ => Cell::text(value),
        }
    }

    /// Event kinds by the names the rulebooks give them in the language.
    fn event_names(&self, kinds: &'a [String]) -> Cell<'a> {
        let names: Vec<&str> = kinds
            .iter()
            .map(|k| {
                let named = self.cat.rulebooks.any_event(k).and_then(|e| e.names.get(self.lang));
                crate::theme::event_name(self.t, named, k)
            })
            .collect();
        Cell::said(kinds.join(" / "), names.join(" / "))
    }

    fn body(&self, s: &'a System) -> &'a str {
        s.holder_names_in(self.lang).1
    }

    /// Whether an event kind plays `role`, asked of the rulebooks once per kind.
    fn role_of(&self, role: Role) -> impl Fn(&str) -> bool + 'a {
        let kinds: Vec<&'a str> = self.cat.rulebooks.kinds_with_role(role).collect();
        move |kind| kinds.contains(&kind)
    }

    /// The tables this edition publishes (the journal, the half-year reports and the deadlines
    /// are internal; the registers are in both, with public rows only in the public edition).
    pub fn tables(&self) -> Vec<Table<'a>> {
        self.tables_where(&|_| true)
    }

    /// The tables whose id `want` keeps (a live update makes only those an edit changed).
    pub fn tables_where(&self, want: &dyn Fn(&str) -> bool) -> Vec<Table<'a>> {
        let mut out = Vec::new();
        let fixed: [Maker<'a>; 2] =
            [("state-register", Self::state_register), ("product-register", Self::product_register)];
        let internal: [Maker<'a>; 5] = [
            ("journal", Self::journal),
            ("journal-d1124", Self::journal_d1124),
            ("fixity", Self::fixity),
            ("deadlines", Self::deadlines),
            ("half-years", Self::half_years),
        ];
        for (id, make) in fixed {
            if want(id) {
                out.push(make(self));
            }
        }
        if self.internal {
            for (id, make) in internal {
                if want(id) {
                    out.push(make(self));
                }
            }
            out.extend(self.half_year_details(want));
        }
        out
    }

    /// Annex 2 of O146: the journal of incoming applications, O146 deposits only.
    pub fn journal(&self) -> Table<'a> {
        self.journal_of("O146", "journal", "report_journal", "O146-8", false)
    }

    /// The applications received under D1124 (D1124-36), in the columns of the same journal.
    pub fn journal_d1124(&self) -> Table<'a> {
        self.journal_of("D1124", "journal-d1124", "report_journal_d1124", "D1124-36", true)
    }

    /// One journal per rulebook: the journal entries of the deposits that fall under `book`,
    /// in the columns of Annex 2 (No., application number, date received, state body,
    /// applicant, received by: name and signature).
    /// `receipt`: the journal's entries are the receipts themselves (their date is the date
    /// received), not registrations of an application received earlier.
    fn journal_of(&self, book: &str, id: &str, title: &'static str, rule: &'static str, receipt: bool) -> Table<'a> {
        let journal = self.role_of(Role::Journal);
        let mut ids = Ids::default();
        let mut keyed = Vec::new();
        for (s, di, d) in self.deposits() {
            if self.cat.deposit_rulebooks.get(&d.key()).and_then(|c| c.id()) != Some(book) {
                continue;
            }
            let (system, text) = (ids.of(s), d.key().into_boxed_str());
            for (ei, e) in d.events().iter().enumerate().filter(|(_, e)| journal(&e.kind.value)) {
                let key = RowKey {
                    date: Some(e.date.value),
                    text: text.clone(),
                    system: system.clone(),
                    deposit: di,
                    seq: place(ei),
                };
                keyed.push((key, self.journal_row(s, d, e, receipt)));
            }
        }
        let (keys, rows) = sorted(keyed);
        Table {
            id: id.into(),
            title,
            rule,
            columns: [
                "col_no",
                "col_application_number",
                "col_received",
                "col_state_body_name",
                "col_applicant",
                "col_received_by",
                "col_received_signature",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            rows,
            keys: Some(keys),
            numbered: true,
            due: None,
            state: None,
        }
    }

    /// One entry of the journal, its number apart (the files number the rows). The date
    /// received is the entry's `received` date (blank when not recorded: the registration date
    /// is not the date of receipt); the signature is left for the pen.
    fn journal_row(&self, s: &'a System, d: &'a Deposit, e: &'a Event, receipt: bool) -> Vec<Cell<'a>> {
        let signature = d.doc.as_ref().and_then(|x| x.signature.as_ref());
        let applicant = match (
            signature.and_then(|g| g.name.as_ref()),
            signature.and_then(|g| g.position.as_ref()).and_then(|p| p.get(self.lang)),
        ) {
            (Some(n), Some(p)) => Cow::Owned(format!("{p} {}", n.value)),
            (Some(n), None) => Cow::Borrowed(n.value.as_str()),
            (None, _) => Cow::Borrowed(""),
        };
        vec![
            Cell::text(e.number.as_ref().map_or("", |n| n.value.as_str())),
            match (&e.received, receipt) {
                (Some(r), _) => Cell::date(r.value),
                (None, true) => Cell::date(e.date.value),
                (None, false) => Cell::text(""),
            },
            Cell::text(self.text(s.doc.as_ref().map(|x| &x.holder.full_name))),
            Cell::text(applicant),
            Cell::text(e.by.as_ref().map_or("", |n| n.value.as_str())),
            Cell::text(""),
        ]
    }

    /// D1124-53: the last fixity check of every sealed deposit.
    pub fn fixity(&self) -> Table<'a> {
        let mut ids = Ids::default();
        let keyed = self
            .deposits()
            .filter_map(|(s, di, d)| {
                let seal = d.seal.as_ref()?;
                let last = self.cat.last_fixity(d);
                let key = RowKey { date: None, text: "".into(), system: ids.of(s), deposit: di, seq: 0 };
                Some((
                    key,
                    vec![
                        Cell::text(seal.record.number.as_str()),
                        Cell::text(set_name(self.name(s), &d.version)),
                        Cell::date(seal.record.date),
                        last.map(|e| Cell::date(e.date)).unwrap_or_else(|| Cell::text("")),
                        last.map(|e| self.word("fixity_outcome_", &e.outcome)).unwrap_or_else(|| Cell::text("")),
                        last.map(|e| {
                            let said: Vec<String> =
                                e.details.iter().map(|d| crate::records::fixity_log::say(d, self.t)).collect();
                            Cell::said(e.details.join("; "), said.join("; "))
                        })
                        .unwrap_or_else(|| Cell::text("")),
                    ],
                ))
            })
            .collect();
        let (keys, rows) = sorted(keyed);
        Table {
            id: "fixity".into(),
            title: "report_fixity",
            rule: "D1124-53",
            columns: ["col_depository_number", "col_set", "col_sealed", "col_checked", "col_outcome", "col_details"]
                .into_iter()
                .map(String::from)
                .collect(),
            rows,
            keys: Some(keys),
            numbered: false,
            due: None,
            state: None,
        }
    }

    /// D1124-41: the Register of deposited software products, by depository number.
    pub fn product_register(&self) -> Table<'a> {
        let numbered = self.role_of(Role::DepositoryNumber);
        let mut ids = Ids::default();
        let mut keyed = Vec::new();
        for (s, di, d) in self.deposits() {
            for (ei, e) in d.events().iter().enumerate().filter(|(_, e)| numbered(&e.kind.value)) {
                let developer = s.doc.as_ref().map_or("", |x| self.text(Some(&x.developer.full_name)));
                let number = e.number.as_ref().map_or("", |n| n.value.as_str());
                keyed.push((
                    RowKey {
                        date: Some(e.date.value),
                        text: number.into(),
                        system: ids.of(s),
                        deposit: di,
                        seq: place(ei),
                    },
                    vec![
                        Cell::text(number),
                        Cell::date(e.date.value),
                        Cell::text(self.name(s)),
                        Cell::text(d.version.as_str()),
                        Cell::text(self.body(s)),
                        Cell::text(developer),
                    ],
                ));
            }
        }
        let (keys, rows) = sorted(keyed);
        Table {
            id: "product-register".into(),
            title: "report_product_register",
            rule: "D1124-41",
            columns: [
                "col_depository_number",
                "col_date",
                "col_system",
                "col_version",
                "col_state_body",
                "col_developer",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            rows,
            keys: Some(keys),
            numbered: false,
            due: None,
            state: None,
        }
    }

    /// D1124-28: the State Register of information systems.
    pub fn state_register(&self) -> Table<'a> {
        let registration = self.role_of(Role::Registration);
        let keyed = self
            .systems()
            .map(|s| {
                let key = RowKey { date: None, text: "".into(), system: Arc::from(s.id.as_str()), deposit: 0, seq: 0 };
                let doc = s.doc.as_ref();
                let reg = s.events().iter().filter(|e| registration(&e.kind.value)).min_by_key(|e| e.date.value);
                let row = vec![
                    Cell::text(doc.map_or("", |d| d.code.value.as_str())),
                    Cell::text(self.name(s)),
                    Cell::text(self.body(s)),
                    Cell::text(reg.and_then(|e| e.number.as_ref()).map_or("", |n| n.value.as_str())),
                    reg.map(|e| Cell::date(e.date.value)).unwrap_or_else(|| Cell::text("")),
                    self.word("status_", doc.map_or("", |d| d.status.value.as_str())),
                ];
                (key, row)
            })
            .collect();
        let (keys, rows) = sorted(keyed);
        Table {
            id: "state-register".into(),
            title: "report_state_register",
            rule: "D1124-28",
            columns: ["col_code", "col_system", "col_state_body", "col_registration_number", "col_date", "col_status"]
                .into_iter()
                .map(String::from)
                .collect(),
            rows,
            keys: Some(keys),
            numbered: false,
            due: None,
            state: None,
        }
    }

    /// Deadlines open and missed, with their state body.
    pub fn deadlines(&self) -> Table<'a> {
        // The catalog's order: by due date, file and rule; then each system's own order.
        let mut seen: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        let keyed = self
            .only
            .deadlines(self.cat)
            .filter(|d| matches!(d.state, DeadlineState::Open { .. } | DeadlineState::Missed { .. }))
            .filter_map(|d| {
                let s = self.cat.archive.system(&d.system)?;
                let (state, days) = match d.state {
                    DeadlineState::Open { working_days_left } => ("open", working_days_left),
                    DeadlineState::Missed { working_days } => ("missed", working_days),
                    _ => return None,
                };
                let seq = seen.entry(d.system.as_str()).or_default();
                *seq += 1;
                let mut text = String::with_capacity(d.path.len() + 1 + d.rule.len());
                text.push_str(&d.path);
                text.push('\0');
                text.push_str(&d.rule);
                let key = RowKey {
                    date: Some(d.due),
                    text: text.into(),
                    system: Arc::from(d.system.as_str()),
                    deposit: 0,
                    seq: *seq,
                };
                Some((
                    key,
                    vec![
                        Cell::date(d.due),
                        Cell::text(d.rule.as_str()),
                        self.event_names(&d.to),
                        Cell::text(match &d.deposit {
                            Some(k) => Cow::Owned(set_name(self.name(s), k.rsplit('/').next().unwrap_or(""))),
                            None => Cow::Borrowed(self.name(s)),
                        }),
                        Cell::text(self.body(s)),
                        self.word("state_", state),
                        Cell::text(days.to_string()),
                    ],
                ))
            })
            .collect();
        let (keys, rows) = sorted(keyed);
        Table {
            id: "deadlines".into(),
            title: "report_deadlines",
            rule: "O146-7",
            columns: ["col_due", "col_rule", "col_event", "col_set", "col_state_body", "col_state", "col_working_days"]
                .into_iter()
                .map(String::from)
                .collect(),
            rows,
            keys: Some(keys),
            numbered: false,
            due: None,
            state: None,
        }
    }

    /// Whether the deposit `key` (`system/version`) falls under a rulebook that asks for
    /// half-year reports (O146-13).
    fn reported(&self, key: &str) -> bool {
        self.cat
            .deposit_rulebooks
            .get(key)
            .and_then(|c| c.id())
            .and_then(|id| self.cat.rulebooks.get(id))
            .is_some_and(|b| b.half_year_report.is_some())
    }

    /// The events of reported deposits by half-year (every half-year with work in it that
    /// `want` keeps), each with its deposit's place in its system and its own place in the
    /// deposit, in the archive's order (O146-13).
    fn halves(&self, want: &dyn Fn(i32, u8) -> bool) -> BTreeMap<(i32, u8), Vec<Placed<'a>>> {
        let mut halves: BTreeMap<(i32, u8), Vec<Placed>> = BTreeMap::new();
        // Whether each half-year is wanted, asked once per half-year.
        let mut wanted: BTreeMap<(i32, u8), bool> = BTreeMap::new();
        // One buffer for every deposit's key: this runs over the whole archive on a live edit.
        let mut key = String::new();
        for (s, di, d) in self.deposits() {
            key.clear();
            key.push_str(&d.system);
            key.push('/');
            key.push_str(&d.version);
            if !self.reported(&key) {
                continue;
            }
            for (ei, e) in d.events().iter().enumerate() {
                let half = (e.date.value.year(), if e.date.value.month() <= 6 { 1 } else { 2 });
                if *wanted.entry(half).or_insert_with(|| want(half.0, half.1)) {
                    halves.entry(half).or_default().push((di, place(ei), (s, d, e)));
                }
            }
        }
        halves
    }

    /// The half-year report rule and every half-year from the first event of a reported
    /// deposit to today's, each with its due date and whether it was submitted (O146-13).
    fn schedule(&self) -> Option<(&'a crate::rulebook::HalfYearReport, Vec<crate::rulebook::HalfYear>)> {
        let cat = self.cat;
        let chosen =
            |d: &Deposit| cat.deposit_rulebooks.get(&d.key()).and_then(|c| c.id()).and_then(|id| cat.rulebooks.get(id));
        crate::check::half_year_schedule(&cat.archive, &cat.rulebooks, &chosen, &cat.site_journal, cat.today)
    }

    /// The index of half-year reports: every half-year from the first deposit on, with its due
    /// date, whether the report was submitted, and the work it counts.
    pub fn half_years(&self) -> Table<'a> {
        let schedule = self.schedule();
        let rule = schedule.as_ref().map(|(r, _)| *r);
        let halves = self.halves(&|_, _| true);
        let rows = schedule
            .iter()
            .flat_map(|(_, s)| s.iter())
            .map(|h| {
                let events = halves.get(&(h.year, h.half)).map(Vec::as_slice).unwrap_or_default();
                let mut row = vec![
                    Cell::half_year(h.year, h.half),
                    Cell::date(h.due),
                    Cell::text(rule.map_or("", |r| r.state_name(h.state, self.lang))),
                    h.submitted.map(Cell::date).unwrap_or_else(|| Cell::text("")),
                ];
                for kind in rule.map(|r| r.counts.as_slice()).unwrap_or_default() {
                    let n = events.iter().filter(|(_, _, (_, _, e))| &e.kind.value == kind).count();
                    row.push(Cell::text(n.to_string()));
                }
                row
            })
            .collect();
        Table {
            id: "half-years".into(),
            title: "report_half_years",
            rule: "O146-13",
            columns: ["col_half_year", "col_due", "col_state", "col_submitted"]
                .into_iter()
                .map(String::from)
                .chain(rule.map(|r| r.counts.clone()).unwrap_or_default())
                .collect(),
            rows,
            // Each row counts the events of many systems.
            keys: None,
            numbered: false,
            due: None,
            state: None,
        }
    }

    fn half_year_id(year: i32, half: u8) -> String {
        format!("half-year-{year}-H{half}")
    }

    /// One report per half-year from the first deposit on (those `want` keeps by id): every
    /// event of the period (none in a quiet one, and the page says so), its due date and
    /// whether it was submitted.
    pub fn half_year_details(&self, want: &dyn Fn(&str) -> bool) -> Vec<Table<'a>> {
        let Some((rule, schedule)) = self.schedule() else { return Vec::new() };
        let mut halves = self.halves(&|y, h| want(&Self::half_year_id(y, h)));
        schedule
            .into_iter()
            .filter(|h| want(&Self::half_year_id(h.year, h.half)))
            .map(|h| {
                let events = halves.remove(&(h.year, h.half)).unwrap_or_default();
                // Each kind's name is looked up in the rulebooks once, not once per event.
                let mut names: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
                let mut ids = Ids::default();
                let keyed = events
                    .into_iter()
                    .map(|(di, ei, (s, d, e))| {
                        let key = RowKey {
                            date: Some(e.date.value),
                            text: d.key().into_boxed_str(),
                            system: ids.of(s),
                            deposit: di,
                            seq: ei,
                        };
                        let kind = e.kind.value.as_str();
                        let name = names.entry(kind).or_insert_with(|| {
                            let named = self
                                .cat
                                .rulebooks
                                .books
                                .iter()
                                .find_map(|b| b.event(kind, crate::rulebook::Level::Deposit))
                                .and_then(|k| k.names.get(self.lang));
                            crate::theme::event_name(self.t, named, kind)
                        });
                        let row = vec![
                            Cell::date(e.date.value),
                            Cell::text(*name),
                            Cell::text(set_name(self.name(s), &d.version)),
                            Cell::text(self.body(s)),
                            Cell::text(e.number.as_ref().map_or("", |n| n.value.as_str())),
                        ];
                        (key, row)
                    })
                    .collect();
                let (keys, rows) = sorted(keyed);
                let mut state = rule.state_name(h.state, self.lang).to_string();
                if let Some(d) = h.submitted {
                    state.push_str(&format!(" ({})", iso_date(d)));
                }
                Table {
                    id: Self::half_year_id(h.year, h.half),
                    title: "report_half_year",
                    rule: "O146-13",
                    columns: ["col_date", "col_event", "col_set", "col_state_body", "col_number"]
                        .into_iter()
                        .map(String::from)
                        .collect(),
                    rows,
                    keys: Some(keys),
                    numbered: false,
                    due: Some(h.due),
                    state: Some(state),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{csv_cell, iso_date};

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in
            [(2026, 11, 23), (1, 1, 1), (999, 12, 31), (2024, 2, 29), (9999, 12, 31), (10000, 1, 1), (-5, 3, 4)]
        {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date), date.to_string());
        }
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_neutralized() {
        assert_eq!(csv_cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("+7 7172 74 00 00"), "'+7 7172 74 00 00");
        assert_eq!(csv_cell("-3"), "-3");
        assert_eq!(csv_cell("2026-11-23"), "2026-11-23");
        assert_eq!(csv_cell("Қойма"), "Қойма");
        for hidden in [" =1+1", "\t=1+1", "\r\n=cmd|' /C calc'!A0", "\n@SUM(A1)", "  +7 7172", "\t-x", "\tplain"] {
            assert_eq!(csv_cell(hidden), format!("'{hidden}"), "{hidden:?}");
        }
        assert_eq!(csv_cell(" -3"), " -3");
        assert_eq!(csv_cell("a = b"), "a = b");
        assert_eq!(csv_cell(" plain"), " plain");
        assert_eq!(csv_cell(""), "");
    }
}

#[cfg(test)]
mod selection {
    use super::Scope;

    /// `tables_where` names each table by the id the table itself carries, so that a live
    /// update asking for one report gets that report, and all of them are the full set.
    #[test]
    fn each_table_is_asked_for_by_its_own_id() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let cat = crate::catalog::Catalog::open(root, today).unwrap();
        let theme = crate::theme::Theme::load(root, "default").unwrap();
        let scope = Scope { cat: &cat, internal: true, lang: "kk", t: theme.words("kk"), only: super::Only::All };
        let all = scope.tables();
        assert!(all.iter().any(|t| t.id.starts_with("half-year-")), "the sample has half-year reports");
        for table in &all {
            let one = scope.tables_where(&|id| id == table.id);
            assert_eq!(one.len(), 1, "{}", table.id);
            assert_eq!(one[0].id, table.id);
            assert_eq!(one[0].rows, table.rows);
            assert_eq!(one[0].keys, table.keys);
        }
        assert!(scope.tables_where(&|_| false).is_empty());
    }
}
