// Bulk approve: an officer's unit has several plans waiting (created and submitted through the API as set-up); the
// supervisor selects them in the inbox and approves them in one go. One of them is withdrawn by the officer in the
// meantime, so the page must show a result per item: three approved, one refused with the reason. The results stay
// when the supervisor leaves the inbox and comes back.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signIn } from './unit-plan-round-trip.mjs';

export const name = 'bulk approve with a result per item';

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

  // Supervisor: the inbox, filtered to unit plans; select the four.
  await signIn(page, baseUrl, 'giamsat.yt', password);
  await page.getByRole('link', { name: 'Hộp việc', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  await page.getByLabel('Loại hồ sơ').selectOption('unit_plan');
  for (const item of items) await page.getByLabel(`Chọn “${item.title}”`).check();
  await page.getByText('Đã chọn 4 hồ sơ.').waitFor();
  await screenshot('inbox-selected');

  // Meanwhile the officer withdraws the fourth plan: approving it must fail, alone.
  await officer.call('POST', `/items/${items[3].id}/actions`, { action: 'withdraw' });

  // A bulk action asks first, with the count; "no" gives the focus back to the button, nothing is sent.
  await page.getByRole('button', { name: 'Duyệt 4 hồ sơ đã chọn' }).click();
  const confirm = page.getByRole('alertdialog');
  assert.match(await confirm.innerText(), /Duyệt 4 hồ sơ cùng lúc\?/);
  await confirm.getByRole('button', { name: 'Không, quay lại' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'bulk-approve');
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await page.getByRole('button', { name: 'Duyệt 4 hồ sơ đã chọn' }).click();
  await screenshot('bulk-confirm');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận duyệt 4 hồ sơ' }).click();
  const results = page.getByRole('region', { name: /Kết quả duyệt hàng loạt/ });
  await results.getByText('3 hồ sơ thành công, 1 hồ sơ không thực hiện được.').waitFor();
  for (const item of items.slice(0, 3)) {
    assert.match(await results.getByRole('listitem').filter({ hasText: item.title }).innerText(), /đã xong/);
  }
  assert.match(await results.getByRole('listitem').filter({ hasText: items[3].title }).innerText(), /không thực hiện được/);
  await screenshot('bulk-results');

  // The approved plans left the inbox; the results are still there after leaving and coming back.
  for (const item of items.slice(0, 3)) assert.equal(await page.getByRole('link', { name: item.title, exact: true }).count(), 1);
  await page.getByRole('link', { name: 'Trang đơn vị', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Trang đơn vị' }).waitFor();
  await page.getByRole('link', { name: 'Hộp việc', exact: true }).click();
  await page.getByText('3 hồ sơ thành công, 1 hồ sơ không thực hiện được.').waitFor();
  // The list shown on return may be the cached one until its refetch answers (slow on a loaded machine): wait for it.
  await page.getByLabel(`Chọn “${items[0].title}”`).waitFor({ state: 'detached', timeout: 20000 }).catch(() => undefined);
  assert.equal(await page.getByLabel(`Chọn “${items[0].title}”`).count(), 0, 'approved items are no longer in the inbox');

  // Each approved item is approved on its own page.
  await page.getByRole('region', { name: /Kết quả duyệt hàng loạt/ }).getByRole('link', { name: items[0].title }).click();
  await page.locator('.item-summary').getByText('Đã duyệt').waitFor();
  await screenshot('approved-item');

  // The campaign dashboard of the supervisor's subtree: plans by unit, indicator charts, drill-down, exports.
  await page.getByRole('link', { name: 'Phong trào thi đua', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Phong trào thi đua' }).waitFor();
  await page.getByRole('link', { name: /văn hóa công sở/ }).first().click();
  await page.getByRole('heading', { name: 'Kế hoạch thực hiện theo đơn vị' }).waitFor();
  await page.getByRole('heading', { name: 'Chỉ tiêu (tổng hợp toàn nhánh)' }).waitFor();
  await page.getByRole('button', { name: /Xem “Tỷ lệ đoàn viên, CCVCLĐ tham gia” theo đơn vị/ }).click();
  await page.getByText('Theo đơn vị trực thuộc').waitFor();
  await screenshot('campaign-dashboard');
  await page.getByRole('button', { name: 'Bảng số liệu chỉ tiêu (.xlsx)' }).click();
  await page.getByText(/Đã tải .*\.xlsx lúc/).waitFor({ timeout: 30_000 });
}
