import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { chainHash, type ChainBreak } from './audit-chain';

export const ARCHIVE_FORMAT = 'thidua-history-archive/1';

/** What `<file>.manifest.json` holds and `history_archive` records for one archived month. */
export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  table: 'audit_log' | 'work_item_event';
  /** 'YYYY-MM' (UTC). */
  month: string;
  partition: string;
  /** The archive file's name (the manifest sits beside it). */
  file: string;
  rows: number;
  firstId: string | null;
  lastId: string | null;
  /** audit_log only: the chain range, the link before the first row, and the anchor the live chain continues from. */
  firstChainSeq: string | null;
  lastChainSeq: string | null;
  prevHash: string | null;
  lastRowHash: string | null;
  /** sha256 of the .jsonl.gz file, hex. */
  sha256: string;
}

export type ArchiveVerdict =
  | { ok: true; manifest: ArchiveManifest; rows: number }
  | {
      ok: false;
      manifest: ArchiveManifest | null;
      reason: 'manifest_missing' | 'sha256_mismatch' | 'not_recorded' | 'record_mismatch' | 'row_count_mismatch' | 'id_range_mismatch' | 'unreadable' | ChainBreak;
      detail: string;
      /** The first row that does not hold (audit archives). */
      row?: { line: number; id: string; chainSeq: string };
    };

type Sql = Pick<DataSource | QueryRunner | EntityManager, 'query'>;

/**
 * Checks an archive file against its manifest (`<file>.manifest.json`) and the database's history_archive record:
 * the file's sha256, its row count and id range, and for audit_log the hash chain inside the file, recomputed from
 * each row's content (rows are read back through json_populate_record(NULL::audit_log, …) and
 * audit_log_payload(), so the canonical text is the database's own), from the manifest's prev_hash to its
 * last_row_hash. Names the first line that does not hold.
 */
export async function verifyArchiveFile(db: Sql, file: string, batchSize = 2000): Promise<ArchiveVerdict> {
  const mf = `${file}.manifest.json`;
  if (!existsSync(mf)) return { ok: false, manifest: null, reason: 'manifest_missing', detail: `${mf} not found` };
  const manifest = JSON.parse(readFileSync(mf, 'utf8')) as ArchiveManifest;
  const fail = (reason: Exclude<ArchiveVerdict, { ok: true }>['reason'], detail: string, row?: { line: number; id: string; chainSeq: string }): ArchiveVerdict => ({
    ok: false, manifest, reason, detail, ...(row ? { row } : {}),
  });
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  const sha = h.digest('hex');
  if (sha !== manifest.sha256) return fail('sha256_mismatch', `file sha256 ${sha}, manifest says ${manifest.sha256}`);
  const rec: Array<{ sha256: string; rows: string; lastHash: string | null }> = await db.query(
    `SELECT sha256, row_count::text AS rows, last_row_hash AS "lastHash" FROM history_archive WHERE table_name = $1 AND month = $2::date`,
    [manifest.table, `${manifest.month}-01`],
  );
  if (!rec[0]) return fail('not_recorded', `history_archive has no ${manifest.table} ${manifest.month}`);
  if (rec[0].sha256 !== manifest.sha256 || rec[0].rows !== String(manifest.rows) || rec[0].lastHash !== manifest.lastRowHash) {
    return fail('record_mismatch', `the manifest does not match history_archive's record of ${manifest.table} ${manifest.month}`);
  }

  const isAudit = manifest.table === 'audit_log';
  let rows = 0;
  let firstId: string | null = null;
  let lastId: string | null = null;
  let prev = manifest.prevHash ?? '';
  let seq = manifest.firstChainSeq ? BigInt(manifest.firstChainSeq) : 0n;
  let pending: string[] = [];
  const check = async (): Promise<ArchiveVerdict | null> => {
    if (pending.length === 0) return null;
    const lines = pending;
    pending = [];
    const got: Array<{ id: string; seq: string | null; prev: string | null; hash: string | null; payload: string | null }> = await db.query(
      isAudit
        ? `SELECT r.id::text AS id, r.chain_seq::text AS seq, r.prev_hash AS prev, r.row_hash AS hash, audit_log_payload(r) AS payload
             FROM unnest($1::text[]) WITH ORDINALITY x(j, n) CROSS JOIN LATERAL json_populate_record(NULL::audit_log, x.j::json) r ORDER BY x.n`
        : `SELECT (x.j::json ->> 'id') AS id, NULL AS seq, NULL AS prev, NULL AS hash, NULL AS payload FROM unnest($1::text[]) WITH ORDINALITY x(j, n) ORDER BY x.n`,
      [lines],
    );
    for (const r of got) {
      rows += 1;
      if (firstId === null) firstId = r.id;
      lastId = r.id;
      if (!isAudit) continue;
      const at = { line: rows, id: r.id, chainSeq: r.seq ?? '' };
      if (BigInt(r.seq!) !== seq) return fail('sequence_gap', `line ${rows}: chain_seq ${r.seq}, expected ${seq}`, at);
      if (r.prev !== prev) return fail('prev_hash_mismatch', `line ${rows}: prev_hash does not link to the row before`, at);
      if (chainHash(r.prev!, r.payload!) !== r.hash) return fail('hash_mismatch', `line ${rows}: row_hash does not match the row's content`, at);
      prev = r.hash!;
      seq += 1n;
    }
    return null;
  };
  try {
    const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) {
      if (line === '') continue;
      pending.push(line);
      if (pending.length >= batchSize) {
        const v = await check();
        if (v) return v;
      }
    }
    const v = await check();
    if (v) return v;
  } catch (e) {
    return fail('unreadable', (e as Error).message);
  }
  if (rows !== manifest.rows) return fail('row_count_mismatch', `${rows} rows in the file, manifest says ${manifest.rows}`);
  if (firstId !== manifest.firstId || lastId !== manifest.lastId) return fail('id_range_mismatch', `ids ${firstId}..${lastId}, manifest says ${manifest.firstId}..${manifest.lastId}`);
  if (isAudit && rows > 0 && prev !== manifest.lastRowHash) return fail('hash_mismatch', `the file's last row_hash is not the manifest's anchor`);
  return { ok: true, manifest, rows };
}
