//! Vendor answers: [`import_answers`] and the answer cell grammar.

use std::collections::HashMap;

use super::read::{
    Problem, column_letter, id_written_as_number, ids_as_numbers_warning, match_header,
    normalize_key, parse_number, read_sheet, row_cell, same_id, shown, slug, strip_keyword,
};
use crate::error::{Diagnostic, Severity};
use crate::model::{
    Answer, ChoiceOption, CostLine, Criterion, Extra, PriceAnswer, Scoring, Vendor,
};
use crate::tree::{find_requirement, nodes};

/// The result of [`import_answers`]: the vendors with the answers that could be read, and every
/// problem found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnswerImport {
    /// One vendor per vendor column (wide sheet) or the one vendor named by the caller.
    pub vendors: Vec<Vendor>,
    /// Every problem found, in sheet order (header problems first).
    pub diagnostics: Vec<Diagnostic>,
}

/// Columns an answer sheet may carry for the reader's benefit; they are not read.
const REFERENCE_COLUMNS: [&str; 6] = ["category", "name", "kind", "guidance", "unit", "options"];

/// Imports vendor answers (see `docs/csv.md`).
///
/// With `vendor` = `Some((id, name))` the sheet is one vendor's: columns `requirement`,
/// `answer` and optionally `comment`. With `None` it is a wide sheet: column `requirement`,
/// then one column per vendor headed by the vendor's name (the vendor id is its [`slug`]), and
/// optionally `comment: <vendor name>` columns. Columns `category`, `name`, `kind`, `guidance`,
/// `unit` and `options` may be present for the reader and are not read.
///
/// Each answer cell is read according to its requirement's kind (looked up anywhere in
/// `criteria` with [`crate::tree::find_requirement`]). An empty cell is no answer. Every bad cell is
/// reported; good cells are kept.
pub fn import_answers(
    source: &str,
    text: &str,
    criteria: &[Criterion],
    vendor: Option<(&str, &str)>,
) -> AnswerImport {
    let mut diagnostics = Vec::new();
    let Some(sheet) = read_sheet(source, text, &mut diagnostics) else {
        return AnswerImport {
            vendors: Vec::new(),
            diagnostics,
        };
    };
    let known: &[&'static str] = if vendor.is_some() {
        &["requirement", "answer", "comment"]
    } else {
        &["requirement", "answer"]
    };
    let header = match_header(
        &sheet,
        known,
        &[("requirement_id", "requirement")],
        &mut diagnostics,
    );
    let Some(&requirement_column) = header.columns.get("requirement") else {
        diagnostics.push(
            Diagnostic::error(
                sheet.row_loc(sheet.header_row),
                "expected a column named \"requirement\" in the header, found none",
            )
            .with_hint("the requirement column holds the requirement ids of the requirement list"),
        );
        return AnswerImport {
            vendors: Vec::new(),
            diagnostics,
        };
    };

    // Where each vendor's answers and comments are.
    struct Target {
        vendor: Vendor,
        answer: usize,
        comment: Option<usize>,
    }
    let mut targets: Vec<Target> = Vec::new();
    match vendor {
        Some((id, name)) => {
            // The vendor's id comes from whoever calls (the JavaScript API's host): it must be
            // one a file takes, or the answers would land on a vendor no file can hold.
            let problem = if id.trim().is_empty() {
                Some("the vendor's id is empty".to_owned())
            } else {
                crate::validate::id_problem(id)
            };
            if let Some(problem) = problem {
                diagnostics.push(Diagnostic::error("vendor.id", problem).with_hint(
                    "give the vendor of a one-vendor sheet the id it has in the scorecard",
                ));
                return AnswerImport {
                    vendors: Vec::new(),
                    diagnostics,
                };
            }
            for &index in &header.unknown {
                if !REFERENCE_COLUMNS.contains(&normalize_key(&sheet.column_name(index)).as_str()) {
                    diagnostics.push(Diagnostic::warning(
                        sheet.loc(sheet.header_row, index),
                        format!(
                            "unknown column {} is ignored",
                            shown(&sheet.column_name(index))
                        ),
                    ).with_hint("a one-vendor answer sheet has the columns requirement, answer and comment"));
                }
            }
            let Some(&answer) = header.columns.get("answer") else {
                diagnostics.push(
                    Diagnostic::error(
                        sheet.row_loc(sheet.header_row),
                        "expected a column named \"answer\" in the header, found none",
                    )
                    .with_hint(
                        "a one-vendor sheet has the columns requirement, answer and comment; \
                         for a sheet with one column per vendor, import it without naming a vendor",
                    ),
                );
                return AnswerImport {
                    vendors: Vec::new(),
                    diagnostics,
                };
            };
            targets.push(Target {
                vendor: Vendor {
                    id: id.to_owned(),
                    name: name.to_owned(),
                    ..Vendor::default()
                },
                answer,
                comment: header.columns.get("comment").copied(),
            });
        }
        None => {
            if let Some(&index) = header.columns.get("answer") {
                diagnostics.push(
                    Diagnostic::error(
                        sheet.loc(sheet.header_row, index),
                        "expected one column per vendor, headed by the vendor's name, found a column named \"answer\"",
                    )
                    .with_hint(
                        "this looks like one vendor's sheet: import it naming the vendor, \
                         or head the column with the vendor's name",
                    ),
                );
                return AnswerImport {
                    vendors: Vec::new(),
                    diagnostics,
                };
            }
            let mut comments: Vec<(usize, String)> = Vec::new();
            let mut ids: HashMap<String, usize> = HashMap::new();
            for &index in &header.unknown {
                let name = sheet.column_name(index);
                if let Some(rest) =
                    strip_keyword(&name, "comment:").or_else(|| strip_keyword(&name, "comments:"))
                {
                    comments.push((index, rest.trim().to_owned()));
                    continue;
                }
                if REFERENCE_COLUMNS.contains(&normalize_key(&name).as_str()) {
                    continue;
                }
                let key = vendor_key(&name);
                if key.is_empty() {
                    diagnostics.push(Diagnostic::error(
                        sheet.loc(sheet.header_row, index),
                        format!("expected a vendor name, found {}", shown(&name)),
                    ));
                    continue;
                }
                if let Some(&first) = ids.get(&key) {
                    let first = format!(
                        "{} in column {}",
                        shown(&sheet.column_name(first)),
                        column_letter(first)
                    );
                    let problem = same_id("vendor", &name, &key, &first, "the column is ignored");
                    diagnostics
                        .push(problem.at(Severity::Error, sheet.loc(sheet.header_row, index)));
                    continue;
                }
                ids.insert(key, index);
                let taken = |id: &str| targets.iter().any(|t: &Target| t.vendor.id == id);
                let id = crate::edit::new_id(&name, None, "vendor", &taken);
                targets.push(Target {
                    vendor: Vendor {
                        id,
                        name: name.clone(),
                        ..Vendor::default()
                    },
                    answer: index,
                    comment: None,
                });
            }
            for (index, vendor_name) in comments {
                let key = vendor_key(&vendor_name);
                match targets
                    .iter_mut()
                    .find(|target| !key.is_empty() && vendor_key(&target.vendor.name) == key)
                {
                    Some(target) if target.comment.is_none() => target.comment = Some(index),
                    Some(_) => diagnostics.push(Diagnostic::error(
                        sheet.loc(sheet.header_row, index),
                        format!(
                            "a second comment column for vendor {}; the column is ignored",
                            shown(&vendor_name)
                        ),
                    )),
                    None => diagnostics.push(
                        Diagnostic::warning(
                            sheet.loc(sheet.header_row, index),
                            format!(
                                "comment column for {}, but no vendor column has that name; the column is ignored",
                                shown(&vendor_name)
                            ),
                        )
                        .with_hint("write \"comment: \" followed by the vendor's name exactly as in its column"),
                    ),
                }
            }
            if targets.is_empty() && !diagnostics.iter().any(|d| d.severity == Severity::Error) {
                diagnostics.push(Diagnostic::error(
                    sheet.row_loc(sheet.header_row),
                    "expected one column per vendor after \"requirement\", found none",
                ));
            }
        }
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut numbers_for_ids = false;
    for row in &sheet.rows {
        let mut requirement_id = row_cell(row, requirement_column);
        // An id a spreadsheet turned into a number (0042 → 42) is found again.
        if find_requirement(criteria, requirement_id).is_none() {
            if let Some(id) = id_written_as_number(
                requirement_id,
                nodes(criteria)
                    .filter(|c| c.is_requirement())
                    .map(|c| c.id.as_str()),
            ) {
                requirement_id = id;
                numbers_for_ids = true;
            }
        }
        let location = |index: usize| sheet.loc(row.number, index);
        if requirement_id.is_empty() {
            let has_data = targets.iter().any(|target| {
                !row_cell(row, target.answer).is_empty()
                    || target
                        .comment
                        .is_some_and(|index| !row_cell(row, index).is_empty())
            });
            if has_data {
                diagnostics.push(Diagnostic::error(
                    location(requirement_column),
                    "expected a requirement id, found an empty cell; the row is ignored",
                ));
            }
            continue;
        }
        let Some(requirement) = find_requirement(criteria, requirement_id) else {
            let message = if nodes(criteria).any(|c| c.id == requirement_id) {
                format!(
                    "{} is a category, not a requirement; the row is ignored",
                    shown(requirement_id)
                )
            } else {
                format!(
                    "expected a requirement id of the requirement list, found {}; the row is ignored",
                    shown(requirement_id)
                )
            };
            diagnostics.push(Diagnostic::error(location(requirement_column), message));
            continue;
        };
        if let Some(&first) = seen.get(requirement_id) {
            diagnostics.push(Diagnostic::error(
                location(requirement_column),
                format!(
                    "requirement {} is already answered on row {first}; the row is ignored",
                    shown(requirement_id)
                ),
            ));
            continue;
        }
        seen.insert(requirement_id.to_owned(), row.number);
        let Some(scoring) = requirement.scoring.as_ref() else {
            continue;
        };
        for target in &mut targets {
            let cell = row_cell(row, target.answer);
            if !cell.is_empty() {
                match parse_answer(scoring, cell, sheet.decimal_comma) {
                    Ok(Some(answer)) => {
                        target
                            .vendor
                            .answers
                            .insert(requirement_id.to_owned(), answer);
                    }
                    Ok(None) => diagnostics.push(
                        Diagnostic::warning(
                            location(target.answer),
                            format!(
                                "{} is a rating requirement, rated by the evaluators; the answer {} is ignored",
                                shown(requirement_id),
                                shown(cell)
                            ),
                        )
                        .with_hint("put the vendor's explanation in the comment column"),
                    ),
                    Err(problem) => {
                        diagnostics.push(problem.at(Severity::Error, location(target.answer)))
                    }
                }
            }
            if let Some(index) = target.comment {
                let comment = row_cell(row, index);
                if !comment.is_empty() {
                    target
                        .vendor
                        .comments
                        .insert(requirement_id.to_owned(), comment.to_owned());
                }
            }
        }
    }
    if numbers_for_ids {
        diagnostics.push(ids_as_numbers_warning(
            source,
            &sheet.column_name(requirement_column),
        ));
    }
    AnswerImport {
        vendors: targets.into_iter().map(|target| target.vendor).collect(),
        diagnostics,
    }
}

/// [`parse_answer`] for [`crate::typed::answer`].
pub(crate) fn answer_cell(
    scoring: &Scoring,
    text: &str,
) -> Result<Option<Answer>, crate::typed::TypedProblem> {
    parse_answer(scoring, text, false).map_err(|p| crate::typed::TypedProblem {
        message: p.message,
        hint: p.hint,
    })
}

/// Reads one answer cell (not empty) for a requirement. `Ok(None)` for a rating requirement.
/// A number alone follows `decimal_comma` (see [`crate::typed::NumberStyle`]); the numbers of
/// cost lines, text to a spreadsheet, take a point. What is read is checked by the rule a
/// file's answers follow (cost lines adding up past what a number holds), said at the cell.
fn parse_answer(
    scoring: &Scoring,
    text: &str,
    decimal_comma: bool,
) -> Result<Option<Answer>, Problem> {
    let answer = read_answer(scoring, text, decimal_comma)?;
    match answer
        .as_ref()
        .and_then(|answer| crate::validate::answer_error(scoring, answer))
    {
        Some(error) => Err(Problem::new(error.message).hint(error.hint)),
        None => Ok(answer),
    }
}

fn read_answer(
    scoring: &Scoring,
    text: &str,
    decimal_comma: bool,
) -> Result<Option<Answer>, Problem> {
    let number = |text: &str, percent: bool| {
        super::read::number_in_style(
            text,
            crate::typed::NumberStyle::new(percent, true, decimal_comma),
        )
    };
    match scoring {
        Scoring::YesNo(_) => match text.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" | "1" => Ok(Some(Answer::Bool(true))),
            "no" | "n" | "false" | "0" => Ok(Some(Answer::Bool(false))),
            _ => Err(Problem::new(format!(
                "expected yes or no, found {}",
                shown(text)
            ))),
        },
        Scoring::Choice(rule) if !rule.multiple => match resolve_option(&rule.options, text) {
            Some(option) => Ok(Some(Answer::Text(option.id.clone()))),
            None => Err(Problem::new(format!(
                "expected one option id or label, found {}",
                shown(text)
            ))
            .hint(format!("the options are {}", option_list(&rule.options)))),
        },
        Scoring::Choice(rule) => {
            let mut ids: Vec<String> = Vec::new();
            let mut unknown: Vec<String> = Vec::new();
            for item in text.split([';', '|']).map(str::trim) {
                if item.is_empty() {
                    continue;
                }
                match resolve_option(&rule.options, item) {
                    Some(option) => {
                        if !ids.contains(&option.id) {
                            ids.push(option.id.clone());
                        }
                    }
                    None => unknown.push(shown(item)),
                }
            }
            if !unknown.is_empty() {
                return Err(Problem::new(format!(
                    "expected option ids or labels separated by \";\", found {}",
                    unknown.join(", ")
                ))
                .hint(format!("the options are {}", option_list(&rule.options))));
            }
            if ids.is_empty() {
                return Err(Problem::new(format!(
                    "expected option ids or labels separated by \";\", found {}",
                    shown(text)
                )));
            }
            Ok(Some(Answer::List(ids)))
        }
        Scoring::Numeric(_) => number(text, true).map(|n| Some(Answer::Number(n))),
        Scoring::Price(_) => {
            if text.contains('=') {
                parse_cost_lines(text).map(|price| Some(Answer::Price(price)))
            } else {
                match number(text, false) {
                    Ok(value) if value >= 0.0 => Ok(Some(Answer::Number(value))),
                    Ok(_) => Err(Problem::new(format!(
                        "expected a bid ≥ 0, found {}",
                        shown(text)
                    ))),
                    Err(problem) if problem.hint.is_empty() => Err(problem.hint(
                        "write the total bid (1250000 or $1,250,000) or \
                         one_time=50000; recurring=12000",
                    )),
                    Err(problem) => Err(problem),
                }
            }
        }
        Scoring::Rating(_) => Ok(None),
    }
}

fn parse_cost_lines(text: &str) -> Result<PriceAnswer, Problem> {
    let expected = "expected a bid such as \"one_time=50000; recurring=12000\"";
    let mut one_time: Option<f64> = None;
    let mut recurring: Option<f64> = None;
    for item in text
        .split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        let Some((key, value)) = item.split_once('=') else {
            return Err(Problem::new(format!("{expected}, found {}", shown(item))));
        };
        let slot = match normalize_key(key).as_str() {
            "one_time" | "onetime" => &mut one_time,
            "recurring" => &mut recurring,
            _ => {
                return Err(Problem::new(format!(
                    "{expected}, found the cost line {}",
                    shown(key.trim())
                )));
            }
        };
        if slot.is_some() {
            return Err(Problem::new(format!(
                "the cost line {} appears twice",
                shown(key.trim())
            )));
        }
        match parse_number(value, false, true) {
            Ok(amount) if amount >= 0.0 => *slot = Some(amount),
            _ => {
                return Err(Problem::new(format!(
                    "expected an amount ≥ 0 after \"{}=\", found {}",
                    key.trim(),
                    shown(value.trim())
                )));
            }
        }
    }
    if one_time.is_none() && recurring.is_none() {
        return Err(Problem::new(format!("{expected}, found {}", shown(text))));
    }
    let line = |label: &str, amount: Option<f64>| -> Vec<CostLine> {
        amount
            .map(|amount| CostLine {
                label: label.to_owned(),
                amount,
                extra: Default::default(),
            })
            .into_iter()
            .collect()
    };
    Ok(PriceAnswer {
        one_time: line("one-time", one_time),
        recurring: line("recurring", recurring),
        extra: Extra::new(),
    })
}

/// The option an answer names: by id, then by id ignoring case, then by label ignoring case.
pub(super) fn resolve_option<'a>(
    options: &'a [ChoiceOption],
    text: &str,
) -> Option<&'a ChoiceOption> {
    let text = text.trim();
    options
        .iter()
        .find(|option| option.id == text)
        .or_else(|| {
            options
                .iter()
                .find(|option| option.id.eq_ignore_ascii_case(text))
        })
        .or_else(|| {
            let lower = text.to_lowercase();
            options.iter().find(|option| {
                !option.label.is_empty() && option.label.trim().to_lowercase() == lower
            })
        })
}

pub(super) fn option_list(options: &[ChoiceOption]) -> String {
    options
        .iter()
        .map(|option| {
            if option.label.is_empty() {
                option.id.clone()
            } else {
                format!("{} ({})", option.id, option.label)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What makes two vendor columns the same vendor: the name's slug, or for a name with no Latin
/// letter or digit the name itself, trimmed and in lowercase.
fn vendor_key(name: &str) -> String {
    match slug(name) {
        slug if slug.is_empty() => name.trim().to_lowercase(),
        slug => slug,
    }
}
