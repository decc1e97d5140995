//! `rfp-fuzz`: a mutation fuzzer for the inputs RFP Scorecard takes from outside — emailed
//! scorecard files, vendors' CSV sheets, returned packets, a JavaScript host's edits and
//! reports. In the browser a panic kills the page, so a panic on any input is a defect.
//!
//! It runs on the stable toolchain with no fuzzing engine: a seeded generator ([`rng`]),
//! mutations that know a little JSON and CSV ([`mutate`]), one function per input path
//! ([`targets`]), and a loop that catches panics and keeps inputs that lead somewhere new
//! ([`driver`]). Seeds are read from `tests/data/fuzz/<target>/`.
//!
//! ```text
//! rfp-fuzz [--target NAME|all] [--seconds N] [--runs N] [--seed S] [--corpus DIR]
//! rfp-fuzz --target NAME --replay FILE...
//! ```
//!
//! Build it with `cargo build --profile fuzz -p rfp-fuzz` (overflow checks and debug
//! assertions on) or run it with `cargo xtask fuzz`.

mod driver;
mod mutate;
mod rng;
mod targets;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use driver::{Settings, Summary};
use targets::{TARGETS, Target};

const USAGE: &str =
    "usage: rfp-fuzz [--target NAME|all] [--seconds N] [--runs N] [--seed S] [--corpus DIR]
       rfp-fuzz --target NAME --replay FILE...
       rfp-fuzz --list

  --target NAME   a target (see --list), several separated by commas, or all (the default)
  --seconds N     fuzz each target for N seconds (default 10 when --runs is not given)
  --runs N        stop each target after N executions
  --seed S        the generator's seed (default 1): the same seed runs the same inputs
  --corpus DIR    keep the corpus in DIR/<target>/ between runs (read, and new inputs added)
  --max-len N     the largest input in bytes (default: the longest seed, at least 4096)
  --out DIR       where crashes/, died/, slow/ and in-flight/ go (default target/fuzz)
  --replay FILE…  run the target on these files, printing any panic (a crash's .bin)

Seeds are read from tests/data/fuzz/<target>/. A panic is written to
<out>/crashes/<target>/<hash>.bin with its message beside it, and the exit status is 1.
An input the process died on (an abort, a stack overflow, killed) is left in
<out>/in-flight/<target>; the next run keeps it in <out>/died/<target>/, runs it
again in a process of its own, and exits 1 if that dies too (a run stopped from
outside, by Ctrl-C or a time limit, is not a failure).";

/// The repository root (this crate lives in `<root>/crates/rfp-fuzz`).
fn root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .nth(2)
        .map_or_else(|| manifest_dir.join("../.."), Path::to_path_buf)
}

/// The parsed command line.
#[derive(Debug)]
struct Args {
    targets: Vec<&'static Target>,
    settings: Settings,
    replay: Vec<PathBuf>,
    list: bool,
    /// `--max-len`, when given; otherwise each target's own default ([`max_len`]).
    max_len: Option<usize>,
}

/// The largest input a target's run makes when `--max-len` is not given: its longest seed,
/// and at least 4 KB — libFuzzer's default, taken from the seeds alone (libFuzzer's counts a
/// resumed corpus too; here a corpus kept by a run with longer inputs is cut to it, so that
/// resuming does not bring them back). Longer inputs run slower and find little more: with
/// 64 KB, a day's campaign on the importers spent its time on 16–30 KB sheets.
fn max_len(given: Option<usize>, seeds: &[Vec<u8>]) -> usize {
    given.unwrap_or_else(|| seeds.iter().map(Vec::len).fold(4096, usize::max))
}

/// No seed is read past this (a seed is a committed file; this only bounds a mistake).
const SEED_LIMIT: usize = 1 << 20;

fn parse(args: &[String]) -> Result<Args, String> {
    let mut targets: Vec<&'static Target> = TARGETS.iter().collect();
    let mut settings = Settings {
        seconds: None,
        runs: None,
        seed: 1,
        // Each target's own, from `--max-len` or its seeds (`fuzz_all`).
        max_len: SEED_LIMIT,
        corpus_dir: None,
        out_dir: root().join("target").join("fuzz"),
        progress: Some(Duration::from_secs(15)),
    };
    let mut replay = Vec::new();
    let mut list = false;
    let mut max_len = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |what: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs {what}"))
        };
        match arg.as_str() {
            "--target" => {
                let names = value("a target name")?;
                if names != "all" {
                    targets = names
                        .split(',')
                        .map(|name| {
                            targets::find(name).ok_or_else(|| {
                                format!("no target `{name}` (targets: {})", target_names())
                            })
                        })
                        .collect::<Result<_, _>>()?;
                }
            }
            "--seconds" => {
                let seconds = value("a number of seconds")?;
                settings.seconds = Some(
                    seconds
                        .parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite() && *s >= 0.0)
                        .ok_or_else(|| format!("--seconds: not a number of seconds: {seconds}"))?,
                );
            }
            "--runs" => settings.runs = Some(number(&value("a number")?, "--runs")?),
            "--seed" => settings.seed = number(&value("a number")?, "--seed")?,
            "--max-len" => {
                max_len = Some(
                    usize::try_from(number(&value("a size")?, "--max-len")?)
                        .map_err(|e| format!("--max-len: {e}"))?,
                )
            }
            "--corpus" => settings.corpus_dir = Some(PathBuf::from(value("a folder")?)),
            "--out" => settings.out_dir = PathBuf::from(value("a folder")?),
            "--replay" => {
                replay.extend(args.by_ref().map(PathBuf::from));
                if replay.is_empty() {
                    return Err("--replay needs files".to_owned());
                }
            }
            "--list" => list = true,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if settings.seconds.is_none() && settings.runs.is_none() {
        settings.seconds = Some(10.0);
    }
    if !replay.is_empty() && targets.len() != 1 {
        return Err("--replay needs one --target".to_owned());
    }
    Ok(Args {
        targets,
        settings,
        replay,
        list,
        max_len,
    })
}

fn number(text: &str, option: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("{option}: not a whole number: {text}"))
}

fn target_names() -> String {
    TARGETS
        .iter()
        .map(|t| t.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// mimalloc rather than the system's allocator: the targets allocate a great deal (a scorecard
/// cloned, saved and loaded per input), and the fuzzer runs about twice as many inputs with it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse(&args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("rfp-fuzz: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.list {
        for target in TARGETS {
            println!("{:<22} {}", target.name, target.about);
        }
        return ExitCode::SUCCESS;
    }
    let result = if args.replay.is_empty() {
        fuzz_all(&args)
    } else {
        replay(args.targets[0], &args.replay)
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("rfp-fuzz: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Fuzz each target in turn and print a line for each; whether none panicked.
fn fuzz_all(args: &Args) -> Result<bool, String> {
    let seeds_root = root().join("tests").join("data").join("fuzz");
    let mut summaries: Vec<(&Target, Summary)> = Vec::new();
    for target in &args.targets {
        let mut seeds = read_inputs(&seeds_root.join(target.name), SEED_LIMIT)?;
        if seeds.is_empty() {
            return Err(format!(
                "no seeds in {}",
                seeds_root.join(target.name).display()
            ));
        }
        let settings = Settings {
            max_len: max_len(args.max_len, &seeds),
            ..args.settings.clone()
        };
        for seed in &mut seeds {
            seed.truncate(settings.max_len);
        }
        let resumed = match &settings.corpus_dir {
            Some(dir) => read_inputs(&dir.join(target.name), settings.max_len)?,
            None => Vec::new(),
        };
        let summary = driver::fuzz(target, seeds, resumed, &settings);
        println!(
            "{:<22} {:>9} runs in {:>5.1} s  {:>6.0}/s  scored {:>3.0}%  corpus {:>4} ({} seeds{}, {} scored)  features {}  crashes {}  slowest {} ms",
            target.name,
            summary.executions,
            summary.elapsed.as_secs_f64(),
            summary.rate(),
            100.0 * summary.scored as f64 / summary.executions.max(1) as f64,
            summary.corpus,
            summary.seeds,
            match summary.resumed {
                0 => String::new(),
                n => format!(" + {n} resumed"),
            },
            summary.deep,
            summary.features,
            summary.crashes,
            summary.slowest.as_millis()
        );
        summaries.push((target, summary));
    }
    let mut clean = true;
    for (target, summary) in &summaries {
        if let Some(file) = &summary.died {
            if replays_cleanly(target, file) {
                // The earlier run was stopped from outside (Ctrl-C, a time limit), not by the input.
                println!(
                    "\n{}: an earlier run was stopped while running an input that runs cleanly now; kept as {}",
                    target.name,
                    file.display()
                );
            } else {
                clean = false;
                println!(
                    "\n{}: an earlier run died on an input (no panic to catch); kept as {}",
                    target.name,
                    file.display()
                );
            }
        }
        for (location, site) in &summary.sites {
            clean = false;
            println!(
                "\n{}: {} input(s) panicked at {location}:\n  {}\n  first input: {}",
                target.name,
                site.count,
                site.message.lines().next().unwrap_or(""),
                site.file.display()
            );
        }
    }
    if !clean {
        println!(
            "\nreproduce: cargo run --profile fuzz -p rfp-fuzz -- --target NAME --replay FILE"
        );
    }
    Ok(clean)
}

/// Whether `file` runs through `target` without dying, in a process of its own (an input that
/// aborts or overflows the stack ends that process, not this one), within a minute (an input
/// that hangs was what the earlier run was stopped on: not clean).
fn replays_cleanly(target: &Target, file: &Path) -> bool {
    let Ok(me) = std::env::current_exe() else {
        return false;
    };
    let child = std::process::Command::new(me)
        .args(["--target", target.name, "--replay"])
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// The files of a folder (not its sub-folders), by name, each cut at `max_len` bytes.
fn read_inputs(dir: &Path, max_len: usize) -> Result<Vec<Vec<u8>>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(format!("{}: {error}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let mut data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            data.truncate(max_len);
            Ok(data)
        })
        .collect()
}

/// Run `target` on each file, letting panics print; whether none panicked.
fn replay(target: &Target, files: &[PathBuf]) -> Result<bool, String> {
    let mut clean = true;
    for file in files {
        let data = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        match std::panic::catch_unwind(|| (target.run)(&data)) {
            Ok(_) => println!("{}: no panic", file.display()),
            Err(_) => {
                clean = false;
                println!("{}: panicked (above)", file.display());
            }
        }
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::{read_inputs, root};
    use crate::driver::run_caught;
    use crate::targets::TARGETS;

    /// Every target has seeds, and runs each of them (reproducers of past crashes among them)
    /// without a panic or a broken promise.
    #[test]
    fn every_target_runs_its_seeds_without_a_panic() {
        let mut failures = Vec::new();
        for target in TARGETS {
            let dir = root().join("tests/data/fuzz").join(target.name);
            let seeds = read_inputs(&dir, usize::MAX).unwrap();
            assert!(
                seeds.len() >= 2,
                "{}: {} seed(s)",
                dir.display(),
                seeds.len()
            );
            for (index, seed) in seeds.iter().enumerate() {
                if let Err(caught) = run_caught(|| (target.run)(seed)) {
                    failures.push(format!(
                        "{} seed {index}: {} at {}",
                        target.name, caught.message, caught.location
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn command_line() {
        let args = |line: &str| {
            super::parse(
                &line
                    .split_whitespace()
                    .map(String::from)
                    .collect::<Vec<_>>(),
            )
        };
        let parsed = args("--target load,merge --runs 5 --seed 9").unwrap();
        let names: Vec<&str> = parsed.targets.iter().map(|t| t.name).collect();
        assert_eq!(names, ["load", "merge"]);
        assert_eq!((parsed.settings.runs, parsed.settings.seed), (Some(5), 9));
        assert_eq!(parsed.settings.seconds, None);
        assert_eq!(args("").unwrap().targets.len(), TARGETS.len());
        assert_eq!(args("").unwrap().settings.seconds, Some(10.0));
        assert!(
            args("--target nothing")
                .unwrap_err()
                .contains("no target `nothing`")
        );
        assert!(args("--replay a.bin").unwrap_err().contains("one --target"));
        assert!(args("--seconds -1").is_err());
        assert_eq!(args("--max-len 100").unwrap().max_len, Some(100));
    }

    #[test]
    fn largest_input_is_the_longest_seed_and_at_least_4_kb() {
        use super::max_len;
        assert_eq!(max_len(None, &[vec![0; 10]]), 4096);
        assert_eq!(max_len(None, &[vec![0; 10], vec![0; 5000]]), 5000);
        assert_eq!(max_len(Some(100), &[vec![0; 5000]]), 100);
    }
}
