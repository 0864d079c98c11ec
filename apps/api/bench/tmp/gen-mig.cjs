require('/work/main/apps/api/bench/support/register-ts.cjs');
require('reflect-metadata');
const { openDataSource, runMigrations, pendingSchemaChanges } = require('/work/main/apps/api/src/database/schema-tools.ts');
(async () => {
  const ds = await openDataSource('postgres://postgres@127.0.0.1:5432/campaigns_gen');
  await runMigrations(ds);
  const { up, down } = await pendingSchemaChanges(ds);
  console.log(JSON.stringify({ up, down }, null, 1));
  await ds.destroy();
})().catch((e) => { console.error(e); process.exit(1); });
