//! The corpus of bad inputs, `tests/data/bad/`: each file is something a committee could be
//! sent or could type — truncated, binary, deep, huge numbers, duplicate members and ids,
//! wrong types, a newer version, a checksum that does not match, injection strings, ragged or
//! ambiguous sheets — and `NAME.expected` is what the person is told, in rfp-core's words, one
//! remark a line. A bad input must be told at least one thing (one named `-fine` only looks
//! bad, and is told nothing); a changed message shows in the diff. `UPDATE_EXPECT=1` rewrites the expected files after a deliberate change; read the diff.
//!
//! The entry point comes from the name: `file-*.json` is opened as a scorecard file;
//! `requirements-*.csv`, `answers-*.csv` and `ratings-*.csv` are imported (the last two against
//! `_base.json`); `report-*.json` is a report handed back by a host, checked before export.

use rfp_core::csv_io::{self, CsvOptions};
use rfp_core::{Diagnostic, Report};

use crate::support::data_dir;

/// What the person is told about one input: what became of it, and every remark.
fn told(name: &str, text: &str, base: &rfp_core::Scorecard) -> (&'static str, Vec<Diagnostic>) {
    if name.starts_with("file-") {
        match rfp_core::load(text) {
            Err(error) => ("refused", error.diagnostics()),
            Ok(loaded) => ("opened", loaded.diagnostics),
        }
    } else if name.starts_with("requirements-") {
        (
            "imported",
            csv_io::import_requirements(name, text).diagnostics,
        )
    } else if name.starts_with("answers-") {
        let import = csv_io::import_answers(name, text, &base.criteria, None);
        ("imported", import.diagnostics)
    } else if name.starts_with("ratings-") {
        (
            "imported",
            csv_io::import_scoring_sheet(name, text, base, None).diagnostics,
        )
    } else if name.starts_with("report-") {
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(value) => value,
            Err(error) => {
                return (
                    "refused",
                    vec![Diagnostic::error("report", error.to_string())],
                );
            }
        };
        match rfp_core::file::decode::<Report>(value, "report") {
            Err(error) => ("refused", error.diagnostics()),
            Ok(report) => {
                let problems = report.shape_problems();
                if problems.is_empty() {
                    // Well formed: it exports (and must not panic doing so).
                    csv_io::export_report(&report, &CsvOptions::default());
                    ("exported", problems)
                } else {
                    ("refused", problems)
                }
            }
        }
    } else {
        panic!("{name}: name it file-, requirements-, answers-, ratings- or report-")
    }
}

#[test]
fn every_bad_input_is_told_what_and_where() {
    let dir = data_dir().join("bad");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let base_text = std::fs::read_to_string(dir.join("_base.json")).expect("_base.json");
    let base = rfp_core::load(&base_text)
        .expect("the base loads")
        .scorecard;
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.starts_with('_') && !name.ends_with(".expected")
        })
        .collect();
    inputs.sort();
    let mut differ = Vec::new();
    for input in &inputs {
        let name = input.file_name().and_then(|n| n.to_str()).expect("name");
        let text = String::from_utf8_lossy(&std::fs::read(input).expect("read")).into_owned();
        let (outcome, remarks) = told(name, &text, &base);
        // `-fine` marks an input that only looks bad (a formula as a name is text: exports
        // defuse it), taken without a remark.
        let fine = name.contains("-fine.");
        assert_eq!(
            remarks.is_empty(),
            fine,
            "{name}: told {remarks:?}; a bad input must be told something, a fine one nothing"
        );
        // Every place reads as a typed location and writes back as it was.
        for remark in &remarks {
            let written = remark.location.to_string();
            assert_eq!(
                rfp_core::location::Location::parse(&written),
                remark.location,
                "{name}"
            );
        }
        let actual: String = std::iter::once(format!("{outcome}\n"))
            .chain(remarks.iter().map(|d| format!("{d}\n")))
            .collect();
        let expected_path = input.with_file_name(format!("{name}.expected"));
        if update {
            std::fs::write(&expected_path, &actual).expect("write");
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != actual {
                differ.push(format!(
                    "{name}\n--- expected\n{expected}--- told\n{actual}"
                ));
            }
        }
    }
    assert!(
        inputs.len() >= 35,
        "the corpus holds {} inputs",
        inputs.len()
    );
    assert!(
        differ.is_empty(),
        "told otherwise than expected (UPDATE_EXPECT=1 rewrites after a deliberate change):\n{}",
        differ.join("\n")
    );
}

/// A problem's place said in the names a committee reads, for the scorecard it is about.
#[test]
fn places_are_said_in_names() {
    use rfp_core::location::Location;
    let text = std::fs::read_to_string(data_dir().join("golden/demo.json")).expect("demo");
    let mut card = rfp_core::load(&text).expect("loads").scorecard;
    card.criteria[0].children[0].weight = -1.0;
    card.ratings[0].score = 99.0;
    let rating = card.ratings[0].clone();
    let vendor_name = card
        .vendors
        .iter()
        .find(|v| v.id == rating.vendor)
        .expect("vendor")
        .name
        .clone();
    let evaluator_name = card
        .evaluators
        .iter()
        .find(|e| e.id == rating.evaluator)
        .expect("evaluator")
        .name
        .clone();
    let requirement_name = rfp_core::tree::find_criterion(&card.criteria, &rating.requirement)
        .expect("requirement")
        .name
        .clone();
    let said: Vec<String> = rfp_core::validate(&card)
        .iter()
        .filter(|d| d.severity == rfp_core::Severity::Error)
        .map(|d| d.location.describe(&card))
        .collect();
    let category = &card.criteria[0];
    assert!(
        said.contains(&format!(
            "{} › {}: weight",
            category.name, category.children[0].name
        )),
        "{said:?}"
    );
    assert!(
        said.contains(&format!(
            "{evaluator_name}'s rating of {vendor_name} on {requirement_name}: score"
        )),
        "{said:?}"
    );
    // As the command line writes a note: the place as written, then in names.
    let weight = rfp_core::validate(&card)
        .into_iter()
        .find(|d| matches!(&d.location, Location::Criterion { field, .. } if field == "weight"))
        .expect("the weight's problem");
    let written = rfp_core::location::with_names(&weight, &card);
    assert!(
        written.starts_with(&format!(
            "error: {} ({} › {}: weight): ",
            weight.location, category.name, category.children[0].name
        )),
        "{written}"
    );
    // The scorer's places name criteria by id.
    let first = &card.criteria[0].children[0];
    assert_eq!(
        Location::parse(&format!("category \"{}\"", card.criteria[0].id)).describe(&card),
        card.criteria[0].name
    );
    assert_eq!(
        Location::parse(&format!("requirement \"{}\"", first.id)).describe(&card),
        first.name
    );
    // A place the scorecard does not hold (another file's, or gone) is said as written.
    assert_eq!(
        Location::parse("ratings[100000].score").describe(&card),
        "ratings[100000].score"
    );
    assert_eq!(
        Location::parse("row 3, column 2").describe(&card),
        "row 3, column 2"
    );
}
