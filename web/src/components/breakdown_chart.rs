//! The per-category breakdown drawn in SVG: a bar per vendor, a segment per top-level category.

use std::rc::Rc;

use rfp_core::Report;
use yew::prelude::*;

use crate::same::Same;

use crate::chart;
use crate::format;

/// Props of [`BreakdownChart`].
#[derive(Properties, PartialEq)]
pub struct BreakdownChartProps {
    /// The report to draw.
    pub report: Same<Report>,
}

/// Colours in the stylesheet (`.series-0` …); more categories than this reuse them.
const SERIES: usize = 12;
const LABEL_WIDTH: f64 = 190.0;
const BAR_WIDTH: f64 = 400.0;
const ROW_HEIGHT: f64 = 30.0;
const BAR_HEIGHT: f64 = 20.0;

/// The chart with its legend. The same numbers are in the breakdown table for screen readers.
#[component]
pub fn BreakdownChart(props: &BreakdownChartProps) -> Html {
    let report = &props.report;
    let layout = chart::breakdown(report);
    let height = ROW_HEIGHT * layout.bars.len() as f64 + 24.0;
    let scale = BAR_WIDTH / 100.0;
    let axis_y = ROW_HEIGHT * layout.bars.len() as f64 + 4.0;
    // The categories' names, shared by the bars' tooltips.
    let names: Rc<Vec<String>> = Rc::new(
        layout
            .categories
            .iter()
            .map(|&c| {
                report
                    .categories
                    .get(c)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            })
            .collect(),
    );
    let bars = layout.bars.iter().enumerate().map(|(row, bar)| {
        html! {
            <BarRow {row} bar={bar.clone()} names={Rc::clone(&names)} />
        }
    });
    let ticks = [0, 25, 50, 75, 100].into_iter().map(|tick| {
        let x = (LABEL_WIDTH + f64::from(tick) * scale).to_string();
        html! {
            <g class="tick">
                <line x1={x.clone()} x2={x.clone()} y1="0" y2={axis_y.to_string()} />
                <text x={x} y={(axis_y + 14.0).to_string()}>{ tick }</text>
            </g>
        }
    });
    html! {
        <figure class="breakdown-chart">
            <svg
                viewBox={format!("0 0 {} {height}", LABEL_WIDTH + BAR_WIDTH + 10.0)}
                role="img"
                aria-labelledby="breakdown-chart-title"
            >
                <title id="breakdown-chart-title">
                    { "Points per vendor, split by category (the table below lists the same numbers)" }
                </title>
                { for ticks }
                { for bars }
            </svg>
            <figcaption>
                <ul class="legend" aria-label="Categories">
                    { for layout.categories.iter().enumerate().filter_map(|(series, &c)| {
                        report.categories.get(c).map(|category| html! {
                            <li>
                                <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                                    <rect class={format!("series-{}", series % SERIES)} width="10" height="10" />
                                </svg>
                                { category.name.clone() }
                            </li>
                        })
                    }) }
                </ul>
            </figcaption>
        </figure>
    }
}

/// Props of [`BarRow`].
#[derive(Properties, PartialEq)]
struct BarRowProps {
    /// Its row, from the top.
    row: usize,
    /// The vendor's bar.
    bar: chart::Bar,
    /// The chart's categories' names, by series.
    names: Rc<Vec<String>>,
}

/// One vendor's bar: its own component, so a change to one vendor's points draws that bar
/// again and leaves the others.
#[component]
fn BarRow(props: &BarRowProps) -> Html {
    let (bar, scale) = (&props.bar, BAR_WIDTH / 100.0);
    let y = ROW_HEIGHT * props.row as f64;
    let segments = bar.segments.iter().filter(|s| s.length > 0.0).map(|segment| {
        let name = props
            .names
            .get(segment.series)
            .map(String::as_str)
            .unwrap_or_default();
        html! {
            <rect
                class={format!("series-{}", segment.series % SERIES)}
                x={(LABEL_WIDTH + segment.start * scale).to_string()}
                y={(y + 4.0).to_string()}
                width={(segment.length * scale).to_string()}
                height={BAR_HEIGHT.to_string()}
            >
                <title>{ format!("{}: {name}, {} points", bar.vendor, format::points(segment.length)) }</title>
            </rect>
        }
    });
    html! {
        <g>
            <text class="bar-label" x={(LABEL_WIDTH - 8.0).to_string()} y={(y + 19.0).to_string()}>
                <title>{ bar.vendor.clone() }</title>
                { bar.label.clone() }
            </text>
            { for segments }
        </g>
    }
}
