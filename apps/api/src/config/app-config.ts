import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Every environment variable the API reads, validated once at boot into one typed object.
 * `.env.example` documents each of them; keep the two in step.
 */
const booleanString = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const postgresUrl = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be a postgres:// URL with a host, e.g. postgres://user@127.0.0.1:5432/db');

const redisUrl = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be a redis:// URL with a host, e.g. redis://127.0.0.1:6379');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MAX_IN_FLIGHT_REQUESTS: z.coerce.number().int().min(0).max(100000).default(100),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3600000).default(65000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3600000).default(66000),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  MIGRATE_ON_START: booleanString.default(true),
  REDIS_URL: redisUrl.optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('dev-only-secret-change-me-in-production-0123456789'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_THROTTLE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_DIST_DIR: z.string().optional(),
  UPLOAD_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(20 * 1024 * 1024),
  SEED_DEMO_DATA: booleanString.default(true),
  DEMO_PASSWORD: z.string().min(8).default('ThiDua@2026'),
  PROCESS_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  RUN_SCHEDULER: booleanString.default(true),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).max(600000).default(5000),
  OUTBOX_REDELIVER_AFTER_MS: z.coerce.number().int().min(1000).max(86400000).default(30000),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('ThiĐua Flow <no-reply@thidua.local>'),
  OPENAPI_FILE: z.string().optional(),
  SIGNING_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  SIGNING_SERVICE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  TRUST_PROXY: z.string().regex(/^(true|false|\d+|[\w.:/, -]+)$/, 'true, false, a hop count, or addresses/subnets (loopback, 10.0.0.0/8, ...)').default('false'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  DEPENDENCY_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(600000).default(10000),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  /**
   * maxInFlight: load-shedding limit (0 = off); keep-alive/headers timeouts above a reverse proxy's.
   * `trustProxy`: Express's `trust proxy` (docs/deployment.md): false (direct), a hop count, or the proxies'
   * addresses; decides which X-Forwarded-For entry becomes the client address the sign-in throttle counts.
   */
  http: { port: number; host: string; maxInFlight: number; keepAliveTimeoutMs: number; headersTimeoutMs: number; trustProxy: boolean | number | string };
  database: { url: string | undefined; poolSize: number; dataDir: string; isEmbedded: boolean; migrateOnStart: boolean };
  redis: { url: string | undefined };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    maxFailures: number;
    lockMinutes: number;
    /** Sign-in attempts one IP address may make per minute in one process (429 beyond). */
    throttlePerMinute: number;
  };
  logLevel: Env['LOG_LEVEL'];
  /** pretty (pino-pretty) for a person at a terminal; json (one object a line) for production and log shippers. */
  logFormat: 'json' | 'pretty';
  /**
   * Prometheus metrics: `GET /api/metrics` with `Authorization: Bearer <token>` when a token is set (404 otherwise),
   * and a plain listener on `port` (metrics, health, readiness; for workers and in-cluster scrapes) when set.
   */
  metrics: { token: string | undefined; port: number | undefined; host: string };
  /** How often PostgreSQL and Redis are checked, to log a warning when one goes down and when it comes back. */
  dependencyCheckIntervalMs: number;
  adminDistDir: string | undefined;
  uploads: { dir: string; maxBytes: number };
  seedDemoData: boolean;
  demoPassword: string;
  /** all = HTTP + scheduler + job processing; api = HTTP only; worker = scheduler + jobs, no HTTP. */
  processRole: Env['PROCESS_ROLE'];
  /** outboxRedeliverAfterMs: a handed-over outbox row whose job has not completed is handed over again after this. */
  scheduler: { enabled: boolean; intervalMs: number; outboxRedeliverAfterMs: number };
  mail: { smtpUrl: string | undefined; from: string };
  openapiFile: string | undefined;
  /**
   * Digital signatures: `key` encrypts stored PKCS#12 files (AES-256-GCM); unset, it is derived from
   * JWT_SECRET (development only: set SIGNING_KEY in production). `serviceUrl` is the signing service
   * for USB tokens / remote signing.
   */
  signing: { key: Buffer; isKeyDerived: boolean; serviceUrl: string | undefined };
  /** Where the admin app is reached: links in e-mails. */
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError that lists every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset, as most .env tooling means them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      maxInFlight: e.MAX_IN_FLIGHT_REQUESTS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      headersTimeoutMs: Math.max(e.HTTP_HEADERS_TIMEOUT_MS, e.HTTP_KEEP_ALIVE_TIMEOUT_MS + 1000),
    },
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, dataDir: e.DATA_DIR, isEmbedded: !e.DATABASE_URL, migrateOnStart: e.MIGRATE_ON_START },
    redis: { url: e.REDIS_URL },
    auth: {
      jwtSecret: e.JWT_SECRET,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      throttlePerMinute: e.LOGIN_THROTTLE_PER_MINUTE,
    },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' && process.stdout.isTTY ? 'pretty' : 'json'),
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    dependencyCheckIntervalMs: e.DEPENDENCY_CHECK_INTERVAL_MS,
    adminDistDir: e.ADMIN_DIST_DIR,
    uploads: { dir: e.UPLOAD_DIR ?? `${e.DATA_DIR}/uploads`, maxBytes: e.UPLOAD_MAX_BYTES },
    seedDemoData: e.SEED_DEMO_DATA,
    demoPassword: e.DEMO_PASSWORD,
    processRole: e.PROCESS_ROLE,
    scheduler: { enabled: e.RUN_SCHEDULER && e.PROCESS_ROLE !== 'api', intervalMs: e.SCHEDULER_INTERVAL_MS, outboxRedeliverAfterMs: e.OUTBOX_REDELIVER_AFTER_MS },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    openapiFile: e.OPENAPI_FILE,
    signing: {
      key: e.SIGNING_KEY ? Buffer.from(e.SIGNING_KEY, 'base64') : createHash('sha256').update(`thidua-signing-key:${e.JWT_SECRET}`).digest(),
      isKeyDerived: !e.SIGNING_KEY,
      serviceUrl: e.SIGNING_SERVICE_URL,
    },
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Nest injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
