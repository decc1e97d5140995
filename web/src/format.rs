//! Numbers and names as the page shows them. Formatting only: every value comes from
//! `rfp-core`'s report.

use rfp_core::WeightingMethod;
use rfp_core::score::VendorStatus;

/// Points (0–100) with one decimal, as the CLI shows them: `90.1`.
pub fn points(value: f64) -> String {
    format!("{value:.1}")
}

/// A share (0–1) as a whole percentage: `0.254` → `25%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A weight as typed: whole numbers without decimals, others as they are.
pub fn weight(value: f64) -> String {
    format!("{value}")
}

/// A person's text (a name, a file's name) as a sentence of the page quotes it: in quotes,
/// without direction controls, which would show the rest of the sentence in another order
/// (`rfp_core::model::without_direction_controls`, as the report's names).
pub fn quoted(text: &str) -> String {
    format!("“{}”", rfp_core::model::without_direction_controls(text))
}

/// A vendor's status in words.
pub fn status(status: VendorStatus) -> &'static str {
    match status {
        VendorStatus::Qualified => "qualified",
        VendorStatus::KnockedOut => "knocked out",
        VendorStatus::Flagged => "failed a gate (flagged)",
    }
}

/// A weighting method's name.
pub fn method(method: WeightingMethod) -> &'static str {
    match method {
        WeightingMethod::Direct => "direct points",
        WeightingMethod::Ahp => "AHP pairwise comparison",
        WeightingMethod::AhpGroup => "AHP, each evaluator's comparisons combined",
        WeightingMethod::RankOrderCentroid => "rank-order centroid",
        WeightingMethod::Swing => "SWING",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn formats() {
        assert_eq!(points(90.05), "90.0");
        assert_eq!(points(62.25), "62.2");
        assert_eq!(percent(0.254), "25%");
        assert_eq!(weight(25.0), "25");
        assert_eq!(weight(2.5), "2.5");
    }
}
