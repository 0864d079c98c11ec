import type { WorkflowDefinition } from '../definition-types';

/**
 * Award levels: `own_unit` — forms the nominating grassroots union awards itself (Giấy khen BCH CĐCS,
 * Đoàn viên công đoàn xuất sắc), decided by its own standing committee; the upper union decides its own
 * Giấy khen; the rest goes to the province and its council.
 */
export const AWARD_LEVELS = ['own_unit', 'giay_khen_upper', 'bang_khen_province', 'co_thi_dua_province', 'bang_khen_tld', 'co_thi_dua_tld'] as const;

const ownUnitAward = { op: '==' as const, left: { field: 'data.awardLevel' }, right: { const: 'own_unit' } };
const withinUpperAuthority = { op: '==' as const, left: { field: 'data.awardLevel' }, right: { const: 'giay_khen_upper' } };
const province = { kind: 'ancestor_of_kind' as const, unitKind: 'province_federation', includeSelf: true };

/**
 * Commendation: nomination with its dossier (checked by `commendation.check_dossier` as it leaves the unit and
 * the upper union), appraisal by the upper union and the province, public posting where the form needs it
 * (`commendation.check_posting`), council vote with its minutes (`commendation.council_minutes`), numbered decision.
 */
export const commendationDefinition: WorkflowDefinition = {
  schemaVersion: 1,
  key: 'commendation',
  version: 1,
  name: { vi: 'Khen thưởng', en: 'Commendation' },
  initialStage: 'nominate',
  viewerVisibility: 'titles',
  stages: {
    nominate: {
      kind: 'task',
      name: { vi: 'Đề nghị khen thưởng', en: 'Nominate' },
      actor: { role: 'officer', unit: { kind: 'own' } },
      hooks: [
        { name: 'commendation.register_nomination', on: 'enter' },
        { name: 'commendation.check_dossier', on: 'leave' },
      ],
      fields: [
        { name: 'nomineeType', type: 'enum', required: true, values: ['individual', 'collective'], label: { vi: 'Cá nhân / tập thể', en: 'Individual or collective' } },
        { name: 'nomineeName', type: 'string', required: true, label: { vi: 'Tên', en: 'Name' } },
        { name: 'awardForm', type: 'string', required: true, label: { vi: 'Hình thức khen thưởng', en: 'Form of award' } },
        { name: 'awardLevel', type: 'enum', required: true, values: [...AWARD_LEVELS], label: { vi: 'Cấp quyết định', en: 'Deciding level' } },
        { name: 'achievementReport', type: 'string', required: true, label: { vi: 'Báo cáo thành tích', en: 'Achievement report' } },
        { name: 'reviewMinutesRef', type: 'string', required: true, label: { vi: 'Biên bản bình xét', en: 'Review minutes' } },
        { name: 'achievementFrom', type: 'date', label: { vi: 'Thành tích từ ngày', en: 'Achievements from' } },
        { name: 'achievementTo', type: 'date', label: { vi: 'Thành tích đến ngày', en: 'Achievements to' } },
        {
          name: 'achievement',
          type: 'object',
          label: { vi: 'Báo cáo thành tích', en: 'Achievement report' },
          properties: [
            { name: 'position', type: 'string', max: 300, label: { vi: 'Chức vụ', en: 'Position' } },
            { name: 'birthYear', type: 'integer', min: 1900, max: 2100, label: { vi: 'Năm sinh', en: 'Year of birth' } },
            { name: 'overview', type: 'string', max: 20000, label: { vi: 'Sơ lược quá trình công tác / đặc điểm, tình hình', en: 'Background' } },
            { name: 'memberCount', type: 'integer', min: 0, label: { vi: 'Số đoàn viên', en: 'Members' } },
            { name: 'duties', type: 'string', max: 20000, label: { vi: 'Chức năng, nhiệm vụ được giao', en: 'Duties' } },
            { name: 'achievements', type: 'array', max: 50, items: { type: 'object', properties: [{ name: 'year', type: 'integer' }, { name: 'text', type: 'string', required: true }] }, label: { vi: 'Thành tích đạt được', en: 'Achievements' } },
            { name: 'measures', type: 'string', max: 20000, label: { vi: 'Biện pháp, giải pháp, sáng kiến', en: 'Measures' } },
            { name: 'priorAwards', type: 'array', max: 50, items: { type: 'object', properties: [{ name: 'year', type: 'integer', required: true }, { name: 'form', type: 'string', required: true }, { name: 'decision', type: 'string', required: true }] }, label: { vi: 'Khen thưởng đã đạt', en: 'Prior awards' } },
          ],
        },
        {
          name: 'nominatingMeeting',
          type: 'object',
          label: { vi: 'Cuộc họp bình xét', en: 'Nominating meeting' },
          properties: [
            { name: 'date', type: 'date', required: true },
            { name: 'members', type: 'integer', min: 1, required: true },
            { name: 'present', type: 'integer', min: 0, required: true },
            { name: 'yes', type: 'integer', min: 0, required: true },
            { name: 'no', type: 'integer', min: 0, required: true },
            { name: 'abstain', type: 'integer', min: 0 },
            { name: 'chair', type: 'string', required: true },
            { name: 'secretary', type: 'string', required: true },
          ],
        },
      ],
      transitions: [
        { on: 'submit', target: 'upper_appraisal', guard: { op: 'not', arg: ownUnitAward } },
        { on: 'submit', target: 'own_decision', guard: ownUnitAward, label: { vi: 'Trình BCH công đoàn cơ sở', en: 'To the grassroots committee' } },
        { on: 'withdraw', target: 'withdrawn', label: { vi: 'Rút đề nghị', en: 'Withdraw' } },
      ],
    },
    own_decision: {
      kind: 'task',
      name: { vi: 'Ban Thường vụ CĐCS quyết định', en: 'Grassroots committee decision' },
      actor: { role: 'supervisor', unit: { kind: 'own' } },
      requiresCommentOn: ['return', 'reject'],
      transitions: [
        { on: 'approve', target: 'approved_own', label: { vi: 'Khen thưởng', en: 'Award' } },
        { on: 'return', target: 'nominate' },
        { on: 'reject', target: 'rejected' },
      ],
      deadline: { days: 10, calendar: 'working', reminders: [2] },
    },
    upper_appraisal: {
      kind: 'task',
      name: { vi: 'Công đoàn cấp trên thẩm định', en: 'Upper union appraisal' },
      actor: { role: 'supervisor', unit: { kind: 'parent' } },
      requiresCommentOn: ['return', 'reject'],
      hooks: [{ name: 'commendation.check_dossier', on: 'leave' }],
      fields: [{ name: 'achievementConfirmation', type: 'string', max: 4000, label: { vi: 'Xác nhận của công đoàn cấp trên', en: "Upper union's confirmation" } }],
      transitions: [
        { on: 'approve', target: 'approved_upper', guard: withinUpperAuthority, label: { vi: 'Khen thưởng theo thẩm quyền', en: 'Award within authority' } },
        { on: 'forward', target: 'dept_appraisal', guard: { op: 'not', arg: withinUpperAuthority }, label: { vi: 'Trình LĐLĐ tỉnh', en: 'Forward to the province' } },
        { on: 'return', target: 'nominate' },
        { on: 'reject', target: 'rejected' },
      ],
      deadline: { days: 10, calendar: 'working', reminders: [2], escalations: [{ afterDays: 0, action: 'notify' }] },
    },
    dept_appraisal: {
      kind: 'task',
      name: { vi: 'Ban Tuyên giáo - Thi đua thẩm định', en: 'Commendation department appraisal' },
      actor: { role: 'officer', unit: province },
      fields: [{ name: 'appraisalNotes', type: 'string', required: true, label: { vi: 'Ý kiến thẩm định', en: 'Appraisal' } }],
      requiresCommentOn: ['return', 'reject'],
      transitions: [
        { on: 'forward', target: 'council_vote', label: { vi: 'Trình Hội đồng', en: 'Send to the council' } },
        { on: 'return', target: 'nominate' },
        { on: 'reject', target: 'rejected' },
      ],
    },
    council_vote: {
      kind: 'vote',
      hooks: [
        { name: 'commendation.check_posting', on: 'enter' },
        { name: 'commendation.council_minutes', on: 'leave' },
      ],
      name: { vi: 'Hội đồng TĐKT bỏ phiếu', en: 'Council vote' },
      vote: { voters: { role: 'council_member', unit: province }, quorum: 2 / 3, passRatio: 0.9, passBasis: 'eligible', ballot: 'secret', tie: 'fail', closeBy: { role: 'council_secretary', unit: province } },
      outcomes: { passed: 'decision', failed: 'rejected', no_quorum: 'dept_appraisal' },
      deadline: { days: 10, calendar: 'working', reminders: [2], escalations: [{ afterDays: 0, action: 'auto_approve' }] },
    },
    decision: {
      kind: 'task',
      name: { vi: 'Ban Thường vụ quyết định', en: 'Standing committee decision' },
      actor: { role: 'supervisor', unit: province },
      requiresCommentOn: ['return', 'reject'],
      transitions: [
        { on: 'approve', target: 'approved', label: { vi: 'Ký quyết định', en: 'Sign the decision' } },
        { on: 'return', target: 'dept_appraisal' },
        { on: 'reject', target: 'rejected' },
      ],
    },
    approved: { kind: 'final', outcome: 'approved', hooks: [{ name: 'commendation.issue_decision', on: 'enter' }], name: { vi: 'Đã khen thưởng', en: 'Awarded' }, documentNumber: { docType: 'QĐ', issuer: province } },
    approved_upper: { kind: 'final', outcome: 'approved', hooks: [{ name: 'commendation.issue_decision', on: 'enter' }], name: { vi: 'Cấp trên khen thưởng', en: 'Awarded by the upper union' }, documentNumber: { docType: 'QĐ', issuer: { kind: 'parent' } } },
    approved_own: { kind: 'final', outcome: 'approved', hooks: [{ name: 'commendation.issue_decision', on: 'enter' }], name: { vi: 'CĐCS khen thưởng', en: 'Awarded by the grassroots union' }, documentNumber: { docType: 'QĐ', issuer: { kind: 'own' } } },
    rejected: { kind: 'final', outcome: 'rejected', name: { vi: 'Không khen thưởng', en: 'Not awarded' } },
    withdrawn: { kind: 'final', outcome: 'cancelled', name: { vi: 'Đã rút đề nghị', en: 'Withdrawn' } },
  },
};
