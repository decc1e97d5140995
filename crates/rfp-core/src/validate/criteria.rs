//! The criteria tree: ids, weights, scoring rules, gates and weightings.

use super::*;

/// What a criterion without a name is told: a warning, as a file and a requirement list say it.
pub(crate) const NO_NAME: &str = "no name";

pub(super) fn validate_criteria(
    criteria: &[Criterion],
    roster: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    if criteria.is_empty() {
        out.push(Diagnostic::warning(
            "criteria",
            "the scorecard has no criteria yet, so every vendor scores 0",
        ));
    }
    let mut ids: FxHashMap<&str, String> = FxHashMap::default();
    walk(criteria, &mut |node, path, depth| {
        // Reported once, at the first level too deep: every deeper node is below it.
        if node.scoring.is_none() && depth == MAX_CATEGORY_LEVELS {
            out.push(
                Diagnostic::error(
                    path,
                    format!(
                        "category \"{}\" is at level {}; categories may be nested at most \
                         {MAX_CATEGORY_LEVELS} levels deep",
                        node.name,
                        depth + 1
                    ),
                )
                .with_hint("move it up a level, or merge it into the category above"),
            );
        }
        if node.id.trim().is_empty() {
            out.push(Diagnostic::error(format!("{path}.id"), "empty id"));
        } else if let Some(problem) = id_problem(&node.id) {
            out.push(Diagnostic::error(format!("{path}.id"), problem));
        } else if let Some(first) = ids.get(node.id.as_str()) {
            out.push(Diagnostic::error(
                format!("{path}.id"),
                format!("the id \"{}\" is already used at {first}", node.id),
            ));
        } else {
            ids.insert(&node.id, path.to_owned());
        }
        if !(node.weight.is_finite() && node.weight >= 0.0) {
            out.push(Diagnostic::error(
                format!("{path}.weight"),
                format!(
                    "expected a weight of 0 or more, found {}",
                    shown_number(node.weight)
                ),
            ));
        }
        if node.name.trim().is_empty() {
            out.push(Diagnostic::warning(format!("{path}.name"), NO_NAME));
        }
        check_name_direction(&node.name, || format!("{path}.name"), out);
        match &node.scoring {
            Some(scoring) => {
                if !node.children.is_empty() {
                    out.push(Diagnostic::error(
                        format!("{path}.children"),
                        "a requirement (it has \"scoring\") cannot have children",
                    ));
                }
                if node.weighting.is_some() {
                    out.push(Diagnostic::warning(
                        format!("{path}.weighting"),
                        "a requirement has no children to weigh; \"weighting\" is ignored",
                    ));
                }
                validate_rule(scoring, path, out);
                if let Some(gate) = &node.gate {
                    validate_gate(scoring, gate, &format!("{path}.gate"), out);
                }
            }
            None => {
                if node.children.is_empty() {
                    out.push(
                        Diagnostic::warning(
                            path,
                            format!(
                                "category \"{}\" has no requirements; its weight is ignored",
                                node.name
                            ),
                        )
                        .with_hint("add requirements, or give it \"scoring\" to make it one"),
                    );
                }
                if node.gate.is_some() {
                    out.push(Diagnostic::error(
                        format!("{path}.gate"),
                        "only a requirement can be a gate, not a category",
                    ));
                }
                let weights: Vec<f64> = node.children.iter().map(|c| c.weight).collect();
                if !node.children.is_empty()
                    && weights.iter().all(|w| *w == 0.0)
                    && node
                        .weighting
                        .as_ref()
                        .is_none_or(|w| w.method == WeightingMethod::Direct)
                {
                    out.push(Diagnostic::warning(
                        path,
                        format!(
                            "every weight in \"{}\" is 0, so it contributes nothing and its \
                             own weight goes to its siblings",
                            node.name
                        ),
                    ));
                }
                if let Some(weighting) = &node.weighting {
                    validate_weighting(node, weighting, roster, &format!("{path}.weighting"), out);
                }
            }
        }
    });
}

/// The problems of one scoring rule, each placed below `path` (`{path}.scoring.price.years`):
/// the file's limits, which the CSV importer and the edits apply too.
pub(crate) fn validate_rule(scoring: &Scoring, path: &str, out: &mut Vec<Diagnostic>) {
    let at = |tail: &str| format!("{path}.scoring.{tail}");
    match scoring {
        Scoring::YesNo(_) => {}
        Scoring::Price(rule) => {
            if !(1..=MAX_PRICE_YEARS).contains(&rule.years) {
                out.push(Diagnostic::error(
                    at("price.years"),
                    format!(
                        "expected 1 to {MAX_PRICE_YEARS} years of total cost of ownership, found {}",
                        rule.years
                    ),
                ));
            }
            if !escalation_fits(rule.escalation_percent) {
                out.push(Diagnostic::error(
                    at("price.escalation_percent"),
                    format!(
                        "expected a yearly change above -100% and at most {MAX_ESCALATION_PERCENT}%, found {}",
                        shown_number(rule.escalation_percent)
                    ),
                ));
            }
        }
        Scoring::Choice(rule) => {
            if rule.options.is_empty() {
                out.push(Diagnostic::error(
                    at("choice.options"),
                    "a choice needs at least one option",
                ));
            }
            // The options seen so far, by their id in lowercase: one pass, however many.
            let mut seen: FxHashMap<String, &str> = FxHashMap::default();
            for (i, option) in rule.options.iter().enumerate() {
                if let Some(problem) = option_id_problem(&option.id, &mut seen) {
                    out.push(Diagnostic::error(
                        at(&format!("choice.options[{i}].id")),
                        problem,
                    ));
                }
                if !(option.points.is_finite() && option.points >= 0.0) {
                    out.push(Diagnostic::error(
                        at(&format!("choice.options[{i}].points")),
                        format!(
                            "expected points of 0 or more, found {}",
                            shown_number(option.points)
                        ),
                    ));
                }
            }
            if !rule.options.is_empty() && rule.options.iter().all(|o| o.points <= 0.0) {
                out.push(Diagnostic::warning(
                    at("choice.options"),
                    "every option is worth 0 points, so every vendor scores 0 here",
                ));
            }
        }
        Scoring::Numeric(rule) => match &rule.curve {
            Curve::Linear { worst, best, .. } => {
                if !(worst.is_finite() && best.is_finite()) {
                    out.push(Diagnostic::error(
                        at("numeric.curve.linear"),
                        "worst and best must be numbers",
                    ));
                } else if worst == best {
                    out.push(Diagnostic::error(
                        at("numeric.curve.linear"),
                        format!("worst and best are both {best}; they must differ"),
                    ));
                } else if (rule.better == Better::Higher) != (best > worst) {
                    out.push(
                        Diagnostic::error(
                            at("numeric.curve.linear"),
                            format!(
                                "{} is better, but best ({best}) is {} than worst ({worst})",
                                if rule.better == Better::Higher {
                                    "higher"
                                } else {
                                    "lower"
                                },
                                if best > worst { "higher" } else { "lower" }
                            ),
                        )
                        .with_hint("swap worst and best, or change \"better\""),
                    );
                }
            }
            Curve::Steps(steps) => {
                if steps.is_empty() {
                    out.push(Diagnostic::error(
                        at("numeric.curve.steps"),
                        "a stepped curve needs at least one step",
                    ));
                }
                let mut seen = Vec::new();
                for (i, step) in steps.iter().enumerate() {
                    if !step.at.is_finite() {
                        out.push(Diagnostic::error(
                            at(&format!("numeric.curve.steps[{i}].at")),
                            format!("threshold {} is not a number", shown_number(step.at)),
                        ));
                    } else if seen.contains(&(step.at + 0.0).to_bits()) {
                        out.push(Diagnostic::error(
                            at(&format!("numeric.curve.steps[{i}].at")),
                            format!("another step is already at {}", shown_number(step.at + 0.0)),
                        ));
                    }
                    // −0 and 0 are one threshold.
                    seen.push((step.at + 0.0).to_bits());
                    if !(0.0..=1.0).contains(&step.score) {
                        out.push(Diagnostic::error(
                            at(&format!("numeric.curve.steps[{i}].score")),
                            format!(
                                "expected a score from 0 to 1, found {}",
                                shown_number(step.score)
                            ),
                        ));
                    }
                }
            }
        },
        Scoring::Rating(rule) => {
            let levels = i64::from(rule.max) - i64::from(rule.min);
            if levels < 1 {
                out.push(Diagnostic::error(
                    at("rating"),
                    format!(
                        "the scale {}–{} is empty; max must exceed min",
                        rule.min, rule.max
                    ),
                ));
                return;
            }
            if levels > MAX_RATING_LEVELS {
                out.push(Diagnostic::error(
                    at("rating"),
                    format!(
                        "the scale {}–{} has {} levels; at most {} are allowed",
                        rule.min,
                        rule.max,
                        levels + 1,
                        MAX_RATING_LEVELS + 1
                    ),
                ));
                return;
            }
            let mut seen = BTreeSet::new();
            for (i, anchor) in rule.anchors.iter().enumerate() {
                if anchor.level < rule.min || anchor.level > rule.max {
                    out.push(Diagnostic::error(
                        at(&format!("rating.anchors[{i}].level")),
                        format!(
                            "level {} is outside the scale {}–{}",
                            anchor.level, rule.min, rule.max
                        ),
                    ));
                } else if !seen.insert(anchor.level) {
                    out.push(Diagnostic::error(
                        at(&format!("rating.anchors[{i}].level")),
                        format!("level {} is described twice", anchor.level),
                    ));
                }
            }
            let missing: Vec<String> = (rule.min..=rule.max)
                .filter(|level| !seen.contains(level))
                .map(|level| level.to_string())
                .collect();
            if !missing.is_empty() {
                out.push(
                    Diagnostic::warning(
                        at("rating.anchors"),
                        format!("no description for level(s) {}", missing.join(", ")),
                    )
                    .with_hint("anchored levels make evaluators rate alike"),
                );
            }
        }
    }
}

/// The characters that separate options, and an option's parts, wherever a person types them:
/// a sheet's options cell (`id=points:label; …`), a gate (`any of: a, b`), a vendor's answers
/// (`a; b | c`). An option id holding one could not be typed back.
const OPTION_ID_SEPARATORS: [char; 5] = [',', ';', '|', ':', '='];

/// What is wrong with an option id beside the options before it (`seen`, by their ids in
/// lowercase; this one is added), as a message: the one rule
/// for option ids, in a file, an edit and a sheet alike. An id must be there, be an id
/// ([`id_problem`]), hold none of [`OPTION_ID_SEPARATORS`] nor spaces at either end (sheets and
/// forms trim what is typed), and differ from the others in more than case: answers and gates
/// typed by people name an option ignoring case. So every option id a valid file holds can be
/// written in a sheet and typed as an answer, and reads back as itself.
fn option_id_problem<'a>(id: &'a str, seen: &mut FxHashMap<String, &'a str>) -> Option<String> {
    if id.trim().is_empty() {
        return Some("an option needs an id".to_owned());
    }
    if let Some(problem) = id_problem(id) {
        return Some(problem);
    }
    if let Some(separator) = id.chars().find(|c| OPTION_ID_SEPARATORS.contains(c)) {
        return Some(format!(
            "option id {id:?} holds \"{separator}\", which separates options where they are typed \
             (a sheet's options, a gate's \"any of\", a vendor's answers); use letters, digits, \
             '.', '_' and '-'"
        ));
    }
    match seen.entry(id.to_ascii_lowercase()) {
        std::collections::hash_map::Entry::Vacant(entry) => {
            entry.insert(id);
            None
        }
        std::collections::hash_map::Entry::Occupied(entry) if *entry.get() == id => {
            Some(format!("option id {id:?} is used twice"))
        }
        std::collections::hash_map::Entry::Occupied(entry) => Some(format!(
            "option ids {:?} and {id:?} differ only in case; answers and gates name an option \
             ignoring case",
            entry.get()
        )),
    }
}

/// What is wrong with a gate's threshold on a requirement scored by `scoring`, as a message
/// (none when it is usable, or the gate has no threshold): the one check of a threshold, for
/// the file, the edits and the page's gate form.
pub fn threshold_problem(scoring: &Scoring, gate: &Gate) -> Option<String> {
    match (scoring, gate) {
        (Scoring::Numeric(_), Gate::AtLeast(v) | Gate::AtMost(v)) if !v.is_finite() => {
            Some("the threshold must be a number".to_owned())
        }
        (Scoring::Price(_), Gate::AtMost(v)) if !(v.is_finite() && *v >= 0.0) => Some(format!(
            "expected a price ceiling of 0 or more, found {}",
            shown_number(*v)
        )),
        (Scoring::Rating(rule), Gate::AtLeast(v))
            if !(*v >= f64::from(rule.min) && *v <= f64::from(rule.max)) =>
        {
            Some(format!(
                "minimum rating {} is outside the scale {}–{}",
                shown_number(*v),
                rule.min,
                rule.max
            ))
        }
        _ => None,
    }
}

pub(super) fn validate_gate(
    scoring: &Scoring,
    gate: &Gate,
    place: &str,
    out: &mut Vec<Diagnostic>,
) {
    let fits = crate::vocabulary::gates_that_fit(scoring)
        .iter()
        .any(|term| term.id == gate.kind());
    if !fits {
        let allowed = match scoring {
            Scoring::YesNo(_) => "\"required\"",
            Scoring::Choice(_) => "{\"any_of\": [option ids]}",
            Scoring::Numeric(_) => "{\"at_least\": n} or {\"at_most\": n}",
            Scoring::Rating(_) => "{\"at_least\": minimum level}",
            Scoring::Price(_) => "{\"at_most\": ceiling}",
        };
        out.push(Diagnostic::error(
            place,
            format!(
                "this gate does not fit a {} requirement; use {allowed}",
                scoring.kind_name()
            ),
        ));
        return;
    }
    if let Some(problem) = threshold_problem(scoring, gate) {
        out.push(Diagnostic::error(place, problem));
    }
    if let (Scoring::Choice(rule), Gate::AnyOf(ids)) = (scoring, gate) {
        if ids.is_empty() {
            out.push(Diagnostic::error(place, "any_of lists no options"));
        }
        check_options(rule, ids, &|| place.to_owned(), out);
    }
}

pub(super) fn validate_weighting(
    node: &Criterion,
    weighting: &Weighting,
    roster: &[&str],
    place: &str,
    out: &mut Vec<Diagnostic>,
) {
    let child_ids: Vec<&str> = node.children.iter().map(|c| c.id.as_str()).collect();
    let unknown = |id: &str| !child_ids.contains(&id);
    let show = |node: &Criterion| {
        if node.id.is_empty() {
            "the top level".to_owned()
        } else {
            format!("\"{}\"", node.id)
        }
    };
    for (k, comparison) in weighting.pairwise.iter().enumerate() {
        if let Some(evaluator) = &comparison.evaluator {
            if !roster.contains(&evaluator.as_str()) {
                out.push(Diagnostic::error(
                    format!("{place}.pairwise[{k}].evaluator"),
                    format!(
                        "the judgment is by \"{evaluator}\", who is not on the committee; \
                         add the evaluator or remove the judgment"
                    ),
                ));
            }
        }
    }
    // The group's judgments (the evaluators') and the committee's, each read when present or
    // when their method is in force; their problems are errors only then.
    let judged = [
        (
            WeightingMethod::AhpGroup,
            weighting.pairwise.iter().any(|c| c.evaluator.is_some()),
        ),
        (
            WeightingMethod::Ahp,
            weighting.pairwise.iter().any(|c| c.evaluator.is_none()),
        ),
    ];
    for (method, present) in judged {
        if !(present || weighting.method == method) {
            continue;
        }
        let read = if method == WeightingMethod::AhpGroup {
            crate::weighting::group_matrix(&child_ids, &weighting.pairwise).map(|_| ())
        } else {
            crate::weighting::pairwise_matrix(&child_ids, &weighting.pairwise).map(|_| ())
        };
        for problem in read.err().unwrap_or_default() {
            out.push(if weighting.method == method {
                Diagnostic::error(format!("{place}.pairwise"), problem)
            } else {
                Diagnostic::warning(format!("{place}.pairwise"), problem)
            });
        }
    }
    if !weighting.ranking.is_empty() || weighting.method == WeightingMethod::RankOrderCentroid {
        if weighting.method == WeightingMethod::RankOrderCentroid
            && let Err(problem) = crate::weighting::ranking_fits(child_ids.len())
        {
            out.push(Diagnostic::error(format!("{place}.ranking"), problem));
        }
        let mut seen = BTreeSet::new();
        for (i, id) in weighting.ranking.iter().enumerate() {
            if unknown(id) || !seen.insert(id.as_str()) {
                out.push(Diagnostic::error(
                    format!("{place}.ranking[{i}]"),
                    format!(
                        "\"{id}\" is not a child of \"{}\", or is ranked twice",
                        node.id
                    ),
                ));
            }
        }
        let missing: Vec<&str> = child_ids
            .iter()
            .copied()
            .filter(|id| !seen.contains(id))
            .collect();
        if !missing.is_empty() {
            out.push(Diagnostic::error(
                format!("{place}.ranking"),
                format!("not ranked: {}", missing.join(", ")),
            ));
        }
    }
    if !weighting.swing.is_empty() || weighting.method == WeightingMethod::Swing {
        for (id, points) in &weighting.swing {
            if unknown(id) {
                out.push(Diagnostic::error(
                    format!("{place}.swing.{id}"),
                    format!("\"{id}\" is not a child of {}", show(node)),
                ));
            }
            if !(points.is_finite() && *points >= 0.0 && *points <= 100.0) {
                out.push(Diagnostic::error(
                    format!("{place}.swing.{id}"),
                    format!(
                        "expected swing points from 0 to 100, found {}",
                        shown_number(*points)
                    ),
                ));
            }
        }
        let missing: Vec<&str> = child_ids
            .iter()
            .copied()
            .filter(|id| !weighting.swing.contains_key(*id))
            .collect();
        if !missing.is_empty() {
            out.push(Diagnostic::error(
                format!("{place}.swing"),
                format!("no swing points for: {}", missing.join(", ")),
            ));
        }
    }
}
