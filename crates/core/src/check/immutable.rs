//! D1124-7: nobody may change a deposit. A sealed deposit is compared with its manifest: every
//! file missing, added or changed is an error. Files unchanged since they were last hashed (the
//! same size, modification and status change times, and inode) are not read again; the others
//! are hashed. A seal taken from the seal cache (its files unchanged since it was written or
//! proven) has its manifest read here only when the files' cached hashes do not make it.

use super::Context;
use crate::finding::{Finding, Severity};
use crate::hash::{hash_file, hex};
use crate::model::{Deposit, FileKind, Manifest};
use crate::records::seal::{HashCache, sealed_files};

/// The findings, and the manifest of a seal taken from the seal cache when the check had to
/// read it (for the catalog to fill in).
pub(super) fn check(deposit: &Deposit, cache: &HashCache, ctx: &Context) -> (Vec<Finding>, Option<Manifest>) {
    let Some(seal) = &deposit.seal else { return (Vec::new(), None) };
    if !seal.pending {
        return (compare(deposit, &seal.manifest, cache, ctx), None);
    }
    if seal.intact {
        return (Vec::new(), None);
    }
    let registered = deposit.sealed.as_ref().and_then(|d| d.manifest.as_deref());
    // Every file unchanged since hashed, and together they make the manifest byte for byte:
    // the seal keeps its manifest made from the cache (see `Catalog::manifest_of`).
    if registered.is_some() && crate::records::seal::cached_manifest_sha256(deposit, cache).as_deref() == registered {
        return (Vec::new(), None);
    }
    let rel = format!("{}/{}", deposit.dir, crate::records::seal::MANIFEST);
    let text = match std::fs::read_to_string(ctx.root.join(&rel)) {
        Ok(text) => text,
        Err(e) => {
            let f = Finding::with_id(
                Severity::Error,
                "D1124-7",
                &rel,
                "seal-manifest-unreadable",
                crate::args! { "error" => crate::messages::io(&e) },
            );
            return (vec![f], Some(Vec::new()));
        }
    };
    if crate::records::sha256_hex(text.as_bytes()) != seal.record.manifest_sha256 {
        let f = Finding::with_id(Severity::Error, "D1124-7", &rel, "seal-manifest-changed", crate::args! {});
        return (vec![f], Some(Vec::new()));
    }
    match crate::records::seal::parse_manifest(&text) {
        Ok(manifest) => (compare(deposit, &manifest, cache, ctx), Some(manifest)),
        Err(e) => (vec![e.finding(&rel)], Some(Vec::new())),
    }
}

/// Compares the deposit's files with its manifest.
fn compare(deposit: &Deposit, manifest: &[(String, String)], cache: &HashCache, ctx: &Context) -> Vec<Finding> {
    let Some(seal) = &deposit.seal else { return Vec::new() };
    let mut out = Vec::new();
    let sealed: foldhash::HashMap<&str, &str> = manifest.iter().map(|(h, p)| (p.as_str(), h.as_str())).collect();
    let present = sealed_files(deposit);
    let number = &seal.record.number;
    for path in &present {
        if !sealed.contains_key(path) {
            out.push(Finding::with_id(
                Severity::Error,
                "D1124-7",
                format!("{}/{path}", deposit.dir),
                "seal-file-added",
                crate::args! { "number" => number.as_str() },
            ));
        }
    }
    let files: foldhash::HashMap<&str, &crate::model::FileEntry> =
        deposit.files.iter().filter(|f| f.kind == FileKind::Regular).map(|f| (f.path.as_str(), f)).collect();
    // One buffer for every file's path from the site root (125,000 at 10,000 deposits).
    let mut key = String::with_capacity(deposit.dir.len() + 64);
    for (want, path) in manifest {
        let (path, want) = (path.as_str(), want.as_str());
        let Some(file) = files.get(path) else {
            out.push(Finding::with_id(
                Severity::Error,
                "D1124-7",
                format!("{}/{path}", deposit.dir),
                "seal-file-missing",
                crate::args! { "number" => number.as_str() },
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
                    let args = crate::args! { "error" => crate::messages::io(&e) };
                    out.push(Finding::with_id(Severity::Error, "D1124-7", &key, "seal-file-unreadable", args));
                    continue;
                }
            },
        };
        if got != want {
            out.push(Finding::with_id(
                Severity::Error,
                "D1124-7",
                &key,
                "seal-file-changed",
                crate::args! { "number" => number.as_str() },
            ));
        }
    }
    out
}
