//! `rfp validate`: check files and list every problem with its place.

use std::path::PathBuf;

use rfp_core::Severity;

use crate::io::{Failure, Outcome, display, print_diagnostics, read};

pub(crate) fn run(files: &[PathBuf]) -> Outcome {
    let mut failed = false;
    for path in files {
        let name = display(path);
        let text = match read(path) {
            Ok(text) => text,
            Err(Failure(message)) => {
                eprintln!("{message}");
                failed = true;
                continue;
            }
        };
        match rfp_core::load(&text) {
            Err(error) => {
                failed = true;
                print_diagnostics(&name, &error.diagnostics());
            }
            Ok(loaded) => {
                for diagnostic in &loaded.diagnostics {
                    let said = rfp_core::location::with_names(diagnostic, &loaded.scorecard);
                    eprintln!("{name}: {said}");
                }
                let errors = loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Error);
                let damaged = loaded.integrity == rfp_core::file::Integrity::Mismatch;
                if errors || damaged {
                    failed = true;
                } else {
                    let card = &loaded.scorecard;
                    let requirements = rfp_core::tree::requirements_by_id(&card.criteria).len();
                    outln!(
                        "{name}: valid ({requirements} requirements, {} vendors, {} evaluators, {} ratings{})",
                        card.vendors.len(),
                        card.evaluators.len(),
                        card.ratings.len(),
                        match loaded.integrity {
                            rfp_core::file::Integrity::Verified => ", checksum verified",
                            _ => ", no checksum",
                        }
                    );
                }
            }
        }
    }
    if failed {
        Err(Failure(String::new()))
    } else {
        Ok(())
    }
}
