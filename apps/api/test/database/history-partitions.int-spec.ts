import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { verifyArchiveFile } from '../../src/common/audit/archive-verify';
import { verifyAuditChain } from '../../src/common/audit/audit-chain';
import { AuditService } from '../../src/common/audit/audit.service';
import { HistoryPartitions } from '../../src/common/audit/history-partitions';
import { archiveHistory, ArchiveRefused, fileSha256, monthPartitions } from '../../src/database/history-archive';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/** UTC month 'YYYY-MM' n months from now (negative: in the past). */
function monthFromNow(n: number): string {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  return m.toISOString().slice(0, 7);
}

describe('history partitions (issue 17): monthly partitions, archive, verification from the anchor', () => {
  let t: TestApp;
  let dir: string;
  const old1 = monthFromNow(-3);
  const old2 = monthFromNow(-2);
  const recent = monthFromNow(-1);
  const q = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => t.dataSource.query(sql, params) as Promise<T[]>;

  /** Audit rows dated in a given month: the chain trigger numbers them; occurred_at routes them to the month. */
  async function auditIn(month: string, n: number, tag: string): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      await q(`INSERT INTO audit_log (occurred_at, action, entity_type, entity_id, details) VALUES ($1, 'unit.updated', 'unit', $2, $3)`, [
        `${month}-1${i % 9}T10:00:00Z`,
        `${tag}-${i}`,
        JSON.stringify({ i, tag, amount: 1.5 }),
      ]);
    }
  }
  async function eventsIn(month: string, n: number): Promise<void> {
    await q(
      `INSERT INTO work_item_event (item_id, item_version, occurred_at, event, changes, details)
       SELECT gen_random_uuid(), 1, $1::timestamptz + g * interval '1 minute', 'item.created', '{}', '{}' FROM generate_series(1, $2) g`,
      [`${month}-05T00:00:00Z`, n],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'thidua-archive-test-'));
    // The test months exist as partitions (the migration made months from the oldest row on; this database started empty).
    await q(`SELECT ensure_history_partitions(3, $1::date)`, [`${old1}-01`]);
  });
  afterAll(async () => {
    // Give the next suites their partitions back (archiving dropped some) and forget this suite's archives.
    await q(`TRUNCATE history_archive`);
    await q(`SELECT ensure_history_partitions(3, $1::date)`, [`${old1}-01`]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('partitions both tables by month, with months ahead and a default partition that catches strays', async () => {
    for (const table of ['audit_log', 'work_item_event'] as const) {
      const months = (await monthPartitions(t.dataSource, table)).map((p) => p.month);
      expect(months).toEqual(expect.arrayContaining([old1, old2, recent, monthFromNow(0), monthFromNow(3)]));
      const kind = await q<{ k: string }>(`SELECT relkind::text AS k FROM pg_class WHERE relname = $1`, [table]);
      expect(kind[0]!.k).toBe('p');
    }
    // A row far in the future has no month yet: it lands in the default partition, and a later month made
    // for it moves it there (same id, same content).
    await q(`INSERT INTO work_item_event (item_id, item_version, occurred_at, event, changes, details) VALUES (gen_random_uuid(), 1, now() + interval '8 months', 'stray', '{}', '{}')`);
    const before = await q<{ part: string; id: string }>(`SELECT tableoid::regclass::text AS part, id::text AS id FROM work_item_event WHERE event = 'stray'`);
    expect(before[0]!.part).toBe('work_item_event_default');
    const made = await t.app.get(HistoryPartitions).ensure(9);
    expect(made).toBeGreaterThan(0);
    const after = await q<{ part: string; id: string }>(`SELECT tableoid::regclass::text AS part, id::text AS id FROM work_item_event WHERE event = 'stray'`);
    expect(after).toEqual([{ part: `work_item_event_p${monthFromNow(8).replace('-', '')}`, id: before[0]!.id }]);
    // The app role's rights on the maker: EXECUTE for thidua_app when the role exists, never for PUBLIC.
    const pub = await q<{ ok: boolean }>(`SELECT has_function_privilege('public', 'ensure_history_partitions(integer, date)', 'EXECUTE') AS ok`);
    expect(pub[0]!.ok).toBe(false);
  });

  it('archives old months to files, drops them, and the chain verifies from the anchor; a tampered row or file is named', async () => {
    const audit = t.app.get(AuditService);
    await auditIn(old1, 5, 'a');
    await auditIn(old2, 4, 'b');
    await auditIn(recent, 3, 'c');
    await t.dataSource.transaction((m) => audit.record(m, { action: 'unit.updated', entityType: 'unit', entityId: 'now-1', details: {} }));
    await eventsIn(old1, 7);
    await eventsIn(recent, 2);
    const all = await verifyAuditChain(t.dataSource);
    expect(all).toMatchObject({ ok: true, rows: 13, anchor: { seq: 0n, month: null } });

    // Not the current month or later.
    await expect(archiveHistory(t.dataSource, { before: monthFromNow(1), dir })).rejects.toBeInstanceOf(ArchiveRefused);

    const done = await archiveHistory(t.dataSource, { before: recent, dir, batchSize: 3 });
    const auditOld1 = done.find((m) => m.table === 'audit_log' && m.month === old1)!;
    const auditOld2 = done.find((m) => m.table === 'audit_log' && m.month === old2)!;
    const eventsOld1 = done.find((m) => m.table === 'work_item_event' && m.month === old1)!;
    expect(auditOld1).toMatchObject({ rows: 5, firstChainSeq: '1', lastChainSeq: '5', prevHash: '0'.repeat(64) });
    expect(auditOld2).toMatchObject({ rows: 4, firstChainSeq: '6', lastChainSeq: '9', prevHash: auditOld1.lastRowHash });
    expect(eventsOld1.rows).toBe(7);
    // Gone from the database, recorded, and the partitions are dropped.
    expect(await q(`SELECT 1 FROM audit_log WHERE occurred_at < $1::timestamptz`, [`${recent}-01T00:00:00Z`])).toHaveLength(0);
    expect(await q(`SELECT 1 FROM work_item_event WHERE occurred_at < $1::timestamptz`, [`${recent}-01T00:00:00Z`])).toHaveLength(0);
    expect((await monthPartitions(t.dataSource, 'audit_log')).map((p) => p.month)).not.toContain(old1);
    const recorded = await q<{ n: string }>(`SELECT count(*)::text AS n FROM history_archive`);
    expect(Number(recorded[0]!.n)).toBe(done.length);
    // The archive record is append-only like the history it describes.
    await expect(q(`UPDATE history_archive SET sha256 = 'x'`)).rejects.toThrow(/append-only|not allowed|forbid/i);

    // The live chain now starts at the newest anchor (chain_seq 9) and still verifies.
    const fromAnchor = await verifyAuditChain(t.dataSource, 2);
    expect(fromAnchor).toMatchObject({ ok: true, rows: 4, anchor: { seq: 9n, hash: auditOld2.lastRowHash, month: old2 } });
    // New rows keep extending the same chain.
    await t.dataSource.transaction((m) => audit.record(m, { action: 'unit.updated', entityType: 'unit', entityId: 'now-2', details: {} }));
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true, rows: 5 });

    // Every archive file verifies against its manifest and record, the audit ones by recomputing the chain.
    for (const m of done) {
      expect(await verifyArchiveFile(t.dataSource, join(dir, m.file), 2)).toMatchObject({ ok: true, rows: m.rows });
    }

    // The owner rewrites a remaining row with the trigger off: the verifier names it.
    const victim = await q<{ id: string; seq: string }>(`SELECT id::text AS id, chain_seq::text AS seq FROM audit_log WHERE entity_id = 'c-1'`);
    await q(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    try {
      await q(`UPDATE audit_log SET details = '{"i": 99}' WHERE id = $1`, [victim[0]!.id]);
      expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: false, firstBroken: { id: victim[0]!.id, chainSeq: victim[0]!.seq, reason: 'hash_mismatch' } });
    } finally {
      await q(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    }

    // A tampered archive file: its sha256 no longer matches the manifest.
    const file = join(dir, auditOld2.file);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const row = JSON.parse(lines[1]!) as Record<string, unknown>;
    row.details = { i: 1, tag: 'b', amount: 1.5, forged: true };
    lines[1] = JSON.stringify(row);
    writeFileSync(file, gzipSync(Buffer.from(lines.join('\n'))));
    expect(await verifyArchiveFile(t.dataSource, file)).toMatchObject({ ok: false, reason: 'sha256_mismatch' });
    // Even with the manifest's sha256 forged to match, the record in the database disagrees…
    const mfPath = `${file}.manifest.json`;
    const mf = JSON.parse(readFileSync(mfPath, 'utf8')) as Record<string, unknown>;
    mf.sha256 = await fileSha256(file);
    writeFileSync(mfPath, JSON.stringify(mf));
    expect(await verifyArchiveFile(t.dataSource, file)).toMatchObject({ ok: false, reason: 'record_mismatch' });
    // …and an owner who rewrites the record too is still caught: the chain recomputed from the file names the row.
    await q(`ALTER TABLE history_archive DISABLE TRIGGER history_archive_append_only`);
    try {
      await q(`UPDATE history_archive SET sha256 = $1 WHERE table_name = 'audit_log' AND month = $2::date`, [mf.sha256, `${old2}-01`]);
    } finally {
      await q(`ALTER TABLE history_archive ENABLE TRIGGER history_archive_append_only`);
    }
    expect(await verifyArchiveFile(t.dataSource, file)).toMatchObject({ ok: false, reason: 'hash_mismatch', row: { line: 2, chainSeq: '7' } });
  });

  it('refuses to archive a month whose chain does not continue the newest anchor', async () => {
    const m = monthFromNow(-4);
    await q(`SELECT ensure_history_partitions(3, $1::date)`, [`${m}-01`]);
    const partitions = (await monthPartitions(t.dataSource, 'audit_log')).map((p) => p.month);
    expect(partitions).toContain(m);
    // Older than the anchor: its chain numbers would not continue it, so archiving it is refused.
    await auditIn(m, 1, 'late');
    await expect(archiveHistory(t.dataSource, { before: recent, dir })).rejects.toThrow(/does not continue the newest anchor/);
    expect((await monthPartitions(t.dataSource, 'audit_log')).map((p) => p.month)).toContain(m);
  });
});
