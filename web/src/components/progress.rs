//! Missing scores: each evaluator's progress, and the objective answers vendors left out.

use std::rc::Rc;

use rfp_core::Report;
use rfp_core::score::EvaluatorProgress;
use yew::prelude::*;

use crate::format;

/// What the list shows: every evaluator's progress, and the first missing answers as (vendor,
/// requirement, reason) by name. Equal views render alike, so a change that leaves them as they
/// were does not rebuild the list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgressView {
    /// The report's evaluator progress.
    pub evaluators: Vec<EvaluatorProgress>,
    /// Missing answers listed: vendor name, requirement name, reason.
    pub missing: Vec<(String, String, String)>,
    /// How many more missing answers the report has.
    pub hidden: usize,
}

/// How many answers the list shows before summing up the rest.
const SHOWN: usize = 40;

impl ProgressView {
    /// The view of `report`.
    pub fn of(report: &Report) -> ProgressView {
        ProgressView {
            evaluators: report.evaluators.clone(),
            missing: report
                .missing_answers
                .iter()
                .take(SHOWN)
                .map(|m| {
                    (
                        report.vendor_name(&m.vendor_id),
                        report.requirement_name(&m.requirement_id),
                        m.reason.clone(),
                    )
                })
                .collect(),
            hidden: report.missing_answers.len().saturating_sub(SHOWN),
        }
    }
}

/// Props of [`Progress`].
#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// What to show ([`ProgressView::of`] the report).
    pub view: Rc<ProgressView>,
}

/// Ratings given per evaluator (with the attestation), then missing answers.
#[component]
pub fn Progress(props: &ProgressProps) -> Html {
    let report = &props.view;
    let hidden = report.hidden;
    html! {
        <>
            <table class="progress" aria-labelledby="progress-caption">
                <caption id="progress-caption">{ "Ratings given per evaluator" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Evaluator" }</th>
                        <th scope="col">{ "Role" }</th>
                        <th scope="col" class="number">{ "Rated" }</th>
                        <th scope="col" class="number">{ "Expected" }</th>
                        <th scope="col" class="number">{ "Complete" }</th>
                        <th scope="col">{ "No conflict of interest attested" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for report.evaluators.iter().map(|e| html! {
                        <tr>
                            <th scope="row">{ e.name.clone() }</th>
                            <td>{ e.role.clone() }</td>
                            <td class="number">{ e.rated }</td>
                            <td class="number">{ e.expected }</td>
                            <td class="number">{ format::percent(e.completeness) }</td>
                            <td>{ if e.attested { "yes" } else { "not yet" } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h3>{ "Answers missing" }</h3>
            if report.missing.is_empty() {
                <p>{ "Every vendor answered every objective requirement." }</p>
            } else {
                <ul class="missing-answers">
                    { for report.missing.iter().map(|(vendor, requirement, reason)| html! {
                        <li>
                            <strong>{ vendor.clone() }</strong>{ " — " }
                            { requirement.clone() }{ ": " }{ reason.clone() }
                        </li>
                    }) }
                </ul>
                if hidden > 0 {
                    <p>{ format!("… and {hidden} more.") }</p>
                }
            }
        </>
    }
}
