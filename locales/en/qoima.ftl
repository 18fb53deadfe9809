# qoima's messages in English: the reference every other language follows.
# Each message has an id (left of "=") that programs rely on: never rename one.
# { $name } is an argument qoima fills in; docs/messages.md lists how they work.

## The closing line of `qoima check`.
# $systems, $deposits, $errors, $warnings, $infos: counts; $date: the day checked (YYYY-MM-DD);
# $scope: "all", or "named" when only some systems or deposits were asked for.
check-summary = checked { $systems } systems, { $deposits } deposits as of { $date }{ $scope ->
        [named] {" "}(findings of those named)
       *[all] {""}
    }: { $errors } error(s), { $warnings } warning(s), { $infos } info
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
# $date: the conclusion's date; $deposit: the deposit (SYSTEM/VERSION); $missing: `all` when
# the deposit was never examined, `rebuild` when it was examined without --rebuild.
conclusion-without-checks = the positive conclusion of { $date } was given without these checks: { $missing ->
        [rebuild] full operability of the product restored from the deposited objects
       *[all] completeness of the set; sufficiency of the source code; integrity of the built modules; full operability of the product restored from the deposited objects
    } (`qoima examine --rebuild { $deposit }` makes them); if they were done otherwise, say how in the conclusion's `note`
