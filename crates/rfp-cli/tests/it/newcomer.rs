//! A newcomer's flows from start to end: the demo file, and a scorecard built from the CSV
//! templates.

use crate::{Sandbox, squeezed_lines};

const REQUIREMENTS: &str = "rfp-templates/csv/requirements-example.csv";
const ANSWERS: &str = "rfp-templates/csv/answers-example.csv";

#[test]
fn demo_file_is_written_and_scores_like_the_built_in_demo() {
    let sandbox = Sandbox::new("newcomer_demo");
    let (stdout, stderr) = sandbox.ok(&["demo", "-o", "demo.json"]);
    assert_eq!(stdout, "");
    assert_eq!(stderr, "");
    // The shipped demo (it scores as the built-in one, below), saved as every file is: with a
    // checksum that holds, so a file made from it can be returned and merged like any other.
    let written: serde_json::Value =
        serde_json::from_str(&sandbox.read("demo.json")).expect("json");
    assert!(written["checksum"].is_string(), "{}", written["checksum"]);
    let (checked, _) = sandbox.ok(&["validate", "demo.json"]);
    assert!(checked.contains("checksum verified"), "{checked}");
    sandbox.ok(&["merge", "demo.json", "demo.json", "-o", "merged.json"]);

    // Without -o the file goes to stdout.
    assert_eq!(sandbox.ok(&["demo"]).0, sandbox.read("demo.json"));

    let (own, stderr) = sandbox.ok(&["score", "demo.json"]);
    assert_eq!(stderr, "");
    let (built_in, _) = sandbox.ok(&["score"]);
    // The same report; only the built-in demo adds the hint about `rfp demo`.
    assert!(
        built_in.starts_with(&own),
        "own:\n{own}\nbuilt-in:\n{built_in}"
    );
    assert!(!own.contains("This is the built-in demo"));
    assert_eq!(
        sandbox.ok(&["score", "demo.json", "--json"]).0,
        sandbox.ok(&["score", "--json"]).0
    );
}

#[test]
fn requirements_then_answers_then_score() {
    let sandbox = Sandbox::new("newcomer_csv");
    sandbox.copy_from_workspace(REQUIREMENTS);
    sandbox.copy_from_workspace(ANSWERS);

    let (stdout, stderr) = sandbox.ok(&[
        "import-csv",
        "requirements",
        REQUIREMENTS,
        "-o",
        "reqs.json",
    ]);
    assert_eq!(stdout, "wrote reqs.json with 13 requirement(s)\n");
    assert_eq!(stderr, "", "the example imports without a single remark");
    let reqs = sandbox.json("reqs.json");
    assert_eq!(reqs["format"], "rfp-scorecard");
    assert_eq!(reqs["schema_version"], 3);
    assert_eq!(reqs["scorecard"]["meta"]["title"], "EHR selection");
    let top: Vec<&str> = reqs["scorecard"]["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(top, ["clinical", "interoperability", "service", "cost"]);
    assert_eq!(reqs["scorecard"]["vendors"], serde_json::json!([]));
    let (stdout, _) = sandbox.ok(&["validate", "reqs.json"]);
    assert_eq!(
        stdout,
        "reqs.json: valid (13 requirements, 0 vendors, 0 evaluators, 0 ratings, checksum verified)\n"
    );

    let (stdout, stderr) = sandbox.ok(&[
        "import-csv",
        "answers",
        "reqs.json",
        ANSWERS,
        "-o",
        "with-answers.json",
    ]);
    assert_eq!(
        stdout,
        "wrote with-answers.json with answers of 3 vendor(s)\n"
    );
    assert_eq!(stderr, "", "the example imports without a single remark");
    let vendors: Vec<(String, String)> = sandbox.json("with-answers.json")["scorecard"]["vendors"]
        .as_array()
        .expect("vendors")
        .iter()
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_owned(),
                v["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        vendors,
        [
            (
                "larkspur_health_records".to_owned(),
                "Larkspur Health Records".to_owned()
            ),
            ("quillfeather_ehr".to_owned(), "Quillfeather EHR".to_owned()),
            (
                "marlow_clinical_cloud".to_owned(),
                "Marlow Clinical Cloud".to_owned()
            ),
        ]
    );

    let (stdout, stderr) = sandbox.ok(&["score", "with-answers.json"]);
    assert_eq!(stderr, "");
    let lines = squeezed_lines(&stdout);
    assert_eq!(lines[0], "EHR selection");
    let ranking: Vec<&String> = lines
        .iter()
        .filter(|l| {
            l.split(' ')
                .next()
                .is_some_and(|rank| rank.parse::<u32>().is_ok())
        })
        .collect();
    assert_eq!(
        ranking,
        [
            "1 Larkspur Health Records 71.4 qualified",
            "2 Quillfeather EHR 61.6 qualified",
            "3 Marlow Clinical Cloud 55.7 knocked out",
        ],
        "{stdout}"
    );
    // Marlow answered `erx_only`, which the e-prescribing gate does not accept.
    assert!(
        lines.contains(
            &"gate \"Electronic prescribing, including controlled substances (EPCS)\": \
              \"E-prescribing without EPCS\" is not one of the required options (EPCS included in \
              the subscription, EPCS as a paid add-on)"
                .to_owned()
        ),
        "{stdout}"
    );

    let report: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["score", "with-answers.json", "--json"]).0)
            .expect("JSON");
    let ranks: Vec<(i64, &str, &str)> = report["vendors"]
        .as_array()
        .expect("vendors")
        .iter()
        .map(|v| {
            (
                v["rank"].as_i64().unwrap(),
                v["vendor_id"].as_str().unwrap(),
                v["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranks,
        [
            (1, "larkspur_health_records", "qualified"),
            (2, "quillfeather_ehr", "qualified"),
            (3, "marlow_clinical_cloud", "knocked_out"),
        ]
    );
}

#[test]
fn a_broken_requirement_list_lists_every_bad_row_and_writes_nothing() {
    let sandbox = Sandbox::new("newcomer_broken_csv");
    let template = std::fs::read_to_string(crate::workspace().join(REQUIREMENTS)).expect("csv");
    let mut lines: Vec<String> = template.lines().map(str::to_owned).collect();
    // Row 5 (the header is row 1): a weight that is not a number.
    assert!(lines[4].starts_with("Clinical > Ordering,clin.eprescribing,"));
    lines[4] = lines[4].replacen(",choice,3,", ",choice,ten,", 1);
    // Row 8: an unknown kind.
    assert!(lines[7].starts_with("Interoperability > Standards,int.onc_certified,"));
    lines[7] = lines[7].replacen(",yes_no,3,", ",yes_no_maybe,3,", 1);
    sandbox.write("requirements.csv", &lines.join("\n"));

    let (code, stdout, stderr) = sandbox.rfp(&[
        "import-csv",
        "requirements",
        "requirements.csv",
        "-o",
        "reqs.json",
    ]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: requirements.csv row 5, column \"weight\": expected a number, found \"ten\"\n\
         error: requirements.csv row 8, column \"kind\": expected yes_no, choice, multi_choice, \
         numeric, rating, price or category, found \"yes_no_maybe\"\n\
         requirements.csv: 2 problem(s); nothing was written — fix them and run the import again\n"
    );
    assert!(!sandbox.exists("reqs.json"), "nothing is written");
}

#[test]
fn a_broken_answer_sheet_writes_nothing_and_leaves_the_scorecard_alone() {
    let sandbox = Sandbox::new("newcomer_broken_answers");
    sandbox.copy_from_workspace(REQUIREMENTS);
    sandbox.ok(&[
        "import-csv",
        "requirements",
        REQUIREMENTS,
        "-o",
        "reqs.json",
    ]);
    let before = sandbox.read("reqs.json");
    sandbox.write(
        "answers.csv",
        "requirement,Larkspur Health Records\r\nint.onc_certified,perhaps\r\nno.such,yes\r\n",
    );
    let (code, stdout, stderr) = sandbox.rfp(&[
        "import-csv",
        "answers",
        "reqs.json",
        "answers.csv",
        "-o",
        "reqs.json",
    ]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: answers.csv row 2, column \"Larkspur Health Records\": expected yes or no, \
         found \"perhaps\"\n\
         error: answers.csv row 3, column \"requirement\": expected a requirement id of the \
         requirement list, found \"no.such\"; the row is ignored\n\
         answers.csv: 2 problem(s); nothing was written — fix them and run the import again\n"
    );
    assert_eq!(sandbox.read("reqs.json"), before);
}

#[test]
fn templates_are_listed_and_each_scores() {
    let sandbox = Sandbox::new("newcomer_templates");
    let (stdout, stderr) = sandbox.ok(&["templates"]);
    assert_eq!(stderr, "");
    let ids: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        ids,
        [
            "small-primary-care",
            "multi-specialty",
            "behavioral-health",
            "pediatrics",
            "community-health-center",
            "multi-clinic-network"
        ]
    );
    for id in ids {
        let file = format!("rfp-templates/{id}.json");
        sandbox.copy_from_workspace(&file);
        let (report, stderr) = sandbox.ok(&["score", &file]);
        assert_eq!(stderr, "", "{id}");
        assert_eq!(report.matches("knocked out").count(), 1, "{id}:\n{report}");
        assert!(!report.contains("\nNotes\n"), "{id}:\n{report}");
    }
}

#[test]
fn new_tailors_a_scorecard_and_says_why() {
    let sandbox = Sandbox::new("newcomer_new");
    let (stdout, stderr) = sandbox.ok(&[
        "new",
        "--specialty",
        "pediatrics",
        "--providers",
        "6",
        "--locations",
        "2",
        "--encounters",
        "30000",
        "--billing",
        "fee_for_service",
        "--billing",
        "value_based",
        "--integration",
        "immunization_registry",
        "--integration",
        "school nurse portal",
        "--approach",
        "staged",
        "--title",
        "Maple Street Pediatrics — EHR selection",
        "-o",
        "ours.json",
    ]);
    assert_eq!(stderr, "");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "wrote ours.json from the pediatrics template (pediatrics is the practice's main specialty)"
    );
    for expected in [
        "made a gate: at least 6 — the practice has 6 providers",
        "made a gate: at least 120 — the practice has 120 encounters a day",
        "the practice bills with value-based care and quality reporting",
        "→ 0 — the practice does not bill with capitation",
        "- Integration with school nurse portal: added as a gate",
        "the practice prefers a staged go-live",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    let file = sandbox.json("ours.json");
    let card = &file["scorecard"];
    assert_eq!(
        card["meta"]["title"],
        "Maple Street Pediatrics — EHR selection"
    );
    assert_eq!(card["meta"]["template"], "pediatrics");
    assert_eq!(card["vendors"], serde_json::json!([]));
    assert_eq!(card["profile"]["providers"], 6);
    // Every line printed is an adjustment recorded in the file, and the file is valid.
    let recorded = card["meta"]["adjustments"].as_array().expect("adjustments");
    assert_eq!(recorded.len(), lines.len());
    let (stdout, stderr) = sandbox.ok(&["validate", "ours.json"]);
    assert!(stdout.contains("valid"), "{stdout}{stderr}");
    // An unknown billing model is a usage error.
    let (code, _, stderr) = sandbox.rfp(&["new", "--billing", "barter", "-o", "x.json"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!sandbox.exists("x.json"));
    // A template can be named; an unknown one is refused with the list.
    let (code, _, stderr) = sandbox.rfp(&["new", "--template", "dentistry", "-o", "x.json"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no template \"dentistry\" (templates: small-primary-care,"),
        "{stderr}"
    );
}

#[test]
fn a_requirement_list_exported_imports_back() {
    let sandbox = Sandbox::new("newcomer_export_requirements");
    sandbox.demo("demo.json");
    let (sheet, stderr) =
        sandbox.ok(&["export-csv", "requirements", "demo.json", "-o", "reqs.csv"]);
    assert_eq!((sheet.as_str(), stderr.as_str()), ("", ""));
    let (stdout, stderr) =
        sandbox.ok(&["import-csv", "requirements", "reqs.csv", "-o", "back.json"]);
    assert_eq!(stderr, "");
    assert_eq!(stdout, "wrote back.json with 86 requirement(s)\n");
    let original = sandbox.json("demo.json");
    let back = sandbox.json("back.json");
    assert!(crate::same_json(
        &back["scorecard"]["criteria"],
        &original["scorecard"]["criteria"]
    ));
}
