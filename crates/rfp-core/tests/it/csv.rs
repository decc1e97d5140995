//! CSV import and export: requirement lists, vendor answers, scoring sheets, safe writing.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rfp_core::csv_io::{
    Cell, CsvOptions, Delimiter, export_scoring_sheet, import_answers, import_requirements,
    import_scoring_sheet, neutralize, slug, write_csv,
};
use rfp_core::tree::find_requirement;
use rfp_core::typed::format_number;
use rfp_core::{
    Anchor, Answer, Better, ChoiceOption, ChoiceRule, CostLine, Criterion, Curve, Diagnostic,
    Evaluator, Extra, Gate, NumericRule, PriceAnswer, PriceFormula, PriceRule, Rating, RatingRule,
    Scorecard, Scoring, Severity, Step, Vendor, YesNoRule,
};

const HEADER: &str = "category,id,name,kind,weight,guidance,gate,unit,better,worst,best,steps,\
                      options,scale,anchors,formula,years,escalation";

const REQUIREMENTS_EXAMPLE: &str =
    include_str!("../../../../rfp-templates/csv/requirements-example.csv");
const ANSWERS_EXAMPLE: &str = include_str!("../../../../rfp-templates/csv/answers-example.csv");

/// A requirement list with the full header and these data lines.
fn sheet(lines: &[&str]) -> String {
    let mut text = HEADER.to_owned();
    for line in lines {
        text.push('\n');
        text.push_str(line);
    }
    text.push('\n');
    text
}

fn errors(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn locations(diagnostics: &[Diagnostic], severity: Severity) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.location.to_string())
        .collect()
}

/// Every requirement of a tree, depth-first.
fn requirements(criteria: &[Criterion]) -> Vec<&Criterion> {
    let mut out = Vec::new();
    for criterion in criteria {
        if criterion.is_requirement() {
            out.push(criterion);
        }
        out.extend(requirements(&criterion.children));
    }
    out
}

fn option(id: &str, points: f64, label: &str) -> ChoiceOption {
    ChoiceOption {
        id: id.to_owned(),
        label: label.to_owned(),
        points,
        meets: false,
        extra: Extra::new(),
    }
}

fn choice(options: Vec<ChoiceOption>, multiple: bool) -> Scoring {
    Scoring::Choice(ChoiceRule {
        options,
        multiple,
        extra: Extra::new(),
    })
}

fn numeric(unit: &str, better: Better, curve: Curve) -> Scoring {
    Scoring::Numeric(NumericRule {
        unit: unit.to_owned(),
        better,
        curve,
        extra: Extra::new(),
    })
}

fn rating(min: i32, max: i32, anchors: &[(i32, &str)]) -> Scoring {
    Scoring::Rating(RatingRule {
        min,
        max,
        anchors: anchors
            .iter()
            .map(|&(level, description)| Anchor {
                level,
                description: description.to_owned(),
                extra: Default::default(),
            })
            .collect(),
        extra: Extra::new(),
    })
}

fn price(formula: PriceFormula, years: u32, escalation_percent: f64) -> Scoring {
    Scoring::Price(PriceRule {
        formula,
        years,
        escalation_percent,
        extra: Extra::new(),
    })
}

fn yes_no() -> Scoring {
    Scoring::YesNo(YesNoRule::default())
}

// ------------------------------------------------------------------------------------------------
// Requirement lists
// ------------------------------------------------------------------------------------------------

/// One data line in, one requirement out, no diagnostics.
fn check_requirement(line: &str, expected: Criterion) {
    let import = import_requirements("requirements.csv", &sheet(&[line]));
    assert!(
        import.diagnostics.is_empty(),
        "{line}\n{:#?}",
        import.diagnostics
    );
    let found = requirements(&import.criteria);
    assert_eq!(found, vec![&expected], "{line}");
}

#[test]
fn every_kind_and_every_gate_is_parsed() {
    let epcs = vec![
        option("epcs", 3.0, "EPCS included"),
        option("addon", 2.0, "EPCS add-on: extra fee"),
        option("none", 0.0, ""),
    ];
    let cases: Vec<(&str, Criterion)> = vec![
        (
            "A,r.yes,ONC certified,yes_no,,,,,,,,,,,,,,",
            Criterion::requirement("r.yes", "ONC certified", 1.0, yes_no()),
        ),
        (
            "A,r.req,ONC certified,YES_NO,2.5,Ask for the CHPL id,Required,,,,,,,,,,,",
            Criterion::requirement("r.req", "ONC certified", 2.5, yes_no())
                .with_gate(Gate::Required)
                .with_guidance("Ask for the CHPL id"),
        ),
        (
            "A,r.choice,E-prescribing,choice,3,,\"any of: epcs, EPCS add-on: extra fee\",,,,,,\
             epcs=3:EPCS included; addon=2:EPCS add-on: extra fee; none=0,,,,,",
            Criterion::requirement(
                "r.choice",
                "E-prescribing",
                3.0,
                choice(epcs.clone(), false),
            )
            .with_gate(Gate::AnyOf(vec!["epcs".into(), "addon".into()])),
        ),
        (
            "A,r.multi,Lab interfaces,multi_choice,1,,any of: quest,,,,,,quest=1;hosp=2:Hospital,,,,,",
            Criterion::requirement(
                "r.multi",
                "Lab interfaces",
                1.0,
                choice(
                    vec![option("quest", 1.0, ""), option("hosp", 2.0, "Hospital")],
                    true,
                ),
            )
            .with_gate(Gate::AnyOf(vec!["quest".into()])),
        ),
        (
            "A,r.uptime,Uptime,numeric,3,,at least 99.5,%,higher,99.0,99.99,,,,,,,",
            Criterion::requirement(
                "r.uptime",
                "Uptime",
                3.0,
                numeric("%", Better::Higher, Curve::linear(99.0, 99.99)),
            )
            .with_gate(Gate::AtLeast(99.5)),
        ),
        (
            "A,r.sev1,Sev-1 response,numeric,3,,at most 240,minutes,Lower,,,15:1; 60:0.5; 240:0.2,,,,,,",
            Criterion::requirement(
                "r.sev1",
                "Sev-1 response",
                3.0,
                numeric(
                    "minutes",
                    Better::Lower,
                    Curve::Steps(vec![
                        Step {
                            at: 15.0,
                            score: 1.0,
                            extra: Default::default(),
                        },
                        Step {
                            at: 60.0,
                            score: 0.5,
                            extra: Default::default(),
                        },
                        Step {
                            at: 240.0,
                            score: 0.2,
                            extra: Default::default(),
                        },
                    ]),
                ),
            )
            .with_gate(Gate::AtMost(240.0)),
        ),
        (
            "A,r.weeks,Weeks to go-live,numeric,1,,,weeks,lower,52,16,,,,,,,",
            Criterion::requirement(
                "r.weeks",
                "Weeks to go-live",
                1.0,
                numeric("weeks", Better::Lower, Curve::linear(52.0, 16.0)),
            ),
        ),
        (
            "A,r.templates,Specialty templates,rating,3,,at least 2,,,,,,,,\
             0=No evidence; 3=Some=partial; 5=Complete,,,",
            Criterion::requirement(
                "r.templates",
                "Specialty templates",
                3.0,
                rating(
                    0,
                    5,
                    &[(0, "No evidence"), (3, "Some=partial"), (5, "Complete")],
                ),
            )
            .with_gate(Gate::AtLeast(2.0)),
        ),
        (
            "A,r.training,Training plan,rating,1,,,,,,,,,1 - 10,,,,",
            Criterion::requirement("r.training", "Training plan", 1.0, rating(1, 10, &[])),
        ),
        (
            "A,r.tco,Five-year TCO,price,1,,,,,,,,,,,,,",
            Criterion::requirement(
                "r.tco",
                "Five-year TCO",
                1.0,
                price(PriceFormula::LowestRatio, 5, 0.0),
            ),
        ),
        (
            "A,r.tco2,Three-year TCO,price,1,,\"at most $1,000,000\",,,,,,,,,linear,3,2.5%",
            Criterion::requirement(
                "r.tco2",
                "Three-year TCO",
                1.0,
                price(PriceFormula::Linear, 3, 2.5),
            )
            .with_gate(Gate::AtMost(1_000_000.0)),
        ),
    ];
    for (line, expected) in cases {
        check_requirement(line, expected);
    }
}

#[test]
fn a_gate_that_does_not_fit_the_kind_is_an_error() {
    // (kind, gate, the cells from unit to escalation, what the message says)
    let cases = [
        (
            "yes_no",
            "at least 3",
            ",,,,,,,,,,",
            "does not fit a yes_no requirement",
        ),
        (
            "numeric",
            "required",
            ",higher,0,10,,,,,,,",
            "does not fit a numeric requirement",
        ),
        (
            "rating",
            "at most 3",
            ",,,,,,,,,,",
            "does not fit a rating requirement",
        ),
        ("rating", "at least 7", ",,,,,,,,,,", "on the scale 0-5"),
        (
            "price",
            "at least 5",
            ",,,,,,,,,,",
            "does not fit a price requirement",
        ),
        ("choice", "any of: x", ",,,,,a=1;b=2,,,,,", "\"x\""),
        (
            "multi_choice",
            "required",
            ",,,,,a=1,,,,,",
            "does not fit a multi_choice requirement",
        ),
        (
            "yes_no",
            "maybe later",
            ",,,,,,,,,,",
            "expected \"required\"",
        ),
        (
            "numeric",
            "at least ten",
            ",higher,0,10,,,,,,,",
            "expected a number after \"at least\"",
        ),
        (
            "category",
            "required",
            ",,,,,,,,,,",
            "a category row takes no gate",
        ),
    ];
    for (kind, gate, rest, message) in cases {
        let line = format!("A,r1,Requirement,{kind},1,,{gate},{rest}");
        let import = import_requirements("requirements.csv", &sheet(&[&line]));
        let errors = errors(&import.diagnostics);
        assert_eq!(errors.len(), 1, "{line}: {:#?}", import.diagnostics);
        assert_eq!(
            errors[0].location,
            "requirements.csv row 2, column \"gate\""
        );
        assert!(
            errors[0].message.contains(message),
            "{line}: {}",
            errors[0].message
        );
        assert!(import.criteria.is_empty(), "{line}");
    }
}

#[test]
fn every_bad_cell_is_reported_at_once_and_good_rows_are_kept() {
    let text = sheet(&[
        "A,r1,Good one,yes_no,,,,,,,,,,,,,,",
        "A,r2,Bad weight,yes_no,ten,,,,,,,,,,,,,",
        "A,r3,Good two,yes_no,,,,,,,,,,,,,,",
        "",
        "A,r4,Bad kind,yesno?,,,,,,,,,,,,,,",
        "A,r5,Bad options and gate,choice,,,any of: zz,,,,,,a=one,,,,,",
        "A,r6,Bad numeric,numeric,-1,,,,sideways,5,,,,,,,,",
        "A,r7,Good three,rating,,,,,,,,,,,,,,",
    ]);
    let import = import_requirements("requirements.csv", &text);
    let errors: Vec<(String, String)> = errors(&import.diagnostics)
        .into_iter()
        .map(|d| (d.location.to_string(), d.message.clone()))
        .collect();
    let expected = [
        (
            "requirements.csv row 3, column \"weight\"",
            "expected a number, found \"ten\"",
        ),
        (
            "requirements.csv row 6, column \"kind\"",
            "expected yes_no, choice, multi_choice, numeric, rating, price or category, found \"yesno?\"",
        ),
        (
            "requirements.csv row 7, column \"options\"",
            "expected points (a number ≥ 0) for option \"a\", found \"one\"",
        ),
        (
            "requirements.csv row 8, column \"weight\"",
            "expected a number ≥ 0, found \"-1\"",
        ),
        (
            "requirements.csv row 8, column \"better\"",
            "expected \"higher\" or \"lower\", found \"sideways\"",
        ),
        (
            "requirements.csv row 8, column \"best\"",
            "expected a number (best goes with worst), found an empty cell",
        ),
    ];
    assert_eq!(
        errors,
        expected
            .iter()
            .map(|(l, m)| (l.to_string(), m.to_string()))
            .collect::<Vec<_>>()
    );
    let ids: Vec<&str> = requirements(&import.criteria)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["r1", "r3", "r7"]);
    // The weight error says what was expected and found, with the place, in one line.
    assert_eq!(
        import.diagnostics[0].to_string(),
        "error: requirements.csv row 3, column \"weight\": expected a number, found \"ten\""
    );
}

#[test]
fn categories_are_built_in_first_seen_order_with_slug_ids() {
    let text = sheet(&[
        "Integrations > Laboratory,lab.quest,Quest interface,yes_no,,,,,,,,,,,,,,",
        "Clinical,clin.erx,E-prescribing,yes_no,,,,,,,,,,,,,,",
        "Integrations,int.hie,HIE connection,yes_no,2,,,,,,,,,,,,,",
        "Integrations > Laboratory,,,category,3,Lab orders and results,,,,,,,,,,,,",
        "Intégrations & Co > Imaging (PACS),img.pacs,PACS link,yes_no,,,,,,,,,,,,,,",
        "Integrations,,Integrations,category,40,,,,,,,,,,,,,",
    ]);
    let import = import_requirements("requirements.csv", &text);
    assert!(import.diagnostics.is_empty(), "{:#?}", import.diagnostics);
    let top: Vec<(&str, &str, f64)> = import
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), c.weight))
        .collect();
    assert_eq!(
        top,
        [
            ("integrations", "Integrations", 40.0),
            ("clinical", "Clinical", 1.0),
            ("integrations_co", "Intégrations & Co", 1.0),
        ]
    );
    let integrations = &import.criteria[0];
    let children: Vec<&str> = integrations
        .children
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(children, ["integrations.laboratory", "int.hie"]);
    let lab = &integrations.children[0];
    assert_eq!(lab.name, "Laboratory");
    assert_eq!(lab.weight, 3.0);
    assert_eq!(lab.guidance, "Lab orders and results");
    assert_eq!(lab.children[0].id, "lab.quest");
    assert_eq!(
        import.criteria[2].children[0].id,
        "integrations_co.imaging_pacs"
    );
    assert!(find_requirement(&import.criteria, "img.pacs").is_some());
    assert!(find_requirement(&import.criteria, "integrations").is_none());
}

#[test]
fn slugs() {
    for (text, expected) in [
        ("Integrations > Laboratory", "integrations_laboratory"),
        ("Vendor B", "vendor_b"),
        ("  Früh & Söhne GmbH ", "fruh_sohne_gmbh"),
        ("EHR/PM 2.0", "ehr_pm_2_0"),
        ("already_a_slug", "already_a_slug"),
        ("***", ""),
        // No letter is dropped: accents written apart, Vietnamese letters, ligatures,
        // fullwidth forms, the dotted capital I.
        ("Ẵcme", "acme"),
        ("Ae\u{301}rocare", "aerocare"),
        ("Nguyễn Hòa", "nguyen_hoa"),
        ("ﬁx ﬂow", "fix_flow"),
        ("１２３ Ｍｅｄ", "123_med"),
        ("İstanbul", "istanbul"),
        ("Łódź Ĳssel Ħal Ŧest", "lodz_ijssel_hal_test"),
        ("Ştiinţă și Țară", "stiinta_si_tara"),
    ] {
        assert_eq!(slug(text), expected, "{text:?}");
    }
}

#[test]
fn header_problems() {
    // Unknown column: one warning, the rows still import.
    let text = "category,id,name,kind,Notes,weight\nA,r1,One,yes_no,ask Sam,2\n";
    let import = import_requirements("req.csv", text);
    assert_eq!(
        locations(&import.diagnostics, Severity::Warning),
        ["req.csv row 1, column \"Notes\""]
    );
    assert!(errors(&import.diagnostics).is_empty());
    assert_eq!(requirements(&import.criteria)[0].weight, 2.0);

    // Missing required columns: one error each, nothing imported.
    let import = import_requirements("req.csv", "category,name,weight\nA,One,2\n");
    let messages: Vec<&str> = errors(&import.diagnostics)
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "expected a column named \"id\" in the header, found none",
            "expected a column named \"kind\" in the header, found none"
        ]
    );
    assert!(import.criteria.is_empty());

    // Header names ignore case, spaces and column order.
    let import = import_requirements("req.csv", " KIND , Name,ID,Category \nyes_no,One,r1,A\n");
    assert!(import.diagnostics.is_empty(), "{:#?}", import.diagnostics);
    assert_eq!(requirements(&import.criteria)[0].id, "r1");

    // An empty sheet.
    let import = import_requirements("req.csv", "\u{feff}\n\n");
    assert_eq!(locations(&import.diagnostics, Severity::Error), ["req.csv"]);
}

#[test]
fn semicolon_delimiter_bom_and_blank_lines() {
    let text = "\u{feff}category;id;name;kind;weight;options\r\n\
                Clinical;r1;\"Alerts; tunable\";yes_no;1.5;\r\n\
                \r\n\
                Clinical;r2;E-prescribing;choice;;\"epcs=3:EPCS; none=0\"\r\n\
                Clinical;r3;Comma;yes_no;1,5;\r\n\
                Clinical;r4;Ambiguous;yes_no;1.125;\r\n";
    let import = import_requirements("req.csv", text);
    let found = requirements(&import.criteria);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].name, "Alerts; tunable");
    assert_eq!(found[0].weight, 1.5);
    assert_eq!(
        found[1].scoring,
        Some(choice(
            vec![option("epcs", 3.0, "EPCS"), option("none", 0.0, "")],
            false
        ))
    );
    // A sheet separated by semicolons takes a decimal comma (as spreadsheets set to one write
    // it); a lone point still reads as a decimal point where it cannot separate thousands.
    assert_eq!(found[2].weight, 1.5);
    // The blank line counts as a row, as in a spreadsheet; `1.125` could be either.
    let errors = errors(&import.diagnostics);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location, "req.csv row 6, column \"weight\"");
    assert_eq!(
        errors[0].hint,
        "a comma marks decimals in a sheet separated by semicolons, and a point may separate \
         thousands: write 1125 or 1,125, whichever is meant"
    );
}

#[test]
fn duplicate_ids_are_an_error_naming_both_rows() {
    let text = sheet(&[
        "A,r1,One,yes_no,,,,,,,,,,,,,,",
        "A,r2,Two,yes_no,,,,,,,,,,,,,,",
        "B,r1,Again,yes_no,,,,,,,,,,,,,,",
        "A,,,category,2,,,,,,,,,,,,,",
        "A,,,category,3,,,,,,,,,,,,,",
        "B,b,Clashes with category B,yes_no,,,,,,,,,,,,,,",
    ]);
    let import = import_requirements("requirements.csv", &text);
    let errors: Vec<(String, String)> = errors(&import.diagnostics)
        .into_iter()
        .map(|d| (d.location.to_string(), d.message.clone()))
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_eq!(errors[0].0, "requirements.csv row 4, column \"id\"");
    assert_eq!(
        errors[0].1,
        "requirement id \"r1\" is already used on row 2; ids must be unique"
    );
    assert_eq!(errors[1].0, "requirements.csv row 6, column \"category\"");
    assert!(errors[1].1.contains("row 5"), "{}", errors[1].1);
    assert_eq!(errors[2].0, "requirements.csv row 7, column \"id\"");
    assert!(errors[2].1.contains("also the id of a category"));
    let ids: Vec<&str> = requirements(&import.criteria)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["r1", "r2"]);
    assert_eq!(import.criteria[0].weight, 2.0);
}

#[test]
fn cells_that_do_not_apply_are_warnings() {
    let text = sheet(&["A,r1,One,yes_no,,,,minutes,,,,,a=1,,,,,"]);
    let import = import_requirements("requirements.csv", &text);
    assert_eq!(
        locations(&import.diagnostics, Severity::Warning),
        [
            "requirements.csv row 2, column \"unit\"",
            "requirements.csv row 2, column \"options\""
        ]
    );
    assert_eq!(requirements(&import.criteria).len(), 1);
}

#[test]
fn the_example_sheets_import_without_problems() {
    let import = import_requirements("requirements-example.csv", REQUIREMENTS_EXAMPLE);
    assert!(import.diagnostics.is_empty(), "{:#?}", import.diagnostics);
    let found = requirements(&import.criteria);
    assert!(found.len() >= 12);
    let mut kinds: Vec<&str> = found
        .iter()
        .filter_map(|c| c.scoring.as_ref().map(Scoring::kind_name))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "choice",
            "multi_choice",
            "numeric",
            "price",
            "rating",
            "yes_no"
        ]
    );
    let sev1 = find_requirement(&import.criteria, "svc.sev1_response").unwrap();
    assert_eq!(
        sev1.scoring,
        Some(numeric(
            "minutes",
            Better::Lower,
            Curve::Steps(vec![
                Step {
                    at: 15.0,
                    score: 1.0,
                    extra: Default::default()
                },
                Step {
                    at: 60.0,
                    score: 0.5,
                    extra: Default::default()
                },
                Step {
                    at: 240.0,
                    score: 0.2,
                    extra: Default::default()
                },
            ])
        ))
    );
    let uptime = find_requirement(&import.criteria, "svc.uptime").unwrap();
    assert_eq!(uptime.gate, Some(Gate::AtLeast(99.5)));
    let onc = find_requirement(&import.criteria, "int.onc_certified").unwrap();
    assert_eq!(onc.gate, Some(Gate::Required));
    // `epcs_included=3 meets:…`: the options that meet the requirement are marked.
    let erx = find_requirement(&import.criteria, "int.eprescribing")
        .or_else(|| find_requirement(&import.criteria, "clin.eprescribing"))
        .unwrap();
    let Some(Scoring::Choice(rule)) = &erx.scoring else {
        panic!("a choice")
    };
    assert_eq!(rule.meeting_options(), ["epcs_included", "epcs_addon"]);
    assert_eq!(rule.options[0].label, "EPCS included in the subscription");
    assert!(
        !rule.options[2].meets,
        "E-prescribing without EPCS does not meet it"
    );

    let answers = import_answers(
        "answers-example.csv",
        ANSWERS_EXAMPLE,
        &import.criteria,
        None,
    );
    assert!(answers.diagnostics.is_empty(), "{:#?}", answers.diagnostics);
    assert_eq!(answers.vendors.len(), 3);
    for vendor in &answers.vendors {
        assert!(vendor.answers.len() >= 9, "{}", vendor.name);
    }
}

// ------------------------------------------------------------------------------------------------
// Vendor answers
// ------------------------------------------------------------------------------------------------

fn answer_criteria() -> Vec<Criterion> {
    let import = import_requirements(
        "requirements.csv",
        &sheet(&[
            "A,yn,Yes or no,yes_no,,,,,,,,,,,,,,",
            "A > B,erx,E-prescribing,choice,,,,,,,,,epcs=3:EPCS included; addon=2:EPCS add-on; none=0,,,,,",
            "A > B,labs,Labs,multi_choice,,,,,,,,,quest=1:Quest; hosp=1:Hospital lab; poc=1,,,,,",
            "C,uptime,Uptime,numeric,,,,%,higher,99,99.99,,,,,,,",
            "C,tco,TCO,price,,,,,,,,,,,,,,",
            "C,demo,Demo,rating,,,,,,,,,,,,,,",
        ]),
    );
    assert!(import.diagnostics.is_empty(), "{:#?}", import.diagnostics);
    import.criteria
}

/// One answer cell for one requirement, read through a one-vendor sheet.
fn check_answer(requirement: &str, cell: &str, expected: Result<Option<Answer>, &str>) {
    let criteria = answer_criteria();
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(["requirement", "answer"]).unwrap();
    writer.write_record([requirement, cell]).unwrap();
    let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let import = import_answers("acme.csv", &text, &criteria, Some(("acme", "Acme")));
    let vendor = &import.vendors[0];
    match expected {
        Ok(answer) => {
            assert!(
                errors(&import.diagnostics).is_empty(),
                "{cell:?}: {:#?}",
                import.diagnostics
            );
            assert_eq!(vendor.answers.get(requirement).cloned(), answer, "{cell:?}");
        }
        Err(message) => {
            let errors = errors(&import.diagnostics);
            assert_eq!(errors.len(), 1, "{cell:?}: {:#?}", import.diagnostics);
            assert_eq!(errors[0].location, "acme.csv row 2, column \"answer\"");
            assert!(
                errors[0].message.contains(message),
                "{cell:?}: {}",
                errors[0].message
            );
            assert!(vendor.answers.is_empty());
        }
    }
}

#[test]
fn answer_cells_by_kind() {
    let number = |n: f64| Ok(Some(Answer::Number(n)));
    let list = |ids: &[&str]| {
        Ok(Some(Answer::List(
            ids.iter().map(|s| s.to_string()).collect(),
        )))
    };
    type Case<'a> = (&'a str, &'a str, Result<Option<Answer>, &'a str>);
    let cases: Vec<Case> = vec![
        ("yn", "Yes", Ok(Some(Answer::Bool(true)))),
        ("yn", "y", Ok(Some(Answer::Bool(true)))),
        ("yn", "TRUE", Ok(Some(Answer::Bool(true)))),
        ("yn", "1", Ok(Some(Answer::Bool(true)))),
        ("yn", "no", Ok(Some(Answer::Bool(false)))),
        ("yn", "N", Ok(Some(Answer::Bool(false)))),
        ("yn", "false", Ok(Some(Answer::Bool(false)))),
        ("yn", "0", Ok(Some(Answer::Bool(false)))),
        ("yn", "maybe", Err("expected yes or no, found \"maybe\"")),
        ("yn", "", Ok(None)),
        ("erx", "epcs", Ok(Some(Answer::Text("epcs".into())))),
        ("erx", "ADDON", Ok(Some(Answer::Text("addon".into())))),
        (
            "erx",
            "epcs included",
            Ok(Some(Answer::Text("epcs".into()))),
        ),
        (
            "erx",
            "fax",
            Err("expected one option id or label, found \"fax\""),
        ),
        ("labs", "quest; Hospital lab", list(&["quest", "hosp"])),
        ("labs", "poc|quest|poc", list(&["poc", "quest"])),
        ("labs", "quest; lab x", Err("found \"lab x\"")),
        ("uptime", "99.9%", number(99.9)),
        ("uptime", " 99.95 ", number(99.95)),
        ("uptime", "$1,200", number(1200.0)),
        ("uptime", "1,234,567.89", number(1_234_567.89)),
        ("uptime", "-3", number(-3.0)),
        ("uptime", "1,2", Err("expected a number, found \"1,2\"")),
        (
            "uptime",
            "12,34.5",
            Err("expected a number, found \"12,34.5\""),
        ),
        ("uptime", "ten", Err("expected a number, found \"ten\"")),
        ("uptime", "1e3", number(1000.0)),
        ("uptime", "1e308", number(1e308)),
        ("uptime", "1e400", Err("which is too large")),
        ("tco", "$612,500", number(612_500.0)),
        ("tco", "612500", number(612_500.0)),
        ("tco", "50%", Err("expected a number")),
        ("tco", "-5", Err("expected a bid ≥ 0")),
        (
            "tco",
            "one_time=50000; recurring=12,000",
            Ok(Some(Answer::Price(PriceAnswer {
                one_time: vec![CostLine {
                    label: "one-time".into(),
                    amount: 50_000.0,
                    extra: Default::default(),
                }],
                recurring: vec![CostLine {
                    label: "recurring".into(),
                    amount: 12_000.0,
                    extra: Default::default(),
                }],
                extra: Extra::new(),
            }))),
        ),
        (
            "tco",
            "recurring=$9,000",
            Ok(Some(Answer::Price(PriceAnswer {
                one_time: vec![],
                recurring: vec![CostLine {
                    label: "recurring".into(),
                    amount: 9_000.0,
                    extra: Default::default(),
                }],
                extra: Extra::new(),
            }))),
        ),
        (
            "tco",
            "one_time=5; monthly=3",
            Err("found the cost line \"monthly\""),
        ),
        ("tco", "one_time=5; one-time=3", Err("appears twice")),
    ];
    for (requirement, cell, expected) in cases {
        check_answer(requirement, cell, expected);
    }
}

#[test]
fn one_vendor_sheet() {
    let criteria = answer_criteria();
    let text = "Requirement,Name,Answer,Comment\n\
                yn,Yes or no,yes,Since 2019\n\
                uptime,Uptime,99.9%,\n\
                demo,Demo,great,Seen at HIMSS\n\
                nope,?,yes,\n\
                a,Category A,yes,\n\
                yn,again,no,\n\
                ,,,\n\
                ,,12,\n";
    let import = import_answers("acme.csv", text, &criteria, Some(("acme", "Acme EHR")));
    assert_eq!(import.vendors.len(), 1);
    let vendor = &import.vendors[0];
    assert_eq!(
        (vendor.id.as_str(), vendor.name.as_str()),
        ("acme", "Acme EHR")
    );
    let expected: BTreeMap<String, Answer> = [
        ("yn".to_owned(), Answer::Bool(true)),
        ("uptime".to_owned(), Answer::Number(99.9)),
    ]
    .into_iter()
    .collect();
    assert_eq!(vendor.answers, expected);
    assert_eq!(
        vendor.comments.get("yn").map(String::as_str),
        Some("Since 2019")
    );
    assert_eq!(
        vendor.comments.get("demo").map(String::as_str),
        Some("Seen at HIMSS")
    );
    assert_eq!(
        locations(&import.diagnostics, Severity::Warning),
        ["acme.csv row 4, column \"Answer\""]
    );
    let errors: Vec<(String, String)> = errors(&import.diagnostics)
        .into_iter()
        .map(|d| (d.location.to_string(), d.message.clone()))
        .collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert_eq!(errors[0].0, "acme.csv row 5, column \"Requirement\"");
    assert!(errors[0].1.contains("found \"nope\""));
    assert_eq!(errors[1].0, "acme.csv row 6, column \"Requirement\"");
    assert!(errors[1].1.contains("is a category"));
    assert_eq!(errors[2].0, "acme.csv row 7, column \"Requirement\"");
    assert!(errors[2].1.contains("already answered on row 2"));
    assert_eq!(errors[3].0, "acme.csv row 9, column \"Requirement\"");
}

#[test]
fn wide_sheet() {
    let criteria = answer_criteria();
    let text = "requirement;Vendor A;comment: Vendor A;Bärtschi Health;name\n\
                yn;yes;Included;no;Yes or no\n\
                uptime;99.9%;;1,2,3;Uptime\n\
                erx;epcs;;EPCS add-on;E-prescribing\n";
    let import = import_answers("answers.csv", text, &criteria, None);
    let ids: Vec<(&str, &str)> = import
        .vendors
        .iter()
        .map(|v| (v.id.as_str(), v.name.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("vendor_a", "Vendor A"),
            ("bartschi_health", "Bärtschi Health")
        ]
    );
    let a = &import.vendors[0];
    let b = &import.vendors[1];
    assert_eq!(a.answers.get("yn"), Some(&Answer::Bool(true)));
    assert_eq!(a.answers.get("uptime"), Some(&Answer::Number(99.9)));
    assert_eq!(a.comments.get("yn").map(String::as_str), Some("Included"));
    assert_eq!(b.answers.get("erx"), Some(&Answer::Text("addon".into())));
    assert!(!b.answers.contains_key("uptime"));
    assert!(b.comments.is_empty());
    let errors = errors(&import.diagnostics);
    assert_eq!(errors.len(), 1, "{:#?}", import.diagnostics);
    assert_eq!(
        errors[0].location,
        "answers.csv row 3, column \"Bärtschi Health\""
    );
    assert_eq!(errors[0].message, "expected a number, found \"1,2,3\"");
}

#[test]
fn answer_layout_mismatches() {
    let criteria = answer_criteria();
    // A one-vendor sheet imported as a wide one.
    let import = import_answers("a.csv", "requirement,answer\nyn,yes\n", &criteria, None);
    assert_eq!(
        locations(&import.diagnostics, Severity::Error),
        ["a.csv row 1, column \"answer\""]
    );
    // A wide sheet imported as one vendor's.
    let import = import_answers(
        "a.csv",
        "requirement,Vendor A\nyn,yes\n",
        &criteria,
        Some(("a", "A")),
    );
    assert_eq!(
        locations(&import.diagnostics, Severity::Error),
        ["a.csv row 1"]
    );
    // Two vendor names with the same id; a comment column for nobody.
    let import = import_answers(
        "a.csv",
        "requirement,Vendor A,VENDOR-A,Comment: Vendor Z\nyn,yes,no,hm\n",
        &criteria,
        None,
    );
    assert_eq!(
        locations(&import.diagnostics, Severity::Error),
        ["a.csv row 1, column \"VENDOR-A\""]
    );
    assert_eq!(
        locations(&import.diagnostics, Severity::Warning),
        ["a.csv row 1, column \"Comment: Vendor Z\""]
    );
    assert_eq!(import.vendors.len(), 1);
}

// ------------------------------------------------------------------------------------------------
// Safe writing
// ------------------------------------------------------------------------------------------------

#[test]
fn neutralize_guards_formula_starts() {
    for (text, expected) in [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("'=x", "''=x"),
        ("Vendor A", "Vendor A"),
        ("a=b", "a=b"),
        ("'quoted'", "'quoted'"),
        (" =x", " =x"),
        ("", ""),
    ] {
        assert_eq!(neutralize(text), expected, "{text:?}");
    }
}

#[test]
fn numbers_are_written_as_numbers() {
    for (value, expected) in [
        (1.0, "1"),
        (1.5, "1.5"),
        (0.123456, "0.1235"),
        (-2.0, "-2"),
        (-0.00001, "0"),
        (99.99, "99.99"),
        (1_250_000.0, "1250000"),
        (f64::NAN, ""),
        (f64::INFINITY, ""),
    ] {
        assert_eq!(format_number(value), expected, "{value}");
    }
}

fn read_back(text: &str, delimiter: Delimiter) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a BOM");
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn write_csv_quotes_and_round_trips() {
    for delimiter in Delimiter::ALL {
        let options = CsvOptions {
            delimiter,
            ..CsvOptions::default()
        };
        let rows = vec![
            vec![
                Cell::Text("a,b".into()),
                Cell::Text("line 1\nline 2".into()),
                Cell::Number(2.5),
            ],
            vec![
                Cell::Text("semi;colon".into()),
                Cell::Text("say \"hi\"".into()),
                Cell::Empty,
            ],
            vec![
                Cell::Text("=HYPERLINK(\"http://x\")".into()),
                Cell::Number(-3.0),
                Cell::Number(f64::NAN),
            ],
        ];
        let text = write_csv(&["name", "note", "score"], &rows, &options);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.ends_with("\r\n"));
        assert_eq!(
            read_back(&text, delimiter),
            [
                vec!["name", "note", "score"],
                vec![
                    "a,b",
                    "line 1\nline 2",
                    if delimiter == Delimiter::Semicolon {
                        "2,5"
                    } else {
                        "2.5"
                    }
                ],
                vec!["semi;colon", "say \"hi\"", ""],
                vec!["'=HYPERLINK(\"http://x\")", "-3", ""],
            ]
        );
    }
    let no_bom = write_csv(
        &["a"],
        &[vec![Cell::Text("x".into())]],
        &CsvOptions {
            delimiter: Delimiter::Comma,
            bom: false,
        },
    );
    assert_eq!(no_bom, "a\r\nx\r\n");
}

proptest! {
    #[test]
    fn written_text_reads_back_neutralized(
        rows in prop::collection::vec(prop::collection::vec(any::<String>(), 1..5), 1..6),
        delimiter in prop::sample::select(Delimiter::ALL.to_vec()),
    ) {
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .map(|row| row.iter().map(|text| Cell::Text(text.clone())).collect())
            .collect();
        let options = CsvOptions { delimiter, bom: true };
        let text = write_csv(&["h"], &cells, &options);
        let back = read_back(&text, delimiter);
        prop_assert_eq!(back.len(), rows.len() + 1);
        for (row, read) in rows.iter().zip(back.iter().skip(1)) {
            let expected: Vec<String> = row.iter().map(|text| neutralize(text)).collect();
            prop_assert_eq!(read, &expected);
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Requirement list round trip (property)
// ------------------------------------------------------------------------------------------------

/// A generated requirement and its row.
#[derive(Debug, Clone)]
struct Spec {
    category: &'static str,
    criterion: Criterion,
}

const PATHS: [&str; 4] = [
    "Clinical",
    "Clinical > Documentation",
    "Interoperability > Labs",
    "Cost",
];

fn text_strategy() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ,;:\"'=+@\\-\n]{0,24}".prop_map(|s| s.trim().to_owned())
}

fn label_strategy() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 :'=+@\\-]{0,12}".prop_map(|s| s.trim().to_owned())
}

fn hundredths(range: std::ops::Range<u32>) -> impl Strategy<Value = f64> {
    range.prop_map(|n| f64::from(n) / 100.0)
}

fn scoring_strategy() -> impl Strategy<Value = (Scoring, Option<Gate>)> {
    prop_oneof![
        any::<bool>().prop_map(|gate| (yes_no(), gate.then_some(Gate::Required))),
        (
            prop::collection::vec((hundredths(0..1000), label_strategy(), any::<bool>()), 1..4),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(options, multiple, gate)| {
                let options: Vec<ChoiceOption> = options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (points, label, meets))| ChoiceOption {
                        meets,
                        ..option(&format!("o{i}"), points, &label)
                    })
                    .collect();
                let gate = gate.then(|| Gate::AnyOf(vec!["o0".into()]));
                (choice(options, multiple), gate)
            }),
        (
            0i32..500,
            1i32..500,
            any::<bool>(),
            prop::option::of(-50i32..550)
        )
            .prop_map(|(worst, span, higher, gate)| {
                let (better, best) = if higher {
                    (Better::Higher, worst + span)
                } else {
                    (Better::Lower, worst - span)
                };
                let curve = Curve::linear(f64::from(worst), f64::from(best));
                (
                    numeric("minutes", better, curve),
                    gate.map(|g| Gate::AtMost(f64::from(g))),
                )
            }),
        (
            prop::collection::btree_map(0u32..1000, hundredths(0..101), 1..4),
            any::<bool>()
        )
            .prop_map(|(steps, higher)| {
                let steps = steps
                    .into_iter()
                    .map(|(at, score)| Step {
                        at: f64::from(at),
                        score,
                        extra: Default::default(),
                    })
                    .collect();
                let better = if higher {
                    Better::Higher
                } else {
                    Better::Lower
                };
                (numeric("%", better, Curve::Steps(steps)), None)
            }),
        (
            -2i32..3,
            1i32..10,
            label_strategy(),
            label_strategy(),
            any::<bool>()
        )
            .prop_map(|(min, span, low, high, gate)| {
                let max = min + span;
                let mut anchors = Vec::new();
                if !low.is_empty() {
                    anchors.push((min, low.as_str()));
                }
                if !high.is_empty() {
                    anchors.push((max, high.as_str()));
                }
                let gate = gate.then_some(Gate::AtLeast(f64::from(max)));
                (rating(min, max, &anchors), gate)
            }),
        (
            any::<bool>(),
            1u32..11,
            0u32..100,
            prop::option::of(0u32..2_000_000)
        )
            .prop_map(|(linear, years, escalation, gate)| {
                let formula = if linear {
                    PriceFormula::Linear
                } else {
                    PriceFormula::LowestRatio
                };
                (
                    price(formula, years, f64::from(escalation) / 10.0),
                    gate.map(|g| Gate::AtMost(f64::from(g))),
                )
            }),
    ]
}

fn spec_strategy() -> impl Strategy<Value = Spec> {
    (
        0..PATHS.len(),
        "[a-z][a-z0-9_.]{0,8}",
        text_strategy(),
        text_strategy(),
        hundredths(0..100_000),
        scoring_strategy(),
    )
        .prop_map(|(path, id, name, guidance, weight, (scoring, gate))| {
            let name = if name.is_empty() {
                "Unnamed".to_owned()
            } else {
                name
            };
            let mut criterion = Criterion::requirement(&id, &name, weight, scoring);
            criterion.guidance = guidance;
            criterion.gate = gate;
            Spec {
                category: PATHS[path],
                criterion,
            }
        })
}

/// The test side's writer: one row per requirement, cells in the documented grammar.
fn requirement_row(spec: &Spec) -> Vec<Cell> {
    let c = &spec.criterion;
    let text = |s: &str| Cell::Text(s.to_owned());
    let mut row: BTreeMap<&str, Cell> = BTreeMap::new();
    row.insert("category", text(spec.category));
    row.insert("id", text(&c.id));
    row.insert("name", text(&c.name));
    row.insert("weight", Cell::Number(c.weight));
    row.insert("guidance", text(&c.guidance));
    if let Some(gate) = &c.gate {
        let gate = match gate {
            Gate::Required => "required".to_owned(),
            Gate::AtLeast(n) => format!("at least {}", format_number(*n)),
            Gate::AtMost(n) => format!("at most {}", format_number(*n)),
            Gate::AnyOf(ids) => format!("any of: {}", ids.join(", ")),
        };
        row.insert("gate", Cell::Text(gate));
    }
    let kind = match c.scoring.as_ref().unwrap() {
        Scoring::YesNo(_) => "yes_no",
        Scoring::Choice(rule) => {
            let options: Vec<String> = rule
                .options
                .iter()
                .map(|o| {
                    let meets = if o.meets { " MEETS" } else { "" };
                    if o.label.is_empty() {
                        format!("{}={}{meets}", o.id, format_number(o.points))
                    } else {
                        format!("{}={}{meets}:{}", o.id, format_number(o.points), o.label)
                    }
                })
                .collect();
            row.insert("options", Cell::Text(options.join("; ")));
            if rule.multiple {
                "multi_choice"
            } else {
                "choice"
            }
        }
        Scoring::Numeric(rule) => {
            row.insert("unit", text(&rule.unit));
            let better = match rule.better {
                Better::Higher => "higher",
                Better::Lower => "lower",
            };
            row.insert("better", text(better));
            match &rule.curve {
                Curve::Linear { worst, best, .. } => {
                    row.insert("worst", Cell::Number(*worst));
                    row.insert("best", Cell::Number(*best));
                }
                Curve::Steps(steps) => {
                    let steps: Vec<String> = steps
                        .iter()
                        .map(|s| format!("{}:{}", format_number(s.at), format_number(s.score)))
                        .collect();
                    row.insert("steps", Cell::Text(steps.join("; ")));
                }
            }
            "numeric"
        }
        Scoring::Rating(rule) => {
            row.insert("scale", Cell::Text(format!("{}-{}", rule.min, rule.max)));
            let anchors: Vec<String> = rule
                .anchors
                .iter()
                .map(|a| format!("{}={}", a.level, a.description))
                .collect();
            row.insert("anchors", Cell::Text(anchors.join("; ")));
            "rating"
        }
        Scoring::Price(rule) => {
            let formula = match rule.formula {
                PriceFormula::LowestRatio => "lowest_ratio",
                PriceFormula::Linear => "linear",
            };
            row.insert("formula", text(formula));
            row.insert("years", Cell::Number(f64::from(rule.years)));
            row.insert(
                "escalation",
                Cell::Text(format!("{}%", format_number(rule.escalation_percent))),
            );
            "price"
        }
    };
    row.insert("kind", text(kind));
    HEADER
        .split(',')
        .map(|column| row.remove(column).unwrap_or(Cell::Empty))
        .collect()
}

proptest! {
    #[test]
    fn requirement_lists_round_trip(
        specs in prop::collection::vec(spec_strategy(), 1..12),
        delimiter in prop::sample::select(Delimiter::ALL.to_vec()),
        bom in any::<bool>(),
    ) {
        // Unique ids that cannot collide with category ids.
        let specs: Vec<Spec> = specs
            .into_iter()
            .enumerate()
            .map(|(i, mut spec)| {
                spec.criterion.id = format!("{}_{i}", spec.criterion.id);
                spec
            })
            .collect();
        let header: Vec<&str> = HEADER.split(',').collect();
        let rows: Vec<Vec<Cell>> = specs.iter().map(requirement_row).collect();
        let options = CsvOptions { delimiter, bom };
        let text = write_csv(&header, &rows, &options);
        let import = import_requirements("generated.csv", &text);
        // The only remark a generated list may earn: a choice whose options are all worth 0.
        prop_assert!(
            import.diagnostics.iter().all(|d| d.severity == Severity::Warning
                && d.message.starts_with("every option is worth 0 points")),
            "{:#?}\n{}",
            import.diagnostics,
            text
        );
        prop_assert_eq!(requirements(&import.criteria).len(), specs.len());
        for spec in &specs {
            let found = find_requirement(&import.criteria, &spec.criterion.id);
            prop_assert_eq!(found, Some(&spec.criterion));
        }
        // Category order is first-seen order.
        let mut first_seen: Vec<&str> = Vec::new();
        for spec in &specs {
            let top = spec.category.split(" > ").next().unwrap();
            if !first_seen.contains(&top) {
                first_seen.push(top);
            }
        }
        let top: Vec<&str> = import.criteria.iter().map(|c| c.name.as_str()).collect();
        prop_assert_eq!(top, first_seen);
    }
}

// ------------------------------------------------------------------------------------------------
// Scoring sheets
// ------------------------------------------------------------------------------------------------

fn rated_scorecard() -> Scorecard {
    let criteria = vec![Criterion::category(
        "clinical",
        "Clinical",
        1.0,
        vec![
            Criterion::requirement("erx", "E-prescribing", 1.0, yes_no()),
            Criterion::category(
                "clinical.documentation",
                "Documentation",
                1.0,
                vec![
                    Criterion::requirement(
                        "templates",
                        "Specialty templates",
                        3.0,
                        rating(0, 5, &[(0, "None"), (5, "Complete, vendor-maintained")]),
                    ),
                    Criterion::requirement("usability", "Usability", 2.0, rating(1, 10, &[])),
                ],
            ),
        ],
    )];
    let vendor = |id: &str, name: &str| Vendor {
        id: id.into(),
        name: name.into(),
        ..Vendor::default()
    };
    let evaluator = |id: &str| Evaluator {
        id: id.into(),
        name: id.to_uppercase(),
        ..Evaluator::default()
    };
    let rating =
        |evaluator: &str, vendor: &str, requirement: &str, score: f64, note: &str, revision| {
            Rating {
                evaluator: evaluator.into(),
                vendor: vendor.into(),
                requirement: requirement.into(),
                score,
                note: note.into(),
                revision,
                extra: Default::default(),
                rated_at: None,
            }
        };
    Scorecard {
        criteria,
        vendors: vec![
            vendor("larkspur", "Larkspur Health Records"),
            vendor("quill", "=Quillfeather EHR"),
        ],
        evaluators: vec![evaluator("dr_lee"), evaluator("nurse_kim")],
        ratings: vec![
            rating(
                "dr_lee",
                "larkspur",
                "templates",
                4.0,
                "- strong peds set, \"good\"",
                2,
            ),
            rating("dr_lee", "quill", "usability", 7.5, "", 0),
            rating("nurse_kim", "larkspur", "templates", 1.0, "not mine", 5),
        ],
        ..Scorecard::default()
    }
}

#[test]
fn scoring_sheet_export_lists_every_vendor_and_rated_requirement() {
    let scorecard = rated_scorecard();
    let text = export_scoring_sheet(&scorecard, "dr_lee", &CsvOptions::default()).expect("a sheet");
    let rows = read_back(&text, Delimiter::Comma);
    assert_eq!(
        rows[0],
        [
            "evaluator",
            "vendor_id",
            "vendor",
            "requirement_id",
            "category",
            "requirement",
            "scale",
            "anchors",
            "score",
            "note"
        ]
    );
    assert_eq!(rows.len(), 1 + 2 * 2);
    assert_eq!(
        rows[1],
        [
            "dr_lee",
            "larkspur",
            "Larkspur Health Records",
            "templates",
            "Clinical > Documentation",
            "Specialty templates",
            "0-5",
            "0=None; 5=Complete, vendor-maintained",
            "4",
            "'- strong peds set, \"good\""
        ]
    );
    assert_eq!(rows[2][3], "usability");
    assert_eq!(rows[2][8], "");
    assert_eq!(rows[3][2], "'=Quillfeather EHR");
    assert_eq!(rows[4][8], "7.5");
}

#[test]
fn scoring_sheet_round_trip_keeps_ratings_and_revisions() {
    let scorecard = rated_scorecard();
    let text = export_scoring_sheet(&scorecard, "dr_lee", &CsvOptions::default()).expect("a sheet");
    let import = import_scoring_sheet("dr_lee.csv", &text, &scorecard, None);
    assert!(import.diagnostics.is_empty(), "{:#?}", import.diagnostics);
    let mine: Vec<Rating> = scorecard
        .ratings
        .iter()
        .filter(|r| r.evaluator == "dr_lee")
        .cloned()
        .collect();
    assert_eq!(import.ratings, mine);

    // Every delimiter, and no BOM, work the same.
    for delimiter in Delimiter::ALL {
        let options = CsvOptions {
            delimiter,
            bom: false,
        };
        let text = export_scoring_sheet(&scorecard, "dr_lee", &options).expect("a sheet");
        let import = import_scoring_sheet("dr_lee.csv", &text, &scorecard, None);
        assert_eq!(import.diagnostics, [], "{delimiter:?}");
        assert_eq!(import.ratings, mine, "{delimiter:?}");
    }
}

/// A sheet is made only for an evaluator on the committee, with the rule and the words of a
/// packet (`rfp export-csv scoring-sheet`, `rfp packet` and the JS API say the same).
#[test]
fn a_scoring_sheet_for_someone_not_on_the_committee_is_refused() {
    let scorecard = rated_scorecard();
    let error = export_scoring_sheet(&scorecard, "nobody", &CsvOptions::default())
        .expect_err("no sheet for nobody");
    assert_eq!(
        error.diagnostics(),
        rfp_core::merge::packet(&scorecard, "nobody")
            .expect_err("no packet either")
            .diagnostics()
    );
    assert_eq!(
        error.to_string(),
        "evaluators: no evaluator \"nobody\" (hint: evaluators: dr_lee, nurse_kim)"
    );
}

/// Every delimiter an export writes, the importers read back: the same ratings, the same
/// requirements, with not one remark; any other is refused, naming the ones there are.
#[test]
fn every_delimiter_an_export_writes_imports_back() {
    let text = std::fs::read_to_string(crate::support::data_dir().join("golden/demo.json"))
        .expect("the demo");
    let scorecard = rfp_core::load(&text).expect("loads").scorecard;
    let comma = rfp_core::csv_io::export_requirements(&scorecard.criteria, &CsvOptions::default());
    for delimiter in Delimiter::ALL {
        assert_eq!(
            Delimiter::from_text(&char::from(delimiter.byte()).to_string()),
            Ok(delimiter)
        );
        let options = CsvOptions {
            delimiter,
            ..CsvOptions::default()
        };
        let sheet = rfp_core::csv_io::export_requirements(&scorecard.criteria, &options);
        let back = import_requirements("requirements.csv", &sheet);
        assert_eq!(back.diagnostics, [], "{delimiter:?}");
        let again = rfp_core::csv_io::export_requirements(&back.criteria, &CsvOptions::default());
        assert_eq!(again, comma, "{delimiter:?}");
        for evaluator in &scorecard.evaluators {
            let read = |options: &CsvOptions| {
                let sheet =
                    export_scoring_sheet(&scorecard, &evaluator.id, options).expect("a sheet");
                import_scoring_sheet("sheet.csv", &sheet, &scorecard, None)
            };
            let back = read(&options);
            assert_eq!(back.diagnostics, [], "{delimiter:?}");
            assert!(!back.ratings.is_empty());
            assert_eq!(
                back.ratings,
                read(&CsvOptions::default()).ratings,
                "{delimiter:?}"
            );
        }
    }
    for refused in ["a", "\"", "\n", "=", ";;", "", " ", "，"] {
        assert_eq!(
            Delimiter::from_text(refused),
            Err(format!(
                "expected one of \",\", \";\", \"\\t\" (a tab) or \"|\", found {refused:?}"
            )),
        );
    }
}

#[test]
fn scoring_sheet_changes_and_errors() {
    let scorecard = rated_scorecard();
    let text = "evaluator,vendor_id,requirement_id,score,note\n\
                dr_lee,larkspur,templates,5,- strong peds set\n\
                dr_lee,larkspur,usability,8,first look\n\
                dr_lee,quill,usability,7.5,\n\
                dr_lee,quill,templates,,\n\
                dr_lee,quill,templates,6,\n\
                dr_lee,quill,templates,four,\n\
                dr_lee,acme,templates,3,\n\
                dr_who,quill,templates,3,\n\
                dr_lee,quill,erx,3,\n\
                dr_lee,quill,usability,2,again\n";
    let import = import_scoring_sheet("sheet.csv", text, &scorecard, None);
    let got: Vec<(&str, &str, f64, &str, u32)> = import
        .ratings
        .iter()
        .map(|r| {
            (
                r.vendor.as_str(),
                r.requirement.as_str(),
                r.score,
                r.note.as_str(),
                r.revision,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("larkspur", "templates", 5.0, "- strong peds set", 3),
            ("larkspur", "usability", 8.0, "first look", 0),
            ("quill", "usability", 7.5, "", 0),
        ]
    );
    let errors: Vec<(String, String)> = errors(&import.diagnostics)
        .into_iter()
        .map(|d| (d.location.to_string(), d.message.clone()))
        .collect();
    assert_eq!(
        errors,
        [
            ("sheet.csv row 6, column \"score\"".to_owned(), "expected a score from 0 to 5, found \"6\"".to_owned()),
            ("sheet.csv row 7, column \"score\"".to_owned(), "expected a score from 0 to 5, found \"four\"".to_owned()),
            ("sheet.csv row 8, column \"vendor_id\"".to_owned(), "expected a vendor id of the scorecard, found \"acme\"".to_owned()),
            ("sheet.csv row 9, column \"evaluator\"".to_owned(), "expected an evaluator id of the scorecard, found \"dr_who\"".to_owned()),
            ("sheet.csv row 10, column \"requirement_id\"".to_owned(), "expected a rating requirement, found \"erx\", which vendors answer and evaluators do not rate".to_owned()),
            ("sheet.csv row 11, column \"score\"".to_owned(), "\"dr_lee\" already rated \"quill\" on \"usability\" on row 4; the row is ignored".to_owned()),
        ]
    );
}

// ------------------------------------------------------------------------------------------------
// No input makes an import panic
// ------------------------------------------------------------------------------------------------

fn csvish_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("category".to_owned()),
        Just("id".to_owned()),
        Just("name".to_owned()),
        Just("kind".to_owned()),
        Just("requirement".to_owned()),
        Just("answer".to_owned()),
        Just("comment: A".to_owned()),
        Just("score".to_owned()),
        Just("evaluator".to_owned()),
        Just("vendor_id".to_owned()),
        Just("requirement_id".to_owned()),
        Just("gate".to_owned()),
        Just("options".to_owned()),
        Just("steps".to_owned()),
        Just("scale".to_owned()),
        Just("anchors".to_owned()),
        Just("yes_no".to_owned()),
        Just("choice".to_owned()),
        Just("multi_choice".to_owned()),
        Just("numeric".to_owned()),
        Just("rating".to_owned()),
        Just("price".to_owned()),
        Just("templates".to_owned()),
        Just("erx".to_owned()),
        Just("dr_lee".to_owned()),
        Just("quill".to_owned()),
        Just(" > ".to_owned()),
        Just("any of:".to_owned()),
        Just("at least".to_owned()),
        Just("=".to_owned()),
        Just(":".to_owned()),
        Just(",".to_owned()),
        Just(";".to_owned()),
        Just("\"".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("'".to_owned()),
        "[0-9.,$%-]{1,6}",
        any::<String>(),
    ];
    prop::collection::vec(token, 0..80).prop_map(|tokens| tokens.concat())
}

proptest! {
    #[test]
    fn imports_never_panic(text in csvish_text()) {
        let scorecard = rated_scorecard();
        let requirements = import_requirements("x.csv", &text);
        for diagnostic in &requirements.diagnostics {
            prop_assert!(diagnostic.location.to_string().starts_with("x.csv"));
        }
        let _ = import_answers("x.csv", &text, &scorecard.criteria, None);
        let _ = import_answers("x.csv", &text, &scorecard.criteria, Some(("a", "A")));
        let _ = import_scoring_sheet("x.csv", &text, &scorecard, None);
    }
}

// ------------------------------------------------------------------------------------------------
// The examples in docs/csv.md
// ------------------------------------------------------------------------------------------------

const CSV_DOC: &str = include_str!("../../../../docs/csv.md");

/// The ```csv blocks of docs/csv.md, in order.
fn doc_examples() -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in CSV_DOC.lines() {
        match (&mut current, line.trim()) {
            (None, "```csv") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn the_examples_in_the_documentation_import_cleanly() {
    let blocks = doc_examples();
    assert_eq!(
        blocks.len(),
        4,
        "requirement list, one vendor, wide, scoring sheet"
    );

    let requirements = import_requirements("doc.csv", &blocks[0]);
    assert!(
        requirements.diagnostics.is_empty(),
        "{:#?}",
        requirements.diagnostics
    );
    assert_eq!(self::requirements(&requirements.criteria).len(), 7);

    // The answer and scoring examples use the ids of the example requirement list.
    let example = import_requirements("requirements-example.csv", REQUIREMENTS_EXAMPLE);
    let one = import_answers(
        "doc.csv",
        &blocks[1],
        &example.criteria,
        Some(("larkspur", "Larkspur")),
    );
    assert!(one.diagnostics.is_empty(), "{:#?}", one.diagnostics);
    assert_eq!(one.vendors[0].answers.len(), 5);
    assert_eq!(
        one.vendors[0].answers.get("clin.eprescribing"),
        Some(&Answer::Text("epcs_addon".into()))
    );

    let wide = import_answers("doc.csv", &blocks[2], &example.criteria, None);
    assert!(wide.diagnostics.is_empty(), "{:#?}", wide.diagnostics);
    assert_eq!(wide.vendors.len(), 3);

    let scorecard = Scorecard {
        criteria: example.criteria.clone(),
        vendors: wide.vendors.clone(),
        evaluators: vec![Evaluator {
            id: "dr_lee".into(),
            ..Evaluator::default()
        }],
        ..Scorecard::default()
    };
    let ratings = import_scoring_sheet("doc.csv", &blocks[3], &scorecard, None);
    assert!(ratings.diagnostics.is_empty(), "{:#?}", ratings.diagnostics);
    let scores: Vec<(&str, f64, u32)> = ratings
        .ratings
        .iter()
        .map(|r| (r.vendor.as_str(), r.score, r.revision))
        .collect();
    assert_eq!(
        scores,
        [
            ("larkspur_health_records", 4.0, 0),
            ("quillfeather_ehr", 2.0, 0)
        ]
    );
}

/// A requirement list exported and imported again gives the same criteria tree.
#[test]
fn requirement_list_export_round_trips() {
    let demo = rfp_core::load(include_str!("../../../../tests/data/golden/demo.json"))
        .unwrap()
        .scorecard;
    for criteria in [crate::support::small_scorecard().criteria, demo.criteria] {
        let text = rfp_core::csv_io::export_requirements(&criteria, &CsvOptions::default());
        let back = rfp_core::csv_io::import_requirements("export.csv", &text);
        assert!(back.diagnostics.is_empty(), "{:#?}", back.diagnostics);
        assert_eq!(back.criteria, criteria);
    }
}

/// A number a scorecard file holds, a sheet reads as the same number: one grammar
/// (`rfp_core::typed::number`), exponents included; what neither can hold both refuse.
#[test]
fn a_number_the_file_accepts_the_sheet_accepts() {
    let file_number = |text: &str| serde_json::from_str::<f64>(text).ok();
    let sheet_weight = |text: &str| {
        let import = import_requirements(
            "weights.csv",
            &format!("category,id,name,kind,weight\nFit,a,A,yes_no,{text}\n"),
        );
        match errors(&import.diagnostics).first() {
            Some(error) => Err(error.message.clone()),
            None => Ok(import.criteria[0].children[0].weight),
        }
    };
    for text in [
        "1e308",
        "1E+308",
        "1e-320",
        "2.5e-3",
        "0",
        "-0",
        "123456789012345678901234567890",
        "1.7976931348623157e308",
    ] {
        let value = file_number(text).expect("a JSON number");
        assert_eq!(sheet_weight(text), Ok(value), "{text}");
    }
    for text in ["NaN", "inf", "0x10", "1_000", "5.", "1e400"] {
        assert_eq!(file_number(text), None, "{text}");
        let refused = sheet_weight(text).expect_err(text);
        assert!(refused.starts_with("expected a number, found"), "{refused}");
    }

    // An answer and a score the file holds, the sheets read.
    let criteria = answer_criteria();
    let answers = import_answers(
        "acme.csv",
        "requirement,answer\nuptime,1e308\n",
        &criteria,
        Some(("acme", "Acme")),
    );
    assert!(answers.diagnostics.is_empty(), "{:#?}", answers.diagnostics);
    assert_eq!(
        answers.vendors[0].answers.get("uptime"),
        Some(&Answer::Number(1e308))
    );
    let scorecard = rated_scorecard();
    let rating = &scorecard.ratings[0];
    let sheet = format!(
        "evaluator,vendor_id,requirement_id,score\n{},{},{},1e-320\n",
        rating.evaluator, rating.vendor, rating.requirement
    );
    let ratings = import_scoring_sheet("sheet.csv", &sheet, &scorecard, None);
    assert!(ratings.diagnostics.is_empty(), "{:#?}", ratings.diagnostics);
    assert_eq!(ratings.ratings[0].score, 1e-320);
}

/// Categories `levels` deep, a stepped requirement (the deepest a rule nests) at the bottom.
fn nested_categories(levels: usize) -> Vec<Criterion> {
    let steps = vec![Step {
        at: 1.0,
        score: 1.0,
        extra: Default::default(),
    }];
    let mut node = Criterion::requirement(
        "deep.r",
        "Deepest",
        1.0,
        numeric("", Better::Higher, Curve::Steps(steps)),
    );
    for level in (1..=levels).rev() {
        node = Criterion::category(
            &format!("c{level}"),
            &format!("Level {level}"),
            1.0,
            vec![node],
        );
    }
    vec![node]
}

/// One depth limit for a file and a sheet: as deep as a file can hold, a requirement list
/// exports and imports back; one level more, both refuse.
#[test]
fn the_file_and_the_sheet_hold_the_same_depth_of_categories() {
    use rfp_core::validate::MAX_CATEGORY_LEVELS;
    let deepest = Scorecard {
        criteria: nested_categories(MAX_CATEGORY_LEVELS),
        ..Scorecard::default()
    };
    assert!(errors(&rfp_core::validate(&deepest)).is_empty());
    let saved = rfp_core::save(&deepest).expect("saved");
    let loaded = rfp_core::load(&saved).expect("a file this deep opens");
    assert_eq!(loaded.scorecard.criteria, deepest.criteria);
    for options in [
        CsvOptions::default(),
        CsvOptions {
            delimiter: rfp_core::csv_io::Delimiter::Semicolon,
            bom: true,
        },
    ] {
        let sheet = rfp_core::csv_io::export_requirements(&deepest.criteria, &options);
        let back = import_requirements("deep.csv", &sheet);
        assert!(back.diagnostics.is_empty(), "{:#?}", back.diagnostics);
        assert_eq!(back.criteria, deepest.criteria);
    }

    let deeper = Scorecard {
        criteria: nested_categories(MAX_CATEGORY_LEVELS + 1),
        ..Scorecard::default()
    };
    let refused = errors(&rfp_core::validate(&deeper))
        .into_iter()
        .map(|d| d.message.clone())
        .collect::<Vec<_>>();
    assert_eq!(
        refused,
        [format!(
            "category \"Level {level}\" is at level {level}; categories may be nested at most \
             {MAX_CATEGORY_LEVELS} levels deep",
            level = MAX_CATEGORY_LEVELS + 1
        )]
    );
    let sheet = rfp_core::csv_io::export_requirements(&deeper.criteria, &CsvOptions::default());
    let back = import_requirements("deep.csv", &sheet);
    let first = errors(&back.diagnostics)[0];
    assert_eq!(
        first.location.to_string(),
        format!(
            "deep.csv row {}, column \"category\"",
            MAX_CATEGORY_LEVELS + 2
        )
    );
    assert!(
        first.message.ends_with(&format!(
            "with at most {MAX_CATEGORY_LEVELS} levels, found {} levels",
            MAX_CATEGORY_LEVELS + 1
        )),
        "{}",
        first.message
    );
}

/// An option id a sheet cannot carry (a separator of the typed grammars, a space at either
/// end, another id but for case) is refused by the file's validation and by the sheet, in the
/// same words; every option id a valid file holds exports and imports back.
#[test]
fn option_ids_follow_one_rule_in_a_file_and_in_a_sheet() {
    let scorecard_with = |ids: &[&str]| Scorecard {
        criteria: vec![Criterion::category(
            "fit",
            "Fit",
            1.0,
            vec![Criterion::requirement(
                "fit.ch",
                "Choice",
                1.0,
                choice(ids.iter().map(|id| option(id, 1.0, "")).collect(), false),
            )],
        )],
        ..Scorecard::default()
    };
    for (ids, cell, message) in [
        (
            &["a", "A"][..],
            "a=1; A=1",
            "option ids \"a\" and \"A\" differ only in case; answers and gates name an option \
             ignoring case",
        ),
        (&["a", "a"][..], "a=1; a=1", "option id \"a\" is used twice"),
        (
            &["a:b"][..],
            "a:b=1",
            "option id \"a:b\" holds \":\", which separates options where they are typed (a \
             sheet's options, a gate's \"any of\", a vendor's answers); use letters, digits, \
             '.', '_' and '-'",
        ),
        (
            &["a;b"][..],
            "a;;b=1",
            "option id \"a;b\" holds \";\", which separates options",
        ),
        (&["a|b"][..], "a|b=1", "option id \"a|b\" holds \"|\""),
        (&["a,b"][..], "\"a,b=1\"", "option id \"a,b\" holds \",\""),
    ] {
        let file = errors(&rfp_core::validate(&scorecard_with(ids)))
            .into_iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>();
        assert_eq!(file.len(), 1, "{ids:?}: {file:?}");
        assert!(file[0].starts_with(message), "{ids:?}: {}", file[0]);
        let import = import_requirements(
            "options.csv",
            &format!("category,id,name,kind,options\nFit,fit.ch,Choice,choice,{cell}\n"),
        );
        let sheet = errors(&import.diagnostics);
        assert_eq!(sheet.len(), 1, "{cell}: {sheet:?}");
        assert_eq!(
            sheet[0].location.to_string(),
            "options.csv row 2, column \"options\""
        );
        assert_eq!(sheet[0].message, file[0], "{cell}");
    }
    let spaced = errors(&rfp_core::validate(&scorecard_with(&[" a"])))[0]
        .message
        .clone();
    assert!(spaced.contains("begins or ends with a space"), "{spaced}");

    // Every id the rule lets through survives the sheet.
    let valid = scorecard_with(&["a", "b.2", "x-y_z", "Épée", "a b"]);
    assert!(errors(&rfp_core::validate(&valid)).is_empty());
    let text = rfp_core::csv_io::export_requirements(&valid.criteria, &CsvOptions::default());
    let back = import_requirements("export.csv", &text);
    assert!(back.diagnostics.is_empty(), "{:#?}", back.diagnostics);
    assert_eq!(back.criteria, valid.criteria);
}

/// The file's words for an id a criterion holds, as validation says them.
fn file_says_of_id(id: &str) -> Vec<String> {
    let scorecard = Scorecard {
        criteria: vec![Criterion::category(
            "fit",
            "Fit",
            1.0,
            vec![Criterion::requirement(id, "A", 1.0, yes_no())],
        )],
        ..Scorecard::default()
    };
    errors(&rfp_core::validate(&scorecard))
        .into_iter()
        .map(|d| d.message.clone())
        .collect()
}

/// What a file refuses in an id, a requirement list refuses at the id's cell, in the same
/// words, and writes nothing of the row.
#[test]
fn an_id_the_file_refuses_is_refused_at_its_cell() {
    for id in [
        "fit.a\u{202e}",
        "fit.de\0mo",
        "\u{200b}fit.b",
        "fit.c\u{feff}",
    ] {
        let file = file_says_of_id(id);
        assert_eq!(file.len(), 1, "{id:?}: the file refuses it");
        let text = format!("category,id,name,kind\nFit,{id},A,yes_no\nFit,fit.ok,B,yes_no\n");
        let import = import_requirements("ids.csv", &text);
        let refused: Vec<(String, String)> = errors(&import.diagnostics)
            .into_iter()
            .map(|d| (d.location.to_string(), d.message.clone()))
            .collect();
        assert_eq!(
            refused,
            [("ids.csv row 2, column \"id\"".to_owned(), file[0].clone())],
            "{id:?}"
        );
        let ids: Vec<&str> = requirements(&import.criteria)
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, ["fit.ok"]);
    }
    // A category row's own id too.
    let import = import_requirements(
        "ids.csv",
        "category,id,name,kind\nFit,fit\u{202e},,category\nFit,fit.ok,B,yes_no\n",
    );
    let refused = locations(&import.diagnostics, Severity::Error);
    assert_eq!(refused, ["ids.csv row 2, column \"id\""]);
}

/// A list longer than a file may hold is refused at the row that goes past the limit, in the
/// file's words.
#[test]
fn a_list_longer_than_a_file_may_hold_is_refused() {
    let most = rfp_core::validate::MAX_REQUIREMENTS;
    let mut text = String::from("category,id,name,kind\n");
    for i in 0..most + 2 {
        text.push_str(&format!("Fit,r{i},R,yes_no\n"));
    }
    let import = import_requirements("long.csv", &text);
    let refused = errors(&import.diagnostics);
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert_eq!(
        refused[0].location.to_string(),
        format!("long.csv row {}, column \"id\"", most + 2)
    );
    assert_eq!(
        refused[0].message,
        "10,002 requirements; RFP Scorecard works with at most 10,000; this row and the ones \
         after it are ignored"
    );
    assert_eq!(requirements(&import.criteria).len(), most);
    let scorecard = Scorecard {
        criteria: import.criteria,
        ..Scorecard::default()
    };
    assert!(errors(&rfp_core::validate(&scorecard)).is_empty());
}

/// The ids the answer and scoring sheets make are ids a file takes: a vendor's id is made
/// from its name (whatever the name holds), and a scoring sheet makes no id, naming only the
/// scorecard's own.
#[test]
fn the_ids_answer_and_scoring_sheets_make_validate() {
    let base = rated_scorecard();
    let names = [
        "Acme\u{202e}",
        "\u{200b}",
        "Nul\0 Health",
        "Клиника",
        "Épée & Co",
    ];
    let header = std::iter::once("requirement".to_owned())
        .chain(names.iter().map(|n| format!("\"{n}\"")))
        .collect::<Vec<_>>()
        .join(",");
    let sheet = format!("{header}\nerx,yes,no,yes,no,yes\n");
    let answers = rfp_core::edit::answer_sheet(&base, "answers.csv", &sheet, None);
    assert!(
        errors(&answers.diagnostics).is_empty(),
        "{:#?}",
        answers.diagnostics
    );
    let applied = rfp_core::edit::apply(&base, answers.edit.as_ref().expect("an edit"))
        .expect("the answers are taken");
    assert!(errors(&rfp_core::validate(&applied.scorecard)).is_empty());
    let ids: Vec<&str> = applied.scorecard.vendors[2..]
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    assert_eq!(ids, ["acme", "vendor", "nul_health", "vendor_2", "epee_co"]);
    // One vendor's sheet, named on the command line or in the page.
    for name in ["Acme\u{202e}", "\0"] {
        let one = rfp_core::edit::answer_sheet(
            &base,
            "one.csv",
            "requirement,answer\nerx,yes\n",
            Some(name),
        );
        let applied = rfp_core::edit::apply(&base, one.edit.as_ref().expect("an edit"))
            .expect("the answers are taken");
        assert!(errors(&rfp_core::validate(&applied.scorecard)).is_empty());
    }

    let rating = &base.ratings[0];
    let sheet = format!(
        "evaluator,vendor_id,requirement_id,score\n{}\u{202e},{},{},3\n{},{}\0,{},3\n",
        rating.evaluator,
        rating.vendor,
        rating.requirement,
        rating.evaluator,
        rating.vendor,
        rating.requirement
    );
    let ratings = import_scoring_sheet("sheet.csv", &sheet, &base, None);
    assert_eq!(
        locations(&ratings.diagnostics, Severity::Error),
        [
            "sheet.csv row 2, column \"evaluator\"",
            "sheet.csv row 3, column \"vendor_id\""
        ]
    );
    assert!(ratings.ratings.is_empty());
}
/// Text for ids and names with what files refuse or sheets bend: invisible characters, the
/// separators of the typed grammars, case, spaces, other scripts.
fn nasty_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a".to_owned()),
        Just("A".to_owned()),
        Just("fit".to_owned()),
        Just("Fit".to_owned()),
        Just(".".to_owned()),
        Just("_".to_owned()),
        Just(" ".to_owned()),
        Just("&".to_owned()),
        Just("-".to_owned()),
        Just(":".to_owned()),
        Just("|".to_owned()),
        Just("=".to_owned()),
        Just("é".to_owned()),
        Just("Клиника".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\u{200b}".to_owned()),
        Just("\u{200d}".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\0".to_owned()),
        Just("\u{feff}".to_owned()),
        "[a-c0-2]{1,3}",
    ];
    prop::collection::vec(piece, 1..5).prop_map(|pieces| pieces.concat())
}

proptest! {
    /// The class: whatever a requirement list or a wide answer sheet makes without an error,
    /// the file's validation takes.
    #[test]
    fn what_an_import_makes_without_an_error_validates(
        rows in prop::collection::vec(
            (
                prop_oneof![
                    2 => prop::sample::select(vec!["A", "a", "B", "A > B", "EHR & PM", "ehr-pm"])
                        .prop_map(str::to_owned),
                    1 => nasty_text(),
                ],
                prop_oneof![
                    2 => prop::sample::select(vec!["", "a", "b", "a.b", "ehr_pm"])
                        .prop_map(str::to_owned),
                    1 => nasty_text(),
                ],
                nasty_text(),
                any::<bool>(),
                "[a-c]{1,2}",
            ),
            1..8,
        ),
        vendors in prop::collection::vec(nasty_text(), 1..4),
    ) {
        let mut text = String::from("category,id,name,kind,options\n");
        for (category, id, name, is_category, option) in &rows {
            let cells = if *is_category {
                vec![category.clone(), id.clone(), String::new(), "category".into(), String::new()]
            } else {
                let options = format!("{option}=1; {id}=2");
                vec![category.clone(), id.clone(), name.clone(), "choice".into(), options]
            };
            let cells: Vec<Cell> = cells.into_iter().map(Cell::Text).collect();
            let line = write_csv(&["x"], &[cells], &CsvOptions { bom: false, ..CsvOptions::default() });
            text.push_str(line.split_once("\r\n").map_or("", |(_, row)| row));
        }
        let import = import_requirements("nasty.csv", &text);
        if errors(&import.diagnostics).is_empty() {
            let scorecard = Scorecard { criteria: import.criteria.clone(), ..Scorecard::default() };
            let refused = errors(&rfp_core::validate(&scorecard))
                .into_iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>();
            prop_assert!(refused.is_empty(), "{:?}\n{}", refused, text);
        }

        // The vendors a wide answer sheet makes from names.
        let base = rated_scorecard();
        let header: Vec<&str> = std::iter::once("requirement")
            .chain(vendors.iter().map(String::as_str))
            .collect();
        let row: Vec<Cell> = std::iter::once(Cell::Text("erx".into()))
            .chain(vendors.iter().map(|_| Cell::Text("yes".into())))
            .collect();
        let sheet = write_csv(&header, &[row], &CsvOptions::default());
        let answers = rfp_core::edit::answer_sheet(&base, "answers.csv", &sheet, None);
        if let Some(edit) = &answers.edit {
            let applied = rfp_core::edit::apply(&base, edit);
            prop_assert!(applied.is_ok(), "{:?}\n{}", applied.err(), sheet);
        }
    }
}

/// Category names that make one id are not merged: each later one is refused at every row that
/// names it, naming the first, as a wide answer sheet refuses vendor names that make one id.
#[test]
fn category_names_that_make_one_id_are_refused_like_vendor_names() {
    let import = import_requirements(
        "categories.csv",
        "category,id,name,kind\nEHR & PM,a1,A,yes_no\nEHR PM,a2,B,yes_no\nehr-pm,a3,C,yes_no\n\
         EHR PM > Billing,a4,D,yes_no\n",
    );
    let refused: Vec<(String, String)> = errors(&import.diagnostics)
        .into_iter()
        .map(|d| (d.location.to_string(), d.message.clone()))
        .collect();
    let said = |name: &str| {
        format!(
            "category \"{name}\" gets the id \"ehr_pm\", like the category \"EHR & PM\" on row 2; \
             the row is ignored"
        )
    };
    assert_eq!(
        refused,
        [
            (
                "categories.csv row 3, column \"category\"".to_owned(),
                said("EHR PM")
            ),
            (
                "categories.csv row 4, column \"category\"".to_owned(),
                said("ehr-pm")
            ),
            (
                "categories.csv row 5, column \"category\"".to_owned(),
                said("EHR PM")
            ),
        ]
    );
    assert_eq!(import.criteria.len(), 1);
    assert_eq!(import.criteria[0].name, "EHR & PM");
    let ids: Vec<&str> = requirements(&import.criteria)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a1"]);

    // A category left out with its parent takes no id from one kept: `EHR & PM > Lab` is
    // imported though the refused `EHR PM > Lab` came first.
    let import = import_requirements(
        "categories.csv",
        "category,id,name,kind\nEHR & PM,a1,A,yes_no\nEHR PM > Lab,a2,B,yes_no\n\
         EHR & PM > Lab,a3,C,yes_no\n",
    );
    let refused: Vec<String> = errors(&import.diagnostics)
        .into_iter()
        .map(|d| d.location.to_string())
        .collect();
    assert_eq!(refused, ["categories.csv row 3, column \"category\""]);
    let ids: Vec<&str> = requirements(&import.criteria)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a1", "a3"]);

    // The vendor columns of a wide answer sheet, in the same words.
    let wide = import_answers(
        "answers.csv",
        "requirement,EHR & PM,EHR PM\nerx,yes,no\n",
        &rated_scorecard().criteria,
        None,
    );
    let refused = errors(&wide.diagnostics);
    assert_eq!(refused.len(), 1);
    assert_eq!(
        refused[0].message,
        "vendor \"EHR PM\" gets the id \"ehr_pm\", like the vendor \"EHR & PM\" in column B; the \
         column is ignored"
    );

    // A category row's own id keeps two such categories apart (as an export writes them), and
    // an id given twice is refused like a name.
    let siblings = vec![
        Criterion::category(
            "a",
            "EHR & PM",
            1.0,
            vec![Criterion::requirement("r1", "A", 1.0, yes_no())],
        ),
        Criterion::category(
            "b",
            "EHR PM",
            1.0,
            vec![Criterion::requirement("r2", "B", 1.0, yes_no())],
        ),
        Criterion::category(
            "c",
            "ehr pm",
            1.0,
            vec![Criterion::requirement("r3", "C", 1.0, yes_no())],
        ),
    ];
    let text = rfp_core::csv_io::export_requirements(&siblings, &CsvOptions::default());
    let back = import_requirements("export.csv", &text);
    assert!(back.diagnostics.is_empty(), "{:#?}", back.diagnostics);
    assert_eq!(back.criteria, siblings);
    let twice = import_requirements(
        "twice.csv",
        "category,id,name,kind\nA,x,,category\nB,x,,category\nA,r1,R,yes_no\nB,r2,R,yes_no\n",
    );
    assert_eq!(
        locations(&twice.diagnostics, Severity::Error),
        [
            "twice.csv row 3, column \"category\"",
            "twice.csv row 5, column \"category\""
        ]
    );
}

/// A criteria tree of nasty names, and ids that are nasty but valid, up to four levels deep.
fn nasty_criteria() -> impl Strategy<Value = Vec<Criterion>> {
    let requirement = (nasty_text(), 0u32..5, any::<bool>()).prop_map(|(name, weight, choice)| {
        let scoring = if choice {
            self::choice(vec![option("a", 1.0, &name), option("b", 0.0, "")], false)
        } else {
            yes_no()
        };
        Criterion::requirement("", &name, f64::from(weight), scoring)
    });
    let leaf = prop::collection::vec(requirement, 1..3).boxed();
    let category = |children: BoxedStrategy<Vec<Criterion>>| {
        (nasty_text(), children)
            .prop_map(|(name, children)| vec![Criterion::category("", &name, 1.0, children)])
            .boxed()
    };
    let level1 = category(leaf.clone());
    let level2 = category(prop_oneof![leaf.clone(), level1.clone()].boxed());
    let level3 = category(prop_oneof![leaf.clone(), level1, level2.clone()].boxed());
    let ids = prop::collection::vec(nasty_text(), 64);
    (
        prop::collection::vec(prop_oneof![leaf, level2, level3], 1..4),
        ids,
    )
        .prop_map(|(lists, ids)| {
            let mut criteria: Vec<Criterion> = lists.into_iter().flatten().collect();
            // Ids from the nasty texts, made valid: no invisible or control character, no space at
            // either end (what a sheet trims: see the report of this change), each once.
            let mut ids = ids.into_iter();
            let mut seen = std::collections::HashSet::new();
            fn visit(nodes: &mut [Criterion], next: &mut dyn FnMut() -> String) {
                for node in nodes {
                    node.id = next();
                    visit(&mut node.children, next);
                }
            }
            visit(&mut criteria, &mut || {
                let id: String = ids
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .filter(|c| {
                        !c.is_control()
                            && !matches!(c, '\u{a0}' | '\u{200b}'..='\u{206f}' | '\u{feff}')
                    })
                    .collect();
                let id = match id.trim() {
                    "" => "x".to_owned(),
                    id => id.to_owned(),
                };
                let unique = (1..)
                    .map(|n| format!("{id}{n}"))
                    .find(|c| !seen.contains(c))
                    .unwrap_or_default();
                let id = if seen.contains(&id) { unique } else { id };
                seen.insert(id.clone());
                id
            });
            criteria
        })
}

proptest! {
    /// The class the other way: every valid scorecard's requirement list exports and imports
    /// back without an error.
    #[test]
    fn every_valid_requirement_list_exports_and_imports_back(criteria in nasty_criteria()) {
        let scorecard = Scorecard { criteria, ..Scorecard::default() };
        prop_assume!(errors(&rfp_core::validate(&scorecard)).is_empty());
        for options in [CsvOptions::default(), CsvOptions { delimiter: rfp_core::csv_io::Delimiter::Semicolon, bom: false }] {
            let text = rfp_core::csv_io::export_requirements(&scorecard.criteria, &options);
            let back = import_requirements("export.csv", &text);
            prop_assert!(
                errors(&back.diagnostics).is_empty(),
                "{:#?}\n{}",
                back.diagnostics,
                text
            );
            // The requirements as they are scored: ids, weights, rules and gates (a label, as
            // any text, loses the spaces around it: a sheet trims its cells). Requirements at
            // the top level are gathered in one category, so the order may change.
            let scored = |criteria: &[Criterion]| {
                requirements(criteria)
                    .iter()
                    .map(|c| {
                        let mut scoring = c.scoring.clone();
                        if let Some(Scoring::Choice(rule)) = &mut scoring {
                            for option in &mut rule.options {
                                option.label = option.label.trim().to_owned();
                            }
                        }
                        (c.id.clone(), (c.weight, format!("{scoring:?} {:?}", c.gate)))
                    })
                    .collect::<BTreeMap<_, _>>()
            };
            prop_assert_eq!(scored(&back.criteria), scored(&scorecard.criteria));
        }
    }
}

/// What a sheet cannot hold as it is, an export adapts so that the list imports back: two
/// sibling categories of one name, a blank name, top-level requirements beside a category
/// named `Other`; a requirement without a name is the file's warning, not an error.
#[test]
fn what_a_sheet_cannot_hold_is_adapted_and_imports_back() {
    let requirement = |id: &str, name: &str| Criterion::requirement(id, name, 1.0, yes_no());
    let criteria = vec![
        requirement("other", "Top one"),
        Criterion::category("lab1", "Lab", 1.0, vec![requirement("r1", "A")]),
        Criterion::category("lab2", "Lab", 1.0, vec![requirement("r2", "")]),
        Criterion::category("other_2", " ", 1.0, vec![requirement("r3", "C")]),
        Criterion::category("x", "Other", 1.0, vec![requirement("r4", "D")]),
        requirement("top2", "Top two"),
    ];
    let scorecard = Scorecard {
        criteria: criteria.clone(),
        ..Scorecard::default()
    };
    assert!(errors(&rfp_core::validate(&scorecard)).is_empty());
    let text = rfp_core::csv_io::export_requirements(&criteria, &CsvOptions::default());
    let back = import_requirements("export.csv", &text);
    assert_eq!(
        back.diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>(),
        [
            "warning: export.csv row 6, column \"name\": no name (hint: write the requirement as a \
          vendor and a committee member read it)"
        ]
    );
    let categories: Vec<(&str, &str)> = back
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        categories,
        [
            ("other_3", "Other 3"),
            ("lab1", "Lab"),
            ("lab2", "Lab (2)"),
            ("other_2", "other_2"),
            ("x", "Other"),
        ]
    );
    let ids: Vec<&str> = requirements(&back.criteria)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["other", "top2", "r1", "r2", "r3", "r4"]);
}
