# qoima's messages in English: reading the archive (folders, YAML files, names, links).
# docs/messages.md says how a message is written.

## The archive, system and version folders.
# $error: what the operating system said.
archive-unreadable = cannot read the archive folder: { $error } (set [site] archive in site.toml, or pass --root)
archive-unlistable = cannot list the archive folder: { $error }
folder-unlistable = cannot list: { $error }
system-folder-unlistable = cannot list the system folder: { $error }
metadata-unreadable = cannot read its metadata: { $error }
path-unreadable = cannot read: { $error }
file-in-archive-folder = a file directly in the archive folder belongs to no system: move it into archive/<system>/
file-in-system-folder = a file in the system folder belongs to no deposit: move it into a version folder's component
# $system: the system folder's name.
system-yaml-missing = the system folder has no system.yaml: add the register record (run `qoima new { $system } VERSION` for a template)
# $system, $version: the system and version folders' names.
deposit-yaml-missing = the version folder has no deposit.yaml: every deposit needs its application (Annex 1); run `qoima new { $system } { $version }` to add a template
# $name: the folder's name; $components: the component folders, separated by commas.
not-a-component = `{ $name }` is not a component folder: the deposit is structured by kind ({ $components }); move its files into one of them
file-outside-components = a file outside the component folders: move it into one of { $components }
temporary-left = a temporary left by an interrupted qoima run (seal, examine, fixity --repair); the next such run removes it, or delete it yourself

## Links, special files, hard links, sparse files.
# $target: where the link points.
symlink-outside = a symbolic link pointing outside the archive (→ { $target }); qoima never follows links: replace it with the file itself
symlink = a symbolic link (→ { $target }); qoima never follows links: replace it with the file itself
metadata-symlink = the metadata file is a symbolic link; qoima never follows links: replace it with the file itself
special-file = not a regular file (a FIFO, socket or device): qoima never reads it; remove it from the archive
# $others: the file's other names in the deposit, separated by commas.
hard-link-inside = one file under two names (hard links) with { $others }: a change to one is a change to the other; replace each with a copy of its own
# $names: how many names the file has.
hard-link-outside = this file has { $names } names (hard links), the others outside this deposit: a change made through them changes the deposit. A backup made with hard links looks like this; otherwise replace it with a copy
# $size: the file's length; $stored: what it takes on the drive (both as "1.5 MB").
sparse-file = a sparse file: { $size } long but only { $stored } stored on the drive (the rest are holes) — a preallocated or interrupted copy? Check it is the real artifact; every copy and package holds its full length

## Names.
name-not-utf8 = the name is not valid UTF-8: rename it (names must survive copying between systems and into transfer packages)
# $names: how many names.
names-nfc-twins = { $names } names in this folder differ only by Unicode normalization (NFC/NFD) and look identical: keep one, rename the others
# $names: the names, separated by commas.
names-case-twins = names that differ only by case ({ $names }) collide on Windows and SMB shares: rename one
# $what: "control", "bidi" or "invisible"; $code: the character's code point in hex.
name-hidden-char = the name holds { $what ->
        [control] a control character
        [bidi] a bidirectional control, which reorders how the name is shown
       *[invisible] an invisible character
    } (U+{ $code }): it can make one name look like another; rename it
# $trouble: why Windows would not keep the name (windows-char, windows-trailing-dot, windows-device-name).
name-windows = { $trouble }: the file would be lost or renamed on a Windows share or when the package is unpacked there; rename it
# $char: the character.
windows-char = `{ $char }` is not allowed in Windows file names
# $name: the part of the path.
windows-trailing-dot = `{ $name }` ends with a dot or a space, which Windows drops
windows-device-name = `{ $name }` is a reserved device name on Windows
# $bytes: the name's length; $start: its first characters; $max: the longest that unpacks everywhere.
name-too-long = a name of { $bytes } bytes (`{ $start }…`): longer than { $max } bytes it cannot be unpacked on encrypted home folders and some SMB shares; shorten it
# $chars: the path's length; $max: the longest that unpacks on Windows; $windows: Windows's MAX_PATH.
path-too-long = a path of { $chars } characters: longer than { $max } it cannot be unpacked on Windows (MAX_PATH is { $windows }); shorten the folders
# $trouble: the first path too long (path-too-long, name-too-long); $paths: how many there are.
paths-too-long = { $trouble }{ $paths ->
        [1] {""}
       *[other] {" "}({ $paths } paths of this deposit become too long; this is the first)
    }
# $like: "page" or "hash".
folder-name-trouble = { $like ->
        [page] ends in `.html`, like the pages written beside it
       *[hash] looks like the hashed name of another folder (`x-` and hex digits)
    }
# $trouble: folder-name-trouble; $published: the name the catalogue gives it.
folder-name-published = the folder name { $trouble }: the catalogue publishes it as `{ $published }` so that it cannot take a page's place; rename the folder

## YAML files.
file-not-utf8 = the file is not valid UTF-8: save it as UTF-8
# $size: the file's size ("5.2 MB"); $bytes: in bytes; $limit: the largest allowed.
yaml-too-big = the file is { $size } ({ $bytes } bytes); metadata files are limited to { $limit }: move long text into docs/
# $reason: why (one of the yaml-… messages below).
yaml-not-read = { $reason }; the file was not read further
# $detail: the YAML reader's own words (English).
yaml-bomb = the file grows past the reader's limits when its aliases (`&anchor`, `*alias`) are expanded — a YAML bomb? Write the values out ({ $detail })
yaml-too-deep = the values are nested too deeply ({ $detail }); a deposit's metadata needs a few levels
# $max: the largest value.
yaml-not-whole-number = not a whole number from 0 to { $max }: write one
yaml-not-decimal = not a number that fits (too large, or not a number): write a plain decimal such as 12.5
# $field: the unknown field; $hint: "yes" with a $suggestion (the closest known field), or "none".
yaml-unknown-field = unknown field `{ $field }`{ $hint ->
        [yes] : did you mean `{ $suggestion }`?
       *[none] {""}
    } (`qoima schema` lists the fields)
# $detail: the rest of the YAML reader's message.
yaml-unknown-field-said = unknown field{ $detail } (`qoima schema` lists the fields)
# $value: the value given.
yaml-unknown-value = `{ $value }` is not one of the values allowed here
# $allowed: the values allowed, separated by commas; $hint, $suggestion: as in yaml-unknown-field.
yaml-unknown-value-of = `{ $value }` is not one of the values allowed here{ $hint ->
        [yes] : did you mean `{ $suggestion }`?
       *[none] {""}
    } (one of { $allowed })
yaml-ends-early = the file is empty or ends too early: fill it in (`qoima new` writes a template)
yaml-not-boolean = not a boolean: write true or false (yes, no, on and off are not booleans here)
yaml-not-text = a single text value belongs here, not a list or a mapping: write it as text (in quotes if it has `:` or `#`)
yaml-not-mapping = a mapping of fields belongs here (`key: value` lines, or `{"{"}key: value{"}"}`), not a list or a single value
yaml-not-list = a list belongs here (`[a, b]`, or lines starting with `- `), not a single value or a mapping
# $key: the key given twice.
yaml-duplicate-key = `{ $key }` is given twice in the same mapping: keep one
yaml-impossible-date = an impossible date (no such day in the calendar): write a real date YYYY-MM-DD
yaml-not-date = not a date: write dates as YYYY-MM-DD
# $detail: the YAML reader's own words (English), for what qoima does not explain itself.
yaml-other = { $detail }
# $field: the field; $value: its value; $read_as: "boolean", "octal", "base60" or "trailing-zero".
yaml11-unquoted = `{ $field }: { $value }` is unquoted and YAML 1.1 tools read it as { $read_as ->
        [boolean] a boolean
        [octal] an octal number
        [base60] a base-60 number
       *[trailing-zero] a number that drops the trailing zero
    }: quote it ("{ $value }")

## Journal entries and seals read with the archive.
entry-system-unreadable = this entry is about the system, whose system.yaml cannot be read: it is checked once system.yaml is
# $version: the deposit the entry names.
entry-deposit-unreadable = this entry is about { $version }, whose deposit.yaml cannot be read: it is checked once deposit.yaml is
entry-deposit-gone = this entry is about the deposit `{ $version }`, which is not in the system folder: a deposit is never deleted; restore its folder from the replica
seal-manifest-missing = the seal's manifest is missing: restore manifest-sha256.txt from the replica
# $error: what the system said.
swhid-not-recomputed = the SWHID of source/ cannot be recomputed: { $error }
# $recorded: the seal's source_swhid; $now: Software Heritage's SWHID of source/; $legacy: without empty folders.
swhid-legacy = the seal's source_swhid { $recorded } leaves out the empty folders of source/ (as qoima computed it before); Software Heritage identifies this source as { $now }. The seal is not rewritten: cite { $now } when cross-referencing the universal archive
swhid-differs = the seal's source_swhid { $recorded } is not the SWHID of source/ ({ $now }, or { $legacy } without its empty folders)

## site.toml and the catalogue.
site-no-authorized-body = the registration certificates, requests and warnings of the authorized body (D1124-18, D1124-26, D1124-50) cannot name it: add [authorized_body] with name = {"{"}kk, ru, en{"}"} and signatory = {"{"}name, position = {"{"}kk, ru, en{"}"}{"}"} to site.toml
site-no-technical-service = the conclusions and depository certificates of the state technical service (D1124-40, D1124-41-1) cannot name it: add [technical_service] with name = {"{"}kk, ru, en{"}"} and signatory = {"{"}name, position = {"{"}kk, ru, en{"}"}{"}"} to site.toml
# $date: the conclusion's date; $deposit: SYSTEM/VERSION; $completeness, $source, $built_modules,
# $rebuild: each "first" or "next" when the check was not made (in this order), "done" when it was.
conclusion-unassessed = the positive conclusion of { $date } was given without these checks: { $completeness ->
        [first] completeness of the set
        [next] ; completeness of the set
       *[done] {""}
    }{ $source ->
        [first] sufficiency of the source code
        [next] ; sufficiency of the source code
       *[done] {""}
    }{ $built_modules ->
        [first] integrity of the built modules
        [next] ; integrity of the built modules
       *[done] {""}
    }{ $rebuild ->
        [first] full operability of the product restored from the deposited objects
        [next] ; full operability of the product restored from the deposited objects
       *[done] {""}
    } (`qoima examine --rebuild { $deposit }` makes them); if they were done otherwise, say how in the conclusion's `note`

## `qoima record`, refused.
# $kind: the event kind; $known: the kinds allowed, separated by commas; $hint, $suggestion: as in yaml-unknown-field.
record-not-site-event = `{ $kind }` is not an event of the depository itself{ $hint ->
        [yes] : did you mean `{ $suggestion }`?
       *[none] {""}
    } (one of { $known }); record a system's event for SYSTEM, a deposit's for SYSTEM/VERSION
record-file-recorded = `{ $kind }` entries are written by `qoima examine`
record-by-seal = `{ $kind }` is recorded by `qoima seal`, which issues the number and registers the seal; seal the deposit instead
# $elsewhere: "system" when the kind is an event of the register record, "deposit" when of a deposit, "none".
record-unknown-kind = unknown event kind `{ $kind }` here{ $elsewhere ->
        [system] {" "}(it is an event of the register record: record it for SYSTEM, without /VERSION)
        [deposit] {" "}(it is an event of a deposit: record it for SYSTEM/VERSION)
       *[none] {""}
    }{ $hint ->
        [yes] : did you mean `{ $suggestion }`?
       *[none] {""}
    } (one of { $known }; `qoima rules` explains each)

## `qoima record`, for a target it cannot record for.
# $system: the system; $deposit: SYSTEM/VERSION; $archive: the archive folder.
record-no-system = no system `{ $system }` in { $archive }
record-no-deposit = no deposit { $deposit } in { $archive }
record-deposit-unreadable = { $deposit }: deposit.yaml cannot be read, so nothing can be checked against it; `qoima check` says why
record-system-unreadable = { $system }: system.yaml cannot be read; `qoima check` says why

## When qoima cannot run: the site and its archive folder.
# $path: a file or folder; $why: what is wrong with it.
path-said = { $path }: { $why }
# $path: where site.toml was looked for; $file: site.toml.
site-missing = { $path }: no { $file } here or in any folder above: run qoima inside a site root, or pass --root DIR

## A calendar file (calendar/*.yaml). $date: a date (YYYY-MM-DD); $weekday: its day of the
## week in English (Monday … Sunday).
# $value: what the file says.
calendar-not-month-day = `{ $value }` is not a month and day MM-DD (e.g. "03-22")
calendar-known-years-required = `known_years: {"{"}from, to{"}"}` is required
calendar-off-on-weekend = the transferred day off { $date } is a { $weekday }, already a weekend day
calendar-worked-on-working-day = the day worked { $date } is a { $weekday }, already a working day: a transfer moves a weekend day (or a holiday) to `off`
# $what: known_years or holidays_known; $from, $to: years.
calendar-years-reversed = { $what }: from { $from } is after to { $to }
# $kind: "holiday" or "religious"; $id: the day's id.
calendar-day-years-reversed = { $kind ->
        [holiday] holiday
       *[religious] religious day
    } `{ $id }`: from { $from } is after to { $to }

## A rulebook named in site.toml that contradicts itself.
rulebook-outcome-unknown = event `{ $event }`: outcome_means names `{ $outcome }`, which is not one of its outcomes
rulebook-yearly-due = yearly `{ $id }`: due `{ $due }` is not MM-DD
rulebook-state-missing = half_year_report: `states` lacks `{ $state }`
rulebook-event-unknown = rulebook { $book } names the event `{ $event }`, which its `events:` does not define
