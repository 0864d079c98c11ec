// Delegation from the UI (issue 19, line 5), keyboard only: a supervisor hands their roles to an officer of a unit
// under them for a period, sees it active, the officer sees whom they act for, and the supervisor ends it early.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signInWithKeyboard, tabTo } from '../support/keyboard.mjs';

export const name = 'delegation created and ended from the UI, keyboard only';
/** Measured 79–177 s on the shared machine at load 39; the default 120 s is too tight there. */
export const timeoutMs = 300_000;

export async function run({ page, baseUrl, password, newSession, screenshot, log }) {
  const supervisor = await apiSession(baseUrl, 'giamsat.yt', password);
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  // Left over from an earlier run: ended first, so the page starts clean.
  for (const d of (await supervisor.call('GET', '/delegations?activeOnly=true')).items) await supervisor.call('POST', `/delegations/${d.id}/revoke`);

  await signInWithKeyboard(page, baseUrl, 'giamsat.yt', password);
  await tabTo(page, page.getByRole('link', { name: 'Ủy quyền', exact: true }).first());
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Ủy quyền' }).waitFor();

  // Choose the officer in the list with the keyboard (type-ahead on a focused select picks the matching option).
  const select = page.getByLabel('Người nhận ủy quyền');
  await page.waitForFunction(() => document.querySelectorAll('select option').length > 1);
  await tabTo(page, select);
  const optionIndex = await select.evaluate((el, name) => [...el.options].findIndex((o) => o.textContent === name), officer.user.fullName);
  assert.ok(optionIndex > 0, 'the officer is offered');
  for (let n = 0; n < optionIndex; n += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await select.inputValue(), officer.user.id);
  // Dates as the product shows them: Vietnam's calendar (UTC+07:00), whatever the machine's zone (after 17:00 UTC
  // it is already tomorrow there).
  const today = new Date(Date.now() + 7 * 3_600_000);
  const until = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 7));
  const dmy = (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  await tabTo(page, page.getByLabel('Đến hết ngày'));
  await page.keyboard.type(dmy(until));
  await tabTo(page, page.getByLabel('Lý do'));
  await page.keyboard.type('Đi công tác tại Hà Nội');
  await screenshot('delegation-form');
  await tabTo(page, page.getByRole('button', { name: 'Ủy quyền', exact: true }));
  await page.keyboard.press('Enter');

  const given = page.getByRole('region', { name: 'Ủy quyền bạn đã giao' });
  const row = given.getByRole('row').filter({ hasText: `@${officer.user.username}` }).filter({ hasText: 'Đang hiệu lực' });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`${dmy(today)} – ${dmy(until)}`));
  await screenshot('delegation-active');
  log('created');

  // The delegate sees whom they act for.
  const delegate = await newSession('delegate');
  await signInWithKeyboard(delegate.page, baseUrl, 'canbo.yt-bvdk', password);
  await tabTo(delegate.page, delegate.page.getByRole('link', { name: 'Ủy quyền', exact: true }).first());
  await delegate.page.keyboard.press('Enter');
  await delegate.page.getByRole('heading', { name: 'Bạn đang làm thay' }).waitFor();
  assert.match(await delegate.page.getByRole('region', { name: 'Bạn đang làm thay' }).innerText(), new RegExp(supervisor.user.fullName.replace(/[()]/g, '\\$&')));
  await delegate.page.getByRole('region', { name: 'Ủy quyền bạn nhận' }).getByText('Đang hiệu lực').waitFor();
  await screenshot('delegate-acting-for', delegate.page);

  // The supervisor ends it early.
  await tabTo(page, given.getByRole('button', { name: `Kết thúc sớm ủy quyền với @${officer.user.username}` }));
  await page.keyboard.press('Enter');
  await given.getByRole('row').filter({ hasText: `@${officer.user.username}` }).filter({ hasText: 'Đã kết thúc ngày' }).first().waitFor();
  await screenshot('delegation-ended');
  const active = (await supervisor.call('GET', '/delegations?activeOnly=true')).items;
  assert.equal(active.length, 0);
}
