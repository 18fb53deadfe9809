# qoima's messages in English: the checks of deposits, events, deadlines and the records.
# docs/messages.md says how a message is written.

## The components and fields a rulebook asks for (check/components.rs, check/fields.rs).
# $component: a component the deposit names; $rulebook: the rulebook's id (O146, D1124); $components: its components, joined by ", ".
component-unknown = `not_applicable` names `{ $component }`, which is not a component of { $rulebook }: use one of { $components }
# $component: the component's id (also its folder); $files: how many files its folder holds.
component-not-applicable-has-files = `{ $component }` is marked not applicable but { $component }/ holds { $files } { $files ->
        [one] file
       *[other] files
    }: remove one or the other
# $reason: why the component does not apply, in the words of deposit.yaml.
component-not-applicable = component `{ $component }` not applicable: { $reason }
# $rule: the clause that asks for the component.
component-missing = the required component { $component }/ is missing ({ $rule }): deposit it, or say why it does not apply under `not_applicable: {"{"}{ $component }: "…"{"}"}` in deposit.yaml
component-empty = the required component { $component }/ is empty ({ $rule }): put its files in it
component-folder-empty = the component folder { $component }/ is empty: fill it or remove it
# $file: the build description deposit.yaml names.
build-description-missing = the build description `{ $file }` is not in source/: add the file or correct the name
# $name: the third-party component; $path: where deposit.yaml says it is.
third-party-path-missing = third-party `{ $name }` names `{ $path }`, which is not in the deposit
# $title: the document's title (the rulebook's, in the reader's language); $item: its key under
# `documentation:`; $folder: the documentation folder (docs); $rule: the clause of the set.
documentation-item-missing = the documentation set lacks the { $title } (`documentation: {"{"}{ $item }: { $folder }/…{"}"}`), { $rule }
# $key: the key under `documentation:`; $kinds: the kinds the rulebook knows, joined by ", ".
documentation-unknown-kind = `documentation` names an unknown kind `{ $key }`: use one of { $kinds } or a key starting with `other`
# $file: the file the key names.
documentation-outside-folder = `{ $key }` must name a file in { $folder }/ (got `{ $file }`)
documentation-file-missing = `{ $key }` names `{ $file }`, which is not in the deposit: add the file or correct the name
# $field: the field's dotted path; $file: deposit.yaml or system.yaml; $rule: the clause that asks for it.
field-missing = `{ $field }` is missing or empty: fill it in { $file } ({ $rule })
# $value: the number given; $min: the least the clause allows.
field-below-minimum = `{ $field }` is { $value }; { $rule } asks for at least { $min }

## Events, deadlines, the register of systems and the records (check/events.rs, check/deadlines.rs,
## check/register.rs, check/mod.rs, records/).

# — The register record of a system and of its deposits (check/register.rs).

system-names-empty = `names` is empty: give the system's name in kk and ru (and en)
system-funded-privately = funded only from non-state funds: registration is on the owner's initiative (D1124-11)
system-in-development = the system is in development but has deposits: accounting and storage start only after it is put into industrial operation; set `status: operating` with a `commissioned` event
system-withdrawal-unrecorded = the system is withdrawn but no event records the withdrawal (`decommissioned` in a deposit or `termination_notice` in system.yaml): record when it was withdrawn
system-transfer-unrecorded = the system is marked transferred but no deposit records `handed_over` or `transferred_to_archive`
system-operating-withdrawn = the system is marked operating but its events record a withdrawal: set `status: withdrawn` or `transferred`
# $version: what deposit.yaml says; $folder: the version folder's name.
deposit-version-differs = `version: "{ $version }"` differs from the version folder `{ $folder }`: rename the folder to the version, or correct `version:`
# $code: the deposit's is_code; $system_code: the system's code; $path: the system's system.yaml.
deposit-code-differs = `is_code: { $code }` differs from the system's code `{ $system_code }` in { $path }: the application names the system's code on the architecture portal
deposit-access-widened = `access: public` in a restricted system: a deposit may only tighten its system's access; remove the line or write `restricted`
deposit-copy-refused = `copy_permitted: false` but the product is state-funded: only a non-state owner may refuse the copying that keeps its media alive (D1124-53)
deposit-copy-not-permitted = copying not permitted by the owner: the media are checked but not rewritten (D1124-53)
# $previous: the version `previous:` names; $system: the system's folder.
deposit-previous-unknown = `previous: { $previous }` names no version folder of { $system }: give the folder name of the version before
deposit-previous-self = `previous` names this deposit itself
# $previous_date: the previous version's application date; $date: this deposit's.
deposit-previous-later = the previous version { $previous } is dated { $previous_date }, after this one ({ $date }): check the dates or the link
# $path: the system.yaml that has the code first.
code-used-twice = IS code `{ $code }` is also the code of { $path }: each system has its own code on the architecture portal
# $kind: the event kind; $number: its number; $path: the file that has it first.
event-number-used-twice = `{ $kind }` number { $number } is already used in { $path }: numbers are never reused

# — Events (check/events.rs). $kind: an event kind as written in YAML; dates are YYYY-MM-DD.

# $field: "application" (`date:`) or "release" (`release_date:`); $today: the day of the check.
deposit-date-future = the { $field ->
        [release] release date
       *[application] application date
    } { $date } is in the future (today is { $today }): correct it
site-journal-deposit-entry = an entry of the site's journal is about the depository itself: record a deposit's event for SYSTEM/VERSION
# $anchor: the event that must come first; $reason: the rulebook's reason, in English.
event-anchor-missing = no `{ $anchor }` event: { $reason } (record it with its date)
deposit-date-before-anchor = the application is dated { $date }, before `{ $anchor }` on { $anchor_date }: { $reason }
event-before-anchor = `{ $kind }` on { $date } comes before `{ $anchor }` on { $anchor_date }: { $reason }
# $first, $then: two event kinds the rulebook orders, with their dates.
events-out-of-order = events out of order: `{ $then }` on { $then_date } comes before `{ $first }` on { $first_date }; check both dates
# $field: prev, deposit or sha256; $file: deposit.yaml or system.yaml.
event-field-of-journal = `{ $field }` belongs to an entry of the system's journal, not to { $file }: remove it
event-file-recorded-by-hand = `file_recorded` is written by qoima into the journal, never by hand
journal-file-recorded-incomplete = a `file_recorded` entry names the deposit, the document and its SHA-256
# $other: the rulebook that has the event; $rulebook: the deposit's.
event-of-other-rulebook = `{ $kind }` is an event of rulebook { $other }, but this deposit is checked under { $rulebook }: use the events of { $rulebook } (see `qoima rules { $rulebook }`)
event-of-system = `{ $kind }` is an event of the register record: move it to the system's system.yaml
event-of-deposit = `{ $kind }` is an event of a deposit: move it to the deposit's deposit.yaml
event-of-site = `{ $kind }` is an event of the depository itself: record it in the site's journal with `qoima record . { $kind }`
# $known: the event kinds of this place, separated by commas; $suggestion: the closest of them.
event-kind-unknown = unknown event kind `{ $kind }` (one of { $known })
event-kind-unknown-suggest = unknown event kind `{ $kind }`: did you mean `{ $suggestion }`? (one of { $known })
# $field: a field the event needs; $rule: the clause.
event-field-missing = `{ $kind }` needs `{ $field }:` ({ $rule }): add it to the event
# $flag: a yes/no field that must be true.
event-flag-required = `{ $kind }` requires `{ $flag }: true` ({ $rule }): do it, then record it
# $outcomes: the outcomes the event may have, separated by commas; $outcome: the one written.
event-outcome-missing = `{ $kind }` needs `outcome:`, one of { $outcomes }
event-outcome-invalid = `outcome: { $outcome }` is not valid for `{ $kind }`: use one of { $outcomes }
event-document-outside = `document` must name a file inside the deposit, without `..` or an absolute path
# $document: the path `document:` gives.
event-document-absent = `document` names `{ $document }`, which is not in the deposit (put scans in docs/)
event-in-future = `{ $kind }` is dated { $date }, in the future (today is { $today }): record events once they happen

# — Deadlines (check/deadlines.rs). $days: working days (a count); $due: the due date; $rule: the clause.

# The clock: $basis is "after" ($count days, $unit "working" or "calendar", after the event
# $from_event of $from_date) or "yearly" (the yearly date of $year).
# Late: $event, $date: the event that fulfilled it, and when.
deadline-late = `{ $event }` on { $date } was { $days } { $days ->
        [one] working day
       *[other] working days
    } late: due { $due } ({ $basis ->
        [yearly] the yearly date for { $year }
       *[after] { $count } { $unit ->
            [working] { $count ->
                [one] working day
               *[other] working days
            }
           *[calendar] { $count ->
                [one] day
               *[other] days
            }
        } after `{ $from_event }` on { $from_date }
    }, { $rule })
# Missed and open: $event is the event that fulfils it, or the last of those that do
# ($alternatives: how many; $events: the others, separated by "`, `").
# $reminder: the clause of the authorized body's reminder, or "none".
deadline-missed = deadline missed by { $days } { $days ->
        [one] working day
       *[other] working days
    }: no `{ $alternatives ->
        [1] { $event }
       *[other] { $events }` or `{ $event }
    }` by { $due } ({ $basis ->
        [yearly] the yearly date for { $year }
       *[after] { $count } { $unit ->
            [working] { $count ->
                [one] working day
               *[other] working days
            }
           *[calendar] { $count ->
                [one] day
               *[other] days
            }
        } after `{ $from_event }` on { $from_date }
    }, { $rule }); record it with its date once done{ $reminder ->
        [none] {""}
       *[other] ; the authorized body sends a reminder ({ $reminder })
    }
deadline-open = open: `{ $alternatives ->
        [1] { $event }
       *[other] { $events }` or `{ $event }
    }` due { $due } ({ $basis ->
        [yearly] the yearly date for { $year }
       *[after] { $count } { $unit ->
            [working] { $count ->
                [one] working day
               *[other] working days
            }
           *[calendar] { $count ->
                [one] day
               *[other] days
            }
        } after `{ $from_event }` on { $from_date }
    }, { $rule }), { $days } { $days ->
        [one] working day
       *[other] working days
    } left

# — The rulebook of a deposit, the half-year reports and the calendar (check/mod.rs).

# $rulebook: the rulebook named or chosen; $known: the rulebooks there are.
rulebook-unknown = unknown rulebook `{ $rulebook }`: use one of { $known }
# $date: the deposit's application date.
rulebook-fallback = no rulebook was in force on { $date }: checked under { $rulebook } (site.toml [rules] fallback); name one with `rulebook:` to silence this
rulebook-none = no rulebook was in force on { $date }: name one with `rulebook:` (or set [rules] fallback in site.toml); only the file checks ran
# $year, $half (1 or 2): the half-year; $due: when the report was due; $event: the event that records it.
half-year-report-missing = no half-year report for { $year }-H{ $half } is recorded: it was due { $due } ({ $rule }); send it to the authorized body, then record it: qoima record . { $event } --date DATE --year { $year } --half { $half }
# $date: when it was submitted; $days: how many working days late.
half-year-report-late = the half-year report for { $year }-H{ $half } was submitted on { $date }, { $days } { $days ->
        [one] working day
       *[other] working days
    } late: due { $due } ({ $rule })
# $year: the year; $from, $to: the years the calendar knows; $holidays: "law" when the year's public
# holidays are known, "until" when those of $last_rules are used; $religious: religious days off
# on fixed dates that were counted ($religious_count of them), $unknown: those whose date this
# year is not known ($unknown_count) — by the calendar's English names.
calendar-year-unknown = deadlines fall in { $year }, a year the working-day calendar does not fully know (it knows { $from }–{ $to }): the weekends, { $holidays ->
        [law] the public holidays (a holiday on a weekend moved to the next working day)
       *[until] the public holidays as the calendar records them up to { $last_rules } (a holiday on a weekend moved to the next working day; a later change of the Law is not in it)
    }{ $religious_count ->
        [0] {""}
       *[other] {" "}and { $religious }
    } were counted; not known for { $year }: { $unknown_count ->
        [0] {""}
       *[other] { $unknown },{" "}
    }the transfers of days off by decree; add what is missing in a calendar file named in site.toml [calendar] files

# — The systems' journals (records/journal.rs).

# $error: the YAML reader's reason, in English.
journal-entry-unreadable = this journal entry cannot be read: { $error }; restore the journal from the replica
journal-entry-not-a-line = a journal entry is one line `- {"{"}kind: …, date: …, prev: …{"}"}`; restore the journal from the replica
# $named: the start of the hash this entry names; $actual: the start of the entry before's hash.
journal-chain-broken = the journal's chain is broken here: this entry names { $named } as the entry before it, but that entry hashes to { $actual }; an entry above was changed, removed or moved — compare the journal with the replica's copy and restore it
journal-entry-no-prev = this journal entry has no `prev:` (the SHA-256 of the entry before): entries are appended by `qoima record`, never written by hand
journal-sha256-invalid = `sha256:` is not a SHA-256 in lowercase hex
# $error: the system's reason, in English.
journal-unreadable = the journal cannot be read: { $error }

# — The fixity log (records/fixity_log.rs).

fixity-log-unreadable = the fixity log cannot be read: { $error }
fixity-chain-broken = the fixity log's chain is broken here: a line above was changed, removed or moved — compare the log with the replica's copy
# $error: the JSON reader's reason, in English.
fixity-line-unreadable = this line of the fixity log cannot be read ({ $error }); restore the log from the replica

# — A seal's manifest (seal.rs). $line: the manifest's line.

manifest-line-not-a-pair = line { $line }: not `<sha256>  <path>`
# $digest: what stands where the SHA-256 should be.
manifest-line-not-a-digest = line { $line }: `{ $digest }` is not a SHA-256 digest

# — The text report of `qoima check --verbose`.

check-open-deadlines = open deadlines:
# $days: working days left (0: due today).
check-deadline-days-left = { $days } { $days ->
        [one] working day
       *[other] working days
    } left

# — A rulebook as `qoima rules` prints it.

# $from, $to: the dates the rulebook is in force (YYYY-MM-DD).
rules-in-force = in force { $from } – { $to }
rules-in-force-today = in force { $from } – today
rules-components = components (folders of the deposit)
rules-required = required
rules-optional = optional
rules-fields = deposit.yaml fields
# $rule: the clause; $severity: error, warning or info.
rules-documentation = documentation set ({ $rule }, { $severity })
# $file: deposit.yaml or system.yaml.
rules-events = events in { $file }
rules-deadlines = deadlines
# $from, $to: the event kinds that start and fulfil it (separated by |); $days: how many days,
# $unit: "working" or "calendar" days.
rules-deadline = { $from } → { $to } within { $days } { $unit ->
        [working] wd
       *[calendar] { $days ->
            [one] day
           *[other] days
        }
    }
# $event: the event kind; $due: the day of the year (MM-DD).
rules-yearly = { $event } by { $due } every year
# $day: the day of the month.
rules-half-year = half-year report by the { $day }th of the month after each half-year
