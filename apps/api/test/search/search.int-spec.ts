import request from 'supertest';
import { foldedSql } from '../../src/common/search/search-fold';
import type { TestApp } from '../support/test-app';
import { createUsers, signIn, startWorkflowApp, submittedPlan, type Client } from '../workflow/workflow-test-kit';

type Hits = { items: Array<{ id: string; title: string }>; units: Array<{ code: string }>; people: Array<{ username: string }>; moreItems: boolean; moreUnits: boolean; morePeople: boolean };

/** Issue 19, line 5: the admin's one search box — GET /api/search over items, units and people, folded, in scope. */
describe('GET /api/search', () => {
  let t: TestApp;
  let healthItem: string;
  let schoolItem: string;
  const find = async (c: Client, q: string, extra = ''): Promise<Hits> => (await c.get(`/api/search?q=${encodeURIComponent(q)}${extra}`).expect(200)).body as Hits;
  const titles = (h: Hits) => h.items.map((i) => i.title).sort();
  const codes = (h: Hits) => h.units.map((u) => u.code).sort();
  const usernames = (h: Hits) => h.people.map((p) => p.username).sort();

  beforeAll(async () => {
    // The whole app (the search module is not in the runtime's slice), restored for the suites after this one.
    const before = process.env.WF_FULL_APP;
    process.env.WF_FULL_APP = '1';
    try {
      t = await startWorkflowApp();
    } finally {
      if (before === undefined) delete process.env.WF_FULL_APP;
      else process.env.WF_FULL_APP = before;
    }
    healthItem = await submittedPlan(t, await signIn(t.app, 'canbo.yt-bvdk'), 'CDCS-YT-BVDK', 'Kế hoạch Đảm bảo an toàn Hà Nội');
    schoolItem = await submittedPlan(t, await signIn(t.app, 'canbo.gd-thpt01'), 'CDCS-GD-THPT01', 'Kế hoạch học tập Hà Nội');
    await createUsers(t, 'xem', 1, 'viewer', 'LDLD-NT');
  });
  afterAll(async () => t.close());

  it('folds case and every diacritic (đ → d) on items, units and people; every word must occur, in any order', async () => {
    const admin = await signIn(t.app, 'admin');
    expect(titles(await find(admin, 'ha noi'))).toEqual(['Kế hoạch học tập Hà Nội', 'Kế hoạch Đảm bảo an toàn Hà Nội']);
    for (const q of ['dam bao', 'ĐẢM BẢO', 'Đảm bảo'.normalize('NFD'), 'noi  ha   dam']) expect((await find(admin, q)).items.map((i) => i.id)).toEqual([healthItem]);
    expect(codes(await find(admin, 'do vinh'))).toEqual(['CDCS-PRTC-TH01', 'CDCS-PRTC-X01']);
    expect(codes(await find(admin, 'CDCS-PRTC-x02'))).toEqual(['CDCS-PRTC-X02']);
    expect(usernames(await find(admin, 'tran thi lan'))).toEqual(['giamsat.yt']);
    expect(usernames(await find(admin, 'dang quoc khanh'))).toEqual(['hoidong3']);
    expect(usernames(await find(admin, 'GIAMSAT.Y'))).toEqual(['giamsat.yt']);
    // kinds narrows the groups; the others come back empty.
    const onlyUnits = await find(admin, 'do vinh', '&kinds=units');
    expect(onlyUnits.items).toEqual([]);
    expect(onlyUnits.people).toEqual([]);
    expect(onlyUnits.units).toHaveLength(2);
  });

  it('answers only what the caller may read: a supervisor their branch, an officer their own unit, never another branch', async () => {
    const health = await signIn(t.app, 'giamsat.yt');
    const hn = await find(health, 'ha noi');
    expect(hn.items.map((i) => i.id)).toEqual([healthItem]);
    expect(usernames(await find(health, 'ly van vinh'))).toEqual(['canbo.yt-tcyt']); // in the health union
    expect(usernames(await find(health, 'chau thi xuan'))).toEqual([]); // the education union's officer
    expect(codes(await find(health, 'thpt'))).toEqual([]);
    expect(codes(await find(health, 'benh vien')).length).toBeGreaterThan(0);

    const school = await signIn(t.app, 'giamsat.gd');
    expect((await find(school, 'ha noi')).items.map((i) => i.id)).toEqual([schoolItem]);
    expect(usernames(await find(school, 'tran thi lan'))).toEqual([]);

    const sibling = await signIn(t.app, 'canbo.yt-tcyt');
    const fromSibling = await find(sibling, 'ha noi');
    expect(fromSibling.items).toEqual([]);
    expect(usernames(await find(sibling, 'mai thi uyen'))).toEqual([]);
    expect(usernames(await find(sibling, 'ly van vinh'))).toEqual(['canbo.yt-tcyt']);
  });

  it('a viewer finds units and people of their scope but no item (the list gives viewers counts only)', async () => {
    const viewer = await signIn(t.app, 'xem1');
    const res = await find(viewer, 'ha noi');
    expect(res.items).toEqual([]);
    expect(usernames(await find(viewer, 'tran thi lan'))).toEqual(['giamsat.yt']);
    expect(codes(await find(viewer, 'do vinh'))).toEqual(['CDCS-PRTC-TH01', 'CDCS-PRTC-X01']);
  });

  it('limits each kind (default 5, at most 20) and says when there are more', async () => {
    const admin = await signIn(t.app, 'admin');
    const three = await find(admin, 'cdcs', '&kinds=units&limit=3');
    expect(three.units).toHaveLength(3);
    expect(three.moreUnits).toBe(true);
    const byDefault = await find(admin, 'cdcs', '&kinds=units');
    expect(byDefault.units).toHaveLength(5);
    expect((await find(admin, 'do vinh', '&kinds=units&limit=2')).moreUnits).toBe(false);
    expect((await find(admin, 'ha noi', '&kinds=items&limit=1')).moreItems).toBe(true);
  });

  it('refuses an empty query and bad kinds or limits with a code (400 VALIDATION_FAILED)', async () => {
    const admin = await signIn(t.app, 'admin');
    for (const qs of ['', '?q=', '?q=%20%20%20', '?q=%C2%A0', '?q=ha&kinds=', '?q=ha&kinds=items,files', '?q=ha&limit=0', '?q=ha&limit=21', `?q=${'a'.repeat(101)}`]) {
      const res = await admin.get(`/api/search${qs}`);
      expect([qs, res.status, res.body.code]).toEqual([qs, 400, 'VALIDATION_FAILED']);
    }
    await request(t.app.getHttpServer()).get('/api/search?q=ha').expect(401);
  });

  it('treats SQL and LIKE syntax as text to find', async () => {
    const admin = await signIn(t.app, 'admin');
    for (const q of ["' OR 1=1 --", "'); DROP TABLE work_item; --", '%', '_', '\\', '%_%', "ha' noi", '$1']) {
      const res = await find(admin, q);
      expect([q, res.items, res.units, res.people]).toEqual([q, [], [], []]);
    }
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM work_item`))[0].n)).toBeGreaterThanOrEqual(2);
  });

  it('the folded expressions the queries use are the ones the trigram indexes are built on', async () => {
    const plan = async (sql: string): Promise<string> => {
      const qr = t.dataSource.createQueryRunner();
      try {
        await qr.query('BEGIN');
        await qr.query('SET LOCAL enable_seqscan = off');
        const rows: Array<{ 'QUERY PLAN': string }> = await qr.query(`EXPLAIN ${sql}`);
        await qr.query('ROLLBACK');
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await qr.release();
      }
    };
    expect(await plan(`SELECT id FROM work_item i WHERE ${foldedSql('i.title')} LIKE '%ha noi%'`)).toContain('idx_work_item_search_trgm');
    expect(await plan(`SELECT id FROM app_user a WHERE ${foldedSql(`a.full_name || ' ' || a.username`)} LIKE '%lan%'`)).toContain('idx_app_user_search_trgm');
    expect(await plan(`SELECT id FROM unit u WHERE u.search_text LIKE '%vinh%'`)).toContain('idx_unit_search_trgm');
  });
});
