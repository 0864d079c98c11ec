import { Injectable } from '@nestjs/common';
import { allocate, excludedUserIds, step, type AllocateAssignment, type CompiledWorkflow, type Effect, type StepContext, type WorkItemSnapshot } from '@thidua/workflow-core';
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
import { AllocationRepository, type AllocationKey, type AllocationMade } from '../allocation/allocation.repository';
import { allocationKey, AllocationPass, creationSeed, needsAllocation } from '../allocation/allocation-pass';

/** Placeholders of a child template; the SQL that spawns a batch puts each child's values in their place. */
export const PLACEHOLDER = { item: '@@ITEM@@', unit: '@@UNIT@@', parent: '@@PARENT@@', path: '@@PATH@@', parentPath: '@@PPATH@@', title: '@@TITLE@@', user: '@@USER@@' } as const;

/**
 * The one candidate of the template's allocation: the two template children are allocated to this id, which the
 * template turns into @@USER@@; each child's real person is chosen by the batch's allocation pass.
 */
const ANY_ALLOCATED = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

/** Effects a child may have at creation for the set-based path; anything else takes the item-by-item path. */
const TEMPLATE_EFFECTS = new Set<Effect['type']>(['assign', 'audit', 'notify', 'schedule_timer', 'allocate_document_number', 'record_allocation']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What the batch's allocation pass needs of a template created at an allocated stage. */
interface TemplateAllocation {
  stage: string;
  role: AllocationKey['role'];
  spec: AllocateAssignment;
  barred: string[];
}

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
  /** The person the child's work is allocated to (the template's own children: ANY_ALLOCATED). */
  userId?: string;
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
    .split(PLACEHOLDER.title).join(jsonInner(v.title))
    .split(PLACEHOLDER.user).join(v.userId ?? '');
}

/** The reverse: a child's own values replaced by placeholders (longest path first: a parent's path prefixes its child's). */
function toTemplate(text: string, v: ChildValues): string {
  let out = text.split(ANY_ALLOCATED).join(PLACEHOLDER.user).split(jsonInner(v.path)).join(PLACEHOLDER.path);
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
 * (ItemsService.createMany) is taken: the result is the same, only slower. Children created at a stage a strategy
 * allocates stay set-based: the template is allocated to a placeholder person, and one allocation pass for the batch
 * (cursor rows locked, inputs read: two statements; the allocations recorded: one) chooses each child's person, whom
 * the same INSERT … SELECT puts in (a child whose unit has nobody to allocate to takes the item-by-item path).
 */
@Injectable()
export class CascadeChildren {
  constructor(
    private readonly contexts: StepContextFactory,
    private readonly runtime: ItemRuntime,
    private readonly itemsService: ItemsService,
    private readonly cascades: CascadeRepository,
    private readonly allocations: AllocationRepository,
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
      if (!template.allocation) {
        const r = await this.cascades.insertChildren(m, template, group.map((u) => u.id));
        rows.push(...r.rows);
        outbox.push(...r.outbox);
        continue;
      }
      const { chosen, made, rest } = await this.allocateBatch(m, def.compiled, template, template.allocation, parent.id, group, now);
      const r = await this.cascades.insertChildren(m, template, Object.keys(chosen), chosen);
      rows.push(...r.rows);
      outbox.push(...r.outbox);
      const inserted = new Set(r.rows.map((x) => x.unitId));
      await this.allocations.record(m, def.compiled.definition.key, made.filter((x) => inserted.has(x.childUnitId)));
      if (rest.length > 0) {
        const more = await this.itemsService.createMany(m, acting, def.compiled, specs(rest), now);
        rows.push(...more.rows);
        outbox.push(...more.outbox);
        setBased = false;
      }
    }
    return { rows, outbox, setBased };
  }

  private async outcome(
    m: EntityManager,
    acting: ActingAs,
    compiled: CompiledWorkflow,
    tree: TreeSlice,
    unit: UnitRow,
    title: string,
    now: Date,
    parent: { id: string; campaignId: string | null },
    allocation?: StepContext['allocation'],
  ): Promise<ChildOutcome | null> {
    const ctx = await this.contexts.build({ compiled, itemId: 'new', unitId: unit.id, data: {}, snapshot: null, event: { type: 'create' }, acting, now, tree }, m);
    if (allocation) ctx.allocation = allocation;
    const result = step(compiled, null, { type: 'create' }, ctx);
    if (!result.ok) throw refusalToError(result.refusal);
    if (result.effects.some((e) => !TEMPLATE_EFFECTS.has(e.type))) return null;
    const timers: ChildOutcome['timers'] = [];
    // The allocation is recorded per child by the batch's pass (the template's person is a placeholder).
    const effects = result.effects.filter((e) => e.type !== 'record_allocation');
    const out = await this.runtime.applyEffects(m, { id: PLACEHOLDER.item, title, unitId: unit.id, workflowKey: compiled.definition.key, campaignId: null }, effects, {
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
  ): Promise<(ChildTemplate & { allocation?: TemplateAllocation }) | null> {
    const first = group[0];
    const check = group[group.length - 1];
    const tree = await this.contexts.treeFor(def.compiled, [first.id, check.id], acting, m);
    const valuesOf = (u: UnitRow, title: string): ChildValues => {
      const parentPath = u.parentId ? (tree.pathOf(u.parentId) ?? null) : null;
      return { unitId: u.id, parentId: u.parentId ?? null, path: u.path, parentPath, title };
    };
    let t = await this.outcome(m, acting, def.compiled, tree, first, PLACEHOLDER.title, now, parent);
    let c = await this.outcome(m, acting, def.compiled, tree, check, `${parent.title} — ${check.name}`, now, parent);
    if (!t || !c) return null;
    // Created at a stage a strategy allocates: the template is the outcome of allocating to a placeholder person.
    let allocation: TemplateAllocation | undefined;
    if (needsAllocation(def.compiled, null, t.snapshot)) {
      const key = allocationKey(t.snapshot);
      const spec = def.compiled.definition.stages[key.stage]?.actor?.assignment as AllocateAssignment;
      allocation = { stage: key.stage, role: key.role, spec, barred: excludedUserIds(def.compiled.definition, t.snapshot, key.stage) };
      const placeholder: StepContext['allocation'] = () => ({ candidates: [{ userId: ANY_ALLOCATED, openCount: 0, lastAllocatedAt: null, capabilities: spec.capability ? [spec.capability] : [] }], lastAllocatedUserId: null, seed: '' });
      t = await this.outcome(m, acting, def.compiled, tree, first, PLACEHOLDER.title, now, parent, placeholder);
      c = await this.outcome(m, acting, def.compiled, tree, check, `${parent.title} — ${check.name}`, now, parent, placeholder);
      if (!t || !c || t.snapshot.assignment?.claimedBy !== ANY_ALLOCATED) return null;
    }
    const tv = valuesOf(first, PLACEHOLDER.title);
    const cv = { ...valuesOf(check, `${parent.title} — ${check.name}`), ...(allocation ? { userId: ANY_ALLOCATED } : {}) };
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
    if (a && (a.userId || (a.claimedBy && !allocation))) return null;
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
      ...(allocation ? { allocation } : {}),
    };
  }

  /**
   * One allocation pass for a batch of children at an allocated stage: the cursor rows of the units holding their
   * work locked and the inputs read (two statements), each child decided in unit order seeing the decisions before
   * it (`allocate` with the stage's strategy, as the step would). A child whose unit has nobody to allocate to — or
   * whose work sits at a parent it has not — is left to the item-by-item path, which offers it with the reason.
   */
  private async allocateBatch(
    m: EntityManager,
    compiled: CompiledWorkflow,
    template: ChildTemplate,
    a: TemplateAllocation,
    parentItemId: string,
    group: readonly UnitRow[],
    now: Date,
  ): Promise<{ chosen: Record<string, { userId: string; audit: unknown[] }>; made: Array<AllocationMade & { childUnitId: string }>; rest: UnitRow[] }> {
    const keyOf = (u: UnitRow): AllocationKey | null => {
      const unitId = template.assignedTo === 'self' ? u.id : u.parentId;
      return unitId ? { stage: a.stage, unitId, role: a.role } : null;
    };
    const keys = group.map(keyOf).filter((k): k is AllocationKey => k !== null);
    const pass = await AllocationPass.open(this.allocations, m, compiled.definition.key, keys);
    const barred = new Set(a.barred);
    const chosen: Record<string, { userId: string; audit: unknown[] }> = {};
    const made: Array<AllocationMade & { childUnitId: string }> = [];
    const rest: UnitRow[] = [];
    for (const [i, u] of group.entries()) {
      const key = keyOf(u);
      const input = key ? pass.inputOf(key, creationSeed(parentItemId, u.id, now, i)) : undefined;
      const decision = key && input ? allocate(a.spec, input, barred) : null;
      if (!key || !decision || 'fallback' in decision) {
        rest.push(u);
        continue;
      }
      pass.took(key, decision.userId, now.toISOString());
      chosen[u.id] = { userId: decision.userId, audit: [{ action: 'allocation.allocated', stage: a.stage, strategy: decision.strategy, userId: decision.userId, considered: decision.considered }] };
      made.push({ stage: a.stage, unitId: key.unitId, userId: decision.userId, childUnitId: u.id });
    }
    return { chosen, made, rest };
  }
}
