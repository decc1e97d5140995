//! Vendors: the vendors with their number of answers, renaming, adding and removing one, entering
//! a vendor's answers by hand, and importing a vendor's answer sheet from CSV.

use rfp_core::{Report, Scorecard};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::same::Same;

use crate::components::answer_form::AnswerForm;
use crate::state::{Action, FieldProblem};

/// Props of [`VendorsPage`].
#[derive(Properties, PartialEq)]
pub struct VendorsPageProps {
    /// The scorecard (its vendors).
    pub scorecard: Same<Scorecard>,
    /// (id, name).
    pub on_rename: Callback<(String, String)>,
    /// A name to add.
    pub on_add: Callback<String>,
    /// (file, vendor name or empty for a sheet with a column per vendor).
    pub on_import: Callback<(web_sys::File, String)>,
    /// The report (requirements in order, totals).
    pub report: Same<Report>,
    /// A refused field, if any.
    pub field_problem: Option<FieldProblem>,
    /// Dispatches answers and removals.
    pub on_action: Callback<Action>,
}

fn input(e: &Event) -> Option<HtmlInputElement> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
}

/// The vendors view.
#[component]
pub fn VendorsPage(props: &VendorsPageProps) -> Html {
    let new_name = use_state(String::new);
    let sheet_vendor = use_state(String::new);
    let answering = use_state_eq(String::new);
    // The vendor whose answers are shown: the one chosen, else the first.
    let chosen = props
        .scorecard
        .vendors
        .iter()
        .find(|v| v.id == *answering)
        .or_else(|| props.scorecard.vendors.first())
        .map(|v| v.id.clone())
        .unwrap_or_default();
    let on_answering = {
        let answering = answering.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                answering.set(s.value());
            }
        })
    };
    let on_new_name = {
        let new_name = new_name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                new_name.set(i.value());
            }
        })
    };
    let on_add = {
        let (new_name, on_add) = (new_name.clone(), props.on_add.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_add.emit((*new_name).clone());
            new_name.set(String::new());
        })
    };
    let on_sheet_vendor = {
        let sheet_vendor = sheet_vendor.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                sheet_vendor.set(i.value());
            }
        })
    };
    let on_file = {
        let (sheet_vendor, on_import) = (sheet_vendor.clone(), props.on_import.clone());
        Callback::from(move |e: Event| {
            if let Some(file) = crate::browser::take_files(&e).into_iter().next() {
                on_import.emit((file, (*sheet_vendor).clone()));
            }
        })
    };
    html! {
        <>
            <section aria-labelledby="vendors-heading">
                <h2 id="vendors-heading">{ "Vendors" }</h2>
                <table class="vendors" aria-labelledby="vendors-caption">
                    <caption id="vendors-caption">{ "Vendors and their answers" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Name" }</th>
                        <th scope="col">{ "Id" }</th>
                        <th scope="col" class="number">{ "Answers" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Remove" }</span></th>
                    </tr></thead>
                    <tbody>
                        { for props.scorecard.vendors.iter().map(|v| {
                            let id = v.id.clone();
                            let on_rename = props.on_rename.clone();
                            let onchange = Callback::from(move |e: Event| {
                                if let Some(i) = input(&e) { on_rename.emit((id.clone(), i.value())); }
                            });
                            let field = format!("vendor-name-{}", v.id);
                            let remove = props.on_action.reform({ let id = v.id.clone(); move |_: MouseEvent| Action::RemoveVendor(id.clone()) });
                            html! {
                                <tr key={v.id.clone()}>
                                    <td>
                                        <label class="visually-hidden" for={field.clone()}>{ "Name of vendor " }{ v.name.clone() }</label>
                                        <input id={field} type="text" value={v.name.clone()} {onchange} />
                                    </td>
                                    <td><code>{ v.id.clone() }</code></td>
                                    <td class="number">{ v.answers.len() }</td>
                                    <td><button type="button" onclick={remove}>{ "Remove" }<span class="visually-hidden">{ " vendor " }{ v.name.clone() }</span></button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <form class="add-vendor" onsubmit={on_add}>
                    <label for="new-vendor">{ "New vendor's name" }</label>
                    <input id="new-vendor" type="text" value={(*new_name).clone()} oninput={on_new_name} />
                    <button type="submit">{ "Add vendor" }</button>
                </form>
            </section>
            if !props.scorecard.vendors.is_empty() {
                <section aria-labelledby="enter-heading">
                    <h2 id="enter-heading">{ "Enter answers" }</h2>
                    <p class="explain">
                        { "A vendor's answer to each requirement it answers (rated requirements are rated by the evaluators). \
                           Each change is scored at once; an answer that does not fit its requirement is refused at its field." }
                    </p>
                    <div class="field">
                        <label for="answering-vendor">{ "Vendor answering" }</label>
                        <select id="answering-vendor" onchange={on_answering}>
                            { for props.scorecard.vendors.iter().map(|v| html! {
                                <option value={v.id.clone()} selected={v.id == chosen}>{ v.name.clone() }</option>
                            }) }
                        </select>
                    </div>
                    <AnswerForm scorecard={props.scorecard.clone()} report={props.report.clone()}
                        vendor={AttrValue::from(chosen.clone())} problem={props.field_problem.clone()} on_action={props.on_action.clone()} />
                </section>
            }
            <section aria-labelledby="answers-heading">
                <h2 id="answers-heading">{ "Import an answer sheet (CSV)" }</h2>
                <p class="explain">
                    { "One vendor's sheet: columns requirement, answer and optionally comment — give the vendor's name. \
                       A sheet with a column per vendor: leave the name empty. A sheet with any bad cell is not imported; \
                       every problem is listed with its row and column." }
                </p>
                <div class="field">
                    <label for="sheet-vendor">{ "Vendor of the sheet (empty: one column per vendor)" }</label>
                    <input id="sheet-vendor" type="text" value={(*sheet_vendor).clone()} oninput={on_sheet_vendor} />
                </div>
                <div class="field">
                    <label for="answer-sheet">{ "Answer sheet" }</label>
                    <input id="answer-sheet" type="file" accept=".csv,text/csv" onchange={on_file} />
                </div>
            </section>
        </>
    }
}
