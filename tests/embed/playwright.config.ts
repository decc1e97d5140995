// Browser tests of examples/embed/ (the widget, the iframe protocol, the API) under a strict CSP,
// in Debian's Chromium. Needs the npm package and the site: `cargo xtask npm`, `cargo xtask build`
// (or `cargo xtask embed`, which does both), then
//   npx playwright test -c tests/embed/playwright.config.ts
// Three static servers on the repository root give three origins: the consultant's page
// (127.0.0.1:8711), the embedded site, `dist/` (127.0.0.1:8712), and another site (127.0.0.1:8713).
// The ports are fixed: the example page's Content-Security-Policy names the frame's origin.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromium } from '../chromium';

const root = path.resolve(__dirname, '../..');
const server = (port: number) => ({
  command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ${root}`,
  url: `http://127.0.0.1:${port}/examples/embed/index.html`,
  reuseExistingServer: false,
  timeout: 30_000,
  stdout: 'ignore' as const,
  stderr: 'ignore' as const,
});

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/embed',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:8711/',
    ...chromium,
    viewport: { width: 1100, height: 900 },
  },
  webServer: [server(8711), server(8712), server(8713)],
});
