//! The documentation readers see first: the README opens with the two commands that check the
//! sample archive and run the tests; every relative link in the README and in docs/ leads to a
//! file of the repository; and no document talks about how the project was developed (work
//! sessions, issue numbers, reviews) instead of what the product does.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every Markdown (or other text) file under `dir`, recursively, sorted.
fn text_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The documents that must not mention how the project was developed.
fn documents() -> Vec<PathBuf> {
    let root = root();
    let mut docs: Vec<PathBuf> =
        ["README.md", "SECURITY.md", "CONTRIBUTING.md", "CHANGELOG.md"].iter().map(|f| root.join(f)).collect();
    docs.extend(text_files_under(&root.join("docs")));
    docs
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// Whether `word` starts at byte `i` of `line` (already lower-case) on a word boundary.
fn word_at(line: &str, i: usize, word: &str) -> bool {
    line[i..].starts_with(word) && line[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Skips spaces (at least one) from byte `i`; returns the next position.
fn spaces(line: &str, i: usize) -> Option<usize> {
    let n = line[i..].len() - line[i..].trim_start_matches([' ', '\t', '\u{a0}']).len();
    (n > 0).then_some(i + n)
}

fn digit_at(line: &str, i: usize) -> bool {
    line[i..].chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The development-history wording found in one line (lower-cased), if any: `session 3`,
/// `sessions 7–11`, `issue 7`, `issue #7`, `issues 2 and 9`, `the reviewer`.
fn history_wording(line: &str) -> Option<&'static str> {
    let line = line.to_lowercase();
    if line.contains("the reviewer") {
        return Some("the reviewer");
    }
    for (i, _) in line.char_indices() {
        for (word, what) in [("session", "session N"), ("issue", "issue N")] {
            if !word_at(&line, i, word) {
                continue;
            }
            let mut j = i + word.len();
            if line[j..].starts_with('s') {
                j += 1;
            }
            let Some(mut k) = spaces(&line, j) else {
                // `issue#7`
                if word == "issue" && line[j..].starts_with('#') && digit_at(&line, j + 1) {
                    return Some(what);
                }
                continue;
            };
            if word == "issue" && line[k..].starts_with('#') {
                k += 1;
            }
            if digit_at(&line, k) {
                return Some(what);
            }
        }
    }
    None
}

#[test]
fn the_history_checker_finds_what_it_must_and_nothing_else() {
    for bad in [
        "in session 12's run",
        "Session 3, 300 s each",
        "sessions 7 and 11",
        "Issue 7's target",
        "see issue #42",
        "(issue#9)",
        "issues 2 and 9",
        "as The Reviewer asked",
    ] {
        assert!(history_wording(bad).is_some(), "not found in {bad:?}");
    }
    for good in [
        "a live session keeps where each row is",
        "the session ends when you press Ctrl-C",
        "an issue of the certificate",
        "Possession 3",
        "tissue 5",
        "the run of 2026-11-24",
        "the reviewed deposit",
    ] {
        assert_eq!(history_wording(good), None, "false alarm in {good:?}");
    }
}

#[test]
fn no_document_tells_how_the_project_was_developed() {
    let mut found = Vec::new();
    for path in documents() {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        // Images and other binary files under docs/ say nothing.
        let Ok(text) = String::from_utf8(bytes) else { continue };
        for (n, line) in text.lines().enumerate() {
            if let Some(what) = history_wording(line) {
                found.push(format!("{}:{}: `{what}` in: {}", relative(&path), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "documentation must describe the product, not its development (no work sessions, issue \
         numbers or reviewers; date history instead):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_readme_starts_with_checking_the_sample_and_running_the_tests() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let mut lines = readme.lines().enumerate();
    let (_, title) = lines.next().expect("README.md is empty");
    assert!(title.starts_with("# "), "README.md:1: the first line must be the title, `# qoima`; it is {title:?}");
    let opening: Vec<(usize, &str)> = lines.skip_while(|(_, l)| l.trim().is_empty()).take(4).collect();
    let expected = [
        "```sh",
        "cargo run --release -- check        # check the sample archive (archive/) against the law",
        "cargo test --locked                 # run the tests",
        "```",
    ];
    for (i, want) in expected.iter().enumerate() {
        let (n, got) = opening.get(i).copied().unwrap_or((0, "<end of file>"));
        assert_eq!(
            got.trim_end(),
            *want,
            "README.md:{}: after the title the README must start with exactly these lines:\n{}",
            n + 1,
            expected.join("\n")
        );
    }
}

/// The targets of the inline links and images (`[text](target)`, `![alt](target)`) and of the
/// link definitions (`[name]: target`) of a Markdown text, with their line numbers; code blocks
/// and code spans are skipped.
fn link_targets(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if trimmed.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        if line.starts_with("    ") || line.starts_with('\t') {
            continue; // an indented code block (or a list item's continuation: no links there)
        }
        // Code spans removed.
        let mut plain = String::new();
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
                plain.push(' ');
            } else {
                plain.push(if in_code { ' ' } else { c });
            }
        }
        // A link definition: `[name]: target`.
        if let Some(rest) = plain.trim_start().strip_prefix('[')
            && let Some(end) = rest.find("]:")
        {
            let target = rest[end + 2..].split_whitespace().next().unwrap_or("");
            out.push((n + 1, target.trim_matches(['<', '>']).to_string()));
            continue;
        }
        let mut rest = plain.as_str();
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(close) = after.find(')') else { break };
            let inside = after[..close].trim();
            let target = if let Some(angle) = inside.strip_prefix('<') {
                angle.split('>').next().unwrap_or("")
            } else {
                inside.split_whitespace().next().unwrap_or("")
            };
            out.push((n + 1, target.to_string()));
            rest = &after[close..];
        }
    }
    out
}

#[test]
fn every_relative_link_leads_to_a_file_of_the_repository() {
    let root = root().canonicalize().unwrap();
    let mut pages = vec![root.join("README.md")];
    pages.extend(text_files_under(&root.join("docs")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")));
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for (line, target) in link_targets(&text) {
            if target.is_empty() || target.starts_with('#') || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let file = target.split(['#', '?']).next().unwrap();
            let file = file.replace("%20", " ");
            let resolved = page.parent().unwrap().join(&file);
            checked += 1;
            match resolved.canonicalize() {
                Ok(real) if real.starts_with(&root) => {}
                Ok(real) => broken.push(format!(
                    "{}:{line}: `{target}` leads out of the repository, to {}",
                    relative(page),
                    real.display()
                )),
                Err(_) => broken.push(format!("{}:{line}: `{target}` does not exist", relative(page))),
            }
        }
    }
    assert!(checked > 0, "no relative link found: the link reader is broken");
    assert!(broken.is_empty(), "broken relative links:\n{}", broken.join("\n"));
}

#[test]
fn the_link_reader_finds_links_and_skips_code() {
    let text = "See [format](docs/format.md#rule-ids) and ![img](docs/a.png \"title\").\n\
                `[not](a link)` here\n\
                ```\n[no](code.md)\n```\n\
                [def]: <other.md>\n\
                [web](https://example.kz/) [top](#install)\n";
    let targets: Vec<String> = link_targets(text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(targets, ["docs/format.md#rule-ids", "docs/a.png", "other.md", "https://example.kz/", "#install"]);
}
