//! The client-side search index: one JavaScript file per edition and language that assigns the
//! index to a global, so the search works opened from disk (file://, where fetch() and WASM
//! loaders cannot run) and from any web server.
//!
//! Words are folded the same way here and in the browser (`qoima.js`): lower case, `ё` → `е`,
//! so that Қ/қ, Ө/ө and Ё/ё match whatever their case. Terms are sorted, so the browser finds
//! every term with a given prefix by binary search.

use std::collections::HashMap;

use serde_json::json;

/// Folds a word for matching (must stay identical to `fold` in themes/default/static/qoima.js).
pub fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses. The same as `str::to_lowercase` and `ё` → `е`,
/// with the letters of Kazakh and Russian texts (ASCII, А–Я) lowered without the general tables.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    // Σ is the one letter whose lower case depends on its place in the word.
    if word.contains('Σ') {
        out.push_str(&word.to_lowercase().replace('ё', "е"));
        return;
    }
    for c in word.chars() {
        match c {
            'A'..='Z' | 'А'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            'Ё' | 'ё' => out.push('е'),
            _ if c.is_ascii() || ('а'..='я').contains(&c) => out.push(c),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// Whether `c` belongs to a word (`char::is_alphanumeric`, as `\p{L}\p{N}` in the browser), with
/// ASCII and the basic Cyrillic letters answered without the general tables.
fn in_word(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { ('А'..='я').contains(&c) || c.is_alphanumeric() }
}

/// The words of a text: letters and digits, folded, at least two characters.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    pieces(text).map(fold)
}

/// The unfolded words of a text.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !in_word(c)).filter(|w| w.chars().nth(1).is_some())
}

/// One searchable page.
pub struct Doc {
    pub title: String,
    /// Relative to the language folder.
    pub href: String,
    /// A short second line (state body, code).
    pub note: String,
    /// Everything the page may be found by.
    pub text: String,
}

/// A fingerprint of the documents: the index is the same when it is.
pub fn fingerprint(docs: &[Doc]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::render::hasher();
    for d in docs {
        (&d.title, &d.href, &d.note, &d.text).hash(&mut h);
    }
    h.finish()
}

/// One file of the index as a JavaScript file that adds its part to the global list:
/// `(window.QOIMA_INDEX = window.QOIMA_INDEX || []).push({docs, terms, postings})`. The search
/// page loads every file of its language; each is built from the pages of a few systems.
pub fn index_js(docs: &[Doc]) -> String {
    // A hash map while collecting (most words repeat), sorted once at the end.
    let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
    let mut w = String::new();
    for (i, d) in docs.iter().enumerate() {
        for piece in pieces(&d.text).chain(pieces(&d.title)) {
            fold_into(piece, &mut w);
            match postings.get_mut(w.as_str()) {
                Some(list) => {
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
                None => {
                    postings.insert(w.clone(), vec![i]);
                }
            }
        }
    }
    let mut postings: Vec<(String, Vec<usize>)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let docs: Vec<_> = docs.iter().map(|d| json!([d.title, d.href, d.note])).collect();
    let terms: Vec<&String> = postings.iter().map(|(t, _)| t).collect();
    let lists: Vec<&Vec<usize>> = postings.iter().map(|(_, l)| l).collect();
    let data = json!({"docs": docs, "terms": terms, "postings": lists});
    // A JSON text inside <script> must not close the tag: escape `<`.
    format!("(window.QOIMA_INDEX = window.QOIMA_INDEX || []).push({});\n", data.to_string().replace('<', "\\u003c"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_kazakh_and_russian_case() {
        assert_eq!(fold("ҚАМҚОР"), "қамқор");
        assert_eq!(fold("Өскемен"), "өскемен");
        assert_eq!(fold("ЁЛКА"), "елка");
        let ws: Vec<String> = words("Е-лицензирование (ISEG-00117), a").collect();
        assert_eq!(ws, ["лицензирование", "iseg", "00117"]);
    }

    #[test]
    fn the_fast_paths_answer_as_the_unicode_tables_do() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(in_word(c), c.is_alphanumeric(), "{c:?}");
            let word = format!("{c}{c}x");
            assert_eq!(fold(&word), word.to_lowercase().replace('ё', "е"), "{c:?}");
        }
        for w in ["ΣΑΣ", "ὈΔΥΣΣΕΎΣ", "Ёлка", "ӘБҒҚ-Ңөұүһі", "İstanbul", "ǅ"] {
            assert_eq!(fold(w), w.to_lowercase().replace('ё', "е"), "{w}");
        }
    }

    #[test]
    fn index_is_sorted_and_script_safe() {
        let js = index_js(&[Doc {
            title: "Дамумед </script>".into(),
            href: "x".into(),
            note: String::new(),
            text: "Медицина".into(),
        }]);
        assert!(js.starts_with("(window.QOIMA_INDEX = window.QOIMA_INDEX || []).push("));
        assert!(!js.contains("</script>"));
        let json = js
            .trim_start_matches("(window.QOIMA_INDEX = window.QOIMA_INDEX || []).push(")
            .trim_end()
            .trim_end_matches(");");
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let terms: Vec<&str> = v["terms"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        let mut sorted = terms.clone();
        sorted.sort();
        assert_eq!(terms, sorted);
        assert!(terms.contains(&"медицина") && terms.contains(&"дамумед"));
    }
}
