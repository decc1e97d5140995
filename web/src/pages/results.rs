//! Results: the ranking, knocked-out vendors with the gate they failed, the breakdown, the
//! heatmap, disagreements to discuss (with consensus values), and missing scores.

use std::rc::Rc;

use rfp_core::{Report, Scorecard};
use yew::prelude::*;

use crate::same::Same;

use crate::components::breakdown_chart::BreakdownChart;
use crate::components::breakdown_table::BreakdownTable;
use crate::components::diagnostics::DiagnosticList;
use crate::components::disagreements::{Disagreements, Shown};
use crate::components::heatmap::Heatmap;
use crate::components::progress::{Progress, ProgressView};
use crate::components::ranking_table::RankingTable;
use crate::state::ConsensusProblem;

/// Props of [`ResultsPage`].
#[derive(Properties, PartialEq)]
pub struct ResultsPageProps {
    /// The scorecard (its names say where each note is).
    pub scorecard: Same<Scorecard>,
    /// The report to show.
    pub report: Same<Report>,
    /// The consensus values recorded.
    #[prop_or_default]
    pub consensus: Rc<Vec<rfp_core::Consensus>>,
    /// A consensus value that could not be recorded.
    #[prop_or_default]
    pub consensus_problem: Option<ConsensusProblem>,
    /// (vendor, requirement, value, rationale) to record as consensus.
    #[prop_or_default]
    pub on_consensus: Callback<(String, String, String, String)>,
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
                <RankingTable report={report.clone()} />
            </section>
            <section aria-labelledby="breakdown-heading">
                <h2 id="breakdown-heading">{ "Breakdown by category" }</h2>
                <BreakdownChart report={report.clone()} />
                <BreakdownTable report={report.clone()} />
            </section>
            <section aria-labelledby="heatmap-heading">
                <h2 id="heatmap-heading">{ "Heatmap: vendors by category" }</h2>
                <Heatmap report={report.clone()} />
            </section>
            <section aria-labelledby="disagreements-heading" class="discuss">
                <h2 id="disagreements-heading">{ "Disagreements to discuss" }</h2>
                <Disagreements
                    shown={Rc::new(Shown::of(report))}
                    consensus={Rc::clone(&props.consensus)}
                    problem={props.consensus_problem.clone()}
                    on_consensus={props.on_consensus.clone()}
                />
            </section>
            <section aria-labelledby="missing-heading">
                <h2 id="missing-heading">{ "Missing scores" }</h2>
                <Progress view={Rc::new(ProgressView::of(report))} />
            </section>
            if !diagnostics.is_empty() {
                <DiagnosticList heading="Notes on the scoring" {diagnostics} scorecard={Some(props.scorecard.clone())} />
            }
        </>
    }
}
