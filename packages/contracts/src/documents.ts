import { z } from 'zod';

/**
 * Official documents (văn bản) in the form of decree 30/2020/NĐ-CP (for unions QĐ 933/QĐ-TLĐ 2024):
 * numbered per issuing unit, per calendar year and per series at signing.
 */

/** Document-type abbreviations; `null` (no type) is a plain letter, công văn. */
export const DOCUMENT_TYPES = ['QĐ', 'KH', 'HD', 'BC', 'TTr', 'BB', 'TB', 'CTr', 'NQ'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_NAMES: Record<DocumentType, string> = {
  QĐ: 'QUYẾT ĐỊNH',
  KH: 'KẾ HOẠCH',
  HD: 'HƯỚNG DẪN',
  BC: 'BÁO CÁO',
  TTr: 'TỜ TRÌNH',
  BB: 'BIÊN BẢN',
  TB: 'THÔNG BÁO',
  CTr: 'CHƯƠNG TRÌNH',
  NQ: 'NGHỊ QUYẾT',
};

/** TM. on behalf of a collective, KT. deputy for the head, Q. acting, TL. by order, TUQ. by special authorisation. */
export const SIGNATURE_AUTHORITIES = ['TM', 'KT', 'Q', 'TL', 'TUQ'] as const;
export type SignatureAuthority = (typeof SIGNATURE_AUTHORITIES)[number];

/** `main` is the issuing body's register; an advisory body (the council) keeps its own. */
export const DOCUMENT_SERIES = ['main', 'council'] as const;
export type DocumentSeries = (typeof DOCUMENT_SERIES)[number];

export const DOCUMENT_STATUSES = ['draft', 'signed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const createDocumentSchema = z
  .object({
    issuerUnitId: z.uuid(),
    series: z.enum(DOCUMENT_SERIES).default('main'),
    /** Omit (or null) for a công văn, which then needs `department` for its symbol (`4173/TLĐ-ToC`). */
    docType: z.enum(DOCUMENT_TYPES).nullable().default(null),
    department: z.string().trim().max(20).optional(),
    /** Trích yếu: what the document is about. */
    summary: text(1000),
    /** Title line under the type name; default the summary. */
    title: z.string().trim().max(1000).optional(),
    /** Body paragraphs; a paragraph starting with `#` is a heading. */
    body: z.array(z.string().max(20000)).max(2000).default([]),
    place: text(100).optional(),
    authority: z.enum(SIGNATURE_AUTHORITIES).default('TM'),
    /** The collective or head the signer acts for, e.g. `BAN THƯỜNG VỤ` (TM.) or `CHỦ TỊCH` (KT.). */
    authorityBody: z.string().trim().max(200).default('BAN THƯỜNG VỤ'),
    signerTitle: text(200),
    signerName: text(200),
    /** Nơi nhận, without the closing `Lưu: VT, …` line (built from `archiveDepartments`). */
    recipients: z.array(text(300)).max(100).default([]),
    archiveDepartments: z.array(text(50)).max(10).default([]),
    campaignId: z.uuid().optional(),
  })
  .refine((d) => d.docType !== null || (d.department ?? '').length > 0, { message: 'a công văn needs its department abbreviation', path: ['department'] });
export type CreateDocumentRequest = z.infer<typeof createDocumentSchema>;

export const signDocumentSchema = z.object({
  /** Signing date; default today in Vietnam time. Its calendar year picks the number series. */
  signedOn: z.iso.date().optional(),
});
export type SignDocumentRequest = z.infer<typeof signDocumentSchema>;

export const listDocumentsQuerySchema = z.object({
  issuerUnitId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  year: z.coerce.number().int().min(1900).max(3000).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
});
export type ListDocumentsQuery = z.infer<typeof listDocumentsQuerySchema>;

export const issuerProfileSchema = z.object({
  /** Issuer abbreviation in symbols: `LĐLĐ`, `TLĐ`, `CĐN`. */
  abbreviation: text(30),
  /** The body above the issuer, first header line: `TỔNG LĐLĐ VIỆT NAM`. */
  parentBodyName: z.string().trim().max(200).default(''),
  /** The issuer as printed in the header: `LĐLĐ TỈNH NINH THUẬN`. */
  issuingBodyName: text(200),
  place: text(100),
  councilAbbreviation: z.string().trim().max(30).default('HĐTĐKT'),
});
export type IssuerProfileRequest = z.infer<typeof issuerProfileSchema>;

export interface DocumentView {
  id: string;
  issuerUnitId: string;
  series: DocumentSeries;
  docType: DocumentType | null;
  department: string | null;
  status: DocumentStatus;
  /** `72` once signed (printed `72`, `05`...), with its year. */
  number: number | null;
  year: number | null;
  /** Printed number and symbol: `05/KH-LĐLĐ`. */
  symbol: string | null;
  summary: string;
  title: string;
  body: string[];
  place: string;
  signedOn: string | null;
  authority: SignatureAuthority;
  authorityBody: string;
  signerTitle: string;
  signerName: string;
  recipients: string[];
  archiveDepartments: string[];
  campaignId: string | null;
  createdAt: string;
}
