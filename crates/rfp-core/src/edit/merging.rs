//! Merging returned files as an edit: [`merge_files`] decides for each file, and what it merged
//! replaces the ratings, the roster and the weightings that took evaluators' AHP judgments; the
//! inverse puts them back as they were.

use super::{Edit, EditError, Restore, ReturnedText, Touched};
use crate::merge::{MergeReport, ReturnedFile, merge_files};
use crate::model::Scorecard;

pub(super) fn perform(
    scorecard: &mut Scorecard,
    edit: &Edit,
    files: &[ReturnedText],
    merges: &mut Vec<MergeReport>,
) -> Result<(Edit, Touched), EditError> {
    if files.is_empty() {
        return Err(EditError::new(
            "files",
            "Choose the returned files to merge.",
        ));
    }
    let returned: Vec<ReturnedFile<'_>> = files
        .iter()
        .map(|file| ReturnedFile {
            name: &file.name,
            text: &file.text,
            accept_altered: file.accept_altered,
        })
        .collect();
    let (merged, report) = merge_files(scorecard, &returned).into_parts();
    merges.push(report);
    let unchanged = Edit::Batch { edits: Vec::new() };
    let Some(merged) = merged else {
        return Ok((unchanged, Touched::Nothing));
    };
    // A merge changes only the ratings, the roster and evaluators' AHP judgments (merging a
    // file twice changes nothing).
    let mut merged = merged;
    let weightings = changed_weightings(scorecard, &mut merged);
    if merged.ratings == scorecard.ratings
        && merged.evaluators == scorecard.evaluators
        && weightings.is_empty()
    {
        return Ok((unchanged, Touched::Nothing));
    }
    let ratings = std::mem::replace(&mut scorecard.ratings, merged.ratings);
    let evaluators = std::mem::replace(&mut scorecard.evaluators, merged.evaluators);
    let mut all_weightings = Vec::new();
    for (category, weighting) in weightings {
        if let Some(slot) = super::weighting_slot(scorecard, &category) {
            all_weightings.push((category, std::mem::replace(slot, weighting)));
        }
    }
    let inverse = Restore {
        undoes: Some(edit.clone()),
        all_ratings: Some(ratings),
        all_evaluators: Some(evaluators),
        all_weightings,
        ..Restore::default()
    };
    Ok((Edit::Restore(Box::new(inverse)), Touched::Scorecard))
}

/// The weightings (by category id, `""` for the top level) that differ between `scorecard` and
/// `merged`, taken out of `merged`.
fn changed_weightings(
    scorecard: &mut Scorecard,
    merged: &mut Scorecard,
) -> Vec<(String, Option<crate::model::Weighting>)> {
    let mut changed = Vec::new();
    for category in super::criteria::weighting_places(scorecard) {
        let now = super::weighting_slot(scorecard, &category).map(|w| w.clone());
        if let Some(slot) = super::weighting_slot(merged, &category) {
            if now.as_ref() != Some(slot) {
                changed.push((category, slot.take()));
            }
        }
    }
    changed
}
