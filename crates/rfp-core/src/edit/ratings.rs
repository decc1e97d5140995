//! Edits of the evaluators' ratings and the committee's consensus values.
//!
//! Which of an evaluator's ratings counts is [`crate::merge::ratings_that_count`]'s rule (the
//! latest: [`Rating::precedence`]): a new rating changes that one, to the next revision and the
//! time the edit carries.

use std::collections::BTreeMap;

use super::criteria::take_where;
use super::{Edit, EditError, Restore, Touched};
use crate::model::{Consensus, Extra, Rating, Scorecard};

pub(super) fn perform(
    scorecard: &mut Scorecard,
    edit: &Edit,
) -> Result<(Edit, Touched), EditError> {
    match edit {
        Edit::Rate {
            evaluator,
            vendor,
            requirement,
            score,
            note,
            at,
        } => {
            if !scorecard.evaluators.iter().any(|e| e.id == *evaluator) {
                return Err(EditError::new(
                    "evaluator",
                    format!("There is no evaluator “{evaluator}”."),
                ));
            }
            if !scorecard.vendors.iter().any(|v| v.id == *vendor) {
                return Err(EditError::new(
                    "vendor",
                    format!("There is no vendor “{vendor}”."),
                ));
            }
            let counting = crate::merge::ratings_that_count(scorecard, evaluator, vendor)
                .get(requirement.as_str())
                .copied();
            match counting {
                Some(counting) => {
                    let rating = &mut scorecard.ratings[counting.index];
                    let unchanged = rating.score == *score && rating.note == note.as_str();
                    if counting.alone && unchanged {
                        return Ok((edit.clone(), Touched::Nothing));
                    }
                    let (revision, rated_at) = crate::merge::replace_rating(rating, *at)
                        .map_err(|why| EditError::new("revision", format!("Rating: {why}.")))?;
                    let old = rating.clone();
                    rating.score = *score;
                    rating.note = note.as_str().into();
                    rating.revision = revision;
                    rating.rated_at = rated_at;
                    Ok((
                        Edit::PutRating {
                            index: counting.index,
                            rating: old,
                        },
                        Touched::Ratings(vec![counting.index]),
                    ))
                }
                None => {
                    let index = scorecard.ratings.len();
                    scorecard.ratings.push(Rating {
                        evaluator: evaluator.as_str().into(),
                        vendor: vendor.as_str().into(),
                        requirement: requirement.as_str().into(),
                        score: *score,
                        note: note.as_str().into(),
                        revision: 1,
                        rated_at: *at,
                        extra: Extra::new(),
                    });
                    Ok((
                        Edit::ClearRating {
                            evaluator: evaluator.clone(),
                            vendor: vendor.clone(),
                            requirement: requirement.clone(),
                        },
                        Touched::Ratings(vec![index]),
                    ))
                }
            }
        }
        Edit::ClearRating {
            evaluator,
            vendor,
            requirement,
        } => {
            let ratings = take_where(&mut scorecard.ratings, |r| {
                r.evaluator == evaluator.as_str()
                    && r.vendor == vendor.as_str()
                    && r.requirement == requirement.as_str()
            });
            let touched = if ratings.is_empty() {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            let restore = Restore {
                undoes: Some(edit.clone()),
                ratings,
                ..Restore::default()
            };
            Ok((Edit::Restore(Box::new(restore)), touched))
        }
        Edit::PutRating { index, rating } => {
            let slot = scorecard.ratings.get_mut(*index).ok_or_else(|| {
                EditError::new("index", format!("There is no rating at index {index}."))
            })?;
            let old = std::mem::replace(slot, rating.clone());
            let touched = if old == *rating {
                Touched::Nothing
            } else {
                Touched::Ratings(vec![*index])
            };
            Ok((
                Edit::PutRating {
                    index: *index,
                    rating: old,
                },
                touched,
            ))
        }
        Edit::SetConsensus {
            vendor,
            requirement,
            value,
            rationale,
        } => {
            let rationale = rationale.trim();
            // What the committee agreed on: the ratings as they count now. Setting the value
            // again after they changed confirms it against the new ratings.
            let basis: BTreeMap<String, f64> =
                crate::score::cell_levels(scorecard, vendor, requirement)
                    .into_iter()
                    .collect();
            match scorecard
                .consensus
                .iter()
                .position(|c| c.vendor == *vendor && c.requirement == *requirement)
            {
                Some(index) => {
                    let consensus = &mut scorecard.consensus[index];
                    if consensus.value == *value
                        && consensus.rationale == rationale
                        && consensus.basis == basis
                    {
                        return Ok((edit.clone(), Touched::Nothing));
                    }
                    let old = consensus.clone();
                    consensus.value = *value;
                    consensus.rationale = rationale.to_owned();
                    consensus.basis = basis;
                    Ok((
                        Edit::PutConsensus {
                            index,
                            consensus: old,
                        },
                        Touched::Scorecard,
                    ))
                }
                None => {
                    scorecard.consensus.push(Consensus {
                        vendor: vendor.clone(),
                        requirement: requirement.clone(),
                        value: *value,
                        rationale: rationale.to_owned(),
                        basis,
                        extra: Extra::new(),
                    });
                    Ok((
                        Edit::ClearConsensus {
                            vendor: vendor.clone(),
                            requirement: requirement.clone(),
                        },
                        Touched::Scorecard,
                    ))
                }
            }
        }
        Edit::ClearConsensus {
            vendor,
            requirement,
        } => {
            let consensus = take_where(&mut scorecard.consensus, |c| {
                c.vendor == *vendor && c.requirement == *requirement
            });
            let touched = if consensus.is_empty() {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            let restore = Restore {
                undoes: Some(edit.clone()),
                consensus,
                ..Restore::default()
            };
            Ok((Edit::Restore(Box::new(restore)), touched))
        }
        Edit::PutConsensus { index, consensus } => {
            let slot = scorecard.consensus.get_mut(*index).ok_or_else(|| {
                EditError::new(
                    "index",
                    format!("There is no consensus value at index {index}."),
                )
            })?;
            let old = std::mem::replace(slot, consensus.clone());
            let touched = if old == *consensus {
                Touched::Nothing
            } else {
                Touched::Scorecard
            };
            Ok((
                Edit::PutConsensus {
                    index: *index,
                    consensus: old,
                },
                touched,
            ))
        }
        _ => unreachable!("edit::perform sends only rating and consensus edits here"),
    }
}
