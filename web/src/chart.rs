//! Geometry of the per-category breakdown chart: one horizontal bar per vendor, split into a
//! segment per top-level category whose length is the points the vendor earned there.
//!
//! Pure layout (report points → positions on a 0–100 axis); the points themselves are
//! `rfp-core`'s. Kept out of the components so it can be tested without a browser.

use rfp_core::Report;

/// One coloured segment of a vendor's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Index of the top-level category among the chart's categories (selects its colour).
    pub series: usize,
    /// Start on the 0–100 points axis.
    pub start: f64,
    /// Length on the 0–100 points axis (the points earned).
    pub length: f64,
}

/// Vendor names longer than this are shortened beside the bars (the full name is in the tooltip
/// and in the tables).
pub const LABEL_CHARS: usize = 24;

/// One vendor's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The vendor's name.
    pub vendor: String,
    /// The name as shown beside the bar: at most [`LABEL_CHARS`] characters.
    pub label: String,
    /// Its segments, in category order.
    pub segments: Vec<Segment>,
}

/// The chart: its categories (the legend) and one bar per vendor in rank order.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// Indices of the top-level categories in [`Report::categories`].
    pub categories: Vec<usize>,
    /// One bar per vendor, in rank order.
    pub bars: Vec<Bar>,
}

/// Lay out the breakdown of `report`.
pub fn breakdown(report: &Report) -> Breakdown {
    let categories: Vec<usize> = report
        .categories
        .iter()
        .enumerate()
        .filter(|(_, category)| category.depth == 0)
        .map(|(index, _)| index)
        .collect();
    let bars = report
        .vendors
        .iter()
        .map(|vendor| {
            let mut start = 0.0;
            let segments = categories
                .iter()
                .enumerate()
                .map(|(series, &category)| {
                    let length = vendor
                        .category_points
                        .get(category)
                        .copied()
                        .filter(|p| p.is_finite() && *p > 0.0)
                        .unwrap_or(0.0);
                    let segment = Segment {
                        series,
                        start,
                        length,
                    };
                    start += length;
                    segment
                })
                .collect();
            Bar {
                vendor: vendor.name.clone(),
                label: shorten(&vendor.name),
                segments,
            }
        })
        .collect();
    Breakdown { categories, bars }
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= LABEL_CHARS {
        name.to_owned()
    } else {
        let mut short: String = name.chars().take(LABEL_CHARS - 1).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn segments_follow_each_other() {
        let report = rfp_core::score(&rfp_templates::demo());
        let chart = breakdown(&report);
        assert!(!chart.categories.is_empty());
        assert_eq!(chart.bars.len(), report.vendors.len());
        for (bar, vendor) in chart.bars.iter().zip(&report.vendors) {
            let mut end = 0.0;
            for segment in &bar.segments {
                assert_eq!(segment.start, end);
                end += segment.length;
            }
            // The top-level points make up the total when no requirement sits at the top level.
            assert!(end <= vendor.total + 1e-9);
        }
    }

    #[test]
    fn long_names_are_shortened() {
        assert_eq!(shorten("CedarChart"), "CedarChart");
        let long = shorten("<img src=x onerror=alert(1)> and more");
        assert_eq!(long.chars().count(), LABEL_CHARS);
        assert!(long.ends_with('…'));
    }
}
