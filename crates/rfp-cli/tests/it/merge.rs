//! Evaluator packets and merging them back.

use serde_json::Value;

use crate::{Sandbox, rating, ratings, same_json};

/// The demo, a packet for osei and one for ortega.
fn packets(sandbox: &Sandbox) {
    sandbox.demo("demo.json");
    for evaluator in ["osei", "ortega"] {
        let output = format!("{evaluator}.json");
        let (stdout, stderr) = sandbox.ok(&[
            "packet",
            "demo.json",
            "--evaluator",
            evaluator,
            "-o",
            &output,
        ]);
        assert_eq!(
            stdout,
            format!("wrote {output}: the packet for {evaluator}, with only their own ratings\n")
        );
        assert_eq!(stderr, "");
    }
}

/// Edit a packet as an evaluator's own copy of the program would: change a rating and bump its
/// revision. The checksum is dropped (a file without one is accepted as hand-written).
fn edit_packet(sandbox: &Sandbox, from: &str, to: &str, edit: impl FnOnce(&mut Value)) {
    let mut file = sandbox.json(from);
    edit(&mut file);
    // Saved by the evaluator's copy of the program: signed again.
    let text = serde_json::to_string(&file).expect("JSON");
    let loaded = rfp_core::load(&text).expect("loads");
    let saved = rfp_core::file::save_with_envelope(&loaded.scorecard, &loaded.envelope_extra)
        .expect("saves");
    sandbox.write(to, &saved);
}

/// Set the rating (evaluator, vendor, requirement) in a scorecard file's JSON.
fn set_rating(file: &mut Value, key: (&str, &str, &str), score: f64, revision: u32) {
    let (evaluator, vendor, requirement) = key;
    let list = file["scorecard"]["ratings"]
        .as_array_mut()
        .expect("ratings");
    let r = list
        .iter_mut()
        .find(|r| {
            r["evaluator"] == evaluator && r["vendor"] == vendor && r["requirement"] == requirement
        })
        .expect("the rating is in the packet");
    assert_eq!(r["revision"], 1, "the demo's ratings are at revision 1");
    r["score"] = Value::from(score);
    r["revision"] = Value::from(revision);
}

const OSEI_MERROW: (&str, &str, &str) = ("osei", "merrow", "fit.clinical.scripted_demo");
const ORTEGA_DRIFTMERE: (&str, &str, &str) = ("ortega", "driftmere", "training.plan_quality");

#[test]
fn a_packet_holds_only_its_evaluators_ratings() {
    let sandbox = Sandbox::new("merge_packet");
    packets(&sandbox);
    let demo = sandbox.json("demo.json");
    let packet = sandbox.json("osei.json");
    let evaluators: Vec<&Value> = ratings(&packet).iter().map(|r| &r["evaluator"]).collect();
    assert_eq!(evaluators.len(), 52);
    assert!(evaluators.iter().all(|e| *e == "osei"), "{evaluators:?}");
    let in_demo = ratings(&demo)
        .iter()
        .filter(|r| r["evaluator"] == "osei")
        .count();
    assert_eq!(in_demo, 52, "all of osei's ratings and no one else's");
    let ids: Vec<&Value> = packet["scorecard"]["evaluators"]
        .as_array()
        .expect("evaluators")
        .iter()
        .map(|e| &e["id"])
        .collect();
    assert_eq!(ids, ["osei"]);
    assert_eq!(packet["scorecard"]["consensus"], serde_json::json!([]));
    assert_eq!(ratings(&demo).len(), 156);
    // Everything else is the chair's: criteria and vendors unchanged.
    for key in ["criteria", "vendors", "meta"] {
        assert!(
            same_json(&packet["scorecard"][key], &demo["scorecard"][key]),
            "scorecard.{key} differs in the packet"
        );
    }
    let (stdout, _) = sandbox.ok(&["validate", "osei.json"]);
    assert!(
        stdout.ends_with(", 52 ratings, checksum verified)\n"),
        "{stdout}"
    );
}

#[test]
fn a_packet_for_an_unknown_evaluator_fails() {
    let sandbox = Sandbox::new("merge_packet_unknown");
    sandbox.demo("demo.json");
    let (code, stdout, stderr) = sandbox.rfp(&[
        "packet",
        "demo.json",
        "--evaluator",
        "nobody",
        "-o",
        "p.json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("demo.json: "), "{stderr}");
    assert!(
        stderr.contains(
            "demo.json: evaluators: no evaluator \"nobody\" (hint: evaluators: osei, ortega, natarajan)"
        ),
        "{stderr}"
    );
    assert!(!sandbox.exists("p.json"));
}

#[test]
fn merging_edited_packets_keeps_the_newer_ratings() {
    let sandbox = Sandbox::new("merge_newer");
    packets(&sandbox);
    edit_packet(&sandbox, "osei.json", "osei-back.json", |f| {
        set_rating(f, OSEI_MERROW, 4.0, 2);
    });
    edit_packet(&sandbox, "ortega.json", "ortega-back.json", |f| {
        set_rating(f, ORTEGA_DRIFTMERE, 5.0, 2);
    });
    let (code, stdout, stderr) = sandbox.rfp(&[
        "merge",
        "demo.json",
        "osei-back.json",
        "ortega-back.json",
        "-o",
        "merged.json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "merged 2 file(s) into merged.json: 2 rating(s) new or updated, 0 conflict(s) to settle\n"
    );
    assert_eq!(stderr, "");

    let merged = sandbox.json("merged.json");
    assert_eq!(ratings(&merged).len(), 156);
    let (e, v, q) = OSEI_MERROW;
    assert_eq!(rating(&merged, e, v, q)["score"], 4.0);
    assert_eq!(rating(&merged, e, v, q)["revision"], 2);
    let (e, v, q) = ORTEGA_DRIFTMERE;
    assert_eq!(rating(&merged, e, v, q)["score"], 5.0);
    assert_eq!(rating(&merged, e, v, q)["revision"], 2);
    // The other evaluator's rating of the same vendor is untouched.
    assert_eq!(
        rating(&merged, "natarajan", "merrow", "fit.clinical.scripted_demo")["score"],
        4.0
    );
    // The consensus and the rest come from the base.
    let demo = sandbox.json("demo.json");
    for key in ["consensus", "criteria", "vendors"] {
        assert!(
            same_json(&merged["scorecard"][key], &demo["scorecard"][key]),
            "scorecard.{key} differs in the merged file"
        );
    }
    // Evaluators are the same records, listed by id (merge's canonical order).
    let by_id = |list: &serde_json::Value| {
        let mut records = list.as_array().unwrap().clone();
        records.sort_by_key(|r| r["id"].as_str().unwrap().to_owned());
        serde_json::Value::Array(records)
    };
    assert!(same_json(
        &by_id(&merged["scorecard"]["evaluators"]),
        &by_id(&demo["scorecard"]["evaluators"])
    ));

    let (stdout, _) = sandbox.ok(&["validate", "merged.json"]);
    assert!(
        stdout.ends_with(", 156 ratings, checksum verified)\n"),
        "{stdout}"
    );

    // Merging again, in another order, changes nothing.
    sandbox.ok(&[
        "merge",
        "merged.json",
        "ortega-back.json",
        "osei-back.json",
        "merged.json",
        "-o",
        "again.json",
    ]);
    assert_eq!(sandbox.read("again.json"), sandbox.read("merged.json"));

    // An older packet does not undo the newer value.
    sandbox.ok(&["merge", "merged.json", "osei.json", "-o", "older.json"]);
    let older = sandbox.json("older.json");
    let (e, v, q) = OSEI_MERROW;
    assert_eq!(rating(&older, e, v, q)["score"], 4.0);
}

#[test]
fn two_values_at_the_same_revision_are_a_conflict() {
    let sandbox = Sandbox::new("merge_conflict");
    packets(&sandbox);
    edit_packet(&sandbox, "osei.json", "osei-laptop.json", |f| {
        set_rating(f, OSEI_MERROW, 4.0, 2);
    });
    edit_packet(&sandbox, "osei.json", "osei-tablet.json", |f| {
        set_rating(f, OSEI_MERROW, 2.0, 2);
    });
    let (code, stdout, stderr) = sandbox.rfp(&[
        "merge",
        "demo.json",
        "osei-laptop.json",
        "osei-tablet.json",
        "-o",
        "merged.json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "merged 2 file(s) into merged.json: 1 rating(s) new or updated, 1 conflict(s) to settle\n"
    );
    assert_eq!(
        stderr,
        "warning: rating by \"osei\" of \"merrow\" on \"fit.clinical.scripted_demo\": 2 \
         different values at revision 2: 2 and 4 (hint: record a new rating or a consensus \
         value to settle it)\n"
    );
    // Both values are kept, never silently resolved.
    let merged = sandbox.json("merged.json");
    let (e, v, q) = OSEI_MERROW;
    let mut both: Vec<f64> = ratings(&merged)
        .iter()
        .filter(|r| r["evaluator"] == e && r["vendor"] == v && r["requirement"] == q)
        .map(|r| {
            assert_eq!(r["revision"], 2);
            r["score"].as_f64().expect("score")
        })
        .collect();
    both.sort_by(f64::total_cmp);
    assert_eq!(both, [2.0, 4.0]);
    // The report points the chair at it.
    let (stdout, _) = sandbox.ok(&["score", "merged.json"]);
    assert!(
        stdout.contains(
            "conflicting ratings by \"osei\" of \"merrow\" on \"fit.clinical.scripted_demo\" at \
             revision 2"
        ),
        "{stdout}"
    );
}

#[test]
fn a_packet_with_different_criteria_is_refused() {
    let sandbox = Sandbox::new("merge_criteria_differ");
    packets(&sandbox);
    edit_packet(&sandbox, "ortega.json", "ortega-short.json", |f| {
        let sla = &mut f["scorecard"]["criteria"][4];
        assert_eq!(sla["id"], "sla");
        let children = sla["children"].as_array_mut().expect("children");
        let removed = children.remove(4);
        assert_eq!(removed["id"], "sla.uptime");
    });
    let (code, stdout, stderr) = sandbox.rfp(&[
        "merge",
        "demo.json",
        "osei.json",
        "ortega-short.json",
        "-o",
        "merged.json",
    ]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("ortega-short.json"), "{stderr}");
    assert!(
        stderr.contains(
            "ortega-short.json has different criteria from the base scorecard, so its ratings \
             cannot be merged\n  \"sla.uptime\" is in the base but not in this file"
        ),
        "{stderr}"
    );
    assert!(!sandbox.exists("merged.json"), "nothing is written");
}

#[test]
fn merging_a_broken_file_names_it() {
    let sandbox = Sandbox::new("merge_broken_input");
    packets(&sandbox);
    sandbox.write("ortega-back.json", "{ \"format\": ");
    let (code, stdout, stderr) = sandbox.rfp(&[
        "merge",
        "demo.json",
        "osei.json",
        "ortega-back.json",
        "-o",
        "merged.json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("ortega-back.json: error: line 1, column "),
        "{stderr}"
    );
    assert!(!sandbox.exists("merged.json"));
}

#[test]
fn a_returned_file_changed_by_hand_is_merged_only_when_the_chair_accepts_it() {
    let sandbox = Sandbox::new("merge_altered");
    packets(&sandbox);
    // Changed by hand, checksum kept: a raised revision would replace Osei's rating unseen.
    let mut file = sandbox.json("osei.json");
    set_rating(&mut file, OSEI_MERROW, 5.0, 9);
    sandbox.write_json("osei-back.json", &file);
    let (code, stdout, stderr) = sandbox.rfp(&[
        "merge",
        "demo.json",
        "osei-back.json",
        "ortega.json",
        "-o",
        "merged.json",
    ]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "osei-back.json: error: checksum: changed outside RFP Scorecard or damaged since it was \
         saved (its checksum does not match its content), so it was not merged (hint: ask its \
         evaluator to send it again; merge it only if you have checked its ratings, accepting \
         it explicitly)\n  to merge it anyway: --accept-altered osei-back.json\n\
         nothing written to merged.json\n"
    );
    assert!(!sandbox.exists("merged.json"), "nothing is written");

    // Accepted explicitly: merged, and the record says so.
    let (stdout, stderr) = sandbox.ok(&[
        "merge",
        "demo.json",
        "osei-back.json",
        "ortega.json",
        "-o",
        "merged.json",
        "--accept-altered",
        "osei-back.json",
    ]);
    assert!(
        stderr.starts_with(
            "warning: osei-back.json: merged although it was changed outside RFP Scorecard or \
             damaged since it was saved: the chair accepted it\n"
        ),
        "{stderr}"
    );
    assert!(
        stdout.starts_with("merged 2 file(s) into merged.json: 1 rating(s)"),
        "{stdout}"
    );
    let merged = sandbox.json("merged.json");
    let counted = merged["scorecard"]["ratings"]
        .as_array()
        .expect("ratings")
        .iter()
        .filter(|r| r["evaluator"] == "osei" && r["vendor"] == "merrow")
        .any(|r| r["requirement"] == OSEI_MERROW.2 && r["revision"] == 9 && r["score"] == 5.0);
    assert!(counted);

    // A name that is not one of the files is a mistake, not a silent no-op.
    let (code, _, stderr) = sandbox.rfp(&[
        "merge",
        "demo.json",
        "ortega.json",
        "-o",
        "merged.json",
        "--accept-altered",
        "osei.json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "--accept-altered osei.json: not one of the files to merge\n"
    );
}
