// Reorganisations with effective dates (issue 14, item 6): the tree as of a chosen date, a dissolve preview that
// counts the open items and lists the roles with their proposed mapping, a back-dated move shown in the unit's
// history, and the campaign dashboard's date control saying which tree the figures use. The only real change is a
// move of a CĐCS of Bác Ái that no other scenario uses (a second run needs fresh demo data). Keyboard only (issue 19,
// line 7): dates are typed into the focused date field (day, month, year), Backspace empties it.
import assert from 'node:assert/strict';
import { activate, chooseOption, expectFocus, navigateWithKeyboard, signInWithKeyboard, tabTo } from '../support/keyboard.mjs';
import { chooseMoveTarget, previewWithKeyboard } from './org-tree.mjs';

export const name = 'org: tree as of a date, dated reorganisation with role mapping, dashboard on the tree of a date (keyboard only)';
/** Every control reached with Tab (the designer's diagram has a Tab stop per box): 108–128 s measured on the loaded machine. */
export const timeoutMs = 300_000;

/**
 * The order in which this browser's date field takes day, month and year (it follows the browser's own language, not
 * the page's): typed once into a field of our own, off the app's controls, then removed.
 */
async function dateOrder(page) {
  await page.evaluate(() => {
    const probe = Object.assign(document.createElement('input'), { type: 'date', id: 'e2e-date-probe' });
    document.body.append(probe);
    probe.focus();
  });
  await page.keyboard.type('01022003');
  const value = await page.evaluate(() => {
    const probe = document.getElementById('e2e-date-probe');
    const v = probe.value;
    probe.remove();
    return v;
  });
  if (value === '2003-02-01') return 'dmy';
  if (value === '2003-01-02') return 'mdy';
  throw new Error(`unexpected date field order (typed 01022003, got "${value}")`);
}

/** Tab to a date field and type the date `iso` (yyyy-mm-dd) into it, in the browser's order; '' empties it with Backspace. */
async function typeDate(page, field, iso, { back = false } = {}) {
  order ??= await dateOrder(page);
  const isFocused = () => field.evaluate((el) => el === document.activeElement);
  if (!(await isFocused())) await tabTo(page, field, 250, { back });
  // The field's parts (day, month, year) are Tab stops of their own: leave it backwards, then Tab into its first part.
  for (let n = 0; n < 4 && (await isFocused()); n += 1) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expectFocus(page, field, 'the date field');
  if (iso === '') {
    await page.keyboard.press('Backspace');
    assert.equal(await field.inputValue(), '');
    return;
  }
  const [y, m, d] = iso.split('-');
  await page.keyboard.type(order === 'dmy' ? `${d}${m}${y}` : `${m}${d}${y}`);
  assert.equal(await field.inputValue(), iso);
}
let order;

export async function run({ page, baseUrl, password, env, screenshot }) {
  await signInWithKeyboard(page, baseUrl, env.E2E_ADMIN ?? 'admin', password);

  // The tree as it stood on 14/6/2019 (the demo's date), flat and indented, from the effective-dated links.
  await navigateWithKeyboard(page, 'Tổ chức');
  await typeDate(page, page.getByLabel('Xem cây tổ chức tại ngày'), '2019-06-14');
  const tree2019 = page.getByRole('list', { name: 'Cây tổ chức ngày 14/06/2019' });
  await tree2019.getByRole('link', { name: 'CĐCS UBND xã Phước Tân' }).waitFor();
  await tree2019.getByRole('link', { name: 'Liên đoàn Lao động huyện Bác Ái' }).waitFor();
  // Before the demo's date there was no tree.
  await typeDate(page, page.getByLabel('Xem cây tổ chức tại ngày'), '2019-01-01', { back: true });
  await page.getByText('Đơn vị này chưa có trong cây tổ chức vào ngày đó.').waitFor();
  await screenshot('org-tree-as-of');

  // Preview of dissolving the Ninh Sơn federation into the province effective 1/7/2025: the open items it has (its
  // launch acknowledgement, and a CĐCS plan waiting for its approval) and every role, proposed to end.
  await typeDate(page, page.getByLabel('Xem cây tổ chức tại ngày'), '', { back: true });
  await tabTo(page, page.getByLabel('Tìm đơn vị theo mã hoặc tên'), 250, { back: true });
  await page.keyboard.type('ninh son');
  await activate(page, page.getByRole('link', { name: 'Liên đoàn Lao động huyện Ninh Sơn' }));
  await page.getByRole('heading', { level: 1, name: 'Liên đoàn Lao động huyện Ninh Sơn' }).waitFor();
  await chooseMoveTarget(page, 'ninh thuan', /Liên đoàn Lao động tỉnh Ninh Thuận/, 'Giải thể', 'Chuyển cấp dưới, người và hồ sơ sang (nếu có)');
  await typeDate(page, page.getByLabel('Ngày có hiệu lực'), '2025-07-01');
  await previewWithKeyboard(page);
  await page.getByText('Xem trước — chưa có gì thay đổi').waitFor();
  const report = await page.locator('.org-report').innerText();
  assert.match(report, /Ngày có hiệu lực\s*\n?\s*01\/07\/2025/);
  assert.match(report, /Số hồ sơ đang mở chuyển giao\s*\n?\s*1\b/);
  assert.match(report, /Số hồ sơ đang chờ đơn vị này chuyển sang đơn vị nhận\s*\n?\s*1\b/);
  const roles = page.getByRole('table', { name: 'Vai trò của đơn vị' });
  const supervisor = page.getByLabel(/Xử lý vai trò .* của .*/).first();
  await supervisor.waitFor();
  assert.equal(await roles.getByRole('row').count(), 3, 'header + the two roles of giamsat.ns');
  assert.equal(await supervisor.inputValue(), 'end', 'the proposal ends the role');
  await chooseOption(page, supervisor, 'move');
  await roles.getByText('Chuyển vai trò này sẽ mở rộng quyền của người này.').waitFor();
  await screenshot('org-dissolve-preview-roles');

  // A back-dated move, applied: a CĐCS of Bác Ái goes under Ninh Sơn effective 1/1/2025; its history shows both positions.
  await page.goto(`${baseUrl}/org`);
  await tabTo(page, page.getByLabel('Tìm đơn vị theo mã hoặc tên'));
  await page.keyboard.type('phuoc tan');
  await activate(page, page.getByRole('link', { name: 'CĐCS UBND xã Phước Tân' }));
  await page.getByRole('heading', { level: 1, name: 'CĐCS UBND xã Phước Tân' }).waitFor();
  await chooseMoveTarget(page, 'ninh son', /Liên đoàn Lao động huyện Ninh Sơn/);
  await typeDate(page, page.getByLabel('Ngày có hiệu lực'), '2025-01-01');
  await previewWithKeyboard(page);
  await page.getByText('Xem trước — chưa có gì thay đổi').waitFor();
  page.once('dialog', (d) => void d.accept());
  await activate(page, page.getByRole('button', { name: 'Thực hiện' }));
  await page.getByText('Đã thực hiện').waitFor();
  // The button stays disabled after the change: the focus is on the report of what was done.
  await expectFocus(page, page.locator('.org-report').filter({ hasText: 'Đã thực hiện' }).locator('xpath=..'), 'the report');
  const history = page.getByRole('table', { name: 'Lịch sử đơn vị' });
  await history.getByText('Trực thuộc Liên đoàn Lao động huyện Bác Ái (đến 01/01/2025)').waitFor();
  await history.getByText('Trực thuộc Liên đoàn Lao động huyện Ninh Sơn').waitFor();
  await screenshot('org-unit-history');
  // As of 31/12/2024 it is still under Bác Ái; as of today under Ninh Sơn.
  await page.goto(`${baseUrl}/org`);
  await typeDate(page, page.getByLabel('Xem cây tổ chức tại ngày'), '2024-12-31');
  const tree2024 = page.getByRole('list', { name: 'Cây tổ chức ngày 31/12/2024' });
  await tree2024.getByRole('link', { name: 'CĐCS UBND xã Phước Tân' }).waitFor();
  const items2024 = await tree2024.getByRole('listitem').allInnerTexts();
  const at = (list, text) => list.findIndex((x) => x.includes(text));
  assert.ok(at(items2024, 'Phước Tân') > at(items2024, 'huyện Bác Ái') && at(items2024, 'Phước Tân') < at(items2024, 'Thuận Bắc'), 'under Bác Ái on 31/12/2024');

  // The campaign dashboard: figures on the tree of the milestone's date, or of a chosen date.
  await navigateWithKeyboard(page, 'Phong trào thi đua');
  await activate(page, page.getByRole('link', { name: /văn hóa công sở/ }).first());
  await page.getByRole('heading', { name: 'Chỉ tiêu (tổng hợp toàn nhánh)' }).waitFor();
  await page.getByText(/Số liệu tính trên cây tổ chức ngày 31\/12\/2022 \(ngày của kỳ\)/).waitFor();
  await typeDate(page, page.getByLabel('Cây tổ chức tại ngày'), '2019-06-14');
  await page.getByText(/Số liệu tính trên cây tổ chức ngày 14\/06\/2019 \(ngày đã chọn\)/).waitFor();
  await screenshot('campaign-dashboard-as-of');
}
