// The site end to end, in Chromium, against the built dist/.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, demoFile, openDemo, openFile, rankingRows, screenshot, screenshotOf } from './fixtures';

test('the demo opens with a ranking and the knocked-out vendor with its gate', async ({ page }, info) => {
  await openDemo(page);
  const ranking = page.getByRole('table', { name: /Ranking/ });
  const first = ranking.locator('tbody tr').first();
  await expect(first.locator('td').first()).toHaveText('1');
  await expect(first).toContainText('qualified');
  const knockedOut = ranking.locator('tbody tr', { hasText: 'knocked out' });
  await expect(knockedOut).toHaveCount(1);
  await expect(knockedOut).toContainText('Quayline EHR');
  await expect(knockedOut.locator('.reason')).toContainText(/gate “.+”: .+/);
  // The breakdown: an SVG chart drawn by the page, and the same numbers as a table.
  await expect(page.locator('figure.breakdown-chart svg rect').first()).toBeVisible();
  await expect(page.getByRole('table', { name: /Points per category/ })).toBeVisible();
  await screenshot(page, info, 'results');
});

test('changing a category weight scores again and changes the ranking', async ({ page }, info) => {
  await openDemo(page);
  await page.getByRole('button', { name: 'Weights' }).click();
  await expect(page.getByRole('heading', { name: 'Category weights' })).toBeVisible();
  const before = await rankingRows(page);
  const order = () => page.getByRole('table', { name: /Ranking/ }).getByRole('rowheader').allInnerTexts();
  expect(await order()).toEqual(['CedarChart', 'Merrow Health Systems', 'Driftmere Clinical', 'Quayline EHR']);
  const fit = page.getByLabel('Weight of Specialty fit & usability');
  await expect(fit).toHaveValue('21');
  await fit.fill('0');
  const cost = page.getByLabel('Weight of Cost & contract');
  await cost.fill('200');
  await expect.poll(() => rankingRows(page)).not.toEqual(before);
  // Cost now outweighs fit: Driftmere's low bid lifts it past Merrow.
  expect(await order()).toEqual(['CedarChart', 'Driftmere Clinical', 'Merrow Health Systems', 'Quayline EHR']);
  await expect(page.getByLabel('Weight of Cost & contract').locator('xpath=..').locator('.share')).not.toHaveText('10% of the total');
  // Not a number: the field says so and the ranking keeps the last valid weights.
  const scored = await rankingRows(page);
  await cost.fill('-5');
  await expect(page.getByRole('alert')).toContainText('Weight of “Cost & contract”: expected a number of 0 or more');
  await expect(cost).toHaveValue('-5');
  expect(await rankingRows(page)).toEqual(scored);
  await screenshot(page, info, 'weights');
  await page.getByRole('button', { name: 'Results' }).click();
  expect(await rankingRows(page)).toEqual(scored);
});

test('a damaged file shows where it is damaged and the work stays', async ({ page }, info) => {
  await openDemo(page);
  const before = await rankingRows(page);
  const text = JSON.stringify(demoFile(), null, 2);
  await openFile(page, 'damaged.json', text.slice(0, Math.floor(text.length / 2)));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“damaged.json” was not opened; your work is unchanged.');
  await expect(alert).toContainText('not valid JSON');
  await expect(alert.locator('.place')).toContainText(/line \d+, column \d+/);
  expect(await rankingRows(page)).toEqual(before);
  await screenshot(page, info, 'damaged');

  // A value of the wrong type is named by its place.
  const wrongType = demoFile();
  wrongType.scorecard.criteria[0].weight = 'ten';
  await openFile(page, 'wrong-type.json', JSON.stringify(wrongType));
  await expect(alert).toContainText('“wrong-type.json” was not opened');
  await expect(alert.locator('.place')).toContainText('criteria[0].weight');
  expect(await rankingRows(page)).toEqual(before);
});

test('a file from a newer version is refused and the work stays', async ({ page }, info) => {
  await openDemo(page);
  const before = await rankingRows(page);
  const newer = demoFile();
  newer.schema_version = 99;
  await openFile(page, 'newer.json', JSON.stringify(newer));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“newer.json” was not opened; your work is unchanged.');
  await expect(alert).toContainText('schema version 99');
  expect(await rankingRows(page)).toEqual(before);
  await screenshot(page, info, 'newer');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a vendor name with markup shows as text and runs nothing', async ({ page, guard }, info) => {
  await openDemo(page);
  const payload = '<img src=x onerror=alert(1)>';
  const crafted = demoFile();
  crafted.scorecard.vendors[0].name = payload;
  crafted.scorecard.meta.title = '<script>alert(2)</script> Crafted';
  await openFile(page, 'crafted.json', JSON.stringify(crafted));
  await expect(page.getByRole('table', { name: /Ranking/ }).getByRole('rowheader', { name: payload })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<script>alert(2)</script> Crafted');
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('main script')).toHaveCount(0);
  // The page has rendered the names (above); a script they held would have run by then.
  expect(guard.dialogs).toEqual([]);
  await screenshot(page, info, 'crafted');
});

test('save downloads a scorecard file that opens again', async ({ page }, info) => {
  await openDemo(page);
  await page.getByRole('button', { name: 'Weights' }).click();
  await page.getByLabel('Weight of Cost & contract').fill('30');
  const rows = await rankingRows(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Save/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('demo-scorecard.json');
  const path = await download.path();
  const text = require('node:fs').readFileSync(path, 'utf8');
  const saved = JSON.parse(text);
  expect(saved.format).toBe('rfp-scorecard');
  expect(saved.checksum).toMatch(/^sha256:/);
  expect(saved.scorecard.criteria.find((c: any) => c.id === 'cost').weight).toBe(30);

  await page.reload();
  await openFile(page, 'saved.json', text);
  await page.getByRole('button', { name: 'Weights' }).click();
  await expect(page.getByLabel('Weight of Cost & contract')).toHaveValue('30');
  expect(await rankingRows(page)).toEqual(rows);
  await screenshot(page, info, 'saved-and-opened');
});

test('a file changed outside RFP Scorecard is opened only when the chair says so; undo brings the work back', async ({ page }, info) => {
  await openDemo(page);
  const before = await rankingRows(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Save/ }).click(),
  ]);
  const saved = JSON.parse(require('node:fs').readFileSync(await download.path(), 'utf8'));
  // Changed by hand after saving: the checksum no longer matches.
  saved.scorecard.meta.title = 'Changed by hand';
  saved.scorecard.criteria.find((c: any) => c.id === 'cost').weight = 60;
  await openFile(page, 'changed.json', JSON.stringify(saved));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“changed.json” was changed outside RFP Scorecard, or damaged');
  await expect(alert).toContainText('checksum');
  expect(await rankingRows(page)).toEqual(before);
  await screenshot(page, info, 'altered-asks');
  await alert.getByRole('button', { name: 'Keep my work' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await rankingRows(page)).toEqual(before);

  await openFile(page, 'changed.json', JSON.stringify(saved));
  await page.getByRole('button', { name: 'Open it anyway' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Changed by hand');
  await expect(page.getByText('Notes on the opened file')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Changed by hand');
  await expect(page.getByText('Notes on the opened file')).toHaveCount(0);
  expect(await rankingRows(page)).toEqual(before);
});

test('the site works under a sub-path', async ({ page, baseURL }, info) => {
  // Serve dist/ at /some/sub/path/ by rewriting to the server's root: every URL in it is relative.
  await page.route('**/some/sub/path/**', async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: baseURL + url.pathname.replace('/some/sub/path/', '') });
    await route.fulfill({ response });
  });
  await page.goto('./some/sub/path/');
  await expect(page.getByRole('table', { name: /Ranking/ }).locator('tbody tr')).toHaveCount(4);
  await screenshot(page, info, 'sub-path');
});

test('axe finds no serious or critical accessibility problems', async ({ page }, info) => {
  const check = async (screen: string) => {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${screen}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  };
  await openDemo(page);
  await check('results');
  await page.getByRole('button', { name: 'Weights' }).click();
  await page.getByLabel('Weight of Cost & contract').fill('-1');
  await check('weights with a problem');
  const newer = demoFile();
  newer.schema_version = 99;
  await openFile(page, 'newer.json', JSON.stringify(newer));
  await expect(page.getByRole('alert').first()).toBeVisible();
  await check('refused file');
  await screenshot(page, info, 'axe-last-screen');
});

test('the keyboard reaches every control', async ({ page }, info) => {
  await openDemo(page);
  await page.getByRole('button', { name: 'Weights' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Category weights' })).toBeVisible();
  // Past the remaining view buttons to the first field.
  const field = page.getByLabel('Weight of Specialty fit & usability');
  for (let i = 0; i < 8 && !(await field.evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(field).toBeFocused();
  await page.keyboard.type('0');
  await expect(page.getByRole('table', { name: /Ranking/ }).getByRole('rowheader').first()).toBeVisible();
  await screenshot(page, info, 'keyboard');
});

test('a note on the scoring says its place in names, the written place in its tooltip', async ({ page }, info) => {
  await openDemo(page);
  // Two different values of one rating at the same revision: a conflict for the chair.
  const crafted = demoFile();
  const card = crafted.scorecard;
  const rating = card.ratings[0];
  card.ratings.push({ ...rating, score: rating.score === 0 ? 1 : 0, note: 'second opinion' });
  await openFile(page, 'conflict.json', JSON.stringify(crafted));
  const notes = page.getByRole('region', { name: 'Notes on the scoring' });
  const evaluator = card.evaluators.find((e: any) => e.id === rating.evaluator).name;
  const vendor = card.vendors.find((v: any) => v.id === rating.vendor).name;
  const find = (nodes: any[]): any => nodes.map((n) => (n.id === rating.requirement ? n : find(n.children ?? []))).find(Boolean);
  const requirement = find(card.criteria).name;
  const place = notes.locator('.place', { hasText: `${evaluator}'s rating of ${vendor} on ${requirement}` }).first();
  await expect(place).toBeVisible();
  await expect(place).toHaveAttribute('title', /^ratings\[\d+\]/);
  await screenshotOf(notes, info, 'notes-in-names');
});
