// Issue 19, line 2: overdue work is marked everywhere it is listed, in words ("Quá hạn"), not by colour alone.
// An officer's plan whose deadline is past (support/overdue.mjs): the officer's unit page lists it among the items
// the unit sent (the items list, GET /items); the upper union's supervisor finds it on the unit page's tasks, in the
// inbox table and on the calendar of deadlines. In each list the item's own row or entry carries the visible word.
// (The notifications about it say "đã quá hạn" in their sentence: notifications-overdue.mjs.)
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signInAs } from '../support/every-page.mjs';
import { overduePlan } from '../support/overdue.mjs';

export const name = 'overdue work is marked in words in every list: unit page, items sent, inbox, calendar';
export const timeoutMs = 240_000;

/** The row or entry shows the word, visibly (not only a class or a colour). */
async function saysOverdue(row, where) {
  await row.first().waitFor({ timeout: 30_000 });
  assert.equal(await row.count(), 1, `${where}: one row for the item`);
  const mark = row.getByText('Quá hạn', { exact: true });
  await mark.waitFor({ timeout: 15_000 });
  const box = await mark.boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, `${where}: the word "Quá hạn" is visible`);
}

export async function run({ page, baseUrl, password, newSession, screenshot }) {
  const admin = await apiSession(baseUrl, 'admin', password);
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const title = `Kế hoạch trễ hạn (e2e ${Date.now()})`;
  const late = await overduePlan(admin, officer, title);

  // The officer's unit page: "Đã gửi, đang chờ cấp trên" is the unit's items list.
  await signInAs(page, baseUrl, 'canbo.yt-bvdk', password);
  await page.getByRole('heading', { level: 2, name: 'Đã gửi, đang chờ cấp trên' }).waitFor();
  await saysOverdue(page.locator('.task-list > li').filter({ hasText: title }), 'officer, items sent');
  await screenshot('officer-sent-overdue');

  const { page: sup } = await newSession('supervisor');
  await signInAs(sup, baseUrl, 'giamsat.yt', password);
  await saysOverdue(sup.locator('.task-list > li').filter({ hasText: title }), 'supervisor, unit page tasks');

  await sup.goto(`${baseUrl}/inbox`);
  await sup.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  await saysOverdue(sup.getByRole('row').filter({ hasText: title }), 'supervisor, inbox');
  await screenshot('inbox-overdue', sup);

  // The calendar opens on this month, where the deadline (the moment it was submitted) falls.
  await sup.goto(`${baseUrl}/calendar`);
  await sup.getByRole('heading', { level: 1, name: 'Lịch hạn' }).waitFor();
  const entry = sup.locator('.calendar-grid li').filter({ has: sup.getByRole('link', { name: title, exact: true }) });
  await saysOverdue(entry, 'supervisor, calendar');
  assert.equal(await sup.getByRole('link', { name: title, exact: true }).getAttribute('href'), `/items/${late.id}`);
  await screenshot('calendar-overdue', sup);
}
