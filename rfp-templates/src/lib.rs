//! # rfp-templates — scorecards a committee starts from
//!
//! Brief overview: six EHR selection templates (`*.json` beside this crate), each a scorecard
//! with a weighted criteria tree for one kind of practice and three or four fictional demo
//! vendors with answers, evaluators and ratings, so every template shows a meaningful ranking.
//! [`tailor`] turns a practice profile into a scorecard from the closest template (the logic is
//! `rfp_core::tailor`); [`demo`] is the small primary-care template with its demo vendors, the
//! scorecard `rfp score` shows a newcomer.
#![deny(missing_docs)]

#[cfg(feature = "embedded")]
use rfp_core::Scorecard;
#[cfg(feature = "embedded")]
use rfp_core::tailor::Tailored;
#[cfg(feature = "embedded")]
use rfp_core::{Error, PracticeProfile};

/// A template shipped with RFP Scorecard: what a committee picks from. The scorecard file itself
/// is `<id>.json` beside this crate; with the `embedded` feature (on by default) it is compiled
/// in ([`Template::file`]); the site leaves it out and serves the files beside the page instead,
/// the demo's too.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Stable id, equal to the file name and to the scorecard's `meta.template`.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// One line on who it is for.
    pub summary: &'static str,
}

/// Every template, the small primary-care one first.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "small-primary-care",
        name: "Small primary care (1–5 providers)",
        summary: "family medicine or internal medicine, one or two sites, fit and support over scale",
    },
    Template {
        id: "multi-specialty",
        name: "Multi-specialty group",
        summary: "several departments sharing scheduling, referrals and orders; specialty content per department",
    },
    Template {
        id: "behavioral-health",
        name: "Behavioral health",
        summary: "42 CFR Part 2 consent, measurement-based care, group notes, telehealth as a core modality",
    },
    Template {
        id: "pediatrics",
        name: "Pediatrics",
        summary: "growth charts, weight-based dosing, VFC vaccines, well-child schedules, adolescent confidentiality",
    },
    Template {
        id: "community-health-center",
        name: "Community health center / public health clinic",
        summary: "sliding-fee billing, UDS and grant reporting, immunization registry, integrated dental and behavioral care",
    },
    Template {
        id: "multi-clinic-network",
        name: "Multi-clinic ambulatory network (20+ sites)",
        summary: "standardized workflows across clinics, enterprise scheduling, central billing, staged site-by-site rollout",
    },
];

impl Template {
    /// The template's file name, `<id>.json` (where the site serves it, under `templates/`).
    pub fn file_name(&self) -> String {
        format!("{}.json", self.id)
    }

    /// The scorecard file (JSON), with its demo vendors.
    #[cfg(feature = "embedded")]
    pub fn file(&self) -> &'static str {
        match self.id {
            "multi-specialty" => include_str!("../multi-specialty.json"),
            "behavioral-health" => include_str!("../behavioral-health.json"),
            "pediatrics" => include_str!("../pediatrics.json"),
            "community-health-center" => include_str!("../community-health-center.json"),
            "multi-clinic-network" => include_str!("../multi-clinic-network.json"),
            _ => DEMO_FILE,
        }
    }

    /// The template's scorecard, with its demo vendors. The shipped files are checked by the
    /// test suite; should one ever fail to load, the error says why rather than panicking.
    #[cfg(feature = "embedded")]
    pub fn scorecard(&self) -> Result<Scorecard, Error> {
        rfp_core::load(self.file()).map(|loaded| loaded.scorecard)
    }
}

/// The template with this id.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// The template the demo is: the small primary-care one, with its four fictional vendors (the
/// first of [`TEMPLATES`]).
pub const DEMO: &Template = &TEMPLATES[0];

/// The built-in demo: the small primary-care template with its four fictional vendors.
#[cfg(feature = "embedded")]
pub fn demo() -> Scorecard {
    rfp_core::load(DEMO_FILE)
        .map(|loaded| loaded.scorecard)
        .unwrap_or_default()
}

/// The demo scorecard file as shipped ([`DEMO`]'s file).
#[cfg(feature = "embedded")]
pub const DEMO_FILE: &str = include_str!("../small-primary-care.json");

/// Every template's scorecard, in [`TEMPLATES`] order (a template that fails to load is left
/// out; the test suite guarantees none does).
#[cfg(feature = "embedded")]
pub fn all() -> Vec<Scorecard> {
    TEMPLATES
        .iter()
        .filter_map(|t| t.scorecard().ok())
        .collect()
}

/// Tailor a scorecard to a practice profile from the closest template.
#[cfg(feature = "embedded")]
pub fn tailor(profile: &PracticeProfile) -> Result<Tailored, Error> {
    rfp_core::tailor::tailor(profile, &all())
}
