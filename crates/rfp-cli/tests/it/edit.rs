//! `rfp edit`: an edit list applied to a file, all or nothing.

use crate::{Sandbox, same_json};

/// The shared edit list gives the golden scorecard that the core, the JavaScript API and the
/// site give too.
#[test]
fn the_shared_edit_list_gives_the_same_scorecard_as_everywhere() {
    let sandbox = Sandbox::new("edit-shared");
    for file in [
        "tests/data/golden/demo.json",
        "tests/data/edits/committee.edits.json",
        "tests/data/edits/committee.expected.json",
    ] {
        sandbox.copy_from_workspace(file);
    }
    let (stdout, _) = sandbox.ok(&[
        "edit",
        "tests/data/golden/demo.json",
        "tests/data/edits/committee.edits.json",
        "-o",
        "edited.json",
    ]);
    assert_eq!(
        stdout,
        "wrote edited.json: 24 of 24 edit(s) changed the scorecard\n"
    );
    let edited = sandbox.json("edited.json");
    let expected = sandbox.json("tests/data/edits/committee.expected.json");
    assert!(
        same_json(&edited["scorecard"], &expected["scorecard"]),
        "rfp edit differs from the golden scorecard"
    );
    sandbox.ok(&["validate", "edited.json"]);
}

#[test]
fn a_refused_edit_names_itself_and_the_field_and_writes_nothing() {
    let sandbox = Sandbox::new("edit-refused");
    sandbox.demo("demo.json");
    sandbox.write(
        "edits.json",
        r#"[{"op": "add_vendor", "name": "Newco"},
            {"op": "rate", "evaluator": "osei", "vendor": "newco", "requirement": "fit.usability.nursing", "score": 9}]"#,
    );
    let (code, _, stderr) = sandbox.rfp(&["edit", "demo.json", "edits.json", "-o", "out.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("edits.json edit 2 was refused (ratings[")
            && stderr.contains(".score): ")
            && stderr.contains("expected a level from 0 to 5, found 9; nothing was written"),
        "{stderr}"
    );
    assert!(!sandbox.exists("out.json"));
    // A misspelt member is refused with its place in the list, not ignored; so is every other
    // edit of the wrong shape, at once, in the file's words.
    sandbox.write(
        "typo.json",
        r#"[{"op": "rename_vendor", "id": "merrow", "nmae": "X"}, {"op": "rate", "vendor": 3}]"#,
    );
    let (code, _, stderr) = sandbox.rfp(&["edit", "demo.json", "typo.json", "-o", "out.json"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("typo.json: error: edits[0]: unknown member \"nmae\"; the members are")
            && stderr.contains("typo.json: error: edits[1].vendor: expected text, found 3"),
        "{stderr}"
    );
    // A member given twice is refused as in a scorecard file, with its line and column.
    sandbox.write(
        "twice.json",
        r#"[{"op": "rename_vendor", "id": "merrow", "name": "X", "name": "Y"}]"#,
    );
    let (code, _, stderr) = sandbox.rfp(&["edit", "demo.json", "twice.json", "-o", "out.json"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("twice.json: error: line 1, column")
            && stderr.contains("the member \"name\" is given twice in one object"),
        "{stderr}"
    );
    assert!(!sandbox.exists("out.json"));
    // A list saved by an editor that writes a byte order mark reads as a scorecard file does.
    sandbox.write(
        "bom.json",
        "\u{feff}[{\"op\": \"rename_vendor\", \"id\": \"merrow\", \"name\": \"Merrow Health\"}]",
    );
    sandbox.ok(&["edit", "demo.json", "bom.json", "-o", "out.json"]);
    assert!(sandbox.read("out.json").contains("Merrow Health"));
}

/// Returned files merged by an edit list follow `rfp merge`'s rule: every file merged, or
/// nothing written, each file not merged named with why.
#[test]
fn a_merge_in_an_edit_list_writes_nothing_unless_every_file_is_merged() {
    let sandbox = Sandbox::new("edit-merge");
    sandbox.demo("demo.json");
    sandbox.ok(&[
        "packet",
        "demo.json",
        "--evaluator",
        "osei",
        "-o",
        "osei.json",
    ]);
    let returned = std::fs::read_to_string(sandbox.path("osei.json")).expect("packet");
    let edits = |files: serde_json::Value| {
        serde_json::json!([{ "op": "merge_files", "files": files }]).to_string()
    };
    sandbox.write(
        "merge.json",
        &edits(serde_json::json!([
            { "name": "osei.json", "text": returned },
            { "name": "notes.txt", "text": "not a scorecard" }
        ])),
    );
    let (code, _, stderr) = sandbox.rfp(&["edit", "demo.json", "merge.json", "-o", "out.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("merge.json edit 1: notes.txt: not an RFP Scorecard file")
            && stderr.contains("nothing written to out.json"),
        "{stderr}"
    );
    assert!(!sandbox.exists("out.json"));
    // The returned file alone merges.
    sandbox.write(
        "merge.json",
        &edits(serde_json::json!([{ "name": "osei.json", "text": returned }])),
    );
    sandbox.ok(&["edit", "demo.json", "merge.json", "-o", "out.json"]);
    sandbox.ok(&["validate", "out.json"]);
}

/// Group AHP from the command line: evaluators' own judgments, the method switched, the
/// weights shown side by side with the group's column in force, and the memo saying how the
/// category weights were derived, with each evaluator's consistency — names, not ids.
#[test]
fn evaluators_judgments_weigh_the_categories_by_group_ahp() {
    let sandbox = Sandbox::new("edit-group-ahp");
    sandbox.demo("demo.json");
    sandbox.write(
        "edits.json",
        r#"[{"op": "set_judgment", "category": "", "a": "fit", "b": "scale", "value": 3, "evaluator": "osei"},
            {"op": "set_judgment", "category": "", "a": "fit", "b": "scale", "value": 0.3333333333333333, "evaluator": "ortega"},
            {"op": "set_judgment", "category": "", "a": "fit", "b": "rcm", "value": 5, "evaluator": "ortega"},
            {"op": "set_method", "category": "", "method": "ahp_group"}]"#,
    );
    sandbox.ok(&["edit", "demo.json", "edits.json", "-o", "group.json"]);
    sandbox.ok(&["validate", "group.json"]);
    let (stdout, _) = sandbox.ok(&["score", "group.json", "--weights"]);
    assert!(stdout.contains("SWING  *group"), "{stdout}");
    assert!(
        stdout.contains("group AHP (each evaluator's comparisons combined): consistency ratio ")
            && stdout.contains(
                "each evaluator's: Dr. Amara Osei compared 1 of 55 pairs; Luis Ortega, RN \
                 compared 2 of 55 pairs; 53 of 55 pairs no evaluator compared count as equal"
            ),
        "{stdout}"
    );
    let (memo, _) = sandbox.ok(&["memo", "group.json"]);
    assert!(
        memo.contains(
            "The category weights come from each evaluator's pairwise comparisons combined by \
             their geometric mean (group AHP; the group's consistency ratio "
        ) && memo.contains(", against the random indices of Saaty 1980")
            && memo
                .contains("No evaluator has compared 53 of the 55 pairs yet: they count as equal."),
        "{memo}"
    );
    // A judgment by someone not on the committee is refused, naming the field.
    sandbox.write(
        "stranger.json",
        r#"[{"op": "set_judgment", "category": "", "a": "fit", "b": "scale", "value": 3, "evaluator": "nobody"}]"#,
    );
    let (code, _, stderr) = sandbox.rfp(&["edit", "demo.json", "stranger.json", "-o", "out.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("No evaluator “nobody” on the committee."),
        "{stderr}"
    );
}
