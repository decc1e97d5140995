//! A refused field's message, shown right after the field, and the attributes that tie the two
//! together for assistive technology.

use yew::prelude::*;

use crate::state::FieldProblem;

/// The problem if it belongs to the field `field`.
pub fn for_field<'a>(problem: &'a Option<FieldProblem>, field: &str) -> Option<&'a FieldProblem> {
    problem.as_ref().filter(|p| p.field == field)
}

/// `aria-invalid` for the field.
pub fn invalid(problem: &Option<FieldProblem>, field: &str) -> Option<AttrValue> {
    for_field(problem, field).map(|_| AttrValue::from("true"))
}

/// `aria-describedby` for the field: its message's id.
pub fn described_by(problem: &Option<FieldProblem>, field: &str) -> Option<AttrValue> {
    for_field(problem, field).map(|_| AttrValue::from(format!("{field}-problem")))
}

/// The text the field shows: what was typed when it was refused, else `value`.
pub fn text(problem: &Option<FieldProblem>, field: &str, value: String) -> String {
    for_field(problem, field).map_or(value, |p| p.text.clone())
}

/// The message, when the problem belongs to the field.
pub fn message(problem: &Option<FieldProblem>, field: &str) -> Html {
    match for_field(problem, field) {
        Some(p) => html! {
            <p id={format!("{field}-problem")} class="field-problem" role="alert">{ p.message.clone() }</p>
        },
        None => Html::default(),
    }
}
