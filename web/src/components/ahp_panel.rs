//! Weighing one category's children: the method in force, AHP pairwise judgments (the
//! committee's, or each evaluator's own for group AHP) with the consistency ratio and the pair
//! to revisit, and every method's weights side by side (all from the report's weightings).

use std::rc::Rc;

use rfp_core::score::CategoryWeighting;
use rfp_core::{RandomIndexTable, Scorecard, WeightingMethod};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::same::Same;

use crate::format;
use crate::matrix_edit;

/// Props of [`AhpPanel`].
#[derive(Properties, PartialEq)]
pub struct AhpPanelProps {
    /// The scorecard (the judgments recorded).
    pub scorecard: Same<Scorecard>,
    /// The weighting of the category shown, from the report.
    pub weighting: Rc<CategoryWeighting>,
    /// Display names of the children, in the weighting's order.
    pub names: Rc<Vec<String>>,
    /// (category, method).
    pub on_method: Callback<(String, WeightingMethod)>,
    /// A judgment made.
    pub on_judgment: Callback<Judgment>,
    /// The table of random indices the consistency ratios are measured against, chosen.
    pub on_table: Callback<RandomIndexTable>,
}

/// An AHP judgment made in the panel: (category, a, b, value, the evaluator whose judgment it
/// is or none for the committee's).
pub type Judgment = (String, String, String, f64, Option<String>);

const METHODS: &[(WeightingMethod, &str)] = &[
    (WeightingMethod::Direct, "direct"),
    (WeightingMethod::Ahp, "ahp"),
    (WeightingMethod::AhpGroup, "ahp_group"),
    (WeightingMethod::RankOrderCentroid, "rank_order_centroid"),
    (WeightingMethod::Swing, "swing"),
];

/// Saaty's scale as (value, label) for "A over B", the intermediate values between its steps.
const SCALE: &[(f64, &str)] = &[
    (9.0, "9 — first extremely more important"),
    (8.0, "8 — first very strongly to extremely"),
    (7.0, "7 — first very strongly more important"),
    (6.0, "6 — first strongly to very strongly"),
    (5.0, "5 — first strongly more important"),
    (4.0, "4 — first moderately to strongly"),
    (3.0, "3 — first moderately more important"),
    (2.0, "2 — first equally to moderately"),
    (1.0, "1 — equally important"),
    (1.0 / 2.0, "1/2 — second equally to moderately"),
    (1.0 / 3.0, "1/3 — second moderately more important"),
    (1.0 / 4.0, "1/4 — second moderately to strongly"),
    (1.0 / 5.0, "1/5 — second strongly more important"),
    (1.0 / 6.0, "1/6 — second strongly to very strongly"),
    (1.0 / 7.0, "1/7 — second very strongly more important"),
    (1.0 / 8.0, "1/8 — second very strongly to extremely"),
    (1.0 / 9.0, "1/9 — second extremely more important"),
];

/// A judgment recorded off the panel's scale (an intermediate 2, 4, 6, 8, or its reciprocal),
/// as a person reads it.
fn judgment_text(value: f64) -> String {
    let inverse = 1.0 / value;
    if value < 1.0 && (inverse - inverse.round()).abs() < 1e-6 {
        format!("1/{}", inverse.round())
    } else {
        rfp_core::typed::format_number(value)
    }
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The panel.
#[component]
pub fn AhpPanel(props: &AhpPanelProps) -> Html {
    let w = &props.weighting;
    let category = w.category_id.clone();
    let name = |i: usize| props.names.get(i).cloned().unwrap_or_default();
    let on_method = {
        let (category, on_method) = (category.clone(), props.on_method.clone());
        Callback::from(move |e: Event| {
            let value = select_value(&e);
            if let Some(&(method, _)) = METHODS.iter().find(|(_, v)| *v == value) {
                on_method.emit((category.clone(), method));
            }
        })
    };
    let table = props.scorecard.settings.random_index;
    let on_table = props.on_table.reform(move |e: Event| {
        select_value(&e)
            .parse::<usize>()
            .ok()
            .and_then(|i| RandomIndexTable::ALL.get(i).copied())
            .unwrap_or(table)
    });
    // Which published random indices the ratio divides by; beside the ratio it changes.
    let table_field = html! {
        <div class="field random-index">
            <label for="random-index">{ "Random indices of" }</label>
            <select id="random-index" onchange={on_table}>
                { for RandomIndexTable::ALL.iter().enumerate().map(|(i, t)| html! {
                    <option value={i.to_string()} selected={*t == table}>{ t.label() }</option>
                }) }
            </select>
        </div>
    };
    let pairs =
        (0..w.children.len()).flat_map(|i| ((i + 1)..w.children.len()).map(move |j| (i, j)));
    let column = |values: Option<&Vec<f64>>, i: usize| {
        values
            .and_then(|v| v.get(i))
            .map(|v| format::percent(*v))
            .unwrap_or_else(|| "—".into())
    };
    let ahp_weights = w.ahp.as_ref().map(|a| &a.weights);
    let group = w.ahp_group.as_ref();
    let group_weights = group.map(|g| &g.group.weights);
    // Whose judgments are shown: the committee's for AHP; for group AHP the evaluator picked
    // (the first on the committee until one is).
    let evaluators: Vec<(String, String)> = props
        .scorecard
        .evaluators
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                if e.name.trim().is_empty() {
                    e.id.clone()
                } else {
                    e.name.clone()
                },
            )
        })
        .collect();
    let picked = use_state(|| None::<String>);
    let judge: Option<String> = (w.method == WeightingMethod::AhpGroup)
        .then(|| {
            (*picked)
                .clone()
                .filter(|id| evaluators.iter().any(|(e, _)| e == id))
                .or_else(|| evaluators.first().map(|(id, _)| id.clone()))
        })
        .flatten();
    let on_pick = {
        let picked = picked.clone();
        Callback::from(move |e: Event| picked.set(Some(select_value(&e))))
    };
    let judge_name = judge
        .as_ref()
        .and_then(|id| evaluators.iter().find(|(e, _)| e == id))
        .map(|(_, name)| name.clone());
    let pair_count = w.pairs();
    html! {
        <div class="ahp-panel">
            <div class="field">
                <label for="weighting-method">{ "Method in force" }</label>
                <select id="weighting-method" onchange={on_method}>
                    { for METHODS.iter().map(|&(method, value)| html! {
                        <option {value} selected={w.method == method}>{ format::method(method) }</option>
                    }) }
                </select>
            </div>
            if w.method == WeightingMethod::AhpGroup {
                if evaluators.is_empty() {
                    <p class="hint">{ "Group AHP combines each evaluator's comparisons; add the committee's evaluators first (Share view). Until they compare, the children weigh alike." }</p>
                } else {
                    <div class="field">
                        <label for="judgments-of">{ "Comparisons of" }</label>
                        <select id="judgments-of" onchange={on_pick}>
                            { for evaluators.iter().map(|(id, name)| html! {
                                <option value={id.clone()} selected={judge.as_deref() == Some(id.as_str())}>{ name.clone() }</option>
                            }) }
                        </select>
                    </div>
                }
            }
            if w.method == WeightingMethod::Ahp || judge.is_some() {
                <fieldset class="pairwise">
                    <legend>
                        { "Pairwise judgments (first compared with second)" }
                        if let Some(name) = &judge_name { { format!(" — {name}'s") } }
                    </legend>
                    { for pairs.map(|(i, j)| {
                        let (a, b) = (w.children[i].clone(), w.children[j].clone());
                        let current = matrix_edit::judgment(&props.scorecard, &category, &a, &b, judge.as_deref());
                        let id = format!("pair-{i}-{j}");
                        let onchange = {
                            let (category, on_judgment) = (category.clone(), props.on_judgment.clone());
                            let (a, b, judge) = (a.clone(), b.clone(), judge.clone());
                            Callback::from(move |e: Event| {
                                if let Some(&(value, _)) = SCALE.get(select_value(&e).parse::<usize>().unwrap_or(usize::MAX)) {
                                    on_judgment.emit((category.clone(), a.clone(), b.clone(), value, judge.clone()));
                                }
                            })
                        };
                        html! {
                            <div class="pair">
                                <label for={id.clone()}>{ name(i) }{ " vs " }{ name(j) }</label>
                                <select id={id} {onchange}>
                                    if current.is_none() {
                                        <option value="" selected=true disabled=true>{ "not compared yet (counts as equal)" }</option>
                                    }
                                    if let Some(recorded) = current.filter(|c| !SCALE.iter().any(|(v, _)| (c - v).abs() < 1e-6)) {
                                        <option value="" selected=true disabled=true>{ format!("as recorded: {}", judgment_text(recorded)) }</option>
                                    }
                                    { for SCALE.iter().enumerate().map(|(k, &(value, label))| html! {
                                        <option value={k.to_string()} selected={current.is_some_and(|c| (c - value).abs() < 1e-6)}>{ label }</option>
                                    }) }
                                </select>
                            </div>
                        }
                    }) }
                </fieldset>
            }
            if let (WeightingMethod::AhpGroup, Some(group)) = (w.method, group) {
                <p class={classes!("consistency", (group.group.inconsistent()).then_some("inconsistent"))} role="status">
                    { format!("The group's consistency ratio {:.3}", group.group.consistency_ratio) }
                    { if group.group.inconsistent() { " — above 0.10: the combined judgments contradict each other." } else { " — consistent enough (0.10 or less)." } }
                </p>
                { table_field.clone() }
                <table class="methods" aria-labelledby="group-caption">
                    <caption id="group-caption">{ "Each evaluator's comparisons" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Evaluator" }</th>
                            <th scope="col" class="number">{ "Pairs compared" }</th>
                            <th scope="col" class="number">{ "Consistency ratio" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for evaluators.iter().map(|(id, evaluator)| {
                            let judged = group.evaluators.iter().find(|e| e.evaluator_id == *id);
                            let own = judged.and_then(|e| e.own.as_ref());
                            let ratio = own.map(|own| own.consistency_ratio);
                            html! {
                                <tr>
                                    <th scope="row">{ evaluator.clone() }</th>
                                    <td class="number">{ format!("{} of {pair_count}", judged.map_or(0, |e| e.pairs)) }</td>
                                    <td class={classes!("number", own.is_some_and(|o| o.inconsistent()).then_some("inconsistent"))}>
                                        { ratio.map_or_else(|| "— (not every pair)".to_owned(), |r| format!("{r:.3}")) }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
            if w.method == WeightingMethod::Ahp {
                if let Some(ahp) = &w.ahp {
                    <p class={classes!("consistency", (ahp.inconsistent()).then_some("inconsistent"))} role="status">
                        { format!("Consistency ratio {:.3}", ahp.consistency_ratio) }
                        { if ahp.inconsistent() { " — above 0.10: the judgments contradict each other." } else { " — consistent enough (0.10 or less)." } }
                        if let Some((a, b)) = ahp.revisit.as_ref().filter(|_| ahp.inconsistent()) {
                            { " Revisit: " }
                            <strong>{ w.children.iter().position(|c| c == a).map(name).unwrap_or_else(|| a.clone()) }
                            { " vs " }
                            { w.children.iter().position(|c| c == b).map(name).unwrap_or_else(|| b.clone()) }</strong>
                        }
                    </p>
                    { table_field }
                }
            }
            <table class="methods" aria-labelledby="methods-caption">
                <caption id="methods-caption">{ "Weights by method, side by side" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Criterion" }</th>
                        <th scope="col" class="number">{ "In force" }</th>
                        <th scope="col" class="number">{ "Direct points" }</th>
                        <th scope="col" class="number">{ "AHP" }</th>
                        if group.is_some() {
                            <th scope="col" class="number">{ "Group AHP" }</th>
                        }
                        <th scope="col" class="number">{ "Rank-order centroid" }</th>
                        <th scope="col" class="number">{ "SWING" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for (0..w.children.len()).map(|i| html! {
                        <tr>
                            <th scope="row">{ name(i) }</th>
                            <td class="number">{ column(Some(&w.in_force), i) }</td>
                            <td class="number">{ column(w.direct.as_ref(), i) }</td>
                            <td class="number">{ column(ahp_weights, i) }</td>
                            if group.is_some() {
                                <td class="number">{ column(group_weights, i) }</td>
                            }
                            <td class="number">{ column(Some(&w.rank_order_centroid), i) }</td>
                            <td class="number">{ column(w.swing.as_ref(), i) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
