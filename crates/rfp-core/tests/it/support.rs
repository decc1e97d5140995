//! Shared fixtures and generators.

use std::collections::BTreeMap;
use std::path::PathBuf;

use proptest::prelude::*;
use rfp_core::*;

/// `tests/data` at the workspace root.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data")
}

/// A rating requirement's rule: levels 0 to 5, each with an anchor.
pub fn rating_rule() -> Scoring {
    Scoring::Rating(RatingRule {
        anchors: (0..=5)
            .map(|level| Anchor {
                level,
                description: format!("level {level}"),
                extra: Default::default(),
            })
            .collect(),
        ..RatingRule::default()
    })
}

/// A small valid scorecard with every kind, two vendors and two evaluators.
pub fn small_scorecard() -> Scorecard {
    let mut card = Scorecard::default();
    card.meta.title = "Small".into();
    card.criteria = vec![
        Criterion::category(
            "fit",
            "Fit",
            60.0,
            vec![
                Criterion::requirement("fit.demo", "Scripted demo", 2.0, rating_rule()),
                Criterion::requirement(
                    "fit.onc",
                    "ONC certified",
                    1.0,
                    Scoring::YesNo(YesNoRule::default()),
                )
                .with_gate(Gate::Required),
            ],
        ),
        Criterion::category(
            "cost",
            "Cost",
            40.0,
            vec![Criterion::requirement(
                "cost.tco",
                "5-year TCO",
                1.0,
                Scoring::Price(PriceRule::default()),
            )],
        ),
    ];
    card.vendors = vec![
        Vendor {
            id: "acme".into(),
            name: "Acme Clinical".into(),
            answers: BTreeMap::from([
                ("fit.onc".into(), Answer::Bool(true)),
                ("cost.tco".into(), Answer::Number(100_000.0)),
            ]),
            ..Vendor::default()
        },
        Vendor {
            id: "bolt".into(),
            name: "Bolt EHR".into(),
            answers: BTreeMap::from([
                ("fit.onc".into(), Answer::Bool(true)),
                ("cost.tco".into(), Answer::Number(200_000.0)),
            ]),
            ..Vendor::default()
        },
    ];
    card.evaluators = vec![evaluator("e1"), evaluator("e2")];
    card.ratings = vec![
        rating("e1", "acme", "fit.demo", 4.0, 1),
        rating("e2", "acme", "fit.demo", 2.0, 1),
        rating("e1", "bolt", "fit.demo", 5.0, 1),
        rating("e2", "bolt", "fit.demo", 5.0, 1),
    ];
    card
}

/// An evaluator with an attestation.
pub fn evaluator(id: &str) -> Evaluator {
    Evaluator {
        id: id.into(),
        name: format!("Evaluator {id}"),
        role: "physician".into(),
        attestation: Some(Attestation {
            no_conflict: true,
            date: "2026-11-01".into(),
            statement: String::new(),
            extra: Default::default(),
        }),
        ..Evaluator::default()
    }
}

/// A rating.
pub fn rating(
    evaluator: &str,
    vendor: &str,
    requirement: &str,
    score: f64,
    revision: u32,
) -> Rating {
    Rating {
        evaluator: evaluator.into(),
        vendor: vendor.into(),
        requirement: requirement.into(),
        score,
        note: Default::default(),
        revision,
        rated_at: None,
        extra: Default::default(),
    }
}

fn arb_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;=+@'\"é\\-]{0,12}"
}

fn arb_scoring() -> impl Strategy<Value = Scoring> {
    prop_oneof![
        Just(Scoring::YesNo(YesNoRule::default())),
        (1usize..4, any::<bool>()).prop_map(|(n, multiple)| Scoring::Choice(ChoiceRule {
            options: (0..n)
                .map(|i| ChoiceOption {
                    id: format!("o{i}"),
                    label: format!("Option {i}"),
                    points: i as f64,
                    meets: i % 2 == 1,
                    extra: Extra::new(),
                })
                .collect(),
            multiple,
            extra: Extra::new(),
        })),
        (any::<bool>(), -1e6f64..1e6, 1.0f64..1e3).prop_map(|(higher, worst, span)| {
            let (better, best) = if higher {
                (Better::Higher, worst + span)
            } else {
                (Better::Lower, worst - span)
            };
            Scoring::Numeric(NumericRule {
                unit: "units".into(),
                better,
                curve: Curve::linear(worst, best),
                extra: Extra::new(),
            })
        }),
        (0i32..3, 1i32..10).prop_map(|(min, span)| Scoring::Rating(RatingRule {
            min,
            max: min + span,
            ..RatingRule::default()
        })),
        (1u32..10, 0.0f64..10.0).prop_map(|(years, escalation_percent)| Scoring::Price(
            PriceRule {
                years,
                escalation_percent,
                ..PriceRule::default()
            }
        )),
    ]
}

/// Random scorecards: two-level criteria of every kind, vendors with fitting answers,
/// evaluators with ratings on the scale.
pub fn arb_scorecard() -> impl Strategy<Value = Scorecard> {
    let requirement = (arb_text(), 0.0f64..100.0, arb_scoring());
    let category = (
        arb_text(),
        0.0f64..100.0,
        prop::collection::vec(requirement, 0..5),
    );
    (
        arb_text(),
        prop::collection::vec(category, 0..4),
        1usize..4,
        0usize..3,
        any::<u64>(),
    )
        .prop_map(|(title, categories, n_vendors, n_evaluators, seed)| {
            let mut card = Scorecard::default();
            card.meta.title = title;
            let mut rng = seed;
            let mut next = move |m: u64| {
                rng = rng
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (rng >> 33) % m.max(1)
            };
            for (ci, (name, weight, requirements)) in categories.into_iter().enumerate() {
                let children = requirements
                    .into_iter()
                    .enumerate()
                    .map(|(ri, (text, w, scoring))| {
                        Criterion::requirement(&format!("c{ci}.r{ri}"), &text, w, scoring)
                    })
                    .collect();
                card.criteria.push(Criterion::category(
                    &format!("c{ci}"),
                    &name,
                    weight,
                    children,
                ));
            }
            let requirements: Vec<Criterion> = card
                .criteria
                .iter()
                .flat_map(|c| c.children.clone())
                .collect();
            for vi in 0..n_vendors {
                let mut vendor = Vendor {
                    id: format!("v{vi}"),
                    name: format!("Vendor {vi}"),
                    ..Vendor::default()
                };
                for r in &requirements {
                    if next(5) == 0 {
                        continue; // a missing answer
                    }
                    let answer = match r.scoring.as_ref().unwrap() {
                        Scoring::YesNo(_) => Some(Answer::Bool(next(2) == 1)),
                        Scoring::Choice(rule) if rule.multiple => Some(Answer::List(
                            rule.options
                                .iter()
                                .filter(|_| next(2) == 1)
                                .map(|o| o.id.clone())
                                .collect(),
                        )),
                        Scoring::Choice(rule) => Some(Answer::Text(
                            rule.options[next(rule.options.len() as u64) as usize]
                                .id
                                .clone(),
                        )),
                        Scoring::Numeric(_) => Some(Answer::Number(next(2_000_000) as f64 - 1e6)),
                        Scoring::Rating(_) => None,
                        Scoring::Price(_) => Some(if next(2) == 0 {
                            Answer::Number(next(1_000_000) as f64)
                        } else {
                            Answer::Price(PriceAnswer {
                                one_time: vec![CostLine {
                                    label: "setup".into(),
                                    amount: next(50_000) as f64,
                                    extra: Default::default(),
                                }],
                                recurring: vec![CostLine {
                                    label: "subscription".into(),
                                    amount: next(20_000) as f64,
                                    extra: Default::default(),
                                }],
                                extra: Extra::new(),
                            })
                        }),
                    };
                    if let Some(answer) = answer {
                        vendor.answers.insert(r.id.clone(), answer);
                    }
                }
                card.vendors.push(vendor);
            }
            for ei in 0..n_evaluators {
                card.evaluators.push(evaluator(&format!("e{ei}")));
                for r in &requirements {
                    if let Some(Scoring::Rating(rule)) = &r.scoring {
                        for vi in 0..n_vendors {
                            if next(4) != 0 {
                                let span = (rule.max - rule.min) as u64 + 1;
                                let level = rule.min as f64 + next(span) as f64;
                                card.ratings.push(rating(
                                    &format!("e{ei}"),
                                    &format!("v{vi}"),
                                    &r.id,
                                    level,
                                    next(3) as u32,
                                ));
                            }
                        }
                    }
                }
            }
            card
        })
}
