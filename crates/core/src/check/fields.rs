//! Required fields of deposit.yaml and system.yaml, as the rulebook lists them.

use crate::finding::Finding;
use crate::meta::SystemDoc;
use crate::rulebook::{FieldRule, Rulebook};
use crate::yaml::Positioned;

pub(super) fn deposit_fields(book: &Rulebook, tree: &Positioned, path: &str) -> Vec<Finding> {
    check(book, "fields", &book.fields, tree, path, "deposit.yaml")
}

pub(super) fn system_fields(book: &Rulebook, doc: &SystemDoc, path: &str) -> Vec<Finding> {
    check(book, "system_fields", &book.system_fields, &Positioned::of(doc), path, "system.yaml")
}

/// A number as a message argument: an integer when it is one (`copies: 1`), else as it is.
fn number(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9e15 { serde_json::Value::from(n as i64) } else { serde_json::Value::from(n) }
}

/// Checks `rules`, the rulebook's list `section` (`fields`, `system_fields`), against `tree`.
fn check(
    book: &Rulebook,
    section: &str,
    rules: &[FieldRule],
    tree: &Positioned,
    path: &str,
    file: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules {
        // The rulebook's own words for this field when it has them, else the general message.
        let said = |id: &str, args: crate::messages::Args| match &rule.message {
            Some(text) => {
                Finding::from_rulebook(rule.severity, &rule.rule, path, book.text_id(&[section, &rule.field]), text)
            }
            None => Finding::with_id(rule.severity, &rule.rule, path, id, args),
        };
        let has = tree.present(&rule.field) || rule.alternative.as_deref().is_some_and(|a| tree.present(a));
        if !has {
            // Point at the enclosing block when it exists (e.g. `build:` for `build.environment`).
            let parent = rule.field.rsplit_once('.').map(|(p, _)| tree.pos(p)).unwrap_or_default();
            let args = crate::args! { "field" => rule.field.as_str(), "file" => file, "rule" => rule.rule.as_str() };
            out.push(said("field-missing", args).at(parent));
            continue;
        }
        if let (Some(min), Some(value)) = (rule.min, tree.number(&rule.field))
            && value < min
        {
            let args = crate::args! {
                "field" => rule.field.as_str(), "value" => number(value), "rule" => rule.rule.as_str(), "min" => number(min),
            };
            out.push(said("field-below-minimum", args).at(tree.pos(&rule.field)));
        }
    }
    out
}
