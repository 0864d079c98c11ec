import { WorkflowScheduler } from '../../src/modules/workflow/timers/workflow-scheduler';
import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, unitIdByCode, waitFor, type Client } from './workflow-test-kit';

const DAY = 86_400_000;

/** Review at the grassroots union's parent, escalated: province supervisors, then the province's chair, then a named person. */
function chainDefinition(key: string, person: string): Record<string, unknown> {
  return {
    schemaVersion: 1,
    key,
    version: 1,
    name: { vi: 'Chuỗi chuyển cấp', en: 'Escalation chain' },
    initialStage: 'draft',
    stages: {
      draft: { kind: 'task', name: { vi: 'Soạn' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
      review: {
        kind: 'task',
        name: { vi: 'Duyệt' },
        actor: { role: 'supervisor', unit: { kind: 'parent' } },
        transitions: [
          { on: 'approve', target: 'approved' },
          { on: 'return', target: 'draft' },
        ],
        deadline: {
          days: 2,
          calendar: 'calendar',
          escalations: [
            { afterDays: 1, action: 'reassign', to: { role: 'supervisor', unit: { kind: 'ancestor_of_kind', unitKind: 'province_federation' } } },
            { afterDays: 2, action: 'reassign', to: { chairOf: { kind: 'ancestor_of_kind', unitKind: 'province_federation' } } },
            { afterDays: 3, action: 'reassign', to: { person: { username: person } } },
          ],
        },
      },
      approved: { kind: 'final', name: { vi: 'Đã duyệt' }, outcome: 'approved' },
    },
  };
}

describe('escalation to any routing selector, in chains (issue 15, line 4)', () => {
  let t: TestApp;
  let scheduler: WorkflowScheduler;
  let admin: Client;
  beforeAll(async () => {
    t = await startWorkflowApp();
    scheduler = t.app.get(WorkflowScheduler, { strict: false });
    admin = await signIn(t.app, 'admin');
    const draft = await admin.post('/api/workflows', { definition: chainDefinition('esc_chain', 'phochutich.tinh') }).expect(201);
    const published = await admin.post(`/api/workflows/${draft.body.id}/publish`);
    if (published.status !== 200) throw new Error(JSON.stringify(published.body));
  });
  afterAll(async () => {
    await t.close();
  });

  const itemRow = async (id: string): Promise<{ stage: string; unitId: string; userId: string | null; role: string }> =>
    (await t.dataSource.query(`SELECT stage, assigned_unit_id AS "unitId", assigned_user_id AS "userId", assigned_role AS role FROM work_item WHERE id = $1`, [id]))[0];
  const escalationEvents = async (id: string): Promise<Array<{ audit: Array<{ escalations?: Array<Record<string, unknown>> }> }>> =>
    (await t.dataSource.query(`SELECT details FROM work_item_event WHERE item_id = $1 AND event = 'timer.fired' AND details->>'kind' = 'escalation' ORDER BY id`, [id])).map((r: { details: unknown }) => r.details);
  const inboxHas = async (c: Client, id: string): Promise<boolean> => (await c.get('/api/inbox?limit=200').expect(200)).body.items.some((i: { id: string }) => i.id === id);
  const notified = (c: Client, id: string, template: string): Promise<boolean> =>
    waitFor(async () => (await c.get('/api/notifications?limit=100').expect(200)).body.items.some((n: { template: string; itemId: string | null }) => n.template === template && n.itemId === id), `${c.username}: ${template}`);

  async function claimedReview(title: string): Promise<{ id: string; due: number }> {
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const unitId = await unitIdByCode(t, 'CDCS-YT-TCYT');
    const created = await officer.post('/api/items', { workflow: 'esc_chain', unitId, title, data: {} }).expect(201);
    await officer.post(`/api/items/${created.body.id}/actions`, { action: 'submit' }).expect(200);
    const holder = await signIn(t.app, 'giamsat.yt');
    await holder.post(`/api/items/${created.body.id}/actions`, { action: 'claim' }).expect(200);
    const item = (await holder.get(`/api/items/${created.body.id}`).expect(200)).body;
    return { id: created.body.id as string, due: Date.parse(item.dueAt as string) };
  }

  it('publishing refuses a step naming an unknown person, with its path', async () => {
    const draft = await admin.post('/api/workflows', { definition: chainDefinition('esc_ghost', 'khong.ton.tai') }).expect(201);
    const res = await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(422);
    expect(res.body.code).toBe('DEFINITION_INVALID');
    expect(res.body.details.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'stages.review.deadline.escalations[2].to.person.username', code: 'unknown_person' })]));
  });

  it('a chain of three steps: province supervisors (ancestor of a kind) → the province chair → a named person', async () => {
    const province = await unitIdByCode(t, 'LDLD-NT');
    const chair = await signIn(t.app, 'chutich.tinh');
    const named = await signIn(t.app, 'phochutich.tinh');
    const holder = await signIn(t.app, 'giamsat.yt');
    // The chair is recorded on the unit (admin, PATCH /units/:id); someone without a role there is refused.
    const tdkt = await signIn(t.app, 'canbo.yt-tcyt');
    expect((await admin.patch(`/api/units/${province}`, { chairUserId: tdkt.userId }).expect(422)).body.details.reason).toBe('chair_not_at_unit');
    expect((await admin.patch(`/api/units/${province}`, { chairUserId: chair.userId }).expect(200)).body.chairUserId).toBe(chair.userId);

    const { id, due } = await claimedReview('Chuỗi ba bước');
    expect(await itemRow(id)).toMatchObject({ stage: 'review', userId: holder.userId });

    // Step 1 (deadline + 1 day): offered to the province's supervisors; the holder is told it was taken away.
    expect((await scheduler.fireDue(new Date(due + DAY + 60_000))).fired).toBe(1);
    expect(await itemRow(id)).toMatchObject({ stage: 'review', unitId: province, userId: null, role: 'supervisor' });
    expect(await inboxHas(chair, id)).toBe(true);
    expect(await inboxHas(named, id)).toBe(true);
    expect(await inboxHas(holder, id)).toBe(false);
    await notified(chair, id, 'item.escalated');
    await notified(holder, id, 'item.escalated_away');
    let events = await escalationEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0].audit[0].escalations).toEqual([{ step: 0, action: 'reassign', from: { userId: holder.userId }, to: { unitId: province, role: 'supervisor' } }]);

    // Step 2 (deadline + 2 days): to the chair by name; the other province supervisor no longer sees it offered.
    expect((await scheduler.fireDue(new Date(due + 2 * DAY + 60_000))).fired).toBe(1);
    expect(await itemRow(id)).toMatchObject({ unitId: province, userId: chair.userId });
    expect(await inboxHas(chair, id)).toBe(true);
    expect(await inboxHas(named, id)).toBe(false);
    events = await escalationEvents(id);
    expect(events[1].audit[0].escalations).toEqual([{ step: 1, action: 'reassign', from: { unitId: province, role: 'supervisor' }, to: { userId: chair.userId } }]);
    await notified(named, id, 'item.escalated_away');

    // Step 3 (deadline + 3 days): to the named person; the chair is told it was taken away.
    expect((await scheduler.fireDue(new Date(due + 3 * DAY + 60_000))).fired).toBe(1);
    expect(await itemRow(id)).toMatchObject({ unitId: province, userId: named.userId });
    expect(await inboxHas(named, id)).toBe(true);
    expect(await inboxHas(chair, id)).toBe(false);
    await notified(named, id, 'item.escalated');
    await notified(chair, id, 'item.escalated_away');
    events = await escalationEvents(id);
    expect(events.map((e) => e.audit[0].escalations?.map((s) => s.step))).toEqual([[0], [1], [2]]);
    expect(events[2].audit[0].escalations?.[0]).toMatchObject({ from: { userId: chair.userId }, to: { userId: named.userId } });
    // Nothing more is pending; the chain fired once each. The receiver decides; the former holder cannot.
    expect(await scheduler.fireDue(new Date(due + 30 * DAY))).toEqual({ fired: 0, stale: 0, failed: 0 });
    expect((await chair.post(`/api/items/${id}/actions`, { action: 'approve' })).status).toBeGreaterThanOrEqual(400);
    await named.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    expect((await itemRow(id)).stage).toBe('approved');
  });

  it('the scheduler down for days: the steps due at once apply in order, once each', async () => {
    const named = await signIn(t.app, 'phochutich.tinh');
    const { id, due } = await claimedReview('Bộ hẹn giờ dừng');
    const report = await scheduler.fireDue(new Date(due + 5 * DAY));
    // The run also fires what earlier tests left due; this item's three steps: one fired, two found applied (stale).
    expect(report.failed).toBe(0);
    const mine = await t.dataSource.query(`SELECT status, count(*)::int AS n FROM workflow_timer WHERE item_id = $1 AND kind = 'escalation' GROUP BY status ORDER BY status`, [id]);
    // Which of the three (equally due) timers the scheduler takes first varies; each step applies once either way:
    // the first one taken applies every step due up to its own, and the timers of steps it applied are found stale.
    const statuses = Object.fromEntries((mine as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]));
    expect((statuses.fired ?? 0) + (statuses.stale ?? 0)).toBe(3);
    expect(statuses.fired).toBeGreaterThanOrEqual(1);
    expect(await itemRow(id)).toMatchObject({ userId: named.userId });
    const steps = (await escalationEvents(id)).flatMap((e) => e.audit[0].escalations?.map((s) => s.step) ?? []);
    expect(steps).toEqual([0, 1, 2]);
  });

  it('an escalation and the holder’s decision at the same instant: exactly one takes effect', async () => {
    const holder = await signIn(t.app, 'giamsat.yt');
    const province = await unitIdByCode(t, 'LDLD-NT');
    const seen = { approve: 0, escalation: 0 };
    for (let round = 0; round < 4; round += 1) {
      const { id, due } = await claimedReview(`Đua ${round}`);
      const [approve] = await Promise.all([holder.post(`/api/items/${id}/actions`, { action: 'approve' }), scheduler.fireDue(new Date(due + DAY + 60_000))]);
      const row = await itemRow(id);
      const events = await escalationEvents(id);
      const approved = (await t.dataSource.query(`SELECT count(*)::int AS n FROM work_item_event WHERE item_id = $1 AND event = 'approve'`, [id]))[0].n;
      if (approve.status === 200) {
        seen.approve += 1;
        expect(row.stage).toBe('approved');
        expect(events).toHaveLength(0);
        expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM workflow_timer WHERE item_id = $1 AND status = 'pending'`, [id]))[0].n).toBe(0);
      } else {
        seen.escalation += 1;
        expect(approve.status).toBeGreaterThanOrEqual(400);
        expect(approved).toBe(0);
        expect(events).toHaveLength(1);
        expect(row).toMatchObject({ stage: 'review', unitId: province, userId: null });
      }
    }
    expect(seen.approve + seen.escalation).toBe(4);
  });

  it('line 2: reassign and cancel are refused at the item’s own unit and allowed at the unit holding the stage', async () => {
    const flow = {
      schemaVersion: 1,
      key: 'priv_holding',
      version: 1,
      name: { vi: 'Đặc quyền tại đơn vị giữ việc' },
      initialStage: 'draft',
      privileges: { reassign: ['supervisor'], cancel: ['supervisor'] },
      stages: {
        draft: { kind: 'task', name: { vi: 'Soạn' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }, { on: 'cancel', target: 'cancelled' }] },
        review: { kind: 'task', name: { vi: 'Duyệt' }, actor: { role: 'supervisor', unit: { kind: 'parent' } }, transitions: [{ on: 'approve', target: 'approved' }] },
        approved: { kind: 'final', name: { vi: 'Đã duyệt' }, outcome: 'approved' },
        cancelled: { kind: 'final', name: { vi: 'Đã huỷ' }, outcome: 'cancelled' },
      },
    };
    const draft = await admin.post('/api/workflows', { definition: flow }).expect(201);
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
    await createUsers(t, 'gstcyt', 1, 'supervisor', 'CDCS-YT-TCYT');
    await createUsers(t, 'gsnganhyt', 1, 'supervisor', 'CDN-YT');
    const own = await signIn(t.app, 'gstcyt1');
    const holding = await signIn(t.app, 'giamsat.yt');
    const colleague = await signIn(t.app, 'gsnganhyt1');
    const officer = await signIn(t.app, 'canbo.yt-tcyt');
    const unitId = await unitIdByCode(t, 'CDCS-YT-TCYT');
    const submitted = async (title: string): Promise<string> => {
      const created = await officer.post('/api/items', { workflow: 'priv_holding', unitId, title, data: {} }).expect(201);
      await officer.post(`/api/items/${created.body.id}/actions`, { action: 'submit' }).expect(200);
      return created.body.id as string;
    };
    const a = await submitted('Giao lại');
    // The grassroots union's own supervisor holds `reassign` by role, but not at the district holding the review.
    expect((await own.post(`/api/items/${a}/actions`, { action: 'reassign', toUserId: colleague.userId }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    const moved = await holding.post(`/api/items/${a}/actions`, { action: 'reassign', toUserId: colleague.userId }).expect(200);
    expect(moved.body.assignment).toMatchObject({ claimedBy: colleague.userId });
    const b = await submitted('Huỷ');
    expect((await own.post(`/api/items/${b}/actions`, { action: 'cancel', comment: 'Không cần nữa' }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    expect((await itemRow(b)).stage).toBe('review');
    await holding.post(`/api/items/${b}/actions`, { action: 'cancel', comment: 'Không cần nữa' }).expect(200);
    expect((await itemRow(b)).stage).toBe('cancelled');
  });
});
