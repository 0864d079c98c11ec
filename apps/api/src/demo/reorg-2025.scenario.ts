/**
 * The 2025 reorganisation on the demo, through the HTTP API only, as administrators would do it:
 * with the 2019–2025 campaign running, every district federation of Ninh Thuận is dissolved effective
 * 1/7/2025 and its CĐCS moved directly under the province; Ninh Thuận's federation is merged into
 * Khánh Hòa's (created by the confederation administrator if missing), effective 1/7/2025.
 *
 * Used by `npm run demo:reorg-2025 -w @thidua/api` (reorg-2025.cli.ts) and by the integration test
 * test/org/reorganisation-2025.int-spec.ts, which checks the figures it returns against the database.
 */

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The HTTP API seen from outside: a path under /api, a bearer token, a JSON body or a query. */
export interface ApiClient {
  call(method: 'GET' | 'POST', path: string, options?: { token?: string; body?: unknown; query?: Record<string, string> }): Promise<ApiResponse>;
}

export const EFFECTIVE = '2025-07-01';
export const KH_CODE = 'LDLD-KH';

export interface DissolveStep {
  code: string;
  previewOpenItems: number;
  previewRoles: Array<{ username: string; role: string; action: string; widensIfMoved: boolean }>;
  status: number;
  report: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ScenarioResult {
  campaignId: string;
  soKetId: string;
  tongKetId: string;
  provinceId: string;
  khanhHoaId: string;
  khanhHoaCreated: boolean;
  dissolved: DissolveStep[];
  merge: { previewRoles: any[]; report: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  before: { soKetBreakdown: any; soKetRollup: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  after: { soKetBreakdown: any; soKetRollup: any; soKetOnKhanhHoa: any; tongKetOnKhanhHoa: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  treeBefore: string[];
  treeAfter: string[];
  inboxOfChair: Array<{ id: string; title: string; unitId: string }>;
}

async function expectOk(what: string, r: Promise<ApiResponse>, ok = [200, 201]): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await r;
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 800)}`);
  return res.body;
}

async function login(api: ApiClient, username: string, password: string): Promise<string> {
  const body = await expectOk(`login ${username}`, api.call('POST', '/auth/login', { body: { username, password } }));
  return body.accessToken as string;
}

async function unitByCode(api: ApiClient, token: string, code: string): Promise<{ id: string; code: string; name: string } | null> {
  const page = await expectOk(`find ${code}`, api.call('GET', '/units', { token, query: { q: code, limit: '50' } }));
  return (page.items as Array<{ id: string; code: string; name: string }>).find((u) => u.code === code) ?? null;
}

async function treeCodes(api: ApiClient, token: string, rootId: string, asOf: string): Promise<string[]> {
  const res = await expectOk(`tree of ${rootId} as of ${asOf}`, api.call('GET', '/units/tree', { token, query: { rootId, asOf, limit: '500' } }));
  return (res.items as Array<{ code: string }>).map((n) => n.code);
}

export async function runReorg2025(api: ApiClient, password: string, log: (line: string) => void = () => {}): Promise<ScenarioResult> {
  const admin = await login(api, 'admin', password);
  const confed = await login(api, 'admin.tld', password);
  const chair = await login(api, 'chutich.tinh', password);

  const campaigns = await expectOk('campaigns', api.call('GET', '/campaigns', { token: chair, query: { q: 'VHCS-2019-2025' } }));
  const campaignId = (campaigns.items ?? campaigns)[0].id as string;
  const campaign = await expectOk('campaign', api.call('GET', `/campaigns/${campaignId}`, { token: chair }));
  const soKetId = campaign.milestones.find((m: { kind: string }) => m.kind === 'so_ket').id as string;
  const tongKetId = campaign.milestones.find((m: { kind: string }) => m.kind === 'tong_ket').id as string;
  const province = (await unitByCode(api, admin, 'LDLD-NT'))!;
  const tld = (await unitByCode(api, confed, 'TLD'))!;

  const rollup = (token: string, unitId: string, milestoneId: string, asOf?: string) =>
    expectOk('rollup', api.call('GET', `/campaigns/${campaignId}/units/${unitId}/rollup`, { token, query: { milestoneId, ...(asOf ? { asOf } : {}) } }));
  const breakdown = (token: string, unitId: string, milestoneId: string, key: string, asOf?: string) =>
    expectOk('breakdown', api.call('GET', `/campaigns/${campaignId}/units/${unitId}/rollup/${key}`, { token, query: { milestoneId, ...(asOf ? { asOf } : {}) } }));

  const before = { soKetBreakdown: await breakdown(confed, province.id, soKetId, 'citizen_responses'), soKetRollup: await rollup(confed, province.id, soKetId) };
  log(`sơ kết 2022 before: ${before.soKetBreakdown.children.length} child rows, ${before.soKetBreakdown.total.display} survey responses (tree of ${before.soKetBreakdown.tree.asOf})`);
  const treeBefore = await treeCodes(api, confed, province.id, '2025-06-30');

  // 1. Every district (city) federation dissolved effective 1/7/2025; its CĐCS go directly under the province.
  const upper = await expectOk('upper unions', api.call('GET', '/units', { token: admin, query: { parentId: province.id, kind: 'upper_union', limit: '100' } }));
  const districts = (upper.items as Array<{ id: string; code: string; name: string }>).filter((u) => u.code.startsWith('LDLD-'));
  const dissolved: DissolveStep[] = [];
  for (const d of districts) {
    const preview = await expectOk(
      `preview dissolve ${d.code}`,
      api.call('POST', `/units/${d.id}/dissolve`, { token: admin, body: { transferToId: province.id, effectiveAt: EFFECTIVE, preview: true } }),
    );
    const res = await api.call('POST', `/units/${d.id}/dissolve`, { token: admin, body: { transferToId: province.id, effectiveAt: EFFECTIVE } });
    dissolved.push({
      code: d.code,
      previewOpenItems: preview.blockers?.openItemCount ?? 0,
      previewRoles: (preview.roleMapping as Array<{ username: string; role: string; action: string; widensIfMoved: boolean }>).map((r) => ({ username: r.username, role: r.role, action: r.action, widensIfMoved: r.widensIfMoved })),
      status: res.status,
      report: res.body,
    });
    log(
      `dissolve ${d.code}: HTTP ${res.status}, ${res.body.childUnitsMoved ?? 0} CĐCS moved, open work ${JSON.stringify(res.body.openWork ?? res.body)}, roles ${(res.body.roleMapping ?? []).map((r: { username: string; role: string; action: string }) => `${r.username}/${r.role}:${r.action}`).join(', ')}`,
    );
  }

  // 2. Khánh Hòa's federation (created by the confederation administrator if it is not there yet).
  let kh = await unitByCode(api, confed, KH_CODE);
  const khanhHoaCreated = !kh;
  if (!kh) {
    kh = await expectOk(
      'create Khánh Hòa',
      api.call('POST', '/units', { token: confed, body: { code: KH_CODE, name: 'Liên đoàn Lao động tỉnh Khánh Hòa', kind: 'province_federation', parentId: tld.id, effectiveAt: '2019-06-14' } }),
    );
    log(`created ${KH_CODE} under TLD (effective 14/6/2019)`);
  }

  // 3. Ninh Thuận merged into Khánh Hòa effective 1/7/2025: the province's leadership roles move (confirmed), others end.
  const mergePreview = await expectOk('preview merge', api.call('POST', `/units/${province.id}/merge`, { token: confed, body: { intoId: kh!.id, effectiveAt: EFFECTIVE, preview: true } }));
  const keep = new Set(['chutich.tinh', 'tdkt.tinh', 'admin']);
  const roleMapping = (mergePreview.roleMapping as Array<{ assignmentId: string; username: string }>).map((r) =>
    keep.has(r.username) ? { assignmentId: r.assignmentId, action: 'move', toUnitId: kh!.id } : { assignmentId: r.assignmentId, action: 'end' },
  );
  const mergeReport = await expectOk('merge', api.call('POST', `/units/${province.id}/merge`, { token: confed, body: { intoId: kh!.id, effectiveAt: EFFECTIVE, roleMapping } }));
  log(`merge LDLD-NT into ${KH_CODE}: ${mergeReport.childUnitsMoved} units moved, open work ${JSON.stringify(mergeReport.openWork)}, ${mergeReport.roleAssignmentsTransferred} roles moved`);

  const chairAfter = await login(api, 'chutich.tinh', password);
  const after = {
    soKetBreakdown: await breakdown(confed, province.id, soKetId, 'citizen_responses'),
    soKetRollup: await rollup(confed, province.id, soKetId),
    soKetOnKhanhHoa: await rollup(confed, kh!.id, soKetId, '2025-09-02'),
    tongKetOnKhanhHoa: await breakdown(confed, kh!.id, tongKetId, 'citizen_responses'),
  };
  log(`sơ kết 2022 after: ${after.soKetBreakdown.children.length} child rows, ${after.soKetBreakdown.total.display} survey responses (tree of ${after.soKetBreakdown.tree.asOf})`);
  log(`tổng kết 2025 on ${KH_CODE}: ${after.tongKetOnKhanhHoa.children.length} child rows (tree of ${after.tongKetOnKhanhHoa.tree.asOf})`);
  const treeAfter = await treeCodes(api, confed, kh!.id, '2025-07-01');
  const inbox = await expectOk('inbox', api.call('GET', '/inbox', { token: chairAfter, query: { limit: '200' } }));
  const inboxOfChair = (inbox.items as Array<{ id: string; title: string; unitId: string }>).map((i) => ({ id: i.id, title: i.title, unitId: i.unitId }));
  log(`inbox of chutich.tinh (now at ${KH_CODE}): ${inboxOfChair.length} items`);
  return {
    campaignId,
    soKetId,
    tongKetId,
    provinceId: province.id,
    khanhHoaId: kh!.id,
    khanhHoaCreated,
    dissolved,
    merge: { previewRoles: mergePreview.roleMapping, report: mergeReport },
    before,
    after,
    treeBefore,
    treeAfter,
    inboxOfChair,
  };
}
