//! The integration tests of qoima, one binary: each module below runs the `qoima` command (or
//! the library the way the command does) on site roots made from `tests/fixtures`, the sample
//! archive or a generated one, and `common` is the harness they share (a site root in a temporary
//! folder, edits, `qoima` run on it, the report read back). Run one module with
//! `cargo test --test suite seal::`, one test by its name.

mod common;

mod bagit;
mod bagit_profile;
mod browser;
mod build;
mod check_lang;
mod check_rules;
mod clause_audit;
mod clauses;
mod cli;
mod cli_lang;
mod confidentiality;
mod content;
mod crash;
mod docs;
mod english;
mod examine;
mod forms;
mod habits;
mod hostile;
mod installers;
mod layers;
mod live;
mod messages;
mod pronom;
mod read_only;
mod readers;
mod rebuild;
mod record;
mod register;
mod rulebook_texts;
mod seal;
mod serve;
mod stemmer;
mod swhid;
mod third_party;
