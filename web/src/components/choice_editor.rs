//! A choice requirement's options: rename one, change its points, remove it, add one. Points
//! that are not a number of 0 or more are refused at their field.

use rfp_core::Scoring;
use yew::prelude::*;

use super::{RuleEditorProps, field_problem};
use crate::rule_edit::ChoiceEdit;
use crate::state::Action;

/// The options table and the form adding one.
#[component]
pub fn ChoiceEditor(props: &RuleEditorProps) -> Html {
    let new_label = use_state_eq(String::new);
    let new_points = use_state_eq(String::new);
    let c = &props.criterion;
    // A new option was added: the form empties (a refused one keeps what was typed).
    let count = match &c.scoring {
        Some(Scoring::Choice(rule)) => rule.options.len(),
        _ => 0,
    };
    {
        let (new_label, new_points) = (new_label.clone(), new_points.clone());
        use_effect_with(count, move |_| {
            new_label.set(String::new());
            new_points.set(String::new());
        });
    }
    let Some(Scoring::Choice(rule)) = &c.scoring else {
        return Html::default();
    };
    let problem = &props.problem;
    let emit = |edit: ChoiceEdit| Action::EditChoice {
        path: props.path.clone(),
        edit,
    };
    let on_field = |make: fn(usize, String) -> ChoiceEdit, index: usize| {
        let (path, on_action) = (props.path.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            if let Some(text) = crate::browser::field_value(&e) {
                on_action.emit(Action::EditChoice {
                    path: path.clone(),
                    edit: make(index, text),
                });
            }
        })
    };
    let label_field = format!("new-option-label-{}", c.id);
    let points_field = format!("new-option-points-{}", c.id);
    let onsubmit = {
        let (new_label, new_points, on_action) = (
            new_label.clone(),
            new_points.clone(),
            props.on_action.clone(),
        );
        let path = props.path.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let edit = ChoiceEdit::Add {
                label: (*new_label).clone(),
                points: (*new_points).clone(),
            };
            on_action.emit(Action::EditChoice {
                path: path.clone(),
                edit,
            });
        })
    };
    let typed = |state: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.set(i.value());
            }
        })
    };
    let multiple_field = format!("multiple-{}", c.id);
    let on_multiple = {
        let (path, on_action) = (props.path.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                on_action.emit(Action::SetMultiple {
                    path: path.clone(),
                    multiple: input.checked(),
                });
            }
        })
    };
    html! {
        <div class="choice-editor">
            <p class="multiple">
                <input id={multiple_field.clone()} type="checkbox" checked={rule.multiple}
                    aria-invalid={field_problem::invalid(problem, &multiple_field)}
                    aria-describedby={field_problem::described_by(problem, &multiple_field)}
                    onchange={on_multiple} />
                <label for={multiple_field.clone()}>{ "Several options may be chosen" }<span class="visually-hidden">{ " for " }{ c.name.clone() }</span></label>
                { field_problem::message(problem, &multiple_field) }
            </p>
            <ul class="options">
                { for rule.options.iter().enumerate().map(|(i, o)| {
                    let label = format!("option-label-{}-{i}", c.id);
                    let points = format!("option-points-{}-{i}", c.id);
                    let meets = format!("option-meets-{}-{i}", c.id);
                    let on_meets = {
                        let (path, on_action) = (props.path.clone(), props.on_action.clone());
                        Callback::from(move |e: Event| {
                            let meets = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
                            on_action.emit(Action::EditChoice { path: path.clone(), edit: ChoiceEdit::Meets { index: i, meets } });
                        })
                    };
                    let remove = props.on_action.reform({ let edit = emit(ChoiceEdit::Remove(i)); move |_: MouseEvent| edit.clone() });
                    html! {
                        <li key={o.id.clone()} class="option">
                            <label for={label.clone()}>{ "Option" }<span class="visually-hidden">{ format!(" {} of ", i + 1) }{ c.name.clone() }</span></label>
                            <input id={label.clone()} type="text" value={field_problem::text(problem, &label, o.label.clone())}
                                aria-invalid={field_problem::invalid(problem, &label)} aria-describedby={field_problem::described_by(problem, &label)}
                                onchange={on_field(|index, text| ChoiceEdit::Label { index, text }, i)} />
                            <label for={points.clone()}>{ "Points" }<span class="visually-hidden">{ " of " }{ o.label.clone() }</span></label>
                            <input id={points.clone()} class="number-input" type="text" inputmode="decimal"
                                value={field_problem::text(problem, &points, rfp_core::typed::format_number(o.points))}
                                aria-invalid={field_problem::invalid(problem, &points)} aria-describedby={field_problem::described_by(problem, &points)}
                                onchange={on_field(|index, text| ChoiceEdit::Points { index, text }, i)} />
                            <span class="check">
                                <input id={meets.clone()} type="checkbox" checked={o.meets} onchange={on_meets} />
                                <label for={meets.clone()}>{ "Meets the requirement" }<span class="visually-hidden">{ ": " }{ o.label.clone() }</span></label>
                            </span>
                            <code class="option-id">{ o.id.clone() }</code>
                            <button type="button" onclick={remove}>{ "Remove" }<span class="visually-hidden">{ " option " }{ o.label.clone() }</span></button>
                            { field_problem::message(problem, &label) }
                            { field_problem::message(problem, &points) }
                        </li>
                    }
                }) }
            </ul>
            <form class="add-option" {onsubmit}>
                <label for={label_field.clone()}>{ "New option" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
                <input id={label_field.clone()} type="text" value={field_problem::text(problem, &label_field, (*new_label).clone())}
                    aria-invalid={field_problem::invalid(problem, &label_field)} aria-describedby={field_problem::described_by(problem, &label_field)}
                    oninput={typed(new_label.clone())} />
                <label for={points_field.clone()}>{ "Points" }<span class="visually-hidden">{ " of the new option of " }{ c.name.clone() }</span></label>
                <input id={points_field.clone()} class="number-input" type="text" inputmode="decimal"
                    value={field_problem::text(problem, &points_field, (*new_points).clone())}
                    aria-invalid={field_problem::invalid(problem, &points_field)} aria-describedby={field_problem::described_by(problem, &points_field)}
                    oninput={typed(new_points.clone())} />
                <button type="submit">{ "Add option" }<span class="visually-hidden">{ " to " }{ c.name.clone() }</span></button>
                { field_problem::message(problem, &label_field) }
                { field_problem::message(problem, &points_field) }
            </form>
        </div>
    }
}
