import { rmSync } from 'node:fs';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as Record<string, unknown>).__EMBEDDED_PG__ as { embedded: EmbeddedPostgres; folder: string } | undefined;
  if (run) {
    await run.embedded.stop();
    rmSync(run.folder, { recursive: true, force: true });
  }
}
