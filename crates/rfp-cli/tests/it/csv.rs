//! CSV exports and the scoring-sheet round trip.

use serde_json::Value;

use crate::{Sandbox, column, parse_csv, rating, ratings, with_decimal_points, write_csv};

#[test]
fn a_filled_in_scoring_sheet_updates_the_rating() {
    let sandbox = Sandbox::new("csv_scoring_sheet");
    sandbox.demo("demo.json");
    let (sheet, stderr) = sandbox.ok(&[
        "export-csv",
        "scoring-sheet",
        "demo.json",
        "--evaluator",
        "osei",
    ]);
    assert_eq!(stderr, "");
    assert!(
        sheet.starts_with(
            "\u{feff}evaluator,vendor_id,vendor,requirement_id,category,requirement,scale,anchors,\
             score,note\r\n"
        ),
        "{sheet}"
    );
    let mut records = parse_csv(&sheet, ',');
    let header = records[0].clone();
    assert_eq!(
        records.len(),
        53,
        "one row per vendor and rated requirement (4 × 13)"
    );
    let (evaluator, vendor, requirement, score) = (
        column(&header, "evaluator"),
        column(&header, "vendor_id"),
        column(&header, "requirement_id"),
        column(&header, "score"),
    );
    assert!(records[1..].iter().all(|r| r[evaluator] == "osei"));

    // The row of merrow on the scripted demo: osei gave 3 at revision 1.
    let demo = sandbox.json("demo.json");
    let before = rating(&demo, "osei", "merrow", "fit.clinical.scripted_demo");
    assert_eq!(before["score"], 3);
    assert_eq!(before["revision"], 1);
    let row = records
        .iter()
        .position(|r| r[vendor] == "merrow" && r[requirement] == "fit.clinical.scripted_demo")
        .expect("the row");
    assert_eq!(records[row][score], "3");
    records[row][score] = "5".to_owned();
    sandbox.write("sheet.csv", &write_csv(&records));

    let (stdout, stderr) = sandbox.ok(&[
        "import-csv",
        "ratings",
        "demo.json",
        "sheet.csv",
        "-o",
        "rated.json",
    ]);
    assert_eq!(
        stdout,
        "wrote rated.json with 52 rating(s) from the sheet\n"
    );
    assert_eq!(stderr, "");
    let rated = sandbox.json("rated.json");
    let after = rating(&rated, "osei", "merrow", "fit.clinical.scripted_demo");
    assert_eq!(after["score"], 5.0);
    assert_eq!(
        after["revision"], 2,
        "a changed score gets the previous revision + 1"
    );
    assert_eq!(after["note"], before["note"]);

    // Every other rating is as it was.
    assert_eq!(ratings(&rated).len(), 156);
    for r in ratings(&demo) {
        let key = (
            r["evaluator"].as_str().unwrap(),
            r["vendor"].as_str().unwrap(),
            r["requirement"].as_str().unwrap(),
        );
        if key == ("osei", "merrow", "fit.clinical.scripted_demo") {
            continue;
        }
        let other = rating(&rated, key.0, key.1, key.2);
        assert_eq!(other["score"].as_f64(), r["score"].as_f64(), "{key:?}");
        assert_eq!(other["revision"], r["revision"], "{key:?}");
    }
    let (stdout, _) = sandbox.ok(&["validate", "rated.json"]);
    assert!(
        stdout.ends_with(", 156 ratings, checksum verified)\n"),
        "{stdout}"
    );
}

#[test]
fn a_bad_score_in_the_sheet_writes_nothing() {
    let sandbox = Sandbox::new("csv_scoring_sheet_bad");
    sandbox.demo("demo.json");
    sandbox.ok(&[
        "export-csv",
        "scoring-sheet",
        "demo.json",
        "--evaluator",
        "osei",
        "-o",
        "sheet.csv",
    ]);
    let mut records = parse_csv(&sandbox.read("sheet.csv"), ',');
    let score = column(&records[0], "score");
    records[2][score] = "9".to_owned();
    records[3][score] = "good".to_owned();
    sandbox.write("sheet.csv", &write_csv(&records));
    let (code, stdout, stderr) = sandbox.rfp(&[
        "import-csv",
        "ratings",
        "demo.json",
        "sheet.csv",
        "-o",
        "rated.json",
    ]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout, "");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(
        lines[0],
        "error: sheet.csv row 3, column \"score\": expected a score from 0 to 5, found \"9\""
    );
    assert!(
        lines[1].starts_with("error: sheet.csv row 4, column \"score\": "),
        "{stderr}"
    );
    assert_eq!(
        lines[2],
        "sheet.csv: 2 problem(s); nothing was written — fix them and run the import again"
    );
    assert!(!sandbox.exists("rated.json"));
}

#[test]
fn a_scoring_sheet_for_an_unknown_evaluator_fails() {
    let sandbox = Sandbox::new("csv_scoring_sheet_unknown");
    sandbox.demo("demo.json");
    let (code, stdout, stderr) = sandbox.rfp(&[
        "export-csv",
        "scoring-sheet",
        "demo.json",
        "--evaluator",
        "zed",
    ]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "demo.json: evaluators: no evaluator \"zed\" (hint: evaluators: osei, ortega, natarajan)\n"
    );
}

/// Every `--delimiter` an export takes, the imports read back: all the ratings of a scoring
/// sheet and every requirement of a list, without a remark.
#[test]
fn every_delimiter_imports_back() {
    let sandbox = Sandbox::new("csv_every_delimiter");
    sandbox.demo("demo.json");
    for delimiter in ["comma", "semicolon", "tab", "pipe"] {
        let sheet = format!("sheet-{delimiter}.csv");
        let args = ["--delimiter", delimiter, "-o", &sheet];
        sandbox.ok(&[
            &[
                "export-csv",
                "scoring-sheet",
                "demo.json",
                "--evaluator",
                "osei",
            ],
            &args[..],
        ]
        .concat());
        let (stdout, stderr) = sandbox.ok(&[
            "import-csv",
            "ratings",
            "demo.json",
            &sheet,
            "-o",
            "rated.json",
        ]);
        assert_eq!(
            stdout, "wrote rated.json with 52 rating(s) from the sheet\n",
            "{delimiter}"
        );
        assert_eq!(stderr, "", "{delimiter}");

        let list = format!("requirements-{delimiter}.csv");
        let args = ["--delimiter", delimiter, "-o", &list];
        sandbox.ok(&[&["export-csv", "requirements", "demo.json"], &args[..]].concat());
        let (stdout, stderr) =
            sandbox.ok(&["import-csv", "requirements", &list, "-o", "imported.json"]);
        assert!(
            stdout.starts_with("wrote imported.json with "),
            "{delimiter}: {stdout}"
        );
        assert_eq!(stderr, "", "{delimiter}");
    }
    assert!(
        sandbox
            .read("sheet-tab.csv")
            .starts_with("\u{feff}evaluator\tvendor_id\t")
    );
    assert!(
        sandbox
            .read("sheet-pipe.csv")
            .starts_with("\u{feff}evaluator|vendor_id|")
    );
}

#[test]
fn the_report_has_one_row_per_vendor() {
    let sandbox = Sandbox::new("csv_report");
    sandbox.demo("demo.json");
    let (report, stderr) = sandbox.ok(&["export-csv", "report", "demo.json"]);
    assert_eq!(stderr, "");
    assert!(report.starts_with("\u{feff}rank,vendor_id,vendor,total,status,"));
    let records = parse_csv(&report, ',');
    assert_eq!(records.len(), 1 + 4, "{report}");
    let ids: Vec<&str> = records[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(ids, ["cedarchart", "merrow", "driftmere", "quayline"]);
    // The same as `rfp score --csv`, and written to a file with -o.
    assert_eq!(sandbox.ok(&["score", "demo.json", "--csv"]).0, report);
    let (stdout, _) = sandbox.ok(&["export-csv", "report", "demo.json", "-o", "report.csv"]);
    assert_eq!(stdout, "");
    assert_eq!(sandbox.read("report.csv"), report);

    let (semicolon, _) = sandbox.ok(&[
        "export-csv",
        "report",
        "demo.json",
        "--delimiter",
        "semicolon",
    ]);
    // Numbers with a decimal comma, as spreadsheets set to one read them (21,776, not 19.054,
    // which they read as 21776); the same cells otherwise.
    assert!(semicolon.contains(";19,054;"), "{semicolon}");
    assert_eq!(with_decimal_points(parse_csv(&semicolon, ';')), records);
}

#[test]
fn text_that_looks_like_a_formula_is_defused() {
    let sandbox = Sandbox::new("csv_formula_injection");
    sandbox.demo("demo.json");
    let mut file = sandbox.json("demo.json");
    let vendor = &mut file["scorecard"]["vendors"][1];
    assert_eq!(vendor["id"], "cedarchart");
    vendor["name"] = Value::from("=HYPERLINK(\"x\")");
    file["scorecard"]["vendors"][0]["name"] = Value::from("@SUM(A1)");
    let note = &mut file["scorecard"]["ratings"][0];
    assert_eq!(note["evaluator"], "osei");
    assert_eq!(note["vendor"], "merrow");
    note["note"] = Value::from("-1+1 = trouble");
    sandbox.write_json("evil.json", &file);

    let (report, _) = sandbox.ok(&["export-csv", "report", "evil.json"]);
    assert!(
        report.contains("\r\n1,cedarchart,\"'=HYPERLINK(\"\"x\"\")\",89.2667,qualified,"),
        "{report}"
    );
    let records = parse_csv(&report, ',');
    let vendor = column(&records[0], "vendor");
    assert_eq!(records[1][vendor], "'=HYPERLINK(\"x\")");
    assert!(records[1][vendor].starts_with("'="));
    assert_eq!(records[2][vendor], "'@SUM(A1)");

    // The scoring sheet defuses names and notes too, and importing it back restores them.
    let (sheet, _) = sandbox.ok(&[
        "export-csv",
        "scoring-sheet",
        "evil.json",
        "--evaluator",
        "osei",
        "-o",
        "sheet.csv",
    ]);
    assert_eq!(sheet, "");
    let records = parse_csv(&sandbox.read("sheet.csv"), ',');
    let (name, note) = (column(&records[0], "vendor"), column(&records[0], "note"));
    assert_eq!(records[1][name], "'@SUM(A1)");
    assert_eq!(records[1][note], "'-1+1 = trouble");
    sandbox.ok(&[
        "import-csv",
        "ratings",
        "evil.json",
        "sheet.csv",
        "-o",
        "back.json",
    ]);
    let back = sandbox.json("back.json");
    let r = rating(&back, "osei", "merrow", "fit.clinical.scripted_demo");
    assert_eq!(r["note"], "-1+1 = trouble");
    assert_eq!(r["revision"], 1, "an unchanged rating keeps its revision");
}

/// The reproducer `import-vendor-nonlatin-name.sh`: a vendor named with no Latin letter once got
/// an empty id, and every command then refused the file.
#[test]
fn a_vendor_named_in_cyrillic_gets_a_valid_id() {
    let sandbox = Sandbox::new("csv_nonlatin_vendor");
    sandbox.write(
        "req.csv",
        "category,id,name,kind\r\nFit,fit.demo,Demo ran,yes_no\r\n",
    );
    sandbox.write("ans.csv", "requirement,answer,comment\r\nfit.demo,yes,\r\n");
    let (code, _, stderr) =
        sandbox.rfp(&["import-csv", "requirements", "req.csv", "-o", "card.json"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = sandbox.rfp(&[
        "import-csv",
        "answers",
        "card.json",
        "ans.csv",
        "--vendor",
        "Медицинские Системы",
        "-o",
        "card2.json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = sandbox.rfp(&["validate", "card2.json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let file: Value = serde_json::from_str(&sandbox.read("card2.json")).unwrap();
    assert_eq!(file["scorecard"]["vendors"][0]["id"], "vendor");
    assert_eq!(
        file["scorecard"]["vendors"][0]["name"],
        "Медицинские Системы"
    );
}

#[test]
fn weights_a_file_holds_import_from_a_sheet() {
    let sandbox = Sandbox::new("csv_weights_edge");
    sandbox.write(
        "req.csv",
        "category,id,name,kind,weight\r\nFit,a1,A,yes_no,1e308\r\nFit,a2,B,yes_no,1E+308\r\n\
         Fit,a3,C,yes_no,1e-320\r\n",
    );
    let (code, stdout, stderr) =
        sandbox.rfp(&["import-csv", "requirements", "req.csv", "-o", "card.json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, stdout, stderr) = sandbox.rfp(&["validate", "card.json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let file = sandbox.json("card.json");
    let weights: Vec<f64> = file["scorecard"]["criteria"][0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["weight"].as_f64().unwrap())
        .collect();
    assert_eq!(weights, [1e308, 1e308, 1e-320]);

    sandbox.write(
        "bad.csv",
        "category,id,name,kind,weight\r\nFit,a1,A,yes_no,1e400\r\n",
    );
    let (code, _, stderr) =
        sandbox.rfp(&["import-csv", "requirements", "bad.csv", "-o", "bad.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: bad.csv row 2, column \"weight\": expected a number, found \"1e400\", \
             which is too large\n"
        ),
        "{stderr}"
    );
    assert!(!sandbox.exists("bad.json"));
}

/// A scorecard whose categories are nested `levels` deep.
fn deep_scorecard(levels: usize) -> Value {
    let mut node = serde_json::json!({
        "id": "deep.onc", "name": "ONC certified", "scoring": {"yes_no": {}}
    });
    for level in (1..=levels).rev() {
        node = serde_json::json!({
            "id": format!("c{level}"), "name": format!("Level {level}"), "children": [node]
        });
    }
    serde_json::json!({
        "format": "rfp-scorecard",
        "schema_version": 3,
        "scorecard": {"meta": {"title": "Deep"}, "criteria": [node]}
    })
}

#[test]
fn a_deep_requirement_list_exports_and_imports_back() {
    let sandbox = Sandbox::new("csv_deep_categories");
    sandbox.write_json("deep.json", &deep_scorecard(40));
    sandbox.ok(&["validate", "deep.json"]);
    sandbox.ok(&["export-csv", "requirements", "deep.json", "-o", "deep.csv"]);
    let (stdout, _) = sandbox.ok(&["import-csv", "requirements", "deep.csv", "-o", "back.json"]);
    assert_eq!(stdout, "wrote back.json with 1 requirement(s)\n");
    sandbox.ok(&["validate", "back.json"]);
    let (again, _) = sandbox.ok(&["export-csv", "requirements", "back.json"]);
    assert_eq!(again, sandbox.read("deep.csv"));

    // Deeper than a file can hold: the file and the sheet are refused at the same limit.
    sandbox.write_json("deeper.json", &deep_scorecard(60));
    let (code, _, stderr) = sandbox.rfp(&["validate", "deeper.json"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("categories may be nested at most 59 levels deep"),
        "{stderr}"
    );
    let path: Vec<String> = (1..=60).map(|level| format!("L{level}")).collect();
    sandbox.write(
        "deeper.csv",
        &format!(
            "category,id,name,kind\n{},deep.r,Deep,yes_no\n",
            path.join(" > ")
        ),
    );
    let (code, _, stderr) = sandbox.rfp(&[
        "import-csv",
        "requirements",
        "deeper.csv",
        "-o",
        "deeper-sheet.json",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("with at most 59 levels, found 60 levels"),
        "{stderr}"
    );
    assert!(!sandbox.exists("deeper-sheet.json"));
}

/// A scorecard whose one choice has these option ids.
fn choice_scorecard(ids: &[&str]) -> Value {
    let options: Vec<Value> = ids
        .iter()
        .map(|id| serde_json::json!({"id": id, "points": 1}))
        .collect();
    serde_json::json!({
        "format": "rfp-scorecard",
        "schema_version": 3,
        "scorecard": {"meta": {"title": "Options"}, "criteria": [{
            "id": "fit", "name": "Fit", "children": [{
                "id": "fit.ch", "name": "Choice", "scoring": {"choice": {"options": options}}
            }]
        }]}
    })
}

#[test]
fn option_ids_a_sheet_cannot_carry_are_refused_in_the_file_too() {
    let sandbox = Sandbox::new("csv_option_ids");
    for (ids, said) in [
        (
            &["a", "A"][..],
            "option ids \"a\" and \"A\" differ only in case",
        ),
        (&["a:b"][..], "option id \"a:b\" holds \":\""),
    ] {
        sandbox.write_json("card.json", &choice_scorecard(ids));
        let (code, _, stderr) = sandbox.rfp(&["validate", "card.json"]);
        assert_eq!(code, 1, "{ids:?}");
        assert!(stderr.contains(said), "{stderr}");
    }
    sandbox.write(
        "options.csv",
        "category,id,name,kind,options\r\nFit,fit.ch,Choice,choice,a=1; A=2\r\n",
    );
    let (code, _, stderr) = sandbox.rfp(&[
        "import-csv",
        "requirements",
        "options.csv",
        "-o",
        "card.json",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "error: options.csv row 2, column \"options\": option ids \"a\" and \"A\" differ \
             only in case"
        ),
        "{stderr}"
    );

    // What the rule lets through exports and imports back.
    sandbox.write_json("card.json", &choice_scorecard(&["a", "B.2", "x-y_z"]));
    sandbox.ok(&["validate", "card.json"]);
    sandbox.ok(&[
        "export-csv",
        "requirements",
        "card.json",
        "-o",
        "options.csv",
    ]);
    sandbox.ok(&[
        "import-csv",
        "requirements",
        "options.csv",
        "-o",
        "back.json",
    ]);
    let (again, _) = sandbox.ok(&["export-csv", "requirements", "back.json"]);
    assert_eq!(again, sandbox.read("options.csv"));
    assert!(again.contains(",a=1; B.2=1; x-y_z=1,"), "{again}");
}

#[test]
fn an_id_the_file_would_refuse_is_refused_on_import() {
    let sandbox = Sandbox::new("csv_invisible_ids");
    sandbox.write(
        "req.csv",
        "category,id,name,kind\r\nFit,fit.a\u{202e},A,yes_no\r\nFit,fit.de\0mo,Demo ran,yes_no\r\n\
         Fit,fit.ok,B,yes_no\r\n",
    );
    let (code, stdout, stderr) =
        sandbox.rfp(&["import-csv", "requirements", "req.csv", "-o", "card.json"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    // The file's words for such an id (validate::id_problem), at the cell.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    for (line, place, character) in [
        (lines[0], "row 2", "(U+202E)"),
        (lines[1], "row 3", "(U+0000)"),
    ] {
        assert!(
            line.starts_with(&format!("error: req.csv {place}, column \"id\": the id ")),
            "{line}"
        );
        assert!(line.contains(character), "{line}");
    }
    assert_eq!(
        lines[2],
        "req.csv: 2 problem(s); nothing was written — fix them and run the import again"
    );
    assert!(!sandbox.exists("card.json"));
}

#[test]
fn category_names_that_make_one_id_are_not_merged() {
    let sandbox = Sandbox::new("csv_category_names_one_id");
    sandbox.write(
        "req.csv",
        "category,id,name,kind\r\nEHR & PM,a1,A,yes_no\r\nEHR PM,a2,B,yes_no\r\nehr-pm,a3,C,yes_no\r\n",
    );
    let (code, stdout, stderr) =
        sandbox.rfp(&["import-csv", "requirements", "req.csv", "-o", "card.json"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].starts_with(
            "error: req.csv row 3, column \"category\": category \"EHR PM\" gets the id \
             \"ehr_pm\", like the category \"EHR & PM\" on row 2; the row is ignored"
        ),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(
            "error: req.csv row 4, column \"category\": category \"ehr-pm\" gets the id \
             \"ehr_pm\", like the category \"EHR & PM\" on row 2; the row is ignored"
        ),
        "{stderr}"
    );
    assert!(!sandbox.exists("card.json"));
}

#[test]
fn two_categories_of_one_name_export_and_import_back() {
    let sandbox = Sandbox::new("csv_categories_one_name");
    let category = |id: &str, requirement: &str| {
        serde_json::json!({"id": id, "name": "Lab", "children": [
            {"id": requirement, "name": "", "scoring": {"yes_no": {}}}
        ]})
    };
    sandbox.write_json(
        "card.json",
        &serde_json::json!({
            "format": "rfp-scorecard",
            "schema_version": 3,
            "scorecard": {"meta": {"title": "Labs"}, "criteria": [
                category("lab1", "r1"), category("lab2", "r2")
            ]}
        }),
    );
    sandbox.ok(&["validate", "card.json"]);
    sandbox.ok(&["export-csv", "requirements", "card.json", "-o", "req.csv"]);
    let (stdout, stderr) =
        sandbox.ok(&["import-csv", "requirements", "req.csv", "-o", "back.json"]);
    assert_eq!(stdout, "wrote back.json with 2 requirement(s)\n");
    assert_eq!(stderr.matches(": no name").count(), 2, "{stderr}");
    sandbox.ok(&["validate", "back.json"]);
    let back = sandbox.json("back.json");
    let ids: Vec<&str> = back["scorecard"]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["lab1", "lab2"]);
}
