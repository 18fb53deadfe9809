//! Sufficiency of the source code (D1124-40, O146-5.1): what languages `source/` holds, which
//! third-party code it carries (vendored folders and lock files, with versions and licences where
//! the lock file says), and secrets that should never have been deposited.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::model::{Deposit, FileKind};
use crate::records::conclusion::{SECRETS, SourceReport, ThirdParty};

/// Programming languages by file extension.
const LANGUAGES: &[(&str, &[&str])] = &[
    ("C", &["c", "h"]),
    ("C++", &["cc", "cpp", "cxx", "hpp", "hh", "hxx"]),
    ("C#", &["cs"]),
    ("Go", &["go"]),
    ("Java", &["java"]),
    ("Kotlin", &["kt", "kts"]),
    ("JavaScript", &["js", "mjs", "cjs", "jsx"]),
    ("TypeScript", &["ts", "tsx"]),
    ("PHP", &["php"]),
    ("Python", &["py"]),
    ("Ruby", &["rb"]),
    ("Rust", &["rs"]),
    ("Scala", &["scala"]),
    ("Swift", &["swift"]),
    ("Delphi/Pascal", &["pas", "dpr", "dfm"]),
    ("1C", &["bsl", "os"]),
    ("SQL", &["sql"]),
    ("Shell", &["sh", "bash"]),
    ("PowerShell", &["ps1"]),
    ("HTML", &["html", "htm"]),
    ("CSS", &["css", "scss", "less"]),
    ("XML", &["xml", "xsd", "xsl"]),
];

/// Folders that hold third-party code by convention.
const VENDORED: &[&str] =
    &["vendor", "third_party", "third-party", "thirdparty", "node_modules", "external", "lib/ext"];

fn language_of(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    LANGUAGES.iter().find(|(_, exts)| exts.contains(&ext.as_str())).map(|(l, _)| *l)
}

/// Surveys the deposit's `source/` folder: its files and bytes, the languages by file extension,
/// the third-party code, the lock files read and any private keys or credentials found.
pub fn examine(root: &Path, deposit: &Deposit) -> SourceReport {
    let mut r = SourceReport::default();
    let dir = root.join(&deposit.dir);
    let mut vendored: BTreeMap<String, ()> = BTreeMap::new();
    for f in deposit.files.iter().filter(|f| f.kind == FileKind::Regular && f.path.starts_with("source/")) {
        r.files += 1;
        r.bytes += f.size;
        let rel = &f.path["source/".len()..];
        if let Some(lang) = language_of(rel) {
            *r.languages.entry(lang.to_string()).or_default() += 1;
            r.listing.push((f.path.clone(), lang.to_string()));
        }
        // The vendored folder: the path up to and including the conventional name and one more.
        let parts: Vec<&str> = f.path.split('/').collect();
        if let Some(i) = parts.iter().position(|p| VENDORED.contains(p))
            && parts.len() > i + 2
        {
            vendored.insert(parts[..=i + 1].join("/"), ());
        }
        let name = parts.last().copied().unwrap_or("");
        let disk = dir.join(&f.path);
        let read = || fs::read_to_string(&disk).unwrap_or_default();
        let found: Vec<ThirdParty> = match name {
            "Cargo.lock" => cargo_lock(&read(), &f.path),
            "package-lock.json" | "composer.lock" => json_lock(&read(), &f.path),
            "requirements.txt" => requirements(&read(), &f.path),
            "go.sum" => go_sum(&read(), &f.path),
            "pom.xml" => pom(&read(), &f.path),
            _ => Vec::new(),
        };
        if matches!(
            name,
            "Cargo.lock" | "package-lock.json" | "composer.lock" | "requirements.txt" | "go.sum" | "pom.xml"
        ) {
            r.lock_files.push(f.path.clone());
        }
        r.third_party.extend(found);
        if f.size <= 1 << 20
            && let Some(what) = secret_in(name, &disk)
        {
            r.secrets.push((f.path.clone(), what));
        }
    }
    for folder in vendored.into_keys() {
        let name = folder.rsplit('/').next().unwrap_or(&folder).to_string();
        if !r.third_party.iter().any(|t| t.name == name) {
            r.third_party.push(ThirdParty { name, version: None, license: None, found_in: folder });
        }
    }
    r.third_party.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    r.third_party.dedup_by(|a, b| a.name == b.name && a.version == b.version);
    r
}

fn cargo_lock(text: &str, at: &str) -> Vec<ThirdParty> {
    let Ok(doc) = text.parse::<toml::Table>() else { return Vec::new() };
    let Some(packages) = doc.get("package").and_then(|p| p.as_array()) else { return Vec::new() };
    packages
        .iter()
        // Packages without a source are the workspace's own crates.
        .filter(|p| p.get("source").is_some())
        .filter_map(|p| {
            Some(ThirdParty {
                name: p.get("name")?.as_str()?.to_string(),
                version: p.get("version").and_then(|v| v.as_str()).map(str::to_string),
                license: None,
                found_in: at.to_string(),
            })
        })
        .collect()
}

/// package-lock.json (v2/v3 `packages`, v1 `dependencies`) and composer.lock (`packages`).
fn json_lock(text: &str, at: &str) -> Vec<ThirdParty> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else { return Vec::new() };
    let license = |v: &serde_json::Value| match v.get("license") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Array(a)) => Some(a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" OR ")),
        _ => None,
    };
    let mut out = Vec::new();
    match doc.get("packages") {
        Some(serde_json::Value::Object(map)) => {
            for (key, v) in map.iter().filter(|(k, _)| !k.is_empty()) {
                let name = key.rsplit("node_modules/").next().unwrap_or(key).to_string();
                out.push(ThirdParty {
                    name,
                    version: v.get("version").and_then(|x| x.as_str()).map(str::to_string),
                    license: license(v),
                    found_in: at.to_string(),
                });
            }
        }
        Some(serde_json::Value::Array(list)) => {
            for v in list {
                if let Some(name) = v.get("name").and_then(|x| x.as_str()) {
                    out.push(ThirdParty {
                        name: name.to_string(),
                        version: v.get("version").and_then(|x| x.as_str()).map(str::to_string),
                        license: license(v),
                        found_in: at.to_string(),
                    });
                }
            }
        }
        _ => {
            if let Some(serde_json::Value::Object(map)) = doc.get("dependencies") {
                for (name, v) in map {
                    out.push(ThirdParty {
                        name: name.clone(),
                        version: v.get("version").and_then(|x| x.as_str()).map(str::to_string),
                        license: None,
                        found_in: at.to_string(),
                    });
                }
            }
        }
    }
    out
}

fn requirements(text: &str, at: &str) -> Vec<ThirdParty> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty() && !l.starts_with('-'))
        .map(|l| {
            let (name, version) = match l.split_once("==") {
                Some((n, v)) => (n.trim(), Some(v.trim().to_string())),
                None => (l.split(['<', '>', '=', '~', '!', ';', '[']).next().unwrap_or(l).trim(), None),
            };
            ThirdParty { name: name.to_string(), version, license: None, found_in: at.to_string() }
        })
        .collect()
}

fn go_sum(text: &str, at: &str) -> Vec<ThirdParty> {
    text.lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (name, version) = (parts.next()?, parts.next()?);
            (!version.ends_with("/go.mod")).then(|| ThirdParty {
                name: name.to_string(),
                version: Some(version.to_string()),
                license: None,
                found_in: at.to_string(),
            })
        })
        .collect()
}

/// The `<dependency>` elements of a Maven POM (groupId:artifactId and version).
fn pom(text: &str, at: &str) -> Vec<ThirdParty> {
    let tag = |block: &str, t: &str| -> Option<String> {
        let open = format!("<{t}>");
        let start = block.find(&open)? + open.len();
        let end = block[start..].find(&format!("</{t}>"))? + start;
        Some(block[start..end].trim().to_string())
    };
    text.split("<dependency>")
        .skip(1)
        .filter_map(|rest| {
            let block = rest.split("</dependency>").next()?;
            Some(ThirdParty {
                name: format!("{}:{}", tag(block, "groupId")?, tag(block, "artifactId")?),
                version: tag(block, "version"),
                license: None,
                found_in: at.to_string(),
            })
        })
        .collect()
}

/// The English of [`SECRETS`]' `key`, with the credential's name.
fn secret(key: &str, name: &str) -> String {
    let template = SECRETS.iter().find(|(k, _)| *k == key).map_or(key, |(_, t)| t);
    crate::template::fill(template, &[("key".to_string(), name.to_string())].into())
}

/// A private key or a credential in a `.env`-style file, if the file holds one.
fn secret_in(name: &str, disk: &Path) -> Option<String> {
    let text = fs::read(disk).ok()?;
    let text = String::from_utf8_lossy(&text);
    if text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----") {
        return Some(secret("private_key", ""));
    }
    let env_like = name == ".env" || name.starts_with(".env.") || name.ends_with(".env");
    if env_like && !name.ends_with(".example") && !name.ends_with(".dist") && !name.ends_with(".sample") {
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else { continue };
            let key = key.trim().trim_start_matches("export ").to_ascii_uppercase();
            let value = value.trim().trim_matches(['"', '\'']);
            let secretish =
                ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "PRIVATE_KEY"].iter().any(|s| key.contains(s));
            if secretish && !value.is_empty() {
                return Some(secret("credential", &key));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_files_give_names_versions_and_licences() {
        let cargo = "[[package]]\nname = \"own\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.1\"\nsource = \"registry+x\"\n";
        assert_eq!(
            cargo_lock(cargo, "source/Cargo.lock").iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["serde"]
        );
        let npm =
            r#"{"packages": {"": {"name": "app"}, "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL"}}}"#;
        let got = json_lock(npm, "p");
        assert_eq!(
            (got[0].name.as_str(), got[0].version.as_deref(), got[0].license.as_deref()),
            ("left-pad", Some("1.3.0"), Some("WTFPL"))
        );
        let req = requirements("Django==4.2.7  # web\nrequests>=2\n-r other.txt\n", "r");
        assert_eq!(
            req.iter().map(|t| (t.name.as_str(), t.version.as_deref())).collect::<Vec<_>>(),
            [("Django", Some("4.2.7")), ("requests", None)]
        );
        let sum = go_sum("golang.org/x/text v0.3.0 h1:abc\ngolang.org/x/text v0.3.0/go.mod h1:def\n", "g");
        assert_eq!(sum.len(), 1);
        let p = pom(
            "<dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>42.7.1</version></dependency>",
            "x",
        );
        assert_eq!((p[0].name.as_str(), p[0].version.as_deref()), ("org.postgresql:postgresql", Some("42.7.1")));
    }

    #[test]
    fn languages_by_extension() {
        assert_eq!(language_of("src/main.rs"), Some("Rust"));
        assert_eq!(language_of("Module.BSL"), Some("1C"));
        assert_eq!(language_of("README"), None);
    }
}
