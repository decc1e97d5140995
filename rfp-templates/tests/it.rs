//! Tidy checks of every template, and tailoring along each profile dimension.

use std::collections::BTreeSet;

use rfp_core::score::VendorStatus;
use rfp_core::*;
use rfp_templates::{TEMPLATES, find, tailor};

const CATEGORIES: [(&str, &str); 11] = [
    ("fit", "category:specialty_fit"),
    ("scale", "category:scale"),
    ("rcm", "category:billing"),
    ("interop", "category:integrations"),
    ("sla", "category:support"),
    ("security", "category:security"),
    ("migration", "category:migration"),
    ("training", "category:training"),
    ("impl", "category:implementation"),
    ("cost", "category:cost"),
    ("viability", "category:viability"),
];

const ROLE_TAGS: [&str; 40] = [
    "certification:onc",
    "specialty:demo",
    "specialty:content",
    "scale:providers",
    "scale:encounters_per_day",
    "scale:locations",
    "scale:concurrent_users",
    "scale:standardization",
    "billing:fee_for_service",
    "billing:value_based",
    "billing:capitation",
    "billing:sliding_fee",
    "billing:grant_reporting",
    "integration:lab",
    "integration:e_prescribing",
    "integration:epcs",
    "integration:hie",
    "integration:immunization_registry",
    "integration:fhir_bulk",
    "support:uptime",
    "support:sev1_response",
    "cost:tco",
    "security:baa",
    "security:attestation",
    "security:encryption_mfa",
    "security:breach_notification",
    "security:cyber_insurance",
    "security:rpo",
    "security:rto",
    "security:dr_test",
    "security:downtime_access",
    "security:ransomware",
    "contract:liability_cap",
    "contract:indemnity",
    "contract:exit",
    "contract:escalation_cap",
    "change:workflow_redesign",
    "change:success_kpis",
    "support:uptime_definition",
    "support:maintenance_cap",
];

/// Sub-categories every template carries inside a top-level category: (parent, id, tag).
const SUB_CATEGORIES: [(&str, &str, &str); 2] = [
    ("cost", "cost.contract", "category:contract"),
    ("impl", "impl.change", "category:change_management"),
];

fn tags_of(card: &Scorecard) -> BTreeSet<String> {
    let mut tags = BTreeSet::new();
    rfp_core::tree::walk(&card.criteria, &mut |node, _, _| {
        tags.extend(node.tags.iter().cloned());
    });
    tags
}

/// The diagnostics that are more than information, as text.
fn warnings_and_errors(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn every_template_is_valid_and_tidy() {
    assert!(TEMPLATES.len() >= 6);
    for template in TEMPLATES {
        let loaded =
            rfp_core::load(template.file()).unwrap_or_else(|e| panic!("{}: {e}", template.id));
        let problems = warnings_and_errors(&loaded.diagnostics);
        assert!(problems.is_empty(), "{}: {problems:#?}", template.id);
        let card = loaded.scorecard;
        assert_eq!(card.meta.template, template.id);
        assert!(
            card.meta.description.contains("Weights"),
            "{}: the template says why its weights are what they are",
            template.id
        );
        let mut max_depth = 0;
        rfp_core::tree::walk(&card.criteria, &mut |node, path, depth| {
            let place = format!("{}: {path} ({})", template.id, node.id);
            max_depth = max_depth.max(depth);
            assert!(!node.guidance.trim().is_empty(), "{place} has no guidance");
            assert!(node.weight.is_finite() && node.weight >= 0.0, "{place}");
            assert!(
                !node.tags.is_empty() || node.scoring.is_none(),
                "{place} has no tags"
            );
            if let Some(Scoring::Rating(rule)) = &node.scoring {
                for level in rule.min..=rule.max {
                    assert!(
                        rule.anchors
                            .iter()
                            .any(|a| a.level == level && !a.description.trim().is_empty()),
                        "{place}: no anchor for level {level}"
                    );
                }
            }
        });
        assert!(
            max_depth >= 2,
            "{}: categories nest three levels",
            template.id
        );
        for (id, tag) in CATEGORIES {
            let category = card.criteria.iter().find(|c| c.id == id);
            assert!(
                category.is_some_and(|c| c.tags.iter().any(|t| t == tag)),
                "{}: top-level category {id} with tag {tag}",
                template.id
            );
        }
        for (parent, id, tag) in SUB_CATEGORIES {
            let parent = card.criteria.iter().find(|c| c.id == parent).unwrap();
            let sub = parent.children.iter().find(|c| c.id == id);
            assert!(
                sub.is_some_and(|c| c.scoring.is_none()
                    && !c.children.is_empty()
                    && c.tags.iter().any(|t| t == tag)),
                "{}: sub-category {id} with tag {tag}",
                template.id
            );
        }
        let top: f64 = card.criteria.iter().map(|c| c.weight).sum();
        assert!(
            (top - 100.0).abs() < 1e-9,
            "{}: top-level weights sum to {top}, not 100",
            template.id
        );
        let tags = tags_of(&card);
        for tag in ROLE_TAGS {
            assert!(
                tags.contains(tag),
                "{}: no criterion tagged {tag}",
                template.id
            );
        }
    }
}

#[test]
fn every_choice_requirement_has_an_option_that_meets_it() {
    for template in TEMPLATES {
        let card = template.scorecard().unwrap();
        let mut choices = 0;
        rfp_core::tree::walk(&card.criteria, &mut |node, _, _| {
            let Some(Scoring::Choice(rule)) = &node.scoring else {
                return;
            };
            choices += 1;
            let meeting: BTreeSet<&str> = rule
                .options
                .iter()
                .filter(|o| o.meets)
                .map(|o| o.id.as_str())
                .collect();
            assert!(
                !meeting.is_empty(),
                "{}: {} has no option marked meets",
                template.id,
                node.id
            );
            // A gate the template already sets accepts exactly the options that meet.
            if let Some(Gate::AnyOf(ids)) = &node.gate {
                let gated: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
                assert_eq!(
                    gated, meeting,
                    "{}: {}'s any_of gate and its meeting options differ",
                    template.id, node.id
                );
            }
        });
        assert!(choices > 0, "{}", template.id);
    }
}

#[test]
fn every_template_ranks_its_demo_vendors_meaningfully() {
    for template in TEMPLATES {
        let card = template.scorecard().unwrap();
        let report = score(&card);
        let notes: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .map(|d| d.to_string())
            .collect();
        assert!(notes.is_empty(), "{}: {notes:#?}", template.id);
        assert!(report.vendors.len() >= 3, "{}", template.id);
        let ranks: BTreeSet<usize> = report.vendors.iter().map(|v| v.rank).collect();
        assert_eq!(
            ranks.len(),
            report.vendors.len(),
            "{}: no ties",
            template.id
        );
        let out: Vec<_> = report
            .vendors
            .iter()
            .filter(|v| v.status == VendorStatus::KnockedOut)
            .collect();
        assert_eq!(
            out.len(),
            1,
            "{}: exactly one vendor fails a gate",
            template.id
        );
        assert!(!out[0].gate_failures[0].reason.is_empty());
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
        assert_ne!(
            cheapest.rank, 1,
            "{}: the cheapest bid does not simply win",
            template.id
        );
        assert!(
            !report.disagreements.is_empty(),
            "{}: a disagreement to discuss",
            template.id
        );
        assert!(
            report
                .evaluators
                .iter()
                .all(|e| e.attested && e.completeness == 1.0)
        );
    }
}

#[test]
fn every_template_round_trips_through_json_and_csv() {
    for template in TEMPLATES {
        let card = template.scorecard().unwrap();
        let text = rfp_core::save(&card).unwrap();
        assert_eq!(
            rfp_core::load(&text).unwrap().scorecard,
            card,
            "{}",
            template.id
        );
        let sheet = rfp_core::csv_io::export_requirements(&card.criteria, &Default::default());
        let back = rfp_core::csv_io::import_requirements("template.csv", &sheet);
        assert!(
            back.diagnostics.is_empty(),
            "{}: {:#?}",
            template.id,
            back.diagnostics
        );
        assert_eq!(back.criteria, card.criteria, "{}", template.id);
    }
}

#[test]
fn the_demo_is_the_small_primary_care_template() {
    let demo = rfp_templates::demo();
    assert_eq!(demo.meta.template, "small-primary-care");
    assert_eq!(
        rfp_core::load(rfp_templates::DEMO_FILE).unwrap().scorecard,
        demo
    );
}

// ---------------------------------------------------------------------------------------------
// Tailoring
// ---------------------------------------------------------------------------------------------

fn profile() -> PracticeProfile {
    PracticeProfile {
        specialties: vec!["family medicine".into()],
        providers: Some(4),
        locations: Some(1),
        annual_encounters: Some(14_000),
        billing_models: vec!["fee_for_service".into()],
        ..PracticeProfile::default()
    }
}

fn tailored(profile: &PracticeProfile) -> Scorecard {
    let t = tailor(profile).unwrap();
    let card = t.scorecard;
    let errors: Vec<String> = validate(&card)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(card.vendors.is_empty() && card.ratings.is_empty() && card.evaluators.is_empty());
    assert_eq!(&card.profile, profile);
    card
}

fn tagged<'a>(card: &'a Scorecard, tag: &str) -> Vec<&'a Criterion> {
    let mut found = Vec::new();
    rfp_core::tree::walk(&card.criteria, &mut |node, _, _| {
        if node.tags.iter().any(|t| t == tag) {
            found.push(node);
        }
    });
    found
}

fn adjusted(card: &Scorecard, criterion: &str) -> Vec<String> {
    card.meta
        .adjustments
        .iter()
        .filter(|a| a.criterion == criterion)
        .map(|a| format!("{} ({})", a.change, a.reason))
        .collect()
}

#[test]
fn the_closest_template_is_chosen() {
    let cases: Vec<(PracticeProfile, &str)> = vec![
        (profile(), "small-primary-care"),
        (
            PracticeProfile {
                specialties: vec!["pediatrics".into()],
                providers: Some(6),
                ..profile()
            },
            "pediatrics",
        ),
        (
            PracticeProfile {
                specialties: vec!["psychiatry".into(), "counseling".into()],
                providers: Some(12),
                ..profile()
            },
            "behavioral-health",
        ),
        (
            PracticeProfile {
                billing_models: vec!["sliding_fee".into(), "grant_funded".into()],
                providers: Some(10),
                locations: Some(3),
                ..profile()
            },
            "community-health-center",
        ),
        (
            PracticeProfile {
                specialties: vec![
                    "family medicine".into(),
                    "cardiology".into(),
                    "orthopedics".into(),
                ],
                providers: Some(35),
                locations: Some(4),
                ..profile()
            },
            "multi-specialty",
        ),
        (
            PracticeProfile {
                providers: Some(120),
                locations: Some(24),
                ..profile()
            },
            "multi-clinic-network",
        ),
    ];
    let cases = cases.into_iter().chain([
        (
            PracticeProfile {
                providers: Some(8),
                ..profile()
            },
            "small-primary-care",
        ),
        (
            PracticeProfile {
                specialties: vec!["family medicine".into(), "behavioral health".into()],
                providers: Some(12),
                ..profile()
            },
            "multi-specialty",
        ),
        (
            PracticeProfile {
                specialties: vec!["Paediatrics".into(), "adolescent medicine".into()],
                providers: Some(8),
                ..profile()
            },
            "pediatrics",
        ),
    ]);
    for (profile, expected) in cases {
        let t = tailor(&profile).unwrap();
        assert_eq!(t.template_id, expected, "{profile:?}");
        assert!(!t.template_reason.is_empty());
        assert_eq!(t.scorecard.meta.template, expected);
        // The first adjustment names the template by its name, not its id.
        let name = find(expected).unwrap().scorecard().unwrap().meta.title;
        let name = name.split(" — ").next().unwrap();
        assert_eq!(
            t.scorecard.meta.adjustments[0].change,
            format!("started from the template “{name}”")
        );
    }
}

#[test]
fn a_specialty_the_template_has_is_not_added_again() {
    let card = tailored(&PracticeProfile {
        specialties: vec!["Pediatric".into()],
        providers: Some(5),
        ..profile()
    });
    assert_eq!(card.meta.template, "pediatrics");
    assert!(
        card.meta.adjustments.iter().all(|a| a.change != "added"),
        "{:#?}",
        card.meta.adjustments
    );
}

#[test]
fn a_specialty_the_template_lacks_is_added() {
    let card = tailored(&PracticeProfile {
        specialties: vec!["family medicine".into(), "Dermatology".into()],
        ..profile()
    });
    let added = tagged(&card, "specialty:dermatology");
    assert_eq!(added.len(), 1);
    let requirement = added[0];
    assert!(matches!(requirement.scoring, Some(Scoring::Rating(_))));
    assert!(requirement.name.starts_with("Dermatology"));
    assert_eq!(adjusted(&card, &requirement.id).len(), 1);
    // It sits in the specialty-fit category.
    let fit = card
        .criteria
        .iter()
        .find(|c| c.tags.iter().any(|t| t == "category:specialty_fit"))
        .unwrap();
    let mut inside = false;
    rfp_core::tree::walk(std::slice::from_ref(fit), &mut |node, _, _| {
        inside |= node.id == requirement.id
    });
    assert!(inside);
}

#[test]
fn billing_models_in_use_become_gates_and_others_weigh_nothing() {
    let card = tailored(&PracticeProfile {
        billing_models: vec!["fee_for_service".into(), "value_based".into()],
        ..profile()
    });
    for node in tagged(&card, "billing:value_based") {
        assert!(node.gate.is_some(), "{} is a gate", node.id);
        assert!(
            adjusted(&card, &node.id)
                .iter()
                .any(|a| a.contains("made a gate") && a.contains("value-based"))
        );
    }
    for node in tagged(&card, "billing:capitation") {
        assert_eq!(node.weight, 0.0, "{}", node.id);
        assert!(
            adjusted(&card, &node.id)
                .iter()
                .any(|a| a.contains("does not bill with capitation"))
        );
    }
    let sliding = tailored(&PracticeProfile {
        billing_models: vec!["sliding_fee".into()],
        ..profile()
    });
    assert!(
        tagged(&sliding, "billing:sliding_fee")
            .iter()
            .all(|n| n.gate.is_some())
    );
    // Grant-funded programs (the core's term, the one the page's profile form offers) make
    // grant reporting a gate, weighed as the template weighs it (the health-center template
    // expects grants; another would weigh it double); a practice without grants weighs it
    // nothing.
    // Both profiles are tailored from the health-center template (sliding-fee billing).
    let plain = find("community-health-center")
        .unwrap()
        .scorecard()
        .unwrap();
    let granted = tailored(&PracticeProfile {
        billing_models: vec!["sliding_fee".into(), "grant_funded".into()],
        ..profile()
    });
    let grants = tagged(&granted, "billing:grant_reporting");
    assert!(!grants.is_empty());
    for node in grants {
        assert!(node.gate.is_some(), "{} is a gate", node.id);
        let before = tagged(&plain, "billing:grant_reporting")
            .into_iter()
            .find(|n| n.id == node.id)
            .expect("in the template");
        assert!(
            node.weight > 0.0 && node.weight >= before.weight,
            "{} weighs as much as in the template or more",
            node.id
        );
    }
    for node in tagged(&sliding, "billing:grant_reporting") {
        assert_eq!(
            node.weight, 0.0,
            "{} weighs nothing without grants",
            node.id
        );
    }
}

#[test]
fn many_locations_raise_scale_and_standardization() {
    let template = find("small-primary-care").unwrap().scorecard().unwrap();
    let at = |locations: u32| {
        rfp_core::tailor::tailor_template(
            &PracticeProfile {
                locations: Some(locations),
                ..profile()
            },
            &template,
            "test",
        )
        .scorecard
    };
    let weight = |card: &Scorecard, tag: &str| tagged(card, tag)[0].weight;
    let (one, eight, thirty) = (at(1), at(8), at(30));
    assert_eq!(
        weight(&one, "category:scale"),
        weight(&template, "category:scale")
    );
    // Evenly from ×1 at one location to ×2 at 20 or more, to two decimals.
    let two_decimals = |x: f64| (x * 100.0).round() / 100.0;
    let at_eight = 1.0 + 7.0 / 19.0;
    assert_eq!(
        weight(&eight, "category:scale"),
        two_decimals(at_eight * weight(&template, "category:scale"))
    );
    assert_eq!(
        weight(&thirty, "category:scale"),
        2.0 * weight(&template, "category:scale")
    );
    assert_eq!(
        weight(&eight, "scale:standardization"),
        two_decimals(at_eight * weight(&template, "scale:standardization"))
    );
    assert!(
        tagged(&thirty, "scale:standardization")
            .iter()
            .all(|n| n.gate.is_some())
    );
    assert!(
        tagged(&one, "scale:standardization")
            .iter()
            .all(|n| n.gate.is_none())
    );
    for node in tagged(&thirty, "scale:locations") {
        assert_eq!(node.gate, Some(Gate::AtLeast(30.0)));
    }
    // The network template is already weighted for 24 sites: 30 sites raise nothing again.
    let network_template = find("multi-clinic-network").unwrap().scorecard().unwrap();
    let network = tailored(&PracticeProfile {
        providers: Some(150),
        locations: Some(30),
        ..profile()
    });
    assert_eq!(network.meta.template, "multi-clinic-network");
    assert_eq!(
        weight(&network, "category:scale"),
        weight(&network_template, "category:scale")
    );
}

#[test]
fn a_template_tailored_to_its_own_profile_keeps_its_weights_and_its_winner() {
    for template in TEMPLATES {
        let card = template.scorecard().unwrap();
        let t = rfp_core::tailor::tailor_template(&card.profile, &card, "its own profile");
        // Nothing is weighted again for what the template was made for; only billing models
        // the template offers but its own practice does not use may lose weight.
        for adjustment in &t.scorecard.meta.adjustments {
            let raised = adjustment
                .change
                .strip_prefix("weight ")
                .and_then(|w| w.split_once(" → "))
                .is_some_and(|(a, b)| {
                    b.parse::<f64>().unwrap_or(0.0) > a.parse::<f64>().unwrap_or(0.0)
                });
            assert!(
                !raised && adjustment.change != "added",
                "{}: {} {} ({})",
                template.id,
                adjustment.criterion,
                adjustment.change,
                adjustment.reason
            );
        }
        // The gates tailoring adds are ones the template's demo winner can meet.
        let mut rescored = t.scorecard.clone();
        rescored.vendors = card.vendors.clone();
        rescored.evaluators = card.evaluators.clone();
        rescored.ratings = card.ratings.clone();
        rescored.consensus = card.consensus.clone();
        let before = score(&card);
        let after = score(&rescored);
        let winner = &before.vendors[0];
        let again = after
            .vendors
            .iter()
            .find(|v| v.vendor_id == winner.vendor_id)
            .unwrap();
        assert_eq!(
            again.status,
            VendorStatus::Qualified,
            "{}: {} fails {:?}",
            template.id,
            winner.name,
            again.gate_failures
        );
    }
}

#[test]
fn a_profile_without_billing_models_changes_no_billing_weight() {
    let card = tailored(&PracticeProfile {
        billing_models: vec![],
        ..profile()
    });
    assert!(
        card.meta
            .adjustments
            .iter()
            .all(|a| !a.criterion.starts_with("rcm")),
        "{:#?}",
        card.meta.adjustments
    );
}

#[test]
fn fee_for_service_only_halves_quality_reporting_and_drops_unused_gates() {
    let template = find("community-health-center")
        .unwrap()
        .scorecard()
        .unwrap();
    let t = rfp_core::tailor::tailor_template(
        &PracticeProfile {
            billing_models: vec!["fee_for_service".into()],
            ..template.profile.clone()
        },
        &template,
        "test",
    )
    .scorecard;
    for node in tagged(&t, "billing:sliding_fee") {
        assert_eq!(
            (node.weight, node.gate.is_none()),
            (0.0, true),
            "{}",
            node.id
        );
    }
    let base = |tag: &str| tagged(&template, tag)[0].weight;
    let value_based = tagged(&t, "billing:value_based")[0];
    assert_eq!(value_based.weight, 0.5 * base("billing:value_based"));
    assert!(
        adjusted(&t, &value_based.id)
            .iter()
            .any(|a| a.contains("MIPS"))
    );
}

#[test]
fn providers_and_encounters_set_the_scale_gates() {
    let card = tailored(&PracticeProfile {
        providers: Some(5),
        annual_encounters: Some(20_000),
        ..profile()
    });
    for node in tagged(&card, "scale:providers") {
        assert_eq!(node.gate, Some(Gate::AtLeast(5.0)));
    }
    for node in tagged(&card, "scale:encounters_per_day") {
        assert_eq!(
            node.gate,
            Some(Gate::AtLeast(80.0)),
            "20,000 ÷ 250 clinic days"
        );
    }
}

#[test]
fn required_integrations_become_gates_and_unknown_ones_are_added() {
    let card = tailored(&PracticeProfile {
        required_integrations: vec![
            "lab".into(),
            "Immunization registry".into(),
            "Dental imaging".into(),
        ],
        ..profile()
    });
    for tag in ["integration:lab", "integration:immunization_registry"] {
        let nodes = tagged(&card, tag);
        assert!(!nodes.is_empty());
        assert!(nodes.iter().all(|n| n.gate.is_some()), "{tag}");
    }
    let added = tagged(&card, "integration:dental_imaging");
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].gate, Some(Gate::Required));
    let said = &adjusted(&card, &added[0].id)[0];
    assert!(said.contains("added as a gate"), "{said}");
    // A name not in the vocabulary may be a typo: the change says so, with the names known.
    assert!(
        said.contains("not one of the integrations RFP Scorecard knows, lab, e_prescribing")
            && said.contains("check the spelling"),
        "{said}"
    );
    // Not required: no gate added.
    let plain = tailored(&profile());
    assert!(
        tagged(&plain, "integration:imaging")
            .iter()
            .all(|n| n.gate.is_none())
    );
}

#[test]
fn the_implementation_approach_shapes_the_matrix() {
    let staged = tailored(&PracticeProfile {
        implementation_approach: Some(ImplementationApproach::Staged),
        ..profile()
    });
    assert!(
        tagged(&staged, "implementation:staged")
            .iter()
            .all(|n| n.gate.is_some())
    );
    let big_bang = tailored(&PracticeProfile {
        implementation_approach: Some(ImplementationApproach::BigBang),
        ..profile()
    });
    let template = find("small-primary-care").unwrap().scorecard().unwrap();
    let weight = |card: &Scorecard, tag: &str| tagged(card, tag)[0].weight;
    assert_eq!(
        weight(&big_bang, "implementation:big_bang"),
        2.0 * weight(&template, "implementation:big_bang")
    );
    assert_eq!(
        weight(&big_bang, "category:training"),
        1.5 * weight(&template, "category:training")
    );
    assert!(
        tagged(&big_bang, "implementation:staged")
            .iter()
            .all(|n| n.gate.is_none() || template_gate(&template, &n.id))
    );
}

fn template_gate(template: &Scorecard, id: &str) -> bool {
    rfp_core::tree::find_requirement(&template.criteria, id).is_some_and(|n| n.gate.is_some())
}

#[test]
fn a_price_ceiling_for_another_practice_size_is_flagged_for_review() {
    let card = tailored(&PracticeProfile {
        providers: Some(10),
        ..profile()
    });
    let tco = tagged(&card, "cost:tco")[0];
    let notes = adjusted(&card, &tco.id);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("review the ceiling of") && n.contains("practice has 10")),
        "{notes:?}"
    );
    assert!(adjusted(&tailored(&profile()), &tco.id).is_empty());
}

#[test]
fn certification_is_always_a_gate_and_every_change_is_explained() {
    let card = tailored(&profile());
    assert!(
        tagged(&card, "certification:onc")
            .iter()
            .all(|n| n.gate == Some(Gate::Required))
    );
    assert!(
        card.meta
            .adjustments
            .iter()
            .all(|a| !a.change.is_empty() && !a.reason.is_empty())
    );
}

#[path = "it/profiles.rs"]
mod profiles;
