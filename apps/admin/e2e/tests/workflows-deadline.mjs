// An administrator changes a stage's deadline and publishes (issue 7, item 10): open the unit-plan workflow, start
// a draft from the published version, see a validation problem appear on its stage as it is typed, set the review
// stage's deadline, save, publish, then dry-run the migration of running items to the new version. Keyboard only
// (issue 19, line 7): the stage is opened from the stage list (the keyboard path to what the diagram shows); after
// saving and publishing the focus is on the toolbar's status, after the dry run back on its button (line 2).
import assert from 'node:assert/strict';
import { activate, chooseOption, expectFocus, navigateWithKeyboard, retype, signInWithKeyboard, tabTo } from '../support/keyboard.mjs';

export const name = 'workflows: change a stage deadline and publish (keyboard only)';
/** Every control reached with Tab (the designer's diagram has a Tab stop per box): 108–128 s measured on the loaded machine. */
export const timeoutMs = 300_000;

export async function run({ page, baseUrl, password, env, screenshot, log }) {
  await signInWithKeyboard(page, baseUrl, env.E2E_ADMIN ?? 'admin', password);
  page.on('dialog', (dialog) => void dialog.accept());

  await navigateWithKeyboard(page, 'Quy trình');
  const card = page.locator('.wf-list__item').filter({ has: page.getByRole('heading', { name: 'Kế hoạch thực hiện và đăng ký mô hình' }) });
  await card.waitFor();
  await screenshot('workflow-list');

  // A draft of unit_plan: the existing one, or a new one from the published version.
  const openDraft = card.getByRole('row').filter({ has: page.getByText('Bản nháp', { exact: true }) }).getByRole('link');
  if (await openDraft.count()) {
    await activate(page, openDraft.first());
  } else {
    await activate(page, card.getByRole('button', { name: /Tạo bản nháp từ phiên bản/ }).first());
  }
  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  await page.getByText('Bản nháp', { exact: true }).first().waitFor();
  // The list's own rows say "Bản nháp" too: wait for the editor's heading, not the list's.
  const title = await page.getByRole('heading', { level: 1, name: /Phiên bản \d+/ }).innerText();
  const version = Number(/Phiên bản (\d+)/.exec(title)?.[1]);
  assert.ok(version >= 2, `a draft version (got "${title}")`);
  log(`editing unit_plan version ${version}`);

  // The diagram is drawn (React Flow + ELK), one box per stage.
  const diagram = page.getByRole('region', { name: 'Sơ đồ quy trình' });
  await diagram.locator('.react-flow__node').first().waitFor();
  assert.ok((await diagram.locator('.react-flow__node').count()) >= 5, 'every stage is drawn');

  // Open the review stage from the stage list (the keyboard path to what the diagram shows).
  const stageButton = page.getByRole('navigation', { name: 'Các bước' }).getByRole('button', { name: /Công đoàn cấp trên duyệt/ });
  await activate(page, stageButton);
  await page.getByRole('heading', { level: 2, name: /Bước: Công đoàn cấp trên duyệt/ }).waitFor();
  await expectFocus(page, stageButton, 'the stage’s button');
  const days = page.getByLabel('Số ngày', { exact: true });
  const before = Number(await days.inputValue());

  // A negative deadline is a problem shown on the stage (form, stage list and diagram) while typing.
  await tabTo(page, days);
  await retype(page, '-2');
  await page.getByText(/Bước này có \d+ lỗi/).waitFor();
  assert.equal(await days.getAttribute('aria-invalid'), 'true');
  await diagram.locator('.wf-node--invalid').first().waitFor();
  assert.ok(await page.getByRole('button', { name: 'Ban hành' }).isDisabled(), 'publishing waits for a valid definition');
  await screenshot('deadline-problem-on-stage');

  const next = before === 21 ? 20 : 21;
  await retype(page, String(next));
  await page.getByText('Bước này hợp lệ.').waitFor();
  await chooseOption(page, page.getByLabel('Cách tính ngày').first(), 'working');
  await activate(page, page.getByRole('button', { name: 'Lưu bản nháp' }), 'Enter', 250);
  await page.getByText('Đã lưu.').waitFor();
  // The save button is disabled once saved: the focus is on the status that says so.
  await expectFocus(page, page.locator('#wf-state'), 'the toolbar’s status');
  await screenshot('deadline-changed');

  // Publish: the version becomes read-only and is listed as published.
  await activate(page, page.getByRole('button', { name: 'Ban hành' }));
  await page.getByText(`Đã ban hành phiên bản ${version}.`).waitFor();
  await expectFocus(page, page.locator('#wf-state'), 'the toolbar’s status');
  await page.getByText('Đang áp dụng', { exact: true }).first().waitFor();
  await page.reload();
  await activate(page, stageButton);
  const published = page.getByLabel('Số ngày', { exact: true });
  assert.equal(Number(await published.inputValue()), next, 'the published version keeps the new deadline');
  assert.ok(await published.isDisabled(), 'a published version is read-only');

  // The route preview for a grassroots union: the review goes to its upper union.
  await tabTo(page, page.getByLabel('Đơn vị gửi hồ sơ'));
  await page.keyboard.type('CDCS-PRTC-X01');
  await activate(page, page.getByRole('button', { name: /Đô Vinh/ }).first());
  const route = page.getByRole('list', { name: /Tuyến xử lý cho/ });
  await route.waitFor();
  assert.match(await route.innerText(), /Phan Rang/);

  // Migration of running items from the previous version: a dry run lists what would move.
  const dryRun = page.getByRole('button', { name: 'Chạy thử' });
  await activate(page, dryRun);
  await page.getByText(/Chạy thử từ phiên bản \d+ sang \d+/).waitFor();
  await expectFocus(page, dryRun, 'the dry-run button');
  await screenshot('published-route-and-dry-run');

  // The list shows the new version as published.
  await activate(page, page.getByRole('link', { name: '← Danh sách quy trình' }));
  const row = card.getByRole('row').filter({ has: page.getByRole('link', { name: new RegExp(`phiên bản ${version}$`) }) });
  await row.getByText('Đang áp dụng', { exact: true }).waitFor();
}
