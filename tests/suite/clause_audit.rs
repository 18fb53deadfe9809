//! Every clause of the two regulations has a rule, a test and a visible output, or a written
//! reason why the software has nothing to do for it: docs/clauses.toml, checked against the
//! clause digest (RULES.md beside the project) and against the files it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Map {
    clause: Vec<Clause>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Clause {
    id: String,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    rule: Vec<String>,
    #[serde(default)]
    tests: Vec<String>,
    #[serde(default)]
    output: Option<String>,
    #[serde(default)]
    none: Option<String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn map() -> Map {
    let text = std::fs::read_to_string(root().join("docs/clauses.toml")).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("docs/clauses.toml: {e}"))
}

/// The clause digest, or None (with a message) where it is not beside the project; with
/// CI=true it must be.
fn digest() -> Option<String> {
    let path: PathBuf = root().join("../shared/RULES.md");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            assert!(
                std::env::var("CI").map(|v| v != "true").unwrap_or(true),
                "CI=true but the clause digest {} cannot be read: {e}",
                path.display()
            );
            eprintln!("skipped: the clause digest {} cannot be read: {e}", path.display());
            None
        }
    }
}

/// The rows of the digest's clause tables: the first ID of each row, with the IDs it joins to
/// it ("D1124-10, 13" is D1124-10 with D1124-13).
fn rows(digest: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for line in digest.lines() {
        let Some(cell) = line.strip_prefix("| ").and_then(|l| l.split(" |").next()) else { continue };
        let Some((book, first)) = cell.split_once('-') else { continue };
        if !matches!(book, "O146" | "D1124") {
            continue;
        }
        let mut parts = first.split(", ");
        let head = format!("{book}-{}", parts.next().unwrap());
        let also = parts.map(|n| format!("{book}-{n}")).collect();
        out.insert(head, also);
    }
    out
}

/// Whether `text` names `id` itself: "D1124-30" is not named by "D1124-30.1" nor "D1124-41"
/// by "D1124-41-1", nor "O146-1" by "O146-13".
fn names(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let mut after = text[at + id.len()..].chars();
        let next = after.next();
        let then = after.next();
        let joined = |c: Option<char>| matches!(c, Some('.' | '-')) && then.is_some_and(|t| t.is_ascii_digit());
        !before.is_some_and(|c| c.is_alphanumeric())
            && !next.is_some_and(|c| c.is_ascii_alphanumeric())
            && !joined(next)
    })
}

#[test]
fn naming_a_clause_is_exact() {
    assert!(names("rule: D1124-30 here", "D1124-30"));
    assert!(names("(D1124-30.5)", "D1124-30.5"));
    assert!(names("clauses O146-5.3.", "O146-5.3"));
    assert!(!names("rule: D1124-30.1", "D1124-30"));
    assert!(!names("rule: D1124-41-1", "D1124-41"));
    assert!(!names("O146-13", "O146-1"));
    assert!(!names("XD1124-7", "D1124-7"));
}

#[test]
fn the_digest_s_rows_and_their_joined_clauses() {
    let rows =
        rows("| ID | what |\n|---|---|\n| O146-5.1 | objects |\n| D1124-19, 20, 21 | returned |\n| not | a row |\n");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows["O146-5.1"], Vec::<String>::new());
    assert_eq!(rows["D1124-19"], ["D1124-20", "D1124-21"]);
}

#[test]
fn every_clause_has_a_rule_a_test_and_an_output_or_a_reason() {
    let map = map();
    let Some(digest) = digest() else { return };
    let rows = rows(&digest);
    assert!(rows.len() >= 60, "the digest's clause tables were not read: {} rows", rows.len());
    let mut problems = Vec::new();

    // The map and the digest name the same clauses, grouped the same way.
    let mapped: BTreeMap<&str, &Clause> = map.clause.iter().map(|c| (c.id.as_str(), c)).collect();
    if mapped.len() != map.clause.len() {
        problems.push("a clause is listed twice in docs/clauses.toml".to_string());
    }
    for (id, also) in &rows {
        match mapped.get(id.as_str()) {
            None => problems.push(format!("{id} is in the digest but not in docs/clauses.toml")),
            Some(c) if &c.also != also => {
                problems.push(format!("{id}: `also` is {:?}, the digest joins {also:?}", c.also))
            }
            Some(_) => {}
        }
    }
    for c in &map.clause {
        if !rows.contains_key(&c.id) {
            problems.push(format!("{} is in docs/clauses.toml but not in the digest", c.id));
        }
    }

    // Each clause: implemented, exercised and visible, or a reason.
    let mut read = BTreeMap::new();
    let mut text = |rel: &str| -> Option<String> {
        read.entry(rel.to_string()).or_insert_with(|| std::fs::read_to_string(root().join(rel)).ok()).clone()
    };
    for c in &map.clause {
        let id = c.id.as_str();
        if let Some(reason) = &c.none {
            if reason.trim().len() < 20 {
                problems.push(format!("{id}: `none` needs a reason in words"));
            }
            if !c.rule.is_empty() || !c.tests.is_empty() || c.output.is_some() {
                problems.push(format!("{id}: `none` together with a rule, tests or an output"));
            }
            continue;
        }
        if c.rule.is_empty() || c.tests.is_empty() || c.output.as_deref().is_none_or(|o| o.trim().is_empty()) {
            problems.push(format!("{id}: needs `rule`, `tests` and `output`, or `none` with a reason"));
        }
        for rel in &c.rule {
            let source = rel.starts_with("src/") || (rel.starts_with("crates/") && rel.contains("/src/"));
            if !(rel.starts_with("rules/") || source) {
                problems.push(format!("{id}: the rule {rel} is not a rulebook or a source file"));
            }
            match text(rel) {
                None => problems.push(format!("{id}: the rule {rel} does not exist")),
                Some(t) if !names(&t, id) => problems.push(format!("{id}: {rel} does not cite {id}")),
                Some(_) => {}
            }
        }
        for rel in &c.tests {
            if !rel.starts_with("tests/") {
                problems.push(format!("{id}: the test {rel} is not in tests/"));
            }
            match text(rel) {
                None => problems.push(format!("{id}: the test {rel} does not exist")),
                Some(t) if !names(&t, id) => problems.push(format!("{id}: {rel} does not name {id}")),
                Some(_) => {}
            }
        }
    }

    // What the rulebooks cite is in the digest (or is one of qoima's own checks).
    let known: BTreeSet<&str> = rows
        .iter()
        .flat_map(|(id, also)| std::iter::once(id.as_str()).chain(also.iter().map(String::as_str)))
        .collect();
    for book in ["rules/o146.yaml", "rules/d1124.yaml"] {
        let t = text(book).unwrap();
        for rule in t.split("rule: ").skip(1).filter_map(|r| r.split([',', '}', ' ', '\n']).next()) {
            let group = ["O146-5", "D1124-30"];
            if !known.contains(rule) && !group.contains(&rule) {
                problems.push(format!("{book} cites {rule}, which the digest does not have"));
            }
        }
    }
    assert!(problems.is_empty(), "docs/clauses.toml:\n{}", problems.join("\n"));
}

#[test]
fn the_rules_page_describes_every_clause() {
    let map = map();
    let page = std::fs::read_to_string(root().join("docs/rules.md")).unwrap();
    let missing: Vec<&str> =
        map.clause.iter().map(|c| c.id.as_str()).filter(|id| !names(&page, &format!("| {id} |"))).collect();
    assert!(missing.is_empty(), "docs/rules.md has no row for {missing:?}");
}
