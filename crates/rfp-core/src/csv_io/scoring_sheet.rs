//! The evaluator scoring sheet: [`export_scoring_sheet`] and [`import_scoring_sheet`].

use std::collections::{BTreeMap, HashMap};

use super::read::{
    Ctx, Problem, id_written_as_number, ids_as_numbers_warning, match_header, read_sheet,
    require_columns, shown,
};
use super::write::{Cell, CsvOptions, write_csv};
use crate::error::{Diagnostic, Error};
use crate::merge::{Counting, MergeOutcome, find_evaluator, ratings_that_count};
use crate::model::{Criterion, Rating, RatingRule, Scorecard, Scoring, Stamp};
use crate::tree::{find_requirement, nodes, requirements_with_path};
use crate::typed::format_number;

/// The columns of the evaluator scoring sheet, in order.
const SCORING_COLUMNS: [&str; 10] = [
    "evaluator",
    "vendor_id",
    "vendor",
    "requirement_id",
    "category",
    "requirement",
    "scale",
    "anchors",
    "score",
    "note",
];

/// The result of [`import_scoring_sheet`]: the ratings read back, and every problem found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RatingImport {
    /// One rating per row with a score, in sheet order.
    pub ratings: Vec<Rating>,
    /// Every problem found, in sheet order (header problems first).
    pub diagnostics: Vec<Diagnostic>,
}

impl RatingImport {
    /// The sheet's ratings merged into `scorecard` (the one they were read against) as a
    /// returned file is: each a later revision of the evaluator's rating, so it counts; named
    /// `source` in what the merge says.
    pub fn merge_into(self, scorecard: &Scorecard, source: &str) -> Result<MergeOutcome, Error> {
        let incoming = Scorecard {
            ratings: self.ratings,
            ..scorecard.clone()
        };
        crate::merge::merge(scorecard, &[(source, &incoming)])
    }
}

/// The evaluator scoring sheet for `evaluator_id`: one row per vendor and rating requirement
/// (vendors in scorecard order; for each, the rating requirements in criteria order), with the
/// columns `evaluator`, `vendor_id`, `vendor`, `requirement_id`, `category` (the category path,
/// levels joined by ` > `), `requirement`, `scale` (`0-5`), `anchors` (`0=…; 1=…`), `score` and
/// `note`, the last two filled from that evaluator's existing ratings. Written with
/// [`write_csv`].
///
/// # Errors
///
/// [`crate::ErrorKind::Invalid`] when `evaluator_id` is not on the committee: a sheet is made
/// for an evaluator, as a packet is ([`crate::merge::find_evaluator`]).
pub fn export_scoring_sheet(
    scorecard: &Scorecard,
    evaluator_id: &str,
    options: &CsvOptions,
) -> Result<String, Error> {
    find_evaluator(scorecard, evaluator_id)?;
    let rated: Vec<(String, &Criterion, &RatingRule)> = requirements_with_path(&scorecard.criteria)
        .into_iter()
        .filter_map(|(path, criterion)| match criterion.scoring.as_ref() {
            Some(Scoring::Rating(rule)) => Some((path, criterion, rule)),
            _ => None,
        })
        .collect();
    let mut rows = Vec::with_capacity(rated.len() * scorecard.vendors.len());
    for vendor in &scorecard.vendors {
        let counting = ratings_that_count(scorecard, evaluator_id, &vendor.id);
        for (path, criterion, rule) in &rated {
            let existing = counting
                .get(criterion.id.as_str())
                .map(|c| &scorecard.ratings[c.index]);
            let anchors = rule
                .anchors
                .iter()
                .map(|anchor| format!("{}={}", anchor.level, anchor.description))
                .collect::<Vec<_>>()
                .join("; ");
            rows.push(vec![
                Cell::Text(evaluator_id.to_owned()),
                Cell::Text(vendor.id.clone()),
                Cell::Text(vendor.name.clone()),
                Cell::Text(criterion.id.clone()),
                Cell::Text(path.clone()),
                Cell::Text(criterion.name.clone()),
                Cell::Text(format!("{}-{}", rule.min, rule.max)),
                Cell::Text(anchors),
                existing.map_or(Cell::Empty, |rating| Cell::Number(rating.score)),
                existing.map_or(Cell::Empty, |rating| Cell::Text(rating.note.to_string())),
            ]);
        }
    }
    Ok(write_csv(&SCORING_COLUMNS, &rows, options))
}

/// Reads an evaluator scoring sheet (as written by [`export_scoring_sheet`]) back into ratings.
///
/// Columns `evaluator`, `vendor_id`, `requirement_id` and `score` are required, `note` is
/// optional, and `vendor`, `category`, `requirement`, `scale` and `anchors` are for reading
/// only. An empty score means not rated (no rating). A score that is not a number or lies
/// outside the requirement's scale, and an evaluator, vendor or requirement the scorecard does
/// not have, are errors naming the cell. A rating keeps the revision and time of the existing
/// rating when neither score nor note changed; when one did it replaces it as a new rating at
/// `at` would ([`crate::merge::replace_rating`]); one the evaluator had not given before is
/// revision 0 at `at` (the time the sheet is read, by the front end's clock).
pub fn import_scoring_sheet(
    source: &str,
    text: &str,
    scorecard: &Scorecard,
    at: Option<Stamp>,
) -> RatingImport {
    let mut diagnostics = Vec::new();
    let Some(sheet) = read_sheet(source, text, &mut diagnostics) else {
        return RatingImport {
            ratings: Vec::new(),
            diagnostics,
        };
    };
    let header = match_header(&sheet, &SCORING_COLUMNS, &[], &mut diagnostics);
    for &index in &header.unknown {
        diagnostics.push(Diagnostic::warning(
            sheet.loc(sheet.header_row, index),
            format!(
                "unknown column {} is ignored",
                shown(&sheet.column_name(index))
            ),
        ));
    }
    if !require_columns(
        &sheet,
        &header,
        &["evaluator", "vendor_id", "requirement_id", "score"],
        "export a fresh scoring sheet and fill in its score and note columns",
        &mut diagnostics,
    ) {
        return RatingImport {
            ratings: Vec::new(),
            diagnostics,
        };
    }

    let mut ratings = Vec::new();
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    let mut numbers_for_ids: std::collections::BTreeSet<&str> = Default::default();
    // The ratings that count, per evaluator and vendor, as merging and scoring resolve them
    // (the latest wins), found once for each pair the sheet names.
    let mut counting: HashMap<(String, String), BTreeMap<&str, Counting>> = HashMap::new();
    for row in &sheet.rows {
        let mut ctx = Ctx {
            sheet: &sheet,
            row,
            columns: &header.columns,
            diagnostics: &mut diagnostics,
            errors: 0,
        };
        let mut evaluator = ctx.cell("evaluator");
        let mut vendor = ctx.cell("vendor_id");
        let mut requirement_id = ctx.cell("requirement_id");
        // An id a spreadsheet turned into a number (0042 → 42) is found again.
        if !scorecard.evaluators.iter().any(|e| e.id == evaluator) {
            if let Some(id) = id_written_as_number(
                evaluator,
                scorecard.evaluators.iter().map(|e| e.id.as_str()),
            ) {
                evaluator = id;
                numbers_for_ids.insert("evaluator");
            }
        }
        if !scorecard.vendors.iter().any(|v| v.id == vendor) {
            if let Some(id) =
                id_written_as_number(vendor, scorecard.vendors.iter().map(|v| v.id.as_str()))
            {
                vendor = id;
                numbers_for_ids.insert("vendor_id");
            }
        }
        if find_requirement(&scorecard.criteria, requirement_id).is_none() {
            if let Some(id) = id_written_as_number(
                requirement_id,
                nodes(&scorecard.criteria)
                    .filter(|c| c.is_requirement())
                    .map(|c| c.id.as_str()),
            ) {
                requirement_id = id;
                numbers_for_ids.insert("requirement_id");
            }
        }
        let score_text = ctx.cell("score");
        let note = ctx.cell("note");
        if evaluator.is_empty() {
            ctx.error(
                "evaluator",
                Problem::new("expected an evaluator id, found an empty cell"),
            );
        } else if !scorecard.evaluators.iter().any(|e| e.id == evaluator) {
            ctx.error(
                "evaluator",
                Problem::new(format!(
                    "expected an evaluator id of the scorecard, found {}",
                    shown(evaluator)
                )),
            );
        }
        if vendor.is_empty() {
            ctx.error(
                "vendor_id",
                Problem::new("expected a vendor id, found an empty cell"),
            );
        } else if !scorecard.vendors.iter().any(|v| v.id == vendor) {
            ctx.error(
                "vendor_id",
                Problem::new(format!(
                    "expected a vendor id of the scorecard, found {}",
                    shown(vendor)
                )),
            );
        }
        let rule = match find_requirement(&scorecard.criteria, requirement_id) {
            Some(Criterion {
                scoring: Some(Scoring::Rating(rule)),
                ..
            }) => Some(rule),
            Some(_) => {
                ctx.error(
                    "requirement_id",
                    Problem::new(format!(
                        "expected a rating requirement, found {}, which vendors answer and evaluators do not rate",
                        shown(requirement_id)
                    )),
                );
                None
            }
            None => {
                let found = if requirement_id.is_empty() {
                    "an empty cell".to_owned()
                } else {
                    shown(requirement_id)
                };
                ctx.error(
                    "requirement_id",
                    Problem::new(format!(
                        "expected a requirement id of the scorecard, found {found}"
                    )),
                );
                None
            }
        };
        let score = if score_text.is_empty() {
            None
        } else {
            match sheet.number(score_text, false, false) {
                Ok(value) => match rule {
                    Some(rule) if value < f64::from(rule.min) || value > f64::from(rule.max) => {
                        ctx.error(
                            "score",
                            Problem::new(format!(
                                "expected a score from {} to {}, found {}",
                                rule.min,
                                rule.max,
                                shown(score_text)
                            )),
                        );
                        None
                    }
                    _ => Some(value),
                },
                Err(problem) => {
                    let problem = match rule {
                        Some(rule) => Problem::new(format!(
                            "expected a score from {} to {}, found {}",
                            rule.min,
                            rule.max,
                            shown(score_text)
                        ))
                        .hint(problem.hint),
                        None => problem,
                    };
                    ctx.error("score", problem);
                    None
                }
            }
        };
        if ctx.errors > 0 {
            continue;
        }
        let Some(score) = score else {
            if !note.is_empty() {
                ctx.warn(
                    "note",
                    Problem::new("a note without a score is not kept")
                        .hint("give a score, or leave the note for the committee meeting"),
                );
            }
            continue;
        };
        let key = (
            evaluator.to_owned(),
            vendor.to_owned(),
            requirement_id.to_owned(),
        );
        if let Some(&first) = seen.get(&key) {
            ctx.error(
                "score",
                Problem::new(format!(
                    "{} already rated {} on {} on row {first}; the row is ignored",
                    shown(evaluator),
                    shown(vendor),
                    shown(requirement_id)
                )),
            );
            continue;
        }
        seen.insert(key, row.number);
        let existing = counting
            .entry((evaluator.to_owned(), vendor.to_owned()))
            .or_insert_with(|| ratings_that_count(scorecard, evaluator, vendor))
            .get(requirement_id)
            .map(|c| &scorecard.ratings[c.index]);
        let (score, revision, rated_at) = match existing {
            Some(old) => {
                let same_score = format_number(old.score) == format_number(score);
                let same_note = old.note.trim() == note;
                if same_score && same_note {
                    (old.score, old.revision, old.rated_at)
                } else {
                    match crate::merge::replace_rating(old, at) {
                        Ok((revision, rated_at)) => (score, revision, rated_at),
                        Err(why) => {
                            ctx.error("score", Problem::new(why));
                            continue;
                        }
                    }
                }
            }
            None => (score, 0, at),
        };
        let note = match existing {
            Some(old) if old.note.trim() == note => old.note.clone(),
            _ => note.into(),
        };
        ratings.push(Rating {
            evaluator: evaluator.into(),
            vendor: vendor.into(),
            requirement: requirement_id.into(),
            score,
            note,
            revision,
            rated_at,
            extra: Default::default(),
        });
    }
    for column in numbers_for_ids {
        diagnostics.push(ids_as_numbers_warning(source, column));
    }
    RatingImport {
        ratings,
        diagnostics,
    }
}
