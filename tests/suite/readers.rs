//! Hostile archives made at run time for `verify` and `examine`: a small zip whose manifest
//! inflates to 1 GiB (read under an address-space limit), a zip whose thousands of entries all
//! point at one deflate stream, and a .tar.gz of GNU sparse members with terabytes of holes.
//! Each ends in a finding, with bounded memory and without unpacking what was never stored.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::Site;

/// Bits written least significant first, as deflate packs them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u64, bits: u32) {
        self.acc |= value << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code: most significant bit first.
    fn code(&mut self, code: u64, bits: u32) {
        let reversed = (0..bits).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
        self.put(reversed, bits);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// One fixed-Huffman deflate block: `line` (64 bytes) as literals, then matches of 258 bytes
/// at distance 64 until `total` bytes: the line repeated, 17 bits per 258 bytes.
fn repeated_line(line: &[u8], total: u64) -> Vec<u8> {
    assert_eq!(line.len(), 64);
    let mut b = Bits::default();
    b.put(1, 1); // the last block
    b.put(1, 2); // fixed Huffman codes
    for &c in line {
        match c {
            0..=143 => b.code(0x30 + c as u64, 8),
            _ => b.code(0x190 + (c as u64 - 144), 9),
        }
    }
    let matches = (total - 64) / 258;
    for _ in 0..matches {
        b.code(0xc5, 8); // length symbol 285: 258 bytes
        b.code(11, 5); // distance code 11: 49–64
        b.put(64 - 49, 4);
    }
    b.code(0, 7); // end of block
    b.finish()
}

/// A zip written by hand: each entry's local header and data where given, and a central
/// directory that may point several entries at one place.
struct RawEntry<'a> {
    name: &'a str,
    method: u16,
    crc: u32,
    data: &'a [u8],
    size: u64,
}

fn le16(v: &mut Vec<u8>, x: u16) {
    v.extend(x.to_le_bytes());
}
fn le32(v: &mut Vec<u8>, x: u32) {
    v.extend(x.to_le_bytes());
}

/// The fields local and central headers share: method, time, CRC, sizes, name and extra
/// lengths.
fn fields(out: &mut Vec<u8>, e: &RawEntry, name: &str) {
    le16(out, e.method);
    le32(out, 0);
    le32(out, e.crc);
    le32(out, e.data.len() as u32);
    le32(out, e.size as u32);
    le16(out, name.len() as u16);
    le16(out, 0);
}

/// `stored`: the entries whose local header and data are written; `central`: for each entry of
/// the central directory, which stored entry (its offset) it names and under what name.
fn raw_zip(stored: &[RawEntry], central: &[(usize, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for e in stored {
        offsets.push(out.len() as u32);
        le32(&mut out, 0x04034b50);
        le16(&mut out, 20);
        le16(&mut out, 0);
        fields(&mut out, e, e.name);
        out.extend(e.name.as_bytes());
        out.extend(e.data);
    }
    let cd_start = out.len() as u32;
    for (i, name) in central {
        let e = &stored[*i];
        le32(&mut out, 0x02014b50);
        le16(&mut out, 20);
        le16(&mut out, 20);
        le16(&mut out, 0);
        fields(&mut out, e, name);
        le16(&mut out, 0);
        le16(&mut out, 0);
        le16(&mut out, 0);
        le32(&mut out, 0);
        le32(&mut out, offsets[*i]);
        out.extend(name.as_bytes());
    }
    let cd_len = out.len() as u32 - cd_start;
    le32(&mut out, 0x06054b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, central.len() as u16);
    le16(&mut out, central.len() as u16);
    le32(&mut out, cd_len);
    le32(&mut out, cd_start);
    le16(&mut out, 0);
    out
}

fn stored<'a>(name: &'a str, data: &'a [u8]) -> RawEntry<'a> {
    let mut crc = flate2::Crc::new();
    crc.update(data);
    RawEntry { name, method: 0, crc: crc.sum(), data, size: data.len() as u64 }
}

/// `qoima` with `args`, under an address-space limit and a CPU-time limit.
fn qoima(args: &[&str], path: &Path, address_space: u64) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qoima"));
    cmd.args(args).arg(path).env("NO_COLOR", "1").stdin(Stdio::null());
    common::limit(&mut cmd, libc::RLIMIT_AS, address_space);
    // A bound that turns unbounded work (terabytes of holes made as zeros) into a failure.
    common::limit(&mut cmd, libc::RLIMIT_CPU, 300);
    cmd.output().unwrap()
}

/// `qoima examine e-permits/1.0` on `site`, under a 2 GiB address-space limit.
fn examine(site: &Site) -> Output {
    let root = site.dir.path().to_str().unwrap();
    qoima(
        &["--root", root, "--today", common::TODAY, "--format", "json", "examine"],
        Path::new("e-permits/1.0"),
        2 << 30,
    )
}

/// A finding, not a crash: exit 1 (invalid) with a report on stdout.
fn report(out: &Output) -> serde_json::Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"))
}

#[test]
fn a_manifest_that_inflates_to_a_gibibyte_is_refused_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("{}  data/{}\n", "0".repeat(32), "a".repeat(24));
    let bomb = repeated_line(line.as_bytes(), 1 << 30);
    assert!(bomb.len() < 10 << 20, "{} bytes", bomb.len());
    let bagit = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
    let payload = b"payload";
    let entries = [
        stored("bag/bagit.txt", bagit),
        stored("bag/data/aaaaaaaaaaaaaaaaaaaaaaaa", payload),
        RawEntry { name: "bag/manifest-md5.txt", method: 8, crc: 0, data: &bomb, size: 1 << 30 },
    ];
    let central: Vec<(usize, String)> = entries.iter().enumerate().map(|(i, e)| (i, e.name.to_string())).collect();
    let zip = dir.path().join("bomb.zip");
    fs::write(&zip, raw_zip(&entries, &central)).unwrap();

    // 1 GiB held in memory would not fit in this address space.
    let out = qoima(&["--format", "json", "verify"], &zip, 1 << 30);
    let r = report(&out);
    assert_eq!(r["valid"], false);
    let problems = r["problems"].to_string();
    assert!(problems.contains("manifest-md5.txt") && problems.contains("decompression bomb"), "{problems:.3000}");
}

/// 2,000 entries of the central directory all pointing at one deflate stream.
fn overlapping_zip(path: &Path) {
    let line = format!("{}  data/{}\n", "0".repeat(32), "b".repeat(24));
    let stream = repeated_line(line.as_bytes(), 64 << 20);
    let entries = [
        stored("bag/bagit.txt", b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"),
        RawEntry { name: "bag/data/f0", method: 8, crc: 0, data: &stream, size: 64 << 20 },
    ];
    let mut central = vec![(0, "bag/bagit.txt".to_string())];
    central.extend((0..2000).map(|i| (1, format!("bag/data/f{i}"))));
    fs::write(path, raw_zip(&entries, &central)).unwrap();
}

#[test]
fn a_zip_of_many_entries_sharing_one_stream_is_invalid_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("overlap.zip");
    overlapping_zip(&zip);
    let r = report(&qoima(&["--format", "json", "verify"], &zip, 2 << 30));
    assert_eq!(r["valid"], false);
    assert_eq!(r["payload_files"], 0, "nothing was read: {r}");
    let problems = r["problems"].to_string();
    assert!(problems.contains("share or overlap their data"), "{problems}");

    // examine of the same zip as a built module: a negative conclusion with the reason.
    let site = Site::minimal();
    fs::copy(&zip, site.path("archive/e-permits/1.0/install/overlap.zip")).unwrap();
    let c = report(&examine(&site));
    assert_eq!(c["positive"], false);
    let reasons = c["reasons"].to_string();
    assert!(reasons.contains("install/overlap.zip") && reasons.contains("share or overlap"), "{reasons}");
}

/// A GNU sparse member of `real` bytes that stores none: one hole.
fn sparse_member(name: &str, real: u64) -> Vec<u8> {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::GNUSparse);
    h.set_path(name).unwrap();
    h.set_size(0);
    h.set_mode(0o644);
    let gnu = h.as_gnu_mut().unwrap();
    gnu.set_real_size(real);
    // The hole ends where the (empty) data chunk starts: offset `real`, 0 bytes. Base-256.
    let mut offset = [0u8; 12];
    offset[0] = 0x80;
    offset[4..].copy_from_slice(&real.to_be_bytes());
    gnu.sparse[0].offset = offset;
    gnu.sparse[0].numbytes = *b"00000000000\0";
    h.set_cksum();
    h.as_bytes().to_vec()
}

#[test]
fn gnu_sparse_members_count_by_their_stored_bytes_and_their_holes_are_bounded() {
    let site = Site::minimal();
    let install = site.path("archive/e-permits/1.0/install");
    // Forty members of a tebibyte each, a few kilobytes compressed.
    let mut tar: Vec<u8> = Vec::new();
    for i in 0..40 {
        tar.extend(sparse_member(&format!("disk{i}.img"), 1 << 40));
    }
    tar.extend([0u8; 1024]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &tar).unwrap();
    let tgz = gz.finish().unwrap();
    assert!(tgz.len() < 8 << 10, "{} bytes", tgz.len());
    fs::write(install.join("disks.tar.gz"), &tgz).unwrap();
    // A small honest sparse member: stored bytes read, positive, with a remark.
    let mut small = sparse_member("small.img", 4096);
    small.extend([0u8; 1024]);
    fs::create_dir_all(site.path("archive/e-permits/1.0/extra")).unwrap();
    fs::write(site.path("archive/e-permits/1.0/extra/small.tar"), &small).unwrap();

    let c = report(&examine(&site));
    assert_eq!(c["positive"], false);
    let reasons = c["reasons"].to_string();
    assert!(reasons.contains("install/disks.tar.gz") && reasons.contains("sparse member"), "{reasons}");
    let artifacts = c["artifacts"].as_array().unwrap_or_else(|| panic!("{c:#}"));
    let small = artifacts.iter().find(|a| a["path"] == "extra/small.tar").unwrap_or_else(|| panic!("{c:#}"));
    assert_eq!(small["ok"], true, "{small}");
    assert_eq!(small["unpacked"], 0, "the hole is not made: {small}");
    assert!(small["problem"].as_str().unwrap().contains("sparse"), "{small}");
}
