//! The few browser services the page uses: reading a chosen file and offering a download.
//! Errors come back as text for the page to show; nothing here panics.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Files larger than this are refused before reading (a committee-scale scorecard is ~9 MB).
pub const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// The text of a file the user chose.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    if file.size() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is larger than {} MB",
            MAX_FILE_BYTES / 1024.0 / 1024.0
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| describe(&e))?;
    text.as_string()
        .ok_or_else(|| "the browser gave no text for the file".to_owned())
}

/// The value of the text field or select an event came from.
pub fn field_value(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?;
    match target.dyn_into::<web_sys::HtmlInputElement>() {
        Ok(input) => Some(input.value()),
        Err(target) => target
            .dyn_into::<web_sys::HtmlSelectElement>()
            .ok()
            .map(|select| select.value()),
    }
}

/// The files chosen in the file input an event came from, the first first; the input is then
/// cleared, so that choosing the same file again (after fixing it) fires `change` again.
pub fn take_files(event: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    files
}

/// Fetch one of the page's own files (a relative URL, so it works under a sub-path) as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("there is no window")?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("{url} could not be fetched: {}", describe(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: the browser gave no response"))?;
    if !response.ok() {
        return Err(format!(
            "{url} could not be fetched: the server answered {}",
            response.status()
        ));
    }
    let text = response.text().map_err(|e| describe(&e))?;
    let text = wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(|e| format!("{url} could not be read: {}", describe(&e)))?;
    text.as_string()
        .ok_or_else(|| format!("{url}: the browser gave no text"))
}

/// Where the site serves a template's file.
pub fn template_url(template: &rfp_templates::Template) -> String {
    format!("templates/{}", template.file_name())
}

/// Offer `text` as a download named `file_name` (a Blob URL, revoked right after the click).
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| describe(&e))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let result = click_link(&url, file_name);
    // The download has started (or failed); the URL is no longer needed either way.
    let _ = Url::revoke_object_url(&url);
    result
}

fn click_link(url: &str, file_name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "cannot create a link".to_owned())?;
    link.set_href(url);
    link.set_download(file_name);
    link.click();
    Ok(())
}

fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser refused".to_owned())
}

/// Whether the page was opened as the benchmark (`?bench` in the address).
pub fn bench_mode() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|search| {
            search
                .trim_start_matches('?')
                .split('&')
                .any(|p| p == "bench")
        })
}

/// Now, by the browser's clock (what orders an evaluator's ratings of one cell).
pub fn now() -> Option<rfp_core::Stamp> {
    rfp_core::Stamp::from_millis(js_sys::Date::now())
}

/// Today's date from the browser's clock, `YYYY-MM-DD` (local time).
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// An event listener that is removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// Listen to `kind` events on `target` until the returned [`Listener`] is dropped.
pub fn listen(
    target: web_sys::EventTarget,
    kind: &'static str,
    handler: impl FnMut(web_sys::Event) + 'static,
) -> Option<Listener> {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    target
        .add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())
        .ok()?;
    Some(Listener {
        target,
        kind,
        closure,
    })
}

/// While held, leaving the page asks the user first (`beforeunload`).
pub fn warn_before_leaving() -> Option<Listener> {
    let window = web_sys::window()?;
    listen(window.into(), "beforeunload", |event| {
        event.prevent_default();
        if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
            event.set_return_value("You have changes not saved to a file.");
        }
    })
}

/// Calls `handler(redo)` on Ctrl+Z (false) and Ctrl+Shift+Z or Ctrl+Y (true), unless the
/// keys are pressed in a text field (where they undo typing).
pub fn on_undo_keys(handler: impl Fn(bool) + 'static) -> Option<Listener> {
    let document = web_sys::window()?.document()?;
    listen(document.into(), "keydown", move |event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if !(key.ctrl_key() || key.meta_key()) || key.alt_key() {
            return;
        }
        let typing = key
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| {
                let tag = e.tag_name().to_ascii_lowercase();
                (tag == "input"
                    && e.get_attribute("type").as_deref() != Some("checkbox")
                    && e.get_attribute("type").as_deref() != Some("radio"))
                    || tag == "textarea"
            });
        if typing {
            return;
        }
        let redo = match key.key().to_ascii_lowercase().as_str() {
            "z" => key.shift_key(),
            "y" => true,
            _ => return,
        };
        event.prevent_default();
        handler(redo);
    })
}

/// A timer that runs `f` once after `ms` milliseconds, cancelled when dropped.
pub struct Timeout {
    id: i32,
    _closure: Closure<dyn FnMut()>,
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.id);
        }
    }
}

/// Run `f` after `ms` milliseconds unless the returned handle is dropped first.
pub fn after(ms: i32, f: impl FnOnce() + 'static) -> Option<Timeout> {
    let mut f = Some(f);
    let closure = Closure::<dyn FnMut()>::new(move || {
        if let Some(f) = f.take() {
            f();
        }
    });
    let id = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), ms)
        .ok()?;
    Some(Timeout {
        id,
        _closure: closure,
    })
}

/// Let the browser run for `ms` milliseconds (0: let it paint and handle what is waiting, then
/// go on): what a long computation awaits between its steps.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            // Without a window nothing waits: the promise is resolved at once.
            if window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .is_err()
            {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        } else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The page's root element (`<html>`), where the page records what a test waits for.
pub fn root_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}
