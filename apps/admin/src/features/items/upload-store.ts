import { useSyncExternalStore } from 'react';
import type { AttachmentView } from '@thidua/contracts';
import { uploadFile } from '../../api/file-transfer';

/**
 * Uploads of attachments, kept outside React: an upload goes on when the user leaves the item page, and the page
 * shows its progress (or its result) when they come back.
 */
export interface UploadRun {
  id: string;
  itemId: string;
  fileName: string;
  sizeBytes: number;
  status: 'running' | 'done' | 'failed';
  progress: number;
  error: unknown;
}

let runs: UploadRun[] = [];
const listeners = new Set<() => void>();
let seq = 0;

function set(next: UploadRun[]): void {
  runs = next;
  listeners.forEach((l) => l());
}

function patch(id: string, change: Partial<UploadRun>): void {
  set(runs.map((r) => (r.id === id ? { ...r, ...change } : r)));
}

export function startUpload(itemId: string, file: File, onDone: (attachment: AttachmentView) => void): void {
  seq += 1;
  const id = `${itemId}:${seq}`;
  set([...runs, { id, itemId, fileName: file.name, sizeBytes: file.size, status: 'running', progress: 0, error: null }]);
  uploadFile('/items/{id}/attachments', { id: itemId }, file, (p) => patch(id, { progress: p })).then(
    (attachment) => {
      patch(id, { status: 'done', progress: 1 });
      onDone(attachment);
    },
    (error: unknown) => patch(id, { status: 'failed', error }),
  );
}

export function dismissUpload(id: string): void {
  set(runs.filter((r) => r.id !== id));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUploads(itemId: string): UploadRun[] {
  const all = useSyncExternalStore(subscribe, () => runs);
  return all.filter((r) => r.itemId === itemId);
}
