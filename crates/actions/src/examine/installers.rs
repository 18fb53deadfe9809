//! Installers checked for real (D1124-40), part of the built modules' integrity:
//!
//! - **PE/COFF** (Windows executables): the MZ header's pointer, the PE signature, the COFF
//!   header, the optional header, the section table and every section's raw data must lie
//!   within the file, as must the certificate table (an Authenticode signature);
//! - **compound files** (MSI, MSP, old Office): the header, the DIFAT and FAT sector chains and
//!   the directory are read with the `cfb` crate against the file's size, then every stream is
//!   read to its end through its chain;
//! - **RPM**: the lead, the signature header and the main header (index entries and data
//!   stores, with the 8-byte padding between them), the sizes the signature records, and the
//!   payload decompressed to its end (gzip, xz or zstd: its checksums checked, its expansion
//!   bounded);
//! - **ISO 9660** is read in `artifacts.rs` (the volume size against the file size).
//!
//! Anything truncated or inconsistent is an error with the reason: the module is damaged.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use super::note;
use crate::records::conclusion::Artifact;

fn damaged(msg: String) -> io::Error {
    io::Error::other(msg)
}

fn u16le(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32le(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u32be(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// `len` bytes at `offset`, or why they are not in the file.
fn bytes_at(file: &fs::File, size: u64, offset: u64, len: usize, what: &str) -> io::Result<Vec<u8>> {
    if offset.saturating_add(len as u64) > size {
        return Err(damaged(format!(
            "truncated: the {what} (bytes {offset}..{}) lies beyond the end of the file ({size} bytes)",
            offset.saturating_add(len as u64)
        )));
    }
    let mut buf = vec![0u8; len];
    crate::platform::read_exact_at(file, &mut buf, offset)?;
    Ok(buf)
}

/// A Windows PE/COFF executable: every header and section within the file.
pub(super) fn pe(disk: &Path, a: &mut Artifact) -> io::Result<()> {
    let file = fs::File::open(disk)?;
    let size = a.size;
    let dos = bytes_at(&file, size, 0, 64, "MS-DOS header")?;
    let pe_at = u32le(&dos, 0x3c) as u64;
    let coff = bytes_at(&file, size, pe_at, 24, "PE header")
        .map_err(|e| damaged(format!("an MZ header without a PE signature: {e}")))?;
    if &coff[..4] != b"PE\0\0" {
        return Err(damaged("an MZ header without a PE signature: truncated or not an executable".into()));
    }
    let machine = u16le(&coff, 4);
    let sections = u16le(&coff, 6) as usize;
    let optional_len = u16le(&coff, 20) as usize;
    let optional = bytes_at(&file, size, pe_at + 24, optional_len, "optional header")?;
    let (kind, directories_at) = match (optional.len() >= 2).then(|| u16le(&optional, 0)) {
        Some(0x10b) => ("PE32", 96),
        Some(0x20b) => ("PE32+", 112),
        _ => return Err(damaged("a PE signature without a PE32 or PE32+ optional header".into())),
    };
    if optional.len() < directories_at {
        return Err(damaged(format!("a {kind} optional header of {} bytes is too short", optional.len())));
    }
    let headers = u32le(&optional, 60) as u64;
    if headers > size {
        return Err(damaged(format!(
            "truncated: the headers declare {headers} bytes (SizeOfHeaders), the file has {size}"
        )));
    }
    // The certificate table (data directory 4) is the one addressed by file offset.
    let count = u32le(&optional, directories_at - 4) as usize;
    let cert = directories_at + 4 * 8;
    if count > 4 && optional.len() >= cert + 8 {
        let (offset, len) = (u32le(&optional, cert) as u64, u32le(&optional, cert + 4) as u64);
        if len > 0 && offset + len > size {
            return Err(damaged(format!(
                "truncated: the certificate table (signature) claims bytes {offset}..{}, the file has {size}",
                offset + len
            )));
        }
    }
    let table_at = pe_at + 24 + optional_len as u64;
    let table = bytes_at(&file, size, table_at, sections * 40, "section table")?;
    for s in table.chunks_exact(40) {
        let name = String::from_utf8_lossy(&s[..8]).trim_end_matches('\0').to_string();
        let (raw_len, raw_at) = (u32le(s, 16) as u64, u32le(s, 20) as u64);
        if raw_len > 0 && raw_at + raw_len > size {
            return Err(damaged(format!(
                "section `{name}` claims bytes {raw_at}..{} of a file of {size} bytes: truncated or damaged",
                raw_at + raw_len
            )));
        }
        note(a, &name, raw_len);
    }
    if sections == 0 {
        return Err(damaged(format!("a {kind} executable without a section")));
    }
    a.format = "pe".into();
    a.listing.insert(0, format!("{kind}, machine 0x{machine:04x}, {sections} sections"));
    Ok(())
}

/// An OLE compound file (MSI and its kin): sector chains against the file size, every stream
/// read to its end.
pub(super) fn compound(disk: &Path, a: &mut Artifact) -> io::Result<()> {
    let opened = std::panic::catch_unwind(|| -> io::Result<Vec<(String, u64)>> {
        let mut cfb = cfb::CompoundFile::open(fs::File::open(disk)?)
            .map_err(|e| damaged(format!("not a readable compound file: {e}")))?;
        let streams: Vec<(std::path::PathBuf, u64)> =
            cfb.walk().filter(|e| e.is_stream()).map(|e| (e.path().to_path_buf(), e.len())).collect();
        let mut read = Vec::new();
        for (path, len) in streams {
            let shown = path.to_string_lossy().into_owned();
            let mut s = cfb.open_stream(&path).map_err(|e| damaged(format!("stream `{shown}`: {e}")))?;
            let n = io::copy(&mut (&mut s).take(len), &mut io::sink())
                .map_err(|e| damaged(format!("stream `{shown}`: {e}")))?;
            if n != len {
                return Err(damaged(format!("stream `{shown}` is truncated: {n} of {len} bytes")));
            }
            read.push((shown, n));
        }
        Ok(read)
    });
    let streams = opened.map_err(|_| damaged("a compound file the reader could not make sense of".into()))??;
    if streams.is_empty() {
        return Err(damaged("a compound file without a stream".into()));
    }
    for (name, n) in streams {
        note(a, &name, n);
    }
    Ok(())
}

/// One RPM header structure at `offset`: (its length in bytes, the index, the data store).
fn rpm_header(file: &fs::File, size: u64, offset: u64, what: &str) -> io::Result<(u64, Vec<u8>, Vec<u8>)> {
    let intro = bytes_at(file, size, offset, 16, what)?;
    if intro[..3] != [0x8e, 0xad, 0xe8] {
        return Err(damaged(format!("the {what} at byte {offset} has no header magic")));
    }
    let (entries, store) = (u32be(&intro, 8) as u64, u32be(&intro, 12) as u64);
    // rpm itself refuses headers with more than 65,535 entries or a 256 MiB data store.
    if entries > 0xffff || store > 256 << 20 {
        return Err(damaged(format!("the {what} declares {entries} entries and {store} bytes: not a header")));
    }
    let index = bytes_at(file, size, offset + 16, (entries * 16) as usize, what)?;
    let data = bytes_at(file, size, offset + 16 + entries * 16, store as usize, what)?;
    Ok((16 + entries * 16 + store, index, data))
}

/// The value of a 32- or 64-bit integer tag of a header.
fn rpm_int(index: &[u8], data: &[u8], tag: u32) -> Option<u64> {
    index.chunks_exact(16).find(|e| u32be(e, 0) == tag).and_then(|e| {
        let (kind, at) = (u32be(e, 4), u32be(e, 8) as usize);
        match kind {
            4 => data.get(at..at + 4).map(|b| u32be(b, 0) as u64),
            5 => data.get(at..at + 8).map(|b| u64::from_be_bytes(b.try_into().unwrap_or_default())),
            _ => None,
        }
    })
}

/// An RPM package: lead, signature and main header, payload to its end.
pub(super) fn rpm(disk: &Path, a: &mut Artifact) -> io::Result<()> {
    let file = fs::File::open(disk)?;
    let size = a.size;
    let lead = bytes_at(&file, size, 0, 96, "lead")?;
    let name = String::from_utf8_lossy(&lead[10..76]).trim_end_matches('\0').to_string();
    let (sig_len, sig_index, sig_data) = rpm_header(&file, size, 96, "signature header")?;
    // The signature is padded to a multiple of 8 bytes.
    let header_at = 96 + sig_len.div_ceil(8) * 8;
    let (header_len, _, _) = rpm_header(&file, size, header_at, "main header")?;
    let payload_at = header_at + header_len;
    // RPMSIGTAG_SIZE (1000) or RPMSIGTAG_LONGSIZE (270): the main header and the payload.
    if let Some(want) = rpm_int(&sig_index, &sig_data, 270).or_else(|| rpm_int(&sig_index, &sig_data, 1000)) {
        let have = size - header_at;
        if want != have {
            return Err(damaged(format!(
                "the signature records {want} bytes of header and payload, the file holds {have}: truncated or damaged"
            )));
        }
    }
    let mut payload = io::BufReader::new(file);
    payload.seek(SeekFrom::Start(payload_at))?;
    let mut magic = [0u8; 6];
    let got = crate::hash::read_full(&mut payload, &mut magic)?;
    payload.seek(SeekFrom::Start(payload_at))?;
    let format = match &magic[..got] {
        [0x1f, 0x8b, ..] => "gzip",
        [0xfd, b'7', b'z', b'X', b'Z', 0] => "xz",
        [0x28, 0xb5, 0x2f, 0xfd, ..] => "zstd",
        [] => return Err(damaged("truncated: the package ends before its payload".into())),
        // bzip2 or lzma-alone (older packages): the headers and the recorded size are checked,
        // the payload is not decompressed.
        other => {
            note(a, &name, 0);
            a.format = "rpm".into();
            let magic = crate::hash::hex(other);
            a.problem = Some(super::problem("rpm_payload", &[("magic", magic)]));
            return Ok(());
        }
    };
    let mut inner = Artifact { path: a.path.clone(), size: size - payload_at, ..a.clone() };
    inner.listing.clear();
    super::compressed(payload, format, &mut inner).map_err(|e| damaged(format!("the {format} payload: {e}")))?;
    note(a, &name, inner.unpacked);
    a.format = "rpm".into();
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PE32+ executable of one section `.text` of `raw` bytes at 0x200, the file `len` bytes.
    pub(crate) fn pe_bytes(raw: u32, len: usize) -> Vec<u8> {
        let mut b = vec![0u8; 0x80];
        b[..2].copy_from_slice(b"MZ");
        b[0x3c..0x40].copy_from_slice(&0x80u32.to_le_bytes());
        b.extend(b"PE\0\0");
        let mut coff = [0u8; 20];
        coff[..2].copy_from_slice(&0x8664u16.to_le_bytes());
        coff[2..4].copy_from_slice(&1u16.to_le_bytes());
        coff[16..18].copy_from_slice(&240u16.to_le_bytes());
        coff[18..20].copy_from_slice(&0x22u16.to_le_bytes());
        b.extend(coff);
        let mut opt = vec![0u8; 240];
        opt[..2].copy_from_slice(&0x20bu16.to_le_bytes());
        opt[16..20].copy_from_slice(&0x1000u32.to_le_bytes()); // entry point
        opt[32..36].copy_from_slice(&0x1000u32.to_le_bytes()); // section alignment
        opt[36..40].copy_from_slice(&0x200u32.to_le_bytes()); // file alignment
        opt[56..60].copy_from_slice(&0x2000u32.to_le_bytes()); // size of image
        opt[60..64].copy_from_slice(&0x200u32.to_le_bytes()); // size of headers
        opt[68..70].copy_from_slice(&3u16.to_le_bytes()); // console subsystem
        opt[108..112].copy_from_slice(&16u32.to_le_bytes());
        b.extend(opt);
        let mut sec = [0u8; 40];
        sec[..5].copy_from_slice(b".text");
        sec[8..12].copy_from_slice(&raw.to_le_bytes());
        sec[12..16].copy_from_slice(&0x1000u32.to_le_bytes());
        sec[16..20].copy_from_slice(&raw.to_le_bytes());
        sec[20..24].copy_from_slice(&0x200u32.to_le_bytes());
        sec[36..40].copy_from_slice(&0x6000_0020u32.to_le_bytes());
        b.extend(sec);
        b.resize(0x200, 0);
        b.push(0xc3); // ret
        b.resize(len, 0);
        b
    }

    /// A compound file with an MSI's class, {000C1084-0000-0000-C000-000000000046}, and two
    /// streams.
    pub(crate) fn msi_bytes() -> Vec<u8> {
        let mut cfb = cfb::CompoundFile::create(io::Cursor::new(Vec::new())).unwrap();
        let mut s = cfb.create_stream("/\u{4840}\u{3f3f}\u{4577}").unwrap();
        io::Write::write_all(&mut s, &vec![7u8; 9000]).unwrap();
        drop(s);
        let mut s = cfb.create_stream("/\u{5}SummaryInformation").unwrap();
        io::Write::write_all(&mut s, b"summary").unwrap();
        drop(s);
        cfb.flush().unwrap();
        let mut bytes = cfb.into_inner().into_inner();
        // The root entry's class, as a GUID in its mixed-endian form, 0x50 into its entry.
        let root: Vec<u8> = "Root Entry".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let at = bytes.windows(root.len()).position(|w| w == root).unwrap() + 0x50;
        bytes[at..at + 16].copy_from_slice(&[0x84, 0x10, 0x0c, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46]);
        bytes
    }

    fn inspect(name: &str, bytes: &[u8]) -> Artifact {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        super::super::inspect(&p, &format!("install/{name}")).expect("recognized")
    }

    #[test]
    fn a_pe_whose_section_lies_beyond_the_file_is_damaged() {
        let good = inspect("setup.exe", &pe_bytes(0x200, 0x400));
        assert!(good.ok, "{good:?}");
        assert_eq!(good.listing, ["PE32+, machine 0x8664, 1 sections", ".text"]);
        // 512 bytes whose one section claims 1 MiB.
        let bad = inspect("broken.exe", &pe_bytes(1 << 20, 512));
        assert!(!bad.ok && bad.problem.as_deref().unwrap_or("").contains("section `.text`"), "{bad:?}");
        let cut = inspect("cut.exe", &pe_bytes(0x200, 0x400)[..0x150]);
        assert!(!cut.ok && cut.problem.as_deref().unwrap_or("").contains("truncated"), "{cut:?}");
        let mut no_sig = pe_bytes(0x200, 0x400);
        no_sig[0x80] = b'X';
        assert!(!inspect("nosig.exe", &no_sig).ok);
    }

    #[test]
    fn a_compound_file_is_read_by_its_sector_chains() {
        let msi = msi_bytes();
        let good = inspect("setup.msi", &msi);
        assert!(good.ok, "{good:?}");
        assert_eq!(good.entries, 2);
        // Only the header: 512 bytes.
        let header = inspect("header.msi", &msi[..512]);
        assert!(!header.ok, "{header:?}");
        // Cut in the middle of a stream.
        let cut = inspect("cut.msi", &msi[..msi.len() - 4096]);
        assert!(!cut.ok, "{cut:?}");
    }

    /// An RPM: lead, signature header with RPMSIGTAG_SIZE, a main header, a gzip cpio payload.
    pub(crate) fn rpm_bytes() -> Vec<u8> {
        let header = |entries: &[(u32, u32, Vec<u8>)]| {
            let mut index = Vec::new();
            let mut data: Vec<u8> = Vec::new();
            for (tag, kind, value) in entries {
                index.extend(tag.to_be_bytes());
                index.extend(kind.to_be_bytes());
                index.extend((data.len() as u32).to_be_bytes());
                index.extend(1u32.to_be_bytes());
                data.extend(value);
            }
            let mut h = vec![0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0];
            h.extend((entries.len() as u32).to_be_bytes());
            h.extend((data.len() as u32).to_be_bytes());
            h.extend(index);
            h.extend(data);
            h
        };
        let mut cpio = b"070701".to_vec();
        cpio.extend(
            b"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        );
        cpio.extend(b"TRAILER!!!\0\0\0\0");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        io::Write::write_all(&mut gz, &cpio).unwrap();
        let payload = gz.finish().unwrap();
        let main = header(&[(1000, 6, b"e-kezek\0".to_vec())]);
        let sig_size = (main.len() + payload.len()) as u32;
        let sig = header(&[(1000, 4, sig_size.to_be_bytes().to_vec())]);
        let mut rpm = vec![0xed, 0xab, 0xee, 0xdb, 3, 0, 0, 0, 0, 1];
        rpm.extend(b"e-kezek-1.0-1");
        rpm.resize(96, 0);
        rpm.extend(&sig);
        rpm.resize(96 + sig.len().div_ceil(8) * 8, 0);
        rpm.extend(main);
        rpm.extend(payload);
        rpm
    }

    #[test]
    fn an_rpm_is_read_through_its_headers_and_payload() {
        let rpm = rpm_bytes();
        let good = inspect("e-kezek-1.0-1.x86_64.rpm", &rpm);
        assert!(good.ok, "{good:?}");
        assert_eq!(good.listing, ["e-kezek-1.0-1"]);
        let cut = inspect("cut.rpm", &rpm[..rpm.len() - 10]);
        assert!(!cut.ok && cut.problem.as_deref().unwrap_or("").contains("truncated"), "{cut:?}");
        let lead_only = inspect("lead.rpm", &rpm[..200]);
        assert!(!lead_only.ok, "{lead_only:?}");
        let mut no_magic = rpm.clone();
        no_magic[96] = 0;
        assert!(!inspect("bad.rpm", &no_magic).ok);
        // A bzip2 payload is not read, and not called damaged: the lead, a signature header
        // of one entry (36 bytes, padded to 40) and a main header of one (40 bytes) come first.
        let payload_at = 96 + 40 + 40;
        assert_eq!(&rpm[payload_at..payload_at + 2], [0x1f, 0x8b]);
        let mut bz = rpm[..payload_at].to_vec();
        bz.extend(b"BZh91AY&SY");
        bz.resize(rpm.len(), 0);
        let a = inspect("old.rpm", &bz);
        assert!(a.ok && a.problem.as_deref().unwrap_or("").contains("does not read"), "{a:?}");
    }
}
