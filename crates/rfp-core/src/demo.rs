//! The built-in demo scorecard: a small primary-care practice choosing among four fictional
//! vendors, one of which fails a gate. `rfp score` with no file scores it, so a newcomer sees a
//! ranking at once.

use crate::model::Scorecard;

/// The demo scorecard file, as shipped.
pub const DEMO_FILE: &str = include_str!("../data/demo.json");

/// The demo scorecard. The shipped file is checked by the test suite, so this always holds the
/// demo; should it ever fail to load, an empty scorecard is returned rather than a panic.
pub fn scorecard() -> Scorecard {
    crate::file::load(DEMO_FILE)
        .map(|loaded| loaded.scorecard)
        .unwrap_or_default()
}
