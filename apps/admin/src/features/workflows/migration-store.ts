import type { MigrationPlanView } from '@thidua/contracts';
import { createOperationStore, useOperationRun } from '../org/operation-store';

const store = createOperationStore<MigrationPlanView>('thidua.workflows.migration');
const idOf = (key: string, version: number) => `${key}@${version}`;

/** Migrations of running items, one run per target version, kept while the administrator is elsewhere. */
export const migrationStore = {
  start(key: string, version: number, dryRun: boolean, work: () => Promise<MigrationPlanView>): void {
    store.start(idOf(key, version), { dryRun }, () => work());
  },
};

export function useMigrationRun(key: string, version: number) {
  const run = useOperationRun(store, idOf(key, version));
  return run ? { ...run, dryRun: run.meta.dryRun === true } : undefined;
}
