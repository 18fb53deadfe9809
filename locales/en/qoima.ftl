# qoima's messages in English: the reference every other language follows.
# Each message has an id (left of "=") that programs rely on: never rename one.
# { $name } is an argument qoima fills in; docs/messages.md lists how they work.

## What the commands say (stdout and stderr), in the language of --lang or the locale.
# $error: what the system said, in English.
output-unwritable = cannot write the output: { $error }
# Progress bars and spinners on a terminal.
progress-check = loading and checking the archive
# $bag: the package's name.
progress-package = packaging { $bag }
# $key: SYSTEM/VERSION.
progress-examine = examining { $key }
progress-verify = verifying
progress-replicate = copying to the replica and verifying the copies
progress-hash = hashing
progress-build = building the catalogue
# $name: what was named; $archive: the archive folder.
no-such-target = { $name }: no such system or deposit in { $archive }
# $key: what was given.
deposit-name-form = `{ $key }`: name the deposit as SYSTEM/VERSION
no-such-deposit = { $key }: no such deposit
# $id: the rulebook asked for; $known: those there are, separated by commas.
no-such-rulebook = no rulebook `{ $id }` (known: { $known })
# `qoima package`. $path: the package; $files: a count; $payload, $bytes: sizes in bytes; $sha256: its SHA-256.
package-done = { $path }: { $files } files, { $payload } bytes of payload; { $bytes } bytes, SHA-256 { $sha256 }
# $packages: a count; $dir: the folder.
package-all-done = { $packages } packages in { $dir }; the internal catalogue links them
# `qoima examine`. $number: the conclusion's number; $verdict: "positive" or "negative".
examine-conclusion = { $key }: conclusion { $number } ({ $verdict ->
        [positive] positive
       *[negative] negative
    })
# The outcome of one check, in a column 8 characters wide.
examine-pass = pass
examine-warning = warning
examine-fail = FAIL
examine-no-rebuild = rebuild from source: not run (--rebuild)
# $path: where the conclusion was saved.
examine-saved = saved as { $path }
# `qoima verify`. $path: the bag.
bag-unreadable = { $path }: cannot read the bag: { $error }
# $bag: the bag; $verdict: "valid" or "invalid"; $version: BagIt's version; $files, $errors,
# $warnings: counts; $bytes: a size in bytes; $algorithms: the checksum algorithms, or "none".
verify-summary = { $bag }: { $verdict ->
        [valid] valid
       *[invalid] invalid
    } BagIt { $version } bag, { $files } payload files, { $bytes } bytes, checked with { $algorithms ->
        [none] nothing
       *[other] { $algorithms }
    }; { $errors } errors, { $warnings } warnings
# `qoima replicate`. $deposit: SYSTEM/VERSION; $copied, $unchanged: counts of files.
replicate-skipped = { $deposit }: skipped, the owner does not permit copies (D1124-53)
replicate-copied = { $deposit }: { $copied } copied, { $unchanged } already there
# $records: the records copied, separated by commas.
replicate-records = records copied: { $records }
# `qoima fixity`. $date: the day; $number: the depository number; $outcome: "success" or
# "failure"; $files: a count; $bytes: a size in bytes.
fixity-deposit = { $date } { $deposit } ({ $number }): { $outcome ->
        [success] success
        [failure] failure
       *[other] { $outcome }
    } — { $files } files, { $bytes } bytes
# $deposits, $failed: counts; $log: the fixity log; $head: the register's head.
fixity-summary = { $deposits } deposits checked, { $failed } with differences; logged in { $log } (register head { $head })
# `qoima seal`.
seal-who = say who seals: --by "NAME", or QOIMA_OPERATOR, or `[records] by = "NAME"` in site.toml (the name is recorded for ever)
# $key: SYSTEM/VERSION; $error: why.
seal-refused = { $key }: not sealed: { $error }
# $action: "sealed", "registered" (an existing seal) or "completed" (an interrupted seal);
# $number: the depository number; $files: a count; $bytes: a size in bytes; $line: the register's line.
seal-done = { $action ->
        [registered] registered the existing seal of
        [completed] completed the interrupted seal of
       *[sealed] sealed
    } { $deposit } as { $number }: { $files } files, { $bytes } bytes; depository register line { $line }
# $dir: the deposit's folder; $manifest: the manifest's file name.
seal-verify-hint = verify with coreutils: (cd { $dir } && sha256sum -c { $manifest })
# $journal: the entry, as written.
seal-journal = recorded in the journal: { $journal }
# $sealed, $refused: counts.
seal-count = { $sealed } sealed, { $refused } not
# `qoima record`. $journal: the journal file; $line: the entry's line.
record-done = recorded in { $journal }:{ $line }:
record-nothing = nothing was recorded
# `qoima build`. $edition: "public" or "internal"; $pages: a count; $path: the folder.
build-edition = built the { $edition ->
        [public] public
       *[internal] internal
    } edition: { $pages } pages in { $path }
# $count: a count; $names: the systems and deposits, separated by commas.
build-unreadable = { $count } system(s) or deposit(s) whose metadata cannot be read, listed in the internal edition only with their findings (`qoima check` says what to fix): { $names }
# `qoima schema --write`, `qoima new`, `qoima generate`. $path, $dir: a file, a folder.
wrote-file = wrote { $path }
new-created = created { $path }
new-next = fill in the YAML, put the files in the component folders, then run `qoima check`
generate-not-empty = { $dir }: exists and is not empty
# $deposits: a count.
generate-wrote = wrote { $deposits } deposits into { $dir }
# `qoima workdays`. $year: the year; $first, $last: the years the calendar knows.
workdays-outside = { $year } is outside the years the calendar knows ({ $first }–{ $last }): only weekends were counted for it
# `qoima watch` and `qoima serve`. $value: what was given.
poll-invalid = --poll { $value }: give a number of seconds above 0
watch-native = native change events
# $every: seconds; $why: why polling (watch-poll-*).
watch-polling = polling every { $every } s ({ $why })
watch-poll-asked = --poll
# $root: the site folder; $fs: the network file system (NFS, SMB/CIFS…).
watch-poll-network = { $root } is on { $fs }, which does not report changes made elsewhere
# $error: what the system's watcher said (in English).
watch-poll-no-events = native change events are unavailable: { $error }
# $error: io-error.
serve-no-token = cannot make the access token (/dev/urandom): { $error }
serve-cannot-start = cannot start the server: { $error }
# $addr: the address and port.
serve-cannot-listen = cannot listen on { $addr }: { $error }
# `qoima new`. $name: the folder name given; $why: "empty", "path" or "hidden".
new-bad-folder-name = `{ $name }` { $why ->
        [empty] is not a folder name
        [path] must be one folder name, without slashes or control characters
       *[hidden] must not start with a dot (hidden folders are ignored)
    }
# `qoima new`. $path: the archive folder, or what would be created.
new-no-archive = { $path }: no archive folder here
new-exists = { $path } already exists: qoima new never overwrites anything
# $path: the journal.
journal-not-utf8 = { $path }: the journal is not valid UTF-8
# $path: the conclusion's file; $error: io-error.
conclusion-not-rewritten = { $path }: { $error } (a conclusion is never rewritten; examine again for a new one)
# $root: the site folder; $mode: watch-native or watch-polling.
watching = watching { $root } ({ $mode }); Ctrl-C stops
watcher-reported = the watcher reported: { $error }
live-kept = { $error } (the catalogue keeps its last good state)
# $addr: the address; $edition: "public" or "internal".
serve-exposed = serving on { $addr }: anyone who can reach this address can read the { $edition ->
        [internal] internal edition (with the token), restricted records included
       *[public] public edition
    }
# $url: where to open it.
serving = serving the { $edition ->
        [public] public
       *[internal] internal
    } edition at { $url }
# A rebuild. $event: "built" (the first) or "update"; $what: "all", "nothing" (nothing published
# changed) or "systems" (then $systems names them); $written, $removed, $errors, $warnings:
# counts; $ms: how long it took.
live-update = { $event ->
        [built] built
       *[update] update
    } { $what ->
        [all] everything
        [nothing] nothing that is published
       *[systems] { $systems }
    }: { $written } { $written ->
        [one] file
       *[other] files
    } written, { $removed } removed in { $ms } ms; the archive has { $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }
# $more: how many findings were not shown.
live-more = … and { $more } more (`qoima check` lists them all)

## The closing line of `qoima check`.
# $systems, $deposits, $errors, $warnings, $infos: counts; $date: the day checked (YYYY-MM-DD);
# $scope: "all", or "named" when only some systems or deposits were asked for.
check-summary = checked { $systems } { $systems ->
        [one] system
       *[other] systems
    }, { $deposits } { $deposits ->
        [one] deposit
       *[other] deposits
    } as of { $date }{ $scope ->
        [named] {" "}(findings of those named)
       *[all] {""}
    }: { $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }, { $infos } info
# $infos: how many info findings were not printed.
check-summary-hidden = {" "}({ $infos } info hidden: --verbose shows them)
# $open, $missed: counts of deadlines.
check-summary-deadlines = ; deadlines: { $open } open, { $missed } missed

## A sealed deposit compared with its manifest (D1124-7).
# $error: the system's reason, in English.
seal-manifest-unreadable = the seal's manifest cannot be read ({ $error }): restore manifest-sha256.txt from the replica
seal-manifest-changed = the manifest does not match its seal (seal.yaml): it was changed after sealing; restore it from the replica
# $number: the deposit's depository number.
seal-file-added = a file added after sealing ({ $number }): a sealed deposit never changes; remove it, or deposit a new version
seal-file-missing = a sealed file is missing ({ $number }): restore it from the replica (`qoima fixity --repair`)
seal-file-unreadable = a sealed file cannot be read: { $error }
seal-file-changed = a sealed file was changed ({ $number }): its SHA-256 differs from the manifest; restore it from the replica

## The depository register against the archive.
# $copy: "replica" when a replica is configured ($replica: its folder), "none" otherwise.
register-deposit-gone = { $deposit } ({ $number }, sealed { $date }) is in the depository register, but its folder is not in the archive: a numbered deposit is never deleted; { $copy ->
        [replica] restore the whole folder from the replica ({ $replica })
       *[none] restore the whole folder from a copy (no replica is configured)
    }
# $name: seal.yaml or manifest-sha256.txt; $register: the register's file; $line: its line;
# $got, $want: the start of two SHA-256 sums.
register-seal-differs = { $name } is not the one registered for { $number } ({ $register }, line { $line }): its SHA-256 is { $got }, the register's { $want } — it was changed after sealing; { $copy ->
        [replica] restore { $name } from the replica ({ $replica })
       *[none] restore { $name } from a copy (no replica is configured)
    }
register-seal-missing = { $name } of a deposit registered as { $number } ({ $register }, line { $line }) is missing, so nothing proves its files are those sealed; { $copy ->
        [replica] restore { $name } from the replica ({ $replica })
       *[none] restore { $name } from a copy (no replica is configured)
    }
# $event: the number the deposit's depository_number event gives.
register-number-differs = the deposit's depository_number event says { $event }, but the register gave it { $number } ({ $register }, line { $line })
register-number-unrecorded = the register gave this deposit { $number } on { $date } ({ $register }, line { $line }), but no depository_number event records it: run `qoima seal { $deposit }` again to complete its record
register-seal-unregistered = this deposit carries a seal, but the depository register ({ $register }) has no entry for it: seals are made only by `qoima seal`. If it was sealed before the register existed, register it with `qoima seal --register-existing { $deposit }`; otherwise { $copy ->
        [replica] restore the deposit from the replica ({ $replica })
       *[none] restore the deposit from a copy (no replica is configured)
    }
replica-not-verified = the sealed deposit has no verified copy in the replica yet: run `qoima replicate`
replica-none = no replica is configured, so every sealed deposit is kept in one copy: name a second drive in site.toml ([replica] root = "/mnt/replica/depository") and run `qoima replicate`
# $chain: "register" ($record: the register's file) or "journal" ($record: the system).
# $deposit, $date: the fixity check that saw the old head; $head: the start of that head.
fixity-chain-rewritten = { $chain ->
        [register] the depository register ({ $record })
       *[journal] the journal of { $record }
    } was rewritten after the fixity check of { $deposit } on { $date }: its head then ({ $head }) is no longer in it; compare it with the replica's copy and restore it
# $journal: the system's journal file.
conclusion-unrecorded = a file the depository did not record: `qoima examine` records every conclusion it saves in { $journal }; this one is not there, so it is neither shown nor packaged — remove it
conclusion-changed = the file was changed after it was recorded in the journal: restore it from the replica
# $error: what the JSON reader said (in English).
conclusion-unreadable = the conclusion is recorded in the journal with these bytes, but it cannot be read as a conclusion ({ $error }): it is not shown; restore it from the replica
file-unreadable = cannot be read: { $error }

## Reading the depository register.
register-unreadable = the depository register cannot be read: { $error }
register-line-unreadable = this line of the depository register cannot be read: a line is the number, the date (YYYY-MM-DD), the deposit (SYSTEM/VERSION), who sealed, and three SHA-256 sums, separated by tabs; restore the register from the replica
# $named: the start of the hash this line names; $actual: the start of the line before's hash.
register-chain-broken = the register's chain is broken here: this line names { $named } as the line before it, but the line before hashes to { $actual }; a line above was changed, removed or moved — compare the register with the replica's copy and restore it
# $first: the line that has it already.
register-number-twice = the depository number { $number } was given already on line { $first }: a number is never given twice
register-deposit-twice = { $deposit } was numbered already on line { $first }: a deposit gets one number; a new version is a new deposit
# $first_date: the date of line $first.
register-out-of-order = out of order: { $number } of { $date } comes after line { $first }, which is dated { $first_date }; lines are appended as deposits are registered

## The catalogue: what the catalog finds of the deposits' verification conclusions (D1124-40).

## Why `seal` did not seal a deposit (standard error).
# $error: an error said as the operating system or a record's reader says it, in English.
error-as-said = { $error }
# $key: the deposit as typed or found (SYSTEM/VERSION).
seal-deposit-unnamed = `{ $key }`: name the deposit as SYSTEM/VERSION
# $archive: the archive folder named in site.toml.
seal-deposit-unknown = no deposit { $key } in { $archive }
# $errors: the deposit's findings of error severity, one a line, as `qoima check` says them.
seal-has-errors = { $key } has errors; fix them and run `qoima check` before sealing:
    { $errors }
seal-sealed-already = { $key } is sealed already; a seal is never replaced (deposit a new version instead). `qoima check` says whether the seal is intact
# $line, $number: the register's line for the deposit and the number it gives.
seal-register-differs = the depository register holds a seal for { $key } (line { $line }, { $number }) that this deposit no longer matches: its files changed after the seal was registered. Restore them from the replica, or ask the register's keeper
seal-registered-already = { $key } is in the register already ({ $number }, line { $line })
seal-unreadable = { $key } has no seal that can be read: `qoima check` says what is wrong with it
seal-record-unreadable = { $key }: seal.yaml or its manifest cannot be read
seal-files-differ = { $key }: its files no longer match its manifest, so this seal cannot be registered; `qoima check` lists the differences

## What `fixity` found, on the terminal: each detail of the fixity log in the operator's language
## (the log itself keeps the English). A file's is said after its path.
fixity-said-differs = SHA-256 differs from the manifest
fixity-said-missing = missing
fixity-said-symlink = a symbolic link; never read through
fixity-said-not-regular = no longer a regular file
# $error: the operating system's error, in English.
fixity-said-unreadable = cannot be read: { $error }
fixity-said-not-registered = differs from the one the depository register holds
fixity-said-not-utf8 = not UTF-8
fixity-said-added = added after sealing
fixity-said-folder-missing = the deposit folder is missing from the archive
fixity-said-no-manifest = no copy holds the registered manifest: the files cannot be verified (loss)
# $register: the register's file.
fixity-said-unregistered = sealed, but not in the depository register ({ $register }): nothing proves what was sealed
fixity-said-both-match = both copies match
fixity-said-repaired = repaired from the replica
fixity-said-repair-unverified = repair from the replica did not verify
fixity-said-repair-failed = repair failed: { $error }
fixity-said-replica-repaired = replica repaired from the original
fixity-said-replica-repair-unverified = replica repair did not verify
fixity-said-replica-repair-failed = replica repair failed: { $error }
fixity-said-no-replica = loss — no replica is configured
fixity-said-no-copy-matches = loss — no copy matches the register; nothing was changed
fixity-said-added-left = files added after sealing are left for the operator
fixity-said-not-in-manifest = not in the registered manifest; left for the operator
# Put in brackets after what was found in the replica's copy.
fixity-said-replica = replica
# $record: a record (the register, a journal, the fixity log) whose archive copy is not the replica's and more.
fixity-record-diverged = { $record }: the archive's copy does not continue the replica's — an entry was changed or removed since it was replicated; compare the two copies

## What `replicate` refuses and warns of, and what it could not copy.
replicate-no-replica = site.toml names no replica: add [replica] root = "/mnt/replica/depository"
# $root: the replica's root folder.
replicate-root-not-folder = the replica root { $root } is not a folder; nothing was copied
# $error: the operating system's error, in English.
replicate-root-unreachable = the replica root { $root } cannot be reached ({ $error }): is its drive mounted? Nothing was copied; qoima never makes the replica's root itself, so that a missing drive is never mistaken for a copy
replicate-same-drive = the replica { $root } is on the same drive as the archive: a second copy there is lost with the first (D1124-31); put it on another drive
replicate-original-unregistered = the original's seal differs from the depository register: not copied (run `qoima fixity` and repair it first)
# $file: the file, from the site root.
replicate-original-differs = { $file }: the original does not match the manifest (run `qoima fixity`)
replicate-copy-differs = { $file }: the copy does not match the manifest
# $why: why it was not copied: a `path-…` message, or the operating system's error.
replicate-file-not-copied = { $file }: { $why }
# $record: a record's file (the register, a journal, the fixity log).
replicate-record-copied = { $record }
replicate-record-not-copied = { $record }: not copied: { $why }

## Paths a copy refuses: it never goes through a symbolic link or out of its folder, and writes only regular files.
# $path: the path refused.
path-not-plain = { $path }: not a plain path inside the tree
path-empty = { $path }: empty path
path-symlink-refused = { $path }: a symbolic link; never written or read through
path-not-folder = { $path }: not a folder
path-not-regular = { $path }: not a regular file

## Waiting for the records' lock (standard error): another run of qoima is writing the register or a journal.
# $pid: the process that held the lock and no longer runs.
lock-taken-over = the records were locked by process { $pid } of this host, which is gone; taking the lock over
# $holder: the lock file's line: the process, its host, what it does and since when.
lock-waiting = waiting for the records, locked by { $holder }
# $lock: the lock file.
lock-held = the depository's records are locked by { $holder } ({ $lock }); if that process is gone, remove the lock file

## Why `package` made no package (standard error); the files concerned follow, one a line.
# $deposit: SYSTEM/VERSION.
package-no-such-deposit = { $deposit }: no such deposit
package-not-sealed = { $deposit }: not sealed; a package holds sealed deposits only (qoima seal { $deposit })
# $commands: the `qoima package` command of each restricted deposit, separated by "; ".
package-restricted-alone = { $system }: its sealed deposits are restricted and a public system's package never holds them; package each alone: { $commands }
package-none-sealed = { $system }: no deposit is sealed; a package holds sealed deposits only (qoima seal)
package-no-such-system = { $system }: no such system
package-seal-fails = the seal no longer verifies; nothing was written. Files that fail:
package-seal-fails-unwritten = the seal no longer verifies; no package was written. Files that fail:
package-names-collide = these names are one name after Unicode normalization (NFC/NFD) and would overwrite each other when unpacked; rename one of each pair:
# $template: the theme's template; $error: what the template engine says, in English.
package-theme-unrenderable = the theme's { $template } cannot be rendered: { $error }
# $file: the file (from the site root, or on disk); what is wrong with it follows.
package-file-symlink = { $file }: a symbolic link (to { $target }); a package holds regular files
package-file-not-regular = { $file }: not a regular file
package-file-added = { $file }: added after the seal (D1124-7)
package-file-missing = { $file }: sealed, but missing
# $got: the file's SHA-256 now; $want: the seal's.
package-file-differs = { $file }: SHA-256 { $got } differs from the seal's { $want }
# $names: names that are one after normalization, joined by "  ≡  ".
package-name-twins = { $names }

## What comes before a line the tool says of itself on standard error (a finding's line says
## `error[RULE]` or `warning[RULE]` in English in every language, for editors and scripts).
prefix-error = error
prefix-warning = warning

## An operating system's error. $kind: not-found, permission-denied, already-exists,
## is-a-directory, not-a-directory, directory-not-empty, storage-full, read-only, too-large,
## invalid-name, crosses-devices, busy, network, timed-out, unexpected-end, address-in-use,
## address-unavailable, connection-refused or other; $error: the system's own words in English
## ("No such file or directory (os error 2)"), which English says whatever the kind.
io-error = { $kind ->
       *[other] { $error }
    }

## `qoima build`: folders whose pages are published under another name.
# $dir: the folder; $trouble: folder-name-trouble; $published: the name its pages get.
build-folder-renamed = { $dir }: the folder name { $trouble }; its pages are published as `{ $published }`
# $dirs: the folders, separated by commas; $folded: the page folder they would share.
build-case-twins = { $dirs }: their pages share the folder `{ $folded }` on a drive that ignores case (Windows, macOS, SMB shares)

## site.toml and the files it names. $at: site.toml with its line and column; $said: what the
## TOML reader said, in English.
site-unreadable = { $path }: cannot read it: { $error }
# $key: the key; $expected: the keys allowed there, or "none".
site-unknown-key = { $at }: unknown key `{ $key }`{ $expected ->
        [none] {""}
       *[other] ; the keys allowed here: { $expected }
    }
site-missing-key = { $at }: the required key `{ $key }` is missing
site-duplicate-key = { $at }: the key is given twice; give each key once
site-invalid = { $at }: { $said }
# $file: the file named in site.toml; $error: io-error.
site-rulebook-unreadable = { $file }: cannot read the rulebook named in site.toml: { $error }
site-calendar-unreadable = { $file }: cannot read the calendar named in site.toml: { $error }
# $book: the rulebook named; $known: the rulebooks there are.
site-fallback-unknown = site.toml: [rules] fallback names `{ $book }`, which is no rulebook (known: { $known })

## The theme. $path: a folder or file of the theme; $theme: its name; $error: io-error, or what
## the template or TOML reader said (in English).
theme-templates-unreadable = { $path }: cannot read the theme's templates: { $error }
theme-templates-invalid = theme { $theme }: { $error }
theme-words-unreadable = { $path }: { $error }
theme-words-invalid = { $path }: { $error }
theme-english-missing = theme { $theme }: i18n/en.toml is missing
