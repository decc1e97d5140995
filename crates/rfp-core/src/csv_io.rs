//! CSV import and export: requirement lists, vendor answers, evaluator scoring sheets, and the
//! safe CSV writer every export goes through.
//!
//! Every function here is pure (text in, values or text out) and never panics. Imports never
//! stop at the first problem: every bad cell is reported as a [`Diagnostic`] whose location
//! reads `requirements.csv row 7, column "weight"` — the row number a spreadsheet shows (the
//! header is row 1, blank lines count as rows) and the column's header as written. Rows with
//! errors are left out; every other row is imported.
//!
//! Reading rules shared by every import:
//!
//! - the delimiter is `,` or `;`, whichever occurs more often (outside quotes) in the header
//!   line; a leading UTF-8 byte order mark is ignored;
//! - blank lines, and rows whose cells are all empty, are skipped;
//! - header names are matched ignoring case, surrounding spaces, and the difference between
//!   `_`, `-` and a space (`Requirement ID` matches `requirement_id`);
//! - a leading `'` in front of `=`, `+`, `-`, `@`, tab, CR or LF is dropped: it is the guard
//!   [`neutralize`] adds on export, so an exported sheet reads back as it was.
//!
//! Exports go through [`write_csv`]: UTF-8 with a byte order mark, CRLF line ends, fields quoted
//! only where needed, and text cells that a spreadsheet could run as a formula prefixed with `'`
//! (see [`neutralize`]). The sheets, their columns and the cell grammar are described for
//! committee members in `docs/csv.md`.

use std::collections::{HashMap, HashSet};

use crate::error::{Diagnostic, Severity};
use crate::model::{
    Anchor, Answer, Better, ChoiceOption, ChoiceRule, CostLine, Criterion, Curve, Extra, Gate,
    NumericRule, PriceAnswer, PriceFormula, PriceRule, Rating, RatingRule, Scorecard, Scoring,
    Step, Vendor, YesNoRule,
};

/// The most levels a category path may have (`A > B > C` has three).
const MAX_LEVELS: usize = 16;

/// Characters that make a spreadsheet treat a cell as a formula (or that hide such a start).
const DANGEROUS_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

// ------------------------------------------------------------------------------------------------
// Public types
// ------------------------------------------------------------------------------------------------

/// The result of [`import_requirements`]: the criteria tree built from the rows without errors,
/// and every problem found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequirementImport {
    /// Top-level categories in first-seen order, each with its sub-categories and requirements.
    pub criteria: Vec<Criterion>,
    /// Every problem found, in sheet order (header problems first).
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of [`import_answers`]: the vendors with the answers that could be read, and every
/// problem found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnswerImport {
    /// One vendor per vendor column (wide sheet) or the one vendor named by the caller.
    pub vendors: Vec<Vendor>,
    /// Every problem found, in sheet order (header problems first).
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of [`import_scoring_sheet`]: the ratings read back, and every problem found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RatingImport {
    /// One rating per row with a score, in sheet order.
    pub ratings: Vec<Rating>,
    /// Every problem found, in sheet order (header problems first).
    pub diagnostics: Vec<Diagnostic>,
}

/// How [`write_csv`] writes a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// The field delimiter: `b','` (the default) or `b';'` (what Excel expects where the decimal
    /// separator is a comma). A tab or `b'|'` is also accepted; any other byte is replaced by
    /// `b','`.
    pub delimiter: u8,
    /// Start the text with a UTF-8 byte order mark, so Excel reads it as UTF-8. Default true.
    pub bom: bool,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions {
            delimiter: b',',
            bom: true,
        }
    }
}

/// One cell of an exported sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written through [`neutralize`].
    Text(String),
    /// A number, written as a number (see [`format_number`]); a non-finite one is written empty.
    Number(f64),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Cell {
        Cell::Number(value)
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }
}

// ------------------------------------------------------------------------------------------------
// Public helpers
// ------------------------------------------------------------------------------------------------

/// An identifier made from a name: lowercase ASCII letters, digits and `_`.
///
/// Common accented Latin letters lose their accent (`é` → `e`, `ß` → `ss`); every run of other
/// characters becomes one `_`, and none is left at either end. `"Integrations & Labs"` →
/// `"integrations_labs"`, `"Vendor B"` → `"vendor_b"`. The result is empty when the text has no
/// letter or digit.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut separator = false;
    for ch in text.chars() {
        for lower in ch.to_lowercase() {
            let folded: &str = match lower {
                'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
                'æ' => "ae",
                'ç' | 'ć' | 'č' => "c",
                'ď' | 'đ' | 'ð' => "d",
                'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
                'ì'..='ï' | 'ī' | 'į' | 'ı' => "i",
                'ł' | 'ľ' => "l",
                'ñ' | 'ń' | 'ň' => "n",
                'ò'..='ö' | 'ø' | 'ō' | 'ő' => "o",
                'œ' => "oe",
                'ř' => "r",
                'ß' => "ss",
                'ś' | 'š' | 'ş' => "s",
                'ť' | 'ţ' => "t",
                'þ' => "th",
                'ù'..='ü' | 'ū' | 'ů' | 'ű' => "u",
                'ý' | 'ÿ' => "y",
                'ź' | 'ż' | 'ž' => "z",
                _ => "",
            };
            if !folded.is_empty() {
                push_slug_part(&mut out, &mut separator, folded);
            } else if lower.is_ascii_alphanumeric() {
                let mut buffer = [0u8; 4];
                push_slug_part(&mut out, &mut separator, lower.encode_utf8(&mut buffer));
            } else {
                separator = true;
            }
        }
    }
    out
}

fn push_slug_part(out: &mut String, separator: &mut bool, part: &str) {
    if *separator && !out.is_empty() {
        out.push('_');
    }
    *separator = false;
    out.push_str(part);
}

/// The requirement with this id anywhere in the criteria tree (depth-first, in order), or
/// `None`. Only requirements (nodes with a scoring rule) are found, never categories.
pub fn find_requirement<'a>(criteria: &'a [Criterion], id: &str) -> Option<&'a Criterion> {
    walk(criteria).find(|c| c.is_requirement() && c.id == id)
}

/// `text` made safe to open in a spreadsheet: when it starts with `=`, `+`, `-`, `@`, a tab, a
/// carriage return or a line feed, a single quote `'` is put in front, so the spreadsheet shows
/// it as text instead of running it as a formula (OWASP, "CSV Injection"). Other text is
/// returned unchanged.
///
/// Text that already starts with quotes followed by one of those characters (`'=A1`) gets one
/// more quote, so that the imports of this module, which drop the guard quote again, read back
/// exactly the text that was exported.
pub fn neutralize(text: &str) -> String {
    if needs_guard(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// True when the text, after any leading quotes, starts with a dangerous character.
fn needs_guard(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(DANGEROUS_STARTS)
}

/// A number as [`write_csv`] writes it: at most 4 decimals, no needless trailing zeros, no
/// exponent, a point as the decimal separator (`12`, `0.5`, `99.99`, `-3.1416`). A non-finite
/// number gives an empty string.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let mut text = format!("{value:.4}");
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(trimmed);
    }
    if text == "-0" {
        text = "0".to_owned();
    }
    text
}

/// Writes a sheet: the header, then the rows.
///
/// The text is UTF-8, starts with a byte order mark when `options.bom`, separates fields with
/// `options.delimiter` and ends every line with CRLF (`\r\n`, as RFC 4180 and Excel expect).
/// A field is quoted only when it has to be (it holds the delimiter, a quote, CR or LF). Header
/// names and [`Cell::Text`] go through [`neutralize`]; [`Cell::Number`] is written with
/// [`format_number`]. Rows may have different lengths.
pub fn write_csv(header: &[&str], rows: &[Vec<Cell>], options: &CsvOptions) -> String {
    let delimiter = match options.delimiter {
        b',' | b';' | b'\t' | b'|' => options.delimiter,
        _ => b',',
    };
    let mut out: Vec<u8> = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        // Writing into a Vec cannot fail, and flexible records never are refused.
        if !header.is_empty() {
            let _ = writer.write_record(header.iter().map(|name| neutralize(name)));
        }
        for row in rows {
            let _ = writer.write_record(row.iter().map(cell_text));
        }
        let _ = writer.flush();
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => neutralize(text),
        Cell::Number(value) => format_number(*value),
        Cell::Empty => String::new(),
    }
}

// ------------------------------------------------------------------------------------------------
// Import a requirement list
// ------------------------------------------------------------------------------------------------

/// The columns of a requirement list, as matched (lowercase).
const REQUIREMENT_COLUMNS: [&str; 19] = [
    "category",
    "id",
    "name",
    "kind",
    "weight",
    "guidance",
    "tags",
    "gate",
    "unit",
    "better",
    "worst",
    "best",
    "steps",
    "options",
    "scale",
    "anchors",
    "formula",
    "years",
    "escalation",
];

/// Columns that only some kinds use.
const KIND_COLUMNS: [&str; 11] = [
    "unit",
    "better",
    "worst",
    "best",
    "steps",
    "options",
    "scale",
    "anchors",
    "formula",
    "years",
    "escalation",
];

const REQUIRED_REQUIREMENT_COLUMNS: [&str; 4] = ["category", "id", "name", "kind"];

/// Imports a requirement list (one row per requirement; see `docs/csv.md` for the columns and
/// the cell grammar).
///
/// `source` names the sheet in diagnostics (usually its file name). Categories are created in
/// first-seen order from the `category` paths; their ids are the slugs of the path levels
/// joined by `.` (`Integrations > Laboratory` → `integrations.laboratory`) and their weight is
/// 1 unless a `category` row sets it. Every bad cell is reported; rows with errors are left
/// out and every other row is imported. A missing required column (category, id, name, kind)
/// stops the import with an error.
pub fn import_requirements(source: &str, text: &str) -> RequirementImport {
    let mut diagnostics = Vec::new();
    let Some(sheet) = read_sheet(source, text, &mut diagnostics) else {
        return RequirementImport {
            criteria: Vec::new(),
            diagnostics,
        };
    };
    let header = match_header(&sheet, &REQUIREMENT_COLUMNS, &[], &mut diagnostics);
    for &index in &header.unknown {
        diagnostics.push(
            Diagnostic::warning(
                sheet.loc(sheet.header_row, index),
                format!(
                    "unknown column {} is ignored",
                    shown(sheet.column_name(index).as_str())
                ),
            )
            .with_hint(format!(
                "the columns of a requirement list are {}",
                REQUIREMENT_COLUMNS.join(", ")
            )),
        );
    }
    if !require_columns(
        &sheet,
        &header,
        &REQUIRED_REQUIREMENT_COLUMNS,
        "a requirement list needs the columns category, id, name and kind",
        &mut diagnostics,
    ) {
        return RequirementImport {
            criteria: Vec::new(),
            diagnostics,
        };
    }

    let mut tree = Tree::default();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut category_rows: HashMap<String, usize> = HashMap::new();
    for row in &sheet.rows {
        let mut ctx = Ctx {
            sheet: &sheet,
            row,
            columns: &header.columns,
            diagnostics: &mut diagnostics,
            errors: 0,
        };
        match requirement_row(&mut ctx, &mut seen_ids, &mut category_rows) {
            Some(Parsed::Category {
                levels,
                id,
                weight,
                guidance,
                tags,
            }) => {
                if let Some(index) = tree.ensure(&levels) {
                    if let Some(node) = tree.categories.get_mut(index) {
                        node.custom_id = id;
                        node.weight = weight;
                        node.guidance = guidance;
                        node.tags = tags;
                        node.row = Some(row.number);
                    }
                }
            }
            Some(Parsed::Requirement { levels, criterion }) => {
                let id_location = ctx.loc("id");
                tree.add_requirement(&levels, *criterion, id_location);
            }
            None => {}
        }
    }
    let criteria = tree.finish(&sheet, &mut diagnostics);
    RequirementImport {
        criteria,
        diagnostics,
    }
}

/// A requirement's kind, or a category row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    YesNo,
    Choice,
    MultiChoice,
    Numeric,
    Rating,
    Price,
    Category,
}

impl Kind {
    fn parse(text: &str) -> Option<Kind> {
        match normalize_key(text).as_str() {
            "yes_no" | "yesno" | "yes/no" | "yes_/_no" => Some(Kind::YesNo),
            "choice" | "single_choice" => Some(Kind::Choice),
            "multi_choice" | "multichoice" | "multiple_choice" => Some(Kind::MultiChoice),
            "numeric" | "number" => Some(Kind::Numeric),
            "rating" => Some(Kind::Rating),
            "price" => Some(Kind::Price),
            "category" => Some(Kind::Category),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::YesNo => "yes_no",
            Kind::Choice => "choice",
            Kind::MultiChoice => "multi_choice",
            Kind::Numeric => "numeric",
            Kind::Rating => "rating",
            Kind::Price => "price",
            Kind::Category => "category",
        }
    }

    /// The kind-specific columns this kind reads.
    fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::YesNo | Kind::Category => &[],
            Kind::Choice | Kind::MultiChoice => &["options"],
            Kind::Numeric => &["unit", "better", "worst", "best", "steps"],
            Kind::Rating => &["scale", "anchors"],
            Kind::Price => &["formula", "years", "escalation"],
        }
    }

    /// The gates this kind takes, for messages.
    fn gate_help(self) -> &'static str {
        match self {
            Kind::YesNo => "a yes_no requirement takes the gate \"required\"",
            Kind::Choice | Kind::MultiChoice => {
                "a choice requirement takes the gate \"any of: a, b\" (option ids)"
            }
            Kind::Numeric => "a numeric requirement takes the gate \"at least N\" or \"at most N\"",
            Kind::Rating => {
                "a rating requirement takes the gate \"at least N\" (the minimum rating)"
            }
            Kind::Price => {
                "a price requirement takes the gate \"at most N\" (a ceiling on total cost)"
            }
            Kind::Category => "a category row takes no gate",
        }
    }
}

const KINDS: &str = "yes_no, choice, multi_choice, numeric, rating, price or category";

/// One level of a category path.
#[derive(Debug, Clone)]
struct Level {
    name: String,
    slug: String,
}

/// What one row of a requirement list gives.
enum Parsed {
    Category {
        levels: Vec<Level>,
        /// An id other than the path's, when the row gives one.
        id: Option<String>,
        weight: f64,
        guidance: String,
        tags: Vec<String>,
    },
    Requirement {
        levels: Vec<Level>,
        criterion: Box<Criterion>,
    },
}

fn requirement_row(
    ctx: &mut Ctx<'_>,
    seen_ids: &mut HashMap<String, usize>,
    category_rows: &mut HashMap<String, usize>,
) -> Option<Parsed> {
    let levels = match parse_path(ctx.cell("category")) {
        Ok(levels) => Some(levels),
        Err(problem) => {
            ctx.error("category", problem);
            None
        }
    };
    let kind_text = ctx.cell("kind");
    let kind = Kind::parse(kind_text);
    if kind.is_none() {
        let found = if kind_text.is_empty() {
            "an empty cell".to_owned()
        } else {
            shown(kind_text)
        };
        ctx.error(
            "kind",
            Problem::new(format!("expected {KINDS}, found {found}")),
        );
    }
    let is_category = kind == Some(Kind::Category);
    let id = ctx.cell("id");
    let name = ctx.cell("name");
    if !is_category {
        if id.is_empty() {
            ctx.error(
                "id",
                Problem::new("expected a requirement id, found an empty cell"),
            );
        } else if let Some(&first) = seen_ids.get(id) {
            ctx.error(
                "id",
                Problem::new(format!(
                    "requirement id {} is already used on row {first}; ids must be unique",
                    shown(id)
                )),
            );
        } else {
            seen_ids.insert(id.to_owned(), ctx.row.number);
        }
        if name.is_empty() {
            ctx.error(
                "name",
                Problem::new("expected the requirement's text, found an empty cell"),
            );
        }
    }
    let weight_text = ctx.cell("weight");
    let weight = if weight_text.is_empty() {
        1.0
    } else {
        match parse_number(weight_text, false, false) {
            Ok(value) if value >= 0.0 => value,
            Ok(_) => {
                ctx.error(
                    "weight",
                    Problem::new(format!(
                        "expected a number ≥ 0, found {}",
                        shown(weight_text)
                    )),
                );
                1.0
            }
            Err(problem) => {
                ctx.error("weight", problem);
                1.0
            }
        }
    };
    let guidance = ctx.cell("guidance").to_owned();
    let tags: Vec<String> = ctx
        .cell("tags")
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let gate_text = ctx.cell("gate");
    let gate = match parse_gate(gate_text) {
        Ok(gate) => gate,
        Err(problem) => {
            ctx.error("gate", problem);
            None
        }
    };
    let kind = kind?;

    for column in KIND_COLUMNS {
        if !kind.columns().contains(&column) && !ctx.cell(column).is_empty() {
            let what = if is_category {
                "a category row".to_owned()
            } else {
                format!("a {} requirement", kind.name())
            };
            ctx.warn(
                column,
                Problem::new(format!(
                    "column \"{column}\" does not apply to {what}; the cell is ignored"
                )),
            );
        }
    }

    if is_category {
        if gate.is_some() {
            ctx.error(
                "gate",
                Problem::new(format!(
                    "a category row takes no gate, found {}",
                    shown(gate_text)
                ))
                .hint("put the gate on a requirement row"),
            );
        }
        let levels = levels?;
        let key = path_id(&levels);
        let last = levels.last().map(|level| level.name.as_str()).unwrap_or("");
        // A category row may give the category an id of its own (templates use short ids
        // such as `fit`); otherwise the id is the path's slug.
        let custom_id = (!id.is_empty() && id != key).then(|| id.to_owned());
        if !name.is_empty() && !name.eq_ignore_ascii_case(last) {
            ctx.warn(
                "name",
                Problem::new(format!(
                    "a category's name is the last level of its path ({}); {} is ignored",
                    shown(last),
                    shown(name)
                )),
            );
        }
        if let Some(&first) = category_rows.get(&key) {
            ctx.error(
                "category",
                Problem::new(format!(
                    "category {} is already set by the category row on row {first}",
                    shown(ctx.cell("category"))
                )),
            );
        } else {
            category_rows.insert(key, ctx.row.number);
        }
        if ctx.errors > 0 {
            return None;
        }
        return Some(Parsed::Category {
            levels,
            id: custom_id,
            weight,
            guidance,
            tags,
        });
    }

    let scoring = match kind {
        Kind::YesNo => Some(Scoring::YesNo(YesNoRule::default())),
        Kind::Choice => choice_rule(ctx, false).map(Scoring::Choice),
        Kind::MultiChoice => choice_rule(ctx, true).map(Scoring::Choice),
        Kind::Numeric => numeric_rule(ctx).map(Scoring::Numeric),
        Kind::Rating => rating_rule(ctx).map(Scoring::Rating),
        Kind::Price => price_rule(ctx).map(Scoring::Price),
        Kind::Category => None,
    };
    let gate = match gate {
        Some(gate) => match fit_gate(kind, gate, scoring.as_ref()) {
            Ok(gate) => Some(gate),
            Err(problem) => {
                ctx.error("gate", problem);
                None
            }
        },
        None => None,
    };
    if ctx.errors > 0 {
        return None;
    }
    let levels = levels?;
    let scoring = scoring?;
    let mut criterion = Criterion::requirement(id, name, weight, scoring);
    criterion.guidance = guidance;
    criterion.gate = gate;
    criterion.tags = tags;
    Some(Parsed::Requirement {
        levels,
        criterion: Box::new(criterion),
    })
}

fn parse_path(text: &str) -> Result<Vec<Level>, Problem> {
    let example = "a category path such as \"Integrations > Laboratory\"";
    if text.is_empty() {
        return Err(Problem::new(format!(
            "expected {example}, found an empty cell"
        )));
    }
    let parts: Vec<&str> = text.split('>').map(str::trim).collect();
    if parts.len() > MAX_LEVELS {
        return Err(Problem::new(format!(
            "expected {example} with at most {MAX_LEVELS} levels, found {} levels",
            parts.len()
        )));
    }
    let mut levels = Vec::with_capacity(parts.len());
    for part in parts {
        if part.is_empty() {
            return Err(Problem::new(format!(
                "expected {example}, found {} (a level is empty)",
                shown(text)
            ))
            .hint("separate the levels with \" > \" and leave none empty"));
        }
        let level_slug = slug(part);
        if level_slug.is_empty() {
            return Err(Problem::new(format!(
                "expected {example}, found the level {} that has no letter or digit to make an id from",
                shown(part)
            )));
        }
        levels.push(Level {
            name: part.to_owned(),
            slug: level_slug,
        });
    }
    Ok(levels)
}

fn path_id(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|level| level.slug.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

fn parse_gate(text: &str) -> Result<Option<Gate>, Problem> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Ok(None);
    }
    let norm = words.join(" ");
    let expected = "expected \"required\", \"at least N\", \"at most N\" or \"any of: a, b\"";
    if norm.eq_ignore_ascii_case("required") {
        return Ok(Some(Gate::Required));
    }
    for (keyword, at_least) in [("at least", true), ("at most", false)] {
        if let Some(rest) = strip_keyword(&norm, keyword) {
            let rest = rest.trim();
            return match parse_number(rest, true, true) {
                Ok(value) if at_least => Ok(Some(Gate::AtLeast(value))),
                Ok(value) => Ok(Some(Gate::AtMost(value))),
                Err(_) => {
                    let found = if rest.is_empty() {
                        "nothing".to_owned()
                    } else {
                        shown(rest)
                    };
                    Err(Problem::new(format!(
                        "expected a number after \"{keyword}\", found {found}"
                    )))
                }
            };
        }
    }
    if let Some(rest) = strip_keyword(&norm, "any of") {
        let rest = rest.trim_start();
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        let ids: Vec<String> = rest
            .split([',', ';'])
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect();
        if ids.is_empty() {
            return Err(Problem::new(
                "expected option ids after \"any of:\", found none",
            ));
        }
        return Ok(Some(Gate::AnyOf(ids)));
    }
    Err(Problem::new(format!(
        "{expected}, found {}",
        shown(text.trim())
    )))
}

fn strip_keyword<'t>(text: &'t str, keyword: &str) -> Option<&'t str> {
    let head = text.get(..keyword.len())?;
    if head.eq_ignore_ascii_case(keyword) {
        text.get(keyword.len()..)
    } else {
        None
    }
}

fn fit_gate(kind: Kind, gate: Gate, scoring: Option<&Scoring>) -> Result<Gate, Problem> {
    match (kind, gate) {
        (Kind::YesNo, Gate::Required) => Ok(Gate::Required),
        (Kind::Numeric, gate @ (Gate::AtLeast(_) | Gate::AtMost(_))) => Ok(gate),
        (Kind::Rating, Gate::AtLeast(value)) => {
            if let Some(Scoring::Rating(rule)) = scoring {
                if value < f64::from(rule.min) || value > f64::from(rule.max) {
                    return Err(Problem::new(format!(
                        "expected a minimum rating on the scale {}-{}, found {}",
                        rule.min,
                        rule.max,
                        format_number(value)
                    )));
                }
            }
            Ok(Gate::AtLeast(value))
        }
        (Kind::Price, Gate::AtMost(value)) => {
            if value < 0.0 {
                return Err(Problem::new(format!(
                    "expected a price ceiling ≥ 0, found {}",
                    format_number(value)
                )));
            }
            Ok(Gate::AtMost(value))
        }
        (Kind::Choice | Kind::MultiChoice, Gate::AnyOf(ids)) => {
            let Some(Scoring::Choice(rule)) = scoring else {
                return Ok(Gate::AnyOf(ids));
            };
            let mut resolved = Vec::with_capacity(ids.len());
            let mut unknown = Vec::new();
            for id in &ids {
                match resolve_option(&rule.options, id) {
                    Some(option) => {
                        if !resolved.contains(&option.id) {
                            resolved.push(option.id.clone());
                        }
                    }
                    None => unknown.push(shown(id)),
                }
            }
            if unknown.is_empty() {
                Ok(Gate::AnyOf(resolved))
            } else {
                Err(Problem::new(format!(
                    "expected option ids of this requirement, found {}",
                    unknown.join(", ")
                ))
                .hint(format!("the options are {}", option_list(&rule.options))))
            }
        }
        (kind, gate) => Err(Problem::new(format!(
            "the gate \"{}\" does not fit a {} requirement",
            describe_gate(&gate),
            kind.name()
        ))
        .hint(kind.gate_help())),
    }
}

fn describe_gate(gate: &Gate) -> String {
    match gate {
        Gate::Required => "required".to_owned(),
        Gate::AtLeast(value) => format!("at least {}", format_number(*value)),
        Gate::AtMost(value) => format!("at most {}", format_number(*value)),
        Gate::AnyOf(ids) => format!("any of: {}", ids.join(", ")),
    }
}

fn choice_rule(ctx: &mut Ctx<'_>, multiple: bool) -> Option<ChoiceRule> {
    match parse_options(ctx.cell("options")) {
        Ok(options) => {
            if options.iter().all(|option| option.points == 0.0) {
                ctx.warn(
                    "options",
                    Problem::new(
                        "every option is worth 0 points, so this requirement cannot tell vendors apart",
                    ),
                );
            }
            Some(ChoiceRule {
                options,
                multiple,
                extra: Extra::new(),
            })
        }
        Err(problem) => {
            ctx.error("options", problem);
            None
        }
    }
}

/// The items of a `;`-separated cell; `;;` stands for a `;` inside an item.
fn split_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == ';' {
            if chars.peek() == Some(&';') {
                chars.next();
                current.push(';');
            } else {
                items.push(std::mem::take(&mut current));
            }
        } else {
            current.push(ch);
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

fn parse_options(text: &str) -> Result<Vec<ChoiceOption>, Problem> {
    let example = "options such as \"epcs=3:EPCS included; none=0\"";
    let owned = split_items(text);
    let items: Vec<&str> = owned.iter().map(String::as_str).collect();
    if items.is_empty() {
        return Err(Problem::new(format!(
            "expected {example}, found an empty cell"
        )));
    }
    let mut options: Vec<ChoiceOption> = Vec::with_capacity(items.len());
    for item in items {
        let Some((id, rest)) = item.split_once('=') else {
            return Err(Problem::new(format!(
                "expected id=points or id=points:label, found {}",
                shown(item)
            ))
            .hint(format!("write {example}")));
        };
        let id = id.trim();
        if id.is_empty() {
            return Err(Problem::new(format!(
                "expected an option id before \"=\", found {}",
                shown(item)
            )));
        }
        if id.contains([',', '|', ':']) {
            return Err(Problem::new(format!(
                "expected an option id without \",\", \"|\" or \":\", found {}",
                shown(id)
            )));
        }
        let (points_text, label) = match rest.split_once(':') {
            Some((points, label)) => (points.trim(), label.trim()),
            None => (rest.trim(), ""),
        };
        let points = match parse_number(points_text, false, false) {
            Ok(points) if points >= 0.0 => points,
            _ => {
                let found = if points_text.is_empty() {
                    "nothing".to_owned()
                } else {
                    shown(points_text)
                };
                return Err(Problem::new(format!(
                    "expected points (a number ≥ 0) for option {}, found {found}",
                    shown(id)
                )));
            }
        };
        if options
            .iter()
            .any(|option| option.id.eq_ignore_ascii_case(id))
        {
            return Err(Problem::new(format!(
                "option id {} appears twice; option ids must be unique",
                shown(id)
            )));
        }
        options.push(ChoiceOption {
            id: id.to_owned(),
            label: label.to_owned(),
            points,
            extra: Extra::new(),
        });
    }
    Ok(options)
}

fn numeric_rule(ctx: &mut Ctx<'_>) -> Option<NumericRule> {
    let unit = ctx.cell("unit").to_owned();
    let better_text = ctx.cell("better");
    let better = match better_text.to_ascii_lowercase().as_str() {
        "higher" => Some(Better::Higher),
        "lower" => Some(Better::Lower),
        _ => {
            let found = if better_text.is_empty() {
                "an empty cell".to_owned()
            } else {
                shown(better_text)
            };
            ctx.error(
                "better",
                Problem::new(format!("expected \"higher\" or \"lower\", found {found}")),
            );
            None
        }
    };
    let worst_text = ctx.cell("worst");
    let best_text = ctx.cell("best");
    let steps_text = ctx.cell("steps");
    let curve = if !steps_text.is_empty() {
        if !worst_text.is_empty() || !best_text.is_empty() {
            ctx.error(
                "steps",
                Problem::new(
                    "expected either worst and best (a straight line) or steps, found both",
                )
                .hint("empty the worst and best cells, or the steps cell"),
            );
            None
        } else {
            match parse_steps(steps_text) {
                Ok(steps) => Some(Curve::Steps(steps)),
                Err(problem) => {
                    ctx.error("steps", problem);
                    None
                }
            }
        }
    } else if worst_text.is_empty() && best_text.is_empty() {
        ctx.error(
            "worst",
            Problem::new(
                "expected worst and best (a straight line) or steps for a numeric requirement, found neither",
            ),
        );
        None
    } else {
        let worst = if worst_text.is_empty() {
            ctx.error(
                "worst",
                Problem::new("expected a number (worst goes with best), found an empty cell"),
            );
            None
        } else {
            cell_number(ctx, "worst", worst_text)
        };
        let best = if best_text.is_empty() {
            ctx.error(
                "best",
                Problem::new("expected a number (best goes with worst), found an empty cell"),
            );
            None
        } else {
            cell_number(ctx, "best", best_text)
        };
        match (worst, best) {
            (Some(worst), Some(best)) => {
                let order_ok = match better {
                    Some(Better::Higher) => worst < best,
                    Some(Better::Lower) => worst > best,
                    None => worst != best,
                };
                if order_ok {
                    Some(Curve::Linear { worst, best })
                } else {
                    let relation = match better {
                        Some(Better::Higher) => "above worst when higher is better",
                        Some(Better::Lower) => "below worst when lower is better",
                        None => "different from worst",
                    };
                    ctx.error(
                        "best",
                        Problem::new(format!(
                            "expected a best value {relation}, found worst {} and best {}",
                            format_number(worst),
                            format_number(best)
                        )),
                    );
                    None
                }
            }
            _ => None,
        }
    };
    Some(NumericRule {
        unit,
        better: better?,
        curve: curve?,
        extra: Extra::new(),
    })
}

fn cell_number(ctx: &mut Ctx<'_>, column: &str, text: &str) -> Option<f64> {
    match parse_number(text, true, true) {
        Ok(value) => Some(value),
        Err(problem) => {
            ctx.error(column, problem);
            None
        }
    }
}

fn parse_steps(text: &str) -> Result<Vec<Step>, Problem> {
    let example = "steps such as \"15:1; 60:0.5; 240:0.2\" (value:score pairs)";
    let items: Vec<&str> = text
        .split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    if items.is_empty() {
        return Err(Problem::new(format!(
            "expected {example}, found {}",
            shown(text)
        )));
    }
    let mut steps: Vec<Step> = Vec::with_capacity(items.len());
    for item in items {
        let Some((at_text, score_text)) = item.split_once(':') else {
            return Err(Problem::new(format!(
                "expected {example}, found the pair {}",
                shown(item)
            )));
        };
        let Ok(at) = parse_number(at_text, true, true) else {
            return Err(Problem::new(format!(
                "expected a number before \":\" in {}, found {}",
                shown(item),
                shown(at_text.trim())
            )));
        };
        let score = match parse_number(score_text, false, false) {
            Ok(score) if (0.0..=1.0).contains(&score) => score,
            _ => {
                return Err(Problem::new(format!(
                    "expected a score from 0 to 1 after \":\" in {}, found {}",
                    shown(item),
                    shown(score_text.trim())
                )));
            }
        };
        if steps.iter().any(|step| step.at == at) {
            return Err(Problem::new(format!(
                "the value {} has two steps; each value may appear once",
                format_number(at)
            )));
        }
        steps.push(Step {
            at,
            score,
            extra: Default::default(),
        });
    }
    Ok(steps)
}

fn rating_rule(ctx: &mut Ctx<'_>) -> Option<RatingRule> {
    let scale = match parse_scale(ctx.cell("scale")) {
        Ok(scale) => Some(scale),
        Err(problem) => {
            ctx.error("scale", problem);
            None
        }
    };
    let anchors = match parse_anchors(ctx.cell("anchors"), scale) {
        Ok(anchors) => Some(anchors),
        Err(problem) => {
            ctx.error("anchors", problem);
            None
        }
    };
    let (min, max) = scale?;
    Some(RatingRule {
        min,
        max,
        anchors: anchors?,
        extra: Extra::new(),
    })
}

fn parse_scale(text: &str) -> Result<(i32, i32), Problem> {
    if text.is_empty() {
        return Ok((0, 5));
    }
    let bad = || {
        Problem::new(format!(
            "expected a scale such as 0-5 or 1-10, found {}",
            shown(text)
        ))
    };
    for (index, ch) in text.char_indices().skip(1) {
        if ch != '-' && ch != '–' {
            continue;
        }
        let low = text.get(..index).unwrap_or("").trim();
        let high = text.get(index + ch.len_utf8()..).unwrap_or("").trim();
        if let (Ok(min), Ok(max)) = (low.parse::<i32>(), high.parse::<i32>()) {
            if min >= max {
                return Err(Problem::new(format!(
                    "expected a scale whose lowest level is below its highest, found {}",
                    shown(text)
                )));
            }
            return Ok((min, max));
        }
    }
    Err(bad())
}

fn parse_anchors(text: &str, scale: Option<(i32, i32)>) -> Result<Vec<Anchor>, Problem> {
    let mut anchors: Vec<Anchor> = Vec::new();
    for item in split_items(text).iter().map(String::as_str) {
        let Some((level_text, description)) = item.split_once('=') else {
            return Err(Problem::new(format!(
                "expected level=description pairs such as \"0=No evidence; 5=Fully meets\", found {}",
                shown(item)
            )));
        };
        let Ok(level) = level_text.trim().parse::<i32>() else {
            return Err(Problem::new(format!(
                "expected a whole-number level before \"=\" in {}, found {}",
                shown(item),
                shown(level_text.trim())
            )));
        };
        if let Some((min, max)) = scale {
            if level < min || level > max {
                return Err(Problem::new(format!(
                    "expected anchor levels on the scale {min}-{max}, found level {level}"
                )));
            }
        }
        let description = description.trim();
        if description.is_empty() {
            return Err(Problem::new(format!(
                "expected a description after \"{level}=\", found nothing"
            )));
        }
        if anchors.iter().any(|anchor| anchor.level == level) {
            return Err(Problem::new(format!(
                "level {level} has two anchors; each level may have one"
            )));
        }
        anchors.push(Anchor {
            level,
            description: description.to_owned(),
            extra: Default::default(),
        });
    }
    Ok(anchors)
}

fn price_rule(ctx: &mut Ctx<'_>) -> Option<PriceRule> {
    let formula_text = ctx.cell("formula");
    let formula = match normalize_key(formula_text).as_str() {
        "" | "lowest_ratio" => Some(PriceFormula::LowestRatio),
        "linear" => Some(PriceFormula::Linear),
        _ => {
            ctx.error(
                "formula",
                Problem::new(format!(
                    "expected lowest_ratio or linear, found {}",
                    shown(formula_text)
                )),
            );
            None
        }
    };
    let years_text = ctx.cell("years");
    let years = if years_text.is_empty() {
        Some(5)
    } else {
        match years_text.parse::<u32>() {
            Ok(years) if years >= 1 => Some(years),
            _ => {
                ctx.error(
                    "years",
                    Problem::new(format!(
                        "expected a whole number of years (1 or more), found {}",
                        shown(years_text)
                    )),
                );
                None
            }
        }
    };
    let escalation_text = ctx.cell("escalation");
    let escalation = if escalation_text.is_empty() {
        Some(0.0)
    } else {
        match parse_number(escalation_text, true, false) {
            Ok(value) if value > -100.0 => Some(value),
            Ok(_) => {
                ctx.error(
                    "escalation",
                    Problem::new(format!(
                        "expected a yearly increase in percent above -100, found {}",
                        shown(escalation_text)
                    )),
                );
                None
            }
            Err(problem) => {
                ctx.error("escalation", problem);
                None
            }
        }
    };
    Some(PriceRule {
        formula: formula?,
        years: years?,
        escalation_percent: escalation?,
        extra: Extra::new(),
    })
}

/// The criteria tree being built from the rows, in first-seen order.
#[derive(Default)]
struct Tree {
    categories: Vec<CategoryNode>,
    top: Vec<usize>,
    by_id: HashMap<String, usize>,
    requirements: Vec<(Criterion, String)>,
}

struct CategoryNode {
    id: String,
    /// The id a category row gave, used instead of `id` (the path's slug).
    custom_id: Option<String>,
    name: String,
    weight: f64,
    guidance: String,
    tags: Vec<String>,
    children: Vec<Child>,
    /// The row of the category row that set weight and guidance, if any.
    row: Option<usize>,
}

/// Report each of `names` the header lacks, with `hint`; true when none is missing.
fn require_columns(
    sheet: &Sheet,
    header: &Header,
    names: &[&str],
    hint: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut complete = true;
    for name in names {
        if !header.columns.contains_key(name) {
            complete = false;
            diagnostics.push(
                Diagnostic::error(
                    sheet.row_loc(sheet.header_row),
                    format!("expected a column named \"{name}\" in the header, found none"),
                )
                .with_hint(hint),
            );
        }
    }
    complete
}

#[derive(Clone, Copy)]
enum Child {
    Category(usize),
    Requirement(usize),
}

impl Tree {
    /// The category for `levels`, created (with its parents) when not seen yet.
    fn ensure(&mut self, levels: &[Level]) -> Option<usize> {
        let mut parent: Option<usize> = None;
        let mut key = String::new();
        for level in levels {
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(&level.slug);
            let index = match self.by_id.get(&key) {
                Some(&index) => index,
                None => {
                    let index = self.categories.len();
                    self.categories.push(CategoryNode {
                        id: key.clone(),
                        custom_id: None,
                        name: level.name.clone(),
                        weight: 1.0,
                        guidance: String::new(),
                        tags: Vec::new(),
                        children: Vec::new(),
                        row: None,
                    });
                    self.by_id.insert(key.clone(), index);
                    match parent.and_then(|p| self.categories.get_mut(p)) {
                        Some(node) => node.children.push(Child::Category(index)),
                        None => self.top.push(index),
                    }
                    index
                }
            };
            parent = Some(index);
        }
        parent
    }

    fn add_requirement(&mut self, levels: &[Level], criterion: Criterion, id_location: String) {
        if let Some(parent) = self.ensure(levels) {
            let index = self.requirements.len();
            self.requirements.push((criterion, id_location));
            if let Some(node) = self.categories.get_mut(parent) {
                node.children.push(Child::Requirement(index));
            }
        }
    }

    /// Checks ids across the tree, then builds it.
    fn finish(self, sheet: &Sheet, diagnostics: &mut Vec<Diagnostic>) -> Vec<Criterion> {
        let mut excluded: HashSet<usize> = HashSet::new();
        let category_ids: HashSet<&str> = self
            .categories
            .iter()
            .map(|c| c.custom_id.as_deref().unwrap_or(&c.id))
            .collect();
        for (index, (criterion, location)) in self.requirements.iter().enumerate() {
            if category_ids.contains(criterion.id.as_str()) {
                excluded.insert(index);
                diagnostics.push(
                    Diagnostic::error(
                        location.clone(),
                        format!(
                            "requirement id {} is also the id of a category; ids must be unique in the whole tree",
                            shown(&criterion.id)
                        ),
                    )
                    .with_hint("category ids are the slugs of their paths; rename the requirement"),
                );
            }
        }
        let mut built: Vec<Option<Criterion>> = self
            .requirements
            .into_iter()
            .enumerate()
            .map(|(index, (criterion, _))| (!excluded.contains(&index)).then_some(criterion))
            .collect();
        let categories = self.categories;
        // Children are always created after their parent, so building from the last category
        // to the first finds every sub-category already built.
        let mut done: Vec<Option<Criterion>> = (0..categories.len()).map(|_| None).collect();
        let mut has_requirements = vec![false; categories.len()];
        for index in (0..categories.len()).rev() {
            let Some(node) = categories.get(index) else {
                continue;
            };
            let mut children = Vec::with_capacity(node.children.len());
            let mut any = false;
            for child in &node.children {
                match *child {
                    Child::Category(c) => {
                        if let Some(criterion) = done.get_mut(c).and_then(Option::take) {
                            any |= has_requirements.get(c).copied().unwrap_or(false);
                            children.push(criterion);
                        }
                    }
                    Child::Requirement(r) => {
                        if let Some(criterion) = built.get_mut(r).and_then(Option::take) {
                            any = true;
                            children.push(criterion);
                        }
                    }
                }
            }
            if let Some(flag) = has_requirements.get_mut(index) {
                *flag = any;
            }
            let id = node.custom_id.as_deref().unwrap_or(&node.id);
            let mut criterion = Criterion::category(id, &node.name, node.weight, children);
            criterion.guidance = node.guidance.clone();
            criterion.tags = node.tags.clone();
            if let Some(slot) = done.get_mut(index) {
                *slot = Some(criterion);
            }
        }
        for (index, node) in categories.iter().enumerate() {
            if !has_requirements.get(index).copied().unwrap_or(true) {
                let location = match node.row {
                    Some(row) => sheet.loc_named(row, "category"),
                    None => sheet.source.clone(),
                };
                diagnostics.push(Diagnostic::warning(
                    location,
                    format!(
                        "category {} (id {}) has no requirements",
                        shown(&node.name),
                        shown(&node.id)
                    ),
                ));
            }
        }
        self.top
            .iter()
            .filter_map(|&index| done.get_mut(index).and_then(Option::take))
            .collect()
    }
}

// ------------------------------------------------------------------------------------------------
// Import vendor answers
// ------------------------------------------------------------------------------------------------

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
/// `criteria` with [`find_requirement`]). An empty cell is no answer. Every bad cell is
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
                let id = slug(&name);
                if id.is_empty() {
                    diagnostics.push(Diagnostic::error(
                        sheet.loc(sheet.header_row, index),
                        format!(
                            "expected a vendor name with a letter or digit, found {}",
                            shown(&name)
                        ),
                    ));
                    continue;
                }
                if let Some(&first) = ids.get(&id) {
                    diagnostics.push(
                        Diagnostic::error(
                            sheet.loc(sheet.header_row, index),
                            format!(
                                "vendor {} gets the id {}, like the vendor in column {}; the column is ignored",
                                shown(&name),
                                shown(&id),
                                column_letter(first)
                            ),
                        )
                        .with_hint("give every vendor a distinct name"),
                    );
                    continue;
                }
                ids.insert(id.clone(), index);
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
                let vendor_id = slug(&vendor_name);
                match targets
                    .iter_mut()
                    .find(|target| !vendor_id.is_empty() && target.vendor.id == vendor_id)
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
    for row in &sheet.rows {
        let requirement_id = row_cell(row, requirement_column);
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
            let message = if walk(criteria).any(|c| c.id == requirement_id) {
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
                match parse_answer(scoring, cell) {
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
    parse_answer(scoring, text).map_err(|p| crate::typed::TypedProblem {
        message: p.message,
        hint: p.hint,
    })
}

/// Reads one answer cell (not empty) for a requirement. `Ok(None)` for a rating requirement.
fn parse_answer(scoring: &Scoring, text: &str) -> Result<Option<Answer>, Problem> {
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
        Scoring::Numeric(_) => parse_number(text, true, true).map(|n| Some(Answer::Number(n))),
        Scoring::Price(_) => {
            if text.contains('=') {
                parse_cost_lines(text).map(|price| Some(Answer::Price(price)))
            } else {
                match parse_number(text, false, true) {
                    Ok(value) if value >= 0.0 => Ok(Some(Answer::Number(value))),
                    Ok(_) => Err(Problem::new(format!(
                        "expected a bid ≥ 0, found {}",
                        shown(text)
                    ))),
                    Err(problem) => Err(problem.hint(
                        "write the total bid (1250000 or $1,250,000) or \
                         one_time=50000; recurring=12000",
                    )),
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
fn resolve_option<'a>(options: &'a [ChoiceOption], text: &str) -> Option<&'a ChoiceOption> {
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

fn option_list(options: &[ChoiceOption]) -> String {
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

// ------------------------------------------------------------------------------------------------
// Evaluator scoring sheet
// ------------------------------------------------------------------------------------------------

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

/// The evaluator scoring sheet for `evaluator_id`: one row per vendor and rating requirement
/// (vendors in scorecard order; for each, the rating requirements in criteria order), with the
/// columns `evaluator`, `vendor_id`, `vendor`, `requirement_id`, `category` (the category path,
/// levels joined by ` > `), `requirement`, `scale` (`0-5`), `anchors` (`0=…; 1=…`), `score` and
/// `note`, the last two filled from that evaluator's existing ratings. Written with
/// [`write_csv`]. An evaluator id not in the scorecard still gets a sheet (its import will
/// report the unknown evaluator).
pub fn export_scoring_sheet(
    scorecard: &Scorecard,
    evaluator_id: &str,
    options: &CsvOptions,
) -> String {
    let rated: Vec<(String, &Criterion, &RatingRule)> = requirements_with_path(&scorecard.criteria)
        .into_iter()
        .filter_map(|(path, criterion)| match criterion.scoring.as_ref() {
            Some(Scoring::Rating(rule)) => Some((path, criterion, rule)),
            _ => None,
        })
        .collect();
    let mut rows = Vec::with_capacity(rated.len() * scorecard.vendors.len());
    for vendor in &scorecard.vendors {
        for (path, criterion, rule) in &rated {
            let existing = existing_rating(scorecard, evaluator_id, &vendor.id, &criterion.id);
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
    write_csv(&SCORING_COLUMNS, &rows, options)
}

/// Reads an evaluator scoring sheet (as written by [`export_scoring_sheet`]) back into ratings.
///
/// Columns `evaluator`, `vendor_id`, `requirement_id` and `score` are required, `note` is
/// optional, and `vendor`, `category`, `requirement`, `scale` and `anchors` are for reading
/// only. An empty score means not rated (no rating). A score that is not a number or lies
/// outside the requirement's scale, and an evaluator, vendor or requirement the scorecard does
/// not have, are errors naming the cell. A rating keeps the revision of the existing rating when
/// neither score nor note changed, gets that revision + 1 when one did, and revision 0 when the
/// evaluator had not rated it before.
pub fn import_scoring_sheet(source: &str, text: &str, scorecard: &Scorecard) -> RatingImport {
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
    for row in &sheet.rows {
        let mut ctx = Ctx {
            sheet: &sheet,
            row,
            columns: &header.columns,
            diagnostics: &mut diagnostics,
            errors: 0,
        };
        let evaluator = ctx.cell("evaluator");
        let vendor = ctx.cell("vendor_id");
        let requirement_id = ctx.cell("requirement_id");
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
            match parse_number(score_text, false, false) {
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
        let existing = existing_rating(scorecard, evaluator, vendor, requirement_id);
        let (score, revision) = match existing {
            Some(old) => {
                let same_score = format_number(old.score) == format_number(score);
                let same_note = old.note.trim() == note;
                if same_score && same_note {
                    (old.score, old.revision)
                } else {
                    (score, old.revision.saturating_add(1))
                }
            }
            None => (score, 0),
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
            extra: Default::default(),
        });
    }
    RatingImport {
        ratings,
        diagnostics,
    }
}

/// The existing rating (highest revision) of an evaluator for a vendor on a requirement.
fn existing_rating<'a>(
    scorecard: &'a Scorecard,
    evaluator: &str,
    vendor: &str,
    requirement: &str,
) -> Option<&'a Rating> {
    scorecard
        .ratings
        .iter()
        .filter(|r| r.evaluator == evaluator && r.vendor == vendor && r.requirement == requirement)
        .max_by_key(|r| r.revision)
}

// ------------------------------------------------------------------------------------------------
// Tree walking
// ------------------------------------------------------------------------------------------------

/// Depth-first, pre-order walk of a criteria tree without recursion.
fn walk(criteria: &[Criterion]) -> Walk<'_> {
    Walk {
        stack: vec![criteria.iter()],
    }
}

struct Walk<'a> {
    stack: Vec<std::slice::Iter<'a, Criterion>>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = &'a Criterion;

    fn next(&mut self) -> Option<&'a Criterion> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next() {
                Some(criterion) => {
                    if !criterion.children.is_empty() {
                        self.stack.push(criterion.children.iter());
                    }
                    return Some(criterion);
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

/// Every requirement in criteria order, with its category path (names joined by ` > `).
fn requirements_with_path(criteria: &[Criterion]) -> Vec<(String, &Criterion)> {
    let mut out = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let mut stack = vec![criteria.iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(criterion) => {
                if criterion.is_requirement() {
                    out.push((names.join(" > "), criterion));
                }
                if !criterion.children.is_empty() {
                    names.push(&criterion.name);
                    stack.push(criterion.children.iter());
                }
            }
            None => {
                stack.pop();
                names.pop();
            }
        }
    }
    out
}

// ------------------------------------------------------------------------------------------------
// Reading sheets
// ------------------------------------------------------------------------------------------------

/// A sheet read into rows of cells, with spreadsheet row numbers.
struct Sheet {
    source: String,
    /// Header names as written (trimmed).
    header: Vec<String>,
    header_row: usize,
    /// Data rows that are not blank.
    rows: Vec<Row>,
}

struct Row {
    number: usize,
    cells: Vec<String>,
}

impl Sheet {
    /// A column's header as written, or its letter when the header cell is empty.
    fn column_name(&self, index: usize) -> String {
        match self.header.get(index) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => column_letter(index),
        }
    }

    fn loc(&self, row: usize, index: usize) -> String {
        format!(
            "{} row {row}, column \"{}\"",
            self.source,
            self.column_name(index)
        )
    }

    /// The location of a cell in a column named `name` whether or not the header has it.
    fn loc_named(&self, row: usize, name: &str) -> String {
        match self
            .header
            .iter()
            .position(|header| normalize_key(header) == name)
        {
            Some(index) => self.loc(row, index),
            None => format!("{} row {row}, column \"{name}\"", self.source),
        }
    }

    fn row_loc(&self, row: usize) -> String {
        format!("{} row {row}", self.source)
    }
}

/// The trimmed cell of a row, empty when the row is short.
fn row_cell(row: &Row, index: usize) -> &str {
    row.cells.get(index).map_or("", |cell| cell.trim())
}

/// Reads the text into a sheet. `None` (with an error) when there is no header.
fn read_sheet(source: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Sheet> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut last_row = 0usize;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    format!("{source} row {}", last_row + 1),
                    format!("the text cannot be read as CSV: {error}"),
                ));
                break;
            }
        };
        let start = record
            .position()
            .and_then(|position| usize::try_from(position.byte()).ok())
            .unwrap_or(0);
        let number = last_row
            .saturating_add(blank_lines_at(bytes, start))
            .saturating_add(1);
        last_row = number;
        let cells: Vec<String> = record.iter().map(unneutralize).collect();
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        match &header {
            None => {
                header = Some((
                    number,
                    cells.iter().map(|cell| cell.trim().to_owned()).collect(),
                ));
            }
            Some((_, names)) => {
                if cells.len() > names.len()
                    && cells
                        .get(names.len()..)
                        .is_some_and(|extra| extra.iter().any(|cell| !cell.trim().is_empty()))
                {
                    diagnostics.push(
                        Diagnostic::warning(
                            format!("{source} row {number}"),
                            format!(
                                "expected at most {} cells (one per header column), found {}; the cells after column {} are ignored",
                                names.len(),
                                cells.len(),
                                column_letter(names.len().saturating_sub(1))
                            ),
                        )
                        .with_hint("a cell holding the delimiter must be quoted"),
                    );
                }
                rows.push(Row { number, cells });
            }
        }
    }
    let Some((header_row, header)) = header else {
        diagnostics.push(Diagnostic::error(
            source.to_owned(),
            "expected a header row naming the columns, found an empty sheet",
        ));
        return None;
    };
    Some(Sheet {
        source: source.to_owned(),
        header,
        header_row,
        rows,
    })
}

/// How many blank lines the reader skipped from `start` (where the previous record ended).
fn blank_lines_at(bytes: &[u8], start: usize) -> usize {
    let mut index = start;
    // The previous record's CRLF terminator may end with the LF at `start`.
    if index > 0 && bytes.get(index - 1) == Some(&b'\r') && bytes.get(index) == Some(&b'\n') {
        index += 1;
    }
    let mut count = 0;
    loop {
        match bytes.get(index) {
            Some(b'\r') => {
                count += 1;
                index += 1;
                if bytes.get(index) == Some(&b'\n') {
                    index += 1;
                }
            }
            Some(b'\n') => {
                count += 1;
                index += 1;
            }
            _ => return count,
        }
    }
}

/// `;` when the header line holds more semicolons than commas (outside quotes), else `,`.
fn sniff_delimiter(text: &str) -> u8 {
    let mut commas = 0usize;
    let mut semicolons = 0usize;
    let mut quoted = false;
    let mut seen_content = false;
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted && seen_content => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
        if !ch.is_whitespace() {
            seen_content = true;
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// Drops the `'` that [`neutralize`] put in front: `unneutralize(&neutralize(t)) == t`.
fn unneutralize(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

/// A header name made comparable: trimmed, lowercase, runs of spaces, `-` and `_` as one `_`.
fn normalize_key(name: &str) -> String {
    let mut out = String::new();
    let mut separator = false;
    for ch in name.trim().chars() {
        if ch == ' ' || ch == '-' || ch == '_' {
            separator = true;
        } else {
            if separator && !out.is_empty() {
                out.push('_');
            }
            separator = false;
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// The spreadsheet letter of a 0-based column index (`A`, `Z`, `AA`).
fn column_letter(index: usize) -> String {
    let mut n = index.saturating_add(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The header matched against the known column names.
struct Header {
    /// Known name → index of its first column.
    columns: HashMap<&'static str, usize>,
    /// Indexes of the columns with a name that is not known (empty names excluded).
    unknown: Vec<usize>,
}

fn match_header(
    sheet: &Sheet,
    known: &[&'static str],
    aliases: &[(&str, &'static str)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Header {
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    let mut unknown = Vec::new();
    for (index, name) in sheet.header.iter().enumerate() {
        if name.is_empty() {
            let has_data = sheet
                .rows
                .iter()
                .any(|row| !row_cell(row, index).is_empty());
            if has_data {
                diagnostics.push(
                    Diagnostic::warning(
                        sheet.loc(sheet.header_row, index),
                        format!(
                            "column {} has no header; its cells are ignored",
                            column_letter(index)
                        ),
                    )
                    .with_hint("name the column in the header row, or delete it"),
                );
            }
            continue;
        }
        let key = normalize_key(name);
        let matched = known.iter().copied().find(|k| *k == key).or_else(|| {
            aliases
                .iter()
                .find(|(alias, _)| *alias == key)
                .map(|(_, target)| *target)
        });
        match matched {
            Some(known_name) => match columns.get(known_name) {
                Some(&first) => diagnostics.push(Diagnostic::error(
                    sheet.loc(sheet.header_row, index),
                    format!(
                        "column \"{known_name}\" appears twice (columns {} and {}); only column {} is read",
                        column_letter(first),
                        column_letter(index),
                        column_letter(first)
                    ),
                )),
                None => {
                    columns.insert(known_name, index);
                }
            },
            None => unknown.push(index),
        }
    }
    Header { columns, unknown }
}

/// The cells of one row, with the diagnostics they produce.
struct Ctx<'a> {
    sheet: &'a Sheet,
    row: &'a Row,
    columns: &'a HashMap<&'static str, usize>,
    diagnostics: &'a mut Vec<Diagnostic>,
    errors: usize,
}

impl<'a> Ctx<'a> {
    /// The trimmed cell of a known column; empty when the column or the cell is missing.
    fn cell(&self, name: &str) -> &'a str {
        let row: &'a Row = self.row;
        match self.columns.get(name) {
            Some(&index) => row_cell(row, index),
            None => "",
        }
    }

    fn loc(&self, name: &str) -> String {
        match self.columns.get(name) {
            Some(&index) => self.sheet.loc(self.row.number, index),
            None => format!(
                "{} row {}, column \"{name}\"",
                self.sheet.source, self.row.number
            ),
        }
    }

    fn error(&mut self, name: &str, problem: Problem) {
        self.errors += 1;
        let location = self.loc(name);
        self.diagnostics.push(problem.at(Severity::Error, location));
    }

    fn warn(&mut self, name: &str, problem: Problem) {
        let location = self.loc(name);
        self.diagnostics
            .push(problem.at(Severity::Warning, location));
    }
}

/// What is wrong with a cell, before it has a place.
#[derive(Debug)]
struct Problem {
    message: String,
    hint: String,
}

impl Problem {
    fn new(message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            hint: String::new(),
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = hint.into();
        self
    }

    fn at(self, severity: Severity, location: String) -> Diagnostic {
        Diagnostic {
            severity,
            location,
            message: self.message,
            hint: self.hint,
        }
    }
}

/// A cell's text for a message: quoted, shortened to 60 characters.
fn shown(text: &str) -> String {
    crate::typed::shown(text)
}

/// Reads a number as people type it in a sheet: [`crate::typed::number`], with an empty cell
/// named as such.
fn parse_number(text: &str, percent: bool, dollar: bool) -> Result<f64, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::new("expected a number, found an empty cell"));
    }
    crate::typed::number(text, crate::typed::NumberStyle { percent, dollar }).map_err(|p| Problem {
        message: p.message,
        hint: p.hint,
    })
}

// ------------------------------------------------------------------------------------------------
// Requirement list export
// ------------------------------------------------------------------------------------------------

/// A criteria tree as a requirement list that [`import_requirements`] reads back: a `category`
/// row per category (its path, id, weight, guidance, tags), then a row per requirement with its
/// scoring parameters, gate and tags (see `docs/csv.md`).
///
/// A `;` inside an option label or an anchor description is written `;;` (the cell grammar
/// separates items with `;`). What a sheet cannot hold is adapted: a `>` in a category name
/// becomes `›`, and requirements at the top level of the tree go under a category named
/// `Other`. Numbers are written in full.
pub fn export_requirements(criteria: &[Criterion], options: &CsvOptions) -> String {
    // The columns the import reads, in the same order.
    let header = REQUIREMENT_COLUMNS;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    fn full(x: f64) -> Cell {
        if x.is_finite() {
            Cell::Text(format!("{x}"))
        } else {
            Cell::Empty
        }
    }
    fn item(text: &str) -> String {
        text.replace(';', ";;")
    }
    fn walk(nodes: &[Criterion], path: &str, rows: &mut Vec<Vec<Cell>>) {
        for node in nodes {
            let tags = Cell::from(node.tags.join("; "));
            let Some(scoring) = &node.scoring else {
                let name = node.name.replace('>', "›");
                let name = if name.trim().is_empty() {
                    node.id.clone()
                } else {
                    name
                };
                let own = if path.is_empty() {
                    name
                } else {
                    format!("{path} > {name}")
                };
                let mut row = vec![
                    Cell::from(own.as_str()),
                    Cell::from(node.id.as_str()),
                    Cell::Empty,
                    Cell::from("category"),
                    full(node.weight),
                    Cell::from(node.guidance.as_str()),
                    tags,
                ];
                row.resize(19, Cell::Empty);
                rows.push(row);
                walk(&node.children, &own, rows);
                continue;
            };
            let category = if path.is_empty() { "Other" } else { path };
            let gate = match &node.gate {
                None => Cell::Empty,
                Some(Gate::Required) => Cell::from("required"),
                Some(Gate::AtLeast(v)) => Cell::Text(format!("at least {v}")),
                Some(Gate::AtMost(v)) => Cell::Text(format!("at most {v}")),
                Some(Gate::AnyOf(ids)) => Cell::Text(format!("any of: {}", ids.join(", "))),
            };
            let mut row = vec![
                Cell::from(category),
                Cell::from(node.id.as_str()),
                Cell::from(node.name.as_str()),
                Cell::from(scoring.kind_name()),
                full(node.weight),
                Cell::from(node.guidance.as_str()),
                tags,
                gate,
            ];
            let mut kind_cells = vec![Cell::Empty; 11];
            match scoring {
                Scoring::YesNo(_) => {}
                Scoring::Choice(rule) => {
                    let options: Vec<String> = rule
                        .options
                        .iter()
                        .map(|o| {
                            if o.label.is_empty() {
                                format!("{}={}", o.id, o.points)
                            } else {
                                format!("{}={}:{}", o.id, o.points, item(&o.label))
                            }
                        })
                        .collect();
                    kind_cells[5] = Cell::Text(options.join("; "));
                }
                Scoring::Numeric(rule) => {
                    kind_cells[0] = Cell::from(rule.unit.as_str());
                    kind_cells[1] = Cell::from(match rule.better {
                        Better::Higher => "higher",
                        Better::Lower => "lower",
                    });
                    match &rule.curve {
                        Curve::Linear { worst, best } => {
                            kind_cells[2] = full(*worst);
                            kind_cells[3] = full(*best);
                        }
                        Curve::Steps(steps) => {
                            let text: Vec<String> = steps
                                .iter()
                                .map(|s| format!("{}:{}", s.at, s.score))
                                .collect();
                            kind_cells[4] = Cell::Text(text.join("; "));
                        }
                    }
                }
                Scoring::Rating(rule) => {
                    kind_cells[6] = Cell::Text(format!("{}-{}", rule.min, rule.max));
                    let anchors: Vec<String> = rule
                        .anchors
                        .iter()
                        .map(|a| format!("{}={}", a.level, item(&a.description)))
                        .collect();
                    kind_cells[7] = Cell::Text(anchors.join("; "));
                }
                Scoring::Price(rule) => {
                    kind_cells[8] = Cell::from(match rule.formula {
                        PriceFormula::LowestRatio => "lowest_ratio",
                        PriceFormula::Linear => "linear",
                    });
                    kind_cells[9] = Cell::Text(rule.years.to_string());
                    kind_cells[10] = full(rule.escalation_percent);
                }
            }
            row.extend(kind_cells);
            rows.push(row);
        }
    }
    walk(criteria, "", &mut rows);
    write_csv(&header, &rows, options)
}

// ------------------------------------------------------------------------------------------------
// Report export
// ------------------------------------------------------------------------------------------------

/// The report as a sheet: one row per vendor in rank order, with rank, total, status, the points
/// earned in each top-level category (header: `name (available points)`; requirements outside
/// any category in an `Other` column, so the columns add up to the total), completeness and the
/// knockout reason (every failed gate, `; `-separated). Every number comes from the report.
pub fn export_report(report: &crate::score::Report, options: &CsvOptions) -> String {
    use crate::score::VendorStatus;
    let top: Vec<usize> = report
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.depth == 0)
        .map(|(i, _)| i)
        .collect();
    let category_headers: Vec<String> = top
        .iter()
        .map(|&i| {
            let c = &report.categories[i];
            format!("{} ({})", c.name, format_number(c.weight * 100.0))
        })
        .collect();
    // Requirements outside any category get a column of their own, so the columns add up.
    let loose: Vec<usize> = report
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| r.category.is_none())
        .map(|(i, _)| i)
        .collect();
    let loose_header = format!(
        "Other ({})",
        format_number(
            loose
                .iter()
                .map(|&i| report.requirements[i].weight * 100.0)
                .sum()
        )
    );
    let mut header: Vec<&str> = vec!["rank", "vendor_id", "vendor", "total", "status"];
    header.extend(category_headers.iter().map(String::as_str));
    if !loose.is_empty() {
        header.push(&loose_header);
    }
    header.extend(["completeness", "knockout_reason"]);
    let rows: Vec<Vec<Cell>> = report
        .vendors
        .iter()
        .map(|v| {
            let mut row = vec![
                Cell::Number(v.rank as f64),
                Cell::from(v.vendor_id.as_str()),
                Cell::from(v.name.as_str()),
                Cell::Number(v.total),
                Cell::from(match v.status {
                    VendorStatus::Qualified => "qualified",
                    VendorStatus::KnockedOut => "knocked out",
                    VendorStatus::Flagged => "failed a gate (flagged)",
                }),
            ];
            row.extend(top.iter().map(|&i| Cell::Number(v.category_points[i])));
            if !loose.is_empty() {
                row.push(Cell::Number(
                    loose.iter().map(|&i| v.scores[i].points).sum(),
                ));
            }
            row.push(Cell::Number(v.completeness));
            let reasons: Vec<String> = v
                .gate_failures
                .iter()
                .map(|f| format!("{}: {}", f.requirement, f.reason))
                .collect();
            row.push(if reasons.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(reasons.join("; "))
            });
            row
        })
        .collect();
    write_csv(&header, &rows, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_counted_as_rows() {
        let text = "a,b\n\n\nc,\"d\nx\"\n,,\n\ne,f\r\n\r\ng,h\n";
        let mut diagnostics = Vec::new();
        let sheet = read_sheet("t.csv", text, &mut diagnostics).expect("a sheet");
        let numbers: Vec<usize> = sheet.rows.iter().map(|row| row.number).collect();
        assert_eq!(numbers, vec![4, 7, 9]);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn numbers() {
        for (text, expected) in [
            ("12", Some(12.0)),
            ("-3.5", Some(-3.5)),
            (".5", Some(0.5)),
            ("1,234,567.89", Some(1_234_567.89)),
            ("$1,200", Some(1200.0)),
            ("-$5", Some(-5.0)),
            ("$-5", Some(-5.0)),
            ("99.9%", Some(99.9)),
            ("1,2", None),
            ("12,34", None),
            ("1e3", None),
            ("inf", None),
            ("NaN", None),
            ("5.", None),
            ("", None),
            ("$", None),
            ("%", None),
        ] {
            assert_eq!(parse_number(text, true, true).ok(), expected, "{text:?}");
        }
    }
}
