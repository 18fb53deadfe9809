# qoima's messages in Russian: reading the archive (folders, YAML files, names, links).
# docs/messages.md says how a message is written.

## Папки архива, систем и версий.
archive-unreadable = не удаётся прочитать папку архива: { $error } (укажите [site] archive в site.toml или передайте --root)
archive-unlistable = не удаётся получить список папки архива: { $error }
folder-unlistable = не удаётся получить список папки: { $error }
system-folder-unlistable = не удаётся получить список папки системы: { $error }
metadata-unreadable = не удаётся прочитать метаданные файла: { $error }
path-unreadable = не удаётся прочитать: { $error }
file-in-archive-folder = файл прямо в папке архива не относится ни к одной системе: переместите его в archive/<system>/
file-in-system-folder = файл в папке системы не относится ни к одному депозиту: переместите его в компонент папки версии
system-yaml-missing = в папке системы нет system.yaml: добавьте запись реестра (шаблон создаёт `qoima new { $system } VERSION`)
deposit-yaml-missing = в папке версии нет deposit.yaml: каждому депозиту нужна его заявка (приложение 1); выполните `qoima new { $system } { $version }`, чтобы добавить шаблон
not-a-component = `{ $name }` — не папка компонента: депозит делится по видам ({ $components }); переместите его файлы в одну из них
file-outside-components = файл вне папок компонентов: переместите его в одну из папок { $components }
temporary-left = временный файл прерванного запуска qoima (seal, examine, fixity --repair); следующий такой запуск удалит его, или удалите его сами

## Ссылки, специальные файлы, жёсткие ссылки, разреженные файлы.
symlink-outside = символическая ссылка за пределы архива (→ { $target }); qoima никогда не переходит по ссылкам: замените её самим файлом
symlink = символическая ссылка (→ { $target }); qoima никогда не переходит по ссылкам: замените её самим файлом
metadata-symlink = файл метаданных — символическая ссылка; qoima никогда не переходит по ссылкам: замените её самим файлом
special-file = не обычный файл (FIFO, сокет или устройство): qoima никогда его не читает; удалите его из архива
hard-link-inside = один файл под двумя именами (жёсткие ссылки), второе — { $others }: изменение одного меняет другое; замените каждый собственной копией
hard-link-outside = у этого файла { $names } { $names ->
        [one] имя
        [few] имени
       *[many] имён
    } (жёсткие ссылки), остальные вне этого депозита: изменение через них меняет депозит. Так выглядит резервная копия, сделанная жёсткими ссылками; иначе замените файл его копией
sparse-file = разреженный файл: длина { $size }, но на диске хранится только { $stored } (остальное — пустоты) — предварительно выделенная или прерванная копия? Проверьте, что это настоящий артефакт; каждая копия и каждый пакет хранят его полную длину

## Имена.
name-not-utf8 = имя не в кодировке UTF-8: переименуйте (имена должны сохраняться при копировании между системами и в пакеты передачи)
names-nfc-twins = { $names } { $names ->
        [one] имя
        [few] имени
       *[many] имён
    } в этой папке различаются только нормализацией Unicode (NFC/NFD) и выглядят одинаково: оставьте одно, остальные переименуйте
names-case-twins = имена, различающиеся только регистром ({ $names }), совпадают в Windows и на ресурсах SMB: переименуйте одно из них
name-hidden-char = в имени есть { $what ->
        [control] управляющий символ
        [bidi] символ управления направлением текста, меняющий порядок показа имени
       *[invisible] невидимый символ
    } (U+{ $code }): из-за него одно имя может выглядеть как другое; переименуйте
name-windows = { $trouble }: файл пропадёт или будет переименован на ресурсе Windows или при распаковке пакета там; переименуйте его
windows-char = `{ $char }` не допускается в именах файлов Windows
windows-trailing-dot = `{ $name }` оканчивается точкой или пробелом, которые Windows отбрасывает
windows-device-name = `{ $name }` — зарезервированное имя устройства в Windows
name-too-long = имя длиной { $bytes } байт (`{ $start }…`): имя длиннее { $max } байт нельзя распаковать в зашифрованных домашних папках и на некоторых ресурсах SMB; сократите его
path-too-long = путь длиной { $chars } { $chars ->
        [one] символ
        [few] символа
       *[many] символов
    }: путь длиннее { $max } нельзя распаковать в Windows (MAX_PATH равен { $windows }); сократите папки
paths-too-long = { $trouble }{ $paths ->
        [1] {""}
       *[other] {" "}(слишком длинными становятся пути этого депозита: { $paths }; это первый)
    }
folder-name-trouble = { $like ->
        [page] оканчивается на `.html`, как страницы, записываемые рядом с ней
       *[hash] похоже на хэшированное имя другой папки (`x-` и шестнадцатеричные цифры)
    }
folder-name-published = имя папки { $trouble }: каталог публикует её как `{ $published }`, чтобы она не заняла место страницы; переименуйте папку

## Файлы YAML.
file-not-utf8 = файл не в кодировке UTF-8: сохраните его в UTF-8
yaml-too-big = размер файла { $size } ({ $bytes } байт); файлы метаданных ограничены { $limit }: перенесите длинный текст в docs/
yaml-not-read = { $reason }; дальше файл не читался
yaml-bomb = при раскрытии псевдонимов (`&anchor`, `*alias`) файл превышает пределы чтения — YAML-бомба? Запишите значения полностью ({ $detail })
yaml-too-deep = значения вложены слишком глубоко ({ $detail }); метаданным депозита хватает нескольких уровней
yaml-not-whole-number = не целое число от 0 до { $max }: запишите целое число
yaml-not-decimal = число не помещается (слишком большое или вовсе не число): запишите обычную десятичную дробь, например 12.5
yaml-unknown-field = неизвестное поле `{ $field }`{ $hint ->
        [yes] : может быть, `{ $suggestion }`?
       *[none] {""}
    } (поля перечисляет `qoima schema`)
yaml-unknown-field-said = неизвестное поле{ $detail } (поля перечисляет `qoima schema`)
yaml-unknown-value = `{ $value }` — не одно из допустимых здесь значений
yaml-unknown-value-of = `{ $value }` — не одно из допустимых здесь значений{ $hint ->
        [yes] : может быть, `{ $suggestion }`?
       *[none] {""}
    } (допустимы: { $allowed })
yaml-ends-early = файл пуст или обрывается: заполните его (`qoima new` пишет шаблон)
yaml-not-boolean = не логическое значение: напишите true или false (yes, no, on и off здесь не логические значения)
yaml-not-text = здесь должно быть одно текстовое значение, а не список и не набор полей: запишите его текстом (в кавычках, если в нём есть `:` или `#`)
yaml-not-mapping = здесь должен быть набор полей (строки `key: value` или `{"{"}key: value{"}"}`), а не список и не одно значение
yaml-not-list = здесь должен быть список (`[a, b]` или строки, начинающиеся с `- `), а не одно значение и не набор полей
yaml-duplicate-key = `{ $key }` указан дважды в одном наборе полей: оставьте один
yaml-impossible-date = невозможная дата (такого дня нет в календаре): запишите настоящую дату ГГГГ-ММ-ДД
yaml-not-date = не дата: записывайте даты как ГГГГ-ММ-ДД
yaml-other = ошибка чтения YAML: { $detail }
yaml11-unquoted = `{ $field }: { $value }` записано без кавычек, и инструменты YAML 1.1 прочитают его как { $read_as ->
        [boolean] логическое значение
        [octal] восьмеричное число
        [base60] шестидесятеричное число
       *[trailing-zero] число без конечного нуля
    }: возьмите его в кавычки ("{ $value }")

## Записи журнала и печати, читаемые вместе с архивом.
entry-system-unreadable = эта запись о системе, чей system.yaml не удаётся прочитать: она будет проверена, когда system.yaml прочитается
entry-deposit-unreadable = эта запись о { $version }, чей deposit.yaml не удаётся прочитать: она будет проверена, когда deposit.yaml прочитается
entry-deposit-gone = эта запись о депозите `{ $version }`, которого нет в папке системы: депозит никогда не удаляется; восстановите его папку из реплики
seal-manifest-missing = манифест печати отсутствует: восстановите manifest-sha256.txt из реплики
swhid-not-recomputed = SWHID папки source/ не удаётся вычислить заново: { $error }
swhid-legacy = source_swhid печати { $recorded } не учитывает пустые папки source/ (так qoima вычисляла его раньше); Software Heritage идентифицирует этот исходный код как { $now }. Печать не переписывается: ссылайтесь на { $now } при перекрёстных ссылках на универсальный архив
swhid-differs = source_swhid печати { $recorded } — не SWHID папки source/ ({ $now }, или { $legacy } без пустых папок)

## site.toml и каталог.
site-no-authorized-body = свидетельства о регистрации, запросы и предупреждения уполномоченного органа (D1124-18, D1124-26, D1124-50) не могут его назвать: добавьте в site.toml раздел [authorized_body] с name = {"{"}kk, ru, en{"}"} и signatory = {"{"}name, position = {"{"}kk, ru, en{"}"}{"}"}
site-no-technical-service = заключения и свидетельства о регистрации в депозитарии государственной технической службы (D1124-40, D1124-41-1) не могут её назвать: добавьте в site.toml раздел [technical_service] с name = {"{"}kk, ru, en{"}"} и signatory = {"{"}name, position = {"{"}kk, ru, en{"}"}{"}"}
conclusion-unassessed = положительное заключение от { $date } дано без этих проверок: { $completeness ->
        [first] комплектность объектов
        [next] ; комплектность объектов
       *[done] {""}
    }{ $source ->
        [first] достаточность программных кодов
        [next] ; достаточность программных кодов
       *[done] {""}
    }{ $built_modules ->
        [first] целостность собранных модулей
        [next] ; целостность собранных модулей
       *[done] {""}
    }{ $rebuild ->
        [first] полная работоспособность продукта, восстановленного из объектов депонирования
        [next] ; полная работоспособность продукта, восстановленного из объектов депонирования
       *[done] {""}
    } (их выполняет `qoima examine --rebuild { $deposit }`); если они проведены иначе, укажите как в поле `note` заключения

## `qoima record` отказал.
record-not-site-event = `{ $kind }` — не событие самого депозитария{ $hint ->
        [yes] : может быть, `{ $suggestion }`?
       *[none] {""}
    } (возможны: { $known }); событие системы записывайте для SYSTEM, событие депозита — для SYSTEM/VERSION
record-file-recorded = записи `{ $kind }` пишет `qoima examine`
record-by-seal = `{ $kind }` записывает `qoima seal`, который присваивает номер и регистрирует печать; опечатайте депозит вместо этого
record-unknown-kind = неизвестный здесь вид события `{ $kind }`{ $elsewhere ->
        [system] {" "}(это событие записи реестра: записывайте его для SYSTEM, без /VERSION)
        [deposit] {" "}(это событие депозита: записывайте его для SYSTEM/VERSION)
       *[none] {""}
    }{ $hint ->
        [yes] : может быть, `{ $suggestion }`?
       *[none] {""}
    } (возможны: { $known }; `qoima rules` объясняет каждый)

## `qoima record`: цель, для которой нельзя записать.
record-no-system = в { $archive } нет системы `{ $system }`
record-no-deposit = в { $archive } нет депозита { $deposit }
record-deposit-unreadable = { $deposit }: deposit.yaml не удаётся прочитать, поэтому с ним нечего сверить; причину называет `qoima check`
record-system-unreadable = { $system }: system.yaml не удаётся прочитать; причину называет `qoima check`

## Когда qoima не может работать: сайт и папка архива.
path-said = { $path }: { $why }
site-missing = { $path }: { $file } нет ни здесь, ни в папках выше: запускайте qoima внутри корня сайта или передайте --root DIR

## Файл календаря (calendar/*.yaml).
calendar-not-month-day = `{ $value }` — не месяц и день в виде ММ-ДД (например, "03-22")
calendar-known-years-required = `known_years: {"{"}from, to{"}"}` обязателен
calendar-off-on-weekend = перенесённый выходной день { $date } — { $weekday ->
            [Monday] понедельник
            [Tuesday] вторник
            [Wednesday] среда
            [Thursday] четверг
            [Friday] пятница
            [Saturday] суббота
           *[Sunday] воскресенье
        }, он и так выходной
calendar-worked-on-working-day = рабочий день { $date } — { $weekday ->
            [Monday] понедельник
            [Tuesday] вторник
            [Wednesday] среда
            [Thursday] четверг
            [Friday] пятница
            [Saturday] суббота
           *[Sunday] воскресенье
        }, он и так рабочий: перенос переносит выходной (или праздничный) день на `off`
calendar-years-reversed = { $what }: from ({ $from }) позже to ({ $to })
calendar-day-years-reversed = { $kind ->
        [holiday] праздник `{ $id }`
       *[religious] религиозный праздник `{ $id }`
    }: from ({ $from }) позже to ({ $to })

## Свод правил, названный в site.toml, противоречащий сам себе.
rulebook-outcome-unknown = событие `{ $event }`: outcome_means называет `{ $outcome }`, которого нет среди его исходов (outcomes)
rulebook-yearly-due = ежегодное `{ $id }`: срок `{ $due }` не в виде ММ-ДД
rulebook-state-missing = half_year_report: в `states` нет `{ $state }`
rulebook-event-unknown = свод правил { $book } называет событие `{ $event }`, которое не определено в его `events:`
