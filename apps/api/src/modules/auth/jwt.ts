import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Minimal HS256 JWT (RFC 7519) with node:crypto: the API is both issuer and only audience, so a
 * shared secret is enough and no library is needed.
 */
export interface AccessClaims {
  sub: string;
  /** Issued at / expires, seconds since the epoch. */
  iat: number;
  exp: number;
  typ: 'access';
  /** The user's session version when issued: the token dies when it changes (session-version.service.ts). */
  sv: number;
}

export type JwtVerification = { ok: true; claims: AccessClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

function sign(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

export function signAccessToken(userId: string, secret: string, ttlSeconds: number, now: Date = new Date(), sessionVersion = 0): string {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: AccessClaims = { sub: userId, iat, exp: iat + ttlSeconds, typ: 'access', sv: sessionVersion };
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${sign(body, secret)}`;
}

export function verifyAccessToken(token: string, secret: string, now: Date = new Date()): JwtVerification {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`, secret));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  let claims: AccessClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as AccessClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || !Number.isInteger(claims.sv)) return { ok: false, reason: 'malformed' };
  if (claims.exp <= Math.floor(now.getTime() / 1000)) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
