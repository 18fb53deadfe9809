# Сообщения qoima на русском языке. Идентификаторы (слева от «=») не переводятся.
# { $name } — аргумент, который подставляет qoima; см. docs/messages.md.

## Сообщения команд (stdout и stderr) на языке --lang или локали.
output-unwritable = не удаётся записать вывод: { $error }
progress-check = загрузка и проверка архива
progress-package = упаковка { $bag }
progress-examine = проверка { $key }
progress-verify = проверка
progress-replicate = копирование в реплику и проверка копий
progress-hash = вычисление хэшей
progress-build = сборка каталога
no-such-target = { $name }: в { $archive } нет такой системы или депозита
deposit-name-form = `{ $key }`: укажите депозит в виде СИСТЕМА/ВЕРСИЯ
no-such-deposit = { $key }: нет такого депозита
no-such-rulebook = нет правил `{ $id }` (известны: { $known })
package-done = { $path }: полезная нагрузка — { $files } { $files ->
        [one] файл
        [few] файла
       *[many] файлов
    }, { $payload } байт; пакет — { $bytes } байт, SHA-256 { $sha256 }
package-all-done = пакетов в { $dir }: { $packages }; внутренний каталог ссылается на них
examine-conclusion = { $key }: заключение { $number } ({ $verdict ->
        [positive] положительное
       *[negative] отрицательное
    })
examine-pass = пройдена
examine-warning = замечание
examine-fail = НЕ ПРОЙДЕНА
examine-no-rebuild = сборка из исходного кода: не выполнялась (--rebuild)
examine-saved = сохранено: { $path }
bag-unreadable = { $path }: не удаётся прочитать пакет: { $error }
verify-summary = { $bag }: { $verdict ->
        [valid] корректный
       *[invalid] некорректный
    } пакет BagIt { $version }, полезная нагрузка — { $files } { $files ->
        [one] файл
        [few] файла
       *[many] файлов
    }, { $bytes } байт, { $algorithms ->
        [none] не проверен ни одним алгоритмом
       *[other] проверен: { $algorithms }
    }; ошибок: { $errors }, предупреждений: { $warnings }
replicate-skipped = { $deposit }: пропущен, владелец не разрешает копии (D1124-53)
replicate-copied = { $deposit }: скопировано файлов: { $copied }, уже были: { $unchanged }
replicate-records = скопированы записи: { $records }
fixity-deposit = { $date } { $deposit } ({ $number }): { $outcome ->
        [success] совпадает
        [failure] есть расхождения
       *[other] { $outcome }
    } — { $files } { $files ->
        [one] файл
        [few] файла
       *[many] файлов
    }, { $bytes } байт
fixity-summary = проверено депозитов: { $deposits }, с расхождениями: { $failed }; записано в { $log } (хэш реестра { $head })
seal-who = укажите, кто опечатывает: --by "NAME", или QOIMA_OPERATOR, или `[records] by = "NAME"` в site.toml (имя записывается навсегда)
seal-refused = { $key }: не опечатан: { $error }
seal-done = { $action ->
        [registered] зарегистрирована существующая печать депозита
        [completed] завершено прерванное опечатывание депозита
       *[sealed] опечатан депозит
    } { $deposit } под номером { $number }: { $files } { $files ->
        [one] файл
        [few] файла
       *[many] файлов
    }, { $bytes } байт; строка { $line } реестра депозитарных номеров
seal-verify-hint = проверка средствами coreutils: (cd { $dir } && sha256sum -c { $manifest })
seal-journal = записано в журнал: { $journal }
seal-count = опечатано: { $sealed }, не опечатано: { $refused }
record-done = записано в { $journal }:{ $line }:
record-nothing = ничего не записано
build-edition = собрана { $edition ->
        [public] публичная
       *[internal] внутренняя
    } редакция: { $pages } { $pages ->
        [one] страница
        [few] страницы
       *[many] страниц
    } в { $path }
build-unreadable = систем или депозитов с нечитаемыми метаданными: { $count }; они показаны только во внутренней редакции вместе с замечаниями (`qoima check` скажет, что исправить): { $names }
wrote-file = записан { $path }
new-created = создан { $path }
new-next = заполните YAML, положите файлы в папки компонентов, затем выполните `qoima check`
generate-not-empty = { $dir }: папка существует и не пуста
generate-wrote = записано депозитов в { $dir }: { $deposits }
workdays-outside = { $year } год вне лет, известных календарю ({ $first }–{ $last }): для него учтены только выходные дни
poll-invalid = --poll { $value }: укажите число секунд больше 0
watch-native = события изменений системы
watch-polling = опрос каждые { $every } с ({ $why })
watch-poll-asked = --poll
watch-poll-network = { $root } находится на { $fs }, которая не сообщает об изменениях, сделанных на других компьютерах
watch-poll-no-events = системные уведомления об изменениях недоступны: { $error }
serve-no-token = не удаётся создать токен доступа (/dev/urandom): { $error }
serve-cannot-start = не удаётся запустить сервер: { $error }
serve-cannot-listen = не удаётся слушать { $addr }: { $error }
new-bad-folder-name = `{ $name }` { $why ->
        [empty] — не имя папки
        [path] — должно быть одним именем папки, без косых черт и управляющих символов
       *[hidden] не должно начинаться с точки (скрытые папки не учитываются)
    }
new-no-archive = { $path }: здесь нет папки архива
new-exists = { $path } уже существует: qoima new никогда ничего не перезаписывает
journal-not-utf8 = { $path }: журнал — не корректный UTF-8
conclusion-not-rewritten = { $path }: { $error } (заключение никогда не перезаписывается; для нового проведите экспертизу снова)
watching = наблюдение за { $root } ({ $mode }); Ctrl-C останавливает
watcher-reported = наблюдатель сообщил: { $error }
live-kept = { $error } (каталог сохраняет последнее исправное состояние)
serve-exposed = раздача на { $addr }: любой, кто может обратиться к этому адресу, может читать { $edition ->
        [internal] внутреннюю редакцию (с токеном), включая записи ограниченного доступа
       *[public] публичную редакцию
    }
serving = { $edition ->
        [public] публичная
       *[internal] внутренняя
    } редакция доступна по адресу { $url }
live-update = { $what ->
        [all] { $event ->
            [built] собрано всё
           *[update] обновлено всё
        }
        [nothing] ничего из публикуемого не изменилось
       *[systems] { $event ->
            [built] собрано
           *[update] обновлено
        } ({ $systems })
    }: записано файлов: { $written }, удалено: { $removed } за { $ms } мс; в архиве ошибок: { $errors }, предупреждений: { $warnings }
live-more = … и ещё { $more } (все перечисляет `qoima check`)

## Итоговая строка `qoima check`.
check-summary = на { $date } проверены: { $systems } { $systems ->
        [one] система
        [few] системы
       *[many] систем
    }, { $deposits } { $deposits ->
        [one] депозит
        [few] депозита
       *[many] депозитов
    }{ $scope ->
        [named] {" "}(замечания по названным)
       *[all] {""}
    }: { $errors } { $errors ->
        [one] ошибка
        [few] ошибки
       *[many] ошибок
    }, { $warnings } { $warnings ->
        [one] предупреждение
        [few] предупреждения
       *[many] предупреждений
    }, { $infos } { $infos ->
        [one] сведение
        [few] сведения
       *[many] сведений
    }
check-summary-hidden = {" "}(скрыто сведений: { $infos }; --verbose покажет их)
check-summary-deadlines = ; сроки: открыто { $open }, пропущено { $missed }

## Сверка опечатанного депозита с манифестом (D1124-7).
seal-manifest-unreadable = манифест печати не удаётся прочитать ({ $error }): восстановите manifest-sha256.txt из реплики
seal-manifest-changed = манифест не соответствует своей печати (seal.yaml): он изменён после опечатывания; восстановите его из реплики
seal-file-added = файл добавлен после опечатывания ({ $number }): опечатанный депозит никогда не изменяется; удалите файл или передайте на депонирование новую версию
seal-file-missing = опечатанный файл отсутствует ({ $number }): восстановите его из реплики (`qoima fixity --repair`)
seal-file-unreadable = опечатанный файл не удаётся прочитать: { $error }
seal-file-changed = опечатанный файл изменён ({ $number }): его SHA-256 не совпадает с манифестом; восстановите его из реплики

## Реестр депозитарных номеров и архив.
register-deposit-gone = { $deposit } ({ $number }, опечатан { $date }) есть в реестре депозитарных номеров, но его папки нет в архиве: депозит с номером никогда не удаляется; { $copy ->
        [replica] восстановите всю папку из реплики ({ $replica })
       *[none] восстановите всю папку из копии (реплика не настроена)
    }
register-seal-differs = { $name } не тот, что зарегистрирован для { $number } ({ $register }, строка { $line }): его SHA-256 — { $got }, в реестре — { $want }; файл изменён после опечатывания; { $copy ->
        [replica] восстановите { $name } из реплики ({ $replica })
       *[none] восстановите { $name } из копии (реплика не настроена)
    }
register-seal-missing = { $name } депозита, зарегистрированного под номером { $number } ({ $register }, строка { $line }), отсутствует, поэтому ничто не подтверждает, что его файлы — опечатанные; { $copy ->
        [replica] восстановите { $name } из реплики ({ $replica })
       *[none] восстановите { $name } из копии (реплика не настроена)
    }
register-number-differs = событие depository_number депозита указывает { $event }, но реестр присвоил ему { $number } ({ $register }, строка { $line })
register-number-unrecorded = реестр { $date } присвоил этому депозиту номер { $number } ({ $register }, строка { $line }), но ни одно событие depository_number его не записывает: выполните `qoima seal { $deposit }` ещё раз, чтобы дополнить запись
register-seal-unregistered = у депозита есть печать, но в реестре депозитарных номеров ({ $register }) нет записи о нём: печати ставит только `qoima seal`. Если депозит опечатан до появления реестра, зарегистрируйте его командой `qoima seal --register-existing { $deposit }`; иначе { $copy ->
        [replica] восстановите депозит из реплики ({ $replica })
       *[none] восстановите депозит из копии (реплика не настроена)
    }
replica-not-verified = у опечатанного депозита ещё нет проверенной копии в реплике: выполните `qoima replicate`
replica-none = реплика не настроена, поэтому каждый опечатанный депозит хранится в одном экземпляре: укажите второй диск в site.toml ([replica] root = "/mnt/replica/depository") и выполните `qoima replicate`
fixity-chain-rewritten = { $chain ->
        [register] реестр депозитарных номеров ({ $record }) переписан
       *[journal] журнал { $record } переписан
    } после проверки целостности { $deposit } от { $date }: его тогдашнего хэша ({ $head }) в нём больше нет; сравните его с копией в реплике и восстановите
conclusion-unrecorded = файл, не учтённый депозитарием: `qoima examine` записывает каждое сохраняемое заключение в { $journal }; этого файла там нет, поэтому он не показывается и не включается в пакет — удалите его
conclusion-changed = файл изменён после записи в журнал: восстановите его из реплики
conclusion-unreadable = заключение записано в журнале именно с этими байтами, но прочитать его как заключение не удаётся ({ $error }): оно не показывается; восстановите его из реплики
file-unreadable = не удаётся прочитать: { $error }

## Чтение реестра депозитарных номеров.
register-unreadable = реестр депозитарных номеров не удаётся прочитать: { $error }
register-line-unreadable = эту строку реестра депозитарных номеров не удаётся прочитать: строка содержит номер, дату (ГГГГ-ММ-ДД), депозит (СИСТЕМА/ВЕРСИЯ), кто опечатал, и три суммы SHA-256, разделённые табуляцией; восстановите реестр из реплики
register-chain-broken = цепочка реестра здесь нарушена: эта строка называет предыдущей { $named }, но хэш предыдущей строки — { $actual }; строка выше изменена, удалена или перемещена — сравните реестр с копией в реплике и восстановите его
register-number-twice = депозитарный номер { $number } уже присвоен в строке { $first }: номер никогда не присваивается дважды
register-deposit-twice = { $deposit } уже получил номер в строке { $first }: депозит получает один номер; новая версия — это новый депозит
register-out-of-order = нарушен порядок: { $number } от { $date } идёт после строки { $first }, датированной { $first_date }; строки добавляются по мере регистрации депозитов

## Каталог: о заключениях по проверке депозитов (D1124-40).

## Почему `seal` не опечатал депозит (стандартный поток ошибок).
error-as-said = { $error }
seal-deposit-unnamed = `{ $key }`: укажите депозит в виде SYSTEM/VERSION
seal-deposit-unknown = в { $archive } нет депозита { $key }
seal-has-errors = в депозите { $key } есть ошибки; исправьте их и выполните `qoima check` перед опечатыванием:
    { $errors }
seal-sealed-already = { $key } уже опечатан; печать никогда не заменяется (вместо этого передайте на депонирование новую версию). Цела ли печать, покажет `qoima check`
seal-register-differs = в реестре депозитарных номеров есть печать для { $key } (строка { $line }, { $number }), которой этот депозит больше не соответствует: его файлы изменены после регистрации печати. Восстановите их из реплики или обратитесь к хранителю реестра
seal-registered-already = { $key } уже есть в реестре ({ $number }, строка { $line })
seal-unreadable = у { $key } нет печати, которую можно прочитать: что с ней не так, покажет `qoima check`
seal-record-unreadable = { $key }: не удаётся прочитать seal.yaml или его манифест
seal-files-differ = { $key }: его файлы больше не соответствуют манифесту, поэтому эту печать нельзя зарегистрировать; расхождения перечислит `qoima check`

## Что нашла `fixity`, на терминале: каждая запись журнала проверки целостности на языке оператора
## (в самом журнале остаётся английский текст). О файле сказано после его пути.
fixity-said-differs = SHA-256 не совпадает с манифестом
fixity-said-missing = отсутствует
fixity-said-symlink = символическая ссылка; по ней ничего не читается
fixity-said-not-regular = больше не обычный файл
fixity-said-unreadable = не удаётся прочитать: { $error }
fixity-said-not-registered = отличается от записанного в реестре депозитарных номеров
fixity-said-not-utf8 = не в кодировке UTF-8
fixity-said-added = добавлен после опечатывания
fixity-said-folder-missing = папка депозита отсутствует в архиве
fixity-said-no-manifest = ни одна копия не содержит зарегистрированный манифест: файлы проверить невозможно (утрата)
fixity-said-unregistered = опечатан, но отсутствует в реестре депозитарных номеров ({ $register }): ничто не подтверждает, что было опечатано
fixity-said-both-match = обе копии совпадают
fixity-said-repaired = восстановлен из реплики
fixity-said-repair-unverified = восстановление из реплики не прошло проверку
fixity-said-repair-failed = восстановить не удалось: { $error }
fixity-said-replica-repaired = реплика восстановлена из оригинала
fixity-said-replica-repair-unverified = восстановление реплики не прошло проверку
fixity-said-replica-repair-failed = восстановить реплику не удалось: { $error }
fixity-said-no-replica = утрата — реплика не настроена
fixity-said-no-copy-matches = утрата — ни одна копия не соответствует реестру; ничего не изменено
fixity-said-added-left = файлы, добавленные после опечатывания, оставлены оператору
fixity-said-not-in-manifest = отсутствует в зарегистрированном манифесте; оставлен оператору
fixity-said-replica = реплика
fixity-record-diverged = { $record }: копия в архиве не продолжает копию в реплике — после репликации запись была изменена или удалена; сравните две копии

## Что `replicate` отклоняет, о чём предупреждает и что не смогла скопировать.
replicate-no-replica = в site.toml не указана реплика: добавьте [replica] root = "/mnt/replica/depository"
replicate-root-not-folder = корень реплики { $root } не является папкой; ничего не скопировано
replicate-root-unreachable = корень реплики { $root } недоступен ({ $error }): подключён ли его диск? Ничего не скопировано; qoima никогда не создаёт корень реплики сама, чтобы неподключённый диск не был принят за копию
replicate-same-drive = реплика { $root } находится на том же диске, что и архив: вторая копия там будет утрачена вместе с первой (D1124-31); разместите её на другом диске
replicate-original-unregistered = печать оригинала не совпадает с реестром депозитарных номеров: не скопировано (сначала выполните `qoima fixity` и восстановите его)
replicate-original-differs = { $file }: оригинал не соответствует манифесту (выполните `qoima fixity`)
replicate-copy-differs = { $file }: копия не соответствует манифесту
replicate-file-not-copied = { $file }: { $why }
replicate-record-copied = { $record }
replicate-record-not-copied = { $record }: не скопировано: { $why }

## Пути, которые копирование отклоняет: оно не проходит по символическим ссылкам и за пределы своей папки и пишет только обычные файлы.
path-not-plain = { $path }: не простой путь внутри дерева папок
path-empty = { $path }: пустой путь
path-symlink-refused = { $path }: символическая ссылка; через неё ничего не пишется и не читается
path-not-folder = { $path }: не папка
path-not-regular = { $path }: не обычный файл

## Ожидание блокировки записей (стандартный поток ошибок): другой запуск qoima пишет в реестр или журнал.
lock-taken-over = записи были заблокированы процессом { $pid } этого хоста, который уже не работает; блокировка перехватывается
lock-waiting = ожидание записей, заблокированных: { $holder }
lock-held = записи депозитария заблокированы: { $holder } ({ $lock }); если этот процесс уже не работает, удалите файл блокировки

## Почему `package` не создала пакет (стандартный поток ошибок); затем — файлы, по одному на строке.
package-no-such-deposit = { $deposit }: такого депозита нет
package-not-sealed = { $deposit }: не опечатан; в пакет входят только опечатанные депозиты (qoima seal { $deposit })
package-restricted-alone = { $system }: доступ к его опечатанным депозитам ограничен, а пакет публичной системы никогда их не содержит; упакуйте каждый отдельно: { $commands }
package-none-sealed = { $system }: ни один депозит не опечатан; в пакет входят только опечатанные депозиты (qoima seal)
package-no-such-system = { $system }: такой системы нет
package-seal-fails = печать больше не подтверждается; ничего не записано. Файлы, не прошедшие проверку:
package-seal-fails-unwritten = печать больше не подтверждается; пакет не записан. Файлы, не прошедшие проверку:
package-names-collide = эти имена после нормализации Unicode (NFC/NFD) становятся одним именем и при распаковке перезапишут друг друга; переименуйте по одному файлу из каждой пары:
package-theme-unrenderable = шаблон темы { $template } не удаётся отрисовать: { $error }
package-file-symlink = { $file }: символическая ссылка (на { $target }); в пакет входят только обычные файлы
package-file-not-regular = { $file }: не обычный файл
package-file-added = { $file }: добавлен после опечатывания (D1124-7)
package-file-missing = { $file }: опечатан, но отсутствует
package-file-differs = { $file }: SHA-256 { $got } не совпадает с указанным в печати { $want }
package-name-twins = { $names }

## Начало строки, которую инструмент пишет о себе в поток ошибок.
prefix-error = ошибка
prefix-warning = предупреждение

## Ошибка операционной системы.
io-error = { $kind ->
        [not-found] нет такого файла или папки
        [permission-denied] нет прав доступа
        [already-exists] такой файл уже существует
        [is-a-directory] это папка, а не файл
        [not-a-directory] это не папка
        [directory-not-empty] папка не пуста
        [storage-full] на диске нет свободного места
        [read-only] файловая система доступна только для чтения
        [too-large] файл слишком велик
        [invalid-name] недопустимое имя файла
        [crosses-devices] файл нельзя так переместить на другой диск
        [busy] файл или устройство занято другой программой
        [network] сетевой диск недоступен
        [timed-out] истекло время ожидания
        [unexpected-end] файл неожиданно закончился
        [address-in-use] этот адрес занят другой программой
        [address-unavailable] на этом компьютере нет такого адреса
        [connection-refused] в соединении отказано
       *[other] { $error }
    }

## `qoima build`: папки, страницы которых публикуются под другим именем.
build-folder-renamed = { $dir }: имя папки { $trouble }; её страницы публикуются под именем `{ $published }`
build-case-twins = { $dirs }: на диске, не различающем регистр букв (Windows, macOS, общие папки SMB), страницы этих папок попадут в одну папку `{ $folded }`

## site.toml и файлы, которые он называет.
site-unreadable = { $path }: не удаётся прочитать файл: { $error }
site-unknown-key = { $at }: `{ $key }` — неизвестный здесь ключ{ $expected ->
        [none] {""}
       *[other] ; допустимые ключи: { $expected }
    }
site-missing-key = { $at }: нет обязательного ключа `{ $key }`
site-duplicate-key = { $at }: этот ключ уже записан выше; каждый ключ записывается один раз
site-invalid = { $at }: файл site.toml не соответствует формату TOML или его описанию (средство чтения TOML: { $said })
site-rulebook-unreadable = { $file }: не удаётся прочитать свод правил, названный в site.toml: { $error }
site-calendar-unreadable = { $file }: не удаётся прочитать календарь, названный в site.toml: { $error }
site-fallback-unknown = site.toml: [rules] fallback называет `{ $book }`, но такого свода правил нет (есть: { $known })

## Тема оформления.
theme-templates-unreadable = { $path }: не удаётся прочитать шаблоны темы: { $error }
theme-templates-invalid = тема { $theme }: ошибка в шаблоне (шаблонизатор Tera: { $error })
theme-words-unreadable = { $path }: { $error }
theme-words-invalid = { $path }: файл переводов не соответствует формату TOML (средство чтения TOML: { $error })
theme-english-missing = тема { $theme }: нет файла i18n/en.toml (английские тексты заменяют слова, которых нет в других языках)
