// Saved filters on the inbox (issue 19, line 5), keyboard only: the supervisor filters the inbox, saves the filters
// under a name, reloads, applies the saved filter (the URL takes its filters back), renames it and deletes it.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signInWithKeyboard, tabTo } from '../support/keyboard.mjs';

export const name = 'saved filters on the inbox: save, apply after reload, rename, delete (keyboard only)';
export const timeoutMs = 300_000;

/** Polls `probe` (the page re-renders after the URL or the list changes) until it is true, at most 10 s. */
async function until(probe, what) {
  for (let n = 0; n < 100; n += 1) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(what);
}
const isFocused = (locator) => () => locator.evaluate((el) => el === document.activeElement);

export async function run({ page, baseUrl, password, screenshot, log }) {
  const supervisor = await apiSession(baseUrl, 'giamsat.yt', password);
  // Left over from an earlier run: deleted first, so the list starts clean.
  for (const f of await supervisor.call('GET', '/saved-filters?page=inbox')) await supervisor.call('DELETE', `/saved-filters/${f.id}`);
  const stamp = Date.now();
  const saved = `Quá hạn ${stamp}`;
  const renamed = `Việc trễ hạn ${stamp}`;

  await signInWithKeyboard(page, baseUrl, 'giamsat.yt', password);
  await tabTo(page, page.getByRole('link', { name: 'Hộp việc', exact: true }).first());
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  const region = page.getByRole('region', { name: 'Bộ lọc đã lưu' });
  await region.getByText('Bạn chưa lưu bộ lọc nào ở trang này.').waitFor();

  // Filter: overdue only and latest changed first.
  await tabTo(page, page.getByLabel('Sắp xếp'));
  await page.keyboard.press('ArrowDown');
  await page.waitForURL((url) => url.searchParams.get('sort') === 'updated_at');
  await tabTo(page, page.getByRole('checkbox', { name: /Chỉ việc quá hạn/ }));
  await page.keyboard.press('Space');
  await page.waitForURL((url) => url.searchParams.get('overdue') === 'true');

  // Save them under a name (an empty name is refused in words).
  await tabTo(page, region.getByRole('button', { name: 'Lưu bộ lọc hiện tại' }));
  await page.keyboard.press('Enter');
  await region.getByText('Hãy đặt tên cho bộ lọc.').waitFor();
  await until(isFocused(region.getByLabel('Tên bộ lọc', { exact: true })), 'the refusal moves the focus to the name field');
  await page.keyboard.type(saved);
  await page.keyboard.press('Enter');
  const apply = region.getByRole('button', { name: `Áp dụng: ${saved}` });
  await apply.waitFor();
  await screenshot('saved-filter-saved');
  const stored = await supervisor.call('GET', '/saved-filters?page=inbox');
  assert.deepEqual(stored.map((f) => [f.name, f.filters]), [[saved, { overdue: 'true', sort: 'updated_at' }]]);
  log('saved');

  // The same name again: the API's sentence, no code. (The name field kept the focus.)
  await until(isFocused(region.getByLabel('Tên bộ lọc', { exact: true })), 'the name field keeps the focus after saving');
  await page.keyboard.type(saved);
  await page.keyboard.press('Enter');
  await region.getByRole('alert').filter({ hasText: 'hãy chọn tên khác' }).waitFor();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');

  // Reload the bare inbox, then apply the saved filter: the URL takes its filters back.
  await page.goto(`${baseUrl}/inbox`);
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  await tabTo(page, region.getByRole('button', { name: `Áp dụng: ${saved}` }));
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('overdue') === 'true' && url.searchParams.get('sort') === 'updated_at');
  await until(() => page.getByRole('checkbox', { name: /Chỉ việc quá hạn/ }).isChecked(), 'the overdue box is ticked again');
  await until(async () => (await page.getByLabel('Sắp xếp').inputValue()) === 'updated_at', 'the sort is the saved one');
  log('applied after reload');

  // Rename.
  await tabTo(page, region.getByRole('button', { name: `Đổi tên bộ lọc ${saved}` }));
  await page.keyboard.press('Enter');
  const input = region.getByLabel(`Tên mới cho “${saved}”`);
  await input.waitFor();
  await until(isFocused(input), 'the new name field takes the focus');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(renamed);
  await page.keyboard.press('Enter');
  await region.getByRole('button', { name: `Áp dụng: ${renamed}` }).waitFor();
  await region.getByText(`Đã đổi tên thành “${renamed}”.`).waitFor();
  await screenshot('saved-filter-renamed');
  log('renamed');

  // Delete, after the confirmation.
  await tabTo(page, region.getByRole('button', { name: `Xóa bộ lọc ${renamed}` }));
  await page.keyboard.press('Enter');
  await region.getByText(`Xóa bộ lọc “${renamed}”?`).waitFor();
  await page.keyboard.press('Enter');
  await region.getByText(`Đã xóa bộ lọc “${renamed}”.`).waitFor();
  await region.getByText('Bạn chưa lưu bộ lọc nào ở trang này.').waitFor();
  assert.deepEqual(await supervisor.call('GET', '/saved-filters?page=inbox'), []);
  log('deleted');
}
