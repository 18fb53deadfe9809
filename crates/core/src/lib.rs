//! The core of qoima: everything up to one checked snapshot of an archive, in the order the data
//! flows (each stage imports only the ones before it; tests/suite/layers.rs holds it so):
//!
//! - foundation: [`messages`] (Fluent messages in Kazakh, Russian and English), [`error`],
//!   [`platform`] (what is asked of the operating system), [`layout`] (reserved names),
//!   [`hash`], [`template`], [`timings`], [`markdown`], [`atomic`] (whole-file writes),
//!   [`suggest`], [`names`], [`yaml`] (YAML with positions), [`bag_messages`];
//! - the data contract: [`meta`] (deposit.yaml and system.yaml), [`finding`], [`model`],
//!   [`calendar`] (Kazakh working days), [`rulebook`] (the law as data), [`site`] (site.toml),
//!   [`schema`], [`swhid`], [`pronom`];
//! - [`records`]: what qoima writes beside the deposits — seals and manifests, the depository
//!   register, journals, the fixity log, conclusions;
//! - [`load`] (and [`seal_cache`]): an archive folder read into the model, with findings;
//! - [`check`]: the rulebooks applied, each finding citing a rule;
//! - [`catalog`]: the one immutable snapshot every output is made from.
//!
//! Nothing here prints or draws progress: callers pass a callback.

#![warn(missing_docs, unreachable_pub)]

pub mod atomic;
pub mod bag_messages;
pub mod calendar;
pub mod catalog;
pub mod check;
pub mod error;
pub mod finding;
pub mod hash;
pub mod layout;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod meta;
pub mod model;
pub mod names;
pub mod platform;
pub mod pronom;
pub mod records;
pub mod rulebook;
pub mod schema;
pub mod seal_cache;
pub mod site;
pub mod suggest;
pub mod swhid;
pub mod template;
pub mod timings;
pub mod yaml;
/// The BagIt format: the crate `crates/bagit`, as qoima uses it.
pub use bagit;
