//! Printing findings: compiler-style lines for people, one JSON object for programs.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::check::{DeadlineState, DeadlineStatus};
use crate::finding::{Finding, Severity};
use crate::messages::{self, Lang};

fn style(sev: Severity) -> Style {
    match sev {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Cyan.on_default(),
    }
}

/// One finding as `path:line:col: severity[RULE]: message`, the form editors and CI parse; the
/// message in `lang` when it has a translation.
pub fn write_finding(out: &mut (impl Write + ?Sized), f: &Finding, lang: Lang) -> std::io::Result<()> {
    let path = crate::names::printable(&f.path);
    let loc = match (f.line, f.column) {
        (Some(l), Some(c)) => format!("{path}:{l}:{c}"),
        _ => path.into_owned(),
    };
    let s = style(f.severity);
    let bold = Style::new().bold();
    let text = f.text(lang);
    let message = crate::names::printable(&text);
    writeln!(out, "{bold}{loc}:{bold:#} {s}{}[{}]{s:#}: {message}", f.severity.as_str(), f.rule)
}

/// How much the text report says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Errors only, no summary (`-q`).
    Errors,
    /// Errors and warnings, and the summary.
    Default,
    /// Also info findings and open deadlines (`-v`).
    All,
}

/// Which systems and deposits a report speaks of (`check SYSTEM[/VERSION]…`); all when empty.
/// The rules ran over the whole archive; only what is printed is chosen.
pub struct Only {
    targets: Vec<(String, Option<String>)>,
}

impl Only {
    /// The systems and deposits `targets` names, as `SYSTEM` or `SYSTEM/VERSION` (a trailing `/` is
    /// ignored); every one when it names none.
    pub fn new(targets: &[String]) -> Only {
        let targets = targets
            .iter()
            .map(|t| {
                let t = t.trim_end_matches('/');
                match t.split_once('/') {
                    Some((s, v)) => (s.to_string(), Some(v.to_string())),
                    None => (t.to_string(), None),
                }
            })
            .collect();
        Only { targets }
    }

    /// Whether every system and deposit is reported.
    pub fn all(&self) -> bool {
        self.targets.is_empty()
    }

    /// The first target that names no system or deposit of the catalog.
    pub fn unknown(&self, cat: &Catalog) -> Option<String> {
        self.targets.iter().find_map(|(s, v)| {
            let system = cat.archive.system(s);
            let found = match v {
                None => system.is_some(),
                Some(v) => system.is_some_and(|sys| sys.deposits.iter().any(|d| &d.version == v)),
            };
            (!found).then(|| v.as_ref().map_or_else(|| s.clone(), |v| format!("{s}/{v}")))
        })
    }

    fn shows(&self, system: Option<&str>, deposit: Option<&str>) -> bool {
        self.all()
            || self.targets.iter().any(|(s, v)| {
                system == Some(s.as_str())
                    && v.as_ref().is_none_or(|v| deposit.and_then(|d| d.split_once('/')).is_some_and(|(_, dv)| dv == v))
            })
    }

    /// Whether the finding is printed: every finding when no target is named, else those of the
    /// systems and deposits named.
    pub fn finding(&self, f: &Finding) -> bool {
        self.shows(f.system.as_deref(), f.deposit.as_deref())
    }

    /// Whether the deadline is printed: every deadline when no target is named, else those of the
    /// systems and deposits named.
    pub fn deadline(&self, d: &DeadlineStatus) -> bool {
        self.shows(Some(&d.system), d.deposit.as_deref())
    }

    /// Whether any finding shown has error severity (the exit status).
    pub fn has_errors(&self, cat: &Catalog) -> bool {
        if self.all() {
            return cat.has_errors();
        }
        cat.findings.iter().any(|f| f.severity == Severity::Error && self.finding(f))
    }
}

/// The text report of `check`, its findings and summary in `lang`.
pub fn write_text(
    out: &mut (impl Write + ?Sized),
    cat: &Catalog,
    detail: Detail,
    only: &Only,
    lang: Lang,
) -> std::io::Result<()> {
    let shown = |f: &&Finding| match detail {
        Detail::Errors => f.severity == Severity::Error,
        Detail::Default => f.severity != Severity::Info,
        Detail::All => true,
    };
    for f in cat.findings.iter().filter(|f| only.finding(f)).filter(shown) {
        write_finding(out, f, lang)?;
    }
    if detail == Detail::Errors {
        return Ok(());
    }
    let deadlines: Vec<&DeadlineStatus> = cat.deadlines.iter().filter(|d| only.deadline(d)).collect();
    if detail == Detail::All {
        let open: Vec<&&DeadlineStatus> =
            deadlines.iter().filter(|d| matches!(d.state, DeadlineState::Open { .. })).collect();
        if !open.is_empty() {
            writeln!(out, "\n{}", messages::text(lang, "check-open-deadlines", &crate::args! {}))?;
            for d in open {
                if let DeadlineState::Open { working_days_left } = d.state {
                    let left =
                        messages::text(lang, "check-deadline-days-left", &crate::args! { "days" => working_days_left });
                    writeln!(
                        out,
                        "  {}  {:<10} {:<48} {left}",
                        d.due,
                        d.rule,
                        d.deposit.as_deref().unwrap_or(&d.system)
                    )?;
                }
            }
        }
    }
    let summary = Summary::of(cat, only, &deadlines);
    let (e, w, i) = (summary.errors, summary.warnings, summary.infos);
    let hidden = if detail == Detail::All || i == 0 {
        String::new()
    } else {
        messages::text(lang, "check-summary-hidden", &crate::args! { "infos" => i })
    };
    let s = if e > 0 {
        style(Severity::Error)
    } else if w > 0 {
        style(Severity::Warning)
    } else {
        Style::new().bold()
    };
    let checked = messages::text(
        lang,
        "check-summary",
        &crate::args! {
            "systems" => summary.systems,
            "deposits" => summary.deposits,
            "date" => cat.today.to_string(),
            "scope" => if only.all() { "all" } else { "named" },
            "errors" => e,
            "warnings" => w,
            "infos" => i,
        },
    );
    let deadlines = messages::text(
        lang,
        "check-summary-deadlines",
        &crate::args! { "open" => summary.deadlines_open, "missed" => summary.deadlines_missed },
    );
    writeln!(out, "{s}{checked}{s:#}{hidden}{deadlines}")
}

#[derive(Serialize)]
struct Summary {
    systems: usize,
    deposits: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    deadlines_open: usize,
    deadlines_missed: usize,
}

#[derive(Serialize)]
struct DepositRulebook<'a> {
    deposit: &'a str,
    rulebook: Option<&'a str>,
    chosen_by: &'a str,
}

impl Summary {
    /// The counts of what a report shows; the whole catalog's when nothing is chosen.
    fn of(cat: &Catalog, only: &Only, deadlines: &[&DeadlineStatus]) -> Summary {
        let count = |sev: Severity| {
            if only.all() {
                cat.count(sev)
            } else {
                cat.findings.iter().filter(|f| f.severity == sev && only.finding(f)).count()
            }
        };
        Summary {
            systems: cat.archive.systems.len(),
            deposits: cat.archive.deposits().count(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            deadlines_open: deadlines.iter().filter(|d| matches!(d.state, DeadlineState::Open { .. })).count(),
            deadlines_missed: deadlines.iter().filter(|d| matches!(d.state, DeadlineState::Missed { .. })).count(),
        }
    }
}

/// The JSON report of `check`: one object with `findings` and `deadlines` (and the summary, and
/// the rulebook of each deposit), as `serde_json::to_writer_pretty` writes it. The long lists
/// are written in parallel pieces: at 10,000 deposits the report is 29 MB, 60,000 deadlines.
pub fn write_json(out: &mut impl Write, cat: &Catalog, only: &Only) -> std::io::Result<()> {
    use crate::check::RulebookChoice as C;
    let deadlines: Vec<&DeadlineStatus> = cat.deadlines.iter().filter(|d| only.deadline(d)).collect();
    let summary = Summary::of(cat, only, &deadlines);
    let rulebooks: Vec<DepositRulebook> = cat
        .deposit_rulebooks
        .iter()
        .filter(|(k, _)| only.all() || only.shows(k.split_once('/').map(|(s, _)| s), Some(k)))
        .map(|(k, c)| DepositRulebook {
            deposit: k,
            rulebook: c.id(),
            chosen_by: match c {
                C::Named(_) => "named",
                C::InForce(_) => "in_force",
                C::Fallback(_) => "fallback",
                C::None => "none",
            },
        })
        .collect();
    out.write_all(b"{")?;
    field(out, "today", true, |o| pretty_at(o, 1, &cat.today))?;
    field(out, "summary", false, |o| pretty_at(o, 1, &summary))?;
    if only.all() {
        field(out, "findings", false, |o| pretty_list(o, &cat.findings))?;
    } else {
        let findings: Vec<&Finding> = cat.findings.iter().filter(|f| only.finding(f)).collect();
        field(out, "findings", false, |o| pretty_list(o, &findings))?;
    }
    field(out, "deadlines", false, |o| pretty_list(o, &deadlines))?;
    field(out, "rulebooks", false, |o| pretty_list(o, &rulebooks))?;
    out.write_all(b"\n}\n")
}

/// One member of the report's object: its key, then its value as `value` writes it.
fn field<W: Write>(
    out: &mut W,
    key: &str,
    first: bool,
    value: impl FnOnce(&mut W) -> std::io::Result<()>,
) -> std::io::Result<()> {
    out.write_all(if first { b"\n  " } else { b",\n  " })?;
    serde_json::to_writer(&mut *out, key)?;
    out.write_all(b": ")?;
    value(out)
}

/// `value` as the pretty printer writes it `depth` levels deep (two spaces each).
fn pretty_at<T: Serialize + ?Sized>(out: &mut impl Write, depth: usize, value: &T) -> std::io::Result<()> {
    use serde_json::ser::Formatter;
    let mut formatter = serde_json::ser::PrettyFormatter::new();
    for _ in 0..depth {
        // Only the formatter's depth changes: what it writes here is thrown away.
        formatter.begin_array(&mut std::io::sink())?;
    }
    value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter)).map_err(std::io::Error::from)
}

/// A list, one level deep, as the pretty printer writes it: its items made side by side in
/// pieces, then written in order.
fn pretty_list<T: Serialize + Sync>(out: &mut impl Write, items: &[T]) -> std::io::Result<()> {
    use rayon::prelude::*;
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    let pieces: Vec<std::io::Result<Vec<u8>>> = items
        .par_chunks(2048)
        .enumerate()
        .map(|(n, chunk)| {
            let mut piece = Vec::with_capacity(chunk.len() * 256);
            for (i, item) in chunk.iter().enumerate() {
                piece.extend_from_slice(if n == 0 && i == 0 { b"\n    " } else { b",\n    " });
                pretty_at(&mut piece, 2, item)?;
            }
            Ok(piece)
        })
        .collect();
    out.write_all(b"[")?;
    for piece in pieces {
        out.write_all(&piece?)?;
    }
    out.write_all(b"\n  ]")
}

/// A rulebook in a form people read (`qoima rules`), in `lang`: its titles and names in the
/// rulebook's words for that language.
pub fn write_rulebook(
    out: &mut (impl Write + ?Sized),
    b: &crate::rulebook::Rulebook,
    lang: Lang,
) -> std::io::Result<()> {
    use crate::rulebook::{DayUnit, Level};
    let bold = Style::new().bold();
    let say = |id: &str, args: messages::Args| messages::text(lang, id, &args);
    let code = lang.code();
    writeln!(out, "{bold}{}{bold:#}  {}", b.id, b.title.get(code).unwrap_or(""))?;
    let in_force = match b.in_force.to {
        Some(to) => {
            say("rules-in-force", crate::args! { "from" => b.in_force.from.to_string(), "to" => to.to_string() })
        }
        None => say("rules-in-force-today", crate::args! { "from" => b.in_force.from.to_string() }),
    };
    writeln!(out, "{in_force}\n")?;
    writeln!(out, "{bold}{}{bold:#}", say("rules-components", crate::args! {}))?;
    for c in &b.components {
        let req = say(if c.required { "rules-required" } else { "rules-optional" }, crate::args! {});
        writeln!(out, "  {:<16} {:<10} {req}", format!("{}/", c.id), c.rule)?;
        for ch in &c.checks {
            writeln!(out, "    - {} ({}, {}): {}", ch.id, ch.rule, ch.severity.as_str(), ch.message)?;
        }
    }
    writeln!(out, "\n{bold}{}{bold:#}", say("rules-fields", crate::args! {}))?;
    for f in &b.fields {
        writeln!(out, "  {:<28} {:<10} {}", f.field, f.rule, f.severity.as_str())?;
    }
    if let Some(d) = &b.documentation {
        let args = crate::args! { "rule" => d.rule.as_str(), "severity" => d.severity.as_str() };
        writeln!(out, "\n{bold}{}{bold:#}", say("rules-documentation", args))?;
        for i in &d.items {
            writeln!(out, "  {:<28} {}", i.id, i.names.get(code).unwrap_or(""))?;
        }
    }
    for level in [Level::Deposit, Level::System] {
        let events: Vec<_> = b.events.iter().filter(|e| e.level == level).collect();
        if events.is_empty() {
            continue;
        }
        let file = if level == Level::Deposit { "deposit.yaml" } else { "system.yaml" };
        writeln!(out, "\n{bold}{}{bold:#}", say("rules-events", crate::args! { "file" => file }))?;
        for e in events {
            let mut extra = e.requires.iter().map(|r| format!("{r}:")).collect::<Vec<_>>();
            extra.extend(e.must_be_true.iter().map(|r| format!("{r}: true")));
            if !e.outcomes.is_empty() {
                extra.push(format!("outcome: {}", e.outcomes.join("|")));
            }
            writeln!(out, "  {:<28} {:<11} {}  {}", e.kind, e.rule, e.names.get(code).unwrap_or(""), extra.join(" "))?;
        }
    }
    writeln!(out, "\n{bold}{}{bold:#}", say("rules-deadlines", crate::args! {}))?;
    for d in &b.deadlines {
        let unit = if d.unit == DayUnit::Working { "working" } else { "calendar" };
        let args =
            crate::args! { "from" => d.from.join("|"), "to" => d.to.join("|"), "days" => d.days, "unit" => unit };
        writeln!(out, "  {:<11} {}", d.rule, say("rules-deadline", args))?;
    }
    for y in &b.yearly {
        let args = crate::args! { "event" => y.event.as_str(), "due" => y.due.as_str() };
        writeln!(out, "  {:<11} {}", y.rule, say("rules-yearly", args))?;
    }
    if let Some(h) = &b.half_year_report {
        let args = crate::args! { "day" => h.day_of_next_month };
        writeln!(out, "  {:<11} {}", h.rule, say("rules-half-year", args))?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report written in pieces is what serde_json's pretty printer writes of it whole.
    #[test]
    fn the_json_report_is_serde_jsons_pretty_form() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let cat = Catalog::open(root, chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
        let mut out = Vec::new();
        write_json(&mut out, &cat, &Only::new(&[])).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert!(
            !value["findings"].as_array().unwrap().is_empty() && !value["deadlines"].as_array().unwrap().is_empty()
        );
        assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string_pretty(&value).unwrap() + "\n");
    }

    /// The open deadlines' working days left, in each language's plural forms.
    #[test]
    fn working_days_left_take_the_form_the_count_asks_for() {
        let left =
            |lang: Lang, days: i64| messages::text(lang, "check-deadline-days-left", &crate::args! { "days" => days });
        assert_eq!(left(Lang::En, 1), "1 working day left");
        assert_eq!(left(Lang::En, 0), "0 working days left");
        assert_eq!(left(Lang::Ru, 1), "остался 1 рабочий день");
        assert_eq!(left(Lang::Ru, 3), "осталось 3 рабочих дня");
        assert_eq!(left(Lang::Ru, 21), "остался 21 рабочий день");
        assert_eq!(left(Lang::Ru, 8), "осталось 8 рабочих дней");
        assert_eq!(left(Lang::Kk, 8), "8 жұмыс күні қалды");
    }

    /// A list longer than a piece: the pieces join as one list.
    #[test]
    fn a_long_list_is_one_list() {
        #[derive(Serialize)]
        struct Item {
            n: usize,
            tags: Vec<&'static str>,
        }
        for len in [1, 2047, 2048, 2049, 5000] {
            let items: Vec<Item> = (0..len).map(|n| Item { n, tags: vec!["a", "b"] }).collect();
            let mut out = b"{".to_vec();
            field(&mut out, "items", true, |o| pretty_list(o, &items)).unwrap();
            out.extend_from_slice(b"\n}");
            let whole = serde_json::to_string_pretty(&serde_json::json!({ "items": items })).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole, "{len} items");
        }
    }
}
