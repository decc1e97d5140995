//! # rfp-wasm — the JavaScript API of RFP Scorecard
//!
//! Brief overview: a thin wasm-bindgen layer over `rfp-core` (and `rfp-templates` with the
//! default `templates` feature). Every function converts its arguments, calls the core and
//! converts the result; there is no logic here. Names are camelCase (`importRequirements`);
//! values in and out are plain JavaScript objects whose field names are the file format's
//! snake_case ones (`schema_version`, `trim_fraction`), so an object from `load` is the
//! `scorecard` member of the file as it is.
//!
//! Errors are thrown as JavaScript `Error`s (`name` `"RfpError"`) with the core's message, a
//! `kind` (`invalid`, `syntax`, `not_a_scorecard`, `newer_schema`, `criteria_differ`) and
//! `diagnostics`: every problem with `severity`, `location`, `message` and `hint`. A malformed
//! argument gets every wrong field named (`criteria[0].weight: expected a number, found "ten"`),
//! and a string parameter given anything else its name (`evaluatorId: expected text, found a
//! number (5)`: see `convert::text`);
//! the principal scorecard argument's places read as in a file, other arguments' places start
//! with the parameter name (`others[1].scorecard.vendors[0].id`, `options.delimiter`).
//! (The functions return `Result<_, JsValue>` rather than `JsError`: a `JsError` carries only
//! a message, and the places are the point.)
//!
//! The TypeScript declarations come from wasm-bindgen (the functions, with the types named in
//! `unchecked_param_type` / `unchecked_return_type`) and from `types/`: `model.d.ts` generated
//! from the file format's JSON Schema (itself generated from the Rust types), and `api.d.ts`
//! for the report and the results, checked against real output by `tests/js/`.
#![deny(missing_docs)]

mod convert;
mod session;

pub use session::Session;

use rfp_core::Diagnostic;
use rfp_core::file::Integrity;
use rfp_core::model::{Comparison, Extra, PracticeProfile, RandomIndexTable, Scorecard};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use convert::{error_from_diagnostics, from_js, from_js_opt, to_error, to_js};

/// Now, by the host's clock: what orders an evaluator's ratings of one cell, stamped on the
/// ratings `Session.rate` and `importScoringSheet` give.
fn now() -> Option<rfp_core::Stamp> {
    #[cfg(target_arch = "wasm32")]
    let millis = js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64);
    rfp_core::Stamp::from_millis(millis)
}

#[wasm_bindgen(typescript_custom_section)]
const MODEL_TYPES: &'static str = include_str!("../types/model.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &'static str = include_str!("../types/api.d.ts");

#[cfg(feature = "templates")]
#[wasm_bindgen(typescript_custom_section)]
const TEMPLATE_TYPES: &'static str = include_str!("../types/templates.d.ts");

type JsResult = Result<JsValue, JsValue>;

// ------------------------------------------------------------------------------------------------
// The file
// ------------------------------------------------------------------------------------------------

/// A loaded file: `rfp_core::Loaded` as plain data.
#[derive(Serialize)]
struct LoadedJs<'a> {
    scorecard: &'a Scorecard,
    envelope_extra: &'a Extra,
    schema_version: u32,
    generator: &'a str,
    integrity: &'static str,
    diagnostics: &'a [Diagnostic],
}

/// Read a scorecard file (its JSON text). Throws when no scorecard can be had without losing
/// data; problems of meaning come back in `diagnostics`.
#[wasm_bindgen(js_name = load, unchecked_return_type = "Loaded")]
pub fn load(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> JsResult {
    let text = convert::text(&text, "text")?;
    let loaded = rfp_core::load(&text).map_err(|e| to_error(&e))?;
    to_js(&LoadedJs {
        scorecard: &loaded.scorecard,
        envelope_extra: &loaded.envelope_extra,
        schema_version: loaded.schema_version,
        generator: &loaded.generator,
        integrity: match loaded.integrity {
            Integrity::Verified => "verified",
            Integrity::Unsigned => "unsigned",
            Integrity::Mismatch => "mismatch",
        },
        diagnostics: &loaded.diagnostics,
    })
}

/// Write a scorecard file (pretty JSON with a checksum), keeping `envelopeExtra` (from
/// `load`) when given.
#[wasm_bindgen(js_name = save)]
pub fn save(
    #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
    #[wasm_bindgen(js_name = envelopeExtra, unchecked_optional_param_type = "Record<string, unknown>")]
    envelope_extra: Option<JsValue>,
) -> Result<String, JsValue> {
    let scorecard: Scorecard = from_js(&scorecard, "")?;
    let extra: Extra = from_js_opt(
        &envelope_extra.unwrap_or(JsValue::UNDEFINED),
        "envelopeExtra",
    )?
    .unwrap_or_default();
    rfp_core::file::save_with_envelope(&scorecard, &extra).map_err(|e| to_error(&e))
}

// ------------------------------------------------------------------------------------------------
// Validate and score
// ------------------------------------------------------------------------------------------------

/// Every problem of meaning in the scorecard, each with its place. Throws only when the object
/// is not a scorecard (a field of the wrong type).
#[wasm_bindgen(js_name = validate, unchecked_return_type = "Diagnostic[]")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
) -> JsResult {
    let scorecard: Scorecard = from_js(&scorecard, "")?;
    to_js(&rfp_core::validate(&scorecard))
}

/// The report: the ranking and everything shown beside it.
#[wasm_bindgen(js_name = score, unchecked_return_type = "Report")]
pub fn score(#[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue) -> JsResult {
    let scorecard: Scorecard = from_js(&scorecard, "")?;
    to_js(&rfp_core::score(&scorecard))
}

/// How robust the winner is: the lead and what carries it, the shares at which the winner
/// changes (solved exactly), the leader without each evaluator, how many levels the winner's
/// ratings could all drop, the single ratings that would change it, and sentences.
#[wasm_bindgen(js_name = analyse, unchecked_return_type = "Analysis")]
pub fn analyse(#[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue) -> JsResult {
    let scorecard: Scorecard = from_js(&scorecard, "")?;
    let report = rfp_core::score(&scorecard);
    to_js(&rfp_core::analysis::analyse(&scorecard, &report))
}

/// Win probability under uncertain weights (SMAA-2): how often each vendor ranks first,
/// second … when the top-level weights are drawn at random. `options`: `draws` (default
/// 10,000), `seed` (default 1: the same seed gives the same figures), `spread` (default 0.25:
/// each weight within ±25 % of the chosen one; `null`: every split equally likely),
/// `committees` (default 0; 2 to 1,000, no more than the draws: each draw scored by one of that
/// many random halves of the committee, which costs what as many reports cost).
#[wasm_bindgen(js_name = smaa, unchecked_return_type = "Smaa")]
pub fn smaa(
    #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SmaaOptions | undefined")] options: JsValue,
) -> JsResult {
    let scorecard: Scorecard = from_js(&scorecard, "")?;
    let options: rfp_core::analysis::SmaaOptions =
        from_js_opt(&options, "options")?.unwrap_or_default();
    if let Some(mut problem) = options.problem() {
        problem.location = format!("options.{}", problem.location).into();
        return Err(error_from_diagnostics(vec![problem]));
    }
    to_js(&rfp_core::analysis::smaa(
        &scorecard,
        &rfp_core::score(&scorecard),
        &options,
    ))
}

// ------------------------------------------------------------------------------------------------
// Merge and packets
// ------------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct MergeOutcomeJs<'a> {
    scorecard: &'a Scorecard,
    conflicts: &'a [rfp_core::merge::RatingConflict],
    updated: usize,
    diagnostics: &'a [Diagnostic],
}

/// Merge returned evaluator files (`{name, scorecard}` each) into the base scorecard.
#[wasm_bindgen(js_name = merge, unchecked_return_type = "MergeOutcome")]
pub fn merge(
    #[wasm_bindgen(unchecked_param_type = "Scorecard")] base: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NamedScorecard[]")] others: JsValue,
) -> JsResult {
    let base: Scorecard = from_js(&base, "")?;
    let others = convert::named_scorecards(&others, "others")?;
    let others: Vec<(&str, &Scorecard)> = others
        .iter()
        .map(|(name, scorecard)| (name.as_str(), scorecard))
        .collect();
    let outcome = rfp_core::merge(&base, &others).map_err(|e| to_error(&e))?;
    to_js(&MergeOutcomeJs {
        scorecard: &outcome.scorecard,
        conflicts: &outcome.conflicts,
        updated: outcome.updated,
        diagnostics: &outcome.diagnostics,
    })
}

/// An evaluator's packet: only that evaluator's record and ratings, no consensus values.
#[wasm_bindgen(js_name = packet, unchecked_return_type = "Scorecard")]
pub fn packet(
    #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
    #[wasm_bindgen(js_name = evaluatorId, unchecked_param_type = "string")] evaluator_id: JsValue,
) -> JsResult {
    let scorecard: Scorecard = from_js(&scorecard, "")?;
    let evaluator_id = convert::text(&evaluator_id, "evaluatorId")?;
    let packet = rfp_core::merge::packet(&scorecard, &evaluator_id).map_err(|e| to_error(&e))?;
    to_js(&packet)
}

// ------------------------------------------------------------------------------------------------
// Tailoring
// ------------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct TailoredJs<'a> {
    scorecard: &'a Scorecard,
    template_id: &'a str,
    template_reason: &'a str,
}

fn tailored_to_js(tailored: &rfp_core::tailor::Tailored) -> JsResult {
    to_js(&TailoredJs {
        scorecard: &tailored.scorecard,
        template_id: &tailored.template_id,
        template_reason: &tailored.template_reason,
    })
}

/// Tailor a scorecard to a practice profile from the closest of the given templates (every
/// change is listed in `scorecard.meta.adjustments`).
#[wasm_bindgen(js_name = tailorFrom, unchecked_return_type = "Tailored")]
pub fn tailor_from(
    #[wasm_bindgen(unchecked_param_type = "PracticeProfile")] profile: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scorecard[]")] templates: JsValue,
) -> JsResult {
    let profile: PracticeProfile = from_js(&profile, "profile")?;
    let templates: Vec<Scorecard> = from_js(&templates, "templates")?;
    let tailored = rfp_core::tailor::tailor(&profile, &templates).map_err(|e| to_error(&e))?;
    tailored_to_js(&tailored)
}

#[cfg(feature = "templates")]
mod templates;
#[cfg(feature = "templates")]
pub use templates::{demo, tailor, template, templates};

#[cfg(feature = "csv")]
mod csv;
#[cfg(feature = "csv")]
pub use csv::{
    export_report, export_requirements, export_scoring_sheet, import_answers, import_requirements,
    import_scoring_sheet,
};

// ------------------------------------------------------------------------------------------------
// Weighting
// ------------------------------------------------------------------------------------------------

/// AHP on a pairwise comparison matrix (`matrix[i][j]`: how much more important `i` is than
/// `j`): weights, λmax, consistency index and ratio, and the pair to revisit.
#[wasm_bindgen(js_name = ahp, unchecked_return_type = "AhpResult")]
pub fn ahp(
    #[wasm_bindgen(unchecked_param_type = "number[][]")] matrix: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RandomIndexTable")] table: Option<JsValue>,
) -> JsResult {
    let matrix: Vec<Vec<f64>> = from_js(&matrix, "matrix")?;
    let table: RandomIndexTable =
        from_js_opt(&table.unwrap_or(JsValue::UNDEFINED), "table")?.unwrap_or_default();
    let result = rfp_core::weighting::ahp(&matrix, table)
        .map_err(|message| error_from_diagnostics(vec![Diagnostic::error("matrix", message)]))?;
    to_js(&result)
}

/// The reciprocal comparison matrix of `children` (in their order) from the committee's
/// judgments; every problem (unknown id, missing pair, value off Saaty's scale) at once.
#[wasm_bindgen(js_name = pairwiseMatrix, unchecked_return_type = "number[][]")]
pub fn pairwise_matrix(
    #[wasm_bindgen(unchecked_param_type = "string[]")] children: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Comparison[]")] comparisons: JsValue,
) -> JsResult {
    let children: Vec<String> = from_js(&children, "children")?;
    let comparisons: Vec<Comparison> = from_js(&comparisons, "comparisons")?;
    let children: Vec<&str> = children.iter().map(String::as_str).collect();
    let matrix =
        rfp_core::weighting::pairwise_matrix(&children, &comparisons).map_err(|problems| {
            error_from_diagnostics(
                problems
                    .into_iter()
                    .map(|message| Diagnostic::error("comparisons", message))
                    .collect(),
            )
        })?;
    to_js(&matrix)
}

/// Rank-order centroid weights for `n` ranked elements, most important first; `n` is at most
/// 10,000 (as many as a scorecard may hold requirements).
#[wasm_bindgen(js_name = rankOrderCentroid, unchecked_return_type = "number[]")]
pub fn rank_order_centroid(
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
) -> JsResult {
    let n: u32 = from_js(&n, "n")?;
    let weights = rfp_core::weighting::rank_order_centroid(n as usize)
        .map_err(|message| error_from_diagnostics(vec![Diagnostic::error("n", message)]))?;
    to_js(&weights)
}

/// SWING weights: the swing points (100 for the most important swing) normalized to sum 1.
#[wasm_bindgen(js_name = swing, unchecked_return_type = "number[]")]
pub fn swing(#[wasm_bindgen(unchecked_param_type = "number[]")] points: JsValue) -> JsResult {
    let points: Vec<f64> = from_js(&points, "points")?;
    let weights = rfp_core::weighting::swing(&points).ok_or_else(|| {
        error_from_diagnostics(vec![
            Diagnostic::error(
                "points",
                "the swing points cannot be normalized: each must be a finite number of 0 or \
                 more, and their sum more than 0",
            )
            .with_hint("give 100 to the most important swing and the others relative to it"),
        ])
    })?;
    to_js(&weights)
}
