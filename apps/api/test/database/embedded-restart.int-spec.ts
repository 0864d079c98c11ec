import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { processesInFolder, startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * The embedded server killed with -9 while its backends are busy: the backends outlive the
 * postmaster and keep its shared memory attached, which made the next start fail ("pre-existing
 * shared memory block is still in use", the kill -9 round that did not come back). The next start
 * waits for them, or stops them, and comes back with every committed row.
 */
describe('embedded PostgreSQL: restart after kill -9 with busy backends', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'thidua-restart-'));
    chmodSync(base, 0o755); // the server runs as `postgres` when the tests run as root
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('comes back although the killed server left backends running', async () => {
    const dir = join(base, 'pg');
    const first = await startEmbeddedPostgres(dir, { lock: false });
    const setup = new pg.Client({ connectionString: first.url });
    await setup.connect();
    await setup.query('CREATE TABLE kept (n int)');
    await setup.query('INSERT INTO kept SELECT generate_series(1, 1000)');
    await setup.end();

    const busy: pg.Client[] = [];
    for (let i = 0; i < 4; i++) {
      const c = new pg.Client({ connectionString: first.url });
      c.on('error', () => undefined);
      await c.connect();
      busy.push(c);
      c.query('INSERT INTO kept SELECT 0 FROM generate_series(1, 5000000)').catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 400));
    const pid = first.pid;
    process.kill(pid, 'SIGKILL');
    while (processesInFolder(dir).includes(pid)) await new Promise((r) => setTimeout(r, 20));
    // The condition that broke the restart: processes of the dead server still in the folder.
    expect(processesInFolder(dir).length).toBeGreaterThan(0);
    await first.stop(); // stops its watchdog; the server is already gone

    const logs: string[] = [];
    const second = await startEmbeddedPostgres(dir, { lock: false, log: (m) => logs.push(m) });
    try {
      expect(second.origin).toBe('started');
      expect(logs.some((m) => /process\(es\) of the stopped PostgreSQL server/.test(m))).toBe(true);
      const c = new pg.Client({ connectionString: second.url });
      await c.connect();
      const { rows } = await c.query('SELECT count(*)::int AS n FROM kept WHERE n > 0');
      await c.end();
      expect(rows[0].n).toBe(1000);
    } finally {
      await second.stop();
      for (const c of busy) await c.end().catch(() => undefined);
    }
  });
});
