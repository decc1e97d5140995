//! Edits of the criteria tree and its weighting, and putting back what a removal took.

use std::collections::{BTreeMap, BTreeSet};

use super::{Edit, EditError, PlacedCriterion, Restore, Touched, name};
use crate::model::{
    Anchor, Comparison, Criterion, Extra, Gate, Scorecard, Scoring, Weighting, WeightingMethod,
};
use crate::tree::find_criterion;
use crate::vocabulary::default_rule;

/// The points a new child gets when its parent is weighed by SWING.
pub const NEW_SWING_POINTS: f64 = 50.0;

/// Where a criterion is: its parent's id (none at the top level) and its index there.
fn locate(criteria: &[Criterion], id: &str) -> Option<(Option<String>, usize)> {
    fn go(nodes: &[Criterion], parent: Option<&str>, id: &str) -> Option<(Option<String>, usize)> {
        for (index, node) in nodes.iter().enumerate() {
            if node.id == id {
                return Some((parent.map(str::to_owned), index));
            }
            if let Some(found) = go(&node.children, Some(&node.id), id) {
                return Some(found);
            }
        }
        None
    }
    go(criteria, None, id)
}

pub(super) fn find_mut<'a>(criteria: &'a mut [Criterion], id: &str) -> Option<&'a mut Criterion> {
    for criterion in criteria {
        if criterion.id == id {
            return Some(criterion);
        }
        if let Some(found) = find_mut(&mut criterion.children, id) {
            return Some(found);
        }
    }
    None
}

/// The children of `parent` (the top level when none); none when it is not a category.
fn siblings_mut<'a>(
    scorecard: &'a mut Scorecard,
    parent: Option<&str>,
) -> Option<&'a mut Vec<Criterion>> {
    match parent {
        None => Some(&mut scorecard.criteria),
        Some(id) => find_mut(&mut scorecard.criteria, id)
            .filter(|c| !c.is_requirement())
            .map(|c| &mut c.children),
    }
}

/// The weighting slot of a category (`""`: the top level).
pub(crate) fn weighting_slot<'a>(
    scorecard: &'a mut Scorecard,
    category: &str,
) -> Option<&'a mut Option<Weighting>> {
    if category.is_empty() {
        return Some(&mut scorecard.settings.top_weighting);
    }
    find_mut(&mut scorecard.criteria, category)
        .filter(|c| !c.is_requirement())
        .map(|c| &mut c.weighting)
}

/// Every place a weighting can be: `""` for the top level, then each category's id.
pub(crate) fn weighting_places(scorecard: &Scorecard) -> Vec<String> {
    let mut categories = vec![String::new()];
    crate::tree::walk(&scorecard.criteria, &mut |node, _, _| {
        if !node.is_requirement() {
            categories.push(node.id.clone());
        }
    });
    categories
}

/// Takes the AHP judgments `keep` refuses out of every weighting, saying where each was
/// (category, index), for Undo to put back.
pub(crate) fn take_judgments(
    scorecard: &mut Scorecard,
    keep: &dyn Fn(&Comparison) -> bool,
) -> Vec<(String, usize, Comparison)> {
    let mut taken = Vec::new();
    for category in weighting_places(scorecard) {
        if let Some(Some(weighting)) = weighting_slot(scorecard, &category) {
            for (index, comparison) in std::mem::take(&mut weighting.pairwise)
                .into_iter()
                .enumerate()
            {
                if keep(&comparison) {
                    weighting.pairwise.push(comparison);
                } else {
                    taken.push((category.clone(), index, comparison));
                }
            }
        }
    }
    taken
}

/// The ids of the children of a category (`""`: the top level).
fn child_ids(scorecard: &Scorecard, category: &str) -> Option<Vec<String>> {
    let children = if category.is_empty() {
        &scorecard.criteria
    } else {
        &find_criterion(&scorecard.criteria, category)
            .filter(|c| !c.is_requirement())?
            .children
    };
    Some(children.iter().map(|c| c.id.clone()).collect())
}

fn no_criterion(field: &str, id: &str) -> EditError {
    EditError::new(field, format!("There is no criterion “{id}”."))
}

fn requirement_mut<'a>(
    scorecard: &'a mut Scorecard,
    id: &str,
) -> Result<&'a mut Criterion, EditError> {
    match find_mut(&mut scorecard.criteria, id) {
        Some(c) if c.is_requirement() => Ok(c),
        Some(c) => Err(EditError::new(
            "id",
            format!(
                "“{}” is a category; only a requirement has a rule and a gate.",
                c.name
            ),
        )),
        None => Err(no_criterion("id", id)),
    }
}

/// Weights rounded to 4 decimals, as the file keeps them readable.
fn round_weight(weight: f64) -> f64 {
    (weight * 1e4).round() / 1e4
}

/// Set one sibling's share to `share` percent, scaling the others to fill the rest.
fn set_share(siblings: &mut [Criterion], index: usize, share: f64) {
    let others: f64 = siblings
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, c)| c.weight)
        .sum();
    let count = siblings.len().saturating_sub(1);
    for (i, sibling) in siblings.iter_mut().enumerate() {
        let weight = if i == index {
            share
        } else if others > 0.0 && others.is_finite() {
            sibling.weight / others * (100.0 - share)
        } else {
            (100.0 - share) / count as f64
        };
        sibling.weight = round_weight(weight);
    }
}

fn weights_of(siblings: &[Criterion]) -> BTreeMap<String, f64> {
    siblings.iter().map(|c| (c.id.clone(), c.weight)).collect()
}

/// Every id a new criterion must not take: the tree's, and the requirement ids answers,
/// comments, ratings and consensus values still name.
fn ids_in_use(scorecard: &Scorecard) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    crate::tree::walk(&scorecard.criteria, &mut |node, _, _| {
        ids.insert(node.id.clone());
    });
    for vendor in &scorecard.vendors {
        ids.extend(vendor.answers.keys().cloned());
        ids.extend(vendor.comments.keys().cloned());
    }
    ids.extend(scorecard.ratings.iter().map(|r| r.requirement.to_string()));
    ids.extend(scorecard.consensus.iter().map(|c| c.requirement.clone()));
    ids
}

/// The requirement ids in a criterion's subtree.
fn requirement_ids(criterion: &Criterion, out: &mut BTreeSet<String>) {
    if criterion.is_requirement() {
        out.insert(criterion.id.clone());
    }
    for child in &criterion.children {
        requirement_ids(child, out);
    }
}

/// Take out everything given for the requirements `ids`: answers (and, with `comments`, the
/// vendors' comments), ratings and consensus values, into `restore`.
fn take_given(
    scorecard: &mut Scorecard,
    ids: &BTreeSet<String>,
    comments: bool,
    restore: &mut Restore,
) {
    for vendor in &mut scorecard.vendors {
        for id in ids {
            if let Some(answer) = vendor.answers.remove(id) {
                restore
                    .answers
                    .push((vendor.id.clone(), id.clone(), answer));
            }
            if comments {
                if let Some(text) = vendor.comments.remove(id) {
                    restore.comments.push((vendor.id.clone(), id.clone(), text));
                }
            }
        }
    }
    restore.ratings = take_where(&mut scorecard.ratings, |r| {
        ids.contains(r.requirement.as_str())
    });
    restore.consensus = take_where(&mut scorecard.consensus, |c| ids.contains(&c.requirement));
}

/// Remove the items `gone` picks, giving them with their indices (ascending).
pub(super) fn take_where<T>(items: &mut Vec<T>, gone: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    if !items.iter().any(&gone) {
        return Vec::new();
    }
    let mut taken = Vec::new();
    let mut kept = Vec::with_capacity(items.len());
    for (index, item) in std::mem::take(items).into_iter().enumerate() {
        if gone(&item) {
            taken.push((index, item));
        } else {
            kept.push(item);
        }
    }
    *items = kept;
    taken
}

pub(super) fn perform(
    scorecard: &mut Scorecard,
    edit: &Edit,
) -> Result<(Edit, Touched), EditError> {
    match edit {
        Edit::AddCriterion {
            parent,
            name: given,
            kind,
        } => {
            let name = name(given, "a new criterion")?;
            let parent = parent.as_deref().filter(|p| !p.is_empty());
            if let Some(parent) = parent {
                match find_criterion(&scorecard.criteria, parent) {
                    Some(c) if c.is_requirement() => {
                        return Err(EditError::new(
                            "parent",
                            format!(
                                "“{}” is a requirement, which has no children; add to its category.",
                                c.name
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        return Err(EditError::new(
                            "parent",
                            format!("There is no category “{parent}”."),
                        ));
                    }
                }
            }
            let criterion = if kind == "category" {
                Criterion::category("", &name, 0.0, Vec::new())
            } else {
                let rule = default_rule(kind).ok_or_else(|| {
                    EditError::new("kind", format!("Kind: unknown kind “{kind}”."))
                })?;
                Criterion::requirement("", &name, 0.0, rule)
            };
            let taken = ids_in_use(scorecard);
            let id = super::new_id(&name, parent, "criterion", &|id| taken.contains(id));
            let category = parent.unwrap_or("").to_owned();
            let old_weighting = weighting_slot(scorecard, &category).and_then(|w| w.clone());
            let siblings = siblings_mut(scorecard, parent)
                .ok_or_else(|| EditError::new("parent", "No such category."))?;
            let old_weights = weights_of(siblings);
            let others: Vec<String> = siblings.iter().map(|c| c.id.clone()).collect();
            siblings.push(Criterion {
                id: id.clone(),
                ..criterion
            });
            let count = siblings.len();
            set_share(siblings, count - 1, 100.0 / count as f64);
            if let Some(Some(weighting)) = weighting_slot(scorecard, &category) {
                // The committee's judgments start equal for the new child; an evaluator's pair
                // not compared yet counts as equal in the group's until they compare it.
                if weighting.pairwise.iter().any(|c| c.evaluator.is_none())
                    || weighting.method == WeightingMethod::Ahp
                {
                    weighting
                        .pairwise
                        .extend(others.iter().map(|other| Comparison {
                            a: other.clone(),
                            b: id.clone(),
                            value: 1.0,
                            evaluator: None,
                            judged_at: None,
                            revision: 0,
                            extra: Extra::new(),
                        }));
                }
                if !weighting.ranking.is_empty()
                    || weighting.method == WeightingMethod::RankOrderCentroid
                {
                    weighting.ranking.push(id.clone());
                }
                if !weighting.swing.is_empty() || weighting.method == WeightingMethod::Swing {
                    weighting.swing.insert(id.clone(), NEW_SWING_POINTS);
                }
            }
            let inverse = Edit::Batch {
                edits: vec![
                    Edit::RemoveCriterion { id },
                    Edit::SetWeights {
                        weights: old_weights,
                    },
                    Edit::SetWeighting {
                        category,
                        weighting: old_weighting,
                    },
                ],
            };
            Ok((inverse, Touched::Scorecard))
        }
        Edit::RemoveCriterion { id } => {
            let (parent, index) =
                locate(&scorecard.criteria, id).ok_or_else(|| no_criterion("id", id))?;
            let category = parent.clone().unwrap_or_default();
            let old_weighting = weighting_slot(scorecard, &category).and_then(|w| w.clone());
            let siblings =
                siblings_mut(scorecard, parent.as_deref()).ok_or_else(|| no_criterion("id", id))?;
            let old_weights = weights_of(siblings);
            let gone = siblings.remove(index);
            let others: f64 = siblings.iter().map(|c| c.weight).sum();
            if others > 0.0 && others.is_finite() {
                for sibling in siblings.iter_mut() {
                    sibling.weight = round_weight(sibling.weight / others * 100.0);
                }
            }
            if let Some(Some(weighting)) = weighting_slot(scorecard, &category) {
                weighting
                    .pairwise
                    .retain(|c| c.a != gone.id && c.b != gone.id);
                weighting.ranking.retain(|r| *r != gone.id);
                weighting.swing.remove(&gone.id);
            }
            let mut ids = BTreeSet::new();
            requirement_ids(&gone, &mut ids);
            let mut restore = Restore {
                undoes: Some(edit.clone()),
                weights: old_weights,
                weighting: Some((category, old_weighting)),
                ..Restore::default()
            };
            take_given(scorecard, &ids, true, &mut restore);
            restore.criterion = Some(PlacedCriterion {
                parent,
                index,
                replace: false,
                criterion: gone,
            });
            Ok((Edit::Restore(Box::new(restore)), Touched::Scorecard))
        }
        Edit::MoveCriterion { id, to } => {
            let (parent, index) =
                locate(&scorecard.criteria, id).ok_or_else(|| no_criterion("id", id))?;
            let siblings =
                siblings_mut(scorecard, parent.as_deref()).ok_or_else(|| no_criterion("id", id))?;
            if *to >= siblings.len() {
                return Err(EditError::new(
                    "to",
                    format!(
                        "There are {} criteria at this level; place {} is past the end.",
                        siblings.len(),
                        // One-based as people count; the edit's own number may be the largest.
                        u128::from(*to as u64) + 1
                    ),
                ));
            }
            if *to == index {
                return Ok((edit.clone(), Touched::Nothing));
            }
            let moving = siblings.remove(index);
            siblings.insert(*to, moving);
            Ok((
                Edit::MoveCriterion {
                    id: id.clone(),
                    to: index,
                },
                Touched::Scorecard,
            ))
        }
        Edit::RenameCriterion { id, name: given } => {
            let name = name(given, "a criterion")?;
            super::people::put_name(scorecard, super::Named::Criterion, id, name)
        }
        Edit::SetShare { id, percent } => {
            if !(percent.is_finite() && (0.0..=100.0).contains(percent)) {
                return Err(EditError::new(
                    "percent",
                    format!("Share: expected a percentage from 0 to 100, found {percent}."),
                ));
            }
            let (parent, index) =
                locate(&scorecard.criteria, id).ok_or_else(|| no_criterion("id", id))?;
            let siblings =
                siblings_mut(scorecard, parent.as_deref()).ok_or_else(|| no_criterion("id", id))?;
            let old = weights_of(siblings);
            set_share(siblings, index, *percent);
            if weights_of(siblings) == old {
                return Ok((Edit::SetWeights { weights: old }, Touched::Nothing));
            }
            Ok((Edit::SetWeights { weights: old }, Touched::Scorecard))
        }
        Edit::SetWeights { weights } => {
            if let Some(unknown) = weights
                .keys()
                .find(|id| find_criterion(&scorecard.criteria, id).is_none())
            {
                return Err(no_criterion("weights", unknown));
            }
            let mut old = BTreeMap::new();
            for (id, weight) in weights {
                if let Some(criterion) = find_mut(&mut scorecard.criteria, id) {
                    old.insert(
                        id.clone(),
                        std::mem::replace(&mut criterion.weight, *weight),
                    );
                }
            }
            let touched = if old == *weights {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((Edit::SetWeights { weights: old }, touched))
        }
        Edit::SetKind { id, kind } => {
            let rule = default_rule(kind)
                .ok_or_else(|| EditError::new("kind", format!("Kind: unknown kind “{kind}”.")))?;
            let (parent, index) =
                locate(&scorecard.criteria, id).ok_or_else(|| no_criterion("id", id))?;
            let criterion =
                find_mut(&mut scorecard.criteria, id).ok_or_else(|| no_criterion("id", id))?;
            let Some(scoring) = &criterion.scoring else {
                return Err(EditError::new(
                    "kind",
                    "A category has no kind; its requirements do.",
                ));
            };
            if scoring.kind_name() == rule.kind_name() {
                return Ok((edit.clone(), Touched::Nothing));
            }
            if let (Scoring::Choice(_), Scoring::Choice(to)) = (scoring, &rule) {
                return choice_several(scorecard, id, to.multiple);
            }
            let old = criterion.clone();
            criterion.scoring = Some(rule);
            criterion.gate = None;
            // Answers, ratings and consensus values given for the old kind mean nothing now
            // (a vendor's comment still does).
            let mut restore = Restore {
                undoes: Some(edit.clone()),
                criterion: Some(PlacedCriterion {
                    parent,
                    index,
                    replace: true,
                    criterion: old,
                }),
                ..Restore::default()
            };
            take_given(
                scorecard,
                &BTreeSet::from([id.clone()]),
                false,
                &mut restore,
            );
            Ok((Edit::Restore(Box::new(restore)), Touched::Scorecard))
        }
        Edit::SetAnchor { id, level, text } => {
            let criterion = requirement_mut(scorecard, id)?;
            let Some(Scoring::Rating(rule)) = &mut criterion.scoring else {
                return Err(EditError::new(
                    "id",
                    "Only a rating requirement has rubric anchors.",
                ));
            };
            if *level < rule.min || *level > rule.max {
                return Err(EditError::new(
                    "level",
                    format!(
                        "Level {level} is outside the scale {}–{}.",
                        rule.min, rule.max
                    ),
                ));
            }
            let old = Scoring::Rating(rule.clone());
            let kept_extra = rule
                .anchors
                .iter()
                .find(|a| a.level == *level)
                .map(|a| a.extra.clone())
                .unwrap_or_default();
            rule.anchors.retain(|a| a.level != *level);
            if !text.trim().is_empty() {
                rule.anchors.push(Anchor {
                    level: *level,
                    description: text.trim().to_owned(),
                    extra: kept_extra,
                });
                rule.anchors.sort_by_key(|a| a.level);
            }
            let touched = if criterion.scoring.as_ref() == Some(&old) {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((
                Edit::SetRule {
                    id: id.clone(),
                    rule: old,
                },
                touched,
            ))
        }
        Edit::SetRule { id, rule } => {
            let criterion = requirement_mut(scorecard, id)?;
            let old = criterion
                .scoring
                .replace(rule.clone())
                .unwrap_or_else(|| rule.clone());
            if old == *rule {
                return Ok((
                    Edit::SetRule {
                        id: id.clone(),
                        rule: old,
                    },
                    Touched::Nothing,
                ));
            }
            let mut inverse = vec![Edit::SetRule {
                id: id.clone(),
                rule: old.clone(),
            }];
            // Options a choice no longer has take with them the answers and the gate's choices
            // that named them.
            if let (Scoring::Choice(before), Scoring::Choice(after)) = (&old, rule) {
                let gone: BTreeSet<&str> = before
                    .options
                    .iter()
                    .map(|o| o.id.as_str())
                    .filter(|o| !after.options.iter().any(|n| n.id == *o))
                    .collect();
                if !gone.is_empty() {
                    drop_options(scorecard, id, &gone, &mut inverse);
                }
            }
            Ok((Edit::Batch { edits: inverse }, Touched::Scorecard))
        }
        Edit::SetGate { id, gate } => {
            let criterion = requirement_mut(scorecard, id)?;
            let old = std::mem::replace(&mut criterion.gate, gate.clone());
            let touched = if old == *gate {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((
                Edit::SetGate {
                    id: id.clone(),
                    gate: old,
                },
                touched,
            ))
        }
        Edit::SetMethod { category, method } => {
            let ids = child_ids(scorecard, category).ok_or_else(|| no_category(category))?;
            let slot = weighting_slot(scorecard, category).ok_or_else(|| no_category(category))?;
            let old = slot.clone();
            let weighting = slot.get_or_insert_with(Weighting::default);
            weighting.method = *method;
            if *method == WeightingMethod::Ahp {
                for (i, a) in ids.iter().enumerate() {
                    for b in &ids[i + 1..] {
                        let known = weighting.pairwise.iter().any(|c| {
                            c.evaluator.is_none()
                                && ((c.a == *a && c.b == *b) || (c.a == *b && c.b == *a))
                        });
                        if !known {
                            weighting.pairwise.push(Comparison {
                                a: a.clone(),
                                b: b.clone(),
                                value: 1.0,
                                evaluator: None,
                                judged_at: None,
                                revision: 0,
                                extra: Extra::new(),
                            });
                        }
                    }
                }
            }
            let touched = if *slot == old {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((
                Edit::SetWeighting {
                    category: category.clone(),
                    weighting: old,
                },
                touched,
            ))
        }
        Edit::SetJudgment {
            category,
            a,
            b,
            value,
            evaluator,
            at,
        } => {
            if !(value.is_finite() && (1.0 / 9.0 - 1e-9..=9.0 + 1e-9).contains(value)) {
                return Err(EditError::new(
                    "value",
                    format!("A judgment is on Saaty's scale from 1/9 to 9, not {value}."),
                ));
            }
            let ids = child_ids(scorecard, category).ok_or_else(|| no_category(category))?;
            if !ids.contains(a) || !ids.contains(b) || a == b {
                return Err(EditError::new(
                    "b",
                    "Compare two different children of the category.",
                ));
            }
            if let Some(evaluator) = evaluator {
                if !scorecard.evaluators.iter().any(|e| e.id == *evaluator) {
                    return Err(EditError::new(
                        "evaluator",
                        format!("No evaluator “{evaluator}” on the committee."),
                    ));
                }
            }
            let slot = weighting_slot(scorecard, category).ok_or_else(|| no_category(category))?;
            let old = slot.clone();
            let weighting = slot.get_or_insert_with(Weighting::default);
            match weighting.pairwise.iter_mut().find(|c| {
                c.evaluator == *evaluator && ((c.a == *a && c.b == *b) || (c.a == *b && c.b == *a))
            }) {
                // Kept in place (with its unknown fields), in the direction it was written.
                Some(c) => {
                    let new = if c.a == *a { *value } else { 1.0 / *value };
                    if new != c.value {
                        // A changed judgment counts over the one it replaces when merged.
                        c.revision = c.revision.checked_add(1).ok_or_else(|| {
                            EditError::new(
                                "value",
                                format!(
                                    "The judgment is at revision {}, the highest there is (set \
                                     by hand): it cannot be replaced.",
                                    c.revision
                                ),
                            )
                        })?;
                        c.judged_at = c.judged_at.max(*at);
                        c.value = new;
                    }
                }
                None => weighting.pairwise.push(Comparison {
                    a: a.clone(),
                    b: b.clone(),
                    value: *value,
                    evaluator: evaluator.clone(),
                    judged_at: *at,
                    revision: 0,
                    extra: Extra::new(),
                }),
            }
            let touched = if *slot == old {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((
                Edit::SetWeighting {
                    category: category.clone(),
                    weighting: old,
                },
                touched,
            ))
        }
        Edit::SetWeighting {
            category,
            weighting,
        } => {
            let slot = weighting_slot(scorecard, category).ok_or_else(|| no_category(category))?;
            let old = std::mem::replace(slot, weighting.clone());
            let touched = if old == *weighting {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((
                Edit::SetWeighting {
                    category: category.clone(),
                    weighting: old,
                },
                touched,
            ))
        }
        Edit::SetKnockout { policy } => {
            let old = std::mem::replace(&mut scorecard.settings.knockout, *policy);
            let touched = if old == *policy {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((Edit::SetKnockout { policy: old }, touched))
        }
        Edit::SetRandomIndex { table } => {
            let old = std::mem::replace(&mut scorecard.settings.random_index, *table);
            let touched = if old == *table {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((Edit::SetRandomIndex { table: old }, touched))
        }
        _ => unreachable!("edit::perform sends only criteria edits here"),
    }
}

/// One option or several, for a choice requirement: its options stay, and the answers follow
/// (one option becomes a list of one; a list of one becomes that option). Refused, naming the
/// vendors, when going to one option would drop a choice of several.
fn choice_several(
    scorecard: &mut Scorecard,
    id: &str,
    multiple: bool,
) -> Result<(Edit, Touched), EditError> {
    use crate::model::Answer;
    if !multiple {
        let several: Vec<&str> = scorecard
            .vendors
            .iter()
            .filter(|v| matches!(v.answers.get(id), Some(Answer::List(c)) if c.len() > 1))
            .map(|v| {
                if v.name.trim().is_empty() {
                    v.id.as_str()
                } else {
                    v.name.as_str()
                }
            })
            .collect();
        if !several.is_empty() {
            return Err(EditError::new(
                "kind",
                format!(
                    "One option only: {} chose several; change those answers first.",
                    several.join(", ")
                ),
            ));
        }
    }
    // Undone exactly: the rule as it was, and each converted answer as it was.
    let old_rule = find_criterion(&scorecard.criteria, id)
        .and_then(|c| c.scoring.clone())
        .ok_or_else(|| no_criterion("id", id))?;
    let mut inverse = vec![Edit::SetRule {
        id: id.to_owned(),
        rule: old_rule,
    }];
    for vendor in &mut scorecard.vendors {
        let converted = match vendor.answers.get(id) {
            Some(Answer::Text(chosen)) if multiple => {
                Some(Some(Answer::List(vec![chosen.clone()])))
            }
            // Nothing chosen is no answer to a choice of one.
            Some(Answer::List(chosen)) if !multiple => {
                Some(chosen.first().cloned().map(Answer::Text))
            }
            _ => None,
        };
        if let Some(answer) = converted {
            let old = match answer {
                Some(answer) => vendor.answers.insert(id.to_owned(), answer),
                None => vendor.answers.remove(id),
            };
            inverse.push(Edit::SetAnswer {
                vendor: vendor.id.clone(),
                requirement: id.to_owned(),
                answer: old,
            });
        }
    }
    if let Some(Scoring::Choice(rule)) =
        find_mut(&mut scorecard.criteria, id).and_then(|c| c.scoring.as_mut())
    {
        rule.multiple = multiple;
    }
    Ok((Edit::Batch { edits: inverse }, Touched::Scorecard))
}

/// What a rating scale `rule` would leave out of the requirement `id` — ratings, consensus
/// values, the gate's minimum, anchors — as a sentence; none when `id` is not a requirement, the
/// rule is not a scale that is valid by itself (empty, or wider than
/// [`MAX_RATING_LEVELS`](crate::validate::MAX_RATING_LEVELS): validation says why), or it
/// leaves nothing out. A person's change of scale is refused so, naming what is in the way, for
/// them to change first; undo and redo go back to a scorecard that was there and are not.
pub(super) fn scale_leaves_out(scorecard: &Scorecard, id: &str, rule: &Scoring) -> Option<String> {
    let Scoring::Rating(scale) = rule else {
        return None;
    };
    let requirement = find_criterion(&scorecard.criteria, id).filter(|c| c.is_requirement())?;
    let (low, high) = (scale.min, scale.max);
    let levels = i64::from(high) - i64::from(low);
    if !(1..=crate::validate::MAX_RATING_LEVELS).contains(&levels) {
        return None;
    }
    let outside = |level: f64| level < f64::from(low) || level > f64::from(high);
    let mut in_the_way = Vec::new();
    let ratings = scorecard
        .ratings
        .iter()
        .filter(|r| r.requirement == id && outside(r.score))
        .count();
    if ratings > 0 {
        in_the_way.push(format!("{ratings} rating(s)"));
    }
    let agreed = scorecard
        .consensus
        .iter()
        .filter(|c| c.requirement == id && outside(c.value))
        .count();
    if agreed > 0 {
        in_the_way.push(format!("{agreed} consensus value(s)"));
    }
    if let Some(Gate::AtLeast(level)) = &requirement.gate {
        if outside(*level) {
            in_the_way.push(format!(
                "the gate's minimum of {}",
                crate::typed::format_number(*level)
            ));
        }
    }
    let anchors: Vec<String> = scale
        .anchors
        .iter()
        .filter(|a| outside(f64::from(a.level)))
        .map(|a| a.level.to_string())
        .collect();
    if !anchors.is_empty() {
        in_the_way.push(format!("the anchors of level {}", anchors.join(", ")));
    }
    (!in_the_way.is_empty()).then(|| {
        format!(
            "The scale {low}–{high} would leave out {}; change those first.",
            in_the_way.join(", ")
        )
    })
}

/// Take the options `gone` out of the answers to the choice requirement `id` and out of its gate
/// (no gate when none of its options is left), adding what undoes that to `inverse`.
fn drop_options(
    scorecard: &mut Scorecard,
    id: &str,
    gone: &BTreeSet<&str>,
    inverse: &mut Vec<Edit>,
) {
    use crate::model::{Answer, Gate};
    if let Some(criterion) = find_mut(&mut scorecard.criteria, id) {
        if let Some(Gate::AnyOf(ids)) = &criterion.gate {
            let kept: Vec<String> = ids
                .iter()
                .filter(|o| !gone.contains(o.as_str()))
                .cloned()
                .collect();
            if kept.len() != ids.len() {
                let new_gate = (!kept.is_empty()).then_some(Gate::AnyOf(kept));
                let old_gate = std::mem::replace(&mut criterion.gate, new_gate);
                inverse.push(Edit::SetGate {
                    id: id.to_owned(),
                    gate: old_gate,
                });
            }
        }
    }
    for vendor in &mut scorecard.vendors {
        let changed = match vendor.answers.get(id) {
            Some(Answer::Text(chosen)) if gone.contains(chosen.as_str()) => Some(None),
            Some(Answer::List(chosen)) if chosen.iter().any(|o| gone.contains(o.as_str())) => {
                Some(Some(Answer::List(
                    chosen
                        .iter()
                        .filter(|o| !gone.contains(o.as_str()))
                        .cloned()
                        .collect(),
                )))
            }
            _ => None,
        };
        if let Some(answer) = changed {
            let old = match answer {
                Some(answer) => vendor.answers.insert(id.to_owned(), answer),
                None => vendor.answers.remove(id),
            };
            inverse.push(Edit::SetAnswer {
                vendor: vendor.id.clone(),
                requirement: id.to_owned(),
                answer: old,
            });
        }
    }
}

fn no_category(id: &str) -> EditError {
    EditError::new("category", format!("There is no category “{id}”."))
}

/// Put back what a removal took. Everything is checked before anything changes.
pub(super) fn restore(
    scorecard: &mut Scorecard,
    restore: &Restore,
) -> Result<(Edit, Touched), EditError> {
    let undoes = restore
        .undoes
        .clone()
        .ok_or_else(|| EditError::new("undoes", "A restore names the edit it undoes."))?;
    let bad = |what: &str| {
        EditError::new(
            what,
            format!("The {what} to put back no longer fit the scorecard."),
        )
    };
    // Check.
    if let Some(placed) = &restore.criterion {
        let siblings = match placed.parent.as_deref() {
            None => &scorecard.criteria,
            Some(parent) => {
                &find_criterion(&scorecard.criteria, parent)
                    .filter(|c| !c.is_requirement())
                    .ok_or_else(|| bad("criterion"))?
                    .children
            }
        };
        let fits = if placed.replace {
            placed.index < siblings.len()
        } else {
            placed.index <= siblings.len()
        };
        if !fits {
            return Err(bad("criterion"));
        }
    }
    let restored_ids = {
        let mut ids = BTreeSet::new();
        if let Some(placed) = &restore.criterion {
            crate::tree::walk(
                std::slice::from_ref(&placed.criterion),
                &mut |node, _, _| {
                    ids.insert(node.id.clone());
                },
            );
        }
        ids
    };
    if restore
        .weights
        .keys()
        .any(|id| !restored_ids.contains(id) && find_criterion(&scorecard.criteria, id).is_none())
    {
        return Err(bad("weights"));
    }
    let category_known = |category: &str| {
        category.is_empty()
            || restored_ids.contains(category)
            || find_criterion(&scorecard.criteria, category).is_some_and(|c| !c.is_requirement())
    };
    if let Some((category, _)) = &restore.weighting {
        if !category_known(category) {
            return Err(bad("weighting"));
        }
    }
    if restore
        .judgments
        .iter()
        .map(|(category, _, _)| category)
        .chain(restore.all_weightings.iter().map(|(category, _)| category))
        .any(|category| !category_known(category))
    {
        return Err(bad("judgments"));
    }
    if restore
        .vendor
        .as_ref()
        .is_some_and(|(i, _)| *i > scorecard.vendors.len())
        || restore
            .evaluator
            .as_ref()
            .is_some_and(|(i, _)| *i > scorecard.evaluators.len())
    {
        return Err(bad("vendor or evaluator"));
    }
    let vendor_known = |id: &str| {
        scorecard.vendors.iter().any(|v| v.id == id)
            || restore.vendor.as_ref().is_some_and(|(_, v)| v.id == id)
    };
    if restore.answers.iter().any(|(v, _, _)| !vendor_known(v))
        || restore.comments.iter().any(|(v, _, _)| !vendor_known(v))
    {
        return Err(bad("answers"));
    }
    let fits_in_order = |indices: &mut dyn Iterator<Item = usize>, len: usize| {
        let mut previous = None;
        indices.enumerate().all(|(n, index)| {
            let ok = index <= len + n && previous.is_none_or(|p| index > p);
            previous = Some(index);
            ok
        })
    };
    if !fits_in_order(
        &mut restore.ratings.iter().map(|(i, _)| *i),
        scorecard.ratings.len(),
    ) {
        return Err(bad("ratings"));
    }
    if !fits_in_order(
        &mut restore.consensus.iter().map(|(i, _)| *i),
        scorecard.consensus.len(),
    ) {
        return Err(bad("consensus values"));
    }
    // What it touches: ratings added at the end alone can be scored incrementally.
    let ratings_before = scorecard.ratings.len();
    let only_ratings = restore.criterion.is_none()
        && restore.weights.is_empty()
        && restore.weighting.is_none()
        && restore.vendor.is_none()
        && restore.evaluator.is_none()
        && restore.answers.is_empty()
        && restore.comments.is_empty()
        && restore.consensus.is_empty()
        && restore.judgments.is_empty()
        && restore.all_weightings.is_empty()
        && restore.all_ratings.is_none()
        && restore.all_evaluators.is_none();
    let touched = if only_ratings && restore.ratings.is_empty() {
        Touched::Nothing
    } else if only_ratings && restore.ratings.iter().all(|(i, _)| *i >= ratings_before) {
        Touched::Ratings(restore.ratings.iter().map(|(i, _)| *i).collect())
    } else {
        Touched::Scorecard
    };
    // Change.
    if let Some(ratings) = &restore.all_ratings {
        scorecard.ratings = ratings.clone();
    }
    if let Some(evaluators) = &restore.all_evaluators {
        scorecard.evaluators = evaluators.clone();
    }
    if let Some(placed) = &restore.criterion {
        if let Some(siblings) = siblings_mut(scorecard, placed.parent.as_deref()) {
            if placed.replace {
                siblings[placed.index] = placed.criterion.clone();
            } else {
                siblings.insert(placed.index, placed.criterion.clone());
            }
        }
    }
    for (id, weight) in &restore.weights {
        if let Some(criterion) = find_mut(&mut scorecard.criteria, id) {
            criterion.weight = *weight;
        }
    }
    if let Some((category, weighting)) = &restore.weighting {
        if let Some(slot) = weighting_slot(scorecard, category) {
            *slot = weighting.clone();
        }
    }
    if let Some((index, vendor)) = &restore.vendor {
        scorecard.vendors.insert(*index, vendor.clone());
    }
    if let Some((index, evaluator)) = &restore.evaluator {
        scorecard.evaluators.insert(*index, evaluator.clone());
    }
    for (vendor, requirement, answer) in &restore.answers {
        if let Some(v) = scorecard.vendors.iter_mut().find(|v| v.id == *vendor) {
            v.answers.insert(requirement.clone(), answer.clone());
        }
    }
    for (vendor, requirement, text) in &restore.comments {
        if let Some(v) = scorecard.vendors.iter_mut().find(|v| v.id == *vendor) {
            v.comments.insert(requirement.clone(), text.clone());
        }
    }
    for (index, rating) in &restore.ratings {
        scorecard.ratings.insert(*index, rating.clone());
    }
    for (index, consensus) in &restore.consensus {
        scorecard.consensus.insert(*index, consensus.clone());
    }
    for (category, weighting) in &restore.all_weightings {
        if let Some(slot) = weighting_slot(scorecard, category) {
            *slot = weighting.clone();
        }
    }
    for (category, index, comparison) in &restore.judgments {
        if let Some(slot) = weighting_slot(scorecard, category) {
            let pairwise = &mut slot.get_or_insert_with(Weighting::default).pairwise;
            pairwise.insert((*index).min(pairwise.len()), comparison.clone());
        }
    }
    Ok((undoes, touched))
}
