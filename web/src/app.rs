//! The page: header with the file actions and undo/redo, the view switcher, the view shown, and
//! the browser wiring — autosave, the warning before leaving with unsaved changes, keyboard
//! shortcuts for undo and redo, downloads.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::diagnostics::DiagnosticList;
use crate::components::file_bar::FileBar;
use crate::components::history_bar::HistoryBar;
use crate::components::refused::{PendingOpenPanel, RefusedPanel};
use crate::components::view_nav::ViewNav;
use crate::embed;
use crate::pages::evaluate::EvaluatePage;
use crate::pages::matrix::MatrixPage;
use crate::pages::results::ResultsPage;
use crate::pages::robustness::RobustnessPage;
use crate::pages::share::SharePage;
use crate::pages::start::StartPage;
use crate::pages::vendors::VendorsPage;
use crate::pages::weights::WeightsPage;
use crate::state::{Action, Page, State};
use crate::storage;

/// A callback that dispatches `to_action(input)`, the same callback from render to render: a
/// component handed it is not rendered again for a new callback alone (at committee scale the
/// results' consensus forms were re-rendered on every change for that).
#[hook]
fn use_dispatch<IN: 'static>(
    state: &UseReducerHandle<State>,
    to_action: fn(IN) -> Action,
) -> Callback<IN> {
    use_callback(state.dispatcher(), move |input, dispatcher| {
        dispatcher.dispatch(to_action(input))
    })
}

/// The state the page opens with: the benchmark's scorecard under `?bench`, else the work kept
/// in this browser (not when embedded: the host decides what is shown), else the demo (its file
/// fetched once the page is up, like the other templates').
fn initial() -> State {
    if browser::bench_mode() {
        let mut state = State::with_scorecard(
            rfp_core::synthetic::committee_scale(20, 500, 15),
            "committee-scale.json",
        );
        state.notice = Some("Benchmark mode: a committee-scale scorecard, not kept.".into());
        return state;
    }
    let demo = State::awaiting_demo();
    if embed::mode().requested() {
        return demo;
    }
    match storage::kept(&storage::LocalStorage::new()) {
        Some(work) => {
            let action = Action::Restore {
                file_name: work.file_name,
                text: work.text,
                unsaved: work.unsaved,
            };
            (*yew::Reducible::reduce(Rc::new(demo), action)).clone()
        }
        None => demo,
    }
}

/// Offer a download, telling the state it was saved (`saves`: the download is the scorecard,
/// or an evaluator's own ratings — an export is not) or why it failed.
fn offer(
    dispatcher: &UseReducerDispatcher<State>,
    name: &str,
    text: Result<String, Vec<rfp_core::Diagnostic>>,
    mime: &str,
    saves: bool,
) {
    let outcome = text.and_then(|text| {
        browser::download(name, &text, mime)
            .map_err(|reason| vec![rfp_core::Diagnostic::error("", reason)])
    });
    match outcome {
        Ok(()) if saves => dispatcher.dispatch(Action::Saved),
        Ok(()) => {}
        Err(diagnostics) => dispatcher.dispatch(Action::SaveFailed(diagnostics)),
    }
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial);
    // `use_state_eq`: an autosave that changes nothing must not re-render the page, which would
    // reset a field being typed into (fields commit on change).
    let autosave_problem = use_state_eq(|| None::<String>);
    let bench = use_memo((), |()| browser::bench_mode());
    let embed_mode = use_memo((), |()| embed::mode());
    embed::use_embed(&state, &embed_mode);

    // Autosave: shortly after the last change, keep the work in this browser (not when
    // embedded, where the host owns the work).
    {
        let autosave_problem = autosave_problem.clone();
        let off = *bench || embed_mode.requested();
        // Nor while the demo is on its way, nor an empty scorecard no one changed (the demo's
        // fetch failed): it is no one's work, and kept it would be restored instead of the demo.
        let nothing = state.awaiting_demo
            || (!state.unsaved && *state.scorecard == rfp_core::Scorecard::default());
        let keep = !off && !nothing;
        let key = (
            Rc::clone(&state.scorecard),
            state.unsaved,
            state.file_name.clone(),
        );
        let state = state.clone();
        use_effect_with(key, move |_| {
            // Said on the page, so that a test waits for it instead of a fixed time.
            if let Some(root) = browser::root_element() {
                let said = if off {
                    "off"
                } else if nothing {
                    "nothing to keep"
                } else {
                    "on"
                };
                let _ = root.set_attribute("data-autosave", said);
            }
            let handle = keep.then(|| {
                browser::after(400, move || {
                    let work = state.file_text().map(|text| storage::KeptWork {
                        text,
                        file_name: state.file_name.clone(),
                        unsaved: state.unsaved,
                    });
                    let mut local = storage::LocalStorage::new();
                    let result = match work {
                        Ok(work) => storage::keep(&mut local, &work),
                        Err(_) => Err("the scorecard cannot be written as a file".into()),
                    };
                    autosave_problem.set(result.err());
                })
            });
            move || drop(handle)
        });
    }
    // The demo's file, when the page opened on it: fetched once, as a chosen template is.
    {
        let dispatcher = state.dispatcher();
        let awaiting = state.awaiting_demo;
        use_effect_with((), move |()| {
            if awaiting {
                yew::platform::spawn_local(async move {
                    let file =
                        browser::fetch_text(&browser::template_url(rfp_templates::DEMO)).await;
                    dispatcher.dispatch(Action::DemoFetched(file));
                });
            }
        });
    }
    // Leaving with changes not saved to a file or exported: the browser asks first.
    use_effect_with(state.unsaved, |&unsaved| {
        let guard = unsaved.then(browser::warn_before_leaving);
        move || drop(guard)
    });
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y), except while typing in a field.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            let listener = browser::on_undo_keys(move |redo| {
                dispatcher.dispatch(if redo { Action::Redo } else { Action::Undo })
            });
            move || drop(listener)
        });
    }

    let dispatch = |make: fn(()) -> Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(make(())))
    };
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
    let on_files = {
        let dispatcher = state.dispatcher();
        Callback::from(move |files: Vec<web_sys::File>| {
            let dispatcher = dispatcher.clone();
            yew::platform::spawn_local(async move {
                let mut read = Vec::new();
                for file in files {
                    let name = file.name();
                    read.push((name, browser::read_text(file).await));
                }
                dispatcher.dispatch(Action::Merge(read));
            });
        })
    };
    let on_save = {
        let state = state.clone();
        Callback::from(move |()| {
            offer(
                &state.dispatcher(),
                &state.file_name,
                state.file_text(),
                "application/json",
                true,
            )
        })
    };
    let on_packet = {
        let state = state.clone();
        Callback::from(move |id: String| {
            let name = format!("packet-{}.json", rfp_core::csv_io::slug(&id));
            offer(
                &state.dispatcher(),
                &name,
                state.packet_text(&id),
                "application/json",
                false,
            )
        })
    };
    let on_save_mine = {
        let state = state.clone();
        Callback::from(move |()| {
            let name = format!("ratings-{}.json", rfp_core::csv_io::slug(&state.evaluator));
            offer(
                &state.dispatcher(),
                &name,
                state.packet_text(&state.evaluator),
                "application/json",
                true,
            )
        })
    };
    let on_memo = {
        let state = state.clone();
        Callback::from(move |as_html: bool| {
            let analysis = rfp_core::analysis::analyse(&state.scorecard, &state.report);
            let (write, name, mime): (fn(_, _, _, _) -> String, _, _) = if as_html {
                (rfp_core::memo::html, "decision-memo.html", "text/html")
            } else {
                (
                    rfp_core::memo::markdown,
                    "decision-memo.md",
                    "text/markdown",
                )
            };
            let text = write(
                &state.scorecard,
                &state.report,
                &analysis,
                &browser::today(),
            );
            offer(&state.dispatcher(), name, Ok(text), mime, false)
        })
    };
    let on_export_report = {
        let state = state.clone();
        Callback::from(move |()| {
            let text = rfp_core::csv_io::export_report(&state.report, &Default::default());
            offer(
                &state.dispatcher(),
                "report.csv",
                Ok(text),
                "text/csv",
                false,
            )
        })
    };
    let on_export_requirements = {
        let state = state.clone();
        Callback::from(move |()| {
            let text = rfp_core::csv_io::export_requirements(
                &state.scorecard.criteria,
                &Default::default(),
            );
            offer(
                &state.dispatcher(),
                "requirements.csv",
                Ok(text),
                "text/csv",
                false,
            )
        })
    };
    let on_show = use_dispatch(&state, Action::Show);
    let on_weight = use_dispatch(&state, |(index, text)| Action::SetTopWeight { index, text });
    let on_consensus = use_dispatch(&state, |(vendor, requirement, value, rationale)| {
        Action::SetConsensus {
            vendor,
            requirement,
            value,
            rationale,
        }
    });
    // Templates other than the demo are files beside the page, fetched when asked for.
    let on_template = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: String| {
            let dispatcher = dispatcher.clone();
            yew::platform::spawn_local(async move {
                let file = match rfp_templates::find(&id) {
                    Some(template) => browser::fetch_text(&browser::template_url(template)).await,
                    None => Err(format!("there is no template “{id}”")),
                };
                dispatcher.dispatch(Action::UseTemplate { id, file });
            });
        })
    };
    let on_tailor = {
        let dispatcher = state.dispatcher();
        Callback::from(move |form| {
            let dispatcher = dispatcher.clone();
            yew::platform::spawn_local(async move {
                let mut files = Vec::new();
                let mut problem = None;
                for template in rfp_templates::TEMPLATES {
                    match browser::fetch_text(&browser::template_url(template)).await {
                        Ok(text) => files.push(text),
                        Err(reason) => {
                            problem = Some(reason);
                            break;
                        }
                    }
                }
                let templates = problem.map_or(Ok(files), Err);
                dispatcher.dispatch(Action::Tailor { form, templates });
            });
        })
    };
    let on_evaluator = use_dispatch(&state, Action::EvaluateAs);
    let on_show_rating = use_dispatch(&state, |(evaluator, vendor, requirement)| {
        Action::ShowRating {
            evaluator,
            vendor,
            requirement,
        }
    });
    let on_attest = use_dispatch(&state, |no_conflict| Action::Attest {
        no_conflict,
        date: browser::today(),
    });
    let on_rate = use_dispatch(&state, |(vendor, requirement, score, note)| Action::Rate {
        vendor,
        requirement,
        score,
        note,
        at: browser::now(),
    });
    let on_clear_rating = use_dispatch(&state, |(vendor, requirement)| Action::ClearRating {
        vendor,
        requirement,
    });
    let on_edit = use_dispatch(&state, |(path, edit)| Action::Edit { path, edit });
    let on_method = use_dispatch(&state, |(category, method)| Action::SetMethod {
        category,
        method,
    });
    let on_judgment = use_dispatch(&state, |(category, a, b, value, evaluator)| {
        Action::SetJudgment {
            category,
            a,
            b,
            value,
            evaluator,
        }
    });
    let on_action = use_dispatch(&state, |action: Action| action);
    let on_rename = use_dispatch(&state, |(id, name)| Action::RenameVendor { id, name });
    let on_add_vendor = use_dispatch(&state, Action::AddVendor);
    let on_import = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(file, vendor_name): (web_sys::File, String)| {
            let dispatcher = dispatcher.clone();
            let file_name = file.name();
            yew::platform::spawn_local(async move {
                let text = browser::read_text(file).await;
                dispatcher.dispatch(Action::ImportAnswers {
                    file_name,
                    text,
                    vendor_name,
                });
            });
        })
    };
    let on_bench = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(action) = state.bench_change() {
                state.dispatch(action);
            }
        })
    };

    let title = AttrValue::from(state.report.title.clone());
    let view = match state.page {
        Page::Start => html! {
            <StartPage
                scorecard={Rc::clone(&state.scorecard)}
                tailored={state.tailored.clone()}
                on_continue={dispatch(|()| Action::Show(Page::Results))}
                {on_template}
                {on_tailor}
            />
        },
        Page::Results => html! {
            <ResultsPage
                scorecard={Rc::clone(&state.scorecard)}
                report={Rc::clone(&state.report)}
                consensus={Rc::new(state.scorecard.consensus.clone())}
                consensus_problem={state.consensus_problem.clone()}
                {on_consensus}
            />
        },
        Page::Robustness => html! {
            <RobustnessPage
                scorecard={Rc::clone(&state.scorecard)}
                report={Rc::clone(&state.report)}
                {on_memo}
                {on_show_rating}
            />
        },
        Page::Weights => html! {
            <WeightsPage
                scorecard={Rc::clone(&state.scorecard)}
                report={Rc::clone(&state.report)}
                problem={state.weight_problem.clone()}
                on_change={on_weight}
            />
        },
        Page::Matrix => html! {
            <MatrixPage
                scorecard={Rc::clone(&state.scorecard)}
                report={Rc::clone(&state.report)}
                problem={state.edit_problem.clone().map(AttrValue::from)}
                {on_edit}
                {on_method}
                {on_judgment}
                field_problem={state.field_problem.clone()}
                open={Rc::clone(&state.open_categories)}
                on_action={on_action.clone()}
            />
        },
        Page::Vendors => html! {
            <VendorsPage
                scorecard={Rc::clone(&state.scorecard)}
                {on_rename}
                on_add={on_add_vendor}
                {on_import}
                report={Rc::clone(&state.report)}
                field_problem={state.field_problem.clone()}
                on_action={on_action.clone()}
            />
        },
        Page::Evaluate => html! {
            <EvaluatePage
                scorecard={Rc::clone(&state.scorecard)}
                report={Rc::clone(&state.report)}
                evaluator={AttrValue::from(state.evaluator.clone())}
                focus={state.rating_focus.clone()}
                {on_evaluator}
                {on_attest}
                {on_rate}
                on_clear={on_clear_rating}
                on_save={on_save_mine}
            />
        },
        Page::Share => html! {
            <SharePage
                report={Rc::clone(&state.report)}
                merge={state.merge.clone()}
                edit_problem={state.edit_problem.clone()}
                open_conflicts={Rc::new(state.open_conflicts())}
                on_action={on_action.clone()}
                on_save={on_save.clone()}
                {on_packet}
                {on_files}
                {on_export_report}
                {on_export_requirements}
            />
        },
    };
    html! {
        <>
            <header class="site-header">
                <p class="product">{ "RFP Scorecard" }</p>
                <h1>{ title }</h1>
                <FileBar file_name={AttrValue::from(state.file_name.clone())} {on_file} {on_save} />
                <HistoryBar
                    can_undo={state.can_undo()}
                    can_redo={state.can_redo()}
                    unsaved={state.unsaved}
                    on_undo={dispatch(|()| Action::Undo)}
                    on_redo={dispatch(|()| Action::Redo)}
                />
            </header>
            <ViewNav page={state.page} {on_show} />
            <main id="main" data-generation={state.generation.to_string()}>
                { embed::banner(&embed_mode) }
                if let Some(notice) = &state.notice {
                    <p class="notice" role="status">
                        { notice.clone() }{ " " }
                        if !state.awaiting_demo {
                            <button type="button" class="link" onclick={dispatch(|()| Action::DismissNotice).reform(|_: MouseEvent| ())}>{ "OK" }</button>
                        }
                    </p>
                }
                if let Some(problem) = &*autosave_problem {
                    <p class="notice warn" role="status">{ "Not kept in this browser: " }{ problem.clone() }{ ". Save a file to keep your work." }</p>
                }
                if *bench {
                    <p><button type="button" id="bench-change" onclick={on_bench}>{ "Benchmark: change one rating" }</button></p>
                }
                if let Some(refused) = &state.refused {
                    <RefusedPanel refused={Rc::clone(refused)} on_dismiss={dispatch(|()| Action::DismissRefused)} />
                }
                if let Some(pending) = &state.pending_open {
                    <PendingOpenPanel pending={Rc::clone(pending)} on_open={dispatch(|()| Action::OpenAnyway)} on_keep={dispatch(|()| Action::KeepWork)} />
                }
                if !state.file_notes.is_empty() {
                    <DiagnosticList heading="Notes on the opened file" diagnostics={Rc::clone(&state.file_notes)} />
                }
                if !state.awaiting_demo {
                    { view }
                }
            </main>
            <footer class="site-footer">
                <p>{ "Scored in your browser. Nothing you open here is sent anywhere." }</p>
            </footer>
        </>
    }
}
