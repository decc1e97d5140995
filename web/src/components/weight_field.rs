//! One weight: a labelled number field and the share it gives.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`WeightField`].
#[derive(Properties, PartialEq)]
pub struct WeightFieldProps {
    /// Index of the top-level criterion (also makes the field's id).
    pub index: usize,
    /// The criterion's name.
    pub name: AttrValue,
    /// The weight as it stands, formatted.
    pub value: AttrValue,
    /// The normalized share it gives, formatted (from the report).
    pub share: AttrValue,
    /// Why the text typed is not a weight, if it is not.
    pub problem: Option<AttrValue>,
    /// The field's text changed: (index, text).
    pub on_change: Callback<(usize, String)>,
}

/// A number input with its label, the resulting share, and the problem if any.
#[component]
pub fn WeightField(props: &WeightFieldProps) -> Html {
    let id = format!("weight-{}", props.index);
    let problem_id = format!("weight-{}-problem", props.index);
    let oninput = {
        let index = props.index;
        props.on_change.reform(move |event: InputEvent| {
            let text = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .map(|input| input.value())
                .unwrap_or_default();
            (index, text)
        })
    };
    html! {
        <div class="weight-field">
            <label for={id.clone()}>{ "Weight of " }{ props.name.clone() }</label>
            <input
                id={id}
                type="number"
                min="0"
                step="any"
                inputmode="decimal"
                value={props.value.clone()}
                aria-invalid={props.problem.is_some().then_some("true")}
                aria-describedby={props.problem.is_some().then(|| problem_id.clone())}
                {oninput}
            />
            <span class="share">{ props.share.clone() }{ " of the total" }</span>
            if let Some(problem) = &props.problem {
                <p id={problem_id} class="field-problem" role="alert">{ problem.clone() }</p>
            }
        </div>
    }
}
