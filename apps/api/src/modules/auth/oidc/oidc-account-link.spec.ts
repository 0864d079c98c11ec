import { AppError } from '../../../common/errors/app-error';
import { findLinkedUser, type AccountLookup, type LinkCandidate } from './oidc-account-link';
import type { IdTokenClaims } from './oidc-client';

const user = (username: string, email: string | null, status = 'active'): LinkCandidate => ({ id: `id-${username}`, username, email, status });
const people = [user('giamsat.yt', 'gs@yt.vn'), user('cu.nhan', 'chung@x.vn'), user('cu.nhan2', 'CHUNG@x.vn'), user('nghi.viec', 'nv@x.vn', 'disabled')];
const lookup: AccountLookup = {
  byUsername: async (u) => people.find((p) => p.username === u) ?? null,
  byEmail: async (e) => people.filter((p) => p.email?.toLowerCase() === e.toLowerCase()),
};
const claims = (c: Record<string, unknown>): IdTokenClaims => ({ sub: 's', ...c }) as IdTokenClaims;
const byUsername = { linkBy: 'username' as const, claim: 'preferred_username', requireEmailVerified: true };
const byEmail = { linkBy: 'email' as const, claim: 'email', requireEmailVerified: true };

async function refusal(p: Promise<unknown>): Promise<{ code: string; reason?: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, reason: e.details?.reason };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('linking a provider account to a ThiĐua Flow user', () => {
  it('matches the username claim case-insensitively', async () => {
    expect((await findLinkedUser(claims({ preferred_username: ' GiamSat.YT ' }), byUsername, lookup)).id).toBe('id-giamsat.yt');
  });

  it('matches by e-mail only when the provider verified it, and never picks one of several', async () => {
    expect((await findLinkedUser(claims({ email: 'GS@yt.vn', email_verified: true }), byEmail, lookup)).id).toBe('id-giamsat.yt');
    expect(await refusal(findLinkedUser(claims({ email: 'gs@yt.vn', email_verified: false }), byEmail, lookup))).toEqual({ code: 'OIDC_ACCOUNT_NOT_LINKED', reason: 'email_unverified' });
    expect((await findLinkedUser(claims({ email: 'gs@yt.vn' }), { ...byEmail, requireEmailVerified: false }, lookup)).id).toBe('id-giamsat.yt');
    expect(await refusal(findLinkedUser(claims({ email: 'chung@x.vn', email_verified: true }), byEmail, lookup))).toEqual({ code: 'OIDC_ACCOUNT_NOT_LINKED', reason: 'ambiguous' });
  });

  it('refuses no match, a missing or non-string claim, and a disabled user', async () => {
    expect(await refusal(findLinkedUser(claims({ preferred_username: 'nguoi.la' }), byUsername, lookup))).toEqual({ code: 'OIDC_ACCOUNT_NOT_LINKED', reason: 'no_match' });
    expect(await refusal(findLinkedUser(claims({}), byUsername, lookup))).toEqual({ code: 'OIDC_ACCOUNT_NOT_LINKED', reason: 'missing_claim' });
    expect(await refusal(findLinkedUser(claims({ preferred_username: ['a'] }), byUsername, lookup))).toEqual({ code: 'OIDC_ACCOUNT_NOT_LINKED', reason: 'missing_claim' });
    expect((await refusal(findLinkedUser(claims({ preferred_username: 'nghi.viec' }), byUsername, lookup))).code).toBe('OIDC_ACCOUNT_DISABLED');
  });

  it('reads the claim the administrator named', async () => {
    const byEmployeeId = { linkBy: 'username' as const, claim: 'employee_id', requireEmailVerified: true };
    expect((await findLinkedUser(claims({ employee_id: 'cu.nhan', preferred_username: 'giamsat.yt' }), byEmployeeId, lookup)).id).toBe('id-cu.nhan');
  });
});
