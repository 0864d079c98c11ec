import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateDocumentRequest,
  CreateSigningCredentialRequest,
  DocumentSeries,
  DocumentView,
  IssuerProfileRequest,
  ListDocumentsQuery,
  PdfVerificationView,
  RegisterView,
  SetNextNumberRequest,
  SignDocumentRequest,
  SigningCredentialView,
  UpdateDocumentRequest,
} from '@thidua/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { actorPath, assertRoleCovering } from '../../common/auth/role-scope';
import { assertCovers, covers, regionsOf } from '../../common/auth/scope';
import { DocumentNumberingService } from './document-numbering.service';
import { DocumentsRepository } from './documents.repository';
import { buildCommendationDecision, decreeInForce, type DecisionParts } from './commendation-decision';
import { decryptSecret, encryptSecret } from './credential-cipher';
import { symbolSuffix } from './document-symbol';
import { dmy } from './official-layout';
import { renderOfficialDocx, type OfficialDocxInput } from './official-docx';
import { renderOfficialPdf } from './official-pdf';
import type { OfficialDocumentEntity } from './official-document.entity';
import { checkPdfSignature, describeCertificate, Pkcs12SigningKey, readPkcs12, signPdf, SigningServiceKey, type SigningKey } from './pdf-signing';
import type { SigningCredentialEntity } from './signing-credential.entity';

type SignatureFacts = { signerSubject: string; signedAt: Date; signedBytesSha256: string };

export function toDocumentView(d: OfficialDocumentEntity, sig: SignatureFacts | null = null): DocumentView {
  return {
    id: d.id,
    issuerUnitId: d.issuerUnitId,
    series: d.series,
    docType: d.docType,
    department: d.department,
    status: d.status,
    number: d.number,
    year: d.year,
    symbol: d.symbol,
    summary: d.summary,
    title: d.title,
    body: d.body,
    place: d.place,
    signedOn: d.signedOn,
    authority: d.authority,
    authorityBody: d.authorityBody,
    signerTitle: d.signerTitle,
    signerName: d.signerName,
    recipients: d.recipients,
    archiveDepartments: d.archiveDepartments,
    campaignId: d.campaignId,
    createdAt: d.createdAt.toISOString(),
    pdfSignature: sig ? { signerSubject: sig.signerSubject, signedAt: sig.signedAt.toISOString(), signedBytesSha256: sig.signedBytesSha256 } : null,
  };
}

function credentialView(c: SigningCredentialEntity): SigningCredentialView {
  return {
    id: c.id,
    kind: c.kind,
    label: c.label,
    commonName: c.commonName,
    subject: c.subject,
    issuer: c.issuer,
    serial: c.serial,
    validFrom: c.validFrom.toISOString(),
    validTo: c.validTo.toISOString(),
    createdAt: c.createdAt.toISOString(),
    revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
  };
}

/** Recipients a provincial federation's documents commonly go to (the 2022 review report's list among them). */
export const COMMON_RECIPIENTS = [
  'TLĐ LĐVN',
  'Ban Thi đua - Khen thưởng TLĐ',
  'Thường trực Tỉnh ủy',
  'UBND tỉnh',
  'Sở Nội vụ',
  'UBMTTQVN tỉnh',
  'Trưởng Khối thi đua MT – ĐT tỉnh',
  'Thường trực LĐLĐ tỉnh',
  'Công đoàn cấp trên trực tiếp cơ sở',
  'Các CĐCS trực thuộc',
  'Các Ban LĐLĐ tỉnh',
  'Website LĐLĐ tỉnh',
];

/** Drafting, signing (numbering) and exporting official documents. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly repo: DocumentsRepository,
    private readonly numbering: DocumentNumberingService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, input: CreateDocumentRequest): Promise<DocumentView> {
    const unit = await this.repo.unit(null, input.issuerUnitId);
    if (!unit) throw AppError.notFound('unit');
    assertRoleCovering(principal, ['officer', 'supervisor', 'council_secretary'], unit.path, true);
    const doc = await this.repo.transaction((m) => this.createIn(m, input, principal.userId));
    return toDocumentView(doc);
  }

  /** For other modules (launch plan, commendation decision): a draft inside their transaction. */
  async createIn(manager: EntityManager, input: CreateDocumentRequest, userId: string | null, sourceRef?: string): Promise<OfficialDocumentEntity> {
    const issuer = await this.numbering.issuer(manager, input.issuerUnitId);
    return this.repo.insert(manager, {
      issuerUnitId: input.issuerUnitId,
      series: input.series,
      docType: input.docType,
      department: input.department ?? null,
      status: 'draft',
      summary: input.summary,
      title: input.title ?? input.summary,
      body: input.body,
      place: input.place ?? issuer.place,
      authority: input.authority,
      authorityBody: input.authorityBody,
      signerTitle: input.signerTitle,
      signerName: input.signerName,
      recipients: input.recipients,
      archiveDepartments: input.archiveDepartments,
      campaignId: input.campaignId ?? null,
      sourceRef: sourceRef ?? null,
      createdByUserId: userId,
    });
  }

  async sign(principal: Principal, id: string, input: SignDocumentRequest): Promise<DocumentView> {
    const existing = await this.load(principal, id);
    const unit = await this.repo.unit(null, existing.issuerUnitId);
    assertRoleCovering(principal, ['supervisor'], unit!.path, true);
    const signed = await this.repo.transaction(async (m) => {
      const doc = await this.signIn(m, id, {
        userId: principal.userId,
        actorUnitPath: actorPath(principal),
        signedOn: input.signedOn,
        signer: { authority: input.authority, authorityBody: input.authorityBody, signerTitle: input.signerTitle, signerName: input.signerName ?? (existing.signerName ? undefined : principal.fullName) },
      });
      // The digital signature belongs to the same act: if it fails, the number is given back.
      const sig = input.credentialId ? await this.signPdfIn(m, doc, input.credentialId, principal.userId, actorPath(principal)) : null;
      return { doc, sig };
    });
    return toDocumentView(signed.doc, signed.sig);
  }

  /** Changes a draft: body, signer, Nơi nhận... */
  async update(principal: Principal, id: string, input: UpdateDocumentRequest): Promise<DocumentView> {
    const existing = await this.load(principal, id);
    const unit = await this.repo.unit(null, existing.issuerUnitId);
    assertRoleCovering(principal, ['officer', 'supervisor', 'council_secretary'], unit!.path, true);
    const updated = await this.repo.transaction(async (m) => {
      const doc = await this.repo.lockForSigning(m, id);
      if (!doc) throw AppError.notFound('văn bản');
      if (doc.status !== 'draft') throw new AppError('CONFLICT', { details: { reason: 'already_signed', symbol: doc.symbol } });
      const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<OfficialDocumentEntity>;
      await this.repo.update(m, id, patch);
      await this.audit.record(m, { action: 'document.updated', entityType: 'official_document', entityId: id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { fields: Object.keys(patch) } });
      return { ...doc, ...patch };
    });
    return toDocumentView(updated);
  }

  /** Recipients offered for Nơi nhận: the issuer's own list, then the common ones. */
  async recipientOptions(principal: Principal, issuerUnitId: string): Promise<string[]> {
    const unit = await this.repo.unit(null, issuerUnitId);
    if (!unit) throw AppError.notFound('unit');
    assertCovers(principal, unit.path, 'receive', { resource: 'unit' });
    const issuer = await this.numbering.issuer(null, issuerUnitId);
    return [...new Set([...(issuer.recipientOptions ?? []), ...COMMON_RECIPIENTS])];
  }

  // ---- digital signatures -------------------------------------------------------------------

  async addCredential(principal: Principal, input: CreateSigningCredentialRequest): Promise<SigningCredentialView> {
    let certificates: Buffer[];
    let secret: Buffer | null = null;
    if (input.kind === 'pkcs12') {
      const p12 = Buffer.from(input.pkcs12Base64, 'base64');
      try {
        certificates = readPkcs12(p12, input.passphrase).certificates;
      } catch (err) {
        throw new AppError('CERTIFICATE_INVALID', { params: { reason: (err as Error).message.slice(0, 200) } });
      }
      secret = Buffer.alloc(0); // sealed below, bound to the row id
    } else {
      if (!this.config.signing.serviceUrl) throw new AppError('CERTIFICATE_INVALID', { params: { reason: 'SIGNING_SERVICE_URL is not configured' } });
      certificates = [...input.certificatesPem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[0].replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
      if (certificates.length === 0) throw new AppError('CERTIFICATE_INVALID', { params: { reason: 'no PEM certificate' } });
    }
    let info: ReturnType<typeof describeCertificate>;
    try {
      info = describeCertificate(certificates[0]);
    } catch (err) {
      throw new AppError('CERTIFICATE_INVALID', { params: { reason: (err as Error).message.slice(0, 200) } });
    }
    if (info.validTo.getTime() < Date.now()) throw new AppError('CERTIFICATE_INVALID', { params: { reason: `expired on ${info.validTo.toISOString().slice(0, 10)}` } });
    const saved = await this.repo.transaction(async (m) => {
      const row = await this.repo.insertCredential(m, {
        userId: principal.userId,
        kind: input.kind,
        label: input.label,
        commonName: info.commonName,
        subject: info.subject,
        issuer: info.issuer,
        serial: info.serial,
        validFrom: info.validFrom,
        validTo: info.validTo,
        certificates: certificates.map((c) => c.toString('base64')),
        secret,
        serviceKeyId: input.kind === 'service' ? input.serviceKeyId : null,
      });
      if (input.kind === 'pkcs12') {
        const sealed = encryptSecret(this.config.signing.key, Buffer.from(JSON.stringify({ p12: input.pkcs12Base64, passphrase: input.passphrase })), `signing_credential:${row.id}`);
        await m.update('signing_credential', { id: row.id }, { secret: sealed });
      }
      await this.audit.record(m, { action: 'signing_credential.added', entityType: 'signing_credential', entityId: row.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { kind: input.kind, subject: info.subject, serial: info.serial } });
      return row;
    });
    return credentialView(saved);
  }

  async listCredentials(principal: Principal): Promise<SigningCredentialView[]> {
    return (await this.repo.credentials(principal.userId)).map(credentialView);
  }

  async revokeCredential(principal: Principal, id: string): Promise<SigningCredentialView> {
    const c = await this.repo.credential(null, id);
    if (!c || c.userId !== principal.userId) throw AppError.notFound('chứng thư số');
    const at = new Date();
    await this.repo.transaction(async (m) => {
      await this.repo.revokeCredential(m, id, at);
      await this.audit.record(m, { action: 'signing_credential.revoked', entityType: 'signing_credential', entityId: id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { serial: c.serial } });
    });
    return credentialView({ ...c, revokedAt: at });
  }

  private signingKey(c: SigningCredentialEntity): SigningKey {
    if (c.kind === 'pkcs12') {
      const plain = JSON.parse(decryptSecret(this.config.signing.key, c.secret!, `signing_credential:${c.id}`).toString('utf8')) as { p12: string; passphrase: string };
      return new Pkcs12SigningKey(Buffer.from(plain.p12, 'base64'), plain.passphrase);
    }
    if (!this.config.signing.serviceUrl) throw new AppError('SIGNING_FAILED', { params: { reason: 'SIGNING_SERVICE_URL is not configured' } });
    return new SigningServiceKey(this.config.signing.serviceUrl, c.serviceKeyId!, c.certificates.map((b) => Buffer.from(b, 'base64')));
  }

  /** Digitally signs the PDF of a numbered document that has none yet. */
  async signPdf(principal: Principal, id: string, credentialId: string): Promise<DocumentView> {
    const existing = await this.load(principal, id);
    const unit = await this.repo.unit(null, existing.issuerUnitId);
    assertRoleCovering(principal, ['supervisor'], unit!.path, true);
    const out = await this.repo.transaction(async (m) => {
      const doc = await this.repo.lockForSigning(m, id);
      if (!doc) throw AppError.notFound('văn bản');
      if (doc.status !== 'signed') throw new AppError('CONFLICT', { details: { reason: 'not_numbered' } });
      if (await this.repo.signedPdf(m, id)) throw new AppError('CONFLICT', { details: { reason: 'already_digitally_signed' } });
      return { doc, sig: await this.signPdfIn(m, doc, credentialId, principal.userId, actorPath(principal)) };
    });
    return toDocumentView(out.doc, out.sig);
  }

  /**
   * Renders the numbered document as PDF with a visible signature field, signs it (PAdES) with the
   * signer's own certificate and records the file and the SHA-256 of its signed bytes, in `manager`'s
   * transaction.
   */
  async signPdfIn(manager: EntityManager, doc: OfficialDocumentEntity, credentialId: string, userId: string, actorUnitPath: string | null): Promise<SignatureFacts> {
    const cred = await this.repo.credential(manager, credentialId);
    if (!cred || cred.userId !== userId) throw AppError.notFound('chứng thư số');
    const now = new Date();
    if (cred.revokedAt) throw new AppError('CERTIFICATE_INVALID', { params: { reason: 'revoked' } });
    if (cred.validTo < now || cred.validFrom > now) throw new AppError('CERTIFICATE_INVALID', { params: { reason: 'not valid today' } });
    const content = await this.content(doc, manager);
    const vnTime = new Date(now.getTime() + 7 * 3600 * 1000).toISOString();
    const unsigned = await renderOfficialPdf(content, {
      lines: [`Ký số bởi: ${cred.commonName}`, `Chứng thư: ${cred.serial.slice(0, 24)} – ${/CN=([^,]+)/.exec(cred.issuer)?.[1] ?? cred.issuer}`, `Thời gian ký: ${dmy(vnTime)} ${vnTime.slice(11, 16)} (GMT+7)`],
      reason: `Ban hành văn bản ${doc.symbol}`,
      name: cred.commonName,
      location: doc.place,
      signingTime: now,
    });
    let signed: Buffer;
    try {
      signed = await signPdf(unsigned, this.signingKey(cred));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('SIGNING_FAILED', { params: { reason: (err as Error).message.slice(0, 200) }, cause: err });
    }
    const check = checkPdfSignature(signed);
    if (!check.isCryptographicallyValid || !check.signedBytesSha256) throw new AppError('SIGNING_FAILED', { params: { reason: check.problem ?? 'invalid signature' } });
    const row = {
      documentId: doc.id,
      content: signed,
      fileSha256: createHash('sha256').update(signed).digest('hex'),
      signedBytesSha256: check.signedBytesSha256,
      credentialId: cred.id,
      signerUserId: userId,
      signerSubject: cred.subject,
      signedAt: now,
    };
    await this.repo.saveSignedPdf(manager, row);
    await this.audit.record(manager, { action: 'document.digitally_signed', entityType: 'official_document', entityId: doc.id, actorUserId: userId, actorUnitPath, details: { symbol: doc.symbol, credentialId: cred.id, serial: cred.serial, signedBytesSha256: row.signedBytesSha256, fileSha256: row.fileSha256 } });
    return row;
  }

  /** The signed PDF when there is one, else the PDF rendered now (unsigned). */
  async pdf(principal: Principal, id: string): Promise<{ fileName: string; content: Buffer }> {
    const doc = await this.load(principal, id);
    const base = (doc.symbol ?? `du-thao-${doc.id.slice(0, 8)}`).replace(/\//g, '-');
    const signed = await this.repo.signedPdf(null, id);
    if (signed) return { fileName: `${base}.pdf`, content: signed.content };
    return { fileName: `${base}.pdf`, content: await renderOfficialPdf(await this.content(doc)) };
  }

  /** Is this PDF an intact, signed document of the register? Anyone holding the file may ask. */
  async verify(pdf: Buffer): Promise<PdfVerificationView> {
    const check = checkPdfSignature(pdf);
    const recorded = check.signedBytesSha256 ? await this.repo.signedPdfByHash(check.signedBytesSha256) : null;
    const doc = recorded ? await this.repo.find(recorded.documentId) : null;
    const isRegisteredAndIntact = Boolean(doc && check.isCryptographicallyValid && check.coversWholeFile);
    return {
      isRegisteredAndIntact,
      isSigned: check.isSigned,
      isSignatureValid: check.isCryptographicallyValid,
      coversWholeFile: check.coversWholeFile,
      problem: check.problem ?? (doc ? null : check.isSigned ? 'not_in_register' : 'no_signature'),
      signerSubject: check.signerSubject,
      signedBytesSha256: check.signedBytesSha256,
      document: doc ? { id: doc.id, symbol: doc.symbol, summary: doc.summary, signedOn: doc.signedOn, issuerUnitId: doc.issuerUnitId, signerName: doc.signerName } : null,
    };
  }

  // ---- registers ----------------------------------------------------------------------------

  async register(principal: Principal, unitId: string, year: number, series: DocumentSeries): Promise<RegisterView> {
    const unit = await this.repo.unit(null, unitId);
    if (!unit) throw AppError.notFound('unit');
    assertRoleCovering(principal, ['admin', 'supervisor', 'officer', 'council_secretary'], unit.path, true);
    const r = await this.repo.register(null, unitId, year, series);
    return { issuerUnitId: unitId, year, series, lastNumber: r.lastNumber, nextNumber: r.lastNumber + 1, highestIssued: r.highestIssued, latestSignedOn: r.latestSignedOn };
  }

  /**
   * An administrator sets the number the next document of a series takes (a register taken over
   * mid-year: the real 25/HD-LĐLĐ continues with 26). Never at or below a number already issued
   * here; audited with the old and new values.
   */
  async setNextNumber(principal: Principal, unitId: string, input: SetNextNumberRequest): Promise<RegisterView> {
    const unit = await this.repo.unit(null, unitId);
    if (!unit) throw AppError.notFound('unit');
    assertRoleCovering(principal, ['admin'], unit.path);
    const r = await this.repo.transaction(async (m) => {
      // Lock the counter (creating it if absent) so no signing slips in between check and write.
      await this.repo.startAfter(m, unitId, input.year, input.series, 0);
      const before = await this.repo.register(m, unitId, input.year, input.series, true);
      const issued = before.highestIssued ?? 0;
      if (input.nextNumber <= issued) throw new AppError('REGISTER_NUMBER_TOO_LOW', { params: { next: input.nextNumber, issued }, details: { highestIssued: issued } });
      await this.repo.setLastNumber(m, unitId, input.year, input.series, input.nextNumber - 1);
      await this.audit.record(m, {
        action: 'document.register_set',
        entityType: 'document_register',
        entityId: `${unitId}:${input.year}:${input.series}`,
        actorUserId: principal.userId,
        actorUnitPath: actorPath(principal),
        details: { from: before.lastNumber + 1, to: input.nextNumber, reason: input.reason ?? null },
      });
      return { ...before, lastNumber: input.nextNumber - 1 };
    });
    return { issuerUnitId: unitId, year: input.year, series: input.series, lastNumber: r.lastNumber, nextNumber: r.lastNumber + 1, highestIssued: r.highestIssued, latestSignedOn: r.latestSignedOn };
  }

  /**
   * Signs inside the caller's transaction: locks the draft, takes the next number of its series and
   * writes the audit row. A second signer of the same draft waits on the lock, then finds it signed.
   */
  async signIn(
    manager: EntityManager,
    id: string,
    by: { userId: string | null; actorUnitPath?: string | null; signedOn?: string; now?: Date; signer?: Partial<Pick<OfficialDocumentEntity, 'authority' | 'authorityBody' | 'signerTitle' | 'signerName'>> },
  ): Promise<OfficialDocumentEntity> {
    const doc = await this.repo.lockForSigning(manager, id);
    if (!doc) throw AppError.notFound('văn bản');
    if (doc.status !== 'draft') throw new AppError('CONFLICT', { details: { reason: 'already_signed', symbol: doc.symbol } });
    const n = await this.numbering.allocate(manager, {
      issuerUnitId: doc.issuerUnitId,
      docType: doc.docType,
      series: doc.series,
      department: doc.department,
      signedOn: by.signedOn,
      now: by.now,
    });
    type SignerFields = Partial<Pick<OfficialDocumentEntity, 'authority' | 'authorityBody' | 'signerTitle' | 'signerName'>>;
    const signer = Object.fromEntries(Object.entries(by.signer ?? {}).filter(([, v]) => v !== undefined && v !== '')) as SignerFields;
    const patch: SignerFields & Partial<OfficialDocumentEntity> = { ...signer, status: 'signed' as const, issuerUnitId: n.issuerUnitId, number: n.number, year: n.year, symbol: n.symbol, signedOn: n.signedOn, signedAt: new Date(), signedByUserId: by.userId };
    await this.repo.update(manager, id, patch);
    await this.audit.record(manager, {
      action: 'document.issued',
      entityType: 'official_document',
      entityId: id,
      actorUserId: by.userId,
      actorUnitPath: by.actorUnitPath ?? null,
      details: { symbol: n.symbol, number: n.number, year: n.year, signedOn: n.signedOn, series: doc.series, issuerUnitId: n.issuerUnitId, signerName: patch.signerName ?? doc.signerName, ...(n.issuerUnitId !== doc.issuerUnitId ? { draftedForUnitId: doc.issuerUnitId } : {}) },
    });
    return { ...doc, ...patch };
  }

  /**
   * A commendation decision (QĐ) in the union's form, from plain facts (no write): the deciding body,
   * căn cứ (the council's minutes only when a council voted), the proposing units with their tờ trình,
   * each nominee with their unit, the bonus from config, the execution article.
   */
  async commendationDecisionParts(
    manager: EntityManager,
    input: {
      issuerUnitId: string;
      awardFormName: string;
      nominees: Array<{ kind: 'individual' | 'collective'; name: string; position: string | null; unitId: string }>;
      ruleSetCitation: string;
      /** The council's minutes of the vote (symbol null: its vote of that day is cited); null when no council voted. */
      council: { minutesSymbol: string | null; minutesDate: string } | null;
      /** The nominating units' tờ trình (symbol and date when signed). */
      proposals: Array<{ unitId: string; symbol: string | null; date: string | null }>;
      campaignTitle?: string;
      achievementPeriod?: { from: string; to: string } | null;
      signer: { signerName: string; signerTitle: string };
      decidedOn: string;
    },
  ): Promise<DecisionParts> {
    const issuerUnit = await this.repo.unit(manager, input.issuerUnitId);
    if (!issuerUnit) throw AppError.notFound('unit');
    const names = new Map<string, string>();
    for (const id of new Set([...input.nominees.map((n) => n.unitId), ...input.proposals.map((p) => p.unitId)])) names.set(id, (await this.repo.unit(manager, id))?.name ?? '');
    const form = input.awardFormName.split(' của ')[0];
    const coefficients = Object.entries(this.config.awards.coefficients).find(([k]) => form.toLowerCase().startsWith(k.toLowerCase()))?.[1];
    const seen = new Set<string>();
    const proposals = input.proposals
      .filter((p) => (seen.has(`${p.unitId}|${p.symbol}`) ? false : (seen.add(`${p.unitId}|${p.symbol}`), true)))
      .map((p) => ({ by: `Ban Chấp hành ${names.get(p.unitId) ?? ''}`, symbol: p.symbol, date: p.date }));
    return buildCommendationDecision({
      decidingBody: `Ban Thường vụ ${issuerUnit.name}`,
      issuerFullName: issuerUnit.name,
      awardName: /^(Bằng khen|Giấy khen|Cờ thi đua)/.test(form) ? `${form} của Ban Chấp hành ${issuerUnit.name}` : input.awardFormName,
      campaignTitle: input.campaignTitle ?? null,
      achievementPeriod: input.achievementPeriod ?? null,
      ruleSetCitation: input.ruleSetCitation,
      decreeCitation: decreeInForce(input.achievementPeriod?.to ?? input.decidedOn),
      council: input.council ? { minutesSymbol: input.council.minutesSymbol, minutesDate: input.council.minutesDate, councilName: `Hội đồng Thi đua - Khen thưởng ${issuerUnit.name}` } : null,
      proposal: { by: input.council ? `Thường trực Hội đồng Thi đua - Khen thưởng ${issuerUnit.name}` : 'Ban Chấp hành các công đoàn cơ sở trực thuộc' },
      proposals,
      nominees: input.nominees.map((n) => ({ kind: n.kind, name: n.name, position: n.position, unitName: names.get(n.unitId) ?? '' })),
      bonus: coefficients ? { baseSalary: this.config.awards.baseSalary, individual: coefficients.individual ?? null, collective: coefficients.collective ?? null } : null,
      executors: ['Văn phòng', 'Ban Tổ chức'],
      signer: { signerTitle: input.signer.signerTitle, signerName: input.signer.signerName },
      archiveDepartment: 'Ban Tổ chức',
    });
  }

  /** Drafts a commendation decision (QĐ) in the union's form inside the caller's transaction (commendationDecisionParts, then a draft). */
  async draftCommendationDecision(
    manager: EntityManager,
    input: Omit<Parameters<DocumentsService['commendationDecisionParts']>[1], 'council' | 'proposals'> & { councilVoted: boolean; councilDate?: string; campaignId?: string },
    userId: string | null,
    sourceRef: string,
  ): Promise<OfficialDocumentEntity> {
    const parts = await this.commendationDecisionParts(manager, { ...input, council: input.councilVoted ? { minutesSymbol: null, minutesDate: input.councilDate ?? input.decidedOn } : null, proposals: [] });
    return this.createIn(
      manager,
      { issuerUnitId: input.issuerUnitId, series: 'main', docType: 'QĐ', summary: parts.summary, title: parts.title, body: parts.body, authority: parts.authority, authorityBody: parts.authorityBody, signerTitle: parts.signerTitle, signerName: parts.signerName, recipients: parts.recipients, archiveDepartments: parts.archiveDepartments, campaignId: input.campaignId },
      userId,
      sourceRef,
    );
  }

  /**
   * Rewrites the content of a document inside the transaction that made it (a decision or minutes
   * gaining the next nomination of the same step transaction); never after that transaction commits.
   */
  async rewriteIn(manager: EntityManager, id: string, parts: { summary: string; title?: string; body: string[]; recipients?: string[] }): Promise<void> {
    await this.repo.update(manager, id, { summary: parts.summary, title: parts.title ?? parts.summary, body: parts.body, ...(parts.recipients ? { recipients: parts.recipients } : {}) });
  }

  /** A further source of a document (a decision made for several work items is found from each). */
  addSourceIn(manager: EntityManager, documentId: string, sourceRef: string): Promise<void> {
    return this.repo.addSource(manager, documentId, sourceRef);
  }

  /** The document of a source, inside a transaction (its own source or a further one). */
  bySourceIn(manager: EntityManager, sourceRef: string): Promise<OfficialDocumentEntity | null> {
    return this.repo.bySourceRefRead(sourceRef, manager);
  }

  /** Every document of a campaign (for the review report's citations). */
  campaignDocuments(campaignId: string): Promise<OfficialDocumentEntity[]> {
    return this.repo.list({ campaignId }, null);
  }

  /** The document made from a source (`report:<milestone>:<unit>`), if any. */
  bySource(sourceRef: string): Promise<OfficialDocumentEntity | null> {
    return this.repo.bySourceRefRead(sourceRef);
  }

  /**
   * Creates the draft made from a source, or rewrites its body and title while it is a draft; a
   * signed one is left as it is (returned with `isSigned`).
   */
  async upsertFromSource(principal: Principal, sourceRef: string, input: CreateDocumentRequest): Promise<OfficialDocumentEntity> {
    const unit = await this.repo.unit(null, input.issuerUnitId);
    if (!unit) throw AppError.notFound('unit');
    assertRoleCovering(principal, ['officer', 'supervisor', 'council_secretary'], unit.path, true);
    return this.repo.transaction(async (m) => {
      const existing = await this.repo.bySourceRef(m, sourceRef);
      if (existing && existing.status !== 'draft') return existing;
      if (existing) {
        const patch = { body: input.body, title: input.title ?? input.summary, summary: input.summary };
        await this.repo.update(m, existing.id, patch);
        await this.audit.record(m, { action: 'document.updated', entityType: 'official_document', entityId: existing.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { fields: ['body', 'title', 'summary'], regeneratedFrom: sourceRef } });
        return { ...existing, ...patch };
      }
      const doc = await this.createIn(m, input, principal.userId, sourceRef);
      await this.audit.record(m, { action: 'document.drafted', entityType: 'official_document', entityId: doc.id, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { sourceRef } });
      return doc;
    });
  }

  find(id: string): Promise<OfficialDocumentEntity | null> {
    return this.repo.find(id);
  }

  findIn(manager: EntityManager, id: string): Promise<OfficialDocumentEntity | null> {
    return this.repo.findIn(manager, id);
  }

  async get(principal: Principal, id: string): Promise<DocumentView> {
    const doc = await this.load(principal, id);
    return toDocumentView(doc, (await this.repo.signatureFacts([doc.id])).get(doc.id) ?? null);
  }

  async list(principal: Principal, q: ListDocumentsQuery): Promise<DocumentView[]> {
    // As `load` decides one: drafts of the issuers the caller sees, signed documents also from the units above.
    const docs = await this.repo.list(q, { draft: regionsOf(principal, 'see'), issued: regionsOf(principal, 'receive') });
    const sigs = await this.repo.signatureFacts(docs.map((d) => d.id));
    return docs.map((d) => toDocumentView(d, sigs.get(d.id) ?? null));
  }

  async docx(principal: Principal, id: string): Promise<{ fileName: string; content: Buffer }> {
    const doc = await this.load(principal, id);
    return { fileName: `${(doc.symbol ?? `du-thao-${doc.id.slice(0, 8)}`).replace(/\//g, '-')}.docx`, content: await this.render(doc) };
  }

  async render(doc: OfficialDocumentEntity): Promise<Buffer> {
    return renderOfficialDocx(await this.content(doc));
  }

  /** The content both the .docx and the PDF are made from. */
  async content(doc: OfficialDocumentEntity, manager: EntityManager | null = null): Promise<OfficialDocxInput & { body: string[] }> {
    const issuer = await this.numbering.issuer(manager, doc.issuerUnitId);
    const suffix = symbolSuffix(doc.docType, doc.series === 'council' ? issuer.councilAbbreviation : issuer.abbreviation, doc.department);
    return {
      header: {
        parentBodyName: issuer.parentBodyName,
        issuingBodyName: doc.series === 'council' ? `HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG ${issuer.issuingBodyName}` : issuer.issuingBodyName,
        symbol: doc.symbol,
        symbolSuffix: suffix,
        place: doc.place,
        date: doc.signedOn,
        docType: doc.docType,
        summary: doc.summary,
        title: doc.title,
      },
      body: doc.body,
      recipients: doc.recipients,
      archiveDepartments: doc.archiveDepartments,
      signature: { authority: doc.authority, authorityBody: doc.authorityBody, signerTitle: doc.signerTitle, signerName: doc.signerName },
    };
  }

  async setIssuerProfile(principal: Principal, unitId: string, input: IssuerProfileRequest): Promise<IssuerProfileRequest> {
    const unit = await this.repo.unit(null, unitId);
    if (!unit) throw AppError.notFound('unit');
    assertRoleCovering(principal, ['admin'], unit.path);
    await this.repo.transaction(async (m) => {
      await this.repo.saveProfile(m, { unitId, ...input, updatedAt: new Date() });
      await this.audit.record(m, { action: 'document.issuer_updated', entityType: 'document_issuer_profile', entityId: unitId, actorUserId: principal.userId, actorUnitPath: actorPath(principal), details: { abbreviation: input.abbreviation, place: input.place } });
    });
    return input;
  }

  private async load(principal: Principal, id: string): Promise<OfficialDocumentEntity> {
    const doc = await this.repo.find(id);
    // A random id makes the same lookup (with the asked id, finding nothing) as a real one, so an outsider's foreign
    // id takes as long as a random one (docs/security.md, "Access control").
    const unit = await this.repo.unit(null, doc?.issuerUnitId ?? id);
    if (!doc) throw AppError.notFound('văn bản');
    // A draft is read by those who see the issuer; a signed document, addressed downwards, also by the units below.
    // Anyone else gets exactly the answer for an id that does not exist.
    if (!unit || !covers(principal, unit.path, doc.status === 'draft' ? 'see' : 'receive')) throw AppError.notFound('văn bản');
    return doc;
  }
}
