//! Edits of vendors and their ratings, as pure functions on a scorecard: a vendor's answer typed
//! by hand (read exactly as a cell of an answer sheet, by `rfp-core`'s CSV import), removing a
//! vendor with its ratings and consensus values, and the chair's pick among a merge conflict's
//! values.

use rfp_core::edit::Edit;
use rfp_core::merge::RatingConflict;
use rfp_core::{Answer, Scorecard};

use crate::matrix_edit::FieldProblem;

/// The element id of the answer field of `vendor` on `requirement`.
pub fn answer_field(vendor: &str, requirement: &str) -> String {
    format!("answer-{vendor}-{requirement}")
}

/// An answer as the answer field shows it (cost lines are shown by the report's total instead).
pub fn answer_text(answer: &Answer) -> String {
    match answer {
        Answer::Bool(true) => "yes".into(),
        Answer::Bool(false) => "no".into(),
        Answer::Number(n) => rfp_core::typed::format_number(*n),
        Answer::Text(id) => id.clone(),
        Answer::List(ids) => ids.join(";"),
        Answer::Price(_) => String::new(),
    }
}

/// The edit that sets `vendor`'s answer to `requirement` from `text` as a person types it into
/// an answer sheet (read by the core's grammar of typed answers, as an imported sheet is); empty
/// text removes the answer. A refusal without a message changed nothing and says nothing.
pub fn set_answer(
    scorecard: &Scorecard,
    vendor: &str,
    requirement: &str,
    text: &str,
) -> Result<Edit, FieldProblem> {
    let field = answer_field(vendor, requirement);
    let Some(vendor_record) = scorecard.vendors.iter().find(|v| v.id == vendor) else {
        return Err(FieldProblem::new(field, "No such vendor.", text));
    };
    let Some(scoring) = rfp_core::tree::find_requirement(&scorecard.criteria, requirement)
        .and_then(|r| r.scoring.as_ref())
    else {
        return Err(FieldProblem::new(field, "No such requirement.", text));
    };
    let answer = if text.trim().is_empty() {
        if !vendor_record.answers.contains_key(requirement) {
            return Err(FieldProblem::new(field, "", text));
        }
        None
    } else {
        match rfp_core::typed::answer(scoring, text) {
            Ok(Some(answer)) => Some(answer),
            Ok(None) => {
                return Err(FieldProblem::new(
                    field,
                    "Answer: this requirement is rated by evaluators, not answered by the vendor.",
                    text,
                ));
            }
            Err(problem) => {
                let hint = if problem.hint.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", problem.hint)
                };
                return Err(FieldProblem::new(
                    field,
                    format!("Answer: {}{hint}", problem.message),
                    text,
                ));
            }
        }
    };
    Ok(Edit::SetAnswer {
        vendor: vendor.to_owned(),
        requirement: requirement.to_owned(),
        answer,
    })
}

/// The conflicts of a merge still open in `scorecard`: the evaluator's rating that counts
/// (the core's rule, [`rfp_core::merge::ratings_that_count`]) still shares its place with another.
pub fn open_conflicts(scorecard: &Scorecard, conflicts: &[RatingConflict]) -> Vec<RatingConflict> {
    conflicts
        .iter()
        .filter(|conflict| {
            rfp_core::merge::ratings_that_count(scorecard, &conflict.evaluator, &conflict.vendor)
                .get(conflict.requirement.as_str())
                .is_some_and(|counting| !counting.alone)
        })
        .cloned()
        .collect()
}
