//! Missing scores: each evaluator's progress, and the objective answers vendors left out.

use rfp_core::Report;
use yew::prelude::*;

use crate::same::Same;

use crate::format;

/// Props of [`Progress`].
#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// The report to show.
    pub report: Same<Report>,
}

/// How many answers the list shows before summing up the rest.
const SHOWN: usize = 40;

/// Ratings given per evaluator (with the attestation), then missing answers.
#[component]
pub fn Progress(props: &ProgressProps) -> Html {
    let report = &props.report;
    let vendor = |id: &str| {
        report
            .vendors
            .iter()
            .find(|v| v.vendor_id == id)
            .map_or_else(|| id.to_owned(), |v| v.name.clone())
    };
    let requirement = |id: &str| {
        report
            .requirements
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_owned(), |r| r.name.clone())
    };
    let hidden = report.missing_answers.len().saturating_sub(SHOWN);
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
            if report.missing_answers.is_empty() {
                <p>{ "Every vendor answered every objective requirement." }</p>
            } else {
                <ul class="missing-answers">
                    { for report.missing_answers.iter().take(SHOWN).map(|m| html! {
                        <li>
                            <strong>{ vendor(&m.vendor_id) }</strong>{ " — " }
                            { requirement(&m.requirement_id) }{ ": " }{ m.reason.clone() }
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
