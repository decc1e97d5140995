//! Edits of the vendors (and their answers) and of the committee's roster.

use super::criteria::take_where;
use super::{Edit, EditError, Restore, Touched, name};
use crate::model::{Attestation, Evaluator, Extra, Scorecard, Vendor};
use crate::vocabulary::ATTESTATION_STATEMENT;

fn no_vendor(field: &str, id: &str) -> EditError {
    EditError::new(field, format!("There is no vendor “{id}”."))
}

fn no_evaluator(field: &str, id: &str) -> EditError {
    EditError::new(field, format!("There is no evaluator “{id}”."))
}

fn vendor_mut<'a>(
    scorecard: &'a mut Scorecard,
    field: &str,
    id: &str,
) -> Result<&'a mut Vendor, EditError> {
    scorecard
        .vendors
        .iter_mut()
        .find(|v| v.id == id)
        .ok_or_else(|| no_vendor(field, id))
}

fn evaluator_mut<'a>(
    scorecard: &'a mut Scorecard,
    field: &str,
    id: &str,
) -> Result<&'a mut Evaluator, EditError> {
    scorecard
        .evaluators
        .iter_mut()
        .find(|e| e.id == id)
        .ok_or_else(|| no_evaluator(field, id))
}

pub(super) fn perform(
    scorecard: &mut Scorecard,
    edit: &Edit,
) -> Result<(Edit, Touched), EditError> {
    match edit {
        Edit::AddVendor { name: given, id } => {
            let name = name(given, "a vendor")?;
            let taken = |id: &str| scorecard.vendors.iter().any(|v| v.id == id);
            let id = match id.as_deref().map(str::trim) {
                None => super::new_id(&name, None, "vendor", &taken),
                Some("") => return Err(EditError::new("id", "A vendor's id cannot be empty.")),
                Some(id) if taken(id) => {
                    return Err(EditError::new(
                        "id",
                        format!("The vendor id “{id}” is taken."),
                    ));
                }
                Some(id) => id.to_owned(),
            };
            scorecard.vendors.push(Vendor {
                id: id.clone(),
                name,
                ..Vendor::default()
            });
            Ok((Edit::RemoveVendor { id }, Touched::Scorecard))
        }
        Edit::RenameVendor { id, name: given } => {
            let name = name(given, "a vendor")?;
            let vendor = vendor_mut(scorecard, "id", id)?;
            if vendor.name == name {
                return Ok((edit.clone(), Touched::Nothing));
            }
            let old = std::mem::replace(&mut vendor.name, name);
            Ok((
                Edit::RenameVendor {
                    id: id.clone(),
                    name: old,
                },
                Touched::Scorecard,
            ))
        }
        Edit::RemoveVendor { id } => {
            let index = scorecard
                .vendors
                .iter()
                .position(|v| v.id == *id)
                .ok_or_else(|| no_vendor("id", id))?;
            let vendor = scorecard.vendors.remove(index);
            let restore = Restore {
                undoes: Some(edit.clone()),
                vendor: Some((index, vendor)),
                ratings: take_where(&mut scorecard.ratings, |r| r.vendor == id.as_str()),
                consensus: take_where(&mut scorecard.consensus, |c| c.vendor == *id),
                ..Restore::default()
            };
            Ok((Edit::Restore(Box::new(restore)), Touched::Scorecard))
        }
        Edit::SetAnswer {
            vendor,
            requirement,
            answer,
        } => {
            let v = vendor_mut(scorecard, "vendor", vendor)?;
            let old = match answer {
                Some(answer) => v.answers.insert(requirement.clone(), answer.clone()),
                None => v.answers.remove(requirement),
            };
            let touched = if old == *answer {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((
                Edit::SetAnswer {
                    vendor: vendor.clone(),
                    requirement: requirement.clone(),
                    answer: old,
                },
                touched,
            ))
        }
        Edit::SetComment {
            vendor,
            requirement,
            text,
        } => {
            let v = vendor_mut(scorecard, "vendor", vendor)?;
            let text = text.trim();
            let old = if text.is_empty() {
                v.comments.remove(requirement)
            } else {
                v.comments.insert(requirement.clone(), text.to_owned())
            };
            let touched = if old.as_deref().unwrap_or("") == text {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((
                Edit::SetComment {
                    vendor: vendor.clone(),
                    requirement: requirement.clone(),
                    text: old.unwrap_or_default(),
                },
                touched,
            ))
        }
        Edit::AddEvaluator { name: given, role } => {
            let name = name(given, "an evaluator")?;
            let id = super::new_id(&name, None, "evaluator", &|id| {
                scorecard.evaluators.iter().any(|e| e.id == id)
            });
            scorecard.evaluators.push(Evaluator {
                id: id.clone(),
                name,
                role: role.trim().to_owned(),
                attestation: None,
                extra: Extra::new(),
            });
            Ok((Edit::RemoveEvaluator { id }, Touched::Scorecard))
        }
        Edit::RenameEvaluator { id, name: given } => {
            let name = name(given, "an evaluator")?;
            let evaluator = evaluator_mut(scorecard, "id", id)?;
            if evaluator.name == name {
                return Ok((edit.clone(), Touched::Nothing));
            }
            let old = std::mem::replace(&mut evaluator.name, name);
            Ok((
                Edit::RenameEvaluator {
                    id: id.clone(),
                    name: old,
                },
                Touched::Scorecard,
            ))
        }
        Edit::SetRole { id, role } => {
            let evaluator = evaluator_mut(scorecard, "id", id)?;
            let role = role.trim();
            if evaluator.role == role {
                return Ok((edit.clone(), Touched::Nothing));
            }
            let old = std::mem::replace(&mut evaluator.role, role.to_owned());
            Ok((
                Edit::SetRole {
                    id: id.clone(),
                    role: old,
                },
                Touched::Scorecard,
            ))
        }
        Edit::RemoveEvaluator { id } => {
            let index = scorecard
                .evaluators
                .iter()
                .position(|e| e.id == *id)
                .ok_or_else(|| no_evaluator("id", id))?;
            let evaluator = scorecard.evaluators.remove(index);
            let restore = Restore {
                undoes: Some(edit.clone()),
                evaluator: Some((index, evaluator)),
                ratings: take_where(&mut scorecard.ratings, |r| r.evaluator == id.as_str()),
                ..Restore::default()
            };
            Ok((Edit::Restore(Box::new(restore)), Touched::Scorecard))
        }
        Edit::Attest {
            evaluator,
            no_conflict,
            date,
        } => {
            let attestation = no_conflict.then(|| Attestation {
                no_conflict: true,
                date: date.trim().to_owned(),
                statement: ATTESTATION_STATEMENT.to_owned(),
                extra: Extra::new(),
            });
            put_attestation(scorecard, evaluator, attestation)
        }
        Edit::PutAttestation {
            evaluator,
            attestation,
        } => put_attestation(scorecard, evaluator, attestation.clone()),
        _ => unreachable!("edit::perform sends only vendor and roster edits here"),
    }
}

fn put_attestation(
    scorecard: &mut Scorecard,
    evaluator: &str,
    attestation: Option<Attestation>,
) -> Result<(Edit, Touched), EditError> {
    let e = evaluator_mut(scorecard, "evaluator", evaluator)?;
    let old = std::mem::replace(&mut e.attestation, attestation);
    let touched = if old == e.attestation {
        Touched::Nothing
    } else {
        Touched::Scorecard
    };
    Ok((
        Edit::PutAttestation {
            evaluator: evaluator.to_owned(),
            attestation: old,
        },
        touched,
    ))
}
