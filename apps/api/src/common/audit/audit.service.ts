import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { currentRequest } from '../logging/request-context';
import { AuditLogEntity } from './audit-log.entity';

/** The closed set of audited actions outside work items. Add new ones here, nowhere else. */
export type AuditAction =
  | 'unit.created'
  | 'unit.updated'
  | 'unit.renamed'
  | 'unit.moved'
  | 'unit.merged'
  | 'unit.dissolved'
  | 'unit.imported'
  | 'unit.reorganisation_scheduled'
  | 'unit.reorganisation_cancelled'
  | 'unit.reorganisation_failed'
  | 'user.created'
  | 'user.updated'
  | 'user.imported'
  | 'user.password_changed'
  | 'user.password_reset'
  | 'user.locked'
  | 'user.signed_in'
  | 'user.signed_out'
  | 'role.assigned'
  | 'role.revoked'
  | 'delegation.created'
  | 'delegation.revoked'
  | 'item.commented'
  | 'item.commitment_made'
  | 'item.commitment_withdrawn'
  | 'item.help.requested'
  | 'item.cosign.requested'
  | 'item.help.replied'
  | 'item.cosign.signed'
  | 'item.cosign.declined'
  | 'item.help.cancelled'
  | 'item.cosign.cancelled'
  | 'definition.created'
  | 'definition.updated'
  | 'definition.published'
  | 'definition.retired'
  | 'definition.migrated'
  | 'campaign.created'
  | 'campaign.updated'
  | 'campaign.cancelled'
  | 'document.issued'
  | 'document.drafted'
  | 'document.issuer_updated'
  | 'document.updated'
  | 'document.digitally_signed'
  | 'document.register_set'
  | 'signing_credential.added'
  | 'signing_credential.revoked'
  | 'campaign.plan_submitted'
  | 'campaign.launched'
  | 'indicator.submitted'
  | 'indicator.reviewed'
  | 'model.registered'
  | 'quota.set'
  | 'nomination.created'
  | 'nomination.confirmed'
  | 'nomination.posted'
  | 'nomination.dossier_saved'
  | 'nomination.acted'
  | 'ballot.opened'
  | 'ballot.voted'
  | 'ballot.closed'
  | 'inspection.scheduled'
  | 'inspection.updated'
  | 'inspection.escalated'
  | 'report.draft_saved'
  | 'upload.quarantined'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'webhook.secret_rotated'
  | 'webhook.resent'
  | 'saved_filter.created'
  | 'saved_filter.updated'
  | 'saved_filter.deleted'
  | 'system.seeded';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  actorUserId?: string | null;
  onBehalfOfUserId?: string | null;
  actorUnitPath?: string | null;
  details?: Record<string, unknown>;
}

/** Writes audit rows inside the caller's transaction, so the row and the change commit together. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  async recordMany(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const requestId = currentRequest()?.requestId ?? null;
    for (let i = 0; i < entries.length; i += 1000) {
      await manager.insert(
        AuditLogEntity,
        entries.slice(i, i + 1000).map((entry): QueryDeepPartialEntity<AuditLogEntity> => ({
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          actorUserId: entry.actorUserId ?? null,
          onBehalfOfUserId: entry.onBehalfOfUserId ?? null,
          actorUnitPath: entry.actorUnitPath ?? null,
          details: (entry.details ?? {}) as QueryDeepPartialEntity<Record<string, never>>,
          requestId,
        })),
      );
    }
  }
}
