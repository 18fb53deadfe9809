//! A conclusion's details in the reader's language: each note, secret and problem of a built
//! module said in the theme's words, and details saved by an older qoima recognized first.

use crate::records::conclusion::{NOTES, Note, PROBLEMS, SECRETS};

/// A detail saved without its note (by an older qoima) as the note it was made from, when
/// one of [`NOTES`] made it.
pub fn recognize(detail: &str) -> Option<Note> {
    NOTES.iter().find_map(|(key, template)| {
        let args = crate::template::recognize(template, detail)?;
        Some(Note { key: key.to_string(), args })
    })
}

/// A note in the theme's words `t` of `lang` (`exam_note_<key>`), its arguments said in the
/// language too: counts written the language's way, secrets named in its words. `None` when
/// the theme has no words for it.
pub fn say(note: &Note, t: &toml::Table) -> Option<String> {
    let words = t.get(&format!("exam_note_{}", note.key)).and_then(|w| w.as_str())?;
    let args: crate::theme::Args = note
        .args
        .iter()
        .map(|(name, value)| {
            let said = match name.as_str() {
                "files" | "bytes" | "count" | "entries" | "warnings" | "pages" | "page" | "size" | "kept" => {
                    value.parse::<u64>().ok().map(|n| crate::theme::format_int(t, n))
                }
                "what" => SECRETS.iter().find_map(|(key, template)| {
                    let args = crate::template::recognize(template, value)?;
                    let w = t.get(&format!("exam_secret_{key}")).and_then(|w| w.as_str())?;
                    Some(crate::theme::fill(w, &args))
                }),
                "code" if value.parse::<i64>().is_err() => Some(crate::theme::word(t, "exam_by_signal").to_string()),
                "problem" => Some(say_problem(value, t)),
                _ => None,
            };
            (name.clone(), said.unwrap_or_else(|| value.clone()))
        })
        .collect();
    Some(crate::theme::fill(words, &args))
}

/// A problem of a built module in the theme's words `t`, when one of [`PROBLEMS`] made it;
/// else as it was said.
pub fn say_problem(text: &str, t: &toml::Table) -> String {
    PROBLEMS
        .iter()
        .find_map(|(key, template)| {
            let mut args = crate::template::recognize(template, text)?;
            let words = t.get(&format!("exam_problem_{key}")).and_then(|w| w.as_str())?;
            if let Some(inner) = args.get("error").map(|e| say_problem(e, t)) {
                args.insert("error".into(), inner);
            }
            Some(crate::theme::fill(words, &args))
        })
        .unwrap_or_else(|| text.to_string())
}
