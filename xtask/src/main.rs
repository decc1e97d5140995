//! Project automation: `cargo xtask <task>`.
//!
//! - `test`   — everything CI checks: installs the wasm32 target if missing, then formatting,
//!   clippy, the whole test suite (which also builds `rfp-core` for wasm32), and a quick run of
//!   the benchmark binary.
//! - `bench`  — the scoring benchmark (release build), printing median timings.
//! - `demo`   — scores the built-in demo scorecard with the `rfp` command.
//!
//! Only the standard library: the xtask must build on a fresh machine in seconds.

use std::process::{Command, ExitCode};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let result = match task {
        "test" => test(),
        "bench" => cargo(&["bench", "-p", "rfp-core", "--bench", "score"]),
        "demo" => cargo(&["run", "--quiet", "--bin", "rfp", "--", "score"]),
        "help" | "--help" | "-h" => {
            println!("{}", HELP);
            Ok(())
        }
        other => {
            eprintln!("unknown task `{other}`\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

const HELP: &str = "usage: cargo xtask <task>

tasks:
  test    formatting, clippy, all tests (native and the wasm32 build check), bench smoke run
  bench   the scoring benchmark: 20 vendors × 500 requirements × 15 evaluators
  demo    score the built-in demo scorecard";

fn test() -> Result<(), String> {
    ensure_wasm_target()?;
    step("formatting", || cargo(&["fmt", "--all", "--", "--check"]))?;
    step("clippy", || {
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    // Unit, integration, golden and property tests of every crate; `--all-targets` also runs
    // the benchmark binary once in its quick mode, so it keeps compiling and running.
    step("tests", || cargo(&["test", "--workspace", "--all-targets"]))?;
    step("doc tests", || cargo(&["test", "--workspace", "--doc"]))?;
    println!("\nxtask test: all checks passed");
    Ok(())
}

fn step(name: &str, run: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("\n== {name}");
    run().map_err(|e| format!("{name} failed: {e}"))
}

/// The wasm32 target is needed to check that `rfp-core` builds for the browser.
fn ensure_wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match installed {
        Ok(output) if output.status.success() => {
            if String::from_utf8_lossy(&output.stdout)
                .lines()
                .any(|l| l.trim() == WASM_TARGET)
            {
                return Ok(());
            }
            println!("== installing the {WASM_TARGET} target");
            run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
        }
        // Without rustup the toolchain must already have the target; the test says so if not.
        _ => Ok(()),
    }
}

fn cargo(args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo).args(args))
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} exited with {status}", command.get_program()))
    }
}
