import { allocate } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import type { UnitRow } from '../../src/modules/org';
import { CascadeChildren } from '../../src/modules/workflow/cascade/cascade-children';
import { ItemsService } from '../../src/modules/workflow/items/items.service';
import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, unitIdByCode, type Client } from './workflow-test-kit';

/**
 * Work distribution (issue 15, line 6) through the API: allocation by round robin, shortest queue, random, capability
 * and least recently allocated (who gets the item over several items), a person named in the data with start on
 * creation, start on allocation, a role named in the data, piled execution ("take next") and chained execution;
 * allocation when an item is created at an allocated stage and when fan-out children are (set-based, one pass per
 * batch), and two simultaneous round-robin allocations never picking the same turn (the cursor row is locked).
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
    await t.dataSource.query(`UPDATE workflow_allocation_cursor SET user_id = $2 WHERE workflow_key = 'al_rr' AND stage = 'review' AND unit_id = $1`, [districtId, sorted[2]]);
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
  async function publishFlow(flow: Record<string, unknown>): Promise<void> {
    const draft = await admin.post('/api/workflows', { definition: { schemaVersion: 1, version: 1, ...flow } });
    if (draft.status !== 201) throw new Error(JSON.stringify(draft.body));
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
  }
  const SYSTEM = { kind: 'system', reason: 'cascade' } as const;
  const UNIT_COLUMNS = `u.id, u.code, u.kind, u.name, u.status, u.parent_id AS "parentId", u.path`;
  /** Round robin from a cursor over `people` (sorted): the next `n` turns. */
  const turns = (people: string[], last: string | null, n: number): string[] => {
    const out: string[] = [];
    let at = last === null ? -1 : people.indexOf(last);
    for (let i = 0; i < n; i++) out.push(people[(at = (at + 1) % people.length)]);
    return out;
  };

  it('created at an allocated initial stage: allocated at once, in turn, started on creation, the creation row says why', async () => {
    await publishFlow({
      key: 'al_create',
      name: { vi: 'Phân công khi tạo' },
      initialStage: 'work',
      stages: {
        work: { kind: 'task', name: { vi: 'Xử lý' }, actor: { role: 'supervisor', unit: { kind: 'own' }, assignment: { mode: 'allocate', strategy: 'round_robin' }, start: 'on_creation' }, transitions: [{ on: 'approve', target: 'done' }] },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    });
    const got = [];
    for (let i = 0; i < 4; i++) {
      const created = (await sups[0].post('/api/items', { workflow: 'al_create', unitId: districtId, title: `Tạo ${i}`, data: {} }).expect(201)).body;
      got.push(created);
    }
    expect(got.map((x) => x.assignment?.claimedBy)).toEqual([sorted[0], sorted[1], sorted[2], sorted[0]]);
    expect(got.every((x) => x.workState === 'started' && x.assignment.startedAt)).toBe(true);
    const [row]: Array<{ details: { audit?: Array<Record<string, unknown>> } }> = await t.dataSource.query(`SELECT details FROM work_item_event WHERE item_id = $1 AND event = 'create'`, [got[1].id]);
    expect(row.details.audit).toContainEqual(expect.objectContaining({ action: 'allocation.allocated', strategy: 'round_robin', userId: sorted[1], considered: 3 }));
    // The allocated person has it in the inbox; the others do not.
    const inbox = async (c: Client): Promise<string[]> => ((await c.get('/api/inbox?workflow=al_create').expect(200)).body.items as Array<{ id: string }>).map((i) => i.id);
    const byId = (id: string): Client => sups.find((c) => c.userId === id) as Client;
    expect(await inbox(byId(sorted[1]))).toContain(got[1].id);
    expect(await inbox(byId(sorted[2]))).not.toContain(got[1].id);
    const [cursor]: Array<{ user_id: string }> = await t.dataSource.query(`SELECT user_id FROM workflow_allocation_cursor WHERE workflow_key = 'al_create'`);
    expect(cursor.user_id).toBe(sorted[0]);
  });

  it('fan-out children at an allocated stage: set-based, one allocation pass per batch (3 statements), the same turns as one by one', async () => {
    const child = (key: string, assignment?: Record<string, unknown>) => ({
      key,
      name: { vi: `Con ${key}` },
      initialStage: 'work',
      stages: {
        work: { kind: 'task', name: { vi: 'Xử lý' }, actor: { role: 'supervisor', unit: { kind: 'parent' }, ...(assignment ? { assignment, start: 'on_allocation' } : {}) }, transitions: [{ on: 'approve', target: 'done' }] },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    });
    await publishFlow(child('al_kid', { mode: 'allocate', strategy: 'round_robin' }));
    await publishFlow(child('al_kid_offer'));
    const items = t.app.get(ItemsService, { strict: false });
    const children = t.app.get(CascadeChildren, { strict: false });
    const units: UnitRow[] = await t.dataSource.query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.parent_id = $1 AND u.status = 'active' AND u.kind = 'grassroots_union' ORDER BY u.id`, [districtId]);
    expect(units.length).toBeGreaterThan(2);
    const [launchUnit] = await t.dataSource.query(`SELECT ${UNIT_COLUMNS} FROM unit u WHERE u.id = $1`, [districtId]);
    const { compiled: launch } = await items.publishedDefinition('launch');
    const parentItem = async (): Promise<string> => (await t.dataSource.transaction((m) => items.createMany(m, SYSTEM, launch, [{ unit: launchUnit, title: 'Phát động', data: {}, campaignId: null, parentItemId: null }]))).rows[0].id;
    /** Spawns the children in one transaction and counts its statements. */
    const spawn = async (workflow: string, parentId: string): Promise<{ setBased: boolean; statements: number }> => {
      const def = await items.publishedDefinition(workflow);
      return t.dataSource.transaction(async (m: EntityManager) => {
        const runner = m.queryRunner as NonNullable<EntityManager['queryRunner']>;
        const query = runner.query.bind(runner);
        let statements = 0;
        runner.query = ((...args: Parameters<typeof query>) => {
          statements += 1;
          return query(...args);
        }) as typeof runner.query;
        const r = await children.spawn(m, SYSTEM, def, { id: parentId, title: 'Phát động', campaignId: null }, units);
        runner.query = query;
        expect(r.rows).toHaveLength(units.length);
        return { setBased: r.setBased, statements };
      });
    };
    const holders = async (parentId: string): Promise<Array<{ assigned_user_id: string | null; claimed: string | null; started: string | null; audit: Array<Record<string, unknown>> | null }>> =>
      t.dataSource.query(
        `SELECT w.assigned_user_id, w.snapshot->'assignment'->>'claimedBy' AS claimed, w.snapshot->'assignment'->>'startedAt' AS started, e.details->'audit' AS audit
           FROM work_item w JOIN work_item_event e ON e.item_id = w.id AND e.event = 'create' WHERE w.parent_item_id = $1 ORDER BY w.unit_id`,
        [parentId],
      );

    const offered = await spawn('al_kid_offer', await parentItem());
    const setParent = await parentItem();
    const allocated = await spawn('al_kid', setParent);
    expect(offered.setBased).toBe(true);
    expect(allocated.setBased).toBe(true);
    // Lock the cursor row, read the inputs, record the batch's allocations: 3 statements for the whole batch.
    expect(allocated.statements - offered.statements).toBe(3);
    const set = await holders(setParent);
    expect(set.map((r) => r.assigned_user_id)).toEqual(turns(sorted, null, units.length));
    expect(set.every((r) => r.claimed === r.assigned_user_id && r.started !== null)).toBe(true);
    expect(set[0].audit).toEqual([{ action: 'allocation.allocated', stage: 'work', strategy: 'round_robin', userId: sorted[0], considered: 3 }]);
    // Each allocated supervisor is told, by name (not the role).
    const notes: Array<{ to: { userId?: string } }> = await t.dataSource.query(
      `SELECT o.payload->'to' AS to FROM outbox o JOIN work_item w ON w.id::text = o.payload->>'itemId' WHERE w.parent_item_id = $1 AND o.topic = 'workflow.notify' ORDER BY w.unit_id`,
      [setParent],
    );
    expect(notes.map((n) => n.to.userId)).toEqual(set.map((r) => r.assigned_user_id));

    // The item-by-item path (a person's action, a batch of one) allocates the same way and continues the same turn.
    const oneByOne = await parentItem();
    const { compiled: kid } = await items.publishedDefinition('al_kid');
    const created = await t.dataSource.transaction((m) => items.createMany(m, SYSTEM, kid, units.map((u) => ({ unit: u, title: `Phát động — ${u.name}`, data: {}, campaignId: null, parentItemId: oneByOne }))));
    expect(created.rows).toHaveLength(units.length);
    const last = set.at(-1)?.assigned_user_id ?? null;
    const mine = await holders(oneByOne);
    expect(mine.map((r) => r.assigned_user_id)).toEqual(turns(sorted, last, units.length));
    expect(mine[0].audit).toEqual([{ action: 'allocation.allocated', stage: 'work', strategy: 'round_robin', userId: mine[0].assigned_user_id, considered: 3 }]);
    const counts: Array<{ user_id: string; allocations: number }> = await t.dataSource.query(`SELECT user_id, allocations FROM workflow_allocation WHERE workflow_key = 'al_kid' ORDER BY user_id`);
    expect(counts.reduce((n, c) => n + c.allocations, 0)).toBe(2 * units.length);
    console.log(`cascade of ${units.length} children: ${offered.statements} statements offered, ${allocated.statements} allocated`);
  });

  it('simultaneous round-robin allocations of one stage never share a turn: 8 at once over 4 people, each person exactly twice', async () => {
    await createUsers(t, 'gsconc', 1, 'supervisor', 'CDN-YT');
    const four = [...sorted, (await signIn(t.app, 'gsconc1')).userId].sort();
    await publish('al_conc', { assignment: { mode: 'allocate', strategy: 'round_robin' } });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await officer.post('/api/items', { workflow: 'al_conc', unitId, title: `Đồng thời ${i}`, data: {} }).expect(201)).body.id as string);
    const answers = await Promise.all(ids.map((id) => officer.post(`/api/items/${id}/actions`, { action: 'submit' })));
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    const rows: Array<{ assigned_user_id: string }> = await t.dataSource.query(`SELECT assigned_user_id FROM work_item WHERE id = ANY($1::uuid[])`, [ids]);
    const times = new Map<string, number>();
    for (const r of rows) times.set(r.assigned_user_id, (times.get(r.assigned_user_id) ?? 0) + 1);
    expect([...times.keys()].sort()).toEqual(four);
    expect([...times.values()]).toEqual([2, 2, 2, 2]);
  });
});
