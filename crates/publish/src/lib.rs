//! What qoima makes of a [`Catalog`](qoima_core::catalog::Catalog), and nothing else: every
//! output is a function of the catalog and reaches the file system only to stream a deposit's
//! bytes.
//!
//! - [`render`]: the static catalogue (two editions, three languages), made from [`theme`]
//!   (templates and translations as data) and [`search`] (the search index);
//! - [`reports`]: the registers and half-year reports as tables (pages, CSV);
//! - [`package`]: BagIt transfer packages for the National Archive, listed by
//!   [`package_index`].

#![warn(missing_docs, unreachable_pub)]

pub mod package;
pub mod package_index;
pub mod render;
pub mod reports;
pub mod search;
pub mod theme;

// The core's modules, named as in the core (`crate::catalog`, …).
use qoima_core::{
    args, atomic, bagit, catalog, check, error, finding, hash, markdown, messages, meta, model, names, platform,
    pronom, records, rulebook, site, template, timings, yaml,
};
