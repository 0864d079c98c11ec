// `npm run bench`: builds, then runs every benchmark in turn; each prints one JSON line with its
// figures and the reference measured in the same run. All lines are kept in bench-results/latest.jsonl and in a
// dated copy (bench-results/<date>-<benches>.jsonl); the figures quoted in docs/benchmarks.md come from such a run.
//
//   npm run bench                      every bench
//   npm run bench -- inbox cascade     a subset, by name (the names are printed by `npm run bench -- --list`)
//   npm run bench -- --no-build inbox  skip the build (dist/ already current)
//
// Around each bench a line {bench, loadavgBefore, loadavgAfter, exitCode, wallMs} records the machine's load.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const only = args.filter((a) => !a.startsWith('--'));
const benches = [['startup', ['scripts/bench-startup.mjs']]];
if (existsSync('packages/workflow-core/package.json')) benches.push(['workflow-core', ['npm', 'run', '-s', 'bench', '-w', '@thidua/workflow-core']]);
if (existsSync('apps/api/bench')) {
  for (const f of readdirSync('apps/api/bench').filter((f) => /\.bench\.(mjs|cjs)$/.test(f)).sort()) benches.push([f.replace(/\.bench\.(mjs|cjs)$/, ''), [`apps/api/bench/${f}`]]);
}
if (flags.has('--list')) {
  console.log(benches.map(([n]) => n).join('\n'));
  process.exit(0);
}
const unknown = only.filter((n) => !benches.some(([b]) => b === n));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${benches.map(([n]) => n).join(', ')})`);
  process.exit(2);
}
if (!flags.has('--no-build')) execFileSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { stdio: 'inherit' });
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version };
console.log(JSON.stringify({ machine }));
const lines = [JSON.stringify({ machine, at: new Date().toISOString(), benches: only.length ? only : 'all' })];
let failed = 0;
for (const [name, cmd] of benches) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== bench: ${name} ===`);
  const [bin, ...rest] = /\.(mjs|cjs)$/.test(cmd[0]) ? [process.execPath, ...cmd] : cmd;
  const loadavgBefore = load();
  const t0 = Date.now();
  const r = spawnSync(bin, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 40 * 60_000 });
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0) failed++;
  for (const l of (r.stdout ?? '').split('\n')) if (l.startsWith('{')) lines.push(l);
  lines.push(JSON.stringify({ bench: name, at: new Date().toISOString(), loadavgBefore, loadavgAfter: load(), exitCode: r.status, wallMs: Date.now() - t0 }));
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.jsonl', `${lines.join('\n')}\n`);
const stamp = new Date().toISOString().slice(0, 16).replace(/:/g, '');
writeFileSync(`bench-results/${stamp}-${only.length ? only.join('-') : 'all'}.jsonl`, `${lines.join('\n')}\n`);
process.exit(failed ? 1 : 0);
