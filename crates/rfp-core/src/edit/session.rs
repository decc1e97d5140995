//! A scorecard being worked on: its report, the parts kept for scoring again quickly, and the
//! history of inverse edits for undo and redo.
//!
//! A session is cheap to copy: the scorecard and the report are shared (`Rc`), and so are the
//! parts [`rescore`] reuses, which describe one scorecard at a time. A front end that keeps
//! immutable states (the site keeps one per change) copies the session and applies the next edit
//! to the copy: the kept parts are brought up to date in place and describe the new scorecard
//! from then on; an older copy that changes again is scored in full instead. On its own (the
//! command line, the JavaScript API) a session changes its scorecard in place.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use super::{Edit, EditError, Touched, carry, new_diagnostics, perform};
use crate::merge::MergeReport;
use crate::model::Scorecard;
use crate::score::{Prepared, Report, rescore, score_prepared};
use crate::{Diagnostic, Severity};

/// How many steps a session can undo, unless told otherwise.
pub const DEFAULT_HISTORY: usize = 50;

/// A scorecard, its report, and its undo and redo history. Every change goes through
/// [`Session::apply`] (or [`Session::replace`] for a scorecard opened anew); the report always
/// belongs to the scorecard held — equal to [`crate::score()`] of it — and a change of ratings
/// alone is scored again only where it touches.
#[derive(Debug, Clone)]
pub struct Session {
    scorecard: Rc<Scorecard>,
    report: Rc<Report>,
    kept: Rc<RefCell<Kept>>,
    undo: Vec<Rc<Step>>,
    redo: Vec<Rc<Step>>,
    history: usize,
}

/// What [`rescore`] reuses, and the scorecard it describes (a weak pointer: its address cannot
/// be reused while this is kept).
#[derive(Debug)]
struct Kept {
    scorecard: Weak<Scorecard>,
    prepared: Prepared,
}

/// One step of the history: what takes the scorecard back (or forward again).
#[derive(Debug)]
enum Step {
    /// An inverse edit.
    Edit(Edit),
    /// The whole scorecard as it was before another was opened.
    Scorecard(Rc<Scorecard>),
}

/// What [`Session::apply`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What changed ([`Touched::Nothing`]: the edit asked for what was there; no step kept).
    pub touched: Touched,
    /// Warnings the change brought (not errors: an edit adding an error is refused).
    pub warnings: Vec<Diagnostic>,
    /// What each merge of returned files ([`Edit::MergeFiles`]) did: a verdict per file, the
    /// conflicts to settle and what was new.
    pub merges: Vec<MergeReport>,
    /// What a removal of a criterion, a vendor or an evaluator took with it; none for other
    /// edits.
    pub removed: Option<super::Removed>,
}

impl PartialEq for Session {
    /// The same scorecard, report and history (by identity, not by content).
    fn eq(&self, other: &Session) -> bool {
        Rc::ptr_eq(&self.scorecard, &other.scorecard)
            && Rc::ptr_eq(&self.report, &other.report)
            && self.undo.len() == other.undo.len()
            && self.redo.len() == other.redo.len()
            && self.undo.last().map(Rc::as_ptr) == other.undo.last().map(Rc::as_ptr)
            && self.redo.last().map(Rc::as_ptr) == other.redo.last().map(Rc::as_ptr)
    }
}

impl Session {
    /// A session on `scorecard`, scored.
    pub fn new(scorecard: Scorecard) -> Session {
        Session::with_history(scorecard, DEFAULT_HISTORY)
    }

    /// A session that keeps at most `history` steps to undo.
    pub fn with_history(scorecard: Scorecard, history: usize) -> Session {
        let (report, prepared) = score_prepared(&scorecard);
        let scorecard = Rc::new(scorecard);
        Session {
            kept: Rc::new(RefCell::new(Kept {
                scorecard: Rc::downgrade(&scorecard),
                prepared,
            })),
            scorecard,
            report: Rc::new(report),
            undo: Vec::new(),
            redo: Vec::new(),
            history,
        }
    }

    /// The scorecard as it is now.
    pub fn scorecard(&self) -> &Rc<Scorecard> {
        &self.scorecard
    }

    /// Its report.
    pub fn report(&self) -> &Rc<Report> {
        &self.report
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many undone steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Whether [`Session::undo`] would bring back a scorecard replaced by another (a file
    /// opened, a template chosen) rather than undo an edit: a front end then restores what it
    /// knew of that scorecard (its file's name and notes).
    pub fn undo_replaces(&self) -> bool {
        matches!(
            self.undo.last().map(|step| &**step),
            Some(Step::Scorecard(_))
        )
    }

    /// Whether [`Session::redo`] would bring back a scorecard that replaced another.
    pub fn redo_replaces(&self) -> bool {
        matches!(
            self.redo.last().map(|step| &**step),
            Some(Step::Scorecard(_))
        )
    }

    /// The scorecard, giving up the session.
    pub fn into_scorecard(self) -> Scorecard {
        Rc::unwrap_or_clone(self.scorecard)
    }

    /// Apply `edit`: the scorecard changes and is scored again, and the edit can be undone. A
    /// refused edit (one that cannot be carried out, or would add a validation error) changes
    /// nothing.
    pub fn apply(&mut self, edit: &Edit) -> Result<Outcome, EditError> {
        super::refuse_restore(edit)?;
        let (inverse, mut outcome) = self.change(edit, true)?;
        if let (
            Edit::RemoveCriterion { .. } | Edit::RemoveVendor { .. } | Edit::RemoveEvaluator { .. },
            Edit::Restore(restore),
        ) = (edit, &inverse)
        {
            outcome.removed = Some(restore.removed());
        }
        if outcome.touched != Touched::Nothing {
            self.push_undo(Step::Edit(inverse));
            self.redo.clear();
        }
        Ok(outcome)
    }

    /// Work on another scorecard (a file opened, a template chosen): scored in full; undo
    /// brings the one before back.
    pub fn replace(&mut self, scorecard: Scorecard) {
        let previous = std::mem::replace(&mut self.scorecard, Rc::new(scorecard));
        self.score_in_full();
        self.push_undo(Step::Scorecard(previous));
        self.redo.clear();
    }

    /// Undo the last step; false when there was none.
    pub fn undo(&mut self) -> bool {
        self.step(true)
    }

    /// Redo the step undone last; false when there was none.
    pub fn redo(&mut self) -> bool {
        self.step(false)
    }

    fn push_undo(&mut self, step: Step) {
        self.undo.push(Rc::new(step));
        if self.undo.len() > self.history {
            let excess = self.undo.len() - self.history;
            self.undo.drain(..excess);
        }
    }

    fn step(&mut self, back: bool) -> bool {
        let from = if back { &mut self.undo } else { &mut self.redo };
        let Some(step) = from.pop() else {
            return false;
        };
        let reverse = match &*step {
            Step::Scorecard(scorecard) => {
                let now = std::mem::replace(&mut self.scorecard, Rc::clone(scorecard));
                self.score_in_full();
                Step::Scorecard(now)
            }
            // An inverse goes back to a scorecard that was there: it is not checked again.
            Step::Edit(edit) => match self.change(edit, false) {
                Ok((inverse, _)) => Step::Edit(inverse),
                Err(_) => {
                    // Kept, not lost: the history stays as it was.
                    let from = if back { &mut self.undo } else { &mut self.redo };
                    from.push(step);
                    return false;
                }
            },
        };
        let to = if back { &mut self.redo } else { &mut self.undo };
        to.push(Rc::new(reverse));
        true
    }

    fn score_in_full(&mut self) {
        let (report, prepared) = score_prepared(&self.scorecard);
        self.report = Rc::new(report);
        *self.kept.borrow_mut() = Kept {
            scorecard: Rc::downgrade(&self.scorecard),
            prepared,
        };
    }

    /// Carry out `edit` and score the result; with `checked`, refuse it when it adds an error
    /// (and go back to the scorecard as it was).
    fn change(&mut self, edit: &Edit, checked: bool) -> Result<(Edit, Outcome), EditError> {
        // Whether the kept parts describe this scorecard (another copy may have moved them on).
        let fresh = self
            .kept
            .borrow()
            .scorecard
            .ptr_eq(&Rc::downgrade(&self.scorecard));
        // Changed in place when nothing else holds the scorecard; copied when a view (another
        // copy of the session) still shows it — and then kept to go back to on a refusal.
        let shared = (Rc::strong_count(&self.scorecard) > 1).then(|| Rc::clone(&self.scorecard));
        let scorecard = Rc::make_mut(&mut self.scorecard);
        let mut merges = Vec::new();
        let (inverse, touched) = carry(scorecard, edit, &mut merges, checked)?;
        let refuse = |session: &mut Session, errors: Vec<Diagnostic>| {
            match shared {
                Some(original) => session.scorecard = original,
                // The inverse of an edit just carried out always applies.
                None => {
                    if perform(Rc::make_mut(&mut session.scorecard), &inverse).is_ok() {
                        // As it was, so the kept parts describe it again.
                        if fresh {
                            session.kept.borrow_mut().scorecard = Rc::downgrade(&session.scorecard);
                        }
                    } else {
                        // Cannot happen (inverses put values back without checks); should it,
                        // the report is made again for what is there, so it never lies.
                        session.score_in_full();
                    }
                }
            }
            Err(EditError::invalid(errors))
        };
        let warnings = match &touched {
            Touched::Nothing => Vec::new(),
            Touched::Ratings(changed) if fresh => {
                let (errors, warnings) = split(if checked {
                    crate::validate::check_ratings(&self.scorecard, changed)
                } else {
                    Vec::new()
                });
                if !errors.is_empty() {
                    return refuse(self, errors);
                }
                let mut kept = self.kept.borrow_mut();
                self.report = Rc::new(rescore(&self.scorecard, &mut kept.prepared, changed));
                kept.scorecard = Rc::downgrade(&self.scorecard);
                warnings
            }
            Touched::Ratings(_) | Touched::Scorecard => {
                let (report, prepared) = score_prepared(&self.scorecard);
                // The reports' diagnostics hold the validation of both: validated once.
                let (errors, warnings) = split(if checked {
                    new_diagnostics(&self.report.diagnostics, &report.diagnostics)
                } else {
                    Vec::new()
                });
                if !errors.is_empty() {
                    return refuse(self, errors);
                }
                self.report = Rc::new(report);
                *self.kept.borrow_mut() = Kept {
                    scorecard: Rc::downgrade(&self.scorecard),
                    prepared,
                };
                warnings
            }
        };
        Ok((
            inverse,
            Outcome {
                touched,
                warnings,
                merges,
                removed: None,
            },
        ))
    }
}

/// Errors apart from warnings (remarks are left out).
fn split(diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let (errors, rest): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    let warnings = rest
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    (errors, warnings)
}
