//! Files in and out: reading text, loading and saving scorecard files, writing outputs, and the
//! failures and messages the commands share.

use std::path::Path;

use rfp_core::{Diagnostic, Scorecard, Severity};

/// A failure to report on stderr; exit code 1. An empty message prints nothing (the problems
/// were already listed).
pub(crate) struct Failure(pub(crate) String);

/// Write to stdout. A closed pipe is not an error: the reader has what it wanted.
pub(crate) fn write_stdout(text: &str) -> Outcome {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Failure(format!("cannot write the output: {e}"))),
    }
}

pub(crate) type Outcome = Result<(), Failure>;

/// Print an import's diagnostics; fail when any is an error (nothing is written then).
pub(crate) fn check_import(name: &str, diagnostics: &[Diagnostic]) -> Outcome {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}");
    }
    if errors > 0 {
        Err(Failure(format!(
            "{name}: {errors} problem(s); nothing was written — fix them and run the import again"
        )))
    } else {
        Ok(())
    }
}

/// A refused edit: every problem it would have brought, then one line naming the field.
pub(crate) fn edit_failure(name: &str, error: rfp_core::edit::EditError) -> Failure {
    for diagnostic in &error.diagnostics {
        eprintln!("{name}: {diagnostic}");
    }
    let field = if error.field.is_empty() {
        String::new()
    } else {
        format!(" ({})", error.field)
    };
    Failure(format!(
        "{name} was refused{field}: {}; nothing was written",
        error.message
    ))
}

pub(crate) fn print_diagnostics(name: &str, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{name}: {diagnostic}");
    }
}

pub(crate) fn display(path: &Path) -> String {
    path.display().to_string()
}

pub(crate) fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

pub(crate) fn read(path: &Path) -> Result<String, Failure> {
    let bytes =
        std::fs::read(path).map_err(|e| Failure(format!("{}: cannot read: {e}", display(path))))?;
    // UTF-16 without a byte order mark: text whose every other byte is zero reads as UTF-8,
    // and only its parser would fail, with a message about the zeros.
    if let [a, b, c, d, ..] = bytes[..] {
        if (a != 0 && b == 0 && c != 0 && d == 0) || (a == 0 && b != 0 && c == 0 && d != 0) {
            return Err(Failure(format!(
                "{}: written in UTF-16 (every other byte is zero); save it as UTF-8 and try again",
                display(path)
            )));
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure(format!(
            "{}: not UTF-8 text (byte {}); save it as UTF-8 and try again",
            display(path),
            e.utf8_error().valid_up_to() + 1
        ))
    })
}

/// Load a scorecard file; print its warnings; fail on errors. Returns the envelope extras too.
pub(crate) fn load(path: &Path) -> Result<(Scorecard, rfp_core::Extra), Failure> {
    let name = display(path);
    let text = read(path)?;
    let loaded = rfp_core::load(&text).map_err(|e| {
        Failure(
            e.diagnostics()
                .iter()
                .map(|d| format!("{name}: {d}"))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let errors: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    // Errors stop here; warnings of meaning are shown by the report. A damaged file is said at once.
    for diagnostic in &loaded.diagnostics {
        if diagnostic.severity == Severity::Error || diagnostic.location == "checksum" {
            let said = rfp_core::location::with_names(diagnostic, &loaded.scorecard);
            eprintln!("{name}: {said}");
        }
    }
    if !errors.is_empty() {
        return Err(Failure(format!(
            "{name}: {} problem(s) listed above; fix them and try again",
            errors.len()
        )));
    }
    Ok((loaded.scorecard, loaded.envelope_extra))
}

/// The text of a scorecard file, or a failure naming the output and every bad place.
pub(crate) fn saved(
    path: &Path,
    result: Result<String, rfp_core::Error>,
) -> Result<String, Failure> {
    result.map_err(|e| {
        Failure(
            e.diagnostics()
                .iter()
                .map(|d| format!("{}: cannot save: {d}", display(path)))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })
}

pub(crate) fn write(path: &Path, text: &str) -> Outcome {
    std::fs::write(path, text).map_err(|e| Failure(format!("{}: cannot write: {e}", display(path))))
}

pub(crate) fn emit(output: Option<&Path>, text: &str) -> Outcome {
    match output {
        Some(path) => write(path, text),
        None => {
            out!("{text}");
            Ok(())
        }
    }
}

/// Now, by the system clock (what orders an evaluator's ratings of one cell); `None` for a
/// clock before 1970.
pub fn now() -> Option<rfp_core::Stamp> {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_millis();
    rfp_core::Stamp::from_millis(millis as f64)
}
