// The report and the results of the JavaScript API, written once from the Rust types in
// crates/rfp-core (score.rs, error.rs, weighting.rs, merge.rs, csv_io.rs, tailor.rs) and the
// wrappers in crates/rfp-wasm/src. tests/js/types.test.mjs checks every declaration here against
// real output, field by field. Field names are the core's (snake_case); a missing value is null.

/** How serious a diagnostic is. */
export type Severity = "info" | "warning" | "error";

/** One problem (or remark) about an input, with its place and a hint. */
export interface Diagnostic {
  severity: Severity;
  /** Where: a path into the document (`criteria[2].children[0].weight`) or a CSV place (`requirements.csv row 7, column "weight"`). Empty when it concerns the whole input. */
  location: string;
  /** What is wrong, in a sentence a committee member understands. */
  message: string;
  /** How to fix it; absent when there is nothing to say. */
  hint?: string;
}

/** What every function throws: an `Error` carrying the core's message and places. */
export interface RfpError extends Error {
  name: "RfpError";
  /** The core's error kind; `invalid` for a malformed argument. */
  kind: "invalid" | "syntax" | "not_a_scorecard" | "newer_schema" | "criteria_differ" | "refused" | "other";
  /** Every problem, each with its place. */
  diagnostics: Diagnostic[];
  /** For a refused edit (kind `refused`): the edit's field that could not be used (`name`, `percent`, …), or the place in the scorecard where the result would have been invalid. */
  field?: string;
}

/** One change of a scorecard, as `Session.apply` takes it (and `rfp edit` reads a list of them). Criteria, vendors and evaluators are named by id. Written once from `rfp_core::edit::Edit`. */
export type Edit =
  | { op: "add_criterion"; parent?: string; name: string; kind: "yes_no" | "choice" | "multi_choice" | "numeric" | "rating" | "price" | "category" }
  | { op: "remove_criterion"; id: string }
  | { op: "move_criterion"; id: string; to: number }
  | { op: "rename_criterion"; id: string; name: string }
  | { op: "set_share"; id: string; percent: number }
  | { op: "set_weights"; weights: Record<string, number> }
  | { op: "set_kind"; id: string; kind: "yes_no" | "choice" | "multi_choice" | "numeric" | "rating" | "price" }
  | { op: "set_anchor"; id: string; level: number; text: string }
  | { op: "set_rule"; id: string; rule: Scoring }
  | { op: "set_direction"; id: string; higher: boolean }
  | { op: "set_curve_shape"; id: string; shape: "linear" | "steps" }
  | { op: "add_option"; id: string; label: string; points: number }
  | { op: "set_gate"; id: string; gate?: Gate | null }
  | { op: "set_method"; category: string; method: WeightingMethod }
  | { op: "set_judgment"; category: string; a: string; b: string; value: number; evaluator?: string | null; at?: string }
  | { op: "set_weighting"; category: string; weighting?: Weighting | null }
  | { op: "set_knockout"; policy: KnockoutPolicy }
  | { op: "set_random_index"; table: RandomIndexTable }
  | { op: "add_vendor"; name: string; id?: string }
  | { op: "rename_vendor"; id: string; name: string }
  | { op: "remove_vendor"; id: string }
  | { op: "set_answer"; vendor: string; requirement: string; answer?: Answer | null }
  | { op: "set_comment"; vendor: string; requirement: string; text: string }
  | { op: "add_evaluator"; name: string; role?: string }
  | { op: "rename_evaluator"; id: string; name: string }
  | { op: "set_role"; id: string; role: string }
  | { op: "remove_evaluator"; id: string }
  | { op: "attest"; evaluator: string; no_conflict: boolean; date?: string }
  | { op: "put_attestation"; evaluator: string; attestation?: Attestation | null }
  | { op: "rate"; evaluator: string; vendor: string; requirement: string; score: number; note?: string; at?: string }
  | { op: "clear_rating"; evaluator: string; vendor: string; requirement: string }
  | { op: "put_rating"; index: number; rating: Rating }
  | { op: "set_consensus"; vendor: string; requirement: string; value: number; rationale: string }
  | { op: "clear_consensus"; vendor: string; requirement: string }
  | { op: "put_consensus"; index: number; consensus: Consensus }
  | { op: "put_name"; of: "criterion" | "vendor" | "evaluator"; id: string; name: string }
  | { op: "put_role"; id: string; role: string }
  | { op: "put_comment"; vendor: string; requirement: string; text?: string | null }
  | { op: "merge_files"; files: ReturnedText[] }
  | { op: "batch"; edits: Edit[] }
  | ({ op: "restore" } & Record<string, unknown>);

/** An evaluator's rating that counts for a cell (the latest: by `rated_at`, then revision), as `Session.ratingsThatCount` gives it. */
export interface CountingRating {
  score: number;
  note: string;
  revision: number;
}

/** A returned evaluator file for the `merge_files` edit, as it arrived. */
export interface ReturnedText {
  /** The file's name, used in every message about it. */
  name: string;
  /** Its text. */
  text: string;
  /** Merge it although its checksum does not match its content: the chair has checked it. */
  accept_altered?: boolean;
}

/** What became of one returned file. */
export interface FileVerdict {
  name: string;
  /** `merged`; `merged_altered` (accepted although changed outside RFP Scorecard); `altered` (held back: changed outside RFP Scorecard, not accepted); `refused` (cannot be read, not valid, other criteria). */
  verdict: "merged" | "merged_altered" | "altered" | "refused";
  /** Why it was held back or refused. */
  problems: Diagnostic[];
}

/** What a `merge_files` edit did. */
export interface MergeReport {
  /** Every file, in the order given. */
  files: FileVerdict[];
  /** Ratings with two or more different values at the same precedence, to settle. */
  conflicts: RatingConflict[];
  /** Ratings that were new or newer than the scorecard's. */
  updated: number;
  /** Files accepted although altered, differences not merged, ratings left out. */
  remarks: Diagnostic[];
}

/** What `Session.apply` (and its shorthands) did. */
export interface EditOutcome {
  /** `nothing`: the edit asked for what was there; `ratings`: only ratings changed (scored again where they touch); `scorecard`: anything else. */
  touched: "nothing" | "ratings" | "scorecard";
  /** Warnings the change brought (an edit that would bring an error is refused instead). */
  warnings: Diagnostic[];
  /** What each `merge_files` edit did (empty for other edits). */
  merges: MergeReport[];
  /** What removing a criterion, a vendor or an evaluator took with it (null for other edits). */
  removed: { requirements: number; answers: number; ratings: number; consensus: number; judgments: number } | null;
}

/** A loaded scorecard file. */
export interface Loaded {
  /** The scorecard, migrated to the current schema version. */
  scorecard: Scorecard;
  /** Envelope members this version does not know, to pass back to `save`. */
  envelope_extra: Record<string, unknown>;
  /** The schema version the file was written in. */
  schema_version: number;
  /** The generator named in the file. */
  generator: string;
  /** The checksum's verdict. */
  integrity: "verified" | "unsigned" | "mismatch";
  /** Warnings about the file and every problem `validate` finds. */
  diagnostics: Diagnostic[];
}

/** The result of scoring a scorecard: a view model to render as it is. */
export interface Report {
  /** The scorecard's title. */
  title: string;
  /** Vendors in rank order. */
  vendors: VendorResult[];
  /** Categories in depth-first order. */
  categories: CategoryInfo[];
  /** Requirements in depth-first order. */
  requirements: RequirementInfo[];
  /** For each category (and the top level), the weights each method gives. */
  weightings: CategoryWeighting[];
  /** Vendor × requirement pairs where evaluators disagree by at least the threshold. */
  disagreements: Disagreement[];
  /** Each evaluator's progress. */
  evaluators: EvaluatorProgress[];
  /** Objective requirements a vendor did not answer. */
  missing_answers: MissingAnswer[];
  /** Problems and remarks. */
  diagnostics: Diagnostic[];
}

/** How robust the winner is (`analyse`): exact break-even shares, the leader without each
 * evaluator, single ratings that would change the winner, and sentences for a board. */
export interface Analysis {
  /** The first-ranked vendor that can win (knocked-out vendors cannot), if any. */
  winner: Standing | null;
  /** The winner's lead over each other vendor that can win, closest first. */
  margins: Margin[];
  /** For each category and requirement whose share can change: where the winner changes. */
  weights: BreakEven[];
  /** The smallest single change of a share that changes the winner. */
  smallest_weight_change: WeightChange | null;
  /** The leader without each evaluator's ratings. */
  without_evaluator: WithoutEvaluator[];
  /** Whether the winner stays first when every rating of it drops by 1, 2, … levels. */
  levels_to_lose: LevelsToLose | null;
  /** Single ratings whose move by one level changes the winner. */
  rating_flips: RatingFlip[];
  /** For each price requirement that carries weight: the bids at which the winner changes. */
  prices: PriceBreakEven[];
  /** Whether TOPSIS and PROMETHEE II, on the same category scores and weights, put the winner
   * first too (empty when fewer than two vendors can win). */
  methods: MethodCheck[];
  /** What the numbers say, as sentences, most telling first. */
  sentences: string[];
}

/** How `smaa` draws weights; a member left out takes its default. */
export interface SmaaOptions {
  /** Weight draws (default 10,000). */
  draws?: number;
  /** Seed (default 1): the same seed gives the same figures. */
  seed?: number;
  /** Each top-level weight within ±spread (a share: 0.25 for ±25 %, the default) of the chosen
   * one; null: every split of the weights equally likely. */
  spread?: number | null;
  /** Each draw scored by one of this many random halves of the evaluators who rated (default
   * 0: the committee as it is; else 2 to 1,000, no more than the draws). Each half costs what a
   * report costs. */
  committees?: number;
}

/** Win probability under uncertain weights (SMAA-2). */
export interface Smaa {
  /** The options used, defaults filled in. */
  options: { draws: number; seed: number; spread: number | null; committees: number };
  /** The top-level categories (and loose requirements) whose weights were drawn, by name. */
  criteria: string[];
  /** One per vendor that can win, in the report's order (with halves of the committee, every
   * vendor: a half may let one win that the committee's ratings knock out). */
  vendors: Acceptability[];
  /** Share of the draws in which no vendor could win (a half knocked every one out); left out
   * when 0. The first-rank shares and this add up to 1. */
  without_winner?: number;
  /** The halves of the committee that scored the draws, when it was resampled. */
  resampled?: Resampled;
  /** The sentence a board reads. */
  sentence: string;
}

/** The halves of the committee that scored the draws. */
export interface Resampled {
  /** How many halves were scored. */
  committees: number;
  /** Evaluators in each half. */
  members: number;
  /** Evaluators who rated, the halves' pool. */
  of: number;
}

/** One vendor's rank acceptability. */
export interface Acceptability {
  vendor: Standing;
  /** Share of the draws in which it ranks 1st, 2nd, … (index 0 is first). */
  ranks: number[];
  /** Monte Carlo standard error of the first-rank share (with halves of the committee, read
   * from how far the halves' shares differ). */
  first_error: number;
  /** Mean weights of the draws in which it ranks first (empty if it never does). */
  central_weights: number[];
}

/** A vendor with its total. */
export interface Standing {
  vendor_id: string;
  name: string;
  /** Total, 0–100. */
  total: number;
}

/** How another method ranks the vendors that can win, on the same category scores and
 * weights. */
export interface MethodCheck {
  /** TOPSIS (vector normalisation; the figure is the closeness to the ideal, 0–1) or
   * PROMETHEE II (usual criterion; the figure is the net flow, −1 to 1). */
  method: "topsis" | "promethee_ii";
  /** The vendors that can win, best first by this method (ties in the report's order). */
  ranking: { vendor: Standing; value: number; /** 1 for the best; equal figures share a rank. */ rank: number }[];
  /** Whether the method puts the weighted sum's winner first (alone or tied). */
  agrees: boolean;
}

/** The winner's lead over one vendor and what carries it. */
export interface Margin {
  vendor: Standing;
  /** Winner's total minus this vendor's, in points. */
  lead: number;
  /** Top-level parts by points of the lead, largest first (negative: the other does better). */
  drivers: Driver[];
}

/** Points of a lead that one part of the matrix gives. */
export interface Driver {
  id: string;
  name: string;
  points: number;
}

/** The shares (0–1) of one category or requirement at which the winner changes. */
export interface BreakEven {
  id: string;
  name: string;
  category: boolean;
  /** Its share of its parent now, 0–1. */
  share: number;
  /** Raising the share to this makes another vendor lead; null: no share up to 100 % does. */
  raise: Crossing | null;
  /** Lowering the share to this makes another vendor lead; null: no share down to 0 does. */
  lower: Crossing | null;
}

/** A share (0–1) past which another vendor leads. */
export interface Crossing {
  share: number;
  leader: Standing;
}

/** The smallest change of one share (0–1) that changes the winner. */
export interface WeightChange {
  id: string;
  name: string;
  from: number;
  to: number;
  leader: Standing;
}

/** Who leads without one evaluator's ratings. */
export interface WithoutEvaluator {
  evaluator_id: string;
  name: string;
  leader: Standing | null;
  changes_winner: boolean;
}

/** How many levels all the winner's ratings could drop before it loses first place. */
export interface LevelsToLose {
  /** The winner's ratings. */
  ratings: number;
  /** The drop at which another vendor leads; null: never, even at the bottom of every scale. */
  levels: number | null;
  leader: Standing | null;
}

/** A single rating whose move by one level changes the winner. */
/** The bids at which the winner changes, every other bid kept. */
export interface PriceBreakEven {
  id: string;
  name: string;
  /** Years of the total cost of ownership. */
  years: number;
  /** The winner's total cost now. */
  winner_cost: number;
  /** The price gate's ceiling: a bid above it is knocked out. */
  ceiling: number | null;
  /** The winner's total cost above which another vendor leads (null: no cost would). */
  winner_limit: { cost: number; leader: Standing } | null;
  /** Each other vendor that can win and bid: its cost now and the cost below which it would lead. */
  rivals: { vendor: Standing; cost: number; leads_below: number | null }[];
}

export interface RatingFlip {
  evaluator_id: string;
  evaluator: string;
  vendor_id: string;
  vendor: string;
  requirement_id: string;
  requirement: string;
  from: number;
  to: number;
  leader: Standing;
}

/** One vendor's result. */
export interface VendorResult {
  vendor_id: string;
  /** Display name (the id when the vendor has no name). */
  name: string;
  /** Competition rank: 1 for the best; tied vendors share a rank (1, 2, 2, 4). */
  rank: number;
  /** Total score, 0–100. */
  total: number;
  status: VendorStatus;
  /** Gates failed, with the reason for each. */
  gate_failures: GateFailure[];
  /** Gates that cannot be decided yet. */
  pending_gates: GateFailure[];
  /** Points earned per category (in `Report.categories` order). */
  category_points: number[];
  /** Share of each category's available points earned, 0–1. */
  category_shares: number[];
  /** Per requirement (in `Report.requirements` order). */
  scores: RequirementScore[];
  /** Share of this vendor's answers and ratings present, 0–1. */
  completeness: number;
}

/** Where a vendor stands after the gates. */
export type VendorStatus = "qualified" | "knocked_out" | "flagged";

/** A failed (or undecided) gate. */
export interface GateFailure {
  requirement_id: string;
  requirement: string;
  /** Why, e.g. "99.2% is below the required 99.5%". */
  reason: string;
}

/** One vendor's score on one requirement. */
export interface RequirementScore {
  /** Score in [0, 1]. */
  score: number;
  /** Points contributed to the total. */
  points: number;
  source: ScoreSource;
  /** Rating aggregate, numeric answer, or total cost of ownership. */
  value: number | null;
}

/** Where a requirement score came from: the answer, this many evaluators, consensus, or nothing. */
export type ScoreSource = "answer" | { evaluators: number } | "consensus" | "missing";

/** A category of the criteria tree. */
export interface CategoryInfo {
  id: string;
  name: string;
  /** 0 for a top-level category. */
  depth: number;
  /** Index of the parent in `Report.categories`. */
  parent: number | null;
  /** Share of the total, 0–1. */
  weight: number;
  /** Share among its siblings, 0–1. */
  local_weight: number;
}

/** A requirement of the criteria tree. */
export interface RequirementInfo {
  id: string;
  name: string;
  /** `yes_no`, `choice`, `multi_choice`, `numeric`, `rating` or `price`. */
  kind: string;
  /** Index of its category in `Report.categories` (null at the top level). */
  category: number | null;
  weight: number;
  local_weight: number;
  /** The gate in words, if the requirement is mandatory. */
  gate: string | null;
}

/** The weights each method gives one category's children. */
export interface CategoryWeighting {
  /** Category id (empty for the top level). */
  category_id: string;
  children: string[];
  method: WeightingMethod;
  /** The weights in force, summing to 1 or all 0. */
  in_force: number[];
  direct: number[] | null;
  /** Empty when there are more children than a ranking holds (10,000). */
  rank_order_centroid: number[];
  ahp: AhpSummary | null;
  /** AHP on the evaluators' judgments combined by their geometric mean, a pair no one compared counting as equal: present when the method is `ahp_group` or an evaluator has judged (and their judgments can be read). */
  ahp_group?: GroupAhpSummary;
  swing: number[] | null;
}

/** Group AHP for one category: the group's weights and consistency, and each evaluator's. */
export interface GroupAhpSummary {
  group: AhpSummary;
  evaluators: {
    evaluator_id: string;
    /** How many of the pairs they compared. */
    pairs: number;
    /** Their own weights and consistency, when they compared every pair. */
    own: AhpSummary | null;
  }[];
  /** How many pairs no evaluator has compared (they count as equal). */
  uncompared: number;
}

/** AHP result for one category. */
export interface AhpSummary {
  weights: number[];
  lambda_max: number;
  consistency_ratio: number;
  table: RandomIndexTable;
  /** The two child ids whose comparison is most at odds with the others. */
  revisit: [string, string] | null;
}

/** Evaluators who disagree on one vendor and requirement. */
export interface Disagreement {
  vendor_id: string;
  requirement_id: string;
  /** Highest minus lowest rating, as a share of the scale. */
  spread: number;
  /** Each evaluator's rating: [evaluator id, level]. */
  ratings: [string, number][];
  /** True when a consensus value settles it. */
  resolved: boolean;
  /** Present and true when that consensus value was agreed on other ratings than count now. */
  stale_consensus?: boolean;
}

/** One evaluator's progress. */
export interface EvaluatorProgress {
  evaluator_id: string;
  name: string;
  role: string;
  attested: boolean;
  rated: number;
  expected: number;
  completeness: number;
}

/** An objective requirement a vendor did not answer (or that cannot be read). */
export interface MissingAnswer {
  vendor_id: string;
  requirement_id: string;
  reason: string;
}

/** A returned evaluator file for `merge`. */
export interface NamedScorecard {
  /** Names the file in messages. */
  name: string;
  scorecard: Scorecard;
}

/** The result of `merge`. */
export interface MergeOutcome {
  scorecard: Scorecard;
  /** Ratings with two or more different values at the same revision. */
  conflicts: RatingConflict[];
  /** Ratings that were new or newer than the base's. */
  updated: number;
  /** Differences in returned files that were not merged, dropped ratings. */
  diagnostics: Diagnostic[];
}

/** Different values for one rating at the same revision. */
export interface RatingConflict {
  evaluator: string;
  vendor: string;
  requirement: string;
  revision: number;
  /** The differing values: [score, note]. */
  values: [number, string][];
}

/** A tailored scorecard and the template it came from. */
export interface Tailored {
  /** The template's criteria adjusted to the profile; every change in `meta.adjustments`. */
  scorecard: Scorecard;
  template_id: string;
  template_reason: string;
}

/** The result of `importRequirements`. */
export interface RequirementImport {
  criteria: Criterion[];
  diagnostics: Diagnostic[];
}

/** Options of `importAnswers`. */
export interface AnswerImportOptions {
  /** One vendor's sheet (columns `requirement`, `answer`, `comment`); absent for a wide sheet. */
  vendor?: { id: string; name: string };
  /** Names the sheet in places (default `answers.csv`). */
  source?: string;
}

/** The result of `importAnswers`. */
export interface AnswerImport {
  vendors: Vendor[];
  diagnostics: Diagnostic[];
}

/** The result of `importScoringSheet`. */
export interface RatingImport {
  ratings: Rating[];
  diagnostics: Diagnostic[];
}

/** How CSV is written. */
export interface CsvOptions {
  /** `","` (default), `";"` (numbers then take a decimal comma, as spreadsheets set to one read them), a tab or `"|"`: each imports back; any other is refused. */
  delimiter?: "," | ";" | "\t" | "|";
  /** Start with a UTF-8 byte order mark (default true). */
  bom?: boolean;
}

/** AHP on one comparison matrix. */
export interface AhpResult {
  /** The principal eigenvector, summing to 1. */
  weights: number[];
  lambda_max: number;
  consistency_index: number;
  random_index: number;
  /** Above 0.10 the judgments should be revisited. */
  consistency_ratio: number;
  table: RandomIndexTable;
  /** Matrix indices [i, j] of the judgment most at odds with the weights. */
  most_inconsistent: [number, number] | null;
}
