//! A synthetic site root for benchmarks: N deposits across systems of many state bodies, with
//! Kazakh and Russian text, every component, events under both rulebooks, some restricted
//! systems, several versions per system, and payload files of a chosen size.
//!
//! Hidden subcommand `qoima generate`; used by `bench/run.sh`. Deterministic for a seed.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// How many deposits to generate, across all systems.
    pub deposits: usize,
    /// The seed of the generator: the same seed makes the same site.
    pub seed: u64,
    /// Bytes of each payload file (one per component; source gets a few).
    pub payload_bytes: usize,
    /// Seal every deposit on the day it was numbered (see [`seal_as_numbered`]): its number and
    /// certificate then live in the register and its system's journal, not in deposit.yaml.
    pub sealed: bool,
    /// The day the archive is checked as of before it is sealed.
    pub today: NaiveDate,
}

/// An event the generator leaves out of a deposit.yaml because the seal or the journal records
/// it: the depository number (with the seal) or the certificate.
#[derive(Debug, Clone)]
struct Later {
    date: NaiveDate,
    key: String,
    kind: &'static str,
    number: String,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const BODIES: &[(&str, &str, &str)] = &[
    (
        "ЦДМ",
        "Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі",
        "Министерство цифрового развития, инноваций и аэрокосмической промышленности",
    ),
    ("ӘМ", "Әділет министрлігі", "Министерство юстиции"),
    ("ДСМ", "Денсаулық сақтау министрлігі", "Министерство здравоохранения"),
    ("ОАМ", "Оқу-ағарту министрлігі", "Министерство просвещения"),
    ("ҚМ", "Қаржы министрлігі", "Министерство финансов"),
    ("ІІМ", "Ішкі істер министрлігі", "Министерство внутренних дел"),
    ("ЕХӘҚМ", "Еңбек және халықты әлеуметтік қорғау министрлігі", "Министерство труда и социальной защиты населения"),
    ("АА", "Астана қаласының әкімдігі", "Акимат города Астаны"),
];

const TOPICS: &[(&str, &str)] = &[
    ("рұқсаттар беру", "выдачи разрешений"),
    ("азаматтарды тіркеу", "регистрации граждан"),
    ("медициналық жазбалар", "медицинских записей"),
    ("мектеп журналы", "школьного журнала"),
    ("салықтық есептілік", "налоговой отчётности"),
    ("әлеуметтік төлемдер", "социальных выплат"),
    ("жер кадастры", "земельного кадастра"),
    ("мемлекеттік сатып алу", "государственных закупок"),
];

/// The D1124-30.5 documentation set.
const DOC_KINDS: &[&str] = &[
    "specification",
    "technical_assignment",
    "formular",
    "program_description",
    "explanatory_note",
    "application_description",
    "installation_guide",
    "administrator_guide",
    "user_guide",
];

const LANGS: &[&str] = &["Java", "C#", "Python", "Go", "Rust", "TypeScript", "PHP", "1С"];

/// Writes the site root into `out` (which must not exist or be empty).
pub fn generate(out: &Path, spec: &Spec) -> std::io::Result<usize> {
    let mut rng = Rng(spec.seed.max(1));
    fs::create_dir_all(out.join("archive"))?;
    fs::write(
        out.join("site.toml"),
        "# Synthetic site root written by `qoima generate`.\n[site]\narchive = \"archive\"\n\n[rules]\nfallback = \"O146\"\n",
    )?;
    let payload: Vec<u8> = (0..spec.payload_bytes).map(|i| b"qoima synthetic payload\n"[i % 24]).collect();
    let mut written = 0;
    let mut system_no = 0;
    let mut later: Vec<Later> = Vec::new();
    while written < spec.deposits {
        system_no += 1;
        let versions = (1 + rng.below(3) as usize).min(spec.deposits - written);
        let body = rng.pick(BODIES);
        let topic = rng.pick(TOPICS);
        let restricted = rng.below(10) == 0;
        let d1124 = rng.below(3) == 0;
        let sys = format!("is-{system_no:06}");
        let code = format!("ISEG-{system_no:06}");
        let sys_dir = out.join("archive").join(&sys);
        fs::create_dir_all(&sys_dir)?;
        let mut y = String::new();
        let _ = write!(
            y,
            "code: \"{code}\"\nnames:\n  kk: \"{topic_kk} ақпараттық жүйесі № {system_no}\"\n  ru: \"Информационная система {topic_ru} № {system_no}\"\naccess: {access}\nstatus: operating\nfunding: [republican_budget]\nholder:\n  full_name: {{kk: \"{bkk}\", ru: \"{bru}\"}}\n  short_name: {{kk: \"{bs}\"}}\n  subordination: {{ru: \"Правительство Республики Казахстан\"}}\n  postal_index: \"010000\"\n  address: {{ru: \"г. Астана, пр. Мангилик Ел, {system_no}\"}}\n  phone: \"+7 7172 00 00 00\"\n  email: \"info@example.kz\"\n  contact_person: \"Ахметов А. А.\"\ndeveloper:\n  full_name: {{ru: \"ТОО «Разработчик {system_no}»\"}}\n  address: {{ru: \"г. Алматы\"}}\n  phone: \"+7 727 000 00 00\"\n  email: \"dev@example.kz\"\n",
            topic_kk = topic.0,
            topic_ru = topic.1,
            access = if restricted { "restricted" } else { "public" },
            bkk = body.1,
            bru = body.2,
            bs = body.0,
        );
        let base = if d1124 {
            NaiveDate::from_ymd_opt(2009, 1, 12).unwrap() + Duration::days(rng.below(1800) as i64)
        } else {
            NaiveDate::from_ymd_opt(2020, 1, 13).unwrap() + Duration::days(rng.below(1200) as i64)
        };
        if d1124 {
            // A compliant register record: registration, copies, certificate, yearly notices
            // and product updates while D1124 was in force.
            let _ = write!(
                y,
                "events:\n  - {{kind: register_application, date: {}}}\n  - {{kind: register_checked, date: {}}}\n  - {{kind: registered, date: {}, number: \"РГ-{system_no:06}\"}}\n  - {{kind: sts_copies_sent, date: {}}}\n  - {{kind: sts_recorded, date: {}}}\n  - {{kind: registration_certificate, date: {}, number: \"СВ-{system_no:06}\"}}\n",
                base,
                base + Duration::days(7),
                base + Duration::days(9),
                base + Duration::days(10),
                base + Duration::days(11),
                base + Duration::days(14)
            );
            let first_deposit = base + Duration::days(50);
            for year in base.year() + 1..=2015 {
                let _ =
                    writeln!(y, "  - {{kind: yearly_notice, date: {year}-03-02, year: {year}, outcome: no_updates}}");
                if year > first_deposit.year() {
                    let _ = writeln!(y, "  - {{kind: yearly_product_update, date: {year}-04-01, year: {year}}}");
                }
            }
        }
        fs::write(sys_dir.join("system.yaml"), y)?;
        for v in 0..versions {
            let version = format!("{}.0", v + 1);
            let dir = sys_dir.join(&version);
            for c in ["source", "install", "extra", "database", "license-config", "docs"] {
                fs::create_dir_all(dir.join(c))?;
            }
            fs::write(dir.join("source/Makefile"), "all:\n\tcc -o app main.c\n")?;
            fs::write(dir.join("source/main.c"), &payload)?;
            fs::write(dir.join("source/Cargo.lock"), "# lock\n")?;
            fs::write(dir.join("install/app.bin"), &payload)?;
            fs::write(dir.join("extra/readme.txt"), "extra\n")?;
            fs::write(dir.join("database/db.sql"), &payload)?;
            fs::write(dir.join("license-config/server.conf"), "max_connections = 100\n")?;
            fs::write(dir.join("docs/user-guide.md"), "# Пайдаланушы нұсқаулығы\n")?;
            if d1124 {
                for kind in DOC_KINDS {
                    fs::write(dir.join(format!("docs/{kind}.md")), format!("# {kind}\n"))?;
                }
            }
            let date = base + Duration::days(40 + 200 * v as i64);
            let lang = rng.pick(LANGS);
            let mut d = String::new();
            let (key, mut numbered) = (format!("{sys}/{version}"), Vec::new());
            let _ = write!(
                d,
                "date: {date}\n{rb}applicant: {{kk: \"{bkk}\", ru: \"{bru}\"}}\nset_name: {{ru: \"Комплект {system_no} версии {version}\"}}\nis_code: \"{code}\"\ncopies: 2\nitems:\n  - {{name: \"source.zip\", cd_serial: \"CD-{written:07}\", size_mb: 1.5, original_or_copy: original}}\nauthors: [\"Сейтқали Б.\"]\nrelease_year: {year}\nversion: \"{version}\"\nlanguages: [\"{lang}\"]\nrelease_date: {date}\nannotation:\n  kk: \"Жүйе {topic_kk} процестерін автоматтандырады.\"\n  ru: \"Система автоматизирует процессы {topic_ru}.\"\nrequirements: {{processor: \"x86-64\", ram: \"8 GB\", disk: \"50 GB\", operating_systems: [\"Linux\"]}}\nprotection: \"Лицензиялық келісім\"\nbuild: {{environment: \"GNU Make\", environment_version: \"4.3\", configuration: \"Debian 12\", steps: [make]}}\nsignature: {{name: \"Ахметов А. А.\", sealed: true}}\n{previous}",
                rb = if d1124 { "rulebook: D1124\n" } else { "" },
                bkk = body.1,
                bru = body.2,
                year = date.format("%Y"),
                topic_kk = topic.0,
                topic_ru = topic.1,
                previous = if v > 0 { format!("previous: \"{v}.0\"\n") } else { String::new() },
            );
            if d1124 {
                let _ = write!(
                    d,
                    "documentation: {{{}}}\nevents:\n  - {{kind: commissioned, date: {}}}\n  - {{kind: application_received, date: {}}}\n  - {{kind: passed_to_sts, date: {}}}\n  - {{kind: verification_conclusion, date: {}, outcome: positive}}\n",
                    DOC_KINDS.iter().map(|k| format!("{k}: docs/{k}.md")).collect::<Vec<_>>().join(", "),
                    date - Duration::days(20),
                    date,
                    date + Duration::days(1),
                    date + Duration::days(8),
                );
                let number = format!("KZ-DEP-{}-{written:06}", date.year());
                numbered.push(Later {
                    date: date + Duration::days(10),
                    key: key.clone(),
                    kind: "depository_number",
                    number,
                });
                let number = format!("СД-{written:06}");
                numbered.push(Later { date: date + Duration::days(12), key, kind: "depository_certificate", number });
            } else {
                let _ = write!(
                    d,
                    "events:\n  - {{kind: commissioned, date: {}}}\n  - {{kind: application_sent, date: {}}}\n  - {{kind: application_registered, date: {}, number: \"Ж-{written:07}\"}}\n  - {{kind: repository_formed, date: {}}}\n  - {{kind: objects_received, date: {}}}\n",
                    date - Duration::days(7),
                    date,
                    date + Duration::days(1),
                    date + Duration::days(2),
                    date + Duration::days(3),
                );
                let number = format!("KZ-DEP-{}-{written:06}", date.year());
                numbered.push(Later { date: date + Duration::days(3), key, kind: "depository_number", number });
            }
            // The number and certificate: in deposit.yaml, or left to the seal and the journal.
            if spec.sealed {
                later.append(&mut numbered);
            }
            for l in &numbered {
                let _ = writeln!(d, "  - {{kind: {}, date: {}, number: \"{}\"}}", l.kind, l.date, l.number);
            }
            fs::write(dir.join("deposit.yaml"), d)?;
            written += 1;
        }
    }
    if spec.sealed {
        seal_as_numbered(out, later, spec.today).map_err(std::io::Error::other)?;
    }
    Ok(written)
}

/// Seals every deposit of the site root `out` on the day it was numbered, in the order of the
/// days, and records each certificate in its system's journal on its day — as an operator who
/// runs `qoima seal` on the day of acceptance and `qoima record` on the day of the certificate
/// leaves the archive. The deposits keep every other event in their deposit.yaml; `today` is
/// the date the archive is checked as of before sealing.
fn seal_as_numbered(out: &Path, mut later: Vec<Later>, today: NaiveDate) -> Result<(), String> {
    let cat = crate::catalog::Catalog::open(out, today).map_err(|e| e.to_string())?;
    // By day; on one day, a deposit's number before its certificate.
    later.sort_by_key(|l| (l.date, l.kind != "depository_number"));
    let Some(first) = later.first() else { return Ok(()) };
    let mut sealer = crate::seal::Sealer::new(&cat, "qoima generate", first.date, "generating").map_err(|e| e.en())?;
    for l in &later {
        if l.kind == "depository_number" {
            sealer.date(l.date);
            let prepared = crate::seal::prepare(&cat, &l.key, &|_| {}).map_err(|e| format!("{}: {}", l.key, e.en()))?;
            sealer.seal(prepared).map_err(|e| format!("{}: {}", l.key, e.en()))?;
        } else {
            let (system, version) = l.key.split_once('/').unwrap_or((&l.key, ""));
            let entry = crate::records::journal::NewEntry {
                deposit: Some(version.to_string()),
                kind: l.kind.to_string(),
                date: Some(l.date),
                number: Some(l.number.clone()),
                ..Default::default()
            };
            let system_abs = out.join(&cat.site.site.archive).join(system);
            crate::records::journal::append(&system_abs, &entry).map_err(String::from)?;
        }
    }
    sealer.finish();
    Ok(())
}
