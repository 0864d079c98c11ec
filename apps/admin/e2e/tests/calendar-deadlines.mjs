// The calendar of deadlines, with the keyboard only: a supervisor reaches "Lịch hạn" from the menu with Tab, finds
// the plan an officer has just sent (its deadline on its day, dd/mm/yyyy), moves to the next month and back with the
// buttons, and opens the plan with Enter. In English the page is in English; at 390 px it is a list of days.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signIn } from './unit-plan-round-trip.mjs';

export const name = 'calendar of deadlines (keyboard only)';
/** Measured 79–177 s on the shared machine at load 39; the default 120 s is too tight there. */
export const timeoutMs = 300_000;

const activeText = (page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

async function tabTo(page, text, { back = false, max = 80 } = {}) {
  for (let n = 0; n < max; n += 1) {
    if ((await activeText(page)) === text) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.equal(await activeText(page), text, `Tab never reached “${text}”`);
}

const ddmmyyyy = (iso) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year}`;
};

export async function run({ page, baseUrl, password, screenshot }) {
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const created = await officer.call('POST', '/items', {
    workflow: 'unit_plan',
    unitId: officer.user.homeUnit.id,
    title: `Kế hoạch có hạn (e2e ${Date.now()})`,
    data: { goals: 'Mục tiêu', measures: 'Giải pháp', timeline: 'Năm 2026' },
  });
  const plan = await officer.call('POST', `/items/${created.id}/actions`, { action: 'submit', expectedVersion: created.version });
  assert.ok(plan.dueAt, 'the submitted plan has a deadline');
  const due = ddmmyyyy(plan.dueAt);
  const today = ddmmyyyy(new Date().toISOString());
  const monthsAhead = (Number(due.slice(6)) - Number(today.slice(6))) * 12 + Number(due.slice(3, 5)) - Number(today.slice(3, 5));

  await signIn(page, baseUrl, 'giamsat.yt', password);
  await page.locator('body').focus();
  await tabTo(page, 'Lịch hạn');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Lịch hạn' }).waitFor();
  await page.getByRole('heading', { level: 2, name: `Tháng ${today.slice(3)}` }).waitFor();
  await page.getByRole('status').filter({ hasText: /đến hạn trong tháng|Không có hạn/ }).waitFor();
  await screenshot('calendar-this-month');

  // The next month and back, with the buttons.
  await tabTo(page, 'Tháng sau');
  for (let n = 0; n < Math.max(monthsAhead, 1); n += 1) await page.keyboard.press('Enter');
  if (monthsAhead === 0) {
    await page.getByRole('link', { name: plan.title, exact: true }).waitFor({ state: 'detached' });
    await page.keyboard.press('Shift+Tab');
    assert.equal(await activeText(page), 'Tháng trước');
    await page.keyboard.press('Enter');
  }
  await page.getByRole('heading', { level: 2, name: `Tháng ${due.slice(3)}` }).waitFor();

  // The plan on its day.
  const link = page.getByRole('link', { name: plan.title, exact: true });
  await link.waitFor();
  const cell = page.locator('td').filter({ has: link });
  assert.ok((await cell.innerText()).includes(due.slice(0, 2).replace(/^0/, '')), 'the day number is shown');
  assert.equal(await cell.locator('.visually-hidden').first().textContent(), due, 'the day reads as dd/mm/yyyy');
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no UUID on screen');
  // Every overdue entry the API reports is marked.
  const inbox = await (await apiSession(baseUrl, 'giamsat.yt', password)).call('GET', '/inbox?limit=200');
  for (const i of inbox.items.filter((x) => x.isOverdue && x.dueAt && ddmmyyyy(x.dueAt).slice(3) === due.slice(3))) {
    assert.match(await page.locator('li').filter({ hasText: i.title }).first().innerText(), /Quá hạn/);
  }
  await screenshot('calendar-due-month');

  await tabTo(page, plan.title);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: plan.title }).waitFor();

  // English, and a phone's width.
  await page.evaluate(() => localStorage.setItem('thidua.language', 'en'));
  await page.goto(`${baseUrl}/calendar?month=${due.slice(6)}-${due.slice(3, 5)}`);
  await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
  await page.getByRole('button', { name: 'Next month' }).waitFor();
  await page.getByRole('link', { name: plan.title, exact: true }).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `calendar is ${overflow}px wider than a 390 px screen`);
  assert.equal(await page.getByRole('link', { name: plan.title, exact: true }).isVisible(), true);
  await screenshot('calendar-390-en');
  await page.evaluate(() => localStorage.setItem('thidua.language', 'vi'));
}
