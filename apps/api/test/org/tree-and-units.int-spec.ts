import request from 'supertest';
import { bulkLoadUnits } from '../../src/modules/org/bulk-load';
import { generateNationalTree } from '../../src/modules/org/national-tree';
import { AccessService } from '../../src/modules/org/access.service';
import { TreeService } from '../../src/modules/org/tree.service';
import { bearer, login, seedOrgDemo, unitId } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

describe('tree queries and unit endpoints', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp();
    expect((await seedOrgDemo(t)).created).toBeGreaterThan(150);
  });
  afterAll(() => t.close());

  it('seeds the demo data once: a second run creates nothing', async () => {
    const units = await t.dataSource.query(`SELECT count(*)::int AS n FROM unit`);
    expect(await seedOrgDemo(t)).toEqual({ created: 0 });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM unit`)).toEqual(units);
  });

  it('answers ancestors, isWithin, subtree ids and counts from the paths, and a synchronous preloaded view', async () => {
    const tree = t.app.get(TreeService);
    const bvdk = await unitId(t, 'CDCS-YT-BVDK');
    const yt = await unitId(t, 'CDN-YT');
    const nt = await unitId(t, 'LDLD-NT');
    expect((await tree.ancestors(bvdk)).map((a) => a.code)).toEqual(['TLD', 'LDLD-NT', 'CDN-YT']);
    expect(await tree.isWithin(bvdk, nt)).toBe(true);
    expect(await tree.isWithin(nt, bvdk)).toBe(false);
    expect(await tree.isWithin('not-a-uuid', nt)).toBe(false);
    const ytGrassroots = await tree.subtreeUnitIds(yt, { kinds: ['grassroots_union'] });
    expect(ytGrassroots).toContain(bvdk);
    expect(ytGrassroots).not.toContain(yt);
    expect(await tree.countSubtree(nt)).toBe(157);
    await expect(tree.getUnit('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await tree.getUnitByCode('CDN-YT')).id).toBe(yt);

    const view = await tree.treeViewFor([bvdk]);
    expect(view.unit('CDN-YT')?.id).toBe(yt);
    expect(view.ancestors(bvdk).map((a) => a.code)).toEqual(['TLD', 'LDLD-NT', 'CDN-YT']);
    expect(view.isWithin(bvdk, nt)).toBe(true);
  });

  it('lists what the caller sees, with filters and keyset pagination', async () => {
    const s = await login(t, 'giamsat.yt');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await http()
        .get('/api/units')
        .query({ limit: 4, kind: 'grassroots_union', ...(cursor ? { cursor } : {}) })
        .set(bearer(s))
        .expect(200);
      seen.push(...res.body.items.map((u: { code: string }) => u.code));
      cursor = res.body.nextCursor;
    } while (cursor);
    const expected: Array<{ code: string }> = await t.dataSource.query(
      `SELECT u.code FROM unit u, unit r WHERE r.code = 'CDN-YT' AND u.path LIKE r.path || '%' AND u.kind = 'grassroots_union' ORDER BY u.code COLLATE "C"`,
    );
    expect(seen).toEqual(expected.map((e) => e.code));
    const q = await http().get('/api/units').query({ q: 'bệnh viện' }).set(bearer(s)).expect(200);
    expect(q.body.items.every((u: { code: string }) => u.code.startsWith('CDCS-YT'))).toBe(true);
    expect(q.body.items.length).toBeGreaterThan(0);

    const officer = await login(t, 'canbo.yt-bvdk');
    const own = await http().get('/api/units').set(bearer(officer)).expect(200);
    expect(own.body.items.map((u: { code: string }) => u.code)).toEqual(['CDCS-YT-BVDK']);
    await http().get(`/api/units/${await unitId(t, 'CDN-YT')}`).set(bearer(officer)).expect(404);
  });

  it('serves a unit with its ancestors, its children, its subtree count and the tree as of now', async () => {
    const s = await login(t, 'chutich.tinh');
    const yt = await unitId(t, 'CDN-YT');
    const one = await http().get(`/api/units/${yt}`).set(bearer(s)).expect(200);
    expect(one.body).toMatchObject({ code: 'CDN-YT', kind: 'upper_union', ancestors: [{ code: 'TLD' }, { code: 'LDLD-NT' }] });
    const children = await http().get(`/api/units/${yt}/children?limit=500`).set(bearer(s)).expect(200);
    expect(children.body.items.length).toBe(one.body.childCount);
    const count = await http().get(`/api/units/${yt}/subtree-count`).set(bearer(s)).expect(200);
    expect(count.body).toMatchObject({ unitId: yt, total: children.body.items.length + 1, byKind: { upper_union: 1 } });
    const tree = await http().get(`/api/units/tree?rootId=${yt}&limit=3`).set(bearer(s)).expect(200);
    expect(tree.body.items[0]).toMatchObject({ id: yt, depth: 2 });
    expect(tree.body.nextCursor).not.toBeNull();
  });

  it('loads a generated national-shape tree in bulk and counts subtrees by path', async () => {
    const generated = generateNationalTree({ seed: 5, provinces: 4, totalUnits: 2000 }).map((u) => ({ ...u, code: `GEN-${u.code}`, parentCode: u.parentCode ? `GEN-${u.parentCode}` : null }));
    const ids = await bulkLoadUnits(t.dataSource, generated);
    const tree = t.app.get(TreeService);
    const p1 = ids.get('GEN-P01')!;
    const expected = generated.filter((u) => u.code.startsWith('GEN-P01')).length;
    expect(await tree.countSubtree(p1)).toBe(expected);
    const reference: Array<{ n: number }> = await t.dataSource.query(
      `WITH RECURSIVE s AS (SELECT id FROM unit WHERE id = $1 UNION ALL SELECT u.id FROM unit u JOIN s ON u.parent_id = s.id) SELECT count(*)::int AS n FROM s`,
      [p1],
    );
    expect(reference[0]!.n).toBe(expected);
    const principal = { userId: 'x', username: 'x', fullName: 'x', roles: [{ role: 'viewer' as const, unitId: p1, unitPath: (await tree.getUnit(p1)).path, workflows: null, onBehalfOf: null }] };
    await expect(t.app.get(AccessService).assertCanSeeUnit(principal, ids.get('GEN-P02')!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.app.get(AccessService).assertCanSeeUnit(principal, ids.get('GEN-P01-G0001')!)).resolves.toMatchObject({ code: 'GEN-P01-G0001' });
  });
});
