//! The criteria tree: walking it, finding a criterion by id, its path. One home for the tree
//! helpers the validator, the scorer, the edits, the CSV sheets and the front ends use.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::model::Criterion;

/// The requirement with this id anywhere in the criteria tree (depth-first, in order), or
/// `None`. Only requirements (nodes with a scoring rule) are found, never categories.
pub fn find_requirement<'a>(criteria: &'a [Criterion], id: &str) -> Option<&'a Criterion> {
    nodes(criteria).find(|c| c.is_requirement() && c.id == id)
}

/// Depth-first, pre-order walk of a criteria tree without recursion.
pub fn nodes(criteria: &[Criterion]) -> Nodes<'_> {
    Nodes {
        stack: vec![criteria.iter()],
    }
}

/// The iterator of [`nodes`].
pub struct Nodes<'a> {
    stack: Vec<std::slice::Iter<'a, Criterion>>,
}

impl<'a> Iterator for Nodes<'a> {
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
pub(crate) fn requirements_with_path(criteria: &[Criterion]) -> Vec<(String, &Criterion)> {
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

/// Visit every node depth-first with its JSON path (`criteria[2].children[0]`).
pub fn walk<'a>(criteria: &'a [Criterion], visit: &mut dyn FnMut(&'a Criterion, &str, usize)) {
    // One buffer holds the path, written in place as the walk goes down and cut back as it
    // comes up: no string is allocated per node (the scorer and `validate` walk every tree).
    fn go<'a>(
        nodes: &'a [Criterion],
        path: &mut String,
        depth: usize,
        visit: &mut dyn FnMut(&'a Criterion, &str, usize),
    ) {
        use std::fmt::Write as _;
        let prefix = path.len();
        for (i, node) in nodes.iter().enumerate() {
            path.truncate(prefix);
            // Writing to a String cannot fail.
            let _ = write!(path, "[{i}]");
            visit(node, path, depth);
            if !node.children.is_empty() {
                let own = path.len();
                path.push_str(".children");
                go(&node.children, path, depth + 1, visit);
                path.truncate(own);
            }
        }
        path.truncate(prefix);
    }
    let mut path = String::from("criteria");
    go(criteria, &mut path, 0, visit);
}

/// Every requirement of the tree by id (the first one when ids repeat).
pub fn requirements_by_id(criteria: &[Criterion]) -> HashMap<&str, &Criterion> {
    fast_requirements_by_id(criteria).into_iter().collect()
}

pub(crate) fn fast_requirements_by_id(criteria: &[Criterion]) -> FxHashMap<&str, &Criterion> {
    let mut map = FxHashMap::default();
    walk(criteria, &mut |node, _, _| {
        if node.is_requirement() {
            map.entry(node.id.as_str()).or_insert(node);
        }
    });
    map
}

/// The criterion with this id, wherever it is in the tree.
pub fn find_criterion<'a>(criteria: &'a [Criterion], id: &str) -> Option<&'a Criterion> {
    criteria.iter().find_map(|c| {
        if c.id == id {
            Some(c)
        } else {
            find_criterion(&c.children, id)
        }
    })
}

/// The path (indices from the top level down) of the criterion with this id.
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
