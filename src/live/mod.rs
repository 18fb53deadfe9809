//! Live preview: a session that keeps the catalog and the built site in memory and brings both
//! up to date after each change on disk, re-reading and re-checking only the systems that
//! changed and rewriting only the pages whose bytes changed (`qoima watch`, `qoima serve`).
//!
//! A session starts with a full build (staged and renamed into place, as `qoima build` does),
//! remembering a hash of every file it wrote. After that, [`Session::apply`] takes the paths
//! that changed, works out what they touch — one system, the whole site (site.toml, a rulebook,
//! the calendar, the theme, the fixity log), or nothing (the output folder, editor backups) —
//! and renders the pages of the changed systems and, of the pages that list or count systems,
//! the groups whose data changed: before and after the reload it compares what each changed
//! system puts into the home page, the register, its state body's page, each report and its
//! file of the search index ([`render::contribution`]), so an edit of a deposit's annotation
//! rewrites its pages and one search file, not the register of every system. Each file whose
//! bytes differ is written beside its target and renamed onto it, so a reader never sees half a
//! page; pages that no longer exist (a deposit deleted, a system made restricted) are removed.

pub mod serve;
pub mod watch;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::catalog::Catalog;
use crate::finding::{Finding, Severity};
use crate::render::{self, Contribution, Dirty, Edition, Kind, Listing, Pages, Sink};
use crate::theme::Theme;

/// Written by [`Session::write_sitemap`] after the pages, from the list of pages.
const SITEMAP: &str = "sitemap.xml";

/// How a session is set up.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site root: the folder with `site.toml`.
    pub root: PathBuf,
    /// Where the editions go (`<out>/public`, `<out>/internal`).
    pub out: PathBuf,
    /// The editions to build and keep up to date.
    pub editions: Vec<Edition>,
    /// A fixed "today"; without it the session follows the clock (and re-checks at midnight).
    pub today: Option<NaiveDate>,
}

/// What one change did.
#[derive(Debug, Default)]
pub struct Update {
    /// The systems read and checked again (empty for a full rebuild or when nothing mattered).
    pub systems: BTreeSet<String>,
    /// The whole site was read and rendered again (configuration, theme, rulebook, calendar).
    pub full: bool,
    /// Files written and removed, as `<edition>/<path>`.
    pub written: Vec<String>,
    /// Pages that no longer exist and were removed, as `<edition>/<path>`.
    pub removed: Vec<String>,
    /// Findings of the systems that changed (all findings after a full rebuild).
    pub findings: Vec<Finding>,
    /// Errors and warnings in the whole archive after the change.
    pub errors: usize,
    /// Warnings in the whole archive after the change.
    pub warnings: usize,
    /// From the start of [`Session::apply`] to the last file renamed into place.
    pub took: Duration,
}

/// The files a render wrote and removed, as `<edition>/<path>`.
#[derive(Default)]
struct Files {
    written: Vec<String>,
    removed: Vec<String>,
    /// The files that pages written replaced, still open: see [`InPlace::retired`].
    retired: Vec<fs::File>,
}

/// What a changed path touches.
#[derive(Debug, PartialEq, Eq)]
enum Touch {
    Nothing,
    /// The archive folder's own listing (a system added or removed, a stray file).
    Archive,
    System(String),
    Everything,
}

/// The files of one edition as last written: hash and owner of each, by path in the edition.
#[derive(Default)]
struct Written {
    files: HashMap<String, (u64, Owner)>,
    /// The fingerprint of the data each listing was last rendered from, by its first file.
    fingerprints: HashMap<String, u64>,
    /// Where the rows are in each report's files and in the register, by the listing's page.
    layouts: HashMap<String, Arc<render::Layout>>,
    /// The files of each owner: a partial render looks among the files of what it rendered
    /// for those it did not produce again, not among all the files of the site.
    owned: HashMap<Owner, Vec<String>>,
}

impl Written {
    fn new(
        files: HashMap<String, (u64, Owner)>,
        fingerprints: HashMap<String, u64>,
        layouts: HashMap<String, Arc<render::Layout>>,
    ) -> Written {
        let mut owned: HashMap<Owner, Vec<String>> = HashMap::new();
        for (rel, (_, owner)) in &files {
            owned.entry(owner.clone()).or_default().push(rel.clone());
        }
        Written { files, fingerprints, layouts, owned }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Owner {
    /// A listing group in a language.
    Listing(Listing, String),
    System(String),
    Fixed,
}

impl Owner {
    fn of(kind: Kind) -> Owner {
        match kind {
            Kind::Listing(group, lang) => Owner::Listing(group, lang.to_string()),
            Kind::OfSystem(id) => Owner::System(id.to_string()),
            Kind::Fixed => Owner::Fixed,
        }
    }
}

/// A sink that writes a file only when its bytes differ from what was written last, atomically.
struct InPlace<'w> {
    dir: PathBuf,
    before: &'w Written,
    seen: Mutex<HashMap<String, (u64, Owner)>>,
    fingerprints: Mutex<HashMap<String, u64>>,
    layouts: Layouts,
    written: Mutex<Vec<String>>,
    /// The file each page written replaced, held open so that the rename does not free it:
    /// freeing megabytes of a report's old pages costs as much as writing the new ones, and is
    /// done after the update instead (see [`Session::render_each`]). Unix only: elsewhere an
    /// open file may not be replaced.
    retired: Mutex<Vec<fs::File>>,
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = crate::hash::hasher();
    bytes.hash(&mut h);
    h.finish()
}

impl Sink for InPlace<'_> {
    fn put(&self, rel: &str, bytes: &[u8], kind: Kind) -> Result<(), crate::error::Error> {
        let hash = hash_of(bytes);
        let unchanged = self.before.files.get(rel).is_some_and(|(h, _)| *h == hash);
        if !unchanged {
            let path = self.dir.join(rel);
            let old = if cfg!(unix) { fs::File::open(&path).ok() } else { None };
            crate::atomic::write_unsynced(&path, bytes)?;
            self.written.lock().map_err(|_| "a render thread failed")?.push(rel.to_string());
            if let Some(old) = old {
                self.retired.lock().map_err(|_| "a render thread failed")?.push(old);
            }
        }
        self.seen.lock().map_err(|_| "a render thread failed")?.insert(rel.to_string(), (hash, Owner::of(kind)));
        Ok(())
    }

    fn unchanged(&self, rels: &[&str], fingerprint: u64) -> bool {
        let Some(first) = rels.first() else { return false };
        if let Ok(mut f) = self.fingerprints.lock() {
            f.insert(first.to_string(), fingerprint);
        }
        let before = &self.before;
        let same =
            before.fingerprints.get(*first) == Some(&fingerprint) && rels.iter().all(|r| before.files.contains_key(*r));
        if same && let Ok(mut seen) = self.seen.lock() {
            for r in rels {
                if let Some(v) = before.files.get(*r) {
                    seen.insert(r.to_string(), v.clone());
                }
            }
        }
        same
    }

    fn rows_before(&self, rels: &[String]) -> Option<(Arc<render::Layout>, Vec<Vec<u8>>)> {
        let layout = self.before.layouts.get(rels.first()?)?;
        let mut files = Vec::with_capacity(rels.len());
        for rel in rels {
            // Only a file exactly as this session wrote it: its layout says where its rows are.
            let (hash, _) = self.before.files.get(rel)?;
            let bytes = fs::read(self.dir.join(rel)).ok()?;
            if hash_of(&bytes) != *hash {
                return None;
            }
            files.push(bytes);
        }
        Some((layout.clone(), files))
    }

    fn rows_stored(&self, rels: &[String], layout: Option<render::Layout>) {
        keep_layout(&self.layouts, rels, layout);
    }
}

/// Layouts of the listings a sink stored, by page (`None`: the listing has none now).
type Layouts = Mutex<HashMap<String, Option<Arc<render::Layout>>>>;

fn keep_layout(layouts: &Layouts, rels: &[String], layout: Option<render::Layout>) {
    if let (Some(first), Ok(mut l)) = (rels.first(), layouts.lock()) {
        l.insert(first.clone(), layout.map(Arc::new));
    }
}

/// A folder-writing sink that remembers the hash of each file (the first, staged build).
struct Recording {
    folder: render::Folder,
    seen: Mutex<HashMap<String, (u64, Owner)>>,
    fingerprints: Mutex<HashMap<String, u64>>,
    layouts: Layouts,
}

impl Sink for Recording {
    fn put(&self, rel: &str, bytes: &[u8], kind: Kind) -> Result<(), crate::error::Error> {
        self.folder.put(rel, bytes, kind)?;
        self.seen
            .lock()
            .map_err(|_| "a render thread failed")?
            .insert(rel.to_string(), (hash_of(bytes), Owner::of(kind)));
        Ok(())
    }

    fn unchanged(&self, rels: &[&str], fingerprint: u64) -> bool {
        if let (Some(first), Ok(mut f)) = (rels.first(), self.fingerprints.lock()) {
            f.insert(first.to_string(), fingerprint);
        }
        false
    }

    fn rows_stored(&self, rels: &[String], layout: Option<render::Layout>) {
        keep_layout(&self.layouts, rels, layout);
    }
}

/// The live state: configuration, theme, catalog and what was written.
pub struct Session {
    opts: Options,
    theme: Theme,
    catalog: Catalog,
    written: Vec<(Edition, Written)>,
    /// Absolute, canonical paths that decide what a change touches.
    root_abs: PathBuf,
    out_abs: PathBuf,
}

impl Session {
    /// Opens the site and builds every edition (staged, then renamed into place).
    pub fn start(opts: Options) -> Result<(Session, Update), String> {
        let clock = Instant::now();
        let lang = crate::messages::operator();
        let catalog = Catalog::open(&opts.root, today(&opts)).map_err(|e| e.text(lang))?;
        let theme = Theme::load(&opts.root, &catalog.site.site.theme).map_err(|e| e.text(lang))?;
        let root_abs = fs::canonicalize(&opts.root).map_err(|e| crate::error::Error::io(&opts.root, e))?;
        fs::create_dir_all(&opts.out).map_err(|e| crate::error::Error::io(&opts.out, e))?;
        let out_abs = fs::canonicalize(&opts.out).map_err(|e| crate::error::Error::io(&opts.out, e))?;
        let mut session = Session { opts, theme, catalog, written: Vec::new(), root_abs, out_abs };
        let mut update = Update { full: true, ..Update::default() };
        for edition in session.opts.editions.clone() {
            let (_, _, sink) =
                render::build_edition(&session.catalog, &session.theme, &session.opts.out, edition, |stage| {
                    Recording {
                        folder: render::Folder { dir: stage.to_path_buf() },
                        seen: Mutex::default(),
                        fingerprints: Mutex::default(),
                        layouts: Mutex::default(),
                    }
                })?;
            let files = sink.seen.into_inner().map_err(|_| "a render thread failed")?;
            let fingerprints = sink.fingerprints.into_inner().map_err(|_| "a render thread failed")?;
            let layouts = sink.layouts.into_inner().map_err(|_| "a render thread failed")?;
            let layouts = layouts.into_iter().filter_map(|(rel, l)| Some((rel, l?))).collect();
            update.written.extend(files.keys().map(|k| format!("{}/{k}", edition.name())));
            session.written.push((edition, Written::new(files, fingerprints, layouts)));
        }
        update.findings = session.catalog.findings.clone();
        session.count(&mut update);
        update.took = clock.elapsed();
        Ok((session, update))
    }

    /// Brings the catalog and the editions up to date with the `changed` paths.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Update, String> {
        let clock = Instant::now();
        let mut systems = BTreeSet::new();
        let mut archive = false;
        let mut everything = self.opts.today.is_none() && self.catalog.today != today(&self.opts);
        let trace = std::env::var_os("QOIMA_TRACE").is_some();
        for path in changed {
            let touch = self.touch(path);
            if trace {
                eprintln!("qoima: changed {} → {touch:?}", path.display());
            }
            match touch {
                Touch::Nothing => {}
                Touch::Archive => archive = true,
                Touch::System(id) => {
                    systems.insert(id);
                }
                Touch::Everything => everything = true,
            }
        }
        let mut update = Update::default();
        if everything {
            self.reopen()?;
            update.full = true;
            update.findings = self.catalog.findings.clone();
            // One edition at a time: a whole edition's pages take memory.
            let all = vec![Pages::All; self.written.len()];
            self.render_each(&all, false, &mut update)?;
        } else if archive || !systems.is_empty() {
            // What the changed systems put into each edition's listings, before and after: only
            // the listing groups whose part changed are rendered again.
            let lap = crate::timings::Lap::of("update");
            let before = self.contributions(&systems);
            lap.at("contributions before");
            let counts = (self.catalog.count(Severity::Error), self.catalog.count(Severity::Warning));
            let findings_before = self.catalog.findings.clone();
            let reloaded = self.catalog.reload(&systems, archive).map_err(|e| e.to_string())?;
            // A rule across systems (a code or number used twice) may put a finding on, or take
            // one from, a system that did not change: its pages are rendered too.
            let mut pages = reloaded.clone();
            pages.extend(findings_moved(&findings_before, &self.catalog.findings, &reloaded));
            if std::env::var_os("QOIMA_TIMINGS").is_some() {
                eprintln!("qoima: reload and check: {:.1} ms", clock.elapsed().as_secs_f64() * 1000.0);
            }
            update.findings = self
                .catalog
                .findings
                .iter()
                .filter(|f| f.system.as_ref().is_some_and(|s| reloaded.contains(s)) || f.system.is_none())
                .cloned()
                .collect();
            let after = self.contributions(&reloaded);
            lap.at("contributions after");
            let counted = counts != (self.catalog.count(Severity::Error), self.catalog.count(Severity::Warning));
            let dirty: Vec<Dirty> = (0..self.written.len())
                .map(|i| {
                    let dirty = self.dirty(i, &before[i], &after[i], counted);
                    if trace {
                        eprintln!("qoima: {} listings to render again: {dirty:?}", self.written[i].0.name());
                    }
                    dirty
                })
                .collect();
            let each: Vec<Pages> = dirty.iter().map(|d| Pages::Systems(&pages, d)).collect();
            self.render_each(&each, true, &mut update)?;
            lap.at("editions");
            update.systems = reloaded;
        }
        self.count(&mut update);
        update.took = clock.elapsed();
        Ok(update)
    }

    /// For each edition, what each of `ids` puts into its listings (see [`render::contribution`]).
    fn contributions(&self, ids: &BTreeSet<String>) -> Vec<HashMap<String, Option<Vec<Contribution>>>> {
        use rayon::prelude::*;
        self.written
            .par_iter()
            .map(|(edition, _)| {
                ids.par_iter()
                    .map(|id| (id.clone(), render::contribution(&self.catalog, &self.theme, *edition, id)))
                    .collect()
            })
            .collect()
    }

    /// The listing groups of the `i`th edition that an edit changed, and in which languages:
    /// those whose part from a changed system differs (`before` and `after`, by system, one
    /// [`Contribution`] per language), the home page when the counts of findings changed, and
    /// everything when a system appeared in or left the edition.
    fn dirty(
        &self,
        i: usize,
        before: &HashMap<String, Option<Vec<Contribution>>>,
        after: &HashMap<String, Option<Vec<Contribution>>>,
        counted: bool,
    ) -> Dirty {
        let edition = self.written[i].0;
        if after.keys().any(|id| !before.contains_key(id)) {
            // A system folder appeared or vanished: it was not among the changed paths.
            return Dirty::everything();
        }
        let languages = &self.catalog.site.site.languages;
        let mut langs: BTreeMap<String, Dirty> = BTreeMap::new();
        let files = render::search_files_of(&self.catalog, edition);
        for (id, now) in after {
            match (before.get(id).and_then(Option::as_ref), now) {
                (Some(was), Some(now)) if was.len() == now.len() => {
                    for (lang, (was, now)) in languages.iter().zip(was.iter().zip(now)) {
                        if was == now {
                            continue;
                        }
                        let dirty = langs.entry(lang.clone()).or_default();
                        dirty.home |= was.home != now.home;
                        dirty.register |= was.register != now.register;
                        dirty.bodies.extend(changed_keys(&was.bodies, &now.bodies));
                        dirty.reports.extend(changed_keys(&was.reports, &now.reports));
                        // A report the system enters or leaves may be new or gone: the index too.
                        dirty.report_index |= !was.reports.keys().eq(now.reports.keys());
                        if was.search != now.search {
                            dirty.search.insert(render::search_file_of(id, files));
                        }
                    }
                }
                (None, None) => {}
                // Shown before and not now, or the other way round: every listing counts it.
                _ => return Dirty::everything(),
            }
        }
        if counted && edition == Edition::Internal {
            // The home page counts the findings, in every language.
            for lang in languages {
                langs.entry(lang.clone()).or_default().home = true;
            }
        }
        // The groups of all the languages together, for what the edition does once.
        let mut dirty = Dirty::default();
        for d in langs.values() {
            dirty.add(d);
        }
        dirty.langs = Some(langs);
        dirty
    }

    fn count(&self, update: &mut Update) {
        update.errors = self.catalog.count(Severity::Error);
        update.warnings = self.catalog.count(Severity::Warning);
    }

    /// Reads the configuration, theme and whole archive again.
    fn reopen(&mut self) -> Result<(), String> {
        let lang = crate::messages::operator();
        let catalog = Catalog::open(&self.opts.root, today(&self.opts)).map_err(|e| e.text(lang))?;
        let theme = Theme::load(&self.opts.root, &catalog.site.site.theme).map_err(|e| e.text(lang))?;
        self.catalog = catalog;
        self.theme = theme;
        Ok(())
    }

    /// Renders each edition's `pages` in place (see [`Session::render_edition`]): in parallel
    /// for a live edit, which renders few pages of each; else one after the other, stopping at
    /// the first that fails (the editions after it keep their files).
    fn render_each(&mut self, pages: &[Pages], parallel: bool, update: &mut Update) -> Result<(), String> {
        use rayon::prelude::*;
        let editions = std::mem::take(&mut self.written);
        let done: Vec<_> = if parallel {
            editions
                .into_par_iter()
                .zip(pages)
                .map(|((edition, before), pages)| (edition, self.render_edition(edition, before, *pages)))
                .collect()
        } else {
            let mut failed = false;
            editions
                .into_iter()
                .zip(pages)
                .map(|((edition, before), pages)| match failed {
                    true => (edition, (before, Files::default(), Ok(()))),
                    false => {
                        let done = self.render_edition(edition, before, *pages);
                        failed = done.2.is_err();
                        (edition, done)
                    }
                })
                .collect()
        };
        let mut result = Ok(());
        let mut retired = Vec::new();
        for (edition, (written, files, r)) in done {
            self.written.push((edition, written));
            update.written.extend(files.written);
            update.removed.extend(files.removed);
            retired.extend(files.retired);
            result = result.and(r);
        }
        // Every page is in place: the files they replaced are let go beside the next steps.
        if !retired.is_empty() {
            std::thread::spawn(move || drop(retired));
        }
        result
    }

    /// Renders `pages` of `edition`, whose files were `before`, in place: what it wrote and
    /// removed, and what the edition's files are now.
    fn render_edition(
        &self,
        edition: Edition,
        mut before: Written,
        pages: Pages,
    ) -> (Written, Files, Result<(), String>) {
        let dir = self.opts.out.join(edition.name());
        let packages = render::packages_for(&self.opts.out, edition);
        if let Pages::All = pages {
            // The theme, its words or the configuration may have changed: a fingerprint of the
            // data alone no longer says that a page is current.
            before.fingerprints.clear();
        }
        let sink = InPlace {
            dir: dir.clone(),
            before: &before,
            seen: Mutex::default(),
            fingerprints: Mutex::default(),
            layouts: Mutex::default(),
            written: Mutex::default(),
            retired: Mutex::default(),
        };
        let result = render::render_edition(&self.catalog, &self.theme, edition, &packages, pages, &sink);
        let seen = sink.seen.into_inner().unwrap_or_default();
        let fingerprints = sink.fingerprints.into_inner().unwrap_or_default();
        let layouts = sink.layouts.into_inner().unwrap_or_default();
        let wrote = sink.written.into_inner().unwrap_or_default();
        let retired = sink.retired.into_inner().unwrap_or_default();
        // Listings not rendered this time keep their fingerprints and layouts. A report whose
        // rows were replaced in place was not made from a fingerprint: it has none now.
        let fingerprints = {
            let mut all = before.fingerprints;
            for rel in layouts.keys().filter(|rel| !fingerprints.contains_key(*rel)) {
                all.remove(rel);
            }
            all.extend(fingerprints);
            all
        };
        let mut layouts = {
            let mut all = before.layouts;
            for (rel, layout) in layouts {
                match layout {
                    Some(l) => all.insert(rel, l),
                    None => all.remove(&rel),
                };
            }
            all
        };
        let lap = crate::timings::Lap::of("update");
        let Written { mut files, mut owned, .. } = before;
        // What this render was responsible for, and did not produce again, is gone: the files
        // of the systems and listing groups rendered that are not among those it produced.
        let candidates: Vec<&String> = match pages {
            Pages::All => files.keys().collect(),
            Pages::Systems(ids, dirty) => ids
                .iter()
                .filter_map(|id| owned.get(&Owner::System(id.clone())))
                .chain(
                    owned
                        .iter()
                        .filter(|(o, _)| matches!(o, Owner::Listing(g, lang) if dirty.of_lang(lang).wants(*g)))
                        .map(|(_, v)| v),
                )
                .flatten()
                .collect(),
        };
        let stale: Vec<String> =
            candidates.into_iter().filter(|rel| rel.as_str() != SITEMAP && !seen.contains_key(*rel)).cloned().collect();
        for rel in &stale {
            if let Some((_, owner)) = files.remove(rel)
                && let Some(list) = owned.get_mut(&owner)
            {
                list.retain(|r| r != rel);
            }
            let path = dir.join(rel);
            let _ = fs::remove_file(&path);
            remove_empty_parents(&path, &dir);
        }
        lap.at("stale");
        let mut added = false;
        for (rel, (hash, owner)) in seen {
            match files.insert(rel.clone(), (hash, owner.clone())) {
                Some((_, was)) if was == owner => {}
                was => {
                    added |= was.is_none();
                    if let Some((_, was)) = was
                        && let Some(list) = owned.get_mut(&was)
                    {
                        list.retain(|r| *r != rel);
                    }
                    owned.entry(owner).or_default().push(rel);
                }
            }
        }
        owned.retain(|_, list| !list.is_empty());
        layouts.retain(|rel, _| files.contains_key(rel));
        let mut written = Written { files, fingerprints, layouts, owned };
        let name = edition.name();
        let mut files = Files {
            written: wrote.into_iter().map(|r| format!("{name}/{r}")).collect(),
            removed: stale.iter().map(|r| format!("{name}/{r}")).collect(),
            retired,
        };
        let mut result = result.map(|_| ()).map_err(String::from);
        if let Pages::All = pages {
            result = result.and(
                render::link_packages(&self.opts.out.join(crate::package_index::PACKAGES_DIR), &packages, &dir)
                    .map_err(String::from),
            );
        }
        if result.is_ok() && (added || !stale.is_empty() || matches!(pages, Pages::All)) {
            result = self.write_sitemap(edition, &dir, &mut written, &mut files.written);
        }
        lap.at("bookkeeping");
        (written, files, result)
    }

    /// The public edition's sitemap.xml, from the pages written (when site.toml has a base URL).
    fn write_sitemap(
        &self,
        edition: Edition,
        dir: &Path,
        written: &mut Written,
        report: &mut Vec<String>,
    ) -> Result<(), String> {
        let Some(base) = self.catalog.site.site.base_url.as_deref().filter(|_| edition == Edition::Public) else {
            return Ok(());
        };
        let xml = render::sitemap(written.files.keys().map(String::as_str), base);
        let hash = hash_of(xml.as_bytes());
        if written.files.get(SITEMAP).is_some_and(|(h, _)| *h == hash) {
            return Ok(());
        }
        crate::atomic::write_unsynced(&dir.join(SITEMAP), xml.as_bytes())?;
        written.files.insert(SITEMAP.to_string(), (hash, Owner::Fixed));
        report.push(format!("{}/{SITEMAP}", edition.name()));
        Ok(())
    }

    /// What a changed path touches.
    fn touch(&self, path: &Path) -> Touch {
        let abs = if path.is_absolute() {
            crate::load::lexical_normalize(path)
        } else {
            crate::load::lexical_normalize(&self.root_abs.join(path))
        };
        if abs.starts_with(&self.out_abs) {
            // A new transfer package changes the internal edition's system pages.
            let index = self.out_abs.join(crate::package_index::PACKAGES_DIR).join(crate::package_index::INDEX);
            return if abs == index { Touch::Everything } else { Touch::Nothing };
        }
        let Ok(rel) = abs.strip_prefix(&self.root_abs) else { return Touch::Nothing };
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        let site = &self.catalog.site;
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Editors' swap and backup files, and qoima's own temporary files.
        if name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name.contains(".qoima-") {
            return Touch::Nothing;
        }
        let config = [crate::site::SITE_FILE, crate::records::fixity_log::LOG, crate::records::register::REGISTER];
        if config.contains(&rel_str.as_str())
            || site.rules.files.iter().chain(&site.calendar.files).any(|f| Path::new(f) == rel)
            || rel.starts_with(Path::new("themes").join(&site.site.theme))
        {
            return Touch::Everything;
        }
        let Ok(inside) = rel.strip_prefix(&site.site.archive) else { return Touch::Nothing };
        let mut parts = inside.components();
        match (parts.next(), parts.next()) {
            // Inside a system folder, or the folder itself (added, removed, renamed).
            (Some(Component::Normal(system)), _) => match system.to_str() {
                Some(s) if !s.starts_with('.') => Touch::System(s.to_string()),
                _ => Touch::Archive,
            },
            // The archive folder itself.
            _ => Touch::Archive,
        }
    }
}

/// The keys whose values differ between two maps (present in one only, or changed).
fn changed_keys(a: &BTreeMap<u64, u64>, b: &BTreeMap<u64, u64>) -> Vec<u64> {
    a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).copied().collect()
}

/// The systems, other than `reloaded`, whose findings differ between `before` and `after`.
fn findings_moved(before: &[Finding], after: &[Finding], reloaded: &BTreeSet<String>) -> BTreeSet<String> {
    fn by_system<'f>(findings: &'f [Finding], reloaded: &BTreeSet<String>) -> BTreeMap<&'f str, Vec<&'f Finding>> {
        let mut map: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in findings {
            if let Some(s) = f.system.as_deref().filter(|s| !reloaded.contains(*s)) {
                map.entry(s).or_default().push(f);
            }
        }
        map
    }
    let (before, after) = (by_system(before, reloaded), by_system(after, reloaded));
    before.keys().chain(after.keys()).filter(|s| before.get(*s) != after.get(*s)).map(|s| s.to_string()).collect()
}

/// The folders to watch for the site at `root` (with its configuration `site`, writing into
/// `out`): the archive (recursively), the theme, and the site root itself and the folders of
/// the rulebooks and calendars it names (not recursively). The output folder is never watched.
pub fn watched(root: &Path, site: &crate::site::SiteConfig, out: &Path) -> Result<Vec<(PathBuf, bool)>, String> {
    let root = fs::canonicalize(root).map_err(|e| crate::error::Error::io(root, e))?;
    let out = fs::canonicalize(out).unwrap_or_else(|_| crate::load::lexical_normalize(&root.join(out)));
    let mut dirs = vec![(root.clone(), false), (root.join(&site.site.archive), true)];
    dirs.push((root.join("themes").join(&site.site.theme), true));
    for file in site.rules.files.iter().chain(&site.calendar.files) {
        if let Some(parent) = root.join(file).parent() {
            dirs.push((parent.to_path_buf(), false));
        }
    }
    dirs.sort();
    dirs.dedup();
    dirs.retain(|(d, _)| d.is_dir() && !d.starts_with(&out));
    Ok(dirs)
}

fn today(opts: &Options) -> NaiveDate {
    opts.today.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Removes the folders left empty between `path` and `top` (a deleted deposit's pages).
fn remove_empty_parents(path: &Path, top: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == top || !d.starts_with(top) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// The files of `edition` an update wrote or removed (paths within the edition), for the
/// preview server's message to browsers.
pub fn pages_of(u: &Update, edition: Edition) -> HashSet<String> {
    let prefix = format!("{}/", edition.name());
    u.written.iter().chain(&u.removed).filter_map(|p| p.strip_prefix(&prefix).map(str::to_string)).collect()
}
