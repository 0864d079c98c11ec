// Inbox keyboard shortcuts and the print view, with the keyboard only: the supervisor lists the shortcuts with "?",
// moves with j/k and the arrows, approves with "a", returns with "r" (the reason dialog refuses an empty reason), and
// "a" on a plan the officer has just withdrawn does nothing but say so (the engine no longer allows it: the page
// asked GET /items/:id/allowed-actions). Then Enter opens a plan, Tab reaches "Bản in", and the print view shows the
// document (issuer, motto, title, workflow and stage in words, the data with labels, attachments, history); "In"
// calls the browser's print, whose stylesheet hides the application around the document. At 390 px too.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { expectFocus } from '../support/keyboard.mjs';
import { signIn } from './unit-plan-round-trip.mjs';

export const name = 'inbox shortcuts and item print view (keyboard only)';
/** Measured 79–177 s on the shared machine at load 39; the default 120 s is too tight there. */
export const timeoutMs = 300_000;

const activeText = (page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** Press `key` until the focused element's text is `text` (at most `max` presses). */
async function pressUntil(page, key, text, max = 80) {
  for (let n = 0; n < max; n += 1) {
    if ((await activeText(page)) === text) return;
    await page.keyboard.press(key);
  }
  assert.equal(await activeText(page), text, `pressing ${key} never reached “${text}”`);
}

/** Move the inbox selection with j (down), then k (up), until the row titled `title` is the current one. */
async function selectRow(page, title, down = 'j', up = 'k') {
  for (const key of [down, up]) {
    for (let n = 0; n < 40; n += 1) {
      if ((await activeText(page)) === title) break;
      await page.keyboard.press(key);
    }
  }
  assert.equal(await activeText(page), title, `j/k never reached “${title}”`);
  assert.equal(await page.locator('tr.is-current').innerText().then((t) => t.includes(title)), true);
}

export async function run({ page, baseUrl, password, screenshot, log }) {
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const stamp = Date.now();
  const plans = [];
  for (const n of [1, 2, 3, 4]) {
    const item = await officer.call('POST', '/items', {
      workflow: 'unit_plan',
      unitId: officer.user.homeUnit.id,
      title: `Kế hoạch phím tắt ${n} (e2e ${stamp})`,
      data: { goals: `Mục tiêu số ${n}`, measures: `Giải pháp số ${n}`, timeline: 'Năm 2026' },
    });
    plans.push(await officer.call('POST', `/items/${item.id}/actions`, { action: 'submit', expectedVersion: item.version }));
  }
  // An attachment on the fourth plan, for the print view's list.
  const login = await (await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo.yt-bvdk', password }) })).json();
  const form = new FormData();
  form.append('file', new Blob(['Biên bản họp ban chấp hành\n'], { type: 'text/plain' }), 'bien-ban-phim-tat.txt');
  const upload = await fetch(`${baseUrl}/api/items/${plans[3].id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${login.accessToken}`, 'idempotency-key': `e2e-print-${stamp}` }, body: form });
  assert.ok(upload.ok, `upload → ${upload.status} ${await upload.text()}`);
  const [planA, planB, planC, planD] = plans;

  await signIn(page, baseUrl, 'giamsat.yt', password);
  await page.goto(`${baseUrl}/inbox?workflow=unit_plan`);
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  for (const p of plans) await page.getByRole('link', { name: p.title, exact: true }).waitFor();

  // "?" lists the shortcuts; Escape closes the list.
  await page.locator('body').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Phím tắt trong hộp việc' });
  await help.waitFor();
  assert.match(await help.innerText(), /Duyệt hồ sơ đang chọn/);
  assert.match(await help.innerText(), /Trả lại hồ sơ đang chọn/);
  await screenshot('shortcuts-help');
  // Tab stays inside the open list (a modal dialog).
  for (let n = 0; n < 3; n += 1) await page.keyboard.press('Tab');
  await expectFocus(page, help, 'the list of shortcuts', { within: true });
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  // Opened from the page itself, the list gives the focus to its button when it closes, not to the top of the page.
  await expectFocus(page, page.getByRole('button', { name: 'Phím tắt (?)' }), 'the shortcuts button');

  // The officer withdraws plan C meanwhile: "a" on it is refused by the page, which asked what the engine allows now.
  await officer.call('POST', `/items/${planC.id}/actions`, { action: 'withdraw' });
  await selectRow(page, planC.title);
  assert.equal(await page.locator('tr.is-current').count(), 1);
  await page.keyboard.press('a');
  await page.getByText(`Bạn không thể duyệt “${planC.title}” lúc này.`).waitFor();
  await screenshot('approve-not-allowed');

  // Arrows move too; "a" approves plan A.
  await selectRow(page, planA.title, 'ArrowDown', 'ArrowUp');
  await page.keyboard.press('a');
  await page.getByText(`Đã duyệt “${planA.title}”.`).waitFor();
  // The next row takes the focus of the one that left.
  await expectFocus(page, page.locator('tr.is-current a[id^="inbox-link-"]'), 'the next row');
  assert.notEqual(await activeText(page), planA.title);
  await page.getByRole('link', { name: planA.title, exact: true }).waitFor({ state: 'detached', timeout: 20_000 });
  const a = await officer.call('GET', `/items/${planA.id}`);
  assert.ok(a.version > planA.version, 'plan A was acted on');
  const aEvents = await officer.call('GET', `/items/${planA.id}/history`);
  assert.equal(aEvents.at(-1).event, 'approve', 'the last event of plan A is the approval');

  // "r" on plan B opens the reason dialog; an empty reason is refused; the reason is kept in the history.
  await selectRow(page, planB.title);
  await page.keyboard.press('r');
  const dialog = page.getByRole('dialog', { name: `Trả lại “${planB.title}”` });
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'return-reason');
  await page.keyboard.press('Tab');
  assert.equal(await activeText(page), 'Trả lại');
  await page.keyboard.press('Enter');
  await dialog.getByText('Cần ghi lý do trả lại.').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'return-reason');
  await page.keyboard.type('Bổ sung chỉ tiêu cụ thể cho quý II.');
  await screenshot('return-dialog');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByText(`Đã trả lại “${planB.title}”.`).waitFor();
  const history = await officer.call('GET', `/items/${planB.id}/history`);
  assert.ok(history.some((e) => e.event === 'return' && e.comment === 'Bổ sung chỉ tiêu cụ thể cho quý II.'), 'the return and its reason are in the history');
  await screenshot('after-return');

  // Enter opens plan D; Tab reaches "Bản in"; Enter opens the print view.
  await page.getByRole('link', { name: planB.title, exact: true }).waitFor({ state: 'detached', timeout: 20_000 });
  await selectRow(page, planD.title);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: planD.title }).waitFor();
  await pressUntil(page, 'Tab', 'Bản in', 60);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === `/items/${planD.id}/print`);
  const doc = page.locator('article.print-doc');
  await doc.getByRole('heading', { level: 1, name: planD.title }).waitFor();
  await doc.getByText('bien-ban-phim-tat.txt', { exact: false }).waitFor();
  const text = await doc.innerText();
  for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập – Tự do – Hạnh phúc', 'Loại hồ sơ', 'Bước hiện tại', 'Mục tiêu số 4', 'Giải pháp số 4', 'I. NỘI DUNG HỒ SƠ', 'II. TÀI LIỆU KÈM THEO', 'III. QUÁ TRÌNH XỬ LÝ']) {
    assert.ok(text.includes(expected), `print view shows “${expected}”`);
  }
  assert.match(text, /Ngày \d{2} tháng \d{2} năm \d{4}/);
  assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'no UUID on the document');
  assert.doesNotMatch(text, /unit_plan|supervisor_review/, 'no raw codes on the document');
  await screenshot('print-view');

  // "In" calls the browser's print (recorded here instead of opening the dialog), reached with Tab.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
    };
  });
  await pressUntil(page, 'Tab', 'In', 60);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.__printed), 1);

  // The printed page: the header and the toolbar are hidden, the document stays.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.header').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'In', exact: true }).isVisible(), false);
  assert.equal(await doc.isVisible(), true);
  await screenshot('print-media');
  await page.emulateMedia({ media: 'screen' });

  // 390 px: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `print view is ${overflow}px wider than a 390 px screen`);
  await screenshot('print-view-390');
  log('plans', plans.map((p) => p.id).join(', '));
}
