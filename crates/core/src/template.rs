//! Sentences with `{name}` placeholders: filled from arguments, and read back into them. The
//! English that records keep (a fixity log, a conclusion) is said in another language by the
//! template it was made from.

use std::collections::BTreeMap;

/// Arguments of a sentence with `{name}` placeholders, by name.
pub type Args = BTreeMap<String, String>;

/// `{name}` placeholders of `template` filled from `args` (a placeholder without an argument
/// stays as it is).
pub fn fill(template: &str, args: &Args) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + len];
        out.push_str(&rest[..open]);
        match args.get(name) {
            Some(v) => out.push_str(v),
            None => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The arguments that make `text` of `template` (the reverse of [`fill`]): each placeholder
/// takes the shortest text up to what follows it in the template (the last one takes the
/// rest). `None` when `text` is not of that template. Text saved in English (a fixity log, an
/// older conclusion) is said in another language by the template it was made from.
pub fn recognize(template: &str, text: &str) -> Option<Args> {
    let mut args = Args::new();
    let (mut t, mut s) = (template, text);
    loop {
        let Some(open) = t.find('{') else { return (t == s).then_some(args) };
        let close = open + t[open..].find('}')?;
        s = s.strip_prefix(&t[..open])?;
        let name = &t[open + 1..close];
        t = &t[close + 1..];
        // What follows the placeholder, up to the next one, must follow its value.
        let literal = &t[..t.find('{').unwrap_or(t.len())];
        let end = if literal.is_empty() {
            if t.is_empty() { s.len() } else { return None }
        } else if t.len() == literal.len() {
            s.len().checked_sub(literal.len()).filter(|&e| s[e..] == *literal && s.is_char_boundary(e))?
        } else {
            s.find(literal)?
        };
        args.insert(name.to_string(), s[..end].to_string());
        s = &s[end..];
    }
}

/// One word of a translation table, or the key itself when it is missing.
pub fn word<'a>(t: &'a toml::Table, key: &'a str) -> &'a str {
    t.get(key).and_then(|v| v.as_str()).unwrap_or(key)
}
