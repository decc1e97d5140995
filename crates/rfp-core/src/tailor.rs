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

/// A specialty name reduced for comparison: lowercase ASCII words, `paediatric` spelled
/// `pediatric`, and a plural `s` dropped, so "Pediatrics", "pediatric" and "Paediatrics" match.
pub fn specialty_key(name: &str) -> String {
    let slug = crate::csv_io::slug(name).replace("paediatric", "pediatric");
    slug.strip_suffix('s').map(str::to_owned).unwrap_or(slug)
}

fn is_behavioral(key: &str) -> bool {
    [
        "behavioral",
        "behavioural",
        "psychiatr",
        "mental",
        "counsel",
        "substance",
        "addiction",
        "psycholog",
        "therap",
    ]
    .iter()
    .any(|w| key.contains(w))
}

fn is_pediatric(key: &str) -> bool {
    ["pediatric", "children", "adolescent"]
        .iter()
        .any(|w| key.contains(w))
}

/// The template that fits the profile best, by index into `templates`, with the reason.
///
/// The practice's first specialty is its main one. In order: 20+ locations → the multi-clinic
/// network; sliding-fee or grant-funded billing → the community health center; a behavioral
/// health or pediatric main specialty → that template; three or more specialties or more than
/// 15 providers → multi-specialty; 5+ locations → the network; up to 10 providers → small
/// primary care; otherwise multi-specialty. Templates are recognised by `meta.template`; when
/// the chosen one is not among `templates`, the next rule that matches one is used, and the
/// first template is the last resort.
pub fn choose_template(
    profile: &PracticeProfile,
    templates: &[Scorecard],
) -> Option<(usize, String)> {
    if templates.is_empty() {
        return None;
    }
    let main = profile
        .specialties
        .first()
        .map(|s| specialty_key(s))
        .unwrap_or_default();
    let billing = |model: &str| profile.billing_models.iter().any(|b| b == model);
    let providers = profile.providers.unwrap_or(0);
    let locations = profile.locations.unwrap_or(1);
    let n_specialties = profile.specialties.len();
    let mut rules: Vec<(&str, String)> = Vec::new();
    if locations >= 20 {
        rules.push((
            "multi-clinic-network",
            format!("{locations} locations: a network standardizing workflows across clinics"),
        ));
    }
    if billing("sliding_fee") || billing("grant_funded") {
        rules.push((
            "community-health-center",
            "sliding-fee or grant-funded billing: a community health center".to_owned(),
        ));
    }
    if is_behavioral(&main) {
        rules.push((
            "behavioral-health",
            "behavioral health is the practice's main specialty".to_owned(),
        ));
    }
    if is_pediatric(&main) {
        rules.push((
            "pediatrics",
            "pediatrics is the practice's main specialty".to_owned(),
        ));
    }
    if n_specialties >= 3 || providers > 15 {
        rules.push((
            "multi-specialty",
            format!(
                "{n_specialties} specialties and {providers} providers: a multi-specialty group"
            ),
        ));
    }
    if locations >= 5 {
        rules.push((
            "multi-clinic-network",
            format!("{locations} locations: closest to the multi-clinic network"),
        ));
    }
    if providers <= 10 {
        rules.push((
            "small-primary-care",
            format!("{providers} provider(s) in {locations} location(s): a small practice"),
        ));
    }
    rules.push(("multi-specialty", format!("{providers} providers: a group")));
    rules.push((
        "small-primary-care",
        "the general primary-care template".to_owned(),
    ));
    for (id, reason) in rules {
        if let Some(index) = templates.iter().position(|t| t.meta.template == id) {
            return Some((index, reason));
        }
    }
    Some((0, "the only template available".to_owned()))
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
///
/// Changes are relative to the template's own profile: what the template was already weighted
/// for is not weighted again, so tailoring a template with its own profile changes no weight and
/// only adds the gates that profile asks for. Facts the profile leaves out (no billing models,
/// no locations) change nothing.
pub fn tailor_template(profile: &PracticeProfile, template: &Scorecard, reason: &str) -> Tailored {
    let mut card = template.clone();
    card.vendors.clear();
    card.evaluators.clear();
    card.ratings.clear();
    card.consensus.clear();
    card.profile = profile.clone();
    let template_id = template.meta.template.clone();
    let base = &template.profile;
    card.meta.adjustments.clear();
    card.meta.title = format!("EHR selection tailored from the {template_id} template");
    let mut log = Log(Vec::new());
    log.note(
        "",
        format!("started from the {template_id} template"),
        reason,
    );

    // Specialties the template does not cover get their own rated requirement.
    let covered: Vec<String> = base.specialties.iter().map(|s| specialty_key(s)).collect();
    let mut added: Vec<String> = Vec::new();
    for specialty in &profile.specialties {
        let name = specialty.trim();
        let key = specialty_key(name);
        if key.is_empty()
            || added.contains(&key)
            || covered
                .iter()
                .any(|c| c.contains(&key) || key.contains(c.as_str()))
        {
            continue;
        }
        added.push(key);
        add_specialty(&mut card.criteria, name, &mut log);
    }

    // Billing models, when the profile names them: gates for the ones in use, less or no
    // weight for the ones not used. Weight is raised only for models the template's own
    // practice did not use (the template is already weighted for its own).
    if !profile.billing_models.is_empty() {
        let billing_tags = [
            (
                "fee_for_service",
                "billing:fee_for_service",
                "fee-for-service claims",
            ),
            (
                "value_based",
                "billing:value_based",
                "value-based care and quality reporting",
            ),
            ("capitation", "billing:capitation", "capitation"),
            ("sliding_fee", "billing:sliding_fee", "a sliding fee scale"),
            ("grant_funded", "billing:grant_reporting", "grant reporting"),
        ];
        for (model, tag, what) in billing_tags {
            let in_use = profile.billing_models.iter().any(|b| b == model);
            let template_uses = base.billing_models.iter().any(|b| b == model);
            for_each_tagged(&mut card.criteria, tag, &mut |node| match (model, in_use) {
                // Fee-for-service claims are every practice's baseline: nothing to gate.
                ("fee_for_service", true) => {}
                (_, true) => {
                    make_gate(node, &format!("the practice bills with {what}"), &mut log);
                    if !template_uses {
                        scale_weight(
                            node,
                            2.0,
                            &format!(
                                "{what} is how the practice is paid, unlike the template's practice"
                            ),
                            &mut log,
                        );
                    }
                }
                // Quality reporting still applies to fee-for-service Medicare clinicians (MIPS).
                ("value_based", false) => scale_weight(
                    node,
                    0.5,
                    "no value-based contracts, but quality reporting (MIPS) still applies to Medicare fee-for-service clinicians",
                    &mut log,
                ),
                (_, false) => zero(
                    node,
                    &format!("the practice does not bill with {what}"),
                    &mut log,
                ),
            });
        }
    }

    // Locations and volume.
    if let Some(locations) = profile.locations {
        let template_locations = base.locations.unwrap_or(1);
        let factor = |n: u32| {
            if n >= 20 {
                2.0
            } else if n >= 5 {
                1.5
            } else {
                1.0
            }
        };
        let relative = factor(locations) / factor(template_locations);
        if relative > 1.0 {
            let why = format!(
                "{locations} locations against the template's {template_locations}: scale and standardization matter more"
            );
            for_each_tagged(&mut card.criteria, "category:scale", &mut |node| {
                scale_weight(node, relative, &why, &mut log)
            });
            for_each_tagged(&mut card.criteria, "scale:standardization", &mut |node| {
                scale_weight(node, 2.0, &why, &mut log)
            });
        }
        if locations >= 20 {
            for_each_tagged(&mut card.criteria, "scale:standardization", &mut |node| {
                make_gate(
                    node,
                    &format!("{locations} locations must work one way"),
                    &mut log,
                )
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
        Some(ImplementationApproach::BigBang)
            if base.implementation_approach != Some(ImplementationApproach::BigBang) =>
        {
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
    // What tailoring cannot decide, it points out: a price ceiling set for another practice size.
    if let (Some(providers), Some(base_providers)) = (profile.providers, base.providers) {
        let ratio = f64::from(providers.max(1)) / f64::from(base_providers.max(1));
        if !(0.67..=1.5).contains(&ratio) {
            for_each_tagged(&mut card.criteria, "cost:tco", &mut |node| {
                if let Some(Gate::AtMost(ceiling)) = node.gate {
                    log.note(
                        &node.id,
                        format!("review the ceiling of {}", fmt(ceiling)),
                        &format!(
                            "it was set for {base_providers} providers; the practice has {providers}"
                        ),
                    );
                }
            });
        }
    }
    // Certification is always a gate.
    for_each_tagged(&mut card.criteria, "certification:onc", &mut |node| {
        make_gate(
            node,
            "only certified health IT qualifies for federal programs and keeps the data exportable",
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

/// Weight 0, and no gate: a requirement that does not count cannot knock a vendor out.
fn zero(node: &mut Criterion, reason: &str, log: &mut Log) {
    if node.weight > 0.0 {
        log.note(&node.id, format!("weight {} → 0", fmt(node.weight)), reason);
        node.weight = 0.0;
    }
    if node.gate.take().is_some() {
        log.note(&node.id, "gate removed", reason);
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

/// Make a requirement mandatory in the way its kind allows: yes/no must be yes; a choice must
/// be one of the options worth any points (a vendor that has the capability in any form passes;
/// the points still rank the forms); a rating must reach 60% of its scale. An existing gate is
/// kept, and the log says so.
fn make_gate(node: &mut Criterion, reason: &str, log: &mut Log) {
    if let (Some(gate), Some(scoring)) = (&node.gate, &node.scoring) {
        let description = crate::score::describe_gate(scoring, gate);
        log.note(&node.id, format!("already a gate: {description}"), reason);
        return;
    }
    let gate = match &node.scoring {
        Some(Scoring::YesNo(_)) => Some(Gate::Required),
        Some(Scoring::Choice(rule)) => {
            let ids: Vec<String> = rule
                .options
                .iter()
                .filter(|o| o.points > 0.0)
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

/// The category holding the first criterion with this tag.
fn parent_of_tagged<'a>(nodes: &'a mut [Criterion], tag: &str) -> Option<&'a mut Criterion> {
    for node in nodes {
        if node
            .children
            .iter()
            .any(|c| c.tags.iter().any(|t| t == tag))
        {
            return Some(node);
        }
        if let Some(found) = parent_of_tagged(&mut node.children, tag) {
            return Some(found);
        }
    }
    None
}

/// Add a rated requirement for a specialty the template lacks, beside the template's own
/// specialty content (same weight, so the two share that place), or in the specialty-fit
/// category when the template has no such requirement.
fn add_specialty(criteria: &mut Vec<Criterion>, specialty: &str, log: &mut Log) {
    let slug = crate::csv_io::slug(&specialty_key(specialty));
    let content_weight = first_tagged(criteria, "specialty:content").map(|n| n.weight);
    let id = format!("fit.specialty_{slug}");
    if crate::csv_io::find_requirement(criteria, &id).is_some() {
        return;
    }
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
    let place = match parent_of_tagged(criteria, "specialty:content") {
        Some(category) => Some(category),
        None => first_tagged(criteria, "category:specialty_fit"),
    };
    match place {
        Some(category) => category.children.push(requirement),
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
