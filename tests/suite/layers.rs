//! The house keeps its one-way flow: each crate of the workspace holds the stages it should and
//! depends only on crates earlier in the flow; each module imports only modules of its own stage
//! or of earlier ones, the outputs (catalogue, reports, packages) and the actions (seal, record,
//! fixity, …) never import each other, and no modules import each other in a circle. Read from
//! the source: every `crate::<module>` or `qoima_<crate>::<module>` a module's non-test code
//! names, and every crate's Cargo.toml.

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

/// The crates of the workspace in the order of the flow: their folder, their package name, and
/// the stages their modules belong to. A crate depends only on crates before it, and the two
/// that come after the same one (publish, actions) not on each other.
const CRATES: &[(&str, &str, &[&str])] = &[
    ("crates/bagit", "qoima-bagit", &[]),
    ("crates/core", "qoima-core", &["foundation", "model", "records", "load", "rules", "catalog"]),
    ("crates/publish", "qoima-publish", &["outputs"]),
    ("crates/actions", "qoima-actions", &["actions"]),
    (".", "qoima", &["edge"]),
];

/// Each top-level module of the qoima crates and the modules its code (tests left out) names,
/// with the crate it is in.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    modules().into_iter().map(|(m, (_, names))| (m, names)).collect()
}

fn modules() -> BTreeMap<String, (&'static str, BTreeSet<String>)> {
    let mut out: BTreeMap<String, (&'static str, BTreeSet<String>)> = BTreeMap::new();
    for (dir, package, _) in CRATES.iter().skip(1) {
        for (module, names) in imports_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join("src")) {
            assert!(!out.contains_key(&module), "{module} is in two crates");
            out.insert(module, (package, names));
        }
    }
    let known: BTreeSet<String> = out.keys().cloned().collect();
    for (_, names) in out.values_mut() {
        names.retain(|n| known.contains(n));
    }
    out
}

/// Each top-level module of one crate's src/ and the modules its code (tests left out) names.
fn imports_in(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
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
            let rel = path.strip_prefix(src).unwrap();
            let first = rel.iter().next().unwrap().to_str().unwrap();
            let module = first.strip_suffix(".rs").unwrap_or(first).to_string();
            if module == "main" || module == "lib" {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let names = out.entry(module.clone()).or_default();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                let named = ["crate::", "qoima_core::", "qoima_publish::", "qoima_actions::"]
                    .into_iter()
                    .flat_map(|p| line.match_indices(p).map(move |(at, _)| at + p.len()));
                for at in named {
                    let rest = &line[at..];
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
    out
}

/// Whether code of the stage at `mine` may use code of the stage at `theirs`: its own stage or
/// an earlier one, but never the sibling that comes after the same stage.
fn may_use(mine: usize, theirs: usize) -> bool {
    let pair = (STAGES[mine].0, STAGES[theirs].0);
    theirs <= mine && pair != SIBLINGS && (pair.1, pair.0) != SIBLINGS
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
            if !may_use(stage, theirs) {
                wrong.push(format!("{module} ({}) imports {name} ({})", STAGES[stage].0, STAGES[theirs].0));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the flow:\n{}", wrong.join("\n"));
}

#[test]
fn each_crate_holds_its_stages_and_depends_only_on_earlier_crates() {
    let modules = modules();
    let mut wrong = Vec::new();
    for (module, (package, _)) in &modules {
        let stage = stage_of(module).map(|s| STAGES[s].0).unwrap_or("none");
        let (_, _, stages) = CRATES.iter().find(|(_, p, _)| p == package).unwrap();
        if !stages.contains(&stage) {
            wrong.push(format!("{module} ({stage}) is in {package}"));
        }
    }
    // The dependencies as cargo reads them (build and normal ones; tests may use any crate).
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stages_of = |package: &str| {
        let (_, _, stages) = CRATES.iter().find(|(_, p, _)| *p == package).unwrap();
        stages.iter().map(|s| STAGES.iter().position(|(n, _)| n == s).unwrap()).collect::<Vec<_>>()
    };
    let mut found = BTreeSet::new();
    for package in metadata["packages"].as_array().unwrap() {
        let name = package["name"].as_str().unwrap();
        found.insert(name.to_string());
        let mine = stages_of(name);
        for dependency in package["dependencies"].as_array().unwrap() {
            let other = dependency["name"].as_str().unwrap();
            if dependency["kind"] == "dev" || !CRATES.iter().any(|(_, p, _)| *p == other) {
                continue;
            }
            let theirs = stages_of(other);
            // The BagIt crate (no stage) comes before all; otherwise every stage of the
            // dependency may be used by every stage of the crate.
            let allowed = mine.iter().all(|m| theirs.iter().all(|t| may_use(*m, *t)));
            if !allowed || mine.is_empty() {
                wrong.push(format!("{name} depends on {other}"));
            }
        }
    }
    assert!(wrong.is_empty(), "crates against the flow:\n{}", wrong.join("\n"));
    let all: BTreeSet<String> = CRATES.iter().map(|(_, p, _)| p.to_string()).collect();
    assert_eq!(found, all, "the workspace's crates");
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
