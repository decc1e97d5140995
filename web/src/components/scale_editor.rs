//! A rating requirement's scale: its lowest and highest level. A scale that would leave out
//! ratings, consensus values, the gate's minimum or anchors is refused at the field, naming them.

use rfp_core::Scoring;
use yew::prelude::*;

use super::{RuleEditorProps, field_problem};
use crate::state::Action;

/// Two whole-number fields and a button.
#[component]
pub fn ScaleEditor(props: &RuleEditorProps) -> Html {
    let c = &props.criterion;
    let (min, max) = match &c.scoring {
        Some(Scoring::Rating(rule)) => (rule.min, rule.max),
        _ => (0, 0),
    };
    let low = use_state_eq(|| min.to_string());
    let high = use_state_eq(|| max.to_string());
    {
        // The scale as it stands after a change (an undo, another file).
        let (low, high) = (low.clone(), high.clone());
        use_effect_with((min, max), move |&(min, max)| {
            low.set(min.to_string());
            high.set(max.to_string());
        });
    }
    let field = crate::rule_edit::scale_field(&c.id);
    let (low_id, high_id) = (format!("{field}-min"), format!("{field}-max"));
    let typed = |state: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };
    let onsubmit = {
        let (low, high) = (low.clone(), high.clone());
        let (path, on_action) = (props.path.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_action.emit(Action::SetScale {
                path: path.clone(),
                min: (*low).clone(),
                max: (*high).clone(),
            });
        })
    };
    let problem = &props.problem;
    html! {
        <form class="scale-editor" {onsubmit}>
            <label for={low_id.clone()}>{ "Lowest level" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
            <input id={low_id} class="number-input" type="text" inputmode="numeric" value={(*low).clone()}
                aria-invalid={field_problem::invalid(problem, &field)} aria-describedby={field_problem::described_by(problem, &field)}
                oninput={typed(low.clone())} />
            <label for={high_id.clone()}>{ "Highest level" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
            <input id={high_id} class="number-input" type="text" inputmode="numeric" value={(*high).clone()}
                aria-invalid={field_problem::invalid(problem, &field)} aria-describedby={field_problem::described_by(problem, &field)}
                oninput={typed(high.clone())} />
            <button type="submit">{ "Set scale" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></button>
            { field_problem::message(problem, &field) }
        </form>
    }
}
