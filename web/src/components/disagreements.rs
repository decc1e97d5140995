//! Evaluator disagreements to discuss, each with every evaluator's rating and a form to record
//! the committee's consensus value with its rationale.

use std::rc::Rc;

use rfp_core::score::Disagreement;
use rfp_core::{Consensus, Report};
use yew::prelude::*;

use crate::components::consensus_form::ConsensusForm;
use crate::format;
use crate::state::ConsensusProblem;

/// One disagreement as listed: the report's entry with the names it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The report's entry.
    pub disagreement: Disagreement,
    /// The vendor's name.
    pub vendor: String,
    /// The requirement's name.
    pub requirement: String,
    /// The evaluators' names, in the order of `disagreement.ratings`.
    pub evaluators: Vec<String>,
}

/// The disagreements a list shows (the report's first few, with names) and how many more
/// there are. Equal lists render alike, so the list is not rebuilt when a change leaves the
/// disagreements as they were; each entry is its own component, keyed by its cell, so a change
/// to one disagreement renders that one again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    /// The disagreements listed.
    pub listed: Vec<Rc<Listed>>,
    /// How many more the report has.
    pub hidden: usize,
}

/// How many disagreements are listed before summing up the rest.
const SHOWN: usize = 30;

impl Shown {
    /// The first disagreements of `report` with their names.
    pub fn of(report: &Report) -> Shown {
        Shown {
            listed: report
                .disagreements
                .iter()
                .take(SHOWN)
                .map(|d| {
                    Rc::new(Listed {
                        vendor: report.vendor_name(&d.vendor_id),
                        requirement: report.requirement_name(&d.requirement_id),
                        evaluators: d
                            .ratings
                            .iter()
                            .map(|(id, _)| report.evaluator_name(id))
                            .collect(),
                        disagreement: d.clone(),
                    })
                })
                .collect(),
            hidden: report.disagreements.len().saturating_sub(SHOWN),
        }
    }
}

/// Props of [`Disagreements`].
#[derive(Properties, PartialEq)]
pub struct DisagreementsProps {
    /// The disagreements to list ([`Shown::of`] the report).
    pub shown: Rc<Shown>,
    /// The consensus values recorded (`scorecard.consensus`).
    pub consensus: Rc<Vec<Consensus>>,
    /// A consensus value that could not be recorded.
    pub problem: Option<ConsensusProblem>,
    /// (vendor, requirement, value, rationale) to record.
    pub on_consensus: Callback<(String, String, String, String)>,
}

/// The disagreements, unresolved first as the report orders them.
#[component]
pub fn Disagreements(props: &DisagreementsProps) -> Html {
    let shown = &props.shown;
    if shown.listed.is_empty() {
        return html! { <p>{ "No disagreements above the threshold." }</p> };
    }
    let hidden = shown.hidden;
    // Keyed by cell; a cell named twice (ids repeated in a damaged file) gets a second key.
    let mut seen = std::collections::HashMap::new();
    let items = shown.listed.iter().enumerate().map(|(index, listed)| {
        let d = &listed.disagreement;
        let cell = format!("{}\u{1f}{}", d.vendor_id, d.requirement_id);
        let times = seen.entry(cell.clone()).or_insert(0usize);
        *times += 1;
        let key = format!("{cell}\u{1f}{times}");
        let at_this = |vendor: &str, requirement: &str| {
            vendor == d.vendor_id.as_str() && requirement == d.requirement_id.as_str()
        };
        let problem = props
            .problem
            .as_ref()
            .filter(|p| at_this(&p.vendor, &p.requirement))
            .map(|p| AttrValue::from(p.message.clone()));
        let recorded = props
            .consensus
            .iter()
            .find(|c| at_this(&c.vendor, &c.requirement))
            .map(|c| (c.value, AttrValue::from(c.rationale.clone())));
        html! {
            <Item
                {key}
                {index}
                listed={Rc::clone(listed)}
                {recorded}
                {problem}
                on_consensus={props.on_consensus.clone()}
            />
        }
    });
    html! {
        <>
            <ul class="disagreements">
                { for items }
            </ul>
            if hidden > 0 {
                <p>{ format!("… and {hidden} more.") }</p>
            }
        </>
    }
}

/// Props of [`Item`].
#[derive(Properties, PartialEq)]
struct ItemProps {
    /// Position in the list (makes the ids).
    index: usize,
    /// The disagreement with its names.
    listed: Rc<Listed>,
    /// The consensus value recorded for it, with its rationale.
    recorded: Option<(f64, AttrValue)>,
    /// Why the last consensus value for it was not recorded.
    problem: Option<AttrValue>,
    /// (vendor, requirement, value, rationale) to record.
    on_consensus: Callback<(String, String, String, String)>,
}

/// One disagreement: every evaluator's rating, the consensus recorded, and the form.
#[component]
fn Item(props: &ItemProps) -> Html {
    let index = props.index;
    let listed = &props.listed;
    let d = &listed.disagreement;
    let (vendor, requirement) = (&listed.vendor, &listed.requirement);
    let heading = format!("disagreement-{index}");
    html! {
        <li class="disagreement" aria-labelledby={heading.clone()}>
            <h3 id={heading}>
                { vendor.clone() }{ " — " }{ requirement.clone() }
                if d.stale_consensus {
                    <span class="stale">{ format!(" (consensus {})", Disagreement::STALE) }</span>
                } else if d.resolved {
                    <span class="resolved">{ " (consensus recorded)" }</span>
                }
            </h3>
            <p class="ratings">
                { "Ratings: " }
                { for d.ratings.iter().zip(&listed.evaluators).enumerate().map(|(i, ((_, value), name))| html! {
                    <>
                        if i > 0 { { "; " } }
                        <span class="rating">{ name.clone() }{ " " }<strong>{ value.to_string() }</strong></span>
                    </>
                }) }
                { format!(" (spread {} of the scale)", format::percent(d.spread)) }
            </p>
            if let Some((value, rationale)) = &props.recorded {
                <p class="recorded">
                    { "Consensus: " }<strong>{ value.to_string() }</strong>{ " — " }{ rationale.clone() }
                </p>
            }
            <ConsensusForm
                {index}
                vendor={AttrValue::from(d.vendor_id.to_string())}
                requirement={AttrValue::from(d.requirement_id.to_string())}
                label={AttrValue::from(format!("{vendor} on {requirement}"))}
                problem={props.problem.clone()}
                on_submit={props.on_consensus.clone()}
            />
        </li>
    }
}
