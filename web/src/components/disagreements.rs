//! Evaluator disagreements to discuss, each with every evaluator's rating and a form to record
//! the committee's consensus value with its rationale.

use std::rc::Rc;

use rfp_core::score::Disagreement;
use rfp_core::{Consensus, Report};
use yew::prelude::*;

use crate::same::Same;

use crate::components::consensus_form::ConsensusForm;
use crate::state::ConsensusProblem;

/// Props of [`Disagreements`].
#[derive(Properties, PartialEq)]
pub struct DisagreementsProps {
    /// The report to show.
    pub report: Same<Report>,
    /// The consensus values recorded (`scorecard.consensus`).
    pub consensus: Rc<Vec<Consensus>>,
    /// A consensus value that could not be recorded.
    pub problem: Option<ConsensusProblem>,
    /// (vendor, requirement, value, rationale) to record.
    pub on_consensus: Callback<(String, String, String, String)>,
}

/// How many disagreements are listed before summing up the rest.
const SHOWN: usize = 30;

/// The disagreements, unresolved first as the report orders them.
#[component]
pub fn Disagreements(props: &DisagreementsProps) -> Html {
    let report = &props.report;
    if report.disagreements.is_empty() {
        return html! { <p>{ "No disagreements above the threshold." }</p> };
    }
    let hidden = report.disagreements.len().saturating_sub(SHOWN);
    html! {
        <>
            <ul class="disagreements">
                { for report.disagreements.iter().take(SHOWN).enumerate().map(|(i, d)| item(report, i, d, props)) }
            </ul>
            if hidden > 0 {
                <p>{ format!("… and {hidden} more.") }</p>
            }
        </>
    }
}

fn item(report: &Report, index: usize, d: &Disagreement, props: &DisagreementsProps) -> Html {
    let vendor = report
        .vendors
        .iter()
        .find(|v| v.vendor_id == d.vendor_id)
        .map_or_else(|| d.vendor_id.to_string(), |v| v.name.clone());
    let requirement = report
        .requirements
        .iter()
        .find(|r| r.id == d.requirement_id)
        .map_or_else(|| d.requirement_id.to_string(), |r| r.name.clone());
    let evaluator = |id: &str| {
        report
            .evaluators
            .iter()
            .find(|e| e.evaluator_id == id)
            .map_or_else(|| id.to_owned(), |e| e.name.clone())
    };
    let problem = props
        .problem
        .as_ref()
        .filter(|p| p.vendor == d.vendor_id && p.requirement == d.requirement_id)
        .map(|p| AttrValue::from(p.message.clone()));
    let heading = format!("disagreement-{index}");
    let recorded = props
        .consensus
        .iter()
        .find(|c| c.vendor == d.vendor_id && c.requirement == d.requirement_id);
    html! {
        <li class="disagreement" aria-labelledby={heading.clone()}>
            <h3 id={heading}>
                { vendor.clone() }{ " — " }{ requirement.clone() }
                if d.resolved { <span class="resolved">{ " (consensus recorded)" }</span> }
            </h3>
            <p class="ratings">
                { "Ratings: " }
                { for d.ratings.iter().enumerate().map(|(i, (id, value))| html! {
                    <>
                        if i > 0 { { "; " } }
                        <span class="rating">{ evaluator(id) }{ " " }<strong>{ value.to_string() }</strong></span>
                    </>
                }) }
                { format!(" (spread {})", d.spread) }
            </p>
            if let Some(c) = recorded {
                <p class="recorded">
                    { "Consensus: " }<strong>{ c.value.to_string() }</strong>{ " — " }{ c.rationale.clone() }
                </p>
            }
            <ConsensusForm
                {index}
                vendor={AttrValue::from(d.vendor_id.to_string())}
                requirement={AttrValue::from(d.requirement_id.to_string())}
                label={AttrValue::from(format!("{vendor} on {requirement}"))}
                {problem}
                on_submit={props.on_consensus.clone()}
            />
        </li>
    }
}
