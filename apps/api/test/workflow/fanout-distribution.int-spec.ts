import type { TestApp } from '../support/test-app';
import { signIn, startWorkflowApp, unitIdByCode, waitFor, type Client } from './workflow-test-kit';

/** Issue 15, line 7: fan-outs and a changing tree, through the items API and the org API. */
const REPORT = {
  schemaVersion: 1,
  key: 'dist_report',
  version: 1,
  name: { vi: 'Báo cáo của CĐCS' },
  initialStage: 'draft',
  stages: {
    draft: { kind: 'task', name: { vi: 'Lập báo cáo' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'check' }] },
    check: { kind: 'task', name: { vi: 'Cấp trên xem' }, actor: { role: 'supervisor', unit: { kind: 'parent' } }, transitions: [{ on: 'approve', target: 'done' }] },
    done: { kind: 'final', outcome: 'completed', name: { vi: 'Xong' } },
  },
};
const collect = (key: string, fanout: Record<string, unknown>) => ({
  schemaVersion: 1,
  key,
  version: 1,
  name: { vi: `Thu báo cáo ${key}` },
  initialStage: 'collect',
  stages: {
    collect: {
      kind: 'fanout',
      name: { vi: 'Thu báo cáo' },
      fanout: { childWorkflow: 'dist_report', children: { kind: 'children_of_kind', unitKind: 'grassroots_union' }, movedOut: 'cancel', next: 'summary', ...fanout },
      transitions: [{ on: 'close', target: 'summary', by: { role: 'supervisor', unit: { kind: 'own' } } }],
    },
    summary: { kind: 'task', name: { vi: 'Tổng hợp' }, actor: { role: 'supervisor', unit: { kind: 'own' } }, transitions: [{ on: 'approve', target: 'done' }] },
    done: { kind: 'final', outcome: 'completed', name: { vi: 'Xong' } },
  },
});

describe('fan-outs: late submissions, cancel the rest, units added and moved', () => {
  let t: TestApp;
  let admin: Client;
  let district: Client;
  let yt: string;
  const children = (parentId: string): Promise<Array<{ id: string; unitId: string; status: string; outcome: string | null; stage: string }>> =>
    t.dataSource.query(`SELECT id, unit_id AS "unitId", status, outcome, stage FROM work_item WHERE parent_item_id = $1 ORDER BY unit_id`, [parentId]);

  async function publish(def: object): Promise<void> {
    const draft = await admin.post('/api/workflows', { definition: def }).expect(201);
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
  }
  async function launched(key: string): Promise<string> {
    const created = await district.post('/api/items', { workflow: key, unitId: yt, title: `Đợt ${key}`, data: {} }).expect(201);
    const id = created.body.id as string;
    await waitFor(async () => (await district.get(`/api/items/${id}/cascade`).expect(200)).body?.status === 'done', `cascade of ${key}`);
    return id;
  }
  const childOf = async (parentId: string, unitCode: string): Promise<string> => {
    const unitId = await unitIdByCode(t, unitCode);
    return (await children(parentId)).find((c) => c.unitId === unitId)!.id;
  };

  beforeAll(async () => {
    t = await startWorkflowApp();
    admin = await signIn(t.app, 'admin');
    district = await signIn(t.app, 'giamsat.yt');
    yt = await unitIdByCode(t, 'CDN-YT');
    await publish(REPORT);
    await publish(collect('dist_late', { join: { kind: 'count', n: 1 }, onJoin: 'leave_open', lateSubmissions: false }));
    await publish(collect('dist_cancel', { join: { kind: 'count', n: 2 }, onJoin: 'cancel_remaining', lateSubmissions: true }));
    await publish(collect('dist_open', { join: { kind: 'all' }, onJoin: 'leave_open', lateSubmissions: true }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('lateSubmissions: false refuses a straggler’s submission once the join is met, with LATE_SUBMISSION', async () => {
    const parent = await launched('dist_late');
    const [bvdk, tcyt] = await Promise.all([signIn(t.app, 'canbo.yt-bvdk'), signIn(t.app, 'canbo.yt-tcyt')]);
    await bvdk.post(`/api/items/${await childOf(parent, 'CDCS-YT-BVDK')}/actions`, { action: 'submit' }).expect(200);
    await waitFor(async () => (await district.get(`/api/items/${parent}`).expect(200)).body.stage === 'summary', 'the join');
    const late = await tcyt.post(`/api/items/${await childOf(parent, 'CDCS-YT-TCYT')}/actions`, { action: 'submit' }).expect(409);
    expect(late.body).toMatchObject({ code: 'LATE_SUBMISSION', details: { parentItemId: parent, parentStage: 'summary' } });
    const en = await tcyt.post(`/api/items/${await childOf(parent, 'CDCS-YT-TCYT')}/actions`, { action: 'submit' }).set('Accept-Language', 'en').expect(409);
    expect(en.body.detail).toMatch(/late/i);
  });

  it('"cancel the rest" when the join is met never cancels a child that already submitted', async () => {
    const parent = await launched('dist_cancel');
    const [bvdk, tcyt] = await Promise.all([signIn(t.app, 'canbo.yt-bvdk'), signIn(t.app, 'canbo.yt-tcyt')]);
    const a = await childOf(parent, 'CDCS-YT-BVDK');
    const b = await childOf(parent, 'CDCS-YT-TCYT');
    await bvdk.post(`/api/items/${a}/actions`, { action: 'submit' }).expect(200);
    await tcyt.post(`/api/items/${b}/actions`, { action: 'submit' }).expect(200);
    await waitFor(async () => (await district.get(`/api/items/${parent}`).expect(200)).body.stage === 'summary', 'the join');
    await waitFor(async () => (await children(parent)).filter((c) => c.status !== 'final').length === 2, 'the rest cancelled');
    const kids = await children(parent);
    expect(kids.length).toBeGreaterThan(2);
    for (const k of kids) {
      if (k.id === a || k.id === b) expect(k).toMatchObject({ status: 'active', stage: 'check' });
      else expect(k).toMatchObject({ status: 'final', outcome: 'cancelled' });
    }
    // The submitted ones are still reviewed to the end.
    await district.post(`/api/items/${a}/actions`, { action: 'approve' }).expect(200);
  });

  it('a unit created under a collecting district gets its child item at once (on the event)', async () => {
    const parent = await launched('dist_open');
    const before = (await children(parent)).length;
    const unit = await admin.post('/api/units', { code: 'CDCS-YT-MOI', name: 'CĐCS Trạm Y tế mới', kind: 'grassroots_union', parentId: yt }).expect(201);
    // No wait, no reconcile pass: the answer of the creation already found the child in place.
    const kids = await children(parent);
    expect(kids).toHaveLength(before + 1);
    expect(kids.some((k) => k.unitId === unit.body.id)).toBe(true);
  });

  it('a moved unit’s in-flight item goes to the new parent’s reviewer, with history; the old district can no longer approve', async () => {
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const unitId = await unitIdByCode(t, 'CDCS-YT-TCYT');
    const created = await officer.post('/api/items', { workflow: 'unit_plan', unitId, title: 'Kế hoạch trước khi chuyển', data: { goals: 'a', measures: 'b', timeline: 'c' } }).expect(201);
    const id = created.body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    await district.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    const gd = await unitIdByCode(t, 'CDN-GD');
    const moved = await admin.post(`/api/units/${unitId}/move`, { newParentId: gd }).expect(200);
    expect(moved.body.openWork.reassigned).toBeGreaterThanOrEqual(1);
    const item = (await admin.get(`/api/items/${id}`).expect(200)).body;
    expect(item.assignment).toMatchObject({ unitId: gd, claimedBy: null });
    const history = (await admin.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string; details: Record<string, unknown>; changes: Record<string, unknown> }>;
    const rerouted = history.find((e) => e.event === 'unit.reorganised' && e.details.rerouted === true);
    expect(rerouted).toMatchObject({ details: { rule: 'follow_tree', toAssignedUnit: { id: gd } }, changes: { assignedUnitId: { from: yt, to: gd } } });
    expect([403, 404]).toContain((await district.post(`/api/items/${id}/actions`, { action: 'approve' })).status);
    const newReviewer = await signIn(t.app, 'giamsat.gd');
    expect((await newReviewer.get('/api/inbox?workflow=unit_plan').expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(id);
    await newReviewer.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
  });
});
