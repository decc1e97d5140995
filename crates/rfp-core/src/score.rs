//! Scoring (being written).
use crate::Scorecard;
/// Report.
pub struct Report {}
/// Score.
pub fn score(_scorecard: &Scorecard) -> Report {
    todo!()
}
