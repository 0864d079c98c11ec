import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of, throwError } from 'rxjs';
import type { AppConfig } from '../../config/app-config';
import { AppError } from '../errors/app-error';
import { IdempotencyInterceptor, requestFingerprint } from './idempotency.interceptor';
import type { IdempotencyRepository } from './idempotency.repository';

function fakeKeys(overrides: Partial<Record<keyof IdempotencyRepository, jest.Mock>> = {}) {
  return {
    claim: jest.fn().mockResolvedValue(true),
    find: jest.fn(),
    takeOver: jest.fn(),
    markApplied: jest.fn(),
    complete: jest.fn().mockResolvedValue(true),
    release: jest.fn().mockResolvedValue(undefined),
    purgeExpired: jest.fn(),
    ...overrides,
  };
}

const config = { idempotency: { ttlMs: 86_400_000, waitMs: 200, leaseMs: 60_000 } } as AppConfig;

function httpContext(req: Record<string, unknown>) {
  const res = { statusCode: 200, headers: {} as Record<string, string>, setHeader(n: string, v: string) { this.headers[n] = v; }, getHeader: () => undefined, status(c: number) { this.statusCode = c; return this; } };
  const ctx = {
    getType: () => 'http',
    getHandler: () => function handler() {},
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  return { ctx, res };
}

const request = (body: unknown = { action: 'approve' }) => ({
  method: 'POST',
  originalUrl: '/api/items/1/actions',
  route: { path: '/api/items/:id/actions' },
  headers: { 'idempotency-key': 'k-1' },
  principal: { userId: 'u-1' },
  body,
});

describe('IdempotencyInterceptor', () => {
  it('does not store a 5xx (503 included): the key is released so a retry runs afresh', async () => {
    const keys = fakeKeys();
    const interceptor = new IdempotencyInterceptor(keys as unknown as IdempotencyRepository, config);
    const { ctx } = httpContext(request());
    for (const error of [new AppError('SERVICE_UNAVAILABLE'), new Error('boom')]) {
      const next: CallHandler = { handle: () => throwError(() => error) };
      await expect(lastValueFrom(interceptor.intercept(ctx, next))).rejects.toBe(error);
    }
    expect(keys.release).toHaveBeenCalledTimes(2);
    expect(keys.complete).not.toHaveBeenCalled();
  });

  it('stores a 4xx refusal as the error itself, and a success with its status', async () => {
    const keys = fakeKeys();
    const interceptor = new IdempotencyInterceptor(keys as unknown as IdempotencyRepository, config);
    const { ctx } = httpContext(request());
    const refusal = new AppError('ACTION_NOT_AVAILABLE', { details: { refusal: { code: 'INVALID_EVENT' } } });
    await expect(lastValueFrom(interceptor.intercept(ctx, { handle: () => throwError(() => refusal) }))).rejects.toBe(refusal);
    expect(keys.complete).toHaveBeenLastCalledWith(undefined, expect.objectContaining({ key: 'k-1', scope: 'POST /api/items/:id/actions', userId: 'u-1' }), 422, {
      kind: 'error',
      code: 'ACTION_NOT_AVAILABLE',
      params: {},
      details: { refusal: { code: 'INVALID_EVENT' } },
    });
    await expect(lastValueFrom(interceptor.intercept(ctx, { handle: () => of({ id: 'x' }) }))).resolves.toEqual({ id: 'x' });
    expect(keys.complete).toHaveBeenLastCalledWith(undefined, expect.anything(), 200, { kind: 'ok', body: { id: 'x' }, headers: {} });
  });

  it('replays a stored refusal as the same error, marked replayed, without running the handler', async () => {
    const keys = fakeKeys({
      claim: jest.fn().mockResolvedValue(false),
      find: jest.fn().mockResolvedValue({ fingerprint: requestFingerprint(request() as never), state: 'done', owner: 'o', isLeaseOver: false, isApplied: false, statusCode: 422, answer: { kind: 'error', code: 'ACTION_NOT_AVAILABLE', params: {} } }),
    });
    const interceptor = new IdempotencyInterceptor(keys as unknown as IdempotencyRepository, config);
    const { ctx, res } = httpContext(request());
    const handle = jest.fn();
    await expect(lastValueFrom(interceptor.intercept(ctx, { handle }))).rejects.toMatchObject({ code: 'ACTION_NOT_AVAILABLE' });
    expect(handle).not.toHaveBeenCalled();
    expect(res.headers['Idempotency-Replayed']).toBe('true');
  });

  it('waits for a pending first request only up to the bound, then 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const keys = fakeKeys({
      claim: jest.fn().mockResolvedValue(false),
      find: jest.fn().mockResolvedValue({ fingerprint: requestFingerprint(request() as never), state: 'pending', owner: 'o', isLeaseOver: false, isApplied: false, statusCode: null, answer: null }),
    });
    const interceptor = new IdempotencyInterceptor(keys as unknown as IdempotencyRepository, config);
    const { ctx } = httpContext(request());
    await expect(lastValueFrom(interceptor.intercept(ctx, { handle: jest.fn() }))).rejects.toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(keys.find.mock.calls.length).toBeGreaterThan(1);
  });

  it('fingerprints the body regardless of key order, and differently for another body', () => {
    expect(requestFingerprint(request({ a: 1, b: { c: 2, d: 3 } }) as never)).toBe(requestFingerprint(request({ b: { d: 3, c: 2 }, a: 1 }) as never));
    expect(requestFingerprint(request({ a: 1 }) as never)).not.toBe(requestFingerprint(request({ a: 2 }) as never));
  });
});

describe('upload routes', () => {
  it('every route with a file interceptor also applies IdempotentUploadInterceptor after it (the files are parsed only there)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.controller.ts')) files.push(p);
      }
    };
    walk(join(__dirname, '../../modules'));
    // Multer directly (`FileInterceptor(…)`) or the attachments' own wrapper around it (streams to disk).
    const lines = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => /Files?Interceptor\(|UseInterceptors\(AttachmentUploadInterceptor/.test(l)));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const l of lines) expect(l).toMatch(/(Files?Interceptor\(.*\)|AttachmentUploadInterceptor), IdempotentUploadInterceptor\)/);
  });
});
