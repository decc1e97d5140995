//! A list of diagnostics, each with its severity, place, message and hint.

use std::rc::Rc;

use rfp_core::Diagnostic;
use yew::prelude::*;

/// Props of [`DiagnosticList`].
#[derive(Properties, PartialEq)]
pub struct DiagnosticListProps {
    /// The heading above the list.
    pub heading: AttrValue,
    /// The diagnostics, as `rfp-core` gave them.
    pub diagnostics: Rc<Vec<Diagnostic>>,
}

/// Every diagnostic, with its place.
#[component]
pub fn DiagnosticList(props: &DiagnosticListProps) -> Html {
    html! {
        <section class="diagnostics" aria-label={props.heading.clone()}>
            <h2>{ props.heading.clone() }</h2>
            <ul>
                { for props.diagnostics.iter().map(item) }
            </ul>
        </section>
    }
}

/// One diagnostic as a list item.
pub fn item(diagnostic: &Diagnostic) -> Html {
    let severity = diagnostic.severity.to_string();
    html! {
        <li class={classes!("diagnostic", severity.clone())}>
            <span class="severity">{ severity }</span>
            if !diagnostic.location.is_empty() {
                { " " }<code class="place">{ diagnostic.location.clone() }</code>
            }
            { ": " }{ diagnostic.message.clone() }
            if !diagnostic.hint.is_empty() {
                <span class="hint">{ " Hint: " }{ diagnostic.hint.clone() }</span>
            }
        </li>
    }
}
