//! Edits of the vendors (and their answers) and of the committee's roster.

use super::criteria::take_where;
use super::{Edit, EditError, Named, Restore, Touched, name};
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
            let taken = |id: &str| vendor_id_taken(scorecard, id);
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
            put_name(scorecard, Named::Vendor, id, name)
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
            let text = Some(text.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
            put_comment(scorecard, vendor, requirement, text)
        }
        Edit::PutComment {
            vendor,
            requirement,
            text,
        } => put_comment(scorecard, vendor, requirement, text.clone()),
        Edit::AddEvaluator { name: given, role } => {
            let name = name(given, "an evaluator")?;
            // An id ratings still name (of an evaluator no longer in the file) is not reused:
            // the new evaluator would take those ratings, and undoing the addition drop them.
            let id = super::new_id(&name, None, "evaluator", &|id| {
                scorecard.evaluators.iter().any(|e| e.id == id)
                    || scorecard.ratings.iter().any(|r| r.evaluator == id)
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
            put_name(scorecard, Named::Evaluator, id, name)
        }
        Edit::SetRole { id, role } => put_role(scorecard, id, role.trim()),
        Edit::PutRole { id, role } => put_role(scorecard, id, role),
        Edit::PutName { of, id, name } => put_name(scorecard, *of, id, name.clone()),
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
                judgments: super::criteria::take_judgments(scorecard, &|c| {
                    c.evaluator.as_deref() != Some(id.as_str())
                }),
                ..Restore::default()
            };
            Ok((Edit::Restore(Box::new(restore)), Touched::Scorecard))
        }
        Edit::Attest {
            evaluator,
            no_conflict,
            date,
        } => {
            let date = date.trim();
            if *no_conflict && !date.is_empty() {
                crate::stamp::check_attestation_date(date)
                    .map_err(|problem| EditError::new("date", problem))?;
            }
            let attestation = no_conflict.then(|| Attestation {
                no_conflict: true,
                date: date.to_owned(),
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

/// Put a name in place exactly (a rename checked its name before): the inverse puts the old
/// one back the same way, so undoing a rename never fails, whatever the old name was.
pub(super) fn put_name(
    scorecard: &mut Scorecard,
    of: Named,
    id: &str,
    name: String,
) -> Result<(Edit, Touched), EditError> {
    let slot = match of {
        Named::Criterion => {
            &mut super::criteria::find_mut(&mut scorecard.criteria, id)
                .ok_or_else(|| EditError::new("id", format!("There is no criterion “{id}”.")))?
                .name
        }
        Named::Vendor => &mut vendor_mut(scorecard, "id", id)?.name,
        Named::Evaluator => &mut evaluator_mut(scorecard, "id", id)?.name,
    };
    let touched = if *slot == name {
        Touched::Nothing
    } else {
        Touched::Scorecard
    };
    let old = std::mem::replace(slot, name);
    Ok((
        Edit::PutName {
            of,
            id: id.to_owned(),
            name: old,
        },
        touched,
    ))
}

fn put_role(scorecard: &mut Scorecard, id: &str, role: &str) -> Result<(Edit, Touched), EditError> {
    let evaluator = evaluator_mut(scorecard, "id", id)?;
    let touched = if evaluator.role == role {
        Touched::Nothing
    } else {
        Touched::Scorecard
    };
    let old = std::mem::replace(&mut evaluator.role, role.to_owned());
    Ok((
        Edit::PutRole {
            id: id.to_owned(),
            role: old,
        },
        touched,
    ))
}

fn put_comment(
    scorecard: &mut Scorecard,
    vendor: &str,
    requirement: &str,
    text: Option<String>,
) -> Result<(Edit, Touched), EditError> {
    let v = vendor_mut(scorecard, "vendor", vendor)?;
    let old = match &text {
        Some(text) => v.comments.insert(requirement.to_owned(), text.clone()),
        None => v.comments.remove(requirement),
    };
    let touched = if old == text {
        Touched::Nothing
    } else {
        Touched::Scorecard
    };
    Ok((
        Edit::PutComment {
            vendor: vendor.to_owned(),
            requirement: requirement.to_owned(),
            text: old,
        },
        touched,
    ))
}

/// Whether a new vendor may not take `id`: a vendor has it, or ratings or consensus values still
/// name it (of a vendor no longer in the file — the new vendor would take them, and undoing the
/// addition drop them).
pub(super) fn vendor_id_taken(scorecard: &Scorecard, id: &str) -> bool {
    scorecard.vendors.iter().any(|v| v.id == id)
        || scorecard.ratings.iter().any(|r| r.vendor == id)
        || scorecard.consensus.iter().any(|c| c.vendor == id)
}
