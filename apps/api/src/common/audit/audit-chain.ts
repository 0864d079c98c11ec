import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainVerdict =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; firstBroken: { id: string; chainSeq: string; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' } };

/**
 * Walks audit_log in chain order and recomputes each row's hash from its current content
 * (sha256(prev_hash || audit_log_payload(row))), in Node, not trusting the stored one. Names the
 * first row whose content, link to the previous row or sequence number does not hold.
 */
export async function verifyAuditChain(ds: DataSource, batchSize = 5000): Promise<ChainVerdict> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1n;
  let rows = 0;
  let after = 0n;
  for (;;) {
    const batch: Array<{ id: string; seq: string; prev: string; hash: string; payload: string }> = await ds.query(
      `SELECT a.id::text AS id, a.chain_seq::text AS seq, a.prev_hash AS prev, a.row_hash AS hash, audit_log_payload(a) AS payload
         FROM audit_log a WHERE a.chain_seq > $1 ORDER BY a.chain_seq LIMIT $2`,
      [after.toString(), batchSize],
    );
    for (const r of batch) {
      const broken = (reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap') => ({ ok: false as const, rows, firstBroken: { id: r.id, chainSeq: r.seq, reason } });
      if (BigInt(r.seq) !== expectedSeq) return broken('sequence_gap');
      if (r.prev !== expectedPrev) return broken('prev_hash_mismatch');
      const recomputed = createHash('sha256').update(r.prev + r.payload, 'utf8').digest('hex');
      if (recomputed !== r.hash) return broken('hash_mismatch');
      expectedPrev = r.hash;
      expectedSeq += 1n;
      rows += 1;
    }
    if (batch.length < batchSize) return { ok: true, rows, headHash: expectedPrev };
    after = BigInt(batch[batch.length - 1]!.seq);
  }
}
