//! The committee's roster: who rates the vendors, with their roles. Names and roles are edited in
//! place; an evaluator is added by name and role, or removed with their ratings (undo brings them
//! back). Each change is one of the core's edits.

use rfp_core::Report;
use rfp_core::edit::Edit;
use rfp_core::vocabulary::ROLES;
use yew::prelude::*;

use crate::browser::field_value;
use crate::same::Same;
use crate::state::Action;

/// Props of [`Roster`].
#[derive(Properties, PartialEq)]
pub struct RosterProps {
    /// The report (its evaluators, with their progress).
    pub report: Same<Report>,
    /// Why the last change was refused, if it was.
    pub problem: Option<String>,
    /// Dispatches the edits.
    pub on_action: Callback<Action>,
}

/// The options of a role select: the committee roles, and the current role when it is another.
fn role_options(current: &str) -> Html {
    let other = !current.is_empty() && !ROLES.iter().any(|r| r.id == current);
    html! {
        <>
            <option value="" selected={current.is_empty()}>{ "No role" }</option>
            { for ROLES.iter().map(|r| html! {
                <option value={r.id} selected={r.id == current}>{ r.label }</option>
            }) }
            if other {
                <option value={current.to_owned()} selected=true>{ current.to_owned() }</option>
            }
        </>
    }
}

/// The roster.
#[component]
pub fn Roster(props: &RosterProps) -> Html {
    let new_name = use_state(String::new);
    let new_role = use_state(|| "physician".to_owned());
    let apply = |edit: fn(String, String) -> Edit, id: String| {
        props.on_action.reform(move |e: Event| {
            Action::Apply(edit(id.clone(), field_value(&e).unwrap_or_default()))
        })
    };
    let on_add = {
        let (new_name, new_role, on_action) =
            (new_name.clone(), new_role.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_action.emit(Action::Apply(Edit::AddEvaluator {
                name: (*new_name).clone(),
                role: (*new_role).clone(),
            }));
            new_name.set(String::new());
        })
    };
    let on_name = {
        let new_name = new_name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(value) = field_value(&e) {
                new_name.set(value);
            }
        })
    };
    let on_role = {
        let new_role = new_role.clone();
        Callback::from(move |e: Event| {
            if let Some(value) = field_value(&e) {
                new_role.set(value);
            }
        })
    };
    html! {
        <section aria-labelledby="roster-heading">
            <h2 id="roster-heading">{ "Committee" }</h2>
            <p class="explain">{ "Who rates the vendors. Each evaluator gets a packet with only their own ratings, and the files they return are merged below." }</p>
            if props.report.evaluators.is_empty() {
                <p>{ "No evaluators yet: add the committee's members to make their packets." }</p>
            } else {
                <table class="roster" aria-labelledby="roster-caption">
                    <caption id="roster-caption">{ "Evaluators, their roles and their ratings so far" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Name" }</th>
                        <th scope="col">{ "Role" }</th>
                        <th scope="col" class="number">{ "Rated" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Remove" }</span></th>
                    </tr></thead>
                    <tbody>
                        { for props.report.evaluators.iter().map(|e| {
                            let id = e.evaluator_id.clone();
                            let name_field = format!("evaluator-name-{id}");
                            let role_field = format!("evaluator-role-{id}");
                            let rename = apply(|id, name| Edit::RenameEvaluator { id, name }, id.clone());
                            let set_role = apply(|id, role| Edit::SetRole { id, role }, id.clone());
                            let remove = props.on_action.reform({
                                let id = id.clone();
                                move |_: MouseEvent| Action::Apply(Edit::RemoveEvaluator { id: id.clone() })
                            });
                            html! {
                                <tr key={id.clone()}>
                                    <td>
                                        <label class="visually-hidden" for={name_field.clone()}>{ "Name of evaluator " }{ e.name.clone() }</label>
                                        <input id={name_field} type="text" value={e.name.clone()} onchange={rename} />
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for={role_field.clone()}>{ "Role of " }{ e.name.clone() }</label>
                                        <select id={role_field} onchange={set_role}>{ role_options(&e.role) }</select>
                                    </td>
                                    <td class="number">{ format!("{} of {}", e.rated, e.expected) }</td>
                                    <td><button type="button" onclick={remove}>{ "Remove" }<span class="visually-hidden">{ " evaluator " }{ e.name.clone() }</span></button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
            <form class="add-evaluator" onsubmit={on_add}>
                <label for="new-evaluator-name">{ "Name" }</label>
                <input id="new-evaluator-name" type="text" value={(*new_name).clone()} oninput={on_name} />
                <label for="new-evaluator-role">{ "Role" }</label>
                <select id="new-evaluator-role" onchange={on_role}>{ role_options(&new_role) }</select>
                <button type="submit">{ "Add evaluator" }</button>
            </form>
            if let Some(problem) = &props.problem {
                <p class="field-problem" role="alert">{ problem.clone() }</p>
            }
        </section>
    }
}
