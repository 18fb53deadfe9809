//! "Did you mean …?": the known word closest to a mistyped one, by edit distance.

/// The edit distance (insertions, deletions, substitutions, and swaps of two neighbours) between
/// two words, by characters.
pub fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// The candidate closest to `word`, when it is close enough to be what was meant (at most a
/// third of its letters wrong, and at most 3).
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// ` Did you mean `x`?` when a candidate is close, else nothing.
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    closest(word, candidates).map(|c| format!(": did you mean `{c}`?")).unwrap_or_default()
}

/// [`did_you_mean`] as a message's arguments: `hint` is `yes` with the `suggestion`, or `none`
/// (and an empty `suggestion`).
pub fn hint<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> crate::messages::Args {
    match closest(word, candidates) {
        Some(c) => crate::args! { "hint" => "yes", "suggestion" => c },
        None => crate::args! { "hint" => "none", "suggestion" => "" },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_suggested_and_far_ones_are_not() {
        assert_eq!(distance("applicnt", "applicant"), 1);
        assert_eq!(distance("repository_fromed", "repository_formed"), 1);
        assert_eq!(closest("applicnt", ["annotation", "applicant", "authors"]), Some("applicant"));
        assert_eq!(closest("repository_fromed", ["repository_formed", "objects_received"]), Some("repository_formed"));
        assert_eq!(closest("xyz", ["applicant", "date"]), None);
        assert_eq!(closest("сертификат", ["сертификаты", "date"]), Some("сертификаты"));
        assert_eq!(did_you_mean("dat", ["date"]), ": did you mean `date`?");
        assert_eq!(did_you_mean("zzzzzz", ["date"]), "");
    }
}
