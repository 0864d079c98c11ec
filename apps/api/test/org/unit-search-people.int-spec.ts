import request from 'supertest';
import { searchFoldSql } from '../../src/database/migrations/1795754574736-unit-search-text';
import { AccessService } from '../../src/modules/org/access.service';
import { UnitRepository } from '../../src/modules/org/unit.repository';
import { UnitsService } from '../../src/modules/org/units.service';
import { VIETNAMESE_LETTERS, searchFold } from '../../src/modules/org/unit-search';
import { bearer, login, seedOrgDemo, unitId, userId, type Session } from '../support/org-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

describe('unit search, unit people, parent chain visibility, council scope', () => {
  let t: TestApp;
  let admin: Session;
  const http = () => request(t.app.getHttpServer());
  const codes = (res: request.Response) => res.body.items.map((u: { code: string }) => u.code).sort();

  beforeAll(async () => {
    t = await startTestApp();
    await seedOrgDemo(t);
    admin = await login(t, 'admin');
  });
  afterAll(() => t.close());

  it('folds in SQL (the migration backfill) exactly as in TypeScript, on every Vietnamese letter and on every stored unit', async () => {
    const letters = VIETNAMESE_LETTERS.map(([l]) => l).join('') + 'ABCXYZ abc-019';
    const [row] = await t.dataSource.query(`SELECT ${searchFoldSql('$1::text')} AS folded`, [letters]);
    expect(row.folded).toBe(searchFold(letters));
    const [nfd] = await t.dataSource.query(`SELECT ${searchFoldSql('$1::text')} AS folded`, ['Phước Mỹ Đô Vinh'.normalize('NFD')]);
    expect(nfd.folded).toBe('phuoc my do vinh');
    const disagreeing = await t.dataSource.query(`SELECT code FROM unit WHERE search_text <> ${searchFoldSql(`code || ' ' || name`)}`);
    expect(disagreeing).toEqual([]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM unit WHERE search_text = ''`);
    expect(n).toBe(0);
  });

  it('finds units ignoring case and diacritics (đ → d), every word in any order, within the caller scope', async () => {
    const phuocMy = await http().get('/api/units').query({ q: 'phuoc my' }).set(bearer(admin)).expect(200);
    expect(codes(phuocMy)).toEqual(['CDCS-PRTC-TH02', 'CDCS-PRTC-X02']);
    const doVinh = await http().get('/api/units').query({ q: 'do vinh' }).set(bearer(admin)).expect(200);
    expect(codes(doVinh)).toEqual(['CDCS-PRTC-TH01', 'CDCS-PRTC-X01']);
    for (const q of ['ĐÔ VINH', 'Đô Vinh'.normalize('NFD'), 'vinh do']) {
      expect(codes(await http().get('/api/units').query({ q }).set(bearer(admin)).expect(200))).toEqual(['CDCS-PRTC-TH01', 'CDCS-PRTC-X01']);
    }
    expect(codes(await http().get('/api/units').query({ q: 'cdcs-prtc-x0' }).set(bearer(admin)).expect(200)).length).toBeGreaterThan(3);
    expect((await http().get('/api/units').query({ q: '100%_' }).set(bearer(admin)).expect(200)).body.items).toEqual([]);
    // A supervisor of the health union sees none of them.
    const yt = await login(t, 'giamsat.yt');
    expect((await http().get('/api/units').query({ q: 'phuoc my' }).set(bearer(yt)).expect(200)).body.items).toEqual([]);
  });

  it('keeps search_text in step on rename (name and code) and on attribute updates by import', async () => {
    const x02 = await unitId(t, 'CDCS-PRTC-X02');
    await http().post(`/api/units/${x02}/rename`).set(bearer(admin)).send({ name: 'CĐCS UBND phường Phước Mỹ Đông', code: 'CDCS-PRTC-PMD' }).expect(200);
    expect(codes(await http().get('/api/units').query({ q: 'phuoc my dong pmd' }).set(bearer(admin)).expect(200))).toEqual(['CDCS-PRTC-PMD']);
    const repo = t.app.get(UnitRepository);
    await t.dataSource.transaction((m) => repo.updateAttributes(x02, { name: 'Công đoàn Đồng Hới' }, m));
    const [row] = await t.dataSource.query(`SELECT search_text FROM unit WHERE id = $1`, [x02]);
    expect(row.search_text).toBe('cdcs-prtc-pmd cong doan dong hoi');
  });

  it('marks the parent chain units the caller cannot open', async () => {
    const yt = await unitId(t, 'CDN-YT');
    const asAdmin = await http().get(`/api/units/${yt}`).set(bearer(admin)).expect(200);
    expect(asAdmin.body.ancestors.map((a: { code: string; isVisible: boolean }) => [a.code, a.isVisible])).toEqual([
      ['TLD', false],
      ['LDLD-NT', true],
    ]);
    await http().get(`/api/units/${asAdmin.body.ancestors[0].id}`).set(bearer(admin)).expect(404);
    await http().get(`/api/units/${asAdmin.body.ancestors[1].id}`).set(bearer(admin)).expect(200);

    const supervisor = await login(t, 'giamsat.yt');
    const bvdk = await http().get(`/api/units/${await unitId(t, 'CDCS-YT-BVDK')}`).set(bearer(supervisor)).expect(200);
    expect(bvdk.body.ancestors.map((a: { code: string; isVisible: boolean }) => [a.code, a.isVisible])).toEqual([
      ['TLD', false],
      ['LDLD-NT', false],
      ['CDN-YT', true],
    ]);
    // Nothing more than before about the units above: the same fields, no counts or children.
    expect(Object.keys(bvdk.body.ancestors[0]).sort()).toEqual(['code', 'id', 'isVisible', 'kind', 'name', 'path']);
  });

  it('lists the people of a unit at a date: role holders from elsewhere, people based there, their roles here and active delegations', async () => {
    const nt = await unitId(t, 'LDLD-NT');
    const bvdkOfficer = await userId(t, 'canbo.yt-bvdk');
    const before = new Date(Date.now() - 60_000).toISOString();
    await http().post(`/api/users/${bvdkOfficer}/roles`).set(bearer(admin)).send({ unitId: nt, role: 'viewer' }).expect(201);
    const chutich = await login(t, 'chutich.tinh');
    const giamsatYt = await userId(t, 'giamsat.yt');
    const delegation = await http()
      .post('/api/delegations')
      .set(bearer(chutich))
      .send({ toUserId: giamsatYt, validFrom: before, validTo: '2099-12-31', reason: 'Đi công tác' })
      .expect(201);

    const res = await http().get(`/api/units/${nt}/people`).set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({ unit: { code: 'LDLD-NT' }, truncated: false });
    const byName = new Map(res.body.people.map((p: { username: string }) => [p.username, p]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['admin', 'chutich.tinh', 'hoidong1', 'tdkt.tinh', 'canbo.yt-bvdk']));
    expect(byName.get('chutich.tinh')).toMatchObject({
      isHomeHere: true,
      homeUnit: { code: 'LDLD-NT' },
      delegations: [{ id: delegation.body.id, direction: 'given', counterpart: { username: 'giamsat.yt' }, workflows: null }],
    });
    expect((byName.get('chutich.tinh') as { roles: Array<{ role: string }> }).roles.map((r) => r.role).sort()).toEqual(['council_member', 'supervisor']);
    expect(byName.get('canbo.yt-bvdk')).toMatchObject({ isHomeHere: false, homeUnit: { code: 'CDCS-YT-BVDK' }, roles: [{ role: 'viewer', validTo: null }] });
    // The delegate is not listed here (holds no role of their own at the unit).
    expect(byName.has('giamsat.yt')).toBe(false);

    // At a past date: the new viewer role did not exist yet, the delegation was not in force.
    const past = await http().get(`/api/units/${nt}/people`).query({ at: new Date(Date.now() - 3600_000).toISOString() }).set(bearer(admin)).expect(200);
    const pastNames = past.body.people.map((p: { username: string }) => p.username);
    expect(pastNames).not.toContain('canbo.yt-bvdk');
    expect(past.body.people.find((p: { username: string }) => p.username === 'chutich.tinh').delegations).toEqual([]);

    // Outside the caller's scope the unit does not exist (404, as a missing id).
    const elsewhere = await login(t, 'canbo.gd-thpt01');
    const missing = await http().get(`/api/units/00000000-0000-4000-8000-000000000000/people`).set(bearer(elsewhere)).expect(404);
    const outside = await http().get(`/api/units/${nt}/people`).set(bearer(elsewhere)).expect(404);
    expect(outside.body).toMatchObject({ code: missing.body.code });

    // An officer of the health union sees that unit only: the delegator above it is not named.
    const ytId = await unitId(t, 'CDN-YT');
    const ytPath: string = (await t.dataSource.query(`SELECT path FROM unit WHERE id = $1`, [ytId]))[0].path;
    const officer = { userId: 'x', username: 'x', fullName: 'x', roles: [{ role: 'officer' as const, unitId: ytId, unitPath: ytPath, workflows: null, onBehalfOf: null }] };
    const own = await t.app.get(UnitsService).peopleOf(officer, ytId, {});
    const delegate = own.people.find((p) => p.username === 'giamsat.yt')!;
    expect(delegate.delegations).toEqual([expect.objectContaining({ id: delegation.body.id, direction: 'received', counterpart: null })]);
    expect(JSON.stringify(own)).not.toContain('chutich');
    await http().get(`/api/units/${nt}/people`).query({ at: 'yesterday' }).set(bearer(admin)).expect(400);
  });

  it('lets the council roles see the council unit subtree but act at the council unit only (as workflow-core)', async () => {
    const access = t.app.get(AccessService);
    const member = await access.principalFor(await userId(t, 'hoidong1'));
    const ntPath = (await t.dataSource.query(`SELECT path FROM unit WHERE code = 'LDLD-NT'`))[0].path;
    const ytPath = (await t.dataSource.query(`SELECT path FROM unit WHERE code = 'CDN-YT'`))[0].path;
    expect(access.canSeePath(member, ytPath)).toBe(true);
    expect(access.holdsRoleOver(member, ['council_member'], ntPath)).toBe(true);
    expect(access.holdsRoleOver(member, ['council_member'], ytPath)).toBe(false);
    const s = await login(t, 'hoidong1');
    await http().get(`/api/units/${await unitId(t, 'CDN-YT')}`).set(bearer(s)).expect(200);
    await expect(access.assertRoleOver(member, ['council_member'], await unitId(t, 'CDN-YT'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
