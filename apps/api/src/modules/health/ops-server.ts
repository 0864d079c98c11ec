import { createServer, type Server } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { rootLogger } from '../../common/logging/logger';
import { metricsRegistry } from '../../common/observability/metrics';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { HealthService } from './health.service';

/**
 * The operations listener on METRICS_PORT, apart from the API port: `/metrics` (Prometheus, no token: keep this
 * port off the public network), `/health` (liveness) and `/ready` (database and queue). Worker processes serve no
 * HTTP API, so this is how their liveness and metrics are read (`infra/healthcheck.mjs`, the Kubernetes probes).
 */
@Injectable()
export class OpsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.metrics;
    if (port === undefined) return;
    const server = createServer((req, res) => {
      void this.answer(req.method ?? 'GET', (req.url ?? '/').split('?')[0]).then(
        ({ status, type, body }) => {
          res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
          res.end(body);
        },
        (err: unknown) => {
          rootLogger().error({ err }, 'ops listener failed to answer');
          res.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    rootLogger().info({ port: this.port(), host, role: this.config.processRole }, 'ops listener (metrics, health) ready');
  }

  /** The bound port (METRICS_PORT=0 picks a free one, as the tests do). */
  port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  private async answer(method: string, path: string): Promise<{ status: number; type: string; body: string }> {
    const json = 'application/json; charset=utf-8';
    if (method !== 'GET') return { status: 405, type: json, body: '{"status":405}' };
    if (path === '/metrics') return { status: 200, type: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
    if (path === '/health') return { status: 200, type: json, body: JSON.stringify({ ...this.health.alive(), role: this.config.processRole }) };
    if (path === '/ready') {
      const report = await this.health.ready();
      return { status: report.status === 'ready' ? 200 : 503, type: json, body: JSON.stringify(report) };
    }
    return { status: 404, type: json, body: '{"status":404}' };
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
