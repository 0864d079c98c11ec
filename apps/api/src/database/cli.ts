/* Migration commands: run | revert | generate <Name> | drift. Uses DATABASE_URL, or an embedded PGlite under DATA_DIR. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureAppLoginRole } from '../common/audit/app-role';
import { loadConfig } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { openDataSource, pendingSchemaChanges, runMigrations } from './schema-tools';

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    // The drift check wants a fresh database; the others act on the product's own data folder.
    embedded = await startEmbeddedPostgres(command === 'drift' ? 'memory://' : config.database.dataDir);
    url = embedded.url;
  }
  const ds = await openDataSource(url);
  try {
    switch (command) {
      case 'run': {
        const done = await runMigrations(ds);
        console.log(done.length ? `applied: ${done.join(', ')}` : 'no pending migrations');
        // The application's restricted role (DATABASE_APP_URL), made or re-granted by the owner.
        if (config.database.appUrl) await ensureAppLoginRole(ds, config.database.appUrl);
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
        console.error('usage: cli run | revert | generate <Name> | drift');
        return 2;
    }
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
