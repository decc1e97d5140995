//! The fuzz targets: one per way an input reaches `rfp-core` from outside (a scorecard file, a
//! CSV sheet, returned files to merge, a packet, a JavaScript host's edits and reports) and
//! per output made from it for people (the exports, the board memo).
//!
//! A target takes any bytes and must not panic. Besides the core's own panics, a target checks
//! what the core promises about every input and panics with `check failed: …` when a promise
//! is broken: a saved file loads again and saves the same text; a report is defined (no NaN,
//! totals 0–100) and fits together; a session's report equals `score` of its scorecard; undo
//! gives the scorecard back exactly; what a requirement list imports without an error,
//! validation takes; the board memo shows people's text as text.
//!
//! A target returns a [`Trace`] of what the input led to (the kinds and places of the
//! diagnostics, refusals, counts): the driver keeps inputs that lead somewhere new.

use std::borrow::Cow;

use rfp_core::csv_io::{self, CsvOptions};
use rfp_core::edit::{self, Edit, Session, Touched};
use rfp_core::file;
use rfp_core::merge::{self, ReturnedFile};
use rfp_core::{Diagnostic, Error, ErrorKind, Report, Scorecard, Severity};

/// A fuzz target.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The name given to `--target`, also the folder of its seeds (`tests/data/fuzz/<name>/`).
    pub name: &'static str,
    /// What it feeds and checks, for `--list`.
    pub about: &'static str,
    /// Run the input; a panic is a defect.
    pub run: fn(&[u8]) -> Trace,
}

/// Every target, in the order `--target all` runs them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "load",
        about: "a scorecard file: load, validate, score, save, load the saved text and save again (the same text)",
        run: load,
    },
    Target {
        name: "import-requirements",
        about: "a requirement list (CSV) into a new scorecard and into the demo's criteria, scored and saved",
        run: import_requirements,
    },
    Target {
        name: "import-answers",
        about: "a vendor answer sheet (CSV) as an edit of the demo (wide, an existing and a new vendor), applied, scored, undone",
        run: import_answers,
    },
    Target {
        name: "import-scoring-sheet",
        about: "an evaluator's scoring sheet (CSV) merged into the demo as the command line does, scored",
        run: import_scoring_sheet,
    },
    Target {
        name: "merge",
        about: "two scorecard files (split at the first NUL byte, else halved; the demo where one does not load) merged, scored",
        run: merge,
    },
    Target {
        name: "packet",
        about: "a scorecard file's evaluator packets, saved, loaded, scored and merged back",
        run: packet,
    },
    Target {
        name: "score",
        about: "a scorecard (a file, or a bare scorecard object as JavaScript passes it) scored; or edits applied to the trimmed demo in a session, undone, redone",
        run: score,
    },
    Target {
        name: "edit",
        about: "edits (a list, or one) applied to the trimmed demo in a session, checked against score, undone, redone",
        run: edit,
    },
    Target {
        name: "memo",
        about: "a scorecard (a file, or a bare scorecard object as JavaScript passes `analyse`) analysed and written as the board memo, Markdown and HTML: no markup but the memo's own",
        run: memo,
    },
    Target {
        name: "export",
        about: "every CSV export of a loaded scorecard (`,` and `;`), read back; and a report object exported",
        run: export,
    },
];

/// The target named `name`.
pub fn find(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

// ------------------------------------------------------------------------------------------------
// What an input led to
// ------------------------------------------------------------------------------------------------

/// What an input led to, as features: a refusal's kind, each diagnostic's severity, place and
/// message with numbers and quoted text left out, counts by their power of two. An input with a
/// feature no input had before is kept (as edges are in coverage-guided fuzzing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    features: Vec<u64>,
    scored: bool,
}

impl Trace {
    /// The features, hashed.
    pub fn features(&self) -> &[u64] {
        &self.features
    }

    /// Whether the input got as far as a report (made by `score` and checked).
    pub fn scored(&self) -> bool {
        self.scored
    }

    /// Note a feature.
    fn note(&mut self, feature: &str) {
        let mut shaped = Shaped::default();
        shaped.add(feature);
        self.features.push(shaped.hash.0);
    }

    /// Note a count, by its power of two.
    fn count(&mut self, what: &str, n: usize) {
        let mut hash = Fnv::default();
        hash.add(what.as_bytes());
        hash.add(&bits(n).to_le_bytes());
        self.features.push(hash.0);
    }

    /// Note diagnostics: how many, and each one's severity, place and message.
    fn diagnostics(&mut self, list: &[Diagnostic]) {
        use std::fmt::Write;
        self.count("diagnostics", list.len());
        for d in list {
            // Hashed as they are written: a diagnostic costs no allocation here, which
            // mattered (a fifth of the time of an importer's run went to these features).
            let mut shaped = Shaped::default();
            shaped.hash.add(&[d.severity as u8]);
            // Writing into a `Shaped` cannot fail.
            shaped.place = true;
            let _ = write!(shaped, "{}", d.location);
            shaped.restart();
            shaped.add(&d.message);
            self.features.push(shaped.hash.0);
        }
    }

    /// Note a refusal.
    fn error(&mut self, error: &Error) {
        self.note(match error.kind() {
            ErrorKind::Syntax { .. } => "syntax",
            ErrorKind::NotAScorecard { .. } => "not a scorecard",
            ErrorKind::NewerSchema { .. } => "newer schema",
            ErrorKind::Invalid(_) => "invalid",
            ErrorKind::CriteriaDiffer { .. } => "criteria differ",
            _ => "other error",
        });
        if let ErrorKind::Syntax { message, .. } = error.kind() {
            self.note(message);
        } else {
            self.diagnostics(&error.diagnostics());
        }
    }

    /// Note a report: its size and its diagnostics.
    fn report(&mut self, report: &Report) {
        self.scored = true;
        self.count("vendors", report.vendors.len());
        self.count("requirements", report.requirements.len());
        self.count("categories", report.categories.len());
        self.count("disagreements", report.disagreements.len());
        self.count("missing", report.missing_answers.len());
        self.diagnostics(&report.diagnostics);
    }
}

/// FNV-1a of `bytes`, as [`Fnv`] hashes them: a hash that stays the same from build to build
/// (crash file names), also at compile time ([`ID_MAPS`]).
pub const fn hash(bytes: &[u8]) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

/// FNV-1a, fed piece by piece.
struct Fnv(u64);

/// FNV-1a's offset basis and prime (64 bits).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(FNV_OFFSET)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }
}

/// The power of two a count falls in (0, 1, 2–3, 4–7, …), as its number of bits.
fn bits(n: usize) -> u32 {
    usize::BITS - n.leading_zeros()
}

/// The hash of texts with what varies from input to input left out: in each text, digits
/// become one `#`, and it ends at the first quote or other character outside ASCII letters,
/// digits, spaces and `.,()[]-_/%>` (names and values are quoted in messages), or after 60
/// characters. A place (`place` set before it is written) is its members and indices up to
/// the first member that is not a word of lower-case letters, digits and `_` — an id or a
/// member the input made up, `answers.x]]1e3,5` — which counts as `*`, whatever it is. The
/// members after one whose members are ids ([`ID_MAPS`]: `answers.sla.sev1`) are an id, `*`
/// too, words or not, up to an index (`answers.x.one_time[0]` keeps its list's member).
#[derive(Default)]
struct Shaped {
    hash: Fnv,
    /// Characters read of the current text.
    read: usize,
    /// Whether the current text has ended (a quote, or its 60 characters).
    ended: bool,
    after_digit: bool,
    /// Whether the current text is a place.
    place: bool,
    /// A place's current member, hashed apart until it ends as a word.
    member: Fnv,
    /// Whether the place is inside `[…]`.
    in_index: bool,
    /// Whether the place has had an index (it is a file's place, not a sheet's cell).
    indexed: bool,
    /// How many `.` the place has had.
    dots: u8,
    /// Whether the place is in an id, after a member of [`ID_MAPS`]: its members are not hashed.
    in_id: bool,
}

/// The members of a file whose own members are ids the input names (a vendor's `answers` and
/// `comments` by requirement, a consensus value's `basis` by evaluator, SWING points by
/// child): a requirement id holds `.`, and each id made of words (`answers.formula`,
/// `answers.sla.sev1`) was a feature of its own, filling a load run's corpus with them.
const ID_MAPS: [u64; 4] = [
    hash(b"answers"),
    hash(b"comments"),
    hash(b"basis"),
    hash(b"swing"),
];

impl Shaped {
    /// Start the next text (a separator is hashed between the two).
    fn restart(&mut self) {
        if self.place && !self.ended && !self.in_id {
            self.hash.add(&self.member.0.to_le_bytes());
        }
        self.place = false;
        self.in_id = false;
        self.member = Fnv::default();
        self.in_index = false;
        self.indexed = false;
        self.dots = 0;
        self.hash.add(b"|");
        self.read = 0;
        self.ended = false;
        self.after_digit = false;
    }

    /// A place, byte by byte, up to 60 characters: a member ends at `.` or `[` and is hashed as
    /// a whole; an index (digits within `[…]`) is `#`; anything else ends the place with `*`.
    ///
    /// In a place of one or two members and no index, a space ends the members: what follows
    /// is words (`requirement "x"`, a sheet's `requirements.csv row 5, column "x"`), shaped as
    /// a message is. Deeper, or after an index, a space is in a member the input made
    /// (`answers.a b`, `settings.top_weighting.swing.A b`), and an index holds digits only.
    fn add_place(&mut self, text: &str) {
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if self.ended || self.read == 60 {
                self.ended = true;
                return;
            }
            if b == b' ' && !self.in_index && !self.indexed && self.dots < 2 {
                if !self.in_id {
                    self.hash.add(&self.member.0.to_le_bytes());
                }
                self.place = false;
                self.after_digit = false;
                self.add(&text[i..]);
                return;
            }
            self.read += 1;
            let word = b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
            if self.in_index {
                if b == b']' && self.after_digit {
                    self.in_index = false;
                    self.hash.add(b"]");
                } else if !b.is_ascii_digit() {
                    self.hash.add(b"*");
                    self.ended = true;
                } else if !self.after_digit {
                    self.hash.add(b"#");
                }
                self.after_digit = b.is_ascii_digit();
            } else if self.in_id && b == b'.' {
                // Still in the id.
                self.member = Fnv::default();
                self.dots = self.dots.saturating_add(1);
            } else if matches!(b, b'.' | b'[') {
                // An id ends at an index: the member before it is the list's (`one_time`).
                self.in_id = false;
                self.hash.add(&self.member.0.to_le_bytes());
                self.hash.add(&[b]);
                if b == b'.' && ID_MAPS.contains(&self.member.0) {
                    self.in_id = true;
                    self.hash.add(b"*");
                }
                self.member = Fnv::default();
                self.in_index = b == b'[';
                self.indexed |= self.in_index;
                self.dots = self.dots.saturating_add(u8::from(b == b'.'));
                self.after_digit = false;
            } else if !word {
                self.hash.add(b"*");
                self.ended = true;
            } else if b.is_ascii_digit() {
                if !self.after_digit {
                    self.member.add(b"#");
                }
                self.after_digit = true;
            } else {
                self.after_digit = false;
                self.member.add(&[b]);
            }
        }
    }

    fn add(&mut self, text: &str) {
        if self.place {
            self.add_place(text);
            return;
        }
        // Byte by byte (this runs for every diagnostic of every input). A text ends at the
        // first character outside the words the core writes its messages and places with:
        // a quote (names and values are quoted), and as well any other mark or letter
        // outside ASCII, since some messages name what an input wrote without quotes (a
        // numeric rule's unit: "expected a number of {;{") and each such text would be a
        // feature of its own, keeping nearly every input.
        for &b in text.as_bytes() {
            let ours = b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b' ' | b'.'
                        | b','
                        | b'('
                        | b')'
                        | b'['
                        | b']'
                        | b'-'
                        | b'_'
                        | b'/'
                        | b'%'
                        | b'>'
                );
            if self.ended || self.read == 60 || !ours {
                self.ended = true;
                return;
            }
            self.read += 1;
            if b.is_ascii_digit() {
                if !self.after_digit {
                    self.hash.add(b"#");
                }
                self.after_digit = true;
            } else {
                self.after_digit = false;
                self.hash.add(&[b]);
            }
        }
    }
}

impl std::fmt::Write for Shaped {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.add(text);
        Ok(())
    }
}

// ------------------------------------------------------------------------------------------------
// What every input must respect
// ------------------------------------------------------------------------------------------------

thread_local! {
    /// The demo scorecard (the small primary-care template): what sheets are imported into
    /// and edits are applied to.
    static DEMO: Scorecard = rfp_templates::demo();
}

fn with_demo<T>(f: impl FnOnce(&Scorecard) -> T) -> T {
    DEMO.with(f)
}

thread_local! {
    /// The demo trimmed to 16 requirements of every kind, 48 ratings (the seed
    /// `score/demo-small.json`): what edits are applied to. A session scores the whole scorecard
    /// again at each step, undo and redo; on the demo's 86 requirements the edit target ran
    /// about 300 inputs a second.
    static SMALL_DEMO: Scorecard =
        rfp_core::load(include_str!("../../../tests/data/fuzz/score/demo-small.json"))
            .expect("the trimmed demo loads")
            .scorecard;
}

fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn has_errors(list: &[Diagnostic]) -> bool {
    list.iter().any(|d| d.severity == Severity::Error)
}

/// Score `scorecard` and check the report is defined and fits together.
fn score_checked(scorecard: &Scorecard, trace: &mut Trace) -> Report {
    let report = rfp_core::score(scorecard);
    check_report(&report);
    trace.report(&report);
    report
}

/// A report made by `score` is defined (no NaN; totals 0–100; scores 0–1) and fits together.
fn check_report(report: &Report) {
    let problems = report.shape_problems();
    assert!(
        problems.is_empty(),
        "check failed: a report made by score does not fit together: {}",
        problems[0]
    );
    let defined = |what: &str, x: f64| {
        assert!(x.is_finite(), "check failed: report {what} is {x}");
    };
    for vendor in &report.vendors {
        assert!(
            (0.0..=100.0 + 1e-9).contains(&vendor.total),
            "check failed: report total of {:?} is {}",
            vendor.vendor_id,
            vendor.total
        );
        defined("completeness", vendor.completeness);
        vendor
            .category_points
            .iter()
            .chain(&vendor.category_shares)
            .for_each(|&x| defined("category points", x));
        for score in &vendor.scores {
            assert!(
                (0.0..=1.0 + 1e-9).contains(&score.score),
                "check failed: report requirement score is {}",
                score.score
            );
            defined("requirement points", score.points);
            if let Some(value) = score.value {
                assert!(!value.is_nan(), "check failed: report value is NaN");
            }
        }
    }
    for category in &report.categories {
        defined("category weight", category.weight);
        defined("category local weight", category.local_weight);
    }
    for requirement in &report.requirements {
        defined("requirement weight", requirement.weight);
        defined("requirement local weight", requirement.local_weight);
    }
    for weighting in &report.weightings {
        weighting
            .in_force
            .iter()
            .chain(&weighting.rank_order_centroid)
            .for_each(|&x| defined("weighting", x));
        if let Some(ahp) = &weighting.ahp {
            assert!(
                !ahp.lambda_max.is_nan() && !ahp.consistency_ratio.is_nan(),
                "check failed: report AHP summary holds NaN"
            );
        }
    }
}

/// Save, load the saved text, save again: the round trip loads and gives the same text.
fn round_trip(scorecard: &Scorecard, trace: &mut Trace) {
    let first = match rfp_core::save(scorecard) {
        Ok(first) => first,
        Err(error) => {
            trace.note("save refused");
            trace.error(&error);
            return;
        }
    };
    let again = match rfp_core::load(&first) {
        Ok(again) => again,
        Err(error) => panic!("check failed: round trip: the saved file does not load: {error}"),
    };
    let second = match rfp_core::save(&again.scorecard) {
        Ok(second) => second,
        Err(error) => {
            panic!("check failed: round trip: the reloaded scorecard does not save: {error}")
        }
    };
    if first != second {
        let line = first
            .lines()
            .zip(second.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| first.lines().count().min(second.lines().count()));
        panic!(
            "check failed: round trip: the second save differs from the first at line {}: {:?} then {:?}",
            line + 1,
            first.lines().nth(line).unwrap_or(""),
            second.lines().nth(line).unwrap_or("")
        );
    }
}

/// A scorecard from a file, or the demo when the text does not load.
fn load_or_demo(text: &str, trace: &mut Trace) -> Scorecard {
    match rfp_core::load(text) {
        Ok(loaded) => {
            trace.diagnostics(&loaded.diagnostics);
            loaded.scorecard
        }
        Err(error) => {
            trace.error(&error);
            with_demo(Scorecard::clone)
        }
    }
}

// ------------------------------------------------------------------------------------------------
// The targets
// ------------------------------------------------------------------------------------------------

fn load(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    match rfp_core::load(&text(data)) {
        Err(error) => trace.error(&error),
        Ok(loaded) => {
            trace.note(&format!("{:?}", loaded.integrity));
            trace.diagnostics(&loaded.diagnostics);
            trace.diagnostics(&rfp_core::validate(&loaded.scorecard));
            score_checked(&loaded.scorecard, &mut trace);
            round_trip(&loaded.scorecard, &mut trace);
        }
    }
    trace
}

fn import_requirements(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    let imported = csv_io::import_requirements("requirements.csv", &text(data));
    trace.diagnostics(&imported.diagnostics);
    trace.count("criteria", imported.criteria.len());
    if !has_errors(&imported.diagnostics) {
        // As `rfp import-csv requirements` does: a new scorecard, saved.
        let scorecard = Scorecard {
            criteria: imported.criteria.clone(),
            ..Scorecard::default()
        };
        let problems = rfp_core::validate(&scorecard);
        trace.diagnostics(&problems);
        // What an import makes without an error, the file's validation takes.
        if let Some(refused) = problems.iter().find(|d| d.severity == Severity::Error) {
            panic!(
                "check failed: a requirement list imported without an error makes a scorecard \
                 validation refuses: {refused}"
            );
        }
        score_checked(&scorecard, &mut trace);
        round_trip(&scorecard, &mut trace);
    }
    // The demo's vendors, answers and ratings against the imported criteria.
    let mut demo = with_demo(Scorecard::clone);
    demo.criteria = imported.criteria;
    score_checked(&demo, &mut trace);
    trace
}

fn import_answers(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    let text = text(data);
    with_demo(|demo| {
        for vendor in [None, Some("CedarChart"), Some("Nova Fuzz EHR")] {
            trace.note(vendor.unwrap_or("wide"));
            let sheet = edit::answer_sheet(demo, "answers.csv", &text, vendor);
            trace.diagnostics(&sheet.diagnostics);
            let Some(answers) = sheet.edit else {
                continue;
            };
            match edit::apply(demo, &answers) {
                Err(refused) => {
                    trace.note(&refused.field);
                    trace.diagnostics(&refused.diagnostics);
                }
                Ok(applied) => {
                    trace.diagnostics(&applied.warnings);
                    score_checked(&applied.scorecard, &mut trace);
                    let mut back = applied.scorecard;
                    if let Err(error) = edit::perform(&mut back, &applied.inverse) {
                        panic!("check failed: the inverse of an answer sheet is refused: {error}");
                    }
                    assert!(
                        back == *demo,
                        "check failed: the inverse of an answer sheet does not give the scorecard back"
                    );
                }
            }
        }
    });
    trace
}

fn import_scoring_sheet(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    let text = text(data);
    with_demo(|demo| {
        let imported = csv_io::import_scoring_sheet("sheet.csv", &text, demo, None);
        trace.diagnostics(&imported.diagnostics);
        trace.count("ratings", imported.ratings.len());
        if has_errors(&imported.diagnostics) {
            return;
        }
        // As `rfp import-csv ratings` does: the sheet's ratings merged into the scorecard.
        match imported.merge_into(demo, "sheet.csv") {
            Ok(merged) => {
                trace.count("conflicts", merged.conflicts.len());
                trace.diagnostics(&merged.diagnostics);
                score_checked(&merged.scorecard, &mut trace);
            }
            Err(error) => trace.error(&error),
        }
    });
    trace
}

fn merge(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    let (first, second) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => data.split_at(data.len() / 2),
    };
    let (first, second) = (text(first), text(second));
    let base = load_or_demo(&first, &mut trace);
    let returned = load_or_demo(&second, &mut trace);
    match rfp_core::merge(&base, &[("returned.json", &returned)]) {
        Ok(merged) => {
            trace.count("conflicts", merged.conflicts.len());
            trace.diagnostics(&merged.diagnostics);
            score_checked(&merged.scorecard, &mut trace);
        }
        Err(error) => trace.error(&error),
    }
    // As the site does: the returned file as it arrived, checksum and all.
    let files = merge::merge_files(
        &base,
        &[ReturnedFile {
            name: "returned.json",
            text: &second,
            accept_altered: data.len() % 2 == 0,
        }],
    );
    for (_, verdict) in &files.files {
        trace.note(match verdict {
            merge::FileVerdict::Merged => "merged",
            merge::FileVerdict::MergedAltered => "merged altered",
            merge::FileVerdict::Altered(_) => "altered",
            merge::FileVerdict::Refused(_) => "refused",
        });
    }
    if let Some(outcome) = files.outcome {
        score_checked(&outcome.scorecard, &mut trace);
    }
    trace
}

fn packet(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    let loaded = match rfp_core::load(&text(data)) {
        Ok(loaded) => loaded,
        Err(error) => {
            trace.error(&error);
            return trace;
        }
    };
    let scorecard = &loaded.scorecard;
    let mut ids: Vec<&str> = scorecard
        .evaluators
        .iter()
        .take(3)
        .map(|e| e.id.as_str())
        .collect();
    ids.push("nobody");
    for id in ids {
        let packet = match merge::packet(scorecard, id) {
            Ok(packet) => packet,
            Err(error) => {
                trace.error(&error);
                continue;
            }
        };
        trace.count("packet ratings", packet.ratings.len());
        score_checked(&packet, &mut trace);
        // The evaluator sends it back as saved; the chair merges it.
        let Ok(saved) = rfp_core::save(&packet) else {
            trace.note("packet not saved");
            continue;
        };
        let files = merge::merge_files(
            scorecard,
            &[ReturnedFile {
                name: "packet.json",
                text: &saved,
                accept_altered: false,
            }],
        );
        for (_, verdict) in &files.files {
            if let merge::FileVerdict::Refused(why) = verdict {
                trace.note("packet refused");
                trace.diagnostics(why);
            }
        }
        if let Some(outcome) = files.outcome {
            score_checked(&outcome.scorecard, &mut trace);
        }
    }
    trace
}

/// The most edits of one input applied in a session (below its history of 50 steps, so that
/// undo reaches the start).
const MAX_EDITS: usize = 40;

fn score(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    let text = text(data);
    let error = match rfp_core::load(&text) {
        Ok(loaded) => {
            trace.diagnostics(&loaded.diagnostics);
            let report = score_checked(&loaded.scorecard, &mut trace);
            win_probability(&loaded.scorecard, &report, &mut trace);
            return trace;
        }
        Err(error) => error,
    };
    trace.error(&error);
    let Ok(value) = file::parse_json(&text) else {
        return trace;
    };
    // What the JavaScript API is handed: edits for a session, or a bare scorecard object.
    if value.is_array() || value.get("op").is_some() {
        edits(value, &mut trace);
    } else {
        match file::decode::<Scorecard>(value, "scorecard") {
            Ok(scorecard) => {
                let report = score_checked(&scorecard, &mut trace);
                win_probability(&scorecard, &report, &mut trace);
            }
            Err(error) => trace.error(&error),
        }
    }
    trace
}

/// The win probability with the committee halved (the JavaScript API's `smaa` takes a host's
/// scorecard): a few draws over two halves, each rank's shares and the draws without a winner
/// adding up to 1.
fn win_probability(scorecard: &Scorecard, report: &Report, trace: &mut Trace) {
    let options = rfp_core::analysis::SmaaOptions {
        draws: 32,
        seed: 1,
        spread: Some(0.5),
        committees: 2,
    };
    let result = rfp_core::analysis::smaa(scorecard, report, &options);
    trace.note(if result.resampled.is_some() {
        "committee halved"
    } else {
        "committee as it is"
    });
    for rank in 0..result.vendors.len() {
        let sum: f64 = result.vendors.iter().map(|v| v.ranks[rank]).sum();
        assert!(
            (sum + result.without_winner - 1.0).abs() < 1e-9,
            "check failed: the win probability's shares of rank {rank} add up to {sum}, and {} without a winner",
            result.without_winner
        );
    }
}

fn memo(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    let text = text(data);
    let scorecard = match rfp_core::load(&text) {
        Ok(loaded) => {
            trace.diagnostics(&loaded.diagnostics);
            loaded.scorecard
        }
        Err(error) => {
            trace.error(&error);
            // What the JavaScript API's `analyse` is handed: a bare scorecard object.
            let Ok(value) = file::parse_json(&text) else {
                return trace;
            };
            match file::decode::<Scorecard>(value, "scorecard") {
                Ok(scorecard) => scorecard,
                Err(error) => {
                    trace.error(&error);
                    return trace;
                }
            }
        }
    };
    let report = score_checked(&scorecard, &mut trace);
    let analysis = rfp_core::analysis::analyse(&scorecard, &report);
    trace.note(if analysis.winner.is_some() {
        "a winner"
    } else {
        "no winner"
    });
    trace.count("margins", analysis.margins.len());
    trace.count("break-even shares", analysis.weights.len());
    trace.count("without an evaluator", analysis.without_evaluator.len());
    trace.count("rating flips", analysis.rating_flips.len());
    trace.count("prices", analysis.prices.len());
    trace.count("sentences", analysis.sentences.len());
    // Not noted: the sentences name vendors, so every name a mutation makes would be new.
    for sentence in &analysis.sentences {
        no_direction_control(sentence, "analysis's sentence");
    }
    const DAY: &str = "2026-12-07";
    check_memo_markdown(&rfp_core::memo::markdown(
        &scorecard, &report, &analysis, DAY,
    ));
    check_memo_html(&rfp_core::memo::html(&scorecard, &report, &analysis, DAY));
    trace
}

/// The Markdown memo shows people's text literally: no `<` (an HTML tag in Markdown), no
/// direction control, and every row of a table has the header's columns (a `|` in a name
/// would add one).
fn check_memo_markdown(markdown: &str) {
    no_direction_control(markdown, "Markdown memo");
    assert!(
        !markdown.contains('<'),
        "check failed: the Markdown memo holds a raw `<`: {}",
        around(markdown, markdown.find('<').unwrap_or(0))
    );
    // The `|` that are not escaped with a backslash.
    let bars = |line: &str| {
        let mut escaped = false;
        let mut n = 0;
        for c in line.chars() {
            match c {
                '|' if !escaped => n += 1,
                _ => {}
            }
            escaped = c == '\\' && !escaped;
        }
        n
    };
    let mut columns = None;
    for line in markdown.lines() {
        if line.starts_with('|') {
            let n = bars(line);
            let header = *columns.get_or_insert(n);
            assert!(
                n == header,
                "check failed: a row of a Markdown memo table has {n} bars, its header {header}: {line}"
            );
        } else {
            columns = None;
        }
    }
}

/// The HTML memo holds no markup but its own (every tag one the memo writes) and no direction
/// override, which could show its text in another order than it is written.
fn check_memo_html(html: &str) {
    const TAGS: &[&str] = &[
        "!doctype", "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p",
        "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "footer",
    ];
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        let name: String = rest
            .strip_prefix('/')
            .unwrap_or(rest)
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            TAGS.contains(&name.as_str()),
            "check failed: the HTML memo holds markup it does not write: {}",
            around(html, at)
        );
    }
    no_direction_control(html, "HTML memo");
}

/// No direction control (U+202A–U+202E, U+2066–U+2069) in `text`: a name's override not
/// closed would show the rest of a line, its figures too, in reverse.
fn no_direction_control(text: &str, what: &str) {
    let controls = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if let Some(at) = text.find(controls) {
        panic!(
            "check failed: the {what} holds a direction control: {}",
            around(text, at)
        );
    }
}

/// A few characters of `text` around byte `at`, for a message.
fn around(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(40);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 40).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

fn edit(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    match file::parse_json(&text(data)) {
        Ok(value) => edits(value, &mut trace),
        Err(error) => trace.note(&error.to_string()),
    }
    trace
}

/// Decode `value` as a list of edits, or as one, and apply them to the trimmed demo in a session. The
/// edits of a list are decoded one by one, as a JavaScript host hands them to `Session.apply`,
/// so that one malformed edit leaves the others to apply.
fn edits(value: serde_json::Value, trace: &mut Trace) {
    let items = match value {
        serde_json::Value::Array(items) => items,
        one => vec![one],
    };
    let mut edits = Vec::new();
    for item in items {
        match file::decode::<Edit>(item, "edit") {
            Ok(edit) => edits.push(edit),
            Err(error) => trace.error(&error),
        }
    }
    SMALL_DEMO.with(|demo| session(demo, &edits, trace));
}

/// Apply `edits` to `demo` in a session (a refused edit changes nothing), checking the
/// session's report against `score`; undo everything (the demo exactly), redo everything.
fn session(demo: &Scorecard, edits: &[Edit], trace: &mut Trace) {
    let mut session = Session::new(demo.clone());
    for edit in edits.iter().take(MAX_EDITS) {
        match session.apply(edit) {
            Ok(outcome) => {
                trace.note(match outcome.touched {
                    Touched::Nothing => "touched nothing",
                    Touched::Ratings(_) => "touched ratings",
                    _ => "touched the scorecard",
                });
                trace.diagnostics(&outcome.warnings);
                // Only ratings changed: the session scored again only where they touch, which
                // must give what scoring in full gives. (Other changes are scored in full.)
                if matches!(outcome.touched, Touched::Ratings(_)) {
                    check_session(&session, "a change of ratings");
                }
            }
            Err(refused) => {
                trace.note("refused");
                trace.note(&refused.field);
                trace.diagnostics(&refused.diagnostics);
            }
        }
    }
    check_session(&session, "the edits");
    let done = session.undo_len();
    trace.count("steps", done);
    while session.undo() {}
    assert!(
        **session.scorecard() == *demo,
        "check failed: undoing {done} edit(s) does not give the scorecard back"
    );
    check_session(&session, "undo");
    while session.redo() {}
    check_session(&session, "redo");
    trace.report(session.report());
}

/// A session's report is `score` of its scorecard.
fn check_session(session: &Session, after: &str) {
    let report = session.report();
    check_report(report);
    assert!(
        **report == rfp_core::score(session.scorecard()),
        "check failed: after {after}, the session's report differs from score of its scorecard"
    );
}

fn export(data: &[u8]) -> Trace {
    let mut trace = Trace::default();
    let text = text(data);
    let loaded = rfp_core::load(&text);
    match &loaded {
        Ok(loaded) => exports(&loaded.scorecard, &mut trace),
        Err(error) => trace.error(error),
    }
    let Ok(value) = file::parse_json(&text) else {
        return trace;
    };
    // What a JavaScript host hands `exportReport`: a report it kept, perhaps changed. One that
    // does not fit together is refused there; the export itself reads no row past its end.
    match file::decode::<Report>(value.clone(), "report") {
        Ok(report) => {
            let problems = report.shape_problems();
            trace.note("report");
            trace.diagnostics(&problems);
            for options in csv_options() {
                csv_io::export_report(&report, &options);
            }
        }
        Err(error) => trace.error(&error),
    }
    // A bare scorecard object, as the JavaScript exports take it.
    if loaded.is_err() {
        if let Ok(scorecard) = file::decode::<Scorecard>(value, "scorecard") {
            exports(&scorecard, &mut trace);
        }
    }
    trace
}

/// The export options: every delimiter (`;` with decimal commas), with a byte order mark.
fn csv_options() -> [CsvOptions; csv_io::Delimiter::ALL.len()] {
    csv_io::Delimiter::ALL.map(|delimiter| CsvOptions {
        delimiter,
        ..CsvOptions::default()
    })
}

/// Every export of `scorecard`, each read back by its importer.
fn exports(scorecard: &Scorecard, trace: &mut Trace) {
    let report = score_checked(scorecard, trace);
    let mut evaluators: Vec<&str> = scorecard
        .evaluators
        .iter()
        .take(2)
        .map(|e| e.id.as_str())
        .collect();
    evaluators.push("nobody");
    for options in csv_options() {
        csv_io::export_report(&report, &options);
        let requirements = csv_io::export_requirements(&scorecard.criteria, &options);
        let again = csv_io::import_requirements("requirements.csv", &requirements);
        trace.diagnostics(&again.diagnostics);
        for evaluator in &evaluators {
            match csv_io::export_scoring_sheet(scorecard, evaluator, &options) {
                Ok(sheet) => {
                    let again = csv_io::import_scoring_sheet("sheet.csv", &sheet, scorecard, None);
                    trace.diagnostics(&again.diagnostics);
                }
                Err(error) => trace.error(&error),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Shaped, check_memo_html, check_memo_markdown};

    /// The edit seeds written to apply do apply to the trimmed demo the targets edit: a seed
    /// whose ids the trimmed demo lost would only exercise refusals.
    #[test]
    fn the_edit_seeds_apply_to_the_trimmed_demo() {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/fuzz/edit/");
        for seed in ["every-op.json", "batch-edits.json", "one-edit.json"] {
            let text = std::fs::read_to_string(format!("{seeds}{seed}")).expect("a seed");
            let value = rfp_core::file::parse_json(&text).expect("JSON");
            let edits: Vec<super::Edit> = match value {
                serde_json::Value::Array(items) => items
                    .into_iter()
                    .map(|item| rfp_core::file::decode(item, "edit").expect("an edit"))
                    .collect(),
                one => vec![rfp_core::file::decode(one, "edit").expect("an edit")],
            };
            super::SMALL_DEMO.with(|demo| {
                let mut session = super::Session::new(demo.clone());
                for (i, edit) in edits.iter().enumerate() {
                    if let Err(refused) = session.apply(edit) {
                        panic!("{seed}: edit {i} refused: {}", refused.message);
                    }
                }
            });
        }
    }

    /// Whether `check` panics on `text` (a broken promise).
    fn refuses(check: fn(&str), text: &str) -> bool {
        std::panic::catch_unwind(|| check(text)).is_err()
    }

    #[test]
    fn the_memo_checks_catch_markup_broken_tables_and_overrides() {
        let table = "| Rank | Vendor |\n|---:|---|\n| 1 | A \\| B |\n\ntext\n| a | b | c |\n";
        assert!(!refuses(check_memo_markdown, table));
        assert!(refuses(
            check_memo_markdown,
            "| Rank | Vendor |\n|---:|---|\n| 1 | A | B |\n"
        ));
        assert!(refuses(check_memo_markdown, "**<img src=x>** leads"));
        assert!(refuses(
            check_memo_markdown,
            "Acme \u{202e}Health leads by 1.5"
        ));
        let page = "<!doctype html><html><body><p class=\"byline\">a &lt;b&gt;</p></body></html>";
        assert!(!refuses(check_memo_html, page));
        assert!(refuses(check_memo_html, "<p><script>alert(1)</script></p>"));
        assert!(refuses(check_memo_html, "<p>Acme \u{2067}Health</p>"));
    }

    fn shaped(texts: &[&str]) -> u64 {
        let mut shaped = Shaped::default();
        for (i, text) in texts.iter().enumerate() {
            if i > 0 {
                shaped.restart();
            }
            shaped.add(text);
        }
        shaped.hash.0
    }

    fn placed(pieces: &[&str]) -> u64 {
        let mut shaped = Shaped {
            place: true,
            ..Shaped::default()
        };
        for piece in pieces {
            shaped.add(piece);
        }
        shaped.restart();
        shaped.add("expected a list");
        shaped.hash.0
    }

    #[test]
    fn a_places_shape_leaves_out_indices_and_what_the_input_named() {
        // Indices, and a member that is no word (an id or a member the input made up).
        assert_eq!(
            placed(&["edits[0].edits[1]"]),
            placed(&["edits[12].edits[3]"])
        );
        assert_eq!(
            placed(&["vendors[0].answers.x]]1e3,5.one_time"]),
            placed(&["vendors[3].answers.Disa!"])
        );
        // A made-up id of brackets and spaces (the edit run's find).
        assert_eq!(
            placed(&["vendors[0].answers.[][][]  [][]e[]yes"]),
            placed(&["vendors[0].answers.[]  x"])
        );
        assert_eq!(
            placed(&["vendors[0].answers.a b"]),
            placed(&["vendors[0].answers.a c d"])
        );
        assert_eq!(
            placed(&["settings.top_weighting.swing.x Any Text 7"]),
            placed(&["settings.top_weighting.swing.Other"])
        );
        assert_ne!(placed(&["requirement \"a\""]), placed(&["category \"a\""]));
        assert_eq!(
            placed(&["answers.random_il[x"]),
            placed(&["answers.random_il[[[[[[are (1[[["])
        );
        // Members that are words count, each as a whole.
        assert_ne!(placed(&["edits[0].score"]), placed(&["edits[0].to"]));
        // But not in an id: after `answers`, `comments`, `basis` and `swing`, up to an index
        // (the load run's find: each id made of words, `answers.formula`, was a feature).
        assert_eq!(
            placed(&["vendors[1].answers.formula"]),
            placed(&["vendors[2].answers.sla.sev1"])
        );
        assert_eq!(
            placed(&["consensus[0].basis.ann"]),
            placed(&["consensus[3].basis.ben.x"])
        );
        assert_eq!(
            placed(&["vendors[0].answers.sla.sev1_response.one_time[0].amount"]),
            placed(&["vendors[0].answers.cost.one_time[2].amount"])
        );
        assert_ne!(
            placed(&["vendors[0].answers.sla.sev1_response.one_time[0]"]),
            placed(&["vendors[0].answers.sla.sev1_response.recurring[0]"])
        );
        assert_ne!(
            placed(&["vendors[0].answers.x"]),
            placed(&["vendors[0].comments.x"])
        );
        assert_ne!(
            placed(&["vendors[0].answers.x"]),
            placed(&["vendors[0].answers.x.one_time[0]"])
        );
        assert_ne!(placed(&["ab.c"]), placed(&["a.bc"]));
        assert_ne!(placed(&["criteria[0]"]), placed(&["criteria"]));
        // A sheet's cell: the words after the file, as a message's; the column's name is quoted.
        assert_eq!(
            placed(&["requirements.csv row 5, column \"Weight\""]),
            placed(&["requirements.csv row 17, column \"Name\""])
        );
        assert_ne!(
            placed(&["requirements.csv row 5, column \"Weight\""]),
            placed(&["requirements.csv row 5"])
        );
        // Sixty characters at most.
        let deep = "criteria[0].children[1]".repeat(3);
        assert_eq!(
            placed(&[&format!("{deep}.weight")]),
            placed(&[&format!("{deep}.scoring")])
        );
        // Written in pieces (as `Display` writes a place), shaped as one.
        assert_eq!(
            placed(&["vendors[", "12", "].answers", ".", "sla.x"]),
            placed(&["vendors[3].answers.sla.x"])
        );
    }

    #[test]
    fn a_texts_shape_leaves_out_numbers_and_what_is_quoted() {
        // Numbers: any run of digits is one `#`.
        assert_eq!(
            shaped(&["ratings[3].score", "expected 0 to 5"]),
            shaped(&["ratings[1207].score", "expected 1 to 10"])
        );
        // Quoted names, ASCII or typographic, end the text; so does what an input wrote
        // without quotes (a unit).
        assert_eq!(
            shaped(&["no vendor \"acme\""]),
            shaped(&["no vendor \"b\" x"])
        );
        assert_eq!(
            shaped(&["no vendor “Медицина”"]),
            shaped(&["no vendor “b”"])
        );
        assert_eq!(
            shaped(&["expected a number of {;{, found"]),
            shaped(&["expected a number of \u{202e};, found"])
        );
        // Sixty characters at most.
        let long = "a".repeat(60);
        assert_eq!(
            shaped(&[&format!("{long}a")]),
            shaped(&[&format!("{long}b")])
        );
        let under = "a".repeat(59);
        assert_ne!(
            shaped(&[&format!("{under}a")]),
            shaped(&[&format!("{under}b")])
        );
        // What differs otherwise, differs; and where one text ends matters.
        assert_ne!(shaped(&["ratings[3].score"]), shaped(&["ratings[3].note"]));
        assert_ne!(shaped(&["ab", "c"]), shaped(&["a", "bc"]));
        // A text written in pieces (as `Display` writes a place) is shaped as one.
        let mut pieces = Shaped::default();
        pieces.add("ratings[");
        pieces.add("12");
        pieces.add("3].score");
        assert_eq!(pieces.hash.0, shaped(&["ratings[9].score"]));
    }
}
