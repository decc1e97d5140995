//! The ranking: rank, vendor, total, status, and why a vendor was knocked out.

use rfp_core::Report;
use rfp_core::score::{GateFailure, VendorResult, VendorStatus};
use yew::prelude::*;

use crate::same::Same;

use crate::format;

/// Props of [`RankingTable`].
#[derive(Properties, PartialEq)]
pub struct RankingTableProps {
    /// The report to show.
    pub report: Same<Report>,
}

/// The ranking table, vendors in the report's rank order.
#[component]
pub fn RankingTable(props: &RankingTableProps) -> Html {
    html! {
        <table class="ranking" aria-labelledby="ranking-caption">
            <caption id="ranking-caption">{ "Ranking (totals out of 100)" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Rank" }</th>
                    <th scope="col">{ "Vendor" }</th>
                    <th scope="col" class="number">{ "Total" }</th>
                    <th scope="col">{ "Status" }</th>
                    <th scope="col">{ "Gates failed or pending" }</th>
                </tr>
            </thead>
            <tbody>
                { for props.report.vendors.iter().map(row) }
            </tbody>
        </table>
    }
}

fn row(vendor: &VendorResult) -> Html {
    let status_class = match vendor.status {
        VendorStatus::Qualified => "qualified",
        VendorStatus::KnockedOut => "knocked-out",
        VendorStatus::Flagged => "flagged",
    };
    html! {
        <tr class={status_class}>
            <td class="number">{ vendor.rank }</td>
            <th scope="row">{ vendor.name.clone() }</th>
            <td class="number">{ format::points(vendor.total) }</td>
            <td>{ format::status(vendor.status) }</td>
            <td class="reasons">
                { for vendor.gate_failures.iter().map(|gate| reason(gate, "")) }
                { for vendor.pending_gates.iter().map(|gate| reason(gate, "pending: ")) }
            </td>
        </tr>
    }
}

fn reason(gate: &GateFailure, prefix: &'static str) -> Html {
    html! {
        <p class="reason">
            { prefix }{ "gate “" }{ gate.requirement.clone() }{ "”: " }{ gate.reason.clone() }
        </p>
    }
}
