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

use crate::fast_hash::FastMap;

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::model::*;
use crate::weighting;

/// Totals closer than this are a tie.
pub const TIE_TOLERANCE: f64 = 1e-9;

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
    /// Points earned per category (in [`Report::categories`] order); top-level ones sum to the total.
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

/// A failed gate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateFailure {
    /// Requirement id.
    pub requirement_id: String,
    /// Requirement text.
    pub requirement: String,
    /// Why the vendor failed, e.g. "99.2 % is below the required 99.5 %".
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
    pub vendor_id: String,
    /// Requirement id.
    pub requirement_id: String,
    /// Highest minus lowest rating, as a share of the scale.
    pub spread: f64,
    /// Each evaluator's rating (evaluator id, level).
    pub ratings: Vec<(String, f64)>,
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

/// An objective requirement a vendor did not answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingAnswer {
    /// Vendor id.
    pub vendor_id: String,
    /// Requirement id.
    pub requirement_id: String,
}

/// Turn a scorecard into a report. Defined for every scorecard, valid or not.
pub fn score(scorecard: &Scorecard) -> Report {
    Scorer::new(scorecard).run()
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
            diagnostics: crate::validate::validate(card),
            categories: Vec::new(),
            requirements: Vec::new(),
            weightings: Vec::new(),
        }
    }

    fn run(mut self) -> Report {
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
        let vendor_index: FastMap<&str, usize> = self
            .card
            .vendors
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id.as_str(), i))
            .collect();

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
        let rated = self.rate(&vendor_index, &mut scores);
        let (disagreements, evaluators) = rated;

        // Gates (price scores need the knockout set, so gates come first).
        let mut failures: Vec<Vec<GateFailure>> = vec![Vec::new(); n_vendors];
        let mut missing_answers = Vec::new();
        let mut tco: Vec<Option<f64>> = vec![None; n_vendors * n_req];
        for (ri, req) in self.requirements.iter().enumerate() {
            if matches!(req.scoring, Scoring::Rating(_)) {
                continue;
            }
            for (vi, vendor) in self.card.vendors.iter().enumerate() {
                let answer = vendor.answers.get(&req.node.id);
                if answer.is_none() {
                    missing_answers.push(MissingAnswer {
                        vendor_id: vendor.id.clone(),
                        requirement_id: req.node.id.clone(),
                    });
                }
                if let (Scoring::Price(rule), Some(answer)) = (req.scoring, answer) {
                    tco[ri * n_vendors + vi] = total_cost(rule, answer);
                }
            }
        }
        for (ri, req) in self.requirements.iter().enumerate() {
            let Some(gate) = &req.node.gate else { continue };
            for (vi, vendor) in self.card.vendors.iter().enumerate() {
                let rating = match scores[ri * n_vendors + vi] {
                    RequirementScore {
                        value: Some(level),
                        source: ScoreSource::Evaluators(_) | ScoreSource::Consensus,
                        ..
                    } => Some(level),
                    _ => None,
                };
                let outcome = check_gate(
                    req.scoring,
                    gate,
                    vendor.answers.get(&req.node.id),
                    rating,
                    tco[ri * n_vendors + vi],
                );
                if let GateOutcome::Fail(reason) = outcome {
                    failures[vi].push(GateFailure {
                        requirement_id: req.node.id.clone(),
                        requirement: req.node.name.clone(),
                        reason,
                    });
                }
            }
        }
        let knockout = self.card.settings.knockout;
        let knocked_out: Vec<bool> = failures
            .iter()
            .map(|f| !f.is_empty() && knockout == KnockoutPolicy::Exclude)
            .collect();

        // Objective scores.
        for (ri, req) in self.requirements.iter().enumerate() {
            if let Scoring::Price(rule) = req.scoring {
                let costs = &tco[ri * n_vendors..(ri + 1) * n_vendors];
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
            for (vi, vendor) in self.card.vendors.iter().enumerate() {
                let Some(answer) = vendor.answers.get(&req.node.id) else {
                    continue;
                };
                if let Some((s, value)) = objective_score(req.scoring, answer) {
                    scores[ri * n_vendors + vi] = RequirementScore {
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
            missing_answers,
            diagnostics: self.diagnostics,
        }
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
            if positions.iter().all(Option::is_some) {
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
                        "the {:?} weights cannot be computed (see the errors above); direct \
                         weights are used instead",
                        weighting.method
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
    fn rate(
        &mut self,
        vendor_index: &FastMap<&str, usize>,
        scores: &mut [RequirementScore],
    ) -> (Vec<Disagreement>, Vec<EvaluatorProgress>) {
        let card = self.card;
        let n_vendors = card.vendors.len();
        let n_eval = card.evaluators.len();
        let rated_reqs: Vec<(usize, &RatingRule)> = self
            .requirements
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r.scoring {
                Scoring::Rating(rule) => Some((i, rule)),
                _ => None,
            })
            .collect();
        let rated_index: FastMap<&str, usize> = rated_reqs
            .iter()
            .enumerate()
            .map(|(k, (ri, _))| (self.requirements[*ri].node.id.as_str(), k))
            .collect();
        let evaluator_index: FastMap<&str, usize> = card
            .evaluators
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();

        // Latest revision per (requirement, vendor, evaluator); conflicting values averaged.
        #[derive(Clone, Copy)]
        struct Cell {
            revision: u32,
            sum: f64,
            count: u32,
            first: f64,
            conflict: bool,
        }
        let n_rated = rated_reqs.len();
        let mut cells: Vec<Option<Cell>> = vec![None; n_rated * n_vendors * n_eval];
        for rating in &card.ratings {
            let (Some(&k), Some(&vi), Some(&ei)) = (
                rated_index.get(rating.requirement.as_str()),
                vendor_index.get(rating.vendor.as_str()),
                evaluator_index.get(rating.evaluator.as_str()),
            ) else {
                continue;
            };
            let rule = rated_reqs[k].1;
            if rule.max <= rule.min || !rating.score.is_finite() {
                continue;
            }
            let fraction = ((rating.score - f64::from(rule.min)) / f64::from(rule.max - rule.min))
                .clamp(0.0, 1.0);
            let cell = &mut cells[(k * n_vendors + vi) * n_eval + ei];
            match cell {
                Some(c) if c.revision > rating.revision => {}
                Some(c) if c.revision == rating.revision => {
                    if c.first != fraction {
                        c.conflict = true;
                        c.sum += fraction;
                        c.count += 1;
                    }
                }
                _ => {
                    *cell = Some(Cell {
                        revision: rating.revision,
                        sum: fraction,
                        count: 1,
                        first: fraction,
                        conflict: false,
                    })
                }
            }
        }
        let mut values: Vec<Option<f64>> = cells
            .iter()
            .map(|c| c.map(|c| c.sum / f64::from(c.count)))
            .collect();
        let conflicts = cells
            .iter()
            .filter(|c| c.is_some_and(|c| c.conflict))
            .count();
        if conflicts > 0 {
            self.diagnostics.push(
                Diagnostic::warning(
                    "ratings",
                    format!(
                        "{conflicts} rating(s) have two different values at the same revision \
                         (a merge conflict); their mean is used until the chair settles them"
                    ),
                )
                .with_hint("record a new rating or a consensus value"),
            );
        }
        let raw = values.clone();
        if card.settings.leniency_normalization {
            self.normalize_leniency(&mut values, n_eval);
        }

        let consensus: FastMap<(&str, &str), f64> = card
            .consensus
            .iter()
            .map(|c| ((c.vendor.as_str(), c.requirement.as_str()), c.value))
            .collect();
        let settings = &card.settings;
        let mut disagreements = Vec::new();
        let mut buffer: Vec<f64> = Vec::with_capacity(n_eval);
        for (k, (ri, rule)) in rated_reqs.iter().enumerate() {
            let span = f64::from(rule.max - rule.min);
            let req_id = self.requirements[*ri].node.id.as_str();
            for (vi, vendor) in card.vendors.iter().enumerate() {
                let base = (k * n_vendors + vi) * n_eval;
                buffer.clear();
                buffer.extend(values[base..base + n_eval].iter().flatten());
                let agreed = consensus.get(&(vendor.id.as_str(), req_id)).copied();
                // Disagreement on the ratings as aggregated (after leniency normalization, when
                // on, so that a harsh and a lenient evaluator who agree on the order agree here).
                let mut low = f64::INFINITY;
                let mut high = f64::NEG_INFINITY;
                for v in &buffer {
                    low = low.min(*v);
                    high = high.max(*v);
                }
                if high - low >= settings.disagreement_threshold - 1e-12 && high > low {
                    disagreements.push(Disagreement {
                        vendor_id: vendor.id.clone(),
                        requirement_id: req_id.to_owned(),
                        spread: high - low,
                        ratings: card
                            .evaluators
                            .iter()
                            .zip(&raw[base..base + n_eval])
                            .filter_map(|(e, v)| {
                                v.map(|v| (e.id.clone(), round9(f64::from(rule.min) + v * span)))
                            })
                            .collect(),
                        resolved: agreed.is_some(),
                    });
                }
                let target = &mut scores[ri * n_vendors + vi];
                if let Some(level) = agreed.filter(|v| v.is_finite() && span > 0.0) {
                    *target = RequirementScore {
                        score: ((level - f64::from(rule.min)) / span).clamp(0.0, 1.0),
                        points: 0.0,
                        source: ScoreSource::Consensus,
                        value: Some(level),
                    };
                } else if !buffer.is_empty() {
                    let fraction =
                        aggregate(&mut buffer, settings.aggregation, settings.trim_fraction);
                    *target = RequirementScore {
                        score: fraction,
                        points: 0.0,
                        source: ScoreSource::Evaluators(buffer.len()),
                        // Rounded so that a mean of 4 and 2 shows as 3, not 3.0000000000000004.
                        value: Some(round9(f64::from(rule.min) + fraction * span)),
                    };
                }
            }
        }

        let expected = n_rated * n_vendors;
        let evaluators = card
            .evaluators
            .iter()
            .enumerate()
            .map(|(ei, e)| {
                let rated = (0..n_rated * n_vendors)
                    .filter(|cell| cells[cell * n_eval + ei].is_some())
                    .count();
                EvaluatorProgress {
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
                }
            })
            .collect();
        (disagreements, evaluators)
    }

    /// Rescale each evaluator's ratings (fractions of the scale) to z-scores, mapped back onto
    /// the pooled mean and spread of all ratings, clamped to [0, 1].
    fn normalize_leniency(&mut self, values: &mut [Option<f64>], n_eval: usize) {
        if n_eval == 0 {
            return;
        }
        let stats = |iter: &mut dyn Iterator<Item = f64>| -> (usize, f64, f64) {
            let (mut n, mut sum, mut sq) = (0usize, 0.0, 0.0);
            for v in iter {
                n += 1;
                sum += v;
                sq += v * v;
            }
            if n == 0 {
                return (0, 0.0, 0.0);
            }
            let mean = sum / n as f64;
            (n, mean, (sq / n as f64 - mean * mean).max(0.0).sqrt())
        };
        let (_, pooled_mean, pooled_sd) = stats(&mut values.iter().flatten().copied());
        for ei in 0..n_eval {
            let (n, mean, sd) =
                stats(&mut values.iter().skip(ei).step_by(n_eval).flatten().copied());
            if n < 2 {
                if n == 1 {
                    self.diagnostics.push(Diagnostic::info(
                        format!("evaluators[{ei}]"),
                        "leniency normalization needs at least 2 ratings from an evaluator; \
                         this evaluator's single rating is used as given",
                    ));
                }
                continue;
            }
            for value in values.iter_mut().skip(ei).step_by(n_eval).flatten() {
                let z = if sd > 1e-12 {
                    (*value - mean) / sd
                } else {
                    0.0
                };
                *value = (pooled_mean + z * pooled_sd).clamp(0.0, 1.0);
            }
        }
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
            values.sort_by(f64::total_cmp);
            if n % 2 == 1 {
                values[n / 2]
            } else {
                (values[n / 2 - 1] + values[n / 2]) / 2.0
            }
        }
        Aggregation::TrimmedMean => {
            values.sort_by(f64::total_cmp);
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

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn fmt_money(x: f64) -> String {
    let whole = format!("{:.0}", x.round());
    let mut out = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 && ch.is_ascii_digit() {
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
    rating: Option<f64>,
    cost: Option<f64>,
) -> GateOutcome {
    use GateOutcome::*;
    if let Scoring::Rating(_) = scoring {
        return match (gate, rating) {
            (Gate::AtLeast(min), Some(level)) if level + 1e-9 < *min => Fail(format!(
                "rated {} on average, below the minimum rating of {}",
                fmt_num(level),
                fmt_num(*min)
            )),
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
    let mut previous: Option<(u8, f64, usize)> = None;
    for (position, result) in results.iter_mut().enumerate() {
        let g = group(result);
        let rank = match previous {
            Some((pg, total, rank)) if pg == g && (total - result.total).abs() <= TIE_TOLERANCE => {
                rank
            }
            _ => position + 1,
        };
        result.rank = rank;
        previous = Some((g, result.total, rank));
    }
}
