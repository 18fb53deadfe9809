//! `qoima build`: the catalogue, rendered from the catalog snapshot with the theme's templates,
//! into two editions (public, internal), every page in every language.
//!
//! The public edition is the public part of the State Register (D1124-28): nothing of a
//! restricted system or deposit (D1124-12) enters it, and neither do findings or deadlines.
//! Each edition is written into a staging folder beside the target and renamed into place, so a
//! reader never sees half a site and a failed build leaves the previous one. Links are relative,
//! so the site works from disk (file://) and under any base path.

mod views;

pub use views::human_size;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::json;

use crate::catalog::Catalog;
use crate::theme::{Theme, word};

/// Which edition to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Edition {
    Public,
    Internal,
}

impl Edition {
    pub fn name(self) -> &'static str {
        match self {
            Edition::Public => "public",
            Edition::Internal => "internal",
        }
    }
}

/// What a build wrote.
#[derive(Debug, Default)]
pub struct Built {
    pub editions: Vec<(Edition, PathBuf, usize)>,
}

/// Builds `editions` into `out` (e.g. `dist/`), each into `out/<edition>/`.
pub fn build(cat: &Catalog, theme: &Theme, out: &Path, editions: &[Edition]) -> Result<Built, String> {
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut built = Built::default();
    for &edition in editions {
        let target = out.join(edition.name());
        let stage = out.join(format!(".{}.staging-{}", edition.name(), std::process::id()));
        let _ = fs::remove_dir_all(&stage);
        let packages_dir = out.join(crate::package::PACKAGES_DIR);
        let packages =
            if edition == Edition::Internal { crate::package::read_index(&packages_dir) } else { Vec::new() };
        let result = write_edition(cat, theme, edition, &stage, &packages)
            .and_then(|pages| link_packages(&packages_dir, &packages, &stage).map(|()| pages));
        match result {
            Ok(pages) => {
                swap_into_place(&stage, &target)?;
                built.editions.push((edition, target, pages));
            }
            Err(e) => {
                let _ = fs::remove_dir_all(&stage);
                return Err(e);
            }
        }
    }
    Ok(built)
}

/// Renames the staging folder onto the target; the old site is removed only afterwards.
fn swap_into_place(stage: &Path, target: &Path) -> Result<(), String> {
    let old = target.with_file_name(format!(
        ".{}.old-{}",
        target.file_name().and_then(|n| n.to_str()).unwrap_or("edition"),
        std::process::id()
    ));
    let had_old = target.exists();
    if had_old {
        fs::rename(target, &old).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    if let Err(e) = fs::rename(stage, target) {
        if had_old {
            let _ = fs::rename(&old, target);
        }
        return Err(format!("{}: {e}", target.display()));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

fn write_page(dir: &Path, rel: &str, html: &str) -> Result<(), String> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

/// The context every page of a language starts from: its words.
fn base_of(t: &toml::Table) -> tera::Context {
    let mut base = tera::Context::new();
    base.insert("t", t);
    base
}

/// Renders a template with the language's base context (its words, `t`, converted once per
/// language) and the page's own values.
fn render(theme: &Theme, template: &str, base: &tera::Context, ctx: &serde_json::Value) -> Result<String, String> {
    let mut context = base.clone();
    if let Some(map) = ctx.as_object() {
        for (k, v) in map {
            context.insert(k.clone(), v);
        }
    }
    theme.tera.render(template, &context).map_err(|e| format!("theme template {template}: {e}"))
}

/// Writes one edition into `dir`; returns the number of pages.
/// Puts the transfer packages into the internal edition (`packages/`), as hard links to the
/// files under `<out>/packages/` (a copy where links are impossible): a rebuild costs nothing
/// and the packages survive every rebuild.
fn link_packages(from: &Path, packages: &[crate::package::Package], stage: &Path) -> Result<(), String> {
    if packages.is_empty() {
        return Ok(());
    }
    let to = stage.join(crate::package::PACKAGES_DIR);
    fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
    for p in packages {
        let (src, dst) = (from.join(&p.file), to.join(&p.file));
        if !src.is_file() {
            continue;
        }
        if fs::hard_link(&src, &dst).is_err() {
            fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", dst.display()))?;
        }
    }
    Ok(())
}

fn write_edition(
    cat: &Catalog,
    theme: &Theme,
    edition: Edition,
    dir: &Path,
    packages: &[crate::package::Package],
) -> Result<usize, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let langs = &cat.site.site.languages;
    let default_lang = langs.first().map(String::as_str).unwrap_or("kk");
    let index = views::Index::new(cat, packages);
    let mut pages = 0;
    for lang in langs {
        let t = theme.words(lang);
        let view = views::Views::new(cat, &index, edition, lang, t);
        let base = base_of(t);
        let site = |root: &str, path_in_lang: &str| {
            json!({
                "title": cat.site.site.title.as_ref().and_then(|l| l.get(lang)).unwrap_or("qoima"),
                "lang": lang,
                "root": root,
                "edition": edition.name(),
                "internal": edition == Edition::Internal,
                "edition_name": word(t, if edition == Edition::Internal { "edition_internal" } else { "edition_public" }),
                "generated": crate::theme::format_date(t, cat.today),
                "langs": langs.iter().map(|l| json!({
                    "code": l,
                    "name": word(theme.words(l), "language_name"),
                    "href": format!("{root}{l}/{path_in_lang}"),
                    "current": l == lang,
                })).collect::<Vec<_>>(),
            })
        };
        let home = view.home();
        let html = render(theme, "index.html", &base, &json!({"site": site("../", "index.html"), "home": home}))?;
        write_page(dir, &format!("{lang}/index.html"), &html)?;
        let systems = view.systems();
        let filters = view.register_filters(&systems);
        let html = render(
            theme,
            "systems.html",
            &base,
            &json!({"site": site("../../", "systems/index.html"), "systems": systems, "filters": filters}),
        )?;
        write_page(dir, &format!("{lang}/systems/index.html"), &html)?;
        pages += 2;
        let html = render(theme, "search.html", &base, &json!({"site": site("../", "search.html")}))?;
        write_page(dir, &format!("{lang}/search.html"), &html)?;
        write_page(dir, &format!("search/index-{lang}.js"), &crate::search::index_js(&view.search_docs()))?;
        pages += 1;
        pages += write_reports(cat, theme, edition, lang, dir, &site("../../", "reports/index.html"), &|rel| {
            site("../../", rel)
        })?;
        for (key, systems) in view.bodies() {
            let rel = format!("bodies/{key}/index.html");
            let html = render(
                theme,
                "body.html",
                &base,
                &json!({"site": site("../../../", &rel), "body": view.body(&systems)}),
            )?;
            write_page(dir, &format!("{lang}/{rel}"), &html)?;
            pages += 1;
        }
        // The pages of each system and its deposits are independent: render them in parallel.
        let systems: Vec<&crate::model::System> = view.visible_systems().collect();
        let counts: Vec<Result<usize, String>> = systems
            .par_iter()
            .map(|system| {
                let mut pages = 0;
                let sys = views::segment(&system.id);
                let sv = view.system(system);
                let rel = format!("systems/{sys}/index.html");
                let html =
                    render(theme, "system.html", &base, &json!({"site": site("../../../", &rel), "system": sv}))?;
                write_page(dir, &format!("{lang}/{rel}"), &html)?;
                pages += 1;
                for (file, doc) in view.system_documents(system) {
                    let rel = format!("systems/{sys}/{file}");
                    let html =
                        render(theme, "document.html", &base, &json!({"site": site("../../../", &rel), "doc": doc}))?;
                    write_page(dir, &format!("{lang}/{rel}"), &html)?;
                    pages += 1;
                }
                for deposit in view.visible_deposits(system) {
                    let ver = views::segment(&deposit.version);
                    let dv = view.deposit(system, deposit);
                    let rel = format!("systems/{sys}/{ver}/index.html");
                    let html = render(
                        theme,
                        "deposit.html",
                        &base,
                        &json!({"site": site("../../../../", &rel), "deposit": dv}),
                    )?;
                    write_page(dir, &format!("{lang}/{rel}"), &html)?;
                    pages += 1;
                    for (file, exam) in view.examinations(deposit) {
                        let rel = format!("systems/{sys}/{ver}/{file}");
                        let html = render(
                            theme,
                            "examination.html",
                            &base,
                            &json!({"site": site("../../../../", &rel), "exam": exam}),
                        )?;
                        write_page(dir, &format!("{lang}/{rel}"), &html)?;
                        pages += 1;
                    }
                    for (file, doc) in view.deposit_documents(system, deposit) {
                        let rel = format!("systems/{sys}/{ver}/{file}");
                        let html = render(
                            theme,
                            "document.html",
                            &base,
                            &json!({"site": site("../../../../", &rel), "doc": doc}),
                        )?;
                        write_page(dir, &format!("{lang}/{rel}"), &html)?;
                        pages += 1;
                    }
                }
                Ok(pages)
            })
            .collect();
        for c in counts {
            pages += c?;
        }
    }
    // The entry page: the default language, reachable from disk without a server.
    let redirect = format!(
        "<!DOCTYPE html>\n<html lang=\"{default_lang}\"><head><meta charset=\"utf-8\"><title>qoima</title><link rel=\"icon\" href=\"data:,\"><meta http-equiv=\"refresh\" content=\"0; url={default_lang}/index.html\"></head><body><p><a href=\"{default_lang}/index.html\">{default_lang}/index.html</a></p></body></html>\n"
    );
    write_page(dir, "index.html", &redirect)?;
    let t = theme.words(default_lang);
    let langs_view: Vec<serde_json::Value> = langs
        .iter()
        .map(|l| json!({"code": l, "name": word(theme.words(l), "language_name"), "href": format!("{l}/index.html"), "current": l == default_lang}))
        .collect();
    let not_found_site = json!({
        "title": cat.site.site.title.as_ref().and_then(|l| l.get(default_lang)).unwrap_or("qoima"),
        "lang": default_lang, "root": "", "edition": edition.name(), "internal": edition == Edition::Internal,
        "edition_name": word(t, if edition == Edition::Internal { "edition_internal" } else { "edition_public" }),
        "generated": crate::theme::format_date(t, cat.today), "langs": langs_view,
    });
    write_page(dir, "404.html", &render(theme, "404.html", &base_of(t), &json!({"site": not_found_site}))?)?;
    copy_static(&theme.dir.join("static"), &dir.join("static"))?;
    if edition == Edition::Public
        && let Some(base) = &cat.site.site.base_url
    {
        write_page(dir, "sitemap.xml", &sitemap(dir, base))?;
    }
    Ok(pages + 2)
}

/// The report pages of one language, with their CSV and JSON twins.
fn write_reports(
    cat: &Catalog,
    theme: &Theme,
    edition: Edition,
    lang: &str,
    dir: &Path,
    index_site: &serde_json::Value,
    site_for: &dyn Fn(&str) -> serde_json::Value,
) -> Result<usize, String> {
    let t = theme.words(lang);
    let base = base_of(t);
    let scope = crate::reports::Scope { cat, internal: edition == Edition::Internal, lang };
    let tables = scope.tables();
    let title = |table: &crate::reports::Table| {
        let base = word(t, table.title).to_string();
        match table.id.strip_prefix("half-year-") {
            Some(period) => format!("{base} {period}"),
            None => base,
        }
    };
    let index: Vec<serde_json::Value> = tables
        .iter()
        .map(|r| {
            json!({"href": format!("{}.html", r.id), "title": title(r), "rule": r.rule,
                   "due": r.due.map(|d| crate::theme::format_date(t, d))})
        })
        .collect();
    let html = render(theme, "reports.html", &base, &json!({"site": index_site, "reports": index}))?;
    write_page(dir, &format!("{lang}/reports/index.html"), &html)?;
    for table in &tables {
        let rel = format!("reports/{}.html", table.id);
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| c.date.map(|d| crate::theme::format_date(t, d)).unwrap_or_else(|| c.text.clone()))
                    .collect()
            })
            .collect();
        let view = json!({
            "title": title(table), "rule": table.rule,
            "due": table.due.map(|d| crate::theme::format_date(t, d)),
            "columns": table
                .columns
                .iter()
                .map(|c| match t.get(c.as_str()).and_then(|v| v.as_str()) {
                    Some(label) => label,
                    // An event kind: the rulebook names it.
                    None => cat.rulebooks.any_event(c).and_then(|e| e.names.get(lang)).unwrap_or(c),
                })
                .collect::<Vec<_>>(),
            "rows": rows,
            "csv": format!("{}.csv", table.id), "json": format!("{}.json", table.id),
        });
        let html = render(theme, "report.html", &base, &json!({"site": site_for(&rel), "report": view}))?;
        write_page(dir, &format!("{lang}/{rel}"), &html)?;
        let csv = table.to_csv()?;
        let csv_path = dir.join(format!("{lang}/reports/{}.csv", table.id));
        fs::write(&csv_path, csv).map_err(|e| format!("{}: {e}", csv_path.display()))?;
        write_page(dir, &format!("{lang}/reports/{}.json", table.id), &table.to_json())?;
    }
    Ok(tables.len() + 1)
}

/// sitemap.xml of the public edition: every HTML page under the site's base URL.
fn sitemap(dir: &Path, base: &str) -> String {
    let base = if base.ends_with('/') { base.to_string() } else { format!("{base}/") };
    let mut pages: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .filter(|p| p != "404.html")
        .collect();
    pages.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&format!("{base}{p}"))));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn xml_escape(s: &str) -> String {
    let mut buf = Vec::with_capacity(s.len());
    let _ = tera::escape_html(s, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

fn copy_static(from: &Path, to: &Path) -> Result<(), String> {
    let Ok(read) = fs::read_dir(from) else { return Ok(()) };
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in read.flatten() {
        let ft = entry.file_type().map_err(|e| e.to_string())?;
        let dest = to.join(entry.file_name());
        if ft.is_dir() {
            copy_static(&entry.path(), &dest)?;
        } else if ft.is_file() {
            fs::copy(entry.path(), &dest).map_err(|e| format!("{}: {e}", dest.display()))?;
        }
    }
    Ok(())
}
