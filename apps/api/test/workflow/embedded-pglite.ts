/**
 * A private embedded PostgreSQL (PGlite over pglite-socket) for the runtime's suites, with one fix.
 *
 * pglite-socket queues every protocol message separately and, outside a transaction, takes the next
 * message from whichever connection is first in line. node-pg sends a parameterised query as
 * Parse/Bind/Describe/Execute/Sync; with two connections busy at once, one connection's Parse can
 * run between another's Parse and Bind and replace its unnamed statement ("bind message supplies 1
 * parameters, but prepared statement "" requires 2"). The product's embedded mode has the same
 * problem under concurrent requests (reported). Here the queue keeps serving one connection from
 * its Parse until its Sync, as it already does inside a transaction.
 */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(e: unknown): void;
  onData(d: Uint8Array): void;
}

interface QueueManager {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(fn: () => Promise<T>): Promise<T>; execProtocolRawStream(m: Uint8Array, o: { onRawData(d: Uint8Array): void }): Promise<unknown> };
  processQueue(): Promise<void>;
  __sticky?: number | null;
}

/** Extended-protocol messages that leave a round open until Sync: Parse, Bind, Describe, Execute, Close, Flush. */
const OPENS_ROUND = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

function stickyProcessQueue(this: QueueManager): Promise<void> {
  return (async () => {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const sticky = this.__sticky ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        let index = 0;
        if (sticky !== null && sticky !== undefined) {
          index = this.queue.findIndex((q) => q.handlerId === sticky);
          if (index === -1) break;
        }
        const item = this.queue.splice(index, 1)[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item.message, { onRawData: (d) => { bytes += d.length; item.onData(d); } }));
        } catch (e) {
          this.__sticky = null;
          item.reject(e);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        this.__sticky = OPENS_ROUND.has(item.message[0]) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  })();
}

export interface PrivateEmbedded {
  url: string;
  stop(): Promise<void>;
}

export async function startPrivateEmbedded(): Promise<PrivateEmbedded> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir: 'memory://' });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  const queue = (server as unknown as { queryQueue: QueueManager }).queryQueue;
  queue.processQueue = stickyProcessQueue;
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
