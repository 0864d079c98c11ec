import { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { RollupFigureView } from '@thidua/contracts';
import { bodyParagraph, renderOfficialDocx, type OfficialHeader, type SignatureBlock } from '../documents/official-docx';

/**
 * The review report (báo cáo sơ kết / tổng kết) laid out like the provincial federation's 2022 report:
 * I. Đặc điểm, tình hình (1. Thuận lợi, 2. Khó khăn); II. Công tác triển khai; III. Kết quả đạt được
 * (with the indicator table and the exemplary models); IV. Đánh giá chung (1. Kết quả, 2. Tồn tại,
 * hạn chế); V. Phương hướng. Prose comes from the stored draft or the pre-filled text.
 */
export interface ReviewReportInput {
  header: OfficialHeader;
  signature: SignatureBlock;
  recipients: string[];
  archiveDepartments: string[];
  sections: Record<string, string>;
  figures: RollupFigureView[];
  models: Array<{ name: string; unitName: string; field: string }>;
}

const RULE_TEXT: Record<string, string> = {
  sum: 'tổng',
  share_of_units: 'tỷ lệ đơn vị',
  average: 'bình quân',
  weighted_by_members: 'bình quân theo số đoàn viên',
  weighted_by_field: 'bình quân theo trọng số',
};

const cell = (text: string, bold = false, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
  new TableCell({ children: [new Paragraph({ alignment: align, children: [new TextRun({ text, bold, font: 'Times New Roman', size: 24 })] })] });

function figuresTable(figures: RollupFigureView[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['TT', 'Chỉ tiêu', 'Kết quả', 'Cách tính', 'Đơn vị báo cáo'].map((h) => cell(h, true, AlignmentType.CENTER)) }),
      ...figures.map(
        (f, i) =>
          new TableRow({
            children: [
              cell(String(i + 1), false, AlignmentType.CENTER),
              cell(f.name),
              cell(f.display, true, AlignmentType.RIGHT),
              cell(`${RULE_TEXT[f.rule] ?? f.rule}: ${f.numerator} / ${f.denominator}`),
              cell(`${f.reporting}/${f.expected}`, false, AlignmentType.CENTER),
            ],
          }),
      ),
    ],
  });
}

function prose(text: string): Paragraph[] {
  return text
    .split(/\n+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => bodyParagraph(t));
}

export function renderReviewReport(input: ReviewReportInput): Promise<Buffer> {
  const s = input.sections;
  const h = (t: string) => bodyParagraph(`# ${t}`);
  const body = [
    h('I. ĐẶC ĐIỂM, TÌNH HÌNH'),
    h('1. Thuận lợi'),
    ...prose(s.advantages),
    h('2. Khó khăn'),
    ...prose(s.difficulties),
    h('II. CÔNG TÁC TRIỂN KHAI THỰC HIỆN PHONG TRÀO THI ĐUA'),
    h('1. Công tác lãnh đạo, chỉ đạo, phát động phong trào thi đua'),
    ...prose(s.leadership),
    h('2. Công tác tuyên truyền'),
    ...prose(s.propaganda),
    h('III. KẾT QUẢ ĐẠT ĐƯỢC'),
    h('1. Kết quả hưởng ứng, thực hiện phong trào thi đua'),
    ...prose(s.results),
    figuresTable(input.figures),
    new Paragraph({ children: [] }),
    h('2. Những cách làm hay, sáng tạo; mô hình điển hình'),
    ...prose(s.good_practices),
    ...input.models.map((m, i) => bodyParagraph(`${i + 1}. Mô hình "${m.name}" của ${m.unitName} (lĩnh vực: ${m.field}).`)),
    h('3. Công tác kiểm tra, đôn đốc, hướng dẫn thực hiện phong trào thi đua'),
    ...prose(s.inspection),
    h('4. Kết quả biểu dương, tôn vinh, khen thưởng'),
    ...prose(s.commendation),
    h('IV. ĐÁNH GIÁ CHUNG'),
    h('1. Kết quả đạt được'),
    ...prose(s.overall),
    h('2. Tồn tại, hạn chế, nguyên nhân'),
    ...prose(s.shortcomings),
    h('V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI'),
    ...prose(s.directions),
  ];
  return renderOfficialDocx({ header: input.header, body, recipients: input.recipients, archiveDepartments: input.archiveDepartments, signature: input.signature });
}
