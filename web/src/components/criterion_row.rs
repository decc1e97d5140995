//! One criterion of the matrix: name, share among its siblings, moving and removing it; for a
//! requirement its kind, gate, and the rule's details (options, curve, rubric anchors); for a
//! category the form adding to it. Children follow, indented.
//!
//! Only what is open is built: a category shows its children once opened (the page keeps which
//! are open), and a requirement's editors are rendered when their part is opened — the Matrix of
//! a large scorecard shows at once instead of building every editor of every requirement.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use rfp_core::{Criterion, Scoring};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::add_criterion::AddCriterion;
use super::choice_editor::ChoiceEditor;
use super::curve_editor::CurveEditor;
use super::gate_editor::GateEditor;
use super::price_editor::PriceEditor;
use super::scale_editor::ScaleEditor;
use crate::matrix_edit::Edit;
use crate::state::{Action, FieldProblem};

/// Props of [`CriterionRow`].
#[derive(Properties, PartialEq)]
pub struct CriterionRowProps {
    /// The criterion.
    pub criterion: Rc<Criterion>,
    /// Its place in the tree.
    pub path: Vec<usize>,
    /// How many siblings it has (itself included), to know whether it can move up or down.
    pub siblings: usize,
    /// Shares among siblings by criterion id, formatted (from the report).
    pub shares: Rc<HashMap<String, (String, Option<String>)>>,
    /// The categories that are open, by id.
    pub open: Rc<BTreeSet<String>>,
    /// A refused field, if any.
    pub problem: Option<FieldProblem>,
    /// (path, edit).
    pub on_edit: Callback<(Vec<usize>, Edit)>,
    /// Dispatches the tree's and the rule's actions.
    pub on_action: Callback<Action>,
}

fn value<T: JsCast>(e: &Event) -> Option<T> {
    e.target().and_then(|t| t.dyn_into::<T>().ok())
}

/// A collapsible part of the row, its summary naming the criterion for screen readers; its body
/// is built only while it is open.
fn part(
    class: &'static str,
    title: &str,
    name: &str,
    open: &UseStateHandle<bool>,
    body: impl FnOnce() -> Html,
) -> Html {
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = value::<web_sys::Element>(&e) {
                open.set(details.has_attribute("open"));
            }
        })
    };
    html! {
        <details class={classes!("editor", class)} open={**open} {ontoggle}>
            <summary>{ title.to_owned() }<span class="visually-hidden">{ " of " }{ name.to_owned() }</span></summary>
            if **open { { body() } }
        </details>
    }
}

/// The row and its children.
#[component]
pub fn CriterionRow(props: &CriterionRowProps) -> Html {
    let gate_open = use_state(|| false);
    let rule_open = use_state(|| false);
    let add_open = use_state(|| false);
    let c = &props.criterion;
    let depth = props.path.len();
    let index = props.path.last().copied().unwrap_or_default();
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
    let act = |action: Action| props.on_action.reform(move |_: MouseEvent| action.clone());
    let path = props.path.clone();
    let (share, gate_text) = props.shares.get(&c.id).cloned().unwrap_or_default();
    let id = |what: &str| format!("{what}-{}", c.id);
    let is_open = !c.is_requirement() && props.open.contains(&c.id);
    let editors = |scoring: &Scoring| {
        let common = (
            props.path.clone(),
            props.problem.clone(),
            props.on_action.clone(),
        );
        let rule = match scoring {
            Scoring::Choice(_) => part("options", "Options", &c.name, &rule_open, || {
                html! {
                    <ChoiceEditor criterion={Rc::clone(c)} path={common.0.clone()} problem={common.1.clone()} on_action={common.2.clone()} />
                }
            }),
            Scoring::Numeric(_) => part("curve", "Scoring curve", &c.name, &rule_open, || {
                html! {
                    <CurveEditor criterion={Rc::clone(c)} path={common.0.clone()} problem={common.1.clone()} on_action={common.2.clone()} />
                }
            }),
            Scoring::Price(_) => part("price", "Price rule", &c.name, &rule_open, || {
                html! {
                    <PriceEditor criterion={Rc::clone(c)} path={common.0.clone()} problem={common.1.clone()} on_action={common.2.clone()} />
                }
            }),
            Scoring::Rating(rule) => part("anchors", "Rubric anchors", &c.name, &rule_open, || {
                html! {
                    <>
                    <ScaleEditor criterion={Rc::clone(c)} path={common.0.clone()} problem={common.1.clone()} on_action={common.2.clone()} />
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
                    </>
                }
            }),
            _ => Html::default(),
        };
        html! {
            <>
                { part("gate", "Gate", &c.name, &gate_open, || html! {
                    <GateEditor criterion={Rc::clone(c)} path={common.0} problem={common.1} on_action={common.2} />
                }) }
                { rule }
            </>
        }
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
                        { for rfp_core::vocabulary::REQUIREMENT_KINDS.iter().map(|&rfp_core::vocabulary::Term { id: k, label }| html! {
                            <option value={k} selected={scoring.kind_name() == k}>{ label }</option>
                        }) }
                    </select>
                }
                if !c.is_requirement() {
                    <button type="button" class="disclose" aria-expanded={is_open.to_string()} aria-controls={id("children")}
                        onclick={act(Action::ToggleCategory(c.id.clone()))}>
                        <span aria-hidden="true">{ if is_open { "▾ " } else { "▸ " } }</span>
                        { if is_open { "Close" } else { "Open" } }<span class="visually-hidden">{ " " }{ c.name.clone() }</span>
                    </button>
                    <span class="count">{ requirement_count(c) }</span>
                }
                <span class="row-actions">
                    <button type="button" aria-label={format!("Move {} up", c.name)} disabled={index == 0}
                        onclick={act(Action::MoveCriterion { path: path.clone(), up: true })}>{ "Up" }</button>
                    <button type="button" aria-label={format!("Move {} down", c.name)} disabled={index + 1 >= props.siblings}
                        onclick={act(Action::MoveCriterion { path: path.clone(), up: false })}>{ "Down" }</button>
                    <button type="button" class="remove" onclick={act(Action::RemoveCriterion(path.clone()))}>
                        { "Remove" }<span class="visually-hidden">{ " " }{ c.name.clone() }</span>
                    </button>
                </span>
            </div>
            if let Some(gate) = gate_text { <p class="gate-text">{ "Gate: " }{ gate }</p> }
            if let Some(scoring) = &c.scoring { { editors(scoring) } }
            if !c.is_requirement() && is_open {
                { part("add", "Add to this category", &c.name, &add_open, || html! {
                    <AddCriterion parent={props.path.clone()} owner={AttrValue::from(c.id.clone())} owner_name={AttrValue::from(c.name.clone())}
                        count={c.children.len()} problem={props.problem.clone()} on_action={props.on_action.clone()} />
                }) }
            }
            if is_open && !c.children.is_empty() {
                <ul class="criteria" id={id("children")}>
                    { for c.children.iter().enumerate().map(|(i, child)| {
                        let mut path = props.path.clone();
                        path.push(i);
                        html! {
                            <CriterionRow key={child.id.clone()} criterion={Rc::new(child.clone())} {path} siblings={c.children.len()}
                                shares={Rc::clone(&props.shares)} open={Rc::clone(&props.open)} problem={props.problem.clone()}
                                on_edit={props.on_edit.clone()} on_action={props.on_action.clone()} />
                        }
                    }) }
                </ul>
            }
        </li>
    }
}

/// How many requirements a category holds, in words.
fn requirement_count(category: &Criterion) -> String {
    fn count(nodes: &[Criterion]) -> usize {
        nodes
            .iter()
            .map(|n| {
                if n.is_requirement() {
                    1
                } else {
                    count(&n.children)
                }
            })
            .sum()
    }
    match count(&category.children) {
        1 => "1 requirement".to_owned(),
        n => format!("{n} requirements"),
    }
}
