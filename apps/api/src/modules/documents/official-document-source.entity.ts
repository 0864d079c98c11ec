import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A further source of one document: a commendation decision made for several work items is found from
 * each item's `work_item:<id>` (so the runtime's numbering job finds it signed and numbers nothing).
 * The document's own `source_ref` is its first source; a source belongs to one document only.
 */
@Entity({ name: 'official_document_source' })
@Index('idx_official_document_source_document', ['documentId'])
export class OfficialDocumentSourceEntity {
  @PrimaryColumn({ name: 'source_ref', type: 'text', primaryKeyConstraintName: 'PK_official_document_source' })
  sourceRef!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;
}
