// Editing in the page: the criteria tree (add, move, remove), gates and the knockout policy,
// choice options and numeric curves, vendors' answers by hand and removing a vendor, and the
// chair's pick for each merge conflict. Each change is checked against the ranking the page shows
// (every number there comes from rfp-core), each new screen with axe and a screenshot.
import { test, expect, axeClean, demoFile, rankingRows, reveal, screenshot, screenshotOf, show } from './fixtures';
import type { Page } from '@playwright/test';

const walk = (list: any[]): any[] => list.flatMap((c) => [c, ...walk(c.children ?? [])]);
const criterion = (id: string) => walk(demoFile().scorecard.criteria).find((c) => c.id === id);
/// The matrix row of a criterion, by its name (the row's own fields, not its children's).
const row = (page: Page, name: string) =>
  page.locator('li.criterion').filter({ has: page.getByLabel(`Name of ${name}`, { exact: true }) }).last();
const topNames = (page: Page) =>
  page.locator('section').first().locator(':scope > ul.criteria > li > .criterion-fields input.name').evaluateAll(
    (inputs) => inputs.map((i) => (i as HTMLInputElement).value),
  );
const firstRanked = async (page: Page) => (await rankingRows(page))[0];

test('matrix: add a category and a requirement, move and remove criteria; the ranking follows', async ({ page }, info) => {
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  const before = await rankingRows(page);
  await show(page, 'Matrix');

  // A top-level category: a name is needed.
  await page.getByRole('button', { name: 'Add category to the top level' }).click();
  await expect(page.locator('#new-name-top-problem')).toHaveText('Name: a new criterion needs a name.');
  await page.getByLabel(/^New category's name/).fill('Accessibility <b>& language</b>');
  await page.getByRole('button', { name: 'Add category to the top level' }).click();
  const added = row(page, 'Accessibility <b>& language</b>');
  await expect(added).toBeVisible();
  const shares = await page.locator('section').first().locator(':scope > ul.criteria > li > .criterion-fields .share-input').evaluateAll(
    (inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)),
  );
  expect(shares.length).toBe(12);

  // A yes/no requirement in it, by keyboard: no vendor has answered it, so every total changes.
  await added.locator('summary', { hasText: 'Add to this category' }).click();
  await page.getByLabel(/^New criterion's name in Accessibility/).fill('WCAG 2.1 AA conformance report');
  await page.getByLabel(/^Kind of the new criterion in Accessibility/).selectOption('yes_no');
  await page.getByLabel(/^New criterion's name in Accessibility/).press('Enter');
  await expect(page.getByLabel('Name of WCAG 2.1 AA conformance report', { exact: true })).toBeVisible();
  const topShares = await page.locator('section').first().locator(':scope > ul.criteria > li > .criterion-fields .share-input').evaluateAll(
    (inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)),
  );
  expect(Math.abs(topShares.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.5);
  await axeClean(page, 'matrix with an added category');
  await screenshotOf(added, info, 'matrix-added-category');

  // Move it up by keyboard; the first category can't move up.
  const names = await topNames(page);
  expect(names.at(-1)).toBe('Accessibility <b>& language</b>');
  await page.getByRole('button', { name: 'Move Accessibility <b>& language</b> up' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => topNames(page)).toEqual([...names.slice(0, -2), names.at(-1), names.at(-2)]);
  await expect(page.getByRole('button', { name: `Move ${names[0]} up` })).toBeDisabled();

  await show(page, 'Results');
  const withAdded = await rankingRows(page);
  expect(withAdded).not.toEqual(before);

  // Remove a whole category: its answers and ratings go with it; undo brings them back.
  await show(page, 'Matrix');
  await page.getByRole('button', { name: 'Remove Specialty fit & usability', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed “Specialty fit & usability”' })).toContainText('rating(s)');
  await expect(page.getByLabel('Name of Specialty fit & usability', { exact: true })).toHaveCount(0);
  await screenshot(page, info, 'matrix-removed');
  await show(page, 'Results');
  expect(await rankingRows(page)).not.toEqual(withAdded);
  // The demo's disagreements are all in that category: they went with its ratings.
  await expect(page.locator('li.disagreement')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await rankingRows(page)).toEqual(withAdded);
  await expect(page.locator('li.disagreement')).not.toHaveCount(0);
});

test('gates: a gate the leader fails knocks it out, a flag keeps its rank, a bad threshold is refused', async ({ page }, info) => {
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  const before = await rankingRows(page);
  expect(before[0]).toContain('CedarChart');
  await show(page, 'Matrix');
  const name = criterion('scale.locations').name; // CedarChart answered 10, Merrow 500.
  await reveal(page, name);
  const locations = row(page, name);
  await locations.locator('summary', { hasText: /^Gate/ }).click();
  await page.getByLabel(`Gate of ${name}`, { exact: true }).selectOption('at_least');
  const threshold = page.getByLabel(new RegExp(`^Threshold .* of the gate of ${name}`));
  await threshold.fill('abc');
  await page.getByRole('button', { name: `Set gate of ${name}` }).click();
  await expect(locations.getByRole('alert')).toHaveText('Threshold: expected a number, found “abc”.');
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  await expect(threshold).toHaveValue('abc');
  await axeClean(page, 'matrix with a refused threshold');
  await screenshotOf(locations, info, 'gate-refused');
  await show(page, 'Results');
  expect(await rankingRows(page)).toEqual(before);

  await show(page, 'Matrix');
  await row(page, name).locator('summary', { hasText: /^Gate/ }).click();
  await page.getByLabel(`Gate of ${name}`, { exact: true }).selectOption('at_least');
  await page.getByLabel(new RegExp(`^Threshold .* of the gate of ${name}`)).fill('20');
  await page.getByRole('button', { name: `Set gate of ${name}` }).click();
  await expect(row(page, name).locator('.gate-text')).toContainText('20');
  await screenshotOf(row(page, name), info, 'gate-set');
  await show(page, 'Results');
  expect(await firstRanked(page)).toContain('Merrow Health Systems');
  const cedar = page.getByRole('table', { name: /Ranking/ }).first().getByRole('row', { name: /CedarChart/ });
  await expect(cedar).toContainText(name);
  await screenshot(page, info, 'gate-knockout-results');

  // Only flagging keeps CedarChart first.
  await show(page, 'Matrix');
  await page.getByLabel('A vendor failing a gate').selectOption('flag');
  await show(page, 'Results');
  expect(await firstRanked(page)).toContain('CedarChart');
  await axeClean(page, 'results with flagged gates');
});

test('choice options and a numeric curve: add, rename, re-point, remove; bad numbers refused', async ({ page }, info) => {
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  const before = await rankingRows(page);
  await show(page, 'Matrix');
  const choice = criterion('interop.lab.interface');
  await reveal(page, choice.name);
  const options = row(page, choice.name);
  await options.locator('summary', { hasText: /^Options/ }).click();
  await page.getByLabel(`New option of ${choice.name}`, { exact: true }).fill('Gold plated');
  await page.getByLabel(`Points of the new option of ${choice.name}`).fill('lots');
  await page.getByRole('button', { name: `Add option to ${choice.name}` }).click();
  await expect(options.getByRole('alert')).toHaveText('Points: expected a number of 0 or more, found “lots”.');
  await expect(page.getByLabel(`New option of ${choice.name}`, { exact: true })).toHaveValue('Gold plated');
  await page.getByLabel(`Points of the new option of ${choice.name}`).fill('1000');
  await page.getByRole('button', { name: `Add option to ${choice.name}` }).click();
  await expect(page.getByLabel('Points of Gold plated')).toHaveValue('1000');
  // Points below 0: the core refuses them, said at the option's field.
  await page.getByLabel('Points of Gold plated').fill('-5');
  await page.getByLabel('Points of Gold plated').blur();
  await expect(options.getByRole('alert')).toHaveText('Points: expected points of 0 or more, found -5.');
  await expect(page.getByLabel('Points of Gold plated')).toHaveValue('-5');
  await page.getByLabel('Points of Gold plated').fill('1000');
  await page.getByLabel('Points of Gold plated').blur();
  await expect(options.getByRole('alert')).toHaveCount(0);
  await page.getByLabel(`Option 1 of ${choice.name}`).fill('Renamed option');
  await page.getByLabel(`Option 1 of ${choice.name}`).blur();
  await expect(page.getByLabel('Points of Renamed option')).toBeVisible();
  await axeClean(page, 'matrix options');
  await screenshotOf(options, info, 'choice-options');
  await show(page, 'Results');
  const withGold = await rankingRows(page);
  expect(withGold).not.toEqual(before);
  await show(page, 'Matrix');
  await row(page, choice.name).locator('summary', { hasText: /^Options/ }).click();
  await page.getByRole('button', { name: 'Remove option Gold plated' }).click();
  await expect(page.getByLabel('Points of Gold plated')).toHaveCount(0);
  // Which options meet the requirement: marked in the file (a gate made for it accepts those).
  const resultsOnly = choice.scoring.choice.options.find((o: any) => o.id === 'results_only').label;
  const meets = page.getByLabel(`Meets the requirement: ${resultsOnly}`);
  await expect(meets).not.toBeChecked();
  await meets.check();
  await expect(page.getByLabel(`Meets the requirement: ${resultsOnly}`)).toBeChecked();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel(`Meets the requirement: ${resultsOnly}`)).not.toBeChecked();

  // Several options may be chosen: the vendors' answers become lists and score against all
  // the options' points together; back to one option restores the ranking.
  const several = page.getByLabel(`Several options may be chosen for ${choice.name}`);
  await several.check();
  await expect(several).toBeChecked();
  await axeClean(page, 'matrix multiple choice');
  await show(page, 'Results');
  const multiple = await rankingRows(page);
  await show(page, 'Matrix');
  await row(page, choice.name).locator('summary', { hasText: /^Options/ }).click();
  await page.getByLabel(`Several options may be chosen for ${choice.name}`).uncheck();
  await expect(page.getByLabel(`Several options may be chosen for ${choice.name}`)).not.toBeChecked();
  await show(page, 'Results');
  expect(await rankingRows(page)).not.toEqual(multiple);
  await show(page, 'Matrix');

  // A straight curve: best below worst is refused; a steeper one changes the scores.
  const uptime = criterion('sla.uptime');
  await reveal(page, uptime.name);
  const curve = row(page, uptime.name);
  await curve.locator('summary', { hasText: /^Scoring curve/ }).click();
  const best = page.getByLabel(`Best (scores 1) of ${uptime.name}`);
  await best.fill('98');
  await best.blur();
  // The core's rule, said at the field; the field keeps what was typed.
  await expect(curve.getByRole('alert')).toHaveText('Best: higher is better, but best (98) is lower than worst (99).');
  await expect(best).toHaveValue('98');
  await best.fill('99.6');
  await best.blur();
  await expect(curve.getByRole('alert')).toHaveCount(0);
  await page.getByLabel(`Curve of ${uptime.name}`).selectOption('steps');
  await expect(page.getByLabel(`Step 1: at least of ${uptime.name}`)).toHaveValue('99.6');
  await page.getByLabel(`New step at of ${uptime.name}`).fill('99.2');
  await page.getByLabel(`score (0–1) of the new step of ${uptime.name}`).fill('0.3');
  await page.getByRole('button', { name: `Add step to ${uptime.name}` }).click();
  await expect(page.getByLabel(`Step 3: at least of ${uptime.name}`)).toHaveValue('99.2');
  await axeClean(page, 'matrix curve');
  await screenshotOf(curve, info, 'numeric-curve');
  await show(page, 'Results');
  expect(await rankingRows(page)).not.toEqual(withGold);
});

test('vendors: answers by hand change the total; a bad one is refused; removing a vendor', async ({ page }, info) => {
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  await show(page, 'Vendors');
  await page.getByLabel("New vendor's name").fill('Newco');
  await page.getByRole('button', { name: 'Add vendor' }).click();
  await page.getByLabel('Vendor answering').selectOption({ label: 'Newco' });
  const total = page.locator('.vendor-total');
  await expect(total).toContainText('Newco: total 0.0');
  const gaps = criterion('fit.clinical.care_gaps');
  await page.getByLabel(gaps.name, { exact: true }).selectOption('yes');
  await expect(total).not.toContainText('total 0.0');
  const afterYes = await total.innerText();
  const uptime = criterion('sla.uptime');
  const field = page.getByLabel(uptime.name, { exact: true });
  await field.fill('abc');
  await field.blur();
  await expect(page.locator(`[id="answer-newco-sla.uptime-problem"]`)).toContainText('Answer: ');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(total).toHaveText(afterYes);
  await axeClean(page, 'vendors with a refused answer');
  await field.fill('99.9%');
  await field.blur();
  await expect(total).not.toHaveText(afterYes);
  const price = criterion('cost.tco');
  await page.getByLabel(price.name, { exact: true }).fill('$300,000');
  await page.getByLabel(price.name, { exact: true }).blur();
  await expect(page.getByRole('row', { name: /Newco/ }).locator('td.number')).toHaveText('3');
  await screenshot(page, info, 'vendors-answers');
  await screenshotOf(page.locator('.answer-form fieldset').first(), info, 'vendors-answer-fieldset');

  await page.getByRole('button', { name: 'Remove vendor Quayline EHR' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed the vendor “Quayline EHR”' })).toBeVisible();
  await show(page, 'Results');
  const rows = await rankingRows(page);
  expect(rows.join('\n')).not.toContain('Quayline EHR');
  expect(rows.join('\n')).toContain('Newco');
  expect(rows.length).toBe(4);
});

test('share: the chair picks a value for each merge conflict, and it leaves the list', async ({ page }, info) => {
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  const file = demoFile();
  const returned = (score: number) => {
    const card = structuredClone(file);
    card.scorecard.ratings = card.scorecard.ratings.filter((r: any) => r.evaluator === 'osei');
    card.scorecard.ratings[0].score = score;
    card.scorecard.ratings[0].revision = (card.scorecard.ratings[0].revision ?? 0) + 1;
    return Buffer.from(JSON.stringify(card));
  };
  await show(page, 'Share');
  await page.getByLabel(/Choose the evaluators' returned files/).setInputFiles([
    { name: 'osei-a.json', mimeType: 'application/json', buffer: returned(0) },
    { name: 'osei-b.json', mimeType: 'application/json', buffer: returned(5) },
  ]);
  // Written by hand (no checksum, as RFP Scorecard always writes one): held until the chair
  // merges each anyway.
  const held = page.locator('.merge-summary .held');
  await expect(held).toContainText('“osei-a.json” was not merged.');
  await expect(held).toContainText('carries no checksum');
  await held.getByRole('button', { name: 'Merge “osei-a.json” anyway' }).click();
  await page.locator('.merge-summary .held').getByRole('button', { name: 'Merge “osei-b.json” anyway' }).click();
  const conflicts = page.locator('ul.conflicts > li');
  await expect(conflicts).toHaveCount(1);
  await expect(conflicts).toContainText('differently at revision 2: 0 and 5');
  await axeClean(page, 'share with conflicts');
  await screenshotOf(page.locator('.merge-summary'), info, 'share-conflicts');
  await show(page, 'Results');
  const mean = await rankingRows(page);
  await show(page, 'Share');
  await conflicts.getByRole('button', { name: /^Use 5 for/ }).click();
  await expect(conflicts).toHaveCount(0);
  await expect(page.getByText('Every conflict of this merge is settled.')).toBeVisible();
  await screenshotOf(page.locator('.merge-summary'), info, 'share-settled');
  await show(page, 'Results');
  expect(await rankingRows(page)).not.toEqual(mean);
  // Undo opens the conflict again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await show(page, 'Share');
  await expect(conflicts).toHaveCount(1);
});

test('a rating scale widens, and a narrower one that would leave out ratings is refused', async ({ page }, info) => {
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  await show(page, 'Matrix');
  const rated = criterion(demoFile().scorecard.ratings[0].requirement);
  await reveal(page, rated.name);
  const { min, max } = rated.scoring.rating;
  const scale = row(page, rated.name);
  await scale.locator('summary', { hasText: /^Rubric anchors/ }).click();
  const highest = page.getByLabel(`Highest level of ${rated.name}`);
  await expect(highest).toHaveValue(String(max));
  await highest.fill(String(min + 1));
  await page.getByRole('button', { name: `Set scale of ${rated.name}` }).click();
  await expect(scale.getByRole('alert')).toContainText(`The scale ${min}–${min + 1} would leave out`);
  await expect(scale.getByRole('alert')).toContainText('rating(s)');
  await highest.fill(String(max + 2));
  await page.getByRole('button', { name: `Set scale of ${rated.name}` }).click();
  await expect(scale.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel(`Level ${max + 2} of ${rated.name}`)).toBeVisible();
  await axeClean(page, 'matrix rating scale');
  await screenshotOf(scale, info, 'rating-scale');
});

test('a price rule: another formula re-scores the bids; impossible years are refused', async ({ page }, info) => {
  await page.goto('./');
  await expect(page.getByRole('table', { name: /Ranking/ }).first()).toBeVisible();
  const before = await rankingRows(page);
  await show(page, 'Matrix');
  const price = criterion('cost.tco');
  await reveal(page, price.name);
  const rule = row(page, price.name);
  await rule.locator('summary', { hasText: /^Price rule/ }).click();
  const years = page.getByLabel(`Years of total cost of ${price.name}`);
  await expect(years).toHaveValue('5');
  await years.fill('0');
  await years.blur();
  // The core's limit, in the words a file and a CSV sheet get.
  await expect(rule.getByRole('alert')).toHaveText('Years: expected 1 to 100 years of total cost of ownership, found 0.');
  await years.fill('7');
  await years.blur();
  await expect(rule.getByRole('alert')).toHaveCount(0);
  await page.getByLabel(`Formula of ${price.name}`).selectOption('linear');
  await expect(page.getByLabel(`Formula of ${price.name}`)).toHaveValue('linear');
  await axeClean(page, 'matrix price rule');
  await screenshotOf(rule, info, 'price-rule');
  await show(page, 'Results');
  expect(await rankingRows(page)).not.toEqual(before);
});
