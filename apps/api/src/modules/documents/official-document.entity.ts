import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentSeries, DocumentStatus, DocumentType, SignatureAuthority } from '@thidua/contracts';

/**
 * An official document. A draft has no number; signing gives it the next number of its issuer's
 * series for the year (unique index below: never twice).
 */
@Entity({ name: 'official_document' })
@Index('uq_official_document_number', ['issuerUnitId', 'series', 'year', 'number'], { unique: true })
@Index('idx_official_document_campaign', ['campaignId'])
// One document per source (a work item's number is allocated once): see work-item-numbering.ts.
@Index('uq_official_document_source_ref', ['sourceRef'], { unique: true, where: '"source_ref" IS NOT NULL' })
@Check('chk_official_document_status', `"status" IN ('draft','signed')`)
@Check('chk_official_document_authority', `"authority" IN ('TM','KT','Q','TL','TUQ')`)
export class OfficialDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'issuer_unit_id', type: 'uuid' })
  issuerUnitId!: string;

  @Column({ type: 'text', default: 'main' })
  series!: DocumentSeries;

  @Column({ name: 'doc_type', type: 'text', nullable: true })
  docType!: DocumentType | null;

  @Column({ type: 'text', nullable: true })
  department!: string | null;

  @Column({ type: 'text', default: 'draft' })
  status!: DocumentStatus;

  @Column({ type: 'int', nullable: true })
  number!: number | null;

  @Column({ type: 'int', nullable: true })
  year!: number | null;

  @Column({ type: 'text', nullable: true })
  symbol!: string | null;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'jsonb' })
  body!: string[];

  @Column({ type: 'text' })
  place!: string;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt!: Date | null;

  @Column({ name: 'signed_by_user_id', type: 'uuid', nullable: true })
  signedByUserId!: string | null;

  @Column({ type: 'text' })
  authority!: SignatureAuthority;

  @Column({ name: 'authority_body', type: 'text' })
  authorityBody!: string;

  @Column({ name: 'signer_title', type: 'text' })
  signerTitle!: string;

  @Column({ name: 'signer_name', type: 'text' })
  signerName!: string;

  @Column({ type: 'jsonb' })
  recipients!: string[];

  @Column({ name: 'archive_departments', type: 'jsonb' })
  archiveDepartments!: string[];

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  /** What produced it (a work item, a nomination decision...), for traceability. */
  @Column({ name: 'source_ref', type: 'text', nullable: true })
  sourceRef!: string | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
