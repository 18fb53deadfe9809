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
pub struct Globs(HashMap<(String, String, String), GlobSet>);

impl Globs {
    pub fn compile(books: &Rulebooks) -> Globs {
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

pub fn check(book: &Rulebook, deposit: &Deposit, doc: &DepositDoc, tree: &Positioned, ctx: &Context) -> Vec<Finding> {
    let path = deposit.yaml_path();
    let mut out = Vec::new();
    for (id, reason) in &doc.not_applicable {
        if book.component(id).is_none() {
            out.push(
                Finding::error(
                    book.components.first().map(|c| c.rule.clone()).unwrap_or_default(),
                    &path,
                    format!(
                        "`not_applicable` names `{id}`, which is not a component of {}: use one of {}",
                        book.id,
                        book.components.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
                    ),
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
                    Finding::warning(
                        &comp.rule,
                        &path,
                        format!(
                            "`{}` is marked not applicable but {}/ holds {files} file(s): remove one or the other",
                            comp.id, comp.id
                        ),
                    )
                    .at(reason.pos),
                );
            } else {
                out.push(
                    Finding::info(
                        &comp.rule,
                        &path,
                        format!("component `{}` not applicable: {}", comp.id, reason.value),
                    )
                    .at(reason.pos),
                );
            }
            continue;
        }
        if files == 0 {
            match (comp.required, stat.is_some()) {
                (true, false) => out.push(Finding::error(
                    &comp.rule,
                    &dir,
                    format!(
                        "the required component {}/ is missing ({}): deposit it, or say why it does not apply under `not_applicable: {{{}: \"…\"}}` in deposit.yaml",
                        comp.id, comp.rule, comp.id
                    ),
                )),
                (true, true) => out.push(Finding::error(
                    &comp.rule,
                    &dir,
                    format!("the required component {}/ is empty ({}): put its files in it", comp.id, comp.rule),
                )),
                (false, true) => out.push(Finding::warning(
                    &comp.rule,
                    &dir,
                    format!("the component folder {}/ is empty: fill it or remove it", comp.id),
                )),
                (false, false) => {}
            }
            continue;
        }
        for check in &comp.checks {
            let comp_files =
                deposit.files.iter().filter(|f| f.kind == FileKind::Regular && f.component() == Some(comp.id.as_str()));
            if check.no_empty_files {
                for f in comp_files.clone().filter(|f| f.size == 0) {
                    out.push(Finding::new(
                        check.severity,
                        &check.rule,
                        format!("{}/{}", deposit.dir, f.path),
                        check.message.clone(),
                    ));
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
                    out.push(Finding::new(check.severity, &check.rule, &dir, check.message.clone()));
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
                Finding::error(
                    book.components.iter().find(|c| c.id == "source").map(|c| c.rule.clone()).unwrap_or_default(),
                    &path,
                    format!(
                        "the build description `{}` is not in source/: add the file or correct the name",
                        desc.value
                    ),
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
                    Finding::warning(
                        book.components.first().map(|c| c.rule.clone()).unwrap_or_default(),
                        &path,
                        format!("third-party `{}` names `{}`, which is not in the deposit", t.name.value, p.value),
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
            out.push(
                Finding::new(
                    docs.severity,
                    &docs.rule,
                    path,
                    format!(
                        "the documentation set lacks the {} (`documentation: {{{}: {docs_dir}/…}}`), {}",
                        item.names.get("en").unwrap_or(&item.id),
                        item.id,
                        docs.rule
                    ),
                )
                .at(anchor),
            );
        }
    }
    for (key, file) in &doc.documentation {
        let known = docs.items.iter().any(|i| &i.id == key) || key.starts_with("other");
        if !known {
            out.push(
                Finding::error(
                    &docs.rule,
                    path,
                    format!(
                        "`documentation` names an unknown kind `{key}`: use one of {} or a key starting with `other`",
                        docs.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )
                .at(file.pos),
            );
        }
        let want = file.value.trim_start_matches("./");
        if !want.starts_with(&format!("{docs_dir}/")) {
            out.push(
                Finding::error(
                    &docs.rule,
                    path,
                    format!("`{key}` must name a file in {docs_dir}/ (got `{}`)", file.value),
                )
                .at(file.pos),
            );
        } else if !deposit.files.iter().any(|f| f.path == want) {
            out.push(
                Finding::new(
                    Severity::Error,
                    &docs.rule,
                    path,
                    format!(
                        "`{key}` names `{}`, which is not in the deposit: add the file or correct the name",
                        file.value
                    ),
                )
                .at(file.pos),
            );
        }
    }
    out
}
