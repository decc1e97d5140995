//! Edits of the criteria tree's shape, as pure functions on a scorecard: adding a requirement or
//! a category, removing a criterion with everything that refers to it, moving one among its
//! siblings. Shares among siblings stay summing to 100 (as [`crate::matrix_edit`] keeps them),
//! and a parent weighed by AHP, rank order or SWING gets the data its new child needs, so the
//! result stays valid for `rfp-core`.

use std::collections::BTreeSet;

use rfp_core::{Comparison, Criterion, Extra, Scorecard, Weighting, WeightingMethod};

use crate::matrix_edit::{FieldProblem, at, default_rule, set_share, siblings_mut};

/// SWING points a new child gets when its parent is weighed by SWING (halfway on the 0–100 scale).
pub const NEW_SWING_POINTS: f64 = 50.0;

/// The element id of the name field of the "add" form under `parent` (the top level: `top`).
pub fn new_name_field(scorecard: &Scorecard, parent: &[usize]) -> String {
    let owner = at(&scorecard.criteria, parent).map_or("top", |c| c.id.as_str());
    format!("new-name-{owner}")
}

/// Every id in use: the tree's, and requirement ids that answers, comments, ratings or consensus
/// values still name (a new criterion must not pick up someone's stray answer).
fn ids_in_use(scorecard: &Scorecard) -> BTreeSet<String> {
    fn tree(criteria: &[Criterion], out: &mut BTreeSet<String>) {
        for criterion in criteria {
            out.insert(criterion.id.clone());
            tree(&criterion.children, out);
        }
    }
    let mut ids = BTreeSet::new();
    tree(&scorecard.criteria, &mut ids);
    for vendor in &scorecard.vendors {
        ids.extend(vendor.answers.keys().cloned());
        ids.extend(vendor.comments.keys().cloned());
    }
    ids.extend(scorecard.ratings.iter().map(|r| r.requirement.to_string()));
    ids.extend(scorecard.consensus.iter().map(|c| c.requirement.clone()));
    ids
}

/// A new id from the name, under the parent's id (`parent.slug`), with `_2`, `_3` … when taken.
pub fn new_id(taken: &BTreeSet<String>, parent_id: Option<&str>, name: &str) -> String {
    let slug = match rfp_core::csv_io::slug(name) {
        slug if slug.is_empty() => "criterion".to_owned(),
        slug => slug,
    };
    let base = match parent_id {
        Some(parent) => format!("{parent}.{slug}"),
        None => slug,
    };
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}_{n}")
            }
        })
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

/// The weighting of the children of the category at `parent` (the top level: `settings`).
fn weighting_of<'a>(scorecard: &'a mut Scorecard, parent: &[usize]) -> Option<&'a mut Weighting> {
    if parent.is_empty() {
        return scorecard.settings.top_weighting.as_mut();
    }
    let mut criteria = &mut scorecard.criteria;
    let (last, rest) = parent.split_last()?;
    for &i in rest {
        criteria = &mut criteria.get_mut(i)?.children;
    }
    criteria.get_mut(*last)?.weighting.as_mut()
}

/// Add a requirement of `kind` (`yes_no`, `choice`, `numeric`, `rating`, `price`) or, for
/// `category`, a sub-category, named `name`, as the last child of the category at `parent`
/// (the top level when empty). It gets an equal share; the siblings keep their proportions.
pub fn add(
    scorecard: &Scorecard,
    parent: &[usize],
    name: &str,
    kind: &str,
) -> Result<Scorecard, FieldProblem> {
    let field = new_name_field(scorecard, parent);
    let name = name.trim();
    if name.is_empty() {
        return Err(FieldProblem::new(
            field,
            "Name: a new criterion needs a name.",
            name,
        ));
    }
    let parent_id = match parent {
        [] => None,
        _ => match at(&scorecard.criteria, parent) {
            Some(c) if !c.is_requirement() => Some(c.id.clone()),
            Some(_) => {
                return Err(FieldProblem::new(
                    field,
                    "A requirement has no children; add to its category.",
                    name,
                ));
            }
            None => return Err(FieldProblem::new(field, "No such category.", name)),
        },
    };
    let id = new_id(&ids_in_use(scorecard), parent_id.as_deref(), name);
    let criterion = if kind == "category" {
        Criterion::category(&id, name, 0.0, Vec::new())
    } else {
        let scoring = default_rule(kind).ok_or_else(|| {
            FieldProblem::new(
                format!("new-kind-{}", parent_id.as_deref().unwrap_or("top")),
                format!("Kind: unknown kind “{kind}”."),
                kind,
            )
        })?;
        Criterion::requirement(&id, name, 0.0, scoring)
    };
    let mut next = scorecard.clone();
    let siblings: &mut Vec<Criterion> = if parent.is_empty() {
        &mut next.criteria
    } else {
        let mut path = parent.to_vec();
        path.push(0);
        siblings_mut(&mut next.criteria, &path)
            .ok_or_else(|| FieldProblem::new(field.clone(), "No such category.", name))?
    };
    siblings.push(criterion);
    let count = siblings.len();
    set_share(siblings, count - 1, &format!("{}", 100.0 / count as f64))
        .map_err(|message| FieldProblem::new(field.clone(), message, name))?;
    let others: Vec<String> = siblings[..count - 1].iter().map(|c| c.id.clone()).collect();
    if let Some(weighting) = weighting_of(&mut next, parent) {
        if !weighting.pairwise.is_empty() || weighting.method == WeightingMethod::Ahp {
            weighting
                .pairwise
                .extend(others.iter().map(|other| Comparison {
                    a: other.clone(),
                    b: id.clone(),
                    value: 1.0,
                    extra: Extra::new(),
                }));
        }
        if !weighting.ranking.is_empty() || weighting.method == WeightingMethod::RankOrderCentroid {
            weighting.ranking.push(id.clone());
        }
        if !weighting.swing.is_empty() || weighting.method == WeightingMethod::Swing {
            weighting.swing.insert(id.clone(), NEW_SWING_POINTS);
        }
    }
    Ok(next)
}

/// What a removal took away, for the notice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Removed {
    /// The criterion's name.
    pub name: String,
    /// Requirements removed (itself, or those under it).
    pub requirements: usize,
    /// Vendors' answers and comments removed.
    pub answers: usize,
    /// Evaluators' ratings removed.
    pub ratings: usize,
    /// Consensus values removed.
    pub consensus: usize,
}

/// Remove the criterion at `path` with everything under it, and everything that refers to a
/// requirement removed: vendors' answers and comments, ratings, consensus values, and its place
/// in the parent's weighting. The siblings' shares are scaled back to summing to 100.
pub fn remove(scorecard: &Scorecard, path: &[usize]) -> Result<(Scorecard, Removed), String> {
    let mut next = scorecard.clone();
    let index = *path.last().ok_or("no criterion chosen")?;
    let siblings = siblings_mut(&mut next.criteria, path).ok_or("no such criterion")?;
    if index >= siblings.len() {
        return Err("no such criterion".into());
    }
    let gone = siblings.remove(index);
    let others: f64 = siblings.iter().map(|c| c.weight).sum();
    if others > 0.0 {
        for sibling in siblings.iter_mut() {
            sibling.weight = (sibling.weight / others * 100.0 * 1e4).round() / 1e4;
        }
    }
    let mut ids = BTreeSet::new();
    fn collect(criterion: &Criterion, out: &mut BTreeSet<String>) {
        if criterion.is_requirement() {
            out.insert(criterion.id.clone());
        }
        for child in &criterion.children {
            collect(child, out);
        }
    }
    collect(&gone, &mut ids);
    if let Some(weighting) = weighting_of(&mut next, &path[..path.len() - 1]) {
        weighting
            .pairwise
            .retain(|c| c.a != gone.id && c.b != gone.id);
        weighting.ranking.retain(|id| *id != gone.id);
        weighting.swing.remove(&gone.id);
    }
    let mut removed = Removed {
        name: gone.name.clone(),
        requirements: ids.len(),
        ..Removed::default()
    };
    for vendor in &mut next.vendors {
        let before = vendor.answers.len() + vendor.comments.len();
        vendor.answers.retain(|id, _| !ids.contains(id));
        vendor.comments.retain(|id, _| !ids.contains(id));
        removed.answers += before - vendor.answers.len() - vendor.comments.len();
    }
    let before = next.ratings.len();
    next.ratings
        .retain(|r| !ids.contains(r.requirement.as_str()));
    removed.ratings = before - next.ratings.len();
    let before = next.consensus.len();
    next.consensus.retain(|c| !ids.contains(&c.requirement));
    removed.consensus = before - next.consensus.len();
    Ok((next, removed))
}

/// Move the criterion at `path` one place up (or down) among its siblings; `None` when it is
/// already first (or last) or there is no such criterion.
pub fn shift(scorecard: &Scorecard, path: &[usize], up: bool) -> Option<Scorecard> {
    let mut next = scorecard.clone();
    let index = *path.last()?;
    let siblings = siblings_mut(&mut next.criteria, path)?;
    let other = if up { index.checked_sub(1)? } else { index + 1 };
    if index >= siblings.len() || other >= siblings.len() {
        return None;
    }
    siblings.swap(index, other);
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    use rfp_core::{Diagnostic, Severity};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn errors(scorecard: &Scorecard) -> Vec<Diagnostic> {
        rfp_core::validate(scorecard)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect()
    }

    fn share_sum(siblings: &[Criterion]) -> f64 {
        siblings.iter().map(|c| c.weight).sum()
    }

    #[test]
    fn new_ids_come_from_the_name_and_never_repeat() {
        let demo = rfp_templates::demo();
        let added = add(&demo, &[0, 0], "Care gaps!", "yes_no").expect("added");
        let again = add(&added, &[0, 0], "Care gaps", "yes_no").expect("added");
        let children = &at(&again.criteria, &[0, 0]).expect("there").children;
        let ids: Vec<&str> = children.iter().map(|c| c.id.as_str()).collect();
        // The template already has `fit.clinical.care_gaps`.
        assert!(ids.ends_with(&["fit.clinical.care_gaps_2", "fit.clinical.care_gaps_3"]));
        let top = add(&demo, &[], "Security", "category").expect("added");
        assert_eq!(top.criteria.last().expect("there").id, "security");
        assert!((share_sum(&top.criteria) - 100.0).abs() < 0.01);
        assert!(errors(&again).is_empty(), "{:?}", errors(&again));
        assert!(add(&demo, &[0], "  ", "yes_no").is_err());
        assert!(add(&demo, &[0, 0, 0], "x", "yes_no").is_err());
        assert!(add(&demo, &[0], "x", "guess").is_err());
    }

    #[test]
    fn an_added_child_gets_an_equal_share_and_ahp_judgments() {
        let demo = rfp_templates::demo();
        let ahp = crate::matrix_edit::set_method(&demo, "", WeightingMethod::Ahp).expect("ahp");
        let added = add(&ahp, &[], "Security", "category").expect("added");
        let added = add(
            &added,
            &[added.criteria.len() - 1],
            "SOC 2 report",
            "yes_no",
        )
        .expect("added");
        assert!(errors(&added).is_empty(), "{:?}", errors(&added));
        let report = rfp_core::score(&added);
        let top = report
            .weightings
            .iter()
            .find(|w| w.category_id.is_empty())
            .expect("top");
        assert_eq!(top.children.len(), demo.criteria.len() + 1);
        let security = &added.criteria[added.criteria.len() - 1];
        assert_eq!(security.children[0].id, "security.soc_2_report");
        assert_eq!(security.children[0].weight, 100.0);
    }

    #[test]
    fn removing_takes_what_refers_to_it_and_stays_valid() {
        let demo = rfp_templates::demo();
        // The category holding rated requirements with ratings and a consensus.
        let rated = demo.ratings[0].requirement.clone();
        let top = demo
            .criteria
            .iter()
            .position(|c| rated.starts_with(&format!("{}.", c.id)))
            .expect("its category");
        let (after, removed) = remove(&demo, &[top]).expect("removed");
        assert!(removed.ratings > 0 && removed.requirements > 1);
        assert!(errors(&after).is_empty(), "{:?}", errors(&after));
        assert!(
            rfp_core::validate(&after)
                .iter()
                .all(|d| !d.message.contains("unknown requirement"))
        );
        assert!((share_sum(&after.criteria) - 100.0).abs() < 0.01);
        assert!(remove(&demo, &[99]).is_err());
        // Under rank order and AHP, the parent forgets the child too.
        let ahp = crate::matrix_edit::set_method(&demo, "", WeightingMethod::Ahp).expect("ahp");
        let (after, _) = remove(&ahp, &[0]).expect("removed");
        assert!(errors(&after).is_empty(), "{:?}", errors(&after));
    }

    #[test]
    fn moving_swaps_neighbours_and_stops_at_the_ends() {
        let demo = rfp_templates::demo();
        let down = shift(&demo, &[0], false).expect("moved");
        assert_eq!(down.criteria[1].id, demo.criteria[0].id);
        assert_eq!(down.criteria[0].id, demo.criteria[1].id);
        assert!(shift(&demo, &[0], true).is_none());
        assert!(shift(&demo, &[demo.criteria.len() - 1], false).is_none());
        // The order changes nothing in the totals.
        let totals = |s: &Scorecard| -> Vec<(String, f64)> {
            let mut t: Vec<_> = rfp_core::score(s)
                .vendors
                .into_iter()
                .map(|v| (v.vendor_id, (v.total * 1e6).round()))
                .collect();
            t.sort_by(|a, b| a.0.cmp(&b.0));
            t
        };
        assert_eq!(totals(&down), totals(&demo));
    }
}
