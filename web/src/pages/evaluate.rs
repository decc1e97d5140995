//! Evaluate: an evaluator attests no conflict of interest, rates each vendor on each rating
//! requirement with the rubric's level descriptions in view, writes notes, sees progress, and
//! saves a file holding only their own ratings.

use rfp_core::{Report, Scorecard, Scoring};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::same::Same;

use crate::format;

/// Props of [`EvaluatePage`].
#[derive(Properties, PartialEq)]
pub struct EvaluatePageProps {
    /// The scorecard (criteria with anchors, vendors, this evaluator's ratings).
    pub scorecard: Same<Scorecard>,
    /// Its report (progress, requirement order).
    pub report: Same<Report>,
    /// The evaluator rating.
    pub evaluator: AttrValue,
    /// A rating to show (vendor id, requirement id): the view opens on that vendor with the
    /// requirement's levels in focus.
    #[prop_or_default]
    pub focus: Option<(String, String)>,
    /// Rate as another evaluator (id).
    pub on_evaluator: Callback<String>,
    /// The attestation box changed.
    pub on_attest: Callback<bool>,
    /// (vendor, requirement, level, note).
    pub on_rate: Callback<(String, String, f64, String)>,
    /// (vendor, requirement): take the rating back.
    pub on_clear: Callback<(String, String)>,
    /// Save this evaluator's file.
    pub on_save: Callback<()>,
}

/// Put the focus on a requirement's rating levels (the level chosen, else the first) and
/// bring them into view.
fn focus_rating(requirement: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let levels = document.get_elements_by_name(&format!("rate-{requirement}"));
    let inputs: Vec<HtmlInputElement> = (0..levels.length())
        .filter_map(|i| levels.get(i))
        .filter_map(|node| node.dyn_into::<HtmlInputElement>().ok())
        .collect();
    if let Some(input) = inputs.iter().find(|i| i.checked()).or(inputs.first()) {
        let _ = input.focus();
        // The whole requirement (its name, the question and every level) at the top.
        match input.closest("fieldset") {
            Ok(Some(block)) => block.scroll_into_view(),
            _ => input.scroll_into_view(),
        }
    }
}

fn target<T: JsCast>(e: &Event) -> Option<T> {
    e.target().and_then(|t| t.dyn_into::<T>().ok())
}

/// The evaluate view.
#[component]
pub fn EvaluatePage(props: &EvaluatePageProps) -> Html {
    let vendor_index = use_state(|| 0usize);
    let scorecard = &props.scorecard;
    // Asked to show a rating: that vendor, then the requirement's level in focus (after the
    // render that shows the vendor).
    {
        let vendor_index = vendor_index.clone();
        let index = props
            .focus
            .as_ref()
            .and_then(|(vendor, _)| scorecard.vendors.iter().position(|v| v.id == *vendor));
        use_effect_with(props.focus.clone(), move |_| {
            if let Some(index) = index {
                vendor_index.set(index);
            }
        });
    }
    {
        // Each request once, when its vendor is the one shown; choosing another vendor later
        // does not bring the focus back.
        let shown = use_mut_ref(|| None::<(String, String)>);
        let on_vendor = scorecard.vendors.get(*vendor_index).map(|v| v.id.clone());
        use_effect_with((props.focus.clone(), *vendor_index), move |(focus, _)| {
            if let Some(focus) = focus {
                let done = shown.borrow().as_ref() == Some(focus);
                if !done && on_vendor.as_deref() == Some(focus.0.as_str()) {
                    focus_rating(&focus.1);
                    *shown.borrow_mut() = Some(focus.clone());
                }
            }
        });
    }
    let Some(evaluator) = scorecard
        .evaluators
        .iter()
        .find(|e| e.id == *props.evaluator)
    else {
        return html! { <section><h2>{ "Evaluate" }</h2><p>{ "This scorecard has no evaluators." }</p></section> };
    };
    let vendor = scorecard
        .vendors
        .get(*vendor_index)
        .or(scorecard.vendors.first());
    let attested = evaluator
        .attestation
        .as_ref()
        .is_some_and(|a| a.no_conflict);
    let progress = props
        .report
        .evaluators
        .iter()
        .find(|p| p.evaluator_id == evaluator.id);
    let on_evaluator = props.on_evaluator.reform(|e: Event| {
        target::<HtmlSelectElement>(&e)
            .map(|s| s.value())
            .unwrap_or_default()
    });
    let on_vendor = {
        let vendor_index = vendor_index.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = target::<HtmlSelectElement>(&e).and_then(|s| s.value().parse().ok()) {
                vendor_index.set(i);
            }
        })
    };
    let on_attest = props
        .on_attest
        .reform(|e: Event| target::<HtmlInputElement>(&e).is_some_and(|i| i.checked()));
    // This evaluator's rating that counts per requirement, as merging and scoring resolve them.
    let mine = vendor
        .map(|v| rfp_core::merge::ratings_that_count(scorecard, &evaluator.id, &v.id))
        .unwrap_or_default();
    let rows = props.report.requirements.iter().filter(|r| r.kind == rfp_core::vocabulary::kind::RATING).filter_map(|info| {
        let criterion = rfp_core::tree::find_requirement(&scorecard.criteria, &info.id)?;
        let Some(Scoring::Rating(rule)) = &criterion.scoring else { return None };
        let vendor = vendor?;
        let current = mine.get(info.id.as_str()).map(|c| {
            let rating = &scorecard.ratings[c.index];
            (rating.score, rating.note.as_str())
        });
        let note = current.map(|(_, n)| n.to_owned()).unwrap_or_default();
        let name = format!("rate-{}", info.id);
        let levels = (rule.min..=rule.max).map(|level| {
            let id = format!("{name}-{level}");
            let description = rule.anchors.iter().find(|a| a.level == level).map(|a| a.description.clone());
            let onchange = {
                let (vendor, requirement, note) = (vendor.id.clone(), info.id.clone(), note.clone());
                props.on_rate.reform(move |_: Event| (vendor.clone(), requirement.clone(), f64::from(level), note.clone()))
            };
            html! {
                <div class="level">
                    <input id={id.clone()} type="radio" name={name.clone()} disabled={!attested}
                        checked={current.is_some_and(|(s, _)| s == f64::from(level))} {onchange} />
                    <label for={id}><strong>{ level }</strong>{ description.map(|d| format!(" — {d}")).unwrap_or_default() }</label>
                </div>
            }
        });
        let note_id = format!("note-{}", info.id);
        let on_note = {
            let (vendor, requirement, score) = (vendor.id.clone(), info.id.clone(), current.map(|(s, _)| s));
            let on_rate = props.on_rate.clone();
            Callback::from(move |e: Event| {
                if let (Some(score), Some(area)) = (score, target::<HtmlTextAreaElement>(&e)) {
                    on_rate.emit((vendor.clone(), requirement.clone(), score, area.value()));
                }
            })
        };
        let on_clear = {
            let (vendor, requirement) = (vendor.id.clone(), info.id.clone());
            props.on_clear.reform(move |_: MouseEvent| (vendor.clone(), requirement.clone()))
        };
        Some(html! {
            <fieldset class="rate" key={info.id.clone()}>
                <legend>{ info.name.clone() }</legend>
                if !criterion.guidance.is_empty() { <p class="explain">{ criterion.guidance.clone() }</p> }
                { for levels }
                if attested && current.is_some() {
                    <button type="button" class="clear-rating" onclick={on_clear}
                        aria-label={format!("Clear the rating of {}", info.name)}>{ "Clear rating" }</button>
                }
                <label for={note_id.clone()}>{ "Note on " }{ info.name.clone() }</label>
                <textarea id={note_id} rows="2" value={note} disabled={!attested || current.is_none()}
                    placeholder={if current.is_none() { "Choose a level first" } else { "" }} onchange={on_note} />
            </fieldset>
        })
    });
    html! {
        <>
            <section aria-labelledby="evaluate-heading">
                <h2 id="evaluate-heading">{ "Evaluate" }</h2>
                <div class="field">
                    <label for="evaluate-as">{ "Evaluator" }</label>
                    <select id="evaluate-as" onchange={on_evaluator}>
                        { for scorecard.evaluators.iter().map(|e| html! {
                            <option value={e.id.clone()} selected={e.id == evaluator.id}>{ e.name.clone() }{ if e.role.is_empty() { String::new() } else { format!(" ({})", e.role) } }</option>
                        }) }
                    </select>
                </div>
                <div class="check attest">
                    <input id="attest" type="checkbox" checked={attested} onchange={on_attest} />
                    <label for="attest">{ "I have no financial, family or professional conflict of interest with any vendor I evaluate." }</label>
                </div>
                if let Some(a) = evaluator.attestation.as_ref().filter(|a| a.no_conflict) {
                    <p class="note">{ "Attested on " }{ a.date.clone() }{ "." }</p>
                } else {
                    <p class="note">{ "Attest first; then the ratings open." }</p>
                }
                if let Some(p) = progress {
                    <p class="progress-line" role="status">
                        { format!("Rated {} of {} ({})", p.rated, p.expected, format::percent(p.completeness)) }
                    </p>
                }
                <button type="button" onclick={props.on_save.reform(|_: MouseEvent| ())}>{ "Save my ratings file" }</button>
            </section>
            <section aria-labelledby="rate-heading">
                <h2 id="rate-heading">{ "Ratings" }</h2>
                <div class="field">
                    <label for="evaluate-vendor">{ "Vendor" }</label>
                    <select id="evaluate-vendor" onchange={on_vendor}>
                        { for scorecard.vendors.iter().enumerate().map(|(i, v)| html! {
                            <option value={i.to_string()} selected={i == *vendor_index}>{ v.name.clone() }</option>
                        }) }
                    </select>
                </div>
                <p class="explain">
                    { "“Clear rating” takes your rating out of this file. A copy already merged into the chair's file stays there until you rate that requirement again." }
                </p>
                { for rows }
            </section>
        </>
    }
}
