//! Sealing a deposit: SHA-256 of every file in a manifest that `sha256sum -c` reads, a seal
//! record, and the next depository number (D1124-41). A sealed deposit is never changed
//! (D1124-7): `check` compares it with its manifest.
//!
//! Everything is written through a temporary file, fsync and rename, so a crash leaves either
//! no seal or a whole one.

use crate::atomic::write as write_atomic;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use crate::messages::{Lang, Msg};
use crate::model::Deposit;
use crate::model::SealRecord;
use crate::records::seal::{HashCache, MANIFEST, SEAL, manifest_of, parse_manifest, sealed_files};

/// What `qoima seal` did.
#[derive(Debug, serde::Serialize)]
pub struct Sealed {
    /// The deposit, as `system/version`.
    pub deposit: String,
    /// The depository number the register gives the deposit (D1124-41).
    pub number: String,
    /// The number of files the seal covers.
    pub files: u64,
    /// The total size of the sealed files, in bytes.
    pub bytes: u64,
    /// The path of the seal manifest, relative to the site root.
    pub manifest: String,
    /// The register's line for the deposit.
    pub register_line: u32,
    /// The journal entry written (the depository_number event), when one was.
    pub journal: Option<String>,
    /// What this run did: `sealed`, `completed` (a seal interrupted earlier, finished) or
    /// `registered` (an existing seal put into the register).
    pub action: &'static str,
}

/// The deposit `system/version` of a catalog.
pub fn find<'c>(cat: &'c crate::catalog::Catalog, key: &str) -> Result<&'c Deposit, Msg> {
    let key = key.trim_end_matches('/');
    let (system, version) =
        key.split_once('/').ok_or_else(|| Msg::new("seal-deposit-unnamed", crate::args! { "key" => key }))?;
    cat.archive.system(system).and_then(|s| s.deposits.iter().find(|d| d.version == version)).ok_or_else(|| {
        Msg::new("seal-deposit-unknown", crate::args! { "key" => key, "archive" => cat.site.site.archive.as_str() })
    })
}

/// The kind of event that records a depository number in the deposit's rulebook.
fn number_kind(cat: &crate::catalog::Catalog, key: &str) -> String {
    let book = cat.deposit_rulebooks.get(key).and_then(|c| c.id()).and_then(|id| cat.rulebooks.get(id));
    book.and_then(|b| {
        b.events.iter().find(|e| e.role == Some(crate::rulebook::Role::DepositoryNumber)).map(|e| e.kind.clone())
    })
    .unwrap_or_else(|| "depository_number".to_string())
}

/// How long a seal waits for another run holding the records' lock.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// A deposit hashed and ready to be sealed: what [`Sealer::seal`] needs, made without the lock.
pub struct Prepared<'c> {
    deposit: &'c Deposit,
    manifest: String,
    bytes: u64,
    files: u64,
    source_swhid: Option<String>,
}

/// Hashes a deposit that is to be sealed. Refuses one sealed already and one with findings of
/// error severity — except a seal interrupted after its line was registered: its files were
/// checked then, and the seal written now must hash to the registered one.
pub fn prepare<'c>(
    cat: &'c crate::catalog::Catalog,
    key: &str,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Prepared<'c>, Msg> {
    let deposit = find(cat, key)?;
    let key = deposit.key();
    let resuming = cat.register.of(&key).is_some();
    if deposit.sealed.as_ref().is_some_and(|d| d.seal.is_some()) {
        return Ok(Prepared { deposit, manifest: String::new(), bytes: 0, files: 0, source_swhid: None });
    }
    let errors: Vec<&crate::finding::Finding> = cat
        .findings
        .iter()
        .filter(|f| !resuming && f.deposit.as_deref() == Some(key.as_str()))
        .filter(|f| f.severity == crate::finding::Severity::Error)
        .collect();
    if !errors.is_empty() {
        // Each finding in each language, as `check` says it.
        let lines = crate::messages::in_each_language(|i| {
            let lang = Lang::ALL[i];
            let line = |f: &&crate::finding::Finding| format!("  {}: error[{}]: {}", f.path, f.rule, f.text(lang));
            errors.iter().map(line).collect::<Vec<_>>().join("\n")
        });
        return Err(Msg::new("seal-has-errors", crate::args! { "key" => key.as_str(), "errors" => lines }));
    }
    let dir = cat.root.join(&deposit.dir);
    // An earlier seal of this deposit killed midway may have left temporaries; they are not
    // part of the deposit (the loader never lists them) and go now.
    crate::atomic::sweep(&dir);
    let files = sealed_files(deposit);
    let (manifest, bytes) = manifest_of(&dir, &files, progress).map_err(Msg::from)?;
    let source = dir.join("source");
    let source_swhid = if source.is_dir() { crate::swhid::swhid_of_dir(&source).ok() } else { None };
    Ok(Prepared { deposit, manifest, bytes, files: files.len() as u64, source_swhid })
}

/// Seals deposits of a checked catalog: the depository act (D1124-41). Holds the records' lock
/// from [`Sealer::new`] to [`Sealer::finish`], with the register read once.
///
/// Each seal issues the next number (a deposit numbered before qoima, by a `depository_number`
/// event, keeps its number), appends the deposit's line to the depository register (number,
/// date, who, the SHA-256 of the manifest and of seal.yaml, chained to the line before),
/// records the depository_number event in the system's journal, and writes the manifest and
/// then seal.yaml, the seal's commit point. A run killed midway is completed by the next: the
/// register's line decides the number, the date and who sealed, so the seal written then is
/// byte for byte the one registered.
pub struct Sealer<'c> {
    cat: &'c crate::catalog::Catalog,
    today: NaiveDate,
    by: String,
    register: crate::records::register::Open,
    cache: HashCache,
    seals: crate::seal_cache::SealCache,
    lock: crate::records::register::Lock,
}

impl<'c> Sealer<'c> {
    /// Takes the records' lock and reads the register.
    pub fn new(cat: &'c crate::catalog::Catalog, by: &str, today: NaiveDate, what: &str) -> Result<Sealer<'c>, Msg> {
        let lock = crate::records::register::lock(&cat.root, what, LOCK_WAIT)?;
        crate::atomic::sweep(&cat.root);
        let known: Vec<String> = cat
            .archive
            .deposits()
            .flat_map(|(_, d)| d.events().iter())
            .filter(|e| cat.rulebooks.has_role(&e.kind.value, crate::rulebook::Role::DepositoryNumber))
            .filter_map(|e| e.number.as_ref().map(|n| n.value.clone()))
            .collect();
        let fmt = &cat.site.numbering;
        let register = crate::records::register::Open::read(&cat.root, &fmt.format, fmt.width, &known)?;
        let (cache, seals) = (HashCache::load(&cat.root), crate::seal_cache::SealCache::load(&cat.root));
        Ok(Sealer { cat, today, by: by.to_string(), register, cache, seals, lock })
    }

    /// Dates the seals that follow `date` instead of the day the sealer was made with (an
    /// archive sealed on the days its deposits were accepted, as the benchmarks generate it).
    pub fn date(&mut self, date: NaiveDate) {
        self.today = date;
    }

    /// Seals one prepared deposit.
    pub fn seal(&mut self, p: Prepared) -> Result<Sealed, Msg> {
        let cat = self.cat;
        let deposit = p.deposit;
        let key = deposit.key();
        let dir = cat.root.join(&deposit.dir);
        let given = self.register.register.of(&key).cloned();
        // Looked at under the lock: another run may have sealed it since the catalog was read.
        if fs::symlink_metadata(dir.join(SEAL)).is_ok() {
            if let Some(e) = &given
                && deposit.sealed.as_ref().is_some_and(|d| {
                    d.seal.as_deref() == Some(e.seal_sha256.as_str())
                        && d.manifest.as_deref() == Some(e.manifest_sha256.as_str())
                })
                && let Some(line) = self.record_number(deposit, &e.number, e.date)?
            {
                return Ok(Sealed {
                    deposit: key,
                    number: e.number.clone(),
                    files: cat.manifest_of(deposit).len() as u64,
                    bytes: deposit.seal.as_ref().map_or(0, |s| s.record.bytes),
                    manifest: format!("{}/{MANIFEST}", deposit.dir),
                    register_line: e.line,
                    journal: Some(line),
                    action: "completed",
                });
            }
            return Err(Msg::new("seal-sealed-already", crate::args! { "key" => key }));
        }
        let manifest_digest = crate::records::sha256_hex(p.manifest.as_bytes());
        // A seal killed after its line was registered is written now exactly as registered.
        let (number, date, by) = match &given {
            Some(e) => (e.number.clone(), e.date, e.by.clone()),
            None => {
                let recorded =
                    cat.rulebooks.number_with_role(deposit.events(), crate::rulebook::Role::DepositoryNumber);
                (recorded.unwrap_or_else(|| self.register.next_number(self.today)), self.today, self.by.clone())
            }
        };
        let record = SealRecord {
            number: number.clone(),
            date,
            by: by.clone(),
            files: p.files,
            bytes: p.bytes,
            manifest_sha256: manifest_digest.clone(),
            source_swhid: p.source_swhid,
        };
        let seal_text = record.to_yaml();
        let seal_digest = crate::records::sha256_hex(seal_text.as_bytes());
        let entry = match given {
            Some(e) if e.seal_sha256 == seal_digest && e.manifest_sha256 == manifest_digest => e,
            Some(e) => {
                let args = crate::args! { "key" => key, "line" => e.line.to_string(), "number" => e.number };
                return Err(Msg::new("seal-register-differs", args));
            }
            None => self.register.append(&number, date, &key, &by, &manifest_digest, &seal_digest)?,
        };
        // The journal before the seal files: seal.yaml, written last, is the seal's commit
        // point, and a deposit that has one has its number recorded.
        let journal = self.record_number(deposit, &number, date)?;
        write_atomic(&dir.join(MANIFEST), p.manifest.as_bytes())
            .map_err(|e| Msg::from(format!("{}/{MANIFEST}: {e}", deposit.dir)))?;
        write_atomic(&dir.join(SEAL), seal_text.as_bytes())
            .map_err(|e| Msg::from(format!("{}/{SEAL}: {e}", deposit.dir)))?;
        // Remember the hashes, so that `check` need not read the files again.
        let by_path: std::collections::HashMap<&str, &crate::model::FileEntry> =
            deposit.files.iter().map(|f| (f.path.as_str(), f)).collect();
        for (hash, path) in parse_manifest(&p.manifest).map_err(Msg::from)? {
            if let Some(f) = by_path.get(path.as_str()) {
                self.cache.insert(format!("{}/{path}", deposit.dir), f, hash);
            }
        }
        self.seals.remember_written(&deposit.dir, &dir, &deposit.files, &seal_text, &manifest_digest);
        Ok(Sealed {
            deposit: key,
            number,
            files: p.files,
            bytes: p.bytes,
            manifest: format!("{}/{MANIFEST}", deposit.dir),
            register_line: entry.line,
            journal,
            action: "sealed",
        })
    }

    /// Puts a seal made before the register existed into it, dated today, with who sealed it as
    /// its seal.yaml says, after checking every file against its manifest; nothing in the
    /// deposit is written.
    pub fn register_existing(&mut self, key: &str, progress: &(dyn Fn(u64) + Sync)) -> Result<Sealed, Msg> {
        let deposit = find(self.cat, key)?;
        let key = deposit.key();
        if let Some(e) = self.register.register.of(&key) {
            let args = crate::args! { "key" => key, "number" => e.number.as_str(), "line" => e.line.to_string() };
            return Err(Msg::new("seal-registered-already", args));
        }
        let (Some(seal), Some(digests)) = (&deposit.seal, &deposit.sealed) else {
            return Err(Msg::new("seal-unreadable", crate::args! { "key" => key }));
        };
        let (Some(seal_sha), Some(manifest_sha)) = (&digests.seal, &digests.manifest) else {
            return Err(Msg::new("seal-record-unreadable", crate::args! { "key" => key }));
        };
        let dir = self.cat.root.join(&deposit.dir);
        let registered = self.cat.manifest_of(deposit);
        let mut sealed: Vec<&str> = registered.iter().map(|(_, p)| p.as_str()).collect();
        let (manifest, _) = manifest_of(&dir, &sealed, progress).map_err(Msg::from)?;
        let mut listed: Vec<&str> = sealed_files(deposit);
        listed.sort_unstable();
        sealed.sort_unstable();
        if crate::records::sha256_hex(manifest.as_bytes()) != *manifest_sha || listed != sealed {
            return Err(Msg::new("seal-files-differ", crate::args! { "key" => key }));
        }
        let number = &seal.record.number;
        let entry = self.register.append(number, self.today, &key, &seal.record.by, manifest_sha, seal_sha)?;
        // Its files were just compared with its manifest: remembered as found intact.
        if let Ok(seal_text) = fs::read_to_string(dir.join(SEAL))
            && crate::records::sha256_hex(seal_text.as_bytes()) == *seal_sha
        {
            self.seals.remember_written(&deposit.dir, &dir, &deposit.files, &seal_text, manifest_sha);
        }
        let journal = self.record_number(deposit, number, seal.record.date)?;
        Ok(Sealed {
            deposit: key,
            number: number.clone(),
            files: registered.len() as u64,
            bytes: seal.record.bytes,
            manifest: format!("{}/{MANIFEST}", deposit.dir),
            register_line: entry.line,
            journal,
            action: "registered",
        })
    }

    /// Appends the depository_number event to the system's journal unless the deposit's events
    /// record that number already.
    fn record_number(&self, deposit: &Deposit, number: &str, date: NaiveDate) -> Result<Option<String>, Msg> {
        let cat = self.cat;
        let is_number =
            |e: &crate::meta::Event| cat.rulebooks.has_role(&e.kind.value, crate::rulebook::Role::DepositoryNumber);
        if deposit.events().iter().any(|e| is_number(e) && e.number.as_ref().is_some_and(|n| n.value == number)) {
            return Ok(None);
        }
        // Read again under the lock: a run killed after recording it, or another run, may
        // have recorded it since the catalog was read.
        let system_abs = cat.root.join(&deposit.dir).parent().map(Path::to_path_buf).unwrap_or_default();
        let text = crate::records::journal::current_text(&system_abs)?;
        let journal = crate::records::journal::Journal::parse(&text, "");
        if journal
            .of_deposit(&deposit.version)
            .any(|e| is_number(e) && e.number.as_ref().is_some_and(|n| n.value == number))
        {
            return Ok(None);
        }
        let entry = crate::records::journal::NewEntry {
            deposit: Some(deposit.version.clone()),
            kind: number_kind(cat, &deposit.key()),
            date: Some(date),
            number: Some(number.to_string()),
            ..Default::default()
        };
        crate::records::journal::append(&system_abs, &entry).map(Some).map_err(Msg::from)
    }

    /// Saves the hashes of the sealed files and the seals written, and releases the lock.
    pub fn finish(self) {
        let _ = self.cache.save(&self.cat.root);
        let _ = self.seals.save(&self.cat.root);
        drop(self.lock);
    }
}
