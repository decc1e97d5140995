//! Record a consensus value with its rationale (both required; the state says what is wrong).

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`ConsensusForm`].
#[derive(Properties, PartialEq)]
pub struct ConsensusFormProps {
    /// Position in the list (makes the fields' ids).
    pub index: usize,
    /// Vendor id.
    pub vendor: AttrValue,
    /// Requirement id.
    pub requirement: AttrValue,
    /// "vendor on requirement", for the labels.
    pub label: AttrValue,
    /// Why the last attempt was not recorded.
    pub problem: Option<AttrValue>,
    /// (vendor, requirement, value, rationale).
    pub on_submit: Callback<(String, String, String, String)>,
}

/// A value field, a rationale field and a button.
#[component]
pub fn ConsensusForm(props: &ConsensusFormProps) -> Html {
    let value = use_state(String::new);
    let rationale = use_state(String::new);
    let value_id = format!("consensus-{}-value", props.index);
    let rationale_id = format!("consensus-{}-rationale", props.index);
    let problem_id = format!("consensus-{}-problem", props.index);
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                value.set(input.value());
            }
        })
    };
    let on_rationale = {
        let rationale = rationale.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
            {
                rationale.set(area.value());
            }
        })
    };
    let onsubmit = {
        let (value, rationale) = (value.clone(), rationale.clone());
        let (vendor, requirement) = (props.vendor.to_string(), props.requirement.to_string());
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit((
                vendor.clone(),
                requirement.clone(),
                (*value).clone(),
                (*rationale).clone(),
            ));
        })
    };
    let described = props.problem.is_some().then(|| problem_id.clone());
    html! {
        <form class="consensus-form" {onsubmit}>
            <label for={value_id.clone()}>
                { "Consensus value" }<span class="visually-hidden">{ " for " }{ props.label.clone() }</span>
            </label>
            <input id={value_id} type="text" inputmode="decimal" value={(*value).clone()}
                aria-describedby={described.clone()} oninput={on_value} />
            <label for={rationale_id.clone()}>
                { "Rationale" }<span class="visually-hidden">{ " for " }{ props.label.clone() }</span>
            </label>
            <textarea id={rationale_id} rows="2" value={(*rationale).clone()}
                aria-describedby={described} oninput={on_rationale} />
            <button type="submit">{ "Record consensus" }</button>
            if let Some(problem) = &props.problem {
                <p id={problem_id} class="field-problem" role="alert">{ problem.clone() }</p>
            }
        </form>
    }
}
