import type { SignatureAuthority } from '@thidua/contracts';
import { dmy, tableRow, typographicQuotes, vietnameseNumber } from './official-layout';

/**
 * The commendation decision (Quyết định khen thưởng) in the union's form (QĐ 933/QĐ-TLĐ 2024 on
 * documents of the trade union, and the provinces' practice): the deciding body's line under the
 * title; the căn cứ list (Luật Công đoàn, Điều lệ Công đoàn Việt Nam, Luật Thi đua, Khen thưởng, the
 * decree in force, the union's quy chế in force for the achievement period, the council's minutes only
 * when a council voted, the proposal); "QUYẾT ĐỊNH:" centred; Điều 1 with each nominee and their unit
 * (an attached list when long); Điều 2 with the bonus (coefficient × base salary); the execution
 * article. Pure: plain data in, the parts of an official document out, so the commendation code calls
 * it with whatever it holds.
 */
export interface DecisionNominee {
  kind: 'individual' | 'collective';
  name: string;
  /** Chức vụ of an individual. */
  position?: string | null;
  /** The nominee's unit (for a collective: its parent or itself). */
  unitName: string;
}

export interface CommendationDecisionInput {
  /** `BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH NINH THUẬN`: who decides (the collective signing TM.). */
  decidingBody: string;
  /** The issuer in full, in prose: `Liên đoàn Lao động tỉnh Ninh Thuận`. */
  issuerFullName: string;
  /** The award as this union names it: `Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh Ninh Thuận`. */
  awardName: string;
  campaignTitle?: string | null;
  achievementPeriod?: { from: string; to: string } | null;
  /** The union's quy chế in force for the achievement period, as cited. */
  ruleSetCitation: string;
  /** The decree in force for the period: `Nghị định số 152/2025/NĐ-CP ngày 26/6/2025 của Chính phủ …`. */
  decreeCitation?: string;
  /** Only when a council voted. */
  /** Only when a council voted; without a minutes number, its vote of that day is cited. */
  council?: { minutesSymbol: string | null; minutesDate: string; councilName: string } | null;
  /** Xét đề nghị của …: the proposing department or unit, with its tờ trình when there is one. */
  proposal: { by: string; symbol?: string | null; date?: string | null };
  /** Several proposing units (each with its tờ trình): replaces `proposal` when given and not empty. */
  proposals?: Array<{ by: string; symbol?: string | null; date?: string | null }>;
  nominees: DecisionNominee[];
  /** Bonus: coefficient × base salary (mức lương cơ sở), both configurable; per individual and per collective. */
  bonus?: { baseSalary: number; individual?: number | null; collective?: number | null; baseSalaryCitation?: string } | null;
  /** Departments charged with carrying it out (Điều 3). */
  executors: string[];
  /** Above this many nominees, Điều 1 refers to an attached list. */
  inlineLimit?: number;
  signer: { authority?: SignatureAuthority; authorityBody?: string; signerTitle: string; signerName: string };
  extraRecipients?: string[];
  archiveDepartment?: string;
}

export interface DecisionParts {
  summary: string;
  title: string;
  body: string[];
  recipients: string[];
  archiveDepartments: string[];
  authority: SignatureAuthority;
  authorityBody: string;
  signerTitle: string;
  signerName: string;
}

export const LAW_CITATIONS = {
  tradeUnionLaw: 'Căn cứ Luật Công đoàn năm 2024;',
  charter: 'Căn cứ Điều lệ Công đoàn Việt Nam;',
  emulationLaw: 'Căn cứ Luật Thi đua, Khen thưởng năm 2022;',
  decree152: 'Nghị định số 152/2025/NĐ-CP ngày 26/6/2025 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng',
  decree98: 'Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng',
};

/** The decree in force on a date: 98/2023 until 30 June 2025, 152/2025 from 1 July 2025. */
export function decreeInForce(onDate: string): string {
  return onDate >= '2025-07-01' ? LAW_CITATIONS.decree152 : LAW_CITATIONS.decree98;
}

function nomineeLine(n: DecisionNominee, i: number): string {
  if (n.kind === 'collective') return `${i + 1}. ${n.name}${n.unitName && n.unitName !== n.name ? ` thuộc ${n.unitName}` : ''};`;
  return `${i + 1}. ${n.name}${n.position ? `, ${n.position}` : ''}, ${n.unitName};`;
}

export function buildCommendationDecision(d: CommendationDecisionInput): DecisionParts {
  const collectives = d.nominees.filter((n) => n.kind === 'collective').length;
  const individuals = d.nominees.length - collectives;
  const whom = [collectives ? `${vietnameseNumber(collectives)} tập thể` : null, individuals ? `${vietnameseNumber(individuals)} cá nhân` : null].filter(Boolean).join(' và ');
  const inCampaign = d.campaignTitle ? ` trong phong trào thi đua “${typographicQuotes(d.campaignTitle).replace(/^“|”$/g, '')}”${d.achievementPeriod ? ` giai đoạn ${d.achievementPeriod.from.slice(0, 4)} - ${d.achievementPeriod.to.slice(0, 4)}` : ''}` : '';
  const summary = `Về việc tặng ${d.awardName.split(' của ')[0]}${inCampaign}`;
  const long = d.nominees.length > (d.inlineLimit ?? 10);

  const body: string[] = [`^${d.decidingBody.toUpperCase()}`];
  body.push(LAW_CITATIONS.tradeUnionLaw, LAW_CITATIONS.charter, LAW_CITATIONS.emulationLaw);
  body.push(`Căn cứ ${d.decreeCitation ?? LAW_CITATIONS.decree152};`);
  body.push(`Căn cứ ${d.ruleSetCitation.replace(/^Căn cứ\s+/i, '').replace(/[;.]$/, '')};`);
  if (d.council) {
    body.push(d.council.minutesSymbol ? `Căn cứ Biên bản số ${d.council.minutesSymbol} ngày ${dmy(d.council.minutesDate)} của ${d.council.councilName};` : `Căn cứ kết quả bỏ phiếu ngày ${dmy(d.council.minutesDate)} của ${d.council.councilName};`);
  }
  const proposals = d.proposals && d.proposals.length > 0 ? d.proposals : [d.proposal];
  const proposalText = (p: { by: string; symbol?: string | null; date?: string | null }) => `${p.by}${p.symbol ? ` tại Tờ trình số ${p.symbol}${p.date ? ` ngày ${dmy(p.date)}` : ''}` : ''}`;
  body.push(`Xét đề nghị của ${proposals.map(proposalText).join('; ')}.`);
  body.push('^QUYẾT ĐỊNH:');
  body.push(`Điều 1. Tặng ${d.awardName} cho ${whom}${long ? ' (có danh sách kèm theo)' : ''} đã có thành tích xuất sắc${inCampaign || ' trong phong trào thi đua'}${long ? '.' : ':'}`);
  if (!long) d.nominees.forEach((n, i) => body.push(nomineeLine(n, i)));
  const pays = d.bonus
    ? ([['cá nhân', individuals, d.bonus.individual], ['tập thể', collectives, d.bonus.collective]] as const).filter(([, n, k]) => n > 0 && typeof k === 'number' && k > 0)
    : [];
  if (d.bonus && pays.length) {
    const base = d.bonus.baseSalary;
    const each = pays.map(([who, , k]) => `mỗi ${who} ${vietnameseNumber(k!)} lần mức lương cơ sở (${vietnameseNumber(k!)} × ${vietnameseNumber(base)} đồng = ${vietnameseNumber(Math.round(k! * base))} đồng)`);
    body.push(
      `Điều 2. Kèm theo ${d.awardName.split(' của ')[0]}, ${each.join('; ')}${d.bonus.baseSalaryCitation ? `, mức lương cơ sở theo ${d.bonus.baseSalaryCitation}` : ''}; tiền thưởng trích từ quỹ thi đua, khen thưởng của ${d.issuerFullName}.`,
    );
  }
  const executionArticle = pays.length ? 3 : 2;
  body.push(`Điều ${executionArticle}. ${d.executors.length ? `${d.executors.join(', ')}, ` : ''}các tập thể và cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký./.`);
  if (long) {
    body.push(`# DANH SÁCH ${whom.toUpperCase()} ĐƯỢC TẶNG ${d.awardName.split(' của ')[0].toUpperCase()}`);
    body.push(tableRow(['TT', 'Tập thể, cá nhân', 'Chức vụ', 'Đơn vị']));
    d.nominees.forEach((n, i) => body.push(tableRow([i + 1, n.name, n.position ?? '', n.unitName])));
  }
  return {
    summary,
    title: summary,
    body,
    recipients: [`Như Điều ${executionArticle}`, ...(d.extraRecipients ?? [])],
    archiveDepartments: [d.archiveDepartment ?? 'Ban TĐKT'],
    authority: d.signer.authority ?? 'TM',
    authorityBody: d.signer.authorityBody ?? 'BAN THƯỜNG VỤ',
    signerTitle: d.signer.signerTitle,
    signerName: d.signer.signerName,
  };
}
