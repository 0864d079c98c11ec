import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainBreak = 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';

/** Where the live chain starts: after the newest archived audit month (history_archive), or at genesis. */
export interface ChainAnchor {
  seq: bigint;
  hash: string;
  /** The archived month the anchor comes from ('YYYY-MM'), null at genesis. */
  month: string | null;
}

export type ChainVerdict =
  | { ok: true; rows: number; headHash: string; anchor: ChainAnchor }
  | { ok: false; rows: number; anchor: ChainAnchor; firstBroken: { id: string; chainSeq: string; reason: ChainBreak } };

type Sql = Pick<DataSource | QueryRunner | EntityManager, 'query'>;

/** The newest audit anchor: the last row_hash and chain_seq of the newest archived audit_log month. */
export async function auditAnchor(db: Sql): Promise<ChainAnchor> {
  const rows: Array<{ seq: string; hash: string; month: string }> = await db.query(
    `SELECT last_chain_seq::text AS seq, last_row_hash AS hash, to_char(month, 'YYYY-MM') AS month FROM history_archive
      WHERE table_name = 'audit_log' AND last_chain_seq IS NOT NULL ORDER BY last_chain_seq DESC LIMIT 1`,
  );
  return rows[0] ? { seq: BigInt(rows[0].seq), hash: rows[0].hash, month: rows[0].month } : { seq: 0n, hash: GENESIS_HASH, month: null };
}

/** Recomputes one link: sha256(prev_hash || payload), hex. */
export function chainHash(prev: string, payload: string): string {
  return createHash('sha256').update(prev + payload, 'utf8').digest('hex');
}

/**
 * Walks audit_log in chain order and recomputes each row's hash from its current content
 * (sha256(prev_hash || audit_log_payload(row))), in Node, not trusting the stored one. Names the
 * first row whose content, link to the previous row or sequence number does not hold. The walk starts
 * from the newest archive's anchor (months archived by `db:archive-history` are checked against their
 * files by `audit:verify --archive <file>`); with nothing archived, from genesis.
 */
export async function verifyAuditChain(ds: Sql, batchSize = 5000): Promise<ChainVerdict> {
  const anchor = await auditAnchor(ds);
  let expectedPrev = anchor.hash;
  let expectedSeq = anchor.seq + 1n;
  let rows = 0;
  let after = anchor.seq;
  for (;;) {
    const batch: Array<{ id: string; seq: string; prev: string; hash: string; payload: string }> = await ds.query(
      `SELECT a.id::text AS id, a.chain_seq::text AS seq, a.prev_hash AS prev, a.row_hash AS hash, audit_log_payload(a) AS payload
         FROM audit_log a WHERE a.chain_seq > $1 ORDER BY a.chain_seq LIMIT $2`,
      [after.toString(), batchSize],
    );
    for (const r of batch) {
      const broken = (reason: ChainBreak) => ({ ok: false as const, rows, anchor, firstBroken: { id: r.id, chainSeq: r.seq, reason } });
      if (BigInt(r.seq) !== expectedSeq) return broken('sequence_gap');
      if (r.prev !== expectedPrev) return broken('prev_hash_mismatch');
      if (chainHash(r.prev, r.payload) !== r.hash) return broken('hash_mismatch');
      expectedPrev = r.hash;
      expectedSeq += 1n;
      rows += 1;
    }
    if (batch.length < batchSize) return { ok: true, rows, headHash: expectedPrev, anchor };
    after = BigInt(batch[batch.length - 1]!.seq);
  }
}
