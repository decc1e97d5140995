//! Validation: every problem of meaning in a scorecard, each with its place.
//!
//! Structural problems (a string where a number belongs) are caught by [`crate::file::load`];
//! this module checks what the values mean: ids that resolve and are unique, weights that are
//! finite and not negative, curves that point the right way, gates that fit their kind,
//! answers that fit their requirement, ratings on the scale. Scoring never relies on a
//! scorecard being valid — it gives a defined result for any input — but these diagnostics
//! say what to fix.

use std::collections::{BTreeSet, HashMap};

use crate::fast_hash::{FastMap, FastSet, IdLookup};

use crate::error::Diagnostic;
use crate::model::*;
use crate::typed::shown_number;
use crate::vocabulary::BILLING_MODELS;

/// The widest rating scale allowed, in steps (0–100 is the widest).
pub const MAX_RATING_LEVELS: i64 = 100;

/// The longest total cost of ownership, in years.
pub const MAX_PRICE_YEARS: u32 = 100;

/// The largest yearly increase of recurring costs a price rule may assume, in percent (costs
/// that grow faster than tenfold a year are a typing error, and overflow a long total).
pub const MAX_ESCALATION_PERCENT: f64 = 1000.0;

/// The most vendors a scorecard may hold (a committee compares a handful; an RFP rarely
/// draws more than a few dozen answers).
pub const MAX_VENDORS: usize = 1_000;

/// The most requirements a scorecard may hold (the largest template has about 150).
pub const MAX_REQUIREMENTS: usize = 10_000;

/// The most evaluators a scorecard may name.
pub const MAX_EVALUATORS: usize = 500;

/// The most cells (vendors × requirements) a scorecard may hold: every cell has a score in the
/// report, so this bounds the work and memory of scoring (a committee-scale scorecard of 20
/// vendors × 500 requirements has 10,000).
pub const MAX_CELLS: usize = 1_000_000;

/// The most ratings a scorecard may hold (15 evaluators rating every cell of a committee-scale
/// scorecard give 150,000). A file of this many stays well within [`crate::file::MAX_FILE_BYTES`],
/// so a scorecard the page can save, it can open again.
pub const MAX_RATINGS: usize = 300_000;

/// What makes a scorecard too large to work with: more vendors, requirements, evaluators,
/// cells or ratings than the limits above. Each is an error naming the count and the limit;
/// a scorecard over a limit is not scored (its report holds only these), and a file over one
/// is refused when loaded, so that an emailed file cannot freeze or exhaust the page.
pub fn size_problems(scorecard: &Scorecard) -> Vec<Diagnostic> {
    let requirements = crate::csv_io::walk_tree(&scorecard.criteria)
        .filter(|node| node.is_requirement())
        .count();
    let vendors = scorecard.vendors.len();
    let mut out = Vec::new();
    let mut over = |place: &str, count: usize, limit: usize, what: &str| {
        if count > limit {
            out.push(
                Diagnostic::error(
                    place,
                    format!(
                        "{} {what}; RFP Scorecard works with at most {}",
                        crate::score::with_thousands(count as f64),
                        crate::score::with_thousands(limit as f64)
                    ),
                )
                .with_hint("split the scorecard, or remove what it does not need"),
            );
        }
    };
    over("vendors", vendors, MAX_VENDORS, "vendors");
    over("criteria", requirements, MAX_REQUIREMENTS, "requirements");
    over(
        "evaluators",
        scorecard.evaluators.len(),
        MAX_EVALUATORS,
        "evaluators",
    );
    over("ratings", scorecard.ratings.len(), MAX_RATINGS, "ratings");
    if vendors <= MAX_VENDORS && requirements <= MAX_REQUIREMENTS {
        over(
            "vendors",
            vendors.saturating_mul(requirements),
            MAX_CELLS,
            "cells (vendors × requirements)",
        );
    }
    out
}

/// Whether a yearly change of recurring costs can be used: above −100 % (costs that vanish or
/// turn negative are no price) and at most [`MAX_ESCALATION_PERCENT`].
pub fn escalation_fits(percent: f64) -> bool {
    percent.is_finite() && percent > -100.0 && percent <= MAX_ESCALATION_PERCENT
}

/// Visit every node depth-first with its JSON path (`criteria[2].children[0]`).
pub fn walk<'a>(criteria: &'a [Criterion], visit: &mut dyn FnMut(&'a Criterion, &str, usize)) {
    fn go<'a>(
        nodes: &'a [Criterion],
        prefix: &str,
        depth: usize,
        visit: &mut dyn FnMut(&'a Criterion, &str, usize),
    ) {
        for (i, node) in nodes.iter().enumerate() {
            let path = format!("{prefix}[{i}]");
            visit(node, &path, depth);
            go(
                &node.children,
                &format!("{path}.children"),
                depth + 1,
                visit,
            );
        }
    }
    go(criteria, "criteria", 0, visit);
}

/// Every requirement of the tree by id (the first one when ids repeat).
pub fn requirements_by_id(criteria: &[Criterion]) -> HashMap<&str, &Criterion> {
    fast_requirements_by_id(criteria).into_iter().collect()
}

pub(crate) fn fast_requirements_by_id(criteria: &[Criterion]) -> FastMap<&str, &Criterion> {
    let mut map = FastMap::default();
    walk(criteria, &mut |node, _, _| {
        if node.is_requirement() {
            map.entry(node.id.as_str()).or_insert(node);
        }
    });
    map
}

/// All problems of meaning in a scorecard. An empty list means it is valid.
pub fn validate(scorecard: &Scorecard) -> Vec<Diagnostic> {
    let too_large = size_problems(scorecard);
    if !too_large.is_empty() {
        return too_large;
    }
    let mut out = validate_except_ratings(scorecard);
    validate_ratings(scorecard, &mut out);
    out
}

/// Every check but the per-rating ones. The scorer checks ratings itself while it resolves
/// them, with [`RatingChecker`] on the slow path, so a report does not resolve every rating twice.
pub(crate) fn validate_except_ratings(scorecard: &Scorecard) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    validate_criteria(&scorecard.criteria, &mut out);
    let requirements = fast_requirements_by_id(&scorecard.criteria);
    let vendor_ids = check_ids(
        scorecard.vendors.iter().map(|v| v.id.as_str()),
        "vendors",
        "vendor",
        &mut out,
    );
    check_ids(
        scorecard.evaluators.iter().map(|e| e.id.as_str()),
        "evaluators",
        "evaluator",
        &mut out,
    );
    for (vi, vendor) in scorecard.vendors.iter().enumerate() {
        if vendor.name.trim().is_empty() {
            out.push(Diagnostic::warning(
                format!("vendors[{vi}].name"),
                "the vendor has no name; reports show its id",
            ));
        }
        for (requirement_id, answer) in &vendor.answers {
            let place = || format!("vendors[{vi}].answers.{requirement_id}");
            match requirements.get(requirement_id.as_str()) {
                None => out.push(
                    Diagnostic::warning(
                        place(),
                        format!("answer to unknown requirement \"{requirement_id}\" is ignored"),
                    )
                    .with_hint("check the requirement id against the criteria"),
                ),
                Some(requirement) => {
                    if let Some(scoring) = &requirement.scoring {
                        check_answer(scoring, answer, &place, &mut out);
                    }
                }
            }
        }
        for requirement_id in vendor.comments.keys() {
            if !requirements.contains_key(requirement_id.as_str()) {
                out.push(Diagnostic::warning(
                    format!("vendors[{vi}].comments.{requirement_id}"),
                    format!("comment on unknown requirement \"{requirement_id}\""),
                ));
            }
        }
    }
    let mut seen_consensus = BTreeSet::new();
    for (ci, consensus) in scorecard.consensus.iter().enumerate() {
        let place = || format!("consensus[{ci}]");
        if !vendor_ids.contains(consensus.vendor.as_str()) {
            out.push(Diagnostic::error(
                format!("{}.vendor", place()),
                format!("unknown vendor \"{}\"", consensus.vendor),
            ));
        }
        check_rated_value(
            requirements.get(consensus.requirement.as_str()).copied(),
            &consensus.requirement,
            consensus.value,
            &place,
            ("requirement", "value"),
            &mut out,
        );
        if consensus.rationale.trim().is_empty() {
            out.push(Diagnostic::error(
                format!("{}.rationale", place()),
                "a consensus value needs a rationale: say why the committee agreed on it",
            ));
        }
        if !seen_consensus.insert((consensus.vendor.as_str(), consensus.requirement.as_str())) {
            out.push(Diagnostic::error(
                place(),
                format!(
                    "a second consensus value for \"{}\" on \"{}\"; keep one",
                    consensus.vendor, consensus.requirement
                ),
            ));
        }
    }
    let settings = &scorecard.settings;
    if let Some(weighting) = &settings.top_weighting {
        let root = Criterion::category("", "the top level", 1.0, scorecard.criteria.clone());
        validate_weighting(&root, weighting, "settings.top_weighting", &mut out);
    }
    if !(0.0..0.5).contains(&settings.trim_fraction) {
        out.push(Diagnostic::error(
            "settings.trim_fraction",
            format!(
                "expected a share from 0 up to (not including) 0.5, found {}",
                shown_number(settings.trim_fraction)
            ),
        ));
    }
    if !(settings.disagreement_threshold > 0.0 && settings.disagreement_threshold <= 1.0) {
        out.push(Diagnostic::error(
            "settings.disagreement_threshold",
            format!(
                "expected a share above 0 and at most 1, found {}",
                shown_number(settings.disagreement_threshold)
            ),
        ));
    }
    for (bi, model) in scorecard.profile.billing_models.iter().enumerate() {
        if crate::vocabulary::find(BILLING_MODELS, model).is_none() {
            out.push(
                Diagnostic::info(
                    format!("profile.billing_models[{bi}]"),
                    format!("\"{model}\" is not a billing model tailoring knows; it is kept"),
                )
                .with_hint(format!(
                    "known: {}",
                    BILLING_MODELS
                        .iter()
                        .map(|t| t.id)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
    out
}

/// Checks one rating: its evaluator, vendor and requirement exist, the requirement is rated by
/// evaluators, and the score is on its scale.
pub(crate) struct RatingChecker<'a> {
    evaluators: IdLookup<'a>,
    vendors: IdLookup<'a>,
    requirement_list: Vec<&'a Criterion>,
    requirements: IdLookup<'a>,
}

impl<'a> RatingChecker<'a> {
    pub(crate) fn new(scorecard: &'a Scorecard) -> RatingChecker<'a> {
        let requirement_list: Vec<&Criterion> = fast_requirements_by_id(&scorecard.criteria)
            .into_values()
            .collect();
        RatingChecker {
            evaluators: IdLookup::new(scorecard.evaluators.iter().map(|e| e.id.as_str())),
            vendors: IdLookup::new(scorecard.vendors.iter().map(|v| v.id.as_str())),
            requirements: IdLookup::new(requirement_list.iter().map(|r| r.id.as_str())),
            requirement_list,
        }
    }

    /// Report the rating's problems; its (evaluator, vendor, requirement) indices when all exist.
    pub(crate) fn check(
        &self,
        index: usize,
        rating: &Rating,
        out: &mut Vec<Diagnostic>,
    ) -> Option<(usize, usize, usize)> {
        // Places are formatted only when there is something to say.
        let place = || format!("ratings[{index}]");
        let evaluator = self.evaluators.get(&rating.evaluator);
        let vendor = self.vendors.get(&rating.vendor);
        let requirement = self.requirements.get(&rating.requirement);
        if evaluator.is_none() {
            out.push(Diagnostic::error(
                format!("{}.evaluator", place()),
                format!("unknown evaluator \"{}\"", rating.evaluator),
            ));
        }
        if vendor.is_none() {
            out.push(Diagnostic::error(
                format!("{}.vendor", place()),
                format!("unknown vendor \"{}\"", rating.vendor),
            ));
        }
        check_rated_value(
            requirement.map(|r| self.requirement_list[r]),
            &rating.requirement,
            rating.score,
            &place,
            ("requirement", "score"),
            out,
        );
        Some((evaluator?, vendor?, requirement?))
    }
}

/// The problems of the ratings at `indices` alone (as [`validate`] reports them), without
/// validating the rest: what a change of those ratings must not bring.
pub(crate) fn check_ratings(scorecard: &Scorecard, indices: &[usize]) -> Vec<Diagnostic> {
    let checker = RatingChecker::new(scorecard);
    let mut out = Vec::new();
    for &index in indices {
        if let Some(rating) = scorecard.ratings.get(index) {
            checker.check(index, rating, &mut out);
        }
    }
    out
}

/// The warning for a rating that differs from another at the same revision.
pub(crate) fn conflict_warning(index: usize, rating: &Rating) -> Diagnostic {
    Diagnostic::warning(
        format!("ratings[{index}]"),
        format!(
            "conflicting ratings by \"{}\" of \"{}\" on \"{}\" at revision {}",
            rating.evaluator, rating.vendor, rating.requirement, rating.revision
        ),
    )
    .with_hint("record a new rating or a consensus value to settle it")
}

fn validate_ratings(scorecard: &Scorecard, out: &mut Vec<Diagnostic>) {
    let checker = RatingChecker::new(scorecard);
    // Per key: the latest precedence and the first rating (in file order) of it.
    let mut latest: FastMap<(usize, usize, usize), (Precedence, usize)> = FastMap::default();
    latest.reserve(scorecard.ratings.len());
    let mut keys = Vec::with_capacity(scorecard.ratings.len());
    for (index, rating) in scorecard.ratings.iter().enumerate() {
        let key = checker.check(index, rating, out);
        if let Some(key) = key {
            let entry = latest.entry(key).or_insert((rating.precedence(), index));
            if rating.precedence() > entry.0 {
                *entry = (rating.precedence(), index);
            }
        }
        keys.push(key);
    }
    // A conflict is two different values (or notes) of the latest precedence; an older one is
    // settled by the newer rating. Reported once, at the first rating that differs.
    let mut reported = FastSet::default();
    for (index, (rating, key)) in scorecard.ratings.iter().zip(keys).enumerate() {
        let Some(key) = key else { continue };
        let Some(&(precedence, first)) = latest.get(&key) else {
            continue;
        };
        let first_rating = &scorecard.ratings[first];
        if rating.precedence() == precedence
            && (rating.score != first_rating.score || rating.note != first_rating.note)
            && reported.insert(key)
        {
            out.push(conflict_warning(index, rating));
        }
    }
}

/// What is wrong with an id that is not empty: a control or invisible character (a direction
/// mark, a zero-width space, NUL), which no one can see or type, so the id could never be
/// matched by what a person writes in a sheet or a form — and could make two ids look alike.
pub(crate) fn id_problem(id: &str) -> Option<String> {
    let invisible = |c: char| {
        c.is_control()
            || matches!(c,
                // Not U+200C/U+200D (zero-width non-joiner and joiner): Persian and Indic
                // names need them.
                '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}' | '\u{00ad}')
    };
    id.chars().find(|&c| invisible(c)).map(|c| {
        format!(
            "the id {id:?} holds an invisible or control character (U+{:04X}), which no one can \
             see or type; use letters, digits, '.', '_' and '-'",
            u32::from(c)
        )
    })
}

fn check_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) -> FastSet<&'a str> {
    let mut seen = FastSet::default();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            out.push(Diagnostic::error(
                format!("{list}[{i}].id"),
                format!("the {what} has an empty id"),
            ));
        } else if !seen.insert(id) {
            out.push(Diagnostic::error(
                format!("{list}[{i}].id"),
                format!("the {what} id \"{id}\" is used twice"),
            ));
        } else if let Some(problem) = id_problem(id) {
            out.push(Diagnostic::error(format!("{list}[{i}].id"), problem));
        }
    }
    seen
}

fn check_rated_value(
    requirement: Option<&Criterion>,
    requirement_id: &str,
    value: f64,
    place: &dyn Fn() -> String,
    (requirement_field, value_field): (&str, &str),
    out: &mut Vec<Diagnostic>,
) {
    let requirement_place = || format!("{}.{requirement_field}", place());
    match requirement.and_then(|r| r.scoring.as_ref()) {
        None => out.push(Diagnostic::error(
            requirement_place(),
            format!("unknown requirement \"{requirement_id}\""),
        )),
        Some(Scoring::Rating(rule)) => {
            if !(value.is_finite() && value >= f64::from(rule.min) && value <= f64::from(rule.max))
            {
                out.push(Diagnostic::error(
                    format!("{}.{value_field}", place()),
                    format!(
                        "expected a level from {} to {}, found {}",
                        rule.min,
                        rule.max,
                        shown_number(value)
                    ),
                ));
            }
        }
        Some(other) => out.push(Diagnostic::error(
            requirement_place(),
            format!(
                "\"{requirement_id}\" is a {} requirement, scored from the vendor's answer; \
                 only rating requirements are rated by evaluators",
                other.kind_name()
            ),
        )),
    }
}

/// Check one answer against its requirement's scoring. The place and the description of the
/// answer are made only for a message (a committee's file holds thousands of answers).
fn check_answer(
    scoring: &Scoring,
    answer: &Answer,
    place: &dyn Fn() -> String,
    out: &mut Vec<Diagnostic>,
) {
    let found = || describe_answer(answer);
    match (scoring, answer) {
        (Scoring::YesNo(_), Answer::Bool(_)) => {}
        (Scoring::YesNo(_), _) => out.push(Diagnostic::error(
            place(),
            format!("expected true (yes) or false (no), found {}", found()),
        )),
        (Scoring::Choice(rule), Answer::Text(id)) => check_options(rule, [id], place, out),
        (Scoring::Choice(rule), Answer::List(ids)) if rule.multiple => {
            check_options(rule, ids, place, out)
        }
        (Scoring::Choice(rule), _) => out.push(Diagnostic::error(
            place(),
            if rule.multiple {
                format!("expected a list of option ids, found {}", found())
            } else {
                format!("expected one option id, found {}", found())
            },
        )),
        (Scoring::Numeric(_), Answer::Number(n)) if n.is_finite() => {}
        (Scoring::Numeric(rule), _) => out.push(Diagnostic::error(
            place(),
            format!("expected a number of {}, found {}", unit_or(rule), found()),
        )),
        (Scoring::Rating(_), _) => out.push(Diagnostic::warning(
            place(),
            "a rating requirement is rated by evaluators; this answer is ignored",
        )),
        (Scoring::Price(_), Answer::Number(n)) => {
            if !(n.is_finite() && *n >= 0.0) {
                out.push(Diagnostic::error(
                    place(),
                    format!("expected a price of 0 or more, found {}", shown_number(*n)),
                ));
            }
        }
        (Scoring::Price(_), Answer::Price(bid)) => {
            for (list, lines) in [("one_time", &bid.one_time), ("recurring", &bid.recurring)] {
                for (i, line) in lines.iter().enumerate() {
                    if !(line.amount.is_finite() && line.amount >= 0.0) {
                        out.push(Diagnostic::error(
                            format!("{}.{list}[{i}].amount", place()),
                            format!(
                                "expected an amount of 0 or more, found {}",
                                shown_number(line.amount)
                            ),
                        ));
                    }
                }
            }
        }
        (Scoring::Price(_), _) => out.push(Diagnostic::error(
            place(),
            format!(
                "expected a price (a number or one_time/recurring cost lines), found {}",
                found()
            ),
        )),
    }
}

fn unit_or(rule: &NumericRule) -> &str {
    if rule.unit.is_empty() {
        "units"
    } else {
        &rule.unit
    }
}

fn check_options<'a>(
    rule: &ChoiceRule,
    ids: impl IntoIterator<Item = &'a String>,
    place: &dyn Fn() -> String,
    out: &mut Vec<Diagnostic>,
) {
    for id in ids {
        if !rule.options.iter().any(|o| &o.id == id) {
            let known: Vec<&str> = rule.options.iter().map(|o| o.id.as_str()).collect();
            out.push(
                Diagnostic::error(place(), format!("unknown option \"{id}\""))
                    .with_hint(format!("options: {}", known.join(", "))),
            );
        }
    }
}

/// A short description of an answer for messages.
pub fn describe_answer(answer: &Answer) -> String {
    match answer {
        Answer::Bool(b) => b.to_string(),
        Answer::Number(n) => n.to_string(),
        Answer::Text(s) => format!("{s:?}"),
        Answer::List(_) => "a list".to_owned(),
        Answer::Price(_) => "cost lines".to_owned(),
    }
}

fn validate_criteria(criteria: &[Criterion], out: &mut Vec<Diagnostic>) {
    if criteria.is_empty() {
        out.push(Diagnostic::warning(
            "criteria",
            "the scorecard has no criteria yet, so every vendor scores 0",
        ));
    }
    let mut ids: HashMap<&str, String> = HashMap::new();
    walk(criteria, &mut |node, path, _| {
        if node.id.trim().is_empty() {
            out.push(Diagnostic::error(format!("{path}.id"), "empty id"));
        } else if let Some(problem) = id_problem(&node.id) {
            out.push(Diagnostic::error(format!("{path}.id"), problem));
        } else if let Some(first) = ids.get(node.id.as_str()) {
            out.push(Diagnostic::error(
                format!("{path}.id"),
                format!("the id \"{}\" is already used at {first}", node.id),
            ));
        } else {
            ids.insert(&node.id, path.to_owned());
        }
        if !(node.weight.is_finite() && node.weight >= 0.0) {
            out.push(Diagnostic::error(
                format!("{path}.weight"),
                format!(
                    "expected a weight of 0 or more, found {}",
                    shown_number(node.weight)
                ),
            ));
        }
        if node.name.trim().is_empty() {
            out.push(Diagnostic::warning(format!("{path}.name"), "no name"));
        }
        match &node.scoring {
            Some(scoring) => {
                if !node.children.is_empty() {
                    out.push(Diagnostic::error(
                        format!("{path}.children"),
                        "a requirement (it has \"scoring\") cannot have children",
                    ));
                }
                if node.weighting.is_some() {
                    out.push(Diagnostic::warning(
                        format!("{path}.weighting"),
                        "a requirement has no children to weigh; \"weighting\" is ignored",
                    ));
                }
                validate_rule(scoring, path, out);
                if let Some(gate) = &node.gate {
                    validate_gate(scoring, gate, &format!("{path}.gate"), out);
                }
            }
            None => {
                if node.children.is_empty() {
                    out.push(
                        Diagnostic::warning(
                            path,
                            format!(
                                "category \"{}\" has no requirements; its weight is ignored",
                                node.name
                            ),
                        )
                        .with_hint("add requirements, or give it \"scoring\" to make it one"),
                    );
                }
                if node.gate.is_some() {
                    out.push(Diagnostic::error(
                        format!("{path}.gate"),
                        "only a requirement can be a gate, not a category",
                    ));
                }
                let weights: Vec<f64> = node.children.iter().map(|c| c.weight).collect();
                if !node.children.is_empty()
                    && weights.iter().all(|w| *w == 0.0)
                    && node
                        .weighting
                        .as_ref()
                        .is_none_or(|w| w.method == WeightingMethod::Direct)
                {
                    out.push(Diagnostic::warning(
                        path,
                        format!(
                            "every weight in \"{}\" is 0, so it contributes nothing and its \
                             own weight goes to its siblings",
                            node.name
                        ),
                    ));
                }
                if let Some(weighting) = &node.weighting {
                    validate_weighting(node, weighting, &format!("{path}.weighting"), out);
                }
            }
        }
    });
}

/// The problems of one scoring rule, each placed below `path` (`{path}.scoring.price.years`):
/// the file's limits, which the CSV importer and the edits apply too.
pub(crate) fn validate_rule(scoring: &Scoring, path: &str, out: &mut Vec<Diagnostic>) {
    let at = |tail: &str| format!("{path}.scoring.{tail}");
    match scoring {
        Scoring::YesNo(_) => {}
        Scoring::Price(rule) => {
            if !(1..=MAX_PRICE_YEARS).contains(&rule.years) {
                out.push(Diagnostic::error(
                    at("price.years"),
                    format!(
                        "expected 1 to {MAX_PRICE_YEARS} years of total cost of ownership, found {}",
                        rule.years
                    ),
                ));
            }
            if !escalation_fits(rule.escalation_percent) {
                out.push(Diagnostic::error(
                    at("price.escalation_percent"),
                    format!(
                        "expected a yearly change above -100% and at most {MAX_ESCALATION_PERCENT}%, found {}",
                        shown_number(rule.escalation_percent)
                    ),
                ));
            }
        }
        Scoring::Choice(rule) => {
            if rule.options.is_empty() {
                out.push(Diagnostic::error(at("choice.options"), "no options"));
            }
            let mut seen = BTreeSet::new();
            for (i, option) in rule.options.iter().enumerate() {
                if option.id.trim().is_empty() || !seen.insert(option.id.as_str()) {
                    out.push(Diagnostic::error(
                        at(&format!("choice.options[{i}].id")),
                        format!("option id \"{}\" is empty or used twice", option.id),
                    ));
                }
                if !(option.points.is_finite() && option.points >= 0.0) {
                    out.push(Diagnostic::error(
                        at(&format!("choice.options[{i}].points")),
                        format!(
                            "expected points of 0 or more, found {}",
                            shown_number(option.points)
                        ),
                    ));
                }
            }
            if !rule.options.is_empty() && rule.options.iter().all(|o| o.points <= 0.0) {
                out.push(Diagnostic::warning(
                    at("choice.options"),
                    "every option is worth 0 points, so every vendor scores 0 here",
                ));
            }
        }
        Scoring::Numeric(rule) => match &rule.curve {
            Curve::Linear { worst, best, .. } => {
                if !(worst.is_finite() && best.is_finite()) {
                    out.push(Diagnostic::error(
                        at("numeric.curve.linear"),
                        "worst and best must be numbers",
                    ));
                } else if worst == best {
                    out.push(Diagnostic::error(
                        at("numeric.curve.linear"),
                        format!("worst and best are both {best}; they must differ"),
                    ));
                } else if (rule.better == Better::Higher) != (best > worst) {
                    out.push(
                        Diagnostic::error(
                            at("numeric.curve.linear"),
                            format!(
                                "{} is better, but best ({best}) is {} than worst ({worst})",
                                if rule.better == Better::Higher {
                                    "higher"
                                } else {
                                    "lower"
                                },
                                if best > worst { "higher" } else { "lower" }
                            ),
                        )
                        .with_hint("swap worst and best, or change \"better\""),
                    );
                }
            }
            Curve::Steps(steps) => {
                if steps.is_empty() {
                    out.push(Diagnostic::error(at("numeric.curve.steps"), "no steps"));
                }
                let mut seen = Vec::new();
                for (i, step) in steps.iter().enumerate() {
                    if !step.at.is_finite() || seen.contains(&step.at.to_bits()) {
                        out.push(Diagnostic::error(
                            at(&format!("numeric.curve.steps[{i}].at")),
                            format!("threshold {} is not a number or repeats", step.at),
                        ));
                    }
                    seen.push(step.at.to_bits());
                    if !(0.0..=1.0).contains(&step.score) {
                        out.push(Diagnostic::error(
                            at(&format!("numeric.curve.steps[{i}].score")),
                            format!(
                                "expected a score from 0 to 1, found {}",
                                shown_number(step.score)
                            ),
                        ));
                    }
                }
            }
        },
        Scoring::Rating(rule) => {
            let levels = i64::from(rule.max) - i64::from(rule.min);
            if levels < 1 {
                out.push(Diagnostic::error(
                    at("rating"),
                    format!(
                        "the scale {}–{} is empty; max must exceed min",
                        rule.min, rule.max
                    ),
                ));
                return;
            }
            if levels > MAX_RATING_LEVELS {
                out.push(Diagnostic::error(
                    at("rating"),
                    format!(
                        "the scale {}–{} has {} levels; at most {} are allowed",
                        rule.min,
                        rule.max,
                        levels + 1,
                        MAX_RATING_LEVELS + 1
                    ),
                ));
                return;
            }
            let mut seen = BTreeSet::new();
            for (i, anchor) in rule.anchors.iter().enumerate() {
                if anchor.level < rule.min || anchor.level > rule.max {
                    out.push(Diagnostic::error(
                        at(&format!("rating.anchors[{i}].level")),
                        format!(
                            "level {} is outside the scale {}–{}",
                            anchor.level, rule.min, rule.max
                        ),
                    ));
                } else if !seen.insert(anchor.level) {
                    out.push(Diagnostic::error(
                        at(&format!("rating.anchors[{i}].level")),
                        format!("level {} is described twice", anchor.level),
                    ));
                }
            }
            let missing: Vec<String> = (rule.min..=rule.max)
                .filter(|level| !seen.contains(level))
                .map(|level| level.to_string())
                .collect();
            if !missing.is_empty() {
                out.push(
                    Diagnostic::warning(
                        at("rating.anchors"),
                        format!("no description for level(s) {}", missing.join(", ")),
                    )
                    .with_hint("anchored levels make evaluators rate alike"),
                );
            }
        }
    }
}

fn validate_gate(scoring: &Scoring, gate: &Gate, place: &str, out: &mut Vec<Diagnostic>) {
    let fits = match (scoring, gate) {
        (Scoring::YesNo(_), Gate::Required) => true,
        (Scoring::Numeric(_), Gate::AtLeast(v) | Gate::AtMost(v)) => {
            if !v.is_finite() {
                out.push(Diagnostic::error(place, "the threshold must be a number"));
            }
            true
        }
        (Scoring::Price(_), Gate::AtMost(v)) => {
            if !(v.is_finite() && *v >= 0.0) {
                out.push(Diagnostic::error(
                    place,
                    format!(
                        "expected a price ceiling of 0 or more, found {}",
                        shown_number(*v)
                    ),
                ));
            }
            true
        }
        (Scoring::Rating(rule), Gate::AtLeast(v)) => {
            if !(*v >= f64::from(rule.min) && *v <= f64::from(rule.max)) {
                out.push(Diagnostic::error(
                    place,
                    format!(
                        "minimum rating {v} is outside the scale {}–{}",
                        rule.min, rule.max
                    ),
                ));
            }
            true
        }
        (Scoring::Choice(rule), Gate::AnyOf(ids)) => {
            if ids.is_empty() {
                out.push(Diagnostic::error(place, "any_of lists no options"));
            }
            check_options(rule, ids, &|| place.to_owned(), out);
            true
        }
        _ => false,
    };
    if !fits {
        let allowed = match scoring {
            Scoring::YesNo(_) => "\"required\"",
            Scoring::Choice(_) => "{\"any_of\": [option ids]}",
            Scoring::Numeric(_) => "{\"at_least\": n} or {\"at_most\": n}",
            Scoring::Rating(_) => "{\"at_least\": minimum level}",
            Scoring::Price(_) => "{\"at_most\": ceiling}",
        };
        out.push(Diagnostic::error(
            place,
            format!(
                "this gate does not fit a {} requirement; use {allowed}",
                scoring.kind_name()
            ),
        ));
    }
}

fn validate_weighting(
    node: &Criterion,
    weighting: &Weighting,
    place: &str,
    out: &mut Vec<Diagnostic>,
) {
    let child_ids: Vec<&str> = node.children.iter().map(|c| c.id.as_str()).collect();
    let unknown = |id: &str| !child_ids.contains(&id);
    let show = |node: &Criterion| {
        if node.id.is_empty() {
            "the top level".to_owned()
        } else {
            format!("\"{}\"", node.id)
        }
    };
    if !weighting.pairwise.is_empty() || weighting.method == WeightingMethod::Ahp {
        if let Err(problems) = crate::weighting::pairwise_matrix(&child_ids, &weighting.pairwise) {
            let severity_error = weighting.method == WeightingMethod::Ahp;
            for problem in problems {
                out.push(if severity_error {
                    Diagnostic::error(format!("{place}.pairwise"), problem)
                } else {
                    Diagnostic::warning(format!("{place}.pairwise"), problem)
                });
            }
        }
    }
    if !weighting.ranking.is_empty() || weighting.method == WeightingMethod::RankOrderCentroid {
        let mut seen = BTreeSet::new();
        for (i, id) in weighting.ranking.iter().enumerate() {
            if unknown(id) || !seen.insert(id.as_str()) {
                out.push(Diagnostic::error(
                    format!("{place}.ranking[{i}]"),
                    format!(
                        "\"{id}\" is not a child of \"{}\", or is ranked twice",
                        node.id
                    ),
                ));
            }
        }
        let missing: Vec<&str> = child_ids
            .iter()
            .copied()
            .filter(|id| !seen.contains(id))
            .collect();
        if !missing.is_empty() {
            out.push(Diagnostic::error(
                format!("{place}.ranking"),
                format!("not ranked: {}", missing.join(", ")),
            ));
        }
    }
    if !weighting.swing.is_empty() || weighting.method == WeightingMethod::Swing {
        for (id, points) in &weighting.swing {
            if unknown(id) {
                out.push(Diagnostic::error(
                    format!("{place}.swing.{id}"),
                    format!("\"{id}\" is not a child of {}", show(node)),
                ));
            }
            if !(points.is_finite() && *points >= 0.0 && *points <= 100.0) {
                out.push(Diagnostic::error(
                    format!("{place}.swing.{id}"),
                    format!(
                        "expected swing points from 0 to 100, found {}",
                        shown_number(*points)
                    ),
                ));
            }
        }
        let missing: Vec<&str> = child_ids
            .iter()
            .copied()
            .filter(|id| !weighting.swing.contains_key(*id))
            .collect();
        if !missing.is_empty() {
            out.push(Diagnostic::error(
                format!("{place}.swing"),
                format!("no swing points for: {}", missing.join(", ")),
            ));
        }
    }
}
