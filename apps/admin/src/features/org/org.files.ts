import type { ImportFormat, ImportReport } from '@thidua/contracts';
import { downloadFile, uploadFile } from '../../api/file-transfer';

/** Import and export of units and users, through the shared file transfer (progress, token renewal). */

export type OrgFileEntity = 'units' | 'users';

/** Upload a CSV/XLSX file. Resolves with the import report; rejects with ApiError (IMPORT_INVALID: `details.rows`). */
export function uploadImport(entity: OrgFileEntity, file: File, onProgress: (p: number) => void): Promise<ImportReport> {
  return uploadFile(`/${entity}/import`, {}, file, onProgress);
}

/** Download an export, reporting progress when the size is known, and hand it to the browser as a file. */
export function downloadExport(entity: OrgFileEntity, format: ImportFormat, rootId: string | null, onProgress: (p: number) => void): Promise<{ fileName: string; bytes: number }> {
  return downloadFile(`/${entity}/export`, rootId ? { format, rootId } : { format }, `${entity}.${format}`, onProgress);
}
