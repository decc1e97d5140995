//! Plain-text rendering of a report. Formatting only: every number comes from the report.

use std::fmt::Write as _;

use rfp_core::score::{Report, ScoreSource, VendorStatus};
use rfp_core::{Scorecard, Severity};

/// Width of a text in terminal columns (one per char; good enough for names and labels).
fn width(text: &str) -> usize {
    text.chars().count()
}

fn pad(text: &str, columns: usize) -> String {
    let mut out: String = text.chars().take(columns).collect();
    let shown = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(shown)));
    out
}

/// The ranking, the category breakdown and the flags, as a readable table.
pub fn report(report: &Report, scorecard: &Scorecard, details: bool) -> String {
    let mut out = String::new();
    if !report.title.is_empty() {
        let _ = writeln!(out, "{}\n", report.title);
    }
    if report.vendors.is_empty() {
        let _ = writeln!(
            out,
            "No vendors yet: add vendors and their answers to see a ranking."
        );
    }
    let name_width = report
        .vendors
        .iter()
        .map(|v| width(&v.name))
        .max()
        .unwrap_or(6)
        .clamp(6, 32);
    let _ = writeln!(out, "Rank  {}   Total  Status", pad("Vendor", name_width));
    for vendor in &report.vendors {
        let status = match vendor.status {
            VendorStatus::Qualified => "qualified".to_owned(),
            VendorStatus::KnockedOut => "knocked out".to_owned(),
            VendorStatus::Flagged => "failed a gate (flagged only)".to_owned(),
        };
        let _ = writeln!(
            out,
            "{:<4}  {}  {:>6.1}  {status}",
            vendor.rank,
            pad(&vendor.name, name_width),
            vendor.total
        );
        for failure in &vendor.gate_failures {
            let _ = writeln!(
                out,
                "      {}  gate \"{}\": {}",
                pad("", name_width),
                failure.requirement,
                failure.reason
            );
        }
    }

    let top: Vec<usize> = report
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.depth == 0)
        .map(|(i, _)| i)
        .collect();
    if !top.is_empty() && !report.vendors.is_empty() {
        let _ = writeln!(out, "\nPoints by category (earned / available)");
        let label_width = top
            .iter()
            .map(|&i| width(&report.categories[i].name))
            .max()
            .unwrap_or(8)
            .clamp(8, 40);
        let column = report
            .vendors
            .iter()
            .map(|v| width(&v.name))
            .max()
            .unwrap_or(8)
            .clamp(8, 24);
        let _ = write!(out, "{}  {:>9}", pad("Category", label_width), "available");
        for vendor in &report.vendors {
            let _ = write!(out, "  {:>column$}", pad(&vendor.name, column).trim_end());
        }
        out.push('\n');
        for &ci in &top {
            let category = &report.categories[ci];
            let _ = write!(
                out,
                "{}  {:>9.1}",
                pad(&category.name, label_width),
                category.weight * 100.0
            );
            for vendor in &report.vendors {
                let _ = write!(out, "  {:>column$.1}", vendor.category_points[ci]);
            }
            out.push('\n');
        }
    }

    if details {
        let _ = writeln!(
            out,
            "\nRequirement scores (0–1; * consensus, ~ evaluators, - missing)"
        );
        for (ri, requirement) in report.requirements.iter().enumerate() {
            let _ = write!(
                out,
                "{}  {:>5.2}%",
                pad(&format!("{} {}", requirement.id, requirement.name), 48),
                requirement.weight * 100.0
            );
            for vendor in &report.vendors {
                let s = &vendor.scores[ri];
                let mark = match s.source {
                    ScoreSource::Answer => ' ',
                    ScoreSource::Evaluators(_) => '~',
                    ScoreSource::Consensus => '*',
                    ScoreSource::Missing => '-',
                };
                let _ = write!(out, "  {:>5.2}{mark}", s.score);
            }
            out.push('\n');
        }
    }

    if !report.disagreements.is_empty() {
        let _ = writeln!(out, "\nEvaluator disagreements to discuss");
        for d in &report.disagreements {
            let ratings: Vec<String> = d
                .ratings
                .iter()
                .map(|(evaluator, level)| format!("{} {level}", report.evaluator_name(evaluator)))
                .collect();
            let _ = writeln!(
                out,
                "- {} on {}: {} (spread {:.0}% of the scale){}",
                report.vendor_name(&d.vendor_id),
                report.requirement_name(&d.requirement_id),
                ratings.join(", "),
                d.spread * 100.0,
                if d.resolved {
                    " — settled by consensus"
                } else {
                    ""
                }
            );
        }
    }
    let incomplete: Vec<_> = report
        .evaluators
        .iter()
        .filter(|e| e.completeness < 1.0 || !e.attested)
        .collect();
    if !incomplete.is_empty() {
        let _ = writeln!(out, "\nEvaluators");
        for e in incomplete {
            let _ = writeln!(
                out,
                "- {} ({}): {} of {} ratings{}",
                report.evaluator_name(&e.evaluator_id),
                e.role,
                e.rated,
                e.expected,
                if e.attested {
                    ""
                } else {
                    "; conflict-of-interest attestation missing"
                }
            );
        }
    }
    if !report.missing_answers.is_empty() {
        let _ = writeln!(
            out,
            "\nMissing answers ({}; each scores 0)",
            report.missing_answers.len()
        );
        for m in report.missing_answers.iter().take(20) {
            let _ = writeln!(
                out,
                "- {} has not answered {}",
                report.vendor_name(&m.vendor_id),
                report.requirement_name(&m.requirement_id)
            );
        }
        if report.missing_answers.len() > 20 {
            let _ = writeln!(out, "- … and {} more", report.missing_answers.len() - 20);
        }
    }
    let notes: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "\nNotes");
        for d in notes {
            let _ = writeln!(out, "- {}", rfp_core::location::with_names(d, scorecard));
        }
    }
    out
}

/// Each category's weights by every method, side by side, in percent of the category.
pub fn weightings(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nWeights by method (% of each category; * marks the method in force)"
    );
    let name_of = |id: &str| -> String {
        report
            .categories
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .chain(
                report
                    .requirements
                    .iter()
                    .map(|r| (r.id.as_str(), r.name.as_str())),
            )
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.to_owned())
            .unwrap_or_else(|| id.to_owned())
    };
    let pct = |w: Option<&f64>| {
        w.map(|w| format!("{:>6.1}", w * 100.0))
            .unwrap_or_else(|| format!("{:>6}", "—"))
    };
    for weighting in &report.weightings {
        let title = if weighting.category_id.is_empty() {
            "Top level".to_owned()
        } else {
            name_of(&weighting.category_id)
        };
        let method = |m: rfp_core::WeightingMethod| if m == weighting.method { "*" } else { " " };
        use rfp_core::WeightingMethod::*;
        // The group's column only where evaluators compared (or group AHP is in force).
        let group = weighting.ahp_group.as_ref();
        let _ = writeln!(
            out,
            "\n{title}\n  {}  {}direct   {}ROC   {}AHP {}SWING{}",
            pad("", 40),
            method(Direct),
            method(RankOrderCentroid),
            method(Ahp),
            method(Swing),
            if group.is_some() {
                format!("  {}group", method(AhpGroup))
            } else {
                String::new()
            }
        );
        for (i, child) in weighting.children.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}  {} {} {} {}{}",
                pad(&name_of(child), 40),
                pct(weighting.direct.as_ref().and_then(|w| w.get(i))),
                pct(weighting.rank_order_centroid.get(i)),
                pct(weighting.ahp.as_ref().and_then(|a| a.weights.get(i))),
                pct(weighting.swing.as_ref().and_then(|w| w.get(i))),
                group
                    .map(|g| format!(" {}", pct(g.group.weights.get(i))))
                    .unwrap_or_default(),
            );
        }
        if let Some(ahp) = &weighting.ahp {
            let _ = writeln!(
                out,
                "  AHP consistency ratio {:.3} (random index: {}){}",
                ahp.consistency_ratio,
                ahp.table.label(),
                match &ahp.revisit {
                    Some((a, b)) if ahp.inconsistent() =>
                        format!("; above 0.10 — revisit {} vs {}", name_of(a), name_of(b)),
                    _ => String::new(),
                }
            );
        }
        if let Some(group) = group {
            let pairs = weighting.pairs();
            let each = weighting.evaluators_in_words(report);
            let _ = writeln!(
                out,
                "  group AHP (each evaluator's comparisons combined): consistency ratio {:.3}{}{}",
                group.group.consistency_ratio,
                if each.is_empty() {
                    String::new()
                } else {
                    format!("; each evaluator's: {}", each.join("; "))
                },
                if group.uncompared > 0 {
                    format!(
                        "; {} of {pairs} pairs no evaluator compared count as equal",
                        group.uncompared
                    )
                } else {
                    String::new()
                }
            );
        }
    }
    out
}

/// The robustness analysis: its sentences, then the lead over each vendor with what carries
/// it, and the break-even shares of the top-level categories. Names only, never ids.
pub fn analysis(
    analysis: &rfp_core::analysis::Analysis,
    smaa: &rfp_core::analysis::Smaa,
) -> String {
    let mut out = String::new();
    for sentence in &analysis.sentences {
        let _ = writeln!(out, "{sentence}");
    }
    if !smaa.vendors.is_empty() {
        let _ = writeln!(out, "{}", smaa.sentence);
        let _ = writeln!(
            out,
            "\nShare of the weight draws in which each vendor ranks first, second, …:"
        );
        for a in &smaa.vendors {
            let ranks: Vec<String> = a
                .ranks
                .iter()
                .map(|r| format!("{:>5.1}%", r * 100.0))
                .collect();
            let _ = writeln!(out, "  {}  {}", ranks.join(" "), a.vendor.name);
        }
    }
    if !analysis.margins.is_empty() {
        let _ = writeln!(out, "\nLead over each vendor that can win (points):");
        for margin in &analysis.margins {
            let carried: Vec<String> = margin
                .drivers
                .iter()
                .filter(|d| d.points.abs() >= 0.05)
                .map(|d| format!("{} {:+.1}", d.name, d.points))
                .collect();
            let _ = writeln!(
                out,
                "  {:>5.1}  {}: {}",
                margin.lead,
                margin.vendor.name,
                carried.join(", ")
            );
        }
    }
    let shares: Vec<&rfp_core::analysis::BreakEven> = analysis
        .weights
        .iter()
        .filter(|w| w.category && (w.raise.is_some() || w.lower.is_some()))
        .collect();
    if !shares.is_empty() {
        let _ = writeln!(out, "\nCategory shares at which the winner changes:");
        for w in shares {
            let mut parts = Vec::new();
            if let Some(c) = &w.raise {
                parts.push(format!(
                    "above {:.1}% {} leads",
                    c.share * 100.0,
                    c.leader.name
                ));
            }
            if let Some(c) = &w.lower {
                parts.push(format!(
                    "below {:.1}% {} leads",
                    c.share * 100.0,
                    c.leader.name
                ));
            }
            let _ = writeln!(
                out,
                "  {} (now {:.1}%): {}",
                w.name,
                w.share * 100.0,
                parts.join("; ")
            );
        }
    }
    if !analysis.methods.is_empty() {
        let _ = writeln!(
            out,
            "\nOther methods on the same category scores and weights (first three):"
        );
        for check in &analysis.methods {
            let figure = match check.method {
                rfp_core::analysis::Method::Topsis => "closeness to the ideal",
                rfp_core::analysis::Method::PrometheeIi => "net flow",
            };
            let firsts: Vec<String> = check
                .ranking
                .iter()
                .take(3)
                .map(|s| format!("{} {:.3}", s.vendor.name, s.value))
                .collect();
            let _ = writeln!(
                out,
                "  {} ({figure}): {}",
                check.method.name(),
                firsts.join(", ")
            );
        }
    }
    if !analysis.rating_flips.is_empty() {
        let _ = writeln!(
            out,
            "\nSingle ratings that change the winner if moved by one level:"
        );
        for f in &analysis.rating_flips {
            let _ = writeln!(
                out,
                "  {} on {} for {}: {} → {} ({} leads)",
                f.evaluator, f.requirement, f.vendor, f.from, f.to, f.leader.name
            );
        }
    }
    out
}
