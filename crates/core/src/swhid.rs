//! SWHID of a deposit's source code (`swh:1:dir:…`), the intrinsic identifier Software Heritage
//! gives a directory, computed exactly as its reference implementation (`swh.model`) does: the
//! git tree hash of the folder, with
//!
//! - every folder, empty ones included (an empty folder is the empty tree `4b825dc6…`);
//! - files as blobs, `100755` when any execute bit is set, else `100644`;
//! - symbolic links as `120000` blobs of their target (never followed);
//! - anything else (a FIFO, a socket, a device) as an empty blob, as `swh.model` does;
//! - names as their raw bytes, ordered as git orders them (a folder as if its name ended
//!   in `/`).
//!
//! Files are streamed through the hash, never held in memory whole.
//!
//! Before this, qoima left empty folders out (as `git write-tree` does), so a seal made then
//! of a `source/` with an empty folder records a different SWHID. Seals are never rewritten:
//! [`legacy_note`] says so when a deposit is loaded (an info finding of `check`).

use std::fs;
use std::io::Read;
use std::path::Path;

use sha1::{Digest, Sha1};

/// The git tree id of the empty folder.
const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

fn object_id(kind: &str, body: &[u8]) -> [u8; 20] {
    let mut h = Sha1::new();
    h.update(format!("{kind} {}\0", body.len()).as_bytes());
    h.update(body);
    h.finalize().into()
}

/// The blob id of a file, streamed: its length first (from the metadata), then its bytes.
fn blob_of_file(path: &Path, len: u64) -> std::io::Result<[u8; 20]> {
    let mut f = fs::File::open(path)?;
    let mut h = Sha1::new();
    h.update(format!("blob {len}\0").as_bytes());
    let mut buf = vec![0u8; 64 * 1024];
    let mut read = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        read += n as u64;
        h.update(&buf[..n]);
    }
    if read != len {
        return Err(std::io::Error::other(format!(
            "{}: changed while it was hashed ({len} bytes listed, {read} read)",
            path.display()
        )));
    }
    Ok(h.finalize().into())
}

/// The two ids of one folder: as Software Heritage computes it, and as qoima did before
/// (empty folders left out; None when the folder holds no file at all).
struct Ids {
    swh: [u8; 20],
    legacy: Option<[u8; 20]>,
}

/// One entry of a tree: name, whether a folder, mode, id.
type Entry = (Vec<u8>, bool, &'static str, [u8; 20]);

fn tree_body(mut entries: Vec<Entry>) -> [u8; 20] {
    // git orders a folder as if its name ended with '/'.
    let key = |e: &Entry| {
        let mut k = e.0.clone();
        if e.1 {
            k.push(b'/');
        }
        k
    };
    entries.sort_by_cached_key(key);
    let mut body = Vec::new();
    for (name, _, mode, id) in &entries {
        body.extend_from_slice(mode.as_bytes());
        body.push(b' ');
        body.extend_from_slice(name);
        body.push(0);
        body.extend_from_slice(id);
    }
    object_id("tree", &body)
}

fn ids(dir: &Path) -> std::io::Result<Ids> {
    let mut swh: Vec<Entry> = Vec::new();
    let mut legacy: Vec<Entry> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().as_encoded_bytes().to_vec();
        let meta = fs::symlink_metadata(entry.path())?;
        let ft = meta.file_type();
        if ft.is_dir() {
            let sub = ids(&entry.path())?;
            if let Some(id) = sub.legacy {
                legacy.push((name.clone(), true, "40000", id));
            }
            swh.push((name, true, "40000", sub.swh));
            continue;
        }
        let (mode, id) = if ft.is_symlink() {
            let target = fs::read_link(entry.path())?;
            ("120000", object_id("blob", target.as_os_str().as_encoded_bytes()))
        } else {
            let mode = if crate::platform::is_executable(&meta) { "100755" } else { "100644" };
            let id = if ft.is_file() { blob_of_file(&entry.path(), meta.len())? } else { object_id("blob", b"") };
            (mode, id)
        };
        legacy.push((name.clone(), false, mode, id));
        swh.push((name, false, mode, id));
    }
    let legacy = if legacy.is_empty() { None } else { Some(tree_body(legacy)) };
    Ok(Ids { swh: tree_body(swh), legacy })
}

fn swhid(id: &[u8; 20]) -> String {
    format!("swh:1:dir:{}", crate::hash::hex(id))
}

/// `swh:1:dir:<id>` of a folder, as Software Heritage computes it.
pub fn swhid_of_dir(dir: &Path) -> std::io::Result<String> {
    Ok(swhid(&ids(dir)?.swh))
}

/// The SWHID qoima recorded before it counted empty folders: the same tree with every folder
/// that holds no file left out (the empty tree's id when nothing is left).
pub fn legacy_swhid_of_dir(dir: &Path) -> std::io::Result<String> {
    Ok(match ids(dir)?.legacy {
        Some(id) => swhid(&id),
        None => format!("swh:1:dir:{EMPTY_TREE}"),
    })
}

/// What to say about a seal's recorded `source_swhid` when `source/` holds empty folders: the
/// SWHID recomputed both ways, compared with the recorded one. None when the recorded value is
/// Software Heritage's.
pub fn legacy_note(source: &Path, recorded: &str) -> Option<(crate::finding::Severity, crate::messages::Msg)> {
    use crate::args;
    use crate::finding::Severity;
    use crate::messages::Msg;
    let ids = match ids(source) {
        Ok(ids) => ids,
        Err(e) => {
            return Some((
                Severity::Warning,
                Msg::new("swhid-not-recomputed", args! { "error" => crate::messages::io(&e) }),
            ));
        }
    };
    let now = swhid(&ids.swh);
    if recorded == now {
        return None;
    }
    let legacy = ids.legacy.map(|id| swhid(&id)).unwrap_or_else(|| format!("swh:1:dir:{EMPTY_TREE}"));
    Some(if recorded == legacy {
        (Severity::Info, Msg::new("swhid-legacy", args! { "recorded" => recorded, "now" => now }))
    } else {
        let args = args! { "recorded" => recorded, "now" => now, "legacy" => legacy };
        (Severity::Warning, Msg::new("swhid-differs", args))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn empty_folders_count_and_the_legacy_id_leaves_them_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a.txt"), "hello\n").unwrap();
        let before = swhid_of_dir(root).unwrap();
        assert_eq!(before, legacy_swhid_of_dir(root).unwrap());
        fs::create_dir_all(root.join("empty/inner")).unwrap();
        let after = swhid_of_dir(root).unwrap();
        assert_ne!(after, before);
        assert_eq!(legacy_swhid_of_dir(root).unwrap(), before);
        let (severity, text) = legacy_note(root, &before).expect("a note");
        assert_eq!(severity, crate::finding::Severity::Info);
        let text = text.en();
        assert!(text.contains(&after), "{text}");
        assert_eq!(legacy_note(root, &after), None);
        assert_eq!(legacy_note(root, "swh:1:dir:0").map(|n| n.0), Some(crate::finding::Severity::Warning));
    }

    #[test]
    fn known_git_ids() {
        // `git hash-object` of "hello\n" is ce0136…; the tree of one such file named a.txt
        // (git mktree) is 2e81171….
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "hello\n").unwrap();
        assert_eq!(swhid_of_dir(dir.path()).unwrap(), "swh:1:dir:2e81171448eb9f2ee3821e3d447aa6b2fe3ddba1");
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(swhid_of_dir(empty.path()).unwrap(), format!("swh:1:dir:{EMPTY_TREE}"));
        symlink("a.txt", dir.path().join("link")).unwrap();
        assert_ne!(swhid_of_dir(dir.path()).unwrap(), "swh:1:dir:2e81171448eb9f2ee3821e3d447aa6b2fe3ddba1");
    }
}
