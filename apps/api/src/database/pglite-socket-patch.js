'use strict';
/**
 * pglite-socket 0.2.17 runs one protocol message at a time from any connection, keeping a connection
 * exclusive only inside a transaction. The extended query protocol sends Parse/Bind/Describe/Execute
 * as separate messages up to a Sync, so two connections' messages interleave and PostgreSQL answers
 * "unnamed prepared statement does not exist" (seen with ~30 concurrent queries). Its queue also
 * stays "processing" forever after one failed message.
 *
 * This replaces the queue's scheduler so that a connection keeps the database from its first
 * message until its batch ends (Sync or simple Query) and, as before, until its transaction ends.
 * Plain JavaScript because the Jest global setup loads it without a TypeScript transform.
 */

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** @param {number} type */
function endsBatch(type) {
  // Startup/SSL/cancel packets begin with a length byte (< 'A'); they stand alone.
  return type === SYNC || type === QUERY || type === TERMINATE || type < 0x41;
}

/** @param {any} server a PGLiteSocketServer before start() */
function patchPgliteSocketServer(server) {
  const queue = server.queryQueue;
  if (!queue || typeof queue.processQueue !== 'function') throw new Error('pglite-socket internals changed: cannot patch the query queue');
  queue.midBatch = false;

  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let item;
        const isSticky = this.lastHandlerId !== null && (this.midBatch || this.db.isInTransaction());
        if (isSticky) {
          const index = this.queue.findIndex((q) => q.handlerId === this.lastHandlerId);
          if (index === -1) break; // wait for the same connection's next message
          item = this.queue.splice(index, 1)[0];
        } else {
          item = this.queue.shift();
        }
        const type = item.message[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (/** @type {Uint8Array} */ data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          this.lastHandlerId = item.handlerId;
          this.midBatch = !endsBatch(type);
          item.resolve(bytes);
        } catch (err) {
          this.lastHandlerId = item.handlerId;
          this.midBatch = false;
          item.reject(err);
        }
      }
    } finally {
      this.processing = false;
    }
  };

  const clearQueueForHandler = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = function (/** @type {number} */ handlerId) {
    clearQueueForHandler(handlerId);
    if (this.lastHandlerId === handlerId && this.midBatch) {
      this.midBatch = false;
      this.lastHandlerId = null;
      void this.processQueue();
    }
  };
  return server;
}

module.exports = { patchPgliteSocketServer };
