//! Aggregating the evaluators' ratings per requirement and vendor (mean, median or trimmed mean,
//! with leniency normalization), the committee's consensus values, the disagreements, and each
//! evaluator's progress. The ratings themselves are resolved cell by cell in `ratings`.

use crate::error::Diagnostic;
use crate::id_lookup::IdLookup;
use crate::model::{Aggregation, Scoring, SharedStr};
use rustc_hash::FxHashMap;

use super::ratings::{self, RatingBase};
use super::{Disagreement, EvaluatorProgress, RequirementScore, ScoreSource, Scorer, finite_clamp};

impl<'a> Scorer<'a> {
    /// Aggregate evaluators' ratings into the scores of rating requirements.
    ///
    /// Per (evaluator, vendor, requirement) the latest rating counts
    /// ([`Rating::precedence`](crate::model::Rating::precedence)); different values of that
    /// precedence (a merge conflict) count once, as their mean, and are reported. The value shown
    /// and checked by a minimum-rating gate is the aggregate of the ratings as given; the score
    /// uses the leniency-normalized ratings when that setting is on. Disagreement is measured
    /// on the ratings as given, which is what the committee discusses.
    ///
    /// Resolve, aggregate and compare the ratings. `base`: the table of resolved ratings kept
    /// between reports (made when `None`); `changed`: the ratings changed or added since it was
    /// made, to resolve only those again.
    pub(super) fn rate(
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

        let consensus: FxHashMap<(&str, &str), (usize, &crate::model::Consensus)> = card
            .consensus
            .iter()
            .enumerate()
            .map(|(i, c)| ((c.vendor.as_str(), c.requirement.as_str()), (i, c)))
            .collect();
        // Consensus values agreed on other ratings than count now: (consensus index, the
        // evaluator whose rating changed, the level agreed on, the level now).
        let mut stale: Vec<(usize, String, Option<f64>, Option<f64>)> = Vec::new();
        let settings = &card.settings;
        let mut disagreements = Vec::new();
        let mut rated_by = vec![0usize; n_eval];
        let mut raw: Vec<f64> = Vec::with_capacity(n_eval);
        let mut adjusted: Vec<f64> = Vec::with_capacity(n_eval);
        let mut group_start = 0;
        // Walk (requirement, vendor) groups of `resolved`, and fill in consensus for the rest.
        let mut visit =
            |k: usize,
             vi: usize,
             group: &[(u32, u32, u32, f64)],
             normalized: Option<&[f64]>,
             scores: &mut [RequirementScore],
             disagreements: &mut Vec<Disagreement>,
             stale: &mut Vec<(usize, String, Option<f64>, Option<f64>)>| {
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
                let record = consensus.get(&(vendor.id.as_str(), req_id)).copied();
                let agreed = record.map(|(_, c)| c.value).filter(|v| v.is_finite());
                // The first difference between the ratings agreed on and those that count now.
                let changed = record
                    .filter(|(_, c)| agreed.is_some() && !c.basis.is_empty())
                    .and_then(|(index, c)| {
                        let now: Vec<(&str, f64)> = group
                            .iter()
                            .map(|&(_, _, ei, v)| {
                                (
                                    card.evaluators[ei as usize].id.as_str(),
                                    round9(min + v * span),
                                )
                            })
                            .collect();
                        let moved = now.iter().find_map(|&(e, level)| match c.basis.get(e) {
                            Some(&seen) if (seen - level).abs() <= 1e-9 => None,
                            seen => Some((e.to_owned(), seen.copied(), Some(level))),
                        });
                        let gone = || {
                            c.basis
                                .iter()
                                .find(|(e, _)| !now.iter().any(|(n, _)| n == e))
                                .map(|(e, &seen)| (e.clone(), Some(seen), None))
                        };
                        moved
                            .or_else(gone)
                            .map(|(e, seen, level)| (index, e, seen, level))
                    });
                let is_stale = changed.is_some();
                stale.extend(changed);
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
                        stale_consensus: is_stale,
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
                    let as_given =
                        aggregate(&mut raw, settings.aggregation, settings.trim_fraction);
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
                    &mut stale,
                );
                group_start = group_end;
            }
        }
        for (index, evaluator, seen, now) in stale {
            let c = &card.consensus[index];
            fn name_of<'a>(id: &str, mut list: impl Iterator<Item = (&'a str, &'a str)>) -> String {
                list.find(|(i, _)| *i == id)
                    .map_or_else(|| id.to_owned(), |(_, n)| n.to_owned())
            }
            let vendor = name_of(
                &c.vendor,
                card.vendors
                    .iter()
                    .map(|v| (v.id.as_str(), v.name.as_str())),
            );
            let requirement = name_of(
                &c.requirement,
                self.requirements
                    .iter()
                    .map(|r| (r.node.id.as_str(), r.node.name.as_str())),
            );
            let who = name_of(
                &evaluator,
                card.evaluators
                    .iter()
                    .map(|e| (e.id.as_str(), e.name.as_str())),
            );
            let level =
                |x: Option<f64>| x.map_or_else(|| "no rating".to_owned(), |l| format!("{l}"));
            self.diagnostics.push(
                Diagnostic::warning(
                    format!("consensus[{index}]"),
                    format!(
                        "the committee agreed on {} for {vendor} on {requirement} before the ratings changed: {who} {} → {}",
                        c.value,
                        level(seen),
                        level(now)
                    ),
                )
                .with_hint("review the value and set it again to confirm it against the ratings now"),
            );
        }

        let expected = rated_reqs.len() * n_vendors;
        let evaluators = card
            .evaluators
            .iter()
            .zip(rated_by)
            .map(|(e, rated)| EvaluatorProgress {
                evaluator_id: e.id.clone(),
                name: crate::model::without_direction_controls(&e.name),
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

pub(super) fn round9(value: f64) -> f64 {
    (value * 1e9).round() / 1e9
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
