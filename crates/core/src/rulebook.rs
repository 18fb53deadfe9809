//! Rulebooks as data.
//!
//! A rulebook is one regulation turned into data: the components a deposit must have, the
//! Annex 1 fields it must fill in, the lifecycle events it knows, the order they come in and
//! the deadlines between them. The two shipped rulebooks (`rules/o146.yaml`, `rules/d1124.yaml`)
//! are embedded in the binary; a site may replace or add rulebooks from files named in
//! site.toml. Nothing about a clause lives in Rust code that the data can say.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::finding::Severity;
use crate::meta::Localized;
use crate::yaml::{self, YamlError};

/// The rulebooks shipped with qoima, as (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/o146.yaml", include_str!("../../../rules/o146.yaml")),
    ("rules/d1124.yaml", include_str!("../../../rules/d1124.yaml")),
];

/// One regulation as data, read from a rulebook file (`rules/o146.yaml`, `rules/d1124.yaml` or a
/// site's own).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rulebook {
    /// The rulebook's ID (`O146`, `D1124`): what a deposit's `rulebook` field names, and the first
    /// part of the message ids of its texts.
    pub id: String,
    /// The regulation's full title, in each language.
    pub title: Localized,
    /// The original text, relative to the shared seeds.
    #[serde(default)]
    pub source: Option<String>,
    /// The span of application dates (a deposit's `date`) the rulebook applies to.
    pub in_force: InForce,
    /// Clauses in force for only part of the rulebook's span (a clause added by a later
    /// amendment, D1124-41-1): a rule whose clock would start, or whose event is dated, outside
    /// its span is not applied.
    #[serde(default)]
    pub clauses_in_force: BTreeMap<String, InForce>,
    /// Registration in the register is mandatory unless every source of funding is private
    /// (D1124-11): a system with a deposit under this rulebook and no registration event gets
    /// this finding.
    #[serde(default)]
    pub registration_required: Option<RegistrationRequired>,
    /// Clause texts by rule ID, for display.
    #[serde(default)]
    pub clauses: BTreeMap<String, Localized>,
    /// The components of a deposit, each a folder inside it (`source`, `install`, `docs`…).
    pub components: Vec<Component>,
    /// The Annex 1 fields `deposit.yaml` must fill in.
    #[serde(default)]
    pub fields: Vec<FieldRule>,
    /// The fields `system.yaml` must fill in: holder, developer, funding.
    #[serde(default)]
    pub system_fields: Vec<FieldRule>,
    /// The documentation set a deposit must list (D1124-30.5); None when the rulebook asks for
    /// none.
    #[serde(default)]
    pub documentation: Option<Documentation>,
    /// Every event kind the rulebook knows, at deposit, system and site level.
    pub events: Vec<EventKind>,
    /// Anchors that no other event of a deposit may precede (O146-6: nothing before commissioning).
    #[serde(default)]
    pub not_before: Vec<NotBefore>,
    /// Pairs of event kinds whose first occurrences must come in this order.
    #[serde(default)]
    pub order: Vec<Order>,
    /// The deadlines between events, in working or calendar days.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// The duties due by a calendar date every year (D1124-24, D1124-34).
    #[serde(default)]
    pub yearly: Vec<Yearly>,
    /// The operator's half-year report (O146-13); None when the rulebook has none.
    #[serde(default)]
    pub half_year_report: Option<HalfYearReport>,
    /// Where the rulebook was read from (set by the loader).
    #[serde(skip)]
    pub origin: String,
}

/// A span of dates, both ends included, in which a rulebook or one of its clauses is in force.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    /// The first day in force.
    pub from: NaiveDate,
    /// The last day in force; None when no end is known.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl InForce {
    /// Whether `d` falls within the span.
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.from && self.to.is_none_or(|to| d <= to)
    }
}

pub use crate::messages::Text;

/// The finding for a system that must be registered and has no registration event (D1124-11).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequired {
    /// The rule ID the finding cites.
    pub rule: String,
    /// How serious the finding is.
    pub severity: Severity,
    /// What the finding says, in each language.
    pub message: Text,
}

/// Whose duty a yearly obligation is, by the system's sources of funding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FundedBy {
    /// Every system.
    #[default]
    Any,
    /// Systems with at least one state source of funding (state software products, D1124-34).
    State,
}

/// A component of a deposit (`source`, `install`, `database`…) and the clause that asks for it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Also the folder name inside the deposit.
    pub id: String,
    /// The rule ID that asks for the component (O146-5.1 for `source`).
    pub rule: String,
    /// Whether the deposit must have it: a required component missing or empty is an error, an
    /// optional one present but empty a warning.
    pub required: bool,
    /// Further checks of the component's files (build files, third-party code, empty files).
    #[serde(default)]
    pub checks: Vec<ComponentCheck>,
}

/// A check of a component's files beyond their presence; a failure is a finding in the
/// rulebook's own words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentCheck {
    /// The check's ID within its component (`build-files`), part of its message id.
    pub id: String,
    /// The rule ID a failure cites.
    pub rule: String,
    /// How serious a failure is.
    pub severity: Severity,
    /// At least one file of the component matches one of these globs (matched against the
    /// file's name, or its path inside the component when the glob has a `/`).
    #[serde(default)]
    pub any_file: Vec<String>,
    /// …or the deposit fills in this field instead.
    #[serde(default)]
    pub or_field: Option<String>,
    /// No file of the component may be empty.
    #[serde(default)]
    pub no_empty_files: bool,
    /// What a failure says, in each language.
    pub message: Text,
}

/// A field that `deposit.yaml` or `system.yaml` must fill in, and the clause that asks for it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    /// Dotted path in the YAML document, e.g. `build.environment`.
    pub field: String,
    /// The rule ID a missing or too small value cites.
    pub rule: String,
    /// How serious a missing or too small value is.
    pub severity: Severity,
    /// A lower bound for a number.
    #[serde(default)]
    pub min: Option<f64>,
    /// Another field that satisfies the rule as well.
    #[serde(default)]
    pub alternative: Option<String>,
    /// The rulebook's own words for the finding; None when the general message says it
    /// (`field-missing`, `field-below-minimum`).
    #[serde(default)]
    pub message: Option<Text>,
}

/// The normative-technical documentation set a deposit must list under `documentation:`
/// (D1124-30.5).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Documentation {
    /// The rule ID findings on the set cite.
    pub rule: String,
    /// How serious a missing document is (an unknown, misplaced or absent file is always an error).
    pub severity: Severity,
    /// The documents of the set, in the order they are listed.
    pub items: Vec<DocItem>,
}

/// One document of the documentation set.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocItem {
    /// The document's key under `documentation:` in `deposit.yaml` (`user_guide`).
    pub id: String,
    /// The document's name, in each language.
    pub names: Localized,
}

/// Where events of a kind are recorded, and which events a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// An event of one deposit (deposit.yaml).
    #[default]
    Deposit,
    /// An event of the register record of the system (system.yaml).
    System,
    /// An event of the depository itself, in the site's journal beside site.toml (the
    /// operator's half-year report, O146-13).
    Site,
}

/// An event kind a rulebook knows: its level, particulars, outcomes and the part it plays.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventKind {
    /// The kind's name, as an event's `kind` gives it (`commissioned`).
    pub kind: String,
    /// Where events of this kind are recorded.
    #[serde(default)]
    pub level: Level,
    /// The rule ID that provides for the event.
    pub rule: String,
    /// Particulars the event must carry: `number`, `reasons`, `year`, `to`, `outcome`, `by`.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Flags that must be `true` (e.g. `authorized_body_notified`, O146-10).
    #[serde(default)]
    pub must_be_true: Vec<String>,
    /// The allowed values of `outcome`, when the event has one.
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// What the event means to registers, reports and documents (see [`Role`]).
    #[serde(default)]
    pub role: Option<Role>,
    /// Its `number` is never reused across the archive (journal, registration, depository and
    /// certificate numbers).
    #[serde(default)]
    pub unique_number: bool,
    /// An outcome that makes the event count as another kind as well, with that kind's
    /// particulars (a yearly notice with `outcome: terminated` is a termination notice, D1124-24).
    #[serde(default)]
    pub outcome_means: BTreeMap<String, String>,
    /// The kind's name for display, in each language.
    pub names: Localized,
}

/// The part an event kind plays outside its own rulebook's checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An entry of the journal of incoming applications (Annex 2).
    Journal,
    /// Registration in the State Register, with the registration number (D1124-15).
    Registration,
    /// The registration certificate (D1124-18).
    RegistrationCertificate,
    /// A depository number assigned (D1124-41).
    DepositoryNumber,
    /// The depository certificate (D1124-41-1).
    DepositoryCertificate,
    /// The verification conclusion (D1124-40).
    Conclusion,
    /// A return with reasons (D1124-19, D1124-42).
    Return,
    /// The system (or product) is withdrawn from operation.
    Withdrawal,
    /// The objects are handed over or transferred to the archive.
    Transfer,
}

/// An anchor event that no other event of a deposit may precede; an event dated before it, or an
/// application `date` before it, is a finding.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NotBefore {
    /// The event kind whose first occurrence the deposit's other events may not precede.
    pub anchor: String,
    /// Event kinds that may come before the anchor (`portal_registered`, `documentation_approved`).
    #[serde(default)]
    pub except: Vec<String>,
    /// A deposit without the anchor event is a finding too (O146-6: no commissioning, no
    /// accounting).
    #[serde(default)]
    pub required: bool,
    /// The rule ID the findings cite.
    pub rule: String,
    /// How serious the findings are.
    pub severity: Severity,
    /// Why the dates are wrong, in each language.
    pub message: Text,
}

/// Two event kinds whose first occurrences must come in this order; the other way round is an
/// error.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// The kind that comes first.
    pub first: String,
    /// The kind that may not be dated before the first occurrence of `first`.
    pub then: String,
    /// The rule ID the finding cites.
    pub rule: String,
    /// Whose events are compared: a deposit's or its system's.
    #[serde(default)]
    pub level: Level,
}

/// How a deadline counts its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    /// Working days of the Kazakh calendar (`calendar/kz.yaml`).
    Working,
    /// Calendar days, weekends and holidays included.
    Calendar,
}

/// Which occurrences of a deadline's `from` events start a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Starts {
    /// Every occurrence starts a clock of its own.
    #[default]
    Each,
    /// One clock, from the earliest occurrence.
    Earliest,
    /// One clock, from the latest of the first occurrences of the `from` kinds recorded (a kind
    /// not recorded is passed by): the application of O146-7 is due once the system is both
    /// commissioned and, when it is, registered on the portal.
    Latest,
}

/// A deadline: so many days from a starting event until an event that fulfils it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// The deadline's ID within its rulebook (`application`, `pass-to-sts`), as the JSON report
    /// gives it.
    pub id: String,
    /// The rule ID that sets the deadline, cited by a late or missed one.
    pub rule: String,
    /// Whose events it is counted on: a deposit's or its system's.
    #[serde(default)]
    pub level: Level,
    /// The starting events: each occurrence of any of them starts a clock…
    pub from: Vec<String>,
    /// …or only the earliest one does (`starts: earliest`).
    #[serde(default)]
    pub starts: Starts,
    /// Only occurrences with this `outcome` start the clock.
    #[serde(default)]
    pub where_outcome: Option<String>,
    /// No clock without this event (its absence is a finding of its own, e.g. O146-6).
    #[serde(default)]
    pub needs: Option<String>,
    /// How many days the deadline gives, counted in `unit`.
    pub days: u32,
    /// Whether `days` are working or calendar days.
    pub unit: DayUnit,
    /// The events that fulfil the deadline.
    pub to: Vec<String>,
    /// How serious a late or missed deadline is.
    pub severity: Severity,
    /// The deadline's name for display, in each language.
    pub names: Localized,
}

/// A duty due every year by a calendar date (the yearly notice of D1124-24, the yearly update of
/// D1124-34).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Yearly {
    /// The duty's ID within its rulebook (`yearly-notice`), as the JSON report gives it.
    pub id: String,
    /// The rule ID that sets the duty, cited when a year's duty is late or missed.
    pub rule: String,
    /// MM-DD, a calendar date.
    pub due: String,
    /// The event kind that fulfils the duty for a year, with that year in its `year`.
    pub event: String,
    /// The yearly duty starts in the year after this event (at system or deposit level).
    pub starts_after: String,
    /// Event kinds whose first occurrence ends the duty (a termination notice, a withdrawal).
    #[serde(default)]
    pub stops_at: Vec<String>,
    /// How serious a late or missed year is.
    pub severity: Severity,
    /// The clause of the reminder or warning that a missed duty calls for.
    #[serde(default)]
    pub reminder: Option<String>,
    /// Whose duty it is by the sources of funding (`state`: state software products only).
    #[serde(default)]
    pub funded_by: FundedBy,
    /// The duty's name for display, in each language.
    pub names: Localized,
}

impl Yearly {
    /// The due date in `year`, or None when `due` is not a valid MM-DD for that year.
    pub fn due_in(&self, year: i32) -> Option<NaiveDate> {
        let (m, d) = self.due.split_once('-')?;
        NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
    }
}

/// The operator's half-year report to the authorized body (O146-13): when it is due and which
/// event records it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HalfYearReport {
    /// The rule ID a late or missing report cites.
    pub rule: String,
    /// The day of the month after the half-year by which the report is due (10 under O146-13).
    pub day_of_next_month: u32,
    /// The site-level event that records the report's submission (with `year` and `half`).
    pub event: String,
    /// The severity of a report submitted late or not at all.
    pub severity: Severity,
    /// The words for where a report stands, by [`HalfYearState`] name.
    pub states: BTreeMap<String, Localized>,
    /// The event kinds the report counts, one column each.
    #[serde(default)]
    pub counts: Vec<String>,
}

/// Where a half-year report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HalfYearState {
    /// Submitted by its due date.
    Submitted,
    /// Submitted after its due date.
    Late,
    /// Not submitted, and the due date has passed.
    Missing,
    /// Not due yet (the half-year is not over, or its due date is still ahead).
    NotDue,
}

impl HalfYearState {
    /// Every state, in the order reports list them.
    pub const ALL: [HalfYearState; 4] =
        [HalfYearState::Submitted, HalfYearState::Late, HalfYearState::Missing, HalfYearState::NotDue];

    /// The state's name as a key of the rulebook's `states` and in the JSON report (`not_due`).
    pub fn name(self) -> &'static str {
        match self {
            HalfYearState::Submitted => "submitted",
            HalfYearState::Late => "late",
            HalfYearState::Missing => "missing",
            HalfYearState::NotDue => "not_due",
        }
    }
}

/// One half-year of the operator's reporting (O146-13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HalfYear {
    /// The year the half-year belongs to.
    pub year: i32,
    /// Which half: 1 for January to June, 2 for July to December.
    pub half: u8,
    /// The date the report is due.
    pub due: NaiveDate,
    /// Where the report stands today.
    pub state: HalfYearState,
    /// The recorded submission, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted: Option<NaiveDate>,
    /// Where the submission is in the site's journal; unknown when there is none.
    #[serde(skip)]
    pub pos: crate::yaml::Pos,
}

impl HalfYearReport {
    /// Every half-year from the one holding `first` to the one holding `today`, each with its
    /// due date and whether the report was submitted (an event of kind `event` with its `year`
    /// and `half` among `recorded`).
    pub fn schedule(&self, first: NaiveDate, recorded: &[crate::meta::Event], today: NaiveDate) -> Vec<HalfYear> {
        use chrono::Datelike;
        let half_of = |d: NaiveDate| if d.month() <= 6 { 1u8 } else { 2 };
        let (mut y, mut h) = (first.year(), half_of(first));
        let mut out = Vec::new();
        while (y, h) <= (today.year(), half_of(today)) {
            let Some(due) = self.due(y, h) else { break };
            let sent = recorded
                .iter()
                .filter(|e| {
                    e.kind.value == self.event
                        && e.year.as_ref().is_some_and(|v| v.value == y)
                        && e.half.as_ref().is_some_and(|v| v.value == h)
                        && e.date.value <= today
                })
                .min_by_key(|e| e.date.value);
            let state = match sent {
                Some(e) if e.date.value <= due => HalfYearState::Submitted,
                Some(_) => HalfYearState::Late,
                None if today > due => HalfYearState::Missing,
                None => HalfYearState::NotDue,
            };
            out.push(HalfYear {
                year: y,
                half: h,
                due,
                state,
                submitted: sent.map(|e| e.date.value),
                pos: sent.map(|e| e.date.pos).unwrap_or_default(),
            });
            (y, h) = if h == 1 { (y, 2) } else { (y + 1, 1) };
        }
        out
    }

    /// The word for `state` in `lang`.
    pub fn state_name(&self, state: HalfYearState, lang: &str) -> &str {
        self.states.get(state.name()).and_then(|l| l.get(lang)).unwrap_or(state.name())
    }

    /// The due date of the report for half `half` (1 or 2) of `year`.
    pub fn due(&self, year: i32, half: u8) -> Option<NaiveDate> {
        let (y, m) = if half == 1 { (year, 7) } else { (year + 1, 1) };
        NaiveDate::from_ymd_opt(y, m, self.day_of_next_month)
    }
}

impl Rulebook {
    /// Reads a rulebook and checks that it is consistent with itself (every event named by a
    /// constraint or deadline exists, every due date parses).
    pub fn from_yaml_str(text: &str, origin: &str) -> Result<Rulebook, YamlError> {
        let mut book: Rulebook = yaml::parse(text)?;
        book.origin = origin.to_string();
        book.validate().map_err(|why| YamlError::said(crate::yaml::Pos::UNKNOWN, why))?;
        Ok(book)
    }

    fn validate(&self) -> Result<(), crate::messages::Msg> {
        use crate::messages::Msg;
        let known = |k: &str| self.events.iter().any(|e| e.kind == k);
        let mut names: Vec<&str> = Vec::new();
        for n in &self.not_before {
            names.push(&n.anchor);
            names.extend(n.except.iter().map(String::as_str));
        }
        for o in &self.order {
            names.push(&o.first);
            names.push(&o.then);
        }
        for d in &self.deadlines {
            names.extend(d.from.iter().map(String::as_str));
            names.extend(d.to.iter().map(String::as_str));
            names.extend(d.needs.as_deref());
        }
        for e in &self.events {
            names.extend(e.outcome_means.values().map(String::as_str));
            if let Some(o) = e.outcome_means.keys().find(|o| !e.outcomes.contains(o)) {
                let args = crate::args! { "event" => e.kind.as_str(), "outcome" => o.as_str() };
                return Err(Msg::new("rulebook-outcome-unknown", args));
            }
        }
        for y in &self.yearly {
            names.push(&y.event);
            names.push(&y.starts_after);
            names.extend(y.stops_at.iter().map(String::as_str));
            if y.due_in(2001).is_none() {
                return Err(Msg::new(
                    "rulebook-yearly-due",
                    crate::args! { "id" => y.id.as_str(), "due" => y.due.as_str() },
                ));
            }
        }
        if let Some(h) = &self.half_year_report {
            names.extend(h.counts.iter().map(String::as_str));
            names.push(&h.event);
            let missing = HalfYearState::ALL.iter().find(|s| !h.states.contains_key(s.name()));
            if let Some(s) = missing {
                return Err(Msg::new("rulebook-state-missing", crate::args! { "state" => s.name() }));
            }
        }
        if let Some(n) = names.into_iter().find(|n| !known(n)) {
            return Err(Msg::new("rulebook-event-unknown", crate::args! { "book" => self.id.as_str(), "event" => n }));
        }
        Ok(())
    }

    /// The event kind `kind` at `level`, if this rulebook knows it.
    pub fn event(&self, kind: &str, level: Level) -> Option<&EventKind> {
        self.events.iter().find(|e| e.kind == kind && e.level == level)
    }

    /// The component `id` (its folder name), if this rulebook has it.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Whether clause `rule` was in force on `date`: the rulebook's own span, narrowed for the
    /// clauses that `clauses_in_force` names.
    pub fn clause_in_force(&self, rule: &str, date: NaiveDate) -> bool {
        self.clauses_in_force.get(rule).is_none_or(|span| span.contains(date))
    }

    /// The message id of a text of this rulebook: its place in the rulebook, the rulebook's id
    /// and the keys down to the text joined by `/` (`O146/components/source/build-files`,
    /// `D1124/fields/copies`, `O146/not_before/commissioned`, `D1124/registration_required`).
    /// A `/` never occurs in the id of a message of the translation files.
    pub fn text_id(&self, keys: &[&str]) -> String {
        std::iter::once(self.id.as_str()).chain(keys.iter().copied()).collect::<Vec<_>>().join("/")
    }

    /// Every text of the rulebook that a finding may say, with its message id.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out = Vec::new();
        if let Some(r) = &self.registration_required {
            out.push((self.text_id(&["registration_required"]), &r.message));
        }
        for c in &self.components {
            for ch in &c.checks {
                out.push((self.text_id(&["components", &c.id, &ch.id]), &ch.message));
            }
        }
        for (section, fields) in [("fields", &self.fields), ("system_fields", &self.system_fields)] {
            for f in fields {
                if let Some(m) = &f.message {
                    out.push((self.text_id(&[section, &f.field]), m));
                }
            }
        }
        for n in &self.not_before {
            out.push((self.text_id(&["not_before", &n.anchor]), &n.message));
        }
        out
    }

    /// The text of a clause in `lang`.
    pub fn clause(&self, rule: &str, lang: &str) -> Option<&str> {
        self.clauses.get(rule).and_then(|l| l.get(lang))
    }
}

/// The rulebooks a site works with, and how a deposit picks one.
#[derive(Debug, Clone)]
pub struct Rulebooks {
    /// Every rulebook the site works with: the shipped ones and those of site.toml `[rules] files`.
    pub books: Vec<Rulebook>,
    /// Used for deposits dated when no rulebook was in force (site.toml `[rules] fallback`).
    pub fallback: Option<String>,
}

impl Rulebooks {
    /// The shipped rulebooks.
    pub fn builtin() -> Rulebooks {
        let books = BUILTIN
            .iter()
            .map(|(origin, text)| {
                Rulebook::from_yaml_str(text, origin)
                    .unwrap_or_else(|e| panic!("shipped rulebook {origin} is broken: {e}"))
            })
            .collect();
        Rulebooks { books, fallback: None }
    }

    /// The rulebook with ID `id`, ignoring case (`o146` finds O146).
    pub fn get(&self, id: &str) -> Option<&Rulebook> {
        self.books.iter().find(|b| b.id.eq_ignore_ascii_case(id))
    }

    /// Adds a rulebook, replacing one with the same id.
    pub fn insert(&mut self, book: Rulebook) {
        self.books.retain(|b| b.id != book.id);
        self.books.push(book);
    }

    /// The rulebook in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> Option<&Rulebook> {
        self.books.iter().find(|b| b.in_force.contains(date))
    }

    /// The definition of an event kind in whichever rulebook has it (at either level).
    pub fn any_event(&self, kind: &str) -> Option<&EventKind> {
        self.books.iter().flat_map(|b| b.events.iter()).find(|e| e.kind == kind)
    }

    /// Whether an event kind plays `role` in any rulebook.
    pub fn has_role(&self, kind: &str, role: Role) -> bool {
        self.kinds_with_role(role).any(|k| k == kind)
    }

    /// The event kinds that play `role` in any rulebook (few: a caller asking about every event
    /// of the archive collects them once).
    pub fn kinds_with_role(&self, role: Role) -> impl Iterator<Item = &str> {
        self.books.iter().flat_map(|b| b.events.iter()).filter(move |e| e.role == Some(role)).map(|e| e.kind.as_str())
    }

    /// The first event that plays `role`, in date order of the list as given.
    pub fn event_with_role<'e>(&self, events: &'e [crate::meta::Event], role: Role) -> Option<&'e crate::meta::Event> {
        events.iter().find(|e| self.has_role(&e.kind.value, role))
    }

    /// The number of the first event that plays `role` (e.g. a deposit's depository number).
    pub fn number_with_role(&self, events: &[crate::meta::Event], role: Role) -> Option<String> {
        self.event_with_role(events, role).and_then(|e| e.number.as_ref()).map(|n| n.value.clone())
    }

    /// The clause text of `rule` from whichever rulebook has it.
    pub fn clause(&self, rule: &str, lang: &str) -> Option<&str> {
        self.books.iter().find_map(|b| b.clause(rule, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn builtin_rulebooks_load_and_pick_by_date() {
        let books = Rulebooks::builtin();
        assert_eq!(books.books.len(), 2);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(books.in_force_on(d("2012-05-01")).unwrap().id, "D1124");
        assert_eq!(books.in_force_on(d("2023-05-01")).unwrap().id, "O146");
        assert!(books.in_force_on(d("2017-01-01")).is_none());
        assert!(books.get("o146").is_some());
    }

    #[test]
    fn unknown_event_in_a_constraint_is_refused() {
        let text = include_str!("../../../rules/o146.yaml").replace(
            "{first: application_sent, then: application_registered",
            "{first: application_snet, then: application_registered",
        );
        let err = Rulebook::from_yaml_str(&text, "x").unwrap_err();
        assert!(err.message.contains("application_snet"), "{err}");
    }

    #[test]
    fn every_text_of_the_shipped_rulebooks_is_in_kazakh_russian_and_english() {
        for (origin, yaml) in BUILTIN {
            let book = Rulebook::from_yaml_str(yaml, origin).unwrap();
            let texts = book.texts();
            // Every `message:` of the file is among the texts findings say.
            assert_eq!(texts.len(), yaml.matches("message:").count(), "{origin}");
            for (id, text) in texts {
                for lang in Lang::ALL {
                    assert!(text.has(lang), "{origin} {id}: no {} text", lang.code());
                }
                let en = text.en();
                for lang in [Lang::Kk, Lang::Ru] {
                    assert_ne!(text.get(lang), en, "{origin} {id}: the {} text is the English one", lang.code());
                    // Written in Cyrillic: Latin letters only in file names, fields and rule IDs.
                    let latin = text.get(lang).chars().filter(char::is_ascii_alphabetic).count();
                    let cyrillic = text.get(lang).chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
                    assert!(cyrillic > latin, "{origin} {id}: {}", text.get(lang));
                }
                assert_ne!(text.get(Lang::Kk), text.get(Lang::Ru), "{origin} {id}");
            }
        }
    }

    #[test]
    fn a_text_is_three_languages_or_a_plain_string_in_english() {
        let text: Text =
            crate::yaml::parse("{kk: \"күндерді тексеріңіз\", ru: \"проверьте даты\", en: \"check the dates\"}")
                .unwrap();
        assert_eq!(text.get(Lang::Kk), "күндерді тексеріңіз");
        assert_eq!(text.get(Lang::Ru), "проверьте даты");
        assert_eq!(text.en(), "check the dates");
        assert_eq!(
            serde_json::Value::from(&text),
            serde_json::json!({"kk": "күндерді тексеріңіз", "ru": "проверьте даты", "en": "check the dates"})
        );
        let plain: Text = crate::yaml::parse("\"check the dates\"").unwrap();
        assert!(plain.has(Lang::En) && !plain.has(Lang::Kk) && !plain.has(Lang::Ru));
        assert_eq!(plain.get(Lang::Kk), "check the dates", "a language the rulebook lacks is said in English");
        let russian_only: Text = crate::yaml::parse("{ru: \"проверьте даты\", kk: \"\"}").unwrap();
        assert_eq!(russian_only.en(), "проверьте даты");
        assert_eq!(russian_only.get(Lang::Kk), "проверьте даты", "an empty text is no text");
        let err = crate::yaml::parse::<Text>("{kk: \"а\", de: \"b\"}").unwrap_err();
        assert!(err.message.contains("de"), "{err}");
        assert!(crate::yaml::parse::<Text>("{}").is_err(), "a text with no words");
        assert!(crate::yaml::parse::<Text>("{en: \"a\", en: \"b\"}").is_err(), "twice the same language");
        // A site's rulebook may give a text as a plain string, in English.
        let mut lines: Vec<&str> = include_str!("../../../rules/o146.yaml").lines().collect();
        let at = lines.iter().position(|l| l.trim() == "message:").unwrap();
        lines.splice(at..at + 4, ["        message: \"put the build files in source/\""]);
        let book = Rulebook::from_yaml_str(&lines.join("\n"), "site.yaml").unwrap();
        let (id, text) = &book.texts()[0];
        assert_eq!(
            (id.as_str(), text.get(Lang::Kk)),
            ("O146/components/source/build-files", "put the build files in source/")
        );
    }

    #[test]
    fn half_year_due_dates() {
        let books = Rulebooks::builtin();
        let r = books.get("O146").unwrap().half_year_report.as_ref().unwrap();
        assert_eq!(r.due(2023, 1).unwrap().to_string(), "2023-07-10");
        assert_eq!(r.due(2023, 2).unwrap().to_string(), "2024-01-10");
    }
}
