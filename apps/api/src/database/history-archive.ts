import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { DataSource, QueryRunner } from 'typeorm';
import { type ArchiveManifest, ARCHIVE_FORMAT } from '../common/audit/archive-verify';
import { auditAnchor } from '../common/audit/audit-chain';

/** The partitioned history tables (migration HistoryPartitions1796190000000), archived month by month. */
export const HISTORY_TABLES = ['audit_log', 'work_item_event'] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];
export type { ArchiveManifest };

export class ArchiveRefused extends Error {}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthBounds(month: string): { lo: string; hi: string } {
  const m = MONTH.exec(month);
  if (!m) throw new ArchiveRefused(`not a month (YYYY-MM): ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { lo: `${month}-01T00:00:00Z`, hi: `${next}-01T00:00:00Z` };
}

/** The month partitions of a table (`<table>_pYYYYMM`), oldest first, as 'YYYY-MM'. */
export async function monthPartitions(ds: DataSource | QueryRunner, table: HistoryTable): Promise<Array<{ partition: string; month: string }>> {
  const rows: Array<{ name: string }> = await ds.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = $1 AND p.relnamespace = current_schema()::regnamespace ORDER BY c.relname`,
    [table],
  );
  const re = new RegExp(`^${table}_p(\\d{4})(\\d{2})$`);
  return rows.flatMap((r) => {
    const m = re.exec(r.name);
    return m ? [{ partition: r.name, month: `${m[1]}-${m[2]}` }] : [];
  });
}

export interface ArchiveOptions {
  /** Months strictly before this one ('YYYY-MM') are archived; it may not be later than the current month. */
  before: string;
  dir: string;
  /** List what would be archived, write nothing. */
  dryRun?: boolean;
  batchSize?: number;
  now?: Date;
}

/**
 * Archives every month partition of both history tables older than `before`, oldest first: in one transaction per
 * month it locks the partition against inserts (SHARE), writes its rows as gzip JSON lines (row_to_json, ordered by
 * chain_seq / id) with a manifest, records the month in history_archive, then detaches and drops the partition.
 * For audit_log it refuses a month that is not the next contiguous stretch of the chain (first row linked to the
 * previous anchor, no missing number, no later month holding a smaller chain_seq): the verifier can then start from
 * the newest anchor. Run as the owner (DATABASE_URL): the app role may not detach or drop.
 */
export async function archiveHistory(ds: DataSource, opts: ArchiveOptions): Promise<ArchiveManifest[]> {
  monthBounds(opts.before);
  const now = opts.now ?? new Date();
  const current = now.toISOString().slice(0, 7);
  if (opts.before > current) throw new ArchiveRefused(`--before ${opts.before} is after the current month ${current}: only past months are archived`);
  mkdirSync(opts.dir, { recursive: true });
  const done: ArchiveManifest[] = [];
  for (const table of HISTORY_TABLES) {
    for (const { partition, month } of await monthPartitions(ds, table)) {
      if (month >= opts.before) continue;
      if (opts.dryRun) {
        done.push({ format: ARCHIVE_FORMAT, table, month, partition, file: '', rows: -1, firstId: null, lastId: null, firstChainSeq: null, lastChainSeq: null, prevHash: null, lastRowHash: null, sha256: '' });
        continue;
      }
      done.push(await archiveMonth(ds, table, partition, month, opts.dir, opts.batchSize ?? 5000));
    }
  }
  return done;
}

async function archiveMonth(ds: DataSource, table: HistoryTable, partition: string, month: string, dir: string, batchSize: number): Promise<ArchiveManifest> {
  const { lo, hi } = monthBounds(month);
  const fileName = `${table}_${month}.jsonl.gz`;
  const file = join(dir, fileName);
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction();
    await qr.query(`LOCK TABLE "${partition}" IN SHARE MODE`);
    const isAudit = table === 'audit_log';
    const anchor = isAudit ? await auditAnchor(qr) : null;
    const order = isAudit ? 'chain_seq' : 'id';
    const gz = createGzip();
    const out = createWriteStream(file, { mode: 0o600 });
    gz.pipe(out);
    let rows = 0;
    let firstId: string | null = null;
    let lastId: string | null = null;
    let firstSeq: string | null = null;
    let lastSeq: string | null = null;
    let prevHash: string | null = null;
    let lastHash: string | null = null;
    let after: string | null = null;
    let expectedSeq = anchor ? anchor.seq + 1n : 0n;
    for (;;) {
      // Through the parent with the month's range: the partition is pruned to, and rows have the parent's row type.
      const batch: Array<{ j: string; id: string; seq: string | null; prev: string | null; hash: string | null }> = await qr.query(
        `SELECT row_to_json(a)::text AS j, a.id::text AS id, ${isAudit ? 'a.chain_seq::text AS seq, a.prev_hash AS prev, a.row_hash AS hash' : 'NULL AS seq, NULL AS prev, NULL AS hash'}
           FROM "${table}" a WHERE a.occurred_at >= $1 AND a.occurred_at < $2 ${after === null ? '' : `AND a.${order} > $4`}
          ORDER BY a.${order} LIMIT $3`,
        after === null ? [lo, hi, batchSize] : [lo, hi, batchSize, after],
      );
      for (const r of batch) {
        if (isAudit) {
          if (rows === 0) {
            prevHash = r.prev;
            firstSeq = r.seq;
            if (r.prev !== anchor!.hash || BigInt(r.seq!) !== expectedSeq) {
              throw new ArchiveRefused(
                `${table} ${month}: its first row (chain_seq ${r.seq}) does not continue the newest anchor (chain_seq ${anchor!.seq}); archive the older months first or run audit:verify`,
              );
            }
          } else if (BigInt(r.seq!) !== expectedSeq) {
            throw new ArchiveRefused(`${table} ${month}: chain_seq ${expectedSeq} is not in this month (found ${r.seq}): a row of the chain straddles months; archive through the month that holds it`);
          }
          expectedSeq += 1n;
          lastSeq = r.seq;
          lastHash = r.hash;
        }
        if (rows === 0) firstId = r.id;
        lastId = r.id;
        rows += 1;
        if (!gz.write(r.j + '\n')) await once(gz, 'drain');
      }
      if (batch.length < batchSize) break;
      after = isAudit ? batch[batch.length - 1]!.seq : batch[batch.length - 1]!.id;
    }
    gz.end();
    await once(out, 'finish');
    if (isAudit && lastSeq !== null) {
      // A later month (or the default partition) holding a smaller number would fall between anchor and chain.
      const early: Array<{ n: string }> = await qr.query(`SELECT count(*)::text AS n FROM audit_log WHERE chain_seq <= $1 AND NOT (occurred_at >= $2 AND occurred_at < $3)`, [lastSeq, lo, hi]);
      if (early[0]!.n !== '0') throw new ArchiveRefused(`${table} ${month}: ${early[0]!.n} row(s) of other months have chain_seq <= ${lastSeq}; archive through the month that holds them`);
    }
    const sha256 = await fileSha256(file);
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT, table, month, partition, file: basename(file), rows, firstId, lastId,
      firstChainSeq: firstSeq, lastChainSeq: lastSeq, prevHash, lastRowHash: lastHash, sha256,
    };
    writeFileSync(`${file}.manifest.json`, JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    await qr.query(
      `INSERT INTO history_archive (table_name, month, partition_name, file, row_count, first_id, last_id, first_chain_seq, last_chain_seq, prev_hash, last_row_hash, sha256)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [table, `${month}-01`, partition, file, rows, firstId, lastId, firstSeq, lastSeq, prevHash, lastHash, sha256],
    );
    await qr.query(`ALTER TABLE "${table}" DETACH PARTITION "${partition}"`);
    await qr.query(`DROP TABLE "${partition}"`);
    await qr.commitTransaction();
    return manifest;
  } catch (e) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    // The month stays in the database: a half-written or refused file is not an archive.
    rmSync(file, { force: true });
    rmSync(`${file}.manifest.json`, { force: true });
    throw e;
  } finally {
    await qr.release();
  }
}

export async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}
