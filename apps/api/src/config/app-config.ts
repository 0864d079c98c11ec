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
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('ThiĐua Flow <no-reply@thidua.local>'),
  OPENAPI_FILE: z.string().optional(),
  SIGNING_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  SIGNING_SERVICE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
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
  http: { port: number; host: string };
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
  adminDistDir: string | undefined;
  uploads: { dir: string; maxBytes: number };
  seedDemoData: boolean;
  demoPassword: string;
  /** all = HTTP + scheduler + job processing; api = HTTP only; worker = scheduler + jobs, no HTTP. */
  processRole: Env['PROCESS_ROLE'];
  scheduler: { enabled: boolean; intervalMs: number };
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
  /** Bonus of a commendation decision: coefficient (by form of award, individual/collective) × base salary. */
  awards: { baseSalary: number; coefficients: Record<string, { individual?: number; collective?: number }> };
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
    http: { port: e.PORT, host: e.HOST },
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
    adminDistDir: e.ADMIN_DIST_DIR,
    uploads: { dir: e.UPLOAD_DIR ?? `${e.DATA_DIR}/uploads`, maxBytes: e.UPLOAD_MAX_BYTES },
    seedDemoData: e.SEED_DEMO_DATA,
    demoPassword: e.DEMO_PASSWORD,
    processRole: e.PROCESS_ROLE,
    scheduler: { enabled: e.RUN_SCHEDULER && e.PROCESS_ROLE !== 'api', intervalMs: e.SCHEDULER_INTERVAL_MS },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    openapiFile: e.OPENAPI_FILE,
    signing: {
      key: e.SIGNING_KEY ? Buffer.from(e.SIGNING_KEY, 'base64') : createHash('sha256').update(`thidua-signing-key:${e.JWT_SECRET}`).digest(),
      isKeyDerived: !e.SIGNING_KEY,
      serviceUrl: e.SIGNING_SERVICE_URL,
    },
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    awards: { baseSalary: e.AWARD_BASE_SALARY_VND, coefficients: JSON.parse(e.AWARD_BONUS_COEFFICIENTS) as Record<string, { individual?: number; collective?: number }> },
  };
}

/** Nest injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
