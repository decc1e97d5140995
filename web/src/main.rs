//! # rfp-web — the RFP Scorecard static site
//!
//! A Yew app compiled to WebAssembly. [`state`] holds the scorecard and its report, with a
//! bounded undo history, and changes only through actions that call `rfp-core`; [`matrix_edit`],
//! [`tree_edit`], [`rule_edit`] and [`vendor_edit`] hold the edits those actions apply (criteria,
//! gates, options and curves, answers, vendors, merge conflicts); [`pages`] are the views (start, results,
//! weights, matrix, vendors, evaluate, share); [`components`] render parts of the report and take
//! values and callbacks; [`browser`] reads chosen files, offers downloads, and wraps the events
//! the page listens to (leaving, undo keys, timers); [`storage`] keeps the work in the browser
//! behind a small trait; [`chart`] lays out the SVG breakdown; [`format`] turns the report's
//! numbers into text. Every number shown comes from `rfp_core::score`.
//!
//! `?embed=<origin>` in the address is [`embed`] mode: the site in another site's iframe, driven
//! by a `postMessage` protocol with that exact origin.
//!
//! `?bench` in the address opens the committee-scale scorecard with a button that changes one
//! rating (the browser benchmark in `tests/e2e/bench.spec.ts`).

mod app;
mod browser;
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
mod chart;
mod components;
mod embed;
mod format;
mod matrix_edit;
mod pages;
mod rule_edit;
mod same;
mod state;
mod storage;
mod tree_edit;
mod vendor_edit;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
