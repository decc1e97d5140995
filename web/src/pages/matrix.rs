//! Matrix: the criteria tree with names, shares that stay normalized, kinds, gates, options,
//! curves and anchors; adding, moving and removing criteria; what a failed gate does; and a
//! category's weighting (AHP pairwise comparison, other methods side by side).

use std::collections::HashMap;
use std::rc::Rc;

use rfp_core::edit::Edit as CoreEdit;
use rfp_core::{KnockoutPolicy, Report, Scorecard, WeightingMethod};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::same::Same;

use crate::components::add_criterion::AddCriterion;
use crate::components::ahp_panel::{AhpPanel, Judgment};
use crate::components::criterion_row::CriterionRow;
use crate::matrix_edit::Edit;
use crate::state::{Action, FieldProblem};

/// Props of [`MatrixPage`].
#[derive(Properties, PartialEq)]
pub struct MatrixPageProps {
    /// The scorecard.
    pub scorecard: Same<Scorecard>,
    /// Its report (shares, gates in words, weightings).
    pub report: Same<Report>,
    /// Why the last edit was refused.
    pub problem: Option<AttrValue>,
    /// (path, edit).
    pub on_edit: Callback<(Vec<usize>, Edit)>,
    /// (category, method).
    pub on_method: Callback<(String, WeightingMethod)>,
    /// An AHP judgment made.
    pub on_judgment: Callback<Judgment>,
    /// A refused field, if any.
    pub field_problem: Option<FieldProblem>,
    /// The categories that are open, by id.
    pub open: Rc<std::collections::BTreeSet<String>>,
    /// Dispatches the tree's and the rules' actions.
    pub on_action: Callback<Action>,
}

/// The matrix view.
#[component]
pub fn MatrixPage(props: &MatrixPageProps) -> Html {
    let report = &props.report;
    let chosen = use_state(String::new);
    let shares: HashMap<String, (String, Option<String>)> = report
        .categories
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                (format!("{:.1}", c.local_weight * 100.0), None),
            )
        })
        .chain(report.requirements.iter().map(|r| {
            (
                r.id.clone(),
                (format!("{:.1}", r.local_weight * 100.0), r.gate.clone()),
            )
        }))
        .collect();
    let shares = Rc::new(shares);
    let name_of = |id: &str| {
        report
            .categories
            .iter()
            .map(|c| (&c.id, &c.name))
            .chain(report.requirements.iter().map(|r| (&r.id, &r.name)))
            .find(|(i, _)| *i == id)
            .map_or_else(|| id.to_owned(), |(_, n)| n.clone())
    };
    let weighting = report
        .weightings
        .iter()
        .find(|w| w.category_id == *chosen)
        .or_else(|| report.weightings.first());
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                chosen.set(select.value());
            }
        })
    };
    let on_knockout = props.on_action.reform(|e: Event| {
        let flag = e
            .target_dyn_into::<HtmlSelectElement>()
            .is_some_and(|s| s.value() == "flag");
        Action::SetKnockout(if flag {
            KnockoutPolicy::Flag
        } else {
            KnockoutPolicy::Exclude
        })
    });
    let flag = props.scorecard.settings.knockout == KnockoutPolicy::Flag;
    let on_table = props
        .on_action
        .reform(|table| Action::Apply(CoreEdit::SetRandomIndex { table }));
    let count = props.scorecard.criteria.len();
    html! {
        <>
            <section aria-labelledby="matrix-heading">
                <h2 id="matrix-heading">{ "Requirement matrix" }</h2>
                <p class="explain">
                    { "Shares are percentages of the parent; changing one rescales its siblings so they still add up to 100. \
                       Every change is scored again at once." }
                </p>
                if let Some(problem) = &props.problem {
                    <p class="field-problem" role="alert">{ problem.clone() }</p>
                }
                <div class="field knockout">
                    <label for="knockout-policy">{ "A vendor failing a gate" }</label>
                    <select id="knockout-policy" onchange={on_knockout}>
                        <option value="exclude" selected={!flag}>{ "is knocked out (ranks after every qualified vendor)" }</option>
                        <option value="flag" selected={flag}>{ "is only flagged (keeps its rank)" }</option>
                    </select>
                </div>
                <p class="disclose-all">
                    <button type="button" onclick={props.on_action.reform(|_: MouseEvent| Action::OpenCategories(true))}>{ "Open every category" }</button>
                    { " " }
                    <button type="button" onclick={props.on_action.reform(|_: MouseEvent| Action::OpenCategories(false))}>{ "Close every category" }</button>
                </p>
                <ul class="criteria">
                    { for props.scorecard.criteria.iter().enumerate().map(|(i, c)| html! {
                        <CriterionRow key={c.id.clone()} criterion={Rc::new(c.clone())} path={vec![i]} siblings={count}
                            shares={Rc::clone(&shares)} open={Rc::clone(&props.open)} problem={props.field_problem.clone()}
                            on_edit={props.on_edit.clone()} on_action={props.on_action.clone()} />
                    }) }
                </ul>
                <AddCriterion parent={Vec::<usize>::new()} owner="top" owner_name="the top level" {count}
                    problem={props.field_problem.clone()} on_action={props.on_action.clone()} />
            </section>
            <section aria-labelledby="weighting-heading">
                <h2 id="weighting-heading">{ "Weighing a category" }</h2>
                <div class="field">
                    <label for="weighting-category">{ "Category" }</label>
                    <select id="weighting-category" onchange={on_choose}>
                        { for report.weightings.iter().map(|w| html! {
                            <option value={w.category_id.clone()} selected={weighting.is_some_and(|c| c.category_id == w.category_id)}>
                                { if w.category_id.is_empty() { "Top level (the categories)".to_owned() } else { name_of(&w.category_id) } }
                            </option>
                        }) }
                    </select>
                </div>
                if let Some(w) = weighting {
                    <AhpPanel
                        scorecard={props.scorecard.clone()}
                        weighting={Rc::new(w.clone())}
                        names={Rc::new(w.children.iter().map(|c| name_of(c)).collect::<Vec<_>>())}
                        on_method={props.on_method.clone()}
                        on_judgment={props.on_judgment.clone()}
                        {on_table}
                    />
                }
            </section>
        </>
    }
}
