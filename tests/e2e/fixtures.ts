// Shared setup of the end-to-end tests: every test fails if the page asks for anything outside
// its own origin, logs a console error (a CSP violation shows up as one), throws, or opens a
// dialog (the `beforeunload` prompt is accepted and counted instead, for the tests of leaving
// with unsaved changes). Helpers build scorecard files from the shipped demo template.
//
// `CPU_THROTTLE=4` runs every test with Chromium's CPU slowed down 4× (DevTools' throttling), to
// show that the suite waits for what a person waits for and passes on a slow machine.
import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Guard = {
  foreign: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  /// `beforeunload` prompts, accepted (the page asks before leaving with unsaved changes).
  beforeUnload: number;
};

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const guard: Guard = { foreign: [], consoleErrors: [], pageErrors: [], dialogs: [], beforeUnload: 0 };
      await page.route('**/*', (route) => {
        const url = route.request().url();
        // `data:` and `blob:` URLs never reach the network; everything else must be same-origin.
        if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) {
          return route.continue();
        }
        guard.foreign.push(url);
        return route.abort('blockedbyclient');
      });
      page.on('console', (message) => {
        if (message.type() === 'error') guard.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => guard.pageErrors.push(String(error)));
      page.on('dialog', (dialog) => {
        if (dialog.type() === 'beforeunload') {
          guard.beforeUnload += 1;
          void dialog.accept();
          return;
        }
        guard.dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const throttle = Number(process.env.CPU_THROTTLE ?? 1);
      if (throttle > 1) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      }
      await use(guard);
      expect(guard.foreign, 'requests outside the page origin').toEqual([]);
      expect(guard.pageErrors, 'uncaught errors').toEqual([]);
      expect(guard.consoleErrors, 'console errors (CSP violations show here)').toEqual([]);
      expect(guard.dialogs, 'dialogs').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/// The demo template file, parsed: `{ format, schema_version, generator, scorecard }`.
export function demoFile(): any {
  const path = join(__dirname, '..', '..', 'rfp-templates', 'small-primary-care.json');
  return JSON.parse(readFileSync(path, 'utf8'));
}

/// Open the page and wait for the ranking.
export async function openDemo(page: Page) {
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
}

/// Choose a file in the "Open a scorecard file" input.
export async function openFile(page: Page, name: string, text: string) {
  await page.getByLabel('Open a scorecard file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

/// The ranking table's rows as text, one string per row.
export async function rankingRows(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: /Ranking/ }).first().locator('tbody tr').allInnerTexts();
}

/// A full-page screenshot in this test's folder under test-results/.
export async function screenshot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/// Run axe on the page as it is: no serious or critical violations (WCAG 2.2 AA tags).
export async function axeClean(page: Page, screen: string) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/// Go to a view by its button in the view switcher.
export async function show(page: Page, view: 'Start' | 'Results' | 'Robustness' | 'Weights' | 'Matrix' | 'Vendors' | 'Evaluate' | 'Share') {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true }).click();
}

/// The text of a download started by `click`, with its suggested name.
export async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path!, 'utf8') };
}

/// A screenshot of one part of the page (full-page shots of long views are too tall to read).
export async function screenshotOf(locator: Locator, info: TestInfo, name: string) {
  await locator.screenshot({ path: info.outputPath(`${name}.png`) });
}

/// The names of the categories that hold the demo's criterion named `name`, outermost first.
function ancestorsOf(name: string): string[] {
  const find = (list: any[], path: string[]): string[] | null => {
    for (const c of list) {
      if (c.name === name) return path;
      const found = find(c.children ?? [], [...path, c.name]);
      if (found) return found;
    }
    return null;
  };
  const path = find(demoFile().scorecard.criteria, []);
  if (!path) throw new Error(`no criterion named ${name} in the demo`);
  return path;
}

/// In the Matrix, open the categories that hold the demo's criterion named `name` (categories
/// show a summary row until opened), as a person would: one click each, waiting for it to open.
export async function reveal(page: Page, name: string) {
  for (const category of ancestorsOf(name)) {
    const close = page.getByRole('button', { name: `Close ${category}`, exact: true });
    if (await close.count()) continue;
    await page.getByRole('button', { name: `Open ${category}`, exact: true }).click();
    await expect(close).toBeVisible();
  }
}
