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
        assert!(!tag.contains("javascript:"), "<{tag}> in {html}");
        let handler = tag.split_whitespace().skip(1).any(|a| a.starts_with("on") && a.contains('='));
        assert!(!handler, "<{tag}> in {html}");
    }
});
