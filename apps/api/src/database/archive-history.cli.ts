/*
 * npm run db:archive-history -w @thidua/api -- --before 2025-01 [--dir <folder>] [--dry-run]
 * Writes every month of audit_log and work_item_event older than --before to <dir>/<table>_<YYYY-MM>.jsonl.gz with a
 * manifest beside it, records it in history_archive, then detaches and drops the month's partition. Run as the owner
 * (DATABASE_URL, or the embedded server of <DATA_DIR>/pg). Default folder: <DATA_DIR>/archives.
 * Check a file later with `npm run audit:verify -w @thidua/api -- --archive <file>`.
 */
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { DataFolderInUseError, runningEmbedded, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { ArchiveRefused, archiveHistory } from './history-archive';
import { openDataSource } from './schema-tools';

const fromInvocation = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const before = arg(args, '--before');
  if (!before) {
    console.error('usage: db:archive-history -- --before YYYY-MM [--dir <folder>] [--dry-run]');
    return 2;
  }
  const config = loadConfig();
  const dir = fromInvocation(arg(args, '--dir') ?? join(config.database.dataDir, 'archives'));
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    const pgDir = join(fromInvocation(config.database.dataDir), 'pg');
    try {
      embedded = await startEmbeddedPostgres(pgDir);
      url = embedded.url;
    } catch (e) {
      const running = e instanceof DataFolderInUseError ? runningEmbedded(pgDir) : null;
      if (!running) throw e;
      url = running.url; // the product is running on the folder: act through its server
    }
  }
  const ds = await openDataSource(url);
  try {
    const done = await archiveHistory(ds, { before, dir, dryRun: args.includes('--dry-run') });
    if (done.length === 0) console.log(`nothing to archive before ${before}`);
    for (const m of done) {
      if (m.rows < 0) console.log(`would archive ${m.table} ${m.month} (${m.partition})`);
      else console.log(`archived ${m.table} ${m.month}: ${m.rows} rows → ${join(dir, m.file)} (sha256 ${m.sha256})${m.lastRowHash ? `, anchor chain_seq ${m.lastChainSeq}` : ''}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ArchiveRefused) {
      console.error(`archive refused: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
