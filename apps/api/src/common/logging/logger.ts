import pino, { type Logger } from 'pino';

let root: Logger | undefined;

/** The process's structured JSON logger (pino). Request-scoped children carry `requestId`. */
export function createRootLogger(level: string): Logger {
  root = pino({ level, base: { service: 'thidua-api' }, timestamp: pino.stdTimeFunctions.isoTime });
  return root;
}

export function rootLogger(): Logger {
  return root ?? createRootLogger(process.env.LOG_LEVEL ?? 'info');
}
