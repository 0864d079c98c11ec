import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/access.decorators';
import { AppError } from '../../common/errors/app-error';
import { metricsRegistry } from '../../common/observability/metrics';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ReturnsFile } from '../../common/openapi/returns.decorator';

/** Constant-time comparison of the presented bearer token with the configured one. */
export function isMetricsToken(expected: string, authorization: string | undefined): boolean {
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus scrape endpoint. Public to the user guard (Prometheus has no user account) but closed by its own
 * bearer token, METRICS_TOKEN; without one configured the route does not exist (404).
 */
@ApiSecurity('metricsToken')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @ReturnsFile('text/plain')
  @Get()
  @Public()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const token = this.config.metrics.token;
    if (!token) throw AppError.notFound('route');
    if (!isMetricsToken(token, authorization)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new AppError('UNAUTHENTICATED');
    }
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metricsRegistry.metrics());
  }
}
