import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { startCommendationCampaign, type CommendationCampaign } from './support/commendation-campaign';
import { completeDossier } from './support/dossier';

type Nomination = { id: string; itemId: string; status: string; atUnitId: string | null; decisionDocumentId: string | null; stage: string; itemVersion: number; history: Array<{ action: string; byUserId: string | null }> };
type Ballot = { id: string; status: string; castCount: number; eligibleCount: number; hasVoted: boolean; mayVote: boolean; mayClose: boolean; tally: { yes: number; no: number; abstain: number } | null; outcome: string | null; secret: boolean };

const NOMINEE = { nomineeType: 'individual', achievementReport: 'Hoàn thành xuất sắc nhiệm vụ năm 2021', reviewMinutesRef: 'Biên bản họp BCH CĐCS ngày 10/12/2021' };

/**
 * Commendations on the runtime, taken as users take them: every step through `/api/items/:id/actions` or a
 * campaign endpoint (the two are the same step), the campaign's view read after each step. Runs on the
 * embedded database by default and on PostgreSQL with DATABASE_URL.
 */
describe(`commendations are work items; the campaign shows their state (${process.env.TEST_DB_KIND})`, () => {
  let t: TestApp;
  let u: Record<string, string>;
  let users: Record<string, string>;
  let campaignId: string;
  let http: ReturnType<typeof request>;
  let who: CommendationCampaign['who'];

  const nominations = async (): Promise<Nomination[]> => (await http.get(`/api/campaigns/${campaignId}/nominations`).set(await who('tdkt.tinh')).expect(200)).body;
  const nominationOfItem = async (itemId: string): Promise<Nomination> => {
    const n = (await nominations()).find((x) => x.itemId === itemId);
    if (!n) throw new Error(`no nomination for item ${itemId}`);
    return n;
  };
  const itemAct = (user: string, itemId: string, body: Record<string, unknown>) => who(user).then((a) => http.post(`/api/items/${itemId}/actions`).set(a).send(body));
  const campaignAct = (user: string, nominationId: string, body: Record<string, unknown>) => who(user).then((a) => http.post(`/api/campaigns/nominations/${nominationId}/actions`).set(a).send(body));
  const nominate = async (user: string, body: Record<string, unknown>) =>
    who(user).then((a) => http.post(`/api/campaigns/${campaignId}/nominations`).set(a).send({ nominatingUnitId: u['CDCS-YT-BVDK'], nomineeKind: 'individual', achievementSummary: 'Thành tích', reviewMinutes: 'Biên bản', ...body }));
  const createItem = async (user: string, data: Record<string, unknown>, unit = 'CDCS-YT-BVDK') =>
    who(user).then((a) => http.post('/api/items').set(a).send({ workflow: 'commendation', unitId: u[unit], campaignId, title: `Đề nghị khen thưởng: ${String(data.nomineeName)}`, data: { ...NOMINEE, ...data } }));
  const lastEventOf = async (itemId: string) => (await t.dataSource.query(`SELECT event, actor_user_id AS "actorUserId", details FROM work_item_event WHERE item_id = $1 ORDER BY id DESC LIMIT 1`, [itemId]))[0];

  beforeAll(async () => {
    ({ t, http, u, users, campaignId, who } = await startCommendationCampaign('KT-2021'));
  });
  afterAll(async () => t.close());

  it('a grassroots union awards itself through the items API: the nomination, its status and the numbered QĐ follow the item', async () => {
    const created = await createItem('canbo.yt-bvdk', { nomineeName: 'Đặng Thị Mai', awardForm: 'giay_khen_cdcs', awardLevel: 'own_unit' });
    expect(created.status).toBe(201);
    const itemId = created.body.id as string;
    expect(await nominationOfItem(itemId)).toMatchObject({ status: 'draft', atUnitId: u['CDCS-YT-BVDK'], decisionDocumentId: null });

    await itemAct('canbo.yt-bvdk', itemId, { action: 'submit' }).then((r) => expect(r.status).toBe(200));
    expect(await nominationOfItem(itemId)).toMatchObject({ status: 'submitted', atUnitId: u['CDCS-YT-BVDK'] });
    // Out of turn: the officer may not decide; the engine's refusal, nothing written.
    const refused = await itemAct('canbo.yt-bvdk', itemId, { action: 'approve' });
    expect(refused.status).toBe(403);
    expect(await lastEventOf(itemId)).toMatchObject({ event: 'submit' });

    await itemAct('chutich.bvdk', itemId, { action: 'approve' }).then((r) => expect(r.status).toBe(200));
    const awarded = await nominationOfItem(itemId);
    expect(awarded).toMatchObject({ status: 'awarded', atUnitId: null });
    // The person acted, not "system".
    const last = await lastEventOf(itemId);
    expect(last).toMatchObject({ event: 'approve', actorUserId: users['chutich.bvdk'] });
    expect(last.details.system).toBeUndefined();
    const doc = (await http.get(`/api/documents/${awarded.decisionDocumentId}`).set(await who('chutich.bvdk')).expect(200)).body;
    expect(doc).toMatchObject({ status: 'signed', issuerUnitId: u['CDCS-YT-BVDK'] });
    expect(doc.symbol).toMatch(/^\d{2,}\/QĐ-/);
    expect(doc.body.join('\n')).toContain('Đặng Thị Mai');
    await http.get(`/api/documents/${doc.id}/docx`).set(await who('chutich.bvdk')).expect(200);
    // The runtime's own numbering job for the stage finds the decision signed: one document, one number.
    await new Promise((r) => setTimeout(r, 300));
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM official_document WHERE source_ref = $1`, [`work_item:${itemId}`]);
    expect(n).toBe(1);
  });

  it('checks the quota when the nomination is created, whichever endpoint creates it; a wrong level is refused', async () => {
    await http.put(`/api/campaigns/${campaignId}/quotas`).set(await who('tdkt.tinh')).send({ unitId: u['CDCS-YT-BVDK'], awardForm: 'doan_vien_xuat_sac', maxCount: 1 }).expect(200);
    const first = await nominate('canbo.yt-bvdk', { nomineeName: 'Lò Văn Tâm', awardForm: 'doan_vien_xuat_sac' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'draft', stage: expect.any(String), itemId: expect.any(String) });
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM work_item WHERE workflow_key = 'commendation' AND campaign_id = $1`, [campaignId]);
    const second = await createItem('canbo.yt-bvdk', { nomineeName: 'Chamaléa Thị Hoa', awardForm: 'doan_vien_xuat_sac', awardLevel: 'own_unit' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('QUOTA_EXCEEDED');
    const third = await nominate('canbo.yt-bvdk', { nomineeName: 'Pi Năng Thị Lan', awardForm: 'doan_vien_xuat_sac' });
    expect(third.status).toBe(409);
    const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM work_item WHERE workflow_key = 'commendation' AND campaign_id = $1`, [campaignId]);
    expect(after[0].n).toBe(before[0].n);
    // Withdrawn, the place is free again.
    await campaignAct('canbo.yt-bvdk', first.body.id, { action: 'withdraw' }).then((r) => expect(r.body.status).toBe('withdrawn'));
    expect((await nominate('canbo.yt-bvdk', { nomineeName: 'Pi Năng Thị Lan', awardForm: 'doan_vien_xuat_sac' })).status).toBe(201);
    const wrongLevel = await createItem('canbo.yt-bvdk', { nomineeName: 'Sai cấp', awardForm: 'giay_khen_cdcs', awardLevel: 'bang_khen_province' });
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body.code).toBe('VALIDATION_FAILED');
  });

  it('the upper union decides its Giấy khen: the campaign endpoint and the items API take the same step', async () => {
    const viaCampaign = (await nominate('canbo.yt-bvdk', { nomineeName: 'Lê Văn Phúc', awardForm: 'giay_khen_cd_cap_tren' }).then((r) => r.body)) as Nomination;
    const viaItems = (await nominate('canbo.yt-bvdk', { nomineeName: 'Trần Văn Minh', awardForm: 'giay_khen_cd_cap_tren' }).then((r) => r.body)) as Nomination;
    for (const n of [viaCampaign, viaItems]) await completeDossier(http, await who('canbo.yt-bvdk'), n.id);
    await campaignAct('canbo.yt-bvdk', viaCampaign.id, { action: 'submit' }).then((r) => expect(r.body).toMatchObject({ status: 'submitted', atUnitId: u['CDN-YT'] }));
    await itemAct('canbo.yt-bvdk', viaItems.itemId, { action: 'submit' }).then((r) => expect(r.status).toBe(200));
    expect(await nominationOfItem(viaItems.itemId)).toMatchObject({ status: 'submitted', atUnitId: u['CDN-YT'] });
    // Forwarding a form the upper union decides itself is refused by the definition's guard, on both paths.
    expect((await campaignAct('giamsat.yt', viaCampaign.id, { action: 'forward' })).status).toBe(422);
    expect((await itemAct('giamsat.yt', viaItems.itemId, { action: 'forward' })).status).toBe(422);
    const a = (await campaignAct('giamsat.yt', viaCampaign.id, { action: 'decide' })).body as Nomination;
    await itemAct('giamsat.yt', viaItems.itemId, { action: 'approve' }).then((r) => expect(r.status).toBe(200));
    const b = await nominationOfItem(viaItems.itemId);
    for (const n of [a, b]) {
      expect(n).toMatchObject({ status: 'awarded', atUnitId: null, stage: a.stage });
      const doc = (await http.get(`/api/documents/${n.decisionDocumentId}`).set(await who('giamsat.yt')).expect(200)).body;
      expect(doc).toMatchObject({ status: 'signed', issuerUnitId: u['CDN-YT'] });
    }
    expect(a.history.map((h) => h.action)).toEqual(b.history.map((h) => h.action));
    expect(a.history.at(-1)?.byUserId).toBe(users['giamsat.yt']);
  });

  it('the province council votes in the item vote stage: votes through either endpoint count, nothing before the close but the count, then the decision', async () => {
    const n = (await nominate('canbo.yt-bvdk', { nomineeName: 'Nguyễn Thị Hoa', awardForm: 'bang_khen_ldld' }).then((r) => r.body)) as Nomination;
    await completeDossier(http, await who('canbo.yt-bvdk'), n.id);
    await itemAct('canbo.yt-bvdk', n.itemId, { action: 'submit' });
    await campaignAct('giamsat.yt', n.id, { action: 'forward', confirmation: 'Xác nhận thành tích đúng thực tế' }).then((r) => expect(r.body).toMatchObject({ status: 'forwarded', atUnitId: u['LDLD-NT'] }));
    await campaignAct('tdkt.tinh', n.id, { action: 'appraise', comment: 'Đủ điều kiện, trình Hội đồng' }).then((r) => expect(r.body).toMatchObject({ status: 'in_vote' }));

    const ballotFor = async (user: string) => (await http.get(`/api/campaigns/ballots/${n.itemId}`).set(await who(user))).body as Ballot;
    const listed = (await http.get('/api/campaigns/ballots').query({ status: 'open', campaignId }).set(await who('hoidong1')).expect(200)).body as Ballot[];
    expect(listed.map((b) => b.id)).toContain(n.itemId);
    expect(await ballotFor('hoidong1')).toMatchObject({ status: 'open', secret: true, castCount: 0, eligibleCount: 5, mayVote: true, mayClose: false, tally: null });
    expect(await ballotFor('tdkt.tinh')).toMatchObject({ mayVote: false, mayClose: true });
    // Not a reader: the same answer as an id that does not exist.
    const outsider = await http.get(`/api/campaigns/ballots/${n.itemId}`).set(await who('canbo.yt-bvdk'));
    const random = await http.get(`/api/campaigns/ballots/00000000-0000-4000-8000-000000000000`).set(await who('canbo.yt-bvdk'));
    expect([outsider.status, outsider.body.code]).toEqual([404, 'NOT_FOUND']);
    expect([random.status, random.body.code]).toEqual([outsider.status, outsider.body.code]);
    expect((await http.get('/api/campaigns/ballots').query({ campaignId }).set(await who('canbo.yt-bvdk')).expect(200)).body).toEqual([]);

    // One vote through the generic items API, one through the council endpoint: both count.
    await itemAct('hoidong1', n.itemId, { action: 'vote', choice: 'yes' }).then((r) => expect(r.status).toBe(200));
    const afterCouncil = (await http.post('/api/campaigns/ballots/votes').set(await who('hoidong2')).send({ choices: { [n.itemId]: 'yes' } }).expect(200)).body as Ballot[];
    expect(afterCouncil[0]).toMatchObject({ castCount: 2, hasVoted: true, mayVote: false, tally: null });
    expect((await http.post('/api/campaigns/ballots/votes').set(await who('hoidong1')).send({ choices: { [n.itemId]: 'no' } })).body.code).toBe('ALREADY_VOTED');
    // The unit's officer sees the item it submitted but is no voter: the engine's refusal.
    expect((await itemAct('canbo.yt-bvdk', n.itemId, { action: 'vote', choice: 'yes' })).status).toBe(403);
    expect(await ballotFor('chutich.tinh')).toMatchObject({ castCount: 2, tally: null });
    // A member may not close; the secretary closes: 2 of 5 is below the 2/3 quorum.
    expect((await http.post('/api/campaigns/ballots/close').set(await who('hoidong3')).send({ ballotIds: [n.itemId] })).status).toBe(403);
    const closed = (await http.post('/api/campaigns/ballots/close').set(await who('tdkt.tinh')).send({ ballotIds: [n.itemId] }).expect(200)).body as Ballot[];
    expect(closed[0]).toMatchObject({ status: 'closed', outcome: 'no_quorum', tally: { yes: 2, no: 0, abstain: 0 } });
    expect(await nominationOfItem(n.itemId)).toMatchObject({ status: 'no_quorum', atUnitId: u['LDLD-NT'] });

    // A second vote: every member votes yes (90 % of the members needed).
    await campaignAct('tdkt.tinh', n.id, { action: 'appraise', comment: 'Trình lại Hội đồng' }).then((r) => expect(r.body.status).toBe('in_vote'));
    for (const m of ['chutich.tinh', 'phochutich.tinh', 'hoidong1', 'hoidong2', 'hoidong3']) await itemAct(m, n.itemId, { action: 'vote', choice: 'yes' }).then((r) => expect(r.status).toBe(200));
    expect(await ballotFor('hoidong3')).toMatchObject({ castCount: 5, tally: null });
    await http.post('/api/campaigns/ballots/close').set(await who('tdkt.tinh')).send({ ballotIds: [n.itemId] }).expect(200);
    expect(await nominationOfItem(n.itemId)).toMatchObject({ status: 'passed', atUnitId: u['LDLD-NT'] });
    expect(await ballotFor('hoidong3')).toMatchObject({ status: 'closed', outcome: 'passed', tally: { yes: 5, no: 0, abstain: 0 } });

    // The standing committee's decision, numbered by the register, downloadable.
    expect((await http.post(`/api/campaigns/${campaignId}/decisions`).set(await who('tdkt.tinh')).send({ nominationIds: [n.id] })).status).toBe(403);
    const decided = (await http.post(`/api/campaigns/${campaignId}/decisions`).set(await who('chutich.tinh')).send({ nominationIds: [n.id] }).expect(201)).body;
    expect(decided.nominations[0]).toMatchObject({ status: 'awarded' });
    expect(decided.documents[0].symbol).toMatch(/^\d{2,}\/QĐ-LĐLĐ$/);
    expect(decided.documents[0].body.join('\n')).toContain('Nguyễn Thị Hoa');
    await http.get(`/api/documents/${decided.documents[0].id}/docx`).set(await who('chutich.tinh')).expect(200);
    expect(await lastEventOf(n.itemId)).toMatchObject({ event: 'approve', actorUserId: users['chutich.tinh'] });
  });

  it('stores a secret ballot so that who voted and what was chosen cannot be linked', async () => {
    const n = (await nominate('canbo.yt-bvdk', { nomineeName: 'Phạm Thị Lan', awardForm: 'bang_khen_ldld', nomineeKind: 'individual' }).then((r) => r.body)) as Nomination;
    await completeDossier(http, await who('canbo.yt-bvdk'), n.id);
    await itemAct('canbo.yt-bvdk', n.itemId, { action: 'submit' }).then((r) => expect(r.status).toBe(200));
    await itemAct('giamsat.yt', n.itemId, { action: 'forward', data: { achievementConfirmation: 'Xác nhận' } }).then((r) => expect(r.status).toBe(200));
    await itemAct('tdkt.tinh', n.itemId, { action: 'forward', data: { appraisalNotes: 'Đủ điều kiện' } });
    const choices: Record<string, 'yes' | 'no' | 'abstain'> = { 'chutich.tinh': 'yes', 'phochutich.tinh': 'no', hoidong1: 'abstain', hoidong2: 'yes' };
    for (const [m, choice] of Object.entries(choices)) await itemAct(m, n.itemId, { action: 'vote', choice }).then((r) => expect(r.status).toBe(200));
    // Everything stored about this item: the item row, its history, audit rows, outbox and notifications.
    const rows: string[] = [
      ...(await t.dataSource.query(`SELECT row_to_json(w)::text AS j FROM work_item w WHERE id = $1`, [n.itemId])).map((r: { j: string }) => r.j),
      ...(await t.dataSource.query(`SELECT row_to_json(e)::text AS j FROM work_item_event e WHERE item_id = $1`, [n.itemId])).map((r: { j: string }) => r.j),
      ...(await t.dataSource.query(`SELECT row_to_json(a)::text AS j FROM audit_log a WHERE entity_id = $1 OR details::text LIKE $2`, [n.itemId, `%${n.itemId}%`])).map((r: { j: string }) => r.j),
      ...(await t.dataSource.query(`SELECT row_to_json(o)::text AS j FROM outbox o WHERE payload::text LIKE $1`, [`%${n.itemId}%`])).map((r: { j: string }) => r.j),
    ];
    const voteRows = rows.filter((j) => j.includes('"vote.cast"'));
    expect(voteRows).toHaveLength(4);
    // Each participation row names the voter and no choice.
    for (const j of voteRows) expect(j).not.toMatch(/"choice"|"(yes|no|abstain)"\s*[,}]|ballots/);
    // The item keeps who voted and the counts only: no choice per voter, no order of choices.
    const [item] = await t.dataSource.query(`SELECT snapshot FROM work_item WHERE id = $1`, [n.itemId]);
    expect(item.snapshot.vote.ballots).toBeUndefined();
    expect(item.snapshot.vote.tally).toEqual({ yes: 2, no: 1, abstain: 1 });
    expect(Object.keys(item.snapshot.vote).sort()).toEqual(['eligible', 'tally', 'voters']);
    // Before the close nobody is shown more than the count, the secretary included.
    for (const reader of ['tdkt.tinh', 'chutich.tinh', 'hoidong1']) {
      const b = (await http.get(`/api/campaigns/ballots/${n.itemId}`).set(await who(reader)).expect(200)).body as Ballot;
      expect(b).toMatchObject({ castCount: 4, tally: null, outcome: null });
      const i = (await http.get(`/api/items/${n.itemId}`).set(await who(reader)).expect(200)).body;
      expect(i.vote).toMatchObject({ cast: 4, tally: null });
    }
  });

  it('v2 of `commendation` with renamed stages (hooks kept) runs a nomination to its numbered decision; a v3 without the decision hook is refused', async () => {
    const admin = await who('admin');
    const list = (await http.get('/api/workflows').query({ key: 'commendation' }).set(admin).expect(200)).body;
    const published = (Array.isArray(list) ? list : list.items).find((d: { key: string; status: string }) => d.key === 'commendation' && d.status === 'published');
    const v1 = (await http.get(`/api/workflows/${published.id}`).set(admin).expect(200)).body.definition;
    const rename = (id: string) => `buoc_${id}`;
    const v2 = JSON.parse(JSON.stringify(v1));
    v2.version = 2;
    v2.initialStage = rename(v1.initialStage);
    v2.stages = Object.fromEntries(
      Object.entries(v1.stages as Record<string, Record<string, unknown>>).map(([id, s]) => {
        const next = JSON.parse(JSON.stringify(s));
        for (const tr of next.transitions ?? []) if (tr.target) tr.target = rename(tr.target);
        if (next.outcomes) next.outcomes = Object.fromEntries(Object.entries(next.outcomes as Record<string, string>).map(([k, v]) => [k, rename(v)]));
        return [rename(id), next];
      }),
    );
    const draft = await http.post('/api/workflows').set(admin).send({ definition: v2 });
    expect(draft.status).toBe(201);
    await http.post(`/api/workflows/${draft.body.id}/publish`).set(admin).send({}).expect((r) => expect([200, 201]).toContain(r.status));

    const n = (await nominate('canbo.yt-bvdk', { nomineeName: 'Võ Văn Tài', awardForm: 'giay_khen_cd_cap_tren' }).then((r) => r.body)) as Nomination;
    expect(n.stage).toBe(rename(v1.initialStage));
    await completeDossier(http, await who('canbo.yt-bvdk'), n.id);
    await campaignAct('canbo.yt-bvdk', n.id, { action: 'submit' }).then((r) => expect(r.body).toMatchObject({ status: 'submitted', atUnitId: u['CDN-YT'] }));
    const decided = (await campaignAct('giamsat.yt', n.id, { action: 'decide' })).body as Nomination;
    expect(decided.status).toBe('awarded');
    expect(decided.stage.startsWith('buoc_')).toBe(true);
    const doc = (await http.get(`/api/documents/${decided.decisionDocumentId}`).set(await who('giamsat.yt')).expect(200)).body;
    expect(doc.symbol).toMatch(/^\d{2,}\/QĐ-/);

    const v3 = JSON.parse(JSON.stringify(v2));
    v3.version = 3;
    for (const s of Object.values(v3.stages as Record<string, { hooks?: Array<{ name: string }> }>)) if (s.hooks) s.hooks = s.hooks.filter((h) => h.name !== 'commendation.issue_decision');
    const bad = await http.post('/api/workflows').set(admin).send({ definition: v3 });
    const publishBad = bad.status === 201 ? await http.post(`/api/workflows/${bad.body.id}/publish`).set(admin).send({}) : bad;
    expect(publishBad.status).toBe(422);
    expect(JSON.stringify(publishBad.body)).toContain('commendation.issue_decision');
  });
});
