//! The views the page switches between (see [`crate::state::Page`]).

pub mod results;
pub mod weights;
