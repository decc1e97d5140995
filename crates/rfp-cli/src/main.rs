//! The `rfp` command.
fn main() {}
