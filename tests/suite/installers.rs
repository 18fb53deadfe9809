//! Windows installers in a deposit are checked for real by `qoima examine`: a PE's headers and
//! section table against the file, an MSI's sector chains and streams. A damaged installer makes
//! the conclusion negative with the reason; intact ones pass.

use crate::common;

use std::fs;
use std::io::Write;

use common::*;

/// A real Windows executable found on the machine: pip's launcher stub (distlib's t64.exe).
fn real_exe() -> Option<Vec<u8>> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import os, pip._vendor.distlib as d; print(os.path.join(os.path.dirname(d.__file__), 't64.exe'))",
        ])
        .output();
    let path = out.ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let bytes = path.and_then(|p| fs::read(p).ok());
    if bytes.is_none() {
        assert!(
            std::env::var("CI").map(|v| v != "true").unwrap_or(true),
            "CI=true but pip's t64.exe (a Windows executable to examine) is not on this machine"
        );
        eprintln!("skipped: no Windows executable found on this machine (pip's distlib t64.exe)");
    }
    bytes
}

/// A compound file as MSI packages are: a few streams, one larger than a sector chain's first
/// sector.
fn msi() -> Vec<u8> {
    let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, len) in [("/\u{4840}\u{3f3f}\u{4577}\u{446c}", 70_000usize), ("/\u{5}SummaryInformation", 400)] {
        let mut s = cfb.create_stream(name).unwrap();
        s.write_all(&vec![0x5a; len]).unwrap();
    }
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

fn examine(site: &Site) -> serde_json::Value {
    let out = site.cmd().args(["--format", "json", "examine", "e-permits/1.0", "--dry-run"]).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn artifact<'a>(c: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    c["artifacts"].as_array().unwrap().iter().find(|a| a["path"] == path).unwrap_or_else(|| panic!("{path}: {c:#}"))
}

#[test]
fn a_truncated_pe_and_a_header_only_msi_make_the_conclusion_negative() {
    let Some(exe) = real_exe() else { return };
    let site = Site::minimal();
    let install = site.path("archive/e-permits/1.0/install");
    let msi = msi();
    fs::write(install.join("setup.exe"), &exe).unwrap();
    fs::write(install.join("setup.msi"), &msi).unwrap();
    let c = examine(&site);
    assert_eq!(c["positive"], true, "{c:#}");
    let pe = artifact(&c, "install/setup.exe");
    assert_eq!((pe["format"].as_str(), pe["ok"].as_bool()), (Some("pe"), Some(true)), "{pe:#}");
    assert!(pe["listing"][0].as_str().unwrap().starts_with("PE32+"), "{pe:#}");
    assert!(pe["listing"].as_array().unwrap().iter().any(|s| s == ".text"), "{pe:#}");
    let m = artifact(&c, "install/setup.msi");
    assert_eq!((m["format"].as_str(), m["ok"].as_bool(), m["entries"].as_u64()), (Some("msi"), Some(true), Some(2)));

    // The executable's headers with its first section made to claim 1 MiB; the MSI's header alone.
    let mut cut = exe[..1024].to_vec();
    let pe_at = u32::from_le_bytes(cut[0x3c..0x40].try_into().unwrap()) as usize;
    let optional = u16::from_le_bytes(cut[pe_at + 20..pe_at + 22].try_into().unwrap()) as usize;
    let first = pe_at + 24 + optional;
    cut[first + 16..first + 20].copy_from_slice(&(1u32 << 20).to_le_bytes());
    fs::write(install.join("setup.exe"), &cut).unwrap();
    fs::write(install.join("setup.msi"), &msi[..512]).unwrap();
    let c = examine(&site);
    assert_eq!(c["positive"], false, "{c:#}");
    let reasons = c["reasons"].to_string();
    assert!(reasons.contains("install/setup.exe (pe): section `.text` claims bytes"), "{reasons}");
    assert!(reasons.contains("install/setup.msi (msi)"), "{reasons}");
    assert_eq!(artifact(&c, "install/setup.exe")["ok"], false);
    assert_eq!(artifact(&c, "install/setup.msi")["ok"], false);

    // Its first 512 bytes: the headers themselves are cut.
    fs::write(install.join("setup.exe"), &exe[..512]).unwrap();
    let c = examine(&site);
    assert_eq!(c["positive"], false, "{c:#}");
    let problem = artifact(&c, "install/setup.exe")["problem"].as_str().unwrap().to_string();
    assert!(problem.starts_with("truncated: the headers declare"), "{problem}");
}
