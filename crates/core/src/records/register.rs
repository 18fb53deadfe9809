//! The depository number register (D1124-41): one line per sealed deposit, kept beside
//! site.toml in `depository-numbers.txt`. Numbers increase, are never reused, and stay unique
//! when two operators seal at the same moment on the shared drive: a lock file taken with
//! create-exclusive guards every write to the records, and says who holds it.
//!
//! Each line binds a deposit to what was sealed: tab-separated, the number, the date, the
//! deposit (`system/version`), who sealed it, the SHA-256 of its `manifest-sha256.txt` and of
//! its `seal.yaml`, and the SHA-256 of the line before (`prev`, 64 zeros for the first): a hash
//! chain. Lines starting with `#` are comments.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::{GENESIS, Links, entry_hash, is_sha256_hex};
use crate::finding::{Finding, Severity, house};

/// The register's file, beside site.toml.
pub const REGISTER: &str = "depository-numbers.txt";
/// The lock of every record qoima appends to (the register and the journals).
pub const LOCK: &str = "depository-numbers.lock";

/// The first lines of a new register.
const HEADER: &str = "# The depository number register (D1124-41), written by `qoima seal`; never edit it.\n# number\tdate\tdeposit\tsealed by\tSHA-256 of manifest-sha256.txt\tSHA-256 of seal.yaml\tSHA-256 of the line before\n";

/// The lock of the records; released when dropped.
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// The process that wrote a lock file (`pid N on HOST …`), if it was of this host and is gone.
fn dead_holder(holder: &str) -> Option<u32> {
    let mut words = holder.split_whitespace();
    let (Some("pid"), Some(pid), Some("on"), Some(host)) = (words.next(), words.next(), words.next(), words.next())
    else {
        return None;
    };
    let pid: u32 = pid.parse().ok()?;
    (host == crate::atomic::host() && !crate::atomic::alive(pid)).then_some(pid)
}

/// Takes the lock, waiting up to `timeout` while another process holds it. A lock left by a
/// process of this host that no longer runs (a seal killed midway) is taken over.
/// What it says while it waits is in the operator's language ([`crate::messages::operator`]).
pub fn lock(root: &Path, who: &str, timeout: Duration) -> Result<Lock, crate::messages::Msg> {
    let say = |id: &'static str, args: crate::messages::Args| {
        eprintln!("qoima: {}", crate::messages::text(crate::messages::operator(), id, &args));
    };
    let path = root.join(LOCK);
    let started = Instant::now();
    let mut told = false;
    loop {
        let holder = format!(
            "pid {} on {} ({who}) since {}\n",
            std::process::id(),
            crate::atomic::host(),
            chrono::Local::now().to_rfc3339()
        );
        // Linked into place whole: a lock file is never seen empty, even when its process is
        // killed while taking it.
        match crate::atomic::create_new(&path, holder.as_bytes()) {
            Ok(()) => return Ok(Lock { path }),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                if let Some(pid) = dead_holder(&holder) {
                    // Its process was killed; the register it guarded is written atomically, so
                    // taking the lock over is safe. The stale lock is renamed away and read
                    // again, so that a lock another process took over meanwhile is put back.
                    let aside = crate::atomic::temp_path(&path.with_file_name(format!("{LOCK}.stale")));
                    if fs::rename(&path, &aside).is_ok() {
                        if fs::read_to_string(&aside).unwrap_or_default() == holder {
                            say("lock-taken-over", crate::args! { "pid" => pid.to_string() });
                        } else {
                            let _ = fs::hard_link(&aside, &path);
                        }
                        let _ = fs::remove_file(&aside);
                    }
                    continue;
                }
                if started.elapsed() > timeout {
                    let args = crate::args! { "holder" => holder.trim(), "lock" => path.display().to_string() };
                    return Err(crate::messages::Msg::new("lock-held", args));
                }
                if !told {
                    say("lock-waiting", crate::args! { "holder" => holder.trim() });
                    told = true;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(format!("{}: {e}", path.display()).into()),
        }
    }
}

/// The sequence part of a number written in `format` (`{year}`, `{seq}`), if it is one.
pub fn sequence_of(format: &str, number: &str) -> Option<u64> {
    let mut rest = number;
    let mut seq = None;
    let mut fmt = format;
    while !fmt.is_empty() {
        if let Some(after) = fmt.strip_prefix("{year}") {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits != 4 {
                return None;
            }
            rest = &rest[digits..];
            fmt = after;
        } else if let Some(after) = fmt.strip_prefix("{seq}") {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            seq = rest[..digits].parse().ok();
            rest = &rest[digits..];
            fmt = after;
        } else {
            let c = fmt.chars().next()?;
            rest = rest.strip_prefix(c)?;
            fmt = &fmt[c.len_utf8()..];
        }
    }
    if rest.is_empty() { seq } else { None }
}

/// Writes a number in `format`.
pub fn format_number(format: &str, width: usize, year: i32, seq: u64) -> String {
    format.replace("{year}", &year.to_string()).replace("{seq}", &format!("{seq:0width$}"))
}

/// One line of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line in the file.
    pub line: u32,
    /// The deposit's depository number (D1124-41).
    pub number: String,
    /// The day the deposit was sealed.
    pub date: NaiveDate,
    /// `system/version`.
    pub deposit: String,
    /// Who sealed.
    pub by: String,
    /// SHA-256 of the deposit's manifest-sha256.txt as sealed.
    pub manifest_sha256: String,
    /// SHA-256 of the deposit's seal.yaml as sealed.
    pub seal_sha256: String,
    /// The hash of the line before (GENESIS for the first).
    pub prev: String,
    /// The hash of this line.
    pub hash: String,
}

impl Entry {
    /// The line as written (without its line break).
    pub fn to_line(&self) -> String {
        line_of(&self.number, self.date, &self.deposit, &self.by, &self.manifest_sha256, &self.seal_sha256, &self.prev)
    }
}

fn line_of(number: &str, date: NaiveDate, deposit: &str, by: &str, manifest: &str, seal: &str, prev: &str) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    format!("{}\t{date}\t{}\t{}\t{manifest}\t{seal}\t{prev}", clean(number), clean(deposit), clean(by))
}

/// The register as read: its entries in order, what is wrong with it, and its head.
#[derive(Debug, Default, Clone)]
pub struct Register {
    /// The lines that could be read, in the file's order.
    pub entries: Vec<Entry>,
    /// Lines that cannot be read, breaks of the chain, numbers given twice or out of order.
    pub findings: Vec<Finding>,
    /// The hash of the last entry (GENESIS when there is none).
    pub head: String,
    /// The hash of every entry.
    pub links: Links,
    /// The place of each deposit's first entry.
    index: foldhash::HashMap<String, usize>,
}

impl Register {
    /// Reads the register beside site.toml in `root` (empty when there is none yet).
    pub fn read(root: &Path) -> Register {
        match fs::read(root.join(REGISTER)) {
            Ok(bytes) => Register::parse(&String::from_utf8_lossy(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Register { head: GENESIS.into(), ..Register::default() }
            }
            Err(e) => Register {
                head: GENESIS.into(),
                findings: vec![super::unreadable(REGISTER, "register-unreadable", &e)],
                ..Register::default()
            },
        }
    }

    /// Reads the register's text.
    pub fn parse(text: &str) -> Register {
        let mut reg = Register { head: GENESIS.to_string(), ..Register::default() };
        let mut expected_prev = GENESIS.to_string();
        let mut seen: foldhash::HashMap<String, u32> = foldhash::HashMap::default();
        let mut by_deposit: foldhash::HashMap<String, u32> = foldhash::HashMap::default();
        let mut last: Option<(NaiveDate, u32)> = None;
        for (i, line) in text.lines().enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let hash = entry_hash(line);
            let here = |id: &str, args| {
                Finding::with_id(Severity::Error, "D1124-41", REGISTER, id, args).at(crate::yaml::Pos::new(n, 1))
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let parsed = match cols[..] {
                [number, date, deposit, by, manifest, seal, prev] => {
                    match (super::written_date(date), deposit.split_once('/')) {
                        (Some(date), Some((s, v)))
                            if !s.is_empty()
                                && !v.is_empty()
                                && !number.trim().is_empty()
                                && [manifest, seal, prev].iter().all(|h| is_sha256_hex(h)) =>
                        {
                            Some(Entry {
                                line: n,
                                number: number.to_string(),
                                date,
                                deposit: deposit.to_string(),
                                by: by.to_string(),
                                manifest_sha256: manifest.to_string(),
                                seal_sha256: seal.to_string(),
                                prev: prev.to_string(),
                                hash: hash.clone(),
                            })
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            let Some(entry) = parsed else {
                reg.findings.push(
                    Finding::with_id(
                        Severity::Error,
                        house::RECORD,
                        REGISTER,
                        "register-line-unreadable",
                        crate::args! {},
                    )
                    .at(crate::yaml::Pos::new(n, 1)),
                );
                expected_prev = hash.clone();
                reg.links.add(hash);
                continue;
            };
            if entry.prev != expected_prev {
                let args = crate::args! { "named" => short(&entry.prev), "actual" => short(&expected_prev) };
                reg.findings.push(here("register-chain-broken", args));
            }
            if let Some(first) = seen.insert(entry.number.clone(), n) {
                let args = crate::args! { "number" => entry.number.as_str(), "first" => first.to_string() };
                reg.findings.push(here("register-number-twice", args));
            }
            if let Some(first) = by_deposit.insert(entry.deposit.clone(), n) {
                let args = crate::args! { "deposit" => entry.deposit.as_str(), "first" => first.to_string() };
                reg.findings.push(here("register-deposit-twice", args));
            }
            if let Some((date, at)) = last
                && entry.date < date
            {
                let args = crate::args! {
                    "number" => entry.number.as_str(), "date" => entry.date.to_string(), "first" => at.to_string(), "first_date" => date.to_string()
                };
                reg.findings.push(here("register-out-of-order", args));
            }
            last = Some((entry.date, n));
            expected_prev = hash.clone();
            reg.links.add(hash);
            reg.index.entry(entry.deposit.clone()).or_insert(reg.entries.len());
            reg.entries.push(entry);
        }
        reg.head = expected_prev;
        reg
    }

    /// The entry of a deposit (`system/version`), the first if there are several.
    pub fn of(&self, deposit: &str) -> Option<&Entry> {
        self.entries.get(*self.index.get(deposit)?)
    }
}

/// The first 12 hex digits of a hash, for messages.
pub fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// The register as read under the lock, kept while one or more seals are made: each new line
/// is appended to the file (one write, flushed) and to this copy, so sealing many deposits
/// reads the register once.
pub struct Open {
    path: PathBuf,
    /// The register as read, with the lines appended since.
    pub register: Register,
    /// The highest sequence of every number known (register and archive), per format.
    next_seq: u64,
    format: String,
    width: usize,
}

impl Open {
    /// Reads the register beside site.toml in `root` (the caller holds the lock); `known` are
    /// the numbers the archive's events give already, never given again.
    pub fn read(root: &Path, format: &str, width: usize, known: &[String]) -> Result<Open, crate::error::Error> {
        let path = root.join(REGISTER);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(crate::error::Error::io(&path, e)),
        };
        let register = Register::parse(&text);
        let in_register = register.entries.iter().filter_map(|e| sequence_of(format, &e.number));
        let in_archive = known.iter().filter_map(|n| sequence_of(format, n));
        let next_seq = in_register.chain(in_archive).max().unwrap_or(0) + 1;
        Ok(Open { path, register, next_seq, format: format.to_string(), width })
    }

    /// The next number, dated `date` (not taken until [`Open::append`] records it).
    pub fn next_number(&self, date: NaiveDate) -> String {
        use chrono::Datelike;
        format_number(&self.format, self.width, date.year(), self.next_seq)
    }

    /// Appends a sealed deposit's line, chained to the last one: one write, flushed to disk (a
    /// crash leaves the register with or without the whole line).
    pub fn append(
        &mut self,
        number: &str,
        date: NaiveDate,
        deposit: &str,
        by: &str,
        manifest_sha256: &str,
        seal_sha256: &str,
    ) -> Result<Entry, String> {
        use std::io::Write;
        let line = line_of(number, date, deposit, by, manifest_sha256, seal_sha256, &self.register.head);
        let fail = |e: std::io::Error| format!("{}: {e}", self.path.display());
        let new = !self.path.exists();
        let mut f = fs::OpenOptions::new().create(true).append(true).open(&self.path).map_err(fail)?;
        let mut bytes = if new { HEADER.to_string() } else { String::new() };
        bytes.push_str(&line);
        bytes.push('\n');
        f.write_all(bytes.as_bytes()).and_then(|()| f.sync_data()).map_err(fail)?;
        let hash = entry_hash(&line);
        let n = self.register.entries.last().map_or(HEADER.lines().count() as u32, |e| e.line) + 1;
        let entry = Entry {
            line: n,
            number: number.to_string(),
            date,
            deposit: deposit.to_string(),
            by: by.to_string(),
            manifest_sha256: manifest_sha256.to_string(),
            seal_sha256: seal_sha256.to_string(),
            prev: std::mem::replace(&mut self.register.head, hash.clone()),
            hash: hash.clone(),
        };
        self.register.links.add(hash);
        self.register.index.entry(entry.deposit.clone()).or_insert(self.register.entries.len());
        self.register.entries.push(entry.clone());
        if let Some(seq) = sequence_of(&self.format, number) {
            self.next_seq = self.next_seq.max(seq + 1);
        }
        Ok(entry)
    }
}

/// What the register says a deposit is: its number, folder and the SHA-256 of its seal files.
#[derive(Debug, Clone)]
pub struct Expected {
    /// `system/version`.
    pub key: String,
    /// The deposit folder, relative to the site root.
    pub dir: String,
    /// The deposit's depository number (D1124-41).
    pub number: String,
    /// SHA-256 of its `seal.yaml`, as the register bound it.
    pub seal_sha256: String,
    /// SHA-256 of its `manifest-sha256.txt`, as the register bound it.
    pub manifest_sha256: String,
}

impl Expected {
    /// From a register entry; `archive` is the archive folder's path relative to the root.
    pub fn of(entry: &Entry, archive: &str) -> Expected {
        Expected {
            key: entry.deposit.clone(),
            dir: format!("{archive}/{}", entry.deposit),
            number: entry.number.clone(),
            seal_sha256: entry.seal_sha256.clone(),
            manifest_sha256: entry.manifest_sha256.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lock held by a running process is refused once the wait is over, and the refusal is
    /// said in the operator's language, the lock's holder as its file says.
    #[test]
    fn a_lock_held_is_refused_in_the_operators_language() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path(), "sealing e-permits/1.0", Duration::ZERO).unwrap();
        let e = lock(dir.path(), "recording", Duration::ZERO).err().expect("the lock is held");
        assert_eq!(e.id, "lock-held");
        let holder = fs::read_to_string(dir.path().join(LOCK)).unwrap();
        assert!(holder.contains("(sealing e-permits/1.0)"), "{holder}");
        let lock_file = dir.path().join(LOCK).display().to_string();
        let en = format!(
            "the depository's records are locked by {} ({lock_file}); if that process is gone, remove the lock file",
            holder.trim()
        );
        assert_eq!(e.en(), en);
        let ru = e.text(crate::messages::Lang::Ru);
        assert_eq!(
            ru,
            format!(
                "записи депозитария заблокированы: {} ({lock_file}); если этот процесс уже не работает, удалите файл блокировки",
                holder.trim()
            )
        );
        drop(held);
        assert!(lock(dir.path(), "recording", Duration::ZERO).is_ok(), "released");
    }

    #[test]
    fn numbers_parse_and_format() {
        let f = "KZ-DEP-{year}-{seq}";
        assert_eq!(sequence_of(f, "KZ-DEP-2023-000041"), Some(41));
        assert_eq!(sequence_of(f, "KZ-DEP-23-000041"), None);
        assert_eq!(sequence_of(f, "Ж-2023/041"), None);
        assert_eq!(format_number(f, 6, 2026, 42), "KZ-DEP-2026-000042");
    }

    #[test]
    fn numbers_are_never_reused_and_the_chain_binds_every_line() {
        let dir = tempfile::tempdir().unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let (f, known) = ("KZ-DEP-{year}-{seq}", ["KZ-DEP-2023-000041".to_string()]);
        let mut open = Open::read(dir.path(), f, 6, &known).unwrap();
        let a = open.next_number(date);
        assert_eq!(a, "KZ-DEP-2026-000042");
        let (m, s) = ("a".repeat(64), "b".repeat(64));
        let first = open.append(&a, date, "x/1", "Ахметова Г. К.", &m, &s).unwrap();
        assert_eq!(first.prev, GENESIS);
        assert_eq!(open.next_number(date), "KZ-DEP-2026-000043");
        // Read again: the same entries, the same head, and the next number after them.
        let mut open = Open::read(dir.path(), f, 6, &[]).unwrap();
        assert_eq!(open.register.entries, vec![first.clone()]);
        let b = open.next_number(date);
        assert_eq!(b, "KZ-DEP-2026-000043");
        let second = open.append(&b, date, "x/2", "Ахметова Г. К.", &m, &s).unwrap();
        assert_eq!(second.prev, first.hash);
        assert_eq!(open.register.of("x/1").map(|e| e.hash.clone()), Some(first.hash.clone()));
        let text = fs::read_to_string(dir.path().join(REGISTER)).unwrap();
        let reg = Register::parse(&text);
        assert!(reg.findings.is_empty(), "{:?}", reg.findings);
        assert_eq!(reg.entries, vec![first.clone(), second.clone()]);
        assert_eq!(reg.head, second.hash);
        assert!(reg.links.contains(&first.hash));
        // An edited line breaks the chain at the next one; a removed one too; so does a swap.
        let edited = text.replace("x/1", "x/9");
        let found = Register::parse(&edited).findings;
        assert!(found.iter().any(|f| f.message.contains("chain is broken") && f.line == Some(4)), "{found:?}");
        let lines: Vec<&str> = text.lines().collect();
        let removed = format!("{}\n{}\n{}\n", lines[0], lines[1], lines[3]);
        assert!(Register::parse(&removed).findings.iter().any(|f| f.message.contains("chain")));
        let swapped = format!("{}\n{}\n{}\n{}\n", lines[0], lines[1], lines[3], lines[2]);
        let found = Register::parse(&swapped).findings;
        assert!(found.iter().any(|f| f.message.contains("chain is broken")), "{found:?}");
        let earlier = text.replace("2026-11-23\tx/2", "2026-11-20\tx/2");
        let found = Register::parse(&earlier).findings;
        assert!(found.iter().any(|f| f.message.contains("out of order")), "{found:?}");
        let reused = format!("{text}{}\n", line_of(&b, date, "x/3", "y", &m, &s, &reg.head));
        let found = Register::parse(&reused).findings;
        assert!(found.iter().any(|f| f.message.contains("given already on line 4")), "{found:?}");
        let broken = format!("{text}not a line\n");
        let found = Register::parse(&broken).findings;
        assert!(found.iter().any(|f| f.rule == house::RECORD && f.line == Some(5)), "{found:?}");
    }

    #[test]
    fn the_lock_is_exclusive_and_taken_over_from_a_dead_process() {
        let dir = tempfile::tempdir().unwrap();
        let l = lock(dir.path(), "test", Duration::from_millis(10)).unwrap();
        let err = lock(dir.path(), "other", Duration::from_millis(100)).err().unwrap();
        assert!(err.en().contains("locked by pid"), "{err:?}");
        drop(l);
        assert!(lock(dir.path(), "again", Duration::from_millis(10)).is_ok());
        // A lock whose process is gone is taken over at once.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        fs::write(dir.path().join(LOCK), format!("pid {dead} on {} (sealing x/3) since then\n", crate::atomic::host()))
            .unwrap();
        assert!(lock(dir.path(), "after a kill", Duration::from_millis(10)).is_ok());
        fs::write(
            dir.path().join(LOCK),
            format!("pid {} on {} (sealing x/3)\n", std::process::id(), crate::atomic::host()),
        )
        .unwrap();
        assert!(lock(dir.path(), "while held", Duration::from_millis(100)).is_err(), "a living holder keeps it");
    }
}
