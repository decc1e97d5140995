//! The built-in demo scorecard (being written).
