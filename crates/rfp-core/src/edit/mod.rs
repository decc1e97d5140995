//! Every change a person can make to a scorecard, as a value: an [`Edit`].
//!
//! [`apply`] gives the changed scorecard, the edit that undoes it (its *inverse*) and what it
//! touched, or refuses with an [`EditError`] naming the field. Edits address criteria, vendors
//! and evaluators by id, never by position, so an edit list means the same thing in the site,
//! the command line (`rfp edit`) and the JavaScript API (`Session.apply`).
//!
//! The rules of meaning are not repeated here: after the change, [`apply`] checks the result
//! with [`validate`](crate::validate()) (one rating with the check the scorer uses) and refuses an
//! edit that adds an error. What is checked here is only what a change needs to be carried out:
//! the ids it names exist, a name is not empty, a share is a percentage.
//!
//! [`Session`] holds a scorecard with its report and history: edits applied through it are
//! scored incrementally when only ratings change, and undone and redone as inverse edits.

mod criteria;
mod merging;
mod people;
mod ratings;
mod rules;
mod session;
mod sheets;
pub(crate) use criteria::{take_judgments, weighting_slot};

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Severity};
use crate::merge::MergeReport;
use crate::model::{
    Answer, Comparison, Consensus, Criterion, Evaluator, Gate, KnockoutPolicy, RandomIndexTable,
    Rating, Scorecard, Scoring, Vendor, Weighting, WeightingMethod,
};

pub use rules::CurveShape;
pub use session::{DEFAULT_HISTORY, Outcome, Session};
pub use sheets::{AnswerSheet, answer_sheet, existing_vendor};

/// One change of a scorecard. In JSON an object with an `op` member naming the edit
/// (`{"op": "rate", "evaluator": "osei", …}`); ids are those of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Add a requirement of `kind` (see [`crate::vocabulary::REQUIREMENT_KINDS`]) or, with kind
    /// `category`, a category, named, as the last child of `parent` (the top level when
    /// absent). Its id is made from the name; it gets an equal share among its siblings.
    AddCriterion {
        /// The category's id; none for the top level.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parent: Option<String>,
        /// The name.
        name: String,
        /// A requirement kind, or `category`.
        kind: String,
    },
    /// Remove a criterion with everything that hangs on it: its children, and the answers,
    /// comments, ratings and consensus values given for its requirements. The siblings' shares
    /// are scaled back to 100.
    RemoveCriterion {
        /// Its id.
        id: String,
    },
    /// Move a criterion to another place among its siblings.
    MoveCriterion {
        /// Its id.
        id: String,
        /// Its new index among its siblings (0 is first).
        to: usize,
    },
    /// Rename a criterion.
    RenameCriterion {
        /// Its id.
        id: String,
        /// The new name (trimmed; not empty).
        name: String,
    },
    /// Set a criterion's share among its siblings in percent; the siblings keep their
    /// proportions and fill the rest, so the shares sum to 100 (to 4 decimals).
    SetShare {
        /// Its id.
        id: String,
        /// From 0 to 100.
        percent: f64,
    },
    /// Set raw weights (as written in the file) of criteria, by id.
    SetWeights {
        /// Weight by criterion id.
        weights: BTreeMap<String, f64>,
    },
    /// Change a requirement's kind: a new rule with that kind's defaults and no gate; the
    /// answers, ratings and consensus values given for the old kind go with it.
    SetKind {
        /// The requirement's id.
        id: String,
        /// A requirement kind.
        kind: String,
    },
    /// Describe a level of a rating requirement's scale (empty text: no description).
    SetAnchor {
        /// The requirement's id.
        id: String,
        /// The level.
        level: i32,
        /// Its description.
        text: String,
    },
    /// Replace a requirement's scoring rule (its kind, options, curve, scale or price rule).
    SetRule {
        /// The requirement's id.
        id: String,
        /// The rule.
        rule: Scoring,
    },
    /// Whether higher values of a numeric requirement are better; a straight curve's ends swap
    /// so that its best value still scores 1.
    SetDirection {
        /// The requirement's id.
        id: String,
        /// Higher values are better.
        higher: bool,
    },
    /// A numeric requirement's curve as a straight line or as steps, made from the curve it
    /// has (a line gives a step at its best value scoring 1 and one halfway scoring 0.5; steps
    /// give a line from the lowest-scoring step to the highest-scoring one).
    SetCurveShape {
        /// The requirement's id.
        id: String,
        /// The shape.
        shape: CurveShape,
    },
    /// A new option at the end of a choice requirement's options, its id made from its label.
    AddOption {
        /// The requirement's id.
        id: String,
        /// What a person reads.
        label: String,
        /// Its points.
        points: f64,
    },
    /// Set or remove a requirement's gate.
    SetGate {
        /// The requirement's id.
        id: String,
        /// The gate; none to remove it.
        #[serde(default)]
        gate: Option<Gate>,
    },
    /// Weigh a category's children (`""`: the top level) by `method`; AHP starts with equal
    /// judgments for pairs not yet compared.
    SetMethod {
        /// Category id, `""` for the top level.
        category: String,
        /// The method.
        method: WeightingMethod,
    },
    /// Record the AHP judgment "`a` is `value` times as important as `b`" (Saaty's 1/9 … 9).
    SetJudgment {
        /// Category id, `""` for the top level.
        category: String,
        /// A child's id.
        a: String,
        /// Another child's id.
        b: String,
        /// From 1/9 to 9.
        value: f64,
        /// The evaluator whose judgment it is; none for the committee's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        evaluator: Option<String>,
        /// When it was given (the front end's clock), recorded with an evaluator's judgment so
        /// that merging returned files keeps their latest.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<crate::Stamp>,
    },
    /// Whether a failed gate knocks a vendor out or only flags it.
    SetKnockout {
        /// The policy.
        policy: KnockoutPolicy,
    },
    /// Which published table of random indices AHP consistency ratios are measured against.
    SetRandomIndex {
        /// The table.
        table: RandomIndexTable,
    },
    /// Replace a category's weighting data (`""`: the top level).
    SetWeighting {
        /// Category id, `""` for the top level.
        category: String,
        /// The weighting; none for direct weights.
        #[serde(default)]
        weighting: Option<Weighting>,
    },
    /// Add a vendor by name; its id is made from the name unless given.
    AddVendor {
        /// The name.
        name: String,
        /// The id (as an answer sheet names it); made from the name when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
    /// Rename a vendor.
    RenameVendor {
        /// Its id.
        id: String,
        /// The new name.
        name: String,
    },
    /// Remove a vendor with its answers, ratings and consensus values.
    RemoveVendor {
        /// Its id.
        id: String,
    },
    /// Set (or, with none, remove) a vendor's answer to a requirement.
    SetAnswer {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
        /// The answer.
        #[serde(default)]
        answer: Option<Answer>,
    },
    /// Set (or, when empty, remove) a vendor's comment on a requirement.
    SetComment {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
        /// The comment.
        text: String,
    },
    /// Add an evaluator to the committee's roster; the id is made from the name.
    AddEvaluator {
        /// The name.
        name: String,
        /// The role on the committee (see [`crate::vocabulary::ROLES`]; free text).
        #[serde(default)]
        role: String,
    },
    /// Rename an evaluator.
    RenameEvaluator {
        /// Its id.
        id: String,
        /// The new name.
        name: String,
    },
    /// Set an evaluator's role.
    SetRole {
        /// Its id.
        id: String,
        /// The role.
        role: String,
    },
    /// Remove an evaluator with their ratings.
    RemoveEvaluator {
        /// Its id.
        id: String,
    },
    /// An evaluator attests having no conflict of interest on a date (or withdraws it).
    Attest {
        /// Evaluator id.
        evaluator: String,
        /// Whether there is no conflict; false withdraws the attestation.
        no_conflict: bool,
        /// The date, `YYYY-MM-DD`.
        #[serde(default)]
        date: String,
    },
    /// Replace an evaluator's attestation as it is (the inverse of [`Edit::Attest`]).
    PutAttestation {
        /// Evaluator id.
        evaluator: String,
        /// The attestation.
        #[serde(default)]
        attestation: Option<crate::model::Attestation>,
    },
    /// An evaluator rates a vendor on a rating requirement. The rating of theirs that counts
    /// (the latest: [`Rating::precedence`](crate::model::Rating::precedence)) is changed to the
    /// next revision and to `at`; the first one is revision 1.
    Rate {
        /// Evaluator id.
        evaluator: String,
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
        /// The level.
        score: f64,
        /// The note.
        #[serde(default)]
        note: String,
        /// When the evaluator gave it (the front end's clock; the core has none). Without it the
        /// new value is ordered by its revision alone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<crate::model::Stamp>,
    },
    /// An evaluator takes back their rating (every revision of it).
    ClearRating {
        /// Evaluator id.
        evaluator: String,
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
    },
    /// Put a rating record at an index as it is (the inverse of re-rating in place).
    PutRating {
        /// Index in the ratings.
        index: usize,
        /// The record.
        rating: Rating,
    },
    /// Record the committee's consensus value for a vendor on a rating requirement, with why.
    SetConsensus {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
        /// The level.
        value: f64,
        /// Why the committee settled on it.
        rationale: String,
    },
    /// Take a consensus value back.
    ClearConsensus {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
    },
    /// Put a consensus record at an index as it is (the inverse of changing it in place).
    PutConsensus {
        /// Index in the consensus values.
        index: usize,
        /// The record.
        consensus: Consensus,
    },
    /// Put a name back exactly as it was (the inverse of a rename; no check).
    PutName {
        /// Whose name.
        of: Named,
        /// Its id.
        id: String,
        /// The name.
        name: String,
    },
    /// Put an evaluator's role back exactly as it was (the inverse of [`Edit::SetRole`]).
    PutRole {
        /// Evaluator id.
        id: String,
        /// The role.
        role: String,
    },
    /// Put a vendor's comment back exactly as it was (the inverse of [`Edit::SetComment`]).
    PutComment {
        /// Vendor id.
        vendor: String,
        /// Requirement id.
        requirement: String,
        /// The comment; none: no comment.
        #[serde(default)]
        text: Option<String>,
    },
    /// Merge evaluators' returned files, as they arrived, into the scorecard: each is merged,
    /// held back (changed outside RFP Scorecard, unless accepted) or refused with why, as
    /// [`merge_files`](crate::merge::merge_files) decides; the outcome reports each file
    /// ([`Outcome::merges`]). Only ratings and the roster change.
    MergeFiles {
        /// The files, in the order given.
        files: Vec<ReturnedText>,
    },
    /// Several edits as one: all are applied or none.
    Batch {
        /// The edits, in order.
        edits: Vec<Edit>,
    },
    /// Put back what a removal took (the inverse of removing a criterion, a vendor, an
    /// evaluator, ratings or consensus values, or of changing a requirement's kind).
    Restore(Box<Restore>),
}

/// A returned file for [`Edit::MergeFiles`]: its name, its text as it arrived, and whether the
/// chair accepts it although it was changed outside RFP Scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnedText {
    /// The file's name, used in every message about it.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Merge it even if its checksum does not match its content: the chair has checked it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accept_altered: bool,
}

/// Whose name a [`Edit::PutName`] puts back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Named {
    /// A criterion's.
    Criterion,
    /// A vendor's.
    Vendor,
    /// An evaluator's.
    Evaluator,
}

/// What a removal took, with the places it was at: the inverse of a removal.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Restore {
    /// The edit this undoes (applied again to redo).
    pub undoes: Option<Edit>,
    /// A criterion to put back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<PlacedCriterion>,
    /// Raw weights to set again, by criterion id (the siblings' before a removal).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, f64>,
    /// A category's weighting to set again (`""`: the top level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<(String, Option<Weighting>)>,
    /// A vendor to put back at an index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<(usize, Vendor)>,
    /// An evaluator to put back at an index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluator: Option<(usize, Evaluator)>,
    /// Answers to put back: (vendor id, requirement id, answer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<(String, String, Answer)>,
    /// Comments to put back: (vendor id, requirement id, text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<(String, String, String)>,
    /// Ratings to put back at their indices (ascending).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<(usize, Rating)>,
    /// Consensus values to put back at their indices (ascending).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consensus: Vec<(usize, Consensus)>,
    /// Weightings to set again, by category id (`""`: the top level): the inverse of a merge
    /// that brought evaluators' AHP judgments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_weightings: Vec<(String, Option<Weighting>)>,
    /// AHP judgments to put back: (category id, `""` for the top level; index in its
    /// comparisons, ascending per category; the judgment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judgments: Vec<(String, usize, Comparison)>,
    /// Every rating as it was, to put back in place of those there (the inverse of a merge).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_ratings: Option<Vec<Rating>>,
    /// The roster as it was, to put back in place of the one there (the inverse of a merge).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_evaluators: Option<Vec<Evaluator>>,
}

/// What a removal took with it (a criterion's requirements, the answers, ratings and consensus
/// values that hung on what was removed), counted from its inverse: what a person is told,
/// and what Undo brings back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Removed {
    /// Requirements removed (a category's, or the requirement itself).
    pub requirements: usize,
    /// Vendors' answers and comments removed.
    pub answers: usize,
    /// Ratings removed.
    pub ratings: usize,
    /// Consensus values removed.
    pub consensus: usize,
    /// AHP judgments removed: an evaluator's own, or those comparing a removed criterion.
    pub judgments: usize,
}

impl Restore {
    /// What the removal this restore undoes took with it.
    pub fn removed(&self) -> Removed {
        let mut requirements = 0;
        if let Some(placed) = &self.criterion {
            crate::tree::walk(
                std::slice::from_ref(&placed.criterion),
                &mut |node, _, _| {
                    requirements += usize::from(node.is_requirement());
                },
            );
        }
        // A removed criterion's judgments went with its parent's weighting, kept whole here.
        let compared = match (&self.criterion, &self.weighting) {
            (Some(placed), Some((_, Some(weighting)))) => {
                let id = &placed.criterion.id;
                weighting
                    .pairwise
                    .iter()
                    .filter(|c| c.a == *id || c.b == *id)
                    .count()
            }
            _ => 0,
        };
        let vendor = self
            .vendor
            .as_ref()
            .map_or(0, |(_, v)| v.answers.len() + v.comments.len());
        Removed {
            requirements,
            answers: self.answers.len() + self.comments.len() + vendor,
            ratings: self.ratings.len(),
            consensus: self.consensus.len(),
            judgments: self.judgments.len() + compared,
        }
    }
}

/// A criterion and where it goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacedCriterion {
    /// The parent category's id; none for the top level.
    pub parent: Option<String>,
    /// Index among the siblings.
    pub index: usize,
    /// True: it replaces the criterion at that index (a kind change); false: it is inserted.
    pub replace: bool,
    /// The criterion.
    pub criterion: Criterion,
}

/// What an applied edit changed, so a session scores again only what it must.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// Nothing: the edit asked for what was already there.
    Nothing,
    /// Only these ratings, each changed in place or added at the end of the list.
    Ratings(Vec<usize>),
    /// Anything else.
    Scorecard,
}

impl Touched {
    fn and(self, other: Touched) -> Touched {
        match (self, other) {
            (Touched::Nothing, t) | (t, Touched::Nothing) => t,
            (Touched::Ratings(mut a), Touched::Ratings(b)) => {
                a.extend(b);
                Touched::Ratings(a)
            }
            _ => Touched::Scorecard,
        }
    }
}

/// An edit carried out.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The changed scorecard.
    pub scorecard: Scorecard,
    /// The edit that gives back the scorecard as it was.
    pub inverse: Edit,
    /// What changed.
    pub touched: Touched,
    /// New warnings the change brought (a conflict, a weight of 0 …), worth showing.
    pub warnings: Vec<Diagnostic>,
    /// What each merge of returned files did, in the order carried out.
    pub merges: Vec<MergeReport>,
}

/// Why an edit was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    /// The field of the edit that could not be used (`name`, `percent`, `vendor`, …), or a
    /// place in the scorecard when the result would have been invalid there.
    pub field: String,
    /// What is wrong, in a sentence.
    pub message: String,
    /// Every problem the change would have brought, each with its place in the scorecard.
    pub diagnostics: Vec<Diagnostic>,
}

impl EditError {
    fn new(field: &str, message: impl Into<String>) -> EditError {
        EditError {
            field: field.to_owned(),
            message: message.into(),
            diagnostics: Vec::new(),
        }
    }

    /// Refused because the result would have these errors.
    fn invalid(errors: Vec<Diagnostic>) -> EditError {
        let first = errors.first();
        EditError {
            field: first.map(|d| d.location.to_string()).unwrap_or_default(),
            message: first.map_or_else(String::new, |d| {
                if d.location.is_empty() {
                    d.message.clone()
                } else {
                    format!("{}: {}", d.location, d.message)
                }
            }),
            diagnostics: errors,
        }
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EditError {}

/// Apply `edit` to a copy of `scorecard`: the result, its inverse and what it touched, or why
/// it is refused (an edit that would add a validation error is refused with that error).
pub fn apply(scorecard: &Scorecard, edit: &Edit) -> Result<Applied, EditError> {
    refuse_restore(edit)?;
    let mut next = scorecard.clone();
    let mut merges = Vec::new();
    let (inverse, touched) = carry(&mut next, edit, &mut merges, true)?;
    let warnings = check(scorecard, &next, &touched)?;
    Ok(Applied {
        scorecard: next,
        inverse,
        touched,
        warnings,
        merges,
    })
}

/// A [`Restore`] is the inverse the core makes for undo (what it puts back and the edit it
/// undoes belong together); one written by hand is refused by [`apply`] and [`Session::apply`].
fn refuse_restore(edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::Restore(_) => Err(EditError::new(
            "op",
            "“restore” is the inverse the core makes for undo; it is not applied by hand.",
        )),
        Edit::Batch { edits } => edits.iter().try_for_each(refuse_restore),
        _ => Ok(()),
    }
}

/// Carry out `edit` on `scorecard` in place without checking the result's meaning: its inverse
/// and what it touched. Refused (with `scorecard` unchanged) only when the edit cannot be
/// carried out (an unknown id, an empty name). Undo and redo use it: they go back to a
/// scorecard that was there.
pub fn perform(scorecard: &mut Scorecard, edit: &Edit) -> Result<(Edit, Touched), EditError> {
    carry(scorecard, edit, &mut Vec::new(), false)
}

/// [`perform`], adding what each merge of returned files did to `merges`. `checked` (a person's
/// edit, not an undo, a redo or a batch taken back) also refuses what the edit would leave out
/// with a message naming it, before validation would refuse it less clearly.
fn carry(
    scorecard: &mut Scorecard,
    edit: &Edit,
    merges: &mut Vec<MergeReport>,
    checked: bool,
) -> Result<(Edit, Touched), EditError> {
    match edit {
        Edit::Batch { edits } => {
            // All or nothing: on a refusal, the edits done so far are undone in reverse.
            let mut inverses = Vec::with_capacity(edits.len());
            let mut touched = Touched::Nothing;
            for edit in edits {
                match carry(scorecard, edit, merges, checked) {
                    Ok((inverse, t)) => {
                        inverses.push(inverse);
                        touched = touched.and(t);
                    }
                    Err(error) => {
                        for inverse in inverses.iter().rev() {
                            // An inverse of an edit just done always applies.
                            let _ = perform(scorecard, inverse);
                        }
                        return Err(error);
                    }
                }
            }
            inverses.reverse();
            Ok((Edit::Batch { edits: inverses }, touched))
        }
        Edit::Restore(restore) => criteria::restore(scorecard, restore),
        Edit::SetRule { id, rule } if checked => {
            if let Some(problem) = criteria::scale_leaves_out(scorecard, id, rule) {
                return Err(EditError::new("rule", problem));
            }
            criteria::perform(scorecard, edit)
        }
        Edit::MergeFiles { files } => merging::perform(scorecard, edit, files, merges),
        // Carried out as the `set_rule` of the rule they make; its inverse puts the rule back.
        Edit::SetDirection { .. } | Edit::SetCurveShape { .. } | Edit::AddOption { .. } => carry(
            scorecard,
            &rules::as_set_rule(scorecard, edit)?,
            merges,
            checked,
        ),
        Edit::AddCriterion { .. }
        | Edit::RemoveCriterion { .. }
        | Edit::MoveCriterion { .. }
        | Edit::RenameCriterion { .. }
        | Edit::SetShare { .. }
        | Edit::SetWeights { .. }
        | Edit::SetKind { .. }
        | Edit::SetAnchor { .. }
        | Edit::SetRule { .. }
        | Edit::SetGate { .. }
        | Edit::SetMethod { .. }
        | Edit::SetJudgment { .. }
        | Edit::SetWeighting { .. }
        | Edit::SetKnockout { .. }
        | Edit::SetRandomIndex { .. } => criteria::perform(scorecard, edit),
        Edit::AddVendor { .. }
        | Edit::RenameVendor { .. }
        | Edit::RemoveVendor { .. }
        | Edit::SetAnswer { .. }
        | Edit::SetComment { .. }
        | Edit::AddEvaluator { .. }
        | Edit::RenameEvaluator { .. }
        | Edit::SetRole { .. }
        | Edit::RemoveEvaluator { .. }
        | Edit::Attest { .. }
        | Edit::PutAttestation { .. }
        | Edit::PutName { .. }
        | Edit::PutRole { .. }
        | Edit::PutComment { .. } => people::perform(scorecard, edit),
        Edit::Rate { .. }
        | Edit::ClearRating { .. }
        | Edit::PutRating { .. }
        | Edit::SetConsensus { .. }
        | Edit::ClearConsensus { .. }
        | Edit::PutConsensus { .. } => ratings::perform(scorecard, edit),
    }
}

/// Refuse a change that adds an error: for a change of ratings alone, the changed ratings are
/// checked as the scorer checks them; otherwise the whole result is validated and compared
/// with `before` (errors counted by message, so a place that moved is not a new error). Gives
/// the new warnings.
fn check(
    before: &Scorecard,
    after: &Scorecard,
    touched: &Touched,
) -> Result<Vec<Diagnostic>, EditError> {
    let new = match touched {
        Touched::Nothing => return Ok(Vec::new()),
        Touched::Ratings(_) if after.ratings.len() > crate::validate::MAX_RATINGS => {
            crate::validate::size_problems(after)
        }
        Touched::Ratings(indices) => crate::validate::check_ratings(after, indices),
        Touched::Scorecard => new_diagnostics(&crate::validate(before), &crate::validate(after)),
    };
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        new.into_iter().partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(warnings
            .into_iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect())
    } else {
        Err(EditError::invalid(errors))
    }
}

/// The diagnostics of `after` not in `before`, compared by severity and message (so a place
/// that moved does not count as new).
fn new_diagnostics(before: &[Diagnostic], after: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut seen: HashMap<(Severity, &str), usize> = HashMap::new();
    for d in before {
        *seen.entry((d.severity, d.message.as_str())).or_default() += 1;
    }
    after
        .iter()
        .filter(|d| match seen.get_mut(&(d.severity, d.message.as_str())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// A name as given, trimmed, or a refusal naming the field (`what`: "a vendor").
fn name(text: &str, what: &str) -> Result<String, EditError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(EditError::new(
            "name",
            format!("Name: {what} needs a name."),
        ))
    } else {
        Ok(trimmed.to_owned())
    }
}

/// The first id made from `name` (its slug, or `fallback` when the name has no Latin letter
/// or digit) that `taken` does not hold: `name`, `name_2`, `name_3` …
pub fn new_id(
    name: &str,
    prefix: Option<&str>,
    fallback: &str,
    taken: &dyn Fn(&str) -> bool,
) -> String {
    let slug = match crate::csv_io::slug(name) {
        slug if slug.is_empty() => fallback.to_owned(),
        slug => slug,
    };
    let base = match prefix {
        Some(prefix) => format!("{prefix}.{slug}"),
        None => slug,
    };
    (1u64..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}_{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or(base)
}
