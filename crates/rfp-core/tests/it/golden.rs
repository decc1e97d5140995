//! Golden cases: `tests/data/golden/NAME.json` scored must equal `NAME.report.json`.
//! Run with `UPDATE_EXPECT=1` to rewrite the expected reports after a deliberate change,
//! then read the diff.

use crate::support::data_dir;

#[test]
fn golden_reports() {
    let dir = data_dir().join("golden");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".report.json")
        })
        .collect();
    entries.sort();
    for input in entries {
        let expected_path = input.with_extension("report.json");
        let text = std::fs::read_to_string(&input).unwrap();
        let loaded = rfp_core::load(&text).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let report = rfp_core::score(&loaded.scorecard);
        let actual = serde_json::to_string_pretty(&report).unwrap() + "\n";
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
                panic!(
                    "{} is missing; run with UPDATE_EXPECT=1",
                    expected_path.display()
                )
            });
            assert!(
                expected == actual,
                "{} differs from its expected report; if the change is deliberate, run with \
                 UPDATE_EXPECT=1 and review the diff",
                input.display()
            );
        }
        cases += 1;
    }
    assert!(cases >= 3, "golden cases: {cases}");
}
