//! The scorecard file: envelope, versions, checksum, unknown fields, error places.

use proptest::prelude::*;
use rfp_core::file::{self, Integrity, Migration};
use rfp_core::{ErrorKind, Scorecard, Severity};
use serde_json::{Value, json};

use crate::support::{arb_scorecard, data_dir, small_scorecard};

fn envelope(scorecard: Value) -> String {
    envelope_at(file::SCHEMA_VERSION, scorecard)
}

fn envelope_at(version: u32, scorecard: Value) -> String {
    json!({"format": "rfp-scorecard", "schema_version": version, "scorecard": scorecard})
        .to_string()
}

/// Load `text` and expect it to fail with exactly these diagnostics (location: message).
fn check_errors(text: &str, expect: &[&str]) {
    let error = rfp_core::load(text).expect_err("the file should be refused");
    let got: Vec<String> = error
        .diagnostics()
        .iter()
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect();
    assert_eq!(got, expect, "full error: {error}");
}

#[test]
fn save_then_load_is_identity_and_verified() {
    let card = small_scorecard();
    let text = rfp_core::save(&card).unwrap();
    let loaded = rfp_core::load(&text).unwrap();
    assert_eq!(loaded.scorecard, card);
    assert_eq!(loaded.integrity, Integrity::Verified);
    assert_eq!(loaded.schema_version, file::SCHEMA_VERSION);
    assert!(text.contains("\"checksum\": \"sha256:"));
    // Saving again gives the same bytes.
    assert_eq!(rfp_core::save(&loaded.scorecard).unwrap(), text);
}

#[test]
fn missing_checksum_is_fine_for_hand_written_files() {
    let loaded = rfp_core::load(&envelope(json!({"meta": {"title": "Hand-written"}}))).unwrap();
    assert_eq!(loaded.integrity, Integrity::Unsigned);
    assert_eq!(loaded.scorecard.meta.title, "Hand-written");
}

#[test]
fn an_edited_file_is_reported_as_changed_or_damaged_and_still_loads() {
    let text = rfp_core::save(&small_scorecard()).unwrap();
    let edited = text.replace("\"Acme Clinical\"", "\"Acme Clinical (edited)\"");
    assert_ne!(edited, text);
    let loaded = rfp_core::load(&edited).unwrap();
    assert_eq!(loaded.integrity, Integrity::Mismatch);
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| d.location == "checksum")
        .unwrap();
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning
            .message
            .contains("changed outside RFP Scorecard or damaged")
    );
    assert_eq!(loaded.scorecard.vendors[0].name, "Acme Clinical (edited)");
}

#[test]
fn checksum_ignores_key_order_and_whitespace() {
    let a: Value = serde_json::from_str(r#"{"b": 1, "a": [1, 2, {"y": true, "x": "é"}]}"#).unwrap();
    let b: Value = serde_json::from_str(r#"{"a":[1,2,{"x":"é","y":true}],"b":1}"#).unwrap();
    assert_eq!(file::checksum_of(&a), file::checksum_of(&b));
    assert_eq!(
        file::canonical_json(&a),
        r#"{"a":[1,2,{"x":"é","y":true}],"b":1}"#
    );
}

#[test]
fn a_newer_file_is_refused_naming_both_versions() {
    let text = json!({"format": "rfp-scorecard", "schema_version": 7, "scorecard": {}}).to_string();
    let error = rfp_core::load(&text).unwrap_err();
    assert_eq!(
        error.kind(),
        &ErrorKind::NewerSchema {
            found: 7,
            supported: file::SCHEMA_VERSION
        }
    );
    let message = error.to_string();
    assert!(message.contains("schema version 7"), "{message}");
    assert!(
        message.contains(&format!("up to {}", file::SCHEMA_VERSION)),
        "{message}"
    );
}

#[test]
fn other_json_is_not_a_scorecard() {
    for (text, expect) in [
        ("[1, 2]", "the file holds a list"),
        (
            r#"{"format": "something-else"}"#,
            "\"format\" is \"something-else\"",
        ),
        (r#"{"criteria": []}"#, "no \"format\" member"),
    ] {
        let message = rfp_core::load(text).unwrap_err().to_string();
        assert!(message.contains("not an RFP Scorecard file"), "{message}");
        assert!(message.contains(expect), "{message}");
    }
}

#[test]
fn broken_json_names_line_and_column() {
    let error = rfp_core::load("{\n  \"format\": \"rfp-scorecard\",\n  \"schema_version\": 1,,\n}")
        .unwrap_err();
    match error.kind() {
        ErrorKind::Syntax { line, column, .. } => assert_eq!((*line, *column), (3, 23)),
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        error
            .to_string()
            .starts_with("line 3, column 23: not valid JSON")
    );
}

#[test]
fn every_type_error_is_reported_at_once_with_its_place() {
    let text = envelope(json!({
        "criteria": [
            {"id": "a", "name": "A", "children": [
                {"id": "a1", "name": "A1", "scoring": {"yes_no": {}}}
            ]},
            {"id": "b", "name": "B", "children": []},
            {"id": "c", "name": "C", "children": [
                {"id": "c1", "name": "C1", "weight": "ten", "scoring": {"yes_no": {}}},
                {"name": "no id", "scoring": {"yes_no": {}}},
                {"id": "c3", "scoring": {"numeric": {"better": "higer", "curve": {"linear": {"worst": 0, "best": 1}}}}}
            ]}
        ],
        "vendors": [{"id": "v1", "name": 5}],
        "ratings": [{"evaluator": "e", "vendor": "v1", "requirement": "x", "score": "4"}],
        "settings": {"knockout": "maybe"}
    }));
    check_errors(
        &text,
        &[
            "criteria[2].children[0].weight: expected a number, found \"ten\"",
            "criteria[2].children[1]: missing \"id\"",
            "criteria[2].children[2].scoring.numeric.better: unknown value \"higer\", expected \"higher\" or \"lower\"",
            "ratings[0].score: expected a number, found \"4\"",
            "settings.knockout: unknown value \"maybe\", expected \"exclude\" or \"flag\"",
            "vendors[0].name: expected text, found 5",
        ],
    );
}

#[test]
fn unknown_fields_survive_load_and_save() {
    let text = json!({
        "format": "rfp-scorecard", "schema_version": 1, "future_envelope": {"x": 1},
        "scorecard": {
            "future_top": [1, 2, 3],
            "meta": {"title": "T", "future_meta": "kept"},
            "criteria": [{"id": "a", "name": "A", "future_node": true, "children": [
                {"id": "a1", "name": "A1", "scoring": {"rating": {"max": 3, "future_rule": 1}}}
            ]}],
            "vendors": [{"id": "v", "name": "V", "future_vendor": null}],
            "settings": {"future_setting": "x"}
        }
    })
    .to_string();
    let loaded = rfp_core::load(&text).unwrap();
    let saved = file::save_with_envelope(&loaded.scorecard, &loaded.envelope_extra).unwrap();
    let value: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(value["future_envelope"], json!({"x": 1}));
    let card = &value["scorecard"];
    assert_eq!(card["future_top"], json!([1, 2, 3]));
    assert_eq!(card["meta"]["future_meta"], "kept");
    assert_eq!(card["criteria"][0]["future_node"], true);
    assert_eq!(
        card["criteria"][0]["children"][0]["scoring"]["rating"]["future_rule"],
        1
    );
    assert_eq!(card["vendors"][0]["future_vendor"], Value::Null);
    assert_eq!(card["settings"]["future_setting"], "x");
}

#[test]
fn an_older_file_is_migrated() {
    // The mechanism, exercised as if version 2 were current and version 1 had called the
    // criteria "matrix". The real steps are tested below, one test per step.
    fn rename_matrix(value: &mut Value) -> Result<(), String> {
        let object = value.as_object_mut().ok_or("not an object")?;
        let matrix = object.remove("matrix").ok_or("no matrix")?;
        object.insert("criteria".into(), matrix);
        Ok(())
    }
    let steps = [Migration {
        from: 1,
        apply: rename_matrix,
    }];
    let text = envelope_at(
        1,
        json!({"matrix": [{"id": "a", "name": "A", "scoring": {"yes_no": {}}}]}),
    );
    let loaded = file::load_with(&text, 2, &steps).unwrap();
    assert_eq!(loaded.schema_version, 1);
    assert_eq!(loaded.scorecard.criteria[0].id, "a");
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("migrated from schema version 1 to 2"))
    );
    // A step that fails names the version.
    let bad = envelope_at(1, json!({"criteria": []}));
    let error = file::load_with(&bad, 2, &steps).unwrap_err().to_string();
    assert!(
        error.contains("migrating from schema version 1: no matrix"),
        "{error}"
    );
    // No known step: refused, not guessed.
    let error = file::load_with(&text, 3, &steps).unwrap_err().to_string();
    assert!(
        error.contains("no migration from schema version 2"),
        "{error}"
    );
}

#[test]
fn version_1_marks_the_options_its_gates_accept_as_meeting_the_requirement() {
    let text = std::fs::read_to_string(data_dir().join("schema/v1.json")).unwrap();
    let before: Value = serde_json::from_str(&text).unwrap();
    let loaded = rfp_core::load(&text).unwrap();
    assert_eq!(loaded.schema_version, 1);
    assert_eq!(
        loaded.integrity,
        Integrity::Verified,
        "checked before migrating"
    );
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("migrated from schema version 1 to 3"))
    );
    let card = &loaded.scorecard;
    let lab = rfp_core::tree::find_requirement(&card.criteria, "interop.lab.interface").unwrap();
    let Some(rfp_core::Scoring::Choice(rule)) = &lab.scoring else {
        panic!("a choice")
    };
    let meets: Vec<(&str, bool)> = rule
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.meets))
        .collect();
    assert_eq!(
        meets,
        [
            ("bidirectional_included", true),
            ("bidirectional_fee", true),
            ("results_only", false),
            ("none", false)
        ]
    );
    // An ungated choice marks nothing: its best options count as meeting it.
    let mut ungated = 0;
    rfp_core::tree::walk(&card.criteria, &mut |node, _, _| {
        if let (None, Some(rfp_core::Scoring::Choice(rule))) = (&node.gate, &node.scoring) {
            assert!(rule.options.iter().all(|o| !o.meets), "{}", node.id);
            ungated += 1;
        }
    });
    assert!(ungated > 5);
    // Nothing else changed: the report is the one version 1 gave, and saving writes version 2
    // with the marks.
    let unmarked: Scorecard = serde_json::from_value(before["scorecard"].clone())
        .expect("v1 decodes as v2 without marks");
    assert_eq!(rfp_core::score(card), rfp_core::score(&unmarked));
    let saved: Value = serde_json::from_str(&rfp_core::save(card).unwrap()).unwrap();
    assert_eq!(saved["schema_version"], file::SCHEMA_VERSION);
    assert!(saved.to_string().contains(r#""meets":true"#));

    // A version 1 file that carried its own `meets` (kept then as an unknown field) still opens:
    // a value that is not true or false moves aside, kept.
    let text = envelope_at(
        1,
        json!({"criteria": [{"id": "c", "name": "C", "scoring": {"choice": {"options": [
            {"id": "a", "points": 1, "meets": "yes, per the vendor"},
            {"id": "b", "points": 0, "meets": false}
        ]}}}]}),
    );
    let loaded = rfp_core::load(&text).expect("opens");
    let Some(rfp_core::Scoring::Choice(rule)) = &loaded.scorecard.criteria[0].scoring else {
        panic!("a choice")
    };
    assert!(!rule.options[0].meets && !rule.options[1].meets);
    assert_eq!(rule.options[0].extra["meets_v1"], "yes, per the vendor");
}

/// Version 2 → 3: a version 2 file scores exactly as before (no rating has a time, so the
/// highest revision counts); a `rated_at` member one carried (unknown to version 2, kept as it
/// was) moves aside, kept, instead of deciding which rating counts or failing to open.
#[test]
fn version_2_ratings_keep_counting_by_revision() {
    let dir = data_dir().join("schema");
    let text = std::fs::read_to_string(dir.join("v2.json")).unwrap();
    let loaded = rfp_core::load(&text).unwrap();
    assert!(
        loaded
            .scorecard
            .ratings
            .iter()
            .all(|r| r.rated_at.is_none())
    );
    let before: Value = serde_json::from_str(&text).unwrap();
    let as_it_was: Scorecard = serde_json::from_value(before["scorecard"].clone()).unwrap();
    assert_eq!(
        rfp_core::score(&loaded.scorecard),
        rfp_core::score(&as_it_was)
    );

    let text = envelope_at(
        2,
        json!({"evaluators": [{"id": "e"}], "vendors": [{"id": "v", "name": "V"}],
        "criteria": [{"id": "r", "name": "R", "scoring": {"rating": {"min": 0, "max": 5}}}],
        "ratings": [
            {"evaluator": "e", "vendor": "v", "requirement": "r", "score": 4, "revision": 2},
            {"evaluator": "e", "vendor": "v", "requirement": "r", "score": 1, "revision": 1,
             "rated_at": "yesterday"}
        ]}),
    );
    let loaded = rfp_core::load(&text).expect("opens");
    let ratings = &loaded.scorecard.ratings;
    assert_eq!(ratings[1].extra["rated_at_v2"], "yesterday");
    assert!(ratings.iter().all(|r| r.rated_at.is_none()));
    let levels = rfp_core::score::cell_levels(&loaded.scorecard, "v", "r");
    assert_eq!(levels, vec![("e".to_owned(), 4.0)]);

    // In version 3 the latest counts, and a time that is not one is refused at its place.
    let v3 = std::fs::read_to_string(dir.join("v3.json")).unwrap();
    let loaded = rfp_core::load(&v3).unwrap();
    assert_eq!(loaded.integrity, Integrity::Verified);
    let levels = rfp_core::score::cell_levels(&loaded.scorecard, "harbor", "sla.named_contact");
    assert!(levels.contains(&("ortega".to_owned(), 2.0)), "{levels:?}");
    let bad = envelope(json!({"ratings": [
        {"evaluator": "e", "vendor": "v", "requirement": "r", "score": 4, "rated_at": "2026-11-19"}
    ]}));
    check_errors(
        &bad,
        &[
            "ratings[0].rated_at: \"2026-11-19\" is not a time: write it in UTC as 2026-12-05T14:30:00.000Z",
        ],
    );
}

#[test]
fn released_schema_fixtures_load_forever() {
    // One fixture per released schema version; a new version adds a file, never removes one.
    let dir = data_dir().join("schema");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let loaded = rfp_core::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            !rfp_core::error::has_errors(&loaded.diagnostics),
            "{}: {:?}",
            path.display(),
            loaded.diagnostics
        );
        assert!(!loaded.scorecard.vendors.is_empty());
        seen += 1;
    }
    assert!(seen >= file::SCHEMA_VERSION as usize);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", rfp_core::save(&Scorecard::default()).unwrap());
    assert!(rfp_core::load(&text).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn json_round_trip(card in arb_scorecard()) {
        let text = rfp_core::save(&card).unwrap();
        let loaded = rfp_core::load(&text).unwrap();
        prop_assert_eq!(&loaded.scorecard, &card);
        prop_assert_eq!(loaded.integrity, Integrity::Verified);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = rfp_core::load(&text);
    }

    #[test]
    fn damaged_files_never_panic(card in arb_scorecard(), cut in 0usize..4000, byte in any::<u8>()) {
        let mut bytes = rfp_core::save(&card).unwrap().into_bytes();
        if !bytes.is_empty() {
            let i = cut % bytes.len();
            bytes[i] = byte;
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(loaded) = rfp_core::load(&text) {
            let report = rfp_core::score(&loaded.scorecard);
            for vendor in &report.vendors {
                prop_assert!(vendor.total.is_finite());
            }
        }
    }
}

/// A file opened to be scored at once is validated once: `load_to_score` gives the scorecard
/// `load` gives and only what the file itself tells; the report says the rest.
#[test]
fn a_file_loaded_to_score_is_validated_by_the_scoring_alone() {
    let mut card = small_scorecard();
    card.criteria[0].weight = -1.0;
    card.criteria[0].name = String::new();
    let text = file::save(&card).expect("saves");
    let tampered = text.replacen("\"weight\": -1.0", "\"weight\": -2.0", 1);
    assert_ne!(tampered, text);
    let full = file::load(&tampered).expect("loads");
    let to_score = file::load_to_score(&tampered).expect("loads");
    assert_eq!(to_score.scorecard, full.scorecard);
    assert_eq!(to_score.integrity, Integrity::Mismatch);
    let report = rfp_core::score(&to_score.scorecard);
    // Every problem `load` lists is said once: by the file (its checksum) or by the report.
    for diagnostic in &full.diagnostics {
        let by_file = to_score.diagnostics.contains(diagnostic);
        let by_report = report.diagnostics.contains(diagnostic);
        assert!(by_file != by_report, "{diagnostic}: said once");
    }
    assert!(
        to_score
            .diagnostics
            .iter()
            .all(|d| d.location == "checksum")
    );
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.location.to_string().ends_with("weight"))
    );
}

/// Refusals say what was found in a person's words: inside a record read by its tag (an edit's
/// `op`) the value serde found, at the member holding it, a long text cut at 40 characters;
/// beside an enum's form, the members found, the first five.
#[test]
fn refusals_name_what_was_found_in_a_persons_words() {
    use rfp_core::edit::Edit;
    let messages = |value: Value| -> Vec<String> {
        match file::decode::<Vec<Edit>>(value, "edits") {
            Ok(_) => panic!("refused"),
            Err(error) => error.diagnostics().iter().map(|d| d.to_string()).collect(),
        }
    };
    let long = "y".repeat(100);
    assert_eq!(
        messages(json!([{"op": "attest", "evaluator": "e", "no_conflict": long}])),
        [format!(
            "error: edits[0].no_conflict: expected true or false, found \"{}\"…",
            "y".repeat(40)
        )]
    );
    assert_eq!(
        messages(json!([{"op": "attest", "evaluator": 3, "no_conflict": true}])),
        ["error: edits[0].evaluator: expected text, found 3"]
    );
    let mut gate = serde_json::Map::new();
    for key in ["at_least", "a", "b", "c", "d", "e", "f"] {
        gate.insert(key.to_owned(), json!(1));
    }
    // Inside an edit serde names the edit's place: its members are not listed.
    let said = messages(json!([{"op": "set_gate", "id": "r", "gate": gate.clone()}]));
    assert!(
        said[0].ends_with("only member, found an object"),
        "{said:?}"
    );
    // A gate of a criterion read from a file: the members found, the first five.
    let mut card = serde_json::to_value(crate::support::small_scorecard()).expect("json");
    card["criteria"][0]["children"][1]["gate"] = Value::Object(gate);
    let said: Vec<String> = match file::decode::<Scorecard>(card, "") {
        Ok(_) => panic!("refused"),
        Err(error) => error.diagnostics().iter().map(|d| d.to_string()).collect(),
    };
    assert_eq!(
        said,
        [
            "error: criteria[0].children[1].gate: expected one of this field's forms: its name, or \
          an object with that name as its only member, found an object of \"a\", \"at_least\", \
          \"b\", \"c\", \"d\", 2 more"
        ]
    );
}

/// No refusal speaks serde's or Rust's words (`internally tagged enum`, `variant identifier`,
/// `unknown field`, `struct Report with 9 elements`, `f64`): each says what was expected in a
/// file's words, at the member it is about.
#[test]
fn refusals_of_edits_and_reports_speak_a_files_words() {
    use rfp_core::edit::Edit;
    let said = |value: Value| -> Vec<String> {
        match file::decode::<Vec<Edit>>(value, "edits") {
            Ok(_) => panic!("refused"),
            Err(error) => error.diagnostics().iter().map(|d| d.to_string()).collect(),
        }
    };
    assert_eq!(
        said(json!([null, 1, {"op": 5}])),
        [
            "error: edits[0]: expected an edit: an object whose \"op\" names it, found null",
            "error: edits[1]: expected an edit: an object whose \"op\" names it, found 1",
            "error: edits[2].op: expected a name, as text, found 5",
        ]
    );
    assert_eq!(
        said(
            json!([{"op": "rate", "evaluator": "e", "vendor": "v", "requirement": "r",
                     "score": 3, "extra": 1}])
        ),
        [
            "error: edits[0]: unknown member \"extra\"; the members are \"evaluator\", \"vendor\", \
             \"requirement\", \"score\", \"note\", \"at\""
        ]
    );
    // A wrong cost line of an answer given by an edit: at the member holding the answer.
    assert_eq!(
        said(
            json!([{"op": "set_answer", "vendor": "v", "requirement": "r",
                     "answer": {"one_time": [{"amount": "5"}]}}])
        ),
        ["error: edits[0].answer.one_time[0].amount: expected a number, found \"5\""]
    );
    // Inside a batch: at the element of its list, each one.
    assert_eq!(
        said(json!([{"op": "batch", "edits": [{"op": "add_vendor", "name": "A"}, 5, null]}])),
        [
            "error: edits[0].edits[1]: expected an edit: an object whose \"op\" names it, found 5",
            "error: edits[0].edits[2]: expected an edit: an object whose \"op\" names it, found null",
        ]
    );
    // Another member holding the same value is not named (the fuzzer's find: the place was
    // the stray member's), and once the element is cut the stray member is said too; an
    // element of a list is not named when the problem is deeper, inside an edit of the batch
    // or a restored record (the review's find): the record is.
    assert_eq!(
        said(json!([{"op": "batch", "edits": [null], "stray": null}])),
        [
            "error: edits[0].edits[0]: expected an edit: an object whose \"op\" names it, found null",
            "error: edits[0]: unknown member \"stray\"; the members are \"edits\"",
        ]
    );
    assert_eq!(
        said(json!([{"op": "batch", "edits": [{"op": "rename_vendor", "id": "v", "name": 5}, 5]}])),
        ["error: edits[0]: expected text, found 5",]
    );
    assert_eq!(
        said(json!([{"op": "restore", "vendor": [0, {"id": "v", "name": 0}]}]))[0],
        "error: edits[0]: expected text, found 0"
    );
    // Nor a stray member when the value is found deeper as well (the long run's find).
    assert_eq!(
        said(json!([{"op": "batch", "edits": [[null]], "p >]": null}]))[0],
        "error: edits[0]: expected a name, as text, found null"
    );
    // Two names: as a list too.
    assert_eq!(
        said(json!([{"op": "add_evaluator", "name": "Dr. New", "id": "new"}])),
        ["error: edits[0]: unknown member \"id\"; the members are \"name\", \"role\""]
    );
    assert_eq!(
        said(json!([{"op": "move_criterion", "id": "x", "to": -1}])),
        ["error: edits[0].to: expected a whole number from 0 to 18446744073709551615, found -1"]
    );
    let report = |value: Value| match file::decode::<rfp_core::Report>(value, "report") {
        Ok(_) => panic!("refused"),
        Err(error) => error.diagnostics()[0].to_string(),
    };
    assert_eq!(
        report(json!([])),
        "error: report: expected an object, found a list"
    );
    // Whole numbers: one written with a decimal point, one beyond the range.
    let mut card = serde_json::to_value(crate::support::small_scorecard()).expect("json");
    card["criteria"][0]["children"][0]["scoring"]["rating"]["max"] = json!(5.0);
    card["ratings"][0]["revision"] = json!(3e18);
    card["ratings"][1]["revision"] = json!(-1e30);
    let said: Vec<String> = match file::decode::<Scorecard>(card, "") {
        Ok(_) => panic!("refused"),
        Err(error) => error.diagnostics().iter().map(|d| d.to_string()).collect(),
    };
    assert_eq!(
        said,
        [
            "error: criteria[0].children[0].scoring.rating.max: expected a whole number, found \
             5.0 (write a whole number without a decimal point or an exponent)",
            "error: ratings[0].revision: expected a whole number of 0 or more, found 3e+18 (a \
             whole number from 0 to 4294967295)",
            "error: ratings[1].revision: expected a whole number of 0 or more, found -1e+30 (a \
             whole number from 0 to 4294967295)",
        ]
    );
}
