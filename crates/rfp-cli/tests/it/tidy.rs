//! The commands the README promises, and CI running the README's test command.

use crate::workspace;

const TEST_COMMAND: &str = "cargo xtask test";
const MAIN_COMMANDS: [&str; 2] = ["cargo xtask serve", "cargo run --bin rfp -- score"];

/// The lines inside fenced code blocks (```), trimmed, with a leading `$ ` prompt removed.
fn code_lines(markdown: &str) -> Vec<String> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            inside = !inside;
        } else if inside {
            out.push(trimmed.strip_prefix("$ ").unwrap_or(trimmed).to_owned());
        }
    }
    out
}

#[test]
fn readme_states_the_test_command_and_the_main_command() {
    let path = workspace().join("README.md");
    let readme =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lines = code_lines(&readme);
    assert!(
        lines.iter().any(|l| l == TEST_COMMAND),
        "README.md has no code line `{TEST_COMMAND}` (the command that runs the tests)"
    );
    assert!(
        lines.iter().any(|l| MAIN_COMMANDS.contains(&l.as_str())),
        "README.md has no code line with the main command, one of {MAIN_COMMANDS:?}"
    );
}

#[test]
fn ci_runs_the_test_command() {
    let path = workspace().join(".ci/run");
    let script =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        script
            .lines()
            .map(str::trim)
            .any(|l| !l.starts_with('#') && l.contains(TEST_COMMAND)),
        ".ci/run does not run `{TEST_COMMAND}`"
    );
}

#[test]
fn code_lines_are_found_only_in_fences() {
    let markdown = "Run cargo xtask test\n\n```sh\n$ cargo xtask test\n```\n  cargo run\n";
    assert_eq!(code_lines(markdown), ["cargo xtask test"]);
}

/// The text of a Rust file before its `#[cfg(test)]` module (the code that ships); nothing of
/// a file of tests (`tests.rs`, `browser_tests.rs`).
fn shipped(path: &std::path::Path) -> String {
    if path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with("tests.rs"))
    {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// The `.rs` files under `dir`, recursively.
fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every line of the shipped code of `files` holding one of `patterns`, as `file:line: pattern`
/// (lines `skip` says to pass over are not read).
fn lines_with(
    files: Vec<std::path::PathBuf>,
    patterns: &[&str],
    skip: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = shipped(&file);
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !skip(l)) {
            for pattern in patterns.iter().filter(|p| line.contains(**p)) {
                found.push(format!("{}:{}: {pattern}", file.display(), n + 1));
            }
        }
    }
    found
}

/// One owner of change: the site, the command line and the JavaScript API change a scorecard's
/// lists only through `rfp_core::edit` — no rating, vendor, evaluator or consensus value is
/// added, removed or kept by hand there, and the widget writes no rating or revision itself.
#[test]
fn front_ends_change_scorecards_only_through_the_core() {
    let root = workspace();
    let by_hand = [
        ".ratings.push(",
        ".ratings.retain(",
        ".ratings.remove(",
        ".ratings.insert(",
        ".vendors.push(",
        ".vendors.retain(",
        ".vendors.remove(",
        ".evaluators.push(",
        ".evaluators.retain(",
        ".evaluators.remove(",
        ".consensus.push(",
        ".consensus.retain(",
        ".consensus.remove(",
        ".answers.insert(",
        ".answers.remove(",
        ".comments.insert(",
        ".attestation =",
        ".revision =",
        ".revision.saturating_add",
        // A whole list replaced (the space after `=` leaves comparisons out).
        ".criteria = ",
        ".ratings = ",
        ".vendors = ",
        ".evaluators = ",
        ".consensus = ",
        ".answers = ",
        ".comments = ",
    ];
    let mut files = rust_files(&root.join("web/src"));
    files.extend(rust_files(&root.join("crates/rfp-cli/src")));
    files.extend(rust_files(&root.join("crates/rfp-wasm/src")));
    let mut found = lines_with(files, &by_hand, &|_| false);
    let widget = root.join("examples/embed/rfp-scorecard.js");
    let widget_text = std::fs::read_to_string(&widget).expect("the widget");
    for pattern in [
        "ratings.push(",
        ".revision",
        "ratings.filter(",
        "ratings.find(",
        "score(",
    ] {
        if widget_text.contains(pattern) {
            found.push(format!("{}: {pattern}", widget.display()));
        }
    }
    assert!(
        found.is_empty(),
        "changed by hand, not through rfp_core::edit:\n{}",
        found.join("\n")
    );
}

/// Kind names, gate kinds, billing models and integrations are written once, in `rfp_core::vocabulary`;
/// front ends name them through it.
#[test]
fn the_vocabulary_is_written_once() {
    let root = workspace();
    let words = [
        "\"yes_no\"",
        "\"multi_choice\"",
        "\"rating\"",
        "\"fee_for_service\"",
        "\"grant_funded\"",
        "\"grant_reporting\"",
        "\"sliding_fee\"",
        "\"e_prescribing\"",
        "\"immunization_registry\"",
        "\"at_least\"",
        "\"at_most\"",
        "\"any_of\"",
    ];
    let mut files = rust_files(&root.join("web/src"));
    files.extend(rust_files(&root.join("crates/rfp-cli/src")));
    files.extend(rust_files(&root.join("crates/rfp-wasm/src")));
    // CSS classes may share a kind's name (`class="rating"`).
    let found = lines_with(files, &words, &|line| line.contains("class="));
    assert!(
        found.is_empty(),
        "write these through rfp_core::vocabulary:\n{}",
        found.join("\n")
    );
}

/// Views show; the state changes. The site's components and pages name the model, the report
/// (`score::` types, `analysis::`), the vocabulary, the typed-value grammar and the tree
/// look-ups, and send edits — they do not load, save, validate, import, export, tailor, weigh,
/// merge or score themselves; that is the reducer's (`web/src/state/`) through a `Session`.
#[test]
fn the_site_views_use_only_model_and_report_types() {
    let root = workspace();
    let forbidden = [
        "rfp_core::csv_io",
        "rfp_core::file",
        "rfp_core::validate",
        "rfp_core::tailor",
        "rfp_core::weighting",
        "rfp_core::merge::merge",
        "rfp_core::merge::packet",
        "rfp_core::load",
        "rfp_core::save",
        "rfp_core::score(",
        "rfp_core::score::score",
        "rfp_core::score::rescore",
        "rfp_core::edit::apply",
        "rfp_core::edit::perform",
        "rfp_core::edit::Session",
        "Session::new",
    ];
    let mut files = rust_files(&root.join("web/src/components"));
    files.extend(rust_files(&root.join("web/src/pages")));
    assert!(files.len() > 10, "the views are where they were: {files:?}");
    let found = lines_with(files, &forbidden, &|_| false);
    assert!(
        found.is_empty(),
        "a view doing the state's or the core's work:\n{}",
        found.join("\n")
    );
}

/// The tree helpers (walking the criteria, finding one by id, its path) live in
/// `rfp_core::tree` alone: no other file of the core or the site walks the tree by hand with a
/// stack of its own.
#[test]
fn the_tree_is_walked_in_one_place() {
    let root = workspace();
    let mut found = Vec::new();
    let mut files = rust_files(&root.join("crates/rfp-core/src"));
    files.extend(rust_files(&root.join("web/src")));
    for file in files {
        if file.ends_with("tree.rs") {
            continue;
        }
        let text = shipped(&file);
        for (n, line) in text.lines().enumerate() {
            if line.contains("children.iter()") && line.contains("stack.push") {
                found.push(format!("{}:{}", file.display(), n + 1));
            }
            if line.contains("fn find_criterion") || line.contains("fn find_requirement") {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "use rfp_core::tree instead:\n{}",
        found.join("\n")
    );
}

/// The JavaScript API's hand-written edit types name exactly the core's requirement kinds
/// (`add_criterion` also takes `category`), so a kind added to `rfp_core::vocabulary` without its
/// type fails here.
#[test]
fn the_js_edit_types_name_the_cores_kinds() {
    let api = std::fs::read_to_string(workspace().join("crates/rfp-wasm/types/api.d.ts"))
        .expect("the API types");
    let kinds = |op: &str| -> Vec<String> {
        let line = api
            .lines()
            .find(|l| l.contains(&format!("op: \"{op}\"")))
            .unwrap_or_else(|| panic!("no type for {op}"));
        let union = line.split("kind: ").nth(1).expect("a kind member");
        union
            .split('|')
            .map(|k| {
                k.trim()
                    .trim_end_matches(['}', ' '])
                    .trim()
                    .trim_matches('"')
                    .to_owned()
            })
            .collect()
    };
    let core: Vec<String> = rfp_core::vocabulary::REQUIREMENT_KINDS
        .iter()
        .map(|k| k.id.to_owned())
        .collect();
    assert_eq!(kinds("set_kind"), core);
    let mut with_category = core.clone();
    with_category.push("category".to_owned());
    assert_eq!(kinds("add_criterion"), with_category);
}
