//! Architecture invariants: rfp-core depends on no browser crate and builds for wasm32.

use std::process::Command;

fn cargo() -> Command {
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

#[test]
fn rfp_core_depends_on_no_browser_crate() {
    let output = cargo()
        .args([
            "tree",
            "-p",
            "rfp-core",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--all-features",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(tree.contains("serde "), "the tree was read: {tree}");
    for forbidden in [
        "wasm-bindgen",
        "web-sys",
        "js-sys",
        "yew",
        "gloo",
        "getrandom",
        "rand ",
    ] {
        assert!(
            !tree.lines().any(|l| l.starts_with(forbidden)),
            "rfp-core depends on {forbidden}:\n{tree}"
        );
    }
}

#[test]
fn rfp_core_builds_for_wasm32() {
    // A target dir of its own, so this does not wait on the build running the tests.
    let target_dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/wasm-check");
    let output = cargo()
        .args([
            "build",
            "-p",
            "rfp-core",
            "--target",
            "wasm32-unknown-unknown",
            "--quiet",
        ])
        .arg("--target-dir")
        .arg(target_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "rfp-core must build for wasm32-unknown-unknown (install the target with `rustup target \
         add wasm32-unknown-unknown`; `cargo xtask test` does it):\n{stderr}"
    );
}
