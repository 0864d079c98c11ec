// The designer's help / co-sign and offering fields (issue 15), keyboard only: an administrator opens a draft, allows
// help and co-sign requests at the review stage (co-signatures required, a minimum of 2, waiting for every answer),
// offers it early (from 3 stages ahead) and late (after 2 working days, only to people holding fewer than 4 items).
// A co-sign minimum of 0 and a stagesAhead above its maximum each show a Vietnamese sentence under the field (no code,
// no path) and block publishing; corrected, the definition validates and publishes, and the API stored every value.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { retype, signInWithKeyboard, tabTo } from '../support/keyboard.mjs';
import { chooseWithKeyboard } from '../support/select-keyboard.mjs';

export const name = 'designer: help, co-sign and early/late offering set with the keyboard, invalid values refused, published and stored';
export const timeoutMs = 300_000;

export async function run({ page, baseUrl, password, env, screenshot, log }) {
  const adminName = env.E2E_ADMIN ?? 'admin';
  const admin = await apiSession(baseUrl, adminName, password);
  const key = `e2e_help_${Date.now().toString(36)}`;
  const draft = await admin.call('POST', '/workflows', {
    definition: {
      schemaVersion: 1,
      key,
      version: 1,
      name: { vi: 'Đồng ký và giao sớm, muộn (kiểm thử)' },
      initialStage: 'draft',
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập hồ sơ' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
        review: {
          kind: 'task',
          name: { vi: 'Thẩm định' },
          actor: { role: 'supervisor', unit: { kind: 'parent' } },
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

  await tabTo(page, page.getByRole('navigation', { name: 'Các bước' }).getByRole('button', { name: /Thẩm định/ }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: /Bước: Thẩm định/ }).waitFor();
  await page.getByText('Bước này hợp lệ.').waitFor();

  const field = (what) => page.locator(`#stage-review-${what}`);
  const publish = page.getByRole('button', { name: 'Ban hành' });
  /** Tab to a number field and replace its value with `text`. */
  const typeInto = async (what, text) => {
    await tabTo(page, field(what));
    await retype(page, text);
  };
  /** The sentence under a field says what is wrong in Vietnamese, with no code or path, and publishing waits. */
  const expectRefused = async (what, sentence) => {
    const error = field(`${what}-error`);
    await error.waitFor();
    const text = (await error.innerText()).trim();
    assert.equal(text, sentence);
    for (const raw of ['help.', 'coSign', 'minimum', 'stagesAhead', 'offering', 'shape.', 'stages.']) assert.ok(!text.includes(raw), `no raw "${raw}" in “${text}”`);
    assert.equal(await field(what).getAttribute('aria-invalid'), 'true');
    assert.ok((await field(what).getAttribute('aria-describedby')).split(' ').includes(`stage-review-${what}-error`), 'the sentence describes the field');
    await page.getByText(/Bước này có \d+ lỗi/).waitFor();
    // The stage's problem list says it in Vietnamese too: the kind and the place in words, no path, no English.
    const list = (await page.locator('.wf-stage-problems').innerText()).trim();
    for (const raw of ['help.', 'coSign', 'minimum', 'stagesAhead', 'offering', 'shape.', 'stages.', ' must ', ' is ', '≥']) assert.ok(!list.includes(raw), `no raw "${raw}" in the problem list “${list}”`);
    assert.match(list, / ở /, `the problem list says where (“${list}”)`);
    assert.ok(await publish.isDisabled(), 'publishing waits for a valid definition');
  };

  // Help and co-sign: allowed, co-signatures required, a minimum of 0 refused, then 2; wait for every answer.
  await tabTo(page, field('help-allowed'));
  await page.keyboard.press('Space');
  await tabTo(page, field('help-cosign'));
  await page.keyboard.press('Space');
  await tabTo(page, field('help-required'));
  await page.keyboard.press('Space');
  await typeInto('help-minimum', '0');
  await expectRefused('help-minimum', 'Số chữ ký đồng ký tối thiểu phải là số nguyên từ 1 trở lên.');
  await screenshot('cosign-minimum-refused');
  await typeInto('help-minimum', '2');
  await page.getByText('Bước này hợp lệ.').waitFor();
  assert.equal(await field('help-minimum-error').count(), 0, 'the sentence goes once the value is valid');
  await tabTo(page, field('help-wait-all'));
  await page.keyboard.press('Space');

  // Early offering from 3 stages ahead (9 is above the maximum of 5 and refused first).
  await tabTo(page, field('offering-early'));
  await page.keyboard.press('Space');
  await typeInto('offering-ahead', '9');
  await expectRefused('offering-ahead', 'Số bước hiện trước phải là số nguyên từ 1 đến 5.');
  await screenshot('stages-ahead-refused');
  await typeInto('offering-ahead', '3');
  await page.getByText('Bước này hợp lệ.').waitFor();

  // Late offering: after 2 working days, only to people holding fewer than 4 items.
  await typeInto('offering-after', '2');
  await chooseWithKeyboard(page, field('offering-calendar'), 'Ngày làm việc');
  await typeInto('offering-queue', '4');

  await page.getByText('Bước này hợp lệ.').waitFor();
  assert.ok(await publish.isEnabled(), 'a valid definition may be published');
  // Nothing on the stage editor is a stored code or path (the stage id is shown as code on purpose, in <code>).
  const text = await page.locator('.wf-stage-editor').evaluate((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('code').forEach((c) => c.remove());
    return copy.innerText;
  });
  for (const raw of ['coSign', 'waitForAll', 'stagesAhead', 'whenQueueBelow', 'offering.', 'help.', 'working', 'workflows.']) {
    assert.ok(!text.includes(raw), `no raw "${raw}" on the stage editor`);
  }
  await screenshot('help-and-offering');

  await tabTo(page, page.getByRole('button', { name: 'Lưu bản nháp' }));
  await page.keyboard.press('Enter');
  await page.getByText('Đã lưu.').waitFor();
  await tabTo(page, publish);
  await page.keyboard.press('Enter');
  await page.getByText('Đã ban hành phiên bản 1.').waitFor();
  await screenshot('published');

  // What the API stored.
  const published = await admin.call('GET', `/workflows/${draft.id}`);
  assert.equal(published.status, 'published');
  const review = published.definition.stages.review;
  assert.deepEqual(review.help, { allowed: true, coSign: { required: true, minimum: 2, waitForAll: true } });
  assert.deepEqual(review.offering, { early: { stagesAhead: 3 }, late: { after: { days: 2, calendar: 'working' }, whenQueueBelow: 4 } });
  assert.equal(published.definition.stages.draft.help, undefined, 'the other stages are unchanged');
  assert.equal(published.definition.stages.draft.offering, undefined, 'the other stages are unchanged');
}
