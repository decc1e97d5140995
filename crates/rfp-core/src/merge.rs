//! Merging evaluators' files into the chair's scorecard, and making evaluator packets.
//!
//! Evaluators score apart and send their files back. [`merge`] takes the chair's scorecard
//! (the base) and any number of returned files:
//!
//! - A file whose criteria differ from the base's is refused, with the differences listed. The
//!   comparison uses [`criteria_fingerprint`]: the tree's ids, nesting, requirement kinds and
//!   rating scales — what a rating means. Weights, texts, guidance and gates are the chair's to
//!   change while packets are out, and do not block a merge.
//! - Ratings are joined per (evaluator, vendor, requirement): the one given last wins
//!   ([`Rating::precedence`]: its time, then its revision), so a later file from the same
//!   evaluator replaces an earlier one for the cells it rated again; two different values of
//!   the same precedence are both kept and reported as a conflict — never silently resolved.
//!   The chair settles one by recording a new rating or a consensus value.
//! - Evaluator records are joined field by field (a name or role over an empty one; the latest
//!   attestation, and at the same date a disclosed conflict over none), listed by id.
//! - Evaluators' own AHP judgments (group AHP) are joined per evaluator, category and pair: the
//!   latest (`judged_at`) is kept, and of two at the same moment the larger value — a total
//!   order, so this join is commutative, associative and idempotent too (a category whose
//!   evaluators' judgments change lists them after the committee's, in key order).
//! - Everything else (criteria, vendors, answers, consensus, settings, the committee's AHP
//!   judgments) comes from the base; differences in the returned files are reported, not
//!   merged.
//!
//! Ratings are joined as a semilattice, so merging is commutative (the order of the files does
//! not matter), associative (merging in batches gives the same result as all at once) and
//! idempotent (merging a file twice changes nothing). The property tests check these laws.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Diagnostic, Error, ErrorKind};
use crate::model::*;

/// The result of a merge.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    /// The merged scorecard.
    pub scorecard: Scorecard,
    /// Ratings with two or more different values at the same revision.
    pub conflicts: Vec<RatingConflict>,
    /// Ratings that were new or newer than the base's.
    pub updated: usize,
    /// Remarks: differences in returned files that were not merged, dropped ratings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Different values for one rating at the same revision.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RatingConflict {
    /// Evaluator id.
    pub evaluator: String,
    /// Vendor id.
    pub vendor: String,
    /// Requirement id.
    pub requirement: String,
    /// The revision both values carry.
    pub revision: u32,
    /// The differing values (score, note).
    pub values: Vec<(f64, String)>,
}

type Key = (SharedStr, SharedStr, SharedStr);

/// Merge returned evaluator files (name, scorecard) into the base scorecard.
pub fn merge(base: &Scorecard, others: &[(&str, &Scorecard)]) -> Result<MergeOutcome, Error> {
    let base_print = fingerprint_entries(&base.criteria);
    for (name, other) in others {
        let differences = diff_entries(&base_print, &fingerprint_entries(&other.criteria));
        if !differences.is_empty() {
            return Err(ErrorKind::CriteriaDiffer {
                input: (*name).to_owned(),
                differences,
            }
            .into());
        }
    }
    let mut diagnostics = Vec::new();
    for (name, other) in others {
        report_ignored(base, name, other, &mut diagnostics);
        report_carried(base, name, other, &mut diagnostics);
    }

    // Ratings: the latest per key; all distinct values of that precedence.
    let mut joined: BTreeMap<Key, (Precedence, Vec<Rating>)> = BTreeMap::new();
    let all = std::iter::once(base).chain(others.iter().map(|(_, s)| *s));
    for card in all {
        for rating in &card.ratings {
            join_rating(&mut joined, rating);
        }
    }
    let base_keys: BTreeMap<Key, Precedence> = {
        let mut map = BTreeMap::new();
        for r in &base.ratings {
            let entry = map.entry(key_of(r)).or_insert(r.precedence());
            *entry = (*entry).max(r.precedence());
        }
        map
    };
    let vendor_ids: BTreeSet<&str> = base.vendors.iter().map(|v| v.id.as_str()).collect();
    let mut ratings = Vec::new();
    let mut conflicts = Vec::new();
    let mut described = Vec::new();
    let mut updated = 0;
    let mut dropped = 0;
    for (key, ((_, revision), values)) in joined {
        if !vendor_ids.contains(key.1.as_str()) {
            dropped += values.len();
            continue;
        }
        if base_keys
            .get(&key)
            .is_none_or(|p| *p < values[0].precedence())
        {
            updated += 1;
        }
        if values.len() > 1 {
            described.push(describe_ratings(&values));
            conflicts.push(RatingConflict {
                evaluator: key.0.to_string(),
                vendor: key.1.to_string(),
                requirement: key.2.to_string(),
                revision,
                values: values
                    .iter()
                    .map(|r| (r.score, r.note.to_string()))
                    .collect(),
            });
        }
        ratings.extend(values);
    }
    if dropped > 0 {
        diagnostics.push(Diagnostic::warning(
            "ratings",
            format!(
                "{dropped} rating(s) of vendors that are not in the base scorecard were left out"
            ),
        ));
    }
    for (conflict, values) in conflicts.iter().zip(&described) {
        diagnostics.push(
            Diagnostic::warning(
                format!(
                    "rating by \"{}\" of \"{}\" on \"{}\"",
                    conflict.evaluator, conflict.vendor, conflict.requirement
                ),
                format!(
                    "{} different values at revision {}: {}",
                    conflict.values.len(),
                    conflict.revision,
                    values
                ),
            )
            .with_hint("record a new rating or a consensus value to settle it"),
        );
    }

    // Evaluators: fields joined per id, listed by id (a canonical order, so that merging in
    // any grouping gives the same file).
    let mut joined_evaluators: BTreeMap<String, Evaluator> = BTreeMap::new();
    let all = std::iter::once(base).chain(others.iter().map(|(_, s)| *s));
    for card in all {
        for evaluator in &card.evaluators {
            let joined = match joined_evaluators.get(&evaluator.id) {
                Some(existing) => join_evaluator(existing, evaluator),
                None => evaluator.clone(),
            };
            joined_evaluators.insert(evaluator.id.clone(), joined);
        }
    }
    let evaluators: Vec<Evaluator> = joined_evaluators.into_values().collect();

    let mut scorecard = base.clone();
    scorecard.ratings = ratings;
    scorecard.evaluators = evaluators;
    let judged = join_judgments(base, others, &mut scorecard, &mut diagnostics);
    if judged > 0 {
        diagnostics.push(Diagnostic::info(
            "pairwise",
            format!("{judged} AHP judgment(s) by evaluators were new or newer than the base's"),
        ));
    }
    Ok(MergeOutcome {
        scorecard,
        conflicts,
        updated,
        diagnostics,
    })
}

/// A returned file as it arrived: its name (as the chair knows it), its text, and whether the
/// chair accepts it although it was changed outside RFP Scorecard.
#[derive(Debug, Clone, Copy)]
pub struct ReturnedFile<'a> {
    /// The file's name, used in every message about it.
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Merge it even if its checksum does not match its content: the chair has checked it.
    pub accept_altered: bool,
}

/// What became of one returned file in [`merge_files`].
#[derive(Debug, Clone, PartialEq)]
pub enum FileVerdict {
    /// Its ratings were merged.
    Merged,
    /// Its ratings were merged although it was changed outside RFP Scorecard: the chair
    /// accepted it.
    MergedAltered,
    /// Not merged: it was changed outside RFP Scorecard or damaged since it was saved, or it
    /// carries no checksum (every file RFP Scorecard saves does), and the chair has not
    /// accepted it. Its ratings could differ from what the evaluator gave.
    Altered(Diagnostic),
    /// Not merged: it cannot be read, is not valid, or was made for other criteria. Why.
    Refused(Vec<Diagnostic>),
}

/// The result of [`merge_files`]: a verdict per file, in the order given, and the merge of those
/// merged (`None` when none was).
#[derive(Debug, Clone, PartialEq)]
pub struct FilesMerge {
    /// Every file's name and what became of it.
    pub files: Vec<(String, FileVerdict)>,
    /// The merge of the files merged.
    pub outcome: Option<MergeOutcome>,
}

impl FileVerdict {
    /// Whether the file's ratings were merged (accepted although altered, or not).
    pub fn is_merged(&self) -> bool {
        matches!(self, FileVerdict::Merged | FileVerdict::MergedAltered)
    }
}

impl FilesMerge {
    /// Whether every file was merged.
    pub fn all_merged(&self) -> bool {
        self.files.iter().all(|(_, v)| v.is_merged())
    }

    /// The merged scorecard (none when no file was merged) apart from what the merge reports.
    pub fn into_parts(self) -> (Option<Scorecard>, MergeReport) {
        match self.outcome {
            Some(outcome) => (
                Some(outcome.scorecard),
                MergeReport {
                    files: self.files,
                    conflicts: outcome.conflicts,
                    updated: outcome.updated,
                    remarks: outcome.diagnostics,
                },
            ),
            None => (
                None,
                MergeReport {
                    files: self.files,
                    ..MergeReport::default()
                },
            ),
        }
    }
}

/// What a merge of returned files did, without the scorecard: what
/// [`Edit::MergeFiles`](crate::edit::Edit::MergeFiles) reports in its outcome.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeReport {
    /// Every file's name and what became of it, in the order given.
    pub files: Vec<(String, FileVerdict)>,
    /// Ratings with two or more different values at the same precedence, to settle.
    pub conflicts: Vec<RatingConflict>,
    /// Ratings that were new or newer than the scorecard's.
    pub updated: usize,
    /// Remarks: files accepted although altered, differences not merged, ratings left out.
    pub remarks: Vec<Diagnostic>,
}

impl MergeReport {
    /// Whether every file was merged.
    pub fn all_merged(&self) -> bool {
        self.files.iter().all(|(_, v)| v.is_merged())
    }
}

/// Merge returned files as they arrived (text), deciding for each whether it may be merged: a
/// file that cannot be loaded, has errors, or was made for other criteria is refused with why;
/// a file whose checksum does not match (changed outside RFP Scorecard — by hand, or on the way)
/// or that carries none (every file RFP Scorecard saves is signed) is held back unless the chair
/// accepts it, as a raised revision in it would replace an evaluator's rating unseen. The files merged are merged together with [`merge`]; one
/// accepted although altered is named in the merge's remarks, so the record shows it.
pub fn merge_files(base: &Scorecard, files: &[ReturnedFile<'_>]) -> FilesMerge {
    let mut verdicts = Vec::new();
    let mut accepted: Vec<(&str, Scorecard, bool)> = Vec::new();
    for file in files {
        let loaded = match crate::load(file.text) {
            Ok(loaded) => loaded,
            Err(error) => {
                verdicts.push((
                    file.name.to_owned(),
                    FileVerdict::Refused(error.diagnostics()),
                ));
                continue;
            }
        };
        let errors: Vec<Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Error)
            .cloned()
            .collect();
        if !errors.is_empty() {
            verdicts.push((file.name.to_owned(), FileVerdict::Refused(errors)));
            continue;
        }
        // RFP Scorecard signs every file it saves: a returned file without a checksum was
        // written or edited by hand (deleting the checksum must not get a change past this).
        let why = match loaded.integrity {
            crate::file::Integrity::Verified => None,
            crate::file::Integrity::Mismatch => Some(
                "changed outside RFP Scorecard or damaged since it was saved (its checksum does \
                 not match its content), so it was not merged",
            ),
            crate::file::Integrity::Unsigned => Some(
                "not saved by RFP Scorecard as it is (it carries no checksum, as every file RFP \
                 Scorecard saves does), so it was not merged",
            ),
        };
        let altered = why.is_some();
        if let (Some(why), false) = (why, file.accept_altered) {
            verdicts.push((
                file.name.to_owned(),
                FileVerdict::Altered(Diagnostic::error("checksum", why).with_hint(
                    "ask its evaluator to send it again; merge it only if you have checked \
                         its ratings, accepting it explicitly",
                )),
            ));
            continue;
        }
        if let Err(error) = merge(base, &[(file.name, &loaded.scorecard)]) {
            verdicts.push((
                file.name.to_owned(),
                FileVerdict::Refused(error.diagnostics()),
            ));
            continue;
        }
        verdicts.push((
            file.name.to_owned(),
            if altered {
                FileVerdict::MergedAltered
            } else {
                FileVerdict::Merged
            },
        ));
        accepted.push((file.name, loaded.scorecard, altered));
    }
    let others: Vec<(&str, &Scorecard)> = accepted.iter().map(|(n, s, _)| (*n, s)).collect();
    let outcome =
        if others.is_empty() {
            None
        } else {
            // Each was checked against the base alone; together they merge too (merge refuses
            // only criteria that differ from the base's).
            merge(base, &others).ok().map(|mut outcome| {
            let accepted_so = accepted.iter().filter(|(_, _, altered)| *altered).map(|(name, ..)| {
                Diagnostic::warning(
                    *name,
                    "merged although it was changed outside RFP Scorecard or damaged since it \
                     was saved: the chair accepted it",
                )
            });
            outcome.diagnostics.splice(0..0, accepted_so);
            outcome
        })
        };
    FilesMerge {
        files: verdicts,
        outcome,
    }
}

fn key_of(rating: &Rating) -> Key {
    (
        rating.evaluator.clone(),
        rating.vendor.clone(),
        rating.requirement.clone(),
    )
}

fn same_value(a: &Rating, b: &Rating) -> bool {
    a.score.to_bits() == b.score.to_bits() && a.note == b.note && a.extra == b.extra
}

/// Unknown fields of a rating in canonical form, to order ratings that differ only there.
fn extra_key(rating: &Rating) -> String {
    rating
        .extra
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::file::canonical_json(v)))
        .collect::<Vec<_>>()
        .join(",")
}

fn join_rating(joined: &mut BTreeMap<Key, (Precedence, Vec<Rating>)>, rating: &Rating) {
    let precedence = rating.precedence();
    let entry = joined
        .entry(key_of(rating))
        .or_insert_with(|| (precedence, Vec::new()));
    if precedence > entry.0 {
        *entry = (precedence, Vec::new());
    }
    // -0 and 0 are the same rating.
    let mut rating = rating.clone();
    rating.score += 0.0;
    if precedence == entry.0 && !entry.1.iter().any(|r| same_value(r, &rating)) {
        entry.1.push(rating);
        entry.1.sort_by(|a, b| {
            a.score
                .total_cmp(&b.score)
                .then_with(|| a.note.cmp(&b.note))
                .then_with(|| extra_key(a).cmp(&extra_key(b)))
        });
    }
}

/// Join two records of the same evaluator, field by field, independent of order.
fn join_evaluator(a: &Evaluator, b: &Evaluator) -> Evaluator {
    let attestation_key = |x: &Option<Attestation>| {
        x.as_ref().map(|t| {
            let extra: Vec<String> = t
                .extra
                .iter()
                .map(|(k, v)| format!("{k}={}", crate::file::canonical_json(v)))
                .collect();
            (t.date.clone(), !t.no_conflict, t.statement.clone(), extra)
        })
    };
    let attestation = if attestation_key(&a.attestation) >= attestation_key(&b.attestation) {
        a.attestation.clone()
    } else {
        b.attestation.clone()
    };
    let mut extra = a.extra.clone();
    for (k, v) in &b.extra {
        match extra.get(k) {
            Some(existing)
                if crate::file::canonical_json(existing) >= crate::file::canonical_json(v) => {}
            _ => {
                extra.insert(k.clone(), v.clone());
            }
        }
    }
    Evaluator {
        id: a.id.clone(),
        name: a.name.clone().max(b.name.clone()),
        role: a.role.clone().max(b.role.clone()),
        attestation,
        extra,
    }
}

/// What a returned file brings that its sender may not have given: evaluators the base's
/// committee does not have (merged onto the roster), and, in a packet (one evaluator on its
/// roster), ratings by others (merged as theirs: a file passed from hand to hand may hold
/// them). Said, so that neither is used silently.
fn report_carried(base: &Scorecard, name: &str, other: &Scorecard, out: &mut Vec<Diagnostic>) {
    let roster: BTreeSet<&str> = base.evaluators.iter().map(|e| e.id.as_str()).collect();
    let new: Vec<String> = other
        .evaluators
        .iter()
        .filter(|e| !roster.contains(e.id.as_str()))
        .map(|e| format!("\"{}\"", e.id))
        .collect();
    if !new.is_empty() {
        out.push(
            Diagnostic::warning(
                name,
                format!(
                    "adds {} to the committee: the base's roster does not have {}",
                    new.join(", "),
                    if new.len() == 1 {
                        "them"
                    } else {
                        "these evaluators"
                    }
                ),
            )
            .with_hint("remove them in the roster if the committee did not add them"),
        );
    }
    let [own] = other.evaluators.as_slice() else {
        return;
    };
    let mut carried: BTreeMap<&str, usize> = BTreeMap::new();
    for rating in other.ratings.iter().filter(|r| r.evaluator != own.id) {
        *carried.entry(rating.evaluator.as_str()).or_default() += 1;
    }
    if carried.is_empty() {
        return;
    }
    let count: usize = carried.values().sum();
    let by: Vec<String> = carried
        .iter()
        .map(|(evaluator, n)| format!("{n} by \"{evaluator}\""))
        .collect();
    out.push(
        Diagnostic::warning(
            name,
            format!(
                "is the packet of \"{}\" but carries {count} rating(s) by others ({}); they are \
                 merged as theirs",
                own.id,
                by.join(", ")
            ),
        )
        .with_hint("a packet carries its evaluator's ratings only: check with those evaluators that they gave these"),
    );
}

fn report_ignored(base: &Scorecard, name: &str, other: &Scorecard, out: &mut Vec<Diagnostic>) {
    // The evaluators' AHP judgments are merged, not compared: when either side holds some,
    // both are compared without them.
    let (base_view, other_view) =
        if has_evaluators_judgments(base) || has_evaluators_judgments(other) {
            (
                Some(without_evaluators_judgments(base)),
                Some(without_evaluators_judgments(other)),
            )
        } else {
            (None, None)
        };
    let (criteria, settings) = match &base_view {
        Some(v) => (&v.criteria, &v.settings),
        None => (&base.criteria, &base.settings),
    };
    let (other_criteria, other_settings) = match &other_view {
        Some(v) => (&v.criteria, &v.settings),
        None => (&other.criteria, &other.settings),
    };
    let mut parts = Vec::new();
    if other.vendors != base.vendors {
        parts.push("vendors or their answers");
    }
    if other.consensus != base.consensus && !other.consensus.is_empty() {
        parts.push("consensus values");
    }
    if other_criteria != criteria {
        parts.push("weights, texts, gates or the committee's AHP judgments");
    }
    if other_settings != settings {
        parts.push("settings or the committee's AHP judgments");
    }
    if !parts.is_empty() {
        out.push(
            Diagnostic::info(
                name,
                format!(
                    "differs from the base in {}; only ratings, evaluator records and evaluators' \
                     own AHP judgments are merged, so the base's are kept",
                    parts.join(", ")
                ),
            )
            .with_hint(
                "the chair's scorecard is the source of truth for everything but what evaluators \
                 give",
            ),
        );
    }
}

/// An evaluator's judgment of one pair in one category: (category id, `""` for the top level;
/// evaluator; the pair's ids in order).
type JudgmentKey = (String, String, String, String);

/// Every evaluator's AHP judgment in `card` with its key, oriented as "first id over second
/// id", sorted by key, the one that counts first.
fn evaluators_judgments(card: &Scorecard) -> Vec<(JudgmentKey, Comparison)> {
    let mut out = Vec::new();
    let mut read = |category: &str, weighting: &Option<Weighting>| {
        for c in weighting.iter().flat_map(|w| &w.pairwise) {
            let Some(evaluator) = &c.evaluator else {
                continue;
            };
            let mut oriented = c.clone();
            if c.a > c.b {
                std::mem::swap(&mut oriented.a, &mut oriented.b);
                oriented.value = 1.0 / c.value;
            }
            let key = (
                category.to_owned(),
                evaluator.clone(),
                oriented.a.clone(),
                oriented.b.clone(),
            );
            out.push((key, oriented));
        }
    };
    read("", &card.settings.top_weighting);
    crate::tree::walk(&card.criteria, &mut |node, _, _| {
        if !node.is_requirement() {
            read(&node.id, &node.weighting);
        }
    });
    sort_latest_first(&mut out);
    out
}

/// Sorts judgments by key, and of one key the one that counts first: the latest
/// ([`Comparison::precedence`]), then the larger value, then its unknown fields — a total
/// order, so keeping the first of each key is a join that is commutative, associative and
/// idempotent.
fn sort_latest_first(judgments: &mut [(JudgmentKey, Comparison)]) {
    let extra = |c: &Comparison| {
        c.extra
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::file::canonical_json(v)))
            .collect::<Vec<_>>()
    };
    judgments.sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| b.precedence().cmp(&a.precedence()))
            .then_with(|| b.value.total_cmp(&a.value))
            .then_with(|| extra(b).cmp(&extra(a)))
    });
}

/// Why a returned judgment cannot be merged into `merged` (its category's children, the
/// roster, Saaty's scale), if it cannot.
fn unmergeable(merged: &mut Scorecard, key: &JudgmentKey, judgment: &Comparison) -> Option<String> {
    let (category, evaluator, a, b) = key;
    if !merged.evaluators.iter().any(|e| e.id == *evaluator) {
        return Some(format!("\"{evaluator}\" is not on the committee"));
    }
    let children: Vec<&str> = if category.is_empty() {
        merged.criteria.iter().map(|c| c.id.as_str()).collect()
    } else {
        match crate::tree::find_criterion(&merged.criteria, category) {
            Some(c) if !c.is_requirement() => c.children.iter().map(|c| c.id.as_str()).collect(),
            _ => return Some(format!("there is no category \"{category}\"")),
        }
    };
    if a == b || !children.contains(&a.as_str()) || !children.contains(&b.as_str()) {
        return Some("it does not compare two children of the category".to_owned());
    }
    if !(judgment.value.is_finite() && crate::weighting::on_scale(judgment.value)) {
        return Some("its value is outside Saaty's scale 1/9 … 9".to_owned());
    }
    None
}

/// Joins the evaluators' AHP judgments of the base and the returned files into `merged` (a
/// copy of the base): per evaluator and pair, the one that counts. A returned judgment that
/// cannot be used is left out and said, with its file. Two different judgments of the same
/// precedence are said too: the larger is kept until the evaluator judges again. A category
/// whose judgments change lists the committee's first, as they were, then the evaluators' in
/// key order (each as "first id over second id"), so the result depends only on what was
/// joined. Returns how many were new or newer.
fn join_judgments(
    base: &Scorecard,
    others: &[(&str, &Scorecard)],
    merged: &mut Scorecard,
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let mut before = evaluators_judgments(base);
    before.dedup_by(|next, first| next.0 == first.0);
    let mut joined = before.clone();
    for (name, other) in others {
        for (key, judgment) in evaluators_judgments(other) {
            let as_in_base = before
                .binary_search_by(|(k, _)| k.cmp(&key))
                .is_ok_and(|i| before[i].1 == judgment);
            if !as_in_base {
                if let Some(why) = unmergeable(merged, &key, &judgment) {
                    diagnostics.push(Diagnostic::warning(
                        *name,
                        format!(
                            "the AHP judgment of \"{}\" vs \"{}\" by \"{}\" was left out: {why}",
                            key.2, key.3, key.1
                        ),
                    ));
                    continue;
                }
            }
            joined.push((key, judgment));
        }
    }
    sort_latest_first(&mut joined);
    // Different judgments of the same precedence: said, the first (larger) kept.
    for pair in joined.windows(2) {
        let ((key, kept), (next_key, other)) = (&pair[0], &pair[1]);
        if key == next_key && kept.precedence() == other.precedence() && kept.value != other.value {
            diagnostics.push(
                Diagnostic::warning(
                    format!(
                        "AHP judgment by \"{}\" of \"{}\" vs \"{}\"",
                        key.1, key.2, key.3
                    ),
                    format!(
                        "two different judgments at the same time and revision ({} and {}); the \
                         larger is kept",
                        crate::typed::shown_number(kept.value),
                        crate::typed::shown_number(other.value)
                    ),
                )
                .with_hint("the evaluator can judge the pair again to settle it"),
            );
        }
    }
    joined.dedup_by(|next, first| next.0 == first.0);
    let is_new = |(key, judgment): &(JudgmentKey, Comparison)| {
        before
            .binary_search_by(|(k, _)| k.cmp(key))
            .map_or(true, |i| before[i].1 != *judgment)
    };
    let mut categories: Vec<&str> = joined
        .iter()
        .filter(|entry| is_new(entry))
        .map(|((category, ..), _)| category.as_str())
        .collect();
    let changed = categories.len();
    categories.dedup();
    for category in categories {
        let Some(slot) = crate::edit::weighting_slot(merged, category) else {
            continue;
        };
        let pairwise = &mut slot.get_or_insert_with(Weighting::default).pairwise;
        pairwise.retain(|c| c.evaluator.is_none());
        pairwise.extend(
            joined
                .iter()
                .filter(|((c, ..), _)| c == category)
                .map(|(_, judgment)| judgment.clone()),
        );
    }
    changed
}

/// The criteria and settings of `card` without the evaluators' AHP judgments (those are
/// merged, not compared). A weighting left with nothing in it counts as none.
fn without_evaluators_judgments(card: &Scorecard) -> Scorecard {
    let mut copy = Scorecard {
        criteria: card.criteria.clone(),
        settings: card.settings.clone(),
        ..Scorecard::default()
    };
    crate::edit::take_judgments(&mut copy, &|c| c.evaluator.is_none());
    let empty = Some(Weighting::default());
    if copy.settings.top_weighting == empty {
        copy.settings.top_weighting = None;
    }
    fn clear(nodes: &mut [Criterion], empty: &Option<Weighting>) {
        for node in nodes {
            if node.weighting == *empty {
                node.weighting = None;
            }
            clear(&mut node.children, empty);
        }
    }
    clear(&mut copy.criteria, &empty);
    copy
}

/// Whether `card` holds an evaluator's own AHP judgment.
fn has_evaluators_judgments(card: &Scorecard) -> bool {
    let mut any = false;
    let mut look = |w: &Option<Weighting>| {
        any |= w
            .iter()
            .flat_map(|w| &w.pairwise)
            .any(|c| c.evaluator.is_some());
    };
    look(&card.settings.top_weighting);
    crate::tree::walk(&card.criteria, &mut |node, _, _| look(&node.weighting));
    any
}

/// What a rating depends on, per criterion id: (parent id, kind, rating scale).
type Entries = BTreeMap<String, (String, String, Option<(i32, i32)>)>;

fn fingerprint_entries(criteria: &[Criterion]) -> Entries {
    fn go(nodes: &[Criterion], parent: &str, out: &mut Entries) {
        for node in nodes {
            let (kind, scale) = match &node.scoring {
                None => ("category".to_owned(), None),
                Some(Scoring::Rating(rule)) => ("rating".to_owned(), Some((rule.min, rule.max))),
                Some(other) => (other.kind_name().to_owned(), None),
            };
            out.insert(node.id.clone(), (parent.to_owned(), kind, scale));
            go(&node.children, &node.id, out);
        }
    }
    let mut out = Entries::new();
    go(criteria, "", &mut out);
    out
}

fn diff_entries(base: &Entries, other: &Entries) -> Vec<String> {
    let mut out = Vec::new();
    let show_parent = |p: &str| {
        if p.is_empty() {
            "the top level".to_owned()
        } else {
            format!("\"{p}\"")
        }
    };
    for (id, (parent, kind, scale)) in base {
        match other.get(id) {
            None => out.push(format!("\"{id}\" is in the base but not in this file")),
            Some((other_parent, other_kind, other_scale)) => {
                if parent != other_parent {
                    out.push(format!(
                        "\"{id}\" is under {} in the base but under {} in this file",
                        show_parent(parent),
                        show_parent(other_parent)
                    ));
                }
                if kind != other_kind {
                    out.push(format!(
                        "\"{id}\" is a {kind} in the base but a {other_kind} in this file"
                    ));
                } else if scale != other_scale {
                    let show = |s: &Option<(i32, i32)>| {
                        s.map(|(a, b)| format!("{a}–{b}")).unwrap_or_default()
                    };
                    out.push(format!(
                        "\"{id}\" is rated {} in the base but {} in this file",
                        show(scale),
                        show(other_scale)
                    ));
                }
            }
        }
    }
    for id in other.keys() {
        if !base.contains_key(id) {
            out.push(format!("\"{id}\" is in this file but not in the base"));
        }
    }
    out
}

/// A fingerprint of the criteria tree: SHA-256 over ids, nesting, requirement kinds and rating
/// scales. Two scorecards whose fingerprints match can have their ratings merged.
pub fn criteria_fingerprint(criteria: &[Criterion]) -> String {
    let entries = fingerprint_entries(criteria);
    let value = serde_json::to_value(&entries).unwrap_or(serde_json::Value::Null);
    crate::file::checksum_of(&value)
}

/// The revision a changed rating takes: one above the one it replaces, so that it wins every
/// later merge. At `u32::MAX` there is none: a revision that high was not counted up by RFP
/// Scorecard (it was written by hand), and a change could not be told apart from the rating it
/// replaces — refused with why, never saturated into a silent tie.
pub fn next_revision(revision: u32) -> Result<u32, String> {
    revision.checked_add(1).ok_or_else(|| {
        format!(
            "the rating is at revision {revision}, the highest there is (set by hand, not by \
             RFP Scorecard), so a change could not replace it; record a consensus value instead"
        )
    })
}

/// The revision and time of a new value given at `at` for `old`: the next revision, and `at`
/// unless `old` carries a later time (a clock set back), so the new value always comes after
/// the one it replaces ([`Rating::precedence`]).
pub fn replace_rating(old: &Rating, at: Option<Stamp>) -> Result<(u32, Option<Stamp>), String> {
    Ok((next_revision(old.revision)?, old.rated_at.max(at)))
}

/// One evaluator's rating that counts for one requirement: where it is and whether it is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counting {
    /// Index in `scorecard.ratings` of the latest rating (the later in the file of two of the
    /// same precedence) — the one a new rating should replace ([`replace_rating`]).
    pub index: usize,
    /// No other rating of the evaluator's shares that precedence (no merge conflict to settle).
    pub alone: bool,
}

/// The evaluator's ratings of the vendor that count, by requirement id, as merging and scoring
/// resolve them (the latest wins: [`Rating::precedence`]). One pass over the ratings.
pub fn ratings_that_count<'a>(
    scorecard: &'a Scorecard,
    evaluator: &str,
    vendor: &str,
) -> BTreeMap<&'a str, Counting> {
    let mut counting: BTreeMap<&str, Counting> = BTreeMap::new();
    for (index, rating) in scorecard.ratings.iter().enumerate() {
        if rating.evaluator != evaluator || rating.vendor != vendor {
            continue;
        }
        let precedence = rating.precedence();
        counting
            .entry(rating.requirement.as_str())
            .and_modify(|c| {
                let top = scorecard.ratings[c.index].precedence();
                if precedence > top {
                    *c = Counting { index, alone: true };
                } else if precedence == top {
                    *c = Counting {
                        index,
                        alone: false,
                    };
                }
            })
            .or_insert(Counting { index, alone: true });
    }
    counting
}

/// The evaluator on the committee with this id: the one rule for what is made for one
/// evaluator (a [`packet`], a scoring sheet), so an id no one has gets nothing.
///
/// # Errors
///
/// [`ErrorKind::Invalid`] at `evaluators`: `no evaluator "…"`, with the committee's ids as the
/// hint.
pub fn find_evaluator<'a>(
    scorecard: &'a Scorecard,
    evaluator_id: &str,
) -> Result<&'a Evaluator, Error> {
    scorecard
        .evaluators
        .iter()
        .find(|e| e.id == evaluator_id)
        .ok_or_else(|| {
            let known: Vec<&str> = scorecard.evaluators.iter().map(|e| e.id.as_str()).collect();
            ErrorKind::Invalid(vec![
                Diagnostic::error("evaluators", format!("no evaluator \"{evaluator_id}\""))
                    .with_hint(format!("evaluators: {}", known.join(", "))),
            ])
            .into()
        })
}

/// An evaluator's packet: the scorecard with only that evaluator's record and ratings, and no
/// consensus values, so no one sees another evaluator's scores. Of the AHP judgments it keeps
/// the committee's and that evaluator's own: under group AHP the packet's weights are
/// therefore those of the evaluator's own comparisons, not the committee's combined ones; the
/// judgments they make in it come back with [`merge`].
///
/// # Errors
///
/// [`ErrorKind::Invalid`] when `evaluator_id` is not on the committee ([`find_evaluator`]).
pub fn packet(scorecard: &Scorecard, evaluator_id: &str) -> Result<Scorecard, Error> {
    let evaluator = find_evaluator(scorecard, evaluator_id)?;
    let mut packet = scorecard.clone();
    packet.evaluators = vec![evaluator.clone()];
    packet.ratings.retain(|r| r.evaluator == evaluator_id);
    packet.consensus.clear();
    // Their own AHP judgments and the committee's stay; the other evaluators' go, as their
    // ratings do.
    crate::edit::take_judgments(&mut packet, &|c| {
        c.evaluator.as_deref().is_none_or(|e| e == evaluator_id)
    });
    Ok(packet)
}

/// Conflicting values for a message: the scores, with the notes when the scores alone are equal.
/// Differing ratings as a message names them: their scores when those differ; else each with
/// its note, and with its unknown members when only those differ.
fn describe_ratings(values: &[Rating]) -> String {
    let all_differ = |same: &dyn Fn(&Rating, &Rating) -> bool| {
        values
            .iter()
            .enumerate()
            .all(|(i, a)| values[..i].iter().all(|b| !same(a, b)))
    };
    let scores_differ = all_differ(&|a, b| a.score == b.score);
    let shown_differ = all_differ(&|a, b| a.score == b.score && a.note == b.note);
    values
        .iter()
        .map(|r| {
            if scores_differ {
                r.score.to_string()
            } else if shown_differ {
                format!("{} (note: {:?})", r.score, &*r.note)
            } else {
                let members = r
                    .extra
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", crate::file::canonical_json(v)))
                    .collect::<Vec<_>>();
                format!(
                    "{} (note: {:?}; other fields: {})",
                    r.score,
                    &*r.note,
                    if members.is_empty() {
                        "none".to_owned()
                    } else {
                        members.join(", ")
                    }
                )
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}
