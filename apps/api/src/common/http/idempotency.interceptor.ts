import { createHash, randomUUID } from 'node:crypto';
import { type CallHandler, type ExecutionContext, HttpException, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { ERROR_HTTP_STATUS, type ErrorCode, type FieldProblem } from '@thidua/contracts';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppError } from '../errors/app-error';
import { fromHttpException } from '../errors/http-exception.filter';
import { unavailableError } from '../errors/unavailable';
import { currentLogger, currentRequest } from '../logging/request-context';
import type { IdempotentRequest } from './idempotent-request';
import { IdempotencyRepository, type KeyRef, type StoredAnswer } from './idempotency.repository';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;
/** Headers of a first answer that a repeat must see again. */
const KEPT_HEADERS = ['location', 'content-location', 'etag'];
export const REPLAYED_HEADER = 'Idempotency-Replayed';

/** `sha256`: set by an upload interceptor that streamed the file to disk (no `buffer` then). */
type UploadedPart = { fieldname?: string; originalname?: string; mimetype?: string; size?: number; buffer?: Buffer; sha256?: string };
type IdempotentHttpRequest = Request & { principal?: Principal; file?: UploadedPart; files?: UploadedPart[] | Record<string, UploadedPart[]> };

/** JSON with object keys sorted, so a body's key order does not change its fingerprint. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

function fileParts(req: IdempotentHttpRequest): unknown[] {
  const all: UploadedPart[] = [];
  if (req.file) all.push(req.file);
  if (Array.isArray(req.files)) all.push(...req.files);
  else if (req.files) for (const list of Object.values(req.files)) all.push(...list);
  return all.map((f) => ({
    field: f.fieldname ?? null,
    name: f.originalname ?? null,
    type: f.mimetype ?? null,
    size: f.size ?? f.buffer?.length ?? null,
    sha256: f.sha256 ?? (f.buffer ? createHash('sha256').update(f.buffer).digest('hex') : null),
  }));
}

/** What the request asks: method, path with query, body (multipart: its fields and each file's bytes). */
export function requestFingerprint(req: IdempotentHttpRequest): string {
  const parts = [req.method, req.originalUrl ?? req.url, canonical(req.body ?? null), fileParts(req)];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function statusOf(e: unknown): number {
  if (e instanceof AppError) return e.status;
  if (e instanceof HttpException) return e.getStatus();
  return unavailableError(e) ? 503 : 500;
}

function refusalOf(e: unknown): StoredAnswer {
  const err = e instanceof AppError ? e : fromHttpException(e as HttpException);
  return { kind: 'error', code: err.code, params: err.params, ...(err.details ? { details: err.details } : {}), ...(err.fields ? { fields: err.fields } : {}) };
}

function errorOf(answer: Extract<StoredAnswer, { kind: 'error' }>): AppError {
  const code = (answer.code in ERROR_HTTP_STATUS ? answer.code : 'CONFLICT') as ErrorCode;
  return new AppError(code, { params: answer.params, details: answer.details, fields: answer.fields as FieldProblem[] | undefined });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `Idempotency-Key` on every POST/PUT/PATCH/DELETE of a signed-in user (global interceptor). The protocol:
 * 1. Claim: the key (per user, method and route) is inserted `pending` with this request as owner and a
 *    lease, before the handler runs. A repeat finds the row: a different fingerprint is 422
 *    IDEMPOTENCY_KEY_REUSED; a finished one (`done`) is replayed (same status, body or refusal, with
 *    `Idempotency-Replayed: true`); a pending one is waited for (polling, up to `idempotency.waitMs`, then
 *    409 IDEMPOTENCY_IN_PROGRESS with Retry-After).
 * 2. Applied: every transaction the handler commits first marks the row applied, owner-checked, in that
 *    same transaction (IdempotencyTransactionSubscriber). So an effect is committed only together with
 *    the mark, and a marked key is never run again: no duplicate, even after kill -9.
 * 3. Answer: the first final answer is stored — successes and 4xx refusals. The workflow runtime stores
 *    it inside the step's own transaction (`answerInTransaction`), so nothing can be lost there;
 *    elsewhere it is stored right after the handler, and a crash in between leaves the key applied
 *    without an answer: a repeat gets 409 IDEMPOTENCY_OUTCOME_UNKNOWN, never a second effect.
 * 4. 5xx (503 included) are not stored: a key whose request committed nothing is deleted, so the repeat
 *    runs afresh. A first request that vanished without committing frees its key after its lease.
 * Multipart uploads are handled by the same class applied on the route after the file interceptor
 * (`IdempotentUploadInterceptor`), so the fingerprint covers the file bytes.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  protected readonly isRouteLevel: boolean = false;

  constructor(
    private readonly keys: IdempotencyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<IdempotentHttpRequest>();
    const res = http.getResponse<Response>();
    const raw = req.headers['idempotency-key'];
    if (!MUTATING.has(req.method) || raw === undefined || !req.principal) return next.handle();
    // An upload route runs its own instance after the file interceptor (the files are parsed only then).
    if (!this.isRouteLevel && hasRouteLevelInterceptor(context)) return next.handle();
    const key = Array.isArray(raw) ? raw.join(',') : raw;
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('IDEMPOTENCY_KEY_INVALID', { fields: [{ path: 'headers.idempotency-key', reason: 'invalid_format', message: '1–200 characters [A-Za-z0-9._:-]' }] });
    }
    const routePath = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const ref: KeyRef = { userId: req.principal.userId, scope: `${req.method} ${routePath}`, key };
    return from(this.run(ref, requestFingerprint(req), res, next));
  }

  private async run(ref: KeyRef, fingerprint: string, res: Response, next: CallHandler): Promise<unknown> {
    const owner = randomUUID();
    const replay = await this.acquire(ref, fingerprint, owner, res);
    if (replay) return replay.value;
    const me: IdempotentRequest = { ...ref, owner, status: res.statusCode, isActive: true, isApplied: false, isAnswered: false };
    const context = currentRequest();
    if (context) context.idempotency = me;
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      me.isActive = false;
      if (!me.isAnswered) {
        const headers: Record<string, string> = {};
        for (const h of KEPT_HEADERS) {
          const v = res.getHeader(h);
          if (v !== undefined) headers[h] = String(v);
        }
        await this.keys.complete(undefined, me, me.status, { kind: 'ok', body: body ?? null, headers }).catch((err: unknown) => {
          // The effect is committed and marked applied: a repeat gets IDEMPOTENCY_OUTCOME_UNKNOWN, not a second effect.
          currentLogger().warn({ err, scope: ref.scope }, 'idempotency answer not stored');
        });
      }
      return body;
    } catch (e) {
      me.isActive = false;
      const status = statusOf(e);
      const stored = status < 500 ? this.keys.complete(undefined, me, status, refusalOf(e)) : this.keys.release(me);
      await Promise.resolve(stored).catch((err: unknown) => currentLogger().warn({ err, scope: ref.scope }, 'idempotency key not settled'));
      throw e;
    }
  }

  /** Takes the key (undefined) or answers the repeat with the first answer (or an error). */
  private async acquire(ref: KeyRef, fingerprint: string, owner: string, res: Response): Promise<{ value: unknown } | undefined> {
    const { leaseMs, ttlMs, waitMs } = this.config.idempotency;
    const deadline = Date.now() + waitMs;
    for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
      if (await this.keys.claim(ref, fingerprint, owner, leaseMs, ttlMs)) return undefined;
      const row = await this.keys.find(ref);
      if (!row) continue; // released or expired meanwhile: claim again
      if (row.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED', { details: { scope: ref.scope } });
      if (row.state === 'done' && row.answer && row.statusCode !== null) {
        res.setHeader(REPLAYED_HEADER, 'true');
        if (row.answer.kind === 'error') throw errorOf(row.answer);
        for (const [h, v] of Object.entries(row.answer.headers)) res.setHeader(h, v);
        res.status(row.statusCode);
        return { value: row.answer.body ?? undefined };
      }
      if (row.state === 'unknown' || (row.isLeaseOver && row.isApplied)) throw new AppError('IDEMPOTENCY_OUTCOME_UNKNOWN', { details: { scope: ref.scope } });
      if (row.isLeaseOver && (await this.keys.takeOver(ref, row.owner, owner, leaseMs))) return undefined;
      if (Date.now() + pause > deadline) {
        res.setHeader('Retry-After', '1');
        throw new AppError('IDEMPOTENCY_IN_PROGRESS', { details: { scope: ref.scope, retryAfterSeconds: 1 } });
      }
      await sleep(pause);
    }
  }
}

/** The same protocol on an upload route, run after its file interceptor: `@UseInterceptors(FileInterceptor(…), IdempotentUploadInterceptor)`. */
@Injectable()
export class IdempotentUploadInterceptor extends IdempotencyInterceptor {
  protected override readonly isRouteLevel: boolean = true;
}

function hasRouteLevelInterceptor(context: ExecutionContext): boolean {
  const list = (Reflect.getMetadata(INTERCEPTORS_METADATA, context.getHandler()) as unknown[] | undefined) ?? [];
  return list.includes(IdempotentUploadInterceptor);
}

/**
 * The workflow path's answer, stored inside the step's transaction (so a committed step always has its
 * answer). No-op without an idempotent request; throws when this request no longer holds its key.
 */
export async function answerInTransaction(keys: IdempotencyRepository, m: { query(sql: string, params?: unknown[]): Promise<unknown>; queryRunner?: object }, body: unknown): Promise<void> {
  const me = currentRequest()?.idempotency;
  if (!me?.isActive || me.isAnswered) return;
  const ok = await keys.complete(m, me, me.status, { kind: 'ok', body, headers: {} });
  if (!ok) throw new AppError('IDEMPOTENCY_IN_PROGRESS', { details: { scope: me.scope, retryAfterSeconds: 1 } });
  me.answerStagedIn = m.queryRunner ?? m;
}
