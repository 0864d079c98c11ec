// The unit-plan round trip between two users, all through the UI: an officer writes and submits a plan (with a
// validation error first, a list entry, an attachment with upload progress and a saved draft), the supervisor of
// the parent union returns it with a reason, the officer sees the reason on the home page and on the item, fixes
// and resubmits, and the supervisor approves. The timeline shows each step.
import assert from 'node:assert/strict';

export const name = 'unit plan round trip (officer ↔ supervisor)';

export async function signIn(page, baseUrl, username, password) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('heading', { level: 1, name: 'Trang đơn vị' }).waitFor();
}

export async function run({ page, baseUrl, password, newSession, screenshot, log }) {
  const title = `Kế hoạch thực hiện phong trào (e2e ${Date.now()})`;

  // Officer: start a unit plan from the home page.
  await signIn(page, baseUrl, 'canbo.yt-bvdk', password);
  await screenshot('officer-home');
  await page.getByRole('link', { name: 'Lập kế hoạch thực hiện' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tạo hồ sơ mới' }).waitFor();
  assert.equal(await page.getByLabel('Loại hồ sơ').inputValue(), 'unit_plan');
  await page.getByLabel('Tên hồ sơ').fill(title);
  await page.getByRole('button', { name: 'Tạo và điền hồ sơ' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const itemUrl = page.url();
  log('item', itemUrl);

  // Submitting an empty plan: the required fields are named, in Vietnamese, before anything is sent.
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'cần sửa' });
  await summary.waitFor();
  assert.match(await summary.innerText(), /Vui lòng nhập mục tiêu/);
  assert.equal(await page.getByLabel(/^Mục tiêu/).getAttribute('aria-invalid'), 'true');
  await screenshot('officer-form-errors');

  await page.getByLabel(/^Mục tiêu/).fill('100% đoàn viên được tuyên truyền về văn hoá công sở.');
  await page.getByLabel(/^Giải pháp/).fill('Tổ chức hội nghị quán triệt; đưa nội dung vào nội quy.');
  await page.getByRole('button', { name: /^Thêm: Mô hình điển hình đăng ký/ }).click();
  await page.getByLabel(/^Tên mô hình/).fill('Phòng khám thân thiện');
  await page.getByRole('button', { name: 'Lưu nháp' }).click();
  await page.getByText(/Đã lưu nháp lúc/).waitFor();

  // An attachment, with its upload progress.
  await page.getByLabel('Đính kèm tệp (minh chứng)').setInputFiles({
    name: 'bien-ban-hop.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Biên bản họp BCH công đoàn cơ sở\n'.repeat(2000)),
  });
  await page.getByText('Đã tải lên bien-ban-hop.txt.').waitFor();
  await page.getByRole('button', { name: 'bien-ban-hop.txt' }).waitFor();

  await page.getByLabel(/^Tiến độ/).fill('Quý I/2026: xây dựng; quý II: triển khai.');
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  await page.getByText('Đã thực hiện: Gửi duyệt.').waitFor();
  await page.getByText('Công đoàn cấp trên duyệt', { exact: false }).first().waitFor();
  await screenshot('officer-submitted');

  // Supervisor: the plan is in the inbox; open it and return it with a reason.
  const sup = await newSession('supervisor');
  await signIn(sup.page, baseUrl, 'giamsat.yt', password);
  await sup.page.getByRole('link', { name: 'Hộp việc', exact: true }).click();
  await sup.page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  await sup.page.getByRole('link', { name: title }).waitFor();
  await screenshot('supervisor-inbox', sup.page);
  await sup.page.getByRole('link', { name: title }).click();
  await sup.page.getByRole('heading', { level: 1, name: title }).waitFor();
  // Returning without a reason is refused on the page.
  await sup.page.getByRole('button', { name: 'Trả lại' }).click();
  await sup.page.getByText('Vui lòng ghi lý do trước khi trả lại.').waitFor();
  const reason = 'Bổ sung giải pháp cụ thể cho từng khoa, phòng.';
  await sup.page.getByLabel('Ý kiến / lý do').fill(reason);
  await sup.page.getByRole('button', { name: 'Trả lại' }).click();
  await sup.page.getByText('Đã thực hiện: Trả lại.').waitFor();
  await screenshot('supervisor-returned', sup.page);

  // Officer: the reason is on the home page and on the item, in plain view.
  await page.goto(`${baseUrl}/`);
  const task = page.getByRole('listitem').filter({ hasText: title });
  await task.getByText('Bị trả lại').waitFor();
  await task.getByText(reason).waitFor();
  await screenshot('officer-home-returned');
  // On a phone: the same page, one column, menu behind a button.
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot('officer-home-phone');
  await page.goto(itemUrl);
  const returned = page.getByRole('region', { name: 'Hồ sơ bị trả lại' });
  await returned.getByText(reason).waitFor();
  await page.getByLabel(/^Giải pháp/).fill('Mỗi khoa, phòng đăng ký một việc làm cụ thể; kiểm tra hằng quý.');
  await screenshot('officer-returned-item-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  await page.getByText('Đã thực hiện: Gửi duyệt.').waitFor();

  // Supervisor: approve the resubmitted plan.
  await sup.page.goto(itemUrl);
  await sup.page.getByRole('heading', { level: 1, name: title }).waitFor();
  await sup.page.getByRole('button', { name: 'Phê duyệt' }).click();
  await sup.page.getByText('Đã thực hiện: Phê duyệt.').waitFor();
  await sup.page.locator('.item-summary').getByText('Đã duyệt').waitFor();
  // The timeline names each step, with the return's reason and what the officer changed.
  const timeline = sup.page.locator('.timeline');
  for (const step of ['Tạo hồ sơ', 'Gửi duyệt', 'Trả lại', 'Phê duyệt']) await timeline.getByText(step, { exact: true }).first().waitFor();
  await timeline.getByText(reason).waitFor();
  await screenshot('supervisor-approved', sup.page);
}
