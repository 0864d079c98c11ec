import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DissolveUnitRequest, MergeUnitRequest, MoveUnitRequest, RenameUnitRequest } from '@thidua/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { isAppError } from '../../common/errors/app-error';
import { currentLogger } from '../../common/logging/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PollingLoop } from '../../jobs/polling-loop';
import { AccessService } from './access.service';
import { ReorganisationRepository, type ScheduledRow } from './reorganisation.repository';
import { ReorganisationService } from './reorganisation.service';

const BATCH = 20;

/**
 * Applies stored future-dated reorganisations when their date comes (AppConfig.scheduler), as the
 * person who requested them with their rights at that moment, through the same service code (so
 * open work moves through the runtime then, and the inboxes change at the effective date). A
 * change that is refused by then (rights lost, tree changed) is marked `failed` with its error code
 * and an audit row. Several processes may run it: each row is claimed with FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class ReorganisationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop = new PollingLoop('reorganisation scheduler', () => this.tick());

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly repo: ReorganisationRepository,
    private readonly reorg: ReorganisationService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.config.scheduler);
  }

  onApplicationShutdown(): void {
    this.loop.stop();
  }

  async tick(now = new Date()): Promise<{ applied: number; failed: number }> {
    const out = { applied: 0, failed: 0 };
    return this.loop.once(async () => {
      for (const id of await this.repo.dueIds(now, BATCH)) {
        const row = await this.repo.findScheduled(id);
        if (!row || row.status !== 'scheduled') continue;
        if (await this.applyOne(row)) out.applied++;
        else out.failed++;
      }
      return out;
    }, out);
  }

  private async applyOne(row: ScheduledRow): Promise<boolean> {
    try {
      if (!row.requestedBy) throw new Error('no requester');
      const principal = await this.access.principalFor(row.requestedBy);
      const body = row.request as Record<string, unknown>;
      switch (row.operation) {
        case 'move':
          await this.reorg.move(principal, row.unitId, body as MoveUnitRequest, row);
          break;
        case 'merge':
          await this.reorg.merge(principal, row.unitId, body as MergeUnitRequest, row);
          break;
        case 'dissolve':
          await this.reorg.dissolve(principal, row.unitId, body as DissolveUnitRequest, row);
          break;
        case 'rename':
          await this.reorg.rename(principal, row.unitId, body as RenameUnitRequest, row);
          break;
      }
      return true;
    } catch (err) {
      const code = isAppError(err) ? err.code : 'INTERNAL';
      if (!isAppError(err)) currentLogger().error({ err, scheduledId: row.id }, 'scheduled reorganisation failed');
      await this.dataSource.transaction(async (m) => {
        if (!(await this.repo.finish(row.id, 'failed', code, m))) return;
        await this.audit.record(m, {
          action: 'unit.reorganisation_failed',
          entityType: 'unit',
          entityId: row.unitId,
          actorUserId: null,
          details: { scheduledId: row.id, operation: row.operation, effectiveAt: new Date(row.effectiveAt).toISOString(), error: code, errorDetails: isAppError(err) ? (err.details ?? null) : null },
        });
      });
      return false;
    }
  }
}
