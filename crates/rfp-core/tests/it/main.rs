//! Integration tests of rfp-core.
