//! The requirement list: [`import_requirements`] (the cells of each requirement kind, and the
//! criteria tree built from the rows) and [`export_requirements`].

use std::collections::{HashMap, HashSet};

use super::answers::{option_list, resolve_option};
use super::read::{
    Ctx, Problem, Sheet, match_header, normalize_key, parse_number, read_sheet, require_columns,
    same_id, shown, slug, strip_keyword,
};
use super::write::{Cell, CsvOptions, write_csv};
use crate::error::{Diagnostic, Severity};
use crate::model::{
    Anchor, Better, ChoiceOption, ChoiceRule, Criterion, Curve, Extra, Gate, NumericRule,
    PriceFormula, PriceRule, RatingRule, Scorecard, Scoring, Step, YesNoRule,
};
use crate::typed::format_number;

/// The result of [`import_requirements`]: the criteria tree built from the rows without errors,
/// and every problem found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequirementImport {
    /// Top-level categories in first-seen order, each with its sub-categories and requirements.
    pub criteria: Vec<Criterion>,
    /// Every problem found, in sheet order (header problems first).
    pub diagnostics: Vec<Diagnostic>,
}

impl RequirementImport {
    /// A new scorecard titled `title` with the list's criteria (and nothing else yet), as
    /// `rfp import-csv requirements` writes it.
    pub fn into_scorecard(self, title: String) -> Scorecard {
        let mut scorecard = Scorecard {
            criteria: self.criteria,
            ..Scorecard::default()
        };
        scorecard.meta.title = title;
        scorecard
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
/// 1 unless a `category` row sets it; paths whose names make one id are not merged, the rows
/// naming the later one are refused. Every bad cell is reported; rows with errors are left
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
                if let Some(index) = tree.ensure(&levels, row.number) {
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
                tree.add_requirement(&levels, *criterion, id_location, row.number);
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
    const ALL: [Kind; 7] = [
        Kind::YesNo,
        Kind::Choice,
        Kind::MultiChoice,
        Kind::Numeric,
        Kind::Rating,
        Kind::Price,
        Kind::Category,
    ];

    /// The kind named in a cell: its name as files write it, or one of the spellings people
    /// type into a sheet ("yes/no", "number", "multiple choice").
    fn parse(text: &str) -> Option<Kind> {
        let key = normalize_key(text);
        let alias = match key.as_str() {
            "yesno" | "yes/no" | "yes_/_no" => Some(Kind::YesNo),
            "single_choice" => Some(Kind::Choice),
            "multichoice" | "multiple_choice" => Some(Kind::MultiChoice),
            "number" => Some(Kind::Numeric),
            _ => None,
        };
        alias.or_else(|| Kind::ALL.into_iter().find(|kind| kind.name() == key))
    }

    /// The name files write (the core's vocabulary), or `category` for a category row.
    fn name(self) -> &'static str {
        use crate::vocabulary::kind;
        match self {
            Kind::YesNo => kind::YES_NO,
            Kind::Choice => kind::CHOICE,
            Kind::MultiChoice => kind::MULTI_CHOICE,
            Kind::Numeric => kind::NUMERIC,
            Kind::Rating => kind::RATING,
            Kind::Price => kind::PRICE,
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

/// The kinds a cell may name, for a refusal: "yes_no, choice, …, price or category".
fn kinds_expected() -> String {
    let names: Vec<&str> = Kind::ALL.iter().map(|kind| kind.name()).collect();
    match names.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

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
            Problem::new(format!("expected {}, found {found}", kinds_expected())),
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
        } else if let Some(problem) = crate::validate::id_problem(id) {
            // The file's rule for ids, in its words: what a file refuses, a sheet does not make.
            ctx.error("id", Problem::new(problem));
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
            // The file's rule: a warning, so that a valid file's list imports back.
            ctx.warn(
                "name",
                Problem::new(crate::validate::NO_NAME)
                    .hint("write the requirement as a vendor and a committee member read it"),
            );
        }
    }
    let weight_text = ctx.cell("weight");
    let weight = if weight_text.is_empty() {
        1.0
    } else {
        match ctx.sheet.number(weight_text, false, false) {
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
        if let Some(problem) = custom_id.as_deref().and_then(crate::validate::id_problem) {
            ctx.error("id", Problem::new(problem));
        }
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
        let written = path_written(&levels);
        if let Some(&first) = category_rows.get(&written) {
            ctx.error(
                "category",
                Problem::new(format!(
                    "category {} is already set by the category row on row {first}",
                    shown(ctx.cell("category"))
                )),
            );
        } else {
            category_rows.insert(written, ctx.row.number);
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
    // The file's own limits (years, scale width, curve, points), with the file's words, so that
    // a sheet and a file accept the same rules.
    if let Some(scoring) = &scoring {
        let mut problems = Vec::new();
        crate::validate::validate_rule(scoring, "", &mut problems);
        for problem in problems
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
        {
            let column = rule_column(&problem.location.to_string());
            ctx.error(column, Problem::new(problem.message).hint(problem.hint));
        }
    }
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

/// The column of a requirement list that holds the part of a rule a file place names
/// (`.scoring.price.years` → `years`).
fn rule_column(place: &str) -> &'static str {
    let tail = place.strip_prefix(".scoring.").unwrap_or(place);
    let field = |name: &str| tail.split(['.', '[']).any(|part| part == name);
    if field("years") {
        "years"
    } else if field("escalation_percent") {
        "escalation"
    } else if field("formula") {
        "formula"
    } else if field("anchors") {
        "anchors"
    } else if tail.starts_with("rating") {
        "scale"
    } else if field("steps") {
        "steps"
    } else if field("worst") || field("linear") {
        "worst"
    } else if field("best") {
        "best"
    } else if field("unit") {
        "unit"
    } else if tail.starts_with("numeric") {
        "better"
    } else {
        "options"
    }
}

fn parse_path(text: &str) -> Result<Vec<Level>, Problem> {
    let example = "a category path such as \"Integrations > Laboratory\"";
    if text.is_empty() {
        return Err(Problem::new(format!(
            "expected {example}, found an empty cell"
        )));
    }
    let parts: Vec<&str> = text.split('>').map(str::trim).collect();
    // The file's limit: a path a sheet takes, a file can hold, and the other way round.
    let most = crate::validate::MAX_CATEGORY_LEVELS;
    if parts.len() > most {
        return Err(Problem::new(format!(
            "expected {example} with at most {most} levels, found {} levels",
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
        let level_slug = match slug(part) {
            slug if slug.is_empty() => unlatin_slug(part),
            slug => slug,
        };
        levels.push(Level {
            name: part.to_owned(),
            slug: level_slug,
        });
    }
    Ok(levels)
}

/// The id part of a level whose name has no Latin letter or digit (`Клиническая работа`,
/// `サポート`): `category_` and eight hexadecimal digits made from the name (FNV-1a), the same
/// on every row and every run, so that the category rows and the requirement rows of one sheet
/// meet. A category row's own id (as exported) takes its place.
fn unlatin_slug(name: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name.trim().to_lowercase().bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("category_{hash:08x}")
}

/// A category path as written, each level trimmed: what tells one category from another (two
/// paths that make the same id are told apart by it, and refused).
fn path_written(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|level| level.name.as_str())
        .collect::<Vec<_>>()
        .join(" > ")
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

/// The word after an option's points that marks it as meeting the requirement.
const MEETS: &str = "meets";

fn parse_options(text: &str) -> Result<Vec<ChoiceOption>, Problem> {
    let example =
        "options such as \"epcs=3 meets:EPCS included; erx=1:E-prescribing only; none=0\"";
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
        let (points_text, label) = match rest.split_once(':') {
            Some((points, label)) => (points.trim(), label.trim()),
            None => (rest.trim(), ""),
        };
        // `epcs=3 meets:EPCS included`: the option meets the requirement.
        let (points_text, meets) = match points_text.rsplit_once(char::is_whitespace) {
            Some((points, word)) if word.eq_ignore_ascii_case(MEETS) => (points.trim_end(), true),
            _ => (points_text, false),
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
        // What an option id may be is the file's rule, checked with the rule below.
        options.push(ChoiceOption {
            id: id.to_owned(),
            label: label.to_owned(),
            points,
            meets,
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
                    Some(Curve::linear(worst, best))
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
    match ctx.sheet.number(text, true, true) {
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
        // How many years may be counted is the file's limit, checked with the rule below.
        match years_text.parse::<u32>() {
            Ok(years) => Some(years),
            Err(_) => {
                ctx.error(
                    "years",
                    Problem::new(format!(
                        "expected a whole number of years, found {}",
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
        // Its range is the file's limit, checked with the rule below.
        match ctx.sheet.number(escalation_text, true, false) {
            Ok(value) => Some(value),
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
    /// The category of each path as written ([`path_written`]).
    by_path: HashMap<String, usize>,
    requirements: Vec<RequirementEntry>,
}

struct RequirementEntry {
    criterion: Criterion,
    /// The place of its id cell.
    id_location: String,
    row: usize,
    /// Its category.
    category: usize,
}

struct CategoryNode {
    /// The id made from the path: the slugs of its levels joined by `.`.
    id: String,
    /// The id a category row gave, used instead of `id`.
    custom_id: Option<String>,
    name: String,
    /// The path as written, for messages.
    path: String,
    parent: Option<usize>,
    weight: f64,
    guidance: String,
    tags: Vec<String>,
    children: Vec<Child>,
    /// The row of the category row that set weight and guidance, if any.
    row: Option<usize>,
    /// The first row that named the category.
    first_row: usize,
}

impl CategoryNode {
    fn final_id(&self) -> &str {
        self.custom_id.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Clone, Copy)]
enum Child {
    Category(usize),
    Requirement(usize),
}

impl Tree {
    /// The category for `levels`, created (with its parents) when not seen yet; `row` names it.
    fn ensure(&mut self, levels: &[Level], row: usize) -> Option<usize> {
        let mut parent: Option<usize> = None;
        let mut path = String::new();
        for level in levels {
            if !path.is_empty() {
                path.push_str(" > ");
            }
            path.push_str(&level.name);
            let index = match self.by_path.get(&path) {
                Some(&index) => index,
                None => {
                    let index = self.categories.len();
                    let id = match parent.and_then(|p| self.categories.get(p)) {
                        Some(node) => format!("{}.{}", node.id, level.slug),
                        None => level.slug.clone(),
                    };
                    self.categories.push(CategoryNode {
                        id,
                        custom_id: None,
                        name: level.name.clone(),
                        path: path.clone(),
                        parent,
                        weight: 1.0,
                        guidance: String::new(),
                        tags: Vec::new(),
                        children: Vec::new(),
                        row: None,
                        first_row: row,
                    });
                    self.by_path.insert(path.clone(), index);
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

    fn add_requirement(
        &mut self,
        levels: &[Level],
        criterion: Criterion,
        id_location: String,
        row: usize,
    ) {
        if let Some(category) = self.ensure(levels, row) {
            let index = self.requirements.len();
            self.requirements.push(RequirementEntry {
                criterion,
                id_location,
                row,
                category,
            });
            if let Some(node) = self.categories.get_mut(category) {
                node.children.push(Child::Requirement(index));
            }
        }
    }

    /// Categories whose id an earlier category has (two names, or a category row's id, that
    /// make one id): each such category, with everything in it, is left out, and every row
    /// that names it is told so (at the category highest in its path that is left out), in
    /// the rule a wide answer sheet follows for vendor names ([`same_id`]). Returns which
    /// categories are left out.
    fn refuse_same_ids(&self, sheet: &Sheet, diagnostics: &mut Vec<Diagnostic>) -> Vec<bool> {
        // For each category, the earlier one kept with its id, and the highest category left
        // out in its path. Parents come before their children, so a parent's is known first;
        // a category left out with its parent takes no id from one kept later.
        let mut first_with: HashMap<&str, usize> = HashMap::new();
        let mut like: Vec<Option<usize>> = Vec::with_capacity(self.categories.len());
        let mut highest: Vec<Option<usize>> = Vec::with_capacity(self.categories.len());
        for (index, node) in self.categories.iter().enumerate() {
            let from_parent = node.parent.and_then(|p| highest.get(p).copied().flatten());
            let first = match from_parent {
                Some(_) => None,
                None => match first_with.get(node.final_id()) {
                    Some(&first) => Some(first),
                    None => {
                        first_with.insert(node.final_id(), index);
                        None
                    }
                },
            };
            like.push(first);
            highest.push(from_parent.or(first.map(|_| index)));
        }
        let left_out: Vec<bool> = highest.iter().map(Option::is_some).collect();
        let mut rows: Vec<(usize, usize)> = self
            .categories
            .iter()
            .enumerate()
            .filter_map(|(index, node)| node.row.map(|row| (row, index)))
            .chain(self.requirements.iter().map(|r| (r.row, r.category)))
            .filter_map(|(row, category)| Some((row, highest.get(category).copied().flatten()?)))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        for (row, category) in rows {
            let (Some(node), Some(first)) = (
                self.categories.get(category),
                like.get(category)
                    .copied()
                    .flatten()
                    .and_then(|first| self.categories.get(first)),
            ) else {
                continue;
            };
            let problem = same_id(
                "category",
                &node.path,
                node.final_id(),
                &format!("{} on row {}", shown(&first.path), first.first_row),
                "the row is ignored",
            )
            .hint(
                "an id keeps only a name's Latin letters and digits: give every category a \
                 name that differs in those, or an id of its own on its category row",
            );
            diagnostics.push(problem.at(Severity::Error, sheet.loc_named(row, "category")));
        }
        left_out
    }

    /// Checks ids across the tree, then builds it.
    fn finish(self, sheet: &Sheet, diagnostics: &mut Vec<Diagnostic>) -> Vec<Criterion> {
        let left_out = self.refuse_same_ids(sheet, diagnostics);
        let mut excluded: HashSet<usize> = self
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, r)| left_out.get(r.category).copied().unwrap_or(false))
            .map(|(index, _)| index)
            .collect();
        let category_ids: HashSet<&str> =
            self.categories.iter().map(CategoryNode::final_id).collect();
        for (index, requirement) in self.requirements.iter().enumerate() {
            if !excluded.contains(&index)
                && category_ids.contains(requirement.criterion.id.as_str())
            {
                excluded.insert(index);
                diagnostics.push(
                    Diagnostic::error(
                        requirement.id_location.clone(),
                        format!(
                            "requirement id {} is also the id of a category; ids must be unique in the whole tree",
                            shown(&requirement.criterion.id)
                        ),
                    )
                    .with_hint("category ids are the slugs of their paths; rename the requirement"),
                );
            }
        }
        // The file's size limit: a list longer than a file may hold is imported up to it, and
        // the row that goes past it is told so, in the file's words.
        let mut kept = (0..self.requirements.len()).filter(|index| !excluded.contains(index));
        if let Some(first_over) = kept.nth(crate::validate::MAX_REQUIREMENTS) {
            let over: Vec<usize> = std::iter::once(first_over).chain(kept).collect();
            let sizes = crate::validate::Sizes {
                requirements: Some(crate::validate::MAX_REQUIREMENTS + over.len()),
                ..crate::validate::Sizes::default()
            };
            if let Some(requirement) = self.requirements.get(first_over) {
                for problem in sizes.problems() {
                    let message = format!(
                        "{}; this row and the ones after it are ignored",
                        problem.message
                    );
                    diagnostics.push(
                        Diagnostic::error(requirement.id_location.clone(), message)
                            .with_hint(problem.hint),
                    );
                }
            }
            excluded.extend(over);
        }
        let mut built: Vec<Option<Criterion>> = self
            .requirements
            .into_iter()
            .enumerate()
            .map(|(index, r)| (!excluded.contains(&index)).then_some(r.criterion))
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
            if left_out.get(index).copied().unwrap_or(false) {
                continue;
            }
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
            let mut criterion =
                Criterion::category(node.final_id(), &node.name, node.weight, children);
            criterion.guidance = node.guidance.clone();
            criterion.tags = node.tags.clone();
            if let Some(slot) = done.get_mut(index) {
                *slot = Some(criterion);
            }
        }
        for (index, node) in categories.iter().enumerate() {
            let told = left_out.get(index).copied().unwrap_or(false);
            if !told && !has_requirements.get(index).copied().unwrap_or(true) {
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
// Requirement list export
// ------------------------------------------------------------------------------------------------

/// A criteria tree as a requirement list that [`import_requirements`] reads back: a `category`
/// row per category (its path, id, weight, guidance, tags), then a row per requirement with its
/// scoring parameters, gate and tags (see `docs/csv.md`).
///
/// A `;` inside an option label or an anchor description is written `;;` (the cell grammar
/// separates items with `;`). What a sheet cannot hold is adapted: a category is written with
/// its id where its name is blank, a `>` in its name becomes `›`, a second category of one name
/// among its siblings gets ` (2)` after it (a sheet tells categories apart by their paths), and
/// requirements at the top level of the tree go under a category named `Other` (or `Other 2`,
/// … when that name or its id is taken). Numbers are written in full.
pub fn export_requirements(criteria: &[Criterion], options: &CsvOptions) -> String {
    // The columns the import reads, in the same order.
    let header = REQUIREMENT_COLUMNS;
    // Written in full (no rounding), with the sheet's decimal mark: the importer reads a
    // number cell of a `;` sheet with a decimal comma.
    fn full(x: f64, comma: bool) -> Cell {
        if x.is_finite() {
            let text = format!("{x}");
            Cell::Text(if comma { text.replace('.', ",") } else { text })
        } else {
            Cell::Empty
        }
    }
    fn item(text: &str) -> String {
        text.replace(';', ";;")
    }
    struct Walk<'a> {
        rows: Vec<Vec<Cell>>,
        comma: bool,
        /// Where requirements at the top level go.
        other: &'a str,
    }
    fn walk(nodes: &[Criterion], path: &str, out: &mut Walk<'_>) {
        let comma = out.comma;
        for (node, name) in nodes.iter().zip(written_names(nodes)) {
            let rows = &mut out.rows;
            let tags = Cell::from(node.tags.join("; "));
            let Some(scoring) = &node.scoring else {
                let name = name.unwrap_or_default();
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
                    full(node.weight, comma),
                    Cell::from(node.guidance.as_str()),
                    tags,
                ];
                row.resize(19, Cell::Empty);
                rows.push(row);
                walk(&node.children, &own, out);
                continue;
            };
            let category = if path.is_empty() { out.other } else { path };
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
                full(node.weight, comma),
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
                            let meets = if o.meets { " meets" } else { "" };
                            if o.label.is_empty() {
                                format!("{}={}{meets}", o.id, o.points)
                            } else {
                                format!("{}={}{meets}:{}", o.id, o.points, item(&o.label))
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
                        Curve::Linear { worst, best, .. } => {
                            kind_cells[2] = full(*worst, comma);
                            kind_cells[3] = full(*best, comma);
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
                    kind_cells[10] = full(rule.escalation_percent, comma);
                }
            }
            row.extend(kind_cells);
            rows.push(row);
        }
    }
    // The category of the requirements at the top level: a name no top-level category is
    // written with, making an id no criterion has.
    let top: HashSet<String> = written_names(criteria).into_iter().flatten().collect();
    let ids: HashSet<&str> = crate::tree::nodes(criteria)
        .map(|node| node.id.as_str())
        .collect();
    let other = (1u32..)
        .map(|n| match n {
            1 => "Other".to_owned(),
            n => format!("Other {n}"),
        })
        .find(|name| !top.contains(name) && !ids.contains(slug(name).as_str()))
        .unwrap_or_default();
    let mut out = Walk {
        rows: Vec::new(),
        comma: options.decimal_comma(),
        other: &other,
    };
    walk(criteria, "", &mut out);
    write_csv(&header, &out.rows, options)
}

/// The names the categories among `nodes` are written with (none for a requirement): trimmed,
/// the id where the name is blank, `>` (the path's separator) as `›`, and each once — a second
/// `Lab` is written `Lab (2)` — as a sheet tells categories apart by their paths.
fn written_names(nodes: &[Criterion]) -> Vec<Option<String>> {
    let mut taken: HashSet<String> = HashSet::new();
    // Per name, the number to try next: a thousand categories of one name are numbered in
    // one pass, not each from 2.
    let mut next: HashMap<String, u32> = HashMap::new();
    nodes
        .iter()
        .map(|node| {
            node.scoring.as_ref().map_or_else(
                || {
                    let name = if node.name.trim().is_empty() {
                        &node.id
                    } else {
                        &node.name
                    };
                    let name = name.trim().replace('>', "›");
                    let from = next.get(&name).copied().unwrap_or(1);
                    let (n, written) = (from..)
                        .map(|n| match n {
                            1 => (n, name.clone()),
                            n => (n, format!("{name} ({n})")),
                        })
                        .find(|(_, candidate)| !taken.contains(candidate))
                        .unwrap_or((from, name.clone()));
                    next.insert(name, n.saturating_add(1));
                    taken.insert(written.clone());
                    Some(written)
                },
                |_| None,
            )
        })
        .collect()
}
