import 'reflect-metadata';
// First: tracing (when configured) must patch http, express and pg before they are loaded.
import { tracing } from './tracing';
import { join } from 'node:path';
import { createApp } from './app.factory';
import { rootLogger } from './common/logging/logger';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { DataFolderInUseError, startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';
import { SeedService } from './seed/seed.service';

export const DEMO_LOGINS = [
  ['admin', 'quản trị hệ thống / administrator'],
  ['chutich.tinh', 'giám sát cấp tỉnh, thành viên hội đồng / province supervisor, council member'],
  ['giamsat.gd', 'giám sát CĐ ngành Giáo dục, có việc chờ duyệt / education union supervisor, items waiting'],
  ['canbo.vc-khuyennong', 'cán bộ CĐCS, kế hoạch bị trả lại / grassroots officer, plan returned'],
  ['canbo.gd-thpt02', 'cán bộ CĐCS, kế hoạch chờ duyệt / grassroots officer, plan waiting'],
  ['tdkt.tinh', 'thư ký hội đồng TĐKT / council secretary'],
  ['hoidong1', 'thành viên hội đồng / council member'],
] as const;

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const t0 = Date.now();
  let embedded: EmbeddedPostgres | undefined;
  if (config.database.isEmbedded) {
    try {
      embedded = await startEmbeddedPostgres(join(config.database.dataDir, 'pg'), { log: (m) => rootLogger().info(m) });
    } catch (e) {
      if (e instanceof DataFolderInUseError) {
        console.error(e.message);
        process.exit(1);
      }
      throw e;
    }
    // Stops the server whenever this process exits (not on kill -9: the next start reuses it).
    const started = embedded;
    process.once('exit', () => started.stopSync());
    config = { ...config, database: { ...config.database, url: embedded.url, poolSize: Math.min(config.database.poolSize, 10) } };
  }
  const app = await createApp(config);
  // Nest's shutdown hooks (app.factory) close the app on SIGINT/SIGTERM, then raise the signal again;
  // this handler turns that second signal into a normal exit, whose handler stops the embedded server.
  let signals = 0;
  const onSignal = () => {
    signals += 1;
    if (signals === 1) void tracing?.shutdown();
    if (signals > 1) process.exit(0);
    setTimeout(() => process.exit(0), 30000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // init() runs the migrations and every onModuleInit, where modules register their seeders.
  await app.init();
  // Only the process that owns the schema seeds: replicas started with MIGRATE_ON_START=false leave it to the migrate
  // job (dist/migrate-job.js), so two of them cannot insert the same demo rows at once.
  const seeds = config.seedDemoData && config.database.migrateOnStart;
  if (seeds) await app.get(SeedService).seedAll(config.demoPassword);
  else if (config.seedDemoData) rootLogger().info('demo data: left to the migrate job (MIGRATE_ON_START=false)');
  if (config.processRole === 'worker') {
    rootLogger().info({ ms: Date.now() - t0, jobs: config.redis.url ? 'bull' : 'in-process' }, 'worker ready');
    return;
  }
  await app.listen(config.http.port, config.http.host);
  // Above a reverse proxy's idle timeout (nginx 60 s, AWS ALB 60 s), so the proxy, not Node, closes
  // idle connections and never reuses one Node is closing (docs/operations.md).
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  server.headersTimeout = config.http.headersTimeoutMs;
  const url = `http://localhost:${config.http.port}`;
  rootLogger().info({ url, ms: Date.now() - t0, database: embedded ? `embedded PostgreSQL 15 (${embedded.origin})` : 'PostgreSQL', jobs: config.redis.url ? 'bull' : 'in-process' }, 'ready');
  const lines = [
    '',
    `  ThiĐua Flow đang chạy / is running at ${url}`,
    config.web.apiDocsEnabled ? `  API docs: ${url}/api/docs` : '  API docs: off (API_DOCS_ENABLED=true to serve them)',
    `  CSDL / database: ${embedded ? `PostgreSQL 15 nhúng / embedded (${config.database.dataDir}/pg)` : 'PostgreSQL'}; tác vụ nền / jobs: ${config.redis.url ? 'Bull + Redis' : 'in-process'}`,
  ];
  if (config.seedDemoData) {
    lines.push(`  Tài khoản demo / demo logins (mật khẩu / password: ${config.demoPassword}):`);
    for (const [u, what] of DEMO_LOGINS) lines.push(`    ${u.padEnd(16)} ${what}`);
  }
  console.log(`${lines.join('\n')}\n`);
}

void bootstrap().catch((err: unknown) => {
  rootLogger().fatal({ err }, 'failed to start');
  process.exit(1);
});
