//! The catalog: one immutable snapshot of the site — configuration, rulebooks, calendar, the
//! loaded archive, the findings and every deadline. Every output is a function of it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::calendar::Calendar;
use crate::check::{self, Context, DeadlineStatus, RulebookChoice};
use crate::finding::{self, Finding, Severity};
use crate::load;
use crate::messages::Msg;
use crate::model::{Archive, System};
use crate::rulebook::{Rulebook, Rulebooks};
use crate::seal_cache::SealCache;
use crate::site::SiteConfig;

/// The file the shipped calendar comes from (for findings that point at it).
pub const CALENDAR_FILE: &str = "calendar/kz.yaml";

/// Why the site cannot be opened at all (exit status 2): as the reader that failed says it in
/// English, and as a message in every language.
#[derive(Debug)]
pub struct OpenError(pub String, pub Msg);

impl OpenError {
    /// `message` in English, `said` in every language.
    fn said(message: String, said: Msg) -> OpenError {
        OpenError(message, said)
    }

    /// What is wrong, in `lang`.
    pub fn text(&self, lang: crate::messages::Lang) -> String {
        self.1.text(lang)
    }
}

impl From<crate::site::SiteError> for OpenError {
    fn from(e: crate::site::SiteError) -> OpenError {
        OpenError(e.to_string(), *e.why)
    }
}

impl From<load::LoadError> for OpenError {
    fn from(e: load::LoadError) -> OpenError {
        let args = crate::args! { "path" => e.path.display().to_string(), "why" => e.why.arg() };
        OpenError(e.to_string(), Msg::new("path-said", args))
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpenError {}

/// One immutable snapshot of a site, loaded and checked as of one day: everything `check`,
/// `build`, `package` and `record` work from.
pub struct Catalog {
    /// The site root: the folder that holds `site.toml`.
    pub root: PathBuf,
    /// The site's configuration (`site.toml`).
    pub site: SiteConfig,
    /// The rulebooks the deposits are checked under (`site.toml` names them).
    pub rulebooks: Rulebooks,
    /// The working-day calendar that deadlines are counted in.
    pub calendar: Calendar,
    /// The day the site was checked as of: deadlines are due, late or met as of this day.
    pub today: NaiveDate,
    /// The systems and their deposits, as loaded from the archive's folders.
    pub archive: Archive,
    /// Sorted by path and position.
    pub findings: Vec<Finding>,
    /// Every deadline of every deposit and of the depository, by due date, then path and rule.
    pub deadlines: Vec<DeadlineStatus>,
    /// The rulebook each deposit was checked under, by `system/version`.
    pub deposit_rulebooks: BTreeMap<String, RulebookChoice>,
    /// The fixity log.
    pub fixity: crate::records::fixity_log::Log,
    /// The depository number register.
    pub register: crate::records::register::Register,
    /// The site's journal: the depository's own events (the half-year reports, O146-13).
    pub site_journal: crate::records::journal::Journal,
    /// Saved verification conclusions (`qoima examine`) by deposit, oldest first.
    pub examinations: BTreeMap<String, Vec<crate::records::conclusion::Conclusion>>,
    /// The findings of loading and checking each system, by system: what [`Catalog::reload`]
    /// replaces for the systems that changed.
    parts: BTreeMap<String, Vec<Finding>>,
    /// What loading found at the top of the archive folder (no system).
    archive_findings: Vec<Finding>,
    /// Hashes of sealed files already computed, read once.
    hashes: crate::records::seal::HashCache,
    /// Seals found intact earlier (see [`crate::seal_cache`]).
    seals: SealCache,
    /// Where each system's deadlines and findings are in `deadlines` and `findings` (and the
    /// findings of no system): views of a few systems — a live session's comparison of one
    /// system's part of every listing — look theirs up instead of scanning the archive's.
    owners: Owners,
    /// What the register's rules across systems found (unique codes and numbers), kept for
    /// the next reload: an edit that changes no system's claims finds the same.
    register_across: Vec<Finding>,
}

/// Positions in the catalog's deadlines and findings, by system (see [`Catalog::deadlines_of`]).
#[derive(Default)]
struct Owners {
    deadlines: foldhash::HashMap<String, Vec<u32>>,
    findings: foldhash::HashMap<String, Vec<u32>>,
    /// Findings of no system (the archive folder's own).
    unowned: Vec<u32>,
}

/// The items of `all` that belong to the systems `ids` (by `owners`), and those at `also`, in
/// the order of `all`.
fn in_order<'c, 'i, T>(
    all: &'c [T],
    owners: &foldhash::HashMap<String, Vec<u32>>,
    ids: impl IntoIterator<Item = &'i str>,
    also: &[u32],
) -> Vec<&'c T> {
    let mut at: Vec<u32> = ids.into_iter().filter_map(|id| owners.get(id)).flatten().chain(also).copied().collect();
    at.sort_unstable();
    at.into_iter().filter_map(|i| all.get(i as usize)).collect()
}

impl Owners {
    /// The positions of the items of each system, and of those of none, from the system of
    /// each item in order.
    fn index<'s>(systems: impl Iterator<Item = Option<&'s str>>) -> (foldhash::HashMap<String, Vec<u32>>, Vec<u32>) {
        let mut map: foldhash::HashMap<String, Vec<u32>> = foldhash::HashMap::default();
        let mut none = Vec::new();
        for (i, system) in systems.enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            match system {
                Some(id) => Owners::add(&mut map, id, i),
                None => none.push(i),
            }
        }
        (map, none)
    }

    /// Adds the position `at` to the items of `id` (the id is copied once per system, not once
    /// per item).
    fn add(map: &mut foldhash::HashMap<String, Vec<u32>>, id: &str, at: u32) {
        match map.get_mut(id) {
            Some(v) => v.push(at),
            None => {
                map.insert(id.to_string(), vec![at]);
            }
        }
    }
}

/// The saved verification conclusions of a system's deposits; a recorded one that cannot be
/// read is a finding in `findings`.
fn examinations_of(
    root: &Path,
    system: &System,
    findings: &mut Vec<Finding>,
) -> Vec<(String, Vec<crate::records::conclusion::Conclusion>)> {
    let mut out = Vec::new();
    for d in system.deposits.iter().filter(|d| d.files.iter().any(|f| f.path.starts_with(crate::records::CONCLUSIONS)))
    {
        let (saved, unreadable) = crate::records::conclusion::saved(root, system, d);
        findings.extend(unreadable.into_iter().map(|f| f.in_deposit(&d.key())));
        if !saved.is_empty() {
            out.push((d.key(), saved));
        }
    }
    out
}

/// Configuration of a site: site.toml with the rulebooks and calendar it names.
pub struct Setup {
    /// The site's configuration (`site.toml`).
    pub site: SiteConfig,
    /// The rulebooks `site.toml` names, loaded.
    pub rulebooks: Rulebooks,
    /// The working-day calendar: the shipped one with the site's additions.
    pub calendar: Calendar,
}

/// The text of a file site.toml names (a rulebook or a calendar): `id` says why it cannot be read.
fn named_file(root: &Path, file: &str, id: &'static str) -> Result<String, OpenError> {
    std::fs::read_to_string(root.join(file)).map_err(|e| {
        let said = Msg::new(id, crate::args! { "file" => file, "error" => crate::messages::io(&e) });
        OpenError::said(said.en(), said)
    })
}

/// Reads site.toml and the rulebook and calendar files it names.
pub fn setup(root: &Path) -> Result<Setup, OpenError> {
    let site = SiteConfig::load(root)?;
    let mut rulebooks = Rulebooks::builtin();
    for file in &site.rules.files {
        let text = named_file(root, file, "site-rulebook-unreadable")?;
        let book = Rulebook::from_yaml_str(&text, file).map_err(|e| {
            let at = if e.pos.is_known() { format!("{file}:{}:{}", e.pos.line, e.pos.column) } else { file.clone() };
            let said = Msg::new("path-said", crate::args! { "path" => at, "why" => e.why.arg() });
            OpenError::said(said.en(), said)
        })?;
        rulebooks.insert(book);
    }
    if let Some(fb) = &site.rules.fallback {
        if rulebooks.get(fb).is_none() {
            let known = rulebooks.books.iter().map(|b| b.id.as_str()).collect::<Vec<_>>().join(", ");
            let said = Msg::new("site-fallback-unknown", crate::args! { "book" => fb.as_str(), "known" => known });
            return Err(OpenError::said(said.en(), said));
        }
        rulebooks.fallback = Some(fb.clone());
    }
    let mut calendar = Calendar::builtin();
    for file in &site.calendar.files {
        let text = named_file(root, file, "site-calendar-unreadable")?;
        calendar.extend_from_yaml_str(&text, file).map_err(|e| OpenError::said(e.to_string(), e.said()))?;
    }
    Ok(Setup { site, rulebooks, calendar })
}

/// The catalog's order of deadlines: by due date, then where and which rule.
fn deadline_order(a: &DeadlineStatus, b: &DeadlineStatus) -> std::cmp::Ordering {
    (a.due, &a.path, &a.rule).cmp(&(b.due, &b.path, &b.rule))
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
        // The hashes of sealed files and the records are read beside the archive, not after it.
        let ((loaded, seals), (hashes, (register, fixity, site_journal))) = rayon::join(
            || {
                let seals = SealCache::load(root);
                (load::load_archive(root, &site.site.archive, &seals), seals)
            },
            || {
                rayon::join(
                    || crate::records::seal::HashCache::load(root),
                    || {
                        (
                            crate::records::register::Register::read(root),
                            crate::records::fixity_log::Log::read(root),
                            crate::records::journal::Journal::read(root, crate::records::journal::JOURNAL),
                        )
                    },
                )
            },
        );
        let mut loaded = loaded?;
        lap("load");
        let ctx = Context::new(root, &rulebooks, &calendar, today, CALENDAR_FILE, &hashes);
        let mut archive_findings = Vec::new();
        let mut parts: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
        for f in loaded.findings {
            match &f.system {
                Some(id) => parts.entry(id.clone()).or_default().push(f),
                None => archive_findings.push(f),
            }
        }
        let outcomes: Vec<check::Outcome> =
            loaded.archive.systems.par_iter().map(|s| check::check_system(s, &ctx)).collect();
        let (mut deadlines, mut deposit_rulebooks) = (Vec::new(), BTreeMap::new());
        for (system, outcome) in loaded.archive.systems.iter_mut().zip(outcomes) {
            check::fill_manifests(system, outcome.manifests);
            parts.entry(system.id.clone()).or_default().extend(outcome.findings);
            deadlines.extend(outcome.deadlines);
            deposit_rulebooks.extend(outcome.rulebooks);
        }
        lap("check");
        drop(ctx);
        // In parallel here, where they come in system order; `assemble` then finds one run.
        deadlines.par_sort_by(deadline_order);
        let examinations = loaded
            .archive
            .systems
            .iter()
            .flat_map(|s| examinations_of(root, s, parts.entry(s.id.clone()).or_default()))
            .collect();
        let mut cat = Catalog {
            root: root.to_path_buf(),
            site,
            rulebooks,
            calendar,
            today,
            archive: loaded.archive,
            findings: Vec::new(),
            deadlines,
            deposit_rulebooks,
            fixity,
            register,
            site_journal,
            examinations,
            parts,
            archive_findings,
            hashes,
            seals,
            owners: Owners::default(),
            register_across: Vec::new(),
        };
        cat.assemble(false, true);
        lap("sort");
        Ok(cat)
    }

    /// Makes this the next snapshot: the systems named in `changed` (and any system folder
    /// added or removed since) are read again from disk and re-checked, together with the rules
    /// across systems, while every other system keeps what it had. The same result as
    /// [`Catalog::open`] when only those systems changed; a live session calls it on each edit.
    /// Returns the systems it read again.
    /// When `listing` is false the changed paths were all inside system folders: if each of
    /// those systems is known and its folder is still a folder, the archive folder is not listed
    /// again (its entries are as they were).
    pub fn reload(&mut self, changed: &BTreeSet<String>, listing: bool) -> Result<BTreeSet<String>, OpenError> {
        let archive_dir = self.site.site.archive.clone();
        let base = self.root.join(&archive_dir);
        let known = |id: &String| {
            self.archive.systems.binary_search_by(|s| s.id.as_str().cmp(id)).is_ok()
                && std::fs::symlink_metadata(base.join(id)).is_ok_and(|m| m.is_dir())
        };
        let names: Vec<String> = if !listing && changed.iter().all(known) {
            self.archive.systems.iter().map(|s| s.id.clone()).collect()
        } else {
            let (names, archive_findings) = load::list_archive(&self.root, &archive_dir)?;
            self.archive_findings = archive_findings;
            names
        };
        let present: BTreeSet<&String> = names.iter().collect();
        // Systems listed now but unknown before count as changed, and so do vanished ones.
        let mut ids: BTreeSet<String> = changed.clone();
        ids.extend(names.iter().filter(|n| !self.parts.contains_key(*n)).cloned());
        ids.extend(self.archive.systems.iter().filter(|s| !present.contains(&s.id)).map(|s| s.id.clone()));
        let root = self.root.clone();
        let lap = crate::timings::Lap::of("reload");
        let claims_of = |systems: &[System], id: &str| {
            systems.binary_search_by(|s| s.id.as_str().cmp(id)).ok().map(|i| check::register::claims(&systems[i]))
        };
        let claims_before: Vec<Option<u64>> = ids.iter().map(|id| claims_of(&self.archive.systems, id)).collect();
        // Each id with its system as read now, or None when its folder is gone.
        type Read = (String, Option<(System, Vec<Finding>)>);
        let seals = &self.seals;
        let loaded: Vec<Read> = ids
            .par_iter()
            .map(|id| {
                let here = present.contains(id);
                (id.clone(), here.then(|| load::load_system(&root, &archive_dir, id, seals)))
            })
            .collect();
        lap.at("read");
        let of_changed = |key: &str| key.split_once('/').is_some_and(|(s, _)| ids.contains(s));
        self.examinations.retain(|k, _| !of_changed(k));
        self.deposit_rulebooks.retain(|k, _| !of_changed(k));
        // Where the systems' deadlines are, from the index of the last snapshot: no comparison
        // of names over the whole list.
        let mut gone: Vec<u32> = ids.iter().filter_map(|id| self.owners.deadlines.get(id)).flatten().copied().collect();
        gone.sort_unstable();
        let mut fresh = Vec::new();
        for (id, system) in loaded {
            self.parts.remove(&id);
            let id = id.clone();
            let at = self.archive.systems.binary_search_by(|s| s.id.as_str().cmp(&id));
            match (system, at) {
                (Some((mut system, findings)), at) => {
                    let ctx =
                        Context::new(&root, &self.rulebooks, &self.calendar, self.today, CALENDAR_FILE, &self.hashes);
                    let outcome = check::check_system(&system, &ctx);
                    check::fill_manifests(&mut system, outcome.manifests);
                    let mut findings = findings;
                    findings.extend(outcome.findings);
                    fresh.extend(outcome.deadlines);
                    self.deposit_rulebooks.extend(outcome.rulebooks);
                    self.examinations.extend(examinations_of(&root, &system, &mut findings));
                    self.parts.insert(id, findings);
                    match at {
                        Ok(i) => self.archive.systems[i] = system,
                        Err(i) => self.archive.systems.insert(i, system),
                    }
                }
                (None, Ok(i)) => {
                    self.archive.systems.remove(i);
                }
                (None, Err(_)) => {}
            }
        }
        lap.at("check");
        self.merge_deadlines(&ids, &gone, fresh);
        lap.at("merge deadlines");
        let same_claims =
            ids.iter().zip(claims_before).all(|(id, before)| claims_of(&self.archive.systems, id) == before);
        self.fixity = crate::records::fixity_log::Log::read(&root);
        self.register = crate::records::register::Register::read(&root);
        self.site_journal = crate::records::journal::Journal::read(&root, crate::records::journal::JOURNAL);
        self.assemble(same_claims, false);
        lap.at("assemble");
        Ok(ids)
    }

    /// Takes out the deadlines at `gone` (those of the systems `ids`, read again) and puts
    /// `fresh` (theirs now) in their places in the catalog's order, keeping the index of
    /// deadlines by system: the other systems' positions are moved, not looked up again by
    /// name (60,000 deadlines at 10,000 deposits, on every live edit). The same order as
    /// appending `fresh` and sorting stably.
    fn merge_deadlines(&mut self, ids: &BTreeSet<String>, gone: &[u32], mut fresh: Vec<DeadlineStatus>) {
        fresh.sort_by(deadline_order);
        let old = std::mem::take(&mut self.deadlines);
        let mut moved = vec![u32::MAX; old.len()];
        let mut merged = Vec::with_capacity(old.len() - gone.len().min(old.len()) + fresh.len());
        let mut placed: foldhash::HashMap<String, Vec<u32>> = foldhash::HashMap::default();
        let mut put_fresh = |d: DeadlineStatus, merged: &mut Vec<DeadlineStatus>| {
            Owners::add(&mut placed, &d.system, u32::try_from(merged.len()).unwrap_or(u32::MAX));
            merged.push(d);
        };
        let mut fresh = fresh.into_iter().peekable();
        let mut gone = gone.iter().peekable();
        for (i, d) in old.into_iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            if gone.next_if_eq(&&i).is_some() {
                continue;
            }
            // Equal ones after the kept one, as a stable sort of the two put one after the other.
            while let Some(f) = fresh.next_if(|f| deadline_order(f, &d) == std::cmp::Ordering::Less) {
                put_fresh(f, &mut merged);
            }
            moved[i as usize] = u32::try_from(merged.len()).unwrap_or(u32::MAX);
            merged.push(d);
        }
        for f in fresh {
            put_fresh(f, &mut merged);
        }
        let mut index = std::mem::take(&mut self.owners.deadlines);
        index.retain(|id, _| !ids.contains(id));
        for positions in index.values_mut() {
            for p in positions.iter_mut() {
                *p = moved.get(*p as usize).copied().unwrap_or(u32::MAX);
            }
        }
        index.extend(placed);
        self.owners.deadlines = index;
        self.deadlines = merged;
    }

    /// Puts the findings together from the parts, with the rules across systems run again —
    /// except the register's when `same_claims` says its last findings still hold (see
    /// [`check::register::claims`]). With `index_deadlines` the deadlines are sorted and indexed
    /// by system here (a snapshot opened whole); a reload has merged them already.
    fn assemble(&mut self, same_claims: bool, index_deadlines: bool) {
        let lap = crate::timings::Lap::of("assemble");
        if index_deadlines {
            // Stable sort: opened in parallel, the deadlines are one sorted run already.
            self.deadlines.sort_by(deadline_order);
        }
        lap.at("sort deadlines");
        // Cloned in parallel: the parts stay for the next live update, and a large archive
        // has tens of thousands of findings.
        let parts: Vec<&Vec<Finding>> = self.parts.values().collect();
        let mut findings: Vec<Finding> =
            Vec::with_capacity(self.archive_findings.len() + parts.iter().map(|p| p.len()).sum::<usize>());
        findings.extend(self.archive_findings.iter().cloned());
        {
            use rayon::prelude::*;
            findings.par_extend(parts.par_iter().flat_map_iter(|p| p.iter().cloned()));
        }
        let ctx = Context::new(&self.root, &self.rulebooks, &self.calendar, self.today, CALENDAR_FILE, &self.hashes);
        lap.at("findings");
        // The rules across systems and the index of deadlines by system, side by side.
        let kept = same_claims.then_some(self.register_across.as_slice());
        let records = check::records::Records {
            register: &self.register,
            fixity: &self.fixity,
            site_journal: &self.site_journal,
            replica: self.site.replica.root.as_deref(),
        };
        let ((register, calendar), deadlines) = rayon::join(
            || check::across(&self.archive, &self.deadlines, &ctx, kept, &records),
            || index_deadlines.then(|| Owners::index(self.deadlines.iter().map(|d| Some(d.system.as_str()))).0),
        );
        findings.extend(register.iter().cloned());
        findings.extend(calendar);
        let (bodies, conclusions) = rayon::join(|| self.missing_bodies(), || self.unassessed_conclusions());
        findings.extend(bodies);
        findings.extend(conclusions);
        self.register_across = register;
        lap.at("across");
        finding::normalize(&mut findings);
        let (findings_owners, unowned) = Owners::index(findings.iter().map(|f| f.system.as_deref()));
        self.findings = findings;
        let deadlines = deadlines.unwrap_or_else(|| std::mem::take(&mut self.owners.deadlines));
        self.owners = Owners { deadlines, findings: findings_owners, unowned };
        lap.at("owners");
    }

    /// A warning for each body site.toml does not name although the archive holds a document it
    /// issues: the authorized body (registration certificates, requests and warnings for missed
    /// yearly duties) and the state technical service (conclusions, depository certificates).
    fn missing_bodies(&self) -> Vec<Finding> {
        use crate::rulebook::Role;
        let books = &self.rulebooks;
        let events = || {
            self.archive
                .systems
                .iter()
                .flat_map(|s| s.events().iter().chain(s.deposits.iter().flat_map(|d| d.events())))
        };
        let has = |roles: &[Role]| events().any(|e| roles.iter().any(|r| books.has_role(&e.kind.value, *r)));
        let reminders = self.deadlines.iter().any(|d| {
            matches!(d.state, check::DeadlineState::Missed { .. })
                && books.books.iter().flat_map(|b| b.yearly.iter()).any(|y| y.id == d.id && y.reminder.is_some())
        });
        let mut out = Vec::new();
        if self.site.authorized_body.is_none() && (reminders || has(&[Role::RegistrationCertificate])) {
            let id = "site-no-authorized-body";
            out.push(Finding::with_id(
                Severity::Warning,
                finding::house::SITE,
                crate::site::SITE_FILE,
                id,
                crate::args! {},
            ));
        }
        if self.site.technical_service.is_none() && has(&[Role::Conclusion, Role::Return, Role::DepositoryCertificate])
        {
            let id = "site-no-technical-service";
            out.push(Finding::with_id(
                Severity::Warning,
                finding::house::SITE,
                crate::site::SITE_FILE,
                id,
                crate::args! {},
            ));
        }
        out
    }

    /// D1124-40: a positive conclusion needs the five checks; the catalog knows the application's
    /// form (the findings) and, from the latest `qoima examine`, completeness, the source, the
    /// built modules and, with `--rebuild`, operability. A positive conclusion with any of these
    /// not assessed is a warning unless the conclusion's `note` records why.
    fn unassessed_conclusions(&self) -> Vec<Finding> {
        use crate::rulebook::Role;
        let mut out = Vec::new();
        for s in &self.archive.systems {
            for d in &s.deposits {
                let exam = self.examinations.get(&d.key()).and_then(|v| v.last());
                // Each check, by name, is `first` or `next` in the list of those missing, or `done`.
                let mut missing = crate::args! { "deposit" => format!("{}/{}", s.id, d.version) };
                let mut any = false;
                for id in ["completeness", "source", "built-modules", "rebuild"] {
                    let done = exam.is_some_and(|c| c.checks.iter().any(|k| k.id == id));
                    let place = match (done, any) {
                        (true, _) => "done",
                        (false, false) => "first",
                        (false, true) => "next",
                    };
                    any |= !done;
                    missing.insert(id.replace('-', "_"), place.into());
                }
                if !any {
                    continue;
                }
                for e in d.events() {
                    let positive = e.outcome.as_ref().is_some_and(|o| o.value == "positive");
                    if !positive || e.note.is_some() || !self.rulebooks.has_role(&e.kind.value, Role::Conclusion) {
                        continue;
                    }
                    let path = if e.from_journal() { s.journal_path() } else { d.yaml_path() };
                    let mut args = missing.clone();
                    args.insert("date".into(), e.date.value.to_string().into());
                    out.push(
                        Finding::with_id(Severity::Warning, "D1124-40", path, "conclusion-unassessed", args)
                            .at(e.kind.pos)
                            .in_deposit(&d.key()),
                    );
                }
            }
        }
        out
    }

    /// The deadlines of the systems `ids`, in the catalog's order (by due date).
    pub fn deadlines_of<'c, 'i>(&'c self, ids: impl IntoIterator<Item = &'i str>) -> Vec<&'c DeadlineStatus> {
        in_order(&self.deadlines, &self.owners.deadlines, ids, &[])
    }

    /// The findings of the systems `ids` and those of no system, in the catalog's order.
    pub fn findings_of<'c, 'i>(&'c self, ids: impl IntoIterator<Item = &'i str>) -> Vec<&'c Finding> {
        in_order(&self.findings, &self.owners.findings, ids, &self.owners.unowned)
    }

    /// A sealed deposit's manifest: (SHA-256, path) per file, as read, or — for a seal taken
    /// from the seal cache — as the files' cached hashes make it (the check found they make it
    /// byte for byte). Empty for a deposit without a readable seal.
    pub fn manifest_of<'a>(&'a self, deposit: &'a crate::model::Deposit) -> std::borrow::Cow<'a, [(String, String)]> {
        match &deposit.seal {
            // Made from the cached hashes; when the hash cache lost them, the manifest itself,
            // read as it was found (its SHA-256 is the one the seal cache vouched for).
            Some(seal) if seal.pending => crate::records::seal::manifest_from_cache(deposit, &self.hashes)
                .or_else(|| {
                    let want = deposit.sealed.as_ref()?.manifest.as_deref()?;
                    let text =
                        std::fs::read_to_string(self.root.join(&deposit.dir).join(crate::records::seal::MANIFEST))
                            .ok()?;
                    (crate::records::sha256_hex(text.as_bytes()) == want)
                        .then(|| crate::records::seal::parse_manifest(&text).ok())?
                })
                .unwrap_or_default()
                .into(),
            Some(seal) => seal.manifest.as_slice().into(),
            None => std::borrow::Cow::Borrowed(&[]),
        }
    }

    /// Checks a system as the catalog's rules would (what `record` asks of an entry before it
    /// writes it).
    pub fn check_system(&self, system: &System) -> check::Outcome {
        let ctx = Context::new(&self.root, &self.rulebooks, &self.calendar, self.today, CALENDAR_FILE, &self.hashes);
        check::check_system(system, &ctx)
    }

    /// Checks the site's journal as it would be with `journal` instead (what `record` asks of
    /// an entry of the depository itself before it writes it).
    pub fn check_site_journal(&self, journal: &crate::records::journal::Journal) -> Vec<crate::finding::Finding> {
        let ctx = Context::new(&self.root, &self.rulebooks, &self.calendar, self.today, CALENDAR_FILE, &self.hashes);
        check::site_journal(&self.archive, journal, &ctx)
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// The latest fixity check of a deposit.
    pub fn last_fixity(&self, deposit: &crate::model::Deposit) -> Option<&crate::records::fixity_log::FixityEvent> {
        self.fixity.latest(deposit)
    }

    /// Whether any finding is an error (`check` then fails).
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

#[cfg(test)]
mod tests {
    use super::Catalog;

    /// The per-system lookups answer what a scan of the whole catalog answers, in its order,
    /// also after a live reload of one system.
    #[test]
    fn a_systems_deadlines_and_findings_are_those_a_scan_finds() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut cat = Catalog::open(root, today).unwrap();
        let ids: Vec<String> = cat.archive.systems.iter().map(|s| s.id.clone()).collect();
        let first = std::collections::BTreeSet::from([ids[0].clone()]);
        for round in 0..2 {
            assert!(!cat.deadlines.is_empty() && !cat.findings.is_empty(), "the sample has both");
            for id in &ids {
                let scanned: Vec<_> = cat.deadlines.iter().filter(|d| &d.system == id).collect();
                let looked_up = cat.deadlines_of([id.as_str()]);
                assert_eq!(looked_up.len(), scanned.len(), "{id}, round {round}");
                assert!(looked_up.iter().zip(&scanned).all(|(a, b)| std::ptr::eq(*a, *b)), "{id}");
                let scanned: Vec<_> =
                    cat.findings.iter().filter(|f| f.system.as_ref().is_none_or(|s| s == id)).collect();
                let looked_up = cat.findings_of([id.as_str()]);
                assert_eq!(looked_up.len(), scanned.len(), "{id}, round {round}");
                assert!(looked_up.iter().zip(&scanned).all(|(a, b)| std::ptr::eq(*a, *b)), "{id}");
            }
            let two = cat.deadlines_of(ids.iter().take(2).map(String::as_str));
            let scanned: Vec<_> = cat.deadlines.iter().filter(|d| ids[..2].contains(&d.system)).collect();
            assert!(two.len() == scanned.len() && two.iter().zip(&scanned).all(|(a, b)| std::ptr::eq(*a, *b)));
            cat.reload(&first, false).unwrap();
        }
        // Each system read again in turn: its deadlines are merged back where a whole snapshot
        // puts them.
        let whole = format!("{:?}", Catalog::open(root, today).unwrap().deadlines);
        for id in &ids {
            cat.reload(&std::collections::BTreeSet::from([id.clone()]), false).unwrap();
            assert_eq!(format!("{:?}", cat.deadlines), whole, "after reading {id} again");
            let scanned = cat.deadlines.iter().filter(|d| &d.system == id).count();
            assert_eq!(cat.deadlines_of([id.as_str()]).len(), scanned, "{id}");
        }
    }
}
