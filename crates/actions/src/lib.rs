//! What qoima does to an archive, each action on a checked
//! [`Catalog`](qoima_core::catalog::Catalog) and through the records layer:
//!
//! - [`seal`]: the depository act — manifest, seal, number, register line, journal entry;
//! - [`record`]: an event after the seal, appended to the system's journal;
//! - [`fixity`]: every sealed file hashed again against the register, and repair from the replica;
//! - [`replica`]: the second copy (D1124-31);
//! - [`examine`]: conclusions on artifacts (installers, databases, a rebuild in a sandbox);
//! - [`scaffold`]: new system and deposit folders;
//! - [`generate`]: synthetic archives for the benchmarks.

#![warn(missing_docs, unreachable_pub)]

pub mod examine;
pub mod fixity;
pub mod generate;
pub mod record;
pub mod replica;
pub mod scaffold;
pub mod seal;

// The core's modules, named as in the core (`crate::catalog`, …).
use qoima_core::{
    args, atomic, catalog, error, finding, hash, messages, meta, model, platform, pronom, records, rulebook,
    seal_cache, suggest, swhid, template, yaml,
};
