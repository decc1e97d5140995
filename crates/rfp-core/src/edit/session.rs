//! A scorecard being worked on: its report, the parts kept for scoring again quickly, and the
//! history of inverse edits for undo and redo.

use std::rc::Rc;

use super::{Edit, EditError, Touched, new_diagnostics, perform};
use crate::model::Scorecard;
use crate::score::{Prepared, Report, rescore, score_prepared};
use crate::{Diagnostic, Severity};

/// How many edits a session can undo, unless told otherwise.
pub const DEFAULT_HISTORY: usize = 50;

/// A scorecard, its report, and its undo and redo history. Every change goes through
/// [`Session::apply`]; the report always belongs to the scorecard held (equal to
/// [`crate::score()`] of it), and a change of ratings alone is scored again only where it
/// touches.
#[derive(Debug, Clone)]
pub struct Session {
    scorecard: Rc<Scorecard>,
    report: Rc<Report>,
    prepared: Prepared,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    history: usize,
}

/// What [`Session::apply`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What changed ([`Touched::Nothing`]: the edit asked for what was there; no history kept).
    pub touched: Touched,
    /// Warnings the change brought (not errors: an edit adding an error is refused).
    pub warnings: Vec<Diagnostic>,
}

impl Session {
    /// A session on `scorecard`, scored.
    pub fn new(scorecard: Scorecard) -> Session {
        Session::with_history(scorecard, DEFAULT_HISTORY)
    }

    /// A session that keeps at most `history` edits to undo.
    pub fn with_history(scorecard: Scorecard, history: usize) -> Session {
        let (report, prepared) = score_prepared(&scorecard);
        Session {
            scorecard: Rc::new(scorecard),
            report: Rc::new(report),
            prepared,
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

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The scorecard, giving up the session.
    pub fn into_scorecard(self) -> Scorecard {
        Rc::try_unwrap(self.scorecard).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Apply `edit`: the scorecard changes and is scored again, and the edit can be undone. A
    /// refused edit (one that cannot be carried out, or would add a validation error) changes
    /// nothing.
    pub fn apply(&mut self, edit: &Edit) -> Result<Outcome, EditError> {
        let (inverse, outcome) = self.change(edit, true)?;
        if outcome.touched != Touched::Nothing {
            self.undo.push(inverse);
            if self.undo.len() > self.history {
                let excess = self.undo.len() - self.history;
                self.undo.drain(..excess);
            }
            self.redo.clear();
        }
        Ok(outcome)
    }

    /// Undo the last edit; false when there was none.
    pub fn undo(&mut self) -> bool {
        self.step(true)
    }

    /// Redo the edit undone last; false when there was none.
    pub fn redo(&mut self) -> bool {
        self.step(false)
    }

    fn step(&mut self, back: bool) -> bool {
        let from = if back { &mut self.undo } else { &mut self.redo };
        let Some(edit) = from.pop() else {
            return false;
        };
        // An inverse goes back to a scorecard that was there: it is not checked again.
        match self.change(&edit, false) {
            Ok((inverse, _)) => {
                if back {
                    self.redo.push(inverse);
                } else {
                    self.undo.push(inverse);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// Carry out `edit` and score the result; with `checked`, refuse it when it adds an error
    /// (the change is then carried back with its inverse).
    fn change(&mut self, edit: &Edit, checked: bool) -> Result<(Edit, Outcome), EditError> {
        // Changed in place when nothing else holds the scorecard (the command line, the
        // JavaScript API); copied first when a view still shows it.
        let scorecard = Rc::make_mut(&mut self.scorecard);
        let (inverse, touched) = perform(scorecard, edit)?;
        let refuse = |scorecard: &mut Scorecard, errors: Vec<Diagnostic>| {
            // The inverse of an edit just carried out always applies.
            let _ = perform(scorecard, &inverse);
            Err(EditError::invalid(errors))
        };
        let warnings = match &touched {
            Touched::Nothing => Vec::new(),
            Touched::Ratings(changed) => {
                let (errors, warnings) = split(if checked {
                    crate::validate::check_ratings(scorecard, changed)
                } else {
                    Vec::new()
                });
                if !errors.is_empty() {
                    return refuse(scorecard, errors);
                }
                self.report = Rc::new(rescore(scorecard, &mut self.prepared, changed));
                warnings
            }
            Touched::Scorecard => {
                let (report, prepared) = score_prepared(scorecard);
                // The reports' diagnostics hold the validation of both: validated once.
                let (errors, warnings) = split(if checked {
                    new_diagnostics(&self.report.diagnostics, &report.diagnostics)
                } else {
                    Vec::new()
                });
                if !errors.is_empty() {
                    return refuse(scorecard, errors);
                }
                self.report = Rc::new(report);
                self.prepared = prepared;
                warnings
            }
        };
        Ok((inverse, Outcome { touched, warnings }))
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
