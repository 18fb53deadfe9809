//! Where things are in a site: the names qoima reads and writes in system and deposit folders.
//! Every stage takes them from here.

/// The metadata file of a system folder.
pub const SYSTEM_FILE: &str = "system.yaml";
/// The metadata file of a deposit (version) folder.
pub const DEPOSIT_FILE: &str = "deposit.yaml";
/// The journal of a system folder: what happened after its deposits were sealed.
pub const JOURNAL_FILE: &str = "journal.yaml";
/// The manifest inside a sealed deposit folder, in the format of GNU `sha256sum`.
pub const MANIFEST: &str = "manifest-sha256.txt";
/// The seal record inside a sealed deposit folder.
pub const SEAL: &str = "seal.yaml";
/// The folder of conclusions inside a deposit: not covered by the seal, never rewritten; each
/// file in it is named with its SHA-256 in the system's journal.
pub const CONCLUSIONS: &str = "conclusions";

/// The component folders a deposit may have (O146-5.1…5.6, D1124-30.1…30.6).
pub const COMPONENT_DIRS: &[&str] = &["source", "install", "extra", "database", "license-config", "docs"];
/// Names reserved in a deposit folder for what qoima itself writes there: the seal manifest
/// (readable by `sha256sum -c`), the seal record, and verification conclusions.
pub const RESERVED_IN_DEPOSIT: &[&str] = &[MANIFEST, SEAL, CONCLUSIONS];

/// The journal beside a system's or deposit's metadata file (`archive/S/system.yaml`,
/// `archive/S/V/deposit.yaml`), or beside a path inside a deposit; other paths stay as they are.
pub fn journal_beside(path: &str) -> String {
    let system_dir = if let Some(dir) = path.strip_suffix(SYSTEM_FILE).and_then(|d| d.strip_suffix('/')) {
        Some(dir)
    } else {
        path.strip_suffix(DEPOSIT_FILE)
            .and_then(|d| d.strip_suffix('/'))
            .and_then(|d| d.rsplit_once('/'))
            .map(|(s, _)| s)
    };
    match system_dir {
        Some(dir) => format!("{dir}/{JOURNAL_FILE}"),
        None => path.to_string(),
    }
}
