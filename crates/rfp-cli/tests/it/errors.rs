//! Exit codes and messages: 1 for invalid input (naming the file and the place), 2 for usage.

use serde_json::Value;

use crate::Sandbox;

/// Run a command that must fail on invalid input: exit 1, nothing on stdout. Returns stderr.
fn invalid(sandbox: &Sandbox, args: &[&str]) -> String {
    let (code, stdout, stderr) = sandbox.rfp(args);
    assert_eq!(
        code, 1,
        "rfp {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert_eq!(stdout, "", "rfp {args:?}");
    stderr
}

/// Run a command that must fail as a usage error: exit 2, nothing on stdout. Returns stderr.
fn usage(sandbox: &Sandbox, args: &[&str]) -> String {
    let (code, stdout, stderr) = sandbox.rfp(args);
    assert_eq!(
        code, 2,
        "rfp {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert_eq!(stdout, "", "rfp {args:?}");
    assert!(stderr.contains("--help"), "rfp {args:?}: {stderr}");
    stderr
}

fn demo_with(sandbox: &Sandbox, name: &str, edit: impl FnOnce(&mut Value)) {
    sandbox.demo("demo.json");
    let mut value = sandbox.json("demo.json");
    edit(&mut value);
    sandbox.write_json(name, &value);
}

#[test]
fn a_file_that_is_not_json_names_the_file_line_and_column() {
    let sandbox = Sandbox::new("not_json");
    sandbox.write(
        "notes.json",
        "{\n  \"format\": \"rfp-scorecard\",\n  oops\n}\n",
    );
    for command in ["score", "validate"] {
        let stderr = invalid(&sandbox, &[command, "notes.json"]);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("notes.json: error: line 3, column 3: "),
            "rfp {command}: {stderr}"
        );
        assert!(first.contains("not valid JSON"), "rfp {command}: {stderr}");
    }
}

/// The place of a syntax error is said once: `FILE: error: line 3, column 3: not valid JSON: …`.
#[test]
fn a_syntax_error_names_its_place_once() {
    let sandbox = Sandbox::new("not_json_once");
    sandbox.write(
        "notes.json",
        "{\n  \"format\": \"rfp-scorecard\",\n  oops\n}\n",
    );
    let stderr = invalid(&sandbox, &["score", "notes.json"]);
    assert_eq!(
        stderr.matches("line 3, column 3").count(),
        1,
        "the place once: {stderr}"
    );
    assert!(
        stderr.starts_with("notes.json: error: line 3, column 3: not valid JSON: "),
        "{stderr}"
    );
}

#[test]
fn a_weight_that_is_text_names_its_exact_place() {
    let sandbox = Sandbox::new("weight_text");
    demo_with(&sandbox, "ten.json", |v| {
        v["scorecard"]["criteria"][0]["children"][0]["weight"] = Value::from("ten");
    });
    for command in ["score", "validate"] {
        let stderr = invalid(&sandbox, &[command, "ten.json"]);
        assert_eq!(
            stderr.lines().next(),
            Some(
                "ten.json: error: criteria[0].children[0].weight: expected a number, \
                 found \"ten\""
            ),
            "rfp {command}: {stderr}"
        );
    }
}

#[test]
fn every_type_error_is_listed_at_once() {
    let sandbox = Sandbox::new("type_errors");
    demo_with(&sandbox, "two.json", |v| {
        v["scorecard"]["criteria"][0]["children"][0]["weight"] = Value::from("ten");
        v["scorecard"]["ratings"][2]["score"] = Value::from(true);
    });
    let stderr = invalid(&sandbox, &["validate", "two.json"]);
    assert!(
        stderr.contains(
            "two.json: error: criteria[0].children[0].weight: expected a number, \
             found \"ten\"\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("two.json: error: ratings[2].score: expected a number, found true"),
        "{stderr}"
    );
}

#[test]
fn a_problem_of_meaning_names_its_place() {
    let sandbox = Sandbox::new("meaning_errors");
    demo_with(&sandbox, "neg.json", |v| {
        v["scorecard"]["criteria"][1]["weight"] = Value::from(-3);
        v["scorecard"]["ratings"][0]["vendor"] = Value::from("nobody");
    });
    for command in ["score", "validate"] {
        let stderr = invalid(&sandbox, &[command, "neg.json"]);
        // The place as the file writes it, then in the scorecard's names.
        assert!(
            stderr.contains(
                "neg.json: error: criteria[1].weight (Scale & performance: weight): \
                 expected a weight of 0 or more, found -3\n"
            ),
            "rfp {command}: {stderr}"
        );
        assert!(
            stderr.contains(
                "neg.json: error: ratings[0].vendor (Dr. Amara Osei's rating of nobody on \
                 Scripted demo of Riverside's own workflows: vendor): unknown vendor \"nobody\""
            ),
            "rfp {command}: {stderr}"
        );
    }
}

#[test]
fn a_newer_schema_version_names_both_versions() {
    let sandbox = Sandbox::new("newer_schema");
    demo_with(&sandbox, "future.json", |v| {
        v["schema_version"] = Value::from(99);
    });
    let stderr = invalid(&sandbox, &["score", "future.json"]);
    assert_eq!(
        stderr,
        "future.json: error: this file uses schema version 99, but this version of RFP \
         Scorecard reads schema versions up to 3; open it with a newer version (nothing was \
         changed)\n"
    );
}

#[test]
fn a_missing_file_cannot_be_read() {
    let sandbox = Sandbox::new("missing_file");
    for args in [
        &["score", "nowhere.json"][..],
        &["validate", "nowhere.json"],
        &[
            "packet",
            "nowhere.json",
            "--evaluator",
            "osei",
            "-o",
            "p.json",
        ],
        &["export-csv", "report", "nowhere.json"],
    ] {
        let stderr = invalid(&sandbox, args);
        assert!(
            stderr.starts_with("nowhere.json: cannot read: "),
            "rfp {args:?}: {stderr}"
        );
    }
    assert!(!sandbox.exists("p.json"));
}

#[test]
fn other_files_that_are_not_scorecards() {
    let sandbox = Sandbox::new("not_scorecards");
    sandbox.write("list.json", "[1, 2]");
    sandbox.write("sheet.json", "{\"format\": \"xlsx\"}");
    std::fs::write(
        sandbox.path("latin1.json"),
        b"{\"format\": \"rfp-scorecard\", \"x\": \"\xe9\"}",
    )
    .expect("write");
    assert_eq!(
        invalid(&sandbox, &["score", "list.json"]),
        "list.json: error: not an RFP Scorecard file: the file holds a list (expected \
         \"format\": \"rfp-scorecard\")\n"
    );
    assert_eq!(
        invalid(&sandbox, &["score", "sheet.json"]),
        "sheet.json: error: not an RFP Scorecard file: \"format\" is \"xlsx\" (expected \
         \"format\": \"rfp-scorecard\")\n"
    );
    assert_eq!(
        invalid(&sandbox, &["score", "latin1.json"]),
        "latin1.json: not UTF-8 text (byte 35); save it as UTF-8 and try again\n"
    );
    // UTF-16 without a byte order mark (little and big endian).
    let utf16 = |big: bool| -> Vec<u8> {
        "{\"format\": \"rfp-scorecard\"}"
            .encode_utf16()
            .flat_map(|unit| {
                if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    };
    std::fs::write(sandbox.dir.join("le.json"), utf16(false)).expect("write");
    std::fs::write(sandbox.dir.join("be.json"), utf16(true)).expect("write");
    for name in ["le.json", "be.json"] {
        assert_eq!(
            invalid(&sandbox, &["score", name]),
            format!(
                "{name}: written in UTF-16 (every other byte is zero); save it as UTF-8 and try \
                 again\n"
            )
        );
    }
}

#[test]
fn a_file_with_a_byte_order_mark_is_read() {
    let sandbox = Sandbox::new("bom_file");
    let demo = std::fs::read_to_string(crate::demo_file()).expect("demo");
    sandbox.write("bom.json", &format!("\u{feff}{demo}"));
    let (stdout, _) = sandbox.ok(&["validate", "bom.json"]);
    assert_eq!(
        stdout,
        "bom.json: valid (86 requirements, 4 vendors, 3 evaluators, 156 ratings, no checksum)\n"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let sandbox = Sandbox::new("usage_errors");
    let stderr = usage(&sandbox, &["frobnicate"]);
    assert!(
        stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{stderr}"
    );
    let stderr = usage(&sandbox, &["merge", "a.json", "b.json"]);
    assert!(stderr.contains("--output <OUTPUT>"), "{stderr}");
    let stderr = usage(&sandbox, &["validate"]);
    assert!(stderr.contains("<FILES>..."), "{stderr}");
    let stderr = usage(&sandbox, &["packet", "demo.json", "-o", "p.json"]);
    assert!(stderr.contains("--evaluator <EVALUATOR>"), "{stderr}");
    let stderr = usage(&sandbox, &["score", "--json", "--csv"]);
    assert!(
        stderr.contains("'--json' cannot be used with '--csv'"),
        "{stderr}"
    );
    let stderr = usage(&sandbox, &["score", "--csv", "--delimiter", "colon"]);
    assert!(
        stderr.contains("invalid value 'colon'")
            && stderr.contains("[possible values: comma, semicolon, tab, pipe]"),
        "{stderr}"
    );
    let stderr = usage(&sandbox, &[]);
    assert!(stderr.contains("Usage: rfp <COMMAND>"), "{stderr}");
    let stderr = usage(&sandbox, &["import-csv"]);
    assert!(
        stderr.contains("Usage: rfp import-csv <COMMAND>"),
        "{stderr}"
    );
}

#[test]
fn help_and_version_exit_with_0() {
    let sandbox = Sandbox::new("help_version");
    let (stdout, _) = sandbox.ok(&["--version"]);
    assert_eq!(stdout, format!("rfp {}\n", env!("CARGO_PKG_VERSION")));
    let (stdout, _) = sandbox.ok(&["--help"]);
    assert!(stdout.contains("Try `rfp score`"), "{stdout}");
    for command in [
        "validate",
        "score",
        "merge",
        "import-csv",
        "export-csv",
        "packet",
        "demo",
        "schema",
    ] {
        assert!(
            stdout.contains(&format!("\n  {command} ")),
            "no {command} in the help:\n{stdout}"
        );
    }
}

/// Output cut short by the reader (`rfp demo | head -c 10`) must not panic. The demo file is
/// larger than a pipe's buffer (64 KiB), so rfp is still writing when the pipe is closed.
#[test]
fn a_closed_stdout_does_not_panic() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let sandbox = Sandbox::new("closed_stdout");
    assert!(std::fs::metadata(crate::demo_file()).expect("demo").len() > 70_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_rfp"))
        .args(["demo"])
        .current_dir(&sandbox.dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rfp");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut start = [0u8; 10];
    stdout.read_exact(&mut start).expect("read the start");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "{stderr}");
}

#[test]
fn a_directory_cannot_be_read() {
    let sandbox = Sandbox::new("directory");
    let stderr = invalid(&sandbox, &["validate", "."]);
    assert!(stderr.starts_with(".: cannot read: "), "{stderr}");
}
