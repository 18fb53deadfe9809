//! Integrity of the built modules (D1124-40): every archive-like file of install/, extra/ and
//! license-config/ is recognized by its bytes (not its name) and read end to end — each zip
//! entry against its CRC-32, each tar member to its end through gzip, xz or zstd, the members
//! of a .deb, an RPM's headers and payload, a compound file's (MSI) streams, a PE's sections
//! (installers.rs), an ISO 9660 volume's size. Nothing is ever extracted to disk: entries are read and
//! discarded. Expansion is bounded, so a zip bomb is reported, not unpacked.

use crate::records::conclusion::{Artifact, PROBLEMS};
use std::fs;
use std::io::{self, Read};
use std::path::Path;

#[path = "installers.rs"]
mod installers;

/// Reading stops once an archive expands beyond this many times its own size (plus 64 MiB).
pub const MAX_RATIO: u64 = 200;
/// The memory an xz stream may ask for its dictionary (KiB); `xz -9` needs 65 MiB.
const XZ_MEMORY_KIB: u32 = 256 << 10;
/// Names kept in a listing; the count is always complete.
const LISTING: usize = 500;

/// The English of [`PROBLEMS`]' `key` with `args`.
pub(super) fn problem(key: &str, args: &[(&str, String)]) -> String {
    let template = PROBLEMS.iter().find(|(k, _)| *k == key).map_or(key, |(_, t)| t);
    crate::template::fill(template, &args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
}

/// A counting reader that refuses to expand without bound.
struct Bounded<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            let args = [("limit", self.limit.to_string()), ("ratio", MAX_RATIO.to_string())];
            return Err(io::Error::other(problem("bomb", &args)));
        }
        Ok(n)
    }
}

fn limit_for(size: u64) -> u64 {
    size.saturating_mul(MAX_RATIO).saturating_add(64 << 20)
}

/// Recognizes a format from the first bytes of a file.
fn sniff(head: &[u8]) -> Option<&'static str> {
    let at = |off: usize, magic: &[u8]| head.get(off..off + magic.len()) == Some(magic);
    if at(0, b"PK\x03\x04") || at(0, b"PK\x05\x06") {
        Some("zip")
    } else if at(0, b"\x1f\x8b") {
        Some("gzip")
    } else if at(0, b"\xfd7zXZ\x00") {
        Some("xz")
    } else if at(0, b"\x28\xb5\x2f\xfd") {
        Some("zstd")
    } else if at(0, b"!<arch>\n") {
        Some("deb")
    } else if at(0, b"\xed\xab\xee\xdb") {
        Some("rpm")
    } else if at(257, b"ustar") {
        Some("tar")
    } else if at(0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        Some("msi")
    } else if at(0, b"MZ") {
        Some("pe")
    } else if at(0x8001, b"CD001") {
        Some("iso9660")
    } else {
        None
    }
}

/// Inspects one file; `None` when it is not an archive-like format.
pub fn inspect(disk: &Path, rel: &str) -> Option<Artifact> {
    let size = fs::metadata(disk).ok()?.len();
    let mut head = vec![0u8; 0x8800];
    let n = fs::File::open(disk).and_then(|mut f| crate::hash::read_full(&mut f, &mut head)).ok()?;
    head.truncate(n);
    // Zips with something before them (a `#!` line of a Python zipapp, a self-extracting stub)
    // are found by their central directory at the end.
    let format = sniff(&head).or_else(|| {
        let f = fs::File::open(disk).ok()?;
        zip::ZipArchive::new(f).ok().map(|_| "zip")
    })?;
    let mut a = Artifact {
        path: rel.to_string(),
        format: format.to_string(),
        size,
        ok: true,
        entries: 0,
        unpacked: 0,
        listing: Vec::new(),
        problem: None,
    };
    let result = match format {
        "zip" => zip_entries(disk, &mut a),
        "gzip" | "xz" | "zstd" => fs::File::open(disk).and_then(|f| compressed(io::BufReader::new(f), format, &mut a)),
        "tar" => fs::File::open(disk).and_then(|f| tar_entries(Bounded { inner: f, read: 0, limit: u64::MAX }, &mut a)),
        "deb" => deb(disk, &mut a),
        "rpm" => installers::rpm(disk, &mut a),
        "iso9660" => iso(&head, &mut a),
        "pe" => installers::pe(disk, &mut a),
        "msi" => installers::compound(disk, &mut a),
        _ => Ok(()),
    };
    if let Err(e) = result {
        a.ok = false;
        a.problem = Some(e.to_string());
    }
    Some(a)
}

fn note(a: &mut Artifact, name: &str, bytes: u64) {
    a.entries += 1;
    a.unpacked += bytes;
    if a.listing.len() < LISTING {
        a.listing.push(name.to_string());
    }
}

fn zip_entries(disk: &Path, a: &mut Artifact) -> io::Result<()> {
    let mut zip = zip::ZipArchive::new(fs::File::open(disk)?)
        .map_err(|e| io::Error::other(problem("not_zip", &[("error", e.to_string())])))?;
    if let Some(why) = bagit::ziplayout::problem(&mut zip, a.size) {
        return Err(io::Error::other(why.to_string()));
    }
    let limit = limit_for(a.size);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| io::Error::other(format!("entry {i}: {e}")))?;
        let name = f.name().map(|n| n.to_string()).unwrap_or_else(|_| format!("entry {i}"));
        if name.starts_with('/') || name.split(['/', '\\']).any(|c| c == "..") {
            return Err(io::Error::other(problem("entry_outside", &[("name", name)])));
        }
        if f.is_dir() {
            continue;
        }
        let before = a.unpacked;
        let mut bounded = Bounded { inner: &mut f, read: 0, limit: limit.saturating_sub(before) };
        // The zip reader compares the CRC-32 once the entry is read to its end.
        let n = io::copy(&mut bounded, &mut io::sink())
            .map_err(|e| io::Error::other(problem("entry", &[("name", name.clone()), ("error", e.to_string())])))?;
        note(a, &name, n);
    }
    Ok(())
}

fn compressed<'r>(file: impl io::BufRead + 'r, format: &str, a: &mut Artifact) -> io::Result<()> {
    let reader: Box<dyn Read + 'r> = match format {
        "gzip" => Box::new(flate2::read::MultiGzDecoder::new(file)),
        "xz" => Box::new(lzma_rust2::XzReader::new_mem_limit(file, true, XZ_MEMORY_KIB)),
        _ => Box::new(ruzstd::decoding::StreamingDecoder::new(file).map_err(io::Error::other)?),
    };
    let mut r = Bounded { inner: reader, read: 0, limit: limit_for(a.size) };
    // A tar inside? Peek at the first block.
    let mut block = vec![0u8; 512];
    let n = crate::hash::read_full(&mut r, &mut block)?;
    block.truncate(n);
    if block.get(257..262) == Some(b"ustar") {
        a.format = format!(
            "tar.{}",
            match format {
                "gzip" => "gz",
                "xz" => "xz",
                _ => "zst",
            }
        );
        return tar_entries(Bounded { inner: io::Cursor::new(block).chain(r.inner), read: r.read, limit: r.limit }, a);
    }
    let rest = io::copy(&mut r, &mut io::sink())?;
    note(a, "(one stream)", n as u64 + rest);
    Ok(())
}

fn tar_entries<R: Read>(r: Bounded<R>, a: &mut Artifact) -> io::Result<()> {
    let limit = limit_for(a.size);
    let mut archive = tar::Archive::new(r);
    tar_members(&mut archive, a, limit)?;
    // Read on to the end, so that a compressed stream's own checks (xz and zstd checksums, the
    // gzip trailer) run even past the end-of-archive blocks.
    io::copy(&mut archive.into_inner(), &mut io::sink())?;
    Ok(())
}

/// Reads every member to its end, but the holes of GNU sparse members: those are counted by
/// the bytes they store, and their expanded size is bounded like any expansion (`limit`).
fn tar_members<R: Read>(archive: &mut tar::Archive<R>, a: &mut Artifact, limit: u64) -> io::Result<()> {
    let (mut sparse, mut expanded) = (0u64, 0u64);
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "?".into());
        if name.starts_with('/') || name.split('/').any(|c| c == "..") {
            return Err(io::Error::other(problem("member_outside", &[("name", name)])));
        }
        let declared = entry.header().size().unwrap_or(0);
        if entry.header().entry_type().is_gnu_sparse() {
            // The tar reader would make the holes as zeros: read the stored bytes only, as the
            // archive moves on to the next member.
            let declared = entry.header().entry_size().unwrap_or(0);
            sparse += 1;
            expanded = expanded.saturating_add(entry.size());
            if expanded > limit {
                return Err(io::Error::other(format!(
                    "sparse member `{name}` expands to {} bytes from {declared} stored: the sparse members expand beyond {limit} bytes ({MAX_RATIO}× the archive's size), not unpacked",
                    entry.size()
                )));
            }
            note(a, &name, declared);
            continue;
        }
        let n = io::copy(&mut entry, &mut io::sink())?;
        if n != declared {
            let args = [("name", name), ("n", n.to_string()), ("declared", declared.to_string())];
            return Err(io::Error::other(problem("member_truncated", &args)));
        }
        note(a, &name, n);
    }
    if a.entries == 0 {
        return Err(io::Error::other(problem("no_member", &[])));
    }
    if sparse > 0 && a.problem.is_none() {
        a.problem = Some(problem("sparse", &[("count", sparse.to_string()), ("bytes", expanded.to_string())]));
    }
    Ok(())
}

/// A .deb: an ar archive of debian-binary, control.tar.* and data.tar.*; the two tars are read,
/// streamed from the file (a member is never held in memory whole).
///
/// The ar layout is read here rather than with the `ar` crate, which panicked on a malformed
/// GNU name table (found by fuzzing): `!<arch>\n`, then per member a 60-byte header (name 16,
/// mtime 12, uid 6, gid 6, mode 8, size 10 in ASCII decimal, "`\n") and the data, padded to an
/// even offset. Debian packages use plain short names only.
fn deb(disk: &Path, a: &mut Artifact) -> io::Result<()> {
    let mut file = io::BufReader::new(fs::File::open(disk)?);
    let mut magic = [0u8; 8];
    file.read_exact(&mut magic)?;
    if &magic != b"!<arch>\n" {
        return Err(io::Error::other(problem("not_ar", &[])));
    }
    let mut offset: u64 = 8;
    let mut members = Vec::new();
    loop {
        let mut header = [0u8; 60];
        let n = crate::hash::read_full(&mut file, &mut header)?;
        if n == 0 {
            break;
        }
        if n < 60 || &header[58..60] != b"`\n" {
            return Err(io::Error::other(format!("a broken ar member header at byte {offset}")));
        }
        let name = String::from_utf8_lossy(&header[..16]).trim_end().trim_end_matches('/').to_string();
        let size: u64 = std::str::from_utf8(&header[48..58])
            .ok()
            .and_then(|t| t.trim().parse().ok())
            .ok_or_else(|| io::Error::other(format!("`{name}`: a member size that is not a number")))?;
        if offset + 60 + size > a.size {
            return Err(io::Error::other(format!(
                "`{name}`: {size} bytes announced, the file ends before (truncated)"
            )));
        }
        members.push(name.clone());
        let mut member = (&mut file).take(size);
        if name.starts_with("control.tar") || name.starts_with("data.tar") {
            let mut inner = Artifact { path: name.clone(), size, ..a.clone() };
            inner.entries = 0;
            inner.unpacked = 0;
            inner.listing.clear();
            let mut head = vec![0u8; 512];
            let got = crate::hash::read_full(&mut member, &mut head)?;
            head.truncate(got);
            let stream = io::BufReader::new(io::Cursor::new(head.clone()).chain(&mut member));
            let res = match sniff(&head) {
                Some("tar") => tar_entries(Bounded { inner: stream, read: 0, limit: u64::MAX }, &mut inner),
                Some(f @ ("gzip" | "xz" | "zstd")) => compressed(stream, f, &mut inner),
                _ => Err(io::Error::other("not a tar")),
            };
            res.map_err(|e| io::Error::other(format!("{name}: {e}")))?;
            for l in inner.listing {
                if a.listing.len() < LISTING {
                    a.listing.push(format!("{name}/{l}"));
                }
            }
            a.entries += inner.entries;
            a.unpacked += inner.unpacked;
        }
        // Whatever of the member was not read, and the padding byte.
        io::copy(&mut member, &mut io::sink())?;
        if size % 2 == 1 {
            let mut pad = [0u8; 1];
            let _ = crate::hash::read_full(&mut file, &mut pad)?;
        }
        offset += 60 + size + size % 2;
    }
    if !members.iter().any(|m| m == "debian-binary") || !members.iter().any(|m| m.starts_with("data.tar")) {
        return Err(io::Error::other(format!(
            "an ar archive, but not a Debian package (members: {})",
            members.join(", ")
        )));
    }
    Ok(())
}

/// ISO 9660: the primary volume descriptor's volume size must fit in the file.
fn iso(head: &[u8], a: &mut Artifact) -> io::Result<()> {
    let pvd = &head[0x8000..];
    if pvd.len() < 2048 {
        return Err(io::Error::other(problem("iso_truncated_descriptor", &[])));
    }
    let blocks = u32::from_le_bytes([pvd[80], pvd[81], pvd[82], pvd[83]]) as u64;
    let block_size = u16::from_le_bytes([pvd[128], pvd[129]]) as u64;
    let declared = blocks * block_size;
    if declared > a.size {
        let args = [("declared", declared.to_string()), ("size", a.size.to_string())];
        return Err(io::Error::other(problem("iso_truncated", &args)));
    }
    let label =
        String::from_utf8_lossy(&pvd[40..72]).trim_matches(|c: char| c.is_whitespace() || c == '\0').to_string();
    note(a, &label, declared);
    a.problem = Some(problem("iso", &[]));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use qoima_publish::render::conclusion::say_problem as say;

    /// A tar.xz made by Python's tarfile and lzma: app/bin/run.sh.
    const TAR_XZ: &str = "fd377a585a000004e6d6b4460200210116000000742fe5a3e027ff00775d00309c2c5e6235593cd03d7ace08890a468c2e404f522459849463bb3e64c7dcee4a572bd4f56f2d4291f7eefc0fb47dbcb8733067fd82fdf685f2f5cfbf9a534f75e589300a7c4964b2d0987aea6eed9841427041e780848ccb590762b041562bb0933f9360506e18c727fe272b960c57a8927cff84830000005cdf5108966829af00019301805000000b0122e4b1c467fb020000000004595a";

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, body) in files {
            let mut h = tar::Header::new_ustar();
            h.set_size(body.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, *body).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut e, bytes).unwrap();
        e.finish().unwrap()
    }

    /// An ar archive in Debian's layout.
    fn ar_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = b"!<arch>\n".to_vec();
        for (name, body) in members {
            out.extend(format!("{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n", name, 0, 0, 0, 100644, body.len()).as_bytes());
            out.extend(*body);
            if body.len() % 2 == 1 {
                out.push(b'\n');
            }
        }
        out
    }

    #[test]
    fn debs_are_streamed_and_broken_ones_reported() {
        let data = gz(&tar_of(&[("./usr/bin/app", b"binary")]));
        let control = gz(&tar_of(&[("./control", b"Package: app\n")]));
        let deb = ar_of(&[("debian-binary", b"2.0\n"), ("control.tar.gz", &control), ("data.tar.gz", &data)]);
        let a = inspect_bytes("app.deb", &deb);
        assert!(a.problem.is_none(), "{:?}", a.problem);
        assert_eq!(a.entries, 2);
        assert!(a.listing.iter().any(|l| l == "data.tar.gz/usr/bin/app"), "{:?}", a.listing);
        // Cut short, a lying size, a GNU name table the `ar` crate panicked on (fuzzing).
        let cut = inspect_bytes("cut.deb", &deb[..deb.len() - 40]);
        assert!(cut.problem.as_deref().is_some_and(|p| p.contains("truncated")), "{:?}", cut.problem);
        let fuzzed = b"!<arch>\n/22222000111111111100001111111111111\x1f\x8b111111100001111111111111\x1f\x8b1100000c00000\xcb0000\x04D\x00\x00\x00\xff\xff]\xb3";
        let f = inspect_bytes("fuzzed.deb", fuzzed);
        assert!(f.problem.is_some());
    }

    /// What reading a module found is said in the catalogue's language, a zip library's own
    /// words inside it left as they are; text of no known form stays as it is.
    #[test]
    fn problems_are_said_in_the_language_of_the_page() {
        let theme =
            qoima_publish::theme::Theme::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")), "default")
                .unwrap();
        let cut =
            problem("member_truncated", &[("name", "bin/run".into()), ("n", "12".into()), ("declared", "40".into())]);
        assert_eq!(cut, "member `bin/run` is truncated: 12 of 40 bytes");
        assert_eq!(say(&cut, theme.words("kk")), "`bin/run` элементі қысқартылған: 40 байттың 12 байты ғана бар");
        let bomb = problem(
            "entry",
            &[("name", "a.bin".into()), ("error", problem("bomb", &[("limit", "10".into()), ("ratio", "200".into())]))],
        );
        assert_eq!(
            say(&bomb, theme.words("ru")),
            "`a.bin`: распаковывается более чем в 10 байт (200 × своего размера): декомпрессионная бомба, дальше не распаковывался"
        );
        assert_eq!(say("Invalid Zip archive: bad header", theme.words("kk")), "Invalid Zip archive: bad header");
    }

    fn inspect_bytes(name: &str, bytes: &[u8]) -> Artifact {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        inspect(&path, &format!("install/{name}")).expect("recognized")
    }

    #[test]
    fn tar_xz_and_tar_zst_are_read_to_the_end_and_their_truncation_is_caught() {
        let a = inspect_bytes("app.tar.xz", &unhex(TAR_XZ));
        assert_eq!((a.format.as_str(), a.ok, a.entries), ("tar.xz", true, 1), "{a:?}");
        assert_eq!(a.listing, ["app/bin/run.sh"]);
        let cut = unhex(TAR_XZ);
        let a = inspect_bytes("cut.tar.xz", &cut[..cut.len() - 30]);
        assert!(!a.ok, "{a:?}");

        let tar = tar_of(&[("etc/app.conf", b"port = 8080\n"), ("bin/app", &[0x7f, b'E', b'L', b'F'])]);
        let zst = ruzstd::encoding::compress_to_vec(&tar[..], ruzstd::encoding::CompressionLevel::Fastest);
        let a = inspect_bytes("app.tar.zst", &zst);
        assert_eq!((a.format.as_str(), a.ok, a.entries), ("tar.zst", true, 2), "{a:?}");
        let a = inspect_bytes("cut.tar.zst", &zst[..zst.len() / 2]);
        assert!(!a.ok, "{a:?}");
    }

    #[test]
    fn a_deb_is_opened_member_by_member() {
        let control = gz(&tar_of(&[("./control", b"Package: e-kezek\nVersion: 1.0\n")]));
        let data = gz(&tar_of(&[
            ("./opt/e-kezek/e-kezek.pyz", b"PK..."),
            ("./lib/systemd/system/e-kezek.service", b"[Unit]\n"),
        ]));
        let mut deb = ar::Builder::new(Vec::new());
        for (name, body) in [("debian-binary", &b"2.0\n"[..]), ("control.tar.gz", &control), ("data.tar.gz", &data)] {
            deb.append(&ar::Header::new(name.as_bytes().to_vec(), body.len() as u64), body).unwrap();
        }
        let deb = deb.into_inner().unwrap();
        let a = inspect_bytes("e-kezek_1.0_all.deb", &deb);
        assert_eq!((a.format.as_str(), a.ok, a.entries), ("deb", true, 3), "{a:?}");
        assert!(a.listing.iter().any(|l| l == "data.tar.gz/opt/e-kezek/e-kezek.pyz"), "{:?}", a.listing);
        // A data member cut short fails the package.
        let a = inspect_bytes("broken.deb", &deb[..deb.len() - data.len() / 2]);
        assert!(!a.ok, "{a:?}");
    }

    #[test]
    fn an_iso_9660_volume_must_fit_in_its_file() {
        let mut iso = vec![0u8; 0x8000];
        let mut pvd = vec![0u8; 2048];
        pvd[0] = 1;
        pvd[1..6].copy_from_slice(b"CD001");
        pvd[40..47].copy_from_slice(b"EKEZEK1");
        pvd[80..84].copy_from_slice(&20u32.to_le_bytes());
        pvd[128..130].copy_from_slice(&2048u16.to_le_bytes());
        iso.extend(&pvd);
        iso.resize(20 * 2048, 0);
        let a = inspect_bytes("install.iso", &iso);
        assert_eq!((a.format.as_str(), a.ok, a.listing[0].as_str()), ("iso9660", true, "EKEZEK1"), "{a:?}");
        let a = inspect_bytes("cut.iso", &iso[..18 * 2048]);
        assert!(!a.ok && a.problem.as_deref().unwrap_or("").contains("truncated"), "{a:?}");
    }

    #[test]
    fn plain_files_are_not_archives() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("README.txt");
        fs::write(&p, "just text").unwrap();
        assert!(inspect(&p, "install/README.txt").is_none());
    }
}

#[cfg(test)]
mod traversal {
    use super::*;

    #[test]
    fn entries_that_would_unpack_outside_their_folder_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("slip.zip");
        let mut w = zip::ZipWriter::new(fs::File::create(&p).unwrap());
        w.start_file("app/ok.txt", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut w, b"fine").unwrap();
        w.start_file("../../etc/cron.d/evil", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut w, b"* * * * * root sh").unwrap();
        w.finish().unwrap();
        let a = inspect(&p, "install/slip.zip").unwrap();
        assert!(!a.ok);
        assert!(a.problem.unwrap().contains("../../etc/cron.d/evil"));
        // Nothing was written anywhere.
        assert!(!dir.path().join("../../etc/cron.d/evil").exists());
    }
}
