//! `qoima examine`: the technical service's verification (D1124-40) as far as a machine can do
//! it — completeness per rulebook (the findings of `check`), sufficiency of the source,
//! integrity of the built modules and of the database file — and the conclusion, positive or
//! negative with reasons (D1124-42), saved beside the seal, append-only: a re-examination adds a
//! new conclusion and never rewrites one.

pub mod artifacts;
pub mod declared;
pub mod rebuild;
pub mod source;

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::catalog::Catalog;
use crate::finding::Severity;
use crate::model::{Deposit, FileKind};

pub use crate::records::conclusion::{
    Artifact, CheckResult, Conclusion, Database, Note, Outcome, SourceReport, template,
};

pub use crate::records::CONCLUSIONS;

pub use crate::template::fill;

/// Details of a check as they are gathered: English text and notes side by side.
#[derive(Default)]
struct Said {
    details: Vec<String>,
    notes: Vec<Option<Note>>,
}

impl Said {
    /// A detail with a message key (one of [`NOTES`]).
    fn note(&mut self, key: &str, args: &[(&str, String)]) {
        let args: std::collections::BTreeMap<String, String> =
            args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        self.details.push(fill(template(key), &args));
        self.notes.push(Some(Note { key: key.to_string(), args }));
    }

    /// A detail that quotes English text (a finding, an archive's own error).
    fn text(&mut self, text: String) {
        self.details.push(text);
        self.notes.push(None);
    }

    fn check(self, id: &str, outcome: Outcome) -> CheckResult {
        CheckResult { id: id.into(), rule: "D1124-40".into(), outcome, details: self.details, notes: self.notes }
    }
}

/// How to rebuild, when asked to.
#[derive(Debug, Clone, Copy)]
pub struct RebuildOptions {
    /// How long each build step may run before it is killed.
    pub timeout: std::time::Duration,
    /// Whether to rebuild without a sandbox when bubblewrap cannot isolate the build.
    pub allow_unisolated: bool,
}

/// Examines a deposit (does not save anything).
pub fn examine(cat: &Catalog, deposit: &Deposit, by: &str, rebuild_with: Option<RebuildOptions>) -> Conclusion {
    let key = deposit.key();
    let mut checks = Vec::new();

    // Completeness per rulebook: the deposit's findings from `check`.
    let prefix = format!("{}/", deposit.dir);
    let mine: Vec<&crate::finding::Finding> = cat
        .findings
        .iter()
        .filter(|f| f.deposit.as_deref() == Some(key.as_str()) || f.path.starts_with(&prefix))
        .collect();
    let errors: Vec<&crate::finding::Finding> =
        mine.iter().copied().filter(|f| f.severity == Severity::Error).collect();
    let warnings = mine.iter().filter(|f| f.severity == Severity::Warning).count();
    let mut said = Said::default();
    let outcome = if !errors.is_empty() {
        Outcome::Fail
    } else if warnings > 0 {
        Outcome::Warning
    } else {
        Outcome::Pass
    };
    if errors.is_empty() {
        said.note("no_errors", &[("warnings", warnings.to_string())]);
    }
    for f in errors {
        said.note("finding", &[("path", f.path.clone()), ("rule", f.rule.clone()), ("message", f.message.clone())]);
    }
    checks.push(said.check("completeness", outcome));

    // Sufficiency of the source.
    let src = source::examine(&cat.root, deposit);
    let mut said = Said::default();
    let mut outcome = Outcome::Pass;
    if src.files == 0 {
        outcome = Outcome::Fail;
        said.note("source_empty", &[]);
    } else {
        let langs: Vec<String> = src.languages.iter().map(|(l, n)| format!("{l} ({n})")).collect();
        let counts = [("files", src.files.to_string()), ("bytes", src.bytes.to_string())];
        if langs.is_empty() {
            said.note("source_files_unknown", &counts);
        } else {
            said.note("source_files", &[counts[0].clone(), counts[1].clone(), ("languages", langs.join(", "))]);
        }
    }
    let build = deposit.doc.as_ref().and_then(|d| d.build.as_ref());
    let named =
        |a: &Option<crate::yaml::At<String>>| a.as_ref().map(|a| a.value.trim().to_string()).filter(|v| !v.is_empty());
    match build.map(|b| (named(&b.environment), named(&b.environment_version))) {
        Some((Some(env), Some(version))) => said.note("built_with", &[("environment", env), ("version", version)]),
        _ => {
            outcome = Outcome::Fail;
            said.note("no_build_description", &[]);
        }
    }
    let declared = declared::compare(deposit, &src.third_party, &src.lock_files);
    if src.third_party.is_empty() && !src.lock_files.is_empty() {
        said.note("lock_names_none", &[("files", src.lock_files.join(", "))]);
    } else if src.third_party.is_empty() && declared.declared.is_empty() && src.files > 0 {
        outcome = outcome.max_with(Outcome::Warning);
        said.note("no_third_party", &[]);
    } else if !src.third_party.is_empty() {
        said.note("third_party", &[("count", src.third_party.len().to_string())]);
    }
    outcome = outcome.max_with(declared::say(&declared, &mut said));
    for (path, what) in &src.secrets {
        outcome = outcome.max_with(Outcome::Warning);
        said.note("secret", &[("path", path.clone()), ("what", what.clone())]);
    }
    checks.push(said.check("source", outcome));

    // Integrity of the built modules.
    let dir = cat.root.join(&deposit.dir);
    let found: Vec<Artifact> = deposit
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Regular)
        .filter(|f| matches!(f.component(), Some("install" | "extra" | "license-config")))
        .filter_map(|f| artifacts::inspect(&dir.join(&f.path), &f.path))
        .collect();
    let broken: Vec<&Artifact> = found.iter().filter(|a| !a.ok).collect();
    let mut said = Said::default();
    let outcome = if !broken.is_empty() { Outcome::Fail } else { Outcome::Pass };
    if broken.is_empty() {
        said.note(
            "modules_read",
            &[
                ("count", found.len().to_string()),
                ("entries", found.iter().map(|a| a.entries).sum::<u64>().to_string()),
            ],
        );
    }
    for a in broken {
        let problem = a.problem.clone().unwrap_or_default();
        said.note("artifact_problem", &[("path", a.path.clone()), ("format", a.format.clone()), ("problem", problem)]);
    }
    checks.push(said.check("built-modules", outcome));

    // The database file.
    let databases: Vec<Database> = deposit
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Regular && f.component() == Some("database"))
        .map(|f| database(&dir.join(&f.path), &f.path, f.size))
        .collect();
    if !databases.is_empty() {
        let all_ok = databases.iter().all(|d| d.ok);
        let outcome = if all_ok { Outcome::Pass } else { Outcome::Fail };
        let mut said = Said::default();
        for (_, note) in databases.iter().filter(|d| all_ok || !d.ok).filter_map(|d| Some((d, d.note.as_ref()?))) {
            said.details.push(fill(template(&note.key), &note.args));
            said.notes.push(Some(note.clone()));
        }
        checks.push(said.check("database", outcome));
    }

    // The rebuild from the deposited source, when asked for.
    let mut rebuilt = None;
    if let Some(opts) = rebuild_with {
        let mut said = Said::default();
        let outcome = match rebuild::rebuild(&cat.root, deposit, opts.timeout, opts.allow_unisolated) {
            Ok(r) => {
                // The kind names the theme's words; the English description is the argument.
                let kind = r.isolation.split([':', ' ']).next().unwrap_or("none");
                said.note(&format!("isolation_{kind}"), &[("isolation", r.isolation.clone())]);
                for s in &r.steps {
                    let command = ("command", s.command.clone());
                    match (s.timed_out, s.exit) {
                        (true, _) => said.note("step_killed", &[command, ("seconds", r.timeout_seconds.to_string())]),
                        (false, Some(0)) => {
                            said.note("step_done", &[command, ("seconds", format!("{:.1}", s.seconds))])
                        }
                        (false, code) => said.note(
                            "step_failed",
                            &[command, ("code", code.map(|c| c.to_string()).unwrap_or("by a signal".into()))],
                        ),
                    }
                    if s.output_cut > 0 {
                        said.note(
                            "step_output_cut",
                            &[
                                ("command", s.command.clone()),
                                ("bytes", s.output_bytes.to_string()),
                                ("kept", rebuild::LOG_HEAD.to_string()),
                            ],
                        );
                    }
                }
                for o in &r.outputs {
                    let path = ("path", o.path.clone());
                    let built = ("built", o.built.clone().unwrap_or_default());
                    match o.status.as_str() {
                        "identical" => {
                            said.note("output_identical", &[path, built, ("sha256", o.deposited_sha256.clone())])
                        }
                        "different" => said.note(
                            "output_different",
                            &[
                                path,
                                built,
                                ("built_sha256", o.built_sha256.clone().unwrap_or_default()),
                                ("deposited_sha256", o.deposited_sha256.clone()),
                            ],
                        ),
                        _ => said.note("output_missing", &[path]),
                    }
                }
                if r.outputs.is_empty() {
                    said.note("nothing_to_compare", &[]);
                }
                let outcome = if r.reproduced { Outcome::Pass } else { Outcome::Fail };
                rebuilt = Some(r);
                outcome
            }
            Err(e) => {
                said.text(e.to_string());
                Outcome::Fail
            }
        };
        checks.push(said.check("rebuild", outcome));
    }

    let reasons: Vec<String> = checks
        .iter()
        .filter(|c| c.outcome == Outcome::Fail)
        .flat_map(|c| c.details.iter().map(move |d| format!("{}: {d}", c.id)))
        .collect();
    Conclusion {
        number: next_number(&dir),
        deposit: key,
        date: cat.today,
        by: by.to_string(),
        agent: format!("qoima {}", env!("CARGO_PKG_VERSION")),
        positive: reasons.is_empty(),
        reasons,
        checks,
        source: src,
        artifacts: found,
        databases,
        formats: crate::pronom::of_deposit(&cat.root, deposit),
        third_party: declared,
        rebuild: rebuilt,
    }
}

/// Recognizes and checks one database file.
fn database(disk: &Path, rel: &str, size: u64) -> Database {
    let mut head = [0u8; 100];
    let n = fs::File::open(disk).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    let head = &head[..n];
    let db = |format: &str, ok: bool, key: &str, args: &[(&str, String)]| {
        let mut args: crate::template::Args = args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        args.insert("path".into(), rel.to_string());
        let said = fill(template(key), &args);
        let detail = said.strip_prefix(&format!("{rel}: ")).unwrap_or(&said).to_string();
        Database {
            path: rel.to_string(),
            format: format.into(),
            ok,
            detail,
            note: Some(Note { key: key.into(), args }),
        }
    };
    if head.starts_with(b"SQLite format 3\0") && head.len() >= 32 {
        // The header's page size and page count must account for the whole file.
        let page = match u16::from_be_bytes([head[16], head[17]]) {
            1 => 65536u64,
            p => p as u64,
        };
        let pages = u32::from_be_bytes([head[28], head[29], head[30], head[31]]) as u64;
        return if pages > 0 && page * pages == size {
            match sqlite_integrity(disk) {
                Ok(()) => db("sqlite", true, "db_sqlite", &[("pages", pages.to_string()), ("page", page.to_string())]),
                Err(e) => db("sqlite", false, "db_sqlite_integrity", &[("error", e)]),
            }
        } else {
            let args = [("pages", pages.to_string()), ("page", page.to_string()), ("size", size.to_string())];
            db("sqlite", false, "db_sqlite_damaged", &args)
        };
    }
    if head.starts_with(b"PGDMP") {
        let version = head.get(5..8).map(|v| format!("{}.{}.{}", v[0], v[1], v[2])).unwrap_or_default();
        return db("pg_dump", true, "db_pg_dump", &[("version", version)]);
    }
    if size == 0 {
        return db("unknown", false, "db_empty", &[]);
    }
    // An SQL dump: text with statements.
    let mut text = Vec::new();
    let _ = fs::File::open(disk).and_then(|f| f.take(1 << 20).read_to_end(&mut text));
    let text = String::from_utf8_lossy(&text).to_ascii_uppercase();
    let statements =
        ["CREATE TABLE", "INSERT INTO", "COPY ", "CREATE SCHEMA"].iter().filter(|s| text.contains(*s)).count();
    if statements > 0 {
        return db("sql", true, "db_sql", &[]);
    }
    db("unknown", true, "db_unknown", &[])
}

/// SQLite's own `PRAGMA integrity_check`, on the file opened read-only and immutable: no
/// journal or WAL file is ever created beside it in the archive.
fn sqlite_integrity(disk: &Path) -> Result<(), String> {
    use rusqlite::OpenFlags;
    let abs = fs::canonicalize(disk).map_err(|e| e.to_string())?;
    let uri = format!(
        "file:{}?immutable=1",
        abs.to_string_lossy().replace('%', "%25").replace('?', "%3f").replace('#', "%23")
    );
    let conn =
        rusqlite::Connection::open_with_flags(&uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI)
            .map_err(|e| e.to_string())?;
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| e.to_string())?;
    let rows: Vec<String> =
        stmt.query_map([], |r| r.get::<_, String>(0)).map_err(|e| e.to_string())?.filter_map(Result::ok).collect();
    if rows == ["ok"] { Ok(()) } else { Err(rows.into_iter().take(5).collect::<Vec<_>>().join("; ")) }
}

/// The next conclusion number of a deposit: one more than the highest saved.
fn next_number(dir: &Path) -> u32 {
    fs::read_dir(dir.join(CONCLUSIONS))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.split('-').next()).and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0)
        + 1
}

/// Saves a conclusion as `conclusions/NNNN-DATE.json` in the deposit, never over an existing one.
pub fn save(root: &Path, deposit: &Deposit, c: &Conclusion) -> Result<std::path::PathBuf, crate::error::Error> {
    use crate::error::Error;
    let dir = root.join(&deposit.dir).join(CONCLUSIONS);
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let name = format!("{:04}-{}.json", c.number, c.date);
    let path = dir.join(&name);
    crate::atomic::sweep(&dir);
    let text = serde_json::to_vec_pretty(c).map_err(|e| Error::from(e.to_string()))?;
    let lock = crate::records::register::lock(
        root,
        &format!("saving a conclusion of {}", deposit.key()),
        std::time::Duration::from_secs(60),
    )?;
    // Never over an existing file: two examinations at once cannot overwrite each other.
    crate::atomic::create_new(&path, &text).map_err(|e| {
        let args = crate::args! { "path" => path.display().to_string(), "error" => crate::messages::io(&e) };
        Error::from(crate::messages::Msg::new("conclusion-not-rewritten", args))
    })?;
    let mut saved = vec![(format!("{CONCLUSIONS}/{name}"), crate::records::sha256_hex(&text))];
    if let Some(r) = &c.rebuild {
        let log_name = format!("{:04}-{}.rebuild.log", c.number, c.date);
        let log = dir.join(&log_name);
        crate::atomic::create_new(&log, r.log.as_bytes()).map_err(|e| Error::io(&log, e))?;
        saved.push((format!("{CONCLUSIONS}/{log_name}"), crate::records::sha256_hex(r.log.as_bytes())));
    }
    // Recorded in the system's journal with their SHA-256: a file under conclusions/ that the
    // journal does not name is not the depository's, and is never shown or packaged.
    let system_abs = root.join(&deposit.dir).parent().map(Path::to_path_buf).unwrap_or_default();
    for (document, sha256) in saved {
        let entry = crate::records::journal::NewEntry {
            deposit: Some(deposit.version.clone()),
            kind: crate::records::journal::FILE_RECORDED.to_string(),
            date: Some(c.date),
            document: Some(document),
            sha256: Some(sha256),
            ..Default::default()
        };
        crate::records::journal::append(&system_abs, &entry)?;
    }
    drop(lock);
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use qoima_publish::render::conclusion::{recognize, say};

    /// A detail of a conclusion saved before details had notes is said in the page's language
    /// by the English it was made from, its counts written the language's way.
    #[test]
    fn details_saved_in_english_are_said_in_kazakh_and_russian() {
        let theme =
            qoima_publish::theme::Theme::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")), "default")
                .unwrap();
        let old = "database/e.sqlite: SQLite database, 8 pages of 4096 bytes; integrity_check: ok";
        let note = recognize(old).expect("a database note");
        assert_eq!(note.key, "db_sqlite");
        assert_eq!(
            say(&note, theme.words("ru")).unwrap(),
            "database/e.sqlite: база данных SQLite, страниц: 8 (по 4096 байт); проверка integrity_check пройдена"
        );
        let secret =
            recognize("source/.env: a credential (DB_PASSWORD=…) — should not be deposited; rotate it").unwrap();
        assert!(
            say(&secret, theme.words("kk")).unwrap().starts_with("source/.env: тіркелгі деректері (DB_PASSWORD=…) — ")
        );
        let files = recognize("16580 files, 1234567 bytes; Java (7)").unwrap();
        assert_eq!(
            say(&files, theme.words("kk")).unwrap(),
            "файлдар: 16\u{a0}580, байт: 1\u{a0}234\u{a0}567; Java (7)"
        );
        assert!(recognize("something qoima never said").is_none());
    }

    #[test]
    fn database_formats_are_recognized_and_empty_files_fail() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            fs::write(&p, bytes).unwrap();
            database(&p, name, bytes.len() as u64)
        };
        let pg = write("permits.dump", b"PGDMP\x01\x0e\x00 rest of a custom-format dump");
        assert_eq!((pg.format.as_str(), pg.ok), ("pg_dump", true));
        assert!(pg.detail.contains("1.14.0"), "{pg:?}");
        let sql = write("permits.sql", b"-- dump\nCREATE TABLE permit (id int);\n");
        assert_eq!((sql.format.as_str(), sql.ok), ("sql", true));
        let empty = write("empty.db", b"");
        assert!(!empty.ok);
        let other = write("data.bin", &[1, 2, 3]);
        assert_eq!((other.format.as_str(), other.ok), ("unknown", true));
    }
}
