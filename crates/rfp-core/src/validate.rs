//! Validation (being written).
use crate::{Diagnostic, Scorecard};
/// Validate.
pub fn validate(_scorecard: &Scorecard) -> Vec<Diagnostic> {
    todo!()
}
