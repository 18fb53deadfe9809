# Сообщения qoima на русском языке: ошибки, которые `qoima verify` находит в пакете (крейт BagIt,
# crates/bagit). Как пишется сообщение, сказано в docs/messages.md.
# Строка `qoima verify`: `УРОВЕНЬ: ФАЙЛ:СТРОКА: СООБЩЕНИЕ`.

# $severity: error или warning.
bagit-severity = { $severity ->
        [error] ошибка
       *[warning] предупреждение
    }

## Почему пакет нельзя прочитать вовсе (после bag-unreadable). $error: что сказала система или чтение zip.
bagit-io-error = { $error }
bagit-not-a-zip = не архив zip: { $error }
bagit-zip-error = { $error }

## bagit.txt.
bagit-byte-order-mark = начинается с метки порядка байтов (BOM), что запрещено RFC 8493 §2.1.1
bagit-not-utf8 = не в кодировке UTF-8
bagit-not-version = `{ $version }` — не версия вида M.N
bagit-not-encoding-name = `{ $encoding }` — не название кодировки символов
bagit-unexpected-line = строка `{ $text }` там, где по RFC 8493 §2.1.1 { $expected ->
        [version] должна быть `BagIt-Version: M.N`
        [encoding] должна быть `Tag-File-Character-Encoding: ENCODING`
       *[nothing] ничего не должно быть: в bagit.txt ровно две строки
    }
bagit-bagit-txt-empty = пуст; в нём должна быть указана BagIt-Version
bagit-no-encoding-line = нет строки `Tag-File-Character-Encoding: UTF-8`
bagit-bagit-txt-missing = отсутствует; без него это не пакет

## Манифесты.
bagit-more-not-listed = в этом файле ещё ошибок: { $errors }, предупреждений: { $warnings } — они не перечислены
bagit-out-of-scope = `{ $path }` { $why ->
        [absolute] — абсолютный путь
        [home] начинается с сокращения домашней папки (~)
        [drive] начинается с буквы диска
        [parent] содержит компонент `..`, выводящий за пределы пакета
        [nul] содержит символ NUL
       *[backslash] содержит обратную косую черту (\)
    }
bagit-binary-marker = `*{ $rest }`: `*` — признак двоичного режима md5sum, а не часть имени
bagit-dot-slash = `{ $path }` начинается с `./`; по RFC 8493 пути записываются относительно пакета без него
bagit-not-manifest-line = не вида `<контрольная сумма> <путь>`
bagit-not-checksum = `{ $checksum }` — не контрольная сумма { $algorithm }
bagit-no-file-named = в строке не назван файл
bagit-payload-manifest-outside-data = `{ $path }` вне data/; манифест полезной нагрузки перечисляет только файлы полезной нагрузки
bagit-tag-manifest-payload-file = `{ $path }` — файл полезной нагрузки; манифест тег-файлов перечисляет только тег-файлы
bagit-listed-again-differing = `{ $path }` указан повторно (впервые в строке { $first }) с другой контрольной суммой
bagit-listed-again-v1 = `{ $path }` указан повторно (впервые в строке { $first }); в BagIt 1.0 каждый файл указывается один раз
bagit-listed-again = `{ $path }` указан повторно (впервые в строке { $first })
bagit-unknown-algorithm = `{ $algorithm }` — алгоритм, неизвестный qoima; этот манифест не проверяется
bagit-long-line = строка длиннее { $kib } КиБ; дальше не прочитано
bagit-manifest-bomb = длиннее, чем может быть манифест { $files } файлов этого пакета ({ $limit } байт): декомпрессионная бомба, дальше не прочитано
bagit-no-payload-manifest = в пакете нет манифеста полезной нагрузки (manifest-<алгоритм>.txt), который можно проверить
bagit-normalization-twin = `{ $path }` хранится как `{ $stored }` — то же имя в другой форме нормализации Unicode
bagit-case-twin = `{ $path }` хранится как `{ $stored }`; имена различаются только регистром, в Windows и macOS это один файл
bagit-not-fetched = `{ $path }` указан в fetch.txt, но не загружен: пакет неполон
bagit-system-file-missing = `{ $path }` отсутствует; это файл операционной системы, который средства копирования часто пропускают
bagit-missing = `{ $path }` указан, но в пакете отсутствует
bagit-not-listed = есть в полезной нагрузке, но не указан в { $manifest }
bagit-checksum-mismatch = `{ $path }`: контрольная сумма { $algorithm } — { $actual }, а в манифесте — { $expected }

## Файлы пакета и их имена.
bagit-cannot-list = не удаётся прочитать: { $error }
bagit-name-not-utf8 = имя не является допустимым UTF-8; ни один манифест не может надёжно его назвать
bagit-symlink-escapes = символическая ссылка, ведущая за пределы пакета (или в никуда)
bagit-symlink-to-folder = символическая ссылка на папку внутри пакета; по ней не переходят
bagit-symlink-inside = символическая ссылка внутри пакета; проверяются байты её цели
bagit-not-regular-file = не обычный файл (устройство, сокет или канал)
bagit-cannot-read = не удаётся прочитать: { $error }
bagit-tag-file-too-large = не удаётся прочитать: больше { $mib } МиБ — больше, чем бывает тег-файл такого вида; дальше не прочитано
bagit-not-in-zip = не удаётся прочитать: нет в архиве zip
bagit-no-payload-folder = папка полезной нагрузки data/ отсутствует
bagit-not-in-encoding = недопустим в кодировке { $encoding }, объявленной в bagit.txt
bagit-normalization-twins = эти имена совпадают после нормализации Unicode (`{ $name }`)
bagit-case-twins = эти имена различаются только регистром: в Windows и macOS это один файл
bagit-system-file = файл операционной системы (например, Thumbs.db, .DS_Store), вероятно, попал в полезную нагрузку случайно
bagit-windows-char = символ `{ $char }` недопустим в именах файлов Windows
bagit-windows-trailing-dot = `{ $name }` оканчивается точкой или пробелом, которые Windows отбрасывает
bagit-windows-device-name = `{ $name }` — зарезервированное в Windows имя устройства

## Пакет в архиве zip.
bagit-zip-entry-unreadable = элемент { $index }: { $error }
bagit-zip-past-end = элемент { $index } (`{ $name }`) выходит за конец файла ({ $end } из { $length } байт)
bagit-zip-overlap = элементы { $first } (`{ $first_name }`) и { $second } (`{ $second_name }`) делят или перекрывают свои данные: архив создан для многократной распаковки одних и тех же байтов; не прочитан
bagit-zip-name-encoding = элемент zip { $index }: имя не в UTF-8 и не помечено известной кодировкой
bagit-zip-slip = элемент zip { $why ->
        [absolute] — абсолютный путь
        [home] начинается с сокращения домашней папки (~)
        [drive] начинается с буквы диска
        [parent] содержит компонент `..`, выводящий за пределы пакета
        [nul] содержит символ NUL
       *[backslash] содержит обратную косую черту (\)
    }: при распаковке он может быть записан вне целевой папки
bagit-zip-duplicate = в архиве zip два элемента с этим именем
bagit-outside-bag-folder = вне папки пакета `{ $folder }`; не часть пакета

## fetch.txt.
bagit-not-fetch-line = не вида `<url> <длина> <путь>`
bagit-not-fetch-length = `{ $length }` — ни длина в байтах, ни `-`
bagit-fetch-outside-data = `{ $path }` вне data/

## bag-info.txt и другие тег-файлы.
bagit-continuation-first = строка продолжения перед первой меткой
bagit-not-tag = `{ $text }` — не вида `Метка: значение`
bagit-oxum-counts-system-files = Payload-Oxum учитывает отсутствующие файлы операционной системы: { $missing }
bagit-oxum-mismatch = по Payload-Oxum байт: { $bytes }, файлов: { $files }; в полезной нагрузке байт: { $payload_bytes }, файлов: { $payload_files }
bagit-not-oxum = Payload-Oxum `{ $value }` — не вида `<байты>.<файлы>`

## Профиль BagIt (`qoima verify --profile`).
bagit-no-profile-identifier = не указан BagIt-Profile-Identifier
bagit-other-profile = BagIt-Profile-Identifier — { $found }, а у этого профиля — { $identifier }
bagit-required-field = отсутствует обязательное поле { $label }
bagit-not-repeatable = поле { $label } не может повторяться, а встречается раз: { $count }
bagit-value-not-allowed = { $label }: `{ $value }` — не из значений, допускаемых профилем
bagit-manifest-required = профиль требует { $kind ->
        [payload] манифест полезной нагрузки
       *[tag] манифест тег-файлов
    } с алгоритмом { $algorithm }
bagit-manifest-not-allowed = профиль не допускает { $kind ->
        [payload] манифест полезной нагрузки
       *[tag] манифест тег-файлов
    } с алгоритмом { $algorithm }
bagit-file-required = профиль требует этот { $kind ->
        [payload] файл полезной нагрузки
       *[tag] тег-файл
    }
bagit-file-not-allowed = профиль не допускает этот { $kind ->
        [payload] файл полезной нагрузки
       *[tag] тег-файл
    } ({ $patterns })
bagit-not-glob = в { $key } есть шаблон, не являющийся glob: { $error }
bagit-fetch-not-allowed = профиль не допускает fetch.txt
bagit-fetch-required = профиль требует fetch.txt
bagit-serialization-required = профиль требует сериализованный пакет; это папка
bagit-serialization-forbidden = профиль запрещает сериализованные пакеты; это файл
bagit-serialization-not-accepted = сериализован как { $media_type ->
        [none] тип, который qoima не может назвать
       *[other] { $media_type }
    }, профиль принимает { $accepted }
bagit-version-not-accepted = BagIt { $version }, профиль принимает { $accepted }
bagit-not-data-empty = профиль требует пустую полезную нагрузку (Data-Empty)

## Профиль, который нельзя использовать.
bagit-profile-unreadable = { $path }: { $error }
bagit-profile-in = { $path }: { $problem }
bagit-profile-not-json = не JSON: { $error }
bagit-profile-no-info = нет объекта BagIt-Profile-Info
bagit-profile-no-info-field = в BagIt-Profile-Info нет { $field }
bagit-profile-not-list = { $key } — не список строк
bagit-profile-bag-info-not-object = Bag-Info — не объект
bagit-profile-bad-serialization = Serialization — ни required, ни optional, ни forbidden
