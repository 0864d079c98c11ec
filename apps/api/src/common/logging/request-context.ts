import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Language } from '@thidua/contracts';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { IdempotentRequest } from '../http/idempotent-request';
import { pickLanguage } from '../i18n/language';
import { rootLogger } from './logger';

export interface RequestContext {
  requestId: string;
  language: Language;
  logger: Logger;
  /** Set by the idempotency interceptor while a request carrying an Idempotency-Key runs (common/http). */
  idempotency?: IdempotentRequest;
  /**
   * Set by load shedding (common/http/load-shedding.ts): gives this request's in-flight slot back. A request that
   * parks in a bounded queue of its own (password hashing, common/auth/hash-gate.ts) calls it, so a burst of
   * sign-ins waiting for their hash does not shed every other request.
   */
  releaseLoadSlot?: () => void;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

export function currentLogger(): Logger {
  return storage.getStore()?.logger ?? rootLogger();
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when well formed), its language, and a
 * child logger; logs one line per finished request.
 */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  const language = pickLanguage(req.headers['accept-language']);
  const logger = rootLogger().child({ requestId });
  const started = process.hrtime.bigint();
  res.setHeader('X-Request-Id', requestId);
  res.on('finish', () => {
    if (!req.originalUrl.startsWith('/api')) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
  });
  storage.run({ requestId, language, logger }, () => next());
}

/**
 * Runs work outside an HTTP request (a job) under a request id: its logs carry the id of the request that caused
 * it. Language is the default (vi); jobs that render text for a person use that person's language.
 */
export function runWithRequestContext<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId, language: 'vi', logger: rootLogger().child({ requestId }) }, fn);
}
