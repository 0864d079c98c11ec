import { Injectable, Logger } from '@nestjs/common';
import type { FiredHook, HookCatalogue, HookContract, RequiredHook, WorkItemEvent } from '@thidua/workflow-core';
import type { EntityManager } from 'typeorm';
import type { WorkItemRecord } from '../items/work-item.repository';
import type { DomainEvent } from '../outbox/domain-events';

/** Who acted in the step that fired a hook: the person (and on whose behalf), or the runtime itself. */
export interface HookActor {
  userId: string | null;
  onBehalfOfUserId: string | null;
  /** Set when the runtime acted (timer, cascade, join): the reason. */
  system?: string;
}

/** What a hook handler gets: the item as saved by the step, the hook fired, the event, who acted, the data, the clock. */
export interface HookContext {
  item: WorkItemRecord;
  hook: FiredHook;
  event: WorkItemEvent;
  actor: HookActor;
  data: Record<string, unknown>;
  now: Date;
  /**
   * Addition to the shared contract: what a domain endpoint passed along with the action (`ActOptions.hookInput`,
   * e.g. the signing date of a plan). Empty on the generic items API: handlers must work without it.
   */
  input?: Record<string, unknown>;
  /** Adds a domain event (e.g. `campaign.status_changed`) to this step's outbox rows, committed with the step. */
  publish?: (event: DomainEvent) => void;
}

/** Runs inside the step's transaction (`m`); throwing rolls the whole step back. */
export type HookHandler = (m: EntityManager, ctx: HookContext) => Promise<void>;

export interface HookRegistration {
  name: string;
  contract: HookContract;
  handler: HookHandler;
}

/**
 * The stage hooks the runtime knows. Domain modules register theirs in `onModuleInit` and bind to definitions
 * only through hook names (and stage tags), never stage ids. Publishing a definition validates it against
 * `catalogue()`; `ItemRuntime.save` runs the handlers of the hooks a step fired inside that step's transaction.
 */
@Injectable()
export class WorkflowHookRegistry {
  private readonly log = new Logger(WorkflowHookRegistry.name);
  private readonly hooks = new Map<string, HookRegistration>();
  private readonly required: RequiredHook[] = [];

  register(r: HookRegistration): void {
    if (this.hooks.has(r.name)) throw new Error(`stage hook ${r.name} is registered twice`);
    this.hooks.set(r.name, r);
  }

  /** Workflows matching `workflowKeyOrPrefix` (a key, or a prefix ending in `*`) must carry `hook` (min 1 by default). */
  require(workflowKeyOrPrefix: string, hook: string, bounds: { min?: number; max?: number } = {}): void {
    this.required.push({ workflow: workflowKeyOrPrefix, hook, ...(bounds.min !== undefined ? { min: bounds.min } : {}), ...(bounds.max !== undefined ? { max: bounds.max } : {}) });
  }

  catalogue(): HookCatalogue {
    return { contracts: Object.fromEntries([...this.hooks].map(([k, r]) => [k, r.contract])), required: [...this.required] };
  }

  has(name: string): boolean {
    return this.hooks.has(name);
  }

  /** Whether any of these fired hooks has a handler (a step without one may take the one-statement path). */
  anyHandled(fired: readonly FiredHook[]): boolean {
    return fired.some((h) => this.hooks.has(h.name));
  }

  /** Runs the handlers of the fired hooks in order, in the caller's transaction. */
  async run(m: EntityManager, fired: readonly FiredHook[], base: Omit<HookContext, 'hook'>): Promise<void> {
    for (const hook of fired) {
      const r = this.hooks.get(hook.name);
      if (!r) {
        // Only possible for a definition published before its module was removed: the catalogue refuses it otherwise.
        this.log.warn(`stage hook ${hook.name} fired on ${base.item.workflowKey}.${hook.stage} has no handler`);
        continue;
      }
      await r.handler(m, { ...base, hook });
    }
  }
}
