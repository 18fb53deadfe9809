//! `qoima examine` reads the third-party code a deposit declares (`third_party:`): which declared
//! components it found at their paths, which it did not, and which third-party folders it found
//! that are not declared.

use crate::common;

use std::fs;

use common::*;

fn examine(site: &Site) -> serde_json::Value {
    let out = site.cmd().args(["--format", "json", "examine", "e-permits/1.0", "--dry-run"]).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

/// Appends a `third_party:` list to the deposit's application.
fn declare(site: &Site, entries: &[&str]) {
    let path = "archive/e-permits/1.0/deposit.yaml";
    let list: String = entries.iter().map(|e| format!("  - {e}\n")).collect();
    site.write(path, &format!("{}third_party:\n{list}", site.read(path)));
}

fn source_details(c: &serde_json::Value) -> Vec<String> {
    let source = c["checks"].as_array().unwrap().iter().find(|x| x["id"] == "source").expect("a source check");
    source["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect()
}

#[test]
fn declared_third_party_code_is_looked_for_and_undeclared_code_named() {
    let site = Site::minimal();
    let dep = "archive/e-permits/1.0";
    // The fixture vendors zlib; urllib3 is vendored too and declared; six is vendored, not declared.
    fs::create_dir_all(site.path(&format!("{dep}/source/vendor/urllib3"))).unwrap();
    site.write(&format!("{dep}/source/vendor/urllib3/__init__.py"), "__version__ = \"2.2.2\"\n");
    fs::create_dir_all(site.path(&format!("{dep}/source/vendor/six"))).unwrap();
    site.write(&format!("{dep}/source/vendor/six/six.py"), "# six\n");
    declare(
        &site,
        &[
            r#"{name: "urllib3", version: "2.2.2", license: "MIT", path: "source/vendor/urllib3"}"#,
            r#"{name: "zlib", version: "1.3.1", license: "Zlib", path: "source/vendor/zlib/"}"#,
            r#"{name: "left-pad", version: "1.3.0", license: "WTFPL", path: "source/vendor/left-pad"}"#,
        ],
    );
    let c = examine(&site);
    let declared = c["third_party"]["declared"].as_array().unwrap();
    let found: Vec<(&str, bool)> =
        declared.iter().map(|d| (d["name"].as_str().unwrap(), d["found"].as_bool().unwrap())).collect();
    assert_eq!(found, [("urllib3", true), ("zlib", true), ("left-pad", false)], "{c:#}");
    assert_eq!(declared[0]["license"], "MIT");
    let undeclared: Vec<&str> =
        c["third_party"]["undeclared"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(undeclared, ["six"], "{c:#}");
    let details = source_details(&c);
    assert!(details.iter().any(|d| d.contains("urllib3 2.2.2 (MIT): found at source/vendor/urllib3")), "{details:?}");
    assert!(details.iter().any(|d| d.contains("left-pad 1.3.0 (WTFPL): not found")), "{details:?}");
    assert!(details.iter().any(|d| d.contains("six at source/vendor/six: not declared")), "{details:?}");
    assert!(!details.iter().any(|d| d.contains("no third-party code identified")), "{details:?}");
    let source = c["checks"].as_array().unwrap().iter().find(|x| x["id"] == "source").unwrap();
    assert_eq!(source["outcome"], "warning");
}

#[test]
fn a_declared_component_without_a_lock_file_or_vendored_folder_is_not_called_absent() {
    let site = Site::minimal();
    let dep = "archive/e-permits/1.0";
    // Only what the deposit declares: no vendored folder, a licence file as the path.
    fs::remove_dir_all(site.path(&format!("{dep}/source/vendor"))).unwrap();
    site.write(&format!("{dep}/source/licenses/urllib3-LICENSE.txt"), "MIT License\n");
    declare(
        &site,
        &[r#"{name: "urllib3", version: "2.2.2", license: "MIT", path: "source/licenses/urllib3-LICENSE.txt"}"#],
    );
    let c = examine(&site);
    let details = source_details(&c);
    assert!(!details.iter().any(|d| d.contains("no third-party code identified")), "{details:?}");
    assert!(details.iter().any(|d| d.contains("urllib3 2.2.2 (MIT): found at source/licenses/urllib3-LICENSE.txt")));
    let source = c["checks"].as_array().unwrap().iter().find(|x| x["id"] == "source").unwrap();
    assert_eq!(source["outcome"], "pass", "{c:#}");
}
