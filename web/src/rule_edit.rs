//! The rule forms of one requirement: its gate (what a vendor must meet), a choice's options and
//! their points, a rating scale, a price rule and a numeric requirement's curve. Each reads what
//! was typed — refusing text the field cannot use with a [`FieldProblem`] naming that field — and
//! gives the requirement's new rule; [`requirement_edit`] turns that into the core's edits
//! (`set_rule`, `set_gate`), which the state applies through its session: what an option's
//! removal takes with it, and whether the result is valid, are the core's rules. A rule remade
//! from the one there (a numeric requirement's direction, its curve's shape, a choice's new
//! option and its id) is the core's edit too (`set_direction`, `set_curve_shape`, `add_option`).

use rfp_core::{Criterion, Curve, Extra, Gate, PriceFormula, Scorecard, Scoring, Step};

use rfp_core::vocabulary::gate;

use crate::format::quoted;
use crate::matrix_edit::{FieldProblem, siblings_mut};

/// A gate as chosen in the gate form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GateForm {
    /// `none`, `required` (yes/no must be yes), `at_least`, `at_most` or `any_of`.
    pub kind: String,
    /// The threshold as typed (for `at_least` and `at_most`).
    pub threshold: String,
    /// The option ids ticked (for `any_of`).
    pub options: Vec<String>,
}

/// The gate kinds a form offers for a rule: "No gate", then the core's gates that fit it.
pub fn gate_kinds(scoring: &Scoring) -> Vec<(&'static str, &'static str)> {
    std::iter::once(("none", "No gate"))
        .chain(
            rfp_core::vocabulary::gates_that_fit(scoring)
                .iter()
                .map(|term| (term.id, term.label)),
        )
        .collect()
}

/// The gate form showing `gate`.
pub fn gate_form(gate: Option<&Gate>) -> GateForm {
    let Some(gate) = gate else {
        return GateForm {
            kind: "none".into(),
            ..GateForm::default()
        };
    };
    GateForm {
        kind: gate.kind().into(),
        threshold: match gate {
            Gate::AtLeast(v) | Gate::AtMost(v) => rfp_core::typed::format_number(*v),
            Gate::Required | Gate::AnyOf(_) => String::new(),
        },
        options: match gate {
            Gate::AnyOf(ids) => ids.clone(),
            _ => Vec::new(),
        },
    }
}

/// A number typed into a field, read as the core reads typed numbers (`$` and `%` allowed;
/// `1,5` is not 15). When it is not one, the core's hint on how to write it (`write 1.5`), in
/// brackets after a space, or nothing: for the end of the field's message.
pub fn parse_number(text: &str) -> Result<f64, String> {
    rfp_core::typed::number(text, rfp_core::typed::NumberStyle::new(true, true, false)).map_err(
        |problem| {
            if problem.hint.is_empty() {
                String::new()
            } else {
                format!(" ({})", problem.hint)
            }
        },
    )
}

/// A form's change of one requirement as the core's edit: its rule, its gate and the answers
/// given for it, as they differ between `before` and `after` (the form's result). The session
/// applies it — validated, undoable — like any other edit.
pub fn requirement_edit(before: &Scorecard, after: &Scorecard, id: &str) -> rfp_core::edit::Edit {
    use rfp_core::edit::Edit;
    use rfp_core::tree::find_criterion;
    let mut edits = Vec::new();
    if let (Some(old), Some(new)) = (
        find_criterion(&before.criteria, id),
        find_criterion(&after.criteria, id),
    ) {
        if old.scoring != new.scoring {
            if let Some(rule) = &new.scoring {
                edits.push(Edit::SetRule {
                    id: id.to_owned(),
                    rule: rule.clone(),
                });
            }
        }
        if old.gate != new.gate {
            edits.push(Edit::SetGate {
                id: id.to_owned(),
                gate: new.gate.clone(),
            });
        }
    }
    for (old, new) in before.vendors.iter().zip(&after.vendors) {
        if old.answers.get(id) != new.answers.get(id) {
            edits.push(Edit::SetAnswer {
                vendor: new.id.clone(),
                requirement: id.to_owned(),
                answer: new.answers.get(id).cloned(),
            });
        }
    }
    Edit::Batch { edits }
}

fn found(text: &str) -> String {
    match text.trim() {
        "" => "nothing".to_owned(),
        trimmed => format!("“{trimmed}”"),
    }
}

/// The requirement at `path`, to edit.
fn requirement_mut<'a>(
    scorecard: &'a mut Scorecard,
    path: &[usize],
) -> Result<&'a mut Criterion, String> {
    let index = *path.last().ok_or("no criterion chosen")?;
    let criterion = siblings_mut(&mut scorecard.criteria, path)
        .and_then(|siblings| siblings.get_mut(index))
        .ok_or("no such criterion")?;
    if criterion.is_requirement() {
        Ok(criterion)
    } else {
        Err(format!(
            "{} is a category, not a requirement.",
            quoted(&criterion.name)
        ))
    }
}

/// Set (or clear) the gate of the requirement at `path`.
pub fn set_gate(
    scorecard: &Scorecard,
    path: &[usize],
    form: &GateForm,
) -> Result<Scorecard, FieldProblem> {
    let mut next = scorecard.clone();
    let criterion =
        requirement_mut(&mut next, path).map_err(|m| FieldProblem::new("", m, &form.kind))?;
    let threshold_field = format!("gate-threshold-{}", criterion.id);
    let kind_field = format!("gate-kind-{}", criterion.id);
    let Some(scoring) = &criterion.scoring else {
        return Err(FieldProblem::new(kind_field, "Not a requirement.", ""));
    };
    if !gate_kinds(scoring).iter().any(|(k, _)| *k == form.kind) {
        return Err(FieldProblem::new(
            kind_field,
            format!(
                "Gate: “{}” does not fit a {} requirement.",
                form.kind,
                scoring.kind_name()
            ),
            &form.kind,
        ));
    }
    // The number as typed; whether it is usable for this rule is the core's check.
    let threshold = || {
        let number = parse_number(&form.threshold).map_err(|hint| {
            FieldProblem::new(
                threshold_field.clone(),
                format!(
                    "Threshold: expected a number, found {}{hint}.",
                    found(&form.threshold)
                ),
                &form.threshold,
            )
        })?;
        let gate = if form.kind == gate::AT_MOST {
            Gate::AtMost(number)
        } else {
            Gate::AtLeast(number)
        };
        match rfp_core::validate::threshold_problem(scoring, &gate) {
            Some(problem) => Err(FieldProblem::new(
                threshold_field.clone(),
                format!("Threshold: {problem}."),
                &form.threshold,
            )),
            None => Ok(number),
        }
    };
    let gate = match form.kind.as_str() {
        "none" => None,
        gate::REQUIRED => Some(Gate::Required),
        gate::AT_LEAST => Some(Gate::AtLeast(threshold()?)),
        gate::AT_MOST => Some(Gate::AtMost(threshold()?)),
        _ => {
            let Scoring::Choice(rule) = scoring else {
                return Err(FieldProblem::new(kind_field, "Not a choice.", ""));
            };
            let ids: Vec<String> = rule
                .options
                .iter()
                .filter(|o| form.options.contains(&o.id))
                .map(|o| o.id.clone())
                .collect();
            if ids.is_empty() {
                return Err(FieldProblem::new(
                    format!("gate-options-{}", criterion.id),
                    "Options: tick at least one option a vendor must choose.",
                    "",
                ));
            }
            Some(Gate::AnyOf(ids))
        }
    };
    criterion.gate = gate;
    Ok(next)
}

/// One edit of a choice requirement's options.
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceEdit {
    /// A new option with its label and points (as typed).
    Add {
        /// What a person reads.
        label: String,
        /// Points, as typed.
        points: String,
    },
    /// Rename an option (its id, used in answers, stays).
    Label {
        /// Index in the options.
        index: usize,
        /// The new label.
        text: String,
    },
    /// An option's points, as typed.
    Points {
        /// Index in the options.
        index: usize,
        /// The text.
        text: String,
    },
    /// Whether an option meets the requirement (a gate made for it accepts the options that do).
    Meets {
        /// Index in the options.
        index: usize,
        /// Meets it.
        meets: bool,
    },
    /// Remove an option; answers choosing it lose it, and a gate stops naming it (the core's
    /// `set_rule` does that).
    Remove(usize),
}

/// Edit the options of the choice requirement at `path`.
pub fn edit_choice(
    scorecard: &Scorecard,
    path: &[usize],
    edit: &ChoiceEdit,
) -> Result<Scorecard, FieldProblem> {
    let mut next = scorecard.clone();
    let criterion = requirement_mut(&mut next, path).map_err(|m| FieldProblem::new("", m, ""))?;
    let id = criterion.id.clone();
    let Some(Scoring::Choice(rule)) = &mut criterion.scoring else {
        return Err(FieldProblem::new("", "Only a choice has options.", ""));
    };
    // Only the grammar of the typed number is the form's; what points a rule accepts is the
    // core's (`validate`), said at the field by `choice_field`.
    let points = |field: String, text: &str| {
        parse_number(text).map_err(|hint| {
            FieldProblem::new(
                field,
                format!(
                    "Points: expected a number of 0 or more, found {}{hint}.",
                    found(text)
                ),
                text,
            )
        })
    };
    let option = |index: usize| {
        if index < rule.options.len() {
            Ok(index)
        } else {
            Err(FieldProblem::new("", "No such option.", ""))
        }
    };
    match edit {
        ChoiceEdit::Add {
            label,
            points: text,
        } => {
            let points = points(format!("new-option-points-{id}"), text)?;
            // The option's id, and whether its label will do, are the core's.
            let add = rfp_core::edit::Edit::AddOption {
                id: id.clone(),
                label: label.clone(),
                points,
            };
            return core_rule(scorecard, &add, format!("new-option-label-{id}"), label);
        }
        ChoiceEdit::Label { index, text } => {
            let index = option(*index)?;
            let text = text.trim();
            if text.is_empty() {
                return Err(FieldProblem::new(
                    format!("option-label-{id}-{index}"),
                    "Label: an option needs a label.",
                    text,
                ));
            }
            rule.options[index].label = text.to_owned();
        }
        ChoiceEdit::Points { index, text } => {
            let index = option(*index)?;
            rule.options[index].points = points(format!("option-points-{id}-{index}"), text)?;
        }
        ChoiceEdit::Meets { index, meets } => {
            let index = option(*index)?;
            rule.options[index].meets = *meets;
        }
        ChoiceEdit::Remove(index) => {
            let index = option(*index)?;
            rule.options.remove(index);
        }
    }
    Ok(next)
}

/// The scorecard after one of the core's rule edits (a rule it remakes from the one there:
/// a direction, a curve's shape, a new option), for the form to send as its change; a refusal is
/// said at `field` (the form's field for the edit's own), keeping what was `typed` there.
fn core_rule(
    scorecard: &Scorecard,
    edit: &rfp_core::edit::Edit,
    field: String,
    typed: &str,
) -> Result<Scorecard, FieldProblem> {
    let mut next = scorecard.clone();
    rfp_core::edit::perform(&mut next, edit)
        .map(|_| next)
        .map_err(|error| FieldProblem::new(field, error.message, typed))
}

/// Where the core's refusal of a choice form's edit is said: the field's element id, its label
/// and the text it keeps (what was typed, or what the field showed).
pub fn choice_field(scorecard: &Scorecard, path: &[usize], edit: &ChoiceEdit) -> Refusal {
    let Some(criterion) = rfp_core::tree::at(&scorecard.criteria, path) else {
        return Refusal::default();
    };
    let id = &criterion.id;
    let label_of = |index: usize| match &criterion.scoring {
        Some(Scoring::Choice(rule)) => rule
            .options
            .get(index)
            .map(|o| o.label.clone())
            .unwrap_or_default(),
        _ => String::new(),
    };
    match edit {
        ChoiceEdit::Add { points, .. } => {
            Refusal::at(format!("new-option-points-{id}"), "Points", points)
        }
        ChoiceEdit::Label { index, text } => {
            Refusal::at(format!("option-label-{id}-{index}"), "Label", text)
        }
        ChoiceEdit::Points { index, text } => {
            Refusal::at(format!("option-points-{id}-{index}"), "Points", text)
        }
        ChoiceEdit::Meets { index, .. } | ChoiceEdit::Remove(index) => Refusal::at(
            format!("option-label-{id}-{index}"),
            "Options",
            &label_of(*index),
        ),
    }
}

/// Where a core's refusal of a form's edit is said.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refusal {
    /// The field's element id.
    pub field: String,
    /// The field's label, leading the core's message.
    pub label: &'static str,
    /// The text the field keeps.
    pub text: String,
    /// Another field for a refusal whose place in the scorecard ends so (a form with two
    /// fields: the one the core's problem is about).
    pub instead: Option<(&'static str, Box<Refusal>)>,
}

impl Refusal {
    /// A refusal said at `field`, labelled `label`, keeping `text`.
    pub fn at(field: String, label: &'static str, text: &str) -> Refusal {
        Refusal {
            field,
            label,
            text: text.to_owned(),
            instead: None,
        }
    }

    /// Said at `other` instead when the core's problem is at a place ending with `ending`.
    pub fn or_at(self, ending: &'static str, other: Refusal) -> Refusal {
        Refusal {
            instead: Some((ending, Box::new(other))),
            ..self
        }
    }

    /// Where the core's refusal `error` is said.
    pub fn of(self, error: &rfp_core::edit::EditError) -> Refusal {
        let place = error
            .diagnostics
            .first()
            .map(|d| d.location.to_string())
            .unwrap_or_default();
        match self.instead {
            Some((ending, other)) if place.ends_with(ending) => *other,
            _ => self,
        }
    }
}

/// Set the scale of the rating requirement at `path` to `min`–`max` (whole numbers, as typed).
/// Whether the scale may change — its width, and ratings, consensus values, a minimum-rating
/// gate or anchors it would leave out — is the core's rule, said when the edit is applied.
pub fn set_scale(
    scorecard: &Scorecard,
    path: &[usize],
    min: &str,
    max: &str,
) -> Result<Scorecard, FieldProblem> {
    let mut next = scorecard.clone();
    let criterion = requirement_mut(&mut next, path).map_err(|m| FieldProblem::new("", m, ""))?;
    let field = scale_field(&criterion.id);
    let whole = |label: &str, text: &str| {
        text.trim().parse::<i32>().map_err(|_| {
            FieldProblem::new(
                &field,
                format!("{label}: expected a whole number, found {}.", found(text)),
                text,
            )
        })
    };
    let (low, high) = (whole("Lowest level", min)?, whole("Highest level", max)?);
    let Some(Scoring::Rating(rule)) = &mut criterion.scoring else {
        return Err(FieldProblem::new(
            "",
            "Only a rating requirement has a scale.",
            "",
        ));
    };
    rule.min = low;
    rule.max = high;
    Ok(next)
}

/// The field of a rating requirement's scale (where a refused scale is said).
pub fn scale_field(id: &str) -> String {
    format!("scale-{id}")
}

/// The element id of a price rule's field (`formula`, `years` or `escalation`) of requirement
/// `id`, where the form shows it and says its refusals.
pub fn price_field_id(field: &str, id: &str) -> String {
    format!("price-{field}-{id}")
}

/// One edit of a price requirement's rule.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceEdit {
    /// `lowest_ratio` or `linear`.
    Formula(String),
    /// Years of total cost of ownership, as typed (a whole number; the core allows 1 to
    /// `rfp_core::validate::MAX_PRICE_YEARS`).
    Years(String),
    /// Yearly increase of recurring costs in percent, as typed (the core allows what
    /// `rfp_core::validate::escalation_fits`).
    Escalation(String),
}

/// Edit the rule of the price requirement at `path`.
pub fn edit_price(
    scorecard: &Scorecard,
    path: &[usize],
    edit: &PriceEdit,
) -> Result<Scorecard, FieldProblem> {
    let mut next = scorecard.clone();
    let criterion = requirement_mut(&mut next, path).map_err(|m| FieldProblem::new("", m, ""))?;
    let id = criterion.id.clone();
    let Some(Scoring::Price(rule)) = &mut criterion.scoring else {
        return Err(FieldProblem::new(
            "",
            "Only a price requirement has a price rule.",
            "",
        ));
    };
    match edit {
        PriceEdit::Formula(formula) => {
            rule.formula = match formula.as_str() {
                "lowest_ratio" => PriceFormula::LowestRatio,
                "linear" => PriceFormula::Linear,
                other => {
                    return Err(FieldProblem::new(
                        price_field_id("formula", &id),
                        format!("Formula: unknown formula {}.", found(other)),
                        "",
                    ));
                }
            }
        }
        // How many years and how steep an increase are the core's limits: it refuses the rule
        // with a file's words, said at the field (`price_field`).
        PriceEdit::Years(text) => {
            rule.years = text.trim().parse::<u32>().map_err(|_| {
                FieldProblem::new(
                    price_field_id("years", &id),
                    format!("Years: expected a whole number, found {}.", found(text)),
                    text,
                )
            })?;
        }
        PriceEdit::Escalation(text) => {
            rule.escalation_percent = parse_number(text).map_err(|hint| {
                FieldProblem::new(
                    price_field_id("escalation", &id),
                    format!(
                        "Yearly increase: expected a percentage, found {}{hint}.",
                        found(text)
                    ),
                    text,
                )
            })?;
        }
    }
    Ok(next)
}

/// Where the core's refusal of a price form's edit is said: the field edited, keeping what was
/// typed there.
pub fn price_field(scorecard: &Scorecard, path: &[usize], edit: &PriceEdit) -> Refusal {
    let Some(criterion) = rfp_core::tree::at(&scorecard.criteria, path) else {
        return Refusal::default();
    };
    let id = &criterion.id;
    match edit {
        PriceEdit::Formula(text) => Refusal::at(price_field_id("formula", id), "Formula", text),
        PriceEdit::Years(text) => Refusal::at(price_field_id("years", id), "Years", text),
        PriceEdit::Escalation(text) => {
            Refusal::at(price_field_id("escalation", id), "Yearly increase", text)
        }
    }
}

/// One edit of a numeric requirement's rule.
#[derive(Debug, Clone, PartialEq)]
pub enum CurveEdit {
    /// The unit shown next to values.
    Unit(String),
    /// Whether higher values are better; a straight curve's ends swap to keep pointing right.
    HigherIsBetter(bool),
    /// `linear` or `steps`.
    Shape(String),
    /// The value scoring 0 on a straight curve, as typed.
    Worst(String),
    /// The value scoring 1 on a straight curve, as typed.
    Best(String),
    /// A step's threshold, as typed.
    StepAt {
        /// Index of the step.
        index: usize,
        /// The text.
        text: String,
    },
    /// A step's score (0 to 1), as typed.
    StepScore {
        /// Index of the step.
        index: usize,
        /// The text.
        text: String,
    },
    /// A new step: threshold and score, as typed.
    AddStep {
        /// Threshold.
        at: String,
        /// Score, 0 to 1.
        score: String,
    },
    /// Remove a step (a stepped curve keeps at least one).
    RemoveStep(usize),
}

/// Edit the rule of the numeric requirement at `path`.
pub fn edit_curve(
    scorecard: &Scorecard,
    path: &[usize],
    edit: &CurveEdit,
) -> Result<Scorecard, FieldProblem> {
    let mut next = scorecard.clone();
    let criterion = requirement_mut(&mut next, path).map_err(|m| FieldProblem::new("", m, ""))?;
    let id = criterion.id.clone();
    let Some(Scoring::Numeric(rule)) = &mut criterion.scoring else {
        return Err(FieldProblem::new(
            "",
            "Only a numeric requirement has a curve.",
            "",
        ));
    };
    let number = |field: String, label: &str, text: &str| {
        parse_number(text).map_err(|hint| {
            FieldProblem::new(
                field,
                format!("{label}: expected a number, found {}{hint}.", found(text)),
                text,
            )
        })
    };
    // Only the grammar of typed numbers is the form's; what a curve accepts (worst and best
    // apart and pointing the right way, scores from 0 to 1, one step per threshold, at least
    // one step) is the core's (`validate`), said at the field by `curve_field`.
    let score = |field: String, text: &str| {
        parse_number(text).map_err(|hint| {
            FieldProblem::new(
                field,
                format!(
                    "Score: expected a score from 0 to 1, found {}{hint}.",
                    found(text)
                ),
                text,
            )
        })
    };
    let step = |steps: &Vec<Step>, index: usize| {
        if index < steps.len() {
            Ok(index)
        } else {
            Err(FieldProblem::new("", "No such step.", ""))
        }
    };
    match (edit, &mut rule.curve) {
        (CurveEdit::Unit(unit), _) => rule.unit = unit.trim().to_owned(),
        (CurveEdit::HigherIsBetter(higher), _) => {
            let edit = rfp_core::edit::Edit::SetDirection {
                id: id.clone(),
                higher: *higher,
            };
            return core_rule(scorecard, &edit, format!("curve-shape-{id}"), "");
        }
        (CurveEdit::Shape(shape), _) => {
            // The shape's name as the core's edits write it.
            let named = serde_json::Value::String(shape.clone());
            let Ok(shape) = serde_json::from_value::<rfp_core::edit::CurveShape>(named) else {
                return Err(FieldProblem::new(
                    format!("curve-shape-{id}"),
                    format!("Curve: unknown shape “{shape}”."),
                    shape,
                ));
            };
            let edit = rfp_core::edit::Edit::SetCurveShape {
                id: id.clone(),
                shape,
            };
            return core_rule(scorecard, &edit, format!("curve-shape-{id}"), "");
        }
        (CurveEdit::Worst(text), Curve::Linear { worst, .. }) => {
            *worst = number(format!("curve-worst-{id}"), "Worst", text)?;
        }
        (CurveEdit::Best(text), Curve::Linear { best, .. }) => {
            *best = number(format!("curve-best-{id}"), "Best", text)?;
        }
        (CurveEdit::StepAt { index, text }, Curve::Steps(steps)) => {
            let index = step(steps, *index)?;
            steps[index].at = number(format!("step-at-{id}-{index}"), "Threshold", text)?;
        }
        (CurveEdit::StepScore { index, text }, Curve::Steps(steps)) => {
            let index = step(steps, *index)?;
            steps[index].score = score(format!("step-score-{id}-{index}"), text)?;
        }
        (CurveEdit::AddStep { at, score: text }, Curve::Steps(steps)) => {
            let value = number(format!("new-step-at-{id}"), "Threshold", at)?;
            let score = score(format!("new-step-score-{id}"), text)?;
            steps.push(Step {
                at: value,
                score,
                extra: Extra::new(),
            });
        }
        (CurveEdit::RemoveStep(index), Curve::Steps(steps)) => {
            let index = step(steps, *index)?;
            steps.remove(index);
        }
        _ => {
            return Err(FieldProblem::new(
                "",
                "That field does not belong to this curve.",
                "",
            ));
        }
    }
    Ok(next)
}

/// Where the core's refusal of a curve form's edit is said (see [`choice_field`]).
pub fn curve_field(scorecard: &Scorecard, path: &[usize], edit: &CurveEdit) -> Refusal {
    let Some(criterion) = rfp_core::tree::at(&scorecard.criteria, path) else {
        return Refusal::default();
    };
    let id = &criterion.id;
    let step_at = |index: usize| match &criterion.scoring {
        Some(Scoring::Numeric(rule)) => match &rule.curve {
            Curve::Steps(steps) => steps
                .get(index)
                .map(|s| rfp_core::typed::format_number(s.at))
                .unwrap_or_default(),
            Curve::Linear { .. } => String::new(),
        },
        _ => String::new(),
    };
    match edit {
        CurveEdit::Unit(text) => Refusal::at(format!("curve-unit-{id}"), "Unit", text),
        CurveEdit::HigherIsBetter(_) | CurveEdit::Shape(_) => {
            Refusal::at(format!("curve-shape-{id}"), "Curve", "")
        }
        CurveEdit::Worst(text) => Refusal::at(format!("curve-worst-{id}"), "Worst", text),
        CurveEdit::Best(text) => Refusal::at(format!("curve-best-{id}"), "Best", text),
        CurveEdit::StepAt { index, text } => {
            Refusal::at(format!("step-at-{id}-{index}"), "Threshold", text)
        }
        CurveEdit::StepScore { index, text } => {
            Refusal::at(format!("step-score-{id}-{index}"), "Score", text)
        }
        CurveEdit::AddStep { at, score } => {
            Refusal::at(format!("new-step-at-{id}"), "Threshold", at).or_at(
                ".score",
                Refusal::at(format!("new-step-score-{id}"), "Score", score),
            )
        }
        CurveEdit::RemoveStep(index) => {
            Refusal::at(format!("step-at-{id}-{index}"), "Steps", &step_at(*index))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix_edit::at;
    use rfp_core::{Answer, Severity};
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn path_of(scorecard: &Scorecard, id: &str) -> Vec<usize> {
        rfp_core::tree::path_of(&scorecard.criteria, id).expect(id)
    }

    fn valid(scorecard: &Scorecard) {
        let errors: Vec<_> = rfp_core::validate(scorecard)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    /// The core's refusal of what a form made of `before` (the form read what was typed).
    fn core_refusal(before: &Scorecard, form: Result<Scorecard, FieldProblem>, id: &str) -> String {
        let after = form.expect("the form reads what was typed");
        rfp_core::edit::apply(before, &requirement_edit(before, &after, id))
            .expect_err("the core refuses it")
            .message
    }

    fn gate(kind: &str, threshold: &str) -> GateForm {
        GateForm {
            kind: kind.into(),
            threshold: threshold.into(),
            options: Vec::new(),
        }
    }

    #[test]
    fn gates_fit_their_kind_and_bad_thresholds_are_refused_at_the_field() {
        let demo = rfp_templates::demo();
        let uptime = path_of(&demo, "sla.uptime");
        let at_most = set_gate(&demo, &uptime, &gate("at_most", "99.9")).expect("set");
        assert_eq!(
            at(&at_most.criteria, &uptime).expect("there").gate,
            Some(Gate::AtMost(99.9))
        );
        valid(&at_most);
        let cleared = set_gate(&demo, &uptime, &gate("none", "")).expect("cleared");
        assert_eq!(at(&cleared.criteria, &uptime).expect("there").gate, None);
        let problem = set_gate(&demo, &uptime, &gate("at_least", "abc")).expect_err("refused");
        assert_eq!(problem.field, "gate-threshold-sla.uptime");
        assert_eq!(problem.text, "abc");
        assert!(problem.message.contains("expected a number, found “abc”"));
        assert!(set_gate(&demo, &uptime, &gate("required", "")).is_err());

        let rated = path_of(&demo, "fit.clinical.scripted_demo");
        let problem = set_gate(&demo, &rated, &gate("at_least", "9")).expect_err("refused");
        // The core's words for the core's check (`validate::threshold_problem`).
        assert_eq!(
            problem.message,
            "Threshold: minimum rating 9 is outside the scale 0–5."
        );
        valid(&set_gate(&demo, &rated, &gate("at_least", "3")).expect("set"));
        let price = path_of(&demo, "cost.tco");
        let problem = set_gate(&demo, &price, &gate("at_most", "-1")).expect_err("refused");
        assert_eq!(
            problem.message,
            "Threshold: expected a price ceiling of 0 or more, found -1."
        );
        valid(&set_gate(&demo, &price, &gate("at_most", "$300,000")).expect("set"));

        let choice = path_of(&demo, "fit.usability.mobile");
        let Some(Scoring::Choice(rule)) = &at(&demo.criteria, &choice).expect("there").scoring
        else {
            panic!("a choice")
        };
        let first = rule.options[0].id.clone();
        let none = GateForm {
            kind: "any_of".into(),
            ..GateForm::default()
        };
        assert_eq!(
            set_gate(&demo, &choice, &none).expect_err("refused").field,
            "gate-options-fit.usability.mobile"
        );
        let one = GateForm {
            options: vec![first.clone(), "no_such".into()],
            ..none
        };
        let gated = set_gate(&demo, &choice, &one).expect("set");
        assert_eq!(
            at(&gated.criteria, &choice).expect("there").gate,
            Some(Gate::AnyOf(vec![first]))
        );
        valid(&gated);
    }

    #[test]
    fn options_are_added_renamed_repointed_and_removed_with_their_answers() {
        let demo = rfp_templates::demo();
        let path = path_of(&demo, "interop.lab.interface");
        let add = |s: &Scorecard, label: &str, points: &str| {
            edit_choice(
                s,
                &path,
                &ChoiceEdit::Add {
                    label: label.into(),
                    points: points.into(),
                },
            )
        };
        let added = add(&demo, "Via a partner", "2").expect("added");
        valid(&added);
        let rule = |s: &Scorecard| match &at(&s.criteria, &path).expect("there").scoring {
            Some(Scoring::Choice(rule)) => rule.clone(),
            _ => panic!("a choice"),
        };
        let last = rule(&added).options.last().cloned().expect("an option");
        assert_eq!(
            (last.id.as_str(), last.label.as_str(), last.points),
            ("via_a_partner", "Via a partner", 2.0)
        );
        assert_eq!(
            add(&demo, "x", "abc").expect_err("refused").field,
            "new-option-points-interop.lab.interface"
        );
        assert!(add(&demo, " ", "1").is_err());
        let renamed = edit_choice(
            &added,
            &path,
            &ChoiceEdit::Label {
                index: 0,
                text: "Renamed".into(),
            },
        )
        .expect("renamed");
        assert_eq!(rule(&renamed).options[0].label, "Renamed");
        // Marking which options meet the requirement: a gate made for it accepts those.
        let last = rule(&added).options.len() - 1;
        let marked = edit_choice(
            &added,
            &path,
            &ChoiceEdit::Meets {
                index: last,
                meets: true,
            },
        )
        .expect("marked");
        assert!(rule(&marked).options[last].meets);
        assert!(
            rule(&marked)
                .meeting_options()
                .contains(&"via_a_partner".to_owned())
        );
        assert!(
            edit_choice(
                &added,
                &path,
                &ChoiceEdit::Meets {
                    index: 99,
                    meets: true
                }
            )
            .is_err()
        );
        // Points below 0 are the core's to refuse.
        let negative = ChoiceEdit::Points {
            index: 0,
            text: "-2".into(),
        };
        let refused = core_refusal(
            &added,
            edit_choice(&added, &path, &negative),
            "interop.lab.interface",
        );
        assert!(
            refused.contains("expected points of 0 or more"),
            "{refused}"
        );
        assert_eq!(
            choice_field(&added, &path, &negative).field,
            "option-points-interop.lab.interface-0"
        );
        // Removing an option that a vendor chose and the gate names: both let go of it.
        let chosen = demo
            .vendors
            .iter()
            .find_map(|v| match v.answers.get("interop.lab.interface") {
                Some(Answer::Text(id)) => Some(id.clone()),
                _ => None,
            })
            .expect("an answer");
        let index = rule(&demo)
            .options
            .iter()
            .position(|o| o.id == chosen)
            .expect("its option");
        let form = edit_choice(&demo, &path, &ChoiceEdit::Remove(index)).expect("removed");
        let edit = requirement_edit(&demo, &form, "interop.lab.interface");
        let removed = rfp_core::edit::apply(&demo, &edit)
            .expect("applied")
            .scorecard;
        valid(&removed);
        assert!(
            removed
                .vendors
                .iter()
                .all(|v| v.answers.get("interop.lab.interface")
                    != Some(&Answer::Text(chosen.clone())))
        );
        assert!(edit_choice(&demo, &path, &ChoiceEdit::Remove(99)).is_err());
    }

    #[test]
    fn a_rating_scale_is_read_as_typed_whole_numbers() {
        let demo = rfp_templates::demo();
        let id = demo.ratings[0].requirement.to_string();
        let path = path_of(&demo, &id);
        let scale = |s: &Scorecard| match &at(&s.criteria, &path).expect("there").scoring {
            Some(Scoring::Rating(rule)) => (rule.min, rule.max),
            _ => panic!("a rating"),
        };
        let (min, max) = scale(&demo);
        let wider =
            set_scale(&demo, &path, &min.to_string(), &(max + 5).to_string()).expect("wider");
        assert_eq!(scale(&wider), (min, max + 5));
        // What the scale may leave out is the core's rule, said when the edit is applied.
        let narrower =
            set_scale(&demo, &path, &min.to_string(), &(min + 1).to_string()).expect("read");
        assert_eq!(scale(&narrower), (min, min + 1));
        for (low, high) in [("five", "9"), ("1.5", "4"), ("", "4")] {
            let refused = set_scale(&demo, &path, low, high).expect_err("not whole numbers");
            assert_eq!(refused.field, scale_field(&id), "{low}–{high}");
        }
    }

    #[test]
    fn a_price_rule_changes_its_formula_years_and_yearly_increase() {
        let demo = rfp_templates::demo();
        let id = "cost.tco";
        let path = path_of(&demo, id);
        let rule = |s: &Scorecard| match &at(&s.criteria, &path).expect("there").scoring {
            Some(Scoring::Price(rule)) => rule.clone(),
            _ => panic!("a price"),
        };
        let totals = |s: &Scorecard| -> Vec<f64> {
            rfp_core::score(s).vendors.iter().map(|v| v.total).collect()
        };
        let other = match rule(&demo).formula {
            PriceFormula::LowestRatio => "linear",
            PriceFormula::Linear => "lowest_ratio",
        };
        let changed = edit_price(&demo, &path, &PriceEdit::Formula(other.into())).expect("formula");
        valid(&changed);
        assert_ne!(rule(&changed).formula, rule(&demo).formula);
        assert_ne!(
            totals(&changed),
            totals(&demo),
            "another formula, other scores"
        );
        let years = edit_price(&demo, &path, &PriceEdit::Years(" 7 ".into())).expect("years");
        assert_eq!(rule(&years).years, 7);
        // The core's limits, the same as a file's and a CSV sheet's.
        let long = edit_price(&demo, &path, &PriceEdit::Years("100".into())).expect("100 years");
        assert_eq!(rule(&long).years, 100);
        let steep = edit_price(&demo, &path, &PriceEdit::Escalation("-75".into())).expect("-75%");
        assert_eq!(rule(&steep).escalation_percent, -75.0);
        let rising = edit_price(&demo, &path, &PriceEdit::Escalation("3.5".into())).expect("3.5%");
        assert_eq!(rule(&rising).escalation_percent, 3.5);
        // A decimal comma is refused as everywhere else, with the core's hint.
        let comma =
            edit_price(&demo, &path, &PriceEdit::Escalation("1,5".into())).expect_err("refused");
        assert_eq!(
            comma.message,
            "Yearly increase: expected a percentage, found “1,5” (write decimals with a point \
             (1.5); a comma may only separate thousands, as in 1,234,567.89)."
        );
        // What is not a number at all is said by the form; the limits are the core's (the
        // state's test `the_price_forms_limits_are_the_cores_in_its_words`).
        for (edit, field) in [
            (PriceEdit::Years("five".into()), "price-years-cost.tco"),
            (PriceEdit::Years("-3".into()), "price-years-cost.tco"),
            (
                PriceEdit::Escalation("steep".into()),
                "price-escalation-cost.tco",
            ),
            (
                PriceEdit::Formula("cheapest".into()),
                "price-formula-cost.tco",
            ),
        ] {
            assert_eq!(
                edit_price(&demo, &path, &edit).expect_err("refused").field,
                field
            );
        }
    }

    #[test]
    fn a_numeric_curve_keeps_pointing_the_right_way() {
        let demo = rfp_templates::demo();
        // Stepped in the template: made straight, from its lowest-scoring to its best step.
        let path = path_of(&demo, "scale.providers");
        let curve = |s: &Scorecard| match &at(&s.criteria, &path).expect("there").scoring {
            Some(Scoring::Numeric(rule)) => (rule.better, rule.curve.clone()),
            _ => panic!("numeric"),
        };
        let edit = |s: &Scorecard, e: CurveEdit| edit_curve(s, &path, &e);
        let linear = edit(&demo, CurveEdit::Shape("linear".into())).expect("linear");
        valid(&linear);
        let Curve::Linear { worst, .. } = curve(&linear).1 else {
            panic!("linear")
        };
        let id = "scale.providers";
        let wrong_way = CurveEdit::Best(format!("{}", worst - 1.0));
        let refused = core_refusal(&linear, edit(&linear, wrong_way.clone()), id);
        assert!(refused.contains("higher is better, but best"), "{refused}");
        assert_eq!(
            curve_field(&linear, &path, &wrong_way).field,
            format!("curve-best-{id}")
        );
        assert!(edit(&linear, CurveEdit::Worst("abc".into())).is_err());
        let lower = edit(&linear, CurveEdit::HigherIsBetter(false)).expect("lower");
        valid(&lower);
        let steps = edit(&lower, CurveEdit::Shape("steps".into())).expect("steps");
        valid(&steps);
        let more = edit(
            &steps,
            CurveEdit::AddStep {
                at: "5".into(),
                score: "0.25".into(),
            },
        )
        .expect("step");
        valid(&more);
        let too_high = CurveEdit::StepScore {
            index: 0,
            text: "2".into(),
        };
        let refused = core_refusal(&more, edit(&more, too_high), id);
        assert!(
            refused.contains("expected a score from 0 to 1"),
            "{refused}"
        );
        let again = CurveEdit::AddStep {
            at: "5".into(),
            score: "0.5".into(),
        };
        let refused = core_refusal(&more, edit(&more, again), id);
        assert!(
            refused.contains("another step is already at 5"),
            "{refused}"
        );
        let Curve::Steps(list) = curve(&more).1 else {
            panic!("steps")
        };
        assert_eq!(list.len(), 3);
        let fewer = edit(&more, CurveEdit::RemoveStep(2)).expect("removed");
        let fewer = edit(&fewer, CurveEdit::RemoveStep(1)).expect("removed");
        let refused = core_refusal(&fewer, edit(&fewer, CurveEdit::RemoveStep(0)), id);
        assert!(refused.contains("at least one step"), "{refused}");
        assert!(edit(&fewer, CurveEdit::Worst("1".into())).is_err());
        assert_ne!(rfp_core::score(&more), rfp_core::score(&demo));
    }
}
