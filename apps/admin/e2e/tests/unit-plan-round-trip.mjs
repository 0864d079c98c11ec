// The unit-plan round trip between two users, all through the UI: an officer writes and submits a plan (with a
// validation error first, a list entry, an attachment with upload progress and a saved draft), the supervisor of
// the parent union returns it with a reason, the officer sees the reason on the home page and on the item, fixes
// and resubmits, and the supervisor approves. The timeline shows each step. Keyboard only (issue 19, line 7), with
// the focus checked after each action (line 2).
import assert from 'node:assert/strict';
import { activate, expectFocus, navigateWithKeyboard, retype, signInWithKeyboard, tabTo, openFileChooser } from '../support/keyboard.mjs';

export const name = 'unit plan round trip (officer ↔ supervisor), keyboard only';

/** Sign in with the keyboard only (kept under this name for the scenarios that import it). */
export async function signIn(page, baseUrl, username, password) {
  await signInWithKeyboard(page, baseUrl, username, password);
}

const FILE = { name: 'bien-ban-hop.txt', mimeType: 'text/plain', buffer: Buffer.from('Biên bản họp BCH công đoàn cơ sở\n'.repeat(2000)) };

export async function run({ page, baseUrl, password, newSession, screenshot, log }) {
  const title = `Kế hoạch thực hiện phong trào (e2e ${Date.now()})`;

  // Officer: start a unit plan from the home page.
  await signIn(page, baseUrl, 'canbo.yt-bvdk', password);
  await screenshot('officer-home');
  await activate(page, page.getByRole('link', { name: 'Lập kế hoạch thực hiện' }));
  await page.getByRole('heading', { level: 1, name: 'Tạo hồ sơ mới' }).waitFor();
  assert.equal(await page.getByLabel('Loại hồ sơ').inputValue(), 'unit_plan');
  await tabTo(page, page.getByLabel('Tên hồ sơ'));
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const itemUrl = page.url();
  log('item', itemUrl);

  // Submitting an empty plan: the required fields are named, in Vietnamese, before anything is sent; the list of
  // problems takes the focus, and each of its links takes the focus to its field.
  await activate(page, page.getByRole('button', { name: 'Gửi duyệt' }));
  const summary = page.getByRole('alert').filter({ hasText: 'cần sửa' });
  await summary.waitFor();
  assert.match(await summary.innerText(), /Vui lòng nhập mục tiêu/);
  assert.equal(await page.getByLabel(/^Mục tiêu/).getAttribute('aria-invalid'), 'true');
  await expectFocus(page, summary, 'the list of problems');
  await screenshot('officer-form-errors');
  await activate(page, summary.getByRole('link', { name: /Vui lòng nhập mục tiêu/ }), 'Enter', 5);
  await expectFocus(page, page.getByLabel(/^Mục tiêu/), 'the goals field named by the problem');

  await page.keyboard.type('100% đoàn viên được tuyên truyền về văn hoá công sở.');
  await tabTo(page, page.getByLabel(/^Giải pháp/));
  await page.keyboard.type('Tổ chức hội nghị quán triệt; đưa nội dung vào nội quy.');
  // Adding a list entry moves the focus into the new entry.
  await activate(page, page.getByRole('button', { name: /^Thêm: Mô hình điển hình đăng ký/ }));
  await expectFocus(page, page.getByLabel(/^Tên mô hình/), 'the new entry');
  await page.keyboard.type('Phòng khám thân thiện');
  // Saving keeps the focus on the button (its controls are disabled while the request runs).
  const saveDraft = page.getByRole('button', { name: 'Lưu nháp' });
  await activate(page, saveDraft);
  await page.getByText(/Đã lưu nháp lúc/).waitFor();
  await expectFocus(page, saveDraft, 'the save button');

  // An attachment, with its upload progress: the file input is reached with Tab and opens the chooser with Space.
  await tabTo(page, page.getByLabel('Đính kèm tệp (minh chứng)'));
  await (await openFileChooser(page)).setFiles(FILE);
  await page.getByText('Đã tải lên bien-ban-hop.txt.').waitFor();
  await page.getByRole('button', { name: 'bien-ban-hop.txt' }).waitFor();

  await tabTo(page, page.getByLabel(/^Tiến độ/));
  await page.keyboard.type('Quý I/2026: xây dựng; quý II: triển khai.');
  await activate(page, page.getByRole('button', { name: 'Gửi duyệt' }));
  const submitted = page.getByText('Đã thực hiện: Gửi duyệt.');
  await submitted.waitFor();
  // The submit button is gone with the stage: the focus is on what happened, not at the top of the page.
  await expectFocus(page, submitted, 'the status message');
  await page.getByText('Công đoàn cấp trên duyệt', { exact: false }).first().waitFor();
  await screenshot('officer-submitted');

  // Supervisor: the plan is in the inbox; open it and return it with a reason.
  const sup = await newSession('supervisor');
  await signIn(sup.page, baseUrl, 'giamsat.yt', password);
  await navigateWithKeyboard(sup.page, 'Hộp việc');
  await sup.page.getByRole('link', { name: title }).waitFor();
  await screenshot('supervisor-inbox', sup.page);
  await activate(sup.page, sup.page.getByRole('link', { name: title }));
  await sup.page.getByRole('heading', { level: 1, name: title }).waitFor();
  // Returning without a reason is refused on the page, and the focus goes to the reason's box.
  const returnButton = sup.page.getByRole('button', { name: 'Trả lại', exact: true });
  await activate(sup.page, returnButton);
  await sup.page.getByText('Vui lòng ghi lý do trước khi trả lại.').waitFor();
  await expectFocus(sup.page, sup.page.getByLabel('Ý kiến / lý do'), 'the reason box');
  const reason = 'Bổ sung giải pháp cụ thể cho từng khoa, phòng.';
  await sup.page.keyboard.type(reason);
  await activate(sup.page, returnButton);
  const returnedNote = sup.page.getByText('Đã thực hiện: Trả lại.');
  await returnedNote.waitFor();
  await expectFocus(sup.page, returnedNote, 'the status message');
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
  await tabTo(page, page.getByLabel(/^Giải pháp/));
  await retype(page, 'Mỗi khoa, phòng đăng ký một việc làm cụ thể; kiểm tra hằng quý.');
  await screenshot('officer-returned-item-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await activate(page, page.getByRole('button', { name: 'Gửi duyệt' }));
  await page.getByText('Đã thực hiện: Gửi duyệt.').waitFor();

  // Supervisor: approve the resubmitted plan.
  await sup.page.goto(itemUrl);
  await sup.page.getByRole('heading', { level: 1, name: title }).waitFor();
  await activate(sup.page, sup.page.getByRole('button', { name: 'Phê duyệt' }));
  const approved = sup.page.getByText('Đã thực hiện: Phê duyệt.');
  await approved.waitFor();
  await expectFocus(sup.page, approved, 'the status message');
  await sup.page.locator('.item-summary').getByText('Đã duyệt').waitFor();
  // The timeline names each step, with the return's reason and what the officer changed.
  const timeline = sup.page.locator('.timeline');
  for (const step of ['Tạo hồ sơ', 'Gửi duyệt', 'Trả lại', 'Phê duyệt']) await timeline.getByText(step, { exact: true }).first().waitFor();
  await timeline.getByText(reason).waitFor();
  await screenshot('supervisor-approved', sup.page);
}
