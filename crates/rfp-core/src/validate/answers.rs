//! Vendors' answers against their requirement's rule.

use super::*;

/// Check one answer against its requirement's scoring. The place and the description of the
/// answer are made only for a message (a committee's file holds thousands of answers).
pub(super) fn check_answer(
    scoring: &Scoring,
    answer: &Answer,
    place: &dyn Fn() -> String,
    out: &mut Vec<Diagnostic>,
) {
    let found = || describe_answer(answer);
    match (scoring, answer) {
        (Scoring::YesNo(_), Answer::Bool(_)) => {}
        (Scoring::YesNo(_), _) => out.push(Diagnostic::error(
            place(),
            format!("expected true (yes) or false (no), found {}", found()),
        )),
        (Scoring::Choice(rule), Answer::Text(id)) => check_options(rule, [id], place, out),
        (Scoring::Choice(rule), Answer::List(ids)) if rule.multiple => {
            check_options(rule, ids, place, out)
        }
        (Scoring::Choice(rule), _) => out.push(Diagnostic::error(
            place(),
            if rule.multiple {
                format!("expected a list of option ids, found {}", found())
            } else {
                format!("expected one option id, found {}", found())
            },
        )),
        (Scoring::Numeric(_), Answer::Number(n)) if n.is_finite() => {}
        (Scoring::Numeric(rule), _) => out.push(Diagnostic::error(
            place(),
            format!("expected a number of {}, found {}", unit_or(rule), found()),
        )),
        (Scoring::Rating(_), _) => out.push(Diagnostic::warning(
            place(),
            "a rating requirement is rated by evaluators; this answer is ignored",
        )),
        (Scoring::Price(_), Answer::Number(n)) => {
            if !(n.is_finite() && *n >= 0.0) {
                out.push(Diagnostic::error(
                    place(),
                    format!("expected a price of 0 or more, found {}", shown_number(*n)),
                ));
            }
        }
        (Scoring::Price(rule), Answer::Price(bid)) => {
            let before = out.len();
            for (list, lines) in [("one_time", &bid.one_time), ("recurring", &bid.recurring)] {
                for (i, line) in lines.iter().enumerate() {
                    if !(line.amount.is_finite() && line.amount >= 0.0) {
                        out.push(Diagnostic::error(
                            format!("{}.{list}[{i}].amount", place()),
                            format!(
                                "expected an amount of 0 or more, found {}",
                                shown_number(line.amount)
                            ),
                        ));
                    }
                }
            }
            // Each line a number, but their total over the years none: scoring could not
            // read the bid, and would take it for no answer.
            // (An increase out of its limits is the rule's problem, said once at the rule.)
            if out.len() == before
                && super::escalation_fits(rule.escalation_percent)
                && crate::score::total_cost(rule, answer).is_none()
            {
                out.push(
                    Diagnostic::error(
                        place(),
                        format!(
                            "the cost lines add up to more than a number can hold over {} \
                             year(s)",
                            rule.years
                        ),
                    )
                    .with_hint("check the amounts and the years of the requirement"),
                );
            }
        }
        (Scoring::Price(_), _) => out.push(Diagnostic::error(
            place(),
            format!(
                "expected a price (a number or one_time/recurring cost lines), found {}",
                found()
            ),
        )),
    }
}

/// The first error [`check_answer`] finds in an answer read from a sheet's cell, to be said at
/// the cell: a sheet's answers are checked by the rule a file's are.
pub(crate) fn answer_error(scoring: &Scoring, answer: &Answer) -> Option<Diagnostic> {
    let mut out = Vec::new();
    check_answer(scoring, answer, &String::new, &mut out);
    out.into_iter()
        .find(|d| d.severity == crate::error::Severity::Error)
}

/// A numeric rule's unit as a message names it: as written when it reads as a unit (at most
/// 30 characters of letters, ASCII digits, single spaces and `% $ / -`: `minutes`, `encounters/day`,
/// `$ millions`), else quoted and cut as typed text is ([`crate::typed::shown`]). A unit is the
/// file's text: one holding a quote, a line break or a direction control, or a page of text,
/// would break the sentence it stands in.
pub(super) fn unit_or(rule: &NumericRule) -> std::borrow::Cow<'_, str> {
    let unit = rule.unit.as_str();
    let reads_as_a_unit = unit.chars().count() <= 30
        && !unit.starts_with(' ')
        && !unit.ends_with(' ')
        && !unit.contains("  ")
        && unit.chars().all(|c| {
            c.is_alphabetic() || c.is_ascii_digit() || matches!(c, ' ' | '%' | '$' | '/' | '-')
        });
    if unit.is_empty() {
        "units".into()
    } else if reads_as_a_unit {
        unit.into()
    } else {
        crate::typed::shown(unit).into()
    }
}

pub(super) fn check_options<'a>(
    rule: &ChoiceRule,
    ids: impl IntoIterator<Item = &'a String>,
    place: &dyn Fn() -> String,
    out: &mut Vec<Diagnostic>,
) {
    for id in ids {
        if !rule.options.iter().any(|o| &o.id == id) {
            let known: Vec<&str> = rule.options.iter().map(|o| o.id.as_str()).collect();
            out.push(
                Diagnostic::error(place(), format!("unknown option \"{id}\""))
                    .with_hint(format!("options: {}", known.join(", "))),
            );
        }
    }
}

/// A short description of an answer for messages.
pub fn describe_answer(answer: &Answer) -> String {
    match answer {
        Answer::Bool(b) => b.to_string(),
        Answer::Number(n) => n.to_string(),
        Answer::Text(s) => format!("{s:?}"),
        Answer::List(_) => "a list".to_owned(),
        Answer::Price(_) => "cost lines".to_owned(),
    }
}
