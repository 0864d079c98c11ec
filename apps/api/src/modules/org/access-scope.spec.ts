import type { Principal, PrincipalRole } from '../../common/auth/principal';
import { ROLES } from '@thidua/contracts';
import { grantCovers, memoryTree } from '@thidua/workflow-core';
import { covers, scopeSqlFilter, scopesCover, visibleScopes } from './access-scope';

const grant = (role: PrincipalRole['role'], unitPath: string, onBehalfOf: string | null = null): PrincipalRole => ({ role, unitPath, unitId: unitPath, workflows: null, onBehalfOf });
const P = (...roles: PrincipalRole[]): Principal => ({ userId: 'u', username: 'u', fullName: 'U', roles });

const PROVINCE = '/000001/000002/';
const HEALTH = '/000001/000002/00000a/';
const HOSPITAL = '/000001/000002/00000a/00000b/';
const OTHER_PROVINCE = '/000001/000003/';

describe('scope rules', () => {
  it('lets supervisor, viewer and admin act on everything below their unit', () => {
    for (const role of ['supervisor', 'viewer', 'admin'] as const) {
      expect(covers(grant(role, HEALTH), HOSPITAL)).toBe(true);
      expect(covers(grant(role, HEALTH), HEALTH)).toBe(true);
      expect(covers(grant(role, HEALTH), PROVINCE)).toBe(false);
    }
  });

  it('lets officers and the council roles act for their own unit only', () => {
    for (const role of ['officer', 'council_member', 'council_secretary'] as const) {
      expect(covers(grant(role, HEALTH), HEALTH)).toBe(true);
      expect(covers(grant(role, HEALTH), HOSPITAL)).toBe(false);
      expect(covers(grant(role, HEALTH), PROVINCE)).toBe(false);
    }
  });

  it('agrees with workflow-core grantCovers for every role (acting)', () => {
    const tree = memoryTree([
      { id: 'province', code: 'P', kind: 'province_federation', parentId: null },
      { id: 'health', code: 'H', kind: 'upper_union', parentId: 'province' },
      { id: 'hospital', code: 'B', kind: 'grassroots_union', parentId: 'health' },
    ]);
    const pathOf: Record<string, string> = { province: PROVINCE, health: HEALTH, hospital: HOSPITAL };
    for (const role of ROLES) {
      for (const at of Object.keys(pathOf)) {
        for (const target of Object.keys(pathOf)) {
          const engine = grantCovers({ role, unitId: at, workflows: null }, target, tree);
          expect([role, at, target, covers(grant(role, pathOf[at]!), pathOf[target]!)]).toEqual([role, at, target, engine]);
        }
      }
    }
  });

  it('lets every role but officer SEE its unit subtree, the council roles included', () => {
    for (const role of ['supervisor', 'viewer', 'admin', 'council_member', 'council_secretary'] as const) {
      expect(visibleScopes(P(grant(role, HEALTH)))).toEqual([{ path: HEALTH, subtree: true }]);
      expect(scopesCover(visibleScopes(P(grant(role, HEALTH))), HOSPITAL)).toBe(true);
    }
    expect(visibleScopes(P(grant('officer', HEALTH)))).toEqual([{ path: HEALTH, subtree: false }]);
  });

  it('reduces scopes to the widest regions', () => {
    const p = P(grant('officer', HEALTH), grant('supervisor', PROVINCE), grant('viewer', HOSPITAL), grant('officer', OTHER_PROVINCE));
    expect(visibleScopes(p)).toEqual([
      { path: PROVINCE, subtree: true },
      { path: OTHER_PROVINCE, subtree: false },
    ]);
    expect(visibleScopes(p, ['officer'])).toEqual([
      { path: HEALTH, subtree: false },
      { path: OTHER_PROVINCE, subtree: false },
    ]);
    expect(visibleScopes(P())).toEqual([]);
  });

  it('checks paths against scopes and builds the SQL filter', () => {
    const scopes = visibleScopes(P(grant('supervisor', HEALTH), grant('officer', OTHER_PROVINCE)));
    expect(scopesCover(scopes, HOSPITAL)).toBe(true);
    expect(scopesCover(scopes, PROVINCE)).toBe(false);
    expect(scopesCover(scopes, OTHER_PROVINCE)).toBe(true);
    expect(scopeSqlFilter('u.path', scopes, 3)).toEqual({ sql: '(u.path LIKE $3 OR u.path = $4)', params: [`${HEALTH}%`, OTHER_PROVINCE] });
    expect(scopeSqlFilter('u.path', [], 1)).toEqual({ sql: 'FALSE', params: [] });
  });
});
