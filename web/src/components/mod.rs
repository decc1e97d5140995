//! Parts of the page, one per file. Each takes values and callbacks, and renders; none
//! computes a score, a rank or a flag.

pub mod breakdown_chart;
pub mod breakdown_table;
pub mod diagnostics;
pub mod file_bar;
pub mod ranking_table;
pub mod refused;
pub mod view_nav;
pub mod weight_field;
