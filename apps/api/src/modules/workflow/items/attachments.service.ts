import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { AttachmentView } from '@thidua/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { AppError } from '../../../common/errors/app-error';
import { currentRequest } from '../../../common/logging/request-context';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AttachmentRepository, type AttachmentRow } from './attachment.repository';
import { ItemVisibility } from './item-visibility';
import { WorkItemEventRepository } from './work-item-event.repository';
import { WorkItemRepository } from './work-item.repository';

/** Evidence people attach: office documents, PDFs, images, archives. */
export const ALLOWED_ATTACHMENT_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'image/jpeg',
  'image/png',
  'text/plain',
  'text/csv',
  'application/zip',
]);

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}


function view(r: AttachmentRow): AttachmentView {
  return { id: r.id, itemId: r.itemId, fileName: r.fileName, contentType: r.contentType, sizeBytes: Number(r.sizeBytes), sha256: r.sha256, uploadedBy: r.uploadedBy, createdAt: new Date(r.createdAt).toISOString() };
}

/** Attachments of items: files under AppConfig.uploads.dir, size and type limited, sha256 kept. */
@Injectable()
export class AttachmentsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly items: WorkItemRepository,
    private readonly events: WorkItemEventRepository,
    private readonly visibility: ItemVisibility,
    private readonly attachments: AttachmentRepository,
  ) {}

  async upload(principal: Principal, itemId: string, file: UploadedFile | undefined): Promise<AttachmentView> {
    if (!file) throw AppError.validation([{ path: 'body.file', reason: 'required', message: 'a file is required (multipart field "file")' }]);
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    this.visibility.assertCanSee(principal, item);
    if (item.status === 'final') throw new AppError('ITEM_FINAL');
    const isWorkingOnIt =
      item.submitterId === principal.userId ||
      item.assignedUserId === principal.userId ||
      principal.roles.some((g) => g.role === item.assignedRole && item.assignedUnitPath !== null && (g.unitPath === item.assignedUnitPath || (g.role !== 'officer' && item.assignedUnitPath.startsWith(g.unitPath))));
    if (!isWorkingOnIt) throw AppError.forbidden({ reason: 'only the people working on the item attach files' });
    if (file.size > this.config.uploads.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { params: { max: `${Math.round(this.config.uploads.maxBytes / 1024 / 1024)} MB` } });
    if (!ALLOWED_ATTACHMENT_TYPES.has(file.mimetype)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { details: { contentType: file.mimetype, allowed: [...ALLOWED_ATTACHMENT_TYPES] } });
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const id = randomUUID();
    const dir = resolve(this.config.uploads.dir, itemId);
    await mkdir(dir, { recursive: true });
    const storagePath = join(dir, id);
    await writeFile(storagePath, file.buffer, { flag: 'wx' });
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    return this.dataSource.transaction(async (m) => {
      const row = await this.attachments.insert(m, { id, itemId, fileName, contentType: file.mimetype, sizeBytes: file.size, sha256, storagePath, uploadedBy: principal.userId });
      await this.events.append(m, [
        {
          itemId,
          itemVersion: item.version,
          event: 'attachment.added',
          actorUserId: principal.userId,
          onBehalfOfUserId: null,
          actorUnitPath: principal.roles.find((g) => item.unitPath.startsWith(g.unitPath))?.unitPath ?? null,
          fromStage: item.stage,
          toStage: item.stage,
          comment: null,
          changes: {},
          details: { attachmentId: id, fileName, sha256, sizeBytes: file.size },
          requestId: currentRequest()?.requestId ?? null,
        },
      ]);
      return view(row);
    });
  }

  async list(principal: Principal, itemId: string): Promise<AttachmentView[]> {
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    this.visibility.assertCanSee(principal, item);
    return (await this.attachments.listForItem(itemId)).map(view);
  }

  async content(principal: Principal, itemId: string, attachmentId: string): Promise<{ meta: AttachmentView; body: Buffer }> {
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    this.visibility.assertCanSee(principal, item);
    const row = await this.attachments.find(itemId, attachmentId);
    if (!row) throw AppError.notFound('attachment');
    return { meta: view(row), body: await readFile(row.storagePath) };
  }
}
