// Every page of the admin (every route of src/app/routes.tsx, with real ids) as one demo user of each role set,
// in Vietnamese and in English. Shared by the scenarios that check something on every page (raw codes, axe, phones).
import { apiSession } from './api-session.mjs';

/** One demo user per set of roles the seed gives (apps/api/data/ninh-thuan-2019.json). */
export const ROLE_USERS = [
  { username: 'admin', roles: 'admin' },
  { username: 'chutich.tinh', roles: 'supervisor + council_member' },
  { username: 'giamsat.gd', roles: 'supervisor + officer' },
  { username: 'canbo.vc-khuyennong', roles: 'officer' },
  { username: 'tdkt.tinh', roles: 'council_secretary + officer' },
  { username: 'hoidong1', roles: 'council_member' },
];

/**
 * A ballot that is open (the vote stage of a commendation item), made through the API exactly as an office would:
 * nomination with its dossier, submitted, forwarded by the sector union, appraised by the province. Returns its item id.
 */
/**
 * An open ballot for the council page's visit: reuses one, or nominates someone in the demo campaign and takes the
 * nomination to the vote. It stays open, so the scenarios that count the council's open nominations
 * (council-vote) run before the every-page ones (scenarios run in file-name order).
 */
export async function ensureOpenBallot(baseUrl, password) {
  const secretary = await apiSession(baseUrl, 'tdkt.tinh', password);
  const open = await secretary.call('GET', '/campaigns/ballots?status=open');
  // A ballot's id is its nomination's item id.
  if (open.length > 0) return open[0].id;
  const officer = await apiSession(baseUrl, 'canbo.yt-bvdk', password);
  const upper = await apiSession(baseUrl, 'giamsat.yt', password);
  const [campaign] = await officer.call('GET', '/campaigns?status=launched');
  const n = await officer.call('POST', `/campaigns/${campaign.id}/nominations`, {
    nominatingUnitId: officer.user.homeUnit.id,
    nomineeKind: 'individual',
    nomineeName: `Trần Thị Hoa (e2e ${Date.now()})`,
    awardForm: 'bang_khen_ldld',
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ năm 2025.',
    reviewMinutes: 'Biên bản họp bình xét số 02/BB-CĐCS.',
  });
  await officer.call('PUT', `/campaigns/nominations/${n.id}/dossier`, {
    report: { position: 'Bác sĩ', overview: 'Công tác từ năm 2012.', duties: 'Khám chữa bệnh.', achievements: [{ year: 2025, text: 'Hoàn thành xuất sắc nhiệm vụ.' }], measures: 'Cải tiến quy trình.', priorAwards: [] },
    meeting: { date: new Date().toISOString().slice(0, 10), members: 9, present: 9, yes: 9, no: 0, abstain: 0, chair: 'Chủ tịch CĐCS', secretary: 'Thư ký' },
  });
  await officer.call('POST', `/campaigns/nominations/${n.id}/dossier/minutes`, { signerName: 'Chủ tịch CĐCS' });
  await officer.call('POST', `/campaigns/nominations/${n.id}/dossier/proposal`, { signerName: 'Chủ tịch CĐCS' });
  await officer.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'submit' });
  await upper.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'forward', confirmation: 'Công đoàn cấp trên xác nhận thành tích.' });
  await secretary.call('POST', `/campaigns/nominations/${n.id}/actions`, { action: 'appraise', comment: 'Đủ điều kiện, trình Hội đồng.' });
  return n.itemId;
}

/** The paths one user visits: every route, with ids that user can reach (or, when none, ids of the admin's). */
export async function pagesFor(baseUrl, username, password, shared) {
  const s = await apiSession(baseUrl, username, password);
  const items = await s.call('GET', '/items?limit=20').catch(() => ({ items: [] }));
  const list = items.items ?? items.data ?? items;
  const item = (Array.isArray(list) ? list : []).find((i) => i.id !== shared.ballotItemId) ?? null;
  const campaigns = await s.call('GET', '/campaigns').catch(() => []);
  const workflows = await s.call('GET', '/workflows').catch(() => []);
  const unitId = s.user.homeUnit?.id ?? shared.unitId;
  // E2E_PAGE_FILTER (a regular expression) keeps only the matching paths: a targeted run of the every-page scans.
  const only = process.env.E2E_PAGE_FILTER ? new RegExp(process.env.E2E_PAGE_FILTER) : null;
  return [
    '/',
    '/inbox',
    '/calendar',
    '/campaigns',
    `/campaigns/${campaigns[0]?.id ?? shared.campaignId}`,
    '/org',
    `/org/units/${unitId}`,
    `/org/units/${unitId}/commendations`,
    `/org/people/${s.user.id}/commendations`,
    '/org/import',
    '/workflows',
    `/workflows/${workflows[0]?.id ?? shared.workflowId}`,
    '/council',
    '/notifications',
    `/items/${item?.id ?? shared.itemId}`,
    `/items/${item?.id ?? shared.itemId}/print`,
    `/items/${shared.ballotItemId}`,
    '/items/new?workflow=unit_plan',
    '/webhooks',
    '/nominations/new',
    '/account/password',
    '/delegations',
    '/no-such-page',
  ].filter((path) => !only || only.test(path));
}

/** Ids every user falls back to: the admin's first campaign, workflow, unit and item, and an open ballot. */
export async function sharedIds(baseUrl, password) {
  const admin = await apiSession(baseUrl, 'admin', password);
  const [campaign] = await admin.call('GET', '/campaigns');
  const [workflow] = await admin.call('GET', '/workflows');
  const items = await admin.call('GET', '/items?limit=1');
  const list = items.items ?? items.data ?? items;
  return {
    campaignId: campaign.id,
    workflowId: workflow.id,
    unitId: admin.user.homeUnit.id,
    itemId: list[0]?.id,
    ballotItemId: await ensureOpenBallot(baseUrl, password),
  };
}

/** Sign in through the page (Vietnamese sign-in form), then pick the language for the visits. */
export async function signInAs(page, baseUrl, username, password) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

export async function setLanguage(page, language) {
  await page.evaluate((l) => localStorage.setItem('thidua.language', l), language);
}

/** Requests in flight on a page, counted from the browser's own events (the notification badge polls). */
const inflight = new WeakMap();
function track(page) {
  if (inflight.has(page)) return;
  const state = { n: 0, last: Date.now() };
  inflight.set(page, state);
  const done = () => {
    state.n = Math.max(0, state.n - 1);
    state.last = Date.now();
  };
  page.on('request', () => {
    state.n += 1;
    state.last = Date.now();
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

/** Wait until no request has been in flight for `quietMs` (at most `maxMs`) and no loading line is shown. */
export async function settle(page, quietMs = 250, maxMs = 10_000) {
  track(page);
  const state = inflight.get(page);
  const until = Date.now() + maxMs;
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    if (Date.now() > until) return;
    if (state.n > 0 || Date.now() - state.last < quietMs) continue;
    if (await page.locator('.page-loading').count()) continue;
    return;
  }
}

/**
 * Open a path inside the running app (the router follows history, as a click on a link does: no reload), and wait
 * until its data has arrived. The first visit of a page loads the app.
 */
export async function visit(page, baseUrl, path, { reload = false } = {}) {
  track(page);
  // The router keeps the old page on screen while the new page's chunk loads: count the quiet time from here.
  inflight.get(page).last = Date.now() + 200;
  const loaded = await page.evaluate(() => Boolean(document.querySelector('#main'))).catch(() => false);
  // Leaving the designer (a large diagram) takes longer than a quiet network shows: load the next page afresh.
  const afterDesigner = /^\/workflows\/./.test(new URL(page.url()).pathname);
  if (reload || !loaded || afterDesigner) {
    await page.goto(`${baseUrl}${path}`);
  } else {
    await page.evaluate((p) => {
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }
  await settle(page);
}
