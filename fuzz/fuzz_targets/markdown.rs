//! Markdown from deposits becomes sanitized HTML: no script, handler or javascript: link ever
//! comes out, whatever goes in.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let html = qoima::markdown::to_safe_html(text);
    // Text is escaped, so every `<` starts a real tag: look inside each one.
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("").to_ascii_lowercase()) {
        assert!(!tag.starts_with("script") && !tag.starts_with("iframe") && !tag.starts_with("style"), "<{tag}> in {html}");
        for attr in ["href=\"", "src=\"", "action=\"", "formaction=\""] {
            for (at, _) in tag.match_indices(attr) {
                let value = tag[at + attr.len()..].trim_start();
                assert!(!value.starts_with("javascript:") && !value.starts_with("data:text/html"), "<{tag}> in {html}");
            }
        }
        // Attribute names only: quoted values are text (a `"` inside one is written &quot;).
        let names: String = tag.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        let handler = names.split_whitespace().skip(1).any(|a| a.starts_with("on") && a.contains('='));
        assert!(!handler, "<{tag}> in {html}");
    }
});
