//! The few browser services the page uses: reading a chosen file and offering a download.
//! Errors come back as text for the page to show; nothing here panics.

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
