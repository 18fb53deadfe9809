//! BagIt profiles (the bagit-profiles specification, version 1.4.0): a published contract a bag
//! is checked against — bag-info fields (required, allowed values, repeatable), payload and tag
//! manifests required and allowed, tag files and payload files required and allowed (globs),
//! fetch.txt, serialization and the BagIt versions accepted. `qoima verify --profile FILE` checks
//! any bag against any profile; qoima's own transfer packages follow `docs/bagit-profile.json`
//! and name it in bag-info.txt (`BagIt-Profile-Identifier`).

use std::io;
use std::path::Path;

use serde_json::Value;

use super::verify::{Problem, Report, Severity};
use super::{decode_tag_file, parse_tags};

/// The identifier of the profile of qoima's transfer packages, `docs/bagit-profile.json`.
pub const TRANSFER_PROFILE: &str = "urn:qoima:bagit-profile:transfer-package:1.0";

/// A BagIt profile, read from its JSON.
#[derive(Debug, Clone)]
pub struct Profile {
    pub identifier: String,
    doc: Value,
}

/// The tag files every bag has, which profiles do not list among Tag-Files.
fn is_bag_file(path: &str) -> bool {
    matches!(path, "bagit.txt" | "bag-info.txt" | "fetch.txt")
        || ((path.starts_with("manifest-") || path.starts_with("tagmanifest-"))
            && path.ends_with(".txt")
            && !path.contains('/'))
}

/// The media type a serialized bag's name says, as profiles list them in Accept-Serialization.
fn media_type(name: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    [
        (".zip", "application/zip"),
        (".tar.gz", "application/gzip"),
        (".tgz", "application/gzip"),
        (".tar", "application/x-tar"),
        (".7z", "application/x-7z-compressed"),
    ]
    .into_iter()
    .find(|(ext, _)| name.ends_with(ext))
    .map(|(_, t)| t)
}

impl Profile {
    /// Reads a profile from a file; an error says why it is not a usable profile.
    pub fn load(path: &Path) -> Result<Profile, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Profile::parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses a profile's JSON.
    pub fn parse(bytes: &[u8]) -> Result<Profile, String> {
        let doc: Value = serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
        let info = doc.get("BagIt-Profile-Info").and_then(Value::as_object).ok_or("no BagIt-Profile-Info object")?;
        for field in ["BagIt-Profile-Identifier", "Source-Organization", "Version"] {
            if !info.get(field).is_some_and(Value::is_string) {
                return Err(format!("BagIt-Profile-Info has no {field}"));
            }
        }
        let identifier = info["BagIt-Profile-Identifier"].as_str().unwrap_or_default().to_string();
        let lists = [
            "Manifests-Required",
            "Manifests-Allowed",
            "Tag-Manifests-Required",
            "Tag-Manifests-Allowed",
            "Tag-Files-Required",
            "Tag-Files-Allowed",
            "Payload-Files-Required",
            "Payload-Files-Allowed",
            "Accept-Serialization",
            "Accept-BagIt-Version",
        ];
        for key in lists {
            if let Some(v) = doc.get(key)
                && !v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
            {
                return Err(format!("{key} is not a list of strings"));
            }
        }
        if let Some(v) = doc.get("Bag-Info")
            && !v.is_object()
        {
            return Err("Bag-Info is not an object".into());
        }
        if let Some(s) = doc.get("Serialization")
            && !matches!(s.as_str(), Some("required" | "optional" | "forbidden"))
        {
            return Err("Serialization is none of required, optional, forbidden".into());
        }
        Ok(Profile { identifier, doc })
    }

    fn list(&self, key: &str) -> Option<Vec<&str>> {
        self.doc.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect())
    }

    fn flag(&self, key: &str) -> Option<bool> {
        self.doc.get(key).and_then(Value::as_bool)
    }

    /// What is wrong with a bag under this profile: `bag` is its path (a folder or a serialized
    /// file), `files` every regular file in it (relative paths), `read` a tag file's bytes.
    pub fn problems(
        &self,
        bag: &Path,
        files: &[&str],
        read: &dyn Fn(&str) -> io::Result<Vec<u8>>,
        report: &Report,
    ) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut error = |file: &str, message: String| {
            out.push(Problem { severity: Severity::Error, file: file.to_string(), line: None, message })
        };
        let has = |p: &str| files.contains(&p);

        // bag-info.txt: the profile's identifier and each field's rules.
        let encoding = report.encoding.clone().unwrap_or_else(|| "UTF-8".into());
        let tags = read("bag-info.txt").ok().and_then(|b| decode_tag_file(&b, &encoding)).map(|t| parse_tags(&t).0);
        let tags = tags.unwrap_or_default();
        let values = |label: &str| -> Vec<&str> {
            tags.iter().filter(|t| t.label.eq_ignore_ascii_case(label)).map(|t| t.value.as_str()).collect()
        };
        match values("BagIt-Profile-Identifier").as_slice() {
            [] => error("bag-info.txt", "names no BagIt-Profile-Identifier".into()),
            ids if !ids.contains(&self.identifier.as_str()) => error(
                "bag-info.txt",
                format!("BagIt-Profile-Identifier is {}, not this profile's {}", ids.join(", "), self.identifier),
            ),
            _ => {}
        }
        if let Some(fields) = self.doc.get("Bag-Info").and_then(Value::as_object) {
            for (label, rule) in fields {
                let found = values(label);
                if rule.get("required").and_then(Value::as_bool) == Some(true) && found.is_empty() {
                    error("bag-info.txt", format!("the required field {label} is missing"));
                }
                if rule.get("repeatable").and_then(Value::as_bool) == Some(false) && found.len() > 1 {
                    error("bag-info.txt", format!("{label} is not repeatable, and appears {} times", found.len()));
                }
                if let Some(allowed) = rule.get("values").and_then(Value::as_array) {
                    for v in found.iter().filter(|v| !allowed.iter().any(|a| a.as_str() == Some(**v))) {
                        error("bag-info.txt", format!("{label}: `{v}` is not one of the values the profile allows"));
                    }
                }
            }
        }

        // Manifests.
        let algorithms = |prefix: &str| -> Vec<&str> {
            files
                .iter()
                .filter(|f| !f.contains('/'))
                .filter_map(|f| f.strip_prefix(prefix).and_then(|r| r.strip_suffix(".txt")))
                .collect()
        };
        for (prefix, required, allowed, what) in [
            ("manifest-", "Manifests-Required", "Manifests-Allowed", "payload manifest"),
            ("tagmanifest-", "Tag-Manifests-Required", "Tag-Manifests-Allowed", "tag manifest"),
        ] {
            let present = algorithms(prefix);
            for alg in self.list(required).unwrap_or_default() {
                if !present.contains(&alg) {
                    error(&format!("{prefix}{alg}.txt"), format!("the profile requires a {what} with {alg}"));
                }
            }
            if let Some(allowed) = self.list(allowed) {
                for alg in present.iter().filter(|a| !allowed.contains(a)) {
                    error(&format!("{prefix}{alg}.txt"), format!("the profile does not allow a {what} with {alg}"));
                }
            }
        }

        // Tag files and payload files.
        let tag_files: Vec<&str> =
            files.iter().copied().filter(|f| !f.starts_with("data/") && !is_bag_file(f)).collect();
        let payload: Vec<&str> = files.iter().copied().filter(|f| f.starts_with("data/")).collect();
        for (required, allowed, present, what) in [
            ("Tag-Files-Required", "Tag-Files-Allowed", &tag_files, "tag file"),
            ("Payload-Files-Required", "Payload-Files-Allowed", &payload, "payload file"),
        ] {
            for want in self.list(required).unwrap_or_default() {
                if !has(want) {
                    error(want, format!("the profile requires this {what}"));
                }
            }
            if let Some(patterns) = self.list(allowed) {
                match globs(&patterns) {
                    Ok(set) => {
                        for f in present.iter().filter(|f| !set.is_match(f)) {
                            error(f, format!("the profile does not allow this {what} ({})", patterns.join(", ")));
                        }
                    }
                    Err(e) => error("", format!("{allowed} holds a pattern that is not a glob: {e}")),
                }
            }
        }

        // fetch.txt, serialization, BagIt version.
        if self.flag("Allow-Fetch.txt") == Some(false) && has("fetch.txt") {
            error("fetch.txt", "the profile does not allow fetch.txt".into());
        }
        if self.flag("Fetch.txt-Required") == Some(true) && !has("fetch.txt") {
            error("fetch.txt", "the profile requires fetch.txt".into());
        }
        let serialized = bag.is_file();
        match (self.doc.get("Serialization").and_then(Value::as_str), serialized) {
            (Some("required"), false) => error("", "the profile requires a serialized bag; this is a folder".into()),
            (Some("forbidden"), true) => error("", "the profile forbids serialized bags; this is a file".into()),
            _ => {}
        }
        if serialized && let Some(accepted) = self.list("Accept-Serialization") {
            let name = bag.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match media_type(&name) {
                Some(t) if accepted.contains(&t) => {}
                t => error(
                    "",
                    format!(
                        "serialized as {}, the profile accepts {}",
                        t.unwrap_or("a type qoima cannot name"),
                        accepted.join(", ")
                    ),
                ),
            }
        }
        if let Some(accepted) = self.list("Accept-BagIt-Version") {
            let version = report.version.as_deref().unwrap_or("?");
            if !accepted.contains(&version) {
                error("bagit.txt", format!("BagIt {version}, the profile accepts {}", accepted.join(", ")));
            }
        }
        // Data-Empty: at most one payload file (its size, zero, is left to the manifests).
        if self.flag("Data-Empty") == Some(true) && payload.len() > 1 {
            error("data", "the profile requires an empty payload (Data-Empty)".into());
        }
        out
    }

    /// Adds this profile's problems to a bag's report.
    pub fn apply(&self, bag: &Path, files: &[&str], read: &dyn Fn(&str) -> io::Result<Vec<u8>>, report: &mut Report) {
        let found = self.problems(bag, files, read, report);
        report.errors += found.iter().filter(|p| p.severity == Severity::Error).count();
        report.warnings += found.iter().filter(|p| p.severity == Severity::Warning).count();
        report.valid = report.valid && report.errors == 0;
        report.profile = Some(self.identifier.clone());
        report.problems.extend(found);
    }
}

/// Globs as profiles write them (fnmatch: `*` also crosses `/`).
fn globs(patterns: &[&str]) -> Result<globset::GlobSet, globset::Error> {
    let mut set = globset::GlobSetBuilder::new();
    for p in patterns {
        set.add(globset::GlobBuilder::new(p).literal_separator(false).build()?);
    }
    set.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROFILE: &[u8] = include_bytes!("../../docs/bagit-profile.json");

    fn report() -> Report {
        Report {
            bag: "b".into(),
            valid: true,
            version: Some("1.0".into()),
            encoding: Some("UTF-8".into()),
            algorithms: vec![],
            payload_files: 1,
            payload_bytes: 1,
            errors: 0,
            warnings: 0,
            problems: vec![],
            profile: None,
        }
    }

    #[test]
    fn the_published_profile_names_qoimas_identifier() {
        let p = Profile::parse(PROFILE).unwrap();
        assert_eq!(p.identifier, TRANSFER_PROFILE);
        assert!(Profile::parse(b"{\"BagIt-Profile-Info\": {}}").is_err());
        assert!(Profile::parse(b"[]").is_err());
    }

    #[test]
    fn each_rule_of_a_profile_is_checked() {
        let profile = br#"{"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "urn:x", "Source-Organization": "o", "Version": "1"},
            "Bag-Info": {"Contact-Name": {"required": true}, "Access": {"values": ["open"], "repeatable": false}},
            "Manifests-Required": ["sha512"], "Manifests-Allowed": ["sha512"],
            "Tag-Files-Required": ["docs/readme.txt"], "Tag-Files-Allowed": ["docs/*"],
            "Allow-Fetch.txt": false, "Serialization": "required", "Accept-Serialization": ["application/zip"],
            "Accept-BagIt-Version": ["1.0"]}"#;
        let p = Profile::parse(profile).unwrap();
        let files = ["bagit.txt", "bag-info.txt", "manifest-md5.txt", "fetch.txt", "other/x.txt", "data/a"];
        let info = "BagIt-Profile-Identifier: urn:y\nAccess: closed\nAccess: open\n";
        let read = |name: &str| -> io::Result<Vec<u8>> {
            if name == "bag-info.txt" { Ok(info.as_bytes().to_vec()) } else { Err(io::ErrorKind::NotFound.into()) }
        };
        let dir = tempfile::tempdir().unwrap();
        let found: Vec<String> =
            p.problems(dir.path(), &files, &read, &report()).iter().map(|p| p.to_string()).collect();
        for want in [
            "not this profile's urn:x",
            "required field Contact-Name",
            "Access is not repeatable",
            "`closed` is not one of",
            "manifest-sha512.txt: the profile requires",
            "manifest-md5.txt: the profile does not allow",
            "docs/readme.txt: the profile requires",
            "other/x.txt: the profile does not allow",
            "does not allow fetch.txt",
            "requires a serialized bag",
        ] {
            assert!(found.iter().any(|f| f.contains(want)), "{want} not in {found:#?}");
        }
        assert_eq!(found.len(), 10, "{found:#?}");
    }
}
