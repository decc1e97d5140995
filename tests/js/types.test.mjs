// Keeps the TypeScript declarations honest:
// - types/model.d.ts is what gen-model.mjs makes of schema/scorecard.schema.json (generated from
//   the Rust types; `UPDATE_EXPECT=1` rewrites it);
// - every result of the API, on every template and on inputs built to reach the rarer parts of a
//   report, matches its declared type field by field (read with the TypeScript compiler API from
//   the package's .d.ts): no field missing, none undeclared, every value of its declared type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { generate, modelUrl } from '../../crates/rfp-wasm/types/gen-model.mjs';
import { packageDir, rfp, scorer } from './package.mjs';

test('model.d.ts is generated from the JSON Schema of the file format', () => {
  const expected = generate();
  if (process.env.UPDATE_EXPECT === '1') writeFileSync(modelUrl, expected);
  assert.equal(
    readFileSync(modelUrl, 'utf8'),
    expected,
    'model.d.ts is out of date: run `node crates/rfp-wasm/types/gen-model.mjs` (or UPDATE_EXPECT=1)',
  );
});

/** The exported types of a .d.ts, and a checker of values against them. */
function declarations(file) {
  // The classes wasm-bindgen writes (`Session`) declare `[Symbol.dispose]`: ESNext.Disposable.
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts'],
  });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(errors, [], `${file} does not type-check`);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
  const typeNamed = (name) => {
    const symbol = exports.find((s) => s.name === name);
    assert.ok(symbol, `${name} is not declared in ${file}`);
    return checker.getDeclaredTypeOfSymbol(symbol);
  };
  // Functions and classes (a class is a function at run time).
  const functions = exports
    .filter((s) => s.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class) && s.name !== 'default')
    .map((s) => s.name);

  function problems(value, type, path) {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return [];
    if (type.isUnion()) {
      const each = type.types.map((member) => problems(value, member, path));
      if (each.some((p) => p.length === 0)) return [];
      return [`${path}: ${JSON.stringify(value)?.slice(0, 80)} matches no member of ${checker.typeToString(type)}`];
    }
    const wrong = (what) => [`${path}: expected ${what}, found ${JSON.stringify(value)?.slice(0, 80)}`];
    if (f & ts.TypeFlags.StringLiteral) return value === type.value ? [] : wrong(JSON.stringify(type.value));
    if (f & ts.TypeFlags.NumberLiteral) return value === type.value ? [] : wrong(String(type.value));
    if (f & ts.TypeFlags.BooleanLiteral) return value === (type.intrinsicName === 'true') ? [] : wrong(type.intrinsicName);
    if (f & ts.TypeFlags.String) return typeof value === 'string' ? [] : wrong('a string');
    if (f & ts.TypeFlags.Number) return typeof value === 'number' ? [] : wrong('a number');
    if (f & ts.TypeFlags.Boolean) return typeof value === 'boolean' ? [] : wrong('a boolean');
    if (f & ts.TypeFlags.Null) return value === null ? [] : wrong('null');
    if (f & ts.TypeFlags.Undefined) return value === undefined ? [] : wrong('undefined');
    if (f & ts.TypeFlags.Never) return wrong('nothing');
    if (checker.isTupleType(type)) {
      const items = checker.getTypeArguments(type);
      if (!Array.isArray(value) || value.length !== items.length) return wrong(`a tuple of ${items.length}`);
      return value.flatMap((item, i) => problems(item, items[i], `${path}[${i}]`));
    }
    if (checker.isArrayType(type)) {
      if (!Array.isArray(value)) return wrong('a list');
      const [item] = checker.getTypeArguments(type);
      return value.flatMap((v, i) => problems(v, item, `${path}[${i}]`));
    }
    if (f & ts.TypeFlags.Object) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrong('an object');
      const out = [];
      const declared = new Set();
      for (const property of checker.getPropertiesOfType(type)) {
        declared.add(property.name);
        const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
        if (!(property.name in value)) {
          if (!optional) out.push(`${path}.${property.name}: missing`);
          continue;
        }
        const propertyType = checker.getNonNullableType(checker.getTypeOfSymbol(property));
        const nullable = checker.getTypeOfSymbol(property);
        out.push(...problems(value[property.name], optional ? propertyType : nullable, `${path}.${property.name}`));
      }
      const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
      for (const key of Object.keys(value)) {
        if (declared.has(key)) continue;
        if (index) out.push(...problems(value[key], index.type, `${path}.${key}`));
        else out.push(`${path}.${key}: not declared in ${checker.typeToString(type)}`);
      }
      return out;
    }
    return [`${path}: cannot check type ${checker.typeToString(type)}`];
  }

  return {
    functions,
    /** Assert that `value` is a `name` (an exported type, or `T[]` of one). */
    check(value, name) {
      const list = name.endsWith('[]');
      const type = typeNamed(list ? name.slice(0, -2) : name);
      const found = list ? value.flatMap((v, i) => problems(v, type, `${name}[${i}]`)) : problems(value, type, name);
      assert.deepEqual(found.slice(0, 20), [], `${name}: the value does not match its declaration`);
    },
  };
}

const full = declarations(`${packageDir}/rfp_scorecard.d.ts`);
const scorerOnly = declarations(`${packageDir}/scorer/rfp_scorecard.d.ts`);

test('every exported function is declared, in each entry', () => {
  const runtime = (api) => Object.keys(api).filter((k) => typeof api[k] === 'function' && k !== 'default').sort();
  assert.deepEqual(runtime(rfp), [...full.functions].sort());
  assert.deepEqual(runtime(scorer), [...scorerOnly.functions].sort());
});

test('results match their declared types: files, reports, diagnostics', () => {
  for (const { id } of rfp.templates()) {
    const text = readFileSync(new URL(`../../rfp-templates/${id}.json`, import.meta.url), 'utf8');
    const loaded = rfp.load(text);
    full.check(loaded, 'Loaded');
    full.check(rfp.score(loaded.scorecard), 'Report');
    scorerOnly.check(scorer.score(loaded.scorecard), 'Report');
  }
  full.check(rfp.templates(), 'TemplateInfo[]');
  for (const id of ['small-primary-care', 'multi-clinic-network']) {
    const { scorecard } = rfp.load(readFileSync(new URL(`../../rfp-templates/${id}.json`, import.meta.url), 'utf8'));
    full.check(rfp.analyse(scorecard), 'Analysis');
    scorerOnly.check(scorer.analyse(scorecard), 'Analysis');
    full.check(rfp.smaa(scorecard, { draws: 500, spread: null }), 'Smaa');
    scorerOnly.check(scorer.smaa(scorecard), 'Smaa');
  }

  // A scorecard that reaches the rarer parts of a report: AHP and SWING weighting, a consensus
  // value, disagreement, a pending gate, missing answers, validation problems.
  const scorecard = rfp.demo();
  const [first, second] = scorecard.criteria;
  scorecard.settings = { ...scorecard.settings, disagreement_threshold: 0, top_weighting: undefined };
  first.weighting = {
    method: 'ahp',
    pairwise: first.children.slice(1).map((c) => ({ a: first.children[0].id, b: c.id, value: 3 })),
  };
  if (first.children.length > 2) first.weighting.pairwise.push({ a: first.children[1].id, b: first.children[2].id, value: 1 / 5 });
  second.weighting = { method: 'swing', swing: Object.fromEntries(second.children.map((c, i) => [c.id, 100 - i])) };
  scorecard.vendors[0].answers = {};
  scorecard.criteria[0].weight = -1;
  const report = rfp.score(scorecard);
  assert.ok(report.weightings.some((w) => w.ahp !== null), 'the report has an AHP summary');
  assert.ok(report.disagreements.length > 0 && report.missing_answers.length > 0);
  full.check(report, 'Report');
  full.check(rfp.validate(scorecard), 'Diagnostic[]');
  full.check(rfp.packet(rfp.demo(), rfp.demo().evaluators[0].id), 'Scorecard');
});

test('results match their declared types: the Session', () => {
  for (const [api, types] of [[rfp, full], [scorer, scorerOnly]]) {
    const session = new api.Session(rfp.demo());
    const [evaluator, vendor] = ['osei', 'merrow'];
    types.check(session.rate(evaluator, vendor, 'fit.clinical.scripted_demo', 1, 'slow'), 'EditOutcome');
    types.check(session.apply({ op: 'set_share', id: 'cost', percent: 0 }), 'EditOutcome');
    const returned = rfp.save(rfp.packet(rfp.demo(), evaluator));
    const merged = session.apply({ op: 'merge_files', files: [{ name: 'back.json', text: returned }, { name: 'x', text: '{' }] });
    assert.deepEqual(merged.merges[0].files.map((f) => f.verdict), ['merged', 'refused']);
    types.check(merged, 'EditOutcome');
    const counting = Object.values(session.ratingsThatCount(evaluator, vendor));
    assert.ok(counting.length > 0);
    types.check(counting, 'CountingRating[]');
    types.check(session.report(), 'Report');
    types.check(session.scorecard(), 'Scorecard');
    let refused;
    try {
      session.apply({ op: 'add_vendor', name: ' ' });
    } catch (error) {
      refused = { name: error.name, message: error.message, kind: error.kind, diagnostics: error.diagnostics, field: error.field };
    }
    types.check(refused, 'RfpError');
    session.free();
  }
});

test('results match their declared types: merge, tailor, CSV, weighting, errors', () => {
  const base = rfp.demo();
  const a = rfp.packet(base, base.evaluators[0].id);
  const b = structuredClone(a);
  a.ratings[0].revision += 1;
  b.ratings[0].revision += 1;
  b.ratings[0].score = a.ratings[0].score === 0 ? 1 : 0;
  const outcome = rfp.merge(base, [{ name: 'a', scorecard: a }, { name: 'b', scorecard: b }]);
  assert.equal(outcome.conflicts.length, 1);
  full.check(outcome, 'MergeOutcome');

  full.check(rfp.tailor({ specialties: ['family medicine', 'behavioral health'], billing_models: ['value_based'], providers: 30, locations: 6 }), 'Tailored');

  const requirements = rfp.importRequirements(rfp.exportRequirements(base.criteria) + 'x,y\r\n');
  assert.ok(requirements.diagnostics.length > 0);
  full.check(requirements, 'RequirementImport');
  full.check(rfp.importAnswers('requirement,Vendor X\r\nnope,yes\r\n', base.criteria), 'AnswerImport');
  full.check(rfp.importScoringSheet(rfp.exportScoringSheet(base, base.evaluators[0].id), base), 'RatingImport');

  full.check(rfp.ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]), 'AhpResult');
  full.check(rfp.ahp([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]], 'alonso_lamata_2006'), 'AhpResult');

  for (const f of [() => rfp.score({ criteria: 3 }), () => rfp.load('{'), () => rfp.load('{"format":"x"}')]) {
    try {
      f();
      assert.fail('expected an error');
    } catch (error) {
      full.check({ name: error.name, kind: error.kind, diagnostics: error.diagnostics, message: error.message }, 'RfpError');
    }
  }
});
