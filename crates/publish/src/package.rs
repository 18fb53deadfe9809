//! `qoima package`: transfer packages for the National Archive (O146-11, O146-12). One zip holds
//! one BagIt 1.0 bag (RFC 8493) of a system, all its sealed versions or one:
//!
//! ```text
//! <bag>/bag-info.txt            holder, contacts, depository numbers, Payload-Oxum, the profile
//!                               (docs/bagit-profile.json, BagIt-Profile-Identifier), …
//! <bag>/bagit.txt
//! <bag>/data/system.yaml        the register record, as stored
//! <bag>/data/<version>/…        each deposit folder as stored, seal and manifest included
//! <bag>/manifest-sha256.txt, manifest-sha512.txt, tagmanifest-sha256.txt
//! <bag>/transfer/               inventory (опись) in kk and ru, HTML and CSV; the transfer act
//! ```
//!
//! The zip is deterministic: entries sorted by name, every timestamp the latest seal date, fixed
//! permissions, and the compression decided by the bytes alone, so the same archive gives the
//! same bytes. Memory stays bounded: small files are compressed in parallel batches, large ones
//! streamed in 1 MiB pieces while SHA-256 and SHA-512 run beside the writer. Only sealed deposits
//! are packaged, and a deposit whose files no longer match its seal is refused with the list.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::args;
use crate::messages::Msg;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::json;
use unicode_normalization::UnicodeNormalization;
use zip::write::{SimpleFileOptions, ZipFileBuilder};
use zip::{CompressionMethod, ZipWriter};

use crate::bagit::verify::Progress;
use crate::bagit::{Algorithm, Hashers, encode_path, tag_line};
use crate::catalog::Catalog;
use crate::model::{Deposit, FileKind, System};
use crate::theme::{Theme, format_date, word};

pub use crate::package_index::{INDEX, PACKAGES_DIR, Package, read_index, record};

/// Extensions of formats that are compressed already: stored as they are.
const STORED: &[&str] = &[
    "zip", "jar", "war", "ear", "apk", "aar", "whl", "nupkg", "gz", "tgz", "bz2", "tbz2", "xz", "txz", "zst", "lz",
    "lz4", "lzma", "7z", "rar", "cab", "deb", "rpm", "msi", "iso", "dmg", "png", "jpg", "jpeg", "gif", "webp", "heic",
    "avif", "mp3", "mp4", "m4a", "mkv", "webm", "ogg", "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub",
];

/// Files up to this size are read whole and compressed in parallel; larger ones are streamed.
const SMALL: u64 = 4 << 20;
/// Memory for one batch of small files, and how many files at most (each prepared entry has
/// its own buffers).
const BATCH_BYTES: u64 = 64 << 20;
const BATCH_FILES: usize = 1024;

/// One payload file of a package.
#[derive(Debug, Clone)]
struct PayloadFile {
    /// Path in the bag (`data/…`).
    bag_path: String,
    disk: PathBuf,
    size: u64,
    /// The deposit (`system/version`) and the SHA-256 its seal records, for files the seal covers.
    deposit: Option<String>,
    sealed_sha256: Option<String>,
    component: String,
}

/// The bag's name: the system, or `system-version`.
pub fn bag_name(system: &str, version: Option<&str>) -> String {
    match version {
        Some(v) => format!("{system}-{v}"),
        None => system.to_string(),
    }
}

/// Why a package cannot be made, and each file concerned with what is wrong with it.
#[derive(Debug)]
pub struct Refusal {
    /// Why the package cannot be made.
    pub msg: Box<Msg>,
    /// Each file concerned and what is wrong with it (a seal that fails, a file that cannot be
    /// read).
    pub said: Vec<Msg>,
}

impl Refusal {
    /// Why, in English (the JSON report's).
    pub fn message(&self) -> String {
        self.msg.en()
    }

    /// Each file and what is wrong with it, in English (the JSON report's).
    pub fn files(&self) -> Vec<String> {
        self.said.iter().map(Msg::en).collect()
    }

    /// The refusal and its files, one a line, in `lang`.
    pub fn text(&self, lang: crate::messages::Lang) -> String {
        let mut text = self.msg.text(lang);
        for file in &self.said {
            text.push_str("\n  ");
            text.push_str(&file.text(lang));
        }
        text
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::messages::Lang::En))
    }
}

fn refuse(msg: impl Into<Msg>, said: Vec<Msg>) -> Refusal {
    Refusal { msg: Box::new(msg.into()), said }
}

/// A file whose SHA-256 is not the seal's.
fn differs(disk: &Path, got: &str, want: &str) -> Msg {
    of_file("package-file-differs", disk.display(), args! { "got" => got, "want" => want })
}

/// What is wrong with `file`, by the message `id`.
fn of_file(id: &'static str, file: impl std::fmt::Display, mut args: crate::messages::Args) -> Msg {
    args.insert("file".into(), file.to_string().into());
    Msg::new(id, args)
}

/// A refusal of the message `id` without files.
fn refused(id: &'static str, args: crate::messages::Args) -> Refusal {
    refuse(Msg::new(id, args), Vec::new())
}

/// The deposits a package holds: one version, or every sealed version of the system.
/// Whether a deposit travels in a package of its own rather than in its system's: a restricted
/// deposit of a public system (D1124-12). The system's package may be handed on as openly as
/// the system's public record; the restricted deposit goes by the restricted channel.
pub fn packed_alone(system: &System, deposit: &Deposit) -> bool {
    system.access() == crate::meta::Access::Public && system.deposit_access(deposit) != crate::meta::Access::Public
}

/// The packages `package --all` writes for a system: the system's own (None) when it has a
/// sealed deposit for it, and one per sealed deposit that is [`packed_alone`].
pub fn bags_of(system: &System) -> Vec<Option<String>> {
    let sealed = || system.deposits.iter().filter(|d| d.seal.is_some());
    let mut bags = Vec::new();
    if sealed().any(|d| !packed_alone(system, d)) {
        bags.push(None);
    }
    bags.extend(sealed().filter(|d| packed_alone(system, d)).map(|d| Some(d.version.clone())));
    bags
}

fn deposits_of<'a>(system: &'a System, version: Option<&str>) -> Result<Vec<&'a Deposit>, Refusal> {
    match version {
        Some(v) => {
            let d = system.deposits.iter().find(|d| d.version == v).ok_or_else(|| {
                refused("package-no-such-deposit", args! { "deposit" => format!("{}/{v}", system.id) })
            })?;
            if d.seal.is_none() {
                return Err(refused("package-not-sealed", args! { "deposit" => d.key() }));
            }
            Ok(vec![d])
        }
        None => {
            let sealed: Vec<&Deposit> =
                system.deposits.iter().filter(|d| d.seal.is_some() && !packed_alone(system, d)).collect();
            if sealed.is_empty() {
                let alone: Vec<String> = system
                    .deposits
                    .iter()
                    .filter(|d| d.seal.is_some() && packed_alone(system, d))
                    .map(|d| format!("qoima package {} {}", system.id, d.version))
                    .collect();
                if !alone.is_empty() {
                    let args = args! { "system" => system.id.as_str(), "commands" => alone.join("; ") };
                    return Err(refused("package-restricted-alone", args));
                }
                return Err(refused("package-none-sealed", args! { "system" => system.id.as_str() }));
            }
            Ok(sealed)
        }
    }
}

/// The payload of a package, sorted by path; refuses names that would collide on another
/// system and files a seal does not account for.
fn payload_of(cat: &Catalog, system: &System, deposits: &[&Deposit]) -> Result<Vec<PayloadFile>, Refusal> {
    let mut out = Vec::new();
    let sys_yaml = cat.root.join(system.yaml_path());
    let size = fs::metadata(&sys_yaml)
        .map(|m| m.len())
        .map_err(|e| refuse(crate::messages::path_io(system.yaml_path(), &e), vec![]))?;
    out.push(PayloadFile {
        bag_path: "data/system.yaml".into(),
        disk: sys_yaml,
        size,
        deposit: None,
        sealed_sha256: None,
        component: String::new(),
    });
    let mut problems = Vec::new();
    for d in deposits {
        let manifest = cat.manifest_of(d);
        let sealed: BTreeMap<&str, &str> = manifest.iter().map(|(h, p)| (p.as_str(), h.as_str())).collect();
        let mut present = BTreeSet::new();
        for f in &d.files {
            match &f.kind {
                FileKind::Regular => {}
                FileKind::Symlink { target } => {
                    let file = format!("{}/{}", d.dir, f.path);
                    problems.push(of_file("package-file-symlink", file, args! { "target" => target.as_str() }));
                    continue;
                }
                FileKind::Special => {
                    problems.push(of_file("package-file-not-regular", format!("{}/{}", d.dir, f.path), args! {}));
                    continue;
                }
            }
            present.insert(f.path.as_str());
            let own = crate::records::seal::is_record_of_the_depository(&f.path);
            let mut sealed_sha256 = sealed.get(f.path.as_str()).map(|h| h.to_string());
            if own && sealed_sha256.is_none() && f.path.starts_with(crate::records::CONCLUSIONS) {
                // A file the depository added is packed only as its journal recorded it (and
                // checked against that while packed); one the journal does not name is not
                // the depository's, and `check` reports it.
                match crate::records::conclusion::recorded_sha256(system, &d.version, &f.path) {
                    Some(h) => sealed_sha256 = Some(h.to_string()),
                    None => continue,
                }
            }
            if sealed_sha256.is_none() && !own {
                problems.push(of_file("package-file-added", format!("{}/{}", d.dir, f.path), args! {}));
                continue;
            }
            out.push(PayloadFile {
                bag_path: format!("data/{}/{}", d.version, f.path),
                disk: cat.root.join(&d.dir).join(&f.path),
                size: f.size,
                deposit: Some(d.key()),
                sealed_sha256,
                component: f.component().unwrap_or("").to_string(),
            });
        }
        for p in sealed.keys().filter(|p| !present.contains(*p)) {
            problems.push(of_file("package-file-missing", format!("{}/{p}", d.dir), args! {}));
        }
    }
    if !problems.is_empty() {
        // Name the changed files too, not only the added and missing ones.
        let changed: Vec<Msg> = out
            .par_iter()
            .filter_map(|f| {
                let want = f.sealed_sha256.as_ref()?;
                let got = crate::hash::hash_file(&f.disk).map(|h| crate::hash::hex(&h)).unwrap_or_default();
                (got != *want).then(|| differs(&f.disk, &got, want))
            })
            .collect();
        problems.extend(changed);
        return Err(refuse(Msg::new("package-seal-fails", args! {}), problems));
    }
    let mut by_nfc: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for f in &out {
        by_nfc.entry(f.bag_path.nfc().collect()).or_default().push(&f.bag_path);
    }
    let collisions: Vec<Msg> = by_nfc
        .values()
        .filter(|v| v.len() > 1)
        .map(|v| Msg::new("package-name-twins", args! { "names" => v.join("  ≡  ") }))
        .collect();
    if !collisions.is_empty() {
        return Err(refuse(Msg::new("package-names-collide", args! {}), collisions));
    }
    out.sort_by(|a, b| a.bag_path.cmp(&b.bag_path));
    Ok(out)
}

fn is_stored_format(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name.rsplit_once('.').is_some_and(|(_, ext)| STORED.contains(&ext))
}

/// Whether deflating saves at least 3% on a sample of the bytes (incompressible data, such as
/// an encrypted or already packed installer without a telling extension, is stored).
fn worth_deflating(sample: &[u8]) -> bool {
    if sample.is_empty() {
        return false;
    }
    let mut enc = flate2::write::DeflateEncoder::new(Vec::with_capacity(sample.len()), flate2::Compression::fast());
    if enc.write_all(sample).is_err() {
        return true;
    }
    enc.finish().map(|c| (c.len() as f64) < sample.len() as f64 * 0.97).unwrap_or(true)
}

fn options(method: CompressionMethod, date: zip::DateTime, large: bool) -> SimpleFileOptions {
    let opts = SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(date)
        .unix_permissions(0o644)
        .large_file(large);
    if method == CompressionMethod::Deflated { opts.compression_level(Some(6)) } else { opts }
}

/// Sums of one file, computed while it was written.
struct Sums {
    sha256: String,
    sha512: String,
}

/// Compresses one small file in memory; the entry, ready to append, and its sums.
fn prepare_small(f: &PayloadFile, name: &str, date: zip::DateTime) -> io::Result<(zip::write::PreparedZipFile, Sums)> {
    let bytes = fs::read(&f.disk)?;
    if bytes.len() as u64 != f.size {
        return Err(io::Error::other(format!(
            "changed while packaging ({} bytes, {} when listed)",
            bytes.len(),
            f.size
        )));
    }
    let mut h = Hashers::new(&[Algorithm::Sha256, Algorithm::Sha512]);
    h.update(&bytes);
    let mut sums = h.finish().into_iter();
    let sums = Sums { sha256: sums.next().unwrap_or_default(), sha512: sums.next().unwrap_or_default() };
    let deflate = !is_stored_format(&f.bag_path) && worth_deflating(&bytes[..bytes.len().min(64 << 10)]);
    let build = |method| -> io::Result<zip::write::PreparedZipFile> {
        let mut b = ZipFileBuilder::new(name, options(method, date, false)).map_err(io::Error::other)?;
        b.write_all(&bytes)?;
        b.finish().map_err(io::Error::other)
    };
    let mut prepared = build(if deflate { CompressionMethod::Deflated } else { CompressionMethod::Stored })?;
    if deflate && prepared.compressed_size() >= prepared.uncompressed_size() {
        prepared = build(CompressionMethod::Stored)?;
    }
    Ok((prepared, sums))
}

/// Streams one large file into the zip; SHA-256 and SHA-512 run on other threads beside the
/// writer, piece by piece.
fn stream_large(
    zip: &mut ZipWriter<fs::File>,
    f: &PayloadFile,
    name: &str,
    date: zip::DateTime,
    progress: &dyn Progress,
) -> io::Result<Sums> {
    use sha2::Digest;
    let mut file = fs::File::open(&f.disk)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut next = vec![0u8; 1 << 20];
    let mut n = crate::hash::read_full(&mut file, &mut buf)?;
    let deflate = !is_stored_format(&f.bag_path) && worth_deflating(&buf[..n]);
    let method = if deflate { CompressionMethod::Deflated } else { CompressionMethod::Stored };
    let opts = options(method, date, f.size >= 0xFFFF_FFFF);
    let opts = if deflate { opts.compression_level(Some(1)) } else { opts };
    zip.start_file(name, opts).map_err(io::Error::other)?;
    let mut s256 = sha2::Sha256::new();
    let mut s512 = sha2::Sha512::new();
    let mut total = 0u64;
    while n > 0 {
        let chunk = &buf[..n];
        // The writer, both hashes and the next read run at once.
        let ((w, r), _) = rayon::join(
            || {
                rayon::join(
                    || zip.write_all(chunk),
                    || (s256.update(chunk), crate::hash::read_full(&mut file, &mut next)).1,
                )
            },
            || s512.update(chunk),
        );
        w?;
        total += n as u64;
        progress.advance(n as u64);
        n = r?;
        std::mem::swap(&mut buf, &mut next);
    }
    if total != f.size {
        return Err(io::Error::other(format!("changed while packaging ({total} bytes, {} when listed)", f.size)));
    }
    Ok(Sums { sha256: crate::hash::hex(&s256.finalize()), sha512: crate::hash::hex(&s512.finalize()) })
}

/// Writes the package of `system` (one `version`, or every sealed one) to `out`, atomically;
/// `progress` hears of the payload bytes as they are packed.
pub fn package(
    cat: &Catalog,
    theme: &Theme,
    system_id: &str,
    version: Option<&str>,
    out: &Path,
    progress: &dyn Progress,
) -> Result<Package, Refusal> {
    let system = cat
        .archive
        .system(system_id)
        .ok_or_else(|| refused("package-no-such-system", args! { "system" => system_id }))?;
    let deposits = deposits_of(system, version)?;
    let payload = payload_of(cat, system, &deposits)?;
    let seal_date = deposits.iter().filter_map(|d| d.seal.as_ref()).map(|s| s.record.date).max().unwrap_or(cat.today);
    let name = bag_name(system_id, version);
    let tags = tag_files(cat, theme, system, &deposits, &payload, seal_date)?;

    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| refuse(crate::messages::path_io(dir.display(), &e), vec![]))?;
    // What a packaging killed midway left behind.
    crate::atomic::sweep(dir);
    let file_name = out.file_name().and_then(|n| n.to_str()).unwrap_or("package.zip");
    let tmp = crate::atomic::temp_path(out);
    let result = write_zip(&tmp, &name, &payload, tags, seal_date, progress);
    let (payload_sums, failures) = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(refuse(crate::messages::path_io(out.display(), &e), vec![]));
        }
    };
    if !failures.is_empty() {
        let _ = fs::remove_file(&tmp);
        return Err(refuse(Msg::new("package-seal-fails-unwritten", args! {}), failures));
    }
    fs::rename(&tmp, out).map_err(|e| refuse(crate::messages::path_io(out.display(), &e), vec![]))?;
    crate::atomic::sync_dir(dir);
    let bytes = fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    let sha256 = crate::hash::hash_file(out).map(|h| crate::hash::hex(&h)).unwrap_or_default();
    Ok(Package {
        system: system_id.to_string(),
        version: version.map(str::to_string),
        file: file_name.to_string(),
        bytes,
        sha256,
        bagging_date: seal_date,
        payload_files: payload.len() as u64,
        payload_bytes: payload_sums,
        numbers: deposits.iter().filter_map(|d| d.seal.as_ref()).map(|s| s.record.number.clone()).collect(),
        seals: deposits
            .iter()
            .filter_map(|d| d.seal.as_ref().map(|s| (d.key(), s.record.manifest_sha256.clone())))
            .collect(),
    })
}

/// What to package: one system's bag (of one version, or of every sealed one), written to
/// `out` or into the packages folder; or every bag of every system with sealed deposits.
#[derive(Clone, Copy)]
pub enum Request<'a> {
    /// One system's bag.
    One {
        /// The system's id.
        system: &'a str,
        /// The version to package; `None` packages every sealed version.
        version: Option<&'a str>,
        /// The file to write; `None` writes `<bag>.zip` into the packages folder.
        out: Option<&'a Path>,
    },
    /// Every bag of every system with sealed deposits, into the packages folder.
    All,
}

/// One bag of a run: its system, its name, where it was to go, and the package or why not.
pub struct Bagged {
    /// The system's id.
    pub system: String,
    /// The bag's name (see [`bag_name`]).
    pub name: String,
    /// The `.zip` file the package was to be written to.
    pub target: PathBuf,
    /// The package written, or why it could not be made.
    pub result: Result<Package, Refusal>,
}

/// Packages what `request` asks for, bag after bag: each bag's bytes are reported to the
/// progress that `progress` makes for its name, each package written into the packages folder
/// (`<output>/packages/` under `root`) is recorded in its index.json, and each bag is handed to
/// `each` once done. After [`Request::All`] the internal edition is rebuilt, so that each system
/// page links its packages with size and SHA-256. Returns the packages folder and every bag;
/// an error (the index or the edition could not be written, or `each` failed) stops the run.
pub fn package_site<P: Progress>(
    cat: &Catalog,
    theme: &Theme,
    root: &Path,
    request: Request,
    progress: impl Fn(&str) -> P,
    mut each: impl FnMut(&Bagged) -> Result<(), String>,
) -> Result<(PathBuf, Vec<Bagged>), String> {
    let dist = root.join(&cat.site.site.output);
    let dir = dist.join(PACKAGES_DIR);
    let (wanted, file): (Vec<(String, Option<String>)>, Option<&Path>) = match request {
        Request::All => {
            let bags = cat.archive.systems.iter().flat_map(|s| bags_of(s).into_iter().map(|v| (s.id.clone(), v)));
            (bags.collect(), None)
        }
        Request::One { system, version, out } => {
            (vec![(system.trim_end_matches('/').to_string(), version.map(str::to_string))], out)
        }
    };
    let mut bags = Vec::with_capacity(wanted.len());
    for (system, version) in wanted {
        let name = bag_name(&system, version.as_deref());
        let target = file.map(Path::to_path_buf).unwrap_or_else(|| dir.join(format!("{name}.zip")));
        let result = package(cat, theme, &system, version.as_deref(), &target, &progress(&name));
        if let (Ok(p), None) = (&result, file) {
            record(&dir, p).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let bagged = Bagged { system, name, target, result };
        each(&bagged)?;
        bags.push(bagged);
    }
    if matches!(request, Request::All) {
        crate::render::build(cat, theme, &dist, &[crate::render::Edition::Internal])?;
    }
    Ok((dir, bags))
}

/// Tag files known before the payload is written (all but the SHA-512 manifest and the tag
/// manifest), by path in the bag.
struct Tags {
    files: BTreeMap<String, Vec<u8>>,
}

/// Writes the zip: sorted entries, payload hashed on the way. Returns the payload bytes and
/// the files whose bytes differ from their seal.
fn write_zip(
    tmp: &Path,
    name: &str,
    payload: &[PayloadFile],
    mut tags: Tags,
    seal_date: NaiveDate,
    progress: &dyn Progress,
) -> io::Result<(u64, Vec<Msg>)> {
    use chrono::Datelike;
    let date = zip::DateTime::from_date_and_time(
        seal_date.year().clamp(1980, 2107) as u16,
        seal_date.month() as u8,
        seal_date.day() as u8,
        0,
        0,
        0,
    )
    .map_err(io::Error::other)?;
    let mut zip = ZipWriter::new(fs::File::create(tmp)?);
    let entry = |p: &str| format!("{name}/{p}");
    let put = |zip: &mut ZipWriter<fs::File>, p: &str, bytes: &[u8]| -> io::Result<()> {
        let deflate = bytes.len() > 256 && !is_stored_format(p);
        let method = if deflate { CompressionMethod::Deflated } else { CompressionMethod::Stored };
        zip.start_file(entry(p), options(method, date, false)).map_err(io::Error::other)?;
        zip.write_all(bytes)
    };
    // Sorted: bag-info.txt, bagit.txt, data/…, manifests, tagmanifest, transfer/….
    for p in ["bag-info.txt", "bagit.txt"] {
        put(&mut zip, p, &tags.files[p])?;
    }
    progress.start(payload.iter().map(|f| f.size).sum());
    let mut sums: Vec<Option<Sums>> = Vec::with_capacity(payload.len());
    let mut failures = Vec::new();
    let mut i = 0;
    while i < payload.len() {
        if payload[i].size > SMALL {
            let f = &payload[i];
            match stream_large(&mut zip, f, &entry(&f.bag_path), date, progress) {
                Ok(s) => sums.push(Some(s)),
                Err(e) => {
                    failures.push(crate::messages::path_io(f.disk.display(), &e));
                    sums.push(None);
                    zip.abort_file().map_err(io::Error::other)?;
                }
            }
            i += 1;
            continue;
        }
        // A batch of small files, compressed in parallel, appended in order.
        let mut j = i;
        let mut batch_bytes = 0;
        while j < payload.len()
            && payload[j].size <= SMALL
            && (j == i || (batch_bytes + payload[j].size <= BATCH_BYTES && j - i < BATCH_FILES))
        {
            batch_bytes += payload[j].size;
            j += 1;
        }
        let prepared: Vec<io::Result<_>> = payload[i..j]
            .par_iter()
            .map(|f| {
                let r = prepare_small(f, &entry(&f.bag_path), date);
                progress.advance(f.size);
                r
            })
            .collect();
        for (f, r) in payload[i..j].iter().zip(prepared) {
            match r {
                Ok((p, s)) => {
                    zip.add_prepared_file(p).map_err(io::Error::other)?;
                    sums.push(Some(s));
                }
                Err(e) => {
                    failures.push(crate::messages::path_io(f.disk.display(), &e));
                    sums.push(None);
                }
            }
        }
        i = j;
    }
    progress.finish();
    for (f, s) in payload.iter().zip(&sums) {
        if let (Some(want), Some(s)) = (&f.sealed_sha256, s)
            && *want != s.sha256
        {
            failures.push(differs(&f.disk, &s.sha256, want));
        }
    }
    if !failures.is_empty() {
        return Ok((0, failures));
    }
    let manifest = |pick: fn(&Sums) -> &str| -> Vec<u8> {
        let mut text = String::new();
        for (f, s) in payload.iter().zip(&sums) {
            if let Some(s) = s {
                text.push_str(&format!("{}  {}\n", pick(s), encode_path(&f.bag_path)));
            }
        }
        text.into_bytes()
    };
    tags.files.insert("manifest-sha256.txt".into(), manifest(|s| &s.sha256));
    tags.files.insert("manifest-sha512.txt".into(), manifest(|s| &s.sha512));
    let mut tagmanifest = String::new();
    for (p, bytes) in &tags.files {
        let mut h = Hashers::new(&[Algorithm::Sha256]);
        h.update(bytes);
        tagmanifest.push_str(&format!("{}  {}\n", h.finish().remove(0), encode_path(p)));
    }
    tags.files.insert("tagmanifest-sha256.txt".into(), tagmanifest.into_bytes());
    for (p, bytes) in tags.files.iter().filter(|(p, _)| !matches!(p.as_str(), "bag-info.txt" | "bagit.txt")) {
        put(&mut zip, p, bytes)?;
    }
    let file = zip.finish().map_err(io::Error::other)?;
    file.sync_all()?;
    Ok((payload.iter().map(|f| f.size).sum(), Vec::new()))
}

/// Renders the tag files: bagit.txt, bag-info.txt, and the inventory and act from the theme.
fn tag_files(
    cat: &Catalog,
    theme: &Theme,
    system: &System,
    deposits: &[&Deposit],
    payload: &[PayloadFile],
    seal_date: NaiveDate,
) -> Result<Tags, Refusal> {
    let mut files = BTreeMap::new();
    files.insert("bagit.txt".to_string(), b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_vec());
    let doc = system.doc.as_ref();
    let holder = doc.map(|d| &d.holder);
    let text = |l: Option<&crate::meta::Localized>, lang: &str| l.and_then(|l| l.get(lang)).unwrap_or("").to_string();
    let at = |a: Option<&crate::yaml::At<String>>| a.map(|a| a.value.clone()).unwrap_or_default();
    let payload_bytes: u64 = payload.iter().map(|f| f.size).sum();
    let numbers: Vec<String> =
        deposits.iter().filter_map(|d| d.seal.as_ref()).map(|s| s.record.number.clone()).collect();
    let mut info = String::new();
    info.push_str(&tag_line("Source-Organization", &text(holder.map(|h| &h.full_name), "kk")));
    let address =
        [at(holder.and_then(|h| h.postal_index.as_ref())), text(holder.and_then(|h| h.address.as_ref()), "kk")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
    for (label, value) in [
        ("Organization-Address", address),
        ("Contact-Name", at(holder.and_then(|h| h.contact_person.as_ref()))),
        ("Contact-Phone", at(holder.and_then(|h| h.phone.as_ref()))),
        ("Contact-Email", at(holder.and_then(|h| h.email.as_ref()))),
    ] {
        if !value.is_empty() {
            info.push_str(&tag_line(label, &value));
        }
    }
    for n in &numbers {
        info.push_str(&tag_line("External-Identifier", n));
    }
    let versions: Vec<&str> = deposits.iter().map(|d| d.version.as_str()).collect();
    info.push_str(&tag_line(
        "External-Description",
        // In Russian, the archives' working language for descriptions; the words are the theme's.
        &word(theme.words("ru"), "pkg_external_description")
            .replace("{system}", &system.name("ru"))
            .replace("{code}", doc.map(|d| d.code.value.as_str()).unwrap_or(""))
            .replace(
                "{version_word}",
                word(theme.words("ru"), if versions.len() == 1 { "pkg_version_one" } else { "pkg_version_many" }),
            )
            .replace("{versions}", &versions.join(", ")),
    ));
    info.push_str(&tag_line("Bagging-Date", &seal_date.to_string()));
    info.push_str(&tag_line("Bag-Software-Agent", &format!("qoima {}", env!("CARGO_PKG_VERSION"))));
    info.push_str(&tag_line("Internal-Sender-Identifier", &system.dir));
    info.push_str(&tag_line("Payload-Oxum", &format!("{payload_bytes}.{}", payload.len())));
    info.push_str(&tag_line("Bag-Size", &crate::model::human_size(payload_bytes)));
    info.push_str(&tag_line("BagIt-Profile-Identifier", crate::bagit::profile::TRANSFER_PROFILE));
    files.insert("bag-info.txt".to_string(), info.into_bytes());

    // The inventory and the act, in Kazakh and Russian.
    let sha_of = |f: &PayloadFile| {
        f.sealed_sha256
            .clone()
            .unwrap_or_else(|| crate::hash::hash_file(&f.disk).map(|h| crate::hash::hex(&h)).unwrap_or_default())
    };
    // Each file's PRONOM format, beside its SHA-256.
    let rows: Vec<(String, crate::pronom::FileFormat, &PayloadFile)> =
        payload.par_iter().map(|f| (sha_of(f), crate::pronom::identify_or_unidentified(&f.disk), f)).collect();
    for lang in ["kk", "ru"] {
        let t = theme.words(lang);
        let component_name = |c: &str| {
            if c.is_empty() {
                String::new()
            } else {
                word(t, &format!("component_{}", c.replace('-', "_"))).to_string()
            }
        };
        let items: Vec<serde_json::Value> = deposits
            .iter()
            .filter_map(|d| d.doc.as_ref().map(|doc| (d, doc)))
            .flat_map(|(d, doc)| {
                doc.items.iter().map(move |i| {
                    json!({"version": d.version, "name": i.name.value,
                           "serial": i.cd_serial.as_ref().map(|c| c.value.clone()),
                           "size_mb": i.size_mb.as_ref().map(|s| s.value), "sheets": i.sheets.as_ref().map(|s| s.value),
                           "original": matches!(i.original_or_copy.value, crate::meta::OriginalOrCopy::Original)})
                })
            })
            .collect();
        let file_rows: Vec<serde_json::Value> = rows
            .iter()
            .enumerate()
            .map(|(n, (sha, format, f))| {
                json!({"n": n + 1, "path": f.bag_path, "component": component_name(&f.component), "size": f.size,
                       "sha256": sha, "deposit": f.deposit, "puid": format.puid, "format": format.described()})
            })
            .collect();
        let handed = deposits
            .iter()
            .flat_map(|d| d.events())
            .filter(|e| cat.rulebooks.has_role(&e.kind.value, crate::rulebook::Role::Transfer))
            .map(|e| {
                (
                    e.date.value,
                    e.to.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
                    e.number.as_ref().map(|n| n.value.clone()),
                )
            })
            .min();
        let deposit_rows: Vec<serde_json::Value> = deposits
            .iter()
            .map(|d| {
                let seal = d.seal.as_ref().map(|s| &s.record);
                json!({"version": d.version, "number": seal.map(|s| s.number.clone()),
                       "set_name": d.doc.as_ref().and_then(|doc| doc.set_name.get(lang)).unwrap_or(""),
                       "files": seal.map(|s| s.files), "bytes": seal.map(|s| s.bytes),
                       "sealed": seal.map(|s| format_date(t, s.date)), "manifest_sha256": seal.map(|s| s.manifest_sha256.clone())})
            })
            .collect();
        // The files the seals cover, and those the package adds (each seal's manifest and
        // seal.yaml, the system's record): the act counts the first, the inventory all.
        let other: Vec<&str> = payload
            .iter()
            .filter(|f| f.sealed_sha256.is_none())
            .map(|f| f.bag_path.strip_prefix("data/").unwrap_or(&f.bag_path))
            .collect();
        let explained = word(t, "pkg_files_explained")
            .replace("{sealed}", &(payload.len() - other.len()).to_string())
            .replace("{other}", &other.len().to_string())
            .replace("{names}", &other.join(", "))
            .replace("{total}", &payload.len().to_string());
        let operator = cat.site.operator.as_ref();
        let signatory = operator
            .and_then(|o| o.signatory.as_ref())
            .map(|s| json!({"name": s.name, "position": text(s.position.as_ref(), lang)}));
        let ctx = json!({
            "lang": lang, "t": t,
            "place": text(operator.and_then(|o| o.place.as_ref()), lang),
            "act_number": handed.as_ref().and_then(|h| h.2.clone()).unwrap_or_default(),
            "signatory": signatory, "files_explained": explained,
            "total": word(t, "pkg_total_text").replace("{files}", &payload.len().to_string()).replace("{bytes}", &payload_bytes.to_string()),
            "system": system.name(lang), "code": doc.map(|d| d.code.value.clone()).unwrap_or_default(),
            "holder": text(holder.map(|h| &h.full_name), lang),
            "operator": cat.site.site.operator.as_ref().and_then(|o| o.get(lang)).unwrap_or(""),
            "receiver": handed.as_ref().map(|h| h.1.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| text(holder.map(|h| &h.full_name), lang)),
            "act_date": handed.as_ref().map(|h| format_date(t, h.0)),
            "bagging_date": format_date(t, seal_date),
            "deposits": deposit_rows, "items": items, "files": file_rows,
            "payload_files": payload.len(), "payload_bytes": payload_bytes,
        });
        let render = |template: &str| -> Result<Vec<u8>, Refusal> {
            let ctx = tera::Context::from_serialize(&ctx).map_err(|e| refuse(format!("{template}: {e}"), vec![]))?;
            let html = theme.tera.render(template, &ctx).map_err(|e| {
                refused("package-theme-unrenderable", args! { "template" => template, "error" => e.to_string() })
            })?;
            Ok(html.into_bytes())
        };
        files.insert(format!("transfer/inventory-{lang}.html"), render("package-inventory.html")?);
        files.insert(format!("transfer/transfer-act-{lang}.html"), render("package-act.html")?);
        let mut csv = csv::Writer::from_writer(Vec::new());
        let _ = csv.write_record([
            "№",
            word(t, "pkg_deposit"),
            word(t, "pkg_component"),
            word(t, "pkg_file"),
            word(t, "pkg_size_bytes"),
            "SHA-256",
            "PUID",
            word(t, "pkg_format"),
        ]);
        for (n, (sha, format, f)) in rows.iter().enumerate() {
            let _ = csv.write_record([
                (n + 1).to_string(),
                crate::reports::csv_cell(f.deposit.as_deref().unwrap_or_default()).into_owned(),
                component_name(&f.component),
                crate::reports::csv_cell(&f.bag_path).into_owned(),
                f.size.to_string(),
                sha.clone(),
                format.puid.clone().unwrap_or_else(|| crate::pronom::UNIDENTIFIED.into()),
                match format.puid {
                    Some(_) => crate::reports::csv_cell(&format.described()).into_owned(),
                    None => word(t, "pkg_unidentified").to_string(),
                },
            ]);
        }
        for i in &items {
            let kind = if i["original"].as_bool().unwrap_or(false) { word(t, "original") } else { word(t, "copy") };
            let name = format!(
                "{}{}",
                i["name"].as_str().unwrap_or(""),
                i["serial"].as_str().map(|s| format!(" ({s})")).unwrap_or_default()
            );
            let _ = csv.write_record([
                String::new(),
                crate::reports::csv_cell(i["version"].as_str().unwrap_or("")).into_owned(),
                word(t, "items").to_string(),
                crate::reports::csv_cell(&name).into_owned(),
                String::new(),
                kind.to_string(),
                String::new(),
                String::new(),
            ]);
        }
        // A byte-order mark so that spreadsheet programs read the Cyrillic as UTF-8.
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend(csv.into_inner().unwrap_or_default());
        files.insert(format!("transfer/inventory-{lang}.csv"), bytes);
    }
    Ok(Tags { files })
}
