import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { patchPgliteSocketServer } from './pglite-socket-patch';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) served over the wire protocol on 127.0.0.1, so the
 * ordinary `pg` driver and TypeORM talk to it exactly as to a real server. pglite-socket runs one
 * message at a time; the patch keeps each connection's batch and transaction together.
 * `dataDir` = 'memory://' keeps nothing on disk (tests).
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0, maxConnections = 20): Promise<EmbeddedPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let dir = dataDir;
  if (!dataDir.startsWith('memory://')) {
    dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
  }
  // PGlite's WASM heap never shrinks; PostgreSQL's default buffers would keep ~700 MB resident.
  const db = await PGlite.create({ dataDir: dir, postgresqlconf: ['shared_buffers=16MB', 'work_mem=4MB'] });
  const server = patchPgliteSocketServer(new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections }));
  await server.start();
  const address = server.getServerConn();
  const actualPort = Number(address.split(':').pop());
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
