// Start-up and idle memory of the product, against a bare Node HTTP server started the same way in
// the same run (the reference). Cold = a new data folder (initdb of the embedded PostgreSQL 15, migrations, demo
// data). Idle memory is PSS (proportional set size, /proc/PID/smaps_rollup) summed over the product and every
// process of its embedded PostgreSQL server, so shared buffers are counted once; RSS of the Node process alone too.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const { freePort } = createRequire(import.meta.url)('../apps/api/bench/support/free-port.cjs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

function pssMb(pid) {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]) / 1024;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used, in ms: unlike wall time, barely inflated by a loaded machine. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s (USER_HZ)
  } catch {
    return 0;
  }
}

/** The postmaster of a data folder and its children (backends, checkpointer, …). */
function postgresPids(pgDir) {
  let pm;
  try {
    pm = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return [];
  }
  const kids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pm) kids.push(Number(d));
    } catch {}
  }
  return [pm, ...kids];
}

async function waitFor(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return true;
    } catch {}
    await sleep(50);
  }
  return false;
}

async function measure(label, args, env, url, pgDir) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  const ok = await waitFor(url, 600_000);
  const readyMs = performance.now() - t0;
  const readyCpuMs = cpuMs(child.pid);
  const readyPgCpuMs = pgDir ? postgresPids(pgDir).reduce((sum, p) => sum + cpuMs(p), 0) : 0;
  await sleep(Number(process.env.BENCH_IDLE_MS ?? 5000));
  const rss = rssMb(child.pid);
  const pg = pgDir ? postgresPids(pgDir) : [];
  const pss = pssMb(child.pid) + pg.reduce((sum, p) => sum + pssMb(p), 0);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  if (!ok) throw new Error(`${label} did not become ready`);
  return { readyMs: Math.round(readyMs), cpuToReadyMs: Math.round(readyCpuMs), postgresCpuToReadyMs: Math.round(readyPgCpuMs), idleRssMb: Math.round(rss), idlePssAllProcessesMb: Math.round(pss), processes: 1 + pg.length };
}

const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
chmodSync(dir, 0o755); // the embedded server runs as `postgres` when the bench runs as root
try {
  // Ports chosen free at run time (BENCH_PORTS=lo-hi picks them in a range): a shared machine has other servers.
  const apiPort = await freePort();
  const refPort = await freePort();
  const pgDir = join(dir, 'data', 'pg');
  const env = { PORT: String(apiPort), DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' };
  const cold = await measure('cold', ['apps/api/dist/main.js'], env, `http://127.0.0.1:${apiPort}/api/ready`, pgDir);
  const warm = await measure('warm', ['apps/api/dist/main.js'], env, `http://127.0.0.1:${apiPort}/api/ready`, pgDir);
  const ref = await measure(
    'reference',
    ['-e', `require('http').createServer((q,s)=>s.end('ok')).listen(${refPort}, '127.0.0.1')`],
    {},
    `http://127.0.0.1:${refPort}/`,
  );
  const result = {
    bench: 'startup',
    loadAverage1m: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    coldStart: cold,
    warmStart: warm,
    reference: { what: 'bare node http server', ...ref },
    ratios: { coldReadyVsReference: +(cold.readyMs / ref.readyMs).toFixed(1), idlePssVsReference: +(warm.idlePssAllProcessesMb / ref.idlePssAllProcessesMb).toFixed(1) },
    aims: { coldReadyUnderMs: 15000, warmReadyUnderMs: 5000, idlePssAllProcessesUnderMb: 200 },
  };
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
