// Commendation history (issue 19, line 5), keyboard only: an officer's nomination for a Giấy khen of the upper union
// is decided (set up through the API as the offices would); the supervisor opens the officer's unit page, follows the
// unit's and then the person's history link, and reads the form, the decision's number and date, and the campaign.
import assert from 'node:assert/strict';
import { apiSession } from '../support/api-session.mjs';
import { signInWithKeyboard, tabTo } from '../support/keyboard.mjs';

export const name = "a person's and a unit's commendation history, keyboard only";

export async function run({ page, baseUrl, password, screenshot, log }) {
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const upper = await apiSession(baseUrl, 'giamsat.yt', password);
  const [campaign] = await officer.call('GET', '/campaigns?status=launched');
  const n = await officer.call('POST', `/campaigns/${campaign.id}/nominations`, {
    nominatingUnitId: officer.user.homeUnit.id,
    nomineeKind: 'individual',
    nomineeName: officer.user.fullName,
    awardForm: 'giay_khen_cd_cap_tren',
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025.',
    reviewMinutes: 'Biên bản họp bình xét số 03/BB-CĐCS.',
  });
  await officer.call('PUT', `/campaigns/nominations/${n.id}/dossier`, {
    report: { position: 'Điều dưỡng', overview: 'Công tác từ năm 2012.', duties: 'Chăm sóc người bệnh.', achievements: [{ year: 2025, text: 'Hoàn thành xuất sắc nhiệm vụ.' }], measures: 'Cải tiến quy trình.', priorAwards: [] },
    meeting: { date: new Date().toISOString().slice(0, 10), members: 9, present: 9, yes: 9, no: 0, abstain: 0, chair: 'Chủ tịch CĐCS', secretary: 'Thư ký' },
  });
  await officer.call('POST', `/campaigns/nominations/${n.id}/dossier/minutes`, { signerName: 'Chủ tịch CĐCS' });
  await officer.call('POST', `/campaigns/nominations/${n.id}/dossier/proposal`, { signerName: 'Chủ tịch CĐCS' });
  await officer.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'submit' });
  const decided = await upper.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'decide' });
  assert.equal(decided.status, 'awarded');
  const doc = await upper.call('GET', `/documents/${decided.decisionDocumentId}`);
  log('decision', doc.symbol);

  // The admin reaches the person through the unit page's people list (the list is the administrators').
  await signInWithKeyboard(page, baseUrl, 'admin', password);
  await page.goto(`${baseUrl}/org/units/${officer.user.homeUnit.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await tabTo(page, page.getByRole('link', { name: 'Lịch sử khen thưởng của đơn vị' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /^Lịch sử khen thưởng: / }).waitFor();
  await page.getByText(/Chưa có khen thưởng nào được quyết định\.|Giấy khen|Bằng khen|Cờ thi đua/).first().waitFor();
  await screenshot('unit-history');
  await tabTo(page, page.getByRole('link', { name: /^Quay lại / }));
  await page.keyboard.press('Enter');
  const personLink = page.getByRole('link', { name: `Lịch sử khen thưởng của ${officer.user.fullName}` });
  await personLink.waitFor();
  await tabTo(page, personLink);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Lịch sử khen thưởng: ${officer.user.fullName}` }).waitFor();
  const entry = page.locator('.history-list li').filter({ hasText: doc.symbol });
  await entry.waitFor();
  const text = await entry.innerText();
  assert.match(text, /Giấy khen của Ban Chấp hành Công đoàn cấp trên trực tiếp cơ sở/);
  assert.match(text, new RegExp(`Số ${doc.symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ngày \\d{2}/\\d{2}/\\d{4}`));
  assert.ok(text.includes(campaign.title), 'the campaign is named');
  await screenshot('person-history');
  // 390 px wide: the history still reads without horizontal scrolling.
  await page.setViewportSize({ width: 390, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 390 px (${overflow})`);
  await screenshot('person-history-390');
}
