//! Markdown from deposits, rendered and sanitized: deposit text is untrusted, so no script,
//! event handler, style or `javascript:` URL survives (pulldown-cmark, then ammonia), and
//! nothing loads from elsewhere when a page is opened: an image becomes a link to it (its alt
//! text the link's text), and `<img>` written as HTML is dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// Markdown to safe HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 2);
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .rm_tags(["img"])
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

    #[test]
    fn images_become_links_and_nothing_loads_from_elsewhere() {
        let out = to_safe_html(
            "![pixel](https://tracker.example/p.png \"t\") ![](//tracker.example/q.png) <img src=\"https://tracker.example/r.png\"> <img srcset=\"https://tracker.example/s.png 1x\">",
        );
        assert!(!out.contains("<img"), "{out}");
        assert!(
            out.contains(r#"<a href="https://tracker.example/p.png" title="t" rel="noopener noreferrer">pixel</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"href="//tracker.example/q.png""#), "{out}");
        assert!(!out.contains("r.png") && !out.contains("s.png"), "{out}");
    }
}
