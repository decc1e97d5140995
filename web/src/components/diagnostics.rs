//! A list of diagnostics, each with its severity, place, message and hint.

use std::rc::Rc;

use rfp_core::{Diagnostic, Scorecard};
use yew::prelude::*;

use crate::same::Same;

/// Props of [`DiagnosticList`].
#[derive(Properties, PartialEq)]
pub struct DiagnosticListProps {
    /// The heading above the list.
    pub heading: AttrValue,
    /// The diagnostics, as `rfp-core` gave them.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// The scorecard they are about, when it is the one shown: each place is then said in its
    /// names (the place as the file writes it stays in the tooltip).
    #[prop_or_default]
    pub scorecard: Option<Same<Scorecard>>,
}

/// Every diagnostic, with its place.
#[component]
pub fn DiagnosticList(props: &DiagnosticListProps) -> Html {
    html! {
        <section class="diagnostics" aria-label={props.heading.clone()}>
            <h2>{ props.heading.clone() }</h2>
            <ul>
                { for props.diagnostics.iter().map(|d| match &props.scorecard {
                    Some(scorecard) => item_in(d, scorecard),
                    None => item(d),
                }) }
            </ul>
        </section>
    }
}

/// One diagnostic as a list item, its place as the file writes it.
pub fn item(diagnostic: &Diagnostic) -> Html {
    let place = (!diagnostic.location.is_empty()).then(|| {
        html! { <code class="place">{ diagnostic.location.to_string() }</code> }
    });
    listed(diagnostic, place)
}

/// One diagnostic about `scorecard` as a list item, its place said in the scorecard's names.
fn item_in(diagnostic: &Diagnostic, scorecard: &Scorecard) -> Html {
    let place = (!diagnostic.location.is_empty()).then(|| {
        let said = diagnostic.location.describe(scorecard);
        html! { <span class="place" title={diagnostic.location.to_string()}>{ said }</span> }
    });
    listed(diagnostic, place)
}

fn listed(diagnostic: &Diagnostic, place: Option<Html>) -> Html {
    let severity = diagnostic.severity.to_string();
    html! {
        <li class={classes!("diagnostic", severity.clone())}>
            <span class="severity">{ severity }</span>
            if let Some(place) = place {
                { " " }{ place }
            }
            { ": " }{ diagnostic.message.clone() }
            if !diagnostic.hint.is_empty() {
                <span class="hint">{ " Hint: " }{ diagnostic.hint.clone() }</span>
            }
        </li>
    }
}
