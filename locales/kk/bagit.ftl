# qoima хабарламалары қазақ тілінде: `qoima verify` пакеттен табатын ақаулар (BagIt крейті,
# crates/bagit). Хабарламаның жазылу тәртібі docs/messages.md құжатында.
# `qoima verify` жолы: `ДЕҢГЕЙІ: ФАЙЛ:ЖОЛ: ХАБАРЛАМА`.

# $severity: error немесе warning.
bagit-severity = { $severity ->
        [error] қате
       *[warning] ескерту
    }

## Пакетті мүлде оқу мүмкін болмаған себеп (bag-unreadable-дан кейін). $error: жүйе немесе zip оқырманы айтқаны.
bagit-io-error = { $error }
bagit-not-a-zip = zip архиві емес: { $error }
bagit-zip-error = { $error }

## bagit.txt.
bagit-byte-order-mark = байт ретінің белгісімен (BOM) басталады, ал RFC 8493 §2.1.1 оған тыйым салады
bagit-not-utf8 = UTF-8 кодтауында емес
bagit-not-version = `{ $version }` — M.N түріндегі нұсқа емес
bagit-not-encoding-name = `{ $encoding }` — таңбалар кодтауының атауы емес
bagit-unexpected-line = `{ $text }` жолы тұр, ал RFC 8493 §2.1.1 бойынша мұнда { $expected ->
        [version] `BagIt-Version: M.N` болуы тиіс
        [encoding] `Tag-File-Character-Encoding: ENCODING` болуы тиіс
       *[nothing] ештеңе болмауы тиіс: bagit.txt дәл екі жолдан тұрады
    }
bagit-bagit-txt-empty = бос; онда BagIt-Version көрсетілуі тиіс
bagit-no-encoding-line = `Tag-File-Character-Encoding: UTF-8` жолы жоқ
bagit-bagit-txt-missing = жоқ; онсыз бұл пакет емес

## Манифестер.
bagit-more-not-listed = бұл файлда тағы { $errors } қате және { $warnings } ескерту бар, олар тізілмеген
bagit-out-of-scope = `{ $path }` { $why ->
        [absolute] — абсолюттік жол
        [home] үй папкасының қысқартуымен (~) басталады
        [drive] диск әрпімен басталады
        [parent] пакеттен тыс шығаратын `..` құрамдасы бар
        [nul] NUL таңбасы бар
       *[backslash] кері көлбеу сызық (\) бар
    }
bagit-binary-marker = `*{ $rest }`: `*` — md5sum бағдарламасының екілік режим белгісі, атаудың бөлігі емес
bagit-dot-slash = `{ $path }` `./` белгісімен басталады; RFC 8493 бойынша жолдар пакетке қатысты онсыз жазылады
bagit-not-manifest-line = `<бақылау сомасы> <жол>` түрінде емес
bagit-not-checksum = `{ $checksum }` — { $algorithm } бақылау сомасы емес
bagit-no-file-named = жолда файл аталмаған
bagit-payload-manifest-outside-data = `{ $path }` data/ папкасынан тыс; пайдалы жүктеме манифесті тек пайдалы жүктеме файлдарын тізеді
bagit-tag-manifest-payload-file = `{ $path }` — пайдалы жүктеме файлы; тег файлдарының манифесті тек тег файлдарын тізеді
bagit-listed-again-differing = `{ $path }` басқа бақылау сомасымен қайта көрсетілген (алғаш { $first }-жолда)
bagit-listed-again-v1 = `{ $path }` қайта көрсетілген (алғаш { $first }-жолда); BagIt 1.0 әр файлды бір рет тізеді
bagit-listed-again = `{ $path }` қайта көрсетілген (алғаш { $first }-жолда)
bagit-unknown-algorithm = `{ $algorithm }` — qoima білмейтін алгоритм; бұл манифест тексерілмейді
bagit-long-line = { $kib } КиБ-тан ұзын жол; әрі қарай оқылмады
bagit-manifest-bomb = осы пакеттің { $files } файлына арналған манифест бола алатын көлемнен ұзын ({ $limit } байт): бұл декомпрессиялық бомба, әрі қарай оқылмады
bagit-no-payload-manifest = пакетте тексеруге болатын пайдалы жүктеме манифесті (manifest-<алгоритм>.txt) жоқ
bagit-normalization-twin = `{ $path }` `{ $stored }` ретінде сақталған: Unicode нормалдауының басқа түріндегі сол атау
bagit-case-twin = `{ $path }` `{ $stored }` ретінде сақталған; атаулар тек әріп регистрімен ерекшеленеді, Windows пен macOS жүйелерінде бұл бір файл
bagit-not-fetched = `{ $path }` fetch.txt файлында көрсетілген, бірақ жүктеп алынбаған: пакет толық емес
bagit-system-file-missing = `{ $path }` жоқ; бұл көшіру құралдары жиі тастап кететін операциялық жүйе файлы
bagit-missing = `{ $path }` тізімде бар, бірақ пакетте жоқ
bagit-not-listed = пайдалы жүктемеде бар, бірақ { $manifest } манифестінде көрсетілмеген
bagit-checksum-mismatch = `{ $path }`: { $algorithm } бақылау сомасы { $actual }, ал манифестте { $expected }

## Пакеттің файлдары және олардың атаулары.
bagit-cannot-list = оқу мүмкін емес: { $error }
bagit-name-not-utf8 = атау жарамды UTF-8 емес; оны ешбір манифест сенімді түрде атай алмайды
bagit-symlink-escapes = пакеттен тыс (немесе ешқайда) апаратын символдық сілтеме
bagit-symlink-to-folder = пакет ішіндегі папкаға апаратын символдық сілтеме; ол бойынша өтілмейді
bagit-symlink-inside = пакет ішіндегі символдық сілтеме; оның нысанасының байттары тексеріледі
bagit-not-regular-file = қарапайым файл емес (құрылғы, сокет немесе арна)
bagit-cannot-read = оқу мүмкін емес: { $error }
bagit-tag-file-too-large = оқу мүмкін емес: { $mib } МиБ-тан үлкен, мұндай тег файлы бұдан үлкен болмайды; әрі қарай оқылмады
bagit-not-in-zip = оқу мүмкін емес: zip архивінде жоқ
bagit-no-payload-folder = пайдалы жүктеме папкасы data/ жоқ
bagit-not-in-encoding = bagit.txt жариялаған { $encoding } кодтауында жарамсыз
bagit-normalization-twins = бұл атаулар Unicode нормалдауынан кейін бірдей (`{ $name }`)
bagit-case-twins = бұл атаулар тек әріп регистрімен ерекшеленеді: Windows пен macOS жүйелерінде бұл бір файл
bagit-system-file = операциялық жүйе файлы (мысалы, Thumbs.db, .DS_Store), пайдалы жүктемеге әдейі енгізілмеген болуы мүмкін
bagit-windows-char = `{ $char }` таңбасы Windows файл атауларында рұқсат етілмейді
bagit-windows-trailing-dot = `{ $name }` нүктемен немесе бос орынмен аяқталады, Windows оны алып тастайды
bagit-windows-device-name = `{ $name }` — Windows жүйесінде құрылғыға берілген атау

## Zip ішіндегі пакет.
bagit-zip-entry-unreadable = { $index }-жазба: { $error }
bagit-zip-past-end = { $index }-жазба (`{ $name }`) файлдың соңынан асып кетеді ({ $length } байттың { $end }-байтына дейін)
bagit-zip-overlap = { $first }-жазба (`{ $first_name }`) пен { $second }-жазбаның (`{ $second_name }`) деректері ортақ немесе бір-бірімен қабаттасады: бұл zip бірнеше мәрте қайта ашылуға арнайы жасалған; оқылмады
bagit-zip-name-encoding = { $index }-zip жазбасы: атау UTF-8 емес және белгілі кодтаумен белгіленбеген
bagit-zip-slip = zip жазбасы { $why ->
        [absolute] абсолюттік жол болып табылады
        [home] үй папкасының қысқартуымен (~) басталады
        [drive] диск әрпімен басталады
        [parent] пакеттен тыс шығаратын `..` құрамдасынан тұрады
        [nul] NUL таңбасынан тұрады
       *[backslash] кері көлбеу сызықтан (\) тұрады
    }: оны ашқанда мақсатты папкадан тыс жазылуы мүмкін
bagit-zip-duplicate = zip архивінде осы атаумен екі жазба бар
bagit-outside-bag-folder = `{ $folder }` пакет папкасынан тыс; пакеттің бөлігі емес

## fetch.txt.
bagit-not-fetch-line = `<url> <ұзындығы> <жол>` түрінде емес
bagit-not-fetch-length = `{ $length }` — байтпен берілген ұзындық та, `-` те емес
bagit-fetch-outside-data = `{ $path }` data/ папкасынан тыс

## bag-info.txt және басқа тег файлдары.
bagit-continuation-first = кез келген белгіден бұрын тұрған жалғас жол
bagit-not-tag = `{ $text }` — `Белгі: мән` түрінде емес
bagit-oxum-counts-system-files = Payload-Oxum жоқ { $missing } операциялық жүйе файлын да санайды
bagit-oxum-mismatch = Payload-Oxum бойынша { $files } файлда { $bytes } байт; пайдалы жүктемеде { $payload_files } файлда { $payload_bytes } байт
bagit-not-oxum = Payload-Oxum `{ $value }` — `<байттар>.<файлдар>` түрінде емес

## BagIt профилі (`qoima verify --profile`).
bagit-no-profile-identifier = BagIt-Profile-Identifier көрсетілмеген
bagit-other-profile = BagIt-Profile-Identifier мәні { $found }, ал осы профильдікі { $identifier }
bagit-required-field = міндетті { $label } өрісі жоқ
bagit-not-repeatable = { $label } өрісі қайталанбайды, бірақ { $count } рет кездеседі
bagit-value-not-allowed = { $label }: `{ $value }` профиль рұқсат ететін мәндердің бірі емес
bagit-manifest-required = профиль { $algorithm } алгоритмі бар { $kind ->
        [payload] пайдалы жүктеме манифестін
       *[tag] тег файлдарының манифестін
    } талап етеді
bagit-manifest-not-allowed = профиль { $algorithm } алгоритмі бар { $kind ->
        [payload] пайдалы жүктеме манифестіне
       *[tag] тег файлдарының манифестіне
    } рұқсат етпейді
bagit-file-required = профиль осы { $kind ->
        [payload] пайдалы жүктеме файлын
       *[tag] тег файлын
    } талап етеді
bagit-file-not-allowed = профиль осы { $kind ->
        [payload] пайдалы жүктеме файлына
       *[tag] тег файлына
    } рұқсат етпейді ({ $patterns })
bagit-not-glob = { $key } ішінде glob үлгісі емес үлгі бар: { $error }
bagit-fetch-not-allowed = профиль fetch.txt файлына рұқсат етпейді
bagit-fetch-required = профиль fetch.txt файлын талап етеді
bagit-serialization-required = профиль сериялданған пакетті талап етеді; бұл — папка
bagit-serialization-forbidden = профиль сериялданған пакеттерге тыйым салады; бұл — файл
bagit-serialization-not-accepted = { $media_type ->
        [none] qoima атай алмайтын түрде
       *[other] { $media_type } түрінде
    } сериялданған, ал профиль { $accepted } қабылдайды
bagit-version-not-accepted = BagIt { $version }, ал профиль { $accepted } қабылдайды
bagit-not-data-empty = профиль бос пайдалы жүктемені талап етеді (Data-Empty)

## Пайдалануға болмайтын профиль.
bagit-profile-unreadable = { $path }: { $error }
bagit-profile-in = { $path }: { $problem }
bagit-profile-not-json = JSON емес: { $error }
bagit-profile-no-info = BagIt-Profile-Info нысаны жоқ
bagit-profile-no-info-field = BagIt-Profile-Info ішінде { $field } жоқ
bagit-profile-not-list = { $key } — жолдар тізімі емес
bagit-profile-bag-info-not-object = Bag-Info нысан емес
bagit-profile-bad-serialization = Serialization мәні required, optional, forbidden мәндерінің ешқайсысы емес
