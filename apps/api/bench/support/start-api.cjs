// Starts the built API (dist/main.js) as a child process on a bench database and waits for /api/ready.
const { spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

async function startBenchApi(dist, dbUrl, { port, env = {}, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, join(dist, 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      RUN_SCHEDULER: 'false',
      NODE_ENV: 'production',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'thidua-bench-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.on('data', (d) => {
    if (process.env.BENCH_API_LOG) process.stderr.write(d);
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until || child.exitCode !== null) {
      // Not left behind: a bench whose API did not come up stops it before failing.
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new Error('API did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, child };
}

module.exports = { startBenchApi };
