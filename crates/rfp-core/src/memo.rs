//! The decision memo: one page a board can read, in Markdown — the recommendation, the
//! ranking with margins, knocked-out vendors with the failed gate in words, what carries the
//! lead, how robust it is, the cost over the years in dollars, the method and weights, the
//! committee and its attestations, the disagreements with the consensus value and its
//! rationale, and the caveats (pending gates, missing ratings and answers). Names everywhere,
//! never ids. Every number comes from the report and the analysis.

use std::fmt::Write as _;

use crate::analysis::Analysis;
use crate::model::{Aggregation, KnockoutPolicy, Scorecard, Scoring};
use crate::score::{Report, VendorStatus};

/// The memo as Markdown. `date` is the day it is written (`YYYY-MM-DD`; the core reads no
/// clock); `analysis` is [`crate::analysis::analyse`] of the same report.
pub fn markdown(scorecard: &Scorecard, report: &Report, analysis: &Analysis, date: &str) -> String {
    let mut out = String::new();
    let title = if report.title.trim().is_empty() {
        "EHR selection".to_owned()
    } else {
        report.title.clone()
    };
    let _ = writeln!(out, "# Decision memo: {}\n", text(&title));
    let mut byline = vec![text(date)];
    if !scorecard.meta.organization.trim().is_empty() {
        byline.push(text(&scorecard.meta.organization));
    }
    let _ = writeln!(out, "{}\n", byline.join(" · "));

    // Recommendation.
    let _ = writeln!(out, "## Recommendation\n");
    match &analysis.winner {
        Some(winner) => {
            let _ = writeln!(
                out,
                "**{}** ranks first with {:.1} of 100 points.\n",
                text(&winner.name),
                winner.total
            );
        }
        None => {
            let _ = writeln!(
                out,
                "No vendor can be recommended yet: none passes every gate.\n"
            );
        }
    }
    for sentence in &analysis.sentences {
        let _ = writeln!(out, "- {}", text(sentence));
    }
    out.push('\n');

    // Ranking.
    let _ = writeln!(out, "## Ranking\n");
    let _ = writeln!(out, "| Rank | Vendor | Total | Behind the first | Status |");
    let _ = writeln!(out, "|---:|---|---:|---:|---|");
    let first = analysis.winner.as_ref().map(|w| w.total);
    for vendor in &report.vendors {
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
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {} | {} |",
            vendor.rank,
            text(&vendor.name),
            vendor.total,
            behind,
            status
        );
    }
    out.push('\n');

    // What carries the lead.
    if let (Some(winner), Some(next)) = (&analysis.winner, analysis.margins.first()) {
        let _ = writeln!(
            out,
            "## What carries the lead over {}\n",
            text(&next.vendor.name)
        );
        let _ = writeln!(out, "| Category | Points of the lead |");
        let _ = writeln!(out, "|---|---:|");
        for driver in next.drivers.iter().filter(|d| d.points.abs() >= 0.05) {
            let _ = writeln!(out, "| {} | {:+.1} |", text(&driver.name), driver.points);
        }
        let _ = writeln!(
            out,
            "\n{} leads by {:.1} points in all.\n",
            text(&winner.name),
            next.lead
        );
    }

    // Weights at which the winner changes.
    let turning: Vec<_> = analysis
        .weights
        .iter()
        .filter(|w| w.category && (w.raise.is_some() || w.lower.is_some()))
        .collect();
    if !turning.is_empty() {
        let _ = writeln!(out, "## Category weights at which the winner changes\n");
        let _ = writeln!(out, "| Category | Share now | The winner changes |");
        let _ = writeln!(out, "|---|---:|---|");
        for w in turning {
            let mut parts = Vec::new();
            if let Some(c) = &w.raise {
                parts.push(format!(
                    "above {:.1}% ({} leads)",
                    c.share * 100.0,
                    text(&c.leader.name)
                ));
            }
            if let Some(c) = &w.lower {
                parts.push(format!(
                    "below {:.1}% ({} leads)",
                    c.share * 100.0,
                    text(&c.leader.name)
                ));
            }
            let _ = writeln!(
                out,
                "| {} | {:.1}% | {} |",
                text(&w.name),
                w.share * 100.0,
                parts.join("; ")
            );
        }
        out.push('\n');
    }

    // Cost over the years.
    let prices: Vec<_> = crate::csv_io::walk_tree(&scorecard.criteria)
        .filter_map(|c| match &c.scoring {
            Some(Scoring::Price(rule)) => Some((c, rule)),
            _ => None,
        })
        .collect();
    for (requirement, rule) in prices {
        let _ = writeln!(out, "## Cost: {}\n", text(&requirement.name));
        let _ = writeln!(
            out,
            "| Vendor | Total cost over {} year{} |",
            rule.years,
            if rule.years == 1 { "" } else { "s" }
        );
        let _ = writeln!(out, "|---|---:|");
        for vendor in &report.vendors {
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
            let _ = writeln!(out, "| {} | {} |", text(&vendor.name), shown);
        }
        if rule.escalation_percent != 0.0 {
            let _ = writeln!(
                out,
                "\nRecurring costs rise {}% a year.",
                crate::typed::shown_number(rule.escalation_percent)
            );
        }
        out.push('\n');
    }

    // Method and weights.
    let _ = writeln!(out, "## Method\n");
    let settings = &scorecard.settings;
    let aggregation = match settings.aggregation {
        Aggregation::Mean => "the mean of the evaluators' ratings".to_owned(),
        Aggregation::Median => "the median of the evaluators' ratings".to_owned(),
        Aggregation::TrimmedMean => format!(
            "the mean of the evaluators' ratings without the highest and lowest {:.0}%",
            settings.trim_fraction * 100.0
        ),
    };
    let _ = writeln!(
        out,
        "- Each rated requirement scores {aggregation}{}; a consensus value the committee recorded replaces them.",
        if settings.leniency_normalization {
            ", each evaluator's ratings first rescaled so a harsh and a lenient evaluator count alike"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "- A vendor failing a gate {}.",
        match settings.knockout {
            KnockoutPolicy::Exclude => "is knocked out: it ranks after every qualified vendor",
            KnockoutPolicy::Flag => "is only flagged: it keeps its rank",
        }
    );
    let _ = writeln!(out, "\n| Category | Weight |");
    let _ = writeln!(out, "|---|---:|");
    for category in report.categories.iter().filter(|c| c.depth == 0) {
        let _ = writeln!(
            out,
            "| {} | {:.1}% |",
            text(&category.name),
            category.weight * 100.0
        );
    }
    out.push('\n');

    // The committee.
    if !report.evaluators.is_empty() {
        let _ = writeln!(out, "## The committee\n");
        let _ = writeln!(
            out,
            "| Evaluator | Role | Rated | No conflict of interest attested |"
        );
        let _ = writeln!(out, "|---|---|---:|---|");
        for e in &report.evaluators {
            let attested = scorecard
                .evaluators
                .iter()
                .find(|x| x.id == e.evaluator_id)
                .and_then(|x| x.attestation.as_ref())
                .filter(|a| a.no_conflict)
                .map_or_else(|| "no".to_owned(), |a| format!("yes, {}", text(&a.date)));
            let _ = writeln!(
                out,
                "| {} | {} | {} of {} | {} |",
                text(&e.name),
                text(crate::vocabulary::label(crate::vocabulary::ROLES, &e.role)),
                e.rated,
                e.expected,
                attested
            );
        }
        out.push('\n');
    }

    // Disagreements and how they were settled.
    if !report.disagreements.is_empty() {
        let vendor_name = |id: &str| {
            report
                .vendors
                .iter()
                .find(|v| v.vendor_id == id)
                .map_or_else(|| id.to_owned(), |v| v.name.clone())
        };
        let requirement_name = |id: &str| {
            report
                .requirements
                .iter()
                .find(|r| r.id == id)
                .map_or_else(|| id.to_owned(), |r| r.name.clone())
        };
        let evaluator_name = |id: &str| {
            report
                .evaluators
                .iter()
                .find(|e| e.evaluator_id == id)
                .map_or_else(|| id.to_owned(), |e| e.name.clone())
        };
        let _ = writeln!(out, "## Where the evaluators disagreed\n");
        for d in &report.disagreements {
            let ratings: Vec<String> = d
                .ratings
                .iter()
                .map(|(e, v)| format!("{} {}", text(&evaluator_name(e)), v))
                .collect();
            let consensus = scorecard.consensus.iter().find(|c| {
                c.vendor == d.vendor_id.as_str() && c.requirement == d.requirement_id.as_str()
            });
            let settled = match consensus {
                Some(c) => format!(
                    "the committee agreed on **{}**: {}",
                    c.value,
                    text(&c.rationale)
                ),
                None => "not settled: no consensus value recorded".to_owned(),
            };
            let _ = writeln!(
                out,
                "- **{}** on {} ({}) — {}",
                text(&vendor_name(&d.vendor_id)),
                text(&requirement_name(&d.requirement_id)),
                ratings.join(", "),
                settled
            );
        }
        out.push('\n');
    }

    // Caveats.
    let mut caveats = Vec::new();
    for vendor in &report.vendors {
        for pending in &vendor.pending_gates {
            caveats.push(format!(
                "The gate “{}” is not decided for {}: {}",
                text(&pending.requirement),
                text(&vendor.name),
                text(&pending.reason)
            ));
        }
    }
    for e in report.evaluators.iter().filter(|e| e.rated < e.expected) {
        caveats.push(format!(
            "{} has rated {} of {}.",
            text(&e.name),
            e.rated,
            e.expected
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
        let _ = writeln!(out, "## Caveats\n");
        for caveat in caveats {
            let _ = writeln!(out, "- {caveat}");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "---\nWritten by RFP Scorecard from the committee's scorecard; every figure is the scorer's."
    );
    out
}

/// A vendor's failed gates, in words.
fn gates(vendor: &crate::score::VendorResult) -> String {
    vendor
        .gate_failures
        .iter()
        .map(|g| format!("“{}”: {}", text(&g.requirement), text(&g.reason)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A person's text as Markdown shows it, literally: no markup, no HTML, no table breaks.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
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
