//! The practice profile form as typed, read into a profile by the core's grammar.

use rfp_core::typed::NumberStyle;
use rfp_core::{Diagnostic, Extra, ImplementationApproach, PracticeProfile};

use super::hint;

/// The practice profile form as typed: text and ticks, turned into a profile by
/// [`ProfileForm::profile`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileForm {
    /// Specialties, comma-separated.
    pub specialties: String,
    /// Number of providers.
    pub providers: String,
    /// Number of locations.
    pub locations: String,
    /// Annual encounters.
    pub annual_encounters: String,
    /// Billing models ticked (`fee_for_service`, `value_based`, …).
    pub billing_models: Vec<String>,
    /// Integrations required (`lab`, `e_prescribing`, …).
    pub integrations: Vec<String>,
    /// `big_bang`, `staged`, `undecided` or empty.
    pub approach: String,
}

impl ProfileForm {
    /// The profile, or every field that is not what it should be.
    pub fn profile(&self) -> Result<PracticeProfile, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut count = |field: &str, label: &str, text: &str| -> Option<u64> {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return None;
            }
            match rfp_core::typed::number(trimmed, NumberStyle::PLAIN) {
                Ok(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Some(n as u64),
                result => {
                    let hint = result.err().map(|p| hint(&p)).unwrap_or_default();
                    problems.push(Diagnostic::error(
                        field,
                        format!(
                            "{label}: expected a whole number of 0 or more, found “{trimmed}”{hint}"
                        ),
                    ));
                    None
                }
            }
        };
        let providers = count("providers", "Providers", &self.providers);
        let locations = count("locations", "Locations", &self.locations);
        let annual_encounters = count(
            "annual_encounters",
            "Annual encounters",
            &self.annual_encounters,
        );
        let implementation_approach = match self.approach.as_str() {
            "big_bang" => Some(ImplementationApproach::BigBang),
            "staged" => Some(ImplementationApproach::Staged),
            "undecided" => Some(ImplementationApproach::Undecided),
            _ => None,
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(PracticeProfile {
            specialties: self
                .specialties
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            providers: providers.map(|n| n as u32),
            locations: locations.map(|n| n as u32),
            annual_encounters,
            billing_models: self.billing_models.clone(),
            required_integrations: self.integrations.clone(),
            implementation_approach,
            extra: Extra::new(),
        })
    }
}
