//! The shipped templates, the demo, and tailoring from them (the `templates` feature).

use rfp_core::model::PracticeProfile;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{self, argument_error, from_js, to_error, to_js};
use crate::{JsResult, tailored_to_js};

#[derive(Serialize)]
struct TemplateInfoJs {
    id: &'static str,
    name: &'static str,
    summary: &'static str,
}

/// The shipped templates (`{id, name, summary}`), the small primary-care one first.
#[wasm_bindgen(js_name = templates, unchecked_return_type = "TemplateInfo[]")]
pub fn templates() -> JsResult {
    let list: Vec<TemplateInfoJs> = rfp_templates::TEMPLATES
        .iter()
        .map(|t| TemplateInfoJs {
            id: t.id,
            name: t.name,
            summary: t.summary,
        })
        .collect();
    to_js(&list)
}

/// The template with this id, with its fictional demo vendors.
#[wasm_bindgen(js_name = template, unchecked_return_type = "Scorecard")]
pub fn template(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> JsResult {
    let id = convert::text(&id, "id")?;
    let Some(template) = rfp_templates::find(&id) else {
        let known: Vec<&str> = rfp_templates::TEMPLATES.iter().map(|t| t.id).collect();
        return Err(argument_error(
            "id",
            format!("no template {id:?}"),
            &format!("templates: {}", known.join(", ")),
        ));
    };
    to_js(&template.scorecard().map_err(|e| to_error(&e))?)
}

/// The built-in demo: the small primary-care template with its four fictional vendors.
#[wasm_bindgen(js_name = demo, unchecked_return_type = "Scorecard")]
pub fn demo() -> JsResult {
    to_js(&rfp_templates::demo())
}

/// Tailor a scorecard to a practice profile from the closest shipped template (every change
/// is listed in `scorecard.meta.adjustments`).
#[wasm_bindgen(js_name = tailor, unchecked_return_type = "Tailored")]
pub fn tailor(
    #[wasm_bindgen(unchecked_param_type = "PracticeProfile")] profile: JsValue,
) -> JsResult {
    let profile: PracticeProfile = from_js(&profile, "profile")?;
    let tailored = rfp_templates::tailor(&profile).map_err(|e| to_error(&e))?;
    tailored_to_js(&tailored)
}
