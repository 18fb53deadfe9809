//! Themes as data: `themes/<name>/templates/*.html` (tera 2), `static/` (copied as is) and
//! `i18n/<lang>.toml` (every word of the interface; Rust code holds none).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A theme, loaded.
pub struct Theme {
    pub dir: PathBuf,
    pub tera: tera::Tera,
    /// Language → key → text; keys missing in a language are filled from English.
    pub i18n: BTreeMap<String, toml::Table>,
}

impl Theme {
    /// Loads `themes/<name>` under the site root, else the installed theme of that name
    /// (`../share/qoima/themes/<name>` beside the binary: /usr/share/qoima/themes from the
    /// Debian package).
    pub fn load(root: &Path, name: &str) -> Result<Theme, String> {
        let own = root.join("themes").join(name);
        let installed = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.parent()?.join("share/qoima/themes").join(name)));
        let dir = match installed {
            Some(dir) if !own.is_dir() && dir.is_dir() => dir,
            _ => own,
        };
        let templates = dir.join("templates");
        let mut files: Vec<(PathBuf, Option<String>)> = Vec::new();
        let read = std::fs::read_dir(&templates)
            .map_err(|e| format!("{}: cannot read the theme's templates: {e}", templates.display()))?;
        for entry in read.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html" || e == "xml" || e == "txt") {
                let name = path.file_name().and_then(|n| n.to_str()).map(str::to_string);
                files.push((path, name));
            }
        }
        files.sort();
        let mut tera = tera::Tera::new();
        tera.add_template_files(files.iter().map(|(p, n)| (p.as_path(), n.as_deref())))
            .map_err(|e| format!("theme {name}: {e}"))?;
        let mut i18n = BTreeMap::new();
        let dir_i18n = dir.join("i18n");
        let read = std::fs::read_dir(&dir_i18n).map_err(|e| format!("{}: {e}", dir_i18n.display()))?;
        for entry in read.flatten() {
            let path = entry.path();
            let Some(lang) =
                path.file_stem().and_then(|s| s.to_str()).filter(|_| path.extension().is_some_and(|e| e == "toml"))
            else {
                continue;
            };
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let table: toml::Table = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            i18n.insert(lang.to_string(), table);
        }
        let english = i18n.get("en").cloned().ok_or_else(|| format!("theme {name}: i18n/en.toml is missing"))?;
        for table in i18n.values_mut() {
            for (k, v) in &english {
                table.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        Ok(Theme { dir, tera, i18n })
    }

    /// The translations of `lang` (English when the theme lacks the language).
    pub fn words(&self, lang: &str) -> &toml::Table {
        self.i18n.get(lang).or_else(|| self.i18n.get("en")).expect("en is checked at load")
    }
}

/// One word of a translation table, or the key itself when it is missing.
pub fn word<'a>(t: &'a toml::Table, key: &'a str) -> &'a str {
    t.get(key).and_then(|v| v.as_str()).unwrap_or(key)
}

/// A date in the language's own form (`date_format` with `{day}`, `{month}`, `{year}`).
pub fn format_date(t: &toml::Table, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = t
        .get("months")
        .and_then(|m| m.as_array())
        .and_then(|m| m.get(d.month0() as usize))
        .and_then(|m| m.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| format!("{:02}", d.month()));
    word(t, "date_format")
        .replace("{day}", &d.day().to_string())
        .replace("{month}", &month)
        .replace("{year}", &d.year().to_string())
}
