//! The site's `wasm-bindgen-test` tests in headless Chromium (`cargo xtask wasm-test`).
//!
//! `cargo test --target wasm32-unknown-unknown -p rfp-web` builds the test wasm; cargo hands it
//! to the runner named in `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER`, which is this xtask again
//! (`wasm-test-runner`), calling wasm-bindgen's own test runner as a library. The runner serves
//! the tests on 127.0.0.1 and drives Debian's Chromium through ChromeDriver; Chromium's flags
//! (the same as the Playwright suites') go in a `webdriver.json` written for the run.

use std::path::Path;
use std::process::Command;

use crate::{WASM_TARGET, root, run};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Build and run the site's wasm tests in headless Chromium.
pub fn run_tests() -> Result<(), String> {
    for (path, package) in [(CHROMEDRIVER, "chromium-driver"), (CHROMIUM, "chromium")] {
        if !Path::new(path).exists() {
            return Err(format!(
                "{path} is missing: install Debian's `{package}` package (`.ci/run` does)"
            ));
        }
    }
    let root = root();
    let run_dir = root.join("target").join("wasm-test");
    std::fs::create_dir_all(&run_dir).map_err(|e| format!("cannot create {run_dir:?}: {e}"))?;
    let profile = run_dir.join("chromium-profile");
    // A fresh profile every run; a leftover one from an interrupted run is simply replaced.
    let _ = std::fs::remove_dir_all(&profile);
    let capabilities = format!(
        r#"{{"goog:chromeOptions":{{"binary":"{CHROMIUM}","args":["disable-gpu","disable-quic","no-first-run","disable-background-networking","disable-component-update","disable-sync","user-data-dir={}"]}}}}"#,
        profile.display()
    );
    let webdriver_json = run_dir.join("webdriver.json");
    std::fs::write(&webdriver_json, capabilities)
        .map_err(|e| format!("cannot write {webdriver_json:?}: {e}"))?;
    let this = std::env::current_exe().map_err(|e| format!("cannot find the xtask binary: {e}"))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo)
        .args(["test", "-p", "rfp-web", "--target", WASM_TARGET])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            format!("{} wasm-test-runner", this.display()),
        )
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver_json)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "60")
        .current_dir(&root))
}

/// What cargo calls with the test wasm: wasm-bindgen's test runner.
pub fn runner(args: &[String]) -> Result<(), String> {
    let args = std::iter::once("wasm-bindgen-test-runner".to_owned()).chain(args.iter().cloned());
    wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(args)
        .map_err(|e| format!("{e:#}"))
}
