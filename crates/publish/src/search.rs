//! The client-side search index: one JavaScript file per edition and language that assigns the
//! index to a global, so the search works opened from disk (file://, where fetch() and WASM
//! loaders cannot run) and from any web server.
//!
//! Words are folded the same way here and in the browser (`qoima.js`): lower case, `ё` → `е`,
//! and the Kazakh letters to those a Russian keyboard types (ә→а, ө→о, ү/ұ→у, қ→к, ғ→г, ң→н,
//! һ→х, і→и), so that `отиниш` finds `өтініш` and case never matters. Russian words (and Kazakh
//! ones, folded) are then stemmed with the Snowball Russian stemmer, so that `обращения` finds
//! `обращений`; the index holds each folded word and its stem, and the browser looks up the
//! stem of what is typed by prefix. Identifiers with punctuation (`KZ-DEP-2023-000041`,
//! `Ж-2026/131`) are also indexed joined (`kzdep2023000041`, `ж2026131`), so they are found
//! typed with or without it. Terms are sorted, so the browser finds every term with a given
//! prefix by binary search.

use std::collections::HashMap;

use serde_json::json;

/// Folds a word for matching (must stay identical to `fold` in themes/default/static/qoima.js).
pub fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out);
    out
}

/// A lower-case letter as typed on a Russian keyboard: `ё` and the letters of Kazakh that it
/// lacks become the nearest Russian ones.
fn plain(c: char) -> char {
    match c {
        'ё' => 'е',
        'ә' => 'а',
        'ө' => 'о',
        'ү' | 'ұ' => 'у',
        'қ' => 'к',
        'ғ' => 'г',
        'ң' => 'н',
        'һ' => 'х',
        'і' => 'и',
        _ => c,
    }
}

/// [`fold`] into a buffer the caller reuses. The same as `str::to_lowercase` with each letter
/// made [`plain`], with the letters of Kazakh and Russian texts (ASCII, А–Я) lowered without
/// the general tables.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    // Σ is the one letter whose lower case depends on its place in the word.
    if word.contains('Σ') {
        out.extend(word.to_lowercase().chars().map(plain));
        return;
    }
    for c in word.chars() {
        match c {
            'A'..='Z' | 'А'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            _ if c.is_ascii() || ('а'..='я').contains(&c) => out.push(c),
            _ => out.extend(c.to_lowercase().map(plain)),
        }
    }
}

/// The Snowball Russian stem of a folded word made of Russian letters only (must stay
/// identical to `stem` in qoima.js); any other word, and a stem shorter than two letters, is
/// the word itself.
pub fn stem(folded: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    thread_local! {
        static RUSSIAN: rust_stemmers::Stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian);
    }
    if folded.is_empty() || !folded.chars().all(|c| ('а'..='я').contains(&c)) {
        return Cow::Borrowed(folded);
    }
    let stemmed = RUSSIAN.with(|r| r.stem(folded).into_owned());
    if stemmed.chars().nth(1).is_none() || stemmed == folded { Cow::Borrowed(folded) } else { Cow::Owned(stemmed) }
}

/// Whether `c` belongs to a word (`char::is_alphanumeric`, as `\p{L}\p{N}` in the browser), with
/// ASCII and the basic Cyrillic letters answered without the general tables.
fn in_word(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { ('А'..='я').contains(&c) || c.is_alphanumeric() }
}

/// The words of a query as the index is searched by: letters and digits, folded and stemmed,
/// at least two characters; each is looked up by prefix.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    pieces(text).map(|w| {
        let f = fold(w);
        stem(&f).into_owned()
    })
}

/// The unfolded words of a text.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !in_word(c)).filter(|w| w.chars().nth(1).is_some())
}

/// The identifiers of a text written with punctuation between letters and digits
/// (`KZ-DEP-2023-000041`, `Ж-2026/131`, `ISEG-00089`), each joined and folded
/// (`kzdep2023000041`): what a number typed without its punctuation is found by. Must stay
/// identical to `joined` in qoima.js.
pub fn identifiers(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(char::is_whitespace).filter_map(|chunk| {
        let chunk = chunk.trim_matches(|c: char| !in_word(c));
        let punctuated = chunk.chars().any(|c| !in_word(c));
        if !punctuated || !chunk.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let joined: String = chunk.chars().filter(|c| in_word(*c)).collect();
        Some(fold(&joined)).filter(|j| j.chars().nth(1).is_some())
    })
}

/// One searchable page.
pub struct Doc {
    /// The page's title, as the search results show it.
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
    let mut h = crate::hash::hasher();
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
    let mut add = |term: &str, i: usize| match postings.get_mut(term) {
        Some(list) => {
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        None => {
            postings.insert(term.to_string(), vec![i]);
        }
    };
    for (i, d) in docs.iter().enumerate() {
        for piece in pieces(&d.text).chain(pieces(&d.title)) {
            fold_into(piece, &mut w);
            add(&w, i);
        }
        for id in identifiers(&d.text).chain(identifiers(&d.title)) {
            add(&id, i);
        }
    }
    // Each word's stem too (stemmed once per distinct word), with the documents of its words.
    let mut stems: HashMap<String, Vec<usize>> = HashMap::new();
    for (term, list) in &postings {
        if let std::borrow::Cow::Owned(s) = stem(term) {
            stems.entry(s).or_default().extend(list);
        }
    }
    for (s, mut list) in stems {
        let entry = postings.entry(s).or_default();
        entry.append(&mut list);
        entry.sort_unstable();
        entry.dedup();
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
        assert_eq!(fold("ҚАМҚОР"), "камкор");
        assert_eq!(fold("Өскемен"), "оскемен");
        assert_eq!(fold("ЁЛКА"), "елка");
        assert_eq!(fold("Өтініш"), "отиниш");
        assert_eq!(fold("ӘҒҚҢӨҰҮҺІ"), "агкноуухи");
        let ws: Vec<String> = words("Е-лицензирование (ISEG-00117), a").collect();
        assert_eq!(ws, ["лицензирован", "iseg", "00117"]);
    }

    #[test]
    fn russian_word_forms_share_a_stem() {
        let key = |w: &str| stem(&fold(w)).into_owned();
        assert_eq!(key("обращений"), key("обращения"));
        assert_eq!(key("обращений"), key("Обращение"));
        assert_eq!(key("поликлиники"), key("поликлиникам"));
        assert_eq!(key("нотариальных"), key("нотариальный"));
        assert_eq!(key("өтініш"), key("отиниш"));
        // Not Russian letters: as they are.
        assert_eq!(key("python"), "python");
        assert_eq!(key("2026"), "2026");
    }

    #[test]
    fn identifiers_are_joined_without_their_punctuation() {
        let ids: Vec<String> =
            identifiers("№ KZ-DEP-2023-000041, (Ж-2026/131) ISEG-00089 Вх. 3-1/2217 e-нотариат 2.0").collect();
        assert_eq!(ids, ["kzdep2023000041", "ж2026131", "iseg00089", "312217", "20"]);
    }

    #[test]
    fn the_fast_paths_answer_as_the_unicode_tables_do() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(in_word(c), c.is_alphanumeric(), "{c:?}");
            let word = format!("{c}{c}x");
            assert_eq!(fold(&word), word.to_lowercase().chars().map(plain).collect::<String>(), "{c:?}");
        }
        for w in ["ΣΑΣ", "ὈΔΥΣΣΕΎΣ", "Ёлка", "ӘБҒҚ-Ңөұүһі", "İstanbul", "ǅ"] {
            assert_eq!(fold(w), w.to_lowercase().chars().map(plain).collect::<String>(), "{w}");
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
        assert!(terms.contains(&"медицин"), "the stem too");
    }
}
