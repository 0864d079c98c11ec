import type { LoggerService } from '@nestjs/common';
import { rootLogger } from './logger';

/** Nest's start-up chatter (one line per module and per route, about 150): debug, so the banner is not buried. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Routes Nest's own log lines into pino, so every line is structured. */
export class PinoNestLogger implements LoggerService {
  log(message: unknown, context?: string): void {
    if (context && START_UP_CONTEXTS.has(context)) rootLogger().debug({ context }, String(message));
    else rootLogger().info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    rootLogger().error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    rootLogger().warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    rootLogger().debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    rootLogger().trace({ context }, String(message));
  }
}
