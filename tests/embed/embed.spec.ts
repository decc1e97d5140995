// examples/embed/ in Chromium under the page's strict CSP: the API, the widget (ranking, events,
// style isolation) and the iframe protocol (exact origins).
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

test('the iframe answers the allowed origin: loads, reports and resizes', async ({ page }) => {
  const problems = guard(page);
  await page.goto('/examples/embed/index.html');
  const frame = page.frameLocator('#site-frame');
  await expect(frame.locator('rfp-scorecard tbody tr')).toHaveCount(4);
  const winner = await frame.locator('rfp-scorecard tbody tr td').nth(1).textContent();
  await expect(page.locator('#frame-winner')).toHaveText(winner!);
  // Resized to its content (more than the 100px the host's CSS gives it).
  await expect.poll(async () => (await page.locator('#site-frame').boundingBox())!.height).toBeGreaterThan(150);
  expect(problems).toEqual([]);
});

test('the iframe ignores messages from another origin', async ({ page }) => {
  await page.goto('http://127.0.0.1:8713/tests/embed/other-origin.html');
  const frame = page.frameLocator('#frame');
  await expect(frame.locator('rfp-scorecard')).toHaveCount(1);
  await expect(page.locator('body')).toHaveAttribute('data-sent', 'yes');
  await page.waitForTimeout(1000);
  // Nothing answered, nothing planted: the frame shows no report.
  await expect(page.locator('#received')).toHaveText('');
  await expect(frame.locator('rfp-scorecard tbody tr')).toHaveCount(0);
});

test('control: the same page naming its own origin gets answers', async ({ page }) => {
  await page.goto('http://127.0.0.1:8713/tests/embed/other-origin.html?claim=self');
  await expect(page.locator('#received')).toContainText(`${FRAME} rfp:report`);
});
