//! Resolving ratings to one value per (rated requirement, vendor, evaluator) cell — in full, or,
//! after a few ratings changed, again only for the cells those ratings left or joined
//! ([`RatingBase`]). Both ways share the per-rating check and the per-cell resolution, so they
//! give the same values and the same diagnostics in the same order.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::error::Diagnostic;
use crate::id_lookup::IdLookup;
use crate::model::{Precedence, Rating, Scorecard};
use crate::validate::{RatingChecker, conflict_warning};

/// A usable rating while it is resolved: (rated requirement, vendor, evaluator, precedence
/// ([`Rating::precedence`]), share of the scale, index in the file).
pub(super) type RatingEntry = (u32, u32, u32, Precedence, f64, u32);

/// One value per rated cell, in cell order: (rated requirement, vendor, evaluator, share of the
/// scale).
pub(super) type Resolved = Vec<(u32, u32, u32, f64)>;

/// No rating, no cell.
const NONE: u32 = u32::MAX;

/// At most this many cells beyond four per rating are kept as a table between reports (a
/// scorecard whose evaluators have rated little so far still gets one).
const SPARE_CELLS: usize = 1 << 16;

/// What ratings are placed against: the rated requirements' scales and the ids' indices.
pub(super) struct Grid<'a> {
    card: &'a Scorecard,
    /// Rating requirements with a usable scale: (requirement index, min, span).
    rated: &'a [(usize, f64, f64)],
    rated_index: IdLookup<'a>,
    vendor_index: &'a IdLookup<'a>,
    evaluator_index: IdLookup<'a>,
    /// The full check, made the first time a rating needs it (most files never do).
    checker: OnceCell<RatingChecker<'a>>,
}

impl<'a> Grid<'a> {
    /// `rated`: the rating requirements with a usable scale; `rated_ids`: their ids.
    pub(super) fn new(
        card: &'a Scorecard,
        rated: &'a [(usize, f64, f64)],
        rated_ids: &[&'a str],
        vendor_index: &'a IdLookup<'a>,
    ) -> Grid<'a> {
        Grid {
            card,
            rated,
            rated_index: IdLookup::new(rated_ids.iter().copied()),
            vendor_index,
            evaluator_index: IdLookup::new(card.evaluators.iter().map(|e| e.id.as_str())),
            checker: OnceCell::new(),
        }
    }

    fn n_vendors(&self) -> usize {
        self.card.vendors.len()
    }

    fn n_eval(&self) -> usize {
        self.card.evaluators.len()
    }

    /// The rating at `index` placed in its cell, or `None` when it cannot be used (an id that
    /// does not resolve, a score that is not a number). A rating that resolves and is on its
    /// scale is valid; any other is checked in full, which says what is wrong with it.
    fn entry(
        &self,
        index: usize,
        rating: &Rating,
        out: &mut Vec<Diagnostic>,
    ) -> Option<RatingEntry> {
        let check = |out: &mut Vec<Diagnostic>| {
            self.checker
                .get_or_init(|| RatingChecker::new(self.card))
                .check(index, rating, out);
        };
        let found = (
            self.rated_index.get(&rating.requirement),
            self.vendor_index.get(&rating.vendor),
            self.evaluator_index.get(&rating.evaluator),
        );
        let (Some(k), Some(vi), Some(ei)) = found else {
            check(out);
            return None;
        };
        let (_, min, span) = self.rated[k];
        if !(rating.score.is_finite() && rating.score >= min && rating.score <= min + span) {
            check(out);
            if !rating.score.is_finite() {
                return None;
            }
        }
        Some((
            k as u32,
            vi as u32,
            ei as u32,
            rating.precedence(),
            share(rating.score, min, span),
            index as u32,
        ))
    }

    /// The cell of an entry: `(k · vendors + vendor) · evaluators + evaluator` (called only for
    /// a kept table, whose cells are counted to fit).
    fn cell(&self, entry: &RatingEntry) -> usize {
        (entry.0 as usize * self.n_vendors() + entry.1 as usize) * self.n_eval() + entry.2 as usize
    }
}

/// A score's share of its scale, clamped to [0, 1]. (`+ 0.0` turns -0 into 0, so equal values
/// compare equal.)
fn share(score: f64, min: f64, span: f64) -> f64 {
    ((score - min) / span).clamp(0.0, 1.0) + 0.0
}

/// The order ratings are resolved in: by cell, the latest first, then by value. (Shares of
/// the scale are in [0, 1], where the bits of an f64 order as its value does.)
fn order(e: &RatingEntry) -> (u64, u32, std::cmp::Reverse<Precedence>, u64) {
    (
        (u64::from(e.0) << 32) | u64::from(e.1),
        e.2,
        std::cmp::Reverse(e.3),
        e.4.to_bits(),
    )
}

/// What one cell's ratings (sorted by [`order`]) resolve to.
struct Cell {
    /// The mean of the distinct values of the latest precedence.
    value: f64,
    /// Two different values of the latest precedence: a merge conflict.
    conflict: bool,
    /// The warning for ratings that differ at the latest precedence (in value or note), placed
    /// where validation places it: at the first rating (in file order) that differs from the
    /// first one of that precedence.
    warning: Option<Diagnostic>,
}

fn resolve_cell(card: &Scorecard, entries: &[RatingEntry]) -> Cell {
    let (_, _, _, revision, first, _) = entries[0];
    let (mut sum, mut count, mut last) = (first, 1u32, first);
    for &(_, _, _, this_revision, value, _) in &entries[1..] {
        if this_revision == revision && value != last {
            sum += value;
            count += 1;
            last = value;
        }
    }
    // The latest ratings come first; one alone cannot conflict.
    let latest = entries.iter().filter(|e| e.3 == revision);
    let several = entries.len() > 1 && entries[1].3 == revision;
    let mut warning = None;
    if let Some(first_index) = latest.clone().map(|e| e.5).min().filter(|_| several) {
        let first_rating = &card.ratings[first_index as usize];
        let differs = latest
            .map(|e| e.5)
            .filter(|&i| {
                let other = &card.ratings[i as usize];
                other.score != first_rating.score || other.note != first_rating.note
            })
            .min();
        if let Some(index) = differs {
            let index = index as usize;
            warning = Some(conflict_warning(index, &card.ratings[index]));
        }
    }
    Cell {
        value: sum / f64::from(count),
        conflict: count > 1,
        warning,
    }
}

/// Each evaluator's counted level on one cell (a vendor on a rating requirement), resolved as the
/// scorer resolves it (the latest; a conflict's distinct values averaged), in the
/// evaluators' order. Empty when the requirement is not rated on a usable scale.
pub fn cell_levels(card: &Scorecard, vendor: &str, requirement: &str) -> Vec<(String, f64)> {
    let scale =
        crate::tree::find_requirement(&card.criteria, requirement).and_then(|c| match &c.scoring {
            Some(crate::model::Scoring::Rating(rule)) if rule.max > rule.min => Some((
                f64::from(rule.min),
                f64::from(rule.max) - f64::from(rule.min),
            )),
            _ => None,
        });
    let Some((min, span)) = scale else {
        return Vec::new();
    };
    let mut entries: Vec<RatingEntry> = card
        .ratings
        .iter()
        .enumerate()
        .filter(|(_, r)| r.vendor == vendor && r.requirement == requirement && r.score.is_finite())
        .filter_map(|(index, r)| {
            let ei = card
                .evaluators
                .iter()
                .position(|e| e.id == r.evaluator.as_str())?;
            Some((
                0,
                0,
                ei as u32,
                r.precedence(),
                share(r.score, min, span),
                index as u32,
            ))
        })
        .collect();
    entries.sort_by_key(order);
    entries
        .chunk_by(|x, y| x.2 == y.2)
        .map(|group| {
            let value = resolve_cell(card, group).value;
            (
                card.evaluators[group[0].2 as usize].id.clone(),
                super::round9(min + value * span),
            )
        })
        .collect()
}

/// The warning that sums up the merge conflicts.
fn conflicts_summary(conflicts: usize) -> Diagnostic {
    Diagnostic::warning(
        "ratings",
        format!(
            "{conflicts} rating(s) have two different values at the same revision \
             (a merge conflict); their mean is used until the chair settles them"
        ),
    )
    .with_hint("record a new rating or a consensus value")
}

/// Resolve every rating: one value per cell, in cell order, with the problems of single ratings
/// (in file order), then the merge conflicts', added to `out`. With `keep`, also the table that
/// [`RatingBase::update`] resolves again from (when the cells are not too many to keep).
pub(super) fn resolve_all(
    grid: &Grid<'_>,
    out: &mut Vec<Diagnostic>,
    keep: bool,
) -> (Resolved, Option<RatingBase>) {
    let card = grid.card;
    let (n_vendors, n_eval) = (grid.n_vendors(), grid.n_eval());
    // Counted in u64 (wasm32's usize would wrap); a table is kept only when its cells are not
    // many more than the ratings, which also keeps every cell number below `NONE`.
    let n_cells = (grid.rated.len() as u64)
        .saturating_mul(n_vendors as u64)
        .saturating_mul(n_eval as u64);
    let keep = keep
        && n_cells <= 4 * card.ratings.len() as u64 + SPARE_CELLS as u64
        && n_cells < u64::from(NONE);
    let n_cells = if keep { n_cells as usize } else { 0 };
    let mut problems = BTreeMap::new();
    let mut entries: Vec<RatingEntry> = Vec::with_capacity(card.ratings.len());
    for (index, rating) in card.ratings.iter().enumerate() {
        let before = out.len();
        let entry = grid.entry(index, rating, out);
        if keep && out.len() > before {
            problems.insert(index, out[before..].to_vec());
        }
        entries.extend(entry);
    }
    let mut base = keep.then(|| RatingBase {
        rated: grid.rated.to_vec(),
        len: card.ratings.len(),
        cell_of: vec![NONE; card.ratings.len()],
        head: vec![NONE; n_cells],
        next: vec![NONE; card.ratings.len()],
        value: vec![f64::NAN; n_cells],
        problems,
        conflict_warnings: BTreeMap::new(),
        conflicted: BTreeSet::new(),
    });
    if let Some(base) = base.as_mut() {
        for entry in &entries {
            base.link(entry.5 as usize, grid.cell(entry) as u32);
        }
    }
    sort_ratings(&mut entries, n_vendors, n_eval);
    let mut resolved: Resolved = Vec::with_capacity(entries.len());
    let mut conflicts = 0usize;
    for group in entries.chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
        let cell = resolve_cell(card, group);
        let (k, vi, ei, ..) = group[0];
        if let Some(warning) = &cell.warning {
            out.push(warning.clone());
        }
        conflicts += usize::from(cell.conflict);
        if let Some(base) = base.as_mut() {
            let at = grid.cell(&group[0]) as u32;
            base.value[at as usize] = cell.value;
            base.set_conflict(at, cell.conflict, cell.warning);
        }
        resolved.push((k, vi, ei, cell.value));
    }
    if conflicts > 0 {
        out.push(conflicts_summary(conflicts));
    }
    (resolved, base)
}

/// The ratings as last resolved, cell by cell, kept between reports so that after a few ratings
/// changed only the cells they left or joined are resolved again.
#[derive(Debug, Clone)]
pub(super) struct RatingBase {
    /// The rated requirements' scales it was made for (other scales mean resolving in full; the
    /// ids are the caller's to compare: `Prepared` does).
    rated: Vec<(usize, f64, f64)>,
    /// How many ratings it describes.
    len: usize,
    /// Per rating: its cell, or [`NONE`] when it is not used.
    cell_of: Vec<u32>,
    /// Per cell: its first rating; per rating: the next rating in its cell ([`NONE`] ends).
    head: Vec<u32>,
    next: Vec<u32>,
    /// Per cell: the resolved share of the scale, NaN when unrated.
    value: Vec<f64>,
    /// The problems of single ratings, by index in the file.
    problems: BTreeMap<usize, Vec<Diagnostic>>,
    /// Merge-conflict warnings by cell, and the cells whose latest rating has two values.
    conflict_warnings: BTreeMap<u32, Diagnostic>,
    conflicted: BTreeSet<u32>,
}

impl RatingBase {
    fn link(&mut self, rating: usize, cell: u32) {
        self.cell_of[rating] = cell;
        self.next[rating] = self.head[cell as usize];
        self.head[cell as usize] = rating as u32;
    }

    fn unlink(&mut self, rating: usize) {
        let cell = std::mem::replace(&mut self.cell_of[rating], NONE);
        if cell == NONE {
            return;
        }
        let after = std::mem::replace(&mut self.next[rating], NONE);
        let mut at = self.head[cell as usize];
        if at == rating as u32 {
            self.head[cell as usize] = after;
            return;
        }
        while at != NONE {
            let following = self.next[at as usize];
            if following == rating as u32 {
                self.next[at as usize] = after;
                return;
            }
            at = following;
        }
    }

    fn set_conflict(&mut self, cell: u32, conflict: bool, warning: Option<Diagnostic>) {
        if conflict {
            self.conflicted.insert(cell);
        } else {
            self.conflicted.remove(&cell);
        }
        match warning {
            Some(warning) => self.conflict_warnings.insert(cell, warning),
            None => self.conflict_warnings.remove(&cell),
        };
    }

    /// Resolve again after the ratings at the indices in `changed` were changed in place or
    /// added at the end, adding the ratings' diagnostics to `out` as [`resolve_all`] would.
    /// `None` (and nothing added) when this base cannot describe the scorecard: other scales,
    /// fewer ratings, or an added rating missing from `changed` — resolve in full then. (Same
    /// vendors, evaluators and requirements, by id, are the caller's to make sure of.)
    pub(super) fn update(
        &mut self,
        grid: &Grid<'_>,
        changed: &[usize],
        out: &mut Vec<Diagnostic>,
    ) -> Option<Resolved> {
        let card = grid.card;
        let len = card.ratings.len();
        let changed: BTreeSet<usize> = changed.iter().copied().collect();
        let fits = self.rated == grid.rated
            && len >= self.len
            && changed.last().is_none_or(|&last| last < len)
            && changed.range(self.len..).count() == len - self.len;
        if !fits {
            return None;
        }
        self.cell_of.resize(len, NONE);
        self.next.resize(len, NONE);
        self.len = len;
        let mut touched = BTreeSet::new();
        for &index in &changed {
            if let Some(&cell) = self.cell_of.get(index).filter(|c| **c != NONE) {
                touched.insert(cell);
            }
            self.unlink(index);
            self.problems.remove(&index);
            let mut problems = Vec::new();
            let entry = grid.entry(index, &card.ratings[index], &mut problems);
            if !problems.is_empty() {
                self.problems.insert(index, problems);
            }
            if let Some(entry) = entry {
                let cell = grid.cell(&entry) as u32;
                self.link(index, cell);
                touched.insert(cell);
            }
        }
        let per_requirement = grid.n_vendors() * grid.n_eval();
        let mut entries: Vec<RatingEntry> = Vec::new();
        for cell in touched {
            entries.clear();
            let k = cell as usize / per_requirement;
            let (vi, ei) = (
                cell as usize % per_requirement / grid.n_eval(),
                cell as usize % grid.n_eval(),
            );
            let (_, min, span) = grid.rated[k];
            let mut at = self.head[cell as usize];
            while at != NONE {
                let rating = &card.ratings[at as usize];
                let share = share(rating.score, min, span);
                entries.push((
                    k as u32,
                    vi as u32,
                    ei as u32,
                    rating.precedence(),
                    share,
                    at,
                ));
                at = self.next[at as usize];
            }
            entries.sort_unstable_by_key(order);
            if entries.is_empty() {
                self.value[cell as usize] = f64::NAN;
                self.set_conflict(cell, false, None);
            } else {
                let resolved = resolve_cell(card, &entries);
                self.value[cell as usize] = resolved.value;
                self.set_conflict(cell, resolved.conflict, resolved.warning);
            }
        }
        out.extend(self.problems.values().flatten().cloned());
        out.extend(self.conflict_warnings.values().cloned());
        if !self.conflicted.is_empty() {
            out.push(conflicts_summary(self.conflicted.len()));
        }
        let n_eval = grid.n_eval().max(1);
        let n_vendors = grid.n_vendors().max(1);
        Some(
            self.value
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.is_nan())
                .map(|(cell, &v)| {
                    let ei = cell % n_eval;
                    let vi = cell / n_eval % n_vendors;
                    let k = cell / n_eval / n_vendors;
                    (k as u32, vi as u32, ei as u32, v)
                })
                .collect(),
        )
    }
}

/// Sort ratings by [`order`]. A counting sort on the (requirement, vendor, evaluator) cell when
/// the cells are not many more than the ratings (a committee's file), else a comparison sort.
pub(super) fn sort_ratings(entries: &mut Vec<RatingEntry>, n_vendors: usize, n_eval: usize) {
    if entries.is_sorted_by_key(order) {
        return;
    }
    let (n_vendors, n_eval) = (n_vendors as u64, n_eval as u64);
    let cell =
        |e: &RatingEntry| (u64::from(e.0) * n_vendors + u64::from(e.1)) * n_eval + u64::from(e.2);
    let n_cells = entries.iter().map(cell).max().map_or(0, |last| last + 1);
    if n_cells > 4 * entries.len() as u64 + 1024 {
        entries.sort_unstable_by_key(order);
        return;
    }
    let n_cells = n_cells as usize;
    let mut starts = vec![0u32; n_cells + 1];
    for entry in entries.iter() {
        starts[cell(entry) as usize + 1] += 1;
    }
    for i in 1..=n_cells {
        starts[i] += starts[i - 1];
    }
    // Where each entry goes, then the entries gathered in that order.
    let mut next = starts.clone();
    let mut at = vec![0u32; entries.len()];
    for (i, entry) in entries.iter().enumerate() {
        let slot = &mut next[cell(entry) as usize];
        at[*slot as usize] = i as u32;
        *slot += 1;
    }
    let mut sorted: Vec<RatingEntry> = at.iter().map(|&i| entries[i as usize]).collect();
    // A cell rated more than once (revisions, a merge conflict): newest first, then by value.
    for bounds in starts.windows(2) {
        let (start, end) = (bounds[0] as usize, bounds[1] as usize);
        if end - start > 1 {
            sorted[start..end].sort_unstable_by_key(order);
        }
    }
    *entries = sorted;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The counting sort orders ratings exactly as the comparison sort does.
        #[test]
        fn sorting_ratings_by_cell_matches_a_comparison_sort(
            raw in prop::collection::vec((0u32..6, 0u32..4, 0u32..3, 0u32..4, 0u8..5, 0u8..3), 0..200),
            sparse in any::<bool>(),
        ) {
            let entries: Vec<RatingEntry> = raw
                .iter()
                .enumerate()
                .map(|(i, &(k, v, e, revision, level, time))| {
                    // `sparse` spreads the requirements far apart, for the comparison-sort path.
                    let k = if sparse { k * 100_000 } else { k };
                    let time = crate::Stamp::from_millis(f64::from(time) * 1000.0).filter(|_| time > 0);
                    (k, v, e, (time, revision), f64::from(level) / 4.0, i as u32)
                })
                .collect();
            let mut expected = entries.clone();
            expected.sort_by(|a, b| {
                (a.0, a.1, a.2)
                    .cmp(&(b.0, b.1, b.2))
                    .then(b.3.cmp(&a.3))
                    .then(a.4.total_cmp(&b.4))
            });
            let mut sorted = entries;
            sort_ratings(&mut sorted, 4, 3);
            // Equal keys may come in any order; compare everything but the file index.
            let strip = |v: &[RatingEntry]| v.iter().map(|e| (e.0, e.1, e.2, e.3, e.4)).collect::<Vec<_>>();
            prop_assert_eq!(strip(&sorted), strip(&expected));
        }
    }
}
