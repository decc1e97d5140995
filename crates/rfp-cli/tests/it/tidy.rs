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
