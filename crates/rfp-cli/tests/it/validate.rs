//! `rfp validate`: valid files, checksums, files changed outside the program.

use crate::Sandbox;

const DAMAGED: &str = "warning: checksum: the scorecard was changed outside RFP Scorecard or \
                       damaged: its checksum does not match its content (hint: check the values \
                       before relying on them; saving again writes a new checksum)";

/// A saved file (with a checksum): the demo through an empty list of edits.
fn saved(sandbox: &Sandbox) {
    sandbox.demo("demo.json");
    sandbox.write("none.json", "[]");
    let (_, stderr) = sandbox.ok(&["edit", "demo.json", "none.json", "-o", "saved.json"]);
    assert_eq!(stderr, "");
    let file = sandbox.json("saved.json");
    let checksum = file["checksum"]
        .as_str()
        .expect("saved.json has a checksum");
    assert!(checksum.starts_with("sha256:"), "{checksum}");
    assert_eq!(checksum.len(), "sha256:".len() + 64, "{checksum}");
}

#[test]
fn validate_a_valid_file() {
    let sandbox = Sandbox::new("validate_valid");
    sandbox.demo("demo.json");
    let (code, stdout, stderr) = sandbox.rfp(&["validate", "demo.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "demo.json: valid (86 requirements, 4 vendors, 3 evaluators, 156 ratings, no checksum)\n"
    );
    assert_eq!(stderr, "");
}

#[test]
fn validate_a_saved_file_verifies_its_checksum() {
    let sandbox = Sandbox::new("validate_saved");
    saved(&sandbox);
    let (code, stdout, stderr) = sandbox.rfp(&["validate", "saved.json", "demo.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "saved.json: valid (86 requirements, 4 vendors, 3 evaluators, 156 ratings, checksum \
         verified)\n\
         demo.json: valid (86 requirements, 4 vendors, 3 evaluators, 156 ratings, no checksum)\n"
    );
    assert_eq!(stderr, "");
}

#[test]
fn validate_a_file_changed_after_saving_fails() {
    let sandbox = Sandbox::new("validate_changed");
    saved(&sandbox);
    let text = sandbox.read("saved.json");
    assert_eq!(text.matches("\"Quayline EHR\"").count(), 1);
    sandbox.write(
        "edited.json",
        &text.replace("\"Quayline EHR\"", "\"Quayline EHR Cloud\""),
    );

    let (code, stdout, stderr) = sandbox.rfp(&["validate", "edited.json"]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(&format!("edited.json: {DAMAGED}\n")),
        "{stderr}"
    );
    assert!(stderr.contains("changed outside RFP Scorecard or damaged"));

    // One damaged file among good ones: still exit 1, and the good ones are still checked.
    let (code, stdout, _) = sandbox.rfp(&["validate", "saved.json", "edited.json"]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("saved.json: valid ("), "{stdout}");

    // Scoring a changed file still works, and says at once that it was changed.
    let (code, stdout, stderr) = sandbox.rfp(&["score", "edited.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, format!("edited.json: {DAMAGED}\n"));
    assert!(stdout.contains("Quayline EHR Cloud"), "{stdout}");
}

#[test]
fn validate_reports_every_file() {
    let sandbox = Sandbox::new("validate_many");
    sandbox.demo("demo.json");
    sandbox.write("broken.json", "{");
    let (code, stdout, stderr) =
        sandbox.rfp(&["validate", "broken.json", "nowhere.json", "demo.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "demo.json: valid (86 requirements, 4 vendors, 3 evaluators, 156 ratings, no checksum)\n"
    );
    assert!(
        stderr.starts_with("broken.json: error: line 1, column 1: "),
        "{stderr}"
    );
    assert!(stderr.contains("\nnowhere.json: cannot read: "), "{stderr}");
}

/// The corpus of bad files (`tests/data/bad/file-*.json`, the core's test of what a person is
/// told) through `rfp validate`: exit 1 with every problem the core finds said on stderr with
/// its place and message, exit 0 for the ones that only look bad, never a crash.
#[test]
fn every_bad_file_of_the_corpus_is_told_by_validate() {
    let sandbox = Sandbox::new("validate_bad_corpus");
    let dir = crate::workspace().join("tests/data/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/data/bad")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("file-") && n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 25, "{names:?}");
    for name in names {
        let path = dir.join(&name);
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
        let (code, _, stderr) = sandbox.rfp(&["validate", path.to_str().expect("a path")]);
        let told = match rfp_core::load(&text) {
            Err(error) => error.diagnostics(),
            Ok(loaded) => loaded
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == rfp_core::Severity::Error || d.location == "checksum")
                .collect(),
        };
        assert_eq!(
            code,
            if told.is_empty() { 0 } else { 1 },
            "{name}: {stderr}"
        );
        for d in &told {
            let place = d.location.to_string();
            assert!(
                stderr.contains(&d.message) && stderr.contains(&place),
                "{name}: {d} not said in:\n{stderr}"
            );
        }
    }
}
