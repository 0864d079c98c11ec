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
  /**
   * Signing date; default today in Vietnam time. Its calendar year picks the number series. Numbers
   * follow dates: a date before the latest numbered document of the series, or after today, is refused
   * (409 DOCUMENT_DATE_OUT_OF_ORDER).
   */
  signedOn: z.iso.date().optional(),
  /** The named signer, as printed; default what the draft says, else the signing user's name. */
  authority: z.enum(SIGNATURE_AUTHORITIES).optional(),
  authorityBody: z.string().trim().max(200).optional(),
  signerTitle: z.string().trim().min(1).max(200).optional(),
  signerName: z.string().trim().min(1).max(200).optional(),
  /** Also sign the PDF digitally with this certificate of mine (PAdES), in the same transaction. */
  credentialId: z.uuid().optional(),
});
export type SignDocumentRequest = z.infer<typeof signDocumentSchema>;

/** Changes to a draft (a signed document is immutable). */
export const updateDocumentSchema = z.object({
  summary: text(1000).optional(),
  title: z.string().trim().max(1000).optional(),
  body: z.array(z.string().max(20000)).max(2000).optional(),
  place: text(100).optional(),
  authority: z.enum(SIGNATURE_AUTHORITIES).optional(),
  authorityBody: z.string().trim().max(200).optional(),
  signerTitle: text(200).optional(),
  signerName: text(200).optional(),
  recipients: z.array(text(300)).max(100).optional(),
  archiveDepartments: z.array(text(50)).max(10).optional(),
});
export type UpdateDocumentRequest = z.infer<typeof updateDocumentSchema>;

/** Digitally sign the PDF of an already numbered document. */
export const signPdfSchema = z.object({ credentialId: z.uuid() });
export type SignPdfRequest = z.infer<typeof signPdfSchema>;

/** A PKCS#12 file (base64) and its passphrase, or a key held by the signing service with its certificate chain. */
export const createSigningCredentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pkcs12'), label: text(200), pkcs12Base64: z.string().min(16).max(200000), passphrase: z.string().max(500) }),
  z.object({ kind: z.literal('service'), label: text(200), serviceKeyId: text(300), certificatesPem: z.string().min(16).max(200000) }),
]);
export type CreateSigningCredentialRequest = z.infer<typeof createSigningCredentialSchema>;

export interface SigningCredentialView {
  id: string;
  kind: 'pkcs12' | 'service';
  label: string;
  commonName: string;
  subject: string;
  issuer: string;
  serial: string;
  validFrom: string;
  validTo: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The register of one issuer, year and series. */
export const registerQuerySchema = z.object({
  year: z.coerce.number().int().min(1900).max(3000),
  series: z.enum(DOCUMENT_SERIES).default('main'),
});
export type RegisterQuery = z.infer<typeof registerQuerySchema>;

export const setNextNumberSchema = z.object({
  year: z.number().int().min(1900).max(3000),
  series: z.enum(DOCUMENT_SERIES).default('main'),
  /** The number the next signed document takes (a register taken over mid-year continues from it). */
  nextNumber: z.number().int().min(1).max(999999),
  reason: z.string().trim().max(500).optional(),
});
export type SetNextNumberRequest = z.infer<typeof setNextNumberSchema>;

export interface RegisterView {
  issuerUnitId: string;
  year: number;
  series: DocumentSeries;
  /** Last number given (by this system or recorded as given before it). */
  lastNumber: number;
  nextNumber: number;
  /** Highest number of a document signed in this system, and the latest signing date. */
  highestIssued: number | null;
  latestSignedOn: string | null;
}

/** The answer of the verification endpoint for an uploaded PDF. */
export interface PdfVerificationView {
  /** A signed, intact document of this register: signature valid, nothing changed or added, hash recorded at signing. */
  isRegisteredAndIntact: boolean;
  isSigned: boolean;
  isSignatureValid: boolean;
  coversWholeFile: boolean;
  problem: string | null;
  signerSubject: string | null;
  signedBytesSha256: string | null;
  document: { id: string; symbol: string | null; summary: string; signedOn: string | null; issuerUnitId: string; signerName: string } | null;
}

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
  /** Recipients offered when a document's Nơi nhận is edited (the seed's Sở Nội vụ, UBMTTQVN tỉnh…). */
  recipientOptions: z.array(text(300)).max(200).default([]),
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
  /** The digitally signed PDF, when there is one. */
  pdfSignature: { signerSubject: string; signedAt: string; signedBytesSha256: string } | null;
}
