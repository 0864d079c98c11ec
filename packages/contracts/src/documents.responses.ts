import { z } from 'zod';
import { named, type Expect, type Same } from './openapi-registry';
import { DOCUMENT_SERIES, DOCUMENT_STATUSES, DOCUMENT_TYPES, type DocumentView, type PdfVerificationView, type RegisterView, SIGNATURE_AUTHORITIES, type SigningCredentialView, issuerProfileSchema } from './documents';

/* Response contracts: zod schemas of the views the API answers with, named as OpenAPI components. */

export const signingCredentialViewSchema = named('SigningCredentialView', z.object({
  id: z.string(),
  kind: z.union([z.literal('pkcs12'), z.literal('service')]),
  label: z.string(),
  commonName: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable()
}));

export const registerViewSchema = named('RegisterView', z.object({
  issuerUnitId: z.string(),
  year: z.number(),
  series: z.enum(DOCUMENT_SERIES),
  lastNumber: z.number(),
  nextNumber: z.number(),
  highestIssued: z.number().nullable(),
  latestSignedOn: z.string().nullable()
}));

export const pdfVerificationViewSchema = named('PdfVerificationView', z.object({
  isRegisteredAndIntact: z.boolean(),
  isSigned: z.boolean(),
  isSignatureValid: z.boolean(),
  coversWholeFile: z.boolean(),
  problem: z.string().nullable(),
  signerSubject: z.string().nullable(),
  signedBytesSha256: z.string().nullable(),
  document: z.object({
    id: z.string(),
    symbol: z.string().nullable(),
    summary: z.string(),
    signedOn: z.string().nullable(),
    issuerUnitId: z.string(),
    signerName: z.string()
  }).nullable()
}));

export const documentViewSchema = named('DocumentView', z.object({
  id: z.string(),
  issuerUnitId: z.string(),
  series: z.enum(DOCUMENT_SERIES),
  docType: z.enum(DOCUMENT_TYPES).nullable(),
  department: z.string().nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  number: z.number().nullable(),
  year: z.number().nullable(),
  symbol: z.string().nullable(),
  summary: z.string(),
  title: z.string(),
  body: z.array(z.string()),
  place: z.string(),
  signedOn: z.string().nullable(),
  authority: z.enum(SIGNATURE_AUTHORITIES),
  authorityBody: z.string(),
  signerTitle: z.string(),
  signerName: z.string(),
  recipients: z.array(z.string()),
  archiveDepartments: z.array(z.string()),
  campaignId: z.string().nullable(),
  createdAt: z.string(),
  pdfSignature: z.object({
    signerSubject: z.string(),
    signedAt: z.string(),
    signedBytesSha256: z.string()
  }).nullable()
}));

/** Each schema describes exactly its view type (checked by the compiler). */
export type documentsResponseChecks = [
  Expect<Same<z.output<typeof signingCredentialViewSchema>, SigningCredentialView>>,
  Expect<Same<z.output<typeof registerViewSchema>, RegisterView>>,
  Expect<Same<z.output<typeof pdfVerificationViewSchema>, PdfVerificationView>>,
  Expect<Same<z.output<typeof documentViewSchema>, DocumentView>>,
];

/** An issuer's letterhead profile, as saved. */
export const issuerProfileResponseSchema = named('IssuerProfile', issuerProfileSchema);
