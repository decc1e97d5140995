// The browser benchmark: a committee-scale scorecard (20 vendors × 500 requirements × 15
// evaluators, `rfp_core::synthetic::committee_scale`) opened with `?bench`; one rating is
// changed (the page's "Benchmark: change one rating" button dispatches the same action as the
// Evaluate view) and two times are printed: until the page has re-scored and rewritten the
// ranking in the DOM, and until the next animation frame after that (when it is on screen).
// Figures only: nothing is asserted about time. `BENCH_VIEW=Start` (or another view's name)
// measures with that view shown instead of Results, to tell scoring from rendering.
import type { Page } from '@playwright/test';
import { test, expect, screenshotOf } from './fixtures';

test('benchmark: change one rating at committee scale, time until the ranking is updated', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?bench');
  const ranking = page.getByRole('table', { name: /Ranking/ });
  await expect(ranking.locator('tbody tr')).toHaveCount(20, { timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: process.env.BENCH_VIEW ?? 'Results', exact: true }).click();
  const runs: { dom: number; frame: number }[] = await page.evaluate(async () => {
    const main = document.querySelector('main')!;
    const button = document.getElementById('bench-change') as HTMLButtonElement;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    const times: { dom: number; frame: number }[] = [];
    for (let i = 0; i < 21; i++) {
      await frame();
      const generation = main.dataset.generation;
      let dom = 0;
      const updated = new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (main.dataset.generation !== generation) {
            dom = performance.now();
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(main, { attributes: true, attributeFilter: ['data-generation'] });
      });
      const start = performance.now();
      button.click();
      await updated;
      await frame();
      times.push({ dom: dom - start, frame: performance.now() - start });
    }
    return times.slice(1);
  });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const dom = runs.map((r) => r.dom);
  const frame = runs.map((r) => r.frame);
  console.log(
    `bench: change one rating → ranking updated (20 vendors × 500 requirements × 15 evaluators, ${runs.length} runs): ` +
      `DOM updated median ${median(dom).toFixed(1)} ms (min ${Math.min(...dom).toFixed(1)}, max ${Math.max(...dom).toFixed(1)}); ` +
      `next frame median ${median(frame).toFixed(1)} ms`,
  );
  expect(runs.length).toBe(20);
});

/// Milliseconds from the click on the `view` button (after showing Results) until the next
/// animation frame after `shown` is in the DOM — what a person waits for — for `runs` runs
/// after a first one not counted.
async function timeView(page: Page, view: string, shown: string, runs: number): Promise<number[]> {
  return (await timeViewBusy(page, view, shown, runs)).map((r) => r.ms).sort((a, b) => a - b);
}

// Each run of `timeView`, with the longest time the page did not answer on the way (the largest
// gap between two turns of a zero-delay timer: what a click or a key would have waited).
async function timeViewBusy(page: Page, view: string, shown: string, runs: number): Promise<{ ms: number; busy: number }[]> {
  const views = page.getByRole('navigation', { name: 'Views' });
  const times: { ms: number; busy: number }[] = [];
  for (let i = 0; i <= runs; i++) {
    await views.getByRole('button', { name: 'Results', exact: true }).click();
    await expect(page.locator(shown)).toHaveCount(0);
    const run = await clickBusy(page, { view }, shown);
    if (i > 0) times.push(run);
  }
  return times;
}

// In the page: click a view's button (or the element `selector` finds), then wait until an
// element `shown` finds is there (holding `text`, when given), then for the next animation frame.
// The time from the click, and the longest the page went without answering on the way.
async function clickBusy(
  page: Page,
  target: { view: string } | { selector: string },
  shown: string,
  text = '',
): Promise<{ ms: number; busy: number }> {
  return page.evaluate(async ([target, shown, text]) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    const there = () => document.querySelector(shown)?.textContent?.includes(text) ?? false;
    await frame();
    const element = 'view' in target
      ? [...document.querySelectorAll('nav button')].find((b) => b.textContent === target.view)
      : document.querySelector(target.selector);
    const start = performance.now();
    (element as HTMLElement).click();
    let last = performance.now();
    let busy = last - start;
    while (!there()) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const now = performance.now();
      busy = Math.max(busy, now - last);
      last = now;
    }
    await frame();
    return { ms: performance.now() - start, busy };
  }, [target, shown, text] as const);
}

// How long the Matrix view takes to show: from the click on its button until the next animation
// frame after it is in the DOM (what a person waits for), median of 5, for the demo (86
// requirements), the largest template and the committee-scale scorecard (500 requirements).
// Figures only.
test('benchmark: the Matrix view shows, for the demo, the largest template and committee scale', async ({ page }) => {
  test.setTimeout(180_000);
  const views = page.getByRole('navigation', { name: 'Views' });
  const timeMatrix = async (label: string) => {
    const sorted = await timeView(page, 'Matrix', '#matrix-heading', 5);
    const elements = await page.locator('main *').count();
    const controls = await page.locator('main input, main select, main textarea, main button').count();
    console.log(
      `bench: Matrix view shown (${label}): median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms ` +
        `(min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)}); ${elements} elements, ${controls} controls`,
    );
    expect(sorted.length).toBe(5);
  };
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  await timeMatrix('demo, 86 requirements');
  await views.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: 'Pediatrics', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/pediatric/i);
  await timeMatrix('pediatrics template, the largest');
  await page.goto('./?bench');
  await expect(page.getByRole('table', { name: /Ranking/ }).locator('tbody tr')).toHaveCount(20, { timeout: 60_000 });
  await timeMatrix('committee scale, 500 requirements');
});

// How long the Robustness view takes at committee scale, every vendor competing: from the click
// on its button until the next animation frame after its sentences are in the DOM — the
// analysis (margins, exact break-even shares, evaluators left out, single ratings) and 10,000
// SMAA weight draws, in WebAssembly — and the longest the page went without answering on the
// way (the analysis runs in slices, the browser given back between them). Figures only.
test('benchmark: the Robustness view at committee scale', async ({ page }, info) => {
  test.setTimeout(180_000);
  await page.goto('./?bench');
  await expect(page.getByRole('table', { name: /Ranking/ }).locator('tbody tr')).toHaveCount(20, { timeout: 60_000 });
  const views = page.getByRole('navigation', { name: 'Views' });
  // The synthetic vendors each fail a gate: flagged rather than knocked out, every vendor
  // competes and the analysis has a winner to examine (as in `cargo xtask bench`).
  await views.getByRole('button', { name: 'Matrix', exact: true }).click();
  await page.getByLabel('A vendor failing a gate').selectOption('flag');
  const runs = await timeViewBusy(page, 'Robustness', 'ul.sentences li', 3);
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  const busy = runs.map((r) => r.busy).sort((a, b) => a - b);
  console.log(
    `bench: Robustness view shown (committee scale): median ${sorted[1].toFixed(0)} ms ` +
      `(min ${sorted[0].toFixed(0)}, max ${sorted[2].toFixed(0)}); the page longest without answering: ` +
      `median ${busy[1].toFixed(0)} ms (max ${busy[2].toFixed(0)})`,
  );
  expect(sorted.length).toBe(3);
  // While the analysis runs, the page says how far it has come and answers: another view
  // opens, and the analysis stops.
  await views.getByRole('button', { name: 'Results', exact: true }).click();
  await views.getByRole('button', { name: 'Robustness', exact: true }).click();
  const status = page.getByRole('status').filter({ has: page.getByRole('progressbar') });
  await expect(status).toBeVisible();
  await screenshotOf(page.locator('section[aria-labelledby="robustness-heading"]'), info, 'robustness-in-progress');
  await views.getByRole('button', { name: 'Results', exact: true }).click();
  await expect(page.getByRole('table', { name: /Ranking/ }).locator('tbody tr')).toHaveCount(20);
  await expect(status).toHaveCount(0);
  // The committee drawn too: 100 random halves of the evaluators, each a report of its own, a
  // half at a time; from the tick until the sentence says so, and the longest the page went
  // without answering on the way.
  await views.getByRole('button', { name: 'Robustness', exact: true }).click();
  await expect(page.locator('ul.sentences li').first()).toBeVisible({ timeout: 60_000 });
  await expect(status).toHaveCount(0, { timeout: 60_000 });
  const halves = await clickBusy(page, { selector: '#smaa-committee' }, 'p.smaa-sentence', 'random halves');
  console.log(
    `bench: win probability over 100 halves of the committee (committee scale): ${halves.ms.toFixed(0)} ms; ` +
      `the page longest without answering: ${halves.busy.toFixed(0)} ms`,
  );
  await expect(page.locator('p.smaa-sentence')).toContainText('each scored by one of 100 random halves of the committee');
});
