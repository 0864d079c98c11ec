import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { DocumentSeries, DocumentType } from '@thidua/contracts';
import { DOCUMENT_TYPES } from '@thidua/contracts';
import { currentLogger } from '../../common/logging/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { JOB_QUEUE, type JobQueue } from '../../jobs/job-queue';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';

/** The job the workflow runtime emits (outbox) for a stage with `documentNumber`. */
export const ALLOCATE_NUMBER_JOB = 'documents.allocate_number';

export interface AllocateNumberJob {
  itemId: string;
  docType: string | null;
  issuerUnitId: string;
  series?: string | null;
}

export interface NumberAllocated {
  itemId: string;
  documentId: string;
  symbol: string;
  signedOn: string;
  /** False when the document had already been signed (e.g. in the approving transaction). */
  newlySigned: boolean;
}

export type NumberAllocatedListener = (e: NumberAllocated) => Promise<void>;

/** `source_ref` of the document a work item's number belongs to (UNIQUE: one document per item). */
export function workItemSourceRef(itemId: string): string {
  return `work_item:${itemId}`;
}

/**
 * Connects the runtime's `allocate_document_number` effect to the ONE numbering register. The
 * runtime writes a `documents.allocate_number` outbox row when an item enters a numbered stage; this
 * handler signs the item's document (source_ref `work_item:<id>`) in one transaction, taking the next
 * number of the issuer's series through DocumentNumberingService (via DocumentsService.signIn).
 * - A module that signs the document itself in the approving transaction (the campaign launch) makes
 *   this a no-op: the document is found signed.
 * - No document prepared for the item: a minimal one is drafted from the item and signed.
 * - Safe to run twice or concurrently: the document row is locked for signing, and the partial
 *   unique index on source_ref refuses a second draft (the job then retries and finds it signed).
 * Listeners (campaigns) hear every allocation, new or not, and must be idempotent.
 */
@Injectable()
export class WorkItemNumbering implements OnModuleInit {
  private readonly listeners: NumberAllocatedListener[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly repo: DocumentsRepository,
    private readonly documents: DocumentsService,
  ) {}

  onModuleInit(): void {
    if (this.config.processRole === 'api') return;
    this.queue.register<AllocateNumberJob>(ALLOCATE_NUMBER_JOB, async (job) => {
      await this.allocateFor(job);
    });
  }

  onNumberAllocated(listener: NumberAllocatedListener): void {
    this.listeners.push(listener);
  }

  async allocateFor(job: AllocateNumberJob, now = new Date()): Promise<NumberAllocated> {
    const ref = workItemSourceRef(job.itemId);
    const out = await this.repo.transaction(async (m) => {
      let doc = await this.repo.bySourceRef(m, ref);
      if (doc?.status === 'signed') return { doc, newlySigned: false };
      if (!doc) {
        const item = await this.repo.workItemSummary(m, job.itemId);
        const docType = (DOCUMENT_TYPES as readonly string[]).includes(job.docType ?? '') ? (job.docType as DocumentType) : null;
        const issuer = await this.repo.unit(m, job.issuerUnitId);
        doc = await this.documents.createIn(
          m,
          {
            issuerUnitId: job.issuerUnitId,
            series: (job.series === 'council' ? 'council' : 'main') as DocumentSeries,
            docType,
            department: docType ? undefined : (issuer?.code ?? 'VP'),
            summary: item?.title ?? `Văn bản của công việc ${job.itemId}`,
            body: [],
            authority: 'TM',
            authorityBody: 'BAN THƯỜNG VỤ',
            signerTitle: 'CHỦ TỊCH',
            signerName: item?.lastActorName ?? '—',
            recipients: [],
            archiveDepartments: [],
            campaignId: item?.campaignId ?? undefined,
          },
          null,
          ref,
        );
      }
      const signed = await this.documents.signIn(m, doc.id, { userId: null, now });
      return { doc: signed, newlySigned: true };
    });
    const e: NumberAllocated = { itemId: job.itemId, documentId: out.doc.id, symbol: out.doc.symbol ?? '', signedOn: out.doc.signedOn ?? '', newlySigned: out.newlySigned };
    for (const l of this.listeners) {
      try {
        await l(e);
      } catch (err) {
        currentLogger().warn({ err, itemId: job.itemId }, 'number-allocated listener failed');
        throw err;
      }
    }
    return e;
  }
}
