//! The scorecard file (being written).
use crate::{Error, Scorecard};
/// Format id.
pub const FORMAT_ID: &str = "rfp-scorecard";
/// Loaded file.
pub struct Loaded {
    /// The scorecard.
    pub scorecard: Scorecard,
}
/// Load.
pub fn load(_text: &str) -> Result<Loaded, Error> {
    todo!()
}
/// Save.
pub fn save(_scorecard: &Scorecard) -> String {
    todo!()
}
