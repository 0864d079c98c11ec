import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { AttachmentView } from '@thidua/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { AppError } from '../../../common/errors/app-error';
import { currentRequest } from '../../../common/logging/request-context';
import { AuditService } from '../../../common/audit/audit.service';
import { sniffUpload } from '../../../common/security/file-sniffer';
import { ClamdScanner, type MalwareScanner, NoMalwareScanner, ScannerUnavailableError } from '../../../common/security/malware-scanner';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AttachmentRepository, type AttachmentRow } from './attachment.repository';
import { ItemVisibility } from './item-visibility';
import { WorkItemEventRepository } from './work-item-event.repository';
import { WorkItemRepository } from './work-item.repository';
import type { Role } from '@thidua/workflow-core';
import { actorPathFor, covers } from '../../../common/auth/scope';

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
    private readonly audit: AuditService,
  ) {
    this.scanner = config.clamd ? new ClamdScanner(config.clamd.host, config.clamd.port, config.clamd.timeoutMs) : new NoMalwareScanner();
  }

  private readonly scanner: MalwareScanner;

  async upload(principal: Principal, itemId: string, file: UploadedFile | undefined): Promise<AttachmentView> {
    if (!file) throw AppError.validation([{ path: 'body.file', reason: 'required', message: 'a file is required (multipart field "file")' }]);
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    this.visibility.assertCanSee(principal, item);
    if (item.status === 'final') throw new AppError('ITEM_FINAL');
    const isWorkingOnIt =
      item.submitterId === principal.userId ||
      item.assignedUserId === principal.userId ||
      (item.assignedRole !== null && item.assignedUnitPath !== null && covers(principal, item.assignedUnitPath, 'act', { roles: [item.assignedRole as Role], workflow: item.workflowKey }));
    if (!isWorkingOnIt) throw AppError.forbidden({ reason: 'only the people working on the item attach files' });
    if (file.size > this.config.uploads.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { params: { max: `${Math.round(this.config.uploads.maxBytes / 1024 / 1024)} MB` } });
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    // The declared type is ignored: the bytes must be an allowed type matching the file name's extension.
    const contentType = await sniffUpload(file.buffer, fileName);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const id = randomUUID();
    await this.scanOrQuarantine(principal, itemId, id, fileName, sha256, file.buffer);
    const dir = resolve(this.config.uploads.dir, itemId);
    await mkdir(dir, { recursive: true });
    const storagePath = join(dir, id);
    await writeFile(storagePath, file.buffer, { flag: 'wx' });
    return this.dataSource.transaction(async (m) => {
      const row = await this.attachments.insert(m, { id, itemId, fileName, contentType, sizeBytes: file.size, sha256, storagePath, uploadedBy: principal.userId });
      await this.events.append(m, [
        {
          itemId,
          itemVersion: item.version,
          event: 'attachment.added',
          actorUserId: principal.userId,
          onBehalfOfUserId: null,
          actorUnitPath: actorPathFor(principal, item.unitPath),
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

  /**
   * The scanning hook (clamd when CLAMD_HOST is set). An infected file is kept under
   * <uploads>/quarantine for the administrators, never attached, audited, and refused with 422
   * FILE_INFECTED; a scanner that cannot answer refuses the upload (503), it does not let it through.
   */
  private async scanOrQuarantine(principal: Principal, itemId: string, id: string, fileName: string, sha256: string, data: Buffer): Promise<void> {
    let verdict;
    try {
      verdict = await this.scanner.scan(data);
    } catch (e) {
      if (e instanceof ScannerUnavailableError) throw new AppError('SERVICE_UNAVAILABLE', { cause: e });
      throw e;
    }
    if (verdict.clean) return;
    const dir = resolve(this.config.uploads.dir, 'quarantine');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, id), data, { flag: 'wx' });
    await writeFile(join(dir, `${id}.json`), JSON.stringify({ itemId, fileName, sha256, signature: verdict.signature, uploadedBy: principal.userId, at: new Date().toISOString() }));
    await this.dataSource.transaction((m) =>
      this.audit.record(m, { action: 'upload.quarantined', entityType: 'item', entityId: itemId, actorUserId: principal.userId, details: { quarantineId: id, fileName, sha256, signature: verdict.signature, scanner: this.scanner.name } }),
    );
    throw new AppError('FILE_INFECTED', { details: { signature: verdict.signature } });
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
