//! One vendor's answers, entered by hand: a field per requirement the vendor answers, fit to its
//! kind (yes / no, an option, several options, a number, a price). A change is scored at once;
//! an answer that does not fit is refused at its field.

use rfp_core::{Answer, Report, Scorecard, Scoring};
use yew::prelude::*;

use crate::same::Same;

use super::field_problem;
use crate::state::{Action, FieldProblem};
use crate::vendor_edit::{answer_field, answer_text};

/// Props of [`AnswerForm`].
#[derive(Properties, PartialEq)]
pub struct AnswerFormProps {
    /// The scorecard (the rules and the vendor's answers).
    pub scorecard: Same<Scorecard>,
    /// Its report (requirements in order, categories, the vendor's total).
    pub report: Same<Report>,
    /// The vendor's id.
    pub vendor: AttrValue,
    /// A refused field, if any.
    pub problem: Option<FieldProblem>,
    /// Dispatches the action.
    pub on_action: Callback<Action>,
}

/// A fieldset per category, a field per answered requirement.
#[component]
pub fn AnswerForm(props: &AnswerFormProps) -> Html {
    let Some(vendor) = props
        .scorecard
        .vendors
        .iter()
        .find(|v| v.id == *props.vendor)
    else {
        return Html::default();
    };
    let report = &props.report;
    let problem = &props.problem;
    let mut groups: Vec<(Option<usize>, Vec<Html>)> = Vec::new();
    for r in &report.requirements {
        let Some(rule) = rfp_core::tree::find_requirement(&props.scorecard.criteria, &r.id)
            .and_then(|c| c.scoring.as_ref())
        else {
            continue;
        };
        if matches!(rule, Scoring::Rating(_)) {
            continue;
        }
        let id = answer_field(&vendor.id, &r.id);
        let current = vendor.answers.get(&r.id);
        let send = {
            let (on_action, vendor, requirement) =
                (props.on_action.clone(), vendor.id.clone(), r.id.clone());
            move |text: String| {
                on_action.emit(Action::SetAnswer {
                    vendor: vendor.clone(),
                    requirement: requirement.clone(),
                    text,
                })
            }
        };
        let from_field = {
            let send = send.clone();
            Callback::from(move |e: Event| {
                let text = crate::browser::field_value(&e);
                if let Some(text) = text {
                    send(text);
                }
            })
        };
        let shown = current.map(answer_text).unwrap_or_default();
        let label = html! { <label for={id.clone()}>{ r.name.clone() }</label> };
        let aria = (
            field_problem::invalid(problem, &id),
            field_problem::described_by(problem, &id),
        );
        let control = match rule {
            Scoring::YesNo(_) => html! {
                <select id={id.clone()} onchange={from_field} aria-invalid={aria.0} aria-describedby={aria.1}>
                    <option value="" selected={current.is_none()}>{ "— no answer —" }</option>
                    <option value="yes" selected={current == Some(&Answer::Bool(true))}>{ "Yes" }</option>
                    <option value="no" selected={current == Some(&Answer::Bool(false))}>{ "No" }</option>
                </select>
            },
            Scoring::Choice(choice) if !choice.multiple => html! {
                <select id={id.clone()} onchange={from_field} aria-invalid={aria.0} aria-describedby={aria.1}>
                    <option value="" selected={current.is_none()}>{ "— no answer —" }</option>
                    { for choice.options.iter().map(|o| html! {
                        <option value={o.id.clone()} selected={shown == o.id}>{ o.label.clone() }</option>
                    }) }
                </select>
            },
            _ => {
                let hint = match (rule, current) {
                    (Scoring::Price(_), Some(Answer::Price(bid))) => format!(
                        "{} cost line(s) in the file; typing here replaces them",
                        bid.one_time.len() + bid.recurring.len()
                    ),
                    (Scoring::Price(_), _) => "total bid, or one_time=…; recurring=…".into(),
                    (Scoring::Numeric(n), _) => n.unit.clone(),
                    (Scoring::Choice(_), _) => "option ids or labels, separated by ;".into(),
                    _ => String::new(),
                };
                html! {
                    <>
                        <input id={id.clone()} type="text" value={field_problem::text(problem, &id, shown.clone())}
                            onchange={from_field} aria-invalid={aria.0} aria-describedby={aria.1} />
                        if !hint.is_empty() { <span class="unit">{ hint }</span> }
                    </>
                }
            }
        };
        let row = html! {
            <div class="answer" key={r.id.clone()}>
                { label }{ control }{ field_problem::message(problem, &id) }
            </div>
        };
        match groups.last_mut() {
            Some((category, rows)) if *category == r.category => rows.push(row),
            _ => groups.push((r.category, vec![row])),
        }
    }
    let result = report.vendors.iter().find(|v| v.vendor_id == vendor.id);
    html! {
        <div class="answer-form">
            if let Some(result) = result {
                <p class="vendor-total" aria-live="polite">
                    { vendor.name.clone() }{ ": total " }{ crate::format::points(result.total) }
                    { format!(", rank {} (", result.rank) }{ crate::format::status(result.status) }{ ")" }
                </p>
            }
            { for groups.into_iter().map(|(category, rows)| html! {
                <fieldset>
                    <legend>{ category.and_then(|c| report.categories.get(c)).map_or_else(|| "Requirements".to_owned(), |c| c.name.clone()) }</legend>
                    { for rows }
                </fieldset>
            }) }
        </div>
    }
}
