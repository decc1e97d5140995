// The JavaScript API from Node: `node --test tests/js/` (after `cargo xtask npm`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { rfp, scorer, thrown } from './package.mjs';

const demoFile = readFileSync(new URL('../../rfp-templates/small-primary-care.json', import.meta.url), 'utf8');

test('scores the demo: four vendors ranked, totals 0–100, one knocked out', () => {
  const report = rfp.score(rfp.demo());
  assert.equal(report.vendors.length, 4);
  assert.deepEqual(report.vendors.map((v) => v.rank), [1, 2, 3, 4]);
  for (const vendor of report.vendors) {
    assert.ok(vendor.total >= 0 && vendor.total <= 100, `${vendor.name}: ${vendor.total}`);
  }
  assert.equal(report.vendors.filter((v) => v.status === 'knocked_out').length, 1);
  assert.equal(report.vendors.at(-1).status, 'knocked_out');
  assert.equal(typeof report.title, 'string');
});

test('the scorer-only entry gives the same report and has no templates', () => {
  const scorecard = rfp.demo();
  assert.deepEqual(scorer.score(scorecard), rfp.score(scorecard));
  assert.equal(scorer.demo, undefined);
  assert.equal(scorer.tailor, undefined);
  assert.equal(scorer.importRequirements, undefined);
  assert.equal(typeof scorer.tailorFrom, 'function');
});

test('load and save: the file round-trips, with the checksum verified', () => {
  const loaded = rfp.load(demoFile);
  assert.equal(loaded.integrity, 'unsigned'); // the shipped template carries no checksum
  assert.equal(loaded.schema_version, 3);
  assert.deepEqual(loaded.scorecard, rfp.demo());
  assert.deepEqual(loaded.diagnostics, []);
  const again = rfp.load(rfp.save(loaded.scorecard, loaded.envelope_extra));
  assert.equal(again.integrity, 'verified');
  assert.deepEqual(again.scorecard, loaded.scorecard);
  const tampered = rfp.save(loaded.scorecard).replace('"title": "', '"title": "x');
  assert.equal(rfp.load(tampered).integrity, 'mismatch');
});

test('load: text that is not JSON throws an RfpError with the line and column', () => {
  const error = thrown(() => rfp.load('{\n  "format": '));
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'RfpError');
  assert.equal(error.kind, 'syntax');
  assert.match(error.diagnostics[0].location, /^line 2, column \d+$/);
  assert.equal(error.diagnostics[0].severity, 'error');
});

test('a malformed object gives an Error naming every wrong field', () => {
  const scorecard = rfp.demo();
  scorecard.criteria[0].weight = 'ten';
  scorecard.vendors[1].name = 42;
  const error = thrown(() => rfp.score(scorecard));
  assert.ok(error instanceof Error);
  assert.equal(error.kind, 'invalid');
  const places = error.diagnostics.map((d) => d.location);
  assert.deepEqual(places, ['criteria[0].weight', 'vendors[1].name']);
  assert.match(error.diagnostics[0].message, /"ten"/);
  assert.match(error.message, /criteria\[0\]\.weight/);
});

test('bad arguments of any kind throw, never crash the module', () => {
  for (const bad of [undefined, null, 42, 'text', [], { criteria: 'none' }, { vendors: [{}] }]) {
    const error = thrown(() => rfp.score(bad));
    assert.equal(error.name, 'RfpError', String(bad));
    assert.ok(error.diagnostics.length > 0);
  }
  const cyclic = {};
  cyclic.self = cyclic;
  assert.match(thrown(() => rfp.validate(cyclic)).diagnostics[0].message, /JSON/);
  assert.equal(thrown(() => rfp.validate(undefined)).diagnostics[0].location, 'scorecard');
  // …and the module still works afterwards.
  assert.equal(rfp.score(rfp.demo()).vendors.length, 4);
});

test('undefined members are left out, as in a file', () => {
  const scorecard = { ...rfp.demo(), meta: undefined };
  assert.equal(rfp.score(scorecard).vendors.length, 4);
});

test('validate returns problems of meaning with their places', () => {
  const scorecard = rfp.demo();
  scorecard.criteria[0].weight = -1;
  const diagnostics = rfp.validate(scorecard);
  assert.ok(diagnostics.some((d) => d.severity === 'error' && d.location === 'criteria[0].weight'));
});

test('merge: a returned packet brings its ratings back; bad files are named', () => {
  const base = rfp.demo();
  const evaluator = base.evaluators[0].id;
  const packet = rfp.packet(base, evaluator);
  assert.deepEqual(packet.evaluators.map((e) => e.id), [evaluator]);
  assert.ok(packet.ratings.every((r) => r.evaluator === evaluator));
  const rating = packet.ratings[0];
  rating.score = rating.score === 0 ? 1 : rating.score - 1;
  rating.revision += 1;
  const outcome = rfp.merge(base, [{ name: 'returned.json', scorecard: packet }]);
  assert.equal(outcome.updated, 1);
  assert.deepEqual(outcome.conflicts, []);
  const merged = outcome.scorecard.ratings.find(
    (r) => r.evaluator === evaluator && r.vendor === rating.vendor && r.requirement === rating.requirement,
  );
  assert.equal(merged.score, rating.score);
  // Idempotent: merging the merged file again changes nothing.
  assert.equal(rfp.merge(outcome.scorecard, [{ name: 'again', scorecard: outcome.scorecard }]).updated, 0);

  const malformed = thrown(() => rfp.merge(base, [{ name: 'x', scorecard: packet }, { name: 'y', scorecard: { vendors: 3 } }]));
  assert.deepEqual(malformed.diagnostics.map((d) => d.location), ['others[1].scorecard.vendors']);
  const other = rfp.demo();
  other.criteria.pop();
  const differ = thrown(() => rfp.merge(base, [{ name: 'other.json', scorecard: other }]));
  assert.equal(differ.kind, 'criteria_differ');
  assert.match(differ.message, /other\.json/);
  assert.equal(thrown(() => rfp.packet(base, 'nobody')).diagnostics[0].location, 'evaluators');
});

test('merge takes returned files as deep as a file may be', () => {
  // How many levels of categories a tree has (the demo has two: `Clinical > Ordering`).
  const levels = (nodes) => Math.max(0, ...nodes.filter((n) => !n.scoring).map((n) => 1 + levels(n.children ?? [])));
  // The demo's categories wrapped in more, `wanted` levels in all.
  const deep = (wanted) => {
    const card = rfp.demo();
    while (levels(card.criteria) < wanted) {
      const level = levels(card.criteria);
      card.criteria = [{ id: `level-${level}`, name: `Level ${level}`, weight: 1, children: card.criteria }];
    }
    return card;
  };
  const errors = (card) => rfp.score(card).diagnostics.filter((d) => d.severity === 'error');
  // 59 levels: the deepest a file may hold. One more nests the JSON deeper than its reader
  // goes, and is refused saying so.
  const base = deep(59);
  assert.deepEqual(errors(base), []);
  assert.match(thrown(() => rfp.score(deep(60))).message, /nested more than 128 deep/);
  const packet = rfp.packet(base, base.evaluators[0].id);
  packet.ratings[0].score = packet.ratings[0].score === 0 ? 1 : 0;
  packet.ratings[0].revision += 1;
  assert.equal(rfp.merge(base, [{ name: 'returned.json', scorecard: packet }]).updated, 1);
  // The list and its items are named where they are wrong.
  assert.equal(thrown(() => rfp.merge(base, { name: 'x' })).diagnostics[0].location, 'others');
  assert.equal(thrown(() => rfp.merge(base, [packet])).diagnostics[0].location, 'others[0].name');
  assert.equal(thrown(() => rfp.merge(base, [5])).diagnostics[0].location, 'others[0]');
  assert.equal(thrown(() => rfp.merge(base, [{ name: 'x' }])).diagnostics[0].location, 'others[0].scorecard');
  // Every item's problems at once.
  const both = thrown(() => rfp.merge(base, [{ name: 5, scorecard: packet }, 'x', { name: 'y', scorecard: { vendors: 3 } }]));
  assert.deepEqual(both.diagnostics.map((d) => d.location), ['others[0].name', 'others[1]', 'others[2].scorecard.vendors']);
});

test('merge reports a conflict: two values at the same revision', () => {
  const base = rfp.demo();
  const a = rfp.packet(base, base.evaluators[0].id);
  const b = structuredClone(a);
  a.ratings[0].revision += 1;
  b.ratings[0].revision += 1;
  b.ratings[0].score = a.ratings[0].score === 0 ? 1 : 0;
  const outcome = rfp.merge(base, [{ name: 'a', scorecard: a }, { name: 'b', scorecard: b }]);
  assert.equal(outcome.conflicts.length, 1);
  assert.equal(outcome.conflicts[0].values.length, 2);
  assert.equal(typeof outcome.conflicts[0].values[0][0], 'number');
});

test('tailor: a profile gives a scorecard from the closest template, with its adjustments', () => {
  const tailored = rfp.tailor({ specialties: ['pediatrics'], providers: 6, locations: 2 });
  assert.equal(tailored.template_id, 'pediatrics');
  assert.equal(typeof tailored.template_reason, 'string');
  assert.deepEqual(tailored.scorecard.profile.specialties, ['pediatrics']);
  assert.deepEqual(tailored.scorecard.vendors ?? [], []);
  assert.ok(Array.isArray(tailored.scorecard.meta.adjustments));
  // The scorer-only entry tailors from templates the caller passes.
  const templates = rfp.templates().map((t) => rfp.template(t.id));
  assert.deepEqual(scorer.tailorFrom({ specialties: ['pediatrics'], providers: 6, locations: 2 }, templates), tailored);
  assert.deepEqual(thrown(() => rfp.tailor({ providers: 'many' })).diagnostics.map((d) => d.location), ['profile.providers']);
});

test('templates: six, each loads and scores', () => {
  const list = rfp.templates();
  assert.equal(list.length, 6);
  assert.equal(list[0].id, 'small-primary-care');
  for (const { id } of list) {
    assert.equal(rfp.template(id).meta.template, id);
    assert.ok(rfp.score(rfp.template(id)).vendors.length >= 3);
  }
  const unknown = thrown(() => rfp.template('dentistry'));
  assert.equal(unknown.diagnostics[0].location, 'id');
  assert.match(unknown.diagnostics[0].hint, /small-primary-care/);
});

test('CSV round trip: requirements, answers and a scoring sheet', () => {
  const scorecard = rfp.demo();
  const requirements = rfp.exportRequirements(scorecard.criteria);
  assert.ok(requirements.startsWith('\uFEFF'));
  const imported = rfp.importRequirements(requirements);
  assert.deepEqual(imported.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(
    rfp.exportRequirements(imported.criteria, { delimiter: ';', bom: false }),
    rfp.exportRequirements(scorecard.criteria, { delimiter: ';', bom: false }),
  );

  const evaluator = scorecard.evaluators[0].id;
  const sheet = rfp.exportScoringSheet(scorecard, evaluator);
  const ratings = rfp.importScoringSheet(sheet, scorecard, 'sheet.csv');
  assert.deepEqual(ratings.diagnostics, []);
  const mine = scorecard.ratings.filter((r) => r.evaluator === evaluator);
  assert.equal(ratings.ratings.length, mine.length);

  const bad = rfp.importScoringSheet(sheet.replace(/\r\n([^\r\n]*),([^,\r\n]*)\r\n/, '\r\n$1,x$2\r\n'), scorecard, 'sheet.csv');
  assert.ok(bad.diagnostics.every((d) => d.location.startsWith('sheet.csv')));

  const answers = rfp.importAnswers('requirement,answer\r\nno-such-requirement,yes\r\n', scorecard.criteria, {
    vendor: { id: 'v', name: 'V' },
  });
  assert.equal(answers.vendors.length, 1);
  assert.ok(answers.diagnostics.some((d) => d.severity === 'error' && d.location.startsWith('answers.csv')));

  const report = rfp.exportReport(rfp.score(scorecard), { delimiter: ';' });
  assert.equal(report.trim().split('\r\n').length, 1 + scorecard.vendors.length);
  assert.equal(thrown(() => rfp.exportReport(rfp.score(scorecard), { delimiter: ';;' })).diagnostics[0].location, 'options.delimiter');
  assert.equal(thrown(() => rfp.exportReport(rfp.score(scorecard), { delimter: ';' })).diagnostics[0].location, 'options.delimter');
});

test('weighting: AHP, rank-order centroid, SWING, pairwise matrix', () => {
  const result = rfp.ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]);
  assert.equal(result.weights.length, 3);
  assert.ok(Math.abs(result.weights.reduce((a, b) => a + b) - 1) < 1e-9);
  assert.ok(result.consistency_ratio < 0.1);
  assert.equal(result.table, 'saaty_1980');
  assert.equal(rfp.ahp([[1, 2], [0.5, 1]], 'alonso_lamata_2006').table, 'alonso_lamata_2006');
  assert.equal(thrown(() => rfp.ahp([[1, 2], [3, 1]])).diagnostics[0].location, 'matrix');
  assert.equal(thrown(() => rfp.ahp([[1, 'x']])).diagnostics[0].location, 'matrix[0][1]');

  const roc = rfp.rankOrderCentroid(3);
  assert.deepEqual(roc.map((w) => Math.round(w * 1e4) / 1e4), [0.6111, 0.2778, 0.1111]);
  assert.equal(thrown(() => rfp.rankOrderCentroid(-1)).diagnostics[0].location, 'n');
  assert.deepEqual(rfp.swing([100, 50, 50]), [0.5, 0.25, 0.25]);
  assert.equal(thrown(() => rfp.swing([0, 0])).diagnostics[0].location, 'points');
  assert.deepEqual(thrown(() => rfp.swing([1, NaN])).diagnostics.map((d) => d.location), ['points[1]']);

  const matrix = rfp.pairwiseMatrix(['a', 'b'], [{ a: 'a', b: 'b', value: 3 }]);
  assert.deepEqual(matrix, [[1, 3], [1 / 3, 1]]);
  const missing = thrown(() => rfp.pairwiseMatrix(['a', 'b', 'c'], [{ a: 'a', b: 'b', value: 3 }]));
  assert.equal(missing.diagnostics.length, 2);
});

test('Session: the shared edit list gives the golden scorecard the core, the CLI and the site give', () => {
  const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  const edits = JSON.parse(read('tests/data/edits/committee.edits.json'));
  const expected = rfp.load(read('tests/data/edits/committee.expected.json')).scorecard;
  for (const api of [rfp, scorer]) {
    const session = api.Session.fromFile(read('tests/data/golden/demo.json'));
    for (const edit of edits) assert.notEqual(session.apply(edit).touched, 'nothing', JSON.stringify(edit));
    assert.deepEqual(session.scorecard(), expected);
    assert.deepEqual(session.report(), api.score(expected));
    // Undone step by step, it is the demo again; redo gives the edited scorecard back.
    while (session.undo());
    assert.deepEqual(session.scorecard(), api.load(read('tests/data/golden/demo.json')).scorecard);
    assert.equal(session.canUndo, false);
    while (session.redo());
    assert.deepEqual(session.scorecard(), expected);
    session.free();
  }
});

test('Session: rating follows the core (the rating that counts, revisions), refusals name the field', () => {
  const session = new rfp.Session(rfp.demo());
  const cell = ['osei', 'merrow', 'fit.clinical.scripted_demo'];
  const before = session.ratingsThatCount('osei', 'merrow')['fit.clinical.scripted_demo'];
  assert.equal(session.rate(...cell, 1, 'too slow').touched, 'ratings');
  const after = session.ratingsThatCount('osei', 'merrow')['fit.clinical.scripted_demo'];
  assert.deepEqual(after, { score: 1, note: 'too slow', revision: before.revision + 1 });
  assert.equal(session.rate(...cell, 1, 'too slow').touched, 'nothing', 'the same rating again changes nothing');
  const error = thrown(() => session.rate(...cell, 9));
  assert.equal(error.name, 'RfpError');
  assert.equal(error.kind, 'refused');
  assert.match(error.field, /^ratings\[\d+\]\.score$/);
  assert.match(error.message, /expected a level from \d+ to \d+, found 9/);
  assert.equal(session.ratingsThatCount('osei', 'merrow')['fit.clinical.scripted_demo'].score, 1, 'a refusal changes nothing');
  assert.equal(session.clearRating(...cell).touched, 'scorecard');
  assert.equal(session.ratingsThatCount('osei', 'merrow')['fit.clinical.scripted_demo'], undefined);
  assert.ok(session.undo());
  assert.equal(session.ratingsThatCount('osei', 'merrow')['fit.clinical.scripted_demo'].score, 1);
  const weight = thrown(() => session.setWeight('fit', -1));
  assert.equal(weight.kind, 'refused');
  assert.match(weight.field, /^criteria\[0\]/);
  const unknown = thrown(() => session.apply({ op: 'rename_vendor', id: 'nobody', name: 'X' }));
  assert.equal(unknown.field, 'id');
  const malformed = thrown(() => session.apply({ op: 'rate', evaluator: 'osei' }));
  assert.equal(malformed.kind, 'invalid');
  assert.equal(rfp.load(session.save()).integrity, 'verified');
  session.free();
});

test('Session: returned files merge as an edit, with a verdict per file; undo takes the merge back', () => {
  const session = new rfp.Session(rfp.demo());
  const before = session.scorecard();
  // Osei's packet, rated again through the core and saved: what an evaluator sends back.
  const osei = new rfp.Session(rfp.packet(before, 'osei'));
  osei.rate('osei', 'merrow', 'fit.clinical.scripted_demo', 1, 'second look');
  const returned = osei.save();
  osei.free();
  const altered = returned.replace('second look', 'second look, changed');
  const outcome = session.apply({
    op: 'merge_files',
    files: [
      { name: 'osei.json', text: returned },
      { name: 'osei-altered.json', text: altered },
      { name: 'notes.txt', text: 'not a scorecard' },
    ],
  });
  assert.equal(outcome.touched, 'scorecard');
  const [merge] = outcome.merges;
  assert.deepEqual(merge.files.map((f) => [f.name, f.verdict]), [
    ['osei.json', 'merged'],
    ['osei-altered.json', 'altered'],
    ['notes.txt', 'refused'],
  ]);
  assert.equal(merge.files[1].problems[0].location, 'checksum');
  assert.match(merge.files[2].problems[0].message, /not an RFP Scorecard file/);
  assert.equal(merge.updated, 1);
  assert.deepEqual(merge.conflicts, []);
  assert.equal(session.ratingsThatCount('osei', 'merrow')['fit.clinical.scripted_demo'].score, 1);
  assert.deepEqual(session.report(), rfp.score(session.scorecard()));
  assert.ok(session.undo());
  assert.deepEqual(session.scorecard(), before);
  // Accepted explicitly, the altered file is merged and named so in the remarks.
  const accepted = session.apply({ op: 'merge_files', files: [{ name: 'osei-altered.json', text: altered, accept_altered: true }] });
  assert.equal(accepted.merges[0].files[0].verdict, 'merged_altered');
  assert.equal(accepted.merges[0].remarks[0].location, 'osei-altered.json');
  assert.equal(session.ratingsThatCount('osei', 'merrow')['fit.clinical.scripted_demo'].note, 'second look, changed');
  // Other edits report no merge.
  assert.deepEqual(session.apply({ op: 'set_share', id: 'cost', percent: 20 }).merges, []);
  // A removal says what it took with it; Undo brings it back.
  const removed = session.apply({ op: 'remove_evaluator', id: 'osei' }).removed;
  assert.ok(removed.ratings > 0, JSON.stringify(removed));
  assert.equal(session.apply({ op: 'set_share', id: 'cost', percent: 25 }).removed, null);
  session.free();
});

// Reproducers of inputs that once ended badly (tests/data/repro/).
const repro = (name) => readFileSync(new URL(`../data/repro/${name}`, import.meta.url), 'utf8');

test('exportReport refuses a report whose parts do not fit, and the module keeps working', () => {
  const report = rfp.score(rfp.demo());
  report.vendors[0].category_points = report.vendors[0].category_points.slice(0, 3);
  const error = thrown(() => rfp.exportReport(report));
  assert.equal(error.name, 'RfpError');
  assert.equal(error.diagnostics[0].location, 'report.vendors[0].category_points');
  assert.match(error.message, /^report\.vendors\[0\]\.category_points: expected \d+ \(one per category/);
  const short = thrown(() => rfp.exportReport(JSON.parse(repro('fuzz-01-exportReport-short-report.json'))));
  assert.equal(short.kind, 'invalid');
  // The instance was not killed: the same module scores and exports afterwards.
  assert.equal(rfp.score(rfp.demo()).vendors.length, 4);
  assert.match(rfp.exportReport(rfp.score(rfp.demo())), /^\uFEFFrank,vendor_id/);
});

test('load: a whole number beyond 2^53 in an unknown member is read as JavaScript reads it', () => {
  const loaded = rfp.load(repro('bigint-unknown-member.json'));
  assert.equal(loaded.scorecard.meta.x_crm_id, 9007199254740992);
  assert.equal(rfp.score(loaded.scorecard).vendors.length, 1);
});

test('load → save keeps an unknown member inside a linear curve', () => {
  const loaded = rfp.load(repro('linear-curve-unknown-member.json'));
  assert.ok(rfp.save(loaded.scorecard, loaded.envelope_extra).includes('"x_note"'));
});

test('weights whose sum overflows still rank: 100 and 0, not all 0', () => {
  const report = rfp.score(rfp.load(repro('weights-sum-overflow.json')).scorecard);
  assert.deepEqual(report.vendors.map((v) => v.total), [100, 0]);
});

test('an error message starts with its first problem and place', () => {
  const error = thrown(() => rfp.load('{"format": "rfp-scorecard", "schema_version": 1, "scorecard": null}'));
  assert.equal(error.message, 'scorecard: expected an object, found null');
  const twice = thrown(() => rfp.load('{"format": "rfp-scorecard", "format": "x"}'));
  assert.equal(twice.kind, 'syntax');
  assert.match(twice.message, /"format" is given twice/);
});

test('a scorecard too large to work with is refused with its size, and the module keeps working', () => {
  // The reproducer's 100,000 vendors did not finish scoring in 10 minutes here.
  const scorecard = rfp.demo();
  scorecard.ratings = [];
  scorecard.consensus = [];
  scorecard.vendors = Array.from({ length: 100_000 }, (_, i) => ({ id: `v${i}`, name: `Vendor ${i}` }));
  const report = rfp.score(scorecard);
  assert.equal(report.vendors.length, 0);
  assert.equal(report.diagnostics[0].location, 'vendors');
  assert.match(report.diagnostics[0].message, /^100,000 vendors; RFP Scorecard works with at most 1,000$/);
  const refused = thrown(() => rfp.load(rfp.save(scorecard)));
  assert.equal(refused.kind, 'invalid');
  assert.match(refused.message, /^vendors: 100,000 vendors/);
  // A large file is read and written as one string each way: a thousand vendors score at once.
  scorecard.vendors = scorecard.vendors.slice(0, 1000);
  assert.equal(rfp.score(scorecard).vendors.length, 1000);
  assert.equal(rfp.score(rfp.demo()).vendors.length, 4);
});

test('analyse: how robust the winner is, in names a board reads', () => {
  const analysis = rfp.analyse(rfp.demo());
  assert.equal(analysis.winner.name, 'CedarChart');
  assert.equal(analysis.margins[0].vendor.name, 'Merrow Health Systems');
  assert.match(analysis.sentences[0], /^CedarChart leads Merrow Health Systems by 13\.5 points/);
  assert.ok(analysis.weights.some((w) => w.raise || w.lower));
  assert.deepEqual(analysis, scorer.analyse(rfp.demo()), 'the scorer-only entry gives the same');
  // The network demo: rating the winner one level lower flips it (a close race).
  const network = rfp.load(readFileSync(new URL('../../rfp-templates/multi-clinic-network.json', import.meta.url), 'utf8'));
  const close = rfp.analyse(network.scorecard);
  assert.equal(close.levels_to_lose.levels, 1);
  // … and so does a bid: the price break-even, in the same names.
  const price = close.prices[0];
  assert.equal(price.winner_limit.leader.name, 'Slatecross Clinical');
  assert.ok(price.winner_limit.cost > price.winner_cost);
  assert.ok(close.sentences.some((s) => /^Cobaltline Health stays first unless its 5-year total cost rises above \$/.test(s)));
  // Ranked by TOPSIS on the same category scores, the race goes the other way.
  const topsis = close.methods.find((m) => m.method === 'topsis');
  assert.equal(topsis.agrees, false);
  assert.equal(topsis.ranking[0].vendor.name, 'Slatecross Clinical');
  assert.ok(close.sentences.includes('Ranked another way on the same category scores and weights, TOPSIS puts Slatecross Clinical first, not Cobaltline Health; PROMETHEE II agrees with the weighted sum.'));
  const malformed = thrown(() => rfp.analyse({ criteria: 'none' }));
  assert.equal(malformed.kind, 'invalid');
});

test('smaa: win probability under random weights, seeded and reproducible', () => {
  const result = rfp.smaa(rfp.demo(), { draws: 4000, seed: 5 });
  assert.deepEqual(result.options, { draws: 4000, seed: 5, spread: 0.25, committees: 0 });
  assert.equal(result.resampled, undefined);
  const first = result.vendors.find((v) => v.vendor.name === 'CedarChart');
  assert.ok(first.ranks[0] > 0.9, `${first.ranks[0]}`);
  for (let rank = 0; rank < result.vendors.length; rank++) {
    const sum = result.vendors.reduce((s, v) => s + v.ranks[rank], 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
  }
  assert.deepEqual(rfp.smaa(rfp.demo(), { draws: 4000, seed: 5 }), result, 'the same seed, the same figures');
  assert.match(rfp.smaa(rfp.demo(), { spread: null, draws: 1000 }).sentence, /over every possible split/);
  assert.equal(thrown(() => rfp.smaa(rfp.demo(), { draws: 'many' })).kind, 'invalid');
  // The committee drawn too: each draw scored by one of 30 random halves of those who rated.
  const halves = rfp.smaa(rfp.demo(), { draws: 3000, seed: 5, committees: 30 });
  assert.deepEqual(halves.resampled, { committees: 30, members: 2, of: 3 });
  assert.match(halves.sentence, /each scored by one of 30 random halves of the committee \(2 of the 3 evaluators who rated\)/);
  const tooMany = thrown(() => rfp.smaa(rfp.demo(), { committees: 1001 }));
  assert.match(tooMany.message, /options\.committees: expected 0 \(the committee as it is\) or 2 to 1,000 halves of the committee/);
  assert.match(thrown(() => rfp.smaa(rfp.demo(), { draws: 10, committees: 20 })).message, /no more halves of the committee than weight draws \(10\)/);
});

test('Session: group AHP, an evaluator judging in their packet, merged back; undo takes it back', () => {
  const session = new rfp.Session(rfp.demo());
  session.apply({ op: 'set_method', category: '', method: 'ahp_group' });
  const before = session.scorecard();
  const osei = new rfp.Session(rfp.packet(before, 'osei'));
  osei.apply({ op: 'set_judgment', category: '', a: 'fit', b: 'cost', value: 5, evaluator: 'osei', at: '2026-12-06T10:00:00.000Z' });
  const returned = osei.save();
  osei.free();
  const outcome = session.apply({ op: 'merge_files', files: [{ name: 'osei.json', text: returned }] });
  assert.equal(outcome.touched, 'scorecard');
  const top = session.report().weightings.find((w) => w.category_id === '');
  assert.equal(top.method, 'ahp_group');
  assert.deepEqual(top.ahp_group.evaluators.map((e) => [e.evaluator_id, e.pairs]), [['osei', 1]]);
  const fit = top.children.indexOf('fit');
  const cost = top.children.indexOf('cost');
  assert.ok(top.in_force[fit] > top.in_force[cost]);
  assert.equal(top.ahp_group.uncompared, 54);
  assert.deepEqual(session.report(), rfp.score(session.scorecard()));
  assert.ok(session.undo());
  assert.deepEqual(session.scorecard(), before);
  session.free();
});

test('every bad file of the corpus is told in JavaScript what the core tells, and the module keeps working', () => {
  // tests/data/bad/file-*.json: opened or refused, with the remarks the core's test expects.
  const dir = new URL('../data/bad/', import.meta.url);
  const names = readdirSync(dir).filter((n) => n.startsWith('file-') && !n.endsWith('.expected')).sort();
  assert.ok(names.length >= 25, `${names.length} files`);
  const line = (d) => `${d.severity}: ${d.location ? `${d.location}: ` : ''}${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;
  for (const name of names) {
    const text = readFileSync(new URL(name, dir), 'utf8');
    let told;
    try {
      told = ['opened', ...rfp.load(text).diagnostics.map(line)];
    } catch (error) {
      assert.equal(error.name, 'RfpError', `${name}: ${error}`);
      told = ['refused', ...error.diagnostics.map(line)];
    }
    const expected = readFileSync(new URL(`${name}.expected`, dir), 'utf8').trimEnd().split('\n');
    assert.deepEqual(told, expected, name);
  }
  assert.equal(rfp.score(rfp.demo()).vendors.length, 4);
});

test('rankOrderCentroid refuses more elements than a ranking holds, naming n, and the module keeps working', () => {
  assert.equal(rfp.rankOrderCentroid(10_000).length, 10_000);
  // 6e7 once aborted the module, 3e7 threw a bare engine error, 2^29 and more gave [].
  for (const n of [10_001, 3e7, 6e7, 2 ** 29, 2 ** 30, 2 ** 32 - 1]) {
    const error = thrown(() => rfp.rankOrderCentroid(n));
    assert.equal(error.name, 'RfpError', String(n));
    assert.equal(error.kind, 'invalid');
    assert.equal(error.diagnostics.length, 1);
    assert.equal(error.diagnostics[0].location, 'n');
    assert.match(error.message, /^n: rank-order centroid ranks at most 10,000 elements .*; there are [\d,]+:/);
  }
  assert.equal(thrown(() => rfp.rankOrderCentroid(2 ** 32)).diagnostics[0].location, 'n');
  assert.deepEqual(rfp.rankOrderCentroid(2), [0.75, 0.25]);
  assert.equal(rfp.score(rfp.demo()).vendors.length, 4);
});

test('a string parameter given anything else throws an RfpError naming it, never traps the module', () => {
  const card = rfp.demo();
  const sheet = rfp.exportScoringSheet(card, 'osei');
  const cell = ['osei', 'merrow', 'fit.clinical.scripted_demo'];
  const session = new rfp.Session(card);
  // Every string parameter of every function and method, by its name.
  const required = {
    text: [
      (v) => rfp.load(v),
      (v) => rfp.importRequirements(v),
      (v) => rfp.importAnswers(v, card.criteria),
      (v) => rfp.importScoringSheet(v, card),
      (v) => rfp.Session.fromFile(v),
      (v) => scorer.load(v),
      (v) => scorer.Session.fromFile(v),
    ],
    id: [(v) => rfp.template(v), (v) => session.setWeight(v, 5)],
    evaluatorId: [(v) => rfp.packet(card, v), (v) => rfp.exportScoringSheet(card, v), (v) => scorer.packet(card, v)],
    evaluator: [
      (v) => session.rate(v, cell[1], cell[2], 3),
      (v) => session.clearRating(v, cell[1], cell[2]),
      (v) => session.ratingsThatCount(v, cell[1]),
    ],
    vendor: [
      (v) => session.rate(cell[0], v, cell[2], 3),
      (v) => session.clearRating(cell[0], v, cell[2]),
      (v) => session.ratingsThatCount(cell[0], v),
    ],
    requirement: [(v) => session.rate(cell[0], cell[1], v, 3), (v) => session.clearRating(cell[0], cell[1], v)],
  };
  const optional = {
    source: [(v) => rfp.importRequirements('category,id,name,kind\r\n', v), (v) => rfp.importScoringSheet(sheet, card, v)],
    note: [(v) => session.rate(...cell, 3, v)],
  };
  const found = [
    [5, 'a number (5)'],
    [NaN, 'a number (NaN)'],
    [true, 'a boolean (true)'],
    [{}, 'an object'],
    [{ toString: () => 'osei' }, 'an object'],
    [['osei'], 'an array'],
    [() => 'osei', 'a function'],
    [10n, 'a bigint'],
    [Symbol('osei'), 'a symbol'],
  ];
  const missing = [
    [undefined, 'undefined (nothing was passed)'],
    [null, 'null'],
  ];
  const check = (name, call, value, what) => {
    const error = thrown(() => call(value));
    const label = `${name} ← ${what}: ${call}`;
    assert.equal(error.name, 'RfpError', label);
    assert.equal(error.kind, 'invalid', label);
    assert.equal(error.message, `${name}: expected text, found ${what} (hint: pass a string)`, label);
    assert.deepEqual(error.diagnostics, [
      { severity: 'error', location: name, message: `expected text, found ${what}`, hint: 'pass a string' },
    ]);
  };
  const text = { text: demoFile, id: 'fit', evaluatorId: 'osei', evaluator: cell[0], vendor: cell[1], requirement: cell[2] };
  for (const [name, calls] of Object.entries(required)) {
    for (const call of calls) {
      for (const [value, what] of [...found, ...missing]) check(name, call, value, what);
      // …and the module still works: the same call with text returns, or refuses as the core
      // does (no template "fit", a weight of 5 on a category).
      try {
        call(text[name]);
      } catch (error) {
        assert.equal(error.name, 'RfpError', `${name}: ${call}: ${error}`);
      }
    }
  }
  for (const [name, calls] of Object.entries(optional)) {
    for (const call of calls) {
      for (const [value, what] of found) check(name, call, value, what);
      // Optional strings stay optional.
      for (const [value] of missing) assert.doesNotThrow(() => call(value), `${name} ← ${value}`);
    }
  }
  // Number parameters take numbers only: text is not read as a number, nor an object as NaN.
  const numbers = { score: (v) => session.rate(...cell, v), weight: (v) => session.setWeight('fit', v) };
  for (const [name, call] of Object.entries(numbers)) {
    for (const [value, what] of [
      ['3', 'text ("3")'],
      [{}, 'an object'],
      [10n, 'a bigint'],
      [Symbol('3'), 'a symbol'],
      [undefined, 'undefined (nothing was passed)'],
      [null, 'null'],
    ]) {
      const error = thrown(() => call(value));
      const label = `${name} ← ${what}`;
      assert.equal(error.name, 'RfpError', label);
      assert.equal(error.message, `${name}: expected a number, found ${what} (hint: pass a number)`, label);
    }
  }
  assert.equal(rfp.importRequirements('category,id,name,kind\r\nA,r1,One,yes_no\r\n', 'list.csv').criteria.length, 1);
  assert.equal(session.rate(...cell, 1, 'too slow').touched, 'ratings');
  assert.equal(session.ratingsThatCount('osei', 'merrow')['fit.clinical.scripted_demo'].note, 'too slow');
  assert.equal(rfp.load(demoFile).scorecard.vendors.length, 4);
  assert.equal(rfp.score(rfp.demo()).vendors.length, 4);
  session.free();
});

test('exportScoringSheet refuses an evaluator not on the committee, as packet and the command line do', () => {
  const card = rfp.demo();
  const error = thrown(() => rfp.exportScoringSheet(card, 'nobody'));
  assert.equal(error.name, 'RfpError');
  assert.equal(error.kind, 'invalid');
  assert.equal(error.message, 'evaluators: no evaluator "nobody" (hint: evaluators: osei, ortega, natarajan)');
  const packet = thrown(() => rfp.packet(card, 'nobody'));
  assert.equal(packet.message, error.message);
  assert.deepEqual(packet.diagnostics, error.diagnostics);
  assert.match(rfp.exportScoringSheet(card, 'osei'), /^\uFEFFevaluator,vendor_id,/);
});

test('every delimiter an export takes imports back; any other is refused naming options.delimiter', () => {
  const card = rfp.demo();
  const list = rfp.exportRequirements(card.criteria);
  for (const delimiter of [',', ';', '\t', '|']) {
    for (const evaluator of card.evaluators.map((e) => e.id)) {
      const sheet = rfp.exportScoringSheet(card, evaluator, { delimiter });
      assert.ok(sheet.startsWith(`\uFEFFevaluator${delimiter}vendor_id${delimiter}`), JSON.stringify(delimiter));
      const back = rfp.importScoringSheet(sheet, card);
      assert.deepEqual(back.diagnostics, [], JSON.stringify(delimiter));
      const comma = rfp.importScoringSheet(rfp.exportScoringSheet(card, evaluator), card);
      assert.ok(back.ratings.length > 0);
      assert.deepEqual(back.ratings.map(({ rated_at, ...r }) => r), comma.ratings.map(({ rated_at, ...r }) => r));
    }
    const requirements = rfp.importRequirements(rfp.exportRequirements(card.criteria, { delimiter }));
    assert.deepEqual(requirements.diagnostics, [], JSON.stringify(delimiter));
    assert.equal(rfp.exportRequirements(requirements.criteria), list, JSON.stringify(delimiter));
    const report = rfp.exportReport(rfp.score(card), { delimiter, bom: false });
    assert.ok(report.startsWith(`rank${delimiter}vendor_id${delimiter}`), JSON.stringify(delimiter));
  }
  for (const delimiter of ['a', '"', '\n', '=', ';;', '', ' ', '\r']) {
    for (const call of [
      () => rfp.exportReport(rfp.score(card), { delimiter }),
      () => rfp.exportRequirements(card.criteria, { delimiter }),
      () => rfp.exportScoringSheet(card, 'osei', { delimiter }),
    ]) {
      const error = thrown(call);
      assert.equal(error.kind, 'invalid');
      assert.equal(error.diagnostics[0].location, 'options.delimiter');
      assert.equal(
        error.diagnostics[0].message,
        `expected one of ",", ";", "\\t" (a tab) or "|", found ${JSON.stringify(delimiter)}`,
      );
    }
  }
  assert.equal(rfp.exportReport(rfp.score(card), { delimiter: ';' }).split('\r\n').length, 2 + card.vendors.length);
});
