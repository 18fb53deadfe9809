//! SHA-256 of files and digests written in hex: the small pieces every stage that hashes uses
//! (the records, the checks, the actions, the packages).

use std::fs;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

/// SHA-256 of a file, read in 1 MiB pieces (memory stays bounded whatever the size).
pub fn hash_file(path: &Path) -> std::io::Result<[u8; 32]> {
    let mut f = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    // Never more than 1 MiB, and no more than the file needs (small files are the common case).
    let len = f.metadata().map(|m| m.len()).unwrap_or(1 << 20);
    let mut buf = vec![0u8; len.clamp(4096, 1 << 20) as usize + 1];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().into())
}

/// Fills `buf` from a reader as far as it goes; fewer bytes only at the end of the stream.
pub fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Bytes in lower-case hexadecimal, two digits a byte (the BagIt crate's, shared by every stage).
pub use bagit::hex;

/// The `prev` of a chain's first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashes of every entry of a chain, to tell whether a head seen earlier is still in it.
#[derive(Debug, Default, Clone)]
pub struct Links {
    hashes: foldhash::HashSet<String>,
}

impl Links {
    /// Adds an entry's hash.
    pub fn add(&mut self, hash: String) {
        self.hashes.insert(hash);
    }

    /// Whether `head` is the hash of one of the entries (or the empty chain's).
    pub fn contains(&self, head: &str) -> bool {
        head == GENESIS || self.hashes.contains(head)
    }
}

/// The hasher of fingerprints and of page contents: foldhash with a fixed seed (equal data,
/// equal number, within a session), an order of magnitude faster than SipHash on the megabytes
/// of a register page; nothing an attacker could exploit hangs on it (a collision would leave one
/// page as it was until the next edit).
pub type FastHasher = foldhash::fast::FoldHasher<'static>;

/// A new [`FastHasher`], always with the same seed.
pub fn hasher() -> FastHasher {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x0071_6f69_6d61).build_hasher()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lowercase_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(hex(&[]), "");
    }
}
