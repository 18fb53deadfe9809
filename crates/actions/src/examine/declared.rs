//! The third-party code a deposit declares (`third_party:` in deposit.yaml: name, version,
//! licence, path) against what `source/` shows: each declared path must be in the deposit, and
//! third-party code found in the deposit (a vendored folder) that no declaration covers is named.
//! Components named by a lock file are declared by that lock file and are not asked for again.

use crate::model::{Deposit, FileKind};

use crate::records::conclusion::ThirdParty;
use crate::records::conclusion::{Declared, DeclaredReport};

/// A name compared loosely: letters and digits only, lower case.
fn loose(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether a declared name names an identified component: the same name, or the identified
/// name's last part (after `:` or `/`) as a word of the declared one ("PostgreSQL JDBC Driver
/// (pgjdbc)" and a vendored `pgjdbc`).
fn names(declared: &str, found: &str) -> bool {
    let last = found.rsplit([':', '/']).next().unwrap_or(found);
    loose(declared) == loose(found)
        || (!loose(last).is_empty()
            && declared.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '_' && c != '.').any(|w| {
                let w = loose(w);
                !w.is_empty() && w == loose(last)
            }))
}

/// A path relative to the deposit, as declared (`./` and a final `/` dropped).
fn clean(path: &str) -> &str {
    path.trim().trim_start_matches("./").trim_end_matches('/')
}

/// Whether `inner` is `outer` or lies under it.
fn within(inner: &str, outer: &str) -> bool {
    inner == outer || inner.strip_prefix(outer).is_some_and(|rest| rest.starts_with('/'))
}

/// Compares the declarations of a deposit with the components identified in its source.
pub fn compare(deposit: &Deposit, identified: &[ThirdParty], lock_files: &[String]) -> DeclaredReport {
    let Some(doc) = &deposit.doc else { return DeclaredReport::default() };
    let text =
        |a: &Option<crate::yaml::At<String>>| a.as_ref().map(|a| a.value.trim().to_string()).filter(|v| !v.is_empty());
    let declared: Vec<Declared> = doc
        .third_party
        .iter()
        .map(|t| {
            let name = t.name.value.trim().to_string();
            let path = text(&t.path);
            let found = match &path {
                Some(p) => {
                    let p = clean(p);
                    !p.is_empty() && deposit.files.iter().any(|f| f.kind == FileKind::Regular && within(&f.path, p))
                }
                None => identified.iter().any(|i| names(&name, &i.name)),
            };
            Declared { name, version: text(&t.version), license: text(&t.license), path, found }
        })
        .collect();
    let covered = |i: &ThirdParty| {
        declared.iter().any(|d| {
            names(&d.name, &i.name)
                || d.path
                    .as_deref()
                    .map(clean)
                    .is_some_and(|p| !p.is_empty() && (within(p, &i.found_in) || within(&i.found_in, p)))
        })
    };
    let undeclared =
        identified.iter().filter(|i| !lock_files.contains(&i.found_in)).filter(|i| !covered(i)).cloned().collect();
    DeclaredReport { declared, undeclared }
}

/// The details of the source check: each declaration found or not, each undeclared folder; a
/// warning when a declared component is not there or found code is not declared.
pub(super) fn say(report: &DeclaredReport, said: &mut super::Said) -> super::Outcome {
    let mut outcome = super::Outcome::Pass;
    for d in &report.declared {
        let what = format!(
            "{}{}{}",
            d.name,
            d.version.as_deref().map(|v| format!(" {v}")).unwrap_or_default(),
            d.license.as_deref().map(|l| format!(" ({l})")).unwrap_or_default()
        );
        let at = d.path.clone().unwrap_or_else(|| "-".into());
        if d.found {
            said.note("declared_found", &[("component", what), ("path", at)]);
        } else {
            outcome = super::Outcome::Warning;
            said.note("declared_missing", &[("component", what), ("path", at)]);
        }
    }
    for u in &report.undeclared {
        outcome = super::Outcome::Warning;
        said.note("undeclared", &[("component", u.name.clone()), ("path", u.found_in.clone())]);
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_names_match_identified_components_loosely() {
        assert!(names("PostgreSQL JDBC Driver (pgjdbc)", "pgjdbc"));
        assert!(names("urllib3", "urllib3"));
        assert!(names("zlib", "source/vendor/zlib".rsplit('/').next().unwrap()));
        assert!(!names("Apache Commons Lang", "org.apache.commons:commons-lang3"));
        assert!(names("commons-lang3", "org.apache.commons:commons-lang3"));
        assert!(!names("urllib3", "requests"));
        assert!(within("source/vendor/urllib3/__init__.py", "source/vendor/urllib3"));
        assert!(!within("source/vendor/urllib3x/a.py", "source/vendor/urllib3"));
        assert_eq!(clean("./source/third-party/"), "source/third-party");
    }
}
