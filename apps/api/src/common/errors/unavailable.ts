import { AppError } from './app-error';

/** Seconds a client should wait before retrying after a 503 (Retry-After). */
export const RETRY_AFTER_SECONDS = { database: 5, queue: 5, overload: 1 } as const;

const PG_UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
  '53300', // too_many_connections
  '08000', '08001', '08003', '08004', '08006', '08P01', // connection exceptions
]);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

const DB_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /terminating connection due to administrator command/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client has encountered a connection error/i,
  /Connection is not established|ConnectionIsNotSet|Driver not Connected/i,
];
const QUEUE_MESSAGES = [/^Connection is closed/i, /MaxRetriesPerRequest/i, /Stream isn't writeable/i, /^job queue unavailable/i];

function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    out.push(cur);
    cur = (cur as { cause?: unknown; driverError?: unknown }).driverError ?? (cur as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * An unknown error that says the database or the queue cannot be reached becomes a 503
 * SERVICE_UNAVAILABLE naming the dependency (details.dependency), instead of a 500. Anything else: undefined.
 */
export function unavailableError(e: unknown): AppError | undefined {
  for (const c of chain(e)) {
    if (!c || typeof c !== 'object') continue;
    const code = String((c as { code?: unknown }).code ?? '');
    const message = String((c as { message?: unknown }).message ?? '');
    const name = String((c as { name?: unknown }).name ?? '');
    const port = Number((c as { port?: unknown }).port ?? 0);
    if (name === 'MaxRetriesPerRequestError' || QUEUE_MESSAGES.some((r) => r.test(message)) || (NET_CODES.has(code) && port === 6379)) {
      return unavailable('queue', e);
    }
    if (PG_UNAVAILABLE_CODES.has(code) || DB_MESSAGES.some((r) => r.test(message)) || NET_CODES.has(code)) return unavailable('database', e);
  }
  return undefined;
}

function unavailable(dependency: 'database' | 'queue', cause: unknown): AppError {
  return new AppError('SERVICE_UNAVAILABLE', { details: { dependency, retryAfterSeconds: RETRY_AFTER_SECONDS[dependency] }, cause });
}
