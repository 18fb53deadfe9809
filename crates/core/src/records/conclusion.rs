//! The conclusions of examinations (D1124-40), as `qoima examine` saves them in a deposit's
//! `conclusions/` folder and records them, with their SHA-256, in the system's journal: what
//! each check found, in English and as notes the catalogue says in every language. Read here;
//! made by `crate::examine`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use crate::finding::{Finding, Severity, house};
use crate::model::{Deposit, System};
use crate::records::journal::FILE_RECORDED;

/// The outcome of one check of an examination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The check found nothing wrong.
    Pass,
    /// The check found something to look at, but nothing that makes the conclusion negative.
    Warning,
    /// The check failed: the conclusion is negative.
    Fail,
}

/// One check of the conclusion.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct CheckResult {
    /// What was checked: `completeness`, `source`, `built-modules`, `database` or `rebuild`.
    pub id: String,
    /// The rule the check applies (D1124-40).
    pub rule: String,
    /// How the check came out.
    pub outcome: Outcome,
    /// What the check found, in English (the terminal, the JSON, the log).
    pub details: Vec<String>,
    /// The same details as data, one per detail, for the catalogue to say in kk/ru/en: a
    /// message key of the theme (`exam_note_<key>`) with its arguments. None where the detail
    /// quotes text that is English everywhere (a finding, an archive's own error).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Option<Note>>,
}

/// A detail as a message key and its arguments.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Note {
    /// The message key, without its `exam_note_` prefix: one of [`NOTES`].
    pub key: String,
    /// The values of the key's `{arg}` placeholders, by name.
    pub args: std::collections::BTreeMap<String, String>,
}

/// The English form of every note; the theme's `exam_note_<key>` words say them in each
/// language with the same `{arg}` placeholders.
pub const NOTES: &[(&str, &str)] = &[
    ("no_errors", "no errors; {warnings} warning(s) (see `qoima check`)"),
    ("source_empty", "source/ holds no file"),
    ("source_files", "{files} files, {bytes} bytes; {languages}"),
    ("source_files_unknown", "{files} files, {bytes} bytes; no known language"),
    ("built_with", "built with {environment} {version}"),
    ("no_build_description", "no build description naming the environment and its version (O146-5.1, D1124-30.1)"),
    ("lock_names_none", "no third-party component: {files} names none"),
    ("no_third_party", "no third-party code identified (no lock file, no vendored folder)"),
    ("third_party", "{count} third-party components identified"),
    ("secret", "{path}: {what} — should not be deposited; rotate it"),
    ("modules_read", "{count} archive(s) read end to end, {entries} entries"),
    ("isolation_bubblewrap", "isolation: {isolation}"),
    ("isolation_unshare", "isolation: {isolation}"),
    ("isolation_none", "isolation: {isolation}"),
    ("step_killed", "`{command}`: killed at the time limit of {seconds} s"),
    ("step_done", "`{command}`: done in {seconds} s"),
    ("step_failed", "`{command}`: failed (exit {code})"),
    ("step_output_cut", "`{command}`: wrote {bytes} bytes of output; the log keeps its first and last {kept} bytes"),
    ("output_identical", "{path}: identical to {built} (SHA-256 {sha256})"),
    (
        "output_different",
        "{path}: differs from what the source builds ({built}: SHA-256 {built_sha256}, deposited {deposited_sha256})",
    ),
    ("output_missing", "{path}: the build made no file of that name"),
    ("nothing_to_compare", "install/ holds nothing to compare"),
    ("declared_found", "declared third-party {component}: found at {path}"),
    ("declared_missing", "declared third-party {component}: not found (declared path: {path})"),
    ("undeclared", "third-party {component} at {path}: not declared in deposit.yaml (third_party)"),
    ("finding", "{path} [{rule}]: {message}"),
    ("db_sqlite", "{path}: SQLite database, {pages} pages of {page} bytes; integrity_check: ok"),
    ("db_sqlite_integrity", "{path}: SQLite integrity_check: {error}"),
    (
        "db_sqlite_damaged",
        "{path}: SQLite header says {pages} pages of {page} bytes, the file has {size} bytes: truncated or damaged",
    ),
    ("db_pg_dump", "{path}: PostgreSQL custom-format dump (archive version {version})"),
    ("db_empty", "{path}: the file is empty"),
    ("db_sql", "{path}: SQL dump (statements found)"),
    ("db_unknown", "{path}: not a format qoima recognizes; kept as deposited"),
    // Last: the most general form.
    ("artifact_problem", "{path} ({format}): {problem}"),
];

/// The template of note `key` in English.
pub fn template(key: &str) -> &str {
    NOTES.iter().find(|(k, _)| *k == key).map_or(key, |(_, t)| t)
}

/// A database file of database/.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Database {
    /// Path relative to the deposit folder (`database/…`).
    pub path: String,
    /// sqlite, pg_dump, sql, or unknown.
    pub format: String,
    /// Whether the file reads as intact for its format.
    pub ok: bool,
    /// What was found, in English.
    pub detail: String,
    /// The same as a note (`db_…`, with the path), for the catalogue to say in kk/ru/en.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// The conclusion of one examination.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Conclusion {
    /// 1 for the first examination of the deposit, then 2, 3, …
    pub number: u32,
    /// The deposit's key, `system/version`.
    pub deposit: String,
    /// The day of the examination.
    pub date: NaiveDate,
    /// Who examined, as given to `qoima examine --by`.
    pub by: String,
    /// The program that examined: `qoima` and its version.
    pub agent: String,
    /// Positive when no check failed.
    pub positive: bool,
    /// The reasons of a negative conclusion (D1124-42).
    pub reasons: Vec<String>,
    /// Every check made, in order.
    pub checks: Vec<CheckResult>,
    /// What `source/` holds.
    pub source: SourceReport,
    /// Every archive-like file of `install/`, `extra/` and `license-config/`, as read.
    pub artifacts: Vec<Artifact>,
    /// Every file of `database/`, as read.
    pub databases: Vec<Database>,
    /// Every file of the deposit with its PRONOM format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<crate::pronom::PathFormat>,
    /// The third-party code deposit.yaml declares, and what of it was found.
    #[serde(default)]
    pub third_party: DeclaredReport,
    /// The rebuild from source (`--rebuild`); not run when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rebuild: Option<Rebuild>,
}

impl Outcome {
    /// The worse of two outcomes.
    pub fn max_with(self, other: Outcome) -> Outcome {
        let rank = |o: Outcome| match o {
            Outcome::Pass => 0,
            Outcome::Warning => 1,
            Outcome::Fail => 2,
        };
        if rank(other) > rank(self) { other } else { self }
    }
}

/// What was found in one file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Artifact {
    /// Path relative to the deposit folder.
    pub path: String,
    /// The format recognized from the bytes: zip, tar, tar.gz, tar.xz, tar.zst, gzip, xz, zstd,
    /// deb, rpm, iso9660, pe, msi.
    pub format: String,
    /// Size in bytes.
    pub size: u64,
    /// Whether the file was read to the end without a problem.
    pub ok: bool,
    /// Entries read (members, files).
    pub entries: u64,
    /// Bytes after decompression.
    pub unpacked: u64,
    /// The first entry names.
    pub listing: Vec<String>,
    /// Why it is not intact (or a remark on what was only checked by signature).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// What reading a built module says of it, by key: the English a conclusion keeps, with `{…}`
/// placeholders; the catalogue says each by the theme's `exam_problem_<key>` (an `{error}` of
/// another reader, such as the zip library's, stays as that reader said it).
pub const PROBLEMS: &[(&str, &str)] = &[
    ("iso", "an ISO 9660 image: volume descriptor and size checked; files are not read"),
    (
        "sparse",
        "{count} sparse member(s), {bytes} bytes once unpacked: their stored bytes were read, their holes were not made",
    ),
    (
        "rpm_payload",
        "an RPM: lead, headers and size checked; its payload (beginning {magic}) is compressed in a way qoima does not read",
    ),
    ("no_member", "the archive holds no member"),
    ("member_truncated", "member `{name}` is truncated: {n} of {declared} bytes"),
    ("entry_outside", "entry `{name}` would be written outside the folder it is unpacked into"),
    ("member_outside", "member `{name}` would be written outside the folder it is unpacked into"),
    ("bomb", "expands beyond {limit} bytes ({ratio}× its size): a decompression bomb, not unpacked further"),
    ("not_zip", "not a readable zip: {error}"),
    ("iso_truncated_descriptor", "truncated inside its primary volume descriptor"),
    ("iso_truncated", "truncated: the volume declares {declared} bytes, the file has {size}"),
    ("not_ar", "not an ar archive"),
    ("entry", "`{name}`: {error}"),
];

/// One third-party component.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ThirdParty {
    /// The component's name, as its lock file or folder gives it.
    pub name: String,
    /// Its version, when the lock file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Its licence, when the lock file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Where it was found: a lock file or a vendored folder, relative to the deposit.
    pub found_in: String,
}

/// What `source/` holds.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct SourceReport {
    /// Number of files in `source/`.
    pub files: u64,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Language → number of files.
    pub languages: BTreeMap<String, u64>,
    /// Every source file with its language (files of no known language are counted, not listed).
    pub listing: Vec<(String, String)>,
    /// Third-party components identified by lock files and vendored folders.
    pub third_party: Vec<ThirdParty>,
    /// Lock files read.
    pub lock_files: Vec<String>,
    /// Private keys and credentials found: path and what.
    pub secrets: Vec<(String, String)>,
}

/// What a secret found in the source is, by key: the English a conclusion keeps (the
/// catalogue says it by the theme's `exam_secret_<key>`).
pub const SECRETS: &[(&str, &str)] = &[("private_key", "a private key"), ("credential", "a credential ({key}=…)")];

/// One declared component and what the examination found of it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Declared {
    /// The component's name, as `deposit.yaml` declares it.
    pub name: String,
    /// Its declared version, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Its declared licence, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The path declared, relative to the deposit folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Found: the declared path is a file or a folder of the deposit, or (no path declared) a
    /// component of that name was identified in the source.
    pub found: bool,
}

/// What was declared and found, declared and not found, found and not declared.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct DeclaredReport {
    /// Every component `deposit.yaml` declares, with whether it was found.
    pub declared: Vec<Declared>,
    /// Vendored third-party folders that no declaration covers.
    pub undeclared: Vec<ThirdParty>,
}

/// One build step as it ran.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Step {
    /// The command, as the build description gives it.
    pub command: String,
    /// The exit status; none when it was killed.
    pub exit: Option<i32>,
    /// Time the step took, in seconds.
    pub seconds: f64,
    /// Whether the step was killed at the time limit.
    pub timed_out: bool,
    /// Bytes the step wrote to its output and error streams.
    #[serde(default)]
    pub output_bytes: u64,
    /// Bytes of that output left out of the log (its middle).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub output_cut: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A deposited artifact compared with what the source builds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Compared {
    /// The deposited file (install/…).
    pub path: String,
    /// identical, different, or missing (the build made no file of that name).
    pub status: String,
    /// SHA-256 of the deposited file, in hex.
    pub deposited_sha256: String,
    /// The built file of the same name that was compared (`source/…`); None when the build made none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub built: Option<String>,
    /// SHA-256 of that built file, in hex; None when the build made none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub built_sha256: Option<String>,
}

/// The outcome of a rebuild.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Rebuild {
    /// What isolated the build, in words.
    pub isolation: String,
    /// The time limit of each build step, in seconds.
    pub timeout_seconds: u64,
    /// Every build step, in the order it ran.
    pub steps: Vec<Step>,
    /// Every deposited file of `install/`, compared with what the build made.
    pub outputs: Vec<Compared>,
    /// Whether every step succeeded and every deposited artifact was rebuilt identically.
    pub reproduced: bool,
    /// The build log (every step's output, each bounded), saved beside the conclusion.
    #[serde(skip)]
    pub log: String,
}

/// The SHA-256 the journal recorded for a file the depository added to a deposit.
pub fn recorded_sha256<'s>(system: &'s System, version: &str, path: &str) -> Option<&'s str> {
    system
        .journal
        .entries
        .iter()
        .filter(|e| e.deposit.as_ref().is_some_and(|d| d.value == version))
        .filter(|e| e.kind.value == FILE_RECORDED)
        .filter(|e| e.document.as_ref().is_some_and(|d| d.value == path))
        .find_map(|e| e.sha256.as_ref().map(|s| s.value.as_str()))
}

/// The conclusions saved for a deposit, oldest first: only those the system's journal records,
/// with the bytes it recorded (`check` reports the others). A recorded conclusion that cannot be
/// read is a finding, never left out in silence.
pub fn saved(root: &Path, system: &System, deposit: &Deposit) -> (Vec<Conclusion>, Vec<Finding>) {
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for f in deposit.files.iter().filter(|f| f.path.starts_with("conclusions/") && f.path.ends_with(".json")) {
        let Some(want) = recorded_sha256(system, &deposit.version, &f.path) else { continue };
        let rel = format!("{}/{}", deposit.dir, f.path);
        let bytes = match fs::read(root.join(&deposit.dir).join(&f.path)) {
            Ok(bytes) => bytes,
            Err(e) => {
                findings.push(super::unreadable(&rel, "file-unreadable", &e));
                continue;
            }
        };
        if super::sha256_hex(&bytes) != want {
            // `check` says it was changed after it was recorded.
            continue;
        }
        match serde_json::from_slice::<Conclusion>(&bytes) {
            Ok(c) => out.push(c),
            Err(e) => {
                let args = crate::args! { "error" => e.to_string() };
                findings.push(Finding::with_id(Severity::Error, house::RECORD, rel, "conclusion-unreadable", args));
            }
        }
    }
    out.sort_by_key(|c| c.number);
    (out, findings)
}
