import { Injectable } from '@nestjs/common';
import type { CreateDocumentRequest, DocumentView, IssuerProfileRequest, ListDocumentsQuery, SignDocumentRequest } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import { actorPath, assertRoleCovering } from '../campaigns/campaign-scope';
import { DocumentNumberingService } from './document-numbering.service';
import { DocumentsRepository } from './documents.repository';
import { renderOfficialDocx } from './official-docx';
import type { OfficialDocumentEntity } from './official-document.entity';

export function toDocumentView(d: OfficialDocumentEntity): DocumentView {
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
  };
}

/** Drafting, signing (numbering) and exporting official documents. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly repo: DocumentsRepository,
    private readonly numbering: DocumentNumberingService,
    private readonly audit: AuditService,
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
    const existing = await this.repo.find(id);
    if (!existing) throw AppError.notFound('văn bản');
    const unit = await this.repo.unit(null, existing.issuerUnitId);
    assertRoleCovering(principal, ['supervisor'], unit!.path, true);
    const signed = await this.repo.transaction((m) => this.signIn(m, id, { userId: principal.userId, actorUnitPath: actorPath(principal), signedOn: input.signedOn }));
    return toDocumentView(signed);
  }

  /**
   * Signs inside the caller's transaction: locks the draft, takes the next number of its series and
   * writes the audit row. A second signer of the same draft waits on the lock, then finds it signed.
   */
  async signIn(manager: EntityManager, id: string, by: { userId: string | null; actorUnitPath?: string | null; signedOn?: string; now?: Date }): Promise<OfficialDocumentEntity> {
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
    const patch = { status: 'signed' as const, issuerUnitId: n.issuerUnitId, number: n.number, year: n.year, symbol: n.symbol, signedOn: n.signedOn, signedAt: new Date(), signedByUserId: by.userId };
    await this.repo.update(manager, id, patch);
    await this.audit.record(manager, {
      action: 'document.issued',
      entityType: 'official_document',
      entityId: id,
      actorUserId: by.userId,
      actorUnitPath: by.actorUnitPath ?? null,
      details: { symbol: n.symbol, number: n.number, year: n.year, series: doc.series, issuerUnitId: n.issuerUnitId, ...(n.issuerUnitId !== doc.issuerUnitId ? { draftedForUnitId: doc.issuerUnitId } : {}) },
    });
    return { ...doc, ...patch };
  }

  find(id: string): Promise<OfficialDocumentEntity | null> {
    return this.repo.find(id);
  }

  async get(principal: Principal, id: string): Promise<DocumentView> {
    return toDocumentView(await this.load(principal, id));
  }

  async list(principal: Principal, q: ListDocumentsQuery): Promise<DocumentView[]> {
    const isGlobal = principal.roles.some((r) => r.role === 'admin' && r.unitPath.split('/').filter(Boolean).length <= 1);
    const prefixes = isGlobal ? null : [...new Set(principal.roles.map((r) => r.unitPath))];
    return (await this.repo.list(q, prefixes)).map(toDocumentView);
  }

  async docx(principal: Principal, id: string): Promise<{ fileName: string; content: Buffer }> {
    const doc = await this.load(principal, id);
    return { fileName: `${(doc.symbol ?? `du-thao-${doc.id.slice(0, 8)}`).replace(/\//g, '-')}.docx`, content: await this.render(doc) };
  }

  async render(doc: OfficialDocumentEntity): Promise<Buffer> {
    const issuer = await this.numbering.issuer(null, doc.issuerUnitId);
    const suffix = await this.numbering.suffix(doc.issuerUnitId, doc.docType, doc.series, doc.department);
    return renderOfficialDocx({
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
    });
  }

  async setIssuerProfile(principal: Principal, unitId: string, input: IssuerProfileRequest): Promise<IssuerProfileRequest> {
    const unit = await this.repo.unit(null, unitId);
    if (!unit) throw AppError.notFound('unit');
    assertRoleCovering(principal, ['admin'], unit.path);
    await this.repo.transaction((m) => this.repo.saveProfile(m, { unitId, ...input, updatedAt: new Date() }));
    return input;
  }

  private async load(principal: Principal, id: string): Promise<OfficialDocumentEntity> {
    const doc = await this.repo.find(id);
    if (!doc) throw AppError.notFound('văn bản');
    const unit = await this.repo.unit(null, doc.issuerUnitId);
    // Anyone in the issuer's subtree or above it may read its documents (they are addressed downwards).
    const path = unit!.path;
    if (!principal.roles.some((r) => path.startsWith(r.unitPath) || r.unitPath.startsWith(path))) throw AppError.forbidden();
    return doc;
  }
}
