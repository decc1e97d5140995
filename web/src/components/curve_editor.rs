//! A numeric requirement's rule: unit, which way is better, and its curve — straight from worst
//! to best, or steps (a threshold and the score for reaching it). Text that is not a number, or a
//! curve pointing the wrong way, is refused at its field.

use std::rc::Rc;

use rfp_core::typed::format_number;
use rfp_core::{Better, Curve, Scoring};
use yew::prelude::*;

use super::{RuleEditorProps, field_problem};
use crate::rule_edit::CurveEdit;
use crate::state::Action;

/// The curve's fields.
#[component]
pub fn CurveEditor(props: &RuleEditorProps) -> Html {
    let new_at = use_state_eq(String::new);
    let new_score = use_state_eq(String::new);
    let c = &props.criterion;
    let steps = match &c.scoring {
        Some(Scoring::Numeric(rule)) => match &rule.curve {
            Curve::Steps(steps) => steps.len(),
            Curve::Linear { .. } => 0,
        },
        _ => 0,
    };
    {
        let (new_at, new_score) = (new_at.clone(), new_score.clone());
        use_effect_with(steps, move |_| {
            new_at.set(String::new());
            new_score.set(String::new());
        });
    }
    let Some(Scoring::Numeric(rule)) = &c.scoring else {
        return Html::default();
    };
    let problem = &props.problem;
    let send = {
        let (path, on_action) = (props.path.clone(), props.on_action.clone());
        move |edit: CurveEdit| {
            on_action.emit(Action::EditCurve {
                path: path.clone(),
                edit,
            })
        }
    };
    let on_text = |make: Rc<dyn Fn(String) -> CurveEdit>| {
        let send = send.clone();
        Callback::from(move |e: Event| {
            let value = crate::browser::field_value(&e);
            if let Some(value) = value {
                send(make(value));
            }
        })
    };
    // One labelled text field; `id` is also the problem's field.
    let field = |id: String, label: &str, value: String, make: Rc<dyn Fn(String) -> CurveEdit>| {
        html! {
            <span class="curve-field">
                <label for={id.clone()}>{ label.to_owned() }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
                <input id={id.clone()} type="text" class="number-input" value={field_problem::text(problem, &id, value)}
                    aria-invalid={field_problem::invalid(problem, &id)} aria-describedby={field_problem::described_by(problem, &id)}
                    onchange={on_text(make)} />
                { field_problem::message(problem, &id) }
            </span>
        }
    };
    let id = |what: &str| format!("{what}-{}", c.id);
    let higher = rule.better == Better::Higher;
    let onsubmit = {
        let (new_at, new_score, send) = (new_at.clone(), new_score.clone(), send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send(CurveEdit::AddStep {
                at: (*new_at).clone(),
                score: (*new_score).clone(),
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
    html! {
        <div class="curve-editor">
            <div class="curve-line">
                { field(id("curve-unit"), "Unit", rule.unit.clone(), Rc::new(CurveEdit::Unit)) }
                <label for={id("curve-better")}>{ "Better" }<span class="visually-hidden">{ " for " }{ c.name.clone() }</span></label>
                <select id={id("curve-better")} onchange={on_text(Rc::new(|v: String| CurveEdit::HigherIsBetter(v == "higher")))}>
                    <option value="higher" selected={higher}>{ "Higher is better" }</option>
                    <option value="lower" selected={!higher}>{ "Lower is better" }</option>
                </select>
                <label for={id("curve-shape")}>{ "Curve" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
                <select id={id("curve-shape")} onchange={on_text(Rc::new(CurveEdit::Shape))}>
                    <option value="linear" selected={steps == 0}>{ "Straight from worst to best" }</option>
                    <option value="steps" selected={steps > 0}>{ "Steps" }</option>
                </select>
            </div>
            { field_problem::message(problem, &id("curve-shape")) }
            if let Curve::Linear { worst, best, .. } = &rule.curve {
                <div class="curve-line">
                    { field(id("curve-worst"), "Worst (scores 0)", format_number(*worst), Rc::new(CurveEdit::Worst)) }
                    { field(id("curve-best"), "Best (scores 1)", format_number(*best), Rc::new(CurveEdit::Best)) }
                </div>
            }
            if let Curve::Steps(list) = &rule.curve {
                <ul class="steps">
                    { for list.iter().enumerate().map(|(i, s)| {
                        let remove = { let send = send.clone(); Callback::from(move |_: MouseEvent| send(CurveEdit::RemoveStep(i))) };
                        html! {
                            <li class="curve-line">
                                { field(format!("step-at-{}-{i}", c.id), &format!("Step {}: {}", i + 1, if higher { "at least" } else { "at most" }), format_number(s.at), Rc::new(move |text| CurveEdit::StepAt { index: i, text })) }
                                { field(format!("step-score-{}-{i}", c.id), &format!("Step {}: score (0–1)", i + 1), format_number(s.score), Rc::new(move |text| CurveEdit::StepScore { index: i, text })) }
                                <button type="button" onclick={remove}>{ "Remove" }<span class="visually-hidden">{ format!(" step {} of ", i + 1) }{ c.name.clone() }</span></button>
                            </li>
                        }
                    }) }
                </ul>
                <form class="curve-line" {onsubmit}>
                    <label for={id("new-step-at")}>{ "New step at" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
                    <input id={id("new-step-at")} type="text" class="number-input" value={field_problem::text(problem, &id("new-step-at"), (*new_at).clone())}
                        aria-invalid={field_problem::invalid(problem, &id("new-step-at"))} aria-describedby={field_problem::described_by(problem, &id("new-step-at"))}
                        oninput={typed(new_at.clone())} />
                    <label for={id("new-step-score")}>{ "score (0–1)" }<span class="visually-hidden">{ " of the new step of " }{ c.name.clone() }</span></label>
                    <input id={id("new-step-score")} type="text" class="number-input" value={field_problem::text(problem, &id("new-step-score"), (*new_score).clone())}
                        aria-invalid={field_problem::invalid(problem, &id("new-step-score"))} aria-describedby={field_problem::described_by(problem, &id("new-step-score"))}
                        oninput={typed(new_score.clone())} />
                    <button type="submit">{ "Add step" }<span class="visually-hidden">{ " to " }{ c.name.clone() }</span></button>
                    { field_problem::message(problem, &id("new-step-at")) }
                    { field_problem::message(problem, &id("new-step-score")) }
                </form>
            }
        </div>
    }
}
