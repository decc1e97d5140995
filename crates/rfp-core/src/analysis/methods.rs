//! Would another method pick the same winner? The weighted sum is one way to turn category
//! scores and weights into a ranking; TOPSIS (Hwang & Yoon 1981: vector normalisation, the
//! Euclidean distances to the best and the worst) and PROMETHEE II (Brans & Vincke 1985: net
//! outranking flows) are two others in wide use. [`cross_check`] ranks the vendors that can win
//! by both, on the report's category scores and top-level weights (those [`super::smaa()`] draws),
//! and says whether each puts the weighted sum's winner first.
//!
//! [`topsis`] and [`promethee_ii`] are the methods themselves, on any table of values; the tests
//! reproduce a published worked example of each.

use serde::{Deserialize, Serialize};

use super::{Nodes, Standing};
use crate::score::Report;

/// PROMETHEE's preference function for one criterion, from the difference `d` of two values:
/// no preference up to `indifference`, full preference above `preference`, and a straight line
/// between (the "linear" or "V-shape with indifference" criterion). Both 0: the usual criterion,
/// where any difference is full preference.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Threshold {
    /// Differences up to this are no preference (q).
    pub indifference: f64,
    /// Differences above this are full preference (p).
    pub preference: f64,
}

impl Threshold {
    /// How much a difference `d` in favour of one alternative is preferred, 0–1.
    fn of(self, d: f64) -> f64 {
        if d <= self.indifference {
            0.0
        } else if d > self.preference {
            1.0
        } else {
            // Here indifference < d ≤ preference, so the width is above 0.
            (d - self.indifference) / (self.preference - self.indifference)
        }
    }
}

/// Scores closer than this (on 0–1 category scores) are the same to the cross-check's usual
/// criterion: sums of the same ratings taken in another order differ by rounding alone.
const SAME_SCORE: f64 = 1e-9;

/// The weights as shares adding up to 1 (all 0 when they add up to nothing).
fn shares(weights: &[f64]) -> Vec<f64> {
    let sum: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    weights
        .iter()
        .map(|&w| {
            if sum > 0.0 && w.is_finite() && w > 0.0 {
                w / sum
            } else {
                0.0
            }
        })
        .collect()
}

/// The value of alternative `i` on criterion `j`, 0 where the row is short or the value is not
/// a number.
fn value(rows: &[Vec<f64>], i: usize, j: usize) -> f64 {
    rows[i]
        .get(j)
        .copied()
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// TOPSIS with vector normalisation: each alternative's relative closeness to the ideal,
/// `S⁻ / (S⁺ + S⁻)` (1 for an alternative best on every criterion, 0 for one worst on every
/// criterion; 0.5 when every alternative is alike). `rows` holds one row of values per
/// alternative, one value per criterion; `weights` are normalised to add up to 1; `benefit[j]`
/// says whether more is better on criterion `j` (a missing entry: it is).
pub fn topsis(rows: &[Vec<f64>], weights: &[f64], benefit: &[bool]) -> Vec<f64> {
    let w = shares(weights);
    let m = w.len();
    let n = rows.len();
    let norms: Vec<f64> = (0..m)
        .map(|j| {
            (0..n)
                .map(|i| value(rows, i, j).powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let weighted = |i: usize, j: usize| {
        if norms[j] > 0.0 {
            w[j] * value(rows, i, j) / norms[j]
        } else {
            0.0
        }
    };
    let more_is_better = |j: usize| benefit.get(j).copied().unwrap_or(true);
    let mut best = vec![0.0f64; m];
    let mut worst = vec![0.0f64; m];
    for j in 0..m {
        let column = (0..n).map(|i| weighted(i, j));
        let (high, low) = column.fold((f64::NEG_INFINITY, f64::INFINITY), |(h, l), v| {
            (h.max(v), l.min(v))
        });
        (best[j], worst[j]) = if more_is_better(j) {
            (high, low)
        } else {
            (low, high)
        };
    }
    (0..n)
        .map(|i| {
            let distance = |to: &[f64]| {
                (0..m)
                    .map(|j| (weighted(i, j) - to[j]).powi(2))
                    .sum::<f64>()
                    .sqrt()
            };
            let (to_best, to_worst) = (distance(&best), distance(&worst));
            if to_best + to_worst > 0.0 {
                to_worst / (to_best + to_worst)
            } else {
                0.5
            }
        })
        .collect()
}

/// PROMETHEE II: each alternative's net outranking flow `φ⁺ − φ⁻`, from −1 (every other
/// alternative preferred to it on every criterion) to 1. `rows`, `weights` and `benefit` as for
/// [`topsis`]; `thresholds[j]` is criterion `j`'s preference function (a missing entry: the
/// usual criterion).
pub fn promethee_ii(
    rows: &[Vec<f64>],
    weights: &[f64],
    benefit: &[bool],
    thresholds: &[Threshold],
) -> Vec<f64> {
    let w = shares(weights);
    let n = rows.len();
    if n < 2 {
        return vec![0.0; n];
    }
    let mut flows = vec![0.0f64; n];
    for (j, &wj) in w.iter().enumerate() {
        if wj == 0.0 {
            continue;
        }
        let threshold = thresholds.get(j).copied().unwrap_or_default();
        let sign = if benefit.get(j).copied().unwrap_or(true) {
            1.0
        } else {
            -1.0
        };
        for a in 0..n {
            for b in (a + 1)..n {
                let d = sign * (value(rows, a, j) - value(rows, b, j));
                // a over b, less b over a: what a gains in net flow and b loses.
                let net = wj * (threshold.of(d) - threshold.of(-d));
                flows[a] += net;
                flows[b] -= net;
            }
        }
    }
    let others = (n - 1) as f64;
    flows.iter().map(|f| f / others).collect()
}

/// A method of ranking that [`cross_check`] compares with the weighted sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// TOPSIS, vector normalisation: the figure is the closeness to the ideal, 0–1.
    Topsis,
    /// PROMETHEE II, usual criterion: the figure is the net flow, −1 to 1.
    PrometheeIi,
}

impl Method {
    /// The method's name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Method::Topsis => "TOPSIS",
            Method::PrometheeIi => "PROMETHEE II",
        }
    }
}

/// One vendor's figure by another method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodStanding {
    /// The vendor, with its weighted-sum total.
    pub vendor: Standing,
    /// The method's figure for it (see [`Method`]).
    pub value: f64,
    /// Its rank by this method, 1 for the best; vendors whose figures are the same share a rank
    /// and the next rank is skipped.
    #[serde(default)]
    pub rank: usize,
}

/// How another method ranks the vendors that can win, on the same category scores and weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodCheck {
    /// The method.
    pub method: Method,
    /// The vendors that can win, best first by this method (ties in the report's order).
    pub ranking: Vec<MethodStanding>,
    /// Whether the method puts the weighted sum's winner first (alone or tied).
    pub agrees: bool,
}

/// The top-level criteria that carry weight and the vendors that can win, with each vendor's
/// score (0–1) on each criterion: what [`super::smaa()`] draws weights for and what
/// [`cross_check`] ranks.
pub(super) struct CategoryTable {
    /// The criteria (top-level nodes weighed above 0).
    pub top: Vec<usize>,
    /// The report's indexes of the vendors that can win, in the report's order.
    pub eligible: Vec<usize>,
    /// Each criterion's chosen weight.
    pub weights: Vec<f64>,
    /// One row per vendor that can win, one score per criterion.
    pub scores: Vec<Vec<f64>>,
}

impl CategoryTable {
    pub(super) fn of(report: &Report, nodes: &Nodes) -> CategoryTable {
        // Parts weighed 0 are left out: the report has no score for them (a category with
        // nothing weighed in it), so they would weigh nothing.
        let top: Vec<usize> = nodes
            .top
            .iter()
            .copied()
            .filter(|&k| nodes.local_weight(report, k) > 0.0)
            .collect();
        let eligible: Vec<usize> = (0..report.vendors.len())
            .filter(|&i| report.vendors[i].can_win())
            .collect();
        let weights = top.iter().map(|&k| nodes.local_weight(report, k)).collect();
        let scores = eligible
            .iter()
            .map(|&v| top.iter().map(|&k| nodes.score(report, v, k)).collect())
            .collect();
        CategoryTable {
            top,
            eligible,
            weights,
            scores,
        }
    }
}

/// TOPSIS and PROMETHEE II (usual criterion) on the report's category scores and top-level
/// weights, for the vendors that can win. Empty when fewer than two vendors can win or no
/// top-level part carries weight: there is nothing to compare.
pub fn cross_check(report: &Report) -> Vec<MethodCheck> {
    let nodes = Nodes::of(report);
    let table = CategoryTable::of(report, &nodes);
    let winner = super::leader_of(report);
    if table.eligible.len() < 2 || table.top.is_empty() {
        return Vec::new();
    }
    let benefit = vec![true; table.top.len()];
    let usual = vec![
        Threshold {
            indifference: SAME_SCORE,
            preference: SAME_SCORE,
        };
        table.top.len()
    ];
    let figures = [
        (
            Method::Topsis,
            topsis(&table.scores, &table.weights, &benefit),
        ),
        (
            Method::PrometheeIi,
            promethee_ii(&table.scores, &table.weights, &benefit, &usual),
        ),
    ];
    figures
        .into_iter()
        .map(|(method, values)| {
            let mut order: Vec<usize> = (0..values.len()).collect();
            // The report lists vendors in rank order, so ties keep the weighted sum's order.
            order.sort_by(|&x, &y| values[y].total_cmp(&values[x]).then(x.cmp(&y)));
            let first = order.first().map_or(f64::NAN, |&i| values[i]);
            let agrees = table
                .eligible
                .iter()
                .position(|&v| Some(v) == winner)
                .is_some_and(|w| first - values[w] <= SAME_SCORE);
            // Competition ranks: the number of vendors with a higher figure, plus one.
            let rank = |value: f64| {
                1 + order
                    .iter()
                    .filter(|&&j| values[j] - value > SAME_SCORE)
                    .count()
            };
            MethodCheck {
                method,
                ranking: order
                    .iter()
                    .map(|&i| MethodStanding {
                        vendor: Standing::of(report, table.eligible[i]),
                        value: values[i],
                        rank: rank(values[i]),
                    })
                    .collect(),
                agrees,
            }
        })
        .collect()
}
