// Indicator roll-up over a national-size tree (~126,000 units), against a naive reference measured in
// the same run: recomputing each figure from the node's descendants (path prefix scan), as one would
// without the bottom-up pass. Usage: node bench/rollup.bench.cjs [units=126000] [sample=40]
require('./support/register-ts.cjs');
const os = require('node:os');
const { rollUp, buildFigure } = require('../src/modules/reports/rollup/indicator-rollup.ts');

const TOTAL = Number(process.argv[2] ?? 126000);
const SAMPLE = Number(process.argv[3] ?? 40);
const SPECS = [
  { key: 'propaganda_done', name: 'CĐCS tuyên truyền', type: 'boolean', rollup: 'share_of_units' },
  { key: 'member_participation_pct', name: 'Tỷ lệ tham gia', type: 'percent', rollup: 'weighted_by_members' },
  { key: 'office_culture_rules', name: 'Quy chế VHCS', type: 'boolean', rollup: 'share_of_units' },
  { key: 'citizen_very_satisfied_pct', name: 'Rất hài lòng', type: 'percent', rollup: 'weighted_by_field', weightField: 'citizen_responses' },
  { key: 'citizen_responses', name: 'Số phiếu', type: 'count', rollup: 'sum' },
  { key: 'models_registered', name: 'Mô hình', type: 'count', rollup: 'sum' },
];

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function buildTree() {
  const nodes = [{ id: 'TLD', parentId: null, depth: 0, members: null, isExpected: false, values: null, path: '/TLD/' }];
  const provinces = [];
  const uppers = [];
  for (let p = 0; p < 63; p++) {
    const n = { id: `P${p}`, parentId: 'TLD', depth: 1, members: null, isExpected: false, values: null, path: `/TLD/P${p}/` };
    nodes.push(n);
    provinces.push(n);
    for (let u = 0; u < 11; u++) {
      const m = { id: `P${p}U${u}`, parentId: n.id, depth: 2, members: null, isExpected: false, values: null, path: `${n.path}U${u}/` };
      nodes.push(m);
      uppers.push(m);
    }
  }
  let g = 0;
  while (nodes.length < TOTAL) {
    const parent = rnd() < 0.1 ? provinces[Math.floor(rnd() * provinces.length)] : uppers[Math.floor(rnd() * uppers.length)];
    const reports = rnd() < 0.9;
    const responses = Math.floor(rnd() * 300);
    nodes.push({
      id: `G${g}`,
      parentId: parent.id,
      depth: parent.depth + 1,
      members: 10 + Math.floor(rnd() * 490),
      isExpected: true,
      path: `${parent.path}G${g}/`,
      values: reports
        ? {
            propaganda_done: rnd() < 0.97 ? 1 : 0,
            member_participation_pct: 8000 + Math.floor(rnd() * 2001),
            office_culture_rules: rnd() < 0.95 ? 1 : 0,
            ...(responses > 0 ? { citizen_very_satisfied_pct: 9000 + Math.floor(rnd() * 1001), citizen_responses: responses } : {}),
            models_registered: rnd() < 0.1 ? 1 : 0,
          }
        : null,
    });
    g++;
  }
  return nodes;
}

/** The reference: one node's figures from a scan of every unit whose path starts with the node's. */
function naiveFigures(nodes, node) {
  const inside = nodes.filter((n) => n.path.startsWith(node.path));
  return SPECS.map((spec) => {
    let num = 0n;
    let den = 0n;
    let reporting = 0;
    let missing = 0;
    for (const n of inside) {
      const v = n.values?.[spec.key];
      if (v === undefined || !n.values) continue;
      reporting++;
      if (spec.rollup === 'weighted_by_members' || spec.rollup === 'weighted_by_field') {
        const w = spec.rollup === 'weighted_by_members' ? n.members : n.values[spec.weightField];
        if (!w) { missing++; continue; }
        num += BigInt(v) * BigInt(w);
        den += BigInt(w);
      } else {
        num += BigInt(v);
        den += 1n;
      }
    }
    return buildFigure(spec, 0, num, den, reporting, inside.filter((n) => n.isExpected).length, missing);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const t0 = performance.now();
const nodes = buildTree();
const buildMs = performance.now() - t0;
rollUp(SPECS, nodes); // warm-up
const runs = [];
let result;
for (let i = 0; i < 7; i++) {
  const s = performance.now();
  result = rollUp(SPECS, nodes);
  runs.push(performance.now() - s);
}
const engineMs = median(runs);

const internal = nodes.filter((n) => !n.isExpected);
const sample = [internal[0], ...internal.slice(1).sort(() => rnd() - 0.5).slice(0, SAMPLE - 1)];
const s = performance.now();
let mismatches = 0;
for (const node of sample) {
  const ref = naiveFigures(nodes, node);
  const got = result.figures(node.id);
  ref.forEach((f, k) => {
    if (f.numerator !== got[k].numerator || f.denominator !== got[k].denominator || f.display !== got[k].display) mismatches++;
  });
}
const naivePerNodeMs = (performance.now() - s) / sample.length;
const naiveAllMs = naivePerNodeMs * internal.length;
const drill = performance.now();
const children = result.childIds('P0');
const breakdown = children.map((c) => result.figure(c, 'member_participation_pct'));
const drillMs = performance.now() - drill;

const out = {
  machine: `${os.cpus()[0].model} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  units: nodes.length,
  internalUnits: internal.length,
  indicators: SPECS.length,
  buildTreeMs: Math.round(buildMs),
  rollupMs: { median: +engineMs.toFixed(1), runs: runs.map((r) => +r.toFixed(1)) },
  naiveReference: { sampledNodes: sample.length, perNodeMs: +naivePerNodeMs.toFixed(1), extrapolatedAllInternalMs: Math.round(naiveAllMs) },
  ratioNaiveOverEngine: +(naiveAllMs / engineMs).toFixed(0),
  mismatchesAgainstReference: mismatches,
  drillDown: { node: 'P0', children: children.length, ms: +drillMs.toFixed(2), first: breakdown[0]?.display },
  national: Object.fromEntries(result.figures('TLD').map((f) => [f.key, `${f.display} (${f.numerator} / ${f.denominator}; ${f.reporting} of ${f.expected} units)`])),
  underOneSecond: engineMs < 1000,
};
console.log(JSON.stringify(out, null, 2));
if (mismatches > 0 || engineMs >= 1000) process.exitCode = 1;
