//! A price requirement's rule: the formula turning bids into scores, the years of total cost of
//! ownership, and the yearly increase of recurring costs. Text that does not fit is refused at
//! its field.

use rfp_core::typed::format_number;
use rfp_core::{PriceFormula, Scoring};
use yew::prelude::*;

use super::{RuleEditorProps, field_problem};
use crate::rule_edit::PriceEdit;
use crate::state::Action;

/// The formula, years and yearly increase.
#[component]
pub fn PriceEditor(props: &RuleEditorProps) -> Html {
    let c = &props.criterion;
    let Some(Scoring::Price(rule)) = &c.scoring else {
        return Html::default();
    };
    let problem = &props.problem;
    let on = |make: fn(String) -> PriceEdit| {
        let (path, on_action) = (props.path.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let value = crate::browser::field_value(&e);
            if let Some(value) = value {
                on_action.emit(Action::EditPrice {
                    path: path.clone(),
                    edit: make(value),
                });
            }
        })
    };
    let formula = crate::rule_edit::price_field_id("formula", &c.id);
    let years = crate::rule_edit::price_field_id("years", &c.id);
    let escalation = crate::rule_edit::price_field_id("escalation", &c.id);
    let text_field = |id: &String, label: &str, value: String, make: fn(String) -> PriceEdit| {
        html! {
            <span class="curve-field">
                <label for={id.clone()}>{ label.to_owned() }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
                <input id={id.clone()} class="number-input" type="text" inputmode="decimal"
                    value={field_problem::text(problem, id, value)}
                    aria-invalid={field_problem::invalid(problem, id)} aria-describedby={field_problem::described_by(problem, id)}
                    onchange={on(make)} />
            </span>
        }
    };
    let lowest = rule.formula == PriceFormula::LowestRatio;
    html! {
        <div class="price-editor">
            <label for={formula.clone()}>{ "Formula" }<span class="visually-hidden">{ " of " }{ c.name.clone() }</span></label>
            <select id={formula.clone()} onchange={on(PriceEdit::Formula)}>
                <option value="lowest_ratio" selected={lowest}>{ "Lowest bid ÷ this bid" }</option>
                <option value="linear" selected={!lowest}>{ "Straight line, lowest 1 to highest 0" }</option>
            </select>
            { text_field(&years, "Years of total cost", rule.years.to_string(), PriceEdit::Years) }
            { text_field(&escalation, "Yearly increase (%)", format_number(rule.escalation_percent), PriceEdit::Escalation) }
            { field_problem::message(problem, &formula) }
            { field_problem::message(problem, &years) }
            { field_problem::message(problem, &escalation) }
        </div>
    }
}
