//! SWHID of a deposit's source code (`swh:1:dir:…`), the intrinsic identifier Software Heritage
//! gives a directory: the git tree hash of its files, so the deposited code can be
//! cross-referenced with the universal archive. Symbolic links are never followed (they are
//! hashed as links, as git does); empty folders are left out, as `git write-tree` does.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use sha1::{Digest, Sha1};

fn object_id(kind: &str, body: &[u8]) -> [u8; 20] {
    let mut h = Sha1::new();
    h.update(format!("{kind} {}\0", body.len()).as_bytes());
    h.update(body);
    h.finalize().into()
}

/// The git tree id of a folder, or None when it holds no file at all.
pub fn tree_id(dir: &Path) -> std::io::Result<Option<[u8; 20]>> {
    let mut entries: Vec<(Vec<u8>, bool, String, [u8; 20])> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name_bytes = name.as_encoded_bytes().to_vec();
        let ft = entry.file_type()?;
        if ft.is_dir() {
            if let Some(id) = tree_id(&entry.path())? {
                entries.push((name_bytes, true, "40000".into(), id));
            }
        } else if ft.is_symlink() {
            let target = fs::read_link(entry.path())?;
            entries.push((
                name_bytes,
                false,
                "120000".into(),
                object_id("blob", target.as_os_str().as_encoded_bytes()),
            ));
        } else if ft.is_file() {
            let mode = if entry.metadata()?.permissions().mode() & 0o111 != 0 { "100755" } else { "100644" };
            let content = fs::read(entry.path())?;
            entries.push((name_bytes, false, mode.into(), object_id("blob", &content)));
        }
    }
    if entries.is_empty() {
        return Ok(None);
    }
    // git orders a folder as if its name ended with '/'.
    entries.sort_by(|a, b| {
        let key = |e: &(Vec<u8>, bool, String, [u8; 20])| {
            let mut k = e.0.clone();
            if e.1 {
                k.push(b'/');
            }
            k
        };
        key(a).cmp(&key(b))
    });
    let mut body = Vec::new();
    for (name, _, mode, id) in &entries {
        body.extend_from_slice(mode.as_bytes());
        body.push(b' ');
        body.extend_from_slice(name);
        body.push(0);
        body.extend_from_slice(id);
    }
    Ok(Some(object_id("tree", &body)))
}

/// `swh:1:dir:<id>` of a folder (the empty tree's id when it holds no file).
pub fn swhid_of_dir(dir: &Path) -> std::io::Result<String> {
    let id = tree_id(dir)?.unwrap_or_else(|| object_id("tree", b""));
    Ok(format!("swh:1:dir:{}", crate::seal::hex(&id)))
}
