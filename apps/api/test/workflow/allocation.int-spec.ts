import { allocate } from '@thidua/workflow-core';
import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, unitIdByCode, type Client } from './workflow-test-kit';

/**
 * Work distribution (issue 15, line 6) through the API: allocation by round robin, shortest queue, random, capability
 * and least recently allocated (who gets the item over several items), a person named in the data with start on
 * creation, start on allocation, a role named in the data, piled execution ("take next") and chained execution.
 * The district (CDN-YT) reviews; its only supervisors here are gsal1..3 (the demo's are removed), so the candidates
 * are known.
 */
describe('work allocation strategies, start modes, piled and chained execution', () => {
  let t: TestApp;
  let admin: Client;
  let officer: Client;
  let sups: Client[];
  /** The three supervisors' ids in the order the strategies break ties (user id). */
  let sorted: string[];
  let unitId: string;
  let districtId: string;

  const KHEN_THUONG = 'Chuyên trách thi đua – khen thưởng';

  async function publish(key: string, review: Record<string, unknown>, extra: { dataFields?: unknown[]; stages?: Record<string, unknown>; reviewTarget?: string } = {}): Promise<void> {
    const flow = {
      schemaVersion: 1,
      key,
      version: 1,
      name: { vi: `Phân công ${key}` },
      initialStage: 'draft',
      ...(extra.dataFields ? { dataFields: extra.dataFields } : {}),
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
        review: { kind: 'task', name: { vi: 'Duyệt' }, actor: { role: 'supervisor', unit: { kind: 'parent' }, ...review }, transitions: [{ on: 'approve', target: extra.reviewTarget ?? 'done' }] },
        ...(extra.stages ?? {}),
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    };
    const draft = await admin.post('/api/workflows', { definition: flow });
    if (draft.status !== 201) throw new Error(JSON.stringify(draft.body));
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
  }

  async function submitted(workflow: string, data: Record<string, unknown> = {}): Promise<{ id: string; assignment: { userId: string | null; claimedBy: string | null; role: string; startedAt: string | null } | null; workState: string }> {
    const id = (await officer.post('/api/items', { workflow, unitId, title: `Hồ sơ ${workflow}`, data }).expect(201)).body.id as string;
    await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
    const item = (await admin.get(`/api/items/${id}`).expect(200)).body;
    return { id, assignment: item.assignment, workState: item.workState };
  }
  const holderOf = async (workflow: string): Promise<string | null> => (await submitted(workflow)).assignment?.claimedBy ?? null;

  async function historyAudit(id: string): Promise<Array<{ action: string; reason?: string; strategy?: string; userId?: string }>> {
    const rows: Array<{ details: { audit?: Array<{ action: string }> } }> = await t.dataSource.query(`SELECT details FROM work_item_event WHERE item_id = $1 AND event = 'submit'`, [id]);
    return (rows[0]?.details.audit ?? []) as Array<{ action: string }>;
  }

  beforeAll(async () => {
    t = await startWorkflowApp();
    districtId = await unitIdByCode(t, 'CDN-YT');
    await t.dataSource.query(`DELETE FROM role_assignment WHERE role = 'supervisor' AND unit_id = $1`, [districtId]);
    await createUsers(t, 'gsal', 3, 'supervisor', 'CDN-YT');
    admin = await signIn(t.app, 'admin');
    officer = await signIn(t.app, 'canbo.yt-bvdk');
    sups = await Promise.all([1, 2, 3].map((i) => signIn(t.app, `gsal${i}`)));
    sorted = sups.map((s) => s.userId).sort();
    unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
  });
  afterAll(async () => {
    await t.close();
  });

  it('round robin: each item to the next supervisor in turn, wrapping; the turn is kept in the database', async () => {
    await publish('al_rr', { assignment: { mode: 'allocate', strategy: 'round_robin' } });
    const got: Array<string | null> = [];
    for (let i = 0; i < 4; i++) got.push(await holderOf('al_rr'));
    expect(got).toEqual([sorted[0], sorted[1], sorted[2], sorted[0]]);
    // Another process allocated to sorted[2] since: the next turn follows the stored cursor, not this process's memory.
    await t.dataSource.query(
      `UPDATE workflow_allocation SET last_allocated_at = now() + interval '1 minute' WHERE workflow_key = 'al_rr' AND stage = 'review' AND unit_id = $1 AND user_id = $2`,
      [districtId, sorted[2]],
    );
    expect(await holderOf('al_rr')).toBe(sorted[0]);
    const rows: Array<{ allocations: number }> = await t.dataSource.query(`SELECT allocations FROM workflow_allocation WHERE workflow_key = 'al_rr' ORDER BY user_id`);
    expect(rows.map((r) => r.allocations)).toEqual([3, 1, 1]);
  });

  it('shortest queue: each item to whoever holds the fewest open items at that moment', async () => {
    await publish('al_sq', { assignment: { mode: 'allocate', strategy: 'shortest_queue' } });
    for (let i = 0; i < 4; i++) {
      const counts: Array<{ id: string; n: number }> = await t.dataSource.query(
        `SELECT u.id, (SELECT count(*) FROM work_item w WHERE w.assigned_user_id = u.id AND w.status <> 'final')::int AS n FROM app_user u WHERE u.id = ANY($1::uuid[])`,
        [sorted],
      );
      const fewest = Math.min(...counts.map((c) => c.n));
      const expected = counts.filter((c) => c.n === fewest).map((c) => c.id).sort()[0];
      expect(await holderOf('al_sq')).toBe(expected);
    }
    // After the round robin above sorted[0] held 3: it is not the first choice here.
    const first: Array<{ assigned_user_id: string }> = await t.dataSource.query(`SELECT assigned_user_id FROM work_item WHERE workflow_key = 'al_sq' ORDER BY created_at LIMIT 1`);
    expect(first[0].assigned_user_id).not.toBe(sorted[0]);
  });

  it('random: the choice the seed (item, stage entry) gives, spread over the candidates', async () => {
    await publish('al_rand', { assignment: { mode: 'allocate', strategy: 'random' } });
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const item = await submitted('al_rand');
      const [row]: Array<{ seq: number }> = await t.dataSource.query(`SELECT (snapshot->>'seq')::int AS seq FROM work_item WHERE id = $1`, [item.id]);
      const expected = allocate({ strategy: 'random' }, { candidates: sorted.map((userId) => ({ userId, openCount: 0, lastAllocatedAt: null, capabilities: [] })), lastAllocatedUserId: null, seed: `${item.id}:${row.seq}` });
      expect('userId' in expected && expected.userId).toBe(item.assignment?.claimedBy);
      seen.add(item.assignment?.claimedBy ?? '');
    }
    expect([...seen].every((u) => sorted.includes(u))).toBe(true);
  });

  it('capability: only people carrying the attribute (set by an administrator, audited); nobody capable falls back to an offer with the reason', async () => {
    const [capA, capB] = [sups[0], sups[2]];
    for (const s of [capA, capB]) {
      const res = await admin.patch(`/api/users/${s.userId}`, { capabilities: [KHEN_THUONG] }).expect(200);
      expect(res.body.capabilities).toEqual([KHEN_THUONG]);
    }
    const audit: Array<{ details: { after: { capabilities?: string[] } } }> = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'user.updated' AND entity_id = $1`, [capA.userId]);
    expect(audit.at(-1)?.details.after.capabilities).toEqual([KHEN_THUONG]);
    await publish('al_cap', { assignment: { mode: 'allocate', strategy: 'capability', capability: KHEN_THUONG, then: 'round_robin' } });
    const capable = [capA.userId, capB.userId].sort();
    const got: Array<string | null> = [];
    for (let i = 0; i < 3; i++) got.push(await holderOf('al_cap'));
    expect(got).toEqual([capable[0], capable[1], capable[0]]);

    await publish('al_cap_none', { assignment: { mode: 'allocate', strategy: 'capability', capability: 'Kế toán công đoàn' } });
    const none = await submitted('al_cap_none');
    expect(none.assignment).toMatchObject({ claimedBy: null, userId: null, role: 'supervisor' });
    expect(none.workState).toBe('offered');
    expect(await historyAudit(none.id)).toContainEqual(expect.objectContaining({ action: 'allocation.fallback', reason: 'no_capable_candidate', strategy: 'capability' }));
    // It is offered to every supervisor of the district instead.
    const inbox = (await sups[1].get('/api/inbox?workflow=al_cap_none').expect(200)).body.items as Array<{ id: string }>;
    expect(inbox.map((i) => i.id)).toContain(none.id);
  });

  it('least recently allocated, with start on allocation: never-allocated first, then the oldest; the item is started', async () => {
    await publish('al_lra', { assignment: { mode: 'allocate', strategy: 'least_recently_allocated' }, start: 'on_allocation' });
    const items = [];
    for (let i = 0; i < 4; i++) items.push(await submitted('al_lra'));
    expect(items.map((x) => x.assignment?.claimedBy)).toEqual([sorted[0], sorted[1], sorted[2], sorted[0]]);
    expect(items.every((x) => x.workState === 'started' && x.assignment?.startedAt)).toBe(true);
    expect(await historyAudit(items[0].id)).toContainEqual(expect.objectContaining({ action: 'allocation.allocated', strategy: 'least_recently_allocated', userId: sorted[0] }));
  });

  it('direct to a person named in the data, with start on creation; a designee who cannot act is refused', async () => {
    await publish('al_named', { assignment: { mode: 'direct', person: { kind: 'from_data', field: 'reviewer' } }, start: 'on_creation' }, { dataFields: [{ name: 'reviewer', type: 'string' }] });
    const item = await submitted('al_named', { reviewer: sups[1].userId });
    expect(item.assignment).toMatchObject({ userId: sups[1].userId });
    expect(item.workState).toBe('started');
    const refused = await officer.post('/api/items', { workflow: 'al_named', unitId, title: 'Sai người', data: { reviewer: officer.userId } }).expect(422);
    expect(refused.body.code).toBe('DESIGNEE_CANNOT_ACT');
  });

  it('deferred to a role named in the data: offered to that role at the stage unit; an unknown role is refused', async () => {
    await createUsers(t, 'tkal', 1, 'council_secretary', 'CDN-YT');
    await publish('al_role', { assignment: { mode: 'role_from_data', field: 'reviewRole' } }, { dataFields: [{ name: 'reviewRole', type: 'string' }] });
    const item = await submitted('al_role', { reviewRole: 'council_secretary' });
    expect(item.assignment).toMatchObject({ role: 'council_secretary', claimedBy: null });
    const secretary = await signIn(t.app, 'tkal1');
    expect(((await secretary.get('/api/inbox?workflow=al_role').expect(200)).body.items as Array<{ id: string }>).map((i) => i.id)).toContain(item.id);
    expect(((await sups[0].get('/api/inbox?workflow=al_role').expect(200)).body.items as Array<{ id: string }>).map((i) => i.id)).not.toContain(item.id);
    await secretary.post(`/api/items/${item.id}/actions`, { action: 'approve' }).expect(200);
    const refused = await officer.post('/api/items', { workflow: 'al_role', unitId, title: 'Vai trò lạ', data: { reviewRole: 'chairman' } }).expect(422);
    expect(refused.body).toMatchObject({ code: 'DESIGNEE_CANNOT_ACT', details: { designations: [{ field: 'reviewRole', reason: 'unknown_role', role: 'chairman' }] } });
  });

  it('piled execution: "take next" claims and starts the next waiting item of the same stage, until none is left', async () => {
    await publish('al_pile', {});
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await submitted('al_pile')).id);
    const [a, b] = [sups[0], sups[1]];
    const first = (await a.post('/api/inbox/take-next', { workflow: 'al_pile', stage: 'review' }).expect(200)).body;
    expect(ids.has(first.id)).toBe(true);
    expect(first).toMatchObject({ workState: 'started', assignment: { claimedBy: a.userId } });
    const second = (await b.post('/api/inbox/take-next', { workflow: 'al_pile', stage: 'review' }).expect(200)).body;
    const third = (await a.post('/api/inbox/take-next', { workflow: 'al_pile', stage: 'review' }).expect(200)).body;
    expect(new Set([first.id, second.id, third.id])).toEqual(ids);
    expect(second.assignment.claimedBy).toBe(b.userId);
    const none = await a.post('/api/inbox/take-next', { workflow: 'al_pile', stage: 'review' }).expect(404);
    expect(none.body.code).toBe('NOTHING_TO_TAKE');
    await a.post('/api/inbox/take-next', { workflow: 'al_pile', stage: 'nope', extra: 1 }).expect(400);
  });

  it('chained execution: approving the review starts the signing for the same person, who may act there', async () => {
    await publish('al_chain', {}, {
      reviewTarget: 'sign',
      stages: { sign: { kind: 'task', name: { vi: 'Ký' }, actor: { role: 'supervisor', unit: { kind: 'parent' }, chained: true }, transitions: [{ on: 'approve', target: 'done' }] } },
    });
    const { id } = await submitted('al_chain');
    const a = sups[2];
    await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    await a.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    const item = (await a.get(`/api/items/${id}`).expect(200)).body;
    expect(item).toMatchObject({ stage: 'sign', workState: 'started', assignment: { claimedBy: a.userId } });
    // Not offered to the other supervisors.
    expect(((await sups[0].get('/api/inbox?workflow=al_chain').expect(200)).body.items as Array<{ id: string }>).map((i) => i.id)).not.toContain(id);
    await a.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
  });
});
