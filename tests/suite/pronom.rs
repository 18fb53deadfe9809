//! PRONOM identification against FIDO (`opf-fido`, PyPI), the Open Preservation Foundation's
//! identification tool: over a corpus of common formats the test makes (PDF, DOCX, XLSX, ODT,
//! PNG, JPEG, GIF, SVG, ZIP, JAR, GZIP, TAR, XZ, DEB, SQLite, XML, HTML, JSON, plain text, MSI)
//! and finds on the machine (Windows executables: pip's launcher stubs), qoima must give the
//! same PUID as FIDO for at least 95 % of the files FIDO identifies. FIDO runs on PRONOM's
//! signatures alone (`-pronom_only`) and never guesses from a file's name (`-noextension`),
//! as qoima does. The package inventory and `examine` carry the formats.

use crate::common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;

/// Writes the corpus with Python's standard library (and the executables pip ships).
const CORPUS: &str = r##"
import gzip, io, json, lzma, os, shutil, sqlite3, struct, sys, tarfile, zipfile, zlib
import pip._vendor.distlib as distlib
d = sys.argv[1]
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
def pdf(version):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = b"%PDF-" + version.encode() + b"\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
for v in ["1.3", "1.4", "1.5", "1.6", "1.7"]:
    w("document-%s.pdf" % v, pdf(v))
def png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x20\x80\xc0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
w("square.png", png(8, 8))
w("strip.png", png(64, 1))
# JPEG: JFIF 1.01 and 1.02 headers, a quantization table, a frame, and the end marker.
def jpeg(minor):
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01" + bytes([minor]) + b"\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\xff\xdb\x00\x43\x00" + bytes(range(1, 65))
    sof = b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
    return b"\xff\xd8" + app0 + dqt + sof + b"\xff\xd9"
w("photo-101.jpg", jpeg(1))
w("photo-102.jpg", jpeg(2))
w("pixel.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
w("old.gif", b"GIF87a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
w("logo.svg", b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="10" height="10"><rect width="10" height="10"/></svg>\n')
def office(name, main, content_type, body):
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        f.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/%s" ContentType="%s"/></Types>' % (main, content_type))
        f.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>' % main)
        f.writestr(main, body)
    w(name, z.getvalue())
office("report.docx", "word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
       '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Акт</w:t></w:r></w:p></w:body></w:document>')
office("table.xlsx", "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
       '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>')
office("slides.pptx", "ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
       '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>')
def odf(name, mime, version):
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w") as f:
        f.writestr(zipfile.ZipInfo("mimetype"), mime)
        f.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="%s"/>' % version, zipfile.ZIP_DEFLATED)
        f.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="%s"><manifest:file-entry manifest:full-path="/" manifest:version="%s" manifest:media-type="%s"/></manifest:manifest>' % (version, version, mime), zipfile.ZIP_DEFLATED)
    w(name, z.getvalue())
odf("letter.odt", "application/vnd.oasis.opendocument.text", "1.2")
odf("budget.ods", "application/vnd.oasis.opendocument.spreadsheet", "1.2")
z = io.BytesIO()
with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
    f.writestr("readme.txt", "plain text in a zip\n" * 20)
    f.writestr("data/values.csv", "a,b\n1,2\n")
w("bundle.zip", z.getvalue())
z = io.BytesIO()
with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
    f.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: kz.gov.App\n")
    f.writestr("kz/gov/App.class", b"\xca\xfe\xba\xbe\x00\x00\x00\x34")
w("app.jar", z.getvalue())
w("notes.txt.gz", gzip.compress(b"notes\n" * 100, mtime=0))
t = io.BytesIO()
with tarfile.open(fileobj=t, mode="w", format=tarfile.USTAR_FORMAT) as f:
    info = tarfile.TarInfo("app/run.sh"); data = b"#!/bin/sh\necho run\n"; info.size = len(data); f.addfile(info, io.BytesIO(data))
w("app.tar", t.getvalue())
w("app.tar.xz", lzma.compress(t.getvalue()))
w("log.xz", lzma.compress(b"log line\n" * 50))
def ar(members):
    out = b"!<arch>\n"
    for name, body in members:
        out += b"%-16s%-12d%-6d%-6d%-8s%-10d`\n" % (name.encode(), 0, 0, 0, b"100644", len(body)) + body + (b"\n" if len(body) % 2 else b"")
    return out
w("app_1.0_all.deb", ar([("debian-binary", b"2.0\n"), ("control.tar.gz", gzip.compress(t.getvalue(), mtime=0)), ("data.tar.xz", lzma.compress(t.getvalue()))]))
db = os.path.join(d, "permits.sqlite")
c = sqlite3.connect(db); c.execute("create table permit (id integer primary key, holder text)"); c.execute("insert into permit values (1, 'ТОО')"); c.commit(); c.close()
w("config.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n<config><port>8080</port></config>\n')
w("page.html", b'<!DOCTYPE html>\n<html lang="kk"><head><meta charset="utf-8"><title>Page</title></head><body><p>Text</p></body></html>\n')
w("old-page.html", b'<html><head><title>Old</title></head><body>Text</body></html>\n')
w("data.json", json.dumps({"system": "e-license", "versions": ["3.2", "3.3"]}).encode())
w("readme.txt", "Орнату нұсқаулығы\nInstallation guide\n".encode())
w("ascii.txt", b"Plain ASCII text, one line.\n")
for exe in ["t64.exe", "w64.exe", "t32.exe", "w32.exe"]:
    shutil.copy(os.path.join(os.path.dirname(distlib.__file__), exe), os.path.join(d, exe))
"##;

/// A compound file with the class of Windows Installer packages.
fn msi(path: &Path) {
    let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, len) in [("/\u{4840}\u{3f3f}\u{4577}\u{446c}", 6000usize), ("/\u{5}SummaryInformation", 400)] {
        cfb.create_stream(name).unwrap().write_all(&vec![0x5a; len]).unwrap();
    }
    cfb.flush().unwrap();
    let mut bytes = cfb.into_inner().into_inner();
    // {000C1084-0000-0000-C000-000000000046}, 0x50 into the root entry.
    let root: Vec<u8> = "Root Entry".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let at = bytes.windows(root.len()).position(|w| w == root).unwrap() + 0x50;
    bytes[at..at + 16].copy_from_slice(&[0x84, 0x10, 0x0c, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46]);
    fs::write(path, bytes).unwrap();
}

/// FIDO's first PUID for each file it identifies.
fn fido(files: &[PathBuf]) -> std::collections::BTreeMap<String, String> {
    let out = std::process::Command::new("python3")
        .args(["-m", "fido.fido", "-q", "-pronom_only", "-noextension"])
        .args(["-matchprintf", "OK\t%(info.group_index)s\t%(info.puid)s\t%(info.filename)s\n"])
        .args(["-nomatchprintf", "KO\t%(info.filename)s\n"])
        .args(files)
        .output()
        .unwrap();
    assert!(out.status.success(), "fido: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| match l.split('\t').collect::<Vec<_>>().as_slice() {
            ["OK", "1", puid, file] => Some((file.to_string(), puid.to_string())),
            _ => None,
        })
        .collect()
}

#[test]
fn puids_agree_with_fido_on_a_corpus_of_common_formats() {
    if !python_module("fido", "opf-fido") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("python3").arg("-c").arg(CORPUS).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    msi(&dir.path().join("setup.msi"));
    let mut files: Vec<PathBuf> = fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    assert!(files.len() >= 30, "{files:?}");
    let theirs = fido(&files);
    let mut agree = 0;
    let mut differ = Vec::new();
    for f in &files {
        let ours = qoima::pronom::identify(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let Some(want) = theirs.get(&f.display().to_string()) else {
            eprintln!("{name}: FIDO unidentified, qoima {}", ours.label());
            continue;
        };
        if ours.puid.as_deref() == Some(want.as_str()) {
            agree += 1;
        } else {
            differ.push(format!("{name}: FIDO {want}, qoima {}", ours.label()));
        }
        eprintln!("{name}: {}", ours.label());
    }
    let identified = theirs.len();
    let percent = 100.0 * agree as f64 / identified.max(1) as f64;
    eprintln!(
        "PRONOM: {agree} of {identified} files FIDO identifies agree ({percent:.1} %); {} files in all",
        files.len()
    );
    assert!(identified * 10 >= files.len() * 8, "FIDO identified only {identified} of {}", files.len());
    assert!(percent >= 95.0, "{percent:.1} %:\n{}", differ.join("\n"));
}

#[test]
fn the_inventory_and_examine_name_each_files_format() {
    let site = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site.cmd().args(["package", "astana-parking"]).assert().success();
    let zip = site.path("dist/packages/astana-parking.zip");
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let csv = read("astana-parking/transfer/inventory-ru.csv");
    let html = read("astana-parking/transfer/inventory-kk.html");
    // Every file row names a PUID or says unidentified; the YAML and SQL of the sample are
    // not in PRONOM's signatures, its zip is.
    let rows: Vec<&str> = csv.lines().skip(1).filter(|l| l.contains("data/")).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(row.contains("fmt/") || row.contains("unidentified"), "{row}");
    }
    assert!(csv.contains("PUID"), "{csv}");
    assert!(html.contains("PUID") && (html.contains("fmt/") || html.contains("x-fmt/")), "{html}");

    // examine: every file of the deposit with its format, in the JSON.
    let out = site.cmd().args(["--format", "json", "examine", "astana-parking/2.1", "--dry-run"]).output().unwrap();
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let formats = c["formats"].as_array().expect("formats");
    let files = site.path("archive/astana-parking/2.1");
    let count = walk_files(&files);
    assert!(formats.len() >= count - 2, "{} formats, {count} files", formats.len());
    assert!(formats.iter().all(|f| f["path"].is_string() && f["name"].is_string()), "{formats:?}");
}

fn walk_files(dir: &Path) -> usize {
    fs::read_dir(dir).unwrap().flatten().map(|e| if e.path().is_dir() { walk_files(&e.path()) } else { 1 }).sum()
}

#[test]
fn the_internal_deposit_page_names_each_files_format_as_examined() {
    let site = Site::sample();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    let out = site.path("out");
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let page = fs::read_to_string(out.join("internal/en/systems/astana-parking/2.1/index.html")).unwrap();
    assert!(page.contains("Format (PRONOM PUID)"), "the files table has a format column");
    assert!(page.contains("not examined yet"), "before an examination no format is claimed");
    // After the examination the page gives its formats, file by file.
    let c = site.cmd().args(["--format", "json", "examine", "astana-parking/2.1"]).output().unwrap();
    let c: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
    site.cmd().args(["build", "--out"]).arg(&out).assert().success();
    let page = fs::read_to_string(out.join("internal/en/systems/astana-parking/2.1/index.html")).unwrap();
    let mut shown = 0;
    for f in c["formats"].as_array().unwrap() {
        if let Some(puid) = f["puid"].as_str() {
            assert!(page.contains(&format!("<code>{puid}</code>")), "{puid} of {} not on the page", f["path"]);
            shown += 1;
        }
    }
    assert!(shown > 0, "no identified file in the sample deposit");
    let public = fs::read_to_string(out.join("public/en/systems/astana-parking/2.1/index.html")).unwrap();
    assert!(!public.contains("PRONOM PUID"), "the public edition lists no files");
}
