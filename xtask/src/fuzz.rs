//! `cargo xtask fuzz`: the fuzzer (`crates/rfp-fuzz`) built with the `fuzz` profile (optimized,
//! overflow checks and debug assertions on) and run over every input path of `rfp-core`.

use crate::cargo;

/// How many inputs `cargo xtask test` runs per target (about 1–5 seconds each here), and from
/// which seed: a count rather than a time, so that every machine runs the same inputs and a
/// failure in CI is one anyone reproduces with the same command.
const TEST_RUNS: &str = "4000";
const TEST_SEED: &str = "1";

/// `cargo xtask fuzz [--seconds N] [--target T] [--runs N] [--seed S] [--corpus DIR] …`: the
/// options are the fuzzer's own (`cargo xtask fuzz --help` lists them).
pub fn run(args: &[String]) -> Result<(), String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fuzzer(&args)
}

/// The step of `cargo xtask test`: every target for a few thousand inputs from a fixed seed; a
/// panic fails it.
pub fn smoke() -> Result<(), String> {
    fuzzer(&["--runs", TEST_RUNS, "--seed", TEST_SEED])
}

fn fuzzer(args: &[&str]) -> Result<(), String> {
    let mut all = vec![
        "run",
        "--quiet",
        "--profile",
        "fuzz",
        "-p",
        "rfp-fuzz",
        "--",
    ];
    all.extend_from_slice(args);
    cargo(&all)
}
