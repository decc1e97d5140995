//! Win probability under uncertainty (SMAA-2, Lahdelma & Salminen 2001): how often each vendor
//! ranks first, second … when the top-level weights are drawn at random — and, when asked, when
//! each draw is scored by a random half of the committee instead of all of it.
//!
//! **Weights.** A total is linear in the top-level weights, so a draw acts on the report's
//! per-category scores: a few multiplications per vendor and category.
//!
//! **The committee.** A half is drawn from the evaluators with a rating the scorer uses (⌈n/2⌉
//! of n, without replacement) and scored by the scorer itself on the ratings of those who sit.
//! Only the ratings are resampled: the weights, evaluators' AHP judgments included, stay the
//! committee's. For an even n the mean of a random half of n values varies as σ²/(n − 1) (σ²
//! their spread), the mean of a bootstrap sample of all n as σ²/n: the halves show about as
//! much as resampling the committee would, how far the ranking rests on who happened to sit on
//! it. (For an odd n a half of ⌈n/2⌉ varies as σ²/(n + 1); for n = 2 a half is one evaluator
//! and varies twice as much as a bootstrap mean.)
//!
//! A rating that no one sitting also gave stays, so that a half never leaves a requirement
//! unrated that the committee rated (the analysis's "without one evaluator" leaves such a cell
//! unrated: it asks what the result would be without that person). With leniency
//! normalization, such a rating is rescaled against what its evaluator has in the half, not
//! against all their ratings.
//!
//! A half scores its own gates too: a vendor that fails a minimum rating in one half (or meets
//! it in one, though the committee's ratings fail it) cannot win (or can) in the draws of that
//! half, so with halves every vendor is listed; a draw in which no vendor can win has no first.
//! The draws take the halves in turn, and the Monte Carlo error is then read from how far the
//! halves' shares differ (their standard error), not from the draws alone.

use std::rc::Rc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::methods::CategoryTable;
use super::{Nodes, Standing, Stepwise, leader_of, percent};
use crate::model::Scorecard;
use crate::score::Report;

/// How [`smaa`] draws weights (and committees). A member left out takes its default.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmaaOptions {
    /// How many weight draws.
    pub draws: u32,
    /// The seed of the draws: the same seed gives the same result.
    pub seed: u64,
    /// `None`: weights uniform over all weights of the top level (every split equally likely);
    /// `Some(p)`: each top-level weight within ±`p` (a share, 0.25 for ±25 %) of the chosen
    /// one, then normalized.
    pub spread: Option<f64>,
    /// How many random halves of the committee score the draws in turn; 0 (the default): the
    /// committee as it is. Each half is scored in full, so this costs what that many reports
    /// cost (see [`SmaaRun`] to do it a step at a time). At most one half per draw is scored.
    pub committees: u32,
}

/// The most weight draws [`smaa`] makes (a million take about a quarter of a second natively).
pub const MAX_SMAA_DRAWS: u32 = 1_000_000;

/// The most halves of the committee [`smaa`] scores.
pub const MAX_SMAA_COMMITTEES: u32 = 1_000;

/// The halves of the committee a page asks for when the committee is to be resampled: a share
/// is then read within about 5 points when the halves disagree about the winner (the standard
/// error of 100 halves' shares is at most 0.5/√100), and closer the more they agree.
pub const COMMITTEES: u32 = 100;

impl SmaaOptions {
    /// What is wrong with these options, naming the member: draws from 1 to
    /// [`MAX_SMAA_DRAWS`], a spread from 0 to 1, no halves of the committee or 2 to
    /// [`MAX_SMAA_COMMITTEES`] of them (one half has no spread to read an error from), and no
    /// more halves than draws.
    pub fn problem(&self) -> Option<crate::Diagnostic> {
        if !(1..=MAX_SMAA_DRAWS).contains(&self.draws) {
            return Some(crate::Diagnostic::error(
                "draws",
                format!(
                    "expected 1 to {} weight draws, found {}",
                    crate::score::with_thousands(f64::from(MAX_SMAA_DRAWS)),
                    self.draws
                ),
            ));
        }
        if self.committees == 1 || self.committees > MAX_SMAA_COMMITTEES {
            return Some(crate::Diagnostic::error(
                "committees",
                format!(
                    "expected 0 (the committee as it is) or 2 to {} halves of the committee, found {}",
                    crate::score::with_thousands(f64::from(MAX_SMAA_COMMITTEES)),
                    self.committees
                ),
            ));
        }
        if self.committees > self.draws {
            return Some(crate::Diagnostic::error(
                "committees",
                format!(
                    "expected no more halves of the committee than weight draws ({}), found {}",
                    crate::score::with_thousands(f64::from(self.draws)),
                    self.committees
                ),
            ));
        }
        match self.spread {
            Some(p) if !(0.0..=1.0).contains(&p) => Some(crate::Diagnostic::error(
                "spread",
                format!(
                    "expected a spread from 0 to 1 (0.25 for ±25%), found {}",
                    crate::typed::shown_number(p)
                ),
            )),
            _ => None,
        }
    }
}

impl Default for SmaaOptions {
    fn default() -> SmaaOptions {
        SmaaOptions {
            draws: 10_000,
            seed: 1,
            spread: Some(0.25),
            committees: 0,
        }
    }
}

/// Win probability under uncertain weights (SMAA-2, Lahdelma & Salminen 2001): how often each
/// vendor ranks first, second … when the top-level weights are drawn at random, and the
/// weights under which each wins on average.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Smaa {
    /// The options used.
    pub options: SmaaOptions,
    /// The top-level categories (and loose requirements) whose weights were drawn, by name
    /// (those weighed 0 are left out).
    pub criteria: Vec<String>,
    /// One entry per vendor that can win, in the report's order (with halves of the
    /// committee, every vendor: a half may let one win that the committee's ratings knock out).
    pub vendors: Vec<Acceptability>,
    /// Share of the draws in which no vendor could win (a half knocked every one out): 0
    /// without halves. The first-rank shares and this add up to 1.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub without_winner: f64,
    /// The halves of the committee that scored the draws, when the committee was resampled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resampled: Option<Resampled>,
    /// The sentence a board reads.
    pub sentence: String,
}

fn is_zero(share: &f64) -> bool {
    *share == 0.0
}

/// The halves of the committee that scored the draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resampled {
    /// How many halves were scored.
    pub committees: u32,
    /// Evaluators in each half.
    pub members: usize,
    /// Evaluators who rated, the halves' pool.
    pub of: usize,
}

/// One vendor's rank acceptability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acceptability {
    /// The vendor.
    pub vendor: Standing,
    /// Share of the draws in which it ranks 1st, 2nd, … (index 0 is first).
    pub ranks: Vec<f64>,
    /// The Monte Carlo standard error of the first-rank share: √(p(1−p)/N) over the weight
    /// draws; with halves of the committee, the standard error of the halves' shares.
    pub first_error: f64,
    /// The mean weights of the draws in which it ranks first (empty if it never does): the
    /// "central weights" under which it wins.
    pub central_weights: Vec<f64>,
}

/// A small seeded generator (SplitMix64): reproducible draws without a dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1].
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (n ≥ 1).
    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }
}

/// The halves are drawn from a stream of their own, so that the weight draws of a seed are the
/// same with and without them.
const COMMITTEE_STREAM: u64 = 0x5EED_C0AA_1771_7EE5;

/// Draw top-level weights `options.draws` times and rank the vendors that can win each time;
/// with `options.committees`, each draw scored by one of that many random halves of the
/// committee (which needs `scorecard`, of which `report` is the score).
pub fn smaa(scorecard: &Scorecard, report: &Report, options: &SmaaOptions) -> Smaa {
    let copy = (options.committees > 0).then(|| Rc::new(scorecard.clone()));
    SmaaRun::new(copy, report, *options).finish()
}

/// [`smaa`] a step at a time: each [`SmaaRun::step`] scores one half of the committee, so that a
/// page can show [`SmaaRun::progress`] and stay responsive; [`SmaaRun::finish`] makes the draws
/// and gives what [`smaa`] gives.
pub struct SmaaRun {
    options: SmaaOptions,
    nodes: Nodes,
    table: CategoryTable,
    /// The vendors ranked: those that can win, in the report's order; with halves of the
    /// committee, every vendor (a half may let one win that the committee knocks out).
    standings: Vec<Standing>,
    criteria: Vec<String>,
    winner: Option<String>,
    /// Ratings grouped by the cell they rate: (cell, rater, rating index), in cell order.
    cells: Vec<(u32, u32, usize)>,
    /// Each half to score: which raters sit on it.
    halves: Vec<Vec<bool>>,
    /// Evaluators who rated.
    raters: usize,
    steps: Vec<Step>,
    next: usize,
    copy: Option<Rc<Scorecard>>,
    owned: Option<Scorecard>,
    /// Each half's scores: one row per vendor of `standings`, and whether it can win in the half.
    scored: Vec<(Vec<Vec<f64>>, Vec<bool>)>,
}

enum Step {
    Copy,
    Half(usize),
}

impl SmaaRun {
    /// Plan the draws over `report`; with `options.committees`, `scorecard` (of which `report` is
    /// the score) is resampled, else it is not needed.
    pub fn new(scorecard: Option<Rc<Scorecard>>, report: &Report, options: SmaaOptions) -> SmaaRun {
        let nodes = Nodes::of(report);
        let table = CategoryTable::of(report, &nodes);
        let standings = table
            .eligible
            .iter()
            .map(|&v| Standing::of(report, v))
            .collect();
        let criteria = table.top.iter().map(|&k| nodes.name(report, k)).collect();
        let winner = leader_of(report).map(|a| report.vendors[a].vendor_id.clone());
        let mut run = SmaaRun {
            options,
            nodes,
            table,
            standings,
            criteria,
            winner,
            cells: Vec::new(),
            halves: Vec::new(),
            raters: 0,
            steps: Vec::new(),
            next: 0,
            copy: None,
            owned: None,
            scored: Vec::new(),
        };
        let Some(card) = scorecard.filter(|_| options.committees > 0) else {
            return run;
        };
        // Who rated (a rating the scorer uses), and which of their ratings rate the same cell;
        // the ratings of anyone else are never left out (the scorer does not use them).
        let rater_of: FxHashMap<&str, u32> = report
            .evaluators
            .iter()
            .filter(|e| e.rated > 0)
            .enumerate()
            .map(|(r, e)| (e.evaluator_id.as_str(), r as u32))
            .collect();
        run.raters = rater_of.len();
        if run.raters < 2 || report.vendors.is_empty() || run.table.top.is_empty() {
            return run;
        }
        let mut cell_of: FxHashMap<(&str, &str), u32> = FxHashMap::default();
        let mut cells = Vec::with_capacity(card.ratings.len());
        for (index, rating) in card.ratings.iter().enumerate() {
            let Some(&rater) = rater_of.get(rating.evaluator.as_str()) else {
                continue;
            };
            let next = cell_of.len() as u32;
            let cell = *cell_of
                .entry((rating.vendor.as_str(), rating.requirement.as_str()))
                .or_insert(next);
            cells.push((cell, rater, index));
        }
        cells.sort_unstable();
        // A half may let a vendor win that the committee's ratings knock out: every vendor.
        run.standings = (0..report.vendors.len())
            .map(|v| Standing::of(report, v))
            .collect();
        let members = run.raters.div_ceil(2);
        let mut rng = SplitMix(options.seed ^ COMMITTEE_STREAM);
        let mut pool: Vec<usize> = (0..run.raters).collect();
        run.halves = (0..options.committees.min(options.draws))
            .map(|_| {
                // A partial Fisher–Yates shuffle: the first `members` of the pool sit.
                for i in 0..members {
                    let j = i + rng.below(run.raters - i);
                    pool.swap(i, j);
                }
                let mut sits = vec![false; run.raters];
                for &r in &pool[..members] {
                    sits[r] = true;
                }
                sits
            })
            .collect();
        run.cells = cells;
        run.copy = Some(card);
        run.steps = std::iter::once(Step::Copy)
            .chain((0..run.halves.len()).map(Step::Half))
            .collect();
        run
    }

    /// Take every step left, make the draws and give the result.
    pub fn finish(mut self) -> Smaa {
        while self.step() {}
        let options = self.options;
        let CategoryTable {
            weights: chosen,
            scores: base,
            ..
        } = &self.table;
        let n = self.standings.len();
        let m = chosen.len();
        let halves = self.scored.len();
        let mut counts = vec![vec![0u32; n]; n];
        let mut central = vec![vec![0.0f64; m]; n];
        // Per half: draws, and first places per vendor.
        let mut by_half = vec![(0u32, vec![0u32; n]); halves];
        let mut rng = SplitMix(options.seed);
        let mut weights = vec![0.0f64; m];
        let mut totals = vec![0.0f64; n];
        let mut order: Vec<usize> = (0..n).collect();
        let draws = options.draws.max(1);
        let mut counted = 0u32;
        let mut without_winner = 0u32;
        for draw in 0..draws as usize {
            let mut sum = 0.0;
            for (k, w) in weights.iter_mut().enumerate() {
                *w = match options.spread {
                    None => -rng.unit().ln(),
                    Some(p) => (chosen[k] * (1.0 + p * (2.0 * rng.unit() - 1.0))).max(0.0),
                };
                sum += *w;
            }
            if sum <= 0.0 {
                continue;
            }
            counted += 1;
            for w in weights.iter_mut() {
                *w /= sum;
            }
            let half = (halves > 0).then(|| draw % halves);
            let (scores, can_win) = match half {
                Some(h) => (&self.scored[h].0, Some(&self.scored[h].1)),
                None => (base, None),
            };
            for (v, total) in totals.iter_mut().enumerate() {
                *total = scores.get(v).map_or(0.0, |row| {
                    row.iter().zip(&weights).map(|(s, w)| s * w).sum()
                });
            }
            // A vendor a half knocks out ranks after those who can still win.
            let out = |v: usize| v >= scores.len() || can_win.is_some_and(|c| !c[v]);
            order.sort_by(|&a, &b| {
                out(a)
                    .cmp(&out(b))
                    .then(totals[b].total_cmp(&totals[a]))
                    .then(a.cmp(&b))
            });
            if let Some(h) = half {
                by_half[h].0 += 1;
            }
            // No first when a half knocks every vendor out: the draw counts as without a winner.
            let Some(&first) = order.first().filter(|&&v| !out(v)) else {
                without_winner += 1;
                continue;
            };
            for (rank, &v) in order.iter().enumerate() {
                counts[v][rank] += 1;
            }
            for (c, w) in central[first].iter_mut().zip(&weights) {
                *c += w;
            }
            if let Some(h) = half {
                by_half[h].1[first] += 1;
            }
        }
        if counted == 0 {
            // Nothing carries weight (or no vendor can win): there was nothing to draw.
            return Smaa {
                options,
                criteria: self.criteria,
                vendors: Vec::new(),
                without_winner: 0.0,
                resampled: None,
                sentence: if n == 0 {
                    "No vendor can win, so no weights were drawn.".to_owned()
                } else {
                    "Nothing carries weight yet, so no weights were drawn.".to_owned()
                },
            };
        }
        let draws_f = f64::from(counted);
        let vendors: Vec<Acceptability> = self
            .standings
            .iter()
            .enumerate()
            .map(|(i, standing)| {
                let ranks: Vec<f64> = counts[i].iter().map(|&c| f64::from(c) / draws_f).collect();
                let first = ranks.first().copied().unwrap_or(0.0);
                let wins = counts[i].first().copied().unwrap_or(0);
                Acceptability {
                    vendor: standing.clone(),
                    ranks,
                    first_error: if halves >= 2 {
                        between_halves(&by_half, i)
                    } else {
                        (first * (1.0 - first) / draws_f).sqrt()
                    },
                    central_weights: if wins == 0 {
                        Vec::new()
                    } else {
                        central[i].iter().map(|c| c / f64::from(wins)).collect()
                    },
                }
            })
            .collect();
        let resampled = (halves > 0).then(|| Resampled {
            committees: halves as u32,
            members: self.raters.div_ceil(2),
            of: self.raters,
        });
        let without_winner = f64::from(without_winner) / draws_f;
        // The vendor the sentence is about: the report's winner, or, when the committee's
        // ratings knock every vendor out, the one its halves put first most often.
        let named = match &self.winner {
            Some(id) => vendors.iter().find(|a| &a.vendor.vendor_id == id),
            None if resampled.is_some() => vendors
                .iter()
                .filter(|a| a.ranks.first().is_some_and(|&p| p > 0.0))
                .max_by(|a, b| a.ranks[0].total_cmp(&b.ranks[0])),
            None => None,
        };
        let sentence = match named {
            Some(a) => format!(
                "{}{} is first in {} of {} weight draws {}{} (± {:.1}%).{}{}",
                if self.winner.is_none() {
                    "No vendor can win on the committee's ratings; over its halves, "
                } else {
                    ""
                },
                a.vendor.name,
                percent(a.ranks.first().copied().unwrap_or(0.0)),
                crate::score::with_thousands(draws_f),
                match options.spread {
                    None => "over every possible split of the category weights".to_owned(),
                    Some(p) => format!("within ±{:.0}% of the chosen weights", p * 100.0),
                },
                match resampled {
                    Some(r) => format!(
                        ", each scored by one of {} random halves of the committee ({} of the {} evaluators who rated)",
                        crate::score::with_thousands(f64::from(r.committees)),
                        r.members,
                        r.of
                    ),
                    None => String::new(),
                },
                a.first_error * 100.0,
                if options.committees > 0 && resampled.is_none() {
                    " The committee was not resampled: fewer than two evaluators have rated."
                } else {
                    ""
                },
                if without_winner > 0.0 {
                    format!(
                        " In {} of the draws no vendor could win: their half of the committee knocked every vendor out.",
                        percent(without_winner)
                    )
                } else {
                    String::new()
                }
            ),
            None => "No vendor can win, so no weights were drawn.".to_owned(),
        };
        Smaa {
            options,
            criteria: self.criteria,
            vendors,
            without_winner,
            resampled,
            sentence,
        }
    }
}

impl Stepwise for SmaaRun {
    /// Steps done and steps in all (the first takes the scorecard; then one per half of the
    /// committee).
    fn progress(&self) -> (usize, usize) {
        (self.next, self.steps.len())
    }

    /// Take the next step; false when there was none left.
    fn step(&mut self) -> bool {
        let Some(step) = self.steps.get(self.next) else {
            return false;
        };
        self.next += 1;
        match *step {
            Step::Copy => {
                if let Some(shared) = self.copy.take() {
                    self.owned = Some(Rc::unwrap_or_clone(shared));
                }
            }
            Step::Half(h) => {
                let (Some(card), Some(sits)) = (self.owned.as_mut(), self.halves.get(h)) else {
                    return true;
                };
                // The ratings of those who do not sit, in the cells someone sitting rated too,
                // are left out; the half is scored on the rest.
                let mut kept = vec![true; card.ratings.len()];
                for group in self.cells.chunk_by(|a, b| a.0 == b.0) {
                    if group.iter().any(|&(_, r, _)| sits[r as usize]) {
                        for &(_, r, index) in group {
                            kept[index] &= sits[r as usize];
                        }
                    }
                }
                let all = std::mem::take(&mut card.ratings);
                card.ratings = all
                    .iter()
                    .zip(&kept)
                    .filter(|(_, keep)| **keep)
                    .map(|(rating, _)| rating.clone())
                    .collect();
                let report = crate::score::score(card);
                card.ratings = all;
                let at: FxHashMap<&str, usize> = report
                    .vendors
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (v.vendor_id.as_str(), i))
                    .collect();
                let mut scores = Vec::with_capacity(self.standings.len());
                let mut can_win = Vec::with_capacity(self.standings.len());
                for standing in &self.standings {
                    let v = at.get(standing.vendor_id.as_str()).copied();
                    scores.push(
                        self.table
                            .top
                            .iter()
                            .map(|&k| v.map_or(0.0, |v| self.nodes.score(&report, v, k)))
                            .collect(),
                    );
                    can_win.push(v.is_some_and(|v| report.vendors[v].can_win()));
                }
                self.scored.push((scores, can_win));
            }
        }
        true
    }
}

/// The standard error of vendor `v`'s first-rank share read from the halves: the sample
/// standard deviation of its share in each half's draws, over the square root of the halves.
fn between_halves(by_half: &[(u32, Vec<u32>)], v: usize) -> f64 {
    let shares: Vec<f64> = by_half
        .iter()
        .filter(|(draws, _)| *draws > 0)
        .map(|(draws, firsts)| f64::from(firsts[v]) / f64::from(*draws))
        .collect();
    let k = shares.len() as f64;
    if k < 2.0 {
        return 0.0;
    }
    let mean = shares.iter().sum::<f64>() / k;
    let variance = shares.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (k - 1.0);
    (variance / k).sqrt()
}
