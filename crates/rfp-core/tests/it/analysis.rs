//! The robustness analysis: every break-even weight checked against the scorer on both sides
//! of it, and what the demo's analysis says.

use rfp_core::analysis::analyse;
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
