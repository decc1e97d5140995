//! Switches between the views.

use yew::prelude::*;

use crate::state::Page;

/// Props of [`ViewNav`].
#[derive(Properties, PartialEq)]
pub struct ViewNavProps {
    /// The view shown.
    pub page: Page,
    /// Another view was chosen.
    pub on_show: Callback<Page>,
}

/// One button per view; the current one is marked for assistive technology.
#[component]
pub fn ViewNav(props: &ViewNavProps) -> Html {
    let button = |page: Page, label: &'static str| {
        let current = props.page == page;
        let onclick = props.on_show.reform(move |_: MouseEvent| page);
        html! {
            <li>
                <button
                    type="button"
                    class={classes!("view-button", current.then_some("current"))}
                    aria-current={current.then_some("page")}
                    {onclick}
                >{ label }</button>
            </li>
        }
    };
    html! {
        <nav class="views" aria-label="Views">
            <ul>
                { button(Page::Start, "Start") }
                { button(Page::Results, "Results") }
                { button(Page::Robustness, "Robustness") }
                { button(Page::Weights, "Weights") }
                { button(Page::Matrix, "Matrix") }
                { button(Page::Vendors, "Vendors") }
                { button(Page::Evaluate, "Evaluate") }
                { button(Page::Share, "Share") }
            </ul>
        </nav>
    }
}
