//! The message shown when a file could not be opened (or saved): the work is unchanged.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::diagnostics::item;
use crate::state::Refused;

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
