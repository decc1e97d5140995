//! The page's state: the scorecard being worked on, its report, and what the last action said.
//!
//! [`State`] changes only through [`Action`]s ([`yew::Reducible`]); every change of the scorecard
//! re-scores it with [`rfp_core::score`], so the report on screen always belongs to the
//! scorecard in memory. Nothing here touches the browser, and nothing computes a number that
//! `rfp-core` does not give.

use std::rc::Rc;

use rfp_core::{Diagnostic, Extra, Report, Scorecard};
use yew::Reducible;

/// The view the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Ranking, breakdown, knockouts.
    Results,
    /// The top-level categories' weights.
    Weights,
}

/// A file that could not be opened: its name and every problem, each with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// The file's name as the browser gave it.
    pub file_name: String,
    /// One sentence on what happened.
    pub summary: String,
    /// Every problem `rfp-core` found.
    pub diagnostics: Vec<Diagnostic>,
}

/// A weight field whose text is not a weight.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightProblem {
    /// Index of the top-level criterion.
    pub index: usize,
    /// What is wrong.
    pub message: String,
    /// The text as typed, which the field keeps showing until it is a weight.
    pub text: String,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The scorecard being worked on.
    pub scorecard: Rc<Scorecard>,
    /// Envelope members of the opened file this version does not know, written back on save.
    pub envelope_extra: Rc<Extra>,
    /// `rfp_core::score(&scorecard)`.
    pub report: Rc<Report>,
    /// Name used when saving (the opened file's name, or `scorecard.json`).
    pub file_name: String,
    /// Warnings and remarks from opening the current file.
    pub file_notes: Rc<Vec<Diagnostic>>,
    /// The last file that could not be opened (the work stayed as it was).
    pub refused: Option<Rc<Refused>>,
    /// A weight field holding something that is not a weight.
    pub weight_problem: Option<WeightProblem>,
    /// The view shown.
    pub page: Page,
}

/// What can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show another view.
    Show(Page),
    /// The text of a top-level criterion's weight field changed.
    SetTopWeight {
        /// Index into `scorecard.criteria`.
        index: usize,
        /// The field's text.
        text: String,
    },
    /// A file was read: open it if `rfp-core` can.
    Open {
        /// The file's name.
        file_name: String,
        /// Its text.
        text: String,
    },
    /// A file could not be read at all (the browser said why).
    Unreadable {
        /// The file's name.
        file_name: String,
        /// The browser's reason.
        reason: String,
    },
    /// Saving failed: show why.
    SaveFailed(Vec<Diagnostic>),
    /// Put the problem panel away.
    DismissRefused,
}

impl State {
    /// The page as it opens: the demo scorecard, scored.
    pub fn demo() -> State {
        State::with_scorecard(rfp_templates::demo(), "demo-scorecard.json")
    }

    /// A state showing `scorecard`.
    pub fn with_scorecard(scorecard: Scorecard, file_name: &str) -> State {
        let report = rfp_core::score(&scorecard);
        State {
            scorecard: Rc::new(scorecard),
            envelope_extra: Rc::new(Extra::new()),
            report: Rc::new(report),
            file_name: file_name.to_owned(),
            file_notes: Rc::new(Vec::new()),
            refused: None,
            weight_problem: None,
            page: Page::Results,
        }
    }

    /// The scorecard file to save, or every reason it cannot be written.
    pub fn file_text(&self) -> Result<String, Vec<Diagnostic>> {
        rfp_core::file::save_with_envelope(&self.scorecard, &self.envelope_extra)
            .map_err(|error| error.diagnostics())
    }

    fn set_top_weight(&self, index: usize, text: &str) -> State {
        let mut next = self.clone();
        let Some(criterion) = self.scorecard.criteria.get(index) else {
            return next;
        };
        match parse_weight(text) {
            Ok(weight) => {
                let mut scorecard = (*self.scorecard).clone();
                scorecard.criteria[index].weight = weight;
                next.report = Rc::new(rfp_core::score(&scorecard));
                next.scorecard = Rc::new(scorecard);
                next.weight_problem = None;
            }
            Err(message) => {
                next.weight_problem = Some(WeightProblem {
                    index,
                    message: format!("Weight of “{}”: {message}", criterion.name),
                    text: text.to_owned(),
                });
            }
        }
        next
    }

    fn open(&self, file_name: String, text: &str) -> State {
        match rfp_core::load(text) {
            Ok(loaded) => {
                let mut next = State::with_scorecard(loaded.scorecard, &file_name);
                next.envelope_extra = Rc::new(loaded.envelope_extra);
                next.file_notes = Rc::new(loaded.diagnostics);
                next.page = self.page;
                next
            }
            Err(error) => {
                let mut next = self.clone();
                next.refused = Some(Rc::new(Refused {
                    summary: format!("“{file_name}” was not opened; your work is unchanged."),
                    file_name,
                    diagnostics: error.diagnostics(),
                }));
                next
            }
        }
    }
}

/// A weight typed into a field: a finite number of 0 or more.
fn parse_weight(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    match trimmed.parse::<f64>() {
        Ok(weight) if weight.is_finite() && weight >= 0.0 => Ok(weight),
        Ok(_) => Err(format!("expected a number of 0 or more, found {trimmed}")),
        Err(_) if trimmed.is_empty() => Err("expected a number of 0 or more, found nothing".into()),
        Err(_) => Err(format!("expected a number of 0 or more, found “{trimmed}”")),
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<State> {
        let next = match action {
            Action::Show(page) => State {
                page,
                ..(*self).clone()
            },
            Action::SetTopWeight { index, text } => self.set_top_weight(index, &text),
            Action::Open { file_name, text } => self.open(file_name, &text),
            Action::Unreadable { file_name, reason } => State {
                refused: Some(Rc::new(Refused {
                    summary: format!("“{file_name}” could not be read; your work is unchanged."),
                    file_name,
                    diagnostics: vec![Diagnostic::error("", reason)],
                })),
                ..(*self).clone()
            },
            Action::SaveFailed(diagnostics) => State {
                refused: Some(Rc::new(Refused {
                    file_name: self.file_name.clone(),
                    summary: "The scorecard could not be saved.".into(),
                    diagnostics,
                })),
                ..(*self).clone()
            },
            Action::DismissRefused => State {
                refused: None,
                ..(*self).clone()
            },
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn totals(state: &State) -> Vec<(String, f64)> {
        let report = &state.report;
        report
            .vendors
            .iter()
            .map(|v| (v.name.clone(), v.total))
            .collect()
    }

    #[test]
    fn the_demo_opens_scored() {
        let state = State::demo();
        assert_eq!(state.report.vendors.len(), 4);
        assert_eq!(*state.report, rfp_core::score(&state.scorecard));
    }

    #[test]
    fn a_weight_rescores_and_a_bad_one_changes_nothing() {
        let demo = State::demo();
        let changed = reduce(
            demo.clone(),
            Action::SetTopWeight {
                index: 0,
                text: " 0 ".into(),
            },
        );
        assert_eq!(changed.scorecard.criteria[0].weight, 0.0);
        assert_eq!(*changed.report, rfp_core::score(&changed.scorecard));
        assert_ne!(totals(&changed), totals(&demo));
        for text in ["-1", "abc", "", "NaN", "inf"] {
            let refused = reduce(
                changed.clone(),
                Action::SetTopWeight {
                    index: 0,
                    text: text.into(),
                },
            );
            assert_eq!(refused.scorecard, changed.scorecard, "{text:?}");
            let problem = refused.weight_problem.expect("a problem");
            assert_eq!(problem.index, 0);
            assert!(problem.message.contains("expected a number of 0 or more"));
            assert_eq!(problem.text, text, "the field keeps what was typed");
        }
        // An index past the end is ignored rather than a panic.
        let same = reduce(
            changed.clone(),
            Action::SetTopWeight {
                index: 999,
                text: "1".into(),
            },
        );
        assert_eq!(same, changed);
    }

    #[test]
    fn a_file_that_cannot_be_opened_leaves_the_work() {
        let demo = State::demo();
        for text in [
            "{",
            "[]",
            r#"{"format":"rfp-scorecard","schema_version":99,"scorecard":{}}"#,
        ] {
            let after = reduce(
                demo.clone(),
                Action::Open {
                    file_name: "x.json".into(),
                    text: text.into(),
                },
            );
            assert_eq!(after.scorecard, demo.scorecard);
            assert_eq!(after.report, demo.report);
            let refused = after.refused.expect("refused");
            assert!(!refused.diagnostics.is_empty());
        }
    }

    #[test]
    fn save_then_open_is_the_same_scorecard() {
        let demo = State::demo();
        let text = demo.file_text().expect("saves");
        let opened = reduce(
            State::with_scorecard(Scorecard::default(), "empty.json"),
            Action::Open {
                file_name: "saved.json".into(),
                text,
            },
        );
        assert_eq!(opened.scorecard, demo.scorecard);
        assert_eq!(opened.file_name, "saved.json");
        assert!(opened.refused.is_none());
    }
}
