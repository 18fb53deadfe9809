//! The on-disk contract: what `system.yaml` and `deposit.yaml` may say.
//!
//! These types are deserialized straight from the operator's YAML (unknown fields are errors)
//! and are also the source of the JSON Schema that `qoima schema` prints. Field names follow
//! Annex 1 (application form) of Order 146 and the lifecycle of Decree 1124; see docs/format.md.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::yaml::At;

/// Text in the three languages of the catalogue. Give at least one; Kazakh first.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// Қазақша.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kk: Option<At<String>>,
    /// По-русски.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<At<String>>,
    /// In English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<At<String>>,
}

impl Localized {
    /// The text in `lang`, else in the fallback order kk → ru → en.
    pub fn get(&self, lang: &str) -> Option<&str> {
        fn pick(o: &Option<At<String>>) -> Option<&str> {
            // Most texts start with a letter: trimmed only when they do not.
            o.as_ref()
                .map(|a| a.value.as_str())
                .filter(|s| s.chars().next().is_some_and(|c| !c.is_whitespace()) || !s.trim().is_empty())
        }
        let first = match lang {
            "kk" => pick(&self.kk),
            "ru" => pick(&self.ru),
            "en" => pick(&self.en),
            _ => None,
        };
        first.or_else(|| pick(&self.kk)).or_else(|| pick(&self.ru)).or_else(|| pick(&self.en))
    }

    /// Whether no language has any text (blank text counts as none).
    pub fn is_empty(&self) -> bool {
        self.get("kk").is_none()
    }

    /// The text as a message argument in every language (`{"kk": …, "ru": …, "en": …}`, each
    /// with [`Localized::get`]'s fallback): a message says it in its own language.
    pub fn to_arg(&self) -> serde_json::Value {
        let by_lang = crate::messages::Lang::ALL
            .iter()
            .filter_map(|l| Some((l.code().to_string(), serde_json::Value::from(self.get(l.code())?))));
        serde_json::Value::Object(by_lang.collect())
    }

    /// Every language variant that is present, with its position.
    pub fn variants(&self) -> impl Iterator<Item = &At<String>> {
        [&self.kk, &self.ru, &self.en].into_iter().flatten()
    }
}

/// Who may see a record (D1124-12, D1124-28).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// In the public edition of the register.
    Public,
    /// Restricted access: internal edition only, never published.
    Restricted,
}

/// Sources of funding (Annex 1). Decides whether registration is mandatory (D1124-11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Funding {
    /// The republican (national) budget.
    RepublicanBudget,
    /// A local budget.
    LocalBudget,
    /// State extra-budgetary funds.
    StateExtraBudgetaryFunds,
    /// Own funds: private (D1124-11).
    OwnFunds,
    /// Grants: counted as public funds (D1124-11).
    Grants,
    /// External loans.
    ExternalLoans,
    /// Credit: counts as private funds (D1124-11).
    Credit,
    /// Other funds of legal and natural persons.
    OtherPrivateFunds,
}

impl Funding {
    /// Every source, in the order of Annex 1 (which lists them all and underlines those that apply).
    pub const ALL: [Funding; 8] = [
        Funding::RepublicanBudget,
        Funding::LocalBudget,
        Funding::StateExtraBudgetaryFunds,
        Funding::OwnFunds,
        Funding::Grants,
        Funding::ExternalLoans,
        Funding::Credit,
        Funding::OtherPrivateFunds,
    ];

    /// The key of its name in the translations: `funding_` and the name used in YAML.
    pub fn word_key(self) -> &'static str {
        match self {
            Funding::RepublicanBudget => "funding_republican_budget",
            Funding::LocalBudget => "funding_local_budget",
            Funding::StateExtraBudgetaryFunds => "funding_state_extra_budgetary_funds",
            Funding::OwnFunds => "funding_own_funds",
            Funding::Grants => "funding_grants",
            Funding::ExternalLoans => "funding_external_loans",
            Funding::Credit => "funding_credit",
            Funding::OtherPrivateFunds => "funding_other_private_funds",
        }
    }

    /// Funds that are not the state's (D1124-11).
    pub fn is_private(self) -> bool {
        matches!(self, Funding::OwnFunds | Funding::OtherPrivateFunds | Funding::Credit)
    }
}

/// The life stage of an information system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SystemStatus {
    /// Being created; not yet in industrial operation (nothing may be deposited, O146-6).
    Development,
    /// In industrial (production) operation.
    Operating,
    /// Withdrawn from operation (O146-11, D1124-24).
    Withdrawn,
    /// Objects handed over to the state body for the National Archive (O146-11, O146-12).
    Transferred,
}

impl SystemStatus {
    /// The name used in YAML, URLs and translation keys (`status_<name>`).
    pub fn as_str(self) -> &'static str {
        match self {
            SystemStatus::Development => "development",
            SystemStatus::Operating => "operating",
            SystemStatus::Withdrawn => "withdrawn",
            SystemStatus::Transferred => "transferred",
        }
    }
}

/// An organization as Annex 1 describes the holder and the developer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Full name (or a person's surname, name and patronymic).
    pub full_name: Localized,
    /// Short name, used in listings and as the state body's key.
    #[serde(default)]
    pub short_name: Option<Localized>,
    /// Departmental subordination.
    #[serde(default)]
    pub subordination: Option<Localized>,
    /// Postal index of the address.
    #[serde(default)]
    pub postal_index: Option<At<String>>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<Localized>,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<At<String>>,
    /// Fax number.
    #[serde(default)]
    pub fax: Option<At<String>>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<At<String>>,
    /// Website address.
    #[serde(default)]
    pub website: Option<At<String>>,
    /// Contact person: full surname, name and patronymic.
    #[serde(default)]
    pub contact_person: Option<At<String>>,
    /// Business identification number (БСН/БИН), when known.
    #[serde(default)]
    pub bin: Option<At<String>>,
}

/// One dated entry of a lifecycle: what happened, when, and its particulars.
/// `kind` must be one of the events of the rulebook that applies (see `qoima rules`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// What happened, e.g. `commissioned`, `application_registered`, `depository_number`.
    pub kind: At<String>,
    /// When it happened (YYYY-MM-DD).
    pub date: At<NaiveDate>,
    /// A number given by the event: journal number, registration or depository number, certificate number.
    #[serde(default)]
    pub number: Option<At<String>>,
    /// Reasons of a return or refusal (D1124-19, D1124-42).
    #[serde(default)]
    pub reasons: Vec<At<String>>,
    /// Whether the authorized body was notified (access granted, O146-10).
    #[serde(default)]
    pub authorized_body_notified: Option<At<bool>>,
    /// The year a yearly notice is for (D1124-24, D1124-34).
    #[serde(default)]
    pub year: Option<At<i32>>,
    /// The half of `year` a half-year report is for: 1 (January–June) or 2 (July–December)
    /// (O146-13).
    #[serde(default)]
    pub half: Option<At<u8>>,
    /// Outcome: for a verification conclusion `positive`/`negative`; for a yearly notice
    /// `updated`, `no_updates` or `terminated`.
    #[serde(default)]
    pub outcome: Option<At<String>>,
    /// Who did it or signed it.
    #[serde(default)]
    pub by: Option<At<String>>,
    /// To whom (e.g. the state body that received the objects).
    #[serde(default)]
    pub to: Option<At<String>>,
    /// A scanned letter or act, relative to the folder of this YAML file.
    #[serde(default)]
    pub document: Option<At<String>>,
    /// Free text (Markdown).
    #[serde(default)]
    pub note: Option<At<String>>,
    /// The date the document came in, when it is not the event's own date: an application
    /// registered in the journal (Annex 2: date received) on a later day than it arrived.
    #[serde(default)]
    pub received: Option<At<NaiveDate>>,
    /// In a system's journal only: the version folder of the deposit the entry is about (none:
    /// the system's register record).
    #[serde(default, skip_serializing)]
    #[schemars(skip)]
    pub deposit: Option<At<String>>,
    /// In a journal only: the SHA-256 of `document` when it was recorded (a file the depository
    /// added to a sealed deposit, such as a verification conclusion).
    #[serde(default, skip_serializing)]
    #[schemars(skip)]
    pub sha256: Option<At<String>>,
    /// In a journal only: the SHA-256 of the entry line before this one (the hash chain).
    #[serde(default, skip_serializing)]
    #[schemars(skip)]
    pub prev: Option<At<String>>,
}

impl Event {
    /// Every position of the event's values, to move them when the event was read from one
    /// line of a longer file.
    pub fn positions_mut(&mut self) -> impl Iterator<Item = &mut crate::yaml::Pos> {
        let Event {
            kind,
            date,
            number,
            reasons,
            authorized_body_notified,
            year,
            half,
            outcome,
            by,
            to,
            document,
            note,
            received,
            deposit,
            sha256,
            prev,
        } = self;
        [Some(&mut kind.pos), Some(&mut date.pos)]
            .into_iter()
            .chain(
                [number, outcome, by, to, document, note, deposit, sha256, prev]
                    .into_iter()
                    .map(|v| v.as_mut().map(|v| &mut v.pos)),
            )
            .chain([
                authorized_body_notified.as_mut().map(|v| &mut v.pos),
                year.as_mut().map(|v| &mut v.pos),
                received.as_mut().map(|v| &mut v.pos),
                half.as_mut().map(|v| &mut v.pos),
            ])
            .chain(reasons.iter_mut().map(|r| Some(&mut r.pos)))
            .flatten()
    }

    /// Whether the event was read from a journal.
    pub fn from_journal(&self) -> bool {
        self.kind.pos.journal
    }
}

/// `archive/<system>/system.yaml`: the register record of one information system.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SystemDoc {
    /// The IS code on the e-government architecture portal (O146-2.4).
    pub code: At<String>,
    /// The name of the information system.
    pub names: Localized,
    /// The owner or holder: the state body (Annex 1, holder).
    pub holder: Organization,
    /// The developer organization (Annex 1, developer).
    pub developer: Organization,
    /// Sources of funding (Annex 1; D1124-11).
    pub funding: Vec<At<Funding>>,
    /// `public` or `restricted` (D1124-12). Required: nothing is public by default.
    pub access: At<Access>,
    /// Life stage of the system.
    pub status: At<SystemStatus>,
    /// The register record's own dated events (registration, certificate, yearly notices,
    /// termination, revocation; D1124-10…27).
    #[serde(default, skip_serializing_if = "crate::yaml::building_tree")]
    pub events: Vec<Event>,
    /// Free text (Markdown) for the catalogue.
    #[serde(default)]
    pub notes: Option<Localized>,
}

/// Whether an item of the set is the original or a copy (Annex 1: О / К).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OriginalOrCopy {
    /// The original (О).
    Original,
    /// A copy (К).
    Copy,
}

/// One row of the Annex 1 items table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Name of the CD, file or document; a path relative to the deposit folder when it is a file.
    pub name: At<String>,
    /// Serial number of the CD, if the item is on a CD.
    #[serde(default)]
    pub cd_serial: Option<At<String>>,
    /// Size in megabytes.
    #[serde(default)]
    pub size_mb: Option<At<f64>>,
    /// Number of sheets on paper.
    #[serde(default)]
    pub sheets: Option<At<u32>>,
    /// Original (O) or copy (C).
    pub original_or_copy: At<OriginalOrCopy>,
}

/// Minimum system requirements (Annex 1).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// Computer and processor type.
    #[serde(default)]
    pub processor: Option<At<String>>,
    /// Coprocessor.
    #[serde(default)]
    pub coprocessor: Option<At<String>>,
    /// Processor frequency.
    #[serde(default)]
    pub frequency: Option<At<String>>,
    /// Memory (RAM).
    #[serde(default)]
    pub ram: Option<At<String>>,
    /// Space needed on the hard disk.
    #[serde(default)]
    pub disk: Option<At<String>>,
    /// Operating systems it runs on.
    #[serde(default)]
    pub operating_systems: Vec<At<String>>,
    /// Video system.
    #[serde(default)]
    pub video: Option<At<String>>,
    /// Audio system.
    #[serde(default)]
    pub audio: Option<At<String>>,
    /// Additional hardware.
    #[serde(default)]
    pub extra_hardware: Option<At<String>>,
    /// Additional software.
    #[serde(default)]
    pub extra_software: Option<At<String>>,
    /// Any other requirement.
    #[serde(default)]
    pub other: Option<At<String>>,
}

/// The description of the build process (O146-5.1, D1124-30.1).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Build {
    /// The development environment, e.g. "Rust toolchain", "JDK + Maven", "Visual Studio".
    #[serde(default)]
    pub environment: Option<At<String>>,
    /// Its version, e.g. "1.95.0".
    #[serde(default)]
    pub environment_version: Option<At<String>>,
    /// How the environment is configured (Markdown).
    #[serde(default)]
    pub configuration: Option<At<String>>,
    /// The build steps, one shell command each, run from `source/`.
    #[serde(default)]
    pub steps: Vec<At<String>>,
    /// A file in `source/` that describes the build (e.g. BUILD.md), relative to `source/`.
    #[serde(default)]
    pub description: Option<At<String>>,
}

/// A third-party component used by the project (O146-5.1, D1124-30.2).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThirdParty {
    /// The component's name.
    pub name: At<String>,
    /// Its version, if known.
    #[serde(default)]
    pub version: Option<At<String>>,
    /// Its licence, if known.
    #[serde(default)]
    pub license: Option<At<String>>,
    /// Where it lies in the deposit, relative to the deposit folder.
    #[serde(default)]
    pub path: Option<At<String>>,
}

/// The signature block of the application (Annex 1: seal, date, holder's signature).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Who signed (the head of the applicant).
    #[serde(default)]
    pub name: Option<At<String>>,
    /// The signatory's position.
    #[serde(default)]
    pub position: Option<Localized>,
    /// Whether the application bears the organization's seal (where one exists).
    #[serde(default)]
    pub sealed: Option<At<bool>>,
}

/// `archive/<system>/<version>/deposit.yaml`: one deposit, one version of the set (D1124-47).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DepositDoc {
    /// The rulebook this deposit falls under (`O146` or `D1124`); when absent, the one in force
    /// on the application date.
    #[serde(default)]
    pub rulebook: Option<At<String>>,
    /// The date of the application (Annex 1: date). Decides the rulebook.
    pub date: At<NaiveDate>,
    /// The applicant: the organization's full name (or a person's full name).
    pub applicant: Localized,
    /// The name of the set.
    pub set_name: Localized,
    /// The IS code on the architecture portal; must equal the system's code.
    pub is_code: At<String>,
    /// Number of copies (D1124-31 asks for two: the original and a copy).
    #[serde(default)]
    pub copies: Option<At<u32>>,
    /// The items table of Annex 1.
    #[serde(default)]
    pub items: Vec<Item>,
    /// The authors.
    #[serde(default)]
    pub authors: Vec<At<String>>,
    /// Certification of the product, if any.
    #[serde(default)]
    pub certification: Option<At<String>>,
    /// Year of release.
    #[serde(default)]
    pub release_year: Option<At<i32>>,
    /// The product version, as a string: quote it (`"1.10"`), YAML would read 1.10 as 1.1.
    pub version: At<String>,
    /// Programming languages.
    #[serde(default)]
    pub languages: Vec<At<String>>,
    /// Release date.
    #[serde(default)]
    pub release_date: Option<At<NaiveDate>>,
    /// Annotation: purpose of the product (Markdown; D1124-30.4).
    #[serde(default)]
    pub annotation: Option<Localized>,
    /// Minimum system requirements.
    #[serde(default)]
    pub requirements: Option<Requirements>,
    /// Protection against illegal distribution.
    #[serde(default)]
    pub protection: Option<At<String>>,
    /// Sources of funding; when absent, the system's.
    #[serde(default)]
    pub funding: Vec<At<Funding>>,
    /// Access of this deposit; may only tighten the system's (D1124-12).
    #[serde(default)]
    pub access: Option<At<Access>>,
    /// Whether the depository may copy the media to refresh them (D1124-53). Default: true.
    #[serde(default)]
    pub copy_permitted: Option<At<bool>>,
    /// The build description (O146-5.1, D1124-30.1).
    #[serde(default)]
    pub build: Option<Build>,
    /// Third-party code used by the project.
    #[serde(default)]
    pub third_party: Vec<ThirdParty>,
    /// The normative-technical documentation checklist (D1124-30.5): document kind → file in
    /// `docs/`, e.g. `user_guide: docs/user-guide.md`.
    #[serde(default)]
    pub documentation: std::collections::BTreeMap<String, At<String>>,
    /// Components that do not apply, with the reason (e.g. `database: "the IS keeps no database"`).
    #[serde(default)]
    pub not_applicable: std::collections::BTreeMap<String, At<String>>,
    /// The previous version's folder name (D1124-47); the version chain.
    #[serde(default)]
    pub previous: Option<At<String>>,
    /// The signature block.
    #[serde(default)]
    pub signature: Option<Signature>,
    /// Dated lifecycle events of this deposit (O146-6…12, D1124-36…49).
    #[serde(default, skip_serializing_if = "crate::yaml::building_tree")]
    pub events: Vec<Event>,
    /// Free text (Markdown).
    #[serde(default)]
    pub notes: Option<Localized>,
}

#[cfg(test)]
mod tests {
    use super::Funding;

    /// The translation key of each source of funding is `funding_` and its name in YAML, for
    /// every name the schema allows.
    #[test]
    fn funding_word_keys_follow_the_yaml_names() {
        let schema = serde_json::to_value(schemars::schema_for!(Funding)).unwrap();
        // Names without a description in one `enum`, each described one as a `const`.
        let names: Vec<&serde_json::Value> = schema["oneOf"]
            .as_array()
            .expect("the names, as alternatives")
            .iter()
            .flat_map(|alt| alt["enum"].as_array().into_iter().flatten().chain(alt.get("const")))
            .collect();
        assert!(names.len() >= 8, "every source of funding: {names:?}");
        for name in names {
            let f: Funding = serde_json::from_value(name.clone()).unwrap();
            assert_eq!(f.word_key(), format!("funding_{}", name.as_str().unwrap()));
        }
    }
}
