//! The results view's part: the committee's consensus value on a disagreement.

use super::*;

impl State {
    pub(super) fn set_consensus(
        &self,
        vendor: &str,
        requirement: &str,
        value: &str,
        rationale: &str,
    ) -> State {
        let problem = |message: String| {
            let mut next = self.clone();
            next.consensus_problem = Some(ConsensusProblem {
                vendor: vendor.to_owned(),
                requirement: requirement.to_owned(),
                message,
            });
            next
        };
        let Some(rule) = rating_rule(&self.scorecard, requirement) else {
            return problem(format!("“{requirement}” is not a rating requirement."));
        };
        let trimmed = value.trim();
        let level = match rfp_core::typed::number(trimmed, NumberStyle::PLAIN) {
            Ok(level) => level,
            Err(typed) => {
                return problem(format!(
                    "Consensus value: expected a level from {} to {}, found “{trimmed}”{}.",
                    rule.0,
                    rule.1,
                    hint(&typed)
                ));
            }
        };
        if level < f64::from(rule.0) || level > f64::from(rule.1) {
            return problem(format!(
                "Consensus value: expected a level from {} to {}, found {trimmed}.",
                rule.0, rule.1
            ));
        }
        if rationale.trim().is_empty() {
            return problem(
                "Rationale: say why the committee settled on this value (it is kept with the value).".into(),
            );
        }
        match self.try_edit(&Edit::SetConsensus {
            vendor: vendor.to_owned(),
            requirement: requirement.to_owned(),
            value: level,
            rationale: rationale.to_owned(),
        }) {
            Ok(mut next) => {
                next.notice =
                    Some("Consensus value recorded; the results are scored again.".into());
                next
            }
            Err(error) => problem(error.message),
        }
    }
}
