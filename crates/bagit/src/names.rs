//! Names that would not survive on Windows or an SMB share.

use crate::ProblemKind;

/// Why a path would not survive on Windows, if it would not: a character Windows refuses
/// ([`ProblemKind::WindowsChar`]), a name ending in a dot or a space
/// ([`ProblemKind::WindowsTrailingDot`]), a device's name ([`ProblemKind::WindowsDeviceName`]).
pub fn windows_trouble(path: &str) -> Option<ProblemKind> {
    for part in path.split('/') {
        // Every character Windows refuses is ASCII, so the bytes say it (a byte of a longer
        // UTF-8 character is never below 0x80).
        if let Some(&b) = part
            .as_bytes()
            .iter()
            .find(|&&b| matches!(b, b'<' | b'>' | b':' | b'"' | b'|' | b'?' | b'*' | b'\\') || b < 32)
        {
            return Some(ProblemKind::WindowsChar { char: char::from(b).escape_default().to_string() });
        }
        if part.ends_with(['.', ' ']) {
            return Some(ProblemKind::WindowsTrailingDot { name: part.to_string() });
        }
        let stem = part.split('.').next().unwrap_or("").as_bytes();
        let reserved = [&b"CON"[..], b"PRN", b"AUX", b"NUL"].iter().any(|r| stem.eq_ignore_ascii_case(r))
            || (stem.len() == 4
                && (stem[..3].eq_ignore_ascii_case(b"COM") || stem[..3].eq_ignore_ascii_case(b"LPT"))
                && stem[3].is_ascii_digit());
        if reserved {
            return Some(ProblemKind::WindowsDeviceName { name: part.to_string() });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_names() {
        assert_eq!(windows_trouble("data/a:b.txt").unwrap().to_string(), "`:` is not allowed in Windows file names");
        assert!(windows_trouble("data/back\\slash").is_some());
        assert!(matches!(windows_trouble("data/CON.txt"), Some(ProblemKind::WindowsDeviceName { .. })));
        assert!(windows_trouble("data/com1").is_some());
        assert!(matches!(windows_trouble("data/trailing."), Some(ProblemKind::WindowsTrailingDot { .. })));
        assert!(windows_trouble("data/100%.txt").is_none());
        assert!(windows_trouble("data/Қазақ тілі.txt").is_none());
    }
}
