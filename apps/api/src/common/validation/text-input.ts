import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error';
import { renderError } from '../errors/http-exception.filter';
import { pickLanguage } from '../i18n/language';
import { currentRequest } from '../logging/request-context';

/**
 * Text no handler should ever see: NUL (PostgreSQL text cannot hold it), lone UTF-16 surrogates
 * (not Unicode; JSON allows them as escapes) and the noncharacters U+FFFE/U+FFFF.
 */
const INVALID_TEXT = /\u0000|\uFFFE|\uFFFF|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isValidText(s: string): boolean {
  return !INVALID_TEXT.test(s);
}

/** The first path (e.g. `body.username`) under `value` holding invalid text, keys included; null when clean. */
export function findInvalidText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isValidText(value) ? null : path;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const bad = findInvalidText(value[i], `${path}.${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isValidText(k)) return `${path}.<key>`;
    const bad = findInvalidText(v, `${path}.${k}`, depth + 1);
    if (bad) return bad;
  }
  return null;
}

export function invalidTextError(path: string): AppError {
  return new AppError('INVALID_TEXT', { fields: [{ path, reason: 'invalid_text', message: 'NUL, lone surrogate or noncharacter' }] });
}

/** Every path segment must be valid percent-encoded UTF-8 that decodes to valid text. */
function badPathSegment(path: string): boolean {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    try {
      if (!isValidText(decodeURIComponent(segment))) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * Express middleware, after the JSON parser and before routing, guards and pipes: refuses invalid
 * text in the URL path (route parameters come from it), the query string, the JSON body and the
 * headers the API reads, with 400 INVALID_TEXT. Sign-in is covered like every other route.
 */
export function textInputMiddleware(req: Request, res: Response, next: NextFunction): void {
  const problem = textProblemOf(req);
  if (!problem) return next();
  // Outside Nest's routing the exception filter is not reached: answer with the same body it would.
  const context = currentRequest();
  const requestId = context?.requestId ?? String(res.getHeader('X-Request-Id') ?? 'unknown');
  res.status(400).json(renderError(problem, context?.language ?? pickLanguage(req.headers['accept-language']), requestId));
}

function textProblemOf(req: Request): AppError | null {
  const next = (e?: AppError): AppError | null => e ?? null;
  const rawPath = req.originalUrl.split('?')[0] ?? '';
  if (badPathSegment(rawPath)) return next(invalidTextError('path'));
  const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  if (rawQuery) {
    for (const part of rawQuery.split('&')) {
      try {
        if (!isValidText(decodeURIComponent(part.replace(/\+/g, ' ')))) return next(invalidTextError('query'));
      } catch {
        return next(invalidTextError('query'));
      }
    }
  }
  const bad = findInvalidText(req.body, 'body') ?? findInvalidText(req.query, 'query');
  if (bad) return next(invalidTextError(bad));
  for (const name of ['accept-language', 'x-request-id', 'idempotency-key', 'if-match', 'x-csrf-token']) {
    const v = req.headers[name];
    if (typeof v === 'string' && !isValidText(v)) return next(invalidTextError(`header.${name}`));
  }
  return next();
}

/**
 * Global pipe: the same check on what reaches a handler by other ways than the JSON body —
 * route parameters, multipart fields and uploaded file names.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom' && value && typeof value === 'object' && 'originalname' in value) {
      const name = (value as { originalname?: unknown }).originalname;
      if (typeof name === 'string' && !isValidText(name)) throw invalidTextError('file.name');
      return value;
    }
    if (metadata.type === 'custom') return value;
    const bad = findInvalidText(value, metadata.type === 'param' ? `path.${metadata.data ?? ''}` : metadata.type);
    if (bad) throw invalidTextError(bad);
    return value;
  }
}
