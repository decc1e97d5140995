//! Evaluators' files back in: merging returned files (through the core's `merge_files` edit),
//! a held file merged anyway, and a merge conflict settled by the chair.

use super::*;

impl State {
    pub(super) fn merge_files(&self, files: Vec<(String, Result<String, String>)>) -> State {
        self.merge_returned(files, None)
    }

    /// Merge returned files through the core's verdicts; `accept` names a held file the chair
    /// accepts although it was changed outside RFP Scorecard.
    pub(super) fn merge_returned(
        &self,
        files: Vec<(String, Result<String, String>)>,
        accept: Option<&str>,
    ) -> State {
        let mut summary = MergeSummary::default();
        // Refusals are listed in the order the files were given.
        let mut refused: Vec<(usize, Refused)> = Vec::new();
        let refusal = |name: String, diagnostics| Refused {
            summary: format!("{} was not merged.", quoted(&name)),
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
                        merge: None,
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
    pub(super) fn merge_anyway(&self, file_name: &str) -> State {
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

    /// The chair settles a merge conflict with one of its values: the evaluator's rating that
    /// counts is changed to it at a new revision, so it also wins a later merge of the old files.
    pub(super) fn resolve_conflict(
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
