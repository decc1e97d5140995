//! Merge (being written).
use crate::{Error, Scorecard};
/// Outcome.
pub struct MergeOutcome {
    /// Merged.
    pub scorecard: Scorecard,
}
/// Merge.
pub fn merge(_base: &Scorecard, _others: &[(&str, &Scorecard)]) -> Result<MergeOutcome, Error> {
    todo!()
}
