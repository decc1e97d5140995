//! Weighting methods: how a category's children get their weights.
//!
//! Every function here is pure: no I/O, no panics on any input, and no NaN in any output
//! (a result that would need one is refused instead).
//!
//! - **AHP** ([`ahp`], [`pairwise_matrix`]): the committee compares the children two at a time
//!   on Saaty's 1–9 scale; the weights are the principal eigenvector of the reciprocal
//!   comparison matrix, and the consistency ratio (CR) says how far the judgments contradict
//!   each other (Saaty's rule of thumb: revisit them when CR > [`CONSISTENCY_LIMIT`]).
//! - **Rank-order centroid** ([`rank_order_centroid`]): the committee only ranks the children;
//!   rank `i` of `n` gets `(1/n) Σ_{k=i}^{n} 1/k`, the centre of the set of all weight vectors
//!   consistent with that ranking (Barron & Barrett 1996).
//! - **Direct points** ([`normalize`]): the children's own non-negative points, divided by
//!   their sum.
//! - **SWING** ([`swing`]): the most important swing from worst to best gets 100 points and
//!   every other swing points relative to it; the points are then normalized like direct
//!   points.

use serde::Serialize;

use crate::model::{Comparison, RandomIndexTable};

/// The consistency ratio above which Saaty advises revisiting the judgments (10 %).
pub const CONSISTENCY_LIMIT: f64 = 0.10;

/// The largest matrix AHP accepts: the random-index tables stop at 15 elements.
const MAX_AHP_SIZE: usize = 15;

/// Relative tolerance for "1 on the diagonal" and "a_ji = 1/a_ij".
const RECIPROCAL_TOLERANCE: f64 = 1e-3;

/// Power iteration stops when no weight moves by more than this…
const POWER_TOLERANCE: f64 = 1e-12;

/// …or after this many iterations.
const POWER_MAX_ITERATIONS: usize = 10_000;

/// Below this, `|ln(a_ij · w_j / w_i)|` counts as zero: the matrix is consistent.
const CONSISTENT_RESIDUAL: f64 = 1e-9;

/// Judgments typed as rounded reciprocals (0.11 for 1/9) are accepted within this relative
/// slack of Saaty's scale ends.
const SCALE_SLACK: f64 = 0.015;

/// Random consistency indices of Saaty (1980), for n = 1…15: the mean consistency index of
/// randomly generated reciprocal matrices on the 1–9 scale.
///
/// T.L. Saaty, *The Analytic Hierarchy Process: Planning, Priority Setting, Resource
/// Allocation*, McGraw-Hill, New York, 1980. Values for n ≥ 11 differ between later
/// reprints of the table; these are the ones most widely used with this citation.
const SAATY_1980: [f64; MAX_AHP_SIZE] = [
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/// Random consistency indices of Alonso and Lamata (2006), for n = 1…15, estimated from
/// 100 000 random reciprocal matrices per size.
///
/// J.A. Alonso, M.T. Lamata, "Consistency in the analytic hierarchy process: a new approach",
/// *International Journal of Uncertainty, Fuzziness and Knowledge-Based Systems* 14(4),
/// 445–459, 2006.
const ALONSO_LAMATA_2006: [f64; MAX_AHP_SIZE] = [
    0.0, 0.0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365,
    1.5551, 1.5713, 1.5838,
];

/// Random consistency indices of Saaty (2005), for n = 1…15, the table of his later books (as
/// the AHPy library transcribes them, citing this page).
///
/// T.L. Saaty, *Theory and Applications of the Analytic Network Process*, RWS Publications,
/// Pittsburgh, 2005, p. 31.
const SAATY_2005: [f64; MAX_AHP_SIZE] = [
    0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
];

/// Random consistency indices of Donegan and Dodd (1991), for n = 1…15: the mean consistency
/// index of random reciprocal matrices, recomputed to four decimals (as the AHPy library
/// transcribes them, citing this paper).
///
/// H.A. Donegan, F.J. Dodd, "A note on Saaty's random indexes", *Mathematical and Computer
/// Modelling* 15(10), 135–137, 1991 (doi:10.1016/0895-7177(91)90098-R).
const DONEGAN_DODD_1991: [f64; MAX_AHP_SIZE] = [
    0.0, 0.0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497,
    1.4643, 1.4822, 1.4969,
];

/// Mean random consistency indices of Tummala and Ling (1998), for n = 1…15, to four decimals
/// (as the PyMCDM library transcribes them, citing this paper).
///
/// V.M. Rao Tummala, H. Ling, "A note on the computation of the mean random consistency index of
/// the analytic hierarchy process (AHP)", *Theory and Decision* 44(3), 221–230, 1998.
const TUMMALA_LING_1998: [f64; MAX_AHP_SIZE] = [
    0.0, 0.0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356,
    1.5571, 1.5714, 1.5831,
];

/// The result of AHP on one pairwise comparison matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpResult {
    /// The principal eigenvector of the matrix, normalized to sum 1, in the matrix's order.
    pub weights: Vec<f64>,
    /// The principal eigenvalue λmax, estimated as the mean of `(A·w)_i / w_i`; equal to `n`
    /// for a perfectly consistent matrix and larger otherwise.
    pub lambda_max: f64,
    /// Consistency index `(λmax − n)/(n − 1)`; 0 for n ≤ 2 (such matrices are always
    /// consistent).
    pub consistency_index: f64,
    /// The random index for this `n` from [`AhpResult::table`]; 0 for n ≤ 2.
    pub random_index: f64,
    /// Consistency ratio `CI / RI`; 0 for n ≤ 2. Above [`CONSISTENCY_LIMIT`] the judgments
    /// should be revisited.
    pub consistency_ratio: f64,
    /// The random-index table the ratio was computed with.
    pub table: RandomIndexTable,
    /// The judgment most at odds with the derived weights, as matrix indices `(i, j)` with
    /// `i < j`: the largest `|ln(a_ij · w_j / w_i)|`. `None` when n ≤ 2 or the matrix is fully
    /// consistent. The UI shows it as "which pair to revisit" when CR > 0.10. Ties (for n = 3
    /// every judgment is equally at odds) go to the first pair in row order.
    pub most_inconsistent: Option<(usize, usize)>,
}

/// The random consistency index of `table` for an `n × n` matrix, or `None` when `n` is
/// outside the table (n = 0 or n > 15). It is 0 for n = 1 and n = 2.
pub fn random_index(table: RandomIndexTable, n: usize) -> Option<f64> {
    let values: &[f64; MAX_AHP_SIZE] = match table {
        RandomIndexTable::Saaty1980 => &SAATY_1980,
        RandomIndexTable::AlonsoLamata2006 => &ALONSO_LAMATA_2006,
        RandomIndexTable::Saaty2005 => &SAATY_2005,
        RandomIndexTable::DoneganDodd1991 => &DONEGAN_DODD_1991,
        RandomIndexTable::TummalaLing1998 => &TUMMALA_LING_1998,
    };
    n.checked_sub(1).and_then(|i| values.get(i)).copied()
}

/// Runs AHP on a pairwise comparison matrix: `matrix[i][j]` is how much more important
/// element `i` is than element `j`.
///
/// The matrix must be square with 1 ≤ n ≤ 15, every entry finite and positive, 1 on the
/// diagonal and reciprocal (`a_ji ≈ 1/a_ij`, relative tolerance 1e-3). The weights are the
/// principal eigenvector found by power iteration (uniform start, until no weight moves by
/// 1e-12 or after 10 000 iterations); `table` names the random-index table for the
/// consistency ratio.
///
/// # Errors
///
/// A sentence naming what is wrong: an empty or ragged matrix, more than 15 elements, or the
/// entries that break the rules above (all of them, separated by `; `).
pub fn ahp(matrix: &[Vec<f64>], table: RandomIndexTable) -> Result<AhpResult, String> {
    let n = matrix.len();
    if n == 0 {
        return Err("the comparison matrix is empty: there is nothing to weight".to_owned());
    }
    if let Some((i, row)) = matrix.iter().enumerate().find(|(_, row)| row.len() != n) {
        return Err(format!(
            "the comparison matrix is not square: it has {n} rows but row {} has {} entries",
            i + 1,
            row.len()
        ));
    }
    if n > MAX_AHP_SIZE {
        return Err(too_many(n));
    }
    check_entries(matrix)?;

    let weights = principal_eigenvector(matrix).ok_or_else(|| {
        "the judgments are too extreme to compute weights from (the numbers overflow)".to_owned()
    })?;
    let products = multiply(matrix, &weights);
    let lambda_max = products
        .iter()
        .zip(&weights)
        .map(|(aw, w)| aw / w)
        .sum::<f64>()
        / n as f64;
    if !lambda_max.is_finite() {
        return Err(
            "the judgments are too extreme to compute weights from (the numbers overflow)"
                .to_owned(),
        );
    }

    let random_index = if n <= 2 {
        0.0
    } else {
        random_index(table, n).unwrap_or(0.0)
    };
    let (consistency_index, consistency_ratio, most_inconsistent) = if n <= 2 {
        (0.0, 0.0, None)
    } else {
        // λmax ≥ n for every positive reciprocal matrix; clamp rounding noise below it.
        let ci = ((lambda_max - n as f64) / (n as f64 - 1.0)).max(0.0);
        let cr = if random_index > 0.0 {
            ci / random_index
        } else {
            0.0
        };
        (ci, cr, most_inconsistent_pair(matrix, &weights))
    };

    Ok(AhpResult {
        weights,
        lambda_max,
        consistency_index,
        random_index,
        consistency_ratio,
        table,
        most_inconsistent,
    })
}

/// The message for more than [`MAX_AHP_SIZE`] elements.
fn too_many(n: usize) -> String {
    format!(
        "AHP compares at most {MAX_AHP_SIZE} elements (the random-index tables stop at \
         {MAX_AHP_SIZE}); there are {n}: split the category or use another method"
    )
}

/// Every entry positive and finite, 1 on the diagonal, reciprocal; all problems in one message.
fn check_entries(matrix: &[Vec<f64>]) -> Result<(), String> {
    let mut problems = Vec::new();
    for (i, row) in matrix.iter().enumerate() {
        for (j, &value) in row.iter().enumerate() {
            if !value.is_finite() || value <= 0.0 {
                problems.push(format!(
                    "entry ({}, {}) is {value}, but every entry must be a positive number",
                    i + 1,
                    j + 1
                ));
            } else if i == j && !close(value, 1.0) {
                problems.push(format!(
                    "diagonal entry ({}, {}) is {value}, but an element compared with itself is 1",
                    i + 1,
                    j + 1
                ));
            }
        }
    }
    for (i, row) in matrix.iter().enumerate() {
        for (j, &a) in row.iter().enumerate().skip(i + 1) {
            let b = matrix[j][i];
            let both_valid = a.is_finite() && a > 0.0 && b.is_finite() && b > 0.0;
            if both_valid && !close(a * b, 1.0) {
                problems.push(format!(
                    "entries ({}, {}) = {a} and ({}, {}) = {b} are not reciprocal \
                     (the second should be 1/{a})",
                    i + 1,
                    j + 1,
                    j + 1,
                    i + 1
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Relative closeness for the reciprocity and diagonal checks.
fn close(value: f64, expected: f64) -> bool {
    (value - expected).abs() <= RECIPROCAL_TOLERANCE * expected.abs()
}

/// `A · w`.
fn multiply(matrix: &[Vec<f64>], w: &[f64]) -> Vec<f64> {
    matrix
        .iter()
        .map(|row| row.iter().zip(w).map(|(a, x)| a * x).sum())
        .collect()
}

/// Power iteration from the uniform vector, normalizing to sum 1 at each step. `None` when the
/// numbers overflow or underflow (entries of extreme magnitude).
fn principal_eigenvector(matrix: &[Vec<f64>]) -> Option<Vec<f64>> {
    let n = matrix.len();
    let mut w = vec![1.0 / n as f64; n];
    for _ in 0..POWER_MAX_ITERATIONS {
        let mut next = multiply(matrix, &w);
        let sum: f64 = next.iter().sum();
        if !sum.is_finite() || sum <= 0.0 {
            return None;
        }
        for x in &mut next {
            *x /= sum;
        }
        let change = next
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = next;
        if change < POWER_TOLERANCE {
            break;
        }
    }
    if w.iter().all(|x| x.is_finite() && *x > 0.0) {
        Some(w)
    } else {
        None
    }
}

/// The pair `(i, j)`, `i < j`, with the largest `|ln(a_ij · w_j / w_i)|`; the first in row
/// order among (near-)ties; `None` when every residual is negligible.
fn most_inconsistent_pair(matrix: &[Vec<f64>], w: &[f64]) -> Option<(usize, usize)> {
    let n = matrix.len();
    let mut residuals = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..n {
        for j in i + 1..n {
            let r = (matrix[i][j] * w[j] / w[i]).ln().abs();
            if r.is_finite() {
                residuals.push(((i, j), r));
            }
        }
    }
    let max = residuals.iter().map(|(_, r)| *r).fold(0.0, f64::max);
    if max < CONSISTENT_RESIDUAL {
        return None;
    }
    residuals
        .iter()
        .find(|(_, r)| *r >= max * (1.0 - 1e-9))
        .map(|(pair, _)| *pair)
}

/// Builds the reciprocal comparison matrix of `children` (in their order) from the
/// committee's judgments (the comparisons with no `evaluator`; the others are ignored):
/// `a` over `b` = `value`, `b` over `a` = `1/value`. A pair may be given in either order.
///
/// # Errors
///
/// Every problem at once, one message each: an unknown child id (naming the valid ids), a
/// child compared with itself, a value that is not a number or lies outside Saaty's scale
/// 1/9 … 9 (rounded reciprocals such as 0.11 are accepted), the same pair given twice with
/// different values, a child id listed twice, and each missing pair
/// (`missing comparison: billing vs integrations`). More than 15 children is a single
/// problem on its own, since AHP stops there.
pub fn pairwise_matrix(
    children: &[&str],
    comparisons: &[Comparison],
) -> Result<Vec<Vec<f64>>, Vec<String>> {
    let judged = judgments(children, comparisons, None)?;
    let mut problems = judged.problems;
    let n = children.len();
    for i in 0..n {
        for j in i + 1..n {
            if !judged.mentioned[i][j] && !judged.repeated[i] && !judged.repeated[j] {
                problems.push(format!(
                    "missing comparison: {} vs {}",
                    children[i], children[j]
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(reciprocal(n, |i, j| judged.given[i][j]))
}

/// The reciprocal matrix with `above(i, j)` above the diagonal (1 where it gives none).
// Both triangles are filled from one pair of indices.
#[allow(clippy::needless_range_loop)]
fn reciprocal(n: usize, above: impl Fn(usize, usize) -> Option<f64>) -> Vec<Vec<f64>> {
    let mut matrix = vec![vec![1.0; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let value = above(i, j).unwrap_or(1.0);
            matrix[i][j] = value;
            matrix[j][i] = 1.0 / value;
        }
    }
    matrix
}

/// The evaluators' judgments of one category's children, combined.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupJudgments {
    /// The group's reciprocal matrix: each pair's judgments combined by their geometric mean.
    pub matrix: Vec<Vec<f64>>,
    /// Each evaluator who judged, in the order of their first judgment.
    pub evaluators: Vec<EvaluatorJudgments>,
    /// The pairs no evaluator has compared yet (as child ids, in the children's order): they
    /// count as equally important until someone does.
    pub missing: Vec<(String, String)>,
}

/// One evaluator's judgments of one category's children.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluatorJudgments {
    /// The evaluator's id.
    pub evaluator: String,
    /// How many of the pairs they compared.
    pub pairs: usize,
    /// Their own matrix, when they compared every pair (so its consistency can be measured).
    pub matrix: Option<Vec<Vec<f64>>>,
}

/// Combines the evaluators' judgments of `children` (the comparisons with an `evaluator`; the
/// committee's are ignored) into the group's reciprocal matrix: for each pair, the geometric
/// mean of the judgments the evaluators gave of it. An evaluator need not compare every pair;
/// a pair no evaluator compared counts as equally important (1), as the committee's AHP
/// starts, and is listed in [`GroupJudgments::missing`].
///
/// The geometric mean is the aggregation of individual judgments that keeps the group's
/// matrix reciprocal (the mean of `1/x` is `1/` the mean of `x`), and for evaluators whose
/// own judgments are consistent the group's priorities are the normalized geometric mean of
/// theirs (E. Forman, K. Peniwati, "Aggregating individual judgments and priorities with the
/// Analytic Hierarchy Process", *European Journal of Operational Research* 108(1), 165–169,
/// 1998).
///
/// # Errors
///
/// Every problem at once: each evaluator's judgments are checked as [`pairwise_matrix`] checks
/// the committee's, each message naming the evaluator (`evaluator "okafor": fit vs scale: the
/// value 12 is outside Saaty's scale 1/9 … 9`), and more than 15 children is a single problem.
pub fn group_matrix(
    children: &[&str],
    comparisons: &[Comparison],
) -> Result<GroupJudgments, Vec<String>> {
    let n = children.len();
    if n > MAX_AHP_SIZE {
        return Err(vec![too_many(n)]);
    }
    let mut owners: Vec<&str> = Vec::new();
    for comparison in comparisons {
        if let Some(evaluator) = comparison.evaluator.as_deref() {
            if !owners.contains(&evaluator) {
                owners.push(evaluator);
            }
        }
    }
    let mut problems = Vec::new();
    let mut judged = Vec::new();
    for owner in &owners {
        match judgments(children, comparisons, Some(owner)) {
            Ok(j) => {
                problems.extend(
                    j.problems
                        .iter()
                        .map(|p| format!("evaluator \"{owner}\": {p}")),
                );
                judged.push(j);
            }
            Err(too_many) => return Err(too_many),
        }
    }
    // Per pair: the sum of the logarithms of the judgments given, and how many.
    let mut logs = vec![vec![(0.0_f64, 0_usize); n]; n];
    for j in &judged {
        for (row, sums) in j.given.iter().zip(logs.iter_mut()) {
            for (value, sum) in row.iter().zip(sums.iter_mut()) {
                if let Some(value) = value {
                    sum.0 += value.ln();
                    sum.1 += 1;
                }
            }
        }
    }
    let mut missing = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if logs[i][j].1 == 0 {
                missing.push((children[i].to_owned(), children[j].to_owned()));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let matrix = reciprocal(n, |i, j| {
        let (sum, count) = logs[i][j];
        (count > 0).then(|| (sum / count as f64).exp())
    });
    let evaluators = owners
        .iter()
        .zip(&judged)
        .map(|(owner, j)| {
            let pairs = (0..n)
                .map(|i| j.given[i][i + 1..].iter().flatten().count())
                .sum::<usize>();
            EvaluatorJudgments {
                evaluator: (*owner).to_owned(),
                pairs,
                matrix: (pairs == n * n.saturating_sub(1) / 2)
                    .then(|| reciprocal(n, |a, b| j.given[a][b])),
            }
        })
        .collect();
    Ok(GroupJudgments {
        matrix,
        evaluators,
        missing,
    })
}

/// Whether a judgment lies on Saaty's scale 1/9 … 9 (rounded reciprocals such as 0.11 are
/// accepted).
pub(crate) fn on_scale(value: f64) -> bool {
    ((1.0 - SCALE_SLACK) / 9.0..=9.0 * (1.0 + SCALE_SLACK)).contains(&value)
}

/// One owner's judgments of `children`, read and checked.
struct Judged {
    /// The judgment of `i` over `j` (i < j), as given, once per pair.
    given: Vec<Vec<Option<f64>>>,
    /// Pairs that were mentioned, even with a bad value, so they are not also reported missing.
    mentioned: Vec<Vec<bool>>,
    /// Children listed a second time.
    repeated: Vec<bool>,
    /// What is wrong with them (missing pairs aside).
    problems: Vec<String>,
}

/// The judgments of `owner` (an evaluator, or the committee for none) among `comparisons`,
/// each named in a message by its pair. More than 15 children is the one problem returned as
/// an error.
fn judgments(
    children: &[&str],
    comparisons: &[Comparison],
    owner: Option<&str>,
) -> Result<Judged, Vec<String>> {
    let n = children.len();
    if n > MAX_AHP_SIZE {
        return Err(vec![too_many(n)]);
    }
    let mut problems = Vec::new();

    // A repeated id is reported once; its later occurrences take no further part.
    let repeated: Vec<bool> = (0..n)
        .map(|k| children[..k].contains(&children[k]))
        .collect();
    for (k, id) in children.iter().enumerate() {
        if repeated[k] {
            problems.push(format!("child id \"{id}\" is listed twice"));
        }
    }
    let index_of = |id: &str| children.iter().position(|c| *c == id);
    let valid_ids = if children.is_empty() {
        "there are no children to compare".to_owned()
    } else {
        format!("valid ids are {}", children.join(", "))
    };

    // The judgment of `i` over `j` (i < j), as given, once per pair.
    let mut given: Vec<Vec<Option<f64>>> = vec![vec![None; n]; n];
    // Pairs that were mentioned, even with a bad value, so they are not also reported missing.
    let mut mentioned = vec![vec![false; n]; n];

    for comparison in comparisons {
        if comparison.evaluator.as_deref() != owner {
            continue;
        }
        // A judgment is named by its pair, not by its position: positions move when an
        // evaluator's judgments are taken out, and a message must not change with them.
        let place = format!("{} vs {}", comparison.a, comparison.b);
        let a = index_of(&comparison.a);
        let b = index_of(&comparison.b);
        for (id, found) in [(&comparison.a, a), (&comparison.b, b)] {
            if found.is_none() {
                problems.push(format!("{place}: unknown child \"{id}\"; {valid_ids}"));
            }
        }
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        if a == b {
            problems.push(format!(
                "\"{}\" is compared with itself; compare it with another child",
                comparison.a
            ));
            continue;
        }
        let (i, j) = if a < b { (a, b) } else { (b, a) };
        mentioned[i][j] = true;
        let value = comparison.value;
        if !value.is_finite() {
            problems.push(format!("{place}: the value {value} is not a number"));
            continue;
        }
        if !on_scale(value) {
            problems.push(format!(
                "{place}: the value {value} is outside Saaty's scale 1/9 … 9"
            ));
            continue;
        }
        // Orient as "children[i] over children[j]".
        let oriented = if a < b { value } else { 1.0 / value };
        match given[i][j] {
            None => given[i][j] = Some(oriented),
            Some(previous) if close(oriented, previous) => {}
            Some(previous) => problems.push(format!(
                "{place} is given twice with different values ({} over {} is {} once and {} \
                 the other time)",
                children[i],
                children[j],
                show(previous),
                show(oriented)
            )),
        }
    }

    Ok(Judged {
        given,
        mentioned,
        repeated,
        problems,
    })
}

/// A judgment for a message: `3`, `1/3`, or the decimal when it is neither.
fn show(value: f64) -> String {
    let inverse = 1.0 / value;
    if value < 1.0 && (inverse - inverse.round()).abs() < 1e-9 {
        format!("1/{}", inverse.round())
    } else {
        format!("{value}")
    }
}

/// Rank-order centroid weights for `n` ranked elements, most important first:
/// `w_i = (1/n) Σ_{k=i}^{n} 1/k` for rank `i` (1-based). They sum to 1 and decrease with rank;
/// the result is empty for `n = 0`. Source: F.H. Barron, B.E. Barrett, "Decision quality using
/// ranked attribute weights", *Management Science* 42(11), 1515–1523, 1996.
///
/// # Errors
///
/// A sentence naming the limit when `n` is above [`MAX_RANKED`]: memory use is proportional to
/// `n`, and no ranking of a scorecard's criteria is longer.
pub fn rank_order_centroid(n: usize) -> Result<Vec<f64>, String> {
    ranking_fits(n)?;
    let mut weights = vec![0.0; n];
    let mut tail = 0.0;
    for i in (0..n).rev() {
        tail += 1.0 / (i + 1) as f64;
        weights[i] = tail / n as f64;
    }
    Ok(weights)
}

/// The most elements [`rank_order_centroid`] ranks: as many as a scorecard may hold
/// requirements ([`crate::validate::MAX_REQUIREMENTS`]), since every child that carries weight
/// holds one at least.
pub const MAX_RANKED: usize = crate::validate::MAX_REQUIREMENTS;

/// Whether `n` elements can be ranked: at most [`MAX_RANKED`]. The one rule for
/// [`rank_order_centroid`] and for the check of a weighting by rank.
pub(crate) fn ranking_fits(n: usize) -> Result<(), String> {
    if n > MAX_RANKED {
        return Err(format!(
            "rank-order centroid ranks at most {} elements (as many as a scorecard may hold \
             requirements); there are {}: split the category or use another method",
            crate::score::with_thousands(MAX_RANKED as f64),
            crate::score::with_thousands(n as f64)
        ));
    }
    Ok(())
}

/// Divides non-negative points by their sum, so that they sum to 1.
///
/// `None` when any value is negative or not finite, or when the sum is 0 (this includes an
/// empty list). Points whose sum overflows (two weights of 1e308) are divided by the largest
/// first, so any finite points can be normalized.
pub fn normalize(points: &[f64]) -> Option<Vec<f64>> {
    if points.iter().any(|p| !p.is_finite() || *p < 0.0) {
        return None;
    }
    let sum: f64 = points.iter().sum();
    if sum.is_finite() {
        return (sum > 0.0).then(|| points.iter().map(|p| p / sum).collect());
    }
    let largest = points.iter().copied().fold(0.0, f64::max);
    let scaled: Vec<f64> = points.iter().map(|p| p / largest).collect();
    let sum: f64 = scaled.iter().sum();
    Some(scaled.iter().map(|p| p / sum).collect())
}

/// SWING weights: the swing points (100 for the most important swing from worst to best, the
/// others relative to it) normalized to sum 1. The same computation as [`normalize`], named
/// for the method; `None` in the same cases.
pub fn swing(points: &[f64]) -> Option<Vec<f64>> {
    normalize(points)
}
