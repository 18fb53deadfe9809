//! The State Register's page (`systems/index.html`), written row by row.
//!
//! The theme's `systems.html` marks where each system's row begins ([`ROW_MARK`]) and where the
//! rows end ([`END_MARK`]). The page is split at the marks, written without them, and the place
//! of each row kept (a [`Layout`], as for the reports): a live edit of one system renders the
//! page around that system's row alone and copies every other row from the page written before.
//! A theme without the marks gets its page as rendered, made whole on every edit.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::json;

use super::tables::{self, Layout};
use super::views::Views;
use super::{Kind, Listing, Sink, fingerprint, render};
use crate::reports::RowKey;
use crate::theme::Theme;

/// Opens each row of the register in the rendered page.
pub(super) const ROW_MARK: &str = "<!--qoima:row-->";
/// Follows the last row of the register in the rendered page.
pub(super) const END_MARK: &str = "<!--qoima:rows-end-->";

/// A rendered page split at its marks: what comes before the rows, each row, what comes after.
/// `None` when the marks are not those of exactly `rows` rows.
pub(super) fn split(page: &str, rows: usize) -> Option<(&str, Vec<&str>, &str)> {
    let (body, tail) = page.split_once(END_MARK)?;
    if tail.contains(END_MARK) || tail.contains(ROW_MARK) {
        return None;
    }
    let mut parts = body.split(ROW_MARK);
    let head = parts.next()?;
    let each: Vec<&str> = parts.collect();
    (each.len() == rows).then_some((head, each, tail))
}

/// A system's place in the register: the archive's order, by folder name.
fn key(id: &str) -> RowKey {
    RowKey { date: None, text: "".into(), system: Arc::from(id), deposit: 0, seq: 0 }
}

/// Writes one language's register page into `sink`. With `changed` (a live edit of those
/// systems) and the page's layout kept by the sink, only their rows are rendered; otherwise the
/// page is made whole (skipped when its data's fingerprint is unchanged).
pub(super) fn write(
    view: &Views,
    theme: &Theme,
    (base, site): (&tera::Context, serde_json::Value),
    sink: &dyn Sink,
    changed: Option<&BTreeSet<String>>,
) -> Result<(), crate::error::Error> {
    let rels = [format!("{}/systems/index.html", view.lang())];
    let rel = &rels[0];
    let kind = Kind::Listing(Listing::Register, view.lang());
    let facets = view.register_facets();
    let filters = view.register_filters(facets.iter().map(|(_, f)| f));
    if let Some(ids) = changed
        && let Some((layout, old)) = sink.rows_before(&rels)
    {
        let fresh: Vec<_> = facets.iter().filter(|(s, _)| ids.contains(&s.id)).collect();
        let keys: Vec<RowKey> = fresh.iter().map(|(s, _)| key(&s.id)).collect();
        let rows: Vec<serde_json::Value> = fresh.iter().map(|(s, f)| view.register_row(s, f)).collect();
        let page = render(theme, "systems.html", base, &json!({"site": site, "systems": rows, "filters": filters}))?;
        if let Some((head, each, tail)) = split(&page, rows.len())
            && let Some(merged) = tables::merge(&layout, &old, ids, &keys, |i| [each[i].as_bytes()])
        {
            let (bytes, spans) =
                tables::join_rows(head.as_bytes(), tail.as_bytes(), merged.iter().map(|r| r.1[0]), |_, _| {});
            sink.put(rel, &bytes, kind)?;
            let keys = merged.iter().filter_map(|r| r.0.cloned()).collect();
            sink.rows_stored(&rels, Some(Layout { keys, spans: vec![spans] }));
            return Ok(());
        }
    }
    let rows: Vec<serde_json::Value> = facets.iter().map(|(s, f)| view.register_row(s, f)).collect();
    let ctx = json!({"site": site, "systems": rows, "filters": filters});
    if sink.unchanged(&[rel], fingerprint(&ctx)) {
        return Ok(());
    }
    let page = render(theme, "systems.html", base, &ctx)?;
    let keys: Vec<RowKey> = facets.iter().map(|(s, _)| key(&s.id)).collect();
    match split(&page, rows.len()).filter(|_| keys.is_sorted()) {
        Some((head, each, tail)) => {
            let (bytes, spans) =
                tables::join_rows(head.as_bytes(), tail.as_bytes(), each.iter().map(|r| r.as_bytes()), |_, _| {});
            sink.put(rel, &bytes, kind)?;
            sink.rows_stored(&rels, Some(Layout { keys, spans: vec![spans] }));
        }
        None => {
            // Marks that do not fit are not left in the page.
            let page = page.replace(ROW_MARK, "").replace(END_MARK, "");
            sink.put(rel, page.as_bytes(), kind)?;
            sink.rows_stored(&rels, None);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_splits_at_its_marks_or_not_at_all() {
        let page = format!("<table>{ROW_MARK}<tr>a</tr>{ROW_MARK}<tr>b</tr>{END_MARK}</table>");
        let (head, rows, tail) = split(&page, 2).unwrap();
        assert_eq!((head, rows, tail), ("<table>", vec!["<tr>a</tr>", "<tr>b</tr>"], "</table>"));
        assert!(split(&page, 3).is_none(), "a row count that does not fit");
        assert!(split("<table></table>", 0).is_none(), "no end mark");
        let empty = format!("<table>{END_MARK}</table>");
        assert_eq!(split(&empty, 0).unwrap().1.len(), 0);
        let twice = format!("{ROW_MARK}a{END_MARK}{ROW_MARK}b{END_MARK}");
        assert!(split(&twice, 1).is_none(), "rows after the end");
    }
}
