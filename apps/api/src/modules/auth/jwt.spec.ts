import { signAccessToken, verifyAccessToken } from './jwt';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('HS256 access tokens', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('round-trips the subject until expiry', () => {
    const token = signAccessToken('user-1', SECRET, 900, now);
    expect(verifyAccessToken(token, SECRET, new Date(now.getTime() + 899_000))).toEqual({
      ok: true,
      claims: { sub: 'user-1', iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 900, typ: 'access', sv: 0 },
    });
    expect(verifyAccessToken(token, SECRET, new Date(now.getTime() + 900_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another secret, a tampered payload and garbage', () => {
    const token = signAccessToken('user-1', SECRET, 900, now);
    expect(verifyAccessToken(token, `${SECRET}x`, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iat: 0, exp: 9e9, typ: 'access', sv: 0 })).toString('base64url');
    expect(verifyAccessToken(`${h}.${forged}.${s}`, SECRET, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAccessToken('a.b', SECRET, now)).toEqual({ ok: false, reason: 'malformed' });
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${forged}.`;
    expect(verifyAccessToken(none, SECRET, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
