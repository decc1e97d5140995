//! Integration tests of the rfp command.
