//! Results: the ranking, knocked-out vendors with the gate they failed, and the breakdown.

use std::rc::Rc;

use rfp_core::Report;
use yew::prelude::*;

use crate::components::breakdown_chart::BreakdownChart;
use crate::components::breakdown_table::BreakdownTable;
use crate::components::diagnostics::DiagnosticList;
use crate::components::ranking_table::RankingTable;

/// Props of [`ResultsPage`].
#[derive(Properties, PartialEq)]
pub struct ResultsPageProps {
    /// The report to show.
    pub report: Rc<Report>,
}

/// The results view.
#[component]
pub fn ResultsPage(props: &ResultsPageProps) -> Html {
    let report = &props.report;
    let diagnostics = Rc::new(report.diagnostics.clone());
    html! {
        <>
            <section aria-labelledby="results-heading">
                <h2 id="results-heading">{ "Results" }</h2>
                <RankingTable report={Rc::clone(report)} />
            </section>
            <section aria-labelledby="breakdown-heading">
                <h2 id="breakdown-heading">{ "Breakdown by category" }</h2>
                <BreakdownChart report={Rc::clone(report)} />
                <BreakdownTable report={Rc::clone(report)} />
            </section>
            if !diagnostics.is_empty() {
                <DiagnosticList heading="Notes on the scoring" {diagnostics} />
            }
        </>
    }
}
