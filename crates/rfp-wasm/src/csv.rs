//! CSV import and export (the `csv` feature).

use rfp_core::csv_io::{self, CsvOptions, Delimiter};
use rfp_core::model::{Criterion, Scorecard};
use rfp_core::{Diagnostic, Report};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::JsResult;
use crate::convert::{self, argument_error, from_js, from_js_opt, to_error, to_js};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CsvOptionsJs {
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    bom: Option<bool>,
}

fn csv_options(options: Option<JsValue>) -> Result<CsvOptions, JsValue> {
    let given: CsvOptionsJs =
        from_js_opt(&options.unwrap_or(JsValue::UNDEFINED), "options")?.unwrap_or_default();
    let mut options = CsvOptions::default();
    if let Some(delimiter) = given.delimiter {
        options.delimiter = Delimiter::from_text(&delimiter).map_err(|message| {
            argument_error(
                "options.delimiter",
                message,
                "\";\" writes numbers with a decimal comma, as spreadsheets set to one read them",
            )
        })?;
    }
    if let Some(bom) = given.bom {
        options.bom = bom;
    }
    Ok(options)
}

#[derive(Serialize)]
struct RequirementImportJs<'a> {
    criteria: &'a [Criterion],
    diagnostics: &'a [Diagnostic],
}

/// Read a requirements sheet into a criteria tree; every bad cell is in `diagnostics` (rows
/// with errors are left out). `source` names the sheet in places (default `requirements.csv`).
#[wasm_bindgen(js_name = importRequirements, unchecked_return_type = "RequirementImport")]
pub fn import_requirements(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] source: Option<JsValue>,
) -> JsResult {
    let text = convert::text(&text, "text")?;
    let source = convert::text_opt(source, "source")?;
    let source = source.as_deref().unwrap_or("requirements.csv");
    let import = csv_io::import_requirements(source, &text);
    to_js(&RequirementImportJs {
        criteria: &import.criteria,
        diagnostics: &import.diagnostics,
    })
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AnswerOptionsJs {
    #[serde(default)]
    vendor: Option<VendorNameJs>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VendorNameJs {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct AnswerImportJs<'a> {
    vendors: &'a [rfp_core::model::Vendor],
    diagnostics: &'a [Diagnostic],
}

/// Read vendors' answers against `criteria`: a wide sheet (one column per vendor), or one
/// vendor's sheet with `options.vendor = {id, name}`. `options.source` names the sheet
/// (default `answers.csv`).
#[wasm_bindgen(js_name = importAnswers, unchecked_return_type = "AnswerImport")]
pub fn import_answers(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Criterion[]")] criteria: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnswerImportOptions")] options: Option<JsValue>,
) -> JsResult {
    let text = convert::text(&text, "text")?;
    let criteria: Vec<Criterion> = from_js(&criteria, "criteria")?;
    let options: AnswerOptionsJs =
        from_js_opt(&options.unwrap_or(JsValue::UNDEFINED), "options")?.unwrap_or_default();
    let vendor = options
        .vendor
        .as_ref()
        .map(|v| (v.id.as_str(), v.name.as_str()));
    let source = options.source.as_deref().unwrap_or("answers.csv");
    let import = csv_io::import_answers(source, &text, &criteria, vendor);
    to_js(&AnswerImportJs {
        vendors: &import.vendors,
        diagnostics: &import.diagnostics,
    })
}

#[derive(Serialize)]
struct RatingImportJs<'a> {
    ratings: &'a [rfp_core::model::Rating],
    diagnostics: &'a [Diagnostic],
}

/// Read an evaluator's scoring sheet (from `exportScoringSheet`) back into ratings.
#[wasm_bindgen(js_name = importScoringSheet, unchecked_return_type = "RatingImport")]
pub fn import_scoring_sheet(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] source: Option<JsValue>,
) -> JsResult {
    let text = convert::text(&text, "text")?;
    let scorecard: Scorecard = from_js(&scorecard, "")?;
    let source = convert::text_opt(source, "source")?;
    let source = source.as_deref().unwrap_or("scoring.csv");
    let import = csv_io::import_scoring_sheet(source, &text, &scorecard, crate::now());
    to_js(&RatingImportJs {
        ratings: &import.ratings,
        diagnostics: &import.diagnostics,
    })
}

/// The report as a sheet: one row per vendor (rank, totals, category subtotals, flags).
#[wasm_bindgen(js_name = exportReport)]
pub fn export_report(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let report: Report = from_js(&report, "report")?;
    let problems = report.shape_problems();
    if !problems.is_empty() {
        return Err(crate::convert::error_from_diagnostics(
            problems
                .into_iter()
                .map(|mut d| {
                    d.location = format!("report.{}", d.location).into();
                    d
                })
                .collect(),
        ));
    }
    Ok(csv_io::export_report(&report, &csv_options(options)?))
}

/// The criteria tree as a requirements sheet (what `importRequirements` reads).
#[wasm_bindgen(js_name = exportRequirements)]
pub fn export_requirements(
    #[wasm_bindgen(unchecked_param_type = "Criterion[]")] criteria: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let criteria: Vec<Criterion> = from_js(&criteria, "criteria")?;
    Ok(csv_io::export_requirements(
        &criteria,
        &csv_options(options)?,
    ))
}

/// An evaluator's scoring sheet: a row per vendor and rating requirement, with the
/// evaluator's existing scores filled in. Throws for an evaluator not on the committee.
#[wasm_bindgen(js_name = exportScoringSheet)]
pub fn export_scoring_sheet(
    #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
    #[wasm_bindgen(js_name = evaluatorId, unchecked_param_type = "string")] evaluator_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let scorecard: Scorecard = from_js(&scorecard, "")?;
    let evaluator_id = convert::text(&evaluator_id, "evaluatorId")?;
    csv_io::export_scoring_sheet(&scorecard, &evaluator_id, &csv_options(options)?)
        .map_err(|e| to_error(&e))
}
