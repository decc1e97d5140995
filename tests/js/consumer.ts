// An example consumer of the npm package, type-checked by `tsc -p tests/js/tsconfig.json`: what a
// consultant's TypeScript code looks like, and (`@ts-expect-error`) what the types refuse.
import init, {
  type Diagnostic,
  type EditOutcome,
  Session,
  type Report,
  type RfpError,
  type Scorecard,
  ahp,
  demo,
  exportReport,
  importRequirements,
  load,
  merge,
  packet,
  save,
  score,
  tailor,
  templates,
  validate,
} from 'rfp-scorecard';
import * as scorer from 'rfp-scorecard/scorer';

export async function show(url: string): Promise<string[]> {
  await init();
  const { scorecard, diagnostics, integrity } = load(await (await fetch(url)).text());
  const problems: Diagnostic[] = [...diagnostics, ...validate(scorecard)];
  const report: Report = score(scorecard);
  const lines = report.vendors.map((v) => `${v.rank}. ${v.name}: ${v.total.toFixed(1)} (${v.status})`);
  if (integrity === 'mismatch') lines.push('changed outside RFP Scorecard');
  for (const p of problems) lines.push(`${p.severity} ${p.location}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  const source = report.vendors[0]?.scores[0]?.source;
  if (source !== undefined && typeof source === 'object') lines.push(`${source.evaluators} evaluators`);
  return lines;
}

export function workflow(): string {
  const base: Scorecard = demo();
  const evaluator = base.evaluators?.[0]?.id ?? 'chair';
  const returned = packet(base, evaluator);
  const { scorecard, conflicts, updated } = merge(base, [{ name: 'returned.json', scorecard: returned }]);
  const firstConflict: [number, string] | undefined = conflicts[0]?.values[0];
  const { scorecard: tailored, template_id } = tailor({ specialties: ['pediatrics'], providers: 4 });
  const ids: string[] = templates().map((t) => t.id);
  const weights: number[] = ahp([[1, 3], [1 / 3, 1]], 'saaty_1980').weights;
  const imported = importRequirements('category,id,name,kind\r\n', 'list.csv');
  const csv: string = exportReport(score(scorecard), { delimiter: ';', bom: false });
  try {
    score({ criteria: [] });
  } catch (e) {
    const error = e as RfpError;
    if (error.kind === 'invalid') return error.diagnostics.map((d) => d.location).join(', ');
  }
  return [save(tailored), template_id, ids, weights, imported.criteria.length, csv, updated, firstConflict].join();
}

export function scorerOnly(file: string): number | undefined {
  return scorer.score(scorer.load(file).scorecard).vendors[0]?.total;
}

// What the types refuse:
// @ts-expect-error: a scorecard is an object, not a number
score(42);
// @ts-expect-error: the report's fields are snake_case and spelled right
score(demo()).missingAnswers;
// @ts-expect-error: a vendor's status is one of three words
const status: 'qualified' | 'knocked_out' = score(demo()).vendors[0]!.status;
// @ts-expect-error: the delimiter is a string
exportReport(score(demo()), { delimiter: 59 });
// @ts-expect-error: …and one of the four that import back
exportReport(score(demo()), { delimiter: ':' });
// @ts-expect-error: a file's text is a string (the API throws an RfpError naming `text`)
load(5);
// @ts-expect-error: an evaluator is named by id
packet(demo(), { id: 'osei' });
// @ts-expect-error: unknown random-index table
ahp([[1]], 'saaty_1999');
// @ts-expect-error: the scorer-only entry has no templates
scorer.demo();
// @ts-expect-error: a rating's score is a number
const rating: NonNullable<Scorecard['ratings']>[number] = { evaluator: 'a', vendor: 'b', requirement: 'c', score: '3' };
export { status, rating };

/** A committee's changes through the core's session: edits in, reports out. */
export function committee(): number {
  const session = new Session(demo());
  const outcome: EditOutcome = session.apply({ op: 'add_evaluator', name: 'Noor Haddad', role: 'it' });
  session.rate('noor_haddad', 'merrow', 'fit.usability.nursing', 4, 'fine');
  session.apply({ op: 'batch', edits: [{ op: 'set_share', id: 'cost', percent: 20 }, { op: 'set_knockout', policy: 'flag' }] });
  // @ts-expect-error an edit names its op
  session.apply({ name: 'x' });
  // @ts-expect-error a share is a number
  session.apply({ op: 'set_share', id: 'cost', percent: '20' });
  const total = session.report().vendors[0]?.total ?? 0;
  if (session.canUndo) session.undo();
  session.free();
  return outcome.touched === 'nothing' ? 0 : total;
}
