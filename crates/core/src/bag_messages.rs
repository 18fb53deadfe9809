//! The problems of the BagIt crate (`crates/bagit`) in the operator's language. The crate gives
//! each problem a stable id (`bagit-…`) and its arguments; the text of each id is
//! `locales/*/bagit.ftl`, whose English is the crate's own text, byte for byte.

use bagit::ArgValue;
use bagit::profile::ProfileError;
use bagit::verify::{Error, Problem};

use crate::messages::{Args, Lang, Msg};

/// The crate's arguments as a message's. Numbers are given as their digits, as the crate's
/// English writes them (no group separators), so that the English text stays the crate's.
fn args(list: Vec<(&'static str, ArgValue)>) -> Args {
    let mut out = Args::new();
    for (name, value) in list {
        let value = match value {
            ArgValue::Text(t) => t,
            ArgValue::Number(n) => n.to_string(),
            ArgValue::Key(k) => k.to_string(),
        };
        out.insert(name.to_string(), serde_json::Value::String(value));
    }
    out
}

/// A problem of a bag as a message.
pub fn kind(kind: &bagit::ProblemKind) -> Msg {
    Msg::new(kind.id(), args(kind.args()))
}

/// One line of `qoima verify`: `error: manifest-md5.txt:3: …`, in `lang`.
pub fn problem_line(p: &Problem, lang: Lang) -> String {
    let severity = crate::messages::text(lang, "bagit-severity", &crate::args! { "severity" => p.severity.name() });
    format!("{severity}: {}{}", p.place(), kind(&p.kind).text(lang))
}

/// Why a bag could not be verified at all, as a message.
pub fn error(e: &Error) -> Msg {
    Msg::new(e.id(), args(e.args()))
}

/// Why a profile cannot be used, as a message.
pub fn profile_error(e: &ProfileError) -> Msg {
    match e {
        ProfileError::In { path, problem } => {
            Msg::new(e.id(), crate::args! { "path" => path.as_str(), "problem" => profile_error(problem).arg() })
        }
        _ => Msg::new(e.id(), args(e.args())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bagit::verify::Severity;

    /// Each kind's English message is the crate's text, for every wording its arguments
    /// select; and Kazakh and Russian have their own text for it.
    #[test]
    fn the_english_messages_are_the_crates_text() {
        let samples = bagit::ProblemKind::samples();
        let mut ids = std::collections::BTreeSet::new();
        for k in &samples {
            ids.insert(k.id());
            assert_eq!(kind(k).en(), k.to_string(), "{}", k.id());
            for lang in [Lang::Kk, Lang::Ru] {
                let text = kind(k).text(lang);
                assert_ne!(text, k.to_string(), "{} is English in {lang:?}", k.id());
            }
        }
        // Every bagit- message of a problem is one the crate has (no text left for a kind it dropped).
        let en = crate::messages::SOURCES.iter().find(|(l, _)| *l == Lang::En).map(|(_, s)| *s).unwrap_or_default();
        let not_kinds = ["bagit-severity", "bagit-io-error", "bagit-not-a-zip", "bagit-zip-error"];
        for line in en.lines() {
            if let Some(id) = line.strip_prefix("bagit-").and_then(|r| r.split(' ').next()) {
                let id = format!("bagit-{id}");
                if !not_kinds.contains(&id.as_str()) && !id.starts_with("bagit-profile-") {
                    assert!(ids.contains(id.as_str()), "{id} is no kind of problem of the crate");
                }
            }
        }
    }

    #[test]
    fn a_problem_line_is_the_crates_line_in_english() {
        let p = Problem {
            severity: Severity::Warning,
            file: "manifest-md5.txt".into(),
            line: Some(3),
            kind: bagit::ProblemKind::ListedAgain { path: "data/a".into(), first: 1200 },
        };
        assert_eq!(problem_line(&p, Lang::En), p.to_string());
        assert_eq!(
            problem_line(&p, Lang::Kk),
            "ескерту: manifest-md5.txt:3: `data/a` қайта көрсетілген (алғаш 1200-жолда)"
        );
    }

    #[test]
    fn errors_before_any_problem_are_the_crates_text_in_english() {
        let io = Error::Io(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(error(&io).en(), io.to_string());
        let not_zip = Error::NotZip(zip::result::ZipError::InvalidArchive("no central directory".into()));
        assert_eq!(error(&not_zip).en(), not_zip.to_string());
        for bad in [&b"[]"[..], b"{", b"{\"BagIt-Profile-Info\": {}}", br#"{"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "x", "Source-Organization": "o", "Version": "1"}, "Bag-Info": 1}"#] {
            let e = bagit::profile::Profile::parse(bad).unwrap_err();
            let e = ProfileError::In { path: "p.json".into(), problem: Box::new(e) };
            assert_eq!(profile_error(&e).en(), e.to_string());
            assert_ne!(profile_error(&e).text(Lang::Ru), e.to_string());
        }
    }
}
