//! Start: continue the work, pick a template, tailor one to a practice profile, open a file.

use std::rc::Rc;

use rfp_core::Scorecard;
use yew::prelude::*;

use crate::same::Same;

use crate::components::profile_form::ProfileForm;
use crate::state::{ProfileForm as Form, TailorNote};

/// Props of [`StartPage`].
#[derive(Properties, PartialEq)]
pub struct StartPageProps {
    /// The work in hand.
    pub scorecard: Same<Scorecard>,
    /// Where it came from, when it was just tailored.
    pub tailored: Option<Rc<TailorNote>>,
    /// Continue with the work in hand.
    pub on_continue: Callback<()>,
    /// A template was picked (its id).
    pub on_template: Callback<String>,
    /// The profile form was submitted.
    pub on_tailor: Callback<Form>,
}

/// The start view.
#[component]
pub fn StartPage(props: &StartPageProps) -> Html {
    let title = props.scorecard.meta.title.clone();
    html! {
        <>
            <section aria-labelledby="continue-heading">
                <h2 id="continue-heading">{ "Continue where you left off" }</h2>
                <p>
                    { "Your work is kept in this browser as you go. In hand: " }
                    <strong>{ title }</strong>
                    { format!(" — {} vendors, {} evaluators.", props.scorecard.vendors.len(), props.scorecard.evaluators.len()) }
                </p>
                <button type="button" onclick={props.on_continue.reform(|_: MouseEvent| ())}>{ "Continue to the results" }</button>
                <p class="explain">{ "To open a scorecard file instead, use “Open a scorecard file” at the top of the page." }</p>
            </section>
            if let Some(note) = &props.tailored {
                <section class="tailored" aria-labelledby="tailored-heading">
                    <h2 id="tailored-heading">{ "Tailored from “" }{ note.template.clone() }{ "”" }</h2>
                    <p>{ note.reason.clone() }</p>
                    <h3>{ "Adjustments" }</h3>
                    <ul class="adjustments">
                        { for props.scorecard.meta.adjustments.iter().map(|a| html! {
                            <li>
                                if !a.subject().is_empty() { <strong>{ a.subject().to_owned() }</strong>{ ": " } }
                                { a.change.clone() }
                                if !a.reason.is_empty() { <span class="reason-text">{ " — " }{ a.reason.clone() }</span> }
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section aria-labelledby="templates-heading">
                <h2 id="templates-heading">{ "Start from a template" }</h2>
                <ul class="templates">
                    { for rfp_templates::TEMPLATES.iter().map(|t| {
                        let id = t.id.to_owned();
                        let onclick = props.on_template.reform(move |_: MouseEvent| id.clone());
                        html! {
                            <li>
                                <button type="button" {onclick}>{ t.name }</button>
                                <span class="summary">{ t.summary }</span>
                            </li>
                        }
                    }) }
                </ul>
            </section>
            <section aria-labelledby="tailor-heading">
                <h2 id="tailor-heading">{ "Tailor a template to your practice" }</h2>
                <p class="explain">{ "The closest template is adjusted to your profile; every change is listed with its reason." }</p>
                <ProfileForm on_tailor={props.on_tailor.clone()} />
            </section>
        </>
    }
}
