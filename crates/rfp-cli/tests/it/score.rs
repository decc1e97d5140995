//! `rfp score`: the ranking as text, JSON and CSV.

use serde_json::Value;

use crate::{Sandbox, parse_csv, squeezed_lines, with_decimal_points, workspace};

/// The demo's report as `rfp score --json` prints it.
fn demo_report(sandbox: &Sandbox) -> Value {
    let (stdout, stderr) = sandbox.ok(&["score", "--json"]);
    assert_eq!(stderr, "");
    serde_json::from_str(&stdout).expect("`rfp score --json` prints JSON")
}

#[test]
fn score_without_a_file_ranks_the_demo() {
    let sandbox = Sandbox::new("score_demo_text");
    let (code, stdout, stderr) = sandbox.rfp(&["score"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(stderr, "");
    let lines = squeezed_lines(&stdout);
    assert_eq!(
        lines[0],
        "Small primary care (1–5 providers) — EHR selection template"
    );
    assert!(
        lines.contains(&"Rank Vendor Total Status".to_owned()),
        "{stdout}"
    );
    let rank_one: Vec<&String> = lines.iter().filter(|l| l.starts_with("1 ")).collect();
    assert_eq!(rank_one, ["1 CedarChart 89.3 qualified"], "{stdout}");

    // Quayline EHR fails the uptime gate: ranked last, knocked out, with the reason below it.
    let quayline = lines
        .iter()
        .position(|l| l.starts_with("4 Quayline EHR"))
        .unwrap_or_else(|| panic!("no Quayline EHR line:\n{stdout}"));
    assert_eq!(lines[quayline], "4 Quayline EHR 60.6 knocked out");
    assert_eq!(
        lines[quayline + 1],
        "gate \"Guaranteed monthly uptime\": 99.2% is below the required 99.5%"
    );
    assert_eq!(
        stdout.matches("knocked out").count(),
        1,
        "only Quayline EHR is knocked out:\n{stdout}"
    );
    assert!(
        stdout.ends_with(
            "This is the built-in demo. `rfp demo -o demo.json` writes it to a file you can \
             edit; `rfp score demo.json` scores your copy.\n"
        ),
        "{stdout}"
    );
}

#[test]
fn score_text_shows_every_vendor_of_the_json_report() {
    let sandbox = Sandbox::new("score_text_vs_json");
    let report = demo_report(&sandbox);
    let (stdout, _) = sandbox.ok(&["score"]);
    let lines = squeezed_lines(&stdout);
    let vendors = report["vendors"].as_array().expect("vendors");
    assert_eq!(vendors.len(), 4);
    for vendor in vendors {
        let status = match vendor["status"].as_str().expect("status") {
            "qualified" => "qualified",
            "knocked_out" => "knocked out",
            other => panic!("unexpected status {other}"),
        };
        let line = format!(
            "{} {} {:.1} {status}",
            vendor["rank"],
            vendor["name"].as_str().expect("name"),
            vendor["total"].as_f64().expect("total")
        );
        assert!(lines.contains(&line), "no line {line:?} in\n{stdout}");
    }
    // Disagreements are said in names a board reads, not ids.
    let disagreement = &report["disagreements"][0];
    let name_of = |list: &str, key: &str, id: &Value| {
        report[list]
            .as_array()
            .expect("list")
            .iter()
            .find(|x| x[key] == *id)
            .and_then(|x| x["name"].as_str())
            .expect("named")
            .to_owned()
    };
    let said = format!(
        "- {} on {}:",
        name_of("vendors", "vendor_id", &disagreement["vendor_id"]),
        name_of("requirements", "id", &disagreement["requirement_id"])
    );
    assert!(stdout.contains(&said), "no {said:?} in\n{stdout}");
}

#[test]
fn score_json_is_the_report() {
    let sandbox = Sandbox::new("score_json");
    let report = demo_report(&sandbox);
    assert_eq!(report["vendors"][0]["rank"], 1);
    assert_eq!(report["vendors"][0]["vendor_id"], "cedarchart");
    assert_eq!(report["vendors"][0]["name"], "CedarChart");
    assert_eq!(report["vendors"][0]["status"], "qualified");
    let quayline = &report["vendors"][3];
    assert_eq!(quayline["vendor_id"], "quayline");
    assert_eq!(quayline["status"], "knocked_out");
    assert_eq!(quayline["rank"], 4);
}

/// Every golden scorecard scored by the command gives exactly its golden report, numbers and
/// all: the command passes the core's report through unchanged.
#[test]
fn score_json_of_each_golden_scorecard_equals_its_golden_report() {
    let sandbox = Sandbox::new("score_golden");
    let dir = workspace().join("tests/data/golden");
    let mut cases = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/golden")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".report.json")
        })
        .collect();
    names.sort();
    for path in names {
        let expected_path = path.with_extension("report.json");
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expected_path).expect("read the golden report"),
        )
        .expect("golden report is JSON");
        let (stdout, _) = sandbox.ok(&["score", path.to_str().expect("UTF-8 path"), "--json"]);
        let got: Value = serde_json::from_str(&stdout).expect("report is JSON");
        assert!(
            got == expected,
            "{} scored by `rfp score --json` differs from {}",
            path.display(),
            expected_path.display()
        );
        cases += 1;
    }
    assert!(cases >= 4, "golden cases: {cases}");
    // And the demo with no file is the small primary-care template. (The golden demo is that
    // template as the first release wrote it, in schema version 1: it keeps its report while the
    // template grows.)
    sandbox.copy_from_workspace("rfp-templates/small-primary-care.json");
    let (stdout, _) = sandbox.ok(&["score", "rfp-templates/small-primary-care.json", "--json"]);
    let expected: Value = serde_json::from_str(&stdout).expect("report is JSON");
    assert!(demo_report(&sandbox) == expected);
}

#[test]
fn score_csv_has_a_bom_and_one_row_per_vendor() {
    let sandbox = Sandbox::new("score_csv");
    let (stdout, stderr) = sandbox.ok(&["score", "--csv"]);
    assert_eq!(stderr, "");
    assert!(stdout.starts_with("\u{feff}rank,vendor_id,vendor,total,status,"));
    assert!(stdout.ends_with("\r\n"));
    assert_eq!(stdout.matches("\r\n").count(), stdout.matches('\n').count());
    let records = parse_csv(&stdout, ',');
    assert_eq!(records.len(), 5, "{stdout}");
    let header = &records[0];
    assert_eq!(header.last().map(String::as_str), Some("knockout_reason"));
    assert_eq!(
        records[1][..5],
        ["1", "cedarchart", "CedarChart", "89.2667", "qualified"]
    );
    assert_eq!(
        records[4][..5],
        ["4", "quayline", "Quayline EHR", "60.5578", "knocked out"]
    );
    assert_eq!(
        records[4].last().map(String::as_str),
        Some("Guaranteed monthly uptime: 99.2% is below the required 99.5%")
    );
    for record in &records {
        assert_eq!(record.len(), header.len(), "{record:?}");
    }
}

#[test]
fn score_csv_with_semicolons() {
    let sandbox = Sandbox::new("score_csv_semicolon");
    let (stdout, _) = sandbox.ok(&["score", "--csv", "--delimiter", "semicolon"]);
    assert!(stdout.starts_with("\u{feff}rank;vendor_id;vendor;total;status;"));
    let comma = parse_csv(&sandbox.ok(&["score", "--csv"]).0, ',');
    let semicolon = parse_csv(&stdout, ';');
    assert_eq!(
        with_decimal_points(semicolon.clone()),
        comma,
        "the same cells, only the delimiter and the decimal mark differ"
    );
    assert!(semicolon.iter().all(|r| r.len() == 18), "{semicolon:?}");

    let (no_bom, _) = sandbox.ok(&["score", "--csv", "--no-bom"]);
    assert!(no_bom.starts_with("rank,vendor_id,vendor,total,status,"));
}

#[test]
fn score_details_lists_requirement_scores() {
    let sandbox = Sandbox::new("score_details");
    let (stdout, _) = sandbox.ok(&["score", "--details"]);
    assert!(
        stdout.contains("\nRequirement scores (0–1; * consensus, ~ evaluators, - missing)\n"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("sla.uptime Guaranteed monthly uptime")),
        "{stdout}"
    );
}

#[test]
fn score_weights_shows_every_method_side_by_side() {
    let sandbox = Sandbox::new("score_weights");
    sandbox.copy_from_workspace("tests/data/golden/ties-ahp.json");
    let (stdout, stderr) = sandbox.ok(&["score", "tests/data/golden/ties-ahp.json", "--weights"]);
    assert_eq!(stderr, "");
    let lines = squeezed_lines(&stdout);
    let top = lines
        .iter()
        .position(|l| l == "Top level")
        .expect("a top-level table");
    assert_eq!(lines[top + 1], "direct ROC *AHP SWING");
    assert_eq!(lines[top + 2], "Interoperability 33.3 61.1 40.0 —");
    assert_eq!(lines[top + 3], "Support SLA 33.3 27.8 20.0 —");
    assert_eq!(lines[top + 4], "Specialty fit 33.3 11.1 40.0 —");
    assert_eq!(
        lines[top + 5],
        "AHP consistency ratio 0.000 (random index: Saaty 1980)"
    );
}

#[test]
fn analyse_says_how_robust_the_winner_is_in_names() {
    let sandbox = Sandbox::new("analyse");
    let (stdout, stderr) = sandbox.ok(&["analyse"]);
    assert_eq!(stderr, "");
    assert!(
        stdout.starts_with("CedarChart leads Merrow Health Systems by 13.5 points"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Category shares at which the winner changes:"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("merrow") && !stdout.contains("fit.clinical"),
        "names, not ids:\n{stdout}"
    );
    let (json, _) = sandbox.ok(&["analyse", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["winner"]["vendor_id"], "cedarchart");
    assert_eq!(value["smaa"]["options"]["draws"], 10_000);
    assert!(
        stdout.contains(
            "CedarChart is first in 100% of 10,000 weight draws within ±25% of the chosen weights"
        ),
        "{stdout}"
    );
    let (uniform, _) = sandbox.ok(&[
        "analyse", "--spread", "uniform", "--draws", "2000", "--seed", "3",
    ]);
    assert!(
        uniform.contains("of 2,000 weight draws over every possible split"),
        "{uniform}"
    );
    // The committee drawn too: each draw scored by a random half of those who rated.
    let (halves, _) = sandbox.ok(&["analyse", "--committees", "20", "--draws", "2000", "--json"]);
    let halves: serde_json::Value = serde_json::from_str(&halves).expect("JSON");
    assert_eq!(halves["smaa"]["resampled"]["committees"], 20);
    assert!(
        halves["smaa"]["sentence"]
            .as_str()
            .is_some_and(|s| s.contains("each scored by one of 20 random halves of the committee")),
        "{}",
        halves["smaa"]["sentence"]
    );
    let (code, _, stderr) = sandbox.rfp(&["analyse", "--committees", "5000"]);
    assert_eq!(code, 1);
    assert!(
        stderr
            .starts_with("--committees: expected 0 (the committee as it is) or 2 to 1,000 halves"),
        "{stderr}"
    );
    let (code, _, stderr) = sandbox.rfp(&["analyse", "--spread", "lots"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("--spread: expected a percentage"),
        "{stderr}"
    );
    assert!(value["weights"].as_array().is_some_and(|w| !w.is_empty()));
}

#[test]
fn memo_writes_the_board_memo_in_markdown() {
    let sandbox = Sandbox::new("memo");
    let (stdout, _) = sandbox.ok(&["memo", "--date", "2026-12-05"]);
    assert!(stdout.starts_with("# Decision memo: "), "{stdout}");
    assert!(stdout.contains("**CedarChart** ranks first"), "{stdout}");
    let (stdout, _) = sandbox.ok(&["memo", "-o", "memo.md", "--date", "2026-12-05"]);
    assert!(sandbox.read("memo.md").contains("## Ranking"));
    let _ = stdout;
    // A name ending in .html: the page to print, with the same words.
    sandbox.ok(&["memo", "-o", "Memo.HTML", "--date", "2026-12-05"]);
    let page = sandbox.read("Memo.HTML");
    assert!(page.starts_with("<!doctype html>"), "{page}");
    assert!(page.contains("<h2>Ranking</h2>"));
    assert!(page.contains("<p><strong>CedarChart</strong> ranks first"));
    // Not a date, or a day no calendar has.
    for date in ["5 Dec", "2026-13-45", "2026-02-30", "0000-00-00"] {
        let (code, _, stderr) = sandbox.rfp(&["memo", "--date", date]);
        assert_eq!(code, 1);
        assert_eq!(
            stderr,
            format!(
                "--date: \"{date}\" is not a date: write it as 2026-11-21 (year, month, day)\n"
            )
        );
    }
    // Today, when no date is given.
    let (stdout, _) = sandbox.ok(&["memo"]);
    let line = stdout.lines().nth(2).expect("the date line");
    assert!(
        line.len() >= 10 && line.as_bytes()[4] == b'-' && line.starts_with("20"),
        "{line}"
    );
}
