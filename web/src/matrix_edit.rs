//! Edits of the criteria tree, as pure functions on a scorecard: names, shares among siblings
//! (kept summing to 100), requirement kinds, rubric anchors, and weighting methods with
//! AHP pairwise judgments. Each returns the edited scorecard or why the edit is refused; the
//! state scores the result with `rfp-core` like any change.

use rfp_core::{
    Anchor, Better, ChoiceOption, ChoiceRule, Comparison, Criterion, Curve, Extra, NumericRule,
    PriceRule, RatingRule, Scorecard, Scoring, Weighting, WeightingMethod, YesNoRule,
};

/// An edit refused because of what was typed into one field: shown next to that field, which
/// keeps the text until it is fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    /// The field's element id.
    pub field: String,
    /// What is wrong, naming the field.
    pub message: String,
    /// The text as typed.
    pub text: String,
}

impl FieldProblem {
    /// A problem with `field`, whose text was `text`.
    pub fn new(field: impl Into<String>, message: impl Into<String>, text: &str) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            message: message.into(),
            text: text.to_owned(),
        }
    }
}

/// One edit of one criterion.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Its name.
    Name(String),
    /// Its share among its siblings, in percent as typed; the siblings keep their proportions
    /// and fill the rest, so the shares stay summing to 100.
    Share(String),
    /// Its requirement kind (`yes_no`, `choice`, `numeric`, `rating`, `price`): a new rule with
    /// defaults, and no gate (a gate of the old kind would not fit).
    Kind(String),
    /// The description of a rating level.
    Anchor {
        /// The level.
        level: i32,
        /// Its description.
        text: String,
    },
}

/// The criterion at `path` (indices from the top level down).
pub fn at<'a>(criteria: &'a [Criterion], path: &[usize]) -> Option<&'a Criterion> {
    let (&first, rest) = path.split_first()?;
    let criterion = criteria.get(first)?;
    if rest.is_empty() {
        Some(criterion)
    } else {
        at(&criterion.children, rest)
    }
}

/// The path (indices from the top level down) of the criterion with this id.
#[cfg(test)]
pub fn path_of(criteria: &[Criterion], id: &str) -> Option<Vec<usize>> {
    criteria.iter().enumerate().find_map(|(i, c)| {
        if c.id == id {
            Some(vec![i])
        } else {
            let mut path = path_of(&c.children, id)?;
            path.insert(0, i);
            Some(path)
        }
    })
}

pub(crate) fn siblings_mut<'a>(
    criteria: &'a mut Vec<Criterion>,
    path: &[usize],
) -> Option<&'a mut Vec<Criterion>> {
    match path {
        [] | [_] => Some(criteria),
        [first, rest @ ..] => siblings_mut(&mut criteria.get_mut(*first)?.children, rest),
    }
}

/// Apply `edit` to the criterion at `path`.
pub fn apply(scorecard: &Scorecard, path: &[usize], edit: &Edit) -> Result<Scorecard, String> {
    let mut next = scorecard.clone();
    let index = *path.last().ok_or("no criterion chosen")?;
    let siblings = siblings_mut(&mut next.criteria, path).ok_or("no such criterion")?;
    if index >= siblings.len() {
        return Err("no such criterion".into());
    }
    match edit {
        Edit::Name(name) => {
            let name = name.trim();
            if name.is_empty() {
                return Err("Name: a criterion needs a name.".into());
            }
            siblings[index].name = name.to_owned();
        }
        Edit::Share(text) => set_share(siblings, index, text)?,
        Edit::Kind(kind) => {
            let criterion = &mut siblings[index];
            if !criterion.children.is_empty() {
                return Err("A category has no kind; its requirements do.".into());
            }
            let rule = default_rule(kind).ok_or_else(|| format!("Kind: unknown kind “{kind}”."))?;
            if criterion.scoring.as_ref().map(Scoring::kind_name) == Some(rule.kind_name()) {
                return Ok(scorecard.clone());
            }
            criterion.scoring = Some(rule);
            criterion.gate = None;
            // Answers, ratings and consensus values given for the old kind mean nothing now.
            let id = criterion.id.clone();
            for vendor in &mut next.vendors {
                vendor.answers.remove(&id);
            }
            next.ratings.retain(|r| r.requirement != id);
            next.consensus.retain(|c| c.requirement != id);
        }
        Edit::Anchor { level, text } => {
            let Some(Scoring::Rating(rule)) = &mut siblings[index].scoring else {
                return Err("Only a rating requirement has rubric anchors.".into());
            };
            if *level < rule.min || *level > rule.max {
                return Err(format!(
                    "Level {level} is outside the scale {}–{}.",
                    rule.min, rule.max
                ));
            }
            rule.anchors.retain(|a| a.level != *level);
            if !text.trim().is_empty() {
                rule.anchors.push(Anchor {
                    level: *level,
                    description: text.trim().to_owned(),
                    extra: Extra::new(),
                });
                rule.anchors.sort_by_key(|a| a.level);
            }
        }
    }
    Ok(next)
}

/// Set one sibling's share to `text` percent, scaling the others to fill the rest.
pub(crate) fn set_share(
    siblings: &mut [Criterion],
    index: usize,
    text: &str,
) -> Result<(), String> {
    let trimmed = text.trim().trim_end_matches('%').trim();
    let share: f64 = trimmed
        .parse()
        .ok()
        .filter(|p: &f64| p.is_finite() && (0.0..=100.0).contains(p))
        .ok_or_else(|| {
            format!(
                "Share: expected a percentage from 0 to 100, found “{}”.",
                text.trim()
            )
        })?;
    let others: f64 = siblings
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, c)| c.weight)
        .sum();
    let count = siblings.len().saturating_sub(1);
    for (i, sibling) in siblings.iter_mut().enumerate() {
        sibling.weight = if i == index {
            share
        } else if others > 0.0 {
            sibling.weight / others * (100.0 - share)
        } else {
            (100.0 - share) / count as f64
        };
        // Keep the file readable: weights to 4 decimals.
        sibling.weight = (sibling.weight * 1e4).round() / 1e4;
    }
    Ok(())
}

pub(crate) fn default_rule(kind: &str) -> Option<Scoring> {
    Some(match kind {
        "yes_no" => Scoring::YesNo(YesNoRule::default()),
        "rating" => Scoring::Rating(RatingRule::default()),
        "choice" => Scoring::Choice(ChoiceRule {
            options: vec![
                ChoiceOption {
                    id: "full".into(),
                    label: "Fully".into(),
                    points: 1.0,
                    extra: Extra::new(),
                },
                ChoiceOption {
                    id: "partial".into(),
                    label: "Partly".into(),
                    points: 0.5,
                    extra: Extra::new(),
                },
                ChoiceOption {
                    id: "none".into(),
                    label: "Not at all".into(),
                    points: 0.0,
                    extra: Extra::new(),
                },
            ],
            multiple: false,
            extra: Extra::new(),
        }),
        "numeric" => Scoring::Numeric(NumericRule {
            unit: String::new(),
            better: Better::Higher,
            curve: Curve::Linear {
                worst: 0.0,
                best: 100.0,
            },
            extra: Extra::new(),
        }),
        "price" => Scoring::Price(PriceRule::default()),
        _ => return None,
    })
}

/// The weighting of a category (`""` for the top level), created when missing.
fn weighting_mut<'a>(
    scorecard: &'a mut Scorecard,
    category: &str,
) -> Option<(&'a mut Weighting, Vec<String>)> {
    if category.is_empty() {
        let ids = scorecard.criteria.iter().map(|c| c.id.clone()).collect();
        return Some((
            scorecard
                .settings
                .top_weighting
                .get_or_insert_with(Weighting::default),
            ids,
        ));
    }
    fn find<'a>(criteria: &'a mut [Criterion], id: &str) -> Option<&'a mut Criterion> {
        for criterion in criteria {
            if criterion.id == id && !criterion.children.is_empty() {
                return Some(criterion);
            }
            if let Some(found) = find(&mut criterion.children, id) {
                return Some(found);
            }
        }
        None
    }
    let criterion = find(&mut scorecard.criteria, category)?;
    let ids = criterion.children.iter().map(|c| c.id.clone()).collect();
    Some((
        criterion.weighting.get_or_insert_with(Weighting::default),
        ids,
    ))
}

/// Weigh a category's children by `method`; choosing AHP fills missing judgments with 1
/// (equal importance), so the comparison matrix is complete from the start.
pub fn set_method(
    scorecard: &Scorecard,
    category: &str,
    method: WeightingMethod,
) -> Result<Scorecard, String> {
    let mut next = scorecard.clone();
    let (weighting, ids) = weighting_mut(&mut next, category).ok_or("no such category")?;
    weighting.method = method;
    if method == WeightingMethod::Ahp {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let known = weighting
                    .pairwise
                    .iter()
                    .any(|c| (c.a == *a && c.b == *b) || (c.a == *b && c.b == *a));
                if !known {
                    weighting.pairwise.push(Comparison {
                        a: a.clone(),
                        b: b.clone(),
                        value: 1.0,
                        extra: Extra::new(),
                    });
                }
            }
        }
    }
    Ok(next)
}

/// Record the judgment "`a` is `value` times as important as `b`" (Saaty's 1/9 … 9).
pub fn set_pairwise(
    scorecard: &Scorecard,
    category: &str,
    a: &str,
    b: &str,
    value: f64,
) -> Result<Scorecard, String> {
    if !(value.is_finite() && (1.0 / 9.0 - 1e-9..=9.0).contains(&value)) {
        return Err(format!(
            "A judgment is on Saaty's scale from 1/9 to 9, not {value}."
        ));
    }
    let mut next = scorecard.clone();
    let (weighting, ids) = weighting_mut(&mut next, category).ok_or("no such category")?;
    if !ids.iter().any(|i| i == a) || !ids.iter().any(|i| i == b) || a == b {
        return Err("Compare two different children of the category.".into());
    }
    weighting
        .pairwise
        .retain(|c| !((c.a == a && c.b == b) || (c.a == b && c.b == a)));
    weighting.pairwise.push(Comparison {
        a: a.to_owned(),
        b: b.to_owned(),
        value,
        extra: Extra::new(),
    });
    Ok(next)
}

/// The judgment recorded for (a, b), as "a over b".
pub fn judgment(scorecard: &Scorecard, category: &str, a: &str, b: &str) -> Option<f64> {
    let weighting = if category.is_empty() {
        scorecard.settings.top_weighting.as_ref()?
    } else {
        fn find<'a>(criteria: &'a [Criterion], id: &str) -> Option<&'a Criterion> {
            criteria.iter().find_map(|c| {
                if c.id == id {
                    Some(c)
                } else {
                    find(&c.children, id)
                }
            })
        }
        find(&scorecard.criteria, category)?.weighting.as_ref()?
    };
    weighting.pairwise.iter().find_map(|c| {
        if c.a == a && c.b == b {
            Some(c.value)
        } else if c.a == b && c.b == a && c.value != 0.0 {
            Some(1.0 / c.value)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rfp_core::Gate;
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn shares_stay_normalized_and_bad_ones_are_refused() {
        let demo = rfp_templates::demo();
        let edited = apply(&demo, &[0], &Edit::Share("40".into())).expect("edited");
        let sum: f64 = edited.criteria.iter().map(|c| c.weight).sum();
        assert!((sum - 100.0).abs() < 0.01, "{sum}");
        assert_eq!(edited.criteria[0].weight, 40.0);
        let report = rfp_core::score(&edited);
        assert!((report.categories[0].local_weight - 0.4).abs() < 1e-6);
        for bad in ["-1", "101", "x", ""] {
            assert!(
                apply(&demo, &[0], &Edit::Share(bad.into())).is_err(),
                "{bad}"
            );
        }
        assert!(apply(&demo, &[99], &Edit::Name("x".into())).is_err());
        assert!(apply(&demo, &[0, 99, 3], &Edit::Name("x".into())).is_err());
        assert!(apply(&demo, &[0], &Edit::Name("  ".into())).is_err());
    }

    #[test]
    fn kinds_anchors_and_gates() {
        let demo = rfp_templates::demo();
        let path = [0, 0, 0];
        let criterion = at(&demo.criteria, &path).expect("a requirement");
        assert!(criterion.is_requirement());
        let rating = apply(&demo, &path, &Edit::Kind("rating".into())).expect("kind");
        let anchored = apply(
            &rating,
            &path,
            &Edit::Anchor {
                level: 2,
                text: "Two".into(),
            },
        )
        .expect("anchor");
        let Some(Scoring::Rating(rule)) = &at(&anchored.criteria, &path).expect("there").scoring
        else {
            panic!("a rating")
        };
        let two = rule
            .anchors
            .iter()
            .find(|a| a.level == 2)
            .expect("anchor 2");
        assert_eq!(two.description, "Two");
        let gate = crate::rule_edit::GateForm {
            kind: "at_least".into(),
            threshold: "3".into(),
            options: Vec::new(),
        };
        let gated = crate::rule_edit::set_gate(&anchored, &path, &gate).expect("gate");
        assert_eq!(
            at(&gated.criteria, &path).expect("there").gate,
            Some(Gate::AtLeast(3.0))
        );
        // A new kind drops the gate of the old one.
        let numeric = apply(&gated, &path, &Edit::Kind("numeric".into())).expect("kind");
        assert_eq!(at(&numeric.criteria, &path).expect("there").gate, None);
        assert!(apply(&demo, &[0], &Edit::Kind("rating".into())).is_err());
    }

    #[test]
    fn a_new_kind_takes_the_answers_and_ratings_of_the_old_one_with_it() {
        let demo = rfp_templates::demo();
        let errors = |card: &Scorecard| {
            rfp_core::validate(card)
                .into_iter()
                .filter(|d| d.severity == rfp_core::Severity::Error)
                .count()
        };
        // A rated requirement becomes a number: its ratings and consensus go.
        let rated = demo.ratings[0].requirement.to_string();
        let path = path_of(&demo.criteria, &rated).expect("rated requirement");
        let same = apply(&demo, &path, &Edit::Kind("rating".into())).expect("same kind");
        assert_eq!(same, demo, "choosing the kind it has changes nothing");
        let numeric = apply(&demo, &path, &Edit::Kind("numeric".into())).expect("kind");
        assert!(numeric.ratings.iter().all(|r| r.requirement != rated));
        assert!(numeric.consensus.iter().all(|c| c.requirement != rated));
        assert!(numeric.ratings.len() < demo.ratings.len());
        assert_eq!(errors(&numeric), 0);
        // An answered requirement becomes rated: the vendors' answers to it go.
        let answered = demo.vendors[0]
            .answers
            .keys()
            .next()
            .expect("an answer")
            .clone();
        let path = path_of(&demo.criteria, &answered).expect("answered requirement");
        let rating = apply(&demo, &path, &Edit::Kind("rating".into())).expect("kind");
        assert!(
            rating
                .vendors
                .iter()
                .all(|v| !v.answers.contains_key(&answered))
        );
        assert_eq!(errors(&rating), 0);
    }

    #[test]
    fn ahp_judgments_give_weights_and_a_consistency_ratio() {
        let demo = rfp_templates::demo();
        let ahp = set_method(&demo, "", WeightingMethod::Ahp).expect("ahp");
        let ids: Vec<String> = demo.criteria.iter().map(|c| c.id.clone()).collect();
        let skewed = set_pairwise(&ahp, "", &ids[0], &ids[1], 9.0).expect("judgment");
        let skewed = set_pairwise(&skewed, "", &ids[1], &ids[2], 9.0).expect("judgment");
        let skewed = set_pairwise(&skewed, "", &ids[2], &ids[0], 9.0).expect("judgment");
        assert_eq!(judgment(&skewed, "", &ids[0], &ids[2]), Some(1.0 / 9.0));
        let report = rfp_core::score(&skewed);
        let top = report
            .weightings
            .iter()
            .find(|w| w.category_id.is_empty())
            .expect("top");
        let summary = top.ahp.as_ref().expect("ahp summary");
        assert!(summary.consistency_ratio > 0.1);
        assert!(summary.revisit.is_some());
        assert!(set_pairwise(&ahp, "", &ids[0], &ids[0], 3.0).is_err());
        assert!(set_pairwise(&ahp, "", &ids[0], &ids[1], 20.0).is_err());
    }
}
