//! Vendors: added, renamed, removed, and their answers imported from a sheet; the benchmark's
//! one-rating change.

use super::*;

impl State {
    pub(super) fn add_vendor(&self, name: &str) -> State {
        match self.try_edit(&Edit::AddVendor {
            name: name.to_owned(),
            id: None,
        }) {
            Ok(mut next) => {
                next.notice = Some(format!("Added the vendor {}.", quoted(name.trim())));
                next
            }
            Err(error) => self.refuse(String::new(), error.message, error.diagnostics),
        }
    }

    pub(super) fn rename_vendor(&self, id: &str, name: &str) -> State {
        self.try_edit(&Edit::RenameVendor {
            id: id.to_owned(),
            name: name.to_owned(),
        })
        .unwrap_or_else(|_| self.clone())
    }

    pub(super) fn import_answers(
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
                    format!(
                        "{} could not be read; your work is unchanged.",
                        quoted(file_name)
                    ),
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
                format!(
                    "{} was not imported; your work is unchanged.",
                    quoted(file_name)
                ),
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
                    "Imported the answers of {} vendor(s) from {}.",
                    sheet.vendors,
                    quoted(file_name)
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

    pub(super) fn remove_vendor(&self, id: &str) -> State {
        let Some(vendor) = self.scorecard.vendors.iter().find(|v| v.id == id) else {
            return self.clone();
        };
        let name = vendor.name.clone();
        match self.try_edit_saying(&Edit::RemoveVendor { id: id.to_owned() }) {
            Ok((mut next, outcome)) => {
                let removed = outcome.removed.unwrap_or_default();
                next.notice = Some(format!(
                    "Removed the vendor {} with its answers, {} rating(s) and {} \
                     consensus value(s). Undo brings them back.",
                    quoted(&name),
                    removed.ratings,
                    removed.consensus
                ));
                next
            }
            Err(error) => State {
                edit_problem: Some(error.message),
                ..self.clone()
            },
        }
    }
}
