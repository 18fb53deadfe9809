//! BagIt profiles (the bagit-profiles specification, version 1.4.0): a published contract a bag
//! is checked against — bag-info fields (required, allowed values, repeatable), payload and tag
//! manifests required and allowed, tag files and payload files required and allowed (globs),
//! fetch.txt, serialization and the BagIt versions accepted. `qoima verify --profile FILE` checks
//! any bag against any profile; qoima's own transfer packages follow `docs/bagit-profile.json`
//! and name it in bag-info.txt (`BagIt-Profile-Identifier`).

use std::io;
use std::path::Path;

use serde_json::Value;

use crate::verify::{Problem, Report, Severity};
use crate::{FileKind, ManifestKind, MediaType, ProblemKind, decode_tag_file, parse_tags};

/// The identifier of the profile of qoima's transfer packages, `docs/bagit-profile.json`.
pub const TRANSFER_PROFILE: &str = "urn:qoima:bagit-profile:transfer-package:1.0";

/// A BagIt profile, read from its JSON.
#[derive(Debug, Clone)]
pub struct Profile {
    /// BagIt-Profile-Identifier of BagIt-Profile-Info.
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

/// Why a profile cannot be used. Its `Display` is English; [`ProfileError::id`] and
/// [`ProfileError::args`] let a program say it in another language.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file could not be read (`path`, `error`: what the system said).
    #[error("{path}: {error}")]
    Unreadable {
        /// The profile's file.
        path: String,
        /// What the system said.
        error: io::Error,
    },
    /// What is wrong with the profile of this file.
    #[error("{path}: {problem}")]
    In {
        /// The profile's file.
        path: String,
        /// What is wrong.
        problem: Box<ProfileError>,
    },
    /// Not JSON (`error`: what the parser said).
    #[error("not JSON: {0}")]
    NotJson(serde_json::Error),
    /// No BagIt-Profile-Info object.
    #[error("no BagIt-Profile-Info object")]
    NoInfo,
    /// BagIt-Profile-Info lacks a field (`field`).
    #[error("BagIt-Profile-Info has no {0}")]
    NoInfoField(&'static str),
    /// A key that should hold a list of strings does not (`key`).
    #[error("{0} is not a list of strings")]
    NotList(&'static str),
    /// Bag-Info is not an object.
    #[error("Bag-Info is not an object")]
    BagInfoNotObject,
    /// Serialization has another value.
    #[error("Serialization is none of required, optional, forbidden")]
    BadSerialization,
}

impl ProfileError {
    /// The error's stable id: `bagit-profile-…`.
    pub fn id(&self) -> &'static str {
        match self {
            ProfileError::Unreadable { .. } => "bagit-profile-unreadable",
            ProfileError::In { .. } => "bagit-profile-in",
            ProfileError::NotJson(_) => "bagit-profile-not-json",
            ProfileError::NoInfo => "bagit-profile-no-info",
            ProfileError::NoInfoField(_) => "bagit-profile-no-info-field",
            ProfileError::NotList(_) => "bagit-profile-not-list",
            ProfileError::BagInfoNotObject => "bagit-profile-bag-info-not-object",
            ProfileError::BadSerialization => "bagit-profile-bad-serialization",
        }
    }

    /// Its arguments by name; for [`ProfileError::In`], `path` and the inner error as its own
    /// id and arguments (`problem_id`, then the inner arguments).
    pub fn args(&self) -> Vec<(&'static str, crate::ArgValue)> {
        use crate::ArgValue::Text;
        match self {
            ProfileError::Unreadable { path, error } => {
                vec![("path", Text(path.clone())), ("error", Text(error.to_string()))]
            }
            ProfileError::In { path, problem } => {
                let mut out = vec![("path", Text(path.clone())), ("problem_id", Text(problem.id().to_string()))];
                out.extend(problem.args());
                out
            }
            ProfileError::NotJson(e) => vec![("error", Text(e.to_string()))],
            ProfileError::NoInfoField(f) => vec![("field", Text(f.to_string()))],
            ProfileError::NotList(k) => vec![("key", Text(k.to_string()))],
            ProfileError::NoInfo | ProfileError::BagInfoNotObject | ProfileError::BadSerialization => Vec::new(),
        }
    }
}

impl Profile {
    /// Reads a profile from a file; an error says why it is not a usable profile.
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let shown = || path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| ProfileError::Unreadable { path: shown(), error })?;
        Profile::parse(&bytes).map_err(|e| ProfileError::In { path: shown(), problem: Box::new(e) })
    }

    /// Parses a profile's JSON.
    pub fn parse(bytes: &[u8]) -> Result<Profile, ProfileError> {
        let doc: Value = serde_json::from_slice(bytes).map_err(ProfileError::NotJson)?;
        let info = doc.get("BagIt-Profile-Info").and_then(Value::as_object).ok_or(ProfileError::NoInfo)?;
        for field in ["BagIt-Profile-Identifier", "Source-Organization", "Version"] {
            if !info.get(field).is_some_and(Value::is_string) {
                return Err(ProfileError::NoInfoField(field));
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
                return Err(ProfileError::NotList(key));
            }
        }
        if let Some(v) = doc.get("Bag-Info")
            && !v.is_object()
        {
            return Err(ProfileError::BagInfoNotObject);
        }
        if let Some(s) = doc.get("Serialization")
            && !matches!(s.as_str(), Some("required" | "optional" | "forbidden"))
        {
            return Err(ProfileError::BadSerialization);
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
        let mut error = |file: &str, kind: ProblemKind| {
            out.push(Problem { severity: Severity::Error, file: file.to_string(), line: None, kind })
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
            [] => error("bag-info.txt", ProblemKind::NoProfileIdentifier {}),
            ids if !ids.contains(&self.identifier.as_str()) => error(
                "bag-info.txt",
                ProblemKind::OtherProfile { found: ids.join(", "), identifier: self.identifier.clone() },
            ),
            _ => {}
        }
        if let Some(fields) = self.doc.get("Bag-Info").and_then(Value::as_object) {
            for (label, rule) in fields {
                let found = values(label);
                if rule.get("required").and_then(Value::as_bool) == Some(true) && found.is_empty() {
                    error("bag-info.txt", ProblemKind::RequiredField { label: label.clone() });
                }
                if rule.get("repeatable").and_then(Value::as_bool) == Some(false) && found.len() > 1 {
                    error("bag-info.txt", ProblemKind::NotRepeatable { label: label.clone(), count: found.len() });
                }
                if let Some(allowed) = rule.get("values").and_then(Value::as_array) {
                    for v in found.iter().filter(|v| !allowed.iter().any(|a| a.as_str() == Some(**v))) {
                        let value = v.to_string();
                        error("bag-info.txt", ProblemKind::ValueNotAllowed { label: label.clone(), value });
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
            ("manifest-", "Manifests-Required", "Manifests-Allowed", ManifestKind::Payload),
            ("tagmanifest-", "Tag-Manifests-Required", "Tag-Manifests-Allowed", ManifestKind::Tag),
        ] {
            let present = algorithms(prefix);
            for alg in self.list(required).unwrap_or_default() {
                if !present.contains(&alg) {
                    let kind = ProblemKind::ManifestRequired { kind: what, algorithm: alg.to_string() };
                    error(&format!("{prefix}{alg}.txt"), kind);
                }
            }
            if let Some(allowed) = self.list(allowed) {
                for alg in present.iter().filter(|a| !allowed.contains(a)) {
                    let kind = ProblemKind::ManifestNotAllowed { kind: what, algorithm: alg.to_string() };
                    error(&format!("{prefix}{alg}.txt"), kind);
                }
            }
        }

        // Tag files and payload files.
        let tag_files: Vec<&str> =
            files.iter().copied().filter(|f| !f.starts_with("data/") && !is_bag_file(f)).collect();
        let payload: Vec<&str> = files.iter().copied().filter(|f| f.starts_with("data/")).collect();
        for (required, allowed, present, what) in [
            ("Tag-Files-Required", "Tag-Files-Allowed", &tag_files, FileKind::Tag),
            ("Payload-Files-Required", "Payload-Files-Allowed", &payload, FileKind::Payload),
        ] {
            for want in self.list(required).unwrap_or_default() {
                if !has(want) {
                    error(want, ProblemKind::FileRequired { kind: what });
                }
            }
            if let Some(patterns) = self.list(allowed) {
                match globs(&patterns) {
                    Ok(set) => {
                        for f in present.iter().filter(|f| !set.is_match(f)) {
                            error(f, ProblemKind::FileNotAllowed { kind: what, patterns: patterns.join(", ") });
                        }
                    }
                    Err(e) => error("", ProblemKind::NotGlob { key: allowed.to_string(), error: e.to_string() }),
                }
            }
        }

        // fetch.txt, serialization, BagIt version.
        if self.flag("Allow-Fetch.txt") == Some(false) && has("fetch.txt") {
            error("fetch.txt", ProblemKind::FetchNotAllowed {});
        }
        if self.flag("Fetch.txt-Required") == Some(true) && !has("fetch.txt") {
            error("fetch.txt", ProblemKind::FetchRequired {});
        }
        let serialized = bag.is_file();
        match (self.doc.get("Serialization").and_then(Value::as_str), serialized) {
            (Some("required"), false) => error("", ProblemKind::SerializationRequired {}),
            (Some("forbidden"), true) => error("", ProblemKind::SerializationForbidden {}),
            _ => {}
        }
        if serialized && let Some(accepted) = self.list("Accept-Serialization") {
            let name = bag.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match media_type(&name) {
                Some(t) if accepted.contains(&t) => {}
                t => error(
                    "",
                    ProblemKind::SerializationNotAccepted {
                        media_type: MediaType(t.map(str::to_string)),
                        accepted: accepted.join(", "),
                    },
                ),
            }
        }
        if let Some(accepted) = self.list("Accept-BagIt-Version") {
            let version = report.version.as_deref().unwrap_or("?");
            if !accepted.contains(&version) {
                let kind =
                    ProblemKind::VersionNotAccepted { version: version.to_string(), accepted: accepted.join(", ") };
                error("bagit.txt", kind);
            }
        }
        // Data-Empty: at most one payload file (its size, zero, is left to the manifests).
        if self.flag("Data-Empty") == Some(true) && payload.len() > 1 {
            error("data", ProblemKind::NotDataEmpty {});
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

    const PROFILE: &[u8] = include_bytes!("../../../docs/bagit-profile.json");

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
