// Issue 19, line 1: every word a user reads is Vietnamese in vi mode and English in en mode. Every page (every route,
// with real ids: an item, a unit, a campaign, a ballot, a workflow, and the not-found page) as one user of each demo
// role set, in both languages: the rendered text (and the accessible names, titles and placeholders) must hold no
// UUID, no snake_case identifier, no stored code on its own (`standard`, `collective`, `cascade`, `draft` …) and, in
// Vietnamese, no English sentence (an engine or API message that was not translated). Any finding fails the run,
// listed with the user, the language, the path and the line.
import assert from 'node:assert/strict';
import * as contracts from '@thidua/contracts';
import { ROLE_USERS, pagesFor, setLanguage, sharedIds, signInAs, visit } from '../support/every-page.mjs';

export const name = 'every page, every role, vi and en: no raw code, UUID or untranslated message';
/** 6 users × 2 languages × 18 pages. */
export const timeoutMs = 900_000;

const ENUMS = [
  'ROLES', 'UNIT_KINDS', 'INDICATOR_TYPES', 'ROLLUP_RULES', 'CAMPAIGN_STATUSES', 'MILESTONE_KINDS', 'AWARD_DECIDING_LEVELS',
  'NOMINEE_KINDS', 'QUOTA_BASES', 'NOMINATION_ACTIONS', 'NOMINATION_STATUSES', 'FINDING_SEVERITIES', 'INSPECTION_STATUSES',
  'SUBMISSION_STATUSES', 'DOCUMENT_SERIES', 'DOCUMENT_STATUSES', 'UNIT_STATUSES', 'USER_STATUSES', 'DEFINITION_STATUSES',
  'ITEM_STATUSES', 'ITEM_ACTIONS',
];
/** Stored codes that are plain words: shown alone, they are a code that was not mapped to a label. */
const CODES = new Set([
  ...ENUMS.flatMap((k) => [...(contracts[k] ?? [])]),
  'standard', 'administration', 'cascade', 'task', 'vote', 'join', 'calendar', 'working', 'timer', 'approved', 'cancelled',
  'yes', 'no', 'abstain', 'pending', 'succeeded', 'sector', 'grassroots', 'upper', 'province', 'auto_return',
]);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** snake_case not part of an e-mail address, a URL or a file name. */
const SNAKE = /(?<![\w.@/:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-]|\.\w)/;
/** Words of an English sentence that no Vietnamese sentence (written without its marks) contains. */
const ENGLISH = /\b(the|is|are|was|were|not|must|needs?|cannot|should|with|from|this|that|allowed|invalid|required|only|when|has|have|been|please|already|found|unknown|missing|expected)\b/i;

/** Pages whose findings are printed, not failed. None: the designer's editor reads stage names, never keys. */
const KNOWN_OPEN = [];

function findings(lines, language) {
  const out = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (UUID.test(line)) out.push(`UUID: ${line}`);
    const snake = line.match(SNAKE);
    if (snake) out.push(`code "${snake[0]}": ${line}`);
    for (const seg of line.split(/[\t·|:()[\],;—–→/]+/).map((s) => s.trim())) {
      if (!seg) continue;
      const hit = language === 'vi' ? CODES.has(seg.toLowerCase()) && /^[a-z_]+$/i.test(seg) : CODES.has(seg);
      if (hit) out.push(`code "${seg}": ${line}`);
    }
    if (language === 'vi') {
      const words = line.match(/[A-Za-z]+/g) ?? [];
      const latin = line.replace(/[^\p{L}]/gu, '');
      const ascii = latin.replace(/[^A-Za-z]/g, '');
      if (words.length >= 3 && ENGLISH.test(line) && ascii.length >= latin.length * 0.9) out.push(`English: ${line}`);
    }
  }
  return out;
}

/**
 * What a user reads on the page: the visible text, option labels, accessible names, titles, placeholders. Text in
 * <code> or <pre> is left out: that is what a user types or edits as it is (a file's column names, a workflow key,
 * the definition's JSON in the designer), shown as code on purpose.
 */
async function readText(page) {
  return page.evaluate(() => {
    // Through the CSSOM (allowed by the page's Content-Security-Policy, a <style> element is not), put back after.
    const hidden = [...document.querySelectorAll('code, pre')].map((el) => [el, el.style.display]);
    for (const [el] of hidden) el.style.display = 'none';
    try {
      const lines = [document.title, ...document.body.innerText.split('\n')];
      for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],img[alt],option,[aria-description]')) {
        if (el.closest('code, pre')) continue;
        for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
          const v = el.getAttribute(a);
          if (v) lines.push(v);
        }
        if (el.tagName === 'OPTION') lines.push(el.textContent ?? '');
      }
      return lines;
    } finally {
      for (const [el, display] of hidden) el.style.display = display;
    }
  });
}

export async function run({ page, baseUrl, password, screenshot, log }) {
  const shared = await sharedIds(baseUrl, password);
  const problems = [];
  let visits = 0;

  // The sign-in page, before anyone signs in.
  for (const language of ['vi', 'en']) {
    await page.goto(`${baseUrl}/sign-in`);
    await setLanguage(page, language);
    await visit(page, baseUrl, '/sign-in', { reload: true });
    for (const f of findings(await readText(page), language)) problems.push(`[anonymous ${language} /sign-in] ${f}`);
  }

  for (const { username } of ROLE_USERS) {
    const paths = await pagesFor(baseUrl, username, password, shared);
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await signInAs(page, baseUrl, username, password);
    for (const language of ['vi', 'en']) {
      await setLanguage(page, language);
      await visit(page, baseUrl, '/', { reload: true });
      for (const path of paths) {
        await visit(page, baseUrl, path);
        visits += 1;
        const found = [...new Set(findings(await readText(page), language))];
        if (KNOWN_OPEN.some((re) => re.test(path))) {
          if (found.length > 0) log(`known open (designer) ${username} ${language} ${path}: ${found.length} findings`);
          continue;
        }
        for (const f of found) problems.push(`[${username} ${language} ${path}] ${f}`);
        if (found.length > 0) log(`${username} ${language} ${path}:\n      ${found.join('\n      ')}`);
        if (found.length > 0 || (username === 'admin' && language === 'vi')) await screenshot(`${username}-${language}-${path}`).catch(() => log('screenshot timed out'));
      }
    }
  }
  log(`${visits} page visits, ${problems.length} findings`);
  assert.equal(problems.length, 0, `raw codes, UUIDs or untranslated text on screen:\n${problems.join('\n')}`);
}
