//! Synthetic scorecards for benchmarks and performance tests. (The demo scorecard a newcomer
//! sees is the small primary-care template in the `rfp-templates` crate.)

use crate::model::Scorecard;

/// A committee-scale synthetic scorecard for benchmarks and performance tests: `n_vendors`
/// vendors, `n_requirements` requirements in a three-level tree (two in five rated by
/// evaluators, the rest of every objective kind, a few gates, one price), `n_evaluators`
/// evaluators who rate everything, with disagreements and a few missing answers.
/// Deterministic: the same arguments give the same scorecard.
pub fn committee_scale(n_vendors: usize, n_requirements: usize, n_evaluators: usize) -> Scorecard {
    use crate::model::*;
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |modulus: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % modulus.max(1)
    };
    let per_leaf = 10usize;
    let n_leaves = n_requirements.div_ceil(per_leaf).max(1);
    let n_top = n_leaves.div_ceil(5);
    let mut made = 0usize;
    let mut criteria = Vec::new();
    for t in 0..n_top {
        let mut subs = Vec::new();
        for s in 0..5 {
            let mut requirements = Vec::new();
            for r in 0..per_leaf {
                if made == n_requirements {
                    break;
                }
                let id = format!("c{t}.s{s}.r{r}");
                let scoring = match made % 5 {
                    _ if made == 0 => Scoring::Price(PriceRule::default()),
                    0 | 1 => Scoring::Rating(RatingRule {
                        anchors: (0..=5)
                            .map(|level| Anchor {
                                level,
                                description: format!("level {level}"),
                                extra: Default::default(),
                            })
                            .collect(),
                        ..RatingRule::default()
                    }),
                    2 => Scoring::YesNo(YesNoRule::default()),
                    3 => Scoring::Numeric(NumericRule {
                        unit: "minutes".into(),
                        better: Better::Lower,
                        curve: Curve::Steps(vec![
                            Step {
                                at: 15.0,
                                score: 1.0,
                                extra: Default::default(),
                            },
                            Step {
                                at: 60.0,
                                score: 0.5,
                                extra: Default::default(),
                            },
                            Step {
                                at: 240.0,
                                score: 0.2,
                                extra: Default::default(),
                            },
                        ]),
                        extra: Extra::new(),
                    }),
                    _ => Scoring::Choice(ChoiceRule {
                        options: (0..4)
                            .map(|i| ChoiceOption {
                                id: format!("o{i}"),
                                label: format!("Option {i}"),
                                points: i as f64,
                                meets: i == 3,
                                extra: Extra::new(),
                            })
                            .collect(),
                        multiple: made % 10 == 9,
                        extra: Extra::new(),
                    }),
                };
                let mut requirement = Criterion::requirement(
                    &id,
                    &format!("Requirement {made}"),
                    1.0 + (made % 3) as f64,
                    scoring,
                );
                if made % 97 == 2 {
                    requirement.gate = Some(Gate::Required);
                }
                requirements.push(requirement);
                made += 1;
            }
            if !requirements.is_empty() {
                subs.push(Criterion::category(
                    &format!("c{t}.s{s}"),
                    &format!("Sub {t}.{s}"),
                    1.0 + s as f64,
                    requirements,
                ));
            }
        }
        criteria.push(Criterion::category(
            &format!("c{t}"),
            &format!("Category {t}"),
            10.0 + t as f64,
            subs,
        ));
    }
    let mut card = Scorecard {
        criteria,
        ..Scorecard::default()
    };
    card.meta.title =
        format!("{n_vendors} vendors × {n_requirements} requirements × {n_evaluators} evaluators");
    let mut requirements = Vec::new();
    crate::tree::walk(&card.criteria, &mut |node, _, _| {
        if let Some(scoring) = &node.scoring {
            requirements.push((node.id.clone(), scoring.clone()));
        }
    });
    for e in 0..n_evaluators {
        card.evaluators.push(Evaluator {
            id: format!("e{e}"),
            name: format!("Evaluator {e}"),
            role: ["physician", "nurse", "billing", "it", "front_desk"][e % 5].into(),
            attestation: Some(Attestation {
                no_conflict: true,
                date: "2026-11-01".into(),
                statement: String::new(),
                extra: Default::default(),
            }),
            ..Evaluator::default()
        });
    }
    let evaluator_ids: Vec<SharedStr> = (0..n_evaluators)
        .map(|e| SharedStr::from(format!("e{e}")))
        .collect();
    for v in 0..n_vendors {
        let vendor_id = format!("v{v}");
        let vendor_shared = SharedStr::from(vendor_id.as_str());
        let mut vendor = Vendor {
            id: vendor_id.clone(),
            name: format!("Vendor {v}"),
            ..Vendor::default()
        };
        for (id, scoring) in &requirements {
            if next(50) == 0 && !matches!(scoring, Scoring::Price(_)) {
                continue;
            }
            let answer = match scoring {
                Scoring::Rating(_) => {
                    let base = next(6) as f64;
                    for evaluator in &evaluator_ids {
                        let spread = next(3) as f64 - 1.0;
                        card.ratings.push(Rating {
                            evaluator: evaluator.clone(),
                            vendor: vendor_shared.clone(),
                            requirement: id.as_str().into(),
                            score: (base + spread).clamp(0.0, 5.0),
                            note: SharedStr::default(),
                            revision: 1,
                            rated_at: None,
                            extra: Default::default(),
                        });
                    }
                    continue;
                }
                Scoring::YesNo(_) => Answer::Bool(next(10) != 0),
                Scoring::Numeric(_) => Answer::Number((5 + next(300)) as f64),
                Scoring::Choice(rule) if rule.multiple => {
                    Answer::List(vec!["o1".into(), format!("o{}", next(4))])
                }
                Scoring::Choice(_) => Answer::Text(format!("o{}", next(4))),
                Scoring::Price(_) => Answer::Number((150_000 + next(300_000)) as f64),
            };
            vendor.answers.insert(id.clone(), answer);
        }
        card.vendors.push(vendor);
    }
    card
}
