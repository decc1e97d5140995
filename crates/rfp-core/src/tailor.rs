//! Tailoring: a practice profile turns into a scorecard fitted to the practice.
//!
//! Templates mark their criteria with **tags** — roles that tailoring looks for, whatever the
//! criterion's id or wording. The vocabulary:
//!
//! | tag | on | what tailoring does with it |
//! |---|---|---|
//! | `category:specialty_fit` | category | receives a rating requirement per extra specialty |
//! | `category:scale` | category | weight raised for 5+ locations (×1.5) and 20+ (×2) |
//! | `category:billing`, `category:integrations`, `category:support`, `category:migration`, `category:training`, `category:implementation`, `category:cost`, `category:viability` | category | found by role |
//! | `certification:onc` | yes/no | always a gate |
//! | `specialty:content`, `specialty:demo`, `specialty:<name>` | rating | the template's specialty content, the scripted demo, added specialties |
//! | `scale:providers`, `scale:locations`, `scale:encounters_per_day`, `scale:concurrent_users` | numeric (higher is better) | a gate at the practice's own numbers |
//! | `scale:standardization` | rating | weight ×2 for 5+ locations; a gate (minimum rating 3) for 20+ |
//! | `scale:performance` | any | found by role |
//! | `billing:value_based`, `billing:capitation`, `billing:sliding_fee`, `billing:grant_reporting` | any | a gate (and weight ×2) when the practice bills that way; weight 0 when it does not |
//! | `billing:fee_for_service` | any | kept as it is when the practice bills fee-for-service (everyone's baseline); weight 0 when it does not |
//! | `billing:clearinghouse`, `billing:denials`, `billing:model` | any | found by role |
//! | `integration:<name>` (`lab`, `e_prescribing`, `epcs`, `pdmp`, `fhir`, `fhir_bulk`, `practice_management`, `hie`, `immunization_registry`, `imaging`, `patient_portal`, `telehealth`, `clearinghouse`) | any | a gate when the practice requires that integration (the profile names it the same way) |
//! | `integration:interface_fees` | numeric or price | found by role |
//! | `implementation:staged`, `implementation:big_bang` | any | a gate for the preferred approach (big bang: weight ×2 instead) |
//! | `support:*`, `migration:*`, `training:*`, `cost:*`, `viability:*` | any | found by role |
//!
//! Making a requirement a gate depends on its kind: yes/no → must be yes; choice → one of the
//! options worth the most points; rating → a minimum rating of 3 on a 0–5 scale (60% of the
//! scale in general); numeric → at least the practice's number (only for the `scale:` tags).
//! Every change is recorded in `meta.adjustments` with its reason, so the committee sees why
//! its matrix looks as it does.

use crate::error::{Diagnostic, Error, ErrorKind};
use crate::model::*;

/// A tailored scorecard and the template it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Tailored {
    /// The tailored scorecard: the template's criteria adjusted to the profile, with the
    /// profile filled in, no vendors, evaluators or ratings, and every change in
    /// `meta.adjustments`.
    pub scorecard: Scorecard,
    /// The id of the template chosen (`meta.template`).
    pub template_id: String,
    /// Why that template was chosen.
    pub template_reason: String,
}

/// The template that fits the profile best, by index into `templates`, with the reason.
/// Templates are recognised by `meta.template` (`small-primary-care`, `multi-specialty`,
/// `behavioral-health`, `pediatrics`, `community-health-center`, `multi-clinic-network`);
/// others never win over a known one, but are chosen when they are all there is.
pub fn choose_template(
    profile: &PracticeProfile,
    templates: &[Scorecard],
) -> Option<(usize, String)> {
    let specialties: Vec<String> = profile
        .specialties
        .iter()
        .map(|s| s.to_lowercase())
        .collect();
    let has = |words: &[&str]| {
        specialties
            .iter()
            .any(|s| words.iter().any(|w| s.contains(w)))
    };
    let billing = |model: &str| profile.billing_models.iter().any(|b| b == model);
    let providers = profile.providers.unwrap_or(0);
    let locations = profile.locations.unwrap_or(1);
    let behavioral = has(&[
        "behavioral",
        "psychiatr",
        "mental",
        "counsel",
        "substance",
        "addiction",
        "psycholog",
        "therap",
    ]);
    let pediatric = has(&["pediatric", "paediatric", "children", "adolescent"]);
    let safety_net = billing("sliding_fee") || billing("grant_funded");
    let many_specialties = profile.specialties.len() >= 3;

    let fit = |id: &str| -> (i32, String) {
        match id {
            "multi-clinic-network" if locations >= 20 => (
                12,
                format!("{locations} locations: a network standardizing workflows across clinics"),
            ),
            "community-health-center" if safety_net => (
                10,
                "sliding-fee or grant-funded billing: a community health center".to_owned(),
            ),
            "behavioral-health" if behavioral && specialties.len() <= 2 => (
                9,
                "behavioral health is the practice's specialty".to_owned(),
            ),
            "pediatrics" if pediatric && specialties.len() <= 2 => {
                (9, "pediatrics is the practice's specialty".to_owned())
            }
            "multi-specialty" if many_specialties || providers > 15 => (
                7,
                format!(
                    "{} specialties and {providers} providers: a multi-specialty group",
                    profile.specialties.len()
                ),
            ),
            "multi-clinic-network" if locations >= 5 => (
                5,
                format!("{locations} locations: closest to the multi-clinic network"),
            ),
            "small-primary-care" if providers <= 5 && locations <= 2 => (
                4,
                format!("{providers} provider(s) in {locations} location(s): a small practice"),
            ),
            "multi-specialty" if providers > 5 => (
                3,
                format!("{providers} providers: closer to a group than to a small practice"),
            ),
            "small-primary-care" => (1, "the general primary-care template".to_owned()),
            _ => (0, "the only template available".to_owned()),
        }
    };
    templates
        .iter()
        .enumerate()
        .map(|(i, t)| (i, fit(&t.meta.template)))
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(&a.0)))
        .map(|(i, (_, reason))| (i, reason))
}

/// Tailor: choose the closest template and adjust it to the profile.
pub fn tailor(profile: &PracticeProfile, templates: &[Scorecard]) -> Result<Tailored, Error> {
    let (index, reason) = choose_template(profile, templates).ok_or_else(|| {
        Error::from(ErrorKind::Invalid(vec![Diagnostic::error(
            "templates",
            "no template to tailor from",
        )]))
    })?;
    Ok(tailor_template(profile, &templates[index], &reason))
}

/// Adjust one template to the profile (see the module documentation for the rules).
pub fn tailor_template(profile: &PracticeProfile, template: &Scorecard, reason: &str) -> Tailored {
    let mut card = template.clone();
    card.vendors.clear();
    card.evaluators.clear();
    card.ratings.clear();
    card.consensus.clear();
    card.profile = profile.clone();
    let template_id = template.meta.template.clone();
    card.meta.adjustments.clear();
    card.meta.title = format!("EHR selection tailored from the {template_id} template");
    let mut log = Log(Vec::new());
    log.note(
        "",
        format!("started from the {template_id} template"),
        reason,
    );

    // Specialties the template does not cover get their own rated requirement.
    let covered: Vec<String> = template
        .profile
        .specialties
        .iter()
        .map(|s| s.to_lowercase())
        .collect();
    for specialty in &profile.specialties {
        let name = specialty.trim();
        if name.is_empty() || covered.iter().any(|c| c == &name.to_lowercase()) {
            continue;
        }
        add_specialty(&mut card.criteria, name, &mut log);
    }

    // Billing models: gates for the ones in use, nothing for the ones not used.
    let billing_tags = [
        ("fee_for_service", "fee-for-service claims"),
        ("value_based", "value-based care and quality reporting"),
        ("capitation", "capitation"),
        ("sliding_fee", "a sliding fee scale"),
        ("grant_funded", "grant reporting"),
    ];
    for (model, what) in billing_tags {
        let tag = if model == "grant_funded" {
            "billing:grant_reporting".to_owned()
        } else {
            format!("billing:{model}")
        };
        let in_use = profile.billing_models.iter().any(|b| b == model);
        // Fee-for-service claims are every practice's baseline: nothing to raise or gate.
        let special = model != "fee_for_service";
        for_each_tagged(&mut card.criteria, &tag, &mut |node| {
            if in_use && !special {
                return;
            }
            if in_use {
                make_gate(node, &format!("the practice bills with {what}"), &mut log);
                scale_weight(
                    node,
                    2.0,
                    &format!("{what} is how the practice is paid"),
                    &mut log,
                );
            } else if node.weight > 0.0 {
                log.note(
                    &node.id,
                    format!("weight {} → 0", fmt(node.weight)),
                    &format!("the practice does not bill with {what}"),
                );
                node.weight = 0.0;
            }
        });
    }

    // Locations and volume.
    if let Some(locations) = profile.locations {
        if locations >= 5 {
            let factor = if locations >= 20 { 2.0 } else { 1.5 };
            let why = format!("{locations} locations: scale and standardization matter more");
            for_each_tagged(&mut card.criteria, "category:scale", &mut |node| {
                scale_weight(node, factor, &why, &mut log)
            });
            for_each_tagged(&mut card.criteria, "scale:standardization", &mut |node| {
                scale_weight(node, 2.0, &why, &mut log);
                if locations >= 20 {
                    make_gate(node, &why, &mut log);
                }
            });
        }
        numeric_gate(
            &mut card.criteria,
            "scale:locations",
            f64::from(locations),
            "locations",
            &mut log,
        );
    }
    if let Some(providers) = profile.providers {
        numeric_gate(
            &mut card.criteria,
            "scale:providers",
            f64::from(providers),
            "providers",
            &mut log,
        );
    }
    if let Some(encounters) = profile.annual_encounters {
        // About 250 clinic days a year.
        let per_day = (encounters as f64 / 250.0).ceil();
        numeric_gate(
            &mut card.criteria,
            "scale:encounters_per_day",
            per_day,
            "encounters a day (annual encounters ÷ 250 clinic days)",
            &mut log,
        );
    }

    // Required integrations become gates; unknown ones get a requirement of their own.
    for integration in &profile.required_integrations {
        let name = crate::csv_io::slug(integration);
        if name.is_empty() {
            continue;
        }
        let tag = format!("integration:{name}");
        let mut found = false;
        for_each_tagged(&mut card.criteria, &tag, &mut |node| {
            found = true;
            make_gate(
                node,
                &format!(
                    "the practice requires the {} integration",
                    integration.trim()
                ),
                &mut log,
            );
        });
        if !found {
            add_integration(&mut card.criteria, &name, integration.trim(), &mut log);
        }
    }

    // Implementation approach.
    match profile.implementation_approach {
        Some(ImplementationApproach::Staged) => {
            for_each_tagged(&mut card.criteria, "implementation:staged", &mut |node| {
                make_gate(node, "the practice prefers a staged go-live", &mut log)
            });
        }
        Some(ImplementationApproach::BigBang) => {
            let why = "a big-bang go-live puts every user on the new system on one day";
            for_each_tagged(&mut card.criteria, "implementation:big_bang", &mut |node| {
                scale_weight(node, 2.0, why, &mut log)
            });
            for_each_tagged(&mut card.criteria, "category:training", &mut |node| {
                scale_weight(node, 1.5, why, &mut log)
            });
        }
        _ => {}
    }
    // Certification is always a gate.
    for_each_tagged(&mut card.criteria, "certification:onc", &mut |node| {
        make_gate(
            node,
            "only ONC-certified health IT qualifies for federal programs",
            &mut log,
        )
    });

    card.meta.adjustments = log.0;
    Tailored {
        scorecard: card,
        template_id,
        template_reason: reason.to_owned(),
    }
}

struct Log(Vec<Adjustment>);

impl Log {
    fn note(&mut self, criterion: &str, change: impl Into<String>, reason: &str) {
        self.0.push(Adjustment {
            criterion: criterion.to_owned(),
            change: change.into(),
            reason: reason.to_owned(),
            extra: Extra::new(),
        });
    }
}

fn fmt(x: f64) -> String {
    format!("{x}")
}

fn for_each_tagged(nodes: &mut [Criterion], tag: &str, visit: &mut dyn FnMut(&mut Criterion)) {
    for node in nodes {
        if node.tags.iter().any(|t| t == tag) {
            visit(node);
        }
        for_each_tagged(&mut node.children, tag, visit);
    }
}

fn scale_weight(node: &mut Criterion, factor: f64, reason: &str, log: &mut Log) {
    let before = node.weight;
    node.weight = before * factor;
    if before > 0.0 {
        log.note(
            &node.id,
            format!("weight {} → {}", fmt(before), fmt(node.weight)),
            reason,
        );
    }
}

/// Make a requirement mandatory in the way its kind allows; keeps a stricter existing gate.
fn make_gate(node: &mut Criterion, reason: &str, log: &mut Log) {
    if node.gate.is_some() {
        return;
    }
    let gate = match &node.scoring {
        Some(Scoring::YesNo(_)) => Some(Gate::Required),
        Some(Scoring::Choice(rule)) => {
            let best = rule.options.iter().map(|o| o.points).fold(0.0, f64::max);
            let ids: Vec<String> = rule
                .options
                .iter()
                .filter(|o| best > 0.0 && o.points >= best)
                .map(|o| o.id.clone())
                .collect();
            (!ids.is_empty()).then_some(Gate::AnyOf(ids))
        }
        Some(Scoring::Rating(rule)) => {
            let level = f64::from(rule.min) + 0.6 * (f64::from(rule.max) - f64::from(rule.min));
            Some(Gate::AtLeast(level.round()))
        }
        _ => None,
    };
    if let Some(gate) = gate {
        let description = node
            .scoring
            .as_ref()
            .map(|s| crate::score::describe_gate(s, &gate))
            .unwrap_or_default();
        node.gate = Some(gate);
        log.note(&node.id, format!("made a gate: {description}"), reason);
    }
}

fn numeric_gate(nodes: &mut [Criterion], tag: &str, value: f64, what: &str, log: &mut Log) {
    for_each_tagged(nodes, tag, &mut |node| {
        if let Some(Scoring::Numeric(rule)) = &node.scoring {
            if rule.better == Better::Higher && value > 0.0 {
                node.gate = Some(Gate::AtLeast(value));
                log.note(
                    &node.id,
                    format!("made a gate: at least {}", fmt(value)),
                    &format!("the practice has {} {what}", fmt(value)),
                );
            }
        }
    });
}

fn first_tagged<'a>(nodes: &'a mut [Criterion], tag: &str) -> Option<&'a mut Criterion> {
    for node in nodes {
        if node.tags.iter().any(|t| t == tag) {
            return Some(node);
        }
        if let Some(found) = first_tagged(&mut node.children, tag) {
            return Some(found);
        }
    }
    None
}

fn anchors(levels: [&str; 6]) -> Vec<Anchor> {
    levels
        .iter()
        .enumerate()
        .map(|(level, description)| Anchor {
            level: level as i32,
            description: (*description).to_owned(),
            extra: Extra::new(),
        })
        .collect()
}

fn add_specialty(criteria: &mut Vec<Criterion>, specialty: &str, log: &mut Log) {
    let slug = crate::csv_io::slug(specialty);
    let content_weight = first_tagged(criteria, "specialty:content").map(|n| n.weight);
    let target = first_tagged(criteria, "category:specialty_fit");
    let id = format!("fit.specialty_{slug}");
    let mut requirement = Criterion::requirement(
        &id,
        &format!("{specialty}: specialty content, templates and order sets"),
        content_weight.unwrap_or(10.0),
        Scoring::Rating(RatingRule {
            anchors: anchors([
                "No content for this specialty; clinicians would document in free text.",
                "Generic templates only; specialty content would have to be built by the practice.",
                "Some specialty templates, but key visit types, orders or measures are missing.",
                "The common visit types, order sets and measures exist; gaps need local build.",
                "Complete specialty content used by practices like ours, maintained by the vendor.",
                "Complete, current content plus specialty-specific decision support and reporting, shown on our own scripted cases.",
            ]),
            ..RatingRule::default()
        }),
    )
    .with_guidance(&format!(
        "Ask the vendor to show {specialty} visits end to end with the practice's own scripted cases: \
         templates, order sets, specialty measures and devices. Why: a product that does not fit a \
         specialty's workflow is a root cause of failed implementations; clinicians revert to paper \
         or free text and productivity drops for months."
    ));
    requirement.tags = vec![format!("specialty:{slug}")];
    match target {
        Some(category) => {
            if category.children.iter().any(|c| c.id == id) {
                return;
            }
            category.children.push(requirement);
        }
        None => criteria.push(Criterion::category(
            "fit",
            "Specialty fit",
            20.0,
            vec![requirement],
        )),
    }
    log.note(&id, "added", &format!("the practice includes {specialty}"));
}

fn add_integration(criteria: &mut Vec<Criterion>, slug: &str, name: &str, log: &mut Log) {
    let id = format!("interop.{slug}");
    if crate::csv_io::find_requirement(criteria, &id).is_some() {
        return;
    }
    let mut requirement = Criterion::requirement(
        &id,
        &format!("Integration with {name}"),
        10.0,
        Scoring::YesNo(YesNoRule::default()),
    )
    .with_gate(Gate::Required)
    .with_guidance(&format!(
        "Ask the vendor to name live practices using the {name} integration, which standard it uses \
         (HL7 v2, FHIR R4, a proprietary API), who builds and maintains it, and what it costs. Why: \
         interoperability never comes easily; an interface promised in the sales cycle and built \
         after go-live leaves staff re-keying data."
    ));
    requirement.tags = vec![format!("integration:{slug}")];
    match first_tagged(criteria, "category:integrations") {
        Some(category) => category.children.push(requirement),
        None => criteria.push(Criterion::category(
            "interop",
            "Integrations & interoperability",
            20.0,
            vec![requirement],
        )),
    }
    log.note(
        &id,
        "added as a gate",
        &format!("the practice requires the {name} integration and the template had no requirement for it"),
    );
}
