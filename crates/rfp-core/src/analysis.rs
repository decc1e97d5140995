//! How robust the winner is: the lead over each other vendor and what carries it, the weights
//! at which the winner would change, the single ratings that would change it, how many levels
//! it could lose, and whether any one evaluator decides the result — in numbers and in
//! sentences a board can read. Pure and deterministic: [`analyse`] reads a scorecard and its
//! report and scores variations of it with [`crate::score()`].
//!
//! **Weights, exact.** A vendor's total is linear in any one node's share of its parent when the
//! node's siblings are rescaled in proportion (the shares still add up to 1). For a node `k` of
//! parent weight `G`, share `l`, the vendor's normalized score `n` on it, the points `R` of its
//! siblings and `O` outside its parent:
//!
//! `total(x) = O + 100·G·x·n + (1 − x)/(1 − l)·R`
//!
//! so the share at which a rival's total meets the winner's is solved, not searched. A test
//! checks every break-even against the scorer on both sides of it.

use std::rc::Rc;

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use crate::model::{Gate, KnockoutPolicy, Scorecard, Scoring};
use crate::score::{Report, VendorStatus};

mod methods;
mod smaa;

pub use methods::{
    Method, MethodCheck, MethodStanding, Threshold, cross_check, promethee_ii, topsis,
};
pub use smaa::{
    Acceptability, COMMITTEES, MAX_SMAA_COMMITTEES, MAX_SMAA_DRAWS, Resampled, Smaa, SmaaOptions,
    SmaaRun, smaa,
};

/// Work the core does a step at a time ([`Analyser`], [`SmaaRun`]), so that a page can take the
/// steps a few at a time, stay responsive between them and show how far the work has come.
pub trait Stepwise {
    /// Steps done and steps in all.
    fn progress(&self) -> (usize, usize);

    /// Take the next step; false when there was none left.
    fn step(&mut self) -> bool;

    /// Whether every step is done.
    fn is_done(&self) -> bool {
        let (done, all) = self.progress();
        done >= all
    }
}

/// The analysis of one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The vendor ranked first among those that can win (knocked-out vendors cannot), if any.
    pub winner: Option<Standing>,
    /// The winner's lead over each other vendor that can win, closest first.
    pub margins: Vec<Margin>,
    /// For each category and requirement whose share can change (it has siblings and a share
    /// above 0): the shares at which the winner would change, raising or lowering it.
    pub weights: Vec<BreakEven>,
    /// The smallest single change of a share that changes the winner, in share points.
    pub smallest_weight_change: Option<WeightChange>,
    /// The leader without each evaluator's ratings.
    pub without_evaluator: Vec<WithoutEvaluator>,
    /// Whether the winner stays first when every rating of it is lower by one level, two…
    pub levels_to_lose: Option<LevelsToLose>,
    /// Single ratings whose move by one level changes the winner.
    pub rating_flips: Vec<RatingFlip>,
    /// For each price requirement that carries weight: the bids at which the winner changes.
    pub prices: Vec<PriceBreakEven>,
    /// Whether TOPSIS and PROMETHEE II, on the same category scores and weights, put the
    /// winner first too ([`cross_check`]).
    pub methods: Vec<MethodCheck>,
    /// What the numbers say, as sentences, most telling first.
    pub sentences: Vec<String>,
}

/// The bids at which the winner changes, for one price requirement: every other bid kept, how
/// far the winner's total cost could rise, and how far each rival's would have to fall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceBreakEven {
    /// The price requirement's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Years of the total cost of ownership.
    pub years: u32,
    /// The winner's total cost now.
    pub winner_cost: f64,
    /// The price gate's ceiling, if the requirement has one: a bid above it is knocked out.
    pub ceiling: Option<f64>,
    /// The winner's total cost above which another vendor leads (a price ceiling's gate
    /// included), and that vendor; `None` when no cost of the winner's changes the winner.
    pub winner_limit: Option<BidCrossing>,
    /// Each other vendor that can win and bid: its total cost now, and the cost below which it
    /// would lead (`None` when not even a free bid would).
    pub rivals: Vec<RivalBid>,
}

/// A total cost past which another vendor leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BidCrossing {
    /// The total cost (to the dollar).
    pub cost: f64,
    /// The vendor that leads past it.
    pub leader: Standing,
}

/// A rival's bid and the bid at which it would lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RivalBid {
    /// The rival.
    pub vendor: Standing,
    /// Its total cost now.
    pub cost: f64,
    /// The total cost below which it would lead, if any.
    pub leads_below: Option<f64>,
}

/// A vendor, by id and name, with its total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// Vendor id.
    pub vendor_id: String,
    /// Vendor name.
    pub name: String,
    /// Total, 0–100.
    pub total: f64,
}

/// The winner's lead over one vendor and what carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Margin {
    /// The other vendor.
    pub vendor: Standing,
    /// The winner's total minus this vendor's, in points.
    pub lead: f64,
    /// The top-level categories (and requirements outside any category) by how many points of
    /// the lead each gives, largest first (negative: the other vendor does better there).
    pub drivers: Vec<Driver>,
}

/// Points of a lead that one part of the matrix gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Driver {
    /// Category or requirement id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Winner's points minus the other vendor's, there.
    pub points: f64,
}

/// The shares of one category or requirement at which the winner changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakEven {
    /// Category or requirement id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is a category.
    pub category: bool,
    /// Its share of its parent now, 0–1.
    pub share: f64,
    /// Raising the share to this (0–1) makes this vendor lead; `None`: no share up to 100 %
    /// changes the winner.
    pub raise: Option<Crossing>,
    /// Lowering the share to this makes this vendor lead; `None`: no share down to 0 does.
    pub lower: Option<Crossing>,
}

/// A share at which another vendor takes the lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crossing {
    /// The share, 0–1.
    pub share: f64,
    /// Who leads past it.
    pub leader: Standing,
}

/// The smallest change of one share that changes the winner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightChange {
    /// Category or requirement id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its share now, 0–1.
    pub from: f64,
    /// The share at which the winner changes, 0–1.
    pub to: f64,
    /// Who leads past it.
    pub leader: Standing,
}

/// Who leads without one evaluator's ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WithoutEvaluator {
    /// Evaluator id.
    pub evaluator_id: String,
    /// Evaluator name.
    pub name: String,
    /// The leader without them (`None`: no vendor can win).
    pub leader: Option<Standing>,
    /// Whether that is another vendor than the winner.
    pub changes_winner: bool,
}

/// How many levels the winner's ratings could all drop before it loses first place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelsToLose {
    /// The winner's ratings that count.
    pub ratings: usize,
    /// The drop (in levels, every rating at once, none below its scale) at which another
    /// vendor leads; `None`: even at the bottom of every scale the winner stays first.
    pub levels: Option<u32>,
    /// Who leads then.
    pub leader: Option<Standing>,
}

/// A single rating whose move by one level changes the winner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingFlip {
    /// Evaluator id.
    pub evaluator_id: String,
    /// Evaluator name.
    pub evaluator: String,
    /// Vendor id.
    pub vendor_id: String,
    /// Vendor name.
    pub vendor: String,
    /// Requirement id.
    pub requirement_id: String,
    /// Requirement name.
    pub requirement: String,
    /// The level now.
    pub from: f64,
    /// The level that changes the winner.
    pub to: f64,
    /// Who leads then.
    pub leader: Standing,
}

/// The most single ratings scored again to find those that change the winner, those that could
/// move a total most first. Without leniency normalization only ratings whose one level is worth
/// the lead are tried, and there are few; with it every rating could matter (it moves its
/// evaluator's mean and spread), and past this many the analysis says it stopped.
pub const MAX_RATINGS_TRIED: usize = 50;

/// Analyse how robust the report's winner is. `report` must be `score(scorecard)`.
///
/// The same as [`Analyser`] run to the end; a page that must stay responsive runs it a step at
/// a time instead.
pub fn analyse(scorecard: &Scorecard, report: &Report) -> Analysis {
    Analyser::new(Rc::new(scorecard.clone()), Rc::new(report.clone())).finish()
}

/// The analysis of a report worked out a step at a time: [`Analyser::new`] works out at once
/// what is exact and quick (margins, drivers, break-even shares and bids); each
/// [`Analyser::step`] then scores one variation of the ratings (one evaluator left out, the
/// winner's ratings one level lower again, one rating moved), so that a page can show
/// [`Analyser::progress`] and stay responsive between steps. [`Analyser::finish`] gives the
/// same [`Analysis`] as [`analyse`], however the steps were taken.
pub struct Analyser {
    analysis: Analysis,
    report: Rc<Report>,
    /// What is left to score, in order; `next` is the first not done.
    tasks: Vec<Task>,
    next: usize,
    /// The scorecard changed in place, ready from the first step on.
    variations: Option<Variations>,
    /// The scorecard the variations are made of, until the first step prepares them (taken
    /// as it is when nothing else holds it, else copied).
    copy: Option<Rc<Scorecard>>,
    /// The scorecard taken, until it is prepared.
    owned: Option<Scorecard>,
    winner_id: String,
    /// The winner's rated ratings: (index, the bottom of its scale).
    winners: Vec<(usize, f64)>,
    /// More single ratings could matter than were tried.
    stopped: bool,
}

/// One variation of the ratings to score.
enum Task {
    /// Take the scorecard to change in place (a copy when another holds it too).
    Copy,
    /// Prepare the rescoring.
    Prepare,
    /// The ratings (indices) of one evaluator left out.
    WithoutEvaluator {
        id: String,
        name: String,
        ratings: Vec<usize>,
    },
    /// Every rating of the winner this many levels lower (none below its scale).
    Lower(u32),
    /// One rating moved to `to`.
    Single {
        index: usize,
        vendor: usize,
        to: f64,
    },
}

impl Analyser {
    /// Work out the exact, quick part of the analysis and plan the variations to score.
    /// `report` must be `score(scorecard)`.
    pub fn new(shared_scorecard: Rc<Scorecard>, shared_report: Rc<Report>) -> Analyser {
        let (scorecard, report): (&Scorecard, &Report) = (&shared_scorecard, &shared_report);
        let standing = |i: usize| Standing::of(report, i);
        let eligible: Vec<usize> = (0..report.vendors.len())
            .filter(|&i| report.vendors[i].can_win())
            .collect();
        let winner = leader_of(report);
        let mut analysis = Analysis {
            winner: winner.map(standing),
            margins: Vec::new(),
            weights: Vec::new(),
            smallest_weight_change: None,
            without_evaluator: Vec::new(),
            levels_to_lose: None,
            rating_flips: Vec::new(),
            prices: Vec::new(),
            methods: Vec::new(),
            sentences: Vec::new(),
        };
        let Some(a) = winner else {
            analysis.sentences.push(
                "No vendor can win yet: every vendor is knocked out, or there are none.".into(),
            );
            return Analyser {
                analysis,
                report: Rc::clone(&shared_report),
                tasks: Vec::new(),
                next: 0,
                variations: None,
                copy: None,
                owned: None,
                winner_id: String::new(),
                winners: Vec::new(),
                stopped: false,
            };
        };
        let nodes = Nodes::of(report);

        // Margins and what carries them.
        let mut margins: Vec<Margin> = eligible
            .iter()
            .filter(|&&b| b != a)
            .map(|&b| {
                let mut drivers: Vec<Driver> = nodes
                    .top
                    .iter()
                    .map(|&k| Driver {
                        id: nodes.id(report, k),
                        name: nodes.name(report, k),
                        points: nodes.points(report, a, k) - nodes.points(report, b, k),
                    })
                    .collect();
                drivers.sort_by(|x, y| y.points.total_cmp(&x.points));
                Margin {
                    vendor: standing(b),
                    lead: report.vendors[a].total - report.vendors[b].total,
                    drivers,
                }
            })
            .collect();
        margins.sort_by(|x, y| x.lead.total_cmp(&y.lead));
        analysis.margins = margins;
        analysis.methods = cross_check(report);

        // Weights, exact.
        for k in 0..nodes.len() {
            let share = nodes.local_weight(report, k);
            let siblings = nodes.siblings(k);
            if siblings.len() < 2 || share <= 0.0 || share >= 1.0 {
                continue;
            }
            let parent = nodes.parent_weight(report, k);
            // The nearest share above and below, with the vendor that leads past it.
            let mut raise: Option<(f64, usize)> = None;
            let mut lower: Option<(f64, usize)> = None;
            for &b in eligible.iter().filter(|&&b| b != a) {
                let d0 = report.vendors[a].total - report.vendors[b].total;
                let rest = |v: usize| {
                    siblings
                        .iter()
                        .filter(|&&j| j != k)
                        .map(|&j| nodes.points(report, v, j))
                        .sum::<f64>()
                };
                let slope =
                    100.0 * parent * (nodes.score(report, a, k) - nodes.score(report, b, k))
                        - (rest(a) - rest(b)) / (1.0 - share);
                if slope == 0.0 || !slope.is_finite() {
                    continue;
                }
                let x = share - d0 / slope;
                if !(0.0..=1.0).contains(&x) {
                    continue;
                }
                if x > share && raise.is_none_or(|(r, _)| x < r) {
                    raise = Some((x, b));
                } else if x < share && lower.is_none_or(|(l, _)| x > l) {
                    lower = Some((x, b));
                }
            }
            let crossing = |found: Option<(f64, usize)>| {
                found.map(|(share, b)| Crossing {
                    share,
                    leader: standing(b),
                })
            };
            analysis.weights.push(BreakEven {
                id: nodes.id(report, k),
                name: nodes.name(report, k),
                category: nodes.is_category(k),
                share,
                raise: crossing(raise),
                lower: crossing(lower),
            });
        }
        analysis.smallest_weight_change = analysis
            .weights
            .iter()
            .flat_map(|w| {
                [&w.raise, &w.lower]
                    .into_iter()
                    .flatten()
                    .map(|c| WeightChange {
                        id: w.id.clone(),
                        name: w.name.clone(),
                        from: w.share,
                        to: c.share,
                        leader: c.leader.clone(),
                    })
            })
            .min_by(|x, y| (x.to - x.from).abs().total_cmp(&(y.to - y.from).abs()));

        // The variations, scored a step at a time: ratings change in place in one copy, and the
        // scorer rescores only the cells they touch.
        let mut tasks = vec![Task::Copy, Task::Prepare];
        let winner_id = report.vendors[a].vendor_id.clone();
        // One evaluator left out: their ratings set to no number, which the scorer does not count
        // (as if they were not there).
        // The ratings of each evaluator id, in one pass (an id given twice, which validation
        // refuses, is left out for each evaluator that has it, as the scorer counts it).
        let mut by_id: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (index, rating) in scorecard.ratings.iter().enumerate() {
            by_id
                .entry(rating.evaluator.as_str())
                .or_default()
                .push(index);
        }
        let by_evaluator = scorecard
            .evaluators
            .iter()
            .map(|e| by_id.get(e.id.as_str()).cloned().unwrap_or_default());
        for (evaluator, ratings) in scorecard.evaluators.iter().zip(by_evaluator) {
            if !ratings.is_empty() {
                tasks.push(Task::WithoutEvaluator {
                    id: evaluator.id.clone(),
                    name: crate::model::display_name(&evaluator.name, &evaluator.id),
                    ratings,
                });
            }
        }

        // Every rating of the winner lower by 1, 2, … levels.
        // Looked up once: each rating requirement's scale, and each requirement's and vendor's
        // place in the report.
        let mut scales: FxHashMap<&str, (f64, f64)> = FxHashMap::default();
        crate::tree::walk(&scorecard.criteria, &mut |node, _, _| {
            if let Some(Scoring::Rating(rule)) = &node.scoring {
                scales
                    .entry(node.id.as_str())
                    .or_insert((f64::from(rule.min), f64::from(rule.max)));
            }
        });
        let scale_of = |requirement: &str| scales.get(requirement).copied();
        let requirement_at: FxHashMap<&str, usize> = report
            .requirements
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .rev()
            .collect();
        let vendor_at: FxHashMap<&str, usize> = report
            .vendors
            .iter()
            .enumerate()
            .map(|(i, v)| (v.vendor_id.as_str(), i))
            .rev()
            .collect();
        let mut widest = 0.0_f64;
        let winners: Vec<(usize, f64)> = scorecard
            .ratings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.vendor == winner_id.as_str())
            .filter_map(|(i, r)| {
                let (min, max) = scale_of(&r.requirement)?;
                widest = widest.max(max - min);
                Some((i, min))
            })
            .collect();
        if !winners.is_empty() {
            analysis.levels_to_lose = Some(LevelsToLose {
                ratings: winners.len(),
                levels: None,
                leader: None,
            });
            tasks.extend((1..=(widest.ceil() as u32).min(1000)).map(Task::Lower));
        }

        // Single ratings moved by one level: only those that could move a total by the lead are
        // scored again (without leniency normalization, one level moves a cell by at most one
        // level, so a total by at most 100 × the requirement's weight ÷ the scale's width).
        let nearest = analysis.margins.first().map_or(f64::INFINITY, |m| m.lead);
        let normalized = scorecard.settings.leniency_normalization;
        let mut candidates: Vec<(f64, usize, usize, f64)> = Vec::new();
        for (index, rating) in scorecard.ratings.iter().enumerate() {
            let Some((min, max)) = scale_of(&rating.requirement) else {
                continue;
            };
            let Some(&vendor) = vendor_at.get(rating.vendor.as_str()) else {
                continue;
            };
            let requirement = requirement_at
                .get(rating.requirement.as_str())
                .map(|&i| &report.requirements[i]);
            // A gate on the requirement makes a total jump (a vendor knocked out or let back in,
            // the price scores against the remaining bids): such ratings are always tried, both
            // ways, for every vendor.
            let gated = requirement.is_some_and(|r| r.gate.is_some());
            let weight = requirement.map_or(0.0, |r| r.weight);
            let moves: &[f64] = if gated {
                &[-1.0, 1.0]
            } else if vendor == a {
                &[-1.0]
            } else if report.vendors[vendor].can_win() {
                &[1.0]
            } else {
                &[]
            };
            for &step in moves {
                let to = rating.score + step;
                if to < min || to > max {
                    continue;
                }
                if gated {
                    candidates.push((f64::INFINITY, index, vendor, to));
                    continue;
                }
                // Without a gate, one level moves a cell by at most one level (mean, median,
                // trimmed mean; a consensus value does not move), so a total by at most
                // 100 × the requirement's weight ÷ the scale's width.
                let bound = 100.0 * weight / (max - min).max(1.0);
                let needed = if vendor == a {
                    nearest
                } else {
                    report.vendors[a].total - report.vendors[vendor].total
                };
                if !normalized && bound + 1e-9 < needed {
                    continue;
                }
                candidates.push((bound - needed, index, vendor, to));
            }
        }
        // Those that could move a total most, first (only the first few are tried: they are
        // picked out, then put in order).
        // A total order (a rating tried both ways: down first), so that which are picked and
        // their order never depend on how they were picked.
        let first = |x: &(f64, usize, usize, f64), y: &(f64, usize, usize, f64)| {
            y.0.total_cmp(&x.0)
                .then(x.1.cmp(&y.1))
                .then(x.3.total_cmp(&y.3))
        };
        let stopped = candidates.len() > MAX_RATINGS_TRIED;
        if stopped {
            candidates.select_nth_unstable_by(MAX_RATINGS_TRIED, first);
            candidates.truncate(MAX_RATINGS_TRIED);
        }
        candidates.sort_by(first);
        tasks.extend(
            candidates
                .iter()
                .take(MAX_RATINGS_TRIED)
                .map(|&(_, index, vendor, to)| Task::Single { index, vendor, to }),
        );

        analysis.prices = price_break_evens(scorecard, report, a);
        Analyser {
            analysis,
            report: Rc::clone(&shared_report),
            tasks,
            next: 0,
            variations: None,
            copy: Some(Rc::clone(&shared_scorecard)),
            owned: None,
            winner_id,
            winners,
            stopped,
        }
    }

    /// The analysis so far: what [`Analyser::new`] worked out, and what the steps taken found
    /// (the sentences come with [`Analyser::finish`]).
    pub fn so_far(&self) -> &Analysis {
        &self.analysis
    }

    /// Take every step left and give the analysis, with its sentences.
    pub fn finish(mut self) -> Analysis {
        while self.step() {}
        let mut analysis = self.analysis;
        if analysis.winner.is_some() {
            analysis.rating_flips.sort_by(|x, y| {
                (&x.vendor, &x.requirement, &x.evaluator).cmp(&(
                    &y.vendor,
                    &y.requirement,
                    &y.evaluator,
                ))
            });
            analysis.sentences = sentences(&analysis, self.stopped);
        }
        analysis
    }
}

impl Stepwise for Analyser {
    /// Steps done and steps in all (the first two take the scorecard and prepare the
    /// rescoring; then one per variation scored).
    fn progress(&self) -> (usize, usize) {
        (self.next, self.tasks.len())
    }

    /// Take the next step; false when there was none left.
    fn step(&mut self) -> bool {
        let Some(task) = self.tasks.get(self.next) else {
            return false;
        };
        self.next += 1;
        let winner_id = self.winner_id.as_str();
        let leads = |r: &Report| leader_of(r).map(|i| r.vendors[i].vendor_id.as_str() == winner_id);
        match task {
            Task::Copy => {
                if let Some(shared) = self.copy.take() {
                    self.owned = Some(Rc::unwrap_or_clone(shared));
                }
            }
            Task::Prepare => {
                if let Some(copy) = self.owned.take() {
                    self.variations = Some(Variations::of(copy));
                }
            }
            Task::WithoutEvaluator { id, name, ratings } => {
                let Some(variations) = self.variations.as_mut() else {
                    return true;
                };
                let theirs: Vec<(usize, f64)> = ratings.iter().map(|&i| (i, f64::NAN)).collect();
                let other = variations.score_with(&theirs);
                self.analysis.without_evaluator.push(WithoutEvaluator {
                    evaluator_id: id.clone(),
                    name: name.clone(),
                    changes_winner: leads(&other) != Some(true),
                    leader: leader_of(&other).map(|i| Standing::of(&other, i)),
                });
            }
            Task::Lower(drop) => {
                let (Some(variations), Some(result)) = (
                    self.variations.as_mut(),
                    self.analysis.levels_to_lose.as_mut(),
                ) else {
                    return true;
                };
                // The first drop that changes the winner is the answer; deeper ones are not tried.
                if result.levels.is_some() {
                    return true;
                }
                let lowered: Vec<(usize, f64)> = self
                    .winners
                    .iter()
                    .map(|&(i, min)| (i, (variations.original[i] - f64::from(*drop)).max(min)))
                    .collect();
                let other = variations.score_with(&lowered);
                if leads(&other) != Some(true) {
                    result.levels = Some(*drop);
                    result.leader = leader_of(&other).map(|i| Standing::of(&other, i));
                }
            }
            &Task::Single { index, vendor, to } => {
                let Some(variations) = self.variations.as_mut() else {
                    return true;
                };
                let other = variations.score_with(&[(index, to)]);
                if leads(&other) == Some(true) {
                    return true;
                }
                let Some(leader) = leader_of(&other).map(|i| Standing::of(&other, i)) else {
                    return true;
                };
                let rating = &variations.moved.ratings[index];
                let report = &self.report;
                self.analysis.rating_flips.push(RatingFlip {
                    evaluator_id: rating.evaluator.to_string(),
                    evaluator: report.evaluator_name(&rating.evaluator),
                    vendor_id: rating.vendor.to_string(),
                    vendor: report.vendors[vendor].name.clone(),
                    requirement_id: rating.requirement.to_string(),
                    requirement: report.requirement_name(&rating.requirement),
                    from: variations.original[index],
                    to,
                    leader,
                });
            }
        }
        true
    }
}

/// The scorecard with a few ratings' scores changed, scored by rescoring only the cells they
/// touch ([`crate::score::rescore`]): one copy, changed in place, each variation undoing the
/// last in the same rescoring.
struct Variations {
    moved: Scorecard,
    /// The scores of the ratings as given.
    original: Vec<f64>,
    prepared: crate::score::Prepared,
    /// The ratings the last variation changed.
    dirty: Vec<usize>,
}

impl Variations {
    fn of(scorecard: Scorecard) -> Variations {
        Variations {
            original: scorecard.ratings.iter().map(|r| r.score).collect(),
            prepared: crate::score::score_prepared(&scorecard).1,
            moved: scorecard,
            dirty: Vec::new(),
        }
    }

    /// The report of the scorecard with the ratings at these indices scored as given (a score
    /// that is not a number is not counted, as the scorer treats one).
    fn score_with(&mut self, changes: &[(usize, f64)]) -> Report {
        let mut changed = std::mem::take(&mut self.dirty);
        for &i in &changed {
            self.moved.ratings[i].score = self.original[i];
        }
        for &(i, score) in changes {
            self.moved.ratings[i].score = score;
            changed.push(i);
        }
        changed.sort_unstable();
        changed.dedup();
        let report = crate::score::rescore(&self.moved, &mut self.prepared, &changed);
        self.dirty = changes.iter().map(|&(i, _)| i).collect();
        report
    }
}

/// The bids at which the winner `a` changes, per price requirement that carries weight.
///
/// A total is the other requirements' points plus the price points, and the price points of
/// every vendor follow from the bids by the requirement's formula ([`crate::score()`]'s own
/// `price_scores`, against the bids of the vendors not knocked out, a bid over a price gate's
/// ceiling knocking its vendor out). Raising the winner's bid only lowers its lead (and lowering
/// a rival's only raises the rival), so the crossing is found by bisection to the dollar.
fn price_break_evens(scorecard: &Scorecard, report: &Report, a: usize) -> Vec<PriceBreakEven> {
    let mut out = Vec::new();
    for (r, info) in report.requirements.iter().enumerate() {
        if info.weight <= 0.0 {
            continue;
        }
        let Some(Scoring::Price(rule)) =
            crate::tree::find_requirement(&scorecard.criteria, &info.id)
                .and_then(|c| c.scoring.as_ref())
        else {
            continue;
        };
        // A ceiling knocks a bid out only where failing a gate does (not when gates only flag).
        let excludes = scorecard.settings.knockout == KnockoutPolicy::Exclude;
        let ceiling = match crate::tree::find_requirement(&scorecard.criteria, &info.id)
            .and_then(|c| c.gate.as_ref())
        {
            Some(Gate::AtMost(ceiling)) if excludes => Some(*ceiling),
            _ => None,
        };
        let costs: Vec<Option<f64>> = report
            .vendors
            .iter()
            .map(|v| v.scores.get(r).and_then(|s| s.value))
            .collect();
        let Some(winner_cost) = costs[a] else {
            continue;
        };
        // Knocked out by another gate than this requirement's own: its ceiling is applied to
        // each bid as it moves, so a rival over the ceiling now is tried under it.
        let knocked: Vec<bool> = report
            .vendors
            .iter()
            .map(|v| {
                v.status == VendorStatus::KnockedOut
                    && v.gate_failures.iter().any(|g| g.requirement_id != info.id)
            })
            .collect();
        // Every total without this requirement's points.
        let others: Vec<f64> = report
            .vendors
            .iter()
            .map(|v| v.total - v.scores.get(r).map_or(0.0, |s| s.points))
            .collect();
        // The leader when vendor `x` bids `cost`, every other bid kept.
        let leader_at = |x: usize, cost: f64| -> Option<usize> {
            let mut bids = costs.clone();
            bids[x] = Some(cost);
            let out_now: Vec<bool> = bids
                .iter()
                .zip(&knocked)
                .map(|(bid, &out)| out || ceiling.is_some_and(|c| bid.is_some_and(|b| b > c)))
                .collect();
            let scores =
                crate::score::price_scores(&info.id, rule, &bids, &out_now, &mut Vec::new());
            (0..bids.len())
                .filter(|&v| !out_now[v])
                .map(|v| {
                    (
                        v,
                        others[v] + 100.0 * info.weight * scores[v].unwrap_or(0.0),
                    )
                })
                // The first ranked wins a tie, as in the report.
                .fold(None, |best: Option<(usize, f64)>, (v, total)| match best {
                    Some((_, t)) if t >= total - 1e-9 => best,
                    _ => Some((v, total)),
                })
                .map(|(v, _)| v)
        };
        // Bisection between a cost where `holds` and one where it does not, to the dollar.
        let crossing = |mut holds: f64, mut fails: f64, test: &dyn Fn(f64) -> bool| {
            for _ in 0..200 {
                if (holds - fails).abs() <= 0.5 {
                    break;
                }
                let mid = (holds + fails) / 2.0;
                if test(mid) {
                    holds = mid;
                } else {
                    fails = mid;
                }
            }
            fails
        };
        let stays = |cost: f64| leader_at(a, cost) == Some(a);
        // Far above every bid and the ceiling: a cost no formula prefers.
        let highest = costs.iter().flatten().fold(winner_cost, |m, &c| m.max(c));
        let far = (highest.max(1.0) * 1e6).max(ceiling.unwrap_or(0.0) * 2.0);
        let winner_limit = (stays(winner_cost) && !stays(far)).then(|| {
            let cost = crossing(winner_cost, far, &stays).round();
            let leader = leader_at(a, cost + 0.5).unwrap_or(a);
            BidCrossing {
                cost,
                leader: Standing::of(report, leader),
            }
        });
        let rivals = (0..report.vendors.len())
            .filter(|&b| b != a && !knocked[b])
            .filter_map(|b| {
                let cost = costs[b]?;
                let leads = |c: f64| leader_at(b, c) == Some(b);
                let leads_below =
                    (leads(0.0) && !leads(cost)).then(|| crossing(0.0, cost, &leads).round());
                Some(RivalBid {
                    vendor: Standing::of(report, b),
                    cost,
                    leads_below,
                })
            })
            .collect();
        out.push(PriceBreakEven {
            id: info.id.clone(),
            name: info.name.clone(),
            years: rule.years,
            winner_cost,
            ceiling,
            winner_limit,
            rivals,
        });
    }
    out
}

/// The first-ranked vendor that can win.
fn leader_of(report: &Report) -> Option<usize> {
    report
        .vendors
        .iter()
        .enumerate()
        .filter(|(_, v)| v.can_win())
        .min_by_key(|(_, v)| v.rank)
        .map(|(i, _)| i)
}

/// The report's categories and requirements as one list of nodes: categories first (`0..c`),
/// then requirements; and the top level.
struct Nodes {
    categories: usize,
    requirements: usize,
    /// Parent category of each node.
    parents: Vec<Option<usize>>,
    /// Nodes without a parent.
    top: Vec<usize>,
}

impl Nodes {
    fn of(report: &Report) -> Nodes {
        let parents: Vec<Option<usize>> = report
            .categories
            .iter()
            .map(|c| c.parent)
            .chain(report.requirements.iter().map(|r| r.category))
            .collect();
        let top = (0..parents.len())
            .filter(|&k| parents[k].is_none())
            .collect();
        Nodes {
            categories: report.categories.len(),
            requirements: report.requirements.len(),
            parents,
            top,
        }
    }

    fn len(&self) -> usize {
        self.categories + self.requirements
    }

    fn is_category(&self, k: usize) -> bool {
        k < self.categories
    }

    fn siblings(&self, k: usize) -> Vec<usize> {
        (0..self.len())
            .filter(|&j| self.parents[j] == self.parents[k])
            .collect()
    }

    fn id(&self, report: &Report, k: usize) -> String {
        if self.is_category(k) {
            report.categories[k].id.clone()
        } else {
            report.requirements[k - self.categories].id.clone()
        }
    }

    fn name(&self, report: &Report, k: usize) -> String {
        if self.is_category(k) {
            report.categories[k].name.clone()
        } else {
            report.requirements[k - self.categories].name.clone()
        }
    }

    fn local_weight(&self, report: &Report, k: usize) -> f64 {
        if self.is_category(k) {
            report.categories[k].local_weight
        } else {
            report.requirements[k - self.categories].local_weight
        }
    }

    /// The global weight of the node's parent (1 at the top level).
    fn parent_weight(&self, report: &Report, k: usize) -> f64 {
        self.parents[k].map_or(1.0, |p| report.categories[p].weight)
    }

    /// A vendor's points on the node.
    fn points(&self, report: &Report, v: usize, k: usize) -> f64 {
        let vendor = &report.vendors[v];
        if self.is_category(k) {
            vendor.category_points.get(k).copied().unwrap_or(0.0)
        } else {
            vendor
                .scores
                .get(k - self.categories)
                .map_or(0.0, |s| s.points)
        }
    }

    /// A vendor's normalized score on the node, 0–1.
    fn score(&self, report: &Report, v: usize, k: usize) -> f64 {
        let vendor = &report.vendors[v];
        if self.is_category(k) {
            vendor.category_shares.get(k).copied().unwrap_or(0.0)
        } else {
            vendor
                .scores
                .get(k - self.categories)
                .map_or(0.0, |s| s.score)
        }
    }
}

fn levels_in_words(n: u32) -> String {
    match n {
        1 => "one level".to_owned(),
        2 => "two levels".to_owned(),
        3 => "three levels".to_owned(),
        n => format!("{n} levels"),
    }
}

fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{}%", p.round())
    } else {
        format!("{p:.1}%")
    }
}

/// How much smaller `to` is than `from`, in percent of `from` ("12%").
fn percent_cut(from: f64, to: f64) -> String {
    if from <= 0.0 {
        return "0%".to_owned();
    }
    format!("{:.0}%", (from - to) / from * 100.0)
}

/// How much larger `high` is than `low`, in percent of `low` ("14%").
fn percent_change(high: f64, low: f64) -> String {
    if low <= 0.0 {
        return "from nothing".to_owned();
    }
    format!("{:.0}%", (high - low) / low * 100.0)
}

fn sentences(analysis: &Analysis, stopped: bool) -> Vec<String> {
    let mut out = Vec::new();
    let Some(winner) = &analysis.winner else {
        return out;
    };
    match analysis.margins.first() {
        None => out.push(format!("{} is the only vendor that can win.", winner.name)),
        Some(next) => {
            let carried: Vec<String> = next
                .drivers
                .iter()
                .filter(|d| d.points > 0.05)
                .take(2)
                .map(|d| format!("{} (+{:.1})", d.name, d.points))
                .collect();
            out.push(format!(
                "{} leads {} by {:.1} points{}.",
                winner.name,
                next.vendor.name,
                next.lead,
                if carried.is_empty() {
                    String::new()
                } else {
                    format!(", most of it from {}", carried.join(" and "))
                }
            ));
        }
    }
    match &analysis.smallest_weight_change {
        Some(change) => out.push(format!(
            "{} stays first unless the share of {} {} {} (now {}), when {} leads.",
            winner.name,
            change.name,
            if change.to > change.from {
                "rises above"
            } else {
                "falls below"
            },
            percent(change.to),
            percent(change.from),
            change.leader.name
        )),
        None if !analysis.margins.is_empty() => out.push(format!(
            "No change of any one category's or requirement's share makes another vendor lead: {} stays first.",
            winner.name
        )),
        None => {}
    }
    let money = |x: f64| format!("${}", crate::score::with_thousands(x.round()));
    let several = analysis.prices.len() > 1;
    for price in &analysis.prices {
        let what = if several {
            format!("{}-year total cost for {}", price.years, price.name)
        } else {
            format!("{}-year total cost", price.years)
        };
        match &price.winner_limit {
            Some(limit) => out.push(format!(
                "{} stays first unless its {what} rises above {}{} (now {}, {} more), when {} leads.",
                winner.name,
                if price.ceiling.is_some_and(|c| (c - limit.cost).abs() <= 1.0) {
                    "the price ceiling of "
                } else {
                    ""
                },
                money(limit.cost),
                money(price.winner_cost),
                percent_change(limit.cost, price.winner_cost),
                limit.leader.name
            )),
            None if !price.rivals.is_empty() => out.push(format!(
                "No bid of {}'s changes the winner: {} weighs too little to overturn its lead.",
                winner.name, price.name
            )),
            None => {}
        }
        // The rival that would need the smallest cut to lead.
        let closest = price
            .rivals
            .iter()
            .filter_map(|r| r.leads_below.map(|below| (r, below)))
            .filter(|(r, _)| r.cost > 0.0)
            .max_by(|(x, bx), (y, by)| (bx / x.cost).total_cmp(&(by / y.cost)));
        if let Some((rival, below)) = closest {
            out.push(format!(
                "{} would lead if its {what} fell below {} (now {}, {} less).",
                rival.vendor.name,
                money(below),
                money(rival.cost),
                percent_cut(rival.cost, below)
            ));
        }
    }
    let deciders: Vec<&WithoutEvaluator> = analysis
        .without_evaluator
        .iter()
        .filter(|w| w.changes_winner)
        .collect();
    if !analysis.without_evaluator.is_empty() {
        if deciders.is_empty() {
            out.push(format!(
                "No single evaluator decides the result: without any one of them, {} stays first.",
                winner.name
            ));
        } else {
            for w in deciders {
                out.push(format!(
                    "Without {}'s ratings, {} would lead.",
                    w.name,
                    w.leader.as_ref().map_or("no vendor", |l| l.name.as_str())
                ));
            }
        }
    }
    if let Some(levels) = &analysis.levels_to_lose {
        out.push(match (levels.levels, &levels.leader) {
            (Some(1), Some(leader)) => format!(
                "Rated one level lower on each of its {} ratings, {} would fall behind {}.",
                levels.ratings, winner.name, leader.name
            ),
            (Some(n), Some(leader)) => format!(
                "{} stays first even if each of its {} ratings were {} lower; {} lower, {} leads.",
                winner.name,
                levels.ratings,
                levels_in_words(n - 1),
                levels_in_words(n),
                leader.name
            ),
            _ => format!(
                "{} stays first even rated at the bottom of every scale.",
                winner.name
            ),
        });
    }
    match analysis.rating_flips.len() {
        0 if !stopped => {
            out.push("No single rating moved by one level changes the winner.".to_owned())
        }
        0 => {}
        1 => {
            let f = &analysis.rating_flips[0];
            out.push(format!(
                "One rating decides it: if {} rated {} {} instead of {} on {}, {} would lead.",
                f.evaluator, f.vendor, f.to, f.from, f.requirement, f.leader.name
            ));
        }
        n => out.push(format!(
            "{n} single ratings would each change the winner if moved by one level."
        )),
    }
    if stopped {
        out.push(format!(
            "Only the {MAX_RATINGS_TRIED} ratings that could matter most were tried one level up or down."
        ));
    }
    if let Some(sentence) = methods_sentence(&analysis.methods, winner) {
        out.push(sentence);
    }
    if analysis
        .margins
        .iter()
        .any(|m| m.lead.abs() < crate::score::TIE_TOLERANCE)
    {
        out.push("The first place is a tie.".to_owned());
    }
    out
}

/// Whether the other methods put the winner first too, in one sentence.
fn methods_sentence(methods: &[MethodCheck], winner: &Standing) -> Option<String> {
    let names = |checks: &[&MethodCheck]| {
        checks
            .iter()
            .map(|c| c.method.name())
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let (agree, differ): (Vec<&MethodCheck>, Vec<&MethodCheck>) =
        methods.iter().partition(|c| c.agrees);
    if methods.is_empty() {
        return None;
    }
    if differ.is_empty() {
        return Some(format!(
            "Ranked another way on the same category scores and weights, {} also put{} {} first.",
            names(&agree),
            if agree.len() == 1 { "s" } else { "" },
            winner.name
        ));
    }
    // Methods that pick the same vendor are named together.
    let mut picks: Vec<(&str, Vec<&MethodCheck>)> = Vec::new();
    for c in &differ {
        let first = c
            .ranking
            .first()
            .map_or("no vendor", |s| s.vendor.name.as_str());
        match picks.iter_mut().find(|(name, _)| *name == first) {
            Some((_, checks)) => checks.push(c),
            None => picks.push((first, vec![c])),
        }
    }
    let picks: Vec<String> = picks
        .iter()
        .map(|(first, checks)| {
            format!(
                "{} put{} {first} first",
                names(checks),
                if checks.len() == 1 { "s" } else { "" }
            )
        })
        .collect();
    Some(format!(
        "Ranked another way on the same category scores and weights, {}, not {}{}.",
        picks.join(" and "),
        winner.name,
        if agree.is_empty() {
            String::new()
        } else {
            format!("; {} agrees with the weighted sum", names(&agree))
        }
    ))
}

impl Standing {
    /// The report's vendor at index `i`.
    fn of(report: &Report, i: usize) -> Standing {
        let vendor = &report.vendors[i];
        Standing {
            vendor_id: vendor.vendor_id.clone(),
            name: vendor.name.clone(),
            total: vendor.total,
        }
    }
}
