//! Totals and ranking: points per requirement, category subtotals, totals 0–100, and the
//! competition ranking with its ties.

use crate::model::KnockoutPolicy;

use super::{
    GateFailure, RequirementScore, ScoreSource, Scorer, VendorResult, VendorStatus, finite_clamp,
};

/// Totals (0–100) closer than this are a tie: far below any difference a report shows, far
/// above floating-point noise.
pub const TIE_TOLERANCE: f64 = 1e-6;

impl<'a> Scorer<'a> {
    /// Each vendor's result, in file order and unranked: the points of each score (`scores`,
    /// requirement-major), category subtotals and shares, the total, completeness, and the
    /// status by the gates `failures` and the `knockout` policy. The gates failed and pending
    /// are moved into the results.
    pub(super) fn totals(
        &self,
        scores: &[RequirementScore],
        failures: &mut [Vec<GateFailure>],
        pending: &mut [Vec<GateFailure>],
        knockout: KnockoutPolicy,
    ) -> Vec<VendorResult> {
        let n_vendors = self.card.vendors.len();
        let n_req = self.requirements.len();
        let n_cat = self.categories.len();
        let mut results: Vec<VendorResult> = Vec::with_capacity(n_vendors);
        for (vi, vendor) in self.card.vendors.iter().enumerate() {
            let mut category_points = vec![0.0; n_cat];
            let mut total = 0.0;
            let mut vendor_scores = Vec::with_capacity(n_req);
            let mut present = 0usize;
            for (ri, req) in self.requirements.iter().enumerate() {
                let mut s = scores[ri * n_vendors + vi];
                s.score = finite_clamp(s.score);
                s.points = s.score * req.weight * 100.0;
                if s.source != ScoreSource::Missing {
                    present += 1;
                }
                total += s.points;
                for &ci in &req.ancestors {
                    category_points[ci] += s.points;
                }
                vendor_scores.push(s);
            }
            let category_shares = category_points
                .iter()
                .zip(&self.categories)
                .map(|(points, cat)| {
                    if cat.weight > 0.0 {
                        finite_clamp(points / (cat.weight * 100.0))
                    } else {
                        0.0
                    }
                })
                .collect();
            let status = match (failures[vi].is_empty(), knockout) {
                (true, _) => VendorStatus::Qualified,
                (false, KnockoutPolicy::Exclude) => VendorStatus::KnockedOut,
                (false, KnockoutPolicy::Flag) => VendorStatus::Flagged,
            };
            results.push(VendorResult {
                vendor_id: vendor.id.clone(),
                name: crate::model::display_name(&vendor.name, &vendor.id),
                rank: 0,
                total: if total.is_finite() {
                    total.clamp(0.0, 100.0)
                } else {
                    0.0
                },
                status,
                gate_failures: std::mem::take(&mut failures[vi]),
                pending_gates: std::mem::take(&mut pending[vi]),
                category_points,
                category_shares,
                scores: vendor_scores,
                completeness: if n_req == 0 {
                    1.0
                } else {
                    present as f64 / n_req as f64
                },
            });
        }
        results
    }
}

/// Competition ranking: qualified and flagged vendors by total, then knocked-out vendors by
/// total; equal totals (within [`TIE_TOLERANCE`]) share a rank, and the next rank skips.
pub(super) fn rank(results: &mut [VendorResult]) {
    let group = |r: &VendorResult| u8::from(!r.can_win());
    // A stable sort keeps the file order among tied vendors.
    results.sort_by(|a, b| group(a).cmp(&group(b)).then(b.total.total_cmp(&a.total)));
    // Each vendor is compared with the first of its tie group, so ties do not chain.
    let mut leader: Option<(u8, f64, usize)> = None;
    for (position, result) in results.iter_mut().enumerate() {
        let g = group(result);
        match leader {
            Some((lg, total, rank)) if lg == g && (total - result.total).abs() <= TIE_TOLERANCE => {
                result.rank = rank;
            }
            _ => {
                result.rank = position + 1;
                leader = Some((g, result.total, position + 1));
            }
        }
    }
}
