# qoima's messages in Russian: the checks of deposits, events, deadlines and the records.
# docs/messages.md says how a message is written.

## The components and fields a rulebook asks for (check/components.rs, check/fields.rs).
component-unknown = в `not_applicable` указан `{ $component }`, но в { $rulebook } нет такого компонента: укажите один из { $components }
component-not-applicable-has-files = `{ $component }` отмечен как неприменимый, но в { $component }/ { $files } { $files ->
        [one] файл
        [few] файла
       *[many] файлов
    }: уберите либо отметку, либо файлы
component-not-applicable = компонент `{ $component }` неприменим: { $reason }
component-missing = обязательный компонент { $component }/ отсутствует ({ $rule }): передайте его на депонирование или укажите в deposit.yaml, почему он неприменим: `not_applicable: {"{"}{ $component }: "…"{"}"}`
component-empty = обязательный компонент { $component }/ пуст ({ $rule }): поместите в него файлы компонента
component-folder-empty = папка компонента { $component }/ пуста: заполните её или удалите
build-description-missing = описания сборки `{ $file }` нет в source/: добавьте файл или исправьте имя
third-party-path-missing = для стороннего компонента `{ $name }` указан `{ $path }`, но его нет в депозите
documentation-item-missing = в комплекте документации нет документа «{ $title }» (`documentation: {"{"}{ $item }: { $folder }/…{"}"}`), { $rule }
documentation-unknown-kind = в `documentation` указан неизвестный вид `{ $key }`: используйте один из { $kinds } или ключ, начинающийся с `other`
documentation-outside-folder = `{ $key }` должен указывать на файл в { $folder }/ (указано: `{ $file }`)
documentation-file-missing = для `{ $key }` указан `{ $file }`, но его нет в депозите: добавьте файл или исправьте имя
field-missing = поле `{ $field }` отсутствует или пусто: заполните его в { $file } ({ $rule })
field-below-minimum = `{ $field }` равно { $value }; { $rule } требует не менее { $min }

## Events, deadlines, the register of systems and the records (check/events.rs, check/deadlines.rs,
## check/register.rs, check/mod.rs, records/).

# — Регистрационная запись системы и её депозитов (check/register.rs).

system-names-empty = поле `names` пустое: укажите название системы на казахском и русском языках (и на английском)
system-funded-privately = финансируется только из негосударственных средств: регистрация проводится по инициативе собственника (D1124-11)
system-in-development = система в разработке, но у неё есть депозиты: учёт и хранение начинаются только после ввода системы в промышленную эксплуатацию; укажите `status: operating` и запишите событие `commissioned` (ввод в промышленную эксплуатацию)
system-withdrawal-unrecorded = система выведена из эксплуатации, но ни одно событие не фиксирует вывод (`decommissioned` в депозите или `termination_notice` в system.yaml): запишите, когда она была выведена из эксплуатации
system-transfer-unrecorded = система отмечена как переданная, но ни в одном депозите нет события `handed_over` (передача государственному органу) или `transferred_to_archive` (передача в архив)
system-operating-withdrawn = система отмечена как эксплуатируемая, но её события фиксируют вывод из эксплуатации: укажите `status: withdrawn` или `transferred`
deposit-version-differs = `version: "{ $version }"` не совпадает с папкой версии `{ $folder }`: переименуйте папку по версии или исправьте `version:`
deposit-code-differs = `is_code: { $code }` не совпадает с кодом системы `{ $system_code }` в { $path }: в заявке указывается код системы на архитектурном портале
deposit-access-widened = `access: public` в системе с ограниченным доступом: депозит может только сузить доступ своей системы; удалите строку или напишите `restricted`
deposit-copy-refused = `copy_permitted: false`, но продукт создан за счёт государственных средств: отказаться от копирования, которое сохраняет носители, может только негосударственный собственник (D1124-53)
deposit-copy-not-permitted = собственник не разрешил копирование: носители проверяются, но не перезаписываются (D1124-53)
deposit-previous-unknown = `previous: { $previous }` не называет ни одной папки версии системы { $system }: укажите имя папки предыдущей версии
deposit-previous-self = `previous` указывает на сам этот депозит
deposit-previous-later = предыдущая версия { $previous } датирована { $previous_date }, то есть позже этой ({ $date }): проверьте даты или ссылку
code-used-twice = код ИС `{ $code }` уже является кодом системы в { $path }: у каждой системы свой код на архитектурном портале
event-number-used-twice = номер { $number } события `{ $kind }` уже использован в { $path }: номера никогда не используются повторно

# — События (check/events.rs).

deposit-date-future = { $field ->
        [release] дата выпуска
       *[application] дата заявки
    } { $date } ещё не наступила (сегодня { $today }): исправьте её
site-journal-deposit-entry = записи журнала сайта относятся к самому депозитарию: событие депозита записывайте для этого депозита (СИСТЕМА/ВЕРСИЯ)
event-anchor-missing = нет события `{ $anchor }`: { $reason } (запишите его с датой)
deposit-date-before-anchor = заявка датирована { $date }, то есть раньше события `{ $anchor }` от { $anchor_date }: { $reason }
event-before-anchor = событие `{ $kind }` от { $date } предшествует событию `{ $anchor }` от { $anchor_date }: { $reason }
events-out-of-order = нарушен порядок событий: `{ $then }` от { $then_date } предшествует `{ $first }` от { $first_date }; проверьте обе даты
event-field-of-journal = `{ $field }` относится к записи журнала системы, а не к { $file }: удалите его
event-file-recorded-by-hand = запись `file_recorded` вносит в журнал сама qoima, вручную она никогда не пишется
journal-file-recorded-incomplete = в записи `file_recorded` указываются депозит, документ и его SHA-256
event-of-other-rulebook = `{ $kind }` — событие свода правил { $other }, а этот депозит проверяется по { $rulebook }: используйте события { $rulebook } (см. `qoima rules { $rulebook }`)
event-of-system = `{ $kind }` — событие регистрационной записи системы: перенесите его в system.yaml системы
event-of-deposit = `{ $kind }` — событие депозита: перенесите его в deposit.yaml депозита
event-of-site = `{ $kind }` — событие самого депозитария: запишите его в журнал сайта командой `qoima record . { $kind }`
event-kind-unknown = неизвестный вид события `{ $kind }` (допустимы: { $known })
event-kind-unknown-suggest = неизвестный вид события `{ $kind }`: возможно, имелось в виду `{ $suggestion }`? (допустимы: { $known })
event-field-missing = событию `{ $kind }` нужно поле `{ $field }:` ({ $rule }): добавьте его в событие
event-flag-required = событие `{ $kind }` требует `{ $flag }: true` ({ $rule }): выполните требование, затем запишите это
event-outcome-missing = событию `{ $kind }` нужен `outcome:` (результат), одно из: { $outcomes }
event-outcome-invalid = `outcome: { $outcome }` недопустим для `{ $kind }`: используйте одно из: { $outcomes }
event-document-outside = `document` должен называть файл внутри депозита, без `..` и абсолютного пути
event-document-absent = `document` называет `{ $document }`, которого нет в депозите (сканы кладите в docs/)
event-in-future = событие `{ $kind }` датировано { $date }, а эта дата ещё не наступила (сегодня { $today }): записывайте события после того, как они произошли

# — Сроки (check/deadlines.rs).

deadline-late = `{ $event }` от { $date } — с опозданием на { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    }: срок — { $due } ({ $basis ->
        [yearly] ежегодный срок за { $year } год
       *[after] { $count } { $unit ->
            [working] { $count ->
                [one] рабочий день
                [few] рабочих дня
               *[many] рабочих дней
            }
           *[calendar] { $count ->
                [one] день
                [few] дня
               *[many] дней
            }
        } после `{ $from_event }` от { $from_date }
    }, { $rule })
deadline-missed = срок пропущен на { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    }: к { $due } нет `{ $alternatives ->
        [1] { $event }
       *[other] { $events }` или `{ $event }
    }` ({ $basis ->
        [yearly] ежегодный срок за { $year } год
       *[after] { $count } { $unit ->
            [working] { $count ->
                [one] рабочий день
                [few] рабочих дня
               *[many] рабочих дней
            }
           *[calendar] { $count ->
                [one] день
                [few] дня
               *[many] дней
            }
        } после `{ $from_event }` от { $from_date }
    }, { $rule }); когда событие состоится, запишите его с датой{ $reminder ->
        [none] {""}
       *[other] ; уполномоченный орган направляет напоминание ({ $reminder })
    }
deadline-open = открыт: `{ $alternatives ->
        [1] { $event }
       *[other] { $events }` или `{ $event }
    }` к { $due } ({ $basis ->
        [yearly] ежегодный срок за { $year } год
       *[after] { $count } { $unit ->
            [working] { $count ->
                [one] рабочий день
                [few] рабочих дня
               *[many] рабочих дней
            }
           *[calendar] { $count ->
                [one] день
                [few] дня
               *[many] дней
            }
        } после `{ $from_event }` от { $from_date }
    }, { $rule }), { $days ->
        [one] остался { $days } рабочий день
        [few] осталось { $days } рабочих дня
       *[many] осталось { $days } рабочих дней
    }

# — Свод правил депозита, отчёты за полугодие и календарь (check/mod.rs).

rulebook-unknown = неизвестный свод правил `{ $rulebook }`: используйте один из: { $known }
rulebook-fallback = на { $date } не действовал ни один свод правил: проверено по { $rulebook } (site.toml [rules] fallback); чтобы это сообщение не выводилось, укажите свод правил в `rulebook:`
rulebook-none = на { $date } не действовал ни один свод правил: укажите его в `rulebook:` (или задайте [rules] fallback в site.toml); выполнены только проверки файлов
half-year-report-missing = отчёт за { $half } полугодие { $year } года не записан: срок его представления — { $due } ({ $rule }); направьте его в уполномоченный орган, затем запишите: qoima record . { $event } --date DATE --year { $year } --half { $half }
half-year-report-late = отчёт за { $half } полугодие { $year } года представлен { $date }, с опозданием на { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    }: срок — { $due } ({ $rule })
calendar-year-unknown = сроки приходятся на { $year } год, который календарь рабочих дней знает не полностью (он знает { $from }–{ $to } годы): учтены выходные дни, { $holidays ->
        [law] праздничные дни (праздник, совпавший с выходным днём, переносится на следующий рабочий день)
       *[until] праздничные дни, как календарь записывает их по { $last_rules } год (праздник, совпавший с выходным днём, переносится на следующий рабочий день; более поздние изменения Закона в нём не учтены)
    }{ $religious_count ->
        [0] {""}
       *[other] {" "}и { $religious }
    }; за { $year } год неизвестны: { $unknown_count ->
        [0] {""}
       *[other] { $unknown },{" "}
    }переносы выходных дней постановлениями; добавьте недостающее в файл календаря, указанный в site.toml [calendar] files

# — Журналы систем (records/journal.rs).

journal-entry-unreadable = эту запись журнала не удаётся прочитать: { $error }; восстановите журнал из реплики
journal-entry-not-a-line = запись журнала — одна строка `- {"{"}kind: …, date: …, prev: …{"}"}`; восстановите журнал из реплики
journal-chain-broken = цепочка журнала здесь нарушена: эта запись называет предыдущей { $named }, но хэш предыдущей записи — { $actual }; запись выше изменена, удалена или перемещена — сравните журнал с копией в реплике и восстановите его
journal-entry-no-prev = у этой записи журнала нет `prev:` (SHA-256 предыдущей записи): записи добавляет `qoima record`, вручную они никогда не пишутся
journal-sha256-invalid = `sha256:` — не SHA-256 в шестнадцатеричном виде строчными буквами
journal-unreadable = журнал не удаётся прочитать: { $error }

# — Журнал проверок целостности (records/fixity_log.rs).

fixity-log-unreadable = журнал проверок целостности не удаётся прочитать: { $error }
fixity-chain-broken = цепочка журнала проверок целостности здесь нарушена: строка выше изменена, удалена или перемещена — сравните журнал с копией в реплике
fixity-line-unreadable = эту строку журнала проверок целостности не удаётся прочитать ({ $error }); восстановите журнал из реплики

# — Манифест печати (seal.rs).

manifest-line-not-a-pair = строка { $line }: не в виде `<sha256>  <path>`
manifest-line-not-a-digest = строка { $line }: `{ $digest }` — не дайджест SHA-256

# — Текстовый отчёт `qoima check --verbose`.

check-open-deadlines = открытые сроки:
check-deadline-days-left = { $days ->
        [one] остался { $days } рабочий день
        [few] осталось { $days } рабочих дня
       *[many] осталось { $days } рабочих дней
    }

# — Свод правил, как его печатает `qoima rules`.

rules-in-force = действует с { $from } по { $to }
rules-in-force-today = действует с { $from } по сей день
rules-components = составные части (папки депозита)
rules-required = обязательна
rules-optional = необязательна
rules-fields = поля deposit.yaml
rules-documentation = комплект документации ({ $rule }, { $severity })
rules-events = события в { $file }
rules-deadlines = сроки
rules-deadline = { $from } → { $to }: в течение { $days } { $unit ->
        [working] { $days ->
            [one] рабочего дня
           *[other] рабочих дней
        }
       *[calendar] { $days ->
            [one] дня
           *[other] дней
        }
    }
rules-yearly = { $event }: ежегодно до { $due }
rules-half-year = отчёт за полугодие: до { $day }-го числа месяца, следующего за полугодием
