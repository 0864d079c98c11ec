import type { INestApplication } from '@nestjs/common';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../../config/app-config';

/**
 * The Content-Security-Policy of the admin app and the API. The admin is a Vite build: scripts and
 * styles are files of our own origin, so nothing inline is allowed. The browser tests run under it.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI (only where it is switched on) ships an inline style and bootstrap; it gets its own,
 * looser policy on /api/docs alone.
 */
const DOCS_POLICY: Record<string, string[]> = {
  ...CONTENT_SECURITY_POLICY,
  'script-src': ["'self'", "'unsafe-inline'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/** Security headers (helmet), no X-Powered-By, and Express's "trust proxy" from TRUST_PROXY. */
export function applyHttpHardening(app: INestApplication, config: AppConfig): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  express.set('trust proxy', config.web.trustProxy);
  const common = {
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
    // HSTS only matters over https; harmless over http (browsers ignore it there).
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  };
  const strict = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } });
  const docs = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: DOCS_POLICY } });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next));
}
