//! CSV import and export (placeholder, being written).
