//! Merge: refusal on different criteria, the latest rating wins (by time, then revision),
//! conflicts reported, and the laws (commutative, associative, idempotent) as property tests.

use proptest::prelude::*;
use rfp_core::merge::{Counting, criteria_fingerprint, packet, ratings_that_count};
use rfp_core::*;

use crate::support::{evaluator, rating, small_scorecard};

fn merged(base: &Scorecard, others: &[&Scorecard]) -> Scorecard {
    let named: Vec<(&str, &Scorecard)> = others.iter().map(|s| ("file", *s)).collect();
    merge(base, &named).unwrap().scorecard
}

#[test]
fn the_highest_revision_wins() {
    let base = small_scorecard();
    let mut returned = packet(&base, "e1").unwrap();
    returned.ratings[0] = rating("e1", "acme", "fit.demo", 1.0, 2);
    let outcome = merge(&base, &[("e1.json", &returned)]).unwrap();
    assert_eq!(outcome.updated, 1);
    assert!(outcome.conflicts.is_empty());
    let r = outcome
        .scorecard
        .ratings
        .iter()
        .find(|r| r.evaluator == "e1" && r.vendor == "acme")
        .unwrap();
    assert_eq!((r.score, r.revision), (1.0, 2));
    // An older revision does not overwrite a newer one.
    let again = merge(&outcome.scorecard, &[("old.json", &base)]).unwrap();
    assert_eq!(again.scorecard, outcome.scorecard);
    assert_eq!(again.updated, 0);
}

#[test]
fn same_revision_different_values_are_reported_not_resolved() {
    let base = small_scorecard();
    let mut a = base.clone();
    let mut b = base.clone();
    a.ratings[0] = rating("e1", "acme", "fit.demo", 3.0, 5);
    b.ratings[0] = rating("e1", "acme", "fit.demo", 1.0, 5);
    let outcome = merge(&base, &[("a.json", &a), ("b.json", &b)]).unwrap();
    assert_eq!(outcome.conflicts.len(), 1);
    let c = &outcome.conflicts[0];
    assert_eq!(
        (c.evaluator.as_str(), c.vendor.as_str(), c.revision),
        ("e1", "acme", 5)
    );
    assert_eq!(
        c.values.iter().map(|v| v.0).collect::<Vec<_>>(),
        vec![1.0, 3.0]
    );
    // Both values are kept in the merged file for the chair to settle.
    let kept = outcome
        .scorecard
        .ratings
        .iter()
        .filter(|r| r.evaluator == "e1" && r.vendor == "acme" && r.requirement == "fit.demo")
        .count();
    assert_eq!(kept, 2);
    assert!(
        outcome
            .diagnostics
            .iter()
            .any(|d| d.message.contains("2 different values at revision 5"))
    );
    // Scoring flags it too.
    assert!(
        score(&outcome.scorecard)
            .diagnostics
            .iter()
            .any(|d| d.message.contains("merge conflict"))
    );
}

#[test]
fn different_criteria_are_refused_saying_what_differs() {
    let base = small_scorecard();
    let mut other = base.clone();
    other.criteria[0].children.remove(1);
    other.criteria[0].children[0].scoring = Some(Scoring::Rating(RatingRule {
        min: 1,
        max: 10,
        ..RatingRule::default()
    }));
    other.criteria[1].children.push(Criterion::requirement(
        "cost.extra",
        "Extra",
        1.0,
        Scoring::YesNo(YesNoRule::default()),
    ));
    let error = merge(&base, &[("dr-osei.json", &other)]).unwrap_err();
    match error.kind() {
        ErrorKind::CriteriaDiffer { input, differences } => {
            assert_eq!(input, "dr-osei.json");
            assert_eq!(
                differences,
                &vec![
                    "\"fit.demo\" is rated 0–5 in the base but 1–10 in this file".to_owned(),
                    "\"fit.onc\" is in the base but not in this file".to_owned(),
                    "\"cost.extra\" is in this file but not in the base".to_owned(),
                ]
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        error
            .to_string()
            .starts_with("dr-osei.json has different criteria")
    );
}

#[test]
fn weights_and_texts_may_change_while_packets_are_out() {
    let base = small_scorecard();
    let mut other = base.clone();
    other.criteria[0].weight = 99.0;
    other.criteria[0].children[0].name = "Renamed".into();
    assert_eq!(
        criteria_fingerprint(&base.criteria),
        criteria_fingerprint(&other.criteria)
    );
    let outcome = merge(&base, &[("x.json", &other)]).unwrap();
    assert_eq!(
        outcome.scorecard.criteria, base.criteria,
        "the base's criteria are kept"
    );
    assert!(outcome.diagnostics.iter().any(|d| {
        d.message
            .contains("weights, texts, gates or the committee's AHP judgments")
    }));
}

#[test]
fn a_packet_holds_only_its_evaluators_ratings() {
    let mut base = small_scorecard();
    base.consensus.push(Consensus {
        vendor: "acme".into(),
        requirement: "fit.demo".into(),
        value: 3.0,
        rationale: "agreed".into(),
        basis: Default::default(),
        extra: Default::default(),
    });
    let p = packet(&base, "e2").unwrap();
    assert!(p.ratings.iter().all(|r| r.evaluator == "e2"));
    assert_eq!(p.ratings.len(), 2);
    assert_eq!(p.evaluators.len(), 1);
    assert!(p.consensus.is_empty());
    assert!(
        packet(&base, "nobody")
            .unwrap_err()
            .to_string()
            .contains("no evaluator \"nobody\"")
    );
}

/// What a returned file brings that its sender may not have given is merged and said: another
/// evaluator's ratings in a packet, an evaluator the committee does not have.
#[test]
fn a_packet_carrying_others_ratings_or_new_evaluators_is_merged_and_said() {
    let base = small_scorecard();
    let remarks = |returned: &Scorecard| -> Vec<String> {
        rfp_core::merge(&base, &[("e1.json", returned)])
            .expect("merged")
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| d.to_string())
            .collect()
    };
    let own = packet(&base, "e1").unwrap();
    assert_eq!(remarks(&own), Vec::<String>::new());

    let mut carrying = own.clone();
    carrying
        .ratings
        .push(rating("e2", "bolt", "fit.demo", 1.0, 2));
    let said = remarks(&carrying);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with(
            "warning: e1.json: is the packet of \"e1\" but carries 1 rating(s) by others (1 by \
             \"e2\"); they are merged as theirs"
        ),
        "{said:?}"
    );
    let merged = merged(&base, &[&carrying]);
    assert!(
        merged
            .ratings
            .iter()
            .any(|r| r.evaluator == "e2" && r.score == 1.0)
    );

    let mut adding = own;
    adding.evaluators.push(evaluator("e9"));
    adding
        .ratings
        .push(rating("e9", "acme", "fit.demo", 5.0, 1));
    let said = remarks(&adding);
    assert!(
        said.iter().any(|s| s.starts_with(
            "warning: e1.json: adds \"e9\" to the committee: the base's roster does not have them"
        )),
        "{said:?}"
    );
}

#[test]
fn an_attestation_comes_back_with_the_packet() {
    let mut base = small_scorecard();
    base.evaluators.push(Evaluator {
        id: "e3".into(),
        name: "New".into(),
        ..Evaluator::default()
    });
    let mut returned = packet(&base, "e3").unwrap();
    returned.evaluators[0].attestation = Some(Attestation {
        no_conflict: true,
        date: "2026-11-20".into(),
        statement: String::new(),
        extra: Default::default(),
    });
    returned
        .ratings
        .push(rating("e3", "bolt", "fit.demo", 4.0, 1));
    let m = merged(&base, &[&returned]);
    let e3 = m.evaluators.iter().find(|e| e.id == "e3").unwrap();
    assert!(e3.attestation.as_ref().unwrap().no_conflict);
    // A later disclosure of a conflict is not hidden by the earlier attestation.
    let mut later = returned.clone();
    later.evaluators[0].attestation = Some(Attestation {
        no_conflict: false,
        date: "2026-11-21".into(),
        statement: "spouse works for Bolt".into(),
        extra: Default::default(),
    });
    let m2 = merged(&m, &[&later]);
    let e3 = m2.evaluators.iter().find(|e| e.id == "e3").unwrap();
    assert!(!e3.attestation.as_ref().unwrap().no_conflict);
    assert_eq!(
        merged(&base, &[&later, &returned]),
        merged(&base, &[&returned, &later])
    );
}

/// A time on 2026-11-19, `minute` minutes after 9:00; none for 0.
fn at_minute(minute: u32) -> Option<Stamp> {
    (minute > 0)
        .then(|| Stamp::parse(&format!("2026-11-19T09:{minute:02}:00.000Z")).expect("a time"))
}

/// Ortega's story: she rates Harbor's named contact three times on one copy of her packet and
/// sends it; a week later, from a fresh packet, she rates it once more, lower, and sends that.
/// The later file's value counts, whichever order the chair merges them in — though the first
/// carries more edits (a higher revision). A cell the later file did not rate again keeps the
/// first file's value.
#[test]
fn a_later_file_replaces_an_earlier_one_for_the_cells_it_rated_again() {
    let base = small_scorecard();
    let mut first = packet(&base, "e1").unwrap();
    first.ratings = vec![
        rating("e1", "acme", "fit.demo", 4.0, 3),
        rating("e1", "bolt", "fit.demo", 3.0, 1),
    ];
    first.ratings[0].rated_at = Stamp::parse("2026-11-12T16:05:00Z").ok();
    first.ratings[1].rated_at = Stamp::parse("2026-11-12T16:07:00Z").ok();
    let mut later = packet(&base, "e1").unwrap();
    later.ratings = vec![rating("e1", "acme", "fit.demo", 2.0, 1)];
    later.ratings[0].rated_at = Stamp::parse("2026-11-19T09:30:00Z").ok();
    let one_way = merged(&base, &[&first, &later]);
    assert_eq!(one_way, merged(&base, &[&later, &first]));
    assert_eq!(one_way, merged(&merged(&base, &[&later]), &[&first]));
    let counted = |card: &Scorecard, vendor: &str| {
        let counting = ratings_that_count(card, "e1", vendor);
        card.ratings[counting["fit.demo"].index].score
    };
    assert_eq!(counted(&one_way, "acme"), 2.0);
    assert_eq!(counted(&one_way, "bolt"), 3.0);
    // The scorer counts the same: e1's level on acme is the later 2, not the earlier 4.
    let levels = rfp_core::score::cell_levels(&one_way, "acme", "fit.demo");
    assert!(levels.contains(&("e1".to_owned(), 2.0)), "{levels:?}");
    // Rating again in the merged scorecard replaces the later value, at the next revision and
    // no earlier than it, even from a clock set back a day.
    let applied = rfp_core::edit::apply(
        &one_way,
        &rfp_core::edit::Edit::Rate {
            evaluator: "e1".into(),
            vendor: "acme".into(),
            requirement: "fit.demo".into(),
            score: 3.0,
            note: String::new(),
            at: Stamp::parse("2026-11-18T09:00:00Z").ok(),
        },
    )
    .unwrap();
    assert_eq!(counted(&applied.scorecard, "acme"), 3.0);
    let counting = ratings_that_count(&applied.scorecard, "e1", "acme")["fit.demo"];
    let now = &applied.scorecard.ratings[counting.index];
    assert_eq!(
        (now.revision, now.rated_at.map(|t| t.to_string())),
        (2, Some("2026-11-19T09:30:00.000Z".to_owned()))
    );
}

/// While two values of one evaluator conflict (same time and revision), that evaluator counts
/// once, with the mean of the two, beside the others: not twice.
#[test]
fn an_evaluator_with_an_open_conflict_counts_once() {
    let mut base = small_scorecard();
    base.ratings.retain(|r| r.vendor != "acme");
    let mut a = base.clone();
    let mut b = base.clone();
    a.ratings.push(rating("e1", "acme", "fit.demo", 5.0, 2));
    b.ratings.push(rating("e1", "acme", "fit.demo", 1.0, 2));
    let mut other = base.clone();
    other.ratings.push(rating("e2", "acme", "fit.demo", 1.0, 1));
    let card = merged(&base, &[&a, &b, &other]);
    assert_eq!(
        merge(&base, &[("a", &a), ("b", &b)])
            .unwrap()
            .conflicts
            .len(),
        1
    );
    let levels = rfp_core::score::cell_levels(&card, "acme", "fit.demo");
    // e1 once (mean of 5 and 1 is 3), e2 once: the cell is (3 + 1) / 2 = 2, not (5 + 1 + 1) / 3.
    assert_eq!(levels, vec![("e1".to_owned(), 3.0), ("e2".to_owned(), 1.0)]);
}

/// Evaluator files: the base's criteria and vendors, random ratings and attestations.
fn arb_file() -> impl Strategy<Value = Scorecard> {
    // A time of 0 is none (a file before schema version 3); else minutes into a day.
    let entry = (0usize..3, 0usize..2, 0u32..3, 0u32..6, 0usize..2, 0u32..3);
    // Evaluators' AHP judgments (group AHP): evaluator, where (the top level or "fit"), value,
    // minute (0: none), written the other way round.
    let judged = (0usize..2, 0usize..2, 0usize..3, 0u32..3, any::<bool>());
    (
        prop::collection::vec(entry, 0..8),
        prop::option::of((0usize..3, 0u32..3)),
        prop::collection::vec(judged, 0..5),
    )
        .prop_map(|(entries, attest, judgments)| {
            let mut card = small_scorecard();
            card.ratings.clear();
            for (e, v, revision, score, note, minute) in entries {
                let mut r = rating(
                    &format!("e{}", e + 1),
                    ["acme", "bolt"][v],
                    "fit.demo",
                    score as f64,
                    revision,
                );
                r.note = ["", "see demo notes"][note].into();
                r.rated_at = at_minute(minute);
                card.ratings.push(r);
            }
            let mut seen = std::collections::BTreeSet::new();
            for (e, place, value, minute, reversed) in judgments {
                // One judgment per evaluator and pair in a file, as its validation asks.
                if !seen.insert((e, place)) {
                    continue;
                }
                let (category, a, b) = [("", "fit", "cost"), ("fit", "fit.demo", "fit.onc")][place];
                let value = [1.0 / 3.0, 1.0, 3.0][value];
                let (a, b, value) = if reversed {
                    (b, a, 1.0 / value)
                } else {
                    (a, b, value)
                };
                let mut judgment = Comparison {
                    a: a.into(),
                    b: b.into(),
                    value,
                    evaluator: Some(format!("e{}", e + 1)),
                    judged_at: at_minute(minute),
                    revision: 0,
                    extra: Default::default(),
                };
                if reversed {
                    // Unknown fields that differ between files' otherwise equal judgments.
                    judgment
                        .extra
                        .insert("note".into(), serde_json::json!(minute));
                }
                let slot = if category.is_empty() {
                    &mut card.settings.top_weighting
                } else {
                    &mut card.criteria[0].weighting
                };
                slot.get_or_insert_with(Weighting::default)
                    .pairwise
                    .push(judgment);
            }
            if let Some((who, day)) = attest {
                // Newcomers the base does not know, several ids so that their order is tested.
                let mut e = evaluator(["e3", "zed", "mia"][who]);
                e.attestation.as_mut().unwrap().date = format!("2026-11-0{}", day + 1);
                e.attestation.as_mut().unwrap().no_conflict = day != 1;
                card.evaluators.push(e);
            }
            card
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn merge_is_commutative(a in arb_file(), b in arb_file(), c in arb_file()) {
        let base = small_scorecard();
        let abc = merged(&base, &[&a, &b, &c]);
        prop_assert_eq!(&abc, &merged(&base, &[&c, &a, &b]));
        prop_assert_eq!(&abc, &merged(&base, &[&b, &c, &a]));
    }

    #[test]
    fn merge_is_associative(a in arb_file(), b in arb_file(), c in arb_file()) {
        let base = small_scorecard();
        let all_at_once = merged(&base, &[&a, &b, &c]);
        let in_batches = merged(&merged(&base, &[&a]), &[&b, &c]);
        let grouped = merged(&base, &[&merged(&a, &[&b]), &c]);
        prop_assert_eq!(&all_at_once, &in_batches);
        prop_assert_eq!(&all_at_once, &grouped);
    }

    #[test]
    fn merge_is_idempotent(a in arb_file(), b in arb_file()) {
        let base = small_scorecard();
        let once = merged(&base, &[&a, &b]);
        prop_assert_eq!(&once, &merged(&base, &[&a, &b, &a, &b]));
        prop_assert_eq!(&once, &merged(&once, &[&a]));
        prop_assert_eq!(&once, &merged(&once, &[&once]));
    }
}

/// Without times, the rating that counts is the highest revision, the later of two at the same revision, and
/// is not alone when another shares that revision; other evaluators and vendors do not count.
#[test]
fn the_rating_that_counts_is_the_highest_revision() {
    let mut card = Scorecard::default();
    card.ratings = vec![
        rating("e1", "v1", "r1", 2.0, 3),
        rating("e1", "v1", "r1", 4.0, 1),
        rating("e1", "v1", "r2", 1.0, 2),
        rating("e1", "v1", "r2", 3.0, 2),
        rating("e2", "v1", "r1", 5.0, 9),
        rating("e1", "v2", "r1", 5.0, 9),
        rating("e1", "v1", "r3", 0.0, 0),
    ];
    let counting = ratings_that_count(&card, "e1", "v1");
    assert_eq!(counting.len(), 3);
    assert_eq!(
        counting["r1"],
        Counting {
            index: 0,
            alone: true
        }
    );
    assert_eq!(
        counting["r2"],
        Counting {
            index: 3,
            alone: false
        }
    );
    assert_eq!(
        counting["r3"],
        Counting {
            index: 6,
            alone: true
        }
    );
    assert!(ratings_that_count(&card, "e3", "v1").is_empty());
}

/// A packet holds the committee's AHP judgments and its evaluator's own, not the others'
/// (as with ratings), and is a valid file; returned unchanged it merges without a remark, and
/// a judgment changed in it is reported, not merged (the chair's file keeps its own).
#[test]
fn a_packet_holds_only_its_evaluators_ahp_judgments() {
    let mut base = small_scorecard();
    let ids: Vec<String> = base.criteria.iter().map(|c| c.id.clone()).collect();
    assert!(ids.len() >= 2, "two categories to compare");
    let judgment = |evaluator: Option<&str>, value: f64| Comparison {
        a: ids[0].clone(),
        b: ids[1].clone(),
        value,
        evaluator: evaluator.map(str::to_owned),
        judged_at: None,
        revision: 0,
        extra: Default::default(),
    };
    base.settings.top_weighting = Some(Weighting {
        method: WeightingMethod::AhpGroup,
        pairwise: vec![
            judgment(Some("e1"), 3.0),
            judgment(Some("e2"), 0.5),
            judgment(None, 2.0),
        ],
        ..Weighting::default()
    });
    assert!(
        validate(&base)
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
    let p = packet(&base, "e2").unwrap();
    let kept = &p.settings.top_weighting.as_ref().unwrap().pairwise;
    assert_eq!(kept, &vec![judgment(Some("e2"), 0.5), judgment(None, 2.0)]);
    assert!(
        validate(&p).iter().all(|d| d.severity != Severity::Error),
        "{:?}",
        validate(&p)
    );
    let outcome = merge(&base, &[("e2.json", &p)]).unwrap();
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    assert_eq!(outcome.scorecard.settings, base.settings);

    // The evaluator judges again in their packet, later: their new judgment comes back; one
    // made earlier than the base's does not replace it. Written the other way round, it is the
    // same judgment (1/7 of b over a is 7 of a over b) and the base keeps its direction.
    let at = |ms: f64| Stamp::from_millis(ms);
    let mut changed = p.clone();
    let theirs = &mut changed.settings.top_weighting.as_mut().unwrap().pairwise[0];
    std::mem::swap(&mut theirs.a, &mut theirs.b);
    theirs.value = 1.0 / 7.0;
    theirs.judged_at = at(2_000.0);
    let outcome = merge(&base, &[("e2.json", &changed)]).unwrap();
    let merged = &outcome
        .scorecard
        .settings
        .top_weighting
        .as_ref()
        .unwrap()
        .pairwise;
    // The committee's first, then each evaluator's, in key order.
    assert_eq!(merged.len(), 3);
    assert_eq!(
        merged[0],
        judgment(None, 2.0),
        "the committee's is the base's"
    );
    let of = |evaluator: &str| {
        let c = merged
            .iter()
            .find(|c| c.evaluator.as_deref() == Some(evaluator))
            .expect("judged");
        // As "ids[0] over ids[1]", whichever way it is written.
        let value = if c.a == ids[0] {
            c.value
        } else {
            1.0 / c.value
        };
        (value, c.judged_at)
    };
    assert_eq!(of("e1"), (3.0, None));
    let (value, when) = of("e2");
    assert!((value - 7.0).abs() < 1e-12, "the later judgment: {value}");
    assert_eq!(when, at(2_000.0));
    assert!(
        outcome
            .diagnostics
            .iter()
            .any(|d| d.message
                == "1 AHP judgment(s) by evaluators were new or newer than the base's"),
        "{:?}",
        outcome.diagnostics
    );
    // Merged again, nothing changes; an older judgment does not replace the newer.
    let again = merge(&outcome.scorecard, &[("e2.json", &changed)]).unwrap();
    assert_eq!(again.scorecard, outcome.scorecard);
    let mut older = p.clone();
    let stale = &mut older.settings.top_weighting.as_mut().unwrap().pairwise[0];
    stale.value = 9.0;
    stale.judged_at = at(1_000.0);
    let both = merge(&base, &[("e2.json", &changed), ("old.json", &older)]).unwrap();
    let other_order = merge(&base, &[("old.json", &older), ("e2.json", &changed)]).unwrap();
    assert_eq!(both.scorecard, outcome.scorecard);
    assert_eq!(other_order.scorecard, outcome.scorecard);
    // A changed committee judgment in a returned file is the base's to keep, and is reported.
    let mut committee = p.clone();
    committee.settings.top_weighting.as_mut().unwrap().pairwise[1].value = 5.0;
    let outcome = merge(&base, &[("e2.json", &committee)]).unwrap();
    assert_eq!(outcome.scorecard.settings, base.settings);
    assert!(
        outcome
            .diagnostics
            .iter()
            .any(|d| d.message.contains("differs from the base in settings")),
        "{:?}",
        outcome.diagnostics
    );
}

/// The evaluators' judgments in returned files, at their edges: equal but for unknown fields
/// (the join still does not depend on the order of the files); judged again without a time
/// (the higher revision counts); two different at the same time and revision (said, the
/// larger kept); one that cannot be used (left out, said with its file, the rest merged); an
/// unchanged packet beside a base whose evaluators' judgments made a weighting (nothing said).
#[test]
fn evaluators_judgments_merge_at_their_edges() {
    let mut base = small_scorecard();
    let judgment = |evaluator: &str, value: f64| Comparison {
        a: "fit".into(),
        b: "cost".into(),
        value,
        evaluator: Some(evaluator.into()),
        judged_at: None,
        revision: 0,
        extra: Default::default(),
    };
    base.settings.top_weighting = Some(Weighting {
        pairwise: vec![judgment("e1", 3.0)],
        ..Weighting::default()
    });
    let with = |pairwise: Vec<Comparison>| {
        let mut card = base.clone();
        card.settings.top_weighting.as_mut().unwrap().pairwise = pairwise;
        card
    };
    let top = |card: &Scorecard| card.settings.top_weighting.clone().unwrap().pairwise;

    // An unchanged packet of another evaluator: nothing to say.
    let e2 = packet(&base, "e2").unwrap();
    let outcome = merge(&base, &[("e2.json", &e2)]).unwrap();
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);

    // Equal but for an unknown field: the same result in either order.
    let mut x = judgment("e2", 5.0);
    x.extra.insert("note".into(), serde_json::json!("x"));
    let mut y = judgment("e2", 5.0);
    y.extra.insert("note".into(), serde_json::json!("y"));
    let (fx, fy) = (with(vec![x]), with(vec![y]));
    assert_eq!(
        merge(&base, &[("x", &fx), ("y", &fy)]).unwrap().scorecard,
        merge(&base, &[("y", &fy), ("x", &fx)]).unwrap().scorecard
    );

    // Judged again without a time: the higher revision counts over the base's.
    let mut again = judgment("e1", 9.0);
    again.revision = 1;
    let outcome = merge(&base, &[("e1.json", &with(vec![again.clone()]))]).unwrap();
    let merged = top(&outcome.scorecard);
    let e1 = merged
        .iter()
        .find(|c| c.evaluator.as_deref() == Some("e1"))
        .unwrap();
    // Kept as "cost over fit" (ids in order): 1/9.
    assert_eq!(
        (e1.a.as_str(), e1.b.as_str(), e1.revision),
        ("cost", "fit", 1)
    );
    assert!((e1.value - 1.0 / 9.0).abs() < 1e-12);

    // Two different judgments at the same time and revision: said, the larger kept.
    let outcome = merge(
        &base,
        &[
            ("one", &with(vec![judgment("e1", 5.0)])),
            ("two", &with(vec![judgment("e1", 7.0)])),
        ],
    )
    .unwrap();
    assert!(
        outcome.diagnostics.iter().any(|d| d
            .message
            .starts_with("two different judgments at the same time and revision")),
        "{:?}",
        outcome.diagnostics
    );

    // One that cannot be used is left out and said with its file; the file's ratings merge.
    let mut bad = with(vec![judgment("e1", 3.0), judgment("e2", 40.0)]);
    bad.ratings.push(rating("e2", "acme", "fit.demo", 2.0, 7));
    let outcome = merge(&base, &[("bad.json", &bad)]).unwrap();
    assert!(
        outcome.diagnostics.iter().any(|d| d.location == "bad.json"
            && d.message
                .contains("was left out: its value is outside Saaty's scale")),
        "{:?}",
        outcome.diagnostics
    );
    assert_eq!(top(&outcome.scorecard), top(&base));
    assert!(outcome.updated > 0, "the file's ratings are merged");
    assert!(
        validate(&outcome.scorecard)
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
}
