//! `Session`: a scorecard being worked on, held by the core. Every change is one of the core's
//! edits (`apply`, or the shorthands `rate`, `clearRating`, `setWeight`); the report is scored
//! again after each (only what a rating touches when ratings alone change), and undo and redo
//! go back and forth through inverse edits. Nothing about change is decided in JavaScript.

use rfp_core::edit::{Edit, Outcome, Session as CoreSession, Touched};
use rfp_core::merge::FileVerdict;
use rfp_core::model::{Extra, Scorecard};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::JsResult;
use crate::convert::{self, edit_error, from_js, from_js_opt, to_error, to_js};

/// A scorecard being worked on: its report, and its undo and redo history.
#[wasm_bindgen(js_name = Session)]
pub struct Session {
    session: CoreSession,
    envelope_extra: Extra,
}

#[derive(Serialize)]
struct CountingJs<'a> {
    score: f64,
    note: &'a str,
    revision: u32,
}

#[derive(Serialize)]
struct OutcomeJs<'a> {
    touched: &'static str,
    warnings: &'a [rfp_core::Diagnostic],
    merges: Vec<MergeReportJs<'a>>,
    removed: Option<rfp_core::edit::Removed>,
}

#[derive(Serialize)]
struct MergeReportJs<'a> {
    files: Vec<FileVerdictJs<'a>>,
    conflicts: &'a [rfp_core::merge::RatingConflict],
    updated: usize,
    remarks: &'a [rfp_core::Diagnostic],
}

#[derive(Serialize)]
struct FileVerdictJs<'a> {
    name: &'a str,
    verdict: &'static str,
    problems: &'a [rfp_core::Diagnostic],
}

fn file_verdict<'a>((name, verdict): &'a (String, FileVerdict)) -> FileVerdictJs<'a> {
    let (verdict, problems) = match verdict {
        FileVerdict::Merged => ("merged", &[][..]),
        FileVerdict::MergedAltered => ("merged_altered", &[][..]),
        FileVerdict::Altered(why) => ("altered", std::slice::from_ref(why)),
        FileVerdict::Refused(why) => ("refused", why.as_slice()),
    };
    FileVerdictJs {
        name,
        verdict,
        problems,
    }
}

fn outcome(outcome: &Outcome) -> JsResult {
    to_js(&OutcomeJs {
        touched: match outcome.touched {
            Touched::Nothing => "nothing",
            Touched::Ratings(_) => "ratings",
            Touched::Scorecard => "scorecard",
        },
        warnings: &outcome.warnings,
        removed: outcome.removed,
        merges: outcome
            .merges
            .iter()
            .map(|merge| MergeReportJs {
                files: merge.files.iter().map(file_verdict).collect(),
                conflicts: &merge.conflicts,
                updated: merge.updated,
                remarks: &merge.remarks,
            })
            .collect(),
    })
}

#[wasm_bindgen(js_class = Session)]
impl Session {
    /// A session on a scorecard object (as `load` returns it in `scorecard`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
    ) -> Result<Session, JsValue> {
        let scorecard: Scorecard = from_js(&scorecard, "")?;
        Ok(Session {
            session: CoreSession::new(scorecard),
            envelope_extra: Extra::new(),
        })
    }

    /// A session on a scorecard file's text (its unknown envelope members kept for `save`).
    #[wasm_bindgen(js_name = fromFile)]
    pub fn from_file(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<Session, JsValue> {
        let text = convert::text(&text, "text")?;
        let loaded = rfp_core::load(&text).map_err(|e| to_error(&e))?;
        Ok(Session {
            session: CoreSession::new(loaded.scorecard),
            envelope_extra: loaded.envelope_extra,
        })
    }

    /// Apply an edit (`{op: "rate", …}`). Returns `{touched, warnings}`; a refused edit throws
    /// an `RfpError` of kind `refused` naming the `field`, and changes nothing.
    #[wasm_bindgen(unchecked_return_type = "EditOutcome")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Edit")] edit: JsValue,
    ) -> JsResult {
        let edit: Edit = from_js(&edit, "edit")?;
        self.run(&edit)
    }

    /// Rate, now (the host's clock): the evaluator's rating that counts (the latest) changes to the next
    /// revision; the first is revision 1.
    #[wasm_bindgen(unchecked_return_type = "EditOutcome")]
    pub fn rate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] evaluator: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] vendor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] requirement: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] score: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] note: Option<JsValue>,
    ) -> JsResult {
        let [evaluator, vendor, requirement] = cell(&evaluator, &vendor, &requirement)?;
        let score = convert::number(&score, "score")?;
        self.run(&Edit::Rate {
            evaluator,
            vendor,
            requirement,
            score,
            note: convert::text_opt(note, "note")?.unwrap_or_default(),
            at: crate::now(),
        })
    }

    /// Take an evaluator's rating back (every revision of it).
    #[wasm_bindgen(js_name = clearRating, unchecked_return_type = "EditOutcome")]
    pub fn clear_rating(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] evaluator: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] vendor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] requirement: JsValue,
    ) -> JsResult {
        let [evaluator, vendor, requirement] = cell(&evaluator, &vendor, &requirement)?;
        self.run(&Edit::ClearRating {
            evaluator,
            vendor,
            requirement,
        })
    }

    /// Set a criterion's weight as written in the file.
    #[wasm_bindgen(js_name = setWeight, unchecked_return_type = "EditOutcome")]
    pub fn set_weight(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] weight: JsValue,
    ) -> JsResult {
        let id = convert::text(&id, "id")?;
        let weight = convert::number(&weight, "weight")?;
        self.run(&Edit::SetWeights {
            weights: [(id, weight)].into(),
        })
    }

    /// The evaluator's ratings of the vendor that count (the latest of each), by
    /// requirement id: `{score, note, revision}` — what a rating form shows as given.
    #[wasm_bindgen(js_name = ratingsThatCount, unchecked_return_type = "Record<string, CountingRating>")]
    pub fn ratings_that_count(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] evaluator: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] vendor: JsValue,
    ) -> JsResult {
        let evaluator = convert::text(&evaluator, "evaluator")?;
        let vendor = convert::text(&vendor, "vendor")?;
        let scorecard = self.session.scorecard();
        let counting: std::collections::BTreeMap<&str, CountingJs> =
            rfp_core::merge::ratings_that_count(scorecard, &evaluator, &vendor)
                .into_iter()
                .map(|(requirement, c)| {
                    let rating = &scorecard.ratings[c.index];
                    (
                        requirement,
                        CountingJs {
                            score: rating.score,
                            note: &rating.note,
                            revision: rating.revision,
                        },
                    )
                })
                .collect();
        to_js(&counting)
    }

    /// Undo the last change; false when there was none.
    pub fn undo(&mut self) -> bool {
        self.session.undo()
    }

    /// Redo the change undone last; false when there was none.
    pub fn redo(&mut self) -> bool {
        self.session.redo()
    }

    /// Whether there is a change to undo.
    #[wasm_bindgen(getter, js_name = canUndo)]
    pub fn can_undo(&self) -> bool {
        self.session.undo_len() > 0
    }

    /// Whether there is an undone change to redo.
    #[wasm_bindgen(getter, js_name = canRedo)]
    pub fn can_redo(&self) -> bool {
        self.session.redo_len() > 0
    }

    /// The report of the scorecard as it is now.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> JsResult {
        to_js(&**self.session.report())
    }

    /// The scorecard as it is now (a copy).
    #[wasm_bindgen(unchecked_return_type = "Scorecard")]
    pub fn scorecard(&self) -> JsResult {
        to_js(&**self.session.scorecard())
    }

    /// The scorecard file's text (envelope and checksum), with the opened file's unknown
    /// envelope members unless others are given.
    pub fn save(
        &self,
        #[wasm_bindgen(js_name = envelopeExtra, unchecked_optional_param_type = "Record<string, unknown>")]
        envelope_extra: Option<JsValue>,
    ) -> Result<String, JsValue> {
        let given: Option<Extra> = from_js_opt(
            &envelope_extra.unwrap_or(JsValue::UNDEFINED),
            "envelopeExtra",
        )?;
        let extra = given.as_ref().unwrap_or(&self.envelope_extra);
        rfp_core::file::save_with_envelope(self.session.scorecard(), extra)
            .map_err(|e| to_error(&e))
    }
}

/// The three ids naming a rating's cell, read as text.
fn cell(
    evaluator: &JsValue,
    vendor: &JsValue,
    requirement: &JsValue,
) -> Result<[String; 3], JsValue> {
    Ok([
        convert::text(evaluator, "evaluator")?,
        convert::text(vendor, "vendor")?,
        convert::text(requirement, "requirement")?,
    ])
}

impl Session {
    fn run(&mut self, edit: &Edit) -> JsResult {
        let done = self.session.apply(edit).map_err(|e| edit_error(&e))?;
        outcome(&done)
    }
}
