// The designer's distribution and escalation fields (issue 15), keyboard only: an administrator opens a draft, sets
// the review stage's assignment (allocation by capability, then round robin), start on allocation and chained work,
// separation of duties, a stage privilege, what each role sees of work others hold (stage and workflow), and an
// escalation chain whose steps hand the work to a unit's chair, a named person and a role at a unit; the definition
// validates and publishes, and the definition the API stored has every value.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signInWithKeyboard, tabTo } from '../support/keyboard.mjs';
import { chooseWithKeyboard } from '../support/select-keyboard.mjs';

export const name = 'designer: distribution, escalation, privileges and visibility set with the keyboard, published and stored';
export const timeoutMs = 300_000;

const KHEN_THUONG = 'Chuyên trách thi đua – khen thưởng';

export async function run({ page, baseUrl, password, env, screenshot, log }) {
  const adminName = env.E2E_ADMIN ?? 'admin';
  const admin = await apiSession(baseUrl, adminName, password);
  const key = `e2e_dist_${Date.now().toString(36)}`;
  const draft = await admin.call('POST', '/workflows', {
    definition: {
      schemaVersion: 1,
      key,
      version: 1,
      name: { vi: 'Phân công và leo thang (kiểm thử)' },
      initialStage: 'draft',
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập hồ sơ' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
        review: {
          kind: 'task',
          name: { vi: 'Thẩm định' },
          actor: { role: 'supervisor', unit: { kind: 'parent' } },
          deadline: { days: 5, calendar: 'working' },
          transitions: [{ on: 'approve', target: 'done' }, { on: 'return', target: 'draft' }],
        },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Hoàn thành' } },
      },
    },
  });
  log(`draft ${key} (${draft.id})`);
  page.on('dialog', (dialog) => void dialog.accept());

  await signInWithKeyboard(page, baseUrl, adminName, password);
  await page.goto(`${baseUrl}/workflows/${draft.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();

  // The workflow's own visibility (in "Thông tin chung"): supervisors see the titles of items someone else holds.
  await tabTo(page, page.locator('summary', { hasText: 'Thông tin chung' }));
  await page.keyboard.press('Enter');
  await chooseWithKeyboard(page, page.locator('#wf-visibility-supervisor'), 'Tiêu đề');

  // Open the review stage from the list of stages.
  await tabTo(page, page.getByRole('navigation', { name: 'Các bước' }).getByRole('button', { name: /Thẩm định/ }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: /Bước: Thẩm định/ }).waitFor();

  // Assignment: allocation by capability, then round robin among the capable; started on allocation; chained.
  await chooseWithKeyboard(page, page.locator('#stage-review-assignment-mode'), 'Phân công tự động theo quy tắc');
  await chooseWithKeyboard(page, page.locator('#stage-review-assignment-strategy'), 'Theo chuyên môn của cán bộ');
  await page.getByText('Chỉ giao cho người có chuyên môn ghi dưới đây (thiết lập trong hồ sơ cán bộ).').waitFor();
  await tabTo(page, page.locator('#stage-review-assignment-capability'));
  await page.keyboard.type(KHEN_THUONG);
  await chooseWithKeyboard(page, page.locator('#stage-review-assignment-then'), 'Lần lượt (xoay vòng)');
  await chooseWithKeyboard(page, page.locator('#stage-review-start-start'), 'Ngay khi việc được giao hoặc nhận');
  await tabTo(page, page.locator('#stage-review-start-chained'));
  await page.keyboard.press('Space');

  // Separation of duties from the drafting stage, and the supervisor may suspend work at this stage.
  await tabTo(page, page.locator('#stage-review-distinct-draft'));
  await page.keyboard.press('Space');
  const suspend = page.getByRole('checkbox', { name: 'Tạm dừng – Cán bộ phụ trách (cấp trên)', exact: true });
  const wasSuspend = await suspend.isChecked();
  await tabTo(page, suspend);
  await page.keyboard.press('Space');
  assert.equal(await suspend.isChecked(), !wasSuspend);

  // At this stage officers see how many items others hold (overrides the workflow's setting).
  await chooseWithKeyboard(page, page.locator('#stage-review-visibility-officer'), 'Chỉ số lượng');

  // The escalation chain: notify after 1 day, then the chair of the upper unit, a named person, a role at a unit.
  const addStep = page.getByRole('button', { name: 'Thêm xử lý quá hạn' });
  const step = (i, what) => page.locator(`#stage-review-deadline-esc-${i}-${what}`);
  const setDays = async (i, days) => {
    await tabTo(page, step(i, 'days'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(days));
  };
  await tabTo(page, addStep);
  await page.keyboard.press('Enter');
  await setDays(0, 1);
  await tabTo(page, addStep);
  await page.keyboard.press('Enter');
  await setDays(1, 2);
  await chooseWithKeyboard(page, step(1, 'action'), 'Chuyển cho người nhận chỉ định');
  await chooseWithKeyboard(page, step(1, 'to-kind'), 'Chủ tịch của một đơn vị');
  await chooseWithKeyboard(page, step(1, 'to-chair-kind'), 'Đơn vị cấp trên trực tiếp');
  await tabTo(page, addStep);
  await page.keyboard.press('Enter');
  await setDays(2, 4);
  await chooseWithKeyboard(page, step(2, 'action'), 'Chuyển cho người nhận chỉ định');
  await chooseWithKeyboard(page, step(2, 'to-kind'), 'Một người được chỉ định');
  await tabTo(page, step(2, 'to-username'));
  await page.keyboard.type('giamsat.yt');
  await tabTo(page, addStep);
  await page.keyboard.press('Enter');
  await setDays(3, 6);
  await chooseWithKeyboard(page, step(3, 'action'), 'Chuyển cho người nhận chỉ định');
  await chooseWithKeyboard(page, step(3, 'to-role'), 'Thư ký Hội đồng TĐKT');
  await chooseWithKeyboard(page, step(3, 'to-unit-kind'), 'Đơn vị cấp trên trực tiếp');

  await page.getByText('Bước này hợp lệ.').waitFor();
  // Nothing on the page is a stored code (the stage id is shown as code on purpose, in <code>).
  const editor = page.locator('.wf-stage-editor');
  const text = await editor.evaluate((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('code').forEach((c) => c.remove());
    return copy.innerText;
  });
  for (const raw of ['round_robin', 'capability', 'on_allocation', 'reassign', 'chairOf', 'notify', 'supervisor', 'council_secretary', 'parent', 'workflows.']) {
    assert.ok(!text.includes(raw), `no raw "${raw}" on the stage editor`);
  }
  await screenshot('distribution-and-escalation');

  await tabTo(page, page.getByRole('button', { name: 'Lưu bản nháp' }));
  await page.keyboard.press('Enter');
  await page.getByText('Đã lưu.').waitFor();
  await tabTo(page, page.getByRole('button', { name: 'Ban hành' }));
  await page.keyboard.press('Enter');
  await page.getByText('Đã ban hành phiên bản 1.').waitFor();
  await screenshot('published');

  // What the API stored.
  const stored = (await admin.call('GET', `/workflows/${draft.id}`)).definition;
  const review = stored.stages.review;
  assert.deepEqual(review.actor.assignment, { mode: 'allocate', strategy: 'capability', capability: KHEN_THUONG, then: 'round_robin' });
  assert.equal(review.actor.start, 'on_allocation');
  assert.equal(review.actor.chained, true);
  assert.deepEqual(review.distinctFrom, ['draft']);
  assert.equal((review.privileges?.suspend ?? []).includes('supervisor'), !wasSuspend);
  assert.deepEqual(review.visibility, { officer: 'count' });
  assert.deepEqual(stored.visibility, { supervisor: 'titles' });
  assert.deepEqual(review.deadline.escalations, [
    { afterDays: 1, action: 'notify' },
    { afterDays: 2, action: 'reassign', to: { chairOf: { kind: 'parent' } } },
    { afterDays: 4, action: 'reassign', to: { person: { username: 'giamsat.yt' } } },
    { afterDays: 6, action: 'reassign', to: { role: 'council_secretary', unit: { kind: 'parent' } } },
  ]);
  const published = await admin.call('GET', `/workflows/${draft.id}`);
  assert.equal(published.status, 'published');
}
