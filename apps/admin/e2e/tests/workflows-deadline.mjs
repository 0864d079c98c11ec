// An administrator changes a stage's deadline and publishes (issue 7, item 10): open the unit-plan workflow, start
// a draft from the published version, see a validation problem appear on its stage as it is typed, set the review
// stage's deadline, save, publish, then dry-run the migration of running items to the new version.
import assert from 'node:assert/strict';

export const name = 'workflows: change a stage deadline and publish';

async function signIn(page, baseUrl, username, password) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

export async function run({ page, baseUrl, password, env, screenshot, log }) {
  await signIn(page, baseUrl, env.E2E_ADMIN ?? 'admin', password);
  page.on('dialog', (dialog) => void dialog.accept());

  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quy trình' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quy trình' }).waitFor();
  const card = page.locator('.wf-list__item').filter({ has: page.getByRole('heading', { name: 'Kế hoạch thực hiện và đăng ký mô hình' }) });
  await card.waitFor();
  await screenshot('workflow-list');

  // A draft of unit_plan: the existing one, or a new one from the published version.
  const openDraft = card.getByRole('row').filter({ has: page.getByText('Bản nháp', { exact: true }) }).getByRole('link');
  if (await openDraft.count()) {
    await openDraft.first().click();
  } else {
    await card.getByRole('button', { name: /Tạo bản nháp từ phiên bản/ }).first().click();
  }
  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  await page.getByText('Bản nháp', { exact: true }).first().waitFor();
  const title = await page.getByRole('heading', { level: 1 }).innerText();
  const version = Number(/Phiên bản (\d+)/.exec(title)?.[1]);
  assert.ok(version >= 2, `a draft version (got "${title}")`);
  log(`editing unit_plan version ${version}`);

  // The diagram is drawn (React Flow + ELK), one box per stage.
  const diagram = page.getByRole('region', { name: 'Sơ đồ quy trình' });
  await diagram.locator('.react-flow__node').first().waitFor();
  assert.ok((await diagram.locator('.react-flow__node').count()) >= 5, 'every stage is drawn');

  // Open the review stage from the stage list (the keyboard path to what the diagram shows).
  await page.getByRole('navigation', { name: 'Các bước' }).getByRole('button', { name: /Công đoàn cấp trên duyệt/ }).click();
  await page.getByRole('heading', { level: 2, name: /Bước: Công đoàn cấp trên duyệt/ }).waitFor();
  const days = page.getByLabel('Số ngày', { exact: true });
  const before = Number(await days.inputValue());

  // A negative deadline is a problem shown on the stage (form, stage list and diagram) while typing.
  await days.fill('-2');
  await page.getByText(/Bước này có \d+ lỗi/).waitFor();
  assert.equal(await days.getAttribute('aria-invalid'), 'true');
  await diagram.locator('.wf-node--invalid').first().waitFor();
  assert.ok(await page.getByRole('button', { name: 'Ban hành' }).isDisabled(), 'publishing waits for a valid definition');
  await screenshot('deadline-problem-on-stage');

  const next = before === 21 ? 20 : 21;
  await days.fill(String(next));
  await page.getByText('Bước này hợp lệ.').waitFor();
  await page.getByLabel('Cách tính ngày').first().selectOption('working');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByText('Đã lưu.').waitFor();
  await screenshot('deadline-changed');

  // Publish: the version becomes read-only and is listed as published.
  await page.getByRole('button', { name: 'Ban hành' }).click();
  await page.getByText(`Đã ban hành phiên bản ${version}.`).waitFor();
  await page.getByText('Đang áp dụng', { exact: true }).first().waitFor();
  await page.reload();
  await page.getByRole('navigation', { name: 'Các bước' }).getByRole('button', { name: /Công đoàn cấp trên duyệt/ }).click();
  const published = page.getByLabel('Số ngày', { exact: true });
  assert.equal(Number(await published.inputValue()), next, 'the published version keeps the new deadline');
  assert.ok(await published.isDisabled(), 'a published version is read-only');

  // The route preview for a grassroots union: the review goes to its upper union.
  await page.getByLabel('Đơn vị gửi hồ sơ').fill('CDCS-PRTC-X01');
  await page.getByRole('button', { name: /Đô Vinh/ }).first().click();
  const route = page.getByRole('list', { name: /Tuyến xử lý cho/ });
  await route.waitFor();
  assert.match(await route.innerText(), /Phan Rang/);

  // Migration of running items from the previous version: a dry run lists what would move.
  await page.getByRole('heading', { name: 'Chuyển hồ sơ đang chạy sang phiên bản này' }).scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Chạy thử' }).click();
  await page.getByText(/Chạy thử từ phiên bản \d+ sang \d+/).waitFor();
  await screenshot('published-route-and-dry-run');

  // The list shows the new version as published.
  await page.getByRole('link', { name: '← Danh sách quy trình' }).click();
  const row = card.getByRole('row').filter({ has: page.getByRole('link', { name: new RegExp(`phiên bản ${version}$`) }) });
  await row.getByText('Đang áp dụng', { exact: true }).waitFor();
}
