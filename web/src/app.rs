//! The page: header with the file actions, the view switcher, and the view shown.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::diagnostics::DiagnosticList;
use crate::components::file_bar::FileBar;
use crate::components::refused::RefusedPanel;
use crate::components::view_nav::ViewNav;
use crate::pages::results::ResultsPage;
use crate::pages::weights::WeightsPage;
use crate::state::{Action, Page, State};

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::demo);

    let on_file = {
        let dispatcher = state.dispatcher();
        Callback::from(move |file: web_sys::File| {
            let dispatcher = dispatcher.clone();
            let file_name = file.name();
            yew::platform::spawn_local(async move {
                let action = match browser::read_text(file).await {
                    Ok(text) => Action::Open { file_name, text },
                    Err(reason) => Action::Unreadable { file_name, reason },
                };
                dispatcher.dispatch(action);
            });
        })
    };
    let on_save = {
        let state = state.clone();
        Callback::from(move |()| {
            let outcome = state.file_text().and_then(|text| {
                browser::download(&state.file_name, &text, "application/json")
                    .map_err(|reason| vec![rfp_core::Diagnostic::error("", reason)])
            });
            if let Err(diagnostics) = outcome {
                state.dispatch(Action::SaveFailed(diagnostics));
            }
        })
    };
    let on_show = {
        let dispatcher = state.dispatcher();
        Callback::from(move |page| dispatcher.dispatch(Action::Show(page)))
    };
    let on_dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::DismissRefused))
    };
    let on_weight = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(index, text)| {
            dispatcher.dispatch(Action::SetTopWeight { index, text })
        })
    };

    let title = AttrValue::from(state.report.title.clone());
    let view = match state.page {
        Page::Results => html! { <ResultsPage report={Rc::clone(&state.report)} /> },
        Page::Weights => html! {
            <WeightsPage
                scorecard={Rc::clone(&state.scorecard)}
                report={Rc::clone(&state.report)}
                problem={state.weight_problem.clone()}
                on_change={on_weight}
            />
        },
    };
    html! {
        <>
            <header class="site-header">
                <p class="product">{ "RFP Scorecard" }</p>
                <h1>{ title }</h1>
                <FileBar file_name={AttrValue::from(state.file_name.clone())} {on_file} {on_save} />
            </header>
            <ViewNav page={state.page} {on_show} />
            <main id="main">
                if let Some(refused) = &state.refused {
                    <RefusedPanel refused={Rc::clone(refused)} {on_dismiss} />
                }
                if !state.file_notes.is_empty() {
                    <DiagnosticList
                        heading="Notes on the opened file"
                        diagnostics={Rc::clone(&state.file_notes)}
                    />
                }
                { view }
            </main>
            <footer class="site-footer">
                <p>{ "Scored in your browser. Nothing you open here is sent anywhere." }</p>
            </footer>
        </>
    }
}
