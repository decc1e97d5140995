//! `rfp`: validate, score, merge, import and export RFP Scorecard files from the command line.
//!
//! Exit codes: 0 success, 1 invalid input (the message on stderr names the file and the place),
//! 2 usage errors. Every number printed comes from `rfp-core`'s report; this crate only renders.

mod render;

/// Print to stdout; a reader that went away (`rfp demo | head`) ends the output quietly.
macro_rules! out {
    ($($arg:tt)*) => {
        write_stdout(&format!($($arg)*))?
    };
}

/// [`out!`] with a line end.
macro_rules! outln {
    ($($arg:tt)*) => {
        write_stdout(&format!("{}\n", format!($($arg)*)))?
    };
}

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rfp_core::csv_io::{self, CsvOptions};
use rfp_core::{Diagnostic, Scorecard, Severity};

#[derive(Parser)]
#[command(
    name = "rfp",
    version,
    about = "RFP Scorecard: score EHR vendor responses with a weighted requirement matrix",
    long_about = "RFP Scorecard: score EHR vendor responses with a weighted requirement matrix.\n\n\
                  Try `rfp score` to see the built-in demo ranked, `rfp demo -o demo.json` to get \
                  the demo file to edit."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply a list of edits (a JSON array, as the site and the JavaScript API send them) to a
    /// scorecard and write the result. All or nothing: a refused edit names itself and the field,
    /// and nothing is written.
    Edit {
        /// The scorecard file.
        file: PathBuf,
        /// The edits: a JSON array of objects with an "op" member (see docs/edits.md).
        edits: PathBuf,
        /// Where to write the edited scorecard.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Check scorecard files and list every problem with its place.
    Validate {
        /// Scorecard files (.json).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Score a scorecard and show the ranking (the built-in demo when no file is given).
    Score {
        /// A scorecard file; leave out to score the demo.
        file: Option<PathBuf>,
        /// Print the whole report as JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print the report as CSV (one row per vendor).
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        csv_options: CsvArgs,
        /// Also show each requirement's scores.
        #[arg(long)]
        details: bool,
        /// Also show each category's weights by every method side by side (direct, rank-order
        /// centroid, AHP with its consistency ratio, SWING).
        #[arg(long)]
        weights: bool,
    },
    /// Merge evaluators' returned files into the chair's scorecard.
    Merge {
        /// The chair's scorecard.
        base: PathBuf,
        /// Evaluators' files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Where to write the merged scorecard.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Import a CSV: a requirement list, vendor answers, or an evaluator's scoring sheet.
    #[command(name = "import-csv")]
    ImportCsv {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export CSV: the report, or an evaluator's scoring sheet.
    #[command(name = "export-csv")]
    ExportCsv {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Write an evaluator's packet: the scorecard with only their own ratings.
    Packet {
        /// The chair's scorecard.
        file: PathBuf,
        /// The evaluator's id.
        #[arg(long)]
        evaluator: String,
        /// Where to write the packet.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// List the templates a scorecard can start from.
    Templates,
    /// Start a scorecard tailored to a practice: the closest template, adjusted to the profile,
    /// with every adjustment recorded in the file.
    New {
        /// Use this template instead of the closest one (see `rfp templates`).
        #[arg(long)]
        template: Option<String>,
        /// A specialty practised (repeat for several), e.g. "family medicine", "dermatology".
        #[arg(long = "specialty")]
        specialties: Vec<String>,
        /// Number of providers.
        #[arg(long)]
        providers: Option<u32>,
        /// Number of clinic locations.
        #[arg(long)]
        locations: Option<u32>,
        /// Patient encounters per year.
        #[arg(long)]
        encounters: Option<u64>,
        /// A billing model in use (repeat for several).
        #[arg(long = "billing", value_parser = clap::builder::PossibleValuesParser::new(rfp_core::vocabulary::BILLING_MODELS.iter().map(|t| t.id)))]
        billing: Vec<String>,
        /// An integration the practice needs (repeat), e.g. lab, e_prescribing, epcs, hie,
        /// immunization_registry, imaging, patient_portal, practice_management, telehealth.
        #[arg(long = "integration")]
        integrations: Vec<String>,
        /// Preferred go-live approach.
        #[arg(long, value_enum)]
        approach: Option<Approach>,
        /// Title of the new scorecard.
        #[arg(long)]
        title: Option<String>,
        /// Where to write the scorecard.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write the built-in demo scorecard file.
    Demo {
        /// Where to write it (stdout when left out).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of the scorecard file.
    Schema,
}

#[derive(Subcommand)]
enum ImportWhat {
    /// A requirement list (one row per requirement) into a new scorecard file.
    Requirements {
        /// The CSV file.
        csv: PathBuf,
        /// Title of the new scorecard.
        #[arg(long, default_value = "EHR selection")]
        title: String,
        /// Where to write the scorecard.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Vendor answers (one sheet per vendor with --vendor, or one wide sheet) into a scorecard.
    Answers {
        /// The scorecard to add the answers to.
        scorecard: PathBuf,
        /// The CSV file.
        csv: PathBuf,
        /// The vendor's name, for a one-vendor sheet (`requirement,answer,comment`).
        #[arg(long)]
        vendor: Option<String>,
        /// Where to write the scorecard (may be the same file).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// An evaluator's filled-in scoring sheet into a scorecard.
    Ratings {
        /// The scorecard to add the ratings to.
        scorecard: PathBuf,
        /// The CSV file.
        csv: PathBuf,
        /// Where to write the scorecard (may be the same file).
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Approach {
    /// Site by site or module by module.
    Staged,
    /// Everything at once.
    BigBang,
}

#[derive(Subcommand)]
enum ExportWhat {
    /// The criteria tree as a requirement list (imports back with `rfp import-csv requirements`).
    Requirements {
        /// The scorecard file.
        file: PathBuf,
        #[command(flatten)]
        csv_options: CsvArgs,
        /// Where to write the CSV (stdout when left out).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// One row per vendor: rank, total, category subtotals, knockout reason.
    Report {
        /// The scorecard file.
        file: PathBuf,
        #[command(flatten)]
        csv_options: CsvArgs,
        /// Where to write the CSV (stdout when left out).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// A sheet an evaluator fills in: one row per vendor and rated requirement.
    #[command(name = "scoring-sheet")]
    ScoringSheet {
        /// The scorecard file.
        file: PathBuf,
        /// The evaluator's id.
        #[arg(long)]
        evaluator: String,
        #[command(flatten)]
        csv_options: CsvArgs,
        /// Where to write the CSV (stdout when left out).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Args)]
struct CsvArgs {
    /// Field delimiter of CSV output.
    #[arg(long, value_enum, default_value_t = Delimiter::Comma)]
    delimiter: Delimiter,
    /// Leave out the UTF-8 byte order mark (kept by default so Excel reads UTF-8).
    #[arg(long)]
    no_bom: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Delimiter {
    /// `,`
    Comma,
    /// `;` (for spreadsheets in locales with a decimal comma)
    Semicolon,
}

impl CsvArgs {
    fn options(&self) -> CsvOptions {
        CsvOptions {
            delimiter: match self.delimiter {
                Delimiter::Comma => b',',
                Delimiter::Semicolon => b';',
            },
            bom: !self.no_bom,
        }
    }
}

/// A failure to report on stderr; exit code 1. An empty message prints nothing (the problems
/// were already listed).
struct Failure(String);

/// Write to stdout. A closed pipe is not an error: the reader has what it wanted.
fn write_stdout(text: &str) -> Outcome {
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

type Outcome = Result<(), Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            if !message.trim().is_empty() {
                eprintln!("{}", message.trim_end());
            }
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Outcome {
    match command {
        Command::Validate { files } => validate(&files),
        Command::Edit {
            file,
            edits,
            output,
        } => {
            let (scorecard, envelope) = load(&file)?;
            let text = read(&edits)?;
            let list: Vec<rfp_core::edit::Edit> = serde_json::from_str(&text).map_err(|e| {
                Failure(format!(
                    "{}: line {}, column {}: {e}",
                    display(&edits),
                    e.line(),
                    e.column()
                ))
            })?;
            let mut session = rfp_core::edit::Session::new(scorecard);
            let mut changed = 0;
            for (index, edit) in list.iter().enumerate() {
                let outcome = session.apply(edit).map_err(|error| {
                    edit_failure(&format!("{} edit {}", display(&edits), index + 1), error)
                })?;
                for warning in &outcome.warnings {
                    eprintln!("{} edit {}: {warning}", display(&edits), index + 1);
                }
                if outcome.touched != rfp_core::edit::Touched::Nothing {
                    changed += 1;
                }
            }
            let scorecard = session.into_scorecard();
            write(
                &output,
                &saved(
                    &output,
                    rfp_core::file::save_with_envelope(&scorecard, &envelope),
                )?,
            )?;
            outln!(
                "wrote {}: {changed} of {} edit(s) changed the scorecard",
                display(&output),
                list.len()
            );
            Ok(())
        }
        Command::Score {
            file,
            json,
            csv,
            csv_options,
            details,
            weights,
        } => {
            let (name, scorecard) = match &file {
                Some(path) => (display(path), load(path)?.0),
                None => ("the demo".to_owned(), rfp_templates::demo()),
            };
            let report = rfp_core::score(&scorecard);
            if json {
                let text = serde_json::to_string_pretty(&report)
                    .map_err(|e| Failure(format!("{name}: cannot write the report: {e}")))?;
                outln!("{text}");
            } else if csv {
                out!("{}", csv_io::export_report(&report, &csv_options.options()));
            } else {
                out!("{}", render::report(&report, details));
                if weights {
                    out!("{}", render::weightings(&report));
                }
                if file.is_none() {
                    outln!(
                        "\nThis is the built-in demo. `rfp demo -o demo.json` writes it to a file \
                         you can edit; `rfp score demo.json` scores your copy."
                    );
                }
            }
            Ok(())
        }
        Command::Merge {
            base,
            files,
            output,
        } => {
            let (base_card, base_loaded) = load(&base)?;
            let mut others = Vec::new();
            for path in &files {
                others.push((display(path), load(path)?.0));
            }
            let inputs: Vec<(&str, &Scorecard)> =
                others.iter().map(|(n, s)| (n.as_str(), s)).collect();
            let outcome =
                rfp_core::merge(&base_card, &inputs).map_err(|e| Failure(e.to_string()))?;
            for diagnostic in &outcome.diagnostics {
                eprintln!("{diagnostic}");
            }
            write(
                &output,
                &saved(
                    &output,
                    rfp_core::file::save_with_envelope(&outcome.scorecard, &base_loaded),
                )?,
            )?;
            outln!(
                "merged {} file(s) into {}: {} rating(s) new or updated, {} conflict(s) to settle",
                files.len(),
                display(&output),
                outcome.updated,
                outcome.conflicts.len()
            );
            Ok(())
        }
        Command::ImportCsv { what } => import_csv(what),
        Command::ExportCsv { what } => match what {
            ExportWhat::Requirements {
                file,
                csv_options,
                output,
            } => {
                let (scorecard, _) = load(&file)?;
                emit(
                    output.as_deref(),
                    &csv_io::export_requirements(&scorecard.criteria, &csv_options.options()),
                )
            }
            ExportWhat::Report {
                file,
                csv_options,
                output,
            } => {
                let (scorecard, _) = load(&file)?;
                let report = rfp_core::score(&scorecard);
                emit(
                    output.as_deref(),
                    &csv_io::export_report(&report, &csv_options.options()),
                )
            }
            ExportWhat::ScoringSheet {
                file,
                evaluator,
                csv_options,
                output,
            } => {
                let (scorecard, _) = load(&file)?;
                if !scorecard.evaluators.iter().any(|e| e.id == evaluator) {
                    return Err(Failure(format!(
                        "{}: no evaluator \"{evaluator}\" (evaluators: {})",
                        display(&file),
                        ids(scorecard.evaluators.iter().map(|e| e.id.as_str()))
                    )));
                }
                emit(
                    output.as_deref(),
                    &csv_io::export_scoring_sheet(&scorecard, &evaluator, &csv_options.options()),
                )
            }
        },
        Command::Packet {
            file,
            evaluator,
            output,
        } => {
            let (scorecard, _) = load(&file)?;
            let packet = rfp_core::merge::packet(&scorecard, &evaluator)
                .map_err(|e| Failure(format!("{}: {e}", display(&file))))?;
            write(&output, &saved(&output, rfp_core::save(&packet))?)?;
            outln!(
                "wrote {}: the packet for {evaluator}, with only their own ratings",
                display(&output)
            );
            Ok(())
        }
        Command::Demo { output } => emit(output.as_deref(), rfp_templates::DEMO_FILE),
        Command::Templates => {
            for template in rfp_templates::TEMPLATES {
                outln!(
                    "{:<26} {}\n{:<26} {}",
                    template.id,
                    template.name,
                    "",
                    template.summary
                );
            }
            Ok(())
        }
        Command::New {
            template,
            specialties,
            providers,
            locations,
            encounters,
            billing,
            integrations,
            approach,
            title,
            output,
        } => {
            let profile = rfp_core::PracticeProfile {
                specialties,
                providers,
                locations,
                annual_encounters: encounters,
                billing_models: billing,
                required_integrations: integrations,
                implementation_approach: approach.map(|a| match a {
                    Approach::Staged => rfp_core::ImplementationApproach::Staged,
                    Approach::BigBang => rfp_core::ImplementationApproach::BigBang,
                }),
                ..Default::default()
            };
            let tailored = match &template {
                Some(id) => {
                    let found = rfp_templates::find(id).ok_or_else(|| {
                        Failure(format!(
                            "no template \"{id}\" (templates: {})",
                            ids(rfp_templates::TEMPLATES.iter().map(|t| t.id))
                        ))
                    })?;
                    let card = found
                        .scorecard()
                        .map_err(|e| Failure(format!("template {id}: {e}")))?;
                    rfp_core::tailor::tailor_template(&profile, &card, "chosen on the command line")
                }
                None => rfp_templates::tailor(&profile).map_err(|e| Failure(e.to_string()))?,
            };
            let mut scorecard = tailored.scorecard;
            if let Some(title) = title {
                scorecard.meta.title = title;
            }
            write(&output, &saved(&output, rfp_core::save(&scorecard))?)?;
            outln!(
                "wrote {} from the {} template ({})",
                display(&output),
                tailored.template_id,
                tailored.template_reason
            );
            for adjustment in scorecard.meta.adjustments.iter().skip(1) {
                outln!(
                    "- {}: {} — {}",
                    adjustment.criterion,
                    adjustment.change,
                    adjustment.reason
                );
            }
            Ok(())
        }
        Command::Schema => {
            let schema = schemars::schema_for!(Scorecard);
            let text = serde_json::to_string_pretty(&schema)
                .map_err(|e| Failure(format!("cannot write the schema: {e}")))?;
            outln!("{text}");
            Ok(())
        }
    }
}

fn validate(files: &[PathBuf]) -> Outcome {
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
                print_diagnostics(&name, &loaded.diagnostics);
                let errors = loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Error);
                let damaged = loaded.integrity == rfp_core::file::Integrity::Mismatch;
                if errors || damaged {
                    failed = true;
                } else {
                    let card = &loaded.scorecard;
                    let requirements = rfp_core::validate::requirements_by_id(&card.criteria).len();
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

fn import_csv(what: ImportWhat) -> Outcome {
    match what {
        ImportWhat::Requirements { csv, title, output } => {
            let text = read(&csv)?;
            let imported = csv_io::import_requirements(&display(&csv), &text);
            check_import(&display(&csv), &imported.diagnostics)?;
            let mut scorecard = Scorecard::default();
            scorecard.meta.title = title;
            scorecard.criteria = imported.criteria;
            write(&output, &saved(&output, rfp_core::save(&scorecard))?)?;
            outln!(
                "wrote {} with {} requirement(s)",
                display(&output),
                rfp_core::validate::requirements_by_id(&scorecard.criteria).len()
            );
            Ok(())
        }
        ImportWhat::Answers {
            scorecard: path,
            csv,
            vendor,
            output,
        } => {
            let (mut scorecard, envelope) = load(&path)?;
            let text = read(&csv)?;
            let sheet =
                rfp_core::edit::answer_sheet(&scorecard, &display(&csv), &text, vendor.as_deref());
            check_import(&display(&csv), &sheet.diagnostics)?;
            let count = sheet.vendors;
            if let Some(edit) = &sheet.edit {
                scorecard = rfp_core::edit::apply(&scorecard, edit)
                    .map_err(|error| edit_failure(&display(&csv), error))?
                    .scorecard;
            }
            write(
                &output,
                &saved(
                    &output,
                    rfp_core::file::save_with_envelope(&scorecard, &envelope),
                )?,
            )?;
            outln!(
                "wrote {} with answers of {count} vendor(s)",
                display(&output)
            );
            Ok(())
        }
        ImportWhat::Ratings {
            scorecard: path,
            csv,
            output,
        } => {
            let (mut scorecard, envelope) = load(&path)?;
            let text = read(&csv)?;
            let imported = csv_io::import_scoring_sheet(&display(&csv), &text, &scorecard);
            check_import(&display(&csv), &imported.diagnostics)?;
            let count = imported.ratings.len();
            let mut incoming = scorecard.clone();
            incoming.ratings = imported.ratings;
            let merged = rfp_core::merge(&scorecard, &[(&display(&csv), &incoming)])
                .map_err(|e| Failure(format!("{}: {e}", display(&csv))))?;
            scorecard = merged.scorecard;
            write(
                &output,
                &saved(
                    &output,
                    rfp_core::file::save_with_envelope(&scorecard, &envelope),
                )?,
            )?;
            outln!(
                "wrote {} with {count} rating(s) from the sheet",
                display(&output)
            );
            Ok(())
        }
    }
}

/// Print an import's diagnostics; fail when any is an error (nothing is written then).
fn check_import(name: &str, diagnostics: &[Diagnostic]) -> Outcome {
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
fn edit_failure(name: &str, error: rfp_core::edit::EditError) -> Failure {
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

fn print_diagnostics(name: &str, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{name}: {diagnostic}");
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

fn read(path: &Path) -> Result<String, Failure> {
    let bytes =
        std::fs::read(path).map_err(|e| Failure(format!("{}: cannot read: {e}", display(path))))?;
    String::from_utf8(bytes).map_err(|e| {
        Failure(format!(
            "{}: not UTF-8 text (byte {}); save it as UTF-8 and try again",
            display(path),
            e.utf8_error().valid_up_to() + 1
        ))
    })
}

/// Load a scorecard file; print its warnings; fail on errors. Returns the envelope extras too.
fn load(path: &Path) -> Result<(Scorecard, rfp_core::Extra), Failure> {
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
            eprintln!("{name}: {diagnostic}");
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
fn saved(path: &Path, result: Result<String, rfp_core::Error>) -> Result<String, Failure> {
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

fn write(path: &Path, text: &str) -> Outcome {
    std::fs::write(path, text).map_err(|e| Failure(format!("{}: cannot write: {e}", display(path))))
}

fn emit(output: Option<&Path>, text: &str) -> Outcome {
    match output {
        Some(path) => write(path, text),
        None => {
            out!("{text}");
            Ok(())
        }
    }
}
