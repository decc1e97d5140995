//! Edits of vendors and their ratings, as pure functions on a scorecard: a vendor's answer typed
//! by hand (read exactly as a cell of an answer sheet, by `rfp-core`'s CSV import), removing a
//! vendor with its ratings and consensus values, and the chair's pick among a merge conflict's
//! values.

use rfp_core::merge::RatingConflict;
use rfp_core::{Answer, Rating, Scorecard};

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
        Answer::Number(n) => rfp_core::csv_io::format_number(*n),
        Answer::Text(id) => id.clone(),
        Answer::List(ids) => ids.join(";"),
        Answer::Price(_) => String::new(),
    }
}

/// Set `vendor`'s answer to `requirement` from `text` as a person types it into an answer sheet
/// (`yes`, an option id or label, `12`, `$1,250,000`, `one_time=50000; recurring=12000`, options
/// separated by `;`); empty text removes the answer.
pub fn set_answer(
    scorecard: &Scorecard,
    vendor: &str,
    requirement: &str,
    text: &str,
) -> Result<Scorecard, FieldProblem> {
    let field = answer_field(vendor, requirement);
    let Some(index) = scorecard.vendors.iter().position(|v| v.id == vendor) else {
        return Err(FieldProblem::new(field, "No such vendor.", text));
    };
    if rfp_core::csv_io::find_requirement(&scorecard.criteria, requirement).is_none() {
        return Err(FieldProblem::new(field, "No such requirement.", text));
    }
    let mut next = scorecard.clone();
    if text.trim().is_empty() {
        if next.vendors[index].answers.remove(requirement).is_none() {
            return Err(FieldProblem::new(field, "", text));
        }
        return Ok(next);
    }
    // One cell of a one-vendor answer sheet, read by the same code as an imported sheet.
    let sheet = rfp_core::csv_io::write_csv(
        &["requirement", "answer"],
        &[vec![
            rfp_core::csv_io::Cell::Text(requirement.to_owned()),
            rfp_core::csv_io::Cell::Text(text.trim().to_owned()),
        ]],
        &rfp_core::csv_io::CsvOptions {
            bom: false,
            ..Default::default()
        },
    );
    let name = next.vendors[index].name.clone();
    let import = rfp_core::csv_io::import_answers(
        "answer",
        &sheet,
        &scorecard.criteria,
        Some((vendor, &name)),
    );
    let error = import
        .diagnostics
        .iter()
        .find(|d| d.severity == rfp_core::Severity::Error);
    let answer = import
        .vendors
        .into_iter()
        .next()
        .and_then(|mut v| v.answers.remove(requirement));
    match (error, answer) {
        (None, Some(answer)) => {
            next.vendors[index]
                .answers
                .insert(requirement.to_owned(), answer);
            Ok(next)
        }
        (Some(error), _) => Err(FieldProblem::new(
            field,
            format!("Answer: {}", error.message),
            text,
        )),
        (None, None) => Err(FieldProblem::new(
            field,
            "Answer: this requirement is rated by evaluators, not answered by the vendor.",
            text,
        )),
    }
}

fn same_key(rating: &Rating, conflict: &RatingConflict) -> bool {
    rating.evaluator == conflict.evaluator
        && rating.vendor == conflict.vendor
        && rating.requirement == conflict.requirement
}

/// The conflicts of a merge still open in `scorecard`: the rating still has different values at
/// its latest revision.
pub fn open_conflicts(scorecard: &Scorecard, conflicts: &[RatingConflict]) -> Vec<RatingConflict> {
    conflicts
        .iter()
        .filter(|conflict| {
            let ratings: Vec<&Rating> = scorecard
                .ratings
                .iter()
                .filter(|r| same_key(r, conflict))
                .collect();
            let latest = ratings.iter().map(|r| r.revision).max();
            let mut values = ratings
                .iter()
                .filter(|r| Some(r.revision) == latest)
                .map(|r| (r.score.to_bits(), &r.note));
            values
                .next()
                .is_some_and(|first| values.any(|other| other != first))
        })
        .cloned()
        .collect()
}
