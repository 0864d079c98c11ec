/* npm run audit:verify -w @thidua/api — checks the audit_log hash chain; exit 1 naming the first broken row. */
import { loadConfig } from '../../config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../database/embedded-postgres';
import { openDataSource } from '../../database/schema-tools';
import { verifyAuditChain } from './audit-chain';

async function main(): Promise<number> {
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres(`${config.database.dataDir}/pg`);
    url = embedded.url;
  }
  const ds = await openDataSource(url);
  try {
    const verdict = await verifyAuditChain(ds);
    if (verdict.ok) {
      console.log(`audit chain intact: ${verdict.rows} rows, head ${verdict.headHash}`);
      return 0;
    }
    const b = verdict.firstBroken;
    console.error(`audit chain BROKEN at row id ${b.id} (chain_seq ${b.chainSeq}): ${b.reason}; ${verdict.rows} rows before it verify`);
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
