//! Share: save the file, make evaluator packets, merge returned files (the chair picks a value
//! for each conflict), export CSV.

use std::rc::Rc;

use rfp_core::Report;
use rfp_core::merge::RatingConflict;
use yew::prelude::*;

use crate::format::quoted;
use crate::same::Same;

use crate::components::diagnostics::item;
use crate::components::roster::Roster;
use crate::state::{Action, MergeSummary};

/// Props of [`SharePage`].
#[derive(Properties, PartialEq)]
pub struct SharePageProps {
    /// The report (evaluators, names).
    pub report: Same<Report>,
    /// The last merge.
    pub merge: Option<Rc<MergeSummary>>,
    /// Why the last change was refused, if it was.
    pub edit_problem: Option<String>,
    /// The last merge's conflicts not settled yet.
    pub open_conflicts: Rc<Vec<RatingConflict>>,
    /// Dispatches the chair's pick for a conflict.
    pub on_action: Callback<Action>,
    /// Save the scorecard file.
    pub on_save: Callback<()>,
    /// Download the packet of this evaluator (id).
    pub on_packet: Callback<String>,
    /// Returned files were chosen.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// Export the report as CSV.
    pub on_export_report: Callback<()>,
    /// Export the requirement list as CSV.
    pub on_export_requirements: Callback<()>,
}

/// The share view.
#[component]
pub fn SharePage(props: &SharePageProps) -> Html {
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |event: Event| {
            let files = crate::browser::take_files(&event);
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    html! {
        <>
            <section aria-labelledby="save-heading">
                <h2 id="save-heading">{ "Save the scorecard" }</h2>
                <p class="explain">{ "One JSON file with everything: criteria, vendors, ratings, consensus." }</p>
                <button type="button" onclick={props.on_save.reform(|_: MouseEvent| ())}>{ "Save the scorecard file" }</button>
            </section>
            <Roster report={props.report.clone()} problem={props.edit_problem.clone()} on_action={props.on_action.clone()} />
            <section aria-labelledby="packets-heading">
                <h2 id="packets-heading">{ "Evaluator packets" }</h2>
                <p class="explain">{ "Each packet holds the matrix, the vendors and that evaluator's own ratings — no one else's." }</p>
                if props.report.evaluators.is_empty() {
                    <p>{ "Add the committee’s members above: each gets a packet here." }</p>
                }
                <ul class="packets">
                    { for props.report.evaluators.iter().map(|e| {
                        let id = e.evaluator_id.clone();
                        let onclick = props.on_packet.reform(move |_: MouseEvent| id.clone());
                        html! {
                            <li><button type="button" {onclick}>{ "Packet for " }{ e.name.clone() }</button></li>
                        }
                    }) }
                </ul>
            </section>
            <section aria-labelledby="merge-heading">
                <h2 id="merge-heading">{ "Merge returned files" }</h2>
                <p class="file-pick">
                    <label for="merge-files">{ "Choose the evaluators' returned files (several at once)" }</label>{ " " }
                    <input id="merge-files" type="file" multiple=true accept=".json,application/json" {onchange} />
                </p>
                if let Some(merge) = &props.merge { { summary(merge, &props.open_conflicts, &props.report, &props.on_action) } }
            </section>
            <section aria-labelledby="export-heading">
                <h2 id="export-heading">{ "Export CSV" }</h2>
                <div class="button-row">
                    <button type="button" onclick={props.on_export_report.reform(|_: MouseEvent| ())}>{ "Export the report (CSV)" }</button>
                    <button type="button" onclick={props.on_export_requirements.reform(|_: MouseEvent| ())}>{ "Export the requirement list (CSV)" }</button>
                </div>
            </section>
        </>
    }
}

fn summary(
    merge: &MergeSummary,
    open: &[RatingConflict],
    report: &Report,
    on_action: &Callback<Action>,
) -> Html {
    html! {
        <div class="merge-summary" aria-live="polite">
            if !merge.merged.is_empty() {
                <p>{ "Merged: " }{ merge.merged.join(", ") }{ format!(" ({} rating(s) new or newer).", merge.updated) }</p>
            }
            if !merge.conflicts.is_empty() {
                <h3>{ "Conflicts for the chair to decide" }</h3>
                if open.is_empty() {
                    <p class="settled">{ "Every conflict of this merge is settled." }</p>
                }
                <ul class="conflicts">
                    { for open.iter().map(|c| {
                        let what = format!("{} on {} by {}", report.requirement_name(&c.requirement), report.vendor_name(&c.vendor), report.evaluator_name(&c.evaluator));
                        html! {
                            <li key={format!("{}|{}|{}", c.evaluator, c.vendor, c.requirement)}>
                                { report.evaluator_name(&c.evaluator) }{ " rated " }{ report.vendor_name(&c.vendor) }
                                { " on " }{ report.requirement_name(&c.requirement) }
                                { format!(" differently at revision {}: ", c.revision) }
                                { c.values.iter().map(|(v, _)| v.to_string()).collect::<Vec<_>>().join(" and ") }
                                <ul class="conflict-values">
                                    { for c.values.iter().map(|(score, note)| {
                                        let action = Action::ResolveConflict { conflict: c.clone(), score: *score, note: note.clone(), at: crate::browser::now() };
                                        let onclick = on_action.reform(move |_: MouseEvent| action.clone());
                                        html! {
                                            <li>
                                                <button type="button" {onclick}>
                                                    { format!("Use {score}") }<span class="visually-hidden">{ " for " }{ what.clone() }</span>
                                                </button>
                                                if !note.is_empty() { <span class="note">{ " — “" }{ note.clone() }{ "”" }</span> }
                                            </li>
                                        }
                                    }) }
                                </ul>
                            </li>
                        }
                    }) }
                </ul>
            }
            if !merge.held.is_empty() {
                <div class="refused held" role="alert">
                    <h3>{ "Held back: changed outside RFP Scorecard" }</h3>
                    <p>{ "Their ratings may not be what the evaluator gave. Ask for the file again, or merge one you have checked." }</p>
                    { for merge.held.iter().map(|held| {
                        let name = held.file_name.clone();
                        let onclick = on_action.reform(move |_: MouseEvent| Action::MergeAnyway(name.clone()));
                        html! {
                            <>
                                <p class="refused-file">{ format!("{} was not merged.", quoted(&held.file_name)) }</p>
                                <ul>{ item(&held.diagnostic) }</ul>
                                <button type="button" {onclick}>{ format!("Merge {} anyway", quoted(&held.file_name)) }</button>
                            </>
                        }
                    }) }
                </div>
            }
            if !merge.refused.is_empty() {
                <div class="refused" role="alert">
                    <h3>{ "Files not merged (your work is unchanged by them)" }</h3>
                    { for merge.refused.iter().map(|r| html! {
                        <>
                            <p class="refused-file">{ r.summary.clone() }</p>
                            <ul>{ for r.diagnostics.iter().map(item) }</ul>
                        </>
                    }) }
                </div>
            }
            if !merge.diagnostics.is_empty() {
                <ul>{ for merge.diagnostics.iter().map(item) }</ul>
            }
        </div>
    }
}
