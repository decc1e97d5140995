//! # rfp-core — the scoring core of RFP Scorecard
//!
//! Brief overview: a [`Scorecard`] holds an EHR selection committee's weighted criteria
//! tree, the vendors and their answers, the evaluators and their ratings. [`score()`] turns
//! it into a [`Report`]: each requirement's score per vendor in [0, 1], weights normalized
//! along the tree, category subtotals, totals 0–100, a competition ranking, gates failed,
//! evaluator disagreements and missing data. [`file`](mod@file) reads and writes the JSON scorecard file
//! (envelope, schema version, checksum, migration); [`merge()`] combines evaluators' files;
//! [`csv_io`] imports requirement lists and vendor answers and exports reports;
//! [`weighting`] derives weights by AHP, rank-order centroid or SWING.
//!
//! The crate is pure: no I/O, no clock, no randomness, no browser types. It builds for native
//! targets and for `wasm32-unknown-unknown`, and every number the CLI, the site and the
//! JavaScript API show comes from here.
#![deny(missing_docs)]

pub mod analysis;
pub mod csv_io;
pub mod edit;
pub mod error;
pub mod file;
mod id_lookup;
pub mod location;
pub mod memo;
pub mod merge;
pub mod model;
pub mod score;
pub mod stamp;
pub mod synthetic;
pub mod tailor;
pub mod tree;
pub mod typed;
pub mod validate;
pub mod vocabulary;
pub mod weighting;

pub use error::{Diagnostic, Error, ErrorKind, Severity};
pub use file::{Loaded, load, save};
pub use merge::{MergeOutcome, merge};
pub use model::*;
pub use score::{Report, score};

pub use validate::validate;
