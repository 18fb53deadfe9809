//! `qoima schema`: print the JSON Schema of deposit.yaml or system.yaml (for editors with the
//! YAML language server), or write both into a folder.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::output::Ctx;
use crate::args;
use crate::schema::schema_json;

/// Which file a schema is for, as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Which {
    Deposit,
    System,
}

impl From<Which> for crate::schema::Which {
    fn from(w: Which) -> Self {
        match w {
            Which::Deposit => crate::schema::Which::Deposit,
            Which::System => crate::schema::Which::System,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Which file the schema describes.
    #[arg(value_enum, default_value_t = Which::Deposit)]
    pub which: Which,
    /// Write both schemas into this folder instead of printing one.
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
}

pub(super) fn run(ctx: &mut Ctx, a: &Args) -> Result<ExitCode, String> {
    match &a.write {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for w in [crate::schema::Which::Deposit, crate::schema::Which::System] {
                let path = dir.join(w.file_name());
                std::fs::write(&path, schema_json(w)).map_err(|e| format!("{}: {e}", path.display()))?;
                ctx.line(ctx.t("wrote-file", args! { "path" => path.display().to_string() }))?;
            }
        }
        None => ctx.out.write_all(schema_json(a.which.into()).as_bytes()).map_err(|e| ctx.io(e))?,
    }
    Ok(ExitCode::SUCCESS)
}
