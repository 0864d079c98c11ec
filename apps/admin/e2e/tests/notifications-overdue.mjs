// Issue 19, lines 2 and 4: a notification says what happened, who did it, the reason, with a link; the page filters
// by kind, marks read and the header's unread badge follows; overdue work is marked in words wherever it is listed.
// Set-up through the API: the officer's plan is returned by the supervisor with a reason; a copy of the unit-plan
// workflow whose stages are due the moment they are entered (deadline 0 days) gives an item whose deadline is past.
// Keyboard only (issue 19, line 7); after marking a notification read the focus stays on its card (line 2).
import assert from 'node:assert/strict';
import { ensureOverdueWorkflow, OVERDUE_KEY } from '../support/overdue.mjs';
import { apiSession } from '../support/api-session.mjs';
import { activate, chooseOption, expectFocus, navigateWithKeyboard } from '../support/keyboard.mjs';
import { signIn } from './unit-plan-round-trip.mjs';

export const timeoutMs = 240_000;
export const name = 'notifications: what happened, by whom, why; filter, mark read, badge; overdue marks (keyboard only)';

async function badgeCount(page) {
  const label = await page.getByRole('link', { name: /^Thông báo: \d+ chưa đọc$/ }).getAttribute('aria-label');
  return Number(/(\d+)/.exec(label)[1]);
}

export async function run({ page, baseUrl, password, env, newSession, screenshot, log }) {
  const stamp = Date.now();
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const supervisor = await apiSession(baseUrl, 'giamsat.yt', password);
  const admin = await apiSession(baseUrl, env.E2E_ADMIN ?? 'admin', password);
  const data = { goals: 'Nâng cao tỷ lệ đoàn viên', measures: 'Tuyên truyền', timeline: 'Năm 2026' };

  const returnedTitle = `Kế hoạch bị trả lại (e2e ${stamp})`;
  const reason = `Bổ sung chỉ tiêu về tỷ lệ đoàn viên tham gia ${stamp}`;
  let item = await officer.call('POST', '/items', { workflow: 'unit_plan', unitId: officer.user.homeUnit.id, title: returnedTitle, data });
  item = await officer.call('POST', `/items/${item.id}/actions`, { action: 'submit', expectedVersion: item.version });
  await supervisor.call('POST', `/items/${item.id}/actions`, { action: 'return', comment: reason, expectedVersion: item.version });
  const returnedId = item.id;

  await ensureOverdueWorkflow(admin);
  const lateTitle = `Kế hoạch quá hạn (e2e ${stamp})`;
  let late = await officer.call('POST', '/items', { workflow: OVERDUE_KEY, unitId: officer.user.homeUnit.id, title: lateTitle, data });
  late = await officer.call('POST', `/items/${late.id}/actions`, { action: 'submit', expectedVersion: late.version });
  assert.ok(late.dueAt && Date.parse(late.dueAt) <= Date.now(), `the item's deadline is past (${late.dueAt})`);
  log('returned', returnedId, 'overdue', late.id);

  // The officer: the notification of the return says who returned which plan and why, with a link to it.
  await signIn(page, baseUrl, 'canbo.yt-bvdk', password);
  await activate(page, page.getByRole('link', { name: /^Thông báo: \d+ chưa đọc$/ }));
  await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
  const sentence = `đã trả lại hồ sơ “${returnedTitle}” để chỉnh sửa, lý do: “${reason}”.`;
  const card = page.getByRole('listitem').filter({ hasText: sentence });
  await card.waitFor({ timeout: 30_000 });
  assert.match(await card.innerText(), new RegExp(`^Mới\\s+Trần Thị Lan \\(giả định\\) ${sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.equal(await card.getByRole('link', { name: 'Xem hồ sơ' }).getAttribute('href'), `/items/${returnedId}`);
  assert.equal(await page.getByRole('listitem').filter({ hasText: returnedTitle }).count(), 1, 'one notification of the return');
  await screenshot('notifications-all');

  // Filter by kind: only returns are listed.
  await chooseOption(page, page.getByLabel('Loại thông báo'), 'returned');
  await page.waitForFunction(() => [...document.querySelectorAll('.notification-list > li')].every((li) => li.textContent.includes('đã trả lại')));
  await card.waitFor();
  await chooseOption(page, page.getByLabel('Loại thông báo'), 'deadline');
  await page.getByRole('listitem').filter({ hasText: sentence }).waitFor({ state: 'detached' });
  await chooseOption(page, page.getByLabel('Loại thông báo'), 'returned');
  await card.waitFor();
  await screenshot('notifications-returned-filter');

  // Mark read: the badge in the header counts one less; "Chưa đọc" no longer lists it.
  const before = await badgeCount(page);
  assert.ok(before >= 1, `unread before: ${before}`);
  await activate(page, card.getByRole('button', { name: 'Đánh dấu đã đọc' }));
  await page.waitForFunction((n) => document.querySelector('.notification-badge')?.getAttribute('aria-label') === `Thông báo: ${n} chưa đọc`, before - 1);
  // The list is fetched again after the badge: wait for the card to lose its "Mới" mark.
  await card.getByText('Mới', { exact: true }).waitFor({ state: 'detached' });
  assert.equal(await card.getByText('Mới', { exact: true }).count(), 0);
  // Its button is gone: the focus is on the same notification's link.
  await expectFocus(page, card.getByRole('link', { name: /^Xem hồ sơ/ }), 'the notification’s link');
  await chooseOption(page, page.getByLabel('Hiển thị'), 'unread');
  await page.getByRole('listitem').filter({ hasText: sentence }).waitFor({ state: 'detached' });
  await screenshot('notifications-marked-read');

  // Overdue: the supervisor's inbox row and home page, and the item's page, say "Quá hạn" in words.
  const { page: sup } = await newSession('supervisor');
  await signIn(sup, baseUrl, 'giamsat.yt', password);
  const homeTask = sup.getByRole('listitem').filter({ hasText: lateTitle });
  await homeTask.waitFor();
  await homeTask.getByText('Quá hạn', { exact: true }).waitFor();
  await screenshot('home-overdue', sup);
  await navigateWithKeyboard(sup, 'Hộp việc');
  const row = sup.getByRole('row').filter({ hasText: lateTitle });
  await row.getByText('Quá hạn', { exact: true }).waitFor();
  assert.equal(await sup.getByRole('row').filter({ hasText: returnedTitle }).count(), 0, 'the returned plan is back with the officer');
  await screenshot('inbox-overdue', sup);
  await activate(sup, row.getByRole('link', { name: lateTitle }));
  await sup.getByRole('heading', { level: 1, name: lateTitle }).waitFor();
  await sup.getByText('Quá hạn', { exact: true }).first().waitFor();
  await screenshot('item-overdue', sup);
}
