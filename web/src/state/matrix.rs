//! Editing the criteria: weights typed in, the tree (add, move, remove), the rule forms and the
//! knockout policy — each turned into the core's edits.

use super::*;

impl State {
    pub(super) fn set_top_weight(&self, index: usize, text: &str) -> State {
        let Some(criterion) = self.scorecard.criteria.get(index) else {
            return self.clone();
        };
        match parse_weight(text) {
            Ok(weight) => self.edit(&Edit::SetWeights {
                weights: [(criterion.id.clone(), weight)].into(),
            }),
            Err(message) => {
                let mut next = self.clone();
                next.weight_problem = Some(WeightProblem {
                    index,
                    message: format!("Weight of {}: {message}", quoted(&criterion.name)),
                    text: text.to_owned(),
                });
                next
            }
        }
    }

    /// The id of the criterion at `path` (indices from the top level down).
    pub(super) fn criterion_id(&self, path: &[usize]) -> Option<String> {
        rfp_core::tree::at(&self.scorecard.criteria, path).map(|c| c.id.clone())
    }

    /// A form's change of one requirement (its rule, gate or answers), refused at a field or
    /// applied through the session like any change. A refusal without a message changed nothing
    /// and says nothing.
    pub(super) fn field_edit(
        &self,
        requirement: &str,
        edited: Result<Scorecard, FieldProblem>,
        refused_at: Option<crate::rule_edit::Refusal>,
    ) -> State {
        match edited {
            Ok(scorecard) => {
                let edit =
                    crate::rule_edit::requirement_edit(&self.scorecard, &scorecard, requirement);
                match refused_at {
                    // The core's refusal, said at the form's field.
                    Some(at) => self.try_edit(&edit).unwrap_or_else(|error| {
                        let at = at.of(&error);
                        State {
                            field_problem: Some(FieldProblem::new(
                                at.field,
                                refusal(at.label, &error),
                                &at.text,
                            )),
                            ..self.clone()
                        }
                    }),
                    None => self.edit(&edit),
                }
            }
            Err(problem) if problem.message.is_empty() => self.clone(),
            Err(problem) => State {
                field_problem: Some(problem),
                ..self.clone()
            },
        }
    }

    /// A rule form's change of the requirement at `path`; the core's refusal, when it refuses,
    /// is said where `refused_at` points, or as the matrix's problem.
    pub(super) fn rule_form(
        &self,
        path: &[usize],
        form: impl FnOnce(&Scorecard) -> Result<Scorecard, FieldProblem>,
        refused_at: Option<crate::rule_edit::Refusal>,
    ) -> State {
        match self.criterion_id(path) {
            Some(id) => self.field_edit(&id, form(&self.scorecard), refused_at),
            None => self.clone(),
        }
    }

    /// A new rating scale for the requirement at `path`, typed as `min` and `max`; the core
    /// refuses one that leaves anything out, and the refusal is said at the scale's field.
    pub(super) fn set_scale(&self, path: &[usize], min: &str, max: &str) -> State {
        match self.criterion_id(path) {
            Some(id) => {
                let field = crate::rule_edit::scale_field(&id);
                let edited = crate::rule_edit::set_scale(&self.scorecard, path, min, max);
                self.field_edit(
                    &id,
                    edited,
                    Some(crate::rule_edit::Refusal::at(field, "Scale", "")),
                )
            }
            None => self.clone(),
        }
    }

    pub(super) fn set_multiple(&self, path: &[usize], multiple: bool) -> State {
        let Some(id) = self.criterion_id(path) else {
            return self.clone();
        };
        let kind = if multiple {
            rfp_core::vocabulary::kind::MULTI_CHOICE
        } else {
            rfp_core::vocabulary::kind::CHOICE
        };
        let edit = Edit::SetKind {
            id: id.clone(),
            kind: kind.to_owned(),
        };
        self.try_edit(&edit).unwrap_or_else(|error| State {
            field_problem: Some(FieldProblem::new(
                format!("multiple-{id}"),
                error.message,
                "",
            )),
            ..self.clone()
        })
    }

    /// A criterion edit from the Matrix view's row (name, share, kind, anchor).
    pub(super) fn criterion_edit(&self, path: &[usize], edit: &crate::matrix_edit::Edit) -> State {
        let Some(id) = self.criterion_id(path) else {
            return self.clone();
        };
        let edit = match edit {
            crate::matrix_edit::Edit::Name(name) => Edit::RenameCriterion {
                id,
                name: name.clone(),
            },
            crate::matrix_edit::Edit::Share(text) => {
                match rfp_core::typed::number(text, NumberStyle::PERCENT) {
                    Ok(percent) => Edit::SetShare { id, percent },
                    Err(problem) => {
                        return State {
                            edit_problem: Some(format!(
                                "Share: expected a percentage from 0 to 100, found “{}”{}.",
                                text.trim(),
                                hint(&problem)
                            )),
                            ..self.clone()
                        };
                    }
                }
            }
            crate::matrix_edit::Edit::Kind(kind) => Edit::SetKind {
                id,
                kind: kind.clone(),
            },
            crate::matrix_edit::Edit::Anchor { level, text } => Edit::SetAnchor {
                id,
                level: *level,
                text: text.clone(),
            },
        };
        self.edit(&edit)
    }

    pub(super) fn add_criterion(&self, parent: &[usize], name: &str, kind: &str) -> State {
        let parent_id = match parent {
            [] => None,
            path => match self.criterion_id(path) {
                Some(id) => Some(id),
                None => return self.clone(),
            },
        };
        let edit = Edit::AddCriterion {
            parent: parent_id.clone(),
            name: name.to_owned(),
            kind: kind.to_owned(),
        };
        let added = self.try_edit(&edit).map(|mut next| {
            // A new category opens, ready for its requirements.
            if kind == "category" {
                let siblings = match &parent_id {
                    None => Some(&next.scorecard.criteria),
                    Some(id) => rfp_core::tree::find_criterion(&next.scorecard.criteria, id)
                        .map(|c| &c.children),
                };
                if let Some(new) = siblings.and_then(|list| list.last()) {
                    let id = new.id.clone();
                    Rc::make_mut(&mut next.open_categories).insert(id);
                }
            }
            next
        });
        added.unwrap_or_else(|error| {
            let owner = parent_id.as_deref().unwrap_or("top");
            let field = if error.field == "kind" {
                format!("new-kind-{owner}")
            } else {
                crate::matrix_edit::new_name_field(&self.scorecard, parent)
            };
            let text = if error.field == "kind" {
                kind
            } else {
                name.trim()
            };
            State {
                field_problem: Some(FieldProblem::new(field, error.message, text)),
                ..self.clone()
            }
        })
    }

    pub(super) fn move_criterion(&self, path: &[usize], up: bool) -> State {
        let (Some(id), Some(&index)) = (self.criterion_id(path), path.last()) else {
            return self.clone();
        };
        let Some(to) = (if up {
            index.checked_sub(1)
        } else {
            Some(index + 1)
        }) else {
            return self.clone();
        };
        self.try_edit(&Edit::MoveCriterion { id, to })
            .unwrap_or_else(|_| self.clone())
    }

    pub(super) fn remove_criterion(&self, path: &[usize]) -> State {
        let Some(criterion) = rfp_core::tree::at(&self.scorecard.criteria, path) else {
            return self.clone();
        };
        let name = criterion.name.clone();
        match self.try_edit_saying(&Edit::RemoveCriterion {
            id: criterion.id.clone(),
        }) {
            Ok((mut next, outcome)) => {
                let removed = outcome.removed.unwrap_or_default();
                next.notice = Some(format!(
                    "Removed {} ({} requirement(s)) with {} answer(s) or comment(s), {} \
                     rating(s){} and {} consensus value(s). Undo brings them back.",
                    quoted(&name),
                    removed.requirements,
                    removed.answers,
                    removed.ratings,
                    if removed.judgments > 0 {
                        format!(", {} AHP judgment(s)", removed.judgments)
                    } else {
                        String::new()
                    },
                    removed.consensus
                ));
                next
            }
            Err(error) => State {
                edit_problem: Some(error.message),
                ..self.clone()
            },
        }
    }

    pub(super) fn set_knockout(&self, policy: KnockoutPolicy) -> State {
        self.edit(&Edit::SetKnockout { policy })
    }
}

/// A refused edit said at its form's field, as the form's own problems are (`Scale: …`): the
/// core's message, or the first problem the change would have brought without its place (the
/// field is the place).
fn refusal(label: &str, error: &EditError) -> String {
    match error.diagnostics.first() {
        Some(first) => format!("{label}: {}.", first.message.trim_end_matches('.')),
        None => error.message.clone(),
    }
}
