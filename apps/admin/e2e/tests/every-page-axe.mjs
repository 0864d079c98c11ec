// Issue 19, line 7: accessibility on every page. Every route (real ids), as one user of each demo role set: axe-core
// (pinned in apps/admin/package.json) finds no WCAG 2.1 A/AA violation at 1280 px, and at 390 px (a phone) the page
// has no sideways scroll. Any violation fails, listed with the user, the path, the rule and the first elements.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ROLE_USERS, pagesFor, setLanguage, settle, sharedIds, signInAs, visit } from '../support/every-page.mjs';

export const name = 'every page, every role: 0 axe violations (WCAG 2.1 AA), no sideways scroll at 390 px';
export const timeoutMs = 900_000;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe is evaluated through the DevTools protocol: the page's Content-Security-Policy does not apply to it. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (tags) =>
      window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then((r) =>
        r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')), count: v.nodes.length })),
      ),
    TAGS,
  );
}

async function sidewaysScroll(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    return doc.scrollWidth > doc.clientWidth + 1 ? { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth } : null;
  });
}

export async function run({ page, baseUrl, password, screenshot, log }) {
  const shared = await sharedIds(baseUrl, password);
  const problems = [];
  let visits = 0;
  for (const { username } of ROLE_USERS) {
    const paths = await pagesFor(baseUrl, username, password, shared);
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in`);
    await page.evaluate(() => localStorage.clear());
    await signInAs(page, baseUrl, username, password);
    await setLanguage(page, 'vi');
    for (const path of paths) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await visit(page, baseUrl, path);
      visits += 1;
      for (const v of await axeViolations(page)) {
        problems.push(`[${username} ${path}] ${v.impact} ${v.id} (${v.count}×): ${v.help} — ${v.targets.join(' | ')}`);
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await settle(page, 100, 2_000);
      const scroll = await sidewaysScroll(page);
      if (scroll) {
        problems.push(`[${username} ${path}] 390 px: the page is ${scroll.scrollWidth} px wide (sideways scroll)`);
        await screenshot(`phone-${username}-${path}`).catch(() => undefined);
      }
    }
  }
  log(`${visits} pages, ${problems.length} problems`);
  assert.equal(problems.length, 0, `accessibility problems:\n${problems.join('\n')}`);
}
