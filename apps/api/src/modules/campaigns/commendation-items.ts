import { Injectable } from '@nestjs/common';
import type { AwardFormView } from '@thidua/contracts';
import type { WorkItemEvent } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AppError, isAppError } from '../../common/errors/app-error';
import { currentLogger } from '../../common/logging/request-context';
import type { ActingAs } from '../workflow/engine/actor';
import { ItemRuntime } from '../workflow/items/item-runtime.service';
import { ItemsService, type NewItemSpec } from '../workflow/items/items.service';
import { WorkItemRepository, type WorkItemRecord } from '../workflow/items/work-item.repository';
import type { OutboxMessage } from '../workflow/outbox/outbox.repository';

export const COMMENDATION_WORKFLOW = 'commendation';

/**
 * The default `commendation` definition's award levels (workflow-core defaults/commendation.ts) for a
 * catalogue form. The definition's guard lets the upper union decide `giay_khen_upper` itself and
 * forwards the rest. Forms a grassroots union decides itself have no level above: no item.
 */
export function awardLevelFor(form: Pick<AwardFormView, 'code' | 'decidedBy'>): string | null {
  switch (form.decidedBy) {
    case 'upper_union':
      return 'giay_khen_upper';
    case 'province_federation':
      return form.code.startsWith('co_thi_dua') ? 'co_thi_dua_province' : 'bang_khen_province';
    case 'confederation':
      return form.code.startsWith('co_thi_dua') ? 'co_thi_dua_tld' : 'bang_khen_tld';
    default:
      return null;
  }
}

/** One engine event on a nomination's item. `quiet`: an intermediate step, its notifications dropped. */
export interface ItemStep {
  event: WorkItemEvent;
  quiet?: boolean;
}

const SUBTREE = new Set(['supervisor', 'viewer', 'admin']);
const PRIVILEGED = new Set(['skip', 'redo', 'suspend', 'resume', 'reassign']);

/**
 * Nominations' `commendation` work items, moved inside the commendation service's own transaction
 * (several nominations of one ballot or one decision change together, so this uses ItemRuntime's
 * prepare/save — the same step, history row, timers and outbox as ItemRuntime.act — instead of one
 * transaction per item):
 * - the user acts on the item when the engine would let them (their grant of the item's assigned
 *   role covers its unit, nobody else holds it); otherwise — the campaign module's wider rules
 *   (an admin, a supervisor submitting for its unit, the council secretary opening a ballot) — the
 *   system acts, with the user and the action in the history's reason;
 * - `skip`/`redo` (how the ballot's outcome moves the item out of the vote stage) are the system's;
 * - the engine's `allocate_document_number` is dropped: the commendation service signs and numbers
 *   its QĐ in the same transaction (one QĐ may list many nominations, so one document per item
 *   cannot hold);
 * - the item's stage is checked first: a plan only runs when it matches (`plan` returns null
 *   otherwise), so an item moved through the generic items API is left alone, and logged.
 */
@Injectable()
export class CommendationItems {
  constructor(
    private readonly items: ItemsService,
    private readonly runtime: ItemRuntime,
    private readonly workItems: WorkItemRepository,
  ) {}

  /** The published `commendation` definition, or null when it is not there (no items then). */
  async compiled(m?: EntityManager) {
    try {
      return (await this.items.publishedDefinition(COMMENDATION_WORKFLOW, undefined, m)).compiled;
    } catch (e) {
      if (isAppError(e) && (e.code === 'NOT_FOUND' || e.code === 'DEFINITION_NOT_PUBLISHED')) {
        currentLogger().warn({ workflow: COMMENDATION_WORKFLOW }, 'commendation definition not published: nominations run without items');
        return null;
      }
      throw e;
    }
  }

  async create(m: EntityManager, principal: Principal, spec: NewItemSpec, now: Date): Promise<{ itemId: string | null; outbox: OutboxMessage[] }> {
    const compiled = await this.compiled(m);
    if (!compiled) return { itemId: null, outbox: [] };
    const acting: ActingAs = principal.roles.some((r) => r.role === 'officer' && r.unitId === spec.unit.id) ? { kind: 'user', principal } : { kind: 'system', reason: `commendation.nominate by ${principal.userId}` };
    const { rows, outbox } = await this.items.createMany(m, acting, compiled, [spec], now);
    return { itemId: rows[0].id, outbox };
  }

  /**
   * Runs the steps `plan` gives for the item's current stage, in the caller's transaction (the item
   * row is locked first). Returns the outbox rows to dispatch after commit.
   */
  async advance(
    m: EntityManager,
    principal: Principal | null,
    action: string,
    itemId: string | null,
    plan: (stage: string) => ItemStep[] | null,
    now: Date,
  ): Promise<{ stage: string | null; outbox: OutboxMessage[] }> {
    if (!itemId) return { stage: null, outbox: [] };
    await m.query(`SELECT id FROM work_item WHERE id = $1 FOR UPDATE`, [itemId]);
    let item = await this.workItems.byId(itemId, m);
    if (!item) return { stage: null, outbox: [] };
    const steps = item.status === 'final' ? null : plan(item.stage);
    if (!steps) {
      currentLogger().info({ itemId, stage: item.stage, status: item.status, action }, 'nomination item not at the stage of this action: left as it is');
      return { stage: item.stage, outbox: [] };
    }
    const outbox: OutboxMessage[] = [];
    for (const s of steps) {
      const acting = this.actingFor(principal, item, s.event, action);
      const p = await this.runtime.prepare(acting, item, s.event, { now }, m);
      const effects = p.result.effects.filter((e) => e.type !== 'allocate_document_number' && !(s.quiet && e.type === 'notify'));
      try {
        const out = await this.runtime.save(m, acting, { ...p, result: { ...p.result, effects } }, s.event);
        item = out.saved;
        outbox.push(...out.outbox);
      } catch (e) {
        // ItemRuntime's lost race (the row is locked above, so only a bug gets here): a conflict, not a 500.
        if (!isAppError(e) && e instanceof Error && e.constructor.name === 'LostRace') throw new AppError('VERSION_CONFLICT', { details: { itemId } });
        throw e;
      }
    }
    return { stage: item.stage, outbox };
  }

  private actingFor(principal: Principal | null, item: WorkItemRecord, event: WorkItemEvent, action: string): ActingAs {
    const system: ActingAs = { kind: 'system', reason: `commendation.${action}${principal ? ` by ${principal.userId}` : ''}` };
    if (!principal || PRIVILEGED.has(event.type)) return system;
    const role = item.assignedRole;
    const path = item.assignedUnitPath;
    if (!role || !path) return system;
    const covers = principal.roles.some((g) => g.role === role && (g.workflows === null || g.workflows.includes(item.workflowKey)) && (g.unitPath === path || (SUBTREE.has(g.role) && path.startsWith(g.unitPath))));
    return covers ? { kind: 'user', principal } : system;
  }
}
