//! Markdown from deposits, rendered and sanitized: deposit text is untrusted, so no script,
//! event handler, style or `javascript:` URL survives (pulldown-cmark, then ammonia).

use pulldown_cmark::{Options, Parser, html};

/// Markdown to safe HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let out = to_safe_html(
            "**bold** <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) <a href=\"https://gov.kz\" onclick=\"evil()\">ok</a>",
        );
        assert!(out.contains("<strong>bold</strong>"), "{out}");
        for bad in ["<script", "onerror", "javascript:", "onclick", "alert(1)"] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
        assert!(out.contains("https://gov.kz"));
    }
}
