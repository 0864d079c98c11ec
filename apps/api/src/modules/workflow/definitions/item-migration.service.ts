import { Injectable } from '@nestjs/common';
import type { MigrateItemsRequest, MigrationPlanView } from '@thidua/contracts';
import { heldVisibilityAt, migrateSnapshot, validateMigration } from '@thidua/workflow-core';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { AuditService } from '../../../common/audit/audit.service';
import { AppError } from '../../../common/errors/app-error';
import { currentRequest } from '../../../common/logging/request-context';
import { WorkItemEventRepository } from '../items/work-item-event.repository';
import { WorkItemRepository } from '../items/work-item.repository';
import { CompiledDefinitions } from './compiled-definitions';
import { DefinitionRepository } from './definition.repository';
import { actorPathFor } from '../../../common/auth/scope';

/**
 * Moves running items of a workflow from one published version to a newer one with a stage
 * mapping (workflow-core's migrateSnapshot). A dry run lists what would move and what cannot.
 * Each item moves in its own short transaction with a version check, so users keep working.
 */
@Injectable()
export class ItemMigrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionRepository,
    private readonly compiled: CompiledDefinitions,
    private readonly items: WorkItemRepository,
    private readonly events: WorkItemEventRepository,
    private readonly audit: AuditService,
  ) {}

  async migrate(principal: Principal, key: string, req: MigrateItemsRequest): Promise<MigrationPlanView> {
    const from = await this.definitions.byKeyVersion(key, req.fromVersion);
    const to = await this.definitions.byKeyVersion(key, req.toVersion);
    if (!from || !to) throw AppError.notFound('definition', { key });
    if (to.status !== 'published') throw new AppError('DEFINITION_NOT_PUBLISHED', { details: { key, version: to.version } });
    if (to.version <= from.version) throw new AppError('UNPROCESSABLE', { details: { reason: 'toVersion must be newer than fromVersion' } });
    const oldC = (await this.compiled.byId(from.id)).compiled;
    const newC = (await this.compiled.byId(to.id)).compiled;
    const problems = validateMigration(oldC.definition, newC.definition, req.stageMapping);
    if (problems.length > 0 && !req.dryRun) throw new AppError('UNPROCESSABLE', { details: { problems } });
    const plan: MigrationPlanView = { dryRun: req.dryRun, fromVersion: from.version, toVersion: to.version, moves: [], blocked: [], problems };
    for (const item of await this.items.openItemsOfDefinition(from.id)) {
      const result = migrateSnapshot(oldC, newC, item.snapshot, req.stageMapping);
      if (!result.ok) {
        plan.blocked.push({ itemId: item.id, stage: item.stage, reason: `${result.reason.code}: ${result.reason.message}` });
        continue;
      }
      if (!req.dryRun) {
        const moved = await this.dataSource.transaction(async (m) => {
          const ok = await this.items.moveToDefinition(m, item.id, item.version, { id: to.id, version: to.version }, result.snapshot.stage, result.snapshot, heldVisibilityAt(newC.definition, result.snapshot.stage));
          if (!ok) return false;
          await this.events.append(m, [
            {
              itemId: item.id,
              itemVersion: item.version + 1,
              event: 'migrate',
              actorUserId: principal.userId,
              onBehalfOfUserId: null,
              actorUnitPath: actorPathFor(principal, item.unitPath),
              fromStage: item.stage,
              toStage: result.snapshot.stage,
              comment: null,
              changes: {},
              details: { fromVersion: from.version, toVersion: to.version, needsReassignment: result.needsReassignment },
              requestId: currentRequest()?.requestId ?? null,
            },
          ]);
          return true;
        });
        if (!moved) {
          plan.blocked.push({ itemId: item.id, stage: item.stage, reason: 'ITEM_CHANGED: the item changed during the migration; run it again' });
          continue;
        }
      }
      plan.moves.push({ itemId: item.id, fromStage: item.stage, toStage: result.snapshot.stage });
    }
    if (!req.dryRun) {
      await this.dataSource.transaction((m) =>
        this.audit.record(m, {
          action: 'definition.migrated',
          entityType: 'workflow_definition',
          entityId: to.id,
          actorUserId: principal.userId,
          details: { key, fromVersion: from.version, toVersion: to.version, moved: plan.moves.length, blocked: plan.blocked.length, stageMapping: req.stageMapping },
        }),
      );
    }
    return plan;
  }
}
