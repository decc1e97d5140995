//! The edits that remake a requirement's rule from the one it has — a numeric requirement's
//! direction and the shape of its curve, a choice's new option — each carried out as the
//! [`Edit::SetRule`] of the rule it makes, so that what a rule change takes with it and gives
//! back on undo is `set_rule`'s.

use serde::{Deserialize, Serialize};

use super::{Edit, EditError};
use crate::model::{Better, ChoiceOption, Curve, Extra, Scorecard, Scoring, Step};
use crate::tree::find_criterion;

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
        Edit::AddOption { id, label, points } => {
            (id, add_option(rule_of(scorecard, id)?, label, *points)?)
        }
        _ => unreachable!("edit::carry sends only rule edits here"),
    };
    Ok(Edit::SetRule {
        id: id.clone(),
        rule,
    })
}

/// The rule of the requirement `id`.
fn rule_of<'a>(scorecard: &'a Scorecard, id: &str) -> Result<&'a Scoring, EditError> {
    match find_criterion(&scorecard.criteria, id) {
        Some(criterion) => criterion.scoring.as_ref().ok_or_else(|| {
            EditError::new(
                "id",
                format!(
                    "“{}” is a category; only a requirement has a rule.",
                    criterion.name
                ),
            )
        }),
        None => Err(EditError::new(
            "id",
            format!("There is no criterion “{id}”."),
        )),
    }
}

fn not_a(kind: &str, rule: &Scoring) -> EditError {
    EditError::new(
        "id",
        format!(
            "only a {kind} requirement has that; this one is a {} requirement",
            rule.kind_name()
        ),
    )
}

/// Higher (or lower) values better; a straight curve's ends swap so that it keeps pointing the
/// right way (its best value stays the one that scores 1).
fn direction(rule: &Scoring, higher: bool) -> Result<Scoring, EditError> {
    let Scoring::Numeric(rule) = rule else {
        return Err(not_a("numeric", rule));
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
fn reshape(rule: &Scoring, shape: CurveShape) -> Result<Scoring, EditError> {
    let Scoring::Numeric(rule) = rule else {
        return Err(not_a("numeric", rule));
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

/// A new option at the end of a choice's options, its id made from its label (unique among
/// the options); whether its points are usable is `validate`'s.
fn add_option(rule: &Scoring, label: &str, points: f64) -> Result<Scoring, EditError> {
    let Scoring::Choice(rule) = rule else {
        return Err(not_a("choice", rule));
    };
    let label = label.trim();
    if label.is_empty() {
        return Err(EditError::new("label", "a new option needs a label"));
    }
    let mut rule = rule.clone();
    let id = super::new_id(label, None, "option", &|id| {
        rule.options.iter().any(|o| o.id == id)
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
