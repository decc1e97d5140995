// The browser benchmark: a committee-scale scorecard (20 vendors × 500 requirements × 15
// evaluators, `rfp_core::synthetic::committee_scale`) opened with `?bench`; one rating is
// changed (the page's "Benchmark: change one rating" button dispatches the same action as the
// Evaluate view) and two times are printed: until the page has re-scored and rewritten the
// ranking in the DOM, and until the next animation frame after that (when it is on screen).
// Figures only: nothing is asserted about time. `BENCH_VIEW=Start` (or another view's name)
// measures with that view shown instead of Results, to tell scoring from rendering.
import { test, expect } from './fixtures';

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
