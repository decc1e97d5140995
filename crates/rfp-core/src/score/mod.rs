//! Scoring: a scorecard in, a [`Report`] out.
//!
//! 1. Weights: each category's children get local weights by the category's method (direct
//!    points, AHP, rank-order centroid or SWING), normalized to sum 1; a requirement's global
//!    weight is the product of the local weights on its path. Categories without requirements
//!    are left out of the normalization; siblings whose weights are all 0 contribute nothing.
//! 2. Each requirement gives each vendor a score in [0, 1]: objective kinds from the vendor's
//!    answer, rating kinds from the evaluators' aggregate (or the committee's consensus value).
//!    A missing answer or rating scores 0 and is reported.
//! 3. Gates are checked; a vendor failing one is knocked out (or only flagged, by a setting).
//! 4. Totals are 0–100; vendors are ranked by competition ranking (1, 2, 2, 4), knocked-out
//!    vendors after every qualified vendor.
//!
//! Nothing divides by zero and no report holds NaN: a $0 bid, an empty category, all-zero
//! weights, a single vendor or no evaluators each give a defined result and, where it matters,
//! a diagnostic.

// The scorer, one file per stage: `weights` lays out the tree's weights, `ratings` resolves the
// evaluators' ratings cell by cell and `aggregate` turns them into scores, `rules` scores the
// vendors' answers, `gates` checks the gates, `rank` totals and ranks; `report` holds the types
// of the report they fill. This file holds the entry points and the driver, `Scorer::run`.

use std::borrow::Cow;

use crate::error::Diagnostic;
use crate::id_lookup::IdLookup;
use crate::model::{Criterion, Scorecard, Scoring};

mod aggregate;
mod gates;
mod rank;
mod ratings;
mod report;
mod rules;
mod weights;

use ratings::RatingBase;

pub use aggregate::aggregate;
use aggregate::round9;
pub use gates::describe_gate;
pub(crate) use gates::with_thousands;
pub use rank::TIE_TOLERANCE;
pub use ratings::cell_levels;
pub use report::{
    AhpSummary, CategoryInfo, CategoryWeighting, Disagreement, EvaluatorAhp, EvaluatorProgress,
    GateFailure, GroupAhpSummary, MissingAnswer, Report, RequirementInfo, RequirementScore,
    ScoreSource, VendorResult, VendorStatus,
};
pub(crate) use rules::price_scores;
pub use rules::{numeric_score, objective_score, total_cost};

/// Turn a scorecard into a report. Defined for every scorecard, valid or not.
pub fn score(scorecard: &Scorecard) -> Report {
    Scorer::new(scorecard).run(None)
}

/// What a report owes to everything but the ratings — the checks of the criteria, vendors,
/// evaluators, answers and consensus values, and the answers' scores, costs and gates — and the
/// ratings as resolved cell by cell, kept so that a front end where one rating changes at a
/// time rescores only what that rating touches ([`rescore`]). Made by [`score_prepared`].
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The ids it was made for, in order: requirements, vendors, evaluators (other ids mean
    /// scoring in full).
    ids: Vec<String>,
    /// Diagnostics before the ratings: validation of all but ratings, and the weights'.
    before_ratings: Vec<Diagnostic>,
    answers: AnswerPart,
    /// The ratings resolved per cell (none when the cells would be far more than the ratings).
    ratings: Option<RatingBase>,
}

/// The report of `scorecard` (as [`score`] gives it) and what [`rescore`] reuses after a change
/// of ratings only.
pub fn score_prepared(scorecard: &Scorecard) -> (Report, Prepared) {
    let mut prepared = Prepared {
        ids: Vec::new(),
        before_ratings: Vec::new(),
        answers: AnswerPart::default(),
        ratings: None,
    };
    let report = Scorer::new(scorecard).run(Some((&mut prepared, None)));
    (report, prepared)
}

/// The report of `scorecard` — equal to [`score`]`(scorecard)` — when it differs from the
/// scorecard `prepared` describes only in its ratings, and there only at the indices in
/// `changed`: ratings changed in place or added at the end. Only the cells those ratings left or
/// joined are resolved again; `prepared` then describes `scorecard`.
///
/// A scorecard with fewer ratings, other vendors, evaluators or requirements (by id, in order), or
/// an added rating missing from `changed` is scored in full (and `prepared` made again). Any other
/// change than to the ratings (answers, weights, scales, settings…), and a changed rating
/// missing from `changed`, are the caller's to rule out.
pub fn rescore(scorecard: &Scorecard, prepared: &mut Prepared, changed: &[usize]) -> Report {
    Scorer::new(scorecard).run(Some((prepared, Some(changed))))
}

/// What the vendors' answers give, per requirement × vendor (`[ri * n_vendors + vi]`).
#[derive(Debug, Clone, Default)]
struct AnswerPart {
    /// Answers missing or unreadable.
    missing_answers: Vec<MissingAnswer>,
    /// Total cost of a price answer.
    tco: Vec<Option<f64>>,
    /// The reason an answer fails its requirement's gate (not for rating requirements).
    gates: Vec<Option<String>>,
    /// Score and value of an answer that is not a price.
    objective: Vec<Option<(f64, Option<f64>)>>,
}

struct Req<'a> {
    node: &'a Criterion,
    scoring: &'a Scoring,
    category: Option<usize>,
    ancestors: Vec<usize>,
    weight: f64,
    local_weight: f64,
}

struct Scorer<'a> {
    card: &'a Scorecard,
    diagnostics: Vec<Diagnostic>,
    categories: Vec<CategoryInfo>,
    requirements: Vec<Req<'a>>,
    weightings: Vec<CategoryWeighting>,
}

impl<'a> Scorer<'a> {
    fn new(card: &'a Scorecard) -> Scorer<'a> {
        Scorer {
            card,
            diagnostics: Vec::new(),
            categories: Vec::new(),
            requirements: Vec::new(),
            weightings: Vec::new(),
        }
    }

    /// The report. With `reuse`, what a rescoring after a change of ratings can reuse: used
    /// when the changed ratings are given and it fits the scorecard, and kept up to date.
    fn run(mut self, reuse: Option<(&mut Prepared, Option<&[usize]>)>) -> Report {
        let too_large = crate::validate::size_problems(self.card);
        if !too_large.is_empty() {
            // Not scored: the report says why. What was prepared describes no scorecard now.
            if let Some((prepared, _)) = reuse {
                prepared.ids.clear();
                prepared.ratings = None;
            }
            return Report {
                title: self.card.meta.title.clone(),
                vendors: Vec::new(),
                categories: Vec::new(),
                requirements: Vec::new(),
                weightings: Vec::new(),
                disagreements: Vec::new(),
                evaluators: Vec::new(),
                missing_answers: Vec::new(),
                diagnostics: too_large,
            };
        }
        let root_weighting = self.card.settings.top_weighting.clone();
        self.lay_out(
            &self.card.criteria,
            root_weighting.as_ref(),
            "",
            None,
            &[],
            1.0,
            0,
        );
        let total_weight: f64 = self.requirements.iter().map(|r| r.weight).sum();
        if !self.requirements.is_empty() && total_weight <= 0.0 {
            self.diagnostics.push(Diagnostic::warning(
                "criteria",
                "every weight is 0, so every vendor totals 0",
            ));
        }
        let n_vendors = self.card.vendors.len();
        let n_req = self.requirements.len();
        // What is said before the ratings: validation of everything but them (ratings are
        // checked by `rate`, which resolves them anyway), then the weights' remarks — the same as
        // last time when prepared.
        let (mut prepared, changed) = reuse.unzip();
        let changed = changed.flatten();
        let card = self.card;
        let ids = || {
            self.requirements
                .iter()
                .map(|r| r.node.id.as_str())
                .chain(card.vendors.iter().map(|v| v.id.as_str()))
                .chain(card.evaluators.iter().map(|e| e.id.as_str()))
        };
        let fits = changed.is_some()
            && prepared
                .as_ref()
                .is_some_and(|p| p.ids.iter().map(String::as_str).eq(ids()));
        if fits && let Some(prepared) = &prepared {
            self.diagnostics.clone_from(&prepared.before_ratings);
        } else {
            let layout = std::mem::take(&mut self.diagnostics);
            self.diagnostics = crate::validate::validate_except_ratings(self.card);
            self.diagnostics.extend(layout);
            if let Some(prepared) = prepared.as_mut() {
                prepared.ids = ids().map(str::to_owned).collect();
                prepared.before_ratings.clone_from(&self.diagnostics);
            }
        }
        let vendor_index = IdLookup::new(self.card.vendors.iter().map(|v| v.id.as_str()));

        // Scores per requirement × vendor.
        let mut scores = vec![
            RequirementScore {
                score: 0.0,
                points: 0.0,
                source: ScoreSource::Missing,
                value: None
            };
            n_req * n_vendors
        ];
        let (disagreements, evaluators) = self.rate(
            &vendor_index,
            &mut scores,
            prepared.as_mut().map(|p| &mut p.ratings),
            changed.filter(|_| fits),
        );
        // What the vendors' answers give: kept from an earlier report when only ratings
        // changed since.
        if !fits && let Some(prepared) = prepared.as_mut() {
            prepared.answers = self.answer_part();
        }
        let part: Cow<'_, AnswerPart> = match &prepared {
            Some(prepared) => Cow::Borrowed(&prepared.answers),
            None => Cow::Owned(self.answer_part()),
        };

        // Gates (price scores need the knockout set, so gates come first).
        let (mut failures, mut pending) = self.check_gates(&scores, &part);
        let knockout = self.card.settings.knockout;
        let knocked_out = gates::knocked_out(&failures, knockout);

        // Objective scores: prices against the bids of the vendors still in, the rest as read.
        self.answer_scores(&mut scores, &part, &knocked_out);

        // Points, category subtotals, totals.
        let mut results = self.totals(&scores, &mut failures, &mut pending, knockout);
        rank::rank(&mut results);

        let requirements = self
            .requirements
            .iter()
            .map(|r| RequirementInfo {
                id: r.node.id.clone(),
                name: crate::model::without_direction_controls(&r.node.name),
                kind: r.scoring.kind_name().to_owned(),
                category: r.category,
                weight: r.weight,
                local_weight: r.local_weight,
                gate: r.node.gate.as_ref().map(|g| describe_gate(r.scoring, g)),
            })
            .collect();
        Report {
            title: self.card.meta.title.clone(),
            vendors: results,
            categories: self.categories,
            requirements,
            weightings: self.weightings,
            disagreements,
            evaluators,
            missing_answers: part.missing_answers.clone(),
            diagnostics: self.diagnostics,
        }
    }
}

/// `value` clamped to [0, 1], and 0 when it is not finite (shared by the rules, the
/// aggregation and the totals).
fn finite_clamp(value: f64) -> f64 {
    if value.is_finite() {
        value.clamp(0.0, 1.0)
    } else {
        0.0
    }
}
