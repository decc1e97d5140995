//! Embed mode: the site in another site's iframe, driven by `postMessage`.
//!
//! Opened as `index.html?embed=<parent origin>` (an exact origin such as
//! `https://consultant.example`), the page listens for `message` events, ignores every one whose
//! `event.origin` is not exactly that origin or whose `source` is not `window.parent`, and always
//! posts to that exact origin (never `'*'`). A value that is not an exact origin (`*`, a path, a
//! typo) refuses embed mode: the page says so and answers nothing.
//!
//! | direction | message |
//! |---|---|
//! | frame → host | `{type: 'rfp:ready'}` once listening |
//! | host → frame | `{type: 'rfp:load', id?, file, name?}` (file text) or `{type: 'rfp:load', id?, scorecard, name?}` |
//! | host → frame | `{type: 'rfp:get-report', id?}` |
//! | frame → host | `{type: 'rfp:report', id, report}` answering both; `{type: 'rfp:error', id, message, diagnostics}` |
//! | frame → host | `{type: 'rfp:resize', height}` whenever the document's height changes |
//!
//! A load is [`Action::Open`], exactly like choosing a file: undoable, refused with rfp-core's
//! diagnostics when the file is bad (the work stays as it was). The report is rfp-core's
//! `Report` as plain JSON data, with the file format's snake_case names: the shape the npm
//! API's `score()` returns. In embed mode the page neither restores nor keeps work in the
//! browser's storage (the host decides what is shown, and the frame's origin may also serve the
//! site itself, whose kept work must not be overwritten).
//!
//! The protocol itself — reading the address, checking an origin, reading a message, writing an
//! answer — is plain Rust over `serde_json::Value`, tested natively; [`use_embed`] is the wiring.

use std::rc::Rc;

use rfp_core::{Diagnostic, Report};
use serde_json::{Value, json};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::browser;
use crate::state::{Action, State};

/// Longest `file` text (and serialized `scorecard`) a load accepts: the limit for chosen files.
pub const MAX_TEXT_BYTES: usize = browser::MAX_FILE_BYTES as usize;
/// Longest `id` string echoed back.
const MAX_ID_CHARS: usize = 200;
/// Longest `name` (the file name the site saves under).
const MAX_NAME_CHARS: usize = 255;

/// Whether the page is embedded, as its address says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// No `embed` parameter: the normal page.
    Off,
    /// `?embed=<origin>`: answer that exact origin.
    On {
        /// The parent's origin, exactly as `event.origin` gives it.
        parent_origin: String,
    },
    /// `?embed=` with something that is not an exact origin: answer nothing, and say so.
    Refused {
        /// What was given (shortened for display).
        given: String,
        /// Why it is not an exact origin.
        reason: String,
    },
}

impl Mode {
    /// The mode for the address's query string (`location.search`, with or without `?`).
    pub fn from_query(search: &str) -> Mode {
        let Some(value) =
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| match pair.split_once('=') {
                    Some(("embed", value)) => Some(value),
                    None if pair == "embed" => Some(""),
                    _ => None,
                })
        else {
            return Mode::Off;
        };
        let Some(given) = percent_decode(value) else {
            return Mode::Refused {
                given: shorten(value),
                reason: "it is not correctly percent-encoded".into(),
            };
        };
        match parse_origin(&given) {
            Ok(parent_origin) => Mode::On { parent_origin },
            Err(reason) => Mode::Refused {
                given: shorten(&given),
                reason,
            },
        }
    }

    /// Embed mode was asked for (valid or not): nothing is restored or kept in the browser.
    pub fn requested(&self) -> bool {
        !matches!(self, Mode::Off)
    }
}

/// The mode of this page, from its address.
pub fn mode() -> Mode {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Mode::from_query(&search)
}

fn shorten(text: &str) -> String {
    let shown: String = text.chars().take(80).collect();
    if shown.len() < text.len() {
        format!("{shown}…")
    } else {
        shown
    }
}

/// `%XX` decoding as `URLSearchParams` does it (`+` is a space); `None` for broken escapes or
/// bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.bytes();
    while let Some(byte) = rest.next() {
        match byte {
            b'%' => {
                let high = (rest.next()? as char).to_digit(16)?;
                let low = (rest.next()? as char).to_digit(16)?;
                bytes.push((high * 16 + low) as u8);
            }
            b'+' => bytes.push(b' '),
            other => bytes.push(other),
        }
    }
    String::from_utf8(bytes).ok()
}

/// `text` if it is an exact origin as browsers serialize it — `http` or `https`, a lowercase
/// host, a port only when not the scheme's default, nothing after — else why not.
pub fn parse_origin(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Err("it is empty".into());
    }
    if text == "*" {
        return Err(
            "“*” would answer any site; name the exact origin of the embedding page".into(),
        );
    }
    let (scheme, rest) = text
        .split_once("://")
        .ok_or("it has no scheme (expected https://host or http://host:port)")?;
    let default_port = match scheme {
        "https" => "443",
        "http" => "80",
        _ => return Err(format!("the scheme must be https or http, not “{scheme}”")),
    };
    if rest.contains(['/', '?', '#']) {
        return Err("an origin has no path, query or fragment (not even a final /)".into());
    }
    if rest.contains('@') {
        return Err("an origin has no user name or password".into());
    }
    let (host, port) = match rest.rsplit_once(':') {
        // An IPv6 address without a port: the last colon is inside the brackets.
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (rest, None),
    };
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && !port.starts_with('0')
            && port.parse::<u32>().is_ok_and(|p| p <= 65_535);
        if !valid {
            return Err(format!("“{port}” is not a port number"));
        }
        if port == default_port {
            return Err(format!(
                "browsers leave out the default port {port} of {scheme}: write {scheme}://{host}"
            ));
        }
    }
    let host_ok = if let Some(inner) = host.strip_prefix('[') {
        inner.strip_suffix(']').is_some_and(|inner| {
            !inner.is_empty()
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b':')
        })
    } else {
        !host.is_empty()
            && !host.starts_with('.')
            && !host.contains("..")
            && host
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    };
    if !host_ok {
        return Err(format!(
            "“{host}” is not a host as browsers write it (lowercase letters, digits, - and .; \
             punycode for other letters)"
        ));
    }
    Ok(text.to_owned())
}

/// A message from the host that the frame acts on.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Open this file text, as if chosen in the page.
    Load {
        /// Echoed in the answer.
        id: Value,
        /// The name the site shows and saves under.
        file_name: String,
        /// The scorecard file's text.
        text: String,
    },
    /// Answer with the current report.
    GetReport {
        /// Echoed in the answer.
        id: Value,
    },
}

/// What to do with a message from the host.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Not a message of this protocol (no `type` starting with `rfp:`): no answer.
    Ignore,
    /// Act on it.
    Request(Request),
    /// A message of this protocol that cannot be used: answer `rfp:error` naming the field.
    Refuse {
        /// Echoed in the answer (`null` when the `id` itself is the problem).
        id: Value,
        /// The field at fault and what is wrong with it.
        diagnostic: Diagnostic,
    },
}

/// Read a message's data (as JSON). Never panics; anything unusable is ignored or refused with
/// the field named.
pub fn parse_request(data: &Value) -> Parsed {
    let Some(object) = data.as_object() else {
        return Parsed::Ignore;
    };
    let Some(kind) = object
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| t.starts_with("rfp:"))
    else {
        return Parsed::Ignore;
    };
    let refuse = |id: &Value, field: &str, message: String| Parsed::Refuse {
        id: id.clone(),
        diagnostic: Diagnostic::error(field, message),
    };
    let id = match object.get("id") {
        None | Some(Value::Null) => Value::Null,
        Some(Value::Number(n)) => Value::Number(n.clone()),
        Some(Value::String(s)) if s.chars().count() <= MAX_ID_CHARS => Value::String(s.clone()),
        Some(Value::String(_)) => {
            return refuse(
                &Value::Null,
                "id",
                format!("longer than {MAX_ID_CHARS} characters"),
            );
        }
        Some(other) => {
            return refuse(
                &Value::Null,
                "id",
                format!(
                    "expected a string or a number, found {}",
                    rfp_core::error::describe_value(other)
                ),
            );
        }
    };
    match kind {
        "rfp:get-report" => Parsed::Request(Request::GetReport { id }),
        "rfp:load" => {
            let file_name = match object.get("name") {
                None | Some(Value::Null) => "scorecard.json".to_owned(),
                Some(Value::String(s))
                    if !s.trim().is_empty() && s.chars().count() <= MAX_NAME_CHARS =>
                {
                    s.clone()
                }
                Some(other) => {
                    return refuse(
                        &id,
                        "name",
                        format!(
                            "expected a file name of 1 to {MAX_NAME_CHARS} characters, found {}",
                            rfp_core::error::describe_value(other)
                        ),
                    );
                }
            };
            let text = match (object.get("file"), object.get("scorecard")) {
                (Some(_), Some(_)) => {
                    return refuse(
                        &id,
                        "file",
                        "give either `file` (the file's text) or `scorecard` (an object), not both"
                            .into(),
                    );
                }
                (Some(Value::String(text)), None) => text.clone(),
                (Some(other), None) => {
                    return refuse(
                        &id,
                        "file",
                        format!(
                            "expected the scorecard file's text (a string), found {}",
                            rfp_core::error::describe_value(other)
                        ),
                    );
                }
                (None, Some(scorecard @ Value::Object(_))) => json!({
                    "format": rfp_core::file::FORMAT_ID,
                    "schema_version": rfp_core::file::SCHEMA_VERSION,
                    "scorecard": scorecard,
                })
                .to_string(),
                (None, Some(other)) => {
                    return refuse(
                        &id,
                        "scorecard",
                        format!(
                            "expected a scorecard object, found {}",
                            rfp_core::error::describe_value(other)
                        ),
                    );
                }
                (None, None) => {
                    return refuse(
                        &id,
                        "file",
                        "missing: rfp:load needs `file` (the file's text) or `scorecard` (an object)"
                            .into(),
                    );
                }
            };
            if text.len() > MAX_TEXT_BYTES {
                let field = if object.contains_key("file") {
                    "file"
                } else {
                    "scorecard"
                };
                return refuse(
                    &id,
                    field,
                    format!("larger than {} MB", MAX_TEXT_BYTES / 1024 / 1024),
                );
            }
            Parsed::Request(Request::Load {
                id,
                file_name,
                text,
            })
        }
        other => refuse(
            &id,
            "type",
            format!(
                "unknown message type “{}” (expected rfp:load or rfp:get-report)",
                shorten(other)
            ),
        ),
    }
}

/// `{type: 'rfp:ready'}`.
pub fn ready() -> Value {
    json!({ "type": "rfp:ready" })
}

/// `{type: 'rfp:resize', height}`.
pub fn resize(height: u32) -> Value {
    json!({ "type": "rfp:resize", "height": height })
}

/// `{type: 'rfp:report', id, report}`: the report as the file format's JSON (snake_case).
pub fn report(id: &Value, report: &Report) -> Value {
    let report = serde_json::to_value(report).unwrap_or(Value::Null);
    json!({ "type": "rfp:report", "id": id, "report": report })
}

/// `{type: 'rfp:error', id, message, diagnostics}`: one line, then every problem with its place.
pub fn error(id: &Value, message: &str, diagnostics: &[Diagnostic]) -> Value {
    json!({
        "type": "rfp:error",
        "id": id,
        "message": message,
        "diagnostics": serde_json::to_value(diagnostics).unwrap_or(Value::Null),
    })
}

/// The answer to a load, from the state before and after [`Action::Open`]: the new report, or
/// the refusal with rfp-core's diagnostics (the work unchanged).
pub fn load_answer(id: &Value, before: &State, after: &State) -> Value {
    match &after.refused {
        Some(refused)
            if after.generation == before.generation
                && !before
                    .refused
                    .as_ref()
                    .is_some_and(|b| Rc::ptr_eq(b, refused)) =>
        {
            let first = refused
                .diagnostics
                .iter()
                .find(|d| d.severity == rfp_core::Severity::Error)
                .or(refused.diagnostics.first());
            let mut message = refused.summary.clone();
            if let Some(first) = first {
                message.push(' ');
                if !first.location.is_empty() {
                    message.push_str(&format!("{}: ", first.location));
                }
                message.push_str(&first.message);
                if refused.diagnostics.len() > 1 {
                    message.push_str(&format!(
                        " (and {} more in diagnostics)",
                        refused.diagnostics.len() - 1
                    ));
                }
            }
            error(id, &message, &refused.diagnostics)
        }
        _ => report(id, &after.report),
    }
}

/// What the page shows about embed mode: where it is embedded, or why it refused.
pub fn banner(mode: &Mode) -> Html {
    match mode {
        Mode::Off => html! {},
        Mode::On { parent_origin } => html! {
            <p class="notice" role="status">
                { "Embedded in " }{ parent_origin.clone() }
                { ". Work here is not kept in this browser: save a file to keep it." }
            </p>
        },
        Mode::Refused { given, reason } => html! {
            <p class="notice warn" role="alert">
                { "Not embedded: “" }{ given.clone() }{ "” is not an exact origin (" }{ reason.clone() }
                { "). This page answers no messages; the embedding page must name its origin, as in ?embed=https://consultant.example." }
            </p>
        },
    }
}

/// In embed mode, listen to the parent and answer it; announce readiness; report the height.
#[hook]
pub fn use_embed(state: &UseReducerHandle<State>, mode: &Mode) {
    let state = state.clone();
    let mode = mode.clone();
    // Ready at once, before the demo has come: a host loads its own scorecard, which the demo
    // then no longer replaces.
    use_effect_with((), move |()| {
        let connection = match mode {
            Mode::On { parent_origin } => Connection::start(state, parent_origin),
            // Refused: nothing is answered; messages are only counted as ignored.
            Mode::Refused { .. } => Connection::ignore_all(),
            Mode::Off => None,
        };
        move || drop(connection)
    });
}

/// The live wiring: the message listener and the resize observer, removed when dropped.
struct Connection {
    _listener: browser::Listener,
    observer: Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        if let Some((observer, _)) = &self.observer {
            observer.disconnect();
        }
    }
}

impl Connection {
    fn start(state: UseReducerHandle<State>, parent_origin: String) -> Option<Connection> {
        let window = web_sys::window()?;
        let parent = window.parent().ok().flatten()?;
        // Not in a frame: there is no one to answer.
        if js_sys::Object::is(&parent, &window) {
            return None;
        }
        let poster = Poster {
            parent: parent.clone(),
            origin: parent_origin.clone(),
        };
        let answer = poster.clone();
        let listener = browser::listen(window.clone().into(), "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let from_parent = event
                .source()
                .is_some_and(|source| js_sys::Object::is(&source, &parent));
            if event.origin() != parent_origin || !from_parent {
                count_ignored();
                return;
            }
            if let Some(reply) = handle(&state, &event.data()) {
                answer.post(&reply);
            }
        })?;
        let observer = observe_height(poster.clone());
        poster.post(&ready());
        Some(Connection {
            _listener: listener,
            observer,
        })
    }
}

impl Connection {
    /// Listen only to count what is ignored (embed mode refused: nothing is answered).
    fn ignore_all() -> Option<Connection> {
        let window = web_sys::window()?;
        let listener = browser::listen(window.into(), "message", |_| count_ignored())?;
        Some(Connection {
            _listener: listener,
            observer: None,
        })
    }
}

/// Count a message ignored (another origin, another window, or embed mode refused) in the
/// page's `data-ignored-messages`, so that a test can wait for the frame to have ignored what
/// it was sent instead of waiting a fixed time.
fn count_ignored() {
    let Some(root) = browser::root_element() else {
        return;
    };
    let count = root
        .get_attribute("data-ignored-messages")
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0);
    let _ = root.set_attribute(
        "data-ignored-messages",
        &count.saturating_add(1).to_string(),
    );
}

/// Act on one message from the parent; the answer to post, if any.
fn handle(state: &UseReducerHandle<State>, data: &JsValue) -> Option<Value> {
    // Cheap look first: only this protocol's messages are read whole.
    let kind = js_sys::Reflect::get(data, &"type".into())
        .ok()
        .and_then(|t| t.as_string())?;
    if !data.is_object() || !kind.starts_with("rfp:") {
        return None;
    }
    let value = js_sys::JSON::stringify(data)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str::<Value>(&text).ok());
    let Some(value) = value else {
        let message = "the message cannot be read as JSON";
        return Some(error(
            &Value::Null,
            message,
            &[Diagnostic::error("", message)],
        ));
    };
    match parse_request(&value) {
        Parsed::Ignore => None,
        Parsed::Refuse { id, diagnostic } => {
            let message = format!("{}: {}", diagnostic.location, diagnostic.message);
            Some(error(&id, &message, &[diagnostic]))
        }
        Parsed::Request(Request::GetReport { id }) => Some(report(&id, &state.report)),
        Parsed::Request(Request::Load {
            id,
            file_name,
            text,
        }) => {
            let before = (**state).clone();
            // The reducer runs at once; the handle then reads the new state.
            state.dispatch(Action::Open { file_name, text });
            Some(load_answer(&id, &before, state))
        }
    }
}

/// Posts to the parent, always naming its exact origin.
#[derive(Clone)]
struct Poster {
    parent: web_sys::Window,
    origin: String,
}

impl Poster {
    fn post(&self, message: &Value) {
        let Ok(message) = js_sys::JSON::parse(&message.to_string()) else {
            return;
        };
        let _ = self.parent.post_message(&message, &self.origin);
    }
}

/// Sends `rfp:resize` whenever the document's height (in whole pixels) changes.
fn observe_height(poster: Poster) -> Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)> {
    let root = web_sys::window()?.document()?.document_element()?;
    let measured = root.clone();
    let mut last = None;
    let closure = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil().max(0.0) as u32;
        if last != Some(height) {
            last = Some(height);
            poster.post(&resize(height));
        }
    });
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    Some((observer, closure))
}

#[cfg(test)]
mod tests {
    use super::*;
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn demo_file() -> String {
        rfp_core::save(&rfp_templates::demo()).expect("the demo saves")
    }

    fn refused_field(parsed: Parsed) -> (Value, String) {
        match parsed {
            Parsed::Refuse { id, diagnostic } => (id, diagnostic.location.to_string()),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn only_exact_origins_turn_embed_mode_on() {
        for origin in [
            "https://consultant.example",
            "http://127.0.0.1:8711",
            "http://localhost:3000",
            "https://xn--bcher-kva.example",
            "http://[::1]:8080",
            "http://[::1]",
        ] {
            assert_eq!(parse_origin(origin), Ok(origin.to_owned()), "{origin}");
        }
        for bad in [
            "",
            "*",
            "null",
            "consultant.example",
            "https://consultant.example/",
            "https://consultant.example/page",
            "https://consultant.example?x",
            "https://Consultant.example",
            "https://consultant.example:443",
            "http://consultant.example:80",
            "https://consultant.example:0",
            "https://consultant.example:08711",
            "https://consultant.example:99999",
            "https://consultant.example:",
            "https://user@consultant.example",
            "ftp://consultant.example",
            "javascript://x",
            "https://",
            "https://bücher.example",
            "https://a..example",
            "http://[::1",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn the_address_gives_the_mode() {
        assert_eq!(Mode::from_query(""), Mode::Off);
        assert_eq!(Mode::from_query("?bench"), Mode::Off);
        assert_eq!(
            Mode::from_query("?x=1&embed=https%3A%2F%2Fconsultant.example"),
            Mode::On {
                parent_origin: "https://consultant.example".into()
            }
        );
        assert_eq!(
            Mode::from_query("embed=http://127.0.0.1:8711"),
            Mode::On {
                parent_origin: "http://127.0.0.1:8711".into()
            }
        );
        for refused in [
            "?embed=*",
            "?embed=%2A",
            "?embed",
            "?embed=",
            "?embed=%zz",
            "?embed=a.example",
        ] {
            let mode = Mode::from_query(refused);
            assert!(matches!(mode, Mode::Refused { .. }), "{refused}: {mode:?}");
            assert!(mode.requested());
        }
        assert!(!Mode::Off.requested());
    }

    #[test]
    fn requests_are_read_and_bad_fields_named() {
        let file = demo_file();
        assert_eq!(
            parse_request(&json!({"type": "rfp:load", "id": 7, "file": file})),
            Parsed::Request(Request::Load {
                id: json!(7),
                file_name: "scorecard.json".into(),
                text: file.clone()
            })
        );
        assert_eq!(
            parse_request(&json!({"type": "rfp:get-report"})),
            Parsed::Request(Request::GetReport { id: Value::Null })
        );
        // Not this protocol: no answer at all.
        for other in [
            json!(null),
            json!("rfp:load"),
            json!([1]),
            json!({"type": 3}),
            json!({"type": "hello"}),
            json!({}),
        ] {
            assert_eq!(parse_request(&other), Parsed::Ignore, "{other}");
        }
        let cases = [
            (json!({"type": "rfp:load", "id": "a"}), "file"),
            (json!({"type": "rfp:load", "id": "a", "file": 12}), "file"),
            (
                json!({"type": "rfp:load", "id": "a", "file": "{}", "scorecard": {}}),
                "file",
            ),
            (
                json!({"type": "rfp:load", "id": "a", "scorecard": "text"}),
                "scorecard",
            ),
            (
                json!({"type": "rfp:load", "id": "a", "file": "{}", "name": ["x"]}),
                "name",
            ),
            (
                json!({"type": "rfp:load", "id": "a", "file": "{}", "name": ""}),
                "name",
            ),
            (json!({"type": "rfp:steal", "id": "a"}), "type"),
        ];
        for (message, field) in cases {
            assert_eq!(
                refused_field(parse_request(&message)),
                (json!("a"), field.to_owned()),
                "{message}"
            );
        }
        // A bad id cannot be echoed: the answer's id is null.
        for id in [json!({"x": 1}), json!(true), json!("i".repeat(201))] {
            let message = json!({"type": "rfp:get-report", "id": id});
            assert_eq!(
                refused_field(parse_request(&message)),
                (Value::Null, "id".to_owned())
            );
        }
        let huge = json!({"type": "rfp:load", "file": " ".repeat(MAX_TEXT_BYTES + 1)});
        assert_eq!(
            refused_field(parse_request(&huge)),
            (Value::Null, "file".to_owned())
        );
    }

    #[test]
    fn a_load_answers_with_the_report_or_the_refusal_and_keeps_the_work() {
        use yew::Reducible;
        let demo = Rc::new(State::demo());
        let mut other = rfp_templates::demo();
        other.criteria[0].weight += 10.0;
        let text = rfp_core::save(&other).expect("saves");
        // By object: wrapped in the file's envelope, opened like a file.
        let object = serde_json::to_value(&other).expect("serializes");
        let Parsed::Request(Request::Load { text: wrapped, .. }) =
            parse_request(&json!({"type": "rfp:load", "scorecard": object}))
        else {
            panic!("not a load");
        };
        for text in [text, wrapped] {
            let opened = Rc::clone(&demo).reduce(Action::Open {
                file_name: "x.json".into(),
                text,
            });
            let answer = load_answer(&json!(1), &demo, &opened);
            assert_eq!(answer["type"], "rfp:report");
            assert_eq!(answer["id"], 1);
            assert_eq!(
                answer["report"],
                serde_json::to_value(rfp_core::score(&other)).unwrap()
            );
            assert!(
                opened.session.undo_len() == 1,
                "undoable like any opened file"
            );
        }

        let damaged = r#"{"format": "rfp-scorecard", "schema_version": 1, "scorecard": {"criteria": [{"id": "a", "name": "A", "weight": "ten"}]}}"#;
        let refused = Rc::clone(&demo).reduce(Action::Open {
            file_name: "bad.json".into(),
            text: damaged.into(),
        });
        let answer = load_answer(&json!("b"), &demo, &refused);
        assert_eq!(answer["type"], "rfp:error");
        assert_eq!(answer["id"], "b");
        assert!(
            answer["message"].as_str().unwrap().contains("weight"),
            "{answer}"
        );
        assert_eq!(answer["diagnostics"][0]["location"], "criteria[0].weight");
        assert_eq!(refused.scorecard, demo.scorecard, "the work is unchanged");

        // The same refusal again is a new refusal, answered as one.
        let again = Rc::clone(&refused).reduce(Action::Open {
            file_name: "bad.json".into(),
            text: "not json".into(),
        });
        assert_eq!(
            load_answer(&Value::Null, &refused, &again)["type"],
            "rfp:error"
        );
    }

    #[test]
    fn answers_are_plain_json_messages() {
        assert_eq!(ready(), json!({"type": "rfp:ready"}));
        assert_eq!(resize(480), json!({"type": "rfp:resize", "height": 480}));
        let report = report(&json!(3), &rfp_core::score(&rfp_templates::demo()));
        assert!(report["report"]["vendors"][0]["total"].is_number());
        let diagnostics = [Diagnostic::error("file", "missing")];
        let error = error(&Value::Null, "file: missing", &diagnostics);
        assert_eq!(error["diagnostics"][0]["severity"], "error");
    }
}
