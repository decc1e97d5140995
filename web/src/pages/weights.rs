//! Weights: the top-level categories' weights, editable, with the ranking they give.

use rfp_core::{Report, Scorecard};
use yew::prelude::*;

use crate::same::Same;

use crate::components::ranking_table::RankingTable;
use crate::components::weight_field::WeightField;
use crate::format;
use crate::state::WeightProblem;

/// Props of [`WeightsPage`].
#[derive(Properties, PartialEq)]
pub struct WeightsPageProps {
    /// The scorecard (its top-level criteria and their weights).
    pub scorecard: Same<Scorecard>,
    /// Its report (the shares in force and the ranking).
    pub report: Same<Report>,
    /// A field holding something that is not a weight.
    pub problem: Option<WeightProblem>,
    /// A field changed: (index of the top-level criterion, text).
    pub on_change: Callback<(usize, String)>,
}

/// The weights view.
#[component]
pub fn WeightsPage(props: &WeightsPageProps) -> Html {
    let top = props
        .report
        .weightings
        .iter()
        .find(|w| w.category_id.is_empty());
    let share_of = |id: &str| -> String {
        top.and_then(|w| {
            let position = w.children.iter().position(|child| child == id)?;
            w.in_force
                .get(position)
                .map(|share| format::percent(*share))
        })
        .unwrap_or_else(|| format::percent(0.0))
    };
    let method_note = top
        .filter(|w| w.method != rfp_core::WeightingMethod::Direct)
        .map(|w| {
            format!(
                "The top-level weights in force come from {}, not from these points.",
                format::method(w.method)
            )
        });
    html! {
        <>
            <section aria-labelledby="weights-heading">
                <h2 id="weights-heading">{ "Category weights" }</h2>
                <p class="explain">
                    { "Points per category; beside each, the share of the total it gives. \
                       The ranking below is scored again as you type." }
                </p>
                if let Some(note) = method_note {
                    <p class="note">{ note }</p>
                }
                <form class="weights" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { for props.scorecard.criteria.iter().enumerate().map(|(index, criterion)| {
                        let typed = props.problem.as_ref().filter(|p| p.index == index);
                        let problem = typed.map(|p| AttrValue::from(p.message.clone()));
                        // A field with a problem keeps showing what was typed.
                        let value = typed
                            .map(|p| AttrValue::from(p.text.clone()))
                            .unwrap_or_else(|| AttrValue::from(format::weight(criterion.weight)));
                        html! {
                            <WeightField
                                key={criterion.id.clone()}
                                {index}
                                name={AttrValue::from(criterion.name.clone())}
                                {value}
                                share={AttrValue::from(share_of(&criterion.id))}
                                {problem}
                                on_change={props.on_change.clone()}
                            />
                        }
                    }) }
                </form>
            </section>
            <section aria-labelledby="weights-ranking-heading">
                <h2 id="weights-ranking-heading">{ "Ranking with these weights" }</h2>
                <RankingTable report={props.report.clone()} />
            </section>
        </>
    }
}
