import type { DataSource } from 'typeorm';
import { InboxRepository, type ActingScope, type InboxFilter } from './inbox.repository';

/** The SQL the repository sends for the counts, captured by a stand-in DataSource (nothing is run). */
async function countsSql(scopes: ActingScope[]): Promise<string> {
  const seen: string[] = [];
  const ds = { query: async (sql: string) => (seen.push(sql), []) } as unknown as DataSource;
  const filter: InboxFilter = { userId: '00000000-0000-4000-8000-000000000001', scopes, now: new Date('2026-01-01T00:00:00Z') };
  await new InboxRepository(ds).counts(filter);
  return seen[0];
}

describe('InboxRepository.counts: branches concatenated only when they cannot overlap', () => {
  const province: ActingScope = { role: 'supervisor', path: '/1/2/', subtree: true, workflows: null };

  it('one scope: UNION ALL (scope branches take unassigned entries, the direct branch the assigned ones)', async () => {
    const sql = await countsSql([province]);
    expect(sql).toContain(' UNION ALL SELECT i.id');
    expect(sql).toContain('i.assigned_user_id IS NULL');
    expect(sql).not.toMatch(/UNION SELECT i\.id/);
  });

  it('scopes of different roles or disjoint paths: UNION ALL', async () => {
    const sql = await countsSql([province, { role: 'officer', path: '/1/2/3/', subtree: false, workflows: null }, { role: 'supervisor', path: '/1/9/', subtree: true, workflows: null }]);
    expect(sql).not.toMatch(/UNION SELECT i\.id/);
  });

  it('two scopes of one role, one within the other: UNION (deduplicated)', async () => {
    const sql = await countsSql([province, { role: 'supervisor', path: '/1/2/3/', subtree: false, workflows: ['unit_plan'] }]);
    expect(sql).toMatch(/UNION SELECT i\.id/);
    expect(sql).not.toContain(' UNION ALL SELECT i.id');
  });
});

/** The SQL the repository sends for a page, captured by a stand-in DataSource (nothing is run). */
async function pageSql(scopes: ActingScope[], sort: 'due_at' | 'updated_at' = 'due_at', statusInBranches = false): Promise<string> {
  const seen: string[] = [];
  const ds = { query: async (sql: string) => (seen.push(sql), []) } as unknown as DataSource;
  const filter: InboxFilter = { userId: '00000000-0000-4000-8000-000000000001', scopes, now: new Date('2026-01-01T00:00:00Z'), status: statusInBranches ? 'suspended' : 'active' };
  await new InboxRepository(ds).page(filter, sort, null, 51, statusInBranches);
  return seen[0];
}

describe('InboxRepository.page: a province is walked over its region, other scopes by path', () => {
  const region = `substring(i.assigned_unit_path from '^/[^/]+/[^/]+/') = $`;
  it('a subtree rooted at depth 2, deadline order: the region equality, no prefix LIKE', async () => {
    const sql = await pageSql([{ role: 'supervisor', path: '/1/2/', subtree: true, workflows: null }]);
    expect(sql).toContain(region);
    expect(sql).not.toMatch(/assigned_unit_path LIKE/);
  });
  it('deeper subtrees, the root, exact paths, the updated_at order and suspended items keep the path predicate', async () => {
    for (const s of [
      { role: 'supervisor' as const, path: '/1/2/3/', subtree: true, workflows: null },
      { role: 'supervisor' as const, path: '/1/', subtree: true, workflows: null },
      { role: 'officer' as const, path: '/1/2/', subtree: false, workflows: null },
    ]) expect(await pageSql([s])).not.toContain(region);
    const province = { role: 'supervisor' as const, path: '/1/2/', subtree: true, workflows: null };
    expect(await pageSql([province], 'updated_at')).not.toContain(region);
    expect(await pageSql([province], 'due_at', true)).not.toContain(region);
  });
});
