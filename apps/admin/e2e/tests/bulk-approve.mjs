// Bulk approve: an officer's unit has several plans waiting (created and submitted through the API as set-up); the
// supervisor selects them in the inbox and approves them in one go. One of them is withdrawn by the officer in the
// meantime, so the page must show a result per item: three approved, one refused with the reason. The results stay
// when the supervisor leaves the inbox and comes back. Keyboard only (issue 19, line 7); the focus is checked after
// the confirmation, its cancel and the run (line 2).
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { activate, chooseOption, expectFocus, navigateWithKeyboard } from '../support/keyboard.mjs';
import { signIn } from './unit-plan-round-trip.mjs';

export const name = 'bulk approve with a result per item (keyboard only)';

export async function run({ page, baseUrl, password, screenshot, log }) {
  // Set-up through the API: four plans of the officer's unit, submitted.
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const stamp = Date.now();
  const items = [];
  for (let n = 1; n <= 4; n += 1) {
    const item = await officer.call('POST', '/items', {
      workflow: 'unit_plan',
      unitId: officer.user.homeUnit.id,
      title: `Kế hoạch hàng loạt ${n} (e2e ${stamp})`,
      data: { goals: `Mục tiêu ${n}`, measures: `Giải pháp ${n}`, timeline: 'Năm 2026' },
    });
    const submitted = await officer.call('POST', `/items/${item.id}/actions`, { action: 'submit', expectedVersion: item.version });
    items.push(submitted);
  }
  log('created', items.map((i) => i.id).join(', '));

  // Supervisor: the inbox, filtered to unit plans; select the four with Space.
  await signIn(page, baseUrl, 'giamsat.yt', password);
  await navigateWithKeyboard(page, 'Hộp việc');
  await chooseOption(page, page.getByLabel('Loại hồ sơ'), 'unit_plan');
  for (const item of items) await activate(page, page.getByLabel(`Chọn “${item.title}”`), 'Space');
  await page.getByText('Đã chọn 4 hồ sơ.').waitFor();
  await screenshot('inbox-selected');

  // Meanwhile the officer withdraws the fourth plan: approving it must fail, alone.
  await officer.call('POST', `/items/${items[3].id}/actions`, { action: 'withdraw' });

  // A bulk action asks first, with the count, and the question takes the focus; "no" gives the focus back to the
  // button, nothing is sent; Escape does the same.
  const approveButton = page.getByRole('button', { name: 'Duyệt 4 hồ sơ đã chọn' });
  await activate(page, approveButton);
  const confirm = page.getByRole('alertdialog');
  assert.match(await confirm.innerText(), /Duyệt 4 hồ sơ cùng lúc\?/);
  await expectFocus(page, confirm.getByRole('button', { name: 'Xác nhận duyệt 4 hồ sơ' }), 'the confirmation');
  await page.keyboard.press('Tab');
  await expectFocus(page, confirm.getByRole('button', { name: 'Không, quay lại' }), 'the “no” button');
  await page.keyboard.press('Enter');
  await expectFocus(page, approveButton, 'the bulk approve button');
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await page.keyboard.press('Enter');
  await confirm.waitFor();
  await page.keyboard.press('Escape');
  await expectFocus(page, approveButton, 'the bulk approve button');
  await page.keyboard.press('Enter');
  await screenshot('bulk-confirm');
  await expectFocus(page, confirm.getByRole('button', { name: 'Xác nhận duyệt 4 hồ sơ' }), 'the confirmation');
  await page.keyboard.press('Enter');
  // The selection and its buttons are gone: the focus is on the results.
  const results = page.getByRole('region', { name: /Kết quả duyệt hàng loạt/ });
  await expectFocus(page, results, 'the bulk results');
  await results.getByText('3 hồ sơ thành công, 1 hồ sơ không thực hiện được.').waitFor();
  for (const item of items.slice(0, 3)) {
    assert.match(await results.getByRole('listitem').filter({ hasText: item.title }).innerText(), /đã xong/);
  }
  assert.match(await results.getByRole('listitem').filter({ hasText: items[3].title }).innerText(), /không thực hiện được/);
  await screenshot('bulk-results');

  // The approved plans left the inbox; the results are still there after leaving and coming back.
  for (const item of items.slice(0, 3)) assert.equal(await page.getByRole('link', { name: item.title, exact: true }).count(), 1);
  await navigateWithKeyboard(page, 'Trang đơn vị');
  await navigateWithKeyboard(page, 'Hộp việc');
  await page.getByText('3 hồ sơ thành công, 1 hồ sơ không thực hiện được.').waitFor();
  // The list shown on return may be the cached one until its refetch answers (slow on a loaded machine): wait for it.
  await page.getByLabel(`Chọn “${items[0].title}”`).waitFor({ state: 'detached', timeout: 20000 }).catch(() => undefined);
  assert.equal(await page.getByLabel(`Chọn “${items[0].title}”`).count(), 0, 'approved items are no longer in the inbox');

  // Each approved item is approved on its own page.
  await activate(page, page.getByRole('region', { name: /Kết quả duyệt hàng loạt/ }).getByRole('link', { name: items[0].title }));
  await page.locator('.item-summary').getByText('Đã duyệt').waitFor();
  await screenshot('approved-item');

  // The campaign dashboard of the supervisor's subtree: plans by unit, indicator charts, drill-down, exports.
  await navigateWithKeyboard(page, 'Phong trào thi đua');
  await activate(page, page.getByRole('link', { name: /văn hóa công sở/ }).first());
  await page.getByRole('heading', { name: 'Kế hoạch thực hiện theo đơn vị' }).waitFor();
  await page.getByRole('heading', { name: 'Chỉ tiêu (tổng hợp toàn nhánh)' }).waitFor();
  await activate(page, page.getByRole('button', { name: /Xem “Tỷ lệ đoàn viên, CCVCLĐ tham gia” theo đơn vị/ }));
  await page.getByText('Theo đơn vị trực thuộc').waitFor();
  await screenshot('campaign-dashboard');
  const exportButton = page.getByRole('button', { name: 'Bảng số liệu chỉ tiêu (.xlsx)' });
  await activate(page, exportButton);
  await page.getByText(/Đã tải .*\.xlsx lúc/).waitFor({ timeout: 30_000 });
}
