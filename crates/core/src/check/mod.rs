//! The rules stage: every rule of the applicable rulebook, run over the loaded archive.
//!
//! Input: the archive (from [`crate::load`]), the rulebooks and the calendar, and "today".
//! Output: findings (each citing a rule ID) and the status of every deadline. The rules read
//! what loading gave them; the only bytes they read themselves are those of sealed files that
//! changed since they were last hashed ([`immutable`]) and of files the depository added to a
//! sealed deposit ([`records`]).

mod components;
mod deadlines;
mod events;
mod fields;
mod immutable;
pub mod records;
pub(crate) mod register;

use chrono::NaiveDate;
use std::collections::BTreeSet;

pub use deadlines::{DeadlineState, DeadlineStatus};

use crate::calendar::Calendar;
use crate::finding::{Finding, Severity, house};
use crate::model::{Archive, Deposit, System};
use crate::rulebook::{HalfYear, HalfYearReport, HalfYearState, Rulebook, Rulebooks};

/// Everything the rules need besides the archive.
pub struct Context<'a> {
    /// The site root, to read sealed files that changed since they were last hashed.
    pub root: &'a std::path::Path,
    /// Hashes of sealed files already computed (kept outside the deposit folders).
    pub hashes: &'a crate::records::seal::HashCache,
    /// The rulebooks of the site: which applies to a deposit, and what each requires.
    pub rulebooks: &'a Rulebooks,
    /// The working-day calendar the deadlines are counted in.
    pub calendar: &'a Calendar,
    /// The day the check is as of: deadlines are judged, and future dates found, against it.
    pub today: NaiveDate,
    /// Where the calendar data comes from, for findings about it.
    pub calendar_path: &'a str,
    globs: components::Globs,
}

impl<'a> Context<'a> {
    /// The context for checking the site at `root` as of `today`, with the rulebooks' glob patterns compiled once.
    pub fn new(
        root: &'a std::path::Path,
        rulebooks: &'a Rulebooks,
        calendar: &'a Calendar,
        today: NaiveDate,
        calendar_path: &'a str,
        hashes: &'a crate::records::seal::HashCache,
    ) -> Self {
        Context {
            root,
            hashes,
            rulebooks,
            calendar,
            today,
            calendar_path,
            globs: components::Globs::compile(rulebooks),
        }
    }
}

/// Which rulebook a deposit is checked under, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulebookChoice {
    /// Named in deposit.yaml.
    Named(String),
    /// In force on the application date.
    InForce(String),
    /// site.toml's fallback: no rulebook was in force on the date.
    Fallback(String),
    /// None applies.
    None,
}

impl RulebookChoice {
    /// The id of the chosen rulebook; None when none applies.
    pub fn id(&self) -> Option<&str> {
        match self {
            RulebookChoice::Named(id) | RulebookChoice::InForce(id) | RulebookChoice::Fallback(id) => Some(id),
            RulebookChoice::None => None,
        }
    }
}

/// What the rules found.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// Every finding of the rules, each citing a rule ID.
    pub findings: Vec<Finding>,
    /// The status of every deadline of every system and deposit.
    pub deadlines: Vec<DeadlineStatus>,
    /// The rulebook of each deposit, by `system/version`.
    pub rulebooks: Vec<(String, RulebookChoice)>,
    /// The manifests of seals taken from the seal cache, by the deposit's index in the
    /// system: for [`fill_manifests`].
    pub manifests: Vec<(usize, crate::model::Manifest)>,
}

/// Puts the manifests a check made or read into the seals taken from the seal cache, so that
/// every seal of the catalog has its manifest.
pub fn fill_manifests(system: &mut System, manifests: Vec<(usize, crate::model::Manifest)>) {
    for (i, manifest) in manifests {
        if let Some(seal) = system.deposits.get_mut(i).and_then(|d| d.seal.as_mut()) {
            seal.manifest = manifest;
            seal.pending = false;
        }
    }
}

/// The rules that look across systems: numbers and codes used twice (register), the records
/// against the archive ([`records`]), and years of deadlines the calendar does not know.
/// Together with [`check_system`] of every system this checks the archive; a live session
/// re-checks one system and runs these again.
///
/// `register` is what [`register::across_archive`] found the last time, when the caller knows
/// that it still holds (see [`register::claims`]).
pub fn across(
    archive: &Archive,
    deadlines: &[DeadlineStatus],
    ctx: &Context,
    register: Option<&[Finding]>,
    kept: &records::Records,
) -> (Vec<Finding>, Vec<Finding>) {
    // Each pass reads the whole archive and none needs another's result: side by side.
    let (register, (mut others, (records, site))) = rayon::join(
        || match register {
            Some(found) => found.to_vec(),
            None => register::across_archive(archive, ctx.rulebooks),
        },
        || {
            rayon::join(
                || calendar_findings(deadlines, ctx),
                || {
                    rayon::join(
                        || records::across_archive(archive, kept, ctx.rulebooks),
                        || site_journal(archive, kept.site_journal, ctx),
                    )
                },
            )
        },
    );
    others.extend(records);
    others.extend(site);
    (register, others)
}

/// Every rule about one system and its deposits.
pub fn check_system(system: &System, ctx: &Context) -> Outcome {
    let mut out = Outcome::default();
    let mut findings = Vec::new();
    if let Some(doc) = &system.doc {
        findings.extend(register::system_record(system, doc, ctx.rulebooks));
        let (f, d) = events::system_events(system, doc, ctx);
        findings.extend(f);
        out.deadlines.extend(d);
    }
    let mut books_used: Vec<&Rulebook> = Vec::new();
    for (i, deposit) in system.deposits.iter().enumerate() {
        let (choice, f) = choose_rulebook(deposit, ctx);
        findings.extend(f);
        let (f, manifest) = immutable::check(deposit, ctx.hashes, ctx);
        findings.extend(f);
        out.manifests.extend(manifest.map(|m| (i, m)));
        findings.extend(records::added_files(system, deposit, ctx));
        let book = choice.id().and_then(|id| ctx.rulebooks.get(id));
        if let (Some(book), Some(doc)) = (book, &deposit.doc) {
            let path = deposit.yaml_path();
            let tree = crate::yaml::Positioned::of(doc);
            findings.extend(fields::deposit_fields(book, &tree, &path));
            findings.extend(components::check(book, deposit, doc, &tree, ctx));
            findings.extend(register::deposit_record(system, deposit, doc));
            let (f, d) = events::deposit_events(system, deposit, doc, book, ctx);
            findings.extend(f);
            out.deadlines.extend(d);
            if !books_used.iter().any(|b| b.id == book.id) {
                books_used.push(book);
            }
        }
        for f in findings.iter_mut().filter(|f| f.deposit.is_none() && f.path.starts_with(&deposit.dir)) {
            f.deposit = Some(deposit.key());
        }
        out.rulebooks.push((deposit.key(), choice));
    }
    if let Some(doc) = &system.doc {
        let book =
            books_used.last().copied().or_else(|| ctx.rulebooks.fallback.as_deref().and_then(|f| ctx.rulebooks.get(f)));
        if let Some(book) = book {
            findings.extend(fields::system_fields(book, doc, &system.yaml_path()));
        }
        findings.extend(register::registration_required(system, doc, &books_used, ctx.rulebooks));
    }
    for f in &mut findings {
        f.system.get_or_insert_with(|| system.id.clone());
    }
    out.findings = findings;
    out
}

fn choose_rulebook(deposit: &Deposit, ctx: &Context) -> (RulebookChoice, Vec<Finding>) {
    let Some(doc) = &deposit.doc else { return (RulebookChoice::None, Vec::new()) };
    let path = deposit.yaml_path();
    if let Some(named) = &doc.rulebook {
        return match ctx.rulebooks.get(&named.value) {
            Some(b) => (RulebookChoice::Named(b.id.clone()), Vec::new()),
            None => {
                let known: Vec<&str> = ctx.rulebooks.books.iter().map(|b| b.id.as_str()).collect();
                let args = crate::args! { "rulebook" => named.value.as_str(), "known" => known.join(", ") };
                let f =
                    Finding::with_id(Severity::Error, house::RULEBOOK, path, "rulebook-unknown", args).at(named.pos);
                (RulebookChoice::None, vec![f])
            }
        };
    }
    let date = doc.date.value;
    if let Some(b) = ctx.rulebooks.in_force_on(date) {
        return (RulebookChoice::InForce(b.id.clone()), Vec::new());
    }
    if let Some(fb) = ctx.rulebooks.fallback.as_deref().and_then(|f| ctx.rulebooks.get(f)) {
        let args = crate::args! { "date" => date.to_string(), "rulebook" => fb.id.as_str() };
        let f = Finding::with_id(Severity::Info, house::RULEBOOK, path, "rulebook-fallback", args).at(doc.date.pos);
        return (RulebookChoice::Fallback(fb.id.clone()), vec![f]);
    }
    let args = crate::args! { "date" => date.to_string() };
    let f = Finding::with_id(Severity::Warning, house::RULEBOOK, path, "rulebook-none", args).at(doc.date.pos);
    (RulebookChoice::None, vec![f])
}

/// The entries of the site's journal, and the operator's half-year reports (O146-13): every
/// half-year from the first event of a deposit under a rulebook that asks for them, each
/// submitted by its due date or a finding.
pub fn site_journal(archive: &Archive, journal: &crate::records::journal::Journal, ctx: &Context) -> Vec<Finding> {
    let path = crate::records::journal::JOURNAL;
    let mut out = events::site_events(journal, path, ctx);
    let chosen = |d: &Deposit| choose_rulebook(d, ctx).0.id().and_then(|id| ctx.rulebooks.get(id));
    let Some((rule, halves)) = half_year_schedule(archive, ctx.rulebooks, &chosen, journal, ctx.today) else {
        return out;
    };
    for h in halves {
        // The year and the half-year (1 or 2) are names, not counts: strings.
        let args = crate::args! {
            "year" => h.year.to_string(), "half" => h.half.to_string(), "due" => h.due.to_string(), "rule" => rule.rule.as_str()
        };
        match h.state {
            HalfYearState::Missing => {
                let args = args.into_iter().chain(crate::args! { "event" => rule.event.as_str() }).collect();
                out.push(Finding::with_id(rule.severity, &rule.rule, path, "half-year-report-missing", args))
            }
            HalfYearState::Late => {
                let late = crate::args! {
                    "date" => h.submitted.map(|d| d.to_string()).unwrap_or_default(),
                    "days" => ctx.calendar.working_days_between(h.due, h.submitted.unwrap_or(h.due)).max(1),
                };
                let args = args.into_iter().chain(late).collect();
                out.push(Finding::with_id(rule.severity, &rule.rule, path, "half-year-report-late", args).at(h.pos))
            }
            HalfYearState::Submitted | HalfYearState::NotDue => {}
        }
    }
    out
}

/// The half-year report rule (O146-13) and every half-year from the first event of a deposit
/// that `chosen` puts under a rulebook asking for the report, to today's.
pub fn half_year_schedule<'r>(
    archive: &Archive,
    rulebooks: &'r Rulebooks,
    chosen: &dyn Fn(&Deposit) -> Option<&'r Rulebook>,
    journal: &crate::records::journal::Journal,
    today: NaiveDate,
) -> Option<(&'r HalfYearReport, Vec<HalfYear>)> {
    let rule = rulebooks.books.iter().find_map(|b| b.half_year_report.as_ref())?;
    let first = archive
        .deposits()
        .filter(|(_, d)| chosen(d).is_some_and(|b| b.half_year_report.is_some()))
        .flat_map(|(_, d)| d.events().iter().map(|e| e.date.value).chain(d.date()))
        .filter(|d| *d <= today)
        .min()?;
    Some((rule, rule.schedule(first, &journal.entries, today)))
}

/// One warning per year that a deadline was counted in but the calendar does not know.
fn calendar_findings(deadlines: &[DeadlineStatus], ctx: &Context) -> Vec<Finding> {
    let years: BTreeSet<i32> = deadlines.iter().flat_map(|d| d.uncovered_years.iter().copied()).collect();
    let known = ctx.calendar.known_years();
    years
        .into_iter()
        .map(|y| {
            let c = ctx.calendar.coverage(y);
            // The holidays' names in each language, as the calendar gives them.
            let names = |list: &[[String; 3]]| {
                let joined = |i: usize| list.iter().map(|n| n[i].as_str()).collect::<Vec<_>>().join(", ");
                crate::messages::in_each_language(joined)
            };
            let args = crate::args! {
                "year" => y.to_string(), "from" => known.start().to_string(), "to" => known.end().to_string(),
                "holidays" => if c.holidays { "law" } else { "until" }, "last_rules" => c.last_rules.to_string(),
                "religious" => names(&c.fixed_religious), "religious_count" => c.fixed_religious.len(),
                "unknown" => names(&c.unknown_religious), "unknown_count" => c.unknown_religious.len(),
            };
            Finding::with_id(Severity::Warning, house::CALENDAR, ctx.calendar_path, "calendar-year-unknown", args)
        })
        .collect()
}
