//! Errors and diagnostics.
//!
//! Loading and importing report every problem at once as a list of [`Diagnostic`]s, each
//! naming its place (`criteria[2].children[0].weight`, `answers.csv row 7, column "Vendor B"`).
//! [`Error`] wraps such a list, or a single problem that stops everything (a newer file, a file
//! that is not JSON at all).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::location::Location;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// The result is defined, but probably not what was meant.
    Warning,
    /// The input cannot be used as it is.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem (or remark) about an input, with its place and a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Where: a path into the document (`criteria[2].children[0].weight`) or a CSV place
    /// (`row 7, column "weight"`), typed; written as such a string in JSON.
    /// [`Location::Whole`] when it concerns the whole input.
    pub location: Location,
    /// What is wrong, in a sentence a committee member understands.
    pub message: String,
    /// How to fix it, when there is something to say.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: impl Into<Location>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            location: location.into(),
            message: message.into(),
            hint: String::new(),
        }
    }

    /// A warning at `location`.
    pub fn warning(location: impl Into<Location>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    /// A remark at `location`.
    pub fn info(location: impl Into<Location>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(location, message)
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = hint.into();
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.severity)?;
        if !self.location.is_empty() {
            write!(f, "{}: ", self.location)?;
        }
        f.write_str(&self.message)?;
        if !self.hint.is_empty() {
            write!(f, " (hint: {})", self.hint)?;
        }
        Ok(())
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// The error type of this crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not JSON.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The JSON is not a scorecard file (no or another format id).
    NotAScorecard {
        /// What was found instead.
        found: String,
    },
    /// The file was written by a newer version than this one understands.
    NewerSchema {
        /// The file's schema version.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The input has problems; every one is listed.
    Invalid(Vec<Diagnostic>),
    /// Files to merge do not share the same criteria.
    CriteriaDiffer {
        /// Which input differs from the base.
        input: String,
        /// What differs, one line each.
        differences: Vec<String>,
    },
}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Consume the error and return its kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// The diagnostics this error carries: the list for [`ErrorKind::Invalid`], one for the others.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self.kind() {
            ErrorKind::Invalid(list) => list.clone(),
            ErrorKind::Syntax {
                line,
                column,
                message,
            } => {
                vec![Diagnostic::error(
                    format!("line {line}, column {column}"),
                    format!("not valid JSON: {message}"),
                )]
            }
            _ => vec![Diagnostic::error("", self.to_string())],
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            ErrorKind::Syntax {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: not valid JSON: {message}"),
            ErrorKind::NotAScorecard { found } => write!(
                f,
                "not an RFP Scorecard file: {found} (expected \"format\": \"{}\")",
                crate::file::FORMAT_ID
            ),
            ErrorKind::NewerSchema { found, supported } => write!(
                f,
                "this file uses schema version {found}, but this version of RFP Scorecard \
                 reads schema versions up to {supported}; open it with a newer version \
                 (nothing was changed)"
            ),
            ErrorKind::Invalid(list) => {
                // The first line says the first problem with its place, so that a message shown
                // alone (a JavaScript `Error`, a toast) can be acted on; the list follows.
                let errors: Vec<&Diagnostic> = list
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                let first = errors.first().copied().or(list.first());
                match first {
                    Some(first) => {
                        let place = if first.location.is_empty() {
                            String::new()
                        } else {
                            format!("{}: ", first.location)
                        };
                        if errors.len() > 1 {
                            write!(f, "{} problems; the first: ", errors.len())?;
                        }
                        write!(f, "{place}{}", first.message)?;
                    }
                    None => f.write_str("the input is not valid")?,
                }
                if list.len() > 1 {
                    for diagnostic in list {
                        write!(f, "\n  {diagnostic}")?;
                    }
                } else if let Some(hint) = first.map(|d| &d.hint).filter(|h| !h.is_empty()) {
                    write!(f, " (hint: {hint})")?;
                }
                Ok(())
            }
            ErrorKind::CriteriaDiffer { input, differences } => {
                write!(
                    f,
                    "{input} has different criteria from the base scorecard, so its ratings \
                     cannot be merged"
                )?;
                for line in differences {
                    write!(f, "\n  {line}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// A short description of a JSON value for messages: `"ten"`, `12`, `an object`, `null`.
pub fn describe_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_owned(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            if shown.len() < s.len() {
                format!("{:?}…", shown)
            } else {
                format!("{s:?}")
            }
        }
        serde_json::Value::Array(_) => "a list".to_owned(),
        serde_json::Value::Object(_) => "an object".to_owned(),
    }
}
