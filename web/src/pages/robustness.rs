//! Robustness: how sure the committee can be of the winner — the sentences, a chart of the
//! category shares over which the winner holds (a tornado: the bar spans the shares at which
//! it stays first, the mark is the share now), the leader without each evaluator, the single
//! ratings that would change the winner, the ranking by two other methods, and the decision memo for the board. Every figure is
//! `rfp_core::analysis`'s; it is worked out when this view is shown and again after a change —
//! a slice of steps at a time, the browser given back between slices, so that the page stays
//! responsive and shows how far the analysis has come.

use std::rc::Rc;

use rfp_core::analysis::{
    Analyser, Analysis, BreakEven, COMMITTEES, MethodCheck, Smaa, SmaaOptions, SmaaRun, Stepwise,
};
use rfp_core::{Report, Scorecard};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::same::Same;

/// Props of [`RobustnessPage`].
#[derive(Properties, PartialEq)]
pub struct RobustnessPageProps {
    /// The scorecard.
    pub scorecard: Same<Scorecard>,
    /// Its report.
    pub report: Same<Report>,
    /// Download the decision memo: `true` as a page to print (HTML), `false` as Markdown.
    pub on_memo: Callback<bool>,
    /// Show a rating in the Evaluate view: (evaluator, vendor, requirement) ids.
    pub on_show_rating: Callback<(String, String, String)>,
}

/// How long the analysis runs before the page gets the browser back to paint and to take
/// clicks and keys (a step takes a few milliseconds at committee scale).
const SLICE_MS: f64 = 12.0;

/// How often the progress bar moves while the analysis runs.
const PROGRESS_MS: f64 = 150.0;

/// Take every step of `steps`, a slice of about [`SLICE_MS`] at a time with the browser given
/// back between slices, setting `progress` a few times a second (drawing it after every slice
/// would cost a fifth of the time). False when `current` says a newer run has taken over.
async fn in_slices(
    steps: &mut impl Stepwise,
    current: impl Fn() -> bool,
    progress: &UseStateSetter<(usize, usize)>,
) -> bool {
    let mut said = js_sys::Date::now();
    loop {
        crate::browser::pause(0).await;
        if !current() {
            return false;
        }
        let started = js_sys::Date::now();
        while js_sys::Date::now() - started < SLICE_MS && steps.step() {}
        if started - said >= PROGRESS_MS || steps.is_done() {
            progress.set(steps.progress());
            said = started;
        }
        if steps.is_done() {
            return true;
        }
    }
}

/// The robustness view.
#[component]
pub fn RobustnessPage(props: &RobustnessPageProps) -> Html {
    // The analysis on screen: the exact part as soon as it is worked out, then all of it, with
    // its sentences, when every step is done.
    let analysis = use_state(|| None::<Same<Analysis>>);
    // Steps done, and in all.
    let progress = use_state(|| (0_usize, 0_usize));
    // Whether the win probability draws the committee too: kept here, as the details are drawn
    // again after every change.
    let resample = use_state(|| false);
    let on_resample = {
        let resample = resample.setter();
        Callback::from(move |on: bool| resample.set(on))
    };
    // Which run of the analysis is current: a change of the scorecard starts another, and the
    // one running stops at its next slice.
    let run = use_mut_ref(|| 0_u64);
    {
        let (shown, progress) = (analysis.setter(), progress.setter());
        let run = run.clone();
        use_effect_with(
            (props.scorecard.clone(), props.report.clone()),
            move |(scorecard, report)| {
                *run.borrow_mut() += 1;
                let mine = *run.borrow();
                // Nothing of the last scorecard's analysis stays on screen as if it were this one's.
                shown.set(None);
                progress.set((0, 1));
                let (scorecard, report, current) = (scorecard.clone(), report.clone(), run.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let current = || *current.borrow() == mine;
                    // The view is painted first; each slice then gives the browser back.
                    crate::browser::pause(0).await;
                    if !current() {
                        return;
                    }
                    let mut steps = Analyser::new(scorecard.rc(), report.rc());
                    // Drawn in a task of its own: the exact part's figures, then the slices.
                    crate::browser::pause(0).await;
                    if !current() {
                        return;
                    }
                    shown.set(Some(Same::from(Rc::new(steps.so_far().clone()))));
                    progress.set(steps.progress());
                    if in_slices(&mut steps, current, &progress).await {
                        shown.set(Some(Same::from(Rc::new(steps.finish()))));
                    }
                });
                move || *run.borrow_mut() += 1
            },
        );
    }
    let (done, steps) = *progress;
    html! {
        <>
            <section aria-labelledby="robustness-heading">
                <h2 id="robustness-heading">{ "How robust is the result?" }</h2>
                if analysis.is_none() || done < steps {
                    <p class="analysing" role="status">
                        <label for="analysis-progress">{ "Trying what would change the winner: evaluators left out, ratings moved " }</label>
                        <progress id="analysis-progress" max={steps.max(1).to_string()} value={done.to_string()}>{ format!("{done} of {steps}") }</progress>
                        if steps > 0 { { format!(" {done} of {steps}") } }
                    </p>
                }
                if let Some(analysis) = &*analysis {
                    <ul class="sentences">
                        { for analysis.sentences.iter().map(|s| html! { <li>{ s.clone() }</li> }) }
                    </ul>
                }
                <p class="memo-downloads">
                    <button type="button" onclick={props.on_memo.reform(|_: MouseEvent| true)}>
                        { "Download the decision memo to print (HTML)" }
                    </button>
                    <button type="button" onclick={props.on_memo.reform(|_: MouseEvent| false)}>
                        { "Download it as Markdown" }
                    </button>
                </p>
                <p class="explain">{ "The page opens in any browser, with nothing fetched; print it or save it as PDF for the board." }</p>
            </section>
            if let Some(analysis) = &*analysis {
                <Details analysis={analysis.clone()} scorecard={props.scorecard.clone()} report={props.report.clone()}
                    resample={*resample} on_resample={on_resample} on_show_rating={props.on_show_rating.clone()} />
            }
        </>
    }
}

/// Props of [`Details`].
#[derive(Properties, PartialEq)]
struct DetailsProps {
    analysis: Same<Analysis>,
    scorecard: Same<Scorecard>,
    report: Same<Report>,
    /// Whether the win probability draws the committee too (the view's choice, kept while the
    /// details are drawn again after a change).
    resample: bool,
    on_resample: Callback<bool>,
    on_show_rating: Callback<(String, String, String)>,
}

/// The figures under the sentences: win probability, the break-even shares, the leader without
/// each evaluator, the ranking by other methods, the single ratings that would change the
/// winner. Drawn again only when the analysis or the report changes (not as the steps' progress
/// moves).
#[component]
fn Details(props: &DetailsProps) -> Html {
    let analysis = &props.analysis;
    // Win probability over the weights alone, at once; over random halves of the committee too
    // when asked, a half at a time.
    let resample = props.resample;
    let halved = use_state(|| None::<Same<Smaa>>);
    let halving = use_state(|| (0_usize, 0_usize));
    let run = use_mut_ref(|| 0_u64);
    let weights_only = use_memo(
        (props.scorecard.clone(), props.report.clone()),
        |(scorecard, report)| rfp_core::analysis::smaa(scorecard, report, &SmaaOptions::default()),
    );
    {
        let (shown, progress, run) = (halved.setter(), halving.setter(), run.clone());
        use_effect_with(
            (props.scorecard.clone(), props.report.clone(), resample),
            move |(scorecard, report, resample)| {
                *run.borrow_mut() += 1;
                let mine = *run.borrow();
                shown.set(None);
                if *resample {
                    let options = SmaaOptions {
                        committees: COMMITTEES,
                        ..SmaaOptions::default()
                    };
                    let mut steps = SmaaRun::new(Some(scorecard.rc()), report, options);
                    progress.set(steps.progress());
                    let current = run.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        if in_slices(&mut steps, || *current.borrow() == mine, &progress).await {
                            shown.set(Some(Same::from(Rc::new(steps.finish()))));
                        }
                    });
                }
                move || *run.borrow_mut() += 1
            },
        );
    }
    let smaa: &Smaa = match &*halved {
        Some(halved) if resample => halved,
        _ => &weights_only,
    };
    let on_resample = props.on_resample.reform(|e: Event| {
        e.target_dyn_into::<HtmlInputElement>()
            .is_some_and(|i| i.checked())
    });
    let (halves_done, halves) = *halving;
    // The top-level categories: what a committee weighs first.
    let top: Vec<&str> = props
        .report
        .categories
        .iter()
        .filter(|c| c.depth == 0)
        .map(|c| c.id.as_str())
        .collect();
    let categories: Vec<&BreakEven> = analysis
        .weights
        .iter()
        .filter(|w| w.category && top.contains(&w.id.as_str()))
        .collect();
    html! {
        <>
            if !smaa.vendors.is_empty() {
                <section aria-labelledby="smaa-heading">
                    <h2 id="smaa-heading">{ "Win probability under uncertain weights" }</h2>
                    <p class="check">
                        <input type="checkbox" id="smaa-committee" checked={resample} onchange={on_resample} />
                        <label for="smaa-committee">
                            { format!("Also draw the committee: score each draw by one of {COMMITTEES} random halves of the evaluators who rated") }
                        </label>
                    </p>
                    if resample && halved.is_none() {
                        <p class="analysing" role="status">
                            <label for="smaa-progress">{ "Scoring random halves of the committee " }</label>
                            <progress id="smaa-progress" max={halves.max(1).to_string()} value={halves_done.to_string()}>{ format!("{halves_done} of {halves}") }</progress>
                            { format!(" {halves_done} of {halves}") }
                        </p>
                    }
                    <p class="smaa-sentence">{ smaa.sentence.clone() }</p>
                    <table class="acceptability">
                        <caption>{ "Share of the weight draws in which each vendor ranks first, second, …" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Vendor" }</th>
                                { for (1..=smaa.vendors.len()).map(|r| html! { <th scope="col" class="number">{ ordinal(r) }</th> }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for smaa.vendors.iter().map(|a| html! {
                                <tr>
                                    <th scope="row">{ a.vendor.name.clone() }</th>
                                    { for a.ranks.iter().map(|r| html! {
                                        <td class="number">
                                            <svg class="share-bar" width="60" height="10" aria-hidden="true">
                                                <rect x="0" y="0" width="60" height="10" class="range-all" />
                                                <rect x="0" y="0" width={format!("{:.1}", r * 60.0)} height="10" class="range-holds" />
                                            </svg>
                                            { format!(" {:.1}%", r * 100.0) }
                                        </td>
                                    }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            }
            if analysis.winner.is_some() && !categories.is_empty() {
                <section aria-labelledby="tornado-heading">
                    <h2 id="tornado-heading">{ "Category shares over which the winner stays first" }</h2>
                    { tornado(analysis, &categories) }
                    <table class="break-evens">
                        <caption>{ "Category shares at which the winner changes" }</caption>
                        <thead>
                            <tr><th scope="col">{ "Category" }</th><th scope="col" class="number">{ "Share now" }</th><th scope="col">{ "Lowered to" }</th><th scope="col">{ "Raised to" }</th></tr>
                        </thead>
                        <tbody>
                            { for categories.iter().map(|w| html! {
                                <tr>
                                    <th scope="row">{ w.name.clone() }</th>
                                    <td class="number">{ format!("{:.1}%", w.share * 100.0) }</td>
                                    <td>{ crossing(w.lower.as_ref()) }</td>
                                    <td>{ crossing(w.raise.as_ref()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            }
            if !analysis.methods.is_empty() {
                { other_methods(analysis, &props.report) }
            }
            if !analysis.without_evaluator.is_empty() {
                <section aria-labelledby="without-heading">
                    <h2 id="without-heading">{ "Without one evaluator" }</h2>
                    <table>
                        <caption>{ "Who leads without each evaluator's ratings" }</caption>
                        <thead><tr><th scope="col">{ "Without" }</th><th scope="col">{ "Leader" }</th></tr></thead>
                        <tbody>
                            { for analysis.without_evaluator.iter().map(|w| html! {
                                <tr class={classes!(w.changes_winner.then_some("changes"))}>
                                    <th scope="row">{ w.name.clone() }</th>
                                    <td>{ w.leader.as_ref().map_or_else(|| "no vendor".to_owned(), |l| l.name.clone()) }
                                        if w.changes_winner { { " — the winner changes" } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            }
            if !analysis.rating_flips.is_empty() {
                <section aria-labelledby="flips-heading">
                    <h2 id="flips-heading">{ "Single ratings that would change the winner" }</h2>
                    <ul>
                        { for analysis.rating_flips.iter().map(|f| {
                            let ids = (f.evaluator_id.clone(), f.vendor_id.clone(), f.requirement_id.clone());
                            let label = format!("Show {}'s rating of {} on {}", f.evaluator, f.vendor, f.requirement);
                            html! {
                                <li>
                                    { format!("{} rating {} {} instead of {} on {}: {} would lead. ", f.evaluator, f.vendor, f.to, f.from, f.requirement, f.leader.name) }
                                    <button type="button" class="link" aria-label={label} onclick={props.on_show_rating.reform(move |_: MouseEvent| ids.clone())}>
                                        { "Show the rating" }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }
        </>
    }
}

/// The vendors that can win, in the weighted sum's order, with each other method's figure and
/// rank for them.
fn other_methods(analysis: &Analysis, report: &Report) -> Html {
    // Each method's figure and rank, by vendor id.
    let figure = |check: &MethodCheck, id: &str| {
        check
            .ranking
            .iter()
            .find(|s| s.vendor.vendor_id == id)
            .map_or_else(String::new, |s| {
                format!("{:.3} ({})", s.value, ordinal(s.rank))
            })
    };
    let listed = |id: &str| {
        analysis.methods[0]
            .ranking
            .iter()
            .any(|s| s.vendor.vendor_id == id)
    };
    html! {
        <section aria-labelledby="methods-heading">
            <h2 id="methods-heading">{ "Ranked by other methods" }</h2>
            <p class="explain">{ "The same category scores and weights, ranked by TOPSIS (closeness to the ideal vendor, 0 to 1) and by PROMETHEE II (net outranking flow, −1 to 1)." }</p>
            <table class="methods">
                <caption>{ "Each vendor that can win, by method" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Vendor" }</th>
                        <th scope="col" class="number">{ "Weighted sum" }</th>
                        { for analysis.methods.iter().map(|m| html! { <th scope="col" class="number">{ m.method.name() }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for report.vendors.iter().filter(|v| listed(&v.vendor_id)).map(|v| html! {
                        <tr>
                            <th scope="row">{ v.name.clone() }</th>
                            <td class="number">{ format!("{:.1} ({})", v.total, ordinal(v.rank)) }</td>
                            { for analysis.methods.iter().map(|m| html! {
                                <td class={classes!("number", (!m.agrees && m.ranking.first().is_some_and(|s| s.vendor.vendor_id == v.vendor_id)).then_some("differs"))}>
                                    { figure(m, &v.vendor_id) }
                                </td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "1st".to_owned(),
        2 => "2nd".to_owned(),
        3 => "3rd".to_owned(),
        n => format!("{n}th"),
    }
}

fn crossing(found: Option<&rfp_core::analysis::Crossing>) -> Html {
    match found {
        Some(c) => html! { { format!("{:.1}%: {} leads", c.share * 100.0, c.leader.name) } },
        None => html! { { "the winner holds" } },
    }
}

/// The tornado chart: per category, the range of its share (0–100 %) over which the winner
/// stays first, and its share now. Drawn by the page as SVG; the table beside it has the same
/// figures for screen readers.
fn tornado(analysis: &Analysis, categories: &[&BreakEven]) -> Html {
    let label_width = 230.0;
    let plot = 420.0;
    let row = 26.0;
    let height = row * categories.len() as f64 + 30.0;
    let x = |share: f64| label_width + share.clamp(0.0, 1.0) * plot;
    let winner = analysis.winner.as_ref().map_or("", |w| w.name.as_str());
    html! {
        <figure class="tornado">
            <svg width={(label_width + plot + 20.0).to_string()} height={height.to_string()} role="img"
                aria-label={format!("For each category, the range of its share over which {winner} stays first")}>
                { for categories.iter().enumerate().map(|(i, w)| {
                    let y = 10.0 + row * i as f64;
                    let low = w.lower.as_ref().map_or(0.0, |c| c.share);
                    let high = w.raise.as_ref().map_or(1.0, |c| c.share);
                    let name: String = w.name.chars().take(32).collect();
                    html! {
                        <g>
                            <text x={(label_width - 8.0).to_string()} y={(y + 13.0).to_string()} text-anchor="end" class="label">{ name }</text>
                            <rect x={x(0.0).to_string()} y={(y + 3.0).to_string()} width={plot.to_string()} height="14" class="range-all" />
                            <rect x={x(low).to_string()} y={(y + 3.0).to_string()} width={(x(high) - x(low)).max(1.0).to_string()} height="14" class="range-holds" />
                            <line x1={x(w.share).to_string()} x2={x(w.share).to_string()} y1={y.to_string()} y2={(y + 20.0).to_string()} class="now" />
                        </g>
                    }
                }) }
                { for [0.0, 0.25, 0.5, 0.75, 1.0].into_iter().map(|s| html! {
                    <text x={x(s).to_string()} y={(height - 4.0).to_string()} text-anchor="middle" class="axis">{ format!("{}%", (s * 100.0) as u32) }</text>
                }) }
            </svg>
            <figcaption>{ format!("Dark: the shares over which {winner} stays first; the line: the share now.") }</figcaption>
        </figure>
    }
}
