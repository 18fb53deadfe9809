# qoima хабарламалары қазақ тілінде. Сәйкестендіргіштер («=» белгісінің сол жағы) аударылмайды.
# { $name } — qoima қоятын аргумент; docs/messages.md қараңыз.

## Пәрмендердің хабарлары (stdout және stderr), --lang немесе локаль тілінде.
output-unwritable = нәтижені жазу мүмкін емес: { $error }
progress-check = архив жүктеліп, тексерілуде
progress-package = { $bag } пакеттелуде
progress-examine = { $key } тексерілуде
progress-verify = тексерілуде
progress-replicate = репликаға көшіріліп, көшірмелер тексерілуде
progress-hash = хэш есептелуде
progress-build = каталог құрастырылуда
no-such-target = { $name }: { $archive } ішінде мұндай жүйе де, депозит те жоқ
deposit-name-form = `{ $key }`: депозитті ЖҮЙЕ/НҰСҚА түрінде атаңыз
no-such-deposit = { $key }: мұндай депозит жоқ
no-such-rulebook = `{ $id }` деген ереже жоқ (белгілілері: { $known })
package-done = { $path }: пайдалы жүктемеде { $files } файл, { $payload } байт; пакет { $bytes } байт, SHA-256 { $sha256 }
package-all-done = { $dir } ішінде { $packages } пакет; ішкі каталог оларға сілтеме береді
examine-conclusion = { $key }: { $number } нөмірлі қорытынды ({ $verdict ->
        [positive] оң
       *[negative] теріс
    })
examine-pass = өтті
examine-warning = ескерту
examine-fail = ӨТПЕДІ
examine-no-rebuild = бастапқы кодтан қайта құрастыру: орындалмады (--rebuild)
examine-saved = сақталды: { $path }
bag-unreadable = { $path }: пакетті оқу мүмкін емес: { $error }
verify-summary = { $bag }: { $verdict ->
        [valid] жарамды
       *[invalid] жарамсыз
    } BagIt { $version } пакеті, пайдалы жүктемеде { $files } файл, { $bytes } байт, { $algorithms ->
        [none] ешбір алгоритммен тексерілмеді
       *[other] { $algorithms } арқылы тексерілді
    }; { $errors } қате, { $warnings } ескерту
replicate-skipped = { $deposit }: өткізіп жіберілді, иесі көшірме жасауға рұқсат бермейді (D1124-53)
replicate-copied = { $deposit }: { $copied } файл көшірілді, { $unchanged } файл бұрыннан бар
replicate-records = көшірілген жазбалар: { $records }
fixity-deposit = { $date } { $deposit } ({ $number }): { $outcome ->
        [success] сәйкес
        [failure] айырмашылық бар
       *[other] { $outcome }
    } — { $files } файл, { $bytes } байт
fixity-summary = { $deposits } депозит тексерілді, оның { $failed } депозитінде айырмашылық бар; { $log } журналына жазылды (тізілім хэші { $head })
seal-who = кім мөрлейтінін көрсетіңіз: --by "NAME", не QOIMA_OPERATOR, не site.toml ішінде `[records] by = "NAME"` (аты мәңгі сақталады)
seal-refused = { $key }: мөрленбеді: { $error }
seal-done = { $deposit } { $action ->
        [registered] депозитінің бұрыннан бар мөрі { $number } нөмірімен тіркелді
        [completed] депозитінің үзілген мөрленуі { $number } нөмірімен аяқталды
       *[sealed] депозиті { $number } нөмірімен мөрленді
    }: { $files } файл, { $bytes } байт; депозитарийлік нөмірлер тізілімінің { $line }-жолы
seal-verify-hint = coreutils арқылы тексеру: (cd { $dir } && sha256sum -c { $manifest })
seal-journal = журналға жазылды: { $journal }
seal-count = { $sealed } депозит мөрленді, { $refused } депозит мөрленбеді
record-done = { $journal }:{ $line } ішіне жазылды:
record-nothing = ештеңе жазылған жоқ
build-edition = { $edition ->
        [public] ашық
       *[internal] ішкі
    } басылым құрастырылды: { $path } ішінде { $pages } бет
build-unreadable = метадеректерін оқу мүмкін емес { $count } жүйе не депозит ішкі басылымда тек нәтижелерімен көрсетілген (нені түзету керектігін `qoima check` айтады): { $names }
wrote-file = жазылды: { $path }
new-created = құрылды: { $path }
new-next = YAML файлдарын толтырып, файлдарды құрамдас бөлік папкаларына салыңыз, содан кейін `qoima check` пәрменін орындаңыз
generate-not-empty = { $dir }: папка бар және бос емес
generate-wrote = { $dir } ішіне { $deposits } депозит жазылды
workdays-outside = { $year } жылы күнтізбе білетін жылдардан ({ $first }–{ $last }) тыс: ол жыл үшін тек демалыс күндері ескерілді
poll-invalid = --poll { $value }: 0-ден үлкен секунд санын беріңіз
watch-native = жүйенің өзгеріс оқиғалары
watch-polling = әр { $every } с сайын тексеру ({ $why })
watch-poll-asked = --poll
watch-poll-network = { $root } { $fs } дискісінде, ол басқа компьютерлерде жасалған өзгерістер туралы хабарламайды
watch-poll-no-events = жүйенің өзгеріс туралы хабарламалары қолжетімсіз: { $error }
serve-no-token = қолжеткізу токенін жасау мүмкін емес (/dev/urandom): { $error }
serve-cannot-start = серверді іске қосу мүмкін емес: { $error }
serve-cannot-listen = { $addr } мекенжайын тыңдау мүмкін емес: { $error }
new-bad-folder-name = `{ $name }` { $why ->
        [empty] — папка атауы емес
        [path] — бір папка атауы болуы керек, қиғаш сызықсыз және басқару таңбаларынсыз
       *[hidden] нүктеден басталмауы керек (жасырын папкалар ескерілмейді)
    }
new-no-archive = { $path }: мұнда архив папкасы жоқ
new-exists = { $path } бұрыннан бар: qoima new ешқашан ештеңені қайта жазбайды
journal-not-utf8 = { $path }: журнал дұрыс UTF-8 емес
conclusion-not-rewritten = { $path }: { $error } (қорытынды ешқашан қайта жазылмайды; жаңасы үшін қайта сараптаңыз)
watching = { $root } бақылануда ({ $mode }); Ctrl-C тоқтатады
watcher-reported = бақылаушы хабарлады: { $error }
live-kept = { $error } (каталог соңғы дұрыс күйін сақтайды)
serve-exposed = { $addr } мекенжайында ұсынылуда: бұл мекенжайға қол жеткізе алатын кез келген адам { $edition ->
        [internal] ішкі басылымды (токенмен), шектеулі жазбаларымен қоса
       *[public] ашық басылымды
    } оқи алады
serving = { $edition ->
        [public] ашық
       *[internal] ішкі
    } басылым мына мекенжайда ұсынылуда: { $url }
live-update = { $what ->
        [all] барлығы { $event ->
            [built] құрастырылды
           *[update] жаңартылды
        }
        [nothing] жарияланатын ештеңе өзгермеді
       *[systems] { $systems } { $event ->
            [built] құрастырылды
           *[update] жаңартылды
        }
    }: { $written } файл жазылды, { $removed } файл жойылды, { $ms } мс; архивте { $errors } қате, { $warnings } ескерту
live-more = … және тағы { $more } (барлығын `qoima check` көрсетеді)

## `qoima check` қорытынды жолы.
check-summary = { $date } күнгі жағдай бойынша { $systems } жүйе, { $deposits } депозит тексерілді{ $scope ->
        [named] {" "}(аталғандар бойынша нәтижелер)
       *[all] {""}
    }: { $errors } қате, { $warnings } ескерту, { $infos } мәлімет
check-summary-hidden = {" "}({ $infos } мәлімет жасырылды: --verbose оларды көрсетеді)
check-summary-deadlines = ; мерзімдер: { $open } ашық, { $missed } өтіп кеткен

## Мөрленген депозитті манифестімен салыстыру (D1124-7).
seal-manifest-unreadable = мөрдің манифестін оқу мүмкін емес ({ $error }): manifest-sha256.txt файлын репликадан қалпына келтіріңіз
seal-manifest-changed = манифест өз мөріне (seal.yaml) сәйкес келмейді: ол мөрленгеннен кейін өзгертілген; оны репликадан қалпына келтіріңіз
seal-file-added = мөрленгеннен кейін қосылған файл ({ $number }): мөрленген депозит ешқашан өзгермейді; файлды жойыңыз немесе жаңа нұсқаны депозитке беріңіз
seal-file-missing = мөрленген файл жоқ ({ $number }): оны репликадан қалпына келтіріңіз (`qoima fixity --repair`)
seal-file-unreadable = мөрленген файлды оқу мүмкін емес: { $error }
seal-file-changed = мөрленген файл өзгертілген ({ $number }): оның SHA-256 сомасы манифесттегіден өзгеше; оны репликадан қалпына келтіріңіз

## Депозитарийлік нөмірлер тізілімі және архив.
register-deposit-gone = { $deposit } ({ $number }, { $date } мөрленген) депозитарийлік нөмірлер тізілімінде бар, бірақ оның папкасы архивте жоқ: нөмір берілген депозит ешқашан жойылмайды; { $copy ->
        [replica] папканы толығымен репликадан ({ $replica }) қалпына келтіріңіз
       *[none] папканы толығымен көшірмеден қалпына келтіріңіз (реплика бапталмаған)
    }
register-seal-differs = { $name } файлы { $number } үшін тіркелген файл емес ({ $register }, { $line }-жол): оның SHA-256 сомасы { $got }, тізілімдегісі { $want } — ол мөрленгеннен кейін өзгертілген; { $copy ->
        [replica] { $name } файлын репликадан ({ $replica }) қалпына келтіріңіз
       *[none] { $name } файлын көшірмеден қалпына келтіріңіз (реплика бапталмаған)
    }
register-seal-missing = { $number } нөмірімен тіркелген депозиттің { $name } файлы жоқ ({ $register }, { $line }-жол), сондықтан оның файлдары мөрленген файлдар екенін ештеңе дәлелдемейді; { $copy ->
        [replica] { $name } файлын репликадан ({ $replica }) қалпына келтіріңіз
       *[none] { $name } файлын көшірмеден қалпына келтіріңіз (реплика бапталмаған)
    }
register-number-differs = депозиттің depository_number оқиғасында { $event } көрсетілген, ал тізілім оған { $number } нөмірін берген ({ $register }, { $line }-жол)
register-number-unrecorded = тізілім бұл депозитке { $date } күні { $number } нөмірін берген ({ $register }, { $line }-жол), бірақ оны бірде-бір depository_number оқиғасы жазбаған: жазбаны толықтыру үшін `qoima seal { $deposit }` пәрменін қайта орындаңыз
register-seal-unregistered = бұл депозитте мөр бар, бірақ депозитарийлік нөмірлер тізілімінде ({ $register }) ол туралы жазба жоқ: мөрді тек `qoima seal` қояды. Егер депозит тізілім пайда болғанға дейін мөрленген болса, оны `qoima seal --register-existing { $deposit }` пәрменімен тіркеңіз; әйтпесе { $copy ->
        [replica] депозитті репликадан ({ $replica }) қалпына келтіріңіз
       *[none] депозитті көшірмеден қалпына келтіріңіз (реплика бапталмаған)
    }
replica-not-verified = мөрленген депозиттің репликада әлі тексерілген көшірмесі жоқ: `qoima replicate` пәрменін орындаңыз
replica-none = реплика бапталмаған, сондықтан әрбір мөрленген депозит бір данада сақталады: site.toml файлында екінші дискіні көрсетіңіз ([replica] root = "/mnt/replica/depository") және `qoima replicate` пәрменін орындаңыз
fixity-chain-rewritten = { $chain ->
        [register] депозитарийлік нөмірлер тізілімі ({ $record })
       *[journal] { $record } жүйесінің журналы
    } { $deposit } депозитінің { $date } күнгі тұтастығын тексеруден кейін қайта жазылған: сол кездегі хэші ({ $head }) онда енді жоқ; оны репликадағы көшірмесімен салыстырып, қалпына келтіріңіз
conclusion-unrecorded = депозитарий есепке алмаған файл: `qoima examine` сақтайтын әрбір қорытындыны { $journal } журналына жазады; бұл файл онда жоқ, сондықтан ол көрсетілмейді және пакетке енгізілмейді — оны жойыңыз
conclusion-changed = файл журналға жазылғаннан кейін өзгертілген: оны репликадан қалпына келтіріңіз
conclusion-unreadable = қорытынды журналда дәл осы байттармен жазылған, бірақ оны қорытынды ретінде оқу мүмкін емес ({ $error }): ол көрсетілмейді; оны репликадан қалпына келтіріңіз
file-unreadable = оқу мүмкін емес: { $error }

## Депозитарийлік нөмірлер тізілімін оқу.
register-unreadable = депозитарийлік нөмірлер тізілімін оқу мүмкін емес: { $error }
register-line-unreadable = депозитарийлік нөмірлер тізілімінің бұл жолын оқу мүмкін емес: жолда табуляциямен бөлінген нөмір, күн (ЖЖЖЖ-АА-КК), депозит (ЖҮЙЕ/НҰСҚА), мөрлеген адам және үш SHA-256 сомасы болады; тізілімді репликадан қалпына келтіріңіз
register-chain-broken = тізілім тізбегі осы жерде үзілген: бұл жол алдыңғы жол ретінде { $named } хэшін атайды, бірақ алдыңғы жолдың хэші — { $actual }; жоғарыдағы жол өзгертілген, жойылған немесе жылжытылған — тізілімді репликадағы көшірмесімен салыстырып, қалпына келтіріңіз
register-number-twice = { $number } депозитарий нөмірі { $first }-жолда бұрын берілген: нөмір ешқашан екі рет берілмейді
register-deposit-twice = { $deposit } депозитіне { $first }-жолда бұрын нөмір берілген: депозитке бір нөмір беріледі; жаңа нұсқа — жаңа депозит
register-out-of-order = реттілік бұзылған: { $date } күнгі { $number } нөмірі { $first_date } күнімен белгіленген { $first }-жолдан кейін тұр; жолдар депозиттер тіркелген сайын қосылады

## Каталог: депозиттердің тексеру қорытындылары туралы (D1124-40).

## `seal` депозитті не себепті мөрлемеді (стандартты қате ағыны).
error-as-said = { $error }
seal-deposit-unnamed = `{ $key }`: депозитті SYSTEM/VERSION түрінде атаңыз
seal-deposit-unknown = { $archive } ішінде { $key } депозиті жоқ
seal-has-errors = { $key } депозитінде қателер бар; мөрлемес бұрын оларды түзетіп, `qoima check` пәрменін орындаңыз:
    { $errors }
seal-sealed-already = { $key } бұрыннан мөрленген; мөр ешқашан ауыстырылмайды (оның орнына жаңа нұсқаны депозитке беріңіз). Мөрдің бүтіндігін `qoima check` көрсетеді
seal-register-differs = депозитарийлік нөмірлер тізілімінде { $key } депозитінің мөрі бар ({ $line }-жол, { $number }), бірақ бұл депозит оған енді сәйкес келмейді: мөр тіркелгеннен кейін оның файлдары өзгертілген. Оларды репликадан қалпына келтіріңіз немесе тізілімді жүргізушіге жүгініңіз
seal-registered-already = { $key } тізілімде бұрыннан бар ({ $number }, { $line }-жол)
seal-unreadable = { $key } депозитінде оқылатын мөр жоқ: онда не дұрыс емес екенін `qoima check` көрсетеді
seal-record-unreadable = { $key }: seal.yaml файлын немесе оның манифестін оқу мүмкін емес
seal-files-differ = { $key }: оның файлдары манифестке енді сәйкес келмейді, сондықтан бұл мөрді тіркеу мүмкін емес; айырмашылықтарды `qoima check` тізіп береді

## `fixity` тапқаны, терминалда: тұтастықты тексеру журналының әр жолы оператордың тілінде
## (журналдың өзінде ағылшынша қалады). Файлдікі оның жолынан кейін айтылады.
fixity-said-differs = SHA-256 сомасы манифесттегіден өзгеше
fixity-said-missing = жоқ
fixity-said-symlink = символдық сілтеме; ол арқылы ештеңе оқылмайды
fixity-said-not-regular = енді кәдімгі файл емес
fixity-said-unreadable = оқу мүмкін емес: { $error }
fixity-said-not-registered = депозитарийлік нөмірлер тізілімінде тіркелгенінен өзгеше
fixity-said-not-utf8 = UTF-8 кодтауында емес
fixity-said-added = мөрленгеннен кейін қосылған
fixity-said-folder-missing = депозит папкасы архивте жоқ
fixity-said-no-manifest = тіркелген манифест бірде-бір көшірмеде жоқ: файлдарды тексеру мүмкін емес (жоғалту)
fixity-said-unregistered = мөрленген, бірақ депозитарийлік нөмірлер тізілімінде жоқ ({ $register }): не мөрленгенін ештеңе дәлелдемейді
fixity-said-both-match = екі көшірме де сәйкес
fixity-said-repaired = репликадан қалпына келтірілді
fixity-said-repair-unverified = репликадан қалпына келтіру тексеруден өтпеді
fixity-said-repair-failed = қалпына келтіру сәтсіз аяқталды: { $error }
fixity-said-replica-repaired = реплика түпнұсқадан қалпына келтірілді
fixity-said-replica-repair-unverified = репликаны қалпына келтіру тексеруден өтпеді
fixity-said-replica-repair-failed = репликаны қалпына келтіру сәтсіз аяқталды: { $error }
fixity-said-no-replica = жоғалту — реплика бапталмаған
fixity-said-no-copy-matches = жоғалту — тізілімге бірде-бір көшірме сәйкес келмейді; ештеңе өзгертілмеді
fixity-said-added-left = мөрленгеннен кейін қосылған файлдар операторға қалдырылды
fixity-said-not-in-manifest = тіркелген манифестте жоқ; операторға қалдырылды
fixity-said-replica = реплика
fixity-record-diverged = { $record }: архивтегі көшірме репликадағы көшірменің жалғасы емес — репликаға көшірілгеннен бері бір жазба өзгертілген немесе жойылған; екі көшірмені салыстырыңыз

## `replicate` нені қабылдамайды, неден ескертеді және нені көшіре алмады.
replicate-no-replica = site.toml файлында реплика көрсетілмеген: [replica] root = "/mnt/replica/depository" жолын қосыңыз
replicate-root-not-folder = { $root } реплика түбірі папка емес; ештеңе көшірілмеді
replicate-root-unreachable = { $root } реплика түбіріне қол жеткізу мүмкін емес ({ $error }): оның дискісі қосылған ба? Ештеңе көшірілмеді; қосылмаған диск ешқашан көшірме деп қабылданбауы үшін qoima реплика түбірін ешқашан өзі жасамайды
replicate-same-drive = { $root } репликасы архивпен бір дискіде тұр: ондағы екінші көшірме біріншісімен бірге жоғалады (D1124-31); оны басқа дискіге орналастырыңыз
replicate-original-unregistered = түпнұсқаның мөрі депозитарийлік нөмірлер тізіліміндегіден өзгеше: көшірілмеді (алдымен `qoima fixity` пәрменін орындап, оны қалпына келтіріңіз)
replicate-original-differs = { $file }: түпнұсқа манифестке сәйкес келмейді (`qoima fixity` пәрменін орындаңыз)
replicate-copy-differs = { $file }: көшірме манифестке сәйкес келмейді
replicate-file-not-copied = { $file }: { $why }
replicate-record-copied = { $record }
replicate-record-not-copied = { $record }: көшірілмеді: { $why }

## Көшіру қабылдамайтын жолдар: ол символдық сілтеме арқылы да, өз папкасынан тыс та өтпейді, тек кәдімгі файлдарды жазады.
path-not-plain = { $path }: папкалар ағашының ішіндегі қарапайым жол емес
path-empty = { $path }: бос жол
path-symlink-refused = { $path }: символдық сілтеме; ол арқылы ешқашан ештеңе жазылмайды да, оқылмайды да
path-not-folder = { $path }: папка емес
path-not-regular = { $path }: кәдімгі файл емес

## Жазбалардың құлпын күту (стандартты қате ағыны): qoima-ның басқа іске қосылуы тізілімге немесе журналға жазып жатыр.
lock-taken-over = жазбаларды осы хосттың { $pid } процесі құлыптаған, бірақ ол енді жұмыс істемейді; құлыпты осы процесс алады
lock-waiting = жазбалар күтілуде, оларды құлыптаған: { $holder }
lock-held = депозитарийдің жазбаларын { $holder } құлыптаған ({ $lock }); ол процесс енді жұмыс істемесе, құлып файлын жойыңыз

## `package` пакетті не себепті жасамады (стандартты қате ағыны); тиісті файлдар одан кейін, әрқайсысы жеке жолда.
package-no-such-deposit = { $deposit }: мұндай депозит жоқ
package-not-sealed = { $deposit }: мөрленбеген; пакетке тек мөрленген депозиттер енеді (qoima seal { $deposit })
package-restricted-alone = { $system }: оның мөрленген депозиттеріне қол жеткізу шектелген, ал ашық жүйенің пакетіне олар ешқашан енбейді; әрқайсысын жеке пакеттеңіз: { $commands }
package-none-sealed = { $system }: бірде-бір депозит мөрленбеген; пакетке тек мөрленген депозиттер енеді (qoima seal)
package-no-such-system = { $system }: мұндай жүйе жоқ
package-seal-fails = мөр енді расталмайды; ештеңе жазылмады. Тексеруден өтпеген файлдар:
package-seal-fails-unwritten = мөр енді расталмайды; пакет жазылмады. Тексеруден өтпеген файлдар:
package-names-collide = бұл атаулар Unicode нормализациясынан (NFC/NFD) кейін бір атауға айналады және пакетті ашқанда бірін-бірі қайта жазады; әр жұптың біреуінің атын өзгертіңіз:
package-theme-unrenderable = безендіру тақырыбының { $template } үлгісін шығару мүмкін емес: { $error }
package-file-symlink = { $file }: символдық сілтеме (→ { $target }); пакетке тек кәдімгі файлдар енеді
package-file-not-regular = { $file }: кәдімгі файл емес
package-file-added = { $file }: мөрленгеннен кейін қосылған (D1124-7)
package-file-missing = { $file }: мөрленген, бірақ жоқ
package-file-differs = { $file }: SHA-256 сомасы { $got } мөрдегі { $want } сомасынан өзгеше
package-name-twins = { $names }

## Құралдың өзі стандартты қате ағынына жазатын жолдың басы.
prefix-error = қате
prefix-warning = ескерту

## Операциялық жүйенің қатесі.
io-error = { $kind ->
        [not-found] мұндай файл немесе папка жоқ
        [permission-denied] қолжеткізу құқығы жоқ
        [already-exists] мұндай файл бұрыннан бар
        [is-a-directory] бұл — файл емес, папка
        [not-a-directory] бұл — папка емес
        [directory-not-empty] папка бос емес
        [storage-full] дискіде бос орын жоқ
        [read-only] файлдық жүйе тек оқуға арналған
        [too-large] файл тым үлкен
        [invalid-name] файл атауы жарамсыз
        [crosses-devices] файлды басқа дискіге бұлай жылжыту мүмкін емес
        [busy] файлды немесе құрылғыны басқа бағдарлама пайдаланып отыр
        [network] желілік диск қолжетімсіз
        [timed-out] күту уақыты өтіп кетті
        [unexpected-end] файл күтпеген жерде аяқталды
        [address-in-use] бұл мекенжайды басқа бағдарлама пайдаланып отыр
        [address-unavailable] бұл компьютерде мұндай мекенжай жоқ
        [connection-refused] қосылудан бас тартылды
       *[other] { $error }
    }

## `qoima build`: беттері басқа атаумен жарияланатын папкалар.
build-folder-renamed = { $dir }: папка атауы { $trouble }; оның беттері `{ $published }` деген атаумен жарияланады
build-case-twins = { $dirs }: әріп регистрін ажыратпайтын дискіде (Windows, macOS, SMB ортақ қалталары) бұл папкалардың беттері бір `{ $folded }` папкасына түседі

## site.toml және ол атайтын файлдар.
site-unreadable = { $path }: файлды оқу мүмкін емес: { $error }
site-unknown-key = { $at }: `{ $key }` — бұл жерде белгісіз кілт{ $expected ->
        [none] {""}
       *[other] ; мүмкін кілттер: { $expected }
    }
site-missing-key = { $at }: міндетті `{ $key }` кілті жоқ
site-duplicate-key = { $at }: бұл кілт жоғарыда жазылған; әр кілт бір рет жазылады
site-invalid = { $at }: site.toml файлы TOML пішіміне немесе оның сипаттамасына сәйкес келмейді (TOML оқу құралы: { $said })
site-rulebook-unreadable = { $file }: site.toml атаған ережелер жинағын оқу мүмкін емес: { $error }
site-calendar-unreadable = { $file }: site.toml атаған күнтізбені оқу мүмкін емес: { $error }
site-fallback-unknown = site.toml: [rules] fallback `{ $book }` деп атайды, бірақ мұндай ережелер жинағы жоқ (бары: { $known })

## Безендіру тақырыбы.
theme-templates-unreadable = { $path }: тақырып үлгілерін оқу мүмкін емес: { $error }
theme-templates-invalid = { $theme } тақырыбы: үлгіде қате бар (Tera үлгі құралы: { $error })
theme-words-unreadable = { $path }: { $error }
theme-words-invalid = { $path }: аударма файлы TOML пішіміне сәйкес келмейді (TOML оқу құралы: { $error })
theme-english-missing = { $theme } тақырыбы: i18n/en.toml файлы жоқ (ағылшын мәтіндері басқа тілдерде жоқ сөздердің орнын толтырады)
