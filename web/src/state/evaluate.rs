//! The Evaluate view's part: the attestation, rating and taking a rating back.

use super::*;

impl State {
    pub(super) fn attest(&self, no_conflict: bool, date: &str) -> State {
        self.edit(&Edit::Attest {
            evaluator: self.evaluator.clone(),
            no_conflict,
            date: date.to_owned(),
        })
    }

    pub(super) fn rate(
        &self,
        vendor: &str,
        requirement: &str,
        score: f64,
        note: &str,
        at: Option<Stamp>,
    ) -> State {
        // The evaluator's rating that counts is changed (the core's rule); a rating the core
        // refuses (off the scale, an unknown vendor) changes nothing.
        self.try_edit(&Edit::Rate {
            evaluator: self.evaluator.clone(),
            vendor: vendor.to_owned(),
            requirement: requirement.to_owned(),
            score,
            note: note.to_owned(),
            at,
        })
        .unwrap_or_else(|_| self.clone())
    }

    /// Take back the evaluator's rating (all its revisions): the cell is unrated again.
    pub(super) fn clear_rating(&self, vendor: &str, requirement: &str) -> State {
        self.edit(&Edit::ClearRating {
            evaluator: self.evaluator.clone(),
            vendor: vendor.to_owned(),
            requirement: requirement.to_owned(),
        })
    }
}
