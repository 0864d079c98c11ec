import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { DOCUMENT_TYPE_NAMES } from '@thidua/contracts';
import { authorityLine, type OfficialHeader, type SignatureBlock } from './official-docx';
import { bodyBlocks, placeAndDate } from './official-layout';

/**
 * The PDF of an official document, from the same content as its .docx, with pdfkit and the DejaVu
 * Serif TrueType fonts of the `dejavu-fonts-ttf` npm package (full Vietnamese coverage; embedded and
 * subset in the file, so neither the server nor the reader needs a font installed). PDF/A-2b
 * identification (XMP metadata, sRGB output intent, every font embedded) as pdfkit writes it.
 *
 * Layout of decree 30/2020 annex I: A4, margins top 20, bottom 20, left 30, right 15 mm; header in two
 * columns (parent and issuing body, number and symbol | national motto, place and date); type name
 * and title; body; Nơi nhận beside the signature block (authority, title, the signature box, name);
 * page numbers at the top centre from page 2.
 *
 * When `signature` is given, the signature box holds a visible PAdES signature field (widget with an
 * appearance stream) and an empty signature dictionary (`ETSI.CAdES.detached`) sized for the CMS;
 * `signPdf` (pdf-signing.ts) fills it.
 */
export interface OfficialPdfInput {
  header: OfficialHeader;
  body: string[];
  recipients: string[];
  archiveDepartments: string[];
  signature: SignatureBlock;
}

export interface PdfSignatureSlot {
  /** Lines printed in the box: who signed, with what certificate, when. */
  lines: string[];
  reason: string;
  name: string;
  location: string;
  contactInfo?: string;
  signingTime: Date;
  /** Bytes reserved for the CMS (hex doubles it in the file). */
  signatureLength?: number;
}

const requireFromHere = createRequire(__filename);
const FONT_DIR = requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf').replace(/DejaVuSerif\.ttf$/, '');
export const PDF_FONTS = {
  regular: `${FONT_DIR}DejaVuSerif.ttf`,
  bold: `${FONT_DIR}DejaVuSerif-Bold.ttf`,
  italic: `${FONT_DIR}DejaVuSerif-Italic.ttf`,
  boldItalic: `${FONT_DIR}DejaVuSerif-BoldItalic.ttf`,
} as const;

export const BYTE_RANGE_PLACEHOLDER = '**********';
export const DEFAULT_SIGNATURE_LENGTH = 16384;

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const BODY_SIZE = 12.5;

type Doc = PDFKit.PDFDocument;
type Style = 'regular' | 'bold' | 'italic' | 'boldItalic';

function font(doc: Doc, style: Style, size: number): Doc {
  return doc.font(style, size);
}

function centred(doc: Doc, text: string, x: number, y: number, width: number, style: Style, size: number): number {
  font(doc, style, size);
  doc.text(text, x, y, { width, align: 'center' });
  return doc.y;
}

function rule(doc: Doc, cx: number, y: number, length: number): number {
  doc.moveTo(cx - length / 2, y + 2).lineTo(cx + length / 2, y + 2).lineWidth(0.6).stroke();
  return y + 6;
}

function header(doc: Doc, h: OfficialHeader): void {
  const contentWidth = A4.width - MARGIN.left - MARGIN.right;
  const leftW = contentWidth * 0.4;
  const rightW = contentWidth - leftW;
  const lx = MARGIN.left;
  const rx = MARGIN.left + leftW;
  let ly = MARGIN.top;
  if (h.parentBodyName) ly = centred(doc, h.parentBodyName.toUpperCase(), lx, ly, leftW, 'regular', 11);
  ly = centred(doc, h.issuingBodyName.toUpperCase(), lx, ly, leftW, 'bold', 11);
  ly = rule(doc, lx + leftW / 2, ly, 40);
  const numberText = h.symbol ? `Số: ${h.symbol}` : `Số:        /${h.symbolSuffix}`;
  ly = centred(doc, numberText, lx, ly + 2, leftW, 'regular', 12);
  if (h.docType === null) ly = centred(doc, `V/v ${h.summary}`, lx, ly + 2, leftW, 'regular', 11);

  let ry = MARGIN.top;
  ry = centred(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rx, ry, rightW, 'bold', 10.5);
  ry = centred(doc, 'Độc lập - Tự do - Hạnh phúc', rx, ry, rightW, 'bold', 12.5);
  ry = rule(doc, rx + rightW / 2, ry, 150);
  ry = centred(doc, placeAndDate(h.place, h.date), rx, ry + 4, rightW, 'italic', 12.5);

  let y = Math.max(ly, ry) + 18;
  if (h.docType !== null) {
    y = centred(doc, DOCUMENT_TYPE_NAMES[h.docType], MARGIN.left, y, contentWidth, 'bold', 13.5);
    for (const line of (h.title ?? h.summary).split('\n')) y = centred(doc, line, MARGIN.left, y, contentWidth, 'bold', 13);
    y = rule(doc, MARGIN.left + contentWidth / 2, y, 60) + 6;
  }
  doc.x = MARGIN.left;
  doc.y = y;
}

function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > A4.height - MARGIN.bottom) doc.addPage();
}

function table(doc: Doc, rows: string[][]): void {
  const contentWidth = A4.width - MARGIN.left - MARGIN.right;
  const cols = Math.max(...rows.map((r) => r.length));
  // Columns share the width by the length of their longest cell, within bounds.
  const weights = Array.from({ length: cols }, (_, c) => Math.min(40, Math.max(4, ...rows.map((r) => (r[c] ?? '').length))));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * contentWidth);
  const pad = 3;
  const size = 10.5;
  doc.moveDown(0.3);
  rows.forEach((row, ri) => {
    const style: Style = ri === 0 ? 'bold' : 'regular';
    font(doc, style, size);
    const height = Math.max(...widths.map((w, c) => doc.heightOfString(row[c] ?? '', { width: w - 2 * pad }))) + 2 * pad;
    ensureSpace(doc, height);
    const y = doc.y;
    let x = MARGIN.left;
    widths.forEach((w, c) => {
      doc.rect(x, y, w, height).lineWidth(0.5).stroke();
      font(doc, style, size);
      doc.text(row[c] ?? '', x + pad, y + pad, { width: w - 2 * pad, align: ri === 0 ? 'center' : 'left' });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = y + height;
  });
  doc.moveDown(0.5);
}

function body(doc: Doc, blocks: string[]): void {
  const width = A4.width - MARGIN.left - MARGIN.right;
  for (const b of bodyBlocks(blocks)) {
    if (b.kind === 'table') {
      table(doc, b.rows);
      continue;
    }
    doc.x = MARGIN.left;
    if (b.kind === 'centred') {
      font(doc, 'bold', BODY_SIZE);
      doc.text(b.text, MARGIN.left, doc.y + 4, { width, align: 'center', paragraphGap: 4 });
    } else if (b.kind === 'heading') {
      font(doc, 'bold', BODY_SIZE);
      ensureSpace(doc, 40);
      doc.text(b.text, MARGIN.left, doc.y + 4, { width, align: 'left', paragraphGap: 3 });
    } else {
      font(doc, 'regular', BODY_SIZE);
      doc.text(b.text, MARGIN.left, doc.y, { width, align: 'justify', indent: 1 * 28.35, paragraphGap: 4, lineGap: 1.5 });
    }
  }
}

/** Nơi nhận (left) and the signature block (right); returns the signature box (top-left origin). */
function footer(doc: Doc, input: OfficialPdfInput, slot: PdfSignatureSlot | undefined): { x: number; y: number; w: number; h: number } {
  const contentWidth = A4.width - MARGIN.left - MARGIN.right;
  const leftW = contentWidth * 0.48;
  const rightW = contentWidth - leftW;
  const boxH = slot ? 62 : 54;
  font(doc, 'regular', 10.5);
  const recipientsHeight = (input.recipients.length + 2) * 14;
  ensureSpace(doc, Math.max(recipientsHeight, 60 + boxH) + 16);
  const top = doc.y + 12;

  let ly = top;
  font(doc, 'boldItalic', 11);
  doc.text('Nơi nhận:', MARGIN.left, ly, { width: leftW });
  ly = doc.y;
  font(doc, 'regular', 10.5);
  for (const r of input.recipients) {
    doc.text(`- ${r.replace(/[;.]$/, '')};`, MARGIN.left, ly, { width: leftW - 6 });
    ly = doc.y;
  }
  doc.text(`- Lưu: ${['VT', ...input.archiveDepartments].join(', ')}.`, MARGIN.left, ly, { width: leftW - 6 });

  const s = input.signature;
  const rx = MARGIN.left + leftW;
  let ry = centred(doc, authorityLine(s.authority, s.authorityBody).toUpperCase(), rx, top, rightW, 'bold', 12.5);
  if (s.signerTitle && s.signerTitle.toUpperCase() !== s.authorityBody.toUpperCase()) ry = centred(doc, s.signerTitle.toUpperCase(), rx, ry, rightW, 'bold', 12.5);
  const box = { x: rx + 10, y: ry + 6, w: rightW - 20, h: boxH };
  if (slot) {
    font(doc, 'regular', 8.5);
    doc.fillColor('#1f3d8a');
    let ty = box.y + 5;
    for (const line of slot.lines) {
      doc.text(line, box.x + 6, ty, { width: box.w - 12, align: 'left' });
      ty = doc.y;
    }
    doc.fillColor('black');
  }
  centred(doc, s.signerName, rx, box.y + box.h + 6, rightW, 'bold', 12.5);
  return box;
}

function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    font(doc, 'regular', 11);
    // Written inside the top margin: keep pdfkit from breaking the page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(String(i + 1), MARGIN.left, 10 * MM, { width: A4.width - MARGIN.left - MARGIN.right, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** A signature field on the given page, PAdES-ready: /Sig dictionary with placeholders, widget, AcroForm. */
function addSignatureField(doc: Doc, page: PDFKit.PDFPage, box: { x: number; y: number; w: number; h: number }, slot: PdfSignatureSlot): void {
  const d = doc as unknown as {
    ref(data: Record<string, unknown>): { end(chunk?: string): void; data: Record<string, unknown> };
    _root: { data: Record<string, unknown> };
    initForm(): void;
  };
  const signature = d.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(slot.signatureLength ?? DEFAULT_SIGNATURE_LENGTH),
    Reason: new String(slot.reason),
    M: slot.signingTime,
    Name: new String(slot.name),
    Location: new String(slot.location),
    ...(slot.contactInfo ? { ContactInfo: new String(slot.contactInfo) } : {}),
    Prop_Build: { App: { Name: 'ThiDua-Flow' } },
  });
  // PDF user space starts bottom-left.
  const rect = [box.x, A4.height - box.y - box.h, box.x + box.w, A4.height - box.y];
  const appearance = d.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, box.w, box.h], Resources: {} });
  appearance.end(`0.12 0.24 0.54 RG 0.8 w 0.4 0.4 ${(box.w - 0.8).toFixed(2)} ${(box.h - 0.8).toFixed(2)} re S`);
  const pageDict = (page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary;
  const widget = d.ref({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: rect, V: signature, T: new String('Signature1'), F: 4, P: pageDict, AP: { N: appearance } });
  const annots = (pageDict.data.Annots as unknown[] | undefined) ?? [];
  pageDict.data.Annots = [...annots, widget];
  // pdfkit's own AcroForm (it ends the form with the document); a signature form needs SigFlags and
  // no NeedAppearances (PDF/A forbids it: the widget carries its appearance).
  d.initForm();
  const form = d._root.data.AcroForm as { data: Record<string, unknown> };
  delete form.data.NeedAppearances;
  form.data.SigFlags = 3;
  (form.data.Fields as unknown[]).push(widget);
  signature.end();
  widget.end();
}

export function renderOfficialPdf(input: OfficialPdfInput, slot?: PdfSignatureSlot): Promise<Buffer> {
  const h = input.header;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'vi-VN',
    bufferPages: true,
    font: PDF_FONTS.regular,
    displayTitle: true,
    info: { Title: h.symbol ? `${h.symbol} ${h.summary}` : h.summary, Author: h.issuingBodyName, Creator: 'ThiĐua Flow', Producer: 'ThiĐua Flow (pdfkit)', CreationDate: slot?.signingTime ?? new Date(0) },
  });
  doc.registerFont('regular', PDF_FONTS.regular);
  doc.registerFont('bold', PDF_FONTS.bold);
  doc.registerFont('italic', PDF_FONTS.italic);
  doc.registerFont('boldItalic', PDF_FONTS.boldItalic);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, h);
  body(doc, input.body);
  const box = footer(doc, input, slot);
  const signaturePage = doc.page;
  pageNumbers(doc);
  if (slot) addSignatureField(doc, signaturePage, box, slot);
  doc.end();
  return done;
}
