//! `qoima new`: a commented deposit.yaml (and system.yaml for a new system) and the empty
//! component folders. It never overwrites anything.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::model::{COMPONENT_DIRS, DEPOSIT_FILE, SYSTEM_FILE};
use crate::rulebook::Rulebooks;

use crate::error::Error;
use crate::messages::Msg;

const SYSTEM_TEMPLATE: &str = include_str!("../../../templates/new/system.yaml");
const DEPOSIT_TEMPLATE: &str = include_str!("../../../templates/new/deposit.yaml");

/// What `new` created, relative to the site root.
#[derive(Debug, Default)]
pub struct Created {
    /// The files and folders made, relative to the site root.
    pub paths: Vec<String>,
}

/// Checks that a folder name is safe to create: one path segment, no control characters.
pub fn valid_segment(name: &str) -> Result<(), Error> {
    let why = if name.is_empty() || name == "." || name == ".." {
        "empty"
    } else if name.contains(['/', '\\']) || name.chars().any(char::is_control) {
        "path"
    } else if name.starts_with('.') {
        "hidden"
    } else {
        return Ok(());
    };
    let said = crate::messages::Msg::new("new-bad-folder-name", crate::args! { "name" => name, "why" => why });
    Err(Error::from(said))
}

/// Scaffolds `archive/<system>/<version>/`, naming `rulebook` in deposit.yaml.
pub fn new_deposit(
    root: &Path,
    archive_dir: &str,
    system: &str,
    version: &str,
    today: NaiveDate,
    rulebook: &Rulebooks,
) -> Result<Created, Error> {
    valid_segment(system)?;
    valid_segment(version)?;
    let archive = root.join(archive_dir);
    if !archive.is_dir() {
        let args = crate::args! { "path" => archive.display().to_string() };
        return Err(Error::from(Msg::new("new-no-archive", args)));
    }
    let sys_dir = archive.join(system);
    let dep_dir = sys_dir.join(version);
    if fs::symlink_metadata(&dep_dir).is_ok() {
        let args = crate::args! { "path" => format!("{archive_dir}/{system}/{version}") };
        return Err(Error::from(Msg::new("new-exists", args)));
    }
    let mut created = Created::default();
    let code = existing_code(&sys_dir.join(SYSTEM_FILE)).unwrap_or_default();
    let (book, why) = pick_rulebook(rulebook, today);
    let fill = |t: &str| {
        t.replace("{{code}}", &code)
            .replace("{{rulebook}}", &book)
            .replace("{{rulebook_why}}", why)
            .replace("{{version}}", version)
            .replace("{{today}}", &today.to_string())
            .replace("{{year}}", &today.year().to_string())
    };
    fs::create_dir_all(&sys_dir).map_err(|e| Error::io(&sys_dir, e))?;
    let sys_file = sys_dir.join(SYSTEM_FILE);
    if fs::symlink_metadata(&sys_file).is_err() {
        write_new(&sys_file, &fill(SYSTEM_TEMPLATE))?;
        created.paths.push(format!("{archive_dir}/{system}/{SYSTEM_FILE}"));
    }
    fs::create_dir(&dep_dir).map_err(|e| Error::io(&dep_dir, e))?;
    write_new(&dep_dir.join(DEPOSIT_FILE), &fill(DEPOSIT_TEMPLATE))?;
    created.paths.push(format!("{archive_dir}/{system}/{version}/{DEPOSIT_FILE}"));
    for c in COMPONENT_DIRS {
        fs::create_dir(dep_dir.join(c)).map_err(|e| Error::io(dep_dir.join(c), e))?;
        created.paths.push(format!("{archive_dir}/{system}/{version}/{c}/"));
    }
    Ok(created)
}

/// The rulebook a deposit made today falls under: the one in force, else the site's fallback,
/// else the one in force most recently. Written into the file, so the choice is visible.
fn pick_rulebook(books: &Rulebooks, today: NaiveDate) -> (String, &'static str) {
    if let Some(b) = books.in_force_on(today) {
        return (b.id.clone(), "in force today");
    }
    if let Some(f) = &books.fallback {
        return (f.clone(), "none is in force today: site.toml's fallback");
    }
    let latest = books.books.iter().max_by_key(|b| b.in_force.to.unwrap_or(NaiveDate::MAX));
    (latest.map(|b| b.id.clone()).unwrap_or_default(), "none is in force today: the latest one")
}

fn existing_code(path: &PathBuf) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let doc: crate::meta::SystemDoc = crate::yaml::parse(&text).ok()?;
    Some(doc.code.value)
}

/// Writes a file that must not exist yet, through a temporary file and a rename.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".{}.qoima-tmp", path.file_name().and_then(|n| n.to_str()).unwrap_or("new")));
    let mut f = fs::File::create_new(&tmp).map_err(|e| Error::io(&tmp, e))?;
    f.write_all(text.as_bytes()).and_then(|_| f.sync_all()).map_err(|e| Error::io(&tmp, e))?;
    if fs::symlink_metadata(path).is_ok() {
        let _ = fs::remove_file(&tmp);
        return Err(Error::from(Msg::new("new-exists", crate::args! { "path" => path.display().to_string() })));
    }
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}
