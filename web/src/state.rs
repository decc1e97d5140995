//! The page's state: the scorecard being worked on, its report, and what the last action said.
//!
//! [`State`] changes only through [`Action`]s ([`yew::Reducible`]); every change of the scorecard
//! goes through [`State::commit`], which re-scores it with [`rfp_core::score`] (so the report on
//! screen always belongs to the scorecard in memory), keeps the previous scorecard for undo, and
//! marks the work as not saved. Nothing here touches the browser, and nothing computes a number
//! that `rfp-core` does not give.

use std::rc::Rc;

use rfp_core::edit::{Edit, EditError, Session, Touched};
use rfp_core::merge::RatingConflict;
use rfp_core::typed::NumberStyle;
use rfp_core::{
    Diagnostic, Extra, ImplementationApproach, KnockoutPolicy, PracticeProfile, Report, Scorecard,
    Scoring,
};
use yew::Reducible;

pub use crate::matrix_edit::FieldProblem;
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

/// The practice profile form as typed: text and ticks, turned into a profile by
/// [`ProfileForm::profile`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileForm {
    /// Specialties, comma-separated.
    pub specialties: String,
    /// Number of providers.
    pub providers: String,
    /// Number of locations.
    pub locations: String,
    /// Annual encounters.
    pub annual_encounters: String,
    /// Billing models ticked (`fee_for_service`, `value_based`, …).
    pub billing_models: Vec<String>,
    /// Integrations required (`lab`, `e_prescribing`, …).
    pub integrations: Vec<String>,
    /// `big_bang`, `staged`, `undecided` or empty.
    pub approach: String,
}

impl ProfileForm {
    /// The profile, or every field that is not what it should be.
    pub fn profile(&self) -> Result<PracticeProfile, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut count = |field: &str, label: &str, text: &str| -> Option<u64> {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return None;
            }
            match rfp_core::typed::number(trimmed, NumberStyle::PLAIN) {
                Ok(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Some(n as u64),
                result => {
                    let hint = result.err().map(|p| hint(&p)).unwrap_or_default();
                    problems.push(Diagnostic::error(
                        field,
                        format!(
                            "{label}: expected a whole number of 0 or more, found “{trimmed}”{hint}"
                        ),
                    ));
                    None
                }
            }
        };
        let providers = count("providers", "Providers", &self.providers);
        let locations = count("locations", "Locations", &self.locations);
        let annual_encounters = count(
            "annual_encounters",
            "Annual encounters",
            &self.annual_encounters,
        );
        let implementation_approach = match self.approach.as_str() {
            "big_bang" => Some(ImplementationApproach::BigBang),
            "staged" => Some(ImplementationApproach::Staged),
            "undecided" => Some(ImplementationApproach::Undecided),
            _ => None,
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(PracticeProfile {
            specialties: self
                .specialties
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            providers: providers.map(|n| n as u32),
            locations: locations.map(|n| n as u32),
            annual_encounters,
            billing_models: self.billing_models.clone(),
            required_integrations: self.integrations.clone(),
            implementation_approach,
            extra: Extra::new(),
        })
    }
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
            scorecard: Rc::clone(session.scorecard()),
            report: Rc::clone(session.report()),
            session,
            envelope_extra: Rc::new(Extra::new()),
            generation: 1,
            file_name: file_name.to_owned(),
            file_notes: Rc::new(Vec::new()),
            refused: None,
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
        next.changed();
        next
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
        if next.session.undo() {
            next.changed();
            next.notice = Some("Undone.".into());
        }
        next
    }

    fn redo(&self) -> State {
        let mut next = self.clone();
        if next.session.redo() {
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
        match rfp_core::load(text) {
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
        let mut summary = MergeSummary::default();
        let mut accepted: Vec<(String, Scorecard)> = Vec::new();
        for (name, text) in files {
            let loaded = text
                .map_err(|reason| vec![Diagnostic::error("", reason)])
                .and_then(|text| rfp_core::load(&text).map_err(|e| e.diagnostics()));
            let checked = loaded.and_then(|loaded| {
                rfp_core::merge(&self.scorecard, &[(name.as_str(), &loaded.scorecard)])
                    .map(|_| loaded.scorecard)
                    .map_err(|e| e.diagnostics())
            });
            match checked {
                Ok(scorecard) => accepted.push((name, scorecard)),
                Err(diagnostics) => summary.refused.push(Refused {
                    summary: format!("“{name}” was not merged."),
                    file_name: name,
                    diagnostics,
                }),
            }
        }
        let others: Vec<(&str, &Scorecard)> =
            accepted.iter().map(|(n, s)| (n.as_str(), s)).collect();
        let mut next = self.clone();
        if !others.is_empty() {
            match rfp_core::merge(&self.scorecard, &others) {
                Ok(outcome) => {
                    summary.merged = accepted.iter().map(|(n, _)| n.clone()).collect();
                    summary.conflicts = outcome.conflicts;
                    summary.updated = outcome.updated;
                    summary.diagnostics = outcome.diagnostics;
                    next = self.commit(outcome.scorecard);
                }
                Err(error) => summary.refused.push(Refused {
                    file_name: String::new(),
                    summary: "The files were not merged.".into(),
                    diagnostics: error.diagnostics(),
                }),
            }
        }
        next.notice = Some(format!(
            "Merged {} file(s), {} rating(s) new or newer; {} refused.",
            summary.merged.len(),
            summary.updated,
            summary.refused.len()
        ));
        next.merge = Some(Rc::new(summary));
        next
    }

    fn attest(&self, no_conflict: bool, date: &str) -> State {
        self.edit(&Edit::Attest {
            evaluator: self.evaluator.clone(),
            no_conflict,
            date: date.to_owned(),
        })
    }

    fn rate(&self, vendor: &str, requirement: &str, score: f64, note: &str) -> State {
        // The evaluator's rating that counts is changed (the core's rule); a rating the core
        // refuses (off the scale, an unknown vendor) changes nothing.
        self.try_edit(&Edit::Rate {
            evaluator: self.evaluator.clone(),
            vendor: vendor.to_owned(),
            requirement: requirement.to_owned(),
            score,
            note: note.to_owned(),
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
        })
    }
}

impl State {
    /// The id of the criterion at `path` (indices from the top level down).
    fn criterion_id(&self, path: &[usize]) -> Option<String> {
        rfp_core::edit::at(&self.scorecard.criteria, path).map(|c| c.id.clone())
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
        self.try_edit(&edit).unwrap_or_else(|error| {
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
        let Some(criterion) = rfp_core::edit::at(&self.scorecard.criteria, path) else {
            return self.clone();
        };
        let mut ids = std::collections::BTreeSet::new();
        rfp_core::validate::walk(std::slice::from_ref(criterion), &mut |node, _, _| {
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
    fn resolve_conflict(&self, conflict: &RatingConflict, score: f64, note: &str) -> State {
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
        }) {
            Ok(mut next) => {
                next.notice = Some(format!(
                    "Conflict settled: {} recorded at a new revision.",
                    rfp_core::csv_io::format_number(score)
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
    match rfp_core::csv_io::find_requirement(&scorecard.criteria, requirement)?
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
                ..(*self).clone()
            },
            Action::Apply(edit) => self.apply(&edit),
            Action::SetTopWeight { index, text } => self.set_top_weight(index, &text),
            Action::Open { file_name, text } => self.open(file_name, &text),
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
                    ..(*self).clone()
                }
            }
            Action::EvaluateAs(_) => (*self).clone(),
            Action::Attest { no_conflict, date } => self.attest(no_conflict, &date),
            Action::Rate {
                vendor,
                requirement,
                score,
                note,
            } => self.rate(&vendor, &requirement, score, &note),
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
            } => self.resolve_conflict(&conflict, score, &note),
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rfp_core::Rating;
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

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

    fn weight(state: &State, text: &str) -> State {
        reduce(
            state.clone(),
            Action::SetTopWeight {
                index: 0,
                text: text.into(),
            },
        )
    }

    #[test]
    fn undo_and_redo_walk_a_bounded_history() {
        let demo = State::demo();
        assert!(!demo.unsaved);
        let one = weight(&demo, "1");
        let two = weight(&one, "2");
        assert!(two.unsaved);
        let back = reduce(two.clone(), Action::Undo);
        assert_eq!(back.scorecard, one.scorecard);
        assert_eq!(*back.report, rfp_core::score(&back.scorecard));
        let again = reduce(back.clone(), Action::Redo);
        assert_eq!(again.scorecard, two.scorecard);
        // A new change clears what could be redone.
        let other = weight(&back, "3");
        assert!(!other.can_redo());
        // Nothing to undo or redo: nothing happens.
        assert_eq!(reduce(demo.clone(), Action::Undo).scorecard, demo.scorecard);
        assert_eq!(reduce(demo.clone(), Action::Redo).scorecard, demo.scorecard);
        let mut state = demo.clone();
        for i in 0..(HISTORY_LIMIT + 10) {
            state = weight(&state, &i.to_string());
        }
        assert_eq!(state.session.undo_len(), HISTORY_LIMIT);
    }

    #[test]
    fn undo_puts_a_changed_rating_back() {
        let demo = State::demo();
        let one = reduce(demo.clone(), demo.bench_change().expect("a change"));
        let two = reduce(one.clone(), one.bench_change().expect("a change"));
        // A rating taken back (a whole step), then given again: added at the end.
        let mine = two
            .scorecard
            .ratings
            .iter()
            .find(|r| r.evaluator == two.evaluator)
            .expect("a rating")
            .clone();
        let (vendor, requirement) = (mine.vendor.to_string(), mine.requirement.to_string());
        let cleared = reduce(
            two.clone(),
            Action::ClearRating {
                vendor: vendor.clone(),
                requirement: requirement.clone(),
            },
        );
        let (min, _) = rating_rule(&two.scorecard, &requirement).expect("a scale");
        let three = reduce(
            cleared.clone(),
            Action::Rate {
                vendor,
                requirement,
                score: f64::from(min),
                note: String::new(),
            },
        );
        assert_eq!(
            three.scorecard.ratings.len(),
            cleared.scorecard.ratings.len() + 1
        );
        let mut state = three.clone();
        for earlier in [&cleared, &two, &one, &demo] {
            state = reduce(state, Action::Undo);
            assert_eq!(state.scorecard, earlier.scorecard);
            assert_eq!(*state.report, rfp_core::score(&state.scorecard));
        }
        for later in [&one, &two, &cleared, &three] {
            state = reduce(state, Action::Redo);
            assert_eq!(state.scorecard, later.scorecard);
            assert_eq!(*state.report, rfp_core::score(&state.scorecard));
        }
        // Mixed with whole scorecards (a weight), in order.
        let weighted = weight(&three, "7");
        let back = reduce(reduce(weighted, Action::Undo), Action::Undo);
        assert_eq!(back.scorecard, cleared.scorecard);
        assert_eq!(*back.report, rfp_core::score(&back.scorecard));
    }

    #[test]
    fn a_new_rating_changes_the_one_that_counts_after_a_merge_left_older_ones() {
        let demo = reduce(State::demo(), Action::EvaluateAs("natarajan".into()));
        let mine = demo
            .scorecard
            .ratings
            .iter()
            .position(|r| r.evaluator == "natarajan")
            .expect("a rating");
        // An older revision first in the file, the latest (revision 3) later, as a merge may
        // leave them.
        let mut card = (*demo.scorecard).clone();
        let mut latest = card.ratings[mine].clone();
        latest.revision = 3;
        card.ratings[mine].revision = 1;
        card.ratings.push(latest.clone());
        let merged = demo.replace(card, "merged.json", String::new());
        let (min, _) = rating_rule(&merged.scorecard, &latest.requirement).expect("a scale");
        let level = if latest.score == f64::from(min) {
            min + 1
        } else {
            min
        };
        let rated = reduce(
            merged.clone(),
            Action::Rate {
                vendor: latest.vendor.to_string(),
                requirement: latest.requirement.to_string(),
                score: f64::from(level),
                note: String::new(),
            },
        );
        let last = rated.scorecard.ratings.last().expect("ratings");
        assert_eq!((last.revision, last.score), (4, f64::from(level)));
        assert_eq!(
            rated.scorecard.ratings[mine].revision, 1,
            "the older one is left"
        );
        assert_eq!(*rated.report, rfp_core::score(&rated.scorecard));
        // Two different values at the same revision (a conflict): choosing one of them again
        // settles it with a new revision, though it equals the rating that was changed.
        let mut card = (*rated.scorecard).clone();
        let mut twin = card.ratings.last().expect("ratings").clone();
        twin.score = latest.score;
        card.ratings.push(twin);
        let conflicted = rated.replace(card, "conflict.json", String::new());
        let settled = reduce(
            conflicted.clone(),
            Action::Rate {
                vendor: latest.vendor.to_string(),
                requirement: latest.requirement.to_string(),
                score: latest.score,
                note: String::new(),
            },
        );
        assert_eq!(settled.generation, conflicted.generation + 1);
        let top = settled
            .scorecard
            .ratings
            .iter()
            .filter(|r| {
                r.evaluator == "natarajan"
                    && r.vendor == latest.vendor
                    && r.requirement == latest.requirement
            })
            .max_by_key(|r| r.revision)
            .expect("a rating");
        assert_eq!((top.revision, top.score), (5, latest.score));
    }

    #[test]
    fn tailoring_lists_its_adjustments_and_a_bad_profile_changes_nothing() {
        let demo = State::demo();
        let form = ProfileForm {
            specialties: "family medicine, pediatrics".into(),
            providers: "6".into(),
            locations: "2".into(),
            billing_models: vec!["fee_for_service".into(), "value_based".into()],
            integrations: vec!["lab".into()],
            approach: "staged".into(),
            ..ProfileForm::default()
        };
        let files = || {
            Ok(rfp_templates::TEMPLATES
                .iter()
                .map(|t| t.file().to_owned())
                .collect())
        };
        let tailor = |form: &ProfileForm, templates| {
            reduce(
                demo.clone(),
                Action::Tailor {
                    form: form.clone(),
                    templates,
                },
            )
        };
        let tailored = tailor(&form, files());
        assert!(tailored.tailored.is_some());
        assert!(tailored.scorecard.meta.adjustments.len() > 3);
        assert_eq!(tailored.page, Page::Start);
        let bad = ProfileForm {
            providers: "many".into(),
            ..form.clone()
        };
        let refused = tailor(&bad, files());
        assert_eq!(refused.scorecard, demo.scorecard);
        let message = &refused.refused.expect("refused").diagnostics[0].message;
        assert!(
            message.contains("Providers: expected a whole number"),
            "{message}"
        );
        // The templates could not be fetched: said, and the work is unchanged.
        let offline = tailor(&form, Err("the server answered 404".into()));
        assert_eq!(offline.scorecard, demo.scorecard);
        let refused = offline.refused.expect("refused");
        assert_eq!(refused.diagnostics[0].message, "the server answered 404");
    }

    #[test]
    fn a_template_opens_from_its_fetched_file_and_a_bad_one_changes_nothing() {
        let demo = State::demo();
        let pediatrics = rfp_templates::find("pediatrics").expect("shipped");
        let use_template = |id: &str, file| {
            reduce(
                demo.clone(),
                Action::UseTemplate {
                    id: id.into(),
                    file,
                },
            )
        };
        let opened = use_template("pediatrics", Ok(pediatrics.file().to_owned()));
        assert_eq!(opened.scorecard.meta.template, "pediatrics");
        assert_eq!(opened.file_name, "pediatrics.json");
        for (id, file) in [
            ("pediatrics", Err("the server answered 404".to_owned())),
            ("pediatrics", Ok("{ not json".to_owned())),
            ("no-such-template", Ok(pediatrics.file().to_owned())),
        ] {
            let refused = use_template(id, file);
            assert_eq!(refused.scorecard, demo.scorecard, "{id}");
            assert!(refused.refused.is_some(), "{id}");
        }
    }

    #[test]
    fn consensus_needs_a_rationale_and_a_level_on_the_scale() {
        let demo = State::demo();
        let d = demo.report.disagreements[0].clone();
        let set = |value: &str, rationale: &str| {
            reduce(
                demo.clone(),
                Action::SetConsensus {
                    vendor: d.vendor_id.to_string(),
                    requirement: d.requirement_id.to_string(),
                    value: value.into(),
                    rationale: rationale.into(),
                },
            )
        };
        for (value, rationale, expected) in [
            ("2", "  ", "Rationale"),
            ("9", "why", "expected a level from 0 to 5"),
            ("x", "why", "expected a level from 0 to 5"),
        ] {
            let refused = set(value, rationale);
            assert_eq!(refused.scorecard, demo.scorecard);
            let problem = refused.consensus_problem.expect("a problem");
            assert!(problem.message.contains(expected), "{}", problem.message);
        }
        let recorded = set("0", "demo failed");
        let entries: Vec<_> = recorded
            .scorecard
            .consensus
            .iter()
            .filter(|c| c.vendor == d.vendor_id && c.requirement == d.requirement_id)
            .collect();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].value, 0.0);
        assert_eq!(*recorded.report, rfp_core::score(&recorded.scorecard));
    }

    #[test]
    fn an_evaluator_rates_with_revisions_and_saves_only_their_own_ratings() {
        let demo = State::demo();
        let chosen = reduce(demo.clone(), Action::EvaluateAs("natarajan".into()));
        assert_eq!(chosen.evaluator, "natarajan");
        let mine = chosen
            .scorecard
            .ratings
            .iter()
            .find(|r| r.evaluator == "natarajan")
            .expect("a rating")
            .clone();
        let (min, _) = rating_rule(&chosen.scorecard, &mine.requirement).expect("a rating rule");
        let score = if mine.score == f64::from(min) {
            min + 1
        } else {
            min
        };
        let rated = reduce(
            chosen.clone(),
            Action::Rate {
                vendor: mine.vendor.to_string(),
                requirement: mine.requirement.to_string(),
                score: f64::from(score),
                note: "note".into(),
            },
        );
        let after = rated
            .scorecard
            .ratings
            .iter()
            .find(|r| {
                r.evaluator == "natarajan"
                    && r.vendor == mine.vendor
                    && r.requirement == mine.requirement
            })
            .expect("still there");
        assert_eq!(after.revision, mine.revision + 1);
        assert_eq!(after.score, f64::from(score));
        // Out of the scale: ignored.
        let ignored = reduce(
            rated.clone(),
            Action::Rate {
                vendor: mine.vendor.to_string(),
                requirement: mine.requirement.to_string(),
                score: 99.0,
                note: String::new(),
            },
        );
        assert_eq!(ignored.scorecard, rated.scorecard);
        // Taken back: unrated again, one rating fewer, and scored as such; undo brings it back.
        let cleared = reduce(
            rated.clone(),
            Action::ClearRating {
                vendor: mine.vendor.to_string(),
                requirement: mine.requirement.to_string(),
            },
        );
        assert_eq!(
            cleared.scorecard.ratings.len(),
            rated.scorecard.ratings.len() - 1
        );
        assert!(
            !cleared
                .scorecard
                .ratings
                .iter()
                .any(|r| r.evaluator == "natarajan"
                    && r.vendor == mine.vendor
                    && r.requirement == mine.requirement)
        );
        assert_eq!(*cleared.report, rfp_core::score(&cleared.scorecard));
        let progress = |s: &State| {
            s.report
                .evaluators
                .iter()
                .find(|p| p.evaluator_id == "natarajan")
                .map(|p| p.rated)
        };
        assert_eq!(progress(&cleared), progress(&rated).map(|n| n - 1));
        assert_eq!(
            reduce(cleared.clone(), Action::Undo).scorecard,
            rated.scorecard
        );
        let nothing = reduce(
            cleared.clone(),
            Action::ClearRating {
                vendor: mine.vendor.to_string(),
                requirement: mine.requirement.to_string(),
            },
        );
        assert_eq!(nothing.generation, cleared.generation);
        let attested = reduce(
            rated.clone(),
            Action::Attest {
                no_conflict: true,
                date: "2026-11-22".into(),
            },
        );
        let text = attested.packet_text("natarajan").expect("a packet");
        let packet = rfp_core::load(&text).expect("loads").scorecard;
        assert!(packet.ratings.iter().all(|r| r.evaluator == "natarajan"));
        assert_eq!(packet.evaluators.len(), 1);
        assert_eq!(
            packet.evaluators[0]
                .attestation
                .as_ref()
                .map(|a| a.date.as_str()),
            Some("2026-11-22")
        );
    }

    #[test]
    fn merging_returned_files_refuses_the_bad_ones_and_keeps_the_work() {
        let demo = State::demo();
        let mut returned = rfp_core::merge::packet(&demo.scorecard, "osei").expect("packet");
        for rating in &mut returned.ratings {
            rating.score = 0.0;
            rating.revision += 1;
        }
        let mut other = (*demo.scorecard).clone();
        other.criteria[0].id = "renamed".into();
        let files = vec![
            (
                "good.json".to_owned(),
                Ok(rfp_core::save(&returned).expect("saves")),
            ),
            ("broken.json".to_owned(), Ok("{".to_owned())),
            (
                "other.json".to_owned(),
                Ok(rfp_core::save(&other).expect("saves")),
            ),
            ("unreadable.json".to_owned(), Err("gone".to_owned())),
        ];
        let merged = reduce(demo.clone(), Action::Merge(files));
        let summary = merged.merge.clone().expect("a summary");
        assert_eq!(summary.merged, vec!["good.json".to_owned()]);
        let refused: Vec<&str> = summary
            .refused
            .iter()
            .map(|r| r.file_name.as_str())
            .collect();
        assert_eq!(refused, ["broken.json", "other.json", "unreadable.json"]);
        assert!(summary.updated > 0);
        assert_ne!(totals(&merged), totals(&demo));
        // Only refused files: the work is untouched.
        let none = reduce(
            demo.clone(),
            Action::Merge(vec![("broken.json".into(), Ok("{".into()))]),
        );
        assert_eq!(none.scorecard, demo.scorecard);
    }

    #[test]
    fn work_kept_in_the_browser_is_restored_and_a_damaged_entry_is_refused() {
        let demo = weight(&State::demo(), "7");
        let mut storage = crate::storage::MemoryStorage::default();
        let work = crate::storage::KeptWork {
            text: demo.file_text().expect("saves"),
            file_name: "mine.json".into(),
            unsaved: true,
        };
        crate::storage::keep(&mut storage, &work).expect("kept");
        let kept = crate::storage::kept(&storage).expect("there");
        let restored = reduce(
            State::demo(),
            Action::Restore {
                file_name: kept.file_name,
                text: kept.text,
                unsaved: kept.unsaved,
            },
        );
        assert_eq!(restored.scorecard, demo.scorecard);
        assert!(restored.unsaved);
        assert_eq!(restored.file_name, "mine.json");
        let damaged = reduce(
            State::demo(),
            Action::Restore {
                file_name: "mine.json".into(),
                text: "{".into(),
                unsaved: true,
            },
        );
        assert_eq!(damaged.scorecard, State::demo().scorecard);
        assert!(damaged.refused.is_some());
    }

    #[test]
    fn the_benchmark_change_changes_a_rating() {
        let demo = State::demo();
        let action = demo.bench_change().expect("a rating to change");
        let changed = reduce(demo.clone(), action);
        assert_ne!(changed.scorecard.ratings, demo.scorecard.ratings);
        assert_eq!(changed.generation, demo.generation + 1);
        // Rescored from the prepared parts, it is the report scored in full; so is undo's.
        assert_eq!(*changed.report, rfp_core::score(&changed.scorecard));
        assert_ne!(changed.report, demo.report);
        let again = reduce(changed.clone(), changed.bench_change().expect("again"));
        assert_eq!(*again.report, rfp_core::score(&again.scorecard));
        let undone = reduce(again, Action::Undo);
        assert_eq!(undone.report, changed.report);
        // The kept parts now describe a later scorecard: an earlier state changed again
        // scores in full, and still right.
        let other = reduce(demo.clone(), demo.bench_change().expect("a change"));
        let branch = reduce(other.clone(), other.bench_change().expect("a change"));
        assert_eq!(*branch.report, rfp_core::score(&branch.scorecard));
        let from_changed = reduce(changed.clone(), changed.bench_change().expect("a change"));
        assert_eq!(
            *from_changed.report,
            rfp_core::score(&from_changed.scorecard)
        );
    }

    #[test]
    fn vendors_are_added_renamed_and_a_bad_sheet_changes_nothing() {
        let demo = State::demo();
        let added = reduce(demo.clone(), Action::AddVendor("  CedarChart ".into()));
        let ids: Vec<&str> = added
            .scorecard
            .vendors
            .iter()
            .map(|v| v.id.as_str())
            .collect();
        assert!(ids.contains(&"cedarchart_2"), "{ids:?}");
        let empty = reduce(demo.clone(), Action::AddVendor("  ".into()));
        assert_eq!(empty.scorecard, demo.scorecard);
        assert!(empty.refused.is_some());
        let renamed = reduce(
            demo.clone(),
            Action::RenameVendor {
                id: "cedarchart".into(),
                name: "Cedar".into(),
            },
        );
        assert!(renamed.report.vendors.iter().any(|v| v.name == "Cedar"));
        let id = "fit.clinical.care_gaps";
        let import = |text: String| {
            reduce(
                demo.clone(),
                Action::ImportAnswers {
                    file_name: "a.csv".into(),
                    text: Ok(text),
                    vendor_name: "Newco".into(),
                },
            )
        };
        let bad = import(format!("requirement,answer\n{id},perhaps\n"));
        let broken = import("requirement,answer\nno_such_requirement,yes\n".into());
        let good = import(format!("requirement,answer\n{id},yes\n"));
        assert!(good.report.vendors.iter().any(|v| v.name == "Newco"));
        for refused in [bad, broken] {
            assert_eq!(refused.scorecard, demo.scorecard);
            assert!(refused.refused.is_some());
        }
    }

    fn errors(state: &State) -> Vec<Diagnostic> {
        rfp_core::validate(&state.scorecard)
            .into_iter()
            .filter(|d| d.severity == rfp_core::Severity::Error)
            .collect()
    }

    fn leader(state: &State) -> String {
        state
            .report
            .vendors
            .iter()
            .find(|v| v.rank == 1)
            .expect("a leader")
            .vendor_id
            .clone()
    }

    fn path_of(scorecard: &Scorecard, id: &str) -> Vec<usize> {
        rfp_core::edit::path_of(&scorecard.criteria, id).expect(id)
    }

    #[test]
    fn the_criteria_tree_is_added_to_moved_and_pruned_by_undoable_actions() {
        let demo = State::demo();
        let top = demo.scorecard.criteria.len();
        let category = reduce(
            demo.clone(),
            Action::AddCriterion {
                parent: Vec::new(),
                name: "Security".into(),
                kind: "category".into(),
            },
        );
        assert_eq!(category.scorecard.criteria.len(), top + 1);
        let requirement = reduce(
            category.clone(),
            Action::AddCriterion {
                parent: vec![top],
                name: "SOC 2 type II report".into(),
                kind: "yes_no".into(),
            },
        );
        let info = requirement
            .report
            .requirements
            .iter()
            .find(|r| r.id == "security.soc_2_type_ii_report")
            .expect("scored");
        assert_eq!(info.kind, "yes_no");
        assert!(
            errors(&requirement).is_empty(),
            "{:?}",
            errors(&requirement)
        );
        assert_eq!(
            reduce(requirement.clone(), Action::Undo).scorecard,
            category.scorecard
        );
        let refused = reduce(
            demo.clone(),
            Action::AddCriterion {
                parent: vec![0],
                name: " ".into(),
                kind: "yes_no".into(),
            },
        );
        assert_eq!(refused.scorecard, demo.scorecard);
        let problem = refused.field_problem.expect("a problem");
        assert_eq!(
            problem.field,
            format!("new-name-{}", demo.scorecard.criteria[0].id)
        );

        let moved = reduce(
            demo.clone(),
            Action::MoveCriterion {
                path: vec![1],
                up: true,
            },
        );
        assert_eq!(
            moved.scorecard.criteria[0].id,
            demo.scorecard.criteria[1].id
        );
        assert_eq!(moved.session.undo_len(), 1);
        let stuck = reduce(
            demo.clone(),
            Action::MoveCriterion {
                path: vec![0],
                up: true,
            },
        );
        assert_eq!(stuck, demo);

        // Removing a category with rated requirements takes their ratings and consensus too.
        let rated = demo.report.disagreements[0].requirement_id.to_string();
        let with_consensus = reduce(
            demo.clone(),
            Action::SetConsensus {
                vendor: demo.report.disagreements[0].vendor_id.to_string(),
                requirement: rated.clone(),
                value: "1".into(),
                rationale: "agreed".into(),
            },
        );
        let path = path_of(&demo.scorecard, &rated);
        let removed = reduce(
            with_consensus.clone(),
            Action::RemoveCriterion(vec![path[0]]),
        );
        assert!(removed.scorecard.consensus.is_empty());
        assert!(
            removed
                .scorecard
                .ratings
                .iter()
                .all(|r| r.requirement != rated)
        );
        assert!(errors(&removed).is_empty(), "{:?}", errors(&removed));
        assert!(
            removed
                .notice
                .as_deref()
                .is_some_and(|n| n.contains("Removed"))
        );
        assert!(!removed.report.requirements.iter().any(|r| r.id == rated));
        assert_eq!(
            reduce(removed, Action::Undo).scorecard,
            with_consensus.scorecard
        );
    }

    #[test]
    fn a_gate_that_the_leader_fails_knocks_it_out_unless_the_policy_only_flags() {
        let demo = State::demo();
        let first = leader(&demo);
        // A numeric requirement on which another qualified vendor answered more than the leader.
        let value = |vendor: &str, id: &str| {
            let v = demo.scorecard.vendors.iter().find(|v| v.id == vendor)?;
            match v.answers.get(id)? {
                rfp_core::Answer::Number(n) => Some(*n),
                _ => None,
            }
        };
        let (requirement, threshold) = demo
            .report
            .requirements
            .iter()
            .filter(|r| r.kind == "numeric" && r.gate.is_none())
            .find_map(|r| {
                let mine = value(&first, &r.id)?;
                demo.report
                    .vendors
                    .iter()
                    .filter(|v| v.vendor_id != first && v.gate_failures.is_empty())
                    .filter_map(|v| value(&v.vendor_id, &r.id))
                    .find(|other| *other > mine)
                    .map(|other| (r.id.clone(), other))
            })
            .expect("such a requirement");
        let path = path_of(&demo.scorecard, &requirement);
        let gate = |threshold: &str| Action::SetGate {
            path: path.clone(),
            gate: GateForm {
                kind: "at_least".into(),
                threshold: threshold.into(),
                options: Vec::new(),
            },
        };
        let gated = reduce(demo.clone(), gate(&threshold.to_string()));
        assert_ne!(leader(&gated), first);
        let knocked = gated
            .report
            .vendors
            .iter()
            .find(|v| v.vendor_id == first)
            .expect("there");
        assert!(
            knocked
                .gate_failures
                .iter()
                .any(|f| f.requirement_id == requirement)
        );
        let flagged = reduce(gated.clone(), Action::SetKnockout(KnockoutPolicy::Flag));
        assert_eq!(leader(&flagged), first);
        assert_eq!(flagged.scorecard.settings.knockout, KnockoutPolicy::Flag);
        let same = reduce(flagged.clone(), Action::SetKnockout(KnockoutPolicy::Flag));
        assert_eq!(same.session.undo_len(), flagged.session.undo_len());

        let refused = reduce(gated.clone(), gate("abc"));
        assert_eq!(refused.scorecard, gated.scorecard);
        let problem = refused.field_problem.clone().expect("a problem");
        assert_eq!(problem.field, format!("gate-threshold-{requirement}"));
        assert!(
            problem.message.contains("found “abc”"),
            "{}",
            problem.message
        );
        // The next accepted change puts the problem away.
        let cleared = reduce(
            refused,
            Action::SetGate {
                path: path.clone(),
                gate: GateForm {
                    kind: "none".into(),
                    ..GateForm::default()
                },
            },
        );
        assert!(cleared.field_problem.is_none());
        assert_eq!(leader(&cleared), first);
    }

    #[test]
    fn choice_options_and_numeric_curves_change_the_scores() {
        let demo = State::demo();
        let choice = demo
            .report
            .requirements
            .iter()
            .find(|r| r.kind == "choice")
            .expect("a choice")
            .id
            .clone();
        let path = path_of(&demo.scorecard, &choice);
        let added = reduce(
            demo.clone(),
            Action::EditChoice {
                path: path.clone(),
                edit: ChoiceEdit::Add {
                    label: "Gold plated".into(),
                    points: "1000".into(),
                },
            },
        );
        // A far better option lowers everyone's score on that requirement.
        assert_ne!(totals(&added), totals(&demo));
        assert!(errors(&added).is_empty(), "{:?}", errors(&added));
        let refused = reduce(
            demo.clone(),
            Action::EditChoice {
                path: path.clone(),
                edit: ChoiceEdit::Points {
                    index: 0,
                    text: "lots".into(),
                },
            },
        );
        assert_eq!(refused.scorecard, demo.scorecard);
        assert_eq!(
            refused.field_problem.expect("a problem").field,
            format!("option-points-{choice}-0")
        );
        let numeric = path_of(&demo.scorecard, "sla.uptime");
        let steeper = reduce(
            demo.clone(),
            Action::EditCurve {
                path: numeric.clone(),
                edit: crate::rule_edit::CurveEdit::Best("99.6".into()),
            },
        );
        assert_ne!(totals(&steeper), totals(&demo));
        let refused = reduce(
            steeper.clone(),
            Action::EditCurve {
                path: numeric,
                edit: crate::rule_edit::CurveEdit::Best("x".into()),
            },
        );
        assert_eq!(refused.scorecard, steeper.scorecard);
        assert_eq!(
            refused.field_problem.expect("a problem").field,
            "curve-best-sla.uptime"
        );
    }

    #[test]
    fn answers_are_entered_by_hand_and_a_bad_one_is_refused_at_its_field() {
        let demo = reduce(State::demo(), Action::AddVendor("Newco".into()));
        let total = |state: &State| {
            state
                .report
                .vendors
                .iter()
                .find(|v| v.vendor_id == "newco")
                .expect("there")
                .total
        };
        let answer = |state: &State, requirement: &str, text: &str| {
            reduce(
                state.clone(),
                Action::SetAnswer {
                    vendor: "newco".into(),
                    requirement: requirement.into(),
                    text: text.into(),
                },
            )
        };
        let yes = answer(&demo, "fit.clinical.care_gaps", "yes");
        assert!(total(&yes) > total(&demo));
        let number = answer(&yes, "sla.uptime", "99.9%");
        assert!(total(&number) > total(&yes));
        let price = answer(&number, "cost.tco", "$300,000");
        assert!(total(&price) > total(&number));
        let lines = answer(&price, "cost.tco", "one_time=50000; recurring=12000");
        assert!(matches!(
            lines
                .scorecard
                .vendors
                .last()
                .expect("newco")
                .answers
                .get("cost.tco"),
            Some(rfp_core::Answer::Price(_))
        ));
        assert!(errors(&lines).is_empty(), "{:?}", errors(&lines));
        for (requirement, text) in [
            ("fit.clinical.care_gaps", "perhaps"),
            ("sla.uptime", "abc"),
            ("cost.tco", "-5"),
            ("fit.usability.mobile", "no such option"),
        ] {
            let refused = answer(&price, requirement, text);
            assert_eq!(refused.scorecard, price.scorecard, "{text}");
            let problem = refused.field_problem.expect("a problem");
            assert_eq!(problem.field, format!("answer-newco-{requirement}"));
            assert!(
                problem.message.starts_with("Answer: "),
                "{}",
                problem.message
            );
            assert_eq!(problem.text, text);
        }
        let cleared = answer(&price, "fit.clinical.care_gaps", "");
        assert!(total(&cleared) < total(&price));
        // Clearing what is not there changes nothing.
        assert_eq!(answer(&demo, "fit.clinical.care_gaps", ""), demo);
    }

    #[test]
    fn removing_a_vendor_takes_its_ratings_and_consensus() {
        let demo = State::demo();
        let d = demo.report.disagreements[0].clone();
        let with_consensus = reduce(
            demo.clone(),
            Action::SetConsensus {
                vendor: d.vendor_id.to_string(),
                requirement: d.requirement_id.to_string(),
                value: "2".into(),
                rationale: "agreed".into(),
            },
        );
        let removed = reduce(
            with_consensus.clone(),
            Action::RemoveVendor(d.vendor_id.to_string()),
        );
        assert_eq!(removed.report.vendors.len(), 3);
        assert!(
            !removed
                .report
                .vendors
                .iter()
                .any(|v| v.vendor_id == d.vendor_id)
        );
        assert!(
            removed
                .scorecard
                .ratings
                .iter()
                .all(|r| r.vendor != d.vendor_id)
        );
        assert!(removed.scorecard.consensus.is_empty());
        assert!(errors(&removed).is_empty(), "{:?}", errors(&removed));
        assert_eq!(
            reduce(removed.clone(), Action::Undo).scorecard,
            with_consensus.scorecard
        );
        assert_eq!(
            reduce(removed.clone(), Action::RemoveVendor("nobody".into())),
            removed
        );
    }

    #[test]
    fn the_chair_settles_a_merge_conflict_with_one_of_its_values() {
        let demo = State::demo();
        let returned = |score: f64| {
            let mut packet = rfp_core::merge::packet(&demo.scorecard, "osei").expect("packet");
            let rating = &mut packet.ratings[0];
            rating.score = score;
            rating.revision += 1;
            Ok(rfp_core::save(&packet).expect("saves"))
        };
        let merged = reduce(
            demo.clone(),
            Action::Merge(vec![
                ("a.json".into(), returned(0.0)),
                ("b.json".into(), returned(5.0)),
            ]),
        );
        let open = merged.open_conflicts();
        assert_eq!(open.len(), 1);
        let conflict = open[0].clone();
        let (score, note) = conflict.values[1].clone();
        let settled = reduce(
            merged.clone(),
            Action::ResolveConflict {
                conflict: conflict.clone(),
                score,
                note: note.clone(),
            },
        );
        assert!(settled.open_conflicts().is_empty());
        let ratings: Vec<&Rating> = settled
            .scorecard
            .ratings
            .iter()
            .filter(|r| {
                r.evaluator == conflict.evaluator
                    && r.vendor == conflict.vendor
                    && r.requirement == conflict.requirement
            })
            .collect();
        // The chosen value counts, alone at a new revision (the older ones stay, superseded).
        let latest: Vec<&&Rating> = ratings
            .iter()
            .filter(|r| r.revision == conflict.revision + 1)
            .collect();
        assert_eq!(latest.len(), 1);
        assert_eq!(latest[0].score, score);
        assert!(ratings.iter().all(|r| r.revision <= conflict.revision + 1));
        assert!(
            !settled
                .report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("conflicting ratings"))
        );
        // A value that was not one of the conflict's is ignored; undo opens the conflict again.
        let ignored = reduce(
            merged.clone(),
            Action::ResolveConflict {
                conflict,
                score: 3.5,
                note,
            },
        );
        assert_eq!(ignored.scorecard, merged.scorecard);
        assert_eq!(reduce(settled, Action::Undo).open_conflicts().len(), 1);
    }

    #[test]
    fn a_committee_adds_its_roster_and_each_member_gets_a_packet() {
        let mut card = rfp_templates::demo();
        card.evaluators.clear();
        card.ratings.clear();
        card.consensus.clear();
        let empty = State::with_scorecard(card, "tailored.json");
        assert!(empty.packet_text("anyone").is_err());
        let one = reduce(
            empty.clone(),
            Action::Apply(Edit::AddEvaluator {
                name: " Dr. Amara Osei ".into(),
                role: "physician".into(),
            }),
        );
        assert_eq!(one.report.evaluators.len(), 1);
        assert_eq!(one.evaluator, "dr_amara_osei", "the first evaluator rates");
        assert!(
            one.notice
                .as_deref()
                .is_some_and(|n| n.contains("Dr. Amara Osei"))
        );
        assert!(one.packet_text("dr_amara_osei").is_ok());
        let refused = reduce(
            one.clone(),
            Action::Apply(Edit::AddEvaluator {
                name: "  ".into(),
                role: String::new(),
            }),
        );
        assert_eq!(refused.scorecard, one.scorecard);
        assert!(
            refused
                .edit_problem
                .as_deref()
                .is_some_and(|p| p.contains("needs a name"))
        );
        let renamed = reduce(
            one.clone(),
            Action::Apply(Edit::SetRole {
                id: "dr_amara_osei".into(),
                role: "it".into(),
            }),
        );
        assert_eq!(renamed.report.evaluators[0].role, "it");
        let removed = reduce(
            renamed,
            Action::Apply(Edit::RemoveEvaluator {
                id: "dr_amara_osei".into(),
            }),
        );
        assert!(removed.report.evaluators.is_empty());
        assert_eq!(reduce(removed, Action::Undo).report.evaluators.len(), 1);
    }

    #[test]
    fn numbers_typed_in_fields_follow_the_core_grammar() {
        let demo = State::demo();
        // `1,5` is not fifteen: refused with the hint to write a point.
        let refused = weight(&demo, "1,5");
        assert_eq!(refused.scorecard, demo.scorecard);
        let problem = refused.weight_problem.expect("a problem");
        assert!(problem.message.contains("1.5"), "{}", problem.message);
        assert_eq!(weight(&demo, "1,500").scorecard.criteria[0].weight, 1500.0);
    }

    /// The shared edit list (`tests/data/edits/`) through the page's actions gives the golden
    /// scorecard the core, the command line and the JavaScript API give.
    #[test]
    fn the_shared_edit_list_gives_the_same_scorecard_as_everywhere() {
        let load = |text: &str| rfp_core::load(text).expect("loads").scorecard;
        let demo = load(include_str!("../../tests/data/golden/demo.json"));
        let expected = load(include_str!(
            "../../tests/data/edits/committee.expected.json"
        ));
        let edits: Vec<Edit> =
            serde_json::from_str(include_str!("../../tests/data/edits/committee.edits.json"))
                .expect("edits");
        let mut state = State::with_scorecard(demo, "demo.json");
        for edit in edits {
            let before = state.generation;
            state = reduce(state, Action::Apply(edit.clone()));
            assert_ne!(
                state.generation, before,
                "{edit:?}: {:?}",
                state.edit_problem
            );
        }
        assert_eq!(*state.scorecard, expected);
        assert_eq!(*state.report, rfp_core::score(&expected));
    }

    #[test]
    fn one_option_or_several_goes_through_the_core_and_a_refusal_stays_at_the_box() {
        let demo = State::demo();
        let id = "interop.lab.interface";
        let path = rfp_core::edit::path_of(&demo.scorecard.criteria, id).expect(id);
        let several = reduce(
            demo.clone(),
            Action::SetMultiple {
                path: path.clone(),
                multiple: true,
            },
        );
        assert!(
            several
                .scorecard
                .vendors
                .iter()
                .all(|v| !matches!(v.answers.get(id), Some(rfp_core::Answer::Text(_))))
        );
        assert_eq!(
            reduce(several.clone(), Action::Undo).scorecard,
            demo.scorecard
        );
        let options: Vec<String> =
            match &rfp_core::edit::find_criterion(&several.scorecard.criteria, id)
                .expect("there")
                .scoring
            {
                Some(Scoring::Choice(rule)) => rule.options.iter().map(|o| o.id.clone()).collect(),
                _ => panic!("a choice"),
            };
        let two = reduce(
            several,
            Action::Apply(Edit::SetAnswer {
                vendor: demo.scorecard.vendors[0].id.clone(),
                requirement: id.into(),
                answer: Some(rfp_core::Answer::List(options[..2].to_vec())),
            }),
        );
        let refused = reduce(
            two.clone(),
            Action::SetMultiple {
                path,
                multiple: false,
            },
        );
        assert_eq!(refused.scorecard, two.scorecard);
        let problem = refused.field_problem.expect("a problem");
        assert_eq!(problem.field, format!("multiple-{id}"));
        assert!(problem.message.contains(&demo.scorecard.vendors[0].name));
    }

    #[test]
    fn an_opened_file_lists_each_problem_once() {
        let mut card = rfp_templates::demo();
        // A remark of meaning (validation's), which both loading and scoring make.
        card.profile.billing_models.push("barter".into());
        let text = rfp_core::save(&card).expect("saves");
        let tampered = text.replacen("\"title\": \"", "\"title\": \"x", 1);
        let barter = |list: &[Diagnostic]| list.iter().any(|d| d.message.contains("barter"));
        assert!(barter(
            &rfp_core::load(&tampered).expect("loads").diagnostics
        ));
        let opened = reduce(
            State::demo(),
            Action::Open {
                file_name: "edited.json".into(),
                text: tampered,
            },
        );
        assert!(opened.refused.is_none());
        assert!(barter(&opened.report.diagnostics));
        for note in opened.file_notes.iter() {
            assert!(!opened.report.diagnostics.contains(note), "twice: {note}");
        }
        assert!(
            opened.file_notes.iter().any(|d| d.location == "checksum"),
            "what only the file tells stays: {:?}",
            opened.file_notes
        );
    }
}
