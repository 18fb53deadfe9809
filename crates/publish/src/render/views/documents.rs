//! The printable documents (internal edition): the Annex 1 application as the form prints it,
//! the documents the authorized body issues (registration certificate D1124-18, official request
//! D1124-26, written warning D1124-50) and those of the state technical service (verification
//! conclusion D1124-40, depository certificate D1124-41-1), each headed with the body that issues
//! it as site.toml names it.

use serde_json::{Value, json};

use super::{Edition, Views};
use crate::check::DeadlineState;
use crate::markdown::to_safe_html;
use crate::meta::{Funding, Localized, Organization, OriginalOrCopy};
use crate::model::{Deposit, System};
use crate::rulebook::Role;
use crate::site::Body;
use crate::theme::word;

/// Who issues a document.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Issuer {
    /// The authorized body (`[authorized_body]`; O146-4, D1124).
    AuthorizedBody,
    /// The state technical service (`[technical_service]`; D1124-40…41-1).
    TechnicalService,
}

/// One of the five checks of D1124-40 as the conclusion states it.
struct Check {
    key: &'static str,
    /// `pass`, `warning`, `fail` or `not_assessed`.
    outcome: &'static str,
    details: Vec<String>,
}

impl<'a> Views<'a> {
    pub(super) fn field(&self, key: &str, value: impl Into<String>) -> Value {
        json!({"label": word(self.t, key), "value": value.into()})
    }

    /// The operator's name, as documents and examinations are headed.
    pub(super) fn issuer(&self) -> String {
        self.cat.site.site.operator.as_ref().and_then(|o| o.get(self.lang)).unwrap_or("").to_string()
    }

    /// Who heads an examination of `d`: the state technical service where the deposit's
    /// rulebook has it write the conclusion (D1124-40) and site.toml names it, else the operator.
    pub(super) fn examiner(&self, d: &Deposit) -> String {
        let book = self.rulebook(d);
        let concludes = book.is_some_and(|b| b.events.iter().any(|e| e.role == Some(Role::Conclusion)));
        match (&self.cat.site.technical_service, concludes) {
            (Some(sts), true) => self.loc(Some(&sts.name)),
            _ => self.issuer(),
        }
    }

    /// The rulebook a deposit is checked under.
    fn rulebook(&self, d: &Deposit) -> Option<&crate::rulebook::Rulebook> {
        self.cat.deposit_rulebooks.get(&d.key()).and_then(|c| c.id()).and_then(|id| self.cat.rulebooks.get(id))
    }

    fn loc(&self, l: Option<&Localized>) -> String {
        l.and_then(|l| l.get(self.lang)).unwrap_or("").to_string()
    }

    /// The heading and signature block of a document `who` issues: its name, the place, the
    /// signatory; when site.toml does not name the body, a line that says so instead.
    fn issued_by(&self, who: Issuer) -> Value {
        let site = &self.cat.site;
        let body: Option<Body> = match who {
            Issuer::AuthorizedBody => site.authorized_body.clone(),
            Issuer::TechnicalService => site.technical_service.clone(),
        };
        let missing = match who {
            Issuer::AuthorizedBody => "body_missing_authorized_body",
            Issuer::TechnicalService => "body_missing_technical_service",
        };
        match body {
            Some(b) => json!({
                "name": self.loc(Some(&b.name)),
                "place": self.loc(b.place.as_ref()),
                "signatory": b.signatory.as_ref().map(|s| json!({"name": s.name, "position": self.loc(s.position.as_ref())})),
            }),
            None => json!({"name": "", "missing": word(self.t, missing), "place": "", "signatory": null}),
        }
    }

    /// A group of fields, each with the form's label; empty values stay as blank lines.
    fn section(&self, title: &str, fields: Vec<Value>) -> Value {
        json!({"title": if title.is_empty() { String::new() } else { word(self.t, title).to_string() }, "fields": fields})
    }

    fn organization(&self, title: &str, name_label: &str, o: &Organization) -> Value {
        let at = |v: &Option<crate::yaml::At<String>>| v.as_ref().map(|a| a.value.clone()).unwrap_or_default();
        let address = [at(&o.postal_index), self.loc(o.address.as_ref())]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        self.section(
            title,
            vec![
                self.field(name_label, self.loc(Some(&o.full_name))),
                self.field("a1_subordination", self.loc(o.subordination.as_ref())),
                self.field("a1_short_name", self.loc(o.short_name.as_ref())),
                self.field("a1_address", address),
                self.field("a1_phone", at(&o.phone)),
                self.field("a1_fax", at(&o.fax)),
                self.field("a1_email", at(&o.email)),
                self.field("a1_web", at(&o.website)),
                self.field("a1_contact", at(&o.contact_person)),
            ],
        )
    }

    /// The application: every field of Annex 1 of O146 in the form's order, with its label.
    /// Under another rulebook it is that rulebook's application (`a1_title_<rulebook>` and
    /// `a1_form_<rulebook>` in the theme; D1124's form, approved by the authorized body, is not
    /// the order's Annex 1), citing the clause that asks for its fields.
    fn annex1(&self, s: &System, doc: &crate::meta::DepositDoc, book: Option<&crate::rulebook::Rulebook>) -> Value {
        let at = |v: &Option<crate::yaml::At<String>>| v.as_ref().map(|a| a.value.clone()).unwrap_or_default();
        let join = |v: &Vec<crate::yaml::At<String>>| v.iter().map(|a| a.value.as_str()).collect::<Vec<_>>().join(", ");
        let mut sections = vec![self.section(
            "",
            vec![
                self.field("a1_applicant", self.loc(Some(&doc.applicant))),
                self.field("a1_set_name", self.loc(Some(&doc.set_name))),
                self.field("a1_code", doc.is_code.value.clone()),
                self.field("a1_copies", doc.copies.as_ref().map(|c| c.value.to_string()).unwrap_or_default()),
            ],
        )];
        let rows: Vec<Vec<String>> = doc
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                vec![
                    (n + 1).to_string(),
                    i.name.value.clone(),
                    at(&i.cd_serial),
                    i.size_mb.as_ref().map(|m| crate::theme::format_decimal(self.t, m.value)).unwrap_or_default(),
                    i.sheets.as_ref().map(|m| m.value.to_string()).unwrap_or_default(),
                    word(
                        self.t,
                        match i.original_or_copy.value {
                            OriginalOrCopy::Original => "a1_original_letter",
                            OriginalOrCopy::Copy => "a1_copy_letter",
                        },
                    )
                    .to_string(),
                ]
            })
            .collect();
        let columns: Vec<&str> =
            ["a1_col_no", "a1_col_name", "a1_col_serial", "a1_col_size", "a1_col_sheets", "a1_col_kind"]
                .into_iter()
                .map(|k| word(self.t, k))
                .collect();
        let table = json!({"caption": word(self.t, "a1_each_set"), "columns": columns, "rows": rows});
        let empty = Organization::default();
        let sd = s.doc.as_ref();
        sections.push(json!({"table": table}));
        sections.extend([
            self.organization("a1_holder", "a1_holder_name", sd.map_or(&empty, |x| &x.holder)),
            self.organization("a1_developer", "a1_developer_name", sd.map_or(&empty, |x| &x.developer)),
        ]);
        let annotation = doc.annotation.as_ref().and_then(|a| a.get(self.lang)).map(to_safe_html).unwrap_or_default();
        sections.push(self.section(
            "a1_authors_section",
            vec![
                self.field("a1_authors", join(&doc.authors)),
                self.field("a1_certification", at(&doc.certification)),
                self.field(
                    "a1_release_year",
                    doc.release_year.as_ref().map(|y| y.value.to_string()).unwrap_or_default(),
                ),
                self.field("a1_version", doc.version.value.clone()),
                self.field("a1_languages", join(&doc.languages)),
                self.field(
                    "a1_release_date",
                    doc.release_date.as_ref().map(|r| self.date(r.value)).unwrap_or_default(),
                ),
                json!({"label": word(self.t, "a1_annotation"), "value": "", "html": annotation}),
            ],
        ));
        let r = doc.requirements.clone().unwrap_or_default();
        sections.push(self.section(
            "a1_requirements",
            vec![
                self.field("a1_processor", at(&r.processor)),
                self.field("a1_coprocessor", at(&r.coprocessor)),
                self.field("a1_frequency", at(&r.frequency)),
                self.field("a1_ram", at(&r.ram)),
                self.field("a1_disk", at(&r.disk)),
                self.field("a1_os", join(&r.operating_systems)),
                self.field("a1_video", at(&r.video)),
                self.field("a1_audio", at(&r.audio)),
                self.field("a1_extra_hardware", at(&r.extra_hardware)),
                self.field("a1_extra_software", at(&r.extra_software)),
                self.field("a1_other", at(&r.other)),
            ],
        ));
        // Annex 1 lists every source of funding and underlines the deposit's, else the system's.
        let funding =
            if doc.funding.is_empty() { sd.map(|x| &x.funding[..]).unwrap_or_default() } else { &doc.funding[..] };
        let chosen: Vec<Funding> = funding.iter().map(|f| f.value).collect();
        let choices: Vec<Value> = Funding::ALL
            .iter()
            .map(|f| json!({"text": word(self.t, f.word_key()), "chosen": chosen.contains(f)}))
            .collect();
        let named: Vec<&str> = chosen.iter().map(|f| word(self.t, f.word_key())).collect();
        let mut funding = self.field("a1_funding", named.join(", "));
        funding["choices"] = Value::Array(choices);
        sections.push(self.section("", vec![self.field("a1_protection", at(&doc.protection)), funding]));
        let sig = doc.signature.clone().unwrap_or_default();
        let own = |key: &str| {
            let specific = book.map(|b| format!("{key}_{}", b.id.to_lowercase())).filter(|k| self.t.get(k).is_some());
            word(self.t, specific.as_deref().unwrap_or(key)).to_string()
        };
        let rule =
            book.and_then(|b| b.fields.iter().find(|f| f.field == "applicant")).map_or("O146-7", |f| f.rule.as_str());
        json!({
            "title": own("doc_annex1"), "heading": own("a1_title"), "form": own("a1_form"), "rule": rule,
            "sections": sections,
            "date": self.date(doc.date.value),
            "seal": sig.sealed.as_ref().is_some_and(|s| s.value),
            "signature": {"label": word(self.t, "a1_signature"), "name": at(&sig.name), "position": self.loc(sig.position.as_ref())},
        })
    }

    /// The five checks of D1124-40 for a deposit: the application's form from the findings
    /// on its deposit.yaml, the others from the latest examination (`qoima examine`), with
    /// operability not assessed when no rebuild ran.
    fn five_checks(&self, d: &Deposit) -> Vec<Check> {
        let key = d.key();
        let form_errors: Vec<String> = self
            .index
            .findings_of_deposit
            .get(key.as_str())
            .into_iter()
            .flatten()
            .filter(|f| f.severity == crate::finding::Severity::Error && f.path.ends_with("deposit.yaml"))
            .map(|f| format!("{}: {}", f.rule, f.text(self.language())))
            .collect();
        let mut out = vec![Check {
            key: "concl_check_form",
            outcome: if form_errors.is_empty() { "pass" } else { "fail" },
            details: form_errors,
        }];
        let exam = self.cat.examinations.get(&key).and_then(|v| v.last());
        let outcome = |o: crate::records::conclusion::Outcome| match o {
            crate::records::conclusion::Outcome::Pass => "pass",
            crate::records::conclusion::Outcome::Warning => "warning",
            crate::records::conclusion::Outcome::Fail => "fail",
        };
        for (key, id) in [
            ("concl_check_completeness", "completeness"),
            ("concl_check_source", "source"),
            ("concl_check_built_modules", "built-modules"),
            ("concl_check_operability", "rebuild"),
        ] {
            let found = exam.and_then(|c| c.checks.iter().find(|k| k.id == id));
            out.push(match found {
                Some(k) => Check { key, outcome: outcome(k.outcome), details: self.said(k) },
                None => Check {
                    key,
                    outcome: "not_assessed",
                    details: vec![
                        word(
                            self.t,
                            match (exam.is_some(), id) {
                                (true, "rebuild") => "concl_not_rebuilt",
                                _ => "concl_not_examined",
                            },
                        )
                        .to_string(),
                    ],
                },
            });
        }
        out
    }

    /// The printable documents of a deposit (internal edition): the Annex 1 application, the
    /// depository certificate (D1124-41-1) and the verification conclusion (D1124-40).
    pub(crate) fn deposit_documents(&self, s: &System, d: &Deposit) -> Vec<(String, Value)> {
        let Some(doc) = &d.doc else { return Vec::new() };
        if self.edition != Edition::Internal {
            return Vec::new();
        }
        let mut out = Vec::new();
        let system = self.system_name(s);
        let holder = self.holder(s).0;
        out.push(("annex1.html".to_string(), self.annex1(s, doc, self.rulebook(d))));
        let depository_number = self.depository_number(d);
        let books = &self.cat.rulebooks;
        if let Some(cert) = d.events().iter().find(|e| books.has_role(&e.kind.value, Role::DepositoryCertificate)) {
            out.push((
                "certificate.html".to_string(),
                json!({"title": word(self.t, "doc_depository_certificate"), "rule": "D1124-41-1",
                       "issued_by": self.issued_by(Issuer::TechnicalService),
                       "number": cert.number.as_ref().map(|n| n.value.clone()).unwrap_or_default(), "date": self.date(cert.date.value),
                       "text": word(self.t, "depository_certificate_text"),
                       "sections": [self.section("", vec![self.field("depository_number", depository_number.clone()), self.field("name", system.clone()),
                                  self.field("version", d.version.clone()), self.field("holder", holder.clone()),
                                  self.field("code", doc.is_code.value.clone())])]}),
            ));
        }
        // The latest decision: a conclusion (positive or negative) or a return with reasons.
        let decision = d
            .events()
            .iter()
            .filter(|e| books.has_role(&e.kind.value, Role::Conclusion) || books.has_role(&e.kind.value, Role::Return))
            .max_by_key(|e| e.date.value);
        if let Some(concl) = decision {
            let positive = books.has_role(&concl.kind.value, Role::Conclusion)
                && concl.outcome.as_ref().is_some_and(|o| o.value == "positive");
            let reasons: Vec<String> = concl.reasons.iter().map(|r| r.value.clone()).collect();
            let checks = self.five_checks(d);
            let unassessed: Vec<String> = checks
                .iter()
                .filter(|c| c.outcome == "not_assessed")
                .map(|c| word(self.t, c.key).to_string())
                .collect();
            let checks: Vec<Value> = checks
                .into_iter()
                .map(|c| {
                    json!({"name": word(self.t, c.key), "outcome": c.outcome,
                                "outcome_text": word(self.t, &format!("concl_{}", c.outcome)), "details": c.details})
                })
                .collect();
            // A positive conclusion with a check not done says so, with the operator's note.
            let caveat = if positive && !unassessed.is_empty() {
                let why = concl
                    .note
                    .as_ref()
                    .map(|n| n.value.clone())
                    .unwrap_or_else(|| word(self.t, "concl_no_reason").to_string());
                format!(
                    "{}: {}. {}: {why}",
                    word(self.t, "concl_caveat"),
                    unassessed.join("; "),
                    word(self.t, "concl_reason")
                )
            } else {
                String::new()
            };
            out.push((
                "conclusion.html".to_string(),
                json!({"title": word(self.t, "doc_conclusion"), "rule": if positive { "D1124-40" } else { "D1124-40, D1124-42" },
                       "issued_by": self.issued_by(Issuer::TechnicalService),
                       "number": concl.number.as_ref().map(|n| n.value.clone()).unwrap_or_default(), "date": self.date(concl.date.value),
                       "sections": [self.section("", vec![self.field("name", system.clone()), self.field("version", d.version.clone()),
                                  self.field("holder", holder.clone()), self.field("code", doc.is_code.value.clone())])],
                       "checks": checks, "caveat": caveat,
                       "outcome": word(self.t, if positive { "outcome_positive" } else { "outcome_negative" }),
                       "list": reasons, "list_title": word(self.t, "reasons")}),
            ));
        }
        out
    }

    /// The printable documents of a system (internal edition): the registration certificate
    /// (D1124-18) and the official request (D1124-26) or written warning (D1124-50) for each
    /// missed yearly duty, all issued by the authorized body.
    pub(crate) fn system_documents(&self, s: &System) -> Vec<(String, Value)> {
        let Some(doc) = &s.doc else { return Vec::new() };
        if self.edition != Edition::Internal {
            return Vec::new();
        }
        let mut out = Vec::new();
        let books = &self.cat.rulebooks;
        let reg = s
            .events()
            .iter()
            .filter(|e| books.has_role(&e.kind.value, Role::Registration))
            .min_by_key(|e| e.date.value);
        if let Some(cert) = s.events().iter().find(|e| books.has_role(&e.kind.value, Role::RegistrationCertificate)) {
            out.push((
                "certificate.html".to_string(),
                json!({"title": word(self.t, "doc_registration_certificate"), "rule": "D1124-18",
                       "issued_by": self.issued_by(Issuer::AuthorizedBody),
                       "number": cert.number.as_ref().map(|n| n.value.clone()).unwrap_or_default(), "date": self.date(cert.date.value),
                       "text": word(self.t, "registration_certificate_text"),
                       "sections": [self.section("", vec![self.field("registration_number", reg.and_then(|e| e.number.as_ref()).map(|n| n.value.clone()).unwrap_or_default()),
                                  self.field("name", self.system_name(s)), self.field("code", doc.code.value.clone()),
                                  self.field("holder", self.holder(s).0)])]}),
            ));
        }
        for d in self.index.all_deadlines_of_system.get(s.id.as_str()).into_iter().flatten() {
            let DeadlineState::Missed { .. } = d.state else { continue };
            let Some(yearly) = books.books.iter().flat_map(|b| b.yearly.iter()).find(|y| y.id == d.id) else {
                continue;
            };
            let Some(reminder) = &yearly.reminder else { continue };
            // Each clause its own document: D1124-26 a request, D1124-50 a warning.
            let clause = reminder.to_lowercase().replace('-', "_");
            let title_key = format!("doc_reminder_{clause}");
            let text_key = format!("reminder_text_{clause}");
            let has = |k: &str| self.t.get(k).is_some();
            let title = word(self.t, if has(&title_key) { &title_key } else { "doc_warning" }).to_string();
            let text = word(self.t, if has(&text_key) { &text_key } else { "warning_text" }).to_string();
            let deposit = d.deposit.as_ref().and_then(|k| s.deposits.iter().find(|x| &x.key() == k));
            let mut fields = vec![
                self.field("holder", self.holder(s).0),
                self.field("holder_address", self.text(doc.holder.address.as_ref())),
                self.field("name", self.system_name(s)),
                self.field("code", doc.code.value.clone()),
            ];
            if let Some(dep) = deposit {
                fields.push(self.field("version", dep.version.clone()));
                fields.push(self.field("depository_number", self.depository_number(dep)));
            }
            fields.push(self.field("event", yearly.names.get(self.lang).unwrap_or(&yearly.event)));
            fields.push(self.field("overdue_since", self.date(d.due)));
            let name = match deposit {
                Some(dep) => format!("reminder-{}-{}-{}.html", d.id, super::segment(&dep.version), d.due.format("%Y")),
                None => format!("reminder-{}-{}.html", d.id, d.due.format("%Y")),
            };
            out.push((
                name,
                json!({"title": title, "rule": format!("{reminder} ({})", d.rule),
                       "issued_by": self.issued_by(Issuer::AuthorizedBody), "addressee": self.holder(s).0,
                       "text": text, "sections": [self.section("", fields)]}),
            ));
        }
        out
    }
}
