// Organisation (issue 7, item 5): search the tree without diacritics, open a unit, see its people with their roles,
// and preview a move (nothing is changed). Keyboard only (issue 19, line 7); choosing a unit in the picker and
// showing a person's delegations keep the focus where the user was (line 2).
import assert from 'node:assert/strict';
import { activate, chooseRadio, expectFocus, navigateWithKeyboard, retype, signInWithKeyboard, tabTo } from '../support/keyboard.mjs';

export const name = 'org: search the tree, open a unit, see its people, preview a move (keyboard only)';

/**
 * On a unit page: the operation ("move" unless said, by its radio), then the new parent by typing in the picker and Enter on
 * the hit; the picker's "change" button takes the focus once the unit is chosen.
 */
export async function chooseMoveTarget(page, query, hitName, operation = 'Chuyển sang đơn vị cấp trên khác', pickerLabel = 'Cấp trên mới') {
  await chooseRadio(page, page.getByLabel(operation));
  await tabTo(page, page.getByLabel(pickerLabel));
  await page.keyboard.type(query);
  await activate(page, page.getByRole('button', { name: hitName }));
  await expectFocus(page, page.getByRole('button', { name: 'Chọn đơn vị khác', exact: true }), 'the picker’s “change” button');
}

/** "Xem trước thay đổi" with Enter: the focus comes back to it when the preview is shown. */
export async function previewWithKeyboard(page) {
  const preview = page.getByRole('button', { name: 'Xem trước thay đổi' });
  await activate(page, preview);
  await page.locator('.org-report, .field__error').first().waitFor();
  await expectFocus(page, preview, 'the preview button');
}

export async function run({ page, baseUrl, password, env, screenshot }) {
  await signInWithKeyboard(page, baseUrl, env.E2E_ADMIN ?? 'admin', password);

  await navigateWithKeyboard(page, 'Tổ chức');
  // The tree starts at the administrator's unit, open; children load on demand.
  await page.getByRole('link', { name: 'Liên đoàn Lao động tỉnh Ninh Thuận' }).waitFor();
  await page.getByRole('link', { name: 'Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' }).waitFor();
  await activate(page, page.getByRole('button', { name: 'Mở các đơn vị trực thuộc Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' }));
  // Its name now says it closes the list; the focus stays on it.
  const toggle = page.getByRole('button', { name: 'Đóng các đơn vị trực thuộc Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await expectFocus(page, toggle, 'the toggle');
  await page.getByRole('link', { name: 'CĐCS UBND phường Đô Vinh' }).waitFor();
  await screenshot('org-tree');

  // Search without diacritics finds Vietnamese names.
  await tabTo(page, page.getByLabel('Tìm đơn vị theo mã hoặc tên'), 250, { back: true });
  await page.keyboard.type('phuoc my');
  await page.getByRole('link', { name: 'CĐCS UBND phường Phước Mỹ' }).waitFor();
  await retype(page, 'phan rang thap cham');
  const hit = page.getByRole('link', { name: 'Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' });
  await hit.waitFor();
  await screenshot('org-search');
  await activate(page, hit);

  // The unit page: where it sits, its numbers, its people and their roles.
  await page.getByRole('heading', { level: 1, name: 'Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' }).waitFor();
  await page.getByRole('navigation', { name: 'Các cấp trên' }).getByRole('link', { name: 'Liên đoàn Lao động tỉnh Ninh Thuận' }).waitFor();
  const people = page.getByRole('table', { name: 'Người thuộc đơn vị' });
  const person = people.getByRole('row').filter({ hasText: 'giamsat.prtc' });
  await person.waitFor();
  await person.getByText(/Cán bộ phụ trách \(cấp trên\)/).waitFor();
  await activate(page, person.getByRole('button', { name: /Xem uỷ quyền/ }));
  const shown = person.getByText(/Không có uỷ quyền|Uỷ quyền cho|Được .* uỷ quyền/);
  await shown.waitFor();
  // The button is replaced by what it showed, which takes the focus.
  await expectFocus(page, shown.locator('xpath=ancestor::div[@tabindex="-1"][1]'), 'the delegations shown');
  await screenshot('org-unit-people');

  // A district federation cannot go under another one: the refusal says why.
  await chooseMoveTarget(page, 'ninh hai', /Liên đoàn Lao động huyện Ninh Hải/);
  await previewWithKeyboard(page);
  await page.getByText(/phải ở cấp cao hơn/).waitFor();

  // Preview moving a grassroots union to another district federation: the report says what would change.
  await page.goto(`${baseUrl}/org`);
  await tabTo(page, page.getByLabel('Tìm đơn vị theo mã hoặc tên'));
  await page.keyboard.type('do vinh');
  await activate(page, page.getByRole('link', { name: 'CĐCS UBND phường Đô Vinh' }));
  await page.getByRole('heading', { level: 1, name: 'CĐCS UBND phường Đô Vinh' }).waitFor();
  await chooseMoveTarget(page, 'ninh hai', /Liên đoàn Lao động huyện Ninh Hải/);
  await previewWithKeyboard(page);
  await page.getByText('Xem trước — chưa có gì thay đổi').waitFor();
  const text = await page.locator('.org-report').innerText();
  assert.match(text, /Số đơn vị đổi vị trí trong cây\s*\n?\s*1\b/);
  assert.match(text, /Liên đoàn Lao động huyện Ninh Hải/);
  assert.ok(await page.getByRole('button', { name: 'Thực hiện' }).isEnabled(), 'the previewed move can be applied');
  await screenshot('org-move-preview');

  // Nothing changed: still under Phan Rang – Tháp Chàm.
  await page.reload();
  const ancestors = page.getByRole('navigation', { name: 'Các cấp trên' });
  await ancestors.getByRole('link', { name: 'Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' }).waitFor();
  assert.equal(await ancestors.getByRole('link', { name: /Ninh Hải/ }).count(), 0);
}
