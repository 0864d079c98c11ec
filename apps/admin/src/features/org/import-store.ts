import type { ImportReport } from '@thidua/contracts';
import { createOperationStore, useOperationRun } from './operation-store';
import { uploadImport, type OrgFileEntity } from './org.files';

const store = createOperationStore<ImportReport>('thidua.org.import');

/** The last import of units or of users: running, or its report, while the administrator is elsewhere. */
export const importStore = {
  start(entity: OrgFileEntity, file: File): void {
    store.start(entity, { fileName: file.name }, (report) => uploadImport(entity, file, report));
  },
  clear(entity: OrgFileEntity): void {
    store.clear(entity);
  },
};

export function useImportRun(entity: OrgFileEntity) {
  return useOperationRun(store, entity);
}
