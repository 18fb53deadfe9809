//! The catalog: one immutable snapshot of the site — configuration, rulebooks, calendar, the
//! loaded archive, the findings and every deadline. Every output is a function of it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::check::{self, Context, DeadlineStatus, RulebookChoice};
use crate::finding::{self, Finding, Severity};
use crate::load;
use crate::model::Archive;
use crate::rulebook::{Rulebook, Rulebooks};
use crate::site::SiteConfig;

/// The file the shipped calendar comes from (for findings that point at it).
pub const CALENDAR_FILE: &str = "calendar/kz.yaml";

/// Why the site cannot be opened at all (exit status 2).
#[derive(Debug)]
pub struct OpenError(pub String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpenError {}

pub struct Catalog {
    pub root: PathBuf,
    pub site: SiteConfig,
    pub rulebooks: Rulebooks,
    pub calendar: Calendar,
    pub today: NaiveDate,
    pub archive: Archive,
    /// Sorted by path and position.
    pub findings: Vec<Finding>,
    pub deadlines: Vec<DeadlineStatus>,
    /// The rulebook each deposit was checked under, by `system/version`.
    pub deposit_rulebooks: BTreeMap<String, RulebookChoice>,
    /// The fixity log, oldest first.
    pub fixity: Vec<crate::fixity::FixityEvent>,
    /// Saved verification conclusions (`qoima examine`) by deposit, oldest first.
    pub examinations: BTreeMap<String, Vec<crate::examine::Conclusion>>,
}

/// Configuration of a site: site.toml with the rulebooks and calendar it names.
pub struct Setup {
    pub site: SiteConfig,
    pub rulebooks: Rulebooks,
    pub calendar: Calendar,
}

/// Reads site.toml and the rulebook and calendar files it names.
pub fn setup(root: &Path) -> Result<Setup, OpenError> {
    let site = SiteConfig::load(root).map_err(|e| OpenError(e.to_string()))?;
    let mut rulebooks = Rulebooks::builtin();
    for file in &site.rules.files {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| OpenError(format!("{file}: cannot read the rulebook named in site.toml: {e}")))?;
        let book = Rulebook::from_yaml_str(&text, file).map_err(|e| OpenError(format!("{file}:{e}")))?;
        rulebooks.insert(book);
    }
    if let Some(fb) = &site.rules.fallback {
        if rulebooks.get(fb).is_none() {
            return Err(OpenError(format!(
                "site.toml: [rules] fallback names `{fb}`, which is no rulebook (known: {})",
                rulebooks.books.iter().map(|b| b.id.as_str()).collect::<Vec<_>>().join(", ")
            )));
        }
        rulebooks.fallback = Some(fb.clone());
    }
    let mut calendar = Calendar::builtin();
    for file in &site.calendar.files {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| OpenError(format!("{file}: cannot read the calendar named in site.toml: {e}")))?;
        calendar.extend_from_yaml_str(&text, file).map_err(|e| OpenError(e.to_string()))?;
    }
    Ok(Setup { site, rulebooks, calendar })
}

impl Catalog {
    /// Loads and checks the site at `root` as of `today`.
    pub fn open(root: &Path, today: NaiveDate) -> Result<Catalog, OpenError> {
        let timings = std::env::var_os("QOIMA_TIMINGS").is_some();
        let clock = std::time::Instant::now();
        let lap = |what: &str| {
            if timings {
                eprintln!("qoima: {what} done at {:.3} s", clock.elapsed().as_secs_f64());
            }
        };
        let Setup { site, rulebooks, calendar } = setup(root)?;
        lap("setup");
        let loaded = load::load_archive(root, &site.site.archive).map_err(|e| OpenError(e.to_string()))?;
        lap("load");
        let ctx = Context::new(root, &rulebooks, &calendar, today, CALENDAR_FILE);
        let outcome = check::run(&loaded.archive, &ctx);
        lap("check");
        let mut findings = loaded.findings;
        findings.extend(outcome.findings);
        finding::normalize(&mut findings);
        lap("sort");
        let deposit_rulebooks = outcome.rulebooks.into_iter().collect();
        let examinations = loaded
            .archive
            .deposits()
            .filter(|(_, d)| d.files.iter().any(|f| f.path.starts_with(crate::examine::CONCLUSIONS)))
            .map(|(_, d)| (d.key(), crate::examine::saved(root, d)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let mut deadlines = outcome.deadlines;
        deadlines.sort_by(|a, b| (a.due, &a.path, &a.rule).cmp(&(b.due, &b.path, &b.rule)));
        Ok(Catalog {
            root: root.to_path_buf(),
            site,
            rulebooks,
            calendar,
            today,
            archive: loaded.archive,
            findings,
            deadlines,
            deposit_rulebooks,
            fixity: crate::fixity::read_log(root),
            examinations,
        })
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// The latest fixity check of a deposit.
    pub fn last_fixity(&self, key: &str) -> Option<&crate::fixity::FixityEvent> {
        self.fixity.iter().rev().find(|e| e.deposit == key)
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}
