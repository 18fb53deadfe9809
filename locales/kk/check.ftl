# qoima's messages in Kazakh: the checks of deposits, events, deadlines and the records.
# docs/messages.md says how a message is written.

## The components and fields a rulebook asks for (check/components.rs, check/fields.rs).
component-unknown = `not_applicable` ішінде `{ $component }` аталған, бірақ ол { $rulebook } бойынша құрамдас бөлік емес: { $components } ішінен біреуін көрсетіңіз
component-not-applicable-has-files = `{ $component }` қолданылмайды деп белгіленген, бірақ { $component }/ папкасында { $files } файл бар: белгіні не файлдарды алып тастаңыз
component-not-applicable = `{ $component }` құрамдас бөлігі қолданылмайды: { $reason }
component-missing = міндетті { $component }/ құрамдас бөлігі жоқ ({ $rule }): оны депозитке беріңіз немесе deposit.yaml файлында оның неге қолданылмайтынын `not_applicable: {"{"}{ $component }: "…"{"}"}` түрінде көрсетіңіз
component-empty = міндетті { $component }/ құрамдас бөлігі бос ({ $rule }): оның файлдарын салыңыз
component-folder-empty = { $component }/ құрамдас бөлік папкасы бос: оны толтырыңыз немесе жойыңыз
build-description-missing = `{ $file }` құрастыру сипаттамасы source/ ішінде жоқ: файлды қосыңыз немесе атауын түзетіңіз
third-party-path-missing = `{ $name }` бөгде компоненті үшін `{ $path }` көрсетілген, бірақ ол депозитте жоқ
documentation-item-missing = құжаттама жиынтығында «{ $title }» жоқ (`documentation: {"{"}{ $item }: { $folder }/…{"}"}`), { $rule }
documentation-unknown-kind = `documentation` ішінде белгісіз `{ $key }` түрі аталған: { $kinds } ішінен біреуін немесе `other` деп басталатын кілтті пайдаланыңыз
documentation-outside-folder = `{ $key }` { $folder }/ ішіндегі файлды көрсетуі тиіс (көрсетілгені: `{ $file }`)
documentation-file-missing = `{ $key }` үшін `{ $file }` көрсетілген, бірақ ол депозитте жоқ: файлды қосыңыз немесе атауын түзетіңіз
field-missing = `{ $field }` жоқ немесе толтырылмаған: оны { $file } файлында толтырыңыз ({ $rule })
field-below-minimum = `{ $field }` мәні — { $value }; { $rule } кемінде { $min } талап етеді

## Events, deadlines, the register of systems and the records (check/events.rs, check/deadlines.rs,
## check/register.rs, check/mod.rs, records/).

# — Жүйенің және оның депозиттерінің тіркеу жазбасы (check/register.rs).

system-names-empty = `names` өрісі бос: жүйенің атауын қазақ және орыс тілдерінде (және ағылшын тілінде) көрсетіңіз
system-funded-privately = тек мемлекеттік емес қаражат есебінен қаржыландырылады: тіркеу иесінің бастамасы бойынша жүргізіледі (D1124-11)
system-in-development = жүйе әзірленуде, бірақ оның депозиттері бар: есепке алу және сақтау жүйе өнеркәсіптік пайдалануға енгізілгеннен кейін ғана басталады; `status: operating` деп көрсетіп, `commissioned` оқиғасын (өнеркәсіптік пайдалануға енгізу) жазыңыз
system-withdrawal-unrecorded = жүйе пайдаланудан шығарылған, бірақ мұны бірде-бір оқиға жазбаған (депозиттегі `decommissioned` немесе system.yaml файлындағы `termination_notice`): жүйенің пайдаланудан қашан шығарылғанын жазыңыз
system-transfer-unrecorded = жүйе берілген деп белгіленген, бірақ бірде-бір депозитте `handed_over` (мемлекеттік органға беру) немесе `transferred_to_archive` (архивке беру) оқиғасы жоқ
system-operating-withdrawn = жүйе пайдаланылуда деп белгіленген, бірақ оның оқиғалары пайдаланудан шығарылғанын жазған: `status: withdrawn` немесе `transferred` деп көрсетіңіз
deposit-version-differs = `version: "{ $version }"` нұсқа папкасының атауынан (`{ $folder }`) өзгеше: папканың атын нұсқаға сәйкес өзгертіңіз немесе `version:` мәнін түзетіңіз
deposit-code-differs = `is_code: { $code }` жүйенің { $path } файлындағы `{ $system_code }` кодынан өзгеше: өтінімде жүйенің архитектуралық порталдағы коды көрсетіледі
deposit-access-widened = шектеулі жүйеде `access: public` көрсетілген: депозит өз жүйесінің қолжетімділігін тек шектей алады; бұл жолды жойыңыз немесе `restricted` деп жазыңыз
deposit-copy-refused = `copy_permitted: false` көрсетілген, бірақ өнім мемлекет қаражатымен әзірленген: тасымалдағыштарды сақтап қалатын көшіруден тек мемлекеттік емес иесі бас тарта алады (D1124-53)
deposit-copy-not-permitted = иесі көшіруге рұқсат бермеген: тасымалдағыштар тексеріледі, бірақ қайта жазылмайды (D1124-53)
deposit-previous-unknown = `previous: { $previous }` { $system } жүйесінің бірде-бір нұсқа папкасын атамайды: алдыңғы нұсқаның папка атауын көрсетіңіз
deposit-previous-self = `previous` осы депозиттің өзін атайды
deposit-previous-later = алдыңғы { $previous } нұсқасы { $previous_date } күнімен белгіленген, яғни осы нұсқадан ({ $date }) кейін: күндерді немесе сілтемені тексеріңіз
code-used-twice = `{ $code }` АЖ коды { $path } файлындағы жүйенің де коды: әр жүйенің архитектуралық порталда өз коды болады
event-number-used-twice = `{ $kind }` оқиғасының { $number } нөмірі { $path } файлында бұрын пайдаланылған: нөмірлер ешқашан қайта пайдаланылмайды

# — Оқиғалар (check/events.rs).

deposit-date-future = { $field ->
        [release] шығарылым күні
       *[application] өтінім күні
    } { $date } әлі келмеген (бүгін { $today }): оны түзетіңіз
site-journal-deposit-entry = сайт журналының жазбалары депозитарийдің өз оқиғалары туралы: депозиттің оқиғасын сол депозит (ЖҮЙЕ/НҰСҚА) үшін жазыңыз
event-anchor-missing = `{ $anchor }` оқиғасы жоқ: { $reason } (оны күнімен жазыңыз)
deposit-date-before-anchor = өтінім { $date } күнімен белгіленген, бұл `{ $anchor }` оқиғасынан ({ $anchor_date }) бұрын: { $reason }
event-before-anchor = `{ $kind }` оқиғасы ({ $date }) `{ $anchor }` оқиғасынан ({ $anchor_date }) бұрын тұр: { $reason }
events-out-of-order = оқиғалардың реті бұзылған: `{ $then }` оқиғасы ({ $then_date }) `{ $first }` оқиғасынан ({ $first_date }) бұрын тұр; екі күнді де тексеріңіз
event-field-of-journal = `{ $field }` өрісі { $file } файлына емес, жүйе журналының жазбасына жатады: оны жойыңыз
event-file-recorded-by-hand = `file_recorded` жазбасын журналға qoima өзі жазады, ол ешқашан қолмен жазылмайды
journal-file-recorded-incomplete = `file_recorded` жазбасында депозит, құжат және оның SHA-256 сомасы көрсетіледі
event-of-other-rulebook = `{ $kind }` — { $other } ережелер жинағының оқиғасы, ал бұл депозит { $rulebook } бойынша тексеріледі: { $rulebook } оқиғаларын пайдаланыңыз (`qoima rules { $rulebook }` қараңыз)
event-of-system = `{ $kind }` — жүйенің тіркеу жазбасының оқиғасы: оны жүйенің system.yaml файлына көшіріңіз
event-of-deposit = `{ $kind }` — депозиттің оқиғасы: оны депозиттің deposit.yaml файлына көшіріңіз
event-of-site = `{ $kind }` — депозитарийдің өз оқиғасы: оны сайт журналына `qoima record . { $kind }` пәрменімен жазыңыз
event-kind-unknown = белгісіз оқиға түрі `{ $kind }` (рұқсат етілгендері: { $known })
event-kind-unknown-suggest = белгісіз оқиға түрі `{ $kind }`: `{ $suggestion }` деп жазбақ болдыңыз ба? (рұқсат етілгендері: { $known })
event-field-missing = `{ $kind }` оқиғасына `{ $field }:` өрісі қажет ({ $rule }): оны оқиғаға қосыңыз
event-flag-required = `{ $kind }` оқиғасы `{ $flag }: true` талап етеді ({ $rule }): алдымен оны орындап, содан кейін жазыңыз
event-outcome-missing = `{ $kind }` оқиғасына `outcome:` (нәтиже) қажет, мыналардың бірі: { $outcomes }
event-outcome-invalid = `outcome: { $outcome }` мәні `{ $kind }` оқиғасына жарамайды: мыналардың бірін пайдаланыңыз: { $outcomes }
event-document-outside = `document` депозит ішіндегі файлды `..` белгісінсіз және абсолюттік жолсыз атауы тиіс
event-document-absent = `document` депозитте жоқ `{ $document }` файлын атайды (сканерленген құжаттарды docs/ папкасына салыңыз)
event-in-future = `{ $kind }` оқиғасы әлі келмеген { $date } күнімен белгіленген (бүгін { $today }): оқиғаларды олар болғаннан кейін жазыңыз

# — Мерзімдер (check/deadlines.rs).

deadline-late = `{ $event }` оқиғасы ({ $date }) мерзімінен { $days } жұмыс күні кеш болды: мерзімі { $due } ({ $basis ->
        [yearly] { $year } жылғы жыл сайынғы мерзім
       *[after] `{ $from_event }` оқиғасынан ({ $from_date }) кейін { $count } { $unit ->
            [working] жұмыс күні
           *[calendar] күн
        } ішінде
    }, { $rule })
deadline-missed = мерзім өткізіп алынды, { $days } жұмыс күні өтті: { $due } күніне дейін `{ $alternatives ->
        [1] { $event }
       *[other] { $events }` немесе `{ $event }
    }` оқиғасы жоқ ({ $basis ->
        [yearly] { $year } жылғы жыл сайынғы мерзім
       *[after] `{ $from_event }` оқиғасынан ({ $from_date }) кейін { $count } { $unit ->
            [working] жұмыс күні
           *[calendar] күн
        } ішінде
    }, { $rule }); орындалған соң оны күнімен жазыңыз{ $reminder ->
        [none] {""}
       *[other] ; уәкілетті орган еске салу хатын жібереді ({ $reminder })
    }
deadline-open = ашық: `{ $alternatives ->
        [1] { $event }
       *[other] { $events }` немесе `{ $event }
    }` мерзімі { $due } ({ $basis ->
        [yearly] { $year } жылғы жыл сайынғы мерзім
       *[after] `{ $from_event }` оқиғасынан ({ $from_date }) кейін { $count } { $unit ->
            [working] жұмыс күні
           *[calendar] күн
        } ішінде
    }, { $rule }), { $days } жұмыс күні қалды

# — Депозиттің ережелер жинағы, жарты жылдық есептер және күнтізбе (check/mod.rs).

rulebook-unknown = белгісіз ережелер жинағы `{ $rulebook }`: мыналардың бірін пайдаланыңыз: { $known }
rulebook-fallback = { $date } күні бірде-бір ережелер жинағы күшінде болмаған: { $rulebook } бойынша тексерілді (site.toml [rules] fallback); бұл хабарламаны шығармау үшін ережелер жинағын `rulebook:` өрісінде атаңыз
rulebook-none = { $date } күні бірде-бір ережелер жинағы күшінде болмаған: ережелер жинағын `rulebook:` өрісінде атаңыз (немесе site.toml файлында [rules] fallback көрсетіңіз); тек файлдар тексерілді
half-year-report-missing = { $year } жылғы { $half }-жарты жылдық бойынша есеп жазылмаған: оны ұсыну мерзімі { $due } болған ({ $rule }); есепті уәкілетті органға жіберіп, содан кейін жазыңыз: qoima record . { $event } --date DATE --year { $year } --half { $half }
half-year-report-late = { $year } жылғы { $half }-жарты жылдық бойынша есеп { $date } күні, мерзімінен { $days } жұмыс күні кеш ұсынылды: мерзімі { $due } ({ $rule })
calendar-year-unknown = мерзімдер { $year } жылға түседі, ал жұмыс күндерінің күнтізбесі бұл жылды толық білмейді (ол { $from }–{ $to } жылдарды біледі): апталық демалыс күндері, { $holidays ->
        [law] мереке күндері (демалыс күніне сәйкес келген мереке келесі жұмыс күніне ауыстырылады)
       *[until] күнтізбеде { $last_rules } жылға дейін жазылған мереке күндері (демалыс күніне сәйкес келген мереке келесі жұмыс күніне ауыстырылады; Заңның кейінгі өзгерістері онда жоқ)
    }{ $religious_count ->
        [0] {""}
       *[other] {" "}және { $religious }
    } есепке алынды; { $year } жыл үшін белгісіз: { $unknown_count ->
        [0] {""}
       *[other] { $unknown },{" "}
    }демалыс күндерін қаулымен ауыстыру; жетіспейтінін site.toml [calendar] files ішінде аталған күнтізбе файлына қосыңыз

# — Жүйелердің журналдары (records/journal.rs).

journal-entry-unreadable = журналдың бұл жазбасын оқу мүмкін емес: { $error }; журналды репликадан қалпына келтіріңіз
journal-entry-not-a-line = журнал жазбасы бір жолдан тұрады: `- {"{"}kind: …, date: …, prev: …{"}"}`; журналды репликадан қалпына келтіріңіз
journal-chain-broken = журнал тізбегі осы жерде үзілген: бұл жазба алдыңғы жазба ретінде { $named } хэшін атайды, бірақ алдыңғы жазбаның хэші — { $actual }; жоғарыдағы жазба өзгертілген, жойылған немесе жылжытылған — журналды репликадағы көшірмесімен салыстырып, қалпына келтіріңіз
journal-entry-no-prev = журналдың бұл жазбасында `prev:` (алдыңғы жазбаның SHA-256 сомасы) жоқ: жазбаларды `qoima record` қосады, олар ешқашан қолмен жазылмайды
journal-sha256-invalid = `sha256:` кіші әріптермен он алтылық жүйеде жазылған SHA-256 сомасы емес
journal-unreadable = журналды оқу мүмкін емес: { $error }

# — Тұтастықты тексеру журналы (records/fixity_log.rs).

fixity-log-unreadable = тұтастықты тексеру журналын оқу мүмкін емес: { $error }
fixity-chain-broken = тұтастықты тексеру журналының тізбегі осы жерде үзілген: жоғарыдағы жол өзгертілген, жойылған немесе жылжытылған — журналды репликадағы көшірмесімен салыстырыңыз
fixity-line-unreadable = тұтастықты тексеру журналының бұл жолын оқу мүмкін емес ({ $error }); журналды репликадан қалпына келтіріңіз

# — Мөрдің манифесті (seal.rs).

manifest-line-not-a-pair = { $line }-жол: `<sha256>  <path>` түрінде емес
manifest-line-not-a-digest = { $line }-жол: `{ $digest }` SHA-256 сомасы емес

# — `qoima check --verbose` мәтіндік есебі.

check-open-deadlines = ашық мерзімдер:
check-deadline-days-left = { $days } жұмыс күні қалды

# — `qoima rules` басып шығаратын ережелер жинағы.

rules-in-force = { $from } – { $to } аралығында күшінде
rules-in-force-today = { $from } күнінен бастап күшінде
rules-components = құрамдас бөліктер (депозит папкалары)
rules-required = міндетті
rules-optional = міндетті емес
rules-fields = deposit.yaml өрістері
rules-documentation = құжаттама жиынтығы ({ $rule }, { $severity })
rules-events = { $file } ішіндегі оқиғалар
rules-deadlines = мерзімдер
rules-deadline = { $from } → { $to }: { $days } { $unit ->
        [working] жұмыс күні
       *[calendar] күн
    } ішінде
rules-yearly = { $event }: жыл сайын { $due } күніне дейін
rules-half-year = жарты жылдық есеп: әр жарты жылдықтан кейінгі айдың { $day }-күніне дейін
