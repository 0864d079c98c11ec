import {
  AlignmentType,
  Document,
  type FileChild,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { DOCUMENT_TYPE_NAMES, type DocumentType, type SignatureAuthority } from '@thidua/contracts';
import { bodyBlocks, placeAndDate } from './official-layout';

export { placeAndDate } from './official-layout';

/**
 * The official layout of decree 30/2020/NĐ-CP with the `docx` library: A4, Times New Roman, margins
 * 20/15/30/20 mm; header table (parent and issuing body, number; national motto, place and date),
 * type name and title, body, then Nơi nhận beside the signature block. Shared by every document and
 * by the review report.
 */

export interface OfficialHeader {
  parentBodyName: string;
  issuingBodyName: string;
  /** `72/KH-LĐLĐ`; null on a draft (printed `Số:      /KH-LĐLĐ`). */
  symbol: string | null;
  /** Symbol without the number, for drafts: `KH-LĐLĐ`. */
  symbolSuffix: string;
  place: string;
  /** `2020-01-03`; null on a draft (blank day and month). */
  date: string | null;
  docType: DocumentType | null;
  /** Trích yếu; under the number for a công văn (`V/v …`), under the type name otherwise. */
  summary: string;
  title?: string;
}

export interface SignatureBlock {
  authority: SignatureAuthority;
  /** `BAN THƯỜNG VỤ` for TM., `CHỦ TỊCH` for KT. */
  authorityBody: string;
  signerTitle: string;
  signerName: string;
}

export interface OfficialDocxInput {
  header: OfficialHeader;
  /** Paragraph texts, or ready-made docx blocks (tables, headings) for reports. */
  body: Array<string | FileChild>;
  recipients: string[];
  archiveDepartments: string[];
  signature: SignatureBlock;
}

const FONT = 'Times New Roman';
const SIZE = 28; // half-points: 14 pt body
const SMALL = 24; // 12 pt Nơi nhận

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? 26, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined });

const centered = (text: string, o: Parameters<typeof run>[1] = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, o)] });

export function authorityLine(authority: SignatureAuthority, body: string): string {
  return `${authority}. ${body}`;
}

function headerTable(h: OfficialHeader): Table {
  const numberText = h.symbol ? `Số: ${h.symbol}` : `Số:        /${h.symbolSuffix}`;
  const left: Paragraph[] = [
    ...(h.parentBodyName ? [centered(h.parentBodyName.toUpperCase())] : []),
    centered(h.issuingBodyName.toUpperCase(), { bold: true }),
    centered('———', { size: 20 }),
    centered(numberText),
    ...(h.docType === null ? [centered(`V/v ${h.summary}`, { size: 24 })] : []),
  ];
  const right: Paragraph[] = [
    centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 }),
    centered('Độc lập - Tự do - Hạnh phúc', { bold: true }),
    centered('———————————', { size: 20 }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(placeAndDate(h.place, h.date), { italics: true })] }),
  ];
  return new Table({
    borders: TableBorders.NONE,
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [3800, 5500],
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 3800, type: WidthType.DXA }, children: left }),
          new TableCell({ width: { size: 5500, type: WidthType.DXA }, children: right }),
        ],
      }),
    ],
  });
}

function footerTable(input: OfficialDocxInput): Table {
  const s = input.signature;
  const recipients = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: SMALL })] }),
    ...input.recipients.map((r) => new Paragraph({ children: [run(`- ${r.replace(/[;.]$/, '')};`, { size: 22 })] })),
    new Paragraph({ children: [run(`- Lưu: ${['VT', ...input.archiveDepartments].join(', ')}.`, { size: 22 })] }),
  ];
  const signature = [
    centered(authorityLine(s.authority, s.authorityBody).toUpperCase(), { bold: true, size: SIZE }),
    ...(s.signerTitle && s.signerTitle.toUpperCase() !== s.authorityBody.toUpperCase() ? [centered(s.signerTitle.toUpperCase(), { bold: true, size: SIZE })] : []),
    centered(''),
    centered(''),
    centered(''),
    centered(s.signerName, { bold: true, size: SIZE }),
  ];
  return new Table({
    borders: TableBorders.NONE,
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [4600, 4700],
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 4600, type: WidthType.DXA }, children: recipients }),
          new TableCell({ width: { size: 4700, type: WidthType.DXA }, children: signature }),
        ],
      }),
    ],
  });
}

/** A body paragraph: justified, first-line indent; `#`-prefixed text becomes a bold heading. */
export function bodyParagraph(text: string): Paragraph {
  if (text.startsWith('#')) {
    return new Paragraph({ spacing: { before: 120, after: 60 }, children: [run(text.replace(/^#+\s*/, ''), { bold: true, size: SIZE })] });
  }
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { after: 60, line: 300 },
    children: [run(text, { size: SIZE })],
  });
}

/** Strings through the shared body model (`#` heading, `|` table row, paragraph); docx blocks as they are. */
function bodyChildren(body: Array<string | FileChild>): FileChild[] {
  const out: FileChild[] = [];
  let strings: string[] = [];
  const flush = () => {
    for (const b of bodyBlocks(strings)) {
      if (b.kind === 'table') out.push(bodyTable(b.rows));
      else if (b.kind === 'centred') out.push(new Paragraph({ spacing: { before: 120, after: 120 }, alignment: AlignmentType.CENTER, children: [run(b.text, { bold: true, size: SIZE })] }));
      else out.push(bodyParagraph(b.kind === 'heading' ? `# ${b.text}` : b.text));
    }
    strings = [];
  };
  for (const b of body) {
    if (typeof b === 'string') strings.push(b);
    else {
      flush();
      out.push(b);
    }
  }
  flush();
  return out;
}

function bodyTable(rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: r.map((c) => new TableCell({ children: [new Paragraph({ alignment: i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(c, { bold: i === 0, size: 24 })] })] })),
        }),
    ),
  });
}

export function buildOfficialDocument(input: OfficialDocxInput): Document {
  const h = input.header;
  const titleBlock: Paragraph[] = [];
  if (h.docType !== null) {
    titleBlock.push(new Paragraph({ spacing: { before: 360 }, alignment: AlignmentType.CENTER, children: [run(DOCUMENT_TYPE_NAMES[h.docType], { bold: true, size: SIZE })] }));
    for (const line of (h.title ?? h.summary).split('\n')) titleBlock.push(centered(line, { bold: true, size: SIZE }));
    titleBlock.push(centered('—————', { size: 20 }));
  } else {
    titleBlock.push(new Paragraph({ spacing: { before: 240 }, children: [] }));
  }
  return new Document({
    creator: 'ThiĐua Flow',
    title: h.symbol ?? h.summary,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children: [
          headerTable(h),
          ...titleBlock,
          ...bodyChildren(input.body),
          new Paragraph({ children: [] }),
          footerTable(input),
        ],
      },
    ],
  });
}

export async function renderOfficialDocx(input: OfficialDocxInput): Promise<Buffer> {
  return Packer.toBuffer(buildOfficialDocument(input));
}
