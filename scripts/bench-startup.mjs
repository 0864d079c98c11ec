// Start-up and idle memory of the product, against a bare Node HTTP server started the same way in
// the same run (the reference). Cold = a new data folder (PGlite init + migrations + demo data).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const { freePort } = createRequire(import.meta.url)('../apps/api/bench/support/free-port.cjs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
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

async function measure(label, args, env, url) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  const ok = await waitFor(url, 120_000);
  const readyMs = performance.now() - t0;
  await sleep(5000);
  const rss = rssMb(child.pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  if (!ok) throw new Error(`${label} did not become ready`);
  return { readyMs: Math.round(readyMs), idleRssMb: Math.round(rss) };
}

const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
try {
  // Ports chosen free at run time (BENCH_PORTS=lo-hi picks them in a range): a shared machine has other servers.
  const apiPort = await freePort();
  const refPort = await freePort();
  const env = { PORT: String(apiPort), DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' };
  const cold = await measure('cold', ['apps/api/dist/main.js'], env, `http://127.0.0.1:${apiPort}/api/ready`);
  const warm = await measure('warm', ['apps/api/dist/main.js'], env, `http://127.0.0.1:${apiPort}/api/ready`);
  const ref = await measure(
    'reference',
    ['-e', `require('http').createServer((q,s)=>s.end('ok')).listen(${refPort}, '127.0.0.1')`],
    {},
    `http://127.0.0.1:${refPort}/`,
  );
  const result = {
    bench: 'startup',
    coldStart: cold,
    warmStart: warm,
    reference: { what: 'bare node http server', ...ref },
    ratios: { coldReadyVsReference: +(cold.readyMs / ref.readyMs).toFixed(1), idleRssVsReference: +(warm.idleRssMb / ref.idleRssMb).toFixed(1) },
    aims: { readyUnderMs: 15000, idleRssUnderMb: 200 },
  };
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
