import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Every environment variable the API reads, validated once at boot into one typed object.
 * `.env.example` documents each of them; keep the two in step.
 */
/** The development-only secret (also the one `.env.example` shows): refused in production. */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production-0123456789';
/** Secrets published anywhere in this repository (README, .env.example, compose): refused in production. */
export const PUBLISHED_JWT_SECRETS: readonly string[] = [DEV_JWT_SECRET, 'change-me-change-me-change-me-change-me'];
export const DEFAULT_DEMO_PASSWORD = 'ThiDua@2026';
const MIN_SECRET_BYTES = 32;

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
  // No default here: outside production the development secret below is used; production refuses to boot without one.
  JWT_SECRET: z.string().refine((v) => Buffer.byteLength(v, 'utf8') >= MIN_SECRET_BYTES, `must be at least ${MIN_SECRET_BYTES} bytes`).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_THROTTLE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_DIST_DIR: z.string().optional(),
  UPLOAD_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(20 * 1024 * 1024),
  // Default: on outside production, off in production (where turning it on refuses to boot).
  SEED_DEMO_DATA: booleanString.optional(),
  DEMO_PASSWORD: z.string().min(8).default(DEFAULT_DEMO_PASSWORD),
  PROCESS_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  RUN_SCHEDULER: booleanString.default(true),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).max(600000).default(5000),
  OUTBOX_REDELIVER_AFTER_MS: z.coerce.number().int().min(1000).max(86400000).default(30000),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  IDEMPOTENCY_WAIT_MS: z.coerce.number().int().min(0).max(120000).default(10000),
  IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(1000).max(3600000).default(120000),
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
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  DEPENDENCY_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(600000).default(10000),
  // The Swagger UI at /api/docs: on by default outside production, off in production unless set true.
  API_DOCS_ENABLED: booleanString.optional(),
  // Express "trust proxy": unset = no proxy (req.ip is the socket address). A hop count ("1"), "true",
  // or a comma-separated list of addresses/subnets ("loopback, 10.0.0.0/8").
  TRUST_PROXY: z.string().min(1).optional(),
  // Global rate limit per client address (req.ip), shared through Redis when REDIS_URL is set.
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  // Prefix of the limiter's Redis keys: processes with the same prefix share counters.
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).max(100).default('thidua:rl:'),
  // How long (ms) a process trusts its cached copy of a user's session version (other processes' bumps
  // are seen within this bound; this process's own bumps at once).
  SESSION_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  // Single sign-on (OpenID Connect; modules/auth/oidc, docs/security.md). Off unless OIDC_ISSUER_URL is set.
  OIDC_ISSUER_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(512).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2048).optional(),
  OIDC_REDIRECT_URL: z.string().url().optional(),
  OIDC_POST_LOGOUT_REDIRECT_URL: z.string().url().optional(),
  OIDC_SCOPES: z.string().min(1).default('openid profile email'),
  OIDC_LINK_BY: z.enum(['username', 'email']).default('username'),
  OIDC_CLAIM: z.string().min(1).max(100).optional(),
  OIDC_REQUIRE_EMAIL_VERIFIED: booleanString.default(true),
  OIDC_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  // The role the application connects as (INSERT/SELECT only on audit tables). Migrations use DATABASE_URL.
  DATABASE_APP_URL: postgresUrl.optional(),
  // clamd (ClamAV daemon) for scanning uploads: unset = no scanning.
  CLAMD_HOST: z.string().min(1).optional(),
  CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  CLAMD_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  // Limits on uploaded spreadsheets/CSV (zip containers are checked before anything is inflated).
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  IMPORT_MAX_INFLATED_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  IMPORT_MAX_ENTRIES: z.coerce.number().int().min(1).default(1000),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
  // Files (docs/operations.md, "Files"): local disk under UPLOAD_DIR, or an S3-compatible bucket.
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanString.default(true),
  S3_KEY_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or end with / (e.g. thidua/)').default(''),
  // Webhooks (docs/webhooks.md): private/loopback targets are refused unless this is true (SSRF).
  WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanString.default(false),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(86_400_000).default(10_000),
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(10).max(7 * 86_400_000).default(3_600_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  AWARD_BASE_SALARY_VND: z.coerce.number().int().min(0).default(2340000),
  AWARD_BONUS_COEFFICIENTS: z
    .string()
    .default('{"Bằng khen":{"individual":1,"collective":2},"Giấy khen":{"individual":0.3,"collective":0.6},"Cờ thi đua":{"collective":8}}')
    .refine((v) => {
      try {
        const o = JSON.parse(v) as unknown;
        return typeof o === 'object' && o !== null && !Array.isArray(o);
      } catch {
        return false;
      }
    }, 'must be a JSON object: {"Bằng khen":{"individual":1,"collective":2}}'),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  /**
   * maxInFlight: load-shedding limit (0 = off); keep-alive/headers timeouts above a reverse proxy's.
   * `trustProxy`: Express's `trust proxy` (docs/deployment.md): false (direct), a hop count, or the proxies'
   * addresses; decides which X-Forwarded-For entry becomes the client address the sign-in throttle counts.
   */
  http: { port: number; host: string; maxInFlight: number; keepAliveTimeoutMs: number; headersTimeoutMs: number; trustProxy: boolean | number | string[] };
  database: {
    url: string | undefined;
    /** When set, the application's own connection (a role with INSERT/SELECT only on audit tables); `url` stays the owner, for migrations. */
    appUrl?: string | undefined;
    poolSize: number; dataDir: string; isEmbedded: boolean; migrateOnStart: boolean };
  redis: { url: string | undefined };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    maxFailures: number;
    lockMinutes: number;
    /** Sign-in attempts one IP address may make per minute in one process (429 beyond). */
    throttlePerMinute: number;
    /** How long a process trusts its cached session version of a user (SESSION_CACHE_TTL_MS). */
    sessionCacheTtlMs: number;
  };
  /**
   * Single sign-on with OpenID Connect (modules/auth/oidc); undefined = password sign-in only. `linkBy` is the
   * product field a person is matched on, `claim` the ID-token claim compared with it; `clientSecret` unset = a
   * public client (PKCE only).
   */
  oidc: OidcConfig | undefined;
  /** HTTP hardening (helmet, proxy, rate limit, API docs). */
  web: { trustProxy: boolean | number | string[]; rateLimitPerMinute: number; rateLimitKeyPrefix: string; apiDocsEnabled: boolean };
  /** clamd for scanning uploads; undefined = no scanning. */
  clamd: { host: string; port: number; timeoutMs: number } | undefined;
  /** Limits on uploaded spreadsheets and CSV files. */
  imports: { maxBytes: number; maxInflatedBytes: number; maxEntries: number; maxRows: number };
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
  /**
   * Idempotency-Key (common/http/idempotency.interceptor.ts): keys live `ttlMs`; a concurrent repeat waits
   * up to `waitMs` for the first request's answer; a first request that vanished without committing
   * anything frees its key after `leaseMs`.
   */
  idempotency: { ttlMs: number; waitMs: number; leaseMs: number };
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
  /**
   * Webhook deliveries: private/loopback/link-local targets refused unless `allowPrivateTargets`; retries with
   * exponential back-off from `retryBaseMs`, each delay capped at `retryMaxDelayMs`, `maxAttempts` in all.
   */
  /** Where files are kept (modules/storage): `local` under `uploads.dir`, or `s3` with its settings. */
  storage: { driver: 'local' | 's3'; s3: { endpoint: string | undefined; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean; keyPrefix: string } | undefined };
  webhooks: { allowPrivateTargets: boolean; maxAttempts: number; retryBaseMs: number; retryMaxDelayMs: number; timeoutMs: number };
  /** Bonus of a commendation decision: coefficient (by form of award, individual/collective) × base salary. */
  awards: { baseSalary: number; coefficients: Record<string, { individual?: number; collective?: number }> };
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUrl: string;
  postLogoutRedirectUrl: string;
  scopes: string;
  linkBy: 'username' | 'email';
  claim: string;
  requireEmailVerified: boolean;
  httpTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** STORAGE_DRIVER=s3 needs its bucket and credentials (checked at boot, listed together). */
function storageProblems(e: Env): string[] {
  if (e.STORAGE_DRIVER !== 's3') return [];
  return (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]).map((k) => `${k}: required when STORAGE_DRIVER=s3`);
}

/** OIDC_ISSUER_URL switches single sign-on on; it then needs a client id, and `openid` among the scopes. */
function oidcProblems(e: Env, isProduction: boolean): string[] {
  if (!e.OIDC_ISSUER_URL) return [];
  const problems: string[] = [];
  if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required when OIDC_ISSUER_URL is set');
  if (!e.OIDC_SCOPES.split(/\s+/).includes('openid')) problems.push('OIDC_SCOPES: must include openid');
  if (isProduction && !e.OIDC_ISSUER_URL.startsWith('https://')) problems.push('OIDC_ISSUER_URL: must be https:// in production');
  return problems;
}

function oidcConfig(e: Env, publicUrl: string): OidcConfig | undefined {
  if (!e.OIDC_ISSUER_URL || !e.OIDC_CLIENT_ID) return undefined;
  return {
    // Compared character for character with the discovery document's and the ID token's `iss`.
    issuer: e.OIDC_ISSUER_URL,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    redirectUrl: e.OIDC_REDIRECT_URL ?? `${publicUrl}/sign-in`,
    postLogoutRedirectUrl: e.OIDC_POST_LOGOUT_REDIRECT_URL ?? `${publicUrl}/sign-in`,
    scopes: e.OIDC_SCOPES,
    linkBy: e.OIDC_LINK_BY,
    claim: e.OIDC_CLAIM ?? (e.OIDC_LINK_BY === 'email' ? 'email' : 'preferred_username'),
    requireEmailVerified: e.OIDC_REQUIRE_EMAIL_VERIFIED,
    httpTimeoutMs: e.OIDC_HTTP_TIMEOUT_MS,
  };
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
  const isProduction = e.NODE_ENV === 'production';
  const problems = [...storageProblems(e), ...oidcProblems(e, isProduction), ...(isProduction ? productionProblems(e, cleaned) : [])];
  if (problems.length > 0) throw new ConfigError(problems);
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
    database: { url: e.DATABASE_URL, appUrl: e.DATABASE_APP_URL, poolSize: e.DATABASE_POOL_SIZE, dataDir: e.DATA_DIR, isEmbedded: !e.DATABASE_URL, migrateOnStart: e.MIGRATE_ON_START },
    redis: { url: e.REDIS_URL },
    auth: {
      jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      throttlePerMinute: e.LOGIN_THROTTLE_PER_MINUTE,
      sessionCacheTtlMs: e.SESSION_CACHE_TTL_MS,
    },
    oidc: oidcConfig(e, e.PUBLIC_URL.replace(/\/+$/, '')),
    web: {
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      rateLimitKeyPrefix: e.RATE_LIMIT_KEY_PREFIX,
      apiDocsEnabled: e.API_DOCS_ENABLED ?? !isProduction,
    },
    clamd: e.CLAMD_HOST ? { host: e.CLAMD_HOST, port: e.CLAMD_PORT, timeoutMs: e.CLAMD_TIMEOUT_MS } : undefined,
    imports: { maxBytes: e.IMPORT_MAX_BYTES, maxInflatedBytes: e.IMPORT_MAX_INFLATED_BYTES, maxEntries: e.IMPORT_MAX_ENTRIES, maxRows: e.IMPORT_MAX_ROWS },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' && process.stdout.isTTY ? 'pretty' : 'json'),
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    dependencyCheckIntervalMs: e.DEPENDENCY_CHECK_INTERVAL_MS,
    adminDistDir: e.ADMIN_DIST_DIR,
    uploads: { dir: e.UPLOAD_DIR ?? `${e.DATA_DIR}/uploads`, maxBytes: e.UPLOAD_MAX_BYTES },
    seedDemoData: e.SEED_DEMO_DATA ?? !isProduction,
    demoPassword: e.DEMO_PASSWORD,
    processRole: e.PROCESS_ROLE,
    idempotency: { ttlMs: e.IDEMPOTENCY_TTL_HOURS * 3600_000, waitMs: e.IDEMPOTENCY_WAIT_MS, leaseMs: e.IDEMPOTENCY_LEASE_MS },
    scheduler: { enabled: e.RUN_SCHEDULER && e.PROCESS_ROLE !== 'api', intervalMs: e.SCHEDULER_INTERVAL_MS, outboxRedeliverAfterMs: e.OUTBOX_REDELIVER_AFTER_MS },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    openapiFile: e.OPENAPI_FILE,
    signing: {
      key: e.SIGNING_KEY ? Buffer.from(e.SIGNING_KEY, 'base64') : createHash('sha256').update(`thidua-signing-key:${e.JWT_SECRET}`).digest(),
      isKeyDerived: !e.SIGNING_KEY,
      serviceUrl: e.SIGNING_SERVICE_URL,
    },
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    storage: {
      driver: e.STORAGE_DRIVER,
      s3:
        e.STORAGE_DRIVER === 's3'
          ? { endpoint: e.S3_ENDPOINT, region: e.S3_REGION, bucket: e.S3_BUCKET!, accessKeyId: e.S3_ACCESS_KEY_ID!, secretAccessKey: e.S3_SECRET_ACCESS_KEY!, forcePathStyle: e.S3_FORCE_PATH_STYLE, keyPrefix: e.S3_KEY_PREFIX }
          : undefined,
    },
    webhooks: {
      allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retryMaxDelayMs: Math.max(e.WEBHOOK_RETRY_MAX_DELAY_MS, e.WEBHOOK_RETRY_BASE_MS),
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    awards: { baseSalary: e.AWARD_BASE_SALARY_VND, coefficients: JSON.parse(e.AWARD_BONUS_COEFFICIENTS) as Record<string, { individual?: number; collective?: number }> },
  };
}

/** What makes a production configuration unsafe; every problem at once, so the operator fixes them in one go. */
function productionProblems(e: Env, raw: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (e.JWT_SECRET === undefined) problems.push(`JWT_SECRET: required in production (a random string of at least ${MIN_SECRET_BYTES} bytes, e.g. openssl rand -base64 48)`);
  else if (PUBLISHED_JWT_SECRETS.includes(e.JWT_SECRET)) problems.push('JWT_SECRET: is a published default; set your own random secret');
  if (e.SEED_DEMO_DATA === true) problems.push('SEED_DEMO_DATA: demo data must be off in production');
  if (raw.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD) problems.push('DEMO_PASSWORD: the published demo password must not be used in production');
  return problems;
}

function parseTrustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Nest injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
