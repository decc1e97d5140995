// Shared setup of the end-to-end tests: every test fails if the page asks for anything outside
// its own origin, logs a console error (a CSP violation shows up as one), throws, or opens a
// dialog. Helpers build scorecard files from the shipped demo template.
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Guard = { foreign: string[]; consoleErrors: string[]; pageErrors: string[]; dialogs: string[] };

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const guard: Guard = { foreign: [], consoleErrors: [], pageErrors: [], dialogs: [] };
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
        guard.dialogs.push(dialog.message());
        void dialog.dismiss();
      });
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
