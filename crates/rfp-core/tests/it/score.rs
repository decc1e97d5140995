//! Scoring rules, weights, gates, ranking, flags — and the defined results at the edges.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rfp_core::score::{ScoreSource, VendorStatus};
use rfp_core::*;

use crate::support::{arb_scorecard, evaluator, rating, small_scorecard};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// A scorecard with one category holding the given requirements and one vendor per answer set.
fn card_with(requirements: Vec<Criterion>, vendors: Vec<Vec<(&str, Answer)>>) -> Scorecard {
    let mut card = Scorecard::default();
    card.criteria = vec![Criterion::category("all", "All", 1.0, requirements)];
    card.vendors = vendors
        .into_iter()
        .enumerate()
        .map(|(i, answers)| Vendor {
            id: format!("v{i}"),
            name: format!("Vendor {i}"),
            answers: answers
                .into_iter()
                .map(|(k, a)| (k.to_owned(), a))
                .collect::<BTreeMap<_, _>>(),
            ..Vendor::default()
        })
        .collect();
    card
}

/// Each vendor's total, in vendor file order.
fn totals(card: &Scorecard) -> Vec<f64> {
    let report = score(card);
    card.vendors
        .iter()
        .map(|v| {
            report
                .vendors
                .iter()
                .find(|r| r.vendor_id == v.id)
                .unwrap()
                .total
        })
        .collect()
}

fn check_totals(card: &Scorecard, expect: &[f64]) {
    let got = totals(card);
    assert_eq!(got.len(), expect.len());
    for (g, e) in got.iter().zip(expect) {
        assert!((g - e).abs() < 1e-6, "got {got:?}, expected {expect:?}");
    }
}

fn numeric(better: Better, curve: Curve) -> Scoring {
    Scoring::Numeric(NumericRule {
        unit: "minutes".into(),
        better,
        curve,
        extra: Extra::new(),
    })
}

#[test]
fn yes_no_scores_one_or_zero() {
    let req = Criterion::requirement("r", "R", 1.0, Scoring::YesNo(YesNoRule::default()));
    let card = card_with(
        vec![req],
        vec![
            vec![("r", Answer::Bool(true))],
            vec![("r", Answer::Bool(false))],
            vec![],
        ],
    );
    check_totals(&card, &[100.0, 0.0, 0.0]);
    let report = score(&card);
    assert_eq!(report.missing_answers.len(), 1);
    assert_eq!(report.missing_answers[0].vendor_id, "v2");
}

#[test]
fn choice_single_and_multiple() {
    let options = |multiple| {
        Scoring::Choice(ChoiceRule {
            options: [("full", 4.0), ("partial", 1.0), ("none", 0.0)]
                .iter()
                .map(|(id, points)| ChoiceOption {
                    id: (*id).into(),
                    label: (*id).into(),
                    points: *points,
                    meets: false,
                    extra: Extra::new(),
                })
                .collect(),
            multiple,
            extra: Extra::new(),
        })
    };
    let single = Criterion::requirement("r", "R", 1.0, options(false));
    let card = card_with(
        vec![single],
        vec![
            vec![("r", Answer::Text("full".into()))],
            vec![("r", Answer::Text("partial".into()))],
            vec![("r", Answer::Text("none".into()))],
        ],
    );
    check_totals(&card, &[100.0, 25.0, 0.0]);
    let multi = Criterion::requirement("r", "R", 1.0, options(true));
    let card = card_with(
        vec![multi],
        vec![
            vec![("r", Answer::List(vec!["full".into(), "partial".into()]))],
            vec![("r", Answer::List(vec!["partial".into(), "partial".into()]))],
            vec![("r", Answer::List(vec![]))],
        ],
    );
    check_totals(&card, &[100.0, 20.0, 0.0]);
}

#[test]
fn numeric_linear_clamps_both_directions() {
    // Uptime: 99.0 scores 0, 99.99 scores 1.
    let uptime = Criterion::requirement(
        "r",
        "Uptime",
        1.0,
        numeric(Better::Higher, Curve::linear(99.0, 99.99)),
    );
    let card = card_with(
        vec![uptime],
        [98.0, 99.0, 99.495, 99.99, 100.0]
            .iter()
            .map(|x| vec![("r", Answer::Number(*x))])
            .collect(),
    );
    check_totals(&card, &[0.0, 0.0, 50.0, 100.0, 100.0]);
    // Response minutes: lower is better; 240 scores 0, 15 scores 1.
    let response = Criterion::requirement(
        "r",
        "Sev-1 response",
        1.0,
        numeric(Better::Lower, Curve::linear(240.0, 15.0)),
    );
    let card = card_with(
        vec![response],
        [5.0, 15.0, 127.5, 240.0, 600.0]
            .iter()
            .map(|x| vec![("r", Answer::Number(*x))])
            .collect(),
    );
    check_totals(&card, &[100.0, 100.0, 50.0, 0.0, 0.0]);
}

#[test]
fn numeric_steps() {
    // Sev-1 response thresholds as in DOMAIN.md (cleardata.com: Sev1 15 min, Sev2 60 min).
    let steps = vec![
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
    ];
    let response =
        Criterion::requirement("r", "R", 1.0, numeric(Better::Lower, Curve::Steps(steps)));
    let card = card_with(
        vec![response],
        [10.0, 15.0, 16.0, 60.0, 240.0, 241.0]
            .iter()
            .map(|x| vec![("r", Answer::Number(*x))])
            .collect(),
    );
    check_totals(&card, &[100.0, 100.0, 50.0, 50.0, 20.0, 0.0]);
    let providers = Criterion::requirement(
        "r",
        "Providers supported",
        1.0,
        numeric(
            Better::Higher,
            Curve::Steps(vec![
                Step {
                    at: 5.0,
                    score: 0.5,
                    extra: Default::default(),
                },
                Step {
                    at: 20.0,
                    score: 1.0,
                    extra: Default::default(),
                },
            ]),
        ),
    );
    let card = card_with(
        vec![providers],
        [4.0, 5.0, 19.0, 20.0]
            .iter()
            .map(|x| vec![("r", Answer::Number(*x))])
            .collect(),
    );
    check_totals(&card, &[0.0, 50.0, 50.0, 100.0]);
}

fn price_card(formula: PriceFormula, bids: &[f64]) -> Scorecard {
    let price = Criterion::requirement(
        "p",
        "Price",
        1.0,
        Scoring::Price(PriceRule {
            formula,
            ..PriceRule::default()
        }),
    );
    card_with(
        vec![price],
        bids.iter()
            .map(|b| vec![("p", Answer::Number(*b))])
            .collect(),
    )
}

#[test]
fn price_lowest_ratio_reproduces_the_georgia_procurement_manual() {
    // Georgia Procurement Manual, section 5.6.3.2.2 (cost scoring): 300 points available;
    // the lowest proposal, $50,000, receives 300 points; a $55,000 proposal receives
    // 50,000 ÷ 55,000 × 300 = 272.7 points.
    let card = price_card(PriceFormula::LowestRatio, &[50_000.0, 55_000.0]);
    let report = score(&card);
    let points_of = |id: &str| {
        let v = report.vendors.iter().find(|v| v.vendor_id == id).unwrap();
        v.scores[0].score * 300.0
    };
    assert!((points_of("v0") - 300.0).abs() < 1e-9);
    assert!(
        (points_of("v1") - 272.7).abs() < 0.05,
        "{}",
        points_of("v1")
    );
}

#[test]
fn price_linear_between_lowest_and_highest() {
    let card = price_card(PriceFormula::Linear, &[100.0, 150.0, 200.0]);
    check_totals(&card, &[100.0, 50.0, 0.0]);
    // All equal: all full marks, no division by zero.
    let card = price_card(PriceFormula::Linear, &[100.0, 100.0]);
    check_totals(&card, &[100.0, 100.0]);
}

#[test]
fn a_zero_dollar_bid_does_not_divide_by_zero() {
    let card = price_card(PriceFormula::LowestRatio, &[0.0, 100.0, 0.0]);
    check_totals(&card, &[100.0, 0.0, 100.0]);
    let report = score(&card);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("$0 bid"))
    );
    let card = price_card(PriceFormula::Linear, &[0.0, 100.0]);
    check_totals(&card, &[100.0, 0.0]);
}

#[test]
fn total_cost_of_ownership_with_escalation() {
    let rule = PriceRule {
        years: 3,
        escalation_percent: 10.0,
        ..PriceRule::default()
    };
    let bid = Answer::Price(PriceAnswer {
        one_time: vec![
            CostLine {
                label: "implementation".into(),
                amount: 40_000.0,
                extra: Default::default(),
            },
            CostLine {
                label: "interfaces".into(),
                amount: 10_000.0,
                extra: Default::default(),
            },
        ],
        recurring: vec![CostLine {
            label: "subscription".into(),
            amount: 10_000.0,
            extra: Default::default(),
        }],
        extra: Extra::new(),
    });
    // 50,000 + 10,000 + 11,000 + 12,100
    let total = rfp_core::score::total_cost(&rule, &bid).unwrap();
    assert!(close(total, 83_100.0), "{total}");
}

#[test]
fn weights_normalize_along_a_three_level_tree() {
    let yes = || Scoring::YesNo(YesNoRule::default());
    let mut card = Scorecard::default();
    card.criteria = vec![
        Criterion::category(
            "a",
            "A",
            3.0,
            vec![
                Criterion::category(
                    "a.x",
                    "AX",
                    1.0,
                    vec![
                        Criterion::requirement("a.x.1", "1", 1.0, yes()),
                        Criterion::requirement("a.x.2", "2", 3.0, yes()),
                    ],
                ),
                Criterion::requirement("a.2", "2", 1.0, yes()),
            ],
        ),
        Criterion::category(
            "b",
            "B",
            1.0,
            vec![Criterion::requirement("b.1", "1", 5.0, yes())],
        ),
    ];
    let report = score(&card);
    let weight = |id: &str| {
        report
            .requirements
            .iter()
            .find(|r| r.id == id)
            .unwrap()
            .weight
    };
    assert!(close(weight("a.x.1"), 0.75 * 0.5 * 0.25));
    assert!(close(weight("a.x.2"), 0.75 * 0.5 * 0.75));
    assert!(close(weight("a.2"), 0.75 * 0.5));
    assert!(close(weight("b.1"), 0.25));
    let sum: f64 = report.requirements.iter().map(|r| r.weight).sum();
    assert!(close(sum, 1.0));
    card.vendors = vec![Vendor {
        id: "v".into(),
        answers: BTreeMap::from([
            ("a.x.2".into(), Answer::Bool(true)),
            ("b.1".into(), Answer::Bool(true)),
        ]),
        ..Vendor::default()
    }];
    let report = score(&card);
    let v = &report.vendors[0];
    assert!(close(v.total, 100.0 * (0.75 * 0.5 * 0.75 + 0.25)));
    // Category points add up: a holds a.x; top-level points sum to the total.
    let top: f64 = report
        .categories
        .iter()
        .zip(&v.category_points)
        .filter(|(c, _)| c.depth == 0)
        .map(|(_, p)| p)
        .sum();
    assert!(close(top, v.total));
    assert!(
        close(v.category_shares[1], 0.75),
        "a.x share {:?}",
        v.category_shares
    );
}

#[test]
fn an_empty_category_and_zero_weights_are_defined() {
    let yes = || Scoring::YesNo(YesNoRule::default());
    let mut card = card_with(vec![], vec![vec![("r", Answer::Bool(true))]]);
    card.criteria = vec![
        Criterion::category("empty", "Empty", 50.0, vec![]),
        Criterion::category(
            "real",
            "Real",
            50.0,
            vec![Criterion::requirement("r", "R", 1.0, yes())],
        ),
    ];
    // The empty category's weight is left out: the real one carries everything.
    check_totals(&card, &[100.0]);
    assert!(
        score(&card)
            .diagnostics
            .iter()
            .any(|d| d.message.contains("has no requirements"))
    );
    // All weights zero: everyone totals 0, with a diagnostic, and nobody is NaN.
    card.criteria[1].weight = 0.0;
    card.criteria[0].weight = 0.0;
    check_totals(&card, &[0.0]);
    assert!(
        score(&card)
            .diagnostics
            .iter()
            .any(|d| d.message.contains("every weight is 0"))
    );
}

#[test]
fn no_criteria_no_vendors_no_evaluators() {
    let report = score(&Scorecard::default());
    assert!(report.vendors.is_empty());
    let mut card = Scorecard::default();
    card.vendors.push(Vendor {
        id: "only".into(),
        ..Vendor::default()
    });
    let report = score(&card);
    assert_eq!(report.vendors[0].rank, 1);
    assert_eq!(report.vendors[0].total, 0.0);
    assert_eq!(report.vendors[0].name, "only");
    // A rating requirement with no evaluators: missing, 0, no NaN.
    let card = card_with(
        vec![Criterion::requirement(
            "r",
            "R",
            1.0,
            Scoring::Rating(RatingRule::default()),
        )],
        vec![vec![]],
    );
    let report = score(&card);
    assert_eq!(report.vendors[0].scores[0].source, ScoreSource::Missing);
    assert_eq!(report.vendors[0].total, 0.0);
}

#[test]
fn competition_ranking_with_ties_and_knockouts_last() {
    let yes = Criterion::requirement("g", "Gate", 0.0, Scoring::YesNo(YesNoRule::default()))
        .with_gate(Gate::Required);
    let points = Criterion::requirement(
        "n",
        "N",
        1.0,
        numeric(Better::Higher, Curve::linear(0.0, 100.0)),
    );
    let card = card_with(
        vec![yes, points],
        [
            (true, 90.0),
            (true, 80.0),
            (true, 80.0),
            (true, 70.0),
            (false, 100.0),
            (false, 95.0),
        ]
        .iter()
        .map(|(g, n)| vec![("g", Answer::Bool(*g)), ("n", Answer::Number(*n))])
        .collect(),
    );
    let report = score(&card);
    let ranks: Vec<(String, usize, VendorStatus)> = report
        .vendors
        .iter()
        .map(|v| (v.vendor_id.clone(), v.rank, v.status))
        .collect();
    use VendorStatus::*;
    assert_eq!(
        ranks,
        vec![
            ("v0".into(), 1, Qualified),
            ("v1".into(), 2, Qualified),
            ("v2".into(), 2, Qualified),
            ("v3".into(), 4, Qualified),
            ("v4".into(), 5, KnockedOut),
            ("v5".into(), 6, KnockedOut),
        ]
    );
    let failure = &report.vendors[4].gate_failures[0];
    assert_eq!(failure.requirement_id, "g");
    assert_eq!(failure.reason, "answered no to a mandatory requirement");
    // With the flag policy, the failures stay visible but rank with the others.
    let mut flagged = card.clone();
    flagged.settings.knockout = KnockoutPolicy::Flag;
    let report = score(&flagged);
    assert_eq!(report.vendors[0].vendor_id, "v4");
    assert_eq!(report.vendors[0].status, Flagged);
    assert_eq!(report.vendors[0].gate_failures.len(), 1);
}

#[test]
fn every_gate_kind_says_why() {
    let mut card = small_scorecard();
    card.criteria[1].children[0].gate = Some(Gate::AtMost(150_000.0));
    card.criteria.push(Criterion::category(
        "sla",
        "SLA",
        10.0,
        vec![
            Criterion::requirement(
                "sla.uptime",
                "Uptime",
                1.0,
                Scoring::Numeric(NumericRule {
                    unit: "%".into(),
                    better: Better::Higher,
                    curve: Curve::linear(99.0, 99.99),
                    extra: Extra::new(),
                }),
            )
            .with_gate(Gate::AtLeast(99.5)),
        ],
    ));
    card.criteria[0].children[0].gate = Some(Gate::AtLeast(4.0));
    card.vendors[0]
        .answers
        .insert("sla.uptime".into(), Answer::Number(99.2));
    let report = score(&card);
    let acme = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == "acme")
        .unwrap();
    let reasons: Vec<&str> = acme
        .gate_failures
        .iter()
        .map(|f| f.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        vec![
            "the mean rating 3 is below the minimum rating of 4",
            "99.2% is below the required 99.5%",
        ]
    );
    let bolt = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == "bolt")
        .unwrap();
    let reasons: Vec<&str> = bolt
        .gate_failures
        .iter()
        .map(|f| f.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        vec![
            "5-year total cost 200,000 is above the ceiling of 150,000",
            "no answer given to a mandatory requirement",
        ]
    );
    assert_eq!(
        report
            .requirements
            .iter()
            .find(|r| r.id == "cost.tco")
            .unwrap()
            .gate
            .as_deref(),
        Some("5-year total cost at most 150,000")
    );
}

#[test]
fn aggregation_methods() {
    use rfp_core::score::aggregate;
    let values = [0.2, 0.4, 0.6, 1.0, 0.0];
    assert!(close(
        aggregate(&mut values.clone(), Aggregation::Mean, 0.2),
        0.44
    ));
    assert!(close(
        aggregate(&mut values.clone(), Aggregation::Median, 0.2),
        0.4
    ));
    // Trimmed mean cuts floor(5 × 0.2) = 1 from each end: mean of 0.2, 0.4, 0.6.
    assert!(close(
        aggregate(&mut values.clone(), Aggregation::TrimmedMean, 0.2),
        0.4
    ));
    assert!(close(
        aggregate(&mut [0.2, 0.4], Aggregation::Median, 0.2),
        0.3
    ));
    // Too few to trim: the mean.
    assert!(close(
        aggregate(&mut [0.0, 1.0], Aggregation::TrimmedMean, 0.4),
        0.5
    ));
}

#[test]
fn ratings_aggregate_and_consensus_wins() {
    let mut card = small_scorecard();
    let report = score(&card);
    let acme = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == "acme")
        .unwrap();
    // Mean of 4 and 2 on 0–5 → 3 → 0.6.
    assert_eq!(acme.scores[0].source, ScoreSource::Evaluators(2));
    assert!(close(acme.scores[0].score, 0.6));
    assert_eq!(acme.scores[0].value, Some(3.0));
    card.consensus.push(Consensus {
        vendor: "acme".into(),
        requirement: "fit.demo".into(),
        value: 2.0,
        rationale: "the demo skipped refills".into(),
        basis: Default::default(),
        extra: Default::default(),
    });
    let report = score(&card);
    let acme = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == "acme")
        .unwrap();
    assert_eq!(acme.scores[0].source, ScoreSource::Consensus);
    assert!(close(acme.scores[0].score, 0.4));
}

#[test]
fn the_latest_revision_counts_and_conflicts_are_flagged() {
    let mut card = small_scorecard();
    card.ratings.push(rating("e1", "acme", "fit.demo", 0.0, 2));
    let report = score(&card);
    let acme = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == "acme")
        .unwrap();
    assert!(close(acme.scores[0].score, 0.2), "mean of 0 and 2 on 0–5");
    card.ratings.push(rating("e1", "acme", "fit.demo", 5.0, 2));
    let report = score(&card);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("merge conflict"))
    );
}

#[test]
fn disagreement_threshold_is_a_share_of_the_scale() {
    let card = small_scorecard();
    // acme: 4 vs 2 on 0–5 is a spread of 0.4 ≥ 0.3.
    let report = score(&card);
    assert_eq!(report.disagreements.len(), 1);
    let d = &report.disagreements[0];
    assert_eq!(
        (d.vendor_id.as_str(), d.requirement_id.as_str()),
        ("acme", "fit.demo")
    );
    assert!(close(d.spread, 0.4));
    assert_eq!(d.ratings, vec![("e1".into(), 4.0), ("e2".into(), 2.0)]);
    let mut stricter = card.clone();
    stricter.settings.disagreement_threshold = 0.5;
    assert!(score(&stricter).disagreements.is_empty());
    let mut exact = card;
    exact.settings.disagreement_threshold = 0.4;
    assert_eq!(
        score(&exact).disagreements.len(),
        1,
        "at the threshold counts"
    );
}

#[test]
fn completeness_per_vendor_and_evaluator() {
    let mut card = small_scorecard();
    card.evaluators.push(evaluator("e3"));
    card.evaluators[2].attestation = None;
    card.ratings.push(rating("e3", "acme", "fit.demo", 3.0, 1));
    let report = score(&card);
    let e3 = report
        .evaluators
        .iter()
        .find(|e| e.evaluator_id == "e3")
        .unwrap();
    assert_eq!((e3.rated, e3.expected), (1, 2));
    assert!(close(e3.completeness, 0.5));
    assert!(!e3.attested);
    let mut card = small_scorecard();
    card.vendors[1].answers.remove("cost.tco");
    let report = score(&card);
    let bolt = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == "bolt")
        .unwrap();
    assert!(close(bolt.completeness, 2.0 / 3.0));
}

#[test]
fn leniency_normalization_evens_out_a_harsh_and_a_lenient_evaluator() {
    // The harsh evaluator rates everyone 2 points lower, in the same order.
    let rule = Scoring::Rating(RatingRule::default());
    let mut card = card_with(
        vec![
            Criterion::requirement("r1", "R1", 1.0, rule.clone()),
            Criterion::requirement("r2", "R2", 1.0, rule),
        ],
        vec![vec![], vec![]],
    );
    card.evaluators = vec![evaluator("harsh"), evaluator("lenient")];
    for (e, offset) in [("harsh", 0.0), ("lenient", 2.0)] {
        card.ratings.push(rating(e, "v0", "r1", 1.0 + offset, 1));
        card.ratings.push(rating(e, "v0", "r2", 3.0 + offset, 1));
        card.ratings.push(rating(e, "v1", "r1", 2.0 + offset, 1));
        card.ratings.push(rating(e, "v1", "r2", 2.0 + offset, 1));
    }
    let raw = score(&card);
    assert_eq!(
        raw.disagreements.len(),
        4,
        "every pair differs by 2 levels: 40% of the scale"
    );
    let mut normalized = card.clone();
    normalized.settings.leniency_normalization = true;
    let report = score(&normalized);
    // Disagreement is about the ratings as given, which is what the committee discusses.
    assert_eq!(report.disagreements, raw.disagreements);
    // Both evaluators' ratings map to the same values: z-scores against their own mean and
    // spread, mapped back on the pooled mean (0.6 of the scale) and the typical spread within
    // an evaluator (0.1√2). v0 r1 was rated 1 and 3 (z = −√2 for both): 0.6 − √2·0.1√2 = 0.4.
    let v0 = report.vendors.iter().find(|v| v.vendor_id == "v0").unwrap();
    assert!(close(v0.scores[0].score, 0.4), "{}", v0.scores[0].score);
    // The value shown is still the mean of the ratings as given.
    assert_eq!(v0.scores[0].value, Some(2.0));
    // The gap between vendors is not stretched: the mean per vendor stays the same as raw.
    let total = |r: &rfp_core::Report, id: &str| {
        r.vendors.iter().find(|v| v.vendor_id == id).unwrap().total
    };
    assert!(close(total(&report, "v0"), total(&raw, "v0")));
    assert!(close(total(&report, "v1"), total(&raw, "v1")));
}

#[test]
fn ahp_rank_order_and_swing_weights_can_be_in_force() {
    let yes = || Scoring::YesNo(YesNoRule::default());
    let mut card = Scorecard::default();
    card.criteria = vec![Criterion::category(
        "c",
        "C",
        1.0,
        vec![
            Criterion::requirement("a", "A", 1.0, yes()),
            Criterion::requirement("b", "B", 1.0, yes()),
            Criterion::requirement("d", "D", 1.0, yes()),
        ],
    )];
    let weighting = Weighting {
        method: WeightingMethod::Ahp,
        pairwise: vec![
            Comparison {
                a: "a".into(),
                b: "b".into(),
                value: 2.0,
                evaluator: None,
                judged_at: None,
                revision: 0,
                extra: Default::default(),
            },
            Comparison {
                a: "a".into(),
                b: "d".into(),
                value: 4.0,
                evaluator: None,
                judged_at: None,
                revision: 0,
                extra: Default::default(),
            },
            Comparison {
                a: "b".into(),
                b: "d".into(),
                value: 2.0,
                evaluator: None,
                judged_at: None,
                revision: 0,
                extra: Default::default(),
            },
        ],
        ranking: vec!["d".into(), "b".into(), "a".into()],
        swing: BTreeMap::from([("a".into(), 100.0), ("b".into(), 50.0), ("d".into(), 50.0)]),
        extra: Extra::new(),
    };
    card.criteria[0].weighting = Some(weighting);
    let weights = |card: &Scorecard| -> Vec<f64> {
        score(card).requirements.iter().map(|r| r.weight).collect()
    };
    // A consistent matrix: 4/7, 2/7, 1/7.
    let w = weights(&card);
    assert!(
        close(w[0], 4.0 / 7.0) && close(w[1], 2.0 / 7.0) && close(w[2], 1.0 / 7.0),
        "{w:?}"
    );
    let side = score(&card)
        .weightings
        .into_iter()
        .find(|s| s.category_id == "c")
        .unwrap();
    assert!(side.ahp.as_ref().unwrap().consistency_ratio < 1e-9);
    assert_eq!(side.direct.as_ref().unwrap().len(), 3);
    card.criteria[0].weighting.as_mut().unwrap().method = WeightingMethod::RankOrderCentroid;
    let w = weights(&card);
    assert!(
        (w[2] - 0.6111).abs() < 1e-4
            && (w[1] - 0.2778).abs() < 1e-4
            && (w[0] - 0.1111).abs() < 1e-4
    );
    card.criteria[0].weighting.as_mut().unwrap().method = WeightingMethod::Swing;
    let w = weights(&card);
    assert!(close(w[0], 0.5) && close(w[1], 0.25) && close(w[2], 0.25));
}

#[test]
fn an_inconsistent_ahp_is_flagged_with_the_pair_to_revisit() {
    let yes = || Scoring::YesNo(YesNoRule::default());
    let mut card = Scorecard::default();
    let ids = ["a", "b", "c", "d"];
    card.criteria = ids
        .iter()
        .map(|id| {
            Criterion::category(
                id,
                id,
                1.0,
                vec![Criterion::requirement(&format!("{id}.r"), "R", 1.0, yes())],
            )
        })
        .collect();
    // Consistent 8:4:2:1, except d is said to beat a strongly.
    let mut pairwise = Vec::new();
    let w = [8.0, 4.0, 2.0, 1.0];
    for i in 0..4 {
        for j in i + 1..4 {
            let value = if (i, j) == (0, 3) {
                1.0 / 5.0
            } else {
                w[i] / w[j]
            };
            pairwise.push(Comparison {
                a: ids[i].into(),
                b: ids[j].into(),
                value,
                evaluator: None,
                judged_at: None,
                revision: 0,
                extra: Default::default(),
            });
        }
    }
    card.settings.top_weighting = Some(Weighting {
        method: WeightingMethod::Ahp,
        pairwise,
        ..Weighting::default()
    });
    let report = score(&card);
    let top = report
        .weightings
        .iter()
        .find(|w| w.category_id.is_empty())
        .unwrap();
    let ahp = top.ahp.as_ref().unwrap();
    assert!(ahp.consistency_ratio > 0.10, "{}", ahp.consistency_ratio);
    assert_eq!(ahp.revisit, Some(("a".into(), "d".into())));
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("inconsistent") && d.message.contains("revisit a vs d"))
    );
}

#[test]
fn a_rating_gate_with_no_ratings_is_pending_not_passed() {
    let mut card = small_scorecard();
    card.criteria[0].children[0].gate = Some(Gate::AtLeast(3.0));
    card.ratings.retain(|r| r.vendor != "bolt");
    let report = score(&card);
    let bolt = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == "bolt")
        .unwrap();
    assert_eq!(bolt.status, VendorStatus::Qualified);
    assert_eq!(bolt.pending_gates.len(), 1);
    assert_eq!(bolt.pending_gates[0].requirement_id, "fit.demo");
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("cannot be decided for 1 vendor"))
    );
}

#[test]
fn hostile_scales_and_sizes_do_not_panic_or_exhaust_memory() {
    // A scale spanning all of i32 and an inverted one: validation errors, no overflow.
    let rule = |min, max| {
        Scoring::Rating(RatingRule {
            min,
            max,
            ..RatingRule::default()
        })
    };
    let mut card = card_with(
        vec![
            Criterion::requirement("wide", "Wide", 1.0, rule(i32::MIN, i32::MAX)),
            Criterion::requirement("upside", "Upside down", 1.0, rule(i32::MAX, i32::MIN)),
        ],
        vec![vec![]],
    );
    card.evaluators = vec![evaluator("e")];
    card.ratings = vec![
        rating("e", "v0", "wide", 0.0, 1),
        rating("e", "v0", "upside", 0.0, 1),
    ];
    card.consensus.push(Consensus {
        vendor: "v0".into(),
        requirement: "upside".into(),
        value: 1.0,
        rationale: "r".into(),
        basis: Default::default(),
        extra: Default::default(),
    });
    let report = score(&card);
    assert!(report.vendors[0].total.is_finite());
    let errors: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        errors.iter().any(|m| m.contains("at most 101 are allowed")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|m| m.contains("is empty")), "{errors:?}");
    // 600 vendors × 500 evaluators (the limit) × 600 rated requirements and one rating:
    // sparse, quick.
    let requirements = (0..600)
        .map(|i| Criterion::requirement(&format!("r{i}"), "R", 1.0, rule(0, 5)))
        .collect();
    let mut big = card_with(requirements, (0..600).map(|_| vec![]).collect());
    big.evaluators = (0..500).map(|i| evaluator(&format!("e{i}"))).collect();
    big.ratings = vec![rating("e499", "v599", "r599", 5.0, 1)];
    let report = score(&big);
    let v599 = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == "v599")
        .unwrap();
    assert_eq!(v599.rank, 1);
    assert!(close(v599.total, 100.0 / 600.0));
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn years_and_escalation_are_bounded() {
    let mut card = price_card(PriceFormula::LowestRatio, &[100.0]);
    if let Some(Scoring::Price(rule)) = &mut card.criteria[0].children[0].scoring {
        rule.years = 500;
        rule.escalation_percent = -250.0;
    }
    let messages: Vec<String> = validate(&card).iter().map(|d| d.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("expected 1 to 100 years")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("above -100%")),
        "{messages:?}"
    );
}

#[test]
fn a_non_finite_number_is_refused_on_save_naming_the_place() {
    let mut card = small_scorecard();
    card.criteria[1].weight = f64::NAN;
    let text = rfp_core::save(&card).unwrap_err().to_string();
    assert!(
        text.contains(
            "criteria[1].weight: expected a number, found a value that is not a finite number"
        ),
        "{text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// A report rescored after ratings changed — only the cells they left or joined resolved
    /// again — is the report scored in full, diagnostics included, edit after edit: changes in
    /// place, new revisions, merge conflicts (same revision, other value or note), ratings moved
    /// to another evaluator or to an unknown one, off the scale or not a number, and removals
    /// and changes of vendors or evaluators (which the caller cannot describe as changes of
    /// ratings, so they are scored in full).
    #[test]
    fn rescoring_after_rating_changes_is_scoring_in_full(
        card in arb_scorecard(),
        lenient in any::<bool>(),
        aggregation in prop_oneof![
            Just(Aggregation::Mean),
            Just(Aggregation::Median),
            Just(Aggregation::TrimmedMean),
        ],
        edits in prop::collection::vec((0u8..10, any::<prop::sample::Index>(), -1.0f64..7.0), 1..24),
    ) {
        let mut card = card;
        card.settings.leniency_normalization = lenient;
        card.settings.aggregation = aggregation;
        let (first_report, mut prepared) = rfp_core::score::score_prepared(&card);
        prop_assert_eq!(&first_report, &score(&card));
        for (step, (kind, pick, level)) in edits.into_iter().enumerate() {
            if card.ratings.is_empty() {
                break;
            }
            let i = pick.index(card.ratings.len());
            let first = card.ratings[i].clone();
            let end = card.ratings.len();
            let changed: Vec<usize> = match kind {
                // A new level, a new revision.
                0 => {
                    let r = &mut card.ratings[i];
                    r.score = level.round();
                    r.revision += 1;
                    vec![i]
                }
                // A second value at the same revision: a merge conflict.
                1 => {
                    card.ratings.push(rating(&first.evaluator, &first.vendor, &first.requirement, level.round(), first.revision));
                    vec![end]
                }
                // The same value with another note at the same revision.
                2 => {
                    let mut twin = first.clone();
                    twin.note = format!("note {step}").into();
                    card.ratings.push(twin);
                    vec![end]
                }
                // Moved to another evaluator (known or not), and a later revision added.
                3 => {
                    let at = card.evaluators.iter().position(|e| e.id == first.evaluator.as_str());
                    let other = at
                        .map(|e| (e + 1) % card.evaluators.len())
                        .filter(|&e| Some(e) != at)
                        .map_or("nobody".to_owned(), |e| card.evaluators[e].id.clone());
                    card.ratings[i].evaluator = other.into();
                    card.ratings.push(rating(&first.evaluator, &first.vendor, &first.requirement, level.round(), first.revision + 1));
                    vec![i, end]
                }
                // Off the scale, or not a number.
                4 => {
                    card.ratings[i].score = if step % 2 == 0 { 1e9 } else { f64::NAN };
                    vec![i]
                }
                // A rating by nobody known.
                5 => {
                    card.ratings.push(rating("nobody", &first.vendor, &first.requirement, level.round(), 0));
                    vec![end]
                }
                // Removed: not a change `rescore` can be told of (it scores in full).
                6 => {
                    card.ratings.remove(i);
                    Vec::new()
                }
                // Vendors in another order, or another evaluator (with an empty id): other ids
                // than the prepared parts were made for, so scored in full.
                8 => {
                    let last = card.vendors.len() - 1;
                    card.vendors.swap(0, last);
                    Vec::new()
                }
                9 => {
                    card.evaluators.push(evaluator(""));
                    Vec::new()
                }
                // A fractional level in place, the same revision.
                _ => {
                    card.ratings[i].score = level;
                    vec![i]
                }
            };
            let rescored = rfp_core::score::rescore(&card, &mut prepared, &changed);
            prop_assert_eq!(&rescored, &score(&card), "after edit {} of kind {}", step, kind);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    /// The scorer checks ratings as it resolves them; it must find exactly what `validate` finds.
    #[test]
    fn the_scorer_reports_the_rating_problems_validate_reports(
        card in arb_scorecard(),
        unknown in any::<bool>(),
        off_scale in any::<bool>(),
        duplicate in any::<bool>(),
    ) {
        let mut card = card;
        if let Some(first) = card.ratings.first().cloned() {
            if unknown {
                card.ratings.push(rating("nobody", &first.vendor, &first.requirement, first.score, 1));
            }
            if off_scale {
                card.ratings.push(rating(&first.evaluator, &first.vendor, &first.requirement, 1e9, 0));
            }
            if duplicate {
                let mut twin = first.clone();
                twin.score += 1.0;
                card.ratings.push(twin);
            }
        }
        let about_ratings = |list: &[Diagnostic]| {
            let mut found: Vec<String> = list
                .iter()
                .filter(|d| matches!(d.location, rfp_core::location::Location::Rating { .. }))
                .map(|d| d.to_string())
                .collect();
            found.sort();
            found
        };
        prop_assert_eq!(about_ratings(&score(&card).diagnostics), about_ratings(&validate(&card)));
    }

    #[test]
    fn reports_are_always_defined(card in arb_scorecard()) {
        let report = score(&card);
        prop_assert_eq!(report.vendors.len(), card.vendors.len());
        let mut previous_rank = 0;
        for v in &report.vendors {
            prop_assert!(v.total.is_finite() && (0.0..=100.0).contains(&v.total));
            prop_assert!(v.rank >= 1 && v.rank >= previous_rank);
            previous_rank = v.rank;
            for s in &v.scores {
                prop_assert!(s.score.is_finite() && (0.0..=1.0).contains(&s.score));
            }
            let top: f64 = report.categories.iter().zip(&v.category_points)
                .filter(|(c, _)| c.depth == 0).map(|(_, p)| p).sum();
            prop_assert!((top - v.total).abs() < 1e-6);
        }
        let weight: f64 = report.requirements.iter().map(|r| r.weight).sum();
        prop_assert!(weight.abs() < 1e-9 || (weight - 1.0).abs() < 1e-9);
        // Serializes to JSON without NaN (which JSON cannot hold).
        prop_assert!(serde_json::to_string(&report).is_ok());
    }
}
