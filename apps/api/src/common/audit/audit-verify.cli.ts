/*
 * npm run audit:verify -w @thidua/api — checks the audit_log hash chain from the newest archive's anchor; exit 1
 * naming the first broken row. `-- --archive <file.jsonl.gz> [...]` checks archive files (db:archive-history)
 * against their manifests and history_archive instead.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../database/embedded-postgres';
import { openDataSource } from '../../database/schema-tools';
import { verifyArchiveFile } from './archive-verify';
import { verifyAuditChain } from './audit-chain';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const archives = args[0] === '--archive' ? args.slice(1).map((f) => resolve(process.env.INIT_CWD ?? process.cwd(), f)) : null;
  if (archives && archives.length === 0) {
    console.error('usage: audit:verify [--archive <file.jsonl.gz> ...]');
    return 2;
  }
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres(`${config.database.dataDir}/pg`);
    url = embedded.url;
  }
  const ds = await openDataSource(url);
  try {
    if (archives) {
      let bad = 0;
      for (const file of archives) {
        const v = await verifyArchiveFile(ds, file);
        if (v.ok) console.log(`archive intact: ${file} (${v.manifest.table} ${v.manifest.month}, ${v.rows} rows, sha256 ${v.manifest.sha256})`);
        else {
          bad += 1;
          const at = v.row ? ` at line ${v.row.line} (id ${v.row.id}${v.row.chainSeq ? `, chain_seq ${v.row.chainSeq}` : ''})` : '';
          console.error(`archive BROKEN: ${file}: ${v.reason}${at}: ${v.detail}`);
        }
      }
      return bad ? 1 : 0;
    }
    const verdict = await verifyAuditChain(ds);
    const from = verdict.anchor.month ? `from the anchor of archived ${verdict.anchor.month} (chain_seq ${verdict.anchor.seq})` : 'from genesis';
    if (verdict.ok) {
      console.log(`audit chain intact ${from}: ${verdict.rows} rows, head ${verdict.headHash}`);
      return 0;
    }
    const b = verdict.firstBroken;
    console.error(`audit chain BROKEN at row id ${b.id} (chain_seq ${b.chainSeq}): ${b.reason}; ${verdict.rows} rows before it verify (${from})`);
    return 1;
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
