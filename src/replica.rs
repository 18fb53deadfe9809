//! The second copy (D1124-31) and repair (D1124-53, O146-10).
//!
//! `qoima replicate` copies every sealed deposit whose owner permits copying to the replica
//! root named in site.toml, to the same relative paths, and verifies each copied file against
//! the manifest. `qoima fixity --repair` replaces a file that fails its hash from the copy whose
//! bytes still match the manifest, and never touches a file when no copy matches.

use std::fs;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::model::Deposit;
use crate::seal::{MANIFEST, SEAL, hash_file, hex};

/// The replica's site root, when site.toml names one.
pub fn replica_root(cat: &Catalog) -> Option<PathBuf> {
    let r = cat.site.replica.root.as_ref()?;
    let p = Path::new(r);
    Some(if p.is_absolute() { p.to_path_buf() } else { cat.root.join(p) })
}

/// Whether the owner permits copies (D1124-53; default yes).
pub fn copy_permitted(d: &Deposit) -> bool {
    d.doc.as_ref().and_then(|x| x.copy_permitted.as_ref()).is_none_or(|c| c.value)
}

/// What replicating one deposit did.
#[derive(Debug, serde::Serialize)]
pub struct Replicated {
    pub deposit: String,
    pub copied: usize,
    pub unchanged: usize,
    /// Files whose copy does not match the manifest.
    pub failed: Vec<String>,
    /// Set when the owner does not permit copies.
    pub skipped: bool,
}

/// Copies every sealed deposit to the replica and verifies the copies.
pub fn replicate(cat: &Catalog) -> Result<Vec<Replicated>, String> {
    let replica =
        replica_root(cat).ok_or("site.toml names no replica: add [replica] root = \"/mnt/replica/depository\"")?;
    let mut out = Vec::new();
    for (_, d) in cat.archive.deposits() {
        let Some(seal) = &d.seal else { continue };
        if !copy_permitted(d) {
            out.push(Replicated { deposit: d.key(), copied: 0, unchanged: 0, failed: Vec::new(), skipped: true });
            continue;
        }
        let mut r = Replicated { deposit: d.key(), copied: 0, unchanged: 0, failed: Vec::new(), skipped: false };
        // What a replication killed midway left behind.
        crate::atomic::sweep_tree(&replica.join(&d.dir));
        for (want, rel) in &seal.manifest {
            let from = cat.root.join(&d.dir).join(rel);
            let to = replica.join(&d.dir).join(rel);
            if hash_file(&to).is_ok_and(|h| hex(&h) == *want) {
                r.unchanged += 1;
                continue;
            }
            match crate::atomic::copy(&from, &to).and_then(|_| hash_file(&to)) {
                Ok(h) if hex(&h) == *want => r.copied += 1,
                Ok(_) => r.failed.push(format!(
                    "{rel}: the copy does not match the manifest (is the original damaged? run `qoima fixity`)"
                )),
                Err(e) => r.failed.push(format!("{rel}: {e}")),
            }
        }
        for name in [MANIFEST, SEAL] {
            let (from, to) = (cat.root.join(&d.dir).join(name), replica.join(&d.dir).join(name));
            if fs::read(&from).ok() != fs::read(&to).ok()
                && let Err(e) = crate::atomic::copy(&from, &to)
            {
                r.failed.push(format!("{name}: {e}"));
            }
        }
        out.push(r);
    }
    Ok(out)
}

/// Repairs one damaged file of a deposit from whichever copy still matches `want`.
/// Returns what was done, for the fixity log.
pub fn repair(cat: &Catalog, d: &Deposit, rel: &str, want: &str) -> String {
    let Some(replica) = replica_root(cat) else { return format!("{rel}: loss — no replica is configured") };
    let primary = cat.root.join(&d.dir).join(rel);
    let copy = replica.join(&d.dir).join(rel);
    let ok = |p: &Path| hash_file(p).is_ok_and(|h| hex(&h) == want);
    // What a repair killed midway left beside either copy.
    for dir in [primary.parent(), copy.parent()].into_iter().flatten() {
        crate::atomic::sweep(dir);
    }
    match (ok(&primary), ok(&copy)) {
        (true, true) => format!("{rel}: both copies match"),
        (false, true) => match crate::atomic::copy(&copy, &primary) {
            Ok(()) if ok(&primary) => format!("{rel}: repaired from the replica"),
            Ok(()) => format!("{rel}: repair from the replica did not verify"),
            Err(e) => format!("{rel}: repair failed: {e}"),
        },
        (true, false) => match crate::atomic::copy(&primary, &copy) {
            Ok(()) if ok(&copy) => format!("{rel}: replica repaired from the original"),
            Ok(()) => format!("{rel}: replica repair did not verify"),
            Err(e) => format!("{rel}: replica repair failed: {e}"),
        },
        (false, false) => format!("{rel}: loss — no copy matches the manifest; nothing was changed"),
    }
}
