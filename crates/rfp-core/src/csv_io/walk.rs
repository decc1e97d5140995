//! Walking the criteria tree.

use crate::model::Criterion;

/// The requirement with this id anywhere in the criteria tree (depth-first, in order), or
/// `None`. Only requirements (nodes with a scoring rule) are found, never categories.
pub fn find_requirement<'a>(criteria: &'a [Criterion], id: &str) -> Option<&'a Criterion> {
    walk(criteria).find(|c| c.is_requirement() && c.id == id)
}

/// Depth-first, pre-order walk of a criteria tree without recursion.
pub(crate) fn walk(criteria: &[Criterion]) -> Walk<'_> {
    Walk {
        stack: vec![criteria.iter()],
    }
}

pub(crate) struct Walk<'a> {
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
pub(super) fn requirements_with_path(criteria: &[Criterion]) -> Vec<(String, &Criterion)> {
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
