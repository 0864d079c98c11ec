import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

export async function openDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource(buildDataSourceOptions(url, 4));
  await ds.initialize();
  return ds;
}

/** SQL that would bring the database in line with the entities; empty when there is no drift. */
export async function pendingSchemaChanges(ds: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await ds.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query),
  };
}

export async function runMigrations(ds: DataSource): Promise<string[]> {
  const done = await ds.runMigrations({ transaction: 'each' });
  return done.map((m) => m.name);
}
