//! # rfp-web — the RFP Scorecard static site
//!
//! A Yew app compiled to WebAssembly. [`state`] holds an `rfp_core::edit::Session` — the
//! scorecard, its report and its undo history — and turns every action into the core's `Edit`;
//! [`matrix_edit`], [`rule_edit`] and [`vendor_edit`] read what the forms typed (a criterion
//! row, a gate, options, curves, a price rule, an answer) into those edits; [`pages`] are the views (start, results,
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
mod vendor_edit;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
