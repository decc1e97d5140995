//! Integration tests of rfp-core: one binary, one module per area.
// Tests build scorecards step by step from `Scorecard::default()`, which reads best.
#![allow(clippy::field_reassign_with_default)]

mod analysis;
mod attack;
mod bad;
mod csv;
mod edit;
mod file;
mod golden;
mod invariants;
mod memo;
mod merge;
mod score;
mod support;
mod weighting;
