import type { ReportSection, RollupFigureView } from '@thidua/contracts';
import { dmy, tableRow, typographicQuotes, vietnameseNumber } from '../documents/index';

/**
 * The review report (báo cáo sơ kết / tổng kết) as the body of an official document, from data:
 * the structure of the provincial federation's 2022 report (I.1–2, II.1–2, III.1–5 with III.3 on the
 * impact and "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", IV.1–2), then V when
 * directions were written. What the data knows is written from it (the campaign's own plan and
 * guidance, indicator figures with a plain "cách tính", exemplary models, inspections with findings and
 * corrective actions, commendations decided); the officer's prose (stored draft or pre-filled text)
 * surrounds it. Pure: plain data in, body strings out (`#` headings, `|` table rows).
 */
export interface ReviewReportData {
  campaign: { title: string; periodFrom: string; periodTo: string; legalBasis: string[] };
  milestone: { label: string };
  /** `LĐLĐ tỉnh`: how the report names its issuer in prose. */
  issuerShortName: string;
  /** Documents of the campaign issued by the launching unit: its plan (KH) and guidance (HD). */
  plan: Array<{ symbol: string; signedOn: string; summary: string; docType: 'KH' | 'HD' | string }>;
  figures: RollupFigureView[];
  /** Names of weight fields by key (for the "cách tính" of a weighted mean). */
  indicatorNames: Record<string, string>;
  weightFields: Record<string, string | undefined>;
  models: Array<{ name: string; unitName: string; field: string }>;
  inspections: Array<{ unitName: string; supervisorName: string; topic: string; scheduledFor: string; status: string; findings: Array<{ text: string; severity: 'positive' | 'negative' }>; correctiveAction: string | null; closedAt: string | null }>;
  commendations: Array<{ nomineeName: string; nomineeUnitName: string | null; awardForm: string; decisionSymbol: string | null; decisionDate: string | null }>;
  sections: Record<ReportSection, string>;
}

/** A plain statement of how a figure is computed, with its counts in Vietnamese formatting. */
export function howComputed(f: RollupFigureView, weightName?: string): string {
  const units = `${vietnameseNumber(f.reporting)}/${vietnameseNumber(f.expected)} CĐCS đã báo cáo`;
  switch (f.rule) {
    case 'share_of_units':
      return `Số CĐCS đạt (${vietnameseNumber(f.numerator, 0)}) chia cho số CĐCS đã báo cáo (${vietnameseNumber(f.denominator, 0)}); ${units}`;
    case 'weighted_by_members':
      return `Bình quân của các CĐCS, mỗi đơn vị tính theo số đoàn viên (tổng ${vietnameseNumber(f.denominator, 0)} đoàn viên); ${units}${f.missingWeight ? `; ${f.missingWeight} đơn vị chưa có số đoàn viên không được tính` : ''}`;
    case 'weighted_by_field':
      return `Bình quân của các CĐCS, mỗi đơn vị tính theo ${weightName ? weightName.toLowerCase() : 'trọng số'} (tổng ${vietnameseNumber(f.denominator, 0)}); ${units}`;
    case 'average':
      return `Bình quân cộng của các CĐCS đã báo cáo; ${units}`;
    case 'sum':
      return `Cộng số liệu của các CĐCS; ${units}`;
    default:
      return units;
  }
}

function displayValue(f: RollupFigureView): string {
  if (f.value === null) return 'chưa có số liệu';
  if (f.type === 'percent' || f.rule === 'share_of_units') return `${vietnameseNumber(f.value, 2)}%`;
  return vietnameseNumber(f.value);
}

function prose(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\n+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map(typographicQuotes);
}

function sentenceList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('; ')} và ${items[items.length - 1]}`;
}

const TYPE_NAME: Record<string, string> = { KH: 'Kế hoạch', HD: 'Hướng dẫn' };

export function buildReviewReportBody(d: ReviewReportData): string[] {
  const s = d.sections;
  const q = (t: string) => `“${t}”`;
  const out: string[] = [];
  out.push('# I. ĐẶC ĐIỂM, TÌNH HÌNH', '# 1. Thuận lợi', ...prose(s.advantages), '# 2. Khó khăn', ...prose(s.difficulties));

  out.push('# II. CÔNG TÁC TRIỂN KHAI THỰC HIỆN PHONG TRÀO THI ĐUA', '# 1. Công tác lãnh đạo, chỉ đạo, phát động Phong trào thi đua');
  const cited: string[] = [];
  if (d.campaign.legalBasis.length) cited.push(`quán triệt, triển khai ${sentenceList(d.campaign.legalBasis)}`);
  for (const p of d.plan) cited.push(`ban hành ${TYPE_NAME[p.docType] ?? 'Văn bản'} số ${p.symbol} ngày ${dmy(p.signedOn)} về việc ${typographicQuotes(p.summary.charAt(0).toLowerCase() + p.summary.slice(1))}`);
  if (cited.length) out.push(`Ban Thường vụ ${d.issuerShortName} đã ${cited.join('; ')}, triển khai Phong trào thi đua ${q(d.campaign.title)} giai đoạn ${d.campaign.periodFrom.slice(0, 4)} - ${d.campaign.periodTo.slice(0, 4)} đến các cấp công đoàn.`);
  out.push(...prose(s.leadership));
  out.push('# 2. Công tác tuyên truyền', ...prose(s.propaganda));

  out.push('# III. KẾT QUẢ ĐẠT ĐƯỢC', '# 1. Kết quả hưởng ứng, thực hiện phong trào thi đua', ...prose(s.results));
  if (d.figures.length) {
    out.push(`Kết quả ${d.milestone.label.toLowerCase()} theo số liệu các đơn vị đã báo cáo và được cấp trên chấp nhận:`);
    out.push(tableRow(['TT', 'Chỉ tiêu', 'Kết quả', 'Cách tính']));
    d.figures.forEach((f, i) => out.push(tableRow([i + 1, f.name, displayValue(f), howComputed(f, d.weightFields[f.key] ? d.indicatorNames[d.weightFields[f.key]!] : undefined)])));
  }
  out.push('# 2. Những cách làm hay, sáng tạo trong việc thực hiện phong trào thi đua', ...prose(s.good_practices));
  if (d.models.length) {
    out.push(`Các cấp công đoàn đã đăng ký và xây dựng được ${vietnameseNumber(d.models.length)} mô hình điển hình về phong trào ${q(d.campaign.title)}:`);
    d.models.forEach((m) => out.push(`- Mô hình ${q(typographicQuotes(m.name))} của ${m.unitName}${m.field ? ` (lĩnh vực ${m.field})` : ''};`));
  } else {
    out.push('Chưa có mô hình điển hình nào được đăng ký trên hệ thống.');
  }
  out.push('# 3. Đánh giá tác động, hiệu quả của Phong trào thi đua đối với việc thực hiện nhiệm vụ chính trị gắn với việc đẩy mạnh “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”', ...prose(s.impact));

  out.push('# 4. Công tác kiểm tra, đôn đốc, hướng dẫn thực hiện phong trào thi đua');
  if (d.inspections.length) {
    const closed = d.inspections.filter((i) => i.closedAt).length;
    out.push(`Trong kỳ, các cấp công đoàn đã kiểm tra ${vietnameseNumber(d.inspections.length)} lượt đơn vị; ${vietnameseNumber(closed)} cuộc kiểm tra đã kết thúc.`);
    for (const i of d.inspections) {
      const good = i.findings.filter((f) => f.severity === 'positive').map((f) => typographicQuotes(f.text.replace(/\.$/, '')));
      const bad = i.findings.filter((f) => f.severity === 'negative').map((f) => typographicQuotes(f.text.replace(/\.$/, '')));
      const parts = [`${i.supervisorName} kiểm tra ${i.unitName} ngày ${dmy(i.scheduledFor)} về ${typographicQuotes(i.topic.charAt(0).toLowerCase() + i.topic.slice(1))}`];
      if (good.length) parts.push(`ưu điểm: ${good.join('; ')}`);
      if (bad.length) parts.push(`tồn tại: ${bad.join('; ')}`);
      if (i.correctiveAction) parts.push(`biện pháp khắc phục: ${typographicQuotes(i.correctiveAction.replace(/\.$/, ''))}${i.closedAt ? ` (đã kiểm tra lại, kết thúc ngày ${dmy(i.closedAt)})` : ' (đang theo dõi)'}`);
      else if (bad.length) parts.push(i.closedAt ? `đã kết thúc ngày ${dmy(i.closedAt)}` : 'đơn vị đang khắc phục');
      else if (!i.findings.length) parts.push('chưa ghi biên bản kết quả');
      out.push(`- ${parts.join('; ')}.`);
    }
  } else {
    out.push('Chưa có cuộc kiểm tra nào được ghi nhận trên hệ thống trong kỳ.');
  }
  out.push(...prose(s.inspection));

  out.push('# 5. Kết quả biểu dương, tôn vinh, khen thưởng Phong trào thi đua');
  if (d.commendations.length) {
    const byDecision = new Map<string, typeof d.commendations>();
    for (const c of d.commendations) {
      const k = c.decisionSymbol ? `${c.decisionSymbol}|${c.decisionDate ?? ''}` : '|';
      byDecision.set(k, [...(byDecision.get(k) ?? []), c]);
    }
    out.push(`Đã khen thưởng ${vietnameseNumber(d.commendations.length)} tập thể, cá nhân có thành tích xuất sắc trong phong trào:`);
    for (const [k, list] of byDecision) {
      const [symbol, date] = k.split('|');
      const forms = [...new Set(list.map((c) => c.awardForm))];
      out.push(`- ${forms.join(', ')}${symbol ? ` (Quyết định số ${symbol}${date ? ` ngày ${dmy(date)}` : ''})` : ''}: ${list.map((c) => (c.nomineeUnitName && c.nomineeUnitName !== c.nomineeName ? `${c.nomineeName} (${c.nomineeUnitName})` : c.nomineeName)).join('; ')}.`);
    }
  } else {
    out.push('Chưa có quyết định khen thưởng nào trong kỳ.');
  }
  out.push(...prose(s.commendation));

  out.push('# IV. ĐÁNH GIÁ CHUNG', '# 1. Kết quả đạt được', ...prose(s.overall), '# 2. Tồn tại, hạn chế, nguyên nhân', ...prose(s.shortcomings));
  const directions = prose(s.directions);
  if (directions.length) out.push('# V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', ...directions);
  return out;
}

/** Nơi nhận of the 2022 report, offered as the default of a new report. */
export const REVIEW_REPORT_RECIPIENTS = [
  'TLĐ LĐVN',
  'Sở Nội vụ',
  'UBMTTQVN tỉnh',
  'Trưởng Khối thi đua MT – ĐT tỉnh',
  'Thường trực LĐLĐ tỉnh',
  'Công đoàn cấp trên trực tiếp cơ sở',
  'Các Ban LĐLĐ tỉnh',
  'Website LĐLĐ tỉnh',
];
