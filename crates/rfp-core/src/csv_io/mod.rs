//! CSV import and export: requirement lists, vendor answers, evaluator scoring sheets, and the
//! safe CSV writer every export goes through.
//!
//! Every function here is pure (text in, values or text out) and never panics. Imports never
//! stop at the first problem: every bad cell is reported as a [`Diagnostic`] whose location
//! reads `requirements.csv row 7, column "weight"` — the row number a spreadsheet shows (the
//! header is row 1, blank lines count as rows) and the column's header as written. Rows with
//! errors are left out; every other row is imported.
//!
//! Reading rules shared by every import:
//!
//! - the delimiter is whichever of `,`, `;`, a tab and `|` (every [`Delimiter`] an export
//!   writes) occurs most often (outside quotes) in the header line, `,` on a tie; numbers take a
//!   decimal comma in a `;` sheet; a leading UTF-8 byte order mark is ignored;
//! - blank lines, and rows whose cells are all empty, are skipped;
//! - header names are matched ignoring case, surrounding spaces, and the difference between
//!   `_`, `-` and a space (`Requirement ID` matches `requirement_id`);
//! - a leading `'` in front of `=`, `+`, `-`, `@`, tab, CR or LF is dropped: it is the guard
//!   [`neutralize`] adds on export, so an exported sheet reads back as it was.
//!
//! Exports go through [`write_csv`]: UTF-8 with a byte order mark, CRLF line ends, fields quoted
//! only where needed, and text cells that a spreadsheet could run as a formula prefixed with `'`
//! (see [`neutralize`]). The sheets, their columns and the cell grammar are described for
//! committee members in `docs/csv.md`.
//!
//! [`Diagnostic`]: crate::error::Diagnostic

mod answers;
mod guard;
mod read;
mod report;
mod requirements;
mod scoring_sheet;
mod write;

pub use answers::{AnswerImport, import_answers};
pub use guard::neutralize;
pub use read::{slug, sniff_delimiter};
pub use report::export_report;
pub use requirements::{RequirementImport, export_requirements, import_requirements};
pub use scoring_sheet::{RatingImport, export_scoring_sheet, import_scoring_sheet};
pub use write::{Cell, CsvOptions, Delimiter, write_csv};

pub(crate) use answers::answer_cell;
