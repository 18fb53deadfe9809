//! The register of the transfer packages a site has built (`dist/packages/index.json`): what
//! `qoima package` writes after each bag and what the catalogue links to.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use chrono::NaiveDate;

/// The folder of packages under the site output (`dist/packages/`), and its register.
pub const PACKAGES_DIR: &str = "packages";

/// The file name of the register of packages in the packages folder.
pub const INDEX: &str = "index.json";

/// A package, as written.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Package {
    /// The id of the system packaged.
    pub system: String,
    /// The version, for a package of one version.
    pub version: Option<String>,
    /// The package's file name in the packages folder (`<bag>.zip`).
    pub file: String,
    /// The size of the package file, in bytes.
    pub bytes: u64,
    /// The SHA-256 of the package file, in hex.
    pub sha256: String,
    /// The bag's date: the latest seal date of the deposits inside.
    pub bagging_date: NaiveDate,
    /// The number of payload files in the bag.
    pub payload_files: u64,
    /// The payload's total size in bytes (the first number of the bag's Payload-Oxum).
    pub payload_bytes: u64,
    /// Depository numbers of the deposits inside.
    pub numbers: Vec<String>,
    /// The deposits inside, each with the SHA-256 of its seal manifest: when a seal changes,
    /// the package is out of date.
    pub seals: BTreeMap<String, String>,
}

/// The register of packages written under the site output: `packages/index.json`.
pub fn read_index(dir: &Path) -> Vec<Package> {
    fs::read(dir.join(INDEX)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// Records a package in the register (replacing an older one of the same file).
pub fn record(dir: &Path, p: &Package) -> io::Result<()> {
    let mut all = read_index(dir);
    all.retain(|q| q.file != p.file);
    all.push(p.clone());
    all.sort_by(|a, b| a.file.cmp(&b.file));
    let text = serde_json::to_vec_pretty(&all).map_err(io::Error::other)?;
    crate::atomic::write(&dir.join(INDEX), &text)
}
