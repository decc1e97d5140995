//! `rfp edit`: apply a list of edits through the core's session, all or nothing.

use std::path::Path;

use crate::io::{Failure, Outcome, display, edit_failure, load, read, saved, write};

/// Apply the edits in `edits` to `file` and write the result to `output`.
pub(crate) fn run(file: &Path, edits: &Path, output: &Path) -> Outcome {
    let (scorecard, envelope) = load(file)?;
    let text = read(edits)?;
    // Read as the core reads a file: a member given twice is refused, and every edit of the
    // wrong shape is named by its place in the list, in the file's words.
    let refused = |error: rfp_core::Error| {
        let lines: Vec<String> = error
            .diagnostics()
            .iter()
            .map(|d| format!("{}: {d}", display(edits)))
            .collect();
        Failure(lines.join("\n"))
    };
    let value =
        rfp_core::file::parse_json(&text).map_err(|e| refused(rfp_core::file::syntax_error(&e)))?;
    let list: Vec<rfp_core::edit::Edit> =
        rfp_core::file::decode(value, "edits").map_err(refused)?;
    let mut session = rfp_core::edit::Session::new(scorecard);
    let mut changed = 0;
    for (index, edit) in list.iter().enumerate() {
        let outcome = session.apply(edit).map_err(|error| {
            edit_failure(&format!("{} edit {}", display(edits), index + 1), error)
        })?;
        for warning in &outcome.warnings {
            eprintln!("{} edit {}: {warning}", display(edits), index + 1);
        }
        // A merge of returned files: all of them, or nothing is written (as `rfp merge`).
        for merged in &outcome.merges {
            for remark in &merged.remarks {
                eprintln!("{} edit {}: {remark}", display(edits), index + 1);
            }
            if !merged.all_merged() {
                let mut lines: Vec<String> = super::share::unmerged_lines(merged)
                    .into_iter()
                    .map(|line| format!("{} edit {}: {line}", display(edits), index + 1))
                    .collect();
                lines.push(format!("nothing written to {}", display(output)));
                return Err(Failure(lines.join("\n")));
            }
        }
        if outcome.touched != rfp_core::edit::Touched::Nothing {
            changed += 1;
        }
    }
    let scorecard = session.into_scorecard();
    write(
        output,
        &saved(
            output,
            rfp_core::file::save_with_envelope(&scorecard, &envelope),
        )?,
    )?;
    outln!(
        "wrote {}: {changed} of {} edit(s) changed the scorecard",
        display(output),
        list.len()
    );
    Ok(())
}
