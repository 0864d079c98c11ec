// The header's one search box (issue 19, line 5), keyboard only: "/" focuses it on any signed-in page, an accent-free
// query finds an item, a unit and a person by their accented names, the arrows move through the grouped results and
// Enter opens each. The box is a combobox whose popup is a listbox (its options grouped by kind).
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signInWithKeyboard } from '../support/keyboard.mjs';

export const name = 'one search box: item, unit and person found without accents, opened by keyboard';
export const timeoutMs = 300_000;

/** "/" from the page, the words typed, then ↓ until the option named `label` is the active descendant, Enter. */
async function findAndOpen(page, words, label, group) {
  await page.locator('body').focus();
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'Tìm hồ sơ, đơn vị, người' });
  assert.equal(await box.evaluate((el) => el === document.activeElement), true, '"/" focuses the search box');
  await page.keyboard.type(words);
  const list = page.getByRole('listbox', { name: 'Kết quả tìm kiếm' });
  const option = list.getByRole('group', { name: group }).getByRole('option').filter({ hasText: label }).first();
  await option.waitFor();
  const id = await option.getAttribute('id');
  for (let n = 0; n < 20; n += 1) {
    await page.keyboard.press('ArrowDown');
    if ((await box.getAttribute('aria-activedescendant')) === id) break;
  }
  assert.equal(await box.getAttribute('aria-activedescendant'), id, `the arrows reach “${label}”`);
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
}

export async function run({ page, baseUrl, password, screenshot, log }) {
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const stamp = Date.now();
  const title = `Kế hoạch Đảm bảo an toàn giao thông ${stamp}`;
  const item = await officer.call('POST', '/items', {
    workflow: 'unit_plan',
    unitId: officer.user.homeUnit.id,
    title,
    data: { goals: 'Không để xảy ra tai nạn', measures: 'Tuyên truyền', timeline: 'Năm 2026' },
  });
  await officer.call('POST', `/items/${item.id}/actions`, { action: 'submit', expectedVersion: item.version });

  await signInWithKeyboard(page, baseUrl, 'giamsat.yt', password);

  // An item, by accent-free words of its title.
  await findAndOpen(page, `dam bao an toan giao thong ${stamp}`, title, 'Hồ sơ');
  await page.waitForURL((url) => url.pathname === `/items/${item.id}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  log('item opened');

  // A unit: "benh vien da khoa" finds "CĐCS Bệnh viện Đa khoa tỉnh".
  await findAndOpen(page, 'benh vien da khoa', 'CĐCS Bệnh viện Đa khoa tỉnh', 'Đơn vị');
  await page.getByRole('heading', { level: 1, name: 'CĐCS Bệnh viện Đa khoa tỉnh' }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/org\/units\//);
  log('unit opened');

  // A person: "mai thi uyen" finds "Mai Thị Uyên"; the results say what they are and there is nothing raw on screen.
  await page.locator('body').focus();
  await page.keyboard.press('/');
  await page.keyboard.type('MAI THI UYEN');
  // In the people group (earlier scenarios may have left items whose titles name her too).
  const person = page.getByRole('listbox', { name: 'Kết quả tìm kiếm' }).getByRole('group', { name: 'Người' }).getByRole('option').filter({ hasText: 'Mai Thị Uyên' }).first();
  await person.waitFor();
  await screenshot('search-person');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('combobox', { name: 'Tìm hồ sơ, đơn vị, người' }).getAttribute('aria-expanded'), 'false', 'Escape closes the list');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('combobox', { name: 'Tìm hồ sơ, đơn vị, người' }).inputValue(), '', 'a second Escape clears the box');
  await findAndOpen(page, 'mai thi uyen', 'Mai Thị Uyên', 'Người');
  await page.waitForURL((url) => url.pathname === `/org/people/${officer.user.id}/commendations`);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Mai Thị Uyên' }).waitFor();
  log('person opened');

  // Nothing of another branch: the education union's officer is not found by the health supervisor.
  await page.locator('body').focus();
  await page.keyboard.press('/');
  await page.keyboard.type('chau thi xuan');
  await page.locator('.global-search__status').getByText('Không tìm thấy gì cho “chau thi xuan”.').waitFor();
  await screenshot('search-none');
}
