// A free TCP port on 127.0.0.1, chosen at run time: the first free one of BENCH_PORTS ("4800-4899") when
// set (a shared machine gives each engineer a range), else one the system picks.
const net = require('node:net');

function tryPort(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(null));
    s.listen(port, '127.0.0.1', () => {
      const got = s.address().port;
      s.close(() => resolve(got));
    });
  });
}

async function freePort() {
  const range = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORTS ?? '');
  if (range) {
    const [lo, hi] = [Number(range[1]), Number(range[2])];
    const start = lo + Math.floor(Math.random() * (hi - lo + 1));
    for (let i = 0; i <= hi - lo; i += 1) {
      const p = await tryPort(lo + ((start - lo + i) % (hi - lo + 1)));
      if (p) return p;
    }
    throw new Error(`no free port in ${process.env.BENCH_PORTS}`);
  }
  return tryPort(0);
}

/** Minimum, median and maximum of a list of numbers (the repeats of a figure). */
function spread(xs) {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return { min: v[0] ?? null, median: v[Math.floor(v.length / 2)] ?? null, max: v[v.length - 1] ?? null };
}

module.exports = { freePort, spread };
