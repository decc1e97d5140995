//! One file per command (`rfp validate`, `rfp score`, …).

pub(crate) mod csv;
pub(crate) mod edit;
pub(crate) mod new;
pub(crate) mod score;
pub(crate) mod share;
pub(crate) mod validate;
