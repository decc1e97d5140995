//! Undo and redo, with whether the work has changes not saved to a file.

use yew::prelude::*;

/// Props of [`HistoryBar`].
#[derive(Properties, PartialEq)]
pub struct HistoryBarProps {
    /// Whether there is something to undo.
    pub can_undo: bool,
    /// Whether there is something to redo.
    pub can_redo: bool,
    /// Changes not yet saved to a scorecard file (an export does not save them).
    pub unsaved: bool,
    /// Undo was pressed.
    pub on_undo: Callback<()>,
    /// Redo was pressed.
    pub on_redo: Callback<()>,
}

/// Two buttons (also Ctrl+Z and Ctrl+Shift+Z) and a status line.
#[component]
pub fn HistoryBar(props: &HistoryBarProps) -> Html {
    html! {
        <div class="history-bar">
            <button type="button" disabled={!props.can_undo} aria-keyshortcuts="Control+Z"
                onclick={props.on_undo.reform(|_: MouseEvent| ())}>{ "Undo" }</button>
            <button type="button" disabled={!props.can_redo} aria-keyshortcuts="Control+Shift+Z"
                onclick={props.on_redo.reform(|_: MouseEvent| ())}>{ "Redo" }</button>
            <span class="save-status" role="status">
                { if props.unsaved {
                    "Changes kept in this browser, not yet saved to a file"
                } else {
                    "Saved"
                } }
            </span>
        </div>
    }
}
