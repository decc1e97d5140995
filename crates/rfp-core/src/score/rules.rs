//! Scoring answers by rule: yes/no, choice, numeric curves, total cost of ownership, and prices
//! against the reference bids.

use crate::error::Diagnostic;
use crate::id_lookup::IdLookup;
use crate::model::{
    Answer, Better, ChoiceOption, ChoiceRule, Curve, NumericRule, PriceFormula, PriceRule, Scoring,
};

use super::gates::{GateOutcome, check_gate};
use super::{AnswerPart, MissingAnswer, RequirementScore, ScoreSource, Scorer, finite_clamp};

impl<'a> Scorer<'a> {
    /// What the vendors' answers give: missing answers, total costs, gate failures and scores.
    pub(super) fn answer_part(&self) -> AnswerPart {
        let answers = self.answer_table();
        let n_vendors = self.card.vendors.len();
        let cells = self.requirements.len() * n_vendors;
        let mut part = AnswerPart {
            missing_answers: Vec::new(),
            tco: vec![None; cells],
            gates: vec![None; cells],
            objective: vec![None; cells],
        };
        for (ri, req) in self.requirements.iter().enumerate() {
            if matches!(req.scoring, Scoring::Rating(_)) {
                continue;
            }
            for (vi, vendor) in self.card.vendors.iter().enumerate() {
                let cell = ri * n_vendors + vi;
                let answer = answers[cell];
                if let (Scoring::Price(rule), Some(answer)) = (req.scoring, answer) {
                    part.tco[cell] = total_cost(rule, answer);
                } else if let Some(answer) = answer {
                    part.objective[cell] = objective_score(req.scoring, answer);
                }
                if let Some(gate) = &req.node.gate {
                    let outcome = check_gate(
                        req.scoring,
                        gate,
                        answer,
                        None,
                        self.card.settings.aggregation,
                        part.tco[cell],
                    );
                    if let GateOutcome::Fail(reason) = outcome {
                        part.gates[cell] = Some(reason);
                    }
                }
                let readable = match (req.scoring, answer) {
                    (_, None) => None,
                    (Scoring::Price(_), Some(_)) => Some(part.tco[cell].is_some()),
                    (_, Some(_)) => Some(part.objective[cell].is_some()),
                };
                let reason = match readable {
                    None => "no answer",
                    Some(false) => "the answer does not fit the requirement (see the notes)",
                    Some(true) => continue,
                };
                part.missing_answers.push(MissingAnswer {
                    vendor_id: vendor.id.clone(),
                    requirement_id: req.node.id.clone(),
                    reason: reason.to_owned(),
                });
            }
        }
        part
    }

    /// Every vendor's answer to every requirement, requirement-major (`[ri * n_vendors + vi]`):
    /// one pass over each vendor's answers instead of a search per requirement and vendor.
    fn answer_table(&self) -> Vec<Option<&'a Answer>> {
        let vendors = &self.card.vendors;
        let n_vendors = vendors.len();
        let requirement_index = IdLookup::new(self.requirements.iter().map(|r| r.node.id.as_str()));
        let mut table = vec![None; self.requirements.len() * n_vendors];
        for (vi, vendor) in vendors.iter().enumerate() {
            for (id, answer) in &vendor.answers {
                if let Some(ri) = requirement_index.get(id) {
                    table[ri * n_vendors + vi] = Some(answer);
                }
            }
        }
        // A repeated requirement id (an error validation reports) answers every copy.
        for (ri, req) in self.requirements.iter().enumerate() {
            if requirement_index.get(&req.node.id) != Some(ri) {
                for (vi, vendor) in vendors.iter().enumerate() {
                    table[ri * n_vendors + vi] = vendor.answers.get(&req.node.id);
                }
            }
        }
        table
    }

    /// The scores of the answers: prices against the bids of the vendors still in (not
    /// `knocked_out`), the rest as read.
    pub(super) fn answer_scores(
        &mut self,
        scores: &mut [RequirementScore],
        part: &AnswerPart,
        knocked_out: &[bool],
    ) {
        let n_vendors = self.card.vendors.len();
        for (ri, req) in self.requirements.iter().enumerate() {
            let cells = ri * n_vendors..(ri + 1) * n_vendors;
            if let Scoring::Price(rule) = req.scoring {
                let costs = &part.tco[cells.clone()];
                let price_scores = price_scores(
                    &req.node.id,
                    rule,
                    costs,
                    knocked_out,
                    &mut self.diagnostics,
                );
                for vi in 0..n_vendors {
                    if let (Some(cost), Some(s)) = (costs[vi], price_scores[vi]) {
                        scores[ri * n_vendors + vi] = RequirementScore {
                            score: s,
                            points: 0.0,
                            source: ScoreSource::Answer,
                            value: Some(cost),
                        };
                    }
                }
                continue;
            }
            for cell in cells {
                if let Some((s, value)) = part.objective[cell] {
                    scores[cell] = RequirementScore {
                        score: s,
                        points: 0.0,
                        source: ScoreSource::Answer,
                        value,
                    };
                }
            }
        }
    }
}

/// Price scores for one price requirement, by its formula, against the reference bids: the
/// bids of vendors not knocked out (all bids when every bidder is knocked out).
pub(crate) fn price_scores(
    requirement_id: &str,
    rule: &PriceRule,
    costs: &[Option<f64>],
    knocked_out: &[bool],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<f64>> {
    let qualified: Vec<f64> = costs
        .iter()
        .zip(knocked_out)
        .filter_map(|(c, out)| c.filter(|_| !out))
        .collect();
    let reference: Vec<f64> = if qualified.is_empty() {
        costs.iter().flatten().copied().collect()
    } else {
        qualified
    };
    let lowest = reference.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = reference.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if reference.is_empty() {
        return vec![None; costs.len()];
    }
    if rule.formula == PriceFormula::LowestRatio
        && lowest == 0.0
        && costs.iter().flatten().any(|c| *c > 0.0)
    {
        diagnostics.push(
            Diagnostic::warning(
                format!("requirement \"{requirement_id}\""),
                "a $0 bid is the lowest, so the lowest-price ratio gives every other bid 0 points",
            )
            .with_hint("check the $0 bid, or use the linear price formula"),
        );
    }
    costs
        .iter()
        .map(|cost| {
            cost.map(|c| match rule.formula {
                PriceFormula::LowestRatio => {
                    if c <= lowest {
                        1.0
                    } else {
                        // c > lowest ≥ 0, so c > 0.
                        (lowest / c).clamp(0.0, 1.0)
                    }
                }
                PriceFormula::Linear => {
                    if highest - lowest <= 0.0 || c <= lowest {
                        1.0
                    } else {
                        ((highest - c) / (highest - lowest)).clamp(0.0, 1.0)
                    }
                }
            })
        })
        .collect()
}

/// Total cost of ownership of a bid: one-time costs plus recurring costs over `years`, each
/// year's recurring costs raised by `escalation_percent`. A plain number is the total itself.
pub fn total_cost(rule: &PriceRule, answer: &Answer) -> Option<f64> {
    let total = match answer {
        Answer::Number(n) => *n,
        Answer::Price(bid) => {
            let one_time: f64 = bid.one_time.iter().map(|l| l.amount).sum();
            let yearly: f64 = bid.recurring.iter().map(|l| l.amount).sum();
            let growth = 1.0 + rule.escalation_percent / 100.0;
            let mut factor = 0.0;
            let mut year_factor = 1.0;
            for _ in 0..rule.years.min(crate::validate::MAX_PRICE_YEARS) {
                factor += year_factor;
                year_factor *= growth;
            }
            one_time + yearly * factor
        }
        _ => return None,
    };
    (total.is_finite() && total >= 0.0).then_some(total)
}

/// Score an objective answer: the score in [0, 1] and the value shown beside it.
/// None when the answer does not fit the kind (validation reports it).
pub fn objective_score(scoring: &Scoring, answer: &Answer) -> Option<(f64, Option<f64>)> {
    match (scoring, answer) {
        (Scoring::YesNo(_), Answer::Bool(yes)) => Some((if *yes { 1.0 } else { 0.0 }, None)),
        (Scoring::Choice(rule), Answer::Text(id)) => {
            choice_score(rule, std::slice::from_ref(id)).map(|s| (s, None))
        }
        (Scoring::Choice(rule), Answer::List(ids)) if rule.multiple => {
            choice_score(rule, ids).map(|s| (s, None))
        }
        (Scoring::Numeric(rule), Answer::Number(x)) if x.is_finite() => {
            Some((numeric_score(rule, *x), Some(*x)))
        }
        _ => None,
    }
}

fn choice_score(rule: &ChoiceRule, chosen: &[String]) -> Option<f64> {
    let points = |id: &String| {
        rule.options.iter().find(|o| &o.id == id).map(|o| {
            if o.points.is_finite() {
                o.points.max(0.0)
            } else {
                0.0
            }
        })
    };
    let positive = |o: &ChoiceOption| o.points.is_finite() && o.points > 0.0;
    if rule.multiple {
        let available: f64 = rule
            .options
            .iter()
            .filter(|o| positive(o))
            .map(|o| o.points)
            .sum();
        let mut seen: Vec<&String> = Vec::new();
        let mut earned = 0.0;
        for id in chosen {
            if !seen.contains(&id) {
                earned += points(id)?;
                seen.push(id);
            }
        }
        Some(if available > 0.0 {
            (earned / available).clamp(0.0, 1.0)
        } else {
            0.0
        })
    } else {
        let best = rule
            .options
            .iter()
            .filter(|o| positive(o))
            .map(|o| o.points)
            .fold(0.0, f64::max);
        let earned = points(chosen.first()?)?;
        Some(if best > 0.0 {
            (earned / best).clamp(0.0, 1.0)
        } else {
            0.0
        })
    }
}

/// A numeric value's score along its curve, in [0, 1].
pub fn numeric_score(rule: &NumericRule, x: f64) -> f64 {
    let reaches = |threshold: f64| match rule.better {
        Better::Higher => x >= threshold,
        Better::Lower => x <= threshold,
    };
    let s = match &rule.curve {
        Curve::Linear { worst, best, .. } => {
            if worst == best {
                if reaches(*best) { 1.0 } else { 0.0 }
            } else {
                (x - worst) / (best - worst)
            }
        }
        Curve::Steps(steps) => steps
            .iter()
            .filter(|s| s.at.is_finite() && reaches(s.at))
            .map(|s| s.score)
            .fold(0.0, f64::max),
    };
    finite_clamp(s)
}
