import type { NextFunction, Request, Response } from 'express';
import { ERROR_MESSAGES } from '../errors/error-messages';
import { RETRY_AFTER_SECONDS } from '../errors/unavailable';
import { pickLanguage } from '../i18n/language';
import { currentRequest } from '../logging/request-context';

/**
 * Load shedding: past `maxInFlight` requests being served by this process, a new request is answered
 * at once with 503 SERVICE_UNAVAILABLE (details.reason = overloaded) and Retry-After, instead of
 * queueing for seconds behind the others. Liveness (/api/health) is never shed. 0 turns it off.
 * A request parked in a bounded queue of its own (a sign-in waiting for its password hash) gives its slot
 * back through the request context's `releaseLoadSlot`: that queue has its own bound.
 * docs/operations.md ("Load shedding") has the limit and the behaviour.
 */
/**
 * Requests with bounds of their own, not counted: sign-in is limited per address (the login throttle) and its hash
 * waits in the bounded hash queue (common/auth/hash-gate.ts: 503 past 1,000 waiting). Counted here, a burst of
 * sign-ins arriving together filled the slots before any reached that queue and was shed by the hundred.
 */
const OWN_BOUND = new Set(['POST /api/auth/login']);

export function loadShedding(maxInFlight: number): (req: Request, res: Response, next: NextFunction) => void {
  let inFlight = 0;
  return (req, res, next) => {
    if (maxInFlight <= 0 || req.path === '/api/health' || OWN_BOUND.has(`${req.method} ${req.path}`)) return next();
    if (inFlight >= maxInFlight) {
      const language = pickLanguage(req.headers['accept-language']);
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS.overload));
      res.status(503).json({
        code: 'SERVICE_UNAVAILABLE',
        message: ERROR_MESSAGES.SERVICE_UNAVAILABLE[language],
        requestId: String(res.getHeader('X-Request-Id') ?? req.headers['x-request-id'] ?? 'shed'),
        details: { reason: 'overloaded', inFlight, limit: maxInFlight, retryAfterSeconds: RETRY_AFTER_SECONDS.overload },
      });
      return;
    }
    inFlight += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
    };
    res.once('finish', finish);
    res.once('close', finish);
    const ctx = currentRequest();
    if (ctx) ctx.releaseLoadSlot = finish;
    next();
  };
}
