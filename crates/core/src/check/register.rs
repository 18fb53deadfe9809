//! Register rules: the record of a system and of a deposit against each other, and keys that
//! must be unique across the whole archive.

use crate::finding::{Finding, Severity, house};
use crate::meta::{Access, DepositDoc, Funding, SystemDoc, SystemStatus};
use crate::model::{Archive, Deposit, System};
use crate::rulebook::{Role, Rulebooks};

/// Checks of system.yaml on its own and against its deposits.
pub(crate) fn system_record(system: &System, doc: &SystemDoc, books: &Rulebooks) -> Vec<Finding> {
    let path = system.yaml_path();
    let mut out = Vec::new();
    if doc.names.is_empty() {
        out.push(Finding::with_id(Severity::Error, "O146-2.4", &path, "system-names-empty", crate::args! {}));
    }
    if !doc.funding.is_empty() && doc.funding.iter().all(|f| f.value.is_private()) {
        out.push(
            Finding::with_id(Severity::Info, "D1124-11", &path, "system-funded-privately", crate::args! {})
                .at(doc.funding[0].pos),
        );
    }
    let has = |role: Role| {
        doc.events
            .iter()
            .chain(system.deposits.iter().flat_map(|d| d.events().iter()))
            .any(|e| books.has_role(&e.kind.value, role))
    };
    let status = &doc.status;
    match status.value {
        SystemStatus::Development if !system.deposits.is_empty() => out.push(
            Finding::with_id(Severity::Error, "O146-6", &path, "system-in-development", crate::args! {}).at(status.pos),
        ),
        SystemStatus::Withdrawn | SystemStatus::Transferred if !has(Role::Withdrawal) => out.push(
            Finding::with_id(Severity::Warning, "O146-11", &path, "system-withdrawal-unrecorded", crate::args! {})
                .at(status.pos),
        ),
        _ => {}
    }
    if status.value == SystemStatus::Transferred && !has(Role::Transfer) {
        out.push(
            Finding::with_id(Severity::Warning, "O146-12", &path, "system-transfer-unrecorded", crate::args! {})
                .at(status.pos),
        );
    }
    if status.value == SystemStatus::Operating && has(Role::Withdrawal) {
        out.push(
            Finding::with_id(Severity::Warning, "O146-11", &path, "system-operating-withdrawn", crate::args! {})
                .at(status.pos),
        );
    }
    out
}

/// Checks of a deposit against its system.
pub(crate) fn deposit_record(system: &System, deposit: &Deposit, doc: &DepositDoc) -> Vec<Finding> {
    let path = deposit.yaml_path();
    let mut out = Vec::new();
    // The folder names the version everywhere (pages, packages, the register): the
    // application must say the same.
    let v = &doc.version;
    if v.value.trim() != deposit.version {
        out.push(
            Finding::with_id(
                Severity::Error,
                house::VERSION,
                &path,
                "deposit-version-differs",
                crate::args! { "version" => v.value.as_str(), "folder" => deposit.version.as_str() },
            )
            .at(v.pos),
        );
    }
    if let Some(sys) = &system.doc
        && doc.is_code.value.trim() != sys.code.value.trim()
    {
        out.push(
            Finding::with_id(
                Severity::Error,
                "O146-2.4",
                &path,
                "deposit-code-differs",
                crate::args! {
                    "code" => doc.is_code.value.as_str(), "system_code" => sys.code.value.as_str(), "path" => system.yaml_path()
                },
            )
            .at(doc.is_code.pos),
        );
    }
    if let Some(access) = &doc.access
        && access.value == Access::Public
        && system.access() == Access::Restricted
    {
        out.push(
            Finding::with_id(Severity::Error, "D1124-12", &path, "deposit-access-widened", crate::args! {})
                .at(access.pos),
        );
    }
    if let Some(cp) = &doc.copy_permitted
        && !cp.value
    {
        let funding: Vec<Funding> = if doc.funding.is_empty() {
            system.doc.as_ref().map(|s| s.funding.iter().map(|f| f.value).collect()).unwrap_or_default()
        } else {
            doc.funding.iter().map(|f| f.value).collect()
        };
        if !funding.is_empty() && funding.iter().all(|f| !f.is_private()) {
            out.push(
                Finding::with_id(Severity::Warning, "D1124-53", &path, "deposit-copy-refused", crate::args! {})
                    .at(cp.pos),
            );
        } else {
            out.push(
                Finding::with_id(Severity::Info, "D1124-53", &path, "deposit-copy-not-permitted", crate::args! {})
                    .at(cp.pos),
            );
        }
    }
    if let Some(prev) = &doc.previous {
        match system.deposits.iter().find(|d| d.version == prev.value) {
            None => out.push(
                Finding::with_id(
                    Severity::Error,
                    "D1124-47",
                    &path,
                    "deposit-previous-unknown",
                    crate::args! { "previous" => prev.value.as_str(), "system" => system.id.as_str() },
                )
                .at(prev.pos),
            ),
            Some(p) if p.version == deposit.version => {
                let f = Finding::with_id(Severity::Error, "D1124-47", &path, "deposit-previous-self", crate::args! {});
                out.push(f.at(prev.pos))
            }
            Some(p) => {
                if let Some(pd) = p.date()
                    && pd > doc.date.value
                {
                    out.push(
                        Finding::with_id(
                            Severity::Error,
                            "D1124-47",
                            &path,
                            "deposit-previous-later",
                            crate::args! {
                                "previous" => p.version.as_str(), "previous_date" => pd.to_string(), "date" => doc.date.value.to_string()
                            },
                        )
                        .at(prev.pos),
                    );
                }
            }
        }
    }
    out
}

/// Keys that must be unique across the archive: IS codes, registration numbers, depository
/// numbers, journal numbers.
/// A fingerprint of everything of one system that [`across_archive`] reads: its folder, its
/// code and every numbered event, with their places. When the systems a live edit read again
/// have the same claims as before (and no system came or went), the findings across the archive
/// are the same as before.
pub(crate) fn claims(system: &System) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    system.dir.hash(&mut h);
    if let Some(doc) = &system.doc {
        (&doc.code.value, doc.code.pos).hash(&mut h);
        let own = doc.events.iter().map(|e| (e, None));
        let of_deposits = system.deposits.iter().flat_map(|d| d.events().iter().map(move |e| (e, Some(&d.dir))));
        for (ev, dir) in own.chain(of_deposits) {
            if let Some(n) = &ev.number {
                (dir, &ev.kind.value, &n.value, n.pos).hash(&mut h);
            }
        }
    }
    system.deposits.len().hash(&mut h);
    h.finish()
}

pub(crate) fn across_archive(archive: &Archive, books: &Rulebooks) -> Vec<Finding> {
    use std::collections::hash_map::Entry;
    // Where a key was first seen: the system, and its deposit (none: the system's own record).
    // Paths are made only for a finding: this runs on every live update, over every event.
    type Seen = (usize, Option<usize>);
    let path_of = |(s, d): Seen| {
        let system = &archive.systems[s];
        match d {
            Some(i) => system.deposits[i].yaml_path(),
            None => system.yaml_path(),
        }
    };
    let mut out = Vec::new();
    let mut codes: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    let mut numbers: foldhash::HashMap<(&str, &str), Seen> = foldhash::HashMap::default();
    // The clause of each event kind whose numbers are unique, looked up once per kind.
    let mut unique: foldhash::HashMap<&str, Option<&str>> = foldhash::HashMap::default();
    for (si, system) in archive.systems.iter().enumerate() {
        let Some(doc) = &system.doc else { continue };
        let code = doc.code.value.trim();
        match codes.entry(code) {
            Entry::Occupied(first) => out.push(
                Finding::with_id(
                    Severity::Error,
                    house::UNIQUE,
                    system.yaml_path(),
                    "code-used-twice",
                    crate::args! { "code" => code, "path" => path_of((*first.get(), None)) },
                )
                .at(doc.code.pos)
                .in_system(&system.id),
            ),
            Entry::Vacant(v) => {
                v.insert(si);
            }
        }
        let own = doc.events.iter().map(|e| (e, None));
        let of_deposits =
            system.deposits.iter().enumerate().flat_map(|(di, d)| d.events().iter().map(move |e| (e, Some(di))));
        for (ev, di) in own.chain(of_deposits) {
            let Some(n) = &ev.number else { continue };
            let number = n.value.trim();
            let kind = ev.kind.value.as_str();
            if number.is_empty() {
                continue;
            }
            let rule = *unique
                .entry(kind)
                .or_insert_with(|| books.any_event(kind).filter(|d| d.unique_number).map(|d| d.rule.as_str()));
            let Some(rule) = rule else { continue };
            let here = (si, di);
            match numbers.entry((kind, number)) {
                Entry::Vacant(v) => {
                    v.insert(here);
                }
                Entry::Occupied(first) if *first.get() != here => {
                    let args = crate::args! { "kind" => kind, "number" => number, "path" => path_of(*first.get()) };
                    let mut f = Finding::with_id(Severity::Error, rule, path_of(here), "event-number-used-twice", args)
                        .at(n.pos);
                    f.system = Some(system.id.clone());
                    f.deposit = di.map(|i| system.deposits[i].key());
                    out.push(f);
                }
                Entry::Occupied(_) => {}
            }
        }
    }
    out
}

/// D1124-11: a system with a deposit under a rulebook that makes registration mandatory, and a
/// state source of funding, must be in the State Register (a registration event in system.yaml
/// or its journal). Registration is on the owner's initiative only when every source is private.
pub(crate) fn registration_required(
    system: &System,
    doc: &crate::meta::SystemDoc,
    books_used: &[&crate::rulebook::Rulebook],
    books: &crate::rulebook::Rulebooks,
) -> Option<Finding> {
    let (book, rule) = books_used.iter().find_map(|b| b.registration_required.as_ref().map(|r| (b, r)))?;
    let state_funded = doc.funding.iter().any(|f| !f.value.is_private());
    if !state_funded || system.events().iter().any(|e| books.has_role(&e.kind.value, Role::Registration)) {
        return None;
    }
    let id = book.text_id(&["registration_required"]);
    Some(
        Finding::from_rulebook(rule.severity, &rule.rule, system.yaml_path(), id, &rule.message).at(doc.funding[0].pos),
    )
}
