//! A vendor's answer sheet (CSV) as an edit: the one rule for which vendor a sheet's answers
//! belong to ([`existing_vendor`]: by name, then by the name's id), used by the site and the
//! command line. (The JavaScript API's `importAnswers` takes the vendor's id from the host
//! instead.)

use super::{Edit, new_id};
use crate::error::{Diagnostic, Severity};
use crate::model::{Scorecard, Vendor};

/// An answer sheet read against a scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSheet {
    /// The edit that brings the answers in (new vendors added first); none when the sheet has
    /// an error or no answers.
    pub edit: Option<Edit>,
    /// How many vendors the sheet answers for.
    pub vendors: usize,
    /// Every problem and remark, with its row and column.
    pub diagnostics: Vec<Diagnostic>,
}

/// The vendor a sheet or a column names: an existing vendor of that name, else one whose id is
/// the name's slug; none when the vendor is new.
pub fn existing_vendor<'a>(scorecard: &'a Scorecard, name: &str) -> Option<&'a Vendor> {
    let name = name.trim();
    let slug = crate::csv_io::slug(name);
    scorecard
        .vendors
        .iter()
        .find(|v| v.name.trim() == name)
        .or_else(|| {
            scorecard
                .vendors
                .iter()
                .find(|v| !slug.is_empty() && v.id == slug)
        })
}

/// Read a vendor answer sheet: with `vendor_name`, a one-vendor sheet for that vendor; without,
/// a sheet with a column per vendor. Answers of a vendor already in the scorecard (matched by
/// [`existing_vendor`]) replace theirs for the requirements the sheet answers; a new vendor is
/// added with an id made from the name (valid and unique whatever the script of the name).
pub fn answer_sheet(
    scorecard: &Scorecard,
    file_name: &str,
    text: &str,
    vendor_name: Option<&str>,
) -> AnswerSheet {
    let vendor_name = vendor_name.map(str::trim).filter(|n| !n.is_empty());
    let one = vendor_name.map(|name| match existing_vendor(scorecard, name) {
        Some(vendor) => (vendor.id.clone(), name.to_owned()),
        None => {
            let taken = |id: &str| super::people::vendor_id_taken(scorecard, id);
            (new_id(name, None, "vendor", &taken), name.to_owned())
        }
    });
    let import = crate::csv_io::import_answers(
        file_name,
        text,
        &scorecard.criteria,
        one.as_ref().map(|(id, name)| (id.as_str(), name.as_str())),
    );
    let mut diagnostics = import.diagnostics;
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return AnswerSheet {
            edit: None,
            vendors: 0,
            diagnostics,
        };
    }
    if import.vendors.is_empty() {
        diagnostics.push(Diagnostic::error("", "the sheet holds no answers"));
        return AnswerSheet {
            edit: None,
            vendors: 0,
            diagnostics,
        };
    }
    let mut edits = Vec::new();
    let vendors = import.vendors.len();
    let mut added: Vec<String> = Vec::new();
    for imported in import.vendors {
        let existing = match &one {
            Some((id, _)) => scorecard.vendors.iter().find(|v| &v.id == id),
            None => existing_vendor(scorecard, &imported.name),
        };
        let id = match existing {
            Some(existing) => existing.id.clone(),
            None => {
                let id = match &one {
                    Some((id, _)) => id.clone(),
                    None => {
                        let taken = |id: &str| {
                            super::people::vendor_id_taken(scorecard, id)
                                || added.iter().any(|a| a == id)
                        };
                        new_id(&imported.name, None, "vendor", &taken)
                    }
                };
                added.push(id.clone());
                edits.push(Edit::AddVendor {
                    name: imported.name.clone(),
                    id: Some(id.clone()),
                });
                id
            }
        };
        for (requirement, answer) in imported.answers {
            edits.push(Edit::SetAnswer {
                vendor: id.clone(),
                requirement,
                answer: Some(answer),
            });
        }
        for (requirement, text) in imported.comments {
            edits.push(Edit::SetComment {
                vendor: id.clone(),
                requirement,
                text,
            });
        }
    }
    AnswerSheet {
        edit: Some(Edit::Batch { edits }),
        vendors,
        diagnostics,
    }
}
