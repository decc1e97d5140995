//! Ratings and consensus values: on their requirement's scale, by known evaluators of known
//! vendors; the per-rating check the scorer shares.

use super::*;

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

pub(super) fn validate_ratings(scorecard: &Scorecard, out: &mut Vec<Diagnostic>) {
    let checker = RatingChecker::new(scorecard);
    // Per key: the latest precedence and the first rating (in file order) of it.
    let mut latest: FxHashMap<(usize, usize, usize), (Precedence, usize)> = FxHashMap::default();
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
    let mut reported = FxHashSet::default();
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

pub(super) fn check_rated_value(
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
