//! The site build (`cargo xtask build`): `web/` for wasm32, wasm-bindgen as a library,
//! `wasm-opt -Oz` from npm's binaryen when installed, the static files, and a size report.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::{WASM_TARGET, cargo, run};

/// The Cargo profile of the site's wasm (`Cargo.toml`: the release profile at `opt-level = "z"`).
const PROFILE: &str = "web-release";
/// The files of `web/static/` copied into `dist/` beside the generated ones.
const STATIC_FILES: &[&str] = &["index.html", "style.css", "boot.js"];

/// Build the site into `<root>/dist`.
pub fn build(root: &Path) -> Result<(), String> {
    println!("== building the site (wasm32, profile {PROFILE})");
    cargo(&[
        "build",
        "--profile",
        PROFILE,
        "--target",
        WASM_TARGET,
        "-p",
        "rfp-web",
    ])?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|| root.join("target"));
    let cargo_wasm = target_dir
        .join(WASM_TARGET)
        .join(PROFILE)
        .join("rfp-web.wasm");
    let dist = root.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    fs::create_dir_all(&dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;

    println!("== wasm-bindgen (library, --target web)");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&cargo_wasm)
        .out_name("rfp_web")
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?
        .typescript(false)
        .generate(&dist)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    let wasm = dist.join("rfp_web_bg.wasm");
    let bindgen_size = size(&wasm)?;

    optimize(root, &wasm)?;

    for name in STATIC_FILES {
        let from = root.join("web/static").join(name);
        fs::copy(&from, dist.join(name))
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }

    // The templates: files beside the page, fetched when a committee picks or tailors one, and
    // the demo's when the page opens on it (none is compiled into the wasm).
    let templates = dist.join("templates");
    fs::create_dir_all(&templates)
        .map_err(|e| format!("cannot create {}: {e}", templates.display()))?;
    let mut templates_raw = 0;
    let mut templates_gzip = 0;
    for template in rfp_templates::TEMPLATES {
        let name = template.file_name();
        let from = root.join("rfp-templates").join(&name);
        let bytes = fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        fs::write(templates.join(&name), &bytes)
            .map_err(|e| format!("cannot write templates/{name}: {e}"))?;
        templates_raw += bytes.len();
        templates_gzip += gzip_size(&bytes)?;
    }

    println!("\n  {:<28} {:>10} {:>10}", "file", "raw", "gzip -9");
    println!(
        "  {:<28} {:>10} {:>10}",
        "cargo output",
        size(&cargo_wasm)?,
        ""
    );
    println!(
        "  {:<28} {:>10} {:>10}",
        "after wasm-bindgen", bindgen_size, ""
    );
    let mut raw_total = 0;
    let mut gzip_total = 0;
    for name in ["rfp_web_bg.wasm", "rfp_web.js", "boot.js"] {
        let bytes = fs::read(dist.join(name)).map_err(|e| format!("cannot read {name}: {e}"))?;
        let gzipped = gzip_size(&bytes)?;
        raw_total += bytes.len();
        gzip_total += gzipped;
        println!("  {name:<28} {:>10} {gzipped:>10}", bytes.len());
    }
    println!("  {:<28} {raw_total:>10} {gzip_total:>10}", "wasm + JS");
    println!(
        "  {:<28} {templates_raw:>10} {templates_gzip:>10}",
        "templates/ (fetched)"
    );
    println!("\nsite built in {}", dist.display());
    Ok(())
}

fn size(path: &Path) -> Result<u64, String> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `wasm-opt -Oz` (npm's binaryen) on `wasm` in place, when installed; without it the wasm stays
/// as wasm-bindgen wrote it, larger but working.
pub fn optimize(root: &Path, wasm: &Path) -> Result<(), String> {
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        println!(
            "== wasm-opt skipped: {} is missing (run `npm ci` for smaller wasm)",
            wasm_opt.display()
        );
        return Ok(());
    }
    println!("== wasm-opt -Oz (npm binaryen)");
    let optimized = wasm.with_extension("opt.wasm");
    run(Command::new(&wasm_opt)
        .arg("-Oz")
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-reference-types",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-multivalue",
        ])
        .arg(wasm)
        .arg("-o")
        .arg(&optimized))?;
    fs::rename(&optimized, wasm).map_err(|e| format!("cannot replace the wasm: {e}"))
}

/// The size of `bytes` compressed with gzip -9.
pub fn gzip_size(bytes: &[u8]) -> Result<usize, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map(|v| v.len()).map_err(|e| e.to_string())
}
