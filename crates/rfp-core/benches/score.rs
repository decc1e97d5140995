//! Benchmark: a full report for a committee-scale scorecard (20 vendors × 500 requirements ×
//! 15 evaluators, every flag on), plus load, save and merge of the same file.
//!
//! Run with `cargo bench -p rfp-core` (or `cargo xtask bench`). A plain bench binary with
//! `std::time::Instant`: it prints the median and spread of many runs; it asserts nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rfp_core::analysis::Stepwise;
use rfp_core::synthetic::committee_scale;
use rfp_core::{Aggregation, KnockoutPolicy};

thread_local! {
    /// The longest step of the stepped analysis, per run.
    static LONGEST: std::cell::RefCell<Vec<Duration>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn measure(name: &str, runs: usize, mut f: impl FnMut()) {
    // `cargo bench -p rfp-core -- WORD` runs only the measurements whose name holds WORD.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
        return;
    }
    // Warm up.
    for _ in 0..runs.div_ceil(10) {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    let p10 = times[runs / 10];
    let p90 = times[runs * 9 / 10];
    println!(
        "{name:<58} median {:>9.3} ms   p10 {:>9.3} ms   p90 {:>9.3} ms   ({runs} runs)",
        median.as_secs_f64() * 1e3,
        p10.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run once quickly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = if quick { 3 } else { 200 };

    let mut card = committee_scale(20, 500, 15);
    card.settings.aggregation = Aggregation::TrimmedMean;
    card.settings.leniency_normalization = true;
    card.settings.knockout = KnockoutPolicy::Exclude;
    let n_ratings = card.ratings.len();
    println!(
        "scorecard: 20 vendors × 500 requirements × 15 evaluators, {n_ratings} ratings, \
         trimmed mean, leniency normalization, all flags"
    );
    let report = rfp_core::score(&card);
    println!(
        "report: {} disagreements, {} missing answers, winner {} with {:.1}",
        report.disagreements.len(),
        report.missing_answers.len(),
        report.vendors[0].name,
        report.vendors[0].total
    );

    measure("score (full report, incl. validation)", runs, || {
        black_box(rfp_core::score(black_box(&card)));
    });
    // The site's path when one rating changes: what does not depend on ratings, and the
    // ratings resolved cell by cell, are kept from the last report; the rating changes back and
    // forth between two levels.
    let (_, mut prepared) = rfp_core::score::score_prepared(&card);
    let mut changed = card.clone();
    measure(
        "rescore after one rating changed (prepared parts kept)",
        runs,
        || {
            let rating = &mut changed.ratings[0];
            rating.score = if rating.score >= 3.0 { 0.0 } else { 5.0 };
            rating.revision += 1;
            black_box(rfp_core::score::rescore(
                black_box(&changed),
                &mut prepared,
                &[0],
            ));
        },
    );
    // The same change as an edit through a session (what the site, the CLI and the JS API do):
    // the core finds the rating that counts, checks it, rescores. Alone, the session changes
    // its scorecard in place; the site keeps the previous state, so the scorecard is copied.
    let rated = card.ratings[0].clone();
    let mut session = rfp_core::edit::Session::new(card.clone());
    let mut level = 0.0;
    let mut rate = move |session: &mut rfp_core::edit::Session| {
        level = if level >= 3.0 { 0.0 } else { 5.0 };
        session
            .apply(&rfp_core::edit::Edit::Rate {
                evaluator: rated.evaluator.to_string(),
                vendor: rated.vendor.to_string(),
                requirement: rated.requirement.to_string(),
                score: level,
                note: String::new(),
                at: rfp_core::Stamp::from_millis(1_796_481_000_000.0),
            })
            .expect("a rating on the scale");
    };
    measure("Session::apply(rate), the session alone", runs, || {
        rate(&mut session);
        black_box(session.report());
    });
    measure(
        "Session::apply(rate) on a copy, as the site's states do",
        runs,
        || {
            let mut next = session.clone();
            rate(&mut next);
            black_box(next.report());
            session = next;
        },
    );
    measure(
        "score_prepared (full report, kept for rescoring)",
        runs,
        || {
            black_box(rfp_core::score::score_prepared(black_box(&card)));
        },
    );
    measure("clone the scorecard", runs, || {
        black_box(black_box(&card).clone());
    });
    measure("validate only", runs, || {
        black_box(rfp_core::validate(black_box(&card)));
    });
    let text = rfp_core::save(&card).unwrap();
    println!("file size: {} KB", text.len() / 1024);
    measure(
        "load (parse, checksum, decode, validate)",
        runs / 4 + 1,
        || {
            black_box(rfp_core::load(black_box(&text)).ok());
        },
    );
    measure("save (serialize, checksum)", runs / 4 + 1, || {
        black_box(rfp_core::save(black_box(&card)).unwrap());
    });
    let packets: Vec<_> = (0..15)
        .map(|e| rfp_core::merge::packet(&card, &format!("e{e}")).unwrap())
        .collect();
    let inputs: Vec<(&str, &rfp_core::Scorecard)> = packets.iter().map(|p| ("packet", p)).collect();
    measure("merge 15 evaluator packets", runs / 4 + 1, || {
        black_box(rfp_core::merge(black_box(&card), black_box(&inputs)).ok());
    });
    // Every synthetic vendor fails some gate; flagged only, they all compete.
    let mut flagged = card.clone();
    flagged.settings.knockout = rfp_core::KnockoutPolicy::Flag;
    let report = rfp_core::score(&flagged);
    for sentence in rfp_core::analysis::analyse(&flagged, &report).sentences {
        println!("  {sentence}");
    }
    measure("smaa, 10,000 weight draws", runs / 4 + 1, || {
        black_box(rfp_core::analysis::smaa(
            &flagged,
            black_box(&report),
            &rfp_core::analysis::SmaaOptions::default(),
        ));
    });
    // The same draws, each scored by one of 100 random halves of the committee (every half is
    // a report of its own).
    measure(
        "smaa, 10,000 draws over 100 halves of the committee",
        runs / 20 + 1,
        || {
            black_box(rfp_core::analysis::smaa(
                &flagged,
                black_box(&report),
                &rfp_core::analysis::SmaaOptions {
                    committees: rfp_core::analysis::COMMITTEES,
                    ..rfp_core::analysis::SmaaOptions::default()
                },
            ));
        },
    );
    // The cross-check by TOPSIS and PROMETHEE II (part of the exact part below).
    measure(
        "analysis: the method cross-check (TOPSIS, PROMETHEE II)",
        runs / 4 + 1,
        || {
            black_box(rfp_core::analysis::cross_check(black_box(&report)));
        },
    );
    // What a page waits for before it can show the exact part and start stepping.
    let (shared_card, shared_report) = (
        std::rc::Rc::new(flagged.clone()),
        std::rc::Rc::new(report.clone()),
    );
    measure(
        "analysis: the exact part (Analyser::new)",
        runs / 4 + 1,
        || {
            black_box(rfp_core::analysis::Analyser::new(
                std::rc::Rc::clone(&shared_card),
                std::rc::Rc::clone(&shared_report),
            ));
        },
    );
    // The longest single step: how long a page that steps the analysis is busy at most.
    measure("analysis: every step, one at a time", runs / 20 + 1, || {
        let mut steps = rfp_core::analysis::Analyser::new(
            std::rc::Rc::clone(&shared_card),
            std::rc::Rc::clone(&shared_report),
        );
        let mut longest = Duration::ZERO;
        loop {
            let start = Instant::now();
            if !steps.step() {
                break;
            }
            longest = longest.max(start.elapsed());
        }
        // The measured time is the whole run; the longest step is printed on its own.
        LONGEST.with(|l| l.borrow_mut().push(longest));
    });
    LONGEST.with(|l| {
        let mut longest = l.borrow().clone();
        longest.sort();
        if let (Some(median), Some(max)) = (longest.get(longest.len() / 2), longest.last()) {
            println!(
                "{:<58} median {:>9.3} ms   max {:>9.3} ms   ({} runs)",
                "analysis: the longest step of a run",
                median.as_secs_f64() * 1e3,
                max.as_secs_f64() * 1e3,
                longest.len()
            );
        }
    });
    measure(
        "analyse (margins, exact break-even shares, one evaluator out, levels, single ratings)",
        runs / 20 + 1,
        || {
            black_box(rfp_core::analysis::analyse(
                black_box(&flagged),
                black_box(&report),
            ));
        },
    );
}
