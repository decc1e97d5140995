//! Laying out the criteria tree: each category's children get local weights by its method,
//! normalized, and each requirement a global weight, the product of the local weights on its path.

use crate::error::Diagnostic;
use crate::model::{Criterion, Weighting, WeightingMethod};
use crate::weighting;

use super::{
    AhpSummary, CategoryInfo, CategoryWeighting, EvaluatorAhp, GroupAhpSummary, Req, Scorer,
};

impl<'a> Scorer<'a> {
    /// Walk the tree: record categories and requirements with their global weights.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn lay_out(
        &mut self,
        nodes: &'a [Criterion],
        weighting: Option<&Weighting>,
        category_id: &str,
        parent: Option<usize>,
        ancestors: &[usize],
        parent_weight: f64,
        depth: usize,
    ) {
        let local = self.local_weights(nodes, weighting, category_id);
        for (node, local_weight) in nodes.iter().zip(local) {
            let weight = parent_weight * local_weight;
            match &node.scoring {
                Some(scoring) => self.requirements.push(Req {
                    node,
                    scoring,
                    category: parent,
                    ancestors: ancestors.to_vec(),
                    weight,
                    local_weight,
                }),
                None => {
                    let index = self.categories.len();
                    self.categories.push(CategoryInfo {
                        id: node.id.clone(),
                        name: crate::model::without_direction_controls(&node.name),
                        depth,
                        parent,
                        weight,
                        local_weight,
                    });
                    let mut path = ancestors.to_vec();
                    path.push(index);
                    self.lay_out(
                        &node.children,
                        node.weighting.as_ref(),
                        &node.id,
                        Some(index),
                        &path,
                        weight,
                        depth + 1,
                    );
                }
            }
        }
    }

    /// The weights in force for one set of siblings, and the side-by-side record.
    fn local_weights(
        &mut self,
        nodes: &[Criterion],
        weighting: Option<&Weighting>,
        category_id: &str,
    ) -> Vec<f64> {
        let n = nodes.len();
        if n == 0 {
            return Vec::new();
        }
        let ids: Vec<&str> = nodes.iter().map(|c| c.id.as_str()).collect();
        let direct_points: Vec<f64> = nodes
            .iter()
            .map(|c| {
                if c.weight.is_finite() && c.weight > 0.0 {
                    c.weight
                } else {
                    0.0
                }
            })
            .collect();
        let direct = weighting::normalize(&direct_points);
        let default = Weighting::default();
        let weighting = weighting.unwrap_or(&default);
        let place = if category_id.is_empty() {
            "top level".to_owned()
        } else {
            format!("category \"{category_id}\"")
        };

        let table = self.card.settings.random_index;
        let committee = weighting.pairwise.iter().any(|c| c.evaluator.is_none());
        let ahp = if committee {
            weighting::pairwise_matrix(&ids, &weighting.pairwise)
                .ok()
                .and_then(|m| weighting::ahp(&m, table).ok())
        } else {
            None
        };
        let by_evaluators = weighting.method == WeightingMethod::AhpGroup
            || weighting.pairwise.iter().any(|c| c.evaluator.is_some());
        let group =
            if by_evaluators {
                weighting::group_matrix(&ids, &weighting.pairwise)
                    .ok()
                    .and_then(|judged| {
                        if !judged.missing.is_empty()
                            && weighting.method == WeightingMethod::AhpGroup
                        {
                            let n = ids.len();
                            let (a, b) = &judged.missing[0];
                            self.diagnostics.push(Diagnostic::warning(
                            &place,
                            format!(
                                "no evaluator has compared {} of the {} pairs yet ({a} vs {b}{}); \
                                 they count as equally important",
                                judged.missing.len(),
                                n * (n - 1) / 2,
                                if judged.missing.len() > 1 { ", …" } else { "" }
                            ),
                        ));
                        }
                        let group = weighting::ahp(&judged.matrix, table).ok()?;
                        let evaluators = judged
                            .evaluators
                            .into_iter()
                            .map(|e| EvaluatorAhp {
                                own: e
                                    .matrix
                                    .and_then(|m| weighting::ahp(&m, table).ok())
                                    .map(|a| summary(a, &ids)),
                                evaluator_id: e.evaluator,
                                pairs: e.pairs,
                            })
                            .collect();
                        Some((group, evaluators, judged.missing.len()))
                    })
            } else {
                None
            };
        let inconsistent = [
            (ahp.as_ref(), WeightingMethod::Ahp, "AHP comparisons"),
            (
                group.as_ref().map(|(g, _, _)| g),
                WeightingMethod::AhpGroup,
                "The evaluators' AHP comparisons combined",
            ),
        ];
        for (result, method, what) in inconsistent {
            let Some(result) = result else { continue };
            if result.consistency_ratio > weighting::CONSISTENCY_LIMIT
                && (method == weighting.method || method == WeightingMethod::Ahp)
            {
                let pair = result
                    .most_inconsistent
                    .map(|(i, j)| format!("; revisit {} vs {}", ids[i], ids[j]))
                    .unwrap_or_default();
                self.diagnostics.push(Diagnostic::warning(
                    &place,
                    format!(
                        "{what} are inconsistent: consistency ratio {:.3} is above {:.2}{pair}",
                        result.consistency_ratio,
                        weighting::CONSISTENCY_LIMIT
                    ),
                ));
            }
        }
        let ranking: Vec<usize> = if weighting.ranking.len() == n {
            let positions: Vec<Option<usize>> = weighting
                .ranking
                .iter()
                .map(|id| ids.iter().position(|c| c == id))
                .collect();
            let distinct: std::collections::BTreeSet<usize> =
                positions.iter().flatten().copied().collect();
            if distinct.len() == n {
                positions.into_iter().flatten().collect()
            } else {
                order_by_points(&direct_points)
            }
        } else {
            order_by_points(&direct_points)
        };
        // Empty when there are more children than a ranking holds (an error of the weighting
        // when the method is in force; see `validate`).
        let roc = match weighting::rank_order_centroid(n) {
            Ok(centroid) => {
                let mut roc = vec![0.0; n];
                for (rank, &child) in ranking.iter().enumerate() {
                    if child < n {
                        roc[child] = centroid[rank];
                    }
                }
                roc
            }
            Err(_) => Vec::new(),
        };
        let swing = if weighting.swing.is_empty() {
            None
        } else {
            let points: Vec<f64> = ids
                .iter()
                .map(|id| weighting.swing.get(*id).copied().unwrap_or(0.0))
                .collect();
            weighting::swing(&points)
        };

        let chosen = match weighting.method {
            WeightingMethod::Direct => direct.clone(),
            WeightingMethod::Ahp => ahp.as_ref().map(|a| a.weights.clone()),
            WeightingMethod::AhpGroup => group.as_ref().map(|(g, _, _)| g.weights.clone()),
            WeightingMethod::RankOrderCentroid => (roc.len() == n).then(|| roc.clone()),
            WeightingMethod::Swing => swing.clone(),
        };
        let chosen = match chosen {
            Some(w) => w,
            None if weighting.method != WeightingMethod::Direct => {
                self.diagnostics.push(Diagnostic::warning(
                    &place,
                    format!(
                        "the {} weights cannot be computed (see the errors at {}); direct \
                         weights are used instead",
                        method_name(weighting.method),
                        if category_id.is_empty() {
                            "settings.top_weighting"
                        } else {
                            "its weighting"
                        }
                    ),
                ));
                direct.clone().unwrap_or_else(|| vec![0.0; n])
            }
            None => vec![0.0; n],
        };
        // Leave out categories without requirements, then normalize again.
        let contributing: Vec<f64> = chosen
            .iter()
            .zip(nodes)
            .map(|(w, node)| {
                if contributes(node) && w.is_finite() && *w > 0.0 {
                    *w
                } else {
                    0.0
                }
            })
            .collect();
        let in_force = weighting::normalize(&contributing).unwrap_or_else(|| vec![0.0; n]);
        self.weightings.push(CategoryWeighting {
            category_id: category_id.to_owned(),
            children: ids.iter().map(|s| (*s).to_owned()).collect(),
            method: weighting.method,
            in_force: in_force.clone(),
            direct,
            rank_order_centroid: roc,
            ahp: ahp.map(|a| summary(a, &ids)),
            ahp_group: group.map(|(g, evaluators, uncompared)| GroupAhpSummary {
                group: summary(g, &ids),
                evaluators,
                uncompared,
            }),
            swing,
        });
        in_force
    }
}

/// What the report keeps of an AHP result on `ids`.
fn summary(a: weighting::AhpResult, ids: &[&str]) -> AhpSummary {
    AhpSummary {
        revisit: a
            .most_inconsistent
            .map(|(i, j)| (ids[i].to_owned(), ids[j].to_owned())),
        weights: a.weights,
        lambda_max: a.lambda_max,
        consistency_ratio: a.consistency_ratio,
        table: a.table,
    }
}

/// True when a node can carry weight: a requirement, or a category with a requirement below it
/// that its own weighting does not zero out. Categories that cannot are left out of their
/// siblings' normalization, so their share goes to the others instead of being lost.
fn contributes(node: &Criterion) -> bool {
    if node.is_requirement() {
        return true;
    }
    let direct = node
        .weighting
        .as_ref()
        .is_none_or(|w| w.method == WeightingMethod::Direct);
    node.children.iter().any(|child| {
        contributes(child) && (!direct || (child.weight.is_finite() && child.weight > 0.0))
    })
}

/// Indices ordered by points, highest first; ties keep tree order.
fn order_by_points(points: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[b].total_cmp(&points[a]).then(a.cmp(&b)));
    order
}

/// A weighting method's name for messages.
fn method_name(method: WeightingMethod) -> &'static str {
    match method {
        WeightingMethod::Direct => "direct",
        WeightingMethod::Ahp => "AHP",
        WeightingMethod::AhpGroup => "group AHP",
        WeightingMethod::RankOrderCentroid => "rank-order centroid",
        WeightingMethod::Swing => "SWING",
    }
}
