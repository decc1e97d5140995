//! Gates: checking each mandatory requirement's gate per vendor, knocking out (or flagging) the
//! vendors that fail one, noting the gates that cannot be decided yet, and describing gates in
//! words.

use crate::error::Diagnostic;
use crate::model::{Aggregation, Answer, Gate, KnockoutPolicy, NumericRule, Scoring};

use super::{AnswerPart, GateFailure, RequirementScore, ScoreSource, Scorer};

impl<'a> Scorer<'a> {
    /// Check every gate for every vendor: the gates failed and the gates that cannot be decided
    /// yet, per vendor. Answers' gates come from `part`, minimum ratings from `scores`.
    pub(super) fn check_gates(
        &mut self,
        scores: &[RequirementScore],
        part: &AnswerPart,
    ) -> (Vec<Vec<GateFailure>>, Vec<Vec<GateFailure>>) {
        let n_vendors = self.card.vendors.len();
        let mut failures: Vec<Vec<GateFailure>> = vec![Vec::new(); n_vendors];
        let mut pending: Vec<Vec<GateFailure>> = vec![Vec::new(); n_vendors];
        let aggregation = self.card.settings.aggregation;
        for (ri, req) in self.requirements.iter().enumerate() {
            let Some(gate) = &req.node.gate else { continue };
            let mut undecided = 0;
            for vi in 0..n_vendors {
                let cell = ri * n_vendors + vi;
                let outcome = if let Scoring::Rating(_) = req.scoring {
                    let rated = scores[cell];
                    let rating = match rated.source {
                        ScoreSource::Evaluators(_) | ScoreSource::Consensus => {
                            rated.value.map(|level| (level, rated.source))
                        }
                        _ => None,
                    };
                    check_gate(req.scoring, gate, None, rating, aggregation, None)
                } else {
                    match &part.gates[cell] {
                        None => GateOutcome::Pass,
                        Some(reason) => GateOutcome::Fail(reason.clone()),
                    }
                };
                let gate_note = |reason: String| GateFailure {
                    requirement_id: req.node.id.clone(),
                    requirement: crate::model::without_direction_controls(&req.node.name),
                    reason,
                };
                match outcome {
                    GateOutcome::Pass => {}
                    GateOutcome::Fail(reason) => failures[vi].push(gate_note(reason)),
                    GateOutcome::Pending => {
                        undecided += 1;
                        pending[vi].push(gate_note(
                            "not rated yet: the minimum rating cannot be checked".to_owned(),
                        ));
                    }
                }
            }
            if undecided > 0 {
                self.diagnostics.push(Diagnostic::warning(
                    format!("requirement \"{}\"", req.node.id),
                    format!(
                        "the minimum-rating gate cannot be decided for {undecided} vendor(s) until \
                         evaluators rate them"
                    ),
                ));
            }
        }
        (failures, pending)
    }
}

/// Which vendors are knocked out: those failing a gate, when the knockout policy excludes them.
pub(super) fn knocked_out(failures: &[Vec<GateFailure>], knockout: KnockoutPolicy) -> Vec<bool> {
    failures
        .iter()
        .map(|f| !f.is_empty() && knockout == KnockoutPolicy::Exclude)
        .collect()
}

/// What a gate says of one vendor.
pub(super) enum GateOutcome {
    Pass,
    Fail(String),
    Pending,
}

/// A number as Rust writes it shortest (99.995, 15, 0.5), so a message never rounds two
/// different values to the same text.
fn fmt_num(x: f64) -> String {
    crate::typed::shown_number(x)
}

/// A number (money, a count) with thousands separators, rounded to the unit: 1,250,000.
pub(crate) fn with_thousands(x: f64) -> String {
    let whole = format!("{:.0}", x.abs().round());
    let mut out = String::new();
    if x < 0.0 && whole != "0" {
        out.push('-');
    }
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// An option as people read it: its label (its id when it has none).
fn option_label<'a>(rule: &'a crate::model::ChoiceRule, id: &'a str) -> &'a str {
    rule.options
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.label.as_str())
        .filter(|label| !label.trim().is_empty())
        .unwrap_or(id)
}

fn option_labels(rule: &crate::model::ChoiceRule, ids: &[String]) -> String {
    ids.iter()
        .map(|id| option_label(rule, id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unit_suffix(rule: &NumericRule) -> String {
    if rule.unit.is_empty() {
        String::new()
    } else if rule.unit == "%" {
        "%".to_owned()
    } else {
        format!(" {}", rule.unit)
    }
}

pub(super) fn check_gate(
    scoring: &Scoring,
    gate: &Gate,
    answer: Option<&Answer>,
    rating: Option<(f64, ScoreSource)>,
    aggregation: Aggregation,
    cost: Option<f64>,
) -> GateOutcome {
    use GateOutcome::*;
    if let Scoring::Rating(_) = scoring {
        return match (gate, rating) {
            (Gate::AtLeast(min), Some((level, source))) if level + 1e-9 < *min => {
                let what = match (source, aggregation) {
                    (ScoreSource::Consensus, _) => "the consensus value",
                    (_, Aggregation::Mean) => "the mean rating",
                    (_, Aggregation::Median) => "the median rating",
                    (_, Aggregation::TrimmedMean) => "the trimmed mean rating",
                };
                Fail(format!(
                    "{what} {} is below the minimum rating of {}",
                    fmt_num(level),
                    fmt_num(*min)
                ))
            }
            (_, Some(_)) => Pass,
            (_, None) => Pending,
        };
    }
    let Some(answer) = answer else {
        return Fail("no answer given to a mandatory requirement".to_owned());
    };
    match (scoring, gate, answer) {
        (Scoring::YesNo(_), Gate::Required, Answer::Bool(true)) => Pass,
        (Scoring::YesNo(_), Gate::Required, Answer::Bool(false)) => {
            Fail("answered no to a mandatory requirement".to_owned())
        }
        (Scoring::Numeric(rule), Gate::AtLeast(min), Answer::Number(x)) => {
            if x >= min {
                Pass
            } else {
                Fail(format!(
                    "{}{} is below the required {}{}",
                    fmt_num(*x),
                    unit_suffix(rule),
                    fmt_num(*min),
                    unit_suffix(rule)
                ))
            }
        }
        (Scoring::Numeric(rule), Gate::AtMost(max), Answer::Number(x)) => {
            if x <= max {
                Pass
            } else {
                Fail(format!(
                    "{}{} is above the allowed {}{}",
                    fmt_num(*x),
                    unit_suffix(rule),
                    fmt_num(*max),
                    unit_suffix(rule)
                ))
            }
        }
        (Scoring::Price(rule), Gate::AtMost(ceiling), _) => match cost {
            Some(c) if c <= *ceiling => Pass,
            Some(c) => Fail(format!(
                "{}-year total cost {} is above the ceiling of {}",
                rule.years,
                with_thousands(c),
                with_thousands(*ceiling)
            )),
            None => Fail("the bid cannot be read".to_owned()),
        },
        (Scoring::Choice(rule), Gate::AnyOf(allowed), Answer::Text(id)) => {
            if allowed.contains(id) {
                Pass
            } else {
                Fail(format!(
                    "\"{}\" is not one of the required options ({})",
                    option_label(rule, id),
                    option_labels(rule, allowed)
                ))
            }
        }
        (Scoring::Choice(rule), Gate::AnyOf(allowed), Answer::List(ids)) => {
            if ids.iter().any(|id| allowed.contains(id)) {
                Pass
            } else {
                Fail(format!(
                    "none of the required options ({}) offered",
                    option_labels(rule, allowed)
                ))
            }
        }
        _ => Fail("the answer does not fit the requirement, so the gate cannot pass".to_owned()),
    }
}

/// A gate in words, e.g. "must be at least 99.5 %".
pub fn describe_gate(scoring: &Scoring, gate: &Gate) -> String {
    let unit = match scoring {
        Scoring::Numeric(rule) => unit_suffix(rule),
        _ => String::new(),
    };
    match (scoring, gate) {
        (_, Gate::Required) => "must be yes".to_owned(),
        (Scoring::Rating(_), Gate::AtLeast(v)) => format!("minimum rating {}", fmt_num(*v)),
        (_, Gate::AtLeast(v)) => format!("at least {}{unit}", fmt_num(*v)),
        (Scoring::Price(rule), Gate::AtMost(v)) => {
            format!(
                "{}-year total cost at most {}",
                rule.years,
                with_thousands(*v)
            )
        }
        (_, Gate::AtMost(v)) => format!("at most {}{unit}", fmt_num(*v)),
        // Options by the words a committee reads ("EPCS included"), the id when unlabelled.
        (Scoring::Choice(rule), Gate::AnyOf(ids)) => {
            let names: Vec<String> = ids
                .iter()
                .map(|id| match rule.options.iter().find(|o| &o.id == id) {
                    Some(o) if !o.label.trim().is_empty() => format!("“{}”", o.label.trim()),
                    _ => id.clone(),
                })
                .collect();
            format!("one of: {}", names.join(", "))
        }
        (_, Gate::AnyOf(ids)) => format!("one of: {}", ids.join(", ")),
    }
}
