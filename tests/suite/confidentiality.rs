//! Confidentiality of restricted records (D1124-12, D1124-28; SECURITY.md, "Canaries planted in
//! every restricted field of every output"). A distinct canary is planted in every text field of
//! the restricted system (system.yaml and its deposit's deposit.yaml: names, holder and
//! developer, notes, applicant, items, authors, requirements, build, third-party code,
//! signature, every event particular) and in a file name and file contents of its deposit, and
//! other canaries in a restricted deposit of a public system (e-kezek/1.1). Then:
//!
//! - no canary may appear in any file of the public edition (HTML, search indexes, CSV and JSON
//!   exports, sitemap, anything; read as bytes, compared without case since the search index
//!   folds words to lower case; canaries are letters and digits only, so the index's word
//!   splitting keeps them whole), nor in a package the public edition links, nor in the
//!   package of any public system;
//! - nor in the default log output of the commands that make public output: stdout and stderr
//!   of `qoima build` and `qoima build --edition public` (text and JSON), `qoima package` of a
//!   public system, and `qoima serve --edition public` (its log and the pages it serves).
//!   The output of operator tools that are about the whole archive by design (`check`, `fixity`,
//!   `examine`, `seal`) is not a public output and is not checked.
//!
//! The test is not vacuous: the internal edition shows the canaries of the fields it renders,
//! the restricted system's own package holds every canary (so each was planted in a field that
//! was read), and a control marker planted in a public record is found by the same scan in the
//! public pages, search indexes, CSV and JSON.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Canaries keyed by the field they are planted in.
struct Canaries {
    tag: char,
    list: Vec<(String, String)>,
}

impl Canaries {
    fn new(tag: char) -> Canaries {
        Canaries { tag, list: Vec::new() }
    }

    /// The canary of a field: `CANARY7F3A` + tag + number + `Z`, letters and digits only, all of
    /// one length, so that no canary is part of another.
    fn of(&mut self, field: &str) -> String {
        if let Some((_, c)) = self.list.iter().find(|(f, _)| f == field) {
            return c.clone();
        }
        let c = format!("CANARY7F3A{}{:03}Z", self.tag, self.list.len());
        self.list.push((field.to_string(), c.clone()));
        c
    }

    /// A template with `@@field@@` markers, each replaced by that field's canary.
    fn plant(&mut self, template: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("@@") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after.find("@@").expect("an unclosed @@ marker");
            out.push_str(&self.of(&after[..end]));
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
    }

    fn get(&self, field: &str) -> &str {
        &self.list.iter().find(|(f, _)| f == field).unwrap_or_else(|| panic!("no canary for {field}")).1
    }
}

const RESTRICTED_SYSTEM: &str = r##"# yaml-language-server: $schema=../../docs/schema/system.schema.json
# Restricted access (D1124-12), with a canary in every text field.
code: "@@system.code@@"
names:
  kk: "«Қамқор-Тергеу» @@system.names.kk@@ жүйесі"
  ru: "Информационная система @@system.names.ru@@"
  en: "Qamqor-Tergeu @@system.names.en@@ system"
access: restricted
status: operating
funding: [republican_budget]
holder:
  full_name: {kk: "@@system.holder.full_name.kk@@ министрлігі", ru: "Министерство @@system.holder.full_name.ru@@", en: "Ministry @@system.holder.full_name.en@@"}
  short_name: {kk: "@@system.holder.short_name.kk@@", ru: "@@system.holder.short_name.ru@@", en: "@@system.holder.short_name.en@@"}
  subordination: {kk: "@@system.holder.subordination.kk@@", ru: "@@system.holder.subordination.ru@@", en: "@@system.holder.subordination.en@@"}
  postal_index: "@@system.holder.postal_index@@"
  address: {kk: "Астана қ., @@system.holder.address.kk@@, 1", ru: "г. Астана, @@system.holder.address.ru@@, 1", en: "Astana, @@system.holder.address.en@@, 1"}
  phone: "+7 7172 @@system.holder.phone@@"
  fax: "+7 7172 @@system.holder.fax@@"
  email: "@@system.holder.email@@@mvd.gov.kz"
  website: "https://@@system.holder.website@@.gov.kz/"
  contact_person: "Серікбаев @@system.holder.contact_person@@"
  bin: "@@system.holder.bin@@"
developer:
  full_name: {kk: "@@system.developer.full_name.kk@@ департаменті", ru: "Департамент @@system.developer.full_name.ru@@", en: "Department @@system.developer.full_name.en@@"}
  short_name: {kk: "@@system.developer.short_name.kk@@", ru: "@@system.developer.short_name.ru@@", en: "@@system.developer.short_name.en@@"}
  subordination: {kk: "@@system.developer.subordination.kk@@", ru: "@@system.developer.subordination.ru@@", en: "@@system.developer.subordination.en@@"}
  postal_index: "@@system.developer.postal_index@@"
  address: {kk: "@@system.developer.address.kk@@", ru: "@@system.developer.address.ru@@", en: "@@system.developer.address.en@@"}
  phone: "+7 7172 @@system.developer.phone@@"
  fax: "+7 7172 @@system.developer.fax@@"
  email: "@@system.developer.email@@@mvd.gov.kz"
  website: "https://@@system.developer.website@@.gov.kz/"
  contact_person: "Ахметжанов @@system.developer.contact_person@@"
  bin: "@@system.developer.bin@@"
events:
  - {kind: register_application, date: 2022-09-01, note: "@@system.events.register_application.note@@", by: "@@system.events.register_application.by@@"}
  - {kind: registered, date: 2022-09-20, number: "@@system.events.registered.number@@", to: "@@system.events.registered.to@@"}
  - {kind: registration_certificate, date: 2022-09-27, number: "@@system.events.registration_certificate.number@@"}
notes:
  kk: "Жүйе туралы @@system.notes.kk@@ мәліметтер."
  ru: "Сведения о системе **@@system.notes.ru@@** доступны только во внутренней редакции."
  en: "Internal edition only: @@system.notes.en@@."
"##;

const RESTRICTED_SYSTEM_DEPOSIT: &str = r##"# yaml-language-server: $schema=../../../docs/schema/deposit.schema.json
date: 2022-11-21
applicant:
  kk: "@@deposit.applicant.kk@@ министрлігі"
  ru: "Министерство @@deposit.applicant.ru@@"
  en: "Ministry @@deposit.applicant.en@@"
set_name:
  kk: "«Қамқор-Тергеу» АЖ, @@deposit.set_name.kk@@"
  ru: "ИС «Камкор-Тергеу», @@deposit.set_name.ru@@"
  en: "Qamqor-Tergeu IS, @@deposit.set_name.en@@"
is_code: "@@system.code@@"
copies: 2
items:
  - {name: "@@deposit.items.name@@ № 311-1", cd_serial: "@@deposit.items.cd_serial@@", size_mb: 0.5, original_or_copy: original}
  - {name: "Защищённый носитель № 311-2", cd_serial: "ZN-311-2", size_mb: 0.5, original_or_copy: copy}
  - {name: "docs/@@deposit.file_name@@-admin-guide.md", sheets: 4, original_or_copy: original}
authors: ["@@deposit.authors.0@@ Р. С.", "@@deposit.authors.1@@ Е. Т."]
certification: "Аттестат № @@deposit.certification@@"
release_year: 2022
version: "1.0"
languages: [C, SQL, "@@deposit.languages@@"]
release_date: 2022-10-28
annotation:
  kk: "Есепке алу карточкаларын @@deposit.annotation.kk@@ жүктеу."
  ru: "Загрузка карточек учёта *@@deposit.annotation.ru@@* в центральную базу данных."
  en: "Loads the record cards @@deposit.annotation.en@@ into the central database."
requirements:
  processor: "x86-64 @@deposit.requirements.processor@@"
  coprocessor: "@@deposit.requirements.coprocessor@@"
  frequency: "2,0 ГГц @@deposit.requirements.frequency@@"
  ram: "64 ГБ @@deposit.requirements.ram@@"
  disk: "4 ТБ @@deposit.requirements.disk@@"
  operating_systems: ["Astra Linux SE 1.7 @@deposit.requirements.operating_systems@@"]
  video: "@@deposit.requirements.video@@"
  audio: "@@deposit.requirements.audio@@"
  extra_hardware: "@@deposit.requirements.extra_hardware@@"
  extra_software: "Postgres Pro Standard 14 @@deposit.requirements.extra_software@@"
  other: "@@deposit.requirements.other@@"
protection: "Ограниченный доступ @@deposit.protection@@"
funding: [republican_budget]
access: restricted
copy_permitted: true
build:
  environment: "GCC + GNU Make @@deposit.build.environment@@"
  environment_version: "8.3.0 / 4.2.1 @@deposit.build.environment_version@@"
  configuration: "Astra Linux SE 1.7 @@deposit.build.configuration@@"
  description: "@@deposit.build.description_file@@-BUILD.md"
  steps: ["make @@deposit.build.steps@@", "make test", "make package"]
third_party:
  - {name: "libpq @@deposit.third_party.name@@", version: "14.5-@@deposit.third_party.version@@", license: "PostgreSQL @@deposit.third_party.license@@"}
documentation:
  administrator_guide: "docs/@@deposit.file_name@@-admin-guide.md"
not_applicable:
  extra: "@@deposit.not_applicable.extra@@"
signature: {name: "Жанболатов @@deposit.signature.name@@", position: {kk: "@@deposit.signature.position.kk@@", ru: "@@deposit.signature.position.ru@@", en: "@@deposit.signature.position.en@@"}, sealed: true}
events:
  - {kind: commissioned, date: 2022-11-10, note: "Приказ @@deposit.events.commissioned.note@@"}
  - {kind: application_sent, date: 2022-11-21, by: "@@deposit.events.application_sent.by@@"}
  - {kind: application_registered, date: 2022-11-22, number: "Ж-2022/@@deposit.events.application_registered.number@@", by: "Ахметова @@deposit.events.application_registered.by@@"}
  - {kind: repository_formed, date: 2022-11-24, note: "@@deposit.events.repository_formed.note@@"}
  - {kind: objects_received, date: 2022-11-28, reasons: ["@@deposit.events.objects_received.reasons@@"]}
  - {kind: depository_number, date: 2022-11-28, number: "KZ-DEP-2022-000077"}
  - kind: access_granted
    date: 2023-02-01
    to: "@@deposit.events.access_granted.to@@"
    by: "@@deposit.events.access_granted.by@@"
    authorized_body_notified: true
    document: "docs/@@deposit.file_name@@-admin-guide.md"
notes:
  kk: "Нысандар @@deposit.notes.kk@@ сақталады."
  ru: "Объекты хранятся на защищённых носителях @@deposit.notes.ru@@."
  en: "Kept on protected media @@deposit.notes.en@@."
"##;

/// e-kezek/1.1 made restricted inside the public system e-kezek.
const RESTRICTED_DEPOSIT: &str = r##"# yaml-language-server: $schema=../../../docs/schema/deposit.schema.json
date: 2025-09-15
rulebook: O146
previous: "1.0"
access: restricted
applicant:
  kk: "@@deposit.applicant.kk@@ КЕАҚ"
  ru: "НАО @@deposit.applicant.ru@@"
  en: "NJSC @@deposit.applicant.en@@"
set_name:
  kk: "«Е-Кезек» @@deposit.set_name.kk@@, 1.1 нұсқасы"
  ru: "Электронная очередь @@deposit.set_name.ru@@, версия 1.1"
  en: "E-Kezek @@deposit.set_name.en@@, version 1.1"
is_code: "ISEG-00388"
copies: 1
items:
  - {name: "@@deposit.items.name@@ install/e-kezek-1.1.pyz", cd_serial: "DVD-@@deposit.items.cd_serial@@", size_mb: 0.1, original_or_copy: original}
authors: ["@@deposit.authors.0@@ Н. Б.", "@@deposit.authors.1@@ В. С."]
certification: "@@deposit.certification@@"
release_year: 2025
version: "1.1"
languages: [Python, SQL, "@@deposit.languages@@"]
release_date: 2025-09-01
annotation:
  kk: "Кезек талондарын @@deposit.annotation.kk@@ беру."
  ru: "Выдача талонов **@@deposit.annotation.ru@@** электронной очереди."
  en: "Issues queue tickets @@deposit.annotation.en@@."
requirements:
  processor: "x86-64 @@deposit.requirements.processor@@"
  coprocessor: "@@deposit.requirements.coprocessor@@"
  frequency: "2 ГГц @@deposit.requirements.frequency@@"
  ram: "2 ГБ @@deposit.requirements.ram@@"
  disk: "10 ГБ @@deposit.requirements.disk@@"
  operating_systems: ["Ubuntu 22.04 LTS @@deposit.requirements.operating_systems@@"]
  video: "@@deposit.requirements.video@@"
  audio: "@@deposit.requirements.audio@@"
  extra_hardware: "@@deposit.requirements.extra_hardware@@"
  extra_software: "Python 3.8+ @@deposit.requirements.extra_software@@"
  other: "@@deposit.requirements.other@@"
protection: "Передача третьим лицам запрещена @@deposit.protection@@"
funding: [republican_budget]
copy_permitted: true
build:
  environment: "CPython @@deposit.build.environment@@"
  environment_version: "3.8 or newer @@deposit.build.environment_version@@"
  configuration: "Any Linux with python3 @@deposit.build.configuration@@"
  description: "@@deposit.build.description_file@@-BUILD.md"
  steps: ["python3 build.py @@deposit.build.steps@@"]
third_party:
  - {name: "@@deposit.third_party.name@@", version: "@@deposit.third_party.version@@", license: "@@deposit.third_party.license@@"}
documentation:
  user_guide: "docs/@@deposit.file_name@@-user-guide.md"
not_applicable:
  license-config: "Лицензионное ПО не используется @@deposit.not_applicable.license_config@@"
signature:
  name: "Бекмұханова @@deposit.signature.name@@"
  position: {kk: "@@deposit.signature.position.kk@@", ru: "@@deposit.signature.position.ru@@", en: "@@deposit.signature.position.en@@"}
  sealed: true
events:
  - {kind: commissioned, date: 2025-09-08, note: "Приказ @@deposit.events.commissioned.note@@"}
  - {kind: application_sent, date: 2025-09-15, by: "@@deposit.events.application_sent.by@@"}
  - {kind: application_registered, date: 2025-09-16, number: "Ж-2025/@@deposit.events.application_registered.number@@", by: "Ахметова @@deposit.events.application_registered.by@@"}
  - {kind: repository_formed, date: 2025-09-18, note: "@@deposit.events.repository_formed.note@@"}
  - {kind: objects_received, date: 2025-09-19, by: "@@deposit.events.objects_received.by@@", reasons: ["@@deposit.events.objects_received.reasons@@"]}
  - {kind: depository_number, date: 2025-09-19, number: "KZ-DEP-2025-000052"}
notes:
  kk: "@@deposit.notes.kk@@"
  ru: "@@deposit.notes.ru@@"
  en: "@@deposit.notes.en@@"
"##;

/// Fields of the restricted system the internal edition renders (the system and deposit pages,
/// the printable documents, the reports): their canaries must be there.
const SHOWN_INTERNALLY_S: &[&str] = &[
    "system.code",
    "system.names.kk",
    "system.names.ru",
    "system.names.en",
    "system.holder.full_name.kk",
    "system.holder.full_name.ru",
    "system.holder.full_name.en",
    "system.holder.short_name.kk",
    "system.holder.short_name.ru",
    "system.holder.address.kk",
    "system.holder.address.ru",
    "system.holder.phone",
    "system.holder.email",
    "system.holder.contact_person",
    "system.holder.bin",
    "system.developer.full_name.kk",
    "system.developer.full_name.ru",
    "system.developer.address.kk",
    "system.developer.phone",
    "system.developer.email",
    "system.developer.contact_person",
    "system.events.registered.number",
    "system.events.registration_certificate.number",
    "system.notes.kk",
    "system.notes.ru",
    "system.notes.en",
    "deposit.applicant.kk",
    "deposit.applicant.ru",
    "deposit.set_name.kk",
    "deposit.set_name.ru",
    "deposit.items.name",
    "deposit.items.cd_serial",
    "deposit.file_name",
    "deposit.authors.0",
    "deposit.authors.1",
    "deposit.languages",
    "deposit.annotation.kk",
    "deposit.annotation.ru",
    "deposit.annotation.en",
    "deposit.requirements.processor",
    "deposit.requirements.ram",
    "deposit.requirements.operating_systems",
    "deposit.requirements.extra_software",
    "deposit.protection",
    "deposit.build.environment",
    "deposit.build.environment_version",
    "deposit.build.description_file",
    "deposit.signature.name",
    "deposit.events.application_registered.number",
];

/// The same for the restricted deposit of the public system.
const SHOWN_INTERNALLY_D: &[&str] = &[
    "deposit.applicant.kk",
    "deposit.set_name.kk",
    "deposit.set_name.en",
    "deposit.items.name",
    "deposit.items.cd_serial",
    "deposit.file_name",
    "deposit.authors.0",
    "deposit.languages",
    "deposit.annotation.kk",
    "deposit.annotation.ru",
    "deposit.annotation.en",
    "deposit.requirements.processor",
    "deposit.protection",
    "deposit.build.environment",
    "deposit.build.environment_version",
    "deposit.build.description_file",
    "deposit.signature.name",
    "deposit.events.application_registered.number",
];

/// A marker planted in public records: the scan must find it in the public outputs.
const CONTROL: &str = "PUBLICCONTROL7F3A";

/// The sample with its theme, canaries planted in the restricted system (tag S) and in
/// e-kezek/1.1 made restricted (tag D), and the control marker in the public system e-kezek.
struct Planted {
    site: Site,
    s: Canaries,
    d: Canaries,
    /// Identifiers of the restricted records that are not fields of ours: folder names in URLs,
    /// depository numbers.
    ids: Vec<(String, String)>,
}

impl Planted {
    fn new() -> Planted {
        let site = Site::sample();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &site.path("themes"));
        let mut s = Canaries::new('S');
        let mut d = Canaries::new('D');

        // The restricted system.
        site.write("archive/qamqor-tergeu/system.yaml", &s.plant(RESTRICTED_SYSTEM));
        site.write("archive/qamqor-tergeu/1.0/deposit.yaml", &s.plant(RESTRICTED_SYSTEM_DEPOSIT));
        let dep = "archive/qamqor-tergeu/1.0";
        let guide = site.read(&format!("{dep}/docs/admin-guide.md"));
        std::fs::remove_file(site.path(&format!("{dep}/docs/admin-guide.md"))).unwrap();
        site.write(
            &format!("{dep}/docs/{}-admin-guide.md", s.get("deposit.file_name")),
            &s.plant(&format!("{guide}\nДСП: @@file.content.docs@@\n")),
        );
        site.write(
            &format!("{dep}/source/{}-BUILD.md", s.get("deposit.build.description_file")),
            &s.plant("# Сборка\n\n`make` (@@file.content.build@@)\n"),
        );
        let main_c = site.read(&format!("{dep}/source/src/main.c"));
        site.write(
            &format!("{dep}/source/src/main.c"),
            &s.plant(&format!("{main_c}\n/* @@file.content.source@@ */\n")),
        );

        // The restricted deposit of a public system.
        let dep = "archive/e-kezek/1.1";
        site.write(&format!("{dep}/deposit.yaml"), &d.plant(RESTRICTED_DEPOSIT));
        let guide = site.read(&format!("{dep}/docs/user-guide.md"));
        std::fs::remove_file(site.path(&format!("{dep}/docs/user-guide.md"))).unwrap();
        site.write(
            &format!("{dep}/docs/{}-user-guide.md", d.get("deposit.file_name")),
            &d.plant(&format!("{guide}\n@@file.content.docs@@\n")),
        );
        let build = site.read(&format!("{dep}/source/BUILD.md"));
        std::fs::remove_file(site.path(&format!("{dep}/source/BUILD.md"))).unwrap();
        site.write(
            &format!("{dep}/source/{}-BUILD.md", d.get("deposit.build.description_file")),
            &d.plant(&format!("{build}\n@@file.content.build@@\n")),
        );

        // The control, in public records of the same system.
        site.edit(
            "archive/e-kezek/system.yaml",
            "en: \"E-Kezek electronic queue of the public service centres\"",
            &format!("en: \"E-Kezek electronic queue {CONTROL} of the public service centres\""),
        );
        site.edit(
            "archive/e-kezek/system.yaml",
            "ru: \"Электронная очередь центров обслуживания населения «Е-Кезек»\"",
            &format!("ru: \"Электронная очередь {CONTROL} центров обслуживания населения «Е-Кезек»\""),
        );

        let ids = [
            ("the restricted system's folder (in URLs)", "qamqor-tergeu"),
            ("the restricted system's depository number", "KZ-DEP-2022-000077"),
            ("the restricted deposit's path (in URLs)", "e-kezek/1.1/"),
            ("the restricted deposit's depository number", "KZ-DEP-2025-000052"),
        ]
        .iter()
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect();
        Planted { site, s, d, ids }
    }

    /// Every canary and identifier, with where it was planted.
    fn all(&self) -> Vec<(String, String)> {
        let mut out = self.fields();
        out.extend(self.ids.iter().cloned());
        out
    }

    /// The canaries planted in fields and files (not the identifiers).
    fn fields(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (f, c) in &self.s.list {
            out.push((format!("qamqor-tergeu (restricted system) {f}"), c.clone()));
        }
        for (f, c) in &self.d.list {
            out.push((format!("e-kezek/1.1 (restricted deposit of a public system) {f}"), c.clone()));
        }
        out
    }

    /// Loads: exit 0 or 1 (never 2), no error in the planted files, and the restricted system
    /// and deposit are in the report.
    fn assert_loads(&self) {
        let (code, report) = self.site.check();
        assert!(code == 0 || code == 1, "check could not run: {code}\n{report:#}");
        let planted_errors: Vec<&serde_json::Value> = errors(&report)
            .into_iter()
            .filter(|f| {
                let p = f["path"].as_str().unwrap_or("");
                p.starts_with("archive/qamqor-tergeu") || p.starts_with("archive/e-kezek/1.1")
            })
            .collect();
        assert!(planted_errors.is_empty(), "the planted records have errors: {planted_errors:#?}");
        let paths: Vec<&str> =
            report["findings"].as_array().unwrap().iter().filter_map(|f| f["path"].as_str()).collect();
        assert!(
            paths.iter().any(|p| p.starts_with("archive/qamqor-tergeu/system.yaml")),
            "the restricted system's register events are checked (so it was loaded): {paths:?}"
        );
        let not_applicable = self.s.get("deposit.not_applicable.extra");
        assert!(report.to_string().contains(not_applicable), "the restricted deposit was read: {report:#}");
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// Bytes folded for matching: ASCII lower case (the search index folds words to lower case).
fn folded(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes.to_ascii_lowercase()).into_owned()
}

/// The canaries found in a text, as "canary (field)".
fn found_in(text: &str, canaries: &[(String, String)]) -> Vec<String> {
    canaries.iter().filter(|(_, c)| text.contains(&c.to_ascii_lowercase())).map(|(f, c)| format!("{c} ({f})")).collect()
}

/// The texts of a zip: each entry's name and its decompressed bytes, folded.
fn zip_texts(zip: &Path) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap())
        .unwrap_or_else(|e| panic!("{}: not a zip: {e}", zip.display()));
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.push((name.clone(), folded(name.as_bytes())));
        out.push((name, folded(&bytes)));
    }
    out
}

/// Every leak of a canary in the files under `dir` (their bytes and their paths; a zip also by
/// its entries), one line each.
fn leaks_under(dir: &Path, canaries: &[(String, String)]) -> Vec<String> {
    let mut leaks = Vec::new();
    for file in files_under(dir) {
        let rel = file.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        for c in found_in(&folded(&bytes), canaries).into_iter().chain(found_in(&folded(rel.as_bytes()), canaries)) {
            leaks.push(format!("{}: {c}", file.display()));
        }
        if bytes.starts_with(b"PK\x03\x04") {
            for (entry, text) in zip_texts(&file) {
                for c in found_in(&text, canaries) {
                    leaks.push(format!("{} → {entry}: {c}", file.display()));
                }
            }
        }
    }
    leaks
}

/// The relative targets of every href and src ending in .zip in an edition's files.
fn linked_zips(edition: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for file in files_under(edition) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        for attr in ["href=\"", "src=\""] {
            for piece in text.split(attr).skip(1) {
                let target = &piece[..piece.find('"').unwrap_or(0)];
                if target.ends_with(".zip") && !target.contains("://") {
                    out.push(file.parent().unwrap().join(target));
                }
            }
        }
    }
    out
}

/// Runs a command; asserts its exit status; returns stdout and stderr together.
fn output(site: &Site, args: &[&str], code: i32) -> String {
    let out = site.cmd().args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(code), "qoima {}:\n{text}", args.join(" "));
    text
}

#[test]
fn no_canary_of_a_restricted_record_reaches_any_public_output() {
    let planted = Planted::new();
    let site = &planted.site;
    planted.assert_loads();
    let canaries = planted.all();

    // Seal what is sealable: every deposit but astana-parking/2.1 and damu-med/1.4 (sealed
    // already) and e-kezek/1.1
    // (left unsealed here: a package carries every sealed deposit of its system, see the next
    // test), record a fixity run, examine the two restricted deposits, package, build.
    for deposit in
        ["e-kezek/1.0", "e-license/3.2", "e-license/3.3", "e-notary/2.0", "e-notary/2.1", "qamqor-tergeu/1.0"]
    {
        output(site, &["seal", deposit, "--by", "Ахметова Г. К."], 0);
    }
    output(site, &["fixity"], 0);
    for deposit in ["qamqor-tergeu/1.0", "e-kezek/1.1"] {
        let out = site.cmd().args(["examine", deposit]).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "examine {deposit}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(site.path(&format!("archive/{deposit}/conclusions/0001-{TODAY}.json")).is_file());
    }
    output(site, &["package", "--all"], 0);
    // The default log output of the commands that make public output.
    let mut logs = vec![("qoima build".to_string(), output(site, &["build"], 0))];
    for args in [vec!["build", "--edition", "public"], vec!["build", "--edition", "public", "--format", "json"]] {
        logs.push((format!("qoima {}", args.join(" ")), output(site, &args, 0)));
    }

    let public = site.path("dist/public");
    let internal = site.path("dist/internal");

    // Not vacuous: the internal edition shows what it renders of the restricted records...
    let internal_text: String = files_under(&internal)
        .iter()
        .filter(|f| f.extension().is_none_or(|e| e != "zip"))
        .map(|f| folded(&std::fs::read(f).unwrap()))
        .collect::<Vec<_>>()
        .join("\n");
    let missing: Vec<String> = SHOWN_INTERNALLY_S
        .iter()
        .map(|f| (f, planted.s.get(f)))
        .chain(SHOWN_INTERNALLY_D.iter().map(|f| (f, planted.d.get(f))))
        .filter(|(_, c)| !internal_text.contains(&c.to_ascii_lowercase()))
        .map(|(f, c)| format!("{c} ({f})"))
        .collect();
    assert!(missing.is_empty(), "canaries the internal edition should show but does not: {missing:#?}");
    assert!(internal.join("en/systems/qamqor-tergeu/1.0/index.html").is_file());
    assert!(internal.join("en/systems/e-kezek/1.1/index.html").is_file());
    // ...the restricted system's own package holds every one of its canaries, file names and
    // contents included (so every field was planted where qoima reads it)...
    let restricted_zip = site.path("dist/packages/qamqor-tergeu.zip");
    let zip_text: String = zip_texts(&restricted_zip).into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n");
    let absent: Vec<String> = planted
        .s
        .list
        .iter()
        .filter(|(_, c)| !zip_text.contains(&c.to_ascii_lowercase()))
        .map(|(f, _)| f.clone())
        .collect();
    assert!(absent.is_empty(), "canaries not even in the restricted system's package: {absent:?}");
    // ...and the control marker of a public record is found by the same scan in every kind of
    // public output: pages, search index, CSV and JSON exports.
    let control = [("control".to_string(), CONTROL.to_string())];
    let control_hits = leaks_under(&public, &control);
    for ext in [".html:", ".js:", ".csv:", ".json:"] {
        assert!(
            control_hits.iter().any(|h| h.contains(ext)),
            "the control marker is in no public {ext} file, so the scan would miss a leak there: {control_hits:#?}"
        );
    }
    assert!(
        control_hits.iter().any(|h| h.contains("search")),
        "the search index carries the control: {control_hits:#?}"
    );

    // No canary in any file of the public edition.
    for page in ["en/systems/qamqor-tergeu", "en/systems/e-kezek/1.1"] {
        assert!(!public.join(page).exists(), "public/{page} exists");
    }
    let files = files_under(&public);
    assert!(files.len() > 50, "only {} public files", files.len());
    let mut leaks = leaks_under(&public, &canaries);

    // Nor in a package the public edition links, nor in the package of any public system.
    for zip in linked_zips(&public) {
        assert!(zip.is_file(), "the public edition links {} which does not exist", zip.display());
        for (entry, text) in zip_texts(&zip) {
            for c in found_in(&text, &canaries) {
                leaks.push(format!("{} (linked from the public edition) → {entry}: {c}", zip.display()));
            }
        }
    }
    let mut packaged = Vec::new();
    for zip in
        files_under(&site.path("dist/packages")).into_iter().filter(|f| f.extension().is_some_and(|e| e == "zip"))
    {
        let system = zip.file_stem().unwrap().to_string_lossy().into_owned();
        let record = site.read(&format!("archive/{system}/system.yaml"));
        if record.contains("access: restricted") {
            continue;
        }
        assert!(record.contains("access: public"), "{system}");
        packaged.push(system);
        for (entry, text) in zip_texts(&zip) {
            for c in found_in(&text, &canaries) {
                leaks.push(format!("{} (package of a public system) → {entry}: {c}", zip.display()));
            }
        }
    }
    packaged.sort();
    assert_eq!(packaged, ["astana-parking", "damu-med", "e-kezek", "e-license", "e-notary"], "public packages scanned");

    // Nor in the default log output.
    for (command, text) in &logs {
        for c in found_in(&folded(text.as_bytes()), &canaries) {
            leaks.push(format!("stdout/stderr of `{command}`: {c}"));
        }
    }
    assert!(leaks.is_empty(), "{} leak(s) of restricted records:\n{}", leaks.len(), leaks.join("\n"));
}

#[test]
fn the_package_of_a_public_system_carries_nothing_of_its_restricted_deposit() {
    // The issue names "packages of public systems" among the outputs no restricted record may
    // reach. e-kezek is public; its deposit 1.1 is restricted and sealed like 1.0.
    let planted = Planted::new();
    let site = &planted.site;
    planted.assert_loads();
    for deposit in ["e-kezek/1.0", "e-kezek/1.1"] {
        output(site, &["seal", deposit, "--by", "Ахметова Г. К."], 0);
    }
    output(site, &["package", "e-kezek"], 0);
    let zip = site.path("dist/packages/e-kezek.zip");
    let texts = zip_texts(&zip);
    assert!(
        texts.iter().any(|(name, _)| name == "e-kezek/data/1.0/deposit.yaml"),
        "the public deposit is packaged: {:?}",
        texts.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    assert!(texts.iter().any(|(_, t)| t.contains(&CONTROL.to_ascii_lowercase())), "the public record is in it");
    let mut leaks = Vec::new();
    for (entry, text) in &texts {
        for c in found_in(text, &planted.all()) {
            leaks.push(format!("{} → {entry}: {c}", zip.display()));
        }
    }
    leaks.dedup();
    assert!(
        leaks.is_empty(),
        "{} leak(s) into the package of the public system e-kezek:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    // The restricted deposit is not lost to the National Archive: it travels in a package of
    // its own, which `package --all` writes beside the system's.
    output(site, &["package", "--all"], 0);
    let alone = zip_texts(&site.path("dist/packages/e-kezek-1.1.zip"));
    assert!(
        alone.iter().any(|(name, _)| name == "e-kezek-1.1/data/1.1/deposit.yaml"),
        "the restricted deposit is packaged alone"
    );
    let carried = alone.iter().flat_map(|(_, t)| found_in(t, &planted.all())).count();
    assert!(carried > 0, "its own package carries the restricted deposit's records");
    let again = zip_texts(&zip);
    assert!(
        again.iter().all(|(_, t)| found_in(t, &planted.all()).is_empty()),
        "package --all keeps the restricted deposit out of e-kezek.zip"
    );
}

/// One GET on the loopback; the status line and the body.
fn get(port: u16, path: &str) -> (String, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4).unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..split]).lines().next().unwrap_or("").to_string();
    (head, bytes[split..].to_vec())
}

#[test]
fn serve_of_the_public_edition_neither_serves_nor_logs_a_canary() {
    let planted = Planted::new();
    let site = &planted.site;
    planted.assert_loads();
    let canaries = planted.all();
    let out_dir = site.path("served");
    // The default (text) log output, as an operator would see it or a service manager record it.
    let mut child = Command::new(env!("CARGO_BIN_EXE_qoima"))
        .arg("--root")
        .arg(site.dir.path())
        .args(["--today", TODAY, "serve", "--edition", "public", "--port", "0", "--out"])
        .arg(&out_dir)
        .env("NO_COLOR", "1")
        .env_remove("QOIMA_ROOT")
        .env_remove("QOIMA_TODAY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let tx2 = tx.clone();
    let readers = [
        std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l)))),
        std::thread::spawn(move || {
            BufReader::new(stderr).lines().map_while(Result::ok).for_each(|l| drop(tx2.send(l)))
        }),
    ];
    let mut log = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let port: u16 = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = match rx.recv_timeout(left) {
            Ok(line) => line,
            Err(e) => {
                let _ = child.kill();
                panic!("serve never said where it serves ({e}); its output:\n{}", log.join("\n"));
            }
        };
        log.push(line.clone());
        if let Some(url) = line.split("http://127.0.0.1:").nth(1) {
            break url.trim_end_matches('/').trim().parse().unwrap();
        }
    };

    let mut served = Vec::new();
    for path in [
        "/",
        "/en/",
        "/ru/systems/index.html",
        "/kk/systems/e-kezek/index.html",
        "/search/index-en-0.js",
        "/sitemap.xml",
    ] {
        let (status, body) = get(port, path);
        assert!(status.contains("200"), "GET {path}: {status}");
        served.push((path, body));
    }
    for path in [
        "/en/systems/qamqor-tergeu/index.html",
        "/en/systems/qamqor-tergeu/1.0/index.html",
        "/en/systems/e-kezek/1.1/index.html",
    ] {
        let (status, body) = get(port, path);
        assert!(!status.contains("200"), "GET {path}: {status}");
        served.push((path, body));
    }
    let _ = child.kill();
    let _ = child.wait();
    for r in readers {
        let _ = r.join();
    }
    log.extend(rx.try_iter());

    let mut leaks = Vec::new();
    let control = [("control".to_string(), CONTROL.to_string())];
    assert!(
        served.iter().any(|(p, body)| *p == "/search/index-en-0.js" && !found_in(&folded(body), &control).is_empty()),
        "the control marker is served in the public search index"
    );
    for (path, body) in &served {
        for c in found_in(&folded(body), &canaries) {
            leaks.push(format!("served at {path}: {c}"));
        }
    }
    // The log names the files of its findings, the restricted system's among them (it is the
    // operator's console, like `check`): what must not be there is the content of a record.
    for c in found_in(&folded(log.join("\n").as_bytes()), &planted.fields()) {
        leaks.push(format!("log output of `qoima serve --edition public`: {c}"));
    }
    leaks.extend(leaks_under(&out_dir, &canaries));
    assert!(leaks.is_empty(), "{} leak(s):\n{}\nlog:\n{}", leaks.len(), leaks.join("\n"), log.join("\n"));
}
