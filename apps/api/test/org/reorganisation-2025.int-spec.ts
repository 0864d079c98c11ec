import request from 'supertest';
import { DataSource } from 'typeorm';
import { runReorg2025, type ApiClient, type ScenarioResult } from '../../src/demo/reorg-2025.scenario';
import { DemoCampaignSeeder } from '../../src/modules/campaigns';
import { DocumentNumberingService } from '../../src/modules/documents';
import { AccessService } from '../../src/modules/org/access.service';
import { ReorganisationScheduler } from '../../src/modules/org/reorganisation.scheduler';
import { bearer, login, seedOrgDemo, unitId, userId } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 14: the 2025 reorganisation on the demo with its campaign running, end to end through the API. */
describe('the 2025 reorganisation with the campaign running', () => {
  let t: TestApp;
  let result: ScenarioResult;
  const http = () => request(t.app.getHttpServer());
  const api: ApiClient = {
    async call(method, path, options = {}) {
      let req = method === 'GET' ? http().get(`/api${path}`) : http().post(`/api${path}`);
      if (options.token) req = req.set(bearer(options.token));
      if (options.query) req = req.query(options.query);
      const res = method === 'POST' ? await req.send((options.body ?? {}) as object) : await req;
      return { status: res.status, body: res.body };
    },
  };
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(sql, params);
  let before: {
    openAt: Record<string, number>;
    closedPlan: { id: string; unit_path: string; version: number };
    waiting: Array<{ id: string; version: number; unit_path: string; assigned_unit_id: string }>;
    ackCount: number;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
    await t.app.get(DemoCampaignSeeder).seed();
    // What the open work looks like before, to compare with what the previews say and what happens.
    const openAt: Record<string, number> = {};
    for (const r of await q<{ code: string; n: number }>(
      `SELECT u.code, count(DISTINCT w.id)::int AS n FROM unit u JOIN work_item w ON (w.unit_id = u.id OR w.assigned_unit_id = u.id) AND w.status <> 'final'
        WHERE u.code LIKE 'LDLD-%' AND u.kind = 'upper_union' GROUP BY u.code`,
    ))
      openAt[r.code] = r.n;
    const [closedPlan] = await q<{ id: string; unit_path: string; version: number }>(
      `SELECT w.id, w.unit_path, w.version FROM work_item w JOIN unit u ON u.id = w.unit_id WHERE u.code = 'CDCS-NT-CQ' AND w.workflow_key = 'unit_plan'`,
    );
    const waiting = await q<{ id: string; version: number; unit_path: string; assigned_unit_id: string }>(
      `SELECT w.id, w.version, w.unit_path, w.assigned_unit_id FROM work_item w JOIN unit u ON u.id = w.unit_id
        WHERE u.code IN ('CDCS-NS-MIADUONG', 'CDCS-TB-VP') AND w.workflow_key = 'unit_plan' AND w.status <> 'final' ORDER BY u.code`,
    );
    const [acks] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM work_item w JOIN unit u ON u.id = w.unit_id WHERE w.workflow_key = 'launch_ack' AND u.code LIKE 'LDLD-%' AND u.kind = 'upper_union' AND w.status <> 'final'`,
    );
    before = { openAt, closedPlan, waiting, ackCount: acks.n };
    result = await runReorg2025(api, t.config.demoPassword);
  }, 600_000);
  afterAll(() => t.close());

  it('dissolves every district federation effective 1/7/2025 without a 500; the previews counted the open items', async () => {
    expect(result.dissolved.length).toBe(7);
    for (const d of result.dissolved) {
      expect({ code: d.code, status: d.status }).toEqual({ code: d.code, status: 200 });
      expect({ code: d.code, preview: d.previewOpenItems }).toEqual({ code: d.code, preview: before.openAt[d.code] ?? 0 });
      expect(d.report.effectiveAt).toBe('2025-07-01T00:00:00.000Z');
    }
    expect(before.openAt['LDLD-NS']).toBeGreaterThanOrEqual(2);
    const units = await q<{ code: string; status: string }>(`SELECT code, status FROM unit WHERE code LIKE 'LDLD-%' AND kind = 'upper_union'`);
    expect(units.every((u) => u.status === 'dissolved')).toBe(true);
    const [orphans] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM unit c JOIN unit p ON p.id = c.parent_id WHERE c.status = 'active' AND p.status <> 'active'`,
    );
    expect(orphans.n).toBe(0);
  });

  it('collisions at the target follow the rule: the first launch acknowledgement moves, the others are closed as superseded with history', async () => {
    const superseded = result.dissolved.reduce((n, d) => n + d.report.openWork.superseded, 0);
    const movedAcks = await q<{ id: string }>(`SELECT id FROM work_item WHERE workflow_key = 'launch_ack' AND unit_id = $1`, [result.khanhHoaId]);
    expect(superseded).toBe(before.ackCount - 1);
    expect(movedAcks).toHaveLength(1);
    const rows = await q<{ outcome: string; details: Record<string, unknown>; comment: string }>(
      `SELECT w.outcome, e.details, e.comment FROM work_item w JOIN work_item_event e ON e.item_id = w.id AND e.event = 'unit.reorganised'
        WHERE w.outcome = 'superseded'`,
    );
    expect(rows).toHaveLength(superseded);
    expect(rows[0]!.details).toMatchObject({ operation: 'dissolve', superseded: true, keptItemId: movedAcks[0]!.id, effectiveAt: '2025-07-01T00:00:00.000Z' });
    expect(rows[0]!.comment).toMatch(/^Giải thể /);
  });

  it('open plans land in the right inbox, with a history row, a version bump and their assignment moved; closed items keep the path of their time', async () => {
    expect(before.waiting).toHaveLength(2);
    const now = await q<{ id: string; version: number; unit_path: string; assigned_unit_id: string; a: string }>(
      `SELECT id, version, unit_path, assigned_unit_id, snapshot->'assignment'->>'unitId' AS a FROM work_item WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [before.waiting.map((w) => w.id)],
    );
    for (const w of now) {
      const was = before.waiting.find((b) => b.id === w.id)!;
      expect(w.assigned_unit_id).toBe(result.khanhHoaId);
      expect(w.a).toBe(result.khanhHoaId);
      expect(w.version).toBeGreaterThan(was.version);
      expect(w.unit_path).not.toBe(was.unit_path);
      const history = await q<{ event: string; actor_user_id: string; changes: Record<string, unknown> }>(
        `SELECT event, actor_user_id, changes FROM work_item_event WHERE item_id = $1 AND event = 'unit.reorganised' ORDER BY id`,
        [w.id],
      );
      expect(history.length).toBeGreaterThanOrEqual(2);
      expect(history.some((h) => 'assignedUnitId' in h.changes)).toBe(true);
    }
    expect(result.inboxOfChair.map((i) => i.id)).toEqual(expect.arrayContaining(before.waiting.map((w) => w.id)));
    const [closed] = await q<{ unit_path: string; version: number; status: string }>(`SELECT unit_path, version, status FROM work_item WHERE id = $1`, [before.closedPlan.id]);
    expect(closed).toMatchObject({ unit_path: before.closedPlan.unit_path, version: before.closedPlan.version });
    // No open item is left at (or waiting at) a unit that is not active.
    const [stranded] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM work_item w LEFT JOIN unit a ON a.id = w.assigned_unit_id JOIN unit u ON u.id = w.unit_id
        WHERE w.status <> 'final' AND (u.status <> 'active' OR (w.assigned_unit_id IS NOT NULL AND a.status <> 'active'))`,
    );
    expect(stranded.n).toBe(0);
  });

  it('never widens rights: district supervisors lose their roles; only the confirmed province roles move to Khánh Hòa', async () => {
    const ns = result.dissolved.find((d) => d.code === 'LDLD-NS')!;
    expect(ns.previewRoles).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'giamsat.ns', role: 'supervisor', action: 'end', widensIfMoved: true })]));
    const access = t.app.get(AccessService);
    expect((await access.principalFor(await userId(t, 'giamsat.ns'))).roles).toEqual([]);
    const chair = await access.principalFor(await userId(t, 'chutich.tinh'));
    expect(chair.roles.map((r) => `${r.role}@${r.unitId}`).sort()).toEqual([`council_member@${result.khanhHoaId}`, `supervisor@${result.khanhHoaId}`]);
    const council = await access.principalFor(await userId(t, 'hoidong1'));
    expect(council.roles).toEqual([]);
    expect(result.merge.previewRoles.every((r: { action: string }) => r.action === 'end')).toBe(true);
  });

  it('reports: the 2022 sơ kết is the same before and after, on the 2022 tree; the 2025 tổng kết shows the new tree; roll-ups add up', async () => {
    expect(result.after.soKetBreakdown).toEqual(result.before.soKetBreakdown);
    expect(result.after.soKetRollup.figures).toEqual(result.before.soKetRollup.figures);
    expect(result.before.soKetBreakdown.tree).toMatchObject({ asOf: '2022-12-31T00:00:00.000Z', source: 'milestone_due' });
    const [children2022] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM unit_parent_link WHERE parent_id = $1 AND valid_from <= '2022-12-31' AND (valid_to IS NULL OR valid_to > '2022-12-31')`,
      [result.provinceId],
    );
    expect(result.before.soKetBreakdown.children.length).toBe(children2022!.n);
    expect(children2022!.n).toBeGreaterThanOrEqual(11);
    // The new tree: Khánh Hòa's direct children are the former sector unions and the CĐCS of the dissolved districts.
    expect(result.after.tongKetOnKhanhHoa.tree).toMatchObject({ asOf: '2025-09-02T00:00:00.000Z', source: 'milestone_due' });
    const childCodes = result.after.tongKetOnKhanhHoa.children.map((c: { unit: { code: string } }) => c.unit.code);
    expect(childCodes).toEqual(expect.arrayContaining(['CDN-YT', 'CDN-GD', 'CD-VC', 'CD-KCN', 'CDCS-NS-MIADUONG']));
    expect(childCodes.some((c: string) => c.startsWith('LDLD-'))).toBe(false);
    // Same accepted values counted on the new tree: the figures of Khánh Hòa (as of 2/9/2025) equal Ninh Thuận's.
    expect(result.after.soKetOnKhanhHoa.figures).toEqual(result.before.soKetRollup.figures);
    const sum = result.after.tongKetOnKhanhHoa.children.reduce((n: number, c: { figure: { numerator: string } }) => n + Number(c.figure.numerator), 0);
    expect(sum + Number(result.after.tongKetOnKhanhHoa.own?.numerator ?? 0)).toBe(Number(result.after.tongKetOnKhanhHoa.total.numerator));
  });

  it('the tree as of a date: districts until 30/6/2025, the merged province from 1/7/2025; every unit says what happened when', async () => {
    expect(result.treeBefore).toEqual(expect.arrayContaining(['LDLD-NT', 'LDLD-NS', 'CDCS-NS-MIADUONG']));
    expect(result.treeAfter).toEqual(expect.arrayContaining(['LDLD-KH', 'CDCS-NS-MIADUONG', 'CDN-YT']));
    expect(result.treeAfter.some((c) => c === 'LDLD-NT' || c === 'LDLD-NS')).toBe(false);
    const confed = await login(t, 'admin.tld');
    const ns = await unitId(t, 'LDLD-NS');
    const history = await http().get(`/api/units/${ns}/history`).set(bearer(confed)).expect(200);
    const dissolved = history.body.entries.find((e: { action: string }) => e.action === 'unit.dissolved');
    expect(dissolved).toMatchObject({ kind: 'change', at: '2025-07-01T00:00:00.000Z' });
    const positions = history.body.entries.filter((e: { kind: string }) => e.kind === 'position');
    expect(positions.at(-1)).toMatchObject({ until: '2025-07-01T00:00:00.000Z', parent: { code: 'LDLD-NT' } });
    const miaduong = await http().get(`/api/units/${await unitId(t, 'CDCS-NS-MIADUONG')}/history`).set(bearer(confed)).expect(200);
    const parents = miaduong.body.entries.filter((e: { kind: string }) => e.kind === 'position').map((e: { parent: { code: string } }) => e.parent.code);
    expect(parents).toEqual(['LDLD-NS', 'LDLD-NT', 'LDLD-KH']);
  });

  it('refuses a dated change that contradicts a later one, an unknown query parameter and a bad date, with stable codes', async () => {
    const admin = await login(t, 'admin.tld');
    const miaduong = await unitId(t, 'CDCS-NS-MIADUONG');
    const yt = await unitId(t, 'CDN-YT');
    const res = await http().post(`/api/units/${miaduong}/move`).set(bearer(admin)).send({ newParentId: yt, effectiveAt: '2025-06-01' }).expect(409);
    expect(res.body.code).toBe('REORG_LATER_CHANGE');
    expect(res.body.details.laterChanges[0]).toMatchObject({ code: 'CDCS-NS-MIADUONG', kind: 'position', since: '2025-07-01T00:00:00.000Z' });
    const base = `/api/campaigns/${result.campaignId}/units/${result.khanhHoaId}/rollup`;
    expect((await http().get(base).query({ milestoneId: result.soKetId, foo: '1' }).set(bearer(admin)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get(base).query({ milestoneId: result.soKetId, asOf: '30/6/2025' }).set(bearer(admin)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http().get('/api/units/tree').query({ rootId: miaduong, asof: '2025-01-01' }).set(bearer(admin)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // Khánh Hòa did not exist for the 2022 tree? It did (created effective 2019): an empty subtree then, not an error.
    const kh2022 = await http().get(base).query({ milestoneId: result.soKetId }).set(bearer(admin)).expect(200);
    expect(kh2022.body.tree.units).toBe(1);
  });

  it('the numbering register of the surviving issuer continues: a document of the merged province takes Khánh Hòa’s next number', async () => {
    const numbering = t.app.get(DocumentNumberingService);
    const ds = t.app.get(DataSource);
    await ds.transaction((m) => numbering.startAfter(m, result.khanhHoaId, 2025, 'main', 140));
    const [ntBefore] = await q<{ last_number: number }>(`SELECT last_number FROM document_number_counter WHERE issuer_unit_id = $1 AND year = 2019`, [result.provinceId]);
    const n = await ds.transaction((m) => numbering.allocate(m, { issuerUnitId: result.provinceId, docType: 'QĐ', signedOn: '2025-09-02' }));
    expect(n).toMatchObject({ issuerUnitId: result.khanhHoaId, number: 141, year: 2025 });
    const next = await ds.transaction((m) => numbering.allocate(m, { issuerUnitId: result.khanhHoaId, docType: 'QĐ', signedOn: '2025-09-03' }));
    expect(next.number).toBe(142);
    const [ntAfter] = await q<{ last_number: number }>(`SELECT last_number FROM document_number_counter WHERE issuer_unit_id = $1 AND year = 2019`, [result.provinceId]);
    expect(ntAfter).toEqual(ntBefore);
  });

  it('a change dated in the future is stored, listed, and applied by the scheduler when its date comes (open work moves then)', async () => {
    const admin = await login(t, 'admin.tld');
    const vc = await unitId(t, 'CD-VC');
    const kcn = await unitId(t, 'CD-KCN');
    const [item] = await q<{ id: string; version: number; unit_path: string }>(
      `SELECT w.id, w.version, w.unit_path FROM work_item w WHERE w.unit_id = $1 AND w.status <> 'final' LIMIT 1`,
      [kcn],
    );
    const when = new Date(Date.now() + 3600_000).toISOString();
    const res = await http().post(`/api/units/${kcn}/dissolve`).set(bearer(admin)).send({ transferToId: vc, effectiveAt: when }).expect(200);
    expect(res.body.scheduled).toMatchObject({ effectiveAt: when });
    expect(res.body.openWork.moved + res.body.openWork.superseded).toBeGreaterThan(0);
    expect((await q<{ status: string }>(`SELECT status FROM unit WHERE id = $1`, [kcn]))[0]!.status).toBe('active');
    const listed = await http().get('/api/reorganisations').query({ status: 'scheduled' }).set(bearer(admin)).expect(200);
    expect(listed.body.map((s: { id: string }) => s.id)).toContain(res.body.scheduled.id);
    // A change of the same unit effective now contradicts the scheduled one.
    const moveRefused = await http().post(`/api/units/${kcn}/dissolve`).set(bearer(admin)).send({ transferToId: vc }).expect(409);
    expect(moveRefused.body.code).toBe('REORG_LATER_CHANGE');

    const scheduler = t.app.get(ReorganisationScheduler);
    expect(await scheduler.tick(new Date())).toEqual({ applied: 0, failed: 0 });
    expect(await scheduler.tick(new Date(Date.now() + 2 * 3600_000))).toEqual({ applied: 1, failed: 0 });
    expect((await q<{ status: string }>(`SELECT status FROM unit WHERE id = $1`, [kcn]))[0]!.status).toBe('dissolved');
    if (item) {
      const [now] = await q<{ version: number; unit_id: string; outcome: string | null }>(`SELECT version, unit_id, outcome FROM work_item WHERE id = $1`, [item.id]);
      expect(now!.version).toBeGreaterThan(item.version);
      expect(now!.unit_id === vc || now!.outcome === 'superseded').toBe(true);
    }
    const [row] = await q<{ status: string }>(`SELECT status FROM scheduled_reorganisation WHERE id = $1`, [res.body.scheduled.id]);
    expect(row!.status).toBe('applied');
  });
});
