//! The fuzzing loop: pick an input from the corpus, mutate it, run the target with panics
//! caught, keep the input when it leads somewhere new, and write every panicking input to
//! `<out>/crashes/<target>/` with its message beside it.
//!
//! What a panic hook cannot catch (an abort, a stack overflow, the process killed for memory)
//! ends the process mid-input. So each input is written to `<out>/in-flight/<target>` before it
//! runs; a run that ends normally removes that file, and the next run of the target finds one
//! left behind and keeps it in `<out>/died/<target>/` (the `died` of its summary).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::{Duration, Instant};

use crate::mutate::Mutator;
use crate::rng::Rng;
use crate::targets::{Target, hash};

/// How long and from where one target is fuzzed.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Stop after this long (per target); none: no time limit.
    pub seconds: Option<f64>,
    /// Stop after this many executions (per target); none: no limit.
    pub runs: Option<u64>,
    /// The generator's seed: the same seed gives the same inputs in the same order.
    pub seed: u64,
    /// The largest input, in bytes (inputs are cut there).
    pub max_len: usize,
    /// A corpus folder kept between runs: inputs are read from `<dir>/<target>/` and new
    /// ones written there. None: the corpus lives in memory only.
    pub corpus_dir: Option<PathBuf>,
    /// Where crashing and slow inputs are written (`crashes/<target>/`, `slow/<target>/`).
    pub out_dir: PathBuf,
    /// Print a progress line this often (none: never).
    pub progress: Option<Duration>,
}

/// What fuzzing one target gave.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Inputs run (the seeds included).
    pub executions: u64,
    /// Time spent.
    pub elapsed: Duration,
    /// Seeds the corpus started from.
    pub seeds: usize,
    /// Inputs kept by earlier runs (`--corpus`) the corpus started from as well.
    pub resumed: usize,
    /// Inputs in the corpus at the end.
    pub corpus: usize,
    /// Inputs of the corpus that got as far as a report.
    pub deep: usize,
    /// Features seen (kinds and places of diagnostics, refusals, counts): how far the run got.
    pub features: usize,
    /// The longest input mutations could make at the end (see [`fuzz`]).
    pub len_cap: usize,
    /// Inputs that got as far as a report.
    pub scored: u64,
    /// Inputs that panicked.
    pub crashes: u64,
    /// Each place a panic was raised (`file:line:column`): how many inputs, the first message,
    /// and the first input's file.
    pub sites: BTreeMap<String, Site>,
    /// The longest single execution.
    pub slowest: Duration,
    /// The input an earlier run of this target died on (an abort, a stack overflow, killed),
    /// found left in flight and kept here.
    pub died: Option<PathBuf>,
}

/// The panics raised at one place.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Inputs that panicked there.
    pub count: u64,
    /// The first one's message.
    pub message: String,
    /// The first one's input, as written.
    pub file: PathBuf,
}

impl Summary {
    /// Executions per second.
    pub fn rate(&self) -> f64 {
        self.executions as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// The largest in-memory corpus; past it a new input replaces a kept one (never a seed).
const MAX_CORPUS: usize = 2048;
/// Inputs written per panic site (the rest are counted).
const FILES_PER_SITE: u64 = 5;
/// An execution slower than this is written to `slow/<target>/`.
const SLOW: Duration = Duration::from_secs(1);
/// Mutating again from the same input when a mutation made it longer than the current cap:
/// at most this many times, then the input is cut at the cap.
const LEN_RETRIES: usize = 4;

/// Fuzz `target` from `seeds` and the inputs `resumed` from earlier runs' corpus folder (each
/// at most `settings.max_len` bytes). Both are run first, as they are, and kept; new inputs
/// may later take the place of one resumed, never of a seed, so that a long campaign resumed
/// run after run does not freeze its corpus.
///
/// Mutations make inputs no longer than a cap that starts at the longest seed or resumed input
/// and grows by
/// `log2(cap)` bytes (up to `settings.max_len`) each time the run has gone `100 × log2(cap)`
/// inputs without a new feature — libFuzzer's length control. Without it, inputs grow to
/// `max_len` within minutes (a longer sheet leads to new counts) and each runs ten times
/// longer while finding little more.
pub fn fuzz(
    target: &Target,
    seeds: Vec<Vec<u8>>,
    resumed: Vec<Vec<u8>>,
    settings: &Settings,
) -> Summary {
    install_hook();
    let start = Instant::now();
    let mutator = Mutator::new(&seeds, settings.max_len);
    let mut rng = Rng::new(settings.seed ^ crate::targets::hash(target.name.as_bytes()));
    let mut summary = Summary {
        seeds: seeds.len(),
        resumed: resumed.len(),
        ..Summary::default()
    };
    let mut seen = HashSet::new();
    // Every input kept, and (again) those of them that got as far as a report: three picks in
    // four come from these, so that the corpus's many inputs refused early by a parser do not
    // crowd out the ones that go deep.
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    let mut deep: Vec<Vec<u8>> = Vec::new();
    let mut len_cap = seeds
        .iter()
        .chain(&resumed)
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .clamp(64.min(settings.max_len), settings.max_len);
    let mut since_new: u64 = 0;
    let mut next_progress = settings.progress.map(|every| start + every);
    let crash_dir = settings.out_dir.join("crashes").join(target.name);
    let slow_dir = settings.out_dir.join("slow").join(target.name);
    let keep_dir = settings.corpus_dir.as_ref().map(|d| d.join(target.name));
    let mut slow_written = 0;
    let in_flight_path = settings.out_dir.join("in-flight").join(target.name);
    if let Ok(left) = std::fs::read(&in_flight_path) {
        let died_dir = settings.out_dir.join("died").join(target.name);
        let note = format!(
            "target: {}
an earlier run died while running this input (an abort, a stack overflow \
             or the process killed): no panic message was left

reproduce: cargo run --profile \
             fuzz -p rfp-fuzz -- --target {} --replay {}
",
            target.name,
            target.name,
            case_file(&died_dir, &left).display()
        );
        summary.died = Some(write_case(&died_dir, &left, &note));
        let _ = std::fs::remove_file(&in_flight_path);
    }
    let mut in_flight = InFlight::open(&in_flight_path);

    // The seeds and the resumed inputs first, as they are; then mutations of the corpus.
    let mut pending = seeds.into_iter().chain(resumed);
    loop {
        let done = settings.runs.is_some_and(|runs| summary.executions >= runs)
            || settings
                .seconds
                .is_some_and(|s| start.elapsed().as_secs_f64() >= s);
        if done {
            break;
        }
        let (input, is_seed) = match pending.next() {
            Some(seed) => (seed, true),
            None if corpus.is_empty() => (Vec::new(), false),
            None => {
                let from = if deep.is_empty() || rng.one_in(4) {
                    &corpus
                } else {
                    &deep
                };
                let original = &from[rng.below(from.len())];
                let mut input = original.clone();
                mutator.mutate(&mut input, &corpus, &mut rng);
                for _ in 0..LEN_RETRIES {
                    if input.len() <= len_cap {
                        break;
                    }
                    input.clone_from(original);
                    mutator.mutate(&mut input, &corpus, &mut rng);
                }
                input.truncate(len_cap);
                (input, false)
            }
        };
        in_flight.record(&input);
        let began = Instant::now();
        let outcome = run_caught(|| (target.run)(&input));
        let took = began.elapsed();
        summary.executions += 1;
        summary.slowest = summary.slowest.max(took);
        if took >= SLOW && slow_written < FILES_PER_SITE {
            slow_written += 1;
            let note = format!("{} ms\n", took.as_millis());
            write_case(&slow_dir, &input, &note);
        }
        match outcome {
            Ok(trace) => {
                summary.scored += u64::from(trace.scored());
                // Every feature is recorded, not only the first new one.
                let new = trace
                    .features()
                    .iter()
                    .fold(false, |new, &feature| seen.insert(feature) | new);
                since_new = if new { 0 } else { since_new + 1 };
                let log = (usize::BITS - len_cap.leading_zeros()) as usize;
                if since_new > 100 * log as u64 && len_cap < settings.max_len {
                    len_cap = (len_cap + log).min(settings.max_len);
                    since_new = 0;
                }
                if is_seed || new {
                    if trace.scored() {
                        keep(&mut deep, &input, 0, &mut rng);
                    }
                    keep(&mut corpus, &input, summary.seeds, &mut rng);
                    if let (false, Some(dir)) = (is_seed, &keep_dir) {
                        write_case(dir, &input, "");
                    }
                }
            }
            Err(caught) => {
                summary.crashes += 1;
                let site = summary.sites.entry(caught.location.clone()).or_default();
                site.count += 1;
                if site.count <= FILES_PER_SITE {
                    let note = format!(
                        "target: {}\npanicked at {}:\n{}\n\nreproduce: cargo run --profile fuzz -p rfp-fuzz -- --target {} --replay {}\n\n{}\n",
                        target.name,
                        caught.location,
                        caught.message,
                        target.name,
                        case_file(&crash_dir, &input).display(),
                        caught.backtrace
                    );
                    let file = write_case(&crash_dir, &input, &note);
                    if site.count == 1 {
                        site.message = caught.message;
                        site.file = file;
                    }
                }
            }
        }
        if let Some(at) = next_progress {
            if Instant::now() >= at {
                eprintln!(
                    "  {}: {} runs, {:.0}/s, corpus {}, features {}, inputs up to {} bytes, crashes {}",
                    target.name,
                    summary.executions,
                    summary.executions as f64 / start.elapsed().as_secs_f64(),
                    corpus.len(),
                    seen.len(),
                    len_cap,
                    summary.crashes
                );
                next_progress = settings.progress.map(|every| at + every);
            }
        }
    }
    summary.elapsed = start.elapsed();
    summary.corpus = corpus.len();
    summary.deep = deep.len();
    summary.features = seen.len();
    summary.len_cap = len_cap;
    in_flight.finish();
    summary
}

/// The file holding the input being run (see the module documentation): rewritten in place
/// before each input, removed when the run ends normally. Failing to write it loses only this
/// safety net, so fuzzing goes on.
struct InFlight {
    path: PathBuf,
    file: Option<std::fs::File>,
}

impl InFlight {
    fn open(path: &Path) -> InFlight {
        let file = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::File::create(path));
        if let Err(error) = &file {
            eprintln!("rfp-fuzz: cannot write {}: {error}", path.display());
        }
        InFlight {
            path: path.to_owned(),
            file: file.ok(),
        }
    }

    fn record(&mut self, input: &[u8]) {
        use std::io::{Seek, Write};
        if let Some(file) = &mut self.file {
            let written = file
                .set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| file.write_all(input));
            if written.is_err() {
                self.file = None;
            }
        }
    }

    fn finish(self) {
        drop(self.file);
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Add `input` to `list`; when the list is full, in place of one after the first `floor`.
fn keep(list: &mut Vec<Vec<u8>>, input: &[u8], floor: usize, rng: &mut Rng) {
    if list.len() < MAX_CORPUS {
        list.push(input.to_vec());
    } else {
        let first = floor.min(MAX_CORPUS - 1);
        list[first + rng.below(MAX_CORPUS - first)] = input.to_vec();
    }
}

/// Where `input` is written in `dir`: `<dir>/<hash>.bin`, named by its content.
fn case_file(dir: &Path, input: &[u8]) -> PathBuf {
    dir.join(format!("{:016x}.bin", hash(input)))
}

/// Write `input` as `<dir>/<hash>.bin`, and `note` beside it as `<hash>.txt` when not empty;
/// the input's path. A failure to write is reported and fuzzing goes on.
fn write_case(dir: &Path, input: &[u8], note: &str) -> PathBuf {
    let file = case_file(dir, input);
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&file, input))
        .and_then(|()| match note {
            "" => Ok(()),
            note => std::fs::write(file.with_extension("txt"), note),
        });
    if let Err(error) = written {
        eprintln!("rfp-fuzz: cannot write {}: {error}", file.display());
    }
    file
}

// ------------------------------------------------------------------------------------------------
// Panics, caught and kept quiet
// ------------------------------------------------------------------------------------------------

/// A panic caught while running an input.
#[derive(Debug)]
pub struct Caught {
    /// Its message.
    pub message: String,
    /// Where it was raised, `file:line:column`.
    pub location: String,
    /// The stack when it was raised.
    pub backtrace: std::backtrace::Backtrace,
}

thread_local! {
    /// The last panic on this thread, as the hook saw it.
    static LAST_PANIC: RefCell<Option<Caught>> = const { RefCell::new(None) };
    /// Whether a panic on this thread is being caught (and not printed).
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Install (once) the panic hook that records each panic for [`run_caught`], printing only
/// those of threads not running an input.
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                default(info);
                return;
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(a panic without a message)".to_owned());
            let location = info.location().map_or_else(String::new, |l| {
                format!("{}:{}:{}", l.file(), l.line(), l.column())
            });
            let backtrace = std::backtrace::Backtrace::force_capture();
            LAST_PANIC.with(|last| {
                *last.borrow_mut() = Some(Caught {
                    message,
                    location,
                    backtrace,
                })
            });
        }));
    });
}

/// Run `f`, catching a panic quietly.
pub fn run_caught<T>(f: impl FnOnce() -> T) -> Result<T, Caught> {
    install_hook();
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|_| {
        LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or(Caught {
                message: "(a panic the hook did not see)".to_owned(),
                location: String::new(),
                backtrace: std::backtrace::Backtrace::disabled(),
            })
    })
}

#[cfg(test)]
mod tests {
    use super::{MAX_CORPUS, Settings, fuzz, keep};
    use crate::rng::Rng;
    use crate::targets::{Target, Trace};

    /// Panics on any input holding `!!`: fuzzing a seed of `!` finds it.
    fn fragile(data: &[u8]) -> Trace {
        assert!(!data.windows(2).any(|w| w == b"!!"), "two in a row");
        Trace::default()
    }

    /// `runs` inputs of the fragile target, written below a fresh folder named for `test`.
    fn fragile_run(test: &str, runs: u64) -> (std::path::PathBuf, Settings, Target) {
        let out = std::env::temp_dir().join(format!("rfp-fuzz-{test}-{}", std::process::id()));
        let settings = Settings {
            seconds: None,
            runs: Some(runs),
            seed: 1,
            max_len: 64,
            corpus_dir: None,
            out_dir: out.clone(),
            progress: None,
        };
        let target = Target {
            name: "fragile",
            about: "",
            run: fragile,
        };
        (out, settings, target)
    }

    #[test]
    fn a_panicking_input_is_counted_and_written_with_its_message() {
        let (out, settings, target) = fragile_run("test", 3000);
        let summary = fuzz(&target, vec![b"a!b".to_vec()], Vec::new(), &settings);
        assert_eq!(summary.executions, 3000);
        assert!(summary.crashes > 0, "{summary:?}");
        let site = summary.sites.values().next().unwrap();
        assert_eq!(site.message, "two in a row");
        let input = std::fs::read(&site.file).unwrap();
        assert!(input.windows(2).any(|w| w == b"!!"));
        let note = std::fs::read_to_string(site.file.with_extension("txt")).unwrap();
        assert!(note.contains("two in a row"), "{note}");
        // A normal end leaves nothing in flight.
        assert!(!out.join("in-flight").join("fragile").exists());
        std::fs::remove_dir_all(out).unwrap();
    }

    #[test]
    fn an_input_left_in_flight_by_a_run_that_died_is_kept() {
        let (out, settings, target) = fragile_run("died", 10);
        // As a run killed mid-input leaves it.
        let flight = out.join("in-flight").join("fragile");
        std::fs::create_dir_all(flight.parent().unwrap()).unwrap();
        std::fs::write(&flight, b"the input that killed it").unwrap();
        let summary = fuzz(&target, vec![b"a".to_vec()], Vec::new(), &settings);
        let kept = summary.died.expect("kept");
        assert_eq!(std::fs::read(&kept).unwrap(), b"the input that killed it");
        let note = std::fs::read_to_string(kept.with_extension("txt")).unwrap();
        assert!(note.contains("died while running this input"), "{note}");
        assert!(!flight.exists());
        std::fs::remove_dir_all(out).unwrap();
    }

    #[test]
    fn resumed_inputs_run_after_the_seeds() {
        let (out, settings, target) = fragile_run("resumed", 2);
        // The crash is in what an earlier run kept: it is the second input run.
        let summary = fuzz(
            &target,
            vec![b"a".to_vec()],
            vec![b"!!".to_vec()],
            &settings,
        );
        assert_eq!((summary.seeds, summary.resumed), (1, 1));
        assert_eq!((summary.executions, summary.crashes), (2, 1));
        std::fs::remove_dir_all(out).unwrap();
    }

    #[test]
    fn a_full_corpus_replaces_inputs_above_the_seeds_only() {
        let mut rng = Rng::new(7);
        let mut list: Vec<Vec<u8>> = (0..MAX_CORPUS).map(|i| i.to_le_bytes().to_vec()).collect();
        for _ in 0..10 * MAX_CORPUS {
            keep(&mut list, b"new", 3, &mut rng);
        }
        assert_eq!(list.len(), MAX_CORPUS);
        for (i, input) in list.iter().enumerate().take(3) {
            assert_eq!(*input, i.to_le_bytes().to_vec(), "the seed at {i} is kept");
        }
        // Nearly every place above the seeds was taken by now (each draw misses one with
        // probability 1 − 1/2045, ten times 2048 draws).
        let replaced = list[3..].iter().filter(|input| *input == b"new").count();
        assert!(replaced > MAX_CORPUS * 99 / 100, "{replaced}");
    }
}
