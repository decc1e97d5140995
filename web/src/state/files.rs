//! Opening a scorecard: a file (asking first when it was changed outside RFP Scorecard), a
//! template, a tailored profile, the work kept in the browser; a refused file leaves the work as it was.

use super::*;

impl State {
    /// Replace the whole scorecard (a file, a template): undoable like any change.
    pub(super) fn replace(&self, scorecard: Scorecard, file_name: &str, notice: String) -> State {
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

    pub(super) fn refuse(
        &self,
        file_name: String,
        summary: String,
        diagnostics: Vec<Diagnostic>,
    ) -> State {
        let mut next = self.clone();
        next.refused = Some(Rc::new(Refused {
            file_name,
            summary,
            diagnostics,
        }));
        next
    }

    pub(super) fn open(&self, file_name: String, text: &str) -> State {
        self.open_file(file_name, text, false)
    }

    /// Open a file; one changed outside RFP Scorecard only when `anyway` (else it waits for the
    /// chair's word, and the work stays).
    pub(super) fn open_file(&self, file_name: String, text: &str, anyway: bool) -> State {
        // Validated once, by the session as it scores: the report lists what the scorecard
        // means; the file's notes are what only the file tells (its checksum, its version).
        match rfp_core::file::load_to_score(text) {
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
                    format!("Opened {}.", quoted(&file_name)),
                );
                next.envelope_extra = Rc::new(loaded.envelope_extra);
                next.file_notes = Rc::new(loaded.diagnostics);
                next.unsaved = false;
                next
            }
            Err(error) => self.refuse(
                file_name.clone(),
                format!(
                    "{} was not opened; your work is unchanged.",
                    quoted(&file_name)
                ),
                error.diagnostics(),
            ),
        }
    }

    pub(super) fn open_anyway(&self) -> State {
        match &self.pending_open {
            Some(pending) => {
                let mut next = self.open_file(pending.file_name.clone(), &pending.text, true);
                next.pending_open = None;
                next
            }
            None => self.clone(),
        }
    }

    pub(super) fn restore(&self, file_name: String, text: &str, unsaved: bool) -> State {
        match rfp_core::file::load_to_score(text) {
            Ok(loaded) => {
                let mut next = State::with_scorecard(loaded.scorecard, &file_name);
                next.envelope_extra = Rc::new(loaded.envelope_extra);
                next.unsaved = unsaved;
                next.notice = Some(format!(
                    "Restored your work from this browser: {}.",
                    quoted(&next.report.title)
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

    /// The demo's file came: shown as the page's start, unless something else was opened or
    /// changed first. What was said meanwhile stays on the page: a refusal (work kept in the
    /// browser that could not be restored), a file waiting for the chair's word.
    pub(super) fn demo_fetched(&self, file: Result<String, String>) -> State {
        if !self.awaiting_demo {
            return self.clone();
        }
        let name = rfp_templates::DEMO.file_name();
        let loaded = file
            .map_err(|reason| vec![Diagnostic::error(name.clone(), reason)])
            .and_then(|text| rfp_core::file::load_to_score(&text).map_err(|e| e.diagnostics()));
        let summary = "The demo scorecard could not be opened: start from a template on the Start \
                       view, or open a scorecard file.";
        match loaded {
            Ok(loaded) => State {
                page: self.page,
                refused: self.refused.clone(),
                pending_open: self.pending_open.clone(),
                generation: self.generation + 1,
                ..State::with_scorecard(loaded.scorecard, &self.file_name)
            },
            Err(diagnostics) => {
                let mut next = match &self.refused {
                    // Said after what was refused before, not instead of it.
                    Some(earlier) => {
                        let mut both = (**earlier).clone();
                        both.diagnostics
                            .push(Diagnostic::error(name.clone(), summary.to_owned()));
                        both.diagnostics.extend(diagnostics);
                        State {
                            refused: Some(Rc::new(both)),
                            ..self.clone()
                        }
                    }
                    None => self.refuse(name, summary.to_owned(), diagnostics),
                };
                next.awaiting_demo = false;
                next.notice = None;
                next.file_name = "scorecard.json".into();
                next
            }
        }
    }

    pub(super) fn use_template(&self, id: &str, file: Result<String, String>) -> State {
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
                rfp_core::file::load_to_score(&text)
                    .map(|loaded| loaded.scorecard)
                    .map_err(|e| e.diagnostics())
            });
        match scorecard {
            Ok(scorecard) => self.replace(
                scorecard,
                &template.file_name(),
                format!("Started from the template {}.", quoted(template.name)),
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

    pub(super) fn tailor(
        &self,
        form: &ProfileForm,
        templates: Result<Vec<String>, String>,
    ) -> State {
        let templates = templates
            .map_err(|reason| vec![Diagnostic::error("templates", reason)])
            .and_then(|files| {
                files
                    .iter()
                    .map(|text| rfp_core::file::load_to_score(text).map(|loaded| loaded.scorecard))
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
                    format!("Tailored from the template {}.", quoted(&template)),
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
}
