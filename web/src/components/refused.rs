//! The message shown when a file could not be opened (or saved): the work is unchanged; and
//! the question asked before a file changed outside RFP Scorecard replaces the work.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::diagnostics::item;
use crate::format::quoted;
use crate::state::{PendingOpen, Refused};

/// Props of [`RefusedPanel`].
#[derive(Properties, PartialEq)]
pub struct RefusedPanelProps {
    /// What was refused and why.
    pub refused: Rc<Refused>,
    /// The panel was dismissed.
    pub on_dismiss: Callback<()>,
}

/// An alert naming the file and listing every problem with its place.
#[component]
pub fn RefusedPanel(props: &RefusedPanelProps) -> Html {
    let refused = &props.refused;
    let onclick = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <section class="refused" role="alert" aria-labelledby="refused-heading">
            <h2 id="refused-heading">{ refused.summary.clone() }</h2>
            <ul>
                { for refused.diagnostics.iter().map(item) }
            </ul>
            <button type="button" {onclick}>{ "Dismiss" }</button>
        </section>
    }
}

/// Props of [`PendingOpenPanel`].
#[derive(Properties, PartialEq)]
pub struct PendingOpenPanelProps {
    /// The file waiting for the chair's word.
    pub pending: Rc<PendingOpen>,
    /// Open it anyway.
    pub on_open: Callback<()>,
    /// Keep the work.
    pub on_keep: Callback<()>,
}

/// A file changed outside RFP Scorecard: nothing is replaced until the chair chooses.
#[component]
pub fn PendingOpenPanel(props: &PendingOpenPanelProps) -> Html {
    let pending = &props.pending;
    html! {
        <section class="refused pending-open" role="alert" aria-labelledby="pending-open-heading">
            <h2 id="pending-open-heading">
                { format!("{} was changed outside RFP Scorecard, or damaged", quoted(&pending.file_name)) }
            </h2>
            <ul>{ for pending.diagnostics.iter().map(item) }</ul>
            <p>{ "Its values may not be what was saved. Opening it replaces the scorecard you are working on (Undo brings your work back)." }</p>
            <button type="button" onclick={props.on_keep.reform(|_: MouseEvent| ())}>{ "Keep my work" }</button>
            { " " }
            <button type="button" onclick={props.on_open.reform(|_: MouseEvent| ())}>{ "Open it anyway" }</button>
        </section>
    }
}
