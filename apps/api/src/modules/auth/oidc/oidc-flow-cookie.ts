import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookie } from '../session-cookies';

/**
 * One sign-in attempt's secrets (state, nonce, PKCE verifier), kept in the browser that started it: an
 * httpOnly cookie sealed with AES-256-GCM under a key derived from JWT_SECRET. Nothing is stored on the
 * server, so any API process can finish a flow another one started, and a callback from another browser
 * (login CSRF, a stolen redirect) has no cookie to match. SameSite=Strict is enough: the provider redirects the
 * browser to the admin's sign-in page, whose script then posts code and state to the API from the same site.
 */
export const OIDC_FLOW_COOKIE = 'thidua_oidc';
/** How long a started sign-in may take at the provider. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;

export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** When the flow stops being accepted, ms since the epoch. */
  expiresAt: number;
}

function keyOf(secret: string): Buffer {
  return createHash('sha256').update(`thidua-oidc-flow:${secret}`).digest();
}

export function newFlow(now = Date.now()): OidcFlow {
  return {
    state: randomBytes(24).toString('base64url'),
    nonce: randomBytes(24).toString('base64url'),
    // RFC 7636 §4.1: 43–128 characters; 32 random bytes give 43.
    codeVerifier: randomBytes(32).toString('base64url'),
    expiresAt: now + OIDC_FLOW_TTL_MS,
  };
}

export function sealFlow(flow: OidcFlow, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The flow in the cookie value, or null when it is missing, altered, sealed under another key or expired. */
export function openFlow(sealed: string | undefined, secret: string, now = Date.now()): OidcFlow | null {
  if (!sealed) return null;
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const flow = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as OidcFlow;
    if (typeof flow.state !== 'string' || typeof flow.nonce !== 'string' || typeof flow.codeVerifier !== 'string' || typeof flow.expiresAt !== 'number') return null;
    return flow.expiresAt > now ? flow : null;
  } catch {
    return null;
  }
}

export function setFlowCookie(req: Request, res: Response, flow: OidcFlow, secret: string): void {
  res.cookie(OIDC_FLOW_COOKIE, sealFlow(flow, secret), { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth/oidc', maxAge: OIDC_FLOW_TTL_MS });
}

export function flowCookieOf(req: Request): string | undefined {
  return readCookie(req, OIDC_FLOW_COOKIE);
}

export function clearFlowCookie(req: Request, res: Response): void {
  res.clearCookie(OIDC_FLOW_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth/oidc' });
}
