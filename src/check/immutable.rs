//! D1124-7: nobody may change a deposit. A sealed deposit is compared with its manifest: every
//! file missing, added or changed is an error. Files unchanged since they were last hashed (the
//! same size, modification and status change times, and inode) are not read again; the others
//! are hashed.

use super::Context;
use crate::finding::Finding;
use crate::model::{Deposit, FileKind};
use crate::seal::{HashCache, hash_file, hex, sealed_files};

pub fn check(deposit: &Deposit, cache: &HashCache, ctx: &Context) -> Vec<Finding> {
    let Some(seal) = &deposit.seal else { return Vec::new() };
    let mut out = Vec::new();
    let sealed: foldhash::HashMap<&str, &str> = seal.manifest.iter().map(|(h, p)| (p.as_str(), h.as_str())).collect();
    let present = sealed_files(deposit);
    let number = &seal.record.number;
    for path in &present {
        if !sealed.contains_key(path) {
            out.push(Finding::error(
                "D1124-7",
                format!("{}/{path}", deposit.dir),
                format!("a file added after sealing ({number}): a sealed deposit never changes; remove it, or deposit a new version"),
            ));
        }
    }
    let files: foldhash::HashMap<&str, &crate::model::FileEntry> =
        deposit.files.iter().filter(|f| f.kind == FileKind::Regular).map(|f| (f.path.as_str(), f)).collect();
    // One buffer for every file's path from the site root (125,000 at 10,000 deposits).
    let mut key = String::with_capacity(deposit.dir.len() + 64);
    for (want, path) in &seal.manifest {
        let (path, want) = (path.as_str(), want.as_str());
        let Some(file) = files.get(path) else {
            out.push(Finding::error(
                "D1124-7",
                format!("{}/{path}", deposit.dir),
                format!("a sealed file is missing ({number}): restore it from the replica (`qoima fixity --repair`)"),
            ));
            continue;
        };
        key.clear();
        key.push_str(&deposit.dir);
        key.push('/');
        key.push_str(path);
        let hashed;
        let got = match cache.get(&key, file) {
            Some(h) => h,
            None => match hash_file(&ctx.root.join(&key)) {
                Ok(d) => {
                    hashed = hex(&d);
                    hashed.as_str()
                }
                Err(e) => {
                    out.push(Finding::error("D1124-7", &key, format!("a sealed file cannot be read: {e}")));
                    continue;
                }
            },
        };
        if got != want {
            out.push(Finding::error(
                "D1124-7",
                &key,
                format!("a sealed file was changed ({number}): its SHA-256 differs from the manifest; restore it from the replica"),
            ));
        }
    }
    out
}
