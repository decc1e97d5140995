// examples/embed/ in Chromium under the page's strict CSP: the API, the widget (ranking, events,
// style isolation) and the site in an iframe with its postMessage protocol (exact origins).
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';

const HOST = 'http://127.0.0.1:8711';
const FRAME = 'http://127.0.0.1:8712';

/** Fails the test on a console error (CSP violations land there), a page error, or a request
 * to an origin other than the page's and the frame's. */
function guard(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('request', (r) => {
    const origin = new URL(r.url()).origin;
    if (!r.url().startsWith('data:') && origin !== HOST && origin !== FRAME) problems.push(`request: ${r.url()}`);
  });
  return problems;
}

// `CPU_THROTTLE=4` slows Chromium's CPU down 4× (as in tests/e2e/fixtures.ts).
test.beforeEach(async ({ page }) => {
  const rate = Number(process.env.CPU_THROTTLE ?? 1);
  if (rate > 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  }
});

test('the API and the widget show the ranking; the host page\'s CSS does not reach it', async ({ page }) => {
  const problems = guard(page);
  await page.goto('/examples/embed/index.html');
  await expect(page.locator('#api-result li')).toHaveCount(4);

  const widget = page.locator('#results-widget');
  const rows = widget.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first().locator('td').first()).toHaveText('1');
  const apiFirst = await page.locator('#api-result li').first().textContent();
  expect(apiFirst).toContain(await rows.first().locator('td').nth(1).textContent());
  await expect(rows.last()).toHaveClass('knocked_out');

  // Host styles do not leak in…
  const cell = rows.first().locator('td').nth(1);
  await expect(cell).not.toHaveCSS('color', 'rgb(255, 0, 0)');
  await expect(cell).not.toHaveCSS('font-size', '30px');
  await expect(cell).not.toHaveCSS('border-bottom-style', 'dashed');
  await expect(widget).not.toHaveCSS('font-family', 'Georgia, serif');
  // …and the widget's do not leak out.
  await expect(page.locator('p.rank')).toHaveCSS('color', 'rgb(0, 128, 0)');
  // The table lives in shadow roots, out of reach of the page's selectors.
  expect(await page.evaluate(() => document.querySelectorAll('td').length)).toBe(0);
  expect(problems).toEqual([]);
});

test('the widget fires rfp-scores-change when a weight changes, with the new report', async ({ page }) => {
  const problems = guard(page);
  await page.goto('/examples/embed/index.html');
  const widget = page.locator('#workflow-widget');
  await expect(widget.locator('tbody tr')).toHaveCount(4);
  // The host page listens once its own module has started the API (it lists the API's result
  // in the same step): the widget can be ready before, on a busy machine.
  await expect(page.locator('#api-result li')).toHaveCount(4);
  const before = await widget.locator('td.total').allTextContents();

  const events = page.evaluate(
    () =>
      new Promise<{ first: string; totals: number[] }>((resolve) => {
        document.querySelector('#workflow-widget')!.addEventListener(
          'rfp-scores-change',
          (e) => {
            const report = (e as CustomEvent).detail.report;
            resolve({ first: report.vendors[0].name, totals: report.vendors.map((v: { total: number }) => v.total) });
          },
          { once: true },
        );
      }),
  );
  const input = widget.locator('input').first();
  await input.fill('40');
  await input.dispatchEvent('change');
  const detail = await events;
  expect(detail.totals).toHaveLength(4);
  await expect(page.locator('#last-change')).toContainText('workflow-widget');
  await expect(widget.locator('td.total')).not.toHaveText(before);
  expect(problems).toEqual([]);
});

test('the widget takes a scorecard as a property and reports a malformed one', async ({ page }) => {
  await page.goto('/examples/embed/index.html');
  const result = await page.evaluate(async () => {
    const el = document.createElement('rfp-scorecard') as HTMLElement & { scorecard: unknown };
    document.body.append(el);
    const error = new Promise<{ diagnostics: { location: string }[] }>((resolve) =>
      el.addEventListener('rfp-error', (e) => resolve((e as CustomEvent).detail), { once: true }),
    );
    el.scorecard = { criteria: [{ id: 'a', name: 'A', weight: 'ten' }] };
    return (await error).diagnostics.map((d) => d.location);
  });
  expect(result).toEqual(['criteria[0].weight']);
});

/** The npm API's report for a scorecard object, computed in the host page. */
async function apiScore(page: Page, scorecard: unknown): Promise<Report> {
  return page.evaluate(`(async () => {
    const api = await import('/target/npm/rfp-scorecard/rfp_scorecard.js');
    await api.default();
    return api.score(${JSON.stringify(scorecard)});
  })()`);
}

type Rating = { evaluator: string; vendor: string; requirement: string; score: number; note?: string; revision?: number };

test('workflow mode: an evaluator\'s rating re-ranks through the API, and the scorecard comes back', async ({ page }) => {
  const problems = guard(page);
  await page.goto('/examples/embed/index.html');
  const widget = page.locator('#workflow-widget');
  await expect(widget.locator('tbody tr')).toHaveCount(4);

  // The committee has not yet rated Cedarchart (the leader) on clinical fit and the billing
  // workflow: Merrow leads.
  const unrated = ['fit.clinical.scripted_demo', 'fit.clinical.primary_care_content', 'fit.usability.clinician_usability', 'rcm.billing_workflow'];
  await page.evaluate((unrated) => {
    const w = document.querySelector('#workflow-widget') as HTMLElement & { scorecard: any };
    const scorecard = w.scorecard;
    const pending = (x: { vendor: string; requirement: string }) => x.vendor === 'cedarchart' && unrated.includes(x.requirement);
    scorecard.ratings = scorecard.ratings.filter((r: Rating) => !pending(r));
    scorecard.consensus = scorecard.consensus.filter((c: Rating) => !pending(c));
    w.scorecard = scorecard;
  }, unrated);
  const first = widget.locator('tbody tr').first();
  await expect(first.locator('td').nth(1)).toHaveText('Merrow Health Systems');

  // Choose an evaluator: progress from the report, a select per vendor and rating requirement.
  await widget.getByLabel('Evaluator').selectOption('osei');
  await expect(widget.locator('.progress')).toHaveText('Dr. Amara Osei: 48 of 52 rated');
  const level = widget.locator('select[data-vendor="cedarchart"][data-requirement="fit.clinical.scripted_demo"]');
  await expect(level).toHaveValue('');
  await expect(level.locator('option[value="5"]')).toHaveText(/^5 — \S/);
  await expect(widget.getByRole('group', { name: 'CedarChart' }).getByLabel('Scripted demo of Riverside')).toHaveCount(1);

  const changed = () =>
    page.evaluate(
      () =>
        new Promise<{ report: Report; ratings: Rating[] }>((resolve) => {
          document.querySelector('#workflow-widget')!.addEventListener(
            'rfp-scores-change',
            (e) => resolve({ report: (e as CustomEvent).detail.report, ratings: (e as CustomEvent).detail.scorecard.ratings }),
            { once: true },
          );
        }),
    );
  // With the keyboard: focus the control, pick the top of the scale.
  let event = changed();
  await level.focus();
  await level.selectOption('5');
  let detail = await event;

  // The ranking shown is the API's for the edited scorecard, and so is the event's report.
  const scorecard = await page.evaluate(() => (document.querySelector('#workflow-widget') as any).scorecard);
  const api = await apiScore(page, scorecard);
  expect(api.vendors[0].name).toBe('CedarChart');
  expect(detail.report).toEqual(api);
  await expect(widget.locator('tbody tr td:nth-child(2)')).toHaveText(api.vendors.map((v) => v.name));
  await expect(widget.locator('td.total')).toHaveText(api.vendors.map((v) => v.total.toFixed(1)));
  await expect(widget.locator('.progress')).toHaveText('Dr. Amara Osei: 49 of 52 rated');
  const mine = (ratings: Rating[]) =>
    ratings.filter((r) => r.evaluator === 'osei' && r.vendor === 'cedarchart' && r.requirement === 'fit.clinical.scripted_demo');
  // The rating given last counts: the widget stamps when it was given.
  const stamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  expect(mine(scorecard.ratings)).toEqual([
    { evaluator: 'osei', vendor: 'cedarchart', requirement: 'fit.clinical.scripted_demo', score: 5, revision: 1, rated_at: stamp },
  ]);
  const firstStamp = mine(scorecard.ratings)[0].rated_at as string;
  // The view is rebuilt from the new report; the control keeps the focus.
  await expect(level).toBeFocused();

  // Changing it (a note, then the level) is a new revision each time; progress stays.
  event = changed();
  const note = widget.locator('input[data-vendor="cedarchart"][data-requirement="fit.clinical.scripted_demo"]');
  await note.fill('Ran all five scripts <b>unaided</b>');
  await note.press('Tab');
  detail = await event;
  expect(mine(detail.ratings)[0]).toMatchObject({ score: 5, revision: 2, note: 'Ran all five scripts <b>unaided</b>' });
  event = changed();
  await level.focus();
  await level.selectOption('4');
  detail = await event;
  const edited = await page.evaluate(() => (document.querySelector('#workflow-widget') as any).scorecard);
  expect(mine(edited.ratings)).toEqual([
    {
      evaluator: 'osei',
      vendor: 'cedarchart',
      requirement: 'fit.clinical.scripted_demo',
      score: 4,
      note: 'Ran all five scripts <b>unaided</b>',
      revision: 3,
      rated_at: stamp,
    },
  ]);
  expect((mine(edited.ratings)[0].rated_at ?? "") >= firstStamp).toBe(true);
  expect(detail.report).toEqual(await apiScore(page, edited));
  await expect(widget.locator('.progress')).toHaveText('Dr. Amara Osei: 49 of 52 rated');
  await expect(note).toHaveValue('Ran all five scripts <b>unaided</b>');
  await expect(page.locator('#last-change')).toContainText('workflow-widget: CedarChart leads');

  // "Not rated" takes the rating back: gone from the scorecard, one fewer in the progress.
  event = changed();
  await level.focus();
  await level.selectOption('');
  detail = await event;
  expect(mine(detail.ratings)).toEqual([]);
  const cleared = await page.evaluate(() => (document.querySelector('#workflow-widget') as any).scorecard);
  expect(detail.report).toEqual(await apiScore(page, cleared));
  await expect(widget.locator('.progress')).toHaveText('Dr. Amara Osei: 48 of 52 rated');
  await expect(level).toHaveValue('');

  // The host page's CSS does not reach the workflow's controls.
  await expect(level).not.toHaveCSS('font-family', 'Georgia, serif');
  await expect(widget.locator('td').first()).not.toHaveCSS('color', 'rgb(255, 0, 0)');
  await expect(page.locator('p.rank')).toHaveCSS('color', 'rgb(0, 128, 0)');
  expect(problems).toEqual([]);
});

test('workflow mode: the widget shows and changes the rating that counts, as the core decides', async ({ page }) => {
  const problems = guard(page);
  await page.goto('/examples/embed/index.html');
  const widget = page.locator('#workflow-widget');
  await expect(widget.locator('tbody tr')).toHaveCount(4);
  // A merge left two revisions of one rating: revision 1 first in the file, revision 3 later.
  await page.evaluate(() => {
    const w = document.querySelector('#workflow-widget') as HTMLElement & { scorecard: any };
    const scorecard = w.scorecard;
    const at = scorecard.ratings.findIndex((r: Rating) => r.evaluator === 'osei' && r.vendor === 'merrow' && r.requirement === 'fit.clinical.scripted_demo');
    const latest = { ...scorecard.ratings[at], score: 1, note: 'after the second demo', revision: 3 };
    scorecard.ratings[at] = { ...scorecard.ratings[at], score: 5, note: 'first look', revision: 1 };
    scorecard.ratings.push(latest);
    w.scorecard = scorecard;
  });
  await widget.getByLabel('Evaluator').selectOption('osei');
  const level = widget.locator('select[data-vendor="merrow"][data-requirement="fit.clinical.scripted_demo"]');
  const note = widget.locator('input[data-vendor="merrow"][data-requirement="fit.clinical.scripted_demo"]');
  // The latest counts (here the highest revision, not the first in the file), and a new rating changes it.
  await expect(level).toHaveValue('1');
  await expect(note).toHaveValue('after the second demo');
  await level.selectOption('2');
  await expect(level).toHaveValue('2');
  const ratings = await page.evaluate(() =>
    (document.querySelector('#workflow-widget') as any).scorecard.ratings.filter(
      (r: Rating) => r.evaluator === 'osei' && r.vendor === 'merrow' && r.requirement === 'fit.clinical.scripted_demo',
    ),
  );
  expect(ratings.map((r: Rating) => [r.score, r.revision])).toEqual([
    [5, 1],
    [2, 4],
  ]);
  expect(problems).toEqual([]);
});

test('workflow mode: "Download scorecard" saves the edited file through the API\'s save', async ({ page }) => {
  const problems = guard(page);
  await page.goto('/examples/embed/index.html');
  const widget = page.locator('#workflow-widget');
  await expect(widget.locator('tbody tr')).toHaveCount(4);
  await widget.getByLabel('Evaluator').selectOption('ortega');
  await widget.locator('select[data-vendor="merrow"][data-requirement="fit.usability.nursing"]').selectOption('0');

  const download = page.waitForEvent('download');
  await widget.getByRole('button', { name: 'Download scorecard' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('small-primary-care.json');
  const text = readFileSync(await file.path(), 'utf8');
  const scorecard = await page.evaluate(() => (document.querySelector('#workflow-widget') as any).scorecard);
  const loaded: any = await page.evaluate(`(async () => {
    const api = await import('/target/npm/rfp-scorecard/rfp_scorecard.js');
    await api.default();
    return api.load(${JSON.stringify(text)});
  })()`);
  expect(loaded.integrity).toBe('verified');
  expect(loaded.scorecard).toEqual(scorecard);
  const nursing = loaded.scorecard.ratings.find(
    (r: Rating) => r.evaluator === 'ortega' && r.vendor === 'merrow' && r.requirement === 'fit.usability.nursing',
  );
  expect(nursing.score).toBe(0);
  expect(nursing.revision).toBe(2);
  expect(problems).toEqual([]);
});

test('workflow mode: a weight the API refuses is shown in the widget, which keeps its work', async ({ page }) => {
  const problems = guard(page);
  await page.goto('/examples/embed/index.html');
  const widget = page.locator('#workflow-widget');
  await expect(widget.locator('tbody tr')).toHaveCount(4);
  const before = await widget.locator('td.total').allTextContents();
  const error = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.querySelector('#workflow-widget')!.addEventListener('rfp-error', (e) => resolve((e as CustomEvent).detail.message), { once: true }),
      ),
  );
  const input = widget.locator('input[type="number"]').first();
  await input.fill('-3');
  await input.dispatchEvent('change');
  // The API's diagnostic, word for word.
  const message = await error;
  expect(message).toBe('criteria[0].weight: expected a weight of 0 or more, found -3');
  await expect(widget.getByRole('alert')).toHaveText(message);
  await expect(input).toHaveValue('21');
  await expect(widget.locator('td.total')).toHaveText(before);
  await expect(widget.getByLabel('Evaluator')).toBeVisible();
  expect(problems).toEqual([]);
});

// The iframe: the real site (dist/, `cargo xtask build`) opened with `?embed=<host origin>`.

const PEDIATRICS = '/rfp-templates/pediatrics.json';

type Report = { vendors: { name: string; total: number }[] };

/** The npm API's report for a template file, computed in the host page (same origin, CSP allows). */
async function apiReport(page: Page, file: string): Promise<Report> {
  // A string, so that the test runner's transpiler leaves the dynamic import alone.
  return page.evaluate(`(async () => {
    const api = await import('/target/npm/rfp-scorecard/rfp_scorecard.js');
    await api.default();
    const text = await (await fetch(${JSON.stringify(file)})).text();
    return api.score(api.load(text).scorecard);
  })()`);
}

/** Post `message` from the host page to the frame (its exact origin) and wait for the answer
 * carrying the same id. */
async function ask(page: Page, message: Record<string, unknown>): Promise<any> {
  return page.evaluate(
    (message) =>
      new Promise((resolve) => {
        const frame = document.querySelector<HTMLIFrameElement>('#site-frame')!;
        const origin = frame.dataset.origin!;
        window.addEventListener('message', function answer(event) {
          if (event.origin !== origin || event.source !== frame.contentWindow) return;
          if (event.data?.id !== message.id || event.data?.type === 'rfp:resize') return;
          window.removeEventListener('message', answer);
          resolve(event.data);
        });
        frame.contentWindow!.postMessage(message, origin);
      }),
    message,
  );
}

/** The host page with the site in its frame, showing the file the host loaded. */
async function openHost(page: Page) {
  await page.goto('/examples/embed/index.html');
  const frame = page.frameLocator('#site-frame');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/Pediatrics/);
  await expect(page.locator('#frame-winner')).not.toHaveText('—');
  return frame;
}

test('the iframe shows the real site with the scorecard the host loads, and is resized to it', async ({ page }) => {
  const problems = guard(page);
  const frame = await openHost(page);
  const api = await apiReport(page, PEDIATRICS);
  const ranking = frame.getByRole('table', { name: /Ranking/ }).first();
  await expect(ranking.getByRole('rowheader')).toHaveText(api.vendors.map((v) => v.name));
  await expect(ranking.locator('tbody tr').first().locator('td.number').nth(1)).toHaveText(api.vendors[0].total.toFixed(1));
  await expect(page.locator('#frame-winner')).toHaveText(api.vendors[0].name);
  await expect(frame.getByText(`Embedded in ${HOST}.`)).toBeVisible();
  await expect(frame.getByText(/Opened “pediatrics.json”/)).toBeVisible();

  // rfp:resize: the host sets the frame's height to the site's (within its 50–4000px bounds).
  // (In view: Chromium does not lay out a cross-origin frame that is off screen.)
  await page.locator('#site-frame').scrollIntoViewIfNeeded();
  const site = page.frames().find((f) => f.url().startsWith(`${FRAME}/dist/`))!;
  await expect
    .poll(async () => {
      const content = await site.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      const box = (await page.locator('#site-frame').boundingBox())!.height;
      return Math.abs(box - Math.min(Math.max(content, 50), 4000) - 2 /* the 1px border */) < 1;
    })
    .toBe(true);
  expect((await page.locator('#site-frame').boundingBox())!.height).toBeGreaterThan(150);

  // Embedded, the site keeps nothing in the browser: it says its autosave is off.
  await expect.poll(() => site.evaluate(() => document.documentElement.dataset.autosave)).toBe('off');
  expect(await site.evaluate(() => Object.keys(localStorage))).toEqual([]);
  expect(problems).toEqual([]);
});

test('rfp:get-report answers with the same report as the npm API\'s score()', async ({ page }) => {
  const problems = guard(page);
  await openHost(page);
  const answer = await ask(page, { type: 'rfp:get-report', id: 'r1' });
  expect(answer.type).toBe('rfp:report');
  expect(answer.report).toEqual(await apiReport(page, PEDIATRICS));
  expect(answer.report.vendors[0].total).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

test('a damaged file gets rfp:error with rfp-core\'s diagnostics; the frame keeps its work', async ({ page }) => {
  const problems = guard(page);
  const frame = await openHost(page);
  const ranking = frame.getByRole('table', { name: /Ranking/ }).first();
  const before = await ranking.locator('tbody tr').allInnerTexts();

  const damaged = JSON.stringify({
    format: 'rfp-scorecard',
    schema_version: 1,
    scorecard: { criteria: [{ id: 'a', name: 'A', weight: 'ten' }] },
  });
  const refused = await ask(page, { type: 'rfp:load', id: 'bad', file: damaged });
  expect(refused.type).toBe('rfp:error');
  expect(refused.message).toContain('was not opened');
  expect(refused.diagnostics.map((d: { location: string }) => d.location)).toContain('criteria[0].weight');
  await expect(frame.getByRole('alert').filter({ hasText: 'was not opened' })).toBeVisible();

  // A malformed message: answered with the field named, nothing else happens.
  const malformed = await ask(page, { type: 'rfp:load', id: 'm', file: 42 });
  expect(malformed).toMatchObject({ type: 'rfp:error', diagnostics: [{ location: 'file' }] });

  // The work is as it was: same ranking, same report.
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/Pediatrics/);
  expect(await ranking.locator('tbody tr').allInnerTexts()).toEqual(before);
  const answer = await ask(page, { type: 'rfp:get-report', id: 'after' });
  expect(answer.report).toEqual(await apiReport(page, PEDIATRICS));

  // A scorecard given as an object is opened like a file.
  const demo = await (await page.request.get('/rfp-templates/small-primary-care.json')).json();
  const loaded = await ask(page, { type: 'rfp:load', id: 2, scorecard: demo.scorecard });
  expect(loaded.type).toBe('rfp:report');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/Small primary care/);
  expect(problems).toEqual([]);
});

test('the iframe ignores messages from another origin', async ({ page }) => {
  await page.goto('http://127.0.0.1:8713/tests/embed/other-origin.html');
  const frame = page.frameLocator('#frame');
  // The site is up (and listening, if it listens at all) before anything is sent.
  await expect(frame.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  const title = await frame.getByRole('heading', { level: 1 }).textContent();
  await page.locator('#send').click();
  await expect(page.locator('body')).toHaveAttribute('data-sent', 'yes');
  // The frame counts both messages as ignored (had it answered one, it would not count it).
  await expect(frame.locator('html')).toHaveAttribute('data-ignored-messages', '2');
  // Nothing answered, nothing planted: the frame shows what it showed.
  await expect(page.locator('#received')).toHaveText('');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title!);
  await expect(frame.getByRole('alert')).toHaveCount(0);
});

test('control: the same page naming its own origin gets answers', async ({ page }) => {
  await page.goto('http://127.0.0.1:8713/tests/embed/other-origin.html?claim=self');
  await expect(page.locator('#received')).toContainText(`${FRAME} rfp:ready`);
  await page.locator('#send').click();
  await expect(page.locator('#received')).toContainText(`${FRAME} rfp:report`);
});

test('embed mode with no exact origin is refused visibly and answers nothing', async ({ page }) => {
  await page.goto('http://127.0.0.1:8713/tests/embed/other-origin.html?claim=*');
  const frame = page.frameLocator('#frame');
  await expect(frame.getByRole('alert')).toContainText('Not embedded: “*” is not an exact origin');
  // The demo opens as it arrives: on a busy machine after the refusal is shown.
  const heading = frame.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/Small primary care/);
  const title = await heading.textContent();
  await page.locator('#send').click();
  await expect(frame.locator('html')).toHaveAttribute('data-ignored-messages', '2');
  await expect(page.locator('#received')).toHaveText('');
  await expect(heading).toHaveText(title!);
});
