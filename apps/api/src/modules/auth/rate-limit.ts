import { type ExecutionContext, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerStorage } from '@nestjs/throttler';
import type { Response } from 'express';
import Redis from 'ioredis';
import { AppError } from '../../common/errors/app-error';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Name of the global limit (every route) and of the sign-in limit (POST /api/auth/login only). */
export const GLOBAL_THROTTLER = 'global';
export const LOGIN_THROTTLER = 'login';

/**
 * Fixed window per key, counted in Redis so every API process shares it. One Lua script: count,
 * set the window's expiry on the first hit, and block the key for `blockDuration` once over the
 * limit; atomic, so concurrent processes cannot both slip under the limit.
 */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return { hits, ttl, blockTtl }
`;

export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'thidua:rl:') {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.redis.defineCommand('rlIncrement', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    const run = (this.redis as unknown as { rlIncrement(k1: string, k2: string, ttl: number, limit: number, block: number): Promise<[number, number, number]> }).rlIncrement;
    const [hits, pttl, blockPttl] = await run.call(this.redis, base, `${base}:blocked`, ttl, limit, blockDuration > 0 ? blockDuration : ttl);
    const isBlocked = blockPttl > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(pttl / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil(blockPttl / 1000)) : 0,
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * The throttler guard with our error: 429 with `Retry-After` (seconds) and a stable code —
 * RATE_LIMITED for the global limit, TOO_MANY_ATTEMPTS for sign-in.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    // req.ip honours TRUST_PROXY: behind a proxy it is the client, not the proxy.
    const r = req as { ip?: string; socket?: { remoteAddress?: string } };
    return r.ip ?? r.socket?.remoteAddress ?? 'unknown';
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire || detail.timeToExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    const isLogin = detail.key.startsWith(`${LOGIN_THROTTLER}:`);
    throw new AppError(isLogin ? 'TOO_MANY_ATTEMPTS' : 'RATE_LIMITED', { params: { seconds }, details: { retryAfterSeconds: seconds } });
  }
}

/** True for the sign-in routes (password and OpenID Connect callback): only they count against the sign-in limit. */
export function isLoginRoute(context: ExecutionContext): boolean {
  const req = context.switchToHttp().getRequest<{ method?: string; path?: string }>();
  const path = req.path ?? '';
  return req.method === 'POST' && (path.endsWith('/auth/login') || path.endsWith('/auth/oidc/callback'));
}

/** One counter per limit and client address, across every route (the library's default key is per route). */
export function throttlerKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
  return `${throttlerName}:${tracker}`;
}

/** /api/health and /api/ready: probed by load balancers from a few addresses, never limited. */
export function isProbeRoute(context: ExecutionContext): boolean {
  const path = context.switchToHttp().getRequest<{ path?: string }>().path ?? '';
  return path === '/api/health' || path === '/api/ready';
}
