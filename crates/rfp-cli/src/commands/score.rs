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
        out!("{}", render::report(&report, &scorecard, details));
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
pub(crate) fn analyse(
    file: Option<&Path>,
    json: bool,
    draws: u32,
    seed: u64,
    spread: &str,
    committees: u32,
) -> Outcome {
    let spread = match spread.trim() {
        "uniform" => None,
        text => match rfp_core::typed::number(text, rfp_core::typed::NumberStyle::PERCENT) {
            Ok(p) if (0.0..=100.0).contains(&p) => Some(p / 100.0),
            _ => {
                return Err(Failure(format!(
                    "--spread: expected a percentage from 0 to 100 or \"uniform\", found {spread:?}"
                )));
            }
        },
    };

    let (name, scorecard) = match &file {
        Some(path) => (display(path), load(path)?.0),
        None => ("the demo".to_owned(), rfp_templates::demo()),
    };
    let report = rfp_core::score(&scorecard);
    let analysis = rfp_core::analysis::analyse(&scorecard, &report);
    let options = rfp_core::analysis::SmaaOptions {
        draws,
        seed,
        spread,
        committees,
    };
    if let Some(problem) = options.problem() {
        return Err(Failure(format!(
            "--{}: {}",
            problem.location, problem.message
        )));
    }
    let smaa = rfp_core::analysis::smaa(&scorecard, &report, &options);
    if json {
        let mut value = serde_json::to_value(&analysis)
            .map_err(|e| Failure(format!("{name}: cannot write the analysis: {e}")))?;
        if let (Some(object), Ok(smaa)) = (value.as_object_mut(), serde_json::to_value(&smaa)) {
            object.insert("smaa".into(), smaa);
        }
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| Failure(format!("{name}: cannot write the analysis: {e}")))?;
        outln!("{text}");
    } else {
        out!("{}", render::analysis(&analysis, &smaa));
    }
    Ok(())
}

/// Write the decision memo of `file` (the demo when none) to `output` (stdout when none).
pub(crate) fn memo(file: Option<&Path>, output: Option<&Path>, date: Option<&str>) -> Outcome {
    let scorecard = match &file {
        Some(path) => load(path)?.0,
        None => rfp_templates::demo(),
    };
    let date = match date {
        Some(date) => {
            rfp_core::stamp::check_day(date)
                .map_err(|problem| Failure(format!("--date: {problem}")))?;
            date.to_owned()
        }
        None => today(),
    };
    let report = rfp_core::score(&scorecard);
    let analysis = rfp_core::analysis::analyse(&scorecard, &report);
    // A file named `.html` or `.htm` gets the page to print; anything else, Markdown.
    let as_html = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let text = if as_html {
        rfp_core::memo::html(&scorecard, &report, &analysis, &date)
    } else {
        rfp_core::memo::markdown(&scorecard, &report, &analysis, &date)
    };
    crate::io::emit(output, &text)
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
fn today() -> String {
    crate::io::now().map_or_else(|| "1970-01-01".to_owned(), rfp_core::Stamp::date)
}
