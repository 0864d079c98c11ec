import 'reflect-metadata';
import { join } from 'node:path';
import { createApp } from './app.factory';
import { rootLogger } from './common/logging/logger';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';
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
    embedded = await startEmbeddedPostgres(join(config.database.dataDir, 'pg'));
    config = { ...config, database: { ...config.database, url: embedded.url, poolSize: Math.min(config.database.poolSize, 10) } };
  }
  const app = await createApp(config);
  // init() runs the migrations and every onModuleInit, where modules register their seeders.
  await app.init();
  if (config.seedDemoData) await app.get(SeedService).seedAll(config.demoPassword);
  if (config.processRole === 'worker') {
    rootLogger().info({ ms: Date.now() - t0, jobs: config.redis.url ? 'bull' : 'in-process' }, 'worker ready');
    return;
  }
  await app.listen(config.http.port, config.http.host);
  const url = `http://localhost:${config.http.port}`;
  const shutdown = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  rootLogger().info({ url, ms: Date.now() - t0, database: embedded ? 'embedded PGlite' : 'PostgreSQL', jobs: config.redis.url ? 'bull' : 'in-process' }, 'ready');
  const lines = [
    '',
    `  ThiĐua Flow đang chạy / is running at ${url}`,
    config.web.apiDocsEnabled ? `  API docs: ${url}/api/docs` : '  API docs: off (API_DOCS_ENABLED=true to serve them)',
    `  CSDL / database: ${embedded ? `PGlite nhúng / embedded (${config.database.dataDir}/pg)` : 'PostgreSQL'}; tác vụ nền / jobs: ${config.redis.url ? 'Bull + Redis' : 'in-process'}`,
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
