//! The house keeps its one-way flow: each module of src/ imports only modules of its own stage
//! or of earlier ones, the outputs (catalogue, reports, packages) and the actions (seal, record,
//! fixity, …) never import each other, and no modules import each other in a circle. Read from
//! the source: every `crate::<module>` a module's non-test code names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The stages, in the order data flows through them (README, "Layout").
const STAGES: &[(&str, &[&str])] = &[
    (
        "foundation",
        &[
            "messages",
            "error",
            "platform",
            "layout",
            "hash",
            "template",
            "timings",
            "markdown",
            "atomic",
            "suggest",
            "names",
            "yaml",
            "bag_messages",
        ],
    ),
    ("model", &["meta", "finding", "model", "calendar", "rulebook", "site", "schema", "swhid", "pronom"]),
    ("records", &["records"]),
    ("load", &["seal_cache", "load"]),
    ("rules", &["check"]),
    ("catalog", &["catalog"]),
    ("outputs", &["theme", "search", "reports", "package_index", "package", "render"]),
    ("actions", &["seal", "record", "fixity", "replica", "examine", "scaffold", "generate"]),
    ("edge", &["live", "cli"]),
];

/// Stages that come after the same one and must not import each other.
const SIBLINGS: (&str, &str) = ("outputs", "actions");

/// Each top-level module of src/ and the modules its code (tests left out) names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let first = rel.iter().next().unwrap().to_str().unwrap();
            let module = first.strip_suffix(".rs").unwrap_or(first).to_string();
            if module == "main" || module == "lib" {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let names = out.entry(module.clone()).or_default();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (at, _) in line.match_indices("crate::") {
                    let rest = &line[at + "crate::".len()..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != module {
                        names.insert(name);
                    }
                }
            }
        }
    }
    let known: BTreeSet<String> = out.keys().cloned().collect();
    for names in out.values_mut() {
        names.retain(|n| known.contains(n));
    }
    out
}

fn stage_of(module: &str) -> Option<usize> {
    STAGES.iter().position(|(_, modules)| modules.contains(&module))
}

#[test]
fn every_module_has_a_stage_and_imports_only_from_its_own_or_earlier_ones() {
    let imports = imports();
    assert!(imports.len() > 30, "{imports:?}");
    let mut wrong = Vec::new();
    for (module, names) in &imports {
        let Some(stage) = stage_of(module) else {
            wrong.push(format!("{module}: in no stage of STAGES"));
            continue;
        };
        for name in names {
            let Some(theirs) = stage_of(name) else { continue };
            let (mine, other) = (STAGES[stage].0, STAGES[theirs].0);
            let siblings = (mine, other) == SIBLINGS || (other, mine) == SIBLINGS;
            if theirs > stage || siblings {
                wrong.push(format!("{module} ({mine}) imports {name} ({other})"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the flow:\n{}", wrong.join("\n"));
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let imports = imports();
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit<'a>(
        m: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| *p == m) {
            return Some(path[i..].iter().map(|s| s.to_string()).chain([m.to_string()]).collect());
        }
        if !done.insert(m) {
            return None;
        }
        path.push(m);
        for n in &g[m] {
            if let Some(circle) = visit(n, g, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in imports.keys() {
        let circle = visit(m, &imports, &mut Vec::new(), &mut done);
        assert!(circle.is_none(), "a circle: {}", circle.unwrap().join(" → "));
    }
}
