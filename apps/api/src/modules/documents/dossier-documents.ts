import type { AchievementReport, NominatingMeeting } from '@thidua/contracts';
import { dmy, tableRow, typographicQuotes, vietnameseNumber } from './official-layout';

/**
 * The documents of a commendation dossier (Luật Thi đua, Khen thưởng 2022, Điều 84), generated from
 * the nomination's data. Pure: plain facts in, the parts of an official document out.
 * - the nominating unit's tờ trình (TTr), with the structured achievement report attached as its annex;
 * - the biên bản (BB) of the nominating unit's meeting, with its vote;
 * - the council's biên bản of a vote (BB in the council's series), with each nomination's tally.
 */
export interface DossierNominee {
  kind: 'individual' | 'collective';
  name: string;
  position?: string | null;
  unitName: string;
  awardName: string;
}

export interface DocumentParts {
  summary: string;
  body: string[];
  recipients: string[];
  archiveDepartments: string[];
}

function nomineeText(n: DossierNominee): string {
  return n.kind === 'individual' ? `${n.name}${n.position ? `, ${n.position}` : ''}, ${n.unitName}` : `${n.name}${n.unitName && n.unitName !== n.name ? ` thuộc ${n.unitName}` : ''}`;
}

const short = (awardName: string) => awardName.split(' của ')[0];

/** A campaign's title in “…”, once (a title already wholly in quotes is not quoted twice). */
function quotedTitle(title: string): string {
  const t = typographicQuotes(title.trim());
  return /^“[^“”]*”$/.test(t) ? t : `“${t}”`;
}

/** The report's sections (I–IV of the decree's form) as body lines. */
export function achievementReportLines(kind: DossierNominee['kind'], r: Partial<AchievementReport>): string[] {
  const out: string[] = [];
  out.push(kind === 'individual' ? '# I. SƠ LƯỢC LÝ LỊCH' : '# I. ĐẶC ĐIỂM, TÌNH HÌNH');
  if (kind === 'individual') {
    if (r.position) out.push(`Chức vụ: ${r.position}.`);
    if (r.birthYear) out.push(`Năm sinh: ${r.birthYear}.`);
  } else if (r.memberCount !== undefined) out.push(`Tổng số đoàn viên: ${vietnameseNumber(r.memberCount)}.`);
  if (r.overview) out.push(typographicQuotes(r.overview));
  out.push('# II. THÀNH TÍCH ĐẠT ĐƯỢC');
  if (r.duties) out.push(`1. Chức năng, nhiệm vụ được giao: ${typographicQuotes(r.duties)}`);
  out.push('2. Thành tích đạt được:');
  for (const a of r.achievements ?? []) out.push(`- ${a.year ? `Năm ${a.year}: ` : ''}${typographicQuotes(a.text)}`);
  if (r.measures) out.push(`3. Biện pháp, giải pháp, sáng kiến: ${typographicQuotes(r.measures)}`);
  out.push('# III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT');
  if ((r.priorAwards ?? []).length === 0) out.push('Chưa có.');
  else {
    out.push(tableRow(['Năm', 'Hình thức khen thưởng', 'Số, ngày quyết định']));
    for (const p of r.priorAwards ?? []) out.push(tableRow([p.year, p.form, p.decision]));
  }
  return out;
}

export interface ProposalInput {
  /** The nominating unit, in prose (`Công đoàn cơ sở Bệnh viện Đa khoa tỉnh`). */
  unitName: string;
  /** Who the tờ trình goes to (`Ban Thường vụ Công đoàn ngành Y tế tỉnh`). */
  addressee: string;
  campaignTitle: string | null;
  period: { from: string; to: string };
  nominee: DossierNominee;
  report: Partial<AchievementReport>;
  meeting: NominatingMeeting | null;
  /** The symbol and date of the meeting's biên bản, when signed. */
  minutes: { symbol: string; date: string } | null;
  ruleSetCitation: string;
}

/** The nominating unit's tờ trình đề nghị khen thưởng. */
export function buildProposal(p: ProposalInput): DocumentParts {
  const inCampaign = p.campaignTitle ? ` trong phong trào thi đua ${quotedTitle(p.campaignTitle)}` : '';
  const period = p.period.from.slice(0, 4) === p.period.to.slice(0, 4) ? `năm ${p.period.to.slice(0, 4)}` : `giai đoạn ${p.period.from.slice(0, 4)} - ${p.period.to.slice(0, 4)}`;
  const body: string[] = [`^Kính gửi: ${p.addressee}`];
  body.push(`Căn cứ ${p.ruleSetCitation.replace(/^Căn cứ\s+/i, '').replace(/[;.]$/, '')};`);
  if (p.meeting) {
    body.push(
      `Căn cứ kết quả họp bình xét ngày ${dmy(p.meeting.date)}${p.minutes ? ` (Biên bản số ${p.minutes.symbol} ngày ${dmy(p.minutes.date)})` : ''}: ${p.meeting.present}/${p.meeting.members} thành viên có mặt, ${p.meeting.yes}/${p.meeting.present} phiếu tán thành (${vietnameseNumber(Math.round((p.meeting.yes / Math.max(p.meeting.present, 1)) * 1000) / 10)}%);`,
    );
  }
  body.push(`${p.unitName} kính đề nghị ${p.addressee} xét, đề nghị tặng ${short(p.nominee.awardName)} cho ${p.nominee.kind === 'individual' ? 'cá nhân' : 'tập thể'} đã có thành tích xuất sắc${inCampaign} ${period}:`);
  body.push(`- ${nomineeText(p.nominee)}.`);
  body.push(`(Có báo cáo thành tích và biên bản họp bình xét kèm theo.)`);
  body.push(`Kính trình ${p.addressee} xem xét, quyết định./.`);
  body.push(`# BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG ${short(p.nominee.awardName).toUpperCase()}`);
  body.push(`^${p.nominee.name.toUpperCase()}`);
  body.push(...achievementReportLines(p.nominee.kind, p.report));
  return { summary: `Về việc đề nghị tặng ${short(p.nominee.awardName)}${inCampaign}`, body, recipients: ['Như trên'], archiveDepartments: ['VT'] };
}

export interface MeetingMinutesInput {
  unitName: string;
  meeting: NominatingMeeting;
  nominee: DossierNominee;
}

/** Biên bản of the nominating unit's meeting (họp bình xét) and its vote. */
export function buildMeetingMinutes(p: MeetingMinutesInput): DocumentParts {
  const m = p.meeting;
  const share = Math.round((m.yes / Math.max(m.present, 1)) * 1000) / 10;
  const body = [
    `Hôm nay, ngày ${dmy(m.date)}, ${p.unitName} họp bình xét đề nghị khen thưởng.`,
    `Chủ trì: ${m.chair}. Thư ký: ${m.secretary}.`,
    `Thành phần: ${m.present}/${m.members} thành viên có mặt.`,
    `# NỘI DUNG`,
    `Xét đề nghị tặng ${short(p.nominee.awardName)} cho ${nomineeText(p.nominee)}.`,
    `# KẾT QUẢ BIỂU QUYẾT`,
    tableRow(['Tán thành', 'Không tán thành', 'Không biểu quyết', 'Tỷ lệ tán thành']),
    tableRow([m.yes, m.no, m.abstain, `${vietnameseNumber(share)}%`]),
    m.yes * 2 > m.present ? `Đề nghị được thông qua với ${m.yes}/${m.present} thành viên có mặt tán thành.` : `Đề nghị không được thông qua (${m.yes}/${m.present} thành viên có mặt tán thành).`,
    `Biên bản kết thúc cùng ngày, đã thông qua trước cuộc họp./.`,
  ];
  return { summary: `Họp bình xét đề nghị khen thưởng`, body, recipients: [], archiveDepartments: ['VT'] };
}

export interface CouncilTallyRow {
  nominee: DossierNominee;
  eligible: number;
  cast: number;
  yes: number;
  no: number;
  abstain: number;
  outcome: 'passed' | 'failed' | 'no_quorum';
}

export interface CouncilMinutesInput {
  councilName: string;
  date: string;
  secret: boolean;
  quorum: number;
  passRatio: number;
  passBasis: 'cast' | 'eligible';
  rows: CouncilTallyRow[];
}

const OUTCOME_TEXT: Record<CouncilTallyRow['outcome'], string> = { passed: 'Đạt', failed: 'Không đạt', no_quorum: 'Không đủ số thành viên tham gia' };

/** Biên bản of the council's vote: how it voted, the tally of each nomination, counts only. */
export function buildCouncilMinutes(p: CouncilMinutesInput): DocumentParts {
  const pct = (x: number) => `${vietnameseNumber(Math.round(x * 1000) / 10)}%`;
  const body = [
    `Ngày ${dmy(p.date)}, ${p.councilName} họp xét đề nghị khen thưởng.`,
    `Hình thức biểu quyết: ${p.secret ? 'bỏ phiếu kín' : 'biểu quyết công khai'}; số thành viên tham gia tối thiểu ${pct(p.quorum)}; đề nghị đạt khi được ${pct(p.passRatio)} ${p.passBasis === 'eligible' ? 'tổng số thành viên Hội đồng' : 'số phiếu hợp lệ'} tán thành.`,
    `# KẾT QUẢ KIỂM PHIẾU`,
    tableRow(['TT', 'Tập thể, cá nhân', 'Hình thức', 'Thành viên', 'Tham gia', 'Tán thành', 'Không tán thành', 'Không biểu quyết', 'Kết quả']),
    ...p.rows.map((r, i) => tableRow([i + 1, nomineeText(r.nominee), short(r.nominee.awardName), r.eligible, r.cast, r.yes, r.no, r.abstain, OUTCOME_TEXT[r.outcome]])),
    `Hội đồng thống nhất trình Ban Thường vụ xem xét, quyết định khen thưởng ${p.rows.filter((r) => r.outcome === 'passed').length} đề nghị đạt./.`,
  ];
  return { summary: 'Họp Hội đồng Thi đua - Khen thưởng xét đề nghị khen thưởng', body, recipients: ['Ban Thường vụ'], archiveDepartments: ['VT', 'Hội đồng TĐKT'] };
}
