//! What can be wrong with a bag, typed: each kind of problem has a stable id, named arguments and
//! an English text ([`std::fmt::Display`]). A program that speaks other languages keeps its own
//! text for each id and fills in the arguments.

use std::fmt;

use crate::Algorithm;

/// A value a problem's text says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgValue {
    /// Text as the bag has it: a path, a checksum, a label, a system's error.
    Text(String),
    /// A count or a size.
    Number(u64),
    /// A word chosen from a few, which selects the wording (a reason, a kind of file).
    Key(&'static str),
}

impl serde::Serialize for ArgValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ArgValue::Text(t) => s.serialize_str(t),
            ArgValue::Number(n) => s.serialize_u64(*n),
            ArgValue::Key(k) => s.serialize_str(k),
        }
    }
}

/// A type that can be an argument of a problem.
pub trait Arg: Clone {
    /// The argument's value.
    fn arg(&self) -> ArgValue;
    /// Example values, one of each wording the type selects ([`ProblemKind::samples`]).
    fn samples() -> Vec<Self>;
}

impl Arg for String {
    fn arg(&self) -> ArgValue {
        ArgValue::Text(self.clone())
    }
    fn samples() -> Vec<Self> {
        vec!["data/Қойма 100%.txt".to_string()]
    }
}

impl Arg for u64 {
    fn arg(&self) -> ArgValue {
        ArgValue::Number(*self)
    }
    fn samples() -> Vec<Self> {
        vec![12345]
    }
}

impl Arg for usize {
    fn arg(&self) -> ArgValue {
        ArgValue::Number(*self as u64)
    }
    fn samples() -> Vec<Self> {
        vec![2]
    }
}

impl Arg for Algorithm {
    fn arg(&self) -> ArgValue {
        ArgValue::Text(self.name().to_string())
    }
    fn samples() -> Vec<Self> {
        vec![Algorithm::Sha512]
    }
}

impl Arg for Option<String> {
    fn arg(&self) -> ArgValue {
        match self {
            Some(t) => ArgValue::Text(t.clone()),
            None => ArgValue::Key("none"),
        }
    }
    fn samples() -> Vec<Self> {
        vec![Some("application/x-tar".to_string()), None]
    }
}

/// Declares a type of a few words, each with its key and its English text.
macro_rules! keys {
    ($(#[$attr:meta])* $name:ident { $($(#[$vattr:meta])* $variant:ident = $key:literal => $en:literal,)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vattr])* #[doc = concat!("\n\nKey `", $key, "`, in English:\n\n```text\n", $en, "\n```")] $variant,)*
        }

        impl $name {
            /// The key that selects this wording.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(match self { $($name::$variant => $en,)* })
            }
        }

        impl Arg for $name {
            fn arg(&self) -> ArgValue {
                ArgValue::Key(self.key())
            }
            fn samples() -> Vec<Self> {
                vec![$($name::$variant,)*]
            }
        }
    };
}

keys! {
    /// Why a path written in a manifest, fetch.txt or a zip would leave the bag.
    Scope {
        /// Starts with `/` or `\`.
        Absolute = "absolute" => "is an absolute path",
        /// Starts with `~`.
        Home = "home" => "starts with a home-folder shortcut (~)",
        /// Starts with `C:`.
        Drive = "drive" => "starts with a drive letter",
        /// Has a `..` component.
        Parent = "parent" => "has a `..` component that leads out of the bag",
        /// Holds a NUL.
        Nul = "nul" => "contains a NUL character",
        /// Holds a backslash (zip entries only).
        Backslash = "backslash" => "contains a backslash",
    }
}

keys! {
    /// What RFC 8493 §2.1.1 expects on a line of bagit.txt.
    BagitTxtLine {
        /// Line 1.
        Version = "version" => "`BagIt-Version: M.N`",
        /// Line 2.
        Encoding = "encoding" => "`Tag-File-Character-Encoding: ENCODING`",
        /// Any line after the second.
        Nothing = "nothing" => "nothing: bagit.txt has exactly two lines",
    }
}

keys! {
    /// A kind of manifest a profile speaks of.
    ManifestKind {
        /// manifest-ALG.txt.
        Payload = "payload" => "payload manifest",
        /// tagmanifest-ALG.txt.
        Tag = "tag" => "tag manifest",
    }
}

keys! {
    /// A kind of file a profile speaks of.
    FileKind {
        /// A tag file (outside data/).
        Tag = "tag" => "tag file",
        /// A payload file (in data/).
        Payload = "payload" => "payload file",
    }
}

/// Declares [`ProblemKind`]: each kind with its fields, its id and its English text (a format
/// string naming the fields).
macro_rules! kinds {
    ($($(#[$attr:meta])* $variant:ident { $($field:ident : $ty:ty),* } = $id:literal => $en:literal,)*) => {
        /// What is wrong with a bag (or with a zip, a profile's rule, a name). The English text
        /// is its [`Display`](fmt::Display); [`ProblemKind::id`] and [`ProblemKind::args`] let
        /// a program say it in another language.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum ProblemKind {
            $(
                $(#[$attr])*
                #[doc = concat!("\n\nId `", $id, "`, in English:\n\n```text\n", $en, "\n```")]
                $variant {
                    $(
                        #[doc = concat!("`{", stringify!($field), "}` of the text.")]
                        $field: $ty,
                    )*
                },
            )*
        }

        impl ProblemKind {
            /// The kind's stable id, the same in every version: `bagit-` and a few words.
            pub fn id(&self) -> &'static str {
                match self {
                    $(ProblemKind::$variant { .. } => $id,)*
                }
            }

            /// The values the text says, by name (the names of the format in [`ProblemKind`]'s
            /// documentation), in the order of the fields.
            pub fn args(&self) -> Vec<(&'static str, ArgValue)> {
                match self {
                    $(ProblemKind::$variant { $($field),* } => vec![$((stringify!($field), Arg::arg($field))),*],)*
                }
            }

            /// Every kind with example values, once for each wording its arguments select: for
            /// the tests of a program's translations.
            pub fn samples() -> Vec<ProblemKind> {
                let mut out = Vec::new();
                $(
                    let n = 1usize $(.max(<$ty as Arg>::samples().len()))*;
                    for i in 0..n {
                        let _ = i;
                        out.push(ProblemKind::$variant {
                            $($field: {
                                let s = <$ty as Arg>::samples();
                                s[i % s.len()].clone()
                            },)*
                        });
                    }
                )*
                out
            }
        }

        impl fmt::Display for ProblemKind {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(ProblemKind::$variant { $($field),* } => write!(f, $en),)*
                }
            }
        }
    };
}

kinds! {
    /// A file had more problems than are listed.
    MoreNotListed { errors: usize, warnings: usize } = "bagit-more-not-listed"
        => "{errors} more errors and {warnings} more warnings in this file, not listed",
    /// A path of a manifest or fetch.txt leaves the bag.
    OutOfScope { path: String, why: Scope } = "bagit-out-of-scope" => "`{path}` {why}",
    /// md5sum's binary-mode marker before a path.
    BinaryMarker { rest: String } = "bagit-binary-marker"
        => "`*{rest}`: the `*` is md5sum's binary-mode marker, not part of the name",
    /// A path starting with `./`.
    DotSlash { path: String } = "bagit-dot-slash"
        => "`{path}` starts with `./`; RFC 8493 paths are relative to the bag without it",
    /// A manifest line without a separator.
    NotManifestLine {} = "bagit-not-manifest-line" => "not `<checksum> <path>`",
    /// A checksum of the wrong form.
    NotChecksum { checksum: String, algorithm: Algorithm } = "bagit-not-checksum"
        => "`{checksum}` is not a {algorithm} checksum",
    /// A manifest line with a checksum only.
    NoFileNamed {} = "bagit-no-file-named" => "the line names no file",
    /// A payload manifest lists a tag file.
    PayloadManifestOutsideData { path: String } = "bagit-payload-manifest-outside-data"
        => "`{path}` is outside data/; a payload manifest lists payload files only",
    /// A tag manifest lists a payload file.
    TagManifestPayloadFile { path: String } = "bagit-tag-manifest-payload-file"
        => "`{path}` is a payload file; a tag manifest lists tag files only",
    /// A path listed twice with two checksums.
    ListedAgainDiffering { path: String, first: usize } = "bagit-listed-again-differing"
        => "`{path}` is listed again (first on line {first}) with a different checksum",
    /// A path listed twice in a BagIt 1.0 manifest.
    ListedAgainV1 { path: String, first: usize } = "bagit-listed-again-v1"
        => "`{path}` is listed again (first on line {first}); BagIt 1.0 lists each file once",
    /// A path listed twice with the same checksum, before BagIt 1.0.
    ListedAgain { path: String, first: usize } = "bagit-listed-again"
        => "`{path}` is listed again (first on line {first})",
    /// bagit.txt starts with a byte-order mark.
    ByteOrderMark {} = "bagit-byte-order-mark"
        => "starts with a byte-order mark, which RFC 8493 §2.1.1 forbids",
    /// bagit.txt is not UTF-8.
    NotUtf8 {} = "bagit-not-utf8" => "is not UTF-8",
    /// A BagIt-Version that is not M.N.
    NotVersion { version: String } = "bagit-not-version" => "`{version}` is not a version of the form M.N",
    /// A Tag-File-Character-Encoding that is not a name.
    NotEncodingName { encoding: String } = "bagit-not-encoding-name"
        => "`{encoding}` is not a character encoding name",
    /// A line of bagit.txt other than RFC 8493 expects.
    UnexpectedLine { text: String, expected: BagitTxtLine } = "bagit-unexpected-line"
        => "`{text}` where RFC 8493 §2.1.1 expects {expected}",
    /// bagit.txt is empty.
    BagitTxtEmpty {} = "bagit-bagit-txt-empty" => "is empty; it must declare BagIt-Version",
    /// bagit.txt has one line.
    NoEncodingLine {} = "bagit-no-encoding-line" => "lacks the line `Tag-File-Character-Encoding: UTF-8`",
    /// A folder of the bag could not be listed.
    CannotList { error: String } = "bagit-cannot-list" => "cannot read {error}",
    /// A name that is not UTF-8.
    NameNotUtf8 {} = "bagit-name-not-utf8" => "the name is not valid UTF-8; no manifest can name it reliably",
    /// A zip entry the central directory describes badly.
    ZipEntryUnreadable { index: usize, error: String } = "bagit-zip-entry-unreadable" => "entry {index}: {error}",
    /// A zip entry that ends after the file.
    ZipPastEnd { index: usize, name: String, end: u64, length: u64 } = "bagit-zip-past-end"
        => "entry {index} (`{name}`) runs past the end of the file ({end} of {length} bytes)",
    /// Two zip entries that share their data.
    ZipOverlap { first: usize, first_name: String, second: usize, second_name: String } = "bagit-zip-overlap"
        => "entries {first} (`{first_name}`) and {second} (`{second_name}`) share or overlap their data: a zip made to be inflated many times over; not read",
    /// A zip entry whose name cannot be read.
    ZipNameEncoding { index: usize } = "bagit-zip-name-encoding"
        => "zip entry {index}: the name is neither UTF-8 nor flagged with a known encoding",
    /// A zip entry that would be written outside the folder it is extracted to.
    ZipSlip { why: Scope } = "bagit-zip-slip"
        => "zip entry {why}: extracting it could write outside the target folder",
    /// Two zip entries of one name.
    ZipDuplicate {} = "bagit-zip-duplicate" => "the zip holds two entries with this name",
    /// A zip entry beside the bag's folder.
    OutsideBagFolder { folder: String } = "bagit-outside-bag-folder"
        => "outside the bag folder `{folder}`; not part of the bag",
    /// A symbolic link out of the bag.
    SymlinkEscapes {} = "bagit-symlink-escapes" => "is a symbolic link that leads outside the bag (or nowhere)",
    /// A symbolic link to a folder of the bag.
    SymlinkToFolder {} = "bagit-symlink-to-folder"
        => "is a symbolic link to a folder inside the bag; it is not followed",
    /// A symbolic link to a file of the bag.
    SymlinkInside {} = "bagit-symlink-inside" => "is a symbolic link inside the bag; its target's bytes are checked",
    /// A device, socket or pipe.
    NotRegularFile {} = "bagit-not-regular-file" => "is not a regular file (a device, socket or pipe)",
    /// A file the system could not read.
    CannotRead { error: String } = "bagit-cannot-read" => "cannot be read: {error}",
    /// A tag file larger than one of its kind can be.
    TagFileTooLarge { mib: u64 } = "bagit-tag-file-too-large"
        => "cannot be read: larger than {mib} MiB, more than a tag file of this kind holds; not read further",
    /// A file a zip's index names but does not hold.
    NotInZip {} = "bagit-not-in-zip" => "cannot be read: not in the zip",
    /// No bagit.txt.
    BagitTxtMissing {} = "bagit-bagit-txt-missing" => "is missing; without it this is not a bag",
    /// No data/.
    NoPayloadFolder {} = "bagit-no-payload-folder" => "the payload folder data/ is missing",
    /// A tag file not in the declared encoding.
    NotInEncoding { encoding: String } = "bagit-not-in-encoding"
        => "is not valid {encoding}, the encoding bagit.txt declares",
    /// A manifest named after an unknown algorithm.
    UnknownAlgorithm { algorithm: String } = "bagit-unknown-algorithm"
        => "`{algorithm}` is an algorithm qoima does not know; this manifest is not checked",
    /// A line longer than any a tag file needs.
    LongLine { kib: usize } = "bagit-long-line" => "a line longer than {kib} KiB; not read further",
    /// A manifest larger than the bag's files can need.
    ManifestBomb { files: usize, limit: u64 } = "bagit-manifest-bomb"
        => "is longer than a manifest of this bag's {files} files can be ({limit} bytes): a decompression bomb, not read further",
    /// No payload manifest that could be checked.
    NoPayloadManifest {} = "bagit-no-payload-manifest"
        => "the bag has no payload manifest (manifest-<algorithm>.txt) that can be checked",
    /// A line of fetch.txt of the wrong form.
    NotFetchLine {} = "bagit-not-fetch-line" => "not `<url> <length> <path>`",
    /// A length of fetch.txt that is not one.
    NotFetchLength { length: String } = "bagit-not-fetch-length" => "`{length}` is neither a length in bytes nor `-`",
    /// fetch.txt names a file outside data/.
    FetchOutsideData { path: String } = "bagit-fetch-outside-data" => "`{path}` is outside data/",
    /// A path stored in another Unicode normalization form.
    NormalizationTwin { path: String, stored: String } = "bagit-normalization-twin"
        => "`{path}` is stored as `{stored}`, the same name in another Unicode normalization form",
    /// A path stored in other letter case.
    CaseTwin { path: String, stored: String } = "bagit-case-twin"
        => "`{path}` is stored as `{stored}`; the names differ only in case, one file on Windows and macOS",
    /// A file fetch.txt names, not fetched.
    NotFetched { path: String } = "bagit-not-fetched"
        => "`{path}` is listed in fetch.txt but not fetched: the bag is not complete",
    /// An operating system's file listed but absent.
    SystemFileMissing { path: String } = "bagit-system-file-missing"
        => "`{path}` is missing; it is an operating-system file that copying tools often drop",
    /// A listed file that is not there.
    Missing { path: String } = "bagit-missing" => "`{path}` is listed but missing from the bag",
    /// A payload file a manifest does not list.
    NotListed { manifest: String } = "bagit-not-listed" => "is in the payload but not listed in {manifest}",
    /// Names equal after Unicode normalization.
    NormalizationTwins { name: String } = "bagit-normalization-twins"
        => "these names are the same after Unicode normalization (`{name}`)",
    /// Names equal but for case.
    CaseTwins {} = "bagit-case-twins" => "these names differ only in case: one file on Windows and macOS",
    /// An operating system's file in the payload.
    SystemFile {} = "bagit-system-file"
        => "is an operating-system file (e.g. Thumbs.db, .DS_Store), probably not meant as payload",
    /// A character Windows refuses in names.
    WindowsChar { char: String } = "bagit-windows-char" => "`{char}` is not allowed in Windows file names",
    /// A name ending in a dot or a space.
    WindowsTrailingDot { name: String } = "bagit-windows-trailing-dot"
        => "`{name}` ends with a dot or a space, which Windows drops",
    /// A name Windows keeps for a device.
    WindowsDeviceName { name: String } = "bagit-windows-device-name" => "`{name}` is a reserved device name on Windows",
    /// Payload-Oxum counts operating-system files that are missing.
    OxumCountsSystemFiles { missing: usize } = "bagit-oxum-counts-system-files"
        => "Payload-Oxum counts the {missing} missing operating-system files",
    /// Payload-Oxum other than the payload.
    OxumMismatch { bytes: u64, files: u64, payload_bytes: u64, payload_files: usize } = "bagit-oxum-mismatch"
        => "Payload-Oxum says {bytes} bytes in {files} files; the payload has {payload_bytes} bytes in {payload_files} files",
    /// Payload-Oxum of the wrong form.
    NotOxum { value: String } = "bagit-not-oxum" => "Payload-Oxum `{value}` is not `<bytes>.<files>`",
    /// A checksum other than the manifest says.
    ChecksumMismatch { path: String, algorithm: Algorithm, actual: String, expected: String } = "bagit-checksum-mismatch"
        => "`{path}`: {algorithm} is {actual}, the manifest says {expected}",
    /// A continuation line before any label.
    ContinuationFirst {} = "bagit-continuation-first" => "a continuation line before any label",
    /// A tag line that is not `Label: value`.
    NotTag { text: String } = "bagit-not-tag" => "`{text}` is not `Label: value`",
    /// bag-info.txt names no profile.
    NoProfileIdentifier {} = "bagit-no-profile-identifier" => "names no BagIt-Profile-Identifier",
    /// bag-info.txt names another profile.
    OtherProfile { found: String, identifier: String } = "bagit-other-profile"
        => "BagIt-Profile-Identifier is {found}, not this profile's {identifier}",
    /// A required bag-info field is missing.
    RequiredField { label: String } = "bagit-required-field" => "the required field {label} is missing",
    /// A field repeated that may not be.
    NotRepeatable { label: String, count: usize } = "bagit-not-repeatable"
        => "{label} is not repeatable, and appears {count} times",
    /// A field's value the profile does not allow.
    ValueNotAllowed { label: String, value: String } = "bagit-value-not-allowed"
        => "{label}: `{value}` is not one of the values the profile allows",
    /// A manifest the profile requires is missing.
    ManifestRequired { kind: ManifestKind, algorithm: String } = "bagit-manifest-required"
        => "the profile requires a {kind} with {algorithm}",
    /// A manifest the profile does not allow.
    ManifestNotAllowed { kind: ManifestKind, algorithm: String } = "bagit-manifest-not-allowed"
        => "the profile does not allow a {kind} with {algorithm}",
    /// A file the profile requires is missing.
    FileRequired { kind: FileKind } = "bagit-file-required" => "the profile requires this {kind}",
    /// A file the profile's patterns do not allow.
    FileNotAllowed { kind: FileKind, patterns: String } = "bagit-file-not-allowed"
        => "the profile does not allow this {kind} ({patterns})",
    /// A pattern of the profile that is not a glob.
    NotGlob { key: String, error: String } = "bagit-not-glob" => "{key} holds a pattern that is not a glob: {error}",
    /// fetch.txt where the profile does not allow it.
    FetchNotAllowed {} = "bagit-fetch-not-allowed" => "the profile does not allow fetch.txt",
    /// No fetch.txt where the profile requires it.
    FetchRequired {} = "bagit-fetch-required" => "the profile requires fetch.txt",
    /// A folder where the profile requires a serialized bag.
    SerializationRequired {} = "bagit-serialization-required"
        => "the profile requires a serialized bag; this is a folder",
    /// A file where the profile forbids serialized bags.
    SerializationForbidden {} = "bagit-serialization-forbidden"
        => "the profile forbids serialized bags; this is a file",
    /// A serialization the profile does not accept.
    SerializationNotAccepted { media_type: MediaType, accepted: String } = "bagit-serialization-not-accepted"
        => "serialized as {media_type}, the profile accepts {accepted}",
    /// A BagIt version the profile does not accept.
    VersionNotAccepted { version: String, accepted: String } = "bagit-version-not-accepted"
        => "BagIt {version}, the profile accepts {accepted}",
    /// More than one payload file where the profile requires none.
    NotDataEmpty {} = "bagit-not-data-empty" => "the profile requires an empty payload (Data-Empty)",
}

/// The media type of a serialized bag, as its name says it, or none that can be named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType(pub Option<String>);

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("a type qoima cannot name"))
    }
}

impl Arg for MediaType {
    fn arg(&self) -> ArgValue {
        self.0.arg()
    }
    fn samples() -> Vec<Self> {
        <Option<String>>::samples().into_iter().map(MediaType).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_id_of_its_own_and_names_its_arguments() {
        let mut by_id: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
        for k in ProblemKind::samples() {
            let names: Vec<&str> = k.args().iter().map(|(n, _)| *n).collect();
            let seen = by_id.entry(k.id()).or_insert_with(|| names.clone());
            assert_eq!(*seen, names, "{}", k.id());
            assert!(k.id().starts_with("bagit-"), "{}", k.id());
            assert!(!k.to_string().is_empty());
        }
        // Each kind declared in `kinds!` has samples: its id is among them.
        let declared = include_str!("problem.rs").matches("} = \"bagit-").count();
        assert_eq!(by_id.len(), declared);
    }

    #[test]
    fn a_key_selects_the_wording_and_text_is_as_given() {
        let k = ProblemKind::OutOfScope { path: "/etc/passwd".into(), why: Scope::Absolute };
        assert_eq!(k.to_string(), "`/etc/passwd` is an absolute path");
        assert_eq!(k.args(), [("path", ArgValue::Text("/etc/passwd".into())), ("why", ArgValue::Key("absolute"))]);
        let k =
            ProblemKind::SerializationNotAccepted { media_type: MediaType(None), accepted: "application/zip".into() };
        assert_eq!(k.to_string(), "serialized as a type qoima cannot name, the profile accepts application/zip");
        assert_eq!(k.args()[0], ("media_type", ArgValue::Key("none")));
    }

    #[test]
    fn a_problem_as_json_keeps_its_english_message_with_its_id_and_arguments() {
        let p = crate::verify::Problem {
            severity: crate::verify::Severity::Error,
            file: "bag-info.txt".into(),
            line: Some(4),
            kind: ProblemKind::OxumMismatch { bytes: 10, files: 2, payload_bytes: 12, payload_files: 2 },
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"severity":"error","file":"bag-info.txt","line":4,"message":"Payload-Oxum says 10 bytes in 2 files; the payload has 12 bytes in 2 files","message_id":"bagit-oxum-mismatch","args":{"bytes":10,"files":2,"payload_bytes":12,"payload_files":2}}"#
        );
        assert_eq!(
            p.to_string(),
            "error: bag-info.txt:4: Payload-Oxum says 10 bytes in 2 files; the payload has 12 bytes in 2 files"
        );
    }
}
