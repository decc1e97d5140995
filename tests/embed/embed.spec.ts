// examples/embed/ in Chromium under the page's strict CSP: the API, the widget (ranking, events,
// style isolation) and the site in an iframe with its postMessage protocol (exact origins).
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
  const site = page.frames().find((f) => f.url().startsWith(`${FRAME}/dist/`))!;
  await expect
    .poll(async () => {
      const content = await site.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      const box = (await page.locator('#site-frame').boundingBox())!.height;
      return Math.abs(box - Math.min(Math.max(content, 50), 4000) - 2 /* the 1px border */) < 1;
    })
    .toBe(true);
  expect((await page.locator('#site-frame').boundingBox())!.height).toBeGreaterThan(150);

  // Embedded, the site keeps nothing in the browser (autosave waits 400 ms).
  await page.waitForTimeout(800);
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
  await page.waitForTimeout(1000);
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
  const title = await frame.getByRole('heading', { level: 1 }).textContent();
  await page.locator('#send').click();
  await page.waitForTimeout(1000);
  await expect(page.locator('#received')).toHaveText('');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title!);
});
