import { Injectable } from '@nestjs/common';
import { step, type CompiledWorkflow, type Effect, type WorkItemSnapshot } from '@thidua/workflow-core';
import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from 'typeorm';
import { currentRequest } from '../../../common/logging/request-context';
import type { DefinitionRecord } from '../definitions/definition.repository';
import type { ActingAs } from '../engine/actor';
import type { UnitRow } from '../../org/index';
import { refusalToError } from '../engine/refusal-to-error';
import { StepContextFactory, type TreeSlice } from '../engine/step-context.factory';
import { ItemRuntime } from '../items/item-runtime.service';
import { ItemsService } from '../items/items.service';
import { domainEventMessage, itemCreatedEvent } from '../outbox/domain-events';
import type { OutboxMessage } from '../outbox/outbox.repository';
import { CascadeRepository, type ChildTemplate } from './cascade.repository';

/** Placeholders of a child template; the SQL that spawns a batch puts each child's values in their place. */
export const PLACEHOLDER = { item: '@@ITEM@@', unit: '@@UNIT@@', parent: '@@PARENT@@', path: '@@PATH@@', parentPath: '@@PPATH@@', title: '@@TITLE@@' } as const;

/** Effects a child may have at creation for the set-based path; anything else takes the item-by-item path. */
const TEMPLATE_EFFECTS = new Set<Effect['type']>(['assign', 'audit', 'notify', 'schedule_timer', 'allocate_document_number']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface ChildOutcome {
  snapshot: WorkItemSnapshot;
  messages: Array<{ topic: string; payload: Record<string, unknown> }>;
  timers: Array<{ key: string; kind: string; stage: string; fireAt: string }>;
}

export interface ChildValues {
  unitId: string;
  parentId: string | null;
  path: string;
  parentPath: string | null;
  title: string;
}

/** The text of a JSON string value without its quotes (a value put inside a JSON text). */
const jsonInner = (s: string): string => JSON.stringify(s).slice(1, -1);

/** What the SQL does to a template text for one child (kept beside it so that the check below is faithful). */
export function fillTemplate(text: string, v: ChildValues, itemId?: string): string {
  let out = text;
  if (itemId !== undefined) out = out.split(PLACEHOLDER.item).join(itemId);
  return out
    .split(PLACEHOLDER.unit).join(v.unitId)
    .split(PLACEHOLDER.parent).join(v.parentId ?? '')
    .split(PLACEHOLDER.path).join(jsonInner(v.path))
    .split(PLACEHOLDER.parentPath).join(jsonInner(v.parentPath ?? ''))
    .split(PLACEHOLDER.title).join(jsonInner(v.title));
}

/** The reverse: a child's own values replaced by placeholders (longest path first: a parent's path prefixes its child's). */
function toTemplate(text: string, v: ChildValues): string {
  let out = text.split(jsonInner(v.path)).join(PLACEHOLDER.path);
  if (v.parentPath) out = out.split(jsonInner(v.parentPath)).join(PLACEHOLDER.parentPath);
  out = out.split(v.unitId).join(PLACEHOLDER.unit);
  if (v.parentId) out = out.split(v.parentId).join(PLACEHOLDER.parent);
  return out;
}

/**
 * Creates a batch of fan-out children set-based (issue 17, line 4). The pure `step(create)` is run for
 * two children of the batch; when the second one's outcome is exactly the first one's with the unit's own
 * values (id, parent, paths, title) put in, and nothing in it refers to another unit or a person, every child
 * of the batch is written by ONE statement (items, their first history rows, timers and outbox rows, in
 * INSERT … SELECT from the unit table). Otherwise, or for a batch of one, the item-by-item path
 * (ItemsService.createMany) is taken: the result is the same, only slower.
 */
@Injectable()
export class CascadeChildren {
  constructor(
    private readonly contexts: StepContextFactory,
    private readonly runtime: ItemRuntime,
    private readonly itemsService: ItemsService,
    private readonly cascades: CascadeRepository,
  ) {}

  async spawn(
    m: EntityManager,
    acting: ActingAs,
    def: { record: DefinitionRecord; compiled: CompiledWorkflow },
    parent: { id: string; title: string; campaignId: string | null },
    units: readonly UnitRow[],
    now = new Date(),
  ): Promise<{ rows: Array<{ id: string; unitId: string }>; outbox: OutboxMessage[]; setBased: boolean }> {
    const specs = (us: readonly UnitRow[]) => us.map((u) => ({ unit: u, title: `${parent.title} — ${u.name}`, data: {}, campaignId: parent.campaignId, parentItemId: parent.id }));
    // The set-based path writes a system actor's history rows (a cascade is never a person's action).
    if (units.length < 2 || acting.kind !== 'system') return { ...(await this.itemsService.createMany(m, acting, def.compiled, specs(units), now)), setBased: false };
    // One template per unit kind (a selector may take several kinds; the definition may treat them apart).
    const byKind = new Map<string, UnitRow[]>();
    for (const u of units) byKind.set(u.kind, [...(byKind.get(u.kind) ?? []), u]);
    const rows: Array<{ id: string; unitId: string }> = [];
    const outbox: OutboxMessage[] = [];
    let setBased = true;
    for (const group of byKind.values()) {
      const template = group.length >= 2 ? await this.template(m, acting, def, parent, group, now) : null;
      if (!template) {
        const r = await this.itemsService.createMany(m, acting, def.compiled, specs(group), now);
        rows.push(...r.rows);
        outbox.push(...r.outbox);
        setBased = false;
        continue;
      }
      const r = await this.cascades.insertChildren(m, template, group.map((u) => u.id));
      rows.push(...r.rows);
      outbox.push(...r.outbox);
    }
    return { rows, outbox, setBased };
  }

  private async outcome(m: EntityManager, acting: ActingAs, compiled: CompiledWorkflow, tree: TreeSlice, unit: UnitRow, title: string, now: Date, parent: { id: string; campaignId: string | null }): Promise<ChildOutcome | null> {
    const ctx = await this.contexts.build({ compiled, itemId: 'new', unitId: unit.id, data: {}, snapshot: null, event: { type: 'create' }, acting, now, tree }, m);
    const result = step(compiled, null, { type: 'create' }, ctx);
    if (!result.ok) throw refusalToError(result.refusal);
    if (result.effects.some((e) => !TEMPLATE_EFFECTS.has(e.type))) return null;
    const timers: ChildOutcome['timers'] = [];
    const out = await this.runtime.applyEffects(m, { id: PLACEHOLDER.item, title, unitId: unit.id, workflowKey: compiled.definition.key, campaignId: null }, result.effects, {
      deferTimers: timers as never,
      // The same facts as the item-by-item path's creation step (notifications: event, actor, event key).
      facts: { event: 'create', actorUserId: acting.kind === 'user' ? acting.principal.userId : null, comment: null, eventKey: `${PLACEHOLDER.item}@1` },
    });
    // The item-by-item path's domain event (`item.created`, for webhooks), with the child's values as placeholders.
    const facts = { id: PLACEHOLDER.item, workflowKey: compiled.definition.key, workflowVersion: compiled.definition.version, title, unitId: unit.id, unitPath: unit.path, campaignId: parent.campaignId, parentItemId: parent.id };
    const created = domainEventMessage(itemCreatedEvent(facts, result.snapshot, null, now));
    return { snapshot: result.snapshot, messages: [...out.messages, created], timers: timers.map((t) => ({ key: t.key, kind: t.kind, stage: t.stage, fireAt: t.fireAt })) };
  }

  /** The batch's template, or null when the children of this group are not all alike. */
  private async template(
    m: EntityManager,
    acting: ActingAs,
    def: { record: DefinitionRecord; compiled: CompiledWorkflow },
    parent: { id: string; title: string; campaignId: string | null },
    group: readonly UnitRow[],
    now: Date,
  ): Promise<ChildTemplate | null> {
    const first = group[0];
    const check = group[group.length - 1];
    const tree = await this.contexts.treeFor(def.compiled, [first.id, check.id], acting, m);
    const valuesOf = (u: UnitRow, title: string): ChildValues => {
      const parentPath = u.parentId ? (tree.pathOf(u.parentId) ?? null) : null;
      return { unitId: u.id, parentId: u.parentId ?? null, path: u.path, parentPath, title };
    };
    const t = await this.outcome(m, acting, def.compiled, tree, first, PLACEHOLDER.title, now, parent);
    const c = await this.outcome(m, acting, def.compiled, tree, check, `${parent.title} — ${check.name}`, now, parent);
    if (!t || !c) return null;
    const tv = valuesOf(first, PLACEHOLDER.title);
    const cv = valuesOf(check, `${parent.title} — ${check.name}`);
    if (tv.parentId && !tv.parentPath) return null;
    const text = toTemplate(JSON.stringify(t), tv);
    // Nothing else that names a unit or a person: such a reference would differ from child to child.
    const constant = new Set([def.record.id, parent.id, parent.campaignId].filter((x): x is string => !!x).map((x) => x.toLowerCase()));
    if ((text.match(UUID) ?? []).some((u) => !constant.has(u.toLowerCase()))) return null;
    if (JSON.stringify(t.snapshot).includes(PLACEHOLDER.item)) return null;
    // Nor the path of an ancestor above the parent (it would differ from one grandparent to the next).
    const keys = (tv.parentPath ?? '').split('/').filter(Boolean);
    for (let i = 1; i < keys.length; i += 1) if (text.includes(`"${jsonInner(`/${keys.slice(0, i).join('/')}/`)}`)) return null;
    // The check: the second child, computed for real, equals the template filled with its values.
    if (!isDeepStrictEqual(JSON.parse(fillTemplate(text, cv)), JSON.parse(JSON.stringify(c)))) return null;
    const a = t.snapshot.assignment;
    if (a && (a.userId || a.claimedBy)) return null;
    const assignedTo = !a ? 'none' : a.unitId === first.id ? 'self' : a.unitId === first.parentId ? 'parent' : null;
    if (assignedTo === null) return null;
    const tpl = JSON.parse(text) as { snapshot: unknown; messages: Array<{ topic: string; payload: unknown }>; timers: ChildOutcome['timers'] };
    return {
      definitionId: def.record.id,
      workflowKey: def.compiled.definition.key,
      workflowVersion: def.compiled.definition.version,
      campaignId: parent.campaignId,
      parentItemId: parent.id,
      titlePrefix: `${parent.title} — `,
      stage: t.snapshot.stage,
      status: t.snapshot.status,
      snapshot: JSON.stringify(tpl.snapshot),
      assignedTo,
      assignedRole: a?.role ?? null,
      dueAt: t.snapshot.deadline?.dueAt ?? null,
      submitterId: t.snapshot.submitterId,
      event: { details: { ...(acting.kind === 'system' ? { system: acting.reason } : {}), parentItemId: parent.id }, requestId: currentRequest()?.requestId ?? null },
      timers: tpl.timers,
      messages: tpl.messages.map((msg) => ({ topic: msg.topic, payload: JSON.stringify(msg.payload) })),
    };
  }
}
