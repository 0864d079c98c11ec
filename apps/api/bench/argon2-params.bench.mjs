// argon2id cost on this CPU for each of OWASP's equivalent settings (Password Storage Cheat Sheet:
// m=47104 t=1, m=19456 t=2, m=12288 t=3, m=9216 t=4, m=7168 t=5, all p=1) — issue 17, line 3.
// One hash at a time (the cost of one verification), then `cores` at once (the throughput a full queue gets).
// 3 repeats; min and median per setting; the load average recorded. Prints one JSON line.
//
//   node apps/api/bench/argon2-params.bench.mjs [hashesPerRepeat=20] [repeats=3]
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'));
const argon2 = require('argon2');
const { spread } = createRequire(import.meta.url)('./support/free-port.cjs');

const N = Number(process.argv[2] ?? 20);
const REPEATS = Number(process.argv[3] ?? 3);
const SETTINGS = [
  { memoryCost: 47_104, timeCost: 1 },
  { memoryCost: 19_456, timeCost: 2 },
  { memoryCost: 12_288, timeCost: 3 },
  { memoryCost: 9_216, timeCost: 4 },
  { memoryCost: 7_168, timeCost: 5 },
];
const cores = availableParallelism();
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const round = (x) => Math.round(x * 100) / 100;
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main() {
  const runs = [];
  for (let rep = 0; rep < REPEATS; rep++) {
    // Settings in a rotated order each repeat so no setting always runs first.
    const order = SETTINGS.map((_, i) => SETTINGS[(i + rep) % SETTINGS.length]);
    for (const s of order) {
      const opts = { type: argon2.argon2id, parallelism: 1, ...s };
      const hash = await argon2.hash('ThiDua@2026', opts);
      await argon2.verify(hash, 'ThiDua@2026'); // warm
      const one = [];
      for (let i = 0; i < N; i++) {
        const t0 = performance.now();
        await argon2.verify(hash, 'ThiDua@2026');
        one.push(performance.now() - t0);
      }
      const t0 = performance.now();
      await Promise.all(Array.from({ length: N }, () => argon2.verify(hash, 'ThiDua@2026')));
      // N verifications with libuv's default pool (4 threads) over `cores` CPUs: wall per hash.
      const parallelPerHash = (performance.now() - t0) / N;
      runs.push({ rep, ...s, load: load(), singleMedianMs: round(median(one)), singleMinMs: round(Math.min(...one)), parallelWallPerHashMs: round(parallelPerHash) });
    }
  }
  const bySetting = SETTINGS.map((s) => {
    const r = runs.filter((x) => x.memoryCost === s.memoryCost);
    return { ...s, singleMs: spread(r.map((x) => x.singleMedianMs)), parallelWallPerHashMs: spread(r.map((x) => x.parallelWallPerHashMs)) };
  });
  const fastest = [...bySetting].sort((a, b) => a.singleMs.median - b.singleMs.median)[0];
  console.log(JSON.stringify({ bench: 'auth.argon2-params', at: new Date().toISOString(), hashesPerRepeat: N, repeats: REPEATS, cores, bySetting, fastest: { memoryCost: fastest.memoryCost, timeCost: fastest.timeCost }, runs, loadavgAtEnd: load(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version } }));
}
main().catch((e) => { console.error(e); process.exit(1); });
