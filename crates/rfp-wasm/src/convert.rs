//! Values across the boundary, and errors as JavaScript `Error`s.
//!
//! In: a JavaScript value is read as `JSON.stringify` writes it (so `undefined` members are left
//! out, exactly as in a file), then decoded by [`rfp_core::file::decode`], which names every
//! field of the wrong type at once. Out: serde-wasm-bindgen's JSON-compatible serializer (plain
//! objects and arrays, `null` for a missing value), with the core's snake_case field names.

use rfp_core::error::{Diagnostic, Error as CoreError, ErrorKind};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

/// Decode the argument `value`; `root` prefixes the places named in errors (`""` for the
/// principal scorecard argument, so that places read as in a file; the parameter name else).
pub fn from_js<T: DeserializeOwned>(value: &JsValue, root: &str) -> Result<T, JsValue> {
    let text = if value.is_undefined() {
        None
    } else {
        js_sys::JSON::stringify(value)
            .map_err(|e| {
                argument_error(
                    root,
                    format!("cannot be read as JSON ({})", message_of(&e)),
                    "pass plain objects, arrays, strings, numbers and booleans",
                )
            })?
            .as_string()
    };
    let Some(text) = text else {
        return Err(argument_error(root, "missing (undefined)".to_owned(), ""));
    };
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| argument_error(root, format!("cannot be read as JSON ({e})"), ""))?;
    rfp_core::file::decode(json, root).map_err(|e| to_error(&e))
}

/// The largest whole number a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn to_javascript_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) => {
            let beyond = n.as_u64().is_some_and(|v| v > MAX_SAFE_INTEGER)
                || n.as_i64()
                    .is_some_and(|v| v.unsigned_abs() > MAX_SAFE_INTEGER);
            if beyond {
                if let Some(near) = n.as_f64().and_then(serde_json::Number::from_f64) {
                    *n = near;
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(to_javascript_numbers),
        Value::Object(members) => members.values_mut().for_each(to_javascript_numbers),
        _ => {}
    }
}

/// Decode an optional argument: `undefined` and `null` give `None`.
pub fn from_js_opt<T: DeserializeOwned>(value: &JsValue, root: &str) -> Result<Option<T>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        from_js(value, root).map(Some)
    }
}

/// A Rust value as a plain JavaScript value.
///
/// Through `serde_json::Value`, so that the types' `Serialize` code is the one the core already
/// has for files, and serde-wasm-bindgen is instantiated once (for `Value`): this keeps the wasm
/// small. Numbers that JSON cannot hold (none reach here: the report is defined) become null.
/// A whole number beyond ±2^53 (an unknown member of a file written elsewhere) becomes the
/// nearest JavaScript number, as `JSON.parse` would read it.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let mut value =
        serde_json::to_value(value).map_err(|e| plain_error("other", &e.to_string(), &[]))?;
    to_javascript_numbers(&mut value);
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| plain_error("other", &e.to_string(), &[]))
}

/// The core's error as a JavaScript `Error`: `message` is the core's text, `kind` names the
/// [`ErrorKind`] in snake_case, and `diagnostics` lists each problem with its place.
pub fn to_error(error: &CoreError) -> JsValue {
    let kind = match error.kind() {
        ErrorKind::Syntax { .. } => "syntax",
        ErrorKind::NotAScorecard { .. } => "not_a_scorecard",
        ErrorKind::NewerSchema { .. } => "newer_schema",
        ErrorKind::Invalid(_) => "invalid",
        ErrorKind::CriteriaDiffer { .. } => "criteria_differ",
        _ => "other",
    };
    plain_error(kind, &error.to_string(), &error.diagnostics())
}

/// A bad argument that the core never saw (not JSON, missing, a bad option).
pub fn argument_error(place: &str, message: String, hint: &str) -> JsValue {
    let place = if place.is_empty() { "scorecard" } else { place };
    let diagnostic = Diagnostic::error(place, message).with_hint(hint);
    error_from_diagnostics(vec![diagnostic])
}

/// An error of kind `invalid` listing `diagnostics`, with the core's wording.
pub fn error_from_diagnostics(diagnostics: Vec<Diagnostic>) -> JsValue {
    to_error(&ErrorKind::Invalid(diagnostics).into())
}

fn plain_error(kind: &str, message: &str, diagnostics: &[Diagnostic]) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("RfpError");
    let object: &JsValue = error.as_ref();
    // Setting a property on a fresh Error cannot fail; an empty list is the fallback anyway.
    let diagnostics = to_js(diagnostics).unwrap_or_else(|_| js_sys::Array::new().into());
    let _ = js_sys::Reflect::set(object, &"kind".into(), &kind.into());
    let _ = js_sys::Reflect::set(object, &"diagnostics".into(), &diagnostics);
    error.into()
}

fn message_of(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown reason".to_owned())
}

/// A refused edit as a JavaScript `Error` (`kind` `"refused"`): its message, the `field` of the
/// edit it names, and every problem the change would have brought.
pub fn edit_error(error: &rfp_core::edit::EditError) -> JsValue {
    let value = plain_error("refused", &error.message, &error.diagnostics);
    let _ = js_sys::Reflect::set(&value, &"field".into(), &error.field.as_str().into());
    value
}
