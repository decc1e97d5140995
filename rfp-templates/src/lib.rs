//! # rfp-templates — scorecards a committee starts from
//!
//! Brief overview: six EHR selection templates (`*.json` beside this crate), each a scorecard
//! with a weighted criteria tree for one kind of practice and three or four fictional demo
//! vendors with answers, evaluators and ratings, so every template shows a meaningful ranking.
//! [`tailor`] turns a practice profile into a scorecard from the closest template (the logic is
//! `rfp_core::tailor`); [`demo`] is the small primary-care template with its demo vendors, the
//! scorecard `rfp score` shows a newcomer.
#![deny(missing_docs)]

use rfp_core::tailor::Tailored;
use rfp_core::{Error, PracticeProfile, Scorecard};

/// A template shipped with RFP Scorecard.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Stable id, equal to the file name and to the scorecard's `meta.template`.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// One line on who it is for.
    pub summary: &'static str,
    /// The scorecard file (JSON), with its demo vendors.
    pub file: &'static str,
}

/// Every template, the small primary-care one first.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "small-primary-care",
        name: "Small primary care (1–5 providers)",
        summary: "family medicine or internal medicine, one or two sites, fit and support over scale",
        file: include_str!("../small-primary-care.json"),
    },
    Template {
        id: "multi-specialty",
        name: "Multi-specialty group",
        summary: "several departments sharing scheduling, referrals and orders; specialty content per department",
        file: include_str!("../multi-specialty.json"),
    },
    Template {
        id: "behavioral-health",
        name: "Behavioral health",
        summary: "42 CFR Part 2 consent, measurement-based care, group notes, telehealth as a core modality",
        file: include_str!("../behavioral-health.json"),
    },
    Template {
        id: "pediatrics",
        name: "Pediatrics",
        summary: "growth charts, weight-based dosing, VFC vaccines, well-child schedules, adolescent confidentiality",
        file: include_str!("../pediatrics.json"),
    },
    Template {
        id: "community-health-center",
        name: "Community health center / public health clinic",
        summary: "sliding-fee billing, UDS and grant reporting, immunization registry, integrated dental and behavioral care",
        file: include_str!("../community-health-center.json"),
    },
    Template {
        id: "multi-clinic-network",
        name: "Multi-clinic ambulatory network (20+ sites)",
        summary: "standardized workflows across clinics, enterprise scheduling, central billing, staged site-by-site rollout",
        file: include_str!("../multi-clinic-network.json"),
    },
];

impl Template {
    /// The template's scorecard, with its demo vendors. The shipped files are checked by the
    /// test suite; should one ever fail to load, the error says why rather than panicking.
    pub fn scorecard(&self) -> Result<Scorecard, Error> {
        rfp_core::load(self.file).map(|loaded| loaded.scorecard)
    }
}

/// The template with this id.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// The built-in demo: the small primary-care template with its four fictional vendors.
pub fn demo() -> Scorecard {
    TEMPLATES[0].scorecard().unwrap_or_default()
}

/// The demo scorecard file as shipped.
pub const DEMO_FILE: &str = TEMPLATES[0].file;

/// Every template's scorecard, in [`TEMPLATES`] order (a template that fails to load is left
/// out; the test suite guarantees none does).
pub fn all() -> Vec<Scorecard> {
    TEMPLATES
        .iter()
        .filter_map(|t| t.scorecard().ok())
        .collect()
}

/// Tailor a scorecard to a practice profile from the closest template.
pub fn tailor(profile: &PracticeProfile) -> Result<Tailored, Error> {
    rfp_core::tailor::tailor(profile, &all())
}
