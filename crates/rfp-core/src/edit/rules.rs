//! The edits that remake a requirement's rule from the one it has — a numeric requirement's
//! direction and the shape of its curve, a choice's new option — each carried out as the
//! [`Edit::SetRule`] of the rule it makes, so that what a rule change takes with it and gives
//! back on undo is `set_rule`'s.

use serde::{Deserialize, Serialize};

use super::{Edit, EditError};
use crate::model::{Answer, Better, ChoiceOption, Curve, Extra, Gate, Scorecard, Scoring, Step};
use crate::tree::find_criterion;
use crate::vocabulary::kind;

/// The shape of a numeric requirement's curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurveShape {
    /// A straight line from the worst value (score 0) to the best (score 1).
    Linear,
    /// Thresholds, each with its score.
    Steps,
}

/// The [`Edit::SetRule`] that `edit` (one of the edits of this module) comes to on `scorecard`.
pub(super) fn as_set_rule(scorecard: &Scorecard, edit: &Edit) -> Result<Edit, EditError> {
    let (id, rule) = match edit {
        Edit::SetDirection { id, higher } => (id, direction(rule_of(scorecard, id)?, *higher)?),
        Edit::SetCurveShape { id, shape } => (id, reshape(rule_of(scorecard, id)?, *shape)?),
        Edit::AddOption { id, label, points } => (
            id,
            add_option(scorecard, id, rule_of(scorecard, id)?, label, *points)?,
        ),
        _ => unreachable!("edit::carry sends only rule edits here"),
    };
    Ok(Edit::SetRule {
        id: id.clone(),
        rule,
    })
}

/// The rule of the requirement `id`, with its name.
fn rule_of<'a>(scorecard: &'a Scorecard, id: &str) -> Result<(&'a str, &'a Scoring), EditError> {
    match find_criterion(&scorecard.criteria, id) {
        Some(criterion) => match &criterion.scoring {
            Some(rule) => Ok((criterion.name.as_str(), rule)),
            None => Err(EditError::new(
                "id",
                format!(
                    "“{}” is a category; only a requirement has a rule.",
                    criterion.name
                ),
            )),
        },
        None => Err(EditError::new(
            "id",
            format!("There is no criterion “{id}”."),
        )),
    }
}

/// The refusal of an edit made for another kind of requirement: `has` is what only `kind`
/// requirements have.
fn not_a((name, rule): (&str, &Scoring), kind: &str, has: &str) -> EditError {
    let kind_of =
        |k: &str| crate::vocabulary::label(crate::vocabulary::REQUIREMENT_KINDS, k).to_lowercase();
    EditError::new(
        "id",
        format!(
            "Only a requirement scored as “{}” has {has}; “{name}” is scored as “{}”.",
            kind_of(kind),
            kind_of(rule.kind_name())
        ),
    )
}

/// Higher (or lower) values better; a straight curve's ends swap so that it keeps pointing the
/// right way (its best value stays the one that scores 1).
fn direction(of: (&str, &Scoring), higher: bool) -> Result<Scoring, EditError> {
    let Scoring::Numeric(rule) = of.1 else {
        return Err(not_a(of, kind::NUMERIC, "a better direction"));
    };
    let mut rule = rule.clone();
    rule.better = if higher {
        Better::Higher
    } else {
        Better::Lower
    };
    if let Curve::Linear { worst, best, .. } = &mut rule.curve {
        if higher != (*best > *worst) {
            std::mem::swap(worst, best);
        }
    }
    Ok(Scoring::Numeric(rule))
}

/// The curve as a line or as steps, made from the curve it has: from a line, a step at the best
/// value scoring 1 and one halfway scoring 0.5; from steps, a line from the lowest-scoring step
/// to the highest-scoring one (0 to 100 when they are at one value), pointing the rule's way.
fn reshape(of: (&str, &Scoring), shape: CurveShape) -> Result<Scoring, EditError> {
    let Scoring::Numeric(rule) = of.1 else {
        return Err(not_a(of, kind::NUMERIC, "a curve"));
    };
    let mut rule = rule.clone();
    let higher = rule.better == Better::Higher;
    match (shape, &rule.curve) {
        (CurveShape::Steps, Curve::Linear { worst, best, .. }) => {
            rule.curve = Curve::Steps(vec![
                Step {
                    at: *best,
                    score: 1.0,
                    extra: Extra::new(),
                },
                Step {
                    at: (worst + best) / 2.0,
                    score: 0.5,
                    extra: Extra::new(),
                },
            ]);
        }
        (CurveShape::Linear, Curve::Steps(steps)) => {
            let at = |pick: fn(&Step, &Step) -> bool| {
                steps
                    .iter()
                    .reduce(|a, b| if pick(a, b) { a } else { b })
                    .map(|s| s.at)
            };
            let (mut worst, mut best) = (
                at(|a, b| a.score <= b.score).unwrap_or(0.0),
                at(|a, b| a.score >= b.score).unwrap_or(100.0),
            );
            if worst == best {
                (worst, best) = (0.0, 100.0);
            }
            if higher != (best > worst) {
                std::mem::swap(&mut worst, &mut best);
            }
            rule.curve = Curve::linear(worst, best);
        }
        // Already that shape: nothing changes.
        (CurveShape::Linear, Curve::Linear { .. }) | (CurveShape::Steps, Curve::Steps(_)) => {}
    }
    Ok(Scoring::Numeric(rule))
}

/// A new option at the end of a choice's options, its id made from its label: one no option,
/// answer or gate of the requirement names (an answer naming an option the rule lacks must not
/// come to name the new one). Whether its points are usable is `validate`'s.
fn add_option(
    scorecard: &Scorecard,
    requirement: &str,
    of: (&str, &Scoring),
    label: &str,
    points: f64,
) -> Result<Scoring, EditError> {
    let Scoring::Choice(rule) = of.1 else {
        return Err(not_a(of, kind::CHOICE, "options"));
    };
    let label = label.trim();
    if label.is_empty() {
        return Err(EditError::new(
            "label",
            "Label: a new option needs a label.",
        ));
    }
    let answered = |id: &str| {
        scorecard
            .vendors
            .iter()
            .any(|v| match v.answers.get(requirement) {
                Some(Answer::Text(chosen)) => chosen == id,
                Some(Answer::List(chosen)) => chosen.iter().any(|c| c == id),
                _ => false,
            })
    };
    let gated = |id: &str| {
        matches!(
            find_criterion(&scorecard.criteria, requirement).and_then(|c| c.gate.as_ref()),
            Some(Gate::AnyOf(ids)) if ids.iter().any(|g| g == id)
        )
    };
    let mut rule = rule.clone();
    // Option ids differ in more than case (`validate`'s rule for them).
    let id = super::new_id(label, None, "option", &|id| {
        rule.options.iter().any(|o| o.id.eq_ignore_ascii_case(id)) || answered(id) || gated(id)
    });
    rule.options.push(ChoiceOption {
        id,
        label: label.to_owned(),
        points,
        meets: false,
        extra: Extra::new(),
    });
    Ok(Scoring::Choice(rule))
}
