//! Reading the archive and the commands' own lines in the operator's language: every kind of
//! finding loading makes (YAML, names, links, special files, folders) and the summaries of
//! `seal`, `build` and `fixity`, in Kazakh (`--lang kk`) and Russian (the locale), with the
//! English kept for `--lang en` and for the JSON report.

use crate::common;

use common::*;
use std::fs;

/// The minimal site with one of each thing loading reports: a stray file in the archive and in
/// the system folder, a deposit.yaml with a misspelt field, one with a key given twice, one with
/// a value YAML 1.1 misreads, a version folder without deposit.yaml, a symbolic link out of the
/// archive, a folder that is no component, a file outside the components, names Windows refuses
/// or that hide a character, names that differ by case, a FIFO and two names of one file.
fn troubled() -> Site {
    let site = Site::minimal();
    site.write("archive/stray.txt", "not a system\n");
    site.write("archive/e-permits/notes.txt", "not a deposit\n");
    site.copy_deposit(DEPOSIT, "archive/e-permits/2.0");
    site.edit("archive/e-permits/2.0/deposit.yaml", "version: \"1.0\"", "version: \"2.0\"");
    site.edit("archive/e-permits/2.0/deposit.yaml", "applicant:", "applicnt:");
    site.copy_deposit(DEPOSIT, "archive/e-permits/3.0");
    site.edit("archive/e-permits/3.0/deposit.yaml", "copies: 2\n", "copies: 2\ncopies: 3\n");
    fs::create_dir_all(site.path("archive/e-permits/4.0/source")).unwrap();
    site.write("archive/e-permits/4.0/source/main.c", "int main(void) { return 0; }\n");
    site.edit(DEPOSIT_YAML, "cd_serial: \"CD-0001\"", "cd_serial: 0755");
    std::os::unix::fs::symlink("../../../../../outside.c", site.path("archive/e-permits/1.0/source/link.c")).unwrap();
    site.write("archive/e-permits/1.0/misc/readme.txt", "where?\n");
    site.write("archive/e-permits/1.0/stray.bin", "x");
    site.write("archive/e-permits/1.0/source/a:b.c", "x");
    site.write("archive/e-permits/1.0/source/zero\u{200B}width.c", "x");
    site.write("archive/e-permits/1.0/source/Read.c", "x");
    site.write("archive/e-permits/1.0/source/read.c", "y");
    site.write("archive/e-permits/1.0/source/one.c", "one file\n");
    fs::hard_link(site.path("archive/e-permits/1.0/source/one.c"), site.path("archive/e-permits/1.0/source/two.c"))
        .unwrap();
    let fifo =
        std::ffi::CString::new(site.path("archive/e-permits/1.0/source/pipe").into_os_string().into_encoded_bytes())
            .unwrap();
    // SAFETY: a NUL-terminated path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    site
}

/// `qoima ARGS` run with the variables `env` set, which must exit with `code`: what it wrote
/// to standard output and to standard error.
fn qoima(site: &Site, env: &[(&str, &str)], args: &[&str], code: i32) -> (String, String) {
    let mut cmd = site.cmd();
    cmd.envs(env.iter().copied());
    let out = cmd.args(args).output().unwrap();
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stdout}{stderr}");
    (stdout, stderr)
}

/// Asserts that `out` says each of `texts`, and none of the English of [`ENGLISH`] when `lang`
/// is not English.
fn says(out: &str, texts: &[&str], english: bool) {
    for text in texts {
        assert!(out.contains(text), "no {text:?} in:\n{out}");
    }
    for text in ENGLISH.iter().filter(|_| !english) {
        assert!(!out.contains(text), "{text:?} is still in English:\n{out}");
    }
}

/// The English of each kind of finding: none of it may be left in another language's report.
const ENGLISH: &[&str] = &[
    "belongs to no system",
    "belongs to no deposit",
    "unknown field",
    "did you mean",
    "given twice",
    "the file was not read further",
    "YAML 1.1 tools",
    "the version folder has no deposit.yaml",
    "symbolic link",
    "never follows links",
    "is not a component folder",
    "a file outside the component folders",
    "not allowed in Windows file names",
    "an invisible character",
    "differ only by case",
    "not a regular file",
    "hard links",
];

#[test]
fn loading_findings_are_said_in_kazakh() {
    let site = troubled();
    let (out, _) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["--lang", "kk", "check"], 1);
    let kazakh = [
        "archive/stray.txt: warning[O146-2.3]: архив папкасында тікелей жатқан файл ешбір жүйеге жатпайды",
        "archive/e-permits/notes.txt: warning[O146-2.3]: жүйе папкасындағы файл ешбір депозитке жатпайды",
        "`applicnt` — белгісіз өріс: `applicant` деп жазғыңыз келді ме? (өрістер тізімін `qoima schema` береді); файл әрі қарай оқылмады",
        "`copies` бір жиында екі рет берілген: біреуін қалдырыңыз; файл әрі қарай оқылмады",
        "`cd_serial: 0755` тырнақшасыз жазылған, ал YAML 1.1 құралдары оны сегіздік сан деп оқиды",
        "archive/e-permits/4.0: error[O146-7]: нұсқа папкасында deposit.yaml жоқ",
        "архивтен тыс жерді көрсететін символдық сілтеме (→ ../../../../../outside.c); qoima сілтемелер бойынша ешқашан өтпейді",
        "`misc` құрамдас бөлік папкасы емес",
        "archive/e-permits/1.0/stray.bin: error[O146-2.3]: құрамдас бөлік папкаларынан тыс файл",
        "`:` таңбасына Windows файл атауларында рұқсат етілмейді: файл Windows ортақ папкасында",
        "атауда көрінбейтін таңба бар (U+200B)",
        "тек әріп регистрімен ерекшеленетін атаулар (Read.c, read.c)",
        "archive/e-permits/1.0/source/pipe: error[QOIMA-SPECIAL]: қарапайым файл емес (FIFO, сокет немесе құрылғы)",
        "бір файл екі атаумен (қатаң сілтемелер) берілген",
        "2026-11-23 күнгі жағдай бойынша 1 жүйе, 4 депозит тексерілді",
    ];
    says(&out, &kazakh, false);
}

#[test]
fn loading_findings_are_said_in_russian_by_the_locale() {
    let site = troubled();
    let (out, _) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["check"], 1);
    let russian = [
        "файл прямо в папке архива не относится ни к одной системе",
        "файл в папке системы не относится ни к одному депозиту",
        "неизвестное поле `applicnt`: может быть, `applicant`? (поля перечисляет `qoima schema`); дальше файл не читался",
        "`copies` указан дважды в одном наборе полей: оставьте один; дальше файл не читался",
        "`cd_serial: 0755` записано без кавычек, и инструменты YAML 1.1 прочитают его как восьмеричное число",
        "archive/e-permits/4.0: error[O146-7]: в папке версии нет deposit.yaml",
        "символическая ссылка за пределы архива (→ ../../../../../outside.c)",
        "`misc` — не папка компонента",
        "файл вне папок компонентов",
        "`:` не допускается в именах файлов Windows: файл пропадёт или будет переименован",
        "в имени есть невидимый символ (U+200B)",
        "имена, различающиеся только регистром (Read.c, read.c)",
        "не обычный файл (FIFO, сокет или устройство)",
        "один файл под двумя именами (жёсткие ссылки)",
        "на 2026-11-23 проверены: 1 система, 4 депозита",
    ];
    says(&out, &russian, false);
}

#[test]
fn english_and_the_json_report_keep_the_english_text_with_the_message_and_its_reason() {
    let site = troubled();
    let (out, _) = qoima(&site, &[], &["--lang", "en", "check"], 1);
    let english = [
        "unknown field `applicnt`: did you mean `applicant`? (`qoima schema` lists the fields); the file was not read further",
        "`copies` is given twice in the same mapping: keep one; the file was not read further",
        "a symbolic link pointing outside the archive (→ ../../../../../outside.c); qoima never follows links",
        "`:` is not allowed in Windows file names: the file would be lost or renamed",
    ];
    says(&out, &english, true);
    let (_, report) = site.check();
    let unread = find(&report, "error", "QOIMA-YAML", "archive/e-permits/2.0/deposit.yaml");
    assert_eq!(unread["message_id"], "yaml-not-read");
    assert_eq!(
        unread["args"],
        serde_json::json!({"reason": {"id": "yaml-unknown-field",
            "args": {"hint": "yes", "suggestion": "applicant", "field": "applicnt"}}})
    );
    assert_eq!(
        unread["message"],
        "unknown field `applicnt`: did you mean `applicant`? (`qoima schema` lists the fields); the file was not read further"
    );
    let link = find(&report, "error", "QOIMA-SYMLINK", "archive/e-permits/1.0/source/link.c");
    assert_eq!(link["message_id"], "symlink-outside");
    assert_eq!(link["args"], serde_json::json!({"target": "../../../../../outside.c"}));
}

#[test]
fn an_archive_folder_that_cannot_be_read_is_said_in_the_operators_language() {
    let site = Site::minimal();
    fs::remove_dir_all(site.path("archive")).unwrap();
    let (_, err) = qoima(&site, &[], &["--lang", "kk", "check"], 2);
    says(&err, &["архив папкасын оқу мүмкін емес", "site.toml файлында [site] archive мәнін көрсетіңіз"], false);
    assert!(!err.contains("cannot read the archive folder"), "{err}");
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["check"], 2);
    says(
        &err,
        &["не удаётся прочитать папку архива", "(укажите [site] archive в site.toml или передайте --root)"],
        false,
    );
}

/// The minimal site with the theme, to build.
fn buildable() -> Site {
    let site = Site::minimal();
    copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
    site
}

#[test]
fn seal_build_and_fixity_summarise_in_kazakh() {
    let site = buildable();
    let kk = |args: &[&str]| qoima(&site, &[], &[&["--lang", "kk"], args].concat(), 0).0;
    let sealed = "e-permits/1.0 депозиті KZ-DEP-2023-000001 нөмірімен мөрленді: 8 файл, ";
    let hint = " байт; депозитарийлік нөмірлер тізілімінің 3-жолы\n\
                coreutils арқылы тексеру: (cd archive/e-permits/1.0 && sha256sum -c manifest-sha256.txt)";
    let out = kk(&["seal", "e-permits/1.0"]);
    says(&out, &[sealed, hint], false);
    assert!(!out.contains("sealed e-permits") && !out.contains("verify with"), "{out}");
    let out = kk(&["build"]);
    says(&out, &["ашық басылым құрастырылды: ", "ішкі басылым құрастырылды: "], false);
    assert!(!out.contains("built the"), "{out}");
    let out = kk(&["fixity"]);
    let fixity = [
        "e-permits/1.0 (KZ-DEP-2023-000001): сәйкес — 8 файл, ",
        "1 депозит тексерілді, оның 0 депозитінде айырмашылық бар; ",
    ];
    says(&out, &fixity, false);
    assert!(!out.contains("deposits checked"), "{out}");
    let (_, err) = qoima(&site, &[], &["--lang", "kk", "check", "nosuch"], 2);
    says(&err, &["nosuch: archive ішінде мұндай жүйе де, депозит те жоқ"], false);
}

#[test]
fn seal_build_and_fixity_summarise_in_russian_by_the_locale() {
    let site = buildable();
    let ru = |args: &[&str]| qoima(&site, &[("LANG", "ru_RU.UTF-8")], args, 0).0;
    let sealed = "опечатан депозит e-permits/1.0 под номером KZ-DEP-2023-000001: 8 файлов, ";
    let hint =
        " байт; строка 3 реестра депозитарных номеров\nпроверка средствами coreutils: (cd archive/e-permits/1.0 && ";
    says(&ru(&["seal", "e-permits/1.0"]), &[sealed, hint], false);
    let out = ru(&["build", "--edition", "public"]);
    says(&out, &["собрана публичная редакция: "], false);
    assert!(!out.contains("built the"), "{out}");
    let fixity = [
        "e-permits/1.0 (KZ-DEP-2023-000001): совпадает — 8 файлов, ",
        "проверено депозитов: 1, с расхождениями: 0; записано в ",
    ];
    says(&ru(&["fixity"]), &fixity, false);
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["check", "nosuch"], 2);
    says(&err, &["nosuch: в archive нет такой системы или депозита"], false);
    // English stays as it was.
    let (out, _) = qoima(&site, &[], &["fixity"], 0);
    says(
        &out,
        &[
            "e-permits/1.0 (KZ-DEP-2023-000001): success — 8 files, ",
            "1 deposits checked, 0 with differences; logged in ",
        ],
        true,
    );
}

#[test]
fn record_refuses_in_the_operators_language() {
    let site = Site::minimal();
    let misspelt = ["record", "e-permits/1.0", "certificat", "--date", "2026-11-20"];
    let (_, err) = qoima(&site, &[], &[&["--lang", "kk"], &misspelt[..]].concat(), 1);
    says(&err, &["мұнда белгісіз оқиға түрі: `certificat`", "ештеңе жазылған жоқ"], false);
    assert!(!err.contains("unknown event kind") && !err.contains("nothing was recorded"), "{err}");
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &misspelt, 1);
    says(&err, &["неизвестный здесь вид события `certificat`", "ничего не записано"], false);
    let nowhere = ["record", "nowhere/1.0", "decommissioned", "--date", "2026-11-20"];
    let (_, err) = qoima(&site, &[], &[&["--lang", "kk"], &nowhere[..]].concat(), 2);
    says(&err, &["archive ішінде `nowhere` жүйесі жоқ"], false);
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &nowhere, 2);
    says(&err, &["в archive нет системы `nowhere`"], false);
    let (_, err) = qoima(&site, &[], &nowhere, 2);
    says(&err, &["no system `nowhere` in archive"], true);
}

#[test]
fn a_missing_site_toml_is_said_in_the_operators_language() {
    let site = Site::minimal();
    fs::remove_file(site.path("site.toml")).unwrap();
    let (_, err) = qoima(&site, &[], &["--lang", "kk", "check"], 2);
    says(&err, &["бұл жерде де, жоғарыдағы папкалардың ешқайсысында да site.toml жоқ"], false);
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["build"], 2);
    says(&err, &["site.toml нет ни здесь, ни в папках выше"], false);
    let (_, err) = qoima(&site, &[], &["check"], 2);
    let english =
        "site.toml: no site.toml here or in any folder above: run qoima inside a site root, or pass --root DIR";
    says(&err, &[english], true);
}

#[test]
fn seal_refuses_in_the_operators_language() {
    let site = Site::minimal();
    let seal = ["seal", "e-permits/1.0", "--by", "Ахметова Г."];
    qoima(&site, &[], &seal, 0);
    let english = "is sealed already; a seal is never replaced";
    let (_, err) = qoima(&site, &[], &[&["--lang", "kk"], &seal[..]].concat(), 2);
    says(&err, &["e-permits/1.0 бұрыннан мөрленген; мөр ешқашан ауыстырылмайды"], false);
    assert!(!err.contains(english), "{err}");
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &seal, 2);
    says(&err, &["e-permits/1.0 уже опечатан; печать никогда не заменяется"], false);
    assert!(!err.contains(english), "{err}");
    let (_, err) = qoima(&site, &[], &seal, 2);
    says(&err, &["e-permits/1.0 is sealed already; a seal is never replaced (deposit a new version instead)"], true);
    // A deposit with errors: the reason and each finding in the operator's language.
    site.write(
        "archive/e-permits/2.0/deposit.yaml",
        &site.read(DEPOSIT_YAML).replace("version: \"1.0\"", "version: \"2.0\""),
    );
    site.write("archive/e-permits/2.0/stray.bin", "x");
    let (_, err) = qoima(&site, &[], &["--lang", "kk", "seal", "e-permits/2.0", "--by", "Ахметова Г."], 2);
    let kazakh = ["e-permits/2.0 депозитінде қателер бар", "құрамдас бөлік папкаларынан тыс файл"];
    says(&err, &kazakh, false);
    assert!(!err.contains("has errors") && !err.contains("a file outside the component folders"), "{err}");
}

#[test]
fn fixity_says_what_it_found_in_the_operators_language_and_logs_it_in_english() {
    let site = Site::minimal();
    qoima(&site, &[], &["seal", "e-permits/1.0", "--by", "Ахметова Г."], 0);
    site.edit("archive/e-permits/1.0/source/main.c", "return 0;", "return 1;");
    let english = "source/main.c: SHA-256 differs from the manifest";
    let (out, _) = qoima(&site, &[], &["--lang", "kk", "fixity"], 1);
    says(&out, &["  source/main.c: SHA-256 сомасы манифесттегіден өзгеше\n"], false);
    assert!(!out.contains(english), "{out}");
    let (out, _) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["fixity"], 1);
    says(&out, &["  source/main.c: SHA-256 не совпадает с манифестом\n"], false);
    assert!(!out.contains(english), "{out}");
    let (out, _) = qoima(&site, &[], &["fixity"], 1);
    says(&out, &[english], true);
    // The log keeps the English, whatever the operator read.
    let log = site.read("fixity-log.jsonl");
    assert_eq!(log.matches(english).count(), 3, "{log}");
    assert!(!log.contains("манифест"), "{log}");
}

#[test]
fn replicate_refuses_and_warns_in_the_operators_language_and_logs_in_english() {
    let site = Site::minimal();
    qoima(&site, &[], &["seal", "e-permits/1.0", "--by", "Ахметова Г."], 0);
    let missing = site.path("unmounted");
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}\n[replica]\nroot = \"{}\"\n", missing.display()));
    let english = "cannot be reached";
    let (_, err) = qoima(&site, &[], &["--lang", "kk", "replicate"], 2);
    says(&err, &["реплика түбіріне қол жеткізу мүмкін емес", "оның дискісі қосылған ба? Ештеңе көшірілмеді"], false);
    assert!(!err.contains(english) && !err.contains("Nothing was copied"), "{err}");
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["replicate"], 2);
    says(&err, &["корень реплики", "недоступен", "подключён ли его диск? Ничего не скопировано"], false);
    assert!(!err.contains(english), "{err}");
    let (_, err) = qoima(&site, &[], &["replicate"], 2);
    says(&err, &[&format!("the replica root {} cannot be reached (", missing.display())], true);
    assert!(!missing.exists(), "the replica's root was made");
    // A replica on the same drive with a symbolic link inside: warned and refused, file by file.
    fs::create_dir_all(missing.join("archive")).unwrap();
    fs::create_dir_all(site.path("elsewhere")).unwrap();
    std::os::unix::fs::symlink(site.path("elsewhere"), missing.join("archive/e-permits")).unwrap();
    let (out, err) = qoima(&site, &[], &["--lang", "kk", "replicate"], 1);
    says(&err, &["репликасы архивпен бір дискіде тұр"], false);
    says(&out, &["archive/e-permits/1.0/seal.yaml: ", "/archive/e-permits: символдық сілтеме; ол арқылы"], false);
    assert!(!err.contains("same drive") && !out.contains("a symbolic link"), "{err}{out}");
    let (out, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["replicate"], 1);
    says(&err, &["находится на том же диске, что и архив"], false);
    says(&out, &["/archive/e-permits: символическая ссылка; через неё ничего не пишется и не читается"], false);
    assert!(!out.contains("a symbolic link"), "{out}");
    assert!(fs::read_dir(site.path("elsewhere")).unwrap().next().is_none(), "written through the link");
    // The fixity log keeps the English of what was not copied.
    let log = site.read("fixity-log.jsonl");
    assert!(log.contains("/archive/e-permits: a symbolic link; never written or read through"), "{log}");
    assert!(!log.contains("символ"), "{log}");
}

#[test]
fn package_refuses_in_the_operators_language() {
    let site = buildable();
    let english = "not sealed; a package holds sealed deposits only";
    let (_, err) = qoima(&site, &[], &["--lang", "kk", "package", "e-permits", "1.0"], 1);
    says(
        &err,
        &["e-permits/1.0: мөрленбеген; пакетке тек мөрленген депозиттер енеді (qoima seal e-permits/1.0)"],
        false,
    );
    assert!(!err.contains(english), "{err}");
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["package", "e-permits"], 1);
    says(&err, &["e-permits: ни один депозит не опечатан; в пакет входят только опечатанные депозиты"], false);
    assert!(!err.contains("no deposit is sealed"), "{err}");
    let (_, err) = qoima(&site, &[], &["package", "e-permits", "1.0"], 1);
    says(&err, &[&format!("e-permits/1.0: {english} (qoima seal e-permits/1.0)")], true);
    // The JSON report keeps the English.
    let (out, _) = qoima(&site, &[], &["--lang", "kk", "package", "e-permits", "--format", "json"], 1);
    assert!(
        out.contains("e-permits: no deposit is sealed; a package holds sealed deposits only (qoima seal)"),
        "{out}"
    );
    // Sealed, then a file added: the refusal and each file said in the language.
    qoima(&site, &[], &["seal", "e-permits/1.0", "--by", "Ахметова Г."], 0);
    site.write("archive/e-permits/1.0/source/added.c", "int added;\n");
    let (_, err) = qoima(&site, &[], &["--lang", "kk", "package", "e-permits", "1.0"], 1);
    let kazakh = [
        "мөр енді расталмайды; ештеңе жазылмады",
        "\n  archive/e-permits/1.0/source/added.c: мөрленгеннен кейін қосылған (D1124-7)",
    ];
    says(&err, &kazakh, false);
    assert!(!err.contains("added after the seal") && !err.contains("no longer verifies"), "{err}");
    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["package", "e-permits", "1.0"], 1);
    says(&err, &["archive/e-permits/1.0/source/added.c: добавлен после опечатывания (D1124-7)"], false);
    let (out, _) = qoima(&site, &[], &["--lang", "ru", "package", "e-permits", "1.0", "--format", "json"], 1);
    assert!(out.contains("\"archive/e-permits/1.0/source/added.c: added after the seal (D1124-7)\""), "{out}");
}

/// What stops qoima before it reads the archive — site.toml, the calendar and rulebooks it
/// names, the theme — and the build's warning about a folder renamed in the catalogue, with the
/// operating system's reason: in Kazakh, in Russian by the locale, and in English as before.
#[test]
fn site_calendar_rulebook_and_theme_errors_are_said_in_the_operators_language() {
    let site = buildable();
    let toml = fs::read_to_string(site.path("site.toml")).unwrap();
    let err = |env: &[(&str, &str)], args: &[&str], code: i32| qoima(&site, env, args, code).1;
    let ru = [("LANG", "ru_RU.UTF-8")];

    site.write("site.toml", &toml.replace("[site]\n", "[site]\narchve = \"x\"\n"));
    let kazakh = "/site.toml:3:1: `archve` — бұл жерде белгісіз кілт; мүмкін кілттер: `title`";
    says(&err(&[], &["--lang", "kk", "check"], 2), &["қате: ", kazakh], false);
    let russian = "/site.toml:3:1: `archve` — неизвестный здесь ключ; допустимые ключи: `title`";
    says(&err(&ru, &["check"], 2), &["ошибка: ", russian], false);
    let english = "/site.toml:3:1: unknown key `archve`; the keys allowed here: `title`";
    says(&err(&[], &["check"], 2), &["error: ", english], true);

    site.write("site.toml", &format!("{toml}[calendar]\nfiles = [\"local.yaml\"]\n"));
    let kazakh = "қате: local.yaml: site.toml атаған күнтізбені оқу мүмкін емес: мұндай файл немесе папка жоқ";
    says(&err(&[], &["--lang", "kk", "check"], 2), &[kazakh], false);
    site.write("local.yaml", "transfers:\n  - {worked: 2026-12-07, off: 2026-12-08}\n");
    let russian = "ошибка: local.yaml:2:14: рабочий день 2026-12-07 — понедельник, он и так рабочий";
    says(&err(&ru, &["check"], 2), &[russian], false);
    let english = "error: local.yaml:2:14: the day worked 2026-12-07 is a Monday, already a working day";
    says(&err(&[], &["check"], 2), &[english], true);

    site.write("site.toml", &format!("{toml}[rules]\nfiles = []\nfallback = \"X9\"\n"));
    let kazakh = "site.toml: [rules] fallback `X9` деп атайды, бірақ мұндай ережелер жинағы жоқ (бары: ";
    says(&err(&[], &["--lang", "kk", "check"], 2), &[kazakh], false);

    site.write("site.toml", &toml);
    fs::rename(site.path("themes/default/templates"), site.path("themes/default/hidden")).unwrap();
    let kazakh = "тақырып үлгілерін оқу мүмкін емес: мұндай файл немесе папка жоқ";
    let said = err(&[], &["--lang", "kk", "build"], 2);
    says(&said, &["қате: ", kazakh], false);
    assert!(!said.contains("No such file") && !said.contains("cannot read"), "{said}");
    let russian = "ошибка: ";
    says(&err(&ru, &["build"], 2), &[russian, "не удаётся прочитать шаблоны темы: нет такого файла или папки"], false);
    fs::rename(site.path("themes/default/hidden"), site.path("themes/default/templates")).unwrap();

    site.copy_deposit(DEPOSIT, "archive/e-permits/index.html");
    site.edit("archive/e-permits/index.html/deposit.yaml", "version: \"1.0\"", "version: \"index.html\"");
    let (_, said) = qoima(&site, &[], &["--lang", "kk", "build"], 0);
    let kazakh = "ескерту: archive/e-permits/index.html: папка атауы қасында жазылатын беттер сияқты `.html` деп аяқталады; оның беттері `x-";
    says(&said, &[kazakh], false);
    let (_, said) = qoima(&site, &[], &["build"], 0);
    let english = "warning: archive/e-permits/index.html: the folder name ends in `.html`, like the pages written beside it; its pages are published as `x-";
    says(&said, &[english], true);
}

/// A bag with a bagit.txt line RFC 8493 does not expect, a listed file that is missing, a wrong
/// checksum and a name Windows refuses: `verify` says each problem and its verdict in the
/// operator's language, and the JSON report keeps the English with each problem's id and
/// arguments beside it.
#[test]
fn verify_says_a_bags_problems_in_the_operators_language() {
    let site = Site::minimal();
    let bag = site.path("bag");
    fs::create_dir_all(bag.join("data")).unwrap();
    fs::write(bag.join("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\nextra\n").unwrap();
    fs::write(bag.join("data/a.txt"), "a").unwrap();
    fs::write(bag.join("data/b:c.txt"), "b").unwrap();
    let a = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
    let b = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";
    fs::write(bag.join("manifest-sha256.txt"), format!("{b}  data/a.txt\n{b}  data/b:c.txt\n{a}  data/gone.txt\n"))
        .unwrap();
    let bag = bag.to_str().unwrap();

    let (out, err) = qoima(&site, &[], &["--lang", "kk", "verify", bag], 1);
    let kazakh = [
        "қате: bagit.txt:3: `extra` жолы тұр, ал RFC 8493 §2.1.1 бойынша мұнда ештеңе болмауы тиіс: bagit.txt дәл екі жолдан тұрады",
        "қате: manifest-sha256.txt:3: `data/gone.txt` тізімде бар, бірақ пакетте жоқ",
        &format!("қате: manifest-sha256.txt:1: `data/a.txt`: sha256 бақылау сомасы {a}, ал манифестте {b}"),
        "ескерту: data/b:c.txt: `:` таңбасы Windows файл атауларында рұқсат етілмейді",
    ];
    says(&err, &kazakh, false);
    for english in ["error:", "warning:", "listed but missing", "the manifest says", "not allowed in Windows"] {
        assert!(!err.contains(english), "{english:?} is still in English:\n{err}");
    }
    assert!(out.contains("жарамсыз") && !out.contains("invalid"), "{out}");

    let (_, err) = qoima(&site, &[("LANG", "ru_RU.UTF-8")], &["verify", bag], 1);
    let russian = [
        "ошибка: bagit.txt:3: строка `extra` там, где по RFC 8493 §2.1.1 ничего не должно быть: в bagit.txt ровно две строки",
        "ошибка: manifest-sha256.txt:3: `data/gone.txt` указан, но в пакете отсутствует",
        &format!("ошибка: manifest-sha256.txt:1: `data/a.txt`: контрольная сумма sha256 — {a}, а в манифесте — {b}"),
        "предупреждение: data/b:c.txt: символ `:` недопустим в именах файлов Windows",
    ];
    says(&err, &russian, false);
    assert!(!err.contains("error:") && !err.contains("listed but missing"), "{err}");

    let (_, err) = qoima(&site, &[], &["verify", bag], 1);
    let english = [
        "error: bagit.txt:3: `extra` where RFC 8493 §2.1.1 expects nothing: bagit.txt has exactly two lines",
        "error: manifest-sha256.txt:3: `data/gone.txt` is listed but missing from the bag",
        "warning: data/b:c.txt: `:` is not allowed in Windows file names",
    ];
    says(&err, &english, true);

    let (out, _) = qoima(&site, &[], &["--lang", "kk", "--format", "json", "verify", bag], 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let missing = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["message_id"] == "bagit-missing")
        .unwrap_or_else(|| panic!("no bagit-missing in {out}"));
    assert_eq!(missing["message"], "`data/gone.txt` is listed but missing from the bag");
    assert_eq!(missing["args"], serde_json::json!({"path": "data/gone.txt"}));
    assert_eq!((missing["file"].as_str(), missing["line"].as_u64()), (Some("manifest-sha256.txt"), Some(3)));
}
