#!/usr/bin/env node
// End-to-end runner: drives Debian's Chromium with playwright-core against a running product.
//   E2E_BASE_URL (default http://localhost:3000)  where the API serves the built admin under / and itself under /api
//   E2E_PASSWORD (default ThiDua@2026)             password of the seeded users
//   E2E_HEADED=1                                   show the browser
//   node e2e/run.mjs [name-filter...]              run only scenarios whose file name contains a filter
// Scenarios are e2e/tests/*.mjs, run one after another in file-name order. Each exports `name` and
// `async run(ctx)`; see ctx below. Screenshots go to e2e/artifacts/. The last line printed is `N passed, N failed`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const testsDir = join(here, 'tests');
const artifactsDir = join(here, 'artifacts');
const baseUrl = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const executablePath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const scenarioTimeoutMs = Number(process.env.E2E_SCENARIO_TIMEOUT_MS ?? 120_000);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Each run starts with an empty folder, so a stale failure screenshot never passes for a new one.
if (process.argv.length <= 2) rmSync(artifactsDir, { recursive: true, force: true });
mkdirSync(artifactsDir, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'thidua-e2e-'));
const browserEnv = {
  ...process.env,
  XDG_CONFIG_HOME: join(scratch, 'config'),
  XDG_CACHE_HOME: join(scratch, 'cache'),
  TMPDIR: scratch,
};
for (const dir of [browserEnv.XDG_CONFIG_HOME, browserEnv.XDG_CACHE_HOME]) mkdirSync(dir, { recursive: true });

const filters = process.argv.slice(2);
const files = readdirSync(testsDir)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
  .sort();

const safe = (text) => text.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();

/** A fresh browser profile: its own localStorage, so two sessions can be two different users. */
async function launchSession(label) {
  const profileDir = mkdtempSync(join(scratch, `profile-${safe(label)}-`));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: process.env.E2E_HEADED !== '1',
    args: CHROMIUM_ARGS,
    env: browserEnv,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  return { context, page, consoleErrors, label };
}

async function reachable() {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
    return response.ok ? null : `GET ${baseUrl}/api/health answered ${response.status}`;
  } catch (error) {
    return `cannot reach ${baseUrl}/api/health (${error.cause?.code ?? error.message})`;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

let passed = 0;
let failed = 0;

const preflight = !existsSync(executablePath)
  ? `Chromium not found at ${executablePath} (set E2E_CHROMIUM)`
  : files.length === 0
    ? `no scenario in ${testsDir} matches ${filters.join(', ')}`
    : await reachable();

if (preflight) {
  console.error(`e2e: ${preflight}`);
  failed = Math.max(files.length, 1);
} else {
  for (const file of files) {
    const module = await import(pathToFileURL(join(testsDir, file)).href);
    const name = module.name ?? basename(file, '.mjs');
    const slug = safe(basename(file, '.mjs'));
    const sessions = [];
    let shot = 0;
    const ctx = {
      baseUrl,
      env: process.env,
      password: process.env.E2E_PASSWORD ?? 'ThiDua@2026',
      /** Open another browser profile (another user). The first one is ctx.page. */
      async newSession(label = `session-${sessions.length + 1}`) {
        const session = await launchSession(`${slug}-${label}`);
        sessions.push(session);
        return session;
      },
      /** Save a full-page screenshot as e2e/artifacts/<scenario>-<nn>-<label>.png. */
      async screenshot(label, page = sessions[0]?.page) {
        shot += 1;
        const path = join(artifactsDir, `${slug}-${String(shot).padStart(2, '0')}-${safe(label)}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      log: (...args) => console.log('   ', ...args),
    };
    const started = Date.now();
    try {
      const first = await ctx.newSession('main');
      ctx.page = first.page;
      ctx.context = first.context;
      await withTimeout(module.run(ctx), Math.max(scenarioTimeoutMs, module.timeoutMs ?? 0), name);
      // The API's Content-Security-Policy must not block anything the admin does (Chromium logs each violation).
      const violations = sessions.flatMap((s) => s.consoleErrors.filter((e) => /Content Security Policy/i.test(e)));
      if (violations.length) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
      passed += 1;
      console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed += 1;
      console.log(`✘ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      console.log(String(error?.stack ?? error).split('\n').map((l) => `    ${l}`).join('\n'));
      for (const session of sessions) {
        const path = join(artifactsDir, `${slug}-failure-${safe(session.label)}.png`);
        await session.page.screenshot({ path, fullPage: true }).then(
          () => console.log(`    screenshot: ${path}`),
          () => undefined,
        );
        if (session.consoleErrors.length) console.log(`    browser console (${session.label}):\n      ${session.consoleErrors.join('\n      ')}`);
      }
    } finally {
      for (const session of sessions) await session.context.close().catch(() => undefined);
    }
  }
}

rmSync(scratch, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
