import pino, { type Logger } from 'pino';

let root: Logger | undefined;

export type LogFormat = 'json' | 'pretty';

/**
 * The process's logger (pino). `json`: one object a line, for production and log shippers; `pretty`: one readable
 * line per entry (pino-pretty, written synchronously so the start-up banner stays after the lines before it).
 * Request-scoped children carry `requestId`.
 */
export function createRootLogger(level: string, format: LogFormat = 'json'): Logger {
  const options = { level, base: { service: 'thidua-api' }, timestamp: pino.stdTimeFunctions.isoTime };
  if (format === 'pretty') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    root = pino(options, pretty({ sync: true, colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true }));
  } else {
    root = pino(options);
  }
  return root;
}

export function rootLogger(): Logger {
  return root ?? createRootLogger(process.env.LOG_LEVEL ?? 'info');
}
