//! qoima (Kazakh *қойма*, "depository"): the national depository of e-government software as
//! plain folders. The data flows one way, one crate per stage:
//!
//! `archive/ + site.toml` → [`qoima_core`] (load: scan folders, parse YAML with positions →
//! model → records → check: rulebooks as data, the working-day calendar → catalog: one
//! immutable snapshot) → [`qoima_publish`] (the catalogue, reports, transfer packages) and
//! [`qoima_actions`] (seal, record, fixity, replicate, examine); this crate is the command line,
//! [`cli`], the only place that prints, and [`live`], the preview server. Every module of the
//! stages is re-exported here under its own name.

#![warn(missing_docs, unreachable_pub)]

pub mod cli;
pub mod live;

pub use qoima_actions::{examine, fixity, generate, record, replica, scaffold, seal};
pub use qoima_core::{
    args, atomic, bag_messages, bagit, calendar, catalog, check, error, finding, hash, layout, load, markdown,
    messages, meta, model, names, platform, pronom, records, rulebook, schema, seal_cache, site, suggest, swhid,
    template, timings, yaml,
};
pub use qoima_publish::{package, package_index, render, reports, search, theme};
