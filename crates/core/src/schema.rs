//! JSON Schemas of system.yaml and deposit.yaml, generated from the types that read them, so
//! that editors (yaml-language-server) validate and complete what operators type.

use schemars::generate::SchemaSettings;

use crate::meta::{DepositDoc, SystemDoc};

/// Which file a schema is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// `deposit.yaml`.
    Deposit,
    /// `system.yaml`.
    System,
}

impl Which {
    /// The schema's file name (`deposit.schema.json`, `system.schema.json`).
    pub fn file_name(self) -> &'static str {
        match self {
            Which::Deposit => "deposit.schema.json",
            Which::System => "system.schema.json",
        }
    }
}

/// The schema as pretty JSON.
pub fn schema_json(which: Which) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = match which {
        Which::Deposit => generator.into_root_schema_for::<DepositDoc>(),
        Which::System => generator.into_root_schema_for::<SystemDoc>(),
    };
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
