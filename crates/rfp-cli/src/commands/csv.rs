//! `rfp import-csv` and `rfp export-csv`: requirement lists, vendor answers, scoring sheets and
//! the report as spreadsheets.

use rfp_core::csv_io;

use crate::io::{
    Failure, Outcome, check_import, display, edit_failure, emit, load, read, saved, write,
};
use crate::{ExportWhat, ImportWhat};

/// Import a sheet into a scorecard file.
pub(crate) fn import(what: ImportWhat) -> Outcome {
    match what {
        ImportWhat::Requirements { csv, title, output } => {
            let text = read(&csv)?;
            let imported = csv_io::import_requirements(&display(&csv), &text);
            check_import(&display(&csv), &imported.diagnostics)?;
            let scorecard = imported.into_scorecard(title);
            write(&output, &saved(&output, rfp_core::save(&scorecard))?)?;
            outln!(
                "wrote {} with {} requirement(s)",
                display(&output),
                rfp_core::tree::requirements_by_id(&scorecard.criteria).len()
            );
            Ok(())
        }
        ImportWhat::Answers {
            scorecard: path,
            csv,
            vendor,
            output,
        } => {
            let (mut scorecard, envelope) = load(&path)?;
            let text = read(&csv)?;
            let sheet =
                rfp_core::edit::answer_sheet(&scorecard, &display(&csv), &text, vendor.as_deref());
            check_import(&display(&csv), &sheet.diagnostics)?;
            let count = sheet.vendors;
            if let Some(edit) = &sheet.edit {
                scorecard = rfp_core::edit::apply(&scorecard, edit)
                    .map_err(|error| edit_failure(&display(&csv), error))?
                    .scorecard;
            }
            write(
                &output,
                &saved(
                    &output,
                    rfp_core::file::save_with_envelope(&scorecard, &envelope),
                )?,
            )?;
            outln!(
                "wrote {} with answers of {count} vendor(s)",
                display(&output)
            );
            Ok(())
        }
        ImportWhat::Ratings {
            scorecard: path,
            csv,
            output,
        } => {
            let (mut scorecard, envelope) = load(&path)?;
            let text = read(&csv)?;
            let imported =
                csv_io::import_scoring_sheet(&display(&csv), &text, &scorecard, crate::io::now());
            check_import(&display(&csv), &imported.diagnostics)?;
            let count = imported.ratings.len();
            let merged = imported
                .merge_into(&scorecard, &display(&csv))
                .map_err(|e| Failure(format!("{}: {e}", display(&csv))))?;
            scorecard = merged.scorecard;
            write(
                &output,
                &saved(
                    &output,
                    rfp_core::file::save_with_envelope(&scorecard, &envelope),
                )?,
            )?;
            outln!(
                "wrote {} with {count} rating(s) from the sheet",
                display(&output)
            );
            Ok(())
        }
    }
}

/// Export a sheet from a scorecard file.
pub(crate) fn export(what: ExportWhat) -> Outcome {
    match what {
        ExportWhat::Requirements {
            file,
            csv_options,
            output,
        } => {
            let (scorecard, _) = load(&file)?;
            emit(
                output.as_deref(),
                &csv_io::export_requirements(&scorecard.criteria, &csv_options.options()),
            )
        }
        ExportWhat::Report {
            file,
            csv_options,
            output,
        } => {
            let (scorecard, _) = load(&file)?;
            let report = rfp_core::score(&scorecard);
            emit(
                output.as_deref(),
                &csv_io::export_report(&report, &csv_options.options()),
            )
        }
        ExportWhat::ScoringSheet {
            file,
            evaluator,
            csv_options,
            output,
        } => {
            let (scorecard, _) = load(&file)?;
            let sheet =
                csv_io::export_scoring_sheet(&scorecard, &evaluator, &csv_options.options())
                    .map_err(|e| Failure(format!("{}: {e}", display(&file))))?;
            emit(output.as_deref(), &sheet)
        }
    }
}
