//! The per-category breakdown as a table: points each vendor earned in each top-level category.

use rfp_core::Report;
use yew::prelude::*;

use crate::same::Same;

use crate::format;

/// Props of [`BreakdownTable`].
#[derive(Properties, PartialEq)]
pub struct BreakdownTableProps {
    /// The report to show.
    pub report: Same<Report>,
}

/// Top-level categories as rows (with their weight), vendors as columns in rank order.
#[component]
pub fn BreakdownTable(props: &BreakdownTableProps) -> Html {
    let report = &props.report;
    let rows = report
        .categories
        .iter()
        .enumerate()
        .filter(|(_, category)| category.depth == 0)
        .map(|(c, category)| {
            html! {
                <tr>
                    <th scope="row">
                        { category.name.clone() }
                        <span class="weight">{ " (" }{ format::percent(category.weight) }{ ")" }</span>
                    </th>
                    { for report.vendors.iter().map(|vendor| html! {
                        <td class="number">
                            { vendor.category_points.get(c).map(|p| format::points(*p)).unwrap_or_default() }
                        </td>
                    }) }
                </tr>
            }
        });
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="breakdown-caption">
            <table class="breakdown">
                <caption id="breakdown-caption">{ "Points per category (category weight in brackets)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Category" }</th>
                        { for report.vendors.iter().map(|vendor| html! {
                            <th scope="col" class="number">{ vendor.name.clone() }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for rows }
                    <tr class="total">
                        <th scope="row">{ "Total" }</th>
                        { for report.vendors.iter().map(|vendor| html! {
                            <td class="number">{ format::points(vendor.total) }</td>
                        }) }
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
