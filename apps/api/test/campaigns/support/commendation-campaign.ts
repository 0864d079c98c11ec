import request from 'supertest';
import { createCampaignSchema } from '@thidua/contracts';
import { startTestApp, type TestApp } from '../../support/test-app';
import { DefaultDefinitionsSeeder } from '../../../src/modules/workflow';
import { addUser, loadDemoHierarchy, signIn } from './demo-hierarchy';

export type Auth = { Authorization: string };

export interface CommendationCampaign {
  t: TestApp;
  http: ReturnType<typeof request>;
  /** Unit ids by code and user ids by username (the demo hierarchy, plus `chutich.bvdk`). */
  u: Record<string, string>;
  users: Record<string, string>;
  campaignId: string;
  /** The bearer header of a demo user, signed in once. */
  who: (username: string) => Promise<Auth>;
}

/**
 * The set-up the commendation suites share: the demo hierarchy, the default definitions, a chair at
 * the hospital's CĐCS, and a 2021 campaign of the province, planned and launched (signed 15/01/2021).
 */
export async function startCommendationCampaign(code: string, env: Partial<Record<string, string>> = {}): Promise<CommendationCampaign> {
  const t = await startTestApp(env);
  const { units: u, users } = await loadDemoHierarchy(t);
  await t.app.get(DefaultDefinitionsSeeder).seed();
  users['chutich.bvdk'] = await addUser(t, 'chutich.bvdk', u['CDCS-YT-BVDK'], ['supervisor']);
  const http = request(t.app.getHttpServer());
  const as: Record<string, Auth> = {};
  const who = async (name: string) => (as[name] ??= await signIn(t, name));
  const body = createCampaignSchema.parse({
    code,
    title: 'Thi đua lao động giỏi năm 2021',
    period: { from: '2021-01-01', to: '2021-12-31' },
    launchingUnitId: u['LDLD-NT'],
    legalBasis: ['Luật Thi đua, khen thưởng'],
    indicators: [{ key: 'models_registered', name: 'Số mô hình', type: 'count', rollup: 'sum' }],
    milestones: [{ kind: 'tong_ket', label: 'Tổng kết', due: '2021-12-31' }],
  });
  const campaignId = (await http.post('/api/campaigns').set(await who('tdkt.tinh')).send(body).expect(201)).body.id as string;
  await http.post(`/api/campaigns/${campaignId}/plan`).set(await who('tdkt.tinh')).send({ signerName: 'Trần Văn Đông' }).expect(201);
  await http.post(`/api/campaigns/${campaignId}/launch`).set(await who('chutich.tinh')).send({ signedOn: '2021-01-15' }).expect(200);
  return { t, http, u, users, campaignId, who };
}
