//! `rfp score`: the ranking, as text, JSON or CSV.

use std::path::Path;

use rfp_core::csv_io;

use crate::io::{Failure, Outcome, display, load};
use crate::{CsvArgs, render};

/// Score `file` (the demo when none) and print the report.
pub(crate) fn run(
    file: Option<&Path>,
    json: bool,
    csv: bool,
    csv_options: &CsvArgs,
    details: bool,
    weights: bool,
) -> Outcome {
    let (name, scorecard) = match &file {
        Some(path) => (display(path), load(path)?.0),
        None => ("the demo".to_owned(), rfp_templates::demo()),
    };
    let report = rfp_core::score(&scorecard);
    if json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure(format!("{name}: cannot write the report: {e}")))?;
        outln!("{text}");
    } else if csv {
        out!("{}", csv_io::export_report(&report, &csv_options.options()));
    } else {
        out!("{}", render::report(&report, details));
        if weights {
            out!("{}", render::weightings(&report));
        }
        if file.is_none() {
            outln!(
                "\nThis is the built-in demo. `rfp demo -o demo.json` writes it to a file \
                 you can edit; `rfp score demo.json` scores your copy."
            );
        }
    }
    Ok(())
}

/// Analyse how robust the winner of `file` (the demo when none) is, and print it.
pub(crate) fn analyse(file: Option<&Path>, json: bool) -> Outcome {
    let (name, scorecard) = match &file {
        Some(path) => (display(path), load(path)?.0),
        None => ("the demo".to_owned(), rfp_templates::demo()),
    };
    let report = rfp_core::score(&scorecard);
    let analysis = rfp_core::analysis::analyse(&scorecard, &report);
    if json {
        let text = serde_json::to_string_pretty(&analysis)
            .map_err(|e| Failure(format!("{name}: cannot write the analysis: {e}")))?;
        outln!("{text}");
    } else {
        out!("{}", render::analysis(&analysis));
    }
    Ok(())
}
