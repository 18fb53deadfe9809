//! Depository numbers (D1124-41): they increase, are never reused, and stay unique when two
//! operators seal at the same moment on the shared drive. The register is plain text beside
//! site.toml (`depository-numbers.txt`: number, date, deposit per line); a lock file taken with
//! create-exclusive guards it, and says who holds it.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::atomic::write as write_atomic;

pub const REGISTER: &str = "depository-numbers.txt";
pub const LOCK: &str = "depository-numbers.lock";

/// The lock of the number register; released when dropped.
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
pub fn lock(root: &Path, who: &str, timeout: Duration) -> Result<Lock, String> {
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
                            eprintln!(
                                "qoima: the number register was locked by process {pid} of this host, which is gone; taking the lock over"
                            );
                        } else {
                            let _ = fs::hard_link(&aside, &path);
                        }
                        let _ = fs::remove_file(&aside);
                    }
                    continue;
                }
                if started.elapsed() > timeout {
                    return Err(format!(
                        "the depository number register is locked by {} ({}); if that process is gone, remove the lock file",
                        holder.trim(),
                        path.display()
                    ));
                }
                if !told {
                    eprintln!("qoima: waiting for the number register, locked by {}", holder.trim());
                    told = true;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
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

/// Issues the next number under the lock and records it; `known` are numbers already given
/// in the archive (depository_number events), so that none is ever issued twice. A deposit the
/// register already gave a number to (its seal was interrupted before seal.yaml was written)
/// gets that number again, never a second one.
pub fn issue(
    root: &Path,
    format: &str,
    width: usize,
    year: i32,
    date: &str,
    deposit: &str,
    known: &[String],
) -> Result<String, String> {
    let path = root.join(REGISTER);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    if let Some(given) = text.lines().find_map(|l| {
        let mut cols = l.split('\t');
        let (number, _date, of) = (cols.next()?, cols.next()?, cols.next()?);
        (of == deposit && sequence_of(format, number).is_some()).then(|| number.to_string())
    }) {
        return Ok(given);
    }
    let in_register = text.lines().filter_map(|l| l.split('\t').next()).filter_map(|n| sequence_of(format, n));
    let in_archive = known.iter().filter_map(|n| sequence_of(format, n));
    let next = in_register.chain(in_archive).max().unwrap_or(0) + 1;
    let number = format_number(format, width, year, next);
    let mut new_text = text;
    if !new_text.is_empty() && !new_text.ends_with('\n') {
        new_text.push('\n');
    }
    new_text.push_str(&format!("{number}\t{date}\t{deposit}\n"));
    write_atomic(&path, new_text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_and_format() {
        let f = "KZ-DEP-{year}-{seq}";
        assert_eq!(sequence_of(f, "KZ-DEP-2023-000041"), Some(41));
        assert_eq!(sequence_of(f, "KZ-DEP-23-000041"), None);
        assert_eq!(sequence_of(f, "Ж-2023/041"), None);
        assert_eq!(format_number(f, 6, 2026, 42), "KZ-DEP-2026-000042");
    }

    #[test]
    fn issue_never_reuses_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let f = "KZ-DEP-{year}-{seq}";
        let a = issue(dir.path(), f, 6, 2026, "2026-11-23", "x/1", &["KZ-DEP-2023-000041".into()]).unwrap();
        assert_eq!(a, "KZ-DEP-2026-000042");
        let b = issue(dir.path(), f, 6, 2026, "2026-11-23", "x/2", &[]).unwrap();
        assert_eq!(b, "KZ-DEP-2026-000043");
        // A seal interrupted after its number was issued gets the same number again.
        let again = issue(dir.path(), f, 6, 2026, "2026-11-24", "x/1", &[]).unwrap();
        assert_eq!(again, "KZ-DEP-2026-000042");
        assert_eq!(fs::read_to_string(dir.path().join(REGISTER)).unwrap().lines().count(), 2);
        let l = lock(dir.path(), "test", Duration::from_millis(10)).unwrap();
        let err = lock(dir.path(), "other", Duration::from_millis(100)).err().unwrap();
        assert!(err.contains("locked by pid"), "{err}");
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
