//! `rfp merge` and `rfp packet`: evaluators' files out and back in.

use std::path::{Path, PathBuf};

use rfp_core::Scorecard;

use crate::io::{Failure, Outcome, display, load, saved, write};

/// Merge the evaluators' `files` into `base` and write the result to `output`.
pub(crate) fn merge(base: &Path, files: &[PathBuf], output: &Path) -> Outcome {
    let (base_card, base_loaded) = load(base)?;
    let mut others = Vec::new();
    for path in files {
        others.push((display(path), load(path)?.0));
    }
    let inputs: Vec<(&str, &Scorecard)> = others.iter().map(|(n, s)| (n.as_str(), s)).collect();
    let outcome = rfp_core::merge(&base_card, &inputs).map_err(|e| Failure(e.to_string()))?;
    for diagnostic in &outcome.diagnostics {
        eprintln!("{diagnostic}");
    }
    write(
        output,
        &saved(
            output,
            rfp_core::file::save_with_envelope(&outcome.scorecard, &base_loaded),
        )?,
    )?;
    outln!(
        "merged {} file(s) into {}: {} rating(s) new or updated, {} conflict(s) to settle",
        files.len(),
        display(output),
        outcome.updated,
        outcome.conflicts.len()
    );
    Ok(())
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
