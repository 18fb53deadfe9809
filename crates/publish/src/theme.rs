//! Themes as data: `themes/<name>/templates/*.html` (tera 2), `static/` (copied as is) and
//! `i18n/<lang>.toml` (every word of the interface; Rust code holds none).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::messages::Msg;

/// A theme, loaded.
pub struct Theme {
    /// The theme's folder: `themes/<name>` under the site root, or the installed theme.
    pub dir: PathBuf,
    /// The theme's templates, loaded from `templates/`.
    pub tera: tera::Tera,
    /// Language → key → text; keys missing in a language are filled from English.
    pub i18n: BTreeMap<String, toml::Table>,
}

impl Theme {
    /// Loads `themes/<name>` under the site root, else the installed theme of that name
    /// (`../share/qoima/themes/<name>` beside the binary: /usr/share/qoima/themes from the
    /// Debian package).
    /// Why it cannot be used is said in every language.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Msg> {
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
            .map_err(|e| said("theme-templates-unreadable", &templates, crate::messages::io(&e)))?;
        for entry in read.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html" || e == "xml" || e == "txt") {
                let name = path.file_name().and_then(|n| n.to_str()).map(str::to_string);
                files.push((path, name));
            }
        }
        files.sort();
        let mut tera = tera::Tera::new();
        tera.add_template_files(files.iter().map(|(p, n)| (p.as_path(), n.as_deref()))).map_err(|e| {
            Msg::new("theme-templates-invalid", crate::args! { "theme" => name, "error" => e.to_string() })
        })?;
        let mut i18n = BTreeMap::new();
        let dir_i18n = dir.join("i18n");
        let read = std::fs::read_dir(&dir_i18n)
            .map_err(|e| said("theme-words-unreadable", &dir_i18n, crate::messages::io(&e)))?;
        for entry in read.flatten() {
            let path = entry.path();
            let Some(lang) =
                path.file_stem().and_then(|s| s.to_str()).filter(|_| path.extension().is_some_and(|e| e == "toml"))
            else {
                continue;
            };
            let text = std::fs::read_to_string(&path)
                .map_err(|e| said("theme-words-unreadable", &path, crate::messages::io(&e)))?;
            let table: toml::Table =
                toml::from_str(&text).map_err(|e| said("theme-words-invalid", &path, e.to_string().into()))?;
            i18n.insert(lang.to_string(), table);
        }
        let english = i18n
            .get("en")
            .cloned()
            .ok_or_else(|| Msg::new("theme-english-missing", crate::args! { "theme" => name }))?;
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

/// A theme's file or folder that cannot be used, and why.
fn said(id: &'static str, path: &Path, error: serde_json::Value) -> Msg {
    Msg::new(id, crate::args! { "path" => path.display().to_string(), "error" => error })
}

pub use crate::template::{Args, fill, recognize, word};

/// An event kind as the language names it: by its rulebook (`named`), else by the theme's
/// `event_<kind>` (the kinds qoima's own records add, such as `file_recorded`), else the kind.
pub fn event_name<'a>(t: &'a toml::Table, named: Option<&'a str>, kind: &'a str) -> &'a str {
    named.or_else(|| t.get(&format!("event_{kind}")).and_then(|w| w.as_str())).unwrap_or(kind)
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

/// The CLDR plural category of a whole number `n` in `lang`: Russian has `one` (1, 21, 101…),
/// `few` (2–4, 22–24…) and `many` (0, 5–20, 25…); Kazakh and English `one` (1) and `other`.
pub fn plural_category(lang: &str, n: u64) -> &'static str {
    match lang {
        "ru" | "uk" | "be" => match (n % 10, n % 100) {
            (1, r) if r != 11 => "one",
            (2..=4, r) if !(12..=14).contains(&r) => "few",
            _ => "many",
        },
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// A whole number as the language writes it: digits grouped by threes with the table's
/// `thousands_separator` from 10 000 on (a no-break space in Kazakh and Russian, a comma in
/// English).
pub fn format_int(t: &toml::Table, n: u64) -> String {
    let digits = n.to_string();
    let sep = t.get("thousands_separator").and_then(|v| v.as_str()).unwrap_or("");
    if digits.len() < 5 || sep.is_empty() {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// `n` with the word of `key` in the form the number asks for. The key holds the forms by
/// plural category (`{ one = "{n} файл", few = "{n} файла", many = "{n} файлов" }`), `{n}`
/// standing for the number; a missing category falls back to `other`, then `many`.
pub fn count(t: &toml::Table, lang: &str, key: &str, n: u64) -> String {
    let forms = t.get(key);
    let form = match forms {
        Some(toml::Value::Table(forms)) => [plural_category(lang, n), "other", "many"]
            .into_iter()
            .find_map(|c| forms.get(c).and_then(|v| v.as_str()))
            .unwrap_or(key),
        Some(toml::Value::String(s)) => s.as_str(),
        _ => key,
    };
    let number = format_int(t, n);
    if form.contains("{n}") { form.replace("{n}", &number) } else { format!("{number} {form}") }
}

/// A size in bytes as the language writes it: in units of 1024 (`size_units`, e.g. Б, КБ, МБ,
/// ГБ, ТБ), one decimal from a kilobyte on, with the language's `decimal_separator`.
pub fn format_size(t: &toml::Table, bytes: u64) -> String {
    let units: Vec<&str> = t
        .get("size_units")
        .and_then(|u| u.as_array())
        .map(|u| u.iter().filter_map(|v| v.as_str()).collect())
        .filter(|u: &Vec<&str>| !u.is_empty())
        .unwrap_or_else(|| vec!["B", "KB", "MB", "GB", "TB"]);
    let mut v = bytes as f64;
    let mut u = 0;
    // What would round to 1024,0 is written as 1,0 of the next unit.
    while v >= 1023.95 && u < units.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    // A no-break space between the number and its unit.
    if u == 0 {
        return format!("{}\u{a0}{}", format_int(t, bytes), units[0]);
    }
    let sep = decimal_separator(t);
    let tenths = (v * 10.0).round() as u64;
    format!("{}{sep}{}\u{a0}{}", format_int(t, tenths / 10), tenths % 10, units[u])
}

/// A number as given in the data (`1.5` megabytes on a CD), with the language's
/// `decimal_separator` (`1,5` in Kazakh and Russian).
pub fn format_decimal(t: &toml::Table, value: f64) -> String {
    value.to_string().replacen('.', decimal_separator(t), 1)
}

/// The language's `decimal_separator` (`.` when the language has none).
fn decimal_separator(t: &toml::Table) -> &str {
    t.get("decimal_separator").and_then(|v| v.as_str()).unwrap_or(".")
}

/// A half-year (`half` 1 or 2) as the language names it: `half_year_format` with `{year}`,
/// `{half}` (I or II) and `{n}` (1 or 2).
pub fn format_half_year(t: &toml::Table, year: i32, half: u8) -> String {
    let roman = if half == 1 { "I" } else { "II" };
    let format = t.get("half_year_format").and_then(|v| v.as_str()).unwrap_or("{year}-H{n}");
    format.replace("{year}", &year.to_string()).replace("{half}", roman).replace("{n}", &half.to_string())
}

/// A half-year written `2026-H2` (the ids of reports, their JSON), as `(2026, 2)`.
pub fn parse_half_year(s: &str) -> Option<(i32, u8)> {
    let (year, half) = s.split_once("-H")?;
    let half = half.parse().ok().filter(|h| *h == 1 || *h == 2)?;
    Some((year.parse().ok()?, half))
}

#[cfg(test)]
mod decimal_tests {
    #[test]
    fn a_decimal_is_written_with_the_languages_separator() {
        let kk: toml::Table = toml::from_str("decimal_separator = \",\"").unwrap();
        assert_eq!(super::format_decimal(&kk, 1.3), "1,3");
        assert_eq!(super::format_decimal(&kk, 52.0), "52");
        assert_eq!(super::format_decimal(&toml::Table::new(), 0.25), "0.25");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> Theme {
        Theme::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")), "default").unwrap()
    }

    #[test]
    fn plural_categories_follow_cldr() {
        let ru = |n| plural_category("ru", n);
        for n in [1, 21, 31, 101, 1001] {
            assert_eq!(ru(n), "one", "{n}");
        }
        for n in [2, 3, 4, 22, 24, 102, 1004] {
            assert_eq!(ru(n), "few", "{n}");
        }
        for n in [0, 5, 11, 12, 13, 14, 19, 20, 25, 99, 100, 111, 112, 114] {
            assert_eq!(ru(n), "many", "{n}");
        }
        for lang in ["kk", "en"] {
            assert_eq!(plural_category(lang, 1), "one");
            for n in [0, 2, 5, 21, 92] {
                assert_eq!(plural_category(lang, n), "other", "{lang} {n}");
            }
        }
    }

    #[test]
    fn counted_words_take_the_form_the_number_asks_for() {
        let theme = theme();
        let files = |lang: &str, n| count(theme.words(lang), lang, "count_files", n);
        assert_eq!(files("ru", 1), "1 файл");
        assert_eq!(files("ru", 2), "2 файла");
        assert_eq!(files("ru", 5), "5 файлов");
        assert_eq!(files("ru", 21), "21 файл");
        assert_eq!(files("ru", 92), "92 файла");
        assert_eq!(files("ru", 111), "111 файлов");
        assert_eq!(files("ru", 12345), "12\u{a0}345 файлов");
        // Kazakh keeps the noun singular after a numeral.
        assert_eq!(files("kk", 1), "1 файл");
        assert_eq!(files("kk", 92), "92 файл");
        assert_eq!(files("en", 1), "1 file");
        assert_eq!(files("en", 92), "92 files");
        assert_eq!(files("en", 12345), "12,345 files");
        let days = |lang: &str, n| count(theme.words(lang), lang, "count_working_days", n);
        assert_eq!(days("ru", 1), "1 рабочий день");
        assert_eq!(days("ru", 3), "3 рабочих дня");
        assert_eq!(days("ru", 10), "10 рабочих дней");
        assert_eq!(days("kk", 3), "3 жұмыс күні");
        assert_eq!(days("en", 1), "1 working day");
        let lines = |lang: &str, n| count(theme.words(lang), lang, "count_register_entries", n);
        assert_eq!(lines("ru", 1), "1 строка реестра");
        assert_eq!(lines("ru", 4), "4 строки реестра");
        assert_eq!(lines("ru", 7), "7 строк реестра");
        assert_eq!(lines("kk", 7), "тізілімде 7 жол");
        assert_eq!(lines("en", 7), "7 register lines");
        // Every counted word has every form its language needs, in every language.
        for (lang, t) in &theme.i18n {
            for (key, v) in t.iter().filter(|(k, _)| k.starts_with("count_")) {
                let forms = v.as_table().unwrap_or_else(|| panic!("{lang}: {key} is not a table of forms"));
                let needed: &[&str] = if lang == "ru" { &["one", "few", "many"] } else { &["one", "other"] };
                for c in needed {
                    let form = forms.get(*c).and_then(|f| f.as_str());
                    assert!(form.is_some_and(|f| f.contains("{n}")), "{lang}: {key}.{c}");
                }
            }
        }
    }

    #[test]
    fn sizes_are_written_in_each_language() {
        let theme = theme();
        let size = |lang: &str, n| format_size(theme.words(lang), n);
        assert_eq!(size("kk", 0), "0\u{a0}Б");
        assert_eq!(size("ru", 512), "512\u{a0}Б");
        assert_eq!(size("en", 512), "512\u{a0}B");
        assert_eq!(size("ru", 1024), "1,0\u{a0}КБ");
        assert_eq!(size("kk", 1_258_291), "1,2\u{a0}МБ");
        assert_eq!(size("ru", 1_258_291), "1,2\u{a0}МБ");
        assert_eq!(size("en", 1_258_291), "1.2\u{a0}MB");
        assert_eq!(size("ru", 5 * 1024 * 1024 * 1024 + 1024 * 1024 * 1024 / 2), "5,5\u{a0}ГБ");
        assert_eq!(size("kk", 3 * (1 << 40)), "3,0\u{a0}ТБ");
        // Not "1024,0 КБ".
        assert_eq!(size("ru", 1_048_535), "1,0\u{a0}МБ");
        assert_eq!(size("ru", 20_000 * 1024 * (1 << 30)), "20\u{a0}000,0\u{a0}ТБ");
    }

    #[test]
    fn half_years_are_named_in_each_language() {
        let theme = theme();
        assert_eq!(format_half_year(theme.words("kk"), 2026, 2), "2026 жылғы II жарты жылдық");
        assert_eq!(format_half_year(theme.words("ru"), 2026, 1), "I полугодие 2026 года");
        assert_eq!(format_half_year(theme.words("en"), 2026, 2), "H2 2026");
        assert_eq!(parse_half_year("2026-H2"), Some((2026, 2)));
        assert_eq!(parse_half_year("2026-H3"), None);
        assert_eq!(parse_half_year("x-H1"), None);
    }

    #[test]
    fn a_filled_template_gives_back_its_arguments() {
        let args =
            |pairs: &[(&str, &str)]| -> Args { pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() };
        let template = "{path}: identical to {built} (SHA-256 {sha256})";
        let given = args(&[("path", "install/a: b.zip"), ("built", "out/a.zip"), ("sha256", "ab12")]);
        let text = fill(template, &given);
        assert_eq!(text, "install/a: b.zip: identical to out/a.zip (SHA-256 ab12)");
        assert_eq!(recognize(template, &text), Some(given));
        assert_eq!(
            recognize("cannot be read: {error}", "cannot be read: No such file"),
            Some(args(&[("error", "No such file")]))
        );
        assert_eq!(recognize("missing", "missing"), Some(Args::new()));
        assert_eq!(recognize("missing", "missing (replica)"), None);
        assert_eq!(recognize("{path}: missing", "a/b: moved"), None);
        assert_eq!(fill("{n} of {unknown}", &args(&[("n", "3")])), "3 of {unknown}");
    }
}
