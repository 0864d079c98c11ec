import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import { createRootLogger } from './common/logging/logger';
import { PinoNestLogger } from './common/logging/nest-logger';
import { loadShedding } from './common/http/load-shedding';
import { requestContextMiddleware } from './common/logging/request-context';
import type { AppConfig } from './config/app-config';

/** Builds and configures the Nest application (no listen): used by main and by the tests. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  createRootLogger(config.logLevel);
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: new PinoNestLogger(),
    bodyParser: false,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.use(requestContextMiddleware);
  app.use(loadShedding(config.http.maxInFlight));
  app.use(express.json({ limit: '2mb' }));
  app.setGlobalPrefix('api');
  const adminDir = config.adminDistDir ?? resolve(__dirname, '..', '..', 'admin', 'dist');
  if (existsSync(join(adminDir, 'index.html'))) serveAdmin(app, adminDir);
  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  if (config.openapiFile) writeFileSync(config.openapiFile, `${JSON.stringify(document, null, 2)}\n`);
  return app;
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
