//! The page's state: the scorecard being worked on, its report, and what the last action said.
//!
//! [`State`] changes only through [`Action`]s ([`yew::Reducible`]); every change of the scorecard
//! goes through [`State::commit`], which re-scores it with [`rfp_core::score`] (so the report on
//! screen always belongs to the scorecard in memory), keeps the previous scorecard for undo, and
//! marks the work as not saved. Nothing here touches the browser, and nothing computes a number
//! that `rfp-core` does not give.

use std::rc::Rc;

use rfp_core::edit::{Edit, EditError, ReturnedText, Session, Touched};
use rfp_core::file::Integrity;
use rfp_core::merge::{FileVerdict, MergeReport, RatingConflict};
use rfp_core::typed::NumberStyle;
use rfp_core::{Diagnostic, Extra, KnockoutPolicy, Report, Scorecard, Scoring, Stamp};
use yew::Reducible;

pub use crate::matrix_edit::FieldProblem;
pub use profile::ProfileForm;

mod profile;
use crate::rule_edit::{ChoiceEdit, CurveEdit, GateForm, PriceEdit};

/// How many steps undo keeps, at most.
pub const HISTORY_LIMIT: usize = 50;

/// The view the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Templates, tailoring, opening a file, continuing.
    Start,
    /// Ranking, breakdown, knockouts, heatmap, disagreements, missing scores.
    Results,
    /// How robust the winner is, and the decision memo.
    Robustness,
    /// The top-level categories' weights.
    Weights,
    /// The criteria tree and its weighting.
    Matrix,
    /// Vendors and their answers.
    Vendors,
    /// An evaluator rates the vendors.
    Evaluate,
    /// Save, packets, merging returned files, CSV export.
    Share,
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

/// What the page knows of a scorecard's file besides the scorecard: brought back with it by
/// undo and redo, so that a file's name and notes never outlive its scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Name used when saving.
    pub file_name: String,
    /// Envelope members of the opened file this version does not know.
    pub envelope_extra: Rc<Extra>,
    /// Warnings and remarks from opening the file.
    pub file_notes: Rc<Vec<Diagnostic>>,
}

/// A file that was changed outside RFP Scorecard, waiting for the chair to open it anyway
/// or keep the work: nothing is replaced until then.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingOpen {
    /// The file's name.
    pub file_name: String,
    /// Its text.
    pub text: String,
    /// Why it is held (the checksum's warning).
    pub diagnostics: Vec<Diagnostic>,
}

/// A returned file held back from a merge because it was changed outside RFP Scorecard: the
/// chair may merge it anyway after checking it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldFile {
    /// The file's name.
    pub file_name: String,
    /// Its text, to merge it if the chair accepts it.
    pub text: String,
    /// Why it was held.
    pub diagnostic: Diagnostic,
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

/// What the last merge of returned files did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeSummary {
    /// Files merged.
    pub merged: Vec<String>,
    /// Files refused, each with its problems (nothing of them was merged).
    pub refused: Vec<Refused>,
    /// Files held back because they were changed outside RFP Scorecard.
    pub held: Vec<HeldFile>,
    /// Ratings with different values at the same revision, for the chair to decide.
    pub conflicts: Vec<RatingConflict>,
    /// Ratings that were new or newer.
    pub updated: usize,
    /// Remarks of the merge.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a tailored scorecard came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TailorNote {
    /// The template's display name.
    pub template: String,
    /// Why that template was chosen.
    pub reason: String,
}

/// A consensus value that could not be recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsensusProblem {
    /// Vendor id.
    pub vendor: String,
    /// Requirement id.
    pub requirement: String,
    /// What is wrong.
    pub message: String,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The scorecard with its report and history: every change goes through it.
    pub session: Session,
    /// The scorecard being worked on (the session's).
    pub scorecard: Rc<Scorecard>,
    /// Envelope members of the opened file this version does not know, written back on save.
    pub envelope_extra: Rc<Extra>,
    /// `rfp_core::score(&scorecard)` (the session's report).
    pub report: Rc<Report>,
    /// How many times the scorecard was scored (the benchmark waits for it to change).
    pub generation: u64,
    /// Name used when saving (the opened file's name, or `scorecard.json`).
    pub file_name: String,
    /// Warnings and remarks from opening the current file.
    pub file_notes: Rc<Vec<Diagnostic>>,
    /// The last file that could not be opened (the work stayed as it was).
    pub refused: Option<Rc<Refused>>,
    /// The Matrix's open categories, by id (the others show a summary row).
    pub open_categories: Rc<std::collections::BTreeSet<String>>,
    /// A file changed outside RFP Scorecard, opened only if the chair says so.
    pub pending_open: Option<Rc<PendingOpen>>,
    /// The files of the scorecards undo brings back (the last is the next), and those redo
    /// brings back: one for each replacement of the scorecard in the session's history.
    documents: Rc<(Vec<Document>, Vec<Document>)>,
    /// A weight field holding something that is not a weight.
    pub weight_problem: Option<WeightProblem>,
    /// The view shown.
    pub page: Page,
    /// Changes not yet saved to a file or exported.
    pub unsaved: bool,
    /// One line on what just happened ("Tailored from …", "Merged 2 files").
    pub notice: Option<String>,
    /// Where the tailored scorecard came from, while it is the one shown.
    pub tailored: Option<Rc<TailorNote>>,
    /// The last merge of returned files.
    pub merge: Option<Rc<MergeSummary>>,
    /// A consensus value that could not be recorded.
    pub consensus_problem: Option<ConsensusProblem>,
    /// The evaluator rating in the Evaluate view (an id in `scorecard.evaluators`).
    pub evaluator: String,
    /// The rating the Evaluate view was asked to show (vendor id, requirement id): it opens on
    /// that vendor with that requirement's levels in focus.
    pub rating_focus: Option<(String, String)>,
    /// Why the last edit of the matrix was refused.
    pub edit_problem: Option<String>,
    /// A field whose text was refused (a gate's threshold, an option's points, an answer…).
    pub field_problem: Option<FieldProblem>,
}

/// What can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show another view.
    Show(Page),
    /// Apply one of the core's edits as it is (the roster's, for one); a refusal is shown as
    /// the edit's problem.
    Apply(Edit),
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
    /// Open or close a category of the Matrix (its id).
    ToggleCategory(String),
    /// Open (true) or close every category of the Matrix.
    OpenCategories(bool),
    /// Open the file held because it was changed outside RFP Scorecard.
    OpenAnyway,
    /// Keep the work: the held file is not opened.
    KeepWork,
    /// Merge a returned file held back because it was changed outside RFP Scorecard: the
    /// chair has checked it (its name).
    MergeAnyway(String),
    /// Work kept in the browser: open it as it was left.
    Restore {
        /// The file's name.
        file_name: String,
        /// Its text.
        text: String,
        /// Whether it had unsaved changes.
        unsaved: bool,
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
    /// The work was saved to a file or exported.
    Saved,
    /// Put the problem panel away.
    DismissRefused,
    /// Start from a shipped template, with its demo vendors: its id and its file's text as the
    /// page fetched it (or why it could not).
    UseTemplate {
        /// The template's id.
        id: String,
        /// The file's text, or the reason it could not be had.
        file: Result<String, String>,
    },
    /// Tailor a scorecard from the closest template to this practice profile.
    Tailor {
        /// The profile as entered.
        form: ProfileForm,
        /// Every template's file as the page fetched it, or the reason they could not be had.
        templates: Result<Vec<String>, String>,
    },
    /// Back to the scorecard before the last change.
    Undo,
    /// Redo the change undone last.
    Redo,
    /// Record the committee's consensus value for a vendor on a rating requirement.
    SetConsensus {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
        /// The value as typed.
        value: String,
        /// Why the committee settled on it.
        rationale: String,
    },
    /// Returned evaluator files were read: merge those `rfp-core` accepts.
    Merge(Vec<(String, Result<String, String>)>),
    /// Rate in the Evaluate view as this evaluator.
    EvaluateAs(String),
    /// Show one evaluator's rating of a vendor on a requirement in the Evaluate view (from the
    /// Robustness view's ratings that would change the winner).
    ShowRating {
        /// Evaluator id.
        evaluator: String,
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
    },
    /// The evaluator attests (or withdraws) having no conflict of interest, on a date.
    Attest {
        /// Whether there is no conflict.
        no_conflict: bool,
        /// Today's date (the browser's clock), `YYYY-MM-DD`.
        date: String,
    },
    /// The evaluator rates a vendor on a rating requirement (with a note).
    Rate {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
        /// The level.
        score: f64,
        /// The note.
        note: String,
        /// When (the browser's clock): which of an evaluator's ratings counts goes by it.
        at: Option<Stamp>,
    },
    /// The evaluator takes back their rating of a vendor on a requirement (every revision).
    ClearRating {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
    },
    /// Put the notice away.
    DismissNotice,
    /// Add a vendor by name.
    AddVendor(String),
    /// Rename a vendor.
    RenameVendor {
        /// Vendor id.
        id: String,
        /// The new name.
        name: String,
    },
    /// A vendor answer sheet (CSV) was read: import it if every cell is good.
    ImportAnswers {
        /// The file's name.
        file_name: String,
        /// Its text (or the browser's reason it could not be read).
        text: Result<String, String>,
        /// The vendor's name for a one-vendor sheet; empty for a sheet with a column per vendor.
        vendor_name: String,
    },
    /// Edit the criterion at a place in the tree.
    Edit {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// The edit.
        edit: crate::matrix_edit::Edit,
    },
    /// Weigh a category's children (`""`: the top level) by a method.
    SetMethod {
        /// Category id.
        category: String,
        /// The method.
        method: rfp_core::WeightingMethod,
    },
    /// An AHP judgment: `a` is `value` times as important as `b`.
    SetJudgment {
        /// Category id.
        category: String,
        /// First child id.
        a: String,
        /// Second child id.
        b: String,
        /// Saaty's 1/9 … 9.
        value: f64,
    },
    /// Add a requirement of a kind (`yes_no`, …) or a sub-category (`category`), named, as the
    /// last child of the category at `parent` (the top level when empty).
    AddCriterion {
        /// Indices of the category from the top level down; empty for the top level.
        parent: Vec<usize>,
        /// The name.
        name: String,
        /// A requirement kind, or `category`.
        kind: String,
    },
    /// Remove the criterion at a place, with its answers, ratings and consensus values.
    RemoveCriterion(Vec<usize>),
    /// Move the criterion at a place one up (or down) among its siblings.
    MoveCriterion {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// Up (else down).
        up: bool,
    },
    /// Set or clear a requirement's gate.
    SetGate {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// The gate as chosen and typed.
        gate: GateForm,
    },
    /// What a failed gate does: knock the vendor out, or only flag it.
    SetKnockout(KnockoutPolicy),
    /// Edit a choice requirement's options.
    EditChoice {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// The edit.
        edit: ChoiceEdit,
    },
    /// Set a rating requirement's scale (lowest and highest level, as typed).
    SetScale {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// The lowest level.
        min: String,
        /// The highest level.
        max: String,
    },
    /// One option or several for the choice requirement at a place in the tree (its options
    /// stay; the answers follow).
    SetMultiple {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// Whether several options may be chosen.
        multiple: bool,
    },
    /// Edit a price requirement's rule.
    EditPrice {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// The edit.
        edit: PriceEdit,
    },
    /// Edit a numeric requirement's curve.
    EditCurve {
        /// Indices from the top level down.
        path: Vec<usize>,
        /// The edit.
        edit: CurveEdit,
    },
    /// A vendor's answer to a requirement, as typed (empty: no answer).
    SetAnswer {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
        /// The answer as typed or chosen.
        text: String,
    },
    /// Remove a vendor with its answers, ratings and consensus values.
    RemoveVendor(String),
    /// The chair settles a merge conflict with one of its values (score and note).
    ResolveConflict {
        /// The conflict.
        conflict: RatingConflict,
        /// The chosen score.
        score: f64,
        /// The chosen note.
        note: String,
        /// When (the browser's clock).
        at: Option<Stamp>,
    },
}

impl State {
    /// The page as it opens: the demo scorecard, scored.
    pub fn demo() -> State {
        State::with_scorecard(rfp_templates::demo(), "demo-scorecard.json")
    }

    /// A state showing `scorecard`.
    pub fn with_scorecard(scorecard: Scorecard, file_name: &str) -> State {
        let session = Session::with_history(scorecard, HISTORY_LIMIT);
        State {
            evaluator: first_evaluator(session.scorecard()),
            rating_focus: None,
            scorecard: Rc::clone(session.scorecard()),
            report: Rc::clone(session.report()),
            session,
            envelope_extra: Rc::new(Extra::new()),
            generation: 1,
            file_name: file_name.to_owned(),
            file_notes: Rc::new(Vec::new()),
            refused: None,
            pending_open: None,
            open_categories: Rc::default(),
            documents: Rc::new((Vec::new(), Vec::new())),
            weight_problem: None,
            page: Page::Results,
            unsaved: false,
            notice: None,
            tailored: None,
            merge: None,
            consensus_problem: None,
            edit_problem: None,
            field_problem: None,
        }
    }

    /// The scorecard file to save, or every reason it cannot be written.
    pub fn file_text(&self) -> Result<String, Vec<Diagnostic>> {
        rfp_core::file::save_with_envelope(&self.scorecard, &self.envelope_extra)
            .map_err(|error| error.diagnostics())
    }

    /// An evaluator's packet as a file: only that evaluator's record and ratings.
    pub fn packet_text(&self, evaluator_id: &str) -> Result<String, Vec<Diagnostic>> {
        rfp_core::merge::packet(&self.scorecard, evaluator_id)
            .and_then(|packet| rfp_core::file::save_with_envelope(&packet, &self.envelope_extra))
            .map_err(|error| error.diagnostics())
    }

    /// Another scorecard altogether (a file, a template, a merge): scored in full; undo brings
    /// the one before back.
    fn commit(&self, scorecard: Scorecard) -> State {
        let mut next = self.clone();
        next.session.replace(scorecard);
        let (back, _) = Rc::make_mut(&mut next.documents);
        back.push(self.document());
        if back.len() > HISTORY_LIMIT {
            back.remove(0);
        }
        next.documents = Rc::new((std::mem::take(back), Vec::new()));
        next.changed();
        next
    }

    /// The file of the scorecard shown.
    fn document(&self) -> Document {
        Document {
            file_name: self.file_name.clone(),
            envelope_extra: Rc::clone(&self.envelope_extra),
            file_notes: Rc::clone(&self.file_notes),
        }
    }

    fn set_document(&mut self, document: Document) {
        self.file_name = document.file_name;
        self.envelope_extra = document.envelope_extra;
        self.file_notes = document.file_notes;
    }

    /// Apply `edit` through the session: the state after it (unchanged when it changed nothing),
    /// or why it was refused.
    fn try_edit(&self, edit: &Edit) -> Result<State, EditError> {
        let mut next = self.clone();
        let outcome = next.session.apply(edit)?;
        if outcome.touched == Touched::Nothing {
            return Ok(self.clone());
        }
        next.changed();
        Ok(next)
    }

    /// Apply `edit`; a refusal is shown as the matrix's problem.
    fn edit(&self, edit: &Edit) -> State {
        self.try_edit(edit).unwrap_or_else(|error| State {
            edit_problem: Some(error.message),
            ..self.clone()
        })
    }

    /// Apply an edit a view sent as it is, saying what changed when a person would want to know.
    fn apply(&self, edit: &Edit) -> State {
        let name_of = |id: &str| {
            self.scorecard
                .evaluators
                .iter()
                .find(|e| e.id == id)
                .map_or_else(|| id.to_owned(), |e| e.name.clone())
        };
        let notice = match edit {
            Edit::AddEvaluator { name, .. } => Some(format!(
                "Added the evaluator “{}”; their packet is ready to make.",
                name.trim()
            )),
            Edit::RemoveEvaluator { id } => Some(format!(
                "Removed the evaluator “{}” with {} rating(s). Undo brings them back.",
                name_of(id),
                self.scorecard
                    .ratings
                    .iter()
                    .filter(|r| r.evaluator == id.as_str())
                    .count()
            )),
            _ => None,
        };
        match self.try_edit(edit) {
            Ok(mut next) => {
                if notice.is_some() && next.generation != self.generation {
                    next.notice = notice;
                }
                next
            }
            Err(error) => State {
                edit_problem: Some(error.message),
                ..self.clone()
            },
        }
    }

    /// The session changed: show its scorecard and report.
    fn changed(&mut self) {
        self.scorecard = Rc::clone(self.session.scorecard());
        self.report = Rc::clone(self.session.report());
        self.generation += 1;
        if !self
            .scorecard
            .evaluators
            .iter()
            .any(|e| e.id == self.evaluator)
        {
            self.evaluator = first_evaluator(&self.scorecard);
        }
        self.unsaved = true;
        self.weight_problem = None;
        self.consensus_problem = None;
        self.edit_problem = None;
        self.field_problem = None;
    }

    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        self.session.undo_len() > 0
    }

    /// Whether there is an undone change to redo.
    pub fn can_redo(&self) -> bool {
        self.session.redo_len() > 0
    }

    fn undo(&self) -> State {
        let mut next = self.clone();
        let replaces = next.session.undo_replaces();
        if next.session.undo() {
            if replaces {
                let (back, forward) = Rc::make_mut(&mut next.documents);
                if let Some(document) = back.pop() {
                    forward.push(self.document());
                    next.set_document(document);
                }
            }
            next.changed();
            next.notice = Some("Undone.".into());
        }
        next
    }

    fn redo(&self) -> State {
        let mut next = self.clone();
        let replaces = next.session.redo_replaces();
        if next.session.redo() {
            if replaces {
                let (back, forward) = Rc::make_mut(&mut next.documents);
                if let Some(document) = forward.pop() {
                    back.push(self.document());
                    next.set_document(document);
                }
            }
            next.changed();
            next.notice = Some("Redone.".into());
        }
        next
    }

    /// Replace the whole scorecard (a file, a template): undoable like any change.
    fn replace(&self, scorecard: Scorecard, file_name: &str, notice: String) -> State {
        let mut next = self.commit(scorecard);
        next.file_name = file_name.to_owned();
        next.envelope_extra = Rc::new(Extra::new());
        next.file_notes = Rc::new(Vec::new());
        next.refused = None;
        next.pending_open = None;
        next.tailored = None;
        next.merge = None;
        next.notice = Some(notice);
        next.page = Page::Results;
        next
    }

    fn set_top_weight(&self, index: usize, text: &str) -> State {
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
                    message: format!("Weight of “{}”: {message}", criterion.name),
                    text: text.to_owned(),
                });
                next
            }
        }
    }

    fn refuse(&self, file_name: String, summary: String, diagnostics: Vec<Diagnostic>) -> State {
        let mut next = self.clone();
        next.refused = Some(Rc::new(Refused {
            file_name,
            summary,
            diagnostics,
        }));
        next
    }

    fn open(&self, file_name: String, text: &str) -> State {
        self.open_file(file_name, text, false)
    }

    /// Open a file; one changed outside RFP Scorecard only when `anyway` (else it waits for the
    /// chair's word, and the work stays).
    fn open_file(&self, file_name: String, text: &str, anyway: bool) -> State {
        match rfp_core::load(text) {
            Ok(loaded) if loaded.integrity == Integrity::Mismatch && !anyway => {
                let mut next = self.clone();
                next.pending_open = Some(Rc::new(PendingOpen {
                    file_name,
                    text: text.to_owned(),
                    diagnostics: loaded
                        .diagnostics
                        .into_iter()
                        .filter(|d| d.location == "checksum")
                        .collect(),
                }));
                next.refused = None;
                next
            }
            Ok(loaded) => {
                let mut next = self.replace(
                    loaded.scorecard,
                    &file_name,
                    format!("Opened “{file_name}”."),
                );
                next.envelope_extra = Rc::new(loaded.envelope_extra);
                // The report lists the problems of meaning (validation runs once, when it is
                // scored); the file's notes are what only the file tells (its checksum, its
                // version), not a second copy of those.
                let report = &next.report.diagnostics;
                next.file_notes = Rc::new(
                    loaded
                        .diagnostics
                        .into_iter()
                        .filter(|d| !report.contains(d))
                        .collect(),
                );
                next.unsaved = false;
                next
            }
            Err(error) => self.refuse(
                file_name.clone(),
                format!("“{file_name}” was not opened; your work is unchanged."),
                error.diagnostics(),
            ),
        }
    }

    fn open_anyway(&self) -> State {
        match &self.pending_open {
            Some(pending) => {
                let mut next = self.open_file(pending.file_name.clone(), &pending.text, true);
                next.pending_open = None;
                next
            }
            None => self.clone(),
        }
    }

    fn restore(&self, file_name: String, text: &str, unsaved: bool) -> State {
        match rfp_core::load(text) {
            Ok(loaded) => {
                let mut next = State::with_scorecard(loaded.scorecard, &file_name);
                next.envelope_extra = Rc::new(loaded.envelope_extra);
                next.unsaved = unsaved;
                next.notice = Some(format!(
                    "Restored your work from this browser: “{}”.",
                    next.report.title
                ));
                next
            }
            Err(error) => self.refuse(
                file_name,
                "The work kept in this browser could not be restored; showing the demo.".into(),
                error.diagnostics(),
            ),
        }
    }

    fn use_template(&self, id: &str, file: Result<String, String>) -> State {
        let Some(template) = rfp_templates::find(id) else {
            return self.refuse(
                id.to_owned(),
                format!("There is no template “{id}”."),
                Vec::new(),
            );
        };
        let scorecard = file
            .map_err(|reason| vec![Diagnostic::error(template.file_name(), reason)])
            .and_then(|text| {
                rfp_core::load(&text)
                    .map(|loaded| loaded.scorecard)
                    .map_err(|e| e.diagnostics())
            });
        match scorecard {
            Ok(scorecard) => self.replace(
                scorecard,
                &template.file_name(),
                format!("Started from the template “{}”.", template.name),
            ),
            Err(diagnostics) => self.refuse(
                template.id.to_owned(),
                format!(
                    "The template “{}” could not be loaded; your work is unchanged.",
                    template.name
                ),
                diagnostics,
            ),
        }
    }

    fn tailor(&self, form: &ProfileForm, templates: Result<Vec<String>, String>) -> State {
        let templates = templates
            .map_err(|reason| vec![Diagnostic::error("templates", reason)])
            .and_then(|files| {
                files
                    .iter()
                    .map(|text| rfp_core::load(text).map(|loaded| loaded.scorecard))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| e.diagnostics())
            });
        let tailored = templates.and_then(|templates| {
            let profile = form.profile()?;
            rfp_core::tailor::tailor(&profile, &templates).map_err(|e| e.diagnostics())
        });
        match tailored {
            Ok(tailored) => {
                let template = rfp_templates::find(&tailored.template_id)
                    .map(|t| t.name.to_owned())
                    .unwrap_or_else(|| tailored.template_id.clone());
                let mut next = self.replace(
                    tailored.scorecard,
                    "tailored-scorecard.json",
                    format!("Tailored from the template “{template}”."),
                );
                next.tailored = Some(Rc::new(TailorNote {
                    template,
                    reason: tailored.template_reason,
                }));
                next.page = Page::Start;
                next
            }
            Err(diagnostics) => self.refuse(
                String::new(),
                "The profile could not be used; your work is unchanged.".into(),
                diagnostics,
            ),
        }
    }

    fn set_consensus(
        &self,
        vendor: &str,
        requirement: &str,
        value: &str,
        rationale: &str,
    ) -> State {
        let problem = |message: String| {
            let mut next = self.clone();
            next.consensus_problem = Some(ConsensusProblem {
                vendor: vendor.to_owned(),
                requirement: requirement.to_owned(),
                message,
            });
            next
        };
        let Some(rule) = rating_rule(&self.scorecard, requirement) else {
            return problem(format!("“{requirement}” is not a rating requirement."));
        };
        let trimmed = value.trim();
        let level = match rfp_core::typed::number(trimmed, NumberStyle::PLAIN) {
            Ok(level) => level,
            Err(typed) => {
                return problem(format!(
                    "Consensus value: expected a level from {} to {}, found “{trimmed}”{}.",
                    rule.0,
                    rule.1,
                    hint(&typed)
                ));
            }
        };
        if level < f64::from(rule.0) || level > f64::from(rule.1) {
            return problem(format!(
                "Consensus value: expected a level from {} to {}, found {trimmed}.",
                rule.0, rule.1
            ));
        }
        if rationale.trim().is_empty() {
            return problem(
                "Rationale: say why the committee settled on this value (it is kept with the value).".into(),
            );
        }
        match self.try_edit(&Edit::SetConsensus {
            vendor: vendor.to_owned(),
            requirement: requirement.to_owned(),
            value: level,
            rationale: rationale.to_owned(),
        }) {
            Ok(mut next) => {
                next.notice =
                    Some("Consensus value recorded; the results are scored again.".into());
                next
            }
            Err(error) => problem(error.message),
        }
    }

    fn merge_files(&self, files: Vec<(String, Result<String, String>)>) -> State {
        self.merge_returned(files, None)
    }

    /// Merge returned files through the core's verdicts; `accept` names a held file the chair
    /// accepts although it was changed outside RFP Scorecard.
    fn merge_returned(
        &self,
        files: Vec<(String, Result<String, String>)>,
        accept: Option<&str>,
    ) -> State {
        let mut summary = MergeSummary::default();
        // Refusals are listed in the order the files were given.
        let mut refused: Vec<(usize, Refused)> = Vec::new();
        let refusal = |name: String, diagnostics| Refused {
            summary: format!("“{name}” was not merged."),
            file_name: name,
            diagnostics,
        };
        let mut readable = Vec::new();
        for (position, (name, text)) in files.into_iter().enumerate() {
            match text {
                Ok(text) => readable.push((position, name, text)),
                Err(reason) => {
                    refused.push((position, refusal(name, vec![Diagnostic::error("", reason)])))
                }
            }
        }
        let returned: Vec<ReturnedText> = readable
            .iter()
            .map(|(_, name, text)| ReturnedText {
                name: name.clone(),
                text: text.clone(),
                accept_altered: accept == Some(name.as_str()),
            })
            .collect();
        let mut next = self.clone();
        let merged = if returned.is_empty() {
            MergeReport::default()
        } else {
            match next.session.apply(&Edit::MergeFiles { files: returned }) {
                Ok(mut outcome) => {
                    if outcome.touched != Touched::Nothing {
                        next.changed();
                    }
                    outcome.merges.pop().unwrap_or_default()
                }
                // The files together would make the scorecard invalid: nothing merged.
                Err(error) => {
                    return State {
                        edit_problem: Some(error.message),
                        ..self.clone()
                    };
                }
            }
        };
        for ((name, verdict), (position, _, text)) in merged.files.into_iter().zip(&readable) {
            match verdict {
                // One accepted although altered is named so in the merge's remarks.
                FileVerdict::Merged | FileVerdict::MergedAltered => summary.merged.push(name),
                FileVerdict::Altered(diagnostic) => summary.held.push(HeldFile {
                    file_name: name,
                    text: text.clone(),
                    diagnostic,
                }),
                FileVerdict::Refused(diagnostics) => {
                    refused.push((*position, refusal(name, diagnostics)))
                }
            }
        }
        refused.sort_by_key(|(position, _)| *position);
        summary.refused = refused.into_iter().map(|(_, r)| r).collect();
        summary.conflicts = merged.conflicts;
        summary.updated = merged.updated;
        summary.diagnostics = merged.remarks;
        next.notice = Some(format!(
            "Merged {} file(s), {} rating(s) new or newer; {} held back, {} refused.",
            summary.merged.len(),
            summary.updated,
            summary.held.len(),
            summary.refused.len()
        ));
        next.merge = Some(Rc::new(summary));
        next
    }

    /// Merge a held file the chair has checked; the other held files stay held.
    fn merge_anyway(&self, file_name: &str) -> State {
        let Some(merge) = &self.merge else {
            return self.clone();
        };
        // The first held file of that name; others, even of the same name, stay held.
        let Some(index) = merge.held.iter().position(|h| h.file_name == file_name) else {
            return self.clone();
        };
        let held = &merge.held[index];
        let mut next = self.merge_returned(
            vec![(held.file_name.clone(), Ok(held.text.clone()))],
            Some(file_name),
        );
        if let Some(summary) = next.merge.as_mut().map(Rc::make_mut) {
            let others = merge.held.iter().enumerate().filter(|(j, _)| *j != index);
            summary.held.extend(others.map(|(_, h)| h.clone()));
        }
        next
    }

    fn attest(&self, no_conflict: bool, date: &str) -> State {
        self.edit(&Edit::Attest {
            evaluator: self.evaluator.clone(),
            no_conflict,
            date: date.to_owned(),
        })
    }

    fn rate(
        &self,
        vendor: &str,
        requirement: &str,
        score: f64,
        note: &str,
        at: Option<Stamp>,
    ) -> State {
        // The evaluator's rating that counts is changed (the core's rule); a rating the core
        // refuses (off the scale, an unknown vendor) changes nothing.
        self.try_edit(&Edit::Rate {
            evaluator: self.evaluator.clone(),
            vendor: vendor.to_owned(),
            requirement: requirement.to_owned(),
            score,
            note: note.to_owned(),
            at,
        })
        .unwrap_or_else(|_| self.clone())
    }

    /// Take back the evaluator's rating (all its revisions): the cell is unrated again.
    fn clear_rating(&self, vendor: &str, requirement: &str) -> State {
        self.edit(&Edit::ClearRating {
            evaluator: self.evaluator.clone(),
            vendor: vendor.to_owned(),
            requirement: requirement.to_owned(),
        })
    }
}

impl State {
    fn add_vendor(&self, name: &str) -> State {
        match self.try_edit(&Edit::AddVendor {
            name: name.to_owned(),
            id: None,
        }) {
            Ok(mut next) => {
                next.notice = Some(format!("Added the vendor “{}”.", name.trim()));
                next
            }
            Err(error) => self.refuse(String::new(), error.message, error.diagnostics),
        }
    }

    fn rename_vendor(&self, id: &str, name: &str) -> State {
        self.try_edit(&Edit::RenameVendor {
            id: id.to_owned(),
            name: name.to_owned(),
        })
        .unwrap_or_else(|_| self.clone())
    }

    fn import_answers(
        &self,
        file_name: &str,
        text: Result<String, String>,
        vendor_name: &str,
    ) -> State {
        let text = match text {
            Ok(text) => text,
            Err(reason) => {
                return self.refuse(
                    file_name.to_owned(),
                    format!("“{file_name}” could not be read; your work is unchanged."),
                    vec![Diagnostic::error("", reason)],
                );
            }
        };
        let sheet = rfp_core::edit::answer_sheet(
            &self.scorecard,
            file_name,
            &text,
            Some(vendor_name).filter(|n| !n.trim().is_empty()),
        );
        let refused = |diagnostics: Vec<Diagnostic>| {
            self.refuse(
                file_name.to_owned(),
                format!("“{file_name}” was not imported; your work is unchanged."),
                diagnostics,
            )
        };
        let Some(edit) = &sheet.edit else {
            return refused(sheet.diagnostics);
        };
        match self.try_edit(edit) {
            Ok(mut next) => {
                next.file_notes = Rc::new(sheet.diagnostics);
                next.notice = Some(format!(
                    "Imported the answers of {} vendor(s) from “{file_name}”.",
                    sheet.vendors
                ));
                next
            }
            Err(error) => refused(error.diagnostics),
        }
    }

    /// The benchmark's change: the current evaluator's first rating moved to the other end of
    /// its scale (so every press changes the totals).
    pub fn bench_change(&self) -> Option<Action> {
        let rating = self
            .scorecard
            .ratings
            .iter()
            .find(|r| r.evaluator == self.evaluator)?;
        let (min, max) = rating_rule(&self.scorecard, &rating.requirement)?;
        let score = if rating.score == f64::from(max) {
            min
        } else {
            max
        };
        Some(Action::Rate {
            vendor: rating.vendor.to_string(),
            requirement: rating.requirement.to_string(),
            score: f64::from(score),
            note: rating.note.to_string(),
            at: None,
        })
    }
}

impl State {
    /// The id of the criterion at `path` (indices from the top level down).
    fn criterion_id(&self, path: &[usize]) -> Option<String> {
        rfp_core::tree::at(&self.scorecard.criteria, path).map(|c| c.id.clone())
    }

    /// A form's change of one requirement (its rule, gate or answers), refused at a field or
    /// applied through the session like any change. A refusal without a message changed nothing
    /// and says nothing.
    fn field_edit(&self, requirement: &str, edited: Result<Scorecard, FieldProblem>) -> State {
        match edited {
            Ok(scorecard) => {
                let edit =
                    crate::rule_edit::requirement_edit(&self.scorecard, &scorecard, requirement);
                self.edit(&edit)
            }
            Err(problem) if problem.message.is_empty() => self.clone(),
            Err(problem) => State {
                field_problem: Some(problem),
                ..self.clone()
            },
        }
    }

    /// A rule form's change of the requirement at `path`.
    fn rule_form(
        &self,
        path: &[usize],
        form: impl FnOnce(&Scorecard) -> Result<Scorecard, FieldProblem>,
    ) -> State {
        match self.criterion_id(path) {
            Some(id) => self.field_edit(&id, form(&self.scorecard)),
            None => self.clone(),
        }
    }

    fn set_multiple(&self, path: &[usize], multiple: bool) -> State {
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
    fn criterion_edit(&self, path: &[usize], edit: &crate::matrix_edit::Edit) -> State {
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

    fn add_criterion(&self, parent: &[usize], name: &str, kind: &str) -> State {
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

    fn move_criterion(&self, path: &[usize], up: bool) -> State {
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

    fn remove_criterion(&self, path: &[usize]) -> State {
        let Some(criterion) = rfp_core::tree::at(&self.scorecard.criteria, path) else {
            return self.clone();
        };
        let mut ids = std::collections::BTreeSet::new();
        rfp_core::tree::walk(std::slice::from_ref(criterion), &mut |node, _, _| {
            if node.is_requirement() {
                ids.insert(node.id.as_str());
            }
        });
        let card = &self.scorecard;
        let answers: usize = card
            .vendors
            .iter()
            .map(|v| {
                v.answers
                    .keys()
                    .filter(|k| ids.contains(k.as_str()))
                    .count()
                    + v.comments
                        .keys()
                        .filter(|k| ids.contains(k.as_str()))
                        .count()
            })
            .sum();
        let ratings = card
            .ratings
            .iter()
            .filter(|r| ids.contains(r.requirement.as_str()))
            .count();
        let consensus = card
            .consensus
            .iter()
            .filter(|c| ids.contains(c.requirement.as_str()))
            .count();
        let (name, requirements) = (criterion.name.clone(), ids.len());
        match self.try_edit(&Edit::RemoveCriterion {
            id: criterion.id.clone(),
        }) {
            Ok(mut next) => {
                next.notice = Some(format!(
                    "Removed “{name}” ({requirements} requirement(s)) with {answers} answer(s) or \
                     comment(s), {ratings} rating(s) and {consensus} consensus value(s). Undo brings \
                     them back."
                ));
                next
            }
            Err(error) => State {
                edit_problem: Some(error.message),
                ..self.clone()
            },
        }
    }

    fn set_knockout(&self, policy: KnockoutPolicy) -> State {
        self.edit(&Edit::SetKnockout { policy })
    }

    fn remove_vendor(&self, id: &str) -> State {
        let Some(vendor) = self.scorecard.vendors.iter().find(|v| v.id == id) else {
            return self.clone();
        };
        let name = vendor.name.clone();
        let ratings = self
            .scorecard
            .ratings
            .iter()
            .filter(|r| r.vendor == id)
            .count();
        let consensus = self
            .scorecard
            .consensus
            .iter()
            .filter(|c| c.vendor == id)
            .count();
        let mut next = self.edit(&Edit::RemoveVendor { id: id.to_owned() });
        next.notice = Some(format!(
            "Removed the vendor “{name}” with its answers, {ratings} rating(s) and {consensus} \
             consensus value(s). Undo brings them back."
        ));
        next
    }

    /// The chair settles a merge conflict with one of its values: the evaluator's rating that
    /// counts is changed to it at a new revision, so it also wins a later merge of the old files.
    fn resolve_conflict(
        &self,
        conflict: &RatingConflict,
        score: f64,
        note: &str,
        at: Option<Stamp>,
    ) -> State {
        let chosen = conflict
            .values
            .iter()
            .any(|(s, n)| s.to_bits() == score.to_bits() && n == note);
        if !chosen {
            return self.clone();
        }
        match self.try_edit(&Edit::Rate {
            evaluator: conflict.evaluator.clone(),
            vendor: conflict.vendor.clone(),
            requirement: conflict.requirement.clone(),
            score,
            note: note.to_owned(),
            at,
        }) {
            Ok(mut next) => {
                next.notice = Some(format!(
                    "Conflict settled: {} recorded at a new revision.",
                    rfp_core::typed::format_number(score)
                ));
                next
            }
            Err(_) => self.clone(),
        }
    }

    /// The last merge's conflicts that are still open (not settled since).
    pub fn open_conflicts(&self) -> Vec<RatingConflict> {
        self.merge.as_ref().map_or_else(Vec::new, |merge| {
            crate::vendor_edit::open_conflicts(&self.scorecard, &merge.conflicts)
        })
    }
}

fn first_evaluator(scorecard: &Scorecard) -> String {
    scorecard
        .evaluators
        .first()
        .map(|e| e.id.clone())
        .unwrap_or_default()
}

/// The scale (min, max) of a rating requirement.
pub fn rating_rule(scorecard: &Scorecard, requirement: &str) -> Option<(i32, i32)> {
    match rfp_core::tree::find_requirement(&scorecard.criteria, requirement)?
        .scoring
        .as_ref()?
    {
        Scoring::Rating(rule) => Some((rule.min, rule.max)),
        _ => None,
    }
}

/// A weight typed into a field: a number of 0 or more, read as the core reads typed numbers.
fn parse_weight(text: &str) -> Result<f64, String> {
    let expected = "expected a number of 0 or more";
    match rfp_core::typed::number(text, NumberStyle::PLAIN) {
        Ok(weight) if weight >= 0.0 => Ok(weight),
        Ok(_) => Err(format!("{expected}, found {}", text.trim())),
        Err(problem) if text.trim().is_empty() => {
            Err(format!("{expected}, found nothing{}", hint(&problem)))
        }
        Err(problem) => Err(format!(
            "{expected}, found “{}”{}",
            text.trim(),
            hint(&problem)
        )),
    }
}

/// A problem's hint as the end of a sentence, when it has one.
fn hint(problem: &rfp_core::typed::TypedProblem) -> String {
    if problem.hint.is_empty() {
        String::new()
    } else {
        format!(" ({})", problem.hint)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<State> {
        let next = match action {
            Action::Show(page) => State {
                page,
                rating_focus: None,
                ..(*self).clone()
            },
            Action::Apply(edit) => self.apply(&edit),
            Action::SetTopWeight { index, text } => self.set_top_weight(index, &text),
            Action::Open { file_name, text } => self.open(file_name, &text),
            Action::OpenAnyway => self.open_anyway(),
            Action::ToggleCategory(id) => {
                let mut next = (*self).clone();
                let open = Rc::make_mut(&mut next.open_categories);
                if !open.remove(&id) {
                    open.insert(id);
                }
                next
            }
            Action::OpenCategories(all) => {
                let mut next = (*self).clone();
                next.open_categories = Rc::new(if all {
                    self.report
                        .categories
                        .iter()
                        .map(|c| c.id.clone())
                        .collect()
                } else {
                    Default::default()
                });
                next
            }
            Action::KeepWork => State {
                pending_open: None,
                ..(*self).clone()
            },
            Action::MergeAnyway(file_name) => self.merge_anyway(&file_name),
            Action::Restore {
                file_name,
                text,
                unsaved,
            } => self.restore(file_name, &text, unsaved),
            Action::Unreadable { file_name, reason } => self.refuse(
                file_name.clone(),
                format!("“{file_name}” could not be read; your work is unchanged."),
                vec![Diagnostic::error("", reason)],
            ),
            Action::SaveFailed(diagnostics) => self.refuse(
                self.file_name.clone(),
                "The file could not be written.".into(),
                diagnostics,
            ),
            Action::Saved => State {
                unsaved: false,
                ..(*self).clone()
            },
            Action::DismissRefused => State {
                refused: None,
                ..(*self).clone()
            },
            Action::DismissNotice => State {
                notice: None,
                ..(*self).clone()
            },
            Action::UseTemplate { id, file } => self.use_template(&id, file),
            Action::Tailor { form, templates } => self.tailor(&form, templates),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::SetConsensus {
                vendor,
                requirement,
                value,
                rationale,
            } => self.set_consensus(&vendor, &requirement, &value, &rationale),
            Action::Merge(files) => self.merge_files(files),
            Action::EvaluateAs(id) if self.scorecard.evaluators.iter().any(|e| e.id == id) => {
                State {
                    evaluator: id,
                    rating_focus: None,
                    ..(*self).clone()
                }
            }
            Action::EvaluateAs(_) => (*self).clone(),
            Action::ShowRating {
                evaluator,
                vendor,
                requirement,
            } if self.scorecard.evaluators.iter().any(|e| e.id == evaluator) => State {
                evaluator,
                rating_focus: Some((vendor, requirement)),
                page: Page::Evaluate,
                ..(*self).clone()
            },
            Action::ShowRating { .. } => (*self).clone(),
            Action::Attest { no_conflict, date } => self.attest(no_conflict, &date),
            Action::Rate {
                vendor,
                requirement,
                score,
                note,
                at,
            } => self.rate(&vendor, &requirement, score, &note, at),
            Action::ClearRating {
                vendor,
                requirement,
            } => self.clear_rating(&vendor, &requirement),
            Action::AddVendor(name) => self.add_vendor(&name),
            Action::RenameVendor { id, name } => self.rename_vendor(&id, &name),
            Action::ImportAnswers {
                file_name,
                text,
                vendor_name,
            } => self.import_answers(&file_name, text, &vendor_name),
            Action::Edit { path, edit } => self.criterion_edit(&path, &edit),
            Action::SetMethod { category, method } => {
                self.edit(&Edit::SetMethod { category, method })
            }
            Action::SetJudgment {
                category,
                a,
                b,
                value,
            } => self.edit(&Edit::SetJudgment {
                category,
                a,
                b,
                value,
            }),
            Action::AddCriterion { parent, name, kind } => {
                self.add_criterion(&parent, &name, &kind)
            }
            Action::RemoveCriterion(path) => self.remove_criterion(&path),
            Action::MoveCriterion { path, up } => self.move_criterion(&path, up),
            Action::SetGate { path, gate } => {
                self.rule_form(&path, |card| crate::rule_edit::set_gate(card, &path, &gate))
            }
            Action::SetKnockout(policy) => self.set_knockout(policy),
            Action::EditChoice { path, edit } => self.rule_form(&path, |card| {
                crate::rule_edit::edit_choice(card, &path, &edit)
            }),
            Action::SetMultiple { path, multiple } => self.set_multiple(&path, multiple),
            Action::EditCurve { path, edit } => self.rule_form(&path, |card| {
                crate::rule_edit::edit_curve(card, &path, &edit)
            }),
            Action::EditPrice { path, edit } => self.rule_form(&path, |card| {
                crate::rule_edit::edit_price(card, &path, &edit)
            }),
            Action::SetScale { path, min, max } => self.rule_form(&path, |card| {
                crate::rule_edit::set_scale(card, &path, &min, &max)
            }),
            Action::SetAnswer {
                vendor,
                requirement,
                text,
            } => {
                match crate::vendor_edit::set_answer(&self.scorecard, &vendor, &requirement, &text)
                {
                    Ok(edit) => self.edit(&edit),
                    Err(problem) if problem.message.is_empty() => (*self).clone(),
                    Err(problem) => State {
                        field_problem: Some(problem),
                        ..(*self).clone()
                    },
                }
            }
            Action::RemoveVendor(id) => self.remove_vendor(&id),
            Action::ResolveConflict {
                conflict,
                score,
                note,
                at,
            } => self.resolve_conflict(&conflict, score, &note, at),
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests;
