//! View models: what each page shows, in one language and one edition, as plain data for the
//! templates. All text from deposits stays text here (templates escape it); only Markdown
//! fields become HTML, sanitized.

type HashMap<K, V> = foldhash::HashMap<K, V>;

use serde_json::{Value, json};

use super::Edition;
use crate::catalog::Catalog;
use crate::check::{DeadlineState, DeadlineStatus};
use crate::finding::{Finding, Severity};
use crate::markdown::to_safe_html;
use crate::meta::{Access, Event, Localized};
use crate::model::{Deposit, FileKind, System};
use crate::reports::Only;
use crate::rulebook::{Level, Role};
use crate::theme::{format_date, word};

pub(super) use crate::names::{fnv, segment};

pub use crate::model::human_size;

mod documents;

/// Findings and deadlines grouped by owner, built once per build (pages look theirs up instead of
/// scanning every finding and deadline of the archive).
#[derive(Default)]
pub(super) struct Index<'a> {
    deadlines_of_deposit: HashMap<&'a str, Vec<&'a DeadlineStatus>>,
    deadlines_of_system: HashMap<&'a str, Vec<&'a DeadlineStatus>>,
    /// Every deadline of a system and its deposits, in the catalog's order.
    all_deadlines_of_system: HashMap<&'a str, Vec<&'a DeadlineStatus>>,
    findings_of_deposit: HashMap<&'a str, Vec<&'a Finding>>,
    findings_of_system: HashMap<&'a str, Vec<&'a Finding>>,
    /// Transfer packages written under the output (internal edition only), by system.
    packages_of_system: HashMap<&'a str, Vec<&'a crate::package_index::Package>>,
}

impl<'a> Index<'a> {
    pub(super) fn new(cat: &'a Catalog, packages: &'a [crate::package_index::Package]) -> Index<'a> {
        Self::of(cat, packages, Only::All)
    }

    /// The index of the systems `only` keeps.
    pub(super) fn of(cat: &'a Catalog, packages: &'a [crate::package_index::Package], only: Only<'a>) -> Index<'a> {
        let mut index = Index::default();
        for p in packages.iter().filter(|p| only.keeps(&p.system)) {
            index.packages_of_system.entry(p.system.as_str()).or_default().push(p);
        }
        for d in only.deadlines(cat) {
            index.all_deadlines_of_system.entry(d.system.as_str()).or_default().push(d);
            match &d.deposit {
                Some(k) => index.deadlines_of_deposit.entry(k.as_str()).or_default().push(d),
                None => index.deadlines_of_system.entry(d.system.as_str()).or_default().push(d),
            }
        }
        for f in only.findings(cat) {
            match (&f.deposit, &f.system) {
                (Some(k), _) => index.findings_of_deposit.entry(k.as_str()).or_default().push(f),
                (None, Some(s)) => index.findings_of_system.entry(s.as_str()).or_default().push(f),
                (None, None) => {}
            }
        }
        index
    }
}

pub(super) struct Views<'a> {
    index: &'a Index<'a>,
    only: Only<'a>,
    cat: &'a Catalog,
    edition: Edition,
    lang: &'a str,
    t: &'a toml::Table,
}

/// What the register shows of a system and filters it by.
/// Borrowed from the catalog and the translations: the register asks every system for them on
/// every edit (its filters list the values of all).
pub(super) struct Facets<'a> {
    pub holder: &'a str,
    pub holder_short: &'a str,
    /// [`crate::meta::SystemStatus::as_str`], empty when the record cannot be read.
    pub status: &'static str,
    pub languages: Vec<&'a str>,
    /// The sources of funding, as the language names them.
    pub funding: Vec<&'a str>,
}

impl<'a> Views<'a> {
    pub(super) fn new(
        cat: &'a Catalog,
        index: &'a Index<'a>,
        edition: Edition,
        lang: &'a str,
        t: &'a toml::Table,
    ) -> Views<'a> {
        Views { index, only: Only::All, cat, edition, lang, t }
    }

    /// A size in bytes as the language writes it.
    fn size(&self, bytes: u64) -> String {
        crate::theme::format_size(self.t, bytes)
    }

    /// `n` and the word of `key` in the form the number asks for.
    fn count(&self, key: &str, n: u64) -> String {
        crate::theme::count(self.t, self.lang, key, n)
    }

    /// The language of these views.
    pub(super) fn lang(&self) -> &'a str {
        self.lang
    }

    /// The language of these views as qoima's messages know it (English for any other).
    fn language(&self) -> crate::messages::Lang {
        crate::messages::Lang::parse(self.lang).unwrap_or_default()
    }

    /// The same views over the systems `only` keeps: each listing then holds their rows alone.
    pub(super) fn only(self, only: Only<'a>) -> Views<'a> {
        Views { only, ..self }
    }

    fn text(&self, l: Option<&Localized>) -> String {
        l.and_then(|l| l.get(self.lang)).unwrap_or("").to_string()
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        format_date(self.t, d)
    }

    /// Systems this edition may show: every one internally, public ones publicly (D1124-28).
    pub(super) fn visible_systems(&self) -> impl Iterator<Item = &'a System> + '_ {
        self.only.systems(self.cat).filter(|s| s.shown(self.edition == Edition::Internal))
    }

    /// Deposits of a visible system this edition may show (a deposit may be restricted alone).
    pub(super) fn visible_deposits(&self, system: &'a System) -> impl Iterator<Item = &'a Deposit> + '_ {
        system.deposits.iter().filter(move |d| system.deposit_shown(d, self.edition == Edition::Internal))
    }

    fn system_name(&self, s: &System) -> String {
        s.name(self.lang)
    }

    fn system_href(&self, s: &System, root: &str) -> String {
        format!("{root}systems/{}/index.html", segment(&s.id))
    }

    fn deposit_href(&self, s: &System, d: &Deposit, root: &str) -> String {
        format!("{root}systems/{}/{}/index.html", segment(&s.id), segment(&d.version))
    }

    /// The folder of a state body's page: by its BIN when given, else by its full name.
    pub(super) fn body_key(s: &System) -> Option<&str> {
        s.body_key.as_deref()
    }

    /// The state bodies of this edition: (folder, its systems).
    pub(super) fn bodies(&self) -> Vec<(&'a str, Vec<&'a System>)> {
        let mut map: std::collections::BTreeMap<&'a str, Vec<&'a System>> = std::collections::BTreeMap::new();
        for s in self.visible_systems() {
            if let Some(k) = Self::body_key(s) {
                map.entry(k).or_default().push(s);
            }
        }
        map.into_iter().collect()
    }

    /// The page of one state body.
    pub(super) fn body(&self, systems: &[&System]) -> Value {
        let first = systems[0];
        let doc = first.doc.as_ref();
        let rows: Vec<Value> = systems
            .iter()
            .map(|s| {
                let d = s.doc.as_ref();
                let status = d.map(|d| d.status.value.as_str().to_string()).unwrap_or_default();
                json!({"code": d.map(|d| d.code.value.as_str()).unwrap_or(""), "name": self.system_name(s),
                       "href": self.system_href(s, "../../"), "status_text": word(self.t, &format!("status_{status}")),
                       "deposit_count": self.visible_deposits(s).count()})
            })
            .collect();
        let mut deadlines = Vec::new();
        if self.edition == Edition::Internal {
            // In the catalog's order (due date, file, rule), from each system's own list.
            let mut pending: Vec<(&DeadlineStatus, &System)> = systems
                .iter()
                .flat_map(|s| {
                    self.index.all_deadlines_of_system.get(s.id.as_str()).into_iter().flatten().map(move |d| (*d, *s))
                })
                .filter(|(d, _)| !matches!(d.state, DeadlineState::Met | DeadlineState::Late { .. }))
                .collect();
            pending.sort_by(|(a, _), (b, _)| (a.due, &a.path, &a.rule).cmp(&(b.due, &b.path, &b.rule)));
            for (d, s) in pending {
                deadlines.push(self.deadline(d, self.system_href(s, "../../"), self.system_name(s)));
            }
        }
        json!({"name": self.holder(first).0, "address": self.text(doc.and_then(|d| d.holder.address.as_ref())),
               "systems": rows, "deadlines": deadlines})
    }

    fn holder(&self, s: &System) -> (String, String) {
        s.holder_names(self.lang)
    }

    fn findings_of(&self, findings: Option<&Vec<&Finding>>) -> Vec<Value> {
        if self.edition != Edition::Internal {
            return Vec::new();
        }
        findings
            .into_iter()
            .flatten()
            .map(|f| {
                let where_ = match (f.line, f.column) {
                    (Some(l), Some(c)) => format!("{}:{l}:{c}", f.path),
                    _ => f.path.clone(),
                };
                json!({
                    "severity": f.severity.as_str(),
                    "severity_text": word(self.t, &format!("severity_{}", f.severity.as_str())),
                    "rule": f.rule, "where": where_, "message_html": code_spans(&f.text(self.language())),
                })
            })
            .collect()
    }

    /// Events with their names and clauses, from `book` first (the deposit's own rulebook), then
    /// from any rulebook that knows the kind.
    fn events(&self, events: &[Event], level: Level, book: Option<&crate::rulebook::Rulebook>) -> Vec<Value> {
        let mut sorted: Vec<&Event> = events.iter().collect();
        sorted.sort_by_key(|e| e.date.value);
        sorted
            .into_iter()
            .map(|e| {
                let kind = book
                    .and_then(|b| b.event(&e.kind.value, level))
                    .or_else(|| self.cat.rulebooks.books.iter().find_map(|b| b.event(&e.kind.value, level)));
                json!({
                    "date": self.date(e.date.value),
                    "name": crate::theme::event_name(self.t, kind.and_then(|k| k.names.get(self.lang)), &e.kind.value),
                    "rule": kind.map(|k| k.rule.as_str()).unwrap_or(""),
                    "number": e.number.as_ref().map(|n| n.value.as_str()).unwrap_or(""),
                })
            })
            .collect()
    }

    fn deadline(&self, d: &crate::check::DeadlineStatus, href: String, what: String) -> Value {
        let (state, days) = match d.state {
            DeadlineState::Met => ("met", None),
            DeadlineState::Late { working_days } => ("late", Some(working_days)),
            DeadlineState::Open { working_days_left } => ("open", Some(working_days_left)),
            DeadlineState::Missed { working_days } => ("missed", Some(working_days)),
        };
        let mut state_text = word(self.t, &format!("state_{state}")).to_string();
        if let Some(n) = days {
            state_text = format!("{state_text} ({})", self.count("count_working_days", n.unsigned_abs()));
        }
        json!({"rule": d.rule, "due": self.date(d.due), "state": state, "state_text": state_text, "href": href, "what": what})
    }

    pub(super) fn home(&self) -> Value {
        let systems: Vec<&System> = self.visible_systems().collect();
        let mut deposits: Vec<(&System, &Deposit)> =
            systems.iter().flat_map(|s| self.visible_deposits(s).map(move |d| (*s, d))).collect();
        let mut bodies: Vec<&str> =
            systems.iter().map(|s| s.holder_names_in(self.lang).1).filter(|b| !b.is_empty()).collect();
        bodies.sort_unstable();
        bodies.dedup();
        // The ten latest, newest first: chosen, not found by sorting them all.
        let newer = |a: &(&System, &Deposit), b: &(&System, &Deposit)| {
            b.1.date().cmp(&a.1.date()).then_with(|| a.1.cmp_key(b.1))
        };
        // (The counts below do not depend on the order.)
        if deposits.len() > 10 {
            deposits.select_nth_unstable_by(9, newer);
        }
        let n = deposits.len().min(10);
        let latest = &mut deposits[..n];
        latest.sort_by(newer);
        let recent: Vec<Value> = latest
            .iter()
            .map(|(s, d)| {
                json!({
                    "date": d.date().map(|x| self.date(x)).unwrap_or_default(),
                    "href": self.deposit_href(s, d, ""),
                    "system_name": self.system_name(s),
                    "version": d.version,
                    "holder": self.holder(s).1,
                })
            })
            .collect();
        let mut due = Vec::new();
        let mut missed = Vec::new();
        if self.edition == Edition::Internal {
            for d in self.only.deadlines(self.cat) {
                let shown = match d.state {
                    DeadlineState::Open { working_days_left } => working_days_left <= 10,
                    DeadlineState::Missed { .. } => true,
                    _ => false,
                };
                if !shown {
                    continue;
                }
                let Some(system) = self.cat.archive.system(&d.system) else { continue };
                let version = d.deposit.as_deref().and_then(|k| k.split_once('/')).map(|(_, v)| v);
                let (href, what) = match version.and_then(|v| system.deposits.iter().find(|x| x.version == v)) {
                    Some(dep) => {
                        (self.deposit_href(system, dep, ""), format!("{} {}", self.system_name(system), dep.version))
                    }
                    None => (self.system_href(system, ""), self.system_name(system)),
                };
                match d.state {
                    DeadlineState::Open { working_days_left } if working_days_left <= 10 => {
                        due.push(self.deadline(d, href, what))
                    }
                    DeadlineState::Missed { .. } => missed.push(self.deadline(d, href, what)),
                    _ => {}
                }
            }
        }
        json!({
            "systems": systems.len(),
            "deposits": deposits.len(),
            "bodies": bodies.len(),
            "recent": recent,
            "due": due,
            "missed": missed,
            "sealed": deposits.iter().filter(|(_, d)| d.seal.is_some()).count(),
            "fixity_failed": if self.edition == Edition::Internal {
                deposits.iter().filter(|(_, d)| self.cat.last_fixity(d).is_some_and(|e| e.outcome != "success")).count()
            } else {
                0
            },
            "errors": if self.edition == Edition::Internal { self.cat.count(Severity::Error) } else { 0 },
            "warnings": if self.edition == Edition::Internal { self.cat.count(Severity::Warning) } else { 0 },
            // The register's head: a hash reveals nothing of what it covers, so both editions
            // show it; a saved page later proves what the register held that day.
            "register_head": self.cat.register.head,
            "register_entries": if self.edition == Edition::Internal {
                self.count("count_register_entries", self.cat.register.entries.len() as u64)
            } else {
                String::new()
            },
            "fixity_head": if self.edition == Edition::Internal { self.cat.fixity.head.as_str() } else { "" },
        })
    }

    /// The register's rows: every visible system, in the archive's order.
    pub(super) fn systems(&self) -> Vec<Value> {
        self.register_facets().iter().map(|(s, f)| self.register_row(s, f)).collect()
    }

    /// What the register shows of each visible system and filters it by, in the archive's order.
    pub(super) fn register_facets(&self) -> Vec<(&'a System, Facets<'a>)> {
        self.visible_systems()
            .map(|s| {
                let mut languages: Vec<&str> = self
                    .visible_deposits(s)
                    .filter_map(|d| d.doc.as_ref())
                    .flat_map(|d| d.languages.iter().map(|l| l.value.as_str()))
                    .collect();
                languages.sort_unstable();
                languages.dedup();
                let (holder, holder_short) = s.holder_names_in(self.lang);
                let status = s.doc.as_ref().map(|d| d.status.value.as_str()).unwrap_or_default();
                (s, Facets { holder, holder_short, status, languages, funding: self.funding(s) })
            })
            .collect()
    }

    /// One system's row of the register.
    pub(super) fn register_row(&self, s: &System, f: &Facets) -> Value {
        let doc = s.doc.as_ref();
        json!({
            "code": doc.map(|d| d.code.value.as_str()).unwrap_or(""),
            "name": self.system_name(s),
            "href": format!("{}/index.html", segment(&s.id)),
            "holder": f.holder,
            "holder_short": f.holder_short,
            "body_href": Self::body_key(s).map(|k| format!("../bodies/{k}/index.html")).unwrap_or_default(),
            "status": f.status,
            "status_text": word(self.t, &format!("status_{}", f.status)),
            "restricted": s.access() == Access::Restricted,
            "languages": f.languages,
            "funding": f.funding,
            "deposit_count": self.visible_deposits(s).count(),
        })
    }

    fn funding(&self, s: &System) -> Vec<&'a str> {
        let t = self.t;
        s.doc.as_ref().map(|d| d.funding.iter().map(|f| word(t, f.value.word_key())).collect()).unwrap_or_default()
    }

    /// The register's filters (state body, status, programming language, funding), with the
    /// values the systems of `facets` have.
    pub(super) fn register_filters<'f>(&self, facets: impl Iterator<Item = &'f Facets<'f>> + Clone) -> Vec<Value>
    where
        'a: 'f,
    {
        let collect = |values: &mut dyn Iterator<Item = &'f str>, label: &dyn Fn(&str) -> String| -> Vec<Value> {
            // Thousands of systems share a few dozen values: the distinct ones are sorted.
            let distinct: std::collections::HashSet<&str, foldhash::fast::RandomState> =
                values.filter(|v| !v.is_empty()).collect();
            let mut values: Vec<&str> = distinct.into_iter().collect();
            values.sort_unstable();
            values.into_iter().map(|v| json!({"value": v, "label": label(v)})).collect()
        };
        let same = |v: &str| v.to_string();
        let status = |v: &str| word(self.t, &format!("status_{v}")).to_string();
        let filter = |key: &str, label: &str, options: Vec<Value>| json!({"key": key, "label": word(self.t, label), "options": options});
        vec![
            filter("body", "holder", collect(&mut facets.clone().map(|f| f.holder_short), &same)),
            filter("status", "status", collect(&mut facets.clone().map(|f| f.status), &status)),
            filter(
                "language",
                "languages",
                collect(&mut facets.clone().flat_map(|f| f.languages.iter().copied()), &same),
            ),
            filter("funding", "funding", collect(&mut facets.flat_map(|f| f.funding.iter().copied()), &same)),
        ]
    }

    /// What the search finds: systems and deposits of this edition, by every name in every
    /// language, code, state body, developer, programming language and annotation.
    pub(super) fn search_docs(&self) -> Vec<crate::search::Doc> {
        self.visible_systems().flat_map(|s| self.search_docs_of(s)).collect()
    }

    /// What the search finds of one system: the system and each deposit this edition shows.
    pub(super) fn search_docs_of(&self, s: &System) -> Vec<crate::search::Doc> {
        let all = |l: Option<&Localized>| {
            l.map(|l| l.variants().map(|a| a.value.as_str()).collect::<Vec<_>>().join(" ")).unwrap_or_default()
        };
        // The numbers of the events the pages show: depository, journal and registration numbers.
        let numbers = |events: &[Event]| {
            events.iter().filter_map(|e| e.number.as_ref()).map(|n| n.value.as_str()).collect::<Vec<_>>().join(" ")
        };
        let mut docs = Vec::new();
        let Some(doc) = &s.doc else { return docs };
        let (_, body) = self.holder(s);
        let system_text = [
            all(Some(&doc.names)),
            doc.code.value.clone(),
            all(Some(&doc.holder.full_name)),
            all(doc.holder.short_name.as_ref()),
            all(Some(&doc.developer.full_name)),
            numbers(s.events()),
        ]
        .join(" ");
        docs.push(crate::search::Doc {
            title: self.system_name(s),
            href: self.system_href(s, ""),
            note: format!("{} · {body}", doc.code.value),
            text: system_text.clone(),
        });
        for d in self.visible_deposits(s) {
            let Some(dd) = &d.doc else { continue };
            let text = [
                system_text.clone(),
                all(Some(&dd.set_name)),
                all(dd.annotation.as_ref()),
                dd.languages.iter().map(|l| l.value.as_str()).collect::<Vec<_>>().join(" "),
                d.version.clone(),
                numbers(d.events()),
            ]
            .join(" ");
            docs.push(crate::search::Doc {
                title: format!("{} {}", self.system_name(s), d.version),
                href: self.deposit_href(s, d, ""),
                note: body.clone(),
                text,
            });
        }
        docs
    }

    /// The depository number of a deposit (D1124-41), or nothing yet.
    fn depository_number(&self, d: &Deposit) -> String {
        self.cat.rulebooks.number_with_role(d.events(), Role::DepositoryNumber).unwrap_or_default()
    }

    pub(super) fn system(&self, s: &System) -> Value {
        let doc = s.doc.as_ref();
        let status = doc.map(|d| d.status.value.as_str().to_string()).unwrap_or_default();
        let access = if s.access() == Access::Restricted { "restricted" } else { "public" };
        let deposits: Vec<Value> = self
            .visible_deposits(s)
            .map(|d| {
                let number = self.depository_number(d);
                json!({
                    "version": d.version,
                    "href": format!("{}/index.html", segment(&d.version)),
                    "date": d.date().map(|x| self.date(x)).unwrap_or_default(),
                    "number": number,
                })
            })
            .collect();
        json!({
            "readable": doc.is_some(),
            "name": self.system_name(s),
            "code": doc.map(|d| d.code.value.as_str()).unwrap_or(""),
            "holder": self.holder(s).0,
            "body_href": Self::body_key(s).map(|k| format!("../../bodies/{k}/index.html")).unwrap_or_default(),
            "developer": self.text(doc.map(|d| &d.developer.full_name)),
            "status_text": word(self.t, &format!("status_{status}")),
            "access_text": word(self.t, &format!("access_{access}")),
            "funding": self.funding(s),
            "notes_html": doc.and_then(|d| d.notes.as_ref()).and_then(|n| n.get(self.lang)).map(to_safe_html).unwrap_or_default(),
            "deposits": deposits,
            "events": self.events(s.events(), Level::System, None),
            "findings": self.findings_of(self.index.findings_of_system.get(s.id.as_str())),
            "documents": self.system_documents(s).into_iter().map(|(file, d)| json!({"href": file, "title": d["title"]})).collect::<Vec<_>>(),
            "packages": self.packages(s),
        })
    }

    /// The system's transfer packages (internal edition): link, size, SHA-256, and whether a
    /// seal changed since the package was made.
    fn packages(&self, s: &System) -> Vec<Value> {
        if self.edition != Edition::Internal {
            return Vec::new();
        }
        let seals: HashMap<String, &str> = s
            .deposits
            .iter()
            .filter_map(|d| d.seal.as_ref().map(|seal| (d.key(), seal.record.manifest_sha256.as_str())))
            .collect();
        self.index
            .packages_of_system
            .get(s.id.as_str())
            .into_iter()
            .flatten()
            .map(|p| {
                let current = p.seals.iter().all(|(k, h)| seals.get(k).is_some_and(|now| now == h))
                    && (p.version.is_some() || seals.len() == p.seals.len());
                json!({
                    "href": format!("../../../packages/{}", p.file),
                    "file": p.file,
                    "version": p.version,
                    "size": self.size(p.bytes),
                    "bytes": p.bytes,
                    "sha256": p.sha256,
                    "date": self.date(p.bagging_date),
                    "numbers": p.numbers.join(", "),
                    "outdated": !current,
                })
            })
            .collect()
    }

    pub(super) fn deposit(&self, s: &System, d: &Deposit) -> Value {
        let doc = d.doc.as_ref();
        let key = d.key();
        let book = self.cat.deposit_rulebooks.get(&key).and_then(|c| c.id()).and_then(|id| self.cat.rulebooks.get(id));
        let components: Vec<Value> = book
            .map(|b| {
                b.components
                    .iter()
                    .map(|c| {
                        let stat = d.components.get(&c.id).cloned().unwrap_or_default();
                        let waived = doc.is_some_and(|x| x.not_applicable.contains_key(&c.id));
                        json!({
                            "id": c.id, "rule": c.rule, "required": c.required,
                            "ok": stat.files > 0 || waived || !c.required,
                            "files": stat.files, "size": self.size(stat.bytes),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let items: Vec<Value> = doc
            .map(|x| {
                x.items
                    .iter()
                    .map(|i| {
                        let kind = match i.original_or_copy.value {
                            crate::meta::OriginalOrCopy::Original => word(self.t, "original"),
                            crate::meta::OriginalOrCopy::Copy => word(self.t, "copy"),
                        };
                        json!({"name": i.name.value, "cd_serial": i.cd_serial.as_ref().map(|c| c.value.as_str()).unwrap_or(""), "kind": kind})
                    })
                    .collect()
            })
            .unwrap_or_default();
        let deadlines: Vec<Value> = if self.edition == Edition::Internal {
            self.index
                .deadlines_of_deposit
                .get(key.as_str())
                .into_iter()
                .flatten()
                .map(|x| self.deadline(x, String::new(), String::new()))
                .collect()
        } else {
            Vec::new()
        };
        let manifest = self.cat.manifest_of(d);
        let sealed: HashMap<&str, &str> = manifest.iter().map(|(h, p)| (p.as_str(), h.as_str())).collect();
        // Formats as the latest examination identified them (a record of the catalog): pages are
        // made from the catalog, never by reading the deposit's files again.
        let examined: Option<HashMap<&str, &crate::pronom::FileFormat>> = self
            .cat
            .examinations
            .get(&d.key())
            .and_then(|v| v.last())
            .filter(|c| !c.formats.is_empty())
            .map(|c| c.formats.iter().map(|f| (f.path.as_str(), &f.format)).collect());
        let files: Vec<Value> = if self.edition == Edition::Internal {
            d.files
                .iter()
                .filter(|f| f.kind == FileKind::Regular)
                .map(|f| {
                    let format = examined.as_ref().and_then(|m| m.get(f.path.as_str()));
                    json!({"path": f.path, "size": self.size(f.size), "sha256": sealed.get(f.path.as_str()).copied().unwrap_or(""),
                           "examined": examined.is_some(),
                           "puid": format.and_then(|x| x.puid.as_deref()), "format": format.map(|x| x.described())})
                })
                .collect()
        } else {
            Vec::new()
        };
        let list = |v: Option<&Vec<crate::yaml::At<String>>>| -> Vec<String> {
            v.map(|v| v.iter().map(|a| a.value.clone()).collect()).unwrap_or_default()
        };
        let build = doc.and_then(|x| x.build.as_ref());
        let environment = build
            .map(|b| {
                [b.environment.as_ref(), b.environment_version.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(|a| a.value.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        json!({
            "readable": doc.is_some(),
            "system_name": self.system_name(s),
            "system_href": "../index.html",
            "version": d.version,
            "set_name": self.text(doc.map(|x| &x.set_name)),
            "applicant": self.text(doc.map(|x| &x.applicant)),
            "date": d.date().map(|x| self.date(x)).unwrap_or_default(),
            "rulebook": book.map(|b| format!("{} — {}", b.id, b.title.get(self.lang).unwrap_or(""))).unwrap_or_default(),
            "copies": doc.and_then(|x| x.copies.as_ref()).map(|c| c.value.to_string()).unwrap_or_default(),
            "authors": list(doc.map(|x| &x.authors)),
            "languages": list(doc.map(|x| &x.languages)),
            "release_date": doc.and_then(|x| x.release_date.as_ref()).map(|r| self.date(r.value)).unwrap_or_default(),
            "protection": doc.and_then(|x| x.protection.as_ref()).map(|p| p.value.as_str()).unwrap_or(""),
            "environment": environment,
            "annotation_html": doc.and_then(|x| x.annotation.as_ref()).and_then(|a| a.get(self.lang)).map(to_safe_html).unwrap_or_default(),
            "components": components,
            "items": items,
            "events": self.events(d.events(), Level::Deposit, book),
            "deadlines": deadlines,
            "findings": self.findings_of(self.index.findings_of_deposit.get(key.as_str())),
            "files": files,
            "seal": d.seal.as_ref().map(|seal| json!({
                "number": seal.record.number, "date": self.date(seal.record.date), "by": seal.record.by,
                "files": seal.record.files, "files_text": self.count("count_files", seal.record.files),
                "size": self.size(seal.record.bytes),
                "swhid": seal.record.source_swhid,
            })),
            "fixity": if self.edition == Edition::Internal {
                self.cat.last_fixity(d).map(|e| json!({"date": self.date(e.date), "ok": e.outcome == "success",
                    "outcome": word(self.t, &format!("fixity_outcome_{}", e.outcome)),
                    "details": e.details.iter().map(|x| crate::records::fixity_log::say(x, self.t)).collect::<Vec<_>>()}))
            } else {
                None
            },
            "documents": self.deposit_documents(s, d).into_iter().map(|(file, d)| json!({"href": file, "title": d["title"]})).collect::<Vec<_>>(),
            "examinations": self.examinations(d).into_iter().map(|(file, e)| json!({"href": file, "number": e["number"], "date": e["date"], "positive": e["positive"]})).collect::<Vec<_>>(),
        })
    }

    /// Each detail of a check in the page's language where the theme says it
    /// (`exam_note_<key>`), else as saved. A detail saved without its note (by an older qoima)
    /// is recognized by the English it was made from; a finding is said as the catalogue's own
    /// finding of that file, rule and message says itself in the language.
    fn said(&self, k: &crate::records::conclusion::CheckResult) -> Vec<String> {
        k.details
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let note = match k.notes.get(i) {
                    Some(Some(n)) => Some(n.clone()),
                    _ => super::conclusion::recognize(d),
                };
                let Some(mut note) = note else { return d.clone() };
                if note.key == "finding" {
                    let arg = |name: &str| note.args.get(name).map(String::as_str).unwrap_or("");
                    let found = self
                        .cat
                        .findings
                        .iter()
                        .find(|f| f.path == arg("path") && f.rule == arg("rule") && f.message == arg("message"));
                    if let Some(f) = found {
                        note.args.insert("message".into(), f.text(self.language()).into_owned());
                    }
                }
                super::conclusion::say(&note, self.t).unwrap_or_else(|| d.clone())
            })
            .collect()
    }

    pub(super) fn examinations(&self, d: &Deposit) -> Vec<(String, Value)> {
        if self.edition != Edition::Internal {
            return Vec::new();
        }
        let outcome = |o: crate::records::conclusion::Outcome| match o {
            crate::records::conclusion::Outcome::Pass => "pass",
            crate::records::conclusion::Outcome::Warning => "warning",
            crate::records::conclusion::Outcome::Fail => "fail",
        };
        self.cat
            .examinations
            .get(&d.key())
            .into_iter()
            .flatten()
            .map(|c| {
                let said = |k: &crate::records::conclusion::CheckResult| self.said(k);
                let name = |k: &crate::records::conclusion::CheckResult| word(self.t, &format!("exam_check_{}", k.id.replace('-', "_"))).to_string();
                let checks: Vec<Value> = c
                    .checks
                    .iter()
                    .map(|k| json!({"id": k.id, "name": name(k), "rule": k.rule,
                                    "outcome": outcome(k.outcome), "outcome_text": word(self.t, &format!("exam_{}", outcome(k.outcome))), "details": said(k)}))
                    .collect();
                // The reasons of a negative conclusion are the details of the checks that failed.
                let reasons: Vec<String> = c
                    .checks
                    .iter()
                    .filter(|k| k.outcome == crate::records::conclusion::Outcome::Fail)
                    .flat_map(|k| {
                        let n = name(k);
                        said(k).into_iter().map(move |d| format!("{n}: {d}"))
                    })
                    .collect();
                let artifacts: Vec<Value> = c
                    .artifacts
                    .iter()
                    .map(|a| json!({"path": a.path, "format": a.format, "size": self.size(a.size), "entries": a.entries,
                                    "unpacked": self.size(a.unpacked), "ok": a.ok,
                                    "problem": a.problem.as_deref().map(|p| super::conclusion::say_problem(p, self.t))}))
                    .collect();
                let third_party: Vec<Value> = c
                    .source
                    .third_party
                    .iter()
                    .map(|t| json!({"name": t.name, "version": t.version, "license": t.license, "found_in": t.found_in}))
                    .collect();
                let languages: Vec<String> = c.source.languages.iter().map(|(l, n)| format!("{l} ({n})")).collect();
                (
                    format!("examination-{}.html", c.number),
                    json!({"number": c.number, "date": self.date(c.date), "by": c.by, "agent": c.agent, "positive": c.positive,
                           "reasons": reasons, "checks": checks, "artifacts": artifacts, "third_party": third_party,
                           "languages": languages.join(", "), "deposit": c.deposit, "issuer": self.examiner(d), "rebuilt": c.rebuild.is_some(),
                           "databases": c.databases.iter().map(|db| json!({"path": db.path, "format": db.format, "ok": db.ok, "detail": db.detail})).collect::<Vec<_>>()}),
                )
            })
            .collect()
    }
}

/// A finding's text as HTML: escaped, and what stands in backquotes (a field, a value, a command
/// the operator types) set as code. Text with an unpaired backquote is only escaped.
fn code_spans(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut out = Vec::with_capacity(text.len() + 16);
    if parts.len().is_multiple_of(2) {
        let _ = tera::escape_html(text, &mut out);
    } else {
        for (i, part) in parts.iter().enumerate() {
            let code = i % 2 == 1;
            out.extend_from_slice(if code { b"<code>" } else { b"" });
            let _ = tera::escape_html(part, &mut out);
            out.extend_from_slice(if code { b"</code>" } else { b"" });
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod code_span_tests {
    use super::code_spans;

    #[test]
    fn backquoted_words_become_code_and_everything_is_escaped() {
        assert_eq!(
            code_spans("no `objects_received` <b>by</b> 2026-11-25"),
            "no <code>objects_received</code> &lt;b&gt;by&lt;/b&gt; 2026-11-25"
        );
        assert_eq!(code_spans("`<script>`"), "<code>&lt;script&gt;</code>");
        assert_eq!(code_spans("one ` alone <i>"), "one ` alone &lt;i&gt;");
    }
}
