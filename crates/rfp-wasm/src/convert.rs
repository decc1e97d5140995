//! Values across the boundary, and errors as JavaScript `Error`s.
//!
//! In: a JavaScript value is read as `JSON.stringify` writes it (so `undefined` members are left
//! out, exactly as in a file), then decoded by [`rfp_core::file::decode`], which names every
//! field of the wrong type at once. Out: the core's JSON, read by `JSON.parse` (plain objects
//! and arrays, `null` for a missing value), with the core's snake_case field names.

use rfp_core::error::{Diagnostic, Error as CoreError, ErrorKind};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

/// Decode the argument `value`; `root` prefixes the places named in errors (`""` for the
/// principal scorecard argument, so that places read as in a file; the parameter name else).
pub fn from_js<T: DeserializeOwned>(value: &JsValue, root: &str) -> Result<T, JsValue> {
    read_js(value, root).map_err(error_from_diagnostics)
}

/// [`from_js`], its problems as diagnostics (every wrong field at once, at its place).
fn read_js<T: DeserializeOwned>(value: &JsValue, root: &str) -> Result<T, Vec<Diagnostic>> {
    let text = if value.is_undefined() {
        None
    } else {
        js_sys::JSON::stringify(value)
            .map_err(|e| {
                vec![argument_problem(
                    root,
                    format!("cannot be read as JSON ({})", message_of(&e)),
                    "pass plain objects, arrays, strings, numbers and booleans",
                )]
            })?
            .as_string()
    };
    let Some(text) = text else {
        return Err(vec![argument_problem(
            root,
            "missing (undefined)".to_owned(),
            "",
        )]);
    };
    // JSON.stringify writes JSON; what the reader can refuse is a value nested too deep, said
    // in a file's words.
    let json = rfp_core::file::parse_json(&text).map_err(|e| {
        let message = match rfp_core::file::syntax_error(&e).kind() {
            ErrorKind::Syntax { message, .. } => message.clone(),
            _ => e.to_string(),
        };
        vec![argument_problem(
            root,
            format!("cannot be read: {message}"),
            "",
        )]
    })?;
    rfp_core::file::decode(json, root).map_err(|e| e.diagnostics())
}

/// Decode an optional argument: `undefined` and `null` give `None`.
pub fn from_js_opt<T: DeserializeOwned>(value: &JsValue, root: &str) -> Result<Option<T>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        from_js(value, root).map(Some)
    }
}

/// A string argument's text. Every string parameter takes a `JsValue` (typed `string` for
/// TypeScript) and comes through here: wasm-bindgen's own `&str` reads a number or an object
/// as if it were a string and traps the module. Anything else is an error of kind `invalid`
/// at the parameter's `name`: `evaluatorId: expected text, found a number (5)`.
pub fn text(value: &JsValue, name: &str) -> Result<String, JsValue> {
    read_text(value, name).map_err(|problem| error_from_diagnostics(vec![problem]))
}

/// [`text`], its problem as a diagnostic.
fn read_text(value: &JsValue, name: &str) -> Result<String, Diagnostic> {
    value.as_string().ok_or_else(|| {
        argument_problem(
            name,
            format!("expected text, found {}", describe(value)),
            "pass a string",
        )
    })
}

/// A number argument: a JavaScript number, or an `RfpError` naming the parameter for anything
/// else (wasm-bindgen's own `f64` would read `"3"` as 3 and an object as NaN, and throw an
/// engine's `TypeError` for a BigInt).
pub fn number(value: &JsValue, name: &str) -> Result<f64, JsValue> {
    value.as_f64().ok_or_else(|| {
        argument_error(
            name,
            format!("expected a number, found {}", describe(value)),
            "pass a number",
        )
    })
}

/// A list of `{ name, scorecard }` (the files `merge` takes), each scorecard decoded on its own
/// at `root[i].scorecard` (read as [`from_js`] reads a value; the item objects themselves are
/// read member by member). Read as one value, the list and its objects would take two of the
/// JSON reader's nesting levels, and a scorecard as deep as a file may be would be refused here
/// alone. Every item's problems are named at once.
pub fn named_scorecards(
    value: &JsValue,
    root: &str,
) -> Result<Vec<(String, rfp_core::Scorecard)>, JsValue> {
    if !js_sys::Array::is_array(value) {
        return Err(argument_error(
            root,
            format!("expected a list, found {}", describe(value)),
            "pass an array of { name, scorecard }",
        ));
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in js_sys::Array::from(value).iter().enumerate() {
        let at = format!("{root}[{i}]");
        if !item.is_object() || js_sys::Array::is_array(&item) {
            problems.push(argument_problem(
                &at,
                format!("expected an object, found {}", describe(&item)),
                "pass { name, scorecard }",
            ));
            continue;
        }
        // Reading a member of an object fails only for a getter that throws.
        let member = |name: &str| {
            js_sys::Reflect::get(&item, &name.into())
                .map_err(|e| argument_problem(&format!("{at}.{name}"), message_of(&e), ""))
        };
        let name = member("name").and_then(|name| read_text(&name, &format!("{at}.name")));
        let scorecard = member("scorecard")
            .map_err(|problem| vec![problem])
            .and_then(|scorecard| read_js(&scorecard, &format!("{at}.scorecard")));
        match (name, scorecard) {
            (Ok(name), Ok(scorecard)) => files.push((name, scorecard)),
            (name, scorecard) => {
                problems.extend(name.err());
                problems.extend(scorecard.err().into_iter().flatten());
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(error_from_diagnostics(problems))
    }
}

/// An optional string argument: `undefined` and `null` give `None`, anything else is read by
/// [`text`].
pub fn text_opt(value: Option<JsValue>, name: &str) -> Result<Option<String>, JsValue> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => text(&value, name).map(Some),
        _ => Ok(None),
    }
}

/// What a value that is not text is, for a message: `a number (5)`, `an object`, `undefined`.
fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined (nothing was passed)".to_owned()
    } else if value.is_null() {
        "null".to_owned()
    } else if let Some(number) = value.as_f64() {
        format!("a number ({})", rfp_core::typed::shown_number(number))
    } else if let Some(text) = value.as_string() {
        format!("text ({})", rfp_core::typed::shown(&text))
    } else if let Some(boolean) = value.as_bool() {
        format!("a boolean ({boolean})")
    } else if value.is_bigint() {
        "a bigint".to_owned()
    } else if value.is_symbol() {
        "a symbol".to_owned()
    } else if value.is_function() {
        "a function".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else {
        "an object".to_owned()
    }
}

/// A Rust value as a plain JavaScript value: written as JSON text by the core's own
/// `Serialize` code (the one files use) and read by the engine's `JSON.parse`.
///
/// One string crosses the boundary instead of one call per object, array and member, which
/// made large reports 50–100× slower in the browser than natively; and no second serializer
/// is compiled in. Numbers read as `JSON.parse` reads them: a whole number beyond ±2^53 (an
/// unknown member of a file written elsewhere) becomes the nearest JavaScript number, and a
/// number JSON cannot hold (none reach here: the report is defined) becomes `null`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text =
        serde_json::to_string(value).map_err(|e| plain_error("other", &e.to_string(), &[]))?;
    js_sys::JSON::parse(&text).map_err(|e| plain_error("other", &message_of(&e), &[]))
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
    error_from_diagnostics(vec![argument_problem(place, message, hint)])
}

/// The problem of [`argument_error`], to list with others.
fn argument_problem(place: &str, message: String, hint: &str) -> Diagnostic {
    let place = if place.is_empty() { "scorecard" } else { place };
    Diagnostic::error(place, message).with_hint(hint)
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
