//! `rfp edit`: apply a list of edits through the core's session, all or nothing.

use std::path::Path;

use crate::io::{Failure, Outcome, display, edit_failure, load, read, saved, write};

/// Apply the edits in `edits` to `file` and write the result to `output`.
pub(crate) fn run(file: &Path, edits: &Path, output: &Path) -> Outcome {
    let (scorecard, envelope) = load(file)?;
    let text = read(edits)?;
    let list: Vec<rfp_core::edit::Edit> = serde_json::from_str(&text).map_err(|e| {
        Failure(format!(
            "{}: line {}, column {}: {e}",
            display(edits),
            e.line(),
            e.column()
        ))
    })?;
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
