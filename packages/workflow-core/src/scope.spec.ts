import fc from 'fast-check';
import { ROLES, type Role } from './roles';
import { ancestorPaths, coveredRegions, coversPath, grantCoversPath, regionsCover, roleCoverage, type ScopeGrant, type ScopePurpose } from './scope';
import { grantCovers } from './units';
import { memoryTree } from './memory-tree';

const PURPOSES: ScopePurpose[] = ['act', 'see', 'receive'];
/** Paths in a small tree (keys a–c, depth ≤ 4) so that generated paths often nest. */
const pathArb = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 4 }).map((keys) => `/${keys.join('/')}/`);
const roleArb = fc.constantFrom(...ROLES);
const grantArb: fc.Arbitrary<ScopeGrant> = fc.record({ role: roleArb, unitPath: pathArb, workflows: fc.option(fc.subarray(['launch', 'unit_plan', 'commendation'], { minLength: 1 }), { nil: null }) });
const purposeArb = fc.constantFrom(...PURPOSES);

describe('the scope rule', () => {
  it('has the documented table', () => {
    const table = Object.fromEntries(ROLES.map((r) => [r, PURPOSES.map((p) => roleCoverage(r, p)).join(' ')]));
    expect(table).toEqual({
      officer: 'unit unit unit',
      supervisor: 'subtree subtree subtree',
      viewer: 'subtree subtree subtree',
      admin: 'subtree subtree subtree',
      council_member: 'unit subtree subtree',
      council_secretary: 'unit subtree subtree',
    });
  });

  it('a grant always covers its own unit, for every purpose', () => {
    fc.assert(fc.property(grantArb, purposeArb, (g, p) => grantCoversPath(g, g.unitPath, p)));
  });

  it('never covers a unit outside the subtree and the ancestor chain of the grant', () => {
    fc.assert(
      fc.property(grantArb, pathArb, purposeArb, (g, path, p) => {
        const related = path.startsWith(g.unitPath) || g.unitPath.startsWith(path);
        return related || !grantCoversPath(g, path, p);
      }),
    );
  });

  it('only `receive` reaches upward, and only along the ancestor chain', () => {
    fc.assert(
      fc.property(grantArb, pathArb, (g, path) => {
        const isAncestor = g.unitPath !== path && g.unitPath.startsWith(path);
        if (!isAncestor) return true;
        return !grantCoversPath(g, path, 'act') && !grantCoversPath(g, path, 'see') && grantCoversPath(g, path, 'receive');
      }),
    );
  });

  it('officers cover their own unit only (act and see)', () => {
    fc.assert(fc.property(pathArb, pathArb, (own, other) => own === other || (!grantCoversPath({ role: 'officer', unitPath: own }, other, 'see') && !grantCoversPath({ role: 'officer', unitPath: own }, other, 'act'))));
  });

  it('act ⊆ see ⊆ receive', () => {
    fc.assert(
      fc.property(grantArb, pathArb, (g, path) => {
        const act = grantCoversPath(g, path, 'act');
        const see = grantCoversPath(g, path, 'see');
        const receive = grantCoversPath(g, path, 'receive');
        return (!act || see) && (!see || receive);
      }),
    );
  });

  it('ownUnitOnly narrows every purpose to exactly the unit', () => {
    fc.assert(fc.property(grantArb, pathArb, purposeArb, (g, path, p) => grantCoversPath(g, path, p, { ownUnitOnly: true }) === (g.unitPath === path)));
  });

  it('role and workflow options only ever remove coverage', () => {
    fc.assert(
      fc.property(grantArb, pathArb, purposeArb, fc.subarray([...ROLES] as Role[]), fc.constantFrom('launch', 'unit_plan', 'other'), (g, path, p, roles, workflow) => {
        const narrowed = grantCoversPath(g, path, p, { roles, workflow });
        return !narrowed || grantCoversPath(g, path, p);
      }),
    );
  });

  it('coveredRegions (what SQL filters on) decides exactly as coversPath, and is minimal', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 5 }), pathArb, purposeArb, fc.boolean(), (grants, path, p, ownUnitOnly) => {
        const regions = coveredRegions(grants, p, { ownUnitOnly });
        const inside = regions.filter((r, i) => regions.some((o, j) => i !== j && o.subtree && r.path.startsWith(o.path) && (o.path !== r.path || !r.subtree)));
        return regionsCover(regions, path) === coversPath(grants, path, p, { ownUnitOnly }) && inside.length === 0;
      }),
    );
  });

  it('ancestorPaths lists every proper prefix, root first', () => {
    expect(ancestorPaths('/a/b/c/')).toEqual(['/a/', '/a/b/']);
    expect(ancestorPaths('/a/')).toEqual([]);
  });

  it('the engine (grantCovers on a tree) decides acting exactly as the path rule', () => {
    const tree = memoryTree([
      { id: 'p', code: 'P', kind: 'province_federation', parentId: null },
      { id: 'd', code: 'D', kind: 'upper_union', parentId: 'p' },
      { id: 'g', code: 'G', kind: 'grassroots_union', parentId: 'd' },
      { id: 'h', code: 'H', kind: 'grassroots_union', parentId: 'p' },
    ]);
    const paths: Record<string, string> = { p: '/p/', d: '/p/d/', g: '/p/d/g/', h: '/p/h/' };
    for (const role of ROLES)
      for (const at of Object.keys(paths))
        for (const unit of Object.keys(paths))
          expect([role, at, unit, grantCovers({ role, unitId: at }, unit, tree)]).toEqual([role, at, unit, grantCoversPath({ role, unitPath: paths[at]! }, paths[unit]!, 'act')]);
  });
});
