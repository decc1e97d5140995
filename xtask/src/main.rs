//! Project automation: `cargo xtask <task>`.
//!
//! - `test`   — everything CI checks: installs the wasm32 target if missing, then formatting,
//!   clippy, the whole native test suite (which also builds `rfp-core` for wasm32), a quick run
//!   of the benchmark binary, 4,000 fuzzed inputs per target (`fuzz` below), then the site:
//!   `npm ci` when `node_modules/` is missing, `dist`, and the browser end-to-end tests
//!   (Playwright in Chromium); then the JavaScript API: the npm
//!   package, its Node tests, the `tsc` check and the embedding tests (`js`, `embed` below).
//! - `build`  — the site into `dist/`: the wasm32 build of `web/`, wasm-bindgen (as a library),
//!   `wasm-opt -Oz` when npm's binaryen is installed, the static files; prints sizes.
//! - `dist`   — the same as `build`: `dist/` is a folder of static files for any static host,
//!   also under a sub-path (every URL in it is relative).
//! - `serve`  — `build`, then serves `dist/` on <http://127.0.0.1:8080/> (`--port N`,
//!   `--no-build`).
//! - `e2e`    — only the browser part of `test`: `npm ci` when needed, `build`, Playwright.
//! - `wasm-test` — the site's `wasm-bindgen-test` tests (state and components) in headless
//!   Chromium through ChromeDriver; part of `test`.
//! - `npm`    — the npm package of the JavaScript API into `target/npm/rfp-scorecard/`; prints
//!   its size. `js`: `npm`, then the Node tests of the API and the `tsc` check; `embed`: `npm`
//!   and `build` (the example's iframe embeds the site from `dist/`), then Playwright on
//!   `examples/embed/` (`tests/embed/`). Both also run at the end of `test`.
//! - `fuzz`   — the fuzzer (`crates/rfp-fuzz`) over every input path of `rfp-core`
//!   (`--seconds N` per target, `--target T`, `--seed S`; see `cargo xtask fuzz --help`); a
//!   panic fails it and its input is written to `target/fuzz/crashes/`. `test` runs 4,000
//!   inputs per target from a fixed seed.
//! - `bench`  — the scoring benchmark (release build), printing median timings.
//! - `demo`   — scores the built-in demo scorecard with the `rfp` command.
//!
//! Without the `web` feature the xtask is standard library only and builds in seconds; the
//! tasks that run wasm-bindgen re-run the xtask with `--features web` (see [`with_web_feature`]).

mod fuzz;
#[cfg(feature = "web")]
mod npm;
mod serve;
#[cfg(feature = "web")]
mod site;
#[cfg(feature = "web")]
mod wasm_test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = args.get(1..).unwrap_or_default();
    let result = match task {
        "test" => test(),
        "build" | "dist" => build_site(),
        "e2e" => browser_tests(),
        "npm" => build_npm(),
        "js" => js_tests(),
        "embed" => embed_tests(),
        "wasm-test" => wasm_tests(),
        #[cfg(feature = "web")]
        "wasm-test-runner" => wasm_test::runner(rest),
        "serve" => serve_task(rest),
        "fuzz" => fuzz::run(rest),
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
  test    formatting, clippy, all native tests, bench smoke run, 4,000 fuzzed inputs per target,
          the site's browser tests, then the JS API's Node, tsc and embedding tests
  build   build the site into dist/ (wasm32 build, wasm-bindgen, wasm-opt if installed)
  dist    the same as build: dist/ works from any static host, also under a sub-path
  serve   build, then serve dist/ on http://127.0.0.1:8080/ (--port N, --no-build)
  e2e     only the browser tests: npm ci if needed, build, Playwright in Chromium
  wasm-test  the site's component and state tests (wasm-bindgen-test) in headless Chromium
  npm     build the JavaScript API's npm package into target/npm/rfp-scorecard/
  js      npm, then the JS API's tests in Node (node --test tests/js/) and the tsc check
  embed   npm and build, then the embedding examples' browser tests (tests/embed/, Playwright)
  fuzz    the fuzzer over every input path (--seconds N per target, --target T, --seed S;
          --help for more); crashes go to target/fuzz/crashes/
  bench   the scoring benchmark: 20 vendors × 500 requirements × 15 evaluators
  demo    score the built-in demo scorecard";

/// The repository root (the xtask lives in `<root>/xtask`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn test() -> Result<(), String> {
    ensure_wasm_target()?;
    step("formatting", || cargo(&["fmt", "--all", "--", "--check"]))?;
    // The site is checked for the target it runs on, below; natively it would only cost time.
    step("clippy", || {
        cargo(&[
            "clippy",
            "--workspace",
            "--exclude",
            "rfp-web",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    step("clippy (xtask with the site build)", || {
        cargo(&[
            "clippy",
            "-p",
            "xtask",
            "--features",
            "web",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    step("clippy (the site, wasm32)", || {
        cargo(&[
            "clippy",
            "-p",
            "rfp-web",
            "--target",
            WASM_TARGET,
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    // Unit, integration, golden and property tests of every crate; `--all-targets` also runs
    // the benchmark binary once in its quick mode, so it keeps compiling and running.
    step("tests", || {
        cargo(&[
            "test",
            "--workspace",
            "--exclude",
            "rfp-web",
            "--all-targets",
        ])
    })?;
    step("doc tests", || {
        cargo(&["test", "--workspace", "--exclude", "rfp-web", "--doc"])
    })?;
    // Every input path of the core, mutated from the seeds in tests/data/fuzz/: any panic
    // (overflow checks on) fails the run.
    step("fuzzing (4,000 inputs per target, seed 1)", fuzz::smoke)?;
    // The site's state, formatting and chart layout are plain Rust: their unit tests run natively,
    // and again compiled to wasm32 in headless Chromium with the component tests.
    step("site unit tests", || cargo(&["test", "-p", "rfp-web"]))?;
    step("site tests in Chromium (wasm-bindgen-test)", wasm_tests)?;
    step("browser tests", browser_tests)?;
    step("npm package", build_npm)?;
    step("JavaScript API tests", run_js_tests)?;
    step("embedding tests", run_embed_tests)?;
    println!("\nxtask test: all checks passed");
    Ok(())
}

/// `npm ci` when `node_modules/` is missing: the pinned npm tools (wasm-opt, Playwright, …).
fn ensure_npm_tools() -> Result<(), String> {
    let root = root();
    if root.join("node_modules").is_dir() {
        return Ok(());
    }
    println!("== npm ci (node_modules/ is missing)");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .current_dir(&root))
}

/// `npm ci` when needed, the site into `dist/`, then Playwright against it in Chromium.
fn browser_tests() -> Result<(), String> {
    let root = root();
    ensure_npm_tools()?;
    build_site()?;
    run(Command::new("npx")
        .args(["--no-install", "playwright", "test"])
        .current_dir(&root))
}

/// The npm package, then its tests in Node and the type check of an example consumer.
fn js_tests() -> Result<(), String> {
    build_npm()?;
    run_js_tests()
}

fn run_js_tests() -> Result<(), String> {
    let root = root();
    run(Command::new("node")
        .args(["--test", "tests/js/"])
        .current_dir(&root))?;
    run(Command::new("npx")
        .args(["--no-install", "tsc", "-p", "tests/js/tsconfig.json"])
        .current_dir(&root))
}

/// The npm package and the site (the example's iframe is `dist/`), then Playwright on
/// `examples/embed/` (widget, the site in an iframe and its protocol, strict CSP).
fn embed_tests() -> Result<(), String> {
    build_npm()?;
    build_site()?;
    run_embed_tests()
}

fn run_embed_tests() -> Result<(), String> {
    run(Command::new("npx")
        .args([
            "--no-install",
            "playwright",
            "test",
            "-c",
            "tests/embed/playwright.config.ts",
        ])
        .current_dir(root()))
}

/// The site's wasm-bindgen-test tests in headless Chromium: here when the xtask has the `web`
/// feature (the runner is part of it), else by re-running the xtask with it.
fn wasm_tests() -> Result<(), String> {
    ensure_wasm_target()?;
    #[cfg(feature = "web")]
    {
        wasm_test::run_tests()
    }
    #[cfg(not(feature = "web"))]
    {
        with_web_feature(&["wasm-test"])
    }
}

/// Build the npm package: here when the xtask has the `web` feature, else by re-running it.
fn build_npm() -> Result<(), String> {
    ensure_wasm_target()?;
    #[cfg(feature = "web")]
    {
        npm::build(&root())
    }
    #[cfg(not(feature = "web"))]
    {
        with_web_feature(&["npm"])
    }
}

/// Build the site into `dist/`: here when the xtask has the `web` feature, else by re-running
/// the xtask with it.
fn build_site() -> Result<(), String> {
    ensure_wasm_target()?;
    // wasm-opt makes the site smaller; without npm the site still builds, unoptimized.
    if let Err(problem) = ensure_npm_tools() {
        println!("== npm tools not installed ({problem}); building without wasm-opt");
    }
    #[cfg(feature = "web")]
    {
        site::build(&root())
    }
    #[cfg(not(feature = "web"))]
    {
        with_web_feature(&["build"])
    }
}

/// Re-run this xtask with the `web` feature (the wasm-bindgen library), passing `args`.
#[cfg(not(feature = "web"))]
fn with_web_feature(args: &[&str]) -> Result<(), String> {
    let mut all = vec![
        "run",
        "--quiet",
        "--package",
        "xtask",
        "--features",
        "web",
        "--",
    ];
    all.extend_from_slice(args);
    cargo(&all)
}

fn serve_task(args: &[String]) -> Result<(), String> {
    let mut port = 8080;
    let mut build = true;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--port" => {
                port = args
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a port number")?;
            }
            other => {
                return Err(format!(
                    "unknown option `{other}` (try --port N, --no-build)"
                ));
            }
        }
    }
    if build {
        build_site()?;
    }
    serve::serve(&root().join("dist"), port)
}

fn step(name: &str, run: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("\n== {name}");
    run().map_err(|e| format!("{name} failed: {e}"))
}

/// The wasm32 target is needed to build the site and to check that `rfp-core` builds for the
/// browser.
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
        // Without rustup the toolchain must already have the target; the build says so if not.
        _ => Ok(()),
    }
}

/// Run cargo (the one that runs this xtask) with `args`.
pub fn cargo(args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo).args(args))
}

/// Run a command, failing when it cannot start or exits unsuccessfully.
pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} exited with {status}", command.get_program()))
    }
}
