// Browser end-to-end tests of the site: Playwright against the built dist/ (`cargo xtask build`),
// in Debian's Chromium (no browser download), served by the xtask's static server.
import { defineConfig } from '@playwright/test';
import { chromium } from './tests/chromium';

// `E2E_PORT` runs the suite on another port (two checkouts testing at once); 4173 by default.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    ...chromium,
    viewport: { width: 1100, height: 800 },
    acceptDownloads: true,
  },
  webServer: {
    command: `cargo xtask serve --no-build --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
