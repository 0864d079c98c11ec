import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError } from '../../common/errors/app-error';

/** The refresh token: httpOnly, SameSite=Strict, Secure over https, sent only to /api/auth. */
export const REFRESH_COOKIE = 'thidua_refresh';
/** The CSRF token (double submit): readable by the admin's script, echoed in X-CSRF-Token. */
export const CSRF_COOKIE = 'thidua_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** `X-Token-Transport: body` — a non-browser client wants the refresh token in the JSON body. */
export const TOKEN_TRANSPORT_HEADER = 'x-token-transport';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function wantsTokenInBody(req: Request): boolean {
  return req.headers[TOKEN_TRANSPORT_HEADER] === 'body';
}

export function setSessionCookies(req: Request, res: Response, refreshToken: string, ttlDays: number): void {
  const common = { sameSite: 'strict' as const, secure: req.secure, maxAge: ttlDays * 86_400_000 };
  res.cookie(REFRESH_COOKIE, refreshToken, { ...common, httpOnly: true, path: '/api/auth' });
  res.cookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { ...common, httpOnly: false, path: '/' });
}

export function clearSessionCookies(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, { path: '/api/auth', sameSite: 'strict', secure: req.secure, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict', secure: req.secure });
}

/**
 * The refresh token of the request: the body's (non-browser clients: no cookie, so no CSRF risk) or
 * the cookie's, which is accepted only with X-CSRF-Token equal to the CSRF cookie (403 CSRF_REJECTED).
 */
export function refreshTokenOf(req: Request, fromBody: string | undefined): string | undefined {
  if (fromBody) return fromBody;
  const cookie = readCookie(req, REFRESH_COOKIE);
  if (!cookie) return undefined;
  const expected = readCookie(req, CSRF_COOKIE);
  const given = req.headers[CSRF_HEADER];
  if (!expected || typeof given !== 'string' || !safeEqual(expected, given)) throw new AppError('CSRF_REJECTED');
  return cookie;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a sign-in answers: the session cookies set, the refresh token kept in the body only for clients that ask. */
export function presentSession<T extends { refreshToken?: string }>(req: Request, res: Response, pair: T, ttlDays: number): T {
  if (pair.refreshToken) setSessionCookies(req, res, pair.refreshToken, ttlDays);
  if (wantsTokenInBody(req)) return pair;
  const { refreshToken: _hidden, ...rest } = pair;
  return rest as T;
}
