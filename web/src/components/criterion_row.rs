//! One criterion of the matrix: name, share among its siblings, and for a requirement its kind,
//! whether it is mandatory, and its rubric anchors. Children follow, indented.

use std::collections::HashMap;
use std::rc::Rc;

use rfp_core::{Criterion, Scoring};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::matrix_edit::Edit;

/// Props of [`CriterionRow`].
#[derive(Properties, PartialEq)]
pub struct CriterionRowProps {
    /// The criterion.
    pub criterion: Rc<Criterion>,
    /// Its place in the tree.
    pub path: Vec<usize>,
    /// Shares among siblings by criterion id, formatted (from the report).
    pub shares: Rc<HashMap<String, (String, Option<String>)>>,
    /// (path, edit).
    pub on_edit: Callback<(Vec<usize>, Edit)>,
}

const KINDS: &[(&str, &str)] = &[
    ("yes_no", "Yes / no"),
    ("choice", "Choice"),
    ("numeric", "Number"),
    ("rating", "Rating by evaluators"),
    ("price", "Price"),
];

fn value<T: JsCast>(e: &Event) -> Option<T> {
    e.target().and_then(|t| t.dyn_into::<T>().ok())
}

/// The row and its children.
#[component]
pub fn CriterionRow(props: &CriterionRowProps) -> Html {
    let c = &props.criterion;
    let depth = props.path.len();
    let edit = |make: fn(String) -> Edit| {
        let (path, on_edit) = (props.path.clone(), props.on_edit.clone());
        Callback::from(move |e: Event| {
            if let Some(input) = value::<HtmlInputElement>(&e) {
                on_edit.emit((path.clone(), make(input.value())));
            }
        })
    };
    let on_kind = {
        let (path, on_edit) = (props.path.clone(), props.on_edit.clone());
        Callback::from(move |e: Event| {
            if let Some(select) = value::<HtmlSelectElement>(&e) {
                on_edit.emit((path.clone(), Edit::Kind(select.value())));
            }
        })
    };
    let on_gate = {
        let (path, on_edit) = (props.path.clone(), props.on_edit.clone());
        Callback::from(move |e: Event| {
            let on = value::<HtmlInputElement>(&e).is_some_and(|i| i.checked());
            on_edit.emit((path.clone(), Edit::Gate(on)));
        })
    };
    let (share, gate_text) = props.shares.get(&c.id).cloned().unwrap_or_default();
    let id = |what: &str| format!("{what}-{}", c.id);
    let anchors = match &c.scoring {
        Some(Scoring::Rating(rule)) => Some(html! {
            <details class="anchors">
                <summary>{ "Rubric anchors" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></summary>
                { for (rule.min..=rule.max).map(|level| {
                    let text = rule.anchors.iter().find(|a| a.level == level).map(|a| a.description.clone()).unwrap_or_default();
                    let field = format!("anchor-{}-{level}", c.id);
                    let (path, on_edit) = (props.path.clone(), props.on_edit.clone());
                    let onchange = Callback::from(move |e: Event| {
                        if let Some(input) = value::<HtmlInputElement>(&e) {
                            on_edit.emit((path.clone(), Edit::Anchor { level, text: input.value() }));
                        }
                    });
                    html! {
                        <div class="anchor">
                            <label for={field.clone()}>{ format!("Level {level}") }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
                            <input id={field} type="text" value={text} {onchange} />
                        </div>
                    }
                }) }
            </details>
        }),
        _ => None,
    };
    html! {
        <li class={classes!("criterion", format!("depth-{}", depth.min(4)), c.is_requirement().then_some("requirement"))}>
            <div class="criterion-fields">
                <label class="visually-hidden" for={id("name")}>{ "Name of " }{ c.name.clone() }</label>
                <input class="name" id={id("name")} type="text" value={c.name.clone()} onchange={edit(Edit::Name)} />
                <label class="share-label" for={id("share")}>{ "Share %" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
                <input class="share-input" id={id("share")} type="text" inputmode="decimal" value={share} onchange={edit(Edit::Share)} />
                if let Some(scoring) = &c.scoring {
                    <label class="visually-hidden" for={id("kind")}>{ "Kind of " }{ c.name.clone() }</label>
                    <select id={id("kind")} onchange={on_kind}>
                        { for KINDS.iter().map(|&(k, label)| html! {
                            <option value={k} selected={scoring.kind_name().trim_start_matches("multi_") == k}>{ label }</option>
                        }) }
                    </select>
                    <span class="check">
                        <input id={id("gate")} type="checkbox" checked={c.gate.is_some()} onchange={on_gate} />
                        <label for={id("gate")}>{ "Mandatory" }<span class="visually-hidden">{ ": " }{ c.name.clone() }</span></label>
                    </span>
                }
            </div>
            if let Some(gate) = gate_text { <p class="gate-text">{ "Gate: " }{ gate }</p> }
            { anchors.unwrap_or_default() }
            if !c.children.is_empty() {
                <ul class="criteria">
                    { for c.children.iter().enumerate().map(|(i, child)| {
                        let mut path = props.path.clone();
                        path.push(i);
                        html! {
                            <CriterionRow key={child.id.clone()} criterion={Rc::new(child.clone())} {path}
                                shares={Rc::clone(&props.shares)} on_edit={props.on_edit.clone()} />
                        }
                    }) }
                </ul>
            }
        </li>
    }
}
