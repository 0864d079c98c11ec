// Summarises a .cpuprofile (node --cpu-prof) by group (package, Node internals, app module; socket writes split into
// PostgreSQL statements and HTTP answers), self time, over a window of the process's life in seconds:
//   node apps/api/bench/support/cpu-profile-summary.cjs <file.cpuprofile> [fromS=0] [toS=1e9] [timeline]
// 'timeline' first prints the busy share per 5 s, to find the bench's timed window.
const fs = require('node:fs');
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n])); const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// time of each sample
let t = p.startTime; const times = []; for (let i = 0; i < p.samples.length; i++) { t += p.timeDeltas[i]; times.push(t); }
const stackOf = (id) => { const s = []; let c = id; while (c !== undefined) { s.push(byId.get(c).callFrame); c = parent.get(c); } return s; };
// timeline: per 2s bucket, busy fraction
const from = Number(process.argv[3] ?? 0) * 1e6, to = Number(process.argv[4] ?? 1e9) * 1e6;
const buckets = new Map(); const cat = new Map(); let busy = 0, idle = 0;
const classify = (s) => {
  const top = s[0]; const u = top.url || ''; const fn = top.functionName;
  const urls = s.map((f) => f.url || '');
  if (urls.some((x) => x.includes('modules/cjs/loader') || x.includes('esm/loader'))) return 'startup: module loading';
  if (fn === 'writev' || fn === 'writeBuffer' || fn === 'writeUtf8String') return urls.some((x) => x.includes('pg/lib')) ? 'socket write: PostgreSQL statements' : 'socket write: HTTP answers';
  if (fn === '(garbage collector)') return 'garbage collector';
  if (fn === '(program)') return '(program)';
  const m = u.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) { const k = m[1]; if (k.startsWith('@nestjs')) return 'NestJS'; if (['express', 'router', 'body-parser', 'raw-body', 'path-to-regexp', 'finalhandler', 'send', 'qs', 'type-is', 'on-finished', 'content-type', 'iconv-lite'].includes(k)) return 'Express'; if (k === 'rxjs') return 'NestJS (rxjs)'; if (k.startsWith('pg')) return 'pg driver (parse/serialize)'; return k; }
  if (u.startsWith('node:internal/async_hooks') || u.startsWith('node:async_hooks')) return 'async_hooks (AsyncLocalStorage)';
  if (u.startsWith('node:_http') || u.includes('node:internal/http')) return 'node http';
  if (u.startsWith('node:')) return 'node other: ' + u.replace('node:internal/', '');
  if (u.includes('workflow-core')) return 'workflow-core';
  const d = u.match(/dist\/(modules\/[^/]+|common\/[^/]+|[^/]+)/); if (d) return 'app: ' + d[1];
  if (!u) return '(native) ' + fn;
  return u;
};
for (let i = 0; i < p.samples.length; i++) {
  const rel = times[i] - p.startTime; const dtv = p.timeDeltas[i];
  const b = Math.floor(rel / 5e6); const n = byId.get(p.samples[i]);
  const isIdle = n.callFrame.functionName === '(idle)';
  const e = buckets.get(b) ?? [0, 0]; e[isIdle ? 1 : 0] += dtv; buckets.set(b, e);
  if (rel < from || rel > to) continue;
  if (isIdle) { idle += dtv; continue; }
  busy += dtv; const k = classify(stackOf(p.samples[i])); cat.set(k, (cat.get(k) ?? 0) + dtv);
}
if (process.argv[5] === 'timeline') for (const [b, [bu, id]] of [...buckets].sort((a, b) => a[0] - b[0])) console.log(b * 5, 's busy', (100 * bu / (bu + id)).toFixed(0) + '%');
console.log('window busy ms', (busy / 1000).toFixed(0), 'idle ms', (idle / 1000).toFixed(0));
[...cat].sort((a, b) => b[1] - a[1]).slice(0, 28).forEach(([k, v]) => console.log((100 * v / busy).toFixed(1).padStart(5) + '%', k));
