//! The practice profile form: what tailoring needs to know about the practice.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use rfp_core::vocabulary::{BILLING_MODELS, INTEGRATIONS, Term};

use crate::state::ProfileForm as Form;

/// Props of [`ProfileForm`].
#[derive(Properties, PartialEq)]
pub struct ProfileFormProps {
    /// The form was submitted with these values.
    pub on_tailor: Callback<Form>,
}

fn input_value(e: &Event) -> Option<HtmlInputElement> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
}

/// Text fields, billing and integration checkboxes, the approach; "Tailor" submits.
#[component]
pub fn ProfileForm(props: &ProfileFormProps) -> Html {
    let form = use_state(Form::default);
    let text = |id: &'static str,
                label: &'static str,
                hint: &'static str,
                get: fn(&Form) -> &String,
                set: fn(&mut Form, String)| {
        let onchange = {
            let form = form.clone();
            Callback::from(move |e: Event| {
                if let Some(input) = input_value(&e) {
                    let mut next = (*form).clone();
                    set(&mut next, input.value());
                    form.set(next);
                }
            })
        };
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <input id={id} type="text" value={get(&form).clone()} placeholder={hint} {onchange} />
            </div>
        }
    };
    let boxes = |group: &'static str,
                 options: &'static [Term],
                 get: fn(&Form) -> &Vec<String>,
                 set: fn(&mut Form) -> &mut Vec<String>| {
        html! {
            { for options.iter().map(|&Term { id: value, label }| {
                let id = format!("{group}-{value}");
                let checked = get(&form).iter().any(|v| v == value);
                let onchange = {
                    let form = form.clone();
                    Callback::from(move |e: Event| {
                        let on = input_value(&e).is_some_and(|i| i.checked());
                        let mut next = (*form).clone();
                        let list = set(&mut next);
                        list.retain(|v| v != value);
                        if on { list.push(value.to_owned()); }
                        form.set(next);
                    })
                };
                html! {
                    <div class="check">
                        <input id={id.clone()} type="checkbox" {checked} {onchange} />
                        <label for={id}>{ label }</label>
                    </div>
                }
            }) }
        }
    };
    let approach = |value: &'static str, label: &'static str| {
        let id = format!("approach-{value}");
        let onchange = {
            let form = form.clone();
            Callback::from(move |_: Event| {
                let mut next = (*form).clone();
                next.approach = value.to_owned();
                form.set(next);
            })
        };
        html! {
            <div class="check">
                <input id={id.clone()} type="radio" name="approach" checked={form.approach == value} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    let onsubmit = {
        let (form, on_tailor) = (form.clone(), props.on_tailor.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_tailor.emit((*form).clone());
        })
    };
    html! {
        <form class="profile-form" {onsubmit} aria-labelledby="tailor-heading">
            { text("profile-specialties", "Specialties", "e.g. family medicine, pediatrics", |f| &f.specialties, |f, v| f.specialties = v) }
            { text("profile-providers", "Providers", "e.g. 4", |f| &f.providers, |f, v| f.providers = v) }
            { text("profile-locations", "Locations", "e.g. 2", |f| &f.locations, |f, v| f.locations = v) }
            { text("profile-encounters", "Annual encounters", "e.g. 12000", |f| &f.annual_encounters, |f, v| f.annual_encounters = v) }
            <fieldset>
                <legend>{ "Billing models" }</legend>
                { boxes("billing", BILLING_MODELS, |f| &f.billing_models, |f| &mut f.billing_models) }
            </fieldset>
            <fieldset>
                <legend>{ "Required integrations" }</legend>
                { boxes("integration", INTEGRATIONS, |f| &f.integrations, |f| &mut f.integrations) }
            </fieldset>
            <fieldset>
                <legend>{ "Implementation approach" }</legend>
                { approach("big_bang", "All at once (big bang)") }
                { approach("staged", "Staged, site by site") }
                { approach("undecided", "Undecided") }
            </fieldset>
            <button type="submit">{ "Tailor a scorecard" }</button>
        </form>
    }
}
