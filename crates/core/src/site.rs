//! `site.toml`: the settings of one site root (the archive, its rules, calendar and catalogue).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::meta::Localized;

/// The file that marks a site root.
pub const SITE_FILE: &str = "site.toml";

/// The settings of a site root, read from `site.toml`; every section may be left out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// `[site]`: the catalogue's title, languages, theme and folders, and the operator's name.
    #[serde(default)]
    pub site: SiteSection,
    /// `[rules]`: the site's own rulebook files and the fallback rulebook.
    #[serde(default)]
    pub rules: RulesSection,
    /// `[calendar]`: extra calendar files for counting working days.
    #[serde(default)]
    pub calendar: CalendarSection,
    /// `[numbering]`: the form of depository numbers.
    #[serde(default)]
    pub numbering: NumberingSection,
    /// `[replica]`: where the second copy of the sealed deposits is kept (D1124-31).
    #[serde(default)]
    pub replica: ReplicaSection,
    /// `[records]`: who seals when `qoima seal` is given no `--by`.
    #[serde(default)]
    pub records: RecordsSection,
    /// The authorized body (O146-4, D1124): issues the registration certificate (D1124-18), the
    /// official request (D1124-26) and the written warning (D1124-50).
    #[serde(default)]
    pub authorized_body: Option<Body>,
    /// The state technical service (D1124-40…41-1): issues the verification conclusion and the
    /// depository certificate of a deposit under D1124.
    #[serde(default)]
    pub technical_service: Option<Body>,
    /// The operator's signatory and place for the documents it issues (O146 deposits, transfer
    /// packages); its name is `[site] operator`.
    #[serde(default)]
    pub operator: Option<OperatorSection>,
}

/// A body that issues documents: its name in each language and who signs for it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The body's name in each language, printed on the documents it issues.
    pub name: Localized,
    /// Who signs its documents; None when site.toml names no one.
    #[serde(default)]
    pub signatory: Option<Signatory>,
    /// Where its documents are drawn up (e.g. "Астана қ.").
    #[serde(default)]
    pub place: Option<Localized>,
}

/// The operator's own signatory and place.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorSection {
    /// Who signs for the operator on the transfer act and inventory of a package.
    #[serde(default)]
    pub signatory: Option<Signatory>,
    /// Where the operator's documents are drawn up (e.g. "Астана қ.").
    #[serde(default)]
    pub place: Option<Localized>,
}

/// Who signs a body's documents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// The signatory's name, as printed.
    pub name: String,
    /// The signatory's position, in each language.
    #[serde(default)]
    pub position: Option<Localized>,
}

/// Who keeps the records.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordsSection {
    /// Who seals when `qoima seal` is given no `--by` and QOIMA_OPERATOR is not set (the name
    /// recorded in seal.yaml and the register, for ever).
    #[serde(default)]
    pub by: Option<String>,
}

/// The second copy (D1124-31): another drive holding the sealed deposits.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplicaSection {
    /// The replica's site root (absolute, or relative to this site root); deposits are copied to
    /// the same relative paths there.
    #[serde(default)]
    pub root: Option<String>,
}

/// The `[site]` section: the catalogue's title, languages, theme and folders, and the operator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSection {
    /// The catalogue's title in each language.
    #[serde(default)]
    pub title: Option<Localized>,
    /// Where the site is published (used for sitemap.xml only; every link is relative).
    #[serde(default)]
    pub base_url: Option<String>,
    /// Catalogue languages, first is the default.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// The theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Folder of the deposits, relative to the site root.
    #[serde(default = "default_archive")]
    pub archive: String,
    /// Output folder of the catalogue.
    #[serde(default = "default_output")]
    pub output: String,
    /// The operator of the depository (for reports and letters).
    #[serde(default)]
    pub operator: Option<Localized>,
}

impl Default for SiteSection {
    fn default() -> Self {
        SiteSection {
            title: None,
            base_url: None,
            languages: default_languages(),
            theme: default_theme(),
            archive: default_archive(),
            output: default_output(),
            operator: None,
        }
    }
}

fn default_languages() -> Vec<String> {
    vec!["kk".into(), "ru".into(), "en".into()]
}
fn default_theme() -> String {
    "default".into()
}
fn default_archive() -> String {
    "archive".into()
}
fn default_output() -> String {
    "dist".into()
}

/// The `[rules]` section: which rulebooks the site works with.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    /// Rulebook files (relative to the site root) that replace a shipped rulebook with the same
    /// id, or add a new one.
    #[serde(default)]
    pub files: Vec<String>,
    /// The rulebook for deposits dated when no rulebook was in force (e.g. after O146 was
    /// repealed); without it such deposits get a finding and no rulebook checks.
    #[serde(default)]
    pub fallback: Option<String>,
}

/// The `[calendar]` section: what the site adds to the shipped Kazakh calendar.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSection {
    /// Extra calendar files (same format as calendar/kz.yaml) that add holidays, transfers and
    /// years to the shipped calendar.
    #[serde(default)]
    pub files: Vec<String>,
}

/// The `[numbering]` section: how depository numbers are formed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberingSection {
    /// The form of depository numbers: `{year}` and `{seq}` (zero-padded to `width`).
    #[serde(default = "default_number_format")]
    pub format: String,
    /// How many digits `{seq}` is padded to with zeros (6: `KZ-DEP-2026-000042`).
    #[serde(default = "default_width")]
    pub width: usize,
}

impl Default for NumberingSection {
    fn default() -> Self {
        NumberingSection { format: default_number_format(), width: default_width() }
    }
}

fn default_number_format() -> String {
    "KZ-DEP-{year}-{seq}".into()
}
fn default_width() -> usize {
    6
}

/// Why site.toml could not be used.
#[derive(Debug)]
pub struct SiteError {
    /// The `site.toml` that could not be used.
    pub path: PathBuf,
    /// The line of the problem (1-based), when the TOML reader knows it.
    pub line: Option<u32>,
    /// The column of the problem (1-based, in characters), when the TOML reader knows it.
    pub column: Option<u32>,
    /// Why, in English.
    pub message: String,
    /// Why, as a message in every language (`site-*` in `qoima.ftl`), naming the place; boxed
    /// to keep the error small.
    pub why: Box<crate::messages::Msg>,
}

impl std::fmt::Display for SiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for SiteError {}

/// A reason site.toml cannot be used, with where: line and column when the TOML reader knows them.
pub type TomlError = (Option<u32>, Option<u32>, String);

impl SiteConfig {
    /// The replica's site root, when site.toml names one (relative to the site `root`, or absolute).
    pub fn replica_root(&self, root: &Path) -> Option<std::path::PathBuf> {
        let r = self.replica.root.as_ref()?;
        let p = Path::new(r);
        Some(if p.is_absolute() { p.to_path_buf() } else { root.join(p) })
    }

    /// Reads `site.toml` from the site root.
    pub fn load(root: &Path) -> Result<SiteConfig, SiteError> {
        use crate::messages::Msg;
        let path = root.join(SITE_FILE);
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let (message, why) = if e.kind() == std::io::ErrorKind::NotFound {
                let why = Msg::new("site-missing", crate::args! { "path" => shown.as_str(), "file" => SITE_FILE });
                (
                    format!(
                        "no {SITE_FILE} here or in any folder above: run qoima inside a site root, or pass --root DIR"
                    ),
                    why,
                )
            } else {
                let why = Msg::new(
                    "site-unreadable",
                    crate::args! { "path" => shown.as_str(), "error" => crate::messages::io(&e) },
                );
                (format!("cannot read it: {e}"), why)
            };
            SiteError { path: path.clone(), line: None, column: None, message, why: Box::new(why) }
        })?;
        Self::from_toml_str(&text).map_err(|(line, column, message)| {
            let at = match (line, column) {
                (Some(l), Some(c)) => format!(":{l}:{c}"),
                _ => String::new(),
            };
            let why = site_toml_problem(&format!("{shown}{at}"), &message);
            SiteError { path, line, column, message, why: Box::new(why) }
        })
    }

    /// Reads the text of a `site.toml`; a problem comes back with its line and column when known.
    pub fn from_toml_str(text: &str) -> Result<SiteConfig, TomlError> {
        toml::from_str::<SiteConfig>(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => {
                    let (l, c) = line_col(text, span.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            (line, column, e.message().to_string())
        })
    }
}

/// What the TOML reader said of site.toml, as a message: an unknown or missing key and a
/// duplicate key in the operator's language, anything else quoted as the reader said it.
fn site_toml_problem(at: &str, said: &str) -> crate::messages::Msg {
    use crate::messages::Msg;
    let quoted = |rest: &str| {
        rest.strip_prefix('`').and_then(|r| r.split_once('`')).map(|(name, tail)| (name.to_string(), tail.to_string()))
    };
    if let Some((key, tail)) = said.strip_prefix("unknown field ").and_then(quoted) {
        // serde lists what is allowed as "`a`", "`a` or `b`" or "one of `a`, `b`, `c`".
        let expected = tail.strip_prefix(", expected ").unwrap_or("");
        let expected = expected.strip_prefix("one of ").unwrap_or(expected).replace("` or `", "`, `");
        let expected = if expected.is_empty() { "none".to_string() } else { expected };
        return Msg::new("site-unknown-key", crate::args! { "at" => at, "key" => key, "expected" => expected });
    }
    if let Some((key, _)) = said.strip_prefix("missing field ").and_then(quoted) {
        return Msg::new("site-missing-key", crate::args! { "at" => at, "key" => key });
    }
    if said == "duplicate key" {
        return Msg::new("site-duplicate-key", crate::args! { "at" => at });
    }
    Msg::new("site-invalid", crate::args! { "at" => at, "said" => said })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map(|s| s.chars().count()).unwrap_or(0) + 1;
    (line as u32, col as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_errors() {
        let c = SiteConfig::from_toml_str("").unwrap();
        assert_eq!(c.site.archive, "archive");
        assert_eq!(c.site.languages, ["kk", "ru", "en"]);
        let e = SiteConfig::from_toml_str("[site]\narchve = \"x\"\n").unwrap_err();
        assert_eq!(e.0, Some(2));
        assert!(e.2.contains("archve"), "{}", e.2);
    }
}
