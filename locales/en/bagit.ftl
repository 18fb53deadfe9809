# qoima's messages in English: the problems `qoima verify` finds in a bag (the BagIt crate,
# crates/bagit, whose English these are, byte for byte). docs/messages.md says how a message is written.
# A line of `qoima verify` is `SEVERITY: FILE:LINE: MESSAGE`.

# $severity: error or warning.
bagit-severity = { $severity ->
        [error] error
       *[warning] warning
    }

## Why a bag cannot be read at all (after bag-unreadable). $error: what the system or the zip reader said.
bagit-io-error = { $error }
bagit-not-a-zip = not a zip: { $error }
bagit-zip-error = { $error }

## bagit.txt.
bagit-byte-order-mark = starts with a byte-order mark, which RFC 8493 §2.1.1 forbids
bagit-not-utf8 = is not UTF-8
# $version: what the line says.
bagit-not-version = `{ $version }` is not a version of the form M.N
# $encoding: what the line says.
bagit-not-encoding-name = `{ $encoding }` is not a character encoding name
# $text: the line; $expected: which line RFC 8493 expects there.
bagit-unexpected-line = `{ $text }` where RFC 8493 §2.1.1 expects { $expected ->
        [version] `BagIt-Version: M.N`
        [encoding] `Tag-File-Character-Encoding: ENCODING`
       *[nothing] nothing: bagit.txt has exactly two lines
    }
bagit-bagit-txt-empty = is empty; it must declare BagIt-Version
bagit-no-encoding-line = lacks the line `Tag-File-Character-Encoding: UTF-8`
bagit-bagit-txt-missing = is missing; without it this is not a bag

## Manifests. $path: a path as the manifest writes it; $first: the line it was first listed on.
# $errors, $warnings: counts.
bagit-more-not-listed = { $errors } more errors and { $warnings } more warnings in this file, not listed
# $why: why the path would leave the bag.
bagit-out-of-scope = `{ $path }` { $why ->
        [absolute] is an absolute path
        [home] starts with a home-folder shortcut (~)
        [drive] starts with a drive letter
        [parent] has a `..` component that leads out of the bag
        [nul] contains a NUL character
       *[backslash] contains a backslash
    }
# $rest: the path after the `*`.
bagit-binary-marker = `*{ $rest }`: the `*` is md5sum's binary-mode marker, not part of the name
bagit-dot-slash = `{ $path }` starts with `./`; RFC 8493 paths are relative to the bag without it
bagit-not-manifest-line = not `<checksum> <path>`
# $checksum: what the line gives; $algorithm: the manifest's algorithm (md5, sha256, …).
bagit-not-checksum = `{ $checksum }` is not a { $algorithm } checksum
bagit-no-file-named = the line names no file
bagit-payload-manifest-outside-data = `{ $path }` is outside data/; a payload manifest lists payload files only
bagit-tag-manifest-payload-file = `{ $path }` is a payload file; a tag manifest lists tag files only
bagit-listed-again-differing = `{ $path }` is listed again (first on line { $first }) with a different checksum
bagit-listed-again-v1 = `{ $path }` is listed again (first on line { $first }); BagIt 1.0 lists each file once
bagit-listed-again = `{ $path }` is listed again (first on line { $first })
# $algorithm: the name in the manifest's file name.
bagit-unknown-algorithm = `{ $algorithm }` is an algorithm qoima does not know; this manifest is not checked
# $kib: the longest line, in KiB.
bagit-long-line = a line longer than { $kib } KiB; not read further
# $files: the bag's files; $limit: bytes.
bagit-manifest-bomb = is longer than a manifest of this bag's { $files } files can be ({ $limit } bytes): a decompression bomb, not read further
bagit-no-payload-manifest = the bag has no payload manifest (manifest-<algorithm>.txt) that can be checked
# $stored: the name the file has in the bag.
bagit-normalization-twin = `{ $path }` is stored as `{ $stored }`, the same name in another Unicode normalization form
bagit-case-twin = `{ $path }` is stored as `{ $stored }`; the names differ only in case, one file on Windows and macOS
bagit-not-fetched = `{ $path }` is listed in fetch.txt but not fetched: the bag is not complete
bagit-system-file-missing = `{ $path }` is missing; it is an operating-system file that copying tools often drop
bagit-missing = `{ $path }` is listed but missing from the bag
# $manifest: the manifest's file name.
bagit-not-listed = is in the payload but not listed in { $manifest }
# $actual, $expected: checksums in hexadecimal.
bagit-checksum-mismatch = `{ $path }`: { $algorithm } is { $actual }, the manifest says { $expected }

## The files of the bag and their names.
# $error: what the system said.
bagit-cannot-list = cannot read { $error }
bagit-name-not-utf8 = the name is not valid UTF-8; no manifest can name it reliably
bagit-symlink-escapes = is a symbolic link that leads outside the bag (or nowhere)
bagit-symlink-to-folder = is a symbolic link to a folder inside the bag; it is not followed
bagit-symlink-inside = is a symbolic link inside the bag; its target's bytes are checked
bagit-not-regular-file = is not a regular file (a device, socket or pipe)
bagit-cannot-read = cannot be read: { $error }
# $mib: the largest tag file read, in MiB.
bagit-tag-file-too-large = cannot be read: larger than { $mib } MiB, more than a tag file of this kind holds; not read further
bagit-not-in-zip = cannot be read: not in the zip
bagit-no-payload-folder = the payload folder data/ is missing
# $encoding: the encoding bagit.txt declares.
bagit-not-in-encoding = is not valid { $encoding }, the encoding bagit.txt declares
# $name: the name all the twins have after normalization.
bagit-normalization-twins = these names are the same after Unicode normalization (`{ $name }`)
bagit-case-twins = these names differ only in case: one file on Windows and macOS
bagit-system-file = is an operating-system file (e.g. Thumbs.db, .DS_Store), probably not meant as payload
# $char: the character, escaped.
bagit-windows-char = `{ $char }` is not allowed in Windows file names
# $name: the part of the path.
bagit-windows-trailing-dot = `{ $name }` ends with a dot or a space, which Windows drops
bagit-windows-device-name = `{ $name }` is a reserved device name on Windows

## A bag in a zip. $index: the entry's number in the zip; $name, $first_name, $second_name: entries' names.
bagit-zip-entry-unreadable = entry { $index }: { $error }
# $end: where the entry ends; $length: the zip's bytes.
bagit-zip-past-end = entry { $index } (`{ $name }`) runs past the end of the file ({ $end } of { $length } bytes)
# $first, $second: entries' numbers.
bagit-zip-overlap = entries { $first } (`{ $first_name }`) and { $second } (`{ $second_name }`) share or overlap their data: a zip made to be inflated many times over; not read
bagit-zip-name-encoding = zip entry { $index }: the name is neither UTF-8 nor flagged with a known encoding
bagit-zip-slip = zip entry { $why ->
        [absolute] is an absolute path
        [home] starts with a home-folder shortcut (~)
        [drive] starts with a drive letter
        [parent] has a `..` component that leads out of the bag
        [nul] contains a NUL character
       *[backslash] contains a backslash
    }: extracting it could write outside the target folder
bagit-zip-duplicate = the zip holds two entries with this name
# $folder: the bag's folder in the zip.
bagit-outside-bag-folder = outside the bag folder `{ $folder }`; not part of the bag

## fetch.txt.
bagit-not-fetch-line = not `<url> <length> <path>`
# $length: what the line gives.
bagit-not-fetch-length = `{ $length }` is neither a length in bytes nor `-`
bagit-fetch-outside-data = `{ $path }` is outside data/

## bag-info.txt and other tag files. $text: the line; $value: what Payload-Oxum says.
bagit-continuation-first = a continuation line before any label
bagit-not-tag = `{ $text }` is not `Label: value`
# $missing: the number of missing operating-system files.
bagit-oxum-counts-system-files = Payload-Oxum counts the { $missing } missing operating-system files
# $bytes, $files: what Payload-Oxum says; $payload_bytes, $payload_files: what data/ holds.
bagit-oxum-mismatch = Payload-Oxum says { $bytes } bytes in { $files } files; the payload has { $payload_bytes } bytes in { $payload_files } files
bagit-not-oxum = Payload-Oxum `{ $value }` is not `<bytes>.<files>`

## A BagIt profile (`qoima verify --profile`).
bagit-no-profile-identifier = names no BagIt-Profile-Identifier
# $found: the identifiers bag-info.txt gives; $identifier: the profile's.
bagit-other-profile = BagIt-Profile-Identifier is { $found }, not this profile's { $identifier }
# $label: a bag-info.txt field; $count: how many times it appears.
bagit-required-field = the required field { $label } is missing
bagit-not-repeatable = { $label } is not repeatable, and appears { $count } times
bagit-value-not-allowed = { $label }: `{ $value }` is not one of the values the profile allows
# $kind: payload or tag manifest; $algorithm: its algorithm.
bagit-manifest-required = the profile requires a { $kind ->
        [payload] payload manifest
       *[tag] tag manifest
    } with { $algorithm }
bagit-manifest-not-allowed = the profile does not allow a { $kind ->
        [payload] payload manifest
       *[tag] tag manifest
    } with { $algorithm }
# $kind: tag or payload file; $patterns: the patterns the profile allows.
bagit-file-required = the profile requires this { $kind ->
        [payload] payload file
       *[tag] tag file
    }
bagit-file-not-allowed = the profile does not allow this { $kind ->
        [payload] payload file
       *[tag] tag file
    } ({ $patterns })
# $key: the profile's key; $error: what the pattern reader said.
bagit-not-glob = { $key } holds a pattern that is not a glob: { $error }
bagit-fetch-not-allowed = the profile does not allow fetch.txt
bagit-fetch-required = the profile requires fetch.txt
bagit-serialization-required = the profile requires a serialized bag; this is a folder
bagit-serialization-forbidden = the profile forbids serialized bags; this is a file
# $media_type: the bag's media type, or none; $accepted: the types the profile accepts.
bagit-serialization-not-accepted = serialized as { $media_type ->
        [none] a type qoima cannot name
       *[other] { $media_type }
    }, the profile accepts { $accepted }
# $version: the bag's BagIt version; $accepted: those the profile accepts.
bagit-version-not-accepted = BagIt { $version }, the profile accepts { $accepted }
bagit-not-data-empty = the profile requires an empty payload (Data-Empty)

## A profile that cannot be used. $path: the profile's file; $error: what the system or the JSON reader said.
bagit-profile-unreadable = { $path }: { $error }
# $problem: what is wrong with it (one of the messages below).
bagit-profile-in = { $path }: { $problem }
bagit-profile-not-json = not JSON: { $error }
bagit-profile-no-info = no BagIt-Profile-Info object
# $field: the field missing.
bagit-profile-no-info-field = BagIt-Profile-Info has no { $field }
# $key: the profile's key.
bagit-profile-not-list = { $key } is not a list of strings
bagit-profile-bag-info-not-object = Bag-Info is not an object
bagit-profile-bad-serialization = Serialization is none of required, optional, forbidden
