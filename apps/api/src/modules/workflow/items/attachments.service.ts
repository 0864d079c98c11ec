import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
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
import { OBJECT_STORAGE, type ObjectStorage } from '../../storage/index';
import { sha256OfFile } from './attachment-upload.interceptor';
import { AttachmentRepository, type AttachmentRow } from './attachment.repository';
import { ItemVisibility } from './item-visibility';
import { WorkItemEventRepository } from './work-item-event.repository';
import { WorkItemRepository } from './work-item.repository';
import type { Role } from '@thidua/workflow-core';
import { actorPathFor, covers } from '../../../common/auth/scope';

/** An upload as multer's disk storage leaves it: streamed to a temporary file, never held in memory. */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  path: string;
  /** Set by AttachmentUploadInterceptor (hashed once, in a stream). */
  sha256?: string;
}

/** How much of a file the type sniffer reads (magic numbers; the UTF-8 check of text files looks at this much). */
const SNIFF_BYTES = 1024 * 1024;

async function headOf(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}



function view(r: AttachmentRow): AttachmentView {
  return { id: r.id, itemId: r.itemId, fileName: r.fileName, contentType: r.contentType, sizeBytes: Number(r.sizeBytes), sha256: r.sha256, uploadedBy: r.uploadedBy, createdAt: new Date(r.createdAt).toISOString() };
}

/**
 * Attachments of items: streamed to a temporary file by the upload interceptor, sniffed, hashed and scanned from
 * it, then streamed into the object storage (local disk or S3) under `<itemId>/<attachmentId>`; size and type
 * limited, sha256 kept. The temporary file is removed whatever happens.
 */
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
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {
    this.scanner = config.clamd ? new ClamdScanner(config.clamd.host, config.clamd.port, config.clamd.timeoutMs) : new NoMalwareScanner();
  }

  private readonly scanner: MalwareScanner;

  async upload(principal: Principal, itemId: string, file: UploadedFile | undefined): Promise<AttachmentView> {
    if (!file) throw AppError.validation([{ path: 'body.file', reason: 'required', message: 'a file is required (multipart field "file")' }]);
    try {
      return await this.store(principal, itemId, file);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  private async store(principal: Principal, itemId: string, file: UploadedFile): Promise<AttachmentView> {
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
    const contentType = await sniffUpload(await headOf(file.path, SNIFF_BYTES), fileName);
    const sha256 = file.sha256 ?? (await sha256OfFile(file.path));
    const id = randomUUID();
    await this.scanOrQuarantine(principal, itemId, id, fileName, sha256, file.path, file.size);
    const storageKey = `${itemId}/${id}`;
    await this.storage.put(storageKey, createReadStream(file.path), { contentType, sizeBytes: file.size });
    return this.dataSource.transaction(async (m) => {
      const row = await this.attachments.insert(m, { id, itemId, fileName, contentType, sizeBytes: file.size, sha256, storageKey, uploadedBy: principal.userId });
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
   * The scanning hook (clamd when CLAMD_HOST is set), fed from the temporary file. An infected file is kept in the
   * storage under `quarantine/<id>` (with `quarantine/<id>.json`) for the administrators, never attached, audited,
   * and refused with 422 FILE_INFECTED; a scanner that cannot answer refuses the upload (503), it does not let it through.
   */
  private async scanOrQuarantine(principal: Principal, itemId: string, id: string, fileName: string, sha256: string, path: string, sizeBytes: number): Promise<void> {
    let verdict;
    try {
      verdict = await this.scanner.scan(createReadStream(path));
    } catch (e) {
      if (e instanceof ScannerUnavailableError) throw new AppError('SERVICE_UNAVAILABLE', { cause: e });
      throw e;
    }
    if (verdict.clean) return;
    await this.storage.put(`quarantine/${id}`, createReadStream(path), { contentType: 'application/octet-stream', sizeBytes });
    const note = Buffer.from(JSON.stringify({ itemId, fileName, sha256, signature: verdict.signature, uploadedBy: principal.userId, at: new Date().toISOString() }));
    await this.storage.put(`quarantine/${id}.json`, Readable.from([note]), { contentType: 'application/json', sizeBytes: note.length });
    await this.dataSource.transaction((m) =>
      this.audit.record(m, { action: 'upload.quarantined', entityType: 'item', entityId: itemId, actorUserId: principal.userId, details: { quarantineId: id, fileName, sha256, signature: verdict.signature, scanner: this.scanner.name } }),
    );
    throw new AppError('FILE_INFECTED', { details: { signature: verdict.signature } });
  }

  async list(principal: Principal, itemId: string): Promise<AttachmentView[]> {
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    this.visibility.assertCanRead(principal, item);
    return (await this.attachments.listForItem(itemId)).map(view);
  }

  /** The attachment's metadata and a stream of its bytes from the storage. */
  async content(principal: Principal, itemId: string, attachmentId: string): Promise<{ meta: AttachmentView; body: Readable }> {
    const item = await this.items.byId(itemId);
    if (!item) throw AppError.notFound('item');
    this.visibility.assertCanRead(principal, item);
    const row = await this.attachments.find(itemId, attachmentId);
    if (!row) throw AppError.notFound('attachment');
    return { meta: view(row), body: await this.storage.get(row.storageKey) };
  }
}
