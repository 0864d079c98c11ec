// Council vote: two nominations reach the province council's vote stage (set up through the API, every step through
// the campaign endpoints, which are the runtime's steps). Each member finds the open ballots on the council page
// (listed by the API) and votes; the tally stays hidden while the vote is open; the secretary closes the ballots on
// the same page; the tally and outcomes appear, counts only; the chair signs the decision of the nomination that
// passed, numbered by the register, and downloads it. Keyboard only (issue 19, line 7); after voting, closing and
// signing the focus is on what replaced the form (line 2).
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { activate, chooseRadio, expectFocus, navigateWithKeyboard } from '../support/keyboard.mjs';
import { signIn } from './unit-plan-round-trip.mjs';

export const name = 'council vote: members vote on the council page, secretary closes, chair signs the decision (keyboard only)';
/** Three browser profiles and five sign-ins: longer than the default on a loaded machine (180 s measured on 2 busy cores). */
export const timeoutMs = 300_000;

const escape = (s) => s.replace(/[()]/g, '\\$&');

export async function run({ page, baseUrl, password, newSession, screenshot, log }) {
  // Set-up: two nominations from a grassroots union, forwarded by the sector union, appraised at the province.
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const upper = await apiSession(baseUrl, 'giamsat.yt', password);
  const department = await apiSession(baseUrl, 'tdkt.tinh', password);
  const [campaign] = await officer.call('GET', '/campaigns?status=launched');
  const stamp = Date.now();
  const nominees = [`Lê Văn Bình (e2e ${stamp})`, `Phạm Thị Cúc (e2e ${stamp})`];
  const itemIds = [];
  for (const nomineeName of nominees) {
    const n = await officer.call('POST', `/campaigns/${campaign.id}/nominations`, {
      nominatingUnitId: officer.user.homeUnit.id,
      nomineeKind: 'individual',
      nomineeName,
      awardForm: 'bang_khen_ldld',
      achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025.',
      reviewMinutes: 'Biên bản họp bình xét số 01/BB-CĐCS.',
    });
    // The dossier the law asks for before it leaves the unit: the structured report, the meeting and its biên bản, the tờ trình.
    await officer.call('PUT', `/campaigns/nominations/${n.id}/dossier`, {
      report: { position: 'Điều dưỡng', overview: 'Công tác từ năm 2010.', duties: 'Chăm sóc người bệnh.', achievements: [{ year: 2025, text: 'Hoàn thành xuất sắc nhiệm vụ.' }], measures: 'Cải tiến quy trình.', priorAwards: [] },
      meeting: { date: new Date().toISOString().slice(0, 10), members: 9, present: 9, yes: 9, no: 0, abstain: 0, chair: 'Chủ tịch CĐCS', secretary: 'Thư ký' },
    });
    await officer.call('POST', `/campaigns/nominations/${n.id}/dossier/minutes`, { signerName: 'Chủ tịch CĐCS' });
    await officer.call('POST', `/campaigns/nominations/${n.id}/dossier/proposal`, { signerName: 'Chủ tịch CĐCS' });
    await officer.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'submit' });
    await upper.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'forward', confirmation: 'Công đoàn cấp trên xác nhận thành tích.' });
    const appraised = await department.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'appraise', comment: 'Đủ điều kiện, trình Hội đồng.' });
    assert.equal(appraised.status, 'in_vote');
    itemIds.push(n.itemId);
  }

  // Three members vote through the generic items API (the ballot is the item's vote stage: those votes count) ...
  for (const [username, first, second] of [['phochutich.tinh', 'yes', 'no'], ['hoidong2', 'yes', 'abstain'], ['hoidong3', 'yes', 'yes']]) {
    const s = await apiSession(baseUrl, username, password);
    await s.call('POST', `/items/${itemIds[0]}/actions`, { action: 'vote', choice: first });
    await s.call('POST', `/items/${itemIds[1]}/actions`, { action: 'vote', choice: second });
  }
  // ... and two on the council page; the second nomination gets 3 of 5 (below the 90 % of members needed).
  const votes = [
    ['chutich.tinh', 'Tán thành', 'Tán thành'],
    ['hoidong1', 'Tán thành', 'Tán thành'],
  ];
  let member;
  const sessions = {};
  for (const [n, [username, first, second]] of votes.entries()) {
    member = await newSession(username);
    sessions[username] = member;
    await signIn(member.page, baseUrl, username, password);
    await navigateWithKeyboard(member.page, 'Hội đồng TĐKT');
    const section = member.page.getByRole('region', { name: campaign.title });
    await section.getByRole('heading', { name: 'Phiếu của bạn' }).waitFor();
    await section.getByText('Kết quả được công bố khi thư ký kết thúc phiên.').waitFor();
    await chooseRadio(member.page, section.getByRole('group', { name: new RegExp(escape(nominees[0])) }).getByLabel(first, { exact: true }));
    await chooseRadio(member.page, section.getByRole('group', { name: new RegExp(escape(nominees[1])) }).getByLabel(second, { exact: true }));
    if (n === 0) await screenshot('member-ballot', member.page);
    await activate(member.page, section.getByRole('button', { name: 'Gửi phiếu' }));
    const thanks = section.getByText(/Bạn đã bỏ phiếu\. Phiếu không thể thay đổi/);
    await thanks.waitFor();
    await expectFocus(member.page, thanks, 'the thanks for voting');
    await section.getByText(`${n + 4}/5 thành viên đã bỏ phiếu`).first().waitFor();
  }
  await screenshot('member-voted', member.page);

  // The secretary closes the ballots on the council page; the tally and the outcomes appear.
  await signIn(page, baseUrl, 'tdkt.tinh', password);
  await navigateWithKeyboard(page, 'Hội đồng TĐKT');
  const open = page.getByRole('region', { name: campaign.title }).filter({ hasText: 'Kết thúc phiên' });
  await open.getByText('5/5 thành viên đã bỏ phiếu').first().waitFor();
  // Closing asks first; the question takes the focus, "cancel" gives it back to the button.
  const closeButton = open.getByRole('button', { name: 'Kết thúc bỏ phiếu…' });
  await activate(page, closeButton);
  const confirmClose = open.getByRole('button', { name: 'Xác nhận kết thúc và công bố kết quả' });
  await expectFocus(page, confirmClose, 'the confirmation');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expectFocus(page, closeButton, 'the close button');
  await page.keyboard.press('Enter');
  await expectFocus(page, confirmClose, 'the confirmation');
  await page.keyboard.press('Enter');
  const tally = page.getByRole('table', { name: 'Kết quả kiểm phiếu' });
  await tally.waitFor();
  await expectFocus(page, page.getByRole('region', { name: campaign.title }).filter({ has: tally }), 'the tally');
  const rowA = tally.getByRole('row').filter({ hasText: nominees[0] });
  const rowB = tally.getByRole('row').filter({ hasText: nominees[1] });
  assert.deepEqual((await rowA.getByRole('cell').allInnerTexts()).slice(1).map((s) => s.trim()), ['5', '0', '0', 'Thông qua']);
  assert.deepEqual((await rowB.getByRole('cell').allInnerTexts()).slice(1).map((s) => s.trim()), ['3', '1', '1', 'Không thông qua']);
  await page.getByText('Bỏ phiếu kín: chỉ công bố số phiếu, không công bố ai chọn gì.').waitFor();
  await screenshot('secretary-tally');

  // The chair (still signed in from voting) signs the decision of the nomination that passed and downloads it.
  const chair = sessions['chutich.tinh'];
  await chair.page.goto(`${baseUrl}/council`);
  const decisions = chair.page.getByRole('region', { name: `Quyết định khen thưởng — ${campaign.title}` });
  await activate(chair.page, decisions.getByLabel(new RegExp(escape(nominees[0]))), 'Space');
  assert.equal(await decisions.getByLabel(new RegExp(escape(nominees[1]))).count(), 0);
  await activate(chair.page, decisions.getByRole('button', { name: 'Ký quyết định khen thưởng' }));
  const downloadButton = decisions.getByRole('button', { name: 'Tải quyết định (.docx)' }).first();
  await downloadButton.waitFor();
  await expectFocus(chair.page, decisions.getByRole('heading', { level: 2 }), 'the decisions’ heading');
  const download = chair.page.waitForEvent('download');
  await activate(chair.page, downloadButton);
  const file = await download;
  log('decision', file.suggestedFilename());
  assert.match(file.suggestedFilename(), /\.docx$/);
  await screenshot('chair-decision', chair.page);
}
