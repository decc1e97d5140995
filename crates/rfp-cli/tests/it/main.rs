//! Integration tests of the rfp command: each test runs the real `rfp` binary in a directory of
//! its own under `CARGO_TARGET_TMPDIR` and checks exit code, stdout, stderr and written files.
//!
//! Exit codes: 0 success, 1 invalid input (stderr names the file and the place), 2 usage errors.

mod csv;
mod edit;
mod errors;
mod merge;
mod newcomer;
mod schema;
mod score;
mod tidy;
mod validate;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The shipped demo scorecard file.
pub fn demo_file() -> PathBuf {
    workspace().join("rfp-templates/small-primary-care.json")
}

/// A fresh, empty directory for one test; `rfp` runs inside it, so paths are relative to it.
pub struct Sandbox {
    pub dir: PathBuf,
}

impl Sandbox {
    /// `name` must be unique among the tests (tests run in parallel).
    pub fn new(name: &str) -> Sandbox {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("rfp-cli-it")
            .join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("clear the sandbox");
        }
        std::fs::create_dir_all(&dir).expect("create the sandbox");
        Sandbox { dir }
    }

    /// Run `rfp ARGS` in the sandbox: (exit code, stdout, stderr).
    pub fn rfp(&self, args: &[&str]) -> (i32, String, String) {
        self.rfp_env(args, &[])
    }

    /// [`Sandbox::rfp`] with extra environment variables.
    pub fn rfp_env(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_rfp"))
            .args(args)
            .envs(env.iter().copied())
            .env_remove("RUST_BACKTRACE")
            .current_dir(&self.dir)
            .output()
            .expect("run rfp");
        let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
        let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
        let Some(code) = output.status.code() else {
            panic!("rfp {args:?} was killed by a signal\nstdout:\n{stdout}\nstderr:\n{stderr}");
        };
        (code, stdout, stderr)
    }

    /// Run `rfp ARGS` and require exit code 0; returns (stdout, stderr).
    pub fn ok(&self, args: &[&str]) -> (String, String) {
        let (code, stdout, stderr) = self.rfp(args);
        assert_eq!(
            code, 0,
            "rfp {args:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        (stdout, stderr)
    }

    /// A path in the sandbox.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    pub fn write(&self, name: &str, text: &str) {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create a directory in the sandbox");
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {name}: {e}"));
    }

    pub fn json(&self, name: &str) -> Value {
        serde_json::from_str(&self.read(name)).unwrap_or_else(|e| panic!("{name} as JSON: {e}"))
    }

    pub fn write_json(&self, name: &str, value: &Value) {
        let text = serde_json::to_string_pretty(value).expect("serialize JSON");
        self.write(name, &text);
    }

    /// Copy a file of the workspace into the sandbox under the same relative path.
    pub fn copy_from_workspace(&self, relative: &str) {
        let text = std::fs::read_to_string(workspace().join(relative))
            .unwrap_or_else(|e| panic!("read {relative}: {e}"));
        self.write(relative, &text);
    }

    /// The shipped demo scorecard file, copied into the sandbox as `name`.
    pub fn demo(&self, name: &str) {
        let text = std::fs::read_to_string(demo_file()).expect("read the demo file");
        self.write(name, &text);
    }
}

/// The ratings of a scorecard file's JSON.
pub fn ratings(file: &Value) -> &Vec<Value> {
    file["scorecard"]["ratings"]
        .as_array()
        .expect("scorecard.ratings is a list")
}

/// The one rating of (evaluator, vendor, requirement) in a scorecard file's JSON.
pub fn rating<'a>(file: &'a Value, evaluator: &str, vendor: &str, requirement: &str) -> &'a Value {
    let found: Vec<&Value> = ratings(file)
        .iter()
        .filter(|r| {
            r["evaluator"] == evaluator && r["vendor"] == vendor && r["requirement"] == requirement
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "ratings of {evaluator}/{vendor}/{requirement}: {found:?}"
    );
    found[0]
}

/// JSON values equal up to the spelling of numbers (`2` and `2.0` are the same number).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Parse CSV text as the program writes it: optional UTF-8 BOM, quoted fields with doubled
/// quotes, CRLF or LF line ends. Returns the records, each a list of fields.
/// The cells of a `;` sheet with its decimal commas read as points: a cell that is a number
/// written with a decimal comma (`21,776`) becomes `21.776`; text is left as it is.
pub fn with_decimal_points(records: Vec<Vec<String>>) -> Vec<Vec<String>> {
    records
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| {
                    let point = cell.replacen(',', ".", 1);
                    let numeric = cell.contains(',')
                        && point
                            .trim_start_matches('-')
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b'.');
                    if numeric { point } else { cell }
                })
                .collect()
        })
        .collect()
}

pub fn parse_csv(text: &str, delimiter: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                other => field.push(other),
            }
        } else if c == '"' {
            quoted = true;
        } else if c == delimiter {
            record.push(std::mem::take(&mut field));
        } else if c == '\r' && chars.peek() == Some(&'\n') {
            // The line end is the following '\n'.
        } else if c == '\n' {
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        } else {
            field.push(c);
        }
    }
    assert!(!quoted, "unterminated quoted field in CSV");
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// Write records as CSV (BOM, `,`, CRLF; quoted when needed), as a spreadsheet saves them.
pub fn write_csv(records: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for record in records {
        let fields: Vec<String> = record
            .iter()
            .map(|f| {
                if f.contains([',', '"', '\r', '\n']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.clone()
                }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The index of a column in a CSV header.
pub fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
}

/// The lines of `text`, each with its runs of whitespace collapsed to one space.
pub fn squeezed_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn helpers_parse_and_write_csv() {
    let text = "\u{feff}a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,,\"two\r\nlines\"\r\n";
    let records = parse_csv(text, ',');
    assert_eq!(
        records,
        vec![
            vec!["a".to_owned(), "b,c".to_owned(), "say \"hi\"".to_owned()],
            vec!["1".to_owned(), String::new(), "two\r\nlines".to_owned()],
        ]
    );
    assert_eq!(write_csv(&records), text);
}

#[test]
fn same_json_ignores_only_the_spelling_of_numbers() {
    use serde_json::json;
    assert!(same_json(
        &json!({"a": [2, 1.5]}),
        &json!({"a": [2.0, 1.5]})
    ));
    assert!(!same_json(
        &json!({"a": [2, 1.5]}),
        &json!({"a": [2.5, 1.5]})
    ));
    assert!(!same_json(&json!({"a": 1}), &json!({"a": 1, "b": 1})));
    assert!(!same_json(&json!({"a": "1"}), &json!({"a": 1})));
}

#[test]
fn sandbox_paths_stay_inside_the_sandbox() {
    let sandbox = Sandbox::new("sandbox_paths");
    sandbox.write("sub/x.txt", "x");
    assert!(sandbox.path("sub/x.txt").starts_with(&sandbox.dir));
    assert_eq!(sandbox.read("sub/x.txt"), "x");
    assert!(Path::new(env!("CARGO_BIN_EXE_rfp")).exists());
}
