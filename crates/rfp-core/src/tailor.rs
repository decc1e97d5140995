//! Tailoring: a practice profile turns into a scorecard fitted to the practice.
//!
//! Templates mark their criteria with **tags** — roles that tailoring looks for, whatever the
//! criterion's id or wording. The vocabulary:
//!
//! | tag | on | what tailoring does with it |
//! |---|---|---|
//! | `category:specialty_fit` | category | receives a rating requirement per extra specialty |
//! | `category:scale` | category | weight raised with the number of locations, evenly from ×1 (one) to ×2 (20 or more), relative to the template's own |
//! | `category:security` | category | receives the 42 CFR Part 2 requirement when the practice treats substance use and the template has none |
//! | `category:billing`, `category:integrations`, `category:support`, `category:migration`, `category:training`, `category:implementation`, `category:cost`, `category:viability` | category | found by role |
//! | `certification:onc` | yes/no | always a gate |
//! | `specialty:content`, `specialty:demo` | rating | the template's specialty content and scripted demo; narrowed in words to the practice's own specialties when it lacks some of the template's |
//! | `specialty:<name>` | any | weight 0 when the practice practises none of the specialties the criterion names (added specialties carry their own) |
//! | `behavioral:part2_consent` | choice | a gate when the practice treats substance use (42 CFR Part 2) |
//! | `scale:providers`, `scale:locations`, `scale:encounters_per_day`, `scale:concurrent_users` | numeric (higher is better) | a gate at the practice's own numbers |
//! | `scale:standardization` | rating | weight raised as the scale category's is (so its share grows evenly with locations); a gate (minimum rating 3) for 20+ |
//! | `scale:performance` | any | found by role |
//! | `billing:value_based`, `billing:capitation`, `billing:sliding_fee`, `billing:grant_reporting` | any | a gate (and weight ×2) when the practice bills that way; weight 0 when it does not (value-based: halved instead, for MIPS, unless the practice is pediatric, a health center or a rural health clinic) |
//! | `billing:fee_for_service` | any | kept as it is when the practice bills fee-for-service (everyone's baseline); weight 0 when it does not |
//! | `billing:clearinghouse`, `billing:denials`, `billing:model` | any | found by role |
//! | `integration:<name>` (`lab`, `e_prescribing`, `epcs`, `pdmp`, `fhir`, `fhir_bulk`, `practice_management`, `hie`, `immunization_registry`, `imaging`, `patient_portal`, `telehealth`, `clearinghouse`) | any | a gate when the practice requires that integration (the profile names it the same way) |
//! | `integration:interface_fees` | numeric or price | found by role |
//! | `implementation:staged`, `implementation:big_bang` | any | a gate for the preferred approach (big bang: weight ×2 instead) |
//! | `support:*`, `migration:*`, `training:*`, `cost:*`, `viability:*` | any | found by role |
//!
//! Making a requirement a gate depends on its kind: yes/no → must be yes; choice → one of the
//! options marked as meeting the requirement (the options worth the most points when none is
//! marked); rating → a minimum rating of 3 on a 0–5 scale (60% of the
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

/// A specialty name reduced for comparison: lowercase ASCII words, British spellings and
/// common short names replaced by one name, and a plural `s` dropped, so "Pediatrics",
/// "pediatric", "Paediatrics" and "Peds" match, as do "OB/GYN" and "Obstetrics and gynecology".
/// Names are compared whole: "ENT" is not "dental".
pub fn specialty_key(name: &str) -> String {
    let slug = crate::csv_io::slug(name)
        .replace("paediatric", "pediatric")
        .replace("orthopaedic", "orthopedic")
        .replace("behavioural", "behavioral")
        .replace("gynaecolog", "gynecolog");
    let slug = slug.strip_suffix('s').map(str::to_owned).unwrap_or(slug);
    SPECIALTY_SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&slug.as_str()))
        .map_or(slug, |(key, _)| (*key).to_owned())
}

/// Other names of a specialty (reduced as [`specialty_key`] reduces them, before this table),
/// under the one name they stand for.
const SPECIALTY_SYNONYMS: &[(&str, &[&str])] = &[
    (
        "pediatric",
        &["ped", "pediatric_primary_care", "child_health"],
    ),
    (
        "obstetric_and_gynecology",
        &[
            "ob_gyn",
            "obgyn",
            "ob",
            "obstetrics_and_gynecology",
            "obstetrics_gynecology",
            "gynecology_and_obstetric",
        ],
    ),
    (
        "otolaryngology",
        &["ent", "ear_nose_and_throat", "ear_nose_throat"],
    ),
    (
        "orthopedic",
        &[
            "ortho",
            "orthopedic_surgery",
            "orthopedics_and_sports_medicine",
        ],
    ),
    (
        "physical_therapy",
        &["pt", "physiotherapy", "physical_therapist"],
    ),
    (
        "dental",
        &[
            "dentistry",
            "general_dentistry",
            "oral_health",
            "dental_care",
            "dental_service",
        ],
    ),
    (
        "behavioral_health",
        &[
            "mental_health",
            "behavioral_health_service",
            "mental_health_service",
        ],
    ),
    (
        "substance_use_treatment",
        &[
            "substance_use",
            "substance_use_disorder",
            "sud",
            "sud_treatment",
            "addiction",
            "addiction_medicine",
            "addiction_treatment",
            "opioid_treatment",
            "opioid_treatment_program",
            "otp",
            "medication_for_opioid_use_disorder",
            "moud",
        ],
    ),
    (
        "family_medicine",
        &[
            "family_practice",
            "fm",
            "primary_care",
            "general_practice",
            "gp",
        ],
    ),
    ("internal_medicine", &["im", "adult_medicine"]),
    ("dermatology", &["derm"]),
    ("cardiology", &["cardiac"]),
];

/// The words of a specialty key.
fn words(key: &str) -> impl Iterator<Item = &str> {
    key.split('_').filter(|w| !w.is_empty())
}

/// A behavioral-health specialty, by its words (physical, occupational, speech, respiratory,
/// infusion, massage and radiation therapy are not).
fn is_behavioral(key: &str) -> bool {
    let physical = words(key).any(|w| {
        [
            "physical",
            "occupational",
            "speech",
            "respiratory",
            "infusion",
            "massage",
            "radiation",
        ]
        .contains(&w)
    });
    !physical
        && words(key).any(|w| {
            [
                "behavioral",
                "psychiatry",
                "psychiatric",
                "mental",
                "counseling",
                "counselling",
                "substance",
                "psychology",
                "psychotherapy",
                "therapy",
            ]
            .contains(&w)
        })
}

/// A substance-use treatment specialty, whose records 42 CFR Part 2 protects.
fn is_substance_use(key: &str) -> bool {
    key == "substance_use_treatment" || words(key).any(|w| w == "substance" || w == "addiction")
}

fn is_pediatric(key: &str) -> bool {
    words(key).any(|w| ["pediatric", "children", "adolescent"].contains(&w))
}

/// The family a specialty belongs to, for the families a template is chosen by: a practice
/// with pediatric cardiology practises what the pediatrics template covers, one with
/// psychiatry and counseling what the behavioral-health template covers. Substance-use
/// treatment is a family of its own (42 CFR Part 2 follows it).
fn family(key: &str) -> Option<&'static str> {
    if is_substance_use(key) {
        Some("substance_use")
    } else if is_pediatric(key) {
        Some("pediatric")
    } else if is_behavioral(key) {
        Some("behavioral")
    } else {
        None
    }
}

/// Whether the practice's specialties (as keys) cover the specialty `key`: the same name, or
/// the same family.
fn practises(practised: &[String], key: &str) -> bool {
    practised
        .iter()
        .any(|p| p == key || family(p).is_some_and(|f| family(key) == Some(f)))
}

/// The template that fits the profile best, by index into `templates`, with the reason.
///
/// The practice's first specialty is its main one. In order: sliding-fee or grant-funded
/// billing → the community health center, at any size; 20+ locations → the multi-clinic
/// network; a behavioral
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
    // A health center stays one at any size: its sliding fee, PPS billing and UDS reporting
    // decide more than its number of sites, which tailoring weighs in (scale and standardization).
    if billing("sliding_fee") || billing("grant_funded") {
        rules.push((
            "community-health-center",
            format!(
                "sliding-fee or grant-funded billing: a community health center{}",
                if locations >= 5 {
                    format!(" (its {locations} locations raise scale and standardization)")
                } else {
                    String::new()
                }
            ),
        ));
    }
    if locations >= 20 {
        rules.push((
            "multi-clinic-network",
            format!("{locations} locations: a network standardizing workflows across clinics"),
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
    // The template by the name a committee reads ("Small primary care (1–5 providers)").
    let template_name = template
        .meta
        .title
        .split(" — ")
        .next()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(&template_id)
        .to_owned();
    card.meta.title = format!("EHR selection tailored from the template “{template_name}”");
    let mut log = Log(Vec::new());
    log.note(
        "",
        format!("started from the template “{template_name}”"),
        reason,
    );

    // Specialties the template does not cover get their own rated requirement.
    let covered: Vec<String> = base.specialties.iter().map(|s| specialty_key(s)).collect();
    let practised: Vec<String> = profile
        .specialties
        .iter()
        .map(|s| specialty_key(s))
        .filter(|k| !k.is_empty())
        .collect();
    let mut added: Vec<String> = Vec::new();
    for specialty in &profile.specialties {
        let name = specialty.trim();
        let key = specialty_key(name);
        if key.is_empty() || added.contains(&key) || covered.contains(&key) {
            continue;
        }
        added.push(key);
        add_specialty(&mut card.criteria, name, &mut log);
    }
    // The template's own specialties the practice does not practise leave the matrix: their
    // requirements weigh nothing, and the shared demo and content requirements are narrowed to
    // the practice's own specialties.
    if !practised.is_empty() {
        let dropped: Vec<&str> = base
            .specialties
            .iter()
            .filter(|s| !practises(&practised, &specialty_key(s)))
            .map(|s| s.trim())
            .collect();
        let practised_specialty = |tag: &str| {
            tag.strip_prefix("specialty:")
                .filter(|s| !["demo", "content"].contains(s))
                .map(|s| practises(&practised, &specialty_key(s)))
        };
        zero_where(
            &mut card.criteria,
            &mut |node| {
                let verdicts: Vec<bool> = node
                    .tags
                    .iter()
                    .filter_map(|t| practised_specialty(t))
                    .collect();
                !verdicts.is_empty() && !verdicts.contains(&true)
            },
            &mut |node| {
                let names: Vec<String> = node
                    .tags
                    .iter()
                    .filter_map(|t| t.strip_prefix("specialty:"))
                    .map(|s| s.replace('_', " "))
                    .collect();
                format!("the practice does not practise {}", names.join(" or "))
            },
            &mut log,
        );
        if !dropped.is_empty() {
            let own: Vec<&str> = profile.specialties.iter().map(|s| s.trim()).collect();
            let scope = format!(
                "\n\nFor this practice: script and rate {} only. The template's {} do not apply \
                 here: leave them out of the demo scripts and the content review.",
                own.join(", "),
                dropped.join(", ")
            );
            for tag in ["specialty:demo", "specialty:content"] {
                for_each_tagged(&mut card.criteria, tag, &mut |node| {
                    node.guidance.push_str(&scope);
                    log.note(
                        &node.id,
                        format!("narrowed to {}", own.join(", ")),
                        &format!("the practice does not practise {}", dropped.join(", ")),
                    );
                });
            }
        }
    }
    // Substance-use treatment records are protected by 42 CFR Part 2: consent and segmentation
    // become a gate, added when the template has no such requirement.
    if let Some(specialty) = profile
        .specialties
        .iter()
        .find(|s| is_substance_use(&specialty_key(s)))
    {
        let why = format!(
            "the practice provides {}: 42 CFR Part 2 protects those records",
            specialty.trim()
        );
        let mut found = false;
        for_each_tagged(&mut card.criteria, PART2_TAG, &mut |node| {
            found = true;
            make_gate(node, &why, &mut log);
        });
        if !found {
            add_part2(&mut card.criteria, &why, &mut log);
        }
    } else if !practised.is_empty() {
        // Without substance-use treatment, Part 2 reaches only records received from such
        // programs: it still counts, but it is no reason to knock a vendor out.
        for_each_tagged(&mut card.criteria, PART2_TAG, &mut |node| {
            if node.gate.take().is_some() {
                log.note(
                    &node.id,
                    "gate removed",
                    "the practice provides no substance-use treatment: 42 CFR Part 2 reaches only the records it receives from such programs",
                );
            }
        });
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
        let health_center = profile
            .billing_models
            .iter()
            .any(|b| b == "sliding_fee" || b == "grant_funded");
        let pediatric = practised.first().is_some_and(|k| is_pediatric(k));
        let rural_clinic = profile
            .billing_models
            .iter()
            .any(|b| b == "rural_health_clinic");
        let mips_applies = !health_center && !pediatric && !rural_clinic;
        let mips_reason = if pediatric {
            "no value-based contracts, and a pediatric practice bills Medicare too little for MIPS quality reporting to apply"
                .to_owned()
        } else if health_center {
            "no value-based contracts, and services paid under the FQHC prospective payment system are not subject to MIPS"
                .to_owned()
        } else if rural_clinic {
            "no value-based contracts, and rural health clinic services paid at the all-inclusive rate are not subject to MIPS"
                .to_owned()
        } else {
            "no value-based contracts, but MIPS quality reporting still applies to clinicians billing Medicare Part B fee-for-service above the low-volume threshold"
                .to_owned()
        };
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
                // MIPS reaches Medicare Part B clinicians above the low-volume threshold; not
                // a pediatric practice (few Medicare patients) nor a health center's services
                // paid under the FQHC prospective payment system.
                ("value_based", false) if !mips_applies => zero(node, &mips_reason, &mut log),
                ("value_based", false) => scale_weight(node, 0.5, &mips_reason, &mut log),
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
        let relative = location_factor(locations) / location_factor(template_locations);
        if relative > 1.0 {
            let why = format!(
                "{locations} locations against the template's {template_locations}: scale and standardization matter more"
            );
            for_each_tagged(&mut card.criteria, "category:scale", &mut |node| {
                scale_weight(node, relative, &why, &mut log)
            });
            for_each_tagged(&mut card.criteria, "scale:standardization", &mut |node| {
                scale_weight(node, relative, &why, &mut log)
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
                    "a required integration: {}",
                    in_sentence(crate::vocabulary::label(
                        crate::vocabulary::INTEGRATIONS,
                        &name
                    ))
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

    let mut names = std::collections::HashMap::new();
    crate::tree::walk(&card.criteria, &mut |node, _, _| {
        names.insert(node.id.clone(), node.name.clone());
    });
    let mut adjustments = log.0;
    for adjustment in &mut adjustments {
        if let Some(name) = names.get(&adjustment.criterion) {
            adjustment.name.clone_from(name);
        }
    }
    card.meta.adjustments = adjustments;
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
            name: String::new(),
            change: change.into(),
            reason: reason.to_owned(),
            extra: Extra::new(),
        });
    }
}

fn fmt(x: f64) -> String {
    format!("{x}")
}

/// A name as a title begins: "pediatrics" → "Pediatrics".
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A label inside a sentence: "Laboratory orders" → "laboratory orders"; "FHIR API" stays.
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

/// How much scale and standardization weigh for a number of locations, relative to one: rising
/// evenly from 1 (one location) to 2 (20 or more), so one more clinic never doubles a weight.
fn location_factor(locations: u32) -> f64 {
    1.0 + f64::from(locations.clamp(1, 20) - 1) / 19.0
}

/// The tag of a 42 CFR Part 2 consent requirement.
const PART2_TAG: &str = "behavioral:part2_consent";

/// Weight 0 for every criterion `applies` picks, with the reason `why` gives.
fn zero_where(
    nodes: &mut [Criterion],
    applies: &mut dyn FnMut(&Criterion) -> bool,
    why: &mut dyn FnMut(&Criterion) -> String,
    log: &mut Log,
) {
    for node in nodes {
        if applies(node) {
            let reason = why(node);
            zero(node, &reason, log);
        } else {
            zero_where(&mut node.children, applies, why, log);
        }
    }
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
    // Two decimals: a weight a committee reads, not a float's tail.
    node.weight = (before * factor * 100.0).round() / 100.0;
    if before > 0.0 {
        log.note(
            &node.id,
            format!("weight {} → {}", fmt(before), fmt(node.weight)),
            reason,
        );
    }
}

/// Make a requirement mandatory in the way its kind allows: yes/no must be yes; a choice must
/// be one of the options that meet the requirement ([`ChoiceRule::meeting_options`]: a weak but
/// real offer such as "E-prescribing without EPCS" earns its points and fails the gate); a
/// rating must reach 60% of its scale. An existing gate is
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
            let ids = rule.meeting_options();
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
                    &format!(
                        "the practice has {} {}",
                        fmt(value),
                        if value == 1.0 {
                            what.trim_end_matches('s')
                        } else {
                            what
                        }
                    ),
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

/// Finds a criterion by a tag.
type Finder = for<'a> fn(&'a mut [Criterion], &str) -> Option<&'a mut Criterion>;

/// The category tailoring makes when a template has none to hold what it adds: id, name and
/// the tag that finds it again.
const FIT: (&str, &str, &str) = ("fit", "Specialty fit", "category:specialty_fit");

/// Add `requirement` to the first category `homes` finds, or to a new top-level category
/// (`id`, `name`, tagged `tag` so the next addition joins it) when none is found.
fn file_under(
    criteria: &mut Vec<Criterion>,
    homes: &[(Finder, &str)],
    requirement: Criterion,
    (id, name, tag): (&str, &str, &str),
) {
    let home = homes
        .iter()
        .find(|(find, tag)| find(criteria, tag).is_some());
    match home.and_then(|(find, tag)| find(criteria, tag)) {
        Some(category) => category.children.push(requirement),
        None => {
            let mut category = Criterion::category(id, name, 20.0, vec![requirement]);
            category.tags = vec![tag.to_owned()];
            criteria.push(category);
        }
    }
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
    if crate::tree::find_requirement(criteria, &id).is_some() {
        return;
    }
    let mut requirement = Criterion::requirement(
        &id,
        &format!(
            "{}: specialty content, templates and order sets",
            capitalized(specialty)
        ),
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
    file_under(
        criteria,
        &[
            (parent_of_tagged, "specialty:content"),
            (first_tagged, "category:specialty_fit"),
        ],
        requirement,
        FIT,
    );
    log.note(&id, "added", &format!("the practice includes {specialty}"));
}

fn add_integration(criteria: &mut Vec<Criterion>, slug: &str, name: &str, log: &mut Log) {
    let id = format!("interop.{slug}");
    if crate::tree::find_requirement(criteria, &id).is_some() {
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
    file_under(
        criteria,
        &[(first_tagged, "category:integrations")],
        requirement,
        (
            "interop",
            "Integrations & interoperability",
            "category:integrations",
        ),
    );
    // A name not in the vocabulary may be a slip of the keyboard: this gate would knock out every
    // vendor that does not answer yes, so say so where the change is listed.
    let known = crate::vocabulary::INTEGRATIONS.iter().any(|t| t.id == slug);
    let check = if known {
        String::new()
    } else {
        format!(
            " (not one of the integrations RFP Scorecard knows, {}: check the spelling)",
            crate::vocabulary::INTEGRATIONS
                .iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    log.note(
        &id,
        "added as a gate",
        &format!(
            "the practice requires the {name} integration{check} and the template had no \
             requirement for it"
        ),
    );
}

/// Add the 42 CFR Part 2 requirement, as a gate: in the security category when the template has
/// one, else in specialty fit.
fn add_part2(criteria: &mut Vec<Criterion>, why: &str, log: &mut Log) {
    let id = "fit.part2_consent";
    if crate::tree::find_requirement(criteria, id).is_some() {
        return;
    }
    let option = |id: &str, label: &str, points: f64, meets: bool| ChoiceOption {
        id: id.to_owned(),
        label: label.to_owned(),
        points,
        meets,
        extra: Extra::new(),
    };
    let mut requirement = Criterion::requirement(
        id,
        "42 CFR Part 2 consent management and data segmentation",
        10.0,
        Scoring::Choice(ChoiceRule {
            options: vec![
                option(
                    "segmented_consent",
                    "Part 2 records tagged and segmented; disclosure only with the patient's written consent, the redisclosure notice attached, in the chart, portal, HIE and exports",
                    3.0,
                    true,
                ),
                option(
                    "chart_only",
                    "Part 2 records flagged and hidden in the chart, but exports, the HIE feed or the portal send them without checking consent",
                    1.0,
                    false,
                ),
                option(
                    "none",
                    "No Part 2 handling: the practice would keep those records outside the EHR",
                    0.0,
                    false,
                ),
            ],
            multiple: false,
            extra: Extra::new(),
        }),
    )
    .with_guidance(
        "Ask the vendor to show a substance-use treatment note recorded, a consent form for one \
         recipient signed, and then what the HIE feed, a CCD export, the patient portal and a \
         release of information send with and without that consent. Why: 42 CFR Part 2 forbids \
         disclosing records of a federally assisted substance-use disorder program without the \
         patient's written consent (HHS's 2024 final rule aligned it more closely with HIPAA but \
         kept consent and the redisclosure notice); a system that cannot segment these records \
         forces them onto paper or risks an unlawful disclosure.",
    );
    requirement.gate = Some(Gate::AnyOf(vec!["segmented_consent".to_owned()]));
    requirement.tags = vec![PART2_TAG.to_owned()];
    file_under(
        criteria,
        &[
            (first_tagged, "category:security"),
            (first_tagged, "category:specialty_fit"),
        ],
        requirement,
        FIT,
    );
    log.note(id, "added as a gate", why);
}
