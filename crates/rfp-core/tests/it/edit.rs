//! Edits and the session: every change a person makes, as a value applied by the core.

use proptest::prelude::*;
use rfp_core::edit::{Edit, Session, Touched, apply, perform};
use rfp_core::tree::find_criterion;
use rfp_core::{Answer, Gate, Scorecard, Scoring, Severity, WeightingMethod, score, validate};

use crate::support::data_dir;

fn demo() -> Scorecard {
    let text = std::fs::read_to_string(data_dir().join("golden/demo.json")).expect("demo");
    rfp_core::load(&text).expect("loads").scorecard
}

fn errors(scorecard: &Scorecard) -> usize {
    validate(scorecard)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

fn first_rated(card: &Scorecard) -> (String, String, String) {
    let r = &card.ratings[0];
    (
        r.evaluator.to_string(),
        r.vendor.to_string(),
        r.requirement.to_string(),
    )
}

#[test]
fn a_tailored_committee_builds_its_roster_from_nothing() {
    let mut card = demo();
    card.evaluators.clear();
    card.ratings.clear();
    card.consensus.clear();
    let mut session = Session::new(card);
    session
        .apply(&Edit::AddEvaluator {
            name: "Dr. Amara Osei".into(),
            role: "physician".into(),
        })
        .expect("added");
    // A name with no Latin letter still gets a valid id, and a second one another id.
    session
        .apply(&Edit::AddEvaluator {
            name: "Медсестра".into(),
            role: "nurse".into(),
        })
        .expect("added");
    session
        .apply(&Edit::AddEvaluator {
            name: "Медсестра".into(),
            role: "nurse".into(),
        })
        .expect("added");
    let ids: Vec<&str> = session
        .scorecard()
        .evaluators
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["dr_amara_osei", "evaluator", "evaluator_2"]);
    assert_eq!(errors(session.scorecard()), 0);
    // A packet can be made for each, and the evaluator rates.
    rfp_core::merge::packet(session.scorecard(), "evaluator_2").expect("a packet");
    let requirement = session
        .report()
        .requirements
        .iter()
        .find(|r| r.kind == "rating")
        .expect("a rating requirement")
        .id
        .clone();
    let vendor = session.scorecard().vendors[0].id.clone();
    let outcome = session
        .apply(&Edit::Rate {
            evaluator: "dr_amara_osei".into(),
            vendor: vendor.clone(),
            requirement: requirement.clone(),
            score: 4.0,
            note: "solid".into(),
            at: None,
        })
        .expect("rated");
    assert_eq!(outcome.touched, Touched::Ratings(vec![0]));
    assert_eq!(**session.report(), score(session.scorecard()));
    // Removing an evaluator takes their ratings; undo brings both back.
    session
        .apply(&Edit::RemoveEvaluator {
            id: "dr_amara_osei".into(),
        })
        .expect("removed");
    assert!(session.scorecard().ratings.is_empty());
    assert!(session.undo());
    assert_eq!(session.scorecard().ratings.len(), 1);
    assert_eq!(session.scorecard().evaluators[0].name, "Dr. Amara Osei");
    assert_eq!(**session.report(), score(session.scorecard()));
}

#[test]
fn refusals_name_the_field_and_change_nothing() {
    let card = demo();
    let check = |edit: Edit, field: &str, words: &str| {
        let error = apply(&card, &edit).expect_err("refused");
        assert_eq!(error.field, field, "{edit:?}: {error:?}");
        assert!(error.message.contains(words), "{edit:?}: {}", error.message);
    };
    check(
        Edit::AddVendor {
            name: "  ".into(),
            id: None,
        },
        "name",
        "needs a name",
    );
    check(
        Edit::RenameVendor {
            id: "nobody".into(),
            name: "X".into(),
        },
        "id",
        "no vendor “nobody”",
    );
    // The memo prints an attestation's date: it must be one.
    for date in ["garbage", "2026-02-30"] {
        check(
            Edit::Attest {
                evaluator: card.evaluators[0].id.to_string(),
                no_conflict: true,
                date: date.into(),
            },
            "date",
            "is not a date: write it as 2026-11-21",
        );
    }
    check(
        Edit::SetShare {
            id: card.criteria[0].id.clone(),
            percent: 101.0,
        },
        "percent",
        "0 to 100",
    );
    check(
        Edit::SetKind {
            id: card.criteria[0].id.clone(),
            kind: "rating".into(),
        },
        "kind",
        "category has no kind",
    );
    check(
        Edit::AddCriterion {
            parent: None,
            name: "x".into(),
            kind: "guess".into(),
        },
        "kind",
        "unknown kind",
    );
    let (evaluator, vendor, requirement) = first_rated(&card);
    // Off the scale: refused by the rule validation and scoring use, naming the place.
    let error = apply(
        &card,
        &Edit::Rate {
            evaluator: evaluator.clone(),
            vendor: vendor.clone(),
            requirement: requirement.clone(),
            score: 9.0,
            note: String::new(),
            at: None,
        },
    )
    .expect_err("off the scale");
    assert!(
        error
            .message
            .contains("expected a level from 0 to 5, found 9"),
        "{}",
        error.message
    );
    assert!(error.field.ends_with(".score"), "{}", error.field);
    // A weight that is not a weight: the validation error, with its place.
    let error = apply(
        &card,
        &Edit::SetWeights {
            weights: [(card.criteria[0].id.clone(), -3.0)].into(),
        },
    )
    .expect_err("negative");
    assert!(error.field.starts_with("criteria[0]"), "{error:?}");
    // A gate that does not fit the kind.
    let error = apply(
        &card,
        &Edit::SetGate {
            id: requirement,
            gate: Some(Gate::Required),
        },
    )
    .expect_err("no fit");
    assert!(!error.diagnostics.is_empty());
    // A yearly increase no total can hold is refused, as a file with it is.
    let price = find_criterion(&card.criteria, "cost.tco").expect("the price requirement");
    let Some(Scoring::Price(mut rule)) = price.scoring.clone() else {
        panic!("a price rule")
    };
    rule.escalation_percent = 1e308;
    let error = apply(
        &card,
        &Edit::SetRule {
            id: "cost.tco".into(),
            rule: Scoring::Price(rule),
        },
    )
    .expect_err("1e308 %");
    assert!(
        error.field.ends_with("price.escalation_percent"),
        "{error:?}"
    );
    // A consensus needs a rationale (validation's rule).
    let error = apply(
        &card,
        &Edit::SetConsensus {
            vendor,
            requirement: first_rated(&card).2,
            value: 3.0,
            rationale: " ".into(),
        },
    )
    .expect_err("no rationale");
    assert!(error.message.contains("rationale"), "{}", error.message);
}

#[test]
fn a_batch_is_all_or_nothing() {
    let card = demo();
    let edits = vec![
        Edit::AddVendor {
            name: "Newco".into(),
            id: None,
        },
        Edit::RenameVendor {
            id: "nobody".into(),
            name: "X".into(),
        },
    ];
    assert!(apply(&card, &Edit::Batch { edits }).is_err());
    let mut same = card.clone();
    assert!(
        perform(
            &mut same,
            &Edit::Batch {
                edits: vec![
                    Edit::AddVendor {
                        name: "Newco".into(),
                        id: Some("newco".into()),
                    },
                    Edit::RemoveVendor { id: "x".into() }
                ]
            }
        )
        .is_err()
    );
    assert_eq!(same, card, "a refused batch leaves the scorecard as it was");
}

#[test]
fn a_new_kind_takes_what_was_given_for_the_old_one_and_undo_brings_it_back() {
    let card = demo();
    let (_, _, rated) = first_rated(&card);
    let applied = apply(
        &card,
        &Edit::SetKind {
            id: rated.clone(),
            kind: "numeric".into(),
        },
    )
    .expect("kind");
    assert!(
        applied
            .scorecard
            .ratings
            .iter()
            .all(|r| r.requirement != rated.as_str())
    );
    assert!(
        applied
            .scorecard
            .consensus
            .iter()
            .all(|c| c.requirement != rated)
    );
    assert_eq!(errors(&applied.scorecard), 0);
    // The inverse (a restore, the core's own) puts everything back; by hand it is refused.
    let mut back = applied.scorecard.clone();
    perform(&mut back, &applied.inverse).expect("inverse");
    assert_eq!(back, card);
    let by_hand = apply(&applied.scorecard, &applied.inverse).expect_err("a restore by hand");
    assert_eq!(by_hand.field, "op");
    // Choosing the kind it has changes nothing.
    let same = apply(
        &card,
        &Edit::SetKind {
            id: rated,
            kind: "rating".into(),
        },
    )
    .expect("same");
    assert_eq!(same.touched, Touched::Nothing);
}

#[test]
fn ahp_judgments_and_an_added_child() {
    let card = demo();
    let ids: Vec<String> = card.criteria.iter().map(|c| c.id.clone()).collect();
    let mut session = Session::new(card.clone());
    session
        .apply(&Edit::SetMethod {
            category: String::new(),
            method: WeightingMethod::Ahp,
        })
        .expect("ahp");
    for (a, b) in [(0, 1), (1, 2), (2, 0)] {
        session
            .apply(&Edit::SetJudgment {
                category: String::new(),
                a: ids[a].clone(),
                b: ids[b].clone(),
                value: 9.0,
                evaluator: None,
                at: None,
            })
            .expect("judgment");
    }
    let top = session
        .report()
        .weightings
        .iter()
        .find(|w| w.category_id.is_empty())
        .expect("top")
        .clone();
    let ahp = top.ahp.expect("ahp");
    assert!(ahp.consistency_ratio > 0.1 && ahp.revisit.is_some());
    // The same judgments measured against Alonso and Lamata's random indices: the ratio is
    // divided by their RI(n) instead of Saaty's, and undo measures it as before.
    let ratio_of = |session: &Session| {
        let report = session.report();
        let top = report.weightings.iter().find(|w| w.category_id.is_empty());
        top.and_then(|w| w.ahp.as_ref())
            .map(|a| (a.table, a.consistency_ratio))
            .expect("ahp")
    };
    let n = top.children.len();
    let ri = |table| rfp_core::weighting::random_index(table, n).expect("in the table");
    let outcome = session
        .apply(&Edit::SetRandomIndex {
            table: rfp_core::RandomIndexTable::AlonsoLamata2006,
        })
        .expect("a table");
    assert_eq!(outcome.touched, rfp_core::edit::Touched::Scorecard);
    let (table, ratio) = ratio_of(&session);
    assert_eq!(table, rfp_core::RandomIndexTable::AlonsoLamata2006);
    assert!(
        (ratio * ri(table) - ahp.consistency_ratio * ri(rfp_core::RandomIndexTable::Saaty1980))
            .abs()
            < 1e-12
    );
    assert!(session.undo());
    assert_eq!(
        ratio_of(&session),
        (rfp_core::RandomIndexTable::Saaty1980, ahp.consistency_ratio)
    );
    session
        .apply(&Edit::AddCriterion {
            parent: None,
            name: "Security".into(),
            kind: "category".into(),
        })
        .expect("added");
    session
        .apply(&Edit::AddCriterion {
            parent: Some("security".into()),
            name: "SOC 2 Type II report".into(),
            kind: "yes_no".into(),
        })
        .expect("added");
    let security = find_criterion(&session.scorecard().criteria, "security").expect("there");
    assert_eq!(security.children[0].id, "security.soc_2_type_ii_report");
    assert_eq!(errors(session.scorecard()), 0);
    while session.undo() {}
    assert_eq!(**session.scorecard(), card);
    while session.redo() {}
    assert!(
        find_criterion(
            &session.scorecard().criteria,
            "security.soc_2_type_ii_report"
        )
        .is_some()
    );
    assert_eq!(**session.report(), score(session.scorecard()));
}

/// The edits that remake a rule from the one there: a numeric requirement's direction (a straight
/// curve's ends swap), its curve as steps and back, a choice's new option (its id from its label,
/// unique); a requirement of another kind is refused naming the id, and undo puts each rule back.
#[test]
fn rules_remade_from_the_one_there() {
    use rfp_core::edit::CurveShape;
    use rfp_core::{Better, Curve};
    let mut card = demo();
    // The demo's first requirement (a level down) whose rule `is` picks.
    let first = |is: fn(&Scoring) -> bool| {
        card.criteria
            .iter()
            .flat_map(|c| c.children.iter())
            .find(|c| c.scoring.as_ref().is_some_and(is))
            .map(|c| c.id.clone())
    };
    let numeric =
        first(|s| matches!(s, Scoring::Numeric(_))).expect("the demo has a numeric requirement");
    let choice = first(|s| matches!(s, Scoring::Choice(_))).expect("the demo has a choice");
    // A straight curve from 90 (worst) to 99.9 (best), higher better.
    if let Some(Scoring::Numeric(rule)) = &mut find_criterion_mut(&mut card, &numeric).scoring {
        rule.better = Better::Higher;
        rule.curve = Curve::linear(90.0, 99.9);
    }
    let numeric_rule =
        |session: &Session| match find_criterion(&session.scorecard().criteria, &numeric)
            .and_then(|c| c.scoring.clone())
        {
            Some(Scoring::Numeric(rule)) => rule,
            other => panic!("{other:?}"),
        };
    let mut session = Session::new(card.clone());
    session
        .apply(&Edit::SetDirection {
            id: numeric.clone(),
            higher: false,
        })
        .expect("lower is better");
    let rule = numeric_rule(&session);
    assert_eq!(rule.better, Better::Lower);
    assert_eq!(rule.curve, Curve::linear(99.9, 90.0), "the ends swap");
    session
        .apply(&Edit::SetCurveShape {
            id: numeric.clone(),
            shape: CurveShape::Steps,
        })
        .expect("steps");
    match numeric_rule(&session).curve {
        Curve::Steps(steps) => {
            let points: Vec<(f64, f64)> = steps.iter().map(|s| (s.at, s.score)).collect();
            assert_eq!(points, [(90.0, 1.0), (94.95, 0.5)]);
        }
        other => panic!("{other:?}"),
    }
    session
        .apply(&Edit::SetCurveShape {
            id: numeric.clone(),
            shape: CurveShape::Linear,
        })
        .expect("a line again");
    assert_eq!(numeric_rule(&session).curve, Curve::linear(94.95, 90.0));

    for label in ["Hosted by the vendor", "Hosted by the vendor"] {
        session
            .apply(&Edit::AddOption {
                id: choice.clone(),
                label: format!("  {label} "),
                points: 2.0,
            })
            .expect("an option");
    }
    match find_criterion(&session.scorecard().criteria, &choice).and_then(|c| c.scoring.clone()) {
        Some(Scoring::Choice(rule)) => {
            let added: Vec<(&str, &str)> = rule
                .options
                .iter()
                .rev()
                .take(2)
                .map(|o| (o.id.as_str(), o.label.as_str()))
                .collect();
            assert_eq!(
                added,
                [
                    ("hosted_by_the_vendor_2", "Hosted by the vendor"),
                    ("hosted_by_the_vendor", "Hosted by the vendor")
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    let refused = session
        .apply(&Edit::AddOption {
            id: numeric.clone(),
            label: "Yes".into(),
            points: 1.0,
        })
        .expect_err("not a choice");
    assert_eq!(refused.field, "id");
    assert!(
        refused
            .message
            .starts_with("Only a requirement scored as “one option” has options; "),
        "{}",
        refused.message
    );
    let empty = session
        .apply(&Edit::AddOption {
            id: choice.clone(),
            label: "  ".into(),
            points: 1.0,
        })
        .expect_err("no label");
    assert_eq!(empty.field, "label");
    let negative = session.apply(&Edit::AddOption {
        id: choice.clone(),
        label: "Minus".into(),
        points: -1.0,
    });
    assert!(negative.is_err(), "points below 0 are validate's to refuse");
    while session.undo() {}
    assert_eq!(**session.scorecard(), card);
    assert_eq!(**session.report(), score(session.scorecard()));

    // An answer naming an option the rule lacks keeps naming nothing: the new option's id is
    // another, and undo gives the answer back as it was.
    let mut odd = card.clone();
    odd.vendors[0]
        .answers
        .insert(choice.clone(), Answer::Text("via_a_partner".into()));
    let mut session = Session::new(odd.clone());
    assert_eq!(
        added_option_id(&mut session, &choice, "Via a partner"),
        "via_a_partner_2"
    );
    assert!(session.undo());
    assert_eq!(**session.scorecard(), odd);

    // Option ids must differ in more than case (the file's rule): beside an option "PARTNER",
    // a new option labelled "Partner" gets another id, and the edit is taken.
    let mut upper = card.clone();
    if let Some(Scoring::Choice(rule)) = &mut find_criterion_mut(&mut upper, &choice).scoring {
        let mut option = rule.options[0].clone();
        option.id = "PARTNER".into();
        rule.options.push(option);
    }
    let mut session = Session::new(upper);
    assert_eq!(
        added_option_id(&mut session, &choice, "Partner"),
        "partner_2"
    );
}

/// Add an option labelled `label` to the choice `choice` in `session`: the id it was given.
fn added_option_id(session: &mut Session, choice: &str, label: &str) -> String {
    session
        .apply(&Edit::AddOption {
            id: choice.to_owned(),
            label: label.into(),
            points: 1.0,
        })
        .expect("an option");
    match find_criterion(&session.scorecard().criteria, choice).and_then(|c| c.scoring.clone()) {
        Some(Scoring::Choice(rule)) => rule
            .options
            .last()
            .map(|o| o.id.clone())
            .unwrap_or_default(),
        other => panic!("{other:?}"),
    }
}

fn find_criterion_mut<'a>(
    card: &'a mut rfp_core::Scorecard,
    id: &str,
) -> &'a mut rfp_core::Criterion {
    card.criteria
        .iter_mut()
        .flat_map(|c| c.children.iter_mut())
        .find(|c| c.id == id)
        .expect("there")
}

#[test]
fn edits_read_and_write_as_json() {
    let text = r#"[
        {"op": "add_evaluator", "name": "Noor Haddad", "role": "it"},
        {"op": "rate", "evaluator": "noor_haddad", "vendor": "cedarchart", "requirement": "fit.usability.nursing", "score": 4},
        {"op": "set_answer", "vendor": "cedarchart", "requirement": "sla.uptime", "answer": 99.9},
        {"op": "set_share", "id": "cost", "percent": 25}
    ]"#;
    let edits: Vec<Edit> = serde_json::from_str(text).expect("edits");
    assert!(
        matches!(&edits[2], Edit::SetAnswer { answer: Some(Answer::Number(n)), .. } if *n == 99.9)
    );
    let again: Vec<Edit> =
        serde_json::from_str(&serde_json::to_string(&edits).expect("json")).expect("edits");
    assert_eq!(again, edits);
    let unknown = serde_json::from_str::<Edit>(
        r#"{"op": "rate", "evaluator": "a", "vendor": "b", "requirement": "c", "score": 1, "scroe": 2}"#,
    );
    assert!(
        unknown.is_err(),
        "a misspelt member is refused, not ignored"
    );
}

/// One random edit, made from the scorecard as it is: mostly sensible, sometimes not (unknown
/// ids, values off the scale, empty names), so refusals are exercised too.
fn make_edit(card: &Scorecard, pick: &[u32; 6], value: f64) -> Edit {
    let n = |i: usize, len: usize| if len == 0 { 0 } else { pick[i] as usize % len };
    let mut nodes = Vec::new();
    rfp_core::tree::walk(&card.criteria, &mut |node, _, _| nodes.push(node.clone()));
    let node = nodes.get(n(1, nodes.len())).cloned();
    let node_id = node
        .as_ref()
        .map_or_else(|| "none".to_owned(), |c| c.id.clone());
    let requirements: Vec<&rfp_core::Criterion> =
        nodes.iter().filter(|c| c.is_requirement()).collect();
    let rated: Vec<&&rfp_core::Criterion> = requirements
        .iter()
        .filter(|c| matches!(c.scoring, Some(Scoring::Rating(_))))
        .collect();
    let vendor = card
        .vendors
        .get(n(2, card.vendors.len()))
        .map_or("none".to_owned(), |v| v.id.clone());
    let evaluator = card
        .evaluators
        .get(n(3, card.evaluators.len()))
        .map_or("none".to_owned(), |e| e.id.clone());
    let rated_id = rated
        .get(n(4, rated.len()))
        .map_or("none".to_owned(), |c| c.id.clone());
    // A requirement of that kind, or (one time in four) any node, which the edit may refuse.
    let of_kind = |numeric: bool| {
        let list: Vec<&&rfp_core::Criterion> = requirements
            .iter()
            .filter(|c| match c.scoring {
                Some(Scoring::Numeric(_)) => numeric,
                Some(Scoring::Choice(_)) => !numeric,
                _ => false,
            })
            .collect();
        match list.get(n(4, list.len())) {
            Some(c) if pick[5] % 4 != 0 => c.id.clone(),
            _ => node_id.clone(),
        }
    };
    let categories: Vec<&rfp_core::Criterion> =
        nodes.iter().filter(|c| !c.is_requirement()).collect();
    let category = categories
        .get(n(4, categories.len()))
        .map_or(String::new(), |c| c.id.clone());
    let names = ["Interfaces", "Уровень", "", "  SOC 2 ", "Dr. Lee"];
    let name = names[n(5, names.len())].to_owned();
    let kinds = [
        "yes_no",
        "choice",
        "multi_choice",
        "numeric",
        "rating",
        "price",
        "category",
        "guess",
    ];
    let kind = kinds[n(5, kinds.len())].to_owned();
    let level = (value.abs() % 7.0).floor();
    let rate = Edit::Rate {
        evaluator: evaluator.clone(),
        vendor: vendor.clone(),
        requirement: rated_id.clone(),
        score: level,
        note: name.clone(),
        at: None,
    };
    match pick[0] % 26 {
        0 => Edit::AddCriterion {
            parent: (pick[5] % 3 != 0).then(|| category.clone()),
            name,
            kind,
        },
        1 => Edit::RemoveCriterion { id: node_id },
        2 => Edit::MoveCriterion {
            id: node_id,
            to: pick[4] as usize % 5,
        },
        3 => Edit::RenameCriterion { id: node_id, name },
        4 => Edit::SetShare {
            id: node_id,
            percent: value,
        },
        5 => Edit::SetKind { id: node_id, kind },
        6 => Edit::SetAnchor {
            id: rated_id,
            level: level as i32,
            text: name,
        },
        7 => Edit::SetGate {
            id: rated_id,
            gate: Some(Gate::AtLeast(level)),
        },
        8 => Edit::SetMethod {
            category,
            method: [
                WeightingMethod::Direct,
                WeightingMethod::Ahp,
                WeightingMethod::AhpGroup,
                WeightingMethod::RankOrderCentroid,
                WeightingMethod::Swing,
            ][n(5, 5)],
        },
        9 => {
            let ids: Vec<&rfp_core::Criterion> = match find_criterion(&card.criteria, &category) {
                Some(c) => c.children.iter().collect(),
                None => card.criteria.iter().collect(),
            };
            let a = ids
                .get(n(1, ids.len()))
                .map_or(String::new(), |c| c.id.clone());
            let b = ids
                .get(n(2, ids.len()))
                .map_or(String::new(), |c| c.id.clone());
            let parent = if find_criterion(&card.criteria, &category).is_some() {
                category
            } else {
                String::new()
            };
            Edit::SetJudgment {
                category: parent,
                a,
                b,
                value: 1.0 + level,
                // Half the judgments are an evaluator's own (group AHP).
                evaluator: (pick[4] % 2 == 0).then(|| evaluator.clone()),
                at: rfp_core::Stamp::from_millis(1.7e12 + f64::from(pick[5] % 1000)),
            }
        }
        10 => Edit::AddVendor { name, id: None },
        11 => Edit::RenameVendor { id: vendor, name },
        12 => Edit::RemoveVendor { id: vendor },
        13 => Edit::SetAnswer {
            vendor,
            requirement: requirements
                .get(n(1, requirements.len()))
                .map_or("none".into(), |c| c.id.clone()),
            answer: [
                None,
                Some(Answer::Bool(true)),
                Some(Answer::Number(value)),
                Some(Answer::Text("full".into())),
            ][n(5, 4)]
            .clone(),
        },
        23 if pick[4] % 5 == 0 => Edit::SetRandomIndex {
            table: rfp_core::RandomIndexTable::ALL[n(5, rfp_core::RandomIndexTable::ALL.len())],
        },
        23 if pick[4] % 5 == 1 => Edit::SetDirection {
            id: of_kind(true),
            higher: pick[5] % 2 == 0,
        },
        23 if pick[4] % 5 == 2 => Edit::SetCurveShape {
            id: of_kind(true),
            shape: if pick[5] % 2 == 0 {
                rfp_core::edit::CurveShape::Steps
            } else {
                rfp_core::edit::CurveShape::Linear
            },
        },
        23 if pick[4] % 5 == 3 => Edit::AddOption {
            id: of_kind(false),
            label: name,
            points: value,
        },
        23 => Edit::SetKnockout {
            policy: if pick[5] % 2 == 0 {
                rfp_core::KnockoutPolicy::Exclude
            } else {
                rfp_core::KnockoutPolicy::Flag
            },
        },
        14 => Edit::AddEvaluator {
            name,
            role: "nurse".into(),
        },
        15 => Edit::RenameEvaluator {
            id: evaluator,
            name,
        },
        16 => Edit::SetRole {
            id: evaluator,
            role: name,
        },
        17 => Edit::RemoveEvaluator { id: evaluator },
        18 => Edit::Attest {
            evaluator,
            no_conflict: pick[5] % 2 == 0,
            date: "2026-12-04".into(),
        },
        19 | 20 => rate,
        21 => Edit::ClearRating {
            evaluator,
            vendor,
            requirement: rated_id,
        },
        22 => Edit::SetConsensus {
            vendor,
            requirement: rated_id,
            value: level,
            rationale: name,
        },
        // An evaluator's packet comes back with a rating given again (or, when it cannot be
        // made or rated, as it went out), beside a file that is not a scorecard.
        25 => {
            let packet = rfp_core::merge::packet(card, &evaluator).unwrap_or_else(|_| card.clone());
            let rerated = apply(&packet, &rate).map_or(packet, |applied| applied.scorecard);
            let text = rfp_core::save(&rerated).unwrap_or_default();
            Edit::MergeFiles {
                files: vec![
                    rfp_core::edit::ReturnedText {
                        name: "returned.json".into(),
                        text,
                        accept_altered: false,
                    },
                    rfp_core::edit::ReturnedText {
                        name: "notes.txt".into(),
                        text: "{".into(),
                        accept_altered: false,
                    },
                ],
            }
        }
        _ => Edit::ClearConsensus {
            vendor,
            requirement: rated_id,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The laws of change: an accepted edit adds no validation error; its inverse gives the
    /// scorecard back; a session's report equals `score` of its scorecard after every edit,
    /// undo and redo (ratings rescored by cell); undoing everything gives the start back.
    #[test]
    fn edits_keep_the_scorecard_valid_and_undo_exactly(
        steps in prop::collection::vec((any::<[u32; 6]>(), -10.0f64..120.0), 1..28),
    ) {
        let start = demo();
        let mut session = Session::with_history(start.clone(), 1000);
        let mut applied_count = 0;
        // A copy of the session kept aside (as a view keeps an older state) and, now and
        // then, worked on again: the kept parts then describe the other copy.
        let mut aside: Option<(Session, usize)> = None;
        for (step, (pick, value)) in steps.iter().enumerate() {
            match pick[4] % 9 {
                0 => aside = Some((session.clone(), applied_count)),
                1 => {
                    if let Some((older, count)) = aside.take() {
                        aside = Some((std::mem::replace(&mut session, older), applied_count));
                        applied_count = count;
                    }
                }
                _ => {}
            }
            let card = (**session.scorecard()).clone();
            let edit = make_edit(&card, pick, *value);
            match apply(&card, &edit) {
                Ok(applied) => {
                    let before: Vec<String> = validate(&card).into_iter().filter(|d| d.severity == Severity::Error).map(|d| d.message).collect();
                    for d in validate(&applied.scorecard).into_iter().filter(|d| d.severity == Severity::Error) {
                        prop_assert!(before.contains(&d.message), "step {}: {:?} added {}", step, edit, d);
                    }
                    let back = apply(&applied.scorecard, &applied.inverse);
                    let mut back_unchecked = applied.scorecard.clone();
                    perform(&mut back_unchecked, &applied.inverse).expect("an inverse applies");
                    prop_assert_eq!(&back_unchecked, &card, "step {}: inverse of {:?}", step, edit);
                    if let Ok(back) = back {
                        prop_assert_eq!(&back.scorecard, &card);
                    }
                    let outcome = session.apply(&edit).expect("the session takes what apply takes");
                    prop_assert_eq!(&outcome.touched, &applied.touched);
                    prop_assert_eq!(&**session.scorecard(), &applied.scorecard);
                    if applied.touched != Touched::Nothing {
                        applied_count += 1;
                    }
                }
                Err(_) => {
                    prop_assert!(session.apply(&edit).is_err(), "step {}: the session refuses what apply refuses: {:?}", step, edit);
                    prop_assert_eq!(&**session.scorecard(), &card, "a refusal changes nothing");
                }
            }
            prop_assert_eq!(&**session.report(), &score(session.scorecard()), "step {}: after {:?}", step, edit);
            // Now and then, one step back and forth again.
            if pick[5] % 5 == 0 && session.undo() {
                prop_assert_eq!(&**session.report(), &score(session.scorecard()));
                prop_assert!(session.redo());
                prop_assert_eq!(&**session.report(), &score(session.scorecard()));
            }
        }
        let end = (**session.scorecard()).clone();
        let mut undone = 0;
        while session.undo() {
            undone += 1;
            prop_assert_eq!(&**session.report(), &score(session.scorecard()));
        }
        prop_assert_eq!(undone, applied_count);
        prop_assert_eq!(&**session.scorecard(), &start);
        while session.redo() {}
        prop_assert_eq!(&**session.scorecard(), &end);
    }
}

/// One edit list, the same result everywhere: this golden file is what the command line
/// (`rfp edit`), the JavaScript API (`Session.apply`) and the site (`Action::Apply`) must give
/// too — each has a test reading the same two files. `UPDATE_EXPECT=1` rewrites it.
#[test]
fn the_shared_edit_list_gives_the_golden_scorecard() {
    let edits_path = data_dir().join("edits/committee.edits.json");
    let expected_path = data_dir().join("edits/committee.expected.json");
    let edits: Vec<Edit> =
        serde_json::from_str(&std::fs::read_to_string(&edits_path).expect("edits")).expect("edits");
    let mut session = Session::new(demo());
    for (index, edit) in edits.iter().enumerate() {
        let outcome = session
            .apply(edit)
            .unwrap_or_else(|e| panic!("edit {}: {e}", index + 1));
        assert_ne!(
            outcome.touched,
            Touched::Nothing,
            "edit {} changes something",
            index + 1
        );
    }
    assert_eq!(errors(session.scorecard()), 0);
    let text = rfp_core::save(session.scorecard()).expect("saves");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &text).expect("written");
    }
    let expected = rfp_core::load(&std::fs::read_to_string(&expected_path).expect("expected"))
        .expect("loads")
        .scorecard;
    assert_eq!(**session.scorecard(), expected);
    // Undone one by one, it is the demo again.
    while session.undo() {}
    assert_eq!(**session.scorecard(), demo());
}

#[test]
fn one_option_or_several_keeps_the_options_and_the_answers() {
    let card = demo();
    let id = "fit.usability.mobile";
    let several = apply(
        &card,
        &Edit::SetKind {
            id: id.into(),
            kind: "multi_choice".into(),
        },
    )
    .expect("several");
    let before = find_criterion(&card.criteria, id).expect("there");
    let after = find_criterion(&several.scorecard.criteria, id).expect("there");
    let (Some(Scoring::Choice(old)), Some(Scoring::Choice(new))) =
        (&before.scoring, &after.scoring)
    else {
        panic!("choices")
    };
    assert_eq!(old.options, new.options);
    assert!(new.multiple);
    for (was, is) in card.vendors.iter().zip(&several.scorecard.vendors) {
        match (was.answers.get(id), is.answers.get(id)) {
            (Some(Answer::Text(one)), Some(Answer::List(list))) => {
                assert_eq!(list, &vec![one.clone()])
            }
            (None, None) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        apply(&several.scorecard, &several.inverse)
            .expect("back")
            .scorecard,
        card
    );
    // Back to one option is refused while a vendor chose two, naming the vendor.
    let mut two = several.scorecard.clone();
    let option_ids: Vec<String> = old.options.iter().map(|o| o.id.clone()).collect();
    two.vendors[0]
        .answers
        .insert(id.into(), Answer::List(option_ids[..2].to_vec()));
    let error = apply(
        &two,
        &Edit::SetKind {
            id: id.into(),
            kind: "choice".into(),
        },
    )
    .expect_err("two chosen");
    assert!(
        error.message.contains(&two.vendors[0].name),
        "{}",
        error.message
    );
}

/// Undo never fails and a refusal changes nothing, whatever the file held: a blank name or a
/// padded role comes back exactly; an id that orphaned ratings still name is not reused.
#[test]
fn inverses_put_back_what_the_file_held_exactly() {
    let mut card = demo();
    card.vendors[0].name = String::new();
    card.evaluators[0].role = "  physician ".into();
    card.vendors[1]
        .comments
        .insert("sla.uptime".into(), String::new());
    let vendor = card.vendors[0].id.clone();
    let evaluator = card.evaluators[0].id.clone();
    let mut session = Session::new(card.clone());
    // A batch whose second edit is refused: the first is carried back, exactly.
    let refused = session.apply(&Edit::Batch {
        edits: vec![
            Edit::RenameVendor {
                id: vendor.clone(),
                name: "Acme".into(),
            },
            Edit::SetWeights {
                weights: [("cost".into(), -1.0)].into(),
            },
        ],
    });
    assert!(refused.is_err());
    assert_eq!(**session.scorecard(), card);
    assert_eq!(**session.report(), score(&card));
    session
        .apply(&Edit::RenameVendor {
            id: vendor,
            name: "Acme".into(),
        })
        .expect("renamed");
    session
        .apply(&Edit::SetRole {
            id: evaluator,
            role: "nurse".into(),
        })
        .expect("role");
    let comment = Edit::SetComment {
        vendor: card.vendors[1].id.clone(),
        requirement: "sla.uptime".into(),
        text: String::new(),
    };
    assert_ne!(
        session.apply(&comment).expect("removed").touched,
        Touched::Nothing,
        "an empty comment is removed"
    );
    while session.undo() {}
    assert_eq!(**session.scorecard(), card);
    // Ratings of a vendor no longer in the file keep their id to themselves.
    let mut orphaned = demo();
    let gone = orphaned.vendors.remove(0);
    orphaned.consensus.retain(|c| c.vendor != gone.id);
    let mut session = Session::new(orphaned.clone());
    session
        .apply(&Edit::AddVendor {
            name: gone.name.clone(),
            id: None,
        })
        .expect("added");
    let added = session
        .scorecard()
        .vendors
        .last()
        .expect("the new vendor")
        .id
        .clone();
    assert_ne!(added, gone.id);
    assert!(session.undo());
    assert_eq!(**session.scorecard(), orphaned);
}

#[test]
fn a_consensus_agreed_before_the_ratings_changed_is_flagged_until_it_is_set_again() {
    let demo = demo();
    let settled = demo.consensus[0].clone();
    let stale = |card: &Scorecard| {
        let report = score(card);
        let warned = report
            .diagnostics
            .iter()
            .filter(|d| matches!(d.location, rfp_core::location::Location::Consensus { .. }))
            .map(|d| d.message.clone())
            .collect::<Vec<_>>();
        let flagged = report
            .disagreements
            .iter()
            .any(|d| d.vendor_id.as_str() == settled.vendor && d.stale_consensus);
        (warned, flagged)
    };
    // A value written before schema version 2 records no ratings: never stale.
    assert!(settled.basis.is_empty());
    assert_eq!(stale(&demo), (Vec::new(), false));
    // Set through the core, it records the ratings as they count.
    let set = Edit::SetConsensus {
        vendor: settled.vendor.clone(),
        requirement: settled.requirement.clone(),
        value: settled.value,
        rationale: settled.rationale.clone(),
    };
    let agreed = apply(&demo, &set).expect("set").scorecard;
    let basis = &agreed.consensus[0].basis;
    assert_eq!(basis.len(), 3, "{basis:?}");
    assert_eq!(stale(&agreed), (Vec::new(), false));
    // One evaluator changes their rating afterwards (a later returned file, or the page).
    let (evaluator, level) = basis.iter().next().map(|(e, l)| (e.clone(), *l)).unwrap();
    let changed = apply(
        &agreed,
        &Edit::Rate {
            evaluator: evaluator.clone(),
            vendor: settled.vendor.clone(),
            requirement: settled.requirement.clone(),
            score: if level >= 3.0 {
                level - 1.0
            } else {
                level + 1.0
            },
            note: String::new(),
            at: None,
        },
    )
    .expect("rated")
    .scorecard;
    let (warned, flagged) = stale(&changed);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].contains("before the ratings changed") && warned[0].contains("Merrow"),
        "{}",
        warned[0]
    );
    assert!(flagged, "the disagreement list says so too");
    // The memo lists it with the value.
    let report = score(&changed);
    let analysis = rfp_core::analysis::analyse(&changed, &report);
    let memo = rfp_core::memo::markdown(&changed, &report, &analysis, "2026-12-05");
    assert!(memo.contains("agreed before the ratings changed"), "{memo}");
    // Setting it again confirms it against the ratings now; undo brings the flag back.
    let confirmed = apply(&changed, &set).expect("set again");
    assert_eq!(stale(&confirmed.scorecard), (Vec::new(), false));
    let undone = apply(&confirmed.scorecard, &confirmed.inverse)
        .expect("undone")
        .scorecard;
    assert_eq!(undone, changed);
    // A rating taken back is a change too.
    let gone = apply(
        &agreed,
        &Edit::ClearRating {
            evaluator,
            vendor: settled.vendor.clone(),
            requirement: settled.requirement.clone(),
        },
    )
    .expect("cleared")
    .scorecard;
    assert!(
        stale(&gone).0[0].contains("no rating"),
        "{:?}",
        stale(&gone).0
    );
}

#[test]
fn returned_files_merge_as_an_edit_with_a_verdict_per_file_and_undo_takes_it_back() {
    use rfp_core::edit::ReturnedText;
    use rfp_core::merge::{FileVerdict, packet};
    let base = demo();
    // Osei's packet comes back with one rating changed through the core (a later revision).
    let mut osei = Session::new(packet(&base, "osei").expect("packet"));
    let (evaluator, vendor, requirement) = base
        .ratings
        .iter()
        .find(|r| r.evaluator == "osei")
        .map(|r| {
            (
                r.evaluator.to_string(),
                r.vendor.to_string(),
                r.requirement.to_string(),
            )
        })
        .expect("a rating by osei");
    osei.apply(&Edit::Rate {
        evaluator,
        vendor: vendor.clone(),
        requirement: requirement.clone(),
        score: 1.0,
        note: "second look".into(),
        at: Some(rfp_core::stamp::Stamp::parse("2026-12-01T10:00:00Z").expect("stamp")),
    })
    .expect("rated");
    let returned = rfp_core::save(osei.scorecard()).expect("save");
    // The same file altered by hand (its checksum left as it was), and one that is not a file.
    let altered = returned.replacen("second look", "second look, changed", 1);
    let file = |name: &str, text: &str| ReturnedText {
        name: name.into(),
        text: text.into(),
        accept_altered: false,
    };
    let edit = Edit::MergeFiles {
        files: vec![
            file("osei.json", &returned),
            file("osei-altered.json", &altered),
            file("notes.txt", "not a scorecard"),
        ],
    };
    // It reads and writes as JSON like any edit.
    let json = serde_json::to_string(&edit).expect("json");
    assert!(json.starts_with(r#"{"op":"merge_files","files":[{"name":"osei.json""#));
    assert_eq!(serde_json::from_str::<Edit>(&json).expect("edit"), edit);

    let mut session = Session::new(base.clone());
    let outcome = session.apply(&edit).expect("applied");
    assert_eq!(outcome.touched, Touched::Scorecard);
    let [merge] = &outcome.merges[..] else {
        panic!("{:?}", outcome.merges)
    };
    let verdicts: Vec<(&str, &str)> = merge
        .files
        .iter()
        .map(|(name, verdict)| {
            let word = match verdict {
                FileVerdict::Merged => "merged",
                FileVerdict::MergedAltered => "merged altered",
                FileVerdict::Altered(_) => "altered",
                FileVerdict::Refused(_) => "refused",
            };
            (name.as_str(), word)
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("osei.json", "merged"),
            ("osei-altered.json", "altered"),
            ("notes.txt", "refused")
        ]
    );
    assert_eq!(merge.updated, 1);
    assert!(merge.conflicts.is_empty());
    // The rating given last counts; the report is the scorer's for the result.
    let counts = session
        .scorecard()
        .ratings
        .iter()
        .filter(|r| r.evaluator == "osei" && r.vendor == vendor && r.requirement == requirement)
        .max_by_key(|r| r.precedence())
        .expect("rated");
    assert_eq!((counts.score, counts.note.as_ref()), (1.0, "second look"));
    assert_eq!(**session.report(), score(session.scorecard()));
    // The same as `apply`, and the same as the merge itself.
    let applied = apply(&base, &edit).expect("applies");
    assert_eq!(&applied.scorecard, &**session.scorecard());
    assert_eq!(applied.merges, outcome.merges);

    // Undo takes the whole merge back; redo merges again.
    let merged = session.scorecard().clone();
    assert!(session.undo());
    assert_eq!(**session.scorecard(), base);
    assert_eq!(**session.report(), score(&base));
    assert!(session.redo());
    assert_eq!(session.scorecard(), &merged);

    // Merging the same file again changes nothing, and says so per file.
    let again = session
        .apply(&Edit::MergeFiles {
            files: vec![file("osei.json", &returned)],
        })
        .expect("applied");
    assert_eq!(again.touched, Touched::Nothing);
    assert_eq!(again.merges[0].files[0].1, FileVerdict::Merged);
    assert_eq!(again.merges[0].updated, 0);
    // No file at all is a refusal naming the field.
    let none = session
        .apply(&Edit::MergeFiles { files: Vec::new() })
        .expect_err("refused");
    assert_eq!(none.field, "files");
}

#[test]
fn a_rating_scale_changes_only_when_nothing_would_fall_outside_it() {
    let card = demo();
    let id = card.ratings[0].requirement.to_string();
    let Some(Scoring::Rating(rule)) =
        find_criterion(&card.criteria, &id).and_then(|c| c.scoring.clone())
    else {
        panic!("the first rating is of a rating requirement");
    };
    let with_scale = |min: i32, max: i32| Edit::SetRule {
        id: id.clone(),
        rule: Scoring::Rating(rfp_core::RatingRule {
            min,
            max,
            ..rule.clone()
        }),
    };
    // Wider: nothing is in the way.
    let wider = apply(&card, &with_scale(rule.min, rule.max + 5)).expect("wider");
    assert_eq!(errors(&wider.scorecard), 0);
    // Narrower than the ratings and anchors given: refused, naming them all at once.
    let refused = apply(&card, &with_scale(rule.min, rule.min + 1)).expect_err("narrower");
    assert_eq!(refused.field, "rule");
    for words in [
        "would leave out",
        "rating(s)",
        "anchors of level",
        "change those first",
    ] {
        assert!(
            refused.message.contains(words),
            "{words}: {}",
            refused.message
        );
    }
    // A file that already holds a rating outside its scale: the scale widens to take it in,
    // and undo goes back to the scale that was there (undo is not refused for what it leaves
    // out), as does taking back a batch that failed half-way.
    let mut outside = card.clone();
    let index = outside
        .ratings
        .iter()
        .position(|r| r.requirement == id.as_str())
        .expect("rated");
    outside.ratings[index].score = f64::from(rule.max + 1);
    let mut session = Session::new(outside.clone());
    session
        .apply(&with_scale(rule.min, rule.max + 1))
        .expect("wider takes the rating in");
    assert!(session.undo(), "undo goes back to the scale that was there");
    assert_eq!(**session.scorecard(), outside);
    assert!(session.redo());
    let mut session = Session::new(outside.clone());
    let half_way = Edit::Batch {
        edits: vec![
            with_scale(rule.min, rule.max + 1),
            Edit::RenameVendor {
                id: "nobody".into(),
                name: "X".into(),
            },
        ],
    };
    assert!(session.apply(&half_way).is_err());
    assert_eq!(
        **session.scorecard(),
        outside,
        "the batch is taken back whole"
    );
    // A scale that is no scale, or wider than allowed: validation's problem, at the place.
    for (low, high) in [(3, 3), (0, 500)] {
        let refused = apply(&card, &with_scale(low, high)).expect_err("refused");
        assert!(
            refused
                .diagnostics
                .iter()
                .any(|d| d.location.to_string().ends_with("rating")),
            "{low}–{high}: {refused:?}"
        );
    }
}

/// A removal says what it took with it, counted by the core from what Undo puts back — the
/// notice a person reads after removing a category, a vendor or an evaluator.
#[test]
fn a_removal_says_what_it_took_with_it() {
    use rfp_core::edit::Removed;
    let card = demo();
    let category = card.criteria[0].clone();
    let mut inside = std::collections::BTreeSet::new();
    rfp_core::tree::walk(std::slice::from_ref(&category), &mut |node, _, _| {
        if node.is_requirement() {
            inside.insert(node.id.clone());
        }
    });
    let given = |keys: Vec<&String>| keys.into_iter().filter(|k| inside.contains(*k)).count();
    let expected = Removed {
        requirements: inside.len(),
        answers: card
            .vendors
            .iter()
            .map(|v| given(v.answers.keys().collect()) + given(v.comments.keys().collect()))
            .sum(),
        ratings: card
            .ratings
            .iter()
            .filter(|r| inside.contains(r.requirement.as_str()))
            .count(),
        consensus: card
            .consensus
            .iter()
            .filter(|c| inside.contains(&c.requirement))
            .count(),
        judgments: 0,
    };
    assert!(expected.requirements > 0 && expected.answers > 0 && expected.ratings > 0);
    let mut session = Session::new(card.clone());
    let outcome = session
        .apply(&Edit::RemoveCriterion {
            id: category.id.clone(),
        })
        .expect("removed");
    assert_eq!(outcome.removed, Some(expected));

    let vendor = &card.vendors[0];
    let outcome = Session::new(card.clone())
        .apply(&Edit::RemoveVendor {
            id: vendor.id.clone(),
        })
        .expect("removed");
    let removed = outcome.removed.expect("a removal");
    assert_eq!(
        removed.ratings,
        card.ratings
            .iter()
            .filter(|r| r.vendor == vendor.id.as_str())
            .count()
    );
    assert_eq!(
        removed.answers,
        vendor.answers.len() + vendor.comments.len()
    );

    let evaluator = &card.evaluators[0];
    let outcome = Session::new(card.clone())
        .apply(&Edit::RemoveEvaluator {
            id: evaluator.id.clone(),
        })
        .expect("removed");
    assert_eq!(
        outcome.removed.map(|r| r.ratings),
        Some(
            card.ratings
                .iter()
                .filter(|r| r.evaluator == evaluator.id.as_str())
                .count()
        )
    );
    // Other edits remove nothing.
    let outcome = session
        .apply(&Edit::RenameVendor {
            id: card.vendors[1].id.clone(),
            name: "Another name".into(),
        })
        .expect("renamed");
    assert_eq!(outcome.removed, None);
}

/// The rule forms of the site send a whole rule; what a rule may be is the core's to say, in
/// words a person can act on at the field (the site shows them after the field's label).
#[test]
fn a_rule_that_cannot_score_is_refused_in_the_words_the_form_shows() {
    use rfp_core::{Better, Curve, NumericRule, Scoring, Step};
    let card = demo();
    let find = |kind: fn(&Scoring) -> bool| {
        let mut found = None;
        rfp_core::tree::walk(&card.criteria, &mut |node, _, _| {
            if found.is_none() && node.scoring.as_ref().is_some_and(kind) {
                found = Some((node.id.clone(), node.scoring.clone().expect("a rule")));
            }
        });
        found.expect("the demo has one")
    };
    let refused = |id: &str, rule: Scoring| {
        let error = rfp_core::edit::apply(
            &card,
            &Edit::SetRule {
                id: id.to_owned(),
                rule,
            },
        )
        .expect_err("refused");
        error.diagnostics[0].message.clone()
    };
    let (choice, Scoring::Choice(rule)) = find(|s| matches!(s, Scoring::Choice(_))) else {
        unreachable!()
    };
    let mut none = rule.clone();
    none.options.clear();
    assert_eq!(
        refused(&choice, Scoring::Choice(none)),
        "a choice needs at least one option"
    );
    let mut negative = rule.clone();
    negative.options[0].points = -5.0;
    assert_eq!(
        refused(&choice, Scoring::Choice(negative)),
        "expected points of 0 or more, found -5"
    );

    let (numeric, _) = find(|s| matches!(s, Scoring::Numeric(_)));
    let numeric_rule = |curve: Curve| {
        Scoring::Numeric(NumericRule {
            unit: String::new(),
            better: Better::Higher,
            curve,
            extra: Default::default(),
        })
    };
    let step = |at: f64, score: f64| Step {
        at,
        score,
        extra: Default::default(),
    };
    assert_eq!(
        refused(&numeric, numeric_rule(Curve::Steps(Vec::new()))),
        "a stepped curve needs at least one step"
    );
    assert_eq!(
        refused(
            &numeric,
            numeric_rule(Curve::Steps(vec![step(5.0, 1.0), step(5.0, 0.5)]))
        ),
        "another step is already at 5"
    );
    // −0 and 0 are one threshold.
    assert_eq!(
        refused(
            &numeric,
            numeric_rule(Curve::Steps(vec![step(0.0, 1.0), step(-0.0, 0.5)]))
        ),
        "another step is already at 0"
    );
    assert_eq!(
        refused(&numeric, numeric_rule(Curve::Steps(vec![step(5.0, 2.0)]))),
        "expected a score from 0 to 1, found 2"
    );
    assert_eq!(
        refused(&numeric, numeric_rule(Curve::linear(99.0, 98.0))),
        "higher is better, but best (98) is lower than worst (99)"
    );
    assert_eq!(
        refused(&numeric, numeric_rule(Curve::linear(7.0, 7.0))),
        "worst and best are both 7; they must differ"
    );
}

/// Group AHP through the session: each evaluator's judgments of the top-level categories,
/// combined by their geometric mean when the method is `ahp_group`; an evaluator who compared
/// every pair has a consistency ratio of their own; removing an evaluator takes their
/// judgments with them and Undo puts them back where they were.
#[test]
fn evaluators_judge_for_group_ahp_and_leave_with_their_judgments() {
    use rfp_core::WeightingMethod;
    let card = demo();
    let top: Vec<String> = card.criteria.iter().map(|c| c.id.clone()).collect();
    let (first, second) = (card.evaluators[0].id.clone(), card.evaluators[1].id.clone());
    let mut session = Session::new(card.clone());
    let judge = |session: &mut Session, evaluator: &str, a: usize, b: usize, value: f64| {
        session
            .apply(&Edit::SetJudgment {
                category: String::new(),
                a: top[a].clone(),
                b: top[b].clone(),
                value,
                evaluator: Some(evaluator.to_owned()),
                at: None,
            })
            .expect("judged")
    };
    // The first evaluator compares every pair: the first category 3× each other one, the
    // others equal. The second compares only the first two: equal.
    for a in 0..top.len() {
        for b in a + 1..top.len() {
            judge(&mut session, &first, a, b, if a == 0 { 3.0 } else { 1.0 });
        }
    }
    judge(&mut session, &second, 0, 1, 1.0);
    let refused = session
        .apply(&Edit::SetJudgment {
            category: String::new(),
            a: top[0].clone(),
            b: top[1].clone(),
            value: 3.0,
            evaluator: Some("nobody".into()),
            at: None,
        })
        .expect_err("not on the committee");
    assert_eq!(refused.field, "evaluator");

    session
        .apply(&Edit::SetMethod {
            category: String::new(),
            method: WeightingMethod::AhpGroup,
        })
        .expect("group AHP");
    assert_eq!(errors(session.scorecard()), 0);
    let report = std::rc::Rc::clone(session.report());
    assert_eq!(*report, score(session.scorecard()));
    let weighting = report
        .weightings
        .iter()
        .find(|w| w.category_id.is_empty())
        .expect("the top level");
    assert_eq!(weighting.method, WeightingMethod::AhpGroup);
    let group = weighting.ahp_group.as_ref().expect("the group's AHP");
    // By hand: the first pair's judgments are 3 and 1 (geometric mean √3), every other pair
    // with the first category is 3, the rest 1.
    let n = top.len();
    let first_over = |j: usize| if j == 1 { 3f64.sqrt() } else { 3.0 };
    let matrix: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| match (i, j) {
                    (0, 0) => 1.0,
                    (0, j) => first_over(j),
                    (i, 0) => 1.0 / first_over(i),
                    _ => 1.0,
                })
                .collect()
        })
        .collect();
    let expected = rfp_core::weighting::ahp(&matrix, card.settings.random_index).expect("ahp");
    for (a, e) in group.group.weights.iter().zip(&expected.weights) {
        assert!(
            (a - e).abs() < 1e-9,
            "{:?} vs {:?}",
            group.group.weights,
            expected.weights
        );
    }
    assert!((group.group.consistency_ratio - expected.consistency_ratio).abs() < 1e-9);
    let own: Vec<(&str, usize, bool)> = group
        .evaluators
        .iter()
        .map(|e| (e.evaluator_id.as_str(), e.pairs, e.own.is_some()))
        .collect();
    assert_eq!(
        own,
        [
            (first.as_str(), n * (n - 1) / 2, true),
            (second.as_str(), 1, false)
        ]
    );
    let first_own = group.evaluators[0].own.as_ref().expect("complete");
    assert!(
        first_own.consistency_ratio.abs() < 1e-9,
        "consistent by construction"
    );

    // Removing a category takes the judgments comparing it, and says how many: the first
    // evaluator's n − 1 and the second's one.
    let removed = Session::new((**session.scorecard()).clone())
        .apply(&Edit::RemoveCriterion { id: top[1].clone() })
        .expect("removed")
        .removed
        .expect("a removal");
    assert_eq!(removed.judgments, n);

    // Removing the first evaluator takes their judgments; Undo puts them back exactly.
    let before = session.scorecard().clone();
    let outcome = session
        .apply(&Edit::RemoveEvaluator { id: first.clone() })
        .expect("removed");
    assert_eq!(outcome.removed.map(|r| r.judgments), Some(n * (n - 1) / 2));
    assert_eq!(errors(session.scorecard()), 0);
    let left = session
        .scorecard()
        .settings
        .top_weighting
        .as_ref()
        .expect("kept");
    assert!(
        left.pairwise
            .iter()
            .all(|c| c.evaluator.as_deref() != Some(first.as_str()))
    );
    assert!(session.undo(), "undone");
    assert_eq!(**session.scorecard(), *before);

    // In a file, a judgment by someone not on the committee is an error at its place.
    let mut stray = (**session.scorecard()).clone();
    stray.evaluators.retain(|e| e.id != second);
    let problems = validate(&stray);
    assert!(
        problems.iter().any(|d| d.severity == Severity::Error
            && d.location
                .to_string()
                .starts_with("settings.top_weighting.pairwise[")
            && d.message.contains("not on the committee")),
        "{problems:?}"
    );
}

/// An evaluator judges in their own packet (group AHP); the chair merges the returned file and
/// the group's weights take their judgment; Undo takes the merge back exactly.
#[test]
fn an_evaluators_judgments_come_back_with_their_packet() {
    use rfp_core::WeightingMethod;
    use rfp_core::edit::ReturnedText;
    let card = demo();
    let top: Vec<String> = card.criteria.iter().map(|c| c.id.clone()).collect();
    let evaluator = card.evaluators[0].id.clone();
    let mut chair = Session::new(card.clone());
    chair
        .apply(&Edit::SetMethod {
            category: String::new(),
            method: WeightingMethod::AhpGroup,
        })
        .expect("group AHP");
    // The evaluator's packet, judged in their copy.
    let mut theirs =
        Session::new(rfp_core::merge::packet(chair.scorecard(), &evaluator).expect("a packet"));
    theirs
        .apply(&Edit::SetJudgment {
            category: String::new(),
            a: top[0].clone(),
            b: top[1].clone(),
            value: 5.0,
            evaluator: Some(evaluator.clone()),
            at: rfp_core::Stamp::from_millis(1.8e12),
        })
        .expect("judged");
    let text = rfp_core::save(theirs.scorecard()).expect("saved");
    let before = (**chair.scorecard()).clone();
    let outcome = chair
        .apply(&Edit::MergeFiles {
            files: vec![ReturnedText {
                name: "packet.json".into(),
                text,
                accept_altered: false,
            }],
        })
        .expect("merged");
    assert_ne!(outcome.touched, Touched::Nothing);
    let group = chair
        .report()
        .weightings
        .iter()
        .find(|w| w.category_id.is_empty())
        .and_then(|w| w.ahp_group.clone())
        .expect("the group's AHP");
    assert_eq!(group.evaluators.len(), 1);
    assert_eq!(group.evaluators[0].evaluator_id, evaluator);
    assert!(group.group.weights[0] > group.group.weights[1]);
    assert_eq!(errors(chair.scorecard()), 0);
    assert!(chair.undo(), "undone");
    assert_eq!(**chair.scorecard(), before);
}

/// A one-vendor answer sheet belongs to the vendor of that name, else to the vendor whose id the
/// name makes, else to a new vendor: the one rule (`existing_vendor`) the site and `rfp
/// import-csv answers --vendor` both follow.
#[test]
fn a_one_vendor_sheet_is_matched_by_name_then_by_id() {
    let demo = demo();
    let merrow = demo
        .vendors
        .iter()
        .find(|v| v.id == "merrow")
        .expect("merrow");
    assert_ne!(
        rfp_core::csv_io::slug(&merrow.name),
        merrow.id,
        "name and id differ"
    );
    let sheet = "requirement,answer,comment\r\nfit.usability.patient_portal,no,\r\n";
    let portal = |card: &Scorecard, vendor: &str| {
        card.vendors
            .iter()
            .find(|v| v.id == vendor)
            .and_then(|v| v.answers.get("fit.usability.patient_portal").cloned())
    };
    for (named, vendor) in [
        // The name as the scorecard has it (not the id's slug).
        ("Merrow Health Systems", "merrow"),
        // Spaces around a name are no other name.
        ("  Merrow Health Systems ", "merrow"),
        // A name whose slug is an existing vendor's id.
        ("Merrow", "merrow"),
    ] {
        let read = rfp_core::edit::answer_sheet(&demo, "one.csv", sheet, Some(named));
        let applied = apply(&demo, &read.edit.expect("an edit")).expect("applied");
        assert_eq!(
            applied.scorecard.vendors.len(),
            demo.vendors.len(),
            "{named}"
        );
        assert_eq!(
            portal(&applied.scorecard, vendor),
            Some(Answer::Bool(false)),
            "{named}"
        );
    }
    // Any other name is a new vendor, with an id made from it.
    let read = rfp_core::edit::answer_sheet(&demo, "one.csv", sheet, Some("Merrow Health"));
    let applied = apply(&demo, &read.edit.expect("an edit")).expect("applied");
    assert_eq!(applied.scorecard.vendors.len(), demo.vendors.len() + 1);
    assert_eq!(
        portal(&applied.scorecard, "merrow_health"),
        Some(Answer::Bool(false))
    );
    assert_eq!(
        portal(&applied.scorecard, "merrow"),
        portal(&demo, "merrow")
    );
}
