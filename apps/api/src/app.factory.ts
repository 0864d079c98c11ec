import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import { createRootLogger } from './common/logging/logger';
import { PinoNestLogger } from './common/logging/nest-logger';
import { requestContextMiddleware } from './common/logging/request-context';
import { applyHttpHardening } from './common/security/http-hardening';
import { textInputMiddleware } from './common/validation/text-input';
import { ensureAppLoginRole } from './common/audit/app-role';
import type { AppConfig } from './config/app-config';
import { openDataSource, runMigrations } from './database/schema-tools';

/** Builds and configures the Nest application (no listen): used by main and by the tests. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  createRootLogger(config.logLevel);
  config = await switchToAppRole(config);
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: new PinoNestLogger(),
    bodyParser: false,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.use(requestContextMiddleware);
  applyHttpHardening(app, config);
  app.use(express.json({ limit: '2mb' }));
  app.use(textInputMiddleware);
  app.setGlobalPrefix('api');
  const adminDir = config.adminDistDir ?? resolve(__dirname, '..', '..', 'admin', 'dist');
  if (existsSync(join(adminDir, 'index.html'))) serveAdmin(app, adminDir);
  const document = buildOpenApi(app);
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

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('ThiĐua Flow API')
    .setDescription('Workflow and approval engine for emulation campaigns in the trade-union hierarchy.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, doc);
}

/** The built admin app on the same port: static files, and index.html for client-side routes. */
function serveAdmin(app: INestApplication, dir: string): void {
  app.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  const index = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
