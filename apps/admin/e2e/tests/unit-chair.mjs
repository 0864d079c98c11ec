// The unit's chair (issue 15: escalation "to the chair of a unit" hands work to `unit.chair_user_id`), keyboard only:
// an administrator opens a unit, sees that no chair is chosen, chooses one among the unit's people, sees them named,
// finds the change in the unit's history in words, then clears it; the API stores each choice.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signInWithKeyboard, tabTo } from '../support/keyboard.mjs';
import { chooseWithKeyboard } from '../support/select-keyboard.mjs';

export const name = 'unit chair chosen and cleared on the unit page, keyboard only';
export const timeoutMs = 240_000;

export async function run({ page, baseUrl, password, env, screenshot }) {
  const adminName = env.E2E_ADMIN ?? 'admin';
  const admin = await apiSession(baseUrl, adminName, password);
  const chair = await apiSession(baseUrl, 'giamsat.yt', password);
  const unitId = chair.user.roles.find((r) => r.role === 'supervisor').unitId;
  // Left over from an earlier run: cleared first, so the page starts with no chair.
  await admin.call('PATCH', `/units/${unitId}`, { chairUserId: null });

  await signInWithKeyboard(page, baseUrl, adminName, password);
  await page.goto(`${baseUrl}/org/units/${unitId}`);
  const section = page.getByRole('region', { name: 'Chủ tịch công đoàn' });
  await section.waitFor();
  const shown = section.getByTestId('unit-chair-name');
  assert.equal(await shown.innerText(), 'Chưa chọn chủ tịch');

  const select = page.getByLabel('Chọn chủ tịch', { exact: true });
  await page.waitForFunction(() => (document.querySelector('#unit-chair')?.options.length ?? 0) > 1);
  await chooseWithKeyboard(page, select, chair.user.fullName);
  await tabTo(page, section.getByRole('button', { name: 'Lưu chủ tịch' }));
  await page.keyboard.press('Enter');
  await section.getByText('Đã lưu chủ tịch.').waitFor();
  await page.waitForFunction((name) => document.querySelector('[data-testid="unit-chair-name"]')?.textContent === name, chair.user.fullName);
  assert.equal((await admin.call('GET', `/units/${unitId}`)).chairUserId, chair.user.id);
  // The change is in the unit's history, in words, by whom.
  const history = page.getByRole('table', { name: 'Lịch sử đơn vị' });
  await history.getByText(/Thay đổi: cập nhật thông tin đơn vị \(ngành, số đoàn viên, chủ tịch\)/).first().waitFor();
  assert.ok(!(await page.locator('main').innerText()).includes('unit.updated'), 'no audit code on the page');
  await screenshot('chair-chosen');

  await tabTo(page, section.getByRole('button', { name: 'Bỏ chọn chủ tịch' }));
  await page.keyboard.press('Enter');
  await section.getByText('Đã bỏ chọn chủ tịch.').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="unit-chair-name"]')?.textContent === 'Chưa chọn chủ tịch');
  assert.equal((await admin.call('GET', `/units/${unitId}`)).chairUserId, null);
  await screenshot('chair-cleared');
}
