//! Merging returned files as an edit: [`merge_files`] decides for each file, and what it merged
//! replaces the ratings and the roster; the inverse puts both back as they were.

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
    // A merge changes only these two (merging a file twice changes nothing).
    if merged.ratings == scorecard.ratings && merged.evaluators == scorecard.evaluators {
        return Ok((unchanged, Touched::Nothing));
    }
    let ratings = std::mem::replace(&mut scorecard.ratings, merged.ratings);
    let evaluators = std::mem::replace(&mut scorecard.evaluators, merged.evaluators);
    let inverse = Restore {
        undoes: Some(edit.clone()),
        all_ratings: Some(ratings),
        all_evaluators: Some(evaluators),
        ..Restore::default()
    };
    Ok((Edit::Restore(Box::new(inverse)), Touched::Scorecard))
}
