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

#[test]
fn a_name_cannot_reorder_the_memo_or_a_sentence() {
    // U+202E (right-to-left override) not closed: every character after it on the line, the
    // figures too, would be shown in reverse ("83.4" as "4.38").
    let mut card = crate::support::small_scorecard();
    card.vendors[0].name = "Acme \u{202e}Health".into();
    card.vendors[1].name = "\u{2067}Beta\u{202d}".into();
    let report = rfp_core::score(&card);
    // Kept in the file, and said where it is.
    let said: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("direction control"))
        .map(|d| d.location.to_string())
        .collect();
    assert_eq!(said, ["vendors[0].name", "vendors[1].name"]);
    let analysis = analyse(&card, &report);
    let memo = rfp_core::memo::markdown(&card, &report, &analysis, "2026-12-05");
    let page = rfp_core::memo::html(&card, &report, &analysis, "2026-12-05");
    let controls = [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ];
    for (what, text) in [("Markdown", &memo), ("HTML", &page)] {
        assert!(
            !text.contains(controls),
            "a direction control in the {what} memo"
        );
        assert!(
            text.contains("Acme Health") && text.contains("Beta"),
            "{text}"
        );
    }
    assert!(
        analysis.sentences.iter().any(|s| s.contains("Acme Health")),
        "{:?}",
        analysis.sentences
    );
    for sentence in &analysis.sentences {
        assert!(!sentence.contains(controls), "{sentence:?}");
    }
    // The report's names, which tables, the command line and the site show, are left so too.
    assert!(report.vendors.iter().any(|v| v.name == "Acme Health"));
    assert!(report.vendors.iter().all(|v| !v.name.contains(controls)));
}

#[test]
fn the_html_memo_is_the_same_memo_as_a_page_to_print() {
    let text = std::fs::read_to_string(data_dir().join("golden/demo.json")).expect("demo");
    let card = rfp_core::load(&text).expect("loads").scorecard;
    let report = rfp_core::score(&card);
    let analysis = analyse(&card, &report);
    let page = rfp_core::memo::html(&card, &report, &analysis, "2026-12-05");
    assert!(page.starts_with("<!doctype html>"));
    // Self-contained and inert: no script, nothing fetched, styles for print.
    assert!(page.contains("default-src 'none'"));
    assert!(page.contains("@media print"));
    for forbidden in ["<script", "src=", "href=", "url("] {
        assert!(!page.contains(forbidden), "{forbidden} in the page");
    }
    // The same parts and figures as the Markdown memo.
    for part in [
        "<h1>Decision memo: ",
        "<p class=\"byline\">2026-12-05 · Riverside Family Medicine</p>",
        "<p><strong>CedarChart</strong> ranks first with 89.7 of 100 points.</p>",
        "<td class=\"number\">4</td><td>Quayline EHR</td><td class=\"number\">61.3</td>",
        "<h2>What carries the lead over Merrow Health Systems</h2>",
        "<td>CedarChart</td><td class=\"number\">$257,758</td>",
        "<td>Dr. Amara Osei</td><td>Physician</td>",
        "the committee agreed on <strong>2</strong>: Scores of 1 (Dr. Osei)",
    ] {
        assert!(page.contains(part), "no {part:?} in:\n{page}");
    }
    for sentence in &analysis.sentences {
        let shown = sentence.replace('&', "&amp;").replace('\'', "&#39;");
        assert!(page.contains(&shown), "no {sentence:?}");
    }
    // A person's text is text.
    let mut hostile = crate::support::small_scorecard();
    hostile.vendors[0].name = "<img src=x onerror=alert(1)> & \"Sons\"\u{202E}".into();
    let report = rfp_core::score(&hostile);
    let page = rfp_core::memo::html(&hostile, &report, &analyse(&hostile, &report), "2026-12-05");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Sons&quot;"));
    assert!(!page.contains("<img"));
    assert!(!page.contains('\u{202E}'), "no reordering of what follows");
}
