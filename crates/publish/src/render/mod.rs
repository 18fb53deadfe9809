//! `qoima build`: the catalogue, rendered from the catalog snapshot with the theme's templates,
//! into two editions (public, internal), every page in every language.
//!
//! The public edition is the public part of the State Register (D1124-28): nothing of a
//! restricted system or deposit (D1124-12) enters it, and neither do findings or deadlines.
//! Each edition is written into a staging folder beside the target and renamed into place, so a
//! reader never sees half a site and a failed build leaves the previous one. Links are relative,
//! so the site works from disk (file://) and under any base path.

pub mod conclusion;
mod register;
mod tables;
mod views;

pub use crate::reports::Only;
pub use tables::{FILES, Layout};
pub use views::human_size;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::json;

use crate::catalog::Catalog;
use crate::theme::{Theme, word};
use crate::timings::Lap;

/// Which edition to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// The public edition: no restricted system or deposit, no findings, no deadlines (D1124-28).
    Public,
    /// The internal edition, for the depository's staff: everything, with findings and deadlines.
    Internal,
}

impl Edition {
    /// The edition's folder name under the site output: `public` or `internal`.
    pub fn name(self) -> &'static str {
        match self {
            Edition::Public => "public",
            Edition::Internal => "internal",
        }
    }
}

/// What a build wrote.
#[derive(Debug, Default)]
pub struct Built {
    /// Each edition built, with its folder and the number of pages written.
    pub editions: Vec<(Edition, PathBuf, usize)>,
    /// Folders published under another name than their own, and names that would share a
    /// page folder on a drive that ignores case.
    pub renamed: Vec<crate::messages::Msg>,
}

/// System and deposit folders whose names cannot be their own page folders (see
/// [`crate::names::segment_trouble`]): each is published under its hashed name. And folders
/// whose page folders differ only in case, which a case-insensitive drive would merge.
pub fn renamed_folders(cat: &Catalog) -> Vec<crate::messages::Msg> {
    use crate::messages::Msg;
    let mut out = Vec::new();
    let mut said = |dir: &str, name: &str| {
        if let Some(why) = crate::names::segment_problem(name) {
            let args = crate::args! { "dir" => dir, "trouble" => why.arg(), "published" => views::segment(name) };
            out.push(Msg::new("build-folder-renamed", args));
        }
    };
    for s in &cat.archive.systems {
        said(&s.dir, &s.id);
        for d in &s.deposits {
            said(&d.dir, &d.version);
        }
    }
    let twins = |names: Vec<(&str, String)>, out: &mut Vec<Msg>| {
        let mut by_folded: std::collections::BTreeMap<String, Vec<&str>> = std::collections::BTreeMap::new();
        for (dir, seg) in &names {
            by_folded.entry(seg.to_ascii_lowercase()).or_default().push(dir);
        }
        for (folded, dirs) in by_folded.into_iter().filter(|(_, d)| d.len() > 1) {
            let args = crate::args! { "dirs" => dirs.join(", "), "folded" => folded };
            out.push(Msg::new("build-case-twins", args));
        }
    };
    twins(cat.archive.systems.iter().map(|s| (s.dir.as_str(), views::segment(&s.id))).collect(), &mut out);
    for s in &cat.archive.systems {
        twins(s.deposits.iter().map(|d| (d.dir.as_str(), views::segment(&d.version))).collect(), &mut out);
    }
    out
}

/// Builds `editions` into `out` (e.g. `dist/`), each into `out/<edition>/`.
pub fn build(cat: &Catalog, theme: &Theme, out: &Path, editions: &[Edition]) -> Result<Built, crate::error::Error> {
    fs::create_dir_all(out).map_err(|e| crate::error::Error::io(out, e))?;
    let mut built = Built { renamed: renamed_folders(cat), ..Built::default() };
    for &edition in editions {
        let (target, pages, _) = build_edition(cat, theme, out, edition, |stage| Folder { dir: stage.to_path_buf() })?;
        built.editions.push((edition, target, pages));
    }
    Ok(built)
}

/// Builds one edition into a staging folder beside `<out>/<edition>` through the sink that
/// `sink_for` makes for that folder (with the transfer packages and the sitemap), then renames
/// it into place; a failure removes the staging folder and leaves the previous edition. Returns
/// the edition's folder, its page count and the sink.
pub fn build_edition<S: Sink>(
    cat: &Catalog,
    theme: &Theme,
    out: &Path,
    edition: Edition,
    sink_for: impl FnOnce(&Path) -> S,
) -> Result<(PathBuf, usize, S), crate::error::Error> {
    let target = out.join(edition.name());
    // What a build killed midway left: its staging folder, or the previous edition being replaced.
    crate::atomic::sweep(out);
    let stage = crate::atomic::temp_path(&target);
    let _ = fs::remove_dir_all(&stage);
    let packages = packages_for(out, edition);
    let sink = sink_for(&stage);
    let result = render_edition(cat, theme, edition, &packages, Pages::All, &sink)
        .and_then(|pages| {
            link_packages(&out.join(crate::package_index::PACKAGES_DIR), &packages, &stage).map(|()| pages)
        })
        .and_then(|pages| write_sitemap(cat, edition, &stage).map(|()| pages));
    match result {
        Ok(pages) => {
            swap_into_place(&stage, &target)?;
            Ok((target, pages, sink))
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&stage);
            Err(e)
        }
    }
}

/// Renames the staging folder onto the target; the old site is removed only afterwards.
pub fn swap_into_place(stage: &Path, target: &Path) -> Result<(), crate::error::Error> {
    let old = target.with_file_name(crate::atomic::temp_name(&format!(
        "{}.old",
        target.file_name().and_then(|n| n.to_str()).unwrap_or("edition")
    )));
    let had_old = target.exists();
    if had_old {
        fs::rename(target, &old).map_err(|e| crate::error::Error::io(target, e))?;
    }
    if let Err(e) = fs::rename(stage, target) {
        if had_old {
            let _ = fs::rename(&old, target);
        }
        return Err(crate::error::Error::io(target, e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Which pages to render.
#[derive(Debug, Clone, Copy)]
pub enum Pages<'s> {
    /// The whole edition: every page, the static files, the entry and 404 pages.
    All,
    /// The pages of these systems (by id) and the listing groups marked dirty: what one edit
    /// changed.
    Systems(&'s BTreeSet<String>, &'s Dirty),
}

/// A group of pages that list or count systems, rendered together: the home page (with the
/// search page), the register, each state body's page, the index of reports, each report (its
/// page, CSV and JSON), and each file of the search index. Bodies and reports are named by the
/// FNV-1a hash of their key and table id ([`group_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listing {
    /// The home page and the search page.
    Home,
    /// The register of systems (`systems/index.html`).
    Register,
    /// One state body's page, by [`group_key`] of the body.
    Body(u64),
    /// The index of reports.
    ReportIndex,
    /// One report (its page, CSV and JSON), by [`group_key`] of the table id.
    Report(u64),
    /// One file of the search index, by number.
    Search(u32),
}

/// The number that names a state body's or a report's group: the hash of its key or table id.
pub fn group_key(key: &str) -> u64 {
    views::fnv(key)
}

/// The listing groups a partial render redoes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Every group (the set of systems an edition shows changed).
    pub all: bool,
    /// The home page and the search page.
    pub home: bool,
    /// The register of systems.
    pub register: bool,
    /// State bodies' pages, by [`group_key`] of the body.
    pub bodies: BTreeSet<u64>,
    /// The index of reports.
    pub report_index: bool,
    /// Reports, by [`group_key`] of the table id.
    pub reports: BTreeSet<u64>,
    /// Files of the search index, by number.
    pub search: BTreeSet<u32>,
    /// The groups to render in each language, when they differ by language (the groups above
    /// are then those of all the languages together); a language not named renders none.
    /// `None`: the groups above, in every language. An edit of a system's Russian name changes
    /// the Russian register and reports, and each language's search index (which finds a
    /// system by all its names).
    pub langs: Option<std::collections::BTreeMap<String, Dirty>>,
}

/// The groups of a language that renders no listing.
static NO_LISTING: Dirty = Dirty {
    all: false,
    home: false,
    register: false,
    bodies: BTreeSet::new(),
    report_index: false,
    reports: BTreeSet::new(),
    search: BTreeSet::new(),
    langs: None,
};

impl Dirty {
    /// Every group: what a full render of an edition redoes.
    pub fn everything() -> Dirty {
        Dirty { all: true, ..Dirty::default() }
    }

    /// Adds `other`'s groups to these (not its languages).
    pub fn add(&mut self, other: &Dirty) {
        self.all |= other.all;
        self.home |= other.home;
        self.register |= other.register;
        self.bodies.extend(&other.bodies);
        self.report_index |= other.report_index;
        self.reports.extend(&other.reports);
        self.search.extend(&other.search);
    }

    /// The groups to render in `lang`.
    pub fn of_lang(&self, lang: &str) -> &Dirty {
        match &self.langs {
            Some(langs) if !self.all => langs.get(lang).unwrap_or(&NO_LISTING),
            _ => self,
        }
    }

    /// Whether `group` is rendered (in some language, see [`Dirty::of_lang`]).
    pub fn wants(&self, group: Listing) -> bool {
        self.all
            || match group {
                Listing::Home => self.home,
                Listing::Register => self.register,
                Listing::Body(k) => self.bodies.contains(&k),
                Listing::ReportIndex => self.report_index,
                Listing::Report(k) => self.reports.contains(&k),
                Listing::Search(n) => self.search.contains(&n),
            }
    }
}

/// How many files the search index of an edition showing `systems` systems is split into: one
/// per 64 systems, rounded up to a power of two, at most 64. An edit re-indexes one file, not the
/// whole archive; a small archive has one file.
pub fn search_files(systems: usize) -> u32 {
    u32::try_from(systems.div_ceil(64).next_power_of_two().clamp(1, 64)).unwrap_or(64)
}

/// How many files the search index of `edition` is split into (see [`search_files`]).
pub fn search_files_of(cat: &Catalog, edition: Edition) -> u32 {
    search_files(cat.archive.systems.iter().filter(|s| s.shown(edition == Edition::Internal)).count())
}

/// The file of the search index that holds a system's pages.
pub fn search_file_of(system: &str, files: u32) -> u32 {
    u32::try_from(views::fnv(system) % u64::from(files.max(1))).unwrap_or(0)
}

/// What one system puts into the listing groups of an edition in one language, as one
/// fingerprint per group: a live session compares them before and after an edit to know which
/// listings to render again. `None` when the edition does not show the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    /// The system's part of the home page (its holder's names included).
    pub home: u64,
    /// The system's row of the register of systems.
    pub register: u64,
    /// By [`group_key`] of the body: the system's part of its page.
    pub bodies: std::collections::BTreeMap<u64, u64>,
    /// By [`group_key`] of the table id: the system's rows.
    pub reports: std::collections::BTreeMap<u64, u64>,
    /// The system's entries in its file of the search index.
    pub search: u64,
}

/// The part of every listing of `edition` that comes from the system `id`, in each of the
/// site's languages, in their order (see [`Contribution`]).
pub fn contribution(cat: &Catalog, theme: &Theme, edition: Edition, id: &str) -> Option<Vec<Contribution>> {
    use std::hash::{Hash, Hasher};
    let internal = edition == Edition::Internal;
    let system = cat.archive.system(id).filter(|s| s.shown(internal))?;
    let ids = BTreeSet::from([id.to_string()]);
    let only = Only::Systems(&ids);
    let index = views::Index::of(cat, &[], only);
    let each = cat.site.site.languages.iter().map(|lang| {
        let mut h: [FastHasher; 3] = [hasher(), hasher(), hasher()];
        let mut bodies: std::collections::BTreeMap<u64, FastHasher> = Default::default();
        let mut reports: std::collections::BTreeMap<u64, FastHasher> = Default::default();
        let t = theme.words(lang);
        let view = views::Views::new(cat, &index, edition, lang, t).only(only);
        fingerprint(&view.home()).hash(&mut h[0]);
        system.holder_names(lang).hash(&mut h[0]);
        fingerprint(&serde_json::Value::Array(view.systems())).hash(&mut h[1]);
        for (key, systems) in view.bodies() {
            fingerprint(&view.body(&systems)).hash(bodies.entry(group_key(key)).or_insert_with(hasher));
        }
        let scope = crate::reports::Scope { cat, internal, lang, t, only };
        for table in scope.tables_where(&|_| true) {
            table_fingerprint(&table).hash(reports.entry(group_key(&table.id)).or_insert_with(hasher));
        }
        crate::search::fingerprint(&view.search_docs()).hash(&mut h[2]);
        let [home, register, search] = h.map(|h| h.finish());
        Contribution {
            home,
            register,
            bodies: bodies.into_iter().map(|(k, h)| (k, h.finish())).collect(),
            reports: reports.into_iter().map(|(k, h)| (k, h.finish())).collect(),
            search,
        }
    });
    Some(each.collect())
}

/// A fingerprint of a report table's contents.
fn table_fingerprint(table: &crate::reports::Table) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = hasher();
    (&table.id, table.title, table.rule, table.due, &table.state, &table.columns).hash(&mut h);
    for row in &table.rows {
        row.len().hash(&mut h);
        for c in row {
            (&c.text, c.date, &c.shown).hash(&mut h);
        }
    }
    h.finish()
}

pub use crate::hash::{FastHasher, hasher};

/// What a rendered file is, for a sink that keeps track of pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    /// A page that lists or counts systems, of a group that [`Pages::Systems`] renders when
    /// it is dirty, in a language.
    Listing(Listing, &'a str),
    /// A page of this system (by id) or of one of its deposits.
    OfSystem(&'a str),
    /// Static files, the entry page, 404: rendered only by [`Pages::All`].
    Fixed,
}

/// Where rendered files go.
pub trait Sink: Sync {
    /// Stores one file at `rel` (relative to the edition's folder, `/`-separated).
    fn put(&self, rel: &str, bytes: &[u8], kind: Kind) -> Result<(), crate::error::Error>;

    /// Whether the listing files `rels`, made from data with this `fingerprint`, are already
    /// stored as they would be rendered now: then rendering them is skipped. A sink that keeps
    /// nothing between renders says no.
    fn unchanged(&self, _rels: &[&str], _fingerprint: u64) -> bool {
        false
    }

    /// A listing's files (a report's page, CSV and JSON; the register's page) as this sink
    /// stored them last, with the layout of their rows, for a render that replaces only some
    /// systems' rows. `None` when the sink keeps nothing between renders or the files are no
    /// longer as it wrote them.
    fn rows_before(&self, _rels: &[String]) -> Option<(std::sync::Arc<Layout>, Vec<Vec<u8>>)> {
        None
    }

    /// Where the rows are in the listing files just stored (`rels`, as for
    /// [`Sink::rows_before`]); `None` when the page does not say (a theme that does not mark
    /// its rows).
    fn rows_stored(&self, _rels: &[String], _layout: Option<Layout>) {}
}

/// A fingerprint of the data a page is rendered from (its template context).
pub fn fingerprint(v: &serde_json::Value) -> u64 {
    fn walk(v: &serde_json::Value, h: &mut FastHasher) {
        use serde_json::Value;
        use std::hash::Hash;
        match v {
            Value::Null => 0u8.hash(h),
            Value::Bool(b) => (1u8, b).hash(h),
            Value::Number(n) => (2u8, n.to_string()).hash(h),
            Value::String(s) => (3u8, s).hash(h),
            Value::Array(a) => {
                (4u8, a.len()).hash(h);
                a.iter().for_each(|x| walk(x, h));
            }
            Value::Object(o) => {
                (5u8, o.len()).hash(h);
                for (k, x) in o {
                    k.hash(h);
                    walk(x, h);
                }
            }
        }
    }
    let mut h = hasher();
    walk(v, &mut h);
    std::hash::Hasher::finish(&h)
}

/// A sink that writes each file into a folder (the staging folder of a build).
pub struct Folder {
    /// The folder the files are written into.
    pub dir: PathBuf,
}

impl Sink for Folder {
    fn put(&self, rel: &str, bytes: &[u8], _: Kind) -> Result<(), crate::error::Error> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| crate::error::Error::io(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| crate::error::Error::io(&path, e))
    }
}

/// The context every page of a language starts from: its words.
fn base_of(t: &toml::Table) -> tera::Context {
    let mut base = tera::Context::new();
    base.insert("t", t);
    base
}

/// Renders a template with the language's base context (its words, `t`, converted once per
/// language) and the page's own values.
fn render(
    theme: &Theme,
    template: &str,
    base: &tera::Context,
    ctx: &serde_json::Value,
) -> Result<String, crate::error::Error> {
    let mut context = base.clone();
    if let Some(map) = ctx.as_object() {
        for (k, v) in map {
            context.insert(k.clone(), v);
        }
    }
    theme
        .tera
        .render(template, &context)
        .map_err(|e| crate::error::Error::Template { template: template.to_string(), message: e.to_string() })
}

/// Puts the transfer packages into the internal edition (`packages/`), as hard links to the
/// files under `<out>/packages/` (a copy where links are impossible): a rebuild costs nothing
/// and the packages survive every rebuild.
pub fn link_packages(
    from: &Path,
    packages: &[crate::package_index::Package],
    stage: &Path,
) -> Result<(), crate::error::Error> {
    if packages.is_empty() {
        return Ok(());
    }
    let to = stage.join(crate::package_index::PACKAGES_DIR);
    fs::create_dir_all(&to).map_err(|e| crate::error::Error::io(&to, e))?;
    for p in packages {
        let (src, dst) = (from.join(&p.file), to.join(&p.file));
        if !src.is_file() || same_file(&src, &dst) {
            continue;
        }
        let _ = fs::remove_file(&dst);
        if fs::hard_link(&src, &dst).is_err() {
            fs::copy(&src, &dst).map_err(|e| crate::error::Error::io(&dst, e))?;
        }
    }
    Ok(())
}

/// The packages listed in `<out>/packages/index.json`, for the internal edition.
pub fn packages_for(out: &Path, edition: Edition) -> Vec<crate::package_index::Package> {
    if edition == Edition::Internal {
        crate::package_index::read_index(&out.join(crate::package_index::PACKAGES_DIR))
    } else {
        Vec::new()
    }
}

/// Whether two paths are the same file (a hard link made earlier).
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => crate::platform::same_file(&a, &b),
        _ => false,
    }
}

/// Renders the `pages_wanted` of one edition into `sink`; returns the number of pages.
pub fn render_edition(
    cat: &Catalog,
    theme: &Theme,
    edition: Edition,
    packages: &[crate::package_index::Package],
    pages_wanted: Pages,
    sink: &dyn Sink,
) -> Result<usize, crate::error::Error> {
    let everything = Dirty::everything();
    let dirty = match pages_wanted {
        Pages::All => &everything,
        Pages::Systems(_, dirty) => dirty,
    };
    let put = |rel: &str, text: &str, kind: Kind| sink.put(rel, text.as_bytes(), kind);
    let langs = &cat.site.site.languages;
    let default_lang = langs.first().map(String::as_str).unwrap_or("kk");
    // The pages of the systems rendered and the state bodies' pages (which show the deadlines
    // of all their systems) look findings and deadlines up here: a partial render that needs no
    // body page indexes only the systems it renders.
    let with_bodies: BTreeSet<String>;
    let index = match pages_wanted {
        Pages::Systems(ids, _) if !dirty.all && dirty.bodies.is_empty() => {
            views::Index::of(cat, packages, Only::Systems(ids))
        }
        Pages::Systems(ids, _) if !dirty.all => {
            // The systems rendered and every system of the body pages rendered.
            let of_bodies = cat
                .archive
                .systems
                .iter()
                .filter(|s| views::Views::body_key(s).is_some_and(|k| dirty.bodies.contains(&group_key(k))));
            with_bodies = ids.iter().cloned().chain(of_bodies.map(|s| s.id.clone())).collect();
            views::Index::of(cat, packages, Only::Systems(&with_bodies))
        }
        _ => views::Index::new(cat, packages),
    };
    let one_language = |lang: &String| -> Result<usize, crate::error::Error> {
        let lap = Lap::of("render");
        // The listings this language renders (the edit may change some languages' alone).
        let dirty = dirty.of_lang(lang);
        let t = theme.words(lang);
        let view = views::Views::new(cat, &index, edition, lang, t);
        let base = base_of(t);
        let site = |root: &str, path_in_lang: &str| {
            json!({
                "title": cat.site.site.title.as_ref().and_then(|l| l.get(lang)).unwrap_or("qoima"),
                "lang": lang,
                "root": root,
                "edition": edition.name(),
                "internal": edition == Edition::Internal,
                "edition_name": word(t, if edition == Edition::Internal { "edition_internal" } else { "edition_public" }),
                "generated": crate::theme::format_date(t, cat.today),
                "langs": langs.iter().map(|l| json!({
                    "code": l,
                    "name": word(theme.words(l), "language_name"),
                    "href": format!("{root}{l}/{path_in_lang}"),
                    "current": l == lang,
                })).collect::<Vec<_>>(),
            })
        };
        lap.at("index+setup");
        let search_files = search_files_of(cat, edition);
        let changed = match pages_wanted {
            Pages::Systems(ids, _) if !dirty.all => Some(ids),
            _ => None,
        };
        // The home page, the register and the search index; the reports; the bodies' and the
        // systems' pages: for a live edit, the three in parallel (a full build is parallel within
        // each already, and keeps its memory low by making one at a time).
        let listings = || -> Result<usize, crate::error::Error> {
            let lap = Lap::of("render");
            let mut pages = 0;
            if dirty.wants(Listing::Home) {
                let kind = Kind::Listing(Listing::Home, lang);
                let ctx = json!({"site": site("../", "index.html"), "home": view.home()});
                let rel = format!("{lang}/index.html");
                if !sink.unchanged(&[&rel], fingerprint(&ctx)) {
                    put(&rel, &render(theme, "index.html", &base, &ctx)?, kind)?;
                }
                let files: Vec<String> = (0..search_files).map(|n| format!("index-{lang}-{n}.js")).collect();
                let ctx = json!({"site": site("../", "search.html"), "search_files": files});
                let rel = format!("{lang}/search.html");
                if !sink.unchanged(&[&rel], fingerprint(&ctx)) {
                    put(&rel, &render(theme, "search.html", &base, &ctx)?, kind)?;
                }
            }
            pages += 2;
            lap.at("home");
            if dirty.wants(Listing::Register) {
                register::write(&view, theme, (&base, site("../../", "systems/index.html")), sink, changed)?;
            }
            pages += 1;
            lap.at("register");
            // The search index, in files of a few systems each: only the dirty files are made.
            let mut shards: Vec<Option<Vec<crate::search::Doc>>> =
                (0..search_files).map(|n| dirty.wants(Listing::Search(n)).then(Vec::new)).collect();
            for s in view.visible_systems() {
                if let Some(Some(docs)) = shards.get_mut(search_file_of(&s.id, search_files) as usize) {
                    docs.extend(view.search_docs_of(s));
                }
            }
            lap.at("search docs");
            for (n, docs) in shards.iter().enumerate() {
                let Some(docs) = docs else { continue };
                let rel = format!("search/index-{lang}-{n}.js");
                if !sink.unchanged(&[&rel], crate::search::fingerprint(docs)) {
                    let group = Listing::Search(u32::try_from(n).unwrap_or(0));
                    put(&rel, &crate::search::index_js(docs), Kind::Listing(group, lang))?;
                }
            }
            pages += search_files as usize;
            lap.at("search");
            Ok(pages)
        };
        let reports = || -> Result<usize, crate::error::Error> {
            let lap = Lap::of("render");
            let pages = write_reports(cat, theme, (edition, lang), sink, (dirty, changed), &|rel| site("../../", rel))?;
            lap.at("reports");
            Ok(pages)
        };
        let pages_of = || -> Result<usize, crate::error::Error> {
            let lap = Lap::of("render");
            let mut pages = 0;
            if dirty.all || !dirty.bodies.is_empty() {
                for (key, systems) in view.bodies() {
                    let group = Listing::Body(group_key(key));
                    if !dirty.wants(group) {
                        pages += 1;
                        continue;
                    }
                    let rel = format!("bodies/{key}/index.html");
                    let ctx = json!({"site": site("../../../", &rel), "body": view.body(&systems)});
                    let rel = format!("{lang}/{rel}");
                    if !sink.unchanged(&[&rel], fingerprint(&ctx)) {
                        put(&rel, &render(theme, "body.html", &base, &ctx)?, Kind::Listing(group, lang))?;
                    }
                    pages += 1;
                }
            }
            lap.at("bodies");
            // The pages of each system and its deposits are independent: render them in parallel.
            let systems: Vec<&crate::model::System> = match pages_wanted {
                Pages::All => view.visible_systems().collect(),
                Pages::Systems(ids, _) => views::Views::new(cat, &index, edition, lang, t)
                    .only(Only::Systems(ids))
                    .visible_systems()
                    .collect(),
            };
            let counts: Vec<Result<usize, crate::error::Error>> = systems
                .par_iter()
                .map(|system| {
                    let mut pages = 0;
                    let sys = views::segment(&system.id);
                    let kind = Kind::OfSystem(&system.id);
                    // One page of the system: `rel` below the language folder, `up` back to the
                    // edition's root, `value` under `name` in the template's context.
                    let mut page = |template: &str, up: &str, rel: String, name: &str, value: serde_json::Value| {
                        let mut ctx = serde_json::Map::new();
                        ctx.insert("site".into(), site(up, &rel));
                        ctx.insert(name.into(), value);
                        let html = render(theme, template, &base, &serde_json::Value::Object(ctx))?;
                        pages += 1;
                        put(&format!("{lang}/{rel}"), &html, kind)
                    };
                    let sv = view.system(system);
                    page("system.html", "../../../", format!("systems/{sys}/index.html"), "system", sv)?;
                    for (file, doc) in view.system_documents(system) {
                        page("document.html", "../../../", format!("systems/{sys}/{file}"), "doc", doc)?;
                    }
                    for deposit in view.visible_deposits(system) {
                        let ver = views::segment(&deposit.version);
                        let dv = view.deposit(system, deposit);
                        page("deposit.html", "../../../../", format!("systems/{sys}/{ver}/index.html"), "deposit", dv)?;
                        for (file, exam) in view.examinations(deposit) {
                            page(
                                "examination.html",
                                "../../../../",
                                format!("systems/{sys}/{ver}/{file}"),
                                "exam",
                                exam,
                            )?;
                        }
                        for (file, doc) in view.deposit_documents(system, deposit) {
                            page("document.html", "../../../../", format!("systems/{sys}/{ver}/{file}"), "doc", doc)?;
                        }
                    }
                    Ok(pages)
                })
                .collect();
            lap.at("system pages");
            for c in counts {
                pages += c?;
            }
            Ok(pages)
        };
        let live = matches!(pages_wanted, Pages::Systems(..));
        let (a, (b, c)) = both(live, listings, || both(live, reports, pages_of));
        Ok(a? + b? + c?)
    };
    // A live update renders few pages per language: the languages go in parallel. A full build
    // is parallel within each language already, and one language at a time keeps its memory low.
    let per_lang: Vec<Result<usize, crate::error::Error>> = match pages_wanted {
        Pages::All => langs.iter().map(one_language).collect(),
        Pages::Systems(..) => langs.par_iter().map(one_language).collect(),
    };
    let mut pages = 0;
    for p in per_lang {
        pages += p?;
    }
    if matches!(pages_wanted, Pages::Systems(..)) {
        return Ok(pages);
    }
    // The entry page: the default language, reachable from disk without a server.
    let redirect = format!(
        "<!DOCTYPE html>\n<html lang=\"{default_lang}\"><head><meta charset=\"utf-8\"><title>qoima</title><link rel=\"icon\" href=\"data:,\"><meta http-equiv=\"refresh\" content=\"0; url={default_lang}/index.html\"></head><body><p><a href=\"{default_lang}/index.html\">{default_lang}/index.html</a></p></body></html>\n"
    );
    put("index.html", &redirect, Kind::Fixed)?;
    let t = theme.words(default_lang);
    let langs_view: Vec<serde_json::Value> = langs
        .iter()
        .map(|l| json!({"code": l, "name": word(theme.words(l), "language_name"), "href": format!("{l}/index.html"), "current": l == default_lang}))
        .collect();
    let not_found_site = json!({
        "title": cat.site.site.title.as_ref().and_then(|l| l.get(default_lang)).unwrap_or("qoima"),
        "lang": default_lang, "root": "", "edition": edition.name(), "internal": edition == Edition::Internal,
        "edition_name": word(t, if edition == Edition::Internal { "edition_internal" } else { "edition_public" }),
        "generated": crate::theme::format_date(t, cat.today), "langs": langs_view,
    });
    put("404.html", &render(theme, "404.html", &base_of(t), &json!({"site": not_found_site}))?, Kind::Fixed)?;
    copy_static(&theme.dir.join("static"), "static", sink)?;
    Ok(pages + 2)
}

/// `a` and `b`, in parallel when `parallel`, else one after the other.
fn both<A: Send, B: Send>(parallel: bool, a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    if parallel { rayon::join(a, b) } else { (a(), b()) }
}

/// Writes sitemap.xml into a built public edition when site.toml names a base URL.
fn write_sitemap(cat: &Catalog, edition: Edition, dir: &Path) -> Result<(), crate::error::Error> {
    let Some(base) = cat.site.site.base_url.as_deref().filter(|_| edition == Edition::Public) else {
        return Ok(());
    };
    let pages: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .collect();
    let path = dir.join("sitemap.xml");
    fs::write(&path, sitemap(pages.iter().map(String::as_str), base)).map_err(|e| crate::error::Error::io(&path, e))
}

/// The report pages of one language, with their CSV and JSON twins. When only `changed`
/// systems changed and the sink kept the layout of a dirty report's files, that report's rows
/// of those systems are made again and the rest copied from the old files; every other dirty
/// report is made whole.
fn write_reports(
    cat: &Catalog,
    theme: &Theme,
    (edition, lang): (Edition, &str),
    sink: &dyn Sink,
    (dirty, changed): (&Dirty, Option<&BTreeSet<String>>),
    site_for: &(dyn Fn(&str) -> serde_json::Value + Sync),
) -> Result<usize, crate::error::Error> {
    let t = theme.words(lang);
    let internal = edition == Edition::Internal;
    let lap = Lap::of("render");
    // The index lists every table: when it is to be rendered, every table is made.
    let with_index = dirty.wants(Listing::ReportIndex);
    if !with_index && dirty.reports.is_empty() {
        return Ok(0);
    }
    let out = ReportOut { cat, theme, lang, t, base: base_of(t), sink, site_for };
    let mut patched = BTreeSet::new();
    if let (false, Some(ids)) = (with_index, changed) {
        let scope = crate::reports::Scope { cat, internal, lang, t, only: Only::Systems(ids) };
        // A live edit: the tables side by side (one edit can touch five reports of megabytes).
        let fresh = scope.tables_where(&|id| dirty.wants(Listing::Report(group_key(id))));
        let done: Vec<Option<u64>> = fresh
            .par_iter()
            .map(|fresh| Ok(out.patch(fresh, ids)?.then(|| group_key(&fresh.id))))
            .collect::<Result<_, crate::error::Error>>()?;
        patched.extend(done.into_iter().flatten());
        lap.at("report rows patched");
        if dirty.reports.iter().all(|k| patched.contains(k)) {
            return Ok(patched.len());
        }
    }
    let scope = crate::reports::Scope { cat, internal, lang, t, only: Only::All };
    let tables = scope.tables_where(&|id| {
        let key = group_key(id);
        with_index || (dirty.wants(Listing::Report(key)) && !patched.contains(&key))
    });
    lap.at("report tables");
    let index: Vec<serde_json::Value> = tables
        .iter()
        .map(|r| {
            json!({"href": format!("{}.html", r.id), "title": out.title(r), "rule": r.rule,
                   "due": r.due.map(|d| crate::theme::format_date(t, d)), "state": r.state})
        })
        .collect();
    let ctx = json!({"site": site_for("reports/index.html"), "reports": index});
    let rel = format!("{lang}/reports/index.html");
    if with_index && !sink.unchanged(&[&rel], fingerprint(&ctx)) {
        let html = render(theme, "reports.html", &out.base, &ctx)?;
        sink.put(&rel, html.as_bytes(), Kind::Listing(Listing::ReportIndex, lang))?;
    }
    for table in &tables {
        let rels = out.rels(table);
        // The page and its CSV and JSON twins are made of the table (and the page's frame): when
        // neither changed, nothing is rendered.
        let fp = {
            use std::hash::{Hash, Hasher};
            let mut h = hasher();
            let rel = format!("reports/{}.html", table.id);
            (out.title(table), table_fingerprint(table), fingerprint(&site_for(&rel))).hash(&mut h);
            h.finish()
        };
        if sink.unchanged(&[&rels[0], &rels[1], &rels[2]], fp) {
            continue;
        }
        let fragments = tables::fragments(table, t)?;
        out.write(table, &tables::all_rows(table, &fragments))?;
    }
    Ok(tables.len() + patched.len() + 1)
}

/// What writing one language's reports needs.
struct ReportOut<'a> {
    cat: &'a Catalog,
    theme: &'a Theme,
    lang: &'a str,
    t: &'a toml::Table,
    base: tera::Context,
    sink: &'a dyn Sink,
    site_for: &'a (dyn Fn(&str) -> serde_json::Value + Sync),
}

impl ReportOut<'_> {
    fn title(&self, table: &crate::reports::Table) -> String {
        let base = word(self.t, table.title).to_string();
        match table.id.strip_prefix("half-year-").and_then(crate::theme::parse_half_year) {
            Some((year, half)) => {
                let period = crate::theme::format_half_year(self.t, year, half);
                if base.contains("{period}") { base.replace("{period}", &period) } else { format!("{base}: {period}") }
            }
            None => base,
        }
    }

    /// The page, CSV and JSON of a table, within the edition.
    fn rels(&self, table: &crate::reports::Table) -> [String; tables::FILES] {
        let lang = self.lang;
        ["html", "csv", "json"].map(|ext| format!("{lang}/reports/{}.{ext}", table.id))
    }

    /// Replaces the rows of `ids` in the report that `fresh` (those systems' rows of it) names,
    /// when the sink kept its files' layout; says whether it did.
    fn patch(&self, fresh: &crate::reports::Table, ids: &BTreeSet<String>) -> Result<bool, crate::error::Error> {
        let rels = self.rels(fresh);
        if fresh.keys.is_none() {
            return Ok(false);
        }
        let lap = Lap::of("patch");
        let Some((layout, old)) = self.sink.rows_before(&rels) else { return Ok(false) };
        lap.at("read");
        let fragments = tables::fragments(fresh, self.t)?;
        let Some(rows) = tables::merge_table(&layout, &old, ids, fresh, &fragments) else { return Ok(false) };
        lap.at("merge");
        if rows.is_empty() {
            // The report is gone from the site: the index changes too (made whole).
            return Ok(false);
        }
        self.write(fresh, &rows)?;
        Ok(true)
    }

    /// Writes a report's three files from its rows' bytes in order, and hands the sink their
    /// layout.
    fn write(&self, table: &crate::reports::Table, rows: &[tables::RowBytes]) -> Result<(), crate::error::Error> {
        let t = self.t;
        let rels = self.rels(table);
        let rel = format!("reports/{}.html", table.id);
        let columns: Vec<&str> = table
            .columns
            .iter()
            .map(|c| match t.get(c.as_str()).and_then(|v| v.as_str()) {
                Some(label) => label,
                // An event kind: the rulebook names it.
                None => self.cat.rulebooks.any_event(c).and_then(|e| e.names.get(self.lang)).unwrap_or(c),
            })
            .collect();
        let view = |rows_html: &str| {
            json!({
                "title": self.title(table), "rule": table.rule,
                "due": table.due.map(|d| crate::theme::format_date(t, d)),
                "state": table.state,
                "columns": columns,
                "rows_html": rows_html,
                "row_count": rows.len(),
                "csv": format!("{}.csv", table.id), "json": format!("{}.json", table.id),
            })
        };
        let page = |rows_html: &str| {
            let ctx = json!({"site": (self.site_for)(&rel), "report": view(rows_html)});
            render(self.theme, "report.html", &self.base, &ctx)
        };
        // The page is rendered once around a mark where its rows go, and split there.
        let lap = Lap::of("write");
        let framed = page(tables::ROWS_MARK)?;
        lap.at("frame");
        let kind = Kind::Listing(Listing::Report(group_key(&table.id)), self.lang);
        let layout = match framed.split_once(tables::ROWS_MARK) {
            Some((head, tail)) if !tail.contains(tables::ROWS_MARK) => {
                let frame = tables::Frame::new(table, (head, tail), &columns, rows.len())?;
                tables::assemble_each(table, &frame, rows, |f, bytes| self.sink.put(&rels[f], &bytes, kind))?
            }
            // A theme that does not place the rows as they are: the page with its rows in it,
            // and no layout (the report is made whole next time).
            _ => {
                let frame = tables::Frame::new(table, ("", ""), &columns, rows.len())?;
                let ([html, csv, json], _) = tables::assemble(table, &frame, rows);
                let html = page(&String::from_utf8(html).map_err(|e| e.to_string())?)?;
                for (rel, bytes) in rels.iter().zip([html.into_bytes(), csv, json]) {
                    self.sink.put(rel, &bytes, kind)?;
                }
                None
            }
        };
        lap.at("assemble and put");
        self.sink.rows_stored(&rels, layout);
        Ok(())
    }
}

/// sitemap.xml of the public edition: every HTML page (of `files`, relative to the edition)
/// under the site's base URL.
pub fn sitemap<'p>(files: impl Iterator<Item = &'p str>, base: &str) -> String {
    let base = if base.ends_with('/') { base.to_string() } else { format!("{base}/") };
    let mut pages: Vec<&str> = files.filter(|p| p.ends_with(".html") && *p != "404.html").collect();
    pages.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&format!("{base}{p}"))));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn xml_escape(s: &str) -> String {
    let mut buf = Vec::with_capacity(s.len());
    let _ = tera::escape_html(s, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

/// The theme's static files (CSS, JS, fonts), under `rel` of the edition.
fn copy_static(from: &Path, rel: &str, sink: &dyn Sink) -> Result<(), crate::error::Error> {
    let Ok(read) = fs::read_dir(from) else { return Ok(()) };
    for entry in read.flatten() {
        let ft = entry.file_type().map_err(|e| e.to_string())?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        let dest = format!("{rel}/{name}");
        if ft.is_dir() {
            copy_static(&entry.path(), &dest, sink)?;
        } else if ft.is_file() {
            let bytes = fs::read(entry.path()).map_err(|e| crate::error::Error::io(entry.path(), e))?;
            sink.put(&dest, &bytes, Kind::Fixed)?;
        }
    }
    Ok(())
}
