import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { IssuerProfileEntity } from './issuer-profile.entity';
import { OfficialDocumentEntity } from './official-document.entity';
import { OfficialDocumentSourceEntity } from './official-document-source.entity';
import { SignedPdfEntity } from './signed-pdf.entity';
import { SigningCredentialEntity } from './signing-credential.entity';
import type { CoveredRegion } from '../../common/auth/scope';
import { scopeSqlNamed } from '../../common/auth/scope-sql';
import { OrgSql } from '../org/index';
import { WorkflowSql } from '../workflow/index';

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  parentId: string | null;
  parentName: string | null;
}

/** The documents module's only database code. */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /**
   * The next number of a series, inside the caller's transaction: insert 1 or increment, returning
   * the new value. The row stays locked until the transaction ends, so concurrent signers of the same
   * series wait for each other; a rollback gives the number back, so none is skipped.
   */
  async nextNumber(manager: EntityManager, issuerUnitId: string, year: number, series: string): Promise<number> {
    const rows: Array<{ last_number: number }> = await manager.query(
      `INSERT INTO document_number_counter (issuer_unit_id, year, series, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (issuer_unit_id, year, series) DO UPDATE SET last_number = document_number_counter.last_number + 1
       RETURNING last_number`,
      [issuerUnitId, year, series],
    );
    return Number(rows[0].last_number);
  }

  async startAfter(manager: EntityManager, issuerUnitId: string, year: number, series: string, last: number): Promise<void> {
    await manager.query(
      `INSERT INTO document_number_counter (issuer_unit_id, year, series, last_number) VALUES ($1, $2, $3, $4)
       ON CONFLICT (issuer_unit_id, year, series) DO UPDATE SET last_number = GREATEST(document_number_counter.last_number, EXCLUDED.last_number)`,
      [issuerUnitId, year, series, last],
    );
  }

  /** The latest signing date of the series' signed documents (for the order-of-dates rule). */
  async latestSignedOn(manager: EntityManager, issuerUnitId: string, year: number, series: string): Promise<string | null> {
    const rows: Array<{ d: string | null }> = await manager.query(
      `SELECT to_char(max(signed_on), 'YYYY-MM-DD') AS d FROM official_document WHERE issuer_unit_id = $1 AND year = $2 AND series = $3 AND status = 'signed'`,
      [issuerUnitId, year, series],
    );
    return rows[0]?.d ?? null;
  }

  /** The register of a series; with `lock`, the counter row is held until commit. */
  async register(manager: EntityManager | null, issuerUnitId: string, year: number, series: string, lock = false): Promise<{ lastNumber: number; highestIssued: number | null; latestSignedOn: string | null }> {
    const m = manager ?? this.ds.manager;
    const counter: Array<{ last_number: number }> = await m.query(
      `SELECT last_number FROM document_number_counter WHERE issuer_unit_id = $1 AND year = $2 AND series = $3${lock ? ' FOR UPDATE' : ''}`,
      [issuerUnitId, year, series],
    );
    const issued: Array<{ n: number | null; d: string | null }> = await m.query(
      `SELECT max(number) AS n, to_char(max(signed_on), 'YYYY-MM-DD') AS d FROM official_document WHERE issuer_unit_id = $1 AND year = $2 AND series = $3 AND status = 'signed'`,
      [issuerUnitId, year, series],
    );
    return { lastNumber: Number(counter[0]?.last_number ?? 0), highestIssued: issued[0]?.n === null || issued[0]?.n === undefined ? null : Number(issued[0].n), latestSignedOn: issued[0]?.d ?? null };
  }

  /** Sets the last number given (the next is `last + 1`). */
  async setLastNumber(manager: EntityManager, issuerUnitId: string, year: number, series: string, last: number): Promise<void> {
    await manager.query(
      `INSERT INTO document_number_counter (issuer_unit_id, year, series, last_number) VALUES ($1, $2, $3, $4)
       ON CONFLICT (issuer_unit_id, year, series) DO UPDATE SET last_number = EXCLUDED.last_number`,
      [issuerUnitId, year, series, last],
    );
  }

  async insertCredential(manager: EntityManager, c: Partial<SigningCredentialEntity>): Promise<SigningCredentialEntity> {
    return manager.save(SigningCredentialEntity, manager.create(SigningCredentialEntity, c));
  }

  credentials(userId: string): Promise<SigningCredentialEntity[]> {
    return this.ds.manager.find(SigningCredentialEntity, { where: { userId }, order: { createdAt: 'DESC' } });
  }

  credential(manager: EntityManager | null, id: string): Promise<SigningCredentialEntity | null> {
    return (manager ?? this.ds.manager).findOne(SigningCredentialEntity, { where: { id } });
  }

  async revokeCredential(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.update(SigningCredentialEntity, { id }, { revokedAt: at });
  }

  async saveSignedPdf(manager: EntityManager, row: SignedPdfEntity): Promise<void> {
    await manager.insert(SignedPdfEntity, row);
  }

  signedPdf(manager: EntityManager | null, documentId: string): Promise<SignedPdfEntity | null> {
    return (manager ?? this.ds.manager).findOne(SignedPdfEntity, { where: { documentId } });
  }

  /** Signature facts of documents, without their content. */
  async signatureFacts(documentIds: string[]): Promise<Map<string, { signerSubject: string; signedAt: Date; signedBytesSha256: string }>> {
    if (documentIds.length === 0) return new Map();
    const rows = await this.ds.manager.find(SignedPdfEntity, { where: { documentId: In(documentIds) }, select: { documentId: true, signerSubject: true, signedAt: true, signedBytesSha256: true } });
    return new Map(rows.map((r) => [r.documentId, r]));
  }

  signedPdfByHash(signedBytesSha256: string): Promise<SignedPdfEntity | null> {
    return this.ds.manager.findOne(SignedPdfEntity, { where: { signedBytesSha256 }, select: { documentId: true, fileSha256: true, signedBytesSha256: true, signerSubject: true, signedAt: true, credentialId: true, signerUserId: true } });
  }

  /**
   * The unit that issues for `id` now: itself, or the unit it was merged into (transitively), so the
   * surviving issuer's register continues after a merge.
   */
  async survivingIssuerId(manager: EntityManager | null, id: string): Promise<string> {
    const rows: Array<{ id: string }> = await (manager ?? this.ds.manager).query(
      `WITH RECURSIVE chain AS (SELECT id, merged_into_id, 0 AS n FROM ${OrgSql.units('unit')} WHERE id = $1
         UNION ALL SELECT u.id, u.merged_into_id, c.n + 1 FROM ${OrgSql.units('u')} JOIN chain c ON u.id = c.merged_into_id WHERE c.n < 20)
       SELECT id FROM chain WHERE merged_into_id IS NULL LIMIT 1`,
      [id],
    );
    return rows[0]?.id ?? id;
  }

  async unit(manager: EntityManager | null, id: string): Promise<UnitRow | null> {
    const rows: UnitRow[] = await (manager ?? this.ds.manager).query(
      `SELECT u.id, u.code, u.name, u.kind, u.path, u.parent_id AS "parentId", p.name AS "parentName"
         FROM ${OrgSql.units('u')} LEFT JOIN ${OrgSql.units('p')} ON p.id = u.parent_id WHERE u.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  profile(manager: EntityManager | null, unitId: string): Promise<IssuerProfileEntity | null> {
    return (manager ?? this.ds.manager).findOne(IssuerProfileEntity, { where: { unitId } });
  }

  async saveProfile(manager: EntityManager, profile: IssuerProfileEntity): Promise<void> {
    await manager.upsert(IssuerProfileEntity, profile, ['unitId']);
  }

  async insert(manager: EntityManager, doc: Partial<OfficialDocumentEntity>): Promise<OfficialDocumentEntity> {
    const entity = manager.create(OfficialDocumentEntity, doc);
    return manager.save(OfficialDocumentEntity, entity);
  }

  /** The document made for a source (e.g. `work_item:<id>`; its own or a further source), locked for signing. */
  async bySourceRef(manager: EntityManager, sourceRef: string): Promise<OfficialDocumentEntity | null> {
    const own = await manager.findOne(OfficialDocumentEntity, { where: { sourceRef }, lock: { mode: 'pessimistic_write' } });
    if (own) return own;
    const link = await manager.findOne(OfficialDocumentSourceEntity, { where: { sourceRef } });
    return link ? manager.findOne(OfficialDocumentEntity, { where: { id: link.documentId }, lock: { mode: 'pessimistic_write' } }) : null;
  }

  async bySourceRefRead(sourceRef: string, manager?: EntityManager): Promise<OfficialDocumentEntity | null> {
    const m = manager ?? this.ds.manager;
    const own = await m.findOne(OfficialDocumentEntity, { where: { sourceRef } });
    if (own) return own;
    const link = await m.findOne(OfficialDocumentSourceEntity, { where: { sourceRef } });
    return link ? m.findOne(OfficialDocumentEntity, { where: { id: link.documentId } }) : null;
  }

  /** A further source of a document (a source belongs to one document: the primary key refuses a second). */
  async addSource(manager: EntityManager, documentId: string, sourceRef: string): Promise<void> {
    await manager.createQueryBuilder().insert().into(OfficialDocumentSourceEntity).values({ sourceRef, documentId }).orIgnore().execute();
  }

  /** What a fallback draft needs from a work item (read-only; the runtime owns the table). */
  async workItemSummary(manager: EntityManager, itemId: string): Promise<{ title: string; campaignId: string | null; lastActorName: string | null } | null> {
    const rows: Array<{ title: string; campaignId: string | null; lastActorName: string | null }> = await manager.query(
      `SELECT i.title, i.campaign_id AS "campaignId",
              (SELECT au.full_name FROM ${WorkflowSql.itemEvents('e')} JOIN ${OrgSql.people('au')} ON au.id = e.actor_user_id
                WHERE e.item_id = i.id ORDER BY e.item_version DESC LIMIT 1) AS "lastActorName"
         FROM ${WorkflowSql.items('i')} WHERE i.id = $1`,
      [itemId],
    );
    return rows[0] ?? null;
  }

  findIn(manager: EntityManager, id: string): Promise<OfficialDocumentEntity | null> {
    return manager.findOne(OfficialDocumentEntity, { where: { id } });
  }

  find(id: string): Promise<OfficialDocumentEntity | null> {
    return this.ds.manager.findOne(OfficialDocumentEntity, { where: { id } });
  }

  lockForSigning(manager: EntityManager, id: string): Promise<OfficialDocumentEntity | null> {
    return manager.findOne(OfficialDocumentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(manager: EntityManager, id: string, patch: Partial<OfficialDocumentEntity>): Promise<void> {
    await manager.update(OfficialDocumentEntity, { id }, patch);
  }

  /** Documents whose issuer is in `scope.draft` (drafts) or `scope.issued` (signed). */
  async list(filter: { issuerUnitId?: string; campaignId?: string; year?: number; status?: string }, scope: { draft: readonly CoveredRegion[]; issued: readonly CoveredRegion[] } | null): Promise<OfficialDocumentEntity[]> {
    const qb = this.ds.manager.createQueryBuilder(OfficialDocumentEntity, 'd').orderBy('d.created_at', 'DESC').limit(500);
    if (filter.issuerUnitId) qb.andWhere('d.issuer_unit_id = :iu', { iu: filter.issuerUnitId });
    if (filter.campaignId) qb.andWhere('d.campaign_id = :c', { c: filter.campaignId });
    if (filter.year) qb.andWhere('d.year = :y', { y: filter.year });
    if (filter.status) qb.andWhere('d.status = :s', { s: filter.status });
    // null: every document (a read model that checks its own scope, e.g. the review report's citations).
    if (!scope) return qb.getMany();
    const draft = scopeSqlNamed('iu.path', scope.draft, 'sd');
    const issued = scopeSqlNamed('iu.path', scope.issued, 'si');
    qb.innerJoin('unit', 'iu', 'iu.id = d.issuer_unit_id').andWhere(`((d.status = 'draft' AND ${draft.sql}) OR (d.status <> 'draft' AND ${issued.sql}))`, { ...draft.params, ...issued.params });
    return qb.getMany();
  }
}
