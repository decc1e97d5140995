//! The built-in demo: valid, signed off by the tidy rules, and a meaningful ranking.

use rfp_core::score::VendorStatus;
use rfp_core::*;

#[test]
fn the_demo_loads_without_problems() {
    let loaded = rfp_core::load(rfp_core::demo::DEMO_FILE).unwrap();
    let problems: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| d.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(rfp_core::demo::scorecard(), loaded.scorecard);
}

#[test]
fn the_demo_is_tidy() {
    let card = rfp_core::demo::scorecard();
    let mut kinds = std::collections::BTreeSet::new();
    let mut max_depth = 0;
    rfp_core::validate::walk(&card.criteria, &mut |node, path, depth| {
        max_depth = max_depth.max(depth);
        assert!(
            !node.guidance.trim().is_empty(),
            "{path} ({}) has no guidance",
            node.id
        );
        assert!(node.weight >= 0.0);
        if let Some(scoring) = &node.scoring {
            kinds.insert(scoring.kind_name());
            if let Scoring::Rating(rule) = scoring {
                for level in rule.min..=rule.max {
                    assert!(
                        rule.anchors.iter().any(|a| a.level == level),
                        "{path}: no anchor for level {level}"
                    );
                }
            }
        }
    });
    assert!(max_depth >= 2, "categories nest three levels");
    let all: std::collections::BTreeSet<&str> = [
        "yes_no",
        "choice",
        "multi_choice",
        "numeric",
        "rating",
        "price",
    ]
    .into();
    assert_eq!(kinds, all);
}

#[test]
fn the_demo_ranks_meaningfully() {
    let report = score(&rfp_core::demo::scorecard());
    let report_diagnostics: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| d.to_string())
        .collect();
    assert!(report_diagnostics.is_empty(), "{report_diagnostics:#?}");
    assert!(report.vendors.len() >= 3);
    let ranks: Vec<usize> = report.vendors.iter().map(|v| v.rank).collect();
    let distinct: std::collections::BTreeSet<usize> = ranks.iter().copied().collect();
    assert_eq!(distinct.len(), ranks.len(), "no ties in the demo");
    let knocked: Vec<_> = report
        .vendors
        .iter()
        .filter(|v| v.status == VendorStatus::KnockedOut)
        .collect();
    assert_eq!(knocked.len(), 1);
    assert!(!knocked[0].gate_failures[0].reason.is_empty());
    assert_eq!(
        report.vendors.last().unwrap().status,
        VendorStatus::KnockedOut
    );
    // The cheapest bid does not win: the matrix weighs more than price.
    let price = report
        .requirements
        .iter()
        .position(|r| r.kind == "price")
        .unwrap();
    let cheapest = report
        .vendors
        .iter()
        .filter(|v| v.status == VendorStatus::Qualified)
        .min_by(|a, b| {
            a.scores[price]
                .value
                .partial_cmp(&b.scores[price].value)
                .unwrap()
        })
        .unwrap();
    assert_ne!(cheapest.rank, 1);
    assert!(
        !report.disagreements.is_empty(),
        "the demo shows a disagreement"
    );
    assert!(report.disagreements.iter().all(|d| d.resolved));
}
