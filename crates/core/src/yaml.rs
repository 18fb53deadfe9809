//! YAML reading with positions.
//!
//! Every deposit and system file is untrusted input typed by hand. This module parses it with
//! serde-saphyr under strict options (duplicate keys are errors, only YAML 1.2 booleans, an alias
//! budget against "billion laughs" files) and keeps the line and column of every value that a
//! rule may need to point at, through [`At<T>`].

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_saphyr::options::DuplicateKeyPolicy;

use crate::messages::Msg;

mod tree;

/// A position in a text file: 1-based line and column; 0 means "unknown".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// The 1-based line; 0 when unknown.
    pub line: u32,
    /// The 1-based column; 0 when unknown.
    pub column: u32,
    /// Byte offset of the value in the source text, when known.
    pub offset: Option<u32>,
    /// Read from a system's journal (`journal.yaml`) rather than from the file a finding names
    /// (see [`crate::finding::Finding::at`]).
    pub journal: bool,
}

impl Pos {
    /// A position not known (line and column 0).
    pub const UNKNOWN: Pos = Pos { line: 0, column: 0, offset: None, journal: false };

    /// The position at `line` and `column` of the file a finding names, without a byte offset.
    pub fn new(line: u32, column: u32) -> Pos {
        Pos { line, column, offset: None, journal: false }
    }

    /// Whether the line is known.
    pub fn is_known(&self) -> bool {
        self.line > 0
    }

    fn from_location(loc: &serde_saphyr::Location) -> Pos {
        Pos {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
            offset: loc.span().byte_offset().and_then(|o| u32::try_from(o).ok()),
            journal: false,
        }
    }
}

/// A value read from YAML together with the position it was read from.
///
/// Serializes and describes itself in JSON Schema exactly as the inner value does, so the
/// on-disk contract does not see the wrapper.
#[derive(Clone, Default)]
pub struct At<T> {
    /// The value as read.
    pub value: T,
    /// Where in the file the value was read from.
    pub pos: Pos,
}

impl<T> At<T> {
    /// A value with the position it was read from.
    pub fn new(value: T, pos: Pos) -> At<T> {
        At { value, pos }
    }
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for At<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(At { pos: Pos::from_location(&spanned.referenced), value: spanned.value })
    }
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if ANNOTATE.with(|a| a.get()) {
            tree::hand_over(self.pos);
        }
        self.value.serialize(serializer)
    }
}

thread_local! {
    static ANNOTATE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a [`Positioned`] tree is being built; long lists that no field rule addresses
/// (events) skip themselves then (`#[serde(skip_serializing_if = "crate::yaml::building_tree")]`).
pub fn building_tree<T>(_: &T) -> bool {
    ANNOTATE.with(|a| a.get())
}

/// A document as a tree in which every value read from YAML carries its position, so that
/// rules can address fields by dotted path (`build.environment`) and still point at a line.
pub struct Positioned(tree::Node);

impl Positioned {
    /// The document `doc` as a tree of values with their positions.
    pub fn of<T: Serialize>(doc: &T) -> Positioned {
        ANNOTATE.with(|a| a.set(true));
        let node = doc.serialize(tree::Tree).unwrap_or_default();
        ANNOTATE.with(|a| a.set(false));
        Positioned(node)
    }

    /// The node at a dotted path, if the document has it.
    fn get(&self, path: &str) -> Option<&tree::Node> {
        path.split('.').try_fold(&self.0, |node, key| node.child(key))
    }

    /// Whether the field at `path` holds something: not null, not blank, not an empty list.
    pub fn present(&self, path: &str) -> bool {
        self.get(path).is_some_and(tree::Node::present)
    }

    /// The numeric value at `path`.
    pub fn number(&self, path: &str) -> Option<f64> {
        self.get(path).and_then(tree::Node::number)
    }

    /// The position of the field at `path` (its first value, for a map or a list).
    pub fn pos(&self, path: &str) -> Pos {
        self.get(path).map(tree::Node::first_pos).unwrap_or(Pos::UNKNOWN)
    }
}

impl<T: JsonSchema> JsonSchema for At<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// Why a YAML file could not be read into its type.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// Where in the file it went wrong; [`Pos::UNKNOWN`] when the parser did not say.
    pub pos: Pos,
    /// Why, in English.
    pub message: String,
    /// Why, as a message of `locales/*/load.ftl` (its English text is `message`); boxed to keep
    /// the error small.
    pub why: Box<Msg>,
}

impl YamlError {
    /// An error that says `message` (in English only: a rulebook's own check).
    pub fn other(pos: Pos, message: String) -> YamlError {
        let why = Box::new(Msg::new("yaml-other", crate::args! { "detail" => message.clone() }));
        YamlError { pos, message, why }
    }
}

impl YamlError {
    /// An error that says `why`.
    pub fn said(pos: Pos, why: Msg) -> YamlError {
        YamlError { pos, message: why.en(), why: Box::new(why) }
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pos.is_known() {
            write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

/// Largest YAML file qoima reads (metadata files are a few kilobytes; this stops a runaway file
/// from exhausting memory).
pub const MAX_YAML_BYTES: u64 = 4 * 1024 * 1024;

fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.strict_booleans = true;
    options.legacy_octal_numbers = false;
    options.with_snippet = false;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = 200_000;
    budget.max_depth = 64;
    budget.max_anchors = 1_000;
    budget.max_aliases = 1_000;
    options.budget = Some(budget);
    options
}

/// Parses `text` into `T` with the strict options; the error carries the position.
pub fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str_with_options::<T>(text, options()).map_err(|err| {
        let pos = err.location().map(|l| Pos::from_location(&l)).unwrap_or(Pos::UNKNOWN);
        let why = reason(&err.to_string());
        YamlError { pos, message: why.en(), why: Box::new(why) }
    })
}

/// What serde-saphyr's message means, said in the operator's words. Its messages end with
/// " at line X, column Y"; the position is reported apart.
fn reason(raw: &str) -> Msg {
    use crate::args;
    let first = raw.lines().next().unwrap_or(raw).trim();
    let mut cut = first.rfind(" at line ").map(|i| &first[..i]).unwrap_or(first);
    // serde's `unknown field `x`, expected one of `a`, `b`` (and `unknown variant`): the
    // closest of the expected words is what was meant.
    for what in ["unknown field", "unknown variant"] {
        if let Some(rest) = cut.strip_prefix(what)
            && let Some((word, expected)) = rest.trim_start().strip_prefix('`').and_then(|r| r.split_once('`'))
        {
            // `, expected one of a, b, c` (the words may stand in backticks).
            let list = expected.split_once("expected one of").map_or("", |(_, l)| l);
            let known: Vec<&str> =
                list.split(',').map(|w| w.trim().trim_matches('`')).filter(|w| !w.is_empty()).collect();
            let mut a = crate::suggest::hint(word, known.iter().copied());
            return match what {
                "unknown field" => {
                    a.insert("field".into(), word.into());
                    Msg::new("yaml-unknown-field", a)
                }
                _ if known.is_empty() => Msg::new("yaml-unknown-value", args! { "value" => word }),
                _ => {
                    a.insert("value".into(), word.into());
                    a.insert("allowed".into(), known.join(", ").into());
                    Msg::new("yaml-unknown-value-of", a)
                }
            };
        }
    }
    // Library advice that means nothing to an operator.
    for tail in [", set DuplicateKeyPolicy", ", expected one of", ", expected `"] {
        if let Some(i) = cut.find(tail) {
            cut = &cut[..i];
        }
    }
    let cut = cut.trim_end_matches(':');
    let plain = |id| Msg::new(id, args! {});
    if cut == "unexpected end of input" {
        return plain("yaml-ends-early");
    }
    if cut.starts_with("invalid boolean") {
        return plain("yaml-not-boolean");
    }
    if cut.starts_with("expected string scalar") || cut.starts_with("expected a string") {
        return plain("yaml-not-text");
    }
    if cut == "expected mapping start" {
        return plain("yaml-not-mapping");
    }
    if cut == "expected sequence start" {
        return plain("yaml-not-list");
    }
    if let Some(key) = cut.strip_prefix("duplicate mapping key: ") {
        return Msg::new("yaml-duplicate-key", args! { "key" => key });
    }
    // chrono's messages for dates that do not parse.
    if cut.contains("input is out of range") {
        return plain("yaml-impossible-date");
    }
    if ["premature end of input", "input contains invalid characters", "trailing input", "input is not enough"]
        .iter()
        .any(|m| cut.contains(m))
    {
        return plain("yaml-not-date");
    }
    if let Some(rest) = cut.strip_prefix("unknown field") {
        return Msg::new("yaml-unknown-field-said", args! { "detail" => rest });
    }
    Msg::new("yaml-other", args! { "detail" => cut })
}

/// A plain (unquoted) scalar that YAML 1.1 readers would turn into something else than the
/// string qoima reads. Returns what a YAML 1.1 reader would see, to explain the surprise.
pub fn yaml11_surprise(source: &str, value: &At<String>) -> Option<&'static str> {
    let offset = value.pos.offset? as usize;
    let first = source.get(offset..)?.chars().next()?;
    if matches!(first, '"' | '\'' | '|' | '>') {
        return None;
    }
    let v = value.value.as_str();
    let lower = v.to_ascii_lowercase();
    if matches!(lower.as_str(), "yes" | "no" | "on" | "off" | "y" | "n" | "true" | "false") {
        return Some("a boolean");
    }
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some("an octal number");
    }
    if digits.contains(':') && digits.split(':').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return Some("a base-60 number");
    }
    let mut parts = digits.split('.');
    if let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) {
        let num = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if num(a) && num(b) && b.ends_with('0') {
            return Some("a number that drops the trailing zero");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        version: At<String>,
        #[serde(default)]
        flag: Option<bool>,
    }

    #[test]
    fn positions_and_surprises() {
        let src = "version: 1.10\n";
        let d: Doc = parse(src).unwrap();
        assert_eq!(d.version.value, "1.10");
        assert_eq!((d.version.pos.line, d.version.pos.column), (1, 10));
        assert_eq!(yaml11_surprise(src, &d.version), Some("a number that drops the trailing zero"));
        let src = "version: \"1.10\"\n";
        let d: Doc = parse(src).unwrap();
        assert_eq!(yaml11_surprise(src, &d.version), None);
        let src = "version: NO\n";
        let d: Doc = parse(src).unwrap();
        assert_eq!(yaml11_surprise(src, &d.version), Some("a boolean"));
        let src = "version: 0755\n";
        let d: Doc = parse(src).unwrap();
        assert_eq!(d.version.value, "0755");
        assert_eq!(yaml11_surprise(src, &d.version), Some("an octal number"));
    }

    #[test]
    fn strict_errors_have_positions() {
        let d: Doc = parse("version: a\nflag: true\n").unwrap();
        assert_eq!(d.flag, Some(true));
        let e = parse::<Doc>("version: a\nflag: yes\n").err().unwrap();
        assert_eq!(e.pos.line, 2);
        let e = parse::<Doc>("version: a\nversion: b\n").err().unwrap();
        assert_eq!(e.pos.line, 2, "{e}");
        let e = parse::<Doc>("version: a\nextra: 1\n").err().unwrap();
        assert_eq!(e.pos.line, 2, "{e}");
        assert!(e.message.contains("extra"), "{e}");
        assert_eq!(e.why.id, "yaml-unknown-field");
        assert_eq!(e.why.args["field"], "extra");
        assert_eq!(e.why.args["hint"], "none");
        let e = parse::<Doc>("versio: a\n").err().unwrap();
        assert_eq!(e.why.args["suggestion"], "version", "{e}");
        assert_eq!(e.message, "unknown field `versio`: did you mean `version`? (`qoima schema` lists the fields)");
        let e = parse::<Doc>("version: a\nversion: b\n").err().unwrap();
        assert_eq!(
            (e.why.id, e.message.as_str()),
            ("yaml-duplicate-key", "`version` is given twice in the same mapping: keep one")
        );
    }

    #[derive(Deserialize, Serialize)]
    struct Tree {
        name: Option<At<String>>,
        blank: Option<At<String>>,
        copies: At<u32>,
        build: Build,
        #[serde(default)]
        items: Vec<At<String>>,
        #[serde(default)]
        docs: std::collections::BTreeMap<String, At<String>>,
        #[serde(default, skip_serializing_if = "building_tree")]
        skipped: Option<At<String>>,
    }

    #[derive(Deserialize, Serialize)]
    struct Build {
        environment: Option<At<String>>,
        steps: Vec<At<String>>,
    }

    #[test]
    fn a_positioned_tree_answers_presence_numbers_and_positions() {
        let src = "name: Реестр\nblank: \"  \"\ncopies: 2\nbuild:\n  steps: []\n  environment: make\n\
                   items: [a, b]\ndocs: {guide: \"g.md\"}\nskipped: here\n";
        let doc: Tree = parse(src).unwrap();
        let tree = Positioned::of(&doc);
        assert!(tree.present("name"));
        assert!(!tree.present("blank"), "white space is not a value");
        assert!(tree.present("build.environment"));
        assert!(!tree.present("build.steps"), "an empty list is not a value");
        assert!(!tree.present("build.missing"));
        assert!(tree.present("items"));
        assert!(tree.present("docs.guide"));
        assert!(!tree.present("skipped"), "lists that skip themselves while building stay out");
        assert_eq!(tree.number("copies"), Some(2.0));
        assert_eq!(tree.number("name"), None);
        let at = |p: &str| {
            let pos = tree.pos(p);
            (pos.line, pos.column)
        };
        assert_eq!(at("copies"), (3, 9));
        assert_eq!(at("build"), (6, 16), "a block with no position of its own points at its first value");
        assert_eq!(at("items"), (7, 9));
        assert_eq!(at("docs"), (8, 15));
        assert_eq!(at("nothing"), (0, 0));
        // Serializing normally is untouched by the tree.
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(json["copies"], 2);
        assert_eq!(json["skipped"], "here");
    }
}
