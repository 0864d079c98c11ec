import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from '@thidua/contracts';
import { AppModule } from './app.module';
import { AppError } from './common/errors/app-error';
import { buildOpenApi } from './common/openapi/openapi-document';
import { renderError } from './common/errors/http-exception.filter';
import { createRootLogger } from './common/logging/logger';
import { PinoNestLogger } from './common/logging/nest-logger';
import { gzipAssets } from './common/http/gzip-assets';
import { loadShedding } from './common/http/load-shedding';
import { currentRequest, requestContextMiddleware } from './common/logging/request-context';
import { httpMetricsMiddleware } from './common/observability/http-metrics.middleware';
import { applyHttpHardening } from './common/security/http-hardening';
import { textInputMiddleware } from './common/validation/text-input';
import { ensureAppLoginRole } from './common/audit/app-role';
import type { AppConfig } from './config/app-config';
import { openDataSource, runMigrations } from './database/schema-tools';

/** Builds and configures the Nest application (no listen): used by main and by the tests. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  createRootLogger(config.logLevel, config.logFormat);
  config = await switchToAppRole(config);
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: new PinoNestLogger(),
    bodyParser: false,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.use(requestContextMiddleware);
  app.use(httpMetricsMiddleware);
  applyHttpHardening(app, config);
  app.use(loadShedding(config.http.maxInFlight));
  app.use(express.json({ limit: '2mb' }));
  app.use(textInputMiddleware);
  app.setGlobalPrefix('api');
  const adminDir = config.adminDistDir ?? resolve(__dirname, '..', '..', 'admin', 'dist');
  if (existsSync(join(adminDir, 'index.html'))) serveAdmin(app, adminDir);
  const document = buildOpenApi(app, { strict: false });
  // The docs UI is off in production unless API_DOCS_ENABLED=true (it lists every route to anyone).
  if (config.web.apiDocsEnabled) SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  if (config.openapiFile) writeFileSync(config.openapiFile, `${JSON.stringify(document, null, 2)}\n`);
  return app;
}

/**
 * With DATABASE_APP_URL: migrations (and the role's grants) run here as the owner (DATABASE_URL),
 * then the application connects as the restricted role (INSERT/SELECT only on history tables).
 */
async function switchToAppRole(config: AppConfig): Promise<AppConfig> {
  const appUrl = config.database.appUrl;
  if (!appUrl || !config.database.url || appUrl === config.database.url) return config;
  const owner = await openDataSource(config.database.url);
  try {
    if (config.database.migrateOnStart) await runMigrations(owner);
    await ensureAppLoginRole(owner, appUrl);
  } finally {
    await owner.destroy();
  }
  return { ...config, database: { ...config.database, url: appUrl, migrateOnStart: false } };
}

/**
 * Paths operators' tools probe (Prometheus, load balancers, Kubernetes): they get a 404 problem, not the admin page
 * with 200. Metrics are at `/api/metrics` (or the metrics port), health at `/api/health` and `/api/ready`.
 */
const NOT_ADMIN_PATHS = /^\/(metrics|health|healthz|ready|readyz|livez)(\/|$)/;

/** The built admin app on the same port: static files, and index.html for client-side routes. */
function serveAdmin(app: INestApplication, dir: string): void {
  // Not for the API's own paths: the static handlers would look each of them up on disk (an fs.stat per GET, 6% of
  // the inbox page's time in a CPU profile) before the router answers; no admin file lives under /api.
  const gzipped = gzipAssets(dir);
  const assets = express.static(dir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml });
  const isApi = (req: Request) => req.path === '/api' || req.path.startsWith('/api/');
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req) ? next() : gzipped(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req) ? next() : assets(req, res, next)));
  const index = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (NOT_ADMIN_PATHS.test(req.path)) return notFoundProblem(req, res);
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function notFoundProblem(req: Request, res: Response): void {
  const context = currentRequest();
  const body = renderError(AppError.notFound('route'), context?.language ?? 'vi', context?.requestId ?? 'unknown', req.path);
  res.status(404).setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  res.send(JSON.stringify(body));
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
export { buildOpenApi };
