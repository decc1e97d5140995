//! Vendors × top-level categories: the share of each category's points a vendor earned, as a
//! coloured cell with the number written in it (the colour only repeats the number).

use rfp_core::Report;
use yew::prelude::*;

use crate::same::Same;

use crate::format;

/// Props of [`Heatmap`].
#[derive(Properties, PartialEq)]
pub struct HeatmapProps {
    /// The report to show.
    pub report: Same<Report>,
}

/// A colour step for a share 0–1 (five steps, the darkest with white text).
fn step(share: f64) -> &'static str {
    match share {
        s if s >= 0.8 => "heat-4",
        s if s >= 0.6 => "heat-3",
        s if s >= 0.4 => "heat-2",
        s if s >= 0.2 => "heat-1",
        _ => "heat-0",
    }
}

/// The heatmap table: vendors in rank order as rows, top-level categories as columns.
#[component]
pub fn Heatmap(props: &HeatmapProps) -> Html {
    let report = &props.report;
    let top: Vec<usize> = report
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.depth == 0)
        .map(|(i, _)| i)
        .collect();
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="heatmap-caption">
            <table class="heatmap">
                <caption id="heatmap-caption">
                    { "Share of each category's points earned (darker is better)" }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Vendor" }</th>
                        { for top.iter().map(|&c| html! {
                            <th scope="col" class="number">{ report.categories[c].name.clone() }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for report.vendors.iter().map(|vendor| {
                        let shares: Vec<f64> = top
                            .iter()
                            .map(|&c| vendor.category_shares.get(c).copied().unwrap_or(0.0))
                            .collect();
                        html! {
                            <HeatRow name={vendor.name.clone()} {shares} />
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Props of [`HeatRow`].
#[derive(Properties, PartialEq)]
struct HeatRowProps {
    /// The vendor's name.
    name: String,
    /// Its shares of the columns' categories.
    shares: Vec<f64>,
}

/// One vendor's row: its own component, so a change to one vendor's shares renders that row
/// again and leaves the others.
#[component]
fn HeatRow(props: &HeatRowProps) -> Html {
    html! {
        <tr>
            <th scope="row">{ props.name.clone() }</th>
            { for props.shares.iter().map(|&share| html! {
                <td class={classes!("number", step(share))}>{ format::percent(share) }</td>
            }) }
        </tr>
    }
}
