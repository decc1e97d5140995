//! The views the page switches between (see [`crate::state::Page`]).

pub mod evaluate;
pub mod matrix;
pub mod results;
pub mod robustness;
pub mod share;
pub mod start;
pub mod vendors;
pub mod weights;
