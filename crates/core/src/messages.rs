//! What qoima says, in the reader's language: Kazakh, Russian or English.
//!
//! Every message has a stable id and named arguments; its text is made only where it is shown,
//! from the Fluent files `locales/{kk,ru,en}/*.ftl` (embedded in the binary, edited by
//! translators without touching Rust; docs/messages.md). Plurals follow CLDR's rules for each
//! language, numbers are written the language's way (`10 000` in Kazakh and Russian,
//! `10,000` in English), and a message missing in Kazakh or Russian falls back to English.
//!
//! A call site makes a finding with [`crate::finding::Finding::with_id`] and [`args!`]:
//!
//! ```text
//! Finding::with_id(Severity::Error, "D1124-7", path, "seal-file-added", args! { "number" => number })
//! ```

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde_json::Value;

/// A message's arguments, by name, in the order given (as the JSON report shows them).
pub type Args = serde_json::Map<String, Value>;

/// Builds [`Args`]: `args! { "number" => number, "line" => n }`. Strings stay strings; integers
/// become numbers (formatted and pluralised by the language); a text given in each language
/// ([`in_each_language`]) is said in the message's.
#[macro_export]
macro_rules! args {
    () => { $crate::messages::Args::new() };
    ($($name:literal => $value:expr),+ $(,)?) => {{
        let mut a = $crate::messages::Args::new();
        $( a.insert($name.to_string(), serde_json::Value::from($value)); )+
        a
    }};
}

/// A message not yet said: its id and arguments, made into text in the reader's language where
/// it is shown. As an argument of another message ([`Msg::arg`]) it is made in that message's
/// language: `yaml-not-read` says why a file was not read with the message of the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    /// The message's id in the Fluent files (`seal-file-added`).
    pub id: &'static str,
    /// The message's arguments, by name.
    pub args: Args,
}

impl Msg {
    /// A message with this id and these arguments (see [`args!`]).
    pub fn new(id: &'static str, args: Args) -> Msg {
        Msg { id, args }
    }

    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        text(lang, self.id, &self.args)
    }

    /// The English text (what the JSON report's `message` and English-only callers show).
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }

    /// This message as an argument of another: `{"id": …, "args": {…}}`.
    pub fn arg(&self) -> Value {
        serde_json::json!({ "id": self.id, "args": self.args })
    }
}

/// An error a part of qoima says only in English (an operating system's error, a record that
/// cannot be read), carried on as a message: `error-as-said`, the text as it is in every language.
impl From<String> for Msg {
    fn from(error: String) -> Msg {
        Msg::new("error-as-said", crate::args! { "error" => error })
    }
}

/// A text of the rulebook that a finding says (`message:`), in Kazakh, Russian and English:
/// `{kk: "…", ru: "…", en: "…"}` in the YAML. A plain string is English only (a site's own
/// rulebook may be written so); the shipped rulebooks give all three.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Text {
    /// The text in Kazakh, when the rulebook has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kk: Option<String>,
    /// The text in Russian, when the rulebook has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    /// The text in English, when the rulebook has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The text in `lang` when the rulebook has it, else in English, else in Russian or Kazakh.
    pub fn get(&self, lang: Lang) -> &str {
        let own = match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        };
        [own, &self.en, &self.ru, &self.kk]
            .into_iter()
            .find_map(|t| t.as_deref().filter(|t| !t.trim().is_empty()))
            .unwrap_or_default()
    }

    /// The English text (what a finding's `message` says).
    pub fn en(&self) -> &str {
        self.get(Lang::En)
    }

    /// Whether the rulebook gives the text in `lang` itself.
    pub fn has(&self, lang: Lang) -> bool {
        self.own(lang).is_some_and(|t| !t.trim().is_empty())
    }

    fn own(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Kk => self.kk.as_deref(),
            Lang::Ru => self.ru.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }
}

/// The English text, for output that is English only (`qoima rules`).
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.en())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.en().to_string()
    }
}

/// A message argument in every language the rulebook gives (`{"kk": …, "ru": …, "en": …}`):
/// a message made with it says the text in its own language.
impl From<&Text> for serde_json::Value {
    fn from(t: &Text) -> serde_json::Value {
        serde_json::to_value(t).unwrap_or_default()
    }
}

impl From<Text> for serde_json::Value {
    fn from(t: Text) -> serde_json::Value {
        serde_json::Value::from(&t)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text: `{kk: \"…\", ru: \"…\", en: \"…\"}`, or a string in English")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text { en: Some(v.to_string()), ..Text::default() })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut t = Text::default();
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "kk" => &mut t.kk,
                        "ru" => &mut t.ru,
                        "en" => &mut t.en,
                        _ => return Err(serde::de::Error::unknown_field(&key, &["kk", "ru", "en"])),
                    };
                    if slot.is_some() {
                        return Err(serde::de::Error::custom(format!("duplicate mapping key: {key}")));
                    }
                    *slot = Some(map.next_value()?);
                }
                if Lang::ALL.iter().all(|l| !t.has(*l)) {
                    return Err(serde::de::Error::custom("a text with no words: give it in kk, ru and en"));
                }
                Ok(t)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// An operating system's error as a message argument: its English text as the system gives
/// it (`No such file or directory (os error 2)`), said in Kazakh or Russian by its kind
/// (`io-error` in `qoima.ftl`); a kind without a translation is said in the system's words.
pub fn io(e: &std::io::Error) -> Value {
    use std::io::ErrorKind as K;
    let kind = match e.kind() {
        K::NotFound => "not-found",
        K::PermissionDenied => "permission-denied",
        K::AlreadyExists => "already-exists",
        K::IsADirectory => "is-a-directory",
        K::NotADirectory => "not-a-directory",
        K::DirectoryNotEmpty => "directory-not-empty",
        K::StorageFull | K::QuotaExceeded => "storage-full",
        K::ReadOnlyFilesystem => "read-only",
        K::FileTooLarge => "too-large",
        K::InvalidFilename => "invalid-name",
        K::CrossesDevices => "crosses-devices",
        K::ResourceBusy | K::ExecutableFileBusy => "busy",
        K::StaleNetworkFileHandle | K::NotConnected | K::NetworkDown | K::HostUnreachable => "network",
        K::TimedOut => "timed-out",
        K::UnexpectedEof => "unexpected-end",
        K::AddrInUse => "address-in-use",
        K::AddrNotAvailable => "address-unavailable",
        K::ConnectionRefused => "connection-refused",
        _ => "other",
    };
    Msg::new("io-error", crate::args! { "kind" => kind, "error" => e.to_string() }).arg()
}

/// A file or folder with the operating system's reason it cannot be used (`path-said`).
pub fn path_io(path: impl std::fmt::Display, e: &std::io::Error) -> Msg {
    Msg::new("path-said", crate::args! { "path" => path.to_string(), "why" => io(e) })
}

/// Translation files that cannot be used: the language and what could not be parsed.
#[derive(Debug, thiserror::Error)]
#[error("{lang}: {what}")]
pub struct CatalogueError {
    /// The language of the file (`kk`, `ru`, `en`).
    pub lang: &'static str,
    /// What the Fluent parser said.
    pub what: String,
}

/// The operator's language, as the command line chose it (English until it does): what a part
/// of qoima says on standard error while it works — a wait for another run's lock — is said in it.
static OPERATOR: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(2);

/// Sets the operator's language (see [`operator`]).
pub fn set_operator(lang: Lang) {
    OPERATOR.store(lang.index() as u8, std::sync::atomic::Ordering::Relaxed);
}

/// The operator's language, for what is said while a command works.
pub fn operator() -> Lang {
    Lang::ALL[usize::from(OPERATOR.load(std::sync::atomic::Ordering::Relaxed)).min(2)]
}

/// A language qoima speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English: the language of a message missing in the others.
    #[default]
    En,
}

impl Lang {
    /// Every language, in this order: Kazakh, Russian, English.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The ISO 639-1 code: `kk`, `ru`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// A language named by a `--lang` value (`kk`, `ru`, `en`, in any case) or by a locale
    /// (`ru_RU.UTF-8`, `kk_KZ`, `en-GB`, `kk_KZ@cyrillic`). `None` for any other language and
    /// for `C` and `POSIX`.
    pub fn parse(s: &str) -> Option<Lang> {
        let lang = s.split(['_', '-', '.', '@']).next().unwrap_or_default();
        match lang.to_ascii_lowercase().as_str() {
            "kk" | "kaz" => Some(Lang::Kk),
            "ru" | "rus" => Some(Lang::Ru),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the locale, as POSIX chooses it for messages: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty. English when that locale is `C`,
    /// `POSIX`, a language qoima does not speak, or none is set. `var` reads a variable.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()))
            .and_then(|v| Lang::parse(&v))
            .unwrap_or(Lang::En)
    }

    /// [`Lang::from_locale`] of this process's environment.
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    fn index(self) -> usize {
        match self {
            Lang::Kk => 0,
            Lang::Ru => 1,
            Lang::En => 2,
        }
    }
}

/// A language's translation files, one text: `qoima.ftl` (the command line and what is common),
/// `load.ftl` (reading the archive), `check.ftl` (the checks and the records), `bagit.ftl` (the
/// problems `verify` finds in a bag), joined in this order.
macro_rules! locale {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../../../locales/", $lang, "/qoima.ftl")),
            "\n",
            include_str!(concat!("../../../locales/", $lang, "/load.ftl")),
            "\n",
            include_str!(concat!("../../../locales/", $lang, "/check.ftl")),
            "\n",
            include_str!(concat!("../../../locales/", $lang, "/bagit.ftl")),
        )
    };
}

/// The translation files as shipped, by language (each language's files joined).
pub const SOURCES: [(Lang, &str); 3] =
    [(Lang::Kk, locale!("kk")), (Lang::Ru, locale!("ru")), (Lang::En, locale!("en"))];

/// An argument given in each language: `{"kk": …, "ru": …, "en": …}`, from `text` of each
/// [`Lang::ALL`] by its index. A message takes the text of its own language.
pub fn in_each_language(text: impl Fn(usize) -> String) -> Value {
    let mut names = serde_json::Map::new();
    for (i, lang) in Lang::ALL.iter().enumerate() {
        names.insert(lang.code().to_string(), Value::from(text(i)));
    }
    Value::Object(names)
}

/// Why a message could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageError {
    /// No language, not even English, has a message with this id.
    Unknown(String),
    /// The message was made, with errors (an argument it needs was not given, …).
    Format {
        /// The message's id.
        id: String,
        /// What went wrong, as Fluent says it.
        errors: Vec<String>,
    },
}

impl std::fmt::Display for MessageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MessageError::Unknown(id) => write!(f, "no message {id}"),
            MessageError::Format { id, errors } => write!(f, "message {id}: {}", errors.join("; ")),
        }
    }
}

/// Every message in every language, ready to format.
pub struct Catalogue {
    bundles: [FluentBundle<FluentResource>; 3],
}

impl Catalogue {
    /// The messages built into qoima (parsed once).
    pub fn get() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| Catalogue::from_sources(SOURCES).expect("the built-in translation files parse"))
    }

    /// A catalogue of the given Fluent sources (an error names the file's language and what
    /// could not be parsed).
    pub fn from_sources(sources: [(Lang, &str); 3]) -> Result<Catalogue, CatalogueError> {
        let bundle = |lang: Lang| -> Result<FluentBundle<FluentResource>, CatalogueError> {
            let error = |what: String| CatalogueError { lang: lang.code(), what };
            let (_, text) =
                sources.iter().find(|(l, _)| *l == lang).ok_or_else(|| error("no translation file".to_string()))?;
            let resource =
                FluentResource::try_new(text.to_string()).map_err(|(_, errors)| error(format!("{errors:?}")))?;
            let id: unic_langid::LanguageIdentifier = lang.code().parse().map_err(|e| error(format!("{e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Terminals and JSON want the text itself, without Unicode isolation marks.
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(match lang {
                Lang::En => format_en,
                Lang::Ru | Lang::Kk => format_kk_ru,
            }));
            bundle.add_resource(resource).map_err(|errors| error(format!("{errors:?}")))?;
            Ok(bundle)
        };
        Ok(Catalogue { bundles: [bundle(Lang::Kk)?, bundle(Lang::Ru)?, bundle(Lang::En)?] })
    }

    /// Whether `lang` has its own message `id` (not through English).
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles[lang.index()].has_message(id)
    }

    /// Message `id` in `lang` (English when `lang` does not have it) with `args`.
    pub fn try_format(&self, lang: Lang, id: &str, args: &Args) -> Result<String, MessageError> {
        let (said_in, bundle) = [lang, Lang::En]
            .into_iter()
            .map(|l| (l, &self.bundles[l.index()]))
            .find(|(_, b)| b.has_message(id))
            .ok_or_else(|| MessageError::Unknown(id.to_string()))?;
        let pattern =
            bundle.get_message(id).and_then(|m| m.value()).ok_or_else(|| MessageError::Unknown(id.to_string()))?;
        let resolved;
        let args = if args.values().any(|v| nested(v).is_some()) {
            resolved = self.resolve(said_in, args)?;
            &resolved
        } else {
            args
        };
        let fluent = fluent_args(args, said_in);
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(MessageError::Format { id: id.to_string(), errors: errors.iter().map(|e| e.to_string()).collect() })
        }
    }

    /// `args` with each message given as an argument ([`Msg::arg`]) made into its text in `lang`.
    fn resolve(&self, lang: Lang, args: &Args) -> Result<Args, MessageError> {
        let mut out = Args::new();
        for (name, value) in args {
            let value = match nested(value) {
                Some((id, inner)) => Value::String(self.try_format(lang, id, inner.unwrap_or(&Args::new()))?),
                None => value.clone(),
            };
            out.insert(name.clone(), value);
        }
        Ok(out)
    }

    /// Message `id` in `lang`. A message qoima does not have, or one missing an argument, is a
    /// bug: it panics in debug builds (every test), and in a release says the id and its
    /// arguments rather than nothing.
    pub fn format(&self, lang: Lang, id: &str, args: &Args) -> String {
        match self.try_format(lang, id, args) {
            Ok(text) => text,
            Err(e) => {
                debug_assert!(false, "{e}");
                format!("{id} {}", Value::Object(args.clone()))
            }
        }
    }
}

/// Message `id` in `lang` from the built-in catalogue.
pub fn text(lang: Lang, id: &str, args: &Args) -> String {
    Catalogue::get().format(lang, id, args)
}

/// A message given as an argument: its id and arguments.
fn nested(value: &Value) -> Option<(&str, Option<&Args>)> {
    let Value::Object(o) = value else { return None };
    let id = o.get("id")?.as_str()?;
    Some((id, o.get("args").and_then(Value::as_object)))
}

/// An argument that is text, in `lang`: a string as it is; a text given in several languages, an
/// object by language code (`{"kk": "…", "ru": "…", "en": "…"}`, a rulebook's words), in
/// `lang`, else in English, else in Russian or Kazakh. `None` for numbers and other values.
pub fn localized(value: &Value, lang: Lang) -> Option<&str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(by_lang) => [lang, Lang::En, Lang::Ru, Lang::Kk]
            .iter()
            .find_map(|l| by_lang.get(l.code()).and_then(Value::as_str).filter(|s| !s.is_empty())),
        _ => None,
    }
}

/// The arguments for a message in `lang` (the language whose message is used: English when `lang`
/// has none).
fn fluent_args(args: &Args, lang: Lang) -> FluentArgs<'_> {
    let mut out = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let v: FluentValue = match value {
            Value::String(s) => FluentValue::from(s.as_str()),
            Value::Object(_) => FluentValue::from(localized(value, lang).unwrap_or_default()),
            Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => FluentValue::from(i),
                (None, Some(f)) => FluentValue::from(f),
                _ => FluentValue::from(n.to_string()),
            },
            other => FluentValue::from(other.to_string()),
        };
        out.set(name.as_str(), v);
    }
    out
}

fn format_en<M>(v: &FluentValue, _: &M) -> Option<String> {
    format_number(v, ",", ".")
}

/// Kazakh and Russian (CLDR): a no-break space between groups of digits, a decimal comma.
fn format_kk_ru<M>(v: &FluentValue, _: &M) -> Option<String> {
    format_number(v, "\u{a0}", ",")
}

fn format_number(v: &FluentValue, group: &str, decimal: &str) -> Option<String> {
    let FluentValue::Number(n) = v else { return None };
    let plain = n.as_string();
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain.as_ref()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let grouping = n.options.use_grouping && int.len() > 3 && int.bytes().all(|b| b.is_ascii_digit());
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if grouping && i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push_str(decimal);
        out.push_str(f);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentResource;
    use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
    use std::collections::{BTreeMap, BTreeSet};

    fn summary(lang: Lang, errors: u64) -> String {
        let args = crate::args! {
            "systems" => 1, "deposits" => 12_345, "date" => "2026-11-23", "scope" => "all",
            "errors" => errors, "warnings" => 0, "infos" => 0,
        };
        text(lang, "check-summary", &args)
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        for (n, word) in
            [(1, "1 ошибка"), (2, "2 ошибки"), (5, "5 ошибок"), (11, "11 ошибок"), (21, "21 ошибка"), (22, "22 ошибки")]
        {
            let s = summary(Lang::Ru, n);
            assert!(s.contains(&format!(": {word},")), "{n}: {s}");
        }
        assert!(summary(Lang::Ru, 0).contains("1 система, 12\u{a0}345 депозитов"), "{}", summary(Lang::Ru, 0));
    }

    #[test]
    fn kazakh_keeps_the_noun_singular_after_a_number() {
        assert_eq!(
            summary(Lang::Kk, 21),
            "2026-11-23 күнгі жағдай бойынша 1 жүйе, 12\u{a0}345 депозит тексерілді: 21 қате, 0 ескерту, 0 мәлімет"
        );
    }

    #[test]
    fn english_groups_digits_with_commas_and_a_selector_picks_the_variant() {
        assert_eq!(
            summary(Lang::En, 1),
            "checked 1 system, 12,345 deposits as of 2026-11-23: 1 error, 0 warnings, 0 info"
        );
        let named = crate::args! {
            "systems" => 1, "deposits" => 1, "date" => "2026-11-23", "scope" => "named",
            "errors" => 0, "warnings" => 0, "infos" => 0,
        };
        assert!(text(Lang::En, "check-summary", &named).contains("2026-11-23 (findings of those named): 0 errors"));
        let copy = |copy: &str| {
            let args = crate::args! {
                "deposit" => "e-permits/1.0", "number" => "KZ-DEP-2026-000001", "date" => "2026-11-23",
                "copy" => copy, "replica" => "/mnt/replica",
            };
            text(Lang::Ru, "register-deposit-gone", &args)
        };
        assert!(copy("replica").ends_with("восстановите всю папку из реплики (/mnt/replica)"), "{}", copy("replica"));
        assert!(copy("none").ends_with("восстановите всю папку из копии (реплика не настроена)"), "{}", copy("none"));
    }

    #[test]
    fn numbers_are_written_the_languages_way() {
        let v = |f: f64| FluentValue::from(f);
        let m = ();
        assert_eq!(format_en(&v(1234567.0), &m).as_deref(), Some("1,234,567"));
        assert_eq!(format_kk_ru(&v(1234567.0), &m).as_deref(), Some("1\u{a0}234\u{a0}567"));
        assert_eq!(format_kk_ru(&v(-1234.5), &m).as_deref(), Some("-1\u{a0}234,5"));
        assert_eq!(format_en(&v(999.0), &m).as_deref(), Some("999"));
        assert_eq!(format_en(&FluentValue::from("1234"), &m), None, "strings are left as they are");
    }

    #[test]
    fn a_message_missing_in_kazakh_or_russian_is_said_in_english() {
        let sources =
            [(Lang::Kk, "other = басқа\n"), (Lang::Ru, "other = другое\n"), (Lang::En, "only-en = only { $n }\n")];
        let cat = Catalogue::from_sources(sources).unwrap();
        assert!(!cat.has(Lang::Kk, "only-en"));
        assert_eq!(cat.try_format(Lang::Kk, "only-en", &crate::args! { "n" => 3 }).unwrap(), "only 3");
        assert_eq!(cat.try_format(Lang::Ru, "other", &Args::new()).unwrap(), "другое");
        assert_eq!(cat.try_format(Lang::En, "nowhere", &Args::new()), Err(MessageError::Unknown("nowhere".into())));
        assert!(matches!(cat.try_format(Lang::En, "only-en", &Args::new()), Err(MessageError::Format { .. })));
    }

    #[test]
    fn a_text_argument_is_taken_in_the_language_of_the_message_else_english() {
        let by_lang = serde_json::json!({"kk": "Формуляр (kk)", "ru": "Формуляр (ru)", "en": "Formular"});
        assert_eq!(localized(&by_lang, Lang::Ru), Some("Формуляр (ru)"));
        assert_eq!(localized(&serde_json::json!({"en": "Formular", "kk": ""}), Lang::Kk), Some("Formular"));
        assert_eq!(localized(&serde_json::json!({"ru": "Формуляр"}), Lang::En), Some("Формуляр"));
        assert_eq!(localized(&Value::from("as is"), Lang::Kk), Some("as is"));
        assert_eq!(localized(&Value::from(3), Lang::Kk), None);
        let sources = [(Lang::Kk, "x = kk: { $t }\n"), (Lang::Ru, "y = ru\n"), (Lang::En, "x = en: { $t }\n")];
        let cat = Catalogue::from_sources(sources).unwrap();
        let args = crate::args! { "t" => by_lang };
        assert_eq!(cat.try_format(Lang::Kk, "x", &args).unwrap(), "kk: Формуляр (kk)");
        // A message said in English because Russian lacks it says its argument in English too.
        assert_eq!(cat.try_format(Lang::Ru, "x", &args).unwrap(), "en: Formular");
    }

    #[test]
    fn an_argument_given_in_each_language_is_said_in_the_messages() {
        let sources = [(Lang::Kk, "m = { $x }\n"), (Lang::Ru, "m = { $x }\n"), (Lang::En, "m = { $x }\nen = { $x }\n")];
        let cat = Catalogue::from_sources(sources).unwrap();
        let args =
            crate::args! { "x" => in_each_language(|i| ["Құрбан айт", "Курбан айт", "Kurban Ait"][i].to_string()) };
        assert_eq!(cat.try_format(Lang::Kk, "m", &args).unwrap(), "Құрбан айт");
        assert_eq!(cat.try_format(Lang::Ru, "m", &args).unwrap(), "Курбан айт");
        assert_eq!(cat.try_format(Lang::En, "m", &args).unwrap(), "Kurban Ait");
        assert_eq!(cat.try_format(Lang::Kk, "en", &args).unwrap(), "Kurban Ait", "an English message, in English");
    }

    #[test]
    fn a_message_given_as_an_argument_is_made_in_the_same_language() {
        let reason = Msg::new("yaml-duplicate-key", crate::args! { "key" => "date" });
        let args = crate::args! { "reason" => reason.arg() };
        assert_eq!(
            text(Lang::En, "yaml-not-read", &args),
            "`date` is given twice in the same mapping: keep one; the file was not read further"
        );
        assert_eq!(
            text(Lang::Ru, "yaml-not-read", &args),
            "`date` указан дважды в одном наборе полей: оставьте один; дальше файл не читался"
        );
        assert_eq!(
            text(Lang::Kk, "yaml-not-read", &args),
            "`date` бір жиында екі рет берілген: біреуін қалдырыңыз; файл әрі қарай оқылмады"
        );
        let unknown = crate::args! { "reason" => Msg::new("nowhere", Args::new()).arg() };
        assert_eq!(
            Catalogue::get().try_format(Lang::Kk, "yaml-not-read", &unknown),
            Err(MessageError::Unknown("nowhere".into()))
        );
    }

    #[test]
    fn selectors_nest_to_put_words_in_each_languages_order() {
        let update = |lang, event: &str, what: &str| {
            let args = crate::args! {
                "event" => event, "what" => what, "systems" => "e-permits", "written" => 3, "removed" => 0,
                "ms" => "12", "errors" => 0, "warnings" => 1,
            };
            text(lang, "live-update", &args)
        };
        assert_eq!(
            update(Lang::En, "update", "systems"),
            "update e-permits: 3 files written, 0 removed in 12 ms; the archive has 0 errors, 1 warning"
        );
        assert_eq!(
            update(Lang::Kk, "built", "all"),
            "барлығы құрастырылды: 3 файл жазылды, 0 файл жойылды, 12 мс; архивте 0 қате, 1 ескерту"
        );
        assert!(update(Lang::Kk, "update", "systems").starts_with("e-permits жаңартылды: "));
        assert!(update(Lang::Ru, "update", "systems").starts_with("обновлено (e-permits): записано файлов: 3, "));
        assert!(update(Lang::Ru, "update", "nothing").starts_with("ничего из публикуемого не изменилось: "));
    }

    #[test]
    #[should_panic(expected = "no message nowhere")]
    fn an_unknown_id_is_a_bug_not_an_empty_string() {
        text(Lang::Kk, "nowhere", &Args::new());
    }

    #[test]
    fn languages_are_read_from_lang_values_and_locales() {
        for (s, want) in [
            ("kk", Some(Lang::Kk)),
            ("ru_RU.UTF-8", Some(Lang::Ru)),
            ("kk_KZ", Some(Lang::Kk)),
            ("en-GB", Some(Lang::En)),
            ("RU", Some(Lang::Ru)),
            ("C", None),
            ("POSIX", None),
            ("de_DE.UTF-8", None),
            ("", None),
        ] {
            assert_eq!(Lang::parse(s), want, "{s}");
        }
        let env = |vars: &'static [(&'static str, &'static str)]| {
            Lang::from_locale(move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
        };
        assert_eq!(env(&[("LANG", "ru_RU.UTF-8")]), Lang::Ru);
        assert_eq!(env(&[("LC_MESSAGES", "kk_KZ.UTF-8"), ("LANG", "ru_RU.UTF-8")]), Lang::Kk);
        assert_eq!(env(&[("LC_ALL", ""), ("LC_MESSAGES", "kk_KZ"), ("LANG", "ru_RU")]), Lang::Kk, "empty is unset");
        assert_eq!(env(&[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")]), Lang::En, "C is English");
        assert_eq!(env(&[("LANG", "de_DE.UTF-8")]), Lang::En);
        assert_eq!(env(&[]), Lang::En);
    }

    /// Every variable a pattern uses, in selectors and placeables, nested ones too.
    fn variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
        fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match e {
                InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_string());
                }
                InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        fn expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
            match e {
                Expression::Inline(i) => inline(i, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        variables(&v.value, out);
                    }
                }
            }
        }
        for el in &pattern.elements {
            if let PatternElement::Placeable { expression } = el {
                expr(expression, out);
            }
        }
    }

    fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = FluentResource::try_new(source.to_string()).expect("the file parses");
        let mut out = BTreeMap::new();
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    variables(p, &mut vars);
                }
                out.insert(m.id.name.to_string(), vars);
            }
        }
        out
    }

    #[test]
    fn every_english_message_is_translated_with_the_same_arguments() {
        let en = messages(SOURCES[2].1);
        assert!(en.len() > 20, "{en:?}");
        for (lang, source) in &SOURCES[..2] {
            let other = messages(source);
            for (id, vars) in &en {
                let got = other.get(id).unwrap_or_else(|| panic!("{} has no message {id}", lang.code()));
                assert_eq!(got, vars, "{} {id}: its arguments", lang.code());
            }
            let extra: Vec<&String> = other.keys().filter(|id| !en.contains_key(*id)).collect();
            assert!(extra.is_empty(), "{} has messages English has not: {extra:?}", lang.code());
        }
    }

    #[test]
    fn every_built_in_message_formats_in_every_language() {
        let en = messages(SOURCES[2].1);
        for (id, vars) in &en {
            let args: Args = vars.iter().map(|v| (v.clone(), Value::from("x"))).collect();
            for lang in Lang::ALL {
                let text =
                    Catalogue::get().try_format(lang, id, &args).unwrap_or_else(|e| panic!("{}: {e}", lang.code()));
                assert!(!text.trim().is_empty(), "{} {id}", lang.code());
            }
        }
    }
}
