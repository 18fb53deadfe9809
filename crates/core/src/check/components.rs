//! Components: the folders of a deposit that the rulebook asks for (O146-5, D1124-30), their
//! sub-checks (build files, third-party code, empty database files) and the documentation
//! checklist (D1124-30.5).

use std::collections::HashMap;

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::Context;
use crate::finding::{Finding, Severity};
use crate::meta::DepositDoc;
use crate::model::{COMPONENT_DIRS, Deposit, FileKind};
use crate::rulebook::{Rulebook, Rulebooks};
use crate::yaml::Positioned;

/// The `any_file` globs of every component check, compiled once per run.
pub(super) struct Globs(HashMap<(String, String, String), GlobSet>);

impl Globs {
    pub(super) fn compile(books: &Rulebooks) -> Globs {
        let mut map = HashMap::new();
        for book in &books.books {
            for comp in &book.components {
                for check in &comp.checks {
                    let mut b = GlobSetBuilder::new();
                    for pattern in &check.any_file {
                        if let Ok(g) = Glob::new(pattern) {
                            b.add(g);
                        }
                    }
                    if let Ok(set) = b.build() {
                        map.insert((book.id.clone(), comp.id.clone(), check.id.clone()), set);
                    }
                }
            }
        }
        Globs(map)
    }

    fn get(&self, book: &str, comp: &str, check: &str) -> Option<&GlobSet> {
        self.0.get(&(book.to_string(), comp.to_string(), check.to_string()))
    }
}

pub(super) fn check(
    book: &Rulebook,
    deposit: &Deposit,
    doc: &DepositDoc,
    tree: &Positioned,
    ctx: &Context,
) -> Vec<Finding> {
    let path = deposit.yaml_path();
    let mut out = Vec::new();
    for (id, reason) in &doc.not_applicable {
        if book.component(id).is_none() {
            out.push(
                Finding::with_id(
                    Severity::Error,
                    book.components.first().map(|c| c.rule.clone()).unwrap_or_default(),
                    &path,
                    "component-unknown",
                    crate::args! {
                        "component" => id.as_str(),
                        "rulebook" => book.id.as_str(),
                        "components" => book.components.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", "),
                    },
                )
                .at(reason.pos),
            );
        }
    }
    for comp in &book.components {
        let stat = deposit.components.get(&comp.id);
        let files = stat.map(|s| s.files).unwrap_or(0);
        let dir = format!("{}/{}", deposit.dir, comp.id);
        if let Some(reason) = doc.not_applicable.get(&comp.id) {
            if files > 0 {
                out.push(
                    Finding::with_id(
                        Severity::Warning,
                        &comp.rule,
                        &path,
                        "component-not-applicable-has-files",
                        crate::args! { "component" => comp.id.as_str(), "files" => files },
                    )
                    .at(reason.pos),
                );
            } else {
                out.push(
                    Finding::with_id(
                        Severity::Info,
                        &comp.rule,
                        &path,
                        "component-not-applicable",
                        crate::args! { "component" => comp.id.as_str(), "reason" => reason.value.as_str() },
                    )
                    .at(reason.pos),
                );
            }
            continue;
        }
        if files == 0 {
            let said = |severity, id| {
                let args = crate::args! { "component" => comp.id.as_str(), "rule" => comp.rule.as_str() };
                Finding::with_id(severity, &comp.rule, &dir, id, args)
            };
            match (comp.required, stat.is_some()) {
                (true, false) => out.push(said(Severity::Error, "component-missing")),
                (true, true) => out.push(said(Severity::Error, "component-empty")),
                (false, true) => out.push(said(Severity::Warning, "component-folder-empty")),
                (false, false) => {}
            }
            continue;
        }
        for check in &comp.checks {
            let text_id = || book.text_id(&["components", &comp.id, &check.id]);
            let comp_files =
                deposit.files.iter().filter(|f| f.kind == FileKind::Regular && f.component() == Some(comp.id.as_str()));
            if check.no_empty_files {
                for f in comp_files.clone().filter(|f| f.size == 0) {
                    let file = format!("{}/{}", deposit.dir, f.path);
                    out.push(Finding::from_rulebook(check.severity, &check.rule, file, text_id(), &check.message));
                }
            }
            if let Some(set) = ctx.globs.get(&book.id, &comp.id, &check.id)
                && !check.any_file.is_empty()
            {
                let prefix = format!("{}/", comp.id);
                let found = comp_files.clone().any(|f| {
                    let inner = f.path.strip_prefix(&prefix).unwrap_or(&f.path);
                    let name = inner.rsplit('/').next().unwrap_or(inner);
                    set.is_match(name) || set.is_match(inner)
                });
                let declared = check.or_field.as_deref().is_some_and(|f| tree.present(f));
                if !found && !declared {
                    out.push(Finding::from_rulebook(check.severity, &check.rule, &dir, text_id(), &check.message));
                }
            }
        }
    }
    if let Some(docs) = &book.documentation {
        out.extend(documentation(docs, deposit, doc, &path));
    }
    if let Some(build) = &doc.build
        && let Some(desc) = &build.description
    {
        let want = format!("source/{}", desc.value.trim_start_matches("./"));
        if !deposit.files.iter().any(|f| f.path == want) {
            out.push(
                Finding::with_id(
                    Severity::Error,
                    book.components.iter().find(|c| c.id == "source").map(|c| c.rule.clone()).unwrap_or_default(),
                    &path,
                    "build-description-missing",
                    crate::args! { "file" => desc.value.as_str() },
                )
                .at(desc.pos),
            );
        }
    }
    for t in &doc.third_party {
        if let Some(p) = &t.path {
            let want = p.value.trim_start_matches("./").trim_end_matches('/');
            if !deposit.files.iter().any(|f| f.path == want || f.path.starts_with(&format!("{want}/"))) {
                out.push(
                    Finding::with_id(
                        Severity::Warning,
                        book.components.first().map(|c| c.rule.clone()).unwrap_or_default(),
                        &path,
                        "third-party-path-missing",
                        crate::args! { "name" => t.name.value.as_str(), "path" => p.value.as_str() },
                    )
                    .at(p.pos),
                );
            }
        }
    }
    out
}

fn documentation(
    docs: &crate::rulebook::Documentation,
    deposit: &Deposit,
    doc: &DepositDoc,
    path: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let docs_dir = COMPONENT_DIRS.iter().find(|c| **c == "docs").copied().unwrap_or("docs");
    // A missing item points at the `documentation:` block, when there is one.
    let anchor = doc.documentation.values().map(|v| v.pos).filter(|p| p.is_known()).min().unwrap_or_default();
    for item in &docs.items {
        if !doc.documentation.contains_key(&item.id) {
            let args = crate::args! {
                "title" => if item.names.is_empty() { item.id.as_str().into() } else { item.names.to_arg() },
                "item" => item.id.as_str(),
                "folder" => docs_dir,
                "rule" => docs.rule.as_str(),
            };
            out.push(Finding::with_id(docs.severity, &docs.rule, path, "documentation-item-missing", args).at(anchor));
        }
    }
    for (key, file) in &doc.documentation {
        let known = docs.items.iter().any(|i| &i.id == key) || key.starts_with("other");
        if !known {
            let kinds = docs.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>().join(", ");
            let args = crate::args! { "key" => key.as_str(), "kinds" => kinds };
            out.push(
                Finding::with_id(Severity::Error, &docs.rule, path, "documentation-unknown-kind", args).at(file.pos),
            );
        }
        let want = file.value.trim_start_matches("./");
        if !want.starts_with(&format!("{docs_dir}/")) {
            let args = crate::args! { "key" => key.as_str(), "folder" => docs_dir, "file" => file.value.as_str() };
            out.push(
                Finding::with_id(Severity::Error, &docs.rule, path, "documentation-outside-folder", args).at(file.pos),
            );
        } else if !deposit.files.iter().any(|f| f.path == want) {
            let args = crate::args! { "key" => key.as_str(), "file" => file.value.as_str() };
            out.push(
                Finding::with_id(Severity::Error, &docs.rule, path, "documentation-file-missing", args).at(file.pos),
            );
        }
    }
    out
}
