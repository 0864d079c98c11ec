import { InboxRepository, type ActingScope, type InboxFilter, type InboxRow } from '../../src/modules/workflow/inbox/inbox.repository';
import type { TestApp } from '../support/test-app';
import { startWorkflowApp } from './workflow-test-kit';

/**
 * The inbox page's rows and order, whatever shape its SQL takes (issue 17, line 2: a province's branch is written
 * over its region so an ordered index walk answers it). Each scope shape is paged through with the repository's
 * own cursor and compared, page by page, with the query as it was before that change: one plain statement, every
 * scope a path prefix or an exact path, ordered by (COALESCE(due_at, 'infinity'), id) or (updated_at, id).
 * Generated data: deadlines with many ties, NULL deadlines, entries claimed by the user and by others, final ones,
 * ones that bar the user, two workflows, paths at depths 2 to 4 in two regions and outside them.
 */
describe('inbox page: same rows in the same order as the plain query, for every scope shape', () => {
  let t: TestApp;
  let repo: InboxRepository;
  let me: string;
  let root: string;
  let regionA: string;
  let regionB: string;
  let deepA: string;
  let deeperA: string;

  beforeAll(async () => {
    t = await startWorkflowApp();
    repo = new InboxRepository(t.dataSource);
    const ds = t.dataSource;
    [{ id: me }] = await ds.query(`SELECT id FROM app_user WHERE username = 'giamsat.yt'`);
    const [{ id: other }]: Array<{ id: string }> = await ds.query(`SELECT id FROM app_user WHERE username <> 'giamsat.yt' ORDER BY username LIMIT 1`);
    // Assigned paths: the real root and province, and made-up ones (no key on the path) for a second region, deeper
    // levels, and a sibling region whose key starts with the province's key (a prefix test must not take it).
    const [{ id: unitId, path: province }]: Array<{ id: string; path: string }> = await ds.query(`SELECT id, path FROM unit WHERE length(path) - length(replace(path, '/', '')) = 3 LIMIT 1`);
    root = province.slice(0, province.indexOf('/', 1) + 1);
    regionA = province;
    regionB = `${root}zzzb/`;
    deepA = `${regionA}q1/`;
    deeperA = `${deepA}r1/`;
    const paths = [root, regionA, regionB, deepA, deeperA, `${deepA}r2/`, `${regionA}q2/`, `${regionA}q2/r3/`, `${regionB}q1/`, `${regionB}q1/r1/`, `${root}${regionA.slice(root.length, -1)}0/`, `${root}${regionA.slice(root.length, -1)}0/q1/`];
    const [{ id: def }] = await ds.query(`SELECT id FROM workflow_definition WHERE key = 'unit_plan' ORDER BY version DESC LIMIT 1`);
    // 900 items: deadlines on 12 distinct values (ties), 1 in 6 without one; 1 in 9 claimed by me, 1 in 11 by
    // another; 1 in 8 final; 1 in 13 bars me; 1 in 5 of another workflow; roles supervisor / officer.
    await ds.query(
      `INSERT INTO work_item (definition_id, workflow_key, workflow_version, unit_id, unit_path, title, stage, status, data, snapshot,
                              assigned_unit_id, assigned_unit_path, assigned_role, assigned_user_id, excluded_user_ids, due_at, updated_at, submitted_at, version)
       SELECT $1, CASE WHEN i % 5 = 0 THEN 'launch' ELSE 'unit_plan' END, 1, $6::uuid, u.path, 'Mục ' || i, 'review',
              CASE WHEN i % 8 = 0 THEN 'final' WHEN i % 17 = 0 THEN 'suspended' ELSE 'active' END, '{}', '{}'::jsonb,
              $6::uuid, u.path, CASE WHEN i % 4 = 0 THEN 'officer' ELSE 'supervisor' END,
              CASE WHEN i % 9 = 0 THEN $2::uuid WHEN i % 11 = 0 THEN $3::uuid END,
              CASE WHEN i % 13 = 0 THEN ARRAY[$2::uuid] ELSE '{}'::uuid[] END,
              CASE WHEN i % 6 = 0 THEN NULL ELSE timestamptz '2026-03-01' + make_interval(hours => (i * 7) % 12) END,
              timestamptz '2026-02-01' + make_interval(mins => (i * 13) % 40), now(), 1
         FROM generate_series(1, 900) i
         JOIN (SELECT n - 1 AS n, path FROM unnest($4::text[]) WITH ORDINALITY AS x(path, n)) u ON u.n = (i / 7) % $5`,
      [def, me, other, paths, paths.length, unitId],
    );
    await ds.query('ANALYZE work_item');
  });
  afterAll(async () => {
    await t.close();
  });

  /** The query before the region branch: one statement, each scope a prefix (subtree) or an exact path. */
  async function reference(f: InboxFilter, sort: 'due_at' | 'updated_at', after: { key: string; id: string } | null, limit: number): Promise<Array<{ id: string; sortKey: string }>> {
    const v: unknown[] = [f.userId];
    const add = (x: unknown): string => (v.push(x), `$${v.length}`);
    const sk = sort === 'due_at' ? `COALESCE(i.due_at, 'infinity'::timestamptz)` : 'i.updated_at';
    const scopes = f.scopes.map(
      (s) =>
        `(i.assigned_role = ${add(s.role)} AND ${s.subtree ? `starts_with(i.assigned_unit_path, ${add(s.path)})` : `i.assigned_unit_path = ${add(s.path)}`}` +
        ` AND i.assigned_user_id IS NULL AND NOT ($1::uuid = ANY(i.excluded_user_ids))${s.workflows ? ` AND i.workflow_key = ANY(${add(s.workflows)}::text[])` : ''})`,
    );
    const w = [`i.status <> 'final'`, `(${[...scopes, 'i.assigned_user_id = $1'].join(' OR ')})`];
    if (f.workflow) w.push(`i.workflow_key = ${add(f.workflow)}`);
    if (f.overdue) w.push(`i.due_at < ${add(f.now.toISOString())}`);
    if (after) w.push(`(${sk}, i.id) > (${add(after.key)}::timestamptz, ${add(after.id)}::uuid)`);
    return t.dataSource.query(`SELECT i.id, ${sk}::text AS "sortKey" FROM work_item i WHERE ${w.join(' AND ')} ORDER BY ${sk}, i.id LIMIT ${add(limit)}`, v);
  }

  /** Every page of both, through each one's own cursor; pages of 7 so that pages end inside runs of ties. */
  async function compare(scopes: ActingScope[], sort: 'due_at' | 'updated_at' = 'due_at', extra: Partial<InboxFilter> = {}): Promise<number> {
    const f: InboxFilter = { userId: me, scopes, now: new Date('2026-03-01T05:30:00Z'), ...extra };
    let after: { key: string; id: string } | null = null;
    let total = 0;
    for (let pages = 0; pages < 200; pages += 1) {
      const got: InboxRow[] = await repo.page(f, sort, after, 7);
      const want = await reference(f, sort, after, 7);
      expect(got.map((r) => [r.id, r.sortKey])).toEqual(want.map((r) => [r.id, r.sortKey]));
      total += got.length;
      if (got.length < 7) return total;
      const last = got[got.length - 1]!;
      after = { key: last.sortKey, id: last.id };
    }
    throw new Error('more than 200 pages');
  }

  const sup = (path: string, subtree = true, workflows: string[] | null = null): ActingScope => ({ role: 'supervisor', path, subtree, workflows });

  it('the data has what the comparison needs: ties, NULL deadlines, both regions, deep paths', async () => {
    const [s] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE due_at IS NULL) AS nulls, count(*) - count(DISTINCT (due_at, assigned_role, assigned_unit_path)) AS ties,
              count(*) FILTER (WHERE starts_with(assigned_unit_path, $1)) AS a, count(*) FILTER (WHERE starts_with(assigned_unit_path, $2)) AS b,
              count(*) FILTER (WHERE starts_with(assigned_unit_path, $3)) AS deep
         FROM work_item WHERE status <> 'final'`,
      [regionA, regionB, deepA],
    );
    for (const k of ['nulls', 'ties', 'a', 'b', 'deep']) expect(Number(s[k])).toBeGreaterThan(5);
  });

  it('a province (region root): the branch is written over the region, and pages match', async () => {
    const seen: string[] = [];
    const spy = { query: async (sql: string, params: unknown[]) => (seen.push(sql), t.dataSource.query(sql, params)) };
    await new InboxRepository(spy as never).page({ userId: me, scopes: [sup(regionA)], now: new Date() }, 'due_at', null, 7);
    expect(seen[0]).toContain(`substring(i.assigned_unit_path from '^/[^/]+/[^/]+/') = $`);
    expect(await compare([sup(regionA)])).toBeGreaterThan(30);
  });

  it('two provinces, an exact path and a deeper subtree of another role, nested scopes of one role, the root', async () => {
    expect(await compare([sup(regionA), sup(regionB), { role: 'officer', path: deeperA, subtree: false, workflows: null }])).toBeGreaterThan(30);
    expect(await compare([sup(deepA), { role: 'officer', path: regionA, subtree: true, workflows: null }])).toBeGreaterThan(10);
    expect(await compare([sup(regionA), sup(deepA, true, ['unit_plan'])])).toBeGreaterThan(30);
    expect(await compare([sup(root)])).toBeGreaterThan(30);
    expect(await compare([sup(regionA, true, ['launch'])])).toBeGreaterThan(0);
  });

  it('with filters (workflow, overdue), by last update, and with no scope but the direct branch', async () => {
    expect(await compare([sup(regionA), sup(regionB)], 'due_at', { workflow: 'unit_plan' })).toBeGreaterThan(20);
    expect(await compare([sup(regionA)], 'due_at', { overdue: true })).toBeGreaterThan(5);
    expect(await compare([sup(regionA), sup(regionB)], 'updated_at')).toBeGreaterThan(30);
    expect(await compare([])).toBeGreaterThan(5);
  });
});
