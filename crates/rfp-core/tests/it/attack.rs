//! Inputs that once ended badly (a panic, a dropped field, a refusal without a place, a wrong
//! total), each from its reproducer in `tests/data/repro/`, and the class each belongs to.

use rfp_core::csv_io::{self, CsvOptions};
use rfp_core::edit::answer_sheet;
use rfp_core::{Report, Severity};
use serde_json::Value;

use crate::support::data_dir;

fn repro(name: &str) -> String {
    std::fs::read_to_string(data_dir().join("repro").join(name)).expect("reproducer")
}

fn errors(diagnostics: &[rfp_core::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect()
}

#[test]
fn a_report_whose_rows_are_shorter_than_its_categories_is_named_and_exported_without_panic() {
    let report: Report =
        serde_json::from_str(&repro("fuzz-01-exportReport-short-report.json")).unwrap();
    assert_eq!(
        errors(&report.shape_problems()),
        [
            "vendors[0].category_points: expected 1 (one per category of the report), found 0",
            "vendors[0].category_shares: expected 1 (one per category of the report), found 0",
        ]
    );
    // The export itself reads no row past its end: the missing cell is left empty.
    let text = csv_io::export_report(&report, &CsvOptions::default());
    assert!(
        text.lines().nth(1).unwrap().contains(",qualified,,"),
        "{text}"
    );

    // A report made by scoring always fits together.
    let demo = std::fs::read_to_string(data_dir().join("golden/demo.json")).unwrap();
    let made = rfp_core::score(&rfp_core::load(&demo).unwrap().scorecard);
    assert!(made.shape_problems().is_empty());
    let mut cut = made.clone();
    cut.vendors[0].category_points.truncate(3);
    cut.requirements[0].category = Some(cut.categories.len());
    assert_eq!(errors(&cut.shape_problems()).len(), 2);
    csv_io::export_report(&cut, &CsvOptions::default());
}

#[test]
fn an_unknown_member_inside_a_linear_curve_survives_load_and_save() {
    let loaded = rfp_core::load(&repro("linear-curve-unknown-member.json")).unwrap();
    let saved = rfp_core::save(&loaded.scorecard).unwrap();
    assert!(saved.contains("\"x_note\""), "{saved}");
    // Scoring still reads the curve: 99.9 between 99.0 and 99.99.
    let total = rfp_core::score(&loaded.scorecard).vendors[0].total;
    assert!((total - 100.0 * 0.9 / 0.99).abs() < 1e-9, "{total}");
}

/// Every object of a file, one at a time, gets a member this version does not know; load →
/// save must keep it, wherever it is. (An object that names an enum's variant takes no member
/// besides it: there the file is refused, naming the place, and nothing is lost either.)
#[test]
fn an_unknown_member_survives_at_every_level_of_every_template() {
    let golden = |name: &str| std::fs::read_to_string(data_dir().join("golden").join(name));
    // The demo (every kind of record, large) one object in 7; the small files every object.
    let cards = [
        (golden("demo.json").unwrap(), 7),
        (golden("edge-cases.json").unwrap(), 1),
        (golden("flag-median-leniency.json").unwrap(), 1),
        (golden("ties-ahp.json").unwrap(), 1),
        (repro("linear-curve-unknown-member.json"), 1),
    ];
    for (text, stride) in cards {
        let value: Value = serde_json::from_str(&text).unwrap();
        let mut paths = Vec::new();
        object_paths(&value, &mut Vec::new(), &mut paths);
        let paths: Vec<Vec<String>> = paths.into_iter().step_by(stride).collect();
        let mut kept = 0;
        for path in &paths {
            let mut probe = value.clone();
            let Some(Value::Object(members)) = pointer_mut(&mut probe, path) else {
                unreachable!()
            };
            members.insert("x_probe".into(), Value::from(7_123_456));
            let probed = probe.to_string();
            match rfp_core::load(&probed) {
                Ok(loaded) => {
                    let saved = rfp_core::file::save_with_envelope(
                        &loaded.scorecard,
                        &loaded.envelope_extra,
                    )
                    .unwrap();
                    assert!(
                        saved.contains("7123456"),
                        "the member added at /{} was lost",
                        path.join("/")
                    );
                    kept += 1;
                }
                Err(error) => {
                    // Only an enum's one-member object may refuse it, and then by its place.
                    let mut original = value.clone();
                    let Some(Value::Object(members)) = pointer_mut(&mut original, path) else {
                        unreachable!()
                    };
                    let variant = members.keys().next().map(String::as_str).unwrap_or("");
                    assert!(
                        members.len() == 1 && ENUM_VARIANTS.contains(&variant),
                        "refused at /{}: {error}",
                        path.join("/")
                    );
                    assert!(!error.diagnostics().is_empty(), "{error}");
                }
            }
        }
        assert!(kept * 2 > paths.len(), "{kept} of {}", paths.len());
    }
}

/// The variants of the file's enums written as one-member objects (`{"linear": {…}}`).
const ENUM_VARIANTS: [&str; 11] = [
    "yes_no",
    "choice",
    "numeric",
    "rating",
    "price",
    "linear",
    "steps",
    "at_least",
    "at_most",
    "any_of",
    "price_answer",
];

fn object_paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(members) => {
            // `answers`, `extra`-like maps keyed by ids are data, not records: a new key there is
            // an answer to an unknown requirement, which is checked elsewhere.
            let keyed_by_id = at
                .last()
                .is_some_and(|k| matches!(k.as_str(), "answers" | "comments" | "swing" | "prices"));
            if !keyed_by_id {
                out.push(at.clone());
            }
            for (key, member) in members {
                at.push(key.clone());
                object_paths(member, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(i.to_string());
                object_paths(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn pointer_mut<'a>(value: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |value, key| match value {
        Value::Object(members) => members.get_mut(key),
        Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        _ => None,
    })
}

#[test]
fn weights_whose_sum_overflows_are_normalized() {
    let loaded = rfp_core::load(&repro("weights-sum-overflow.json")).unwrap();
    assert!(errors(&rfp_core::validate(&loaded.scorecard)).is_empty());
    let report = rfp_core::score(&loaded.scorecard);
    let totals: Vec<f64> = report.vendors.iter().map(|v| v.total).collect();
    assert_eq!(totals, [100.0, 0.0]);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("every weight is 0")),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(
        rfp_core::weighting::normalize(&[1e308, 1e308, 0.0]),
        Some(vec![0.5, 0.5, 0.0])
    );
}

#[test]
fn a_vendor_named_without_latin_letters_gets_a_valid_unique_id() {
    let requirements = "category,id,name,kind\r\nFit,fit.demo,Demo ran,yes_no\r\n";
    let mut card = rfp_core::Scorecard::default();
    card.criteria = csv_io::import_requirements("req.csv", requirements).criteria;
    // One vendor's sheet, named on the command line or in the page.
    for name in ["Медицинские Системы", "医療システム"] {
        let sheet = answer_sheet(
            &card,
            "ans.csv",
            "requirement,answer,comment\r\nfit.demo,yes,\r\n",
            Some(name),
        );
        assert!(
            errors(&sheet.diagnostics).is_empty(),
            "{:?}",
            sheet.diagnostics
        );
        card = rfp_core::edit::apply(&card, &sheet.edit.unwrap())
            .unwrap()
            .scorecard;
    }
    // A sheet with a column per vendor: two new non-Latin names, and one already there.
    let sheet = answer_sheet(
        &card,
        "all.csv",
        "requirement,Медицинские Системы,Другая Компания,Ещё Одна\r\nfit.demo,no,yes,yes\r\n",
        None,
    );
    assert!(
        errors(&sheet.diagnostics).is_empty(),
        "{:?}",
        sheet.diagnostics
    );
    card = rfp_core::edit::apply(&card, &sheet.edit.unwrap())
        .unwrap()
        .scorecard;
    let ids: Vec<(&str, &str)> = card
        .vendors
        .iter()
        .map(|v| (v.id.as_str(), v.name.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("vendor", "Медицинские Системы"),
            ("vendor_2", "医療システム"),
            ("vendor_3", "Другая Компания"),
            ("vendor_4", "Ещё Одна"),
        ]
    );
    assert_eq!(
        card.vendors[0].answers.get("fit.demo"),
        Some(&rfp_core::Answer::Bool(false)),
        "the existing vendor's answer is replaced"
    );
    assert!(errors(&rfp_core::validate(&card)).is_empty());
}

#[test]
fn categories_named_in_any_script_survive_export_and_import() {
    let loaded = rfp_core::load(&repro("export-import-nonlatin-category.json")).unwrap();
    let criteria = &loaded.scorecard.criteria;
    let text = csv_io::export_requirements(criteria, &CsvOptions::default());
    let back = csv_io::import_requirements("requirements.csv", &text);
    assert!(
        errors(&back.diagnostics).is_empty(),
        "{:?}",
        back.diagnostics
    );
    assert_eq!(&back.criteria, criteria);

    // Written by hand, without category rows: distinct categories, valid distinct ids.
    let sheet = "category,id,name,kind\r\nКлиническая работа,a,A,yes_no\r\nサポート,b,B,yes_no\r\n\
                 Клиническая работа,c,C,yes_no\r\n";
    let imported = csv_io::import_requirements("hand.csv", sheet);
    assert!(
        errors(&imported.diagnostics).is_empty(),
        "{:?}",
        imported.diagnostics
    );
    let ids: Vec<(&str, &str, usize)> = imported
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), c.children.len()))
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!((ids[0].1, ids[0].2), ("Клиническая работа", 2));
    assert_eq!((ids[1].1, ids[1].2), ("サポート", 1));
    assert!(ids[0].0.starts_with("category_") && ids[1].0.starts_with("category_"));
    assert_ne!(ids[0].0, ids[1].0);
}

#[test]
fn a_sheet_and_a_file_accept_the_same_rules_with_the_same_words() {
    for (name, column, message) in [
        (
            "import-scale-too-wide.csv",
            "scale",
            "the scale 0–200 has 201 levels; at most 101 are allowed",
        ),
        (
            "import-years-too-many.csv",
            "years",
            "expected 1 to 100 years of total cost of ownership, found 101",
        ),
    ] {
        let imported = csv_io::import_requirements(name, &repro(name));
        assert_eq!(
            errors(&imported.diagnostics),
            [format!("{name} row 2, column \"{column}\": {message}")],
        );
    }
}

#[test]
fn a_member_given_twice_is_refused_with_its_place() {
    let text = r#"{"format": "rfp-scorecard", "schema_version": 1,
        "scorecard": {"criteria": [{"id": "fit", "name": "Fit", "weight": 24, "weight": -5}]}}"#;
    let error = rfp_core::load(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 2, column 86: not valid JSON: the member \"weight\" is given twice in one object; \
         keep one of them"
    );
    let whole = r#"{"format": "rfp-scorecard", "schema_version": 1, "scorecard": {"meta": {}},
        "scorecard": {}}"#;
    assert!(
        rfp_core::load(whole)
            .unwrap_err()
            .to_string()
            .contains("\"scorecard\" is given twice")
    );
}

#[test]
fn a_refusal_says_its_first_problem_and_place_on_its_first_line() {
    let text = r#"{"format": "rfp-scorecard", "schema_version": 1, "scorecard": null}"#;
    let error = rfp_core::load(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "scorecard: expected an object, found null"
    );
    let text = r#"{"format": "rfp-scorecard", "schema_version": 1, "scorecard": {"criteria": [
        {"id": "a", "name": "A", "weight": "85k"}, {"id": "b", "name": "B", "weight": true}]}}"#;
    let error = rfp_core::load(text).unwrap_err();
    let first = error.to_string();
    let first = first.lines().next().unwrap();
    assert_eq!(
        first,
        "2 problems; the first: criteria[0].weight: expected a number, found \"85k\""
    );
}

/// A scorecard with `n` vendors that answer nothing (as `repro/many-vendors.py` writes).
fn with_vendors(n: usize) -> rfp_core::Scorecard {
    let mut card = crate::support::small_scorecard();
    card.ratings.clear();
    card.vendors = (0..n)
        .map(|i| rfp_core::Vendor {
            id: format!("v{i}"),
            name: format!("Vendor {i}"),
            ..Default::default()
        })
        .collect();
    card
}

#[test]
fn a_scorecard_too_large_to_work_with_is_refused_naming_its_size_and_the_limit() {
    use rfp_core::validate::MAX_VENDORS;
    // At the limit: valid and scored.
    let card = with_vendors(MAX_VENDORS);
    assert_eq!(errors(&rfp_core::validate(&card)), Vec::<String>::new());
    assert_eq!(rfp_core::score(&card).vendors.len(), MAX_VENDORS);

    // Past it (the reproducer's 100,000 vendors took 7 s and 2.9 GB to score): validate says
    // so, score does no work and says why, and a file of it is refused when opened.
    let card = with_vendors(100_000);
    let expected = ["vendors: 100,000 vendors; RFP Scorecard works with at most 1,000"];
    assert_eq!(errors(&rfp_core::validate(&card)), expected);
    let report = rfp_core::score(&card);
    assert!(report.vendors.is_empty() && report.requirements.is_empty());
    assert_eq!(errors(&report.diagnostics), expected);
    let text = rfp_core::save(&card).expect("save");
    let error = rfp_core::load(&text).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{} (hint: split the scorecard, or remove what it does not need)",
            expected[0]
        )
    );

    // Cells: within each limit, too many together.
    let mut card = with_vendors(200);
    let template = card.criteria[0].children[0].clone();
    card.criteria[0].children = (0..6_000)
        .map(|i| {
            let mut r = template.clone();
            r.id = format!("fit.r{i}");
            r
        })
        .collect();
    assert_eq!(
        errors(&rfp_core::validate(&card)),
        [
            "vendors: 1,200,200 cells (vendors × requirements); RFP Scorecard works with at most 1,000,000"
        ]
    );
}

#[test]
fn a_file_too_large_to_open_is_refused_before_it_is_read() {
    let limit = rfp_core::file::MAX_FILE_BYTES;
    let text = format!("{{\"pad\": \"{}\"}}", " ".repeat(limit));
    let error = rfp_core::load(&text).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("the file holds 65 MB; RFP Scorecard opens files of at most 64 MB"),
        "{error}"
    );
}

/// The reproducer's 40 MB file of a million vendors took a gigabyte and a second natively
/// (and more than the page has in wasm) before it was refused; a large file's lists are now
/// counted before anything is built from it, with the same refusal as a scorecard's.
#[test]
fn a_large_file_over_a_limit_is_refused_by_its_counts() {
    // One vendor's name is not text: read in full, the file would be refused for that first;
    // counted, it is refused for its size without being read further.
    let vendors: Vec<String> = (0..450_000)
        .map(|i| match i {
            7 => "{\"id\":\"v7\",\"name\":5}".to_owned(),
            _ => format!("{{\"id\":\"v{i}\",\"name\":\"Vendor {i}\"}}"),
        })
        .collect();
    let text = format!(
        "{{\"format\":\"{}\",\"schema_version\":2,\"scorecard\":{{\"meta\":{{\"title\":\"x\"}},\"criteria\":[],\"vendors\":[{}],\"ratings\":[]}}}}",
        rfp_core::file::FORMAT_ID,
        vendors.join(",")
    );
    assert!(text.len() > 16 << 20, "large enough to be counted first");
    let error = rfp_core::load(&text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "vendors: 450,000 vendors; RFP Scorecard works with at most 1,000 (hint: split the \
         scorecard, or remove what it does not need)"
    );
    // Requirements are counted through the tree, with the same words.
    let guidance = "g".repeat(1_500);
    let requirements: Vec<String> = (0..12_000)
        .map(|i| format!("{{\"id\":\"r{i}\",\"name\":\"R\",\"weight\":1,\"guidance\":\"{guidance}\",\"scoring\":{{\"yes_no\":{{}}}}}}"))
        .collect();
    let tree = format!(
        "{{\"format\":\"{}\",\"schema_version\":2,\"scorecard\":{{\"criteria\":[{{\"id\":\"c\",\"name\":5,\"weight\":1,\"children\":[{}]}}]}}}}",
        rfp_core::file::FORMAT_ID,
        requirements.join(",")
    );
    assert!(tree.len() > 16 << 20, "large enough to be counted first");
    assert_eq!(
        rfp_core::load(&tree).unwrap_err().to_string(),
        "criteria: 12,000 requirements; RFP Scorecard works with at most 10,000 (hint: split the \
         scorecard, or remove what it does not need)"
    );
    // A small file of the same kind is read in full (and refused for the name first).
    let small = text.replacen(
        &vendors[1_001..].join(","),
        "{\"id\":\"last\",\"name\":\"Last\"}",
        1,
    );
    assert!(small.len() < 16 << 20);
    assert!(
        rfp_core::load(&small)
            .unwrap_err()
            .to_string()
            .starts_with("vendors[7].name: expected text, found 5"),
    );
    // The counts only refuse: a large file within the limits (1,000 vendors with long
    // comments) opens as any other.
    let comment = "x".repeat(17_000);
    let vendors: Vec<String> = (0..1_000)
        .map(|i| format!("{{\"id\":\"v{i}\",\"name\":\"Vendor {i}\",\"comments\":{{\"note\":\"{comment}\"}}}}"))
        .collect();
    let within = text.replacen(
        &text[text.find("\"vendors\":").expect("vendors")
            ..text.find(",\"ratings\"").expect("ratings")],
        &format!("\"vendors\":[{}]", vendors.join(",")),
        1,
    );
    assert!(within.len() > 16 << 20, "large enough to be counted first");
    let loaded = rfp_core::load(&within).expect("opens");
    assert_eq!(loaded.scorecard.vendors.len(), 1_000);
}

#[test]
fn the_semicolon_report_writes_decimals_as_its_readers_read_them() {
    // What the `;` export wrote before (repro/semicolon-report-de.sh): decimal points, read by
    // a spreadsheet set to a decimal comma as numbers 1000× too large (21.776 → 21776).
    let before = repro("semicolon-report-demo.csv");
    let text = std::fs::read_to_string(data_dir().join("golden/demo.json")).expect("demo");
    let report = rfp_core::score(&rfp_core::load(&text).expect("loads").scorecard);
    let options = CsvOptions {
        delimiter: rfp_core::csv_io::Delimiter::Semicolon,
        ..CsvOptions::default()
    };
    let now = csv_io::export_report(&report, &options);
    let decimal = |cell: &str, mark: char| {
        cell.split_once(mark).is_some_and(|(int, frac)| {
            !int.is_empty()
                && int
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && !frac.is_empty()
                && frac.bytes().all(|b| b.is_ascii_digit())
        })
    };
    let (mut points, mut commas) = (0, 0);
    for (old, new) in before.lines().zip(now.lines()).skip(1) {
        for (old, new) in old.split(';').zip(new.split(';')) {
            if decimal(old, '.') {
                points += 1;
                assert_eq!(new, old.replace('.', ","));
                commas += 1;
            } else {
                assert_eq!(new, old);
            }
        }
    }
    assert_eq!((points, commas), (44, 44), "every decimal of the four rows");
    // The importers read a `;` sheet the same way: a scoring sheet exported so comes back.
    let card = rfp_core::load(&text).expect("loads").scorecard;
    let evaluator = &card.evaluators[0].id;
    let sheet = csv_io::export_scoring_sheet(&card, evaluator, &options).expect("a sheet");
    let back = csv_io::import_scoring_sheet("sheet.csv", &sheet, &card, None);
    assert_eq!(errors(&back.diagnostics), Vec::<String>::new());
}

#[test]
fn an_altered_returned_file_is_held_back_unless_the_chair_accepts_it() {
    use rfp_core::merge::{FileVerdict, ReturnedFile, merge_files, packet};
    let text = std::fs::read_to_string(data_dir().join("golden/demo.json")).expect("demo");
    let base = rfp_core::load(&text).expect("loads").scorecard;
    let osei = rfp_core::save(&packet(&base, "osei").expect("packet")).expect("save");
    // A raised revision written by hand, the checksum left as it was.
    let mut json: Value = serde_json::from_str(&osei).expect("json");
    let ratings = json["scorecard"]["ratings"]
        .as_array_mut()
        .expect("ratings");
    ratings[0]["revision"] = Value::from(7);
    let altered = serde_json::to_string(&json).expect("json");
    let file = |text, accept_altered| ReturnedFile {
        name: "osei-back.json",
        text,
        accept_altered,
    };

    let held = merge_files(&base, &[file(&altered, false)]);
    assert!(!held.all_merged());
    assert!(held.outcome.is_none(), "nothing merged");
    let FileVerdict::Altered(why) = &held.files[0].1 else {
        panic!("{:?}", held.files)
    };
    assert_eq!(why.location, "checksum");

    let accepted = merge_files(&base, &[file(&altered, true), file(&osei, false)]);
    assert_eq!(
        accepted
            .files
            .iter()
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>(),
        [FileVerdict::MergedAltered, FileVerdict::Merged]
    );
    let outcome = accepted.outcome.expect("merged");
    assert_eq!(outcome.diagnostics[0].location, "osei-back.json");
    assert!(
        outcome.diagnostics[0]
            .message
            .contains("the chair accepted it")
    );
    assert_eq!(outcome.updated, 1);

    // An intact file needs no acceptance; a broken one is refused with its place.
    let fine = merge_files(&base, &[file(&osei, false)]);
    assert_eq!(fine.files[0].1, FileVerdict::Merged);
    assert_eq!(fine.outcome.expect("merged").updated, 0);
    let broken = merge_files(&base, &[file("{\"format\": ", false)]);
    assert!(
        matches!(&broken.files[0].1, FileVerdict::Refused(d) if d[0].message.contains("not valid JSON")),
        "{:?}",
        broken.files
    );
}

#[test]
fn a_rating_at_the_highest_revision_is_not_changed_into_a_silent_tie() {
    let mut card = crate::support::small_scorecard();
    card.ratings[0].revision = u32::MAX;
    // A scoring sheet that changes it: refused at its cell, not saturated to the same revision.
    let options = CsvOptions::default();
    let sheet = csv_io::export_scoring_sheet(&card, "e1", &options)
        .expect("a sheet")
        .replacen(",4,", ",3,", 1);
    let back = csv_io::import_scoring_sheet("sheet.csv", &sheet, &card, None);
    let errors = errors(&back.diagnostics);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("sheet.csv row 2, column \"score\": the rating is at revision 4294967295, the highest there is"),
        "{errors:?}"
    );
    // The same through an edit.
    let mut session = rfp_core::edit::Session::new(card);
    let refused = session
        .apply(&rfp_core::edit::Edit::Rate {
            evaluator: "e1".into(),
            vendor: "acme".into(),
            requirement: "fit.demo".into(),
            score: 3.0,
            note: String::new(),
            at: None,
        })
        .unwrap_err();
    assert!(
        refused.message.contains("the highest there is"),
        "{refused:?}"
    );
}

#[test]
fn a_merge_conflict_in_an_unknown_member_alone_says_what_differs() {
    let base = crate::support::small_scorecard();
    let mut a = base.clone();
    a.ratings[0].revision = 2;
    a.ratings[0]
        .extra
        .insert("x_device".into(), Value::from("tablet"));
    let mut b = base.clone();
    b.ratings[0].revision = 2;
    let outcome = rfp_core::merge(&base, &[("a.json", &a), ("b.json", &b)]).expect("merges");
    assert_eq!(outcome.conflicts.len(), 1);
    let message = outcome
        .diagnostics
        .iter()
        .find(|d| d.message.contains("different values"))
        .expect("the conflict is reported")
        .message
        .clone();
    assert_eq!(
        message,
        "2 different values at revision 2: 4 (note: \"\"; other fields: none) and 4 (note: \"\"; \
         other fields: x_device: \"tablet\")"
    );
}

#[test]
fn ids_a_spreadsheet_turned_into_numbers_are_found_again() {
    let mut card = crate::support::small_scorecard();
    let rename = |card: &mut rfp_core::Scorecard, from: &str, to: &str| {
        for r in &mut card.ratings {
            if &*r.vendor == from {
                r.vendor = to.into();
            }
            if &*r.evaluator == from {
                r.evaluator = to.into();
            }
            if &*r.requirement == from {
                r.requirement = to.into();
            }
        }
    };
    card.vendors[0].id = "0042".into();
    rename(&mut card, "acme", "0042");
    card.evaluators[0].id = "007".into();
    rename(&mut card, "e1", "007");
    card.criteria[0].children[0].id = "1.10".into();
    rename(&mut card, "fit.demo", "1.10");
    assert_eq!(errors(&rfp_core::validate(&card)), Vec::<String>::new());
    let sheet =
        csv_io::export_scoring_sheet(&card, "007", &CsvOptions::default()).expect("a sheet");
    // Saved back by a spreadsheet that read the ids as numbers.
    let saved = sheet
        .replace(",0042,", ",42,")
        .replace("007,", "7,")
        .replace(",1.10,", ",1.1,");
    assert_ne!(saved, sheet);
    let back = csv_io::import_scoring_sheet("sheet.csv", &saved, &card, None);
    assert_eq!(errors(&back.diagnostics), Vec::<String>::new());
    let warned: Vec<&str> = back
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("turned into numbers"))
        .map(|d| d.message.split('"').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(warned, ["evaluator", "requirement_id", "vendor_id"]);
    let original = csv_io::import_scoring_sheet("sheet.csv", &sheet, &card, None);
    assert_eq!(back.ratings, original.ratings);
    assert!(
        back.ratings
            .iter()
            .any(|r| &*r.vendor == "0042" && &*r.evaluator == "007")
    );

    // A vendor's answer sheet saved the same way: its requirement ids are found again too.
    let mut card = card.clone();
    card.criteria[0].children[1].id = "2.10".into();
    let answers = "requirement,answer,comment\r\n2.1,yes,\r\n";
    let read = rfp_core::edit::answer_sheet(&card, "answers.csv", answers, Some("New EHR"));
    assert_eq!(errors(&read.diagnostics), Vec::<String>::new());
    assert!(
        read.diagnostics
            .iter()
            .any(|d| d.message.contains("turned into numbers")),
        "{:?}",
        read.diagnostics
    );
    let answered = rfp_core::edit::apply(&card, &read.edit.expect("an edit"))
        .expect("applied")
        .scorecard;
    let new = answered.vendors.last().expect("the new vendor");
    assert!(new.answers.contains_key("2.10"), "{:?}", new.answers);

    // Two ids that read as the same number: no guess.
    card.vendors[1].id = "042".into();
    let ambiguous = csv_io::import_scoring_sheet("sheet.csv", &saved, &card, None);
    assert!(
        errors(&ambiguous.diagnostics)
            .iter()
            .any(|e| e.contains("expected a vendor id of the scorecard, found \"42\"")),
        "{:?}",
        ambiguous.diagnostics
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// An id made from any name — any script, control characters, nothing but punctuation — is
    /// valid and unique: vendors, evaluators and criteria added by name keep the scorecard valid.
    #[test]
    fn ids_made_from_any_name_are_valid_and_unique(
        names in proptest::collection::vec(proptest::prelude::any::<String>(), 1..6)
    ) {
        use rfp_core::edit::{Edit, apply};
        let mut card = crate::support::small_scorecard();
        for name in &names {
            let name = if name.trim().is_empty() { format!("x{name}") } else { name.clone() };
            for edit in [
                Edit::AddVendor { name: name.clone(), id: None },
                Edit::AddEvaluator { name: name.clone(), role: String::new() },
                Edit::AddCriterion { parent: Some("fit".into()), name: name.clone(), kind: "yes_no".into() },
            ] {
                let applied = apply(&card, &edit).map_err(|e| {
                    proptest::test_runner::TestCaseError::fail(format!("{edit:?}: {e:?}"))
                })?;
                card = applied.scorecard;
            }
        }
        proptest::prop_assert_eq!(errors(&rfp_core::validate(&card)), Vec::<String>::new());
        for id in card.vendors.iter().map(|v| &v.id).chain(card.evaluators.iter().map(|e| &e.id)) {
            proptest::prop_assert!(
                !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
                "{id:?}"
            );
        }
    }
}

#[test]
fn a_move_to_the_largest_place_there_is_is_refused_not_overflowed() {
    // Found by the fuzzer: the refusal's one-based place overflowed.
    let mut session = rfp_core::edit::Session::new(crate::support::small_scorecard());
    let edit: rfp_core::edit::Edit =
        serde_json::from_str(r#"{"op":"move_criterion","id":"fit","to":18446744073709551615}"#)
            .expect("an edit");
    let refused = session.apply(&edit).unwrap_err();
    assert_eq!(
        refused.message,
        "There are 2 criteria at this level; place 18446744073709551616 is past the end."
    );
}

#[test]
fn a_semicolon_requirement_list_with_three_decimals_imports_back_as_itself() {
    let mut card = crate::support::small_scorecard();
    card.criteria[0].weight = 2.375;
    card.criteria[0].children[0].weight = 0.125;
    if let Some(rfp_core::Scoring::Price(rule)) = &mut card.criteria[1].children[0].scoring {
        rule.escalation_percent = 2.125;
    }
    let options = CsvOptions {
        delimiter: rfp_core::csv_io::Delimiter::Semicolon,
        ..CsvOptions::default()
    };
    let sheet = csv_io::export_requirements(&card.criteria, &options);
    assert!(sheet.contains(";2,375;"), "{sheet}");
    let back = csv_io::import_requirements("req.csv", &sheet);
    assert_eq!(errors(&back.diagnostics), Vec::<String>::new());
    let weights = |c: &[rfp_core::Criterion]| (c[0].weight, c[0].children[0].weight);
    assert_eq!(weights(&back.criteria), (2.375, 0.125));
}

#[test]
fn ids_that_look_alike_or_cannot_be_typed_are_refused() {
    let refused = |id: &str| {
        let mut card = crate::support::small_scorecard();
        card.vendors[1].id = id.into();
        // (Bolt's ratings name it by its old id: those problems are not the point.)
        let mut problems = errors(&rfp_core::validate(&card));
        problems.retain(|p| p.starts_with("vendors[1]"));
        problems
    };
    // `acme` beside `acme` with an invisible character, or a space of another kind: each
    // would be a second vendor no one can tell from the first.
    for (id, says) in [
        ("acme\u{200d}", "invisible or control character (U+200D)"),
        ("\u{200c}acme", "invisible or control character (U+200C)"),
        ("acme\u{3164}", "invisible or control character (U+3164)"),
        ("acme\u{e0041}", "invisible or control character (U+E0041)"),
        ("acme\u{fe0f}", "invisible or control character (U+FE0F)"),
        ("ac\u{034f}me", "invisible or control character (U+034F)"),
        ("acme\u{202e}", "invisible or control character (U+202E)"),
        ("acme\u{0}", "invisible or control character (U+0000)"),
        ("ac\u{a0}me", "a space other than the plain one (U+00A0)"),
        ("acme\u{3000}x", "a space other than the plain one (U+3000)"),
        ("acme ", "begins or ends with a space"),
        (" acme", "begins or ends with a space"),
        (
            "acme\u{301}",
            "writes an accent as a character of its own (U+0301)",
        ),
    ] {
        let problems = refused(id);
        assert_eq!(problems.len(), 1, "{id:?}: {problems:?}");
        assert!(
            problems[0].starts_with("vendors[1].id: the id ") && problems[0].contains(says),
            "{id:?}: {problems:?}"
        );
    }
    // What names need: a joiner between letters of a script written with them (Persian,
    // Devanagari), their combining vowel signs, accented letters, spaces inside.
    for id in [
        "می\u{200c}خواهم",
        "क्\u{200d}ष",
        "हिन्दी",
        "école",
        "Ещё",
        "acme clinical",
        "fit.demo-2_b",
    ] {
        assert_eq!(refused(id), Vec::<String>::new(), "{id:?}");
    }
}

#[test]
fn a_one_vendor_sheet_for_an_id_no_file_takes_is_refused() {
    let requirements = "category,id,name,kind\r\nFit,fit.demo,Demo ran,yes_no\r\n";
    let criteria = csv_io::import_requirements("req.csv", requirements).criteria;
    let sheet = "requirement,answer\r\nfit.demo,yes\r\n";
    for (id, says) in [
        ("", "vendor.id: the vendor's id is empty"),
        ("  ", "vendor.id: the vendor's id is empty"),
        (
            "acme\u{202e}",
            "vendor.id: the id \"acme\\u{202e}\" holds an invisible",
        ),
    ] {
        let import = csv_io::import_answers("a.csv", sheet, &criteria, Some((id, "Acme")));
        assert!(import.vendors.is_empty(), "{id:?}");
        let said = errors(&import.diagnostics);
        assert!(
            said.len() == 1 && said[0].starts_with(says),
            "{id:?}: {said:?}"
        );
    }
    let fine = csv_io::import_answers("a.csv", sheet, &criteria, Some(("acme", "Acme")));
    assert_eq!(fine.vendors.len(), 1);
    assert!(errors(&fine.diagnostics).is_empty());
}

#[test]
fn an_answer_sheets_cost_lines_that_overflow_are_refused_at_their_cell() {
    let requirements = "category,id,name,kind,years\r\nCost,cost.tco,TCO,price,5\r\n";
    let criteria = csv_io::import_requirements("req.csv", requirements).criteria;
    let import = csv_io::import_answers(
        "a.csv",
        "requirement,answer\r\ncost.tco,one_time=1e308; recurring=1e308\r\n",
        &criteria,
        Some(("acme", "Acme")),
    );
    assert_eq!(
        errors(&import.diagnostics),
        [
            "a.csv row 2, column \"answer\": the cost lines add up to more than a number can hold \
          over 5 year(s)"
        ]
    );
    assert!(import.vendors.iter().all(|v| v.answers.is_empty()));
}

#[test]
fn a_units_odd_text_is_quoted_in_a_message_and_a_plain_one_is_not() {
    let refusal = |unit: &str| {
        let file = serde_json::json!({
            "format": "rfp-scorecard",
            "schema_version": 3,
            "scorecard": {
                "criteria": [{
                    "id": "r", "name": "Response", "weight": 1,
                    "scoring": {"numeric": {
                        "better": "lower", "unit": unit,
                        "curve": {"linear": {"best": 1, "worst": 10}}
                    }}
                }],
                "vendors": [{"id": "a", "name": "A", "answers": {"r": "soon"}}]
            }
        });
        let loaded = rfp_core::load(&file.to_string()).expect("loads");
        rfp_core::validate(&loaded.scorecard)
            .into_iter()
            .find(|d| d.location == "vendors[0].answers.r")
            .expect("the answer is refused")
            .message
    };
    for plain in [
        "minutes",
        "encounters/day",
        "$ millions",
        "% a year",
        "минут",
    ] {
        assert_eq!(
            refusal(plain),
            format!("expected a number of {plain}, found \"soon\"")
        );
    }
    assert_eq!(refusal(""), "expected a number of units, found \"soon\"");
    // A unit holding a quote, a direction control, a line break or a page of text (the load
    // fuzzer's inputs) is quoted and cut, as a message quotes typed text.
    assert_eq!(
        refusal("a \"b\"\u{202E}\nc"),
        "expected a number of \"a \\\"b\\\"\\u{202e}\\nc\", found \"soon\""
    );
    let long = "0-200,000.5%u8,5".repeat(10);
    let message = refusal(&long);
    assert!(
        message.starts_with("expected a number of \"0-200,000.5%u8,5")
            && message.ends_with("…, found \"soon\""),
        "{message}"
    );
}
