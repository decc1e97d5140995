//! The sizes and values a scorecard may hold: one home for each limit, used by the file, the
//! CSV importers, the edits and the page.

use super::*;

/// The widest rating scale allowed, in steps (0–100 is the widest).
pub const MAX_RATING_LEVELS: i64 = 100;

/// The longest total cost of ownership, in years.
pub const MAX_PRICE_YEARS: u32 = 100;

/// The largest yearly increase of recurring costs a price rule may assume, in percent (costs
/// that grow faster than tenfold a year are a typing error, and overflow a long total).
pub const MAX_ESCALATION_PERCENT: f64 = 1000.0;

/// How deeply the JSON of a scorecard file may nest: a value nested this deep is refused when a
/// file is read (the recursion limit of `serde_json`, which a reader cannot change).
pub const MAX_JSON_NESTING: usize = 128;

/// The most levels of categories a criteria tree may have (`Clinical > Ordering` is two): as
/// deep as a scorecard file can hold. Below the envelope, the scorecard and the criteria list
/// (3 values) each category nests 2 (itself and its children), and the deepest requirement
/// beneath the last 6 (itself, its scoring, the kind, the curve, the steps and a step); a value
/// [`MAX_JSON_NESTING`] deep is refused. One limit for a file (`validate`, and so the edits) and
/// for a CSV requirement list's category paths, so that every valid scorecard's requirement
/// list exports and imports back.
pub const MAX_CATEGORY_LEVELS: usize = (MAX_JSON_NESTING - 1 - 3 - 6) / 2;

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

/// How large a scorecard is, in what [`size_problems`] limits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    /// Vendors.
    pub vendors: usize,
    /// Requirements (none when not counted: a file's lists read without building the tree).
    pub requirements: Option<usize>,
    /// Evaluators.
    pub evaluators: usize,
    /// Ratings.
    pub ratings: usize,
}

impl Sizes {
    /// The sizes of `scorecard`.
    pub fn of(scorecard: &Scorecard) -> Sizes {
        Sizes {
            vendors: scorecard.vendors.len(),
            requirements: Some(
                crate::tree::nodes(&scorecard.criteria)
                    .filter(|node| node.is_requirement())
                    .count(),
            ),
            evaluators: scorecard.evaluators.len(),
            ratings: scorecard.ratings.len(),
        }
    }

    /// What makes these sizes too large to work with: more vendors, requirements, evaluators,
    /// cells or ratings than the limits above, each an error naming the count and the limit.
    pub fn problems(&self) -> Vec<Diagnostic> {
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
        over("vendors", self.vendors, MAX_VENDORS, "vendors");
        if let Some(requirements) = self.requirements {
            over("criteria", requirements, MAX_REQUIREMENTS, "requirements");
        }
        over("evaluators", self.evaluators, MAX_EVALUATORS, "evaluators");
        over("ratings", self.ratings, MAX_RATINGS, "ratings");
        if let Some(requirements) = self.requirements
            && self.vendors <= MAX_VENDORS
            && requirements <= MAX_REQUIREMENTS
        {
            over(
                "vendors",
                self.vendors.saturating_mul(requirements),
                MAX_CELLS,
                "cells (vendors × requirements)",
            );
        }
        out
    }
}

/// What makes a scorecard too large to work with: more vendors, requirements, evaluators,
/// cells or ratings than the limits above. Each is an error naming the count and the limit;
/// a scorecard over a limit is not scored (its report holds only these), and a file over one
/// is refused when loaded, so that an emailed file cannot freeze or exhaust the page.
pub fn size_problems(scorecard: &Scorecard) -> Vec<Diagnostic> {
    Sizes::of(scorecard).problems()
}

/// Whether a yearly change of recurring costs can be used: above −100 % (costs that vanish or
/// turn negative are no price) and at most [`MAX_ESCALATION_PERCENT`].
pub fn escalation_fits(percent: f64) -> bool {
    percent.is_finite() && percent > -100.0 && percent <= MAX_ESCALATION_PERCENT
}
