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

use std::borrow::Cow;

use crate::fast_hash::{FastMap, IdLookup};

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::model::*;
use crate::weighting;

mod ratings;

use ratings::RatingBase;

/// Totals (0–100) closer than this are a tie: far below any difference a report shows, far
/// above floating-point noise.
pub const TIE_TOLERANCE: f64 = 1e-6;

/// The result of scoring a scorecard: a view model any front end can render as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The scorecard's title.
    pub title: String,
    /// Vendors in rank order.
    pub vendors: Vec<VendorResult>,
    /// Categories in depth-first order (the order of the criteria tree).
    pub categories: Vec<CategoryInfo>,
    /// Requirements in depth-first order.
    pub requirements: Vec<RequirementInfo>,
    /// For each category (and the top level), the weights each method gives, side by side.
    pub weightings: Vec<CategoryWeighting>,
    /// Vendor × requirement pairs where evaluators disagree by at least the threshold.
    pub disagreements: Vec<Disagreement>,
    /// Each evaluator's progress.
    pub evaluators: Vec<EvaluatorProgress>,
    /// Objective requirements a vendor did not answer.
    pub missing_answers: Vec<MissingAnswer>,
    /// Problems and remarks: validation, zero weights, AHP inconsistency, $0 bids, conflicts.
    pub diagnostics: Vec<Diagnostic>,
}

/// One vendor's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VendorResult {
    /// Vendor id.
    pub vendor_id: String,
    /// Display name (the id when the vendor has no name).
    pub name: String,
    /// Competition rank: 1 for the best; tied vendors share a rank (1, 2, 2, 4).
    pub rank: usize,
    /// Total score, 0–100.
    pub total: f64,
    /// Qualified, knocked out, or failed a gate but only flagged.
    pub status: VendorStatus,
    /// Gates failed, with the reason for each.
    pub gate_failures: Vec<GateFailure>,
    /// Gates that cannot be decided yet (a minimum rating with no ratings), with the reason.
    pub pending_gates: Vec<GateFailure>,
    /// Points earned per category (in [`Report::categories`] order); the top-level categories'
    /// points plus those of requirements outside any category sum to the total.
    pub category_points: Vec<f64>,
    /// Share of each category's available points earned, 0–1 (0 for a category of weight 0).
    pub category_shares: Vec<f64>,
    /// Per requirement (in [`Report::requirements`] order): the score and where it came from.
    pub scores: Vec<RequirementScore>,
    /// Share of this vendor's answers and ratings present, 0–1.
    pub completeness: f64,
}

/// Where a vendor stands after the gates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VendorStatus {
    /// Passed every gate.
    Qualified,
    /// Failed a gate; ranks after every qualified vendor.
    KnockedOut,
    /// Failed a gate, but the knockout policy is `flag`: ranks with the others.
    Flagged,
}

/// A failed (or undecided) gate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateFailure {
    /// Requirement id.
    pub requirement_id: String,
    /// Requirement text.
    pub requirement: String,
    /// Why the vendor failed, e.g. "99.2% is below the required 99.5%".
    pub reason: String,
}

/// One vendor's score on one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RequirementScore {
    /// Score in [0, 1].
    pub score: f64,
    /// Points contributed to the total (score × global weight × 100).
    pub points: f64,
    /// Where the score came from.
    pub source: ScoreSource,
    /// For ratings: the aggregate level on the requirement's scale (consensus value if any).
    /// For numeric answers: the value. For price: the total cost of ownership.
    pub value: Option<f64>,
}

/// Where a requirement score came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreSource {
    /// The vendor's answer.
    Answer,
    /// The aggregate of this many evaluators' ratings.
    Evaluators(usize),
    /// The committee's consensus value.
    Consensus,
    /// No answer or rating: scores 0.
    Missing,
}

/// A category of the criteria tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryInfo {
    /// Category id.
    pub id: String,
    /// Category name.
    pub name: String,
    /// 0 for a top-level category.
    pub depth: usize,
    /// Index of the parent category in [`Report::categories`], if any.
    pub parent: Option<usize>,
    /// Share of the total, 0–1.
    pub weight: f64,
    /// Share among its siblings, 0–1.
    pub local_weight: f64,
}

/// A requirement of the criteria tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementInfo {
    /// Requirement id.
    pub id: String,
    /// Requirement text.
    pub name: String,
    /// Kind name (`yes_no`, `choice`, `multi_choice`, `numeric`, `rating`, `price`).
    pub kind: String,
    /// Index of its category in [`Report::categories`] (None at the top level).
    pub category: Option<usize>,
    /// Share of the total, 0–1.
    pub weight: f64,
    /// Share among its siblings, 0–1.
    pub local_weight: f64,
    /// The gate, described in words, if the requirement is mandatory.
    pub gate: Option<String>,
}

/// The weights each method gives one category's children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryWeighting {
    /// Category id (empty for the top level).
    pub category_id: String,
    /// Child ids, in tree order.
    pub children: Vec<String>,
    /// The method in force.
    pub method: WeightingMethod,
    /// The weights in force (after leaving out empty categories), summing to 1 or all 0.
    pub in_force: Vec<f64>,
    /// Direct points, normalized (None when they are all 0).
    pub direct: Option<Vec<f64>>,
    /// Rank-order centroid weights from the ranking given, or from the direct weights' order.
    pub rank_order_centroid: Vec<f64>,
    /// AHP weights and consistency, when comparisons were given.
    pub ahp: Option<AhpSummary>,
    /// SWING weights, when swing points were given.
    pub swing: Option<Vec<f64>>,
}

/// AHP result for one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AhpSummary {
    /// Priority vector.
    pub weights: Vec<f64>,
    /// Principal eigenvalue.
    pub lambda_max: f64,
    /// Consistency ratio (0.10 or less is acceptable).
    pub consistency_ratio: f64,
    /// The random-index table used.
    pub table: RandomIndexTable,
    /// The two child ids whose comparison is most at odds with the others.
    pub revisit: Option<(String, String)>,
}

/// Evaluators who disagree on one vendor and requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    /// Vendor id.
    pub vendor_id: SharedStr,
    /// Requirement id.
    pub requirement_id: SharedStr,
    /// Highest minus lowest rating, as a share of the scale.
    pub spread: f64,
    /// Each evaluator's rating (evaluator id, level).
    pub ratings: Vec<(SharedStr, f64)>,
    /// True when a consensus value settles it.
    pub resolved: bool,
}

/// One evaluator's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluatorProgress {
    /// Evaluator id.
    pub evaluator_id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: String,
    /// True when the conflict-of-interest attestation is given with no conflict.
    pub attested: bool,
    /// Ratings given (vendor × rating requirement pairs).
    pub rated: usize,
    /// Ratings expected: vendors × rating requirements.
    pub expected: usize,
    /// `rated ÷ expected` (1 when nothing is expected).
    pub completeness: f64,
}

/// An objective requirement a vendor did not answer, or answered in a way that cannot be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingAnswer {
    /// Vendor id.
    pub vendor_id: String,
    /// Requirement id.
    pub requirement_id: String,
    /// "no answer", or why the answer cannot be scored.
    pub reason: String,
}

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
                    requirement: req.node.name.clone(),
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
        let knockout = self.card.settings.knockout;
        let knocked_out: Vec<bool> = failures
            .iter()
            .map(|f| !f.is_empty() && knockout == KnockoutPolicy::Exclude)
            .collect();

        // Objective scores: prices against the bids of the vendors still in, the rest as read.
        for (ri, req) in self.requirements.iter().enumerate() {
            let cells = ri * n_vendors..(ri + 1) * n_vendors;
            if let Scoring::Price(rule) = req.scoring {
                let costs = &part.tco[cells.clone()];
                let price_scores = price_scores(
                    &req.node.id,
                    rule,
                    costs,
                    &knocked_out,
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

        // Points, category subtotals, totals.
        let n_cat = self.categories.len();
        let mut results: Vec<VendorResult> = Vec::with_capacity(n_vendors);
        for (vi, vendor) in self.card.vendors.iter().enumerate() {
            let mut category_points = vec![0.0; n_cat];
            let mut total = 0.0;
            let mut vendor_scores = Vec::with_capacity(n_req);
            let mut present = 0usize;
            for (ri, req) in self.requirements.iter().enumerate() {
                let mut s = scores[ri * n_vendors + vi];
                s.score = finite_clamp(s.score);
                s.points = s.score * req.weight * 100.0;
                if s.source != ScoreSource::Missing {
                    present += 1;
                }
                total += s.points;
                for &ci in &req.ancestors {
                    category_points[ci] += s.points;
                }
                vendor_scores.push(s);
            }
            let category_shares = category_points
                .iter()
                .zip(&self.categories)
                .map(|(points, cat)| {
                    if cat.weight > 0.0 {
                        finite_clamp(points / (cat.weight * 100.0))
                    } else {
                        0.0
                    }
                })
                .collect();
            let status = match (failures[vi].is_empty(), knockout) {
                (true, _) => VendorStatus::Qualified,
                (false, KnockoutPolicy::Exclude) => VendorStatus::KnockedOut,
                (false, KnockoutPolicy::Flag) => VendorStatus::Flagged,
            };
            results.push(VendorResult {
                vendor_id: vendor.id.clone(),
                name: if vendor.name.trim().is_empty() {
                    vendor.id.clone()
                } else {
                    vendor.name.clone()
                },
                rank: 0,
                total: if total.is_finite() {
                    total.clamp(0.0, 100.0)
                } else {
                    0.0
                },
                status,
                gate_failures: std::mem::take(&mut failures[vi]),
                pending_gates: std::mem::take(&mut pending[vi]),
                category_points,
                category_shares,
                scores: vendor_scores,
                completeness: if n_req == 0 {
                    1.0
                } else {
                    present as f64 / n_req as f64
                },
            });
        }
        rank(&mut results);

        let requirements = self
            .requirements
            .iter()
            .map(|r| RequirementInfo {
                id: r.node.id.clone(),
                name: r.node.name.clone(),
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

    /// What the vendors' answers give: missing answers, total costs, gate failures and scores.
    fn answer_part(&self) -> AnswerPart {
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

    /// Walk the tree: record categories and requirements with their global weights.
    #[allow(clippy::too_many_arguments)]
    fn lay_out(
        &mut self,
        nodes: &'a [Criterion],
        weighting: Option<&Weighting>,
        category_id: &str,
        parent: Option<usize>,
        ancestors: &[usize],
        parent_weight: f64,
        depth: usize,
    ) {
        let local = self.local_weights(nodes, weighting, category_id);
        for (node, local_weight) in nodes.iter().zip(local) {
            let weight = parent_weight * local_weight;
            match &node.scoring {
                Some(scoring) => self.requirements.push(Req {
                    node,
                    scoring,
                    category: parent,
                    ancestors: ancestors.to_vec(),
                    weight,
                    local_weight,
                }),
                None => {
                    let index = self.categories.len();
                    self.categories.push(CategoryInfo {
                        id: node.id.clone(),
                        name: node.name.clone(),
                        depth,
                        parent,
                        weight,
                        local_weight,
                    });
                    let mut path = ancestors.to_vec();
                    path.push(index);
                    self.lay_out(
                        &node.children,
                        node.weighting.as_ref(),
                        &node.id,
                        Some(index),
                        &path,
                        weight,
                        depth + 1,
                    );
                }
            }
        }
    }

    /// The weights in force for one set of siblings, and the side-by-side record.
    fn local_weights(
        &mut self,
        nodes: &[Criterion],
        weighting: Option<&Weighting>,
        category_id: &str,
    ) -> Vec<f64> {
        let n = nodes.len();
        if n == 0 {
            return Vec::new();
        }
        let ids: Vec<&str> = nodes.iter().map(|c| c.id.as_str()).collect();
        let direct_points: Vec<f64> = nodes
            .iter()
            .map(|c| {
                if c.weight.is_finite() && c.weight > 0.0 {
                    c.weight
                } else {
                    0.0
                }
            })
            .collect();
        let direct = weighting::normalize(&direct_points);
        let default = Weighting::default();
        let weighting = weighting.unwrap_or(&default);
        let place = if category_id.is_empty() {
            "top level".to_owned()
        } else {
            format!("category \"{category_id}\"")
        };

        let ahp = if weighting.pairwise.is_empty() {
            None
        } else {
            weighting::pairwise_matrix(&ids, &weighting.pairwise)
                .ok()
                .and_then(|m| weighting::ahp(&m, self.card.settings.random_index).ok())
        };
        if let Some(result) = &ahp {
            if result.consistency_ratio > weighting::CONSISTENCY_LIMIT {
                let pair = result
                    .most_inconsistent
                    .map(|(i, j)| format!("; revisit {} vs {}", ids[i], ids[j]))
                    .unwrap_or_default();
                self.diagnostics.push(Diagnostic::warning(
                    &place,
                    format!(
                        "AHP comparisons are inconsistent: consistency ratio {:.3} is above {:.2}{pair}",
                        result.consistency_ratio,
                        weighting::CONSISTENCY_LIMIT
                    ),
                ));
            }
        }
        let ranking: Vec<usize> = if weighting.ranking.len() == n {
            let positions: Vec<Option<usize>> = weighting
                .ranking
                .iter()
                .map(|id| ids.iter().position(|c| c == id))
                .collect();
            let distinct: std::collections::BTreeSet<usize> =
                positions.iter().flatten().copied().collect();
            if distinct.len() == n {
                positions.into_iter().flatten().collect()
            } else {
                order_by_points(&direct_points)
            }
        } else {
            order_by_points(&direct_points)
        };
        let centroid = weighting::rank_order_centroid(n);
        let mut roc = vec![0.0; n];
        for (rank, &child) in ranking.iter().enumerate() {
            if child < n {
                roc[child] = centroid[rank];
            }
        }
        let swing = if weighting.swing.is_empty() {
            None
        } else {
            let points: Vec<f64> = ids
                .iter()
                .map(|id| weighting.swing.get(*id).copied().unwrap_or(0.0))
                .collect();
            weighting::swing(&points)
        };

        let chosen = match weighting.method {
            WeightingMethod::Direct => direct.clone(),
            WeightingMethod::Ahp => ahp.as_ref().map(|a| a.weights.clone()),
            WeightingMethod::RankOrderCentroid => Some(roc.clone()),
            WeightingMethod::Swing => swing.clone(),
        };
        let chosen = match chosen {
            Some(w) => w,
            None if weighting.method != WeightingMethod::Direct => {
                self.diagnostics.push(Diagnostic::warning(
                    &place,
                    format!(
                        "the {} weights cannot be computed (see the errors at {}); direct \
                         weights are used instead",
                        method_name(weighting.method),
                        if category_id.is_empty() {
                            "settings.top_weighting"
                        } else {
                            "its weighting"
                        }
                    ),
                ));
                direct.clone().unwrap_or_else(|| vec![0.0; n])
            }
            None => vec![0.0; n],
        };
        // Leave out categories without requirements, then normalize again.
        let mut in_force: Vec<f64> = chosen
            .iter()
            .zip(nodes)
            .map(|(w, node)| {
                if contributes(node) && w.is_finite() {
                    *w
                } else {
                    0.0
                }
            })
            .collect();
        let sum: f64 = in_force.iter().sum();
        if sum > 0.0 {
            for w in &mut in_force {
                *w /= sum;
            }
        } else {
            in_force.iter_mut().for_each(|w| *w = 0.0);
        }
        self.weightings.push(CategoryWeighting {
            category_id: category_id.to_owned(),
            children: ids.iter().map(|s| (*s).to_owned()).collect(),
            method: weighting.method,
            in_force: in_force.clone(),
            direct,
            rank_order_centroid: roc,
            ahp: ahp.map(|a| AhpSummary {
                revisit: a
                    .most_inconsistent
                    .map(|(i, j)| (ids[i].to_owned(), ids[j].to_owned())),
                weights: a.weights,
                lambda_max: a.lambda_max,
                consistency_ratio: a.consistency_ratio,
                table: a.table,
            }),
            swing,
        });
        in_force
    }

    /// Aggregate evaluators' ratings into the scores of rating requirements.
    ///
    /// Per (evaluator, vendor, requirement) the highest revision counts; different values at
    /// that revision (a merge conflict) count as their mean and are reported. The value shown
    /// and checked by a minimum-rating gate is the aggregate of the ratings as given; the score
    /// uses the leniency-normalized ratings when that setting is on. Disagreement is measured
    /// on the ratings as given, which is what the committee discusses.
    /// Resolve, aggregate and compare the ratings. `base`: the table of resolved ratings kept
    /// between reports (made when `None`); `changed`: the ratings changed or added since it was
    /// made, to resolve only those again.
    fn rate(
        &mut self,
        vendor_index: &IdLookup<'_>,
        scores: &mut [RequirementScore],
        mut base: Option<&mut Option<RatingBase>>,
        changed: Option<&[usize]>,
    ) -> (Vec<Disagreement>, Vec<EvaluatorProgress>) {
        let card = self.card;
        let n_vendors = card.vendors.len();
        let n_eval = card.evaluators.len();
        // Rating requirements with a usable scale: (requirement index, min, span).
        let rated_reqs: Vec<(usize, f64, f64)> = self
            .requirements
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r.scoring {
                Scoring::Rating(rule) => {
                    let span = f64::from(rule.max) - f64::from(rule.min);
                    (span > 0.0).then_some((i, f64::from(rule.min), span))
                }
                _ => None,
            })
            .collect();
        let rated_ids: Vec<&str> = rated_reqs
            .iter()
            .map(|(ri, _, _)| self.requirements[*ri].node.id.as_str())
            .collect();
        // Ids the disagreements name, made once (a committee's report lists thousands).
        let shared = |ids: &mut dyn Iterator<Item = &str>| -> Vec<SharedStr> {
            ids.map(SharedStr::from).collect()
        };
        let evaluator_ids = shared(&mut card.evaluators.iter().map(|e| e.id.as_str()));
        let vendor_ids = shared(&mut card.vendors.iter().map(|v| v.id.as_str()));
        let rated_shared = shared(&mut rated_ids.iter().copied());

        // One value per (requirement, vendor, evaluator) cell, in that order: again only where
        // ratings changed when a base from the last report is kept, else in full.
        let grid = ratings::Grid::new(card, &rated_reqs, &rated_ids, vendor_index);
        let mut resolved = None;
        if let (Some(Some(base)), Some(changed)) = (base.as_deref_mut(), changed) {
            resolved = base.update(&grid, changed, &mut self.diagnostics);
        }
        let resolved = match resolved {
            Some(resolved) => resolved,
            None => {
                let keep = base.is_some();
                let (resolved, kept) = ratings::resolve_all(&grid, &mut self.diagnostics, keep);
                if let Some(slot) = base {
                    *slot = kept;
                }
                resolved
            }
        };
        let normalized: Option<Vec<f64>> = card
            .settings
            .leniency_normalization
            .then(|| self.normalize_leniency(&resolved, n_eval));

        let consensus: FastMap<(&str, &str), f64> = card
            .consensus
            .iter()
            .map(|c| ((c.vendor.as_str(), c.requirement.as_str()), c.value))
            .collect();
        let settings = &card.settings;
        let mut disagreements = Vec::new();
        let mut rated_by = vec![0usize; n_eval];
        let mut raw: Vec<f64> = Vec::with_capacity(n_eval);
        let mut adjusted: Vec<f64> = Vec::with_capacity(n_eval);
        let mut group_start = 0;
        // Walk (requirement, vendor) groups of `resolved`, and fill in consensus for the rest.
        let mut visit = |k: usize,
                         vi: usize,
                         group: &[(u32, u32, u32, f64)],
                         normalized: Option<&[f64]>,
                         scores: &mut [RequirementScore],
                         disagreements: &mut Vec<Disagreement>| {
            let (ri, min, span) = rated_reqs[k];
            let req_id = self.requirements[ri].node.id.as_str();
            let vendor = &card.vendors[vi];
            raw.clear();
            adjusted.clear();
            for (offset, &(_, _, ei, value)) in group.iter().enumerate() {
                raw.push(value);
                adjusted.push(normalized.map_or(value, |n| n[offset]));
                rated_by[ei as usize] += 1;
            }
            let agreed = consensus
                .get(&(vendor.id.as_str(), req_id))
                .copied()
                .filter(|v| v.is_finite());
            let (low, high) = raw
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(*v), hi.max(*v))
                });
            if high > low && high - low >= settings.disagreement_threshold - 1e-12 {
                disagreements.push(Disagreement {
                    vendor_id: vendor_ids[vi].clone(),
                    requirement_id: rated_shared[k].clone(),
                    spread: high - low,
                    ratings: group
                        .iter()
                        .map(|&(_, _, ei, v)| {
                            (evaluator_ids[ei as usize].clone(), round9(min + v * span))
                        })
                        .collect(),
                    resolved: agreed.is_some(),
                });
            }
            let target = &mut scores[ri * n_vendors + vi];
            if let Some(level) = agreed {
                let fraction = ((level - min) / span).clamp(0.0, 1.0);
                *target = RequirementScore {
                    score: fraction,
                    points: 0.0,
                    source: ScoreSource::Consensus,
                    value: Some(round9(min + fraction * span)),
                };
            } else if !raw.is_empty() {
                let as_given = aggregate(&mut raw, settings.aggregation, settings.trim_fraction);
                let fraction =
                    aggregate(&mut adjusted, settings.aggregation, settings.trim_fraction);
                *target = RequirementScore {
                    score: fraction,
                    points: 0.0,
                    source: ScoreSource::Evaluators(group.len()),
                    // Rounded so that a mean of 4 and 2 shows as 3, not 3.0000000000000004.
                    value: Some(round9(min + as_given * span)),
                };
            }
        };
        for k in 0..rated_reqs.len() {
            for vi in 0..n_vendors {
                let mut group_end = group_start;
                while group_end < resolved.len()
                    && resolved[group_end].0 as usize == k
                    && resolved[group_end].1 as usize == vi
                {
                    group_end += 1;
                }
                visit(
                    k,
                    vi,
                    &resolved[group_start..group_end],
                    normalized.as_deref().map(|n| &n[group_start..group_end]),
                    scores,
                    &mut disagreements,
                );
                group_start = group_end;
            }
        }

        let expected = rated_reqs.len() * n_vendors;
        let evaluators = card
            .evaluators
            .iter()
            .zip(rated_by)
            .map(|(e, rated)| EvaluatorProgress {
                evaluator_id: e.id.clone(),
                name: e.name.clone(),
                role: e.role.clone(),
                attested: e.attestation.as_ref().is_some_and(|a| a.no_conflict),
                rated,
                expected,
                completeness: if expected == 0 {
                    1.0
                } else {
                    rated as f64 / expected as f64
                },
            })
            .collect();
        (disagreements, evaluators)
    }

    /// Leniency normalization: each evaluator's ratings (shares of the scale, across all rated
    /// requirements) become z-scores against that evaluator's own mean and spread, mapped back
    /// onto the pooled mean of all ratings and the typical within-evaluator spread (the root
    /// mean square of the evaluators' spreads), clamped to [0, 1]. A harsh and a lenient
    /// evaluator who order the vendors alike then give the same values; differences between
    /// vendors are neither stretched nor shrunk on average. An evaluator with a single rating
    /// keeps it as given; one who gave every vendor the same value maps to the pooled mean.
    fn normalize_leniency(&mut self, resolved: &[(u32, u32, u32, f64)], n_eval: usize) -> Vec<f64> {
        let mut count = vec![0usize; n_eval];
        let mut sum = vec![0.0f64; n_eval];
        let mut squares = vec![0.0f64; n_eval];
        for &(_, _, ei, v) in resolved {
            let e = ei as usize;
            count[e] += 1;
            sum[e] += v;
            squares[e] += v * v;
        }
        let total: usize = count.iter().sum();
        let pooled_mean = if total == 0 {
            0.0
        } else {
            sum.iter().sum::<f64>() / total as f64
        };
        let mean: Vec<f64> = (0..n_eval)
            .map(|e| {
                if count[e] == 0 {
                    0.0
                } else {
                    sum[e] / count[e] as f64
                }
            })
            .collect();
        let sd: Vec<f64> = (0..n_eval)
            .map(|e| {
                if count[e] < 2 {
                    0.0
                } else {
                    (squares[e] / count[e] as f64 - mean[e] * mean[e])
                        .max(0.0)
                        .sqrt()
                }
            })
            .collect();
        let spreads: Vec<f64> = (0..n_eval)
            .filter(|&e| count[e] >= 2)
            .map(|e| sd[e])
            .collect();
        let within = if spreads.is_empty() {
            0.0
        } else {
            (spreads.iter().map(|s| s * s).sum::<f64>() / spreads.len() as f64).sqrt()
        };
        let singles = (0..n_eval).filter(|&e| count[e] == 1).count();
        if singles > 0 {
            self.diagnostics.push(Diagnostic::info(
                "settings.leniency_normalization",
                format!(
                    "{singles} evaluator(s) gave a single rating, which is used as given: \
                     normalization needs at least two ratings from an evaluator"
                ),
            ));
        }
        resolved
            .iter()
            .map(|&(_, _, ei, v)| {
                let e = ei as usize;
                if count[e] < 2 {
                    return v;
                }
                let z = if sd[e] > 1e-12 {
                    (v - mean[e]) / sd[e]
                } else {
                    0.0
                };
                finite_clamp(pooled_mean + z * within)
            })
            .collect()
    }
}

/// Price scores for one price requirement, by its formula, against the reference bids: the
/// bids of vendors not knocked out (all bids when every bidder is knocked out).
fn price_scores(
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

/// True when a node can carry weight: a requirement, or a category with a requirement below it
/// that its own weighting does not zero out. Categories that cannot are left out of their
/// siblings' normalization, so their share goes to the others instead of being lost.
fn contributes(node: &Criterion) -> bool {
    if node.is_requirement() {
        return true;
    }
    let direct = node
        .weighting
        .as_ref()
        .is_none_or(|w| w.method == WeightingMethod::Direct);
    node.children.iter().any(|child| {
        contributes(child) && (!direct || (child.weight.is_finite() && child.weight > 0.0))
    })
}

/// Indices ordered by points, highest first; ties keep tree order.
fn order_by_points(points: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[b].total_cmp(&points[a]).then(a.cmp(&b)));
    order
}

fn round9(value: f64) -> f64 {
    (value * 1e9).round() / 1e9
}

fn finite_clamp(value: f64) -> f64 {
    if value.is_finite() {
        value.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Aggregate values (fractions of the scale). `values` must not be empty; it is reordered.
pub fn aggregate(values: &mut [f64], method: Aggregation, trim_fraction: f64) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    match method {
        Aggregation::Mean => mean(values),
        Aggregation::Median => {
            sort_values(values);
            if n % 2 == 1 {
                values[n / 2]
            } else {
                (values[n / 2 - 1] + values[n / 2]) / 2.0
            }
        }
        Aggregation::TrimmedMean => {
            sort_values(values);
            let fraction = if trim_fraction.is_finite() {
                trim_fraction.clamp(0.0, 0.49)
            } else {
                0.0
            };
            let cut = (n as f64 * fraction).floor() as usize;
            if n > 2 * cut {
                mean(&values[cut..n - cut])
            } else {
                mean(values)
            }
        }
    }
}

/// Sort by `f64::total_cmp`. A committee's few ratings of a cell are sorted as integers that
/// order as `total_cmp` orders the values (its own transformation, made once per value instead
/// of twice per comparison), which is several times faster there.
fn sort_values(values: &mut [f64]) {
    const SMALL: usize = 32;
    if values.len() > SMALL {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    // Flipping all bits but the sign of a negative value orders the bits as the values; the
    // same flip turns them back.
    let flip = |bits: i64| bits ^ ((((bits >> 63) as u64) >> 1) as i64);
    let mut keys = [0i64; SMALL];
    let keys = &mut keys[..values.len()];
    for (key, value) in keys.iter_mut().zip(values.iter()) {
        *key = flip(value.to_bits() as i64);
    }
    keys.sort_unstable();
    for (value, key) in values.iter_mut().zip(keys.iter()) {
        *value = f64::from_bits(flip(*key) as u64);
    }
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
            for _ in 0..rule.years.min(100) {
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
        Curve::Linear { worst, best } => {
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

enum GateOutcome {
    Pass,
    Fail(String),
    Pending,
}

/// A number as Rust writes it shortest (99.995, 15, 0.5), so a message never rounds two
/// different values to the same text.
fn fmt_num(x: f64) -> String {
    format!("{x}")
}

/// Money with thousands separators, rounded to the unit: 1,250,000.
fn fmt_money(x: f64) -> String {
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

fn unit_suffix(rule: &NumericRule) -> String {
    if rule.unit.is_empty() {
        String::new()
    } else if rule.unit == "%" {
        "%".to_owned()
    } else {
        format!(" {}", rule.unit)
    }
}

fn check_gate(
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
                fmt_money(c),
                fmt_money(*ceiling)
            )),
            None => Fail("the bid cannot be read".to_owned()),
        },
        (Scoring::Choice(_), Gate::AnyOf(allowed), Answer::Text(id)) => {
            if allowed.contains(id) {
                Pass
            } else {
                Fail(format!(
                    "\"{id}\" is not one of the required options ({})",
                    allowed.join(", ")
                ))
            }
        }
        (Scoring::Choice(_), Gate::AnyOf(allowed), Answer::List(ids)) => {
            if ids.iter().any(|id| allowed.contains(id)) {
                Pass
            } else {
                Fail(format!(
                    "none of the required options ({}) offered",
                    allowed.join(", ")
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
            format!("{}-year total cost at most {}", rule.years, fmt_money(*v))
        }
        (_, Gate::AtMost(v)) => format!("at most {}{unit}", fmt_num(*v)),
        (_, Gate::AnyOf(ids)) => format!("one of: {}", ids.join(", ")),
    }
}

/// Competition ranking: qualified and flagged vendors by total, then knocked-out vendors by
/// total; equal totals (within [`TIE_TOLERANCE`]) share a rank, and the next rank skips.
fn rank(results: &mut [VendorResult]) {
    let group = |r: &VendorResult| u8::from(r.status == VendorStatus::KnockedOut);
    // A stable sort keeps the file order among tied vendors.
    results.sort_by(|a, b| group(a).cmp(&group(b)).then(b.total.total_cmp(&a.total)));
    // Each vendor is compared with the first of its tie group, so ties do not chain.
    let mut leader: Option<(u8, f64, usize)> = None;
    for (position, result) in results.iter_mut().enumerate() {
        let g = group(result);
        match leader {
            Some((lg, total, rank)) if lg == g && (total - result.total).abs() <= TIE_TOLERANCE => {
                result.rank = rank;
            }
            _ => {
                result.rank = position + 1;
                leader = Some((g, result.total, position + 1));
            }
        }
    }
}

/// A weighting method's name for messages.
fn method_name(method: WeightingMethod) -> &'static str {
    match method {
        WeightingMethod::Direct => "direct",
        WeightingMethod::Ahp => "AHP",
        WeightingMethod::RankOrderCentroid => "rank-order centroid",
        WeightingMethod::Swing => "SWING",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Sorting a cell's values as integers orders them exactly as `f64::total_cmp` does,
        /// negative values, both zeros, infinities and NaN included, and long lists too.
        #[test]
        fn values_sort_as_total_cmp_sorts_them(
            values in prop::collection::vec(
                prop_oneof![
                    any::<f64>(),
                    Just(0.0),
                    Just(-0.0),
                    Just(f64::NAN),
                    Just(-f64::NAN),
                    Just(f64::INFINITY),
                    Just(f64::NEG_INFINITY),
                    0.0f64..1.0,
                ],
                0..40,
            ),
        ) {
            let mut expected = values.clone();
            expected.sort_by(f64::total_cmp);
            let mut sorted = values;
            sort_values(&mut sorted);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(&sorted), bits(&expected));
        }
    }
}
