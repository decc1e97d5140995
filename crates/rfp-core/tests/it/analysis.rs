//! The robustness analysis: every break-even weight checked against the scorer on both sides
//! of it, and what the demo's analysis says.

use rfp_core::analysis::{Stepwise, analyse};
use rfp_core::{Criterion, Scorecard, WeightingMethod};

use crate::support::data_dir;

fn load(name: &str) -> Scorecard {
    let text = std::fs::read_to_string(data_dir().join(name)).expect("file");
    rfp_core::load(&text).expect("loads").scorecard
}

fn leader(card: &Scorecard) -> Option<String> {
    let report = rfp_core::score(card);
    rfp_core::analysis::analyse(card, &report)
        .winner
        .map(|w| w.vendor_id)
}

/// The siblings of the criterion `id` (itself included), mutably.
fn siblings_of<'a>(criteria: &'a mut [Criterion], id: &str) -> Option<&'a mut [Criterion]> {
    if criteria.iter().any(|c| c.id == id) {
        return Some(criteria);
    }
    for c in criteria.iter_mut() {
        if let Some(found) = siblings_of(&mut c.children, id) {
            return Some(found);
        }
    }
    None
}

/// The scorecard with the criterion's share of its parent set to `share`, its siblings' direct
/// weights kept (so they are rescaled in proportion). Siblings the scorer leaves out (a
/// category with nothing weighed in it) do not count.
fn with_share(card: &Scorecard, id: &str, share: f64) -> Scorecard {
    let report = rfp_core::score(card);
    let counts = |id: &str| {
        report
            .categories
            .iter()
            .map(|c| (&c.id, c.local_weight))
            .chain(report.requirements.iter().map(|r| (&r.id, r.local_weight)))
            .any(|(i, w)| i == id && w > 0.0)
    };
    let mut card = card.clone();
    let siblings = siblings_of(&mut card.criteria, id).expect("the criterion");
    let others: f64 = siblings
        .iter()
        .filter(|c| c.id != id && counts(&c.id))
        .map(|c| c.weight)
        .sum();
    let node = siblings.iter_mut().find(|c| c.id == id).expect("itself");
    node.weight = share * others / (1.0 - share);
    card
}

#[test]
fn every_break_even_weight_is_where_the_scorer_changes_the_winner() {
    let mut checked = 0;
    for file in [
        "golden/demo.json",
        "golden/ties-ahp.json",
        "golden/edge-cases.json",
    ] {
        let card = load(file);
        let report = rfp_core::score(&card);
        let analysis = analyse(&card, &report);
        let Some(winner) = &analysis.winner else {
            continue;
        };
        // Only where the shares are direct weights can a share be set by a weight.
        let direct = |id: &str| {
            let parent = report
                .categories
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| c.parent)
                .or_else(|| {
                    report
                        .requirements
                        .iter()
                        .find(|r| r.id == id)
                        .and_then(|r| r.category)
                })
                .map_or(String::new(), |p| report.categories[p].id.clone());
            report
                .weightings
                .iter()
                .find(|w| w.category_id == parent)
                .is_none_or(|w| w.method == WeightingMethod::Direct)
        };
        for w in analysis.weights.iter().filter(|w| direct(&w.id)) {
            for crossing in [&w.raise, &w.lower].into_iter().flatten() {
                let toward = (crossing.share - w.share).signum();
                let eps = 1e-4;
                let before = with_share(&card, &w.id, crossing.share - toward * eps);
                let after = with_share(&card, &w.id, crossing.share + toward * eps);
                assert_eq!(
                    leader(&before).as_deref(),
                    Some(winner.vendor_id.as_str()),
                    "{file}: {} just short of {}",
                    w.id,
                    crossing.share
                );
                assert_eq!(
                    leader(&after).as_deref(),
                    Some(crossing.leader.vendor_id.as_str()),
                    "{file}: {} just past {}",
                    w.id,
                    crossing.share
                );
                checked += 1;
            }
            // No crossing found: the winner holds at the far end.
            if w.raise.is_none() && w.share < 1.0 - 1e-3 {
                assert_eq!(
                    leader(&with_share(&card, &w.id, 1.0 - 1e-3)).as_deref(),
                    Some(winner.vendor_id.as_str()),
                    "{file}: {} raised to the top",
                    w.id
                );
            }
        }
    }
    assert!(checked >= 3, "break-evens checked: {checked}");
}

/// The eligible vendors' totals (knocked-out vendors cannot win).
fn totals(card: &Scorecard) -> Vec<(String, f64)> {
    rfp_core::score(card)
        .vendors
        .into_iter()
        .filter(|v| v.status != rfp_core::score::VendorStatus::KnockedOut)
        .map(|v| (v.vendor_id, v.total))
        .collect()
}

fn total_of(totals: &[(String, f64)], id: &str) -> f64 {
    totals
        .iter()
        .find(|(v, _)| v == id)
        .map_or(f64::NAN, |(_, t)| *t)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
    /// On random scorecards (direct weights), every break-even is where the scorer says it is:
    /// just short of it the winner is at least level with every vendor, just past it the new
    /// leader is ahead of the winner.
    #[test]
    fn break_evens_match_the_scorer_on_random_scorecards(card in crate::support::arb_scorecard()) {
        let report = rfp_core::score(&card);
        let analysis = analyse(&card, &report);
        if let Some(winner) = &analysis.winner {
            for w in &analysis.weights {
                for crossing in [&w.raise, &w.lower].into_iter().flatten() {
                    let toward = (crossing.share - w.share).signum();
                    let eps = 1e-6;
                    if (crossing.share + toward * eps) >= 1.0 || (crossing.share + toward * eps) <= 0.0 {
                        continue;
                    }
                    let before = totals(&with_share(&card, &w.id, crossing.share - toward * eps));
                    let after = totals(&with_share(&card, &w.id, crossing.share + toward * eps));
                    let best_before = before.iter().map(|(_, t)| *t).fold(f64::MIN, f64::max);
                    proptest::prop_assert!(
                        total_of(&before, &winner.vendor_id) >= best_before - 1e-6,
                        "{} short of {}: {before:?}", w.id, crossing.share
                    );
                    proptest::prop_assert!(
                        total_of(&after, &crossing.leader.vendor_id)
                            >= total_of(&after, &winner.vendor_id) - 1e-9,
                        "{} past {}: {after:?}", w.id, crossing.share
                    );
                }
            }
        }
    }

    /// On random scorecards, the win probability over halves of the committee is defined: each
    /// rank's shares add up to 1, the errors are finite, the committee is halved exactly when two
    /// or more evaluators rated and a vendor can win, and a seed gives the same figures.
    #[test]
    fn smaa_over_halves_is_defined_on_random_scorecards(card in crate::support::arb_scorecard(), seed in 0u64..1000) {
        use rfp_core::analysis::{SmaaOptions, smaa};
        let report = rfp_core::score(&card);
        let options = SmaaOptions { draws: 200, seed, spread: Some(0.5), committees: 5 };
        let result = smaa(&card, &report, &options);
        for rank in 0..result.vendors.len() {
            let sum: f64 = result.vendors.iter().map(|v| v.ranks[rank]).sum();
            proptest::prop_assert!(
                (sum + result.without_winner - 1.0).abs() < 1e-9,
                "rank {rank}: {sum} and {} without a winner", result.without_winner
            );
        }
        for v in &result.vendors {
            proptest::prop_assert!(v.first_error.is_finite() && (0.0..=0.5).contains(&v.first_error));
        }
        let raters = report.evaluators.iter().filter(|e| e.rated > 0).count();
        proptest::prop_assert_eq!(
            result.resampled.is_some(),
            raters >= 2 && !result.vendors.is_empty()
        );
        proptest::prop_assert_eq!(smaa(&card, &report, &options), result);
    }
}

#[test]
fn the_demo_analysis_reads_as_a_board_would() {
    let card = load("golden/demo.json");
    let report = rfp_core::score(&card);
    let analysis = analyse(&card, &report);
    let winner = analysis.winner.as_ref().expect("a winner");
    assert_eq!(winner.name, "CedarChart");
    let next = &analysis.margins[0];
    assert_eq!(next.vendor.name, "Merrow Health Systems");
    assert!((next.lead - (report.vendors[0].total - report.vendors[1].total)).abs() < 1e-9);
    let drivers: f64 = next.drivers.iter().map(|d| d.points).sum();
    assert!(
        (drivers - next.lead).abs() < 1e-6,
        "the drivers add up to the lead"
    );
    for sentence in &analysis.sentences {
        println!("{sentence}");
    }
    assert!(
        analysis.sentences[0].starts_with("CedarChart leads Merrow Health Systems by 12.4 points")
    );
    assert!(
        analysis
            .sentences
            .iter()
            .any(|s| s.starts_with("CedarChart stays first unless the share of"))
    );
    assert_eq!(analysis.without_evaluator.len(), 3);
    // Sentences name, never ids.
    for sentence in &analysis.sentences {
        assert!(
            !sentence.contains("merrow") && !sentence.contains("fit."),
            "{sentence}"
        );
    }
}

/// Two vendors on two categories, each one numeric requirement scored linearly 0–1 by the
/// answer: `a` and `b` are the vendors' scores per category.
fn two_by_two(a: [f64; 2], b: [f64; 2]) -> Scorecard {
    on_two_categories(&[a, b])
}

/// Vendors `a`, `b`, `c`… on two categories of equal weight, each one numeric requirement
/// scored linearly 0–1 by the answer: one pair of scores per vendor.
fn on_two_categories(scores: &[[f64; 2]]) -> Scorecard {
    use rfp_core::{Answer, Better, Curve, NumericRule, Scoring, Vendor};
    let rule = || {
        Scoring::Numeric(NumericRule {
            unit: String::new(),
            better: Better::Higher,
            curve: Curve::linear(0.0, 1.0),
            extra: Default::default(),
        })
    };
    let mut card = Scorecard::default();
    card.criteria = vec![
        Criterion::category(
            "c1",
            "One",
            1.0,
            vec![Criterion::requirement("c1.r", "R1", 1.0, rule())],
        ),
        Criterion::category(
            "c2",
            "Two",
            1.0,
            vec![Criterion::requirement("c2.r", "R2", 1.0, rule())],
        ),
    ];
    card.vendors = scores
        .iter()
        .zip(["a", "b", "c", "d", "e", "f"])
        .map(|(s, id)| Vendor {
            id: id.into(),
            name: id.to_uppercase(),
            answers: [
                ("c1.r".to_owned(), Answer::Number(s[0])),
                ("c2.r".to_owned(), Answer::Number(s[1])),
            ]
            .into(),
            ..Vendor::default()
        })
        .collect();
    card
}

#[test]
fn smaa_converges_to_the_probability_integrated_by_hand() {
    use rfp_core::analysis::{SmaaOptions, smaa};
    // A wins when the first weight w exceeds t, where w·1 = w·0.3 + (1 − w)·0.6: t = 0.6/1.3.
    let card = two_by_two([1.0, 0.0], [0.3, 0.6]);
    let report = rfp_core::score(&card);
    let t = 0.6 / 1.3;
    // Uniform over all weights: with two, the first is uniform on [0, 1].
    let options = SmaaOptions {
        draws: 20_000,
        seed: 7,
        spread: None,
        committees: 0,
    };
    let result = smaa(&card, &report, &options);
    let a = result
        .vendors
        .iter()
        .find(|v| v.vendor.vendor_id == "a")
        .expect("A");
    let exact = 1.0 - t;
    assert!(
        (a.ranks[0] - exact).abs() < 4.0 * a.first_error,
        "{} vs {exact}",
        a.ranks[0]
    );
    for rank in 0..2 {
        let sum: f64 = result.vendors.iter().map(|v| v.ranks[rank]).sum();
        assert!((sum - 1.0).abs() < 1e-12);
    }
    // Its central weight: the mean of w over (t, 1].
    assert!(
        (a.central_weights[0] - (1.0 + t) / 2.0).abs() < 0.01,
        "{:?}",
        a.central_weights
    );
    // The same seed, the same draws.
    assert_eq!(smaa(&card, &report, &options), result);

    // Within ±50 % of equal weights: w1 = (1 + u1/2) / ((1 + u1/2) + (1 + u2/2)), u uniform on
    // [−1, 1]; integrated on a fine grid.
    let options = SmaaOptions {
        draws: 20_000,
        seed: 11,
        spread: Some(0.5),
        committees: 0,
    };
    let result = smaa(&card, &report, &options);
    let a = result
        .vendors
        .iter()
        .find(|v| v.vendor.vendor_id == "a")
        .expect("A");
    let grid = 2000;
    let mut wins = 0u64;
    for i in 0..grid {
        for j in 0..grid {
            let u1 = -1.0 + (i as f64 + 0.5) * 2.0 / grid as f64;
            let u2 = -1.0 + (j as f64 + 0.5) * 2.0 / grid as f64;
            let (w1, w2) = (1.0 + 0.5 * u1, 1.0 + 0.5 * u2);
            wins += u64::from(w1 / (w1 + w2) > t);
        }
    }
    let exact = wins as f64 / (grid * grid) as f64;
    assert!(
        (a.ranks[0] - exact).abs() < 4.0 * a.first_error,
        "{} vs {exact}",
        a.ranks[0]
    );
    assert!(
        result.sentence.starts_with("A is first in"),
        "{}",
        result.sentence
    );
}

/// Vendors `a` and `b` on a rated requirement `c1.r` (weight 10) and a rated `c2.r` (weight
/// 0.5, on which `a` is rated 5 and `b` 0 by everyone: it only breaks ties), rated by e1…e4.
fn four_raters(a: [f64; 4], b: [f64; 4]) -> Scorecard {
    use crate::support::{evaluator, rating, rating_rule};
    use rfp_core::Vendor;
    let mut card = Scorecard::default();
    card.criteria = vec![
        Criterion::category(
            "c1",
            "Fit",
            10.0,
            vec![Criterion::requirement("c1.r", "Demo", 1.0, rating_rule())],
        ),
        Criterion::category(
            "c2",
            "Extra",
            0.5,
            vec![Criterion::requirement("c2.r", "Extra", 1.0, rating_rule())],
        ),
    ];
    card.vendors = ["a", "b"]
        .map(|id| Vendor {
            id: id.into(),
            name: id.to_uppercase(),
            ..Vendor::default()
        })
        .into();
    let ids = ["e1", "e2", "e3", "e4"];
    card.evaluators = ids.map(evaluator).into();
    for (e, id) in ids.iter().enumerate() {
        card.ratings.push(rating(id, "a", "c1.r", a[e], 1));
        card.ratings.push(rating(id, "b", "c1.r", b[e], 1));
        card.ratings.push(rating(id, "a", "c2.r", 5.0, 1));
        card.ratings.push(rating(id, "b", "c2.r", 0.0, 1));
    }
    card
}

/// Each draw scored by a random half of the committee: with the weights held (spread 0), the
/// share in which a vendor is first tends to the share of the halves in which it wins — counted
/// here by scoring each of the six halves of four evaluators as a scorecard of its own.
#[test]
fn smaa_over_halves_of_the_committee_converges_to_the_halves_counted_by_hand() {
    use rfp_core::analysis::{SmaaOptions, smaa};
    let card = four_raters([5.0, 4.0, 1.0, 0.0], [2.0, 2.0, 4.0, 5.0]);
    let report = rfp_core::score(&card);
    let pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];
    let a_wins = pairs
        .iter()
        .filter(|&&(x, y)| {
            let mut half = card.clone();
            let sits = [&card.evaluators[x].id, &card.evaluators[y].id];
            half.ratings
                .retain(|r| sits.contains(&&r.evaluator.to_string()));
            let scored = rfp_core::score(&half);
            let total = |id: &str| {
                scored
                    .vendors
                    .iter()
                    .find(|v| v.vendor_id == id)
                    .map(|v| v.total)
                    .expect("scored")
            };
            assert!((total("a") - total("b")).abs() > 1e-6, "no ties by design");
            total("a") > total("b")
        })
        .count();
    assert_eq!(a_wins, 2, "a wins with e1 and e2, and with e1 and e3");
    let exact = a_wins as f64 / pairs.len() as f64;
    let options = SmaaOptions {
        draws: 20_000,
        seed: 3,
        spread: Some(0.0),
        committees: 1_000,
    };
    let result = smaa(&card, &report, &options);
    let resampled = result.resampled.expect("resampled");
    assert_eq!(
        (resampled.committees, resampled.members, resampled.of),
        (1_000, 2, 4)
    );
    let a = result
        .vendors
        .iter()
        .find(|v| v.vendor.vendor_id == "a")
        .expect("A");
    assert!(
        a.first_error > 0.005 && a.first_error < 0.03,
        "{}",
        a.first_error
    );
    assert!(
        (a.ranks[0] - exact).abs() < 4.0 * a.first_error,
        "{} vs {exact}",
        a.ranks[0]
    );
    assert!(
        result.sentence.contains(
            "each scored by one of 1,000 random halves of the committee (2 of the 4 evaluators who rated)"
        ),
        "{}",
        result.sentence
    );
    // The same seed, the same halves and draws.
    assert_eq!(smaa(&card, &report, &options), result);
}

/// Halves of a committee that agrees change nothing: the draws of a seed are the same with and
/// without them (the halves come from a stream of their own). A committee of one cannot be
/// halved, and the sentence says so; too many halves are refused, naming the option.
#[test]
fn smaa_halves_of_an_agreeing_committee_and_of_one_evaluator() {
    use rfp_core::analysis::{MAX_SMAA_COMMITTEES, SmaaOptions, smaa};
    let card = four_raters([4.0; 4], [3.0; 4]);
    let report = rfp_core::score(&card);
    let weights_only = SmaaOptions {
        draws: 2_000,
        seed: 9,
        spread: None,
        committees: 0,
    };
    let plain = smaa(&card, &report, &weights_only);
    let halved = smaa(
        &card,
        &report,
        &SmaaOptions {
            committees: 50,
            ..weights_only
        },
    );
    assert!(plain.resampled.is_none());
    assert_eq!(halved.resampled.map(|r| r.committees), Some(50));
    for (p, h) in plain.vendors.iter().zip(&halved.vendors) {
        assert_eq!(p.ranks, h.ranks);
    }

    let mut alone = card.clone();
    alone.ratings.retain(|r| r.evaluator.as_str() == "e1");
    let report = rfp_core::score(&alone);
    let result = smaa(
        &alone,
        &report,
        &SmaaOptions {
            committees: 10,
            ..weights_only
        },
    );
    assert!(result.resampled.is_none());
    assert!(
        result
            .sentence
            .ends_with("The committee was not resampled: fewer than two evaluators have rated."),
        "{}",
        result.sentence
    );
    let too_many = SmaaOptions {
        committees: MAX_SMAA_COMMITTEES + 1,
        ..weights_only
    };
    let problem = too_many.problem().expect("refused");
    assert_eq!(problem.location.to_string(), "committees");
    assert!(
        problem.message.contains("1,000 halves"),
        "{}",
        problem.message
    );
}

/// A half scores its own gates: with a minimum rating of 3 on `c1.r`, the committee's mean
/// knocks `a` out (2.5), but the halves e1 + e2 (4.5) and e1 + e3 (3) let it win — a third of
/// the halves, counted by hand. With a minimum of 4, only e1 + e2 let `a` through and only
/// e3 + e4 `b`: no vendor can win on the committee's ratings, and in the other four halves of
/// six, nobody can.
#[test]
fn smaa_halves_score_their_own_gates() {
    use rfp_core::Gate;
    use rfp_core::analysis::{SmaaOptions, smaa};
    let gated = |minimum: f64| {
        let mut card = four_raters([5.0, 4.0, 1.0, 0.0], [2.0, 2.0, 4.0, 5.0]);
        let demo = &mut card.criteria[0].children[0];
        *demo = demo.clone().with_gate(Gate::AtLeast(minimum));
        card
    };
    let options = SmaaOptions {
        draws: 20_000,
        seed: 5,
        spread: Some(0.0),
        committees: 1_000,
    };
    let share = |result: &rfp_core::analysis::Smaa, id: &str| {
        let a = result
            .vendors
            .iter()
            .find(|v| v.vendor.vendor_id == id)
            .expect("listed");
        (a.ranks[0], a.first_error)
    };

    let card = gated(3.0);
    let report = rfp_core::score(&card);
    assert_eq!(report.vendors[0].vendor_id, "b", "a is knocked out");
    let result = smaa(&card, &report, &options);
    assert_eq!(result.vendors.len(), 2, "every vendor is listed");
    let (a, error) = share(&result, "a");
    assert!((a - 1.0 / 3.0).abs() < 4.0 * error, "{a} ± {error}");
    assert_eq!(result.without_winner, 0.0);

    let card = gated(4.0);
    let report = rfp_core::score(&card);
    let result = smaa(&card, &report, &options);
    let ((a, a_error), (b, b_error)) = (share(&result, "a"), share(&result, "b"));
    assert!((a - 1.0 / 6.0).abs() < 4.0 * a_error, "{a} ± {a_error}");
    assert!((b - 1.0 / 6.0).abs() < 4.0 * b_error, "{b} ± {b_error}");
    assert!((a + b + result.without_winner - 1.0).abs() < 1e-12);
    assert!(
        result
            .sentence
            .starts_with("No vendor can win on the committee's ratings; over its halves, "),
        "{}",
        result.sentence
    );
    assert!(
        result.sentence.contains("of the draws no vendor could win"),
        "{}",
        result.sentence
    );
}

/// A requirement only one evaluator rated keeps that rating in the halves they do not sit on:
/// a half never leaves unrated what the committee rated. Here `a` wins only by `c1.r`, which
/// e1 alone rated; every half keeps `a` first.
#[test]
fn smaa_halves_keep_a_rating_no_one_sitting_gave() {
    use rfp_core::analysis::{SmaaOptions, smaa};
    let mut card = four_raters([5.0, 0.0, 0.0, 0.0], [0.0; 4]);
    // Only e1 rated c1.r; on c2.r now `b` is ahead for everyone.
    card.ratings
        .retain(|r| r.requirement.as_str() != "c1.r" || r.evaluator.as_str() == "e1");
    for r in card
        .ratings
        .iter_mut()
        .filter(|r| r.requirement.as_str() == "c2.r")
    {
        r.score = if r.vendor.as_str() == "a" { 0.0 } else { 5.0 };
    }
    card.ratings
        .retain(|r| !(r.requirement.as_str() == "c1.r" && r.vendor.as_str() == "b"));
    card.ratings
        .push(crate::support::rating("e1", "b", "c1.r", 0.0, 1));
    let report = rfp_core::score(&card);
    assert_eq!(report.vendors[0].vendor_id, "a");
    let result = smaa(
        &card,
        &report,
        &SmaaOptions {
            draws: 400,
            seed: 1,
            spread: Some(0.0),
            committees: 40,
        },
    );
    let a = result
        .vendors
        .iter()
        .find(|v| v.vendor.vendor_id == "a")
        .expect("A");
    assert_eq!(a.ranks[0], 1.0, "{}", result.sentence);
}

/// Acme leads on price by 20 points; its scripted demo is rated exactly at the gate's minimum.
fn rated_at_the_gate() -> Scorecard {
    let mut card = crate::support::small_scorecard();
    card.criteria[0].children[0].gate = Some(rfp_core::Gate::AtLeast(4.0));
    for rating in &mut card.ratings {
        rating.score = 4.0;
    }
    card
}

#[test]
fn a_rating_that_knocks_the_winner_out_at_its_gate_is_found() {
    let card = rated_at_the_gate();
    let report = rfp_core::score(&card);
    let analysis = analyse(&card, &report);
    assert_eq!(
        analysis.winner.as_ref().map(|w| w.name.as_str()),
        Some("Acme Clinical")
    );
    assert!(
        analysis.margins[0].lead > 10.0,
        "far more than one level is worth"
    );
    let flip = analysis
        .rating_flips
        .iter()
        .find(|f| f.vendor_id == "acme" && f.to == 3.0)
        .expect("a rating one level lower fails the gate");
    assert_eq!(flip.leader.name, "Bolt EHR");
    assert!(
        !analysis
            .sentences
            .iter()
            .any(|s| s.starts_with("No single rating")),
        "{:?}",
        analysis.sentences
    );
}

/// The scorecard with vendor `vendor`'s bid on `requirement` replaced by a total of `cost`.
fn with_bid(card: &Scorecard, vendor: &str, requirement: &str, cost: f64) -> Scorecard {
    let mut card = card.clone();
    let v = card
        .vendors
        .iter_mut()
        .find(|v| v.id == vendor)
        .expect("vendor");
    v.answers
        .insert(requirement.to_owned(), rfp_core::Answer::Number(cost));
    card
}

#[test]
fn every_break_even_bid_is_where_the_scorer_changes_the_winner() {
    let golden = load("golden/demo.json");
    // Without its ceiling, the price itself decides; with it, the ceiling does.
    let mut ungated = golden.clone();
    fn drop_gate(nodes: &mut [Criterion], id: &str) {
        for node in nodes {
            if node.id == id {
                node.gate = None;
            }
            drop_gate(&mut node.children, id);
        }
    }
    drop_gate(&mut ungated.criteria, "cost.tco");
    // A heavier price, so that a rival's cheaper bid can overturn the lead.
    let mut heavy = ungated.clone();
    for node in &mut heavy.criteria {
        if node.id == "cost" {
            node.weight *= 12.0;
        }
    }
    // Gates that only flag: the ceiling knocks no one out, so it is no crossing.
    let mut flagged = golden.clone();
    flagged.settings.knockout = rfp_core::KnockoutPolicy::Flag;
    // A rival over the ceiling now is tried under it.
    let mut heavy_gated = golden.clone();
    for node in &mut heavy_gated.criteria {
        if node.id == "cost" {
            node.weight *= 12.0;
        }
    }
    let heavy_gated = with_bid(&heavy_gated, "merrow", "cost.tco", 500_000.0);
    // A free bid from the winner: the search reaches past every other bid.
    let free = with_bid(&ungated, "cedarchart", "cost.tco", 0.0);
    let (mut checked, mut rivals) = (0, 0);
    for card in [&golden, &ungated, &heavy, &flagged, &heavy_gated, &free] {
        let report = rfp_core::score(card);
        let analysis = analyse(card, &report);
        let winner = analysis.winner.clone().expect("a winner").vendor_id;
        for price in &analysis.prices {
            if let Some(limit) = &price.winner_limit {
                let below = with_bid(card, &winner, &price.id, limit.cost - 2.0);
                let above = with_bid(card, &winner, &price.id, limit.cost + 2.0);
                assert_eq!(leader(&below).as_deref(), Some(winner.as_str()));
                assert_eq!(leader(&above), Some(limit.leader.vendor_id.clone()));
                checked += 1;
            }
            for rival in &price.rivals {
                let id = &rival.vendor.vendor_id;
                match rival.leads_below {
                    Some(below) => {
                        let cheaper = with_bid(card, id, &price.id, below - 2.0);
                        let dearer = with_bid(card, id, &price.id, below + 2.0);
                        assert_eq!(leader(&cheaper).as_ref(), Some(id));
                        assert_eq!(leader(&dearer).as_deref(), Some(winner.as_str()));
                        rivals += 1;
                    }
                    None => {
                        let free = with_bid(card, id, &price.id, 0.0);
                        assert_ne!(leader(&free).as_ref(), Some(id), "not even a free bid");
                    }
                }
            }
        }
    }
    assert!(
        checked >= 3 && rivals >= 2,
        "crossings checked: {checked}, {rivals}"
    );
    let report = rfp_core::score(&flagged);
    let price = &analyse(&flagged, &report).prices[0];
    assert_eq!(price.ceiling, None, "a flag knocks no one out");
    let report = rfp_core::score(&heavy_gated);
    let price = &analyse(&heavy_gated, &report).prices[0];
    let merrow = price
        .rivals
        .iter()
        .find(|r| r.vendor.vendor_id == "merrow")
        .expect("the rival over the ceiling is tried");
    assert!(
        merrow.leads_below.is_some_and(|b| b <= 450_000.0),
        "{merrow:?}"
    );
    // The demo's ceiling is where its winner falls, and the sentence says so.
    let report = rfp_core::score(&golden);
    let analysis = analyse(&golden, &report);
    let price = &analysis.prices[0];
    assert_eq!(price.winner_limit.as_ref().map(|l| l.cost), price.ceiling);
    assert!(
        analysis
            .sentences
            .iter()
            .any(|s| s.contains("rises above the price ceiling of $450,000")),
        "{:#?}",
        analysis.sentences
    );
}

#[test]
fn the_leader_without_each_evaluator_is_the_scorers_without_their_ratings() {
    for name in [
        "golden/demo.json",
        "golden/flag-median-leniency.json",
        "golden/ties-ahp.json",
        "golden/edge-cases.json",
    ] {
        let mut card = load(name);
        for leniency in [false, true] {
            card.settings.leniency_normalization = leniency;
            let report = rfp_core::score(&card);
            let analysis = analyse(&card, &report);
            for without in &analysis.without_evaluator {
                let mut removed = card.clone();
                removed
                    .ratings
                    .retain(|r| r.evaluator != without.evaluator_id.as_str());
                let brute = rfp_core::score(&removed);
                let leader = rfp_core::analysis::analyse(&removed, &brute).winner;
                assert_eq!(
                    without
                        .leader
                        .as_ref()
                        .map(|l| (&l.vendor_id, (l.total * 1e6).round())),
                    leader
                        .as_ref()
                        .map(|l| (&l.vendor_id, (l.total * 1e6).round())),
                    "{name}, leniency {leniency}, without {}",
                    without.evaluator_id
                );
            }
        }
    }
}

#[test]
fn the_analysis_taken_a_step_at_a_time_is_the_analysis_at_once() {
    for card in [load("golden/demo.json"), rated_at_the_gate()] {
        let report = rfp_core::score(&card);
        let whole = analyse(&card, &report);
        let mut steps = rfp_core::analysis::Analyser::new(
            std::rc::Rc::new(card.clone()),
            std::rc::Rc::new(report.clone()),
        );
        // The exact part is there before any step: margins, break-even shares and bids.
        let (done, all) = steps.progress();
        assert_eq!(done, 0);
        assert!(all > 2, "taking and preparing, then at least one variation");
        assert_eq!(steps.so_far().margins, whole.margins);
        assert_eq!(steps.so_far().weights, whole.weights);
        assert_eq!(steps.so_far().prices, whole.prices);
        assert!(steps.so_far().without_evaluator.is_empty());
        let mut last = 0;
        while steps.step() {
            let (done, total) = steps.progress();
            assert_eq!(total, all);
            assert_eq!(done, last + 1, "one step at a time");
            last = done;
        }
        assert!(steps.is_done());
        assert_eq!(last, all);
        assert_eq!(steps.finish(), whole);
    }
}

/// TOPSIS reproduces a published worked example: Ersoy, Y. (2021), "Equipment selection for an
/// e-commerce company using entropy-based TOPSIS, EDAS and CODAS methods during the COVID-19",
/// LogForum 17(3): six servers on four benefit and two cost criteria, entropy weights; the
/// paper's closeness coefficients to three decimals. (Its figures come from intermediate
/// values rounded along the way, so they differ from the exact ones in the third decimal; both
/// agree to the two decimals the ranking is read from.)
#[test]
fn topsis_reproduces_ersoy_2021() {
    let rows = vec![
        vec![256.0, 8.0, 41.0, 1.6, 1.77, 7347.16],
        vec![256.0, 8.0, 32.0, 1.0, 1.8, 6919.99],
        vec![256.0, 8.0, 53.0, 1.6, 1.9, 8400.0],
        vec![256.0, 8.0, 41.0, 1.0, 1.75, 6808.9],
        vec![512.0, 8.0, 35.0, 1.6, 1.7, 8479.99],
        vec![256.0, 4.0, 35.0, 1.6, 1.7, 7499.99],
    ];
    let weights = [0.405, 0.221, 0.134, 0.199, 0.007, 0.034];
    let benefit = [true, true, true, true, false, false];
    let published = [0.308, 0.254, 0.327, 0.263, 0.857, 0.192];
    let closeness = rfp_core::analysis::topsis(&rows, &weights, &benefit);
    for (i, (c, p)) in closeness.iter().zip(published).enumerate() {
        assert!((c - p).abs() <= 0.0015, "server {}: {c} against {p}", i + 1);
        assert_eq!(format!("{c:.2}"), format!("{p:.2}"), "server {}", i + 1);
    }
    // The pitfall of a popular crate (it gives 1 − C): an alternative best on every criterion
    // is at the ideal, closeness 1; one worst on every criterion is at 0.
    let dominant = rfp_core::analysis::topsis(
        &[vec![17.0, 12.0], vec![10.0, 9.0], vec![8.0, 6.0]],
        &[0.714, 0.286],
        &[true, true],
    );
    assert_eq!(dominant[0], 1.0);
    assert_eq!(dominant[2], 0.0);
    assert!(dominant[1] > 0.0 && dominant[1] < 1.0);
}

/// PROMETHEE II reproduces a published worked example: Papathanasiou, J. & Ploskas, N. (2018),
/// "PROMETHEE", chapter 3 of Multiple Criteria Decision Aid (Springer), the facility location
/// problem: six sites on four criteria to maximise, weights 0.4/0.3/0.1/0.2, the linear
/// preference function with indifference 1 and preference 2 on every criterion; the book's net
/// flows to two decimals.
#[test]
fn promethee_ii_reproduces_papathanasiou_and_ploskas_2018() {
    use rfp_core::analysis::{Threshold, promethee_ii};
    let rows = vec![
        vec![8.0, 7.0, 2.0, 1.0],
        vec![5.0, 3.0, 7.0, 5.0],
        vec![7.0, 5.0, 6.0, 4.0],
        vec![9.0, 9.0, 7.0, 3.0],
        vec![11.0, 10.0, 3.0, 7.0],
        vec![6.0, 9.0, 5.0, 4.0],
    ];
    let linear = Threshold {
        indifference: 1.0,
        preference: 2.0,
    };
    let flows = promethee_ii(&rows, &[0.4, 0.3, 0.1, 0.2], &[true; 4], &[linear; 4]);
    let published = [-0.26, -0.52, -0.22, 0.36, 0.70, -0.06];
    for (i, (f, p)) in flows.iter().zip(published).enumerate() {
        assert!((f - p).abs() <= 0.005, "site {}: {f} against {p}", i + 1);
    }
    // Net flows balance: what one alternative gains another loses.
    assert!(flows.iter().sum::<f64>().abs() < 1e-12);
    // The usual criterion, integrated by hand: on one criterion, 3 > 2 > 1 gives net flows of
    // (2 − 0)/2, (1 − 1)/2 and (0 − 2)/2; a cost criterion turns them round.
    let rows = vec![vec![3.0], vec![2.0], vec![1.0]];
    assert_eq!(promethee_ii(&rows, &[5.0], &[true], &[]), [1.0, 0.0, -1.0]);
    assert_eq!(promethee_ii(&rows, &[5.0], &[false], &[]), [-1.0, 0.0, 1.0]);
}

#[test]
fn the_other_methods_are_asked_whether_they_pick_the_same_winner() {
    // A is best on one category and worst on the other; B and C are middling, B ahead of C on
    // both. The weighted sum puts A first (0.5 against 0.45), but PROMETHEE II sees A neither
    // preferred to B nor to C, and B preferred to C on everything: B first. TOPSIS also puts B
    // first (its closeness 0.61 against A's 0.41).
    let card = on_two_categories(&[[1.0, 0.0], [0.45, 0.45], [0.4, 0.4]]);
    let report = rfp_core::score(&card);
    let analysis = analyse(&card, &report);
    assert_eq!(analysis.winner.as_ref().map(|w| w.name.as_str()), Some("A"));
    assert_eq!(analysis.methods.len(), 2);
    for check in &analysis.methods {
        assert!(!check.agrees, "{:?}", check.method);
        let order: Vec<&str> = check
            .ranking
            .iter()
            .map(|s| s.vendor.name.as_str())
            .collect();
        assert_eq!(order[0], "B", "{:?}", check.method);
    }
    let promethee = &analysis.methods[1];
    let flows: Vec<f64> = promethee.ranking.iter().map(|s| s.value).collect();
    assert_eq!(flows, [0.5, 0.0, -0.5]);
    let ranks: Vec<usize> = promethee.ranking.iter().map(|s| s.rank).collect();
    assert_eq!(ranks, [1, 2, 3]);
    assert!(
        analysis.sentences.contains(
            &"Ranked another way on the same category scores and weights, TOPSIS and PROMETHEE II put B first, not A."
                .to_owned()
        ),
        "{:#?}",
        analysis.sentences
    );

    // The demo: both methods agree with the weighted sum, and say so.
    let card = load("golden/demo.json");
    let report = rfp_core::score(&card);
    let analysis = analyse(&card, &report);
    let winner = analysis.winner.as_ref().expect("a winner");
    for check in &analysis.methods {
        assert!(check.agrees, "{:?}", check.method);
        assert_eq!(check.ranking[0].vendor.vendor_id, winner.vendor_id);
        assert_eq!(check.ranking.len(), analysis.margins.len() + 1);
    }
    assert!(analysis.sentences.contains(
        &"Ranked another way on the same category scores and weights, TOPSIS and PROMETHEE II also put CedarChart first."
            .to_owned()
    ));
}

/// Vendors alike on every category share a rank by each method (as the weighted sum's ranks
/// do), and the next rank is skipped.
#[test]
fn vendors_alike_share_a_rank_by_the_other_methods() {
    use rfp_core::analysis::cross_check;
    let mut card = load("golden/demo.json");
    // A copy of the leader under another id: the same answers and ratings.
    let leader = rfp_core::score(&card).vendors[0].vendor_id.clone();
    let mut twin = card
        .vendors
        .iter()
        .find(|v| v.id == leader)
        .expect("the leader")
        .clone();
    twin.id = "twin".into();
    twin.name = "Twin".into();
    let ratings: Vec<rfp_core::Rating> = card
        .ratings
        .iter()
        .filter(|r| r.vendor == leader.as_str())
        .map(|r| rfp_core::Rating {
            vendor: "twin".into(),
            ..r.clone()
        })
        .collect();
    card.vendors.push(twin);
    card.ratings.extend(ratings);
    let report = rfp_core::score(&card);
    assert_eq!(report.vendors[0].rank, 1);
    assert_eq!(report.vendors[1].rank, 1);
    for check in cross_check(&report) {
        let ranks: Vec<usize> = check.ranking.iter().map(|s| s.rank).collect();
        assert_eq!(&ranks[..3], &[1, 1, 3], "{:?}", check.method);
    }
}
