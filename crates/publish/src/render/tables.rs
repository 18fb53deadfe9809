//! A report table's three files — its page, its CSV and its JSON — written row by row, with
//! the layout that says where each row's bytes are in each file.
//!
//! A live edit of one system changes that system's rows of a journal of tens of thousands of
//! entries. With the layout of the files it wrote last, a session makes only the changed
//! system's rows and copies every other row's bytes from the old files ([`merge`]); the row
//! numbers and the separators between rows are written afresh, so a row may move. A full build
//! writes the same bytes through the same functions: [`fragments`] makes each row's bytes and
//! [`assemble`] puts them between the file's head and tail.

use std::collections::BTreeSet;

use crate::reports::{Cell, RowKey, Table, csv_cell, field_name};

/// The files of a report, in this order: the page, the CSV, the JSON.
pub const FILES: usize = 3;
const PAGE: usize = 0;
const CSV: usize = 1;

/// Where a row's own bytes are in a file: after its number and separators, up to its end.
pub(super) type Span = (u32, u32);

/// A row for [`assemble`]: its key (when the listing has keys) and its own bytes in each of
/// the listing's `N` files.
pub(super) type RowBytes<'t, const N: usize = FILES> = (Option<&'t RowKey>, [&'t [u8]; N]);

/// Where each row of a listing is in each of its files (`spans[file][row]`), by row key, in
/// the listing's order: a report's three files, the register's one page.
#[derive(Debug, Default)]
pub struct Layout {
    /// The key of each row, in the listing's order.
    pub keys: Vec<RowKey>,
    /// For each file, where each row's own bytes are in it, in the order of `keys`.
    pub spans: Vec<Vec<Span>>,
}

/// What comes before the first row and after the last one in each file.
pub(super) struct Frame {
    pub head: [Vec<u8>; FILES],
    pub tail: [Vec<u8>; FILES],
}

/// Stands where the rows go in the page the theme renders (`{{ report.rows_html | safe }}`):
/// the page is rendered once around it and split there. A comment, so that a theme which
/// escapes the rows (no `safe`) does not contain it and the page is rendered with its rows.
pub(super) const ROWS_MARK: &str = "<!--qoima:rows-->";

/// The byte-order mark that opens every CSV file.
pub(super) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl Frame {
    /// The frame of `table`'s files around `rows` rows, the page's parts and the columns'
    /// names in the page's language (the CSV's header) given. The CSV is for people opening it
    /// in a spreadsheet: UTF-8 with a byte-order mark (without which Excel reads the Cyrillic as
    /// another code page) and the page's column names; the JSON keeps the columns' stable keys.
    pub(super) fn new(
        table: &Table,
        (page_head, page_tail): (&str, &str),
        labels: &[&str],
        rows: usize,
    ) -> Result<Frame, crate::error::Error> {
        let mut csv = csv::Writer::from_writer(UTF8_BOM.to_vec());
        csv.write_record(labels).map_err(|e| e.to_string())?;
        let csv = csv.into_inner().map_err(|e| e.to_string())?;
        let head = format!(
            "{{\n  \"report\": {},\n  \"rule\": {},\n  \"due\": {},{}\n  \"rows\": [",
            json(&table.id),
            json(&table.rule),
            json(&table.due),
            match &table.state {
                Some(state) => format!("\n  \"state\": {},", json(state)),
                None => String::new(),
            }
        );
        let tail = if rows == 0 { "]\n}\n" } else { "\n  ]\n}\n" };
        Ok(Frame {
            head: [page_head.as_bytes().to_vec(), csv, head.into_bytes()],
            tail: [page_tail.as_bytes().to_vec(), Vec::new(), tail.as_bytes().to_vec()],
        })
    }
}

/// A value as JSON (strings escaped, dates as ISO strings).
fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// The columns that hold identifiers (numbers of applications, depository and registration
/// numbers, codes, clauses): their page cells are marked `class="id"`.
const IDENTIFIERS: [&str; 6] = [
    "col_application_number",
    "col_depository_number",
    "col_registration_number",
    "col_number",
    "col_code",
    "col_rule",
];

/// The bytes of a table's rows in the three forms, each row apart from its number and the
/// separators before it, one buffer per form.
pub(super) struct Fragments {
    bytes: [Vec<u8>; FILES],
    spans: Vec<[Span; FILES]>,
}

impl Fragments {
    fn row(&self, i: usize) -> [&[u8]; FILES] {
        let s = &self.spans[i];
        std::array::from_fn(|f| &self.bytes[f][s[f].0 as usize..s[f].1 as usize])
    }
}

fn at(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Each row of `table` as page cells (escaped; dates and half-years in the page's language,
/// from `t`), as a CSV record (formulas neutralized; half-years in words) and as the fields of
/// a JSON object.
pub(super) fn fragments(table: &Table, t: &toml::Table) -> Result<Fragments, crate::error::Error> {
    let n = table.rows.len();
    let mut page = Vec::with_capacity(n * 160);
    let mut json = Vec::with_capacity(n * 200);
    let mut csv = csv::Writer::from_writer(Vec::with_capacity(n * 100));
    let mut spans = Vec::with_capacity(n);
    // Each date in the page's language, written once: a register's rows share few dates.
    let mut dates: std::collections::HashMap<chrono::NaiveDate, String> = std::collections::HashMap::new();
    let half = |c: &Cell| c.half.map(|(y, h)| crate::theme::format_half_year(t, y, h));
    let columns = &table.columns[usize::from(table.numbered).min(table.columns.len())..];
    // The cells of identifiers, which must not break at their hyphens on a narrow screen.
    let ids: Vec<bool> = columns.iter().map(|c| IDENTIFIERS.contains(&c.as_str())).collect();
    for row in &table.rows {
        let start = [at(page.len()), at(csv.get_ref().len()), at(json.len())];
        for (i, c) in row.iter().enumerate() {
            page.extend_from_slice(if ids.get(i) == Some(&true) { b"<td class=\"id\">" } else { b"<td>" });
            let _ = match c.date {
                Some(d) => {
                    tera::escape_html(dates.entry(d).or_insert_with(|| crate::theme::format_date(t, d)), &mut page)
                }
                None => match half(c) {
                    Some(h) => tera::escape_html(&h, &mut page),
                    None => tera::escape_html(c.shown(), &mut page),
                },
            };
            page.extend_from_slice(b"</td>");
        }
        page.extend_from_slice(b"</tr>");
        // Field by field, each borrowed (an empty record after them ends the row).
        for c in row {
            let written = match half(c) {
                Some(h) => csv.write_field(h.as_bytes()),
                None => csv.write_field(csv_cell(c.shown()).as_bytes()),
            };
            written.map_err(|e| e.to_string())?;
        }
        csv.write_record(std::iter::empty::<&[u8]>()).map_err(|e| e.to_string())?;
        csv.flush().map_err(|e| e.to_string())?;
        json_fields(&mut json, columns, row);
        let end = [at(page.len()), at(csv.get_ref().len()), at(json.len())];
        spans.push(std::array::from_fn(|f| (start[f], end[f])));
    }
    let csv = csv.into_inner().map_err(|e| e.to_string())?;
    Ok(Fragments { bytes: [page, csv, json], spans })
}

/// A row's fields as serde_json's pretty printer writes them inside the rows array, and the
/// brace that closes the object.
fn json_fields(out: &mut Vec<u8>, columns: &[String], row: &[Cell]) {
    let mut first = true;
    for (k, c) in columns.iter().zip(row) {
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(b"\n      ");
        let _ = serde_json::to_writer(&mut *out, field_name(k));
        out.extend_from_slice(b": ");
        let _ = serde_json::to_writer(&mut *out, c.text.as_ref());
    }
    out.extend_from_slice(b"\n    }");
}

/// Writes what comes before a row's own bytes in file `f`: the row's opening, its number
/// when the table numbers its rows (`n` counts from 1), the comma between JSON objects.
fn open_row(out: &mut Vec<u8>, f: usize, n: usize, numbered: Option<&str>) {
    // A journal numbers tens of thousands of rows in each of three files, on every live edit.
    let mut digits = itoa::Buffer::new();
    match f {
        PAGE => {
            out.extend_from_slice(b"\n    <tr>");
            if numbered.is_some() {
                out.extend_from_slice(b"<td>");
                out.extend_from_slice(digits.format(n).as_bytes());
                out.extend_from_slice(b"</td>");
            }
        }
        CSV => {
            if numbered.is_some() {
                out.extend_from_slice(digits.format(n).as_bytes());
                out.push(b',');
            }
        }
        // The JSON.
        _ => {
            if n > 1 {
                out.push(b',');
            }
            out.extend_from_slice(b"\n    {");
            if let Some(key) = numbered {
                out.extend_from_slice(b"\n      ");
                let _ = serde_json::to_writer(&mut *out, key);
                out.extend_from_slice(b": \"");
                out.extend_from_slice(digits.format(n).as_bytes());
                out.extend_from_slice(b"\",");
            }
        }
    }
}

/// The column that numbers the rows (its CSV and JSON name), when the table has one.
fn number_column<'t>(table: &'t Table<'_>) -> Option<&'t str> {
    table.numbered.then(|| table.columns.first().map(|c| field_name(c))).flatten()
}

/// The files of `table` from its rows' bytes in order (`rows`, with their keys when the table
/// has them): the frame around them, each row opened and numbered. Each file is handed to
/// `put` as soon as it is made (a journal's three files are not all held at once). Returns the
/// layout of a keyed table.
pub(super) fn assemble_each(
    table: &Table,
    frame: &Frame,
    rows: &[RowBytes],
    mut put: impl FnMut(usize, Vec<u8>) -> Result<(), crate::error::Error>,
) -> Result<Option<Layout>, crate::error::Error> {
    let numbered = number_column(table);
    let mut spans = Vec::with_capacity(FILES);
    for f in 0..FILES {
        let (out, at) = join_rows(&frame.head[f], &frame.tail[f], rows.iter().map(|r| r.1[f]), |out, n| {
            open_row(out, f, n, numbered)
        });
        spans.push(at);
        put(f, out)?;
    }
    let keys: Option<Vec<RowKey>> = rows.iter().map(|(k, _)| k.cloned()).collect();
    Ok(keys.filter(|_| table.keys.is_some()).map(|keys| Layout { keys, spans }))
}

/// One file of a listing: `head`, then each row (`open` writes what comes before the row's own
/// bytes, given its number from 1), then `tail`. Returns the file and where each row's own
/// bytes are in it.
pub(super) fn join_rows<'r>(
    head: &[u8],
    tail: &[u8],
    rows: impl ExactSizeIterator<Item = &'r [u8]> + Clone,
    mut open: impl FnMut(&mut Vec<u8>, usize),
) -> (Vec<u8>, Vec<Span>) {
    let size: usize = rows.clone().map(|r| r.len() + 24).sum();
    let mut spans = Vec::with_capacity(rows.len());
    let mut out = Vec::with_capacity(head.len() + size + tail.len());
    out.extend_from_slice(head);
    for (i, bytes) in rows.enumerate() {
        open(&mut out, i + 1);
        let start = at(out.len());
        out.extend_from_slice(bytes);
        spans.push((start, at(out.len())));
    }
    out.extend_from_slice(tail);
    (out, spans)
}

/// The three files of [`assemble_each`] together, with the layout.
pub(super) fn assemble(table: &Table, frame: &Frame, rows: &[RowBytes]) -> ([Vec<u8>; FILES], Option<Layout>) {
    let mut files: [Vec<u8>; FILES] = Default::default();
    let layout = assemble_each(table, frame, rows, |f, bytes| {
        files[f] = bytes;
        Ok(())
    })
    .unwrap_or_default();
    (files, layout)
}

/// The rows of every file of a freshly made table, in order, for [`assemble`].
pub(super) fn all_rows<'t>(table: &'t Table, fragments: &'t Fragments) -> Vec<RowBytes<'t>> {
    (0..table.rows.len()).map(|i| (table.keys.as_ref().and_then(|k| k.get(i)), fragments.row(i))).collect()
}

/// The rows of a listing after an edit of `systems`: the rows of the other systems as they are
/// in the `old` files (where `layout` says), and the edited systems' rows made anew (their
/// `keys`, and `fresh` gives the bytes of the `i`th in each file), merged in key order. `None`
/// when the layout does not fit the old files.
pub(super) fn merge<'t, const N: usize>(
    layout: &'t Layout,
    old: &'t [Vec<u8>],
    systems: &BTreeSet<String>,
    keys: &'t [RowKey],
    fresh: impl Fn(usize) -> [&'t [u8]; N],
) -> Option<Vec<RowBytes<'t, N>>> {
    if layout.spans.len() != N || old.len() != N || layout.spans.iter().any(|s| s.len() != layout.keys.len()) {
        return None;
    }
    let mut kept = Vec::with_capacity(layout.keys.len());
    // Few systems change at a time: compared one by one, not looked up in the set.
    let changed: Vec<&str> = systems.iter().map(String::as_str).collect();
    for (i, key) in layout.keys.iter().enumerate() {
        if changed.contains(&&*key.system) {
            continue;
        }
        let mut bytes: [&[u8]; N] = [&[]; N];
        for f in 0..N {
            let (start, end) = layout.spans[f][i];
            bytes[f] = old[f].get(start as usize..end as usize)?;
        }
        kept.push((key, bytes));
    }
    let mut out = Vec::with_capacity(kept.len() + keys.len());
    let mut old_rows = kept.into_iter().peekable();
    let mut new_rows = keys.iter().enumerate().peekable();
    loop {
        let take_old = match (old_rows.peek(), new_rows.peek()) {
            (Some((a, _)), Some((_, b))) => a < b,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_old {
            let (k, bytes) = old_rows.next()?;
            out.push((Some(k), bytes));
        } else {
            let (i, k) = new_rows.next()?;
            out.push((Some(k), fresh(i)));
        }
    }
    Some(out)
}

/// [`merge`] for a report: `fresh` is the edited systems' part of the table, `fragments` its rows.
pub(super) fn merge_table<'t>(
    layout: &'t Layout,
    old: &'t [Vec<u8>],
    systems: &BTreeSet<String>,
    fresh: &'t Table,
    fragments: &'t Fragments,
) -> Option<Vec<RowBytes<'t>>> {
    merge(layout, old, systems, fresh.keys.as_ref()?, |i| fragments.row(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{Cell, RowKey, Table};
    use chrono::NaiveDate;
    use std::sync::Arc;

    fn key(day: u32, system: &str, seq: u32) -> RowKey {
        RowKey {
            date: NaiveDate::from_ymd_opt(2026, 1, day),
            text: format!("{system}/1.0").into(),
            system: Arc::from(system),
            deposit: 0,
            seq,
        }
    }

    /// A numbered table of `rows` (day, system, text), sorted by key as the reports sort.
    fn table(rows: &[(u32, &str, &str)]) -> Table<'static> {
        let mut keyed: Vec<(RowKey, Vec<Cell<'static>>)> = rows
            .iter()
            .enumerate()
            .map(|(i, (day, system, text))| {
                let date = NaiveDate::from_ymd_opt(2026, 1, *day).unwrap();
                let cells = vec![
                    Cell { text: text.to_string().into(), date: None, half: None, shown: None },
                    Cell { text: date.to_string().into(), date: Some(date), half: None, shown: None },
                ];
                // The row's place among its system's rows, as an event's among its deposit's.
                let seq = rows[..i].iter().filter(|r| r.1 == *system).count();
                (key(*day, system, seq as u32), cells)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let (keys, rows): (Vec<_>, Vec<_>) = keyed.into_iter().unzip();
        Table {
            id: "journal".into(),
            title: "report_journal",
            rule: "O146-8",
            columns: ["col_no", "col_text", "col_received"].map(String::from).to_vec(),
            rows,
            keys: Some(keys),
            numbered: true,
            due: None,
            state: None,
        }
    }

    /// The columns' names in the page's language.
    const LABELS: [&str; 3] = ["№", "Мәтін", "Келді"];

    fn whole(table: &Table) -> ([Vec<u8>; FILES], Option<Layout>) {
        let t = toml::Table::new();
        let frame = Frame::new(table, ("<table>", "\n</table>"), &LABELS, table.rows.len()).unwrap();
        let fragments = fragments(table, &t).unwrap();
        assemble(table, &frame, &all_rows(table, &fragments))
    }

    /// Replacing one system's rows in the files written before gives the bytes a whole render
    /// of the edited table gives: rows that move, rows added and removed, numbers shifted, a
    /// formula and text that JSON and HTML escape.
    #[test]
    fn patched_files_are_the_files_made_whole() {
        let before = table(&[(1, "a", "a one"), (2, "b", "b one"), (3, "a", "a two"), (5, "c", "=c <one>")]);
        let after_rows =
            [(1, "a", "a one"), (4, "b", "b \"moved\""), (4, "b", "b new"), (3, "a", "a two"), (5, "c", "=c <one>")];
        let after = table(&after_rows);
        let (old, layout) = whole(&before);
        let layout = layout.unwrap();
        // The edited system's rows alone, as a live session makes them.
        let fresh = table(&after_rows.iter().copied().filter(|r| r.1 == "b").collect::<Vec<_>>());
        let t = toml::Table::new();
        let fragments = fragments(&fresh, &t).unwrap();
        let systems = BTreeSet::from(["b".to_string()]);
        let rows = merge_table(&layout, &old, &systems, &fresh, &fragments).unwrap();
        let frame = Frame::new(&after, ("<table>", "\n</table>"), &LABELS, rows.len()).unwrap();
        let (patched, patched_layout) = assemble(&after, &frame, &rows);
        let (made, made_layout) = whole(&after);
        for f in 0..FILES {
            assert_eq!(String::from_utf8_lossy(&patched[f]), String::from_utf8_lossy(&made[f]), "file {f}");
        }
        let (p, m) = (patched_layout.unwrap(), made_layout.unwrap());
        assert_eq!(p.keys, m.keys);
        assert_eq!(p.spans, m.spans);
        // The JSON is what serde_json reads back, numbered in order.
        let json: serde_json::Value = serde_json::from_slice(&made[2]).unwrap();
        let numbers: Vec<&str> = json["rows"].as_array().unwrap().iter().map(|r| r["no"].as_str().unwrap()).collect();
        assert_eq!(numbers, ["1", "2", "3", "4", "5"]);
        assert_eq!(json["rows"][4]["text"], "=c <one>");
        let csv = String::from_utf8(made[1].clone()).unwrap();
        // A byte-order mark, then the columns as the page names them; the JSON keeps its keys.
        assert!(csv.starts_with("\u{feff}№,Мәтін,Келді\n") || csv.starts_with("\u{feff}№,Мәтін,Келді\r\n"), "{csv}");
        assert!(json["rows"][0].get("text").is_some() && json["rows"][0].get("received").is_some());
        assert!(csv.contains("5,'=c <one>,2026-01-05"), "{csv}");
        let html = String::from_utf8(made[0].clone()).unwrap();
        assert!(html.contains("<td>5</td><td>=c &lt;one&gt;</td>"), "{html}");
    }

    /// A report with no rows is an empty JSON array and a header-only CSV.
    #[test]
    fn an_empty_report_has_its_frame_only() {
        let empty = table(&[]);
        let (files, _) = whole(&empty);
        let json: serde_json::Value = serde_json::from_slice(&files[2]).unwrap();
        assert_eq!(json["rows"], serde_json::json!([]));
        assert_eq!(json["report"], "journal");
        assert_eq!(String::from_utf8_lossy(&files[0]), "<table>\n</table>");
    }
}
