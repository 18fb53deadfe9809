//! Required fields of deposit.yaml and system.yaml, as the rulebook lists them.

use crate::finding::Finding;
use crate::meta::SystemDoc;
use crate::rulebook::{FieldRule, Rulebook};
use crate::yaml::Positioned;

pub fn deposit_fields(book: &Rulebook, tree: &Positioned, path: &str) -> Vec<Finding> {
    check(&book.fields, tree, path, "deposit.yaml")
}

pub fn system_fields(book: &Rulebook, doc: &SystemDoc, path: &str) -> Vec<Finding> {
    check(&book.system_fields, &Positioned::of(doc), path, "system.yaml")
}

fn check(rules: &[FieldRule], tree: &Positioned, path: &str, file: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules {
        let has = tree.present(&rule.field) || rule.alternative.as_deref().is_some_and(|a| tree.present(a));
        if !has {
            let message = rule
                .message
                .clone()
                .unwrap_or_else(|| format!("`{}` is missing or empty: fill it in {file} ({})", rule.field, rule.rule));
            // Point at the enclosing block when it exists (e.g. `build:` for `build.environment`).
            let parent = rule.field.rsplit_once('.').map(|(p, _)| tree.pos(p)).unwrap_or_default();
            out.push(Finding::new(rule.severity, &rule.rule, path, message).at(parent));
            continue;
        }
        if let (Some(min), Some(value)) = (rule.min, tree.number(&rule.field))
            && value < min
        {
            let message = rule
                .message
                .clone()
                .unwrap_or_else(|| format!("`{}` is {value}; {} asks for at least {min}", rule.field, rule.rule));
            out.push(Finding::new(rule.severity, &rule.rule, path, message).at(tree.pos(&rule.field)));
        }
    }
    out
}
