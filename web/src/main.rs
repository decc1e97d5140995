//! # rfp-web — the RFP Scorecard static site
//!
//! A Yew app compiled to WebAssembly. [`state`] holds the scorecard and its report and changes
//! only through actions that call `rfp-core`; [`pages`] are the views (results, weights);
//! [`components`] render parts of the report and take values and callbacks; [`browser`] reads
//! chosen files and offers downloads; [`chart`] lays out the SVG breakdown; [`format`] turns
//! the report's numbers into text. Every number shown comes from `rfp_core::score`.

mod app;
mod browser;
mod chart;
mod components;
mod format;
mod pages;
mod state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
