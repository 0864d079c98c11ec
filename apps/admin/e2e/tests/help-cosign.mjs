// Help and co-sign requests (issue 15, line 6), keyboard only: the district supervisor holding a file at a stage that
// needs a co-signature finds no "approve" button, asks the province supervisor (picked from the people who can see the
// file) to co-sign; the province supervisor finds it in the inbox's "Được nhờ hỗ trợ" list, opens it and co-signs; the
// holder then approves. Set-up (a workflow whose appraisal needs one co-signature, a submitted and claimed item)
// goes through the API.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { apiSession } from '../support/api-session.mjs';
import { signInWithKeyboard, tabTo } from '../support/keyboard.mjs';

export const name = 'ask a colleague to co-sign, co-sign from the inbox, then approve, keyboard only';
export const timeoutMs = 300_000;

const KEY = 'e2e_cosign';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** 0 axe violations (WCAG 2.1 A/AA) at 1280 px, and no sideways scroll at 390 px (as every-page-axe.mjs checks). */
async function assertAccessible(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)),
  );
  assert.deepEqual(violations, [], `${what}: axe violations`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 800 });
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
  if (size) await page.setViewportSize(size);
  assert.equal(sideways, false, `${what}: sideways scroll at 390 px`);
}
const APPROVE = 'Duyệt thẩm định';

async function ensureWorkflow(admin) {
  const published = await admin.call('GET', '/workflows');
  const list = Array.isArray(published) ? published : (published.items ?? []);
  if (list.some((d) => d.key === KEY && d.status === 'published')) return;
  const definition = {
    schemaVersion: 1,
    key: KEY,
    version: 1,
    name: { vi: 'Thẩm định có đồng ký (e2e)', en: 'Appraisal with co-signing (e2e)' },
    initialStage: 'draft',
    stages: {
      draft: { kind: 'task', name: { vi: 'Lập hồ sơ', en: 'Draft' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
      review: {
        kind: 'task',
        name: { vi: 'Thẩm định', en: 'Appraisal' },
        actor: { role: 'supervisor', unit: { kind: 'parent' } },
        visibility: { supervisor: 'all' },
        help: { allowed: true, coSign: { required: true } },
        transitions: [{ on: 'approve', target: 'done', label: { vi: APPROVE, en: 'Approve the appraisal' } }, { on: 'return', target: 'draft' }],
      },
      done: { kind: 'final', outcome: 'approved', name: { vi: 'Đã duyệt', en: 'Approved' } },
    },
  };
  const draft = await admin.call('POST', '/workflows', { definition });
  await admin.call('POST', `/workflows/${draft.id}/publish`);
}

export async function run({ page, baseUrl, password, newSession, screenshot, log }) {
  const admin = await apiSession(baseUrl, 'admin', password);
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const holder = await apiSession(baseUrl, 'giamsat.yt', password);
  await ensureWorkflow(admin);
  const title = `Hồ sơ cần đồng ký (e2e ${Date.now()})`;
  const item = await officer.call('POST', '/items', { workflow: KEY, unitId: officer.user.homeUnit.id, title, data: {} });
  await officer.call('POST', `/items/${item.id}/actions`, { action: 'submit' });
  await holder.call('POST', `/items/${item.id}/actions`, { action: 'claim' });
  log('item', item.id);

  await signInWithKeyboard(page, baseUrl, 'giamsat.yt', password);
  await page.goto(`${baseUrl}/items/${item.id}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const panel = page.getByRole('region', { name: 'Nhờ hỗ trợ / xin đồng ký' });
  await panel.getByText('Cần 1 chữ ký đồng ký: đã có 0').waitFor();
  assert.equal(await page.getByRole('button', { name: APPROVE }).count(), 0, 'no approve button while the co-signature is missing');
  await screenshot('cosign-waiting');

  // Pick the province supervisor from the search, write the request, send it.
  await tabTo(page, panel.getByLabel('Tìm đồng nghiệp'));
  await page.keyboard.type('chutich.tinh');
  const pick = panel.getByRole('button', { name: /^Chọn .*\(chutich\.tinh\)$/ });
  await pick.waitFor();
  await tabTo(page, pick);
  await page.keyboard.press('Enter');
  await panel.getByText('Sẽ gửi đề nghị đến:').waitFor();
  await tabTo(page, panel.getByLabel('Nội dung đề nghị'));
  await page.keyboard.type('Đề nghị đồng chí đồng ký biên bản thẩm định.');
  await tabTo(page, panel.getByRole('button', { name: 'Gửi đề nghị đồng ký' }));
  await page.keyboard.press('Enter');
  const request = panel.locator('.help-request').filter({ hasText: 'Đề nghị đồng chí đồng ký' });
  await request.getByText('Chờ trả lời').waitFor();
  await screenshot('cosign-asked');
  await assertAccessible(page, 'item page with the help panel');
  log('asked');

  // The colleague: the inbox lists it under "Được nhờ hỗ trợ" with the title and the stage's name.
  const colleague = await newSession('colleague');
  const cp = colleague.page;
  await signInWithKeyboard(cp, baseUrl, 'chutich.tinh', password);
  await tabTo(cp, cp.getByRole('link', { name: 'Hộp việc', exact: true }).first());
  await cp.keyboard.press('Enter');
  const asked = cp.getByRole('region', { name: 'Được nhờ hỗ trợ' });
  await asked.waitFor();
  const entry = asked.getByRole('listitem').filter({ hasText: title });
  assert.match(await entry.innerText(), /Xin đồng ký · bước Thẩm định/);
  await screenshot('help-inbox', cp);
  await assertAccessible(cp, 'inbox with "Được nhờ hỗ trợ"');
  await tabTo(cp, entry.getByRole('link', { name: title }));
  await cp.keyboard.press('Enter');
  await cp.getByRole('heading', { level: 1, name: title }).waitFor();
  const theirPanel = cp.getByRole('region', { name: 'Nhờ hỗ trợ / xin đồng ký' });
  await tabTo(cp, theirPanel.getByRole('button', { name: 'Đồng ký', exact: true }));
  await cp.keyboard.press('Enter');
  await theirPanel.locator('.help-request').getByText('Đã đồng ký').waitFor();
  await screenshot('cosigned', cp);
  await assertAccessible(cp, 'item page after co-signing');
  log('co-signed');

  // The holder: after a reload the approve button is there; approving works.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await panel.getByText('Cần 1 chữ ký đồng ký: đã có 1').waitFor();
  const approve = page.getByRole('button', { name: APPROVE });
  await approve.waitFor();
  await tabTo(page, approve);
  await page.keyboard.press('Enter');
  for (let i = 0; i < 100; i += 1) {
    const now = await holder.call('GET', `/items/${item.id}`);
    if (now.status === 'final') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const after = await holder.call('GET', `/items/${item.id}`);
  assert.equal(after.status, 'final');
  assert.equal(after.outcome, 'approved');
  await screenshot('approved');
}
