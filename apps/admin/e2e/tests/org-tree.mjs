// Organisation (issue 7, item 5): search the tree without diacritics, open a unit, see its people with their roles,
// and preview a move (nothing is changed).
import assert from 'node:assert/strict';

export const name = 'org: search the tree, open a unit, see its people, preview a move';

export async function run({ page, baseUrl, password, env, screenshot }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Tên đăng nhập').fill(env.E2E_ADMIN ?? 'admin');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');

  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổ chức' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổ chức' }).waitFor();
  // The tree starts at the administrator's unit, open; children load on demand.
  await page.getByRole('link', { name: 'Liên đoàn Lao động tỉnh Ninh Thuận' }).waitFor();
  await page.getByRole('link', { name: 'Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' }).waitFor();
  await page.getByRole('button', { name: 'Mở các đơn vị trực thuộc Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' }).click();
  await page.getByRole('link', { name: 'CĐCS UBND phường Đô Vinh' }).waitFor();
  await screenshot('org-tree');

  // Search without diacritics finds Vietnamese names.
  await page.getByLabel('Tìm đơn vị theo mã hoặc tên').fill('phuoc my');
  await page.getByRole('link', { name: 'CĐCS UBND phường Phước Mỹ' }).waitFor();
  await page.getByLabel('Tìm đơn vị theo mã hoặc tên').fill('phan rang thap cham');
  const hit = page.getByRole('link', { name: 'Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' });
  await hit.waitFor();
  await screenshot('org-search');
  await hit.click();

  // The unit page: where it sits, its numbers, its people and their roles.
  await page.getByRole('heading', { level: 1, name: 'Liên đoàn Lao động thành phố Phan Rang – Tháp Chàm' }).waitFor();
  await page.getByRole('navigation', { name: 'Các cấp trên' }).getByRole('link', { name: 'Liên đoàn Lao động tỉnh Ninh Thuận' }).waitFor();
  const people = page.getByRole('table', { name: 'Người thuộc đơn vị' });
  const person = people.getByRole('row').filter({ hasText: 'giamsat.prtc' });
  await person.waitFor();
  await person.getByText(/Cán bộ phụ trách \(cấp trên\)/).waitFor();
  await person.getByRole('button', { name: /Xem uỷ quyền/ }).click();
  await person.getByText(/Không có uỷ quyền|Uỷ quyền cho|Được .* uỷ quyền/).waitFor();
  await screenshot('org-unit-people');

  // A district federation cannot go under another one: the refusal says why.
  await page.getByLabel('Chuyển sang đơn vị cấp trên khác').check();
  await page.getByLabel('Cấp trên mới').fill('ninh hai');
  await page.getByRole('button', { name: /Liên đoàn Lao động huyện Ninh Hải/ }).click();
  await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
  await page.getByText(/phải ở cấp cao hơn/).waitFor();

  // Preview moving a grassroots union to another district federation: the report says what would change.
  await page.goto(`${baseUrl}/org`);
  await page.getByLabel('Tìm đơn vị theo mã hoặc tên').fill('do vinh');
  await page.getByRole('link', { name: 'CĐCS UBND phường Đô Vinh' }).click();
  await page.getByRole('heading', { level: 1, name: 'CĐCS UBND phường Đô Vinh' }).waitFor();
  await page.getByLabel('Chuyển sang đơn vị cấp trên khác').check();
  await page.getByLabel('Cấp trên mới').fill('ninh hai');
  await page.getByRole('button', { name: /Liên đoàn Lao động huyện Ninh Hải/ }).click();
  await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
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
