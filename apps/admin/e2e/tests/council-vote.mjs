// Council vote: two nominations reach the province and are appraised (set up through the API). The council
// secretary opens a secret ballot on the council page; four members vote on the ballot page (one finds it through
// the pasted link); the tally stays hidden while the vote is open; the secretary closes it and the tally and
// outcomes appear, for the members too — counts only, never who chose what.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signIn } from './unit-plan-round-trip.mjs';

export const name = 'council vote: members vote, secretary closes, tally shown';

export async function run({ page, baseUrl, password, newSession, screenshot, log }) {
  // Set-up: two nominations from a grassroots union, forwarded by the sector union, appraised at the province.
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const upper = await apiSession(baseUrl, 'giamsat.yt', password);
  const province = await apiSession(baseUrl, 'chutich.tinh', password);
  const [campaign] = await officer.call('GET', '/campaigns');
  const stamp = Date.now();
  const nominees = [`Lê Văn Bình (e2e ${stamp})`, `Phạm Thị Cúc (e2e ${stamp})`];
  for (const nomineeName of nominees) {
    const n = await officer.call('POST', `/campaigns/${campaign.id}/nominations`, {
      nominatingUnitId: officer.user.homeUnit.id,
      nomineeKind: 'individual',
      nomineeName,
      awardForm: 'bang_khen_ldld',
      achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025.',
      reviewMinutes: 'Biên bản họp bình xét số 01/BB-CĐCS.',
    });
    await officer.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'submit' });
    await upper.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'forward' });
    await province.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'appraise' });
  }

  // Secretary: open a secret ballot on both, pass ratio 2/3 of the members.
  await signIn(page, baseUrl, 'tdkt.tinh', password);
  await page.getByRole('link', { name: 'Hội đồng TĐKT', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Hội đồng TĐKT' }).waitFor();
  const form = page.locator('form').filter({ hasText: campaign.title });
  for (const nominee of nominees) await form.getByLabel(new RegExp(nominee.replace(/[()]/g, '\\$&'))).check();
  await form.getByLabel('Tỷ lệ tối thiểu thành viên tham gia (%)').fill('66,67');
  await form.getByLabel('Tỷ lệ tán thành để thông qua (%)').fill('66,67');
  assert.equal(await form.getByLabel('Bỏ phiếu kín (chỉ công bố kết quả)').isChecked(), true);
  await screenshot('secretary-open-ballot');
  await form.getByRole('button', { name: 'Mở phiên bỏ phiếu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Phiên bỏ phiếu của Hội đồng' }).waitFor();
  const ballotUrl = page.url();
  log('ballot', ballotUrl);
  await page.getByText('0/5 thành viên đã bỏ phiếu').waitFor();

  // Members vote. Four of five; the first finds the ballot through the pasted link.
  const votes = [
    ['chutich.tinh', 'Tán thành', 'Tán thành'],
    ['phochutich.tinh', 'Tán thành', 'Không tán thành'],
    ['hoidong1', 'Tán thành', 'Tán thành'],
    ['hoidong2', 'Tán thành', 'Không biểu quyết'],
  ];
  let member;
  for (const [n, [username, first, second]] of votes.entries()) {
    member = await newSession(username);
    await signIn(member.page, baseUrl, username, password);
    if (n === 0) {
      await member.page.getByRole('link', { name: 'Hội đồng TĐKT', exact: true }).click();
      await member.page.getByLabel('Mở phiên bỏ phiếu theo đường dẫn').fill(ballotUrl);
      await member.page.getByRole('button', { name: 'Mở phiên', exact: true }).click();
    } else {
      await member.page.goto(ballotUrl);
    }
    await member.page.getByRole('heading', { name: 'Phiếu của bạn' }).waitFor();
    await member.page.getByText('Kết quả được công bố khi thư ký kết thúc phiên.').waitFor();
    await member.page.getByRole('group', { name: new RegExp(nominees[0].replace(/[()]/g, '\\$&')) }).getByLabel(first, { exact: true }).check();
    await member.page.getByRole('group', { name: new RegExp(nominees[1].replace(/[()]/g, '\\$&')) }).getByLabel(second, { exact: true }).check();
    if (n === 0) await screenshot('member-ballot', member.page);
    await member.page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await member.page.getByText(/Bạn đã bỏ phiếu\. Phiếu không thể thay đổi/).waitFor();
    await member.page.getByText(`${n + 1}/5 thành viên đã bỏ phiếu`).waitFor();
  }
  await screenshot('member-voted', member.page);

  // The secretary closes the vote; the tally and the outcomes appear.
  await page.reload();
  await page.getByText('4/5 thành viên đã bỏ phiếu').first().waitFor();
  await page.getByRole('button', { name: 'Kết thúc bỏ phiếu…' }).click();
  await page.getByRole('button', { name: 'Xác nhận kết thúc và công bố kết quả' }).click();
  const tally = page.getByRole('table', { name: 'Kết quả kiểm phiếu' });
  await tally.waitFor();
  const rowA = tally.getByRole('row').filter({ hasText: nominees[0] });
  const rowB = tally.getByRole('row').filter({ hasText: nominees[1] });
  assert.deepEqual((await rowA.getByRole('cell').allInnerTexts()).slice(1).map((s) => s.trim()), ['4', '0', '0', 'Thông qua']);
  assert.deepEqual((await rowB.getByRole('cell').allInnerTexts()).slice(1).map((s) => s.trim()), ['2', '1', '1', 'Không thông qua']);
  await page.getByText('Bỏ phiếu kín: chỉ công bố số phiếu, không công bố ai chọn gì.').waitFor();
  await screenshot('secretary-tally');

  // A member sees the same tally once the vote is closed.
  await member.page.reload();
  await member.page.getByRole('table', { name: 'Kết quả kiểm phiếu' }).getByText('Thông qua', { exact: true }).waitFor();
  assert.equal(await member.page.getByRole('button', { name: 'Gửi phiếu' }).count(), 0);
}
