// Early offering (issue 15, line 6), keyboard only: a district supervisor sees a submitted item under "Sắp đến" in the
// inbox with the upcoming stage's name, commits to it, withdraws, commits again; when the stage opens the item is
// allocated to them (it leaves "Sắp đến" and waits in their inbox, held by them).
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signInWithKeyboard, tabTo } from '../support/keyboard.mjs';

export const name = 'early offering: commit to an upcoming stage from the inbox, withdraw, allocated when it opens, keyboard only';
export const timeoutMs = 300_000;

export async function run({ page, baseUrl, password, screenshot, log, env }) {
  const admin = await apiSession(baseUrl, env?.E2E_ADMIN ?? 'admin', password);
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const supervisor = await apiSession(baseUrl, 'giamsat.yt', password);
  const key = `e2e_early_${Date.now()}`;
  const definition = {
    schemaVersion: 1,
    key,
    version: 1,
    name: { vi: 'Thẩm định nhận trước (e2e)' },
    initialStage: 'draft',
    stages: {
      draft: { kind: 'task', name: { vi: 'Lập hồ sơ' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'check' }] },
      check: { kind: 'task', name: { vi: 'Kiểm tra hồ sơ' }, actor: { role: 'supervisor', unit: { kind: 'parent' } }, transitions: [{ on: 'approve', target: 'review' }] },
      review: { kind: 'task', name: { vi: 'Thẩm định chuyên sâu' }, actor: { role: 'supervisor', unit: { kind: 'parent' } }, offering: { early: {} }, transitions: [{ on: 'approve', target: 'done' }] },
      done: { kind: 'final', outcome: 'approved', name: { vi: 'Hoàn thành' } },
    },
  };
  const draft = await admin.call('POST', '/workflows', { definition });
  await admin.call('POST', `/workflows/${draft.id}/publish`, {});
  const title = `Hồ sơ nhận trước (e2e ${Date.now()})`;
  const item = await officer.call('POST', '/items', { workflow: key, unitId: officer.user.homeUnit.id, title });
  await officer.call('POST', `/items/${item.id}/actions`, { action: 'submit' });
  log('item at check', item.id);

  await signInWithKeyboard(page, baseUrl, 'giamsat.yt', password);
  await page.goto(`${baseUrl}/inbox`);
  await page.getByRole('heading', { level: 2, name: /^Sắp đến \(\d+\)$/ }).waitFor();
  const entry = page.locator(`[data-upcoming-item="${item.id}"]`);
  await entry.getByText('Bước sắp đến: Thẩm định chuyên sâu (hiện ở bước Kiểm tra hồ sơ)').waitFor();
  const text = await entry.innerText();
  assert.doesNotMatch(text, /\breview\b|\bcheck\b/, 'stage names, never keys');
  await screenshot('upcoming-listed');

  const commit = page.getByRole('button', { name: `Nhận trước bước “Thẩm định chuyên sâu” của hồ sơ “${title}”`, exact: true });
  await tabTo(page, commit);
  await page.keyboard.press('Enter');
  await entry.getByText('Bạn đã nhận trước bước này.').waitFor();
  await page.getByRole('status').filter({ hasText: `Đã nhận trước bước “Thẩm định chuyên sâu” của hồ sơ “${title}”.` }).waitFor({ state: 'attached' });
  await screenshot('committed');
  log('committed');

  const withdraw = page.getByRole('button', { name: `Thôi nhận trước bước “Thẩm định chuyên sâu” của hồ sơ “${title}”`, exact: true });
  await tabTo(page, withdraw);
  await page.keyboard.press('Enter');
  await commit.waitFor();
  await entry.getByText('Bạn đã nhận trước bước này.').waitFor({ state: 'detached' });
  log('withdrawn');
  await tabTo(page, commit);
  await page.keyboard.press('Enter');
  await entry.getByText('Bạn đã nhận trước bước này.').waitFor();

  // The stage opens: the commitment becomes the allocation.
  await supervisor.call('POST', `/items/${item.id}/actions`, { action: 'approve' });
  const now = await supervisor.call('GET', `/items/${item.id}`);
  assert.equal(now.stage, 'review');
  assert.equal(now.assignment?.claimedBy, supervisor.user.id);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  await page.getByRole('link', { name: title }).first().waitFor();
  assert.equal(await page.locator(`[data-upcoming-item="${item.id}"]`).count(), 0, 'no longer upcoming');
  await screenshot('allocated-in-inbox');
  // (The notice to the committed person is checked by apps/api/test/workflow/offering.int-spec.ts: here the same
  // person opens the stage, and nobody is told of their own step.)
  log('allocated');
}
