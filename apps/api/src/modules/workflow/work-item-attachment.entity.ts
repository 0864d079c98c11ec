import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file attached to an item, kept in the object storage (modules/storage) under `storage_key`; the sha256 proves it unchanged. */
@Entity({ name: 'work_item_attachment' })
@Index('idx_work_item_attachment_item', ['itemId'])
export class WorkItemAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes!: string;

  @Column({ type: 'text' })
  sha256!: string;

  /** The object's key (`<itemId>/<attachmentId>`), the same whichever storage driver holds it. */
  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
