//! Weighting methods (placeholder, being written).
