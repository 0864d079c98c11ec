/*
 * Database commands: run | revert | generate <Name> | drift | backup [file] | restore <file>.
 * On DATABASE_URL, or on the embedded server of <DATA_DIR>/pg (started for the command, or joined
 * when the product is running on it). Relative paths are taken from where npm was invoked.
 */
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensureAppLoginRole } from '../common/audit/app-role';
import { loadConfig } from '../config/app-config';
import { backupDatabase, restoreDatabase } from './backup';
import { DataFolderInUseError, runningEmbedded, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { openDataSource, pendingSchemaChanges, runMigrations } from './schema-tools';

const fromInvocation = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let scratch: string | undefined;
  let url = config.database.url;
  if (!url) {
    const pgDir = join(fromInvocation(config.database.dataDir), 'pg');
    if (command === 'drift') {
      // The drift check wants a fresh database: a scratch cluster, removed afterwards.
      scratch = mkdtempSync(join(tmpdir(), 'thidua-drift-'));
      chmodSync(scratch, 0o755); // the server runs as `postgres` when the command runs as root
      embedded = await startEmbeddedPostgres(join(scratch, 'pg'), { lock: false });
    } else {
      try {
        embedded = await startEmbeddedPostgres(pgDir);
      } catch (e) {
        if (!(e instanceof DataFolderInUseError)) throw e;
        if (command === 'restore') {
          console.error(`${e.message}\nRestore replaces the whole database: stop the product first.`);
          return 1;
        }
        // The product is running on the folder: act through its server.
        const running = runningEmbedded(pgDir);
        if (!running) throw e;
        url = running.url;
      }
    }
    url = url ?? embedded!.url;
  }
  try {
    if (command === 'backup') {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = name ? fromInvocation(name) : join(fromInvocation(config.database.dataDir), 'backups', `thidua-${stamp}.dump`);
      mkdirSync(dirname(file), { recursive: true });
      const bytes = await backupDatabase(url, file);
      console.log(`backup written: ${file} (${bytes} bytes, pg_dump custom format)`);
      return 0;
    }
    if (command === 'restore') {
      if (!name) {
        console.error('usage: restore <file.dump>');
        return 2;
      }
      await restoreDatabase(url, fromInvocation(name));
      console.log(`restored ${fromInvocation(name)}`);
      return 0;
    }
    return await schemaCommand(command, name, url, config.database.appUrl);
  } finally {
    await embedded?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

async function schemaCommand(command: string, name: string | undefined, url: string, appUrl: string | undefined): Promise<number> {
  const ds = await openDataSource(url);
  try {
    switch (command) {
      case 'run': {
        const done = await runMigrations(ds);
        console.log(done.length ? `applied: ${done.join(', ')}` : 'no pending migrations');
        // The application's restricted role (DATABASE_APP_URL), made or re-granted by the owner.
        if (appUrl) await ensureAppLoginRole(ds, appUrl);
        return 0;
      }
      case 'revert': {
        await ds.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
        return 0;
      }
      case 'generate': {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
          console.error('usage: generate <PascalCaseName>');
          return 2;
        }
        await runMigrations(ds);
        const { up, down } = await pendingSchemaChanges(ds);
        if (up.length === 0) {
          console.log('entities and migrations agree: nothing to generate');
          return 0;
        }
        const ts = Date.now();
        const file = join(__dirname, '..', '..', 'src', 'database', 'migrations', `${ts}-${name.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}.ts`);
        const q = (s: string) =>
          `    await queryRunner.query(${s.includes('`') || s.includes('${') ? JSON.stringify(s) : '`' + s + '`'});`;
        writeFileSync(
          file,
          `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up.map(q).join('\n')}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down.reverse().map(q).join('\n')}\n  }\n}\n`,
        );
        console.log(`wrote ${file}; add it to src/database/migrations/index.ts`);
        return 0;
      }
      case 'drift': {
        const applied = await runMigrations(ds);
        const { up } = await pendingSchemaChanges(ds);
        if (up.length > 0) {
          console.error(`schema drift: after ${applied.length} migrations the entities still want:\n${up.join(';\n')}`);
          return 1;
        }
        console.log(`no schema drift (${applied.length} migrations applied, entities match)`);
        return 0;
      }
      default:
        console.error('usage: cli run | revert | generate <Name> | drift | backup [file] | restore <file>');
        return 2;
    }
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
