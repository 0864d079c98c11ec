import type request from 'supertest';

type Auth = { Authorization: string };

export const REPORT = {
  position: 'Điều dưỡng trưởng khoa Nội',
  birthYear: 1982,
  overview: 'Công tác tại Bệnh viện Đa khoa tỉnh từ năm 2005.',
  duties: 'Quản lý điều dưỡng khoa Nội; chăm sóc người bệnh.',
  achievements: [{ year: 2021, text: 'Hoàn thành xuất sắc nhiệm vụ; sáng kiến "Giảm thời gian chờ" được áp dụng toàn viện.' }],
  measures: 'Cải tiến quy trình tiếp nhận người bệnh.',
  priorAwards: [{ year: 2020, form: 'Giấy khen của BCH Công đoàn ngành Y tế', decision: 'Số 12/QĐ-CĐYT ngày 10/12/2020' }],
};
export const COLLECTIVE_REPORT = { ...REPORT, position: undefined, birthYear: undefined, memberCount: 120 };
export const MEETING = { date: '2021-12-10', members: 9, present: 8, yes: 7, no: 1, abstain: 0, chair: 'Nguyễn Văn Hùng', secretary: 'Trần Thị Thu' };

/** The nominating unit completes its dossier as a user does: report and meeting, then the biên bản and the tờ trình, signed. */
export async function completeDossier(http: ReturnType<typeof request>, officer: Auth, nominationId: string, report: Record<string, unknown> = REPORT): Promise<Record<string, unknown>> {
  await http.put(`/api/campaigns/nominations/${nominationId}/dossier`).set(officer).send({ report, meeting: MEETING }).expect(200);
  await http.post(`/api/campaigns/nominations/${nominationId}/dossier/minutes`).set(officer).send({ signerName: 'Nguyễn Văn Hùng' }).expect(201);
  return (await http.post(`/api/campaigns/nominations/${nominationId}/dossier/proposal`).set(officer).send({ signerName: 'Nguyễn Văn Hùng' }).expect(201)).body;
}
