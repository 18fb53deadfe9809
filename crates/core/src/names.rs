//! File names that travel badly: what would not survive on Windows or an SMB share, what would
//! mislead a reader, and what is too long to unpack elsewhere. `check` reports them for deposit
//! files, `verify` for the paths of a bag.

use crate::args;
use crate::messages::Msg;

/// Why a name would not survive on Windows, if it would not (the BagIt crate's rule, which
/// `verify` applies to a bag's paths), as the message `check` gives.
pub fn windows_problem(path: &str) -> Option<Msg> {
    Some(match bagit::windows_trouble(path)? {
        bagit::ProblemKind::WindowsChar { char } => Msg::new("windows-char", args! { "char" => char }),
        bagit::ProblemKind::WindowsTrailingDot { name } => Msg::new("windows-trailing-dot", args! { "name" => name }),
        bagit::ProblemKind::WindowsDeviceName { name } => Msg::new("windows-device-name", args! { "name" => name }),
        // The crate gives no other kind here; were it to, its own message says it.
        other => crate::bag_messages::kind(&other),
    })
}

/// Characters a reader cannot see, or that reorder what is shown: control characters (a
/// newline splits the name in every listing), bidirectional overrides (`invoice` + U+202E +
/// `txt.exe` is shown as `invoiceexe.txt`), zero-width characters and the byte-order mark.
pub fn hidden_trouble(name: &str) -> Option<String> {
    hidden_problem(name).map(|m| m.en())
}

/// [`hidden_trouble`] as a message.
pub fn hidden_problem(name: &str) -> Option<Msg> {
    // Most names are printable ASCII, which holds none of these.
    if name.bytes().all(|b| (b' '..b'\x7f').contains(&b)) {
        return None;
    }
    let c = name.chars().find(|&c| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })?;
    let what = if c.is_control() {
        "control"
    } else if matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
        "bidi"
    } else {
        "invisible"
    };
    Some(Msg::new("name-hidden-char", args! { "what" => what, "code" => format!("{:04X}", c as u32) }))
}

/// The longest path, in characters, that unpacks under a short folder on Windows (MAX_PATH is
/// 260, less a folder such as `C:\depository\system\version\`).
pub const PORTABLE_PATH: usize = 220;

/// The longest single name, in bytes, that unpacks everywhere (Linux allows 255; eCryptfs and
/// some SMB servers fewer).
pub const PORTABLE_NAME: usize = 143;

/// Why a path inside a deposit is too long to unpack on other systems, if it is, in English.
pub fn length_trouble(path: &str) -> Option<String> {
    length_problem(path).map(|m| m.en())
}

/// [`length_trouble`] as a message.
pub fn length_problem(path: &str) -> Option<Msg> {
    if let Some(part) = path.split('/').find(|p| p.len() > PORTABLE_NAME) {
        let start = part.chars().take(24).collect::<String>();
        return Some(Msg::new(
            "name-too-long",
            args! { "bytes" => part.len(), "start" => start, "max" => PORTABLE_NAME },
        ));
    }
    // Characters, not bytes: at most the bytes, so a short path needs no counting.
    if path.len() <= PORTABLE_PATH {
        return None;
    }
    let chars = path.chars().count();
    (chars > PORTABLE_PATH)
        .then(|| Msg::new("path-too-long", args! { "chars" => chars, "max" => PORTABLE_PATH, "windows" => 260 }))
}

/// Text as it is safe to print on a terminal: control characters, bidirectional controls and
/// invisible characters written as escapes (`\n`, `\u{202e}`), so that a file name can neither
/// move the cursor, recolour the screen nor hide what it is.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if hidden_trouble(text).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden_trouble(c.encode_utf8(&mut [0; 4])).is_some() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`printable`] line by line: a message of several lines keeps its line breaks.
pub fn printable_lines(text: &str) -> String {
    text.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}

/// A folder name as a URL path segment and a file name: kept when it is plain ASCII and cannot
/// be taken for a name qoima writes itself, otherwise replaced by a hash (128 bits of SHA-256),
/// so that no name from the archive can shape a path or a link, and no two names share a page.
pub fn segment(name: &str) -> String {
    let plain = !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if plain && segment_trouble(name).is_none() {
        return name.to_string();
    }
    use sha2::Digest;
    format!("x-{}", crate::hash::hex(&sha2::Sha256::digest(name.as_bytes())[..16]))
}

/// Why a plain folder name cannot be its own path segment: every page qoima writes into a
/// system's or a deposit's folder (and into `systems/`) ends in `.html`, and hashed names are
/// `x-` and hex digits; a folder named like either would collide with one.
pub fn segment_trouble(name: &str) -> Option<&'static str> {
    if name.len() >= 5 && name[name.len() - 5..].eq_ignore_ascii_case(".html") {
        return Some("ends in `.html`, like the pages written beside it");
    }
    let hex = name.strip_prefix("x-").map(|r| r.bytes().take_while(u8::is_ascii_hexdigit).count()).unwrap_or(0);
    (hex >= 16).then_some("looks like the hashed name of another folder (`x-` and hex digits)")
}

/// [`segment_trouble`] as a message.
pub fn segment_problem(name: &str) -> Option<Msg> {
    let html = name.len() >= 5 && name[name.len() - 5..].eq_ignore_ascii_case(".html");
    segment_trouble(name)
        .map(|_| Msg::new("folder-name-trouble", args! { "like" => if html { "page" } else { "hash" } }))
}

/// FNV-1a, 64 bits, of a name: stable across runs and platforms.
pub fn fnv(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_never_take_the_name_of_a_page_or_of_another_segment() {
        assert_eq!(segment("e-permits"), "e-permits");
        assert_eq!(segment("1.0"), "1.0");
        for reserved in ["index.html", "certificate.HTML", "reminder-x.html"] {
            let s = segment(reserved);
            assert!(s.starts_with("x-") && !s.ends_with(".html"), "{reserved} → {s}");
            assert!(segment_trouble(reserved).is_some());
        }
        let hashed = segment("Электронные разрешения");
        assert_eq!(hashed.len(), 34);
        assert_ne!(segment(&hashed), hashed, "a folder named like a hash is hashed again");
        assert_eq!(segment("x-ray"), "x-ray");
    }

    #[test]
    fn windows_names_are_checks_messages() {
        assert_eq!(windows_problem("data/a:b.txt").unwrap().en(), "`:` is not allowed in Windows file names");
        assert_eq!(windows_problem("data/CON.txt").unwrap().id, "windows-device-name");
        assert_eq!(windows_problem("data/CON.txt").unwrap().en(), "`CON.txt` is a reserved device name on Windows");
        assert_eq!(windows_problem("data/trailing.").unwrap().id, "windows-trailing-dot");
        assert!(windows_problem("data/Қазақ тілі.txt").is_none());
    }

    #[test]
    fn hidden_characters() {
        assert!(hidden_trouble("new\nline").unwrap().contains("U+000A"));
        assert!(hidden_trouble("cr\r").unwrap().contains("control"));
        assert!(hidden_trouble("invoice\u{202E}txt.exe").unwrap().contains("bidirectional"));
        assert!(hidden_trouble("zero\u{200B}width").unwrap().contains("invisible"));
        assert!(hidden_trouble("bell\u{7}").is_some());
        assert!(hidden_trouble("café і ұ.txt").is_none());
        assert!(hidden_trouble("עברית.txt").is_none(), "right-to-left letters themselves are fine");
    }

    #[test]
    fn printable_escapes_what_a_terminal_would_obey() {
        assert_eq!(printable("a\x1b[2Jb\nc"), "a\\u{1b}[2Jb\\nc");
        assert_eq!(printable("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(printable("Қойма 100%"), "Қойма 100%");
        assert_eq!(printable_lines("files:\n  a\rb"), "files:\n  a\\rb");
    }

    #[test]
    fn lengths() {
        assert!(length_trouble(&"я".repeat(72)).is_some(), "144 bytes");
        assert!(length_trouble(&"я".repeat(71)).is_none());
        let deep = vec!["folder"; 40].join("/");
        assert!(length_trouble(&deep).unwrap().contains("MAX_PATH"));
    }
}
