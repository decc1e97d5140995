//! `rfp`: validate, score, edit, merge, import and export RFP Scorecard files from the command
//! line. This file holds the arguments and sends each command to its file in `commands/`;
//! `io.rs` reads, loads, saves and writes; `render.rs` lays the report out as text.
//!
//! Exit codes: 0 success, 1 invalid input (the message on stderr names the file and the place),
//! 2 usage errors. Every number printed comes from `rfp-core`'s report; this crate only renders.

/// Print to stdout; a reader that went away (`rfp demo | head`) ends the output quietly.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::io::write_stdout(&format!($($arg)*))?
    };
}

/// [`out!`] with a line end.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::io::write_stdout(&format!("{}\n", format!($($arg)*)))?
    };
}

mod commands;
mod io;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rfp_core::csv_io::{CsvOptions, Delimiter};

use io::{Failure, Outcome};

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
        /// centroid, AHP with its consistency ratio, SWING, and group AHP with the group's and
        /// each evaluator's consistency where evaluators compared).
        #[arg(long)]
        weights: bool,
    },
    /// How robust the winner is: the lead and what carries it, the weights at which the winner
    /// changes, the single ratings that would change it, and whether one evaluator decides it.
    Analyse {
        /// A scorecard file; leave out to analyse the demo.
        file: Option<PathBuf>,
        /// Print the whole analysis as JSON.
        #[arg(long)]
        json: bool,
        /// Weight draws for the win probability (SMAA-2).
        #[arg(long, default_value_t = 10_000)]
        draws: u32,
        /// Seed of the draws: the same seed gives the same figures.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Each top-level weight drawn within ±this percent of the chosen one; `uniform`: every
        /// split of the weights equally likely.
        #[arg(long, default_value = "25")]
        spread: String,
        /// Also resample the committee: each weight draw scored by one of this many random
        /// halves of the evaluators who rated (0: the committee as it is; 2 to 1,000, no more
        /// than the draws; 100 reads a share within about 5 points, closer when the halves
        /// agree).
        #[arg(long, default_value_t = 0)]
        committees: u32,
    },
    /// A decision memo for the board, in Markdown or as an HTML page to print: the
    /// recommendation, the ranking with margins, knockouts in words, cost over the years,
    /// robustness, method and weights, the committee, disagreements with their consensus, and
    /// caveats.
    Memo {
        /// A scorecard file; leave out for the demo.
        file: Option<PathBuf>,
        /// Where to write it (stdout when left out); a name ending in .html writes a
        /// self-contained page to print or save as PDF, anything else Markdown.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The date on the memo, YYYY-MM-DD (today when left out).
        #[arg(long)]
        date: Option<String>,
    },
    /// Apply a list of edits to a scorecard, all or nothing (see docs/edits.md).
    ///
    /// The edits are a JSON array, as the site and the JavaScript API send them. A refused edit
    /// is named with its field and why, and nothing is written.
    Edit {
        /// The scorecard file.
        file: PathBuf,
        /// The edits: a JSON array of objects with an "op" member (see docs/edits.md).
        edits: PathBuf,
        /// Where to write the edited scorecard.
        #[arg(short, long)]
        output: PathBuf,
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
        /// Merge this file although it was changed outside RFP Scorecard (its checksum does
        /// not match): you have checked its ratings. Once per file; name it as in FILES.
        #[arg(long, value_name = "FILE")]
        accept_altered: Vec<PathBuf>,
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
    New(commands::new::NewArgs),
    /// Write the built-in demo scorecard file (with its checksum, as every file saved).
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
    /// Field delimiter of CSV output (every one imports back).
    #[arg(long, default_value = "comma", value_parser = delimiter_parser())]
    delimiter: Delimiter,
    /// Leave out the UTF-8 byte order mark (kept by default so Excel reads UTF-8).
    #[arg(long)]
    no_bom: bool,
}

/// `--delimiter`: the core's delimiters, by name.
fn delimiter_parser() -> impl TypedValueParser<Value = Delimiter> {
    PossibleValuesParser::new(
        Delimiter::ALL.map(|d| PossibleValue::new(d.name()).help(d.description())),
    )
    .try_map(|name| {
        Delimiter::ALL
            .into_iter()
            .find(|d| d.name() == name)
            .ok_or("not a delimiter")
    })
}

impl CsvArgs {
    fn options(&self) -> CsvOptions {
        CsvOptions {
            delimiter: self.delimiter,
            bom: !self.no_bom,
        }
    }
}

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
        Command::Validate { files } => commands::validate::run(&files),
        Command::Edit {
            file,
            edits,
            output,
        } => commands::edit::run(&file, &edits, &output),
        Command::Score {
            file,
            json,
            csv,
            csv_options,
            details,
            weights,
        } => commands::score::run(file.as_deref(), json, csv, &csv_options, details, weights),
        Command::Analyse {
            file,
            json,
            draws,
            seed,
            spread,
            committees,
        } => commands::score::analyse(file.as_deref(), json, draws, seed, &spread, committees),
        Command::Memo { file, output, date } => {
            commands::score::memo(file.as_deref(), output.as_deref(), date.as_deref())
        }
        Command::Merge {
            base,
            files,
            output,
            accept_altered,
        } => commands::share::merge(&base, &files, &accept_altered, &output),
        Command::ImportCsv { what } => commands::csv::import(what),
        Command::ExportCsv { what } => commands::csv::export(what),
        Command::Packet {
            file,
            evaluator,
            output,
        } => commands::share::packet(&file, &evaluator, &output),
        Command::Demo { output } => commands::new::demo(output.as_deref()),
        Command::Templates => commands::new::templates(),
        Command::New(args) => commands::new::run(args),
        Command::Schema => commands::new::schema(),
    }
}
