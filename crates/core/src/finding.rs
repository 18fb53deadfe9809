//! Findings: what a check says about the archive, each citing a rule.

use serde::{Deserialize, Serialize};

use crate::messages::{Args, Lang};
use crate::yaml::Pos;

/// How serious a finding is. Only `error` makes `check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing to fix.
    Info,
    /// Something to look at or fix; `check` still succeeds.
    Warning,
    /// A breach of a rule: `check` exits with 1.
    Error,
}

impl Severity {
    /// The name used in the JSON and the reports: `info`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Rule IDs of qoima's own checks, for what the law does not say but a sound archive needs.
pub mod house {
    /// The YAML file cannot be read (syntax, types, unknown or duplicate keys).
    pub const YAML: &str = "QOIMA-YAML";
    /// A plain YAML scalar that YAML 1.1 readers misread (`NO`, `1.10`, `0755`).
    pub const YAML11: &str = "QOIMA-YAML11";
    /// Symbolic links are never followed.
    pub const SYMLINK: &str = "QOIMA-SYMLINK";
    /// File names: valid UTF-8, no twins under Unicode normalization or case.
    pub const NAME: &str = "QOIMA-NAME";
    /// Files that are not regular files or folders (FIFOs, devices, sockets).
    pub const SPECIAL: &str = "QOIMA-SPECIAL";
    /// A file or folder that cannot be read.
    pub const IO: &str = "QOIMA-IO";
    /// Dates in the future, unknown event kinds, missing particulars.
    pub const EVENT: &str = "QOIMA-EVENT";
    /// No rulebook applies, or an unknown one is named.
    pub const RULEBOOK: &str = "QOIMA-RULEBOOK";
    /// The working-day calendar does not know a year a deadline falls in.
    pub const CALENDAR: &str = "QOIMA-CALENDAR";
    /// Keys that must be unique across the archive (IS codes) are not.
    pub const UNIQUE: &str = "QOIMA-UNIQUE";
    /// A temporary file of an interrupted qoima run inside a deposit.
    pub const TEMP: &str = "QOIMA-TEMP";
    /// A file with more than one name (hard links): a change through another name, possibly
    /// outside the archive, changes the deposit.
    pub const HARDLINK: &str = "QOIMA-HARDLINK";
    /// A sparse file: far longer than the bytes it stores.
    pub const SPARSE: &str = "QOIMA-SPARSE";
    /// A seal's source SWHID that is not the one Software Heritage computes for source/ (empty
    /// folders left out by an earlier qoima).
    pub const SWHID: &str = "QOIMA-SWHID";
    /// A line of one of qoima's records (the number register, a journal, the fixity log) that
    /// cannot be read.
    pub const RECORD: &str = "QOIMA-RECORD";
    /// A deposit's `version:` is not its version folder's name.
    pub const VERSION: &str = "QOIMA-VERSION";
    /// site.toml does not name a body whose documents the archive calls for (the authorized
    /// body, the state technical service).
    pub const SITE: &str = "QOIMA-SITE";
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// The rule ID: a clause of a regulation (`O146-5.2`, `D1124-40`) or a house rule (`QOIMA-…`).
    pub rule: String,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based line in the YAML file when the finding is about a value; null otherwise.
    pub line: Option<u32>,
    /// 1-based column of the value on `line`; null when `line` is.
    pub column: Option<u32>,
    /// What is wrong and what to do, in English (also when the report is in another language).
    pub message: String,
    /// The id of the message in the translation files (locales/*/*.ftl), for findings made
    /// from one; their text in any language is `messages` of this id with `args`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// The message's arguments, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Args>,
    /// The system folder the finding belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The deposit (`system/version`) the finding belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deposit: Option<String>,
}

impl Finding {
    /// A finding with an English message only, said the same in every language.
    pub fn new(
        severity: Severity,
        rule: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            severity,
            rule: rule.into(),
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            message_id: None,
            args: None,
            system: None,
            deposit: None,
        }
    }

    /// A finding whose text is message `id` of the translation files with `args`; `message`
    /// is its English text.
    pub fn with_id(
        severity: Severity,
        rule: impl Into<String>,
        path: impl Into<String>,
        id: &str,
        args: Args,
    ) -> Finding {
        let mut f = Finding::new(severity, rule, path, crate::messages::text(Lang::En, id, &args));
        f.message_id = Some(id.to_string());
        f.args = Some(args);
        f
    }

    /// A finding that says a text of the rulebook (`message:` of a component check, a field…):
    /// `id` is the text's place in the rulebook ([`crate::rulebook::Rulebook::text_id`]), the
    /// argument `text` the text in every language the rulebook gives, `message` its English.
    pub fn from_rulebook(
        severity: Severity,
        rule: impl Into<String>,
        path: impl Into<String>,
        id: String,
        text: &crate::messages::Text,
    ) -> Finding {
        let mut f = Finding::new(severity, rule, path, text.en());
        f.message_id = Some(id);
        f.args = Some(crate::args! { "text" => text });
        f
    }

    /// The message in `lang`: the English `message` for a finding made without a message id.
    pub fn text(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        match (&self.message_id, lang) {
            (_, Lang::En) | (None, _) => self.message.as_str().into(),
            // A rulebook's text: the id is its place in the rulebook, the text in `args`.
            (Some(id), _) if id.contains('/') => {
                let text = self.args.as_ref().and_then(|a| a.get("text"));
                text.and_then(|t| crate::messages::localized(t, lang)).unwrap_or(&self.message).into()
            }
            (Some(id), _) => {
                let none = Args::new();
                crate::messages::text(lang, id, self.args.as_ref().unwrap_or(&none)).into()
            }
        }
    }

    /// An error finding with an English message only.
    pub fn error(rule: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Error, rule, path, message)
    }

    /// A warning finding with an English message only.
    pub fn warning(rule: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Warning, rule, path, message)
    }

    /// An info finding with an English message only.
    pub fn info(rule: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Info, rule, path, message)
    }

    /// Points the finding at a position in its file (ignored when unknown). A position read
    /// from a system's journal points the finding at the journal, whatever file it named.
    pub fn at(mut self, pos: Pos) -> Finding {
        if pos.journal {
            self.path = crate::layout::journal_beside(&self.path);
        }
        if pos.is_known() {
            self.line = Some(pos.line);
            self.column = Some(pos.column);
        }
        self
    }

    /// Ties the finding to the system in folder `system`.
    pub fn in_system(mut self, system: &str) -> Finding {
        self.system = Some(system.to_string());
        self
    }

    /// Ties the finding to the deposit whose key (`system/version`) is `key`, and to its system.
    pub fn in_deposit(mut self, key: &str) -> Finding {
        let (system, _) = key.split_once('/').unwrap_or((key, ""));
        self.system = Some(system.to_string());
        self.deposit = Some(key.to_string());
        self
    }

    /// The order findings are printed in: by path, then position, then rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (&self.path, self.line.unwrap_or(0), self.column.unwrap_or(0), &self.rule, &self.message)
    }
}

/// Sorts findings for stable output and drops exact duplicates.
pub fn normalize(findings: &mut Vec<Finding>) {
    use rayon::slice::ParallelSliceMut;
    // Stable, as the order of findings with the same key is the order they were found in.
    findings.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_with_a_message_id_carries_it_and_its_args_beside_the_english_message() {
        let f = Finding::with_id(
            Severity::Error,
            "D1124-7",
            "archive/a/1.0/x",
            "seal-file-added",
            crate::args! { "number" => "KZ-DEP-2026-000001" },
        );
        assert_eq!(
            f.message,
            "a file added after sealing (KZ-DEP-2026-000001): a sealed deposit never changes; remove it, or deposit a new version"
        );
        assert!(f.text(Lang::Ru).starts_with("файл добавлен после опечатывания (KZ-DEP-2026-000001)"));
        assert_eq!(f.text(Lang::En), f.message);
        let json = serde_json::to_value(&f).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["severity", "rule", "path", "line", "column", "message", "message_id", "args"]);
        assert_eq!(json["args"], serde_json::json!({"number": "KZ-DEP-2026-000001"}));
        assert_eq!(serde_json::from_value::<Finding>(json).unwrap(), f, "read back");
        let plain = serde_json::to_value(Finding::error("QOIMA-IO", "x", "cannot be read")).unwrap();
        assert!(plain.get("message_id").is_none() && plain.get("args").is_none(), "{plain}");
    }

    #[test]
    fn a_rulebook_text_is_said_in_the_readers_language_and_kept_whole_in_json() {
        let books = crate::rulebook::Rulebooks::builtin();
        let book = books.get("O146").unwrap();
        let (id, text) = book.texts().into_iter().find(|(id, _)| id.ends_with("/build.environment_version")).unwrap();
        assert_eq!(id, "O146/fields/build.environment_version");
        let f = Finding::from_rulebook(Severity::Error, "O146-5.1", "a/deposit.yaml", id.clone(), text);
        assert_eq!(f.message, "name the version of the development environment (O146-5.1)");
        assert_eq!(f.text(Lang::En), f.message);
        assert_eq!(f.text(Lang::Kk), "әзірлеу ортасының нұсқасын көрсетіңіз (O146-5.1)");
        assert_eq!(f.text(Lang::Ru), "укажите версию среды разработки (O146-5.1)");
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["message_id"], id);
        assert_eq!(json["args"]["text"]["kk"], "әзірлеу ортасының нұсқасын көрсетіңіз (O146-5.1)");
        assert_eq!(json["args"]["text"]["en"], json["message"]);
        let back: Finding = serde_json::from_value(json).unwrap();
        assert_eq!(back, f, "read back");
        assert_eq!(back.text(Lang::Ru), "укажите версию среды разработки (O146-5.1)");
    }

    #[test]
    fn an_argument_in_several_languages_is_said_in_the_messages_language() {
        let title = serde_json::json!({"kk": "Қолдану сипаттамасы", "ru": "Описание применения", "en": "Application description"});
        let args = crate::args! { "title" => title, "item" => "application_description", "folder" => "docs", "rule" => "D1124-30.5" };
        let f = Finding::with_id(Severity::Warning, "D1124-30.5", "d.yaml", "documentation-item-missing", args);
        assert_eq!(
            f.message,
            "the documentation set lacks the Application description (`documentation: {application_description: docs/…}`), D1124-30.5"
        );
        assert!(
            f.text(Lang::Kk).starts_with("құжаттама жиынтығында «Қолдану сипаттамасы» жоқ"),
            "{}",
            f.text(Lang::Kk)
        );
        assert!(
            f.text(Lang::Ru).starts_with("в комплекте документации нет документа «Описание применения»"),
            "{}",
            f.text(Lang::Ru)
        );
    }
}
