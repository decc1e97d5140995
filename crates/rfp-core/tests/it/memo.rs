//! The decision memo: what a board reads, with names and the scorer's figures, and a person's
//! text shown literally.

use rfp_core::analysis::analyse;

use crate::support::data_dir;

#[test]
fn the_memo_has_every_part_a_board_reads_with_names_never_ids() {
    let text = std::fs::read_to_string(data_dir().join("golden/demo.json")).expect("demo");
    let card = rfp_core::load(&text).expect("loads").scorecard;
    let report = rfp_core::score(&card);
    let memo = rfp_core::memo::markdown(&card, &report, &analyse(&card, &report), "2026-12-05");
    for part in [
        "# Decision memo: ",
        "2026-12-05 · Riverside Family Medicine",
        "**CedarChart** ranks first with 89.7 of 100 points.",
        "| 4 | Quayline EHR | 61.3 | — | knocked out: “Guaranteed monthly uptime”: 99.2% is below the required 99.5% |",
        "## What carries the lead over Merrow Health Systems",
        "## Category weights at which the winner changes",
        "| CedarChart | $257,758 |",
        "| Dr. Amara Osei | Physician | 44 of 44 | yes, 2026-11-10 |",
        "the committee agreed on **2**: Scores of 1 (Dr. Osei)",
    ] {
        assert!(memo.contains(part), "no {part:?} in:\n{memo}");
    }
    for id in ["cedarchart", "merrow", "fit.clinical", "osei |"] {
        assert!(!memo.contains(id), "the id {id:?} in:\n{memo}");
    }
}

#[test]
fn names_with_markup_are_shown_as_text() {
    let mut card = crate::support::small_scorecard();
    card.vendors[0].name =
        "<img src=x onerror=alert(1)> | *Acme* [x](http://e) &copy; & Sons".into();
    let report = rfp_core::score(&card);
    let memo = rfp_core::memo::markdown(&card, &report, &analyse(&card, &report), "2026-12-05");
    assert!(
        memo.contains(
            r"&lt;img src=x onerror=alert(1)&gt; \| \*Acme\* \[x\](http://e) &amp;copy; & Sons"
        ),
        "{memo}"
    );
    assert!(!memo.contains("<img"));
}
