import type { Readable } from 'node:stream';

/**
 * Where files live: keys like `<itemId>/<attachmentId>` or `quarantine/<id>`, never absolute paths. Two adapters:
 * the local disk (STORAGE_DRIVER=local, under UPLOAD_DIR) and an S3-compatible bucket (STORAGE_DRIVER=s3). Both take
 * and give streams: a file is never held whole in memory.
 */
export interface ObjectStorage {
  readonly driver: 'local' | 's3';
  /** Writes the object from a stream; an existing key is refused (keys are made of fresh ids). */
  put(key: string, body: Readable, meta: { contentType: string; sizeBytes: number }): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** Keys are relative, `/`-separated, made of `[A-Za-z0-9._-]` segments, none of them `.` or `..`. */
export function assertObjectKey(key: string): void {
  const segments = key.split('/');
  const isValid = key.length > 0 && key.length <= 512 && segments.every((s) => /^[A-Za-z0-9._-]+$/.test(s) && s !== '.' && s !== '..');
  if (!isValid) throw new Error(`invalid object key ${JSON.stringify(key)}`);
}
