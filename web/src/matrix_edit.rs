//! What the Matrix view's forms send: a criterion row's edit as typed ([`Edit`]: a name, a share,
//! a kind, an anchor), which the state turns into `rfp-core`'s edit, and a refusal at a field
//! ([`FieldProblem`]). The rules of change are the core's (`rfp_core::edit`).

use rfp_core::{Criterion, Scorecard};

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

pub use rfp_core::tree::at;

/// The element id of the name field of the "add" form under `parent` (the top level: `top`).
pub fn new_name_field(scorecard: &Scorecard, parent: &[usize]) -> String {
    let owner = at(&scorecard.criteria, parent).map_or("top", |c| c.id.as_str());
    format!("new-name-{owner}")
}

/// The siblings of the criterion at `path` (its parent's children, or the top level).
pub(crate) fn siblings_mut<'a>(
    criteria: &'a mut Vec<Criterion>,
    path: &[usize],
) -> Option<&'a mut Vec<Criterion>> {
    match path {
        [] | [_] => Some(criteria),
        [first, rest @ ..] => siblings_mut(&mut criteria.get_mut(*first)?.children, rest),
    }
}

/// The judgment recorded for (a, b), as "a over b": the committee's, or an evaluator's own.
pub fn judgment(
    scorecard: &Scorecard,
    category: &str,
    a: &str,
    b: &str,
    evaluator: Option<&str>,
) -> Option<f64> {
    let weighting = if category.is_empty() {
        scorecard.settings.top_weighting.as_ref()?
    } else {
        rfp_core::tree::find_criterion(&scorecard.criteria, category)?
            .weighting
            .as_ref()?
    };
    weighting
        .pairwise
        .iter()
        .filter(|c| c.evaluator.as_deref() == evaluator)
        .find_map(|c| {
            if c.a == a && c.b == b {
                Some(c.value)
            } else if c.a == b && c.b == a && c.value != 0.0 {
                Some(1.0 / c.value)
            } else {
                None
            }
        })
}
