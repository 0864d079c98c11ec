import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../engine/sql';

export interface AttachmentRow {
  id: string;
  itemId: string;
  fileName: string;
  contentType: string;
  sizeBytes: string;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  createdAt: Date;
}

const COLUMNS = `id, item_id AS "itemId", file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", sha256, storage_key AS "storageKey", uploaded_by AS "uploadedBy", created_at AS "createdAt"`;

export interface NewAttachment {
  id: string;
  itemId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
}

/** Attachment metadata rows (the files themselves live under AppConfig.uploads.dir). */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, a: NewAttachment): Promise<AttachmentRow> {
    return rowsOf<AttachmentRow>(
      await m.query(
        `INSERT INTO work_item_attachment (id, item_id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [a.id, a.itemId, a.fileName, a.contentType, a.sizeBytes, a.sha256, a.storageKey, a.uploadedBy],
      ),
    )[0];
  }

  async listForItem(itemId: string): Promise<AttachmentRow[]> {
    return rowsOf<AttachmentRow>(await this.dataSource.query(`SELECT ${COLUMNS} FROM work_item_attachment WHERE item_id = $1 ORDER BY created_at`, [itemId]));
  }

  async find(itemId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
    return rowsOf<AttachmentRow>(await this.dataSource.query(`SELECT ${COLUMNS} FROM work_item_attachment WHERE id = $1 AND item_id = $2`, [attachmentId, itemId]))[0];
  }
}
