//! Validation: every problem of meaning in a scorecard, each with its place.
//!
//! Structural problems (a string where a number belongs) are caught by [`crate::file::load`];
//! this module checks what the values mean: ids that resolve and are unique, weights that are
//! finite and not negative, curves that point the right way, gates that fit their kind,
//! answers that fit their requirement, ratings on the scale. Scoring never relies on a
//! scorecard being valid — it gives a defined result for any input — but these diagnostics
//! say what to fix.
//!
//! By subject: `limits.rs` (the sizes and values a scorecard may hold), `criteria.rs` (the
//! tree, scoring rules, gates and weightings), `answers.rs` (vendors' answers against their
//! rules), `ratings.rs` (ratings and consensus values on their scales, the per-rating check the
//! scorer shares); here the whole pass, ids and the tree walk.

mod answers;
mod criteria;
mod limits;
mod ratings;

use std::collections::BTreeSet;

use crate::error::Diagnostic;
use crate::id_lookup::IdLookup;
use crate::model::*;
use crate::tree::{fast_requirements_by_id, walk};
use crate::typed::shown_number;
use crate::vocabulary::BILLING_MODELS;
use rustc_hash::{FxHashMap, FxHashSet};

pub(crate) use answers::answer_error;
use answers::check_answer;
use answers::check_options;
pub use answers::describe_answer;
pub(crate) use criteria::NO_NAME;
pub use criteria::threshold_problem;
pub(crate) use criteria::validate_rule;
use criteria::{validate_criteria, validate_weighting};
pub use limits::*;
pub(crate) use ratings::{RatingChecker, check_ratings, conflict_warning};
use ratings::{check_rated_value, validate_ratings};

/// All problems of meaning in a scorecard. An empty list means it is valid.
pub fn validate(scorecard: &Scorecard) -> Vec<Diagnostic> {
    let too_large = size_problems(scorecard);
    if !too_large.is_empty() {
        return too_large;
    }
    let mut out = validate_except_ratings(scorecard);
    validate_ratings(scorecard, &mut out);
    out
}

/// Every check but the per-rating ones. The scorer checks ratings itself while it resolves
/// them, with [`RatingChecker`] on the slow path, so a report does not resolve every rating twice.
pub(crate) fn validate_except_ratings(scorecard: &Scorecard) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let roster: Vec<&str> = scorecard.evaluators.iter().map(|e| e.id.as_str()).collect();
    validate_criteria(&scorecard.criteria, &roster, &mut out);
    let requirements = fast_requirements_by_id(&scorecard.criteria);
    let vendor_ids = check_ids(
        scorecard.vendors.iter().map(|v| v.id.as_str()),
        "vendors",
        "vendor",
        &mut out,
    );
    check_ids(
        scorecard.evaluators.iter().map(|e| e.id.as_str()),
        "evaluators",
        "evaluator",
        &mut out,
    );
    for (ei, evaluator) in scorecard.evaluators.iter().enumerate() {
        check_name_direction(
            &evaluator.name,
            || format!("evaluators[{ei}].name"),
            &mut out,
        );
        let date = evaluator
            .attestation
            .as_ref()
            .map_or("", |a| a.date.as_str());
        if let (false, Err(problem)) = (date.is_empty(), crate::stamp::check_attestation_date(date))
        {
            out.push(Diagnostic::error(
                format!("evaluators[{ei}].attestation.date"),
                problem,
            ));
        }
    }
    for (vi, vendor) in scorecard.vendors.iter().enumerate() {
        if vendor.name.trim().is_empty() {
            out.push(Diagnostic::warning(
                format!("vendors[{vi}].name"),
                "the vendor has no name; reports show its id",
            ));
        }
        check_name_direction(&vendor.name, || format!("vendors[{vi}].name"), &mut out);
        for (requirement_id, answer) in &vendor.answers {
            let place = || format!("vendors[{vi}].answers.{requirement_id}");
            match requirements.get(requirement_id.as_str()) {
                None => out.push(
                    Diagnostic::warning(
                        place(),
                        format!("answer to unknown requirement \"{requirement_id}\" is ignored"),
                    )
                    .with_hint("check the requirement id against the criteria"),
                ),
                Some(requirement) => {
                    if let Some(scoring) = &requirement.scoring {
                        check_answer(scoring, answer, &place, &mut out);
                    }
                }
            }
        }
        for requirement_id in vendor.comments.keys() {
            if !requirements.contains_key(requirement_id.as_str()) {
                out.push(Diagnostic::warning(
                    format!("vendors[{vi}].comments.{requirement_id}"),
                    format!("comment on unknown requirement \"{requirement_id}\""),
                ));
            }
        }
    }
    let mut seen_consensus = BTreeSet::new();
    for (ci, consensus) in scorecard.consensus.iter().enumerate() {
        let place = || format!("consensus[{ci}]");
        if !vendor_ids.contains(consensus.vendor.as_str()) {
            out.push(Diagnostic::error(
                format!("{}.vendor", place()),
                format!("unknown vendor \"{}\"", consensus.vendor),
            ));
        }
        check_rated_value(
            requirements.get(consensus.requirement.as_str()).copied(),
            &consensus.requirement,
            consensus.value,
            &place,
            ("requirement", "value"),
            &mut out,
        );
        if consensus.rationale.trim().is_empty() {
            out.push(Diagnostic::error(
                format!("{}.rationale", place()),
                "a consensus value needs a rationale: say why the committee agreed on it",
            ));
        }
        if !seen_consensus.insert((consensus.vendor.as_str(), consensus.requirement.as_str())) {
            out.push(Diagnostic::error(
                place(),
                format!(
                    "a second consensus value for \"{}\" on \"{}\"; keep one",
                    consensus.vendor, consensus.requirement
                ),
            ));
        }
    }
    let settings = &scorecard.settings;
    if let Some(weighting) = &settings.top_weighting {
        let root = Criterion::category("", "the top level", 1.0, scorecard.criteria.clone());
        validate_weighting(
            &root,
            weighting,
            &roster,
            "settings.top_weighting",
            &mut out,
        );
    }
    if !(0.0..0.5).contains(&settings.trim_fraction) {
        out.push(Diagnostic::error(
            "settings.trim_fraction",
            format!(
                "expected a share from 0 up to (not including) 0.5, found {}",
                shown_number(settings.trim_fraction)
            ),
        ));
    }
    if !(settings.disagreement_threshold > 0.0 && settings.disagreement_threshold <= 1.0) {
        out.push(Diagnostic::error(
            "settings.disagreement_threshold",
            format!(
                "expected a share above 0 and at most 1, found {}",
                shown_number(settings.disagreement_threshold)
            ),
        ));
    }
    for (bi, model) in scorecard.profile.billing_models.iter().enumerate() {
        if crate::vocabulary::find(BILLING_MODELS, model).is_none() {
            out.push(
                Diagnostic::info(
                    format!("profile.billing_models[{bi}]"),
                    format!("\"{model}\" is not a billing model tailoring knows; it is kept"),
                )
                .with_hint(format!(
                    "known: {}",
                    BILLING_MODELS
                        .iter()
                        .map(|t| t.id)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
    out
}

/// What is wrong with an id that is not empty: a control or invisible character (a direction
/// mark, a zero-width space, a joiner outside a word, a variation selector, NUL), a space at
/// either end or other than the plain one, an accent written apart from its Latin letter.
/// No one can see or type these, so the id could never be matched by what a person writes in
/// a sheet or a form — and two ids could look alike (`acme` and `acme` with a joiner).
pub(crate) fn id_problem(id: &str) -> Option<String> {
    const ALLOWED: &str = "use letters, digits, '.', '_' and '-'";
    if id.starts_with(' ') || id.ends_with(' ') {
        return Some(format!(
            "the id {id:?} begins or ends with a space, which no one can see; {ALLOWED}"
        ));
    }
    // Printable ASCII holds none of what follows: most ids, checked without a look at each
    // character's neighbours (validation checks every id of a scorecard at each change).
    if id.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return None;
    }
    let chars: Vec<char> = id.chars().collect();
    // U+200C/U+200D (zero-width non-joiner and joiner) shape the letters of Persian and Indic
    // names (after a virama, between two letters): they may stand inside a word of such a
    // script, between two characters outside ASCII, and nowhere else.
    let joins =
        |c: Option<&char>| c.is_some_and(|&c| !c.is_ascii() && !c.is_whitespace() && !invisible(c));
    chars.iter().enumerate().find_map(|(i, &c)| {
        let code = u32::from(c);
        match c {
            '\u{200c}' | '\u{200d}'
                if i > 0 && joins(chars.get(i - 1)) && joins(chars.get(i + 1)) =>
            {
                None
            }
            // A combining accent on a Latin letter looks like the letter written with its
            // accent (`e` + U+0301 and `é`): two ids no one could tell apart.
            '\u{0300}'..='\u{034e}' | '\u{0350}'..='\u{036f}'
                if i == 0 || chars[i - 1].is_ascii() =>
            {
                Some(format!(
                    "the id {id:?} writes an accent as a character of its own (U+{code:04X}); \
                 write the accented letter as one character, or {ALLOWED}"
                ))
            }
            ' ' => None,
            c if c.is_whitespace() => Some(format!(
                "the id {id:?} holds a space other than the plain one (U+{code:04X}), which \
                 looks the same but is not typed the same; {ALLOWED}"
            )),
            c if c.is_control() || invisible(c) => Some(format!(
                "the id {id:?} holds an invisible or control character (U+{code:04X}), which \
                 no one can see or type; {ALLOWED}"
            )),
            _ => None,
        }
    })
}

/// A direction embedding, override or isolate, or the end of one (U+202A–U+202E,
/// U+2066–U+2069): it changes the order in which the text after it is shown, to the end of
/// the line when it is not closed — a name holding U+202E shows a sentence's `59.2` as `2.95`.
/// Memos and sentences leave them out of the names they show.
pub(crate) fn direction_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A warning at `place` when `name` holds a direction control: kept (it may be meant), and
/// said, since the memo and the analysis leave it out and a table shows the name reordered.
pub(super) fn check_name_direction(
    name: &str,
    place: impl FnOnce() -> String,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(c) = name.chars().find(|&c| direction_control(c)) {
        out.push(
            Diagnostic::warning(
                place(),
                format!(
                    "the name holds an invisible direction control (U+{:04X}), which shows the \
                     text after it in another order; the memo and the analysis leave it out",
                    u32::from(c)
                ),
            )
            .with_hint("retype the name without it"),
        );
    }
}

/// A character drawn as nothing, or that changes only how its neighbours are drawn.
fn invisible(c: char) -> bool {
    direction_control(c)
        || matches!(c,
        // Formatting: zero width, joiners (allowed only between letters, above), direction
        // marks, word joiners, the soft hyphen.
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{061c}' | '\u{feff}'
        | '\u{00ad}' | '\u{034f}' | '\u{180b}'..='\u{180f}' | '\u{fff9}'..='\u{fffb}'
        | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        // Blank letters (the Hangul fillers, Khmer's inherent vowels).
        | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' | '\u{17b4}' | '\u{17b5}'
        // Variation selectors and tags: they change how what is before them is drawn, or
        // draw nothing at all.
        | '\u{fe00}'..='\u{fe0f}' | '\u{e0000}'..='\u{e007f}' | '\u{e0100}'..='\u{e01ef}')
}

pub(super) fn check_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) -> FxHashSet<&'a str> {
    let mut seen = FxHashSet::default();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            out.push(Diagnostic::error(
                format!("{list}[{i}].id"),
                format!("the {what} has an empty id"),
            ));
        } else if !seen.insert(id) {
            out.push(Diagnostic::error(
                format!("{list}[{i}].id"),
                format!("the {what} id \"{id}\" is used twice"),
            ));
        } else if let Some(problem) = id_problem(id) {
            out.push(Diagnostic::error(format!("{list}[{i}].id"), problem));
        }
    }
    seen
}
