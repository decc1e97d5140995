//! Open a scorecard file, and save the current one.

use yew::prelude::*;

/// Props of [`FileBar`].
#[derive(Properties, PartialEq)]
pub struct FileBarProps {
    /// The name the scorecard is saved under.
    pub file_name: AttrValue,
    /// A file was chosen.
    pub on_file: Callback<web_sys::File>,
    /// Save was pressed.
    pub on_save: Callback<()>,
}

/// The file actions: a labelled file input and a Save button.
#[component]
pub fn FileBar(props: &FileBarProps) -> Html {
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |event: Event| {
            if let Some(file) = crate::browser::take_files(&event).into_iter().next() {
                on_file.emit(file);
            }
        })
    };
    let onclick = props.on_save.reform(|_: MouseEvent| ());
    html! {
        <div class="file-bar">
            <label for="open-file" class="file-label">{ "Open a scorecard file" }</label>
            <input id="open-file" type="file" accept=".json,application/json" {onchange} />
            <button type="button" {onclick}>
                { "Save " }<span class="file-name">{ props.file_name.clone() }</span>
            </button>
        </div>
    }
}
