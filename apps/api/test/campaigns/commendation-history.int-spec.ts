import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { startCommendationCampaign, type CommendationCampaign } from './support/commendation-campaign';
import { COLLECTIVE_REPORT, completeDossier } from './support/dossier';

type Entry = { nominationId: string; nomineeName: string; nomineeKind: string; awardFormName: string; decisionSymbol: string | null; decisionDate: string | null; campaignTitle: string };

/** Issue 19, line 5: a person's and a unit's commendation history, from the nominations that reached a decision. */
describe('commendation history', () => {
  let t: TestApp;
  let u: Record<string, string>;
  let users: Record<string, string>;
  let campaignId: string;
  let http: ReturnType<typeof request>;
  let who: CommendationCampaign['who'];
  let fullName: string;

  const nominate = async (body: Record<string, unknown>) =>
    (await http.post(`/api/campaigns/${campaignId}/nominations`).set(await who('canbo.yt-bvdk')).send({ nominatingUnitId: u['CDCS-YT-BVDK'], nomineeKind: 'individual', achievementSummary: 'Thành tích', reviewMinutes: 'Biên bản', ...body }).expect(201)).body as { id: string; itemId: string };
  const act = async (user: string, itemId: string, action: string) => http.post(`/api/items/${itemId}/actions`).set(await who(user)).send({ action }).expect(200);
  const history = async (user: string, query: string, status = 200) => (await http.get(`/api/commendations/history?${query}`).set(await who(user)).expect(status)).body as { items: Entry[]; nextCursor: string | null };

  beforeAll(async () => {
    ({ t, http, u, users, campaignId, who } = await startCommendationCampaign('KT-LS'));
    fullName = (await t.dataSource.query(`SELECT full_name FROM app_user WHERE username = 'canbo.yt-bvdk'`))[0].full_name;
    // Two decided Giấy khen for the officer (their name at their home unit), one still a draft, one for someone else.
    for (const name of [fullName, fullName, 'Người Khác']) {
      const n = await nominate({ nomineeName: name, awardForm: 'giay_khen_cdcs', awardLevel: 'own_unit' });
      await act('canbo.yt-bvdk', n.itemId, 'submit');
      await act('chutich.bvdk', n.itemId, 'approve');
    }
    await nominate({ nomineeName: fullName, awardForm: 'giay_khen_cdcs', awardLevel: 'own_unit' });
    // A collective award of the unit, decided by the upper union.
    const c = await nominate({ nomineeKind: 'collective', nomineeName: 'Công đoàn cơ sở Bệnh viện Đa khoa', nomineeUnitId: u['CDCS-YT-BVDK'], awardForm: 'giay_khen_cd_cap_tren' });
    await completeDossier(http, await who('canbo.yt-bvdk'), c.id, COLLECTIVE_REPORT);
    await act('canbo.yt-bvdk', c.itemId, 'submit');
    await act('giamsat.yt', c.itemId, 'approve');
  });
  afterAll(async () => t.close());

  it("a person's page lists their decided commendations only, with form, decision number, date and campaign, paged", async () => {
    const first = await history('giamsat.yt', `userId=${users['canbo.yt-bvdk']}&limit=1`);
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await history('giamsat.yt', `userId=${users['canbo.yt-bvdk']}&limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((e) => e.nominationId)).size).toBe(2);
    for (const e of all) {
      expect(e).toMatchObject({ nomineeKind: 'individual', awardFormName: 'Giấy khen của Ban Chấp hành Công đoàn cơ sở', campaignTitle: expect.any(String) });
      expect(e.decisionSymbol).toMatch(/^\d{2,}\/QĐ-/);
      expect(e.decisionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The officer reads their own; someone who does not see the unit is told nothing.
    expect((await history('canbo.yt-bvdk', `userId=${users['canbo.yt-bvdk']}`)).items).toHaveLength(2);
    await history('canbo.yt-tcyt', `userId=${users['canbo.yt-bvdk']}`, 404);
  });

  it("a unit's page lists its collective commendations; exactly one of userId or unitId", async () => {
    const page = await history('canbo.yt-bvdk', `unitId=${u['CDCS-YT-BVDK']}`);
    expect(page.items).toEqual([expect.objectContaining({ nomineeKind: 'collective', nomineeName: 'Công đoàn cơ sở Bệnh viện Đa khoa' })]);
    expect(page.items[0].decisionSymbol).toMatch(/QĐ/);
    await history('canbo.yt-tcyt', `unitId=${u['CDCS-YT-BVDK']}`, 404);
    await history('giamsat.yt', '', 400);
    await history('giamsat.yt', `unitId=${u['CDCS-YT-BVDK']}&userId=${users['canbo.yt-bvdk']}`, 400);
  });
});
