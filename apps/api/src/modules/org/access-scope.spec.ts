import type { Principal, PrincipalRole } from '../../common/auth/principal';
import { covers, scopeSqlFilter, scopesCover, visibleScopes } from './access-scope';

const grant = (role: PrincipalRole['role'], unitPath: string, onBehalfOf: string | null = null): PrincipalRole => ({ role, unitPath, unitId: unitPath, workflows: null, onBehalfOf });
const P = (...roles: PrincipalRole[]): Principal => ({ userId: 'u', username: 'u', fullName: 'U', roles });

const PROVINCE = '/000001/000002/';
const HEALTH = '/000001/000002/00000a/';
const HOSPITAL = '/000001/000002/00000a/00000b/';
const OTHER_PROVINCE = '/000001/000003/';

describe('scope rules', () => {
  it('lets subtree roles cover everything below their unit', () => {
    for (const role of ['supervisor', 'viewer', 'admin', 'council_member', 'council_secretary'] as const) {
      expect(covers(grant(role, HEALTH), HOSPITAL)).toBe(true);
      expect(covers(grant(role, HEALTH), HEALTH)).toBe(true);
      expect(covers(grant(role, HEALTH), PROVINCE)).toBe(false);
    }
  });

  it('lets an officer act for its own unit only', () => {
    expect(covers(grant('officer', HEALTH), HEALTH)).toBe(true);
    expect(covers(grant('officer', HEALTH), HOSPITAL)).toBe(false);
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
