//! The form adding a requirement or a sub-category to a category (or a category at the top level).

use yew::prelude::*;

use super::field_problem;
use crate::state::{Action, FieldProblem};

/// Props of [`AddCriterion`].
#[derive(Properties, PartialEq)]
pub struct AddCriterionProps {
    /// Where the new criterion goes: the category's place (empty: the top level).
    pub parent: Vec<usize>,
    /// The category's id (`top` for the top level), for the fields' ids.
    pub owner: AttrValue,
    /// The category's name, for the labels ("the top level" there).
    pub owner_name: AttrValue,
    /// How many children the category has (the form empties when one is added).
    pub count: usize,
    /// A refused field, if any.
    pub problem: Option<FieldProblem>,
    /// Dispatches the action.
    pub on_action: Callback<Action>,
}

/// Name, kind and an "Add" button; at the top level only categories are added.
#[component]
pub fn AddCriterion(props: &AddCriterionProps) -> Html {
    let name = use_state_eq(String::new);
    let kind = use_state_eq(|| rfp_core::vocabulary::kind::YES_NO.to_owned());
    {
        let name = name.clone();
        use_effect_with(props.count, move |_| name.set(String::new()));
    }
    let top = props.parent.is_empty();
    let name_field = format!("new-name-{}", props.owner);
    let kind_field = format!("new-kind-{}", props.owner);
    let onsubmit = {
        let (name, kind, parent, on_action) = (
            name.clone(),
            kind.clone(),
            props.parent.clone(),
            props.on_action.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let kind = if parent.is_empty() {
                "category".to_owned()
            } else {
                (*kind).clone()
            };
            on_action.emit(Action::AddCriterion {
                parent: parent.clone(),
                name: (*name).clone(),
                kind,
            });
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(
                e.target_dyn_into::<web_sys::HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default(),
            )
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(
                e.target_dyn_into::<web_sys::HtmlSelectElement>()
                    .map(|s| s.value())
                    .unwrap_or_default(),
            )
        })
    };
    let problem = &props.problem;
    let what = if top { "category" } else { "criterion" };
    html! {
        <form class="add-criterion" {onsubmit}>
            <label for={name_field.clone()}>{ format!("New {what}'s name") }<span class="visually-hidden">{ " in " }{ props.owner_name.clone() }</span></label>
            <input id={name_field.clone()} type="text" value={field_problem::text(problem, &name_field, (*name).clone())}
                aria-invalid={field_problem::invalid(problem, &name_field)}
                aria-describedby={field_problem::described_by(problem, &name_field)} oninput={on_name} />
            if !top {
                <label for={kind_field.clone()}>{ "Kind" }<span class="visually-hidden">{ " of the new criterion in " }{ props.owner_name.clone() }</span></label>
                <select id={kind_field} onchange={on_kind}>
                    { for rfp_core::vocabulary::REQUIREMENT_KINDS.iter().map(|t| html! { <option value={t.id} selected={*kind == t.id}>{ format!("Requirement: {}", t.label.to_lowercase()) }</option> }) }
                    <option value="category" selected={*kind == "category"}>{ "Sub-category" }</option>
                </select>
            }
            <button type="submit">{ if top { "Add category" } else { "Add" } }<span class="visually-hidden">{ " to " }{ props.owner_name.clone() }</span></button>
            { field_problem::message(problem, &name_field) }
        </form>
    }
}
