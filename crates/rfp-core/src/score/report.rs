//! The report: the view model a scorecard is scored into, which any front end renders as it is.

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::model::{RandomIndexTable, SharedStr, WeightingMethod};

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

impl Report {
    /// A vendor's name (its id when the report does not know it, or it has none): how every view, the memo and
    /// the analysis name a vendor the report refers to by id.
    pub fn vendor_name(&self, id: &str) -> String {
        let found = self.vendors.iter().find(|v| v.vendor_id == id);
        named(found.map(|v| v.name.as_str()), id)
    }

    /// A requirement's name (its id when the report does not know it, or it has none).
    pub fn requirement_name(&self, id: &str) -> String {
        let found = self.requirements.iter().find(|r| r.id == id);
        named(found.map(|r| r.name.as_str()), id)
    }

    /// An evaluator's name (the id when the report does not know it, or it has none).
    pub fn evaluator_name(&self, id: &str) -> String {
        let found = self.evaluators.iter().find(|e| e.evaluator_id == id);
        named(found.map(|e| e.name.as_str()), id)
    }

    /// Whether the report's parts fit together as [`crate::score()`] makes them: every vendor
    /// row holds a number per category and a score per requirement, and every index names an
    /// entry that exists. A report made here always fits; one handed over by a host program
    /// (the JavaScript API takes reports back) is checked before use, so that a report kept
    /// from an older scorecard or edited by hand is refused with its place instead of being
    /// read past its end.
    pub fn shape_problems(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let (categories, requirements) = (self.categories.len(), self.requirements.len());
        for (i, category) in self.categories.iter().enumerate() {
            if category.parent.is_some_and(|p| p >= categories) {
                out.push(Diagnostic::error(
                    format!("categories[{i}].parent"),
                    format!(
                        "names category {} of {categories}",
                        category.parent.unwrap_or(0)
                    ),
                ));
            }
        }
        for (i, requirement) in self.requirements.iter().enumerate() {
            if requirement.category.is_some_and(|c| c >= categories) {
                out.push(Diagnostic::error(
                    format!("requirements[{i}].category"),
                    format!(
                        "names category {} of {categories}",
                        requirement.category.unwrap_or(0)
                    ),
                ));
            }
        }
        for (i, vendor) in self.vendors.iter().enumerate() {
            let mut count = |field: &str, found: usize, expected: usize, what: &str| {
                if found != expected {
                    out.push(Diagnostic::error(
                        format!("vendors[{i}].{field}"),
                        format!(
                            "expected {expected} (one per {what} of the report), found {found}"
                        ),
                    ));
                }
            };
            count(
                "category_points",
                vendor.category_points.len(),
                categories,
                "category",
            );
            count(
                "category_shares",
                vendor.category_shares.len(),
                categories,
                "category",
            );
            count("scores", vendor.scores.len(), requirements, "requirement");
        }
        out
    }
}

/// One vendor's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VendorResult {
    /// Vendor id.
    pub vendor_id: String,
    /// Display name: the id when the vendor has no name; direction controls left out, as in
    /// every name of the report.
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

impl VendorResult {
    /// Whether it can win: not knocked out by a gate (a flagged vendor keeps its rank).
    pub fn can_win(&self) -> bool {
        self.status != VendorStatus::KnockedOut
    }
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
    /// Category name (direction controls left out).
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
    /// Rank-order centroid weights from the ranking given, or from the direct weights' order;
    /// empty when there are more children than a ranking holds ([`crate::weighting::MAX_RANKED`]).
    pub rank_order_centroid: Vec<f64>,
    /// AHP weights and consistency, when comparisons were given.
    pub ahp: Option<AhpSummary>,
    /// AHP on the evaluators' judgments combined (a pair no one compared counts as equal), when
    /// the method is group AHP or an evaluator has judged, and their judgments can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ahp_group: Option<GroupAhpSummary>,
    /// SWING weights, when swing points were given.
    pub swing: Option<Vec<f64>>,
}

impl CategoryWeighting {
    /// How many pairs its children make.
    pub fn pairs(&self) -> usize {
        let n = self.children.len();
        n * n.saturating_sub(1) / 2
    }

    /// Each evaluator's part in its group AHP, in words with names: their own consistency ratio
    /// once they have compared every pair ("Dr. Amara Osei 0.012"), else how many pairs they
    /// compared ("Luis Ortega, RN compared 1 of 55 pairs"). Empty without group AHP.
    pub fn evaluators_in_words(&self, report: &Report) -> Vec<String> {
        let pairs = self.pairs();
        self.ahp_group
            .iter()
            .flat_map(|group| &group.evaluators)
            .map(|e| {
                let name = report.evaluator_name(&e.evaluator_id);
                match &e.own {
                    Some(own) => format!("{name} {:.3}", own.consistency_ratio),
                    None => format!("{name} compared {} of {pairs} pairs", e.pairs),
                }
            })
            .collect()
    }
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

/// AHP on the evaluators' judgments combined by their geometric mean, for one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupAhpSummary {
    /// The group's weights and the group matrix's consistency.
    pub group: AhpSummary,
    /// Each evaluator who judged.
    pub evaluators: Vec<EvaluatorAhp>,
    /// How many pairs no evaluator has compared (they count as equal).
    #[serde(default)]
    pub uncompared: usize,
}

/// One evaluator's AHP judgments of a category's children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluatorAhp {
    /// Evaluator id.
    pub evaluator_id: String,
    /// How many of the pairs they compared.
    pub pairs: usize,
    /// Their own weights and consistency, when they compared every pair.
    pub own: Option<AhpSummary>,
}

impl AhpSummary {
    /// Whether the judgments contradict each other enough to revisit them (consistency ratio
    /// above [`crate::weighting::CONSISTENCY_LIMIT`], Saaty's 0.10).
    pub fn inconsistent(&self) -> bool {
        self.consistency_ratio > crate::weighting::CONSISTENCY_LIMIT
    }
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
    /// True when that consensus value was agreed on other ratings than count now (the ratings
    /// changed since): it needs reviewing ([`Disagreement::STALE`] says so).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stale_consensus: bool,
}

impl Disagreement {
    /// What the memo and the page say of a consensus value agreed before the ratings changed.
    pub const STALE: &str = "agreed before the ratings changed: to review";
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

/// A name the report knows, as shown; the id when it does not know one.
fn named(name: Option<&str>, id: &str) -> String {
    name.map_or_else(
        || id.to_owned(),
        |name| crate::model::display_name(name, id),
    )
}
