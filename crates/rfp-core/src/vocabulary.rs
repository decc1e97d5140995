//! The words a scorecard is built from, each defined once with its label: billing models,
//! integrations, committee roles, requirement kinds (with the rule a new requirement of that kind
//! starts from) and the conflict-of-interest statement an evaluator attests.
//!
//! Front ends offer these lists as they are (the site's profile form and roster, the command
//! line's `--billing` values), and tailoring and validation read the same ids, so a value a form
//! offers is always one the core understands.

use crate::model::{
    Better, ChoiceOption, ChoiceRule, Curve, Extra, NumericRule, PriceRule, RatingRule, Scoring,
    YesNoRule,
};

/// A value a scorecard stores and the words a person reads for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The value written in files (`grant_funded`).
    pub id: &'static str,
    /// What a person reads (`Grant-funded programs`).
    pub label: &'static str,
}

const fn term(id: &'static str, label: &'static str) -> Term {
    Term { id, label }
}

/// Billing models of a practice profile, as tailoring understands them.
pub const BILLING_MODELS: &[Term] = &[
    term("fee_for_service", "Fee for service"),
    term("value_based", "Value-based contracts"),
    term("capitation", "Capitation"),
    term("sliding_fee", "Sliding-fee scale"),
    term("grant_funded", "Grant-funded programs (grant reporting)"),
    term(
        "rural_health_clinic",
        "Rural health clinic all-inclusive rate (Medicare and Medicaid)",
    ),
];

/// Integrations a practice profile can require; tailoring finds the template's requirement
/// for each by the tag `integration:<id>` and adds one when the template has none.
pub const INTEGRATIONS: &[Term] = &[
    term("lab", "Laboratory orders and results"),
    term("e_prescribing", "E-prescribing"),
    term("epcs", "E-prescribing of controlled substances"),
    term("pdmp", "Prescription drug monitoring program"),
    term("fhir", "FHIR API"),
    term("fhir_bulk", "FHIR bulk data"),
    term("practice_management", "Practice management system"),
    term("hie", "Health information exchange"),
    term("immunization_registry", "Immunization registry"),
    term("imaging", "Imaging"),
    term("patient_portal", "Patient portal"),
    term("telehealth", "Telehealth"),
    term("clearinghouse", "Claims clearinghouse"),
];

/// Roles on a selection committee. An evaluator's role is free text in the file; these are the
/// ones a roster offers first.
pub const ROLES: &[Term] = &[
    term("physician", "Physician"),
    term("nurse", "Nurse"),
    term("billing", "Billing"),
    term("it", "IT"),
    term("front_desk", "Front desk"),
    term("practice_manager", "Practice manager"),
    term("therapist", "Therapist"),
    term("admin", "Administration"),
];

/// The names of the requirement kinds, as files, CSV sheets, reports and edits write them.
pub mod kind {
    /// Yes or no.
    pub const YES_NO: &str = "yes_no";
    /// One option of a list.
    pub const CHOICE: &str = "choice";
    /// Several options of a list.
    pub const MULTI_CHOICE: &str = "multi_choice";
    /// A number along a curve.
    pub const NUMERIC: &str = "numeric";
    /// Rated by evaluators.
    pub const RATING: &str = "rating";
    /// A bid.
    pub const PRICE: &str = "price";
}

/// Requirement kinds: how a requirement is scored. `multi_choice` is a choice rule allowing
/// several options.
pub const REQUIREMENT_KINDS: &[Term] = &[
    term(kind::YES_NO, "Yes / no"),
    term(kind::CHOICE, "One option"),
    term(kind::MULTI_CHOICE, "Several options"),
    term(kind::NUMERIC, "Number"),
    term(kind::RATING, "Rated by evaluators"),
    term(kind::PRICE, "Price"),
];

/// Gate kinds as files write them (`{"at_least": 3}`).
pub mod gate {
    /// Yes/no: the answer must be yes.
    pub const REQUIRED: &str = "required";
    /// A number or a rating at least a threshold.
    pub const AT_LEAST: &str = "at_least";
    /// A number or a total cost at most a threshold.
    pub const AT_MOST: &str = "at_most";
    /// A choice among some options.
    pub const ANY_OF: &str = "any_of";
}

/// The gates that fit a requirement's rule, each with the words a form shows for it (a
/// rating's `at_least` reads "Minimum rating"). Validation refuses any other gate.
pub fn gates_that_fit(scoring: &Scoring) -> &'static [Term] {
    const YES: &[Term] = &[term(gate::REQUIRED, "Must be yes")];
    const CHOICE: &[Term] = &[term(gate::ANY_OF, "Must be one of")];
    const NUMBER: &[Term] = &[
        term(gate::AT_LEAST, "At least"),
        term(gate::AT_MOST, "At most"),
    ];
    const RATING: &[Term] = &[term(gate::AT_LEAST, "Minimum rating")];
    const PRICE: &[Term] = &[term(gate::AT_MOST, "Total cost at most")];
    match scoring {
        Scoring::YesNo(_) => YES,
        Scoring::Choice(_) => CHOICE,
        Scoring::Numeric(_) => NUMBER,
        Scoring::Rating(_) => RATING,
        Scoring::Price(_) => PRICE,
    }
}

/// The statement an evaluator attests before rating, kept with the attestation.
pub const ATTESTATION_STATEMENT: &str = "I have no financial, family or professional conflict \
                                         of interest with any vendor I evaluate.";

/// The term with this id in `list`.
pub fn find(list: &'static [Term], id: &str) -> Option<&'static Term> {
    list.iter().find(|t| t.id == id)
}

/// The label of `id` in `list`, or `id` itself when the list does not know it.
pub fn label<'a>(list: &'static [Term], id: &'a str) -> &'a str {
    find(list, id).map_or(id, |t| t.label)
}

/// The rule a new requirement of `kind` starts from (see [`REQUIREMENT_KINDS`]); `None` for an
/// unknown kind.
pub fn default_rule(name: &str) -> Option<Scoring> {
    let choice = |multiple: bool| {
        // Only the full answer meets the requirement, so a gate made from it excludes "Partly".
        let option = |id: &str, label: &str, points: f64| ChoiceOption {
            id: id.into(),
            label: label.into(),
            points,
            meets: points >= 1.0,
            extra: Extra::new(),
        };
        Scoring::Choice(ChoiceRule {
            options: vec![
                option("full", "Fully", 1.0),
                option("partial", "Partly", 0.5),
                option("none", "Not at all", 0.0),
            ],
            multiple,
            extra: Extra::new(),
        })
    };
    Some(match name {
        kind::YES_NO => Scoring::YesNo(YesNoRule::default()),
        kind::RATING => Scoring::Rating(RatingRule::default()),
        kind::CHOICE => choice(false),
        kind::MULTI_CHOICE => choice(true),
        kind::NUMERIC => Scoring::Numeric(NumericRule {
            unit: String::new(),
            better: Better::Higher,
            curve: Curve::linear(0.0, 100.0),
            extra: Extra::new(),
        }),
        kind::PRICE => Scoring::Price(PriceRule::default()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_default_rule_of_that_kind() {
        for kind in REQUIREMENT_KINDS {
            let rule = default_rule(kind.id).expect(kind.id);
            assert_eq!(rule.kind_name(), kind.id);
        }
        assert!(default_rule("guess").is_none());
    }
}
