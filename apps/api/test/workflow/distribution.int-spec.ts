import { WorkflowScheduler } from '../../src/modules/workflow/timers/workflow-scheduler';
import type { TestApp } from '../support/test-app';
import { createUsers, PLAN_DATA, signIn, startWorkflowApp, unitIdByCode, type Client } from './workflow-test-kit';

/**
 * Work distribution (issue 15): separation of duties before the decision, and the races around claims.
 * Through the generic items API and the inbox, as officers use them.
 */
describe('work distribution: exclusions at offer, claim, hand-over; claim races', () => {
  let t: TestApp;
  let dual: Client;
  beforeAll(async () => {
    t = await startWorkflowApp();
    await createUsers(t, 'gsdis', 4, 'supervisor', 'CDN-YT');
    // `kiemnhiem1` is both the grassroots officer who submits and a supervisor of the district that reviews.
    await createUsers(t, 'kiemnhiem', 1, 'supervisor', 'CDN-YT');
    await t.dataSource.query(
      `INSERT INTO role_assignment (user_id, unit_id, role) SELECT u.id, un.id, 'officer' FROM app_user u, unit un WHERE u.username = 'kiemnhiem1' AND un.code = 'CDCS-YT-BVDK'`,
    );
    dual = await signIn(t.app, 'kiemnhiem1');
  });
  afterAll(async () => {
    await t.close();
  });

  async function planByDual(title: string): Promise<string> {
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    const created = await dual.post('/api/items', { workflow: 'unit_plan', unitId, title, data: PLAN_DATA }).expect(201);
    await dual.post(`/api/items/${created.body.id}/actions`, { action: 'submit' }).expect(200);
    return created.body.id as string;
  }

  it('the barred submitter is not offered the review, cannot claim it, and nobody can hand it to them', async () => {
    const id = await planByDual('Tách bạch nhiệm vụ');
    const peer = await signIn(t.app, 'gsdis1');
    // Offered to the district's other supervisors, not to the submitter who also holds the role there.
    expect((await peer.get('/api/inbox?workflow=unit_plan').expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await dual.get('/api/inbox?workflow=unit_plan').expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const counts = (await dual.get('/api/inbox/counts?workflow=unit_plan').expect(200)).body;
    const peerCounts = (await peer.get('/api/inbox/counts?workflow=unit_plan').expect(200)).body;
    expect(peerCounts.total - counts.total).toBeGreaterThanOrEqual(1);
    // Claim refused with the code; the item stays offered to the others.
    const claim = await dual.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(403);
    expect(claim.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', details: { refusal: { details: { rule: 'submitter', action: 'claim' } } } });
    const item = await peer.get(`/api/items/${id}`).expect(200);
    expect(item.body.assignment.claimedBy).toBeNull();
    // Hand-over to the barred person refused; the peer still holds it and can decide.
    await peer.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    const handover = await peer.post(`/api/items/${id}/actions`, { action: 'handover', toUserId: dual.userId }).expect(403);
    expect(handover.body.code).toBe('SEPARATION_OF_DUTIES');
    expect((await peer.get(`/api/items/${id}`).expect(200)).body.assignment.claimedBy).toBe(peer.userId);
    await peer.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
    // The refusal is localised (English on request).
    const en = await dual.post(`/api/items/${id}/actions`, { action: 'claim' }).set('Accept-Language', 'en');
    expect(en.status).toBeGreaterThanOrEqual(400);
  });

  it('the offer notification does not reach the barred submitter', async () => {
    const id = await planByDual('Thông báo');
    const peer = await signIn(t.app, 'gsdis2');
    const waitNotes = async (c: Client): Promise<number> => {
      for (let i = 0; i < 80; i += 1) {
        const res = await c.get('/api/notifications?limit=100').expect(200);
        const n = (res.body.items as Array<{ itemId: string | null }>).filter((x) => x.itemId === id).length;
        if (n > 0 || c === dual) return n;
        await new Promise((r) => setTimeout(r, 50));
      }
      return 0;
    };
    expect(await waitNotes(peer)).toBeGreaterThan(0);
    const mine = (await dual.get('/api/notifications?limit=100').expect(200)).body.items as Array<{ itemId: string | null; template: string; params: { stage?: string } }>;
    // The review was not announced to them (nor their own draft: nobody is told of their own step).
    expect(mine.filter((x) => x.itemId === id && x.template === 'item.assigned').map((x) => x.params.stage)).toEqual([]);
    const theirs = (await peer.get('/api/notifications?limit=100').expect(200)).body.items as Array<{ itemId: string | null; params: { stage?: string } }>;
    expect(theirs.filter((x) => x.itemId === id).map((x) => x.params.stage)).toContain('review');
  });

  it('race: two claims at once, one winner, the loser told who holds it', async () => {
    const id = await planByDual('Hai người nhận');
    const [a, b] = await Promise.all([signIn(t.app, 'gsdis1'), signIn(t.app, 'gsdis2')]);
    const answers = await Promise.all([a, b].map((c) => c.post(`/api/items/${id}/actions`, { action: 'claim' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409);
    expect(['ITEM_CLAIMED', 'ITEM_CHANGED']).toContain(loser?.body.code);
    const winner = answers[0].status === 200 ? a : b;
    const holder = (await winner.get(`/api/items/${id}`).expect(200)).body.assignment.claimedBy;
    expect(holder).toBe(winner.userId);
    // The loser is told who holds it; it no longer reads the item itself (peers do not see what others hold).
    expect(loser?.body.code === 'ITEM_CHANGED' || loser?.body.details?.claimedBy?.id === holder).toBe(true);
    await (winner === a ? b : a).get(`/api/items/${id}`).expect(404);
    const claims: Array<{ n: string }> = await t.dataSource.query(`SELECT count(*) AS n FROM work_item_event WHERE item_id = $1 AND event = 'claim'`, [id]);
    expect(Number(claims[0].n)).toBe(1);
  });

  it('race: a claim against a hand-over of the same item: exactly one takes effect and the holder is consistent', async () => {
    const id = await planByDual('Nhận và bàn giao');
    const [a, b, c] = await Promise.all([signIn(t.app, 'gsdis1'), signIn(t.app, 'gsdis2'), signIn(t.app, 'gsdis3')]);
    await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    await a.post(`/api/items/${id}/actions`, { action: 'release' }).expect(200);
    await a.post(`/api/items/${id}/actions`, { action: 'claim' }).expect(200);
    // a hands to b while c tries to claim: c must lose (item held), whatever the order.
    const [handover, claim] = await Promise.all([a.post(`/api/items/${id}/actions`, { action: 'handover', toUserId: b.userId }), c.post(`/api/items/${id}/actions`, { action: 'claim' })]);
    expect(handover.status).toBe(200);
    expect(claim.status).toBe(409);
    expect(['ITEM_CLAIMED', 'ITEM_CHANGED']).toContain(claim.body.code);
    expect((await b.get(`/api/items/${id}`).expect(200)).body.assignment.claimedBy).toBe(b.userId);
  });

  it('privileges are checked at the unit holding the work: the submitting union cannot suspend, skip or cancel the district’s review', async () => {
    await createUsers(t, 'gscs', 1, 'supervisor', 'CDCS-YT-BVDK');
    const own = await signIn(t.app, 'gscs1');
    const district = await signIn(t.app, 'gsdis4');
    const id = await planByDual('Đặc quyền');
    // The grassroots union's own supervisor sees its item but does not hold the district's stage.
    await own.get(`/api/items/${id}`).expect(200);
    expect((await own.post(`/api/items/${id}/actions`, { action: 'suspend', reason: 'x' }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    expect((await own.post(`/api/items/${id}/actions`, { action: 'skip', reason: 'tự duyệt' }).expect(403)).body.code).toBe('ROLE_REQUIRED');
    const allowed = (await own.get(`/api/items/${id}/allowed-actions`).expect(200)).body;
    expect(JSON.stringify(allowed)).not.toContain('suspend');
    // The district's supervisor holds it there.
    const suspended = await district.post(`/api/items/${id}/actions`, { action: 'suspend', reason: 'chờ ý kiến' }).expect(200);
    expect(suspended.body.status).toBe('suspended');
    expect((await own.post(`/api/items/${id}/actions`, { action: 'resume' }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    await district.post(`/api/items/${id}/actions`, { action: 'resume' }).expect(200);
  });

  it('race: an escalation (deadline passed, reassign upward) against the reviewer’s decision: exactly one takes effect', async () => {
    const admin = await signIn(t.app, 'admin');
    const flow = {
      schemaVersion: 1,
      key: 'dist_escalate',
      version: 1,
      name: { vi: 'Duyệt có hạn' },
      initialStage: 'draft',
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
        review: {
          kind: 'task',
          name: { vi: 'Duyệt' },
          actor: { role: 'supervisor', unit: { kind: 'parent' } },
          deadline: { days: 1, calendar: 'calendar', escalations: [{ afterDays: 0, action: 'reassign_upward' }] },
          transitions: [{ on: 'approve', target: 'done' }],
        },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    };
    const draft = await admin.post('/api/workflows', { definition: flow }).expect(201);
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const reviewer = await signIn(t.app, 'gsdis3');
    const province = await signIn(t.app, 'chutich.tinh');
    const scheduler = t.app.get(WorkflowScheduler, { strict: false });
    const outcomes: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
      const id = (await officer.post('/api/items', { workflow: 'dist_escalate', unitId, title: `Hạn ${round}`, data: {} }).expect(201)).body.id as string;
      const submitted = await officer.post(`/api/items/${id}/actions`, { action: 'submit' }).expect(200);
      const later = new Date(Date.now() + 3 * 86_400_000);
      const [decision] = await Promise.all([reviewer.post(`/api/items/${id}/actions`, { action: 'approve', expectedVersion: submitted.body.version }), scheduler.fireDue(later)]);
      const item = (await admin.get(`/api/items/${id}`).expect(200)).body;
      const history = (await admin.get(`/api/items/${id}/history`).expect(200)).body as Array<{ event: string }>;
      const escalated = history.some((e) => e.event === 'timer.fired');
      const approved = history.some((e) => e.event === 'approve');
      // Never both: the loser either finds the item moved (409 / stale timer) or no longer theirs.
      expect(escalated && approved).toBe(false);
      if (decision.status === 200) {
        expect(item).toMatchObject({ stage: 'done', status: 'final' });
        expect(escalated).toBe(false);
        outcomes.push('decision');
      } else {
        expect(['ITEM_CHANGED', 'ITEM_CLAIMED', 'OUT_OF_SCOPE']).toContain(decision.body.code);
        expect(escalated).toBe(true);
        expect(item.stage).toBe('review');
        expect(item.assignment.unitId).toBe(await unitIdByCode(t, 'LDLD-NT'));
        expect(item.assignment.unitId).not.toBe(submitted.body.assignment.unitId);
        // The work is now the province's: the district reviewer is refused, the province decides.
        expect([403, 409]).toContain((await reviewer.post(`/api/items/${id}/actions`, { action: 'approve' })).status);
        await province.post(`/api/items/${id}/actions`, { action: 'approve' }).expect(200);
        outcomes.push('escalation');
      }
    }
    expect(outcomes).toHaveLength(4);
  });

  it('a person designated in the item data who cannot act at the stage is refused when the data is entered', async () => {
    const admin = await signIn(t.app, 'admin');
    const flow = {
      schemaVersion: 1,
      key: 'dist_designate',
      version: 1,
      name: { vi: 'Duyệt bởi người được chỉ định' },
      initialStage: 'draft',
      dataFields: [{ name: 'approver', type: 'string' }],
      stages: {
        draft: { kind: 'task', name: { vi: 'Lập' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'review' }] },
        review: {
          kind: 'task',
          name: { vi: 'Duyệt' },
          actor: { role: 'supervisor', unit: { kind: 'parent' }, assignment: { mode: 'direct', person: { kind: 'from_data', field: 'approver' } } },
          transitions: [{ on: 'approve', target: 'done' }],
        },
        done: { kind: 'final', outcome: 'approved', name: { vi: 'Xong' } },
      },
    };
    const draft = await admin.post('/api/workflows', { definition: flow }).expect(201);
    await admin.post(`/api/workflows/${draft.body.id}/publish`).expect(200);
    const officer = await signIn(t.app, 'canbo.yt-bvdk');
    const unitId = await unitIdByCode(t, 'CDCS-YT-BVDK');
    // The officer is no supervisor of the district: refused, with the field named.
    const bad = await officer.post('/api/items', { workflow: 'dist_designate', unitId, title: 'Chỉ định sai', data: { approver: officer.userId } }).expect(422);
    expect(bad.body).toMatchObject({ code: 'DESIGNEE_CANNOT_ACT', fields: [{ path: 'data.approver' }] });
    // The barred submitter cannot designate themselves for the review either.
    const self = await dual.post('/api/items', { workflow: 'dist_designate', unitId, title: 'Tự chỉ định', data: { approver: dual.userId } }).expect(422);
    expect(self.body.details.designations[0]).toMatchObject({ reason: 'separation_of_duties', stage: 'review' });
    const reviewer = await signIn(t.app, 'gsdis1');
    const ok = await officer.post('/api/items', { workflow: 'dist_designate', unitId, title: 'Chỉ định đúng', data: { approver: reviewer.userId } }).expect(201);
    const submitted = await officer.post(`/api/items/${ok.body.id}/actions`, { action: 'submit' }).expect(200);
    expect(submitted.body.assignment).toMatchObject({ mode: 'direct', userId: reviewer.userId });
    // Changing the designation with the action is checked the same way.
    const other = (await officer.post('/api/items', { workflow: 'dist_designate', unitId, title: 'Đổi chỉ định', data: {} }).expect(201)).body.id;
    const changed = await officer.post(`/api/items/${other}/actions`, { action: 'submit', data: { approver: officer.userId } }).expect(422);
    expect(changed.body.code).toBe('DESIGNEE_CANNOT_ACT');
  });
});

