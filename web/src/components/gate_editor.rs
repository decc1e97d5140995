//! A requirement's gate: what a vendor must meet (yes, at least, at most, one of some options),
//! chosen and applied as one change; a threshold that is not a number is refused at its field.

use rfp_core::Scoring;
use yew::prelude::*;

use super::{RuleEditorProps, field_problem};
use rfp_core::vocabulary::gate;

use crate::rule_edit::{GateForm, gate_form, gate_kinds};
use crate::state::Action;

/// The gate form.
#[component]
pub fn GateEditor(props: &RuleEditorProps) -> Html {
    let c = &props.criterion;
    let form = {
        let gate = c.gate.clone();
        use_state_eq(move || gate_form(gate.as_ref()))
    };
    // The form follows the scorecard (undo, another edit) when the gate changes there.
    {
        let form = form.clone();
        use_effect_with(c.gate.clone(), move |gate| {
            form.set(gate_form(gate.as_ref()));
        });
    }
    let Some(scoring) = &c.scoring else {
        return Html::default();
    };
    let kind_field = format!("gate-kind-{}", c.id);
    let threshold_field = format!("gate-threshold-{}", c.id);
    let options_field = format!("gate-options-{}", c.id);
    let update = |change: fn(&mut GateForm, String)| {
        let form = form.clone();
        move |value: String| {
            let mut next = (*form).clone();
            change(&mut next, value);
            form.set(next);
        }
    };
    // "Must be one of" starts from the options that meet the requirement.
    let on_kind = {
        let form = form.clone();
        let meeting = match scoring {
            Scoring::Choice(rule) => rule.meeting_options(),
            _ => Vec::new(),
        };
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let mut next = (*form).clone();
                next.kind = select.value();
                if next.kind == gate::ANY_OF && next.options.is_empty() {
                    next.options.clone_from(&meeting);
                }
                form.set(next);
            }
        })
    };
    let on_threshold = {
        let set = update(|f, v| f.threshold = v);
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                set(input.value());
            }
        })
    };
    let onsubmit = {
        let (form, path, on_action) = (form.clone(), props.path.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_action.emit(Action::SetGate {
                path: path.clone(),
                gate: (*form).clone(),
            });
        })
    };
    let problem = &props.problem;
    let needs_threshold = [gate::AT_LEAST, gate::AT_MOST].contains(&form.kind.as_str());
    let unit = match scoring {
        Scoring::Numeric(rule) => rule.unit.clone(),
        Scoring::Price(_) => "total cost".into(),
        Scoring::Rating(rule) => format!("level {}–{}", rule.min, rule.max),
        _ => String::new(),
    };
    html! {
        <form class="gate-editor" {onsubmit}>
            <label for={kind_field.clone()}>{ "Gate" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
            <select id={kind_field.clone()} onchange={on_kind}>
                { for gate_kinds(scoring).iter().map(|&(k, label)| html! { <option value={k} selected={form.kind == k}>{ label }</option> }) }
            </select>
            if needs_threshold {
                <label for={threshold_field.clone()}>{ "Threshold" }{ if unit.is_empty() { String::new() } else { format!(" ({unit})") } }<span class="visually-hidden">{ " of the gate of " }{ c.name.clone() }</span></label>
                <input id={threshold_field.clone()} type="text" inputmode="decimal" class="number-input"
                    value={form.threshold.clone()}
                    aria-invalid={field_problem::invalid(problem, &threshold_field)}
                    aria-describedby={field_problem::described_by(problem, &threshold_field)}
                    oninput={on_threshold} />
            }
            if let (Scoring::Choice(rule), true) = (scoring, form.kind == gate::ANY_OF) {
                <fieldset class="gate-options" aria-describedby={field_problem::described_by(problem, &options_field)}>
                    <legend>{ "Options a vendor must choose one of" }</legend>
                    { for rule.options.iter().map(|o| {
                        let id = format!("gate-option-{}-{}", c.id, o.id);
                        let option = o.id.clone();
                        let handle = form.clone();
                        let onchange = Callback::from(move |e: Event| {
                            let on = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
                            let mut next = (*handle).clone();
                            next.options.retain(|x| *x != option);
                            if on { next.options.push(option.clone()); }
                            handle.set(next);
                        });
                        html! {
                            <span class="check">
                                <input {id} type="checkbox" checked={form.options.contains(&o.id)} {onchange} />
                                <label for={format!("gate-option-{}-{}", c.id, o.id)}>{ o.label.clone() }</label>
                            </span>
                        }
                    }) }
                </fieldset>
            }
            <button type="submit">{ "Set gate" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></button>
            { field_problem::message(problem, &kind_field) }
            { field_problem::message(problem, &threshold_field) }
            { field_problem::message(problem, &options_field) }
        </form>
    }
}
