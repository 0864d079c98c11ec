// Reorganisations with effective dates (issue 14, item 6): the tree as of a chosen date, a dissolve preview that
// counts the open items and lists the roles with their proposed mapping, a back-dated move shown in the unit's
// history, and the campaign dashboard's date control saying which tree the figures use. The only real change is a
// move of a CĐCS of Bác Ái that no other scenario uses.
import assert from 'node:assert/strict';

export const name = 'org: tree as of a date, dated reorganisation with role mapping, dashboard on the tree of a date';

export async function run({ page, baseUrl, password, env, screenshot }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Tên đăng nhập').fill(env.E2E_ADMIN ?? 'admin');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');

  // The tree as it stood on 14/6/2019 (the demo's date), flat and indented, from the effective-dated links.
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổ chức' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổ chức' }).waitFor();
  await page.getByLabel('Xem cây tổ chức tại ngày').fill('2019-06-14');
  const tree2019 = page.getByRole('list', { name: 'Cây tổ chức ngày 14/06/2019' });
  await tree2019.getByRole('link', { name: 'CĐCS UBND xã Phước Tân' }).waitFor();
  await tree2019.getByRole('link', { name: 'Liên đoàn Lao động huyện Bác Ái' }).waitFor();
  // Before the demo's date there was no tree.
  await page.getByLabel('Xem cây tổ chức tại ngày').fill('2019-01-01');
  await page.getByText('Đơn vị này chưa có trong cây tổ chức vào ngày đó.').waitFor();
  await screenshot('org-tree-as-of');

  // Preview of dissolving the Ninh Sơn federation into the province effective 1/7/2025: the open items it has (its
  // launch acknowledgement, and a CĐCS plan waiting for its approval) and every role, proposed to end.
  await page.getByLabel('Xem cây tổ chức tại ngày').fill('');
  await page.getByLabel('Tìm đơn vị theo mã hoặc tên').fill('ninh son');
  await page.getByRole('link', { name: 'Liên đoàn Lao động huyện Ninh Sơn' }).click();
  await page.getByRole('heading', { level: 1, name: 'Liên đoàn Lao động huyện Ninh Sơn' }).waitFor();
  await page.getByLabel('Giải thể').check();
  await page.getByLabel('Chuyển cấp dưới, người và hồ sơ sang (nếu có)').fill('ninh thuan');
  await page.getByRole('button', { name: /Liên đoàn Lao động tỉnh Ninh Thuận/ }).click();
  await page.getByLabel('Ngày có hiệu lực').fill('2025-07-01');
  await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
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
  await supervisor.selectOption('move');
  await roles.getByText('Chuyển vai trò này sẽ mở rộng quyền của người này.').waitFor();
  await screenshot('org-dissolve-preview-roles');

  // A back-dated move, applied: a CĐCS of Bác Ái goes under Ninh Sơn effective 1/1/2025; its history shows both positions.
  await page.goto(`${baseUrl}/org`);
  await page.getByLabel('Tìm đơn vị theo mã hoặc tên').fill('phuoc tan');
  await page.getByRole('link', { name: 'CĐCS UBND xã Phước Tân' }).click();
  await page.getByRole('heading', { level: 1, name: 'CĐCS UBND xã Phước Tân' }).waitFor();
  await page.getByLabel('Chuyển sang đơn vị cấp trên khác').check();
  await page.getByLabel('Cấp trên mới').fill('ninh son');
  await page.getByRole('button', { name: /Liên đoàn Lao động huyện Ninh Sơn/ }).click();
  await page.getByLabel('Ngày có hiệu lực').fill('2025-01-01');
  await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
  await page.getByText('Xem trước — chưa có gì thay đổi').waitFor();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Thực hiện' }).click();
  await page.getByText('Đã thực hiện').waitFor();
  const history = page.getByRole('table', { name: 'Lịch sử đơn vị' });
  await history.getByText('Trực thuộc Liên đoàn Lao động huyện Bác Ái (đến 01/01/2025)').waitFor();
  await history.getByText('Trực thuộc Liên đoàn Lao động huyện Ninh Sơn').waitFor();
  await screenshot('org-unit-history');
  // As of 31/12/2024 it is still under Bác Ái; as of today under Ninh Sơn.
  await page.goto(`${baseUrl}/org`);
  await page.getByLabel('Xem cây tổ chức tại ngày').fill('2024-12-31');
  const tree2024 = page.getByRole('list', { name: 'Cây tổ chức ngày 31/12/2024' });
  await tree2024.getByRole('link', { name: 'CĐCS UBND xã Phước Tân' }).waitFor();
  const items2024 = await tree2024.getByRole('listitem').allInnerTexts();
  const at = (list, text) => list.findIndex((x) => x.includes(text));
  assert.ok(at(items2024, 'Phước Tân') > at(items2024, 'huyện Bác Ái') && at(items2024, 'Phước Tân') < at(items2024, 'Thuận Bắc'), 'under Bác Ái on 31/12/2024');

  // The campaign dashboard: figures on the tree of the milestone's date, or of a chosen date.
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Phong trào thi đua', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Phong trào thi đua' }).waitFor();
  await page.getByRole('link', { name: /văn hóa công sở/ }).first().click();
  await page.getByRole('heading', { name: 'Chỉ tiêu (tổng hợp toàn nhánh)' }).waitFor();
  await page.getByText(/Số liệu tính trên cây tổ chức ngày 31\/12\/2022 \(ngày của kỳ\)/).waitFor();
  await page.getByLabel('Cây tổ chức tại ngày').fill('2019-06-14');
  await page.getByText(/Số liệu tính trên cây tổ chức ngày 14\/06\/2019 \(ngày đã chọn\)/).waitFor();
  await screenshot('campaign-dashboard-as-of');
}
