//! qoima (Kazakh *қойма*, "depository"): the national depository of e-government software as
//! plain folders. The data flows one way:
//!
//! `archive/ + site.toml` → [`load`] (scan folders, parse YAML with positions) → [`model`]
//! (systems, deposits, files, events) → [`check`] (rulebooks as data, the working-day
//! [`calendar`]) → [`catalog`] (one immutable snapshot) → outputs ([`render`], [`package`], …);
//! the command line, [`cli`], alone prints.

pub mod atomic;
pub mod bag_messages;
/// The BagIt format: the crate `crates/bagit`, as qoima uses it.
pub use bagit;
pub mod calendar;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod error;
pub mod examine;
pub mod finding;
pub mod fixity;
pub mod generate;
pub mod hash;
pub mod layout;
pub mod live;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod meta;
pub mod model;
pub mod names;
pub mod package;
pub mod package_index;
pub mod platform;
pub mod pronom;
pub mod record;
pub mod records;
pub mod render;
pub mod replica;
pub mod reports;
pub mod rulebook;
pub mod scaffold;
pub mod schema;
pub mod seal;
pub mod seal_cache;
pub mod search;
pub mod site;
pub mod suggest;
pub mod swhid;
pub mod template;
pub mod theme;
mod timings;
pub mod yaml;
