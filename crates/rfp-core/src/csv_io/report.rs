//! The report as a sheet: [`export_report`].

use super::write::{Cell, CsvOptions, write_csv};

/// The report as a sheet: one row per vendor in rank order, with rank, total, status, the points
/// earned in each top-level category (header: `name (available points)`; requirements outside
/// any category in an `Other` column, so the columns add up to the total), completeness and the
/// knockout reason (every failed gate, `; `-separated). Every number comes from the report.
pub fn export_report(report: &crate::score::Report, options: &CsvOptions) -> String {
    use crate::score::VendorStatus;
    let top: Vec<usize> = report
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.depth == 0)
        .map(|(i, _)| i)
        .collect();
    let category_headers: Vec<String> = top
        .iter()
        .map(|&i| {
            let c = &report.categories[i];
            format!("{} ({})", c.name, options.number(c.weight * 100.0))
        })
        .collect();
    // Requirements outside any category get a column of their own, so the columns add up.
    let loose: Vec<usize> = report
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| r.category.is_none())
        .map(|(i, _)| i)
        .collect();
    let loose_header = format!(
        "Other ({})",
        options.number(
            loose
                .iter()
                .filter_map(|&i| report.requirements.get(i))
                .map(|r| r.weight * 100.0)
                .sum()
        )
    );
    let mut header: Vec<&str> = vec!["rank", "vendor_id", "vendor", "total", "status"];
    header.extend(category_headers.iter().map(String::as_str));
    if !loose.is_empty() {
        header.push(&loose_header);
    }
    header.extend(["completeness", "knockout_reason"]);
    let rows: Vec<Vec<Cell>> = report
        .vendors
        .iter()
        .map(|v| {
            let mut row = vec![
                Cell::Number(v.rank as f64),
                Cell::from(v.vendor_id.as_str()),
                Cell::from(v.name.as_str()),
                Cell::Number(v.total),
                Cell::from(match v.status {
                    VendorStatus::Qualified => "qualified",
                    VendorStatus::KnockedOut => "knocked out",
                    VendorStatus::Flagged => "failed a gate (flagged)",
                }),
            ];
            // A report that does not fit together (see `Report::shape_problems`) leaves cells
            // empty rather than reading past a row's end.
            row.extend(
                top.iter()
                    .map(|&i| Cell::from(v.category_points.get(i).copied())),
            );
            if !loose.is_empty() {
                row.push(Cell::Number(
                    loose
                        .iter()
                        .filter_map(|&i| v.scores.get(i))
                        .map(|s| s.points)
                        .sum(),
                ));
            }
            row.push(Cell::Number(v.completeness));
            let reasons: Vec<String> = v
                .gate_failures
                .iter()
                .map(|f| format!("{}: {}", f.requirement, f.reason))
                .collect();
            row.push(if reasons.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(reasons.join("; "))
            });
            row
        })
        .collect();
    write_csv(&header, &rows, options)
}
