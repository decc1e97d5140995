//! The page's state: the scorecard being worked on, its report, and what the last action said.
//!
//! [`State`] changes only through [`Action`]s ([`yew::Reducible`]); every change of the scorecard
//! is one of the core's edits applied to the state's [`Session`] (or, for a whole new scorecard,
//! its `replace`), which scores it again — so the report on screen always belongs to the
//! scorecard in memory — and keeps the step for undo; the work is then marked as not saved.
//! Nothing here touches the browser, and nothing computes a number that `rfp-core` does not give.
//! The actions' work is in one file per view (`files`, `matrix`, `vendors`, `evaluate`,
//! `results`, `share`).

use std::rc::Rc;

use rfp_core::edit::{Edit, EditError, Outcome, ReturnedText, Session, Touched};
use rfp_core::file::Integrity;
use rfp_core::merge::{FileVerdict, MergeReport, RatingConflict};
use rfp_core::typed::NumberStyle;
use rfp_core::{Diagnostic, Extra, KnockoutPolicy, Report, Scorecard, Scoring, Stamp};
use yew::Reducible;

pub use crate::matrix_edit::FieldProblem;
pub use profile::ProfileForm;

mod evaluate;
mod files;
mod matrix;
mod profile;
mod results;
mod share;
mod vendors;
use crate::format::quoted;
use crate::rule_edit::{ChoiceEdit, CurveEdit, GateForm, PriceEdit};

/// How many steps undo keeps, at most.
pub const HISTORY_LIMIT: usize = 50;

/// The name the demo scorecard is saved under.
const DEMO_FILE_NAME: &str = "demo-scorecard.json";

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
    /// The page has just opened and the demo scorecard, a file beside the page, is on its way:
    /// the scorecard is empty and nothing is kept in the browser. The demo replaces this state
    /// when it comes, unless something else was opened or changed first.
    pub awaiting_demo: bool,
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
    /// The demo scorecard's file was fetched (or why it could not be).
    DemoFetched(Result<String, String>),
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
        /// The evaluator whose judgment it is; none for the committee's.
        evaluator: Option<String>,
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
    /// The page as it opens: an empty scorecard while the demo's file is fetched
    /// ([`Action::DemoFetched`] shows it).
    pub fn awaiting_demo() -> State {
        State {
            awaiting_demo: true,
            notice: Some("Opening the demo scorecard…".into()),
            ..State::with_scorecard(Scorecard::default(), DEMO_FILE_NAME)
        }
    }

    /// The demo scorecard, scored, as the page shows it once its file has come.
    #[cfg(test)]
    pub fn demo() -> State {
        State::with_scorecard(rfp_templates::demo(), DEMO_FILE_NAME)
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
            awaiting_demo: false,
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
        if self.awaiting_demo {
            // Opened before the demo came: nothing was shown, so undo has nothing to bring back.
            let mut next = State::with_scorecard(scorecard, &self.file_name);
            next.generation = self.generation + 1;
            next.page = self.page;
            next.unsaved = true;
            return next;
        }
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
        self.try_edit_saying(edit).map(|(next, _)| next)
    }

    /// [`State::try_edit`], with what the core says the edit did.
    fn try_edit_saying(&self, edit: &Edit) -> Result<(State, Outcome), EditError> {
        let mut next = self.clone();
        let outcome = next.session.apply(edit)?;
        if outcome.touched == Touched::Nothing {
            let mut same = self.clone();
            same.accepted();
            return Ok((same, outcome));
        }
        next.changed();
        Ok((next, outcome))
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
        match self.try_edit_saying(edit) {
            Ok((mut next, outcome)) => {
                if next.generation != self.generation {
                    next.notice = match (edit, outcome.removed) {
                        (Edit::AddEvaluator { name, .. }, _) => Some(format!(
                            "Added the evaluator {}; their packet is ready to make.",
                            quoted(name.trim())
                        )),
                        (Edit::RemoveEvaluator { id }, Some(removed)) => Some(format!(
                            "Removed the evaluator {} with {} rating(s){}. Undo brings them back.",
                            quoted(&self.report.evaluator_name(id)),
                            removed.ratings,
                            if removed.judgments > 0 {
                                format!(" and {} AHP judgment(s)", removed.judgments)
                            } else {
                                String::new()
                            }
                        )),
                        _ => next.notice,
                    };
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
        if self.awaiting_demo {
            // Changed before the demo came: the demo no longer replaces it.
            self.awaiting_demo = false;
            self.notice = None;
        }
        if !self
            .scorecard
            .evaluators
            .iter()
            .any(|e| e.id == self.evaluator)
        {
            self.evaluator = first_evaluator(&self.scorecard);
        }
        self.unsaved = true;
        self.accepted();
    }

    /// A person's change was accepted (whether or not it changed anything): the problems said
    /// about earlier ones are gone.
    fn accepted(&mut self) {
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
            Action::DemoFetched(file) => self.demo_fetched(file),
            Action::Restore {
                file_name,
                text,
                unsaved,
            } => self.restore(file_name, &text, unsaved),
            Action::Unreadable { file_name, reason } => self.refuse(
                file_name.clone(),
                format!(
                    "{} could not be read; your work is unchanged.",
                    quoted(&file_name)
                ),
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
                evaluator,
            } => self.edit(&Edit::SetJudgment {
                category,
                a,
                b,
                value,
                at: evaluator.as_ref().and(crate::browser::now()),
                evaluator,
            }),
            Action::AddCriterion { parent, name, kind } => {
                self.add_criterion(&parent, &name, &kind)
            }
            Action::RemoveCriterion(path) => self.remove_criterion(&path),
            Action::MoveCriterion { path, up } => self.move_criterion(&path, up),
            Action::SetGate { path, gate } => self.rule_form(
                &path,
                |card| crate::rule_edit::set_gate(card, &path, &gate),
                None,
            ),
            Action::SetKnockout(policy) => self.set_knockout(policy),
            Action::EditChoice { path, edit } => self.rule_form(
                &path,
                |card| crate::rule_edit::edit_choice(card, &path, &edit),
                Some(crate::rule_edit::choice_field(
                    &self.scorecard,
                    &path,
                    &edit,
                )),
            ),
            Action::SetMultiple { path, multiple } => self.set_multiple(&path, multiple),
            Action::EditCurve { path, edit } => self.rule_form(
                &path,
                |card| crate::rule_edit::edit_curve(card, &path, &edit),
                Some(crate::rule_edit::curve_field(&self.scorecard, &path, &edit)),
            ),
            Action::EditPrice { path, edit } => self.rule_form(
                &path,
                |card| crate::rule_edit::edit_price(card, &path, &edit),
                Some(crate::rule_edit::price_field(&self.scorecard, &path, &edit)),
            ),
            Action::SetScale { path, min, max } => self.set_scale(&path, &min, &max),
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
