// `npm run bench`: builds, then runs every benchmark in turn; each prints one JSON line with its
// figures and the reference measured in the same run. All lines are kept in bench-results/latest.jsonl;
// the figures quoted in docs/benchmarks.md come from such a run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const only = process.argv[2];
execFileSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { stdio: 'inherit' });
const benches = [['startup', ['scripts/bench-startup.mjs']]];
if (existsSync('packages/workflow-core/package.json')) benches.push(['workflow-core', ['npm', 'run', '-s', 'bench', '-w', '@thidua/workflow-core']]);
if (existsSync('apps/api/bench')) {
  for (const f of readdirSync('apps/api/bench').filter((f) => /\.bench\.(mjs|cjs)$/.test(f)).sort()) benches.push([f.replace(/\.bench\.(mjs|cjs)$/, ''), [`apps/api/bench/${f}`]]);
}
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version };
console.log(JSON.stringify({ machine }));
const lines = [JSON.stringify({ machine, at: new Date().toISOString() })];
let failed = 0;
for (const [name, cmd] of benches) {
  if (only && name !== only) continue;
  console.log(`\n=== bench: ${name} ===`);
  const [bin, ...args] = /\.(mjs|cjs)$/.test(cmd[0]) ? [process.execPath, ...cmd] : cmd;
  const r = spawnSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60_000 });
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0) failed++;
  for (const l of (r.stdout ?? '').split('\n')) if (l.startsWith('{')) lines.push(l);
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.jsonl', `${lines.join('\n')}\n`);
process.exit(failed ? 1 : 0);
