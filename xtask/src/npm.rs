//! The npm package (`cargo xtask npm`): `crates/rfp-wasm` for wasm32 twice — with the templates
//! (the package's main entry) and scorer-only (`rfp-scorecard/scorer`) — wasm-bindgen as a
//! library (`--target web`: works in a plain `<script type="module">` page, in bundlers that
//! understand `new URL(…, import.meta.url)`, and in Node through `initSync`), `wasm-opt -Oz`
//! from npm's binaryen when installed, then `package.json` and the README. Prints sizes.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{WASM_TARGET, cargo};

/// The Cargo profile (`Cargo.toml`: the release profile at `opt-level = "z"`).
const PROFILE: &str = "web-release";
/// The JS module's and the wasm's base name.
const OUT_NAME: &str = "rfp_scorecard";
/// What the scorer-only build should weigh, gzip -9, wasm + JS (issue 5's aim).
const SCORER_BUDGET: usize = 80 * 1024;

/// The folder the package is built into.
pub fn package_dir(root: &Path) -> PathBuf {
    root.join("target/npm/rfp-scorecard")
}

/// Build the package into [`package_dir`].
pub fn build(root: &Path) -> Result<(), String> {
    let out = package_dir(root);
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    let scorer = build_variant(root, &out.join("scorer"), false)?;
    let full = build_variant(root, &out, true)?;

    let source = root.join("crates/rfp-wasm/npm");
    let version = env!("CARGO_PKG_VERSION");
    for name in ["package.json", "README.md"] {
        let text = fs::read_to_string(source.join(name))
            .map_err(|e| format!("cannot read {}: {e}", source.join(name).display()))?;
        fs::write(out.join(name), text.replace("{{version}}", version))
            .map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    // Each build writes a .gitignore of "*" (wasm-bindgen's habit); a package has no use for it.
    for dir in [&out, &out.join("scorer")] {
        let _ = fs::remove_file(dir.join(".gitignore"));
    }

    println!("\n  {:<40} {:>10} {:>10}", "npm package", "raw", "gzip -9");
    for (label, (raw, gzip)) in [
        ("rfp-scorecard (templates, CSV)", full),
        ("rfp-scorecard/scorer", scorer),
    ] {
        println!("  {label:<40} {raw:>10} {gzip:>10}");
    }
    println!("  (wasm + JS glue; the budget for the scorer is {SCORER_BUDGET} bytes gzip)");
    println!("\npackage built in {}", out.display());
    // An aim, not a gate: rfp-core's serde code alone (the model's derives with `flatten`, the
    // path-tracking decoder) is over it; measured, scoring a JSON text with nothing else is
    // ~130 KB gzip.
    if scorer.1 > SCORER_BUDGET {
        println!(
            "warning: the scorer-only build is {} bytes gzip, over the aim of {SCORER_BUDGET}",
            scorer.1
        );
    }
    Ok(())
}

/// Build one variant into `out`; returns the (raw, gzip) size of wasm + JS.
fn build_variant(root: &Path, out: &Path, templates: bool) -> Result<(usize, usize), String> {
    let label = if templates {
        "with templates and CSV"
    } else {
        "scorer only"
    };
    println!("== building rfp-wasm ({label}, wasm32, profile {PROFILE})");
    let mut args = vec![
        "build",
        "--profile",
        PROFILE,
        "--target",
        WASM_TARGET,
        "-p",
        "rfp-wasm",
    ];
    if !templates {
        args.push("--no-default-features");
    }
    cargo(&args)?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|| root.join("target"));
    let cargo_wasm = target_dir
        .join(WASM_TARGET)
        .join(PROFILE)
        .join("rfp_wasm.wasm");
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&cargo_wasm)
        .out_name(OUT_NAME)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?
        .typescript(true)
        // `await init()` then finds the wasm beside the module (new URL(…, import.meta.url)),
        // which is also what bundlers look for. The library's default is to leave it out.
        .omit_default_module_path(false)
        .generate(out)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;

    let wasm = out.join(format!("{OUT_NAME}_bg.wasm"));
    crate::site::optimize(root, &wasm)?;

    let mut raw = 0;
    let mut gzip = 0;
    for name in [format!("{OUT_NAME}_bg.wasm"), format!("{OUT_NAME}.js")] {
        let bytes = fs::read(out.join(&name)).map_err(|e| format!("cannot read {name}: {e}"))?;
        raw += bytes.len();
        gzip += crate::site::gzip_size(&bytes)?;
    }
    Ok((raw, gzip))
}
