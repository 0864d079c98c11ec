// Dashboard charts (issue 19, line 6): the campaign dashboard draws its indicator roll-ups and their trend across the
// milestones with Apache ECharts (canvas), writes every figure as text too, and saves a chart as a PNG image. Done
// with the keyboard only: Tab to the campaign link and Enter, Tab to a chart's "download" button and Enter.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { signIn } from './unit-plan-round-trip.mjs';

export const name = 'dashboard: charts (ECharts), trend across milestones, chart saved as an image, keyboard only';

/** Press Tab until `locator` has the focus (at most `limit` presses); fails when it never does. */
async function tabTo(page, locator, limit = 200) {
  for (let n = 0; n < limit; n += 1) {
    await page.keyboard.press('Tab');
    if (await locator.evaluate((el) => el === document.activeElement)) return n + 1;
  }
  throw new Error(`the keyboard never reached ${locator}`);
}

export async function run({ page, baseUrl, password, screenshot, log }) {
  await signIn(page, baseUrl, 'giamsat.yt', password);
  await page.getByRole('link', { name: 'Phong trào thi đua', exact: true }).first().focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Phong trào thi đua' }).waitFor();
  const campaign = page.getByRole('link', { name: /văn hóa công sở/ }).first();
  await tabTo(page, campaign);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Chỉ tiêu (tổng hợp toàn nhánh)' }).waitFor();

  // The roll-up charts and the trend charts are drawn by ECharts into a canvas, each with a text summary.
  const charts = page.locator('[data-testid="echart"][data-ready="true"]');
  await charts.first().waitFor({ timeout: 30_000 });
  const trend = page.getByRole('region', { name: 'Bảng diễn biến chỉ tiêu theo đợt' });
  await page.getByRole('heading', { name: 'Diễn biến chỉ tiêu qua các đợt sơ kết, tổng kết' }).waitFor();
  await trend.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="echart"][data-ready="true"] canvas').length >= 2, null, { timeout: 30_000 });
  const drawn = await page.locator('[data-testid="echart"] canvas').count();
  assert.ok(drawn >= 2, `roll-up and trend charts drawn (${drawn} canvases)`);
  // A canvas that ECharts drew on is not blank: some pixel differs from the first one.
  const painted = await page.locator('[data-testid="echart"] canvas').first().evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    for (let i = 4; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3]) return true;
    return false;
  });
  assert.ok(painted, 'the first chart has something drawn on it');
  const summary = await charts.first().getAttribute('aria-label');
  assert.match(summary ?? '', /Tỷ lệ|Số lượng/, `a chart tells screen readers what it shows (${summary})`);
  // The trend table: one column per milestone (with its date, dd/mm/yyyy), one row per indicator.
  const headers = await trend.getByRole('columnheader').allInnerTexts();
  assert.ok(headers.length >= 2, `the trend table has milestone columns (${headers.join(' | ')})`);
  assert.ok(headers.slice(1).every((h) => /\d{2}\/\d{2}\/\d{4}/.test(h)), `milestones with their dates: ${headers.join(' | ')}`);
  assert.ok((await trend.getByRole('row').count()) >= 2, 'one row per indicator');
  await screenshot('dashboard-charts');

  // Save a chart as an image with the keyboard: Tab to the first "download" button, Enter.
  const save = page.getByRole('button', { name: 'Tải biểu đồ (ảnh PNG)' }).first();
  const presses = await tabTo(page, save);
  log(`reached the chart's download button in ${presses} Tab presses`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /\.png$/);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.ok(bytes.length > 2000, `an image with content (${bytes.length} bytes)`);
  log(`saved ${download.suggestedFilename()} (${bytes.length} bytes)`);

  // On a phone the charts fit the width: no sideways scroll.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scroll at 390 px (${overflow} px)`);
  await screenshot('dashboard-charts-390');
}
