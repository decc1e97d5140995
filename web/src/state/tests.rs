//! The state's tests: every action through the reducer, natively and (in headless Chromium)
//! as wasm-bindgen tests.
use super::*;
use rfp_core::Rating;
// In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn reduce(state: State, action: Action) -> State {
    (*Rc::new(state).reduce(action)).clone()
}

fn totals(state: &State) -> Vec<(String, f64)> {
    let report = &state.report;
    report
        .vendors
        .iter()
        .map(|v| (v.name.clone(), v.total))
        .collect()
}

#[test]
fn the_demo_opens_scored() {
    let state = State::demo();
    assert_eq!(state.report.vendors.len(), 4);
    assert_eq!(*state.report, rfp_core::score(&state.scorecard));
}

#[test]
fn the_page_opens_on_the_demo_when_its_file_comes_and_not_over_other_work() {
    let awaiting = State::awaiting_demo();
    assert!(awaiting.awaiting_demo && awaiting.scorecard.criteria.is_empty());
    let demo_file = || Ok(rfp_templates::DEMO_FILE.to_owned());
    // The file comes: the demo, scored, with nothing to undo and nothing unsaved.
    let shown = reduce(awaiting.clone(), Action::DemoFetched(demo_file()));
    assert_eq!(shown.scorecard, State::demo().scorecard);
    assert_eq!(*shown.report, rfp_core::score(&shown.scorecard));
    assert!(!shown.awaiting_demo && !shown.can_undo() && !shown.unsaved);
    assert_eq!(shown.file_name, "demo-scorecard.json");
    assert_eq!(shown.notice, None);
    // It comes only once.
    let again = reduce(weight(&shown, "7"), Action::DemoFetched(demo_file()));
    assert_eq!(again.scorecard, weight(&shown, "7").scorecard);
    // A file opened before it came stays, and undo has no empty scorecard to go back to.
    let text = rfp_core::file::save(&rfp_templates::demo()).expect("saves");
    let opened = reduce(
        awaiting.clone(),
        Action::Open {
            file_name: "mine.json".into(),
            text,
        },
    );
    assert!(!opened.awaiting_demo && !opened.can_undo());
    let kept = reduce(opened.clone(), Action::DemoFetched(demo_file()));
    assert_eq!(kept.file_name, "mine.json");
    // A change made before it came stays too.
    let changed = reduce(awaiting.clone(), Action::AddVendor("Early EHR".into()));
    assert!(!changed.awaiting_demo);
    let kept = reduce(changed.clone(), Action::DemoFetched(demo_file()));
    assert_eq!(kept.scorecard, changed.scorecard);
    // Work kept in the browser that cannot be restored: the demo comes, and the refusal stays.
    let damaged = reduce(
        awaiting.clone(),
        Action::Restore {
            file_name: "mine.json".into(),
            text: "{".into(),
            unsaved: true,
        },
    );
    let shown = reduce(damaged, Action::DemoFetched(demo_file()));
    assert_eq!(shown.scorecard, State::demo().scorecard);
    assert!(shown.refused.is_some());
    // A file changed outside RFP Scorecard, opened meanwhile, still waits for the chair's word.
    let text = rfp_core::file::save(&rfp_templates::demo()).expect("saves");
    let altered = text.replacen("\"title\": \"", "\"title\": \"x", 1);
    let held = reduce(
        awaiting.clone(),
        Action::Open {
            file_name: "altered.json".into(),
            text: altered,
        },
    );
    assert!(held.pending_open.is_some() && held.awaiting_demo);
    let shown = reduce(held, Action::DemoFetched(demo_file()));
    assert_eq!(shown.scorecard, State::demo().scorecard);
    assert_eq!(
        shown.pending_open.as_ref().map(|p| p.file_name.as_str()),
        Some("altered.json")
    );
    // Kept work that cannot be restored, then no demo either: both said, the first first.
    let neither = reduce(
        reduce(
            awaiting.clone(),
            Action::Restore {
                file_name: "mine.json".into(),
                text: "{".into(),
                unsaved: true,
            },
        ),
        Action::DemoFetched(Err("the server answered 404".into())),
    );
    let said = neither.refused.expect("said");
    assert!(
        said.summary.contains("could not be restored"),
        "{}",
        said.summary
    );
    assert!(
        said.diagnostics
            .iter()
            .any(|d| d.message.contains("The demo scorecard could not be opened"))
            && said.diagnostics.iter().any(|d| d.message.contains("404"))
    );
    // A file that cannot be fetched is said, with the browser's reason, and the page is usable.
    let failed = reduce(
        awaiting,
        Action::DemoFetched(Err("the server answered 404".into())),
    );
    assert!(!failed.awaiting_demo && failed.notice.is_none());
    assert_eq!(failed.file_name, "scorecard.json");
    let refused = failed.refused.expect("said");
    assert!(
        refused
            .summary
            .contains("The demo scorecard could not be opened")
    );
    assert!(refused.diagnostics[0].message.contains("404"));
}

#[test]
fn a_weight_rescores_and_a_bad_one_changes_nothing() {
    let demo = State::demo();
    let changed = reduce(
        demo.clone(),
        Action::SetTopWeight {
            index: 0,
            text: " 0 ".into(),
        },
    );
    assert_eq!(changed.scorecard.criteria[0].weight, 0.0);
    assert_eq!(*changed.report, rfp_core::score(&changed.scorecard));
    assert_ne!(totals(&changed), totals(&demo));
    for text in ["-1", "abc", "", "NaN", "inf"] {
        let refused = reduce(
            changed.clone(),
            Action::SetTopWeight {
                index: 0,
                text: text.into(),
            },
        );
        assert_eq!(refused.scorecard, changed.scorecard, "{text:?}");
        let problem = refused.weight_problem.expect("a problem");
        assert_eq!(problem.index, 0);
        assert!(problem.message.contains("expected a number of 0 or more"));
        assert_eq!(problem.text, text, "the field keeps what was typed");
    }
    // An index past the end is ignored rather than a panic.
    let same = reduce(
        changed.clone(),
        Action::SetTopWeight {
            index: 999,
            text: "1".into(),
        },
    );
    assert_eq!(same, changed);
}

#[test]
fn a_file_that_cannot_be_opened_leaves_the_work() {
    let demo = State::demo();
    for text in [
        "{",
        "[]",
        r#"{"format":"rfp-scorecard","schema_version":99,"scorecard":{}}"#,
    ] {
        let after = reduce(
            demo.clone(),
            Action::Open {
                file_name: "x.json".into(),
                text: text.into(),
            },
        );
        assert_eq!(after.scorecard, demo.scorecard);
        assert_eq!(after.report, demo.report);
        let refused = after.refused.expect("refused");
        assert!(!refused.diagnostics.is_empty());
    }
    // A file's name with a direction control (`x\u{202E}nosj.exe` shows as `xexe.json`) is
    // said without it.
    let after = reduce(
        demo.clone(),
        Action::Open {
            file_name: "x\u{202E}nosj.exe".into(),
            text: "{".into(),
        },
    );
    let refused = after.refused.expect("refused");
    assert_eq!(
        refused.summary,
        "“xnosj.exe” was not opened; your work is unchanged."
    );
}

#[test]
fn save_then_open_is_the_same_scorecard() {
    let demo = State::demo();
    let text = demo.file_text().expect("saves");
    let opened = reduce(
        State::with_scorecard(Scorecard::default(), "empty.json"),
        Action::Open {
            file_name: "saved.json".into(),
            text,
        },
    );
    assert_eq!(opened.scorecard, demo.scorecard);
    assert_eq!(opened.file_name, "saved.json");
    assert!(opened.refused.is_none());
}

fn weight(state: &State, text: &str) -> State {
    reduce(
        state.clone(),
        Action::SetTopWeight {
            index: 0,
            text: text.into(),
        },
    )
}

#[test]
fn undo_and_redo_walk_a_bounded_history() {
    let demo = State::demo();
    assert!(!demo.unsaved);
    let one = weight(&demo, "1");
    let two = weight(&one, "2");
    assert!(two.unsaved);
    let back = reduce(two.clone(), Action::Undo);
    assert_eq!(back.scorecard, one.scorecard);
    assert_eq!(*back.report, rfp_core::score(&back.scorecard));
    let again = reduce(back.clone(), Action::Redo);
    assert_eq!(again.scorecard, two.scorecard);
    // A new change clears what could be redone.
    let other = weight(&back, "3");
    assert!(!other.can_redo());
    // Nothing to undo or redo: nothing happens.
    assert_eq!(reduce(demo.clone(), Action::Undo).scorecard, demo.scorecard);
    assert_eq!(reduce(demo.clone(), Action::Redo).scorecard, demo.scorecard);
    let mut state = demo.clone();
    for i in 0..(HISTORY_LIMIT + 10) {
        state = weight(&state, &i.to_string());
    }
    assert_eq!(state.session.undo_len(), HISTORY_LIMIT);
}

#[test]
fn undo_puts_a_changed_rating_back() {
    let demo = State::demo();
    let one = reduce(demo.clone(), demo.bench_change().expect("a change"));
    let two = reduce(one.clone(), one.bench_change().expect("a change"));
    // A rating taken back (a whole step), then given again: added at the end.
    let mine = two
        .scorecard
        .ratings
        .iter()
        .find(|r| r.evaluator == two.evaluator)
        .expect("a rating")
        .clone();
    let (vendor, requirement) = (mine.vendor.to_string(), mine.requirement.to_string());
    let cleared = reduce(
        two.clone(),
        Action::ClearRating {
            vendor: vendor.clone(),
            requirement: requirement.clone(),
        },
    );
    let (min, _) = rating_rule(&two.scorecard, &requirement).expect("a scale");
    let three = reduce(
        cleared.clone(),
        Action::Rate {
            vendor,
            requirement,
            score: f64::from(min),
            note: String::new(),
            at: None,
        },
    );
    assert_eq!(
        three.scorecard.ratings.len(),
        cleared.scorecard.ratings.len() + 1
    );
    let mut state = three.clone();
    for earlier in [&cleared, &two, &one, &demo] {
        state = reduce(state, Action::Undo);
        assert_eq!(state.scorecard, earlier.scorecard);
        assert_eq!(*state.report, rfp_core::score(&state.scorecard));
    }
    for later in [&one, &two, &cleared, &three] {
        state = reduce(state, Action::Redo);
        assert_eq!(state.scorecard, later.scorecard);
        assert_eq!(*state.report, rfp_core::score(&state.scorecard));
    }
    // Mixed with whole scorecards (a weight), in order.
    let weighted = weight(&three, "7");
    let back = reduce(reduce(weighted, Action::Undo), Action::Undo);
    assert_eq!(back.scorecard, cleared.scorecard);
    assert_eq!(*back.report, rfp_core::score(&back.scorecard));
}

#[test]
fn a_new_rating_changes_the_one_that_counts_after_a_merge_left_older_ones() {
    let demo = reduce(State::demo(), Action::EvaluateAs("natarajan".into()));
    let mine = demo
        .scorecard
        .ratings
        .iter()
        .position(|r| r.evaluator == "natarajan")
        .expect("a rating");
    // An older revision first in the file, the latest (revision 3) later, as a merge may
    // leave them.
    let mut card = (*demo.scorecard).clone();
    let mut latest = card.ratings[mine].clone();
    latest.revision = 3;
    card.ratings[mine].revision = 1;
    card.ratings.push(latest.clone());
    let merged = demo.replace(card, "merged.json", String::new());
    let (min, _) = rating_rule(&merged.scorecard, &latest.requirement).expect("a scale");
    let level = if latest.score == f64::from(min) {
        min + 1
    } else {
        min
    };
    let rated = reduce(
        merged.clone(),
        Action::Rate {
            vendor: latest.vendor.to_string(),
            requirement: latest.requirement.to_string(),
            score: f64::from(level),
            note: String::new(),
            at: None,
        },
    );
    let last = rated.scorecard.ratings.last().expect("ratings");
    assert_eq!((last.revision, last.score), (4, f64::from(level)));
    assert_eq!(
        rated.scorecard.ratings[mine].revision, 1,
        "the older one is left"
    );
    assert_eq!(*rated.report, rfp_core::score(&rated.scorecard));
    // Two different values at the same revision (a conflict): choosing one of them again
    // settles it with a new revision, though it equals the rating that was changed.
    let mut card = (*rated.scorecard).clone();
    let mut twin = card.ratings.last().expect("ratings").clone();
    twin.score = latest.score;
    card.ratings.push(twin);
    let conflicted = rated.replace(card, "conflict.json", String::new());
    let settled = reduce(
        conflicted.clone(),
        Action::Rate {
            vendor: latest.vendor.to_string(),
            requirement: latest.requirement.to_string(),
            score: latest.score,
            note: String::new(),
            at: None,
        },
    );
    assert_eq!(settled.generation, conflicted.generation + 1);
    let top = settled
        .scorecard
        .ratings
        .iter()
        .filter(|r| {
            r.evaluator == "natarajan"
                && r.vendor == latest.vendor
                && r.requirement == latest.requirement
        })
        .max_by_key(|r| r.revision)
        .expect("a rating");
    assert_eq!((top.revision, top.score), (5, latest.score));
}

#[test]
fn tailoring_lists_its_adjustments_and_a_bad_profile_changes_nothing() {
    let demo = State::demo();
    let form = ProfileForm {
        specialties: "family medicine, pediatrics".into(),
        providers: "6".into(),
        locations: "2".into(),
        billing_models: vec!["fee_for_service".into(), "value_based".into()],
        integrations: vec!["lab".into()],
        approach: "staged".into(),
        ..ProfileForm::default()
    };
    let files = || {
        Ok(rfp_templates::TEMPLATES
            .iter()
            .map(|t| t.file().to_owned())
            .collect())
    };
    let tailor = |form: &ProfileForm, templates| {
        reduce(
            demo.clone(),
            Action::Tailor {
                form: form.clone(),
                templates,
            },
        )
    };
    let tailored = tailor(&form, files());
    assert!(tailored.tailored.is_some());
    assert!(tailored.scorecard.meta.adjustments.len() > 3);
    assert_eq!(tailored.page, Page::Start);
    let bad = ProfileForm {
        providers: "many".into(),
        ..form.clone()
    };
    let refused = tailor(&bad, files());
    assert_eq!(refused.scorecard, demo.scorecard);
    let message = &refused.refused.expect("refused").diagnostics[0].message;
    assert!(
        message.contains("Providers: expected a whole number"),
        "{message}"
    );
    // The templates could not be fetched: said, and the work is unchanged.
    let offline = tailor(&form, Err("the server answered 404".into()));
    assert_eq!(offline.scorecard, demo.scorecard);
    let refused = offline.refused.expect("refused");
    assert_eq!(refused.diagnostics[0].message, "the server answered 404");
}

#[test]
fn a_template_opens_from_its_fetched_file_and_a_bad_one_changes_nothing() {
    let demo = State::demo();
    let pediatrics = rfp_templates::find("pediatrics").expect("shipped");
    let use_template = |id: &str, file| {
        reduce(
            demo.clone(),
            Action::UseTemplate {
                id: id.into(),
                file,
            },
        )
    };
    let opened = use_template("pediatrics", Ok(pediatrics.file().to_owned()));
    assert_eq!(opened.scorecard.meta.template, "pediatrics");
    assert_eq!(opened.file_name, "pediatrics.json");
    for (id, file) in [
        ("pediatrics", Err("the server answered 404".to_owned())),
        ("pediatrics", Ok("{ not json".to_owned())),
        ("no-such-template", Ok(pediatrics.file().to_owned())),
    ] {
        let refused = use_template(id, file);
        assert_eq!(refused.scorecard, demo.scorecard, "{id}");
        assert!(refused.refused.is_some(), "{id}");
    }
}

#[test]
fn consensus_needs_a_rationale_and_a_level_on_the_scale() {
    let demo = State::demo();
    let d = demo.report.disagreements[0].clone();
    let set = |value: &str, rationale: &str| {
        reduce(
            demo.clone(),
            Action::SetConsensus {
                vendor: d.vendor_id.to_string(),
                requirement: d.requirement_id.to_string(),
                value: value.into(),
                rationale: rationale.into(),
            },
        )
    };
    for (value, rationale, expected) in [
        ("2", "  ", "Rationale"),
        ("9", "why", "expected a level from 0 to 5"),
        ("x", "why", "expected a level from 0 to 5"),
    ] {
        let refused = set(value, rationale);
        assert_eq!(refused.scorecard, demo.scorecard);
        let problem = refused.consensus_problem.expect("a problem");
        assert!(problem.message.contains(expected), "{}", problem.message);
    }
    let recorded = set("0", "demo failed");
    let entries: Vec<_> = recorded
        .scorecard
        .consensus
        .iter()
        .filter(|c| c.vendor == d.vendor_id && c.requirement == d.requirement_id)
        .collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].value, 0.0);
    assert_eq!(*recorded.report, rfp_core::score(&recorded.scorecard));
    // An evaluator of that cell rates again, further from the others (so that it stays a
    // disagreement): the value counts, but it is flagged for review.
    let by_level =
        |a: &&(rfp_core::SharedStr, f64), b: &&(rfp_core::SharedStr, f64)| a.1.total_cmp(&b.1);
    let lowest = d.ratings.iter().min_by(by_level).expect("rated").clone();
    let highest = d.ratings.iter().max_by(by_level).expect("rated").clone();
    let (evaluator, score) = if lowest.1 >= 1.0 {
        (lowest.0, lowest.1 - 1.0)
    } else {
        assert!(
            highest.1 <= 4.0,
            "the demo's first disagreement leaves room on its scale"
        );
        (highest.0, highest.1 + 1.0)
    };
    let rated = reduce(
        reduce(recorded, Action::EvaluateAs(evaluator.to_string())),
        Action::Rate {
            vendor: d.vendor_id.to_string(),
            requirement: d.requirement_id.to_string(),
            score,
            note: String::new(),
            at: None,
        },
    );
    let again = rated
        .report
        .disagreements
        .iter()
        .find(|x| x.vendor_id == d.vendor_id && x.requirement_id == d.requirement_id)
        .expect("still a disagreement");
    assert!(again.stale_consensus, "flagged for review");
    assert!(
        rated
            .report
            .diagnostics
            .iter()
            .any(|x| x.message.contains("before the ratings changed")),
        "{:?}",
        rated.report.diagnostics
    );
}

#[test]
fn an_evaluator_rates_with_revisions_and_saves_only_their_own_ratings() {
    let demo = State::demo();
    let chosen = reduce(demo.clone(), Action::EvaluateAs("natarajan".into()));
    assert_eq!(chosen.evaluator, "natarajan");
    let mine = chosen
        .scorecard
        .ratings
        .iter()
        .find(|r| r.evaluator == "natarajan")
        .expect("a rating")
        .clone();
    let (min, _) = rating_rule(&chosen.scorecard, &mine.requirement).expect("a rating rule");
    let score = if mine.score == f64::from(min) {
        min + 1
    } else {
        min
    };
    let rated = reduce(
        chosen.clone(),
        Action::Rate {
            vendor: mine.vendor.to_string(),
            requirement: mine.requirement.to_string(),
            score: f64::from(score),
            note: "note".into(),
            at: None,
        },
    );
    let after = rated
        .scorecard
        .ratings
        .iter()
        .find(|r| {
            r.evaluator == "natarajan"
                && r.vendor == mine.vendor
                && r.requirement == mine.requirement
        })
        .expect("still there");
    assert_eq!(after.revision, mine.revision + 1);
    assert_eq!(after.score, f64::from(score));
    // Out of the scale: ignored.
    let ignored = reduce(
        rated.clone(),
        Action::Rate {
            vendor: mine.vendor.to_string(),
            requirement: mine.requirement.to_string(),
            score: 99.0,
            note: String::new(),
            at: None,
        },
    );
    assert_eq!(ignored.scorecard, rated.scorecard);
    // Taken back: unrated again, one rating fewer, and scored as such; undo brings it back.
    let cleared = reduce(
        rated.clone(),
        Action::ClearRating {
            vendor: mine.vendor.to_string(),
            requirement: mine.requirement.to_string(),
        },
    );
    assert_eq!(
        cleared.scorecard.ratings.len(),
        rated.scorecard.ratings.len() - 1
    );
    assert!(
        !cleared
            .scorecard
            .ratings
            .iter()
            .any(|r| r.evaluator == "natarajan"
                && r.vendor == mine.vendor
                && r.requirement == mine.requirement)
    );
    assert_eq!(*cleared.report, rfp_core::score(&cleared.scorecard));
    let progress = |s: &State| {
        s.report
            .evaluators
            .iter()
            .find(|p| p.evaluator_id == "natarajan")
            .map(|p| p.rated)
    };
    assert_eq!(progress(&cleared), progress(&rated).map(|n| n - 1));
    assert_eq!(
        reduce(cleared.clone(), Action::Undo).scorecard,
        rated.scorecard
    );
    let nothing = reduce(
        cleared.clone(),
        Action::ClearRating {
            vendor: mine.vendor.to_string(),
            requirement: mine.requirement.to_string(),
        },
    );
    assert_eq!(nothing.generation, cleared.generation);
    let attested = reduce(
        rated.clone(),
        Action::Attest {
            no_conflict: true,
            date: "2026-11-22".into(),
        },
    );
    let text = attested.packet_text("natarajan").expect("a packet");
    let packet = rfp_core::load(&text).expect("loads").scorecard;
    assert!(packet.ratings.iter().all(|r| r.evaluator == "natarajan"));
    assert_eq!(packet.evaluators.len(), 1);
    assert_eq!(
        packet.evaluators[0]
            .attestation
            .as_ref()
            .map(|a| a.date.as_str()),
        Some("2026-11-22")
    );
}

#[test]
fn merging_returned_files_refuses_the_bad_ones_and_keeps_the_work() {
    let demo = State::demo();
    let mut returned = rfp_core::merge::packet(&demo.scorecard, "osei").expect("packet");
    for rating in &mut returned.ratings {
        rating.score = 0.0;
        rating.revision += 1;
    }
    let mut other = (*demo.scorecard).clone();
    other.criteria[0].id = "renamed".into();
    let files = vec![
        (
            "good.json".to_owned(),
            Ok(rfp_core::save(&returned).expect("saves")),
        ),
        ("broken.json".to_owned(), Ok("{".to_owned())),
        (
            "other.json".to_owned(),
            Ok(rfp_core::save(&other).expect("saves")),
        ),
        ("unreadable.json".to_owned(), Err("gone".to_owned())),
    ];
    let merged = reduce(demo.clone(), Action::Merge(files));
    let summary = merged.merge.clone().expect("a summary");
    assert_eq!(summary.merged, vec!["good.json".to_owned()]);
    let refused: Vec<&str> = summary
        .refused
        .iter()
        .map(|r| r.file_name.as_str())
        .collect();
    assert_eq!(refused, ["broken.json", "other.json", "unreadable.json"]);
    assert!(summary.updated > 0);
    assert_ne!(totals(&merged), totals(&demo));
    // Only refused files: the work is untouched.
    let none = reduce(
        demo.clone(),
        Action::Merge(vec![("broken.json".into(), Ok("{".into()))]),
    );
    assert_eq!(none.scorecard, demo.scorecard);
}

#[test]
fn work_kept_in_the_browser_is_restored_and_a_damaged_entry_is_refused() {
    let demo = weight(&State::demo(), "7");
    let mut storage = crate::storage::MemoryStorage::default();
    let work = crate::storage::KeptWork {
        text: demo.file_text().expect("saves"),
        file_name: "mine.json".into(),
        unsaved: true,
    };
    crate::storage::keep(&mut storage, &work).expect("kept");
    let kept = crate::storage::kept(&storage).expect("there");
    let restored = reduce(
        State::demo(),
        Action::Restore {
            file_name: kept.file_name,
            text: kept.text,
            unsaved: kept.unsaved,
        },
    );
    assert_eq!(restored.scorecard, demo.scorecard);
    assert!(restored.unsaved);
    assert_eq!(restored.file_name, "mine.json");
    let damaged = reduce(
        State::demo(),
        Action::Restore {
            file_name: "mine.json".into(),
            text: "{".into(),
            unsaved: true,
        },
    );
    assert_eq!(damaged.scorecard, State::demo().scorecard);
    assert!(damaged.refused.is_some());
}

#[test]
fn the_benchmark_change_changes_a_rating() {
    let demo = State::demo();
    let action = demo.bench_change().expect("a rating to change");
    let changed = reduce(demo.clone(), action);
    assert_ne!(changed.scorecard.ratings, demo.scorecard.ratings);
    assert_eq!(changed.generation, demo.generation + 1);
    // Rescored from the prepared parts, it is the report scored in full; so is undo's.
    assert_eq!(*changed.report, rfp_core::score(&changed.scorecard));
    assert_ne!(changed.report, demo.report);
    let again = reduce(changed.clone(), changed.bench_change().expect("again"));
    assert_eq!(*again.report, rfp_core::score(&again.scorecard));
    let undone = reduce(again, Action::Undo);
    assert_eq!(undone.report, changed.report);
    // The kept parts now describe a later scorecard: an earlier state changed again
    // scores in full, and still right.
    let other = reduce(demo.clone(), demo.bench_change().expect("a change"));
    let branch = reduce(other.clone(), other.bench_change().expect("a change"));
    assert_eq!(*branch.report, rfp_core::score(&branch.scorecard));
    let from_changed = reduce(changed.clone(), changed.bench_change().expect("a change"));
    assert_eq!(
        *from_changed.report,
        rfp_core::score(&from_changed.scorecard)
    );
}

#[test]
fn vendors_are_added_renamed_and_a_bad_sheet_changes_nothing() {
    let demo = State::demo();
    let added = reduce(demo.clone(), Action::AddVendor("  CedarChart ".into()));
    let ids: Vec<&str> = added
        .scorecard
        .vendors
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    assert!(ids.contains(&"cedarchart_2"), "{ids:?}");
    assert_eq!(
        added.notice.as_deref(),
        Some("Added the vendor “CedarChart”.")
    );
    // A direction control in a name stays in the file, but a notice quotes the name without
    // it: it would show the rest of the sentence in another order.
    let reversing = reduce(demo.clone(), Action::AddVendor("Evil\u{202E}Corp".into()));
    assert!(
        reversing
            .scorecard
            .vendors
            .iter()
            .any(|v| v.name == "Evil\u{202E}Corp")
    );
    assert_eq!(
        reversing.notice.as_deref(),
        Some("Added the vendor “EvilCorp”.")
    );
    let id = reversing
        .scorecard
        .vendors
        .last()
        .expect("added")
        .id
        .clone();
    let removed = reduce(reversing, Action::RemoveVendor(id));
    let notice = removed.notice.expect("a notice");
    assert!(
        notice.starts_with("Removed the vendor “EvilCorp” with"),
        "{notice}"
    );
    let empty = reduce(demo.clone(), Action::AddVendor("  ".into()));
    assert_eq!(empty.scorecard, demo.scorecard);
    assert!(empty.refused.is_some());
    let renamed = reduce(
        demo.clone(),
        Action::RenameVendor {
            id: "cedarchart".into(),
            name: "Cedar".into(),
        },
    );
    assert!(renamed.report.vendors.iter().any(|v| v.name == "Cedar"));
    let id = "fit.clinical.care_gaps";
    let import = |text: String| {
        reduce(
            demo.clone(),
            Action::ImportAnswers {
                file_name: "a.csv".into(),
                text: Ok(text),
                vendor_name: "Newco".into(),
            },
        )
    };
    let bad = import(format!("requirement,answer\n{id},perhaps\n"));
    let broken = import("requirement,answer\nno_such_requirement,yes\n".into());
    let good = import(format!("requirement,answer\n{id},yes\n"));
    assert!(good.report.vendors.iter().any(|v| v.name == "Newco"));
    for refused in [bad, broken] {
        assert_eq!(refused.scorecard, demo.scorecard);
        assert!(refused.refused.is_some());
    }
}

fn errors(state: &State) -> Vec<Diagnostic> {
    rfp_core::validate(&state.scorecard)
        .into_iter()
        .filter(|d| d.severity == rfp_core::Severity::Error)
        .collect()
}

fn leader(state: &State) -> String {
    state
        .report
        .vendors
        .iter()
        .find(|v| v.rank == 1)
        .expect("a leader")
        .vendor_id
        .clone()
}

fn path_of(scorecard: &Scorecard, id: &str) -> Vec<usize> {
    rfp_core::tree::path_of(&scorecard.criteria, id).expect(id)
}

#[test]
fn the_criteria_tree_is_added_to_moved_and_pruned_by_undoable_actions() {
    let demo = State::demo();
    let top = demo.scorecard.criteria.len();
    let category = reduce(
        demo.clone(),
        Action::AddCriterion {
            parent: Vec::new(),
            name: "Accessibility".into(),
            kind: "category".into(),
        },
    );
    assert_eq!(category.scorecard.criteria.len(), top + 1);
    let requirement = reduce(
        category.clone(),
        Action::AddCriterion {
            parent: vec![top],
            name: "WCAG 2.1 AA conformance report".into(),
            kind: "yes_no".into(),
        },
    );
    let info = requirement
        .report
        .requirements
        .iter()
        .find(|r| r.id == "accessibility.wcag_2_1_aa_conformance_report")
        .expect("scored");
    assert_eq!(info.kind, "yes_no");
    assert!(
        errors(&requirement).is_empty(),
        "{:?}",
        errors(&requirement)
    );
    assert_eq!(
        reduce(requirement.clone(), Action::Undo).scorecard,
        category.scorecard
    );
    let refused = reduce(
        demo.clone(),
        Action::AddCriterion {
            parent: vec![0],
            name: " ".into(),
            kind: "yes_no".into(),
        },
    );
    assert_eq!(refused.scorecard, demo.scorecard);
    let problem = refused.field_problem.expect("a problem");
    assert_eq!(
        problem.field,
        format!("new-name-{}", demo.scorecard.criteria[0].id)
    );

    let moved = reduce(
        demo.clone(),
        Action::MoveCriterion {
            path: vec![1],
            up: true,
        },
    );
    assert_eq!(
        moved.scorecard.criteria[0].id,
        demo.scorecard.criteria[1].id
    );
    assert_eq!(moved.session.undo_len(), 1);
    let stuck = reduce(
        demo.clone(),
        Action::MoveCriterion {
            path: vec![0],
            up: true,
        },
    );
    assert_eq!(stuck, demo);

    // Removing a category with rated requirements takes their ratings and consensus too.
    let rated = demo.report.disagreements[0].requirement_id.to_string();
    let with_consensus = reduce(
        demo.clone(),
        Action::SetConsensus {
            vendor: demo.report.disagreements[0].vendor_id.to_string(),
            requirement: rated.clone(),
            value: "1".into(),
            rationale: "agreed".into(),
        },
    );
    let path = path_of(&demo.scorecard, &rated);
    let removed = reduce(
        with_consensus.clone(),
        Action::RemoveCriterion(vec![path[0]]),
    );
    assert!(removed.scorecard.consensus.is_empty());
    assert!(
        removed
            .scorecard
            .ratings
            .iter()
            .all(|r| r.requirement != rated)
    );
    assert!(errors(&removed).is_empty(), "{:?}", errors(&removed));
    assert!(
        removed
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("Removed"))
    );
    assert!(!removed.report.requirements.iter().any(|r| r.id == rated));
    assert_eq!(
        reduce(removed, Action::Undo).scorecard,
        with_consensus.scorecard
    );
}

#[test]
fn a_gate_that_the_leader_fails_knocks_it_out_unless_the_policy_only_flags() {
    let demo = State::demo();
    let first = leader(&demo);
    // A numeric requirement on which another qualified vendor answered more than the leader.
    let value = |vendor: &str, id: &str| {
        let v = demo.scorecard.vendors.iter().find(|v| v.id == vendor)?;
        match v.answers.get(id)? {
            rfp_core::Answer::Number(n) => Some(*n),
            _ => None,
        }
    };
    let (requirement, threshold) = demo
        .report
        .requirements
        .iter()
        .filter(|r| r.kind == "numeric" && r.gate.is_none())
        .find_map(|r| {
            let mine = value(&first, &r.id)?;
            demo.report
                .vendors
                .iter()
                .filter(|v| v.vendor_id != first && v.gate_failures.is_empty())
                .filter_map(|v| value(&v.vendor_id, &r.id))
                .find(|other| *other > mine)
                .map(|other| (r.id.clone(), other))
        })
        .expect("such a requirement");
    let path = path_of(&demo.scorecard, &requirement);
    let gate = |threshold: &str| Action::SetGate {
        path: path.clone(),
        gate: GateForm {
            kind: "at_least".into(),
            threshold: threshold.into(),
            options: Vec::new(),
        },
    };
    let gated = reduce(demo.clone(), gate(&threshold.to_string()));
    assert_ne!(leader(&gated), first);
    let knocked = gated
        .report
        .vendors
        .iter()
        .find(|v| v.vendor_id == first)
        .expect("there");
    assert!(
        knocked
            .gate_failures
            .iter()
            .any(|f| f.requirement_id == requirement)
    );
    let flagged = reduce(gated.clone(), Action::SetKnockout(KnockoutPolicy::Flag));
    assert_eq!(leader(&flagged), first);
    assert_eq!(flagged.scorecard.settings.knockout, KnockoutPolicy::Flag);
    let same = reduce(flagged.clone(), Action::SetKnockout(KnockoutPolicy::Flag));
    assert_eq!(same.session.undo_len(), flagged.session.undo_len());

    let refused = reduce(gated.clone(), gate("abc"));
    assert_eq!(refused.scorecard, gated.scorecard);
    let problem = refused.field_problem.clone().expect("a problem");
    assert_eq!(problem.field, format!("gate-threshold-{requirement}"));
    assert!(
        problem.message.contains("found “abc”"),
        "{}",
        problem.message
    );
    // The next accepted change puts the problem away.
    let cleared = reduce(
        refused,
        Action::SetGate {
            path: path.clone(),
            gate: GateForm {
                kind: "none".into(),
                ..GateForm::default()
            },
        },
    );
    assert!(cleared.field_problem.is_none());
    assert_eq!(leader(&cleared), first);
}

#[test]
fn choice_options_and_numeric_curves_change_the_scores() {
    let demo = State::demo();
    let choice = demo
        .report
        .requirements
        .iter()
        .find(|r| r.kind == "choice")
        .expect("a choice")
        .id
        .clone();
    let path = path_of(&demo.scorecard, &choice);
    let added = reduce(
        demo.clone(),
        Action::EditChoice {
            path: path.clone(),
            edit: ChoiceEdit::Add {
                label: "Gold plated".into(),
                points: "1000".into(),
            },
        },
    );
    // A far better option lowers everyone's score on that requirement.
    assert_ne!(totals(&added), totals(&demo));
    assert!(errors(&added).is_empty(), "{:?}", errors(&added));
    let refused = reduce(
        demo.clone(),
        Action::EditChoice {
            path: path.clone(),
            edit: ChoiceEdit::Points {
                index: 0,
                text: "lots".into(),
            },
        },
    );
    assert_eq!(refused.scorecard, demo.scorecard);
    assert_eq!(
        refused.field_problem.expect("a problem").field,
        format!("option-points-{choice}-0")
    );
    let numeric = path_of(&demo.scorecard, "sla.uptime");
    let steeper = reduce(
        demo.clone(),
        Action::EditCurve {
            path: numeric.clone(),
            edit: crate::rule_edit::CurveEdit::Best("99.6".into()),
        },
    );
    assert_ne!(totals(&steeper), totals(&demo));
    let refused = reduce(
        steeper.clone(),
        Action::EditCurve {
            path: numeric.clone(),
            edit: crate::rule_edit::CurveEdit::Best("x".into()),
        },
    );
    assert_eq!(refused.scorecard, steeper.scorecard);
    assert_eq!(
        refused.field_problem.expect("a problem").field,
        "curve-best-sla.uptime"
    );
    // The core refuses a curve pointing the wrong way, said at the field with what was typed.
    let wrong_way = reduce(
        steeper.clone(),
        Action::EditCurve {
            path: numeric.clone(),
            edit: crate::rule_edit::CurveEdit::Best("90".into()),
        },
    );
    assert_eq!(wrong_way.scorecard, steeper.scorecard);
    let problem = wrong_way.field_problem.expect("a problem");
    assert_eq!(problem.field, "curve-best-sla.uptime");
    assert_eq!(problem.text, "90");
    assert!(
        problem
            .message
            .starts_with("Best: higher is better, but best (90)")
    );
    // A new step's score outside 0–1 is said at the score's field, not the threshold's.
    let stepped = reduce(
        steeper,
        Action::EditCurve {
            path: numeric.clone(),
            edit: crate::rule_edit::CurveEdit::Shape("steps".into()),
        },
    );
    let refused = reduce(
        stepped.clone(),
        Action::EditCurve {
            path: numeric,
            edit: crate::rule_edit::CurveEdit::AddStep {
                at: "97".into(),
                score: "2".into(),
            },
        },
    );
    assert_eq!(refused.scorecard, stepped.scorecard);
    let problem = refused.field_problem.expect("a problem");
    assert_eq!(problem.field, "new-step-score-sla.uptime");
    assert_eq!(problem.text, "2");
    assert_eq!(
        problem.message,
        "Score: expected a score from 0 to 1, found 2."
    );
}

#[test]
fn answers_are_entered_by_hand_and_a_bad_one_is_refused_at_its_field() {
    let demo = reduce(State::demo(), Action::AddVendor("Newco".into()));
    let total = |state: &State| {
        state
            .report
            .vendors
            .iter()
            .find(|v| v.vendor_id == "newco")
            .expect("there")
            .total
    };
    let answer = |state: &State, requirement: &str, text: &str| {
        reduce(
            state.clone(),
            Action::SetAnswer {
                vendor: "newco".into(),
                requirement: requirement.into(),
                text: text.into(),
            },
        )
    };
    let yes = answer(&demo, "fit.clinical.care_gaps", "yes");
    assert!(total(&yes) > total(&demo));
    let number = answer(&yes, "sla.uptime", "99.9%");
    assert!(total(&number) > total(&yes));
    let price = answer(&number, "cost.tco", "$300,000");
    assert!(total(&price) > total(&number));
    let lines = answer(&price, "cost.tco", "one_time=50000; recurring=12000");
    assert!(matches!(
        lines
            .scorecard
            .vendors
            .last()
            .expect("newco")
            .answers
            .get("cost.tco"),
        Some(rfp_core::Answer::Price(_))
    ));
    assert!(errors(&lines).is_empty(), "{:?}", errors(&lines));
    for (requirement, text) in [
        ("fit.clinical.care_gaps", "perhaps"),
        ("sla.uptime", "abc"),
        ("cost.tco", "-5"),
        ("fit.usability.mobile", "no such option"),
    ] {
        let refused = answer(&price, requirement, text);
        assert_eq!(refused.scorecard, price.scorecard, "{text}");
        let problem = refused.field_problem.expect("a problem");
        assert_eq!(problem.field, format!("answer-newco-{requirement}"));
        assert!(
            problem.message.starts_with("Answer: "),
            "{}",
            problem.message
        );
        assert_eq!(problem.text, text);
    }
    let cleared = answer(&price, "fit.clinical.care_gaps", "");
    assert!(total(&cleared) < total(&price));
    // Clearing what is not there changes nothing.
    assert_eq!(answer(&demo, "fit.clinical.care_gaps", ""), demo);
}

#[test]
fn removing_a_vendor_takes_its_ratings_and_consensus() {
    let demo = State::demo();
    let d = demo.report.disagreements[0].clone();
    let with_consensus = reduce(
        demo.clone(),
        Action::SetConsensus {
            vendor: d.vendor_id.to_string(),
            requirement: d.requirement_id.to_string(),
            value: "2".into(),
            rationale: "agreed".into(),
        },
    );
    let removed = reduce(
        with_consensus.clone(),
        Action::RemoveVendor(d.vendor_id.to_string()),
    );
    assert_eq!(removed.report.vendors.len(), 3);
    assert!(
        !removed
            .report
            .vendors
            .iter()
            .any(|v| v.vendor_id == d.vendor_id)
    );
    assert!(
        removed
            .scorecard
            .ratings
            .iter()
            .all(|r| r.vendor != d.vendor_id)
    );
    assert!(removed.scorecard.consensus.is_empty());
    assert!(errors(&removed).is_empty(), "{:?}", errors(&removed));
    assert_eq!(
        reduce(removed.clone(), Action::Undo).scorecard,
        with_consensus.scorecard
    );
    assert_eq!(
        reduce(removed.clone(), Action::RemoveVendor("nobody".into())),
        removed
    );
}

#[test]
fn the_chair_settles_a_merge_conflict_with_one_of_its_values() {
    let demo = State::demo();
    let returned = |score: f64| {
        let mut packet = rfp_core::merge::packet(&demo.scorecard, "osei").expect("packet");
        let rating = &mut packet.ratings[0];
        rating.score = score;
        rating.revision += 1;
        Ok(rfp_core::save(&packet).expect("saves"))
    };
    let merged = reduce(
        demo.clone(),
        Action::Merge(vec![
            ("a.json".into(), returned(0.0)),
            ("b.json".into(), returned(5.0)),
        ]),
    );
    let open = merged.open_conflicts();
    assert_eq!(open.len(), 1);
    let conflict = open[0].clone();
    let (score, note) = conflict.values[1].clone();
    let settled = reduce(
        merged.clone(),
        Action::ResolveConflict {
            conflict: conflict.clone(),
            score,
            note: note.clone(),
            at: None,
        },
    );
    assert!(settled.open_conflicts().is_empty());
    let ratings: Vec<&Rating> = settled
        .scorecard
        .ratings
        .iter()
        .filter(|r| {
            r.evaluator == conflict.evaluator
                && r.vendor == conflict.vendor
                && r.requirement == conflict.requirement
        })
        .collect();
    // The chosen value counts, alone at a new revision (the older ones stay, superseded).
    let latest: Vec<&&Rating> = ratings
        .iter()
        .filter(|r| r.revision == conflict.revision + 1)
        .collect();
    assert_eq!(latest.len(), 1);
    assert_eq!(latest[0].score, score);
    assert!(ratings.iter().all(|r| r.revision <= conflict.revision + 1));
    assert!(
        !settled
            .report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("conflicting ratings"))
    );
    // A value that was not one of the conflict's is ignored; undo opens the conflict again.
    let ignored = reduce(
        merged.clone(),
        Action::ResolveConflict {
            conflict,
            score: 3.5,
            note,
            at: None,
        },
    );
    assert_eq!(ignored.scorecard, merged.scorecard);
    assert_eq!(reduce(settled, Action::Undo).open_conflicts().len(), 1);
}

#[test]
fn a_committee_adds_its_roster_and_each_member_gets_a_packet() {
    let mut card = rfp_templates::demo();
    card.evaluators.clear();
    card.ratings.clear();
    card.consensus.clear();
    let empty = State::with_scorecard(card, "tailored.json");
    assert!(empty.packet_text("anyone").is_err());
    let one = reduce(
        empty.clone(),
        Action::Apply(Edit::AddEvaluator {
            name: " Dr. Amara Osei ".into(),
            role: "physician".into(),
        }),
    );
    assert_eq!(one.report.evaluators.len(), 1);
    assert_eq!(one.evaluator, "dr_amara_osei", "the first evaluator rates");
    assert!(
        one.notice
            .as_deref()
            .is_some_and(|n| n.contains("Dr. Amara Osei"))
    );
    assert!(one.packet_text("dr_amara_osei").is_ok());
    let refused = reduce(
        one.clone(),
        Action::Apply(Edit::AddEvaluator {
            name: "  ".into(),
            role: String::new(),
        }),
    );
    assert_eq!(refused.scorecard, one.scorecard);
    assert!(
        refused
            .edit_problem
            .as_deref()
            .is_some_and(|p| p.contains("needs a name"))
    );
    let renamed = reduce(
        one.clone(),
        Action::Apply(Edit::SetRole {
            id: "dr_amara_osei".into(),
            role: "it".into(),
        }),
    );
    assert_eq!(renamed.report.evaluators[0].role, "it");
    let removed = reduce(
        renamed,
        Action::Apply(Edit::RemoveEvaluator {
            id: "dr_amara_osei".into(),
        }),
    );
    assert!(removed.report.evaluators.is_empty());
    assert_eq!(reduce(removed, Action::Undo).report.evaluators.len(), 1);
}

#[test]
fn numbers_typed_in_fields_follow_the_core_grammar() {
    let demo = State::demo();
    // `1,5` is not fifteen: refused with the hint to write a point.
    let refused = weight(&demo, "1,5");
    assert_eq!(refused.scorecard, demo.scorecard);
    let problem = refused.weight_problem.expect("a problem");
    assert!(problem.message.contains("1.5"), "{}", problem.message);
    assert_eq!(weight(&demo, "1,500").scorecard.criteria[0].weight, 1500.0);
}

/// The shared edit list (`tests/data/edits/`) through the page's actions gives the golden
/// scorecard the core, the command line and the JavaScript API give.
#[test]
fn the_shared_edit_list_gives_the_same_scorecard_as_everywhere() {
    let load = |text: &str| rfp_core::load(text).expect("loads").scorecard;
    let demo = load(include_str!("../../../tests/data/golden/demo.json"));
    let expected = load(include_str!(
        "../../../tests/data/edits/committee.expected.json"
    ));
    let edits: Vec<Edit> = serde_json::from_str(include_str!(
        "../../../tests/data/edits/committee.edits.json"
    ))
    .expect("edits");
    let mut state = State::with_scorecard(demo, "demo.json");
    for edit in edits {
        let before = state.generation;
        state = reduce(state, Action::Apply(edit.clone()));
        assert_ne!(
            state.generation, before,
            "{edit:?}: {:?}",
            state.edit_problem
        );
    }
    assert_eq!(*state.scorecard, expected);
    assert_eq!(*state.report, rfp_core::score(&expected));
}

#[test]
fn one_option_or_several_goes_through_the_core_and_a_refusal_stays_at_the_box() {
    let demo = State::demo();
    let id = "interop.lab.interface";
    let path = rfp_core::tree::path_of(&demo.scorecard.criteria, id).expect(id);
    let several = reduce(
        demo.clone(),
        Action::SetMultiple {
            path: path.clone(),
            multiple: true,
        },
    );
    assert!(
        several
            .scorecard
            .vendors
            .iter()
            .all(|v| !matches!(v.answers.get(id), Some(rfp_core::Answer::Text(_))))
    );
    assert_eq!(
        reduce(several.clone(), Action::Undo).scorecard,
        demo.scorecard
    );
    let options: Vec<String> =
        match &rfp_core::tree::find_criterion(&several.scorecard.criteria, id)
            .expect("there")
            .scoring
        {
            Some(Scoring::Choice(rule)) => rule.options.iter().map(|o| o.id.clone()).collect(),
            _ => panic!("a choice"),
        };
    let two = reduce(
        several,
        Action::Apply(Edit::SetAnswer {
            vendor: demo.scorecard.vendors[0].id.clone(),
            requirement: id.into(),
            answer: Some(rfp_core::Answer::List(options[..2].to_vec())),
        }),
    );
    let refused = reduce(
        two.clone(),
        Action::SetMultiple {
            path,
            multiple: false,
        },
    );
    assert_eq!(refused.scorecard, two.scorecard);
    let problem = refused.field_problem.expect("a problem");
    assert_eq!(problem.field, format!("multiple-{id}"));
    assert!(problem.message.contains(&demo.scorecard.vendors[0].name));
}

#[test]
fn an_opened_file_lists_each_problem_once() {
    let mut card = rfp_templates::demo();
    // A remark of meaning (validation's), which both loading and scoring make.
    card.profile.billing_models.push("barter".into());
    let text = rfp_core::save(&card).expect("saves");
    let tampered = text.replacen("\"title\": \"", "\"title\": \"x", 1);
    let barter = |list: &[Diagnostic]| list.iter().any(|d| d.message.contains("barter"));
    assert!(barter(
        &rfp_core::load(&tampered).expect("loads").diagnostics
    ));
    let demo = State::demo();
    let asked = reduce(
        demo.clone(),
        Action::Open {
            file_name: "edited.json".into(),
            text: tampered,
        },
    );
    // Changed outside RFP Scorecard: nothing is replaced until the chair says so.
    assert_eq!(asked.scorecard, demo.scorecard);
    assert_eq!(asked.file_name, demo.file_name);
    let pending = asked.pending_open.clone().expect("asked first");
    assert_eq!(pending.file_name, "edited.json");
    assert_eq!(pending.diagnostics[0].location, "checksum");
    let kept = reduce(asked.clone(), Action::KeepWork);
    assert!(kept.pending_open.is_none());
    assert_eq!(kept.scorecard, demo.scorecard);
    let opened = reduce(asked, Action::OpenAnyway);
    assert!(opened.pending_open.is_none());
    assert_eq!(opened.file_name, "edited.json");
    assert!(opened.refused.is_none());
    assert!(barter(&opened.report.diagnostics));
    for note in opened.file_notes.iter() {
        assert!(!opened.report.diagnostics.contains(note), "twice: {note}");
    }
    assert!(
        opened.file_notes.iter().any(|d| d.location == "checksum"),
        "what only the file tells stays: {:?}",
        opened.file_notes
    );
}

#[test]
fn undo_of_an_opened_file_brings_back_the_work_with_its_name_and_notes() {
    let demo = reduce(State::demo(), Action::Show(Page::Results));
    let mut card = rfp_templates::demo();
    card.meta.title = "Other practice".into();
    let text = rfp_core::save(&card).expect("saves");
    let tampered = text.replacen("\"Other practice\"", "\"Other practice!\"", 1);
    let opened = reduce(
        reduce(
            demo.clone(),
            Action::Open {
                file_name: "other.json".into(),
                text: tampered,
            },
        ),
        Action::OpenAnyway,
    );
    assert_eq!(opened.file_name, "other.json");
    assert!(!opened.file_notes.is_empty(), "the checksum's note");
    let edited = weight(&opened, "30");
    let undone = reduce(reduce(edited, Action::Undo), Action::Undo);
    assert_eq!(undone.scorecard, demo.scorecard);
    assert_eq!(
        undone.file_name, demo.file_name,
        "saving writes the work's own name"
    );
    assert!(
        undone.file_notes.is_empty(),
        "the opened file's notes went with it"
    );
    let redone = reduce(undone, Action::Redo);
    assert_eq!(redone.file_name, "other.json");
    assert!(!redone.file_notes.is_empty());
}

#[test]
fn a_returned_file_changed_outside_is_held_until_the_chair_merges_it_anyway() {
    let demo = State::demo();
    let mut returned = rfp_core::merge::packet(&demo.scorecard, "osei").expect("packet");
    for rating in &mut returned.ratings {
        rating.score = 0.0;
        rating.revision += 1;
    }
    let good = rfp_core::save(&returned).expect("saves");
    // The same file with a revision raised by hand, its checksum left as it was.
    let altered = good.replacen("\"revision\": 2", "\"revision\": 9", 1);
    assert_ne!(altered, good);
    let merged = reduce(
        demo.clone(),
        Action::Merge(vec![("altered.json".into(), Ok(altered))]),
    );
    let summary = merged.merge.clone().expect("a summary");
    assert!(summary.merged.is_empty());
    assert_eq!(summary.held.len(), 1);
    assert_eq!(summary.held[0].file_name, "altered.json");
    assert_eq!(merged.scorecard, demo.scorecard, "nothing merged");
    let accepted = reduce(merged, Action::MergeAnyway("altered.json".into()));
    let summary = accepted.merge.clone().expect("a summary");
    assert_eq!(summary.merged, ["altered.json"]);
    assert!(summary.held.is_empty());
    assert!(
        summary.diagnostics[0]
            .message
            .contains("the chair accepted it")
    );
    assert_ne!(totals(&accepted), totals(&demo));
}

#[test]
fn matrix_categories_open_and_close_and_a_new_one_opens() {
    let demo = State::demo();
    assert!(
        demo.open_categories.is_empty(),
        "the Matrix opens with every category closed"
    );
    let first = demo.scorecard.criteria[0].id.clone();
    let opened = reduce(demo.clone(), Action::ToggleCategory(first.clone()));
    assert!(opened.open_categories.contains(&first));
    let closed = reduce(opened, Action::ToggleCategory(first.clone()));
    assert!(!closed.open_categories.contains(&first));
    let all = reduce(closed, Action::OpenCategories(true));
    assert_eq!(all.open_categories.len(), demo.report.categories.len());
    let none = reduce(all, Action::OpenCategories(false));
    assert!(none.open_categories.is_empty());
    let added = reduce(
        none,
        Action::AddCriterion {
            parent: Vec::new(),
            name: "Accessibility".into(),
            kind: "category".into(),
        },
    );
    let new = added.scorecard.criteria.last().expect("added").id.clone();
    assert!(
        added.open_categories.contains(&new),
        "ready for its requirements"
    );
}

#[test]
fn a_rating_that_would_change_the_winner_is_shown_in_the_evaluate_view() {
    let demo = State::demo();
    let show = |evaluator: &str| Action::ShowRating {
        evaluator: evaluator.into(),
        vendor: "merrow".into(),
        requirement: "fit.clinical.scripted_demo".into(),
    };
    let shown = reduce(demo.clone(), show("natarajan"));
    assert_eq!(shown.page, Page::Evaluate);
    assert_eq!(shown.evaluator, "natarajan");
    assert_eq!(
        shown.rating_focus,
        Some(("merrow".into(), "fit.clinical.scripted_demo".into()))
    );
    // Going to another view, or rating as someone else, forgets it.
    assert_eq!(
        reduce(shown.clone(), Action::Show(Page::Results)).rating_focus,
        None
    );
    assert_eq!(
        reduce(shown, Action::EvaluateAs("osei".into())).rating_focus,
        None
    );
    // An evaluator the scorecard does not hold changes nothing.
    assert_eq!(reduce(demo.clone(), show("nobody")), demo);
}

#[test]
fn the_price_forms_limits_are_the_cores_in_its_words() {
    let demo = State::demo();
    let path = path_of(&demo.scorecard, "cost.tco");
    let price = |edit: crate::rule_edit::PriceEdit| {
        reduce(
            demo.clone(),
            Action::EditPrice {
                path: path.clone(),
                edit,
            },
        )
    };
    use crate::rule_edit::PriceEdit::{Escalation, Years};
    for (edit, field, words) in [
        (
            Years("0".into()),
            "price-years-cost.tco",
            "Years: expected 1 to 100 years of total cost of ownership, found 0.",
        ),
        (
            Years("101".into()),
            "price-years-cost.tco",
            "Years: expected 1 to 100 years of total cost of ownership, found 101.",
        ),
        (
            Escalation("-100".into()),
            "price-escalation-cost.tco",
            "Yearly increase: expected a yearly change above -100% and at most 1000%, found -100.",
        ),
        (
            Escalation("1001".into()),
            "price-escalation-cost.tco",
            "Yearly increase: expected a yearly change above -100% and at most 1000%, found 1001.",
        ),
    ] {
        let typed = match &edit {
            Years(text) | Escalation(text) => text.clone(),
            _ => unreachable!(),
        };
        let refused = price(edit);
        assert_eq!(
            refused.scorecard, demo.scorecard,
            "{typed}: nothing changed"
        );
        let problem = refused.field_problem.expect("said at the field");
        assert_eq!(
            (problem.field.as_str(), problem.message.as_str()),
            (field, words)
        );
        assert_eq!(problem.text, typed, "the field keeps what was typed");
    }
    // Within the limits, the rule changes.
    let changed = price(Years("100".into()));
    assert!(changed.field_problem.is_none() && changed.can_undo());
}
