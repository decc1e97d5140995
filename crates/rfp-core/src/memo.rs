//! The decision memo: one page a board can read, in Markdown or as a self-contained HTML page
//! to print — the recommendation, the
//! ranking with margins, knocked-out vendors with the failed gate in words, what carries the
//! lead, how robust it is, the cost over the years in dollars, the method and weights, the
//! committee and its attestations, the disagreements with the consensus value and its
//! rationale, and the caveats (pending gates, missing ratings and answers). Names everywhere,
//! never ids. Every number comes from the report and the analysis.

use std::fmt::Write as _;

use crate::analysis::Analysis;
use crate::model::{Aggregation, KnockoutPolicy, Scorecard, Scoring, WeightingMethod};
use crate::score::{Disagreement, Report, VendorStatus};
use crate::validate::direction_control;

/// One part of the memo, before it is written as Markdown or HTML. Texts are a person's words
/// or the scorer's figures, raw: each writer escapes them its own way.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    /// The title (`#`, `<h1>`).
    Title(String),
    /// The line under the title.
    Byline(String),
    /// A section heading.
    Heading(String),
    /// A paragraph.
    Para(Vec<Inline>),
    /// A bulleted list.
    List(Vec<Vec<Inline>>),
    /// A table: the header, which columns are numbers (right-aligned), the rows.
    Table {
        header: Vec<String>,
        numbers: Vec<bool>,
        rows: Vec<Vec<String>>,
    },
    /// The closing line.
    Footer(String),
}

/// A run of text in a paragraph or a list item.
#[derive(Debug, Clone, PartialEq)]
enum Inline {
    Text(String),
    Strong(String),
}

/// How the top-level weights were derived, when pairwise comparisons derived them.
fn category_weights_sentence(report: &Report) -> Option<String> {
    let top = report
        .weightings
        .iter()
        .find(|w| w.category_id.is_empty())?;
    let ratio = |summary: &crate::score::AhpSummary| {
        format!(
            "{:.3}, against the random indices of {}{}",
            summary.consistency_ratio,
            summary.table.label(),
            if summary.inconsistent() {
                "; above 0.10: the comparisons contradict each other"
            } else {
                ""
            }
        )
    };
    match top.method {
        WeightingMethod::Ahp => top.ahp.as_ref().map(|ahp| {
            format!(
                "The category weights come from the committee's pairwise comparisons (AHP; \
                 consistency ratio {}).",
                ratio(ahp)
            )
        }),
        WeightingMethod::AhpGroup => top.ahp_group.as_ref().map(|group| {
            let pairs = top.pairs();
            let each = top.evaluators_in_words(report);
            let uncompared = match group.uncompared {
                0 => String::new(),
                u if u == pairs => format!(
                    " No evaluator has compared the categories yet: all {pairs} pairs count as \
                     equal, so they weigh alike."
                ),
                u => format!(
                    " No evaluator has compared {u} of the {pairs} pairs yet: they count as equal."
                ),
            };
            format!(
                "The category weights come from each evaluator's pairwise comparisons combined \
                 by their geometric mean (group AHP; the group's consistency ratio {}{}).{uncompared}",
                ratio(&group.group),
                if each.is_empty() {
                    String::new()
                } else {
                    format!("; each evaluator's: {}", each.join("; "))
                }
            )
        }),
        _ => None,
    }
}

fn plain(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

fn table(header: &[&str], numbers: &[bool], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        numbers: numbers.to_vec(),
        rows,
    }
}

/// The memo as Markdown. `date` is the day it is written (`YYYY-MM-DD`; the core reads no
/// clock); `analysis` is [`crate::analysis::analyse`] of the same report.
pub fn markdown(scorecard: &Scorecard, report: &Report, analysis: &Analysis, date: &str) -> String {
    let mut out = String::new();
    for block in document(scorecard, report, analysis, date) {
        match block {
            Block::Title(t) => {
                let _ = writeln!(out, "# {}\n", text(&t));
            }
            Block::Byline(t) => {
                let _ = writeln!(out, "{}\n", text(&t));
            }
            Block::Heading(t) => {
                let _ = writeln!(out, "## {}\n", text(&t));
            }
            Block::Para(runs) => {
                let _ = writeln!(out, "{}\n", markdown_runs(&runs));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", markdown_runs(&item));
                }
                out.push('\n');
            }
            Block::Table {
                header,
                numbers,
                rows,
            } => {
                let _ = writeln!(out, "| {} |", header.join(" | "));
                let rule: Vec<&str> = numbers
                    .iter()
                    .map(|&n| if n { "---:" } else { "---" })
                    .collect();
                let _ = writeln!(out, "|{}|", rule.join("|"));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| text(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::Footer(t) => {
                let _ = writeln!(out, "---\n{}", text(&t));
            }
        }
    }
    out
}

fn markdown_runs(runs: &[Inline]) -> String {
    runs.iter()
        .map(|run| match run {
            Inline::Text(t) => text(t),
            Inline::Strong(t) => format!("**{}**", text(t)),
        })
        .collect()
}

/// The memo as one self-contained HTML page: no script, no outside resource, its styles inline
/// and fit for printing on one or two pages (the browser's print or "save as PDF").
pub fn html(scorecard: &Scorecard, report: &Report, analysis: &Analysis, date: &str) -> String {
    let blocks = document(scorecard, report, analysis, date);
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape_html(&title)
    );
    for block in blocks {
        match block {
            Block::Title(t) => {
                let _ = writeln!(out, "<h1>{}</h1>", escape_html(&t));
            }
            Block::Byline(t) => {
                let _ = writeln!(out, "<p class=\"byline\">{}</p>", escape_html(&t));
            }
            Block::Heading(t) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape_html(&t));
            }
            Block::Para(runs) => {
                let _ = writeln!(out, "<p>{}</p>", html_runs(&runs));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", html_runs(&item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table {
                header,
                numbers,
                rows,
            } => {
                let class = |i: usize| {
                    if numbers.get(i).copied().unwrap_or(false) {
                        " class=\"number\""
                    } else {
                        ""
                    }
                };
                out.push_str("<table>\n<thead><tr>");
                for (i, h) in header.iter().enumerate() {
                    let _ = write!(out, "<th scope=\"col\"{}>{}</th>", class(i), escape_html(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        let _ = write!(out, "<td{}>{}</td>", class(i), escape_html(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Footer(t) => {
                let _ = writeln!(out, "<footer>{}</footer>", escape_html(&t));
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

const HTML_STYLE: &str = "body{font:11pt/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1f24;margin:0;background:#fff}\
main{max-width:46rem;margin:2rem auto;padding:0 1.25rem}\
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}\
.byline{color:#57606a;margin-top:0}\
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border-bottom:1px solid #d8dee4;padding:.25rem .5rem;text-align:left;vertical-align:top}\
th{background:#f6f8fa}.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
ul{padding-left:1.2rem}li{margin:.15rem 0}footer{margin-top:1.5rem;color:#57606a;font-size:.9em;border-top:1px solid #d0d7de;padding-top:.4rem}\
@page{margin:1.6cm}@media print{main{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}";

fn html_runs(runs: &[Inline]) -> String {
    runs.iter()
        .map(|run| match run {
            Inline::Text(t) => escape_html(t),
            Inline::Strong(t) => format!("<strong>{}</strong>", escape_html(t)),
        })
        .collect()
}

/// A person's text as HTML shows it, literally. Bidirectional controls are dropped: in a page
/// they would reorder the text after them (a name reading backwards into the next cell).
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if direction_control(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The memo's parts, in order.
fn document(scorecard: &Scorecard, report: &Report, analysis: &Analysis, date: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let title = if report.title.trim().is_empty() {
        "EHR selection".to_owned()
    } else {
        report.title.clone()
    };
    out.push(Block::Title(format!("Decision memo: {title}")));
    let mut byline = vec![date.to_owned()];
    if !scorecard.meta.organization.trim().is_empty() {
        byline.push(scorecard.meta.organization.clone());
    }
    out.push(Block::Byline(byline.join(" · ")));

    // Recommendation.
    out.push(Block::Heading("Recommendation".into()));
    match &analysis.winner {
        Some(winner) => out.push(Block::Para(vec![
            Inline::Strong(winner.name.clone()),
            Inline::Text(format!(
                " ranks first with {:.1} of 100 points.",
                winner.total
            )),
        ])),
        None => out.push(Block::Para(plain(
            "No vendor can be recommended yet: none passes every gate.",
        ))),
    }
    out.push(Block::List(
        analysis
            .sentences
            .iter()
            .map(|s| plain(s.clone()))
            .collect(),
    ));

    // Ranking.
    out.push(Block::Heading("Ranking".into()));
    let first = analysis.winner.as_ref().map(|w| w.total);
    let rows = report
        .vendors
        .iter()
        .map(|vendor| {
            let behind = match (first, vendor.status) {
                (Some(top), VendorStatus::Qualified | VendorStatus::Flagged) => {
                    format!("{:.1}", top - vendor.total)
                }
                _ => "—".to_owned(),
            };
            let status = match vendor.status {
                VendorStatus::Qualified => "qualified".to_owned(),
                VendorStatus::Flagged => format!("failed a gate (flagged): {}", gates(vendor)),
                VendorStatus::KnockedOut => format!("knocked out: {}", gates(vendor)),
            };
            vec![
                vendor.rank.to_string(),
                vendor.name.clone(),
                format!("{:.1}", vendor.total),
                behind,
                status,
            ]
        })
        .collect();
    out.push(table(
        &["Rank", "Vendor", "Total", "Behind the first", "Status"],
        &[true, false, true, true, false],
        rows,
    ));

    // What carries the lead.
    if let (Some(winner), Some(next)) = (&analysis.winner, analysis.margins.first()) {
        out.push(Block::Heading(format!(
            "What carries the lead over {}",
            next.vendor.name
        )));
        out.push(table(
            &["Category", "Points of the lead"],
            &[false, true],
            next.drivers
                .iter()
                .filter(|d| d.points.abs() >= 0.05)
                .map(|d| vec![d.name.clone(), format!("{:+.1}", d.points)])
                .collect(),
        ));
        out.push(Block::Para(plain(format!(
            "{} leads by {:.1} points in all.",
            winner.name, next.lead
        ))));
    }

    // Weights at which the winner changes.
    let turning: Vec<_> = analysis
        .weights
        .iter()
        .filter(|w| w.category && (w.raise.is_some() || w.lower.is_some()))
        .collect();
    if !turning.is_empty() {
        out.push(Block::Heading(
            "Category weights at which the winner changes".into(),
        ));
        let rows = turning
            .iter()
            .map(|w| {
                let mut parts = Vec::new();
                if let Some(c) = &w.raise {
                    parts.push(format!(
                        "above {:.1}% ({} leads)",
                        c.share * 100.0,
                        c.leader.name
                    ));
                }
                if let Some(c) = &w.lower {
                    parts.push(format!(
                        "below {:.1}% ({} leads)",
                        c.share * 100.0,
                        c.leader.name
                    ));
                }
                vec![
                    w.name.clone(),
                    format!("{:.1}%", w.share * 100.0),
                    parts.join("; "),
                ]
            })
            .collect();
        out.push(table(
            &["Category", "Share now", "The winner changes"],
            &[false, true, false],
            rows,
        ));
    }

    // Cost over the years.
    let prices: Vec<_> = crate::tree::nodes(&scorecard.criteria)
        .filter_map(|c| match &c.scoring {
            Some(Scoring::Price(rule)) => Some((c, rule)),
            _ => None,
        })
        .collect();
    for (requirement, rule) in prices {
        out.push(Block::Heading(format!("Cost: {}", requirement.name)));
        let rows = report
            .vendors
            .iter()
            .map(|vendor| {
                let cost = scorecard
                    .vendors
                    .iter()
                    .find(|v| v.id == vendor.vendor_id)
                    .and_then(|v| v.answers.get(&requirement.id))
                    .and_then(|answer| crate::score::total_cost(rule, answer));
                let shown = cost.map_or_else(
                    || "no bid".to_owned(),
                    |c| format!("${}", crate::score::with_thousands(c)),
                );
                vec![vendor.name.clone(), shown]
            })
            .collect();
        let years = format!(
            "Total cost over {} year{}",
            rule.years,
            if rule.years == 1 { "" } else { "s" }
        );
        out.push(table(&["Vendor", &years], &[false, true], rows));
        if rule.escalation_percent != 0.0 {
            out.push(Block::Para(plain(format!(
                "Recurring costs rise {}% a year.",
                crate::typed::shown_number(rule.escalation_percent)
            ))));
        }
    }

    // Method and weights.
    out.push(Block::Heading("Method".into()));
    let settings = &scorecard.settings;
    let aggregation = match settings.aggregation {
        Aggregation::Mean => "the mean of the evaluators' ratings".to_owned(),
        Aggregation::Median => "the median of the evaluators' ratings".to_owned(),
        Aggregation::TrimmedMean => format!(
            "the mean of the evaluators' ratings without the highest and lowest {:.0}%",
            settings.trim_fraction * 100.0
        ),
    };
    let mut method = vec![
        plain(format!(
            "Each rated requirement scores {aggregation}{}; a consensus value the committee recorded replaces them.",
            if settings.leniency_normalization {
                ", each evaluator's ratings first rescaled so a harsh and a lenient evaluator count alike"
            } else {
                ""
            }
        )),
        plain(format!(
            "A vendor failing a gate {}.",
            match settings.knockout {
                KnockoutPolicy::Exclude => "is knocked out: it ranks after every qualified vendor",
                KnockoutPolicy::Flag => "is only flagged: it keeps its rank",
            }
        )),
    ];
    method.extend(category_weights_sentence(report).map(plain));
    out.push(Block::List(method));
    out.push(table(
        &["Category", "Weight"],
        &[false, true],
        report
            .categories
            .iter()
            .filter(|c| c.depth == 0)
            .map(|c| vec![c.name.clone(), format!("{:.1}%", c.weight * 100.0)])
            .collect(),
    ));

    // The committee.
    if !report.evaluators.is_empty() {
        out.push(Block::Heading("The committee".into()));
        let rows = report
            .evaluators
            .iter()
            .map(|e| {
                let attested = scorecard
                    .evaluators
                    .iter()
                    .find(|x| x.id == e.evaluator_id)
                    .and_then(|x| x.attestation.as_ref())
                    .filter(|a| a.no_conflict)
                    .map_or_else(|| "no".to_owned(), |a| format!("yes, {}", a.date));
                vec![
                    e.name.clone(),
                    crate::vocabulary::label(crate::vocabulary::ROLES, &e.role).to_owned(),
                    format!("{} of {}", e.rated, e.expected),
                    attested,
                ]
            })
            .collect();
        out.push(table(
            &[
                "Evaluator",
                "Role",
                "Rated",
                "No conflict of interest attested",
            ],
            &[false, false, true, false],
            rows,
        ));
    }

    // Disagreements and how they were settled.
    if !report.disagreements.is_empty() {
        let vendor_name = |id: &str| report.vendor_name(id);
        let requirement_name = |id: &str| report.requirement_name(id);
        let evaluator_name = |id: &str| report.evaluator_name(id);
        out.push(Block::Heading("Where the evaluators disagreed".into()));
        let items = report
            .disagreements
            .iter()
            .map(|d| {
                let ratings: Vec<String> = d
                    .ratings
                    .iter()
                    .map(|(e, v)| format!("{} {}", evaluator_name(e), v))
                    .collect();
                let consensus = scorecard.consensus.iter().find(|c| {
                    c.vendor == d.vendor_id.as_str() && c.requirement == d.requirement_id.as_str()
                });
                let mut item = vec![
                    Inline::Strong(vendor_name(&d.vendor_id)),
                    Inline::Text(format!(
                        " on {} ({}) — ",
                        requirement_name(&d.requirement_id),
                        ratings.join(", ")
                    )),
                ];
                match consensus {
                    Some(c) => item.extend([
                        Inline::Text("the committee agreed on ".into()),
                        Inline::Strong(c.value.to_string()),
                        Inline::Text(if d.stale_consensus {
                            format!(" ({}): {}", Disagreement::STALE, c.rationale)
                        } else {
                            format!(": {}", c.rationale)
                        }),
                    ]),
                    None => item.push(Inline::Text(
                        "not settled: no consensus value recorded".into(),
                    )),
                }
                item
            })
            .collect();
        out.push(Block::List(items));
    }

    // Caveats.
    let mut caveats = Vec::new();
    for vendor in &report.vendors {
        for pending in &vendor.pending_gates {
            caveats.push(format!(
                "The gate “{}” is not decided for {}: {}",
                pending.requirement, vendor.name, pending.reason
            ));
        }
    }
    for e in report.evaluators.iter().filter(|e| e.rated < e.expected) {
        caveats.push(format!(
            "{} has rated {} of {}.",
            e.name, e.rated, e.expected
        ));
    }
    if !report.missing_answers.is_empty() {
        caveats.push(format!(
            "{} answer{} missing (scored as 0).",
            report.missing_answers.len(),
            if report.missing_answers.len() == 1 {
                " is"
            } else {
                "s are"
            }
        ));
    }
    let problems = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .count();
    if problems > 0 {
        caveats.push(format!(
            "The scorecard has {problems} problem{} to fix before relying on it.",
            if problems == 1 { "" } else { "s" }
        ));
    }
    if !caveats.is_empty() {
        out.push(Block::Heading("Caveats".into()));
        out.push(Block::List(caveats.into_iter().map(plain).collect()));
    }
    out.push(Block::Footer(
        "Written by RFP Scorecard from the committee's scorecard; every figure is the scorer's."
            .into(),
    ));
    out
}

/// A vendor's failed gates, in words.
fn gates(vendor: &crate::score::VendorResult) -> String {
    vendor
        .gate_failures
        .iter()
        .map(|g| format!("“{}”: {}", g.requirement, g.reason))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A person's text as Markdown shows it, literally: no markup, no HTML, no table breaks, no
/// direction controls (an override not closed reverses the rest of the line, numbers too).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            c if direction_control(c) => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `&copy;` would show ©: an ampersand that starts an entity is written as one.
            '&' if starts_entity(rest_after(s, i)) => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The text after the character at byte `i`.
fn rest_after(s: &str, i: usize) -> &str {
    s.get(i + 1..).unwrap_or("")
}

/// Whether the text right after an `&` makes it an entity (`copy;`, `#169;`, `#xA9;`).
fn starts_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}
