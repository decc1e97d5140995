//! The scorecard document: plain data that mirrors the file.
//!
//! Every struct keeps the fields it does not know in `extra`, so a file written by a newer
//! generator of the same schema version survives a load and a save. Validation of what the
//! values mean (ids that resolve, weights that are not negative, gates that fit their kind)
//! lives in [`crate::validate`](mod@crate::validate); the types here only describe the shape.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// An immutable, reference-counted string (one pointer wide) whose clone copies a pointer: the
/// texts of ratings, and the ids a disagreement names. Reads as a `&str`, compares with `str`
/// and `String`, and is written to files as a plain JSON string.
pub type SharedStr = arcstr::ArcStr;
pub use crate::stamp::Stamp;

/// Fields a reader did not recognise, kept verbatim so that they survive load → save.
pub type Extra = BTreeMap<String, serde_json::Value>;

fn default_weight() -> f64 {
    1.0
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A whole scorecard: the criteria, the vendors and their answers, the evaluators and their
/// ratings, consensus values and settings. A template is a scorecard with no vendors.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Scorecard {
    /// Title, organisation and free-text notes.
    #[serde(default)]
    pub meta: Meta,
    /// The practice the selection is for.
    #[serde(default)]
    pub profile: PracticeProfile,
    /// The criteria tree: top-level categories, each with children (categories or requirements).
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Vendors and their answers.
    #[serde(default)]
    pub vendors: Vec<Vendor>,
    /// Committee members who rate vendors.
    #[serde(default)]
    pub evaluators: Vec<Evaluator>,
    /// Each evaluator's rating of a vendor on a rated requirement.
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// Values the committee agreed on, which replace the evaluators' aggregate.
    #[serde(default)]
    pub consensus: Vec<Consensus>,
    /// How scores are aggregated and gates enforced.
    #[serde(default)]
    pub settings: Settings,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Descriptive metadata.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Meta {
    /// Title shown on reports, e.g. "Riverside Family Medicine — EHR selection 2027".
    #[serde(default)]
    pub title: String,
    /// The organisation running the selection.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organization: String,
    /// Free text: scope, timeline, contacts.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The template this scorecard started from, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub template: String,
    /// Why the matrix looks as it does: one line per adjustment made while tailoring.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One recorded change made to a template (by tailoring or by the chair), with its reason.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Adjustment {
    /// The criterion the change touched, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criterion: String,
    /// That criterion's name, as a committee reads it ("Sliding-fee scale"), kept so the list
    /// reads the same after a rename or a removal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// What changed, e.g. "weight 10 → 20" or "made a gate".
    pub change: String,
    /// Why, e.g. "value-based billing: quality reporting is mandatory".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Adjustment {
    /// What the change touched, as a reader names it: the criterion's name, or its id when the
    /// name was not recorded (files tailored before names were kept); empty for the whole
    /// scorecard.
    pub fn subject(&self) -> &str {
        if self.name.is_empty() {
            &self.criterion
        } else {
            &self.name
        }
    }
}

/// The practice the selection is for. Used by tailoring and shown on reports.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PracticeProfile {
    /// Specialties practised, e.g. "family medicine", "pediatrics", "behavioral health".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specialties: Vec<String>,
    /// Number of providers (physicians, NPs, PAs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub providers: Option<u32>,
    /// Number of clinic locations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locations: Option<u32>,
    /// Patient encounters per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_encounters: Option<u64>,
    /// Billing models in use. Known values: `fee_for_service`, `value_based`, `capitation`,
    /// `sliding_fee`, `grant_funded`; others are kept and reported as unknown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub billing_models: Vec<String>,
    /// Integrations the practice needs, e.g. `lab`, `hie`, `immunization_registry`, `imaging`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_integrations: Vec<String>,
    /// Preferred go-live approach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_approach: Option<ImplementationApproach>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How the new system goes live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImplementationApproach {
    /// Every site and module at once.
    BigBang,
    /// Site by site or module by module.
    Staged,
    /// Not decided yet.
    Undecided,
}

/// A node of the criteria tree: a category (it has `children` and no `scoring`) or a
/// requirement (it has `scoring` and no `children`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Criterion {
    /// Stable identifier, unique in the whole tree, e.g. `sla.sev1_response`.
    pub id: String,
    /// Category name or requirement text.
    #[serde(default)]
    pub name: String,
    /// Weight relative to its siblings (direct points). Default 1. Never negative.
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// What to ask, why it matters, how to judge the answer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance: String,
    /// The scoring rule; present exactly when this node is a requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Scoring>,
    /// Makes the requirement mandatory: a vendor that fails it is knocked out (or flagged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<Gate>,
    /// For a category: how its children's weights are derived (default: their direct weights).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<Weighting>,
    /// Roles this criterion plays, so tailoring can find it whatever its id: for example
    /// `integration:lab`, `billing:value_based`, `scale:providers` (see [`crate::tailor`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// For a category: its sub-categories and requirements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Criterion>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Criterion {
    /// A category with the given children and direct weights.
    pub fn category(id: &str, name: &str, weight: f64, children: Vec<Criterion>) -> Criterion {
        Criterion {
            id: id.to_owned(),
            name: name.to_owned(),
            weight,
            guidance: String::new(),
            scoring: None,
            gate: None,
            weighting: None,
            tags: Vec::new(),
            children,
            extra: Extra::new(),
        }
    }

    /// A requirement with the given scoring rule.
    pub fn requirement(id: &str, name: &str, weight: f64, scoring: Scoring) -> Criterion {
        Criterion {
            scoring: Some(scoring),
            ..Criterion::category(id, name, weight, Vec::new())
        }
    }

    /// Builder: the same criterion with a gate.
    pub fn with_gate(mut self, gate: Gate) -> Criterion {
        self.gate = Some(gate);
        self
    }

    /// Builder: the same criterion with guidance text.
    pub fn with_guidance(mut self, guidance: &str) -> Criterion {
        self.guidance = guidance.to_owned();
        self
    }

    /// True when this node is a requirement (it has a scoring rule).
    pub fn is_requirement(&self) -> bool {
        self.scoring.is_some()
    }
}

/// A requirement's scoring rule. Each turns a vendor's answer (or the evaluators' ratings)
/// into a score in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// Yes scores 1, no scores 0.
    YesNo(YesNoRule),
    /// One option (or several) from a list, each worth points.
    Choice(ChoiceRule),
    /// A number such as minutes, percent or providers, scored along a curve.
    Numeric(NumericRule),
    /// Rated by evaluators on a scale with anchored level descriptions.
    Rating(RatingRule),
    /// A bid, scored against the other bids.
    Price(PriceRule),
}

impl Scoring {
    /// The kind's name as written in files and CSV (`yes_no`, `choice`, …).
    pub fn kind_name(&self) -> &'static str {
        use crate::vocabulary::kind;
        match self {
            Scoring::YesNo(_) => kind::YES_NO,
            Scoring::Choice(rule) if rule.multiple => kind::MULTI_CHOICE,
            Scoring::Choice(_) => kind::CHOICE,
            Scoring::Numeric(_) => kind::NUMERIC,
            Scoring::Rating(_) => kind::RATING,
            Scoring::Price(_) => kind::PRICE,
        }
    }
}

/// Yes/no: yes scores 1, no scores 0.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct YesNoRule {
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Choice: the vendor picks one option (or several when `multiple`), each worth points.
///
/// Single choice scores `points(chosen) ÷ max points`; multiple choice scores the sum of the
/// chosen options' points ÷ the sum of all positive points, clamped to [0, 1].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChoiceRule {
    /// The options, each with an id, a label and points.
    pub options: Vec<ChoiceOption>,
    /// Several options may be chosen. Default false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub multiple: bool,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ChoiceRule {
    /// The ids of the options that meet the requirement: those marked `meets`, or, when none is
    /// marked, those worth the most points (if they are worth any). A gate made for the
    /// requirement accepts exactly these.
    pub fn meeting_options(&self) -> Vec<String> {
        let marked: Vec<String> = self
            .options
            .iter()
            .filter(|o| o.meets)
            .map(|o| o.id.clone())
            .collect();
        if !marked.is_empty() {
            return marked;
        }
        let best = self.options.iter().map(|o| o.points).fold(0.0, f64::max);
        self.options
            .iter()
            .filter(|o| best > 0.0 && o.points == best)
            .map(|o| o.id.clone())
            .collect()
    }
}

/// One option of a choice requirement.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChoiceOption {
    /// Identifier used in answers, e.g. `epcs_included`.
    pub id: String,
    /// What a person reads, e.g. "EPCS included in the subscription".
    #[serde(default)]
    pub label: String,
    /// Points for choosing this option. Never negative.
    #[serde(default)]
    pub points: f64,
    /// This option meets the requirement: a gate made for the requirement (by tailoring, or
    /// by a committee turning the requirement into a gate) accepts exactly the options that
    /// meet it, so a weak but real offer ("E-prescribing without EPCS") can fail a gate while
    /// still earning its points. Schema version 2; version 1 files are migrated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub meets: bool,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Numeric: a measured value scored along a curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NumericRule {
    /// Unit shown next to values, e.g. "minutes", "%", "providers".
    #[serde(default)]
    pub unit: String,
    /// Whether higher or lower values are better.
    pub better: Better,
    /// How a value turns into a score.
    pub curve: Curve,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Direction of a numeric requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// More is better (uptime, providers supported).
    Higher,
    /// Less is better (response minutes, fees).
    Lower,
}

/// How a numeric value becomes a score in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Curve {
    /// 0 at `worst`, 1 at `best`, straight in between, clamped outside.
    Linear {
        /// The value that scores 0 (and anything worse).
        worst: f64,
        /// The value that scores 1 (and anything better).
        best: f64,
        /// Fields this version does not know, kept as they were.
        #[serde(flatten)]
        extra: Extra,
    },
    /// Thresholds: a value scores the best step it reaches (at or above `at` when higher is
    /// better, at or below when lower is better); a value reaching no step scores 0.
    Steps(Vec<Step>),
}

impl Curve {
    /// A linear curve from `worst` (scores 0) to `best` (scores 1).
    pub fn linear(worst: f64, best: f64) -> Curve {
        Curve::Linear {
            worst,
            best,
            extra: Extra::new(),
        }
    }
}

/// One threshold of a stepped curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Step {
    /// The threshold value.
    pub at: f64,
    /// The score, in [0, 1], for reaching it.
    pub score: f64,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Rating: evaluators rate on a scale from `min` to `max`; each level has an anchor.
/// The score is `(aggregate − min) ÷ (max − min)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RatingRule {
    /// Lowest level. Default 0.
    #[serde(default)]
    pub min: i32,
    /// Highest level. Default 5.
    #[serde(default = "default_rating_max")]
    pub max: i32,
    /// A description of what each level looks like, so evaluators rate alike.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<Anchor>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

fn default_rating_max() -> i32 {
    5
}

impl Default for RatingRule {
    fn default() -> RatingRule {
        RatingRule {
            min: 0,
            max: 5,
            anchors: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// The description of one level of a rating scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Anchor {
    /// The level, between the scale's `min` and `max`.
    pub level: i32,
    /// What a vendor at this level looks like.
    pub description: String,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Price: a bid compared with the other bids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PriceRule {
    /// How bids become scores. Default `lowest_ratio`.
    #[serde(default)]
    pub formula: PriceFormula,
    /// Years of total cost of ownership: one-time costs plus recurring costs for this many
    /// years. Default 5.
    #[serde(default = "default_years")]
    pub years: u32,
    /// Yearly increase of recurring costs, in percent. Default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub escalation_percent: f64,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

fn default_years() -> u32 {
    5
}

fn is_zero_revision(revision: &u32) -> bool {
    *revision == 0
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

impl Default for PriceRule {
    fn default() -> PriceRule {
        PriceRule {
            formula: PriceFormula::LowestRatio,
            years: 5,
            escalation_percent: 0.0,
            extra: Extra::new(),
        }
    }
}

/// A price formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PriceFormula {
    /// lowest bid ÷ this bid (a $0 bid scores 1 and makes every other bid score 0).
    #[default]
    LowestRatio,
    /// 1 at the lowest bid, 0 at the highest, straight in between (all equal: all 1).
    Linear,
}

/// A mandatory condition on a requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// Yes/no: the answer must be yes.
    Required,
    /// Numeric: the value must be at least this; rating: the aggregate must be at least this.
    AtLeast(f64),
    /// Numeric: the value must be at most this; price: the total cost must be at most this.
    AtMost(f64),
    /// Choice: the answer must include one of these options.
    AnyOf(Vec<String>),
}

/// A name as people read it: without direction controls ([`without_direction_controls`]), and
/// the id when nothing else is left (a scorecard's names may be empty; its ids never are). The
/// report's vendor names, its look-ups and places said in names use it.
pub(crate) fn display_name(name: &str, id: &str) -> String {
    let name = without_direction_controls(name);
    if name.trim().is_empty() {
        id.to_owned()
    } else {
        name
    }
}

/// A person's text as the report, the analysis and the memo show it: without direction
/// controls ([`crate::validate::direction_control`]), which would show the rest of a sentence or
/// a line it stands in — its figures too — in another order. (The file keeps them; validation
/// warns.) The site's notices quote names through it too.
pub fn without_direction_controls(text: &str) -> String {
    if text.contains(crate::validate::direction_control) {
        text.chars()
            .filter(|&c| !crate::validate::direction_control(c))
            .collect()
    } else {
        text.to_owned()
    }
}

impl Gate {
    /// The gate's kind as files write it ([`crate::vocabulary::gate`]).
    pub fn kind(&self) -> &'static str {
        use crate::vocabulary::gate;
        match self {
            Gate::Required => gate::REQUIRED,
            Gate::AtLeast(_) => gate::AT_LEAST,
            Gate::AtMost(_) => gate::AT_MOST,
            Gate::AnyOf(_) => gate::ANY_OF,
        }
    }
}

/// How a category's children's weights are derived. The data of every method can be kept;
/// `method` picks the one in force, and the report shows the others side by side.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Weighting {
    /// The method in force. Default `direct`.
    #[serde(default)]
    pub method: WeightingMethod,
    /// AHP pairwise comparisons of the children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairwise: Vec<Comparison>,
    /// Children ids from most to least important, for rank-order centroid weights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranking: Vec<String>,
    /// SWING points per child id: the most important swing gets 100, the others relative to it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub swing: BTreeMap<String, f64>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A weighting method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WeightingMethod {
    /// The children's own `weight` values, normalized.
    #[default]
    Direct,
    /// The principal eigenvector of the pairwise comparison matrix (Saaty), from the
    /// committee's judgments (those with no `evaluator`).
    Ahp,
    /// AHP on the evaluators' own judgments combined pair by pair by their geometric mean
    /// (aggregation of individual judgments; Forman & Peniwati 1998), with the group's
    /// consistency.
    AhpGroup,
    /// Rank-order centroid weights from `ranking`.
    RankOrderCentroid,
    /// SWING points, normalized.
    Swing,
}

/// One AHP judgment: how much more important `a` is than `b`, on Saaty's 1–9 scale
/// (1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme; reciprocals such as 1/3 when
/// `b` is the more important).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Comparison {
    /// A child id.
    pub a: String,
    /// Another child id.
    pub b: String,
    /// Importance of `a` over `b`, between 1/9 and 9.
    pub value: f64,
    /// The evaluator whose judgment this is (an evaluator id); none for the committee's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluator: Option<String>,
    /// When the evaluator gave it (as a rating's `rated_at`): merging returned files keeps each
    /// evaluator's latest judgment of a pair ([`Comparison::precedence`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judged_at: Option<Stamp>,
    /// Increases each time the judgment changes (as a rating's `revision`).
    #[serde(default, skip_serializing_if = "is_zero_revision")]
    pub revision: u32,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Comparison {
    /// Which of an evaluator's judgments of one pair counts: the one given last (`judged_at`),
    /// then the higher revision — as for ratings.
    pub fn precedence(&self) -> Precedence {
        (self.judged_at, self.revision)
    }
}

/// A vendor and its answers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Vendor {
    /// Stable identifier, unique among vendors.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Answers by requirement id (objective requirements; rated ones are rated by evaluators).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
    /// The vendor's comments by requirement id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub comments: BTreeMap<String, String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A vendor's answer to one requirement.
///
/// In the file: `true`/`false` (yes/no), a number (numeric, or a price's total bid), a string
/// (a choice option id), a list of strings (a multiple choice) or an object with `one_time`
/// and `recurring` cost lines (a price).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Answer {
    /// Yes (true) or no (false).
    Bool(bool),
    /// A number.
    Number(f64),
    /// One option id.
    Text(String),
    /// Several option ids.
    List(Vec<String>),
    /// A priced bid with cost lines.
    Price(PriceAnswer),
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Answer, D::Error> {
        use serde::de::Error as _;
        let value = serde_json::Value::deserialize(deserializer)?;
        let expected = "true or false, a number, an option id, a list of option ids, \
                        or a price with one_time and recurring cost lines";
        match value {
            serde_json::Value::Bool(b) => Ok(Answer::Bool(b)),
            serde_json::Value::Number(n) => n
                .as_f64()
                .map(Answer::Number)
                .ok_or_else(|| D::Error::custom(format!("expected {expected}, found {n}"))),
            serde_json::Value::String(s) => Ok(Answer::Text(s)),
            serde_json::Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item {
                    serde_json::Value::String(s) => Ok(s),
                    other => Err(D::Error::custom(format!(
                        "item {i}: expected an option id, found {}",
                        crate::error::describe_value(&other)
                    ))),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Answer::List),
            // Decoded as a file is, so that a wrong cost line is named by its place below
            // the answer and in a file's words.
            serde_json::Value::Object(_) => crate::file::decode::<PriceAnswer>(value, "")
                .map(Answer::Price)
                .map_err(|error| {
                    D::Error::custom(match error.diagnostics().first() {
                        Some(first) => {
                            crate::file::nested_problem(&first.location.to_string(), &first.message)
                        }
                        None => error.to_string(),
                    })
                }),
            serde_json::Value::Null => Err(D::Error::custom(format!(
                "expected {expected}, found null (leave the answer out instead)"
            ))),
        }
    }
}

/// A bid broken into cost lines, totalled over the price rule's years.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PriceAnswer {
    /// Costs paid once (licences, implementation, interfaces, data migration, training).
    #[serde(default)]
    pub one_time: Vec<CostLine>,
    /// Costs paid every year (subscription, support, hosting, interface maintenance).
    #[serde(default)]
    pub recurring: Vec<CostLine>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One cost line of a bid.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostLine {
    /// What the money is for.
    #[serde(default)]
    pub label: String,
    /// The amount (per year for recurring lines). Never negative.
    pub amount: f64,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A member of the selection committee.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evaluator {
    /// Stable identifier, unique among evaluators.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Role on the committee: `physician`, `nurse`, `billing`, `it`, `front_desk`, `admin`, ….
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// The conflict-of-interest attestation, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<Attestation>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An evaluator's statement about conflicts of interest.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Attestation {
    /// True when the evaluator attests they have no conflict of interest with any vendor.
    pub no_conflict: bool,
    /// Date of the attestation as written by the front end: a day (`2026-11-21`) or a moment in
    /// UTC (`2026-11-21T10:00:00.000Z`); empty when not given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Disclosed relationships, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

// Its texts are `SharedStr`s: a committee's file holds tens of thousands of ratings, and copying
// a scorecard (the site does on every change, keeping the old one for undo) copies pointers.
/// One evaluator's rating of one vendor on one rated requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rating {
    /// Evaluator id.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub evaluator: SharedStr,
    /// Vendor id.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub vendor: SharedStr,
    /// Requirement id (a rating requirement).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub requirement: SharedStr,
    /// The level given, on the requirement's scale.
    pub score: f64,
    /// The evaluator's note.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub note: SharedStr,
    /// Increases each time the evaluator changes this rating.
    #[serde(default)]
    pub revision: u32,
    /// When the evaluator gave this value (a front end's clock). Of an evaluator's ratings of
    /// one cell, the latest counts: see [`Rating::precedence`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rated_at: Option<Stamp>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How late a rating is: when it was given, then its revision ([`Rating::precedence`]).
pub type Precedence = (Option<Stamp>, u32);

impl Rating {
    /// Which of an evaluator's ratings of one cell counts: the one given last (`rated_at`),
    /// and at the same time (or with none, as files before schema version 3) the highest
    /// revision. A rating with a time comes after one without. So a later file from the same
    /// evaluator replaces the earlier one for the cells it rated again, however many times
    /// the earlier one was edited. Two different values of the same precedence are a
    /// conflict: both are kept and reported, and the evaluator counts once, with their mean.
    pub fn precedence(&self) -> Precedence {
        (self.rated_at, self.revision)
    }
}

/// A value the committee agreed on for one vendor and one rated requirement. It replaces the
/// evaluators' aggregate and is marked as consensus in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Consensus {
    /// Vendor id.
    pub vendor: String,
    /// Requirement id (a rating requirement).
    pub requirement: String,
    /// The agreed level, on the requirement's scale.
    pub value: f64,
    /// Why the committee agreed on this value. Required.
    pub rationale: String,
    /// The ratings the committee agreed on: each evaluator's counted level on this cell when
    /// the value was set (evaluator id → level). A rating changed, added or gone since makes
    /// the value stale, and the report says so. Empty (a file before schema version 2, a value
    /// written by hand): never stale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub basis: BTreeMap<String, f64>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Scoring settings. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Settings {
    /// How evaluators' ratings combine. Default `mean`.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Share of ratings cut from each end by the trimmed mean. Default 0.2.
    #[serde(default = "default_trim")]
    pub trim_fraction: f64,
    /// Evaluator spread, as a share of the scale, at or above which a disagreement is
    /// flagged. Default 0.3.
    #[serde(default = "default_disagreement")]
    pub disagreement_threshold: f64,
    /// What a failed gate does. Default `exclude`.
    #[serde(default)]
    pub knockout: KnockoutPolicy,
    /// Rescale each evaluator's ratings as z-scores before aggregating, so a harsh and a
    /// lenient evaluator count alike. Default false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub leniency_normalization: bool,
    /// The random-index table for AHP consistency ratios. Default `saaty_1980`.
    #[serde(default)]
    pub random_index: RandomIndexTable,
    /// How the top-level categories' weights are derived (default: their direct weights).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_weighting: Option<Weighting>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

fn default_trim() -> f64 {
    0.2
}

fn default_disagreement() -> f64 {
    0.3
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            aggregation: Aggregation::Mean,
            trim_fraction: default_trim(),
            disagreement_threshold: default_disagreement(),
            knockout: KnockoutPolicy::Exclude,
            leniency_normalization: false,
            random_index: RandomIndexTable::Saaty1980,
            top_weighting: None,
            extra: Extra::new(),
        }
    }
}

/// How evaluators' ratings of one vendor on one requirement combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Arithmetic mean.
    #[default]
    Mean,
    /// Median (mean of the two middle values for an even count).
    Median,
    /// Mean after cutting `trim_fraction` of the ratings from each end.
    TrimmedMean,
}

/// What a failed gate does to a vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KnockoutPolicy {
    /// The vendor is knocked out and ranks after every qualified vendor.
    #[default]
    Exclude,
    /// The vendor keeps its rank; the failure is only flagged.
    Flag,
}

/// A published table of AHP random consistency indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RandomIndexTable {
    /// Saaty, *The Analytic Hierarchy Process*, McGraw-Hill, 1980 (n = 1…15).
    #[default]
    #[serde(rename = "saaty_1980")]
    Saaty1980,
    /// Alonso and Lamata, "Consistency in the analytic hierarchy process: a new approach",
    /// Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 2006 (n = 1…15).
    #[serde(rename = "alonso_lamata_2006")]
    AlonsoLamata2006,
    /// Saaty, *Theory and Applications of the Analytic Network Process*, RWS Publications,
    /// 2005, p. 31 (n = 1…15).
    #[serde(rename = "saaty_2005")]
    Saaty2005,
    /// Donegan and Dodd, "A note on Saaty's random indexes", Mathematical and Computer
    /// Modelling 15(10), 1991, 135–137 (n = 1…15).
    #[serde(rename = "donegan_dodd_1991")]
    DoneganDodd1991,
    /// Tummala and Ling, "A note on the computation of the mean random consistency index of the
    /// analytic hierarchy process (AHP)", Theory and Decision 44(3), 1998, 221–230 (n = 1…15).
    #[serde(rename = "tummala_ling_1998")]
    TummalaLing1998,
}

impl RandomIndexTable {
    /// Every table, in the order a list offers them.
    pub const ALL: [RandomIndexTable; 5] = [
        RandomIndexTable::Saaty1980,
        RandomIndexTable::Saaty2005,
        RandomIndexTable::DoneganDodd1991,
        RandomIndexTable::TummalaLing1998,
        RandomIndexTable::AlonsoLamata2006,
    ];

    /// The table's name in words: its authors and year ("Alonso and Lamata 2006").
    pub fn label(self) -> &'static str {
        match self {
            RandomIndexTable::Saaty1980 => "Saaty 1980",
            RandomIndexTable::AlonsoLamata2006 => "Alonso and Lamata 2006",
            RandomIndexTable::Saaty2005 => "Saaty 2005",
            RandomIndexTable::DoneganDodd1991 => "Donegan and Dodd 1991",
            RandomIndexTable::TummalaLing1998 => "Tummala and Ling 1998",
        }
    }
}
