//! `rfp merge` and `rfp packet`: evaluators' files out and back in.

use std::path::{Path, PathBuf};

use rfp_core::edit::{Edit, ReturnedText, Session};
use rfp_core::merge::{FileVerdict, MergeReport};

use crate::io::{Failure, Outcome, display, load, read, saved, write};

/// Merge the evaluators' `files` into `base` and write the result to `output`. Every file must
/// be merged, or nothing is written: each refused or altered one is listed with why. A file in
/// `accept_altered` is merged although changed outside RFP Scorecard, and said so.
pub(crate) fn merge(
    base: &Path,
    files: &[PathBuf],
    accept_altered: &[PathBuf],
    output: &Path,
) -> Outcome {
    let (base_card, base_loaded) = load(base)?;
    if let Some(stray) = accept_altered.iter().find(|a| !files.contains(a)) {
        return Err(Failure(format!(
            "--accept-altered {}: not one of the files to merge",
            display(stray)
        )));
    }
    let mut returned = Vec::new();
    for path in files {
        returned.push(ReturnedText {
            name: display(path),
            text: read(path)?,
            accept_altered: accept_altered.contains(path),
        });
    }
    // The merge is an edit of the base, as in the page and the JavaScript API.
    let mut session = Session::new(base_card);
    let applied = session
        .apply(&Edit::MergeFiles { files: returned })
        .map_err(|error| {
            Failure(format!(
                "the merged scorecard would not be valid: {error}\nnothing written to {}",
                display(output)
            ))
        })?;
    let Some(merged) = applied.merges.first() else {
        return Err(Failure("no file to merge".into()));
    };
    if !merged.all_merged() {
        let mut lines = unmerged_lines(merged);
        lines.push(format!("nothing written to {}", display(output)));
        return Err(Failure(lines.join("\n")));
    }
    for diagnostic in &merged.remarks {
        eprintln!("{diagnostic}");
    }
    write(
        output,
        &saved(
            output,
            rfp_core::file::save_with_envelope(session.scorecard(), &base_loaded),
        )?,
    )?;
    outln!(
        "merged {} file(s) into {}: {} rating(s) new or updated, {} conflict(s) to settle",
        files.len(),
        display(output),
        merged.updated,
        merged.conflicts.len()
    );
    Ok(())
}

/// A line (or two) for each returned file that was not merged: why, and for one held back as
/// altered, the flag that merges it anyway.
pub(crate) fn unmerged_lines(merged: &MergeReport) -> Vec<String> {
    let mut lines = Vec::new();
    for (name, verdict) in &merged.files {
        match verdict {
            FileVerdict::Merged | FileVerdict::MergedAltered => {}
            FileVerdict::Altered(diagnostic) => {
                lines.push(format!("{name}: {diagnostic}"));
                lines.push(format!(
                    "  to merge it anyway: --accept-altered {}",
                    shell_word(name)
                ));
            }
            FileVerdict::Refused(diagnostics) => {
                lines.extend(refusal_lines(name, diagnostics));
            }
        }
    }
    lines
}

/// The lines saying why a file was refused: a criteria mismatch as the error writes it,
/// anything else one problem a line.
fn refusal_lines(name: &str, diagnostics: &[rfp_core::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            if d.location.is_empty() || d.location == name {
                format!("{name}: {}", d.message)
            } else {
                format!("{name}: {d}")
            }
        })
        .collect()
}

/// A path as a shell word: quoted when it holds anything but plain characters.
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/+:@".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Write the packet of `evaluator` from `file` to `output`.
pub(crate) fn packet(file: &Path, evaluator: &str, output: &Path) -> Outcome {
    let (scorecard, _) = load(file)?;
    let packet = rfp_core::merge::packet(&scorecard, evaluator)
        .map_err(|e| Failure(format!("{}: {e}", display(file))))?;
    write(output, &saved(output, rfp_core::save(&packet))?)?;
    outln!(
        "wrote {}: the packet for {evaluator}, with only their own ratings",
        display(output)
    );
    Ok(())
}
