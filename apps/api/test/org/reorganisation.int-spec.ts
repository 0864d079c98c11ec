import request from 'supertest';
import { AccessService } from '../../src/modules/org/access.service';
import { TreeService } from '../../src/modules/org/tree.service';
import { bearer, login, seedOrgDemo, unitId, userId, type Session } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/** A work item row as the runtime stores it (only the columns the org module reads matter). */
async function insertItem(t: TestApp, unit: string, status: 'active' | 'final'): Promise<string> {
  const cols: Array<{ column_name: string }> = await t.dataSource.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'work_item'`,
  );
  if (cols.length === 0) {
    await t.dataSource.query(`CREATE TABLE work_item (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), unit_id uuid NOT NULL, unit_path text, status text NOT NULL)`);
    return insertItem(t, unit, status);
  }
  const path: Array<{ path: string }> = await t.dataSource.query(`SELECT path FROM unit WHERE id = $1`, [unit]);
  const names = new Set(cols.map((c) => c.column_name));
  const values: Record<string, unknown> = { unit_id: unit, unit_path: path[0]!.path, status };
  const defaults: Record<string, unknown> = {
    definition_id: '00000000-0000-4000-8000-000000000001',
    workflow_key: 'unit_plan',
    workflow_version: 1,
    title: 'Kế hoạch thử',
    stage: 'draft',
    data: '{}',
    snapshot: '{}',
  };
  for (const [k, v] of Object.entries(defaults)) if (names.has(k)) values[k] = v;
  const keys = Object.keys(values);
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO work_item (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(values),
  );
  return rows[0]!.id;
}

describe('reorganisation: move, merge, dissolve, rename', () => {
  let t: TestApp;
  let admin: Session;
  const http = () => request(t.app.getHttpServer());
  const unitRow = async (code: string) =>
    (await t.dataSource.query(`SELECT id, path, parent_id AS "parentId", depth, status, merged_into_id AS "mergedIntoId", name FROM unit WHERE code = $1`, [code]))[0];

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
    admin = await login(t, 'admin');
  });
  afterAll(() => t.close());

  it('moves a unit with its subtree; preview changes nothing; history keeps the old path', async () => {
    const vpubnd = await unitRow('CDCS-VC-VPUBND');
    const sub = await unitRow('CDBP-VC-TTHCC');
    const ytId = await unitId(t, 'CDN-YT');
    const before = new Date();
    // Something recorded before the move, with the path of the time.
    const officer = await userId(t, 'canbo.vc-vpubnd');
    await http().post(`/api/users/${officer}/roles`).set(bearer(admin)).send({ unitId: vpubnd.id, role: 'viewer' }).expect(201);
    await new Promise((r) => setTimeout(r, 20));

    const preview = await http().post(`/api/units/${vpubnd.id}/move`).set(bearer(admin)).send({ newParentId: ytId, preview: true }).expect(200);
    expect(preview.body).toMatchObject({ operation: 'move', preview: true, unitsRepathed: 2, oldPath: vpubnd.path, target: { code: 'CDN-YT' } });
    expect((await unitRow('CDCS-VC-VPUBND')).path).toBe(vpubnd.path);
    const movedAudits = await t.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'unit.moved'`);
    expect(movedAudits).toHaveLength(0);

    const res = await http().post(`/api/units/${vpubnd.id}/move`).set(bearer(admin)).send({ newParentId: ytId }).expect(200);
    const yt = await unitRow('CDN-YT');
    expect(res.body.newPath).toBe(`${yt.path}${vpubnd.path.split('/').at(-2)}/`);
    const after = await unitRow('CDCS-VC-VPUBND');
    expect(after).toMatchObject({ parentId: ytId, path: res.body.newPath, depth: yt.depth + 1 });
    expect((await unitRow('CDBP-VC-TTHCC')).path.startsWith(after.path)).toBe(true);

    const tree = t.app.get(TreeService);
    expect(await tree.isWithin(sub.id, ytId)).toBe(true);
    expect(await tree.pathOf(sub.id, before)).toBe(sub.path);
    expect(await tree.pathOf(sub.id)).not.toBe(sub.path);
    const cdVc = await unitId(t, 'CD-VC');
    expect(await tree.subtreeUnitIds(cdVc, { asOf: before })).toEqual(expect.arrayContaining([vpubnd.id, sub.id]));
    expect(await tree.subtreeUnitIds(cdVc)).not.toContain(vpubnd.id);

    // The tree as of before the move, through the API.
    const asOf = await http().get(`/api/units/tree?rootId=${cdVc}&asOf=${before.toISOString()}&limit=500`).set(bearer(admin)).expect(200);
    expect(asOf.body.items.map((n: { code: string }) => n.code)).toEqual(expect.arrayContaining(['CDCS-VC-VPUBND', 'CDBP-VC-TTHCC']));

    const audit = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'role.assigned' AND entity_type = 'role_assignment' ORDER BY id DESC LIMIT 1`);
    expect(audit[0].details.unitPath).toBe(vpubnd.path);
    const moved = await t.dataSource.query(`SELECT actor_user_id AS "actor", details FROM audit_log WHERE action = 'unit.moved'`);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ actor: admin.userId, details: { oldPath: vpubnd.path, newPath: after.path, unitsRepathed: 2 } });
  });

  it('refuses to move a unit under its own subtree (UNIT_CYCLE) or a root', async () => {
    const cdVc = await unitId(t, 'CD-VC');
    const res = await http().post(`/api/units/${await unitId(t, 'LDLD-NT')}/move`).set(bearer(admin)).send({ newParentId: cdVc }).expect((r) => expect([404, 422]).toContain(r.status));
    // The province admin does not administer the confederation: moving the province itself is out of scope (404).
    expect(['NOT_FOUND', 'UNIT_CYCLE']).toContain(res.body.code);
    const ns = await unitId(t, 'LDLD-NS');
    const child = await unitId(t, 'CDCS-NS-MIADUONG');
    const cycle = await http().post(`/api/units/${ns}/move`).set(bearer(admin)).send({ newParentId: child }).expect(422);
    expect(cycle.body.code).toBe('UNIT_CYCLE');
  });

  it('merges A into B: children, people and open work go to B; A stays readable as merged', async () => {
    const a = await unitRow('CDCS-GD-THPT02');
    const b = await unitRow('CDCS-GD-THPT01');
    const officer = await userId(t, 'canbo.gd-thpt02');
    const open = await insertItem(t, a.id, 'active');
    const closed = await insertItem(t, a.id, 'final');

    const preview = await http().post(`/api/units/${a.id}/merge`).set(bearer(admin)).send({ intoId: b.id, preview: true }).expect(200);
    // The preview proposes to end every role of the merged unit (nobody gains rights unless confirmed).
    expect(preview.body).toMatchObject({ operation: 'merge', preview: true, roleAssignmentsTransferred: 0, openItemsTransferred: 1 });
    expect(preview.body.roleMapping).toEqual([expect.objectContaining({ username: 'canbo.gd-thpt02', role: 'officer', action: 'end', toUnit: null, widensIfMoved: true })]);
    expect((await unitRow('CDCS-GD-THPT02')).status).toBe('active');

    const roleMapping = [{ assignmentId: preview.body.roleMapping[0].assignmentId, action: 'move', toUnitId: b.id }];
    const res = await http().post(`/api/units/${a.id}/merge`).set(bearer(admin)).send({ intoId: b.id, roleMapping }).expect(200);
    expect(res.body).toMatchObject({ roleAssignmentsTransferred: 1, openItemsTransferred: 1 });
    expect(res.body.roleMapping[0]).toMatchObject({ action: 'move', toUnit: { code: 'CDCS-GD-THPT01' } });
    expect(await unitRow('CDCS-GD-THPT02')).toMatchObject({ status: 'merged', mergedIntoId: b.id });
    const items = await t.dataSource.query(`SELECT id, unit_id AS "unitId" FROM work_item WHERE id = ANY($1::uuid[])`, [[open, closed]]);
    expect(items.find((i: { id: string }) => i.id === open).unitId).toBe(b.id);
    expect(items.find((i: { id: string }) => i.id === closed).unitId).toBe(a.id);

    const principal = await t.app.get(AccessService).principalFor(officer);
    expect(principal.roles.map((r) => `${r.role}@${r.unitId}`)).toEqual([`officer@${b.id}`]);
    expect(await t.app.get(TreeService).mergedSourceIds(b.id)).toEqual([a.id]);

    const supervisor = await login(t, 'giamsat.gd');
    const read = await http().get(`/api/units/${a.id}`).set(bearer(supervisor)).expect(200);
    expect(read.body).toMatchObject({ status: 'merged', mergedInto: { code: 'CDCS-GD-THPT01' } });
    // Acting on a merged unit is refused.
    await http().post(`/api/units/${a.id}/rename`).set(bearer(admin)).send({ name: 'x' }).expect(409);
  });

  it('refuses to dissolve a unit that still has units, people or open work, listing them; with a destination it goes through', async () => {
    const tb = await unitRow('LDLD-TB');
    const item = await insertItem(t, tb.id, 'active');
    const refused = await http().post(`/api/units/${tb.id}/dissolve`).set(bearer(admin)).send({}).expect(409);
    expect(refused.body.code).toBe('UNIT_HAS_OPEN_WORK');
    expect(refused.body.details.people.map((p: { username: string }) => p.username)).toContain('giamsat.tb');
    expect(refused.body.details.childUnits.length).toBeGreaterThan(0);
    expect(refused.body.details.openItems.map((i: { id: string }) => i.id)).toEqual([item]);
    expect((await unitRow('LDLD-TB')).status).toBe('active');

    const preview = await http().post(`/api/units/${tb.id}/dissolve`).set(bearer(admin)).send({ preview: true }).expect(200);
    expect(preview.body.blockers.openItemCount).toBe(1);

    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const province = await unitRow('LDLD-NT');
    const children = refused.body.details.childUnits.map((c: { id: string }) => c.id);
    const res = await http().post(`/api/units/${tb.id}/dissolve`).set(bearer(admin)).send({ transferToId: province.id }).expect(200);
    expect(res.body).toMatchObject({ operation: 'dissolve', childUnitsMoved: children.length, openItemsTransferred: 1, target: { code: 'LDLD-NT' } });
    expect((await unitRow('LDLD-TB')).status).toBe('dissolved');
    const parents = await t.dataSource.query(`SELECT DISTINCT parent_id AS p FROM unit WHERE id = ANY($1::uuid[])`, [children]);
    expect(parents).toEqual([{ p: province.id }]);
    const tree = t.app.get(TreeService);
    expect(await tree.subtreeUnitIds(tb.id, { asOf: before })).toEqual(expect.arrayContaining(children));
    // No mapping confirmed: the district supervisor's roles end; nothing at the province is gained.
    expect(res.body.roleMapping.map((r: { username: string; action: string }) => `${r.username}:${r.action}`).sort()).toEqual(['giamsat.tb:end', 'giamsat.tb:end']);
    const giamsat = await t.app.get(AccessService).principalFor(await userId(t, 'giamsat.tb'));
    expect(giamsat.roles).toEqual([]);
  });

  it('renames without touching paths, audited with both names', async () => {
    const u = await unitRow('CDCS-YT-BVDK');
    const res = await http().post(`/api/units/${u.id}/rename`).set(bearer(admin)).send({ name: 'CĐCS Bệnh viện Đa khoa tỉnh Ninh Thuận' }).expect(200);
    expect(res.body.renamed).toMatchObject({ from: u.name, to: 'CĐCS Bệnh viện Đa khoa tỉnh Ninh Thuận' });
    expect((await unitRow('CDCS-YT-BVDK')).path).toBe(u.path);
    const audit = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'unit.renamed' AND entity_id = $1`, [u.id]);
    expect(audit[0].details.from).toBe(u.name);
  });

  it('keeps reorganisation within the admin subtree', async () => {
    const provinceAdmin = admin;
    const ns = await unitId(t, 'LDLD-NS');
    const created = await http().post('/api/users').set(bearer(provinceAdmin)).send({ username: 'admin.ns2', fullName: 'QT NS', homeUnitId: ns, password: 'Admin-NS-2026' }).expect(201);
    await http().post(`/api/users/${created.body.user.id}/roles`).set(bearer(provinceAdmin)).send({ unitId: ns, role: 'admin' }).expect(201);
    const nsAdmin = await login(t, 'admin.ns2', 'Admin-NS-2026');
    const own = await unitId(t, 'CDCS-NS-MIADUONG');
    const foreign = await unitId(t, 'CDN-YT');
    expect((await http().post(`/api/units/${own}/move`).set(bearer(nsAdmin)).send({ newParentId: foreign }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await http().post(`/api/units/${foreign}/rename`).set(bearer(nsAdmin)).send({ name: 'x' }).expect(404)).body.code).toBe('NOT_FOUND');
    const viewer = await login(t, 'giamsat.ns');
    expect((await http().post(`/api/units/${own}/rename`).set(bearer(viewer)).send({ name: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
  });
});
